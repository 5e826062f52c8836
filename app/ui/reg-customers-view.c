/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomersView lists the shop's customers: shop model → RegCustomerSortModel (one C filter
 * for search, tier, group, at risk and archived; the column clicked, sorted on precomputed keys,
 * because GtkSortListModel over a GtkFilterListModel takes a third of a second on 100,000 rows
 * and expression sorters seconds) → GtkMultiSelection → GtkColumnView. A click selects one
 * customer and shows them in a RegCustomerDetail beside the list (Ctrl- and Shift-click select
 * more, for "Set Channel of the Selected Customers…"), or as a page of its own with a way back
 * when the window is too narrow for both (an AdwLeaflet folds). The columns (their cells, the
 * ones that fit the list's width, their sort) are reg-customers-columns.c. Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clv-segments.h"
#include "reg-channel-spend-dialog.h"
#include "reg-customer.h"
#include "reg-customers-view-private.h"
#include "reg-set-channel-dialog.h"
#include "reg-view.h"
#include "reg-ui-util.h"

enum
{
  PROP_0,
  PROP_SHOP,
  PROP_TIER_FILTER,
  PROP_GROUP_FILTER,
  PROP_AT_RISK_ONLY,
  PROP_SHOW_ARCHIVED,
  PROP_SELECTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegCustomersView, reg_customers_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, view_iface_init))

static const char *tier_ids[] = { NULL, "top", "middle", "bottom" };

/* ---- filtering ---- */

