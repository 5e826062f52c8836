/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reports page. The workbook is RegReportJob's (file chooser, progress bar and cancel,
 * then "Open" with the default application); the loyalty list is RegLoyaltyPrint's, printed
 * with the print dialog, previewed in RegPrintPreview, or exported as PDF through the operation's
 * export path; the import history lists reg_shop_list_imports() with an Undo per batch that
 * asks first and then calls reg_shop_undo_import(). Main thread only; owns the shop reference
 * and the running workbook job.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reg-analysis-job.h"
#include "reg-import-job.h"
#include "reg-loyalty-job.h"
#include "reg-loyalty-print.h"
#include "reg-print-preview.h"
#include "reg-report-job.h"
#include "reg-reports-view.h"
#include "reg-view.h"
#include "reg-segment.h"
#include "reg-time.h"
#include "reg-ui-util.h"
#include "reg-width-watch.h"

struct _RegReportsView
{
  AdwBin           parent_instance;

  RegShop         *shop;            /* (owned) (nullable) */
  RegReportJob    *workbook_job;    /* (owned) (nullable) */
  char            *workbook_path;   /* (owned) (nullable) the last one written */
  GPtrArray       *segments;        /* (owned) spec per entry of the list drop-down */
  guint            n_imports;
  gboolean         filling;

  /* template */
  GtkStack        *stack;
  AdwActionRow    *workbook_row;
  GtkWidget       *open_button;
  GtkRevealer     *workbook_revealer;
  GtkProgressBar  *workbook_progress;
  AdwComboRow     *list_row;
  GtkStringList   *list_model;
  AdwActionRow    *print_row;
  GtkFlowBox      *print_actions;
  GtkListBox      *import_list;
};

static void view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegReportsView, reg_reports_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, view_iface_init))

static const char *
list_segment (RegReportsView *self)
{
  guint pos = adw_combo_row_get_selected (self->list_row);

  return pos < self->segments->len ? g_ptr_array_index (self->segments, pos) : NULL;
}

/* ---- filling in ---- */

static void
fill_workbook_row (RegReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;
  g_autofree char *text = NULL;

  if (self->workbook_path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->workbook_path);
      text = g_strdup_printf (_("Written to “%s”."), name);
    }
  else if ((summary = reg_shop_load_latest_analysis (self->shop, &error)) != NULL && summary->end_day > 0)
    {
      g_autofree char *day = reg_shop_format_date (self->shop, summary->end_day);
      text = g_strdup_printf (_("From the figures for sales up to %s."), day);
    }
  else
    text = g_strdup (_("The figures are being worked out; the workbook can be written once they are ready."));
  adw_action_row_set_subtitle (self->workbook_row, text);
  gtk_widget_set_visible (self->open_button, self->workbook_path != NULL && self->workbook_job == NULL);
}

static void
fill_list_choices (RegReportsView *self)
{
  static const char *const first[] = { "top", "middle", "bottom", "at-risk", "all" };
  g_auto(GStrv) names = reg_segment_names ();
  g_autofree char *keep = g_strdup (list_segment (self));
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->segments, 0);
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_ptr_array_add (self->segments, g_strdup (first[i]));
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], "rfm:"))
      g_ptr_array_add (self->segments, g_strdup (names[i]));

  for (guint i = 0; i < self->segments->len; i++)
    {
      g_autoptr(RegSegment) segment = reg_segment_parse (self->shop, g_ptr_array_index (self->segments, i), NULL);
      g_autofree char *title = segment != NULL ? reg_segment_title (segment) : g_strdup (g_ptr_array_index (self->segments, i));

      g_strv_builder_add (titles, title);
      if (g_strcmp0 (keep, g_ptr_array_index (self->segments, i)) == 0)
        selected = i;
    }
  strv = g_strv_builder_end (titles);
  self->filling = TRUE;
  gtk_string_list_splice (self->list_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->list_model)),
                          (const char * const *) strv);
  adw_combo_row_set_selected (self->list_row, selected);
  self->filling = FALSE;
}

