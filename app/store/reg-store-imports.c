/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import batches and everything that hangs on them. Undoing a batch deletes its sales, survey
 * answers and references, the customers it created that nothing else refers to, and the batch
 * itself, in one transaction: the shop is as it was before the import.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "clv-text.h"
#include "reg-store-imports.h"
#include "reg-store-products.h"

/**
 * reg_batch_record_free:
 * @rec: (transfer full) (nullable): an import record
 */
void
reg_batch_record_free (RegBatchRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->file_name);
  g_free (rec->file_hash);
  g_free (rec->format);
  g_free (rec->preset);
  g_free (rec->mapping);
  g_free (rec->created_at);
  g_free (rec);
}

/**
 * reg_store_insert_batch:
 * @store: a connection
 * @file_name: the imported file's name, as the owner sees it
 * @file_hash: (nullable): the file's content hash (SHA-256, hex), to recognise it again
 * @format: the format read ("csv", "ofx", …)
 * @preset: (nullable): the export it was read as ("shopify", "survey-nps", …)
 * @mapping: (nullable): the column mapping used, as `--map` takes it
 * @error: a database error (%REG_STORE_ERROR)
 *
 * In the import's transaction; counts start at 0.
 *
 * Returns: the import's number (never given out twice in a shop), or 0 on error.
 */
gint64
reg_store_insert_batch (RegStore *store, const char *file_name, const char *file_hash,
                        const char *format, const char *preset, const char *mapping,
                        GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO import_batches (id, file_name, file_hash, format, preset, mapping) "
      "VALUES ((SELECT last + 1 FROM numbers_used WHERE name = 'import_batches'), "
      "?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return 0;
  reg_stmt_bind_text (stmt, 1, file_name);
  reg_stmt_bind_text (stmt, 2, file_hash);
  reg_stmt_bind_text (stmt, 3, format);
  reg_stmt_bind_text (stmt, 4, preset);
  reg_stmt_bind_text (stmt, 5, mapping);
  if (!reg_store_check (store, sqlite3_step (stmt), _("recording the import"), error))
    return 0;
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

/**
 * reg_store_update_batch_counts:
 * @store: a connection
 * @id: an import's number
 * @rows_read: rows read from the file
 * @imported: sales (or survey answers) added
 * @duplicates: rows the shop had already
 * @rejected: rows refused, with their reasons reported
 * @new_customers: customers the import created
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when recorded.
 */
gboolean
reg_store_update_batch_counts (RegStore *store, gint64 id, guint rows_read, guint imported,
                               guint duplicates, guint rejected, guint new_customers,
                               GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE import_batches SET rows_read = ?2, imported = ?3, duplicates = ?4, rejected = ?5, "
      "new_customers = ?6 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, rows_read);
  sqlite3_bind_int64 (stmt, 3, imported);
  sqlite3_bind_int64 (stmt, 4, duplicates);
  sqlite3_bind_int64 (stmt, 5, rejected);
  sqlite3_bind_int64 (stmt, 6, new_customers);
  return reg_store_check (store, sqlite3_step (stmt), _("recording the import"), error);
}

/* The file's hash of a batch recorded before it was known (imports work it out alongside). */
/**
 * reg_store_set_batch_file_hash:
 * @store: a connection
 * @id: an import's number
 * @file_hash: (nullable): the file's content hash, known once the file was read to its end
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when recorded.
 */
gboolean
reg_store_set_batch_file_hash (RegStore *store, gint64 id, const char *file_hash,
                               GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE import_batches SET file_hash = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  reg_stmt_bind_text (stmt, 2, file_hash);
  return reg_store_check (store, sqlite3_step (stmt), _("recording the import"), error);
}

/**
 * reg_store_find_batch_by_hash:
 * @store: a connection
 * @file_hash: a file's content hash
 *
 * Returns: the number of an import of the same file, or 0 when there is none (or on a database
 *   error).
 */
gint64
reg_store_find_batch_by_hash (RegStore *store, const char *file_hash)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id FROM import_batches WHERE file_hash = ?1 ORDER BY id DESC LIMIT 1", NULL);

  if (stmt == NULL)
    return 0;
  reg_stmt_bind_text (stmt, 1, file_hash);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

#define BATCH_COLUMNS \
  "id, file_name, file_hash, format, preset, mapping, rows_read, imported, duplicates, rejected, " \
  "new_customers, created_at"

static RegBatchRecord *
read_batch (RegStmt *stmt)
{
  RegBatchRecord *rec = g_new0 (RegBatchRecord, 1);

  rec->id = sqlite3_column_int64 (stmt, 0);
  rec->file_name = reg_stmt_dup_text (stmt, 1);
  rec->file_hash = reg_stmt_dup_text (stmt, 2);
  rec->format = reg_stmt_dup_text (stmt, 3);
  rec->preset = reg_stmt_dup_text (stmt, 4);
  rec->mapping = reg_stmt_dup_text (stmt, 5);
  rec->rows_read = (guint) sqlite3_column_int64 (stmt, 6);
  rec->imported = (guint) sqlite3_column_int64 (stmt, 7);
  rec->duplicates = (guint) sqlite3_column_int64 (stmt, 8);
  rec->rejected = (guint) sqlite3_column_int64 (stmt, 9);
  rec->new_customers = (guint) sqlite3_column_int64 (stmt, 10);
  rec->created_at = reg_stmt_dup_text (stmt, 11);
  return rec;
}

/**
 * reg_store_list_batches:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegBatchRecord): every import, newest first; %NULL on
 *   error.
 */
GPtrArray *
reg_store_list_batches (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT " BATCH_COLUMNS " FROM import_batches ORDER BY id DESC", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_batch_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_batch (stmt));
  if (!reg_store_check (store, rc, _("listing imports"), error))
    return NULL;
  return g_steal_pointer (&out);
}

static gint64
highest_batch_number (RegStore *store)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT last FROM numbers_used WHERE name = 'import_batches'", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * reg_store_get_batch:
 * @store: a connection
 * @id: an import's number
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Returns: (transfer full) (nullable): the import with its counts, or %NULL on error.
 */
RegBatchRecord *
reg_store_get_batch (RegStore *store, gint64 id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT " BATCH_COLUMNS " FROM import_batches WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_batch (stmt);
  if (rc == SQLITE_DONE && id > 0 && id <= highest_batch_number (store))
    /* numbers are never given out again, so a missing one below the highest was undone */
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                 _("Import %" PRId64 " was undone already; there is nothing more to undo"), id);
  else if (rc == SQLITE_DONE)
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                 _("There is no import with number %" PRId64), id);
  else
    reg_store_check (store, rc, _("reading an import"), error);
  return NULL;
}

