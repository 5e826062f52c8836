/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Products view under Xvfb on a shop made from the Online Retail sample in real-exports:
 * its rows are the shop's products (as the services count them), the search keeps the products
 * whose code or name holds the text, the revenue column sorts both ways, and a product's page
 * shows its pairs bought together, strongest first. A shop without line items shows why.
 * Choosing a tier or the at-risk list in the drop-down lists what those customers bought,
 * recounted here from each product's buyers; a product's page says its buyers by tier.
 */
#include "config.h"

#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-import-job.h"
#include "reg-products-view.h"
#include "reg-products.h"
#include "reg-segment.h"
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

/* The analysis as of three months after the sample’s sales (1 December 2010), so that
 * some of its customers are slipping away. */
static void
analyse (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;
  RegAnalysisOptions opts;

  reg_analysis_options_init (&opts);
  opts.end_day = clv_date_from_ymd (2011, 3, 9);
  job = reg_analysis_job_new (f->shop, &opts);
  summary = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  ui_test_drain ();
  UI_WAIT_UNTIL (!reg_products_view_is_loading (f->view), 30);
}

/* Two of the sample's customers become regulars who bought every month before their sale in
 * the sample, so that an analysis three months later finds them slipping away. */
static void
make_regulars_slip (Fixture *f)
{
  const char *names[] = { "Customer 17850", "Customer 13047" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 id = reg_shop_find_customer (f->shop, names[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      for (guint month = 8; month <= 11; month++)
        g_assert_cmpint (reg_shop_record_sale (f->shop, id, clv_date_from_ymd (2010, month, 1),
                                               2000, NULL, &error), >, 0);
    }
  ui_test_drain ();
  UI_WAIT_UNTIL (!reg_products_view_is_loading (f->view), 30);
}

/* the ids of a segment's customers (a set of gint64) */
static GHashTable *
members_of (Fixture *f, const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSegment) segment = reg_segment_parse (f->shop, spec, &error);
  g_autoptr(GPtrArray) rows = NULL;
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert_no_error (error);
  rows = reg_shop_list_segment (f->shop, segment, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (ids, g_memdup2 (&((RegCustomerRow *) rows->pdata[i])->id, sizeof (gint64)));
  return ids;
}

/* how many of @members bought @code: the product's buyers (bought:CODE) counted one by one */
static guint
buyers_among (Fixture *f, const char *code, GHashTable *members)
{
  g_autofree char *spec = g_strconcat ("bought:", code, NULL);
  g_autoptr(GHashTable) buyers = members_of (f, spec);
  GHashTableIter it;
  gpointer id;
  guint n = 0;

  g_hash_table_iter_init (&it, buyers);
  while (g_hash_table_iter_next (&it, &id, NULL))
    n += members == NULL || g_hash_table_contains (members, id);
  return n;
}

static void
choose_group (Fixture *f, guint position)
{
  gtk_drop_down_set_selected (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "group_dropdown"),
                              position);
  ui_test_drain ();
  UI_WAIT_UNTIL (!reg_products_view_is_loading (f->view), 30);
}

/* Without an analysis the drop-down offers everyone alone and says why; with one, choosing a
 * tier or the at-risk list lists the products those customers bought, each with its buyers
 * among them, recounted from the product's buyers; the search and the sort stay. */
static void
test_tier_choice (Fixture       *f,
                  gconstpointer  data)
{
  const char *specs[] = { "all", "top", "middle", "bottom", "at-risk" };
  const char *titles[] = { "All customers", "Top-tier customers", "Middle-tier customers",
                           "Bottom-tier customers", "Customers slipping away" };
  GtkDropDown *dropdown = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "group_dropdown");
  GtkColumnView *columns = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "column_view");
  g_autoptr(GtkColumnViewColumn) by_customers = g_list_model_get_item (gtk_column_view_get_columns (columns), 3);
  GListModel *model = reg_products_view_get_model (f->view);
  g_autoptr(RegProductFigures) all = figures_of (f);
  g_autoptr(GHashTable) everyone = members_of (f, "all");
  guint n_all = g_list_model_get_n_items (model);

  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), i),
                     ==, titles[i]);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dropdown)));
  g_assert_true (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), "analysis") != NULL);

  make_regulars_slip (f);
  analyse (f);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);

  /* by number of customers, most first: the owner's sort stays through every choice */
  g_assert_cmpstr (gtk_column_view_column_get_title (by_customers), ==, "Customers");
  gtk_column_view_sort_by_column (columns, by_customers, GTK_SORT_DESCENDING);
  for (guint g = 1; g < G_N_ELEMENTS (specs); g++)
    {
      g_autoptr(GHashTable) members = members_of (f, specs[g]);
      g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
      guint bought = 0;

      choose_group (f, g);
      g_test_message ("%s: %u customers, %u products", specs[g], g_hash_table_size (members),
                      g_list_model_get_n_items (model));
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          RegProductItem *item = item_at (f, i);

          g_assert_cmpuint (reg_product_item_get_customers (item), ==,
                            buyers_among (f, reg_product_item_get_code (item), members));
          if (i > 0)
            g_assert_cmpuint (reg_product_item_get_customers (item_at (f, i - 1)), >=,
                              reg_product_item_get_customers (item));
          g_hash_table_add (listed, (gpointer) reg_product_item_get_code (item));
        }
      /* every product one of them bought is listed */
      for (guint i = 0; i < all->products->len; i++)
        {
          const RegProductRow *row = all->products->pdata[i];

          if (buyers_among (f, row->code, members) > 0)
            {
              g_assert_true (g_hash_table_contains (listed, row->code));
              bought++;
            }
        }
      g_assert_cmpuint (bought, >, 0);
      /* a group is fewer customers than everyone */
      g_assert_cmpuint (g_hash_table_size (members), <, g_hash_table_size (everyone));
    }

  /* the search stays as the group changes */
  set_search (f, "heart");
  choose_group (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_assert_true (holds (reg_product_item_get_name (item_at (f, i)), "heart")
                   || holds (reg_product_item_get_code (item_at (f, i)), "heart"));
  set_search (f, "");
  choose_group (f, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
}

/* A product's page says its buyers by tier, recounted from its buyers and each tier's
 * customers; before an analysis, none of them is scored yet. */
static void
test_page_tiers (Fixture       *f,
                 gconstpointer  data)
{
  GtkLabel *tiers = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "tiers_label");
  RegProductItem *item;
  RegProductBuyers expected = { 0 };
  g_autofree char *words = NULL, *before = NULL;
  g_autoptr(GHashTable) top = NULL, middle = NULL, bottom = NULL;
  GListModel *model = reg_products_view_get_model (f->view);
  guint most = 0, group;
  g_autofree char *in_group = NULL, *all_buyers = NULL;

  /* the product with the most buyers, whose buyers fall in more than one tier */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    if (reg_product_item_get_customers (item_at (f, i)) > reg_product_item_get_customers (item_at (f, most)))
      most = i;
  reg_products_view_open (f->view, most);
  ui_test_drain ();
  item = item_at (f, most);
  expected.customers = expected.not_scored = buyers_among (f, reg_product_item_get_code (item), NULL);
  g_assert_cmpuint (expected.customers, >, 1);
  before = reg_product_buyers_in_words (&expected);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tiers)));
  g_assert_cmpstr (gtk_label_get_text (tiers), ==, before);

  /* the page stays open while the analysis ranks its buyers */
  analyse (f);
  top = members_of (f, "top");
  middle = members_of (f, "middle");
  bottom = members_of (f, "bottom");
  item = item_at (f, most);
  expected.top = buyers_among (f, reg_product_item_get_code (item), top);
  expected.middle = buyers_among (f, reg_product_item_get_code (item), middle);
  expected.bottom = buyers_among (f, reg_product_item_get_code (item), bottom);
  expected.not_scored = expected.customers - expected.top - expected.middle - expected.bottom;
  g_assert_cmpuint (expected.top + expected.middle + expected.bottom, >, 0);
  words = reg_product_buyers_in_words (&expected);
  g_test_message ("%s", words);
  g_assert_cmpstr (gtk_label_get_text (tiers), ==, words);
  g_assert_cmpstr (words, !=, before);

  /* another group chosen (a tier some of its buyers are in): the page stays open on it */
  group = expected.top > 0 ? 1 : expected.middle > 0 ? 2 : 3;
  /* until the group's figures are read, the page shows everyone's and says so */
  gtk_drop_down_set_selected (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "group_dropdown"), group);
  g_assert_true (reg_products_view_is_loading (f->view));
  reg_products_view_open (f->view, most);
  all_buyers = g_strdup_printf ("%u customers bought it", expected.customers);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW,
                                                                      "figures_label")), all_buyers));
  choose_group (f, group);
  g_assert_true (gtk_widget_get_visible (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "detail_page")));
  g_assert_cmpstr (gtk_label_get_text (tiers), ==, words);
  /* its figures are the group's, and say so */
  in_group = g_strdup_printf ("%s: %u of them bought it",
                              group == 1 ? "Top-tier customers" : group == 2 ? "Middle-tier customers"
                                                                             : "Bottom-tier customers",
                              group == 1 ? expected.top : group == 2 ? expected.middle : expected.bottom);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW,
                                                                      "figures_label")), in_group));
}