static gboolean
filter_customer (RegCustomer *c,
                 gpointer     user_data)
{
  RegCustomersView *self = user_data;

  if (!self->show_archived && reg_customer_get_archived (c))
    return FALSE;
  if (self->tier_filter != NULL && g_strcmp0 (reg_customer_get_tier (c), self->tier_filter) != 0)
    return FALSE;
  if (self->group_filter != NULL && g_strcmp0 (reg_customer_get_rfm_group (c), self->group_filter) != 0)
    return FALSE;
  if (self->at_risk_only && reg_customer_get_at_risk (c) == 0)
    return FALSE;
  if (self->query != NULL)
    {
      const char *text = reg_customer_get_search_text (c);
      if (text == NULL || strstr (text, self->query) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_count (RegCustomersView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint total = self->shop != NULL ? g_list_model_get_n_items (reg_shop_get_customers (self->shop)) : 0;
  g_autofree char *text = NULL;

  guint selected = self->selection != NULL
                   ? (guint) gtk_bitset_get_size (self->selected) : 0;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u customer", "%u of %u customers", total),
                            shown, total);
  /* more than the one whose page is open: what "…Selected Customers" acts on */
  if (selected > 1)
    {
      /* Translators: after "120 customers" in the Customers view, "120 customers, 3 selected" */
      g_autofree char *sel = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected",
                                                           "%u selected", selected), selected);
      g_autofree char *both = g_strdup_printf (_("%s, %s"), text, sel);
      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      if (total == 0)
        {
          adw_status_page_set_title (self->empty_page, _("No Customers Yet"));
          adw_status_page_set_description (self->empty_page,
                                           _("Customers appear here as soon as you add or import a sale."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Matching Customers"));
          adw_status_page_set_description (self->empty_page, _("Try another search or clear the filters."));
        }
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

static void
refilter (RegCustomersView *self,
          GtkFilterChange   change)
{
  /* the model emits items-changed, which updates the count */
  reg_customer_sort_model_refilter (self->model, change == GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
on_search_changed_cb (GtkSearchEntry   *entry,
                      RegCustomersView *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *query = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (query, self->query) == 0)
    return;
  if (self->query == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (query == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (query, self->query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->query, query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  refilter (self, change);
}

static void
on_stop_search_cb (GtkSearchEntry   *entry,
                   RegCustomersView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
set_string_filter (RegCustomersView *self,
                   char            **field,
                   const char       *value,
                   GParamSpec       *pspec)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

static void
on_tier_dropdown_selected_cb (GtkDropDown      *dropdown,
                              GParamSpec       *pspec,
                              RegCustomersView *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  set_string_filter (self, &self->tier_filter, i < G_N_ELEMENTS (tier_ids) ? tier_ids[i] : NULL,
                     properties[PROP_TIER_FILTER]);
}

static void
on_group_dropdown_selected_cb (GtkDropDown      *dropdown,
                               GParamSpec       *pspec,
                               RegCustomersView *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  const char *id = gtk_string_list_get_string (self->group_ids, i);

  set_string_filter (self, &self->group_filter, id, properties[PROP_GROUP_FILTER]);
}

static void
sync_dropdowns (RegCustomersView *self)
{
  guint tier_pos = 0, group_pos = 0;

  for (guint i = 1; i < G_N_ELEMENTS (tier_ids); i++)
    if (g_strcmp0 (tier_ids[i], self->tier_filter) == 0)
      tier_pos = i;
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->group_ids)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->group_ids, i), self->group_filter) == 0)
      group_pos = i;
  g_signal_handlers_block_by_func (self->tier_dropdown, on_tier_dropdown_selected_cb, self);
  g_signal_handlers_block_by_func (self->group_dropdown, on_group_dropdown_selected_cb, self);
  gtk_drop_down_set_selected (self->tier_dropdown, tier_pos);
  gtk_drop_down_set_selected (self->group_dropdown, group_pos);
  g_signal_handlers_unblock_by_func (self->tier_dropdown, on_tier_dropdown_selected_cb, self);
  g_signal_handlers_unblock_by_func (self->group_dropdown, on_group_dropdown_selected_cb, self);
}

static gboolean
view_shop_changed (RegView       *view,
                   RegShopChange  kind,
                   gint64         id)
{
  /* the money and date formats come from the shop's settings; the rows follow the shop's
   * customer list by themselves */
  if (kind == REG_SHOP_CHANGE_SETTINGS || kind == REG_SHOP_CHANGE_ALL)
    REG_CUSTOMERS_VIEW (view)->money_valid = FALSE;
  return FALSE;
}

/* ---- selection and detail ---- */

static gboolean
find_in_model (GListModel *model,
               gint64      id,
               guint      *out_pos)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);

      if (reg_customer_get_id (c) == id)
        {
          *out_pos = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Shows @customer beside the list; when the list and the customer's page do not fit side by
 * side, and @open_page, as a page of its own (a row tapped, a customer opened from elsewhere;
 * not a selection moved with the arrow keys). */
static void
show_detail (RegCustomersView *self,
             RegCustomer      *customer,
             gboolean          open_page)
{
  self->detail_id = customer != NULL ? reg_customer_get_id (customer) : 0;
  reg_customer_detail_set_customer (self->detail, customer);
  if (customer == NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_watch));
  gtk_widget_set_visible (self->detail_page, customer != NULL);
  if (customer != NULL && open_page)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_page);
}

static gboolean
refind_cb (gpointer user_data)
{
  RegCustomersView *self = user_data;
  guint pos;

  self->refind_id = 0;
  if (self->detail_id == 0 || self->shop == NULL)
    return G_SOURCE_REMOVE;

  /* the customer's row was replaced (an edit, a new sale) or moved (a new sort) */
  if (find_in_model (G_LIST_MODEL (self->selection), self->detail_id, &pos))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, TRUE);
      return G_SOURCE_REMOVE;
    }
  if (find_in_model (reg_shop_get_customers (self->shop), self->detail_id, &pos))
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (reg_shop_get_customers (self->shop), pos);
      show_detail (self, c, FALSE);   /* filtered out of the list, still shown */
      return G_SOURCE_REMOVE;
    }
  show_detail (self, NULL, FALSE);    /* merged or deleted */
  return G_SOURCE_REMOVE;
}

/* One customer selected: their page beside the list. More: the page stays as it was, the count
 * says how many. None (the row was replaced by an edit, or moved by a new sort): the customer
 * shown is found again. */
static void
update_selection (RegCustomersView *self)
{
  gtk_bitset_unref (self->selected);
  self->selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.set-channel-selected",
                                 !gtk_bitset_is_empty (self->selected));
  if (gtk_bitset_get_size (self->selected) == 1)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                        gtk_bitset_get_minimum (self->selected));

      /* beside the list; a page of its own only when asked for (a tap, Enter) */
      if (c != NULL && c != reg_customer_detail_get_customer (self->detail))
        show_detail (self, c, FALSE);
    }
  else if (gtk_bitset_is_empty (self->selected) && self->detail_id != 0 && self->refind_id == 0)
    self->refind_id = g_idle_add (refind_cb, self);
}

static void
on_selection_changed_cb (GtkSelectionModel *selection,
                         guint              position,
                         guint              n_items,
                         RegCustomersView  *self)
{
  update_selection (self);
  update_count (self);
}

