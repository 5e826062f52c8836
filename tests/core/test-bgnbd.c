/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BG/NBD: the CDNOW fit against Fader, Hardie & Lee (2005), holdout and CLV against the
 * lifetimes reproduction, the analytic gradient, recovery of known parameters from simulated
 * data, Monte-Carlo checks of P(alive) and the expectations, and edge cases (never NaN).
 */
#include <math.h>

#include "clv-bgnbd.h"
#include "clv-error.h"
#include "clv-gamma-gamma.h"
#include "clv-summary.h"
#include "core-test-data.h"

#define assert_rel(v, ref, tol) \
  g_assert_cmpfloat_with_epsilon ((v), (ref), (tol) * fabs (ref))

/* FHL (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (weeks). */
static void
test_cdnow (void)
{
  g_autoptr(ClvSummary) s = core_test_cdnow_calibration ();
  g_autoptr(GError) error = NULL;
  gsize n_tr;
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  g_autofree guint32 *x = g_new (guint32, s->n_customers);
  g_autofree double *m = g_new (double, s->n_customers);
  ClvBgnbdParams p;
  ClvGammaGammaParams gg;
  double holdout = 0, len = (s->end_day - s->calibration_end_day) / 7.0, ll_sum = 0;
  const guint ids[] = { 1, 3, 6 };
  const double clv_ref[] = { 36.274, 8.344, 283.558 };

  g_assert_true (clv_bgnbd_fit (tr, n_tr, &p, &error));
  g_assert_no_error (error);
  g_test_message ("BG/NBD r=%.6f alpha=%.6f a=%.6f b=%.6f LL=%.4f", p.r, p.alpha, p.a, p.b,
                  p.log_likelihood);
  assert_rel (p.r, 0.243, 0.01);
  assert_rel (p.alpha, 4.414, 0.01);
  assert_rel (p.a, 0.793, 0.01);
  assert_rel (p.b, 2.426, 0.01);
  g_assert_cmpfloat_with_epsilon (p.log_likelihood, -9582.4, 0.5);
  /* per-customer likelihoods add up to the grouped total */
  for (gsize i = 0; i < n_tr; i++)
    ll_sum += tr[i].weight * clv_bgnbd_log_likelihood_one (&p, tr[i].x, tr[i].t_x, tr[i].T);
  g_assert_cmpfloat_with_epsilon (ll_sum, p.log_likelihood, 1e-6);

  /* holdout: sum of conditional expectations 1,653.4 (lifetimes), actual 1,882 */
  for (guint32 c = 0; c < s->n_customers; c++)
    {
      const ClvCustomerSummary *cs = &s->customers[c];

      holdout += clv_bgnbd_conditional_expected_purchases (&p, cs->x, cs->t_x / 7, cs->T / 7, len);
      x[c] = cs->x;
      m[c] = cs->mean_repeat_spend / 100.0;
    }
  g_test_message ("holdout predicted %.2f actual %" G_GUINT64_FORMAT, holdout, s->total_holdout);
  g_assert_cmpfloat_with_epsilon (holdout, 1653.4, 1.0);

  /* CLV (lifetimes: 12 months of 4.345 weeks, 1 %/month) for sample ids 1, 3, 6 */
  g_assert_true (clv_gamma_gamma_fit (x, m, s->n_customers, &gg, &error));
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      const ClvCustomerSummary *cs = &s->customers[ids[k] - 1];
      double spend = clv_gamma_gamma_expected_spend (&gg, cs->x, cs->mean_repeat_spend / 100.0);
      double clv = 0, prev = 0;

      for (int j = 1; j <= 12; j++)
        {
          double e = clv_bgnbd_conditional_expected_purchases (&p, cs->x, cs->t_x / 7, cs->T / 7,
                                                               j * 4.345);

          clv += (e - prev) * spend / pow (1.01, j);
          prev = e;
        }
      g_test_message ("CLV id %u: %.4f (lifetimes %.3f)", ids[k], clv, clv_ref[k]);
      g_assert_cmpfloat_with_epsilon (clv, clv_ref[k], 0.002);
    }
}

/* The time unit only rescales alpha: fitted in days, alpha is 7 x the weekly alpha, r, a, b are
 * the same, and the LL shifts by -(sum of x) ln 7 (each repeat purchase time density). */
