/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomersView lists the shop's customers: shop model → RegCustomerSortModel (one C filter
 * for search, tier, group, at risk and archived; the column clicked, sorted on precomputed keys,
 * because GtkSortListModel over a GtkFilterListModel takes a third of a second on 100,000 rows
 * and expression sorters seconds) → GtkSingleSelection → GtkColumnView. The column view's
 * sorter still owns the sort indicators: each column has a GtkCustomSorter over its
 * reg_customer_compare_* function, and a change of the column view's sorter is read back into
 * the model (see read_sort_column). The selected customer is shown in a RegCustomerDetail
 * beside the list, or as a page of its own with a way back when the window is too narrow for
 * both (an AdwLeaflet folds). The columns shown follow the list's width: as many as fit whole,
 * by importance, and below COMPACT_WIDTH the name alone with the spend and last purchase
 * under it (two lines a row, as phone-sized customer lists have). Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clv-date.h"
#include "clv-segments.h"
#include "reg-channel-spend-dialog.h"
#include "reg-customer-detail.h"
#include "reg-customer-sort-model.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-set-channel-dialog.h"
#include "reg-view.h"
#include "reg-ui-util.h"
#include "reg-width-watch.h"

/* below this list width one two-line column replaces the table */
#define COMPACT_WIDTH 560
/* the name column's own width (its fixed width in the .ui), before it takes the room left */
#define NAME_WIDTH 180

typedef enum
{
  COL_NAME,
  COL_EMAIL,
  COL_TIER,
  COL_RFM_GROUP,
  COL_LAST_PURCHASE,
  COL_PURCHASES,
  COL_TOTAL_SPEND,
  COL_P_ALIVE,
  COL_CLV,
  N_COLUMNS
} Column;

static const struct
{
  const char     *id;
  RegCustomerSort sort;
  gboolean        numeric;
} column_info[N_COLUMNS] = {
  [COL_NAME] = { "name", REG_CUSTOMER_SORT_NAME, FALSE },
  [COL_EMAIL] = { "email", REG_CUSTOMER_SORT_EMAIL, FALSE },
  [COL_TIER] = { "tier", REG_CUSTOMER_SORT_TIER, FALSE },
  [COL_RFM_GROUP] = { "rfm-group", REG_CUSTOMER_SORT_RFM_GROUP, FALSE },
  [COL_LAST_PURCHASE] = { "last-purchase", REG_CUSTOMER_SORT_LAST_PURCHASE, TRUE },
  [COL_PURCHASES] = { "purchases", REG_CUSTOMER_SORT_PURCHASES, TRUE },
  [COL_TOTAL_SPEND] = { "total-spend", REG_CUSTOMER_SORT_TOTAL_SPEND, TRUE },
  [COL_P_ALIVE] = { "p-alive", REG_CUSTOMER_SORT_P_ALIVE, TRUE },
  [COL_CLV] = { "clv", REG_CUSTOMER_SORT_CLV, TRUE },
};

/* The order columns give way in when the list is narrow: the name never, the email first. */
static const Column column_priority[N_COLUMNS] = {
  COL_NAME, COL_TOTAL_SPEND, COL_LAST_PURCHASE, COL_CLV, COL_TIER, COL_PURCHASES, COL_P_ALIVE,
  COL_RFM_GROUP, COL_EMAIL,
};

/* What a column's GtkCustomSorter knows: its view and column. */
typedef struct
{
  RegCustomersView *view;
  Column            col;
} ColumnRef;

struct _RegCustomersView
{
  AdwBin               parent_instance;

  RegShop             *shop;            /* (owned) (nullable) */
  RegCustomerSortModel *model;          /* (owned) filtered and sorted */
  GtkSingleSelection  *selection;       /* (owned) */
  ColumnRef            column_refs[N_COLUMNS];
  Column               probe_hit;       /* see read_sort_column () */
  gboolean             probing;
  ClvMoneyFormat       money;           /* the shop's, read once: cells are bound per frame */
  gboolean             money_valid;
  GtkStringList       *group_ids;       /* (owned) ids behind group_dropdown, "" = all */
  char                *query;           /* (owned) (nullable) casefolded search text */
  char                *tier_filter;     /* (owned) (nullable) */
  char                *group_filter;    /* (owned) (nullable) */
  gboolean             at_risk_only;
  gboolean             show_archived;
  gint64               detail_id;       /* customer shown in the detail pane, 0 = none */
  guint                refind_id;
  guint                fold_id;
  gboolean             compact;         /* one two-line column (a narrow list) */
  GHashTable          *name_items;      /* (owned) the name column's GtkListItems set up: drawn
                                         * again when the list becomes compact or wide */

