/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reports page under Xvfb on an analysed demo shop: the workbook written by the job with
 * its progress shown, then "Open" offered; the loyalty list of a segment printed to PDF
 * through GtkPrintOperation's export path (pages counted by pdfinfo when it is there); the
 * import history with Undo per batch, through the confirmation dialog.
 */
#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "reg-import-job.h"
#include "reg-loyalty-job.h"
#include "reg-loyalty-print.h"
#include "reg-print-preview.h"
#include "reg-reports-view.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"
#include "reg-shop-private.h"

typedef struct
{
  char           *dir;
  RegShop        *shop;
  RegWindow      *window;
  RegReportsView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->shop = ui_test_new_demo_shop (200, TRUE, &f->dir);
  f->window = reg_window_new (NULL, f->shop);
  g_object_ref_sink (f->window);
  reg_window_set_auto_analysis (f->window, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);
  reg_window_show_view (f->window, "reports");
  f->view = REG_REPORTS_VIEW (reg_window_get_view (f->window, "reports"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  UI_WAIT_UNTIL (reg_reports_view_get_workbook_job (f->view) == NULL, 60);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
test_workbook (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  GtkWidget *open = ui_test_child (f->view, REG_TYPE_REPORTS_VIEW, "open_button");
  g_autofree char *bytes = NULL;
  gsize len = 0;

  g_assert_false (gtk_widget_get_visible (open));
  reg_reports_view_export_workbook_to (f->view, path);
  g_assert_nonnull (reg_reports_view_get_workbook_job (f->view));
  g_assert_true (gtk_revealer_get_reveal_child (ui_test_child (f->view, REG_TYPE_REPORTS_VIEW, "workbook_revealer")));
  g_assert_false (gtk_widget_get_sensitive (ui_test_child (f->view, REG_TYPE_REPORTS_VIEW, "workbook_button")));
  UI_WAIT_UNTIL (reg_reports_view_get_workbook_job (f->view) == NULL, 60);

  g_assert_cmpstr (reg_reports_view_get_workbook_path (f->view), ==, path);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (bytes, "PK", 2) == 0);   /* a zip: the workbook */
  g_assert_true (gtk_widget_get_visible (open));
  g_assert_true (gtk_widget_get_sensitive (open));
  g_assert_false (gtk_revealer_get_reveal_child (ui_test_child (f->view, REG_TYPE_REPORTS_VIEW,
                                                                "workbook_revealer")));
  g_assert_true (gtk_widget_get_sensitive (ui_test_child (f->view, REG_TYPE_REPORTS_VIEW, "workbook_button")));
}

/* "Pages: N" from pdfinfo, or 0 when pdfinfo is not installed. */
static guint
pdfinfo_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, path, NULL };
  const char *at;
  int status;

  if (pdfinfo == NULL)
    return 0;
  argv[0] = pdfinfo;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  at = strstr (out, "Pages:");
  g_assert_nonnull (at);
  return (guint) g_ascii_strtoull (at + strlen ("Pages:"), NULL, 10);
}

static void
test_print_to_pdf (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const segments[] = { "top", "at-risk", "all" };

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", segments[i]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *bytes = NULL;
      gsize len = 0;
      guint pages = 0, counted;

      g_assert_true (reg_reports_view_set_list_segment (f->view, segments[i]));
      g_assert_cmpstr (reg_reports_view_get_list_segment (f->view), ==, segments[i]);
      g_assert_true (gtk_widget_get_sensitive (ui_test_child (f->view, REG_TYPE_REPORTS_VIEW, "pdf_button")));
      g_assert_true (reg_reports_view_export_pdf_to (f->view, path, &pages, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (pages, >, 0);
      g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
      g_assert_cmpuint (len, >, 0);
      g_assert_true (memcmp (bytes, "%PDF", 4) == 0);
      /* private, as the command line writes it: the list holds customers' data */
      {
        GStatBuf st;

        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      }
      counted = pdfinfo_pages (path);
      if (counted > 0)
        g_assert_cmpuint (counted, ==, pages);
      else
        g_test_message ("pdfinfo not found: %s checked by size only", name);
    }

  /* more customers, more pages: all customers need more than the top tier */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RegLoyaltyPrint) top = reg_loyalty_print_new_for (f->shop, "top", &error);
    g_autoptr(RegLoyaltyPrint) all = reg_loyalty_print_new_for (f->shop, "all", &error);
    g_autofree char *a = g_build_filename (f->dir, "a.pdf", NULL);
    g_autofree char *b = g_build_filename (f->dir, "b.pdf", NULL);

    g_assert_true (reg_loyalty_print_export_pdf (top, GTK_WINDOW (f->window), a, &error));
    g_assert_true (reg_loyalty_print_export_pdf (all, GTK_WINDOW (f->window), b, &error));
    g_assert_cmpuint (reg_loyalty_print_get_n_pages (all), >, reg_loyalty_print_get_n_pages (top));
    g_assert_cmpuint (reg_loyalty_print_get_list (all)->entries->len, >,
                      reg_loyalty_print_get_list (top)->entries->len);
  }

  /* a segment that is not one */
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (reg_loyalty_print_new_for (f->shop, "no such thing", &error));
    g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  }
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static void
test_import_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "shopify", "orders_export.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportJob) job = NULL;
  g_autoptr(RegImportResult) result = NULL;
  RegStore *store = reg_shop_get_store (f->shop);
  gint64 before = reg_store_count_sales (store);
  RegImportRequest req;
  AdwMessageDialog *dialog;
  GtkListBox *list = ui_test_child (f->view, REG_TYPE_REPORTS_VIEW, "import_list");

  g_assert_cmpuint (reg_reports_view_get_n_imports (f->view), ==, 0);

  /* an import made elsewhere (the wizard, the CLI) shows up in the list */
  reg_import_request_init (&req);
  job = reg_import_job_new (f->shop, path, &req);
  result = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->imported, ==, 4);
  UI_WAIT_UNTIL (reg_reports_view_get_n_imports (f->view) == 1, 10);
  g_assert_cmpint (reg_store_count_sales (store), ==, before + 4);
  {
    AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "orders_export.csv");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "4 sales, 3 new customers"));
  }

  /* Undo asks first; "Cancel" keeps the import */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.undo-import", "x", result->batch));
  UI_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 10);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "orders_export.csv"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();
  g_assert_cmpuint (reg_reports_view_get_n_imports (f->view), ==, 1);
  g_assert_cmpint (reg_store_count_sales (store), ==, before + 4);

  /* … "Undo Import" takes it out */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.undo-import", "x", result->batch));
  UI_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 10);
  adw_message_dialog_response (dialog, "undo");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();
  g_assert_cmpuint (reg_reports_view_get_n_imports (f->view), ==, 0);
  g_assert_cmpint (reg_store_count_sales (store), ==, before);
}

