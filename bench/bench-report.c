/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark of the tiered report workbook: synthetic shop data streamed through the customer
 * callback, written with reg_xlsx_report_write(). Prints wall time and peak RSS for 10,000 and
 * then 100,000 customers (peak RSS only grows, so equal figures mean flat memory). Budget
 * (DESIGN.md): 100,000 customers under 3 s. Never fails on time.
 *
 * Usage: bench-report [N_CUSTOMERS]   (default 100000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "clv-date.h"
#include "reg-xlsx-report-writer.h"

typedef struct
{
  guint   n;
  guint   total;
  GRand  *rand;
  char    name[64];
  char    email[64];
  char    phone[32];
} Synth;

static gboolean
synth_next (gpointer user_data, RegReportCustomer *out, GError **error)
{
  static const char *tiers[] = { "top", "middle", "middle", "bottom", "bottom" };
  static const char *groups[] = { "Champions", "Loyal customers", "Potential loyalists",
                                  "New customers", "At risk", "Hibernating", "Lost" };
  Synth *s = user_data;
  gint32 first = clv_date_from_ymd (2021, 1, 1) + g_rand_int_range (s->rand, 0, 900);

  if (s->n >= s->total)
    return FALSE;
  g_snprintf (s->name, sizeof s->name, "Customer %u Example", s->n);
  g_snprintf (s->email, sizeof s->email, "customer%u@example.org", s->n);
  g_snprintf (s->phone, sizeof s->phone, "+49 30 %07u", s->n);
  out->id = s->n + 1;
  out->name = s->name;
  out->email = s->email;
  out->phone = s->phone;
  out->email_consent = g_rand_boolean (s->rand);
  out->first_purchase_day = first;
  out->last_purchase_day = first + g_rand_int_range (s->rand, 0, 300);
  out->purchases = g_rand_int_range (s->rand, 1, 40);
  out->total_spend = g_rand_int_range (s->rand, 500, 500000);
  out->probability_alive = g_rand_double (s->rand);
  out->expected_purchases = g_rand_double_range (s->rand, 0, 12);
  out->predicted_clv = g_rand_int_range (s->rand, 0, 300000);
  out->tier_id = (char *) tiers[s->n % G_N_ELEMENTS (tiers)];
  out->rfm_group = (char *) groups[s->n % G_N_ELEMENTS (groups)];
  out->at_risk_reason = (char *) (s->n % 9 == 0 ? "Overdue: usually every 3 weeks, now 11" : NULL);
  s->n++;
  return TRUE;
}

static RegReportData *
make_data (guint n_customers)
{
  RegReportData *d = reg_report_data_new ();

  reg_report_data_set_shop (d, "Benchmark shop", "EUR", "de_DE", clv_date_from_ymd (2024, 6, 30),
                            12, 0.01, REG_TIME_UNIT_WEEKS);
  d->kpis.customers = n_customers;
  d->kpis.active_customers = n_customers / 2;
  d->kpis.revenue = (gint64) n_customers * 25000;
  d->kpis.average_order_value = 4200;
  d->kpis.purchase_frequency = 5.9;
  d->kpis.repeat_rate = 0.41;
  d->kpis.churn_rate = 0.12;
  d->kpis.average_predicted_clv = 15000;
  d->kpis.total_predicted_clv = (gint64) n_customers * 15000;
  for (int y = 2021; y <= 2024; y++)
    for (int m = 1; m <= 12 && (y < 2024 || m <= 6); m++)
      reg_report_data_add_month (d, clv_date_from_ymd (y, m, 1), 1000000 + m * 10000);
  reg_report_data_add_tier (d, "top", "Top tier", n_customers / 5, (gint64) n_customers * 9000);
  reg_report_data_add_tier (d, "middle", "Middle tier", n_customers / 5 * 2,
                            (gint64) n_customers * 5000);
  reg_report_data_add_tier (d, "bottom", "Bottom tier", n_customers / 5 * 2,
                            (gint64) n_customers * 1000);
  for (int m = 0; m < 36; m++)
    {
      double retention[36];

      for (int k = 0; k < 36 - m; k++)
        retention[k] = k == 0 ? 1.0 : 0.5 / (1 + 0.1 * k);
      reg_report_data_add_cohort (d, clv_date_from_ymd (2021 + m / 12, 1 + m % 12, 1), 1000,
                                  retention, 36 - m);
    }
  d->model.name = g_strdup ("BG/NBD + Gamma-Gamma");
  d->model.reason = g_strdup ("Benchmark");
  reg_report_data_add_param (d, "r", NULL, 0.243);
  d->model.log_likelihood = -9582.4;
  return d;
}

static double
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;     /* kilobytes on Linux */
}

static gboolean
run (guint n, const char *path)
{
  g_autoptr(RegReportData) d = make_data (n);
  g_autoptr(GError) error = NULL;
  Synth s = { .total = n, .rand = g_rand_new_with_seed (42) };
  gint64 start = g_get_monotonic_time ();
  gboolean ok = reg_xlsx_report_write (path, d, synth_next, &s, NULL, &error);
  double secs = (g_get_monotonic_time () - start) / 1e6;
  GStatBuf st;

  g_rand_free (s.rand);
  if (!ok)
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    st.st_size = 0;
  printf ("report %u customers: %.2f s, peak RSS %.1f MB, file %.1f MB\n", n, secs, peak_rss_mb (),
          st.st_size / 1048576.0);
  fflush (stdout);
  return TRUE;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("bench-report-XXXXXX", NULL);
  g_autofree char *path = NULL;
  gboolean ok;

  if (dir == NULL || n == 0)
    return 2;
  path = g_build_filename (dir, "report.xlsx", NULL);
  ok = run (MIN (n, 10000), path) && (n <= 10000 || run (n, path));
  g_unlink (path);
  g_rmdir (dir);
  return ok ? 0 : 1;
}
