/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes an import's line items (see reg-import-lines-private.h). Runs on the import job's
 * thread, inside its transaction.
 */
#include "config.h"

#include "reg-import-lines-private.h"
#include "reg-store-products.h"

struct _RegImportLines
{
  RegStore   *store;     /* (unowned) */
  const char *source;    /* (unowned) */
  gint64      batch;
  GHashTable *products;  /* (owned) code -> product id (gint64 *): a few thousand codes for
                          * hundreds of thousands of lines */
};

RegImportLines *
reg_import_lines_new (RegStore *store, const char *source, gint64 batch)
{
  RegImportLines *self = g_new0 (RegImportLines, 1);

  self->store = store;
  self->source = source;
  self->batch = batch;
  self->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
reg_import_lines_free (RegImportLines *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->products);
  g_free (self);
}

static gint64
product_of (RegImportLines *self, const RegImportLine *line, GError **error)
{
  gint64 *hit = g_hash_table_lookup (self->products, line->code);
  gint64 id;

  if (hit != NULL)
    return *hit;
  id = reg_store_product_id (self->store, line->code, line->name, error);
  if (id != 0)
    g_hash_table_insert (self->products, g_strdup (line->code), g_memdup2 (&id, sizeof id));
  return id;
}

gboolean
reg_import_lines_write (RegImportLines *self, RegImportRow **rows, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      RegImportRow *row = rows[i];
      gint64 sale;

      if (row == NULL || row->lines == NULL || row->lines->len == 0)
        continue;
      sale = reg_store_batch_sale_id (self->store, self->source, row->external_id, self->batch);
      if (sale == 0)
        continue;
      for (guint j = 0; j < row->lines->len; j++)
        {
          const RegImportLine *line = &g_array_index (row->lines, RegImportLine, j);
          gint64 product = product_of (self, line, error);

          if (product == 0
              || !reg_store_insert_sale_line (self->store, sale, product, line->quantity,
                                              line->amount, error))
            return FALSE;
        }
    }
  return TRUE;
}
