/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis job's horizon and discount rate: from the request, or else from the shop's
 * settings, and either way within the settings' range. A value outside it (NaN, negative, or
 * one stored in the file by other means) is refused with its name and value, never replaced
 * by another, and the shop keeps no new analysis.
 */
#include <math.h>
#include <string.h>

#include "reg-analysis-job.h"
#include "reg-shop.h"
#include "reg-store-analysis.h"
#include "reg-test-utils.h"
#include "services-test-utils.h"
#include "reg-shop-private.h"

/* a new, empty shop in a folder of its own (services-test-utils.h) */
typedef RegServicesShopFixture Fixture;
#define fixture_setup services_shop_fixture_setup
#define fixture_teardown services_shop_fixture_teardown

/* Runs an analysis with @horizon and @discount and expects it refused with @expect. */
static void
expect_refused (Fixture *f, int horizon, double discount, const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  RegAnalysisOptions opts;

  reg_analysis_options_init (&opts);
  opts.horizon_months = horizon;
  opts.discount_monthly = discount;
  job = reg_analysis_job_new (f->shop, &opts);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_null (s);
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expect));
}

static void
test_out_of_range (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  g_autofree char *latest = NULL;

  expect_refused (f, 0, NAN, "“nan”");
  expect_refused (f, 0, -0.5, "“-0.5”");
  expect_refused (f, 0, 0.9, "“0.9”");
  expect_refused (f, -3, -1, "“-3”");
  expect_refused (f, 121, -1, "“121”");

  /* values stored in the file by other means than the settings */
  g_assert_true (reg_store_set_setting (reg_shop_get_store (f->shop), "discount-monthly", "0.9",
                                        &error));
  expect_refused (f, 0, -1, "“0.9”");
  g_assert_true (reg_store_set_setting (reg_shop_get_store (f->shop), "discount-monthly", "0.02",
                                        &error));
  g_assert_true (reg_store_set_setting (reg_shop_get_store (f->shop), "horizon-months", "0",
                                        &error));
  expect_refused (f, 0, -1, "“0”");
  latest = reg_store_latest_run (reg_shop_get_store (f->shop), NULL, NULL, NULL);
  g_assert_null (latest);

  /* in range: the request's values, else the settings' */
  job = reg_analysis_job_new (f->shop, NULL);
  g_assert_true (reg_store_set_setting (reg_shop_get_store (f->shop), "horizon-months", "7",
                                        &error));
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->horizon_months, ==, 7);
  g_assert_cmpfloat (s->discount_monthly, ==, 0.02);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/services/analysis-options/out-of-range", Fixture, NULL, fixture_setup,
              test_out_of_range, fixture_teardown);
  return g_test_run ();
}
