/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop file: creation (0600, WAL, foreign keys), migrations from every earlier schema
 * version, files that are not shops or are newer, constraints that leave the file unchanged,
 * backup and restore, merge and delete. The bulk writers' side: sales 16 to a statement with
 * duplicates left out and counted, the schema's CHECK rules checked in C (the same rules as the
 * schema's, pinned here), customers' figures recounted in one pass, indexes deferred but one.
 */
#define _GNU_SOURCE   /* setresuid */
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clv-date.h"
#include "clv-money.h"
#include "reg-store.h"
#include "reg-store-imports.h"
#include "reg-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = reg_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.regulars", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_customer (RegStore *store, const char *name, const char *email)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  rec.email = (char *) email;
  id = reg_store_insert_customer (store, &rec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_sale (RegStore *store, gint64 customer, const char *day, gint64 amount, const char *ext)
{
  g_autoptr(GError) error = NULL;
  RegSaleRecord rec = { 0 };
  gint64 id;

  rec.customer_id = customer;
  g_assert_true (clv_date_parse_iso (day, &rec.day));
  rec.amount = amount;
  rec.external_id = (char *) ext;
  rec.source = ext != NULL ? (char *) "test" : NULL;
  id = reg_store_insert_sale (store, &rec, &error);
  g_assert_no_error (error);
  return id;
}

static char *
query_text (RegStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autofree char *mode = NULL, *fk = NULL;
  struct stat st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  fk = query_text (store, "PRAGMA foreign_keys");
  g_assert_cmpstr (fk, ==, "1");
  g_assert_true (reg_store_integrity_check (store, &error));
}

static void
test_missing_without_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RegStore *store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* Each earlier version: build the file at that version with data, reopen, check the data. */
static void
test_migrate_from (Fixture *f, gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE
                                                | REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, 0);
    g_assert_true (reg_store_migrate_to (store, from, &error));
    g_assert_no_error (error);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, from);
    if (from >= 1)
      {
        /* version-1 columns only, so the statement works on every old schema */
        g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                       "INSERT INTO customers (id, name, email) VALUES (7, 'Old Friend', 'old@example.com');"
                                       "INSERT INTO sales (customer_id, day, amount) VALUES (7, '2020-02-29', 1250);",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      }
    if (from >= 2)
      /* a row imported with the content hash of before schema 6 */
      g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                     "INSERT INTO sales (customer_id, day, amount, source, content_hash) "
                                     "VALUES (7, '2020-03-01', 300, 'csv', 'abc');",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) sales = NULL;
    g_assert_no_error (error);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
    if (from >= 1)
      {
        RegCustomerRecord rec = { 0 };
        g_assert_true (reg_store_get_customer (store, 7, &rec, &error));
        g_assert_cmpstr (rec.name, ==, "Old Friend");
        g_assert_cmpint (rec.merged_into, ==, 0);
        reg_customer_record_clear (&rec);
        sales = reg_store_list_sales (store, 7, 0, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (sales->len, ==, from >= 2 ? 2 : 1);
        g_assert_cmpint (((RegSaleRecord *) sales->pdata[sales->len - 1])->amount, ==, 1250);
        name = clv_date_format_iso (((RegSaleRecord *) sales->pdata[sales->len - 1])->day);
        g_assert_cmpstr (name, ==, "2020-02-29");
        /* an order of 0.00 can be kept since schema 6 */
        g_assert_cmpint (add_sale (store, 7, "2020-03-02", 0, NULL), >, 0);
      }
    /* the old hashes stay, and say that the source was imported before the occurrence rule */
    g_assert_true (reg_store_source_has_hashes (store, "csv") == (from >= 2));
    g_assert_false (reg_store_source_has_hashes (store, "shopify"));
    g_assert_true (reg_store_integrity_check (store, &error));
  }
}

static void
test_not_a_shop (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RegStore *store;

  g_assert_true (g_file_set_contents (f->path, "Date,Amount\n2024-01-01,12.50\n", -1, NULL));
  store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_SHOP);
  g_assert_nonnull (strstr (error->message, f->path));
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "Date,Amount\n2024-01-01,12.50\n");
  }
}

static void
test_foreign_sqlite (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  RegStore *store;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_SHOP);
}