static void
on_filter_items_changed_cb (GListModel       *model,
                            guint             position,
                            guint             removed,
                            guint             added,
                            RegCustomersView *self)
{
  /* a new order announced in two halves: the rows come back at once, so the list does not
   * flash "No Matching Customers" in between */
  if (reg_customer_sort_model_is_reordering (self->model))
    return;
  /* the selection drops the rows replaced, without a signal of its own */
  update_selection (self);
  update_count (self);
}

static void
on_column_view_activate_cb (GtkColumnView    *view,
                            guint             position,
                            RegCustomersView *self)
{
  g_autoptr(RegCustomer) c = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (c != NULL)
    show_detail (self, c, TRUE);
}

static gboolean
apply_fold_cb (gpointer user_data)
{
  RegCustomersView *self = user_data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->fold_id = 0;
  /* a page of its own has a way back and no close button; in a narrow list one tap opens
   * the customer (a swipe back, or Back, returns to the list where it was) */
  gtk_widget_set_visible (self->back_bar, folded);
  gtk_widget_set_visible (self->detail_separator, !folded);
  reg_customer_detail_set_show_close (self->detail, !folded);
  /* a wide list selects more with Ctrl- and Shift-click; a narrow one, where a tap opens the
   * customer, has a Select button instead */
  gtk_widget_set_visible (self->select_button, folded || self->compact);
  if (!folded && !self->compact && self->selecting)
    g_object_set (self, "selecting", FALSE, NULL);
  gtk_column_view_set_single_click_activate (self->column_view, folded && !self->selecting);
  return G_SOURCE_REMOVE;
}

/* In Select mode a tap adds the row to the selection or takes it out, and opens nothing.
 * The gesture runs before the rows' own (capture phase) and claims the tap, so the row does
 * not make itself the only one selected; a drag that scrolls is the scrolled window's. */
static void
on_select_tap_released_cb (GtkGestureClick  *gesture,
                           int               n_press,
                           double            x,
                           double            y,
                           RegCustomersView *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  guint pos;

  if (!self->selecting || n_press != 1)
    return;
  pos = reg_customers_view_row_at (self, x, y);
  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_selection_model_is_selected (model, pos))
    gtk_selection_model_unselect_item (model, pos);
  else
    gtk_selection_model_select_item (model, pos, FALSE);
}

/* told while the leaflet is laid out: the widgets change after it */
static void
on_leaflet_folded_cb (AdwLeaflet       *leaflet,
                      GParamSpec       *pspec,
                      RegCustomersView *self)
{
  if (self->fold_id == 0)
    self->fold_id = g_idle_add (apply_fold_cb, self);
}

/* ---- actions ---- */

static void
close_detail_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (widget);

  show_detail (self, NULL, FALSE);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_set (self, "tier-filter", NULL, "group-filter", NULL, "at-risk-only", FALSE, NULL);
}

/* The customers the view shows (search and filters applied): what "Set Channel…" changes. */
GArray *
reg_customers_view_get_shown_ids (RegCustomersView *self)
{
  GListModel *model = G_LIST_MODEL (self->model);
  guint n = g_list_model_get_n_items (model);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);
      gint64 id = reg_customer_get_id (c);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
set_channel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (widget);
  g_autoptr(GArray) ids = NULL;

  if (self->shop == NULL)
    return;
  ids = reg_customers_view_get_shown_ids (self);
  if (ids->len == 0)
    {
      reg_ui_toast_text (widget, _("No customers are shown: search or filter for the customers "
                                   "whose channel you want to set."));
      return;
    }
  reg_set_channel_dialog_show (widget, self->shop, ids);
}

/* The customers selected in the list (a click, Ctrl- or Shift-click), in the list's order. */
GArray *
reg_customers_view_get_selected_ids (RegCustomersView *self)
{
  GArray *ids;
  GtkBitsetIter iter;
  guint pos;

  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), NULL);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) gtk_bitset_get_size (self->selected));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, self->selected, &pos); more;
       more = gtk_bitset_iter_next (&iter, &pos))
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (G_LIST_MODEL (self->selection), pos);
      gint64 id;

      if (c == NULL)
        continue;
      id = reg_customer_get_id (c);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
set_channel_selected_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (widget);
  g_autoptr(GArray) ids = NULL;

  if (self->shop == NULL)
    return;
  ids = reg_customers_view_get_selected_ids (self);
  if (ids->len > 0)
    reg_set_channel_dialog_show_selected (widget, self->shop, ids);
}

