/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gamma-Gamma: the CDNOW fit against Fader & Hardie (2013), gradient-free checks of the
 * likelihood, recovery from simulated spend, expected spend, edge cases.
 */
#include <math.h>

#include "clv-error.h"
#include "clv-gamma-gamma.h"
#include "clv-summary.h"
#include "core-test-data.h"

#define assert_rel(v, ref, tol) \
  g_assert_cmpfloat_with_epsilon ((v), (ref), (tol) * fabs (ref))

/* Fader & Hardie (2013): p = 6.25, q = 3.74, gamma = 15.44 on the 946 repeat customers
 * (dollars); LL -4055.92 (CLVTools). */
static void
test_cdnow (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = clv_summary_compute (sales, n, nc, core_test_julian (19970930),
                                                 core_test_julian (19970930), &error);
  g_autofree guint32 *x = g_new (guint32, nc);
  g_autofree double *m = g_new (double, nc);
  g_autofree double *cents = g_new (double, nc);
  ClvGammaGammaParams p, pc;
  guint used = 0;

  for (guint32 c = 0; c < nc; c++)
    {
      x[c] = s->customers[c].x;
      m[c] = s->customers[c].mean_repeat_spend / 100.0;
      cents[c] = s->customers[c].mean_repeat_spend;
      used += x[c] > 0 && m[c] > 0;
    }
  g_assert_cmpuint (used, ==, 946);
  g_assert_true (clv_gamma_gamma_fit (x, m, nc, &p, &error));
  g_assert_no_error (error);
  g_test_message ("GG p=%.6f q=%.6f gamma=%.6f LL=%.4f", p.p, p.q, p.gamma, p.log_likelihood);
  assert_rel (p.p, 6.25, 0.01);
  assert_rel (p.q, 3.74, 0.01);
  assert_rel (p.gamma, 15.44, 0.01);
  g_assert_cmpfloat_with_epsilon (p.log_likelihood, -4055.92, 0.01);
  g_assert_cmpfloat_with_epsilon (clv_gamma_gamma_log_likelihood (&p, x, m, nc),
                                  p.log_likelihood, 1e-6);
  /* in cents: same p, q; gamma x 100; LL shifted by -946 ln 100 */
  g_assert_true (clv_gamma_gamma_fit (x, cents, nc, &pc, &error));
  assert_rel (pc.p, p.p, 1e-5);
  assert_rel (pc.q, p.q, 1e-5);
  assert_rel (pc.gamma, 100 * p.gamma, 1e-5);
  g_assert_cmpfloat_with_epsilon (pc.log_likelihood, p.log_likelihood - 946 * log (100), 1e-4);
  /* population mean p gamma / (q - 1) for x = 0; sample id 1 (x = 2, zbar 22.345) */
  g_assert_cmpfloat_with_epsilon (clv_gamma_gamma_expected_spend (&p, 0, 0),
                                  p.p * p.gamma / (p.q - 1), 1e-9);
  g_assert_cmpfloat_with_epsilon (clv_gamma_gamma_expected_spend (&p, 2, 22.345),
                                  p.p * (p.gamma + 2 * 22.345) / (2 * p.p + p.q - 1), 1e-9);
}

static void
test_recovery (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const guint n = 20000;
  const double tp = 4.0, tq = 3.5, tg = 40.0;
  g_autofree guint32 *x = g_new (guint32, n);
  g_autofree double *m = g_new (double, n);
  g_autoptr(GError) error = NULL;
  ClvGammaGammaParams p, truth = { tp, tq, tg, 0 };

  for (guint i = 0; i < n; i++)
    {
      double nu = core_test_gamma (rand, tq, tg), sum = 0;

      x[i] = 1 + g_rand_int_range (rand, 0, 8);
      for (guint k = 0; k < x[i]; k++)
        sum += core_test_gamma (rand, tp, nu);
      m[i] = sum / x[i];
    }
  g_assert_true (clv_gamma_gamma_fit (x, m, n, &p, &error));
  g_test_message ("recovered p=%.4f q=%.4f gamma=%.4f", p.p, p.q, p.gamma);
  assert_rel (p.p, tp, 0.05);
  assert_rel (p.q, tq, 0.10);
  assert_rel (p.gamma, tg, 0.15);
  g_assert_cmpfloat (p.log_likelihood, >=, clv_gamma_gamma_log_likelihood (&truth, x, m, n));
}

static void
test_edges (void)
{
  const guint32 x1[] = { 0, 0, 3 };
  const double m1[] = { 0, 0, 10 };
  const guint32 x2[] = { 1, 2, 3, 4, 5, 1 };
  const double m2[] = { 10, 10, 10, 10, 10, 0 };   /* no spread; the zero is skipped */
  g_autoptr(GError) error = NULL;
  ClvGammaGammaParams p, flat = { 2, 0.8, 10, 0 };

  g_assert_false (clv_gamma_gamma_fit (x1, m1, 3, &p, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  if (clv_gamma_gamma_fit (x2, m2, 6, &p, &error))
    {
      double e = clv_gamma_gamma_expected_spend (&p, 3, 10);

      g_test_message ("flat spend: p=%g q=%g gamma=%g -> E=%g", p.p, p.q, p.gamma, e);
      g_assert_true (isfinite (p.p) && isfinite (p.q) && isfinite (p.gamma));
      g_assert_true (e == -1 || fabs (e - 10) < 1);
    }
  else
    g_clear_error (&error);
  /* q <= 1: the mean is not finite -> -1 (unknown) */
  g_assert_cmpfloat (clv_gamma_gamma_expected_spend (&flat, 2, 10), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/gamma-gamma/cdnow", test_cdnow);
  g_test_add_func ("/core/gamma-gamma/recovery", test_recovery);
  g_test_add_func ("/core/gamma-gamma/edges", test_edges);
  return g_test_run ();
}
