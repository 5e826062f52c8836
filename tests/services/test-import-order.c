/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import object in services: one order for sales and survey files, the job it makes, and
 * the outcome whose common figures are those of the kind's own result. Columns the owner
 * chose travel as a mapping object (a file whose column names say nothing is read through
 * it); every new payer is listed with what the file calls them; the sales reader's first look
 * tells survey results from sales.
 */
#include <string.h>

#include "reg-import.h"
#include "reg-io-error.h"
#include "reg-test-utils.h"
#include "services-test-utils.h"

typedef RegServicesShopFixture Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  services_shop_fixture_setup (f, data);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  g_assert_no_error (error);
}

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

/* Column names no reader knows: only the owner's columns say what is where. */
static const char *sales_csv =
  "Beleg;Kunde;Post;Wer;Tag;Betrag\n"
  "A-1;c1;ann@example.com;Ann Smith;2024-01-05;12.50\n"
  "A-2;c2;;;2024-01-06;20.00\n"
  "A-3;c1;ann@example.com;Ann Smith;2024-02-05;7.25\n"
  "A-4;c3;bob@example.com;;2024-02-07;5.00\n";

static const char *sales_columns =
  "order=Beleg,customer=Kunde,email=Post,name=Wer,date=Tag,amount=Betrag";

static const char *survey_csv =
  "Email,NPS,Date,Comment\n"
  "ann@example.com,9,2024-03-01,Great coffee\n"
  "bob@example.com,3,2024-03-02,\n";

static void
assert_common (const RegImportOutcome *o,
               guint rows_read, guint imported, guint duplicates, guint rejected,
               gboolean committed, gboolean dry_run, gint64 batch, const char *file_name,
               GPtrArray *errors)
{
  g_assert_cmpuint (o->rows_read, ==, rows_read);
  g_assert_cmpuint (o->imported, ==, imported);
  g_assert_cmpuint (o->duplicates, ==, duplicates);
  g_assert_cmpuint (o->rejected, ==, rejected);
  g_assert_cmpint (o->committed, ==, committed);
  g_assert_cmpint (o->dry_run, ==, dry_run);
  g_assert_cmpint (o->batch, ==, batch);
  g_assert_cmpstr (o->file_name, ==, file_name);
  g_assert_true (o->errors == errors);
}

static void
test_sales (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "kasse.csv", sales_csv);
  g_autoptr(RegImportMapping) columns = NULL;
  g_autoptr(RegImportOutcome) check = NULL;
  g_autoptr(RegImportOutcome) done = NULL;
  g_autoptr(GError) error = NULL;
  RegImportOrder order;
  const RegImportResult *r;

  columns = reg_import_mapping_from_string (sales_columns, &error);
  g_assert_no_error (error);
  /* the options travel with the columns */
  reg_import_mapping_set_option (columns, "delimiter", ";");
  reg_import_order_init (&order, REG_IMPORT_KIND_SALES);
  order.columns = columns;
  order.dry_run = TRUE;
  check = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->kind, ==, REG_IMPORT_KIND_SALES);
  g_assert_null (check->survey);
  r = check->sales;
  g_assert_nonnull (r);
  assert_common (check, r->rows_read, r->imported, r->duplicates, r->rejected, r->committed,
                 r->dry_run, r->batch, r->file_name, r->errors);
  g_assert_true (check->dry_run);
  g_assert_cmpuint (check->imported, ==, 4);
  g_assert_cmpuint (check->rejected, ==, 0);

  /* every new payer, in file order, as the file names them */
  g_assert_cmpuint (r->new_customers, ==, 3);
  g_assert_cmpuint (r->new_payers->len, ==, r->new_customers);
  {
    const RegNewPayer *ann = r->new_payers->pdata[0];
    const RegNewPayer *nameless = r->new_payers->pdata[1];
    const RegNewPayer *bob = r->new_payers->pdata[2];

    g_assert_cmpuint (ann->line, ==, 2);
    g_assert_cmpstr (ann->name, ==, "Ann Smith");
    g_assert_cmpstr (ann->email, ==, "ann@example.com");
    g_assert_cmpuint (nameless->line, ==, 3);
    g_assert_null (nameless->name);
    g_assert_null (nameless->email);
    g_assert_cmpstr (nameless->reference, ==, "c2");
    g_assert_null (bob->name);
    g_assert_cmpstr (bob->email, ==, "bob@example.com");
  }

  order.dry_run = FALSE;
  done = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  r = done->sales;
  assert_common (done, r->rows_read, r->imported, r->duplicates, r->rejected, r->committed,
                 r->dry_run, r->batch, r->file_name, r->errors);
  g_assert_true (done->committed);
  g_assert_cmpint (done->batch, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (reg_shop_get_sales (f->shop)), ==, 4);
}

