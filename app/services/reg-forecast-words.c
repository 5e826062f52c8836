/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracking check and the forecast in words (see reg-forecast-words.h).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "clv-date.h"
#include "reg-forecast-words.h"

/**
 * reg_forecast_total:
 * @s: an analysis
 *
 * Returns: what today's customers are expected to spend over the forecast months, in minor
 *   units; 0 when there is no forecast.
 */
gint64
reg_forecast_total (const RegAnalysisSummary *s)
{
  gint64 sum = 0;

  for (guint i = 0; s->forecast != NULL && i < s->forecast->len; i++)
    sum += g_array_index (s->forecast, RegMonthAmount, i).amount;
  return sum;
}

/**
 * reg_forecast_last_12_months:
 * @s: an analysis
 *
 * Returns: the net revenue of the 12 calendar months up to and including the month of the
 *   analysis' end day, in minor units.
 */
gint64
reg_forecast_last_12_months (const RegAnalysisSummary *s)
{
  int y, m, d;
  gint32 from;
  gint64 sum = 0;

  if (s->revenue_by_month == NULL || s->end_day <= 0)
    return 0;
  clv_date_to_ymd (s->end_day, &y, &m, &d);
  /* the first day of the month eleven months before the end's month */
  m -= 11;
  if (m < 1)
    {
      m += 12;
      y--;
    }
  from = clv_date_from_ymd (y, m, 1);
  for (guint i = 0; i < s->revenue_by_month->len; i++)
    {
      const RegMonthAmount *r = &g_array_index (s->revenue_by_month, RegMonthAmount, i);

      if (r->month >= from && r->month <= s->end_day)
        sum += r->amount;
    }
  return sum;
}

/**
 * reg_tracking_split_index:
 * @s: an analysis
 *
 * Returns: the index of the first tracking period after the calibration stretch, or -1 when
 *   there is no holdout.
 */
int
reg_tracking_split_index (const RegAnalysisSummary *s)
{
  if (s->tracking == NULL || s->tracking_split <= 0 || s->tracking_split >= s->end_day)
    return -1;
  for (guint i = 0; i < s->tracking->len; i++)
    if (g_array_index (s->tracking, RegTrackingPoint, i).period > s->tracking_split)
      return (int) i;
  return -1;
}

/**
 * reg_words_tracking:
 * @fmt: how the shop writes money and dates (reg_shop_get_money_format(), or the report's)
 * @s: an analysis
 *
 * Touches no RegShop, so a worker thread may call it.
 *
 * Returns: (transfer full) (nullable): one sentence on the tracking check ("By 30/06/1998 the
 *   model expected 4,270 repeat purchases and your customers made 4,339"), translated; %NULL
 *   without tracking.
 */
char *
reg_words_tracking (const ClvMoneyFormat *fmt, const RegAnalysisSummary *s)
{
  const RegTrackingPoint *last;
  g_autofree char *day = NULL;
  double diff;

  if (s->tracking == NULL || s->tracking->len == 0)
    return NULL;
  last = &g_array_index (s->tracking, RegTrackingPoint, s->tracking->len - 1);
  day = clv_date_format_locale (s->end_day, fmt->locale->date_order,
                                fmt->locale->date_separator);
  diff = last->actual_cumulative > 0
         ? 100.0 * (last->expected_cumulative - last->actual_cumulative) / last->actual_cumulative
         : 0;
  if (s->tracking_weekly)
    return g_strdup_printf (_("Bars: your customers’ repeat purchases each week; dashed line: what "
                              "the model expected. By %s it expected %.0f in all and your "
                              "customers made %.0f (model %+.1f %%)."),
                            day, last->expected_cumulative, last->actual_cumulative, diff);
  return g_strdup_printf (_("Bars: your customers’ repeat purchases each month; dashed line: what "
                            "the model expected. By %s it expected %.0f in all and your "
                            "customers made %.0f (model %+.1f %%)."),
                          day, last->expected_cumulative, last->actual_cumulative, diff);
}

/**
 * reg_words_forecast:
 * @fmt: how the shop writes money and dates
 * @s: an analysis
 *
 * Touches no RegShop, so a worker thread may call it.
 *
 * Returns: (transfer full) (nullable): one sentence on the revenue ahead ("Today's customers are
 *   likely to spend €30,400 with you in the next 12 months"), translated; %NULL without a
 *   forecast.
 */
char *
reg_words_forecast (const ClvMoneyFormat *fmt, const RegAnalysisSummary *s)
{
  g_autofree char *ahead = NULL;
  g_autofree char *past = NULL;
  guint months;

  if (s->forecast == NULL || s->forecast->len == 0)
    return NULL;
  months = s->forecast->len;
  ahead = clv_money_format (reg_forecast_total (s), fmt);
  past = clv_money_format (reg_forecast_last_12_months (s), fmt);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Today’s customers are likely to spend %s with you in the "
                                       "next %u month; the last 12 months brought %s. New "
                                       "customers are not included.",
                                       "Today’s customers are likely to spend %s with you in the "
                                       "next %u months; the last 12 months brought %s. New "
                                       "customers are not included.",
                                       months),
                          ahead, months, past);
}

char *
reg_words_forecast_range (const ClvMoneyFormat *fmt, const RegAnalysisSummary *s,
                          gboolean shaded)
{
  const RegMonthAmount *first, *last;
  g_autofree char *first_low = NULL;
  g_autofree char *first_high = NULL;
  g_autofree char *last_low = NULL;
  g_autofree char *last_high = NULL;

  if (s->forecast == NULL || s->forecast->len == 0)
    return NULL;
  for (guint i = 0; i < s->forecast->len; i++)
    if (!g_array_index (s->forecast, RegMonthAmount, i).ranged)
      return NULL;
  first = &g_array_index (s->forecast, RegMonthAmount, 0);
  last = &g_array_index (s->forecast, RegMonthAmount, s->forecast->len - 1);
  first_low = clv_money_format (first->low, fmt);
  first_high = clv_money_format (first->high, fmt);
  last_low = clv_money_format (last->low, fmt);
  last_high = clv_money_format (last->high, fmt);
  if (shaded)
    return g_strdup_printf (_("The shaded band is each month’s 80 %% range, also without new "
                              "customers: %s to %s in the first month ahead, %s to %s in the "
                              "last."),
                            first_low, first_high, last_low, last_high);
  return g_strdup_printf (_("Each month’s 80 %% range, also without new customers: %s to %s in "
                            "the first month ahead, %s to %s in the last."),
                          first_low, first_high, last_low, last_high);
}
