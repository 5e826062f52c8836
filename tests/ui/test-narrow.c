/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at every width, on an analysed demo shop: at 360 px the customer list is one
 * two-line column (the name over the spend and last purchase), the customer's page is a page of
 * its own with a way back, the sales keep their amounts whole, and no label anywhere is
 * ellipsised down to a letter or wrapped inside its words; at 1100 and 1920 px with the
 * customer's page open the table shows whole columns only, the name first. And the Overview's
 * cohort heat map has a row for every cohort (grouped by quarter when there are many).
 */
#include "config.h"

#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-chart.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-overview-view.h"
#include "reg-reports-view.h"
#include "reg-sales-view.h"
#include "reg-segments-view.h"
#include "reg-test-utils.h"
#include "reg-width-watch.h"
#include "reg-window.h"
#include "ui-test-utils.h"

#define N_DEMO 150

typedef struct
{
  char      *dir;
  RegShop   *shop;
  RegWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->shop = ui_test_new_demo_shop (N_DEMO, TRUE, &f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* Lets every width watch under @widget report the width it has. */
static gboolean
watches_settled (GtkWidget *widget)
{
  if (REG_IS_WIDTH_WATCH (widget) && gtk_widget_get_mapped (widget)
      && reg_width_watch_get_width (REG_WIDTH_WATCH (widget)) != gtk_widget_get_width (widget))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!watches_settled (child))
      return FALSE;
  return TRUE;
}

static void
settle (Fixture *f)
{
  ui_test_wait_frames (GTK_WIDGET (f->window), 3);
  UI_WAIT_UNTIL (watches_settled (GTK_WIDGET (f->window)), 10);
  ui_test_wait_frames (GTK_WIDGET (f->window), 3);
}

/* On failure: the widgets that ask for more than 330 px, down to the one that does. */
static void
print_wide (GtkWidget *widget,
            int        depth)
{
  int min = 0;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min < 330)
    return;
  g_printerr ("%*s%s needs %d px\n", depth, "", G_OBJECT_TYPE_NAME (widget), min);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    print_wide (child, depth + 1);
}

static void
open_window (Fixture *f,
             int      width)
{
  f->window = reg_window_new (NULL, f->shop);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);
  UI_WAIT_UNTIL (!reg_window_get_analysis_running (f->window), 60);
  settle (f);
  if (gtk_widget_get_width (GTK_WIDGET (f->window)) > width)
    print_wide (GTK_WIDGET (f->window), 0);
  /* the window's smallest width allows a phone's 360 px (GTK takes its frame out of the
   * default size: the window itself is a little narrower, never wider) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, width - 16);
}

static RegCustomersView *
show_customers (Fixture *f)
{
  reg_window_show_view (f->window, "customers");
  settle (f);
  return REG_CUSTOMERS_VIEW (reg_window_get_view (f->window, "customers"));
}

static GtkColumnViewColumn *
column (GtkColumnView *view,
        guint          i)
{
  g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (gtk_column_view_get_columns (view), i);
  return col;   /* the column view holds it */
}

/* The name cells drawn: boxes of two inscriptions, the name over its second line. */
static void
collect_name_cells (GtkWidget *widget,
                    GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BOX (child) && gtk_widget_get_mapped (child)
          && GTK_IS_INSCRIPTION (gtk_widget_get_first_child (child))
          && GTK_IS_INSCRIPTION (gtk_widget_get_last_child (child))
          && gtk_widget_get_first_child (child) != gtk_widget_get_last_child (child))
        g_ptr_array_add (out, child);
      else
        collect_name_cells (child, out);
    }
}

/* No column cut or scrolled out of sight: the table is as wide as the list, or narrower. */
static void
assert_no_column_cut (GtkColumnView *view)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
}

/* Every name cell drawn lies within the list, and shows a customer's name. */
static void
assert_names_visible (GtkColumnView *view,
                      gboolean       two_lines)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  int width = gtk_widget_get_width (GTK_WIDGET (view));

  g_assert_true (gtk_column_view_column_get_visible (column (view, 0)));
  g_assert_cmpstr (gtk_column_view_column_get_title (column (view, 0)), ==, "Name");
  collect_name_cells (GTK_WIDGET (view), cells);
  g_assert_cmpuint (cells->len, >, 3);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = cells->pdata[i];
      GtkWidget *name = gtk_widget_get_first_child (cell);
      GtkWidget *sub = gtk_widget_get_last_child (cell);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (name, GTK_WIDGET (view), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width + 0.5);
      /* wide enough for a name, not an ellipsis */
      g_assert_cmpfloat (bounds.size.width, >=, 120);
      g_assert_nonnull (gtk_inscription_get_text (GTK_INSCRIPTION (name)));
      g_assert_cmpuint (strlen (gtk_inscription_get_text (GTK_INSCRIPTION (name))), >, 0);
      g_assert_true (gtk_widget_get_visible (sub) == two_lines);
      if (two_lines)
        {
          /* the spend and the last purchase under the name, drawn below it */
          graphene_rect_t sub_bounds;

          g_assert_nonnull (strstr (gtk_inscription_get_text (GTK_INSCRIPTION (sub)), "last "));
          g_assert_true (gtk_widget_compute_bounds (sub, GTK_WIDGET (view), &sub_bounds));
          g_assert_cmpfloat (sub_bounds.origin.y, >=, bounds.origin.y + bounds.size.height - 0.5);
        }
    }
}

