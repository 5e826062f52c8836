/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChannelSpendDialog enters marketing spend through reg_shop_set_channel_spend(): the shop
 * checks channel, month and amount, its message is shown under the fields, and the list below
 * is read again after every change.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clv-date.h"
#include "reg-channel-spend-dialog.h"
#include "reg-channels.h"
#include "reg-ui-util.h"

struct _RegChannelSpendDialog
{
  AdwWindow    parent_instance;

  RegShop     *shop;   /* (owned) */

  /* template */
  AdwEntryRow *channel_row;
  AdwEntryRow *month_row;
  AdwEntryRow *amount_row;
  GtkLabel    *error_label;
  GtkListBox  *list_box;
};

G_DEFINE_FINAL_TYPE (RegChannelSpendDialog, reg_channel_spend_dialog, ADW_TYPE_WINDOW)

static void fill_list (RegChannelSpendDialog *self);

static void
show_error (RegChannelSpendDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_remove_clicked_cb (GtkButton *button, RegChannelSpendDialog *self)
{
  const char *channel = g_object_get_data (G_OBJECT (button), "channel");
  const char *month = g_object_get_data (G_OBJECT (button), "month");
  g_autoptr(GError) error = NULL;

  if (!reg_shop_set_channel_spend (self->shop, channel, month, 0, &error))
    show_error (self, error->message);
  fill_list (self);
}

static void
fill_list (RegChannelSpendDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spends = reg_shop_list_channel_spend (self->shop, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  if (spends == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (spends->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing entered yet"));
      gtk_list_box_append (self->list_box, row);
      return;
    }
  /* newest month first: what the owner entered last is what they check */
  for (guint i = spends->len; i-- > 0;)
    {
      const RegChannelSpend *s = &g_array_index (spends, RegChannelSpend, i);
      g_autofree char *amount = reg_shop_format_amount (self->shop, s->amount);
      g_autofree char *title = g_markup_escape_text (s->channel, -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      char month[8];

      clv_month_format_buf (s->month, month);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), month);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this spend"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove this spend"), -1);
      g_object_set_data_full (G_OBJECT (remove), "channel", g_strdup (s->channel), g_free);
      g_object_set_data_full (G_OBJECT (remove), "month", g_strdup (month), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->list_box, row);
    }
}

gboolean
reg_channel_spend_dialog_add (RegChannelSpendDialog *self, const char *channel,
                              const char *month, const char *amount)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  g_return_val_if_fail (REG_IS_CHANNEL_SPEND_DIALOG (self), FALSE);

  if (!reg_shop_parse_amount (self->shop, amount, &minor, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Amount “%s”: %s"), amount, error->message);
      show_error (self, text);
      return FALSE;
    }
  if (!reg_shop_set_channel_spend (self->shop, channel, month, minor, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  /* the channel and month stay for the next entry; the amount is typed again */
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  fill_list (self);
  return TRUE;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  RegChannelSpendDialog *self = REG_CHANNEL_SPEND_DIALOG (widget);

  reg_channel_spend_dialog_add (self, gtk_editable_get_text (GTK_EDITABLE (self->channel_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->month_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->amount_row)));
}

static void
on_entry_activated_cb (AdwEntryRow *row, RegChannelSpendDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "spend.add", NULL);
}

static void
reg_channel_spend_dialog_dispose (GObject *object)
{
  RegChannelSpendDialog *self = REG_CHANNEL_SPEND_DIALOG (object);

  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_channel_spend_dialog_parent_class)->dispose (object);
}

static void
reg_channel_spend_dialog_class_init (RegChannelSpendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_channel_spend_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/regulars/Regulars/ui/reg-channel-spend-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegChannelSpendDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RegChannelSpendDialog, month_row);
  gtk_widget_class_bind_template_child (widget_class, RegChannelSpendDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RegChannelSpendDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RegChannelSpendDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "spend.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_channel_spend_dialog_init (RegChannelSpendDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
reg_channel_spend_dialog_new (RegShop *shop)
{
  RegChannelSpendDialog *self;
  g_auto(GStrv) channels = NULL;
  char month[8];

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);
  self = g_object_new (REG_TYPE_CHANNEL_SPEND_DIALOG, NULL);
  self->shop = g_object_ref (shop);
  /* this month and the channel most customers came through: the usual entry */
  clv_month_format_buf (clv_month_of_day (clv_date_today ()), month);
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);
  channels = reg_shop_list_channels (shop);
  if (channels[0] != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->channel_row), channels[0]);
  fill_list (self);
  return GTK_WINDOW (self);
}

void
reg_channel_spend_dialog_show (GtkWidget *from, RegShop *shop)
{
  GtkWindow *dialog = reg_channel_spend_dialog_new (shop);
  GtkRoot *root = gtk_widget_get_root (from);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_present (dialog);
}
