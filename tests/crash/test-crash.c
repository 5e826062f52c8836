/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety (suite 'crash'): regulars-cli ($REG_CLI) is killed with SIGKILL at random
 * moments (a seeded GRand: REG_CRASH_SEED, default 9) while it imports a large CSV, writes an
 * analysis back, and migrates an old shop, at least REG_CRASH_KILLS (default 20) times each.
 * After every kill the shop is opened as found (REG_STORE_OPEN_NO_MIGRATE) and must pass
 * PRAGMA integrity_check and hold either the whole operation or none of it: every sale of the
 * batch or none, the old analysis run or the new one with every customer's scores, a schema
 * that is exactly one whole version with every row still there. Campaign and workbook exports
 * are killed too: after the next start a campaign is recorded exactly when its list arrived,
 * and nothing of a killed export (working folder, temp file) is left beside the target; SIGINT
 * and SIGTERM end an export cleanly, with its temp files removed.
 * The kill moments are spread over the time an uncut run takes on this machine (measured first),
 * so the test adapts to slow machines and sanitizer builds; nothing is asserted about time.
 */
#include <gio/gio.h>
#include <signal.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "reg-safety-utils.h"
#include "reg-store.h"
#include "reg-test-utils.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Rows of the generated import; the old shop gets a quarter as many sales and the analysis a
 * fortieth as many customers (their runs are dominated by per-run work, and every kill is
 * followed by an integrity check of the whole file). Fewer under AddressSanitizer, where every
 * run is several times slower; the kills are spread over the run time either way. */
#ifdef UNDER_ASAN
#define DEFAULT_ROWS 15000
#else
#define DEFAULT_ROWS 100000
#endif

typedef struct
{
  char   *dir;
  char   *shop;       /* the working shop, replaced before every run */
  GRand  *rand;
  guint   kills_wanted;
  guint   rows;
} Fixture;

static guint
env_uint (const char *name, guint fallback)
{
  const char *v = g_getenv (name);
  guint64 n;

  if (v == NULL || !g_ascii_string_to_unsigned (v, 10, 1, G_MAXUINT, &n, NULL))
    return fallback;
  return (guint) n;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  guint seed = env_uint ("REG_CRASH_SEED", 9);

  f->dir = reg_test_make_tmpdir ();
  f->shop = g_build_filename (f->dir, "shop.regulars", NULL);
  f->rand = g_rand_new_with_seed (seed);
  f->kills_wanted = env_uint ("REG_CRASH_KILLS", 20);
  f->rows = env_uint ("REG_CRASH_ROWS", DEFAULT_ROWS);
  reg_safety_set_fast_children (TRUE);
  g_test_message ("seed %u (REG_CRASH_SEED), %u kills (REG_CRASH_KILLS), %u rows (REG_CRASH_ROWS)",
                  seed, f->kills_wanted, f->rows);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->shop);
  g_rand_free (f->rand);
}

/* A fresh working shop: a copy of @base (a closed shop: no -wal). */
static void
reset_shop (Fixture *f, const char *base)
{
  reg_safety_remove_shop (f->shop);
  reg_safety_copy (base, f->shop);
}

