/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegNewShopDialog: name, currency and locale of a new shop, the choices from clv-money's
 * tables, the defaults from the system's locale (reg_shop_guess_defaults). Creating goes
 * through reg_shop_create(), which leaves nothing behind when a value is refused; the refusal
 * shows under the fields and the dialog stays open. Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "reg-new-shop-dialog.h"
#include "reg-shop.h"

struct _RegNewShopDialog
{
  AdwWindow            parent_instance;

  char                *path;          /* (owned) */
  GPtrArray           *currencies;    /* (owned) codes, in the currency row's order */
  GPtrArray           *locales;       /* (owned) ids, in the locale row's order */

  /* template */
  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwComboRow         *currency_row;
  AdwComboRow         *locale_row;
  GtkLabel            *error_label;
  GtkButton           *create_button;
};

G_DEFINE_FINAL_TYPE (RegNewShopDialog, reg_new_shop_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
select_value (AdwComboRow *row,
              GPtrArray   *values,
              const char  *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      adw_combo_row_set_selected (row, i);
}

static const char *
selected_value (AdwComboRow *row,
                GPtrArray   *values)
{
  guint i = adw_combo_row_get_selected (row);

  return i < values->len ? g_ptr_array_index (values, i) : NULL;
}

static void
update_create (RegNewShopDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-shop.create", *name != '\0');
}

static void
on_name_row_changed_cb (GtkEditable      *editable,
                        RegNewShopDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_create (self);
}

static void
on_name_row_entry_activated_cb (AdwEntryRow      *row,
                                RegNewShopDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-shop.create", NULL);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RegNewShopDialog *self = REG_NEW_SHOP_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = NULL;
  GtkWindow *parent;

  shop = reg_shop_create (self->path, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                          selected_value (self->currency_row, self->currencies),
                          selected_value (self->locale_row, self->locales), &error);
  if (shop == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  /* the window that opens it makes its own connection */
  g_clear_object (&shop);
  /* The handler may destroy the window this dialog belongs to (the new shop's window takes
   * its place), and the dialog with it: both stay allocated until the dialog has let go of
   * its parent, which GTK does only when the dialog is finalized. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    g_object_ref (parent);
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, self->path);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  g_clear_object (&parent);
}

static void
fill_choices (RegNewShopDialog *self)
{
  g_autoptr(GtkStringList) currency_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) locale_labels = gtk_string_list_new (NULL);
  const ClvCurrency *currencies;
  const ClvLocale *locales;
  const char *locale_id, *currency;
  gsize n;

  currencies = clv_currency_list (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", currencies[i].code, currencies[i].symbol);
      gtk_string_list_append (currency_labels, label);
      g_ptr_array_add (self->currencies, g_strdup (currencies[i].code));
    }
  locales = clv_locale_list (&n);
  for (gsize i = 0; i < n; i++)
    {
      gtk_string_list_append (locale_labels, _(locales[i].name));
      g_ptr_array_add (self->locales, g_strdup (locales[i].id));
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currency_labels));
  adw_combo_row_set_model (self->locale_row, G_LIST_MODEL (locale_labels));

  /* the owner's own conventions first: how money and dates are written where they are */
  reg_shop_guess_defaults (setlocale (LC_MONETARY, NULL), &locale_id, &currency);
  select_value (self->currency_row, self->currencies, currency);
  select_value (self->locale_row, self->locales, locale_id);
}

static void
reg_new_shop_dialog_finalize (GObject *object)
{
  RegNewShopDialog *self = REG_NEW_SHOP_DIALOG (object);

  g_free (self->path);
  g_clear_pointer (&self->currencies, g_ptr_array_unref);
  g_clear_pointer (&self->locales, g_ptr_array_unref);
  G_OBJECT_CLASS (reg_new_shop_dialog_parent_class)->finalize (object);
}

static void
reg_new_shop_dialog_class_init (RegNewShopDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_new_shop_dialog_finalize;

  signals[SIGNAL_CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-new-shop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegNewShopDialog, group);
  gtk_widget_class_bind_template_child (widget_class, RegNewShopDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RegNewShopDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RegNewShopDialog, locale_row);
  gtk_widget_class_bind_template_child (widget_class, RegNewShopDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RegNewShopDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "new-shop.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_new_shop_dialog_init (RegNewShopDialog *self)
{
  self->currencies = g_ptr_array_new_with_free_func (g_free);
  self->locales = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_choices (self);
  update_create (self);
}

GtkWindow *
reg_new_shop_dialog_new (GtkWindow  *parent,
                         const char *path)
{
  RegNewShopDialog *self;
  g_autofree char *file = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  self = g_object_new (REG_TYPE_NEW_SHOP_DIALOG, "transient-for", parent, NULL);
  self->path = g_strdup (path);
  file = g_filename_display_basename (path);
  /* the file's name is the first guess at the shop's: "Café Zoë.regulars" */
  {
    g_autofree char *stem = g_strdup (file);
    if (g_str_has_suffix (stem, ".regulars"))
      stem[strlen (stem) - strlen (".regulars")] = '\0';
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), stem);
  }
  description = g_strdup_printf (_("Saved as %s. The name is printed on lists and reports; amounts "
                                   "and dates are written the way you choose here."), file);
  adw_preferences_group_set_description (self->group, description);
  return GTK_WINDOW (self);
}

const char *
reg_new_shop_dialog_get_path (RegNewShopDialog *self)
{
  g_return_val_if_fail (REG_IS_NEW_SHOP_DIALOG (self), NULL);
  return self->path;
}
