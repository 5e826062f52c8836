/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Historic figures on a small hand-computed shop: AOV, frequency, churn, lifespan, simple CLV,
 * NPS and CSAT (latest answer), a segment subset, the cohort matrix, revenue by month, and
 * campaign lift with its intervals and errors.
 */
#include <math.h>
#include <gsl/gsl_cdf.h>

#include "clv-date.h"
#include "clv-error.h"
#include "clv-historic.h"
#include "core-test-data.h"

static ClvDayLog *
shop (void)
{
  const ClvSale sales[] = {
    { 0, core_test_julian (20240110), 1000 }, { 0, core_test_julian (20240305), 2000 },
    { 0, core_test_julian (20240601), 3000 },
    { 1, core_test_julian (20240120), 500 },
    { 2, core_test_julian (20240215), 4000 }, { 2, core_test_julian (20240215), -1000 },
    { 2, core_test_julian (20240520), -1000 },
    { 3, core_test_julian (20240402), 800 }, { 3, core_test_julian (20240430), 800 },
  };
  g_autoptr(GError) error = NULL;
  ClvDayLog *log = clv_day_log_new (sales, G_N_ELEMENTS (sales), 5, &error);

  g_assert_no_error (error);
  return log;
}

static const ClvFeedback feedback[] = {
  { 0, 0, CLV_FEEDBACK_NPS, 10 }, { 0, 0, CLV_FEEDBACK_NPS, 5 }, { 1, 0, CLV_FEEDBACK_NPS, 9 },
  { 3, 0, CLV_FEEDBACK_NPS, 7 }, { 2, 0, CLV_FEEDBACK_CSAT, 4 }, { 2, 0, CLV_FEEDBACK_CSAT, 2 },
  { 3, 0, CLV_FEEDBACK_CSAT, 5 },
};

static void
fill_feedback_days (ClvFeedback *fb)
{
  const guint32 days[] = { 20240110, 20240301, 20240120, 20240402, 20240215, 20240301, 20240430 };

  for (guint i = 0; i < G_N_ELEMENTS (feedback); i++)
    {
      fb[i] = feedback[i];
      fb[i].day = core_test_julian (days[i]);
    }
}

