/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSalesView: the sale entry row above the list of recent sales, with edit and delete
 * (and Undo of a delete). Main thread only; the shop owns the sales list model.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_SALES_VIEW (reg_sales_view_get_type ())
G_DECLARE_FINAL_TYPE (RegSalesView, reg_sales_view, REG, SALES_VIEW, AdwBin)

GtkWidget  *reg_sales_view_new        (void);
RegShop    *reg_sales_view_get_shop   (RegSalesView *self);
void        reg_sales_view_set_shop   (RegSalesView *self,
                                       RegShop      *shop);
void        reg_sales_view_focus_entry (RegSalesView *self);
GListModel *reg_sales_view_get_model  (RegSalesView *self);
GtkWidget  *reg_sales_view_get_entry  (RegSalesView *self);
/* TRUE while a deleted sale can be put back with sales.undo-delete */
gboolean    reg_sales_view_can_undo   (RegSalesView *self);

G_END_DECLS
