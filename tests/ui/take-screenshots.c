/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: writes the screenshots of data/screenshots. Opens a copy of SHOP in a RegWindow,
 * shows Overview (its top, and scrolled to the prediction cards), Customers (the list, and with a customer's details), Sales, Segments and
 * Reports and Products (what the top tier bought, a product's page open) in light and dark styles; in the light style also every page of the import wizard
 * (importing REG_SHOT_IMPORT, by default Stripe's payments export from ../shared/data, into
 * the copy), its survey flow (an export of the most valuable customers' answers whose columns
 * the owner assigns, imported before the Customers shots so that the customer's page shows
 * answers), the preferences, and the first printed page of the loyalty list; and saves what
 * the X server shows with ImageMagick's import (no window manager needed):
 *   xvfb-run -a -s "-screen 0 1280x800x24" take-screenshots SHOP OUTDIR [WIDTH HEIGHT]
 * Given a WIDTH, the main views (overview, customers, customer-detail, sales, segments,
 * reports) are taken at that size with the width in their names (customers-360-light.png)
 * and nothing else; without one, at 1280 x 800 under the names the README and the metainfo
 * use (customers-light.png). The X screen must be at least as large as the window.
 * REG_SHOT_ONLY=segments,reports,import,survey,preferences,print,… limits the shots to those
 * names; REG_SHOT_ONLY=new-shop takes the New shop dialog alone (not one of data/screenshots).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reg-analysis-job.h"
#include "reg-channel-card.h"
#include "reg-customer.h"
#include "reg-customers-view.h"
#include "reg-import-wizard.h"
#include "reg-new-shop-dialog.h"
#include "reg-preferences-window.h"
#include "reg-products-view.h"
#include "reg-reports-view.h"
#include "reg-segments-view.h"
#include "reg-test-utils.h"
#include "reg-overview-view.h"
#include "reg-sale-entry.h"
#include "reg-sales-view.h"
#include "reg-window.h"
#include "ui-test-utils.h"

/* the width in the file names, 0 for the default size's names */
static int shot_width;

/* "customers-light.png", or with a width given "customers-360-light.png" */
static char *
shot_name (const char *what,
           const char *scheme)
{
  if (shot_width > 0)
    return g_strdup_printf ("%s-%d-%s.png", what, shot_width, scheme);
  return g_strdup_printf ("%s-%s.png", what, scheme);
}

static gboolean
wanted (const char *what)
{
  const char *only = g_getenv ("REG_SHOT_ONLY");
  g_auto(GStrv) names = NULL;

  if (only == NULL || *only == '\0')
    return TRUE;
  names = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) names, what);
}

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

static gboolean
wizard_idle (RegImportWizard *wizard)
{
  return reg_import_wizard_get_draft (wizard)->work == REG_IMPORT_WORK_NONE;
}

static void save_scrolled_to (RegImportWizard *wizard,
                              const char      *name,
                              const char      *dir,
                              const char      *file);

/* Every page of the import wizard, importing for real into the copy of the shop. */
static void
shoot_import (RegWindow  *window,
              const char *dir)
{
  g_autofree char *path = g_strdup (g_getenv ("REG_SHOT_IMPORT"));
  g_autoptr(GFile) file = NULL;
  RegImportWizard *wizard;

  if (path == NULL)
    path = reg_test_shared_data_path ("real-exports", "stripe", "payments.csv", NULL);
  file = g_file_new_for_path (path);
  wizard = REG_IMPORT_WIZARD (reg_window_open_import (window, NULL));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (wizard)), 10);
  save (GTK_WIDGET (wizard), dir, "import-file-light.png");

  reg_import_wizard_set_file (wizard, file);
  UI_WAIT_UNTIL (reg_import_wizard_get_draft (wizard)->preview_ready && wizard_idle (wizard), 30);
  save (GTK_WIDGET (wizard), dir, "import-light.png");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  save (GTK_WIDGET (wizard), dir, "import-mapping-light.png");
  if (g_getenv ("REG_SHOT_CHANNEL") != NULL)
    {
      gtk_editable_set_text (ui_test_part (wizard, "channel_entry"), g_getenv ("REG_SHOT_CHANNEL"));
      save_scrolled_to (wizard, "channel_group", dir, "import-mapping-channel-light.png");
    }
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  UI_WAIT_UNTIL (wizard_idle (wizard), 60);
  save (GTK_WIDGET (wizard), dir, "import-matching-light.png");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  save (GTK_WIDGET (wizard), dir, "import-validation-light.png");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.run", NULL);
  UI_WAIT_UNTIL (g_str_equal (reg_import_wizard_get_page (wizard), "summary") && wizard_idle (wizard), 60);
  save (GTK_WIDGET (wizard), dir, "import-summary-light.png");
  gtk_window_destroy (GTK_WINDOW (wizard));
  /* the import starts an analysis: let it end so the pages show its figures */
  UI_WAIT_UNTIL (reg_window_get_analysis_running (window), 10);
  UI_WAIT_UNTIL (!reg_window_get_analysis_running (window), 60);
}