static void
test_newer_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RegStore *store;

  {
    g_autoptr(RegStore) s = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (reg_store_get_db (s), "PRAGMA user_version = 99", NULL, NULL,
                                   NULL), ==, SQLITE_OK);
  }
  store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  /* root may write any file: as root, the read-only open runs as the user "nobody" */
  gboolean as_root = geteuid () == 0;

  {
    g_autoptr(RegStore) s = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
    add_customer (s, "Ann", NULL);
    before = reg_store_dump (s, NULL);
    g_assert_cmpint (sqlite3_exec (reg_store_get_db (s), "PRAGMA journal_mode = DELETE", NULL,
                                   NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (g_chmod (f->path, as_root ? 0444 : 0400), ==, 0);
  if (as_root)
    {
      g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
      /* real and effective (access() asks the real one), the saved one stays root */
      g_assert_cmpint (setresuid (65534, 65534, 0), ==, 0);
    }
  {
    g_autoptr(RegStore) s = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
    RegCustomerRecord rec = { 0 };
    g_assert_no_error (error);
    rec.name = (char *) "Bob";
    g_assert_cmpint (reg_store_insert_customer (s, &rec, &error), ==, 0);
    g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY);
    after = reg_store_dump (s, NULL);
  }
  if (as_root)
    g_assert_cmpint (setresuid (0, 0, 0), ==, 0);
  g_assert_cmpstr (before, ==, after);
}

/* Each bad write fails with a clear error and leaves every table as it was. */
static void
test_constraints (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autofree char *before = NULL;
  gint64 ann = add_customer (store, "Ann", "ann@example.com");
  RegSaleRecord rec = { 0 };

  add_sale (store, ann, "2024-03-01", 1500, "order-1");
  before = reg_store_dump (store, &error);

  rec.customer_id = 999;
  rec.day = clv_date_from_ymd (2024, 3, 2);
  rec.amount = 100;
  g_assert_cmpint (reg_store_insert_sale (store, &rec, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "There is no customer with id 999");
  g_clear_error (&error);

  rec.customer_id = ann;
  rec.day = 0;
  g_assert_cmpint (reg_store_insert_sale (store, &rec, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The sale has no valid date");
  g_clear_error (&error);

  rec.day = clv_date_from_ymd (2024, 3, 2);
  rec.amount = 10000000000001;
  g_assert_cmpint (reg_store_insert_sale (store, &rec, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The amount is out of range");
  g_clear_error (&error);

  rec.amount = 100;
  rec.source = (char *) "test";
  rec.external_id = (char *) "order-1";
  g_assert_cmpint (reg_store_insert_sale (store, &rec, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==,
                   "A sale with the external id “order-1” from “test” is already in the shop");
  g_clear_error (&error);

  /* the SQL check stands even when the C check is bypassed */
  g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                 "INSERT INTO sales (customer_id, day, amount) VALUES (1, '2024-02-30', 5)",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  {
    RegCustomerRecord c = { 0 };
    c.name = (char *) "   ";
    g_assert_cmpint (reg_store_insert_customer (store, &c, &error), ==, 0);
    g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  {
    g_autofree char *after = reg_store_dump (store, &error);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_transaction_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autofree char *before = NULL, *after = NULL;
  gint64 ann = add_customer (store, "Ann", NULL);

  before = reg_store_dump (store, NULL);
  g_assert_true (reg_store_begin (store, &error));
  add_sale (store, ann, "2024-01-01", 100, NULL);
  add_customer (store, "Bob", NULL);
  reg_store_rollback (store);
  after = reg_store_dump (store, NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_backup_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autofree char *backup = g_build_filename (f->dir, "backup.regulars", NULL);
  g_autofree char *before = NULL, *changed = NULL, *after = NULL;
  gint64 ann = add_customer (store, "Ann", "ann@example.com");
  struct stat st;

  add_sale (store, ann, "2024-01-01", 1000, NULL);
  add_sale (store, ann, "2024-02-01", -250, NULL);
  g_assert_true (reg_store_set_setting (store, "currency", "EUR", &error));
  before = reg_store_dump (store, NULL);

  g_assert_true (reg_store_backup_to (store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  add_customer (store, "Bob", NULL);
  add_sale (store, ann, "2024-03-01", 999, NULL);
  g_assert_true (reg_store_set_setting (store, "currency", "USD", &error));
  changed = reg_store_dump (store, NULL);
  g_assert_cmpstr (before, !=, changed);

  g_assert_true (reg_store_restore_from (store, backup, &error));
  g_assert_no_error (error);
  after = reg_store_dump (store, NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_merge_keeps_sales (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 ann = add_customer (store, "Ann", NULL);
  gint64 ann2 = add_customer (store, "Ann M.", "ann@example.com");
  g_autoptr(GPtrArray) sales = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 total = 0;

  add_sale (store, ann, "2024-01-01", 1000, NULL);
  add_sale (store, ann2, "2024-01-01", 500, NULL);
  add_sale (store, ann2, "2024-02-01", 700, "x1");
  g_assert_true (reg_store_merge_customers (store, ann, ann2, &error));
  g_assert_no_error (error);

  sales = reg_store_list_sales (store, ann, 0, &error);
  g_assert_cmpuint (sales->len, ==, 3);
  for (guint i = 0; i < sales->len; i++)
    total += ((RegSaleRecord *) sales->pdata[i])->amount;
  g_assert_cmpint (total, ==, 2200);
  g_clear_pointer (&sales, g_ptr_array_unref);
  sales = reg_store_list_sales (store, ann2, 0, &error);
  g_assert_cmpuint (sales->len, ==, 0);

  g_assert_true (reg_store_get_customer (store, ann, &rec, &error));
  g_assert_cmpstr (rec.email, ==, "ann@example.com");   /* filled from the merged one */
  reg_customer_record_clear (&rec);
  g_assert_true (reg_store_get_customer (store, ann2, &rec, &error));
  g_assert_true (rec.archived);
  g_assert_cmpint (rec.merged_into, ==, ann);
  reg_customer_record_clear (&rec);
  g_assert_cmpint (reg_store_count_customers (store, TRUE), ==, 1);

  g_assert_false (reg_store_merge_customers (store, ann, ann, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (reg_store_merge_customers (store, ann, 4242, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_customer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 ann = add_customer (store, "Ann", NULL);
  gint64 bob = add_customer (store, "Bob", NULL);

  add_sale (store, ann, "2024-01-01", 1000, NULL);
  add_sale (store, bob, "2024-01-01", 500, NULL);
  g_assert_true (reg_store_delete_customer (store, ann, &error));
  g_assert_cmpint (reg_store_count_sales (store), ==, 1);
  g_assert_cmpint (reg_store_count_customers (store, TRUE), ==, 1);
}

static gboolean
collect_sale (gint64 customer, gint32 day, gint64 amount, gpointer data)
{
  g_array_append_val ((GArray *) data, amount);
  return TRUE;
}

static void
test_customer_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 ann = add_customer (store, "Ann", NULL);
  g_autoptr(RegCustomerRow) row = NULL;
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));

  add_sale (store, ann, "2024-01-01", 1000, NULL);
  add_sale (store, ann, "2024-01-01", 500, NULL);    /* same day: one purchase */
  add_sale (store, ann, "2024-02-01", 700, NULL);
  add_sale (store, ann, "2024-02-01", -700, NULL);   /* refunded in full: no purchase */
  add_sale (store, ann, "2024-03-01", 300, NULL);
  row = reg_store_get_customer_row (store, ann, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (row->purchases, ==, 2);
  g_assert_cmpint (row->total_spend, ==, 1800);
  g_assert_cmpint (row->first_purchase, ==, clv_date_from_ymd (2024, 1, 1));
  g_assert_cmpint (row->last_purchase, ==, clv_date_from_ymd (2024, 3, 1));
  g_assert_false (row->scored);
  g_assert_cmpfloat (row->p_alive, ==, -1);

  g_assert_true (reg_store_foreach_sale (store, collect_sale, amounts, &error));
  g_assert_cmpuint (amounts->len, ==, 5);
}

/* The figures kept on customer rows always equal a recount from the sales. */
static void
test_totals_stay_true (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 ann = add_customer (store, "Ann", NULL);
  gint64 bob = add_customer (store, "Bob", NULL);
  gint64 s1, s2;
  RegSaleRecord rec = { 0 };
  g_autofree char *kept = NULL, *recounted = NULL;

  s1 = add_sale (store, ann, "2024-01-01", 1000, NULL);
  s2 = add_sale (store, ann, "2024-02-01", 500, NULL);
  add_sale (store, bob, "2024-03-01", 700, NULL);
  g_assert_true (reg_store_get_sale (store, s2, &rec, &error));
  rec.customer_id = bob;                 /* moved to another customer */
  g_assert_true (reg_store_update_sale (store, &rec, &error));
  reg_sale_record_clear (&rec);
  g_assert_true (reg_store_delete_sale (store, s1, &error));
  g_assert_true (reg_store_begin (store, &error));
  reg_store_bulk_begin (store);
  add_sale (store, ann, "2024-04-01", 300, NULL);
  add_sale (store, ann, "2024-04-01", -300, NULL);
  g_assert_true (reg_store_bulk_end (store, &error));
  g_assert_true (reg_store_commit (store, &error));
  g_assert_true (reg_store_merge_customers (store, bob, ann, &error));

  kept = reg_store_dump (store, &error);
  g_assert_true (reg_store_refresh_all_totals (store, &error));
  recounted = reg_store_dump (store, &error);
  g_assert_cmpstr (kept, ==, recounted);
  {
    g_autoptr(RegCustomerRow) row = reg_store_get_customer_row (store, bob, &error);
    g_assert_cmpuint (row->purchases, ==, 2);
    g_assert_cmpint (row->total_spend, ==, 1200);
  }
}

/* the store's fast date reader agrees with GDate on every day it is given, and refuses the rest */
static void
test_parse_day (void)
{
  const char *bad[] = { "", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01",
                        "24-01-01", "2024/01/01", "abcd-ef-gh", "0000-01-01" };

  for (int y = 1; y <= 2400; y += (y < 1890 || y > 2110) ? 7 : 1)
    for (int m = 1; m <= 12; m++)
      for (int d = 1; d <= g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y); d++)
        {
          char text[16];
          GDate date;
          g_snprintf (text, sizeof text, "%04d-%02d-%02d", y, m, d);
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
          if ((gint32) g_date_get_julian (&date) != reg_store_parse_day (text))
            g_error ("%s: GDate says %u, the store %d", text, g_date_get_julian (&date),
                     reg_store_parse_day (text));
        }
  g_assert_cmpint (reg_store_parse_day ("2024-03-05T10:00:00"), ==, clv_date_from_ymd (2024, 3, 5));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_cmpint (reg_store_parse_day (bad[i]), ==, 0);
  g_assert_cmpint (reg_store_parse_day (NULL), ==, 0);
}

static gint64
query_int64 (RegStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static RegSaleRecord
sale (gint64 customer, gint32 day, gint64 amount, const char *ext, const char *hash)
{
  RegSaleRecord rec = { 0 };

  rec.customer_id = customer;
  rec.day = day;
  rec.amount = amount;
  rec.source = (char *) "bulk";
  rec.external_id = (char *) ext;
  rec.content_hash = (char *) hash;
  rec.batch_id = 0;
  return rec;
}

/* Sales 16 to a statement and one by one after: a sale the shop has, or one met earlier in the
 * same call (by external id or content hash), is left out and counted; the amounts and the
 * customers' figures are those of the sales kept; a bulk write gives its rows one time. */
static void
test_insert_sales (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 ann = add_customer (store, "Ann", NULL);
  gint64 bob = add_customer (store, "Bob", NULL);
  gint32 d = clv_date_from_ymd (2024, 5, 1);
  RegSaleRecord recs[20];
  char ext[20][8];
  g_autofree char *before = NULL, *after = NULL, *kept = NULL, *recounted = NULL;
  gint64 amount, expected = 0;
  guint inserted;
  RegSaleRecord existing = sale (ann, d, 111, "E5", NULL);

  g_assert_cmpint (reg_store_insert_sale (store, &existing, &error), >, 0);
  for (guint i = 0; i < 20; i++)
    {
      g_snprintf (ext[i], sizeof ext[i], "E%u", 100 + i);
      recs[i] = sale (i % 2 ? ann : bob, d + (gint32) i, 100 * (i + 1), ext[i], NULL);
      expected += recs[i].amount;
    }
  recs[7].external_id = ext[2];           /* a duplicate in the same statement of 16 */
  recs[9].external_id = (char *) "E5";    /* one the shop has */
  recs[11].external_id = NULL;            /* content hashes: the second is a duplicate */
  recs[11].content_hash = (char *) "h1";
  recs[13].external_id = NULL;
  recs[13].content_hash = (char *) "h1";
  recs[12].external_id = NULL;            /* content keys: the second is a duplicate */
  recs[12].content_key = 77;
  recs[14].external_id = NULL;
  recs[14].content_key = 77;
  recs[18].external_id = ext[0];          /* a duplicate among those written one by one */
  expected -= recs[7].amount + recs[9].amount + recs[13].amount + recs[14].amount
              + recs[18].amount;

  g_assert_true (reg_store_begin (store, &error));
  reg_store_bulk_begin (store);
  g_assert_true (reg_store_insert_sales (store, recs, 20, &inserted, &amount, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inserted, ==, 15);
  g_assert_cmpint (amount, ==, expected);
  g_assert_cmpint (query_int64 (store, "SELECT count(DISTINCT created_at) FROM sales "
                                       "WHERE source = 'bulk' AND id > 1"), ==, 1);
  g_assert_true (reg_store_bulk_end (store, &error));
  g_assert_true (reg_store_commit (store, &error));
  g_assert_cmpint (reg_store_count_sales (store), ==, 16);
  g_assert_true (reg_store_sale_key_exists (store, "bulk", 77));
  g_assert_false (reg_store_sale_key_exists (store, "bulk", 78));
  /* the first of each pair is the one kept */
  g_assert_cmpint (query_int64 (store, "SELECT amount FROM sales WHERE external_id = 'E102'"),
                   ==, 300);
  g_assert_cmpint (query_int64 (store, "SELECT amount FROM sales WHERE external_id = 'E5'"),
                   ==, 111);
  kept = reg_store_dump (store, &error);
  g_assert_true (reg_store_refresh_all_totals (store, &error));
  recounted = reg_store_dump (store, &error);
  g_assert_cmpstr (kept, ==, recounted);

  /* a sale that breaks a rule fails the call before anything is written */
  before = reg_store_dump (store, &error);
  recs[3].amount = CLV_MONEY_MAX + 1;
  g_assert_false (reg_store_insert_sales (store, recs, 20, &inserted, &amount, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  recs[3].amount = 400;
  after = reg_store_dump (store, &error);
  g_assert_cmpstr (before, ==, after);

  /* a sale left out for anything but being a duplicate is an error, never a silent loss */
  g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                 "CREATE TEMP TRIGGER drop_odd BEFORE INSERT ON sales "
                                 "WHEN NEW.amount = 4242 BEGIN SELECT RAISE(IGNORE); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    RegSaleRecord odd[16];
    char odd_ext[16][8];
    for (guint i = 0; i < 16; i++)
      {
        g_snprintf (odd_ext[i], sizeof odd_ext[i], "X%u", i);
        odd[i] = sale (bob, d, i == 5 ? 4242 : 1, odd_ext[i], NULL);
      }
    g_assert_true (reg_store_begin (store, &error));
    g_assert_false (reg_store_insert_sales (store, odd, 16, &inserted, &amount, &error));
    g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    reg_store_rollback (store);
  }
}

/* Every CHECK clause of the tables the bulk writers fill with SQLite's checks off. A migration
 * that changes one must change reg_store_check_sale / reg_store_check_customer with it. */
static const char *const sales_checks[] = {
  "date(day, '+0 days') IS day",
  "amount BETWEEN -10000000000000 AND 10000000000000",
};
static const char *const customers_checks[] = {
  "length(trim(name)) > 0 AND length(name) <= 500",
  "email IS NULL OR length(email) <= 320",
  "acquired_on IS NULL OR date(acquired_on, '+0 days') IS acquired_on",
  "acquisition_cost BETWEEN 0 AND 10000000000000",
  "email_consent IN (0, 1)",
  "archived IN (0, 1)",
};

static GPtrArray *
checks_of (RegStore *store, const char *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *sql;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store),
                                       "SELECT sql FROM sqlite_schema WHERE name = ?1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = (const char *) sqlite3_column_text (stmt, 0);
  for (const char *p = strstr (sql, "CHECK ("); p != NULL; p = strstr (p, "CHECK ("))
    {
      const char *start = p + strlen ("CHECK (");
      int depth = 1;
      for (p = start; *p != '\0' && depth > 0; p++)
        depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
      g_ptr_array_add (out, g_strndup (start, (gsize) (p - 1 - start)));
    }
  return out;
}

/* What SQLite's checks say of a customer, inside a savepoint that is rolled back. */
static gboolean
sql_accepts_customer (RegStore *store, const char *name, const char *email, const char *acquired,
                      gint64 cost)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = reg_store_get_db (store);
  int rc;

  g_assert_cmpint (sqlite3_exec (db, "SAVEPOINT probe", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO customers (name, email, acquired_on, "
                                           "acquisition_cost) VALUES (?1, ?2, ?3, ?4)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, acquired, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, cost);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK TO probe; RELEASE probe", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (rc == SQLITE_DONE || rc == SQLITE_CONSTRAINT_CHECK);
  return rc == SQLITE_DONE;
}

static gboolean
sql_accepts_sale (RegStore *store, gint64 customer, const char *day, gint64 amount)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = reg_store_get_db (store);
  int rc;

  g_assert_cmpint (sqlite3_exec (db, "SAVEPOINT probe", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO sales (customer_id, day, amount) "
                                           "VALUES (?1, ?2, ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, customer);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, amount);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK TO probe; RELEASE probe", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (rc == SQLITE_DONE || rc == SQLITE_CONSTRAINT_CHECK);
  return rc == SQLITE_DONE;
}

/* The rules checked in C while SQLite's checks are off are the schema's, on their edges. */
static void
test_checks_in_c (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) sc = checks_of (store, "sales");
  g_autoptr(GPtrArray) cc = checks_of (store, "customers");
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GString) long_email = g_string_new (NULL);
  gint64 ann = add_customer (store, "Ann", NULL);
  const gint32 days[] = { 1, 2, 59, 60, 738000, 3652058, 3652059 };
  const gint64 amounts[] = { G_GINT64_CONSTANT (-10000000000001),
                             G_GINT64_CONSTANT (-10000000000000), -1, 0, 1,
                             G_GINT64_CONSTANT (10000000000000),
                             G_GINT64_CONSTANT (10000000000001) };
  const gint64 costs[] = { -1, 0, 1, G_GINT64_CONSTANT (10000000000000),
                           G_GINT64_CONSTANT (10000000000001) };
  const char *names[] = { "", " ", "   ", "a", " a ", "\t", NULL, NULL, NULL };
  const char *emails[] = { NULL, "a@b", NULL, NULL };
  g_autofree char *before = NULL, *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sc->len, ==, G_N_ELEMENTS (sales_checks));
  for (guint i = 0; i < sc->len; i++)
    g_assert_cmpstr (sc->pdata[i], ==, sales_checks[i]);
  g_assert_cmpuint (cc->len, ==, G_N_ELEMENTS (customers_checks));
  for (guint i = 0; i < cc->len; i++)
    g_assert_cmpstr (cc->pdata[i], ==, customers_checks[i]);

  /* sales: every day the store can write is a date to SQLite, the amounts on their edges */
  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (amounts); j++)
      {
        RegSaleRecord rec = sale (ann, days[i], amounts[j], NULL, NULL);
        char day[11];
        gboolean c_ok = reg_store_check_sale (&rec, NULL);

        clv_date_format_iso_buf (days[i], day);
        g_assert_cmpint (c_ok, ==, sql_accepts_sale (store, ann, day, amounts[j]));
      }
  for (gint32 bad = -1; bad <= 0; bad++)
    {
      RegSaleRecord rec = sale (ann, bad, 100, NULL, NULL);
      g_assert_false (reg_store_check_sale (&rec, NULL));
    }
  {
    RegSaleRecord rec = sale (ann, 3652060, 100, NULL, NULL);
    g_assert_false (reg_store_check_sale (&rec, NULL));
    g_assert_false (sql_accepts_sale (store, ann, "10000-01-01", 100));
  }

  /* customers: names and addresses on their edges (500 and 320 characters, not bytes) */
  for (guint i = 0; i < 500; i++)
    g_string_append (long_name, "é");
  names[6] = long_name->str;
  for (guint i = 0; i < 318; i++)
    g_string_append (long_email, "ü");
  g_string_append (long_email, "@x");
  emails[2] = long_email->str;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (emails); j++)
      for (gsize k = 0; k < G_N_ELEMENTS (costs); k++)
        {
          RegCustomerRecord rec = { 0 };
          g_autofree char *longer = NULL;
          g_autofree char *longer_email = NULL;

          rec.name = (char *) names[i];
          if (i == 7)
            rec.name = longer = g_strconcat (long_name->str, "é", NULL);
          if (i == 8)
            rec.name = (char *) "Ann";
          rec.email = (char *) emails[j];
          if (j == 3)
            rec.email = longer_email = g_strconcat ("ü", long_email->str, NULL);
          rec.acquisition_cost = costs[k];
          rec.acquired_day = k == 0 ? 0 : days[k];
          if (rec.name == NULL)
            continue;
          {
            char day[11];
            if (rec.acquired_day > 0)
              clv_date_format_iso_buf (rec.acquired_day, day);
            g_assert_cmpint (reg_store_check_customer (&rec, NULL), ==,
                             sql_accepts_customer (store, rec.name, rec.email,
                                                   rec.acquired_day > 0 ? day : NULL,
                                                   rec.acquisition_cost));
          }
        }

  /* with SQLite's checks off the inserts check in C: a bad customer is refused all the same */
  before = reg_store_dump (store, &error);
  g_assert_true (reg_store_begin (store, &error));
  reg_store_check_rules_in_c (store, TRUE);
  g_assert_true (reg_store_checks_in_c (store));
  {
    RegCustomerRecord rec = { 0 };
    rec.name = (char *) "  ";
    g_assert_cmpint (reg_store_insert_customer (store, &rec, &error), ==, 0);
    g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  reg_store_rollback (store);
  g_assert_false (reg_store_checks_in_c (store));
  after = reg_store_dump (store, &error);
  g_assert_cmpstr (before, ==, after);
  /* and once it is off again, SQLite checks as before */
  g_assert_false (sql_accepts_customer (store, " ", NULL, NULL, 0));
}

/* The one-pass recount gives what the SQL of migration 5 gives: purchases are days with a
 * positive net, refunds on the same day cancel, first and last are positive days. */
static void
test_refresh_totals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 ids[5];
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *one = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = add_customer (store, "Someone", NULL);
  add_sale (store, ids[0], "2024-01-01", 1000, NULL);
  add_sale (store, ids[0], "2024-01-01", -1000, NULL);   /* net zero: no purchase */
  add_sale (store, ids[0], "2024-01-03", 500, NULL);
  add_sale (store, ids[0], "2024-02-01", 700, NULL);
  add_sale (store, ids[0], "2024-02-01", -200, NULL);
  add_sale (store, ids[1], "2023-12-31", -300, NULL);    /* only a refund */
  add_sale (store, ids[2], "2024-03-01", 100, NULL);
  add_sale (store, ids[2], "2024-03-02", -50, NULL);
  add_sale (store, ids[2], "2024-03-03", 80, NULL);
  add_sale (store, ids[4], "2024-04-01", 0, NULL);       /* an order of 0.00: a visit */
  add_sale (store, ids[4], "2024-04-05", 900, NULL);
  /* figures kept row by row agree with the recount below */
  one = query_text (store, "SELECT purchases || ':' || first_purchase FROM customers "
                           "WHERE id = (SELECT max(id) FROM customers)");
  g_assert_cmpstr (one, ==, "2:2024-04-01");
  /* ids[3]: no sales; its figures were wrong and must be reset */
  g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                 "UPDATE customers SET purchases = 9, total_spend = 9, "
                                 "first_purchase = '2020-01-01', last_purchase = '2020-01-02'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (reg_store_refresh_all_totals (store, &error));
  g_assert_no_error (error);
  got = query_text (store, "SELECT group_concat(id || ':' || purchases || ':' || total_spend || "
                           "':' || coalesce(first_purchase, '-') || ':' || "
                           "coalesce(last_purchase, '-'), ' ') FROM (SELECT * FROM customers "
                           "ORDER BY id)");
  expected = query_text (store,
      "WITH days AS (SELECT customer_id, day, sum(amount) AS net, "
      "  sum(amount) > 0 OR (sum(amount) = 0 AND min(amount) >= 0) AS bought FROM sales "
      "  GROUP BY customer_id, day),"
      " agg AS (SELECT customer_id, sum(bought) AS purchases, sum(net) AS total,"
      "   min(CASE WHEN bought THEN day END) AS first_day,"
      "   max(CASE WHEN bought THEN day END) AS last_day FROM days GROUP BY customer_id)"
      " SELECT group_concat(c.id || ':' || coalesce(a.purchases, 0) || ':' || "
      "coalesce(a.total, 0) || ':' || coalesce(a.first_day, '-') || ':' || "
      "coalesce(a.last_day, '-'), ' ') FROM (SELECT id FROM customers ORDER BY id) c "
      "LEFT JOIN agg a ON a.customer_id = c.id");
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpstr (got, ==, "1:2:1000:2024-01-03:2024-02-01 2:0:-300:-:- "
                            "3:2:130:2024-03-01:2024-03-03 4:0:0:-:- "
                            "5:2:900:2024-04-01:2024-04-05");
}

/* A new shop is written in 16 KiB pages; reopened, it keeps them. */
static void
test_new_shop_page_size (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RegStore *store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "PRAGMA page_size"), ==, 16384);
  reg_store_free (store);
  store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "PRAGMA page_size"), ==, 16384);
  g_assert_true (reg_store_integrity_check (store, &error));
  reg_store_free (store);
}

/* An index the bulk writer only appends to stays; the others are dropped and built again the
 * same; a rollback brings everything back. */
static void
test_defer_indexes_except (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autofree char *before = NULL, *after = NULL;
  gint64 ann = add_customer (store, "Ann", NULL);

  add_sale (store, ann, "2024-01-01", 100, "A1");
  before = reg_store_dump (store, &error);
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (reg_store_begin (store, &error));
      g_assert_true (reg_store_defer_indexes_except (store, "sales", "sales_batch", &error));
      g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                           "('sales_day', 'sales_customer_day')"), ==, 0);
      g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                           "('sales_batch', 'sales_external_id', "
                                           "'sales_source_hash')"), ==, 3);
      add_sale (store, ann, "2024-01-02", 200, "A2");
      if (round == 0)
        reg_store_rollback (store);
      else
        {
          g_assert_true (reg_store_restore_indexes (store, &error));
          g_assert_true (reg_store_commit (store, &error));
        }
      g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                           "('sales_day', 'sales_customer_day')"), ==, 2);
    }
  g_assert_true (reg_store_integrity_check (store, &error));
  after = reg_store_dump (store, &error);
  g_assert_cmpstr (before, !=, after);
  g_assert_nonnull (strstr (after, "CREATE INDEX sales_customer_day ON sales "
                                   "(customer_id, day, amount)"));
}

/* One call sets a bulk write up: the sales indexes are deferred only for many more rows than
 * the shop holds, and built again by reg_store_end_bulk; per-row foreign-key lookups are off
 * for every kind. */
static void
test_begin_bulk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  const char *deferrable = "SELECT count(*) FROM sqlite_schema WHERE name IN "
                           "('sales_day', 'sales_customer_day', 'customers_email')";
  gint64 ann = add_customer (store, "Ann", NULL);
  struct { RegStoreBulkKind kind; guint64 rows; gint64 indexes; } cases[] = {
    { REG_STORE_BULK_SALES, 1000000, 0 },   /* a large file: built once at the end */
    { REG_STORE_BULK_SALES, 1000, 3 },      /* a small one: kept row by row */
    { REG_STORE_BULK_SCORES, 1000000, 3 },
  };

  add_sale (store, ann, "2024-01-01", 100, "A1");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (reg_store_begin_bulk (store, cases[i].kind, cases[i].rows, &error));
      g_assert_no_error (error);
      g_assert_cmpint (query_int64 (store, "PRAGMA foreign_keys"), ==, 0);
      g_assert_cmpint (query_int64 (store, deferrable), ==, cases[i].indexes);
      g_assert_true (reg_store_end_bulk (store, &error));
      g_assert_true (reg_store_commit (store, &error));
      g_assert_cmpint (query_int64 (store, deferrable), ==, 3);
    }
  g_assert_true (reg_store_integrity_check (store, &error));
}

/* A keyed sale in the shop, then a bulk write of many more: source "bulk" */
static RegSaleRecord
keyed (gint64 customer, gint32 day, const char *source, gint64 key, const char *ext)
{
  RegSaleRecord rec = sale (customer, day, 100, ext, NULL);

  rec.source = (char *) source;
  rec.content_key = key;
  return rec;
}

/* In a bulk write that builds the sales indexes at its end, the unique index of content keys
 * waits too, and the sales it would have left out are left out all the same: a key the shop
 * has, a key twice in the write, one whose row was left out for its external id does not
 * count; the same key of another source is another sale. The index is back at the end, and
 * after a rollback. */
static void
test_deferred_sale_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  const char *key_index = "SELECT count(*) FROM sqlite_schema WHERE name = 'sales_content_key'";
  gint64 ann = add_customer (store, "Ann", NULL);
  gint32 d = clv_date_from_ymd (2024, 5, 1);
  RegSaleRecord shop[] = { keyed (ann, d, "bulk", 111, NULL), keyed (ann, d, "bulk", 0, "E1") };
  RegSaleRecord recs[] = {
    keyed (ann, d, "bulk", 111, NULL),    /* the shop's */
    keyed (ann, d, "bulk", 222, NULL),
    keyed (ann, d, "bulk", 222, NULL),    /* twice */
    keyed (ann, d, "other", 111, NULL),   /* another source */
    keyed (ann, d, "bulk", 444, "E1"),    /* left out for its external id */
    keyed (ann, d, "bulk", 444, NULL),    /* so this one is new */
  };
  RegSaleRecord again = keyed (ann, d, "bulk", 222, NULL);
  gint64 amount;
  guint inserted;

  for (guint i = 0; i < G_N_ELEMENTS (shop); i++)
    g_assert_cmpint (reg_store_insert_sale (store, &shop[i], &error), >, 0);
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (reg_store_begin_bulk (store, REG_STORE_BULK_SALES, 1000000, &error));
      g_assert_true (reg_store_insert_sales (store, recs, G_N_ELEMENTS (recs), &inserted,
                                             &amount, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (inserted, ==, 3);
      g_assert_cmpint (query_int64 (store, key_index), ==, 0);
      g_assert_cmpint (reg_store_insert_sale (store, &again, &error), ==, 0);
      g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE);
      g_clear_error (&error);
      if (round == 0)
        {
          reg_store_rollback (store);
          g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sales"), ==, 2);
        }
      else
        {
          g_assert_true (reg_store_end_bulk (store, &error));
          g_assert_true (reg_store_commit (store, &error));
          g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sales"), ==, 5);
        }
      g_assert_cmpint (query_int64 (store, key_index), ==, 1);
    }
  g_assert_true (reg_store_integrity_check (store, &error));
}

/* Schema 14: a shop of schema 13 with keyed sales migrates to the unique index of content keys
 * that leads with the key (one comparison of integers when it is built after a large import),
 * and the index refuses what it refused before: the same key of the same source once more, not
 * the same key of another source. The sales kept are the same. */
static void
test_migrate_content_key_first (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *first_column = "SELECT name FROM pragma_index_info('sales_content_key') "
                             "WHERE seqno = 0";

  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE
                                                | REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_true (reg_store_migrate_to (store, 13, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                   "INSERT INTO customers (id, name) VALUES (7, 'Ann');"
                                   "INSERT INTO sales (customer_id, day, amount, source, content_key) "
                                   "VALUES (7, '2024-05-01', 100, 'csv', 111), "
                                   "(7, '2024-05-01', 100, 'csv', 222), "
                                   "(7, '2024-05-01', 100, 'bank', 111);",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
    g_autofree char *column = NULL;
    sqlite3 *db;

    g_assert_no_error (error);
    db = reg_store_get_db (store);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
    column = query_text (store, first_column);
    g_assert_cmpstr (column, ==, "content_key");
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sqlite_schema "
                                         "WHERE name = 'sales_source_key'"), ==, 0);
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sales"), ==, 3);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sales (customer_id, day, amount, source, "
                                       "content_key) VALUES (7, '2024-05-02', 5, 'csv', 222)",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_UNIQUE);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sales (customer_id, day, amount, source, "
                                       "content_key) VALUES (7, '2024-05-02', 5, 'other', 222)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (reg_store_sale_key_exists (store, "bank", 111));
    g_assert_false (reg_store_sale_key_exists (store, "bank", 222));
    g_assert_true (reg_store_integrity_check (store, &error));
  }
}

