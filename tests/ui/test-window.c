/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window end to end on a new shop: empty state, entering a customer and three sales
 * through the entry row (keyboard path: Enter in the fields, suggestions), an invalid amount
 * and date shown inline with nothing saved, the sales in Customers and, after the background
 * analysis, in the Overview figures; deleting a sale and undoing it; view shortcuts.
 */
#include "config.h"

#include "clv-date.h"
#include "reg-application.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-overview-view.h"
#include "reg-sale-editor.h"
#include "reg-sale-entry.h"
#include "reg-sale.h"
#include "reg-sales-view.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"

typedef struct
{
  char         *dir;
  RegShop      *shop;
  RegWindow    *window;
  GtkWidget    *entry;          /* RegSaleEntry */
  GtkEditable  *customer;
  GtkEditable  *date;
  GtkEditable  *amount;
  GtkEditable  *note;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  RegSalesView *sales;

  f->shop = ui_test_new_shop (&f->dir);
  f->window = reg_window_new (NULL, f->shop);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);

  sales = REG_SALES_VIEW (reg_window_get_view (f->window, "sales"));
  f->entry = reg_sales_view_get_entry (sales);
  f->customer = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "customer_entry");
  f->date = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "date_entry");
  f->amount = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "amount_entry");
  f->note = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "note_entry");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* let a running analysis end: it holds the window until then */
  UI_WAIT_UNTIL (!reg_window_get_analysis_running (f->window), 60);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static guint
n_sales (Fixture *f)
{
  return g_list_model_get_n_items (reg_shop_get_sales (f->shop));
}

static guint
n_customers (Fixture *f)
{
  return g_list_model_get_n_items (reg_shop_get_customers (f->shop));
}

static void
type_sale (Fixture    *f,
           const char *customer,
           const char *date,
           const char *amount,
           GtkEditable *press_enter_in)
{
  gtk_editable_set_text (f->customer, customer);
  if (date != NULL)
    gtk_editable_set_text (f->date, date);
  gtk_editable_set_text (f->amount, amount);
  g_signal_emit_by_name (press_enter_in, "activate");
}

static char *
format_day_offset (Fixture *f,
                   int      days)
{
  return reg_shop_format_date (f->shop, clv_date_today () + days);
}

static void
test_empty_state_and_views (Fixture       *f,
                            gconstpointer  data)
{
  RegOverviewView *overview = REG_OVERVIEW_VIEW (reg_window_get_view (f->window, "overview"));
  GtkStack *stack = ui_test_child (overview, REG_TYPE_OVERVIEW_VIEW, "stack");
  static const char *views[] = { "overview", "customers", "sales", "segments", "reports" };

  g_assert_cmpstr (reg_window_get_visible_view (f->window), ==, "overview");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (gtk_widget_get_visible (ui_test_child (overview, REG_TYPE_OVERVIEW_VIEW, "demo_button")));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i]);
      g_assert_cmpstr (reg_window_get_visible_view (f->window), ==, views[i]);
    }

  /* Ctrl+F: search in Customers */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  g_assert_cmpstr (reg_window_get_visible_view (f->window), ==, "customers");
  UI_WAIT_UNTIL (ui_test_focus_within (ui_test_child (reg_window_get_view (f->window, "customers"),
                                                      REG_TYPE_CUSTOMERS_VIEW, "search_entry")), 5);

  /* "Add a sale" of the empty state: the Sales view with the focus in the customer field */
  gtk_widget_activate_action (ui_test_child (overview, REG_TYPE_OVERVIEW_VIEW, "add_sale_button"),
                              "win.new-sale", NULL);
  g_assert_cmpstr (reg_window_get_visible_view (f->window), ==, "sales");
  UI_WAIT_UNTIL (ui_test_focus_within (GTK_WIDGET (f->customer)), 5);

  /* date defaults to today in the shop's format */
  {
    g_autofree char *today = format_day_offset (f, 0);
    g_assert_cmpstr (gtk_editable_get_text (f->date), ==, today);
  }
}

