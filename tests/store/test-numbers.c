/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import and campaign numbers are never given out twice in a shop: not after an undo, not after
 * the update of an older shop file (whose existing numbers stay as they are), not after a backup
 * from before is restored, and not by a row written without the store's numbering.
 */
#include <sqlite3.h>

#include "clv-date.h"
#include "reg-store.h"
#include "reg-store-campaigns.h"
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
add_batch (RegStore *store, const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = reg_store_insert_batch (store, name, "hash", "csv", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_campaign (RegStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id = reg_store_insert_campaign (store, "Spring", "top", NULL,
                                         clv_date_from_ymd (2024, 3, 1), 10, 1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static guint
count_batches (RegStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = reg_store_list_batches (store, &error);

  g_assert_no_error (error);
  return all->len;
}

static int
exec (RegStore *store, const char *sql)
{
  return sqlite3_exec (reg_store_get_db (store), sql, NULL, NULL, NULL);
}

/* Undone imports keep their numbers: the next import gets a new one, and undoing the old number
 * again finds nothing. */
static void
test_undo_keeps_number (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 first, second, third;

  g_assert_no_error (error);
  first = add_batch (store, "a.csv");
  g_assert_true (reg_store_undo_batch (store, first, NULL, NULL, &error));
  g_assert_no_error (error);
  second = add_batch (store, "b.csv");
  g_assert_cmpint (second, >, first);
  g_assert_false (reg_store_undo_batch (store, first, NULL, NULL, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_batches (store), ==, 1);
  /* the highest of several undone ones, too, across reopening the file */
  third = add_batch (store, "c.csv");
  g_assert_true (reg_store_undo_batch (store, third, NULL, NULL, &error));
  g_assert_true (reg_store_undo_batch (store, second, NULL, NULL, &error));
  g_clear_pointer (&store, reg_store_free);
  store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (add_batch (store, "d.csv"), ==, third + 1);
}

/* A shop of the schema before: its numbers stay, new ones follow the highest in use. */
static void
test_older_shop (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE
                                                | REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_no_error (error);
    /* 8: the last schema before migrations/0009-numbers-never-reused.sql */
    g_assert_true (reg_store_migrate_to (store, 8, &error));
    g_assert_cmpint (exec (store,
                           "INSERT INTO import_batches (id, file_name, file_hash, format) VALUES "
                           "(2, 'a.csv', 'h', 'csv'), (5, 'b.csv', 'h', 'csv');"
                           "INSERT INTO campaigns (id, name, segment, started_on) VALUES "
                           "(3, 'Old', 'top', '2024-01-01');"), ==, SQLITE_OK);
  }
  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
    g_autoptr(RegBatchRecord) kept = NULL;

    g_assert_no_error (error);
    kept = reg_store_get_batch (store, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept->file_name, ==, "a.csv");
    g_assert_cmpint (add_batch (store, "c.csv"), ==, 6);
    g_assert_cmpint (add_campaign (store), ==, 4);
  }
}

/* A row numbered by SQLite's own rule (highest in use + 1) after an undo would take a number
 * given out before: refused. */
static void
test_reuse_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 id;

  g_assert_no_error (error);
  add_batch (store, "a.csv");
  id = add_batch (store, "b.csv");
  g_assert_true (reg_store_undo_batch (store, id, NULL, NULL, &error));
  g_assert_cmpint (exec (store, "INSERT INTO import_batches (file_name, file_hash, format) "
                                "VALUES ('x.csv', 'h', 'csv')"), !=, SQLITE_OK);
  g_assert_cmpint (count_batches (store), ==, 1);
  g_assert_cmpint (add_campaign (store), ==, 1);
  g_assert_cmpint (exec (store, "DELETE FROM campaigns"), ==, SQLITE_OK);
  g_assert_cmpint (add_campaign (store), ==, 2);
}

/* A backup from before an import, restored: the import's number stays given out. */
static void
test_restore_keeps_number (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  g_autofree char *backup = g_build_filename (f->dir, "before.regulars", NULL);
  gint64 first, campaign;

  g_assert_no_error (error);
  first = add_batch (store, "a.csv");
  g_assert_true (reg_store_backup_to (store, backup, &error));
  g_assert_no_error (error);
  add_batch (store, "b.csv");
  campaign = add_campaign (store);
  g_assert_true (reg_store_restore_from (store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_batches (store), ==, 1);
  g_assert_cmpint (add_batch (store, "c.csv"), ==, first + 2);
  g_assert_cmpint (add_campaign (store), ==, campaign + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/numbers/undo-keeps-number", test_undo_keeps_number);
  ADD ("/store/numbers/older-shop", test_older_shop);
  ADD ("/store/numbers/reuse-refused", test_reuse_refused);
  ADD ("/store/numbers/restore-keeps-number", test_restore_keeps_number);
#undef ADD
  return g_test_run ();
}
