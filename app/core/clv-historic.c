/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Historic figures over a day log (see clv-historic.h for each definition), cohort retention,
 * revenue by month and campaign lift. Minor units in, minor units out; the matrices are owned
 * by their structs. Pure functions.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>

#include "clv-error.h"
#include "clv-historic.h"
#include "clv-special-private.h"

#define LIFESPAN_CAP_DAYS 3652.0

/* Julian day -> year * 12 + month - 1 by arithmetic (H. Hinnant, "chrono-compatible low-level
 * date algorithms", civil_from_days), so no table over the span of the dates is needed: GDate
 * day 1 is 0001-01-01, day 719163 is 1970-01-01, and the algorithm counts from 0000-03-01. */
static inline gint32
month_of (gint32 julian_day)
{
  gint64 z = (gint64) julian_day - 719163 + 719468;
  gint64 era = z / 146097;                      /* z > 0 for every day >= 1 */
  gint64 doe = z - era * 146097;                /* day of the 400-year era */
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;              /* March = 0 */
  gint64 month = mp < 10 ? mp + 3 : mp - 9;
  gint64 year = yoe + era * 400 + (month <= 2);

  return (gint32) (year * 12 + month - 1);
}

gint32
clv_month_key (gint32 julian_day)
{
  return julian_day < 1 ? 0 : month_of (julian_day);
}

void
clv_historic_compute (const ClvDayLog *log, const ClvFeedback *feedback, gsize n_feedback,
                      const guint32 *customer_subset, gsize n_subset,
                      const ClvHistoricOptions *opts, ClvHistoric *out)
{
  gint32 end = opts->end_day, period = (gint32) MAX (opts->churn_period_days, 1);
  gsize n = customer_subset != NULL ? n_subset : log->n_customers;
  double exposure_years = 0, span_days = 0;
  guint32 base = 0, churned = 0;
  g_autofree guint8 *member = NULL;

  memset (out, 0, sizeof *out);
  for (gsize k = 0; k < n; k++)
    {
      guint32 c = customer_subset != NULL ? customer_subset[k] : (guint32) k;
      guint32 purchases = 0;
      gint32 first = 0, last = 0;
      gboolean in_prev = FALSE, in_last = FALSE;

      if (c >= log->n_customers)
        continue;
      for (guint32 j = log->offsets[c]; j < log->offsets[c + 1]; j++)
        {
          gint32 day = log->days[j];

          if (day > end)
            break;
          out->revenue += log->nets[j];
          if (!log->purchase[j])
            continue;
          purchases++;
          if (first == 0)
            first = day;
          last = day;
          if (day > end - 2 * period && day <= end - period)
            in_prev = TRUE;
          if (day > end - period)
            in_last = TRUE;
        }
      if (purchases == 0)
        continue;
      out->customers++;
      out->purchases += purchases;
      if (purchases >= 2)
        out->repeat_customers++;
      if (in_last)
        out->active_customers++;
      if (in_prev)
        {
          base++;
          if (!in_last)
            churned++;
        }
      exposure_years += (end - first + 1) / 365.25;
      span_days += last - first + 1;
    }

  out->repeat_rate = -1;
  if (out->customers > 0)
    {
      out->purchases_per_customer = (double) out->purchases / out->customers;
      out->repeat_rate = (double) out->repeat_customers / out->customers;
      out->revenue_per_customer = (double) out->revenue / out->customers;
      out->purchase_frequency = exposure_years > 0 ? out->purchases / exposure_years : 0;
    }
  if (out->purchases > 0)
    out->aov = (double) out->revenue / out->purchases;
  out->churn_base = base;
  out->churn_rate = base > 0 ? (double) churned / base : -1;
  if (out->churn_rate > 0)
    out->average_lifespan_days = MIN (period / out->churn_rate, LIFESPAN_CAP_DAYS);
  else if (out->churn_rate == 0)
    out->average_lifespan_days = LIFESPAN_CAP_DAYS;
  else if (out->customers > 0)
    out->average_lifespan_days = span_days / out->customers;
  /* Simple CLV = AOV x purchase frequency x lifespan (the seed documents' formula). */
  out->simple_clv = out->aov * out->purchase_frequency * out->average_lifespan_days / 365.25;
  out->clv_net = out->simple_clv * opts->margin - (double) opts->acquisition_cost;

  /* Feedback: each customer's latest answer of each kind, up to the end. */
  if (feedback != NULL && n_feedback > 0)
    {
      g_autofree gint32 *nps_day = g_new0 (gint32, MAX (log->n_customers, 1));
      g_autofree gint32 *csat_day = g_new0 (gint32, MAX (log->n_customers, 1));
      g_autofree gint8 *nps_score = g_new0 (gint8, MAX (log->n_customers, 1));
      g_autofree gint8 *csat_score = g_new0 (gint8, MAX (log->n_customers, 1));
      guint32 satisfied = 0;
      double csat_sum = 0;

      if (customer_subset != NULL)
        {
          member = g_new0 (guint8, MAX (log->n_customers, 1));
          for (gsize k = 0; k < n_subset; k++)
            if (customer_subset[k] < log->n_customers)
              member[customer_subset[k]] = 1;
        }
      for (gsize i = 0; i < n_feedback; i++)
        {
          const ClvFeedback *f = &feedback[i];

          if (f->customer >= log->n_customers || f->day > end
              || (member != NULL && !member[f->customer]))
            continue;
          if (f->kind == CLV_FEEDBACK_NPS && f->score >= 0 && f->score <= 10
              && f->day >= nps_day[f->customer])
            {
              nps_day[f->customer] = MAX (f->day, 1);
              nps_score[f->customer] = f->score;
            }
          else if (f->kind == CLV_FEEDBACK_CSAT && f->score >= 1 && f->score <= 5
                   && f->day >= csat_day[f->customer])
            {
              csat_day[f->customer] = MAX (f->day, 1);
              csat_score[f->customer] = f->score;
            }
        }
      for (guint32 c = 0; c < log->n_customers; c++)
        {
          if (nps_day[c] > 0)
            {
              out->nps_responses++;
              if (nps_score[c] >= 9)
                out->promoters++;
              else if (nps_score[c] >= 7)
                out->passives++;
              else
                out->detractors++;
            }
          if (csat_day[c] > 0)
            {
              out->csat_responses++;
              csat_sum += csat_score[c];
              if (csat_score[c] >= 4)
                satisfied++;
            }
        }
      if (out->nps_responses > 0)
        out->nps = 100.0 * ((double) out->promoters - out->detractors) / out->nps_responses;
      if (out->csat_responses > 0)
        {
          out->csat = 100.0 * satisfied / out->csat_responses;
          out->csat_mean = csat_sum / out->csat_responses;
        }
    }
}

