/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import job end to end on a temporary shop: the same file twice adds nothing the second
 * time; undo gives back the exact prior content; rejected rows under "all or nothing", a dry
 * run and a cancel change nothing; payers are matched by id, e-mail and name; the CDNOW event
 * log imported with a mapping gives the same analysis as the raw file.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-import-job.h"
#include "reg-shop.h"
#include "reg-store-imports.h"
#include "reg-test-utils.h"

typedef struct
{
  char    *dir;
  RegShop *shop;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = reg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "shop.regulars", NULL);
  f->shop = reg_shop_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

static RegImportResult *
run_import (Fixture *f, const char *path, const RegImportRequest *req, GError **error)
{
  g_autoptr(RegImportJob) job = reg_import_job_new (f->shop, path, req);
  return reg_job_run_sync (REG_JOB (job), error);
}

static char *
dump (Fixture *f)
{
  return reg_store_dump (reg_shop_get_store (f->shop), NULL);
}

static const char *orders_csv =
  "Order,Customer,Email,Name,Date,Amount\n"
  "A-1,c1,ann@example.com,Ann Smith,2024-01-05,12.50\n"
  "A-2,c2,bob@example.com,Bob Jones,2024-01-06,20.00\n"
  "A-3,c1,ann@example.com,Ann Smith,2024-02-05,7.25\n"
  "A-4,c3,,Carla Díaz,2024-02-07,-5.00\n";

static const char *orders_map = "order=Order,customer=Customer,email=Email,name=Name,date=Date,amount=Amount";

static void
test_twice_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "orders.csv", orders_csv);
  g_autofree char *before = dump (f);
  g_autofree char *after_undo = NULL;
  RegImportRequest req;
  g_autoptr(RegImportResult) first = NULL;
  g_autoptr(RegImportResult) second = NULL;
  RegCustomerRecord ann = { 0 };
  guint sales = 0, customers = 0;

  reg_import_request_init (&req);
  req.mapping = orders_map;
  first = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (first->committed);
  g_assert_cmpint (first->batch, >, 0);
  g_assert_cmpuint (first->rows_read, ==, 4);
  g_assert_cmpuint (first->imported, ==, 4);
  g_assert_cmpuint (first->new_customers, ==, 3);
  g_assert_cmpuint (first->rejected, ==, 0);
  g_assert_cmpint (first->total_imported, ==, 1250 + 2000 + 725 - 500);
  g_assert_nonnull (first->backup_path);
  g_assert_true (g_file_test (first->backup_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (reg_store_count_sales (reg_shop_get_store (f->shop)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (reg_shop_get_customers (f->shop)), ==, 3);
  g_assert_true (reg_shop_get_customer (f->shop, reg_shop_find_customer (f->shop, "ann@example.com", NULL), &ann, &error));
  g_assert_cmpstr (ann.name, ==, "Ann Smith");
  g_assert_cmpint (ann.batch_id, ==, first->batch);
  reg_customer_record_clear (&ann);

  second = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->imported, ==, 0);
  g_assert_cmpuint (second->duplicates, ==, 4);
  g_assert_cmpuint (second->new_customers, ==, 0);
  g_assert_false (second->committed);
  g_assert_cmpint (second->previous_batch, ==, first->batch);
  g_assert_cmpint (reg_store_count_sales (reg_shop_get_store (f->shop)), ==, 4);

  g_assert_true (reg_shop_undo_import (f->shop, first->batch, &sales, &customers, &error));
  g_assert_cmpuint (sales, ==, 4);
  g_assert_cmpuint (customers, ==, 3);
  after_undo = dump (f);
  g_assert_true (g_str_equal (before, after_undo));
  g_assert_cmpuint (g_list_model_get_n_items (reg_shop_get_customers (f->shop)), ==, 0);
}

static void
test_matching (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "orders.csv", orders_csv);
  g_autofree char *more = write_file (f, "more.csv",
      "Order,Customer,Email,Name,Date,Amount\n"
      "B-1,c9,ANN@example.com,A. Smith,2024-03-01,3.00\n"      /* same e-mail: Ann */
      "B-2,c2,,Robert Jones,2024-03-02,4.00\n"                 /* same source id: Bob */
      "B-3,c7,,jones bob,2024-03-03,5.00\n"                    /* new payer, looks like Bob */
      "B-4,,,,2024-03-04,6.00\n");                             /* nobody: anonymous */
  RegImportRequest req;
  g_autoptr(RegImportResult) a = NULL;
  g_autoptr(RegImportResult) b = NULL;
  RegNearMatch *m;

  reg_import_request_init (&req);
  req.mapping = orders_map;
  a = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  b = run_import (f, more, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->imported, ==, 3);
  g_assert_cmpuint (b->new_customers, ==, 1);
  g_assert_cmpuint (b->skipped, ==, 1);
  g_assert_cmpuint (b->near_matches->len, ==, 1);
  m = b->near_matches->pdata[0];
  g_assert_cmpstr (m->payer, ==, "jones bob");
  g_assert_cmpstr (m->customer_name, ==, "Bob Jones");
  /* never merged silently: the new payer is a customer of their own */
  g_assert_cmpint (m->new_customer_id, !=, m->customer_id);
  {
    gint64 ann = reg_shop_find_customer (f->shop, "ann@example.com", NULL);
    g_autoptr(GPtrArray) sales = reg_store_list_sales (reg_shop_get_store (f->shop), ann, 0, &error);
    g_assert_cmpuint (sales->len, ==, 3);
  }

  /* new payers skipped when the owner says so */
  {
    g_autofree char *third = write_file (f, "third.csv",
        "Order,Customer,Email,Name,Date,Amount\n"
        "C-1,c50,new@example.com,New Person,2024-04-01,9.00\n"
        "C-2,c1,,Ann Smith,2024-04-02,1.00\n");
    g_autoptr(RegImportResult) c = NULL;
    req.unmatched = REG_UNMATCHED_SKIP;
    c = run_import (f, third, &req, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (c->imported, ==, 1);
    g_assert_cmpuint (c->new_customers, ==, 0);
    g_assert_cmpuint (c->skipped, ==, 1);
  }
}

static void
test_rejected_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "bad.csv",
      "Order,Customer,Email,Name,Date,Amount,Currency\n"
      "A-1,c1,ann@example.com,Ann,2024-01-05,12.50,EUR\n"
      "A-2,c2,bob@example.com,Bob,2024-13-45,20.00,EUR\n"
      "A-3,c3,cat@example.com,Cat,2024-01-07,twelve,EUR\n"
      "A-4,c4,dan@example.com,Dan,2024-01-08,5.00,USD\n");
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  RegImportRequest req;
  g_autoptr(RegImportResult) refused = NULL;
  g_autoptr(RegImportResult) dry = NULL;
  g_autoptr(RegImportResult) valid = NULL;
  RegImportIssue *issue;

  reg_import_request_init (&req);
  req.mapping = "order=Order,customer=Customer,email=Email,name=Name,date=Date,amount=Amount,currency=Currency";
  req.all_or_nothing = TRUE;
  refused = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (refused->refused);
  g_assert_false (refused->committed);
  g_assert_cmpuint (refused->rejected, ==, 3);
  g_assert_cmpuint (refused->errors->len, ==, 3);
  issue = refused->errors->pdata[0];
  g_assert_cmpuint (issue->line, ==, 3);
  g_assert_nonnull (strstr (issue->reason, "bad.csv, line 3"));
  g_assert_nonnull (strstr (issue->reason, "2024-13-45"));
  issue = refused->errors->pdata[1];
  g_assert_cmpuint (issue->line, ==, 4);
  g_assert_nonnull (strstr (issue->reason, "twelve"));
  issue = refused->errors->pdata[2];
  g_assert_cmpuint (issue->line, ==, 5);
  g_assert_cmpstr (issue->field, ==, "currency");
  g_assert_nonnull (strstr (issue->reason, "USD"));
  after = dump (f);
  g_assert_true (g_str_equal (before, after));
  g_clear_pointer (&after, g_free);

  req.all_or_nothing = FALSE;
  req.dry_run = TRUE;
  dry = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->imported, ==, 1);
  g_assert_null (dry->backup_path);
  after = dump (f);
  g_assert_true (g_str_equal (before, after));

  req.dry_run = FALSE;
  valid = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (valid->committed);
  g_assert_cmpuint (valid->imported, ==, 1);
  g_assert_cmpuint (valid->rejected, ==, 3);
}

