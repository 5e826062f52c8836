/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard under Xvfb, driven through its actions and drop-downs: a Shopify export
 * from ../shared/data end to end through every page (with a choice changed and the preview
 * re-read), import and undo; rejected rows and a confirmed look-alike payer; "import nothing";
 * a statement without the columns page; cancelling a long import leaves the shop exactly as
 * it was; a file dropped on the window opens the wizard; an OFX statement explained without its
 * tag names; Square customers without a name in the file said to have none, and every new
 * payer listed on the customers page.
 */
#include "config.h"

#include <string.h>

#include "reg-customer.h"
#include "reg-import.h"
#include "reg-import-wizard.h"
#include "reg-store-imports.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"
#include "reg-shop-private.h"

typedef struct
{
  char            *dir;
  RegShop         *shop;
  RegImportWizard *wizard;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->shop = ui_test_new_shop (&f->dir);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  g_assert_no_error (error);
  f->wizard = REG_IMPORT_WIZARD (reg_import_wizard_new (f->shop));
  g_object_ref_sink (f->wizard);
  gtk_window_present (GTK_WINDOW (f->wizard));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->wizard)), 10);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  UI_WAIT_UNTIL (reg_import_wizard_get_job (f->wizard) == NULL, 60);
  gtk_window_destroy (GTK_WINDOW (f->wizard));
  ui_test_drain ();
  g_assert_finalize_object (f->wizard);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static const RegImportDraft *
draft (Fixture *f)
{
  return reg_import_wizard_get_draft (f->wizard);
}

/* Whether an action of the wizard is enabled, as the owner sees it: its button's sensitivity
 * (GtkActionHelper follows the action's state). */
static gboolean
enabled (Fixture    *f,
         const char *action)
{
  static const struct { const char *action, *button; } buttons[] = {
    { "import.next", "next_button" }, { "import.back", "back_button" },
    { "import.choose-file", "choose_button" }, { "import.run", "import_button" },
    { "import.nothing", "nothing_button" }, { "import.cancel", "cancel_button" },
    { "import.undo", "undo_button" }, { "import.load-mapping", "load_button" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (g_str_equal (buttons[i].action, action))
      return gtk_widget_get_sensitive (ui_test_part (f->wizard, buttons[i].button));
  g_assert_not_reached ();
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), action, NULL));
}

static const char *
page (Fixture *f)
{
  return reg_import_wizard_get_page (f->wizard);
}

static const char *
text_of (Fixture    *f,
         const char *child)
{
  return gtk_label_get_text (ui_test_part (f->wizard, child));
}

static const char *
selected_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
preview_settled (Fixture *f)
{
  return draft (f)->work == REG_IMPORT_WORK_NONE && draft (f)->preview_ready;
}

static gboolean
check_settled (Fixture *f)
{
  return draft (f)->work == REG_IMPORT_WORK_NONE && (draft (f)->checked || draft (f)->check_failed);
}

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
set_file (Fixture    *f,
          const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  reg_import_wizard_set_file (f->wizard, file);
  UI_WAIT_UNTIL (preview_settled (f), 30);
}

static char *
dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = reg_store_dump (reg_shop_get_store (f->shop), &error);

  g_assert_no_error (error);
  return text;
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

