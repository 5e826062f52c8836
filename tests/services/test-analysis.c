/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis job over a real shop: the CDNOW sample loaded into a shop gives the published
 * holdout check; scores are written for every customer; a cancelled run changes nothing; a
 * shop with five customers gets historic figures and a plain "not enough data".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clv-date.h"
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

/* cdnowElog.csv: masterid,sampleid,date(YYYYMMDD),cds,sales(dollars) */
static void
load_cdnow (RegShop *shop)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  RegStore *store = reg_shop_get_store (shop);
  gint64 ids[2358] = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (reg_store_begin (store, &error));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      int master, sample, ymd, cds;
      double dollars;
      RegSaleRecord sale = { 0 };
      if (sscanf (lines[i], "%d,%d,%d,%d,%lf", &master, &sample, &ymd, &cds, &dollars) != 5)
        continue;
      g_assert_cmpint (sample, >=, 1);
      g_assert_cmpint (sample, <=, 2357);
      if (ids[sample] == 0)
        {
          RegCustomerRecord rec = { 0 };
          g_autofree char *name = g_strdup_printf ("CDNOW %d", sample);
          rec.name = name;
          ids[sample] = reg_store_insert_customer (store, &rec, &error);
          g_assert_no_error (error);
        }
      /* eight purchases of $0.00 are not sales: the shop refuses zero amounts */
      if (llround (dollars * 100) == 0)
        continue;
      sale.customer_id = ids[sample];
      sale.day = clv_date_from_ymd (ymd / 10000, ymd / 100 % 100, ymd % 100);
      sale.amount = llround (dollars * 100);
      g_assert_cmpint (reg_store_insert_sale (store, &sale, &error), >, 0);
    }
  g_assert_true (reg_store_commit (store, &error));
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
}

static void
test_cdnow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  g_autoptr(RegAnalysisSummary) again = NULL;
  g_autoptr(RegCustomerRow) row = NULL;
  RegAnalysisOptions opts;
  guint tier_total = 0;

  load_cdnow (f->shop);
  reg_analysis_options_init (&opts);
  opts.model = "bgnbd";
  opts.time_unit = "week";
  opts.calibration_end = clv_date_from_ymd (1997, 9, 30);
  opts.end_day = clv_date_from_ymd (1998, 6, 30);
  job = reg_analysis_job_new (f->shop, &opts);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpfloat (reg_job_get_fraction (REG_JOB (job)), ==, 1.0);

  g_assert_cmpstr (s->model, ==, "bgnbd");
  g_assert_true (s->enough_data);
  /* 8 of the 2,357 sample customers bought only for $0.00: not buyers (awk over the file) */
  g_assert_cmpuint (s->customers, ==, 2349);
  /* FHL (2005) holdout: 1,882 repeat purchase days; BG/NBD expects 1,653.4 (lifetimes 0.11.3) */
  g_assert_cmpfloat_with_epsilon (s->holdout_actual, 1882, 0.5);
  g_test_message ("holdout predicted %.1f", s->holdout_predicted);
  g_assert_cmpfloat (fabs (s->holdout_predicted - 1653.4) / 1653.4, <, 0.01);
  g_assert_nonnull (g_hash_table_lookup (s->params, "r"));
  g_assert_nonnull (g_hash_table_lookup (s->spend_params, "p"));
  for (guint i = 0; i < s->tiers->len; i++)
    tier_total += g_array_index (s->tiers, RegTierFigure, i).customers;
  g_assert_cmpuint (tier_total, ==, 2349);
  g_assert_cmpuint (s->revenue_by_month->len, ==, 18);   /* Jan 1997 .. Jun 1998 */

  /* every customer is scored; sample id 1 (customer 1) bought again in the holdout */
  row = reg_store_get_customer_row (reg_shop_get_store (f->shop), 1, &error);
  g_assert_no_error (error);
  g_assert_true (row->scored);
  g_assert_cmpfloat (row->p_alive, >, 0);
  g_assert_cmpfloat (row->p_alive, <=, 1);
  g_assert_cmpfloat (row->clv, >, 0);
  g_assert_nonnull (row->tier);

  again = reg_shop_load_latest_analysis (f->shop, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->run_id, ==, s->run_id);
  g_assert_cmpfloat (again->holdout_predicted, ==, s->holdout_predicted);
}

/* Called in the worker thread as the job reports progress: cancels once it passes a point. */
static void
cancel_at_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  if (fraction >= *(double *) data)
    reg_job_cancel (job);
}

