/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Products view under Xvfb on a shop made from the Online Retail sample in real-exports:
 * its rows are the shop's products (as the services count them), the search keeps the products
 * whose code or name holds the text, the revenue column sorts both ways, and a product's page
 * shows its pairs bought together, strongest first. A shop without line items shows why.
 */
#include "config.h"

#include <string.h>

#include "reg-import-job.h"
#include "reg-products-view.h"
#include "reg-products.h"
#include "reg-segments-view.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"

typedef struct
{
  char            *dir;
  RegShop         *shop;
  RegWindow       *window;
  RegProductsView *view;
} Fixture;

static void
import_sample (RegShop *shop)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportJob) job = NULL;
  g_autoptr(RegImportResult) result = NULL;
  RegImportRequest req;

  reg_import_request_init (&req);
  job = reg_import_job_new (shop, path, &req);
  result = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_true (result->committed);
}

static void
open_window (Fixture *f)
{
  f->window = reg_window_new (NULL, f->shop);
  g_object_ref_sink (f->window);
  reg_window_set_auto_analysis (f->window, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);
  reg_window_show_view (f->window, "products");
  f->view = REG_PRODUCTS_VIEW (reg_window_get_view (f->window, "products"));
  UI_WAIT_UNTIL (!reg_products_view_is_loading (f->view), 30);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->shop = ui_test_new_shop (&f->dir);
  if (data == NULL)
    import_sample (f->shop);
  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static RegProductFigures *
figures_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RegProductFigures *figures = reg_shop_product_figures (f->shop, 0, &error);

  g_assert_no_error (error);
  return figures;
}

static RegProductItem *
item_at (Fixture *f, guint i)
{
  RegProductItem *item = g_list_model_get_item (reg_products_view_get_model (f->view), i);

  g_object_unref (item);   /* the model keeps it */
  return item;
}

static guint
position_of (Fixture *f, const char *code)
{
  GListModel *model = reg_products_view_get_model (f->view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (reg_product_item_get_code (item_at (f, i)), code))
      return i;
  g_assert_not_reached ();
}

static void
set_search (Fixture *f, const char *text)
{
  GtkEditable *entry = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "search_entry");

  gtk_editable_set_text (entry, text);
  /* the entry tells after a short delay: tell now */
  g_signal_emit_by_name (entry, "search-changed");
  ui_test_drain ();
}

