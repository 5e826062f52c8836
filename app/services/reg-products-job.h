/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegProductsJob reads the product figures (reg-products.h) in a worker thread, so that the
 * window stays responsive while a few hundred thousand lines are counted.
 */
#pragma once

#include "reg-job.h"
#include "reg-products.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_PRODUCTS_JOB (reg_products_job_get_type ())
G_DECLARE_FINAL_TYPE (RegProductsJob, reg_products_job, REG, PRODUCTS_JOB, RegJob)

/* The result is a RegProductFigures (transfer full): the products and at most @pair_limit
 * pairs (as reg_shop_product_figures () takes it). */
RegProductsJob *reg_products_job_new (RegShop *shop,
                                      guint    pair_limit);
/* As reg_products_job_new(), from the lines of @segment's customers alone (NULL = every
 * customer's), the pairs counted by order: the products a tier or the at-risk list bought.
 * The job takes @segment (transfer full); its customers are listed in the worker thread. */
RegProductsJob *reg_products_job_new_for (RegShop    *shop,
                                          RegSegment *segment,
                                          guint       pair_limit);

G_END_DECLS
