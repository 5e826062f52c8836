/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sale rows: insert, update, delete, listings, and the ordered scan the analysis reads.
 * A refund is a sale with a negative amount.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "reg-store.h"

/**
 * reg_sale_record_clear:
 * @rec: a sale record
 *
 * Frees its strings and zeroes it; the record itself is the caller's.
 */
void
reg_sale_record_clear (RegSaleRecord *rec)
{
  g_clear_pointer (&rec->note, g_free);
  g_clear_pointer (&rec->source, g_free);
  g_clear_pointer (&rec->external_id, g_free);
  g_clear_pointer (&rec->content_hash, g_free);
  g_clear_pointer (&rec->customer_name, g_free);
}

/**
 * reg_sale_record_free:
 * @rec: (transfer full) (nullable): a sale record
 */
void
reg_sale_record_free (RegSaleRecord *rec)
{
  if (rec == NULL)
    return;
  reg_sale_record_clear (rec);
  g_free (rec);
}

/**
 * reg_sale_record_copy:
 * @rec: a sale record
 *
 * Returns: (transfer full): a deep copy.
 */
RegSaleRecord *
reg_sale_record_copy (const RegSaleRecord *rec)
{
  RegSaleRecord *copy = g_memdup2 (rec, sizeof *rec);

  copy->note = g_strdup (rec->note);
  copy->source = g_strdup (rec->source);
  copy->external_id = g_strdup (rec->external_id);
  copy->content_hash = g_strdup (rec->content_hash);
  copy->customer_name = g_strdup (rec->customer_name);
  return copy;
}

/* Constraint failures on sales named in words the owner can act on. */
static gboolean
explain_sale_error (RegStore *store, int rc, const RegSaleRecord *rec, GError **error)
{
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("There is no customer with id %" PRId64), rec->customer_id);
      return FALSE;
    }
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE,
                   _("A sale with the external id “%s” from “%s” is already in the shop"),
                   rec->external_id != NULL ? rec->external_id : rec->content_hash,
                   rec->source != NULL ? rec->source : "");
      return FALSE;
    }
  if (rc == SQLITE_CONSTRAINT_CHECK)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The sale's date or amount is not allowed (amount %" PRId64
                     " minor units)"), rec->amount);
      return FALSE;
    }
  return reg_store_check (store, rc, _("saving a sale"), error);
}

static gboolean
validate_sale (const RegSaleRecord *rec, GError **error)
{
  if (rec->day <= 0 || rec->day > 3652059 /* 9999-12-31 */)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The sale has no valid date"));
      return FALSE;
    }
  /* a sale of 0 is an order without spend (a free sample, a 100 % discount): a visit */
  if (rec->amount > 10000000000000 || rec->amount < -10000000000000)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The amount is out of range"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_static_text (RegStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* The texts are bound without a copy: @rec and @day must outlive the statement's step (the
 * statement is reset and unbound before its caller returns). */
static void
bind_sale (RegStmt *stmt, const RegSaleRecord *rec, char day[11])
{
  clv_date_format_iso_buf (rec->day, day);
  sqlite3_bind_int64 (stmt, 1, rec->customer_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rec->amount);
  bind_static_text (stmt, 4, rec->source);
  bind_static_text (stmt, 5, rec->external_id);
  if (rec->batch_id > 0)
    sqlite3_bind_int64 (stmt, 6, rec->batch_id);
  else
    sqlite3_bind_null (stmt, 6);
  bind_static_text (stmt, 7, rec->note);
  bind_static_text (stmt, 8, rec->content_hash);
  if (rec->content_key != 0)
    sqlite3_bind_int64 (stmt, 9, rec->content_key);
  else
    sqlite3_bind_null (stmt, 9);
}

/**
 * reg_store_insert_sale:
 * Returns: the new sale's id, or 0 with %REG_STORE_ERROR_CONSTRAINT (unknown customer, bad
 *   date, amount zero or out of range) or %REG_STORE_ERROR_DUPLICATE (same source and external
 *   id or content hash).
 */
