/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the files that make up RegShop and its list models.
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "reg-shop.h"

G_BEGIN_DECLS

GListModel *reg_customer_list_new (RegShop *shop);
GListModel *reg_sale_list_new     (RegShop *shop);

G_END_DECLS