static void
test_time_unit (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = clv_summary_compute (sales, n, nc, core_test_julian (19970930),
                                                 core_test_julian (19970930), &error);
  gsize n_w, n_d;
  g_autofree ClvRfTriple *tw = clv_summary_triples (s, clv_time_unit_days (CLV_TIME_WEEK), &n_w);
  g_autofree ClvRfTriple *td = clv_summary_triples (s, clv_time_unit_days (CLV_TIME_DAY), &n_d);
  ClvBgnbdParams pw, pd;

  g_assert_true (clv_bgnbd_fit (tw, n_w, &pw, &error));
  g_assert_true (clv_bgnbd_fit (td, n_d, &pd, &error));
  assert_rel (pd.alpha, 7 * pw.alpha, 1e-4);
  assert_rel (pd.r, pw.r, 1e-4);
  assert_rel (pd.a, pw.a, 1e-4);
  assert_rel (pd.b, pw.b, 1e-4);
  g_assert_cmpfloat_with_epsilon (pd.log_likelihood, pw.log_likelihood - 2457 * log (7), 1e-3);
  g_assert_cmpfloat_with_epsilon (clv_time_unit_days (CLV_TIME_MONTH), 30.4375, 1e-12);
}

static void
test_gradient (void)
{
  const ClvRfTriple tr[] = {
    { 0, 0, 30, 5 }, { 1, 10, 30, 3 }, { 4, 25, 38, 2 }, { 12, 36, 39, 1 }, { 2, 2, 40, 4 },
  };
  const ClvBgnbdParams pts[] = { { 0.3, 4, 0.8, 2.4, 0 }, { 2.0, 0.5, 3.0, 0.7, 0 } };

  for (guint k = 0; k < G_N_ELEMENTS (pts); k++)
    {
      double g[4];

      clv_bgnbd_log_likelihood (&pts[k], tr, G_N_ELEMENTS (tr), g);
      for (int i = 0; i < 4; i++)
        {
          ClvBgnbdParams hi = pts[k], lo = pts[k];
          double *ph = &hi.r + i, *pl = &lo.r + i, h = 1e-6 * *ph, num;

          *ph += h;
          *pl -= h;
          num = (clv_bgnbd_log_likelihood (&hi, tr, G_N_ELEMENTS (tr), NULL)
                 - clv_bgnbd_log_likelihood (&lo, tr, G_N_ELEMENTS (tr), NULL)) / (2 * h);
          g_assert_cmpfloat_with_epsilon (g[i], num, 1e-5 * MAX (1, fabs (num)));
        }
    }
}

static ClvRfTriple *
simulate (GRand *rand, guint n, double r, double alpha, double a, double b,
          CoreSimCustomer **customers, double future)
{
  ClvRfTriple *tr = g_new (ClvRfTriple, n);

  *customers = g_new (CoreSimCustomer, n);
  for (guint i = 0; i < n; i++)
    {
      /* acquisition spread over 12 weeks, 39-week calibration as in CDNOW */
      double T = 27 + 12 * g_rand_double (rand);

      core_test_sim_bgnbd (rand, r, alpha, a, b, T, future, &(*customers)[i]);
      tr[i] = (ClvRfTriple) { (*customers)[i].x, (*customers)[i].t_x, T, 1 };
    }
  return tr;
}

/* Fit recovers known parameters within sampling error (about 3 standard errors at n = 30000,
 * scaled from the CDNOW standard errors) and the fitted LL beats the true parameters'. */
static void
test_recovery (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  const ClvBgnbdParams truth = { 0.5, 6.0, 0.7, 2.5, 0 };
  g_autofree CoreSimCustomer *cust = NULL;
  g_autofree ClvRfTriple *tr = simulate (rand, 30000, truth.r, truth.alpha, truth.a, truth.b,
                                         &cust, 0);
  g_autoptr(GError) error = NULL;
  ClvBgnbdParams p;

  g_assert_true (clv_bgnbd_fit (tr, 30000, &p, &error));
  g_test_message ("recovered r=%.4f alpha=%.4f a=%.4f b=%.4f", p.r, p.alpha, p.a, p.b);
  assert_rel (p.r, truth.r, 0.10);
  assert_rel (p.alpha, truth.alpha, 0.15);
  assert_rel (p.a, truth.a, 0.25);
  assert_rel (p.b, truth.b, 0.30);
  g_assert_cmpfloat (p.log_likelihood, >=, clv_bgnbd_log_likelihood (&truth, tr, 30000, NULL));
}

