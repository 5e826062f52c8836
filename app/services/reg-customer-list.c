/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GListModel of every customer of a shop. It follows the shop's "changed" signal: one
 * customer is re-read and replaced in place; bulk changes reload the whole list. The shop owns
 * the list, so the list holds no reference back to it.
 */
#include "config.h"

#include <string.h>

#include "reg-customer.h"
#include "reg-shop-private.h"

#define REG_TYPE_CUSTOMER_LIST (reg_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (RegCustomerList, reg_customer_list, REG, CUSTOMER_LIST, GObject)

struct _RegCustomerList
{
  GObject    parent_instance;
  RegShop   *shop;    /* (unowned) the shop owns this list */
  GPtrArray *items;   /* (owned) RegCustomer, in id order */
};

static GType
list_get_item_type (GListModel *model)
{
  return REG_TYPE_CUSTOMER;
}

static guint
list_get_n_items (GListModel *model)
{
  return REG_CUSTOMER_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  RegCustomerList *self = REG_CUSTOMER_LIST (model);

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

G_DEFINE_TYPE_WITH_CODE (RegCustomerList, reg_customer_list, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Reading a million customers from the shop and making their list items (each name folded,
 * transliterated and given its collation key) take about as long as each other: a second
 * thread makes the items while this one reads, batch by batch and in order, so that the
 * window shows its list in about the time of the reading alone. The reading copies only what
 * the list shows, each batch's strings into one block, not one allocation per string. */
#define BATCH 4096
#define NO_STRING G_MAXUINT

typedef struct
{
  RegCustomerBrief brief;   /* its strings unset: the offsets below say where they are */
  guint            name, email, tier, rfm_group;   /* into the batch's text, or NO_STRING */
} Entry;

typedef struct
{
  GArray  *entries;         /* (owned) Entry */
  GString *text;            /* (owned) the entries' strings, each ending in a zero */
} Batch;

static void
batch_free (Batch *b)
{
  g_array_unref (b->entries);
  g_string_free (b->text, TRUE);
  g_free (b);
}

static Batch *
batch_new (void)
{
  Batch *b = g_new (Batch, 1);

  b->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), BATCH);
  b->text = g_string_sized_new (BATCH * 48);
  return b;
}

static guint
batch_add_string (Batch      *b,
                  const char *s)
{
  guint at = (guint) b->text->len;

  if (s == NULL)
    return NO_STRING;
  g_string_append_len (b->text, s, (gssize) strlen (s) + 1);
  return at;
}

static void
batch_add (Batch                  *b,
           const RegCustomerBrief *brief)
{
  Entry e = { .brief = *brief };

  e.name = batch_add_string (b, brief->name);
  e.email = batch_add_string (b, brief->email);
  e.tier = batch_add_string (b, brief->tier);
  e.rfm_group = batch_add_string (b, brief->rfm_group);
  g_array_append_val (b->entries, e);
}

typedef struct
{
  GAsyncQueue *batches;   /* (owned) Batch (owned), an empty one last */
  GPtrArray   *items;     /* (owned) RegCustomer, in the order read */
} Maker;

static gpointer
make_items (gpointer data)
{
  Maker *m = data;
  g_autoptr(GString) scratch = g_string_sized_new (256);

  for (;;)
    {
      Batch *batch = g_async_queue_pop (m->batches);
      const char *text = batch->text->str;

      if (batch->entries->len == 0)
        {
          batch_free (batch);
          return NULL;
        }
      for (guint i = 0; i < batch->entries->len; i++)
        {
          Entry *e = &g_array_index (batch->entries, Entry, i);

          e->brief.name = e->name != NO_STRING ? text + e->name : NULL;
          e->brief.email = e->email != NO_STRING ? text + e->email : NULL;
          e->brief.tier = e->tier != NO_STRING ? text + e->tier : NULL;
          e->brief.rfm_group = e->rfm_group != NO_STRING ? text + e->rfm_group : NULL;
          g_ptr_array_add (m->items, reg_customer_new_from_brief (&e->brief, scratch));
        }
      batch_free (batch);
    }
}

