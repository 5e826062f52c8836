/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop's import history as the fronts see it: the imports with their counts, what kind of
 * file each was, and undoing one (sales, the customers it added, survey answers) in one step.
 * Saved column mappings belong to the import object (reg-import.c). Main thread, on the
 * shop's own connection.
 */
#include "config.h"

#include "reg-shop-private.h"
#include "reg-store-feedback.h"
#include "reg-store-imports.h"

/**
 * reg_shop_list_imports:
 * @self: the shop
 * @error: where a database error goes
 *
 * Returns: (transfer full) (element-type RegBatchRecord): every import of the shop, newest
 *   first (an empty array when there is none), or %NULL on error.
 */
GPtrArray *
reg_shop_list_imports (RegShop *self, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_list_batches (reg_shop_get_store (self), error);
}

/**
 * reg_shop_get_import:
 * @self: the shop
 * @id: the import's number
 * @error: %REG_STORE_ERROR_NOT_FOUND when there is no such import (any more)
 *
 * Returns: (transfer full) (nullable): the import, or %NULL on error.
 */
RegBatchRecord *
reg_shop_get_import (RegShop *self, gint64 id, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_get_batch (reg_shop_get_store (self), id, error);
}

/**
 * reg_batch_is_survey:
 * @batch: an import
 *
 * A survey import records its preset as "survey-nps" or "survey-csat"
 * (reg-feedback-import-job.c): its counts are survey answers, not sales, and it added no
 * customers.
 *
 * Returns: whether @batch brought survey answers rather than sales.
 */
gboolean
reg_batch_is_survey (const RegBatchRecord *batch)
{
  g_return_val_if_fail (batch != NULL, FALSE);
  return batch->preset != NULL && g_str_has_prefix (batch->preset, "survey-");
}

/**
 * reg_shop_undo_import:
 * @self: the shop
 * @batch: the import's number
 * @out: (out) (optional): what was taken out
 * @error: %REG_STORE_ERROR_NOT_FOUND for an import that is not there (undone already: numbers
 *   are never given out twice), or a database error
 *
 * Takes a whole import out of the shop in one transaction: its sales, the customers it added
 * (with anything else of theirs), its survey answers. Sales entered by hand stay. Emits
 * "changed" (%REG_SHOP_CHANGE_ALL) when done; on error the shop is as it was.
 *
 * Returns: %TRUE when the import was undone.
 */
gboolean
reg_shop_undo_import (RegShop *self, gint64 batch, RegUndoSummary *out, GError **error)
{
  RegStore *store;
  RegUndoSummary summary = { 0 };

  g_return_val_if_fail (REG_IS_SHOP (self), FALSE);

  store = reg_shop_get_store (self);
  /* counted before: the undo deletes them (main thread, nothing else writes in between) */
  summary.answers = reg_store_count_batch_feedback (store, batch);
  if (!reg_store_undo_batch (store, batch, &summary.sales, &summary.customers, error))
    return FALSE;
  if (out != NULL)
    *out = summary;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_ALL, 0);
  return TRUE;
}
