/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading what the analysis needs (customer ids, survey answers) and writing what it found
 * (a model run and the customers' scores). The analysis job calls these inside one
 * transaction on its own connection.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "clv-date.h"
#include "reg-store-analysis.h"

GArray *
reg_store_list_customer_ids (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id FROM customers WHERE merged_into IS NULL ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!reg_store_check (store, rc, _("listing customers"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

GArray *
reg_store_list_feedback (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT customer_id, day, kind, score FROM feedback ORDER BY customer_id, day", error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (RegFeedbackRow));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegFeedbackRow row;
      row.customer_id = sqlite3_column_int64 (stmt, 0);
      row.day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 1));
      row.kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "csat") == 0 ? 1 : 0;
      row.score = sqlite3_column_int (stmt, 3);
      g_array_append_val (rows, row);
    }
  if (!reg_store_check (store, rc, _("reading feedback"), error))
    return NULL;
  return g_steal_pointer (&rows);
}

static void
bind_day_or_null (RegStmt *stmt, int index, gint32 day)
{
  char buf[11];

  if (day <= 0)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  clv_date_format_iso_buf (day, buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

gint64
reg_store_insert_model_run (RegStore *store, gint32 end_day, gint32 calibration_end,
                            const char *model, const char *time_unit, const char *result_json,
                            GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO model_runs (end_day, calibration_end, model, time_unit, result) "
      "VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return 0;
  bind_day_or_null (stmt, 1, end_day);
  bind_day_or_null (stmt, 2, calibration_end);
  reg_stmt_bind_text (stmt, 3, model);
  reg_stmt_bind_text (stmt, 4, time_unit);
  reg_stmt_bind_text (stmt, 5, result_json);
  if (!reg_store_check (store, sqlite3_step (stmt), _("saving the analysis"), error))
    return 0;
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

gboolean
reg_store_clear_scores (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "DELETE FROM customer_scores", error);

  if (stmt == NULL)
    return FALSE;
  if (!reg_store_check (store, sqlite3_step (stmt), _("saving the analysis"), error))
    return FALSE;
  /* older runs are not read any more; their scores went with the DELETE above */
  {
    g_autoptr(RegStmt) old = reg_store_prepare (store,
        "DELETE FROM model_runs WHERE id NOT IN (SELECT id FROM model_runs ORDER BY id DESC LIMIT 10)",
        error);
    if (old == NULL)
      return FALSE;
    return reg_store_check (store, sqlite3_step (old), _("saving the analysis"), error);
  }
}

gboolean
reg_store_drop_orphan_scores (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "DELETE FROM customer_scores WHERE customer_id NOT IN (SELECT id FROM customers)", error);

  if (stmt == NULL)
    return FALSE;
  return reg_store_check (store, sqlite3_step (stmt), _("saving the analysis"), error);
}

static void
bind_score (RegStmt *stmt, int index, double value)
{
  if (value < 0 || !isfinite (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

gboolean
reg_store_insert_score (RegStore *store, gint64 run_id, const RegScoreRow *row, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO customer_scores (customer_id, run_id, purchases, total_spend, first_purchase, "
      "last_purchase, p_alive, expected_purchases, expected_spend, clv, historic_clv, "
      "next_purchase, tier, r_score, f_score, m_score, rfm_group, at_risk) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->customer_id);
  sqlite3_bind_int64 (stmt, 2, run_id);
  sqlite3_bind_int64 (stmt, 3, row->purchases);
  sqlite3_bind_int64 (stmt, 4, row->total_spend);
  bind_day_or_null (stmt, 5, row->first_purchase);
  bind_day_or_null (stmt, 6, row->last_purchase);
  bind_score (stmt, 7, row->p_alive);
  bind_score (stmt, 8, row->expected_purchases);
  bind_score (stmt, 9, row->expected_spend);
  bind_score (stmt, 10, row->clv);
  bind_score (stmt, 11, row->historic_clv);
  bind_day_or_null (stmt, 12, row->next_purchase);
  reg_stmt_bind_text (stmt, 13, row->tier);
  sqlite3_bind_int (stmt, 14, row->r_score);
  sqlite3_bind_int (stmt, 15, row->f_score);
  sqlite3_bind_int (stmt, 16, row->m_score);
  reg_stmt_bind_text (stmt, 17, row->rfm_group);
  sqlite3_bind_int64 (stmt, 18, row->at_risk);
  return reg_store_check (store, sqlite3_step (stmt), _("saving the analysis"), error);
}

char *
reg_store_latest_run (RegStore *store, gint64 *out_id, char **out_run_at, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id, run_at, result FROM model_runs ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_id != NULL)
        *out_id = sqlite3_column_int64 (stmt, 0);
      if (out_run_at != NULL)
        *out_run_at = reg_stmt_dup_text (stmt, 1);
      return reg_stmt_dup_text (stmt, 2);
    }
  reg_store_check (store, rc, _("reading the analysis"), error);
  return NULL;
}

static gint32
sale_day (RegStore *store, const char *sql)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 0));
}

gint32
reg_store_first_sale_day (RegStore *store)
{
  return sale_day (store, "SELECT min(day) FROM sales");
}

gint32
reg_store_last_sale_day (RegStore *store)
{
  return sale_day (store, "SELECT max(day) FROM sales");
}