/* Shopify's order export, every page in turn. */
static void
test_shopify_end_to_end (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "shopify", "orders_export.csv", NULL);
  AdwComboRow *preset_row = ui_test_part (f->wizard, "preset_row");
  AdwComboRow *delimiter_row = ui_test_part (f->wizard, "delimiter_row");
  GtkWidget *preview_box = ui_test_part (f->wizard, "preview_box");
  GtkWidget *blocked = ui_test_part (f->wizard, "blocked_label");
  const RegImportPreview *preview;
  const RegImportResult *check;
  const RegImportResult *result;
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;

  /* 1: no file yet */
  g_assert_cmpstr (page (f), ==, "file");
  g_assert_false (enabled (f, "import.next"));
  g_assert_false (enabled (f, "import.back"));
  g_assert_true (enabled (f, "import.choose-file"));
  before = dump (f);

  /* 2: what was found, with the first rows as the reader reads them */
  set_file (f, path);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_true (gtk_widget_get_visible (preview_box));
  g_assert_false (gtk_widget_get_visible (blocked));
  g_assert_cmpstr (selected_text (preset_row), ==, "Shopify orders");
  g_assert_cmpstr (selected_text (ui_test_part (f->wizard, "format_row")), ==, "CSV table");
  g_assert_cmpstr (selected_text (delimiter_row), ==, "Commas ( , )");
  g_assert_cmpstr (selected_text (ui_test_part (f->wizard, "encoding_row")), ==,
                   "UTF-8 (Unicode)");
  g_assert_cmpstr (selected_text (ui_test_part (f->wizard, "date_row")), ==,
                   "Year first: 2024-12-31");
  preview = reg_import_wizard_get_preview (f->wizard);
  g_assert_nonnull (preview);
  g_assert_null (preview->problem);
  g_assert_cmpstr (preview->preset, ==, "shopify");
  g_assert_cmpuint (preview->rows->len, >, 0);
  /* a header row plus one grid row per preview row */
  g_assert_cmpuint (n_children (ui_test_part (f->wizard, "preview_grid")), >=,
                    6 * (1 + preview->rows->len));
  g_assert_true (g_str_has_prefix (text_of (f, "preview_status"), "Read with the rules for Shopify orders"));
  g_assert_true (enabled (f, "import.next"));
  g_assert_true (enabled (f, "import.back"));
  g_assert_false (enabled (f, "import.choose-file"));

  /* a choice changed: the preview is read again; semicolons find no date column */
  adw_combo_row_set_selected (delimiter_row, 1);
  g_assert_cmpint (draft (f)->work, ==, REG_IMPORT_WORK_PREVIEW);
  g_assert_false (enabled (f, "import.next"));
  UI_WAIT_UNTIL (preview_settled (f), 30);
  g_assert_true (draft (f)->preview_problem);
  g_assert_false (enabled (f, "import.next"));
  g_assert_true (gtk_widget_get_visible (blocked));
  g_assert_nonnull (reg_import_wizard_get_preview (f->wizard)->problem);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (delimiter_row)), ==, "Your choice");
  /* and back */
  adw_combo_row_set_selected (delimiter_row, 0);
  UI_WAIT_UNTIL (preview_settled (f), 30);
  g_assert_false (draft (f)->preview_problem);
  g_assert_true (enabled (f, "import.next"));

  /* 3: columns, filled from the preset; the page opens at its top, wherever the page before
   * was scrolled to */
  {
    GtkScrolledWindow *scroller = ui_test_part (f->wizard, "scroller");
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

    UI_WAIT_UNTIL (gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj), 10);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
    activate (f, "import.next");
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  }
  g_assert_cmpstr (page (f), ==, "mapping");
  g_assert_true (gtk_widget_get_visible (preview_box));
  g_assert_true (g_str_has_prefix (selected_text (reg_import_wizard_get_field_row (f->wizard, REG_FIELD_DATE)),
                                   "Created at"));
  g_assert_true (g_str_has_prefix (selected_text (reg_import_wizard_get_field_row (f->wizard, REG_FIELD_AMOUNT)),
                                   "Total"));
  g_assert_true (g_str_has_prefix (selected_text (reg_import_wizard_get_field_row (f->wizard, REG_FIELD_EMAIL)),
                                   "Email"));
  gtk_editable_set_text (ui_test_part (f->wizard, "save_row"), "My Shopify");

  /* 4: customers, from the dry run */
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "matching");
  g_assert_false (gtk_widget_get_visible (preview_box));
  UI_WAIT_UNTIL (check_settled (f), 60);
  g_assert_true (draft (f)->checked);
  check = reg_import_wizard_get_check (f->wizard);
  g_assert_nonnull (check);
  g_assert_true (check->dry_run);
  g_assert_cmpuint (check->new_customers, ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ui_test_part (f->wizard, "new_payers_row")),
                   ==, "3 payers in this file match none of your customers.");
  g_assert_cmpuint (n_sales (f), ==, 0);   /* a dry run */

  /* 5: the check: no rejected rows, 15 skipped */
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  g_assert_cmpstr (text_of (f, "check_label"), ==, "4 sales worth €2,620.40 are ready to import.");
  g_assert_false (gtk_widget_get_visible (ui_test_part (f->wizard, "rejected_group")));
  g_assert_true (gtk_widget_get_visible (ui_test_part (f->wizard, "skipped_group")));
  g_assert_cmpstr (adw_preferences_group_get_title (ui_test_part (f->wizard, "skipped_group")),
                   ==, "15 Rows Skipped");
  g_assert_cmpuint (g_list_model_get_n_items (ui_test_part (f->wizard, "skipped_model")),
                    ==, 15);
  g_assert_cmpstr (gtk_button_get_label (ui_test_part (f->wizard, "import_button")), ==,
                   "_Import");
  g_assert_true (enabled (f, "import.run"));
  g_assert_true (enabled (f, "import.nothing"));
  g_assert_false (gtk_widget_get_visible (ui_test_part (f->wizard, "next_button")));
  {
    g_autofree char *unchanged = dump (f);
    g_assert_cmpstr (unchanged, ==, before);
  }

  /* 6 and 7: import, then the summary */
  activate (f, "import.run");
  g_assert_cmpstr (page (f), ==, "importing");
  g_assert_false (enabled (f, "import.back"));
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  result = reg_import_wizard_get_result (f->wizard);
  g_assert_nonnull (result);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->imported, ==, 4);
  g_assert_cmpuint (n_sales (f), ==, 4);
  g_assert_cmpuint (n_customers (f), ==, 3);
  g_assert_cmpstr (text_of (f, "summary_title"), ==, "Sales Imported");
  g_assert_true (g_str_has_prefix (text_of (f, "summary_label"), "4 sales worth €2,620.40 are now in your shop."));
  g_assert_true (enabled (f, "import.undo"));
  g_assert_cmpstr (gtk_button_get_label (ui_test_part (f->wizard, "next_button")), ==,
                   "_Close");
  /* the mapping was kept under its name */
  {
    g_auto(GStrv) names = reg_store_list_mappings (reg_shop_get_store (f->shop));
    g_assert_true (names != NULL && g_strv_contains ((const char * const *) names, "My Shopify"));
  }

  /* undo: the sales and the customers of the batch go again */
  activate (f, "import.undo");
  g_assert_cmpuint (n_sales (f), ==, 0);
  g_assert_cmpuint (n_customers (f), ==, 0);
  g_assert_false (enabled (f, "import.undo"));
  g_assert_cmpstr (text_of (f, "summary_title"), ==, "Import Undone");
  g_assert_true (g_str_has_prefix (text_of (f, "summary_label"), "The import was undone: 4 sales and 3 customers"));
  after_undo = dump (f);
  g_assert_nonnull (after_undo);

  /* close */
  activate (f, "import.next");
  UI_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (f->wizard)), 10);
}

