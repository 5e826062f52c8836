/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import job end to end on a temporary shop: the same file twice adds nothing the second
 * time; undo gives back the exact prior content; rejected rows under "all or nothing", a dry
 * run and a cancel change nothing; payers are matched by id, e-mail and name; the CDNOW event
 * log imported with a mapping gives the same analysis as the raw file. Store exports over
 * 8 MiB take the bulk path (sales indexes built after the rows, sales written 16 to a
 * statement, rows read and matched on a second thread): duplicates in the file and against an
 * earlier import, undo, cancel, rejected rows and a reading error half-way are tested there.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-import-job.h"
#include "reg-import-reader.h"
#include "reg-io-error.h"
#include "reg-shop.h"
#include "reg-store-imports.h"
#include "reg-test-utils.h"
#include "reg-shop-private.h"
#include "reg-import-emails-private.h"

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
  RegUndoSummary undone = { 0 };

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

  g_assert_true (reg_shop_undo_import (f->shop, first->batch, &undone, &error));
  g_assert_cmpuint (undone.sales, ==, 4);
  g_assert_cmpuint (undone.customers, ==, 3);
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

/* A payer the shop cannot take as a customer (a name of 600 characters) is a rejected row with
 * its line, field and value; the other rows are imported. */
static void
test_unfit_payer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("Order,Customer,Email,Name,Date,Amount\n"
                                       "A-1,c1,ann@example.com,Ann Smith,2024-01-05,12.50\n"
                                       "A-2,c2,,");
  g_autofree char *path = NULL;
  g_autoptr(RegImportResult) r = NULL;
  RegImportRequest req;
  RegImportIssue *issue;

  for (int i = 0; i < 600; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, ",2024-01-06,20.00\n"
                      "A-3,c1,ann@example.com,Ann Smith,2024-02-05,7.25\n");
  path = write_file (f, "unfit.csv", s->str);
  reg_import_request_init (&req);
  req.mapping = orders_map;
  r = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (r->committed);
  g_assert_cmpuint (r->imported, ==, 2);
  g_assert_cmpuint (r->new_customers, ==, 1);
  g_assert_cmpuint (r->rejected, ==, 1);
  issue = r->errors->pdata[0];
  g_assert_cmpuint (issue->line, ==, 3);
  g_assert_cmpstr (issue->field, ==, "name");
  /* the value as messages quote it: 60 characters and "…", not 600 */
  g_assert_cmpuint (g_utf8_strlen (issue->value, -1), ==, 61);
  g_assert_true (g_str_has_suffix (issue->value, "…"));
  g_assert_nonnull (strstr (issue->reason, "unfit.csv, line 3, field “name”"));
  g_assert_nonnull (strstr (issue->reason, "500"));
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
  /* every row is a purchase: the 8 orders of $0.00 (visits without spend) and the rows that
   * repeat another of the same customer, day and amount (separate purchases) */
  g_assert_cmpuint (r->imported, ==, 6919);
  g_assert_cmpuint (r->duplicates, ==, 0);
  g_assert_cmpuint (r->skipped, ==, 0);
  g_assert_cmpuint (r->new_customers, ==, 2357);
  g_assert_cmpint (r->total_imported, ==, 24409194);

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

/* ---- the bulk path -------------------------------------------------------------------- */

#define BULK_ROWS 125000   /* about 8.9 MB: over the 8 MiB from which indexes are deferred */
#define BULK_MAP "order=Order,customer=Customer ID,email=Email,name=Name,date=Date,amount=Total," \
                 "currency=Currency"

static gint64
bulk_amount (guint order)
{
  return 500 + (gint64) (order * 7919u % 30000u);
}

/* A store export of the orders [first, first + n), 5,000 customers, one line each, after the
 * header (so order o is on line o - first + 2 unless @extra lines come first). */