/* The rows are the products, by revenue, highest first. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RegProductFigures) figures = figures_of (f);
  GListModel *model = reg_products_view_get_model (f->view);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (figures->products->len, >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, figures->products->len);
  for (guint i = 0; i < figures->products->len; i++)
    g_hash_table_add (codes, ((RegProductRow *) figures->products->pdata[i])->code);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      RegProductItem *item = item_at (f, i);

      g_assert_true (g_hash_table_remove (codes, reg_product_item_get_code (item)));
      if (i > 0)
        g_assert_cmpint (reg_product_item_get_revenue (item_at (f, i - 1)), >=,
                         reg_product_item_get_revenue (item));
    }
  g_assert_cmpuint (g_hash_table_size (codes), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW,
                                                                      "main_stack")),
                   ==, "products");
}

/* The revenue column sorts lowest first when asked. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkColumnView *columns = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "column_view");
  g_autoptr(GtkColumnViewColumn) revenue = g_list_model_get_item (gtk_column_view_get_columns (columns), 1);
  GListModel *model = reg_products_view_get_model (f->view);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpstr (gtk_column_view_column_get_title (revenue), ==, "Revenue");
  gtk_column_view_sort_by_column (columns, revenue, GTK_SORT_ASCENDING);
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpint (reg_product_item_get_revenue (item_at (f, 0)), <,
                   reg_product_item_get_revenue (item_at (f, n - 1)));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (reg_product_item_get_revenue (item_at (f, i - 1)), <=,
                     reg_product_item_get_revenue (item_at (f, i)));
}

static gboolean
holds (const char *text, const char *part)
{
  g_autofree char *t = g_utf8_casefold (text, -1), *p = g_utf8_casefold (part, -1);

  return strstr (t, p) != NULL;
}

/* The search keeps the products whose code or name holds the text, whatever its case. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RegProductFigures) figures = figures_of (f);
  const char *searches[] = { "heart", "8402", "NO SUCH PRODUCT" };
  GListModel *model = reg_products_view_get_model (f->view);

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      guint expected = 0;

      for (guint i = 0; i < figures->products->len; i++)
        {
          RegProductRow *row = figures->products->pdata[i];
          expected += holds (row->code, searches[s]) || holds (row->name, searches[s]);
        }
      set_search (f, searches[s]);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
      g_assert_true (s == 2 || expected > 0);
      for (guint i = 0; i < expected; i++)
        g_assert_true (holds (reg_product_item_get_code (item_at (f, i)), searches[s])
                       || holds (reg_product_item_get_name (item_at (f, i)), searches[s]));
    }
  set_search (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, figures->products->len);
}

/* A product's page names it and lists the products bought with it, strongest pair first. */
static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RegProductFigures) figures = figures_of (f);
  const RegProductPairRow *top;
  GtkWidget *list = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "pairs_list");
  GtkLabel *title = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "title_label");
  GtkLabel *figures_label = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "figures_label");
  GPtrArray *others = g_ptr_array_new ();
  GtkWidget *row;
  guint i = 0;
  g_autofree char *buyers = NULL;

  g_assert_cmpuint (figures->pairs->len, >, 0);
  top = &g_array_index (figures->pairs, RegProductPairRow, 0);
  reg_products_view_open (f->view, position_of (f, top->a->code));
  ui_test_drain ();
  g_assert_cmpstr (gtk_label_get_text (title), ==, top->a->name);
  buyers = g_strdup_printf ("%u customers bought it", top->a->customers);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (figures_label), buyers));
  g_assert_true (gtk_widget_get_visible (list));

  for (guint k = 0; k < figures->pairs->len; k++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, k);

      if (g_str_equal (p->a->code, top->a->code))
        g_ptr_array_add (others, p->b->name);
      else if (g_str_equal (p->b->code, top->a->code))
        g_ptr_array_add (others, p->a->name);
    }
  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row), i++)
    {
      g_autofree char *escaped = g_markup_escape_text (others->pdata[i], -1);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, escaped);
      g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "% of its orders also held it") != NULL);
    }
  g_assert_cmpuint (i, ==, MIN (others->len, 8));
  g_ptr_array_unref (others);
}

/* A product's buttons show its buyers, and the customers who never bought it, as segments. */
static void
test_segment_buttons (Fixture       *f,
                      gconstpointer  data)
{
  const char *buttons[] = { "bought_button", "not_bought_button" };
  const char *prefixes[] = { "bought:", "not-bought:" };
  RegSegmentsView *segments = REG_SEGMENTS_VIEW (reg_window_get_view (f->window, "segments"));
  const char *code;

  reg_products_view_open (f->view, 0);
  code = reg_product_item_get_code (item_at (f, 0));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *spec = g_strconcat (prefixes[i], code, NULL);

      reg_window_show_view (f->window, "products");
      g_signal_emit_by_name (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, buttons[i]), "clicked");
      ui_test_drain ();
      g_assert_cmpstr (reg_segments_view_get_spec (segments), ==, spec);
      g_assert_cmpstr (reg_window_get_visible_view (f->window), ==, "segments");
    }
}

/* A shop without line items says why there is nothing to show. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  AdwStatusPage *page = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "empty_page");

  g_assert_cmpuint (g_list_model_get_n_items (reg_products_view_get_model (f->view)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW,
                                                                      "main_stack")),
                   ==, "empty");
  g_assert_true (strstr (adw_status_page_get_description (page), "Online Retail") != NULL);
  /* an import with line items fills the view */
  import_sample (f->shop);
  UI_WAIT_UNTIL (g_list_model_get_n_items (reg_products_view_get_model (f->view)) > 0
                 && !reg_products_view_is_loading (f->view), 30);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW,
                                                                      "main_stack")),
                   ==, "products");
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add ("/ui/products/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/ui/products/sort-by-revenue", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/ui/products/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/ui/products/page-pairs", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/ui/products/segment-buttons", Fixture, NULL, fixture_set_up, test_segment_buttons,
              fixture_tear_down);
  g_test_add ("/ui/products/empty", Fixture, "empty", fixture_set_up, test_empty, fixture_tear_down);
  return g_test_run ();
}
