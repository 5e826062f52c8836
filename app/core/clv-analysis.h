/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One analysis of a shop: summaries, model fits (BG/NBD, Pareto/NBD, Gamma-Gamma) with a
 * calibration/holdout check and the model choice, per-customer scores, tiers, RFM groups,
 * at-risk flags and the historic figures. Returns when it is done (the service runs it in a
 * worker); meanwhile it runs some of the work on up to three threads of its own so that a
 * second core helps: the Gamma-Gamma spend fit, and either the MBG/NBD and Pareto/NBD
 * calibration fits (in auto) or the holdout check (with a model chosen in advance). Each reads
 * what nobody changes while it runs and writes only its own results; all are joined before
 * clv_analysis_run() returns, also on an error or a cancel, and the progress callback is only
 * called on the caller's thread. The returned ClvAnalysis owns everything it points to and is
 * freed with clv_analysis_free(). Read its fields directly; all are documented below.
 */
#pragma once

#include "clv-types.h"
#include "clv-bgnbd.h"
#include "clv-mbgnbd.h"
#include "clv-pareto.h"
#include "clv-gamma-gamma.h"
#include "clv-historic.h"
#include "clv-segments.h"
#include "clv-at-risk.h"
#include "clv-tracking.h"
#include "clv-uncertainty.h"

G_BEGIN_DECLS

/* The least data a purchase model is fitted on: buyers, and buyers with a repeat purchase. */
#define CLV_MIN_CUSTOMERS 20
#define CLV_MIN_REPEAT_CUSTOMERS 10
/* Automatic split: history shorter than this has no holdout. */
#define CLV_MIN_SPAN_FOR_HOLDOUT_DAYS 180
#define CLV_MAX_HOLDOUT_DAYS 365
/* The shop's return pattern: the time within which this share of the customers who came back
 * made their second purchase ("most customers who came back did so within 5 weeks"), known once
 * at least CLV_RETURN_MIN_CUSTOMERS came back. */
#define CLV_RETURN_SHARE 0.8
#define CLV_RETURN_MIN_CUSTOMERS 5

typedef struct
{
  ClvModelKind model;            /* AUTO: fit every model on calibration, keep the best holdout
                                  * fit that is proper */
  gint32 end_day;                /* last day observed (inclusive); 0 = day of the last sale */
  gint32 calibration_end_day;    /* 0 = automatic (see clv_analysis_auto_calibration_end());
                                  * == end_day: no holdout */
  ClvTimeUnit time_unit;         /* unit the model parameters are fitted in; default WEEK */
  guint horizon_months;          /* default 12, 1 .. 600 */
  double discount_monthly;       /* default 0.01, 0 .. < 1 */
  double margin;                 /* 0 .. 1, default 1.0; applied to predicted and historic CLV */
  gint64 acquisition_cost;       /* minor units per customer, default 0 (historic clv_net only) */
  double tier_top, tier_bottom;  /* 0.20 and 0.30 */
  double at_risk_p_alive;        /* default 0.5: below it a repeat customer is at risk */
  double overdue_factor;         /* overdue when days since last purchase > factor x own mean
                                  * interval between purchase days; default 2 */
  guint churn_period_days;       /* default 90 */
  double month_days;             /* length of a CLV month in days; default 365.25 / 12;
                                  * lifetimes uses 4.345 weeks = 30.415 */
} ClvAnalysisOptions;

void clv_analysis_options_init (ClvAnalysisOptions *opts);

/**
 * clv_analysis_auto_calibration_end:
 * @first_day: first sale day; @end_day: last observed day
 *
 * The automatic split: with span = end_day - first_day + 1 days, no holdout (returns @end_day)
 * when span < CLV_MIN_SPAN_FOR_HOLDOUT_DAYS; otherwise the holdout is the last third of the span,
 * at most CLV_MAX_HOLDOUT_DAYS: calibration end = end_day - MIN (span / 3, 365).
 */
gint32 clv_analysis_auto_calibration_end (gint32 first_day, gint32 end_day);

/* Per customer, index = customer. Times in days over the full observation period; -1 marks
 * "unknown / no model" in the double fields; no field is ever NaN or infinite. */
