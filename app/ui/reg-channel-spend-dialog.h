/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChannelSpendDialog: a small window where the owner enters what they spent on marketing per
 * channel and month, and sees and removes what was entered. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_CHANNEL_SPEND_DIALOG (reg_channel_spend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RegChannelSpendDialog, reg_channel_spend_dialog, REG, CHANNEL_SPEND_DIALOG,
                      AdwWindow)

GtkWindow *reg_channel_spend_dialog_new  (RegShop               *shop);
/* Opens the window over the window that holds @from. */
void       reg_channel_spend_dialog_show (GtkWidget             *from,
                                          RegShop               *shop);
/* What the Add button does with the three fields; FALSE with the message shown otherwise. */
gboolean   reg_channel_spend_dialog_add  (RegChannelSpendDialog *self,
                                          const char            *channel,
                                          const char            *month,
                                          const char            *amount);

G_END_DECLS