static void
fill_print_row (RegReportsView *self)
{
  const char *spec = list_segment (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSegment) segment = spec != NULL ? reg_segment_parse (self->shop, spec, &error) : NULL;
  g_autoptr(GPtrArray) rows = segment != NULL ? reg_shop_list_segment (self->shop, segment, &error)
                                              : NULL;
  g_autofree char *text = NULL;
  g_autofree char *rule = segment != NULL ? reg_segment_describe (segment) : NULL;
  guint n = rows != NULL ? rows->len : 0;

  if (rows == NULL)
    text = g_strdup (error != NULL ? error->message : "");
  else
    /* Translators: under the print row: the rule of the list, then how many are on it */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u customer on the list.",
                                         "%s %u customers on the list.", n), rule, n);
  adw_action_row_set_subtitle (self->print_row, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.preview", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", n > 0);
}

static void
fill_imports (RegReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = reg_shop_list_imports (self->shop, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->import_list))) != NULL)
    gtk_list_box_remove (self->import_list, child);
  self->n_imports = batches != NULL ? batches->len : 0;
  if (self->n_imports == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error != NULL ? error->message : _("No imports yet."));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->import_list, row);
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      const RegBatchRecord *b = g_ptr_array_index (batches, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo…"));
      /* recorded in UTC, shown in the owner's time zone: "2025-05-11 11:55" */
      g_autofree char *when = reg_time_format_local (b->created_at, "%Y-%m-%d %H:%M");
      g_autofree char *subtitle = NULL;
      g_autofree char *a11y = NULL;

      if (reg_batch_is_survey (b))
        /* Translators: under the file name of an import of survey results: when, what it brought */
        subtitle = g_strdup_printf (_("%s · %u survey answers; %u already there, %u rejected"), when,
                                    b->imported, b->duplicates, b->rejected);
      else
        /* Translators: under an import's file name: when, then what it brought */
        subtitle = g_strdup_printf (_("%s · %u sales, %u new customers; %u already there, %u rejected"), when,
                                    b->imported, b->new_customers, b->duplicates, b->rejected);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), b->file_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (undo), "reports.undo-import");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (undo), g_variant_new_int64 (b->id));
      a11y = g_strdup_printf (_("Undo the import of %s"), b->file_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (undo), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo);
      gtk_list_box_append (self->import_list, row);
    }
}

static gboolean
view_shop_changed (RegView       *view,
                   RegShopChange  kind,
                   gint64         id)
{
  return kind == REG_SHOP_CHANGE_SCORES || kind == REG_SHOP_CHANGE_ALL
         || kind == REG_SHOP_CHANGE_SETTINGS || kind == REG_SHOP_CHANGE_CUSTOMER_REMOVED;
}

static void
on_list_selected_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     RegReportsView *self)
{
  if (!self->filling && self->shop != NULL)
    fill_print_row (self);
}

/* ---- workbook ---- */

static void
on_workbook_progress_cb (RegJob         *job,
                         GParamSpec     *pspec,
                         RegReportsView *self)
{
  double fraction = reg_job_get_fraction (job);
  const char *status = reg_job_get_status_text (job);

  gtk_progress_bar_set_text (self->workbook_progress,
                             status != NULL && *status != '\0' ? status : _("Writing the workbook…"));
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->workbook_progress, CLAMP (fraction, 0.0, 1.0));
  else
    gtk_progress_bar_pulse (self->workbook_progress);
}

static void
set_workbook_job (RegReportsView *self,
                  RegReportJob   *job)
{
  if (self->workbook_job != NULL)
    g_signal_handlers_disconnect_by_data (self->workbook_job, self);
  g_set_object (&self->workbook_job, job);
  gtk_revealer_set_reveal_child (self->workbook_revealer, job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-workbook", job == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel-workbook", job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.open-workbook",
                                 job == NULL && self->workbook_path != NULL);
}

static void
on_workbook_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RegReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  char *path = reg_job_run_finish (REG_JOB (source), result, &error);

  if ((gpointer) self->workbook_job == (gpointer) source)
    set_workbook_job (self, NULL);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The workbook was not written: %s"), error->message);
          reg_ui_toast_text (GTK_WIDGET (self), text);
        }
      return;
    }
  g_free (self->workbook_path);
  self->workbook_path = path;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.open-workbook", TRUE);
  if (self->shop != NULL)
    fill_workbook_row (self);
}

