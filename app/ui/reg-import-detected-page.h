/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportDetectedPage: the import wizard's "what was found" step. Holds the owner's choices
 * about how the file is read; "changed" (a RegImportChange) says one changed. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-feedback-preview.h"
#include "reg-import-preview.h"

G_BEGIN_DECLS

typedef enum
{
  REG_IMPORT_CHANGED_READING,   /* read the file again: decimal mark, date order, scale, a survey column */
  REG_IMPORT_CHANGED_COLUMNS,   /* … and its columns may differ: the owner's columns no longer apply */
  REG_IMPORT_CHANGED_HOLDS,     /* sales or survey results (reg_import_detected_page_get_feedback) */
} RegImportChange;

/* The owner's choices; NULL or 0: as found. Strings belong to the page. */
typedef struct
{
  const char      *format;
  const char      *encoding;
  const char      *preset;
  const char      *date_order;      /* "DMY", "MDY", "YMD" */
  char             delimiter;
  char             decimal;
  RegFeedbackKind  kind;            /* AUTO: as found */
  const RegFeedbackMapping *survey_columns; /* (nullable) the survey's columns chosen */
} RegImportChoices;

#define REG_TYPE_IMPORT_DETECTED_PAGE (reg_import_detected_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportDetectedPage, reg_import_detected_page, REG, IMPORT_DETECTED_PAGE, GtkBox)

/* What was found at first (@guesses), and under the current choices (@preview; @fp when the
 * file is read as survey results). */
void     reg_import_detected_page_show                 (RegImportDetectedPage    *self,
                                                        const RegImportPreview   *guesses,
                                                        const RegImportPreview   *preview,
                                                        gboolean                  feedback,
                                                        const RegFeedbackPreview *fp);
void     reg_import_detected_page_show_survey_columns  (RegImportDetectedPage    *self,
                                                        const RegFeedbackPreview *fp);
void     reg_import_detected_page_get_choices          (RegImportDetectedPage    *self,
                                                        RegImportChoices         *choices);
/* Whether the owner said sales or survey (the first look no longer decides). */
gboolean reg_import_detected_page_get_feedback_chosen  (RegImportDetectedPage    *self);
gboolean reg_import_detected_page_get_feedback         (RegImportDetectedPage    *self);
void     reg_import_detected_page_set_feedback         (RegImportDetectedPage    *self,
                                                        gboolean                  feedback);
/* Another file: nothing chosen. */
void     reg_import_detected_page_reset                (RegImportDetectedPage    *self);
/* (transfer full) (nullable) The channel typed for the new customers of a bank statement (a
 * file without a columns page); NULL when none is typed or the file is not one. */
char    *reg_import_detected_page_get_bank_channel     (RegImportDetectedPage    *self);

G_END_DECLS
