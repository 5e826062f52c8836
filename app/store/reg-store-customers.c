/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer rows: insert, update, archive, merge (moving every sale, survey answer and campaign
 * membership to the customer kept), delete (with everything about them), and the list rows the
 * customer views show, joined with the figures of the last analysis.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "clv-text.h"
#include "reg-store.h"

/**
 * reg_customer_record_clear:
 * @rec: a customer record
 *
 * Frees its strings and zeroes it; the record itself is the caller's.
 */
void
reg_customer_record_clear (RegCustomerRecord *rec)
{
  g_clear_pointer (&rec->name, g_free);
  g_clear_pointer (&rec->email, g_free);
  g_clear_pointer (&rec->phone, g_free);
  g_clear_pointer (&rec->channel, g_free);
  g_clear_pointer (&rec->notes, g_free);
}

/**
 * reg_customer_record_free:
 * @rec: (transfer full) (nullable): a customer record
 */
void
reg_customer_record_free (RegCustomerRecord *rec)
{
  if (rec == NULL)
    return;
  reg_customer_record_clear (rec);
  g_free (rec);
}

/**
 * reg_customer_record_copy:
 * @rec: a customer record
 *
 * Returns: (transfer full): a deep copy.
 */
RegCustomerRecord *
reg_customer_record_copy (const RegCustomerRecord *rec)
{
  RegCustomerRecord *copy = g_memdup2 (rec, sizeof *rec);

  copy->name = g_strdup (rec->name);
  copy->email = g_strdup (rec->email);
  copy->phone = g_strdup (rec->phone);
  copy->channel = g_strdup (rec->channel);
  copy->notes = g_strdup (rec->notes);
  return copy;
}

/**
 * reg_customer_row_free:
 * @row: (transfer full) (nullable): a customer row
 */
void
reg_customer_row_free (RegCustomerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->email);
  g_free (row->tier);
  g_free (row->rfm_group);
  g_free (row->phone);
  g_free (row->channel);
  g_free (row);
}

static void
bind_day (RegStmt *stmt, int index, gint32 day)
{
  char buf[11];

  if (day <= 0)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  clv_date_format_iso_buf (day, buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

static void
bind_customer (RegStmt *stmt, const RegCustomerRecord *rec)
{
  reg_stmt_bind_text (stmt, 1, rec->name);
  reg_stmt_bind_text (stmt, 2, rec->email);
  reg_stmt_bind_text (stmt, 3, rec->phone);
  bind_day (stmt, 4, rec->acquired_day);
  reg_stmt_bind_text (stmt, 5, rec->channel);
  sqlite3_bind_int64 (stmt, 6, rec->acquisition_cost);
  sqlite3_bind_int (stmt, 7, rec->email_consent ? 1 : 0);
  reg_stmt_bind_text (stmt, 8, rec->notes);
  sqlite3_bind_int (stmt, 9, rec->archived ? 1 : 0);
}

static gboolean
customer_exists (RegStore *store, gint64 id)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, "SELECT 1 FROM customers WHERE id = ?1",
                                               NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
not_found (gint64 id, GError **error)
{
  g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
               _("There is no customer with id %" PRId64), id);
  return FALSE;
}

/**
 * reg_store_check_customer:
 * The CHECK rules of the customers table (migrations/0001), in C: the name has a character
 * other than a space and at most %CLV_NAME_MAX_CHARS (500) characters, the e-mail address at
 * most 320, the acquisition date is a date of the years 1 to 9999, the acquisition cost
 * between 0 and 10,000,000,000,000 minor units. Booleans are written as 0 or 1 by the store itself.
 * Returns: %FALSE with %REG_STORE_ERROR_CONSTRAINT when one is broken.
 */
gboolean
reg_store_check_customer (const RegCustomerRecord *rec, GError **error)
{
  gboolean blank = TRUE;

  for (const char *p = rec->name; p != NULL && *p != '\0'; p++)
    if (*p != ' ')
      {
        blank = FALSE;
        break;
      }
  if (blank || g_utf8_strlen (rec->name, -1) > CLV_NAME_MAX_CHARS)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("A customer's name must have 1 to %u characters"),
                   (guint) CLV_NAME_MAX_CHARS);
      return FALSE;
    }
  if (rec->email != NULL && g_utf8_strlen (rec->email, -1) > 320)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("An e-mail address may have at most 320 characters"));
      return FALSE;
    }
  if (rec->acquired_day < 0 || rec->acquired_day > 3652059 /* 9999-12-31 */)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The customer's first date is not a valid date"));
      return FALSE;
    }
  if (rec->acquisition_cost < 0 || rec->acquisition_cost > 10000000000000)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("The acquisition cost is out of range"));
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_insert_customer:
 * Returns: the new customer's id, or 0 with @error set.
 */
