/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportSurveyColumns: a survey's columns on the import wizard's detected page, one
 * drop-down per part of an answer (e-mail address, score, date, comment); "changed" says the
 * owner chose another column. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-feedback-preview.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_SURVEY_COLUMNS (reg_import_survey_columns_get_type ())
G_DECLARE_FINAL_TYPE (RegImportSurveyColumns, reg_import_survey_columns, REG, IMPORT_SURVEY_COLUMNS,
                      AdwPreferencesGroup)

/* The file's columns and the one each part is read from, from @layout (nullable: hidden). */
void        reg_import_survey_columns_show        (RegImportSurveyColumns  *self,
                                                   const RegFeedbackLayout *layout);
/* (transfer none) (nullable) the columns the owner chose; NULL: each part found by its name */
const RegFeedbackMapping *reg_import_survey_columns_get_mapping (RegImportSurveyColumns *self);
/* Other columns (another file, delimiter or encoding): the owner's choices no longer apply. */
void        reg_import_survey_columns_clear       (RegImportSurveyColumns  *self);

G_END_DECLS
