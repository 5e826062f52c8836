/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From sales to per-customer summaries: sales merged per customer and day (refunds netted into
 * their day; a day netting below zero, or to zero through a refund, is not a purchase), then x,
 * t_x, T, spend and holdout counts for a calibration end and an observation end. The day log and
 * the summary own their arrays; free them with clv_day_log_free() / clv_summary_free().
 */
#pragma once

#include "clv-types.h"

G_BEGIN_DECLS

/**
 * ClvDayLog:
 * @n_customers: customers, 0 .. n_customers - 1
 * @offsets: n_customers + 1 entries; customer c's days are days[offsets[c] .. offsets[c + 1])
 * @days: Julian days with at least one sale line, increasing per customer
 * @nets: the net amount of that day, minor units
 * @purchase: 1 when the day is a purchase day: its net is > 0, or it is 0 with no refund line
 *   (a free order still counts, as in the CDNOW data); days netting to < 0, or to 0 because of
 *   a refund, are not purchases
 * @first_day, @last_day: of any sale (0 when there is none)
 */
typedef struct
{
  guint32 n_customers;
  guint32 *offsets;
  gint32 *days;
  gint64 *nets;
  guint8 *purchase;
  gsize n_days;
  gint32 first_day, last_day;
} ClvDayLog;

/* Sales in any order (sorted input is detected and not copied). Fails with CLV_ERROR_INVALID
 * for a customer index >= @n_customers or a day < 1. */
ClvDayLog *clv_day_log_new  (const ClvSale *sales, gsize n_sales, guint32 n_customers,
                             GError **error);
void       clv_day_log_free (ClvDayLog *log);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClvDayLog, clv_day_log_free)

/**
 * ClvCustomerSummary:
 * @x: repeat purchase days up to the calibration end
 * @purchases: purchase days up to the calibration end (x + 1, or 0)
 * @t_x: days from the first to the last purchase (calibration)
 * @T: days from the first purchase to the calibration end
 * @first_day, @last_day: first and last purchase day up to the calibration end; 0 if none
 * @total_spend: net of all sales up to the calibration end, minor units
 * @mean_repeat_spend: mean net of the repeat purchase days, minor units; 0 when x = 0
 * @holdout_x: purchase days after the calibration end, up to the end
 * @holdout_spend: net of the sales in the holdout, minor units
 */
typedef struct
{
  guint32 x;
  guint32 purchases;
  double t_x, T;
  gint32 first_day, last_day;
  gint64 total_spend;
  double mean_repeat_spend;
  guint32 holdout_x;
  gint64 holdout_spend;
} ClvCustomerSummary;

typedef struct
{
  guint32 n_customers;
  gint32 calibration_end_day;       /* inclusive */
  gint32 end_day;                   /* inclusive; == calibration_end_day: no holdout */
  ClvCustomerSummary *customers;    /* n_customers */
  guint32 n_buyers;                 /* customers with a purchase by the calibration end */
  guint32 n_repeaters;              /* of which x > 0 */
  guint64 total_repeat;             /* sum of x */
  guint64 total_holdout;            /* sum of holdout_x over the buyers */
} ClvSummary;

ClvSummary *clv_summary_new     (const ClvDayLog *log, gint32 calibration_end_day,
                                 gint32 end_day, GError **error);
/* Shortcut building a temporary day log. */
ClvSummary *clv_summary_compute (const ClvSale *sales, gsize n_sales, guint32 n_customers,
                                 gint32 calibration_end_day, gint32 end_day, GError **error);
void        clv_summary_free    (ClvSummary *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClvSummary, clv_summary_free)

/**
 * clv_summary_triples:
 * @unit_days: days per model time unit (see clv_time_unit_days())
 * @n_triples: (out): number of distinct triples
 *
 * Distinct (x, t_x / unit_days, T / unit_days) of the buyers, weighted by count, sorted by
 * (x, T, t_x). Returns: (transfer full): g_free() it; %NULL when there is no buyer.
 */
ClvRfTriple *clv_summary_triples (const ClvSummary *s, double unit_days, gsize *n_triples);

G_END_DECLS
