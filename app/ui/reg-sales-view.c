/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSalesView puts the RegSaleEntry row above a GtkColumnView of the shop's recent sales
 * (newest first); in a narrow window the date goes under the customer's name and the note
 * away, so that the amount is always whole. Each row has edit and delete buttons; a delete keeps the returned record so
 * that sales.undo-delete (the toast's Undo, or Ctrl+Z) can restore it through the shop.
 * Main thread only; owns the last deleted record.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-sale-editor.h"
#include "reg-sale-entry.h"
#include "reg-sale.h"
#include "reg-sales-view.h"
#include "reg-view.h"
#include "reg-ui-util.h"
#include "reg-width-watch.h"

/* below this width the date goes under the customer's name and the note is left out */
#define COMPACT_WIDTH 560

typedef enum
{
  COL_DATE,
  COL_CUSTOMER,
  COL_AMOUNT,
  COL_NOTE,
  COL_ACTIONS,
  N_COLUMNS
} Column;

struct _RegSalesView
{
  AdwBin               parent_instance;

  RegShop             *shop;            /* (owned) (nullable) */
  RegSaleRecord       *deleted;         /* (owned) (nullable) the last deleted sale, for Undo */
  gboolean             model_pending;   /* the shop's sales list is read when first shown */
  AdwToast            *undo_toast;      /* (unowned) (nullable) */
  GtkSingleSelection  *selection;       /* (owned) */
  gboolean             compact;         /* narrow: two-line customer cells, no date or note column */
  GHashTable          *customer_items;  /* (owned) the customer column's GtkListItems set up:
                                         * drawn again when the list becomes compact or wide */

  /* template */
  RegSaleEntry        *sale_entry;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *columns[N_COLUMNS];
};

enum
{
  PROP_0,
  PROP_SHOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegSalesView, reg_sales_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, view_iface_init))

/* ---- cells ---- */

static void
on_edit_clicked_cb (GtkButton    *button,
                    RegSalesView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "sale-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "sales.edit", "x", id);
}

static void
on_delete_clicked_cb (GtkButton    *button,
                      RegSalesView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "sale-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "sales.delete", "x", id);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  RegSalesView *self = g_object_get_data (G_OBJECT (factory), "view");
  Column col = GPOINTER_TO_UINT (user_data);

  if (col == COL_ACTIONS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *del = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_add_css_class (del, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit this sale"));
      gtk_widget_set_tooltip_text (del, _("Delete this sale"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit this sale"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (del), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete this sale"), -1);
      g_object_set_data_full (G_OBJECT (edit), "sale-id", g_new0 (gint64, 1), g_free);
      g_object_set_data_full (G_OBJECT (del), "sale-id", g_new0 (gint64, 1), g_free);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
      g_signal_connect (del, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), edit);
      gtk_box_append (GTK_BOX (box), del);
      gtk_widget_set_halign (box, GTK_ALIGN_END);
      gtk_list_item_set_child (item, box);
      return;
    }

  {
    GtkWidget *label = gtk_label_new (NULL);

    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), col == COL_AMOUNT ? 1.0f : 0.0f);
    if (col == COL_AMOUNT || col == COL_DATE)
      gtk_widget_add_css_class (label, "numeric");
    if (col == COL_CUSTOMER)
      {
        /* the customer, and under it, when narrow, the date */
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        GtkWidget *date = gtk_label_new (NULL);

        gtk_label_set_xalign (GTK_LABEL (date), 0.0f);
        gtk_label_set_single_line_mode (GTK_LABEL (date), TRUE);
        gtk_widget_add_css_class (date, "caption");
        gtk_widget_add_css_class (date, "dim-label");
        gtk_widget_add_css_class (date, "numeric");
        gtk_widget_set_visible (date, FALSE);
        gtk_box_append (GTK_BOX (box), label);
        gtk_box_append (GTK_BOX (box), date);
        gtk_list_item_set_child (item, box);
        g_hash_table_add (self->customer_items, item);
        return;
      }
    gtk_list_item_set_child (item, label);
  }
}

static void
on_customer_teardown_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         RegSalesView             *self)
{
  g_hash_table_remove (self->customer_items, item);
}

