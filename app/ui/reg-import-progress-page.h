/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportProgressPage: the import wizard's page while the import runs: its progress and the
 * button that cancels it (the wizard's import.cancel action). Main thread only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_PROGRESS_PAGE (reg_import_progress_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportProgressPage, reg_import_progress_page, REG, IMPORT_PROGRESS_PAGE, GtkBox)

GtkProgressBar *reg_import_progress_page_get_progress (RegImportProgressPage *self);

G_END_DECLS
