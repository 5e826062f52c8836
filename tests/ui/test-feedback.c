/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Survey results through the import wizard under Xvfb, beside a Customers view: the file is
 * recognised as a survey, read with the survey's columns, checked, imported and undone, and the
 * customer's page lists the answer (and an empty state before and after); scores that fit both
 * scales wait for the owner's choice; the owner can turn a survey into sales and back; the
 * owner assigns the columns of a file whose header names are not recognised (or that has no
 * header line), with the missing ones marked until then; a cancelled import leaves the shop as
 * it was.
 */
#include "config.h"

#include <string.h>

#include "clv-date.h"
#include "reg-customer-detail.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-import-wizard.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"
#include "reg-shop-private.h"

typedef struct
{
  char             *dir;
  RegShop          *shop;
  GtkWindow        *window;
  RegCustomersView *view;
  RegImportWizard  *wizard;
  gint64            ann, bob;
} Fixture;

static gint64
add_customer (Fixture *f, const char *name, const char *email)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  rec.email = (char *) email;
  id = reg_shop_add_customer (f->shop, &rec, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->shop = ui_test_new_shop (&f->dir);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "en_GB", &error));
  g_assert_no_error (error);
  f->ann = add_customer (f, "Ann Smith", "ann@example.com");
  f->bob = add_customer (f, "Bob Jones", "bob@example.com");

  f->view = REG_CUSTOMERS_VIEW (reg_customers_view_new ());
  g_object_ref_sink (f->view);
  reg_customers_view_set_shop (f->view, f->shop);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->view)), 10);

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
  gtk_window_destroy (f->window);
  ui_test_drain ();
  g_assert_finalize_object (f->wizard);
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static const RegImportDraft *
draft (Fixture *f)
{
  return reg_import_wizard_get_draft (f->wizard);
}

static gpointer
child (Fixture *f, const char *name)
{
  return ui_test_part (f->wizard, name);
}

static void
activate (Fixture *f, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), action, NULL));
}

static const char *
page (Fixture *f)
{
  return reg_import_wizard_get_page (f->wizard);
}

static const char *
selected_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
settled (Fixture *f)
{
  return draft (f)->work == REG_IMPORT_WORK_NONE && (draft (f)->preview_ready || draft (f)->file_failed);
}

static gboolean
check_settled (Fixture *f)
{
  return draft (f)->work == REG_IMPORT_WORK_NONE && (draft (f)->checked || draft (f)->check_failed);
}

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

static void
set_file (Fixture *f, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  reg_import_wizard_set_file (f->wizard, file);
  UI_WAIT_UNTIL (settled (f), 30);
}

static char *
dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = reg_store_dump (reg_shop_get_store (f->shop), &error);

  g_assert_no_error (error);
  return text;
}

static RegCustomerDetail *
detail (Fixture *f)
{
  return REG_CUSTOMER_DETAIL (reg_customers_view_get_detail (f->view));
}

static GtkWidget *
detail_child (Fixture *f, const char *name)
{
  return ui_test_child (detail (f), REG_TYPE_CUSTOMER_DETAIL, name);
}

