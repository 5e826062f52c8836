/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop total's 80 % range in words: rounded as an owner says it, in the shop's currency
 * and locale; a run stored before the ranges were kept reads back with none, and says nothing.
 */
#include <string.h>

#include "reg-analysis-job.h"
#include "reg-analysis-private.h"
#include "reg-forecast-words.h"
#include "reg-score-words.h"
#include "reg-shop.h"
#include "reg-test-utils.h"

static RegShop *
new_shop (char **dir, const char *currency, const char *locale)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RegShop *shop;

  *dir = reg_test_make_tmpdir ();
  path = g_build_filename (*dir, "shop.regulars", NULL);
  shop = reg_shop_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (reg_shop_set_setting (shop, REG_SETTING_CURRENCY, currency, &error));
  g_assert_true (reg_shop_set_setting (shop, REG_SETTING_LOCALE, locale, &error));
  g_assert_no_error (error);
  return shop;
}

static void
test_total_in_words (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = new_shop (&dir, "EUR", "en_US");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = reg_analysis_summary_from_json (
    "{\"horizon_months\": 12, \"kpis\": {\"clv_total_minor\": 30444799, "
    "\"clv_total_range\": [28111006, 32877567], \"expected_purchases\": 11689.1, "
    "\"expected_purchases_range\": [11416.9, 11959.4], \"ranges_note\": null}}",
    1, "2026-12-07T10:00:00", &error);
  g_autofree char *words = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat (s->clv_total_range[0], ==, 28111006);
  g_assert_cmpfloat (s->expected_purchases_range[1], ==, 11959.4);
  words = reg_words_clv_total_range (shop, s);
  g_assert_cmpstr (words, ==, "Your customers are likely to be worth €304,000 to you in the next "
                              "12 months, after your margin (80 % range €281,000 to €329,000).");
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

/* A run from before the ranges: none, and no sentence about them. */
static void
test_older_run (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = new_shop (&dir, "EUR", "en_US");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = reg_analysis_summary_from_json (
    "{\"horizon_months\": 12, \"kpis\": {\"clv_total_minor\": 30444799}}", 1,
    "2026-12-07T10:00:00", &error);
  g_autofree char *words = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat (s->clv_total_range[0], ==, -1);
  g_assert_cmpfloat (s->expected_purchases, ==, -1);
  g_assert_null (s->ranges_note);
  words = reg_words_clv_total_range (shop, s);
  g_assert_null (words);
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

/* The shop's own way of writing money: a German shop in yen. */
static void
test_total_in_shop_format (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = new_shop (&dir, "JPY", "de_DE");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = reg_analysis_summary_from_json (
    "{\"horizon_months\": 6, \"kpis\": {\"clv_total_minor\": 1234567, "
    "\"clv_total_range\": [999, 2345678]}}", 1, "2026-12-07T10:00:00", &error);
  g_autofree char *words = NULL;

  g_assert_no_error (error);
  words = reg_words_clv_total_range (shop, s);
  g_test_message ("%s", words);
  g_assert_nonnull (strstr (words, "1.230.000"));
  g_assert_nonnull (strstr (words, "999"));
  g_assert_nonnull (strstr (words, "2.350.000"));
  g_assert_nonnull (strstr (words, "in the next 6 months"));
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

/* The forecast's band read back from a stored run: each month's range_minor; a run stored with
 * null (too little history) or before the band was kept reads back without one, and the words
 * say nothing of a range. */
static void
test_forecast_band (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = new_shop (&dir, "EUR", "en_US");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = reg_analysis_summary_from_json (
    "{\"horizon_months\": 2, \"forecast\": ["
    "{\"month\": \"2026-12-08\", \"expected_minor\": 120000, \"range_minor\": [100000, 150000]},"
    "{\"month\": \"2027-01-07\", \"expected_minor\": 90000, \"range_minor\": [70000, 118000]}]}",
    1, "2026-12-07T10:00:00", &error);
  g_autoptr(RegAnalysisSummary) none = NULL;
  g_autoptr(RegAnalysisSummary) older = NULL;
  g_autofree char *words = NULL;
  ClvMoneyFormat fmt;

  g_assert_no_error (error);
  reg_shop_get_money_format (shop, &fmt);
  g_assert_cmpuint (s->forecast->len, ==, 2);
  g_assert_true (g_array_index (s->forecast, RegMonthAmount, 0).ranged);
  g_assert_cmpint (g_array_index (s->forecast, RegMonthAmount, 0).low, ==, 100000);
  g_assert_cmpint (g_array_index (s->forecast, RegMonthAmount, 1).high, ==, 118000);
  words = reg_words_forecast_range (&fmt, s, FALSE);
  g_test_message ("%s", words);
  g_assert_nonnull (strstr (words, "80 % range"));
  g_assert_nonnull (strstr (words, "€1,000.00 to €1,500.00 in the first month ahead"));
  g_assert_nonnull (strstr (words, "€700.00 to €1,180.00 in the last"));

  none = reg_analysis_summary_from_json (
    "{\"horizon_months\": 1, \"forecast\": ["
    "{\"month\": \"2026-12-08\", \"expected_minor\": 120000, \"range_minor\": null}]}",
    1, "2026-12-07T10:00:00", &error);
  g_assert_no_error (error);
  older = reg_analysis_summary_from_json (
    "{\"horizon_months\": 1, \"forecast\": ["
    "{\"month\": \"2026-12-08\", \"expected_minor\": 120000}]}",
    1, "2026-12-07T10:00:00", &error);
  g_assert_no_error (error);
  g_assert_false (g_array_index (none->forecast, RegMonthAmount, 0).ranged);
  g_assert_false (g_array_index (older->forecast, RegMonthAmount, 0).ranged);
  g_assert_null (reg_words_forecast_range (&fmt, none, FALSE));
  g_assert_null (reg_words_forecast_range (&fmt, older, TRUE));
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/services/ranges/total-in-words", test_total_in_words);
  g_test_add_func ("/services/ranges/older-run", test_older_run);
  g_test_add_func ("/services/ranges/total-in-shop-format", test_total_in_shop_format);
  g_test_add_func ("/services/ranges/forecast-band", test_forecast_band);
  return g_test_run ();
}