static void
on_workbook_chooser_response_cb (GtkNativeDialog *native,
                                 int              response,
                                 RegReportsView  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && !g_str_has_suffix (path, ".xlsx"))
        {
          char *with = g_strconcat (path, ".xlsx", NULL);
          g_free (path);
          path = with;
        }
      if (path != NULL)
        reg_reports_view_export_workbook_to (self, path);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
file_name_for (RegReportsView *self,
               const char     *what,
               const char     *ext)
{
  g_autofree char *shop = reg_shop_dup_name (self->shop);
  g_autofree char *name = g_strdup_printf ("%s %s%s", shop != NULL ? shop : "", what, ext);

  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_strstrip (g_steal_pointer (&name));
}

static void
export_workbook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RegReportsView *self = REG_REPORTS_VIEW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  /* Translators: file name of the workbook, after the shop's name */
  g_autofree char *name = file_name_for (self, _("report"), ".xlsx");

  native = gtk_file_chooser_native_new (_("Export the Workbook"), parent_window (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (xlsx, _("Excel workbook"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_workbook_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
cancel_workbook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RegReportsView *self = REG_REPORTS_VIEW (widget);

  if (self->workbook_job != NULL)
    reg_job_cancel (REG_JOB (self->workbook_job));
}

static void
open_workbook_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RegReportsView *self = REG_REPORTS_VIEW (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->workbook_path == NULL)
    return;
  file = g_file_new_for_path (self->workbook_path);
  uri = g_file_get_uri (file);
  gtk_show_uri (parent_window (widget), uri, GDK_CURRENT_TIME);
}

/* ---- loyalty list ---- */

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  RegReportsView          *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      gtk_print_operation_get_error (op, &error);
      text = g_strdup_printf (_("The list was not printed: %s"), error != NULL ? error->message : "?");
      reg_ui_toast_text (GTK_WIDGET (self), text);
    }
}

/* "Preview": the pages drawn inside Regulars. GTK's own preview hands the pages to an outside
 * previewer and shows nothing, not even an error, where none is installed. */
static void
show_preview (RegReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegLoyaltyList) list = reg_shop_loyalty_list (self->shop, list_segment (self), &error);
  GtkWindow *preview;

  if (list == NULL)
    {
      reg_ui_toast_text (GTK_WIDGET (self), error->message);
      return;
    }
  preview = reg_print_preview_new (parent_window (GTK_WIDGET (self)), list,
                                   reg_shop_uses_letter_paper (self->shop) ? REG_PAPER_LETTER
                                                                           : REG_PAPER_A4);
  gtk_window_present (preview);
}

/* "Print…" (the dialog, which has a preview and printing to a file too) and "Preview" */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RegReportsView *self = REG_REPORTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegLoyaltyPrint) op = NULL;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  if (g_str_equal (action_name, "reports.preview"))
    {
      show_preview (self);
      return;
    }
  op = reg_loyalty_print_new_for (self->shop, list_segment (self), &error);
  if (op == NULL)
    {
      reg_ui_toast_text (widget, error->message);
      return;
    }
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  g_signal_connect_object (op, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (op), action, parent_window (widget), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = g_strdup_printf (_("The list was not printed: %s"), error->message);
      reg_ui_toast_text (widget, text);
    }
}

