/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBG/NBD purchase model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and
 * comparison of models for customer base analysis", IJRM 24(3); with Wagner & Hoppe 2008,
 * "Erratum on the MBG/NBD model"): BG/NBD in which a customer may also drop out right after the
 * first purchase, so no one is certainly still buying. Likelihood, maximum-likelihood fit on
 * weighted (x, t_x, T) triples, probability alive, expected purchases. Times in the caller's
 * unit. Pure functions, thread-safe.
 */
#pragma once

#include "clv-types.h"
#include "clv-fit.h"

G_BEGIN_DECLS

typedef struct
{
  double r, alpha, a, b;
  double log_likelihood;      /* total over the weighted triples */
  ClvFitQuality quality;      /* set by the fit */
  double log_cov[16];         /* covariance of the log-parameters ln (r, alpha, a, b) from the observed
                               * information, row-major; all 0 when unknown (set by a fit
                               * whose quality was checked and is proper) */
} ClvMbgnbdParams;

/* Log-likelihood of one customer. */
double   clv_mbgnbd_log_likelihood_one (const ClvMbgnbdParams *p, guint32 x, double t_x, double T);
/* Weighted total; optional gradient d/d(r, alpha, a, b) into @grad (4 doubles) or NULL. */
double   clv_mbgnbd_log_likelihood     (const ClvMbgnbdParams *p, const ClvRfTriple *triples,
                                        gsize n_triples, double *grad);

/* Maximum likelihood with the analytic gradient, as clv_bgnbd_fit() (same errors). */
gboolean clv_mbgnbd_fit                (const ClvRfTriple *triples, gsize n_triples,
                                        ClvMbgnbdParams *out, GError **error);
gboolean clv_mbgnbd_fit_full           (const ClvRfTriple *triples, gsize n_triples,
                                        const ClvFitOptions *fo, ClvMbgnbdParams *out,
                                        GError **error);

/* P(alive | x, t_x, T) = 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x)); below 1
 * for one-time buyers too. */
double   clv_mbgnbd_probability_alive  (const ClvMbgnbdParams *p, guint32 x, double t_x, double T);
/* E[X(t)] for a new customer. */
double   clv_mbgnbd_expected_purchases (const ClvMbgnbdParams *p, double t);
/* E[Y(t) | x, t_x, T]: purchases in (T, T + t]. */
double   clv_mbgnbd_conditional_expected_purchases (const ClvMbgnbdParams *p, guint32 x,
                                                    double t_x, double T, double t);
/* E[Y(t) | alive at T, x, T]: the above without the P(alive) factor. */
double   clv_mbgnbd_expected_purchases_if_alive (const ClvMbgnbdParams *p, guint32 x, double T,
                                                 double t);

G_END_DECLS