/* Closed forms against simulation: E[P(alive | data)] = share alive, E[E[Y | data]] = mean
 * future purchases, per x class; E[X(t)] = mean repeat purchases of new customers. */
static void
test_monte_carlo (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const ClvBgnbdParams p = { 0.6, 5.0, 0.9, 3.0, 0 };
  const guint n = 200000;
  const double future = 20;
  g_autofree CoreSimCustomer *cust = NULL;
  g_autofree ClvRfTriple *tr = simulate (rand, n, p.r, p.alpha, p.a, p.b, &cust, future);
  double pa[4] = { 0 }, alive[4] = { 0 }, ey[4] = { 0 }, y[4] = { 0 }, y2[4] = { 0 };
  double cnt[4] = { 0 };
  double sum_x = 0, sum_x2 = 0, t = 30, ex;

  for (guint i = 0; i < n; i++)
    {
      int k = cust[i].x == 0 ? 0 : cust[i].x == 1 ? 1 : cust[i].x <= 3 ? 2 : 3;

      cnt[k]++;
      pa[k] += clv_bgnbd_probability_alive (&p, cust[i].x, cust[i].t_x, cust[i].T);
      alive[k] += cust[i].alive;
      ey[k] += clv_bgnbd_conditional_expected_purchases (&p, cust[i].x, cust[i].t_x, cust[i].T,
                                                         future);
      y[k] += cust[i].future;
      y2[k] += (double) cust[i].future * cust[i].future;
    }
  for (int k = 0; k < 4; k++)
    {
      double share = alive[k] / cnt[k], se_a = sqrt (share * (1 - share) / cnt[k]);
      double my = y[k] / cnt[k], se_y = sqrt ((y2[k] / cnt[k] - my * my) / cnt[k]);

      g_test_message ("class %d (n=%.0f): P(alive) %.4f vs %.4f; E[Y] %.4f vs %.4f", k, cnt[k],
                      pa[k] / cnt[k], share, ey[k] / cnt[k], my);
      g_assert_cmpfloat_with_epsilon (pa[k] / cnt[k], share, 4.5 * se_a + 1e-3);
      g_assert_cmpfloat_with_epsilon (ey[k] / cnt[k], my, 4.5 * se_y + 1e-3);
    }
  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_bgnbd (rand, p.r, p.alpha, p.a, p.b, t, 0, &c);
      sum_x += c.x;
      sum_x2 += (double) c.x * c.x;
    }
  ex = clv_bgnbd_expected_purchases (&p, t);
  g_test_message ("E[X(%g)] %.4f vs simulated %.4f", t, ex, sum_x / n);
  g_assert_cmpfloat_with_epsilon (ex, sum_x / n,
                                  4.5 * sqrt ((sum_x2 / n - (sum_x / n) * (sum_x / n)) / n));
}

static void
assert_finite_outputs (const ClvBgnbdParams *p, guint32 x, double t_x, double T)
{
  const double ts[] = { 0, 1e-6, 1, 52, 1e4, 1e7 };
  double prev = 0;

  g_assert_true (isfinite (clv_bgnbd_log_likelihood_one (p, x, t_x, T)));
  g_assert_true (isfinite (clv_bgnbd_probability_alive (p, x, t_x, T)));
  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    {
      double e = clv_bgnbd_conditional_expected_purchases (p, x, t_x, T, ts[i]);

      g_assert_true (isfinite (e) && e >= 0);
      g_assert_cmpfloat (e, >=, prev * (1 - 1e-9));
      prev = e;
      g_assert_true (isfinite (clv_bgnbd_expected_purchases (p, ts[i])));
    }
}