static void
on_pdf_chooser_response_cb (GtkNativeDialog *native,
                            int              response,
                            RegReportsView  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      guint pages = 0;

      if (path != NULL && !g_str_has_suffix (path, ".pdf"))
        {
          char *with = g_strconcat (path, ".pdf", NULL);
          g_free (path);
          path = with;
        }
      if (path != NULL && !reg_reports_view_export_pdf_to (self, path, &pages, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The PDF was not written: %s"), error->message);
          reg_ui_toast_text (GTK_WIDGET (self), text);
        }
      else if (path != NULL)
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” written, %u page",
                                                                "“%s” written, %u pages", pages), name, pages);
          reg_ui_toast_text (GTK_WIDGET (self), text);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RegReportsView *self = REG_REPORTS_VIEW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  GtkStringObject *item = adw_combo_row_get_selected_item (self->list_row);
  g_autofree char *name = file_name_for (self, item != NULL ? gtk_string_object_get_string (item) : "", ".pdf");

  native = gtk_file_chooser_native_new (_("Export as PDF"), parent_window (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pdf);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_pdf_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- import history ---- */

static void
on_undo_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RegReportsView   *self)
{
  gint64 batch = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "batch"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "undo") != 0)
    return;
  if (!reg_reports_view_undo_import (self, batch, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The import could not be undone: %s"), error->message);
      reg_ui_toast_text (GTK_WIDGET (self), text);
    }
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RegReportsView *self = REG_REPORTS_VIEW (widget);
  gint64 batch = g_variant_get_int64 (param);
  g_autoptr(RegBatchRecord) rec = reg_shop_get_import (self->shop, batch, NULL);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (rec == NULL)
    return;
  if (reg_batch_is_survey (rec))
    body = g_strdup_printf (_("Its %u survey answers are taken out of the shop. Your customers and "
                              "their sales stay."), rec->imported);
  else
    body = g_strdup_printf (_("Its %u sales and the %u customers it added are taken out of the shop. "
                              "Sales entered by hand stay."), rec->imported, rec->new_customers);
  dialog = adw_message_dialog_new (parent_window (widget), NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Undo the Import of “%s”?"), rec->file_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "undo", _("_Undo Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "batch", GSIZE_TO_POINTER ((gsize) batch));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

/* The print buttons side by side where there is room; under each other in a narrow window
 * (a flow box left to itself gives them their smallest width, one a line, even when wide). */
static void
on_width_cb (RegWidthWatch  *watch,
             GParamSpec     *pspec,
             RegReportsView *self)
{
  int width = reg_width_watch_get_width (watch);

  if (width > 0)
    gtk_flow_box_set_min_children_per_line (self->print_actions, width < REG_UI_NARROW_WIDTH ? 1 : 3);
}

static void
reg_reports_view_dispose (GObject *object)
{
  RegReportsView *self = REG_REPORTS_VIEW (object);

  if (self->workbook_job != NULL)
    {
      reg_job_cancel (REG_JOB (self->workbook_job));
      g_signal_handlers_disconnect_by_data (self->workbook_job, self);
    }
  g_clear_object (&self->workbook_job);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  G_OBJECT_CLASS (reg_reports_view_parent_class)->dispose (object);
}

static void
reg_reports_view_finalize (GObject *object)
{
  RegReportsView *self = REG_REPORTS_VIEW (object);

  g_clear_object (&self->shop);
  g_free (self->workbook_path);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  G_OBJECT_CLASS (reg_reports_view_parent_class)->finalize (object);
}

static void
reg_reports_view_class_init (RegReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_reports_view_dispose;
  object_class->finalize = reg_reports_view_finalize;

  g_type_ensure (REG_TYPE_WIDTH_WATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, print_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_width_cb);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, workbook_row);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, open_button);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, workbook_revealer);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, workbook_progress);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, list_row);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, list_model);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, print_row);
  gtk_widget_class_bind_template_child (widget_class, RegReportsView, import_list);
  gtk_widget_class_bind_template_child_full (widget_class, "workbook_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "print_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "pdf_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "reports.export-workbook", NULL, export_workbook_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel-workbook", NULL, cancel_workbook_action);
  gtk_widget_class_install_action (widget_class, "reports.open-workbook", NULL, open_workbook_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.preview", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "reports.undo-import", "x", undo_import_action);
}

