/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegReportsView, the Reports page: the tiered Excel workbook (with progress, then "Open"),
 * the loyalty target list of any segment on paper or as PDF through GtkPrintOperation, and
 * the history of imports with undo for each. Main thread only; holds a reference to the shop.
 */
#pragma once

#include <adwaita.h>

#include "reg-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_REPORTS_VIEW (reg_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (RegReportsView, reg_reports_view, REG, REPORTS_VIEW, AdwBin)

GtkWidget  *reg_reports_view_new                (void);
void        reg_reports_view_set_shop           (RegReportsView *self,
                                                 RegShop        *shop);
void        reg_reports_view_reload             (RegReportsView *self);
/* What "Export…" does once the file is chosen; the written path when the job is done. */
void        reg_reports_view_export_workbook_to (RegReportsView *self,
                                                 const char     *path);
RegJob     *reg_reports_view_get_workbook_job   (RegReportsView *self);
const char *reg_reports_view_get_workbook_path  (RegReportsView *self);
/* The segment of the loyalty list: a named one ("top", "at-risk", "rfm:loyal", …). */
gboolean    reg_reports_view_set_list_segment   (RegReportsView *self,
                                                 const char     *segment);
const char *reg_reports_view_get_list_segment   (RegReportsView *self);
/* What "Export as PDF…" does once the file is chosen: the print operation's export path. */
gboolean    reg_reports_view_export_pdf_to      (RegReportsView *self,
                                                 const char     *path,
                                                 guint          *out_pages,
                                                 GError        **error);
/* What the Undo of an import's row does once confirmed. */
gboolean    reg_reports_view_undo_import        (RegReportsView *self,
                                                 gint64          batch,
                                                 GError        **error);
guint       reg_reports_view_get_n_imports      (RegReportsView *self);

G_END_DECLS
