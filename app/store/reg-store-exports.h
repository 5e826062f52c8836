/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports under way: a row from before an export's working folder is filled until its file is
 * in place, so that a killed export can be finished or undone at the next start, and a
 * campaign is kept exactly when its list file arrived.
 */
#pragma once

#include "reg-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *temp_path;     /* the export's working folder */
  char   *target;
  gint64  campaign_id;   /* 0 before the campaign is recorded */
} RegPendingExport;

void       reg_pending_export_free          (RegPendingExport *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegPendingExport, reg_pending_export_free)

/* Each in the caller's transaction, or on its own. */
gint64     reg_store_add_pending_export     (RegStore *store, const char *temp_path,
                                             const char *target, GError **error);
gboolean   reg_store_set_pending_campaign   (RegStore *store, gint64 id, gint64 campaign,
                                             GError **error);
gboolean   reg_store_remove_pending_export  (RegStore *store, gint64 id, GError **error);
/* (element-type RegPendingExport) oldest first */
GPtrArray *reg_store_list_pending_exports   (RegStore *store, GError **error);
/* Removes a campaign and its members: for a campaign whose list never arrived. */
gboolean   reg_store_delete_campaign        (RegStore *store, gint64 id, GError **error);

G_END_DECLS
