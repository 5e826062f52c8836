/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How sure the predictions are: standard errors against lifetimes on CDNOW, the predictive
 * distribution of a customer's purchases against the models' expectations, and the coverage of
 * the 80 % ranges on simulated data and on the CDNOW holdout.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clv-analysis.h"
#include "clv-summary.h"
#include "clv-uncertainty.h"
#include "core/core-test-data.h"

#define assert_rel(v, ref, tol) \
  g_assert_cmpfloat_with_epsilon ((v), (ref), (tol) * fabs (ref))

/* lifetimes on the CDNOW sample (39-week calibration, weeks), delta method from the observed
 * information: BG/NBD r 0.01256, alpha 0.3782, a 0.1857, b 0.7054; Gamma-Gamma p 1.19,
 * q 0.290, gamma 4.16 dollars. */
static void
test_cdnow_standard_errors (void)
{
  g_autoptr(ClvSummary) s = core_test_cdnow_calibration ();
  g_autoptr(GError) error = NULL;
  gsize n_tr;
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  g_autofree guint32 *x = g_new (guint32, s->n_customers);
  g_autofree double *m = g_new (double, s->n_customers);
  ClvBgnbdParams p;
  ClvMbgnbdParams mb;
  ClvParetoParams pn;
  ClvGammaGammaParams gg;
  double se[4], cov[16], gse[3];
  const double bg_ref[] = { 0.01256, 0.3782, 0.1857, 0.7054 };

  g_assert_true (clv_bgnbd_fit (tr, n_tr, &p, &error));
  g_assert_no_error (error);
  g_assert_true (clv_natural_covariance ((double[]) { p.r, p.alpha, p.a, p.b }, p.log_cov, 4,
                                         cov, se));
  g_test_message ("BG/NBD se r %.5f alpha %.4f a %.4f b %.4f", se[0], se[1], se[2], se[3]);
  for (int i = 0; i < 4; i++)
    assert_rel (se[i], bg_ref[i], 0.02);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      g_assert_cmpfloat (cov[i * 4 + j], ==, cov[j * 4 + i]);

  for (guint32 c = 0; c < s->n_customers; c++)
    {
      x[c] = s->customers[c].x;
      m[c] = s->customers[c].mean_repeat_spend;
    }
  g_assert_true (clv_gamma_gamma_fit (x, m, s->n_customers, &gg, &error));
  g_assert_true (clv_natural_covariance ((double[]) { gg.p, gg.q, gg.gamma }, gg.log_cov, 3,
                                         NULL, gse));
  g_test_message ("Gamma-Gamma se p %.3f q %.4f gamma %.2f cents", gse[0], gse[1], gse[2]);
  assert_rel (gse[0], 1.19, 0.02);
  assert_rel (gse[1], 0.290, 0.02);
  assert_rel (gse[2], 416.0, 0.02);

  /* the other models report theirs too (no published reference: finite and positive) */
  g_assert_true (clv_mbgnbd_fit (tr, n_tr, &mb, &error));
  g_assert_true (clv_natural_covariance ((double[]) { mb.r, mb.alpha, mb.a, mb.b }, mb.log_cov,
                                         4, NULL, se));
  g_assert_true (clv_pareto_fit (tr, n_tr, &pn, &error));
  g_assert_true (clv_natural_covariance ((double[]) { pn.r, pn.alpha, pn.s, pn.beta },
                                         pn.log_cov, 4, NULL, se));
  g_test_message ("Pareto/NBD se r %.4f alpha %.3f s %.4f beta %.3f", se[0], se[1], se[2],
                  se[3]);
  for (int i = 0; i < 4; i++)
    g_assert_true (se[i] > 0 && isfinite (se[i]));
}

