/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The New shop dialog: it asks for the name, currency and locale (the choices defaulting to
 * the system's locale), makes the shop with exactly those settings, keeps Create off without a
 * name, and a refused value leaves no file, nor changes a file it was to replace.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "reg-new-shop-dialog.h"
#include "reg-shop.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"

static guint
index_of (AdwComboRow *row, const char *label_prefix)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (model), i);
      if (g_str_has_prefix (label, label_prefix))
        return i;
    }
  g_error ("no choice starts with %s", label_prefix);
  return 0;
}

static void
on_created_cb (RegNewShopDialog *dialog, const char *path, char **out)
{
  *out = g_strdup (path);
}

static gboolean
window_alive (GtkWindow *w)
{
  GListModel *all = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GtkWindow) t = g_list_model_get_item (all, i);
      if (t == w)
        return TRUE;
    }
  return FALSE;
}

static void
test_create (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Café Zoë.regulars", NULL);
  g_autofree char *created = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = NULL;
  g_autofree char *name = NULL, *currency = NULL, *locale = NULL;
  GtkWindow *dialog = reg_new_shop_dialog_new (NULL, path);
  AdwEntryRow *name_row = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "name_row");
  AdwComboRow *currency_row = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "currency_row");
  AdwComboRow *locale_row = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "locale_row");

  g_signal_connect (dialog, "created", G_CALLBACK (on_created_cb), &created);
  gtk_window_present (dialog);
  /* the file's name is the first guess at the shop's */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Café Zoë");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Zoë's Bakery");
  adw_combo_row_set_selected (currency_row, index_of (currency_row, "CHF"));
  adw_combo_row_set_selected (locale_row, index_of (locale_row, "German (Switzerland)"));
  g_signal_emit_by_name (name_row, "entry-activated");   /* Enter in the name creates it */
  g_assert_cmpstr (created, ==, path);
  UI_WAIT_UNTIL (!window_alive (dialog), 5);

  shop = reg_shop_open (path, FALSE, &error);
  g_assert_no_error (error);
  name = reg_shop_get_setting (shop, REG_SETTING_SHOP_NAME);
  currency = reg_shop_get_setting (shop, REG_SETTING_CURRENCY);
  locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
  g_assert_cmpstr (name, ==, "Zoë's Bakery");
  g_assert_cmpstr (currency, ==, "CHF");
  g_assert_cmpstr (locale, ==, "de_CH");
  g_clear_object (&shop);
  ui_test_drain ();
  reg_test_rm_rf (dir);
}

/* Without a name (or with blanks only) there is nothing to create, Enter included, and the
 * file it was to replace is the same byte for byte. */
static void
test_refused (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.regulars", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *created = NULL;
  GtkWindow *dialog = reg_new_shop_dialog_new (NULL, path);
  AdwEntryRow *name_row = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "name_row");
  GtkLabel *error_label = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "error_label");
  GtkWidget *create_button = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "create_button");

  g_assert_true (g_file_set_contents (path, "an older file the owner agreed to replace", -1, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_signal_connect (dialog, "created", G_CALLBACK (on_created_cb), &created);
  gtk_window_present (dialog);

  gtk_editable_set_text (GTK_EDITABLE (name_row), "");
  g_assert_false (gtk_widget_get_sensitive (create_button));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "   ");
  g_assert_false (gtk_widget_get_sensitive (create_button));
  /* Enter anyway: nothing is made, the dialog stays */
  g_signal_emit_by_name (name_row, "entry-activated");
  g_assert_null (created);
  g_assert_true (window_alive (dialog));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Corner Shop");
  g_assert_true (gtk_widget_get_sensitive (create_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  gtk_widget_activate_action (create_button, "new-shop.create", NULL);
  g_assert_cmpstr (created, ==, path);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegShop) shop = reg_shop_open (path, FALSE, &error);
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    name = reg_shop_get_setting (shop, REG_SETTING_SHOP_NAME);
    g_assert_cmpstr (name, ==, "Corner Shop");
  }
  ui_test_drain ();
  reg_test_rm_rf (dir);
}

static void
on_created_destroy_parent_cb (RegNewShopDialog *dialog, const char *path, GtkWindow *parent)
{
  /* what the application does: the new shop's window takes the place of the old one */
  gtk_window_destroy (parent);
}

/* The window the dialog belongs to goes away while the dialog reports the new shop. */
static void
test_parent_replaced (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.regulars", NULL);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;

  gtk_window_present (parent);
  dialog = reg_new_shop_dialog_new (parent, path);
  g_signal_connect (dialog, "created", G_CALLBACK (on_created_destroy_parent_cb), parent);
  gtk_window_present (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "new-shop.create", NULL);
  UI_WAIT_UNTIL (!window_alive (dialog) && !window_alive (parent), 5);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  ui_test_drain ();
  reg_test_rm_rf (dir);
}

/* The choices start from the system's locale: with money written as in Germany, euros and
 * German dates. */
static void
test_defaults (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_MONETARY, NULL));
  GtkWindow *dialog;
  AdwComboRow *currency_row, *locale_row;
  GListModel *model;

  if (setlocale (LC_MONETARY, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  dialog = reg_new_shop_dialog_new (NULL, "/nonexistent/shop.regulars");
  setlocale (LC_MONETARY, saved);
  currency_row = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "currency_row");
  locale_row = ui_test_child (dialog, REG_TYPE_NEW_SHOP_DIALOG, "locale_row");
  model = adw_combo_row_get_model (currency_row);
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model),
                                                               adw_combo_row_get_selected (currency_row)),
                                   "EUR"));
  model = adw_combo_row_get_model (locale_row);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (locale_row)),
                   ==, "German (Germany)");
  gtk_window_destroy (dialog);
  ui_test_drain ();
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/new-shop/create", test_create);
  g_test_add_func ("/ui/new-shop/refused", test_refused);
  g_test_add_func ("/ui/new-shop/parent-replaced", test_parent_replaced);
  g_test_add_func ("/ui/new-shop/defaults", test_defaults);
  return g_test_run ();
}
