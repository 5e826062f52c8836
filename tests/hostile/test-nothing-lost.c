/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing lost (suite 'hostile'): what the owner types or does must never cost the shop. An
 * export aimed at the shop under any of its names is refused; backups are kept by what they
 * are, not by their names; the demo never replaces a shop another command writes to; a
 * signal ends a command with its temp files removed; a damaged shop or stored analysis is
 * described in words. regulars-cli ($REG_CLI) runs as a child; the shop is compared by its
 * content (reg_store_dump) or its bytes.
 */
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reg-safety-utils.h"
#include "reg-store.h"
#include "reg-test-utils.h"

/* a shop path in a fresh folder of its own (reg-safety-utils.h) */
typedef RegSafetyShopDir Fixture;
#define fixture_set_up reg_safety_shop_dir_set_up
#define fixture_tear_down reg_safety_shop_dir_tear_down

/* Child output as one TAP comment line. */
static void
note (const char *text)
{
  g_autofree char *one = g_strdup (text != NULL ? text : "");
  g_strdelimit (g_strstrip (one), "\n", ' ');
  g_test_message ("%s", one);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A small analysed shop: something to lose. */
static gboolean
make_shop (Fixture *f)
{
  if (reg_safety_cli_path () == NULL)
    return FALSE;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "demo", "--customers", "60", "--seed", "3",
                                   NULL), ==, 0);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "analyze", NULL), ==, 0);
  return TRUE;
}

/* ---- 1. exports aimed at the shop -------------------------------------------------------- */

static void
expect_export_refused (Fixture *f, const char *target, const char *expect)
{
  const char *campaign[] = { "export", "campaign", "--segment", "all", target, NULL };
  const char *loyalty[] = { "print", "loyalty", "--segment", "all", target, NULL };
  const char *report[] = { "export", "report", target, NULL };
  const char *const *commands[] = { campaign, loyalty, report };
  g_autofree char *before = reg_safety_dump (f->shop);
  g_autofree char *hash = reg_safety_file_hash (f->shop);
  gboolean target_exists = g_file_test (target, G_FILE_TEST_IS_REGULAR);
  g_autofree char *target_hash = target_exists ? reg_safety_file_hash (target) : NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      g_autofree char *hash_after = NULL;

      /* the report wants a name ending in .xlsx: the command line refuses others itself */
      if (commands[i] == report && !g_str_has_suffix (target, ".xlsx"))
        continue;
      g_test_message ("%s %s → %s", commands[i][0], commands[i][1], target);
      g_assert_cmpint (reg_safety_cli_argv (f->shop, commands[i], NULL, &err), ==, 1);
      note (err);
      g_assert_nonnull (strstr (err, expect));
      after = reg_safety_dump (f->shop);
      g_assert_cmpstr (after, ==, before);
      hash_after = reg_safety_file_hash (f->shop);
      g_assert_cmpstr (hash_after, ==, hash);
      if (target_exists)
        {
          g_autofree char *t = reg_safety_file_hash (target);
          g_assert_cmpstr (t, ==, target_hash);
        }
    }
}

