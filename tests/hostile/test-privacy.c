/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Privacy (suite 'hostile'): the files Regulars writes are the owner's alone (mode 0600, backup
 * folder 0700, whatever the umask), and "customer delete ID --yes" forgets the customer: no
 * sale, score, campaign membership, survey answer or reference of theirs is left, and their
 * e-mail address is not in the shop file's bytes any more (SQLite keeps deleted rows in free
 * pages unless told to overwrite them). Runs regulars-cli ($REG_CLI) as a child.
 */
#define _GNU_SOURCE   /* memmem */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "reg-safety-utils.h"
#include "reg-store.h"
#include "reg-test-utils.h"

/* a shop path in a fresh folder of its own (reg-safety-utils.h) */
typedef RegSafetyShopDir Fixture;
#define fixture_set_up reg_safety_shop_dir_set_up
#define fixture_tear_down reg_safety_shop_dir_tear_down

static void
assert_mode (const char *path, guint mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((st.st_mode & 0777) != mode)
    g_test_fail_printf ("%s has mode %03o, not %03o", path, st.st_mode & 0777, mode);
}

static void
test_file_modes (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "sales.csv", NULL);
  g_autofree char *backups = g_strconcat (f->shop, ".backups", NULL);
  g_autofree char *demo = g_build_filename (f->dir, "demo.regulars", NULL);
  static const char *exports[][4] = {
    { "export", "report", "report.xlsx", NULL },
    { "export", "campaign", "campaign.csv", NULL },
    { "export", "campaign", "campaign.xlsx", NULL },
    { "print", "loyalty", "loyalty.pdf", NULL },
  };
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_backups = 0;
  mode_t old_umask;

  if (reg_safety_cli_path () == NULL)
    return;
  /* the usual desktop umask: files would be world-readable unless Regulars says otherwise */
  old_umask = umask (022);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  assert_mode (f->shop, 0600);
  g_assert_cmpint (reg_safety_cli (demo, NULL, NULL, "demo", "--customers", "60", "--seed", "2",
                                   NULL), ==, 0);
  assert_mode (demo, 0600);

  reg_safety_write_sales_csv (csv, 200);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "import", csv, NULL), ==, 0);
  assert_mode (f->shop, 0600);
  assert_mode (backups, 0700);
  dir = g_dir_open (backups, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (backups, name, NULL);
      assert_mode (path, 0600);
      n_backups++;
    }
  g_assert_cmpuint (n_backups, ==, 1);

  g_assert_cmpint (reg_safety_cli (demo, NULL, NULL, "analyze", NULL), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *target = g_build_filename (f->dir, exports[i][2], NULL);
      g_autofree char *err = NULL;
      int status;

      if (g_str_equal (exports[i][1], "campaign"))
        status = reg_safety_cli (demo, NULL, &err, exports[i][0], exports[i][1], "--segment", "all",
                                 target, NULL);
      else if (g_str_equal (exports[i][1], "loyalty"))
        status = reg_safety_cli (demo, NULL, &err, exports[i][0], exports[i][1], "--segment", "top",
                                 target, NULL);
      else
        status = reg_safety_cli (demo, NULL, &err, exports[i][0], exports[i][1], target, NULL);
      g_assert_cmpint (status, ==, 0);
      assert_mode (target, 0600);
    }
  umask (old_umask);
}

static gint64
count (sqlite3 *db, const char *sql, gint64 id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static const char *const per_customer[] = {
  "SELECT count(*) FROM sales WHERE customer_id = ?1",
  "SELECT count(*) FROM customer_scores WHERE customer_id = ?1",
  "SELECT count(*) FROM campaign_members WHERE customer_id = ?1",
  "SELECT count(*) FROM feedback WHERE customer_id = ?1",
  "SELECT count(*) FROM customer_refs WHERE customer_id = ?1",
  "SELECT count(*) FROM customers WHERE id = ?1",
};

/* "SELECT count(*) FROM t WHERE …" without its WHERE: the whole table */
static char *
table_count_sql (const char *sql)
{
  return g_strndup (sql, (gsize) (strstr (sql, " WHERE") - sql));
}

static void
test_delete_customer (Fixture *f, gconstpointer data)
{
  g_autofree char *campaign = g_build_filename (f->dir, "campaign.csv", NULL);
  g_autofree char *email = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *dump = NULL;
  const char *iban = "DE89370400440532013000";
  gint64 id, before[G_N_ELEMENTS (per_customer)], mine[G_N_ELEMENTS (per_customer)];
  sqlite3 *db = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "demo", "--customers", "80", "--seed", "4",
                                   NULL), ==, 0);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "analyze", NULL), ==, 0);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "export", "campaign", "--segment", "all",
                                   campaign, NULL), ==, 0);

  /* a customer who is everywhere: sales, scores, a campaign; add survey answers and a bank
   * reference as an import would */
  g_assert_cmpint (sqlite3_open (f->shop, &db), ==, SQLITE_OK);
  id = count (db, "SELECT m.customer_id FROM campaign_members m "
                  "JOIN customer_scores s ON s.customer_id = m.customer_id "
                  "JOIN customers c ON c.id = m.customer_id "
                  "WHERE c.email IS NOT NULL AND EXISTS "
                  "(SELECT 1 FROM sales WHERE customer_id = m.customer_id) LIMIT 1", 0);
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT email FROM customers WHERE id = ?1", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    email = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  {
    g_autofree char *sql = g_strdup_printf (
        "INSERT INTO feedback (customer_id, day, kind, score, comment) VALUES "
        "(%" G_GINT64_FORMAT ", '2025-05-01', 'nps', 3, 'Slow delivery, says %s'), "
        "(%" G_GINT64_FORMAT ", '2025-06-01', 'csat', 2, NULL); "
        "INSERT INTO customer_refs (customer_id, kind, source, ref) VALUES "
        "(%" G_GINT64_FORMAT ", 'iban', 'bank', '%s')", id, email, id, id, iban);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (per_customer); i++)
    {
      g_autofree char *all = table_count_sql (per_customer[i]);
      mine[i] = count (db, per_customer[i], id);
      before[i] = count (db, all, 0);
      g_assert_cmpint (mine[i], >, 0);
    }
  sqlite3_close (db);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "customer", "delete", id_text, "--yes",
                                   NULL), ==, 0);

  g_assert_cmpint (sqlite3_open (f->shop, &db), ==, SQLITE_OK);
  for (gsize i = 0; i < G_N_ELEMENTS (per_customer); i++)
    {
      g_autofree char *all = table_count_sql (per_customer[i]);
      g_assert_cmpint (count (db, per_customer[i], id), ==, 0);
      /* everyone else's rows stay */
      g_assert_cmpint (count (db, all, 0), ==, before[i] - mine[i]);
    }
  sqlite3_close (db);

  dump = reg_safety_dump (f->shop);
  g_assert_null (strstr (dump, email));
  g_assert_null (strstr (dump, iban));
  /* nor in the file's bytes: deleted rows must not linger in free pages */
  g_assert_false (file_contains (f->shop, email));
  g_assert_false (file_contains (f->shop, iban));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/privacy/file-modes", Fixture, NULL, fixture_set_up, test_file_modes,
              fixture_tear_down);
  g_test_add ("/privacy/delete-customer", Fixture, NULL, fixture_set_up, test_delete_customer,
              fixture_tear_down);
  return g_test_run ();
}
