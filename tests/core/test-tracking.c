/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracking check against Fader, Hardie & Lee (2005): on the CDNOW sample with the 39-week
 * calibration, cumulative repeat purchases at week 78, actual and expected by BG/NBD and
 * Pareto/NBD; weekly figures that add up; months; the bound on the number of periods.
 */
#include <math.h>

#include "clv-analysis.h"
#include "clv-tracking.h"
#include "clv-bgnbd.h"
#include "clv-pareto.h"
#include "clv-summary.h"
#include "core-test-data.h"

typedef struct
{
  ClvDayLog *log;
  ClvRfTriple *triples;
  gsize n_triples;
} Cdnow;

static void
cdnow_load (Cdnow *d)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(ClvSummary) cal = NULL;
  GError *error = NULL;

  d->log = clv_day_log_new (sales, n, nc, &error);
  g_assert_no_error (error);
  cal = clv_summary_new (d->log, core_test_julian (19970930), core_test_julian (19980630),
                         &error);
  g_assert_no_error (error);
  d->triples = clv_summary_triples (cal, 7, &d->n_triples);
}

static void
cdnow_clear (Cdnow *d)
{
  clv_day_log_free (d->log);
  g_free (d->triples);
}

/* The checks common to both models: 78 weeks from 1997-01-01, the calibration's 2,457 repeat
 * purchases in weeks 1 to 39, 4,339 by week 78, and per-week figures that sum to the
 * cumulative ones. */
static void
check_weeks (const ClvTracking *t)
{
  double a = 0, e = 0;
  int w39;

  g_assert_true (t->available);
  g_assert_true (t->weekly);
  g_assert_cmpuint (t->customers, ==, 2357);
  g_assert_cmpuint (t->n_periods, ==, 78);
  g_assert_cmpint (t->periods[0].start_day, ==, core_test_julian (19970101));
  g_assert_cmpint (t->periods[77].start_day, ==, core_test_julian (19970101) + 77 * 7);
  w39 = clv_tracking_period_of (t, core_test_julian (19970930));
  g_assert_cmpint (w39, ==, 38);
  g_assert_cmpfloat (t->periods[w39].actual_cumulative, ==, 2457);
  g_assert_cmpfloat (t->periods[77].actual_cumulative, ==, 4339);
  for (guint i = 0; i < t->n_periods; i++)
    {
      a += t->periods[i].actual;
      e += t->periods[i].expected;
      g_assert_cmpfloat_with_epsilon (t->periods[i].actual_cumulative, a, 1e-9);
      g_assert_cmpfloat_with_epsilon (t->periods[i].expected_cumulative, e, 1e-6);
      g_assert_cmpfloat (t->periods[i].expected, >=, 0);
    }
}

static void
test_cdnow_bgnbd (void)
{
  Cdnow d;
  ClvBgnbdParams p;
  ClvTracking t;
  GError *error = NULL;
  double last;

  cdnow_load (&d);
  g_assert_true (clv_bgnbd_fit (d.triples, d.n_triples, &p, &error));
  g_assert_no_error (error);
  g_assert_true (clv_tracking_compute (d.log, CLV_MODEL_BGNBD, &p, 7, TRUE,
                                       core_test_julian (19970930), core_test_julian (19980630),
                                       &t));
  check_weeks (&t);
  last = t.periods[77].expected_cumulative;
  g_test_message ("BG/NBD week 78: %.1f expected, 4339 actual (%.1f %%)", last,
                  100 * (last / 4339 - 1));
  g_assert_cmpfloat_with_epsilon (last, 4160.6, 2.0);
  clv_tracking_clear (&t);
  cdnow_clear (&d);
}

static void
test_cdnow_pareto (void)
{
  Cdnow d;
  ClvParetoParams p;
  ClvTracking t;
  GError *error = NULL;
  double last;

  cdnow_load (&d);
  g_assert_true (clv_pareto_fit (d.triples, d.n_triples, &p, &error));
  g_assert_no_error (error);
  g_assert_true (clv_tracking_compute (d.log, CLV_MODEL_PARETO, &p, 7, TRUE,
                                       core_test_julian (19970930), core_test_julian (19980630),
                                       &t));
  check_weeks (&t);
  last = t.periods[77].expected_cumulative;
  g_test_message ("Pareto/NBD week 78: %.1f expected, 4339 actual (%.1f %%)", last,
                  100 * (last / 4339 - 1));
  g_assert_cmpfloat_with_epsilon (last, 4270.0, 3.0);
  clv_tracking_clear (&t);
  cdnow_clear (&d);
}

