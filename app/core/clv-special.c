/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Special functions for the purchase models: log-sum-exp, the 2F1 (a, b; a + 1; z) of the
 * Pareto/NBD likelihood and the Beta-mixture expectation of the BG/NBD, by series where they
 * converge fast and by GSL's QAWS adaptive quadrature otherwise. Thread-safe; GSL's error
 * handler is switched off once (clv_gsl_init()) so that GSL reports errors by status.
 */
#include "config.h"

#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>

#include "clv-special.h"
#include "clv-special-private.h"

void
clv_gsl_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gsl_set_error_handler_off ();
      g_once_init_leave (&done, 1);
    }
}

double
clv_log_add_exp (double a, double b)
{
  double hi = MAX (a, b), lo = MIN (a, b);

  if (isinf (hi) && hi < 0)
    return hi;
  return hi + log1p (exp (lo - hi));
}

double
clv_log1m_exp (double x)
{
  /* Maechler (2012), "Accurately computing log(1 - exp(-|a|))": switch at -ln 2. */
  if (x >= 0)
    return -INFINITY;
  if (x > -M_LN2)
    return log (-expm1 (x));
  return log1p (-exp (x));
}

/* ---- 2F1 (a, b; a + 1; z) --------------------------------------------------------------- */

typedef struct
{
  double a, b, z, eps, shift;
} Hyp1Data;

/* ln of the integrand of int_0^1 y^(a-1) (1 - z y)^(-b) dy after y = e^-v, v = eps (e^s - 1),
 * eps = 1 - z: the peak of width eps at y = 1 becomes an O(1) bump in s, and the tail decays
 * double-exponentially, so adaptive Gauss-Kronrod on s in [0, inf) works for any a, b, z. */
static double
hyp1_log_integrand (double s, const Hyp1Data *d)
{
  double v = d->eps * expm1 (s), ev = v < 700 ? exp (-v) : 0;
  /* 1 - z e^-v = (1 - e^-v) + eps e^-v, both terms >= 0: no cancellation */
  double one_m = (v < 700 ? -expm1 (-v) : 1.0) + d->eps * ev;

  return -d->a * v - d->b * log (one_m) + log (d->eps) + s;
}

static double
hyp1_integrand (double s, void *data)
{
  const Hyp1Data *d = data;

  return exp (hyp1_log_integrand (s, d) - d->shift);
}

double
clv_log_hyp2f1_a1_quad (double a, double b, double z)
{
  Hyp1Data d = { a, b, z, 1 - z, -INFINITY };
  gsl_integration_workspace *ws;
  gsl_function f = { hyp1_integrand, &d };
  double result = 0, abserr = 0, s_max = 0, s_end = 0;

  if (!(z < 1) || !(a > 0) || !(b > 0))
    return NAN;
  clv_gsl_init ();
  /* Scale by the largest value on a coarse grid so the integrand is O(1), and stop where it has
   * fallen below e^-46 of that past its peak (the tail decays double-exponentially in s). */
  for (double s = 0; s <= 400; s += 0.5)
    {
      double lg = hyp1_log_integrand (s, &d);

      if (lg > d.shift)
        {
          d.shift = lg;
          s_max = s;
        }
      s_end = s;
      if (s > s_max + 1 && lg < d.shift - 46)
        break;
    }
  ws = gsl_integration_workspace_alloc (500);
  if (ws == NULL)
    return NAN;
  gsl_integration_qag (&f, 0, s_end, 0, 1e-11, 500, GSL_INTEG_GAUSS21, ws, &result, &abserr);
  gsl_integration_workspace_free (ws);
  if (!(result > 0) || !isfinite (result))
    return NAN;
  /* A&S 15.3.1: 2F1 (a, b; a + 1; z) = a int_0^1 y^(a - 1) (1 - z y)^(-b) dy */
  return log (a) + log (result) + d.shift;
}

