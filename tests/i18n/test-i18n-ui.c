/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window in German, in process: the locale is de_DE.UTF-8 and the catalogues are the build
 * tree's (argv[1]), set up as app/main.c does. On an analysed demo shop written in de_DE with
 * euros it checks the view switcher, the window title, the Overview's figures (German titles,
 * amounts such as 1.234,56 €) and an amount error shown inline in the sale entry, word for
 * word from po/de.po. Skips when the system lacks de_DE.UTF-8.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "reg-overview-view.h"
#include "reg-sale-entry.h"
#include "reg-sales-view.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"

static gboolean have_de;

typedef struct
{
  char      *dir;
  RegShop   *shop;
  RegWindow *window;
} Fixture;

static gboolean
skip_without_german (void)
{
  if (have_de)
    return FALSE;
  g_test_skip ("the de_DE.UTF-8 locale is not installed (setlocale failed); "
               "build-aux/deps.sh test generates it");
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_de)
    return;
  f->shop = ui_test_new_demo_shop (300, TRUE, &f->dir);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "de_DE", &error));
  g_assert_no_error (error);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  g_assert_no_error (error);
  f->window = reg_window_new (NULL, f->shop);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window == NULL)
    return;
  UI_WAIT_UNTIL (!reg_window_get_analysis_running (f->window), 60);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static const char *
page_title_of (RegWindow  *window,
               const char *view)
{
  GtkWidget *child = reg_window_get_view (window, view);
  GtkWidget *stack = gtk_widget_get_ancestor (child, ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  return adw_view_stack_page_get_title (adw_view_stack_get_page (ADW_VIEW_STACK (stack), child));
}

static const char *
page_title (Fixture    *f,
            const char *view)
{
  return page_title_of (f->window, view);
}

static const char *
label_text (gpointer    widget,
            GType       template_type,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (ui_test_child (widget, template_type, name)));
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *overview;
  g_autoptr(GRegex) money = g_regex_new ("^-?[0-9]{1,3}(\\.[0-9]{3})*,[0-9]{2}\u00a0€$", 0, 0, NULL);
  const char *title, *revenue, *aov;

  if (skip_without_german ())
    return;
  g_assert_cmpstr (page_title (f, "overview"), ==, "_Übersicht");
  g_assert_cmpstr (page_title (f, "customers"), ==, "_Kunden");
  g_assert_cmpstr (page_title (f, "sales"), ==, "_Verkäufe");
  title = gtk_window_get_title (GTK_WINDOW (f->window));
  g_test_message ("window title: %s", title);
  g_assert_true (g_str_has_suffix (title, " – Regulars"));

  overview = reg_window_get_view (f->window, "overview");
  UI_WAIT_UNTIL (reg_overview_view_get_summary (REG_OVERVIEW_VIEW (overview)) != NULL
                 && !reg_window_get_analysis_running (f->window), 60);
  g_assert_true (ui_test_find_label (overview, "Aktive Kunden") != NULL);
  g_assert_true (ui_test_find_label (overview, "Umsatz pro Monat") != NULL);
  g_assert_true (ui_test_find_label (overview, "Wie gut sind die Prognosen?") != NULL);
  g_assert_cmpstr (label_text (overview, REG_TYPE_OVERVIEW_VIEW, "customers_caption"), ==,
                   "Kunden haben bei Ihnen gekauft");
  revenue = label_text (overview, REG_TYPE_OVERVIEW_VIEW, "revenue_value");
  aov = label_text (overview, REG_TYPE_OVERVIEW_VIEW, "aov_value");
  g_test_message ("revenue %s, average order %s", revenue, aov);
  g_assert_true (g_regex_match (money, revenue, 0, NULL));
  g_assert_true (g_regex_match (money, aov, 0, NULL));
  g_assert_true (g_str_has_suffix (label_text (overview, REG_TYPE_OVERVIEW_VIEW, "repeat_value"), " %"));
}

static void
test_sale_entry (Fixture       *f,
                 gconstpointer  data)
{
  RegSalesView *sales;
  GtkWidget *entry;
  GtkEntry *amount;

  if (skip_without_german ())
    return;
  reg_window_show_view (f->window, "sales");
  sales = REG_SALES_VIEW (reg_window_get_view (f->window, "sales"));
  entry = reg_sales_view_get_entry (sales);
  amount = ui_test_child (entry, REG_TYPE_SALE_ENTRY, "amount_entry");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (amount), ==, "z. B. 12,50\u00a0€");

  gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"), "Zoë Müller");
  gtk_editable_set_text (GTK_EDITABLE (amount), "12,3,4");
  g_assert_cmpint (reg_sale_entry_save (REG_SALE_ENTRY (entry)), ==, 0);
  g_assert_cmpstr (label_text (entry, REG_TYPE_SALE_ENTRY, "amount_error"), ==,
                   "“12,3,4” ist kein Betrag: Tausendertrennzeichen müssen jeweils drei Ziffern "
                   "gruppieren");
  gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"), "");
  gtk_editable_set_text (GTK_EDITABLE (amount), "12,50");
  g_assert_cmpint (reg_sale_entry_save (REG_SALE_ENTRY (entry)), ==, 0);
  g_assert_cmpstr (label_text (entry, REG_TYPE_SALE_ENTRY, "customer_error"), ==,
                   "Geben Sie den Namen oder die E-Mail-Adresse des Kunden ein.");
}

/* At a phone's 360 px the bottom bar's six names are whole in German and in Spanish too
 * ("Übersicht", "Segmentos", "Productos"). */
static void
test_switcher_bar_360 (Fixture       *f,
                       gconstpointer  data)
{
  static const char *languages[] = { NULL, "es" };   /* NULL: the locale's German */

  if (skip_without_german ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      RegWindow *window;

      /* a change of locale makes gettext read LANGUAGE anew */
      if (languages[i] != NULL)
        g_setenv ("LANGUAGE", languages[i], TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      setlocale (LC_ALL, "de_DE.UTF-8");
      window = reg_window_new (NULL, f->shop);
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C.UTF-8");
      setlocale (LC_ALL, "de_DE.UTF-8");
      g_object_ref_sink (window);
      gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
      gtk_window_present (GTK_WINDOW (window));
      UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);
      g_assert_cmpstr (page_title_of (window, "products"), ==,
                       languages[i] == NULL ? "_Produkte" : "_Productos");
      ui_test_assert_switcher_bar_whole (GTK_WIDGET (window), 6);
      UI_WAIT_UNTIL (!reg_window_get_analysis_running (window), 60);
      gtk_window_destroy (GTK_WINDOW (window));
      ui_test_drain ();
      g_assert_finalize_object (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");   /* it would outrank the locale in gettext */
  ui_test_init (&argc, &argv);
  g_assert_cmpint (argc, >=, 2);
  /* after gtk_test_init (), which sets a locale of its own */
  have_de = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  /* what app/main.c does, with the build tree's catalogues */
  bindtextdomain (GETTEXT_PACKAGE, argv[1]);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add ("/i18n/ui/window-de", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);
  g_test_add ("/i18n/ui/sale-entry-de", Fixture, NULL, fixture_set_up, test_sale_entry,
              fixture_tear_down);
  g_test_add ("/i18n/ui/switcher-bar-360", Fixture, NULL, fixture_set_up, test_switcher_bar_360,
              fixture_tear_down);
  return g_test_run ();
}