/* The predictive distribution sums to one and its mean is the model's own E[Y(t) | alive]. */
static void
test_pmf_matches_expectation (void)
{
  const struct { ClvModelKind kind; double prm[4]; } cases[] = {
    { CLV_MODEL_BGNBD, { 0.243, 4.414, 0.793, 2.426 } },
    { CLV_MODEL_MBGNBD, { 0.5, 6.0, 0.6, 3.0 } },
    { CLV_MODEL_PARETO, { 0.55, 10.58, 0.61, 11.67 } },
  };
  const guint32 xs[] = { 0, 2, 7 };
  const double Ts[] = { 30, 38.9 }, ts[] = { 5, 39, 52 };

  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    for (gsize i = 0; i < G_N_ELEMENTS (xs); i++)
      for (gsize j = 0; j < G_N_ELEMENTS (Ts); j++)
        for (gsize l = 0; l < G_N_ELEMENTS (ts); l++)
          {
            const double *q = cases[k].prm;
            double e, sum = 0, mean = 0, pmf[400];

            if (cases[k].kind == CLV_MODEL_BGNBD)
              e = clv_bgnbd_expected_purchases_if_alive (
                &(ClvBgnbdParams) { q[0], q[1], q[2], q[3], 0, 0, { 0 } }, xs[i], Ts[j], ts[l]);
            else if (cases[k].kind == CLV_MODEL_MBGNBD)
              e = clv_mbgnbd_expected_purchases_if_alive (
                &(ClvMbgnbdParams) { q[0], q[1], q[2], q[3], 0, 0, { 0 } }, xs[i], Ts[j], ts[l]);
            else
              e = clv_pareto_expected_purchases_if_alive (
                &(ClvParetoParams) { q[0], q[1], q[2], q[3], 0, 0, { 0 } }, xs[i], Ts[j], ts[l]);
            clv_purchases_pmf_if_alive (cases[k].kind, q, xs[i], Ts[j], ts[l], pmf, 400);
            for (int y = 0; y < 400; y++)
              {
                g_assert_cmpfloat (pmf[y], >=, 0);
                sum += pmf[y];
                mean += y * pmf[y];
              }
            g_assert_cmpfloat_with_epsilon (sum, 1, 1e-6);
            g_assert_cmpfloat_with_epsilon (mean, e, 1e-5 * MAX (e, 1));
          }
}

static void
test_range_of_pmf (void)
{
  const double pmf[] = { 0.05, 0.10, 0.25, 0.30, 0.18, 0.12 };
  double poisson[120];
  guint32 lo, hi;

  /* 1 .. 4 holds 83 %, the closest to 80 % (0 .. 4: 88 %, 2 .. 5: 85 %) */
  clv_purchases_range (pmf, G_N_ELEMENTS (pmf), 1.0, 0.8, &lo, &hi);
  g_assert_cmpuint (lo, ==, 1);
  g_assert_cmpuint (hi, ==, 4);
  /* 0 .. 1 holds exactly 80 % */
  clv_purchases_range ((double[]) { 0.5, 0.3, 0.15, 0.05 }, 4, 1.0, 0.8, &lo, &hi);
  g_assert_cmpuint (lo, ==, 0);
  g_assert_cmpuint (hi, ==, 1);
  /* surely gone: nothing more */
  clv_purchases_range (pmf, G_N_ELEMENTS (pmf), 0.0, 0.8, &lo, &hi);
  g_assert_cmpuint (lo, ==, 0);
  g_assert_cmpuint (hi, ==, 0);
  /* a frequent buyer: around the mean, not out in a tail (Poisson 40: 32 .. 48 holds 80 %,
   * the shortest near-ties are a count lower) */
  poisson[0] = exp (-40);
  for (int y = 1; y < 120; y++)
    poisson[y] = poisson[y - 1] * 40 / y;
  clv_purchases_range (poisson, 120, 1.0, 0.8, &lo, &hi);
  g_test_message ("Poisson (40): %u .. %u", lo, hi);
  g_assert_cmpuint (lo, >=, 30);
  g_assert_cmpuint (lo, <=, 33);
  g_assert_cmpuint (hi, >=, 45);
  g_assert_cmpuint (hi, <=, 49);
}

/* Data simulated from known BG/NBD parameters: the 80 % range of the total expected purchases
 * over the next year contains the total under the true parameters in 75-85 % of the runs. */
