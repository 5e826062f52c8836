/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Products and the line items of sales: adding them from an import inside its transaction, and
 * reading them back for the product figures (app/core/clv-basket.h). A sale's lines go with the
 * sale (foreign key ON DELETE CASCADE): undoing an import, deleting a customer or merging two
 * needs nothing here.
 */
#pragma once

#include "clv-types.h"
#include "reg-store.h"

G_BEGIN_DECLS

/* The id of the product with @code, added with @name when the shop has none; 0 on an error
 * (REG_STORE_ERROR_CONSTRAINT for a code or name of more than 500 characters). */
gint64   reg_store_product_id             (RegStore    *store,
                                           const char  *code,
                                           const char  *name,
                                           GError     **error);
/* The id of the sale of @source with @external_id that import @batch added, or 0 (none, or
 * one an earlier import brought: its lines are there already). */
gint64   reg_store_batch_sale_id          (RegStore    *store,
                                           const char  *source,
                                           const char  *external_id,
                                           gint64       batch);
gboolean reg_store_insert_sale_line       (RegStore    *store,
                                           gint64       sale,
                                           gint64       product,
                                           gint64       quantity,
                                           gint64       amount,
                                           GError     **error);
/* (element-type RegProductRecord) every product that some line names, by id. */
GPtrArray *reg_store_list_products        (RegStore    *store,
                                           GError     **error);

typedef void (*RegSaleLineFunc) (gint64   customer,
                                 gint64   sale,
                                 gint64   product,
                                 gint64   quantity,
                                 gint64   amount,
                                 gpointer data);

/* Calls @func for every line of every sale, the lines of a customer together and within them
 * those of a sale together; nothing is held in memory. */
gboolean reg_store_foreach_sale_line      (RegStore        *store,
                                           RegSaleLineFunc  func,
                                           gpointer         data,
                                           GError         **error);
/* The customers (a set of gint64 ids) with a line of the product @code of a positive
 * quantity; NULL with REG_STORE_ERROR_NOT_FOUND when the shop has no such product. */
GHashTable *reg_store_product_buyers      (RegStore    *store,
                                           const char  *code,
                                           char       **out_name,
                                           GError     **error);
/* The customers with a line of the product @code of a positive quantity, counted by the tier
 * the latest analysis gave them: @out_counts[CLV_TIER_TOP], [CLV_TIER_MIDDLE],
 * [CLV_TIER_BOTTOM], and at [CLV_TIER_NONE] those it did not rank (no analysis since they
 * bought, or no purchase to rank). FALSE with REG_STORE_ERROR_NOT_FOUND when the shop has no
 * such product. */
gboolean reg_store_product_buyers_by_tier (RegStore    *store,
                                           const char  *code,
                                           guint        out_counts[CLV_N_TIERS],
                                           GError     **error);
/* Removes the products no line names (those an undone import alone brought). */
gboolean reg_store_drop_unused_products   (RegStore    *store,
                                           GError     **error);
/* Lines in the shop (all, or of one import's sales when @batch > 0). */
guint    reg_store_count_sale_lines       (RegStore    *store,
                                           gint64       batch);

/* (element-type RegSaleLineRecord) the lines of sale @sale in the order they were saved;
 * empty for a sale without lines. */
GPtrArray *reg_store_list_sale_lines      (RegStore    *store,
                                           gint64       sale,
                                           GError     **error);

G_END_DECLS