gint64
reg_store_insert_customer (RegStore *store, const RegCustomerRecord *rec, GError **error)
{
  g_autoptr(RegStmt) stmt = NULL;

  /* SQLite checks the rules itself, except while an import has it leave them to C */
  if (reg_store_checks_in_c (store) && !reg_store_check_customer (rec, error))
    return 0;
  stmt = reg_store_prepare (store,
      "INSERT INTO customers (name, email, phone, acquired_on, channel, acquisition_cost, "
      "email_consent, notes, archived, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      error);
  if (stmt == NULL)
    return 0;
  bind_customer (stmt, rec);
  if (rec->batch_id > 0)
    sqlite3_bind_int64 (stmt, 10, rec->batch_id);
  if (!reg_store_check (store, sqlite3_step (stmt), _("adding a customer"), error))
    return 0;
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

/**
 * reg_store_update_customer:
 * @store: a connection
 * @rec: the customer by its id: name, contact, acquisition (Julian day, cost in minor units),
 *   consent, notes, archived
 * @error: %REG_STORE_ERROR_CONSTRAINT for a value that breaks a rule of the data, or
 *   another database error
 *
 * Returns: %TRUE when saved.
 */
gboolean
reg_store_update_customer (RegStore *store, const RegCustomerRecord *rec, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE customers SET name = ?1, email = ?2, phone = ?3, acquired_on = ?4, channel = ?5, "
      "acquisition_cost = ?6, email_consent = ?7, notes = ?8, archived = ?9, "
      /* an address shared from before migration 0006 is the customer's own once changed */
      "shared_email = shared_email AND lower(email) IS lower(?2) WHERE id = ?10",
      error);

  if (stmt == NULL)
    return FALSE;
  bind_customer (stmt, rec);
  sqlite3_bind_int64 (stmt, 10, rec->id);
  if (!reg_store_check (store, sqlite3_step (stmt), _("changing a customer"), error))
    return FALSE;
  if (sqlite3_changes (reg_store_get_db (store)) == 0)
    return not_found (rec->id, error);
  return TRUE;
}

/**
 * reg_store_get_customer:
 * @store: a connection
 * @id: a customer's id
 * @out: (out caller-allocates): the customer; clear it with reg_customer_record_clear()
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Returns: %TRUE when @out was filled.
 */
gboolean
reg_store_get_customer (RegStore *store, gint64 id, RegCustomerRecord *out, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id, name, email, phone, acquired_on, channel, acquisition_cost, email_consent, "
      "notes, archived, merged_into, batch_id FROM customers WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return not_found (id, error);
  if (!reg_store_check (store, rc, _("reading a customer"), error))
    return FALSE;
  out->id = sqlite3_column_int64 (stmt, 0);
  out->name = reg_stmt_dup_text (stmt, 1);
  out->email = reg_stmt_dup_text (stmt, 2);
  out->phone = reg_stmt_dup_text (stmt, 3);
  out->acquired_day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 4));
  out->channel = reg_stmt_dup_text (stmt, 5);
  out->acquisition_cost = sqlite3_column_int64 (stmt, 6);
  out->email_consent = sqlite3_column_int (stmt, 7) != 0;
  out->notes = reg_stmt_dup_text (stmt, 8);
  out->archived = sqlite3_column_int (stmt, 9) != 0;
  out->merged_into = sqlite3_column_int64 (stmt, 10);
  out->batch_id = sqlite3_column_int64 (stmt, 11);
  return TRUE;
}

