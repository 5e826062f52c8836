/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerEditor edits one customer record through reg_shop_edit_customer(). The shop
 * validates; its message is shown in the window and nothing is saved until it passes.
 * Main thread only; owns a copy of the record and a reference to the shop.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "reg-customer-editor.h"
#include "reg-ui-util.h"

struct _RegCustomerEditor
{
  AdwWindow          parent_instance;

  RegShop           *shop;      /* (owned) */
  RegCustomerRecord  rec;       /* (owned) */

  /* template */
  AdwEntryRow       *name_row;
  AdwEntryRow       *email_row;
  AdwEntryRow       *phone_row;
  AdwEntryRow       *channel_row;
  AdwEntryRow       *notes_row;
  GtkSwitch         *consent_switch;
  GtkLabel          *error_label;
};

G_DEFINE_FINAL_TYPE (RegCustomerEditor, reg_customer_editor, ADW_TYPE_WINDOW)

static char *
dup_or_null (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  return *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  reg_customer_editor_save (REG_CUSTOMER_EDITOR (widget));
}

static void
on_entry_activated_cb (AdwEntryRow       *row,
                       RegCustomerEditor *self)
{
  reg_customer_editor_save (self);
}

static void
reg_customer_editor_dispose (GObject *object)
{
  RegCustomerEditor *self = REG_CUSTOMER_EDITOR (object);

  g_clear_object (&self->shop);
  reg_customer_record_clear (&self->rec);
  G_OBJECT_CLASS (reg_customer_editor_parent_class)->dispose (object);
}

static void
reg_customer_editor_class_init (RegCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_customer_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_customer_editor_init (RegCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
reg_customer_editor_new (RegShop *shop,
                         gint64   customer_id)
{
  g_autoptr(GError) error = NULL;
  RegCustomerEditor *self;
  RegCustomerRecord rec = { 0 };

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);

  if (!reg_shop_get_customer (shop, customer_id, &rec, &error))
    {
      g_warning ("Cannot edit customer %" PRId64 ": %s", customer_id, error->message);
      return NULL;
    }
  self = g_object_new (REG_TYPE_CUSTOMER_EDITOR, NULL);
  self->shop = g_object_ref (shop);
  self->rec = rec;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rec.name != NULL ? rec.name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), rec.email != NULL ? rec.email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), rec.phone != NULL ? rec.phone : "");
  gtk_editable_set_text (GTK_EDITABLE (self->channel_row), rec.channel != NULL ? rec.channel : "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), rec.notes != NULL ? rec.notes : "");
  gtk_switch_set_active (self->consent_switch, rec.email_consent);
  return GTK_WINDOW (self);
}

gboolean
reg_customer_editor_save (RegCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord edited;
  GtkWindow *parent;
  gboolean ok, missing_name;

  g_return_val_if_fail (REG_IS_CUSTOMER_EDITOR (self), FALSE);

  edited = self->rec;
  edited.name = dup_or_null (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  edited.email = dup_or_null (gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  edited.phone = dup_or_null (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  edited.channel = dup_or_null (gtk_editable_get_text (GTK_EDITABLE (self->channel_row)));
  edited.notes = dup_or_null (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  edited.email_consent = gtk_switch_get_active (self->consent_switch);

  if (edited.name == NULL)
    {
      g_set_error_literal (&error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID, _("A customer needs a name."));
      ok = FALSE;
    }
  else
    ok = reg_shop_edit_customer (self->shop, &edited, &error);

  missing_name = edited.name == NULL;
  g_free (edited.name);
  g_free (edited.email);
  g_free (edited.phone);
  g_free (edited.channel);
  g_free (edited.notes);

  if (!ok)
    {
      /* the shop's message names the field; only a missing name is marked on its row */
      if (missing_name)
        reg_ui_set_field_error (GTK_WIDGET (self->name_row), self->error_label, error->message);
      else
        {
          reg_ui_set_field_error (GTK_WIDGET (self->name_row), self->error_label, NULL);
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return FALSE;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    reg_ui_toast_text (GTK_WIDGET (parent), _("Changes saved"));
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
