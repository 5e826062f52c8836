/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a shop file: creation with mode 0600, the SQLite settings every connection needs,
 * migrations by PRAGMA user_version (each in one transaction), transactions, online backup and
 * restore, settings, and the statement cache. One RegStore per thread.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clv-key-set.h"
#include "reg-store.h"
#include "reg-store-resources.h"

struct _RegStore
{
  sqlite3    *db;          /* (owned) */
  char       *path;        /* (owned) */
  GHashTable *stmts;       /* (owned) SQL text -> sqlite3_stmt */
  int         txn_depth;
  GHashTable *touched;     /* (owned) (nullable) customer ids whose totals wait for bulk_end */
  gboolean    bulk;        /* between bulk_begin and bulk_end (or a rollback) */
  gboolean    touched_all; /* too many customers to list: bulk_end refreshes every one */
  gboolean    checks_in_c; /* SQLite skips the CHECK rules; the inserts check them in C */
  char        bulk_stamp[24]; /* creation time of the rows of this bulk write, "" until asked */
  GPtrArray  *deferred;    /* (owned) (nullable) CREATE INDEX statements to run again */
  gboolean    defer_sale_keys; /* the unique index of content keys waits too (begin_bulk) */
  GHashTable *sale_keys;   /* (owned) (nullable) source -> ClvKeySet of its content keys, while
                            * that index waits */
};

G_DEFINE_QUARK (reg-store-error-quark, reg_store_error)

/* The tables a shop file of the current version has; used to tell a shop from other SQLite files. */
static const char *shop_tables[] = { "settings", "customers", "sales", "import_batches" };

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return REG_STORE_ERROR_CONSTRAINT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return REG_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return REG_STORE_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return REG_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:
      return REG_STORE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return REG_STORE_ERROR_NOT_A_SHOP;
    case SQLITE_CANTOPEN:
      return REG_STORE_ERROR_OPEN;
    default:
      return REG_STORE_ERROR_FAILED;
    }
}

/**
 * reg_store_check:
 * Turns an SQLite result code into a #GError in REG_STORE_ERROR, with a sentence for the
 * owner. Returns %TRUE for SQLITE_OK, SQLITE_ROW and SQLITE_DONE.
 */
gboolean
reg_store_check (RegStore *store, int rc, const char *what, GError **error)
{
  int code;
  const char *detail;

  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  code = error_code_for (rc);
  /* SQLite says "full" only for ENOSPC; a write refused for a quota or the file size limit
   * comes back as an I/O error, but it is the same for the owner: no room left */
  if ((rc & 0xff) == SQLITE_IOERR && store != NULL && store->db != NULL)
    {
      int sys = sqlite3_system_errno (store->db);
      if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
        code = REG_STORE_ERROR_FULL;
    }
  detail = store != NULL && store->db != NULL ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);
  switch (code)
    {
    case REG_STORE_ERROR_READ_ONLY:
      g_set_error (error, REG_STORE_ERROR, code,
                   _("The shop file “%s” cannot be written (%s); nothing was changed"),
                   store != NULL ? store->path : "", detail);
      break;
    case REG_STORE_ERROR_FULL:
      g_set_error (error, REG_STORE_ERROR, code,
                   _("The disk is full while %s; nothing was changed. Free some space and try "
                     "again"), what);
      break;
    case REG_STORE_ERROR_BUSY:
      g_set_error (error, REG_STORE_ERROR, code,
                   _("The shop file is in use by another program while %s; try again"), what);
      break;
    case REG_STORE_ERROR_CORRUPT:
    case REG_STORE_ERROR_NOT_A_SHOP:
      g_set_error (error, REG_STORE_ERROR, code,
                   _("The shop file “%s” is damaged or not a shop (%s)"),
                   store != NULL ? store->path : "", detail);
      break;
    default:
      if ((rc & 0xff) == SQLITE_IOERR)
        /* the failed statement or transaction was rolled back: say so, and what to check */
        g_set_error (error, REG_STORE_ERROR, code,
                     _("The shop file “%s” could not be read or written while %s (%s); nothing "
                       "was changed. Check that the disk has room and is still there, and try "
                       "again"), store != NULL ? store->path : "", what, detail);
      else
        g_set_error (error, REG_STORE_ERROR, code, _("Database error while %s: %s"), what, detail);
      break;
    }
  return FALSE;
}

/**
 * reg_stmt_release:
 * @stmt: (nullable): a statement of reg_store_prepare()
 *
 * Resets it and clears its bindings; the store keeps it for the next use (g_autoptr does this).
 */
