/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value",
 * note 025; Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for customer base
 * analysis", JMR 42(4), appendix): likelihood with analytic gradient, maximum-likelihood fit
 * (BFGS2 on log-parameters, on spend rescaled to mean 1 and scaled back), conditional expected
 * spend. Pure functions; the fit allocates scratch it frees.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "clv-gamma-gamma.h"
#include "clv-error.h"
#include "clv-fit-private.h"
#include "clv-special-private.h"
#include "clv-sort.h"

/* Fader & Hardie (2013, note 025), marginal density of the mean spend: with z = mean spend over
 * x purchases, z | nu ~ Gamma (p x, nu x) and nu ~ Gamma (q, gamma):
 *   f(z | x) = G(p x + q) / (G(p x) G(q)) gamma^q x^(p x) z^(p x - 1) / (gamma + x z)^(p x + q) */
double
clv_gamma_gamma_log_likelihood_one (const ClvGammaGammaParams *p, guint32 x, double z)
{
  double px = p->p * x;

  clv_gsl_init ();
  return gsl_sf_lngamma (px + p->q) - gsl_sf_lngamma (px) - gsl_sf_lngamma (p->q)
         + p->q * log (p->gamma) + px * log ((double) x) + (px - 1) * log (z)
         - (px + p->q) * log (p->gamma + x * z);
}

typedef struct
{
  gsize n;                /* customers used */
  double *x, *z;          /* x and rescaled mean spend */
  guint nx;
  double *xs, *nxs;       /* distinct x and how many customers have it */
  double sum_x_ln_x, sum_x_ln_z, sum_ln_z;
} GgData;

static double
gg_ll (const GgData *d, double p, double q, double g, double *grad)
{
  double ll, g_p = 0, g_q = 0, g_g = 0, n = d->n, ln_g = log (g);

  /* Sum over customers of the log of the marginal density, with the terms that depend on x
   * only grouped per distinct x and the data-only sums precomputed. */
  ll = -n * gsl_sf_lngamma (q) + n * q * ln_g + p * d->sum_x_ln_x + p * d->sum_x_ln_z
       - d->sum_ln_z;
  for (guint k = 0; k < d->nx; k++)
    {
      double px = p * d->xs[k];

      ll += d->nxs[k] * (gsl_sf_lngamma (px + q) - gsl_sf_lngamma (px));
      if (grad != NULL)
        {
          double psq = gsl_sf_psi (px + q);

          g_p += d->nxs[k] * d->xs[k] * (psq - gsl_sf_psi (px));
          g_q += d->nxs[k] * psq;
        }
    }
  for (gsize i = 0; i < d->n; i++)
    {
      double den = g + d->x[i] * d->z[i], lden = log (den), pxq = p * d->x[i] + q;

      ll -= pxq * lden;
      if (grad != NULL)
        {
          g_p -= d->x[i] * lden;
          g_q -= lden;
          g_g -= pxq / den;
        }
    }
  if (grad != NULL)
    {
      grad[0] = g_p + d->sum_x_ln_x + d->sum_x_ln_z;
      grad[1] = g_q - n * gsl_sf_psi (q) + n * ln_g;
      grad[2] = g_g + n * q / g;
    }
  return ll;
}

double
clv_gamma_gamma_log_likelihood (const ClvGammaGammaParams *p, const guint32 *x,
                                const double *mean_spend, gsize n)
{
  double ll = 0;

  for (gsize i = 0; i < n; i++)
    if (x[i] > 0 && mean_spend[i] > 0)
      ll += clv_gamma_gamma_log_likelihood_one (p, x[i], mean_spend[i]);
  return ll;
}

static double
gg_objective (const double *theta, double *grad, gpointer data)
{
  GgData *d = data;
  double p = exp (theta[0]), q = exp (theta[1]), g = exp (theta[2]), gr[3], ll;

  ll = gg_ll (d, p, q, g, grad != NULL ? gr : NULL);
  if (grad != NULL)
    {
      grad[0] = -gr[0] * p / d->n;
      grad[1] = -gr[1] * q / d->n;
      grad[2] = -gr[2] * g / d->n;
    }
  return -ll / d->n;
}

