/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting one channel on many customers: the owner types it once (the channels already used are
 * offered as they type), the shop changes every customer or none, and a toast says how many.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-channels.h"
#include "reg-set-channel-dialog.h"
#include "reg-ui-util.h"

typedef struct
{
  RegShop   *shop;     /* (owned) */
  GArray    *ids;      /* (owned) gint64 */
  GtkWidget *from;     /* (owned) where the toast goes */
  GtkWidget *entry;    /* (unowned) */
} SetChannel;

static void
set_channel_free (gpointer data)
{
  SetChannel *s = data;

  g_object_unref (s->shop);
  g_array_unref (s->ids);
  g_object_unref (s->from);
  g_free (s);
}

static void
on_response_cb (AdwMessageDialog *dialog, const char *response, SetChannel *s)
{
  g_autoptr(GError) error = NULL;
  const char *channel;
  gint64 changed;

  if (g_strcmp0 (response, "set") != 0)
    return;
  channel = gtk_editable_get_text (GTK_EDITABLE (s->entry));
  changed = reg_shop_set_customers_channel (s->shop, (const gint64 *) (gpointer) s->ids->data,
                                            s->ids->len, channel, &error);
  if (changed < 0)
    {
      reg_ui_toast_text (s->from, error->message);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Channel set for %u customer",
                                                          "Channel set for %u customers",
                                                          (gulong) changed),
                                             (guint) changed);
    reg_ui_toast_text (s->from, text);
  }
}

static void
on_entry_activate_cb (GtkEntry *entry, AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "set");
  gtk_window_close (GTK_WINDOW (dialog));
}

static GtkWidget *
show_dialog (GtkWidget *from, RegShop *shop, GArray *ids, const char *body)
{
  GtkRoot *root = gtk_widget_get_root (from);
  SetChannel *s = g_new0 (SetChannel, 1);
  g_auto(GStrv) channels = reg_shop_list_channels (shop);
  g_autofree char *known = NULL;
  GtkWidget *dialog;

  s->shop = g_object_ref (shop);
  s->ids = g_array_ref (ids);
  s->from = g_object_ref (from);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Set Channel"), body);
  s->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (s->entry), _("Channel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (s->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Channel"), -1);
  if (channels[0] != NULL)
    {
      known = g_strjoinv (", ", channels);
      /* TRANSLATORS: the channels customers already have, "Instagram, walk-in, flyers" */
      g_autofree char *tip = g_strdup_printf (_("Channels in use: %s"), known);
      gtk_widget_set_tooltip_text (s->entry, tip);
    }
  g_signal_connect (s->entry, "activate", G_CALLBACK (on_entry_activate_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), s->entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "set", _("_Set Channel"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "reg-set-channel", s, set_channel_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), s);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

GtkWidget *
reg_set_channel_dialog_show (GtkWidget *from, RegShop *shop, GArray *ids)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Where the customer shown came from, such as Instagram, "
                                       "a market stall or word of mouth. Leave it empty to "
                                       "clear it.",
                                       "Where the %u customers shown came from, such as "
                                       "Instagram, a market stall or word of mouth. Leave it "
                                       "empty to clear it.", ids->len), ids->len);
  return show_dialog (from, shop, ids, body);
}

GtkWidget *
reg_set_channel_dialog_show_selected (GtkWidget *from, RegShop *shop, GArray *ids)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Where the selected customer came from, such as "
                                       "Instagram, a market stall or word of mouth. Leave it "
                                       "empty to clear it.",
                                       "Where the %u selected customers came from, such as "
                                       "Instagram, a market stall or word of mouth. Leave it "
                                       "empty to clear it.", ids->len), ids->len);
  return show_dialog (from, shop, ids, body);
}

GtkEditable *
reg_set_channel_dialog_get_entry (GtkWidget *dialog)
{
  SetChannel *s = g_object_get_data (G_OBJECT (dialog), "reg-set-channel");

  g_return_val_if_fail (s != NULL, NULL);
  return GTK_EDITABLE (s->entry);
}