static void
test_export_over_shop (Fixture *f, gconstpointer data)
{
  g_autofree char *dot = NULL;
  g_autofree char *wal = g_strconcat (f->shop, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->shop, "-shm", NULL);
  g_autofree char *journal = g_strconcat (f->shop, "-journal", NULL);
  g_autofree char *sym = path_in (f, "list.csv");
  g_autofree char *hard = path_in (f, "hard.xlsx");
  g_autofree char *upper = path_in (f, "SHOP.REGULARS");
  g_autofree char *backups = g_strconcat (f->shop, ".backups", NULL);
  g_autofree char *in_backups = g_build_filename (backups, "list.csv", NULL);
  g_autofree char *sub = path_in (f, "sub");
  g_autofree char *dotdot = g_build_filename (sub, "..", "shop.regulars", NULL);
  const char *what = "the shop file itself";

  if (!make_shop (f))
    return;
  dot = g_build_filename (f->dir, ".", "shop.regulars", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  expect_export_refused (f, f->shop, what);
  expect_export_refused (f, dot, what);
  expect_export_refused (f, dotdot, what);
  expect_export_refused (f, wal, what);
  expect_export_refused (f, shm, what);
  expect_export_refused (f, journal, what);
  expect_export_refused (f, upper, what);
  g_assert_cmpint (symlink (f->shop, sym), ==, 0);
  expect_export_refused (f, sym, what);
  g_assert_cmpint (link (f->shop, hard), ==, 0);
  expect_export_refused (f, hard, what);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  expect_export_refused (f, in_backups, what);
  expect_export_refused (f, backups, what);
}

/* ---- 14. a read-only target -------------------------------------------------------------- */

static void
test_read_only_target (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "kept.csv");
  g_autofree char *pdf = path_in (f, "kept.pdf");
  g_autofree char *xlsx = path_in (f, "kept.xlsx");
  const char *const targets[] = { csv, pdf, xlsx };
  g_autoptr(GError) error = NULL;

  if (!make_shop (f))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_file_set_contents (targets[i], "the owner's own file\n", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (targets[i], 0444), ==, 0);
    }
  expect_export_refused (f, csv, "read-only");
  expect_export_refused (f, pdf, "read-only");
  expect_export_refused (f, xlsx, "read-only");
}

/* ---- 3. the demo and other writers ------------------------------------------------------ */

/* Customers added while a demo is being written must not vanish: every "customer add" that
 * said it succeeded is in the shop afterwards, whatever the demo did. */
static void
test_demo_race (Fixture *f, gconstpointer data)
{
  const char *demo[] = { "demo", "--customers", "20000", "--seed", "5", NULL };
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dump = NULL;
  GPid pid;
  int status = -1;
  guint tries = 0;
  gint64 uncut;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", "--name",
                                   "Mine", NULL), ==, 0);
  /* the adds start a third of the way into the demo, once it is surely writing */
  {
    g_autofree char *other = path_in (f, "timing.regulars");
    gint64 start = g_get_monotonic_time ();
    g_assert_cmpint (reg_safety_cli_argv (other, demo, NULL, NULL), ==, 0);
    uncut = (g_get_monotonic_time () - start) / 3;
  }
  pid = reg_safety_cli_start (f->shop, demo);
  g_usleep (uncut);
  while (!reg_safety_reaped (pid, &status))
    {
      g_autofree char *name = g_strdup_printf ("Racer %u", tries);
      g_autofree char *email = g_strdup_printf ("racer%u@example.com", tries);

      tries++;
      if (reg_safety_cli (f->shop, NULL, NULL, "customer", "add", "--name", name, "--email", email,
                          NULL) == 0)
        g_ptr_array_add (added, g_steal_pointer (&email));
    }
  g_test_message ("demo ended with status %d; %u customers added of %u tries", status,
                  added->len, tries);
  /* 1: an add came before the demo's transaction, which then refused the shop (a slow start) */
  g_assert_true (status == 0 || status == 1);
  dump = reg_safety_dump (f->shop);
  for (guint i = 0; i < added->len; i++)
    g_assert_nonnull (strstr (dump, added->pdata[i]));
}

/* ---- 2. backups kept by what they are ---------------------------------------------------- */

/* Imports a small CSV (different each time, so each import adds something) and returns the
 * backup the import reports. */
static char *
import_once (Fixture *f, guint n)
{
  g_autofree char *csv = g_strdup_printf ("%s/sales-%u.csv", f->dir, n);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  reg_safety_write_sales_csv (csv, 10 + n);
  g_assert_cmpint (reg_safety_cli (f->shop, &out, NULL, "import", csv, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (o, "backup"));
  return g_strdup (json_object_get_string_member (o, "backup"));
}

static guint
count_names (const char *dir, const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, "before-import-") && g_str_has_suffix (name, suffix);
  return n;
}

