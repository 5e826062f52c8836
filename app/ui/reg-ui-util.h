/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small presentation helpers shared by the widgets of app/ui: showing a toast from any widget,
 * display names for tier and RFM group ids, percentages in words. No state, main thread only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void        reg_ui_toast           (GtkWidget  *from,
                                    AdwToast   *toast);     /* (transfer full) */
void        reg_ui_toast_text      (GtkWidget  *from,
                                    const char *text);
const char *reg_ui_tier_label      (const char *tier_id);   /* translated; "" for NULL */
const char *reg_ui_rfm_label       (const char *group_id);  /* translated; "" for NULL */
char       *reg_ui_format_percent  (double      fraction);  /* 0.423 → "42%" */
void        reg_ui_set_field_error (GtkWidget  *field,
                                    GtkLabel   *error_label,
                                    const char *message);   /* NULL clears */
/* AdwComboRow over a GtkStringList cuts its value at 20 characters; this one at @max_chars,
 * with the whole text in the drop-down list. */
void        reg_ui_combo_row_set_max_chars (AdwComboRow *row,
                                            int          max_chars);

G_END_DECLS