static void
bind_cell (RegSalesView *self,
           GtkListItem  *item,
           Column        col)
{
  RegSale *sale = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  switch (col)
    {
    case COL_DATE:
      text = reg_shop_format_date (self->shop, reg_sale_get_day (sale));
      break;
    case COL_CUSTOMER:
      {
        GtkWidget *date = gtk_widget_get_last_child (child);

        gtk_widget_set_visible (date, self->compact);
        if (self->compact)
          {
            g_autofree char *day = reg_shop_format_date (self->shop, reg_sale_get_day (sale));
            gtk_label_set_text (GTK_LABEL (date), day);
          }
        child = gtk_widget_get_first_child (child);
        text = g_strdup (reg_sale_get_customer_name (sale) != NULL ? reg_sale_get_customer_name (sale) : "");
      }
      break;
    case COL_AMOUNT:
      text = reg_shop_format_amount (self->shop, reg_sale_get_amount (sale));
      if (reg_sale_get_amount (sale) < 0)
        gtk_widget_add_css_class (child, "error");
      else
        gtk_widget_remove_css_class (child, "error");
      break;
    case COL_NOTE:
      text = g_strdup (reg_sale_get_note (sale) != NULL ? reg_sale_get_note (sale) : "");
      break;
    case COL_ACTIONS:
      {
        GtkWidget *edit = gtk_widget_get_first_child (child);
        GtkWidget *del = gtk_widget_get_next_sibling (edit);

        *(gint64 *) g_object_get_data (G_OBJECT (edit), "sale-id") = reg_sale_get_id (sale);
        *(gint64 *) g_object_get_data (G_OBJECT (del), "sale-id") = reg_sale_get_id (sale);
      }
      return;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (child), text);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  bind_cell (g_object_get_data (G_OBJECT (factory), "view"), item, GPOINTER_TO_UINT (user_data));
}

/* Narrow: the date under the customer, no note; the amount and the buttons keep their room. */
static void
on_list_width_cb (RegWidthWatch *watch,
                  GParamSpec    *pspec,
                  RegSalesView  *self)
{
  int width = reg_width_watch_get_width (watch);
  gboolean compact = width > 0 && width < COMPACT_WIDTH;
  GHashTableIter iter;
  gpointer item;

  if (width <= 0 || compact == self->compact)
    return;
  self->compact = compact;
  gtk_column_view_column_set_visible (self->columns[COL_DATE], !compact);
  gtk_column_view_column_set_visible (self->columns[COL_NOTE], !compact);
  gtk_column_view_column_set_fixed_width (self->columns[COL_CUSTOMER], compact ? 120 : 200);
  /* GTK 4.8 binds cells only when their row changes: the customer cells again, with or
   * without the date */
  g_hash_table_iter_init (&iter, self->customer_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (gtk_list_item_get_item (item) != NULL)
      bind_cell (self, item, COL_CUSTOMER);
}

static void
update_stack (RegSalesView *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0;

  gtk_stack_set_visible_child_name (self->list_stack, any ? "list" : "empty");
}

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     RegSalesView *self)
{
  update_stack (self);
}

static void
on_column_view_activate_cb (GtkColumnView *view,
                            guint          position,
                            RegSalesView  *self)
{
  g_autoptr(RegSale) sale = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (sale != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "sales.edit", "x", reg_sale_get_id (sale));
}

/* ---- actions ---- */

static void
on_undo_toast_dismissed_cb (AdwToast     *toast,
                            RegSalesView *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

static void
on_undo_clicked_cb (AdwToast     *toast,
                    RegSalesView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sales.undo-delete", NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RegSalesView *self = REG_SALES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *money = NULL;
  g_autofree char *title = NULL;
  RegSaleRecord *rec;
  AdwToast *toast;

  if (self->shop == NULL)
    return;
  rec = reg_shop_delete_sale (self->shop, g_variant_get_int64 (param), &error);
  if (rec == NULL)
    {
      reg_ui_toast_text (widget, error->message);
      return;
    }
  g_clear_pointer (&self->deleted, reg_sale_record_free);
  self->deleted = rec;
  gtk_widget_action_set_enabled (widget, "sales.undo-delete", TRUE);

  money = reg_shop_format_amount (self->shop, rec->amount);
  title = g_strdup_printf (_("Sale of %s deleted"), money);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self, 0);
  self->undo_toast = toast;
  reg_ui_toast (widget, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RegSalesView *self = REG_SALES_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->deleted == NULL || self->shop == NULL)
    return;
  if (reg_shop_restore_sale (self->shop, self->deleted, &error) <= 0)
    {
      reg_ui_toast_text (widget, error->message);
      return;
    }
  g_clear_pointer (&self->deleted, reg_sale_record_free);
  gtk_widget_action_set_enabled (widget, "sales.undo-delete", FALSE);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RegSalesView *self = REG_SALES_VIEW (widget);
  GtkWindow *dialog;

  if (self->shop == NULL)
    return;
  dialog = reg_sale_editor_new (self->shop, g_variant_get_int64 (param));
  if (dialog == NULL)
    return;
  gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (dialog);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RegSalesView *self = REG_SALES_VIEW (widget);
  RegSale *sale = gtk_single_selection_get_selected_item (self->selection);

  /* in the entry row, Delete edits the text (GtkText takes the key first) */
  if (sale != NULL)
    gtk_widget_activate_action (widget, "sales.delete", "x", reg_sale_get_id (sale));
}

/* The recent sales are a query of their own: run it when the view is first shown, not while
 * the window opens (the Customers view is the one that must be quick on a big shop). */
static void
attach_model (RegSalesView *self)
{
  self->model_pending = FALSE;
  gtk_single_selection_set_model (self->selection, self->shop != NULL ? reg_shop_get_sales (self->shop) : NULL);
  update_stack (self);
}

