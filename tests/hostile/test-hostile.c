/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Limits and hostile input (suite 'hostile'): regulars-cli ($REG_CLI) is handed files no export
 * looks like (2 GB, a 10 MB line, a million columns, compressed bombs, binary garbage, a file
 * that changes under the import), a full disk, and shop files it must not touch (not SQLite, a
 * foreign database, a newer schema, read-only). Each case must end with exit status 1, one clear
 * message naming the file, and the shop exactly as before (reg_store_dump, or the file's bytes
 * where the shop must not even be opened for writing). Text from files is data: format
 * directives, SQL and markup in names and notes come back byte for byte.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
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

/* A small shop with customers and sales: something to lose. */
static gboolean
make_shop (Fixture *f)
{
  if (reg_safety_cli_path () == NULL)
    return FALSE;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "demo", "--customers", "40", "--seed", "3",
                                   NULL), ==, 0);
  return TRUE;
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Imports @file (extra args NULL-terminated) and expects a refusal: status 1, a message that
 * names the file and contains @expect (nullable), and the shop unchanged. */
static void
expect_refused_import (Fixture *f, const char *file, const char *expect, ...)
{
  g_autofree char *before = reg_safety_dump (f->shop);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *base = g_path_get_basename (file);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  int status;

  g_ptr_array_add (args, (gpointer) "import");
  va_start (ap, expect);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) file);
  g_ptr_array_add (args, NULL);

  status = reg_safety_cli_argv (f->shop, (const char *const *) args->pdata, NULL, &err);
  g_test_message ("%s: %s", base, err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, base));
  if (expect != NULL)
    g_assert_nonnull (strstr (err, expect));
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
}

/* ---- files no export looks like ---------------------------------------------------------- */

static void
test_huge_file (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "two-gigabytes.csv");
  g_autofree char *backups = g_strconcat (f->shop, ".backups", NULL);
  const char *head = "Date,Customer,Email,Amount\n2024-01-02,Ann,ann@example.com,12.50\n";
  int fd;

  if (!make_shop (f))
    return;
  /* a sparse file: 2 GB long, a few bytes on disk */
  fd = g_open (csv, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  g_assert_cmpint (ftruncate (fd, (off_t) 2 * 1024 * 1024 * 1024), ==, 0);
  close (fd);
  expect_refused_import (f, csv, "GB", NULL);
  /* refused before anything was written, not even a backup */
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
}

static void
test_long_line (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "long-line.csv");
  g_autoptr(GString) text = g_string_new ("Date,Customer,Email,Amount\n2024-01-02,");
  g_autoptr(GError) error = NULL;

  if (!make_shop (f))
    return;
  for (guint i = 0; i < 10 * 1024 * 1024 / 8; i++)
    g_string_append (text, "Customer");
  g_string_append (text, ",a@example.com,1.00\n2024-01-03,Bob,b@example.com,2.00\n");
  g_file_set_contents (csv, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  expect_refused_import (f, csv, "line 2", NULL);
}

static void
test_million_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "million-columns.csv");
  g_autoptr(GString) text = g_string_new ("Date,Amount,Customer");
  g_autoptr(GError) error = NULL;

  if (!make_shop (f))
    return;
  /* a million columns in lines of 1 MB: within the line limit, so every layer sees them */
  for (guint i = 3; i < 1000000; i++)
    g_string_append_c (text, ',');
  g_string_append_c (text, '\n');
  for (guint r = 0; r < 3; r++)
    {
      g_string_append_printf (text, "2024-01-0%u,1.00,Ann", r + 1);
      for (guint i = 3; i < 1000000; i++)
        g_string_append_c (text, ',');
      g_string_append_c (text, '\n');
    }
  g_file_set_contents (csv, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  expect_refused_import (f, csv, NULL, NULL);
}

