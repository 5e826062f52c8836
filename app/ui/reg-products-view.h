/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegProductsView: the shop's products with search and sort, and a product's page (its buyers,
 * its revenue, what goes with it). The figures are read in a worker thread. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_PRODUCTS_VIEW (reg_products_view_get_type ())
G_DECLARE_FINAL_TYPE (RegProductsView, reg_products_view, REG, PRODUCTS_VIEW, AdwBin)

GtkWidget  *reg_products_view_new       (void);
void        reg_products_view_set_shop  (RegProductsView *self,
                                         RegShop         *shop);
/* (transfer none) the rows shown, after search and sort; items are RegProductItem */
GListModel *reg_products_view_get_model (RegProductsView *self);
/* TRUE while the figures are being read */
gboolean    reg_products_view_is_loading (RegProductsView *self);
/* Opens the page of the product at @position of the rows shown. */
void        reg_products_view_open      (RegProductsView *self,
                                         guint            position);

/* One row of the list: a product's code and name. */
#define REG_TYPE_PRODUCT_ITEM (reg_product_item_get_type ())
G_DECLARE_FINAL_TYPE (RegProductItem, reg_product_item, REG, PRODUCT_ITEM, GObject)

const char *reg_product_item_get_code    (RegProductItem *self);
const char *reg_product_item_get_name    (RegProductItem *self);
gint64      reg_product_item_get_revenue (RegProductItem *self);
/* the customers who bought it, of the group the list counts */
guint       reg_product_item_get_customers (RegProductItem *self);

G_END_DECLS
