/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Product figures from the shop's line items (see reg-products.h): the store streams the lines,
 * the core counts them; products are numbered by their place in the shop's list.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "reg-products.h"
#include "reg-products-private.h"
#include "reg-segment-private.h"
#include "reg-shop-private.h"
#include "reg-store-products.h"

typedef struct
{
  ClvBasket  *basket;
  GHashTable *index;   /* product id -> its number + 1 (GINT_TO_POINTER) */
  GHashTable *only;    /* (nullable) the customers whose lines count (a set of gint64) */
  gboolean    by_customer;
} Feed;

static void
product_row_free (gpointer data)
{
  RegProductRow *row = data;

  g_free (row->code);
  g_free (row->name);
  g_free (row);
}

void
reg_product_figures_free (RegProductFigures *figures)
{
  if (figures == NULL)
    return;
  g_clear_pointer (&figures->pairs, g_array_unref);
  g_clear_pointer (&figures->products, g_ptr_array_unref);
  g_free (figures);
}

static void
feed_line (gint64 customer, gint64 sale, gint64 product, gint64 quantity, gint64 amount,
           gpointer data)
{
  Feed *feed = data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (feed->index, &product));

  if (n == 0 || (feed->only != NULL && !g_hash_table_contains (feed->only, &customer)))
    return;
  /* by customer, all of a customer's lines make one basket: the store hands them over
   * together */
  clv_basket_add_line (feed->basket, customer, feed->by_customer ? customer : sale, n - 1,
                       quantity, amount);
}

static int
compare_revenue (gconstpointer x, gconstpointer y)
{
  const RegProductRow *a = *(RegProductRow *const *) x, *b = *(RegProductRow *const *) y;
  int c;

  if (a->revenue_minor != b->revenue_minor)
    return a->revenue_minor > b->revenue_minor ? -1 : 1;
  if ((c = strcmp (a->code, b->code)) != 0)
    return c;
  return 0;
}

RegProductFigures *
reg_shop_product_figures (RegShop *shop, guint pair_limit, GError **error)
{
  return reg_shop_product_figures_for (shop, NULL, REG_PAIRS_BY_ORDER, pair_limit, error);
}

/* The ids of @segment's customers, as a set of gint64 owned by the rows in @keep. */
static GHashTable *
segment_customers (RegStore *store, const RegSegment *segment, GPtrArray **keep, GError **error)
{
  GHashTable *set;

  if ((*keep = reg_segment_list (segment, store, error)) == NULL)
    return NULL;
  set = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < (*keep)->len; i++)
    g_hash_table_add (set, &((RegCustomerRow *) (*keep)->pdata[i])->id);
  return set;
}

static RegProductFigures *figures_read (RegStore *store, GHashTable *only, RegPairBasis by,
                                        guint pair_limit, GError **error);

RegProductFigures *
reg_shop_product_figures_for (RegShop *shop, const RegSegment *segment, RegPairBasis by,
                              guint pair_limit, GError **error)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) only = NULL;

  if (segment != NULL
      && (only = segment_customers (reg_shop_get_store (shop), segment, &members, error)) == NULL)
    return NULL;
  return figures_read (reg_shop_get_store (shop), only, by, pair_limit, error);
}

RegProductFigures *
reg_product_figures_read_for (RegStore *store, const RegSegment *segment, guint pair_limit,
                              GError **error)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) only = NULL;

  if (segment != NULL && (only = segment_customers (store, segment, &members, error)) == NULL)
    return NULL;
  return figures_read (store, only, REG_PAIRS_BY_ORDER, pair_limit, error);
}

RegProductFigures *
reg_product_figures_read (RegStore *store, guint pair_limit, GError **error)
{
  return figures_read (store, NULL, REG_PAIRS_BY_ORDER, pair_limit, error);
}