static void
test_enter_sales (Fixture       *f,
                  gconstpointer  data)
{
  RegCustomersView *customers_view = REG_CUSTOMERS_VIEW (reg_window_get_view (f->window, "customers"));
  RegOverviewView *overview = REG_OVERVIEW_VIEW (reg_window_get_view (f->window, "overview"));
  GtkWidget *hint = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "customer_hint");
  g_autofree char *week_ago = format_day_offset (f, -7);
  g_autofree char *month_ago = format_day_offset (f, -30);
  g_autofree char *total = NULL;
  g_autoptr(RegCustomer) anna = NULL;
  GListModel *shown;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-sale", NULL);
  UI_WAIT_UNTIL (ui_test_focus_within (GTK_WIDGET (f->customer)), 5);

  /* 1: a new customer, Enter in the amount field */
  gtk_editable_set_text (f->customer, "Anna Example");
  g_assert_true (gtk_widget_get_visible (hint));   /* "new customer: added when you save" */
  gtk_editable_set_text (f->note, "first visit");
  type_sale (f, "Anna Example", NULL, "12.50", f->amount);
  g_assert_cmpuint (n_sales (f), ==, 1);
  g_assert_cmpuint (n_customers (f), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (f->customer), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (f->amount), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (f->note), ==, "");
  g_assert_false (gtk_widget_get_visible (hint));
  UI_WAIT_UNTIL (ui_test_focus_within (GTK_WIDGET (f->customer)), 5);

  /* 2: pick the customer from the suggestions with Enter, a week ago */
  gtk_editable_set_text (f->customer, "ann");
  g_assert_cmpuint (reg_sale_entry_get_n_suggestions (REG_SALE_ENTRY (f->entry)), ==, 1);
  g_assert_true (gtk_widget_get_visible (ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "suggestion_popover")));
  g_signal_emit_by_name (f->customer, "activate");
  g_assert_false (gtk_widget_get_visible (ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "suggestion_popover")));
  UI_WAIT_UNTIL (ui_test_focus_within (GTK_WIDGET (f->amount)), 5);   /* on to the amount */
  g_assert_cmpstr (gtk_editable_get_text (f->customer), ==, "Anna Example");
  g_assert_cmpuint (n_sales (f), ==, 1);            /* picking does not save */
  gtk_editable_set_text (f->date, week_ago);
  gtk_editable_set_text (f->amount, "20");
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_cmpuint (n_sales (f), ==, 2);
  g_assert_cmpuint (n_customers (f), ==, 1);
  /* the date stays for the next sale */
  g_assert_cmpstr (gtk_editable_get_text (f->date), ==, week_ago);

  /* 3: typed name of an existing customer, Enter in the date field */
  type_sale (f, "Anna Example", month_ago, "7.25", f->date);
  g_assert_cmpuint (n_sales (f), ==, 3);
  g_assert_cmpuint (n_customers (f), ==, 1);

  /* in Customers: one customer, three purchase days, 39.75 in all */
  shown = reg_customers_view_get_model (customers_view);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);   /* the models follow at once */
  anna = g_list_model_get_item (shown, 0);
  g_assert_cmpuint (reg_customer_get_purchases (anna), ==, 3);
  g_assert_cmpstr (reg_customer_get_name (anna), ==, "Anna Example");
  g_assert_cmpint (reg_customer_get_total_spend (anna), ==, 1250 + 2000 + 725);

  /* in the Overview, once the background analysis has run */
  total = reg_shop_format_amount (f->shop, 1250 + 2000 + 725);
  UI_WAIT_UNTIL (reg_overview_view_get_summary (overview) != NULL
                 && reg_overview_view_get_summary (overview)->revenue == 3975
                 && !reg_window_get_analysis_running (f->window), 60);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_test_child (overview, REG_TYPE_OVERVIEW_VIEW, "stack")),
                   ==, "content");
  g_assert_cmpstr (gtk_label_get_text (ui_test_child (overview, REG_TYPE_OVERVIEW_VIEW, "customers_value")),
                   ==, "1");
  g_assert_cmpstr (gtk_label_get_text (ui_test_child (overview, REG_TYPE_OVERVIEW_VIEW, "revenue_value")),
                   ==, total);
}