static void
test_simulated_totals_coverage (void)
{
  const double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, horizon = 52;
  const guint n_runs = 200, n_customers = 400;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint inside = 0, done = 0;

  for (guint run = 0; run < n_runs; run++)
    {
      g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n_customers);
      ClvBgnbdParams fit, truth = { r, alpha, a, b, 0, 0, { 0 } };
      ClvTotalsDraws in = { 0 };
      double prm[4], rp[2], rv[2], point = 0, true_total = 0;

      for (guint c = 0; c < n_customers; c++)
        {
          CoreSimCustomer sc;

          /* first purchases spread over 12 weeks, whole weeks */
          core_test_sim_bgnbd (rand, r, alpha, a, b, 27 + g_rand_int_range (rand, 0, 12), 0,
                               &sc);
          tr[c] = (ClvRfTriple) { sc.x, sc.t_x, sc.T, 1 };
          true_total += clv_bgnbd_conditional_expected_purchases (&truth, sc.x, sc.t_x, sc.T,
                                                                  horizon);
        }
      if (!clv_bgnbd_fit (tr, n_customers, &fit, NULL) || fit.quality != CLV_FIT_PROPER)
        continue;
      for (guint c = 0; c < n_customers; c++)
        point += clv_bgnbd_conditional_expected_purchases (&fit, tr[c].x, tr[c].t_x, tr[c].T,
                                                           horizon);
      memcpy (prm, (double[]) { fit.r, fit.alpha, fit.a, fit.b }, sizeof prm);
      in.kind = CLV_MODEL_BGNBD;
      in.prm = prm;
      in.log_cov = fit.log_cov;
      in.triples = tr;
      in.n_triples = n_customers;
      in.horizon = horizon;
      g_assert_true (clv_totals_ratio_range (&in, CLV_RANGE_DRAWS, CLV_RANGE_SEED + run,
                                             CLV_RANGE_LEVEL, rp, rv));
      done++;
      inside += point * rp[0] <= true_total && true_total <= point * rp[1];
    }
  g_test_message ("simulated totals: truth inside the 80 %% range in %u of %u runs", inside,
                  done);
  g_assert_cmpuint (done, >=, n_runs * 9 / 10);
  g_assert_cmpfloat ((double) inside / done, >=, 0.75);
  g_assert_cmpfloat ((double) inside / done, <=, 0.85);
}

/* The CDNOW holdout: the share of customers whose actual purchases in the 39 weeks after the
 * calibration fall in their own 80 % range. */
static void
test_cdnow_holdout_coverage (void)
{
  g_autoptr(ClvSummary) s = core_test_cdnow_calibration ();
  gsize n_tr;
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  double len = (s->end_day - s->calibration_end_day) / 7.0;
  const ClvModelKind kinds[] = { CLV_MODEL_BGNBD, CLV_MODEL_PARETO };

  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      ClvBgnbdParams bg;
      ClvParetoParams pn;
      double prm[4], pmf[400];
      guint inside = 0, n = 0;

      if (kinds[k] == CLV_MODEL_BGNBD)
        {
          g_assert_true (clv_bgnbd_fit (tr, n_tr, &bg, NULL));
          memcpy (prm, (double[]) { bg.r, bg.alpha, bg.a, bg.b }, sizeof prm);
        }
      else
        {
          g_assert_true (clv_pareto_fit (tr, n_tr, &pn, NULL));
          memcpy (prm, (double[]) { pn.r, pn.alpha, pn.s, pn.beta }, sizeof prm);
        }
      for (guint32 c = 0; c < s->n_customers; c++)
        {
          const ClvCustomerSummary *cs = &s->customers[c];
          double T = cs->T / 7.0, t_x = cs->t_x / 7.0, pa;
          guint32 lo, hi;

          if (cs->first_day == 0)
            continue;
          pa = kinds[k] == CLV_MODEL_BGNBD ? clv_bgnbd_probability_alive (&bg, cs->x, t_x, T)
                                           : clv_pareto_probability_alive (&pn, cs->x, t_x, T);
          clv_purchases_pmf_if_alive (kinds[k], prm, cs->x, T, len, pmf, 400);
          clv_purchases_range (pmf, 400, pa, CLV_RANGE_LEVEL, &lo, &hi);
          n++;
          inside += cs->holdout_x >= lo && cs->holdout_x <= hi;
        }
      g_test_message ("CDNOW holdout, %s: %u of %u customers (%.1f %%) inside their 80 %% range",
                      clv_model_id (kinds[k]), inside, n, 100.0 * inside / n);
      g_assert_cmpuint (n, ==, 2357);
      g_assert_cmpfloat ((double) inside / n, >=, 0.75);
      g_assert_cmpfloat ((double) inside / n, <=, 0.85);
    }
}

