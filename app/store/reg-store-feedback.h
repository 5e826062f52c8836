/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Survey answers (NPS and CSAT): adding them from an import, one answer at most once, and
 * listing one customer's. Undoing the import that brought them is reg_store_undo_batch's.
 */
#pragma once

#include "reg-store.h"

G_BEGIN_DECLS

/* Adds one answer; returns its id, or 0 with REG_STORE_ERROR_DUPLICATE when the customer has the
 * same answer (day, kind, score and comment) already, REG_STORE_ERROR_CONSTRAINT for a score
 * outside its kind's scale or an unknown customer. */
gint64     reg_store_insert_feedback        (RegStore                *store,
                                             const RegFeedbackRecord *rec,
                                             GError                 **error);
/* (element-type RegFeedbackRecord) one customer's answers, latest first; limit 0 = all */
GPtrArray *reg_store_list_customer_feedback (RegStore                *store,
                                             gint64                   customer_id,
                                             guint                    limit,
                                             GError                 **error);
/* Answers an import brought (what undoing it takes out). */
guint      reg_store_count_batch_feedback   (RegStore                *store,
                                             gint64                   batch_id);

G_END_DECLS
