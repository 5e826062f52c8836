/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GListModel of a shop's most recent sales, newest first; reloaded (it is short) whenever
 * a sale or many rows change.
 */
#include "config.h"

#include "reg-sale.h"
#include "reg-shop-private.h"

/* Enough for a day's entry and its corrections; older sales are in the customer's history. */
#define RECENT_SALES 500

#define REG_TYPE_SALE_LIST (reg_sale_list_get_type ())
G_DECLARE_FINAL_TYPE (RegSaleList, reg_sale_list, REG, SALE_LIST, GObject)

struct _RegSaleList
{
  GObject    parent_instance;
  RegShop   *shop;    /* (unowned) the shop owns this list */
  GPtrArray *items;   /* (owned) RegSale */
};

static GType
list_get_item_type (GListModel *model)
{
  return REG_TYPE_SALE;
}

static guint
list_get_n_items (GListModel *model)
{
  return REG_SALE_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  RegSaleList *self = REG_SALE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

G_DEFINE_TYPE_WITH_CODE (RegSaleList, reg_sale_list, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
reload (RegSaleList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recs = reg_store_list_sales (reg_shop_get_store (self->shop), 0,
                                                    RECENT_SALES, &error);
  guint removed = self->items->len;

  if (recs == NULL)
    {
      g_warning ("Cannot list sales: %s", error->message);
      return;
    }
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < recs->len; i++)
    g_ptr_array_add (self->items, reg_sale_new_from_record (g_steal_pointer (&recs->pdata[i])));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static void
on_shop_changed_cb (RegShop *shop, int kind, gint64 id, RegSaleList *self)
{
  if (kind == REG_SHOP_CHANGE_SALE || kind == REG_SHOP_CHANGE_ALL
      || kind == REG_SHOP_CHANGE_CUSTOMER)
    reload (self);
}

static void
reg_sale_list_finalize (GObject *object)
{
  g_ptr_array_unref (REG_SALE_LIST (object)->items);
  G_OBJECT_CLASS (reg_sale_list_parent_class)->finalize (object);
}

static void
reg_sale_list_class_init (RegSaleListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reg_sale_list_finalize;
}

static void
reg_sale_list_init (RegSaleList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

GListModel *
reg_sale_list_new (RegShop *shop)
{
  RegSaleList *self = g_object_new (REG_TYPE_SALE_LIST, NULL);

  self->shop = shop;
  g_signal_connect_object (shop, "changed", G_CALLBACK (on_shop_changed_cb), self, 0);
  reload (self);
  return G_LIST_MODEL (self);
}