/* A group that bought nothing keeps the list and its drop-down, and says why it is empty. */
static void
test_empty_group (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *label = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "group_empty_label");
  GtkStack *stack = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "main_stack");
  GListModel *model = reg_products_view_get_model (f->view);
  g_autoptr(GHashTable) slipping = NULL;
  guint n_all = g_list_model_get_n_items (model);

  analyse (f);
  /* the sample's customers all bought on one day: nobody is slipping away from it yet */
  slipping = members_of (f, "at-risk");
  g_assert_cmpuint (g_hash_table_size (slipping), ==, 0);
  g_assert_false (gtk_widget_get_visible (label));
  choose_group (f, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "products");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (gtk_widget_is_sensitive (ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "group_dropdown")));
  choose_group (f, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_false (gtk_widget_get_visible (label));
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

/* how many bought @a and not @b, recounted from the two products' buyers */
static guint
buyers_without (Fixture *f, const char *a, const char *b, GHashTable **out_ids)
{
  g_autofree char *a_spec = g_strconcat ("bought:", a, NULL);
  g_autofree char *b_spec = g_strconcat ("bought:", b, NULL);
  g_autoptr(GHashTable) of_a = members_of (f, a_spec);
  g_autoptr(GHashTable) of_b = members_of (f, b_spec);
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter it;
  gpointer id;

  g_hash_table_iter_init (&it, of_a);
  while (g_hash_table_iter_next (&it, &id, NULL))
    if (!g_hash_table_contains (of_b, id))
      g_hash_table_add (ids, g_memdup2 (id, sizeof (gint64)));
  *out_ids = ids;
  return g_hash_table_size (ids);
}

/* Each product bought with the one shown offers its cross-sell list: the customers who bought
 * the one shown and not the other yet ("bought:X,not-bought:Y"), opened in Segments. */
static void
test_pair_offer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RegProductFigures) figures = figures_of (f);
  RegSegmentsView *segments = REG_SEGMENTS_VIEW (reg_window_get_view (f->window, "segments"));
  GtkWidget *list = ui_test_child (f->view, REG_TYPE_PRODUCTS_VIEW, "pairs_list");
  g_autoptr(GHashTable) expected = NULL, listed = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const RegProductRow *shown = NULL, *other = NULL;
  g_autofree char *spec = NULL;
  GtkWidget *offer;
  GHashTableIter it;
  gpointer id;

  /* a product whose strongest pair (its page's first row) leaves some of its buyers to offer */
  for (guint k = 0; k < figures->pairs->len && shown == NULL; k++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, k);

      /* the first pair naming a product is the first row of its page */
      for (guint side = 0; side < 2 && shown == NULL; side++)
        {
          const RegProductRow *x = side == 0 ? p->a : p->b, *y = side == 0 ? p->b : p->a;

          if (g_hash_table_contains (seen, x->code))
            continue;
          g_hash_table_add (seen, x->code);
          g_clear_pointer (&expected, g_hash_table_unref);
          if (buyers_without (f, x->code, y->code, &expected) > 0)
            shown = x, other = y;
        }
    }
  g_assert_nonnull (shown);
  spec = g_strconcat ("bought:", shown->code, ",not-bought:", other->code, NULL);

  reg_products_view_open (f->view, position_of (f, shown->code));
  ui_test_drain ();
  offer = ui_test_find_named (gtk_widget_get_first_child (list), "offer_button");
  g_assert_nonnull (offer);
  g_assert_true (strstr (gtk_widget_get_tooltip_text (offer), other->name) != NULL);
  g_signal_emit_by_name (offer, "clicked");
  ui_test_drain ();
  g_assert_cmpstr (reg_window_get_visible_view (f->window), ==, "segments");
  g_assert_cmpstr (reg_segments_view_get_spec (segments), ==, spec);

  /* the list is the buyers of the one less the buyers of the other */
  listed = members_of (f, spec);
  g_assert_cmpuint (g_hash_table_size (listed), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&it, expected);
  while (g_hash_table_iter_next (&it, &id, NULL))
    g_assert_true (g_hash_table_contains (listed, id));
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
  g_test_add ("/ui/products/pair-offer", Fixture, NULL, fixture_set_up, test_pair_offer, fixture_tear_down);
  g_test_add ("/ui/products/segment-buttons", Fixture, NULL, fixture_set_up, test_segment_buttons,
              fixture_tear_down);
  g_test_add ("/ui/products/tier-choice", Fixture, NULL, fixture_set_up, test_tier_choice,
              fixture_tear_down);
  g_test_add ("/ui/products/page-tiers", Fixture, NULL, fixture_set_up, test_page_tiers,
              fixture_tear_down);
  g_test_add ("/ui/products/empty-group", Fixture, NULL, fixture_set_up, test_empty_group,
              fixture_tear_down);
  g_test_add ("/ui/products/empty", Fixture, "empty", fixture_set_up, test_empty, fixture_tear_down);
  return g_test_run ();
}
