/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pareto/NBD: the CDNOW fit against the published figures (BTYD / CLVTools values), holdout
 * against the lifetimes reproduction, the likelihood against direct quadrature of its integral
 * form for alpha < beta, alpha > beta and z near 1, Monte-Carlo checks, recovery, edge cases.
 */
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>

#include "clv-error.h"
#include "clv-pareto.h"
#include "clv-summary.h"
#include "core-test-data.h"

#define assert_rel(v, ref, tol) \
  g_assert_cmpfloat_with_epsilon ((v), (ref), (tol) * fabs (ref))

/* Published (FHL 2005; CLVTools and BTYD reproduce it): r = 0.553, alpha = 10.578, s = 0.606,
 * beta = 11.669, LL = -9595.0. lifetimes' Nelder-Mead stops loosely (beta 11.656 in BTYD,
 * 11.668 in lifetimes), so the tolerance is 1 % on every parameter, 0.5 on the LL. */
static void
test_cdnow (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = clv_summary_compute (sales, n, nc, core_test_julian (19970930),
                                                 core_test_julian (19980630), &error);
  gsize n_tr;
  g_autofree ClvRfTriple *tr = clv_summary_triples (s, 7.0, &n_tr);
  ClvParetoParams p;
  double holdout = 0, len = (s->end_day - s->calibration_end_day) / 7.0;

  g_assert_true (clv_pareto_fit (tr, n_tr, &p, &error));
  g_assert_no_error (error);
  g_test_message ("Pareto/NBD r=%.6f alpha=%.6f s=%.6f beta=%.6f LL=%.4f", p.r, p.alpha, p.s,
                  p.beta, p.log_likelihood);
  assert_rel (p.r, 0.553, 0.01);
  assert_rel (p.alpha, 10.578, 0.01);
  assert_rel (p.s, 0.606, 0.01);
  assert_rel (p.beta, 11.669, 0.01);
  g_assert_cmpfloat_with_epsilon (p.log_likelihood, -9595.0, 0.5);
  for (guint32 c = 0; c < s->n_customers; c++)
    {
      const ClvCustomerSummary *cs = &s->customers[c];

      holdout += clv_pareto_conditional_expected_purchases (&p, cs->x, cs->t_x / 7, cs->T / 7,
                                                            len);
    }
  g_test_message ("holdout predicted %.2f (lifetimes 1665.5)", holdout);
  g_assert_cmpfloat_with_epsilon (holdout, 1665.5, 1.0);
}

typedef struct
{
  double r, alpha, s, beta, x;
} Integrand;

static double
integrand (double tau, void *data)
{
  const Integrand *d = data;

  return exp (-(d->r + d->x) * log (d->alpha + tau) - (d->s + 1) * log (d->beta + tau));
}

/* The likelihood by its definition (Fader & Hardie 2005 note):
 * L = G(r+x) alpha^r beta^s / G(r) [ (alpha+T)^-(r+x) (beta+T)^-s
 *     + s int_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau ] */
static double
ll_by_quadrature (const ClvParetoParams *p, guint32 x, double t_x, double T)
{
  Integrand d = { p->r, p->alpha, p->s, p->beta, x };
  gsl_function f = { integrand, &d };
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc (1000);
  double res = 0, err, first;

  if (T > t_x)
    gsl_integration_qags (&f, t_x, T, 0, 1e-12, 1000, ws, &res, &err);
  gsl_integration_workspace_free (ws);
  first = exp (-(p->r + x) * log (p->alpha + T) - p->s * log (p->beta + T));
  return gsl_sf_lngamma (p->r + x) - gsl_sf_lngamma (p->r) + p->r * log (p->alpha)
         + p->s * log (p->beta) + log (first + p->s * res);
}