/* A table of our own: one row rejected (with its line and reason), one payer that looks like
 * a customer of the shop, confirmed and merged. */
static void
test_rejected_and_look_alike (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "sales.csv", NULL);
  RegCustomerRecord anna = { 0 };
  g_autoptr(GError) error = NULL;
  GtkListBox *near_list;
  GtkWidget *row;
  gint64 anna_id;
  const RegImportResult *result;

  anna.name = (char *) "Anna Example";
  anna_id = reg_shop_add_customer (f->shop, &anna, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path,
                                      "Date,Name,Amount\n"
                                      "2024-01-03,\"Example, Anna\",12.50\n"
                                      "2024-01-04,Bob Builder,twelve\n"
                                      "2024-01-05,Carla Cruz,7.00\n", -1, NULL));
  set_file (f, path);
  g_assert_cmpstr (page (f), ==, "detected");
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "mapping");
  g_assert_true (g_str_has_prefix (selected_text (reg_import_wizard_get_field_row (f->wizard, REG_FIELD_NAME)),
                                   "Name"));
  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 60);
  g_assert_cmpstr (page (f), ==, "matching");

  /* the look-alike, offered with a switch */
  g_assert_true (gtk_widget_get_visible (ui_test_part (f->wizard, "near_group")));
  near_list = ui_test_part (f->wizard, "near_list");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (near_list, 0));
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (near_list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Example, Anna (line 2)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Looks like your customer “Anna Example”");
  /* the row activates its switch, as a click on it does */
  {
    GtkWidget *sw = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

    g_assert_true (GTK_IS_SWITCH (sw));
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
    g_signal_emit_by_name (near_list, "row-activated", row);
    UI_WAIT_UNTIL (gtk_switch_get_active (GTK_SWITCH (sw)), 10);   /* after its animation */
  }

  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  g_assert_true (gtk_widget_get_visible (ui_test_part (f->wizard, "rejected_group")));
  {
    /* one row: its line, and the reader's sentence naming file, line, column and value */
    GListModel *rejected = ui_test_part (f->wizard, "rejected_model");
    const char *first;

    g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);
    first = gtk_string_list_get_string (GTK_STRING_LIST (rejected), 0);
    g_assert_true (g_str_has_prefix (first, "3\x1fsales.csv, line 3"));
    g_assert_nonnull (strstr (first, "twelve"));
  }
  g_assert_cmpstr (gtk_button_get_label (ui_test_part (f->wizard, "import_button")), ==,
                   "Import the _Valid Rows");

  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  result = reg_import_wizard_get_result (f->wizard);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpuint (result->rejected, ==, 1);
  g_assert_true (strstr (text_of (f, "summary_label"), "1 look-alike payer was merged into your customer.") != NULL);
  /* Anna and Carla; the look-alike is Anna now */
  g_assert_cmpuint (n_customers (f), ==, 2);
  {
    g_autoptr(GPtrArray) sales = reg_shop_list_customer_sales (f->shop, anna_id, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sales->len, ==, 1);
  }
}

