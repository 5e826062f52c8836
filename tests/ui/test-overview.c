/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview of tiny shops (1, 2 and 3 customers, everyone on one day, refunds only), from a
 * real analysis: the repeat rate and churn cards show a percentage from 0 to 100 or a dash with
 * the reason, never a negative percentage; and the holdout sentence does not call a prediction
 * close when nobody came back to compare it with.
 * Also the tracking chart and the card of next year's revenue from today's customers, on an
 * analysed demo shop; both go away without a model.
 */
#include "config.h"

#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-chart.h"
#include "reg-forecast-words.h"
#include "reg-overview-view.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"
#include "reg-shop-private.h"

typedef struct
{
  const char *name;
  guint n_customers;
  struct { guint customer; int day; gint64 amount; } sales[6];
  guint n_sales;
} TinyShop;

static const TinyShop tiny_shops[] = {
  { "one-customer", 1, { { 0, 0, 1000 } }, 1 },
  { "two-customers", 2, { { 0, 0, 1000 }, { 1, 200, 500 }, { 1, 230, 700 } }, 3 },
  /* the shop of the review screenshot: churn was shown as -100 % */
  { "three-customers", 3, { { 0, 0, 123456 }, { 1, 250, 5000 }, { 2, 255, 700 },
                            { 2, 256, 700 } }, 4 },
  { "everyone-on-one-day", 3, { { 0, 0, 1000 }, { 1, 0, 2000 }, { 2, 0, 3000 } }, 3 },
  { "refunds-only", 2, { { 0, 0, -1000 }, { 1, 5, -500 } }, 2 },
};

static RegShop *
tiny_shop (const TinyShop *t, char **dir)
{
  RegShop *shop = ui_test_new_shop (dir);
  RegStore *store = reg_shop_get_store (shop);
  gint32 d0 = clv_date_from_ymd (2026, 3, 1);
  gint64 ids[3];
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  RegAnalysisOptions opts;

  for (guint c = 0; c < t->n_customers; c++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", c + 1);
      RegCustomerRecord rec = { 0 };

      rec.name = name;
      ids[c] = reg_store_insert_customer (store, &rec, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < t->n_sales; i++)
    {
      RegSaleRecord sale = { 0 };

      sale.customer_id = ids[t->sales[i].customer];
      sale.day = d0 + t->sales[i].day;
      sale.amount = t->sales[i].amount;
      g_assert_cmpint (reg_store_insert_sale (store, &sale, &error), >, 0);
    }
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  reg_analysis_options_init (&opts);
  job = reg_analysis_job_new (shop, &opts);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  return shop;
}

/* "37%" with 0 .. 100, or a dash */
static gboolean
is_share_text (const char *text, gboolean *dash)
{
  char *end = NULL;
  gint64 v;

  *dash = g_str_equal (text, "—");
  if (*dash)
    return TRUE;
  v = g_ascii_strtoll (text, &end, 10);
  return end != text && g_str_equal (end, "%") && v >= 0 && v <= 100;
}

static void
check_card (RegOverviewView *view, const char *value_name, const char *caption_name,
            double share, const char *known_caption)
{
  const char *value = gtk_label_get_text (ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, value_name));
  const char *caption = gtk_label_get_text (ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, caption_name));
  gboolean dash;

  g_test_message ("%s: %s, %s", value_name, value, caption);
  g_assert_true (is_share_text (value, &dash));
  g_assert_cmpint (dash, ==, share < 0);
  if (dash)
    {
      /* the reason, not the sentence of a known share */
      g_assert_nonnull (strstr (caption, "not known yet: no customers"));
      g_assert_cmpstr (caption, !=, known_caption);
    }
  else
    g_assert_cmpstr (caption, ==, known_caption);
}

static void
test_tiny_shop (gconstpointer data)
{
  const TinyShop *t = data;
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = tiny_shop (t, &dir);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  RegOverviewView *view = REG_OVERVIEW_VIEW (reg_overview_view_new ());
  RegAnalysisSummary *s = reg_shop_load_latest_analysis (shop, &error);
  double churn, repeat;

  g_assert_no_error (error);
  g_assert_nonnull (s);
  churn = s->churn_rate;
  repeat = s->repeat_rate;
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  reg_overview_view_set_shop (view, shop);
  reg_overview_view_set_summary (view, s);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "stack")),
                   ==, "content");
  check_card (view, "churn_value", "churn_caption", churn,
              "of customers stopped buying in the last period");
  check_card (view, "repeat_value", "repeat_caption", repeat,
              "of customers came back and bought again");
  /* none of these shops has anyone who bought in the 90 days before the last 90 */
  g_assert_cmpstr (gtk_label_get_text (ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "churn_value")), ==, "—");
  g_assert_cmpstr (gtk_label_get_text (ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "churn_caption")), ==,
                   "not known yet: no customers in the period before the last 90 days");

  reg_overview_view_set_shop (view, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
  reg_test_rm_rf (dir);
}