static void
test_likelihood_branches (void)
{
  const ClvParetoParams ps[] = {
    { 0.553, 10.578, 0.606, 11.669, 0 },   /* alpha < beta */
    { 0.553, 11.669, 0.606, 10.578, 0 },   /* alpha > beta */
    { 0.8, 5.0, 1.0, 5.0, 0 },             /* alpha = beta */
    { 0.5, 2000.0, 0.7, 0.01, 0 },         /* alpha >> beta: z = 1 - 5e-6 at t = 0 */
    { 0.5, 0.01, 0.7, 2000.0, 0 },         /* beta >> alpha */
  };
  const struct { guint32 x; double t_x, T; } cs[] = {
    { 0, 0, 38.86 }, { 2, 30.43, 38.86 }, { 1, 1.71, 38.86 }, { 7, 35, 36 }, { 3, 0.5, 1.0 },
  };

  gsl_set_error_handler_off ();
  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    for (guint j = 0; j < G_N_ELEMENTS (cs); j++)
      {
        double ll = clv_pareto_log_likelihood_one (&ps[i], cs[j].x, cs[j].t_x, cs[j].T);
        double ref = ll_by_quadrature (&ps[i], cs[j].x, cs[j].t_x, cs[j].T);

        g_assert_true (isfinite (ll));
        g_assert_cmpfloat_with_epsilon (ll, ref, 1e-7 * MAX (1, fabs (ref)));
      }
}

static void
test_monte_carlo (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const ClvParetoParams p = { 0.7, 6.0, 0.8, 12.0, 0 };
  const guint n = 200000;
  const double future = 20;
  double pa[3] = { 0 }, alive[3] = { 0 }, ey[3] = { 0 }, y[3] = { 0 }, y2[3] = { 0 };
  double cnt[3] = { 0 };
  double sum_x = 0, sum_x2 = 0, ex;

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;
      int k;

      core_test_sim_pareto (rand, p.r, p.alpha, p.s, p.beta, 27 + 12 * g_rand_double (rand),
                            future, &c);
      k = c.x == 0 ? 0 : c.x <= 2 ? 1 : 2;
      cnt[k]++;
      pa[k] += clv_pareto_probability_alive (&p, c.x, c.t_x, c.T);
      alive[k] += c.alive;
      ey[k] += clv_pareto_conditional_expected_purchases (&p, c.x, c.t_x, c.T, future);
      y[k] += c.future;
      y2[k] += (double) c.future * c.future;
    }
  for (int k = 0; k < 3; k++)
    {
      double share = alive[k] / cnt[k], se_a = sqrt (share * (1 - share) / cnt[k]);
      double my = y[k] / cnt[k], se_y = sqrt ((y2[k] / cnt[k] - my * my) / cnt[k]);

      g_test_message ("class %d: P(alive) %.4f vs %.4f; E[Y] %.4f vs %.4f", k, pa[k] / cnt[k],
                      share, ey[k] / cnt[k], my);
      g_assert_cmpfloat_with_epsilon (pa[k] / cnt[k], share, 4.5 * se_a + 1e-3);
      g_assert_cmpfloat_with_epsilon (ey[k] / cnt[k], my, 4.5 * se_y + 1e-3);
    }
  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_pareto (rand, p.r, p.alpha, p.s, p.beta, 30, 0, &c);
      sum_x += c.x;
      sum_x2 += (double) c.x * c.x;
    }
  ex = clv_pareto_expected_purchases (&p, 30);
  g_test_message ("E[X(30)] %.4f vs simulated %.4f", ex, sum_x / n);
  g_assert_cmpfloat_with_epsilon (ex, sum_x / n,
                                  4.5 * sqrt ((sum_x2 / n - (sum_x / n) * (sum_x / n)) / n));
}

static void
test_recovery (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  const ClvParetoParams truth = { 0.6, 8.0, 0.8, 10.0, 0 };
  const guint n = 20000;
  g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n);
  g_autoptr(GError) error = NULL;
  ClvParetoParams p;

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_pareto (rand, truth.r, truth.alpha, truth.s, truth.beta,
                            27 + 12 * g_rand_double (rand), 0, &c);
      tr[i] = (ClvRfTriple) { c.x, c.t_x, c.T, 1 };
    }
  g_assert_true (clv_pareto_fit (tr, n, &p, &error));
  g_test_message ("recovered r=%.4f alpha=%.4f s=%.4f beta=%.4f", p.r, p.alpha, p.s, p.beta);
  assert_rel (p.r, truth.r, 0.15);
  assert_rel (p.alpha, truth.alpha, 0.20);
  assert_rel (p.s, truth.s, 0.35);
  assert_rel (p.beta, truth.beta, 0.50);
  g_assert_cmpfloat (p.log_likelihood, >=, clv_pareto_log_likelihood (&truth, tr, n) - 1e-6);
}