static void
sql_on (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* 3 good imports, 3 killed while writing their backup (their partial files left as a killed
 * run leaves them, named to sort after the good ones), then 1 good import: 4 backups, no
 * partial files. */
static void
test_backups_after_killed_runs (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_strconcat (f->shop, ".backups", NULL);
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_free (import_once (f, i));
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *part = g_strdup_printf ("%s/before-import-20991231-2359%02u-000000"
                                               ".regulars.part", dir, k);
      g_autofree char *journal = g_strconcat (part, "-journal", NULL);
      g_file_set_contents (part, "SQLite format 3", -1, &error);
      g_assert_no_error (error);
      g_file_set_contents (journal, "half a journal", -1, &error);
      g_assert_no_error (error);
    }
  last = import_once (f, 3);
  g_assert_true (g_file_test (last, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_names (dir, ".regulars"), ==, 4);
  g_assert_cmpuint (count_names (dir, ".part"), ==, 0);
  g_assert_cmpuint (count_names (dir, ".part-journal"), ==, 0);
}

/* Five backups whose clock was ahead (named and stamped 2099), and files the shop did not
 * write; every new backup must survive its own import, and the strangers every import. */
static void
test_backups_clock_ahead (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_strconcat (f->shop, ".backups", NULL);
  g_autofree char *stranger = g_build_filename (dir, "before-import-00000000-000000-000000.regulars",
                                                NULL);
  g_autofree char *other_shop = path_in (f, "other.regulars");
  g_autofree char *foreign = g_build_filename (dir, "before-import-00000000-000001-000000.regulars",
                                               NULL);
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *backup = import_once (f, i);
      g_autofree char *ahead = g_strdup_printf ("%s/before-import-20991231-2359%02u-000000.regulars",
                                                dir, i);
      g_autofree char *sql = g_strdup_printf ("UPDATE settings SET value = "
                                              "'2099-12-31T23:59:%02u.000000Z' "
                                              "WHERE key = 'backup-taken-at'", i);
      sql_on (backup, sql);
      g_assert_cmpint (g_rename (backup, ahead), ==, 0);
    }
  /* a stranger's file and another shop's backup, under names that sort first */
  g_file_set_contents (stranger, "not ours", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reg_safety_cli (other_shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  reg_safety_copy (other_shop, foreign);
  sql_on (foreign, "INSERT INTO settings VALUES ('backup-sequence', '1'), "
                   "('backup-taken-at', '2000-01-01T00:00:00.000000Z')");
  for (guint i = 5; i < 8; i++)
    {
      char *backup = import_once (f, i);
      g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
      g_ptr_array_add (reported, backup);
    }
  for (guint i = 0; i < reported->len; i++)
    g_assert_true (g_file_test (reported->pdata[i], G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (stranger, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_IS_REGULAR));
  /* five of this shop's, and the two strangers */
  g_assert_cmpuint (count_names (dir, ".regulars"), ==, 7);
}

/* A backups folder that is a symbolic link to a folder of unrelated files: refused, and not a
 * file there touched. */
static void
test_backups_symlinked_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_strconcat (f->shop, ".backups", NULL);
  g_autofree char *elsewhere = path_in (f, "elsewhere");
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/before-import-%u.regulars", elsewhere, i);
      g_file_set_contents (name, "someone's file", -1, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (symlink (elsewhere, dir), ==, 0);
  reg_safety_write_sales_csv (csv, 10);
  before = reg_safety_dump (f->shop);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, &err, "import", csv, NULL), ==, 1);
  note (err);
  g_assert_nonnull (strstr (err, "symbolic link"));
  g_assert_nonnull (strstr (err, dir));
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_names (elsewhere, ".regulars"), ==, 7);
}

/* ---- 14. names SQLite would read as URIs; times with their zone --------------------------- */

/* "file:shop.regulars?mode=memory" is a file name like any other: the customer lands in that
 * file, not in a database in memory that is gone when the command ends. */