static gboolean
run_id (RegStore *store, const char *sql, gint64 id, guint *changes, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reg_store_check (store, sqlite3_step (stmt), _("undoing an import"), error))
    return FALSE;
  if (changes != NULL)
    *changes = (guint) sqlite3_changes (reg_store_get_db (store));
  return TRUE;
}

/**
 * reg_store_undo_batch:
 * Removes everything import @id added, inside the caller's transaction or its own.
 */
gboolean
reg_store_undo_batch (RegStore *store, gint64 id, guint *out_sales, guint *out_customers,
                      GError **error)
{
  g_autoptr(RegBatchRecord) batch = reg_store_get_batch (store, id, error);
  gboolean own_txn = !reg_store_in_transaction (store);
  guint sales = 0, customers = 0;
  gboolean ok;

  if (batch == NULL)
    return FALSE;
  if (own_txn && !reg_store_begin (store, error))
    return FALSE;
  /* the customers whose figures change with the batch's sales */
  reg_store_bulk_begin (store);
  {
    g_autoptr(RegStmt) who = reg_store_prepare (store,
        "SELECT DISTINCT customer_id FROM sales WHERE batch_id = ?1", error);
    ok = who != NULL;
    if (ok)
      {
        sqlite3_bind_int64 (who, 1, id);
        while (ok && sqlite3_step (who) == SQLITE_ROW)
          ok = reg_store_customer_sales_changed (store, sqlite3_column_int64 (who, 0), error);
      }
  }
  ok = ok && run_id (store, "DELETE FROM sales WHERE batch_id = ?1", id, &sales, error)
       && run_id (store, "DELETE FROM feedback WHERE batch_id = ?1", id, NULL, error)
       && run_id (store, "DELETE FROM customer_refs WHERE batch_id = ?1", id, NULL, error)
       /* customers the import created, unless a sale, answer or merge of later work needs them */
       && run_id (store,
                  "DELETE FROM customers WHERE batch_id = ?1"
                  " AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = customers.id)"
                  " AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = customers.id)"
                  " AND NOT EXISTS (SELECT 1 FROM customers m WHERE m.merged_into = customers.id)",
                  id, &customers, error)
       && run_id (store, "UPDATE customers SET batch_id = NULL WHERE batch_id = ?1", id, NULL, error)
       && run_id (store, "DELETE FROM import_batches WHERE id = ?1", id, NULL, error)
       /* the lines went with their sales; the products only they named go too */
       && reg_store_drop_unused_products (store, error)
       && reg_store_bulk_end (store, error);
  if (!ok)
    {
      if (own_txn)
        reg_store_rollback (store);
      return FALSE;
    }
  if (own_txn && !reg_store_commit (store, error))
    return FALSE;
  if (out_sales != NULL)
    *out_sales = sales;
  if (out_customers != NULL)
    *out_customers = customers;
  return TRUE;
}