/* Every row refused (another currency): nothing to import; "Import nothing" closes. */
static void
test_import_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "shopify", "orders_export.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  before = dump (f);
  set_file (f, path);
  activate (f, "import.next");
  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 60);
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  g_assert_cmpuint (reg_import_wizard_get_check (f->wizard)->rejected, ==, 12);
  g_assert_cmpstr (text_of (f, "check_label"), ==, "No sale in this file can be imported.");
  g_assert_false (enabled (f, "import.run"));
  g_assert_true (gtk_widget_get_visible (ui_test_part (f->wizard, "blocked_label")));
  g_assert_true (enabled (f, "import.nothing"));
  activate (f, "import.nothing");
  UI_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (f->wizard)), 10);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

/* A QIF statement: no columns page, five steps. */
static void
test_statement (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "qif", "web.qif", NULL);
  AdwWindowTitle *title = ui_test_part (f->wizard, "window_title");

  set_file (f, path);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_false (draft (f)->is_csv);
  g_assert_cmpstr (selected_text (ui_test_part (f->wizard, "format_row")), ==, "QIF statement");
  g_assert_false (gtk_widget_get_sensitive (ui_test_part (f->wizard, "delimiter_row")));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 2 of 5: What Was Found");
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "matching");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 3 of 5: Customers");
  UI_WAIT_UNTIL (check_settled (f), 60);
  /* back skips the columns page too */
  activate (f, "import.back");
  g_assert_cmpstr (page (f), ==, "detected");
  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 60);
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  g_assert_cmpuint (reg_import_wizard_get_result (f->wizard)->imported, ==, 1);
  g_assert_cmpuint (n_sales (f), ==, 1);
}

/* An OFX statement explains how it is read in the owner's words, not by its tag names. */
static void
test_ofx_rules_in_words (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "ofx", "bank_medium.ofx", NULL);
  AdwComboRow *preset_row = ui_test_part (f->wizard, "preset_row");
  const char *rules;
  static const char *tags[] = { "NAME", "FITID", "TRNAMT", "MEMO", "STMTTRN" };

  set_file (f, path);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_cmpstr (selected_text (preset_row), ==, "OFX / QFX bank statement");
  rules = adw_action_row_get_subtitle (ADW_ACTION_ROW (preset_row));
  g_assert_nonnull (rules);
  g_assert_cmpuint (strlen (rules), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    g_assert_null (strstr (rules, tags[i]));
}

/* Square names most customers only by its own number: the preview and the list of new payers
 * say the file has no name for them, and use the name where the file has one. */
