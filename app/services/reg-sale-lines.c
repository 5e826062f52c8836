/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The line items of sales entered by hand: sharing a sale's amount among the lines the owner
 * gave none, and reading back a sale's lines and the products to choose from. Owner's thread.
 */
#include "config.h"

#include "reg-shop-private.h"
#include "reg-store-products.h"

/**
 * reg_sale_lines_share_amount:
 * @lines: (array length=n_lines): the lines, some with the amount %REG_AMOUNT_UNSET
 * @n_lines: how many
 * @sale_amount: the sale's amount, minor units
 *
 * Gives the lines without an amount what the others leave of @sale_amount, in equal shares;
 * the first of them take the odd minor units, so the lines add up to the sale.
 */
void
reg_sale_lines_share_amount (RegSaleLineInput *lines, guint n_lines, gint64 sale_amount)
{
  gint64 rest = sale_amount, odd;
  guint open = 0;

  for (guint i = 0; i < n_lines; i++)
    if (lines[i].amount == REG_AMOUNT_UNSET)
      open++;
    else
      rest -= lines[i].amount;
  if (open == 0)
    return;
  /* a refund's rest is negative, and so are its odd minor units */
  odd = rest % open;
  for (guint i = 0, k = 0; i < n_lines; i++)
    {
      if (lines[i].amount != REG_AMOUNT_UNSET)
        continue;
      lines[i].amount = rest / open + ((gint64) k < ABS (odd) ? (odd > 0 ? 1 : -1) : 0);
      k++;
    }
}

/**
 * reg_shop_list_sale_lines:
 * @self: the shop
 * @sale_id: a sale's id
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegSaleLineRecord): the sale's lines in the order
 *   they were entered (none for a sale without lines), or %NULL on error.
 */
GPtrArray *
reg_shop_list_sale_lines (RegShop *self, gint64 sale_id, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_list_sale_lines (reg_shop_get_store (self), sale_id, error);
}

/**
 * reg_shop_list_products:
 * @self: the shop
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegProductRecord): the products some sale names,
 *   oldest first, or %NULL on error.
 */
GPtrArray *
reg_shop_list_products (RegShop *self, GError **error)
{
  g_return_val_if_fail (REG_IS_SHOP (self), NULL);
  return reg_store_list_products (reg_shop_get_store (self), error);
}
