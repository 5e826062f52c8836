/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegView is what the window's six views (Overview, Customers, Sales, Segments, Products,
 * Reports) have in common: they are given the shop once, and they show it again after it changed. The
 * interface does the wiring every view did by hand: it keeps the shop's "changed" handler,
 * asks the view whether a change concerns it, and coalesces the reloads of one burst of
 * changes into one, when the main loop is idle. Main thread only.
 */
#pragma once

#include <gtk/gtk.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_VIEW (reg_view_get_type ())
G_DECLARE_INTERFACE (RegView, reg_view, REG, VIEW, GtkWidget)

/**
 * RegViewInterface:
 * @set_shop: required; the view keeps @shop (or lets go of it: %NULL) and takes what it
 *   offers (list models, formats). Called only when the shop is another one.
 * @shop_changed: optional; called at once for every change of the shop (cheap work only,
 *   such as forgetting a cached format). Returns whether the view wants a reload. Without it,
 *   no change reloads the view (its list models follow the shop by themselves).
 * @reload: optional; shows the shop as it is now. Called right after @set_shop, and once the
 *   main loop is idle after changes @shop_changed asked for.
 */
struct _RegViewInterface
{
  GTypeInterface parent_iface;

  void     (*set_shop)     (RegView       *self,
                            RegShop       *shop);
  gboolean (*shop_changed) (RegView       *self,
                            RegShopChange  change,
                            gint64         id);
  void     (*reload)       (RegView       *self);
};

RegShop *reg_view_get_shop     (RegView *self);
void     reg_view_set_shop     (RegView *self,
                                RegShop *shop);
/* Reloads now; a reload waiting for the idle main loop is dropped. */
void     reg_view_reload       (RegView *self);
/* Reloads once the main loop is idle; more calls before then make no more reloads. */
void     reg_view_queue_reload (RegView *self);

G_END_DECLS
