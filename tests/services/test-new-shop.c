/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new shop made with its name, currency and locale: the settings as given, the defaults
 * guessed from a system locale, and a refused value that leaves no file behind and an existing
 * file unchanged.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "reg-shop.h"
#include "reg-test-utils.h"

static void
test_guess_defaults (void)
{
  static const struct { const char *posix, *locale, *currency; } cases[] = {
    { "de_DE.UTF-8", "de_DE", "EUR" },
    { "de_AT.utf8", "de_AT", "EUR" },
    { "de_CH.UTF-8", "de_CH", "CHF" },
    { "en_GB.UTF-8", "en_GB", "GBP" },
    { "es_ES@euro", "es_ES", "EUR" },
    { "es_MX.UTF-8", "es_MX", "MXN" },
    { "fr_BE.UTF-8", "fr_FR", "EUR" },       /* same language, the territory's currency */
    { "ja_JP.UTF-8", "ja_JP", "JPY" },
    { "en_NZ.UTF-8", "en_US", "NZD" },       /* English of a territory without its own entry */
    { "tr_TR.UTF-8", "en_US", "USD" },       /* neither known */
    { "C", "en_US", "USD" },
    { "C.UTF-8", "en_US", "USD" },
    { "POSIX", "en_US", "USD" },
    { "", "en_US", "USD" },
    { NULL, "en_US", "USD" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *locale = NULL, *currency = NULL;

      reg_shop_guess_defaults (cases[i].posix, &locale, &currency);
      g_test_message ("%s -> %s %s", cases[i].posix, locale, currency);
      g_assert_cmpstr (locale, ==, cases[i].locale);
      g_assert_cmpstr (currency, ==, cases[i].currency);
    }
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_create (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "Café.regulars", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = reg_shop_create (path, "  Café Zoë ", "eur", "de_DE", &error);
  g_autofree char *name = NULL, *currency = NULL, *locale = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (shop);
  name = reg_shop_get_setting (shop, REG_SETTING_SHOP_NAME);
  currency = reg_shop_get_setting (shop, REG_SETTING_CURRENCY);
  locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
  g_assert_cmpstr (name, ==, "Café Zoë");
  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpstr (locale, ==, "de_DE");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&shop);
  reg_test_rm_rf (dir);
}

static void
test_refused (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.regulars", NULL);
  g_autofree char *before = NULL, *after = NULL;
  const char *bad[][3] = {
    { "", "EUR", "de_DE" }, { "Shop", "XYZ", "de_DE" }, { "Shop", "EUR", "xx_YY" },
  };

  /* nothing there: nothing left */
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RegShop) shop = reg_shop_create (path, bad[i][0], bad[i][1], bad[i][2], &error);

      g_assert_null (shop);
      g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (count_files (dir), ==, 0);
    }
  /* the value refused is named */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegShop) shop = reg_shop_create (path, "Shop", "XYZ", "de_DE", &error);
    g_assert_nonnull (strstr (error->message, "XYZ"));
  }
  /* a file to replace stays as it was when a value is refused, and is replaced otherwise */
  g_assert_true (g_file_set_contents (path, "the older file", -1, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegShop) shop = reg_shop_create (path, "Shop", "EUR", "xx_YY", &error);

    g_assert_null (shop);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpuint (count_files (dir), ==, 1);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegShop) shop = reg_shop_create (path, "Shop", "GBP", "en_GB", &error);
    g_autofree char *currency = NULL;

    g_assert_no_error (error);
    currency = reg_shop_get_setting (shop, REG_SETTING_CURRENCY);
    g_assert_cmpstr (currency, ==, "GBP");
  }
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/services/new-shop/guess-defaults", test_guess_defaults);
  g_test_add_func ("/services/new-shop/create", test_create);
  g_test_add_func ("/services/new-shop/refused", test_refused);
  return g_test_run ();
}
