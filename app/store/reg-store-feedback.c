/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feedback table: survey answers added by the feedback import inside its transaction, and
 * read back for a customer's page. An answer the customer already has (same day, kind, score
 * and comment) is refused as a duplicate, so importing the same survey file twice adds nothing
 * the second time. Same thread rules as every RegStore.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "reg-store-feedback.h"

/**
 * reg_feedback_record_free:
 * @rec: (transfer full) (nullable): a survey answer
 */
void
reg_feedback_record_free (RegFeedbackRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->kind);
  g_free (rec->comment);
  g_free (rec);
}

/**
 * reg_store_insert_feedback:
 * @rec: the answer; @rec->id is ignored
 *
 * Adds the answer unless the customer has the same one already (the comparison treats a
 * missing comment as equal to a missing comment).
 * Returns: the new row's id, or 0 with %REG_STORE_ERROR_DUPLICATE (already there),
 *   %REG_STORE_ERROR_CONSTRAINT (score outside the kind's scale, no such customer) or another
 *   %REG_STORE_ERROR
 */
gint64
reg_store_insert_feedback (RegStore *store, const RegFeedbackRecord *rec, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO feedback (customer_id, day, kind, score, comment, batch_id) "
      "SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM feedback "
      "WHERE customer_id = ?1 AND day = ?2 AND kind = ?3 AND score = ?4 AND comment IS ?5)",
      error);
  char day[11];

  if (stmt == NULL)
    return 0;
  clv_date_format_iso_buf (rec->day, day);
  sqlite3_bind_int64 (stmt, 1, rec->customer_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  reg_stmt_bind_text (stmt, 3, rec->kind);
  sqlite3_bind_int (stmt, 4, rec->score);
  reg_stmt_bind_text (stmt, 5, rec->comment);
  if (rec->batch_id > 0)
    sqlite3_bind_int64 (stmt, 6, rec->batch_id);
  else
    sqlite3_bind_null (stmt, 6);
  if (!reg_store_check (store, sqlite3_step (stmt), _("saving a survey answer"), error))
    return 0;
  if (sqlite3_changes (reg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE,
                           _("The customer has this survey answer already"));
      return 0;
    }
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

/**
 * reg_store_list_customer_feedback:
 * @store: a connection
 * @customer_id: a customer's id
 * @limit: at most this many, 0 = all
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegFeedbackRecord): the customer's answers, latest
 *   first; %NULL on error.
 */
GPtrArray *
reg_store_list_customer_feedback (RegStore *store, gint64 customer_id, guint limit,
                                  GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id, customer_id, day, kind, score, comment, batch_id FROM feedback "
      "WHERE customer_id = ?1 ORDER BY day DESC, id DESC LIMIT ?2", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_feedback_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? G_MAXINT64 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegFeedbackRecord *rec = g_new0 (RegFeedbackRecord, 1);

      rec->id = sqlite3_column_int64 (stmt, 0);
      rec->customer_id = sqlite3_column_int64 (stmt, 1);
      rec->day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 2));
      rec->kind = reg_stmt_dup_text (stmt, 3);
      rec->score = sqlite3_column_int (stmt, 4);
      rec->comment = reg_stmt_dup_text (stmt, 5);
      rec->batch_id = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (out, rec);
    }
  if (!reg_store_check (store, rc, _("reading survey answers"), error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * reg_store_count_batch_feedback:
 * @store: a connection
 * @batch_id: an import's number
 *
 * Returns: the survey answers that import brought (what undoing it takes out); 0 on a database
 *   error.
 */
guint
reg_store_count_batch_feedback (RegStore *store, gint64 batch_id)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT count(*) FROM feedback WHERE batch_id = ?1", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}