/**
 * reg_store_find_customer_ref:
 * @store: a connection
 * @kind: "id" (the source's customer id), "iban", "name" or "reference"
 * @source: the source the reference belongs to ("shopify", "ofx:…")
 * @ref: the reference as the file gives it
 *
 * Returns: the customer it points to (the one kept, when merged), or 0 when there is none (or
 *   on a database error).
 */
gint64
reg_store_find_customer_ref (RegStore *store, const char *kind, const char *source,
                             const char *ref)
{
  g_autoptr(RegStmt) stmt = NULL;

  if (ref == NULL || *ref == '\0')
    return 0;
  /* a merged customer's references lead to the customer it was merged into */
  stmt = reg_store_prepare (store,
      "SELECT coalesce(c.merged_into, c.id) FROM customer_refs r JOIN customers c ON c.id = r.customer_id "
      "WHERE r.kind = ?1 AND r.source = ?2 AND r.ref = ?3", NULL);
  if (stmt == NULL)
    return 0;
  reg_stmt_bind_text (stmt, 1, kind);
  reg_stmt_bind_text (stmt, 2, source);
  reg_stmt_bind_text (stmt, 3, ref);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * reg_store_add_customer_ref:
 * @store: a connection
 * @customer_id: a customer's id
 * @kind: "id", "iban", "name" or "reference"
 * @source: the source the reference belongs to
 * @ref: the reference
 * @batch_id: the import that brought it, 0 for none (undoing the import removes it)
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when recorded (or already there).
 */
gboolean
reg_store_add_customer_ref (RegStore *store, gint64 customer_id, const char *kind,
                            const char *source, const char *ref, gint64 batch_id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT OR IGNORE INTO customer_refs (customer_id, kind, source, ref, batch_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  reg_stmt_bind_text (stmt, 2, kind);
  reg_stmt_bind_text (stmt, 3, source);
  reg_stmt_bind_text (stmt, 4, ref);
  if (batch_id > 0)
    sqlite3_bind_int64 (stmt, 5, batch_id);
  else
    sqlite3_bind_null (stmt, 5);
  return reg_store_check (store, sqlite3_step (stmt), _("saving a customer reference"), error);
}

#define REF_ROW "(?, ?, ?, ?, ?)"
#define REF_ROWS_4 REF_ROW ", " REF_ROW ", " REF_ROW ", " REF_ROW
#define REF_ROWS_16 REF_ROWS_4 ", " REF_ROWS_4 ", " REF_ROWS_4 ", " REF_ROWS_4
#define REF_INSERT \
  "INSERT OR IGNORE INTO customer_refs (customer_id, kind, source, ref, batch_id) VALUES "

/**
 * reg_store_add_customer_refs:
 * @refs: (array length=n): references as reg_store_add_customer_ref takes them
 *
 * Adds references as reg_store_add_customer_ref does (one the shop has, or an earlier one in
 * @refs with the same kind, source and ref, is kept as it is), 16 to a statement. Given in the
 * order of their key they go in at the end of the index rather than all over it: for 100,000
 * new customers about half the time of one statement per reference in the order they came.
 */
gboolean
reg_store_add_customer_refs (RegStore *store, const RegCustomerRef *refs, guint n,
                             gint64 batch_id, GError **error)
{
  guint done = 0;

  while (done < n)
    {
      guint k = n - done >= 16 ? 16 : 1;
      g_autoptr(RegStmt) stmt = k == 16 ? reg_store_prepare (store, REF_INSERT REF_ROWS_16, error)
                                        : reg_store_prepare (store, REF_INSERT REF_ROW, error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < k; i++)
        {
          const RegCustomerRef *r = &refs[done + i];
          int at = (int) i * 5;

          sqlite3_bind_int64 (stmt, at + 1, r->customer_id);
          sqlite3_bind_text (stmt, at + 2, r->kind, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, at + 3, r->source, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, at + 4, r->ref, -1, SQLITE_STATIC);
          if (batch_id > 0)
            sqlite3_bind_int64 (stmt, at + 5, batch_id);
          else
            sqlite3_bind_null (stmt, at + 5);
        }
      if (!reg_store_check (store, sqlite3_step (stmt), _("saving a customer reference"), error))
        return FALSE;
      done += k;
    }
  return TRUE;
}

/**
 * reg_store_customer_names:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type gint64 utf8): id (a newly allocated gint64) to name of
 *   every customer not merged away, for near-match suggestions; %NULL on error.
 */
GHashTable *
reg_store_customer_names (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id, name FROM customers WHERE merged_into IS NULL", error);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         reg_stmt_dup_text (stmt, 1));
  if (!reg_store_check (store, rc, _("listing customers"), error))
    return NULL;
  return g_steal_pointer (&names);
}

/**
 * reg_store_save_mapping:
 * @store: a connection
 * @name: the mapping's name
 * @text: the mapping as `--map` takes it; replaces one of the same name
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE when saved.
 */
gboolean
reg_store_save_mapping (RegStore *store, const char *name, const char *text, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO import_mappings (name, mapping) VALUES (?1, ?2) "
      "ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping", error);

  if (stmt == NULL)
    return FALSE;
  reg_stmt_bind_text (stmt, 1, name);
  reg_stmt_bind_text (stmt, 2, text);
  return reg_store_check (store, sqlite3_step (stmt), _("saving a column mapping"), error);
}

/**
 * reg_store_get_mapping:
 * @store: a connection
 * @name: a saved mapping's name
 *
 * Returns: (transfer full) (nullable): the mapping as it was saved, or %NULL when there is none
 *   (or on a database error).
 */
char *
reg_store_get_mapping (RegStore *store, const char *name)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT mapping FROM import_mappings WHERE name = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  reg_stmt_bind_text (stmt, 1, name);
  return sqlite3_step (stmt) == SQLITE_ROW ? reg_stmt_dup_text (stmt, 0) : NULL;
}

