/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How sure the predictions are: standard errors of the fitted parameters (delta method from the
 * covariance of the log-parameters the fits report), the predictive distribution of one
 * customer's purchases over a horizon and its central range, and ranges of the shop's totals
 * from parameter draws. Pure functions; the draws use a seed given by the caller.
 */
#pragma once

#include "clv-types.h"
#include "clv-gamma-gamma.h"

G_BEGIN_DECLS

/* The level of every range shown: 80 %. */
#define CLV_RANGE_LEVEL 0.8
/* Parameter draws for the ranges of the totals, and their fixed seed. */
#define CLV_RANGE_DRAWS 250
#define CLV_RANGE_SEED 20051
/* The longest horizon, in months, that gets month-by-month ranges (ten years). */
#define CLV_RANGE_MAX_MONTHS 120

/**
 * clv_natural_covariance:
 * @params: @n parameters in natural scale
 * @log_cov: @n x @n covariance of their logarithms (row-major)
 * @cov: (out) (nullable): @n x @n covariance of the parameters, Cov = D log_cov D with
 *   D = diag (params) (delta method, as lifetimes reports them)
 * @se: (out) (nullable): @n standard errors
 *
 * Returns: %FALSE (outputs zeroed) when @log_cov is unknown (all zero) or not a covariance.
 */
gboolean clv_natural_covariance (const double *params, const double *log_cov, guint n,
                                 double *cov, double *se);

/**
 * clv_purchases_pmf_if_alive:
 * @kind: BGNBD, MBGNBD or PARETO
 * @prm: the model's four parameters in natural scale (r, alpha, a, b or r, alpha, s, beta)
 * @x, @T: the customer's repeat purchases and time since the first (model units)
 * @t: horizon (model units)
 * @pmf: (out): P(Y = 0 .. n_max - 1 | alive at T, x, T) for the purchases Y in (T, T + t]
 *
 * The predictive distribution given the history of a customer still buying at T: purchase rate
 * lambda ~ Gamma (r + x, alpha + T) and, for BG/NBD, dropout probability p ~ Beta (a, b + x)
 * after each purchase (MBG/NBD: Beta (a, b + x + 1)), so Y = min (N (t), G) in closed form
 * (Fader, Hardie & Lee 2005, section 4, with the posterior in place of the prior); for
 * Pareto/NBD remaining lifetime with survival ((beta + T) / (beta + T + u))^s, integrated by
 * Gauss-Legendre over (0, t). The tail past @n_max is left out.
 */
void clv_purchases_pmf_if_alive (ClvModelKind kind, const double *prm, guint32 x, double T,
                                 double t, double *pmf, gsize n_max);

/* Enough terms of the pmf for the upper end of any range of a customer whose expected purchases
 * if alive are @mean_if_alive. */
gsize clv_purchases_pmf_size (double mean_if_alive);

/**
 * clv_purchases_range:
 * @pmf_if_alive, @n: as from clv_purchases_pmf_if_alive()
 * @p_alive: P(alive at T); the purchases are 0 otherwise
 * @level: e.g. 0.8
 * @lo, @hi: (out): the range of counts whose probability comes closest to @level, the
 *   shortest of those within 2 points of it (so it sits where the counts are likeliest): over
 *   many customers about @level of them land inside (a range of quantiles would hold far more:
 *   most customers buy nothing with a probability well above the level)
 */
void clv_purchases_range (const double *pmf_if_alive, gsize n, double p_alive, double level,
                          guint32 *lo, guint32 *hi);

/**
 * ClvTotalsDraws:
 * @kind, @prm, @log_cov: the purchase model, its parameters and the covariance of their logs
 * @gg: (nullable): the spend model, with its log_cov; %NULL or without a covariance: the spend
 *   is taken as known
 * @triples, @n_triples: the distinct (x, t_x, T) with counts the model was fitted on
 * @horizon: in model units
 * @spend_x, @spend_m, @spend_w, @n_spend: per buyer, x, mean repeat spend and a weight (the
 *   point prediction of the customer's purchases) for the Gamma-Gamma expectation
 * @n_months: for clv_totals_monthly_ratio_range(): the horizon in this many equal months, at
 *   most CLV_RANGE_MAX_MONTHS (more: no month-by-month ranges, their ratios stay 1)
 *
 * What the draws for the totals need.
 */
typedef struct
{
  ClvModelKind kind;
  const double *prm;
  const double *log_cov;
  const ClvGammaGammaParams *gg;
  const ClvRfTriple *triples;
  gsize n_triples;
  double horizon;
  const guint32 *spend_x;
  const double *spend_m;
  const double *spend_w;
  gsize n_spend;
  guint n_months;
} ClvTotalsDraws;

/**
 * clv_totals_ratio_range:
 * @in: the fit and the customers
 * @n_draws, @seed: parameter draws from the asymptotic normal of the log-parameters
 * @level: e.g. 0.8
 * @purchases: (out): the central @level range of total expected purchases over the horizon,
 *   as a ratio to its value at the fitted parameters (multiply the point total by it)
 * @value: (out): the same for the predicted value (purchases times spend per purchase)
 *
 * Over the distinct triples with their counts (a systematic sample of 800 of them for large
 * shops), so a few hundred draws stay fast. Returns: %FALSE when the purchase model has no covariance.
 */
gboolean clv_totals_ratio_range (const ClvTotalsDraws *in, guint n_draws, guint64 seed,
                                 double level, double purchases[2], double value[2]);

/**
 * clv_totals_monthly_ratio_range:
 * @monthly: (out) (nullable): 2 x @in->n_months: for each month of the horizon, the central
 *   @level range of its expected value (purchases in that month times spend) as a ratio to its
 *   value at the fitted parameters, low then high; from the same draws as @purchases and @value
 *
 * clv_totals_ratio_range() with the month-by-month ranges of the revenue forecast as well.
 * Each month costs one more expectation per distinct (x, T) and draw.
 */
gboolean clv_totals_monthly_ratio_range (const ClvTotalsDraws *in, guint n_draws, guint64 seed,
                                         double level, double purchases[2], double value[2],
                                         double *monthly);

G_END_DECLS