gint64
reg_store_insert_sale (RegStore *store, const RegSaleRecord *rec, GError **error)
{
  g_autoptr(RegStmt) stmt = NULL;
  const char *stamp = reg_store_bulk_stamp (store);
  char day[11];
  gint64 id;
  int rc;

  ClvKeySet *keys = NULL;

  if (!validate_sale (rec, error))
    return 0;
  /* while the unique index of content keys waits for the end of a bulk write, the key is
   * checked here as the index would */
  if (rec->content_key != 0
      && !reg_store_deferred_sale_keys (store, rec->source, &keys, error))
    return 0;
  if (keys != NULL && !clv_key_set_add (keys, (guint64) rec->content_key))
    return explain_sale_error (store, SQLITE_CONSTRAINT_UNIQUE, rec, error) ? 0 : 0;
  /* a bulk write gives its rows one creation time instead of reading the clock per row */
  if (stamp != NULL)
    stmt = reg_store_prepare (store,
        "INSERT INTO sales (customer_id, day, amount, source, external_id, batch_id, note, "
        "content_hash, content_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        error);
  else
    stmt = reg_store_prepare (store,
        "INSERT INTO sales (customer_id, day, amount, source, external_id, batch_id, note, "
        "content_hash, content_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return 0;
  bind_sale (stmt, rec, day);
  if (stamp != NULL)
    sqlite3_bind_text (stmt, 10, stamp, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (keys != NULL)
        clv_key_set_remove (keys, (guint64) rec->content_key);
      return explain_sale_error (store, rc, rec, error) ? 0 : 0;
    }
  id = sqlite3_last_insert_rowid (reg_store_get_db (store));
  if (!reg_store_customer_sales_changed (store, rec->customer_id, error))
    return 0;
  return id;
}

/**
 * reg_store_check_sale:
 * @rec: a sale: its Julian day and amount in minor units
 * @error: %REG_STORE_ERROR_CONSTRAINT naming the rule broken
 *
 * The rules a sale must meet to be stored, checked without writing.
 *
 * Returns: %TRUE when the sale may be stored.
 */
gboolean
reg_store_check_sale (const RegSaleRecord *rec, GError **error)
{
  return validate_sale (rec, error);
}

/* One row of the multi-row insert below; the SQL is a literal put together by the compiler. */
#define SALE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define SALE_COLUMNS_PER_ROW 10
#define SALE_ROWS_4 SALE_ROW ", " SALE_ROW ", " SALE_ROW ", " SALE_ROW
#define SALE_ROWS_16 SALE_ROWS_4 ", " SALE_ROWS_4 ", " SALE_ROWS_4 ", " SALE_ROWS_4
/* INSERT OR IGNORE: a statement of many rows that could stop half-way would need a statement
 * journal (a copy of every page it changes, which ends up in a temporary file); one that skips
 * what it cannot add needs none. What it skipped is then looked at (check_skipped). */
#define SALE_INSERT \
  "INSERT OR IGNORE INTO sales (customer_id, day, amount, source, external_id, batch_id, " \
  "note, content_hash, content_key, created_at) VALUES "

G_STATIC_ASSERT (REG_STORE_SALES_PER_INSERT == 16);

/* Every sale of @recs that was not added must be one the shop has (the same source and external
 * id or content hash): anything else broke a rule of the table, and is written once more
 * without OR IGNORE to fail with SQLite's reason. */
static gboolean
check_skipped (RegStore *store, const RegSaleRecord *recs, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      const RegSaleRecord *rec = &recs[i];

      /* without a source the unique keys never clash (NULL is distinct from NULL) */
      if (rec->source != NULL
          && ((rec->external_id != NULL
               && reg_store_sale_exists (store, rec->source, rec->external_id, NULL))
              || (rec->content_hash != NULL
                  && reg_store_sale_exists (store, rec->source, NULL, rec->content_hash))
              || (rec->content_key != 0
                  && reg_store_sale_key_exists (store, rec->source, rec->content_key))))
        continue;
      {
        ClvKeySet *keys = NULL;

        /* written once more for SQLite's reason: its key is not the shop's */
        if (rec->content_key != 0
            && reg_store_deferred_sale_keys (store, rec->source, &keys, NULL) && keys != NULL)
          clv_key_set_remove (keys, (guint64) rec->content_key);
        reg_store_insert_sale (store, rec, error);
        if (error != NULL && *error == NULL)
          g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                       _("The sale's date or amount is not allowed (amount %" PRId64
                         " minor units)"), rec->amount);
        return FALSE;
      }
    }
  return TRUE;
}