/* The whole analysis on CDNOW: ranges on the totals around the point totals, on every buyer. */
static void
test_analysis_ranges (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvAnalysis) a = NULL;
  ClvAnalysisOptions o;

  clv_analysis_options_init (&o);
  o.end_day = o.calibration_end_day = core_test_julian (19970930);
  a = clv_analysis_run (sales, n, nc, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (a->ranges_known);
  g_assert_null (a->ranges_note);
  g_test_message ("total CLV %.0f (%.0f .. %.0f), purchases %.1f (%.1f .. %.1f)", a->total_clv,
                  a->total_clv_range[0], a->total_clv_range[1], a->expected_purchases_total,
                  a->expected_purchases_range[0], a->expected_purchases_range[1]);
  g_assert_cmpfloat (a->total_clv_range[0], <, a->total_clv);
  g_assert_cmpfloat (a->total_clv_range[1], >, a->total_clv);
  g_assert_cmpfloat (a->expected_purchases_range[0], <, a->expected_purchases_total);
  g_assert_cmpfloat (a->expected_purchases_range[1], >, a->expected_purchases_total);
  for (guint32 c = 0; c < nc; c++)
    {
      const ClvCustomerScore *sc = &a->scores[c];

      g_assert_cmpfloat (sc->purchases_low, >=, 0);
      g_assert_cmpfloat (sc->purchases_low, <=, sc->purchases_high);
      g_assert_cmpfloat (sc->clv_low, <=, sc->clv_high);
    }
}