/* The cohort of a customer: month of the first purchase day up to @end_day, or -1. */
static gint32
cohort_of (const ClvDayLog *log, guint32 c, gint32 end_day)
{
  for (guint32 j = log->offsets[c]; j < log->offsets[c + 1] && log->days[j] <= end_day; j++)
    if (log->purchase[j])
      return month_of (log->days[j]);
  return -1;
}

void
clv_cohorts_compute (const ClvDayLog *log, gint32 end_day, ClvCohorts *out)
{
  g_autofree guint32 *counts = NULL;
  gint32 earliest = G_MAXINT32, last_cohort = G_MININT32, end_month, first_month;
  gint32 lo = log->first_day;

  memset (out, 0, sizeof *out);
  if (lo == 0 || end_day < lo)
    return;
  end_month = month_of (end_day);
  for (guint32 c = 0; c < log->n_customers; c++)
    {
      gint32 m = cohort_of (log, c, end_day);

      if (m < 0)
        continue;
      earliest = MIN (earliest, m);
      last_cohort = MAX (last_cohort, m);
    }
  if (earliest == G_MAXINT32)
    return;
  /* the grid is the last CLV_MAX_COHORT_MONTHS cohorts; older ones are only counted */
  first_month = MAX (earliest, last_cohort - CLV_MAX_COHORT_MONTHS + 1);
  out->first_month = first_month;
  out->n_cohorts = (guint) (last_cohort - first_month + 1);
  out->n_offsets = (guint) MIN (end_month - first_month + 1, CLV_MAX_COHORT_MONTHS);
  if (earliest < first_month)
    out->earlier_first_month = earliest;
  out->sizes = g_new0 (guint32, out->n_cohorts);
  out->retention = g_new (double, (gsize) out->n_cohorts * out->n_offsets);
  counts = g_new0 (guint32, (gsize) out->n_cohorts * out->n_offsets);
  for (guint32 c = 0; c < log->n_customers; c++)
    {
      gint32 cohort = -1, last_offset = -1;

      for (guint32 j = log->offsets[c]; j < log->offsets[c + 1] && log->days[j] <= end_day; j++)
        {
          gint32 m;

          if (!log->purchase[j])
            continue;
          m = month_of (log->days[j]);
          if (cohort < 0)
            {
              if (m < first_month)
                {
                  out->earlier_customers++;
                  break;
                }
              cohort = m - first_month;
              out->sizes[cohort]++;
            }
          if (m - first_month - cohort >= (gint32) out->n_offsets)
            break;
          if (m - first_month - cohort != last_offset)
            {
              last_offset = m - first_month - cohort;
              counts[(gsize) cohort * out->n_offsets + last_offset]++;
            }
        }
    }
  for (guint i = 0; i < out->n_cohorts; i++)
    for (guint k = 0; k < out->n_offsets; k++)
      {
        gsize at = (gsize) i * out->n_offsets + k;

        if (first_month + (gint32) i + (gint32) k > end_month)
          out->retention[at] = -1;
        else
          out->retention[at] = out->sizes[i] > 0 ? (double) counts[at] / out->sizes[i] : 0;
      }
}

