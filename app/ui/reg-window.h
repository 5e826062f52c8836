/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegWindow: one shop in one window. View switcher over Overview, Customers, Sales, Segments
 * and Reports; primary menu; toasts; and the background analysis that refreshes the figures
 * after every change. Main thread only; the window holds a reference to its RegShop.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_WINDOW (reg_window_get_type ())
G_DECLARE_FINAL_TYPE (RegWindow, reg_window, REG, WINDOW, AdwApplicationWindow)

RegWindow  *reg_window_new                  (GtkApplication *application,
                                             RegShop        *shop);
RegShop    *reg_window_get_shop             (RegWindow      *self);
/* "overview", "customers", "sales", "segments", "reports" */
void        reg_window_show_view            (RegWindow      *self,
                                             const char     *name);
const char *reg_window_get_visible_view     (RegWindow      *self);
GtkWidget  *reg_window_get_view             (RegWindow      *self,
                                             const char     *name);
void        reg_window_add_toast            (RegWindow      *self,
                                             AdwToast       *toast);
gboolean    reg_window_get_auto_analysis    (RegWindow      *self);
char       *reg_window_dup_view_titles      (RegWindow      *self);
void        reg_window_set_auto_analysis    (RegWindow      *self,
                                             gboolean        auto_analysis);
gboolean    reg_window_get_analysis_running (RegWindow      *self);
/* Starts an analysis now (or after the running one); what win.refresh does. */
void        reg_window_refresh_analysis     (RegWindow      *self);
/* The import wizard over the window, reading @file (nullable) at once. */
GtkWindow  *reg_window_open_import          (RegWindow      *self,
                                             GFile          *file);
GtkWindow  *reg_window_open_preferences     (RegWindow      *self);

G_END_DECLS