  /* template */
  AdwLeaflet          *leaflet;
  RegWidthWatch       *list_watch;
  GtkWidget           *detail_page;
  GtkWidget           *detail_separator;
  GtkWidget           *back_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tier_dropdown;
  GtkDropDown         *group_dropdown;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *columns[N_COLUMNS];
  RegCustomerDetail   *detail;
};

enum
{
  PROP_0,
  PROP_SHOP,
  PROP_TIER_FILTER,
  PROP_GROUP_FILTER,
  PROP_AT_RISK_ONLY,
  PROP_SHOW_ARCHIVED,
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

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u customer", "%u of %u customers", total),
                            shown, total);
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

/* ---- cells ---- */

static const ClvMoneyFormat *
get_money_format (RegCustomersView *self)
{
  if (!self->money_valid)
    {
      reg_shop_get_money_format (self->shop, &self->money);
      self->money_valid = TRUE;
    }
  return &self->money;
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

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  RegCustomersView *self = g_object_get_data (G_OBJECT (factory), "view");
  Column col = GPOINTER_TO_UINT (user_data);
  /* A GtkInscription rather than a GtkLabel: its size does not depend on its text (the
   * columns have fixed widths anyway), so binding a row (GtkListView keeps 200 of them, and
   * binds them again after every sort) lays nothing out; only the rows drawn shape text. */
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), column_info[col].numeric ? 1.0f : 0.0f);
  if (column_info[col].numeric)
    gtk_widget_add_css_class (cell, "numeric");
  if (col == COL_NAME)
    {
      /* the name, and under it, in a compact list, what the hidden columns would say */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *sub = gtk_inscription_new (NULL);

      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (sub), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "numeric");
      gtk_widget_set_visible (sub, FALSE);
      gtk_box_append (GTK_BOX (box), cell);
      gtk_box_append (GTK_BOX (box), sub);
      gtk_list_item_set_child (item, box);
      g_hash_table_add (self->name_items, item);
      return;
    }
  gtk_list_item_set_child (item, cell);
}

static void
on_name_teardown_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     RegCustomersView         *self)
{
  g_hash_table_remove (self->name_items, item);
}

static char *
format_last_purchase (RegCustomersView *self,
                      RegCustomer      *c)
{
  const ClvMoneyFormat *fmt;

  if (reg_customer_get_last_purchase (c) <= 0)
    return g_strdup ("—");
  fmt = get_money_format (self);
  return clv_date_format_locale (reg_customer_get_last_purchase (c), fmt->locale->date_order,
                                 fmt->locale->date_separator);
}

/* The second line of a compact row: total spent and the last purchase. */
static char *
format_compact_line (RegCustomersView *self,
                     RegCustomer      *c)
{
  g_autofree char *spent = clv_money_format (reg_customer_get_total_spend (c), get_money_format (self));
  g_autofree char *last = format_last_purchase (self, c);

  /* Translators: under a customer's name in a narrow list: total spent, last purchase date */
  return g_strdup_printf (_("%s · last %s"), spent, last);
}

