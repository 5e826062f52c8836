/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable customer snapshot for list views, with its sort key computed once and its search
 * text on first use (a shop of 100,000 customers opens without casefolding every e-mail). Made
 * on any thread (the list makes them beside its reading), then used on the main thread only,
 * like the lists that hold it.
 * The class has no properties: GLib 2.74 gives every new object of a class with properties a
 * notification queue, which is a tenth of the cost of making one, 100,000 times per list.
 */
#include "config.h"

#include <string.h>

#include "reg-customer.h"

struct _RegCustomer
{
  GObject         parent_instance;
  RegCustomerRow *row;          /* (owned) */
  char           *name_key;     /* (owned) */
  char           *search_text;  /* (owned) (nullable) until first asked for */
  /* copies of what the sorters compare, next to each other: a sort of 100,000 rows then
   * reads one object per comparison instead of following the row pointer */
  gint64          id;
  gint64          total_spend;
  double          p_alive;
  double          clv;
  gint32          last_purchase;
  guint32         purchases;
  int             tier_rank;
  gboolean        archived;
};

G_DEFINE_FINAL_TYPE (RegCustomer, reg_customer, G_TYPE_OBJECT)

static void
reg_customer_finalize (GObject *object)
{
  RegCustomer *self = REG_CUSTOMER (object);

  reg_customer_row_free (self->row);
  g_free (self->name_key);
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

static int tier_rank (const char *tier);

/**
 * reg_customer_new_from_row:
 * @row: (transfer full): a customer with their figures and scores
 *
 * Returns: (transfer full): an immutable row of the customer list, with its sort keys.
 */
RegCustomer *
reg_customer_new_from_row (RegCustomerRow *row)
{
  RegCustomer *self = g_object_new (REG_TYPE_CUSTOMER, NULL);
  g_autofree char *folded = g_utf8_casefold (row->name != NULL ? row->name : "", -1);
  g_autofree char *collated = g_utf8_collate_key (folded, -1);
  /* Transliterated first, so "Émile" sorts with "E" and "Łukasz" with "L" in any locale
   * (the C locale the tests and many servers run in collates by code point). */
  g_autofree char *ascii = g_str_to_ascii (folded, "C");

  self->row = row;
  self->id = row->id;
  self->total_spend = row->total_spend;
  self->p_alive = row->p_alive;
  self->clv = row->clv;
  self->last_purchase = row->last_purchase;
  self->purchases = row->purchases;
  self->tier_rank = tier_rank (row->tier);
  self->archived = row->archived;
  self->name_key = g_strconcat (ascii, "\x01", collated, NULL);
  return self;
}

const RegCustomerRow *reg_customer_get_row (RegCustomer *self) { return self->row; }
/* the figures read from the copies beside the object's header: a sort or a filter over
 * 100,000 customers then touches one block of memory per customer, not two */
gint64 reg_customer_get_id (RegCustomer *self) { return self->id; }
const char *reg_customer_get_name (RegCustomer *self) { return self->row->name; }
const char *reg_customer_get_email (RegCustomer *self) { return self->row->email; }
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
      g_autofree char *name = g_utf8_casefold (self->row->name != NULL ? self->row->name : "", -1);
      g_autofree char *email = g_utf8_casefold (self->row->email != NULL ? self->row->email : "", -1);

      self->search_text = g_strconcat (name, "\n", email, NULL);
    }
  return self->search_text;
}

const char *reg_customer_get_tier (RegCustomer *self) { return self->row->tier; }
int reg_customer_get_tier_rank (RegCustomer *self) { return self->tier_rank; }
const char *reg_customer_get_rfm_group (RegCustomer *self) { return self->row->rfm_group; }
guint32 reg_customer_get_purchases (RegCustomer *self) { return self->purchases; }
gint64 reg_customer_get_total_spend (RegCustomer *self) { return self->total_spend; }
gint32 reg_customer_get_last_purchase (RegCustomer *self) { return self->last_purchase; }
double reg_customer_get_p_alive (RegCustomer *self) { return self->p_alive; }
double reg_customer_get_clv (RegCustomer *self) { return self->clv; }
guint32 reg_customer_get_at_risk (RegCustomer *self) { return self->row->at_risk; }
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

static int
tier_rank (const char *tier)
{
  if (tier == NULL)
    return 3;
  if (g_str_equal (tier, "top"))
    return 0;
  if (g_str_equal (tier, "middle"))
    return 1;
  return 2;
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
  int c = g_strcmp0 (A->row->email, B->row->email);
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
  int c = g_strcmp0 (A->row->rfm_group, B->row->rfm_group);
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
