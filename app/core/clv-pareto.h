/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987), likelihood in the form of
 * Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions":
 * fit on weighted (x, t_x, T) triples, probability alive, expected purchases. Times in the
 * caller's unit. Pure functions, thread-safe.
 */
#pragma once

#include "clv-types.h"
#include "clv-fit.h"

G_BEGIN_DECLS

typedef struct
{
  double r, alpha, s, beta;
  double log_likelihood;
  ClvFitQuality quality;      /* set by the fit */
  double log_cov[16];         /* covariance of the log-parameters ln (r, alpha, s, beta) from the observed
                               * information, row-major; all 0 when unknown (set by a fit
                               * whose quality was checked and is proper) */
} ClvParetoParams;

/* Log-likelihood of one customer, Fader & Hardie (2005 note). */
double   clv_pareto_log_likelihood_one (const ClvParetoParams *p, guint32 x, double t_x, double T);
double   clv_pareto_log_likelihood     (const ClvParetoParams *p, const ClvRfTriple *triples,
                                        gsize n_triples);
/* The same, and with @grad (4 doubles) not NULL its gradient d/d(r, alpha, s, beta). */
double   clv_pareto_log_likelihood_gradient (const ClvParetoParams *p, const ClvRfTriple *triples,
                                             gsize n_triples, double *grad);

/* Maximum likelihood with GSL's BFGS2 and the analytic gradient, on ln r, ln (r / alpha), ln s,
 * ln (s / beta). Errors as clv_bgnbd_fit(). */
gboolean clv_pareto_fit                (const ClvRfTriple *triples, gsize n_triples,
                                        ClvParetoParams *out, GError **error);
gboolean clv_pareto_fit_full           (const ClvRfTriple *triples, gsize n_triples,
                                        const ClvFitOptions *fo, ClvParetoParams *out,
                                        GError **error);

/* The quality of a fit done with ClvFitOptions.no_quality, on the same triples. */
ClvFitQuality clv_pareto_fit_quality   (const ClvParetoParams *p, const ClvRfTriple *triples,
                                        gsize n_triples);

/* P(alive | x, t_x, T), Fader & Hardie (2005 note). */
double   clv_pareto_probability_alive  (const ClvParetoParams *p, guint32 x, double t_x, double T);
/* P(alive) of each of @n triples (their weights unused) into @p_alive, as
 * clv_pareto_probability_alive() gives it to within rounding (~1e-12 relative), in one pass. */
void     clv_pareto_probability_alive_triples (const ClvParetoParams *p,
                                               const ClvRfTriple *triples, gsize n,
                                               double *p_alive);
/* E[X(t)] for a new customer (Schmittlein et al. 1987). */
double   clv_pareto_expected_purchases (const ClvParetoParams *p, double t);
/* E[Y(t) | x, t_x, T], Fader & Hardie (2005 note) eq. 41. */
double   clv_pareto_conditional_expected_purchases (const ClvParetoParams *p, guint32 x,
                                                    double t_x, double T, double t);
/* E[Y(t) | alive at T, x, T]: eq. 41 without the P(alive) factor. */
double   clv_pareto_expected_purchases_if_alive (const ClvParetoParams *p, guint32 x, double T,
                                                 double t);

G_END_DECLS
