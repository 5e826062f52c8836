/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBG/NBD: the CDNOW fit against the published parameters (BTYDplus, 39-week calibration) and
 * its holdout forecast, which must stay below BG/NBD's; the analytic gradient; one-time buyers
 * who are never certainly alive; Monte-Carlo checks of P(alive) and the expectations against
 * the model's own story; finite outputs on odd input.
 */
#include <math.h>

#include "clv-bgnbd.h"
#include "clv-mbgnbd.h"
#include "clv-error.h"
#include "clv-summary.h"
#include "core-test-data.h"

#define assert_rel(v, ref, tol) \
  g_assert_cmpfloat_with_epsilon ((v), (ref), (tol) * fabs (ref))

/* Published: r 0.525, alpha 6.183, a 0.891, b 1.614 (weeks). BG/NBD forecasts 1,653.4 repeat
 * purchases in the 39-week holdout against 1,882 actual; MBG/NBD forecasts fewer, since its
 * one-time buyers are alive with probability 0.39 .. 0.43 rather than 1. */
static void
test_cdnow (void)
{
  gsize n, n_tr;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = clv_summary_compute (sales, n, nc, core_test_julian (19970930),
                                                 core_test_julian (19980630), &error);
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  double len = (s->end_day - s->calibration_end_day) / 7.0, holdout = 0, holdout_bg = 0;
  double ll_sum = 0, pa_min = 1, pa_max = 0;
  ClvMbgnbdParams p;
  ClvBgnbdParams bg;

  g_assert_no_error (error);
  g_assert_true (clv_mbgnbd_fit (tr, n_tr, &p, &error));
  g_assert_no_error (error);
  g_test_message ("MBG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.4f", p.r, p.alpha, p.a, p.b,
                  p.log_likelihood);
  assert_rel (p.r, 0.525, 0.01);
  assert_rel (p.alpha, 6.183, 0.01);
  assert_rel (p.a, 0.891, 0.01);
  assert_rel (p.b, 1.614, 0.01);
  g_assert_cmpint (p.quality, ==, CLV_FIT_PROPER);
  for (gsize i = 0; i < n_tr; i++)
    ll_sum += tr[i].weight * clv_mbgnbd_log_likelihood_one (&p, tr[i].x, tr[i].t_x, tr[i].T);
  g_assert_cmpfloat_with_epsilon (ll_sum, p.log_likelihood, 1e-6);

  g_assert_true (clv_bgnbd_fit (tr, n_tr, &bg, &error));
  /* the higher likelihood of the two */
  g_assert_cmpfloat (p.log_likelihood, >, bg.log_likelihood);
  for (guint32 c = 0; c < s->n_customers; c++)
    {
      const ClvCustomerSummary *cs = &s->customers[c];

      holdout += clv_mbgnbd_conditional_expected_purchases (&p, cs->x, cs->t_x / 7, cs->T / 7,
                                                            len);
      holdout_bg += clv_bgnbd_conditional_expected_purchases (&bg, cs->x, cs->t_x / 7,
                                                              cs->T / 7, len);
      if (cs->x == 0)
        {
          double pa = clv_mbgnbd_probability_alive (&p, 0, 0, cs->T / 7);

          pa_min = MIN (pa_min, pa);
          pa_max = MAX (pa_max, pa);
        }
    }
  g_test_message ("holdout: MBG/NBD %.2f, BG/NBD %.2f, actual %" G_GUINT64_FORMAT
                  "; one-time buyers P(alive) %.3f .. %.3f",
                  holdout, holdout_bg, s->total_holdout, pa_min, pa_max);
  g_assert_cmpfloat_with_epsilon (holdout_bg, 1653.4, 1.0);
  g_assert_cmpfloat (holdout, <, holdout_bg);
  g_assert_cmpfloat (holdout, >, 1000);
  g_assert_cmpfloat (pa_min, >=, 0.38);
  g_assert_cmpfloat (pa_max, <=, 0.44);
}

static void
test_gradient (void)
{
  const ClvRfTriple tr[] = {
    { 0, 0, 30, 5 }, { 1, 10, 30, 3 }, { 4, 25, 38, 2 }, { 12, 36, 39, 1 }, { 2, 2, 40, 4 },
  };
  const ClvMbgnbdParams pts[] = { { 0.5, 6, 0.9, 1.6, 0, 0 }, { 2.0, 0.5, 3.0, 0.7, 0, 0 } };

  for (guint k = 0; k < G_N_ELEMENTS (pts); k++)
    {
      double g[4];

      clv_mbgnbd_log_likelihood (&pts[k], tr, G_N_ELEMENTS (tr), g);
      for (int i = 0; i < 4; i++)
        {
          ClvMbgnbdParams hi = pts[k], lo = pts[k];
          double *ph = &hi.r + i, *pl = &lo.r + i, h = 1e-6 * *ph, num;

          *ph += h;
          *pl -= h;
          num = (clv_mbgnbd_log_likelihood (&hi, tr, G_N_ELEMENTS (tr), NULL)
                 - clv_mbgnbd_log_likelihood (&lo, tr, G_N_ELEMENTS (tr), NULL)) / (2 * h);
          g_assert_cmpfloat_with_epsilon (g[i], num, 1e-5 * MAX (1, fabs (num)));
        }
    }
}

/* The MBG/NBD story: lambda ~ Gamma (r, alpha), p ~ Beta (a, b); the customer drops out with
 * probability p at the first purchase (time 0) and after each repeat purchase. */