/* Schema 15: one external id once per source, kept by an index of the rows that have one; the
 * sales, their lines and what is refused are as before. */
static void
test_migrate_external_ids_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE
                                                | REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_true (reg_store_migrate_to (store, 14, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                   "INSERT INTO customers (id, name) VALUES (7, 'Ann');"
                                   "INSERT INTO products (id, code, name) VALUES (1, 'A1', 'Apron');"
                                   "INSERT INTO sales (id, customer_id, day, amount, source, external_id, "
                                   "content_key) VALUES (1, 7, '2024-05-01', 100, 'shop', '#1001', NULL), "
                                   "(2, 7, '2024-05-01', 100, 'bank', NULL, 111), "
                                   "(3, 7, '2024-05-01', 100, 'bank', NULL, 222);"
                                   "INSERT INTO sale_lines (sale_id, product_id, quantity, amount) "
                                   "VALUES (1, 1, 2, 60), (1, 1, 1, 40);",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
    sqlite3 *db;

    g_assert_no_error (error);
    db = reg_store_get_db (store);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
    /* no constraint of the table's own: no automatic index over every sale */
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'sales' "
                                         "AND name LIKE 'sqlite_autoindex%'"), ==, 0);
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sales"), ==, 3);
    /* the lines stayed with their sale */
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sale_lines WHERE sale_id = 1"), ==, 2);
    g_assert_cmpint (query_int64 (store, "SELECT sum(amount) FROM sale_lines"), ==, 100);
    /* the same id of the same source is refused, of another source taken */
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sales (customer_id, day, amount, source, external_id) "
                                       "VALUES (7, '2024-05-02', 5, 'shop', '#1001')",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_UNIQUE);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sales (customer_id, day, amount, source, external_id) "
                                       "VALUES (7, '2024-05-02', 5, 'other', '#1001')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (reg_store_sale_exists (store, "shop", "#1001", NULL));
    g_assert_false (reg_store_sale_exists (store, "shop", "#1002", NULL));
    /* the lookup by id uses the index */
    {
      g_autoptr(GString) plan = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT id FROM sales "
                                               "WHERE source = 'shop' AND external_id = '#1001'",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append (plan, (const char *) sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
      g_assert_nonnull (strstr (plan->str, "sales_external_id"));
    }
    /* deleting a sale still takes its lines */
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sales WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM sale_lines"), ==, 0);
    g_assert_true (reg_store_integrity_check (store, &error));
  }
}

