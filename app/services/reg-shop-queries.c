/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fronts read from a shop beyond its list models: one customer's row as the lists
 * show it, every customer row one at a time (for listings of any size), a segment's
 * customers, the last analysis and the campaigns. Main thread, on the shop's own connection.
 */
#include "config.h"

#include "reg-segment-private.h"
#include "reg-shop-private.h"
#include "reg-store-analysis.h"
#include "reg-store-campaigns.h"

/**
 * reg_shop_get_customer_row:
 * @self: the shop
 * @id: a customer's id
 * @error: %REG_STORE_ERROR_NOT_FOUND for no such customer, or a database error
 *
 * Returns: (transfer full) (nullable): the customer with their totals (money in minor units)
 *   and, when the shop was analysed, their scores; %NULL on error.
 */
RegCustomerRow *
reg_shop_get_customer_row (RegShop *self, gint64 id, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_get_customer_row (reg_shop_get_store (self), id, error);
}

/**
 * reg_shop_foreach_customer_row:
 * @self: the shop
 * @include_archived: whether archived customers are listed too
 * @func: called with each customer in name order; returns %FALSE (setting its error) to stop
 * @user_data: for @func
 * @error: a database error, or @func's
 *
 * Reads the customers one at a time, so that a listing of a million customers stays in flat
 * memory. The row passed to @func is only valid during the call.
 *
 * Returns: %TRUE when every customer was passed to @func.
 */
gboolean
reg_shop_foreach_customer_row (RegShop            *self,
                               gboolean            include_archived,
                               RegCustomerRowFunc  func,
                               gpointer            user_data,
                               GError            **error)
{
  RegStore *store;
  g_autoptr(RegStmt) stmt = NULL;

  g_return_val_if_fail (REG_IS_SHOP (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  store = reg_shop_get_store (self);
  stmt = reg_store_list_customer_rows_begin (store, include_archived, error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(RegCustomerRow) row = reg_store_next_customer_row (store, stmt, &local);

      if (row == NULL)
        {
          if (local == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!func (row, user_data, error))
        return FALSE;
    }
}

/**
 * reg_shop_list_segment:
 * @self: the shop
 * @segment: a segment parsed for this shop
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegCustomerRow): the segment's customers, archived
 *   ones left out, most valuable first; %NULL on error.
 */
GPtrArray *
reg_shop_list_segment (RegShop *self, const RegSegment *segment, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  g_return_val_if_fail (segment != NULL, NULL);
  return reg_segment_list (segment, reg_shop_get_store (self), error);
}

/**
 * reg_shop_get_latest_run:
 * @self: the shop
 * @error: a database error
 *
 * Returns: (transfer full) (nullable): the newest analysis as the JSON that `analyze --json`
 *   prints, or %NULL: with @error set on a database error, without when the shop was never
 *   analysed.
 */
char *
reg_shop_get_latest_run (RegShop *self, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_latest_run (reg_shop_get_store (self), NULL, NULL, error);
}

/**
 * reg_shop_list_campaigns:
 * @self: the shop
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegCampaignRecord): the campaigns sent, newest
 *   first, or %NULL on error.
 */
GPtrArray *
reg_shop_list_campaigns (RegShop *self, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_list_campaigns (reg_shop_get_store (self), error);
}

/**
 * reg_shop_get_campaign:
 * @self: the shop
 * @id: the campaign's number
 * @error: %REG_STORE_ERROR_NOT_FOUND for no such campaign, or a database error
 *
 * Returns: (transfer full) (nullable): the campaign with its member counts, or %NULL on error.
 */
RegCampaignRecord *
reg_shop_get_campaign (RegShop *self, gint64 id, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_get_campaign (reg_shop_get_store (self), id, error);
}

/**
 * reg_shop_error_is_missing:
 * @error: an error from reg_shop_open()
 *
 * Returns: whether the shop could not be opened because its file is not there (as opposed to
 *   a file that is not a shop, is damaged, newer or locked).
 */
gboolean
reg_shop_error_is_missing (const GError *error)
{
  return g_error_matches (error, REG_STORE_ERROR, REG_STORE_ERROR_OPEN);
}