/**
 * reg_store_set_archived:
 * @store: a connection
 * @id: a customer's id
 * @archived: archived or not
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_store_set_archived (RegStore *store, gint64 id, gboolean archived, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "UPDATE customers SET archived = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!reg_store_check (store, sqlite3_step (stmt), _("archiving a customer"), error))
    return FALSE;
  if (sqlite3_changes (reg_store_get_db (store)) == 0)
    return not_found (id, error);
  return TRUE;
}

static gboolean
run_with_two_ids (RegStore *store, const char *sql, gint64 a, gint64 b, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return reg_store_check (store, sqlite3_step (stmt), _("merging customers"), error);
}

/**
 * reg_store_merge_customers:
 * Moves every sale, survey answer, reference and campaign membership of @merge_id to @keep_id,
 * fills the kept customer's empty contact fields from the other, and archives @merge_id with a
 * note of where it went. Runs inside the caller's transaction, or its own.
 */
gboolean
reg_store_merge_customers (RegStore *store, gint64 keep_id, gint64 merge_id, GError **error)
{
  gboolean own_txn = !reg_store_in_transaction (store);
  static const char *steps[] = {
    "UPDATE sales SET customer_id = ?1 WHERE customer_id = ?2",
    "UPDATE feedback SET customer_id = ?1 WHERE customer_id = ?2",
    "UPDATE OR IGNORE customer_refs SET customer_id = ?1 WHERE customer_id = ?2",
    "DELETE FROM customer_refs WHERE customer_id = ?2 AND ?1 IS NOT NULL",
    "UPDATE OR IGNORE campaign_members SET customer_id = ?1 WHERE customer_id = ?2",
    "DELETE FROM campaign_members WHERE customer_id = ?2 AND ?1 IS NOT NULL",
    "DELETE FROM customer_scores WHERE customer_id IN (?1, ?2)",
    /* first out of the one-address-one-customer index (0006), then its address moves */
    "UPDATE customers SET archived = 1, merged_into = ?1 WHERE id = ?2",
    "UPDATE customers SET "
    "  email = coalesce(email, (SELECT email FROM customers WHERE id = ?2)),"
    "  phone = coalesce(phone, (SELECT phone FROM customers WHERE id = ?2)),"
    "  email_consent = max(email_consent, (SELECT email_consent FROM customers WHERE id = ?2)),"
    "  acquired_on = CASE WHEN acquired_on IS NULL THEN (SELECT acquired_on FROM customers WHERE id = ?2)"
    "    ELSE min(acquired_on, coalesce((SELECT acquired_on FROM customers WHERE id = ?2), acquired_on)) END"
    " WHERE id = ?1",
    "UPDATE customers SET merged_into = ?1 WHERE merged_into = ?2",
  };

  if (keep_id == merge_id)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("A customer cannot be merged with itself (id %" PRId64 ")"),
                   keep_id);
      return FALSE;
    }
  if (!customer_exists (store, keep_id))
    return not_found (keep_id, error);
  if (!customer_exists (store, merge_id))
    return not_found (merge_id, error);
  if (own_txn && !reg_store_begin (store, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!run_with_two_ids (store, steps[i], keep_id, merge_id, error))
      {
        if (own_txn)
          reg_store_rollback (store);
        return FALSE;
      }
  if (!reg_store_customer_sales_changed (store, keep_id, error)
      || !reg_store_customer_sales_changed (store, merge_id, error))
    {
      if (own_txn)
        reg_store_rollback (store);
      return FALSE;
    }
  return own_txn ? reg_store_commit (store, error) : TRUE;
}

/**
 * reg_store_delete_customer:
 * Removes the customer and everything about them: sales, survey answers, campaign memberships,
 * scores and references (the owner's "forget this person").
 */