static void
test_invalid_input (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *amount_error = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "amount_error");
  GtkWidget *date_error = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "date_error");
  GtkWidget *customer_error = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "customer_error");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-sale", NULL);

  /* an amount that does not read: error under the field, focus there, nothing saved */
  type_sale (f, "Bob Builder", NULL, "twelve", f->amount);
  g_assert_true (gtk_widget_get_visible (amount_error));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->amount), "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (amount_error)), !=, "");
  g_assert_false (gtk_widget_get_visible (customer_error));
  g_assert_cmpuint (n_sales (f), ==, 0);
  g_assert_cmpuint (n_customers (f), ==, 0);   /* Bob was not created either */
  g_assert_cmpstr (gtk_editable_get_text (f->customer), ==, "Bob Builder");   /* nothing lost */
  UI_WAIT_UNTIL (ui_test_focus_within (GTK_WIDGET (f->amount)), 5);

  /* typing again clears the error */
  gtk_editable_set_text (f->amount, "12");
  g_assert_false (gtk_widget_get_visible (amount_error));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->amount), "error"));

  /* a date that does not read */
  type_sale (f, "Bob Builder", "31/31/2024x", "12", f->amount);
  g_assert_true (gtk_widget_get_visible (date_error));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->date), "error"));
  g_assert_cmpuint (n_sales (f), ==, 0);

  /* a date years ahead: its error on the date, not on the amount, which is fine */
  {
    g_autofree char *ahead = clv_date_format_iso (clv_date_today () + 3 * 366);

    gtk_editable_set_text (f->date, "");
    type_sale (f, "Bob Builder", ahead, "12", f->amount);
    g_assert_true (gtk_widget_get_visible (date_error));
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->date), "error"));
    g_assert_false (gtk_widget_get_visible (amount_error));
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->amount), "error"));
    g_assert_cmpuint (n_sales (f), ==, 0);
  }

  /* no customer */
  gtk_editable_set_text (f->date, "");
  type_sale (f, "", NULL, "12", f->amount);
  g_assert_true (gtk_widget_get_visible (customer_error));
  g_assert_cmpuint (n_sales (f), ==, 0);
  g_assert_cmpuint (n_customers (f), ==, 0);

  /* fixed: saves (empty date = today), errors gone */
  type_sale (f, "Bob Builder", NULL, "12", f->amount);
  g_assert_cmpuint (n_sales (f), ==, 1);
  g_assert_false (gtk_widget_get_visible (customer_error));
  g_assert_false (gtk_widget_get_visible (amount_error));
}

static void
test_refund_toggle (Fixture       *f,
                    gconstpointer  data)
{
  GtkSwitch *refund = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "refund_switch");
  GtkLabel *amount_label = ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, "amount_label");
  g_autoptr(RegSale) sale = NULL;

  type_sale (f, "Carla", NULL, "30", f->amount);
  /* a switch with its name beside it, off; the amount is a plain amount */
  g_assert_true (GTK_IS_SWITCH (refund));
  g_assert_false (gtk_switch_get_active (refund));
  g_assert_cmpstr (gtk_label_get_text (amount_label), ==, "Amount");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->amount), "warning"));
  g_assert_null (gtk_entry_get_icon_name (GTK_ENTRY (f->amount), GTK_ENTRY_ICON_PRIMARY));
  /* on: the amount field itself says it is a refund */
  gtk_switch_set_active (refund, TRUE);
  g_assert_cmpstr (gtk_label_get_text (amount_label), ==, "Amount refunded");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->amount), "warning"));
  g_assert_nonnull (gtk_entry_get_icon_name (GTK_ENTRY (f->amount), GTK_ENTRY_ICON_PRIMARY));
  type_sale (f, "Carla", NULL, "5", f->amount);
  g_assert_cmpuint (n_sales (f), ==, 2);
  sale = g_list_model_get_item (reg_shop_get_sales (f->shop), 0);
  g_assert_cmpint (reg_sale_get_amount (sale), ==, -500);
  /* the word says it is a refund: the amount without a minus sign */
  g_assert_nonnull (strstr (reg_sale_entry_get_saved_message (REG_SALE_ENTRY (f->entry)),
                            "Refund of "));
  g_assert_null (strstr (reg_sale_entry_get_saved_message (REG_SALE_ENTRY (f->entry)), "-"));
  g_assert_false (gtk_switch_get_active (refund));   /* cleared after saving */
  g_assert_cmpstr (gtk_label_get_text (amount_label), ==, "Amount");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->amount), "warning"));
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  RegSalesView *sales = REG_SALES_VIEW (reg_window_get_view (f->window, "sales"));
  GListModel *model = reg_sales_view_get_model (sales);
  g_autoptr(RegSale) newest = NULL;
  g_autoptr(RegSale) back = NULL;
  gint64 amount;

  type_sale (f, "Dora", NULL, "10", f->amount);
  type_sale (f, "Dora", NULL, "11.11", f->amount);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_false (reg_sales_view_can_undo (sales));

  newest = g_list_model_get_item (model, 0);
  amount = reg_sale_get_amount (newest);
  gtk_widget_activate_action (GTK_WIDGET (sales), "sales.delete", "x", reg_sale_get_id (newest));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (reg_sales_view_can_undo (sales));

  gtk_widget_activate_action (GTK_WIDGET (sales), "sales.undo-delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_false (reg_sales_view_can_undo (sales));
  back = g_list_model_get_item (model, 0);
  g_assert_cmpint (reg_sale_get_amount (back), ==, amount);
  g_assert_cmpint (reg_sale_get_day (back), ==, reg_sale_get_day (newest));
  g_assert_cmpint (reg_sale_get_customer_id (back), ==, reg_sale_get_customer_id (newest));
}

