/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerEditor: a small modal window to change a customer's name, contact details,
 * email consent and notes. Main thread only; the window owns a copy of the record.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_EDITOR (reg_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (RegCustomerEditor, reg_customer_editor, REG, CUSTOMER_EDITOR, AdwWindow)

/* NULL when the customer cannot be read (the reason is logged). */
GtkWindow *reg_customer_editor_new  (RegShop           *shop,
                                     gint64             customer_id);
gboolean   reg_customer_editor_save (RegCustomerEditor *self);

G_END_DECLS