static void
append_orders (GString *s, guint first, guint n)
{
  for (guint o = first; o < first + n; o++)
    {
      guint c = o % 5000;
      gint64 a = bulk_amount (o);
      g_string_append_printf (s, "O%07u,C%05u,c%u@example.com,Customer %u,2024-%02u-%02u,%"
                              G_GINT64_FORMAT ".%02d,EUR\n", o, c, c, c, 1 + o % 12, 1 + o % 28,
                              a / 100, (int) (a % 100));
    }
}

static gint64
sum_orders (guint first, guint n)
{
  gint64 sum = 0;

  for (guint o = first; o < first + n; o++)
    sum += bulk_amount (o);
  return sum;
}

static RegImportResult *
run_bulk (Fixture *f, const char *path, gboolean all_or_nothing, GError **error)
{
  RegImportRequest req;

  reg_import_request_init (&req);
  req.mapping = BULK_MAP;
  req.all_or_nothing = all_or_nothing;
  return run_import (f, path, &req, error);
}

/* The figures kept on the customers equal a recount from the sales. */
static void
assert_totals_true (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RegStore *store = reg_shop_get_store (f->shop);
  g_autofree char *kept = reg_store_dump (store, &error);
  g_autofree char *recounted = NULL;

  g_assert_true (reg_store_refresh_all_totals (store, &error));
  g_assert_no_error (error);
  recounted = reg_store_dump (store, &error);
  g_assert_true (g_str_equal (kept, recounted));
}

/* Duplicates inside one file (in one statement of 16, across statements, by order id and by
 * content hash) and against an earlier import: never imported twice, the first one kept, the
 * money counted once; undo gives back the shop as it was, indexes included. */