static void
channel_spend_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (widget);

  if (self->shop != NULL)
    reg_channel_spend_dialog_show (widget, self->shop);
}

/* ---- GObject ---- */

static void
reg_customers_view_dispose (GObject *object)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (object);

  g_clear_handle_id (&self->refind_id, g_source_remove);
  g_clear_handle_id (&self->fold_id, g_source_remove);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->group_ids);
  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_customers_view_parent_class)->dispose (object);
}

static void
reg_customers_view_finalize (GObject *object)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (object);

  /* after dispose: the column view tears its cells down in it */
  g_hash_table_unref (self->name_items);
  gtk_bitset_unref (self->selected);
  g_free (self->query);
  g_free (self->tier_filter);
  g_free (self->group_filter);
  G_OBJECT_CLASS (reg_customers_view_parent_class)->finalize (object);
}

static void
reg_customers_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      g_value_set_object (value, self->shop);
      break;
    case PROP_TIER_FILTER:
      g_value_set_string (value, self->tier_filter);
      break;
    case PROP_GROUP_FILTER:
      g_value_set_string (value, self->group_filter);
      break;
    case PROP_AT_RISK_ONLY:
      g_value_set_boolean (value, self->at_risk_only);
      break;
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    case PROP_SELECTING:
      g_value_set_boolean (value, self->selecting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customers_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      reg_customers_view_set_shop (self, g_value_get_object (value));
      break;
    case PROP_TIER_FILTER:
      if (set_string_filter (self, &self->tier_filter, g_value_get_string (value), pspec))
        sync_dropdowns (self);
      break;
    case PROP_GROUP_FILTER:
      if (set_string_filter (self, &self->group_filter, g_value_get_string (value), pspec))
        sync_dropdowns (self);
      break;
    case PROP_AT_RISK_ONLY:
      if (self->at_risk_only != g_value_get_boolean (value))
        {
          self->at_risk_only = g_value_get_boolean (value);
          refilter (self, self->at_risk_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          refilter (self, self->show_archived ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SELECTING:
      if (self->selecting != g_value_get_boolean (value))
        {
          self->selecting = g_value_get_boolean (value);
          gtk_column_view_set_single_click_activate (self->column_view,
                                                     !self->selecting
                                                     && adw_leaflet_get_folded (self->leaflet));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customers_view_class_init (RegCustomersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_customers_view_dispose;
  object_class->finalize = reg_customers_view_finalize;
  object_class->get_property = reg_customers_view_get_property;
  object_class->set_property = reg_customers_view_set_property;

  properties[PROP_SHOP] =
    g_param_spec_object ("shop", NULL, NULL, REG_TYPE_SHOP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIER_FILTER] =
    g_param_spec_string ("tier-filter", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_FILTER] =
    g_param_spec_string ("group-filter", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT_RISK_ONLY] =
    g_param_spec_boolean ("at-risk-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTING] =
    g_param_spec_boolean ("selecting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REG_TYPE_CUSTOMER_DETAIL);
  g_type_ensure (REG_TYPE_WIDTH_WATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, list_watch);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, detail_page);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, back_bar);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, select_button);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RegCustomersView, detail);
  gtk_widget_class_bind_template_child_full (widget_class, "col_name", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_email", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_EMAIL]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_tier", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_TIER]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_rfm_group", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_RFM_GROUP]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_last_purchase", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_LAST_PURCHASE]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_purchases", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_PURCHASES]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_total_spend", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_TOTAL_SPEND]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_p_alive", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_P_ALIVE]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_clv", FALSE,
                                             G_STRUCT_OFFSET (RegCustomersView, columns[COL_CLV]));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tier_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_group_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_list_width_cb",
                                                G_CALLBACK (reg_customers_view_on_list_width_cb));

  gtk_widget_class_install_action (widget_class, "customers.close-detail", NULL, close_detail_action);
  gtk_widget_class_install_action (widget_class, "customers.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "customers.set-channel", NULL, set_channel_action);
  gtk_widget_class_install_action (widget_class, "customers.set-channel-selected", NULL,
                                   set_channel_selected_action);
  gtk_widget_class_install_action (widget_class, "customers.channel-spend", NULL,
                                   channel_spend_action);
  gtk_widget_class_install_property_action (widget_class, "customers.at-risk-only", "at-risk-only");
  gtk_widget_class_install_property_action (widget_class, "customers.show-archived", "show-archived");
  gtk_widget_class_install_property_action (widget_class, "customers.selecting", "selecting");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "customers.close-detail", NULL);
}