static void
test_edges (void)
{
  const ClvRfTriple none[] = { { 0, 0, 30, 50 }, { 0, 0, 20, 10 } };
  const ClvRfTriple one[] = { { 3, 10, 30, 1 } };
  const ClvRfTriple five[] = {
    { 0, 0, 30, 1 }, { 1, 3, 30, 1 }, { 2, 20, 29, 1 }, { 0, 0, 10, 1 }, { 5, 8, 9, 1 },
  };
  const ClvRfTriple churned[] = {   /* everyone bought early and stopped */
    { 3, 2, 50, 20 }, { 2, 1, 50, 20 }, { 1, 1, 50, 20 }, { 0, 0, 50, 20 },
  };
  const ClvRfTriple huge[] = { { 50000, 99, 100, 1 }, { 0, 0, 100, 3 }, { 2, 50, 100, 2 } };
  const ClvBgnbdParams typical = { 0.243, 4.414, 0.793, 2.426, 0 };
  const ClvBgnbdParams odd = { 50, 0.01, 1.0, 1e-3, 0 };
  g_autoptr(GError) error = NULL;
  ClvBgnbdParams p;

  g_assert_false (clv_bgnbd_fit (none, G_N_ELEMENTS (none), &p, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  g_assert_false (clv_bgnbd_fit (one, G_N_ELEMENTS (one), &p, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);

  /* tiny or degenerate data: a fit (finite, bounded) or a clean error, never NaN */
  {
    const ClvRfTriple *sets[] = { five, churned, huge };
    const gsize sizes[] = { G_N_ELEMENTS (five), G_N_ELEMENTS (churned), G_N_ELEMENTS (huge) };

    for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
      {
        if (clv_bgnbd_fit (sets[i], sizes[i], &p, &error))
          {
            g_test_message ("set %u: r=%g alpha=%g a=%g b=%g", i, p.r, p.alpha, p.a, p.b);
            g_assert_true (isfinite (p.r) && isfinite (p.alpha) && isfinite (p.a)
                           && isfinite (p.b) && isfinite (p.log_likelihood));
            assert_finite_outputs (&p, 3, 5, 30);
          }
        else
          {
            g_test_message ("set %u: %s", i, error->message);
            g_assert_true (error->domain == CLV_ERROR);
            g_clear_error (&error);
          }
      }
  }

  /* huge x, very long T, t_x = T, t_x = 0 with x = 0 */
  assert_finite_outputs (&typical, 0, 0, 0);
  assert_finite_outputs (&typical, 100000, 500, 520);
  assert_finite_outputs (&typical, 3, 10, 1e6);
  assert_finite_outputs (&typical, 3, 1e6, 1e6);
  assert_finite_outputs (&odd, 5000, 10, 1e5);
  assert_finite_outputs (&odd, 0, 0, 1e-3);
  g_assert_cmpfloat (clv_bgnbd_probability_alive (&typical, 0, 0, 1000), ==, 1.0);
  g_assert_cmpfloat (clv_bgnbd_probability_alive (&typical, 100000, 1, 1e6), ==, 0.0);
}

/* A fit is only usable at an interior maximum. CDNOW's is one. Eighteen customers who each
 * bought twice, the second time on the last observed day, plus a few who bought once, only say
 * that nobody has dropped out yet: the likelihood rises along a ridge towards a -> infinity,
 * b -> 0 (a = 45,745, b = 0.0044 was seen), where every repeat customer is "0 % still buying".
 * That fit must be flagged, not used. */
static void
test_fit_quality (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = clv_summary_compute (sales, n, nc, core_test_julian (19970930),
                                                 core_test_julian (19970930), &error);
  gsize n_tr;
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  ClvRfTriple last_day[22];
  ClvBgnbdParams p;

  g_assert_true (clv_bgnbd_fit (tr, n_tr, &p, &error));
  g_assert_cmpint (p.quality, ==, CLV_FIT_PROPER);
  for (guint i = 0; i < 18; i++)
    {
      double T = (3 + 9 * i) / 7.0;

      last_day[i] = (ClvRfTriple) { 1, T, T, 1 };
    }
  for (guint i = 18; i < 22; i++)
    last_day[i] = (ClvRfTriple) { 0, 0, (10 + 20 * i) / 7.0, 1 };
  if (clv_bgnbd_fit (last_day, G_N_ELEMENTS (last_day), &p, &error))
    {
      g_test_message ("last-day data: r=%g alpha=%g a=%g b=%g, quality %d", p.r, p.alpha, p.a,
                      p.b, p.quality);
      g_assert_cmpint (p.quality, !=, CLV_FIT_PROPER);
    }
  else
    g_test_message ("last-day data: %s", error->message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/bgnbd/cdnow", test_cdnow);
  g_test_add_func ("/core/bgnbd/time-unit", test_time_unit);
  g_test_add_func ("/core/bgnbd/gradient", test_gradient);
  g_test_add_func ("/core/bgnbd/recovery", test_recovery);
  g_test_add_func ("/core/bgnbd/monte-carlo", test_monte_carlo);
  g_test_add_func ("/core/bgnbd/edges", test_edges);
  g_test_add_func ("/core/bgnbd/fit-quality", test_fit_quality);
  return g_test_run ();
}