void
clv_cohorts_clear (ClvCohorts *c)
{
  g_clear_pointer (&c->sizes, g_free);
  g_clear_pointer (&c->retention, g_free);
  c->n_cohorts = c->n_offsets = 0;
}

typedef struct
{
  gint32 month;
  gint64 revenue;
  guint32 purchases, customers;
} MonthRow;

static int
cmp_month_row (gconstpointer a, gconstpointer b)
{
  const MonthRow *x = a, *y = b;
  return (x->month > y->month) - (x->month < y->month);
}

/* Rows of the last CLV_MAX_FILLED_MONTHS months are kept in an array indexed by month; rows
 * before them only for months that have sales, so the series is as long as the shop's sales
 * make it and never as long as the span of their dates. */
void
clv_monthly_compute (const ClvDayLog *log, gint32 end_day, ClvMonthly *out)
{
  g_autofree MonthRow *filled = NULL;
  g_autoptr(GArray) sparse = NULL;
  g_autoptr(GHashTable) sparse_at = NULL;
  gint32 lo = log->first_day, end_month, window_lo;
  guint n_filled;

  memset (out, 0, sizeof *out);
  if (lo == 0 || end_day < lo)
    return;
  end_month = month_of (end_day);
  window_lo = MAX (month_of (lo), end_month - CLV_MAX_FILLED_MONTHS + 1);
  n_filled = (guint) (end_month - window_lo + 1);
  filled = g_new0 (MonthRow, n_filled);
  for (guint i = 0; i < n_filled; i++)
    filled[i].month = window_lo + (gint32) i;
  sparse = g_array_new (FALSE, TRUE, sizeof (MonthRow));
  sparse_at = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* days before the window are few in a real shop; the last one found saves most lookups */
  gint32 cached_month = G_MININT32;
  guint cached_at = 0;

  for (guint32 c = 0; c < log->n_customers; c++)
    {
      gint32 seen = G_MININT32;

      for (guint32 j = log->offsets[c]; j < log->offsets[c + 1] && log->days[j] <= end_day; j++)
        {
          gint32 m = month_of (log->days[j]);
          MonthRow *row;

          if (m >= window_lo)
            row = &filled[m - window_lo];
          else
            {
              gpointer at;

              if (m != cached_month)
                {
                  if (!g_hash_table_lookup_extended (sparse_at, GINT_TO_POINTER (m), NULL, &at))
                    {
                      MonthRow fresh = { m, 0, 0, 0 };

                      at = GUINT_TO_POINTER (sparse->len);
                      g_array_append_val (sparse, fresh);
                      g_hash_table_insert (sparse_at, GINT_TO_POINTER (m), at);
                    }
                  cached_month = m;
                  cached_at = GPOINTER_TO_UINT (at);
                }
              row = &g_array_index (sparse, MonthRow, cached_at);
            }
          row->revenue += log->nets[j];
          if (!log->purchase[j])
            continue;
          row->purchases++;
          if (m != seen)
            {
              row->customers++;
              seen = m;
            }
        }
    }
  g_array_sort (sparse, cmp_month_row);
  out->n_months = sparse->len + n_filled;
  out->months = g_new (gint32, out->n_months);
  out->revenue = g_new (gint64, out->n_months);
  out->purchases = g_new (guint32, out->n_months);
  out->customers = g_new (guint32, out->n_months);
  for (guint i = 0; i < out->n_months; i++)
    {
      const MonthRow *row = i < sparse->len ? &g_array_index (sparse, MonthRow, i)
                                            : &filled[i - sparse->len];

      out->months[i] = row->month;
      out->revenue[i] = row->revenue;
      out->purchases[i] = row->purchases;
      out->customers[i] = row->customers;
    }
  out->first_month = out->months[0];
}

void
clv_monthly_clear (ClvMonthly *m)
{
  g_clear_pointer (&m->months, g_free);
  g_clear_pointer (&m->revenue, g_free);
  g_clear_pointer (&m->purchases, g_free);
  g_clear_pointer (&m->customers, g_free);
  m->n_months = 0;
}