void
reg_stmt_release (RegStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

/**
 * reg_store_prepare:
 * Returns: (transfer none): a cached prepared statement for @sql, reset and unbound. Release it
 *   with reg_stmt_release() (g_autoptr(RegStmt) does) before the same SQL is prepared again.
 */
RegStmt *
reg_store_prepare (RegStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (!reg_store_check (store, rc, _("preparing a query"), error))
    return NULL;
  /* keys are the caller's string literals, which live as long as the program */
  g_hash_table_insert (store->stmts, (gpointer) sql, stmt);
  return stmt;
}

/**
 * reg_stmt_bind_text:
 * @stmt: a statement
 * @index: the parameter, from 1
 * @text: (nullable): bound as NULL when %NULL; copied
 */
void
reg_stmt_bind_text (RegStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * reg_stmt_dup_text:
 * @stmt: a statement on a row
 * @column: the column, from 0
 *
 * Returns: (transfer full) (nullable): the column's text, %NULL for NULL.
 */
char *
reg_stmt_dup_text (RegStmt *stmt, int column)
{
  const unsigned char *t = sqlite3_column_text (stmt, column);
  return t != NULL ? g_strdup ((const char *) t) : NULL;
}

/**
 * reg_store_parse_day:
 * @t: (nullable): a date as the shop stores it ("2024-03-05"; a time part is ignored)
 *
 * Called for every sale the analysis reads, so it counts days itself instead of filling a
 * GDate.
 *
 * Returns: the Julian day (GDate's count: 0001-01-01 is day 1), or 0 when @t is %NULL or not a
 *   date.
 */
gint32
reg_store_parse_day (const char *t)
{
  static const int days_in[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d, leap, era, yoe, doy, doe;

  if (t == NULL || t[0] == '\0' || t[1] == '\0' || t[2] == '\0' || t[3] == '\0' || t[4] != '-'
      || t[5] == '\0' || t[6] == '\0' || t[7] != '-' || t[8] == '\0' || t[9] == '\0')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (t[i]))
      return 0;
  y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  m = (t[5] - '0') * 10 + (t[6] - '0');
  d = (t[8] - '0') * 10 + (t[9] - '0');
  leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in[m - 1] + (m == 2 && leap))
    return 0;
  /* days from 0001-01-01 (Julian day 1 in GDate's count), proleptic Gregorian; H. Hinnant's
   * days_from_civil shifted to GDate's origin */
  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (gint32) (era * 146097 + doe - 305);
}

static gboolean
exec (RegStore *store, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      reg_store_check (store, rc, _("changing the shop"), error);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static int
query_int (RegStore *store, const char *sql, int fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int v = fallback;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int (stmt, 0);
  return v;
}

/**
 * reg_store_get_schema_version:
 * @store: a connection
 *
 * Returns: the schema version of the file (PRAGMA user_version).
 */
int
reg_store_get_schema_version (RegStore *store)
{
  return query_int (store, "PRAGMA user_version", -1);
}

/**
 * reg_store_get_path:
 * @store: a connection
 *
 * Returns: (transfer none): the shop file's path.
 */
const char *
reg_store_get_path (RegStore *store)
{
  return store->path;
}

/**
 * reg_store_get_db:
 * @store: a connection
 *
 * Returns: (transfer none): the SQLite connection, for the store's own files.
 */
sqlite3 *
reg_store_get_db (RegStore *store)
{
  return store->db;
}

/**
 * reg_store_begin_read:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * A read transaction: every query until reg_store_end_read() sees the same moment.
 *
 * Returns: %TRUE when it began.
 */
gboolean
reg_store_begin_read (RegStore *store, GError **error)
{
  return exec (store, "BEGIN", error);
}

/**
 * reg_store_end_read:
 * @store: a connection
 *
 * Ends the read transaction of reg_store_begin_read().
 */
void
reg_store_end_read (RegStore *store)
{
  sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL);
}

/**
 * reg_store_skip_foreign_key_checks:
 * @store: a connection
 *
 * For a job's own connection whose writes only use ids it has just read or written itself: no
 * per-row foreign-key lookups. Callers check what could go stale.
 */
void
reg_store_skip_foreign_key_checks (RegStore *store)
{
  sqlite3_exec (store->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
}

/**
 * reg_store_check_rules_in_c:
 * @in_c: %TRUE: SQLite stops evaluating the CHECK rules of the schema on this connection, and
 *   reg_store_insert_sale(s) and reg_store_insert_customer check the same rules in C
 *
 * For an import's own connection while it adds rows: for a million sales SQLite's checks (a
 * date parsed and printed again per row) cost about a sixth of the writing, and the rows have
 * been checked in C already. While it is on, no other write may be made on the connection;
 * tests/store compares the C checks with the schema's. A rollback turns it off.
 */
void
reg_store_check_rules_in_c (RegStore *store, gboolean in_c)
{
  if (store->checks_in_c == in_c)
    return;
  sqlite3_exec (store->db, in_c ? "PRAGMA ignore_check_constraints = ON"
                                : "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
  store->checks_in_c = in_c;
}

/**
 * reg_store_checks_in_c:
 * @store: a connection
 *
 * Returns: whether the schema's CHECK rules are left to the C code (reg_store_check_rules_in_c()).
 */
gboolean
reg_store_checks_in_c (RegStore *store)
{
  return store->checks_in_c;
}

/**
 * reg_store_set_temp_in_memory:
 * @store: a connection
 * @in_memory: %TRUE for memory, %FALSE for SQLite's default
 *
 * Before a bulk write's transaction: temporary data (the copies of pages a statement of many
 * rows keeps until it ends) stays in memory instead of going to a temporary file.
 */
void
reg_store_set_temp_in_memory (RegStore *store, gboolean in_memory)
{
  g_return_if_fail (store->txn_depth == 0);
  sqlite3_exec (store->db, in_memory ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT",
                NULL, NULL, NULL);
}

/**
 * reg_store_write_unjournalled:
 * @store: a connection
 *
 * For a new file that is thrown away on failure (the demo): no journal, no waits for the disk.
 * reg_store_finish_unjournalled() puts the shop back to WAL before it is used.
 */
void
reg_store_write_unjournalled (RegStore *store)
{
  sqlite3_exec (store->db,
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536",
                NULL, NULL, NULL);
}

/**
 * reg_store_write_in_place:
 * @store: a connection
 *
 * For a bulk write into a shop that holds almost nothing yet (the demo): a rollback journal
 * instead of WAL while no other connection has the file open, so every page is written once.
 * The journal keeps the write atomic. Outside a transaction.
 *
 * Returns: %FALSE, leaving WAL, when another connection has the file open.
 */
gboolean
reg_store_write_in_place (RegStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (store->txn_depth == 0, FALSE);
  /* leaving WAL needs the file to itself: with another connection open SQLite keeps WAL */
  if (sqlite3_prepare_v2 (store->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  return ok;
}

/**
 * reg_store_finish_unjournalled:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Puts the shop back to WAL after reg_store_write_unjournalled() or reg_store_write_in_place().
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_store_finish_unjournalled (RegStore *store, GError **error)
{
  return exec (store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error);
}

/**
 * reg_store_set_cache_mb:
 * @store: a connection
 * @megabytes: the page cache's size in MiB
 *
 * Bulk work (imports, analyses) keeps its working set in memory.
 */
void
reg_store_set_cache_mb (RegStore *store, int megabytes)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", -1024 * megabytes);
  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
}

/**
 * reg_store_skip_secure_delete:
 * @store: a connection
 *
 * For a job that replaces rows holding no personal data (the analysis rewrites every score):
 * freed pages are reused at once by the new rows, so zeroing them first only doubles the
 * writing. Deleting a customer still zeroes, on every other connection.
 */
void
reg_store_skip_secure_delete (RegStore *store)
{
  sqlite3_exec (store->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
}

/**
 * reg_store_map_file:
 * @store: a connection
 *
 * Reads of the whole file (the analysis reads every sale) go through memory-mapped pages: no
 * copy from the kernel's cache into SQLite's, no cache pages to allocate. Only for jobs' own
 * connections: a disk error on a mapped page cannot come back as an error message.
 */
void
reg_store_map_file (RegStore *store)
{
  sqlite3_exec (store->db, "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
}

/**
 * reg_store_begin:
 * @store: a connection
 * @error: %REG_STORE_ERROR_BUSY when another program holds the file, or another database
 *   error
 *
 * Begins a write transaction (BEGIN IMMEDIATE); transactions do not nest.
 *
 * Returns: %TRUE when it began.
 */
gboolean
reg_store_begin (RegStore *store, GError **error)
{
  g_return_val_if_fail (store->txn_depth == 0, FALSE);
  /* IMMEDIATE takes the write lock now, so a busy file fails here and not half-way */
  if (!exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  store->txn_depth = 1;
  return TRUE;
}

/**
 * reg_store_commit:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR); the transaction is rolled back then
 *
 * Returns: %TRUE when everything since reg_store_begin() is in the file.
 */
gboolean
reg_store_commit (RegStore *store, GError **error)
{
  g_return_val_if_fail (store->txn_depth == 1, FALSE);
  if (!exec (store, "COMMIT", error))
    {
      reg_store_rollback (store);
      return FALSE;
    }
  /* a bulk write's keys never outlive its transaction */
  g_clear_pointer (&store->sale_keys, g_hash_table_unref);
  store->defer_sale_keys = FALSE;
  store->txn_depth = 0;
  return TRUE;
}

/**
 * reg_store_rollback:
 * @store: a connection
 *
 * Undoes everything since reg_store_begin(); nothing happens outside a transaction.
 */
void
reg_store_rollback (RegStore *store)
{
  g_clear_pointer (&store->touched, g_hash_table_unref);
  g_clear_pointer (&store->deferred, g_ptr_array_unref);
  g_clear_pointer (&store->sale_keys, g_hash_table_unref);
  store->defer_sale_keys = FALSE;
  store->bulk = store->touched_all = FALSE;
  store->bulk_stamp[0] = '\0';
  reg_store_check_rules_in_c (store, FALSE);
  if (store->txn_depth == 0 && sqlite3_get_autocommit (store->db))
    return;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  store->txn_depth = 0;
}

/**
 * reg_store_in_transaction:
 * @store: a connection
 *
 * Returns: whether a write transaction is open.
 */
gboolean
reg_store_in_transaction (RegStore *store)
{
  return store->txn_depth > 0;
}

static char *
load_migration (int version, GError **error)
{
  g_autoptr(GResource) res = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *prefix = g_strdup_printf ("%04d-", version);
  const char *dir = "/io/github/regulars/Regulars/store/migrations";

  res = g_resource_ref (reg_store_get_resource ());
  names = g_resource_enumerate_children (res, dir, 0, error);
  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], prefix))
      {
        g_autofree char *path = g_build_path ("/", dir, names[i], NULL);
        g_autoptr(GBytes) bytes = g_resource_lookup_data (res, path, 0, error);
        if (bytes == NULL)
          return NULL;
        return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      }
  g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED, "no migration %d", version);
  return NULL;
}

/**
 * reg_store_migrate_to:
 * Brings the schema up to @version, one migration per transaction, so that a crash leaves the
 * file at the last whole version.
 */
gboolean
reg_store_migrate_to (RegStore *store, int version, GError **error)
{
  int current = reg_store_get_schema_version (store);

  if (current > REG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_TOO_NEW,
                   _("The shop file “%s” was saved by a newer version of Regulars (schema %d; "
                     "this version reads up to %d). Update Regulars to open it"),
                   store->path, current, REG_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  for (int v = current + 1; v <= version; v++)
    {
      g_autofree char *sql = load_migration (v, error);
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (sql == NULL)
        return FALSE;
      if (!reg_store_begin (store, error))
        return FALSE;
      if (!exec (store, sql, error) || !exec (store, bump, error))
        {
          reg_store_rollback (store);
          g_prefix_error (error, _("Updating the shop file to version %d failed: "), v);
          return FALSE;
        }
      if (!reg_store_commit (store, error))
        return FALSE;
    }
  return TRUE;
}

/* An existing SQLite file with tables but no user_version is someone else's database. */
static gboolean
looks_like_shop (RegStore *store)
{
  int n_tables = query_int (store, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", 0);
  int version = reg_store_get_schema_version (store);

  if (n_tables == 0)
    return TRUE;
  if (version <= 0)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (shop_tables); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gboolean found = FALSE;
      if (sqlite3_prepare_v2 (store->db, "SELECT 1 FROM sqlite_schema WHERE name = ?1", -1, &stmt,
                              NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, shop_tables[i], -1, SQLITE_STATIC);
          found = sqlite3_step (stmt) == SQLITE_ROW;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* SQLite reads a name that starts with "file:" as a URI ("file:shop?mode=memory" would keep
 * the shop in memory and lose it). Such a name is always relative, so "./" in front makes it
 * a plain path to the same file. */
static char *
plain_path (const char *path)
{
  if (g_str_has_prefix (path, "file:"))
    return g_strconcat ("." G_DIR_SEPARATOR_S, path, NULL);
  return g_strdup (path);
}

static gboolean
create_private_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* created empty with 0600 first: SQLite keeps the mode of an existing file for -wal/-shm */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, REG_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? REG_STORE_ERROR_READ_ONLY
                                                     : REG_STORE_ERROR_OPEN,
                   _("Cannot create the shop file “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * reg_store_open:
 * @path: the shop file
 * @flags: %REG_STORE_OPEN_CREATE to create a missing file (mode 0600)
 *
 * Opens the shop, turns on WAL and foreign keys, and migrates it to the current schema.
 * Returns: (transfer full): the store, or %NULL with %REG_STORE_ERROR_NOT_A_SHOP for a file that is
 *   not a shop, %REG_STORE_ERROR_TOO_NEW for a newer schema, %REG_STORE_ERROR_READ_ONLY, …
 */
/* SQLite counts every allocation under a global mutex unless told not to; the shop never
 * reads those counters. Must run before SQLite's first use; later calls are refused harmlessly. */
static void
configure_sqlite_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

RegStore *
reg_store_open (const char *path, RegStoreOpenFlags flags, GError **error)
{
  g_autoptr(RegStore) store = g_new0 (RegStore, 1);
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  g_autofree char *plain = NULL;
  gboolean writable;
  int rc;

  configure_sqlite_once ();
  store->path = g_strdup (path);
  /* keyed by the SQL literal's address: hashing the text on every call would cost more than
   * the lookup saves, and each literal has one address per translation unit */
  store->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_stmt);

  if (!exists && !(flags & REG_STORE_OPEN_CREATE))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN,
                   _("The shop file “%s” does not exist"), path);
      return NULL;
    }
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a shop file"), path);
      return NULL;
    }
  if (!exists && !create_private_file (path, error))
    return NULL;

  writable = !(flags & REG_STORE_OPEN_READ_ONLY) && g_access (path, W_OK) == 0;
  plain = plain_path (path);
  rc = sqlite3_open_v2 (plain, &store->db,
                        (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY)
                        | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      reg_store_check (store, rc, _("opening the shop"), error);
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, 5000);

  /* reading the schema is the first thing that fails on a file that is not SQLite */
  rc = sqlite3_exec (store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_SHOP,
                     _("The shop file “%s” is damaged and cannot be read (or it is not a "
                       "Regulars shop file at all)"), path);
      else
        reg_store_check (store, rc, _("opening the shop"), error);
      return NULL;
    }
  if (!looks_like_shop (store))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_SHOP,
                   _("“%s” is an SQLite database but not a Regulars shop file"), path);
      return NULL;
    }
  if (reg_store_get_schema_version (store) > REG_STORE_SCHEMA_VERSION)
    {
      reg_store_migrate_to (store, REG_STORE_SCHEMA_VERSION, error);   /* sets TOO_NEW */
      return NULL;
    }

  if (writable)
    {
      /* a new shop gets 16 KiB pages (SQLite's 4 KiB otherwise): a quarter of the page
       * headers, B-tree levels and WAL frames for a million-row import, about a tenth less
       * CPU for it; settable only before the first table and the WAL */
      if (!exists && !exec (store, "PRAGMA page_size = 16384", error))
        return NULL;
      if (!exec (store, "PRAGMA journal_mode = WAL", error))
        return NULL;
    }
  /* secure_delete: a deleted customer ("forget me") must not live on in free pages; Debian's
   * SQLite has it on by default, other builds do not */
  if (!exec (store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
                    "PRAGMA secure_delete = ON;", error))
    return NULL;

  if (!(flags & REG_STORE_OPEN_NO_MIGRATE)
      && reg_store_get_schema_version (store) < REG_STORE_SCHEMA_VERSION)
    {
      if (!writable)
        {
          g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY,
                       _("The shop file “%s” needs an update but cannot be written"), path);
          return NULL;
        }
      if (!reg_store_migrate_to (store, REG_STORE_SCHEMA_VERSION, error))
        return NULL;
    }
  return g_steal_pointer (&store);
}