static void
test_edges (void)
{
  const ClvRfTriple none[] = { { 0, 0, 30, 50 } };
  const ClvRfTriple five[] = {
    { 0, 0, 30, 1 }, { 1, 3, 30, 1 }, { 2, 20, 29, 1 }, { 0, 0, 10, 1 }, { 5, 8, 9, 1 },
  };
  const ClvParetoParams ps[] = {
    { 0.553, 10.578, 0.606, 11.669, 0 }, { 0.5, 1e5, 1.0, 1e-4, 0 }, { 20, 0.01, 1.0, 1e5, 0 },
  };
  g_autoptr(GError) error = NULL;
  ClvParetoParams p;

  g_assert_false (clv_pareto_fit (none, 1, &p, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  if (clv_pareto_fit (five, G_N_ELEMENTS (five), &p, &error))
    g_assert_true (isfinite (p.log_likelihood) && isfinite (p.r) && isfinite (p.beta));
  else
    g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    {
      const struct { guint32 x; double t_x, T; } cs[] = {
        { 0, 0, 0 }, { 0, 0, 1e6 }, { 100000, 900, 1000 }, { 3, 1e6, 1e6 }, { 2, 1e-9, 1e6 },
      };

      for (guint j = 0; j < G_N_ELEMENTS (cs); j++)
        {
          double pa = clv_pareto_probability_alive (&ps[i], cs[j].x, cs[j].t_x, cs[j].T);

          g_assert_true (isfinite (clv_pareto_log_likelihood_one (&ps[i], cs[j].x, cs[j].t_x,
                                                                  cs[j].T)));
          g_assert_true (isfinite (pa) && pa >= 0 && pa <= 1);
          g_assert_true (isfinite (clv_pareto_conditional_expected_purchases (
            &ps[i], cs[j].x, cs[j].t_x, cs[j].T, 1e4)));
        }
      g_assert_true (isfinite (clv_pareto_expected_purchases (&ps[i], 1e7)));
    }
  /* s = 1 exactly: the limit form */
  {
    ClvParetoParams one = { 0.5, 5, 1.0, 10, 0 }, near = { 0.5, 5, 1.0 + 1e-9, 10, 0 };

    g_assert_cmpfloat_with_epsilon (clv_pareto_expected_purchases (&one, 20),
                                    clv_pareto_expected_purchases (&near, 20), 1e-7);
  }
}

/* The grouped likelihood (quadrature of the integral form per distinct x, which the fit uses)
 * equals the sum of the direct per-customer likelihoods (the 2F1 form), also far from the
 * optimum (alpha >> beta, beta >> alpha, large s). */
static void
test_grouped_equals_direct (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  const guint n = 6000;
  g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n);
  const ClvParetoParams ps[] = {
    { 0.6, 8.0, 0.8, 10.0, 0 }, { 1.8, 14.4, 6860, 1.19e6, 0 }, { 0.3, 0.2, 2.0, 400, 0 },
    { 2.5, 300, 0.5, 0.3, 0 }, { 0.8, 5, 1, 5, 0 },
  };

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      /* days resolution over two years, in weeks: many distinct t per x */
      core_test_sim_pareto (rand, 0.9, 6.0, 0.8, 40.0, floor (730 * g_rand_double (rand)) / 7,
                            0, &c);
      tr[i] = (ClvRfTriple) { c.x, floor (c.t_x * 7) / 7, c.T, 1 };
    }
  for (guint k = 0; k < G_N_ELEMENTS (ps); k++)
    {
      double grouped = clv_pareto_log_likelihood (&ps[k], tr, n), direct = 0;

      for (guint i = 0; i < n; i++)
        direct += clv_pareto_log_likelihood_one (&ps[k], tr[i].x, tr[i].t_x, tr[i].T);
      g_test_message ("params %u: grouped %.10f direct %.10f", k, grouped, direct);
      g_assert_cmpfloat_with_epsilon (grouped, direct, 1e-9 * fabs (direct));
    }
}