/* The save dialogs' targets go through the services' check: the shop itself, by any name, is
 * refused with the message, and the shop's bytes stay as they were. */
static void
test_export_over_shop (Fixture       *f,
                       gconstpointer  data)
{
  const char *shop = reg_shop_get_path (f->shop);
  g_autofree char *wal = g_strconcat (shop, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (shop, &before, &len, NULL));
  g_assert_false (reg_reports_view_export_pdf_to (f->view, shop, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "the shop file itself"));
  g_clear_error (&error);
  g_assert_false (reg_reports_view_export_pdf_to (f->view, wal, NULL, &error));
  g_assert_nonnull (error);

  reg_reports_view_export_workbook_to (f->view, shop);
  UI_WAIT_UNTIL (reg_reports_view_get_workbook_job (f->view) == NULL, 60);
  g_assert_null (reg_reports_view_get_workbook_path (f->view));
  g_assert_true (g_file_get_contents (shop, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, len) == 0);
}

/* "Preview" shows the pages inside Regulars (no outside previewer needed): a window over the
 * main one with one picture per page of the list, as the layout lays it out, each with ink. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegLoyaltyList) list = reg_shop_loyalty_list (f->shop, "all", &error);
  g_autoptr(RegLoyaltyLayout) layout = NULL;
  g_autoptr(GListModel) toplevels = NULL;
  RegPrintPreview *preview = NULL;
  double w, h;
  guint n_pages;

  g_assert_no_error (error);
  reg_paper_size_get_points (reg_shop_uses_letter_paper (f->shop) ? REG_PAPER_LETTER : REG_PAPER_A4,
                             &w, &h);
  layout = reg_loyalty_layout_new (list, w, h);
  n_pages = reg_loyalty_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, >, 1);

  g_assert_true (reg_reports_view_set_list_segment (f->view, "all"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.preview", NULL));
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && preview == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (REG_IS_PRINT_PREVIEW (window))
        preview = REG_PRINT_PREVIEW (window);
    }
  g_assert_nonnull (preview);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preview)) == GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preview)), 10);
  g_assert_cmpuint (reg_print_preview_get_n_pages (preview), ==, n_pages);
  g_assert_null (reg_print_preview_get_page (preview, n_pages));
  for (guint p = 0; p < n_pages; p++)
    {
      GdkTexture *page = GDK_TEXTURE (gtk_picture_get_paintable (reg_print_preview_get_page (preview, p)));
      int tw = gdk_texture_get_width (page), th = gdk_texture_get_height (page);
      g_autofree guchar *pixels = g_malloc ((gsize) tw * th * 4);
      gsize dark = 0;

      g_assert_cmpint (tw, ==, (int) (w * 2 + 0.5));
      g_assert_cmpint (th, ==, (int) (h * 2 + 0.5));
      gdk_texture_download (page, pixels, (gsize) tw * 4);
      for (gsize k = 0; k < (gsize) tw * th; k++)
        dark += pixels[4 * k] < 128;
      g_test_message ("page %u: %" G_GSIZE_FORMAT " dark pixels", p + 1, dark);
      g_assert_cmpuint (dark, >, 1000);
    }
  gtk_window_destroy (GTK_WINDOW (preview));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/reports/workbook", Fixture, NULL, fixture_set_up, test_workbook, fixture_tear_down);
  g_test_add ("/ui/reports/print-to-pdf", Fixture, NULL, fixture_set_up, test_print_to_pdf, fixture_tear_down);
  g_test_add ("/ui/reports/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/ui/reports/import-history", Fixture, NULL, fixture_set_up, test_import_history, fixture_tear_down);
  g_test_add ("/ui/reports/export-over-shop", Fixture, NULL, fixture_set_up, test_export_over_shop, fixture_tear_down);
  return g_test_run ();
}
