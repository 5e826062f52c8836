/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegPreferencesWindow: the shop's settings (currency and locale, margin and acquisition cost,
 * prediction horizon, discount rate and model, tier cut-offs, at-risk thresholds), each saved
 * through reg_shop_set_setting() as it changes, with the service's message shown under its
 * group when a value is refused. Main thread only; holds a reference to the shop.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_PREFERENCES_WINDOW (reg_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RegPreferencesWindow, reg_preferences_window, REG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWindow  *reg_preferences_window_new         (RegShop              *shop);
/* The row of a setting (REG_SETTING_…): an AdwEntryRow, AdwComboRow or AdwActionRow with a
 * GtkSpinButton (reg_preferences_window_get_spin). */
GtkWidget  *reg_preferences_window_get_row     (RegPreferencesWindow *self,
                                                const char           *key);
GtkSpinButton *reg_preferences_window_get_spin (RegPreferencesWindow *self,
                                                const char           *key);
/* The message under the setting's group, or NULL when its last change was taken. */
const char *reg_preferences_window_get_error   (RegPreferencesWindow *self,
                                                const char           *key);

G_END_DECLS