/* Adds what the last @inserted rows of the sales table hold: rows an insert adds get the ids
 * after the largest one (SQLite's rule for an INTEGER PRIMARY KEY left to it). */
static gboolean
count_inserted (RegStore *store, guint inserted, gint64 *amount, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT customer_id, amount FROM sales ORDER BY id DESC LIMIT ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inserted);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *amount += sqlite3_column_int64 (stmt, 1);
      if (!reg_store_customer_sales_changed (store, sqlite3_column_int64 (stmt, 0), error))
        return FALSE;
    }
  return reg_store_check (store, rc, _("saving sales"), error);
}

/* Whether the shop, or a sale of @kept (those written before it in the same call), has
 * @rec's external id or content hash: the other unique keys, which leave the sale out too. */
static gboolean
other_key_known (RegStore *store, const RegSaleRecord *rec, const RegSaleRecord *kept,
                 guint n_kept)
{
  if (rec->external_id == NULL && rec->content_hash == NULL)
    return FALSE;
  if ((rec->external_id != NULL && reg_store_sale_exists (store, rec->source, rec->external_id, NULL))
      || (rec->content_hash != NULL
          && reg_store_sale_exists (store, rec->source, NULL, rec->content_hash)))
    return TRUE;
  for (guint j = 0; j < n_kept; j++)
    if (g_strcmp0 (kept[j].source, rec->source) == 0
        && ((rec->external_id != NULL && g_strcmp0 (kept[j].external_id, rec->external_id) == 0)
            || (rec->content_hash != NULL
                && g_strcmp0 (kept[j].content_hash, rec->content_hash) == 0)))
      return TRUE;
  return FALSE;
}

/* Leaves out of @recs the sales whose content key the shop has (or that come twice), while
 * the unique index of content keys waits for the end of a bulk write, as the index would
 * have; the keys of the others join the set. A keyed sale that another unique key leaves out
 * is left out here, before its key counts. Returns the sales to write: @recs itself when
 * nothing was left out, else a copy in @kept. */
static const RegSaleRecord *
drop_known_keys (RegStore *store, const RegSaleRecord *recs, guint *n, RegSaleRecord **kept,
                 GError **error)
{
  const char *last_source = NULL;
  ClvKeySet *keys = NULL;
  guint n_kept = 0;

  for (guint i = 0; i < *n; i++)
    {
      const RegSaleRecord *rec = &recs[i];

      if (rec->content_key != 0 && rec->source != NULL)
        {
          if (last_source == NULL || strcmp (rec->source, last_source) != 0)
            {
              if (!reg_store_deferred_sale_keys (store, rec->source, &keys, error))
                return NULL;
              last_source = rec->source;
              /* the set is far larger than the CPU's caches: the slots of the keys to come
               * are asked for together rather than waited for one by one */
              for (guint j = i; keys != NULL && j < *n; j++)
                if (recs[j].content_key != 0)
                  clv_key_set_prefetch (keys, (guint64) recs[j].content_key);
            }
          if (keys != NULL
              && (other_key_known (store, rec, *kept != NULL ? *kept : recs, n_kept)
                  || !clv_key_set_add (keys, (guint64) rec->content_key)))
            {
              if (*kept == NULL)
                {
                  *kept = g_new (RegSaleRecord, *n);
                  memcpy (*kept, recs, i * sizeof *recs);
                }
              continue;
            }
        }
      if (*kept != NULL)
        (*kept)[n_kept] = *rec;
      n_kept++;
    }
  *n = n_kept;
  return *kept != NULL ? *kept : recs;
}

