/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input an owner or a file hands over, through regulars-cli ($REG_CLI) as a child (suite
 * 'hostile'): sale dates out of any sensible range, terminal control characters in names,
 * e-mail addresses that start with + - =, a Turkish locale, two customers with one address, and
 * names of 500 to 100,000 characters. Each refusal names the value (shortened) and leaves the
 * shop as it was; what is accepted is accepted on every way in alike.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "reg-safety-utils.h"
#include "reg-store.h"
#include "reg-test-utils.h"

/* a shop path in a fresh folder of its own (reg-safety-utils.h) */
typedef RegSafetyShopDir Fixture;
#define fixture_set_up reg_safety_shop_dir_set_up
#define fixture_tear_down reg_safety_shop_dir_tear_down

/* regulars-cli --shop SHOP ARGS… under LC_ALL=@locale (NULL: C.UTF-8); the exit status */
static int
cli_in (Fixture *f, const char *locale, char **out, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = reg_safety_child_env ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) reg_safety_cli_path ());
  g_ptr_array_add (argv, (gpointer) "--shop");
  g_ptr_array_add (argv, f->shop);
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  if (locale != NULL)
    env = g_environ_setenv (env, "LC_ALL", locale, TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("%s: %.300s%.300s", (char *) argv->pdata[3], o, e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

#define cli(f, out, err, ...) cli_in (f, NULL, out, err, __VA_ARGS__)

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
iso_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
iso_in_years (int years, int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) y = g_date_time_add_years (now, years);
  g_autoptr(GDateTime) then = g_date_time_add_days (y, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
init_shop (Fixture *f)
{
  g_assert_cmpint (cli (f, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
}

static gint64
count_rows (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->shop, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
exec_sql (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (f->shop, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* ---- 6: dates ----------------------------------------------------------------------------- */

static void
test_date_bounds (Fixture *f, gconstpointer data)
{
  g_autofree char *last_ok = iso_in_years (1, 0);
  g_autofree char *first_bad = iso_in_years (1, 1);
  g_autofree char *far = iso_in_years (3, 0);
  g_autofree char *recent = iso_in_days (-30);
  g_autofree char *csv_text = NULL, *csv = NULL, *qif = NULL, *before = NULL, *after = NULL;
  g_autofree char *err = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  init_shop (f);
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "add", "--name", "Ann", "--email",
                        "ann@example.com", NULL), ==, 0);

  /* typed: 1899 and three years ahead are refused with the date named; the shop is unchanged */
  before = reg_safety_dump (f->shop);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "ann@example.com",
                        "--amount", "5", "--date", "1899-12-31", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“1899-12-31”"));
  g_assert_nonnull (strstr (err, "1970-01-01"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "ann@example.com",
                        "--amount", "5", "--date", "1969-12-31", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "ann@example.com",
                        "--amount", "5", "--date", far, NULL), ==, 1);
  g_assert_nonnull (strstr (err, far));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "ann@example.com",
                        "--amount", "5", "--date", first_bad, NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
  /* the edges that are taken */
  g_assert_cmpint (cli (f, NULL, NULL, "sale", "add", "--customer", "ann@example.com",
                        "--amount", "5", "--date", "1970-01-01", NULL), ==, 0);
  g_assert_cmpint (cli (f, NULL, NULL, "sale", "add", "--customer", "ann@example.com",
                        "--amount", "5", "--date", last_ok, NULL), ==, 0);

  /* imported: each out-of-range row is rejected with file, line, field and value; the
   * others are imported */
  csv_text = g_strdup_printf ("Date,Name,Email,Amount\n"
                              "%s,Bea,bea@example.com,10.00\n"
                              "1899-12-30,Old,old@example.com,3.00\n"
                              "%s,Future,future@example.com,3.00\n"
                              "0001-01-01,Ancient,ancient@example.com,3.00\n",
                              recent, far);
  csv = write_file (f, "dates.csv", csv_text);
  g_assert_cmpint (cli (f, NULL, &err, "import", "--map",
                        "date=Date,name=Name,email=Email,amount=Amount", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "dates.csv, line 3, column “Date”: “1899-12-30”"));
  g_assert_nonnull (strstr (err, "dates.csv, line 4, column “Date”: “"));
  g_assert_nonnull (strstr (err, "dates.csv, line 5, column “Date”: “0001-01-01”"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sales WHERE day < '1970-01-01'"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM customers WHERE name = 'Bea'"), ==, 1);
  g_clear_pointer (&err, g_free);

  /* a format without columns (QIF) says the field and the date too */
  qif = write_file (f, "old.qif", "!Type:Bank\nD12/30/1899\nT12.50\nPOld Payer\n^\n"
                                  "D01/05/2024\nT7.00\nPNew Payer\n^\n");
  g_assert_cmpint (cli (f, NULL, &err, "import", qif, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "old.qif, line "));
  g_assert_nonnull (strstr (err, "“date”: “1899-12-30”"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sales WHERE day < '1970-01-01'"), ==, 0);
}

/* ---- 7: control characters ---------------------------------------------------------------- */

static void
test_control_characters (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL, *before = NULL, *after = NULL;
  g_autofree char *out = NULL, *err = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  init_shop (f);

  /* imported: the rows are refused, named, and the message itself holds no control byte */
  csv = write_file (f, "esc.csv", "Date,Name,Email,Amount\n"
                                  "2024-01-05,\"Evil\x1b[2J\x1b]0;pwned\x07\",e1@example.com,5.00\n"
                                  "2024-01-06,Back\bspace,e2@example.com,5.00\n"
                                  "2024-01-07,Fine Name,e3@example.com,5.00\n");
  g_assert_cmpint (cli (f, NULL, &err, "import", "--map",
                        "date=Date,name=Name,email=Email,amount=Amount", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "esc.csv, line 2, field “name”: “Evil\\x1B[2J\\x1B]0;pwned"
                                 "\\x07”"));
  g_assert_nonnull (strstr (err, "esc.csv, line 3, field “name”: “Back\\x08space”"));
  g_assert_null (strchr (err, '\x1b'));
  g_assert_null (strchr (err, '\x07'));
  g_assert_null (strchr (err, '\b'));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM customers"), ==, 1);
  g_clear_pointer (&err, g_free);

  /* typed: refused, the shop unchanged */
  before = reg_safety_dump (f->shop);
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", "Bell\x07", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Bell\\x07"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "edit", "1", "--name", "Re\x1b[1mname",
                        NULL), ==, 1);
  g_assert_cmpint (cli (f, NULL, NULL, "sale", "add", "--customer", "1", "--amount", "2",
                        "--note", "beep\x07", NULL), ==, 1);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);

  /* a shop that already holds them (written before these rules) never prints them raw */
  exec_sql (f, "UPDATE customers SET name = 'Old' || char(27) || '[31mRed' || char(7) || "
               "char(8) || char(155) WHERE id = 1");
  g_assert_cmpint (cli (f, &out, NULL, "customer", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Old\\x1B[31mRed\\x07\\x08\\u009B"));
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_null (strchr (out, '\b'));
  g_assert_null (strstr (out, "\xc2\x9b"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (f, &out, NULL, "sale", "list", NULL), ==, 0);
  g_assert_null (strchr (out, '\x1b'));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (f, &out, NULL, "customer", "show", "1", NULL), ==, 0);
  g_assert_null (strchr (out, '\x1b'));
  g_clear_pointer (&out, g_free);
  /* JSON keeps the text, escaped the JSON way */
  g_assert_cmpint (cli (f, &out, NULL, "customer", "list", "--json", NULL), ==, 0);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "\\u001b[31mRed"));
}

/* ---- 8: campaign addresses ---------------------------------------------------------------- */

static void
test_campaign_addresses (Fixture *f, gconstpointer data)
{
  const char *addresses[] = { "+tag@example.com", "-dash@example.com", "=eq@example.com" };
  g_autofree char *list = g_build_filename (f->dir, "list.csv", NULL);
  g_autofree char *text = NULL, *err = NULL, *before = NULL, *after = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  init_shop (f);
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      g_assert_cmpint (cli (f, NULL, NULL, "customer", "add", "--name", name, "--email",
                            addresses[i], "--consent", "yes", NULL), ==, 0);
      g_assert_cmpint (cli (f, NULL, NULL, "sale", "add", "--customer", id, "--amount",
                            "12", "--date", "2024-03-01", NULL), ==, 0);
    }
  g_assert_cmpint (cli (f, NULL, NULL, "export", "campaign", "--segment", "all", list, NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (list, &text, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *cell = g_strdup_printf ("\"%s\"", addresses[i]);
      g_assert_nonnull (strstr (text, cell));
    }
  g_assert_null (strstr (text, "\"'"));

  /* addresses are checked as they come in, the value named */
  before = reg_safety_dump (f->shop);
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", "Bad", "--email",
                        "a@@example.com", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“a@@example.com”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", "Bad", "--email",
                        "dots..@example.com", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", "Bad", "--email",
                        "x@-example.com", NULL), ==, 1);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
}

/* ---- 9: Turkish locale -------------------------------------------------------------------- */

static gboolean
have_locale (const char *name)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_spawn_command_line_sync ("locale -a", &out, NULL, NULL, NULL))
    return FALSE;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strcasecmp (lines[i], name) == 0)
      return TRUE;
  return FALSE;
}

#define TR "tr_TR.UTF-8"

static void
test_turkish_locale (Fixture *f, gconstpointer data)
{
  g_autofree char *months = NULL, *first = NULL, *second = NULL, *err = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  if (!have_locale ("tr_TR.utf8"))
    {
      g_test_skip ("the tr_TR.UTF-8 locale is not installed (locale -a lacks tr_TR.utf8); "
                   "build-aux/deps.sh test generates it");
      return;
    }
  init_shop (f);

  /* month names in capitals: "APRIL" is no "aprıl" whatever the locale */
  months = write_file (f, "months.csv", "Date,Name,Email,Amount\n"
                                        "05 APRIL 2024,Ayşe,ayse@example.com,10.00\n"
                                        "07 JULI 2024,Ayşe,ayse@example.com,11.00\n"
                                        "3 MAI 2024,Ayşe,ayse@example.com,12.00\n");
  g_assert_cmpint (cli_in (f, TR, NULL, &err, "import", "--map",
                           "date=Date,name=Name,email=Email,amount=Amount", months, NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sales"), ==, 3);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sales WHERE day IN ('2024-04-05', "
                                  "'2024-07-07', '2024-05-03')"), ==, 3);
  g_clear_pointer (&err, g_free);

  /* one address is one customer, whichever locale it was imported under */
  first = write_file (f, "first.csv", "Date,Name,Email,Amount\n"
                                      "2024-06-01,Işık,IŞIK@ÖRNEK.COM,10.00\n");
  second = write_file (f, "second.csv", "Date,Name,Email,Amount\n"
                                        "2024-06-02,Işık,IŞIK@ÖRNEK.COM,20.00\n");
  g_assert_cmpint (cli (f, NULL, NULL, "import", "--map",
                        "date=Date,name=Name,email=Email,amount=Amount", first, NULL), ==, 0);
  g_assert_cmpint (cli_in (f, TR, NULL, NULL, "import", "--map",
                           "date=Date,name=Name,email=Email,amount=Amount", second, NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM customers WHERE name = 'Işık'"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM customers WHERE email = 'işik@örnek.com'"),
                   ==, 1);
  /* and typed under tr_TR, the same address is the same customer */
  g_assert_cmpint (cli_in (f, TR, NULL, &err, "customer", "add", "--name", "Another", "--email",
                           "IŞIK@ÖRNEK.COM", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_in (f, TR, NULL, NULL, "sale", "add", "--customer", "IŞIK@ÖRNEK.COM",
                           "--amount", "5", "--date", "2024-06-03", NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sales s JOIN customers c ON "
                                  "c.id = s.customer_id WHERE c.name = 'Işık'"), ==, 3);
}

/* ---- 10: one address, one customer -------------------------------------------------------- */

static void
test_duplicate_emails (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL, *err = NULL, *before = NULL, *after = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  init_shop (f);
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "add", "--name", "Dana", "--email",
                        "dup@example.com", NULL), ==, 0);
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "add", "--name", "Eve", "--email",
                        "eve@example.com", NULL), ==, 0);
  before = reg_safety_dump (f->shop);
  /* added or changed to an address another customer has: refused, that customer named */
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", "Dana Two", "--email",
                        "DUP@Example.com", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "customer 1"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "customer", "edit", "2", "--email", "dup@example.com",
                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "customer 1"));
  g_clear_pointer (&err, g_free);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
  /* a customer keeps their own address through an edit */
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "edit", "1", "--name", "Dana B.", NULL),
                   ==, 0);
  /* an import row with the address books to that customer, it makes no second one */
  csv = write_file (f, "dup.csv", "Date,Name,Email,Amount\n2024-01-05,Other Dana,DUP@EXAMPLE.COM,5\n");
  g_assert_cmpint (cli (f, NULL, NULL, "import", "--map",
                        "date=Date,name=Name,email=Email,amount=Amount", csv, NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM customers"), ==, 2);
  /* the store itself refuses a second holder, whoever writes */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->shop, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO customers (name, email) VALUES "
                                       "('Sneaky', 'Dup@example.com')", NULL, NULL, NULL),
                     ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }
}