gboolean
reg_store_delete_customer (RegStore *store, gint64 id, GError **error)
{
  gboolean own_txn = !reg_store_in_transaction (store);
  static const char *steps[] = {
    "DELETE FROM sales WHERE customer_id = ?1",
    /* those merged into this customer come back; one whose address another customer holds
     * keeps it as a shared one (0006) rather than failing the delete */
    "UPDATE customers SET merged_into = NULL, shared_email = shared_email OR EXISTS ("
    "  SELECT 1 FROM customers o WHERE o.id <> customers.id AND o.merged_into IS NULL"
    "  AND o.email IS NOT NULL AND customers.email IS NOT NULL"
    "  AND lower(o.email) = lower(customers.email)) WHERE merged_into = ?1",
    "DELETE FROM customers WHERE id = ?1",
  };

  if (!customer_exists (store, id))
    return not_found (id, error);
  if (own_txn && !reg_store_begin (store, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(RegStmt) stmt = reg_store_prepare (store, steps[i], error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, id);
      if (stmt == NULL
          || !reg_store_check (store, sqlite3_step (stmt), _("deleting a customer"), error))
        {
          if (own_txn)
            reg_store_rollback (store);
          return FALSE;
        }
    }
  return own_txn ? reg_store_commit (store, error) : TRUE;
}

/**
 * reg_store_find_customers_by_email:
 * @email: an address, folded or not (it is folded with clv_email_fold() here)
 *
 * Returns: (transfer full): the ids of the customers (not merged) with this address, the
 *   active ones first, oldest first: one at most, except in a shop from before migration 0006.
 *   %NULL with @error set on a database error.
 */
GArray *
reg_store_find_customers_by_email (RegStore *store, const char *email, GError **error)
{
  g_autofree char *key = clv_email_fold (email);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RegStmt) stmt = NULL;
  int rc;

  if (*key == '\0')
    return g_steal_pointer (&ids);
  /* "email IS NOT NULL" lets SQLite use the index on lower(email); without it every lookup
   * scans the table (quadratic in an import) */
  stmt = reg_store_prepare (store,
      "SELECT id FROM customers WHERE email IS NOT NULL AND lower(email) = lower(?1) "
      "AND merged_into IS NULL ORDER BY archived, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!reg_store_check (store, rc, _("finding a customer"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* The one customer (not merged) whose column matches @value: 0 when none, -1 with @error when
 * there is none or more than one, unless exactly one of them is active: a sale booked to the
 * lowest id of two namesakes is booked to a guess. */
static gint64
find_unique (RegStore *store, const char *sql, const char *value, gboolean by_email,
             GError **error)
{
  g_autoptr(RegStmt) stmt = NULL;
  gint64 first = 0, second = 0;
  int first_archived = 0, rc;
  g_autofree char *quoted = NULL;

  if (value == NULL || *value == '\0')
    return 0;
  stmt = reg_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      first = sqlite3_column_int64 (stmt, 0);
      first_archived = sqlite3_column_int (stmt, 1);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_int (stmt, 1) == first_archived)
        second = sqlite3_column_int64 (stmt, 0);
    }
  if (rc != SQLITE_ROW && !reg_store_check (store, rc, _("finding a customer"), error))
    return -1;
  if (second == 0)
    return first;
  quoted = clv_text_quote (value);
  if (by_email)
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                 _("“%s” is the e-mail address of customers %" PRId64 " and %" PRId64 ": give "
                   "the customer's id, or merge the two"), quoted, first, second);
  else
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                 _("“%s” is the name of customers %" PRId64 " and %" PRId64 ": give the "
                   "customer's id"), quoted, first, second);
  return -1;
}

/**
 * reg_store_find_customer_by_email:
 * Returns: the id of the (not merged) customer with this e-mail (folded with clv_email_fold()),
 *   0 when none, -1 on a database error or when two customers share it.
 */
gint64
reg_store_find_customer_by_email (RegStore *store, const char *email, GError **error)
{
  g_autofree char *key = clv_email_fold (email != NULL ? email : "");

  return find_unique (store,
                      /* "email IS NOT NULL" lets SQLite use the partial index customers_email */
                      "SELECT id, archived FROM customers WHERE email IS NOT NULL "
                      "AND lower(email) = lower(?1) AND merged_into IS NULL "
                      "ORDER BY archived, id LIMIT 2", key, TRUE, error);
}

/**
 * reg_store_find_customer_by_name:
 * Returns: the id of the (not merged) customer with this name (case-insensitive), 0 when none,
 *   -1 on a database error or when two customers have it.
 */
gint64
reg_store_find_customer_by_name (RegStore *store, const char *name, GError **error)
{
  return find_unique (store,
                      "SELECT id, archived FROM customers WHERE name = ?1 COLLATE NOCASE "
                      "AND merged_into IS NULL ORDER BY archived, id LIMIT 2", name, FALSE,
                      error);
}

/**
 * reg_store_count_customers:
 * @store: a connection
 * @include_archived: whether archived customers count
 *
 * Returns: the customers not merged away; 0 on a database error.
 */