static void
test_customers_360 (Fixture       *f,
                    gconstpointer  data)
{
  RegCustomersView *view;
  GtkColumnView *table;
  AdwLeaflet *leaflet;
  GtkWidget *detail_page, *back_bar;
  g_autoptr(RegCustomer) top = NULL;
  guint n_visible = 0;

  open_window (f, 360);
  view = show_customers (f);
  table = reg_customers_view_get_column_view (view);
  leaflet = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "leaflet");
  detail_page = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "detail_page");
  back_bar = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "back_bar");

  /* one column, the name, over the whole list, two lines a row */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (table)); i++)
    n_visible += gtk_column_view_column_get_visible (column (table, i));
  g_assert_cmpuint (n_visible, ==, 1);
  assert_names_visible (table, TRUE);
  assert_no_column_cut (table);

  /* a customer opened is a page of its own, with a way back to the list */
  reg_customers_view_sort_by (view, "clv", GTK_SORT_DESCENDING);
  top = g_list_model_get_item (reg_customers_view_get_model (view), 0);
  g_assert_true (reg_customers_view_select_customer (view, reg_customer_get_id (top)));
  settle (f);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == detail_page);
  g_assert_true (gtk_widget_get_mapped (back_bar));
  /* once the slide is over, the list is out of sight */
  UI_WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (table)), 10);
  g_assert_cmpint (gtk_widget_get_width (detail_page), ==, gtk_widget_get_width (GTK_WIDGET (view)));
  /* the Back button */
  g_signal_emit_by_name (gtk_widget_get_first_child (back_bar), "clicked");
  settle (f);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != detail_page);
  UI_WAIT_UNTIL (!gtk_widget_get_mapped (detail_page), 10);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (table)));
  assert_names_visible (table, TRUE);
}

/* The middle of row @pos of the list, in the column view's coordinates (the row's name cell). */
static gboolean
find_row_point (GtkWidget *widget, GtkWidget *table, guint pos, graphene_point_t *out)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "reg-list-item");

  if (item != NULL && gtk_list_item_get_item (item) != NULL && gtk_list_item_get_position (item) == pos
      && gtk_widget_get_mapped (widget))
    {
      graphene_point_t mid = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                  gtk_widget_get_height (widget) / 2.f);
      return gtk_widget_compute_point (widget, table, &mid, out);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_row_point (c, table, pos, out))
      return TRUE;
  return FALSE;
}

/* A tap on row @pos, as the list's tap gesture (the one run before the rows') is told of it. */
static void
tap_row (GtkColumnView *table, guint pos)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (table));
  graphene_point_t at;
  gboolean tapped = FALSE;

  g_assert_true (find_row_point (GTK_WIDGET (table), GTK_WIDGET (table), pos, &at));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (c)
          && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (c, "released", 1, (double) at.x, (double) at.y);
          tapped = TRUE;
        }
    }
  g_assert_true (tapped);
}

/* On a narrow window a tap opens a customer; in Select mode taps select several instead, and
 * the list stays the two-line list. */
