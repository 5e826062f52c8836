/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSaleEditor corrects one sale through reg_shop_edit_sale(): the date and amount are read
 * in the shop's locale by RegShop; a field that does not read is marked and explained under the
 * form, and nothing is saved until all read. The sale's product lines, if it has any, are shown
 * as they were entered. Main thread only; owns a copy of the record.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "reg-sale-editor.h"
#include "reg-ui-util.h"

struct _RegSaleEditor
{
  AdwWindow      parent_instance;

  RegShop       *shop;       /* (owned) */
  RegSaleRecord  rec;        /* (owned) */

  /* template */
  AdwActionRow  *customer_row;
  AdwEntryRow   *date_row;
  AdwEntryRow   *amount_row;
  AdwEntryRow   *note_row;
  AdwPreferencesGroup *lines_group;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (RegSaleEditor, reg_sale_editor, ADW_TYPE_WINDOW)

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  reg_sale_editor_save (REG_SALE_EDITOR (widget));
}

static void
on_entry_activated_cb (AdwEntryRow   *row,
                       RegSaleEditor *self)
{
  reg_sale_editor_save (self);
}

/* The sale's lines, one row each: "2 × Blue mug", its code and its amount. */
static void
show_lines (RegSaleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = reg_shop_list_sale_lines (self->shop, self->rec.id, &error);

  if (lines == NULL)
    {
      g_warning ("Cannot read the lines of sale %" PRId64 ": %s", self->rec.id, error->message);
      return;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      const RegSaleLineRecord *line = lines->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("%d × %s"), (int) line->quantity, line->name);
      g_autofree char *money = reg_shop_format_amount (self->shop, line->amount);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_strcmp0 (line->code, line->name) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line->code);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (money));
      adw_preferences_group_add (self->lines_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), lines->len > 0);
}

static void
reg_sale_editor_dispose (GObject *object)
{
  RegSaleEditor *self = REG_SALE_EDITOR (object);

  g_clear_object (&self->shop);
  reg_sale_record_clear (&self->rec);
  G_OBJECT_CLASS (reg_sale_editor_parent_class)->dispose (object);
}

static void
reg_sale_editor_class_init (RegSaleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_sale_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/regulars/Regulars/ui/reg-sale-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RegSaleEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEditor, lines_group);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_sale_editor_init (RegSaleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
reg_sale_editor_new (RegShop *shop,
                     gint64   sale_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  RegSaleRecord rec = { 0 };
  RegCustomerRecord customer = { 0 };
  RegSaleEditor *self;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);

  if (!reg_shop_get_sale (shop, sale_id, &rec, &error))
    {
      g_warning ("Cannot edit sale %" PRId64 ": %s", sale_id, error->message);
      return NULL;
    }
  self = g_object_new (REG_TYPE_SALE_EDITOR, NULL);
  self->shop = g_object_ref (shop);
  self->rec = rec;

  if (reg_shop_get_customer (shop, rec.customer_id, &customer, NULL))
    {
      /* a customer's name is text, not Pango markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->customer_row), FALSE);
      adw_action_row_set_subtitle (self->customer_row, customer.name);
      reg_customer_record_clear (&customer);
    }
  date = reg_shop_format_date (shop, rec.day);
  amount = reg_shop_format_amount (shop, rec.amount);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), rec.note != NULL ? rec.note : "");
  show_lines (self);
  return GTK_WINDOW (self);
}

gboolean
reg_sale_editor_save (RegSaleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  RegSaleRecord edited;
  GtkWindow *parent;
  gint32 day;
  gint64 amount;

  g_return_val_if_fail (REG_IS_SALE_EDITOR (self), FALSE);

  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  if (!reg_shop_parse_date (self->shop, gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &day, &error))
    {
      reg_ui_set_field_error (GTK_WIDGET (self->date_row), self->error_label, error->message);
      return FALSE;
    }
  if (!reg_shop_parse_amount (self->shop, gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, &error))
    {
      reg_ui_set_field_error (GTK_WIDGET (self->amount_row), self->error_label, error->message);
      return FALSE;
    }
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  edited = self->rec;
  edited.day = day;
  edited.amount = amount;
  edited.note = *note != '\0' ? note : NULL;
  if (!reg_shop_edit_sale (self->shop, &edited, &error))
    {
      reg_ui_set_field_error (GTK_WIDGET (self->amount_row), self->error_label, error->message);
      return FALSE;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    reg_ui_toast_text (GTK_WIDGET (parent), _("Sale changed"));
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