typedef struct
{
  guint32 x; double t_x, T;            /* in days, full observation period */
  guint32 purchases;                   /* purchase days (net > 0) */
  gint32 first_day, last_day;          /* 0 when the customer never purchased */
  gint64 total_spend;                  /* net, minor units */
  double mean_repeat_spend;            /* minor units */
  double p_alive;                      /* -1 when unknown/not fitted, and when the model gives 1
                                        * by construction (see p_alive_too_early) */
  gboolean p_alive_too_early;          /* a one-time buyer under BG/NBD, which cannot drop out
                                        * before a repeat purchase: P(alive) = 1 says nothing,
                                        * so it is not given (p_alive = -1) and the owner reads
                                        * "too early to tell" against the shop's return_days */
  double expected_purchases;           /* over the horizon; -1 when unknown */
  double expected_spend;               /* per purchase, minor units; -1 when unknown */
  double clv;                          /* predicted, horizon, discounted, x margin; -1 unknown */
  double historic_clv;                 /* net spend to date x margin, minor units */
  gint32 next_purchase_day;            /* expected date of the next purchase: with a model,
                                        * end_day + (alpha + T) / (r + x) units in days, rounded
                                        * up = when a customer still alive has made one more
                                        * purchase on average, ignoring later dropout (capped at
                                        * 100 years; shown only within the horizon); without a
                                        * model, last purchase + own mean
                                        * interval (may be past = overdue), 0 for a one-time
                                        * buyer or no purchase */
  guint8 tier;                         /* ClvTier */
  guint8 r_score, f_score, m_score;    /* 1..5, 0 = no purchases */
  guint8 rfm_group;                    /* ClvRfmGroup */
  guint32 at_risk;                     /* ClvAtRiskFlags */
  double mean_interval_days;           /* t_x / x, own mean days between purchase days; -1 x=0 */
  gint8 nps_score;                     /* latest NPS answer up to the end, 0 .. 10; -1 none */
  gint32 nps_day;                      /* its Julian day; 0 none */
  double purchases_low, purchases_high;  /* 80 % range (CLV_RANGE_LEVEL) of the purchases over
                                        * the horizon from the model's predictive distribution
                                        * given the history; -1 when unknown */
  double clv_low, clv_high;            /* the value of those purchases (spend x margin,
                                        * discounted as clv), minor units; -1 when unknown */
} ClvCustomerScore;

/**
 * ClvHoldout:
 * @available: FALSE when there was no holdout period (or too little data in calibration)
 * @calibration_end_day, @end_day: the split
 * @length: holdout length in the model time unit
 * @customers: buyers by the calibration end (the ones predicted)
 * @actual: their repeat purchase days in the holdout
 * @bgnbd_fitted, @bgnbd: BG/NBD fitted on the calibration period; @bgnbd_predicted: sum of the
 *   conditional expectations over the holdout
 * @mbgnbd_fitted, @mbgnbd, @mbgnbd_predicted: the same for MBG/NBD
 * @pareto_fitted, @pareto, @pareto_predicted: the same for Pareto/NBD
 * A calibration fit counts as fitted only when it is proper (ClvFitQuality).
 */
typedef struct
{
  gboolean available;
  gint32 calibration_end_day, end_day;
  double length;
  guint32 customers;
  double actual;
  gboolean bgnbd_fitted;
  ClvBgnbdParams bgnbd;
  double bgnbd_predicted;
  gboolean mbgnbd_fitted;
  ClvMbgnbdParams mbgnbd;
  double mbgnbd_predicted;
  gboolean pareto_fitted;
  ClvParetoParams pareto;
  double pareto_predicted;
} ClvHoldout;

/* Wall-clock seconds per stage of the last run (for the benchmark; never compared in tests). */
typedef struct
{
  double summary;      /* day log, summaries, historic figures */
  double holdout;      /* calibration fits and holdout predictions */
  double fit;          /* the chosen model on the full period */
  double spend;        /* Gamma-Gamma */
  double scores;       /* per-customer P(alive), expectations, CLV, next purchase */
  double segments;     /* tiers, RFM, at-risk counts, cohorts, months */
} ClvAnalysisTimings;

typedef struct _ClvAnalysis ClvAnalysis;

/**
 * ClvAnalysis:
 * @options: the options as used, with end_day and calibration_end_day resolved
 * @model: the model the scores come from; CLV_MODEL_NONE when there was not enough data
 * @model_reason: plain words, translated: why this model (or why none)
 * @enough_data: FALSE when no purchase model could be fitted
 * @data_message: plain words, translated: "not enough data" explanation, or a one-line summary
 * @time_unit, @unit_days: unit of the parameters below
 * @bgnbd_fitted, @bgnbd: BG/NBD fitted on the full period up to end_day
 * @mbgnbd_fitted, @mbgnbd: MBG/NBD fitted on the full period (when it was fitted)
 * @pareto_fitted, @pareto: Pareto/NBD fitted on the full period (when it was fitted)
 *   (a full-period fit that is not proper is not kept: see ClvFitQuality)
 * @gamma_gamma_fitted, @gamma_gamma: spend model on the repeat customers, minor units
 * @holdout: the calibration/holdout check, fits on the calibration period
 * @n_customers, @scores: one ClvCustomerScore per customer
 * @buyers: customers with a purchase; @historic: shop-wide historic figures
 * @tier_counts, @tier_value: per ClvTier: customers and sum of the tiering value (predicted CLV,
 *   or historic when no model), minor units
 * @tier_by_historic: TRUE when the tiers rank historic CLV (no model)
 * @rfm_counts: per ClvRfmGroup; @rfm_value: predicted (or historic) CLV per group, minor units
 * @at_risk_count: customers with any at-risk flag; @at_risk_low_p_alive, @at_risk_overdue,
 *   @at_risk_detractor: per flag; @at_risk_value: their summed predicted (or historic) CLV
 * @total_clv: sum of predicted CLV over buyers (-1 when no model)
 * @cohorts: retention by month of first purchase; @monthly: revenue by month
 * @log: the day log the analysis was run on (for per-segment historic figures)
 * @tracking: actual against expected repeat purchases per week (week time unit) or month, from
 *   the chosen model's calibration fit when there was a holdout, else from its full fit
 * @forecast: (nullable): expected revenue from today's customers in each month of the
 *   horizon (horizon_months entries of month_days, the first starting the day after end_day),
 *   minor units, undiscounted, before margin: sum over customers of P(alive) x (E[Y] at the
 *   month's end - at its start | alive) x expected spend; over the horizon it adds up to the sum
 *   of expected_purchases x expected_spend. NULL when no model.
 * @timings: seconds per stage
 */
