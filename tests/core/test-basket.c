/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Product figures and pairs bought together (clv-basket.c), checked against a plain recount
 * of the same orders: per product the customers and orders holding it, per pair the orders
 * holding both, with support, confidence and lift from their definitions. Both the dense table
 * (a few products) and the hash table (more than the dense table takes) are exercised.
 */
#include <glib.h>
#include <math.h>

#include "clv-basket.h"

typedef struct
{
  gint64 customer;
  gint64 order;
  guint  product;
  gint64 quantity;
  gint64 amount;
} Line;

/* Random orders of customers in the order the shop reads them: by customer, then by order.
 * Products are drawn from @used of the @n_products (spread over the whole range), a few lines
 * repeat a product in the same order and a few are cancellations (negative quantity). */
static GArray *
make_lines (GRand *rng, guint n_products, guint used, guint n_customers)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gint64 order = 100;

  for (guint c = 0; c < n_customers; c++)
    {
      guint n_orders = g_rand_int_range (rng, 1, 5);

      for (guint o = 0; o < n_orders; o++, order += g_rand_int_range (rng, 1, 4))
        {
          guint n_lines = g_rand_int_range (rng, 1, 9);

          for (guint l = 0; l < n_lines; l++)
            {
              Line line;

              line.customer = 1000 + c;
              line.order = order;
              line.product = (guint) g_rand_int_range (rng, 0, used) * (n_products / used);
              line.quantity = g_rand_int_range (rng, 0, 10) == 0 ? -1 : g_rand_int_range (rng, 1, 7);
              line.amount = line.quantity * g_rand_int_range (rng, 50, 900);
              g_array_append_val (lines, line);
            }
        }
    }
  return lines;
}

/* Whether order @order (the lines from @start on) holds @product with a positive quantity. */
static gboolean
order_holds (GArray *lines, guint start, gint64 order, guint product)
{
  for (guint i = start; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);

      if (l->order != order)
        break;
      if (l->product == product && l->quantity > 0)
        return TRUE;
    }
  return FALSE;
}

