/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state behind RegView lives with the widget (object data), so the views keep their own
 * parent types and templates; it goes when the widget is destroyed, before its children are
 * gone, so that no queued reload runs on a half-disposed view.
 */
#include "config.h"

#include "reg-view.h"

G_DEFINE_INTERFACE (RegView, reg_view, GTK_TYPE_WIDGET)

typedef struct
{
  RegShop *shop;         /* (owned) (nullable) */
  gulong   changed_id;   /* the shop's "changed" handler, 0 without a shop */
  guint    reload_id;    /* the queued reload, 0 when none */
} ViewState;

static GQuark state_quark;

static void
reg_view_default_init (RegViewInterface *iface)
{
  state_quark = g_quark_from_static_string ("reg-view-state");
}

static void
drop_shop (ViewState *state)
{
  g_clear_handle_id (&state->reload_id, g_source_remove);
  /* a view's dispose may have disconnected everything it had on the shop already */
  if (state->shop != NULL && state->changed_id != 0
      && g_signal_handler_is_connected (state->shop, state->changed_id))
    g_signal_handler_disconnect (state->shop, state->changed_id);
  state->changed_id = 0;
  g_clear_object (&state->shop);
}

static void
state_free (gpointer data)
{
  ViewState *state = data;

  drop_shop (state);
  g_free (state);
}

static void
on_destroy_cb (GtkWidget *widget,
               gpointer   user_data)
{
  g_object_set_qdata (G_OBJECT (widget), state_quark, NULL);
}

static ViewState *
get_state (RegView *self)
{
  ViewState *state = g_object_get_qdata (G_OBJECT (self), state_quark);

  if (state == NULL)
    {
      state = g_new0 (ViewState, 1);
      g_object_set_qdata_full (G_OBJECT (self), state_quark, state, state_free);
      g_signal_connect (self, "destroy", G_CALLBACK (on_destroy_cb), NULL);
    }
  return state;
}

static gboolean
reload_cb (gpointer user_data)
{
  RegView *self = user_data;

  get_state (self)->reload_id = 0;
  reg_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_shop_changed_cb (RegShop *shop,
                    int      change,
                    gint64   id,
                    RegView *self)
{
  RegViewInterface *iface = REG_VIEW_GET_IFACE (self);

  if (iface->shop_changed != NULL && iface->shop_changed (self, (RegShopChange) change, id))
    reg_view_queue_reload (self);
}

/**
 * reg_view_get_shop:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the shop the view shows.
 */
RegShop *
reg_view_get_shop (RegView *self)
{
  g_return_val_if_fail (REG_IS_VIEW (self), NULL);
  return get_state (self)->shop;
}

/**
 * reg_view_set_shop:
 * @self: a view
 * @shop: (nullable): the shop to show
 *
 * Gives the view its shop (or takes it away), listens to the shop's changes and shows it.
 * Nothing happens when @shop is the view's shop already.
 */
void
reg_view_set_shop (RegView *self,
                   RegShop *shop)
{
  ViewState *state;
  RegViewInterface *iface;

  g_return_if_fail (REG_IS_VIEW (self));
  g_return_if_fail (shop == NULL || REG_IS_SHOP (shop));

  state = get_state (self);
  if (state->shop == shop)
    return;
  drop_shop (state);
  iface = REG_VIEW_GET_IFACE (self);
  iface->set_shop (self, shop);
  if (shop != NULL)
    {
      state->shop = g_object_ref (shop);
      state->changed_id = g_signal_connect (shop, "changed", G_CALLBACK (on_shop_changed_cb), self);
    }
  if (iface->reload != NULL)
    iface->reload (self);
}

/**
 * reg_view_reload:
 * @self: a view
 *
 * Shows the shop as it is now, at once; a reload queued for the idle main loop is dropped.
 */
void
reg_view_reload (RegView *self)
{
  RegViewInterface *iface;

  g_return_if_fail (REG_IS_VIEW (self));

  g_clear_handle_id (&get_state (self)->reload_id, g_source_remove);
  iface = REG_VIEW_GET_IFACE (self);
  if (iface->reload != NULL)
    iface->reload (self);
}

/**
 * reg_view_queue_reload:
 * @self: a view
 *
 * Reloads the view once the main loop is idle: an import or an analysis changes many rows in
 * a burst, and the view shows the result once.
 */
void
reg_view_queue_reload (RegView *self)
{
  ViewState *state;

  g_return_if_fail (REG_IS_VIEW (self));

  state = get_state (self);
  if (state->reload_id == 0)
    state->reload_id = g_idle_add (reload_cb, self);
}
