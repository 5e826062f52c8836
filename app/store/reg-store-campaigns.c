/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Campaign rows and their members.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "reg-store-campaigns.h"

/**
 * reg_campaign_record_free:
 * @rec: (transfer full) (nullable): a campaign record
 */
void
reg_campaign_record_free (RegCampaignRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->name);
  g_free (rec->segment);
  g_free (rec->rule);
  g_free (rec->file_name);
  g_free (rec->created_at);
  g_free (rec);
}

/**
 * reg_store_insert_campaign:
 * @store: a connection
 * @name: the campaign's name
 * @segment: the segment as written ("at-risk")
 * @rule: (nullable): the segment in words
 * @started_on: the Julian day it was sent
 * @control_percent: the share held back, 0 to less than 100
 * @seed: the seed that drew the control group
 * @file_name: (nullable): the list file written
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: the campaign's number (never given out twice in a shop), or 0 on error.
 */
gint64
reg_store_insert_campaign (RegStore *store, const char *name, const char *segment,
                           const char *rule, gint32 started_on, double control_percent,
                           guint32 seed, const char *file_name, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO campaigns (id, name, segment, rule, started_on, control_percent, seed, "
      "file_name) VALUES ((SELECT last + 1 FROM numbers_used WHERE name = 'campaigns'), "
      "?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  char day[11];

  if (stmt == NULL)
    return 0;
  clv_date_format_iso_buf (started_on, day);
  reg_stmt_bind_text (stmt, 1, name);
  reg_stmt_bind_text (stmt, 2, segment);
  reg_stmt_bind_text (stmt, 3, rule);
  sqlite3_bind_text (stmt, 4, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 5, control_percent);
  sqlite3_bind_int64 (stmt, 6, seed);
  reg_stmt_bind_text (stmt, 7, file_name);
  if (!reg_store_check (store, sqlite3_step (stmt), _("recording the campaign"), error))
    return 0;
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

/**
 * reg_store_add_campaign_member:
 * @store: a connection
 * @campaign: a campaign's number
 * @customer: a customer's id
 * @control: %TRUE for the control group, %FALSE for those who got the list
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when recorded.
 */
gboolean
reg_store_add_campaign_member (RegStore *store, gint64 campaign, gint64 customer,
                               gboolean control, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO campaign_members (campaign_id, customer_id, grp) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign);
  sqlite3_bind_int64 (stmt, 2, customer);
  sqlite3_bind_text (stmt, 3, control ? "control" : "treatment", -1, SQLITE_STATIC);
  return reg_store_check (store, sqlite3_step (stmt), _("recording the campaign"), error);
}

#define CAMPAIGN_SQL \
  "SELECT c.id, c.name, c.segment, c.rule, c.file_name, c.created_at, c.started_on, " \
  "c.control_percent, c.seed, " \
  "(SELECT count(*) FROM campaign_members m WHERE m.campaign_id = c.id AND m.grp = 'treatment'), " \
  "(SELECT count(*) FROM campaign_members m WHERE m.campaign_id = c.id AND m.grp = 'control') " \
  "FROM campaigns c"

static RegCampaignRecord *
read_campaign (RegStmt *stmt)
{
  RegCampaignRecord *rec = g_new0 (RegCampaignRecord, 1);

  rec->id = sqlite3_column_int64 (stmt, 0);
  rec->name = reg_stmt_dup_text (stmt, 1);
  rec->segment = reg_stmt_dup_text (stmt, 2);
  rec->rule = reg_stmt_dup_text (stmt, 3);
  rec->file_name = reg_stmt_dup_text (stmt, 4);
  rec->created_at = reg_stmt_dup_text (stmt, 5);
  rec->started_on = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 6));
  rec->control_percent = sqlite3_column_double (stmt, 7);
  rec->seed = (guint32) sqlite3_column_int64 (stmt, 8);
  rec->treatment = (guint) sqlite3_column_int64 (stmt, 9);
  rec->control = (guint) sqlite3_column_int64 (stmt, 10);
  return rec;
}

/**
 * reg_store_list_campaigns:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegCampaignRecord): every campaign with its member
 *   counts, newest first; %NULL on error.
 */
GPtrArray *
reg_store_list_campaigns (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, CAMPAIGN_SQL " ORDER BY c.id DESC", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_campaign_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_campaign (stmt));
  if (!reg_store_check (store, rc, _("listing campaigns"), error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * reg_store_get_campaign:
 * @store: a connection
 * @id: a campaign's number
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Returns: (transfer full) (nullable): the campaign with its member counts, or %NULL on error.
 */
RegCampaignRecord *
reg_store_get_campaign (RegStore *store, gint64 id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, CAMPAIGN_SQL " WHERE c.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_campaign (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                 _("There is no campaign with number %" PRId64), id);
  else
    reg_store_check (store, rc, _("reading a campaign"), error);
  return NULL;
}

/**
 * reg_store_campaign_members:
 * @store: a connection
 * @id: a campaign's number
 * @control: which group: %TRUE the control group
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type gint64): the group's customer ids; %NULL on error.
 */
GArray *
reg_store_campaign_members (RegStore *store, gint64 id, gboolean control, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT customer_id FROM campaign_members WHERE campaign_id = ?1 AND grp = ?2 "
      "ORDER BY customer_id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, control ? "control" : "treatment", -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 c = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, c);
    }
  if (!reg_store_check (store, rc, _("reading a campaign"), error))
    return NULL;
  return g_steal_pointer (&ids);
}
