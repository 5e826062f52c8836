/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an alternative to
 * the Pareto/NBD model", Marketing Science 24(2), 275-284): likelihood with its analytic
 * gradient, maximum-likelihood fit on weighted distinct triples, P(alive), expectations.
 * Times in the caller's unit. Pure functions; the fit allocates scratch it frees.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "clv-bgnbd.h"
#include "clv-bgnbd-private.h"
#include "clv-error.h"
#include "clv-fit-private.h"
#include "clv-special.h"
#include "clv-special-private.h"

/* ln L_i = A1 + A2 + ln (e^A3 + delta_{x>0} e^A4), FHL (2005) eq. 6 in the log form of
 * Fader, Hardie & Lee (2005) "Implementing the BG/NBD model" note:
 *   A1 = ln G(r + x) - ln G(r) + r ln alpha
 *   A2 = ln G(a + b) + ln G(b + x) - ln G(b) - ln G(a + b + x)
 *   A3 = -(r + x) ln (alpha + T)
 *   A4 = ln a - ln (b + x - 1) - (r + x) ln (alpha + t_x)                                  */
double
clv_bgnbd_log_likelihood_one (const ClvBgnbdParams *p, guint32 x, double t_x, double T)
{
  double r = p->r, alpha = p->alpha, a = p->a, b = p->b;
  double a1, a2, a3, a4;

  clv_gsl_init ();
  a1 = gsl_sf_lngamma (r + x) - gsl_sf_lngamma (r) + r * log (alpha);
  a2 = gsl_sf_lngamma (a + b) + gsl_sf_lngamma (b + x) - gsl_sf_lngamma (b)
       - gsl_sf_lngamma (a + b + x);
  a3 = -(r + x) * log (alpha + T);
  if (x == 0)
    return a1 + a2 + a3;
  a4 = log (a) - log (b + x - 1) - (r + x) * log (alpha + t_x);
  return a1 + a2 + clv_log_add_exp (a3, a4);
}

typedef struct
{
  ClvTripleIndex ix;
  /* 0: BG/NBD; 1: MBG/NBD, where dropout is possible right after the first purchase too: the
   * Beta terms shift by one purchase and the dropout term applies for x = 0 as well. */
  int shift;
  /* scratch, per distinct x / T / t_x */
  double *ax, *lnab, *db_x, *rx;
  double *LT, *iT, *Ltx, *itx;
} BgData;

/* Total log-likelihood and gradient d/d(r, alpha, a, b). With shift = 1 this is the MBG/NBD
 * likelihood (Batislam, Denizel & Filiztekin 2007): ln G(b + x + 1) - ln G(a + b + x + 1) in A2
 * and A4 = ln a - ln (b + x) - (r + x) ln (alpha + t_x) for every x, including x = 0. */