static void
check_against_recount (guint n_products, guint used, guint seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  g_autoptr(GArray) lines = make_lines (rng, n_products, used, 300);
  g_autoptr(ClvBasket) basket = clv_basket_new (n_products, TRUE);
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  const ClvProductFigures *f;
  guint n_orders = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      clv_basket_add_line (basket, l->customer, l->order, l->product, l->quantity, l->amount);
      if (i == 0 || g_array_index (lines, Line, i - 1).order != l->order)
        g_array_append_val (starts, i);
    }
  /* orders with a product bought (a cancellation alone makes none) */
  for (guint s = 0; s < starts->len; s++)
    {
      guint i = g_array_index (starts, guint, s);
      gint64 order = g_array_index (lines, Line, i).order;
      gboolean any = FALSE;

      for (; i < lines->len && g_array_index (lines, Line, i).order == order; i++)
        any = any || g_array_index (lines, Line, i).quantity > 0;
      n_orders += any;
    }
  g_assert_cmpuint (clv_basket_n_orders (basket), ==, n_orders);

  f = clv_basket_products (basket);
  for (guint p = 0; p < n_products; p += n_products / used)
    {
      gint64 revenue = 0, quantity = 0, last_customer = -1;
      guint customers = 0, orders = 0;

      for (guint i = 0; i < lines->len; i++)
        {
          const Line *l = &g_array_index (lines, Line, i);
          if (l->product == p)
            revenue += l->amount, quantity += l->quantity;
        }
      for (guint s = 0; s < starts->len; s++)
        {
          guint i = g_array_index (starts, guint, s);
          const Line *l = &g_array_index (lines, Line, i);

          if (order_holds (lines, i, l->order, p))
            {
              orders++;
              if (l->customer != last_customer)
                customers++, last_customer = l->customer;
            }
        }
      g_assert_cmpint (f[p].revenue, ==, revenue);
      g_assert_cmpint (f[p].quantity, ==, quantity);
      g_assert_cmpuint (f[p].orders, ==, orders);
      g_assert_cmpuint (f[p].customers, ==, customers);
    }

  pairs = clv_basket_pairs (basket, 1, 0);
  g_assert_cmpuint (pairs->len, >, 0);
  for (guint k = 0; k < pairs->len; k++)
    {
      const ClvProductPair *pair = &g_array_index (pairs, ClvProductPair, k);
      guint both = 0;

      g_assert_cmpuint (pair->a, <, pair->b);
      for (guint s = 0; s < starts->len; s++)
        {
          guint i = g_array_index (starts, guint, s);
          gint64 order = g_array_index (lines, Line, i).order;
          both += order_holds (lines, i, order, pair->a) && order_holds (lines, i, order, pair->b);
        }
      g_assert_cmpuint (pair->orders, ==, both);
      g_assert_cmpfloat_with_epsilon (pair->support, (double) both / n_orders, 1e-12);
      g_assert_cmpfloat_with_epsilon (pair->confidence_ab, (double) both / f[pair->a].orders, 1e-12);
      g_assert_cmpfloat_with_epsilon (pair->confidence_ba, (double) both / f[pair->b].orders, 1e-12);
      g_assert_cmpfloat_with_epsilon (pair->lift,
                                      pair->support / ((double) f[pair->a].orders / n_orders
                                                       * f[pair->b].orders / n_orders), 1e-9);
      if (k > 0)
        g_assert_cmpuint (g_array_index (pairs, ClvProductPair, k - 1).orders, >=, pair->orders);
    }
  /* every pair that some order holds is listed: count them the plain way */
  {
    guint expected = 0;

    for (guint a = 0; a < n_products; a += n_products / used)
      for (guint b = a + n_products / used; b < n_products; b += n_products / used)
        for (guint s = 0; s < starts->len; s++)
          {
            guint i = g_array_index (starts, guint, s);
            gint64 order = g_array_index (lines, Line, i).order;
            if (order_holds (lines, i, order, a) && order_holds (lines, i, order, b))
              {
                expected++;
                break;
              }
          }
    g_assert_cmpuint (pairs->len, ==, expected);
  }
}

static void
test_dense_recount (void)
{
  check_against_recount (12, 12, 7);
}

static void
test_hashed_recount (void)
{
  /* more products than the dense table takes: the pairs go to the hash table */
  check_against_recount (20000, 40, 11);
}

static void
test_limit_keeps_the_most_orders (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  g_autoptr(GArray) lines = make_lines (rng, 15, 15, 400);
  g_autoptr(ClvBasket) basket = clv_basket_new (15, TRUE);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) top = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      clv_basket_add_line (basket, l->customer, l->order, l->product, l->quantity, l->amount);
    }
  all = clv_basket_pairs (basket, 2, 0);
  top = clv_basket_pairs (basket, 2, 5);
  g_assert_cmpuint (all->len, >, 5);
  g_assert_cmpuint (top->len, ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      const ClvProductPair *x = &g_array_index (all, ClvProductPair, k);
      const ClvProductPair *y = &g_array_index (top, ClvProductPair, k);
      g_assert_cmpuint (x->a, ==, y->a);
      g_assert_cmpuint (x->b, ==, y->b);
      g_assert_cmpuint (x->orders, ==, y->orders);
    }
}