/* A shop from before the rule, with two customers sharing an address, still opens; the address
 * no longer picks one of them silently, each can still be edited, and merging joins them. */
static void
test_duplicate_emails_old_shop (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL, *before = NULL, *after = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  /* a shop at schema 5 (before the rule) with the duplicates such a shop could hold */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegStore) old = reg_store_open (f->shop, REG_STORE_OPEN_CREATE
                                                       | REG_STORE_OPEN_NO_MIGRATE, &error);

    g_assert_no_error (error);
    g_assert_true (reg_store_migrate_to (old, 5, &error));
    g_assert_no_error (error);
  }
  exec_sql (f, "INSERT INTO settings (key, value) VALUES ('currency', 'EUR');"
               "INSERT INTO customers (name, email) VALUES ('First', 'shared@example.com'),"
               "('Second', 'SHARED@example.com'), ('Third', 'third@example.com');");
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "list", NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (count_rows (f, "PRAGMA user_version"), >=, 6);

  before = reg_safety_dump (f->shop);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "shared@example.com",
                        "--amount", "5", "--date", "2024-01-05", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "customers 1 and 2"));
  g_clear_pointer (&err, g_free);
  /* two customers with one name: the same */
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "edit", "3", "--name", "First", NULL),
                   ==, 0);
  g_clear_pointer (&before, g_free);
  before = reg_safety_dump (f->shop);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "first", "--amount", "5",
                        "--date", "2024-01-05", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "customers 1 and 3"));
  g_clear_pointer (&err, g_free);
  /* a third holder is refused */
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "add", "--name", "Fourth", "--email",
                        "shared@example.com", NULL), ==, 1);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);

  /* each sharer can still be edited while the address stays */
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "edit", "2", "--phone", "123", NULL),
                   ==, 0);
  /* merged, the address is one customer's again */
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "merge", "1", "2", NULL), ==, 0);
  g_assert_cmpint (cli (f, NULL, NULL, "sale", "add", "--customer", "shared@example.com",
                        "--amount", "5", "--date", "2024-01-05", NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT customer_id FROM sales"), ==, 1);
}

/* ---- 11: one name limit, short messages --------------------------------------------------- */

static void
test_name_limits (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) name500 = g_string_new (NULL);
  g_autoptr(GString) name501 = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) csv_text = g_string_new ("Date,Name,Email,Amount\n");
  g_autofree char *csv = NULL, *err = NULL;

  if (reg_safety_cli_path () == NULL)
    return;
  init_shop (f);
  for (guint i = 0; i < 250; i++)
    g_string_append (name500, "é ");
  g_string_truncate (name500, name500->len - 1);
  g_string_append_c (name500, 'z');
  g_assert_cmpint (g_utf8_strlen (name500->str, -1), ==, 500);
  name501 = g_string_new (name500->str);
  g_string_append_c (name501, 'y');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (huge, 'A' + i % 26);

  /* the one limit: 500 characters, imported as typed */
  g_string_append_printf (csv_text, "2024-01-05,%s,long@example.com,5.00\n", name500->str);
  g_string_append_printf (csv_text, "2024-01-06,%s,longer@example.com,5.00\n", name501->str);
  g_string_append_printf (csv_text, "2024-01-07,%s,huge@example.com,5.00\n", huge->str);
  csv = write_file (f, "names.csv", csv_text->str);
  g_assert_cmpint (cli (f, NULL, &err, "import", "--map",
                        "date=Date,name=Name,email=Email,amount=Amount", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "names.csv, line 3, field “name”"));
  g_assert_nonnull (strstr (err, "names.csv, line 4, field “name”"));
  g_assert_cmpuint (strlen (err), <, 2000);
  g_clear_pointer (&err, g_free);
  /* the imported customer can be edited, and a name of the same length typed */
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "edit", "1", "--phone", "555", NULL), ==, 0);
  g_assert_cmpint (cli (f, NULL, NULL, "customer", "add", "--name", name500->str, NULL), ==, 0);
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", name501->str, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "500"));
  g_clear_pointer (&err, g_free);

  /* a 100,000-character value makes a message of a line, its start quoted with "…" */
  g_assert_cmpint (cli (f, NULL, &err, "customer", "add", "--name", huge->str, NULL), ==, 1);
  g_assert_cmpuint (strlen (err), <, 400);
  g_assert_nonnull (strstr (err, "ABCDEFGHIJ"));
  g_assert_nonnull (strstr (err, "…"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "1", "--amount",
                        huge->str, NULL), ==, 1);
  g_assert_cmpuint (strlen (err), <, 400);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", huge->str, "--amount",
                        "5", NULL), ==, 1);
  g_assert_cmpuint (strlen (err), <, 400);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, NULL, &err, "sale", "add", "--customer", "1", "--amount", "5",
                        "--date", huge->str, NULL), ==, 1);
  g_assert_cmpuint (strlen (err), <, 400);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hostile/input/date-bounds", test_date_bounds);
  ADD ("/hostile/input/control-characters", test_control_characters);
  ADD ("/hostile/input/campaign-addresses", test_campaign_addresses);
  ADD ("/hostile/input/turkish-locale", test_turkish_locale);
  ADD ("/hostile/input/duplicate-emails", test_duplicate_emails);
  ADD ("/hostile/input/duplicate-emails-old-shop", test_duplicate_emails_old_shop);
  ADD ("/hostile/input/name-limits", test_name_limits);
#undef ADD
  return g_test_run ();
}