/**
 * reg_store_free:
 * @store: (transfer full) (nullable): a connection
 *
 * Closes the file (an open transaction is rolled back) with its cached statements.
 */
void
reg_store_free (RegStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->stmts, g_hash_table_unref);
  g_clear_pointer (&store->touched, g_hash_table_unref);
  g_clear_pointer (&store->deferred, g_ptr_array_unref);
  g_clear_pointer (&store->sale_keys, g_hash_table_unref);
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  g_free (store->path);
  g_free (store);
}

static gboolean
copy_database (RegStore *store, sqlite3 *dest, sqlite3 *src, const char *what, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return reg_store_check (store, sqlite3_errcode (dest), what, error);
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return reg_store_check (store, rc, what, error);
  return TRUE;
}

/* Writes the stamp into the copy, as a rollback-journal file: reading a backup later needs no
 * -wal or -shm beside it. */
static gboolean
stamp_backup (sqlite3 *dest, gint64 sequence)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *taken = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, sequence);
  const char *values[][2] = { { REG_BACKUP_SEQUENCE, seq }, { REG_BACKUP_TAKEN_AT, taken } };

  if (sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (dest, "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", -1, &stmt,
                             NULL) != SQLITE_OK)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      sqlite3_bind_text (stmt, 1, values[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, values[i][1], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
backup_to (RegStore *store, const char *dest_path, gint64 sequence, GError **error)
{
  sqlite3 *dest = NULL;
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *plain = plain_path (tmp);
  gboolean ok;

  g_unlink (tmp);
  if (!create_private_file (tmp, error))
    return FALSE;
  if (sqlite3_open_v2 (plain, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN,
                   _("Cannot write the backup “%s”: %s"), dest_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  ok = copy_database (store, dest, store->db, _("writing a backup"), error);
  if (ok && sequence > 0 && !stamp_backup (dest, sequence))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN,
                   _("Cannot write the backup “%s”: %s"), dest_path, sqlite3_errmsg (dest));
      ok = FALSE;
    }
  sqlite3_close (dest);
  if (ok && g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN,
                   _("Cannot write the backup “%s”: %s"), dest_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);
      g_unlink (tmp);
      g_unlink (journal);
    }
  else
    g_chmod (dest_path, 0600);
  return ok;
}

/**
 * reg_store_backup_to:
 * Writes a consistent copy of the shop to @dest_path (mode 0600) with SQLite's online backup.
 */
gboolean
reg_store_backup_to (RegStore *store, const char *dest_path, GError **error)
{
  return backup_to (store, dest_path, 0, error);
}

/**
 * reg_store_backup_stamped:
 * As reg_store_backup_to(), with the backup's stamp (sequence, time) in its settings.
 */
gboolean
reg_store_backup_stamped (RegStore *store, const char *dest_path, gint64 sequence,
                          GError **error)
{
  g_return_val_if_fail (sequence > 0, FALSE);
  return backup_to (store, dest_path, sequence, error);
}

/**
 * reg_backup_info_clear:
 * @info: what a backup says it is
 *
 * Frees its strings and zeroes it.
 */
void
reg_backup_info_clear (RegBackupInfo *info)
{
  g_clear_pointer (&info->shop_id, g_free);
  g_clear_pointer (&info->taken_at, g_free);
  info->sequence = 0;
}

/**
 * reg_store_read_backup_info:
 * @path: a backup file
 * @info: (out caller-allocates): its shop id, sequence number and time taken (UTC ISO 8601);
 *   clear it with reg_backup_info_clear()
 *
 * Opens the file read-only.
 *
 * Returns: %FALSE for a file that is not a complete SQLite file (its size is not its page count
 *   times its page size) or carries no stamp.
 */
gboolean
reg_store_read_backup_info (const char *path, RegBackupInfo *info)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GStatBuf st;
  gint64 pages = 0, page_size = 0;
  g_autofree char *plain = plain_path (path);

  memset (info, 0, sizeof *info);
  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (sqlite3_open_v2 (plain, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT page_count FROM pragma_page_count), "
                          "(SELECT page_size FROM pragma_page_size), "
                          "(SELECT value FROM settings WHERE key = ?1), "
                          "(SELECT value FROM settings WHERE key = ?2), "
                          "(SELECT value FROM settings WHERE key = ?3)", -1, &stmt, NULL)
        == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, REG_SETTING_SHOP_ID, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, REG_BACKUP_SEQUENCE, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, REG_BACKUP_TAKEN_AT, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          pages = sqlite3_column_int64 (stmt, 0);
          page_size = sqlite3_column_int64 (stmt, 1);
          info->shop_id = reg_stmt_dup_text (stmt, 2);
          info->sequence = sqlite3_column_int64 (stmt, 3);
          info->taken_at = reg_stmt_dup_text (stmt, 4);
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  /* a backup cut short has fewer bytes than its header's page count says */
  if (pages <= 0 || pages * page_size != (gint64) st.st_size || info->shop_id == NULL
      || info->taken_at == NULL || info->sequence <= 0)
    {
      reg_backup_info_clear (info);
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_restore_from:
 * Replaces the whole content of the open shop by the backup at @backup_path, in one step.
 */
/* The highest import or campaign number given out (migration 6), 0 before that schema. */
static gint64
number_used (RegStore *store, const char *name)
{
  RegStmt *stmt = reg_store_prepare (store, "SELECT last FROM numbers_used WHERE name = ?1", NULL);
  gint64 last = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return last;
}

static gboolean
keep_number_used (RegStore *store, const char *name, gint64 at_least, GError **error)
{
  RegStmt *stmt = reg_store_prepare (store,
      "UPDATE numbers_used SET last = max(last, ?2) WHERE name = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, at_least);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return reg_store_check (store, rc, _("restoring a backup"), error);
}

gboolean
reg_store_restore_from (RegStore *store, const char *backup_path, GError **error)
{
  g_autoptr(RegStore) src = NULL;

  /* numbers given out after the backup was taken stay given out */
  gint64 batches = number_used (store, "import_batches");
  gint64 campaigns = number_used (store, "campaigns");

  g_return_val_if_fail (store->txn_depth == 0, FALSE);
  src = reg_store_open (backup_path, REG_STORE_OPEN_NO_MIGRATE, error);
  if (src == NULL)
    {
      g_prefix_error (error, _("Cannot restore: "));
      return FALSE;
    }
  g_hash_table_remove_all (store->stmts);
  if (!copy_database (store, store->db, src->db, _("restoring a backup"), error))
    return FALSE;
  /* the restored shop is the shop again, not a backup */
  if (!reg_store_set_setting (store, REG_BACKUP_SEQUENCE, NULL, error)
      || !reg_store_set_setting (store, REG_BACKUP_TAKEN_AT, NULL, error))
    return FALSE;
  if (reg_store_get_schema_version (store) < REG_STORE_SCHEMA_VERSION
      && !reg_store_migrate_to (store, REG_STORE_SCHEMA_VERSION, error))
    return FALSE;
  return keep_number_used (store, "import_batches", batches, error)
         && keep_number_used (store, "campaigns", campaigns, error);
}

/**
 * reg_store_dump:
 * Returns: every row of every table as text, in a stable order: tests compare dumps to prove
 *   that an operation left the file exactly as it was.
 */
/* Every table of the schema, with a fixed statement each: SQL is never built from names. A
 * table a later migration adds belongs in this list too (its schema line is dumped either way). */
static const char *const dump_tables[][2] = {
  { "settings", "SELECT * FROM settings ORDER BY 1" },
  { "customers", "SELECT * FROM customers ORDER BY 1" },
  { "import_batches", "SELECT * FROM import_batches ORDER BY 1" },
  { "sales", "SELECT * FROM sales ORDER BY 1" },
  { "customer_refs", "SELECT * FROM customer_refs ORDER BY 1, 2, 3, 4" },
  { "import_mappings", "SELECT * FROM import_mappings ORDER BY 1" },
  { "model_runs", "SELECT * FROM model_runs ORDER BY 1" },
  { "customer_scores", "SELECT * FROM customer_scores ORDER BY 1" },
  { "feedback", "SELECT * FROM feedback ORDER BY 1" },
  { "campaigns", "SELECT * FROM campaigns ORDER BY 1" },
  { "campaign_members", "SELECT * FROM campaign_members ORDER BY 1, 2" },
  { "pending_exports", "SELECT * FROM pending_exports ORDER BY 1" },
  { "channel_spend", "SELECT * FROM channel_spend ORDER BY 1, 2" },
  { "products", "SELECT * FROM products ORDER BY 1" },
  { "sale_lines", "SELECT * FROM sale_lines ORDER BY 1" },
  /* not numbers_used: the highest import and campaign number given out stays raised after an
   * undo on purpose (the shop's content is as before, the number is not given out again) */
};

char *
reg_store_dump (RegStore *store, GError **error)
{
  g_autoptr(sqlite3_stmt) schema = NULL;
  GString *out = g_string_new (NULL);
  int rc;

  rc = sqlite3_prepare_v2 (store->db,
                           "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name",
                           -1, &schema, NULL);
  if (!reg_store_check (store, rc, _("reading the shop"), error))
    return g_string_free (out, TRUE), NULL;
  g_string_append_printf (out, "user_version %d\n", reg_store_get_schema_version (store));
  while (sqlite3_step (schema) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (schema, 0));
  for (gsize i = 0; i < G_N_ELEMENTS (dump_tables); i++)
    {
      g_autoptr(sqlite3_stmt) rows = NULL;

      /* tables of later schema versions are missing from older files */
      if (sqlite3_prepare_v2 (store->db, dump_tables[i][1], -1, &rows, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          g_string_append (out, dump_tables[i][0]);
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              const unsigned char *t = sqlite3_column_text (rows, c);
              g_string_append_printf (out, "|%s", t != NULL ? (const char *) t : "NULL");
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * reg_store_integrity_check:
 * @store: a connection
 * @error: %REG_STORE_ERROR_CORRUPT with SQLite's first finding, or a database error
 *
 * Runs PRAGMA integrity_check.
 *
 * Returns: %TRUE when the file is whole.
 */
gboolean
reg_store_integrity_check (RegStore *store, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *res;

  if (sqlite3_prepare_v2 (store->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return reg_store_check (store, sqlite3_errcode (store->db), _("checking the shop"), error);
  res = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (res, "ok") != 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CORRUPT,
                   _("The shop file “%s” is damaged: %s"), store->path, res);
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_get_setting:
 * @store: a connection
 * @key: a setting's key
 *
 * Returns: (transfer full) (nullable): the stored value, or %NULL when none is stored (RegShop
 *   supplies the defaults).
 */
char *
reg_store_get_setting (RegStore *store, const char *key)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "SELECT value FROM settings WHERE key = ?1",
                                               NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return reg_stmt_dup_text (stmt, 0);
  return NULL;
}

/**
 * reg_store_set_setting:
 * @store: a connection
 * @key: a setting's key
 * @value: the value, normalised by the caller
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when stored.
 */
gboolean
reg_store_set_setting (RegStore *store, const char *key, const char *value, GError **error)
{
  g_autoptr(RegStmt) stmt = NULL;

  if (value == NULL)
    stmt = reg_store_prepare (store, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = reg_store_prepare (store,
                              "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return reg_store_check (store, sqlite3_step (stmt), _("saving a setting"), error);
}

/* Beyond this many customers, one pass over all sales beats a query per customer. */
#define TOUCHED_MAX 5000

/**
 * reg_store_bulk_begin:
 * @store: a connection
 *
 * Inside a bulk writer's transaction (an import, the demo): sales then only mark their
 * customers, and reg_store_bulk_end() refreshes the totals of those before the commit.
 */
void
reg_store_bulk_begin (RegStore *store)
{
  store->bulk = TRUE;
  if (store->touched == NULL && !store->touched_all)
    store->touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * reg_store_customer_sales_changed:
 * @store: a connection
 * @id: a customer whose sales changed
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Refreshes the customer's totals now, or marks them for reg_store_bulk_end() during a bulk
 * write.
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_store_customer_sales_changed (RegStore *store, gint64 id, GError **error)
{
  if (store->touched_all)
    return TRUE;
  if (store->touched != NULL)
    {
      if (!g_hash_table_contains (store->touched, &id))
        g_hash_table_add (store->touched, g_memdup2 (&id, sizeof id));
      /* every customer is refreshed at the end: the list need not grow with the batch */
      if (g_hash_table_size (store->touched) > TOUCHED_MAX)
        {
          g_clear_pointer (&store->touched, g_hash_table_unref);
          store->touched_all = TRUE;
        }
      return TRUE;
    }
  return reg_store_refresh_customer_totals (store, id, error);
}

/**
 * reg_store_bulk_stamp:
 * Returns: (nullable): during a bulk write, the creation time its rows are given
 *   (strftime('%Y-%m-%dT%H:%M:%S', 'now') read once, as the column default would give it);
 *   %NULL outside bulk writes, where each row takes the column's default.
 */
const char *
reg_store_bulk_stamp (RegStore *store)
{
  if (!store->bulk)
    return NULL;
  if (store->bulk_stamp[0] == '\0')
    {
      g_autoptr(RegStmt) stmt = reg_store_prepare (store,
          "SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now')", NULL);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW
          || sqlite3_column_bytes (stmt, 0) >= (int) sizeof store->bulk_stamp)
        return NULL;
      memcpy (store->bulk_stamp, sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0) + 1);
    }
  return store->bulk_stamp;
}

/**
 * reg_store_bulk_end:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Refreshes the totals (purchase days, spend in minor units, first and last purchase) of every
 * customer marked since reg_store_bulk_begin().
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_store_bulk_end (RegStore *store, GError **error)
{
  g_autoptr(GHashTable) touched = g_steal_pointer (&store->touched);
  gboolean all = store->touched_all;
  GHashTableIter it;
  gpointer key;

  store->bulk = store->touched_all = FALSE;
  store->bulk_stamp[0] = '\0';
  if (all)
    return reg_store_refresh_all_totals (store, error);
  if (touched == NULL)
    return TRUE;
  if (g_hash_table_size (touched) > TOUCHED_MAX)
    return reg_store_refresh_all_totals (store, error);
  g_hash_table_iter_init (&it, touched);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (!reg_store_refresh_customer_totals (store, *(gint64 *) key, error))
      return FALSE;
  return TRUE;
}

/**
 * reg_store_refresh_customer_totals:
 * @store: a connection
 * @id: a customer
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Counts the customer's totals again from their sales: purchase days, net spend in minor units,
 * first and last purchase (Julian days).
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_store_refresh_customer_totals (RegStore *store, gint64 id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE customers SET (purchases, total_spend, first_purchase, last_purchase) = "
      "(SELECT coalesce(sum(bought), 0), coalesce(sum(net), 0), "
      "  min(CASE WHEN bought THEN day END), max(CASE WHEN bought THEN day END) "
      " FROM (SELECT day, sum(amount) AS net, "
      "              sum(amount) > 0 OR (sum(amount) = 0 AND min(amount) >= 0) AS bought "
      "       FROM sales WHERE customer_id = ?1 GROUP BY day)) "
      "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return reg_store_check (store, sqlite3_step (stmt), _("updating a customer's figures"), error);
}

/* One customer's figures while the ordered pass of reg_store_refresh_all_totals reads them. */
typedef struct
{
  gint64 id;
  gint64 purchases, total;
  char   first[16], last[16];   /* days with a positive net, "" for none */
  char   day[16];               /* the day being added up, and its net so far */
  gint64 day_net;
  gboolean day_refund;          /* the day has a refund line */
} Totals;

/* The day being added up is complete: a positive net makes it a purchase, and so does a net
 * of 0 without a refund (an order of 0.00 is a visit), as in the analysis (clv-summary.h). */
static void
close_day (Totals *t)
{
  if (t->day[0] != '\0' && (t->day_net > 0 || (t->day_net == 0 && !t->day_refund)))
    {
      t->purchases++;
      if (t->first[0] == '\0')
        memcpy (t->first, t->day, sizeof t->first);
      memcpy (t->last, t->day, sizeof t->last);
    }
  t->day[0] = '\0';
  t->day_net = 0;
  t->day_refund = FALSE;
}

static gboolean
write_totals (RegStore *store, const Totals *t, GError **error)
{
  /* a row whose figures are already right is left alone: no page is dirtied for it */
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE customers SET purchases = ?2, total_spend = ?3, first_purchase = ?4, "
      "last_purchase = ?5 WHERE id = ?1 "
      "AND (purchases, total_spend, first_purchase, last_purchase) IS NOT (?2, ?3, ?4, ?5)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t->id);
  sqlite3_bind_int64 (stmt, 2, t->purchases);
  sqlite3_bind_int64 (stmt, 3, t->total);
  reg_stmt_bind_text (stmt, 4, t->first[0] != '\0' ? t->first : NULL);
  reg_stmt_bind_text (stmt, 5, t->last[0] != '\0' ? t->last : NULL);
  return reg_store_check (store, sqlite3_step (stmt), _("updating customers' figures"), error);
}

/**
 * reg_store_refresh_all_totals:
 * Recounts every customer's figures from the sales: purchases are days with a positive net
 * (or a net of 0 without a refund),
 * the spend is the net of all sales, first and last purchase are the first and last of those
 * days. One pass over the covering index (customer, day, amount), read in its own order and
 * added up here: neither sorted nor grouped by SQLite (a third of the time of GROUP BY
 * customer, day for a million sales). Only rows whose figures change are written.
 */
gboolean
reg_store_refresh_all_totals (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) reset = reg_store_prepare (store,
      "UPDATE customers SET purchases = 0, total_spend = 0, first_purchase = NULL, "
      "last_purchase = NULL WHERE (purchases <> 0 OR total_spend <> 0 OR last_purchase IS NOT NULL "
      "OR first_purchase IS NOT NULL) "
      "AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = customers.id)", error);
  g_autoptr(RegStmt) days = NULL;
  Totals t = { 0 };
  gboolean have = FALSE;
  int rc;

  if (reset == NULL
      || !reg_store_check (store, sqlite3_step (reset), _("updating customers' figures"), error))
    return FALSE;
  days = reg_store_prepare (store,
      "SELECT customer_id, day, amount FROM sales ORDER BY customer_id, day", error);
  if (days == NULL)
    return FALSE;
  while ((rc = sqlite3_step (days)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (days, 0);
      const char *day = (const char *) sqlite3_column_text (days, 1);
      gint64 amount = sqlite3_column_int64 (days, 2);

      if (!have || id != t.id)
        {
          if (have)
            {
              close_day (&t);
              if (!write_totals (store, &t, error))
                return FALSE;
            }
          memset (&t, 0, sizeof t);
          t.id = id;
          have = TRUE;
        }
      if (day == NULL)
        day = "";
      if (strncmp (day, t.day, sizeof t.day - 1) != 0)
        {
          close_day (&t);
          g_strlcpy (t.day, day, sizeof t.day);
        }
      t.day_refund = t.day_refund || amount < 0;
      if (__builtin_add_overflow (t.day_net, amount, &t.day_net)
          || __builtin_add_overflow (t.total, amount, &t.total))
        {
          /* as sum() in SQL would fail */
          g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                       _("Database error while %s: %s"), _("updating customers' figures"),
                       "integer overflow");
          return FALSE;
        }
    }
  if (!reg_store_check (store, rc, _("updating customers' figures"), error))
    return FALSE;
  if (!have)
    return TRUE;
  close_day (&t);
  return write_totals (store, &t, error);
}

/**
 * reg_store_defer_indexes:
 * @store: a connection
 * @table: a table
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Inside a transaction: drops the non-unique indexes of @table, to be built again at
 * reg_store_restore_indexes() (one sort instead of a million random inserts). Unique indexes
 * stay, so duplicates are still refused row by row; a rollback brings the indexes back.
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_store_defer_indexes (RegStore *store, const char *table, GError **error)
{
  return reg_store_defer_indexes_except (store, table, NULL, error);
}

/**
 * reg_store_defer_indexes_except:
 * @keep: (nullable): an index of @table to keep up to date row by row
 *
 * As reg_store_defer_indexes, but @keep stays: an index that the bulk write only appends to
 * (such as the sales' import batch, always the newest) costs less kept than built again.
 */
gboolean
reg_store_defer_indexes_except (RegStore *store, const char *table, const char *keep,
                                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (store->txn_depth > 0, FALSE);
  if (store->deferred == NULL)
    store->deferred = g_ptr_array_new_with_free_func (g_free);
  /* the schema's own statements, read back, so the store's index list lives only in migrations */
  rc = sqlite3_prepare_v2 (store->db,
                           "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
                           "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' "
                           "AND name IS NOT ?2", -1, &stmt, NULL);
  if (!reg_store_check (store, rc, _("preparing a bulk load"), error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  if (keep != NULL)
    sqlite3_bind_text (stmt, 2, keep, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (store->deferred, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  for (guint i = 0; i < names->len; i++)
    {
      /* an index name from sqlite_schema, quoted as an identifier: not user input */
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);
      if (!exec (store, drop, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_begin_bulk:
 * @kind: what the write adds
 * @expected_rows: about how many rows it adds (0 when few or unknown)
 *
 * Begins a write transaction set up for many rows of @kind, on a connection that is the
 * writer's own (the settings stay with it): no per-row foreign-key lookups (every row names
 * ids the writer has just read or written); for sales, temporary data in memory, customers'
 * totals refreshed once at reg_store_end_bulk(), and when @expected_rows is much more than
 * the shop holds (over 140,000, more than its sales), the sales indexes and the customers'
 * non-unique ones built once at the end rather than row by row, with a smaller page cache (rows then go to the ends of their
 * tables); for scores, freed pages reused without zeroing them first (scores hold no personal
 * data). One call instead of a knob per setting, so every bulk writer gets them together.
 * Returns: %FALSE with @error when the transaction could not begin; nothing changed then.
 */
gboolean
reg_store_begin_bulk (RegStore *store, RegStoreBulkKind kind, guint64 expected_rows,
                      GError **error)
{
  gboolean deferred = FALSE;

  g_return_val_if_fail (store->txn_depth == 0, FALSE);
  reg_store_skip_foreign_key_checks (store);
  if (kind == REG_STORE_BULK_SCORES)
    {
      reg_store_skip_secure_delete (store);
      return reg_store_begin (store, error);
    }
  /* the statements of 16 rows each keep copies of the pages they change: in memory, not in a
   * temporary file that would be written for every statement of the import */
  reg_store_set_temp_in_memory (store, TRUE);
  if (!reg_store_begin (store, error))
    return FALSE;
  reg_store_bulk_begin (store);
  /* the new sales all go at the end of the index of batches: kept as they come */
  deferred = expected_rows > 140000
             && expected_rows > (guint64) reg_store_count_sales (store);
  /* and the customers' address index: each new customer of a large file lands somewhere else
   * in it (the unique one stays, to refuse an address twice) */
  if (deferred && (!reg_store_defer_indexes_except (store, "sales", "sales_batch", error)
                   || !reg_store_defer_indexes_except (store, "customers", "customers_batch",
                                                       error)))
    {
      reg_store_rollback (store);
      return FALSE;
    }
  /* the unique index of content keys as well, once the source is known: its random inserts
   * cost about twice its sort at the end (reg_store_deferred_sale_keys) */
  store->defer_sale_keys = deferred;
  /* Kept up to date row by row, the sales indexes take pages all over the file: keep those in
   * memory. Without them the rows go to the ends of their tables and indexes, and a smaller
   * cache spills finished pages to the WAL early, which the commit would write anyway (less
   * memory, less time spent getting it). */
  reg_store_set_cache_mb (store, deferred ? 32 : 128);
  return TRUE;
}

/**
 * reg_store_end_bulk:
 *
 * Ends what reg_store_begin_bulk() set up, inside its transaction: deferred indexes built
 * again, customers' totals refreshed. The caller then commits (or rolls back).
 * Returns: %FALSE with @error on a database error (the caller rolls back).
 */
gboolean
reg_store_end_bulk (RegStore *store, GError **error)
{
  return reg_store_restore_indexes (store, error) && reg_store_bulk_end (store, error);
}

/**
 * reg_store_restore_indexes:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Builds again the indexes reg_store_defer_indexes() dropped, in the same transaction.
 *
 * Returns: %TRUE when every index is back.
 */
gboolean
reg_store_restore_indexes (RegStore *store, GError **error)
{
  g_autoptr(GPtrArray) deferred = g_steal_pointer (&store->deferred);
  int cache;
  int temp_store;
  gboolean ok = TRUE;

  /* the keys were only needed until their index is back */
  g_clear_pointer (&store->sale_keys, g_hash_table_unref);
  store->defer_sale_keys = FALSE;
  cache = query_int (store, "PRAGMA cache_size", 0);
  temp_store = query_int (store, "PRAGMA temp_store", 0);
  if (deferred == NULL || deferred->len == 0)
    return TRUE;
  /* CREATE INDEX sorts in memory in one run when temporary data is kept in memory (slower:
   * see below), in runs through temporary files otherwise */
  if (temp_store == 2)
    sqlite3_exec (store->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL);
  /* CREATE INDEX sorts in runs as large as the page cache. One run of a whole million-row
   * table is merge-sorted through lists that miss the CPU caches on every step; runs of a few
   * megabytes, merged afterwards, build the same index in about two thirds of the time. The
   * transaction's dirty pages meanwhile go to the WAL early, which the commit does anyway. */
  if (cache < -4096 || cache > 1024)
    sqlite3_exec (store->db, "PRAGMA cache_size = -4096", NULL, NULL, NULL);
  for (guint i = 0; ok && i < deferred->len; i++)
    ok = exec (store, deferred->pdata[i], error);
  if (cache < -4096 || cache > 1024)
    {
      /* an integer read back from SQLite itself, not outside text */
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", cache);
      sqlite3_exec (store->db, sql, NULL, NULL, NULL);
    }
  if (temp_store == 2)
    sqlite3_exec (store->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  /* statements prepared against the old indexes are re-planned by SQLite on their next use */
  return ok;
}

/* The unique index of (source, content key) taken out of the way for the rest of the bulk
 * write: its statement joins those built again at reg_store_restore_indexes(). */
static gboolean
defer_sale_key_index (RegStore *store, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (store->db,
                           "SELECT sql FROM sqlite_schema WHERE type = 'index' "
                           "AND name = 'sales_content_key'", -1, &stmt, NULL);
  if (!reg_store_check (store, rc, _("preparing a bulk load"), error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return reg_store_check (store, rc, _("preparing a bulk load"), error);
  sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!exec (store, "DROP INDEX sales_content_key", error))
    return FALSE;
  if (store->deferred == NULL)
    store->deferred = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (store->deferred, g_steal_pointer (&sql));
  return TRUE;
}

/**
 * reg_store_deferred_sale_keys:
 * @store: a connection inside a bulk write (reg_store_begin_bulk)
 * @source: the sales' source
 * @out_keys: (out) (transfer none) (nullable): the content keys of @source's sales so far, or
 *   %NULL when the shop's unique index checks them row by row
 * @error: a database error (%REG_STORE_ERROR)
 *
 * In a bulk write that builds the sales indexes at its end, the unique index of content keys
 * is built then too, and the keys are told apart here in the meantime: the first call for a
 * source reads its keys (through that index, before it goes), and the writer adds each key
 * it writes. Rows whose key is in the set are the shop's already.
 *
 * Returns: %FALSE with @error when the keys could not be read.
 */
gboolean
reg_store_deferred_sale_keys (RegStore *store, const char *source, ClvKeySet **out_keys,
                              GError **error)
{
  g_autoptr(ClvKeySet) keys = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_keys = NULL;
  if (!store->defer_sale_keys || source == NULL)
    return TRUE;
  if (store->sale_keys == NULL)
    store->sale_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) clv_key_set_free);
  if ((*out_keys = g_hash_table_lookup (store->sale_keys, source)) != NULL)
    return TRUE;
  keys = clv_key_set_new ();
  rc = sqlite3_prepare_v2 (store->db,
                           "SELECT content_key FROM sales WHERE source = ?1 "
                           "AND content_key IS NOT NULL", -1, &stmt, NULL);
  if (!reg_store_check (store, rc, _("preparing a bulk load"), error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      if (key != 0)
        clv_key_set_add (keys, (guint64) key);
    }
  if (!reg_store_check (store, rc, _("preparing a bulk load"), error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* the first source read drops the index; a later one finds its keys in the table itself */
  if (g_hash_table_size (store->sale_keys) == 0 && !defer_sale_key_index (store, error))
    return FALSE;
  *out_keys = keys;
  g_hash_table_insert (store->sale_keys, g_strdup (source), g_steal_pointer (&keys));
  return TRUE;
}
