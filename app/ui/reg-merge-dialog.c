/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegMergeDialog lists the shop's other customers (search as you type over the shop's model,
 * filtered with a GtkCustomFilter) and merges the chosen one into the kept customer through
 * reg_shop_merge_customers(). Main thread only; holds references to the shop and customer.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reg-merge-dialog.h"
#include "reg-ui-util.h"

struct _RegMergeDialog
{
  AdwWindow           parent_instance;

  RegShop            *shop;         /* (owned) */
  RegCustomer        *keep;         /* (owned) */
  char               *query;        /* (owned) (nullable) casefolded */
  GtkCustomFilter    *filter;       /* (owned) */
  GtkSingleSelection *selection;    /* (owned) */

  /* template */
  GtkLabel           *intro_label;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (RegMergeDialog, reg_merge_dialog, ADW_TYPE_WINDOW)

static gboolean
filter_other (gpointer item,
              gpointer user_data)
{
  RegMergeDialog *self = user_data;
  RegCustomer *c = item;

  if (self->keep == NULL || reg_customer_get_id (c) == reg_customer_get_id (self->keep))
    return FALSE;
  if (self->query != NULL)
    {
      const char *text = reg_customer_get_search_text (c);
      return text != NULL && strstr (text, self->query) != NULL;
    }
  return TRUE;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      RegMergeDialog *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_free (self->query);
  self->query = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_selected_cb (GtkSingleSelection *selection,
                GParamSpec         *pspec,
                RegMergeDialog     *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge",
                                 gtk_single_selection_get_selected_item (selection) != NULL);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), email);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  RegMergeDialog *self = user_data;
  RegCustomer *c = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *email = gtk_widget_get_next_sibling (name);
  g_autofree char *spend = reg_shop_format_amount (self->shop, reg_customer_get_total_spend (c));
  g_autofree char *second = NULL;

  gtk_label_set_text (GTK_LABEL (name), reg_customer_get_name (c));
  /* Translators: under a name in the merge list: email, then purchases and spend */
  second = g_strdup_printf (_("%s · %u purchases, %s"),
                            reg_customer_get_email (c) != NULL ? reg_customer_get_email (c) : _("no email"),
                            reg_customer_get_purchases (c), spend);
  gtk_label_set_text (GTK_LABEL (email), second);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  reg_merge_dialog_merge (REG_MERGE_DIALOG (widget));
}

static void
on_list_activate_cb (GtkListView    *view,
                     guint           position,
                     RegMergeDialog *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  reg_merge_dialog_merge (self);
}

static void
reg_merge_dialog_dispose (GObject *object)
{
  RegMergeDialog *self = REG_MERGE_DIALOG (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->keep);
  g_clear_object (&self->shop);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (reg_merge_dialog_parent_class)->dispose (object);
}

static void
reg_merge_dialog_class_init (RegMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_merge_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegMergeDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, RegMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RegMergeDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, RegMergeDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_merge_dialog_init (RegMergeDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
}

GtkWindow *
reg_merge_dialog_new (RegShop     *shop,
                      RegCustomer *keep)
{
  RegMergeDialog *self;
  g_autofree char *intro = NULL;
  GtkFilterListModel *filtered;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);
  g_return_val_if_fail (REG_IS_CUSTOMER (keep), NULL);

  self = g_object_new (REG_TYPE_MERGE_DIALOG, NULL);
  self->shop = g_object_ref (shop);
  self->keep = g_object_ref (keep);
  intro = g_strdup_printf (_("Choose the customer to merge into “%s”. Their sales move to “%s” and "
                             "they disappear from the list. This cannot be undone."),
                           reg_customer_get_name (keep), reg_customer_get_name (keep));
  gtk_label_set_text (self->intro_label, intro);

  self->filter = gtk_custom_filter_new (filter_other, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (reg_shop_get_customers (shop)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  return GTK_WINDOW (self);
}

void
reg_merge_dialog_set_search (RegMergeDialog *self,
                             const char     *text)
{
  g_return_if_fail (REG_IS_MERGE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed_cb (self->search_entry, self);
}

GListModel *
reg_merge_dialog_get_model (RegMergeDialog *self)
{
  g_return_val_if_fail (REG_IS_MERGE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->selection);
}

gboolean
reg_merge_dialog_merge (RegMergeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *merged_name = NULL;
  g_autofree char *title = NULL;
  RegCustomer *other;
  GtkWindow *parent;

  g_return_val_if_fail (REG_IS_MERGE_DIALOG (self), FALSE);

  other = gtk_single_selection_get_selected_item (self->selection);
  if (other == NULL)
    return FALSE;
  merged_name = g_strdup (reg_customer_get_name (other));
  if (!reg_shop_merge_customers (self->shop, reg_customer_get_id (self->keep), reg_customer_get_id (other),
                                 &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  title = g_strdup_printf (_("“%s” merged into “%s”"), merged_name, reg_customer_get_name (self->keep));
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    reg_ui_toast_text (GTK_WIDGET (parent), title);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