static void
test_edit_sale (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RegSale) sale = NULL;
  g_autoptr(RegSale) edited = NULL;
  GtkWindow *editor;
  GtkEditable *amount;

  type_sale (f, "Erin", NULL, "10", f->amount);
  sale = g_list_model_get_item (reg_shop_get_sales (f->shop), 0);

  editor = reg_sale_editor_new (f->shop, reg_sale_get_id (sale));
  gtk_window_set_transient_for (editor, GTK_WINDOW (f->window));
  gtk_window_present (editor);
  amount = ui_test_child (editor, REG_TYPE_SALE_EDITOR, "amount_row");
  /* the amount as the shop writes it reads back */
  {
    g_autofree char *shown = reg_shop_format_amount (f->shop, 1000);
    g_assert_cmpstr (gtk_editable_get_text (amount), ==, shown);
  }
  gtk_editable_set_text (amount, "ten");
  g_assert_false (reg_sale_editor_save (REG_SALE_EDITOR (editor)));
  g_assert_true (gtk_widget_get_visible (ui_test_child (editor, REG_TYPE_SALE_EDITOR, "error_label")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (amount), "error"));
  gtk_editable_set_text (amount, "12.34");
  gtk_editable_set_text (ui_test_child (editor, REG_TYPE_SALE_EDITOR, "note_row"), "corrected");
  g_assert_true (reg_sale_editor_save (REG_SALE_EDITOR (editor)));
  ui_test_drain ();

  edited = g_list_model_get_item (reg_shop_get_sales (f->shop), 0);
  g_assert_cmpint (reg_sale_get_id (edited), ==, reg_sale_get_id (sale));
  g_assert_cmpint (reg_sale_get_amount (edited), ==, 1234);
  g_assert_cmpstr (reg_sale_get_note (edited), ==, "corrected");
}

/* The application as `regulars` runs it: startup, a shop opened by path, the menu's actions
 * reachable from the window (the window's own actions and GtkApplicationWindow's help
 * overlay side by side), the last shop remembered. */