struct _ClvAnalysis
{
  ClvAnalysisOptions options;
  ClvModelKind model;
  char *model_reason;
  gboolean enough_data;
  char *data_message;
  ClvTimeUnit time_unit;
  double unit_days;

  gboolean bgnbd_fitted;
  ClvBgnbdParams bgnbd;
  gboolean mbgnbd_fitted;
  ClvMbgnbdParams mbgnbd;
  gboolean pareto_fitted;
  ClvParetoParams pareto;
  gboolean gamma_gamma_fitted;
  ClvGammaGammaParams gamma_gamma;

  ClvHoldout holdout;

  guint32 n_customers;
  ClvCustomerScore *scores;
  guint32 buyers;
  ClvHistoric historic;

  guint32 tier_counts[CLV_N_TIERS];
  double tier_value[CLV_N_TIERS];
  gboolean tier_by_historic;
  guint32 rfm_counts[CLV_N_RFM_GROUPS];
  double rfm_value[CLV_N_RFM_GROUPS];
  guint32 at_risk_count;
  guint32 at_risk_low_p_alive, at_risk_overdue, at_risk_detractor, at_risk_not_back;
  gint32 return_days;
  double at_risk_value;
  double total_clv;

  ClvCohorts cohorts;
  ClvMonthly monthly;

  ClvDayLog *log;
  ClvAnalysisTimings timings;

  ClvTracking tracking;
  double *forecast;
  /* How sure: the 80 % ranges (CLV_RANGE_LEVEL) of the totals over the horizon from draws of
   * the fitted parameters; ranges_known FALSE with ranges_note saying why (translated) */
  double expected_purchases_total;     /* sum over buyers; -1 when no model */
  gboolean ranges_known;
  double expected_purchases_range[2];
  double total_clv_range[2];           /* minor units */
  char *ranges_note;
  /* the forecast's 80 % band: low and high of month j at [2 j] and [2 j + 1], minor units, from
   * the same draws; NULL when there are no ranges */
  double *forecast_range;
};

/**
 * clv_analysis_run:
 * @sales: sales, ideally sorted by (customer, day) (unsorted input is sorted in a copy)
 * @n_customers: customers are 0 .. n_customers - 1; customers without sales get empty scores
 * @feedback: (nullable): NPS/CSAT answers
 * @opts: (nullable): %NULL for the defaults
 * @progress: (nullable): called with 0 .. 1; returning %FALSE cancels
 *
 * Returns: (transfer full): the analysis, or %NULL with %CLV_ERROR_INVALID (bad sale),
 * %CLV_ERROR_RANGE (bad option) or %CLV_ERROR_CANCELLED. Not enough data is not an error:
 * the result then has model CLV_MODEL_NONE, enough_data FALSE and historic figures only.
 */
ClvAnalysis *clv_analysis_run (const ClvSale *sales, gsize n_sales, guint32 n_customers,
                               const ClvFeedback *feedback, gsize n_feedback,
                               const ClvAnalysisOptions *opts,
                               ClvProgressFunc progress, gpointer progress_data,
                               GError **error);
void         clv_analysis_free (ClvAnalysis *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClvAnalysis, clv_analysis_free)

/* Historic figures of a segment of this analysis (customer indices), at its end day, churn
 * period, margin and acquisition cost. The analysis does not keep the feedback: pass it again
 * for NPS/CSAT (or NULL). Campaign lift: clv_lift_compute (a->log, ...). */
void clv_analysis_historic_for (const ClvAnalysis *a, const ClvFeedback *feedback,
                                gsize n_feedback, const guint32 *customer_subset, gsize n_subset,
                                ClvHistoric *out);

/* What the at-risk rules measured for @customer (see clv-at-risk.h), at the analysis's end. */
void clv_analysis_at_risk_facts (const ClvAnalysis *a, guint32 customer, ClvAtRiskFacts *out);
/* First day of month @month (0-based) of the forecast horizon. */
gint32 clv_analysis_forecast_start (const ClvAnalysis *a, guint month);

/* Accessors for bindings and the service (same as the fields). */
ClvModelKind            clv_analysis_get_model       (const ClvAnalysis *a);
const char             *clv_analysis_get_reason      (const ClvAnalysis *a);
gboolean                clv_analysis_has_enough_data (const ClvAnalysis *a);
const ClvCustomerScore *clv_analysis_get_scores      (const ClvAnalysis *a, guint32 *n_customers);

G_END_DECLS
