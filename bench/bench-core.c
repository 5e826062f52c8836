/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark of the CLV core: 100,000 customers and about 1,000,000 sale lines drawn from a
 * BG/NBD-like process with a fixed seed, then each stage timed: summary, BG/NBD fit,
 * Gamma-Gamma fit, Pareto/NBD fit, scoring (the analysis' scores, tiers and RFM). Prints plain
 * lines ("summary: 0.083 s"); never fails on time. Usage: bench-core [n_customers].
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "clv-analysis.h"
#include "clv-bgnbd.h"
#include "clv-gamma-gamma.h"
#include "clv-pareto.h"
#include "clv-summary.h"

static double
gamma_draw (GRand *rand, double shape, double rate)
{
  /* Marsaglia & Tsang (2000); shape < 1 boosted by U^(1/shape) */
  double boost = 1, d, c;

  if (shape < 1)
    {
      boost = pow (g_rand_double (rand) + 1e-300, 1.0 / shape);
      shape += 1;
    }
  d = shape - 1.0 / 3.0;
  c = 1.0 / sqrt (9.0 * d);
  for (;;)
    {
      double x, v, u, u1 = g_rand_double (rand) + 1e-300, u2 = g_rand_double (rand);

      x = sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
      v = 1 + c * x;
      if (v <= 0)
        continue;
      v = v * v * v;
      u = g_rand_double (rand);
      if (log (u + 1e-300) < 0.5 * x * x + d * (1 - v + log (v)))
        return boost * d * v / rate;
    }
}

/* Customers acquired over the first year of a two-year window; purchases at rate lambda ~
 * Gamma (r, alpha) per day, dropout p ~ Beta (a, b) after each repeat purchase; one purchase day
 * in five has a second line, one in fifty a partial refund. */
static ClvSale *
generate (guint32 n_customers, gint32 first_day, gint32 end_day, gsize *n_sales)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250101);
  GArray *sales = g_array_sized_new (FALSE, FALSE, sizeof (ClvSale), n_customers * 11);

  for (guint32 c = 0; c < n_customers; c++)
    {
      double lambda = gamma_draw (rand, 1.5, 75.0);
      double pa = gamma_draw (rand, 0.6, 1), pb = gamma_draw (rand, 9.0, 1), p = pa / (pa + pb);
      double spend = gamma_draw (rand, 5.0, 5.0 / 4000.0);
      double t = first_day + g_rand_int_range (rand, 0, 365);
      gint32 last = -1;
      gboolean first = TRUE;

      while (t <= end_day)
        {
          gint32 day = (gint32) t;

          if (day != last)
            {
              ClvSale s = { c, day, (gint64) (gamma_draw (rand, 8.0, 8.0 / spend)) + 1 };

              g_array_append_val (sales, s);
              if (g_rand_double (rand) < 0.2)
                {
                  s.amount = 250;
                  g_array_append_val (sales, s);
                }
              if (g_rand_double (rand) < 0.02)
                {
                  s.amount = -100;
                  g_array_append_val (sales, s);
                }
              last = day;
              if (!first && g_rand_double (rand) < p)
                break;
              first = FALSE;
            }
          t += -log (1 - g_rand_double (rand)) / lambda;
        }
    }
  *n_sales = sales->len;
  return (ClvSale *) g_array_free (sales, FALSE);
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds of this process (all threads): on a shared, busy machine the wall clock also
 * counts the time other programs had the cores. */
