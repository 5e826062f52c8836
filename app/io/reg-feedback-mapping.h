/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegFeedbackMapping: which column of a survey file each part of an answer (e-mail address,
 * score, date, comment) is read from, by header name or as "#N" for the N-th column. The
 * survey reader's counterpart of RegImportMapping; the text form is regulars-cli's --map of
 * "import feedback". Plain data, no thread affinity.
 */
#pragma once

#include "reg-feedback-reader.h"

G_BEGIN_DECLS

RegFeedbackMapping *reg_feedback_mapping_new         (void);
RegFeedbackMapping *reg_feedback_mapping_copy        (const RegFeedbackMapping *mapping);
void                reg_feedback_mapping_free        (RegFeedbackMapping       *mapping);
/* @column: (nullable) a header name or "#N"; NULL: found by its name again */
void                reg_feedback_mapping_set         (RegFeedbackMapping       *mapping,
                                                      RegFeedbackField          field,
                                                      const char               *column);
/* (transfer none) (nullable) the column given for @field; NULL: none given */
const char         *reg_feedback_mapping_get         (const RegFeedbackMapping *mapping,
                                                      RegFeedbackField          field);
gboolean            reg_feedback_mapping_is_empty    (const RegFeedbackMapping *mapping);
/* (transfer full) "email=…,score=…", the fields given in field order; "" when none is */
char               *reg_feedback_mapping_to_string   (const RegFeedbackMapping *mapping);
/* (transfer full) (nullable) From "email=E-Mail,score=#3": NULL with %REG_IO_ERROR_MAPPING for
 * an entry without "=", an unknown field, a field given twice or given no column. */
RegFeedbackMapping *reg_feedback_mapping_from_string (const char               *text,
                                                      GError                  **error);
gboolean            reg_feedback_mapping_equal       (const RegFeedbackMapping *a,
                                                      const RegFeedbackMapping *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackMapping, reg_feedback_mapping_free)

G_END_DECLS