gboolean
clv_gamma_gamma_fit_full (const guint32 *x, const double *mean_spend, gsize n,
                          const ClvFitOptions *fo, ClvGammaGammaParams *out, GError **error)
{
  GgData d = { 0 };
  double scale = 0, theta[3], f_min, sum_sq = 0, mean;
  gboolean ok;

  g_return_val_if_fail (out != NULL, FALSE);
  d.x = g_new (double, MAX (n, 1));
  d.z = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    if (x[i] > 0 && mean_spend[i] > 0 && isfinite (mean_spend[i]))
      {
        d.x[d.n] = x[i];
        d.z[d.n] = mean_spend[i];
        scale += mean_spend[i];
        d.n++;
      }
  if (d.n < 2)
    {
      g_free (d.x);
      g_free (d.z);
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA,
                           _("Not enough data: the spend model needs at least two customers "
                             "with a repeat purchase."));
      return FALSE;
    }
  clv_gsl_init ();
  /* Rescale spend to mean 1: the MLE is scale-equivariant (gamma scales, p and q do not) and
   * the log-likelihood shifts by -n ln (scale). */
  scale /= d.n;
  {
    g_autofree double *xs = g_new (double, d.n);

    for (gsize i = 0; i < d.n; i++)
      {
        d.z[i] /= scale;
        xs[i] = d.x[i];
        d.sum_x_ln_x += d.x[i] * log (d.x[i]);
        d.sum_x_ln_z += d.x[i] * log (d.z[i]);
        d.sum_ln_z += log (d.z[i]);
        sum_sq += (d.z[i] - 1) * (d.z[i] - 1);
      }
    clv_sort_doubles (xs, d.n);
    d.xs = g_new (double, d.n);
    d.nxs = g_new0 (double, d.n);
    for (gsize i = 0; i < d.n; i++)
      {
        if (d.nx == 0 || xs[i] != d.xs[d.nx - 1])
          d.xs[d.nx++] = xs[i];
        d.nxs[d.nx - 1] += 1;
      }
  }
  if (fo != NULL && fo->start != NULL)
    {
      theta[0] = log (fo->start[0]);
      theta[1] = log (fo->start[1]);
      theta[2] = log (fo->start[2] / scale);
    }
  else
    {
      /* Moments on the rescaled spend (mean 1): spread between customers says how much nu
       * varies; start at p = 2, q from the spread, gamma matching the mean p gamma/(q-1) = 1. */
      double var = sum_sq / d.n, q0 = CLAMP (2.0 + 1.0 / MAX (var, 1e-3), 2.5, 50.0);

      mean = 1.0;
      theta[0] = log (2.0);
      theta[1] = log (q0);
      theta[2] = log (mean * (q0 - 1) / 2.0);
    }
  ok = clv_minimize (gg_objective, &d, 3, TRUE, fo, theta, &f_min, error);
  if (ok)
    {
      out->p = exp (theta[0]);
      out->q = exp (theta[1]);
      out->gamma = exp (theta[2]) * scale;
      out->log_likelihood = gg_ll (&d, out->p, out->q, exp (theta[2]), NULL) - d.n * log (scale);
      if (!isfinite (out->log_likelihood))
        {
          g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                               _("The spend model fit did not converge."));
          ok = FALSE;
        }
      /* ln gamma is fitted on rescaled spend: a shift in log space, so its covariance holds */
      else if (clv_fit_quality_cov (gg_objective, &d, 3, TRUE, theta, d.n, out->log_cov)
               != CLV_FIT_PROPER)
        memset (out->log_cov, 0, sizeof out->log_cov);
    }
  g_free (d.x);
  g_free (d.z);
  g_free (d.xs);
  g_free (d.nxs);
  return ok;
}

gboolean
clv_gamma_gamma_fit (const guint32 *x, const double *mean_spend, gsize n,
                     ClvGammaGammaParams *out, GError **error)
{
  return clv_gamma_gamma_fit_full (x, mean_spend, n, NULL, out, error);
}

/* Fader & Hardie (2013, note 025), the conditional expectation of spend per purchase:
 * E[Z | p, q, gamma, x, z] = p (gamma + x z) / (p x + q - 1), a weighted mean of the population
 * mean p gamma / (q - 1) and the customer's own mean z. */
double
clv_gamma_gamma_expected_spend (const ClvGammaGammaParams *p, guint32 x, double mean_spend)
{
  double v;

  if (!(p->q > 1))
    return -1;
  if (x == 0)
    v = p->p * p->gamma / (p->q - 1);
  else
    v = p->p * (p->gamma + x * MAX (mean_spend, 0)) / (p->p * x + p->q - 1);
  return isfinite (v) ? v : -1;
}