static void
reg_customers_view_init (RegCustomersView *self)
{
  g_autoptr(GtkStringList) tier_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) group_names = gtk_string_list_new (NULL);

  self->name_items = g_hash_table_new (NULL, NULL);
  self->selected = gtk_bitset_new_empty ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* filter drop-downs: display names from the core's tables, ids kept beside them */
  gtk_string_list_append (tier_names, _("All tiers"));
  for (guint i = 1; i < G_N_ELEMENTS (tier_ids); i++)
    gtk_string_list_append (tier_names, reg_ui_tier_label (tier_ids[i]));
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (tier_names));

  self->group_ids = gtk_string_list_new (NULL);
  gtk_string_list_append (group_names, _("All groups"));
  gtk_string_list_append (self->group_ids, "");
  for (ClvRfmGroup g = CLV_RFM_NONE + 1; g < CLV_N_RFM_GROUPS; g++)
    {
      gtk_string_list_append (group_names, clv_rfm_group_name (g));
      gtk_string_list_append (self->group_ids, clv_rfm_group_id (g));
    }
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (group_names));

  reg_customers_view_init_columns (self);

  /* one model filters and sorts: a new sort order does not run the filter again, and typing
   * in the search field asks only the rows still shown */
  self->model = reg_customer_sort_model_new (NULL);
  reg_customer_sort_model_set_filter (self->model, filter_customer, self, NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.set-channel-selected", FALSE);
  g_signal_connect (self->model, "items-changed", G_CALLBACK (on_filter_items_changed_cb), self);

  {
    GtkGesture *tap = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (tap), GTK_PHASE_CAPTURE);
    g_signal_connect (tap, "released", G_CALLBACK (on_select_tap_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (tap));
  }
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  apply_fold_cb (self);
  update_count (self);
}

/* ---- public ---- */

GtkWidget *
reg_customers_view_new (void)
{
  return g_object_new (REG_TYPE_CUSTOMERS_VIEW, NULL);
}

RegShop *
reg_customers_view_get_shop (RegCustomersView *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), NULL);
  return self->shop;
}

void
reg_customers_view_set_shop (RegCustomersView *self,
                             RegShop          *shop)
{
  g_return_if_fail (REG_IS_CUSTOMERS_VIEW (self));
  reg_view_set_shop (REG_VIEW (self), shop);
}

static void
view_set_shop (RegView *view,
               RegShop *shop)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (view);

  g_set_object (&self->shop, shop);
  self->money_valid = FALSE;
  show_detail (self, NULL, FALSE);
  reg_customer_detail_set_shop (self->detail, shop);
  /* The list opens in the shop's own order (oldest customer first) unless a column was
   * sorted: a click on a column header sorts. */
  reg_customer_sort_model_set_model (self->model, shop != NULL ? reg_shop_get_customers (shop) : NULL);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP]);
}

void
reg_customers_view_focus_search (RegCustomersView *self)
{
  g_return_if_fail (REG_IS_CUSTOMERS_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
reg_customers_view_set_search_text (RegCustomersView *self,
                                    const char       *text)
{
  g_return_if_fail (REG_IS_CUSTOMERS_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* the entry reports changes after a delay; apply at once */
  on_search_changed_cb (self->search_entry, self);
}

GListModel *
reg_customers_view_get_model (RegCustomersView *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

GListModel *
reg_customers_view_get_filtered_model (RegCustomersView *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkColumnView *
reg_customers_view_get_column_view (RegCustomersView *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), NULL);
  return self->column_view;
}

gboolean
reg_customers_view_select_customer (RegCustomersView *self,
                                    gint64            id)
{
  guint pos;

  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), FALSE);

  if (!find_in_model (G_LIST_MODEL (self->selection), id, &pos))
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, TRUE);
  reg_customers_view_scroll_to_position (self, pos);
  /* opened on purpose: its own page when there is no room beside the list */
  if (self->detail_id == id)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_page);
  return TRUE;
}

GtkWidget *
reg_customers_view_get_detail (RegCustomersView *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), NULL);
  return GTK_WIDGET (self->detail);
}

static void
view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = view_set_shop;
  iface->shop_changed = view_shop_changed;
}
