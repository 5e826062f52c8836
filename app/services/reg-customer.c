/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable customer snapshot for list views, with its sort key computed once and its search
 * text on first use (a shop of 100,000 customers opens without casefolding every e-mail). It
 * keeps what the lists show, its strings in one block; the full row only when made from one
 * (the shop's list does not keep it: a million of them were half its memory). Made on any
 * thread (the list makes them beside its reading), then used on the main thread only, like
 * the lists that hold it.
 * The class has no properties: GLib 2.74 gives every new object of a class with properties a
 * notification queue, which is a tenth of the cost of making one, 100,000 times per list.
 */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "reg-customer.h"

struct _RegCustomer
{
  GObject         parent_instance;
  RegCustomerRow *row;          /* (owned) (nullable) when made from a full row */
  char           *strings;      /* (owned) name, e-mail and name key, one after the other:
                                 * one allocation per customer instead of one per string */
  const char     *name;         /* in strings */
  const char     *email;        /* (nullable) in strings */
  const char     *name_key;     /* in strings */
  const char     *tier;         /* (nullable) interned */
  const char     *rfm_group;    /* (nullable) interned */
  char           *search_text;  /* (owned) (nullable) until first asked for */
  /* what the sorters and filters compare, next to each other: a sort of 100,000 rows then
   * reads one object per comparison */
  gint64          id;
  gint64          total_spend;
  double          p_alive;
  double          clv;
  gint32          last_purchase;
  guint32         purchases;
  guint32         at_risk;
  int             tier_rank;
  gboolean        archived;
};

G_DEFINE_FINAL_TYPE (RegCustomer, reg_customer, G_TYPE_OBJECT)

static void
reg_customer_finalize (GObject *object)
{
  RegCustomer *self = REG_CUSTOMER (object);

  g_clear_pointer (&self->row, reg_customer_row_free);
  g_free (self->strings);
  g_free (self->search_text);
  G_OBJECT_CLASS (reg_customer_parent_class)->finalize (object);
}

static void
reg_customer_class_init (RegCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_customer_finalize;
}

static void
reg_customer_init (RegCustomer *self)
{
}

static const char *tiers[] = { "top", "middle", "bottom" };

/* The tier as one of the strings above (its rank is the index), or interned. */
static const char *
intern_tier (const char *tier,
             int        *rank)
{
  *rank = 3;
  if (tier == NULL)
    return NULL;
  for (int i = 0; i < (int) G_N_ELEMENTS (tiers); i++)
    if (strcmp (tier, tiers[i]) == 0)
      {
        *rank = i;
        return tiers[i];
      }
  *rank = 2;   /* as before: anything else sorts with the bottom tier */
  return g_intern_string (tier);
}

/* The length of a weight of wcsxfrm() written as g_utf8_collate_key() writes it: one byte
 * below 0x80, else a lead byte and 6 bits per continuation byte, up to 6 bytes in all. */
static gsize
weight_length (guint32 w)
{
  gsize n;

  if (w < 0x80)
    return 1;
  for (n = 2; n < 6 && (w >> (5 * n + 1)) != 0; n++)
    ;
  return n;
}

static char *
write_weight (char   *out,
              guint32 w)
{
  gsize n = weight_length (w);

  if (n == 1)
    {
      *out = (char) w;
      return out + 1;
    }
  for (gsize k = n - 1; k > 0; k--)
    {
      out[k] = (char) (0x80 | (w & 0x3f));
      w >>= 6;
    }
  out[0] = (char) ((0xff00 >> n) | w);
  return out + n;
}

/* Most names are ASCII alone, and for them the Unicode steps of the key change nothing:
 * casefolding is lowering A-Z, transliterating and normalising (NFKC) leave them as they are.
 * What remains of g_utf8_collate_key() is the locale's wcsxfrm() of the characters, written
 * out as it writes it, which a million names then get at a fraction of the cost. Returns
 * FALSE for a name beyond ASCII (or a transform that fails), which takes the general way. */
static gboolean
make_ascii_name_key (const char  *name,
                     GString     *key)
{
  wchar_t wide_buf[128], weights_buf[512];
  g_autofree wchar_t *wide_heap = NULL, *weights_heap = NULL;
  wchar_t *wide = wide_buf, *weights = weights_buf;
  gsize len = 0, n;

  for (const char *c = name; *c != '\0'; c++, len++)
    if ((guchar) *c >= 0x80)
      return FALSE;
  if (len + 1 > G_N_ELEMENTS (wide_buf))
    wide = wide_heap = g_new (wchar_t, len + 1);
  for (gsize i = 0; i < len; i++)
    wide[i] = (wchar_t) g_ascii_tolower (name[i]);
  wide[len] = 0;
  n = wcsxfrm (NULL, wide, 0);
  if (n == (size_t) -1)
    return FALSE;
  if (n + 1 > G_N_ELEMENTS (weights_buf))
    weights = weights_heap = g_new (wchar_t, n + 1);
  wcsxfrm (weights, wide, n + 1);

  /* ascii \x01 collated */
  g_string_set_size (key, 0);
  for (gsize i = 0; i < len; i++)
    g_string_append_c (key, (char) wide[i]);
  g_string_append_c (key, '\x01');
  for (gsize i = 0; i < n; i++)
    {
      gsize at = key->len;

      g_string_set_size (key, at + weight_length ((guint32) weights[i]));
      write_weight (key->str + at, (guint32) weights[i]);
    }
  return TRUE;
}

/* The name's sort key: transliterated first, so "Émile" sorts with "E" and "Łukasz" with "L"
 * in any locale (the C locale the tests and many servers run in collates by code point), then
 * the locale's collation key of the casefolded name. */
static void
make_name_key (const char *name,
               GString    *key)
{
  g_autofree char *folded = NULL, *collated = NULL, *ascii = NULL;

  if (make_ascii_name_key (name, key))
    return;
  folded = g_utf8_casefold (name, -1);
  collated = g_utf8_collate_key (folded, -1);
  ascii = g_str_to_ascii (folded, "C");
  g_string_assign (key, ascii);
  g_string_append_c (key, '\x01');
  g_string_append (key, collated);
}

/**
 * reg_customer_make_name_key:
 * @name: a customer's name
 *
 * Returns: (transfer full): the key reg_customer_compare_name() compares, as strcmp() does
 */
char *
reg_customer_make_name_key (const char *name)
{
  GString *key = g_string_new (NULL);

  make_name_key (name, key);
  return g_string_free (key, FALSE);
}

static RegCustomer *
new_from_brief (const RegCustomerBrief *b,
                GString                *key)
{
  RegCustomer *self = g_object_new (REG_TYPE_CUSTOMER, NULL);
  const char *name = b->name != NULL ? b->name : "";
  gsize name_len = strlen (name), email_len = b->email != NULL ? strlen (b->email) : 0;
  char *p;

  make_name_key (name, key);
  /* name \0 email \0 key \0 */
  p = self->strings = g_malloc (name_len + 1 + (b->email != NULL ? email_len + 1 : 0) + key->len + 1);
  self->name = memcpy (p, name, name_len + 1);
  p += name_len + 1;
  if (b->email != NULL)
    {
      self->email = memcpy (p, b->email, email_len + 1);
      p += email_len + 1;
    }
  self->name_key = memcpy (p, key->str, key->len + 1);

  self->id = b->id;
  self->total_spend = b->total_spend;
  self->p_alive = b->p_alive;
  self->clv = b->clv;
  self->last_purchase = b->last_purchase;
  self->purchases = b->purchases;
  self->at_risk = b->at_risk;
  self->archived = b->archived;
  self->tier = intern_tier (b->tier, &self->tier_rank);
  self->rfm_group = b->rfm_group != NULL ? g_intern_string (b->rfm_group) : NULL;
  return self;
}

/**
 * reg_customer_new_from_row:
 * @row: (transfer full): a customer with their figures and scores
 *
 * Returns: (transfer full): an immutable row of the customer list, with its sort keys, which
 *   keeps @row (reg_customer_get_row()).
 */
RegCustomer *
reg_customer_new_from_row (RegCustomerRow *row)
{
  RegCustomerBrief b = {
    .id = row->id, .name = row->name, .email = row->email, .tier = row->tier,
    .rfm_group = row->rfm_group, .total_spend = row->total_spend, .p_alive = row->p_alive,
    .clv = row->clv, .last_purchase = row->last_purchase, .purchases = row->purchases,
    .at_risk = row->at_risk, .archived = row->archived,
  };
  g_autoptr(GString) key = g_string_new (NULL);
  RegCustomer *self = new_from_brief (&b, key);

  self->row = row;
  return self;
}

/**
 * reg_customer_new_from_brief:
 * @brief: what the customer list shows of a customer; its strings are copied
 * @scratch: (nullable): room to work in, for a caller that makes many (not shared between
 *   threads)
 *
 * Made on any thread: the customer list makes a million of them beside its reading.
 *
 * Returns: (transfer full): an immutable row of the customer list, with its sort keys and no
 *   full row (reg_customer_get_row() gives %NULL: read it from the shop by id).
 */
RegCustomer *
reg_customer_new_from_brief (const RegCustomerBrief *brief,
                             GString                *scratch)
{
  g_autoptr(GString) own = scratch == NULL ? g_string_new (NULL) : NULL;

  return new_from_brief (brief, scratch != NULL ? scratch : own);
}

/**
 * reg_customer_get_row:
 *
 * Returns: (transfer none) (nullable): the full row the customer was made from, %NULL when
 *   made from what the list shows alone (reg_shop_get_customer_row() reads it)
 */
const RegCustomerRow *reg_customer_get_row (RegCustomer *self) { return self->row; }
gint64 reg_customer_get_id (RegCustomer *self) { return self->id; }
const char *reg_customer_get_name (RegCustomer *self) { return self->name; }
const char *reg_customer_get_email (RegCustomer *self) { return self->email; }
const char *reg_customer_get_name_key (RegCustomer *self) { return self->name_key; }

/* Main thread only, as the lists that show customers: made on first use. */
/**
 * reg_customer_get_search_text:
 * @self: a customer row
 *
 * Returns: (transfer none): the casefolded name and e-mail address the search matches.
 */
const char *
reg_customer_get_search_text (RegCustomer *self)
{
  if (self->search_text == NULL)
    {
      g_autofree char *name = g_utf8_casefold (self->name, -1);
      g_autofree char *email = g_utf8_casefold (self->email != NULL ? self->email : "", -1);

      self->search_text = g_strconcat (name, "\n", email, NULL);
    }
  return self->search_text;
}

const char *reg_customer_get_tier (RegCustomer *self) { return self->tier; }
int reg_customer_get_tier_rank (RegCustomer *self) { return self->tier_rank; }
const char *reg_customer_get_rfm_group (RegCustomer *self) { return self->rfm_group; }
guint32 reg_customer_get_purchases (RegCustomer *self) { return self->purchases; }
gint64 reg_customer_get_total_spend (RegCustomer *self) { return self->total_spend; }
gint32 reg_customer_get_last_purchase (RegCustomer *self) { return self->last_purchase; }
double reg_customer_get_p_alive (RegCustomer *self) { return self->p_alive; }
double reg_customer_get_clv (RegCustomer *self) { return self->clv; }
guint32 reg_customer_get_at_risk (RegCustomer *self) { return self->at_risk; }
gboolean reg_customer_get_archived (RegCustomer *self) { return self->archived; }

#define A ((const RegCustomer *) a)
#define B ((const RegCustomer *) b)
#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y) ? 1 : 0)

/* Ties are broken by id so that sorting is stable and repeatable. */
static int
by_id (gconstpointer a, gconstpointer b)
{
  return CMP (A->id, B->id);
}

/**
 * reg_customer_compare_name:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by name as the locale sorts it (g_utf8_collate_key); ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_name (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = strcmp (((const RegCustomer *) a)->name_key, ((const RegCustomer *) b)->name_key);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_email:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by e-mail address, customers without one first; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_email (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = g_strcmp0 (A->email, B->email);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_tier:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: top, middle, bottom, then none; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_tier (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->tier_rank, B->tier_rank);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_rfm_group:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by RFM group, customers without one first; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_rfm_group (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = g_strcmp0 (A->rfm_group, B->rfm_group);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_last_purchase:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by the Julian day of the last purchase; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_last_purchase (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->last_purchase, B->last_purchase);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_purchases:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by the number of purchase days; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_purchases (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->purchases, B->purchases);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_total_spend:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by net spend in minor units; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_total_spend (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->total_spend, B->total_spend);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_p_alive:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by the probability of still buying, unknown (-1) first; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_p_alive (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->p_alive, B->p_alive);
  return c != 0 ? c : by_id (a, b);
}

/**
 * reg_customer_compare_clv:
 * @a: (type RegCustomer): a customer
 * @b: (type RegCustomer): another
 * @unused: not used
 *
 * For GtkCustomSorter: by predicted value in minor units, unknown (-1) first; ties by id.
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b.
 */
int
reg_customer_compare_clv (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->clv, B->clv);
  return c != 0 ? c : by_id (a, b);
}