/**
 * reg_store_list_mappings:
 * @store: a connection
 *
 * Returns: (transfer full): the names of the saved mappings, sorted; empty when there are none.
 */
GStrv
reg_store_list_mappings (RegStore *store)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT name FROM import_mappings ORDER BY name", NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (stmt, 0));
  return g_strv_builder_end (b);
}

/**
 * reg_store_load_lookup_tables:
 * @store: a connection
 * @source: the source being imported
 * @refs: (element-type utf8 gint64): filled with every reference of @source,
 *   "kind\x1fsource\x1fref" to a newly allocated gint64 customer id
 * @emails: (element-type utf8 gint64): filled with every customer's lower-case e-mail address
 *   to a newly allocated gint64 id
 * @error: a database error (%REG_STORE_ERROR)
 *
 * An import then looks payers up in memory.
 *
 * Returns: %TRUE when both tables were filled.
 */
gboolean
reg_store_load_lookup_tables (RegStore *store, const char *source, GHashTable *refs,
                              GHashTable *emails, GError **error)
{
  g_autoptr(RegStmt) r = reg_store_prepare (store,
      "SELECT r.kind, r.source, r.ref, coalesce(c.merged_into, c.id) FROM customer_refs r "
      "JOIN customers c ON c.id = r.customer_id WHERE r.source IN (?1, 'bank')", error);
  g_autoptr(RegStmt) e = NULL;
  int rc;

  if (r == NULL)
    return FALSE;
  reg_stmt_bind_text (r, 1, source);
  while ((rc = sqlite3_step (r)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (r, 3);
      g_hash_table_insert (refs, g_strdup_printf ("%s\x1f%s\x1f%s", sqlite3_column_text (r, 0),
                                                  sqlite3_column_text (r, 1),
                                                  sqlite3_column_text (r, 2)),
                           g_memdup2 (&id, sizeof id));
    }
  if (!reg_store_check (store, rc, _("reading customer references"), error))
    return FALSE;
  /* the oldest unarchived customer wins an address, as reg_store_find_customer_by_email does */
  e = reg_store_prepare (store,
      "SELECT email, id FROM customers WHERE email IS NOT NULL AND merged_into IS NULL "
      "ORDER BY archived DESC, id DESC", error);
  if (e == NULL)
    return FALSE;
  while ((rc = sqlite3_step (e)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (e, 1);
      /* keyed as the import folds a row's address: the same under every locale */
      g_hash_table_insert (emails, clv_email_fold ((const char *) sqlite3_column_text (e, 0)),
                           g_memdup2 (&id, sizeof id));
    }
  return reg_store_check (store, rc, _("reading customers"), error);
}
