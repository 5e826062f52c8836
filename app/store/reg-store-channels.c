/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Marketing spend per channel and month (migrations/0012), channels set on many customers, and
 * the rows the channel figures are computed from.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "reg-store-channels.h"

static void
spend_clear (gpointer data)
{
  RegChannelSpend *s = data;
  g_clear_pointer (&s->channel, g_free);
}

gboolean
reg_store_set_channel_spend (RegStore *store, const char *channel, gint32 month, gint64 amount,
                             GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (channel != NULL ? channel : ""));
  char buf[8];

  if (*name == '\0')
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The channel's name is empty"));
      return FALSE;
    }
  if (amount < 0 || amount > G_GINT64_CONSTANT (10000000000000))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The spend must be between 0 and 100,000,000,000"));
      return FALSE;
    }
  clv_month_format_buf (month, buf);
  if (amount == 0)
    {
      g_autoptr(RegStmt) del = reg_store_prepare (store,
          "DELETE FROM channel_spend WHERE channel = ?1 AND month = ?2", error);
      if (del == NULL)
        return FALSE;
      reg_stmt_bind_text (del, 1, name);
      reg_stmt_bind_text (del, 2, buf);
      return reg_store_check (store, sqlite3_step (del), _("removing a channel's spend"), error);
    }
  else
    {
      /* the name as first written stays; the amount is the one entered last */
      g_autoptr(RegStmt) up = reg_store_prepare (store,
          "INSERT INTO channel_spend (channel, month, amount) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (channel, month) DO UPDATE SET amount = excluded.amount", error);
      if (up == NULL)
        return FALSE;
      reg_stmt_bind_text (up, 1, name);
      reg_stmt_bind_text (up, 2, buf);
      sqlite3_bind_int64 (up, 3, amount);
      return reg_store_check (store, sqlite3_step (up), _("saving a channel's spend"), error);
    }
}

GArray *
reg_store_list_channel_spend (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT channel, month, amount FROM channel_spend ORDER BY channel, month", error);
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (RegChannelSpend));
  int rc;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (out, spend_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegChannelSpend s = { 0 };
      if (!clv_month_parse ((const char *) sqlite3_column_text (stmt, 1), &s.month))
        continue;
      s.channel = reg_stmt_dup_text (stmt, 0);
      s.amount = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (out, s);
    }
  if (!reg_store_check (store, rc, _("reading the channels' spend"), error))
    return NULL;
  return g_steal_pointer (&out);
}

gint64
reg_store_set_customers_channel (RegStore *store, const gint64 *ids, guint n_ids,
                                 const char *channel, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (channel != NULL ? channel : ""));
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE customers SET channel = ?1 WHERE id = ?2 AND channel IS NOT ?1", error);
  gboolean own_txn = !reg_store_in_transaction (store);
  gint64 changed = 0;

  if (stmt == NULL)
    return -1;
  if (own_txn && !reg_store_begin (store, error))
    return -1;
  reg_stmt_bind_text (stmt, 1, *name != '\0' ? name : NULL);
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      if (!reg_store_check (store, sqlite3_step (stmt), _("setting the customers' channel"),
                            error))
        {
          if (own_txn)
            reg_store_rollback (store);
          return -1;
        }
      changed += sqlite3_changes (reg_store_get_db (store));
      sqlite3_reset (stmt);
    }
  if (own_txn && !reg_store_commit (store, error))
    return -1;
  return changed;
}

static double
column_double_or (RegStmt *stmt, int col, double fallback)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? fallback
                                                        : sqlite3_column_double (stmt, col);
}

GArray *
reg_store_read_channel_customers (RegStore *store, GStringChunk *names, gint32 *out_last_day,
                                  GError **error)
{
  /* a customer came on their acquisition date where the owner gave one, else on their first
   * purchase; in the order of the customers' ids (the table's own), so the name kept for a
   * channel written in several ways is the same on every run */
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT c.channel, coalesce(c.acquired_on, c.first_purchase), c.total_spend,"
      "  c.acquisition_cost, s.clv, s.clv_low, s.clv_high"
      " FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id"
      " WHERE c.archived = 0 AND c.merged_into IS NULL"
      "   AND (c.purchases > 0 OR c.acquired_on IS NOT NULL)"
      " ORDER BY c.id", error);
  g_autoptr(RegStmt) last = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (ClvChannelCustomer));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClvChannelCustomer c = { 0 };
      const char *channel = (const char *) sqlite3_column_text (stmt, 0);

      c.channel = channel != NULL ? g_string_chunk_insert_const (names, channel) : NULL;
      c.came_day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 1));
      c.value = sqlite3_column_int64 (stmt, 2);
      c.cost = sqlite3_column_int64 (stmt, 3);
      c.predicted = column_double_or (stmt, 4, -1);
      c.predicted_low = column_double_or (stmt, 5, -1);
      c.predicted_high = column_double_or (stmt, 6, -1);
      g_array_append_val (out, c);
    }
  if (!reg_store_check (store, rc, _("reading the customers' channels"), error))
    return NULL;
  if (out_last_day != NULL)
    {
      last = reg_store_prepare (store, "SELECT max(last_purchase) FROM customers", error);
      if (last == NULL)
        return NULL;
      *out_last_day = sqlite3_step (last) == SQLITE_ROW
                      ? reg_store_parse_day ((const char *) sqlite3_column_text (last, 0)) : 0;
    }
  return g_steal_pointer (&out);
}

GStrv
reg_store_list_channels (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT min(trim(channel)) FROM customers"
      " WHERE channel IS NOT NULL AND trim(channel) <> '' AND merged_into IS NULL"
      " GROUP BY lower(trim(channel)) ORDER BY count(*) DESC, 1 LIMIT 100", error);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (stmt, 0));
  if (!reg_store_check (store, rc, _("listing the channels"), error))
    return NULL;
  return g_strv_builder_end (b);
}