static void
test_end_to_end (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_file (f, "survey.csv",
      "Submitted,E-Mail,NPS,Comment\n"
      "2024-03-01,ann@example.com,3,Waited too long\n"
      "2024-03-02,zed@example.com,9,\n");
  g_autofree char *before = dump (f);
  g_autofree char *after_undo = NULL;
  const RegFeedbackPreview *preview;
  const RegFeedbackImportResult *check, *result;
  GtkListBox *answers;
  AdwActionRow *row;

  /* the customer's page before: the empty state */
  g_assert_true (reg_customers_view_select_customer (f->view, f->ann));
  g_assert_cmpuint (reg_customer_detail_get_n_feedback (detail (f)), ==, 0);
  g_assert_true (gtk_widget_get_visible (detail_child (f, "feedback_empty")));
  g_assert_false (gtk_widget_get_visible (detail_child (f, "feedback_list")));

  /* recognised as survey results on the first look */
  set_file (f, path);
  g_assert_true (draft (f)->feedback);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_false (gtk_widget_get_visible (child (f, "blocked_label")));
  g_assert_cmpstr (selected_text (child (f, "holds_row")), ==, "Survey results (NPS or CSAT)");
  g_assert_true (gtk_widget_get_visible (child (f, "kind_row")));
  g_assert_false (gtk_widget_get_visible (child (f, "preset_row")));
  g_assert_false (gtk_widget_get_visible (child (f, "decimal_row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "kind_row")), ==, "NPS, as the score column’s name says");
  preview = reg_import_wizard_get_feedback_preview (f->wizard);
  g_assert_nonnull (preview);
  g_assert_null (preview->problem);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpint (preview->kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_cmpstr (gtk_label_get_text (child (f, "preview_status")), ==, "Survey results. The first 2 answers:");
  g_assert_cmpstr (adw_window_title_get_subtitle (child (f, "window_title")), ==, "Step 2 of 5: What Was Found");

  /* no columns page: on to the customers */
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "matching");
  UI_WAIT_UNTIL (check_settled (f), 120);
  check = reg_import_wizard_get_feedback_check (f->wizard);
  g_assert_nonnull (check);
  g_assert_true (check->dry_run);
  g_assert_cmpuint (check->imported, ==, 1);
  g_assert_cmpuint (check->rejected, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (child (f, "new_payers_row")), ==, "Answers");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "new_payers_row")), ==,
                   "The answers come from 1 customer. 1 email address matches none of your customers: "
                   "that row is rejected.");
  g_assert_false (gtk_widget_get_visible (child (f, "unmatched_row")));

  /* the check */
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  g_assert_cmpstr (gtk_label_get_text (child (f, "check_label")), ==, "1 survey answer is ready to import.");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (f, "check_detail_label")),
                                   "Read as an NPS survey (scores 0 to 10)."));
  g_assert_true (gtk_widget_get_visible (child (f, "rejected_group")));
  g_assert_cmpuint (g_list_model_get_n_items (child (f, "rejected_model")), ==, 1);
  g_assert_cmpstr (gtk_button_get_label (child (f, "import_button")), ==, "Import the _Valid Rows");
  {
    g_autofree char *unchanged = dump (f);
    g_assert_cmpstr (unchanged, ==, before);
  }

  /* import */
  activate (f, "import.run");
  g_assert_cmpstr (page (f), ==, "importing");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  result = reg_import_wizard_get_feedback_result (f->wizard);
  g_assert_nonnull (result);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->imported, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (child (f, "summary_title")), ==, "Survey Results Imported");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (f, "summary_label")),
                                   "1 survey answer is now in your shop, on the customer’s page."));

  /* the customer's page follows the shop: the answer, with its score and comment */
  UI_WAIT_UNTIL (reg_customer_detail_get_n_feedback (detail (f)) == 1, 10);
  g_assert_cmpint (reg_customer_get_id (reg_customer_detail_get_customer (detail (f))), ==, f->ann);
  g_assert_false (gtk_widget_get_visible (detail_child (f, "feedback_empty")));
  answers = GTK_LIST_BOX (detail_child (f, "feedback_list"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (answers)));
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (answers, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "01/03/2024");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Waited too long");

  /* undo: the answer goes, the page is empty again */
  activate (f, "import.undo");
  g_assert_cmpstr (gtk_label_get_text (child (f, "summary_title")), ==, "Import Undone");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (f, "summary_label")),
                                   "The import was undone: 1 survey answer was taken out again."));
  after_undo = dump (f);
  g_assert_cmpstr (after_undo, ==, before);
  UI_WAIT_UNTIL (reg_customer_detail_get_n_feedback (detail (f)) == 0, 10);
  g_assert_true (gtk_widget_get_visible (detail_child (f, "feedback_empty")));

  activate (f, "import.next");
  UI_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (f->wizard)), 10);
}

