/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's tracking chart (in "How good are the predictions?": repeat purchases per
 * period against the model's expectation, with one sentence) and its card of next year's
 * revenue from today's customers beside the last 12 months (with the sentence that says new
 * customers are not in it), on an analysed demo shop; both go away without a model.
 */
#include "config.h"

#include <string.h>

#include "reg-chart.h"
#include "reg-forecast-words.h"
#include "reg-overview-view.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"

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
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/overview/tracking-and-forecast", test_tracking_and_forecast);
  return g_test_run ();
}
