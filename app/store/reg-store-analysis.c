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

/**
 * reg_store_list_customer_ids:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type gint64): the ids of every customer not merged away,
 *   ascending; %NULL on error.
 */
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

/**
 * reg_store_list_feedback:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegFeedbackRow): every survey answer, by customer then
 *   day (Julian); %NULL on error.
 */
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

/**
 * reg_store_insert_model_run:
 * @store: a connection
 * @end_day: the last day of sales the analysis used (Julian)
 * @calibration_end: the last day of its calibration stretch (Julian), 0 without a holdout
 * @model: the model used ("bgnbd", "mbgnbd", "pareto"), or "none" with historic figures only
 * @time_unit: "day", "week" or "month"
 * @result_json: the whole result, as `analyze --json` prints it
 * @error: a database error (%REG_STORE_ERROR)
 *
 * In the caller's transaction.
 *
 * Returns: the run's id, or 0 on error.
 */
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

/**
 * reg_store_clear_scores:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Removes every customer's scores (before a run writes its own). In the caller's transaction.
 *
 * Returns: %TRUE when done.
 */
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

/**
 * reg_store_drop_orphan_scores:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Removes the scores of customers deleted while an analysis ran.
 *
 * Returns: %TRUE when done.
 */
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

#define SCORE_COLUMNS \
  "INSERT INTO customer_scores (customer_id, run_id, purchases, total_spend, first_purchase, " \
  "last_purchase, p_alive, expected_purchases, expected_spend, clv, historic_clv, " \
  "next_purchase, tier, r_score, f_score, m_score, rfm_group, at_risk, risk_days_since, " \
  "risk_gap_days, nps_score, nps_day, purchases_low, purchases_high, clv_low, clv_high) VALUES "
#define SCORE_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define SCORE_VALUES_4 SCORE_VALUES ", " SCORE_VALUES ", " SCORE_VALUES ", " SCORE_VALUES
#define SCORE_PARAMS 26
#define SCORE_ROWS_PER_STATEMENT 16

/* @first is the number of the row's first parameter. Tier and RFM group ids are the core's
 * static strings. */
static void
bind_score_row (RegStmt *stmt, int first, gint64 run_id, const RegScoreRow *row)
{
  int i = first;

  sqlite3_bind_int64 (stmt, i++, row->customer_id);
  sqlite3_bind_int64 (stmt, i++, run_id);
  sqlite3_bind_int64 (stmt, i++, row->purchases);
  sqlite3_bind_int64 (stmt, i++, row->total_spend);
  bind_day_or_null (stmt, i++, row->first_purchase);
  bind_day_or_null (stmt, i++, row->last_purchase);
  bind_score (stmt, i++, row->p_alive);
  bind_score (stmt, i++, row->expected_purchases);
  bind_score (stmt, i++, row->expected_spend);
  bind_score (stmt, i++, row->clv);
  bind_score (stmt, i++, row->historic_clv);
  bind_day_or_null (stmt, i++, row->next_purchase);
  sqlite3_bind_text (stmt, i++, row->tier, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, i++, row->r_score);
  sqlite3_bind_int (stmt, i++, row->f_score);
  sqlite3_bind_int (stmt, i++, row->m_score);
  sqlite3_bind_text (stmt, i++, row->rfm_group, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, i++, row->at_risk);
  if (row->risk_days_since >= 0)
    sqlite3_bind_int (stmt, i, row->risk_days_since);
  else
    sqlite3_bind_null (stmt, i);
  i++;
  bind_score (stmt, i++, row->risk_gap_days);
  if (row->nps_score >= 0)
    sqlite3_bind_int (stmt, i, row->nps_score);
  else
    sqlite3_bind_null (stmt, i);
  i++;
  bind_day_or_null (stmt, i++, row->nps_day);
  /* whole counts; a range is stored whole or not at all */
  if (row->purchases_low >= 0 && row->purchases_high >= row->purchases_low)
    {
      sqlite3_bind_int64 (stmt, i++, (gint64) row->purchases_low);
      sqlite3_bind_int64 (stmt, i++, (gint64) row->purchases_high);
    }
  else
    {
      sqlite3_bind_null (stmt, i++);
      sqlite3_bind_null (stmt, i++);
    }
  if (row->clv_low >= 0 && row->clv_high >= row->clv_low)
    {
      bind_score (stmt, i++, row->clv_low);
      bind_score (stmt, i, row->clv_high);
    }
  else
    {
      sqlite3_bind_null (stmt, i++);
      sqlite3_bind_null (stmt, i);
    }
}

/* Sixteen rows per statement: a tenth of the statement runs of one row at a time, for the
 * 100,000 rows an analysis of a large shop writes. */
/**
 * reg_store_insert_scores:
 * @store: a connection
 * @run_id: the run they come from
 * @rows: (array length=n): one row per customer; money in minor units, days Julian, -1 for what
 *   is unknown; tier and rfm_group must be static strings
 * @n: how many
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when every row was written.
 */
gboolean
reg_store_insert_scores (RegStore *store, gint64 run_id, const RegScoreRow *rows, gsize n,
                         GError **error)
{
  gsize i = 0;

  G_STATIC_ASSERT (SCORE_ROWS_PER_STATEMENT == 16);
  for (; i + SCORE_ROWS_PER_STATEMENT <= n; i += SCORE_ROWS_PER_STATEMENT)
    {
      g_autoptr(RegStmt) stmt = reg_store_prepare (store,
          SCORE_COLUMNS SCORE_VALUES_4 ", " SCORE_VALUES_4 ", " SCORE_VALUES_4 ", " SCORE_VALUES_4,
          error);

      if (stmt == NULL)
        return FALSE;
      for (int k = 0; k < SCORE_ROWS_PER_STATEMENT; k++)
        bind_score_row (stmt, 1 + k * SCORE_PARAMS, run_id, &rows[i + k]);
      if (!reg_store_check (store, sqlite3_step (stmt), _("saving the analysis"), error))
        return FALSE;
    }
  for (; i < n; i++)
    {
      g_autoptr(RegStmt) stmt = reg_store_prepare (store, SCORE_COLUMNS SCORE_VALUES, error);

      if (stmt == NULL)
        return FALSE;
      bind_score_row (stmt, 1, run_id, &rows[i]);
      if (!reg_store_check (store, sqlite3_step (stmt), _("saving the analysis"), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_latest_run:
 * @store: a connection
 * @out_id: (out) (optional): the run's id
 * @out_run_at: (out) (optional) (transfer full): when it ran, UTC ISO 8601
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (nullable): the newest run's JSON, or %NULL: with @error set on
 *   error, without when the shop was never analysed.
 */
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

/**
 * reg_store_first_sale_day:
 * @store: a connection
 *
 * Returns: the Julian day of the first sale, 0 when there is none.
 */
gint32
reg_store_first_sale_day (RegStore *store)
{
  return sale_day (store, "SELECT min(day) FROM sales");
}

/**
 * reg_store_last_sale_day:
 * @store: a connection
 *
 * Returns: the Julian day of the last sale, 0 when there is none.
 */
gint32
reg_store_last_sale_day (RegStore *store)
{
  return sale_day (store, "SELECT max(day) FROM sales");
}
