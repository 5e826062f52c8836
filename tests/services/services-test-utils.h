/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture most services tests share: a new, empty shop in a folder of its own.
 */
#pragma once

#include "reg-shop.h"

G_BEGIN_DECLS

typedef struct
{
  char    *dir;    /* (owned) removed at tear-down */
  RegShop *shop;   /* (owned) must be its last reference at tear-down */
} RegServicesShopFixture;

void services_shop_fixture_setup    (RegServicesShopFixture *f,
                                     gconstpointer           data);
void services_shop_fixture_teardown (RegServicesShopFixture *f,
                                     gconstpointer           data);

G_END_DECLS
