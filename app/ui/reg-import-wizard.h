/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportWizard: bringing a store export or bank statement into the shop, one page at a
 * time: file, what was found (with a live preview), columns, customers, check, import, summary
 * with undo. Survey results (NPS or CSAT) take the same way without the columns page: their
 * columns are assigned on the detected page. Main thread only; the work runs in RegImportJob and
 * reg_import_preview_async().
 */
#pragma once

#include <adwaita.h>

#include "reg-feedback-preview.h"
#include "reg-import-draft.h"
#include "reg-import-job.h"
#include "reg-import-mapping.h"
#include "reg-import-preview.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_WIZARD (reg_import_wizard_get_type ())
G_DECLARE_FINAL_TYPE (RegImportWizard, reg_import_wizard, REG, IMPORT_WIZARD, AdwWindow)

GtkWindow              *reg_import_wizard_new          (RegShop         *shop);
/* Starts reading @file (what choosing it or dropping it does). */
void                    reg_import_wizard_set_file     (RegImportWizard *self,
                                                        GFile           *file);
const char             *reg_import_wizard_get_page     (RegImportWizard *self);
const RegImportDraft   *reg_import_wizard_get_draft    (RegImportWizard *self);
/* The preview under the current choices, or NULL while it is read. */
const RegImportPreview *reg_import_wizard_get_preview  (RegImportWizard *self);
/* The last check (dry run), and the real import's result once it ran. */
const RegImportResult  *reg_import_wizard_get_check    (RegImportWizard *self);
const RegImportResult  *reg_import_wizard_get_result   (RegImportWizard *self);
/* The running check or import, or NULL. */
RegJob                 *reg_import_wizard_get_job      (RegImportWizard *self);
/* For a file of survey results (draft->feedback): the preview under the current choices (NULL
 * while it is read), the last check and the real import's result. */
const RegFeedbackPreview      *reg_import_wizard_get_feedback_preview (RegImportWizard *self);
const RegFeedbackImportResult *reg_import_wizard_get_feedback_check   (RegImportWizard *self);
const RegFeedbackImportResult *reg_import_wizard_get_feedback_result  (RegImportWizard *self);
/* The drop-down of one field on the columns page (NULL for fields it does not offer). */
AdwComboRow            *reg_import_wizard_get_field_row (RegImportWizard *self,
                                                        RegField         field);

G_END_DECLS