static void
cancel_midway_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  if (fraction > 0.3)
    reg_job_cancel (job);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("Order,Customer,Email,Name,Date,Amount\n");
  g_autofree char *path = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  RegImportRequest req;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (big, "O-%d,c%d,,Customer %d,2024-%02d-%02d,%d.%02d\n", i, i % 3000,
                            i % 3000, 1 + i % 12, 1 + i % 28, 1 + i % 90, i % 100);
  path = write_file (f, "big.csv", big->str);
  reg_import_request_init (&req);
  req.mapping = orders_map;
  {
    g_autoptr(RegImportJob) job = reg_import_job_new (f->shop, path, &req);
    reg_job_set_progress_func (REG_JOB (job), cancel_midway_cb, NULL);
    g_assert_null (reg_job_run_sync (REG_JOB (job), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  after = dump (f);
  g_assert_true (g_str_equal (before, after));
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "nope.csv", NULL);

  g_assert_null (run_import (f, path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nope.csv"));
}

/* The CDNOW log through the importer gives the analysis the raw file gives (test-analysis
 * loads the raw file directly and expects the same holdout figure). */
static void
test_cdnow_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);
  RegImportRequest req;
  g_autoptr(RegImportResult) r = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  RegAnalysisOptions opts;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  reg_import_request_init (&req);
  req.mapping = "customer=sampleid,date=date,amount=sales";
  req.date_format = "YMD";
  r = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_read, ==, 6919);
  /* 8 rows of $0.00 are skipped: a zero amount is not a sale */
  g_assert_cmpuint (r->imported + r->duplicates, ==, 6911);
  g_assert_cmpuint (r->new_customers, ==, 2349);

  reg_analysis_options_init (&opts);
  opts.model = "bgnbd";
  opts.calibration_end = clv_date_from_ymd (1997, 9, 30);
  opts.end_day = clv_date_from_ymd (1998, 6, 30);
  job = reg_analysis_job_new (f->shop, &opts);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (s->holdout_actual, 1882, 0.5);
  g_assert_cmpfloat (fabs (s->holdout_predicted - 1653.4) / 1653.4, <, 0.01);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import/twice-and-undo", test_twice_and_undo);
  ADD ("/import/matching", test_matching);
  ADD ("/import/rejected-rows", test_rejected_rows);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/missing-file", test_missing_file);
  ADD ("/import/cdnow", test_cdnow_import);
#undef ADD
  return g_test_run ();
}
