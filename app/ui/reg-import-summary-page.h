/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportSummaryPage: the import wizard's last step: what the import brought into the shop,
 * what it left out, and undo (the wizard's import.undo action). Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-import.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_SUMMARY_PAGE (reg_import_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportSummaryPage, reg_import_summary_page, REG, IMPORT_SUMMARY_PAGE, GtkBox)

/* What the import of either kind did; @merged look-alikes merged after it, @merge_error the
 * first that failed (nullable). */
void reg_import_summary_page_show          (RegImportSummaryPage          *self,
                                            RegShop                       *shop,
                                            const RegImportOutcome        *result,
                                            guint                          merged,
                                            const char                    *merge_error,
                                            gboolean                       undone);
/* The import was undone: @answers survey answers (@survey), else @sales and @customers, were
 * taken out. */
void reg_import_summary_page_show_undone   (RegImportSummaryPage          *self,
                                            gboolean                       survey,
                                            guint                          answers,
                                            guint                          sales,
                                            guint                          customers);
/* The summary's sentence alone (an undo that failed). */
void reg_import_summary_page_set_text      (RegImportSummaryPage          *self,
                                            const char                    *text);
void reg_import_summary_page_set_can_undo  (RegImportSummaryPage          *self,
                                            gboolean                       can_undo);

G_END_DECLS
