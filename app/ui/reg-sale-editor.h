/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSaleEditor: a small modal window to correct one sale's date, amount and note.
 * Main thread only; the window owns a copy of the record.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_SALE_EDITOR (reg_sale_editor_get_type ())
G_DECLARE_FINAL_TYPE (RegSaleEditor, reg_sale_editor, REG, SALE_EDITOR, AdwWindow)

/* NULL when the sale cannot be read (the reason is logged). */
GtkWindow *reg_sale_editor_new  (RegShop       *shop,
                                 gint64         sale_id);
gboolean   reg_sale_editor_save (RegSaleEditor *self);

G_END_DECLS
