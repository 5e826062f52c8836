/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomersView: every customer of the shop in a virtualised, sortable GtkColumnView, with
 * search as you type, filters (tier, RFM group, at risk, archived) and a detail pane that folds
 * over the list on narrow windows. Main thread only; the shop owns the customer list model.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMERS_VIEW (reg_customers_view_get_type ())
G_DECLARE_FINAL_TYPE (RegCustomersView, reg_customers_view, REG, CUSTOMERS_VIEW, AdwBin)

GtkWidget  *reg_customers_view_new             (void);
RegShop    *reg_customers_view_get_shop        (RegCustomersView *self);
void        reg_customers_view_set_shop        (RegCustomersView *self,
                                                RegShop          *shop);
void        reg_customers_view_focus_search    (RegCustomersView *self);
void        reg_customers_view_set_search_text (RegCustomersView *self,
                                                const char       *text);
/* The rows as shown: filtered and sorted (RegCustomer items), with the selection. */
GListModel *reg_customers_view_get_model       (RegCustomersView *self);
/* The same rows without the selection: the view's RegCustomerSortModel. */
GListModel *reg_customers_view_get_filtered_model (RegCustomersView *self);
/* Column ids: name, email, tier, rfm-group, last-purchase, purchases, total-spend, p-alive, clv */
gboolean    reg_customers_view_sort_by         (RegCustomersView *self,
                                                const char       *column_id,
                                                GtkSortType       order);
GtkColumnView *reg_customers_view_get_column_view (RegCustomersView *self);
/* Selects the customer (when shown) and opens the detail pane. */
gboolean    reg_customers_view_select_customer (RegCustomersView *self,
                                                gint64            id);
GtkWidget  *reg_customers_view_get_detail      (RegCustomersView *self);
/* The ids (gint64) of the customers shown: search and filters applied. */
GArray     *reg_customers_view_get_shown_ids   (RegCustomersView *self);
/* The ids (gint64) of the customers selected in the list (a click, Ctrl- or Shift-click). */
GArray     *reg_customers_view_get_selected_ids (RegCustomersView *self);

G_END_DECLS