/* Calendar months: Jan 1997 .. Jun 1998, the same totals. */
static void
test_cdnow_months (void)
{
  Cdnow d;
  ClvBgnbdParams p;
  ClvTracking t;
  GError *error = NULL;

  cdnow_load (&d);
  g_assert_true (clv_bgnbd_fit (d.triples, d.n_triples, &p, &error));
  g_assert_true (clv_tracking_compute (d.log, CLV_MODEL_BGNBD, &p, 7, FALSE,
                                       core_test_julian (19970930), core_test_julian (19980630),
                                       &t));
  g_assert_false (t.weekly);
  g_assert_cmpuint (t.n_periods, ==, 18);
  g_assert_cmpint (t.periods[1].start_day, ==, core_test_julian (19970201));
  g_assert_cmpint (t.periods[17].start_day, ==, core_test_julian (19980601));
  g_assert_cmpfloat (t.periods[17].actual_cumulative, ==, 4339);
  g_assert_cmpfloat_with_epsilon (t.periods[17].expected_cumulative, 4160.6, 2.0);
  clv_tracking_clear (&t);
  cdnow_clear (&d);
}

/* A first sale decades before the rest keeps at most CLV_MAX_TRACKING_PERIODS periods, the
 * latest, and the cumulative counts still include what came before them. */
static void
test_bounded (void)
{
  const ClvSale sales[] = {
    { 0, core_test_julian (19700105), 100 }, { 0, core_test_julian (19700301), 100 },
    { 1, core_test_julian (20240102), 100 }, { 1, core_test_julian (20240110), 100 },
    { 1, core_test_julian (20240301), 100 },
  };
  ClvBgnbdParams p = { .r = 0.5, .alpha = 10, .a = 0.8, .b = 2.5 };
  g_autoptr(ClvDayLog) log = NULL;
  ClvTracking t;
  GError *error = NULL;
  gint32 end = core_test_julian (20240331);

  log = clv_day_log_new (sales, G_N_ELEMENTS (sales), 2, &error);
  g_assert_no_error (error);
  g_assert_true (clv_tracking_compute (log, CLV_MODEL_BGNBD, &p, 7, TRUE, end, end, &t));
  g_assert_cmpuint (t.n_periods, ==, CLV_MAX_TRACKING_PERIODS);
  g_assert_cmpint (t.periods[t.n_periods - 1].start_day, <=, end);
  g_assert_cmpint (t.periods[t.n_periods - 1].start_day + 7, >, end);
  g_assert_cmpfloat (t.periods[t.n_periods - 1].actual_cumulative, ==, 3);
  g_assert_cmpfloat (t.periods[0].expected_cumulative, >, 0);
  clv_tracking_clear (&t);
  /* no customer by the split: nothing to track */
  g_assert_false (clv_tracking_compute (log, CLV_MODEL_BGNBD, &p, 7, TRUE,
                                        core_test_julian (19691231), end, &t));
  g_assert_false (t.available);
}

/* On purchases drawn from BG/NBD with known parameters, the expectation under those parameters
 * follows the actual repeat purchases: within 4 % (about three standard deviations of the
 * total at this size) cumulatively at the end, week by week and
 * month by month. */
static void
test_simulated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint32 first = core_test_julian (20210104), end = core_test_julian (20231231);
  ClvBgnbdParams p = { .r = 0.243, .alpha = 4.414, .a = 0.793, .b = 2.426 };
  gsize n;
  g_autofree ClvSale *sales = core_test_simulate_bgnbd (rand, 50000, first, 365, p.r,
                                                        p.alpha * 7, p.a, p.b, end, &n);
  g_autoptr(ClvDayLog) log = NULL;
  GError *error = NULL;

  log = clv_day_log_new (sales, n, 50000, &error);
  g_assert_no_error (error);
  for (int weekly = 0; weekly < 2; weekly++)
    {
      ClvTracking t;
      const ClvTrackingPeriod *last;

      g_assert_true (clv_tracking_compute (log, CLV_MODEL_BGNBD, &p, 7, weekly,
                                           core_test_julian (20230101), end, &t));
      last = &t.periods[t.n_periods - 1];
      g_test_message ("%s: %u periods, actual %.0f, expected %.1f", weekly ? "weeks" : "months",
                      t.n_periods, last->actual_cumulative, last->expected_cumulative);
      g_assert_cmpuint (t.customers, ==, 50000);
      /* weeks from the first purchase, or the 36 calendar months of 2021 .. 2023 */
      g_assert_cmpint (t.periods[0].start_day, >=, first);
      g_assert_cmpuint (t.n_periods, ==, weekly ? (guint) (end - t.periods[0].start_day) / 7 + 1
                                                : 36);
      g_assert_cmpfloat (last->actual_cumulative, >, 25000);
      g_assert_cmpfloat (fabs (last->expected_cumulative / last->actual_cumulative - 1), <, 0.04);
      clv_tracking_clear (&t);
    }
}