static void
test_shop (void)
{
  g_autoptr(ClvDayLog) log = shop ();
  gint32 end = core_test_julian (20240630);
  ClvHistoricOptions o = { end, 90, 0.4, 200 };
  ClvFeedback fb[G_N_ELEMENTS (feedback)];
  ClvHistoric h;
  double years;

  fill_feedback_days (fb);
  clv_historic_compute (log, fb, G_N_ELEMENTS (fb), NULL, 0, &o, &h);
  g_assert_cmpuint (h.customers, ==, 4);
  g_assert_cmpuint (h.purchases, ==, 7);
  g_assert_cmpint (h.revenue, ==, 10100);
  g_assert_cmpfloat_with_epsilon (h.aov, 10100.0 / 7, 1e-9);
  g_assert_cmpuint (h.repeat_customers, ==, 2);
  g_assert_cmpfloat (h.repeat_rate, ==, 0.5);
  g_assert_cmpuint (h.active_customers, ==, 2);
  g_assert_cmpfloat_with_epsilon (h.churn_rate, 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (h.average_lifespan_days, 135, 1e-9);
  years = ((end - core_test_julian (20240110) + 1) + (end - core_test_julian (20240120) + 1)
           + (end - core_test_julian (20240215) + 1) + (end - core_test_julian (20240402) + 1))
          / 365.25;
  g_assert_cmpfloat_with_epsilon (h.purchase_frequency, 7 / years, 1e-9);
  g_assert_cmpfloat_with_epsilon (h.simple_clv, h.aov * h.purchase_frequency * 135 / 365.25,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (h.clv_net, h.simple_clv * 0.4 - 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (h.revenue_per_customer, 10100.0 / 4, 1e-9);
  g_assert_cmpuint (h.nps_responses, ==, 3);
  g_assert_cmpuint (h.promoters, ==, 1);
  g_assert_cmpuint (h.passives, ==, 1);
  g_assert_cmpuint (h.detractors, ==, 1);
  g_assert_cmpfloat (h.nps, ==, 0);
  g_assert_cmpuint (h.csat_responses, ==, 2);
  g_assert_cmpfloat (h.csat, ==, 50);
  g_assert_cmpfloat (h.csat_mean, ==, 3.5);

  /* a segment */
  clv_historic_compute (log, fb, G_N_ELEMENTS (fb), (const guint32[]) { 0, 3 }, 2, &o, &h);
  g_assert_cmpuint (h.customers, ==, 2);
  g_assert_cmpuint (h.purchases, ==, 5);
  g_assert_cmpint (h.revenue, ==, 7600);
  g_assert_cmpfloat (h.repeat_rate, ==, 1.0);
  g_assert_cmpfloat (h.nps, ==, -50);
  g_assert_cmpuint (h.csat_responses, ==, 1);
  g_assert_cmpfloat (h.churn_rate, ==, 0);           /* c0 bought in both periods */
  g_assert_cmpfloat (h.average_lifespan_days, ==, 3652);

  /* empty set; short history (churn unknown -> observed span) */
  clv_historic_compute (log, NULL, 0, (const guint32[]) { 4 }, 1, &o, &h);
  g_assert_cmpuint (h.customers, ==, 0);
  g_assert_cmpfloat (h.aov, ==, 0);
  g_assert_cmpfloat (h.churn_rate, ==, -1);
  o.end_day = core_test_julian (20240229);
  clv_historic_compute (log, NULL, 0, NULL, 0, &o, &h);
  g_assert_cmpfloat (h.churn_rate, ==, -1);
  g_assert_cmpfloat_with_epsilon (h.average_lifespan_days, 1.0, 1e-12);   /* three one-day spans */
}

static void
test_cohorts_and_months (void)
{
  g_autoptr(ClvDayLog) log = shop ();
  ClvCohorts c;
  ClvMonthly m;
  const double want[4][6] = {
    { 1, 0, 0.5, 0, 0, 0.5 },
    { 1, 0, 0, 0, 0, -1 },
    { 0, 0, 0, 0, -1, -1 },
    { 1, 0, 0, -1, -1, -1 },
  };
  const gint64 rev[6] = { 1500, 3000, 2000, 1600, -1000, 3000 };
  const guint32 pur[6] = { 2, 1, 1, 2, 0, 1 }, cus[6] = { 2, 1, 1, 1, 0, 1 };

  clv_cohorts_compute (log, core_test_julian (20240630), &c);
  g_assert_cmpint (c.first_month, ==, 2024 * 12 + 0);
  g_assert_cmpint (c.first_month, ==, clv_month_key (core_test_julian (20240131)));
  g_assert_cmpuint (c.n_cohorts, ==, 4);
  g_assert_cmpuint (c.n_offsets, ==, 6);
  g_assert_cmpuint (c.sizes[0], ==, 2);
  g_assert_cmpuint (c.sizes[2], ==, 0);
  for (guint i = 0; i < 4; i++)
    for (guint k = 0; k < 6; k++)
      g_assert_cmpfloat (c.retention[i * 6 + k], ==, want[i][k]);
  clv_cohorts_clear (&c);

  clv_monthly_compute (log, core_test_julian (20240630), &m);
  g_assert_cmpuint (m.n_months, ==, 6);
  for (guint k = 0; k < 6; k++)
    {
      g_assert_cmpint (m.revenue[k], ==, rev[k]);
      g_assert_cmpuint (m.purchases[k], ==, pur[k]);
      g_assert_cmpuint (m.customers[k], ==, cus[k]);
    }
  clv_monthly_clear (&m);
}

/* The month of every day from 0001-01-01 to 9999-12-31 is the calendar's (GDate's). */
static void
test_month_key (void)
{
  gint32 last = clv_date_from_ymd (9999, 12, 31);

  for (gint32 day = 1; day <= last; day++)
    {
      int y, m;

      clv_date_to_ymd (day, &y, &m, NULL);
      if (clv_month_key (day) != y * 12 + m - 1)
        g_assert_cmpint (clv_month_key (day), ==, y * 12 + m - 1);   /* says which day */
    }
  g_assert_cmpint (clv_month_key (0), ==, 0);
}

/* Sales 10,000 years apart: the cohort grid is the last CLV_MAX_COHORT_MONTHS cohorts with the
 * older customers counted beside it, and the monthly series has the months with sales and the
 * last CLV_MAX_FILLED_MONTHS, whatever the span; nothing is lost from the totals. */
static void
test_far_apart_dates (void)
{
  const ClvSale sales[] = {
    { 0, clv_date_from_ymd (1, 1, 1), 500 }, { 0, clv_date_from_ymd (2024, 3, 5), 100 },
    { 1, clv_date_from_ymd (1024, 6, 15), 300 },
    { 2, clv_date_from_ymd (2024, 1, 10), 1000 }, { 2, clv_date_from_ymd (2024, 2, 10), 1000 },
    { 3, clv_date_from_ymd (2025, 7, 1), 200 },
    { 4, clv_date_from_ymd (9999, 12, 31), 700 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvDayLog) log = clv_day_log_new (sales, G_N_ELEMENTS (sales), 5, &error);
  gint32 end = clv_date_from_ymd (9999, 12, 31);
  ClvCohorts c;
  ClvMonthly m;
  gint64 revenue = 0;
  guint32 purchases = 0;

  g_assert_no_error (error);
  clv_cohorts_compute (log, end, &c);
  g_assert_cmpuint (c.n_cohorts, ==, CLV_MAX_COHORT_MONTHS);     /* 9990-01 .. 9999-12 */
  g_assert_cmpuint (c.n_offsets, ==, CLV_MAX_COHORT_MONTHS);
  g_assert_cmpint (c.first_month, ==, 9999 * 12 + 11 - CLV_MAX_COHORT_MONTHS + 1);
  g_assert_cmpuint (c.sizes[c.n_cohorts - 1], ==, 1);
  g_assert_cmpuint (c.earlier_customers, ==, 4);
  g_assert_cmpint (c.earlier_first_month, ==, clv_month_key (clv_date_from_ymd (1, 1, 1)));
  clv_cohorts_clear (&c);

  /* ending in 2025: the 0001 and 1024 cohorts are counted, the grid is 2016-08 .. 2025-07 */
  clv_cohorts_compute (log, clv_date_from_ymd (2025, 12, 31), &c);
  g_assert_cmpuint (c.n_cohorts, ==, CLV_MAX_COHORT_MONTHS);
  g_assert_cmpint (c.first_month, ==, 2025 * 12 + 6 - CLV_MAX_COHORT_MONTHS + 1);
  g_assert_cmpuint (c.earlier_customers, ==, 2);
  g_assert_cmpuint (c.sizes[(2024 * 12 + 0) - c.first_month], ==, 1);
  clv_cohorts_clear (&c);

  clv_monthly_compute (log, end, &m);
  g_assert_cmpuint (m.n_months, ==, 6 + CLV_MAX_FILLED_MONTHS);   /* 6 months with sales */
  g_assert_cmpint (m.first_month, ==, clv_month_key (clv_date_from_ymd (1, 1, 1)));
  g_assert_cmpint (m.months[1], ==, clv_month_key (clv_date_from_ymd (1024, 6, 15)));
  g_assert_cmpint (m.months[m.n_months - 1], ==, clv_month_key (end));
  for (guint i = 0; i < m.n_months; i++)
    {
      if (i > 0)
        g_assert_cmpint (m.months[i], >, m.months[i - 1]);
      revenue += m.revenue[i];
      purchases += m.purchases[i];
    }
  g_assert_cmpint (revenue, ==, 3800);
  g_assert_cmpuint (purchases, ==, 7);
  clv_monthly_clear (&m);
}

static void
test_lift (void)
{
  g_autoptr(ClvDayLog) log = shop ();
  g_autoptr(GError) error = NULL;
  const guint32 t[] = { 0, 3 }, c[] = { 1, 2 };
  ClvLift l;
  double se = sqrt (980000.0 / 2 + 500000.0 / 2), df = 740000.0 * 740000.0
              / (490000.0 * 490000.0 + 250000.0 * 250000.0);

  g_assert_true (clv_lift_compute (log, t, 2, c, 2, core_test_julian (20240401),
                                   core_test_julian (20240630), &l, &error));
  g_assert_cmpfloat (l.treatment.rate, ==, 1.0);
  g_assert_cmpfloat (l.control.rate, ==, 0.0);
  g_assert_cmpint (l.treatment.revenue, ==, 4600);
  g_assert_cmpint (l.control.revenue, ==, -1000);
  g_assert_cmpfloat (l.rate_diff, ==, 1.0);
  g_assert_cmpfloat (l.rate_low, ==, 1.0);   /* p (1 - p) = 0 on both sides */
  g_assert_cmpfloat_with_epsilon (l.revenue_diff, 2800, 1e-9);
  g_assert_cmpfloat_with_epsilon (l.welch_df, df, 1e-9);
  g_assert_cmpfloat_with_epsilon (l.revenue_high - l.revenue_diff,
                                  gsl_cdf_tdist_Pinv (0.975, df) * se, 1e-6);
  g_assert_false (l.rate_lift_known);
  g_assert_false (l.revenue_lift_known);
  g_assert_true (l.rate_significant);

  g_assert_false (clv_lift_compute (log, t, 2, (const guint32[]) { 1, 0 }, 2, 1, 2, &l, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (clv_lift_compute (log, t, 1, c, 2, 1, 2, &l, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  g_assert_false (clv_lift_compute (log, t, 2, c, 2, 5, 2, &l, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (clv_lift_compute (log, t, 2, (const guint32[]) { 1, 9 }, 2, 1, 2, &l, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_INVALID);
}

/* Simulated campaign: 30 % vs 20 % purchase rate on 4000 + 4000 customers is found, and two
 * groups drawn alike give an interval covering 0. */
static void
test_lift_simulated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const guint n = 8000;
  g_autoptr(GArray) sales = g_array_new (FALSE, FALSE, sizeof (ClvSale));
  g_autofree guint32 *t = g_new (guint32, n / 2);
  g_autofree guint32 *c = g_new (guint32, n / 2);
  g_autoptr(ClvDayLog) log = NULL;
  g_autoptr(GError) error = NULL;
  ClvLift l;

  for (guint i = 0; i < n; i++)
    {
      double p = i % 2 == 0 ? 0.30 : 0.20;

      if (g_rand_double (rand) < p)
        {
          ClvSale s = { i, 1000 + g_rand_int_range (rand, 0, 30),
                        1000 + g_rand_int_range (rand, 0, 4000) };

          g_array_append_val (sales, s);
        }
      if (i % 2 == 0)
        t[i / 2] = i;
      else
        c[i / 2] = i;
    }
  log = clv_day_log_new ((ClvSale *) sales->data, sales->len, n, &error);
  g_assert_no_error (error);
  g_assert_true (clv_lift_compute (log, t, n / 2, c, n / 2, 1000, 1030, &l, &error));
  g_test_message ("rate diff %.4f [%.4f, %.4f], revenue diff %.1f [%.1f, %.1f]", l.rate_diff,
                  l.rate_low, l.rate_high, l.revenue_diff, l.revenue_low, l.revenue_high);
  g_assert_true (l.rate_low > 0.07 && l.rate_high < 0.13);
  g_assert_true (l.rate_low < 0.10 && l.rate_high > 0.10);
  g_assert_true (l.rate_significant && l.revenue_significant);
  g_assert_true (l.rate_lift_known);
  /* treatment vs treatment halves: no difference */
  g_assert_true (clv_lift_compute (log, t, n / 4, t + n / 4, n / 4, 1000, 1030, &l, &error));
  g_assert_true (l.rate_low < 0 && l.rate_high > 0);
}

/* A share is a known value in 0 .. 1 or exactly -1 (unknown), and unknown only when its
 * denominator is 0. */
static void
assert_share (double share, guint64 denominator)
{
  if (denominator == 0)
    g_assert_cmpfloat (share, ==, -1);
  else
    {
      g_assert_cmpfloat (share, >=, 0);
      g_assert_cmpfloat (share, <=, 1);
    }
}

typedef struct
{
  const char *name;
  ClvSale sales[6];
  guint n_sales, n_customers;
} TinyShop;

/* 1, 2 and 3 customers, everyone on one day, refunds only: every share stays a share. */
static void
test_tiny_shops (void)
{
  gint32 d = core_test_julian (20260301);
  const TinyShop shops[] = {
    { "one customer", { { 0, d, 1000 } }, 1, 1 },
    { "two customers", { { 0, d, 1000 }, { 1, d + 200, 500 }, { 1, d + 230, 700 } }, 3, 2 },
    { "three customers", { { 0, d, 123456 }, { 1, d + 250, 5000 }, { 2, d + 255, 700 },
                           { 2, d + 256, 700 } }, 4, 3 },
    { "everyone on one day", { { 0, d, 1000 }, { 1, d, 2000 }, { 2, d, 3000 } }, 3, 3 },
    { "refunds only", { { 0, d, -1000 }, { 1, d + 5, -500 } }, 2, 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (shops); i++)
    {
      const TinyShop *t = &shops[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(ClvDayLog) log = clv_day_log_new (t->sales, t->n_sales, t->n_customers, &error);
      ClvHistoricOptions o = { 0, 90, 1.0, 0 };
      ClvHistoric h;

      g_test_message ("%s", t->name);
      g_assert_no_error (error);
      o.end_day = MAX (log->last_day, d);
      clv_historic_compute (log, NULL, 0, NULL, 0, &o, &h);
      assert_share (h.repeat_rate, h.customers);
      assert_share (h.churn_rate, h.churn_base);
      g_assert_cmpuint (h.churn_base, <=, h.customers);
      g_assert_cmpuint (h.active_customers, <=, h.customers);
      g_assert_true (isfinite (h.average_lifespan_days) && h.average_lifespan_days >= 0);
      g_assert_true (isfinite (h.simple_clv));
    }
}

/* The three-customer shop of the Overview seen at -100 % churn: nobody bought in the period
 * before the last, so churn is unknown (not -1 shown as a percentage). */
static void
test_churn_unknown_then_known (void)
{
  gint32 d = core_test_julian (20260301);
  const ClvSale sales[] = { { 0, d, 123456 }, { 1, d + 250, 5000 }, { 2, d + 255, 700 },
                            { 2, d + 256, 700 } };
  g_autoptr(ClvDayLog) log = clv_day_log_new (sales, G_N_ELEMENTS (sales), 3, NULL);
  ClvHistoricOptions o = { d + 256, 90, 1.0, 0 };
  ClvHistoric h;

  clv_historic_compute (log, NULL, 0, NULL, 0, &o, &h);
  g_assert_cmpuint (h.churn_base, ==, 0);
  g_assert_cmpfloat (h.churn_rate, ==, -1);
  g_assert_cmpfloat_with_epsilon (h.repeat_rate, 1.0 / 3, 1e-12);
  /* 100 days on, customers 1 and 2 bought in the period before and not since: both churned */
  o.end_day = d + 256 + 100;
  clv_historic_compute (log, NULL, 0, NULL, 0, &o, &h);
  g_assert_cmpuint (h.churn_base, ==, 2);
  g_assert_cmpfloat (h.churn_rate, ==, 1.0);
}

/* Two customers a side: the Wald interval of a difference of shares is cut to -1 .. 1. */
static void
test_lift_interval_bounds (void)
{
  const ClvSale sales[] = { { 0, 100, 500 }, { 1, 100, 500 }, { 2, 100, 500 } };
  g_autoptr(ClvDayLog) log = clv_day_log_new (sales, G_N_ELEMENTS (sales), 4, NULL);
  g_autoptr(GError) error = NULL;
  ClvLift l;

  g_assert_true (clv_lift_compute (log, (const guint32[]) { 0, 1 }, 2, (const guint32[]) { 2, 3 },
                                   2, 50, 150, &l, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (l.rate_diff, ==, 0.5);
  /* uncut: 0.5 +- 1.96 sqrt (0.25 / 2) reaches 1.19 */
  g_assert_cmpfloat (l.rate_high, ==, 1.0);
  g_assert_cmpfloat (l.rate_low, >=, -1.0);
  g_assert_cmpfloat_with_epsilon (l.rate_low, 0.5 - gsl_cdf_ugaussian_Pinv (0.975) * sqrt (0.125),
                                  1e-9);
  g_assert_true (clv_lift_compute (log, (const guint32[]) { 2, 3 }, 2, (const guint32[]) { 0, 1 },
                                   2, 50, 150, &l, &error));
  g_assert_cmpfloat (l.rate_low, ==, -1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/historic/shop", test_shop);
  g_test_add_func ("/core/historic/cohorts-and-months", test_cohorts_and_months);
  g_test_add_func ("/core/historic/month-key", test_month_key);
  g_test_add_func ("/core/historic/far-apart-dates", test_far_apart_dates);
  g_test_add_func ("/core/historic/lift", test_lift);
  g_test_add_func ("/core/historic/lift-simulated", test_lift_simulated);
  g_test_add_func ("/core/historic/tiny-shops", test_tiny_shops);
  g_test_add_func ("/core/historic/churn-unknown-then-known", test_churn_unknown_then_known);
  g_test_add_func ("/core/historic/lift-interval-bounds", test_lift_interval_bounds);
  return g_test_run ();
}
