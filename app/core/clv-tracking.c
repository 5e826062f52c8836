/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracking check: actual against expected repeat purchases per period (see clv-tracking.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clv-tracking.h"
#include "clv-bgnbd.h"
#include "clv-mbgnbd.h"
#include "clv-pareto.h"
#include "clv-date.h"
#include "clv-historic.h"
#include "clv-sort.h"

/* E[X(t)] depends on the whole days since the first purchase only: one table entry per day
 * difference up to twenty years, computed when first needed; longer differences (a stray old
 * sale) are computed each time, which the distinct first days bound. */
#define TABLE_DAYS 7305

typedef struct
{
  ClvModelKind model;
  gconstpointer params;
  double unit_days;
  double *table;
} Expect;

static double
expect_raw (const Expect *e, double t)
{
  double v;

  switch (e->model)
    {
    case CLV_MODEL_BGNBD:
      v = clv_bgnbd_expected_purchases (e->params, t);
      break;
    case CLV_MODEL_MBGNBD:
      v = clv_mbgnbd_expected_purchases (e->params, t);
      break;
    default:
      v = clv_pareto_expected_purchases (e->params, t);
      break;
    }
  return isfinite (v) && v > 0 ? v : 0;
}

static double
expect_days (Expect *e, gint32 days)
{
  if (days <= 0)
    return 0;
  if (days > TABLE_DAYS)
    return expect_raw (e, days / e->unit_days);
  if (isnan (e->table[days]))
    e->table[days] = expect_raw (e, days / e->unit_days);
  return e->table[days];
}

/* Period number of a day counted from the first purchase day @origin. */
static gint64
period_index (gboolean weekly, gint32 origin, gint32 day)
{
  if (weekly)
    return ((gint64) day - origin) / 7;
  return (gint64) clv_month_key (day) - clv_month_key (origin);
}

static gint32
period_start (gboolean weekly, gint32 origin, gint64 index)
{
  gint32 key;

  if (weekly)
    return (gint32) (origin + 7 * index);
  key = clv_month_key (origin) + (gint32) index;
  return clv_date_from_ymd (key / 12, key % 12 + 1, 1);
}

/* Expected cumulative repeat purchases at the end of @day: sum over the first days d <= day of
 * (customers first buying on d) x E[X(day - d)]. */
static double
expected_at (Expect *e, const gint32 *first, const guint32 *count, gsize n_first, gint32 day)
{
  double sum = 0;

  for (gsize i = 0; i < n_first && first[i] <= day; i++)
    sum += count[i] * expect_days (e, day - first[i]);
  return sum;
}

gboolean
clv_tracking_compute (const ClvDayLog *log, ClvModelKind model, gconstpointer params,
                      double unit_days, gboolean weekly, gint32 calibration_end_day,
                      gint32 end_day, ClvTracking *out)
{
  g_autofree gint32 *firsts = NULL;
  g_autofree guint32 *count = NULL;
  g_autofree double *table = NULL;
  gsize n = 0, n_first = 0;
  gint32 origin;
  gint64 last, shown_from;
  double before = 0, cum_expected, cum_actual;
  Expect e;

  memset (out, 0, sizeof *out);
  out->model = model;
  out->weekly = weekly;
  out->calibration_end_day = calibration_end_day;
  out->end_day = end_day;
  if ((model != CLV_MODEL_BGNBD && model != CLV_MODEL_MBGNBD && model != CLV_MODEL_PARETO)
      || params == NULL || !(unit_days > 0) || calibration_end_day > end_day)
    return FALSE;

  /* the followed customers' first purchase days */
  firsts = g_new (gint32, MAX (log->n_customers, 1));
  for (guint32 c = 0; c < log->n_customers; c++)
    for (guint32 j = log->offsets[c]; j < log->offsets[c + 1]; j++)
      if (log->purchase[j])
        {
          if (log->days[j] <= calibration_end_day)
            firsts[n++] = log->days[j];
          break;
        }
  if (n == 0)
    return FALSE;
  clv_sort_days (firsts, n);
  count = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    if (n_first > 0 && firsts[n_first - 1] == firsts[i])
      count[n_first - 1]++;
    else
      {
        firsts[n_first] = firsts[i];
        count[n_first++] = 1;
      }
  origin = firsts[0];

  /* the latest periods up to the end, at most CLV_MAX_TRACKING_PERIODS of them */
  last = period_index (weekly, origin, end_day);
  shown_from = MAX (0, last + 1 - CLV_MAX_TRACKING_PERIODS);
  out->customers = (guint32) n;
  out->n_periods = (guint) (last - shown_from + 1);
  out->periods = g_new0 (ClvTrackingPeriod, out->n_periods);
  for (guint i = 0; i < out->n_periods; i++)
    out->periods[i].start_day = period_start (weekly, origin, shown_from + i);
  out->periods[0].start_day = MAX (out->periods[0].start_day, origin);

  /* actual repeat purchase days: those after each followed customer's first */
  for (guint32 c = 0; c < log->n_customers; c++)
    {
      gboolean seen_first = FALSE;

      for (guint32 j = log->offsets[c]; j < log->offsets[c + 1] && log->days[j] <= end_day; j++)
        {
          gint64 k;

          if (!log->purchase[j])
            continue;
          if (!seen_first)
            {
              if (log->days[j] > calibration_end_day)
                break;
              seen_first = TRUE;
              continue;
            }
          k = period_index (weekly, origin, log->days[j]) - shown_from;
          if (k < 0)
            before++;
          else
            out->periods[k].actual++;
        }
    }

  table = g_new (double, TABLE_DAYS + 1);
  for (guint i = 0; i <= TABLE_DAYS; i++)
    table[i] = NAN;
  e = (Expect) { model, params, unit_days, table };
  cum_actual = before;
  cum_expected = expected_at (&e, firsts, count, n_first, out->periods[0].start_day - 1);
  for (guint i = 0; i < out->n_periods; i++)
    {
      ClvTrackingPeriod *p = &out->periods[i];
      gint32 end = i + 1 < out->n_periods ? out->periods[i + 1].start_day - 1 : end_day;
      double cum = expected_at (&e, firsts, count, n_first, end);

      p->expected = MAX (cum - cum_expected, 0);
      cum_expected = cum;
      cum_actual += p->actual;
      p->actual_cumulative = cum_actual;
      p->expected_cumulative = cum;
    }
  out->available = TRUE;
  return TRUE;
}

void
clv_tracking_clear (ClvTracking *t)
{
  g_clear_pointer (&t->periods, g_free);
  t->n_periods = 0;
  t->available = FALSE;
}

int
clv_tracking_period_of (const ClvTracking *t, gint32 day)
{
  int found = -1;

  for (guint i = 0; i < t->n_periods && t->periods[i].start_day <= day; i++)
    found = (int) i;
  return found;
}