/* @only: (nullable) the customers whose lines count (a segment's), else everyone's */
static RegProductFigures *
figures_read (RegStore *store, GHashTable *only, RegPairBasis by, guint pair_limit,
              GError **error)
{
  g_autoptr(GPtrArray) records = reg_store_list_products (store, error);
  g_autoptr(RegProductFigures) out = NULL;
  g_autoptr(ClvBasket) basket = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autofree RegProductRow **by_number = NULL;
  const ClvProductFigures *figures;
  Feed feed;

  if (records == NULL)
    return NULL;
  basket = clv_basket_new (records->len, pair_limit != REG_PRODUCT_NO_PAIRS);
  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < records->len; i++)
    {
      RegProductRecord *rec = records->pdata[i];
      g_hash_table_insert (index, &rec->id, GUINT_TO_POINTER (i + 1));
    }
  feed = (Feed) { basket, index, only, by == REG_PAIRS_BY_CUSTOMER };
  if (!reg_store_foreach_sale_line (store, feed_line, &feed, error))
    return NULL;

  out = g_new0 (RegProductFigures, 1);
  out->products = g_ptr_array_new_with_free_func (product_row_free);
  out->pairs = g_array_new (FALSE, FALSE, sizeof (RegProductPairRow));
  out->n_orders = clv_basket_n_orders (basket);
  figures = clv_basket_products (basket);
  by_number = g_new0 (RegProductRow *, MAX (records->len, 1));
  for (guint i = 0; i < records->len; i++)
    {
      RegProductRecord *rec = records->pdata[i];
      RegProductRow *row = g_new0 (RegProductRow, 1);

      row->code = g_steal_pointer (&rec->code);
      row->name = g_steal_pointer (&rec->name);
      row->revenue_minor = figures[i].revenue;
      row->quantity = figures[i].quantity;
      row->customers = figures[i].customers;
      row->orders = figures[i].orders;
      /* a segment's list holds what its customers bought, not every product of the shop */
      if (only != NULL && row->orders == 0 && row->quantity == 0 && row->revenue_minor == 0)
        {
          product_row_free (row);
          continue;
        }
      by_number[i] = row;
      g_ptr_array_add (out->products, row);
    }
  /* a pair of two orders at least: one order holding both says nothing about going together */
  pairs = pair_limit == REG_PRODUCT_NO_PAIRS ? g_array_new (FALSE, FALSE, sizeof (ClvProductPair))
                                             : clv_basket_pairs (basket, 2, pair_limit);
  for (guint i = 0; i < pairs->len; i++)
    {
      const ClvProductPair *p = &g_array_index (pairs, ClvProductPair, i);
      RegProductPairRow row = { by_number[p->a], by_number[p->b], p->orders, p->support,
                                p->confidence_ab, p->confidence_ba, p->lift };

      g_array_append_val (out->pairs, row);
    }
  /* the rows stay where they are in memory: the pairs point at them */
  g_ptr_array_sort (out->products, compare_revenue);
  return g_steal_pointer (&out);
}

void
reg_product_offer_free (RegProductOffer *offer)
{
  if (offer == NULL)
    return;
  g_free (offer->code);
  g_free (offer->name);
  g_free (offer->because_code);
  g_free (offer->because_name);
  g_free (offer->reason);
  g_free (offer);
}

/* at least this many other customers must have bought both: one or two buyers make a 100 %
 * that means nothing */
#define OFFER_MIN_BUYERS 3

typedef struct
{
  Feed    feed;
  gint64  customer;  /* whose products are gathered */
  GArray *owned;     /* guint: their products (numbers), with repeats */
} OfferFeed;

static void
feed_customer_line (gint64 customer, gint64 sale, gint64 product, gint64 quantity,
                    gint64 amount, gpointer data)
{
  OfferFeed *of = data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (of->feed.index, &product));

  if (n == 0)
    return;
  /* each customer is one basket: the pairs count customers who bought both */
  clv_basket_add_line (of->feed.basket, customer, customer, n - 1, quantity, amount);
  if (customer == of->customer && quantity > 0)
    {
      guint k = n - 1;
      g_array_append_val (of->owned, k);
    }
}