/* CDNOW with the customers below @n_customers only (sales come sorted by customer). */
static ClvAnalysis *
cdnow_forecast_over (guint32 n_customers, guint horizon_months)
{
  gsize n, keep = 0;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  ClvAnalysis *a;
  ClvAnalysisOptions o;

  for (gsize i = 0; i < n; i++)
    if (sales[i].customer < n_customers)
      sales[keep++] = sales[i];
  clv_analysis_options_init (&o);
  o.model = CLV_MODEL_BGNBD;
  o.horizon_months = horizon_months;
  o.end_day = o.calibration_end_day = core_test_julian (19970930);
  a = clv_analysis_run (sales, keep, MIN (nc, n_customers), NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (a->ranges_known);
  return a;
}

static ClvAnalysis *
cdnow_forecast (guint32 n_customers)
{
  return cdnow_forecast_over (n_customers, 12);
}

/* Relative width of the forecast's band, over the horizon. */
static double
band_width (const ClvAnalysis *a)
{
  double lo = 0, hi = 0, point = 0;

  for (guint j = 0; j < a->options.horizon_months; j++)
    {
      lo += a->forecast_range[2 * j];
      hi += a->forecast_range[2 * j + 1];
      point += a->forecast[j];
    }
  return (hi - lo) / point;
}

/* The monthly forecast's 80 % band: around the point forecast in every month, from the fixed
 * seed (the same on every run), wider for a shop with fewer customers. */
static void
test_forecast_band (void)
{
  g_autoptr(ClvAnalysis) a = cdnow_forecast (G_MAXUINT32);
  g_autoptr(ClvAnalysis) again = cdnow_forecast (G_MAXUINT32);
  g_autoptr(ClvAnalysis) few = cdnow_forecast (400);
  guint h = a->options.horizon_months;

  g_assert_nonnull (a->forecast_range);
  for (guint j = 0; j < h; j++)
    {
      g_test_message ("month %u: %.0f (%.0f .. %.0f)", j + 1, a->forecast[j],
                      a->forecast_range[2 * j], a->forecast_range[2 * j + 1]);
      g_assert_cmpfloat (a->forecast_range[2 * j], <, a->forecast[j]);
      g_assert_cmpfloat (a->forecast_range[2 * j + 1], >, a->forecast[j]);
      g_assert_cmpfloat (a->forecast_range[2 * j], >, 0);
    }
  g_assert_cmpmem (a->forecast_range, 2 * h * sizeof (double), again->forecast_range,
                   2 * h * sizeof (double));
  g_test_message ("band width: %.3f of the forecast with every customer, %.3f with 400",
                  band_width (a), band_width (few));
  g_assert_cmpfloat (band_width (few), >, 1.5 * band_width (a));
}

/* A horizon longer than the draws split month by month: the forecast without a band, the
 * totals' ranges still there. */
static void
test_forecast_band_long_horizon (void)
{
  g_autoptr(ClvAnalysis) ten = cdnow_forecast_over (G_MAXUINT32, CLV_RANGE_MAX_MONTHS);
  g_autoptr(ClvAnalysis) longer = cdnow_forecast_over (G_MAXUINT32, CLV_RANGE_MAX_MONTHS + 1);

  g_assert_nonnull (ten->forecast_range);
  g_assert_cmpfloat (ten->forecast_range[2 * (CLV_RANGE_MAX_MONTHS - 1)], <,
                     ten->forecast[CLV_RANGE_MAX_MONTHS - 1]);
  g_assert_nonnull (longer->forecast);
  g_assert_null (longer->forecast_range);
}

/* The month-by-month ratios come from the draws of the seed given: another seed, other ranges;
 * without months asked for, the totals' ranges are the same as with them. */
static void
test_forecast_band_seed (void)
{
  g_autoptr(ClvSummary) s = core_test_cdnow_calibration ();
  gsize n_tr;
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  ClvBgnbdParams fit;
  ClvTotalsDraws in = { 0 };
  double prm[4], rp[2], rv[2], rp0[2], rv0[2], m1[24], m2[24];

  g_assert_true (clv_bgnbd_fit (tr, n_tr, &fit, NULL));
  memcpy (prm, (double[]) { fit.r, fit.alpha, fit.a, fit.b }, sizeof prm);
  in.kind = CLV_MODEL_BGNBD;
  in.prm = prm;
  in.log_cov = fit.log_cov;
  in.triples = tr;
  in.n_triples = n_tr;
  in.horizon = 52;
  in.n_months = 12;
  g_assert_true (clv_totals_monthly_ratio_range (&in, CLV_RANGE_DRAWS, CLV_RANGE_SEED,
                                                 CLV_RANGE_LEVEL, rp, rv, m1));
  g_assert_true (clv_totals_ratio_range (&in, CLV_RANGE_DRAWS, CLV_RANGE_SEED, CLV_RANGE_LEVEL,
                                         rp0, rv0));
  g_assert_cmpfloat_with_epsilon (rp[0], rp0[0], 1e-9);
  g_assert_cmpfloat_with_epsilon (rp[1], rp0[1], 1e-9);
  for (guint j = 0; j < 12; j++)
    g_assert_cmpfloat (m1[2 * j], <, m1[2 * j + 1]);
  g_assert_true (clv_totals_monthly_ratio_range (&in, CLV_RANGE_DRAWS, CLV_RANGE_SEED + 1,
                                                 CLV_RANGE_LEVEL, rp, rv, m2));
  g_assert_true (memcmp (m1, m2, sizeof m1) != 0);
}

/* Too little history: no ranges anywhere, and a sentence saying why. */
static void
test_too_little_history (void)
{
  ClvSale sales[] = { { 0, 730000, 1000 }, { 0, 730010, 1500 }, { 1, 730003, 500 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvAnalysis) a = clv_analysis_run (sales, G_N_ELEMENTS (sales), 2, NULL, 0, NULL,
                                               NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (a->enough_data);
  g_assert_false (a->ranges_known);
  g_assert_nonnull (a->ranges_note);
  g_assert_nonnull (strstr (a->ranges_note, "not enough history"));
  g_assert_null (a->forecast_range);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_cmpfloat (a->scores[c].purchases_low, ==, -1);
      g_assert_cmpfloat (a->scores[c].clv_high, ==, -1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/uncertainty/cdnow-standard-errors", test_cdnow_standard_errors);
  g_test_add_func ("/core/uncertainty/pmf-matches-expectation", test_pmf_matches_expectation);
  g_test_add_func ("/core/uncertainty/range-of-pmf", test_range_of_pmf);
  g_test_add_func ("/core/uncertainty/simulated-totals-coverage",
                   test_simulated_totals_coverage);
  g_test_add_func ("/core/uncertainty/cdnow-holdout-coverage", test_cdnow_holdout_coverage);
  g_test_add_func ("/core/uncertainty/analysis-ranges", test_analysis_ranges);
  g_test_add_func ("/core/uncertainty/too-little-history", test_too_little_history);
  g_test_add_func ("/core/uncertainty/forecast-band", test_forecast_band);
  g_test_add_func ("/core/uncertainty/forecast-band-seed", test_forecast_band_seed);
  g_test_add_func ("/core/uncertainty/forecast-band-long-horizon",
                   test_forecast_band_long_horizon);
  return g_test_run ();
}