static void
test_customers_360_select (Fixture       *f,
                           gconstpointer  data)
{
  RegCustomersView *view;
  GtkColumnView *table;
  AdwLeaflet *leaflet;
  GtkWidget *select_button;
  GtkLabel *count;
  g_autoptr(GArray) ids = NULL;

  open_window (f, 360);
  view = show_customers (f);
  table = reg_customers_view_get_column_view (view);
  leaflet = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "leaflet");
  select_button = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "select_button");
  count = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "count_label");
  g_assert_true (gtk_widget_get_mapped (select_button));
  g_assert_true (gtk_column_view_get_single_click_activate (table) == adw_leaflet_get_folded (leaflet));

  gtk_widget_activate_action (GTK_WIDGET (view), "customers.selecting", NULL);
  settle (f);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  g_assert_false (gtk_column_view_get_single_click_activate (table));
  tap_row (table, 0);
  tap_row (table, 2);
  tap_row (table, 3);
  settle (f);
  ids = reg_customers_view_get_selected_ids (view);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (count), "3 selected"));
  /* no customer's page opened over the list */
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW,
                                                                            "detail_page"));
  assert_names_visible (table, TRUE);
  assert_no_column_cut (table);

  /* a second tap takes a row out again */
  tap_row (table, 2);
  settle (f);
  g_clear_pointer (&ids, g_array_unref);
  ids = reg_customers_view_get_selected_ids (view);
  g_assert_cmpuint (ids->len, ==, 2);

  /* out of Select mode a tap does what it did before */
  gtk_widget_activate_action (GTK_WIDGET (view), "customers.selecting", NULL);
  settle (f);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select_button)));
  g_assert_true (gtk_column_view_get_single_click_activate (table) == adw_leaflet_get_folded (leaflet));
}

static void
check_wide (Fixture *f,
            int      width)
{
  RegCustomersView *view;
  GtkColumnView *table;
  GtkWidget *detail_page;
  g_autoptr(RegCustomer) top = NULL;
  guint n_visible = 0, n_columns;

  open_window (f, width);
  view = show_customers (f);
  table = reg_customers_view_get_column_view (view);
  detail_page = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "detail_page");
  n_columns = g_list_model_get_n_items (gtk_column_view_get_columns (table));
  reg_customers_view_sort_by (view, "clv", GTK_SORT_DESCENDING);
  top = g_list_model_get_item (reg_customers_view_get_model (view), 0);
  g_assert_true (reg_customers_view_select_customer (view, reg_customer_get_id (top)));
  settle (f);

  /* the customer beside the list; the table whole, the name first, one line a row */
  g_assert_false (adw_leaflet_get_folded (ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "leaflet")));
  g_assert_true (gtk_widget_get_mapped (detail_page));
  g_assert_false (gtk_widget_get_mapped (ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "back_bar")));
  assert_no_column_cut (table);
  assert_names_visible (table, FALSE);
  for (guint i = 0; i < n_columns; i++)
    n_visible += gtk_column_view_column_get_visible (column (table, i));
  /* more than the name where there is room; every column at 1920 px */
  g_assert_cmpuint (n_visible, >=, 5);
  if (width >= 1920)
    g_assert_cmpuint (n_visible, ==, n_columns);
  else if (width >= 1270)
    g_assert_cmpuint (n_visible, >=, 6);

  /* closed, the list takes the room back: more columns, or all */
  gtk_widget_activate_action (GTK_WIDGET (view), "customers.close-detail", NULL);
  settle (f);
  assert_no_column_cut (table);
  {
    guint n_after = 0;

    for (guint i = 0; i < n_columns; i++)
      n_after += gtk_column_view_column_get_visible (column (table, i));
    g_assert_cmpuint (n_after, >=, n_visible);
  }
}

static void
test_customers_1100 (Fixture       *f,
                     gconstpointer  data)
{
  check_wide (f, 1100);
}

/* 1920 px, or as wide as the test's X screen allows (xvfb-run's is 1280 px by default) */
static void
test_customers_widest (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  check_wide (f, MIN (1920, geometry.width));
}

static void
test_sales_360 (Fixture       *f,
                gconstpointer  data)
{
  RegSalesView *view;
  GtkColumnView *table;
  GtkColumnViewColumn *amount = NULL;
  int width;

  open_window (f, 360);
  reg_window_show_view (f->window, "sales");
  settle (f);
  view = REG_SALES_VIEW (reg_window_get_view (f->window, "sales"));
  table = ui_test_child (view, REG_TYPE_SALES_VIEW, "column_view");
  width = gtk_widget_get_width (GTK_WIDGET (table));
  assert_no_column_cut (table);
  /* the amount column is shown and lies within the list */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (table)); i++)
    if (g_strcmp0 (gtk_column_view_column_get_title (column (table, i)), "Amount") == 0)
      amount = column (table, i);
  g_assert_nonnull (amount);
  g_assert_true (gtk_column_view_column_get_visible (amount));
  {
    int x = 0;

    for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (table)); i++)
      {
        GtkColumnViewColumn *col = column (table, i);

        if (col == amount)
          break;
        if (gtk_column_view_column_get_visible (col))
          x += gtk_column_view_column_get_fixed_width (col);
      }
    g_assert_cmpint (x + gtk_column_view_column_get_fixed_width (amount), <=, width);
  }
}

/* ---- no label cut to a letter, none wrapped inside its words ---- */

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