/**
 * reg_store_insert_sales:
 * @recs: (array length=n): sales to add, as reg_store_insert_sale takes them
 * @n: how many; at most %REG_STORE_SALES_PER_INSERT go in one statement
 * @out_inserted: (out): how many were added
 * @out_amount: (out): the sum of the amounts added (minor units)
 *
 * Adds sales in as few statements as possible, for bulk writers: one statement per 16 sales
 * costs about half as much as one per sale. A sale the shop already has (the same source and
 * external id, or content hash, also earlier in @recs) is left out, as
 * %REG_STORE_ERROR_DUPLICATE would leave it out of reg_store_insert_sale. Every sale is checked
 * first (reg_store_check_sale): one that breaks a rule fails the call before anything is
 * written; one that the shop refuses for any other reason fails it after the sales before it
 * were written, for the caller's transaction to roll back. Inside a bulk write the rows share
 * its creation time (reg_store_bulk_stamp).
 * Returns: %FALSE with @error set on a broken rule or a database error.
 */
gboolean
reg_store_insert_sales (RegStore *store, const RegSaleRecord *recs, guint n,
                        guint *out_inserted, gint64 *out_amount, GError **error)
{
  char days[REG_STORE_SALES_PER_INSERT][11];
  char own_stamp[24];
  const char *stamp = reg_store_bulk_stamp (store);
  guint done = 0, inserted = 0;
  gint64 amount = 0;
  g_autofree RegSaleRecord *kept = NULL;

  *out_inserted = 0;
  *out_amount = 0;
  for (guint i = 0; i < n; i++)
    if (!validate_sale (&recs[i], error))
      return FALSE;
  if ((recs = drop_known_keys (store, recs, &n, &kept, error)) == NULL)
    return FALSE;
  if (stamp == NULL)
    {
      /* outside a bulk write: the time the column's default would give */
      g_autoptr(RegStmt) now = reg_store_prepare (store,
          "SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now')", error);
      if (now == NULL || !reg_store_check (store, sqlite3_step (now), _("saving sales"), error))
        return FALSE;
      g_strlcpy (own_stamp, (const char *) sqlite3_column_text (now, 0), sizeof own_stamp);
      stamp = own_stamp;
    }
  while (done < n)
    {
      guint k = n - done >= REG_STORE_SALES_PER_INSERT ? REG_STORE_SALES_PER_INSERT : 1;
      g_autoptr(RegStmt) stmt = k == REG_STORE_SALES_PER_INSERT
        ? reg_store_prepare (store, SALE_INSERT SALE_ROWS_16, error)
        : reg_store_prepare (store, SALE_INSERT SALE_ROW, error);
      const RegSaleRecord *part = recs + done;
      guint changes;
      int rc;

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < k; i++)
        {
          const RegSaleRecord *rec = &part[i];
          int at = (int) i * SALE_COLUMNS_PER_ROW;

          clv_date_format_iso_buf (rec->day, days[i]);
          sqlite3_bind_int64 (stmt, at + 1, rec->customer_id);
          sqlite3_bind_text (stmt, at + 2, days[i], 10, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, at + 3, rec->amount);
          bind_static_text (stmt, at + 4, rec->source);
          bind_static_text (stmt, at + 5, rec->external_id);
          if (rec->batch_id > 0)
            sqlite3_bind_int64 (stmt, at + 6, rec->batch_id);
          else
            sqlite3_bind_null (stmt, at + 6);
          bind_static_text (stmt, at + 7, rec->note);
          bind_static_text (stmt, at + 8, rec->content_hash);
          if (rec->content_key != 0)
            sqlite3_bind_int64 (stmt, at + 9, rec->content_key);
          else
            sqlite3_bind_null (stmt, at + 9);
          sqlite3_bind_text (stmt, at + 10, stamp, -1, SQLITE_STATIC);
        }
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return explain_sale_error (store, rc, part, error);
      changes = (guint) sqlite3_changes (reg_store_get_db (store));
      if (changes == k)
        for (guint i = 0; i < k; i++)
          {
            amount += part[i].amount;
            if (!reg_store_customer_sales_changed (store, part[i].customer_id, error))
              return FALSE;
          }
      else if ((changes > 0 && !count_inserted (store, changes, &amount, error))
               || !check_skipped (store, part, k, error))
        return FALSE;
      inserted += changes;
      done += k;
    }
  *out_inserted = inserted;
  *out_amount = amount;
  return TRUE;
}