RegProductOffer *
reg_shop_product_offer (RegShop *shop, gint64 customer, GError **error)
{
  RegStore *store = reg_shop_get_store (shop);
  g_autoptr(GPtrArray) records = reg_store_list_products (store, error);
  g_autoptr(ClvBasket) basket = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) owned = NULL;
  RegProductOffer *offer;
  RegProductRecord *from, *to;
  OfferFeed of;
  ClvOffer best;

  if (records == NULL)
    return NULL;
  basket = clv_basket_new (records->len, TRUE);
  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < records->len; i++)
    g_hash_table_insert (index, &((RegProductRecord *) records->pdata[i])->id,
                         GUINT_TO_POINTER (i + 1));
  owned = g_array_new (FALSE, FALSE, sizeof (guint));
  of = (OfferFeed) { { basket, index, NULL, TRUE }, customer, owned };
  if (!reg_store_foreach_sale_line (store, feed_customer_line, &of, error))
    return NULL;
  if (!clv_basket_best_offer (basket, (const guint *) owned->data, owned->len, OFFER_MIN_BUYERS,
                              &best))
    return NULL;
  from = records->pdata[best.from];
  to = records->pdata[best.offer];
  offer = g_new0 (RegProductOffer, 1);
  offer->code = g_strdup (to->code);
  offer->name = g_strdup (to->name);
  offer->because_code = g_strdup (from->code);
  offer->because_name = g_strdup (from->name);
  offer->confidence = best.confidence;
  offer->buyers = best.together;
  /* TRANSLATORS: "bought WHITE HANGING HEART T-LIGHT HOLDER; 63 % of its buyers also bought RED
   * HANGING HEART T-LIGHT HOLDER" */
  offer->reason = g_strdup_printf (_("bought %s; %.0f %% of its buyers also bought %s"),
                                   from->name, 100 * best.confidence, to->name);
  return offer;
}

/**
 * reg_shop_product_buyers_by_tier:
 * @shop: the shop
 * @code: a product's code, as the product figures give it
 * @out: (out caller-allocates): its buyers, in all and by tier of the latest analysis
 * @error: %REG_STORE_ERROR_NOT_FOUND for no such product, or a database error
 *
 * Returns: whether @out was filled.
 */
gboolean
reg_shop_product_buyers_by_tier (RegShop *shop, const char *code, RegProductBuyers *out,
                                 GError **error)
{
  guint counts[CLV_N_TIERS];

  g_return_val_if_fail (REG_IS_SHOP (shop), FALSE);
  g_return_val_if_fail (code != NULL && out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  if (!reg_store_product_buyers_by_tier (reg_shop_get_store (shop), code, counts, error))
    return FALSE;
  out->top = counts[CLV_TIER_TOP];
  out->middle = counts[CLV_TIER_MIDDLE];
  out->bottom = counts[CLV_TIER_BOTTOM];
  out->not_scored = counts[CLV_TIER_NONE];
  out->customers = out->top + out->middle + out->bottom + out->not_scored;
  return TRUE;
}

/**
 * reg_product_buyers_in_words:
 * @buyers: a product's buyers by tier
 *
 * Returns: (transfer full): "Bought by 120 customers: 12 top tier, 40 middle, 60 bottom, 8 not
 *   scored yet", translated; the tiers nobody is in are left out.
 */
char *
reg_product_buyers_in_words (const RegProductBuyers *buyers)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: the start of "Bought by 120 customers: 12 top tier, 40 middle, 60 bottom,
   * 8 not scored yet" */
  g_string_printf (out, g_dngettext (GETTEXT_PACKAGE, "Bought by %u customer",
                                     "Bought by %u customers", buyers->customers),
                   buyers->customers);
  /* TRANSLATORS: the parts of "Bought by 120 customers: 12 top tier, 40 middle, 60 bottom,
   * 8 not scored yet": customers in the top, middle and bottom value tiers, and those the
   * latest analysis has not ranked */
  if (buyers->top > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u top tier"), buyers->top));
  if (buyers->middle > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u middle"), buyers->middle));
  if (buyers->bottom > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u bottom"), buyers->bottom));
  if (buyers->not_scored > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u not scored yet"), buyers->not_scored));
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? ": " : ", ", (char *) parts->pdata[i]);
  return g_string_free (out, FALSE);
}