static void
test_bulk_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) a = g_string_new ("Order,Customer ID,Email,Name,Date,Total,Currency\n");
  g_autoptr(GString) b = g_string_new ("Order,Customer ID,Email,Name,Date,Total,Currency\n");
  g_autofree char *before = dump (f);
  g_autofree char *after_first = NULL;
  g_autofree char *path_a = NULL, *path_b = NULL, *after = NULL;
  g_autoptr(RegImportResult) first = NULL;
  g_autoptr(RegImportResult) again = NULL;
  g_autoptr(RegImportResult) second = NULL;
  RegUndoSummary undone = { 0 };

  append_orders (a, 0, 10);
  /* order 5 again with another amount, within the same statement of 16: the first is kept */
  g_string_append (a, "O0000005,C00005,c5@example.com,Customer 5,2024-06-06,999.99,EUR\n");
  append_orders (a, 10, BULK_ROWS - 10);
  /* order 3 again, many statements later */
  g_string_append (a, "O0000003,C00003,c3@example.com,Customer 3,2024-04-04,1.00,EUR\n");
  g_assert_cmpuint (a->len, >, 8 * 1024 * 1024);
  path_a = write_file (f, "orders-a.csv", a->str);

  first = run_bulk (f, path_a, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (first->committed);
  g_assert_cmpuint (first->rows_read, ==, BULK_ROWS + 2);
  g_assert_cmpuint (first->imported, ==, BULK_ROWS);
  g_assert_cmpuint (first->duplicates, ==, 2);
  g_assert_cmpuint (first->rejected, ==, 0);
  g_assert_cmpuint (first->new_customers, ==, 5000);
  g_assert_cmpint (first->total_imported, ==, sum_orders (0, BULK_ROWS));
  g_assert_cmpint (reg_store_count_sales (reg_shop_get_store (f->shop)), ==, BULK_ROWS);
  {
    /* the first order 5 is the one kept */
    gint64 c5 = reg_shop_find_customer (f->shop, "c5@example.com", NULL);
    g_autoptr(GPtrArray) list = reg_store_list_sales (reg_shop_get_store (f->shop), c5, 0, &error);
    gboolean seen = FALSE;
    for (guint i = 0; i < list->len; i++)
      {
        RegSaleRecord *rec = list->pdata[i];
        if (g_strcmp0 (rec->external_id, "O0000005") == 0)
          {
            g_assert_false (seen);
            seen = TRUE;
            g_assert_cmpint (rec->amount, ==, bulk_amount (5));
          }
      }
    g_assert_true (seen);
  }
  assert_totals_true (f);
  g_assert_true (reg_store_integrity_check (reg_shop_get_store (f->shop), &error));
  after_first = dump (f);

  /* the same file again: every row a duplicate, nothing kept */
  again = run_bulk (f, path_a, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (again->committed);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, BULK_ROWS + 2);
  g_assert_cmpuint (again->new_customers, ==, 0);
  g_assert_cmpint (again->previous_batch, ==, first->batch);
  after = dump (f);
  g_assert_true (g_str_equal (after_first, after));
  g_clear_pointer (&after, g_free);

  /* half old, half new: statements with some duplicates among new sales */
  append_orders (b, BULK_ROWS / 2, BULK_ROWS);
  path_b = write_file (f, "orders-b.csv", b->str);
  second = run_bulk (f, path_b, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (second->committed);
  g_assert_cmpuint (second->imported, ==, BULK_ROWS / 2);
  g_assert_cmpuint (second->duplicates, ==, BULK_ROWS / 2);
  g_assert_cmpuint (second->new_customers, ==, 0);
  g_assert_cmpint (second->total_imported, ==, sum_orders (BULK_ROWS, BULK_ROWS / 2));
  assert_totals_true (f);

  g_assert_true (reg_shop_undo_import (f->shop, second->batch, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone.sales, ==, BULK_ROWS / 2);
  g_assert_cmpuint (undone.customers, ==, 0);
  after = dump (f);
  g_assert_true (g_str_equal (after_first, after));
  g_clear_pointer (&after, g_free);
  g_assert_true (reg_shop_undo_import (f->shop, first->batch, &undone, &error));
  g_assert_cmpuint (undone.sales, ==, BULK_ROWS);
  g_assert_cmpuint (undone.customers, ==, 5000);
  after = dump (f);
  g_assert_true (g_str_equal (before, after));
}

/* Without order ids the content key tells a sale the shop has: the same line three times in
 * one file (in one statement and far apart) is three purchases, one cent more is another; the
 * same file again adds nothing. */
static void
test_bulk_content_key (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("Order,Customer ID,Email,Name,Date,Total,Currency\n");
  g_autofree char *path = NULL;
  g_autoptr(RegImportResult) first = NULL;
  g_autoptr(RegImportResult) again = NULL;
  RegImportRequest req;
  const char *line = "C00042,c42@example.com,Customer 42,2024-02-03,12.34,EUR\n";
  char *p, *q;

  g_string_append (s, line);
  g_string_append (s, "C00043,c43@example.com,Customer 43,2024-02-03,1.00,EUR\n");
  g_string_append (s, line);
  append_orders (s, 0, BULK_ROWS);
  g_string_append (s, line);
  g_string_append (s, "C00042,c42@example.com,Customer 42,2024-02-03,12.35,EUR\n");
  /* the same export without its order column: the first field of every line that has one goes,
   * with its comma */
  for (p = q = s->str; *p != '\0'; p++)
    {
      if ((p == s->str || p[-1] == '\n') && *p == 'O')
        {
          while (*p != ',')
            p++;
          continue;
        }
      *q++ = *p;
    }
  *q = '\0';
  g_string_set_size (s, q - s->str);
  g_assert_true (g_str_has_prefix (s->str, "Customer ID,Email"));
  path = write_file (f, "no-ids.csv", s->str);
  reg_import_request_init (&req);
  req.mapping = "customer=Customer ID,email=Email,name=Name,date=Date,amount=Total,"
                "currency=Currency";
  first = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (first->committed);
  g_assert_cmpuint (first->rows_read, ==, BULK_ROWS + 5);
  g_assert_cmpuint (first->imported, ==, BULK_ROWS + 5);
  g_assert_cmpuint (first->duplicates, ==, 0);
  g_assert_cmpint (first->total_imported, ==,
                   sum_orders (0, BULK_ROWS) + 3 * 1234 + 100 + 1235);
  again = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, BULK_ROWS + 5);
  assert_totals_true (f);
}

/* A shop of schema 5 keyed rows without an id by their content alone, and kept only the first
 * of identical rows in a file. Such a shop imports the same file again without adding anything,
 * and a later download adds only its new rows. */
static void
test_legacy_hashes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *text = "Customer,Date,Amount\n"
                     "c1,2024-01-05,4.50\n"
                     "c1,2024-01-05,4.50\n"
                     "c2,2024-01-06,9.00\n";
  g_autofree char *path = write_file (f, "log.csv", text);
  g_autofree char *longer = g_strconcat (text, "c2,2024-01-07,9.00\n", NULL);
  g_autofree char *later_path = write_file (f, "later.csv", longer);
  g_autoptr(RegImportResult) first = NULL;
  g_autoptr(RegImportResult) again = NULL;
  g_autoptr(RegImportResult) later = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  RegStore *store = reg_shop_get_store (f->shop);
  sqlite3 *db = reg_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  RegImportRow *row;
  RegImportIssue *issue;

  first = run_import (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->imported, ==, 3);

  /* the shop as schema 5 left it: the content hash on the first of identical rows, no keys,
   * the second identical row dropped */
  reader = reg_import_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE sales SET content_hash = ?1, content_key = NULL "
                                       "WHERE content_key = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
  while (reg_import_reader_next (reader, &row, &issue, NULL, &error))
    {
      g_assert_nonnull (row);
      reg_import_row_compute_hash (row);
      sqlite3_bind_text (stmt, 1, row->legacy_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, reg_import_row_content_key (row, 1));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      reg_import_row_free (row);
    }
  g_assert_no_error (error);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sales WHERE content_key IS NOT NULL", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  g_assert_true (reg_store_refresh_all_totals (store, &error));
  g_assert_true (reg_store_source_has_hashes (store, first->source));

  again = run_import (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 3);
  later = run_import (f, later_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->imported, ==, 1);
  g_assert_cmpuint (later->duplicates, ==, 3);
  g_assert_cmpint (later->total_imported, ==, 900);
  assert_totals_true (f);
}