static void
reload (RegCustomerList *self)
{
  g_autoptr(GError) error = NULL;
  RegStore *store = reg_shop_get_store (self->shop);
  g_autoptr(RegStmt) stmt = reg_store_list_customer_briefs_begin (store, &error);
  guint removed = self->items->len;
  RegCustomerBrief brief;
  Maker m;
  GThread *thread;
  Batch *batch;

  if (stmt == NULL)
    {
      g_warning ("Cannot list customers: %s", error->message);
      return;
    }
  m.batches = g_async_queue_new ();
  m.items = g_ptr_array_new_with_free_func (g_object_unref);
  thread = g_thread_new ("reg-customers", make_items, &m);
  batch = batch_new ();
  while (reg_store_next_customer_brief (store, stmt, &brief, &error))
    {
      batch_add (batch, &brief);
      if (batch->entries->len == BATCH)
        {
          g_async_queue_push (m.batches, batch);
          batch = batch_new ();
        }
    }
  if (batch->entries->len > 0)
    {
      g_async_queue_push (m.batches, batch);
      batch = batch_new ();
    }
  g_async_queue_push (m.batches, batch);   /* empty: the end */
  g_thread_join (thread);
  g_async_queue_unref (m.batches);
  if (error != NULL)
    {
      g_warning ("Cannot list customers: %s", error->message);
      g_ptr_array_unref (m.items);
      return;
    }
  g_ptr_array_unref (self->items);
  self->items = m.items;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

/* Binary search: items are in id order. Returns TRUE when found; *pos is the insert point. */
static gboolean
find_position (RegCustomerList *self, gint64 id, guint *pos)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = reg_customer_get_id (g_ptr_array_index (self->items, mid));
      if (mid_id == id)
        {
          *pos = mid;
          return TRUE;
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  *pos = lo;
  return FALSE;
}

static void
update_one (RegCustomerList *self, gint64 id)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRow *row = reg_store_get_customer_row (reg_shop_get_store (self->shop), id, &error);
  guint pos;
  gboolean found = find_position (self, id, &pos);

  if (row != NULL && row->merged_into > 0)
    g_clear_pointer (&row, reg_customer_row_free);   /* merged away: no longer a list item */
  if (row == NULL)
    {
      if (found)
        {
          g_ptr_array_remove_index (self->items, pos);
          g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
        }
      return;
    }
  if (found)
    {
      g_object_unref (self->items->pdata[pos]);
      self->items->pdata[pos] = reg_customer_new_from_row (row);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
    }
  else
    {
      g_ptr_array_insert (self->items, (gint) pos, reg_customer_new_from_row (row));
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
    }
}

static void
on_shop_changed_cb (RegShop *shop, int kind, gint64 id, RegCustomerList *self)
{
  switch ((RegShopChange) kind)
    {
    case REG_SHOP_CHANGE_CUSTOMER:
    case REG_SHOP_CHANGE_CUSTOMER_REMOVED:
      update_one (self, id);
      break;
    case REG_SHOP_CHANGE_ALL:
    case REG_SHOP_CHANGE_SCORES:
      reload (self);
      break;
    case REG_SHOP_CHANGE_SALE:
    case REG_SHOP_CHANGE_SETTINGS:
    default:
      break;
    }
}

static void
reg_customer_list_finalize (GObject *object)
{
  g_ptr_array_unref (REG_CUSTOMER_LIST (object)->items);
  G_OBJECT_CLASS (reg_customer_list_parent_class)->finalize (object);
}

static void
reg_customer_list_class_init (RegCustomerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reg_customer_list_finalize;
}

static void
reg_customer_list_init (RegCustomerList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

GListModel *
reg_customer_list_new (RegShop *shop)
{
  RegCustomerList *self = g_object_new (REG_TYPE_CUSTOMER_LIST, NULL);

  self->shop = shop;
  g_signal_connect_object (shop, "changed", G_CALLBACK (on_shop_changed_cb), self, 0);
  reload (self);
  return G_LIST_MODEL (self);
}
