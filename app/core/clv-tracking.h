/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracking check (Fader, Hardie & Lee 2005, the figures of weekly and cumulative repeat
 * transactions): actual repeat purchases per period against the model's expectation, over the
 * calibration period and the holdout. Expected cumulative repeat purchases at the end of a day
 * are the sum over the followed customers of E[X(t - t0_i)], the unconditional expectation for
 * a customer acquired at t0_i. Pure functions, thread-safe.
 */
#pragma once

#include "clv-types.h"
#include "clv-summary.h"

G_BEGIN_DECLS

/* At most this many periods are kept (the latest ones): five years of weeks, twenty of months,
 * whatever the span of the sale dates. */
#define CLV_MAX_TRACKING_PERIODS 260

/**
 * ClvTrackingPeriod:
 * @start_day: first day of the period (Julian)
 * @actual: repeat purchase days of the followed customers in the period
 * @expected: the model's expectation of those
 * @actual_cumulative, @expected_cumulative: the same from the first purchase on, to the end of
 *   the period
 */
typedef struct
{
  gint32 start_day;
  double actual, expected;
  double actual_cumulative, expected_cumulative;
} ClvTrackingPeriod;

/**
 * ClvTracking:
 * @available: FALSE when there was no model to compare with
 * @model: the model the expectation comes from
 * @weekly: periods are weeks counted from the first purchase; else calendar months
 * @calibration_end_day: the split: the model saw purchases up to this day (== @end_day: no
 *   holdout); the followed customers are those who first bought by then
 * @customers: the followed customers
 * @n_periods, @periods: oldest first, the last one ending at @end_day (it may be partial)
 */
typedef struct
{
  gboolean available;
  ClvModelKind model;
  gboolean weekly;
  gint32 calibration_end_day, end_day;
  guint32 customers;
  guint n_periods;
  ClvTrackingPeriod *periods;
} ClvTracking;

/**
 * clv_tracking_compute:
 * @log: the purchase days
 * @model: BGNBD, MBGNBD or PARETO; @params: a pointer to the matching parameter struct
 * @unit_days: days per time unit of @params
 * @weekly: weeks (else calendar months)
 *
 * Fills @out (cleared first). Returns FALSE (and leaves @out unavailable) when no customer
 * bought by @calibration_end_day or the model is not one of the three.
 */
gboolean clv_tracking_compute (const ClvDayLog *log, ClvModelKind model, gconstpointer params,
                               double unit_days, gboolean weekly, gint32 calibration_end_day,
                               gint32 end_day, ClvTracking *out);
void     clv_tracking_clear   (ClvTracking *t);

/* The index of the period holding @day, or -1 before the first one. */
int      clv_tracking_period_of (const ClvTracking *t, gint32 day);

G_END_DECLS
