/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain value types shared by the CLV core: sales and feedback as the store hands them over,
 * the (x, t_x, T) triples the models are fitted on, model and time-unit choices, tiers, RFM
 * groups and at-risk flags. No allocation here; every function of the core is pure and
 * thread-safe given its inputs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ClvSale:
 * @customer: dense customer index, 0 .. n_customers - 1
 * @day: Julian day number as #GDate counts it (1 = 0001-01-01)
 * @amount: minor units (cents); negative for a refund
 *
 * One sale line. Several lines on one day of one customer are merged into one purchase day.
 */
typedef struct
{
  guint32 customer;
  gint32 day;
  gint64 amount;
} ClvSale;

/**
 * ClvFeedbackKind:
 * @CLV_FEEDBACK_NPS: "how likely are you to recommend us", score 0 .. 10
 * @CLV_FEEDBACK_CSAT: satisfaction, score 1 .. 5
 */
typedef enum
{
  CLV_FEEDBACK_NPS,
  CLV_FEEDBACK_CSAT,
} ClvFeedbackKind;

/**
 * ClvFeedback:
 * @customer: dense customer index
 * @day: Julian day of the answer
 * @kind: a #ClvFeedbackKind
 * @score: 0 .. 10 for NPS, 1 .. 5 for CSAT
 */
typedef struct
{
  guint32 customer;
  gint32 day;
  guint8 kind;
  gint8 score;
} ClvFeedback;

/**
 * ClvRfTriple:
 * @x: repeat purchase days (purchase days after the first)
 * @t_x: time of the last purchase since the first, in the model's time unit
 * @T: time from the first purchase to the end of observation, in the model's time unit
 * @weight: number of customers sharing this triple
 *
 * What the purchase models are fitted on: distinct (x, t_x, T) with counts as weights.
 */
typedef struct
{
  guint32 x;
  double t_x, T;
  guint32 weight;
} ClvRfTriple;

/**
 * ClvModelKind:
 * @CLV_MODEL_AUTO: fit both purchase models and keep the one with the better holdout accuracy
 * @CLV_MODEL_BGNBD: BG/NBD (Fader, Hardie & Lee 2005)
 * @CLV_MODEL_PARETO: Pareto/NBD (Schmittlein, Morrison & Colombo 1987)
 * @CLV_MODEL_NONE: not enough data for a model: historic figures only
 * @CLV_MODEL_MBGNBD: MBG/NBD (Batislam, Denizel & Filiztekin 2007); after NONE so that the
 *   older values keep their numbers
 */
typedef enum
{
  CLV_MODEL_AUTO,
  CLV_MODEL_BGNBD,
  CLV_MODEL_PARETO,
  CLV_MODEL_NONE,
  CLV_MODEL_MBGNBD,
} ClvModelKind;

/**
 * ClvTimeUnit:
 * @CLV_TIME_DAY: 1 day
 * @CLV_TIME_WEEK: 7 days
 * @CLV_TIME_MONTH: 365.25 / 12 = 30.4375 days
 *
 * The unit model parameters are fitted and reported in (rates per unit; alpha, beta in units).
 */
typedef enum
{
  CLV_TIME_DAY,
  CLV_TIME_WEEK,
  CLV_TIME_MONTH,
} ClvTimeUnit;

/**
 * ClvTier:
 * @CLV_TIER_NONE: no purchase, not ranked
 * @CLV_TIER_TOP: the most valuable customers (top 20 % by default)
 * @CLV_TIER_MIDDLE: the rest
 * @CLV_TIER_BOTTOM: the least valuable (bottom 30 % by default)
 */
typedef enum
{
  CLV_TIER_NONE,
  CLV_TIER_TOP,
  CLV_TIER_MIDDLE,
  CLV_TIER_BOTTOM,
  CLV_N_TIERS,
} ClvTier;

/**
 * ClvRfmGroup:
 * @CLV_RFM_NONE: no purchase, no scores
 *
 * Named RFM groups; see clv-segments.h for the rule table.
 */
typedef enum
{
  CLV_RFM_NONE,
  CLV_RFM_CHAMPIONS,
  CLV_RFM_LOYAL,
  CLV_RFM_POTENTIAL_LOYALISTS,
  CLV_RFM_NEW,
  CLV_RFM_PROMISING,
  CLV_RFM_NEED_ATTENTION,
  CLV_RFM_ABOUT_TO_SLEEP,
  CLV_RFM_AT_RISK,
  CLV_RFM_CANT_LOSE,
  CLV_RFM_HIBERNATING,
  CLV_RFM_LOST,
  CLV_N_RFM_GROUPS,
} ClvRfmGroup;

/**
 * ClvAtRiskFlags:
 * @CLV_AT_RISK_LOW_P_ALIVE: probability alive below the threshold (repeat customers only)
 * @CLV_AT_RISK_OVERDUE: days since the last purchase exceed factor x own mean interval
 * @CLV_AT_RISK_DETRACTOR: latest NPS answer is 0 .. 6
 * @CLV_AT_RISK_NOT_BACK: bought once, longer ago than the time within which most of the shop's
 *   repeat customers came back (ClvAnalysis.return_days)
 */
typedef enum
{
  CLV_AT_RISK_LOW_P_ALIVE = 1 << 0,
  CLV_AT_RISK_OVERDUE = 1 << 1,
  CLV_AT_RISK_DETRACTOR = 1 << 2,
  CLV_AT_RISK_NOT_BACK = 1 << 3,
} ClvAtRiskFlags;

/**
 * ClvProgressFunc:
 * @fraction: 0 .. 1
 * @data: user data
 *
 * Called from the thread running the computation. Returns: %FALSE to cancel
 * (the computation then fails with %CLV_ERROR_CANCELLED).
 */
typedef gboolean (*ClvProgressFunc) (double fraction, gpointer data);

/* Days in one time unit (1, 7 or 30.4375). */
double clv_time_unit_days (ClvTimeUnit unit);

/* Stable ids: "day", "week", "month"; and "auto", "bgnbd", "mbgnbd", "pareto", "none". */
const char *clv_time_unit_id (ClvTimeUnit unit);
const char *clv_model_id (ClvModelKind model);

G_END_DECLS
