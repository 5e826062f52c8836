/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportCustomersPage: the import wizard's customers step. Shows the dry run's progress,
 * how many payers match none of the shop's customers and who they are, what becomes of them,
 * and the look-alikes the owner may confirm as the same person. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-feedback-import-job.h"
#include "reg-import-job.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_CUSTOMERS_PAGE (reg_import_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportCustomersPage, reg_import_customers_page, REG, IMPORT_CUSTOMERS_PAGE, GtkBox)

/* Sales (FALSE) or survey answers, which are matched by e-mail address: no new payers. */
void               reg_import_customers_page_set_feedback  (RegImportCustomersPage        *self,
                                                            gboolean                       feedback);
/* The dry run's findings; NULL: none yet. */
void               reg_import_customers_page_show_sales    (RegImportCustomersPage        *self,
                                                            const RegImportResult         *check);
void               reg_import_customers_page_show_answers  (RegImportCustomersPage        *self,
                                                            const RegFeedbackImportResult *check);
void               reg_import_customers_page_set_checking  (RegImportCustomersPage        *self,
                                                            gboolean                       checking);
GtkProgressBar    *reg_import_customers_page_get_progress  (RegImportCustomersPage        *self);
RegUnmatchedPolicy reg_import_customers_page_get_unmatched (RegImportCustomersPage        *self);
/* The look-alikes the owner switched on, by reg_near_match_key(); forgotten for a new file. */
GHashTable        *reg_import_customers_page_get_confirmed (RegImportCustomersPage        *self);
void               reg_import_customers_page_forget        (RegImportCustomersPage        *self);

G_END_DECLS