double
clv_log_hyp2f1_a1 (double a, double b, double z)
{
  double c1 = a + 1 - b;

  if (z == 0)
    return 0;
  if (z > 0 && z < 1 && c1 > 0)
    {
      /* A&S 15.3.3 (Euler): 2F1 (a, b; a+1; z) = (1 - z)^(1-b) 2F1 (1, a+1-b; a+1; z);
       * the latter is sum_k (a+1-b)_k / (a+1)_k z^k, positive terms each <= z^k. */
      double sum = 1, term = 1;
      guint max_terms = z <= 0.99 ? 10000 : 0;

      for (guint k = 0; k < max_terms; k++)
        {
          term *= (c1 + k) / (a + 1 + k) * z;
          sum += term;
          if (term < 1e-16 * sum)
            return (1 - b) * log1p (-z) + log (sum);
        }
    }
  if (z < 1)
    {
      double q = clv_log_hyp2f1_a1_quad (a, b, z);

      if (isfinite (q))
        return q;
    }
  /* Not reached for valid arguments; keep the result finite anyway. */
  return z < 1 ? -b * log1p (-z) : 700;
}

/* ---- BG/NBD Beta-mixture expectation ---------------------------------------------------- */

typedef struct
{
  double n, u;
} BetaData;

static double
beta_integrand (double p, void *data)
{
  const BetaData *d = data;

  if (p <= 0)
    return d->n * d->u;
  /* (1 - (1 + p u)^(-n)) / p */
  return -expm1 (-d->n * log1p (p * d->u)) / p;
}

double
clv_beta_mean_expect_quad (double n, double a, double B, double u)
{
  BetaData d = { n, u };
  gsl_integration_qaws_table *table;
  gsl_integration_workspace *ws;
  gsl_function f = { beta_integrand, &d };
  double result = 0, abserr = 0, value;
  int status;

  if (!(u > 0))
    return 0;
  clv_gsl_init ();
  table = gsl_integration_qaws_table_alloc (a - 1, B - 1, 0, 0);
  ws = gsl_integration_workspace_alloc (2000);
  if (table == NULL || ws == NULL)
    status = GSL_ENOMEM;
  else
    status = gsl_integration_qaws (&f, 0, 1, table, 0, 1e-10, 2000, ws, &result, &abserr);
  if (table != NULL)
    gsl_integration_qaws_table_free (table);
  if (ws != NULL)
    gsl_integration_workspace_free (ws);
  value = result / exp (gsl_sf_lnbeta (a, B));
  if ((status != GSL_SUCCESS && status != GSL_EROUND) || !isfinite (value) || value < 0)
    {
      /* plug-in at the Beta mean: finite, rough; only for extreme parameters */
      d.u = u;
      return beta_integrand (a / (a + B), &d);
    }
  return value;
}

double
clv_beta_mean_expect (double n, double a, double B, double u)
{
  double c = a + B - 1, A = c - n, lw, z, y, e1, pw, s1, term, value;

  if (!(u > 0))
    return 0;
  lw = log1p (u);
  z = u / (1 + u);
  if (c >= 0.5 && z <= 0.97)
    {
      /* Pfaff on B then on n (A&S 15.3.4):
       * 1 - (1+u)^(-n) 2F1 (n, B; c; z) = 1 - (1+u)^(1-a) 2F1 (c - n, a - 1; c; z), and since
       * (a - 1)_k = (a - 1) (a)_(k-1), dividing by (a - 1) leaves no singularity at a = 1:
       * G = c [ (1 - (1+u)^(1-a)) / (a - 1) - (1+u)^(1-a) S1 ],
       * S1 = sum_{k>=1} (A)_k (a)_(k-1) / ((c)_k k!) z^k, A = c - n. */
      y = (1 - a) * lw;
      e1 = y != 0 ? lw * expm1 (y) / y : lw;
      pw = exp (y);
      term = A * z / c;
      s1 = term;
      for (guint k = 1; k < 5000; k++)
        {
          term *= (A + k) * (a + k - 1) / ((c + k) * (k + 1)) * z;
          s1 += term;
          if (!isfinite (s1))
            break;
          if (fabs (term) < 1e-17 * fabs (s1) || term == 0)
            {
              value = c * (e1 - pw * s1);
              /* accept unless cancellation ate more than ~8 digits */
              if (isfinite (value) && value > 1e-8 * c * fabs (e1))
                return value;
              break;
            }
        }
    }
  return clv_beta_mean_expect_quad (n, a, B, u);
}