static gint64
query_int (RegStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (RegStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const unsigned char *t = sqlite3_column_text (stmt, c);
          g_string_append_printf (out, "%s%s", c ? "|" : "", t != NULL ? (const char *) t : "∅");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Opens the shop as a killed run left it; fails the test unless it is whole. */
static RegStore *
open_checked (const char *shop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (shop, REG_STORE_OPEN_NO_MIGRATE, &error);

  g_assert_no_error (error);
  reg_store_integrity_check (store, &error);
  g_assert_no_error (error);
  {
    g_autofree char *broken_refs = query_text (store, "PRAGMA foreign_key_check");
    g_assert_cmpstr (broken_refs, ==, "");
  }
  return g_steal_pointer (&store);
}

/* Runs @args uncut once on a copy of @base and returns how long it took, in seconds. */
static double
time_uncut_run (Fixture *f, const char *base, const char *const *args)
{
  gint64 start;
  int status = -1;

  reset_shop (f, base);
  start = g_get_monotonic_time ();
  {
    GPid pid = reg_safety_cli_start (f->shop, args);
    /* a day is "never": this only reaps the child */
    g_assert_false (reg_safety_kill_after (pid, 86400, &status));
  }
  g_assert_cmpint (status, ==, 0);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

typedef gboolean (*CheckFunc) (Fixture *f, gpointer data);   /* TRUE: the whole new state */

/* Whether some connection holds the shop's write lock, that is: a write transaction (the
 * import's batch, the analysis write-back, a migration step) is open. A probe that gets the
 * lock gives it back at once. */
static gboolean
writer_active (const char *shop)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (shop, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_close (db);
  return (rc & 0xff) == SQLITE_BUSY;
}

/* Polls until the child opens its write transaction; FALSE when it ended first (reaped, with
 * its status in @status). */
static gboolean
wait_for_writer (const char *shop, GPid pid, int *status)
{
  while (!writer_active (shop))
    {
      if (reg_safety_reaped (pid, status))
        return FALSE;
      g_usleep (500);
    }
  return TRUE;
}

/* Kills @args until @f->kills_wanted kills have landed, checking the shop after each. Half of
 * the kills come at a random moment of the whole run; the other half wait until the write
 * transaction is open and come at a random moment within @txn_share of the run's time after
 * that, so that many land in the middle of the write itself. */
static void
kill_repeatedly (Fixture *f, const char *base, const char *const *args, double uncut,
                 double txn_share, CheckFunc check, gpointer data)
{
  guint kills = 0, attempts = 0, whole = 0, none = 0, finished = 0, in_txn = 0;

  while (kills < f->kills_wanted)
    {
      gboolean txn_kill = g_rand_boolean (f->rand);
      double at = txn_kill ? g_rand_double_range (f->rand, 0, uncut * txn_share)
                           : g_rand_double_range (f->rand, 0, uncut);
      GPid pid;
      int status = -1;
      gboolean killed;

      g_assert_cmpuint (++attempts, <=, f->kills_wanted * 4);
      reset_shop (f, base);
      pid = reg_safety_cli_start (f->shop, args);
      if (txn_kill && !wait_for_writer (f->shop, pid, &status))
        killed = FALSE;
      else
        killed = reg_safety_kill_after (pid, at, &status);
      if (!killed)
        {
          /* it finished first: the result must be whole, and a kill is still owed */
          g_assert_cmpint (status, ==, 0);
          g_assert_true (check (f, data));
          finished++;
          continue;
        }
      kills++;
      in_txn += txn_kill;
      if (check (f, data))
        whole++;
      else
        none++;
    }
  g_test_message ("%u kills, %u of them after the write transaction began: %u left the old "
                  "state, %u the whole new one; %u runs ended before their kill; an uncut run "
                  "takes %.2f s", kills, in_txn, none, whole, finished, uncut);
}

/* ---- import ------------------------------------------------------------------------------ */

typedef struct
{
  guint rows;
  gint64 customers;
} ImportExpect;

static gboolean
check_import (Fixture *f, gpointer data)
{
  ImportExpect *e = data;
  g_autoptr(RegStore) store = open_checked (f->shop);
  gint64 sales = query_int (store, "SELECT count(*) FROM sales");
  gint64 batches = query_int (store, "SELECT count(*) FROM import_batches");
  gint64 customers = query_int (store, "SELECT count(*) FROM customers");

  if (sales == 0)
    {
      g_assert_cmpint (batches, ==, 0);
      g_assert_cmpint (customers, ==, 0);
      return FALSE;
    }
  g_assert_cmpint (sales, ==, e->rows);
  g_assert_cmpint (batches, ==, 1);
  g_assert_cmpint (customers, ==, e->customers);
  g_assert_cmpint (query_int (store, "SELECT imported FROM import_batches"), ==, e->rows);
  return TRUE;
}

static void
test_kill_import (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "sales.csv", NULL);
  g_autofree char *base = g_build_filename (f->dir, "base.regulars", NULL);
  const char *args[] = { "import", csv, NULL };
  ImportExpect expect = { f->rows, 0 };
  double uncut;

  if (reg_safety_cli_path () == NULL)
    return;
  reg_safety_write_sales_csv (csv, f->rows);
  g_assert_cmpint (reg_safety_cli (base, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);

  uncut = time_uncut_run (f, base, args);
  {
    g_autoptr(RegStore) store = open_checked (f->shop);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM sales"), ==, f->rows);
    expect.customers = query_int (store, "SELECT count(*) FROM customers");
  }
  kill_repeatedly (f, base, args, uncut, 0.8, check_import, &expect);
}

/* ---- analysis write-back ----------------------------------------------------------------- */

typedef struct
{
  gint64 old_run;
  char  *old_scores;    /* the old run's scores, row by row */
  gint64 customers;
} AnalysisExpect;

static gboolean
check_analysis (Fixture *f, gpointer data)
{
  AnalysisExpect *e = data;
  g_autoptr(RegStore) store = open_checked (f->shop);
  gint64 last = query_int (store, "SELECT max(id) FROM model_runs");

  if (last == e->old_run)
    {
      g_autofree char *scores = query_text (store, "SELECT * FROM customer_scores ORDER BY 1");
      g_assert_cmpstr (scores, ==, e->old_scores);
      return FALSE;
    }
  g_assert_cmpint (last, ==, e->old_run + 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_scores"), ==, e->customers);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_scores WHERE run_id <> "
                                     "(SELECT max(id) FROM model_runs)"), ==, 0);
  return TRUE;
}

static void
test_kill_analysis (Fixture *f, gconstpointer data)
{
  g_autofree char *base = g_build_filename (f->dir, "base.regulars", NULL);
  g_autofree char *customers = g_strdup_printf ("%u", MAX (f->rows / 40, 200));
  const char *args[] = { "analyze", NULL };
  AnalysisExpect expect = { 0 };
  double uncut;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (base, NULL, NULL, "demo", "--customers", customers, "--seed",
                                   "1", NULL), ==, 0);
  /* the old run that a killed write-back must leave alone */
  g_assert_cmpint (reg_safety_cli (base, NULL, NULL, "analyze", NULL), ==, 0);
  {
    g_autoptr(RegStore) store = open_checked (base);
    expect.old_run = query_int (store, "SELECT max(id) FROM model_runs");
    expect.old_scores = query_text (store, "SELECT * FROM customer_scores ORDER BY 1");
    expect.customers = query_int (store, "SELECT count(*) FROM customer_scores");
    g_assert_cmpint (expect.old_run, >, 0);
    g_assert_cmpint (expect.customers, >, 0);
  }
  /* the copy must not carry a -wal: reg_store_open left the file checkpointed on close */
  uncut = time_uncut_run (f, base, args);
  g_assert_true (check_analysis (f, &expect));
  kill_repeatedly (f, base, args, uncut, 0.2, check_analysis, &expect);
  g_free (expect.old_scores);
}

/* ---- migrations -------------------------------------------------------------------------- */

typedef struct
{
  char  *schemas[REG_STORE_SCHEMA_VERSION + 1];   /* sqlite_schema of an empty shop per version */
  gint64 sales;
  gint64 customers;
} MigrateExpect;

static char *
schema_of (RegStore *store)
{
  return query_text (store, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
}

static gboolean
check_migration (Fixture *f, gpointer data)
{
  MigrateExpect *e = data;
  g_autoptr(RegStore) store = open_checked (f->shop);
  int version = reg_store_get_schema_version (store);
  g_autofree char *schema = schema_of (store);

  g_assert_cmpint (version, >=, 1);
  g_assert_cmpint (version, <=, REG_STORE_SCHEMA_VERSION);
  /* a whole version: exactly the tables and indexes that version has, no half-made ones */
  g_assert_cmpstr (schema, ==, e->schemas[version]);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sales"), ==, e->sales);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customers"), ==, e->customers);
  return version == REG_STORE_SCHEMA_VERSION;
}