static void
reg_reports_view_init (RegReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->segments = g_ptr_array_new_with_free_func (g_free);
  reg_ui_combo_row_set_max_chars (self->list_row, 32);
  g_signal_connect (self->list_row, "notify::selected", G_CALLBACK (on_list_selected_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel-workbook", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.open-workbook", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.preview", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
}

/* ---- public ---- */

GtkWidget *
reg_reports_view_new (void)
{
  return g_object_new (REG_TYPE_REPORTS_VIEW, NULL);
}

static void
view_set_shop (RegView *view,
               RegShop *shop)
{
  g_set_object (&REG_REPORTS_VIEW (view)->shop, shop);
}

void
reg_reports_view_set_shop (RegReportsView *self,
                           RegShop        *shop)
{
  g_return_if_fail (REG_IS_REPORTS_VIEW (self));
  reg_view_set_shop (REG_VIEW (self), shop);
}

void
reg_reports_view_reload (RegReportsView *self)
{
  g_return_if_fail (REG_IS_REPORTS_VIEW (self));
  reg_view_reload (REG_VIEW (self));
}

static void
view_reload (RegView *view)
{
  RegReportsView *self = REG_REPORTS_VIEW (view);

  if (self->shop == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* the history stays reachable when every import was undone */
  gtk_stack_set_visible_child_name (self->stack, "content");
  fill_workbook_row (self);
  fill_list_choices (self);
  fill_print_row (self);
  fill_imports (self);
  if (reg_shop_is_empty (self->shop) && self->n_imports == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
reg_reports_view_export_workbook_to (RegReportsView *self,
                                     const char     *path)
{
  g_autoptr(RegReportJob) job = NULL;

  g_return_if_fail (REG_IS_REPORTS_VIEW (self));
  g_return_if_fail (path != NULL);

  if (self->shop == NULL || self->workbook_job != NULL)
    return;
  g_clear_pointer (&self->workbook_path, g_free);
  job = reg_report_job_new (self->shop, path);
  set_workbook_job (self, job);
  fill_workbook_row (self);
  gtk_progress_bar_set_fraction (self->workbook_progress, 0);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (on_workbook_progress_cb), self, 0);
  g_signal_connect_object (job, "notify::status-text", G_CALLBACK (on_workbook_progress_cb), self, 0);
  on_workbook_progress_cb (REG_JOB (job), NULL, self);
  reg_job_run_async (REG_JOB (job), on_workbook_done_cb, g_object_ref (self));
}

RegJob *
reg_reports_view_get_workbook_job (RegReportsView *self)
{
  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), NULL);
  return self->workbook_job != NULL ? REG_JOB (self->workbook_job) : NULL;
}

const char *
reg_reports_view_get_workbook_path (RegReportsView *self)
{
  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), NULL);
  return self->workbook_path;
}

gboolean
reg_reports_view_set_list_segment (RegReportsView *self,
                                   const char     *segment)
{
  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), FALSE);

  for (guint i = 0; i < self->segments->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->segments, i), segment) == 0)
      {
        adw_combo_row_set_selected (self->list_row, i);
        return TRUE;
      }
  return FALSE;
}

const char *
reg_reports_view_get_list_segment (RegReportsView *self)
{
  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), NULL);
  return list_segment (self);
}

gboolean
reg_reports_view_export_pdf_to (RegReportsView  *self,
                                const char      *path,
                                guint           *out_pages,
                                GError         **error)
{
  g_autoptr(RegLoyaltyJob) job = NULL;
  g_autofree guint *pages = NULL;

  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->shop == NULL)
    return FALSE;
  /* the same job as `regulars-cli print loyalty`: the same checks of the target, the same
   * private file (0600) written in full or not at all, on the paper of the shop's country */
  job = reg_loyalty_job_new (self->shop, list_segment (self),
                             reg_shop_uses_letter_paper (self->shop) ? REG_PAPER_LETTER
                                                                     : REG_PAPER_A4,
                             path);
  pages = reg_job_run_sync (REG_JOB (job), error);
  if (pages == NULL)
    return FALSE;
  if (out_pages != NULL)
    *out_pages = *pages;
  return TRUE;
}

gboolean
reg_reports_view_undo_import (RegReportsView  *self,
                              gint64           batch,
                              GError         **error)
{
  RegUndoSummary undone;
  g_autofree char *text = NULL;

  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), FALSE);

  if (self->shop == NULL)
    return FALSE;
  if (!reg_shop_undo_import (self->shop, batch, &undone, error))
    return FALSE;
  /* the shop's change reloads the list when the main loop runs; the count is right at once */
  fill_imports (self);
  if (undone.answers > 0)
    text = g_strdup_printf (_("Import undone: %u survey answers taken out"), undone.answers);
  else
    text = g_strdup_printf (_("Import undone: %u sales and %u customers taken out"), undone.sales,
                            undone.customers);
  reg_ui_toast_text (GTK_WIDGET (self), text);
  return TRUE;
}

guint
reg_reports_view_get_n_imports (RegReportsView *self)
{
  g_return_val_if_fail (REG_IS_REPORTS_VIEW (self), 0);
  return self->n_imports;
}

static void
view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = view_set_shop;
  iface->shop_changed = view_shop_changed;
  iface->reload = view_reload;
}