static void
test_survey (Fixture *f, gconstpointer data)
{
  g_autofree char *sales = write_file (f, "kasse.csv", sales_csv);
  g_autofree char *path = write_file (f, "survey.csv", survey_csv);
  g_autoptr(RegImportOutcome) first = NULL;
  g_autoptr(RegImportOutcome) done = NULL;
  g_autoptr(GError) error = NULL;
  RegImportOrder order;
  const RegFeedbackImportResult *r;
  RegUndoSummary removed = { 0 };

  /* the customers the answers belong to */
  reg_import_order_init (&order, REG_IMPORT_KIND_SALES);
  order.map_text = sales_columns;
  first = reg_import_run_sync (f->shop, sales, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (first->committed);

  reg_import_order_init (&order, REG_IMPORT_KIND_SURVEY);
  done = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->kind, ==, REG_IMPORT_KIND_SURVEY);
  g_assert_null (done->sales);
  r = done->survey;
  g_assert_nonnull (r);
  assert_common (done, r->rows_read, r->imported, r->duplicates, r->rejected, r->committed,
                 r->dry_run, r->batch, r->file_name, r->errors);
  g_assert_cmpuint (done->imported, ==, 2);
  g_assert_cmpint (r->kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_true (done->committed);
  g_assert_cmpint (done->batch, !=, first->batch);

  /* undone like any import: no sale goes with it */
  g_assert_true (reg_shop_undo_import (f->shop, done->batch, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed.sales, ==, 0);
  g_assert_cmpuint (removed.answers, ==, 2);
}

static void
test_looks_like_survey (Fixture *f, gconstpointer data)
{
  g_autofree char *sales = write_file (f, "kasse.csv", sales_csv);
  g_autofree char *survey = write_file (f, "survey.csv", survey_csv);
  g_autoptr(RegImportPreview) a = NULL;
  g_autoptr(RegImportPreview) b = NULL;
  g_autoptr(GError) error = NULL;

  a = reg_import_preview_read (survey, NULL, "EUR", 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (reg_import_preview_looks_like_survey (a));
  b = reg_import_preview_read (sales, NULL, "EUR", 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (reg_import_preview_looks_like_survey (b));
  g_assert_false (reg_import_preview_looks_like_survey (NULL));
}

/* The survey's columns travel as a mapping too: a file whose column names say nothing is read
 * through the owner's choices, in the first look and in the import alike. */
static void
test_survey_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *sales = write_file (f, "kasse.csv", sales_csv);
  g_autofree char *path = write_file (f, "umfrage.csv",
                                      "Kunde,Punkte,Tag\n"
                                      "ann@example.com,9,2024-03-01\n"
                                      "bob@example.com,3,2024-03-02\n");
  g_autoptr(RegFeedbackMapping) answers = NULL;
  g_autoptr(RegImportOutcome) first = NULL;
  g_autoptr(RegImportOutcome) blind = NULL;
  g_autoptr(RegImportOutcome) done = NULL;
  g_autoptr(GError) error = NULL;
  RegImportOrder order;

  reg_import_order_init (&order, REG_IMPORT_KIND_SALES);
  order.map_text = sales_columns;
  first = reg_import_run_sync (f->shop, sales, &order, NULL, NULL, &error);
  g_assert_no_error (error);

  /* by the names alone, no column holds the e-mail address */
  reg_import_order_init (&order, REG_IMPORT_KIND_SURVEY);
  blind = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_null (blind);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_clear_error (&error);

  answers = reg_feedback_mapping_new ();
  reg_feedback_mapping_set (answers, REG_FEEDBACK_FIELD_EMAIL, "Kunde");
  reg_feedback_mapping_set (answers, REG_FEEDBACK_FIELD_DATE, "#3");
  order.answers = answers;
  done = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->imported, ==, 2);
  g_assert_cmpuint (done->rejected, ==, 0);
  g_assert_cmpstr (reg_feedback_mapping_get (answers, REG_FEEDBACK_FIELD_EMAIL), ==, "Kunde");
}

/* A mapping saved by one import comes back from the import object as a mapping and reads the
 * same file again; an unknown name is an error of its own. */
static void
test_saved_mapping (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "kasse.csv", sales_csv);
  g_autoptr(RegImportMapping) columns = NULL;
  g_autoptr(RegImportMapping) saved = NULL;
  g_autoptr(RegImportMapping) none = NULL;
  g_autoptr(RegImportOutcome) first = NULL;
  g_autoptr(RegImportOutcome) again = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  RegImportOrder order;

  names = reg_import_list_mappings (f->shop);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  columns = reg_import_mapping_from_string (sales_columns, &error);
  g_assert_no_error (error);
  reg_import_mapping_set_option (columns, "delimiter", ";");
  reg_import_order_init (&order, REG_IMPORT_KIND_SALES);
  order.columns = columns;
  order.save_mapping_as = "Kasse";
  first = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (first->committed);

  names = reg_import_list_mappings (f->shop);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Kasse");
  saved = reg_import_get_mapping (f->shop, "Kasse", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (reg_import_mapping_get (saved, REG_FIELD_ORDER), ==, "Beleg");
  g_assert_cmpstr (reg_import_mapping_get (saved, REG_FIELD_AMOUNT), ==, "Betrag");

  /* the saved mapping alone reads the file: every row is a duplicate now */
  reg_import_order_init (&order, REG_IMPORT_KIND_SALES);
  order.columns = saved;
  order.dry_run = TRUE;
  again = reg_import_run_sync (f->shop, path, &order, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->rejected, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, first->imported);

  none = reg_import_get_mapping (f->shop, "Kassa", &error);
  g_assert_null (none);
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/services/import-order/sales", Fixture, NULL, fixture_setup, test_sales,
              services_shop_fixture_teardown);
  g_test_add ("/services/import-order/survey", Fixture, NULL, fixture_setup, test_survey,
              services_shop_fixture_teardown);
  g_test_add ("/services/import-order/looks-like-survey", Fixture, NULL, fixture_setup,
              test_looks_like_survey, services_shop_fixture_teardown);
  g_test_add ("/services/import-order/survey-columns", Fixture, NULL, fixture_setup,
              test_survey_columns, services_shop_fixture_teardown);
  g_test_add ("/services/import-order/saved-mapping", Fixture, NULL, fixture_setup,
              test_saved_mapping, services_shop_fixture_teardown);
  return g_test_run ();
}
