/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Product figures from the shop's line items (see reg-products.h): the store streams the lines,
 * the core counts them; products are numbered by their place in the shop's list.
 */
#include "config.h"

#include <string.h>

#include "reg-products.h"
#include "reg-store-products.h"

typedef struct
{
  ClvBasket  *basket;
  GHashTable *index;   /* product id -> its number + 1 (GINT_TO_POINTER) */
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

  if (n > 0)
    clv_basket_add_line (feed->basket, customer, sale, n - 1, quantity, amount);
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
  RegStore *store = reg_shop_get_store (shop);
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
  feed = (Feed) { basket, index };
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
