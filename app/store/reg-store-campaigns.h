/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Campaigns the owner sent: which segment, when, and who was in the treatment and the
 * control group, so that the effect can be measured later.
 */
#pragma once

#include "reg-store.h"

G_BEGIN_DECLS

gint64     reg_store_insert_campaign     (RegStore *store, const char *name, const char *segment,
                                          const char *rule, gint32 started_on,
                                          double control_percent, guint32 seed,
                                          const char *file_name, GError **error);
gboolean   reg_store_add_campaign_member (RegStore *store, gint64 campaign, gint64 customer,
                                          gboolean control, GError **error);
/* (element-type RegCampaignRecord) newest first */
GPtrArray *reg_store_list_campaigns      (RegStore *store, GError **error);
RegCampaignRecord *reg_store_get_campaign (RegStore *store, gint64 id, GError **error);
/* (element-type gint64) customer ids of one group */
GArray    *reg_store_campaign_members    (RegStore *store, gint64 id, gboolean control,
                                          GError **error);

G_END_DECLS
