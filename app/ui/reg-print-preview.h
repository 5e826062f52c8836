/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegPrintPreview shows the pages of a loyalty list inside Regulars, drawn by the same
 * RegLoyaltyLayout as paper and PDF, so that "Preview" never depends on an outside previewer
 * being installed. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-loyalty-layout.h"

G_BEGIN_DECLS

#define REG_TYPE_PRINT_PREVIEW (reg_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (RegPrintPreview, reg_print_preview, REG, PRINT_PREVIEW, AdwWindow)

/* The pages of @list on @paper; @list is only read while the pages are drawn. */
GtkWindow *reg_print_preview_new         (GtkWindow            *parent,
                                          const RegLoyaltyList *list,
                                          RegPaperSize          paper);
guint      reg_print_preview_get_n_pages (RegPrintPreview      *self);
/* The picture of page @page (0-based), or NULL past the last. */
GtkPicture *reg_print_preview_get_page   (RegPrintPreview      *self,
                                          guint                 page);

G_END_DECLS