static void
test_file_uri_name (Fixture *f, gconstpointer data)
{
  const char *name = "file:shop.regulars?mode=memory";
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *full = path_in (f, name);
  g_autofree char *dump = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  g_assert_cmpint (reg_safety_cli (name, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  g_assert_cmpint (reg_safety_cli (name, NULL, NULL, "customer", "add", "--name", "Uri",
                                   "--email", "uri@example.com", NULL), ==, 0);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_true (g_file_test (full, G_FILE_TEST_IS_REGULAR));
  dump = reg_safety_dump (full);
  g_assert_nonnull (strstr (dump, "uri@example.com"));
}

/* The shop records import times in UTC; "import list" shows them in local time, with the zone. */
static void
test_import_list_local_time (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tz = g_strdup (g_getenv ("TZ"));

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  reg_safety_write_sales_csv (csv, 10);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "import", csv, NULL), ==, 0);
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  g_assert_cmpint (reg_safety_cli (f->shop, &out, NULL, "import", "list", NULL), ==, 0);
  g_assert_cmpint (reg_safety_cli (f->shop, &json, NULL, "import", "list", "--json", NULL), ==, 0);
  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
  note (out);
  note (json);
  g_assert_nonnull (strstr (out, " IST "));
  g_assert_nonnull (strstr (json, "+05:30\""));
}

/* ---- 15. damage described in words ------------------------------------------------------ */

/* A shop whose first page was overwritten: called damaged, with its backups folder, the newest
 * backup and how to go back to it; the file is left as it was. */
static void
test_damaged_shop (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autofree char *backup = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  FILE *fp;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  g_free (import_once (f, 0));
  backup = import_once (f, 1);
  fp = fopen (f->shop, "r+b");
  g_assert_nonnull (fp);
  g_assert_cmpint (fwrite ("a disk error wrote this", 1, 23, fp), ==, 23);
  fclose (fp);
  hash = reg_safety_file_hash (f->shop);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, &err, "customer", "list", NULL), ==, 1);
  note (err);
  g_assert_nonnull (strstr (err, "damaged"));
  g_assert_null (strstr (err, "SQLite"));
  g_assert_nonnull (strstr (err, ".backups"));
  /* the newest backup, by its path, and what to do with it */
  g_assert_nonnull (strstr (err, backup));
  g_assert_nonnull (strstr (err, "copy that backup"));
  hash_after = reg_safety_file_hash (f->shop);
  g_assert_cmpstr (hash_after, ==, hash);
}

/* A stored analysis that cannot be read is reported in words, and analysed again. */
static void
test_damaged_analysis (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *report = path_in (f, "report.xlsx");

  if (!make_shop (f))
    return;
  sql_on (f->shop, "UPDATE model_runs SET result = substr(result, 1, 40)");
  g_assert_cmpint (reg_safety_cli (f->shop, &out, &err, "segments", NULL), ==, 0);
  note (err);
  g_assert_nonnull (strstr (err, "analysis stored in the shop is damaged"));
  /* no parser talk: line numbers, tokens, json-glib's wording */
  g_assert_null (strstr (err, "<data>"));
  g_assert_null (strstr (err, "Unexpected"));
  g_clear_pointer (&err, g_free);
  /* analysed again: the next command reads it without a word */
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, &err, "export", "report", report, NULL), ==, 0);
  g_assert_null (strstr (err, "damaged"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/nothing-lost/export-over-shop", test_export_over_shop, NULL);
  ADD ("/nothing-lost/read-only-target", test_read_only_target, NULL);
  ADD ("/nothing-lost/demo-and-other-writers", test_demo_race, NULL);
  ADD ("/nothing-lost/backups/after-killed-runs", test_backups_after_killed_runs, NULL);
  ADD ("/nothing-lost/backups/clock-ahead", test_backups_clock_ahead, NULL);
  ADD ("/nothing-lost/backups/symlinked-folder", test_backups_symlinked_folder, NULL);
  ADD ("/nothing-lost/file-uri-name", test_file_uri_name, NULL);
  ADD ("/nothing-lost/import-list-local-time", test_import_list_local_time, NULL);
  ADD ("/nothing-lost/damaged-shop", test_damaged_shop, NULL);
  ADD ("/nothing-lost/damaged-analysis", test_damaged_analysis, NULL);
#undef ADD
  return g_test_run ();
}
