/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The products and sale_lines tables (schema 13): see reg-store-products.h. Same thread rules
 * as every RegStore.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "clv-segments.h"
#include "reg-store-products.h"

void
reg_product_record_free (RegProductRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->code);
  g_free (rec->name);
  g_free (rec);
}

gint64
reg_store_product_id (RegStore *store, const char *code, const char *name, GError **error)
{
  g_autoptr(RegStmt) find = NULL;
  g_autoptr(RegStmt) add = NULL;

  g_return_val_if_fail (code != NULL && name != NULL, 0);
  /* the same rule as the table's CHECK, in C: an import's connection may leave those to us */
  if (*code == '\0' || g_utf8_strlen (code, -1) > 500 || *name == '\0'
      || g_utf8_strlen (name, -1) > 500)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT,
                   _("A product's code and name must have 1 to 500 characters (“%.40s”)"), code);
      return 0;
    }
  find = reg_store_prepare (store, "SELECT id FROM products WHERE code = ?1", error);
  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  add = reg_store_prepare (store, "INSERT INTO products (code, name) VALUES (?1, ?2)", error);
  if (add == NULL)
    return 0;
  sqlite3_bind_text (add, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (add, 2, name, -1, SQLITE_STATIC);
  if (!reg_store_check (store, sqlite3_step (add), _("saving a product"), error))
    return 0;
  return sqlite3_last_insert_rowid (reg_store_get_db (store));
}

gint64
reg_store_batch_sale_id (RegStore *store, const char *source, const char *external_id,
                         gint64 batch)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id FROM sales WHERE source = ?1 AND external_id = ?2 AND batch_id = ?3", NULL);

  if (stmt == NULL || source == NULL || external_id == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, batch);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
reg_store_insert_sale_line (RegStore *store, gint64 sale, gint64 product, gint64 quantity,
                            gint64 amount, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "INSERT INTO sale_lines (sale_id, product_id, quantity, amount) VALUES (?1, ?2, ?3, ?4)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sale);
  sqlite3_bind_int64 (stmt, 2, product);
  sqlite3_bind_int64 (stmt, 3, quantity);
  sqlite3_bind_int64 (stmt, 4, amount);
  return reg_store_check (store, sqlite3_step (stmt), _("saving a sale's line items"), error);
}