/* Scores 1 .. 5 under a neutral name: the way on waits for NPS or CSAT. Sales and back. */
static void
test_choose_kind (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (f, "ratings.csv",
      "email,rating,date\nann@example.com,4,2024-03-01\nbob@example.com,1,2024-03-02\n");
  AdwComboRow *kind_row = child (f, "kind_row");
  AdwComboRow *holds_row = child (f, "holds_row");
  const RegFeedbackImportResult *result;

  set_file (f, path);
  g_assert_true (draft (f)->feedback);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_true (draft (f)->preview_problem);
  g_assert_false (gtk_widget_get_sensitive (child (f, "next_button")));
  g_assert_true (gtk_widget_get_visible (child (f, "blocked_label")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kind_row)), ==,
                   "Every score is between 1 and 5, which fits both: choose NPS or CSAT");

  /* the owner says CSAT */
  adw_combo_row_set_selected (kind_row, 2);
  UI_WAIT_UNTIL (settled (f), 30);
  g_assert_false (draft (f)->preview_problem);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kind_row)), ==, "Your choice");
  g_assert_cmpint (reg_import_wizard_get_feedback_preview (f->wizard)->kind, ==, REG_FEEDBACK_KIND_CSAT);

  /* sales after all: the sales reader finds no amount; back to a survey keeps the choice */
  adw_combo_row_set_selected (holds_row, 0);
  UI_WAIT_UNTIL (settled (f), 30);
  g_assert_false (draft (f)->feedback);
  g_assert_true (gtk_widget_get_visible (child (f, "preset_row")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kind_row)));
  g_assert_true (draft (f)->preview_problem);
  adw_combo_row_set_selected (holds_row, 1);
  UI_WAIT_UNTIL (settled (f), 30);
  g_assert_true (draft (f)->feedback);
  g_assert_false (draft (f)->preview_problem);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (holds_row)), ==, "Your choice");

  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 120);
  activate (f, "import.next");
  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  result = reg_import_wizard_get_feedback_result (f->wizard);
  g_assert_cmpint (result->kind, ==, REG_FEEDBACK_KIND_CSAT);
  g_assert_cmpuint (result->imported, ==, 2);

  /* Bob's page: a low CSAT score, marked as such */
  g_assert_true (reg_customers_view_select_customer (f->view, f->bob));
  UI_WAIT_UNTIL (reg_customer_detail_get_n_feedback (detail (f)) == 1, 10);
  {
    GtkListBox *answers = GTK_LIST_BOX (detail_child (f, "feedback_list"));
    AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (answers, 0));
    GtkWidget *suffix = ui_test_find_label (GTK_WIDGET (row), "CSAT 1");

    g_assert_nonnull (suffix);
    g_assert_true (gtk_widget_has_css_class (suffix, "error"));
  }
}

static const char *
subtitle (AdwComboRow *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Selects @pos in the drop-down of one survey column, as the owner does, and waits for the
 * preview that follows. */
static void
choose_column (Fixture *f, AdwComboRow *row, guint pos)
{
  adw_combo_row_set_selected (row, pos);
  UI_WAIT_UNTIL (settled (f), 30);
}

static const RegFeedbackRecord *
only_answer (Fixture *f, gint64 customer, GPtrArray **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = reg_shop_list_customer_feedback (f->shop, customer, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*keep)->len, ==, 1);
  return g_ptr_array_index (*keep, 0);
}

/* Header names nobody recognises (tests/data/import/feedback-unrecognised.csv: "Kunde",
 * "Punkte", "Tag", "Notiz"): the owner says the file holds survey results and assigns the
 * columns on the page of what was found. The score is found by its name; the e-mail address
 * and the date are marked as needed and the way on stays closed until they are assigned. The
 * check and the import get the owner's columns, as regulars-cli's --map passes them, and each
 * answer lands on the customer with that address. */
