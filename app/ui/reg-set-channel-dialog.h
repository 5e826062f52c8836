/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The question "Set the channel of these customers": an AdwMessageDialog with an entry, which
 * sets one channel on a list of customers at once through reg_shop_set_customers_channel().
 * Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

/* @ids: (element-type gint64) the customers; the dialog keeps a reference. Returns the dialog,
 * presented over the window holding @from. */
GtkWidget *reg_set_channel_dialog_show  (GtkWidget  *from,
                                         RegShop    *shop,
                                         GArray     *ids);
/* The same for the customers selected in a list (the question says "selected", not "shown"). */
GtkWidget *reg_set_channel_dialog_show_selected (GtkWidget *from,
                                                 RegShop   *shop,
                                                 GArray    *ids);
/* The dialog's entry, for tests. */
GtkEditable *reg_set_channel_dialog_get_entry (GtkWidget *dialog);

G_END_DECLS