static void
test_square_customers (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "square", "item_sales_may.csv", NULL);
  GtkWidget *grid = ui_test_part (f->wizard, "preview_grid");
  GtkWidget *list = ui_test_part (f->wizard, "new_payers_list");
  const RegImportPreview *preview;
  const RegImportResult *check;
  g_autoptr(GError) error = NULL;
  guint unnamed = 0, named = 0;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  g_assert_no_error (error);
  set_file (f, path);
  preview = reg_import_wizard_get_preview (f->wizard);
  g_assert_cmpstr (preview->preset, ==, "square");
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const RegImportRow *row = g_ptr_array_index (preview->rows, i);

      if (row->customer_ref != NULL && row->name == NULL && row->email == NULL)
        {
          g_autofree char *tip = g_strdup_printf ("The file names this customer only by the number %s",
                                                  row->customer_ref);
          GtkWidget *said = ui_test_find_label (grid, "No name in the file");

          g_assert_nonnull (said);
          g_assert_nonnull (ui_test_find_tooltip (grid, tip));
          /* the bare number is not shown as if it were a name */
          g_assert_null (ui_test_find_label (grid, row->customer_ref));
          unnamed++;
        }
      else if (row->name != NULL)
        g_assert_nonnull (ui_test_find_label (grid, row->name));
    }
  g_assert_cmpuint (unnamed, >, 0);

  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "mapping");
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "matching");
  UI_WAIT_UNTIL (check_settled (f), 60);
  check = reg_import_wizard_get_check (f->wizard);
  g_assert_nonnull (check);
  g_assert_cmpuint (check->new_customers, >, 0);
  g_assert_cmpuint (check->new_payers->len, ==, check->new_customers);
  /* every new payer listed, by the name the file has or with the words that it has none */
  g_assert_true (gtk_widget_get_visible (ui_test_part (f->wizard, "new_payers_group")));
  g_assert_cmpuint (n_children (list), ==, check->new_customers);
  for (guint i = 0; i < check->new_payers->len; i++)
    {
      const RegNewPayer *p = g_ptr_array_index (check->new_payers, i);
      g_autofree char *said = NULL;

      if (p->name != NULL)
        {
          g_assert_nonnull (ui_test_find_label (list, p->name));
          named++;
        }
      else
        {
          g_assert_null (p->email);
          g_assert_nonnull (p->reference);
          said = g_strdup_printf ("No name or email in the file (number %s)", p->reference);
          g_assert_nonnull (ui_test_find_label (list, said));
        }
    }
  /* the file names three of its customers */
  g_assert_cmpuint (named, >, 0);
  g_assert_cmpuint (named, <, check->new_customers);
}

/* A long import cancelled half-way: the shop is exactly as before. */
static void
test_cancel_long_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("Date,Order,Email,Name,Amount\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RegJob *job;
#if defined(__SANITIZE_ADDRESS__)
  guint rows = 100000;   /* four times slower under AddressSanitizer: as long an import */
#else
  guint rows = 400000;
#endif

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "2024-%02u-%02u,A%u,c%u@example.com,Customer %u,%u.%02u\n",
                            1 + i % 12, 1 + i % 28, i, i % 20000, i % 20000, 1 + i % 500, i % 100);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  before = dump (f);

  set_file (f, path);
  activate (f, "import.next");
  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 120);
  g_assert_cmpuint (reg_import_wizard_get_check (f->wizard)->imported, ==, rows);
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");

  activate (f, "import.run");
  g_assert_cmpstr (page (f), ==, "importing");
  job = reg_import_wizard_get_job (f->wizard);
  g_assert_nonnull (job);
  g_assert_true (enabled (f, "import.cancel"));
  /* under way: rows are being written in the transaction */
  UI_WAIT_UNTIL (reg_job_get_fraction (job) > 0.05 || reg_import_wizard_get_job (f->wizard) == NULL, 120);
  g_assert_nonnull (reg_import_wizard_get_job (f->wizard));
  activate (f, "import.cancel");
  UI_WAIT_UNTIL (reg_import_wizard_get_job (f->wizard) == NULL, 120);

  g_assert_cmpstr (page (f), ==, "validation");
  g_assert_true (draft (f)->import_cancelled);
  g_assert_true (gtk_widget_get_visible (ui_test_part (f->wizard, "cancelled_label")));
  g_assert_cmpstr (text_of (f, "cancelled_label"), ==, "The import was cancelled. Nothing was changed in your shop.");
  g_assert_null (reg_import_wizard_get_result (f->wizard));
  g_assert_true (enabled (f, "import.run"));   /* can try again */
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_sales (f), ==, 0);
}