static double
bg_ll (BgData *d, const double *prm, double *grad)
{
  const ClvTripleIndex *ix = &d->ix;
  int s = d->shift;
  double r = prm[0], alpha = prm[1], a = prm[2], b = prm[3];
  double lg_r = gsl_sf_lngamma (r), lg_b = gsl_sf_lngamma (b), lg_ab = gsl_sf_lngamma (a + b);
  double ps_r = 0, ps_b = 0, ps_ab = 0, ln_alpha = log (alpha), ln_a = log (a);
  double ll = 0, g_r = 0, g_alpha = 0, g_a = 0, g_b = 0;

  if (grad != NULL)
    {
      ps_r = gsl_sf_psi (r);
      ps_b = gsl_sf_psi (b);
      ps_ab = gsl_sf_psi (a + b);
    }
  for (guint k = 0; k < ix->nx; k++)
    {
      double x = ix->xs[k];

      d->rx[k] = r + x;
      d->ax[k] = gsl_sf_lngamma (r + x) - lg_r + r * ln_alpha
                 + lg_ab + gsl_sf_lngamma (b + x + s) - lg_b - gsl_sf_lngamma (a + b + x + s);
      d->lnab[k] = x > 0 || s ? ln_a - log (b + x - 1 + s) : 0;
      ll += ix->wx[k] * d->ax[k];
      if (grad != NULL)
        {
          double ps_abx = gsl_sf_psi (a + b + x + s);

          g_r += ix->wx[k] * (gsl_sf_psi (r + x) - ps_r + ln_alpha);
          g_alpha += ix->wx[k] * r / alpha;
          g_a += ix->wx[k] * (ps_ab - ps_abx);
          g_b += ix->wx[k] * (ps_ab + gsl_sf_psi (b + x + s) - ps_b - ps_abx);
          d->db_x[k] = x > 0 || s ? 1.0 / (b + x - 1 + s) : 0;
        }
    }
  for (guint k = 0; k < ix->nT; k++)
    {
      d->LT[k] = log (alpha + ix->Ts[k]);
      d->iT[k] = 1.0 / (alpha + ix->Ts[k]);
    }
  for (guint k = 0; k < ix->ntx; k++)
    {
      d->Ltx[k] = log (alpha + ix->txs[k]);
      d->itx[k] = 1.0 / (alpha + ix->txs[k]);
    }
  for (gsize i = 0; i < ix->n; i++)
    {
      guint k = ix->xi[i], ti = ix->Ti[i];
      double w = ix->tr[i].weight, rx = d->rx[k];
      double a3 = -rx * d->LT[ti];

      if (ix->tr[i].x == 0 && !s)
        {
          ll += w * a3;
          if (grad != NULL)
            {
              g_r -= w * d->LT[ti];
              g_alpha -= w * rx * d->iT[ti];
            }
        }
      else
        {
          guint tj = ix->txi[i];
          double a4 = d->lnab[k] - rx * d->Ltx[tj];
          double diff = a4 - a3, w4, lse;

          /* ln (e^a3 + e^a4) and the share w4 = e^a4 / (e^a3 + e^a4) */
          if (diff > 0)
            {
              double e = exp (-diff);

              lse = a4 + log1p (e);
              w4 = 1 / (1 + e);
            }
          else
            {
              double e = exp (diff);

              lse = a3 + log1p (e);
              w4 = e / (1 + e);
            }
          ll += w * lse;
          if (grad != NULL)
            {
              double w3 = 1 - w4;

              g_r -= w * (w3 * d->LT[ti] + w4 * d->Ltx[tj]);
              g_alpha -= w * rx * (w3 * d->iT[ti] + w4 * d->itx[tj]);
              g_a += w * w4 / a;
              g_b -= w * w4 * d->db_x[k];
            }
        }
    }
  if (grad != NULL)
    {
      grad[0] = g_r;
      grad[1] = g_alpha;
      grad[2] = g_a;
      grad[3] = g_b;
    }
  return ll;
}

static void
bg_data_init (BgData *d, const ClvRfTriple *triples, gsize n, int shift)
{
  clv_triple_index_init (&d->ix, triples, n);
  d->shift = shift;
  d->ax = g_new (double, d->ix.nx);
  d->lnab = g_new (double, d->ix.nx);
  d->rx = g_new (double, d->ix.nx);
  d->db_x = g_new0 (double, d->ix.nx);
  d->LT = g_new (double, d->ix.nT);
  d->iT = g_new (double, d->ix.nT);
  d->Ltx = g_new (double, d->ix.ntx);
  d->itx = g_new (double, d->ix.ntx);
}

static void
bg_data_clear (BgData *d)
{
  clv_triple_index_clear (&d->ix);
  g_free (d->ax);
  g_free (d->lnab);
  g_free (d->rx);
  g_free (d->db_x);
  g_free (d->LT);
  g_free (d->iT);
  g_free (d->Ltx);
  g_free (d->itx);
}

