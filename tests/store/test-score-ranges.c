/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 80 % ranges kept with the scores (schema version 10): written and read back with the
 * customer row, absent (NULL) where unknown, and an older shop updated with its scores kept.
 */
#include <sqlite3.h>

#include "reg-store.h"
#include "reg-store-analysis.h"
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
add_customer (RegStore *store, const char *name)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  id = reg_store_insert_customer (store, &rec, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE, &error);
  gint64 known, unknown, run;
  RegScoreRow rows[2] = { { 0 } };
  g_autoptr(RegCustomerRow) a = NULL;
  g_autoptr(RegCustomerRow) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
  known = add_customer (store, "Ana");
  unknown = add_customer (store, "Ben");
  run = reg_store_insert_model_run (store, 740000, 740000, "bgnbd", "week", "{}", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      rows[i].p_alive = rows[i].expected_purchases = rows[i].expected_spend = -1;
      rows[i].clv = rows[i].historic_clv = -1;
      rows[i].purchases_low = rows[i].purchases_high = rows[i].clv_low = rows[i].clv_high = -1;
    }
  rows[0].customer_id = known;
  rows[0].purchases_low = 2;
  rows[0].purchases_high = 5;
  rows[0].clv_low = 4000;
  rows[0].clv_high = 10000.5;
  rows[1].customer_id = unknown;
  g_assert_true (reg_store_insert_scores (store, run, rows, 2, &error));
  g_assert_no_error (error);

  a = reg_store_get_customer_row (store, known, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (a->purchases_low, ==, 2);
  g_assert_cmpfloat (a->purchases_high, ==, 5);
  g_assert_cmpfloat (a->clv_low, ==, 4000);
  g_assert_cmpfloat (a->clv_high, ==, 10000.5);
  b = reg_store_get_customer_row (store, unknown, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (b->purchases_low, ==, -1);
  g_assert_cmpfloat (b->purchases_high, ==, -1);
  g_assert_cmpfloat (b->clv_low, ==, -1);
}

/* A version-9 shop with scores: updated, the scores stay, with no ranges until the next run. */
static void
test_older_shop (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_CREATE
                                                | REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_no_error (error);
    /* 10: the last schema before migrations/0011-score-ranges.sql */
    g_assert_true (reg_store_migrate_to (store, 10, &error));
    id = add_customer (store, "Ana");
    g_assert_cmpint (sqlite3_exec (reg_store_get_db (store),
                                   "INSERT INTO model_runs (id, end_day, model, time_unit, result) "
                                   "VALUES (1, '2024-01-01', 'bgnbd', 'week', '{}');"
                                   "INSERT INTO customer_scores (customer_id, run_id, purchases, "
                                   "total_spend, clv) VALUES (1, 1, 3, 4500, 1234.5);",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(RegStore) store = reg_store_open (f->path, REG_STORE_OPEN_DEFAULT, &error);
    g_autoptr(RegCustomerRow) row = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
    row = reg_store_get_customer_row (store, id, &error);
    g_assert_no_error (error);
    g_assert_true (row->scored);
    g_assert_cmpfloat (row->clv, ==, 1234.5);
    g_assert_cmpfloat (row->purchases_low, ==, -1);
    g_assert_cmpfloat (row->clv_high, ==, -1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/score-ranges/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
              fixture_teardown);
  g_test_add ("/store/score-ranges/older-shop", Fixture, NULL, fixture_setup, test_older_shop,
              fixture_teardown);
  return g_test_run ();
}
