/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ranges in the window: the Overview's predicted-value card says what the customers are
 * likely to spend with its 80 % range (or why there is none), and the customer page gives the
 * visits and their value with the 80 % range.
 */
#include "config.h"

#include <string.h>

#include "reg-analysis-job.h"
#include "reg-customer-detail.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-overview-view.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"

static GtkWindow *
show (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1200, 800);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (child), 10);
  return window;
}

static const char *
range_text (RegOverviewView *view)
{
  GtkLabel *label = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "clv_range_label");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  return gtk_label_get_text (label);
}

static void
test_overview_card (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = ui_test_new_demo_shop (300, TRUE, &dir);
  RegOverviewView *view = REG_OVERVIEW_VIEW (g_object_ref_sink (reg_overview_view_new ()));
  GtkWindow *window = show (GTK_WIDGET (view));
  g_autoptr(GError) error = NULL;

  reg_overview_view_set_shop (view, shop);
  reg_overview_view_set_summary (view, reg_shop_load_latest_analysis (shop, &error));
  g_assert_no_error (error);
  g_test_message ("%s", range_text (view));
  g_assert_nonnull (strstr (range_text (view), "Your customers are likely to be worth "));
  g_assert_nonnull (strstr (range_text (view), " (80 % range "));

  gtk_window_destroy (window);
  ui_test_drain ();
  g_assert_finalize_object (view);
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

/* A shop of three customers: no prediction, no range, and the card says why. */
static void
test_overview_too_little_history (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = ui_test_new_demo_shop (3, TRUE, &dir);
  RegOverviewView *view = REG_OVERVIEW_VIEW (g_object_ref_sink (reg_overview_view_new ()));
  GtkWindow *window = show (GTK_WIDGET (view));
  g_autoptr(GError) error = NULL;

  reg_overview_view_set_shop (view, shop);
  reg_overview_view_set_summary (view, reg_shop_load_latest_analysis (shop, &error));
  g_assert_no_error (error);
  g_test_message ("%s", range_text (view));
  g_assert_nonnull (strstr (range_text (view), "No ranges: there is not enough history"));

  gtk_window_destroy (window);
  ui_test_drain ();
  g_assert_finalize_object (view);
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

static void
test_customer_page (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = ui_test_new_demo_shop (300, TRUE, &dir);
  RegCustomersView *view = REG_CUSTOMERS_VIEW (g_object_ref_sink (reg_customers_view_new ()));
  GtkWindow *window;
  RegCustomerDetail *detail;
  g_autoptr(RegCustomer) c = NULL;
  const char *text;

  reg_customers_view_set_shop (view, shop);
  window = show (GTK_WIDGET (view));
  detail = REG_CUSTOMER_DETAIL (reg_customers_view_get_detail (view));
  /* the most valuable customer ahead has more visits ahead than none */
  reg_customers_view_sort_by (view, "clv", GTK_SORT_DESCENDING);
  c = g_list_model_get_item (reg_customers_view_get_model (view), 0);
  g_assert_true (reg_customers_view_select_customer (view, reg_customer_get_id (c)));
  text = reg_customer_detail_get_prediction_text (detail);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "more visits in the next 12 months (80 %)"));
  g_assert_nonnull (strstr (text, ", worth "));

  gtk_window_destroy (window);
  ui_test_drain ();
  g_clear_object (&c);
  g_assert_finalize_object (view);
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/ranges/overview-card", test_overview_card);
  g_test_add_func ("/ui/ranges/overview-too-little-history", test_overview_too_little_history);
  g_test_add_func ("/ui/ranges/customer-page", test_customer_page);
  return g_test_run ();
}