static void
check_labels (GtkWidget  *widget,
              const char *where,
              GString    *bad)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_width (widget) > 0)
    {
      GtkLabel *label = GTK_LABEL (widget);
      const char *text = gtk_label_get_text (label);
      int width = gtk_widget_get_width (widget);

      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE && g_utf8_strlen (text, -1) > 2
          && pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        {
          /* room for at least two letters and the ellipsis */
          g_autofree char *two = g_utf8_substring (text, 0, 2);
          g_autofree char *shown = g_strconcat (two, "…", NULL);

          if (width < text_width (widget, shown))
            g_string_append_printf (bad, "%s: \"%s\" ellipsised to %d px\n", where, text, width);
          /* a heading is read whole */
          else if (gtk_widget_has_css_class (widget, "heading"))
            g_string_append_printf (bad, "%s: heading \"%s\" ellipsised\n", where, text);
        }
      if (gtk_label_get_wrap (label) && !gtk_label_get_single_line_mode (label))
        {
          g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);

          /* an ordinary word never breaks (a long address may) */
          for (guint i = 0; words[i] != NULL; i++)
            if (g_utf8_strlen (words[i], -1) <= 20 && text_width (widget, words[i]) > width + 1)
              {
                g_string_append_printf (bad, "%s: \"%s\" wraps inside \"%s\" at %d px\n", where, text,
                                        words[i], width);
                break;
              }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, where, bad);
}

static void
test_labels_360 (Fixture       *f,
                 gconstpointer  data)
{
  static const char *views[] = { "overview", "customers", "sales", "segments", "reports",
                                 "products" };
  g_autoptr(GString) bad = g_string_new (NULL);

  open_window (f, 360);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *view;

      reg_window_show_view (f->window, views[i]);
      view = reg_window_get_view (f->window, views[i]);
      /* a selection with its long title and description, as an owner opens it */
      if (REG_IS_SEGMENTS_VIEW (view))
        reg_segments_view_select (REG_SEGMENTS_VIEW (view), "at-risk", NULL);
      settle (f);
      /* no page makes the window wider than a phone */
      if (gtk_widget_get_width (GTK_WIDGET (f->window)) > 360)
        print_wide (GTK_WIDGET (f->window), 0);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
      /* the whole page, scrolled through: labels below the fold are laid out too */
      check_labels (view, views[i], bad);
    }
  /* the customer's own page */
  {
    RegCustomersView *customers = show_customers (f);
    g_autoptr(RegCustomer) top = NULL;

    reg_customers_view_sort_by (customers, "clv", GTK_SORT_DESCENDING);
    top = g_list_model_get_item (reg_customers_view_get_model (customers), 0);
    reg_customers_view_select_customer (customers, reg_customer_get_id (top));
    settle (f);
    check_labels (GTK_WIDGET (customers), "customer", bad);
  }
  if (bad->len > 0)
    g_error ("at 360 px:\n%s", bad->str);
}

/* The bottom bar holds all six views at 360 px with each name whole: an owner reads
 * "Customers", not "Custom…". */
static void
test_switcher_bar_360 (Fixture       *f,
                       gconstpointer  data)
{
  open_window (f, 360);
  ui_test_assert_switcher_bar_whole (GTK_WIDGET (f->window), 6);
}

/* The buttons that go under each other when narrow stand side by side when there is room. */
static void
assert_one_line (GtkWidget  *flow_box,
                 const char *what)
{
  double y = -1;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_point_t at;

      if (!gtk_widget_get_visible (child))
        continue;
      g_assert_true (gtk_widget_compute_point (child, flow_box, &GRAPHENE_POINT_INIT (0, 0), &at));
      if (n++ > 0 && at.y != y)
        g_error ("%s: the buttons are not on one line", what);
      y = at.y;
    }
  g_assert_cmpuint (n, >=, 2);
}

static void
test_buttons_wide (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *reports, *segments;

  open_window (f, 1100);
  reg_window_show_view (f->window, "reports");
  settle (f);
  reports = reg_window_get_view (f->window, "reports");
  assert_one_line (ui_test_child (reports, REG_TYPE_REPORTS_VIEW, "print_actions"), "reports");
  reg_window_show_view (f->window, "segments");
  segments = reg_window_get_view (f->window, "segments");
  reg_segments_view_select (REG_SEGMENTS_VIEW (segments), "at-risk", NULL);
  settle (f);
  /* beside the selection's title, not over it */
  g_assert_false (gtk_widget_get_visible (ui_test_child (segments, REG_TYPE_SEGMENTS_VIEW, "narrow_actions")));
  assert_one_line (ui_test_child (segments, REG_TYPE_SEGMENTS_VIEW, "selection_actions"), "segments");
}

