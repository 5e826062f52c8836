/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSaleEntry: the keyboard-first row for entering a sale — customer (with suggestions, or a
 * new customer), date, amount, note, refund, and optionally the products sold (Enter in their
 * fields adds a line). Enter saves and clears; errors show under the field and nothing is
 * saved until every field is valid. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_SALE_ENTRY (reg_sale_entry_get_type ())
G_DECLARE_FINAL_TYPE (RegSaleEntry, reg_sale_entry, REG, SALE_ENTRY, AdwBin)

GtkWidget *reg_sale_entry_new            (void);
void       reg_sale_entry_set_shop       (RegSaleEntry *self,
                                          RegShop      *shop);
void       reg_sale_entry_focus          (RegSaleEntry *self);
/* Validates and records what is typed; returns the new sale's id, or 0 (errors shown). */
gint64     reg_sale_entry_save           (RegSaleEntry *self);
/* Suggestions currently offered for the customer field (for tests). */
guint      reg_sale_entry_get_n_suggestions (RegSaleEntry *self);
/* The text of the last "saved" message, as the toast says it (for tests). */
const char *reg_sale_entry_get_saved_message (RegSaleEntry *self);

G_END_DECLS