/* The wizard from a little above its template child @name to the end of the page: the window
 * is made just tall enough and scrolled, saved, and put back. */
static void
save_scrolled_to (RegImportWizard *wizard,
                  const char      *name,
                  const char      *dir,
                  const char      *file)
{
  GtkWidget *target = ui_test_part (wizard, name);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (target, GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  int width, height;
  graphene_point_t at;

  ui_test_wait_frames (GTK_WIDGET (wizard), 2);
  gtk_window_get_default_size (GTK_WINDOW (wizard), &width, &height);
  /* the page inside the viewport, whatever the scrolling */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (gtk_widget_compute_point (target, content, &GRAPHENE_POINT_INIT (0, 0), &at))
    {
      int want = (int) gtk_adjustment_get_upper (adj) - (int) at.y + 12;
      int view = (int) gtk_adjustment_get_page_size (adj);

      if (want < view)
        {
          gtk_window_set_default_size (GTK_WINDOW (wizard), width, height - (view - want));
          ui_test_wait_frames (GTK_WIDGET (wizard), 3);
        }
      gtk_adjustment_set_value (adj, at.y - 12);
    }
  save (GTK_WIDGET (wizard), dir, file);
  gtk_adjustment_set_value (adj, 0);
  gtk_window_set_default_size (GTK_WINDOW (wizard), width, height);
}

static gboolean
wizard_ready (RegImportWizard *wizard)
{
  return reg_import_wizard_get_draft (wizard)->preview_ready && wizard_idle (wizard);
}

/* A survey export whose header names Regulars does not know (the questions as the survey tool
 * asked them), from the shop's most valuable customers: the owner says the file holds survey
 * results and assigns the columns; the answers are imported for real into the copy. */
static void
shoot_survey (RegWindow  *window,
              const char *dir,
              gboolean    save_shots)
{
  static const struct { int score; int day; const char *comment; } answers[] = {
    { 6, 12, "Love the coffee, but the queue at lunch is far too long" },
    { 9, 3, "The loyalty card is a nice touch" },
    { 10, 5, "" },
    { 8, 6, "Would like more vegan options" },
    { 3, 8, "My order was wrong twice" },
    { 9, 9, "" },
  };
  RegCustomersView *customers = REG_CUSTOMERS_VIEW (reg_window_get_view (window, "customers"));
  g_autoptr(GString) csv = g_string_new ("Respondent,How likely are you to recommend us? (0-10),Answered,"
                                         "Anything else you would like to tell us?\n");
  g_autofree char *tmp = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "survey-november.csv", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  RegImportWizard *wizard;
  const char *rows[] = { "survey_email_row", "survey_score_row", "survey_date_row", "survey_comment_row" };
  guint n = 0;

  /* the most valuable customers answered; the first of them twice (the later answer counts) */
  reg_customers_view_sort_by (customers, "clv", GTK_SORT_DESCENDING);
  model = reg_customers_view_get_model (customers);
  for (guint i = 0; i < g_list_model_get_n_items (model) && n < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);
      const char *email = reg_customer_get_email (c);

      if (email == NULL || *email == '\0')
        continue;
      if (n == 0)
        g_string_append_printf (csv, "%s,%d,2026-11-%02d,\"%s\"\n", email, 9, 2,
                                "Friendly staff, lovely cakes");
      g_string_append_printf (csv, "%s,%d,2026-11-%02d,\"%s\"\n", email, answers[n].score,
                              answers[n].day, answers[n].comment);
      n++;
    }
  if (!g_file_set_contents (path, csv->str, -1, &error))
    g_error ("%s", error->message);
  file = g_file_new_for_path (path);

  wizard = REG_IMPORT_WIZARD (reg_window_open_import (window, NULL));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (wizard)), 10);
  /* taller than the other wizard shots: the columns and the answers read with them at once */
  gtk_window_set_default_size (GTK_WINDOW (wizard), 780, 780);
  reg_import_wizard_set_file (wizard, file);
  UI_WAIT_UNTIL (wizard_ready (wizard), 30);
  /* no column is known by its name: the owner says it is a survey, and sees what is needed */
  adw_combo_row_set_selected (ui_test_part (wizard, "holds_row"), 1);
  UI_WAIT_UNTIL (wizard_ready (wizard) && reg_import_wizard_get_draft (wizard)->feedback, 30);
  if (save_shots)
    save_scrolled_to (wizard, "survey_columns_group", dir, "import-survey-columns-light.png");
  for (guint f = 0; f < G_N_ELEMENTS (rows); f++)
    {
      adw_combo_row_set_selected (ui_test_part (wizard, rows[f]), f + 1);
      UI_WAIT_UNTIL (wizard_ready (wizard), 30);
    }
  if (reg_import_wizard_get_draft (wizard)->columns_missing)
    g_error ("survey shots: the columns were not taken");
  if (save_shots)
    save_scrolled_to (wizard, "survey_columns_group", dir, "import-survey-light.png");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  UI_WAIT_UNTIL (wizard_idle (wizard), 60);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.run", NULL);
  UI_WAIT_UNTIL (g_str_equal (reg_import_wizard_get_page (wizard), "summary") && wizard_idle (wizard), 60);
  if (reg_import_wizard_get_feedback_result (wizard) == NULL
      || reg_import_wizard_get_feedback_result (wizard)->imported == 0)
    g_error ("survey shots: nothing imported");
  gtk_window_destroy (GTK_WINDOW (wizard));
  ui_test_drain ();
  reg_test_rm_rf (tmp);
}

