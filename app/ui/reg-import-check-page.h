/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportCheckPage: the import wizard's check step, from the dry run: what would be
 * imported, rejected and skipped rows with their lines, and the buttons to import the valid
 * rows or nothing (the wizard's import.run and import.nothing actions). Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-import.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_CHECK_PAGE (reg_import_check_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportCheckPage, reg_import_check_page, REG, IMPORT_CHECK_PAGE, GtkBox)

/* The dry run of either kind; NULL: none yet. Amounts as @shop writes them. */
void reg_import_check_page_show            (RegImportCheckPage            *self,
                                            RegShop                       *shop,
                                            const RegImportOutcome        *check);
void reg_import_check_page_set_import_label (RegImportCheckPage           *self,
                                            const char                    *label);
/* Why the last real run kept nothing (cancelled, failed); NULL hides it. */
void reg_import_check_page_show_failure    (RegImportCheckPage            *self,
                                            const char                    *text);

G_END_DECLS
