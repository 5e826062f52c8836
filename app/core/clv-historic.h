/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Historic figures of a shop or a segment (the seed documents' metrics), the cohort retention
 * matrix by month of first purchase, revenue by month, and campaign lift with 95 % intervals.
 * Money in minor units. Pure functions; results are plain structs, matrices owned by their
 * struct (clv_cohorts_clear(), clv_monthly_clear()).
 */
#pragma once

#include "clv-types.h"
#include "clv-summary.h"

G_BEGIN_DECLS

/**
 * ClvHistoric:
 * @customers: customers with at least one purchase day up to the end
 * @active_customers: of which the last purchase is within churn_period_days of the end
 * @repeat_customers: of which two or more purchase days
 * @purchases: purchase days ("orders")
 * @revenue: net of all sales of these customers up to the end, minor units
 * @aov: average order value = revenue / purchases, minor units
 * @purchases_per_customer: purchases / customers
 * @purchase_frequency: purchases per customer per year = purchases / sum over customers of the
 *   years from their first purchase to the end (inclusive)
 * @average_lifespan_days: expected customer lifespan = churn period / churn rate, capped at 10
 *   years (3652 days) and used as that cap when no one churned; when the churn rate is unknown
 *   (history shorter than two churn periods), the mean observed span first .. last purchase + 1
 * @simple_clv: aov x purchase_frequency x lifespan in years, minor units
 * @clv_net: simple_clv x margin - acquisition cost, minor units
 * @churn_rate: of the customers who bought in the churn period before the last one, the share
 *   who did not buy in the last churn period, 0 .. 1; -1 (unknown) when nobody bought in that
 *   earlier period (@churn_base is then 0)
 * @churn_base: the customers who bought in the churn period before the last one
 * @repeat_rate: repeat_customers / customers, 0 .. 1; -1 (unknown) when there is no customer
 * @revenue_per_customer: revenue / customers
 * @nps_responses: customers with an NPS answer (their latest counts); 0 = no NPS
 * @nps: % promoters (9-10) - % detractors (0-6), -100 .. 100; 0 when no answer
 * @csat_responses: customers with a CSAT answer (latest counts); 0 = no CSAT
 * @csat: % satisfied (4 or 5), 0 .. 100; @csat_mean: mean score 1 .. 5 (0 when none)
 *
 * Shares (@churn_rate, @repeat_rate) are 0 .. 1, or -1 when their denominator is 0: a share
 * of nobody is unknown, not 0 % nor -100 %. Other ratios are 0 when their denominator is 0.
 */
typedef struct
{
  guint32 customers;
  guint32 active_customers;
  guint32 repeat_customers;
  guint64 purchases;
  gint64 revenue;
  double aov;
  double purchases_per_customer;
  double purchase_frequency;
  double average_lifespan_days;
  double simple_clv;
  double clv_net;
  double churn_rate;
  guint32 churn_base;
  double repeat_rate;
  double revenue_per_customer;
  guint32 nps_responses;
  guint32 promoters, passives, detractors;
  double nps;
  guint32 csat_responses;
  double csat;
  double csat_mean;
} ClvHistoric;

typedef struct
{
  gint32 end_day;            /* inclusive */
  guint churn_period_days;   /* default 90 */
  double margin;             /* 0 .. 1 */
  gint64 acquisition_cost;   /* minor units per customer */
} ClvHistoricOptions;

/**
 * clv_historic_compute:
 * @log: the shop's day log
 * @feedback: (nullable): answers, any order
 * @customer_subset: (nullable): customer indices of a segment, or %NULL for every customer
 *
 * Fills @out. Never fails; figures of an empty set are zeros.
 */
void clv_historic_compute (const ClvDayLog *log, const ClvFeedback *feedback, gsize n_feedback,
                           const guint32 *customer_subset, gsize n_subset,
                           const ClvHistoricOptions *opts, ClvHistoric *out);

/* Month keys: year * 12 + (month - 1) of a Julian day. */
gint32 clv_month_key (gint32 julian_day);

/* The cohort grid and the zero-filled stretch of the monthly series cover at most this many
 * months: their size is bounded whatever the span of the sale dates (a stray 0001-01-01 sale
 * must not make a grid of 24,000 x 24,000 months). */
#define CLV_MAX_COHORT_MONTHS 120
#define CLV_MAX_FILLED_MONTHS 120

/**
 * ClvCohorts:
 * @first_month: month key of the first cohort row
 * @n_cohorts: rows, one per calendar month from the first to the last first-purchase month, at
 *   most the last CLV_MAX_COHORT_MONTHS of them
 * @n_offsets: columns, months since the first purchase: 0 .. n_offsets - 1, at most
 *   CLV_MAX_COHORT_MONTHS
 * @sizes: customers whose first purchase is in that month
 * @retention: row-major n_cohorts x n_offsets: share of the cohort with a purchase day in month
 *   first_month + row + column; column 0 is 1 (or 0 for an empty cohort); -1 for months after
 *   the end month (not observed yet)
 * @earlier_customers: customers whose first purchase is before @first_month (left out of the
 *   grid); @earlier_first_month: month key of the first of them (0 when there is none)
 */
typedef struct
{
  gint32 first_month;
  guint n_cohorts, n_offsets;
  guint32 *sizes;
  double *retention;
  guint32 earlier_customers;
  gint32 earlier_first_month;
} ClvCohorts;

void clv_cohorts_compute (const ClvDayLog *log, gint32 end_day, ClvCohorts *out);
void clv_cohorts_clear   (ClvCohorts *c);

/**
 * ClvMonthly:
 * @first_month: month key of the first row (month of the first sale)
 * @n_months: rows, oldest first: every month with a sale up to the end month, and every month
 *   of the last CLV_MAX_FILLED_MONTHS up to the end month (from the first sale on), with or
 *   without sales; so a shop of up to ten years has one row per month from the first to the end
 * @months: month key of each row
 * @revenue: net sales of the month, minor units
 * @purchases: purchase days in the month
 * @customers: customers with a purchase day in the month
 */
typedef struct
{
  gint32 first_month;
  guint n_months;
  gint32 *months;
  gint64 *revenue;
  guint32 *purchases;
  guint32 *customers;
} ClvMonthly;

void clv_monthly_compute (const ClvDayLog *log, gint32 end_day, ClvMonthly *out);
void clv_monthly_clear   (ClvMonthly *m);

/**
 * ClvLiftGroup:
 * @customers: customers in the group
 * @purchasers: of which with a purchase day in the window
 * @rate: purchasers / customers
 * @revenue: net sales in the window, minor units
 * @revenue_per_customer: mean over the group (zeros included), minor units
 * @revenue_sd: standard deviation of revenue per customer (n - 1), minor units
 */
typedef struct
{
  guint32 customers, purchasers;
  double rate;
  gint64 revenue;
  double revenue_per_customer;
  double revenue_sd;
} ClvLiftGroup;

/**
 * ClvLift:
 * @rate_diff: treatment rate - control rate, with a 95 % Wald interval for a difference of
 *   proportions [@rate_low, @rate_high], cut to -1 .. 1
 * @revenue_diff: difference of revenue per customer (minor units) with a 95 % Welch interval
 *   [@revenue_low, @revenue_high] (Student t with Welch-Satterthwaite degrees of freedom)
 * @rate_lift, @revenue_lift: relative lift (treatment / control - 1); 0 with
 *   @rate_lift_known / @revenue_lift_known FALSE when the control figure is not above 0
 * @significant: TRUE when either interval excludes 0
 */
typedef struct
{
  ClvLiftGroup treatment, control;
  double rate_diff, rate_low, rate_high;
  double revenue_diff, revenue_low, revenue_high;
  double welch_df;
  double rate_lift, revenue_lift;
  gboolean rate_lift_known, revenue_lift_known;
  gboolean rate_significant, revenue_significant;
} ClvLift;

/**
 * clv_lift_compute:
 * @start_day: first day counted (the campaign's date), inclusive
 * @end_day: last day counted, inclusive
 *
 * Campaign lift: purchase rate and revenue per customer of @treatment vs @control customers in
 * [@start_day, @end_day]. A customer in both groups is an error.
 * Returns: %FALSE with %CLV_ERROR_NOT_ENOUGH_DATA when a group has fewer than 2 customers,
 * %CLV_ERROR_INVALID for an index out of range or a customer in both groups, %CLV_ERROR_RANGE
 * when @end_day < @start_day.
 */
gboolean clv_lift_compute (const ClvDayLog *log, const guint32 *treatment, gsize n_treatment,
                           const guint32 *control, gsize n_control, gint32 start_day,
                           gint32 end_day, ClvLift *out, GError **error);

G_END_DECLS
