/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way",
 * Marketing Science 24(2)): likelihood, maximum-likelihood fit on weighted (x, t_x, T) triples,
 * probability alive, expected purchases. Times are in the caller's unit (the one the triples
 * were made in); parameters come out in that unit. Pure functions, thread-safe.
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
} ClvBgnbdParams;

/* Log-likelihood of one customer, FHL (2005) eq. 6. */
double   clv_bgnbd_log_likelihood_one  (const ClvBgnbdParams *p, guint32 x, double t_x, double T);
/* Weighted total; optional gradient d/d(r, alpha, a, b) into @grad (4 doubles) or NULL. */
double   clv_bgnbd_log_likelihood      (const ClvBgnbdParams *p, const ClvRfTriple *triples,
                                        gsize n_triples, double *grad);

/**
 * clv_bgnbd_fit:
 * @triples: distinct (x, t_x, T) with weights
 * @out: (out): fitted parameters and the log-likelihood
 *
 * Maximum likelihood on log-parameters with GSL's BFGS2 and the analytic gradient.
 * Returns: %FALSE with %CLV_ERROR_NOT_ENOUGH_DATA (no repeat purchase, < 2 customers),
 * %CLV_ERROR_NO_CONVERGENCE or %CLV_ERROR_CANCELLED.
 */
gboolean clv_bgnbd_fit                 (const ClvRfTriple *triples, gsize n_triples,
                                        ClvBgnbdParams *out, GError **error);
gboolean clv_bgnbd_fit_full            (const ClvRfTriple *triples, gsize n_triples,
                                        const ClvFitOptions *fo, ClvBgnbdParams *out,
                                        GError **error);

/* P(alive | x, t_x, T) (Fader, Hardie & Lee 2008 note, "Computing P(alive)"); 1 for x = 0. */
double   clv_bgnbd_probability_alive   (const ClvBgnbdParams *p, guint32 x, double t_x, double T);
/* E[X(t)] for a new customer, FHL (2005) eq. 7. */
double   clv_bgnbd_expected_purchases  (const ClvBgnbdParams *p, double t);
/* E[Y(t) | x, t_x, T]: purchases in (T, T + t], FHL (2005) eq. 10. */
double   clv_bgnbd_conditional_expected_purchases (const ClvBgnbdParams *p, guint32 x,
                                                   double t_x, double T, double t);
/* E[Y(t) | alive at T, x, T]: eq. 10 without the P(alive) factor (does not depend on t_x). */
double   clv_bgnbd_expected_purchases_if_alive (const ClvBgnbdParams *p, guint32 x, double T,
                                                double t);

G_END_DECLS
