/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegNewShopDialog asks what a new shop is called, its currency and how it writes amounts and
 * dates (defaults from the system's locale), as `regulars-cli init` takes them, then makes the
 * shop at the path chosen before. Main thread only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REG_TYPE_NEW_SHOP_DIALOG (reg_new_shop_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RegNewShopDialog, reg_new_shop_dialog, REG, NEW_SHOP_DIALOG, AdwWindow)

/* Emits "created" (the path) once the shop is made, then closes. */
GtkWindow  *reg_new_shop_dialog_new      (GtkWindow        *parent,
                                          const char       *path);
const char *reg_new_shop_dialog_get_path (RegNewShopDialog *self);

G_END_DECLS