static gint64
sale_customer (RegStore *store, gint64 sale)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "SELECT customer_id FROM sales WHERE id = ?1",
                                               NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, sale);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * reg_store_update_sale:
 * @store: a connection
 * @rec: the sale by its id: customer, day (Julian), amount (minor units), note
 * @error: %REG_STORE_ERROR_NOT_FOUND, %REG_STORE_ERROR_CONSTRAINT for a value that breaks
 *   a rule, or another database error
 *
 * Refreshes the totals of its customers, old and new.
 *
 * Returns: %TRUE when saved.
 */
gboolean
reg_store_update_sale (RegStore *store, const RegSaleRecord *rec, GError **error)
{
  g_autoptr(RegStmt) stmt = NULL;
  gint64 old_customer;
  char day[11];
  int rc;

  if (!validate_sale (rec, error))
    return FALSE;
  old_customer = sale_customer (store, rec->id);
  stmt = reg_store_prepare (store,
      "UPDATE sales SET customer_id = ?1, day = ?2, amount = ?3, source = ?4, external_id = ?5, "
      "batch_id = ?6, note = ?7, content_hash = ?8, content_key = ?9 WHERE id = ?10", error);
  if (stmt == NULL)
    return FALSE;
  bind_sale (stmt, rec, day);
  sqlite3_bind_int64 (stmt, 10, rec->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return explain_sale_error (store, rc, rec, error);
  if (sqlite3_changes (reg_store_get_db (store)) == 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("There is no sale with id %" PRId64), rec->id);
      return FALSE;
    }
  return reg_store_customer_sales_changed (store, rec->customer_id, error)
         && (old_customer == rec->customer_id
             || reg_store_customer_sales_changed (store, old_customer, error));
}

/**
 * reg_store_delete_sale:
 * @store: a connection
 * @id: a sale's id
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Refreshes its customer's totals.
 *
 * Returns: %TRUE when deleted.
 */
gboolean
reg_store_delete_sale (RegStore *store, gint64 id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "DELETE FROM sales WHERE id = ?1", error);
  gint64 customer = sale_customer (store, id);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reg_store_check (store, sqlite3_step (stmt), _("deleting a sale"), error))
    return FALSE;
  if (sqlite3_changes (reg_store_get_db (store)) == 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("There is no sale with id %" PRId64), id);
      return FALSE;
    }
  return reg_store_customer_sales_changed (store, customer, error);
}

#define SALE_COLUMNS \
  "s.id, s.customer_id, s.day, s.amount, s.note, s.source, s.external_id, s.content_hash, " \
  "s.batch_id, c.name, s.content_key"

static RegSaleRecord *
read_sale (RegStmt *stmt, RegSaleRecord *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->customer_id = sqlite3_column_int64 (stmt, 1);
  out->day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 2));
  out->amount = sqlite3_column_int64 (stmt, 3);
  out->note = reg_stmt_dup_text (stmt, 4);
  out->source = reg_stmt_dup_text (stmt, 5);
  out->external_id = reg_stmt_dup_text (stmt, 6);
  out->content_hash = reg_stmt_dup_text (stmt, 7);
  out->batch_id = sqlite3_column_int64 (stmt, 8);
  out->customer_name = reg_stmt_dup_text (stmt, 9);
  out->content_key = sqlite3_column_int64 (stmt, 10);
  return out;
}

/**
 * reg_store_get_sale:
 * @store: a connection
 * @id: a sale's id
 * @out: (out caller-allocates): the sale; clear it with reg_sale_record_clear()
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Returns: %TRUE when @out was filled.
 */
gboolean
reg_store_get_sale (RegStore *store, gint64 id, RegSaleRecord *out, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT " SALE_COLUMNS " FROM sales s JOIN customers c ON c.id = s.customer_id "
      "WHERE s.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      read_sale (stmt, out);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                 _("There is no sale with id %" PRId64), id);
  else
    reg_store_check (store, rc, _("reading a sale"), error);
  return FALSE;
}

/**
 * reg_store_list_sales:
 * @store: a connection
 * @customer_id: a customer's id, or 0 for every customer's sales
 * @limit: at most this many, 0 = all
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegSaleRecord): the sales, newest first, each with its
 *   customer's name; %NULL on error.
 */