static void
reg_sales_view_map (GtkWidget *widget)
{
  RegSalesView *self = REG_SALES_VIEW (widget);

  GTK_WIDGET_CLASS (reg_sales_view_parent_class)->map (widget);
  if (self->model_pending)
    attach_model (self);
}

/* ---- GObject ---- */

static void
reg_sales_view_dispose (GObject *object)
{
  RegSalesView *self = REG_SALES_VIEW (object);

  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  self->undo_toast = NULL;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->shop);
  g_clear_pointer (&self->deleted, reg_sale_record_free);
  G_OBJECT_CLASS (reg_sales_view_parent_class)->dispose (object);
}

static void
reg_sales_view_finalize (GObject *object)
{
  RegSalesView *self = REG_SALES_VIEW (object);

  /* after dispose: the column view tears its cells down in it */
  g_hash_table_unref (self->customer_items);
  G_OBJECT_CLASS (reg_sales_view_parent_class)->finalize (object);
}

static void
reg_sales_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RegSalesView *self = REG_SALES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      g_value_set_object (value, self->shop);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_sales_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RegSalesView *self = REG_SALES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      reg_sales_view_set_shop (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_sales_view_class_init (RegSalesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_sales_view_dispose;
  object_class->finalize = reg_sales_view_finalize;
  object_class->get_property = reg_sales_view_get_property;
  object_class->set_property = reg_sales_view_set_property;
  widget_class->map = reg_sales_view_map;

  properties[PROP_SHOP] =
    g_param_spec_object ("shop", NULL, NULL, REG_TYPE_SHOP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REG_TYPE_SALE_ENTRY);
  g_type_ensure (REG_TYPE_WIDTH_WATCH);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/regulars/Regulars/ui/reg-sales-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegSalesView, sale_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSalesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RegSalesView, column_view);
  gtk_widget_class_bind_template_child_full (widget_class, "col_date", FALSE,
                                             G_STRUCT_OFFSET (RegSalesView, columns[COL_DATE]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_customer", FALSE,
                                             G_STRUCT_OFFSET (RegSalesView, columns[COL_CUSTOMER]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_amount", FALSE,
                                             G_STRUCT_OFFSET (RegSalesView, columns[COL_AMOUNT]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_note", FALSE,
                                             G_STRUCT_OFFSET (RegSalesView, columns[COL_NOTE]));
  gtk_widget_class_bind_template_child_full (widget_class, "col_actions", FALSE,
                                             G_STRUCT_OFFSET (RegSalesView, columns[COL_ACTIONS]));
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_width_cb);

  gtk_widget_class_install_action (widget_class, "sales.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "sales.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "sales.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "sales.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "sales.undo-delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sales.delete-selected", NULL);
}

static void
reg_sales_view_init (RegSalesView *self)
{
  self->customer_items = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (Column col = 0; col < N_COLUMNS; col++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (col));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (col));
      gtk_column_view_column_set_factory (self->columns[col], factory);
      if (col == COL_CUSTOMER)
        g_signal_connect (factory, "teardown", G_CALLBACK (on_customer_teardown_cb), self);
    }
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sales.undo-delete", FALSE);
  update_stack (self);
}

/* ---- public ---- */

GtkWidget *
reg_sales_view_new (void)
{
  return g_object_new (REG_TYPE_SALES_VIEW, NULL);
}

RegShop *
reg_sales_view_get_shop (RegSalesView *self)
{
  g_return_val_if_fail (REG_IS_SALES_VIEW (self), NULL);
  return self->shop;
}

void
reg_sales_view_set_shop (RegSalesView *self,
                         RegShop      *shop)
{
  g_return_if_fail (REG_IS_SALES_VIEW (self));
  reg_view_set_shop (REG_VIEW (self), shop);
}

/* The sales list follows the shop by itself: no change reloads the view. */
static void
view_set_shop (RegView *view,
               RegShop *shop)
{
  RegSalesView *self = REG_SALES_VIEW (view);

  g_set_object (&self->shop, shop);
  g_clear_pointer (&self->deleted, reg_sale_record_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sales.undo-delete", FALSE);
  reg_sale_entry_set_shop (self->sale_entry, shop);
  self->model_pending = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || shop == NULL)
    attach_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP]);
}

void
reg_sales_view_focus_entry (RegSalesView *self)
{
  g_return_if_fail (REG_IS_SALES_VIEW (self));
  reg_sale_entry_focus (self->sale_entry);
}

GListModel *
reg_sales_view_get_model (RegSalesView *self)
{
  g_return_val_if_fail (REG_IS_SALES_VIEW (self), NULL);
  if (self->model_pending)
    attach_model (self);
  return G_LIST_MODEL (self->selection);
}

GtkWidget *
reg_sales_view_get_entry (RegSalesView *self)
{
  g_return_val_if_fail (REG_IS_SALES_VIEW (self), NULL);
  return GTK_WIDGET (self->sale_entry);
}

gboolean
reg_sales_view_can_undo (RegSalesView *self)
{
  g_return_val_if_fail (REG_IS_SALES_VIEW (self), FALSE);
  return self->deleted != NULL;
}

static void
view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = view_set_shop;
}