/* A shop at schema version 1 with @sales sales, written with the version 1 tables. */
static void
make_old_shop (const char *path, guint sales, guint customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (path, REG_STORE_OPEN_CREATE
                                              | REG_STORE_OPEN_NO_MIGRATE, &error);
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) cust = NULL;
  g_autoptr(sqlite3_stmt) sale = NULL;

  g_assert_no_error (error);
  reg_store_migrate_to (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reg_store_get_schema_version (store), ==, 1);
  db = reg_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO customers (id, name, email) "
                                       "VALUES (?1, ?2, ?3)", -1, &cust, NULL), ==, SQLITE_OK);
  for (guint i = 1; i <= customers; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autofree char *email = g_strdup_printf ("c%u@example.com", i);
      sqlite3_bind_int64 (cust, 1, i);
      sqlite3_bind_text (cust, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (cust, 3, email, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (cust), ==, SQLITE_DONE);
      sqlite3_reset (cust);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO sales (customer_id, day, amount, source, "
                                       "external_id) VALUES (?1, ?2, ?3, 'shopify', ?4)",
                                       -1, &sale, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < sales; i++)
    {
      char day[11];
      g_autofree char *ext = g_strdup_printf ("#%u", i);
      g_snprintf (day, sizeof day, "2023-%02u-%02u", 1 + i % 12, 1 + i % 28);
      sqlite3_bind_int64 (sale, 1, 1 + i % customers);
      sqlite3_bind_text (sale, 2, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (sale, 3, 100 + i % 9000);
      sqlite3_bind_text (sale, 4, ext, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (sale), ==, SQLITE_DONE);
      sqlite3_reset (sale);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_kill_migration (Fixture *f, gconstpointer data)
{
  g_autofree char *base = g_build_filename (f->dir, "old.regulars", NULL);
  /* any command opens (and so migrates) the shop; this one does little else */
  const char *args[] = { "import", "list", NULL };
  MigrateExpect expect = { { NULL } };
  guint sales = MAX (f->rows / 4, 1000), customers = MAX (f->rows / 40, 100);
  double uncut;

  if (reg_safety_cli_path () == NULL)
    return;
  /* the schema each version has, from empty shops migrated step by step */
  for (int v = 1; v <= REG_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%d.regulars", f->dir, v);
      g_autoptr(GError) error = NULL;
      g_autoptr(RegStore) store = reg_store_open (path, REG_STORE_OPEN_CREATE
                                                  | REG_STORE_OPEN_NO_MIGRATE, &error);
      g_assert_no_error (error);
      reg_store_migrate_to (store, v, &error);
      g_assert_no_error (error);
      expect.schemas[v] = schema_of (store);
    }
  make_old_shop (base, sales, customers);
  expect.sales = sales;
  expect.customers = customers;

  uncut = time_uncut_run (f, base, args);
  {
    g_autoptr(RegStore) store = open_checked (f->shop);
    g_assert_cmpint (reg_store_get_schema_version (store), ==, REG_STORE_SCHEMA_VERSION);
  }
  g_assert_true (check_migration (f, &expect));
  kill_repeatedly (f, base, args, uncut, 0.15, check_migration, &expect);
  for (int v = 0; v <= REG_STORE_SCHEMA_VERSION; v++)
    g_free (expect.schemas[v]);
}

/* ---- campaign export: the list and its record together --------------------------------- */

typedef struct
{
  char *list;     /* the campaign list's path */
  char *base;     /* the shop before the export */
} ExportExpect;

/* Exports the shop still has to settle (none where the schema predates them). */
static gint64
count_pending (RegStore *store)
{
  if (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'pending_exports'") == 0)
    return 0;
  return query_int (store, "SELECT count(*) FROM pending_exports");
}

/* Working folders or hidden temp files the export may have left beside the list. */
static guint
count_leftovers (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, ".regulars-export-") || g_str_has_prefix (name, ".list.csv.")
        || g_str_has_prefix (name, ".report.xlsx."))
      n++;
  return n;
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* After the next start (any command settles what a killed export left): a campaign exactly
 * when its list is there, with one member per line of the list, and nothing else left behind. */
static gboolean
check_campaign_export (Fixture *f, gpointer data)
{
  ExportExpect *e = data;
  g_autoptr(RegStore) store = NULL;
  gint64 campaigns;
  gboolean have_list = g_file_test (e->list, G_FILE_TEST_IS_REGULAR);

  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "campaign", "list", NULL), ==, 0);
  store = open_checked (f->shop);
  campaigns = query_int (store, "SELECT count(*) FROM campaigns");
  g_assert_cmpint (count_pending (store), ==, 0);
  g_assert_cmpuint (count_leftovers (f->dir), ==, 0);
  if (!have_list)
    {
      g_assert_cmpint (campaigns, ==, 0);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM campaign_members"), ==, 0);
      return FALSE;
    }
  g_assert_cmpint (campaigns, ==, 1);
  /* a header line, then one line per customer who gets the campaign */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM campaign_members WHERE grp = 'treatment'"),
                   ==, count_lines (e->list) - 1);
  g_unlink (e->list);
  return TRUE;
}

static void
make_analysed_shop (Fixture *f, const char *base, guint customers)
{
  g_autofree char *n = g_strdup_printf ("%u", customers);

  g_assert_cmpint (reg_safety_cli (base, NULL, NULL, "demo", "--customers", n, "--seed", "2",
                                   NULL), ==, 0);
  g_assert_cmpint (reg_safety_cli (base, NULL, NULL, "analyze", NULL), ==, 0);
}

static void
test_kill_campaign_export (Fixture *f, gconstpointer data)
{
  g_autofree char *base = g_build_filename (f->dir, "base.regulars", NULL);
  g_autofree char *list = g_build_filename (f->dir, "list.csv", NULL);
  const char *args[] = { "export", "campaign", "--segment", "all", "--control", "10", list, NULL };
  ExportExpect expect = { list, base };
  double uncut;

  if (reg_safety_cli_path () == NULL)
    return;
  make_analysed_shop (f, base, MAX (f->rows / 5, 2000));
  uncut = time_uncut_run (f, base, args);
  g_assert_true (check_campaign_export (f, &expect));
  kill_repeatedly (f, base, args, uncut, 0.3, check_campaign_export, &expect);
}

/* A killed workbook export leaves nothing with customers' data behind after the next start. */
static gboolean
check_report_export (Fixture *f, gpointer data)
{
  const char *report = data;
  gboolean have = g_file_test (report, G_FILE_TEST_IS_REGULAR);

  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "campaign", "list", NULL), ==, 0);
  g_assert_cmpuint (count_leftovers (f->dir), ==, 0);
  {
    g_autoptr(RegStore) store = open_checked (f->shop);
    g_assert_cmpint (count_pending (store), ==, 0);
  }
  g_unlink (report);
  return have;
}