/* A holdout in which nobody came back: no relative error, so no "close". */
static void
test_holdout_without_repeat_purchases (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = tiny_shop (&tiny_shops[2], &dir);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  RegOverviewView *view = REG_OVERVIEW_VIEW (reg_overview_view_new ());
  RegAnalysisSummary *s = reg_shop_load_latest_analysis (shop, &error);
  const char *text;

  g_assert_no_error (error);
  s->calibration_end = s->end_day - 120;
  s->holdout_predicted = 12;
  s->holdout_actual = 0;
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  reg_overview_view_set_shop (view, shop);
  reg_overview_view_set_summary (view, s);
  text = gtk_label_get_text (ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "prediction_label"));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "That is close"));
  g_assert_nonnull (strstr (text, "with caution"));

  reg_overview_view_set_shop (view, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
  reg_test_rm_rf (dir);
}

static void
test_tracking_and_forecast (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = ui_test_new_demo_shop (400, TRUE, &dir);
  g_autoptr(GError) error = NULL;
  RegAnalysisSummary *s = reg_shop_load_latest_analysis (shop, &error);
  GtkWidget *window = gtk_window_new ();
  RegOverviewView *view = REG_OVERVIEW_VIEW (reg_overview_view_new ());
  RegChart *tracking = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "tracking_chart");
  RegChart *forecast = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "forecast_chart");
  GtkWidget *card = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "forecast_card");
  GtkLabel *tracking_label = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "tracking_label");
  GtkLabel *forecast_label = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "forecast_label");
  g_autofree char *ahead = NULL;
  RegAnalysisSummary *bare;
  guint n_tracking, n_forecast, n_past;

  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_true (s->enough_data);
  n_tracking = s->tracking->len;
  n_forecast = s->forecast->len;
  n_past = MIN (s->revenue_by_month->len, 12);
  g_assert_cmpuint (n_tracking, >, 0);
  g_assert_cmpuint (n_forecast, ==, s->horizon_months);
  ahead = reg_shop_format_amount (shop, reg_forecast_total (s));

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  reg_overview_view_set_shop (view, shop);
  reg_overview_view_set_summary (view, s);
  ui_test_wait_frames (window, 3);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tracking)));
  g_assert_cmpuint (reg_chart_get_n_values (tracking), ==, n_tracking);
  g_test_message ("%s", gtk_label_get_text (tracking_label));
  g_assert_nonnull (strstr (gtk_label_get_text (tracking_label), "the model expected"));
  g_assert_true (gtk_widget_get_visible (card));
  g_assert_cmpuint (reg_chart_get_n_values (forecast), ==, n_past + n_forecast);
  g_test_message ("%s", gtk_label_get_text (forecast_label));
  g_assert_nonnull (strstr (gtk_label_get_text (forecast_label), ahead));
  g_assert_nonnull (strstr (gtk_label_get_text (forecast_label),
                            "New customers are not included."));
  /* the 80 % band over the months ahead, as the analysis stored it, and said in words */
  {
    guint from = 0;
    const double *band = NULL;
    g_autofree char *first_low = NULL;

    g_assert_cmpuint (reg_chart_get_band (forecast, &from, &band), ==, n_forecast);
    g_assert_cmpuint (from, ==, n_past);
    for (guint i = 0; i < n_forecast; i++)
      {
        const RegMonthAmount *m = &g_array_index (s->forecast, RegMonthAmount, i);

        g_assert_true (m->ranged);
        g_assert_cmpfloat (band[2 * i], ==, (double) m->low);
        g_assert_cmpfloat (band[2 * i + 1], ==, (double) m->high);
        g_assert_cmpint (m->low, <=, m->amount);
        g_assert_cmpint (m->high, >=, m->amount);
        g_assert_cmpint (m->low, <, m->high);
      }
    first_low = reg_shop_format_amount (shop, g_array_index (s->forecast, RegMonthAmount, 0).low);
    g_assert_nonnull (strstr (gtk_label_get_text (forecast_label), "80 % range"));
    g_assert_nonnull (strstr (gtk_label_get_text (forecast_label), "also without new customers"));
    g_assert_nonnull (strstr (gtk_label_get_text (forecast_label), first_low));
  }

  /* a run stored without ranges: the forecast without a band, and no words on it */
  bare = reg_shop_load_latest_analysis (shop, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < bare->forecast->len; i++)
    g_array_index (bare->forecast, RegMonthAmount, i).ranged = FALSE;
  reg_overview_view_set_summary (view, bare);
  ui_test_wait_frames (window, 2);
  g_assert_true (gtk_widget_get_visible (card));
  g_assert_cmpuint (reg_chart_get_band (forecast, NULL, NULL), ==, 0);
  g_assert_null (strstr (gtk_label_get_text (forecast_label), "80 % range"));

  /* a run without a model has neither */
  bare = reg_shop_load_latest_analysis (shop, &error);
  g_assert_no_error (error);
  g_array_set_size (bare->tracking, 0);
  g_array_set_size (bare->forecast, 0);
  reg_overview_view_set_summary (view, bare);
  ui_test_wait_frames (window, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tracking)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tracking_label)));
  g_assert_false (gtk_widget_get_visible (card));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&shop);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  for (gsize i = 0; i < G_N_ELEMENTS (tiny_shops); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/overview/tiny-shop/%s", tiny_shops[i].name);
      g_test_add_data_func (path, &tiny_shops[i], test_tiny_shop);
    }
  g_test_add_func ("/ui/overview/tracking-and-forecast", test_tracking_and_forecast);
  g_test_add_func ("/ui/overview/holdout-without-repeat-purchases",
                   test_holdout_without_repeat_purchases);
  return g_test_run ();
}
