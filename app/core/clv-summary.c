/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sales -> day log (net per customer and day) -> per-customer summary (x, t_x, T, spend,
 * holdout counts) -> distinct weighted (x, t_x, T) triples. Everything in days and minor units;
 * triples scaled to the model unit. Allocations are owned by the returned structs.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "clv-error.h"
#include "clv-summary.h"
#include "clv-sort.h"

static int
cmp_sale (const void *a, const void *b)
{
  const ClvSale *x = a, *y = b;

  if (x->customer != y->customer)
    return x->customer < y->customer ? -1 : 1;
  return (x->day > y->day) - (x->day < y->day);
}

ClvDayLog *
clv_day_log_new (const ClvSale *sales, gsize n_sales, guint32 n_customers, GError **error)
{
  g_autofree ClvSale *sorted = NULL;
  const ClvSale *s = sales;
  ClvDayLog *log;
  gboolean is_sorted = TRUE;
  gsize n_days = 0, j = 0;

  g_return_val_if_fail (sales != NULL || n_sales == 0, NULL);
  for (gsize i = 0; i < n_sales; i++)
    {
      if (sales[i].customer >= n_customers)
        {
          g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                       _("Sale %" G_GSIZE_FORMAT " is for customer %u, but there are only %u "
                         "customers."), i + 1, sales[i].customer, n_customers);
          return NULL;
        }
      if (sales[i].day < 1)
        {
          g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                       _("Sale %" G_GSIZE_FORMAT " has no valid date (day %d)."), i + 1,
                       sales[i].day);
          return NULL;
        }
      if (i > 0 && cmp_sale (&sales[i - 1], &sales[i]) > 0)
        is_sorted = FALSE;
    }
  if (!is_sorted)
    {
      sorted = g_memdup2 (sales, n_sales * sizeof (ClvSale));
      qsort (sorted, n_sales, sizeof (ClvSale), cmp_sale);
      s = sorted;
    }
  for (gsize i = 0; i < n_sales; i++)
    if (i == 0 || s[i].customer != s[i - 1].customer || s[i].day != s[i - 1].day)
      n_days++;

  log = g_new0 (ClvDayLog, 1);
  log->n_customers = n_customers;
  log->offsets = g_new0 (guint32, (gsize) n_customers + 1);
  log->days = g_new (gint32, MAX (n_days, 1));
  log->nets = g_new (gint64, MAX (n_days, 1));
  log->purchase = g_new (guint8, MAX (n_days, 1));
  log->n_days = n_days;
  for (gsize i = 0; i < n_sales; i++)
    {
      gboolean refund = s[i].amount < 0;

      if (i == 0 || s[i].customer != s[i - 1].customer || s[i].day != s[i - 1].day)
        {
          log->days[j] = s[i].day;
          log->nets[j] = 0;
          log->purchase[j] = 1;   /* until a refund line is seen */
          log->offsets[s[i].customer + 1]++;
          j++;
          if (log->first_day == 0 || s[i].day < log->first_day)
            log->first_day = s[i].day;
          log->last_day = MAX (log->last_day, s[i].day);
        }
      log->nets[j - 1] += s[i].amount;
      if (refund)
        log->purchase[j - 1] = 0;
    }
  /* A day is a purchase when it nets above 0, or to exactly 0 without any refund line. */
  for (gsize k = 0; k < n_days; k++)
    log->purchase[k] = log->nets[k] > 0 || (log->nets[k] == 0 && log->purchase[k]);
  for (guint32 c = 0; c < n_customers; c++)
    log->offsets[c + 1] += log->offsets[c];
  return log;
}

void
clv_day_log_free (ClvDayLog *log)
{
  if (log == NULL)
    return;
  g_free (log->offsets);
  g_free (log->days);
  g_free (log->nets);
  g_free (log->purchase);
  g_free (log);
}

ClvSummary *
clv_summary_new (const ClvDayLog *log, gint32 calibration_end_day, gint32 end_day,
                 GError **error)
{
  ClvSummary *sum;

  g_return_val_if_fail (log != NULL, NULL);
  if (end_day < calibration_end_day || calibration_end_day < 1)
    {
      g_set_error (error, CLV_ERROR, CLV_ERROR_RANGE,
                   _("The calibration end (day %d) must be on or before the end of observation "
                     "(day %d)."), calibration_end_day, end_day);
      return NULL;
    }
  sum = g_new0 (ClvSummary, 1);
  sum->n_customers = log->n_customers;
  sum->calibration_end_day = calibration_end_day;
  sum->end_day = end_day;
  sum->customers = g_new0 (ClvCustomerSummary, MAX (log->n_customers, 1));
  for (guint32 c = 0; c < log->n_customers; c++)
    {
      ClvCustomerSummary *cs = &sum->customers[c];
      gint64 repeat_spend = 0;

      for (guint32 k = log->offsets[c]; k < log->offsets[c + 1]; k++)
        {
          gint32 day = log->days[k];

          if (day > end_day)
            break;
          if (day > calibration_end_day)
            {
              cs->holdout_spend += log->nets[k];
              if (log->purchase[k] && cs->first_day != 0)
                cs->holdout_x++;
              continue;
            }
          cs->total_spend += log->nets[k];
          if (!log->purchase[k])
            continue;
          if (cs->first_day == 0)
            cs->first_day = day;
          else
            {
              cs->x++;
              repeat_spend += log->nets[k];
            }
          cs->last_day = day;
          cs->purchases++;
        }
      if (cs->first_day != 0)
        {
          cs->t_x = cs->last_day - cs->first_day;
          cs->T = calibration_end_day - cs->first_day;
          cs->mean_repeat_spend = cs->x > 0 ? (double) repeat_spend / cs->x : 0;
          sum->n_buyers++;
          if (cs->x > 0)
            sum->n_repeaters++;
          sum->total_repeat += cs->x;
          sum->total_holdout += cs->holdout_x;
        }
    }
  return sum;
}

ClvSummary *
clv_summary_compute (const ClvSale *sales, gsize n_sales, guint32 n_customers,
                     gint32 calibration_end_day, gint32 end_day, GError **error)
{
  g_autoptr(ClvDayLog) log = clv_day_log_new (sales, n_sales, n_customers, error);

  if (log == NULL)
    return NULL;
  return clv_summary_new (log, calibration_end_day, end_day, error);
}

void
clv_summary_free (ClvSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->customers);
  g_free (s);
}

ClvRfTriple *
clv_summary_triples (const ClvSummary *s, double unit_days, gsize *n_triples)
{
  ClvRfTriple *tr;
  gsize n = 0, m = 0;

  g_return_val_if_fail (s != NULL && unit_days > 0 && n_triples != NULL, NULL);
  *n_triples = 0;
  if (s->n_buyers == 0)
    return NULL;
  tr = g_new (ClvRfTriple, s->n_buyers);
  /* Sort on whole days first (exact), scale afterwards. */
  for (guint32 c = 0; c < s->n_customers; c++)
    if (s->customers[c].first_day != 0)
      tr[n++] = (ClvRfTriple) { s->customers[c].x, s->customers[c].t_x, s->customers[c].T, 1 };
  clv_sort_triples (tr, n);
  for (gsize i = 0; i < n; i++)
    {
      if (m > 0 && clv_rf_triple_compare (&tr[m - 1], &tr[i]) == 0)
        tr[m - 1].weight++;
      else
        tr[m++] = tr[i];
    }
  for (gsize i = 0; i < m; i++)
    {
      tr[i].t_x /= unit_days;
      tr[i].T /= unit_days;
    }
  *n_triples = m;
  return tr;
}