static void
test_kill_report_export (Fixture *f, gconstpointer data)
{
  g_autofree char *base = g_build_filename (f->dir, "base.regulars", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.xlsx", NULL);
  const char *args[] = { "export", "report", report, NULL };
  double uncut;

  if (reg_safety_cli_path () == NULL)
    return;
  make_analysed_shop (f, base, MAX (f->rows / 5, 2000));
  uncut = time_uncut_run (f, base, args);
  g_assert_true (check_report_export (f, report));
  kill_repeatedly (f, base, args, uncut, 0.3, check_report_export, report);
}

/* Waits until @pid blocks SIGINT and SIGTERM (read from /proc): from then on its signal thread
 * takes them. Before that, while the program is still being loaded, a signal ends it as it
 * would any program. */
static void
wait_signals_taken (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  guint64 want = (1ull << (SIGINT - 1)) | (1ull << (SIGTERM - 1));

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *text = NULL;
      const char *blk;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        return;   /* no /proc: the random delay has to do */
      blk = strstr (text, "SigBlk:");
      if (blk != NULL && (g_ascii_strtoull (blk + 7, NULL, 16) & want) == want)
        return;
      g_usleep (500);
    }
}

/* SIGINT and SIGTERM at random moments of a campaign export and a report: the command ends by
 * itself (never killed by the signal), with exit status 0 when it had finished and non-zero
 * otherwise, and leaves no temp file, no working folder and no unsettled export behind, and
 * a campaign exactly when its list arrived. */
