/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customers list's columns: the cells (GtkInscriptions bound per row), which columns
 * fit the list's width (as many as fit whole, by importance, and below COMPACT_WIDTH the name
 * alone with the spend and last purchase under it: two lines a row, as phone-sized customer
 * lists have), and the sort a click on a column header asks for. The column view's sorter
 * owns the sort indicators: each column has a GtkCustomSorter over its reg_customer_compare_*
 * function, and a change of the column view's sorter is read back into the model (see
 * read_sort_column). Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clv-date.h"
#include "reg-customer.h"
#include "reg-customers-view-private.h"
#include "reg-ui-util.h"

/* below this list width one two-line column replaces the table */
#define COMPACT_WIDTH 560
/* the name column's own width (its fixed width in the .ui), before it takes the room left */
#define NAME_WIDTH 180

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
      g_object_set_data (G_OBJECT (box), "reg-list-item", item);
      gtk_list_item_set_child (item, box);
      g_hash_table_add (self->name_items, item);
      return;
    }
  g_object_set_data (G_OBJECT (cell), "reg-list-item", item);
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

/* Picks the columns for the list's width: the table's columns by importance as long as they
 * fit whole (no column cut, none out of sight), or one two-line column when narrow. */
void
reg_customers_view_on_list_width_cb (RegWidthWatch    *watch,
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
      /* a narrow list's way to select more than one (see apply_fold_cb) */
      gtk_widget_set_visible (self->select_button, compact || adw_leaflet_get_folded (self->leaflet));
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

/* The columns' cells and sorters (the columns themselves are the template's). */
void
reg_customers_view_init_columns (RegCustomersView *self)
{
  /* C compare functions and plain label cells */
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
  g_signal_connect_after (gtk_column_view_get_sorter (self->column_view), "changed",
                          G_CALLBACK (on_sorter_changed_cb), self);
}

void
reg_customers_view_scroll_to_position (RegCustomersView *self,
                                       guint             position)
{
  scroll_to_position (self->column_view, position);
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

/* GTK 4.8 has no way to ask a list which row is at a point: the cells know their list item. */
guint
reg_customers_view_row_at (RegCustomersView *self,
                           double            x,
                           double            y)
{
  for (GtkWidget *w = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
       w != NULL && w != GTK_WIDGET (self->column_view); w = gtk_widget_get_parent (w))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (w), "reg-list-item");

      if (item != NULL && gtk_list_item_get_item (item) != NULL)
        return gtk_list_item_get_position (item);
    }
  return GTK_INVALID_LIST_POSITION;
}