static void
bind_cell (RegCustomersView *self,
           GtkListItem      *item,
           Column            col)
{
  RegCustomer *c = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (col == COL_NAME)
    {
      GtkWidget *sub = gtk_widget_get_last_child (cell);

      gtk_widget_set_visible (sub, self->compact);
      if (self->compact)
        {
          g_autofree char *line = format_compact_line (self, c);
          gtk_inscription_set_text (GTK_INSCRIPTION (sub), line);
          gtk_accessible_update_property (GTK_ACCESSIBLE (sub), GTK_ACCESSIBLE_PROPERTY_LABEL, line, -1);
        }
      cell = gtk_widget_get_first_child (cell);
    }

  switch (col)
    {
    case COL_NAME:
      if (reg_customer_get_archived (c))
        /* Translators: a customer's name in the list when archived */
        text = g_strdup_printf (_("%s (archived)"), reg_customer_get_name (c));
      else
        text = g_strdup (reg_customer_get_name (c));
      break;
    case COL_EMAIL:
      text = g_strdup (reg_customer_get_email (c) != NULL ? reg_customer_get_email (c) : "");
      break;
    case COL_TIER:
      text = g_strdup (reg_ui_tier_label (reg_customer_get_tier (c)));
      break;
    case COL_RFM_GROUP:
      text = g_strdup (reg_ui_rfm_label (reg_customer_get_rfm_group (c)));
      break;
    case COL_LAST_PURCHASE:
      text = format_last_purchase (self, c);
      break;
    case COL_PURCHASES:
      text = g_strdup_printf ("%u", reg_customer_get_purchases (c));
      break;
    case COL_TOTAL_SPEND:
      text = clv_money_format (reg_customer_get_total_spend (c), get_money_format (self));
      break;
    case COL_P_ALIVE:
      text = reg_customer_get_p_alive (c) >= 0 ? reg_ui_format_percent (reg_customer_get_p_alive (c))
                                                 : g_strdup ("—");
      break;
    case COL_CLV:
      text = reg_customer_get_clv (c) >= 0
             ? clv_money_format ((gint64) (reg_customer_get_clv (c) + 0.5), get_money_format (self))
             : g_strdup ("—");
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  /* what a label tells assistive technologies, which GTK 4.8's inscription does not */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (col == COL_NAME)
    {
      if (reg_customer_get_archived (c))
        gtk_widget_add_css_class (cell, "dim-label");
      else
        gtk_widget_remove_css_class (cell, "dim-label");
    }
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  bind_cell (g_object_get_data (G_OBJECT (factory), "view"), item, GPOINTER_TO_UINT (user_data));
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
      gtk_single_selection_set_selected (self->selection, pos);
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

static void
on_selected_item_cb (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     RegCustomersView   *self)
{
  RegCustomer *c = gtk_single_selection_get_selected_item (selection);

  if (c != NULL)
    {
      /* beside the list; a page of its own only when asked for (a tap, Enter) */
      show_detail (self, c, FALSE);
      return;
    }
  if (self->detail_id != 0 && self->refind_id == 0)
    self->refind_id = g_idle_add (refind_cb, self);
}

static void
on_filter_items_changed_cb (GListModel       *model,
                            guint             position,
                            guint             removed,
                            guint             added,
                            RegCustomersView *self)
{
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
  gtk_column_view_set_single_click_activate (self->column_view, folded);
  return G_SOURCE_REMOVE;
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

/* Picks the columns for the list's width: the table's columns by importance as long as they
 * fit whole (no column cut, none out of sight), or one two-line column when narrow. */
static void
on_list_width_cb (RegWidthWatch    *watch,
                  GParamSpec       *pspec,
                  RegCustomersView *self)
{
  int width = reg_width_watch_get_width (watch);
  gboolean compact;
  int room, used = 0;

  if (width <= 0)
    return;
  compact = width < COMPACT_WIDTH;
  /* the vertical scrollbar and the cells' padding */
  room = width - 24;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      Column col = column_priority[i];
      int need = col == COL_NAME ? NAME_WIDTH : gtk_column_view_column_get_fixed_width (self->columns[col]);
      gboolean show = col == COL_NAME || (!compact && need <= room);

      if (show)
        {
          room -= need;
          used += need;
        }
      else
        room = 0;   /* keep the order: a column never shows when a more important one does not */
      if (gtk_column_view_column_get_visible (self->columns[col]) != show)
        gtk_column_view_column_set_visible (self->columns[col], show);
    }
  /* the name takes the room the other columns leave: GTK 4.8's column view leaves an
   * expanding column at its fixed width (a compact list is that one column, list-wide) */
  gtk_column_view_column_set_fixed_width (self->columns[COL_NAME], MAX (width - 24 - (used - NAME_WIDTH), 120));
  if (compact != self->compact)
    {
      GHashTableIter iter;
      gpointer item;

      self->compact = compact;
      /* the name cells again, with or without their second line (GTK 4.8 binds cells only
       * when their row changes) */
      g_hash_table_iter_init (&iter, self->name_items);
      while (g_hash_table_iter_next (&iter, &item, NULL))
        if (gtk_list_item_get_item (item) != NULL)
          bind_cell (self, item, COL_NAME);
    }
}

/* GTK 4.8 has no gtk_column_view_scroll_to (): the column view's inner list view has the
 * "list.scroll-to-item" action its keyboard navigation uses. */
static void
scroll_to_position (GtkColumnView *column_view,
                    guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

static gboolean
scroll_to_top_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (widget)))) > 0)
    scroll_to_position (GTK_COLUMN_VIEW (widget), 0);
  return G_SOURCE_REMOVE;
}

/* ---- sorting ---- */

/* A column's GtkCustomSorter. Nothing sorts with the column view's sorter but
 * read_sort_column (): the model sorts on keys of its own, in the order of the same
 * reg_customer_compare_* functions. */