/* The analytic gradient of the grouped likelihood against central differences of it in
 * log-parameters, near the optimum and far from it (beta >> alpha, large s, alpha >> beta). */
static void
test_gradient (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  const guint n = 4000;
  g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n);
  const ClvParetoParams ps[] = {
    { 0.6, 8.0, 0.8, 10.0, 0 }, { 1.8, 14.4, 6860, 1.19e6, 0 }, { 0.3, 0.2, 2.0, 400, 0 },
    { 2.5, 300, 0.5, 0.3, 0 }, { 0.8, 5, 1, 5, 0 }, { 1.6, 11, 2000, 3.6e5, 0 },
  };

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_pareto (rand, 0.9, 6.0, 0.8, 40.0, floor (730 * g_rand_double (rand)) / 7,
                            0, &c);
      tr[i] = (ClvRfTriple) { c.x, floor (c.t_x * 7) / 7, c.T, 1 };
    }
  for (guint k = 0; k < G_N_ELEMENTS (ps); k++)
    {
      double grad[4], ll = clv_pareto_log_likelihood_gradient (&ps[k], tr, n, grad);

      g_assert_cmpfloat_with_epsilon (ll, clv_pareto_log_likelihood (&ps[k], tr, n),
                                      1e-12 * fabs (ll));
      for (int i = 0; i < 4; i++)
        {
          const double h = 1e-4;
          ClvParetoParams up = ps[k], down = ps[k];
          double *pu = i == 0 ? &up.r : i == 1 ? &up.alpha : i == 2 ? &up.s : &up.beta;
          double *pd = i == 0 ? &down.r : i == 1 ? &down.alpha : i == 2 ? &down.s : &down.beta;
          double v = *pu, numeric;

          *pu = v * exp (h);
          *pd = v * exp (-h);
          numeric = (clv_pareto_log_likelihood (&up, tr, n)
                     - clv_pareto_log_likelihood (&down, tr, n)) / (2 * h);
          g_test_message ("params %u, d/d ln p%d: analytic %.8g numeric %.8g", k, i,
                          v * grad[i], numeric);
          /* the differences carry ~1e-11 of the likelihood in rounding (large s: exponents
           * of ~1e5 whose last bits differ) */
          g_assert_cmpfloat_with_epsilon (v * grad[i], numeric,
                                          1e-5 * MAX (fabs (numeric), 1) + 1e-11 * fabs (ll) / h);
        }
    }
}

/* Dropout without heterogeneity (every customer's rate 1/40): the likelihood rises towards
 * s, beta -> infinity, and the fit must end there and say so, not pass for a proper fit. */
static void
test_homogeneous_dropout_at_bound (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  const guint n = 20000;
  g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n);
  g_autoptr(GError) error = NULL;
  ClvParetoParams p;

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_pareto (rand, 0.9, 6.0, 1e7, 4e8, floor (730 * g_rand_double (rand)) / 7,
                            0, &c);
      /* whole days, a repeat purchase at least a day after the first */
      tr[i] = (ClvRfTriple) { c.x, ceil (c.t_x * 7) / 7, c.T, 1 };
    }
  clv_pareto_fit (tr, n, &p, &error);
  g_assert_no_error (error);
  g_test_message ("r=%g alpha=%g s=%g beta=%g quality %d", p.r, p.alpha, p.s, p.beta, p.quality);
  g_assert_cmpint (p.quality, ==, CLV_FIT_AT_BOUND);
  g_assert_cmpint (clv_pareto_fit_quality (&p, tr, n), ==, CLV_FIT_AT_BOUND);
  /* the mean dropout rate is still the one simulated */
  assert_rel (p.s / p.beta, 1.0 / 40, 0.1);
}

/* P(alive) of many triples from one quadrature pass equals the 2F1 form customer by customer,
 * near the optimum and far from it (large s, beta >> alpha, alpha >> beta), with t_x close to
 * T and t_x = T (no repeat purchase). */