static double
cpu_now (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int
main (int argc, char **argv)
{
  guint32 n_customers = argc > 1 ? (guint32) strtoul (argv[1], NULL, 10) : 100000;
  gint32 first_day = 738000, end_day = first_day + 729;
  g_autoptr(GError) error = NULL;
  g_autofree ClvSale *sales = NULL;
  g_autoptr(ClvDayLog) log = NULL;
  g_autoptr(ClvSummary) sum = NULL;
  g_autoptr(ClvAnalysis) a = NULL;
  g_autofree ClvRfTriple *tr = NULL;
  g_autofree guint32 *xs = NULL;
  g_autofree double *ms = NULL;
  ClvBgnbdParams bg;
  ClvMbgnbdParams mb;
  ClvParetoParams pn;
  ClvGammaGammaParams gg;
  ClvAnalysisOptions o;
  gsize n_sales, n_tr;
  double t0, c0, t_summary, t_bg, t_mb, t_gg, t_pn, t_score;

  t0 = now ();
  sales = generate (n_customers, first_day, end_day, &n_sales);
  printf ("customers: %u\nsales: %" G_GSIZE_FORMAT "\ngenerate: %.3f s\n", n_customers, n_sales,
          now () - t0);

  t0 = now ();
  log = clv_day_log_new (sales, n_sales, n_customers, &error);
  g_assert_no_error (error);
  sum = clv_summary_new (log, end_day, end_day, &error);
  g_assert_no_error (error);
  tr = clv_summary_triples (sum, 7.0, &n_tr);
  t_summary = now () - t0;
  printf ("summary: %.3f s (%u buyers, %u repeat, %" G_GSIZE_FORMAT " distinct triples)\n",
          t_summary, sum->n_buyers, sum->n_repeaters, n_tr);

  t0 = now ();
  if (!clv_bgnbd_fit (tr, n_tr, &bg, &error))
    g_error ("BG/NBD: %s", error->message);
  t_bg = now () - t0;
  printf ("bgnbd fit: %.3f s (r %.4f alpha %.4f a %.4f b %.4f, LL %.1f)\n", t_bg, bg.r, bg.alpha,
          bg.a, bg.b, bg.log_likelihood);

  t0 = now ();
  if (!clv_mbgnbd_fit (tr, n_tr, &mb, &error))
    g_error ("MBG/NBD: %s", error->message);
  t_mb = now () - t0;
  printf ("mbgnbd fit: %.3f s (r %.4f alpha %.4f a %.4f b %.4f, LL %.1f)\n", t_mb, mb.r, mb.alpha,
          mb.a, mb.b, mb.log_likelihood);

  t0 = now ();
  xs = g_new (guint32, n_customers);
  ms = g_new (double, n_customers);
  for (guint32 c = 0; c < n_customers; c++)
    {
      xs[c] = sum->customers[c].x;
      ms[c] = sum->customers[c].mean_repeat_spend;
    }
  if (!clv_gamma_gamma_fit (xs, ms, n_customers, &gg, &error))
    g_error ("Gamma-Gamma: %s", error->message);
  t_gg = now () - t0;
  printf ("gamma-gamma fit: %.3f s (p %.4f q %.4f gamma %.2f)\n", t_gg, gg.p, gg.q, gg.gamma);

  t0 = now ();
  c0 = cpu_now ();
  if (!clv_pareto_fit (tr, n_tr, &pn, &error))
    g_error ("Pareto/NBD: %s", error->message);
  t_pn = now () - t0;
  printf ("pareto fit: %.3f s, %.3f s of CPU (r %.4f alpha %.4f s %.4f beta %.4f, LL %.1f, %s)"
          "   budget <= 0.5 s, a fit at a bound said so; anchor lifetimes 107 s\n",
          t_pn, cpu_now () - c0, pn.r, pn.alpha, pn.s, pn.beta, pn.log_likelihood,
          pn.quality == CLV_FIT_PROPER ? "proper" : pn.quality == CLV_FIT_AT_BOUND ? "at a bound"
          : "flat");

  /* scoring: the analysis pipeline with BG/NBD and no holdout; its own stage timings */
  clv_analysis_options_init (&o);
  o.model = CLV_MODEL_BGNBD;
  o.end_day = o.calibration_end_day = end_day;
  t0 = now ();
  a = clv_analysis_run (sales, n_sales, n_customers, NULL, 0, &o, NULL, NULL, &error);
  g_assert_no_error (error);
  t_score = a->timings.scores + a->timings.segments;
  printf ("scoring: %.3f s (scores %.3f, tiers/RFM/cohorts %.3f)\n", t_score, a->timings.scores,
          a->timings.segments);
  printf ("analysis run (bgnbd, no holdout): %.3f s (summary %.3f, fit %.3f, spend %.3f)\n",
          now () - t0, a->timings.summary, a->timings.fit, a->timings.spend);
  {
    /* the default: every model on the calibration period, the best holdout fit on everything */
    g_autoptr(ClvAnalysis) au = NULL;

    clv_analysis_options_init (&o);
    o.end_day = end_day;
    t0 = now ();
    c0 = cpu_now ();
    au = clv_analysis_run (sales, n_sales, n_customers, NULL, 0, &o, NULL, NULL, &error);
    g_assert_no_error (error);
    printf ("analysis run (auto, holdout): %.3f s, %.3f s of CPU (holdout %.3f, fit %.3f, "
            "model %s)\n", now () - t0, cpu_now () - c0, au->timings.holdout, au->timings.fit,
            clv_model_id (au->model));
  }
  printf ("total without pareto: %.3f s\n", t_summary + t_bg + t_gg + t_score);
  printf ("total: %.3f s\n", t_summary + t_bg + t_gg + t_pn + t_score);
  return 0;
}