GPtrArray *
reg_store_list_sales (RegStore *store, gint64 customer_id, guint limit, GError **error)
{
  /* two statements, not "?1 = 0 OR customer_id = ?1": the planner must know which index
   * serves the query (the day index for recent sales, the customer index for one customer) */
  g_autoptr(RegStmt) stmt = customer_id == 0
    ? reg_store_prepare (store,
        "SELECT " SALE_COLUMNS " FROM sales s JOIN customers c ON c.id = s.customer_id "
        "ORDER BY s.day DESC, s.id DESC LIMIT ?2", error)
    : reg_store_prepare (store,
        "SELECT " SALE_COLUMNS " FROM sales s JOIN customers c ON c.id = s.customer_id "
        "WHERE s.customer_id = ?1 ORDER BY s.day DESC, s.id DESC LIMIT ?2", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_sale_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (customer_id != 0)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? G_MAXINT64 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_sale (stmt, g_new0 (RegSaleRecord, 1)));
  if (!reg_store_check (store, rc, _("listing sales"), error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * reg_store_count_sales:
 * @store: a connection
 *
 * Returns: how many sales the shop holds; 0 on a database error.
 */
gint64
reg_store_count_sales (RegStore *store)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "SELECT count(*) FROM sales", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * reg_store_sale_exists:
 * @store: a connection
 * @source: where the sale came from ("shopify", "ofx:…")
 * @external_id: (nullable): the source's own id of the sale
 * @content_hash: (nullable): the content key of a row imported before schema 6
 *
 * Returns: whether the shop has a sale of @source with that id, or else with that hash.
 */
gboolean
reg_store_sale_exists (RegStore *store, const char *source, const char *external_id,
                       const char *content_hash)
{
  g_autoptr(RegStmt) stmt = NULL;

  if (external_id != NULL)
    {
      stmt = reg_store_prepare (store,
          "SELECT 1 FROM sales WHERE source IS ?1 AND external_id = ?2", NULL);
      if (stmt == NULL)
        return FALSE;
      reg_stmt_bind_text (stmt, 1, source);
      reg_stmt_bind_text (stmt, 2, external_id);
    }
  else if (content_hash != NULL)
    {
      stmt = reg_store_prepare (store,
          "SELECT 1 FROM sales WHERE source IS ?1 AND content_hash = ?2", NULL);
      if (stmt == NULL)
        return FALSE;
      reg_stmt_bind_text (stmt, 1, source);
      reg_stmt_bind_text (stmt, 2, content_hash);
    }
  else
    return FALSE;
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * reg_store_sale_key_exists:
 * @store: a connection
 * @source: where the sale came from
 * @content_key: the content and occurrence key of a row without an id (reg-occurrence.c)
 *
 * Returns: whether the shop has a sale of @source with that key.
 */
gboolean
reg_store_sale_key_exists (RegStore *store, const char *source, gint64 content_key)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT 1 FROM sales WHERE source IS ?1 AND content_key = ?2", NULL);

  if (stmt == NULL)
    return FALSE;
  reg_stmt_bind_text (stmt, 1, source);
  sqlite3_bind_int64 (stmt, 2, content_key);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * reg_store_source_has_hashes:
 * @store: a connection
 * @source: where sales came from
 *
 * Returns: whether sales of @source were imported with the content hashes of before schema 6
 *   (rows of the same content are duplicates of those, whatever their occurrence).
 */
gboolean
reg_store_source_has_hashes (RegStore *store, const char *source)
{
  /* served by the partial index on (source, content_hash) */
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT 1 FROM sales WHERE source IS ?1 AND content_hash IS NOT NULL LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  reg_stmt_bind_text (stmt, 1, source);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * reg_store_foreach_sale:
 * Calls @func for every sale in (customer, day) order, reading the day text without
 * allocating; @func returns %FALSE to stop early.
 */
gboolean
reg_store_foreach_sale (RegStore *store, RegSaleFunc func, gpointer data, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT customer_id, day, amount FROM sales ORDER BY customer_id, day", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 1));
      if (!func (sqlite3_column_int64 (stmt, 0), day, sqlite3_column_int64 (stmt, 2), data))
        return TRUE;
    }
  return reg_store_check (store, rc, _("reading sales"), error);
}
