/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable sale snapshot for list views.
 */
#include "config.h"

#include "reg-sale.h"

struct _RegSale
{
  GObject        parent_instance;
  RegSaleRecord *rec;   /* (owned) */
};

G_DEFINE_FINAL_TYPE (RegSale, reg_sale, G_TYPE_OBJECT)

static void
reg_sale_finalize (GObject *object)
{
  reg_sale_record_free (REG_SALE (object)->rec);
  G_OBJECT_CLASS (reg_sale_parent_class)->finalize (object);
}

static void
reg_sale_class_init (RegSaleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reg_sale_finalize;
}

static void
reg_sale_init (RegSale *self)
{
}

/**
 * reg_sale_new_from_record:
 * @rec: (transfer full): a sale with its customer's name
 *
 * Returns: (transfer full): an immutable row of the sales list.
 */
RegSale *
reg_sale_new_from_record (RegSaleRecord *rec)
{
  RegSale *self = g_object_new (REG_TYPE_SALE, NULL);
  self->rec = rec;
  return self;
}

const RegSaleRecord *reg_sale_get_record (RegSale *self) { return self->rec; }
gint64 reg_sale_get_id (RegSale *self) { return self->rec->id; }
gint64 reg_sale_get_customer_id (RegSale *self) { return self->rec->customer_id; }
const char *reg_sale_get_customer_name (RegSale *self) { return self->rec->customer_name; }
gint32 reg_sale_get_day (RegSale *self) { return self->rec->day; }
gint64 reg_sale_get_amount (RegSale *self) { return self->rec->amount; }
const char *reg_sale_get_note (RegSale *self) { return self->rec->note; }