static void
test_p_alive_triples (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  const guint n = 3000;
  g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n);
  g_autofree double *pa = g_new (double, n);
  const ClvParetoParams ps[] = {
    { 0.6, 8.0, 0.8, 10.0, 0 }, { 1.8, 14.4, 6860, 1.19e6, 0 }, { 0.3, 0.2, 2.0, 400, 0 },
    { 2.5, 300, 0.5, 0.3, 0 }, { 0.8, 5, 1, 5, 0 },
  };

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_pareto (rand, 0.9, 6.0, 0.8, 40.0, floor (730 * g_rand_double (rand)) / 7,
                            0, &c);
      tr[i] = (ClvRfTriple) { c.x, floor (c.t_x * 7) / 7, c.T, 1 };
      if (i % 97 == 0)
        tr[i].t_x = c.x > 0 ? tr[i].T - 1.0 / 7 : 0;   /* last purchase the day before the end */
    }
  for (guint k = 0; k < G_N_ELEMENTS (ps); k++)
    {
      double worst = 0;

      clv_pareto_probability_alive_triples (&ps[k], tr, n, pa);
      for (guint i = 0; i < n; i++)
        {
          double one = clv_pareto_probability_alive (&ps[k], tr[i].x, tr[i].t_x, tr[i].T);

          g_assert_true (pa[i] >= 0 && pa[i] <= 1);
          worst = MAX (worst, fabs (pa[i] - one));
          g_assert_cmpfloat_with_epsilon (pa[i], one, 1e-9);
        }
      g_test_message ("params %u: largest difference %g", k, worst);
    }
}

/* Large data (over 12,000 distinct triples) are fitted on a presample first and then on
 * everything from there: the same maximum as a fit on everything from the default start. */
static void
test_presample_same_fit (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);
  const guint n = 40000;
  g_autofree ClvRfTriple *tr = g_new (ClvRfTriple, n);
  g_autoptr(GError) error = NULL;
  ClvParetoParams fast, plain;
  ClvFitOptions fo;

  for (guint i = 0; i < n; i++)
    {
      CoreSimCustomer c;

      core_test_sim_pareto (rand, 0.9, 6.0, 0.8, 40.0, floor (730 * g_rand_double (rand)) / 7,
                            0, &c);
      tr[i] = (ClvRfTriple) { c.x, ceil (c.t_x * 7) / 7, c.T, 1 };
    }
  g_assert_true (clv_pareto_fit (tr, n, &fast, &error));
  g_assert_no_error (error);
  clv_fit_options_init (&fo);
  fo.no_presample = TRUE;
  g_assert_true (clv_pareto_fit_full (tr, n, &fo, &plain, &error));
  g_assert_no_error (error);
  g_test_message ("presampled r=%g alpha=%g s=%g beta=%g LL=%.6f; plain %g %g %g %g LL=%.6f",
                  fast.r, fast.alpha, fast.s, fast.beta, fast.log_likelihood, plain.r,
                  plain.alpha, plain.s, plain.beta, plain.log_likelihood);
  g_assert_cmpint (fast.quality, ==, CLV_FIT_PROPER);
  g_assert_cmpint (plain.quality, ==, CLV_FIT_PROPER);
  g_assert_cmpfloat_with_epsilon (fast.log_likelihood, plain.log_likelihood, 1e-3);
  assert_rel (fast.r, plain.r, 1e-3);
  assert_rel (fast.alpha, plain.alpha, 1e-3);
  assert_rel (fast.s, plain.s, 1e-3);
  assert_rel (fast.beta, plain.beta, 1e-3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/pareto/cdnow", test_cdnow);
  g_test_add_func ("/core/pareto/likelihood-branches", test_likelihood_branches);
  g_test_add_func ("/core/pareto/monte-carlo", test_monte_carlo);
  g_test_add_func ("/core/pareto/recovery", test_recovery);
  g_test_add_func ("/core/pareto/edges", test_edges);
  g_test_add_func ("/core/pareto/grouped-equals-direct", test_grouped_equals_direct);
  g_test_add_func ("/core/pareto/gradient", test_gradient);
  g_test_add_func ("/core/pareto/p-alive-triples", test_p_alive_triples);
  g_test_add_func ("/core/pareto/presample-same-fit", test_presample_same_fit);
  g_test_add_func ("/core/pareto/homogeneous-dropout-at-bound", test_homogeneous_dropout_at_bound);
  return g_test_run ();
}
