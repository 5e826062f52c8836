/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "reg-test-utils.h"
#include "services-test-utils.h"

void
services_shop_fixture_setup (RegServicesShopFixture *f,
                             gconstpointer           data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = reg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "shop.regulars", NULL);
  f->shop = reg_shop_open (path, TRUE, &error);
  g_assert_no_error (error);
}

void
services_shop_fixture_teardown (RegServicesShopFixture *f,
                                gconstpointer           data)
{
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}
