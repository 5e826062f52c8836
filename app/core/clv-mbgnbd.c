/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008 erratum). The story is
 * BG/NBD's, except that the coin that decides dropout is tossed at the first purchase as well as
 * after each repeat purchase: a customer who bought once may already be gone, so P(alive) of a
 * one-time buyer falls with the time since that purchase instead of staying at 1. The likelihood
 * and its fit are shared with BG/NBD (clv-bgnbd.c, shift 1); the predictions are here.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_sf_gamma.h>

#include "clv-mbgnbd.h"
#include "clv-bgnbd-private.h"
#include "clv-special.h"
#include "clv-special-private.h"

/* ln L_i = A1 + A2 + ln (e^A3 + e^A4) with
 *   A1 = ln G(r + x) - ln G(r) + r ln alpha
 *   A2 = ln G(a + b) + ln G(b + x + 1) - ln G(b) - ln G(a + b + x + 1)
 *   A3 = -(r + x) ln (alpha + T)
 *   A4 = ln a - ln (b + x) - (r + x) ln (alpha + t_x)          (for every x, t_x = 0 at x = 0) */
double
clv_mbgnbd_log_likelihood_one (const ClvMbgnbdParams *p, guint32 x, double t_x, double T)
{
  double r = p->r, alpha = p->alpha, a = p->a, b = p->b;
  double a1, a2, a3, a4;

  clv_gsl_init ();
  a1 = gsl_sf_lngamma (r + x) - gsl_sf_lngamma (r) + r * log (alpha);
  a2 = gsl_sf_lngamma (a + b) + gsl_sf_lngamma (b + x + 1) - gsl_sf_lngamma (b)
       - gsl_sf_lngamma (a + b + x + 1);
  a3 = -(r + x) * log (alpha + T);
  a4 = log (a) - log (b + x) - (r + x) * log (alpha + t_x);
  return a1 + a2 + clv_log_add_exp (a3, a4);
}

double
clv_mbgnbd_log_likelihood (const ClvMbgnbdParams *p, const ClvRfTriple *triples,
                           gsize n_triples, double *grad)
{
  return clv_bg_family_log_likelihood (1, (double[]) { p->r, p->alpha, p->a, p->b }, triples,
                                       n_triples, grad);
}

gboolean
clv_mbgnbd_fit_full (const ClvRfTriple *triples, gsize n_triples, const ClvFitOptions *fo,
                     ClvMbgnbdParams *out, GError **error)
{
  ClvBgnbdParams p = { 0 };

  g_return_val_if_fail (out != NULL, FALSE);
  if (!clv_bg_family_fit (1, triples, n_triples, fo, &p, error))
    return FALSE;
  out->r = p.r;
  out->alpha = p.alpha;
  out->a = p.a;
  out->b = p.b;
  out->log_likelihood = p.log_likelihood;
  out->quality = p.quality;
  memcpy (out->log_cov, p.log_cov, sizeof out->log_cov);
  return TRUE;
}

gboolean
clv_mbgnbd_fit (const ClvRfTriple *triples, gsize n_triples, ClvMbgnbdParams *out,
                GError **error)
{
  return clv_mbgnbd_fit_full (triples, n_triples, NULL, out, error);
}

/* Batislam et al. (2007) appendix A eq. 5. */
double
clv_mbgnbd_probability_alive (const ClvMbgnbdParams *p, guint32 x, double t_x, double T)
{
  double e = log (p->a) - log (p->b + x)
             + (p->r + x) * (log (p->alpha + T) - log (p->alpha + t_x));

  if (e > 700)
    return 0.0;
  return 1.0 / (1.0 + exp (e));
}

/* E[X(t)] = b / (a - 1) [1 - (alpha / (alpha + t))^r 2F1 (r, b + 1; a + b; t / (alpha + t))]:
 * the chance b / (a + b) of surviving the first toss times the BG/NBD-type expectation of a
 * customer alive with dropout Beta (a, b + 1). */
double
clv_mbgnbd_expected_purchases (const ClvMbgnbdParams *p, double t)
{
  if (!(t > 0))
    return 0;
  return p->b / (p->a + p->b) * clv_beta_mean_expect (p->r, p->a, p->b + 1, t / p->alpha);
}

/* Given alive at T after x repeat purchases, the customer survived x + 1 tosses: dropout
 * Beta (a, b + x + 1) and rate Gamma (r + x, alpha + T), i.e. (a + b + x) / (a - 1) [1 -
 * ((alpha + T) / (alpha + T + t))^(r + x) 2F1 (r + x, b + x + 1; a + b + x; t / (alpha + T + t))]
 * (Wagner & Hoppe 2008). */
double
clv_mbgnbd_expected_purchases_if_alive (const ClvMbgnbdParams *p, guint32 x, double T, double t)
{
  if (!(t > 0))
    return 0;
  return clv_beta_mean_expect (p->r + x, p->a, p->b + x + 1, t / (p->alpha + T));
}

double
clv_mbgnbd_conditional_expected_purchases (const ClvMbgnbdParams *p, guint32 x, double t_x,
                                           double T, double t)
{
  return clv_mbgnbd_probability_alive (p, x, t_x, T)
         * clv_mbgnbd_expected_purchases_if_alive (p, x, T, t);
}