static void
sim_mbgnbd (GRand *rand, const ClvMbgnbdParams *p, double T, double future, CoreSimCustomer *out)
{
  double lambda = core_test_gamma (rand, p->r, p->alpha);
  double drop = core_test_beta (rand, p->a, p->b), t = 0;
  gboolean alive = g_rand_double (rand) >= drop;

  out->x = 0;
  out->t_x = 0;
  out->T = T;
  out->future = 0;
  while (alive)
    {
      t += -log (1 - g_rand_double (rand)) / lambda;
      if (t > T + future)
        break;
      if (t <= T)
        {
          out->x++;
          out->t_x = t;
        }
      else
        out->future++;
      alive = g_rand_double (rand) >= drop;
    }
  /* alive at T: not dropped at or before the last purchase up to T */
  out->alive = alive || t > T;
}

static void
test_monte_carlo (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const ClvMbgnbdParams p = { 0.6, 5.0, 0.9, 2.0, 0, 0 };
  const guint n = 200000;
  const double future = 20, t = 30;
  double pa[3] = { 0 }, alive[3] = { 0 }, ey[3] = { 0 }, y[3] = { 0 }, y2[3] = { 0 };
  double cnt[3] = { 0 }, sum_x = 0, sum_x2 = 0, ex;

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;
      int k;

      sim_mbgnbd (rand, &p, 27 + 12 * g_rand_double (rand), future, &c);
      k = c.x == 0 ? 0 : c.x <= 2 ? 1 : 2;
      cnt[k]++;
      pa[k] += clv_mbgnbd_probability_alive (&p, c.x, c.t_x, c.T);
      alive[k] += c.alive;
      ey[k] += clv_mbgnbd_conditional_expected_purchases (&p, c.x, c.t_x, c.T, future);
      y[k] += c.future;
      y2[k] += (double) c.future * c.future;
    }
  for (int k = 0; k < 3; k++)
    {
      double share = alive[k] / cnt[k], se_a = sqrt (share * (1 - share) / cnt[k]);
      double my = y[k] / cnt[k], se_y = sqrt ((y2[k] / cnt[k] - my * my) / cnt[k]);

      g_test_message ("class %d (n=%.0f): P(alive) %.4f vs %.4f; E[Y] %.4f vs %.4f", k, cnt[k],
                      pa[k] / cnt[k], share, ey[k] / cnt[k], my);
      g_assert_cmpfloat_with_epsilon (pa[k] / cnt[k], share, 4.5 * se_a + 1e-3);
      g_assert_cmpfloat_with_epsilon (ey[k] / cnt[k], my, 4.5 * se_y + 1e-3);
    }
  /* one-time buyers are never certainly alive */
  g_assert_cmpfloat (pa[0] / cnt[0], <, 0.99);
  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      sim_mbgnbd (rand, &p, t, 0, &c);
      sum_x += c.x;
      sum_x2 += (double) c.x * c.x;
    }
  ex = clv_mbgnbd_expected_purchases (&p, t);
  g_test_message ("E[X(%g)] %.4f vs simulated %.4f", t, ex, sum_x / n);
  g_assert_cmpfloat_with_epsilon (ex, sum_x / n,
                                  4.5 * sqrt ((sum_x2 / n - (sum_x / n) * (sum_x / n)) / n));
}

static void
test_edges (void)
{
  const ClvRfTriple none[] = { { 0, 0, 30, 50 }, { 0, 0, 20, 10 } };
  const ClvMbgnbdParams typical = { 0.525, 6.183, 0.891, 1.614, 0, 0 };
  const double ts[] = { 0, 1e-6, 1, 52, 1e4, 1e7 };
  const guint32 xs[] = { 0, 1, 3, 100000 };
  g_autoptr(GError) error = NULL;
  ClvMbgnbdParams p;

  g_assert_false (clv_mbgnbd_fit (none, G_N_ELEMENTS (none), &p, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA);
  /* P(alive) of a one-time buyer falls with the time since the purchase, from b / (a + b) */
  g_assert_cmpfloat_with_epsilon (clv_mbgnbd_probability_alive (&typical, 0, 0, 0),
                                  typical.b / (typical.a + typical.b), 1e-12);
  g_assert_cmpfloat (clv_mbgnbd_probability_alive (&typical, 0, 0, 100), <,
                     clv_mbgnbd_probability_alive (&typical, 0, 0, 10));
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      double prev = 0, tx = xs[i] > 0 ? 10 : 0;

      g_assert_true (isfinite (clv_mbgnbd_log_likelihood_one (&typical, xs[i], tx, 520)));
      g_assert_true (isfinite (clv_mbgnbd_probability_alive (&typical, xs[i], tx, 1e6)));
      for (guint j = 0; j < G_N_ELEMENTS (ts); j++)
        {
          double e = clv_mbgnbd_conditional_expected_purchases (&typical, xs[i], tx, 520, ts[j]);

          g_assert_true (isfinite (e) && e >= 0);
          g_assert_cmpfloat (e, >=, prev * (1 - 1e-9));
          prev = e;
          g_assert_true (isfinite (clv_mbgnbd_expected_purchases (&typical, ts[j])));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/mbgnbd/cdnow", test_cdnow);
  g_test_add_func ("/core/mbgnbd/gradient", test_gradient);
  g_test_add_func ("/core/mbgnbd/monte-carlo", test_monte_carlo);
  g_test_add_func ("/core/mbgnbd/edges", test_edges);
  return g_test_run ();
}