gint64
reg_store_count_customers (RegStore *store, gboolean include_archived)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT count(*) FROM customers WHERE (?1 OR archived = 0) AND merged_into IS NULL", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The figures on the customer row are kept current by the store (reg_store_refresh_*). */
#define CUSTOMER_ROW_SQL \
  "SELECT c.id, c.name, c.email, c.archived, c.email_consent," \
  "   c.purchases, c.total_spend, c.first_purchase, c.last_purchase," \
  "   s.customer_id IS NOT NULL, s.p_alive, s.expected_purchases, s.clv, s.next_purchase, s.tier," \
  "   s.rfm_group, coalesce(s.at_risk, 0), coalesce(c.merged_into, 0), c.phone," \
  "   s.risk_days_since, s.risk_gap_days, s.nps_score, s.nps_day, " \
  "   s.purchases_low, s.purchases_high, s.clv_low, s.clv_high, c.channel" \
  " FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id"

#define CUSTOMER_ROW_SQL_ONE CUSTOMER_ROW_SQL " WHERE c.id = ?1"

static double
column_double_or (RegStmt *stmt, int col, double fallback)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? fallback
                                                        : sqlite3_column_double (stmt, col);
}

static RegCustomerRow *
read_customer_row (RegStmt *stmt)
{
  RegCustomerRow *row = g_new0 (RegCustomerRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->name = reg_stmt_dup_text (stmt, 1);
  row->email = reg_stmt_dup_text (stmt, 2);
  row->archived = sqlite3_column_int (stmt, 3) != 0;
  row->email_consent = sqlite3_column_int (stmt, 4) != 0;
  row->purchases = (guint32) sqlite3_column_int (stmt, 5);
  row->total_spend = sqlite3_column_int64 (stmt, 6);
  row->first_purchase = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 7));
  row->last_purchase = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 8));
  row->scored = sqlite3_column_int (stmt, 9) != 0;
  row->p_alive = column_double_or (stmt, 10, -1);
  row->expected_purchases = column_double_or (stmt, 11, -1);
  row->clv = column_double_or (stmt, 12, -1);
  row->next_purchase = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 13));
  row->tier = reg_stmt_dup_text (stmt, 14);
  row->rfm_group = reg_stmt_dup_text (stmt, 15);
  row->at_risk = (guint32) sqlite3_column_int (stmt, 16);
  row->merged_into = sqlite3_column_int64 (stmt, 17);
  row->phone = reg_stmt_dup_text (stmt, 18);
  row->risk_days_since = sqlite3_column_type (stmt, 19) == SQLITE_NULL
                         ? -1 : sqlite3_column_int (stmt, 19);
  row->risk_gap_days = column_double_or (stmt, 20, -1);
  row->nps_score = sqlite3_column_type (stmt, 21) == SQLITE_NULL
                   ? -1 : sqlite3_column_int (stmt, 21);
  row->nps_day = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 22));
  row->purchases_low = column_double_or (stmt, 23, -1);
  row->purchases_high = column_double_or (stmt, 24, -1);
  row->clv_low = column_double_or (stmt, 25, -1);
  row->clv_high = column_double_or (stmt, 26, -1);
  row->channel = reg_stmt_dup_text (stmt, 27);
  return row;
}

/**
 * reg_store_list_customer_rows_begin:
 * @store: a connection
 * @include_archived: whether archived customers are listed
 * @error: a database error (%REG_STORE_ERROR)
 *
 * The rows of reg_store_list_customer_rows() one at a time, for listings of any size: step it
 * with reg_store_next_customer_row().
 *
 * Returns: (transfer full) (nullable): the statement (release it with reg_stmt_release()), or
 *   %NULL on error.
 */
RegStmt *
reg_store_list_customer_rows_begin (RegStore *store, gboolean include_archived, GError **error)
{
  RegStmt *stmt = reg_store_prepare (store,
      CUSTOMER_ROW_SQL " WHERE (?1 OR c.archived = 0) AND c.merged_into IS NULL ORDER BY c.id",
      error);

  if (stmt != NULL)
    sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  return stmt;
}

/**
 * reg_store_list_customer_rows:
 * @store: a connection
 * @include_archived: whether archived customers are listed
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (element-type RegCustomerRow): the customers with their totals and
 *   scores, by name; %NULL on error.
 */