static void
test_assign_columns (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "feedback-unrecognised.csv",
                                                 NULL);
  AdwComboRow *holds_row = child (f, "holds_row");
  AdwComboRow *email_row = child (f, "survey_email_row");
  AdwComboRow *score_row = child (f, "survey_score_row");
  AdwComboRow *date_row = child (f, "survey_date_row");
  AdwComboRow *comment_row = child (f, "survey_comment_row");
  GtkWidget *group = child (f, "survey_columns_group");
  const RegFeedbackPreview *preview;
  const RegFeedbackImportResult *check, *result;
  g_autoptr(GPtrArray) ann_answers = NULL;
  g_autoptr(GPtrArray) bob_answers = NULL;
  const RegFeedbackRecord *answer;

  /* not taken for a survey on the first look: no e-mail column by its name */
  set_file (f, path);
  g_assert_false (draft (f)->feedback);
  g_assert_cmpstr (page (f), ==, "detected");
  g_assert_false (gtk_widget_get_visible (group));

  /* the owner says what the file holds: the columns, with what is missing marked */
  adw_combo_row_set_selected (holds_row, 1);
  UI_WAIT_UNTIL (settled (f), 30);
  g_assert_true (draft (f)->feedback);
  g_assert_true (draft (f)->columns_missing);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (email_row)), ==, 5);
  g_assert_cmpstr (selected_text (email_row), ==, "Not in this file");
  g_assert_cmpstr (subtitle (email_row), ==, "Needed: choose the column that holds it");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email_row), "error"));
  g_assert_cmpstr (selected_text (score_row), ==, "Punkte (such as “9”)");
  g_assert_cmpstr (subtitle (score_row), ==, "Found in the file by its name");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (score_row), "error"));
  g_assert_cmpstr (selected_text (date_row), ==, "Not in this file");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_cmpstr (selected_text (comment_row), ==, "Not in this file");
  g_assert_cmpstr (subtitle (comment_row), ==, "Optional: answers are imported without a comment");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (comment_row), "error"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "next_button")));
  g_assert_true (gtk_widget_get_visible (child (f, "blocked_label")));
  g_assert_cmpstr (gtk_label_get_text (child (f, "blocked_label")), ==,
                   "Choose a column for every field marked as needed under Columns.");
  g_assert_cmpstr (gtk_label_get_text (child (f, "preview_status")), ==,
                   "The answers are read once every needed column is chosen above.");
  g_assert_true (gtk_widget_has_css_class (child (f, "preview_status"), "error"));

  /* the e-mail addresses are under "Kunde": the date is still missing */
  choose_column (f, email_row, 1);
  g_assert_cmpstr (selected_text (email_row), ==, "Kunde (such as “ann@example.com”)");
  g_assert_cmpstr (subtitle (email_row), ==, "Your choice");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (email_row), "error"));
  g_assert_true (draft (f)->columns_missing);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "next_button")));

  /* taken back: missing again */
  choose_column (f, email_row, 0);
  g_assert_cmpstr (subtitle (email_row), ==, "Needed: choose the column that holds it");
  g_assert_true (draft (f)->columns_missing);
  choose_column (f, email_row, 1);

  /* the dates under "Tag": the answers can be read */
  choose_column (f, date_row, 3);
  g_assert_false (draft (f)->columns_missing);
  g_assert_false (draft (f)->preview_problem);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_true (gtk_widget_get_sensitive (child (f, "next_button")));
  g_assert_false (gtk_widget_get_visible (child (f, "blocked_label")));
  preview = reg_import_wizard_get_feedback_preview (f->wizard);
  g_assert_nonnull (preview);
  g_assert_null (preview->problem);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpstr (preview->mapping, ==, "email=Kunde,score=Punkte,date=Tag");
  g_assert_cmpstr (gtk_label_get_text (child (f, "preview_status")), ==, "Survey results. The first 2 answers:");
  g_assert_null (ui_test_find_label (child (f, "preview_grid"), "Prima Kaffee"));

  /* and the comments under "Notiz" */
  choose_column (f, comment_row, 4);
  g_assert_cmpstr (subtitle (comment_row), ==, "Your choice");
  preview = reg_import_wizard_get_feedback_preview (f->wizard);
  g_assert_cmpstr (preview->mapping, ==, "email=Kunde,score=Punkte,date=Tag,comment=Notiz");
  g_assert_nonnull (ui_test_find_label (child (f, "preview_grid"), "Prima Kaffee"));
  g_assert_nonnull (ui_test_find_label (child (f, "preview_grid"), "ann@example.com"));

  /* check and import with those columns */
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "matching");
  UI_WAIT_UNTIL (check_settled (f), 120);
  check = reg_import_wizard_get_feedback_check (f->wizard);
  g_assert_nonnull (check);
  g_assert_cmpuint (check->imported, ==, 2);
  g_assert_cmpuint (check->rejected, ==, 0);
  g_assert_cmpstr (check->mapping, ==, "email=Kunde,score=Punkte,date=Tag,comment=Notiz");
  activate (f, "import.next");
  g_assert_cmpstr (page (f), ==, "validation");
  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  result = reg_import_wizard_get_feedback_result (f->wizard);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpint (result->kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_cmpstr (result->mapping, ==, "email=Kunde,score=Punkte,date=Tag,comment=Notiz");

  /* each answer on its customer, with its score, day and comment */
  answer = only_answer (f, f->ann, &ann_answers);
  g_assert_cmpint (answer->score, ==, 9);
  g_assert_cmpint (answer->day, ==, clv_date_from_ymd (2024, 3, 1));
  g_assert_cmpstr (answer->comment, ==, "Prima Kaffee");
  answer = only_answer (f, f->bob, &bob_answers);
  g_assert_cmpint (answer->score, ==, 3);
  g_assert_cmpint (answer->day, ==, clv_date_from_ymd (2024, 3, 2));
  g_assert_cmpstr (answer->comment, ==, "Zu langsam");
  g_assert_true (reg_customers_view_select_customer (f->view, f->bob));
  UI_WAIT_UNTIL (reg_customer_detail_get_n_feedback (detail (f)) == 1, 10);
  g_assert_nonnull (ui_test_find_label (detail_child (f, "feedback_list"), "Zu langsam"));
}