GPtrArray *
reg_store_list_products (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT id, code, name FROM products p "
      "WHERE EXISTS (SELECT 1 FROM sale_lines l WHERE l.product_id = p.id) ORDER BY id",
      error);
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_product_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegProductRecord *rec = g_new0 (RegProductRecord, 1);

      rec->id = sqlite3_column_int64 (stmt, 0);
      rec->code = reg_stmt_dup_text (stmt, 1);
      rec->name = reg_stmt_dup_text (stmt, 2);
      g_ptr_array_add (out, rec);
    }
  if (!reg_store_check (store, rc, _("reading products"), error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
reg_store_foreach_sale_line (RegStore *store, RegSaleLineFunc func, gpointer data,
                             GError **error)
{
  /* in the order of the index of sales by customer and day, which ends in the sale's id: the
   * lines of a customer and of a sale come together without a sort */
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT s.customer_id, l.sale_id, l.product_id, l.quantity, l.amount "
      "FROM sales s JOIN sale_lines l ON l.sale_id = s.id "
      "ORDER BY s.customer_id, s.day, s.amount, s.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
          sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
          sqlite3_column_int64 (stmt, 4), data);
  return reg_store_check (store, rc, _("reading line items"), error);
}

guint
reg_store_count_sale_lines (RegStore *store, gint64 batch)
{
  g_autoptr(RegStmt) stmt = batch > 0
    ? reg_store_prepare (store,
                         "SELECT count(*) FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
                         "WHERE s.batch_id = ?1", NULL)
    : reg_store_prepare (store, "SELECT count(*) FROM sale_lines", NULL);

  if (stmt == NULL)
    return 0;
  if (batch > 0)
    sqlite3_bind_int64 (stmt, 1, batch);
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
reg_store_drop_unused_products (RegStore *store, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "DELETE FROM products WHERE NOT EXISTS "
      "(SELECT 1 FROM sale_lines l WHERE l.product_id = products.id)", error);

  return stmt != NULL
         && reg_store_check (store, sqlite3_step (stmt), _("removing products"), error);
}

GHashTable *
reg_store_product_buyers (RegStore *store, const char *code, char **out_name, GError **error)
{
  g_autoptr(RegStmt) find = reg_store_prepare (store,
      "SELECT id, name FROM products WHERE code = ?1", error);
  g_autoptr(RegStmt) buyers = NULL;
  g_autoptr(GHashTable) out = NULL;
  gint64 product;
  int rc;

  if (find == NULL)
    return NULL;
  sqlite3_bind_text (find, 1, code, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (find)) != SQLITE_ROW)
    {
      if (reg_store_check (store, rc, _("reading products"), error))
        g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                     _("No product has the code “%s”"), code);
      return NULL;
    }
  product = sqlite3_column_int64 (find, 0);
  if (out_name != NULL)
    *out_name = reg_stmt_dup_text (find, 1);
  buyers = reg_store_prepare (store,
      "SELECT DISTINCT s.customer_id FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
      "WHERE l.product_id = ?1 AND l.quantity > 0", error);
  if (buyers == NULL)
    return NULL;
  sqlite3_bind_int64 (buyers, 1, product);
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (buyers)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (buyers, 0);
      g_hash_table_add (out, g_memdup2 (&id, sizeof id));
    }
  if (!reg_store_check (store, rc, _("reading line items"), error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
reg_store_product_buyers_by_tier (RegStore *store, const char *code,
                                  guint out_counts[CLV_N_TIERS], GError **error)
{
  g_autoptr(RegStmt) find = reg_store_prepare (store, "SELECT id FROM products WHERE code = ?1",
                                               error);
  g_autoptr(RegStmt) tiers = NULL;
  int rc;

  memset (out_counts, 0, CLV_N_TIERS * sizeof (guint));
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, code, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (find)) != SQLITE_ROW)
    {
      if (reg_store_check (store, rc, _("reading products"), error))
        g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                     _("No product has the code “%s”"), code);
      return FALSE;
    }
  /* the buyers as reg_store_product_buyers() has them; a buyer without a score row (bought
   * after the analysis) counts with the unranked */
  tiers = reg_store_prepare (store,
      "SELECT c.tier, count(*) FROM "
      "(SELECT DISTINCT s.customer_id AS id FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
      " WHERE l.product_id = ?1 AND l.quantity > 0) b "
      "LEFT JOIN customer_scores c ON c.customer_id = b.id GROUP BY c.tier", error);
  if (tiers == NULL)
    return FALSE;
  sqlite3_bind_int64 (tiers, 1, sqlite3_column_int64 (find, 0));
  while ((rc = sqlite3_step (tiers)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (tiers, 0);
      ClvTier tier = CLV_TIER_NONE;

      for (int t = CLV_TIER_TOP; t < CLV_N_TIERS; t++)
        if (g_strcmp0 (id, clv_tier_id ((ClvTier) t)) == 0)
          tier = (ClvTier) t;
      out_counts[tier] += (guint) sqlite3_column_int64 (tiers, 1);
    }
  return reg_store_check (store, rc, _("reading line items"), error);
}

void
reg_sale_line_record_free (RegSaleLineRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->code);
  g_free (rec->name);
  g_free (rec);
}

GPtrArray *
reg_store_list_sale_lines (RegStore *store, gint64 sale, GError **error)
{
  g_autoptr(RegStmt) stmt = reg_store_prepare (store,
      "SELECT p.code, p.name, l.quantity, l.amount FROM sale_lines l "
      "JOIN products p ON p.id = l.product_id WHERE l.sale_id = ?1 ORDER BY l.id", error);
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sale);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_sale_line_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegSaleLineRecord *rec = g_new0 (RegSaleLineRecord, 1);

      rec->code = reg_stmt_dup_text (stmt, 0);
      rec->name = reg_stmt_dup_text (stmt, 1);
      rec->quantity = sqlite3_column_int64 (stmt, 2);
      rec->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (out, rec);
    }
  if (!reg_store_check (store, rc, _("reading line items"), error))
    return NULL;
  return g_steal_pointer (&out);
}
