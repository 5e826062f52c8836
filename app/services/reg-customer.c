/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable customer snapshot for list views, with its sort and search keys computed once.
 */
#include "config.h"

#include <string.h>

#include "reg-customer.h"

struct _RegCustomer
{
  GObject         parent_instance;
  RegCustomerRow *row;          /* (owned) */
  char           *name_key;     /* (owned) */
  char           *search_text;  /* (owned) */
  /* copies of what the sorters compare, next to each other: a sort of 100,000 rows then
   * reads one object per comparison instead of following the row pointer */
  gint64          id;
  gint64          total_spend;
  double          p_alive;
  double          clv;
  gint32          last_purchase;
  guint32         purchases;
  int             tier_rank;
};

G_DEFINE_TYPE (RegCustomer, reg_customer, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_NAME, PROP_EMAIL, N_PROPS };
static GParamSpec *properties[N_PROPS];

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
reg_customer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RegCustomer *self = REG_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->row->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->row->name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->row->email);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_class_init (RegCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_customer_finalize;
  object_class->get_property = reg_customer_get_property;
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_customer_init (RegCustomer *self)
{
}

static int tier_rank (const char *tier);

RegCustomer *
reg_customer_new_from_row (RegCustomerRow *row)
{
  RegCustomer *self = g_object_new (REG_TYPE_CUSTOMER, NULL);
  g_autofree char *folded = g_utf8_casefold (row->name != NULL ? row->name : "", -1);
  g_autofree char *folded_email = g_utf8_casefold (row->email != NULL ? row->email : "", -1);

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
  self->name_key = g_strconcat (ascii, "\x01", collated, NULL);
  self->search_text = g_strconcat (folded, "\n", folded_email, NULL);
  return self;
}

const RegCustomerRow *reg_customer_get_row (RegCustomer *self) { return self->row; }
gint64 reg_customer_get_id (RegCustomer *self) { return self->row->id; }
const char *reg_customer_get_name (RegCustomer *self) { return self->row->name; }
const char *reg_customer_get_email (RegCustomer *self) { return self->row->email; }
const char *reg_customer_get_name_key (RegCustomer *self) { return self->name_key; }
const char *reg_customer_get_search_text (RegCustomer *self) { return self->search_text; }
const char *reg_customer_get_tier (RegCustomer *self) { return self->row->tier; }
const char *reg_customer_get_rfm_group (RegCustomer *self) { return self->row->rfm_group; }
guint32 reg_customer_get_purchases (RegCustomer *self) { return self->row->purchases; }
gint64 reg_customer_get_total_spend (RegCustomer *self) { return self->row->total_spend; }
gint32 reg_customer_get_last_purchase (RegCustomer *self) { return self->row->last_purchase; }
double reg_customer_get_p_alive (RegCustomer *self) { return self->row->p_alive; }
double reg_customer_get_clv (RegCustomer *self) { return self->row->clv; }
guint32 reg_customer_get_at_risk (RegCustomer *self) { return self->row->at_risk; }
gboolean reg_customer_get_archived (RegCustomer *self) { return self->row->archived; }

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

int
reg_customer_compare_name (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = strcmp (((const RegCustomer *) a)->name_key, ((const RegCustomer *) b)->name_key);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_email (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = g_strcmp0 (A->row->email, B->row->email);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_tier (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->tier_rank, B->tier_rank);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_rfm_group (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = g_strcmp0 (A->row->rfm_group, B->row->rfm_group);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_last_purchase (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->last_purchase, B->last_purchase);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_purchases (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->purchases, B->purchases);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_total_spend (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->total_spend, B->total_spend);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_p_alive (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->p_alive, B->p_alive);
  return c != 0 ? c : by_id (a, b);
}

int
reg_customer_compare_clv (gconstpointer a, gconstpointer b, gpointer unused)
{
  int c = CMP (A->clv, B->clv);
  return c != 0 ? c : by_id (a, b);
}
