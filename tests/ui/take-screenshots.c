/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: writes the screenshots of data/screenshots. Opens SHOP in a RegWindow, shows
 * Overview, Customers (the list, and with a customer's details) and Sales in light and dark
 * styles, and
 * saves what the X server shows with ImageMagick's import (no window manager needed):
 *   xvfb-run -a -s "-screen 0 1280x800x24" take-screenshots SHOP OUTDIR [WIDTH HEIGHT]
 */
#include "config.h"

#include <stdlib.h>

#include "reg-analysis-job.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-overview-view.h"
#include "reg-sale-entry.h"
#include "reg-sales-view.h"
#include "reg-window.h"
#include "ui-test-utils.h"

static void
save (GtkWidget  *window,
      const char *dir,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *command = NULL;
  int status;

  /* let layout and drawing settle, then take what the X server shows (ImageMagick's import):
   * without a window manager the window sits at the top left corner */
  ui_test_wait_frames (window, 25);   /* past the view and flap transitions */
  command = g_strdup_printf ("import -window root -crop %dx%d+0+0 +repage %s",
                             gtk_widget_get_width (window), gtk_widget_get_height (window), path);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", command, error->message);
  g_printerr ("wrote %s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  int width = argc > 4 ? atoi (argv[3]) : 1280;
  int height = argc > 4 ? atoi (argv[4]) : 800;
  const char *schemes[] = { "light", "dark" };

  gtk_init ();
  adw_init ();
  /* what AdwApplication loads by itself from the resource base path */
  gtk_css_provider_load_from_resource (css, "/io/github/regulars/Regulars/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (argc < 3)
    {
      g_printerr ("usage: %s SHOP OUTDIR [WIDTH HEIGHT]\n", argv[0]);
      return 2;
    }
  shop = reg_shop_open (argv[1], FALSE, &error);
  if (shop == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (argv[2], 0755);

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      RegWindow *window;
      RegCustomersView *customers;
      g_autofree char *name = NULL;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
      window = reg_window_new (NULL, shop);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      gtk_window_present (GTK_WINDOW (window));
      UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);
      UI_WAIT_UNTIL (reg_overview_view_get_summary (REG_OVERVIEW_VIEW (reg_window_get_view (window, "overview"))) != NULL
                     && !reg_window_get_analysis_running (window), 60);

      name = g_strdup_printf ("overview-%s.png", schemes[s]);
      save (GTK_WIDGET (window), argv[2], name);

      reg_window_show_view (window, "customers");
      customers = REG_CUSTOMERS_VIEW (reg_window_get_view (window, "customers"));
      ui_test_wait_frames (GTK_WIDGET (window), 2);   /* laid out (and folded when narrow) first */
      reg_customers_view_sort_by (customers, "clv", GTK_SORT_DESCENDING);
      {
        g_autoptr(RegCustomer) top = g_list_model_get_item (reg_customers_view_get_model (customers), 0);
        reg_customers_view_select_customer (customers, reg_customer_get_id (top));
      }
      g_free (name);
      name = g_strdup_printf ("customer-detail-%s.png", schemes[s]);
      save (GTK_WIDGET (window), argv[2], name);

      gtk_widget_activate_action (GTK_WIDGET (customers), "customers.close-detail", NULL);
      g_free (name);
      name = g_strdup_printf ("customers-%s.png", schemes[s]);
      save (GTK_WIDGET (window), argv[2], name);

      reg_window_show_view (window, "sales");
      reg_sales_view_focus_entry (REG_SALES_VIEW (reg_window_get_view (window, "sales")));
      if (g_getenv ("REG_SHOT_SUGGEST") != NULL)
        {
          GtkWidget *entry = reg_sales_view_get_entry (REG_SALES_VIEW (reg_window_get_view (window, "sales")));
          ui_test_wait_frames (GTK_WIDGET (window), 2);
          gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"),
                                 g_getenv ("REG_SHOT_SUGGEST"));
          gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "amount_entry"), "12,5x");
          reg_sale_entry_save (REG_SALE_ENTRY (entry));
          gtk_widget_grab_focus (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"));
          gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"), "");
          gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"),
                                 g_getenv ("REG_SHOT_SUGGEST"));
        }
      g_free (name);
      name = g_strdup_printf ("sales-%s.png", schemes[s]);
      save (GTK_WIDGET (window), argv[2], name);

      gtk_window_destroy (GTK_WINDOW (window));
      ui_test_drain ();
    }
  return 0;
}
