/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options shared by the model fits (starting point, iteration cap, progress/cancel) and the
 * minimiser wrapper over GSL's multimin that they use. Log-parameterised, softly bounded.
 */
#pragma once

#include "clv-types.h"

G_BEGIN_DECLS

/**
 * ClvFitOptions:
 * @start: starting parameters in natural scale (as many as the model has), or %NULL for the
 *   model's default start
 * @max_iterations: 0 for the default (1000)
 * @progress: optional; called once per iteration with @progress_from .. @progress_to
 * @initial_step: simplex step in log-parameters (Nelder-Mead fits); 0 for the default (0.5, or
 *   0.1 when @start is given)
 * @no_presample: do not start large fits (over 12,000 triples) from a fit on a systematic
 *   sample of about 3,000 of them
 * @gradient_tolerance: the fit ends where the gradient of the mean negative log-likelihood in
 *   the minimiser's coordinates is below this; 0 for the default (1e-8)
 * @no_quality: leave the fit's quality at CLV_FIT_PROPER unchecked, for a caller that checks it
 *   only when it needs to (clv_pareto_fit_quality())
 */
typedef struct
{
  const double *start;
  guint max_iterations;
  double initial_step;
  gboolean no_presample;
  gboolean no_quality;
  double gradient_tolerance;
  ClvProgressFunc progress;
  gpointer progress_data;
  double progress_from, progress_to;
} ClvFitOptions;

void clv_fit_options_init (ClvFitOptions *fo);

/**
 * ClvFitQuality:
 * @CLV_FIT_PROPER: an interior maximum: every parameter well inside its bounds and the Hessian
 *   of the log-likelihood finite and negative definite
 * @CLV_FIT_AT_BOUND: a parameter ended at its bound (0 or infinity in practice)
 * @CLV_FIT_FLAT: the Hessian is not finite or not negative definite: the data do not pin the
 *   parameters down (a ridge or a saddle), so predictions from them mean nothing
 *
 * Why a converged fit may still not be usable. Zero is proper, so parameters set by hand are.
 */
typedef enum
{
  CLV_FIT_PROPER = 0,
  CLV_FIT_AT_BOUND,
  CLV_FIT_FLAT,
} ClvFitQuality;

G_END_DECLS