static void
test_cancellation_is_no_purchase (void)
{
  g_autoptr(ClvBasket) basket = clv_basket_new (3, TRUE);
  const ClvProductFigures *f;
  g_autoptr(GArray) pairs = NULL;

  /* one order of products 0 and 1; a cancelled invoice takes one of product 1 back */
  clv_basket_add_line (basket, 1, 10, 0, 2, 500);
  clv_basket_add_line (basket, 1, 10, 1, 3, 900);
  clv_basket_add_line (basket, 1, 11, 1, -1, -300);
  clv_basket_add_line (basket, 1, 11, 2, -1, -100);
  f = clv_basket_products (basket);
  g_assert_cmpint (f[1].revenue, ==, 600);
  g_assert_cmpint (f[1].quantity, ==, 2);
  g_assert_cmpuint (f[1].orders, ==, 1);
  g_assert_cmpuint (f[2].orders, ==, 0);
  g_assert_cmpuint (f[2].customers, ==, 0);
  g_assert_cmpuint (clv_basket_n_orders (basket), ==, 1);
  pairs = clv_basket_pairs (basket, 1, 0);
  g_assert_cmpuint (pairs->len, ==, 1);
}

/* The offer against every pair tried the plain way: customers as baskets, each one's
 * products, the best confidence from one of them to a product they lack. */
static void
check_offers (guint n_products, guint used, guint seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  g_autoptr(GArray) lines = make_lines (rng, n_products, used, 200);
  g_autoptr(ClvBasket) basket = clv_basket_new (n_products, TRUE);
  guint step = n_products / used;
  guint checked = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      clv_basket_add_line (basket, l->customer, l->customer, l->product, l->quantity, l->amount);
    }
  for (gint64 c = 1000; c < 1200; c += 7)
    {
      g_autoptr(GArray) owned = g_array_new (FALSE, FALSE, sizeof (guint));
      double best = -1;
      guint best_together = 0;
      ClvOffer offer;
      gboolean found;

      for (guint i = 0; i < lines->len; i++)
        {
          const Line *l = &g_array_index (lines, Line, i);
          if (l->customer == c && l->quantity > 0)
            g_array_append_val (owned, l->product);
        }
      /* plain: for each owned a and each other b, customers holding both over those holding a */
      for (guint i = 0; i < owned->len; i++)
        for (guint b = 0; b < n_products; b += step)
          {
            guint a = g_array_index (owned, guint, i), with_a = 0, both = 0;
            gboolean lacks = TRUE;

            for (guint k = 0; k < owned->len; k++)
              lacks = lacks && g_array_index (owned, guint, k) != b;
            if (!lacks)
              continue;
            for (gint64 d = 1000; d < 1200; d++)
              {
                gboolean has_a = FALSE, has_b = FALSE;
                for (guint j = 0; j < lines->len; j++)
                  {
                    const Line *l = &g_array_index (lines, Line, j);
                    if (l->customer == d && l->quantity > 0)
                      has_a = has_a || l->product == a, has_b = has_b || l->product == b;
                  }
                with_a += has_a;
                both += has_a && has_b;
              }
            if (both >= 3 && with_a > 0
                && ((double) both / with_a > best
                    || ((double) both / with_a == best && both > best_together)))
              best = (double) both / with_a, best_together = both;
          }
      found = clv_basket_best_offer (basket, (const guint *) owned->data, owned->len, 3, &offer);
      g_assert_true (found == (best >= 0));
      if (found)
        {
          g_assert_cmpfloat_with_epsilon (offer.confidence, best, 1e-12);
          g_assert_cmpuint (offer.together, ==, best_together);
          for (guint k = 0; k < owned->len; k++)
            g_assert_cmpuint (g_array_index (owned, guint, k), !=, offer.offer);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_offer_dense (void)
{
  check_offers (12, 12, 5);
}

static void
test_offer_hashed (void)
{
  check_offers (20000, 20, 9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/basket/dense-recount", test_dense_recount);
  g_test_add_func ("/basket/hashed-recount", test_hashed_recount);
  g_test_add_func ("/basket/limit-keeps-the-most-orders", test_limit_keeps_the_most_orders);
  g_test_add_func ("/basket/cancellation-is-no-purchase", test_cancellation_is_no_purchase);
  g_test_add_func ("/basket/offer-dense", test_offer_dense);
  g_test_add_func ("/basket/offer-hashed", test_offer_hashed);
  return g_test_run ();
}