/* The set the keys wait in: whatever is added and taken out, it answers as a list would. */
static void
test_key_set (void)
{
  g_autoptr(ClvKeySet) set = clv_key_set_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) truth = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < 20000; i++)
    {
      /* few distinct keys, so that runs collide, are taken out and come back */
      gint64 key = g_rand_int_range (rand, 1, 3000) * G_GINT64_CONSTANT (0x100000000);

      if (g_rand_boolean (rand))
        {
          g_assert_cmpint (clv_key_set_add (set, key), ==, !g_hash_table_contains (truth, &key));
          g_hash_table_add (truth, g_memdup2 (&key, sizeof key));
        }
      else
        {
          clv_key_set_remove (set, key);
          g_hash_table_remove (truth, &key);
        }
      g_assert_cmpuint (clv_key_set_size (set), ==, g_hash_table_size (truth));
    }
  for (gint64 k = 1; k < 3000; k++)
    {
      gint64 key = k * G_GINT64_CONSTANT (0x100000000);
      g_assert_cmpint (clv_key_set_contains (set, key), ==, g_hash_table_contains (truth, &key));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/create", test_create);
  ADD ("/store/missing-without-create", test_missing_without_create);
  ADD ("/store/new-shop-page-size", test_new_shop_page_size);
  for (int v = 0; v < REG_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("/store/migrate/from-%d", v);
      g_test_add (name, Fixture, GINT_TO_POINTER (v), fixture_setup, test_migrate_from,
                  fixture_teardown);
    }
  ADD ("/store/not-a-shop", test_not_a_shop);
  ADD ("/store/foreign-sqlite", test_foreign_sqlite);
  ADD ("/store/newer-version", test_newer_version);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/constraints", test_constraints);
  ADD ("/store/rollback", test_transaction_rollback);
  ADD ("/store/backup-restore", test_backup_restore);
  ADD ("/store/merge-keeps-sales", test_merge_keeps_sales);
  ADD ("/store/delete-customer", test_delete_customer);
  ADD ("/store/customer-rows", test_customer_rows);
  g_test_add_func ("/store/parse-day", test_parse_day);
  ADD ("/store/totals-stay-true", test_totals_stay_true);
  ADD ("/store/insert-sales", test_insert_sales);
  ADD ("/store/checks-in-c", test_checks_in_c);
  ADD ("/store/refresh-totals", test_refresh_totals);
  ADD ("/store/defer-indexes-except", test_defer_indexes_except);
  ADD ("/store/begin-bulk", test_begin_bulk);
  ADD ("/store/deferred-sale-keys", test_deferred_sale_keys);
  ADD ("/store/migrate/content-key-first", test_migrate_content_key_first);
  ADD ("/store/migrate/external-ids-only", test_migrate_external_ids_only);
  g_test_add_func ("/store/key-set", test_key_set);
#undef ADD
  return g_test_run ();
}