/* Dropping a bank statement on the window opens the wizard on it. */
static void
test_drop_on_window (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = ui_test_new_shop (&dir);
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "bank-csv", "Knab_transactieoverzicht_ok.csv",
                                                     NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) controllers = NULL;
  RegWindow *window = reg_window_new (NULL, shop);
  GtkDropTarget *drop = NULL;
  RegImportWizard *wizard;
  GValue value = G_VALUE_INIT;
  GSList *files = g_slist_append (NULL, file);
  gboolean accepted = FALSE;

  g_object_ref_sink (window);
  reg_window_set_auto_analysis (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        drop = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (drop);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);

  wizard = REG_IMPORT_WIZARD (reg_window_open_import (window, NULL));   /* the one open */
  g_assert_nonnull (wizard);
  UI_WAIT_UNTIL (reg_import_wizard_get_draft (wizard)->preview_ready
                 && reg_import_wizard_get_draft (wizard)->work == REG_IMPORT_WORK_NONE, 30);
  g_assert_cmpstr (reg_import_wizard_get_page (wizard), ==, "detected");
  g_assert_cmpstr (reg_import_wizard_get_preview (wizard)->preset, ==, "bank-csv");
  g_assert_cmpstr (selected_text (ui_test_part (wizard, "delimiter_row")), ==,
                   "Semicolons ( ; )");
  g_assert_cmpstr (selected_text (ui_test_part (wizard, "decimal_row")), ==,
                   "Comma: 1.234,56");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));   /* destroys the wizard with it */
  ui_test_drain ();
  g_assert_finalize_object (window);
  g_clear_object (&shop);
  reg_test_rm_rf (dir);
}

/* A bank-like table with no channel column: one channel typed on the columns page for every
 * new customer of the file, saved with the mapping and shown again when that mapping is
 * loaded for the next file. */
static void
test_channel_for_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bank.csv", NULL);
  g_autofree char *next_path = g_build_filename (f->dir, "bank-april.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportMapping) saved = NULL;
  GListModel *customers = reg_shop_get_customers (f->shop);
  RegImportWizard *second;
  GtkWidget *group = ui_test_part (f->wizard, "channel_group");
  GtkEditable *channel = ui_test_part (f->wizard, "channel_entry");
  g_auto(GStrv) names = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "Date,Payer,Amount,Reference\n"
                                      "2026-03-02,Anna Berg,12.50,Invoice 1\n"
                                      "2026-03-03,Carl Dahl,30.00,Invoice 2\n"
                                      "2026-03-09,Anna Berg,8.00,Invoice 3\n", -1, NULL));
  g_assert_true (g_file_set_contents (next_path,
                                      "Date,Payer,Amount,Reference\n"
                                      "2026-04-02,Eva Fink,20.00,Invoice 4\n", -1, NULL));
  set_file (f, path);
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "mapping");
  /* no column holds the channel: the field to type one is there */
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (channel)), ==, "bank transfer");
  gtk_editable_set_text (channel, "  bank transfer ");
  gtk_editable_set_text (ui_test_part (f->wizard, "save_row"), "My Bank");

  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 60);
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  g_assert_cmpuint (n_sales (f), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (customers); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (customers, i);
      RegCustomerRecord rec = { 0 };

      g_assert_true (reg_shop_get_customer (f->shop, reg_customer_get_id (c), &rec, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (rec.channel, ==, "bank transfer");
      reg_customer_record_clear (&rec);
    }

  /* the saved mapping keeps the channel */
  saved = reg_import_get_mapping (f->shop, "My Bank", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_import_mapping_get_option (saved, "channel"), ==, "bank transfer");

  /* and shows it again when it is loaded for the next file */
  second = REG_IMPORT_WIZARD (reg_import_wizard_new (f->shop));
  g_object_ref_sink (second);
  gtk_window_present (GTK_WINDOW (second));
  {
    g_autoptr(GFile) file = g_file_new_for_path (next_path);
    GtkEditable *second_channel = ui_test_part (second, "channel_entry");

    reg_import_wizard_set_file (second, file);
    UI_WAIT_UNTIL (reg_import_wizard_get_draft (second)->work == REG_IMPORT_WORK_NONE
                   && reg_import_wizard_get_draft (second)->preview_ready, 30);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "import.next", NULL));
    g_assert_cmpstr (gtk_editable_get_text (second_channel), ==, "");
    names = reg_import_list_mappings (f->shop);
    g_assert_true (names != NULL && g_strv_contains ((const char *const *) names, "My Bank"));
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "My Bank"))
        adw_combo_row_set_selected (ui_test_part (second, "saved_row"), i);
    g_assert_cmpstr (selected_text (ui_test_part (second, "saved_row")), ==, "My Bank");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "import.load-mapping", NULL));
    g_assert_cmpstr (gtk_editable_get_text (second_channel), ==, "bank transfer");
    UI_WAIT_UNTIL (reg_import_wizard_get_draft (second)->work == REG_IMPORT_WORK_NONE, 30);
    g_assert_true (gtk_widget_get_visible (ui_test_part (second, "channel_group")));

    /* a column chosen as the channel: the field for one channel goes */
    {
      AdwComboRow *row = reg_import_wizard_get_field_row (second, REG_FIELD_CHANNEL);
      GListModel *columns = adw_combo_row_get_model (row);

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (columns, i);
          if (g_str_has_prefix (gtk_string_object_get_string (item), "Reference"))
            adw_combo_row_set_selected (row, i);
        }
      g_assert_true (g_str_has_prefix (selected_text (row), "Reference"));
      g_assert_false (gtk_widget_get_visible (ui_test_part (second, "channel_group")));
      UI_WAIT_UNTIL (reg_import_wizard_get_draft (second)->work == REG_IMPORT_WORK_NONE, 30);
    }
  }
  gtk_window_destroy (GTK_WINDOW (second));
  ui_test_drain ();
  g_assert_finalize_object (second);
}

