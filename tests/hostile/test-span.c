/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sale dates far apart (suite 'hostile'): a shop of 2,000 customers that also holds a sale dated
 * 0001-01-01 and one dated 9999-12-31 (as shops written before dates had bounds may) is
 * analysed by regulars-cli ($REG_CLI) with memory and a stored analysis bounded by its customers
 * and the months that have sales, not by the ten thousand years between the dates. The analysis
 * runs under an address-space limit (except under AddressSanitizer, which reserves terabytes of
 * shadow memory), so a grid over the span fails fast instead of filling the machine.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "reg-safety-utils.h"
#include "reg-store.h"
#include "reg-test-utils.h"

#define STORED_LIMIT (1024 * 1024)                  /* bytes of the stored analysis */
/* the analysing child's peak: bounded by the customers and the months with sales (before, the
 * span of 10,000 years took over 15 GB) */
#ifdef REG_SANITIZED
#define RSS_LIMIT_KB (2048 * 1024)
#else
#define RSS_LIMIT_KB (512 * 1024)
#endif
#define ADDRESS_LIMIT ((rlim_t) 2048 * 1024 * 1024)

/* a shop path in a fresh folder of its own (reg-safety-utils.h) */
typedef RegSafetyShopDir Fixture;
#define fixture_set_up reg_safety_shop_dir_set_up
#define fixture_tear_down reg_safety_shop_dir_tear_down

/* Written with plain SQL: the store's own checks may refuse such dates today, and the point is
 * a shop that already holds them. */
static void
add_sale (RegStore *store, gint64 customer, const char *day, gint64 amount)
{
  sqlite3 *db = reg_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO sales (customer_id, day, amount) "
                                           "VALUES (?1, ?2, ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, customer);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, amount);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
limit_address_space (gpointer data)
{
#ifndef __SANITIZE_ADDRESS__
  struct rlimit lim = { ADDRESS_LIMIT, ADDRESS_LIMIT };
  setrlimit (RLIMIT_AS, &lim);
#endif
}

static gint64
stored_analysis_bytes (const char *shop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (shop, REG_STORE_OPEN_DEFAULT, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store),
                                       "SELECT max(length(result)) FROM model_runs", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_ten_thousand_years (Fixture *f, gconstpointer data)
{
  const char *cli = reg_safety_cli_path ();
  g_auto(GStrv) env = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *earlier;
  JsonArray *months, *cohorts;
  struct rusage usage;
  int status = -1;

  if (cli == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "demo", "--customers", "2000", "--seed",
                                   "7", NULL), ==, 0);
  {
    g_autoptr(RegStore) store = reg_store_open (f->shop, REG_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    add_sale (store, 1, "0001-01-01", 500);
    add_sale (store, 2, "9999-12-31", 700);
    add_sale (store, 3, "1024-06-15", 300);
  }

  {
    const char *argv[] = { cli, "--shop", f->shop, "analyze", "--json", NULL };

    env = reg_safety_child_env ();
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT,
                                 limit_address_space, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
  }
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("regulars-cli analyze: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("peak RSS of the analysis: %ld KB; stored: %" G_GINT64_FORMAT " bytes",
                  usage.ru_maxrss, stored_analysis_bytes (f->shop));
  g_assert_cmpint (usage.ru_maxrss, <, RSS_LIMIT_KB);
  g_assert_cmpint (stored_analysis_bytes (f->shop), <, STORED_LIMIT);

  /* the figures still say what happened: the far months are there, the grid is bounded and the
   * customers of the oldest cohorts are counted */
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  months = json_object_get_array_member (root, "revenue_by_month");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (months, 0),
                                                  "month"), ==, "0001-01");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (months, json_array_get_length (months) - 1),
                     "month"), ==, "9999-12");
  cohorts = json_object_get_array_member (root, "cohorts");
  g_assert_cmpuint (json_array_get_length (cohorts), <=, 120);
  for (guint i = 0; i < json_array_get_length (cohorts); i++)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_array_get_object_element (cohorts, i), "retention")), <=, 120);
  earlier = json_object_get_object_member (root, "cohorts_earlier");
  g_assert_cmpint (json_object_get_int_member (earlier, "customers"), >=, 2);
  g_assert_cmpstr (json_object_get_string_member (earlier, "first_month"), ==, "0001-01");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/hostile/span/ten-thousand-years", Fixture, NULL, fixture_set_up,
              test_ten_thousand_years, fixture_tear_down);
  return g_test_run ();
}
