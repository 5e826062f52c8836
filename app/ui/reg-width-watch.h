/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegWidthWatch holds one child and tells the width it was last given ("width", notified from
 * an idle after the allocation), so that a view can pick a layout for the room it has:
 * libadwaita 1.2 has no AdwBreakpoint.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Below this width a page lays its rows out for a phone: buttons under each other, fewer
 * columns (the views' own thresholds where their tables need another). */
#define REG_UI_NARROW_WIDTH 600

#define REG_TYPE_WIDTH_WATCH (reg_width_watch_get_type ())
G_DECLARE_FINAL_TYPE (RegWidthWatch, reg_width_watch, REG, WIDTH_WATCH, GtkWidget)

GtkWidget *reg_width_watch_new       (void);
GtkWidget *reg_width_watch_get_child (RegWidthWatch *self);
void       reg_width_watch_set_child (RegWidthWatch *self,
                                      GtkWidget     *child);
int        reg_width_watch_get_width (RegWidthWatch *self);

G_END_DECLS