/* A bank statement has no columns page: the channel of the payers it brings is typed on the
 * first page and reaches every new customer; a table file does not show that row there. */
static void
test_channel_for_bank_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "credits.ofx", NULL);
  GListModel *customers = reg_shop_get_customers (f->shop);
  GtkWidget *group = ui_test_part (f->wizard, "bank_channel_group");
  g_autoptr(GError) error = NULL;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  g_assert_no_error (error);
  set_file (f, path);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_true (gtk_widget_get_visible (group));
  gtk_editable_set_text (ui_test_part (f->wizard, "bank_channel_entry"), " bank transfer ");

  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "matching");
  UI_WAIT_UNTIL (check_settled (f), 60);
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  /* the two credits; the debit is money paid out */
  g_assert_cmpuint (n_sales (f), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (customers); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (customers, i);
      RegCustomerRecord rec = { 0 };

      g_assert_true (reg_shop_get_customer (f->shop, reg_customer_get_id (c), &rec, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (rec.channel, ==, "bank transfer");
      reg_customer_record_clear (&rec);
    }
}

/* A CSV file types its channel on the columns page, not on the first page. */
static void
test_no_bank_channel_for_tables (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bank.csv", NULL);

  g_assert_true (g_file_set_contents (path, "Date,Payer,Amount\n2026-03-02,Anna Berg,12.50\n", -1, NULL));
  set_file (f, path);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_false (gtk_widget_get_visible (ui_test_part (f->wizard, "bank_channel_group")));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/import/shopify-end-to-end", Fixture, NULL, fixture_set_up, test_shopify_end_to_end,
              fixture_tear_down);
  g_test_add ("/ui/import/rejected-and-look-alike", Fixture, NULL, fixture_set_up,
              test_rejected_and_look_alike, fixture_tear_down);
  g_test_add ("/ui/import/import-nothing", Fixture, NULL, fixture_set_up, test_import_nothing, fixture_tear_down);
  g_test_add ("/ui/import/statement", Fixture, NULL, fixture_set_up, test_statement, fixture_tear_down);
  g_test_add ("/ui/import/ofx-rules-in-words", Fixture, NULL, fixture_set_up, test_ofx_rules_in_words,
              fixture_tear_down);
  g_test_add ("/ui/import/square-customers", Fixture, NULL, fixture_set_up, test_square_customers,
              fixture_tear_down);
  g_test_add ("/ui/import/cancel-long-import", Fixture, NULL, fixture_set_up, test_cancel_long_import,
              fixture_tear_down);
  g_test_add_func ("/ui/import/drop-on-window", test_drop_on_window);
  g_test_add ("/ui/import/channel-for-file", Fixture, NULL, fixture_set_up, test_channel_for_file,
              fixture_tear_down);
  g_test_add ("/ui/import/channel-for-bank-file", Fixture, NULL, fixture_set_up, test_channel_for_bank_file,
              fixture_tear_down);
  g_test_add ("/ui/import/no-bank-channel-for-tables", Fixture, NULL, fixture_set_up,
              test_no_bank_channel_for_tables, fixture_tear_down);
  return g_test_run ();
}