static void
test_interrupt_exports (Fixture *f, gconstpointer data)
{
  g_autofree char *base = g_build_filename (f->dir, "base.regulars", NULL);
  g_autofree char *list = g_build_filename (f->dir, "list.csv", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.xlsx", NULL);
  const char *campaign[] = { "export", "campaign", "--segment", "all", list, NULL };
  const char *workbook[] = { "export", "report", report, NULL };
  const char *const *commands[] = { campaign, workbook };
  guint stopped = 0, finished = 0;

  if (reg_safety_cli_path () == NULL)
    return;
  make_analysed_shop (f, base, MAX (f->rows / 5, 2000));
  for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      double uncut = time_uncut_run (f, base, commands[c]);

      g_unlink (list);
      g_unlink (report);
      for (guint k = 0; k < MAX (f->kills_wanted / 3, 4); k++)
        {
          int sig = k % 2 ? SIGTERM : SIGINT;
          int status = -1;
          GPid pid;

          reset_shop (f, base);
          pid = reg_safety_cli_start (f->shop, commands[c]);
          wait_signals_taken (pid);
          g_usleep ((gulong) (g_rand_double_range (f->rand, 0, 1.0) * uncut * G_USEC_PER_SEC));
          kill (pid, sig);
          {
            int raw = 0;
            g_assert_cmpint (waitpid (pid, &raw, 0), ==, pid);
            /* ended by itself, not by the signal */
            g_assert_false (WIFSIGNALED (raw));
            status = WEXITSTATUS (raw);
          }
          if (status == 0)
            finished++;
          else
            stopped++;
          {
            g_autoptr(RegStore) store = open_checked (f->shop);
            gint64 campaigns = query_int (store, "SELECT count(*) FROM campaigns");

            g_assert_cmpint (count_pending (store), ==, 0);
            g_assert_cmpuint (count_leftovers (f->dir), ==, 0);
            if (commands[c] == campaign)
              g_assert_cmpint (campaigns, ==, g_file_test (list, G_FILE_TEST_EXISTS) ? 1 : 0);
            /* cancelled (status 1): nothing written. A signal that comes after the job ended
             * ends the command with 128 + the signal, its work kept whole */
            if (status == 1)
              g_assert_false (g_file_test (commands[c] == campaign ? list : report,
                                           G_FILE_TEST_EXISTS));
            else
              g_assert_true (status == 0 || status == 128 + sig);
          }
          g_unlink (list);
          g_unlink (report);
        }
    }
  g_test_message ("%u commands stopped by a signal, %u had finished first", stopped, finished);
  g_assert_cmpuint (stopped, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/crash/kill-import", Fixture, NULL, fixture_set_up, test_kill_import,
              fixture_tear_down);
  g_test_add ("/crash/kill-analysis", Fixture, NULL, fixture_set_up, test_kill_analysis,
              fixture_tear_down);
  g_test_add ("/crash/kill-migration", Fixture, NULL, fixture_set_up, test_kill_migration,
              fixture_tear_down);
  g_test_add ("/crash/kill-campaign-export", Fixture, NULL, fixture_set_up,
              test_kill_campaign_export, fixture_tear_down);
  g_test_add ("/crash/kill-report-export", Fixture, NULL, fixture_set_up,
              test_kill_report_export, fixture_tear_down);
  g_test_add ("/crash/interrupt-exports", Fixture, NULL, fixture_set_up, test_interrupt_exports,
              fixture_tear_down);
  return g_test_run ();
}