double
clv_bg_family_log_likelihood (int shift, const double *prm, const ClvRfTriple *triples,
                              gsize n_triples, double *grad)
{
  BgData d;
  double ll;

  clv_gsl_init ();
  bg_data_init (&d, triples, n_triples, shift);
  ll = bg_ll (&d, prm, grad);
  bg_data_clear (&d);
  return ll;
}

double
clv_bgnbd_log_likelihood (const ClvBgnbdParams *p, const ClvRfTriple *triples, gsize n_triples,
                          double *grad)
{
  return clv_bg_family_log_likelihood (0, (double[]) { p->r, p->alpha, p->a, p->b }, triples,
                                       n_triples, grad);
}

/* Minimised: -LL / total weight at theta = ln (r, alpha, a, b); d/dtheta = param x d/dparam. */
static double
bg_objective (const double *theta, double *grad, gpointer data)
{
  BgData *d = data;
  double prm[4], g[4], ll;

  for (int i = 0; i < 4; i++)
    prm[i] = exp (theta[i]);
  ll = bg_ll (d, prm, grad != NULL ? g : NULL);
  if (grad != NULL)
    for (int i = 0; i < 4; i++)
      grad[i] = -g[i] * prm[i] / d->ix.wsum;
  return -ll / d->ix.wsum;
}