static void
test_application (void)
{
  g_autoptr(RegApplication) app = reg_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "app.regulars", NULL);
  g_autofree char *last = NULL;
  GtkWindow *window;
  GList *windows;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (reg_application_open_shop (app, path, TRUE, NULL));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_assert_true (REG_IS_WINDOW (window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  settings = g_settings_new (APP_ID);
  last = g_settings_get_string (settings, "last-shop");
  g_assert_cmpstr (last, ==, path);

  /* every item of the primary menu resolves from inside the window */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "new-shop"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "open-shop"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  ui_test_drain ();

  /* the demo shop of the empty state: written in the user's data folder (a temp dir here) in
   * a worker thread, then opened in place of this window */
  {
    g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "regulars", "demo.regulars", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
    UI_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL
                   && gtk_application_get_windows (GTK_APPLICATION (app))->data != (gpointer) window, 60);
    window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
    g_assert_cmpstr (reg_shop_get_path (reg_window_get_shop (REG_WINDOW (window))), ==, demo);
    g_assert_cmpuint (g_list_model_get_n_items (reg_shop_get_customers (reg_window_get_shop (REG_WINDOW (window)))),
                      ==, 500);
  }

  /* a second shop replaces the window */
  {
    g_autofree char *other = g_build_filename (dir, "other.regulars", NULL);
    g_assert_true (reg_application_open_shop (app, other, TRUE, window));
    windows = gtk_application_get_windows (GTK_APPLICATION (app));
    g_assert_true (REG_IS_WINDOW (windows->data));
    g_assert_true (windows->data != (gpointer) window);
    g_assert_cmpstr (reg_shop_get_path (reg_window_get_shop (windows->data)), ==, other);
  }

  /* not a shop: FALSE, and the window stays */
  {
    g_autofree char *junk = g_build_filename (dir, "junk.txt", NULL);
    g_assert_true (g_file_set_contents (junk, "not a shop\n", -1, NULL));
    g_assert_false (reg_application_open_shop (app, junk, FALSE, NULL));
    g_assert_cmpint (reg_application_get_exit_status (app), ==, 1);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ui_test_drain ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  reg_test_rm_rf (dir);
}

/* A view gets the shop when first shown or asked for; the page shown when the window appears
 * gets it then, so a window built to show Customers never loads the Overview. */
static void
test_views_load_when_shown (Fixture       *f,
                            gconstpointer  data)
{
  RegCustomersView *customers = ui_test_child (f->window, REG_TYPE_WINDOW, "customers_view");
  RegOverviewView *overview = ui_test_child (f->window, REG_TYPE_WINDOW, "overview_view");
  g_autoptr(RegWindow) other = NULL;

  g_assert_true (reg_overview_view_get_shop (overview) == f->shop);   /* shown at start */
  g_assert_null (reg_customers_view_get_shop (customers));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "customers");
  g_assert_true (reg_customers_view_get_shop (customers) == f->shop);

  other = g_object_ref_sink (reg_window_new (NULL, f->shop));
  overview = ui_test_child (other, REG_TYPE_WINDOW, "overview_view");
  customers = ui_test_child (other, REG_TYPE_WINDOW, "customers_view");
  reg_window_show_view (other, "customers");
  g_assert_true (reg_customers_view_get_shop (customers) == f->shop);
  gtk_window_present (GTK_WINDOW (other));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (other)), 10);
  g_assert_null (reg_overview_view_get_shop (overview));
  /* asked for, it has the shop and what the window knows of the figures */
  g_assert_true (reg_window_get_view (other, "overview") == GTK_WIDGET (overview));
  g_assert_true (reg_overview_view_get_shop (overview) == f->shop);
  gtk_window_destroy (GTK_WINDOW (other));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/window/empty-state-and-views", Fixture, NULL, fixture_set_up, test_empty_state_and_views,
              fixture_tear_down);
  g_test_add ("/ui/window/enter-sales", Fixture, NULL, fixture_set_up, test_enter_sales, fixture_tear_down);
  g_test_add ("/ui/window/invalid-input", Fixture, NULL, fixture_set_up, test_invalid_input, fixture_tear_down);
  g_test_add ("/ui/window/refund-toggle", Fixture, NULL, fixture_set_up, test_refund_toggle, fixture_tear_down);
  g_test_add ("/ui/window/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/ui/window/edit-sale", Fixture, NULL, fixture_set_up, test_edit_sale, fixture_tear_down);
  g_test_add ("/ui/window/views-load-when-shown", Fixture, NULL, fixture_set_up, test_views_load_when_shown,
              fixture_tear_down);
  g_test_add_func ("/ui/window/application", test_application);
  return g_test_run ();
}
