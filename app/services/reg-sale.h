/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSale is one row of the sales list: an immutable snapshot of a sale.
 */
#pragma once

#include <glib-object.h>

#include "reg-records.h"

G_BEGIN_DECLS

#define REG_TYPE_SALE (reg_sale_get_type ())
G_DECLARE_FINAL_TYPE (RegSale, reg_sale, REG, SALE, GObject)

RegSale     *reg_sale_new_from_record   (RegSaleRecord *rec);  /* takes ownership */
const RegSaleRecord *reg_sale_get_record (RegSale *self);
gint64       reg_sale_get_id            (RegSale *self);
gint64       reg_sale_get_customer_id   (RegSale *self);
const char  *reg_sale_get_customer_name (RegSale *self);
gint32       reg_sale_get_day           (RegSale *self);
gint64       reg_sale_get_amount        (RegSale *self);
const char  *reg_sale_get_note          (RegSale *self);

G_END_DECLS