static void
lift_group (const ClvDayLog *log, const guint32 *members, gsize n, gint32 start, gint32 end,
            ClvLiftGroup *g)
{
  double sum = 0, sum_sq = 0;

  memset (g, 0, sizeof *g);
  g->customers = (guint32) n;
  for (gsize k = 0; k < n; k++)
    {
      guint32 c = members[k];
      gint64 rev = 0;
      gboolean bought = FALSE;

      for (guint32 j = log->offsets[c]; j < log->offsets[c + 1]; j++)
        if (log->days[j] >= start && log->days[j] <= end)
          {
            rev += log->nets[j];
            bought = bought || log->purchase[j];
          }
      if (bought)
        g->purchasers++;
      g->revenue += rev;
      sum += (double) rev;
      sum_sq += (double) rev * (double) rev;
    }
  g->rate = n > 0 ? (double) g->purchasers / n : 0;
  g->revenue_per_customer = n > 0 ? sum / n : 0;
  g->revenue_sd = n > 1 ? sqrt (MAX (0, (sum_sq - sum * sum / n) / (n - 1))) : 0;
}

gboolean
clv_lift_compute (const ClvDayLog *log, const guint32 *treatment, gsize n_treatment,
                  const guint32 *control, gsize n_control, gint32 start_day, gint32 end_day,
                  ClvLift *out, GError **error)
{
  g_autofree guint8 *group = NULL;
  double z, v1, v2, se;

  g_return_val_if_fail (log != NULL && out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  if (end_day < start_day)
    {
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_RANGE,
                           _("The end of the campaign window is before its start."));
      return FALSE;
    }
  if (n_treatment < 2 || n_control < 2)
    {
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA,
                           _("Not enough data: the treatment and the control group each need "
                             "at least two customers."));
      return FALSE;
    }
  group = g_new0 (guint8, MAX (log->n_customers, 1));
  for (int pass = 0; pass < 2; pass++)
    {
      const guint32 *ids = pass == 0 ? treatment : control;
      gsize n = pass == 0 ? n_treatment : n_control;

      for (gsize k = 0; k < n; k++)
        {
          if (ids[k] >= log->n_customers)
            {
              g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                           _("Customer %u is not in the shop."), ids[k]);
              return FALSE;
            }
          if (group[ids[k]] != 0 && group[ids[k]] != pass + 1)
            {
              g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                           _("Customer %u is in both the treatment and the control group."),
                           ids[k]);
              return FALSE;
            }
          group[ids[k]] = (guint8) (pass + 1);
        }
    }
  clv_gsl_init ();
  lift_group (log, treatment, n_treatment, start_day, end_day, &out->treatment);
  lift_group (log, control, n_control, start_day, end_day, &out->control);

  /* Difference of two proportions, Wald interval: d +- z sqrt (p1 q1 / n1 + p2 q2 / n2). */
  z = gsl_cdf_ugaussian_Pinv (0.975);
  out->rate_diff = out->treatment.rate - out->control.rate;
  se = sqrt (out->treatment.rate * (1 - out->treatment.rate) / n_treatment
             + out->control.rate * (1 - out->control.rate) / n_control);
  /* a difference of two shares lies in -1 .. 1 (-100 to +100 points); the Wald interval of
   * a small group can reach past that, which no campaign can do */
  out->rate_low = MAX (out->rate_diff - z * se, -1.0);
  out->rate_high = MIN (out->rate_diff + z * se, 1.0);

  /* Welch (1947): se^2 = s1^2/n1 + s2^2/n2, Welch-Satterthwaite degrees of freedom. */
  v1 = out->treatment.revenue_sd * out->treatment.revenue_sd / n_treatment;
  v2 = out->control.revenue_sd * out->control.revenue_sd / n_control;
  out->revenue_diff = out->treatment.revenue_per_customer - out->control.revenue_per_customer;
  se = sqrt (v1 + v2);
  if (se > 0)
    {
      double t;

      out->welch_df = (v1 + v2) * (v1 + v2)
                      / (v1 * v1 / (n_treatment - 1) + v2 * v2 / (n_control - 1));
      t = gsl_cdf_tdist_Pinv (0.975, out->welch_df);
      out->revenue_low = out->revenue_diff - t * se;
      out->revenue_high = out->revenue_diff + t * se;
    }
  else
    {
      out->welch_df = (double) (n_treatment + n_control - 2);
      out->revenue_low = out->revenue_high = out->revenue_diff;
    }
  out->rate_significant = out->rate_low > 0 || out->rate_high < 0;
  out->revenue_significant = out->revenue_low > 0 || out->revenue_high < 0;
  if (out->control.rate > 0)
    {
      out->rate_lift = out->treatment.rate / out->control.rate - 1;
      out->rate_lift_known = TRUE;
    }
  if (out->control.revenue_per_customer > 0)
    {
      out->revenue_lift = out->treatment.revenue_per_customer / out->control.revenue_per_customer
                          - 1;
      out->revenue_lift_known = TRUE;
    }
  return TRUE;
}