static gboolean
check_triples (const ClvRfTriple *triples, gsize n, GError **error)
{
  double w = 0, wx = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (!(triples[i].T >= triples[i].t_x) || !(triples[i].t_x >= 0) || !isfinite (triples[i].T)
          || (triples[i].x > 0 && !(triples[i].t_x > 0)))
        {
          g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                       _("Invalid purchase summary: x = %u, t_x = %g, T = %g."),
                       triples[i].x, triples[i].t_x, triples[i].T);
          return FALSE;
        }
      w += triples[i].weight;
      wx += (double) triples[i].weight * triples[i].x;
    }
  if (w < 2 || wx <= 0)
    {
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA,
                           _("Not enough data: a purchase model needs customers who bought "
                             "more than once."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
bg_sample_fit (const ClvRfTriple *triples, gsize n, const ClvFitOptions *fo, double *prm,
               gpointer data, GError **error)
{
  ClvBgnbdParams sp;

  if (!clv_bg_family_fit (GPOINTER_TO_INT (data), triples, n, fo, &sp, error))
    return FALSE;
  memcpy (prm, (double[]) { sp.r, sp.alpha, sp.a, sp.b }, 4 * sizeof (double));
  return TRUE;
}

gboolean
clv_bg_family_fit (int shift, const ClvRfTriple *triples, gsize n_triples,
                   const ClvFitOptions *fo, ClvBgnbdParams *out, GError **error)
{
  BgData d;
  double theta[4], f_min = 0, rate;
  gboolean ok;
  ClvFitOptions polish;
  double start_buf[4];

  g_return_val_if_fail (out != NULL, FALSE);
  if (!check_triples (triples, n_triples, error))
    return FALSE;
  clv_gsl_init ();
  bg_data_init (&d, triples, n_triples, shift);
  if (fo != NULL && fo->start != NULL)
    for (int i = 0; i < 4; i++)
      theta[i] = log (fo->start[i]);
  else
    {
      /* Start at r = 1, a = 1, b = 1 (as BTYD does) with alpha = r / (repeat rate), so the
       * time unit does not matter. */
      rate = d.ix.wx_sum / MAX (d.ix.wT_sum, 1e-9);
      theta[0] = 0;
      theta[1] = log (CLAMP (1.0 / rate, 1e-4, 1e5));
      theta[2] = 0;
      theta[3] = 0;
    }
  /* Large data: start from a fit on a systematic presample, then polish on everything. */
  if (clv_fit_start_from_sample (triples, n_triples, fo, bg_sample_fit, GINT_TO_POINTER (shift),
                                 start_buf, &polish, error))
    {
      for (int i = 0; i < 4; i++)
        theta[i] = log (start_buf[i]);
      fo = &polish;
    }
  else if (error != NULL && *error != NULL)
    {
      bg_data_clear (&d);
      return FALSE;
    }
  ok = fo != NULL && fo->start != NULL
       ? clv_minimize_near (bg_objective, &d, 4, fo, theta, &f_min, error)
       : clv_minimize (bg_objective, &d, 4, TRUE, fo, theta, &f_min, error);
  if (ok)
    {
      out->r = exp (theta[0]);
      out->alpha = exp (theta[1]);
      out->a = exp (theta[2]);
      out->b = exp (theta[3]);
      out->log_likelihood = bg_ll (&d, (double[]) { out->r, out->alpha, out->a, out->b }, NULL);
      if (!isfinite (out->log_likelihood))
        {
          g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                               _("The model fit did not converge."));
          ok = FALSE;
        }
      else if (fo == NULL || !fo->no_quality)
        out->quality = clv_fit_quality_cov (bg_objective, &d, 4, TRUE, theta, d.ix.wsum,
                                            out->log_cov);
      else
        {
          out->quality = CLV_FIT_PROPER;
          memset (out->log_cov, 0, sizeof out->log_cov);   /* unknown: not computed */
        }
    }
  bg_data_clear (&d);
  return ok;
}

gboolean
clv_bgnbd_fit_full (const ClvRfTriple *triples, gsize n_triples, const ClvFitOptions *fo,
                    ClvBgnbdParams *out, GError **error)
{
  return clv_bg_family_fit (0, triples, n_triples, fo, out, error);
}

gboolean
clv_bgnbd_fit (const ClvRfTriple *triples, gsize n_triples, ClvBgnbdParams *out, GError **error)
{
  return clv_bgnbd_fit_full (triples, n_triples, NULL, out, error);
}

/* Fader, Hardie & Lee (2008 note), "Computing P(alive) using the BG/NBD model":
 * P(alive) = 1 / (1 + delta_{x>0} a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)). */
double
clv_bgnbd_probability_alive (const ClvBgnbdParams *p, guint32 x, double t_x, double T)
{
  double e;

  if (x == 0)
    return 1.0;
  e = log (p->a) - log (p->b + x - 1) + (p->r + x) * (log (p->alpha + T) - log (p->alpha + t_x));
  if (e > 700)
    return 0.0;
  return 1.0 / (1.0 + exp (e));
}

/* FHL (2005) eq. 7: E[X(t)] = (a + b - 1)/(a - 1) [1 - (alpha / (alpha + t))^r
 * 2F1 (r, b; a + b - 1; t / (alpha + t))], i.e. the Beta-mixture expectation with n = r,
 * B = b, u = t / alpha. */
double
clv_bgnbd_expected_purchases (const ClvBgnbdParams *p, double t)
{
  if (!(t > 0))
    return 0;
  return clv_beta_mean_expect (p->r, p->a, p->b, t / p->alpha);
}

/* FHL (2005) eq. 10 numerator / P(alive) part: (a + b + x - 1)/(a - 1) [1 - ((alpha + T) /
 * (alpha + T + t))^(r + x) 2F1 (r + x, b + x; a + b + x - 1; t / (alpha + T + t))]. */
double
clv_bgnbd_expected_purchases_if_alive (const ClvBgnbdParams *p, guint32 x, double T, double t)
{
  if (!(t > 0))
    return 0;
  return clv_beta_mean_expect (p->r + x, p->a, p->b + x, t / (p->alpha + T));
}

/* FHL (2005) eq. 10 = P(alive) (the 2008 note) x the expectation given alive. */
double
clv_bgnbd_conditional_expected_purchases (const ClvBgnbdParams *p, guint32 x, double t_x,
                                          double T, double t)
{
  return clv_bgnbd_probability_alive (p, x, t_x, T)
         * clv_bgnbd_expected_purchases_if_alive (p, x, T, t);
}