static void
shoot_preferences (RegWindow  *window,
                   const char *dir)
{
  GtkWindow *prefs = reg_window_open_preferences (window);
  GtkSpinButton *top;

  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (prefs)), 10);
  save (GTK_WIDGET (prefs), dir, "preferences-light.png");
  /* a refused value, shown under its group */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "segments_page");
  top = reg_preferences_window_get_spin (REG_PREFERENCES_WINDOW (prefs), REG_SETTING_TIER_TOP);
  gtk_spin_button_set_value (top, 80);
  save (GTK_WIDGET (prefs), dir, "preferences-error-light.png");
  gtk_window_destroy (prefs);
}

/* The first page of the printed loyalty list, through the print operation's export path. */
static void
shoot_print (RegWindow  *window,
             const char *dir)
{
  RegReportsView *reports = REG_REPORTS_VIEW (reg_window_get_view (window, "reports"));
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = reg_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmp, "list.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "loyalty-list-page", NULL);
  g_autofree char *command = NULL;
  guint pages = 0;
  int status;

  reg_reports_view_set_list_segment (reports, "at-risk");
  if (!reg_reports_view_export_pdf_to (reports, pdf, &pages, &error))
    g_error ("%s", error->message);
  command = g_strdup_printf ("pdftoppm -png -r 80 -f 1 -l 1 -singlefile %s %s", pdf, png);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", command, error->message);
  g_printerr ("wrote %s.png (%u pages in the PDF)\n", png, pages);
  reg_test_rm_rf (tmp);
}