static ClvAnalysis *
cdnow_analysis (ClvModelKind model, ClvTimeUnit unit)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  GError *error = NULL;
  ClvAnalysisOptions o;
  ClvAnalysis *a;

  clv_analysis_options_init (&o);
  o.model = model;
  o.time_unit = unit;
  o.end_day = core_test_julian (19980630);
  o.calibration_end_day = core_test_julian (19970930);
  a = clv_analysis_run (sales, n, nc, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  return a;
}

/* The forecast adds up, over the horizon, to the customers' expected purchases x expected
 * spend; it is positive and falls month by month (no new customers come in). */
static void
check_forecast (const ClvAnalysis *a)
{
  double sum = 0, want = 0;

  g_assert_nonnull (a->forecast);
  for (guint32 c = 0; c < a->n_customers; c++)
    if (a->scores[c].expected_purchases >= 0 && a->scores[c].expected_spend >= 0)
      want += a->scores[c].expected_purchases * a->scores[c].expected_spend;
  for (guint j = 0; j < a->options.horizon_months; j++)
    {
      sum += a->forecast[j];
      g_assert_cmpfloat (a->forecast[j], >, 0);
      if (j > 0)
        g_assert_cmpfloat (a->forecast[j], <, a->forecast[j - 1]);
    }
  g_test_message ("forecast %.0f, expected purchases x spend %.0f", sum, want);
  g_assert_cmpfloat (want, >, 0);
  g_assert_cmpfloat_with_epsilon (sum, want, 1e-9 * want);
  g_assert_cmpint (clv_analysis_forecast_start (a, 0), ==, a->options.end_day + 1);
  g_assert_cmpint (clv_analysis_forecast_start (a, 12), ==, a->options.end_day + 1 + 365);
}

/* Through the analysis: the chosen model's calibration fit, split at the calibration end, with
 * the week 78 figures of either model. */
static void
test_analysis_cdnow (void)
{
  g_autoptr(ClvAnalysis) a = cdnow_analysis (CLV_MODEL_AUTO, CLV_TIME_WEEK);
  g_autoptr(ClvAnalysis) bg = cdnow_analysis (CLV_MODEL_BGNBD, CLV_TIME_WEEK);

  g_assert_cmpint (a->model, ==, CLV_MODEL_PARETO);
  g_assert_true (a->tracking.available);
  g_assert_cmpint (a->tracking.model, ==, CLV_MODEL_PARETO);
  g_assert_cmpint (a->tracking.calibration_end_day, ==, core_test_julian (19970930));
  check_weeks (&a->tracking);
  g_assert_cmpfloat_with_epsilon (a->tracking.periods[77].expected_cumulative, 4270.0, 3.0);
  check_forecast (a);

  g_assert_cmpint (bg->model, ==, CLV_MODEL_BGNBD);
  check_weeks (&bg->tracking);
  g_assert_cmpfloat_with_epsilon (bg->tracking.periods[77].expected_cumulative, 4160.6, 2.0);
  check_forecast (bg);
}

/* A month time unit tracks calendar months; without a model there is nothing to track or
 * forecast. */
static void
test_analysis_months_and_none (void)
{
  g_autoptr(ClvAnalysis) a = cdnow_analysis (CLV_MODEL_AUTO, CLV_TIME_MONTH);
  g_autoptr(ClvAnalysis) none = cdnow_analysis (CLV_MODEL_NONE, CLV_TIME_WEEK);

  g_assert_true (a->tracking.available);
  g_assert_false (a->tracking.weekly);
  g_assert_cmpuint (a->tracking.n_periods, ==, 18);
  g_assert_cmpfloat (a->tracking.periods[17].actual_cumulative, ==, 4339);
  check_forecast (a);
  g_assert_cmpint (none->model, ==, CLV_MODEL_NONE);
  g_assert_false (none->tracking.available);
  g_assert_cmpuint (none->tracking.n_periods, ==, 0);
  g_assert_null (none->forecast);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/tracking/cdnow-bgnbd", test_cdnow_bgnbd);
  g_test_add_func ("/core/tracking/cdnow-pareto", test_cdnow_pareto);
  g_test_add_func ("/core/tracking/cdnow-months", test_cdnow_months);
  g_test_add_func ("/core/tracking/bounded", test_bounded);
  g_test_add_func ("/core/tracking/simulated", test_simulated);
  g_test_add_func ("/core/tracking/analysis-cdnow", test_analysis_cdnow);
  g_test_add_func ("/core/tracking/analysis-months-and-none", test_analysis_months_and_none);
  return g_test_run ();
}
