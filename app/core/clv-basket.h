/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What customers buy, from the line items of their orders: each product's revenue, quantity,
 * buyers and orders, and the pairs of products bought together in one order with their
 * support, confidence both ways and lift. Lines are fed one at a time, grouped by customer and
 * within a customer by order (the order the shop reads them in), so that memory depends on
 * the number of products and of pairs seen together, never on the number of lines: an order's
 * products are kept only until the next order begins. Not thread-safe; one counter per thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ClvProductFigures:
 * @revenue: sum of the line amounts, minor units (a cancelled invoice's lines subtract)
 * @quantity: sum of the line quantities, net of cancellations
 * @customers: customers with at least one order holding the product
 * @orders: orders holding the product
 *
 * Only lines of a positive quantity make a product part of an order (a cancellation's lines
 * take from revenue and quantity, not from the buyers).
 */
typedef struct
{
  gint64 revenue;
  gint64 quantity;
  guint  customers;
  guint  orders;
} ClvProductFigures;

/**
 * ClvProductPair:
 * @a: the product of the lower index
 * @b: the product of the higher index
 * @orders: orders holding both
 * @support: @orders over all orders with products
 * @confidence_ab: of the orders holding @a, the share that hold @b too
 * @confidence_ba: of the orders holding @b, the share that hold @a too
 * @lift: @support over the support @a and @b would have if bought independently
 */
typedef struct
{
  guint  a;
  guint  b;
  guint  orders;
  double support;
  double confidence_ab;
  double confidence_ba;
  double lift;
} ClvProductPair;

typedef struct _ClvBasket ClvBasket;

/* A counter for products numbered 0 .. @n_products − 1; pairs are counted only when @pairs. */
ClvBasket               *clv_basket_new       (guint      n_products,
                                               gboolean   pairs);
void                     clv_basket_free      (ClvBasket *basket);
/* One line: lines of one order come together, and the orders of one customer together. */
void                     clv_basket_add_line  (ClvBasket *basket,
                                               gint64     customer,
                                               gint64     order,
                                               guint      product,
                                               gint64     quantity,
                                               gint64     amount);
/* The figures of every product, indexed by product (@n_products of them); after the last
 * line. */
const ClvProductFigures *clv_basket_products  (ClvBasket *basket);
/* Orders with at least one product (the base of support). */
guint                    clv_basket_n_orders  (ClvBasket *basket);
/* (element-type ClvProductPair) the pairs bought together in at least @min_orders orders,
 * most orders first (then by lift, then by index); at most @limit of them, 0 = all. */
GArray                  *clv_basket_pairs     (ClvBasket *basket,
                                               guint      min_orders,
                                               guint      limit);

/**
 * ClvOffer:
 * @from: a product the customer bought
 * @offer: the product to offer, not bought by them
 * @together: baskets (orders, or customers when each customer was fed as one basket) holding
 *   both
 * @confidence: of the baskets holding @from, the share that hold @offer too
 */
typedef struct
{
  guint  from;
  guint  offer;
  guint  together;
  double confidence;
} ClvOffer;

/* The product to offer someone who bought the products @owned: the strongest association
 * (highest confidence, then most baskets together) from one of them to a product not among
 * them, held together in at least @min_together baskets. FALSE when no pair qualifies. */
gboolean                 clv_basket_best_offer (ClvBasket   *basket,
                                                const guint *owned,
                                                guint        n_owned,
                                                guint        min_together,
                                                ClvOffer    *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClvBasket, clv_basket_free)

G_END_DECLS
