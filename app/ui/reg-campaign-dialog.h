/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCampaignDialog: one campaign's page. Who got the list and who was held back, and what it
 * changed, measured by reg_shop_measure_campaign() and told in plain words. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_CAMPAIGN_DIALOG (reg_campaign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RegCampaignDialog, reg_campaign_dialog, REG, CAMPAIGN_DIALOG, AdwWindow)

GtkWindow  *reg_campaign_dialog_new         (RegShop           *shop,
                                             gint64             campaign);
/* The lift in words as shown, or the reason it could not be measured. */
const char *reg_campaign_dialog_get_summary (RegCampaignDialog *self);

G_END_DECLS
