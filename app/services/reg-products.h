/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the shop's customers buy, for the command line (and later the window): each product's
 * revenue, quantity, buyers and orders, and the pairs bought together in one order, worked out
 * by app/core/clv-basket.c from the line items the imports kept. Synchronous: a few hundred
 * thousand lines take well under a second. Owner's thread.
 */
#pragma once

#include "clv-basket.h"
#include "reg-segment.h"
#include "reg-shop.h"

G_BEGIN_DECLS

typedef struct
{
  char   *code;            /* (owned) */
  char   *name;            /* (owned) */
  gint64  revenue_minor;
  gint64  quantity;
  guint   customers;
  guint   orders;
} RegProductRow;

typedef struct
{
  const RegProductRow *a;  /* (unowned) into RegProductFigures.products */
  const RegProductRow *b;
  guint   orders;
  double  support;
  double  confidence_ab;
  double  confidence_ba;
  double  lift;
} RegProductPairRow;

typedef struct
{
  GPtrArray *products;     /* (owned) RegProductRow, by revenue, highest first */
  GArray    *pairs;        /* (owned) RegProductPairRow, by orders holding both, most first */
  guint      n_orders;     /* orders with line items */
} RegProductFigures;

void               reg_product_figures_free (RegProductFigures *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegProductFigures, reg_product_figures_free)

/* @pair_limit for the products alone */
#define REG_PRODUCT_NO_PAIRS G_MAXUINT

/* The figures of every product and the pairs bought together in at least two orders (at most
 * @pair_limit of them, 0 = all); NULL with @error when the shop cannot be read. */
RegProductFigures *reg_shop_product_figures (RegShop  *shop,
                                             guint     pair_limit,
                                             GError  **error);

/* What a pair counts: orders holding both products, or customers who bought both (in one
 * order or across several). */
typedef enum
{
  REG_PAIRS_BY_ORDER,
  REG_PAIRS_BY_CUSTOMER,
} RegPairBasis;

/* As reg_shop_product_figures(), from the lines of @segment's customers alone (NULL = every
 * customer's), the pairs counted @by order or by customer: then a pair's and a product's
 * `orders` count customers, and `n_orders` the customers with line items. */
RegProductFigures *reg_shop_product_figures_for (RegShop          *shop,
                                                 const RegSegment *segment,
                                                 RegPairBasis      by,
                                                 guint             pair_limit,
                                                 GError          **error);

/* A product's buyers by the tier the latest analysis gave them. */
typedef struct
{
  guint customers;         /* who bought it (a positive quantity), as RegProductRow counts them */
  guint top;
  guint middle;
  guint bottom;
  guint not_scored;        /* not ranked: bought after the analysis, or never analysed */
} RegProductBuyers;

/* The buyers of the product @code by tier; FALSE with REG_STORE_ERROR_NOT_FOUND when the shop
 * has no such product, or a database error. */
gboolean reg_shop_product_buyers_by_tier (RegShop          *shop,
                                          const char       *code,
                                          RegProductBuyers *out,
                                          GError          **error);
/* (transfer full) the counts in words, translated: "Bought by 120 customers: 12 top tier,
 * 40 middle, 60 bottom, 8 not scored yet"; a tier of nobody is left out. */
char    *reg_product_buyers_in_words     (const RegProductBuyers *buyers);

typedef struct
{
  char   *code;            /* (owned) the product to offer */
  char   *name;            /* (owned) */
  char   *because_code;    /* (owned) a product the customer bought */
  char   *because_name;    /* (owned) */
  double  confidence;      /* of the buyers of the second, the share who bought the first */
  guint   buyers;          /* customers who bought both */
  char   *reason;          /* (owned) in words: "bought …; 63 % of its buyers also bought …" */
} RegProductOffer;

void             reg_product_offer_free (RegProductOffer *offer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegProductOffer, reg_product_offer_free)

/* The product to offer @customer next: of the products they have not bought, the one most of
 * the buyers of something they bought also bought (three such customers at least). NULL
 * without an error when nothing qualifies (no lines, or no association strong enough). */
RegProductOffer *reg_shop_product_offer  (RegShop  *shop,
                                          gint64    customer,
                                          GError  **error);

G_END_DECLS
