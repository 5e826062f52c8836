/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pending_exports table (schema version 6) and the removal of a campaign whose list file
 * never arrived.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reg-store-exports.h"

/**
 * reg_pending_export_free:
 * @p: (transfer full) (nullable): a pending export
 */
void
reg_pending_export_free (RegPendingExport *p)
{
  if (p == NULL)
    return;
  g_free (p->temp_path);
  g_free (p->target);
  g_free (p);
}

/**
 * reg_store_add_pending_export:
 * @store: a connection
 * @temp_path: the export's working folder
 * @target: the file it is to become
 * @error: a database error (%REG_STORE_ERROR)
 *
 * In the caller's transaction, or on its own.
 *
 * Returns: the pending export's id, or 0 on error.
 */
gint64
reg_store_add_pending_export (RegStore *store, const char *temp_path, const char *target,
                              GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO pending_exports (temp_path, target) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return 0;
  reg_stmt_bind_text (stmt, 1, temp_path);
  reg_stmt_bind_text (stmt, 2, target);
  if (!reg_store_check (store, sqlite3_step (stmt), _("recording an export"), error))
    return 0;
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

/**
 * reg_store_set_pending_campaign:
 * @store: a connection
 * @id: a pending export
 * @campaign: the campaign recorded for it
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when recorded.
 */
gboolean
reg_store_set_pending_campaign (RegStore *store, gint64 id, gint64 campaign, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE pending_exports SET campaign_id = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, campaign);
  return reg_store_check (store, sqlite3_step (stmt), _("recording an export"), error);
}

/**
 * reg_store_remove_pending_export:
 * @store: a connection
 * @id: a pending export
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when removed (or already gone).
 */
gboolean
reg_store_remove_pending_export (RegStore *store, gint64 id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "DELETE FROM pending_exports WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return reg_store_check (store, sqlite3_step (stmt), _("recording an export"), error);
}

/**
 * reg_store_list_pending_exports:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegPendingExport): the exports under way or left by a
 *   killed process, oldest first; %NULL on error.
 */
GPtrArray *
reg_store_list_pending_exports (RegStore *store, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_pending_export_free);
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id, temp_path, target, coalesce(campaign_id, 0) FROM pending_exports ORDER BY id",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegPendingExport *p = g_new0 (RegPendingExport, 1);
      p->id = sqlite3_column_int64 (stmt, 0);
      p->temp_path = reg_stmt_dup_text (stmt, 1);
      p->target = reg_stmt_dup_text (stmt, 2);
      p->campaign_id = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (list, p);
    }
  if (!reg_store_check (store, rc, _("reading the exports under way"), error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * reg_store_delete_campaign:
 * @store: a connection
 * @id: a campaign's number
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Removes a campaign and its members: for a campaign whose list never arrived.
 *
 * Returns: %TRUE when removed.
 */
gboolean
reg_store_delete_campaign (RegStore *store, gint64 id, GError **error)
{
  /* members go with it (ON DELETE CASCADE) */
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "DELETE FROM campaigns WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return reg_store_check (store, sqlite3_step (stmt), _("undoing an unfinished campaign"), error);
}
