/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gamma-Gamma model of spend per purchase (Fader & Hardie 2013, "The Gamma-Gamma model of
 * monetary value", note 025; Fader, Hardie & Lee 2005, JMR 42(4)): fitted on customers with
 * x > 0 repeat purchases and a positive mean repeat spend. Money in whatever unit the caller
 * uses (the core passes minor units). Pure functions.
 */
#pragma once

#include "clv-types.h"
#include "clv-fit.h"

G_BEGIN_DECLS

typedef struct
{
  double p, q, gamma;
  double log_likelihood;
  double log_cov[9];          /* covariance of ln (p, q, gamma) from the observed information,
                               * row-major; all 0 when unknown */
} ClvGammaGammaParams;

/* Log-likelihood of one customer's mean spend @mean_spend over @x purchases (note 025,
 * marginal density). */
double   clv_gamma_gamma_log_likelihood_one (const ClvGammaGammaParams *p, guint32 x,
                                             double mean_spend);
double   clv_gamma_gamma_log_likelihood (const ClvGammaGammaParams *p, const guint32 *x,
                                         const double *mean_spend, gsize n);

/* Fit on @n customers; entries with x == 0 or mean_spend <= 0 are skipped. BFGS2 with the
 * analytic gradient on log-parameters. */
gboolean clv_gamma_gamma_fit        (const guint32 *x, const double *mean_spend, gsize n,
                                     ClvGammaGammaParams *out, GError **error);
gboolean clv_gamma_gamma_fit_full   (const guint32 *x, const double *mean_spend, gsize n,
                                     const ClvFitOptions *fo, ClvGammaGammaParams *out,
                                     GError **error);

/* E[Z | x, mean spend] (note 025); for x = 0 the population mean p gamma / (q - 1).
 * Returns -1 when q <= 1 (mean not finite). */
double   clv_gamma_gamma_expected_spend (const ClvGammaGammaParams *p, guint32 x,
                                         double mean_spend);

G_END_DECLS