GPtrArray *
reg_store_list_customer_rows (RegStore *store, gboolean include_archived, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_list_customer_rows_begin (store, include_archived, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_customer_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_customer_row (stmt));
  if (!reg_store_check (store, rc, _("listing customers"), error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * reg_store_customer_rows_begin:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * The active customers for the workbook, most valuable first (predicted value, then those
 * without a prediction by what they spent): step it with reg_store_next_customer_row().
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL on error.
 */
RegStmt *
reg_store_customer_rows_begin (RegStore *store, GError **error)
{
  /* most valuable first, as an owner reads a list; customers without a prediction after, by
   * what they spent (SQLite sorts in bounded memory, spilling to temp files) */
  return reg_store_prepare (store,
      CUSTOMER_ROW_SQL " WHERE c.archived = 0 AND c.merged_into IS NULL"
      " ORDER BY s.clv IS NULL, s.clv DESC, c.total_spend DESC, c.id", error);
}

/* Returns NULL at the end (error unset) or on an error. */
/**
 * reg_store_next_customer_row:
 * @store: a connection
 * @stmt: a statement of reg_store_list_customer_rows_begin() or reg_store_customer_rows_begin()
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: (transfer full) (nullable): the next customer, or %NULL: at the end, or with @error
 *   set on error.
 */
RegCustomerRow *
reg_store_next_customer_row (RegStore *store, RegStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return read_customer_row (stmt);
  reg_store_check (store, rc, _("listing customers"), error);
  return NULL;
}

/**
 * reg_store_get_customer_row:
 * @store: a connection
 * @id: a customer's id
 * @error: %REG_STORE_ERROR_NOT_FOUND, or a database error
 *
 * Returns: (transfer full) (nullable): the customer with their totals (minor units, Julian days)
 *   and scores, or %NULL on error.
 */
RegCustomerRow *
reg_store_get_customer_row (RegStore *store, gint64 id, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store, CUSTOMER_ROW_SQL_ONE, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_customer_row (stmt);
  if (rc == SQLITE_DONE)
    not_found (id, error);
  else
    reg_store_check (store, rc, _("reading a customer"), error);
  return NULL;
}

/* The columns the list shows, no more: a million rows read a third of the columns of
 * CUSTOMER_ROW_SQL, with no string copied here. */
#define CUSTOMER_BRIEF_SQL \
  "SELECT c.id, c.name, c.email, c.archived, c.purchases, c.total_spend, c.last_purchase," \
  "   s.p_alive, s.clv, s.tier, s.rfm_group, s.at_risk" \
  " FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id" \
  " WHERE c.merged_into IS NULL ORDER BY c.id"

/**
 * reg_store_list_customer_briefs_begin:
 * @store: a connection
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Every customer not merged away (archived ones too), by id, with what the customer list
 * shows: step it with reg_store_next_customer_brief().
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL on error.
 */
RegStmt *
reg_store_list_customer_briefs_begin (RegStore *store, GError **error)
{
  return reg_store_prepare (store, CUSTOMER_BRIEF_SQL, error);
}

/**
 * reg_store_next_customer_brief:
 * @store: a connection
 * @stmt: a statement of reg_store_list_customer_briefs_begin()
 * @brief: (out caller-allocates): the next customer; its strings are the statement's, valid
 *   until its next step or its release
 * @error: a database error (%REG_STORE_ERROR)
 *
 * Returns: %TRUE with @brief filled; %FALSE at the end (@error unset) or on error.
 */
gboolean
reg_store_next_customer_brief (RegStore *store, RegStmt *stmt, RegCustomerBrief *brief,
                               GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      reg_store_check (store, rc, _("listing customers"), error);
      return FALSE;
    }
  brief->id = sqlite3_column_int64 (stmt, 0);
  brief->name = (const char *) sqlite3_column_text (stmt, 1);
  brief->email = (const char *) sqlite3_column_text (stmt, 2);
  brief->archived = sqlite3_column_int (stmt, 3) != 0;
  brief->purchases = (guint32) sqlite3_column_int (stmt, 4);
  brief->total_spend = sqlite3_column_int64 (stmt, 5);
  brief->last_purchase = reg_store_parse_day ((const char *) sqlite3_column_text (stmt, 6));
  brief->p_alive = column_double_or (stmt, 7, -1);
  brief->clv = column_double_or (stmt, 8, -1);
  brief->tier = (const char *) sqlite3_column_text (stmt, 9);
  brief->rfm_group = (const char *) sqlite3_column_text (stmt, 10);
  brief->at_risk = (guint32) sqlite3_column_int (stmt, 11);
  if (brief->name == NULL)
    brief->name = "";
  return TRUE;
}