/* @size zero bytes, compressed with @format into @path, streamed (the bomb is never in memory). */
static void
write_compressed_zeros (const char *path, GZlibCompressorFormat format, gsize size)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                                     &error);
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (format, 9);
  g_autoptr(GOutputStream) zout = NULL;
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);

  g_assert_no_error (error);
  zout = g_converter_output_stream_new (G_OUTPUT_STREAM (out), G_CONVERTER (z));
  for (gsize done = 0; done < size; done += 1024 * 1024)
    {
      g_output_stream_write_all (zout, zeros, 1024 * 1024, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_output_stream_close (zout, NULL, &error);
  g_assert_no_error (error);
}

static guint32
crc32_of_zeros (gsize size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
  return ~crc;
}

static void
put_le (GByteArray *b, guint64 v, int bytes)
{
  for (int i = 0; i < bytes; i++)
    {
      guint8 c = (guint8) (v >> (8 * i));
      g_byte_array_append (b, &c, 1);
    }
}

/* A real ZIP archive holding "sales.csv": @size zero bytes, deflated. */
static void
write_zip_bomb (const char *path, gsize size)
{
  g_autofree char *raw_path = g_strconcat (path, ".deflate", NULL);
  g_autofree char *raw = NULL;
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *name = "sales.csv";
  guint32 crc = crc32_of_zeros (size);
  gsize raw_len = 0;

  write_compressed_zeros (raw_path, G_ZLIB_COMPRESSOR_FORMAT_RAW, size);
  g_file_get_contents (raw_path, &raw, &raw_len, &error);
  g_assert_no_error (error);
  g_unlink (raw_path);
  /* local file header, data, central directory, end record (APPNOTE 4.3) */
  put_le (zip, 0x04034b50, 4); put_le (zip, 20, 2); put_le (zip, 0, 2); put_le (zip, 8, 2);
  put_le (zip, 0, 4); put_le (zip, crc, 4); put_le (zip, raw_len, 4); put_le (zip, size, 4);
  put_le (zip, strlen (name), 2); put_le (zip, 0, 2);
  g_byte_array_append (zip, (const guint8 *) name, (guint) strlen (name));
  g_byte_array_append (zip, (const guint8 *) raw, (guint) raw_len);
  {
    guint32 cd_start = zip->len;
    put_le (zip, 0x02014b50, 4); put_le (zip, 20, 2); put_le (zip, 20, 2); put_le (zip, 0, 2);
    put_le (zip, 8, 2); put_le (zip, 0, 4); put_le (zip, crc, 4); put_le (zip, raw_len, 4);
    put_le (zip, size, 4); put_le (zip, strlen (name), 2); put_le (zip, 0, 2); put_le (zip, 0, 2);
    put_le (zip, 0, 2); put_le (zip, 0, 2); put_le (zip, 0, 4); put_le (zip, 0, 4);
    g_byte_array_append (zip, (const guint8 *) name, (guint) strlen (name));
    {
      guint32 cd_len = zip->len - cd_start;
      put_le (zip, 0x06054b50, 4); put_le (zip, 0, 2); put_le (zip, 0, 2); put_le (zip, 1, 2);
      put_le (zip, 1, 2); put_le (zip, cd_len, 4); put_le (zip, cd_start, 4); put_le (zip, 0, 2);
    }
  }
  g_file_set_contents (path, (const char *) zip->data, zip->len, &error);
  g_assert_no_error (error);
}

static void
test_compressed_bombs (Fixture *f, gconstpointer data)
{
  g_autofree char *gz = path_in (f, "orders_export.csv");
  g_autofree char *zip = path_in (f, "statement.csv");
  GStatBuf st;

  if (!make_shop (f))
    return;
  /* 200 MB of zeros: a couple of hundred kB compressed; nothing may unpack it */
  write_compressed_zeros (gz, G_ZLIB_COMPRESSOR_FORMAT_GZIP, 200 * 1024 * 1024);
  g_assert_cmpint (g_stat (gz, &st), ==, 0);
  g_test_message ("gzip bomb: %" G_GINT64_FORMAT " bytes for 200 MB", (gint64) st.st_size);
  expect_refused_import (f, gz, "gzip", NULL);
  expect_refused_import (f, gz, "gzip", "--format", "ofx", NULL);

  write_zip_bomb (zip, 50 * 1024 * 1024);
  expect_refused_import (f, zip, "ZIP", NULL);
  expect_refused_import (f, zip, "ZIP", "--preset", "shopify", NULL);
}

static void
test_binary_garbage (Fixture *f, gconstpointer data)
{
  static const char *formats[] = { "csv", "ofx", "qif", "camt053", "mt940" };
  g_autofree char *path = path_in (f, "garbage.csv");
  g_autofree guint8 *bytes = g_malloc (1024 * 1024);
  g_autoptr(GError) error = NULL;
  GRand *r = g_rand_new_with_seed (42);

  if (!make_shop (f))
    return;
  for (gsize i = 0; i < 1024 * 1024; i++)
    bytes[i] = (guint8) g_rand_int_range (r, 0, 256);
  g_rand_free (r);
  g_file_set_contents (path, (const char *) bytes, 1024 * 1024, &error);
  g_assert_no_error (error);
  expect_refused_import (f, path, "not a text file", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    expect_refused_import (f, path, "not a text file", "--format", formats[i], NULL);
  /* sniffing reads the file too: a clear answer, no crash */
  {
    g_autofree char *err = NULL;
    int status = reg_safety_cli (f->shop, NULL, &err, "import", "sniff", path, NULL);
    g_test_message ("sniff: %s", err);
    g_assert_cmpint (status, <, 128);
  }
}

/* ---- a file that changes while it is read ------------------------------------------------ */

/* Whether process @pid has @path open (Linux /proc). */
static gboolean
has_open (GPid pid, const char *path)
{
  g_autofree char *fd_dir = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (fd_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      if (g_strcmp0 (target, path) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef enum
{
  CHANGE_APPEND,
  CHANGE_TRUNCATE,
} ChangeKind;

static void
test_changing_file (Fixture *f, gconstpointer data)
{
  ChangeKind kind = GPOINTER_TO_INT (data);
  g_autofree char *csv = path_in (f, "growing.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *proc_self = g_strdup_printf ("/proc/%d/fd", (int) getpid ());
  g_autofree char *pristine = path_in (f, "pristine.regulars");
  const char *args[] = { "import", csv, NULL };
  gboolean changed = FALSE;

  if (!make_shop (f))
    return;
  if (!g_file_test (proc_self, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no /proc: cannot tell when regulars-cli has the file open");
      return;
    }
  before = reg_safety_dump (f->shop);
  reg_safety_copy (f->shop, pristine);
  /* a few attempts, in case a fast machine finishes before the change lands */
  for (int attempt = 0; attempt < 3 && !changed; attempt++)
    {
      GPid pid;
      int status = -1;

      reg_safety_write_sales_csv (csv, 100000);
      pid = reg_safety_cli_start (f->shop, args);
      while (!has_open (pid, csv))
        {
          if (reg_safety_reaped (pid, &status))
            break;
          g_usleep (200);
        }
      if (status >= 0)
        continue;   /* ended before it opened the file: try again */
      if (kind == CHANGE_APPEND)
        {
          FILE *fp = g_fopen (csv, "a");
          g_assert_nonnull (fp);
          fputs ("2025-01-01,LATE,Late Payer,late@example.com,9.99\n", fp);
          fclose (fp);
        }
      else
        g_assert_cmpint (truncate (csv, 4096), ==, 0);
      /* a day is "never": this only reaps the child */
      g_assert_false (reg_safety_kill_after (pid, 86400, &status));
      if (status == 0)
        {
          /* it had read everything before the change: then the import is whole; start over */
          g_test_message ("attempt %d: the import was done before the change", attempt);
          reg_safety_remove_shop (f->shop);
          reg_safety_copy (pristine, f->shop);
          continue;
        }
      g_assert_cmpint (status, ==, 1);
      changed = TRUE;
    }
  if (!changed)
    {
      g_test_skip ("regulars-cli finished before the file could be changed, three times");
      return;
    }
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
}

/* ---- a full disk ------------------------------------------------------------------------- */

static void
limit_file_size (gpointer data)
{
  struct rlimit lim;

  /* in the child, between fork and exec: only async-signal-safe calls */
  lim.rlim_cur = lim.rlim_max = (rlim_t) GPOINTER_TO_SIZE (data);
  setrlimit (RLIMIT_FSIZE, &lim);
  signal (SIGXFSZ, SIG_IGN);   /* write() fails with EFBIG instead of killing the process */
}

static int
import_with_file_limit (const char *shop, const char *csv, gsize limit, char **err)
{
  const char *argv[] = { g_getenv ("REG_CLI"), "--shop", shop, "import", csv, NULL };
  g_auto(GStrv) env = reg_safety_child_env ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, limit_file_size,
                GSIZE_TO_POINTER (limit), NULL, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* No file may grow past a limit (RLIMIT_FSIZE): a full disk as the writes see it, without
 * privileges. */
static void
test_file_size_limit (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  if (!make_shop (f))
    return;
  reg_safety_write_sales_csv (csv, 50000);
  g_assert_cmpint (g_stat (f->shop, &st), ==, 0);
  before = reg_safety_dump (f->shop);
  /* the backup (the shop's size) fits; the batch does not */
  g_assert_cmpint (import_with_file_limit (f->shop, csv, (gsize) st.st_size + 256 * 1024, &err),
                   ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "nothing was changed"));
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegStore) store = reg_store_open (f->shop, REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_no_error (error);
    reg_store_integrity_check (store, &error);
    g_assert_no_error (error);
  }
}

/* A small tmpfs in a mount namespace of this test's own: the real full disk. Needs the right to
 * mount (root, or CAP_SYS_ADMIN); skipped otherwise (the size-limit test above covers the same
 * paths without privileges). */
static void
test_full_tmpfs (Fixture *f, gconstpointer data)
{
  g_autofree char *mnt = path_in (f, "small-disk");
  g_autofree char *shop = g_build_filename (mnt, "shop.regulars", NULL);
  g_autofree char *csv = path_in (f, "sales.csv");
  GStatBuf st;

  if (!make_shop (f))
    return;
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_test_skip_printf ("cannot make a mount namespace (%s): needs root or CAP_SYS_ADMIN; the "
                          "RLIMIT_FSIZE test covers a full disk without it", g_strerror (errno));
      return;
    }
  g_assert_cmpint (g_stat (f->shop, &st), ==, 0);
  reg_safety_write_sales_csv (csv, 50000);
  /* two sizes: too small for the backup, then room for the backup but not the batch */
  for (int round = 0; round < 2; round++)
    {
      gsize size = (gsize) st.st_size + (round == 0 ? 64 * 1024 : st.st_size + 512 * 1024);
      g_autofree char *opts = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0700", size);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *err = NULL;

      if (mount ("tmpfs", mnt, "tmpfs", MS_NOSUID | MS_NODEV, opts) != 0)
        {
          g_test_skip_printf ("cannot mount a tmpfs (%s)", g_strerror (errno));
          return;
        }
      reg_safety_copy (f->shop, shop);
      before = reg_safety_dump (shop);
      g_assert_cmpint (reg_safety_cli (shop, NULL, &err, "import", csv, NULL), ==, 1);
      g_test_message ("tmpfs of %" G_GSIZE_FORMAT " bytes: %s", size, err);
      g_assert_nonnull (strstr (err, "disk is full"));
      g_assert_nonnull (strstr (err, round == 0 ? "Nothing was imported" : "nothing was changed"));
      after = reg_safety_dump (shop);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (umount2 (mnt, MNT_DETACH), ==, 0);
    }
}

/* ---- shop files that must not be touched ------------------------------------------------- */

/* Runs @args on @shop and expects status 1, @expect in the message, the file's bytes unchanged
 * and no -wal or -shm left beside it. */
static void
expect_shop_refused (const char *shop, const char *expect, const char *const *args)
{
  g_autofree char *hash = reg_safety_file_hash (shop);
  g_autofree char *hash_after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *wal = g_strconcat (shop, "-wal", NULL);

  g_assert_cmpint (reg_safety_cli_argv (shop, args, NULL, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, expect));
  hash_after = reg_safety_file_hash (shop);
  g_assert_cmpstr (hash_after, ==, hash);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_shop (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *list[] = { "customer", "list", NULL };
  const char *import[] = { "import", csv, NULL };

  if (reg_safety_cli_path () == NULL)
    return;
  reg_safety_write_sales_csv (csv, 10);
  /* a text file where the shop should be */
  for (int i = 0; i < 200; i++)
    g_string_append (text, "This is a letter to the tax office, not a database.\n");
  g_file_set_contents (f->shop, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  expect_shop_refused (f->shop, "is damaged and cannot be read", list);
  expect_shop_refused (f->shop, "is damaged and cannot be read", import);

  /* someone else's SQLite database */
  {
    sqlite3 *db = NULL;
    g_unlink (f->shop);
    g_assert_cmpint (sqlite3_open (f->shop, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT); "
                                   "INSERT INTO recipes VALUES ('bread')", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }
  expect_shop_refused (f->shop, "not a Regulars shop", list);
  expect_shop_refused (f->shop, "not a Regulars shop", import);
}

static void
test_newer_schema (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                             REG_STORE_SCHEMA_VERSION + 1);
  const char *list[] = { "customer", "list", NULL };
  const char *import[] = { "import", csv, NULL };
  sqlite3 *db = NULL;

  if (!make_shop (f))
    return;
  reg_safety_write_sales_csv (csv, 10);
  g_assert_cmpint (sqlite3_open (f->shop, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  /* leave the file closed and checkpointed, as a newer Regulars would */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  expect_shop_refused (f->shop, "newer version", list);
  expect_shop_refused (f->shop, "newer version", import);
}

static void
drop_to_nobody (gpointer data)
{
  /* in the child, between fork and exec */
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (126);
}

/* Runs regulars-cli --shop SHOP ARGS… as the user "nobody"; -1 when it cannot be started. */
static int
cli_as_nobody (const char *shop, const char *const *args, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = reg_safety_child_env ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REG_CLI"));
  g_ptr_array_add (argv, (gpointer) "--shop");
  g_ptr_array_add (argv, (gpointer) shop);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* its output is captured and dropped: nothing but TAP may reach the test's stdout */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, drop_to_nobody,
                     NULL, NULL, err, &status, &error))
    {
      *err = g_strdup (error->message);
      return -1;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* A shop file its owner may read but not write (chmod 0444). Root may write any file, so as
 * root the CLI runs as "nobody" (the file and its folder belong to root); skipped when nobody
 * cannot run it or reach the test's folder. */
static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "sales.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  const char *import[] = { "import", csv, NULL };
  gboolean as_nobody = geteuid () == 0;
  int status;

  if (!make_shop (f))
    return;
  reg_safety_write_sales_csv (csv, 100);
  before = reg_safety_dump (f->shop);
  g_assert_cmpint (g_chmod (f->shop, 0444), ==, 0);
  if (as_nobody)
    {
      const char *list[] = { "customer", "list", NULL };
      g_autofree char *probe_err = NULL;

      /* nobody must reach the files, but not write the shop: a folder anyone may enter */
      g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
      g_assert_cmpint (g_chmod (csv, 0644), ==, 0);
      status = cli_as_nobody (f->shop, list, &probe_err);
      if (status != 0)
        {
          g_test_skip_printf ("running as root, which ignores file permissions, and regulars-cli "
                              "cannot read the shop as nobody here (status %d: %s)", status,
                              probe_err);
          return;
        }
      status = cli_as_nobody (f->shop, import, &err);
    }
  else
    status = reg_safety_cli_argv (f->shop, import, NULL, &err);
  g_test_message ("%s%s", as_nobody ? "as nobody: " : "", err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "cannot be written"));
  g_assert_cmpint (g_chmod (f->shop, 0600), ==, 0);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
}

/* The store opened read-only (works for root too): every write is refused with a message and
 * changes nothing. */
static void
test_read_only_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RegCustomerRecord rec = { 0 };

  if (!make_shop (f))
    return;
  before = reg_safety_dump (f->shop);
  store = reg_store_open (f->shop, REG_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  rec.name = (char *) "Written Anyway";
  g_assert_cmpint (reg_store_insert_customer (store, &rec, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_clear_error (&error);
  g_assert_false (reg_store_set_setting (store, "shop_name", "Changed", &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_pointer (&store, reg_store_free);
  after = reg_safety_dump (f->shop);
  g_assert_cmpstr (after, ==, before);
}

/* ---- text from files is data ------------------------------------------------------------- */

static const char *const hostile_names[] = {
  "%s%n%x%p",
  "'); DROP TABLE sales;--",
  "Robert\"); DELETE FROM customers; --",
  "<b>bold</b> & <span foreground=\"red\">red</span>",
  "Zoë 😀 \u202egnp.exe",
  "\\x00 \\n $(rm -rf ~) `id`",
};

static char *
csv_quote (const char *s)
{
  g_autofree char *doubled = NULL;
  g_auto(GStrv) parts = g_strsplit (s, "\"", -1);

  doubled = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", doubled);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static const char *
member (JsonArray *array, guint index, const char *name)
{
  return json_object_get_string_member (json_array_get_object_element (array, index), name);
}

static void
test_text_is_data (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = path_in (f, "hostile.csv");
  g_autoptr(GString) text = g_string_new ("Date,Name,Email,Amount,Note\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) customers = NULL;
  g_autoptr(JsonNode) sales = NULL;
  guint n = G_N_ELEMENTS (hostile_names);

  if (reg_safety_cli_path () == NULL)
    return;
  g_assert_cmpint (reg_safety_cli (f->shop, NULL, NULL, "init", "--currency", "EUR", NULL), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = csv_quote (hostile_names[i]);
      g_autofree char *note = csv_quote (hostile_names[(i + 1) % n]);
      g_string_append_printf (text, "2024-02-%02u,%s,p%u@example.com,1%u.00,%s\n", i + 1, name, i,
                              i, note);
    }
  /* a bad value with format directives: the message quotes it, nothing more */
  g_string_append (text, "2024-03-01,Valid Name,v@example.com,%s%n%s%n,note\n");
  g_file_set_contents (csv, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  /* one row rejected: status 1, the rest imported */
  g_assert_cmpint (reg_safety_cli (f->shop, &out, &err, "import", "--map",
                                   "date=Date,name=Name,email=Email,amount=Amount,note=Note", csv,
                                   NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“%s%n%s%n” is not an amount"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (reg_safety_cli (f->shop, &out, NULL, "customer", "list", "--json", NULL), ==, 0);
  customers = parse_json (out);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (reg_safety_cli (f->shop, &out, NULL, "sale", "list", "--json", NULL), ==, 0);
  sales = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (customers)), ==, n);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sales)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      gboolean name_found = FALSE, note_found = FALSE;
      JsonArray *ca = json_node_get_array (customers);
      JsonArray *sa = json_node_get_array (sales);

      for (guint k = 0; k < json_array_get_length (ca); k++)
        name_found |= g_strcmp0 (member (ca, k, "name"), hostile_names[i]) == 0;
      for (guint k = 0; k < json_array_get_length (sa); k++)
        note_found |= g_strcmp0 (member (sa, k, "note"), hostile_names[i]) == 0;
      if (!name_found || !note_found)
        g_test_fail_printf ("“%s” did not come back byte for byte (name %d, note %d)",
                            hostile_names[i], name_found, note_found);
    }
  /* every table still there and whole */
  {
    g_autoptr(RegStore) store = reg_store_open (f->shop, REG_STORE_OPEN_NO_MIGRATE, &error);
    g_assert_no_error (error);
    reg_store_integrity_check (store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (reg_store_count_sales (store), ==, n);
    g_assert_cmpint (reg_store_count_customers (store, TRUE), ==, n);
  }
  /* the plain listing prints names as text too */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (reg_safety_cli (f->shop, &out, NULL, "customer", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, hostile_names[0]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/hostile/huge-file", test_huge_file, NULL);
  ADD ("/hostile/long-line", test_long_line, NULL);
  ADD ("/hostile/million-columns", test_million_columns, NULL);
  ADD ("/hostile/compressed-bombs", test_compressed_bombs, NULL);
  ADD ("/hostile/binary-garbage", test_binary_garbage, NULL);
  ADD ("/hostile/file-grows-while-read", test_changing_file, GINT_TO_POINTER (CHANGE_APPEND));
  ADD ("/hostile/file-shrinks-while-read", test_changing_file, GINT_TO_POINTER (CHANGE_TRUNCATE));
  ADD ("/hostile/full-disk/file-size-limit", test_file_size_limit, NULL);
  ADD ("/hostile/full-disk/tmpfs", test_full_tmpfs, NULL);
  ADD ("/hostile/shop/not-a-shop", test_not_a_shop, NULL);
  ADD ("/hostile/shop/newer-schema", test_newer_schema, NULL);
  ADD ("/hostile/shop/read-only-file", test_read_only_file, NULL);
  ADD ("/hostile/shop/read-only-store", test_read_only_store, NULL);
  ADD ("/hostile/text-is-data", test_text_is_data, NULL);
#undef ADD
  return g_test_run ();
}
