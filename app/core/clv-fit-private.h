/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the core: the minimiser the model fits share (GSL multimin on log-parameters,
 * soft bounds) and numeric helpers (log-sum-exp, the hypergeometric pieces).
 */
#pragma once

#include "clv-fit.h"
#include "clv-types.h"

G_BEGIN_DECLS

/* Objective to minimise at log-parameters @theta; fills @grad (d/dtheta) when not NULL. */
typedef double (*ClvObjective) (const double *theta, double *grad, gpointer data);

/* log-parameters are softly kept within +-CLV_THETA_BOUND (e^14 ~ 1.2e6) */
#define CLV_THETA_BOUND 14.0

gboolean clv_minimize (ClvObjective f, gpointer data, gsize n, gboolean has_gradient,
                       const ClvFitOptions *fo, double *theta, double *f_min, GError **error);

/* The same with an analytic gradient, from a start near the optimum (a fit on a sample): in
 * coordinates where the Hessian at the start (forward differences of the gradient, n more
 * evaluations) is the identity, so that BFGS takes about Newton's steps from the first one
 * rather than learning the curvature over dozens of steps. Where the start is not in a convex
 * region, exactly clv_minimize(). */
gboolean clv_minimize_near (ClvObjective f, gpointer data, gsize n, const ClvFitOptions *fo,
                            double *theta, double *f_min, GError **error);

/* Whether the minimum of @f found at @theta is a proper interior one: no log-parameter near
 * the bound, and the Hessian (finite differences of the gradient, or of @f without one)
 * finite and positive definite (the objective is the negative log-likelihood). */
ClvFitQuality clv_fit_quality (ClvObjective f, gpointer data, gsize n, gboolean has_gradient,
                               const double *theta);
/* The same, and for a proper fit the covariance of the log-parameters (n x n, row-major) from
 * the observed information: @f is a mean over @n_obs weighted observations. @log_cov is all
 * zeros when the fit is not proper or the information cannot be inverted. */
ClvFitQuality clv_fit_quality_cov (ClvObjective f, gpointer data, gsize n, gboolean has_gradient,
                                   const double *theta, double n_obs, double *log_cov);


/* A model's fit on @n triples with @fo, writing its parameters in natural scale to @prm. */
typedef gboolean (*ClvSampleFit) (const ClvRfTriple *triples, gsize n, const ClvFitOptions *fo,
                                  double *prm, gpointer data, GError **error);

/* Large data: a fit on a systematic presample is much cheaper and ends close to the optimum on
 * everything. Unless @fo has a start or asks for no presample, fits @fit on the presample of
 * @triples (the first half of @fo's progress) and returns TRUE with its parameters in @start and
 * the options for the fit on everything in @polish (@start as its start, the second half of the
 * progress). FALSE without @error: no presample (small data) or it did not fit, so fit as asked;
 * FALSE with @error: cancelled. */
gboolean clv_fit_start_from_sample (const ClvRfTriple *triples, gsize n_triples,
                                    const ClvFitOptions *fo, ClvSampleFit fit, gpointer data,
                                    double *start, ClvFitOptions *polish, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* Distinct values of x, T and t_x over weighted triples, so that per-evaluation work that
 * depends on one of them only (ln Gamma, ln (alpha + T)) is done once per distinct value. */
typedef struct
{
  const ClvRfTriple *tr;
  gsize n;
  double wsum;            /* sum of weights */
  double wx_sum;          /* sum of weight x x */
  double wT_sum;          /* sum of weight x T */
  guint nx, nT, ntx;
  guint32 *xs;            /* distinct x, increasing */
  double *wx;             /* total weight per distinct x */
  double *Ts, *txs;       /* distinct T and t_x */
  guint *xi, *Ti, *txi;   /* per triple: index into xs, Ts, txs */
} ClvTripleIndex;

void clv_triple_index_init  (ClvTripleIndex *ix, const ClvRfTriple *tr, gsize n);
void clv_triple_index_clear (ClvTripleIndex *ix);

/* For a cheap first fit on large data: blocks of about n / n_target consecutive triples in
 * (x, T, t_x) order, never crossing an x value, each replaced by its middle triple carrying the
 * block's total weight. Returns NULL (no presample) when n < 4 n_target. */
#define CLV_PRESAMPLE_TARGET 3000
ClvRfTriple *clv_triples_presample (const ClvRfTriple *tr, gsize n, gsize n_target, gsize *n_out);

G_END_DECLS
