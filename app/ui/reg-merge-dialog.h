/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegMergeDialog: pick another customer (a duplicate) to fold into the one shown; their sales
 * move over and the duplicate disappears. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-customer.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_MERGE_DIALOG (reg_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RegMergeDialog, reg_merge_dialog, REG, MERGE_DIALOG, AdwWindow)

GtkWindow  *reg_merge_dialog_new        (RegShop        *shop,
                                         RegCustomer    *keep);
void        reg_merge_dialog_set_search (RegMergeDialog *self,
                                         const char     *text);
GListModel *reg_merge_dialog_get_model  (RegMergeDialog *self);
gboolean    reg_merge_dialog_merge      (RegMergeDialog *self);

G_END_DECLS