static int
column_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const ColumnRef *ref = user_data;

  if (ref->view->probing)
    {
      ref->view->probe_hit = ref->col;
      return -1;
    }
  return reg_customer_sort_get_compare (column_info[ref->col].sort) (a, b, NULL);
}

/* GTK 4.8 has no gtk_column_view_sorter_get_primary_sort_column () (4.10). The column view's
 * sorter compares with its columns' sorters in order, primary first, stops at the first that
 * is not "equal" and inverts it for a descending column: one comparison in which every column
 * answers "smaller" names the primary column and, by the sign, its direction. */
static Column
read_sort_column (RegCustomersView *self,
                  gboolean         *descending)
{
  GtkOrdering order;

  self->probing = TRUE;
  self->probe_hit = N_COLUMNS;
  /* two different objects: gtk_sorter_compare () calls an item equal to itself */
  order = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), self, self->column_view);
  self->probing = FALSE;
  *descending = order == GTK_ORDERING_LARGER;
  return self->probe_hit;
}

static void
on_sorter_changed_cb (GtkSorter        *sorter,
                      GtkSorterChange   change,
                      RegCustomersView *self)
{
  gboolean descending = FALSE;
  Column col = read_sort_column (self, &descending);

  reg_customer_sort_model_set_sort (self->model,
                                    col < N_COLUMNS ? column_info[col].sort : REG_CUSTOMER_SORT_NONE,
                                    descending);
  /* The list keeps its first visible row in view across a re-sort, which lands in the middle
   * of the new order; a new sort order starts at the top instead (at the next frame, once the
   * list has taken the new order in). */
  gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), scroll_to_top_cb, NULL, NULL);
}

/* ---- actions ---- */

static void
close_detail_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RegCustomersView *self = REG_CUSTOMERS_VIEW (widget);

  show_detail (self, NULL, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
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
  gtk_widget_class_bind_template_callback (widget_class, on_list_width_cb);

  gtk_widget_class_install_action (widget_class, "customers.close-detail", NULL, close_detail_action);
  gtk_widget_class_install_action (widget_class, "customers.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "customers.set-channel", NULL, set_channel_action);
  gtk_widget_class_install_action (widget_class, "customers.channel-spend", NULL,
                                   channel_spend_action);
  gtk_widget_class_install_property_action (widget_class, "customers.at-risk-only", "at-risk-only");
  gtk_widget_class_install_property_action (widget_class, "customers.show-archived", "show-archived");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "customers.close-detail", NULL);
}

static void
reg_customers_view_init (RegCustomersView *self)
{
  g_autoptr(GtkStringList) tier_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) group_names = gtk_string_list_new (NULL);

  self->name_items = g_hash_table_new (NULL, NULL);
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

  /* columns: C compare functions and plain label cells */
  for (Column col = 0; col < N_COLUMNS; col++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = NULL;

      self->column_refs[col].view = self;
      self->column_refs[col].col = col;
      sorter = gtk_custom_sorter_new (column_compare, &self->column_refs[col], NULL);

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (col));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (col));
      gtk_column_view_column_set_factory (self->columns[col], factory);
      if (col == COL_NAME)
        g_signal_connect (factory, "teardown", G_CALLBACK (on_name_teardown_cb), self);
      gtk_column_view_column_set_sorter (self->columns[col], GTK_SORTER (sorter));
    }

  /* one model filters and sorts: a new sort order does not run the filter again, and typing
   * in the search field asks only the rows still shown */
  self->model = reg_customer_sort_model_new (NULL);
  reg_customer_sort_model_set_filter (self->model, filter_customer, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_cb), self);
  g_signal_connect (self->model, "items-changed", G_CALLBACK (on_filter_items_changed_cb), self);
  g_signal_connect_after (gtk_column_view_get_sorter (self->column_view), "changed",
                          G_CALLBACK (on_sorter_changed_cb), self);

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

gboolean
reg_customers_view_sort_by (RegCustomersView *self,
                            const char       *column_id,
                            GtkSortType       order)
{
  g_return_val_if_fail (REG_IS_CUSTOMERS_VIEW (self), FALSE);

  for (Column col = 0; col < N_COLUMNS; col++)
    if (g_strcmp0 (column_info[col].id, column_id) == 0)
      {
        gtk_column_view_sort_by_column (self->column_view, self->columns[col], order);
        return TRUE;
      }
  return FALSE;
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
  gtk_single_selection_set_selected (self->selection, pos);
  scroll_to_position (self->column_view, pos);
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