/* ---- the cohort heat map ---- */

static void
replace_cohorts (RegAnalysisSummary *s,
                 int                 year,
                 int                 month,
                 guint               n)
{
  g_ptr_array_set_size (s->cohorts, 0);
  for (guint i = 0; i < n; i++)
    {
      RegCohortRow *row = g_new0 (RegCohortRow, 1);
      int m = month - 1 + (int) i;

      row->month = clv_date_from_ymd (year + m / 12, m % 12 + 1, 1);
      row->size = 3 + i % 7;
      row->retention = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint k = 0; k < MIN (n - i, 12); k++)
        {
          double v = k == 0 ? 1.0 : 0.3 / k;
          g_array_append_val (row->retention, v);
        }
      g_ptr_array_add (s->cohorts, row);
    }
}

/* the customers a row label counts: "Jan 24 (7)" */
static guint
label_count (const char *label)
{
  const char *open = strrchr (label, '(');

  g_assert_nonnull (open);
  return (guint) g_ascii_strtoull (open + 1, NULL, 10);
}

static void
test_cohort_rows (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { guint n; guint earlier; guint rows; const char *first; } cases[] = {
    { 10, 0, 10, "Jan 24" },
    { 24, 0, 24, "Jan 24" },
    /* January 2024 to November 2026: by quarter, the first cohorts still there */
    { 35, 0, 12, "Q1 2024" },
    /* the ten years the analysis keeps: 40 quarters, scrolled */
    { 120, 0, 40, "Q1 2024" },
    /* and the customers of the years before them, counted in a row of their own */
    { 120, 42, 41, "Before Jan 24 (42)" },
  };
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  RegOverviewView *view = REG_OVERVIEW_VIEW (reg_overview_view_new ());
  RegChart *chart = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "cohort_chart");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  reg_overview_view_set_shop (view, f->shop);
  gtk_window_present (GTK_WINDOW (window));
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      RegAnalysisSummary *s = reg_shop_load_latest_analysis (f->shop, &error);
      guint sum = 0, labelled = 0;

      g_assert_no_error (error);
      g_assert_nonnull (s);
      replace_cohorts (s, 2024, 1, cases[c].n);
      s->cohorts_earlier = cases[c].earlier;
      sum = cases[c].earlier;
      for (guint i = 0; i < s->cohorts->len; i++)
        sum += ((RegCohortRow *) s->cohorts->pdata[i])->size;
      reg_overview_view_set_summary (view, s);
      ui_test_wait_frames (window, 2);

      g_assert_cmpuint (reg_chart_get_n_rows (chart), ==, cases[c].rows);
      g_assert_true (g_str_has_prefix (reg_chart_get_row_label (chart, 0), cases[c].first));
      /* every customer of every cohort counted in a row */
      for (guint r = 0; r < reg_chart_get_n_rows (chart); r++)
        labelled += label_count (reg_chart_get_row_label (chart, r));
      g_assert_cmpuint (labelled, ==, sum);
      /* readable: each row at least a line of text high, the map scrolled when it is long */
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), >=, 14 * (int) cases[c].rows);
    }
  reg_overview_view_set_shop (view, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add ("/ui/narrow/customers-360", Fixture, NULL, fixture_set_up, test_customers_360,
              fixture_tear_down);
  g_test_add ("/ui/narrow/customers-360-select", Fixture, NULL, fixture_set_up, test_customers_360_select,
              fixture_tear_down);
  g_test_add ("/ui/narrow/customers-1100-with-detail", Fixture, NULL, fixture_set_up, test_customers_1100,
              fixture_tear_down);
  g_test_add ("/ui/narrow/customers-widest-with-detail", Fixture, NULL, fixture_set_up, test_customers_widest,
              fixture_tear_down);
  g_test_add ("/ui/narrow/sales-360", Fixture, NULL, fixture_set_up, test_sales_360, fixture_tear_down);
  g_test_add ("/ui/narrow/labels-360", Fixture, NULL, fixture_set_up, test_labels_360, fixture_tear_down);
  g_test_add ("/ui/narrow/switcher-bar-360", Fixture, NULL, fixture_set_up, test_switcher_bar_360,
              fixture_tear_down);
  g_test_add ("/ui/narrow/buttons-side-by-side-when-wide", Fixture, NULL, fixture_set_up, test_buttons_wide,
              fixture_tear_down);
  g_test_add ("/ui/narrow/cohort-rows", Fixture, NULL, fixture_set_up, test_cohort_rows, fixture_tear_down);
  return g_test_run ();
}
