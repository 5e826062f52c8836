/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One-time buyers where the owner reads about them: with BG/NBD, which gives them P(alive) = 1
 * by construction, the analysis keeps the shop's return pattern, the at-risk list names those
 * who bought once longer ago than most returning customers took to come back (with the reason
 * in figures), and the workbook's tier sheets say "too early to tell" instead of 100 %.
 */
#include <string.h>

#include "reg-analysis-job.h"
#include "reg-demo.h"
#include "reg-loyalty-job.h"
#include "reg-report-job.h"
#include "reg-shop.h"
#include "reg-test-utils.h"

typedef struct
{
  char    *dir;
  RegShop *shop;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RegDemoOptions opts;

  f->dir = reg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "demo.regulars", NULL);
  reg_demo_options_init (&opts);
  opts.customers = 300;
  opts.seed = 3;
  g_assert_true (reg_demo_write (path, &opts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->shop = reg_shop_open (path, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static RegAnalysisSummary *
analyse (Fixture *f, const char *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  RegAnalysisOptions opts;
  RegAnalysisSummary *s;

  reg_analysis_options_init (&opts);
  opts.model = model;
  job = reg_analysis_job_new (f->shop, &opts);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  return s;
}

static void
test_at_risk_list (Fixture *f, gconstpointer data)
{
  g_autoptr(RegAnalysisSummary) s = analyse (f, "bgnbd");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegLoyaltyList) list = NULL;
  const char *within = "most customers who came back did so within";
  guint not_back = 0;

  g_assert_cmpstr (s->model, ==, "bgnbd");
  g_assert_cmpint (s->return_days, >, 0);
  g_assert_cmpuint (s->p_alive_too_early, >, 0);
  list = reg_shop_loyalty_list (f->shop, "at-risk", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->entries->len; i++)
    {
      const RegLoyaltyEntry *e = &g_array_index (list->entries, RegLoyaltyEntry, i);

      g_assert_nonnull (e->reason);
      if (strstr (e->reason, "bought once,") == NULL)
        continue;
      g_assert_cmpuint (e->visits, ==, 1);
      g_assert_nonnull (strstr (e->reason, within));
      not_back++;
    }
  g_test_message ("%u of %u on the at-risk list bought once and are not back in time",
                  not_back, list->entries->len);
  g_assert_cmpuint (not_back, >, 0);
}

static void
test_workbook (Fixture *f, gconstpointer data)
{
  g_autoptr(RegAnalysisSummary) s = analyse (f, "bgnbd");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(RegReportJob) job = reg_report_job_new (f->shop, path);
  g_autofree char *written = reg_job_run_sync (REG_JOB (job), &error);
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autoptr(GString) tiers = g_string_new (NULL);

  g_assert_no_error (error);
  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }
  for (int sheet = 2; sheet <= 4; sheet++)
    {
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%d.xml", sheet);
      const char *argv[] = { "unzip", "-p", path, member, NULL };
      g_autofree char *out = NULL;

      g_autoptr(GRegex) clv_cell = g_regex_new ("<c r=\"L([0-9]+)\"[^>]*><v>([^<]+)</v>", 0, 0,
                                                NULL);
      g_autoptr(GMatchInfo) m = NULL;
      double previous = G_MAXDOUBLE;
      guint values = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                   G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, NULL, &error));
      g_string_append (tiers, out);
      /* each tier sheet lists its customers most valuable first (column L: predicted CLV) */
      for (g_regex_match (clv_cell, out, 0, &m); g_match_info_matches (m);
           g_match_info_next (m, NULL))
        {
          g_autofree char *v = g_match_info_fetch (m, 2);
          double clv = g_ascii_strtod (v, NULL);

          g_assert_cmpfloat (clv, <=, previous);
          previous = clv;
          values++;
        }
      g_assert_cmpuint (values, >, 1);
    }
  g_assert_nonnull (strstr (tiers->str, "too early to tell"));
  g_assert_nonnull (strstr (tiers->str, "most customers who came back did so within"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/services/one-time-buyers/at-risk-list", Fixture, NULL, fixture_setup,
              test_at_risk_list, fixture_teardown);
  g_test_add ("/services/one-time-buyers/workbook", Fixture, NULL, fixture_setup, test_workbook,
              fixture_teardown);
  return g_test_run ();
}
