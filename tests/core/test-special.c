/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Special functions of the core: log-sum-exp, 2F1 (a, b; a + 1; z) near z = 1, and the BG/NBD
 * Beta-mixture expectation against GSL's 2F1, against quadrature, and at a = 1.
 */
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_hyperg.h>

#include "clv-special.h"

static void
test_log_add_exp (void)
{
  g_assert_cmpfloat_with_epsilon (clv_log_add_exp (0, 0), log (2), 1e-15);
  g_assert_cmpfloat_with_epsilon (clv_log_add_exp (1000, 1000), 1000 + log (2), 1e-12);
  g_assert_cmpfloat_with_epsilon (clv_log_add_exp (-INFINITY, 3), 3, 1e-15);
  g_assert_true (isinf (clv_log_add_exp (-INFINITY, -INFINITY)));
  g_assert_cmpfloat_with_epsilon (clv_log1m_exp (-1e-20), log (1e-20), 1e-9);
  g_assert_cmpfloat_with_epsilon (clv_log1m_exp (-50), -exp (-50), 1e-30);
  g_assert_cmpfloat_with_epsilon (clv_log1m_exp (-1), log (1 - exp (-1)), 1e-15);
}

/* Against GSL where its series is reliable (z <= 0.9). */
static void
test_hyp2f1_vs_gsl (void)
{
  const double as[] = { 0.3, 1.2, 5.5, 40.0 };
  const double bs[] = { 1.1, 1.6, 3.0, 12.0 };
  const double zs[] = { 0.0, 0.05, 0.3, 0.6, 0.9 };

  gsl_set_error_handler_off ();
  for (guint i = 0; i < G_N_ELEMENTS (as); i++)
    for (guint j = 0; j < G_N_ELEMENTS (bs); j++)
      for (guint k = 0; k < G_N_ELEMENTS (zs); k++)
        {
          gsl_sf_result res;
          double ours = clv_log_hyp2f1_a1 (as[i], bs[j], zs[k]);

          if (gsl_sf_hyperg_2F1_e (as[i], bs[j], as[i] + 1, zs[k], &res) != GSL_SUCCESS)
            continue;
          g_assert_cmpfloat_with_epsilon (ours, log (res.val), 1e-9 * MAX (1, fabs (ours)));
        }
}

/* Series and quadrature agree, and the value stays finite and increasing as z -> 1. */
static void
test_hyp2f1_near_one (void)
{
  const double zs[] = { 0.5, 0.9, 0.98, 0.995, 0.9999, 1 - 1e-7, 1 - 1e-10 };
  const double as[] = { 0.6, 2.4, 30.0 };
  const double bs[] = { 1.05, 1.6, 8.0 };

  for (guint i = 0; i < G_N_ELEMENTS (as); i++)
    for (guint j = 0; j < G_N_ELEMENTS (bs); j++)
      {
        double prev = 0;

        for (guint k = 0; k < G_N_ELEMENTS (zs); k++)
          {
            double v = clv_log_hyp2f1_a1 (as[i], bs[j], zs[k]);
            double q = clv_log_hyp2f1_a1_quad (as[i], bs[j], zs[k]);

            g_assert_true (isfinite (v));
            g_assert_true (v >= prev);
            prev = v;
            if (isfinite (q))
              g_assert_cmpfloat_with_epsilon (v, q, 1e-7 * MAX (1, fabs (v)));
          }
      }
}

/* G = (a + B - 1)/(a - 1) [1 - (1 + u)^(-n) 2F1 (n, B; a + B - 1; u / (1 + u))] (FHL 2005
 * eq. 10 without P(alive)), checked against GSL for moderate z and against quadrature up to
 * z -> 1. */
static void
test_beta_expect (void)
{
  const double ns[] = { 0.25, 1.0, 3.2, 40.0 };
  const double as[] = { 0.4, 0.8, 1.7, 3.0 };
  const double Bs[] = { 0.6, 2.4, 9.0, 150.0 };
  const double us[] = { 0.01, 0.3, 1.5, 8.0, 60.0, 3000.0 };

  gsl_set_error_handler_off ();
  for (guint i = 0; i < G_N_ELEMENTS (ns); i++)
    for (guint j = 0; j < G_N_ELEMENTS (as); j++)
      for (guint k = 0; k < G_N_ELEMENTS (Bs); k++)
        for (guint l = 0; l < G_N_ELEMENTS (us); l++)
          {
            double n = ns[i], a = as[j], B = Bs[k], u = us[l];
            double g = clv_beta_mean_expect (n, a, B, u);
            double q = clv_beta_mean_expect_quad (n, a, B, u);
            gsl_sf_result h;

            g_assert_true (isfinite (g) && g > 0);
            /* bounded by n u (no dropout) */
            g_assert_cmpfloat (g, <=, n * u * (1 + 1e-12));
            g_assert_cmpfloat_with_epsilon (g, q, 1e-6 * g);
            if (u / (1 + u) < 0.7
                && gsl_sf_hyperg_2F1_e (n, B, a + B - 1, u / (1 + u), &h) == GSL_SUCCESS)
              {
                double ref = (a + B - 1) / (a - 1) * (1 - pow (1 + u, -n) * h.val);

                g_assert_cmpfloat_with_epsilon (g, ref, 1e-6 * g);
              }
          }
}

/* No singularity at a = 1 (where the closed form is 0/0). */
static void
test_beta_expect_a_one (void)
{
  double lo = clv_beta_mean_expect (1.3, 1 - 1e-7, 2.5, 2.0);
  double mid = clv_beta_mean_expect (1.3, 1.0, 2.5, 2.0);
  double hi = clv_beta_mean_expect (1.3, 1 + 1e-7, 2.5, 2.0);

  g_assert_true (isfinite (mid));
  g_assert_cmpfloat_with_epsilon (lo, mid, 1e-6);
  g_assert_cmpfloat_with_epsilon (hi, mid, 1e-6);
  g_assert_cmpfloat (clv_beta_mean_expect (1, 1, 1, 0), ==, 0);
  /* extreme but finite */
  g_assert_true (isfinite (clv_beta_mean_expect (5000, 0.5, 5000, 1e6)));
  g_assert_true (isfinite (clv_beta_mean_expect (1e-4, 1e4, 1e-4, 1e-6)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/special/log-add-exp", test_log_add_exp);
  g_test_add_func ("/core/special/hyp2f1-vs-gsl", test_hyp2f1_vs_gsl);
  g_test_add_func ("/core/special/hyp2f1-near-one", test_hyp2f1_near_one);
  g_test_add_func ("/core/special/beta-expect", test_beta_expect);
  g_test_add_func ("/core/special/beta-expect-a-one", test_beta_expect_a_one);
  return g_test_run ();
}
