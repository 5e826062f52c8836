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

/* ln 2F1 (a, b; a + 1; z) against values computed with 40-digit arithmetic (mpmath's hyp2f1),
 * where the series stops (z > 0.99) and the quadrature path answers; and still increasing as
 * z -> 1. */
static const struct { double a, b, z, ref; } hyp2f1_refs[] = {
  { 0.6, 1.05, 0.5, 0.26037304118589651 },
  { 0.6, 1.05, 0.995, 1.445895678512933 },
  { 0.6, 1.05, 0.9999, 2.0299665708494619 },
  { 0.6, 1.05, 0.9999999, 2.7382140796215366 },
  { 0.6, 1.05, 0.9999999999, 3.2787294573824183 },
  { 0.6, 1.6, 0.5, 0.4158883083359672 },
  { 0.6, 1.6, 0.995, 3.1789904199288218 },
  { 0.6, 1.6, 0.9999, 5.5262042231857764 },
  { 0.6, 1.6, 0.9999999, 9.6708573908908066 },
  { 0.6, 1.6, 0.9999999999, 13.815510508320055 },
  { 0.6, 8.0, 0.5, 3.1733039531095714 },
  { 0.6, 8.0, 0.995, 34.63683375975044 },
  { 0.6, 8.0, 0.9999, 62.015753503510967 },
  { 0.6, 8.0, 0.9999999, 110.3699338942381 },
  { 0.6, 8.0, 0.9999999999, 158.72422015768599 },
  { 2.4, 1.05, 0.5, 0.48529893391517506 },
  { 2.4, 1.05, 0.995, 2.4511537555573719 },
  { 2.4, 1.05, 0.9999, 3.217352853005884 },
  { 2.4, 1.05, 0.9999999, 4.0313898424742761 },
  { 2.4, 1.05, 0.9999999999, 4.6118464255524755 },
  { 2.4, 1.6, 0.5, 0.75026815008721825 },
  { 2.4, 1.6, 0.995, 4.4577981069385746 },
  { 2.4, 1.6, 0.9999, 6.901103895862197 },
  { 2.4, 1.6, 0.9999999, 11.05696552735247 },
  { 2.4, 1.6, 0.9999999999, 15.201801911566982 },
  { 2.4, 8.0, 0.5, 4.2388520194773144 },
  { 2.4, 8.0, 0.995, 36.021619950973318 },
  { 2.4, 8.0, 0.9999, 63.4020178613805 },
  { 2.4, 8.0, 0.9999999, 111.75622822535799 },
  { 2.4, 8.0, 0.9999999999, 160.11051451877588 },
  { 30.0, 1.05, 0.5, 0.69540455664566275 },
  { 30.0, 1.05, 0.995, 4.1542976838775571 },
  { 30.0, 1.05, 0.9999, 5.3880941588674579 },
  { 30.0, 1.05, 0.9999999, 6.413925027242189 },
  { 30.0, 1.05, 0.9999999999, 7.0599751605860066 },
  { 30.0, 1.6, 0.5, 1.0600308039027787 },
  { 30.0, 1.6, 0.995, 6.5759423908781821 },
  { 30.0, 1.6, 0.9999, 9.3766657812030667 },
  { 30.0, 1.6, 0.9999999, 13.581827372512204 },
  { 30.0, 1.6, 0.9999999999, 17.727516723998259 },
  { 30.0, 8.0, 0.5, 5.3193293591337984 },
  { 30.0, 8.0, 0.995, 38.52461089625687 },
  { 30.0, 8.0, 0.9999, 65.927286613572154 },
  { 30.0, 8.0, 0.9999999, 114.28195640966635 },
  { 30.0, 8.0, 0.9999999999, 162.63624316262413 },
};

static void
test_hyp2f1_near_one (void)
{
  double prev = 0;

  for (guint i = 0; i < G_N_ELEMENTS (hyp2f1_refs); i++)
    {
      double v = clv_log_hyp2f1_a1 (hyp2f1_refs[i].a, hyp2f1_refs[i].b, hyp2f1_refs[i].z);

      g_assert_true (isfinite (v));
      g_assert_cmpfloat_with_epsilon (v, hyp2f1_refs[i].ref, 1e-8 * MAX (1, fabs (v)));
      if (i > 0 && hyp2f1_refs[i].a == hyp2f1_refs[i - 1].a && hyp2f1_refs[i].b == hyp2f1_refs[i - 1].b)
        g_assert_cmpfloat (v, >, prev);
      prev = v;
    }
}

/* E[(1 - (1 + p u)^(-n)) / p], p ~ Beta (a, B), against 40-digit tanh-sinh quadrature of the
 * Beta integral (mpmath, cross-checked with its 2F1 where c = a + B - 1 > 0): on the quadrature
 * path (z = u / (1 + u) > 0.97 or c < 0.5) as well as on the series path. */
static const struct { double n, a, B, u, ref; } beta_refs[] = {
  { 0.25, 0.4, 0.6, 60.0, 3.8711478132354609 },
  { 1.0, 0.8, 2.4, 3000.0, 33.445642812998128 },
  { 3.2, 1.7, 9.0, 60.0, 11.975453909156204 },
  { 40.0, 3.0, 150.0, 8.0, 67.915327537286011 },
  { 1.0, 0.4, 0.6, 1.5, 1.0397172647327196 },
  { 3.2, 0.8, 0.6, 0.3, 0.71166215451911073 },
  { 0.25, 3.0, 2.4, 3000.0, 1.8190567586340396 },
  { 40.0, 1.7, 150.0, 3000.0, 213.25952539952296 },
  { 1.3, 1.0, 2.5, 2.0, 1.6891315611195421 },
};

static void
test_beta_expect_reference (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (beta_refs); i++)
    {
      double g = clv_beta_mean_expect (beta_refs[i].n, beta_refs[i].a, beta_refs[i].B, beta_refs[i].u);

      g_assert_cmpfloat_with_epsilon (g, beta_refs[i].ref, 1e-7 * beta_refs[i].ref);
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
  g_test_add_func ("/core/special/beta-expect-reference", test_beta_expect_reference);
  g_test_add_func ("/core/special/beta-expect-a-one", test_beta_expect_a_one);
  return g_test_run ();
}