static void
cancel_at_half_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  if (fraction > 0.5)
    reg_job_cancel (job);
}

/* Cancelled half-way through a bulk import (indexes dropped, customers and sales written):
 * the shop is exactly as it was. */
static void
test_bulk_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("Order,Customer ID,Email,Name,Date,Total,Currency\n");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RegImportResult) r = NULL;
  RegImportRequest req;

  /* a shop with sales and customers of its own first */
  g_string_append (s, "X1,C00001,c1@example.com,Customer 1,2023-01-01,5.00,EUR\n");
  path = write_file (f, "small.csv", s->str);
  r = run_bulk (f, path, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  before = dump (f);

  g_string_truncate (s, 0);
  g_string_append (s, "Order,Customer ID,Email,Name,Date,Total,Currency\n");
  append_orders (s, 0, BULK_ROWS);
  path = write_file (f, "big.csv", s->str);
  reg_import_request_init (&req);
  req.mapping = BULK_MAP;
  {
    g_autoptr(RegImportJob) job = reg_import_job_new (f->shop, path, &req);
    reg_job_set_progress_func (REG_JOB (job), cancel_at_half_cb, NULL);
    g_assert_null (reg_job_run_sync (REG_JOB (job), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  after = dump (f);
  g_assert_true (g_str_equal (before, after));
  g_assert_true (reg_store_integrity_check (reg_shop_get_store (f->shop), &error));
}

/* Rows rejected on the reading thread (dates and amounts by the reader, another currency by the
 * matcher) are reported in file order with file, line, field and value; under "all or
 * nothing" nothing is kept. */
static void
test_bulk_rejects (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("Order,Customer ID,Email,Name,Date,Total,Currency\n");
  g_autofree char *path = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autoptr(RegImportResult) refused = NULL;
  g_autoptr(RegImportResult) kept = NULL;
  RegImportIssue *issue;

  append_orders (s, 0, 1000);                                             /* lines 2-1001 */
  g_string_append (s, "B1,C00001,c1@example.com,Customer 1,2024-02-30,1.00,EUR\n");   /* 1002 */
  append_orders (s, 1000, 50000);                                         /* 1003-51002 */
  g_string_append (s, "B2,C00002,c2@example.com,Customer 2,2024-03-01,1.2.3,EUR\n");  /* 51003 */
  append_orders (s, 51000, 50000);                                        /* 51004-101003 */
  g_string_append (s, "B3,C00003,c3@example.com,Customer 3,2024-03-02,7.00,USD\n");   /* 101004 */
  append_orders (s, 101000, BULK_ROWS - 101000);
  path = write_file (f, "rejects.csv", s->str);

  refused = run_bulk (f, path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (refused->refused);
  g_assert_false (refused->committed);
  g_assert_cmpuint (refused->rejected, ==, 3);
  g_assert_cmpuint (refused->errors->len, ==, 3);
  issue = refused->errors->pdata[0];
  g_assert_cmpuint (issue->line, ==, 1002);
  g_assert_cmpstr (issue->value, ==, "2024-02-30");
  g_assert_nonnull (strstr (issue->reason, "rejects.csv, line 1002"));
  g_assert_nonnull (strstr (issue->reason, "Date"));
  issue = refused->errors->pdata[1];
  g_assert_cmpuint (issue->line, ==, 51003);
  g_assert_cmpstr (issue->value, ==, "1.2.3");
  g_assert_nonnull (strstr (issue->reason, "rejects.csv, line 51003"));
  g_assert_nonnull (strstr (issue->reason, "Total"));
  issue = refused->errors->pdata[2];
  g_assert_cmpuint (issue->line, ==, 101004);
  g_assert_cmpstr (issue->field, ==, "currency");
  g_assert_cmpstr (issue->value, ==, "USD");
  g_assert_nonnull (strstr (issue->reason, "rejects.csv, line 101004"));
  after = dump (f);
  g_assert_true (g_str_equal (before, after));

  kept = run_bulk (f, path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (kept->committed);
  g_assert_cmpuint (kept->imported, ==, BULK_ROWS);
  g_assert_cmpuint (kept->rejected, ==, 3);
  g_assert_cmpint (kept->total_imported, ==, sum_orders (0, BULK_ROWS));
}

/* The reading thread stops on bytes that are not text half-way through: the import fails with
 * the reader's words (file and line), and the shop is as it was. */
static void
test_pipeline_error (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("Order,Customer ID,Email,Name,Date,Total,Currency\n");
  g_autofree char *path = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;

  /* "ü" in the head makes it UTF-8; then, past the sniffed head, a byte that is not */
  g_string_append (s, "Z1,C00001,zoe@example.com,Zoë Müller,2024-01-01,1.00,EUR\n");
  append_orders (s, 0, 20000);                                            /* lines 3-20002 */
  g_string_append (s, "Z2,C00002,x@example.com,M\xfcller,2024-01-03,3.00,EUR\n");  /* 20003 */
  append_orders (s, 20000, 100);
  path = g_build_filename (f->dir, "bad.csv", NULL);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));

  g_assert_null (run_bulk (f, path, FALSE, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "bad.csv, line 20003"));
  after = dump (f);
  g_assert_true (g_str_equal (before, after));
}

/* Bank payers are customers by name: the same name in other letters is the same customer, a
 * known name written otherwise is a new customer offered as a near match, and a new payer met
 * twice in one file is one customer. */
static void
test_bank_payers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = write_file (f, "one.qif",
      "!Type:Bank\n"
      "D1/5/2024\nT10.00\nPCarla Mendes\n^\n"
      "D1/6/2024\nT20.00\nPDieter Brandt\n^\n");
  g_autofree char *two = write_file (f, "two.qif",
      "!Type:Bank\n"
      "D2/5/2024\nT5.00\nPCARLA MENDES\n^\n"
      "D2/6/2024\nT6.00\nPMendes, Carla\n^\n"
      "D2/7/2024\nT7.00\nPEve Stone\n^\n"
      "D2/8/2024\nT8.00\nPeve stone\n^\n");
  g_autoptr(RegImportResult) a = NULL;
  g_autoptr(RegImportResult) b = NULL;
  RegNearMatch *m;

  a = run_import (f, one, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->imported, ==, 2);
  g_assert_cmpuint (a->new_customers, ==, 2);
  b = run_import (f, two, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->imported, ==, 4);
  g_assert_cmpuint (b->new_customers, ==, 2);
  g_assert_cmpuint (b->near_matches->len, ==, 1);
  m = b->near_matches->pdata[0];
  g_assert_cmpstr (m->payer, ==, "Mendes, Carla");
  g_assert_cmpstr (m->customer_name, ==, "Carla Mendes");
  g_assert_cmpint (m->new_customer_id, !=, m->customer_id);
  g_assert_cmpuint (g_list_model_get_n_items (reg_shop_get_customers (f->shop)), ==, 4);
  assert_totals_true (f);
}

/* The addresses an import matches rows against answer as the table they were read from: every
 * address to its customer, an address of nobody 0, one added later to its new customer, one
 * given again to the last; and past the size they were read at, they grow. */
static void
test_email_table (void)
{
  g_autoptr(GHashTable) truth = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(RegImportEmails) emails = NULL;
  GHashTableIter it;
  gpointer k, v;

  for (gint64 id = 1; id <= 3000; id++)
    g_hash_table_insert (truth, g_strdup_printf ("customer%u@example.com",
                                                 g_rand_int_range (rand, 0, 1000000)),
                         g_memdup2 (&id, sizeof id));
  emails = reg_import_emails_new (truth);
  g_assert_cmpuint (reg_import_emails_size (emails), ==, g_hash_table_size (truth));
  /* new customers of the import, many more than the table was made for */
  for (gint64 n = 1; n <= 20000; n++)
    {
      /* every third one longer than most, kept aside from its slot */
      g_autofree char *email = g_strdup_printf ("new%" G_GINT64_FORMAT "@%s.example.org", n,
                                                n % 3 == 0 ? "a-much-longer-mail-domain" : "x");
      gint64 id = -n;

      g_assert_cmpint (reg_import_emails_lookup (emails, email), ==, 0);
      reg_import_emails_insert (emails, email, id);
      g_hash_table_insert (truth, g_steal_pointer (&email), g_memdup2 (&id, sizeof id));
    }
  reg_import_emails_insert (emails, "new5@x.example.org", 77);
  g_hash_table_insert (truth, g_strdup ("new5@x.example.org"), g_memdup2 (&(gint64) { 77 }, 8));
  reg_import_emails_insert (emails, "new6@a-much-longer-mail-domain.example.org", 78);
  g_hash_table_insert (truth, g_strdup ("new6@a-much-longer-mail-domain.example.org"),
                       g_memdup2 (&(gint64) { 78 }, 8));
  g_assert_cmpuint (reg_import_emails_size (emails), ==, g_hash_table_size (truth));
  g_hash_table_iter_init (&it, truth);
  while (g_hash_table_iter_next (&it, &k, &v))
    g_assert_cmpint (reg_import_emails_lookup (emails, k), ==, *(gint64 *) v);
  g_assert_cmpint (reg_import_emails_lookup (emails, "nobody@example.com"), ==, 0);
  g_assert_cmpint (reg_import_emails_lookup (emails, ""), ==, 0);
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
  ADD ("/import/bank-payers", test_bank_payers);
  ADD ("/import/unfit-payer", test_unfit_payer);
  ADD ("/import/pipeline-error", test_pipeline_error);
  ADD ("/import/bulk-duplicates", test_bulk_duplicates);
  ADD ("/import/bulk-content-key", test_bulk_content_key);
  ADD ("/import/legacy-hashes", test_legacy_hashes);
  ADD ("/import/bulk-cancel", test_bulk_cancel);
  ADD ("/import/bulk-rejects", test_bulk_rejects);
  g_test_add_func ("/import/email-table", test_email_table);
#undef ADD
  return g_test_run ();
}
