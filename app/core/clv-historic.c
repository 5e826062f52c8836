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

gint32
clv_month_key (gint32 julian_day)
{
  GDate d;

  if (julian_day < 1)
    return 0;
  g_date_clear (&d, 1);
  g_date_set_julian (&d, (guint32) julian_day);
  return (gint32) g_date_get_year (&d) * 12 + (gint32) g_date_get_month (&d) - 1;
}

/* Month keys of the days first .. last, one GDate conversion per month, not per sale. */
static gint32 *
month_table (gint32 first, gint32 last)
{
  gint32 *t = g_new (gint32, (gsize) (last - first + 1));
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, (guint32) first);
  for (gint32 day = first; day <= last; day++)
    {
      t[day - first] = (gint32) g_date_get_year (&d) * 12 + (gint32) g_date_get_month (&d) - 1;
      if (day < last)
        g_date_add_days (&d, 1);
    }
  return t;
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

void
clv_cohorts_compute (const ClvDayLog *log, gint32 end_day, ClvCohorts *out)
{
  g_autofree gint32 *months = NULL;
  g_autofree guint32 *counts = NULL;
  gint32 first_month = G_MAXINT32, last_cohort = G_MININT32, end_month;
  gint32 lo = log->first_day;

  memset (out, 0, sizeof *out);
  if (lo == 0 || end_day < lo)
    return;
  months = month_table (lo, end_day);
  end_month = months[end_day - lo];
  for (guint32 c = 0; c < log->n_customers; c++)
    for (guint32 j = log->offsets[c]; j < log->offsets[c + 1] && log->days[j] <= end_day; j++)
      if (log->purchase[j])
        {
          first_month = MIN (first_month, months[log->days[j] - lo]);
          last_cohort = MAX (last_cohort, months[log->days[j] - lo]);
          break;
        }
  if (first_month == G_MAXINT32)
    return;
  out->first_month = first_month;
  out->n_cohorts = (guint) (last_cohort - first_month + 1);
  out->n_offsets = (guint) (end_month - first_month + 1);
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
          m = months[log->days[j] - lo];
          if (cohort < 0)
            {
              cohort = m - first_month;
              out->sizes[cohort]++;
            }
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

void
clv_monthly_compute (const ClvDayLog *log, gint32 end_day, ClvMonthly *out)
{
  g_autofree gint32 *months = NULL;
  gint32 lo = log->first_day;

  memset (out, 0, sizeof *out);
  if (lo == 0 || end_day < lo)
    return;
  months = month_table (lo, end_day);
  out->first_month = months[0];
  out->n_months = (guint) (months[end_day - lo] - months[0] + 1);
  out->revenue = g_new0 (gint64, out->n_months);
  out->purchases = g_new0 (guint32, out->n_months);
  out->customers = g_new0 (guint32, out->n_months);
  for (guint32 c = 0; c < log->n_customers; c++)
    {
      gint32 seen = -1;

      for (guint32 j = log->offsets[c]; j < log->offsets[c + 1] && log->days[j] <= end_day; j++)
        {
          gint32 m = months[log->days[j] - lo] - out->first_month;

          out->revenue[m] += log->nets[j];
          if (!log->purchase[j])
            continue;
          out->purchases[m]++;
          if (m != seen)
            {
              out->customers[m]++;
              seen = m;
            }
        }
    }
}

void
clv_monthly_clear (ClvMonthly *m)
{
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
