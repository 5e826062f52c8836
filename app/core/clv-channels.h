/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where customers come from, against what they cost: per acquisition channel the customers,
 * the new customers of a period, their average value so far and predicted over the horizon,
 * the acquisition cost per new customer (the owner's marketing spend in the period's months
 * plus the new customers' own acquisition costs), the value to cost ratio and the months a new
 * customer takes to pay back their cost. Money in minor units. Pure: arrays in, array out.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Months are counted as year x 12 + (month - 1): "2026-03" is 2026 x 12 + 2. */
gint32   clv_month_index       (int year, int month);
gint32   clv_month_of_day      (gint32 julian_day);
/* "YYYY-MM" → month index; FALSE for anything else (months 1 .. 12, years 1 .. 9999). */
gboolean clv_month_parse       (const char *text, gint32 *out_month);
/* month index → "YYYY-MM" (buf of 8) */
void     clv_month_format_buf  (gint32 month, char buf[8]);

/**
 * ClvChannelCustomer:
 * @channel: (nullable): as the owner or the file wrote it; %NULL or blank = unknown.
 *   Channels are the same when they differ only in case or surrounding spaces.
 * @came_day: the day the customer came (acquisition date, else first purchase), Julian; 0 =
 *   unknown (such a customer is counted, but never as new)
 * @value: net spend so far, minor units
 * @cost: the customer's own acquisition cost, minor units
 * @predicted, @predicted_low, @predicted_high: predicted value over the horizon with its 80 %
 *   range, minor units; negative = no prediction
 */
typedef struct
{
  const char *channel;
  gint32      came_day;
  gint64      value;
  gint64      cost;
  double      predicted;
  double      predicted_low;
  double      predicted_high;
} ClvChannelCustomer;

/* The owner's marketing spend on one channel in one month (minor units). */
typedef struct
{
  const char *channel;
  gint32      month;
  gint64      amount;
} ClvChannelSpend;

/**
 * ClvChannelOptions:
 * @first_month, @last_month: the period, inclusive, as month indexes: customers who came in it
 *   are the new customers, and the spend of its months is their cost
 * @end_day: the last day of the data (Julian): how long each customer has been a customer
 * @margin: the share of a sale that is profit, 0 .. 1 (1 compares revenue with cost)
 */
typedef struct
{
  gint32 first_month;
  gint32 last_month;
  gint32 end_day;
  double margin;
} ClvChannelOptions;

/**
 * ClvChannelFigures:
 * @channel: (owned) (nullable): the channel as first written; %NULL for customers without one
 * @customers: every customer of the channel
 * @new_customers: those who came in the period
 * @avg_value: mean net spend so far over @customers, minor units
 * @predicted_customers: customers with a prediction; the three averages below are over them,
 *   -1 when there is none
 * @avg_predicted, @avg_predicted_low, @avg_predicted_high: mean predicted value over the horizon
 *   and the means of the customers' 80 % range ends
 * @spend: marketing spend entered for the channel in the period's months
 * @own_costs: the new customers' own acquisition costs
 * @cost_per_new: (@spend + @own_costs) / @new_customers; -1 when money was spent but nobody new
 *   came (no cost per customer can be given)
 * @value_to_cost: what a customer of the channel is worth (@avg_value plus @avg_predicted where
 *   known, times the margin) over @cost_per_new; -1 when nothing was spent; 0 when money was
 *   spent and nobody new came
 * @payback_months: @cost_per_new over what a customer of the channel brings in a month (their
 *   spend times the margin over the months since they came, at least one each); 0 when
 *   nothing was spent; -1 when they never pay it back (nothing spent by them, or nobody came)
 * @new_by_month: (owned) (nullable) the new customers of each month of the period, first
 *   month first (guint); %NULL when the period is longer than %CLV_CHANNEL_MAX_MONTHS
 */
typedef struct
{
  char   *channel;
  guint   customers;
  guint   new_customers;
  gint64  avg_value;
  guint   predicted_customers;
  gint64  avg_predicted;
  gint64  avg_predicted_low;
  gint64  avg_predicted_high;
  gint64  spend;
  gint64  own_costs;
  gint64  cost_per_new;
  double  value_to_cost;
  double  payback_months;
  GArray *new_by_month;
} ClvChannelFigures;

/* The longest period counted month by month (twenty years). */
#define CLV_CHANNEL_MAX_MONTHS 240

void clv_channel_figures_clear (ClvChannelFigures *figures);

/**
 * clv_channels_compute:
 * Returns: (element-type ClvChannelFigures): one entry per channel that has a customer or spend,
 *   most customers first (then by name), customers without a channel last. Clears its
 *   elements when freed.
 */
GArray *clv_channels_compute (const ClvChannelCustomer *customers,
                              gsize                     n_customers,
                              const ClvChannelSpend    *spends,
                              gsize                     n_spends,
                              const ClvChannelOptions  *options);

/* The key channels are grouped and matched by: trimmed and case-folded; NULL when blank. */
char   *clv_channel_key      (const char *channel);

G_END_DECLS