static void
test_cancel_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  /* before reading, while fitting, and while writing the scores back */
  double points[] = { 0.0, 0.5, 0.85 };

  load_cdnow (f->shop);
  before = reg_store_dump (reg_shop_get_store (f->shop), NULL);
  {
    g_autoptr(RegAnalysisJob) job = reg_analysis_job_new (f->shop, NULL);
    reg_job_cancel (REG_JOB (job));
    g_assert_null (reg_job_run_sync (REG_JOB (job), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(RegAnalysisJob) job = reg_analysis_job_new (f->shop, NULL);
      reg_job_set_progress_func (REG_JOB (job), cancel_at_cb, &points[i]);
      g_assert_null (reg_job_run_sync (REG_JOB (job), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      after = reg_store_dump (reg_shop_get_store (f->shop), NULL);
      /* not g_assert_cmpstr: the dumps are megabytes */
      g_assert_true (g_str_equal (before, after));
      g_clear_pointer (&after, g_free);
    }
}

static void
test_tiny_shop (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  g_autofree char *json = NULL;
  gint32 day = clv_date_from_ymd (2024, 1, 1);

  for (int i = 0; i < 5; i++)
    {
      RegCustomerRecord rec = { 0 };
      g_autofree char *name = g_strdup_printf ("Customer %d", i);
      gint64 id;
      rec.name = name;
      id = reg_shop_add_customer (f->shop, &rec, &error);
      reg_shop_record_sale (f->shop, id, day + i * 3, 1000 + i * 100, NULL, &error);
      if (i < 2)
        reg_shop_record_sale (f->shop, id, day + 40 + i, 900, NULL, &error);
      g_assert_no_error (error);
    }
  job = reg_analysis_job_new (f->shop, NULL);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->model, ==, "none");
  g_assert_false (s->enough_data);
  g_assert_nonnull (s->model_reason);
  g_assert_cmpuint (s->customers, ==, 5);
  g_assert_cmpint (s->revenue, ==, 1000 + 1100 + 1200 + 1300 + 1400 + 1800);
  g_assert_cmpfloat (s->clv_total, ==, -1);
  json = reg_store_latest_run (reg_shop_get_store (f->shop), NULL, NULL, &error);
  g_assert_null (strstr (json, "nan"));
  g_assert_null (strstr (json, "inf"));
}

/* Customers who first bought more than the ten years of cohorts the analysis keeps month by
 * month are still counted, in the summary the job returns and in the one read back. */
static void
test_cohorts_earlier (Fixture *f, gconstpointer data)
{
  static const struct { int year, month; } first[] = {
    { 2010, 1 }, { 2011, 3 }, { 2023, 5 }, { 2024, 2 }, { 2024, 6 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  g_autoptr(RegAnalysisSummary) loaded = NULL;
  guint in_rows = 0;

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      RegCustomerRecord rec = { 0 };
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      gint64 id;

      rec.name = name;
      id = reg_shop_add_customer (f->shop, &rec, &error);
      g_assert_no_error (error);
      reg_shop_record_sale (f->shop, id, clv_date_from_ymd (first[i].year, first[i].month, 10), 1500,
                            NULL, &error);
      reg_shop_record_sale (f->shop, id, clv_date_from_ymd (2024, 9, 1 + (int) i), 900, NULL, &error);
      g_assert_no_error (error);
    }
  job = reg_analysis_job_new (f->shop, NULL);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  loaded = reg_shop_load_latest_analysis (f->shop, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  /* 2010 and 2011 are before the last 120 months of cohorts (June 2014 to June 2024) */
  g_assert_cmpuint (s->cohorts_earlier, ==, 2);
  g_assert_cmpuint (loaded->cohorts_earlier, ==, 2);
  for (guint i = 0; i < loaded->cohorts->len; i++)
    in_rows += ((RegCohortRow *) loaded->cohorts->pdata[i])->size;
  g_assert_cmpuint (in_rows + loaded->cohorts_earlier, ==, G_N_ELEMENTS (first));
}

static void
test_empty_shop (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = reg_analysis_job_new (f->shop, NULL);
  g_autoptr(RegAnalysisSummary) s = reg_job_run_sync (REG_JOB (job), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->model, ==, "none");
  g_assert_cmpuint (s->customers, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&job));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/analysis/cdnow", test_cdnow);
  ADD ("/analysis/cancel-changes-nothing", test_cancel_changes_nothing);
  ADD ("/analysis/tiny-shop", test_tiny_shop);
  ADD ("/analysis/empty-shop", test_empty_shop);
  ADD ("/analysis/cohorts-earlier", test_cohorts_earlier);
#undef ADD
  return g_test_run ();
}