static void
shoot_segments (RegWindow  *window,
                const char *dir,
                const char *scheme)
{
  RegSegmentsView *segments = REG_SEGMENTS_VIEW (reg_window_get_view (window, "segments"));
  g_autofree char *name = shot_name ("segments", scheme);
  g_autofree char *list = shot_name ("segments-list", scheme);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (segments),
                                                                                  REG_TYPE_SEGMENTS_VIEW,
                                                                                  "scroller"));
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (segments), REG_TYPE_SEGMENTS_VIEW,
                                                                "selection_group"));
  graphene_point_t at;

  reg_window_show_view (window, "segments");
  /* the at-risk list: each customer with the rule that put them there */
  reg_segments_view_select (segments, "at-risk", NULL);
  save (GTK_WIDGET (window), dir, name);
  /* further down: the selection, its customers and the campaigns */
  if (gtk_widget_compute_point (group, gtk_scrolled_window_get_child (scroller), &GRAPHENE_POINT_INIT (0, 0), &at))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), at.y - 12);
  save (GTK_WIDGET (window), dir, list);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = NULL;
  int width = argc > 4 ? atoi (argv[3]) : 1280;
  int height = argc > 4 ? atoi (argv[4]) : 800;
  const char *schemes[] = { "light", "dark" };
  /* the other windows (import, preferences, print) at the default size only */
  gboolean extras;

  /* the shots are drawn with cairo: keep GDK from loading a GL driver to probe GL (GTK 4.8) */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  gtk_init ();
  adw_init ();
  ui_test_load_app_style ();
  if (argc < 3)
    {
      g_printerr ("usage: %s SHOP OUTDIR [WIDTH HEIGHT]\n", argv[0]);
      return 2;
    }
  shot_width = argc > 4 ? width : 0;
  extras = shot_width == 0;
  /* a copy: the import wizard's shots import into it */
  {
    g_autofree char *tmp = reg_test_make_tmpdir ();
    g_autofree char *copy = g_build_filename (tmp, "shots.regulars", NULL);
    g_autoptr(GFile) from = g_file_new_for_path (argv[1]);
    g_autoptr(GFile) to = g_file_new_for_path (copy);

    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
    shop = reg_shop_open (copy, FALSE, &error);
  }
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
      if (shot_width > 0)
        {
          /* GTK takes its frame out of the default size: the named width is the window's own */
          ui_test_wait_frames (GTK_WIDGET (window), 2);
          gtk_window_set_default_size (GTK_WINDOW (window),
                                       2 * width - gtk_widget_get_width (GTK_WIDGET (window)),
                                       2 * height - gtk_widget_get_height (GTK_WIDGET (window)));
          ui_test_wait_frames (GTK_WIDGET (window), 3);
        }
      UI_WAIT_UNTIL (reg_overview_view_get_summary (REG_OVERVIEW_VIEW (reg_window_get_view (window, "overview"))) != NULL
                     && !reg_window_get_analysis_running (window), 60);

      name = shot_name ("overview", schemes[s]);
      if (wanted ("overview"))
        save (GTK_WIDGET (window), argv[2], name);
      if (wanted ("overview-predictions"))
        {
          /* the cards further down: next year's revenue and the tracking check */
          GtkWidget *label = ui_test_child (reg_window_get_view (window, "overview"),
                                            REG_TYPE_OVERVIEW_VIEW, "prediction_label");
          GtkWidget *scroller = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
          GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
          g_autofree char *shot = shot_name ("overview-predictions", schemes[s]);

          gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj)
                                         - gtk_adjustment_get_page_size (adj));
          save (GTK_WIDGET (window), argv[2], shot);
          gtk_adjustment_set_value (adj, 0);
        }
      if (wanted ("overview-channels"))
        {
          /* the card of where customers come from */
          GtkWidget *view = reg_window_get_view (window, "overview");
          GtkWidget *card = ui_test_child (view, REG_TYPE_OVERVIEW_VIEW, "channel_card");
          GtkWidget *scroller = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
          GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
          GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
          g_autofree char *shot = g_strdup_printf ("overview-channels-%s.png", schemes[s]);
          graphene_point_t at;

          /* read and laid out first: the card's place is known only then */
          UI_WAIT_UNTIL (reg_channel_card_is_loaded (REG_CHANNEL_CARD (card)), 30);
          ui_test_wait_frames (GTK_WIDGET (window), 25);
          if (GTK_IS_VIEWPORT (content))
            content = gtk_viewport_get_child (GTK_VIEWPORT (content));
          if (!gtk_widget_compute_point (card, content, &GRAPHENE_POINT_INIT (0, 0), &at))
            g_error ("channel shot: the card is not on the overview");
          /* the card's top a quarter down the window, so that the whole card shows; the
           * pointer, which Xvfb leaves in the middle of the screen, rests on a cell of the
           * table that has no tooltip */
          gtk_adjustment_set_value (adj, at.y - 208);
          save (GTK_WIDGET (window), argv[2], shot);
          gtk_adjustment_set_value (adj, 0);
        }

      /* survey answers first, so that the customer's page shows them */
      if (s == 0 && (wanted ("survey") || wanted ("customer-detail")))
        {
          shoot_survey (window, argv[2], extras && wanted ("survey"));
          UI_WAIT_UNTIL (!reg_window_get_analysis_running (window), 60);
        }

      reg_window_show_view (window, "customers");
      customers = REG_CUSTOMERS_VIEW (reg_window_get_view (window, "customers"));
      ui_test_wait_frames (GTK_WIDGET (window), 2);   /* laid out (and folded when narrow) first */
      reg_customers_view_sort_by (customers, "clv", GTK_SORT_DESCENDING);
      {
        g_autoptr(RegCustomer) top = g_list_model_get_item (reg_customers_view_get_model (customers), 0);
        reg_customers_view_select_customer (customers, reg_customer_get_id (top));
      }
      g_free (name);
      name = shot_name ("customer-detail", schemes[s]);
      if (wanted ("customer-detail"))
        save (GTK_WIDGET (window), argv[2], name);

      gtk_widget_activate_action (GTK_WIDGET (customers), "customers.close-detail", NULL);
      g_free (name);
      name = shot_name ("customers", schemes[s]);
      if (wanted ("customers"))
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
      if (g_getenv ("REG_SHOT_LINES") != NULL)
        {
          /* REG_SHOT_LINES="CODE:QUANTITY:AMOUNT,…": the sale's Products part with those lines */
          GtkWidget *entry = reg_sales_view_get_entry (REG_SALES_VIEW (reg_window_get_view (window, "sales")));
          g_auto(GStrv) lines = g_strsplit (g_getenv ("REG_SHOT_LINES"), ",", -1);

          gtk_expander_set_expanded (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "products_expander"), TRUE);
          gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "customer_entry"), "Zoë Haddad");
          for (guint i = 0; lines[i] != NULL; i++)
            {
              g_auto(GStrv) parts = g_strsplit (lines[i], ":", 3);
              const char *fields[] = { "product_entry", "quantity_entry", "line_amount_entry" };

              for (guint k = 0; k < 3 && parts[k] != NULL; k++)
                gtk_editable_set_text (ui_test_child (entry, REG_TYPE_SALE_ENTRY, fields[k]), parts[k]);
              g_signal_emit_by_name (ui_test_child (entry, REG_TYPE_SALE_ENTRY, "product_entry"), "activate");
            }
          /* REG_SHOT_PRODUCT: typed into the product field, to show what it suggests */
          if (g_getenv ("REG_SHOT_PRODUCT") != NULL)
            {
              GtkWidget *product = ui_test_child (entry, REG_TYPE_SALE_ENTRY, "product_entry");

              gtk_widget_grab_focus (product);
              ui_test_wait_frames (GTK_WIDGET (window), 2);
              gtk_editable_set_text (GTK_EDITABLE (product), g_getenv ("REG_SHOT_PRODUCT"));
            }
        }
      g_free (name);
      name = shot_name ("sales", schemes[s]);
      if (wanted ("sales"))
        save (GTK_WIDGET (window), argv[2], name);

      if (s == 0 && extras && wanted ("import"))
        shoot_import (window, argv[2]);
      if (s == 0 && extras && wanted ("preferences"))
        shoot_preferences (window, argv[2]);
      if (s == 0 && extras && wanted ("print"))
        shoot_print (window, argv[2]);
      if (wanted ("segments"))
        shoot_segments (window, argv[2], schemes[s]);
      /* asked for by name only: the dialog over the window, as "New Shop…" opens it */
      if (s == 0 && g_strcmp0 (g_getenv ("REG_SHOT_ONLY"), "new-shop") == 0)
        {
          g_autofree char *path = g_build_filename (g_get_home_dir (), "Café Zoë.regulars", NULL);
          GtkWindow *dialog = reg_new_shop_dialog_new (GTK_WINDOW (window), path);

          gtk_window_present (dialog);
          UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);
          save (GTK_WIDGET (window), argv[2], "new-shop-light.png");
          gtk_window_destroy (dialog);
        }
      if (wanted ("reports"))
        {
          reg_window_show_view (window, "reports");
          g_free (name);
          name = shot_name ("reports", schemes[s]);
          save (GTK_WIDGET (window), argv[2], name);
        }
      if (wanted ("products"))
        {
          /* what the top tier bought, by revenue, with the best seller's page open beside it
           * (its buyers by tier); the whole shop's list without an analysis */
          RegProductsView *products = REG_PRODUCTS_VIEW (reg_window_get_view (window, "products"));
          GtkDropDown *group = ui_test_child (products, REG_TYPE_PRODUCTS_VIEW, "group_dropdown");

          reg_window_show_view (window, "products");
          UI_WAIT_UNTIL (!reg_products_view_is_loading (products), 60);
          if (gtk_widget_get_sensitive (GTK_WIDGET (group)))
            gtk_drop_down_set_selected (group, 1);
          ui_test_drain ();
          UI_WAIT_UNTIL (!reg_products_view_is_loading (products), 60);
          reg_products_view_open (products, 0);
          ui_test_wait_frames (GTK_WIDGET (window), 3);
          g_free (name);
          name = shot_name ("products", schemes[s]);
          save (GTK_WIDGET (window), argv[2], name);
        }

      gtk_window_destroy (GTK_WINDOW (window));
      ui_test_drain ();
    }
  return 0;
}