/* No header line at all: every column is offered by position ("Column 1"), all three needed
 * ones are marked, and the owner's choice goes to the import as "#N" columns. */
static void
test_assign_columns_by_position (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = write_file (f, "answers.csv",
      "ann@example.com,10,2024-05-01\nbob@example.com,6,2024-05-02\n");
  AdwComboRow *email_row = child (f, "survey_email_row");
  AdwComboRow *score_row = child (f, "survey_score_row");
  AdwComboRow *date_row = child (f, "survey_date_row");
  const RegFeedbackPreview *preview;
  const RegFeedbackImportResult *result;
  g_autoptr(GPtrArray) ann_answers = NULL;
  g_autoptr(GPtrArray) bob_answers = NULL;

  set_file (f, path);
  adw_combo_row_set_selected (child (f, "holds_row"), 1);
  UI_WAIT_UNTIL (settled (f), 30);
  g_assert_true (draft (f)->feedback);
  g_assert_true (draft (f)->columns_missing);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (email_row)), ==, 4);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email_row), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (score_row), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "next_button")));

  choose_column (f, email_row, 1);
  g_assert_cmpstr (selected_text (email_row), ==, "Column 1 (such as “ann@example.com”)");
  choose_column (f, score_row, 2);
  g_assert_true (draft (f)->columns_missing);
  choose_column (f, date_row, 3);
  g_assert_false (draft (f)->columns_missing);
  preview = reg_import_wizard_get_feedback_preview (f->wizard);
  g_assert_cmpstr (preview->mapping, ==, "email=#1,score=#2,date=#3");
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_true (gtk_widget_get_sensitive (child (f, "next_button")));

  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 120);
  activate (f, "import.next");
  activate (f, "import.run");
  UI_WAIT_UNTIL (g_str_equal (page (f), "summary"), 60);
  result = reg_import_wizard_get_feedback_result (f->wizard);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpint (only_answer (f, f->ann, &ann_answers)->score, ==, 10);
  g_assert_cmpint (only_answer (f, f->bob, &bob_answers)->score, ==, 6);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("email,nps,date,comment\n");
  g_autofree char *path = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;

  for (int i = 0; i < 3000; i++)
    g_string_append_printf (big, "%s,%d,2024-%02d-%02d,answer %d\n",
                            i % 2 ? "ann@example.com" : "bob@example.com", i % 11, 1 + i % 12,
                            1 + i % 28, i);
  path = write_file (f, "big.csv", big->str);
  set_file (f, path);
  g_assert_true (draft (f)->feedback);
  activate (f, "import.next");
  UI_WAIT_UNTIL (check_settled (f), 120);
  activate (f, "import.next");
  activate (f, "import.run");
  g_assert_cmpstr (page (f), ==, "importing");
  g_assert_true (gtk_widget_get_sensitive (child (f, "cancel_button")));
  activate (f, "import.cancel");
  UI_WAIT_UNTIL (draft (f)->work == REG_IMPORT_WORK_NONE, 120);
  g_assert_true (draft (f)->import_cancelled);
  g_assert_cmpstr (page (f), ==, "validation");
  g_assert_cmpstr (gtk_label_get_text (child (f, "cancelled_label")), ==,
                   "The import was cancelled. Nothing was changed in your shop.");
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/feedback/end-to-end", Fixture, NULL, fixture_set_up, test_end_to_end, fixture_tear_down);
  g_test_add ("/ui/feedback/choose-kind", Fixture, NULL, fixture_set_up, test_choose_kind, fixture_tear_down);
  g_test_add ("/ui/feedback/assign-columns", Fixture, NULL, fixture_set_up, test_assign_columns,
              fixture_tear_down);
  g_test_add ("/ui/feedback/assign-columns-by-position", Fixture, NULL, fixture_set_up,
              test_assign_columns_by_position, fixture_tear_down);
  g_test_add ("/ui/feedback/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  return g_test_run ();
}
