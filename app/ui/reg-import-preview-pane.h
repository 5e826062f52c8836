/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportPreviewPane: the first rows of a file as the import will read them, with rejected
 * rows in place and a status line. Main thread only; it keeps no reference to what it shows.
 */
#pragma once

#include <adwaita.h>

#include "reg-feedback-preview.h"
#include "reg-import-preview.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_PREVIEW_PANE (reg_import_preview_pane_get_type ())
G_DECLARE_FINAL_TYPE (RegImportPreviewPane, reg_import_preview_pane, REG, IMPORT_PREVIEW_PANE, GtkBox)

/* @preview: NULL while it is read. Dates and amounts as @shop writes them. */
void reg_import_preview_pane_show_sales   (RegImportPreviewPane     *self,
                                           RegShop                  *shop,
                                           const RegImportPreview   *preview);
/* @columns_missing: the owner has still to choose a needed column; the reader's problem is
 * then told as that. */
void reg_import_preview_pane_show_answers (RegImportPreviewPane     *self,
                                           RegShop                  *shop,
                                           const RegFeedbackPreview *preview,
                                           gboolean                  columns_missing);
/* The status line alone ("Reading the first rows…", a saved mapping that cannot be read). */
void reg_import_preview_pane_set_status   (RegImportPreviewPane     *self,
                                           const char               *text);

G_END_DECLS
