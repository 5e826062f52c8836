/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the files of the services: RegShop, its list models and the jobs.
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "reg-shop.h"
#include "reg-store.h"

G_BEGIN_DECLS

/* The shop's own connection (main thread). Only the services reach the store; jobs open their
 * own on reg_shop_get_path(). */
RegStore   *reg_shop_get_store    (RegShop *self);

GListModel *reg_customer_list_new (RegShop *shop);
GListModel *reg_sale_list_new     (RegShop *shop);

G_END_DECLS
