/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportWizard walks the owner through an import. It keeps the owner's choices (format,
 * encoding, delimiter, preset, decimal mark, date order, columns, new payers), asks
 * reg_import_preview_async() for the first rows under those choices after every change, runs
 * RegImportJob as a dry run for the customer and validation pages and then for real, and
 * offers undo. A file of survey results (NPS or CSAT: recognised by its e-mail and score
 * columns, or chosen by the owner) takes the same way without the columns page, through
 * reg_feedback_preview_async() and RegFeedbackImportJob; its columns (e-mail address, score,
 * date, comment) show on the detected page, where the owner assigns those whose names are not
 * recognised, passed on as regulars-cli's --map text. Which page shows and which button
 * works comes from reg_import_draft_compute_state().
 * Main thread only; owns the shop reference, the previews, the results and the running job.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "reg-feedback-preview.h"
#include "reg-import-check-page.h"
#include "reg-import-columns-page.h"
#include "reg-import-customers-page.h"
#include "reg-import-preset.h"
#include "reg-import-preview-pane.h"
#include "reg-import-summary-page.h"
#include "reg-import-wizard.h"
#include "reg-import-words.h"
#include "reg-store-imports.h"
#include "reg-ui-util.h"

/* Rows read for the preview. */
#define PREVIEW_ROWS 12

struct _RegImportWizard
{
  AdwWindow          parent_instance;

  RegShop           *shop;            /* (owned) */
  char              *path;            /* (owned) (nullable) the chosen file */
  RegImportDraft     draft;
  RegImportPreview  *guesses;         /* (owned) (nullable) the preview with nothing chosen */
  RegImportPreview  *preview;         /* (owned) (nullable) under the current choices */
  GCancellable      *preview_cancellable; /* (owned) (nullable) */
  RegJob            *job;             /* (owned) (nullable) the running check or import */
  guint              pulse_id;
  RegImportResult   *check;           /* (owned) (nullable) the last dry run */
  RegImportResult   *result;          /* (owned) (nullable) the real import */
  char              *check_error;     /* (owned) (nullable) */
  gboolean           updating;        /* filling widgets: their signals are not the owner's */

  /* survey results instead of sales (draft.feedback says which) */
  gboolean           feedback_chosen; /* the owner chose sales or survey: no more guessing */
  RegFeedbackKind    kind;            /* the owner's scale; AUTO: as found */
  RegFeedbackPreview *fb_preview;     /* (owned) (nullable) under the current choices */
  RegFeedbackImportResult *fb_check;  /* (owned) (nullable) the last dry run */
  RegFeedbackImportResult *fb_result; /* (owned) (nullable) the real import */
  char              *survey_mapping;  /* (owned) (nullable) survey_columns as a --map text */
  char              *survey_columns[REG_FEEDBACK_N_FIELDS]; /* (owned) (nullable) the column the
                                       * owner chose per field ("Name" or "#3"); NULL: by its name */
  char              *survey_key;      /* (owned) (nullable) the columns the survey rows offer */
  GPtrArray         *survey_values;   /* (owned) mapping values ("Name" or "#3") per column */
  AdwComboRow       *survey_rows[REG_FEEDBACK_N_FIELDS];   /* (unowned) template children */

  /* the owner's choices; NULL or 0: as found */
  char              *format;
  char              *encoding;
  char              *preset;
  char               delimiter;
  char               decimal;
  char              *date_order;      /* "DMY", "MDY", "YMD" */
  GPtrArray         *encodings;       /* (owned) encoding names offered */


  /* template */
  AdwWindowTitle    *window_title;
  GtkButton         *close_button;
  GtkButton         *next_button;
  GtkWidget         *back_button;
  GtkLabel          *blocked_label;
  GtkStack          *stack;
  GtkLabel          *file_label;
  GtkLabel          *file_error_label;
  AdwComboRow       *holds_row;
  AdwComboRow       *kind_row;
  AdwComboRow       *preset_row;
  GtkStringList     *preset_model;
  AdwComboRow       *format_row;
  GtkStringList     *format_model;
  AdwComboRow       *encoding_row;
  GtkStringList     *encoding_model;
  AdwComboRow       *delimiter_row;
  GtkStringList     *delimiter_model;
  AdwComboRow       *decimal_row;
  GtkStringList     *decimal_model;
  AdwComboRow       *date_row;
  GtkStringList     *date_model;
  AdwPreferencesGroup *survey_columns_group;
  AdwComboRow       *survey_email_row;
  AdwComboRow       *survey_score_row;
  AdwComboRow       *survey_date_row;
  AdwComboRow       *survey_comment_row;
  RegImportColumnsPage *columns_page;
  RegImportCustomersPage *customers_page;
  RegImportCheckPage *check_page;
  GtkProgressBar    *import_progress;
  RegImportSummaryPage *summary_page;
  RegImportPreviewPane *preview_box;
  GtkScrolledWindow *scroller;          /* the page area */
};

G_DEFINE_FINAL_TYPE (RegImportWizard, reg_import_wizard, ADW_TYPE_WINDOW)

static const struct { const char *id; const char *label; } formats[] = {
  { "csv", N_("CSV table") },
  { "ofx", N_("OFX or QFX statement") },
  { "qif", N_("QIF statement") },
  { "camt053", N_("CAMT.053 statement (XML)") },
  { "mt940", N_("MT940 statement") },
};

static const struct { const char *id; const char *label; } known_encodings[] = {
  { "UTF-8", N_("UTF-8 (Unicode)") },
  { "WINDOWS-1252", N_("Windows-1252 (Western European)") },
  { "ISO-8859-1", N_("ISO-8859-1 (Latin-1)") },
  { "ISO-8859-15", N_("ISO-8859-15 (Latin-9, with €)") },
};

static const struct { char c; const char *label; } delimiters[] = {
  { ',', N_("Commas ( , )") },
  { ';', N_("Semicolons ( ; )") },
  { '\t', N_("Tabs") },
  { '|', N_("Vertical bars ( | )") },
};

static const struct { char c; const char *label; } decimals[] = {
  { '.', N_("Point: 1,234.56") },
  { ',', N_("Comma: 1.234,56") },
};

static const struct { const char *id; const char *label; } date_orders[] = {
  { "DMY", N_("Day first: 31.12.2024") },
  { "MDY", N_("Month first: 12/31/2024") },
  { "YMD", N_("Year first: 2024-12-31") },
};


static void apply_state   (RegImportWizard *self);
static void set_preview   (RegImportWizard  *self,
                           RegImportPreview *preview);
static void start_preview (RegImportWizard *self);
static void start_feedback_preview (RegImportWizard *self);
static void start_check   (RegImportWizard *self);

/* ---- helpers ---- */

static void
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* The guesses are the first preview; the preview shown may be that same one. */
static void
set_preview (RegImportWizard  *self,
             RegImportPreview *preview)
{
  if (self->preview != NULL && self->preview != self->guesses)
    reg_import_preview_free (self->preview);
  self->preview = preview;
}


static char *
mapping_text (RegImportWizard *self)
{
  RegImportMapping *chosen = reg_import_columns_page_get_mapping (self->columns_page);
  g_autoptr(RegImportMapping) m = chosen != NULL ? reg_import_mapping_copy (chosen) : reg_import_mapping_new ();
  gboolean options = FALSE;

  if (self->delimiter != 0)
    {
      char d[2] = { self->delimiter, '\0' };
      reg_import_mapping_set_option (m, "delimiter", self->delimiter == '\t' ? "tab" : d);
      options = TRUE;
    }
  if (reg_import_mapping_is_empty (m) && !options && chosen == NULL)
    return NULL;
  return reg_import_mapping_to_string (m);
}

/* The request for the preview, the check and the import; strings point into @self and
 * @mapping (freed by the caller). */
static void
fill_request (RegImportWizard  *self,
              RegImportRequest *req,
              char            **mapping)
{
  reg_import_request_init (req);
  req->format = self->format;
  req->encoding = self->encoding;
  req->preset = self->preset;
  req->decimal = self->decimal;
  req->date_format = self->date_order;
  req->unmatched = reg_import_customers_page_get_unmatched (self->customers_page);
  *mapping = mapping_text (self);
  req->mapping = *mapping;
}

static void
set_job (RegImportWizard *self,
         RegJob          *job)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_set_object (&self->job, job);
}

/* ---- what the owner sees ---- */

static void
apply_state (RegImportWizard *self)
{
  RegImportPageState s = reg_import_draft_compute_state (&self->draft);
  g_autofree char *subtitle = NULL;
  const char *blocked = s.blocked;

  /* a page shown anew starts at its top, not where the last page was scrolled to */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), s.page) != 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, s.page);
  /* Translators: under the wizard's title: "Step 2 of 6: What Was Found" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), s.step_number, s.n_steps, s.title);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", s.can_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", s.can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", s.can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.nothing",
                                 self->draft.work == REG_IMPORT_WORK_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", s.can_cancel_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", s.can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file",
                                 self->draft.step == REG_IMPORT_STEP_FILE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.load-mapping",
                                 self->draft.work == REG_IMPORT_WORK_NONE
                                 && reg_import_columns_page_has_saved (self->columns_page));

  gtk_widget_set_visible (GTK_WIDGET (self->next_button), s.show_next);
  gtk_widget_set_visible (self->back_button, self->draft.step != REG_IMPORT_STEP_IMPORTING
                                             && self->draft.step != REG_IMPORT_STEP_SUMMARY);
  gtk_button_set_label (self->next_button, s.next_label);
  reg_import_check_page_set_import_label (self->check_page, s.import_label);
  /* nothing to cancel once the shop has the import: the header button closes */
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), self->draft.step != REG_IMPORT_STEP_SUMMARY);
  reg_import_summary_page_set_can_undo (self->summary_page, self->draft.committed);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_box), s.show_preview);
  reg_import_customers_page_set_checking (self->customers_page, s.show_progress);
  gtk_widget_set_visible (GTK_WIDGET (self->survey_columns_group),
                          self->draft.feedback && self->fb_preview != NULL && self->fb_preview->layout != NULL);
  reg_import_customers_page_set_feedback (self->customers_page, self->draft.feedback);

  if (self->draft.step == REG_IMPORT_STEP_MATCHING && self->draft.check_failed && self->check_error != NULL)
    blocked = self->check_error;
  if (self->draft.feedback && self->draft.step == REG_IMPORT_STEP_DETECTED && self->draft.preview_ready
      && self->fb_preview != NULL && self->fb_preview->problem == NULL
      && self->fb_preview->kind_problem != NULL)
    blocked = _("Say which kind of survey this is under Scores above: the scores fit both.");
  gtk_label_set_text (self->blocked_label, blocked != NULL ? blocked : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_label),
                          blocked != NULL && self->draft.step != REG_IMPORT_STEP_FILE);
}

static void
go_to (RegImportWizard *self,
       RegImportStep    step)
{
  self->draft.step = step;
  if (step == REG_IMPORT_STEP_MATCHING && !self->draft.checked && self->draft.work == REG_IMPORT_WORK_NONE)
    start_check (self);
  apply_state (self);
}

static void
select_in (AdwComboRow *row,
           guint        position)
{
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}

static guint
encoding_index (RegImportWizard *self,
                const char      *name,
                gboolean         add)
{
  for (guint i = 0; i < self->encodings->len; i++)
    if (name != NULL && g_ascii_strcasecmp (g_ptr_array_index (self->encodings, i), name) == 0)
      return i;
  if (!add || name == NULL)
    return GTK_INVALID_LIST_POSITION;
  g_ptr_array_add (self->encodings, g_ascii_strup (name, -1));
  gtk_string_list_append (self->encoding_model, name);
  return self->encodings->len - 1;
}

static void
set_choice_subtitle (AdwComboRow *row,
                     gboolean     chosen,
                     double       confidence,
                     gboolean     applies)
{
  const char *text;

  if (!applies)
    text = _("Does not apply to this format");
  else if (chosen)
    text = _("Your choice");
  else
    text = reg_import_confidence_words (confidence);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

/* The detected page: each drop-down shows the owner's choice, else what was found. */
static void
fill_choices (RegImportWizard *self)
{
  const RegSniffResult *found = self->guesses != NULL ? self->guesses->sniff : NULL;
  const RegSniffResult *now = self->preview != NULL ? self->preview->sniff : found;
  const char *format;
  const char *preset;
  const char *encoding;
  const char *order;
  char delimiter, decimal;
  gboolean csv;
  gsize n_presets;
  const RegImportPreset *presets = reg_import_preset_list (&n_presets);

  if (found == NULL)
    return;
  self->updating = TRUE;

  /* sales or survey results; for a survey only the rows that apply to it */
  select_in (self->holds_row, self->draft.feedback ? 1 : 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->holds_row),
                               self->feedback_chosen ? _("Your choice")
                               : self->draft.feedback ? _("Found in the file: columns with an email address and a score")
                               : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), self->draft.feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->preset_row), !self->draft.feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), !self->draft.feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->decimal_row), !self->draft.feedback);
  if (self->draft.feedback)
    {
      const RegFeedbackPreview *fp = self->fb_preview;
      const char *text;

      select_in (self->kind_row, (guint) self->kind);
      if (self->kind != REG_FEEDBACK_KIND_AUTO)
        text = _("Your choice");
      else if (fp == NULL || fp->problem != NULL)
        text = NULL;
      else if (fp->kind_problem != NULL)
        text = _("Every score is between 1 and 5, which fits both: choose NPS or CSAT");
      else if (fp->header_kind == REG_FEEDBACK_KIND_CSAT)
        text = _("CSAT, as the score column’s name says");
      else if (fp->header_kind == REG_FEEDBACK_KIND_NPS)
        text = _("NPS, as the score column’s name says");
      else
        text = _("NPS: some scores are 0 or above 5");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), text);
      if (fp != NULL && fp->kind_problem != NULL && self->kind == REG_FEEDBACK_KIND_AUTO)
        gtk_widget_add_css_class (GTK_WIDGET (self->kind_row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->kind_row), "error");
    }

  format = self->format != NULL ? self->format
           : self->preview != NULL && self->preview->format != NULL ? self->preview->format
           : found->format;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (format, formats[i].id) == 0)
      select_in (self->format_row, i);
  csv = g_strcmp0 (format, "csv") == 0;
  set_choice_subtitle (self->format_row, self->format != NULL, found->format_confidence, TRUE);

  preset = self->preset != NULL ? self->preset
           : self->preview != NULL && self->preview->preset != NULL ? self->preview->preset
           : found->preset;
  select_in (self->preset_row, 0);
  for (gsize i = 0; i < n_presets; i++)
    if (g_strcmp0 (preset, presets[i].name) == 0)
      select_in (self->preset_row, (guint) i + 1);
  if (self->preset != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), _("Your choice"));
  else if (preset != NULL)
    {
      const RegImportPreset *p = reg_import_preset_lookup (preset);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                                   p != NULL && p->rules != NULL ? _(p->rules)
                                                                 : reg_import_confidence_words (found->preset_confidence));
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                                 _("Not a known export: the columns are matched by their names"));

  encoding = self->encoding != NULL ? self->encoding
             : self->preview != NULL && self->preview->encoding != NULL ? self->preview->encoding
             : found->encoding;
  select_in (self->encoding_row, encoding_index (self, encoding, TRUE));
  set_choice_subtitle (self->encoding_row, self->encoding != NULL, found->encoding_confidence, TRUE);

  delimiter = self->delimiter != 0 ? self->delimiter : now->delimiter != 0 ? now->delimiter : found->delimiter;
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiter == delimiters[i].c)
      select_in (self->delimiter_row, i);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), csv);
  set_choice_subtitle (self->delimiter_row, self->delimiter != 0, found->delimiter_confidence, csv);

  decimal = self->decimal != 0 ? self->decimal : now->decimal != 0 ? now->decimal : found->decimal;
  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    if (decimal == decimals[i].c)
      select_in (self->decimal_row, i);
  set_choice_subtitle (self->decimal_row, self->decimal != 0, found->decimal_confidence, TRUE);

  order = self->date_order != NULL ? self->date_order : reg_sniff_result_get_date_order_id (now);
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    if (g_strcmp0 (order, date_orders[i].id) == 0)
      select_in (self->date_row, i);
  set_choice_subtitle (self->date_row, self->date_order != NULL, now->date_order_confidence, TRUE);

  self->updating = FALSE;
}










static void
fill_saved_mappings (RegImportWizard *self)
{
  g_auto(GStrv) names = reg_store_list_mappings (reg_shop_get_store (self->shop));

  reg_import_columns_page_set_saved (self->columns_page, (const char *const *) names);
}







/* ---- preview ---- */

static gboolean
looks_like_survey (const RegImportPreview *preview)
{
  const RegSniffResult *sniff = preview->sniff;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (sniff == NULL || sniff->header_line == 0 || g_strcmp0 (sniff->format, "csv") != 0)
    return FALSE;
  for (guint i = 0; i < sniff->columns->len; i++)
    g_ptr_array_add (names, ((RegSniffColumn *) g_ptr_array_index (sniff->columns, i))->name);
  return reg_feedback_header_looks_like_survey ((const char *const *) names->pdata, names->len);
}

static void set_feedback (RegImportWizard *self,
                          gboolean         feedback);

static void
on_preview_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportPreview) preview = reg_import_preview_finish (res, &error);
  gboolean first;

  /* a newer preview is on its way (this one may have finished before it was cancelled), or
   * the window is gone */
  if (g_task_get_cancellable (G_TASK (res)) != self->preview_cancellable
      || (preview == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return;
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  g_clear_object (&self->preview_cancellable);
  self->draft.work = REG_IMPORT_WORK_NONE;

  if (preview == NULL)
    {
      self->draft.file_failed = TRUE;
      self->draft.step = REG_IMPORT_STEP_FILE;
      gtk_label_set_text (self->file_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), TRUE);
      apply_state (self);
      return;
    }

  /* the first preview, read with nothing chosen, keeps what was found whatever the owner
   * chooses later */
  first = self->guesses == NULL;
  if (first)
    {
      self->guesses = g_steal_pointer (&preview);
      set_preview (self, self->guesses);
    }
  else
    set_preview (self, g_steal_pointer (&preview));
  if (first && !self->feedback_chosen && looks_like_survey (self->guesses))
    {
      /* an e-mail and a score column, no amount: survey results, read as such from here on */
      g_autofree char *name = g_path_get_basename (self->path);
      g_autofree char *text = g_strdup_printf (_("“%s” is ready. Go on, or choose another file."), name);

      gtk_label_set_text (self->file_label, text);
      if (self->draft.step == REG_IMPORT_STEP_FILE)
        self->draft.step = REG_IMPORT_STEP_DETECTED;
      set_feedback (self, TRUE);
      return;
    }
  self->draft.preview_ready = TRUE;
  self->draft.preview_problem = self->preview->problem != NULL;
  self->draft.is_csv = g_strcmp0 (self->preview->format != NULL ? self->preview->format
                                                                : self->preview->sniff->format, "csv") == 0;
  fill_choices (self);
  reg_import_preview_pane_show_sales (self->preview_box, self->shop, self->preview);
  if (self->draft.is_csv)
    reg_import_columns_page_show (self->columns_page, self->preview);
  if (first)
    {
      g_autofree char *name = g_path_get_basename (self->path);
      g_autofree char *text = g_strdup_printf (_("“%s” is ready. Go on, or choose another file."), name);

      gtk_label_set_text (self->file_label, text);
      if (self->draft.step == REG_IMPORT_STEP_FILE)
        self->draft.step = REG_IMPORT_STEP_DETECTED;
    }
  apply_state (self);
}

static void
start_preview (RegImportWizard *self)
{
  RegImportRequest req;
  g_autofree char *mapping = NULL;

  if (self->path == NULL)
    return;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  reg_import_draft_choices_changed (&self->draft);
  self->draft.work = REG_IMPORT_WORK_PREVIEW;
  g_clear_pointer (&self->check, reg_import_result_free);
  /* the old rows stay until the new ones are in */
  reg_import_preview_pane_set_status (self->preview_box, _("Reading the first rows…"));
  fill_request (self, &req, &mapping);
  reg_import_preview_async (self->shop, self->path, &req, PREVIEW_ROWS, self->preview_cancellable,
                            on_preview_cb, g_object_ref (self));
  apply_state (self);
}

/* ---- check (dry run) and import ---- */

static gboolean
pulse_cb (gpointer user_data)
{
  RegImportWizard *self = user_data;

  gtk_progress_bar_pulse (self->draft.work == REG_IMPORT_WORK_IMPORT ? self->import_progress : reg_import_customers_page_get_progress (self->customers_page));
  return G_SOURCE_CONTINUE;
}

static void
on_job_progress_cb (RegJob          *job,
                    GParamSpec      *pspec,
                    RegImportWizard *self)
{
  GtkProgressBar *bar = self->draft.work == REG_IMPORT_WORK_IMPORT ? self->import_progress : reg_import_customers_page_get_progress (self->customers_page);
  double fraction = reg_job_get_fraction (job);
  const char *status = reg_job_get_status_text (job);

  gtk_progress_bar_set_text (bar, status != NULL && *status != '\0' ? status : _("Reading the file"));
  if (fraction < 0)
    {
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (100, pulse_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (bar, CLAMP (fraction, 0.0, 1.0));
    }
}

static void
watch_job (RegImportWizard *self,
           RegJob          *job)
{
  set_job (self, job);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (on_job_progress_cb), self, 0);
  g_signal_connect_object (job, "notify::status-text", G_CALLBACK (on_job_progress_cb), self, 0);
  on_job_progress_cb (job, NULL, self);
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  RegImportResult *result = reg_job_run_finish (REG_JOB (source), res, &error);

  if ((gpointer) self->job != (gpointer) source)
    {
      /* a newer check replaced this one */
      g_clear_pointer (&result, reg_import_result_free);
      return;
    }
  set_job (self, NULL);
  self->draft.work = REG_IMPORT_WORK_NONE;
  g_clear_pointer (&self->check_error, g_free);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&result, reg_import_result_free);
      return;
    }
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          apply_state (self);
          return;
        }
      self->draft.check_failed = TRUE;
      self->check_error = g_strdup (error->message);
      apply_state (self);
      return;
    }
  g_clear_pointer (&self->check, reg_import_result_free);
  self->check = result;
  self->draft.checked = TRUE;
  self->draft.n_importable = result->imported;
  self->draft.n_new_customers = result->new_customers;
  self->draft.n_rejected = result->rejected;
  reg_import_customers_page_show_sales (self->customers_page, self->check);
  reg_import_check_page_show_sales (self->check_page, self->shop, self->check);
  apply_state (self);
}

/* ---- survey results ---- */

static void
fill_feedback_request (RegImportWizard          *self,
                       RegFeedbackImportRequest *req)
{
  reg_feedback_import_request_init (req);
  req->kind = self->kind;
  req->encoding = self->encoding;
  req->delimiter = self->delimiter;
  req->date_format = self->date_order;
  req->mapping = self->survey_mapping;
}

/* The columns the owner chose, as regulars-cli's --map takes them: "email=Kunde,date=#3"; NULL
 * when every field is found by its name. */
static void
update_survey_mapping (RegImportWizard *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (self->survey_columns[f] != NULL)
      g_string_append_printf (text, "%s%s=%s", text->len > 0 ? "," : "",
                              reg_feedback_field_to_string ((RegFeedbackField) f), self->survey_columns[f]);
  g_free (self->survey_mapping);
  self->survey_mapping = text->len > 0 ? g_strdup (text->str) : NULL;
}

static void
clear_survey_columns (RegImportWizard *self)
{
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    g_clear_pointer (&self->survey_columns[f], g_free);
  g_clear_pointer (&self->survey_mapping, g_free);
}

static void
on_survey_column_selected_cb (AdwComboRow     *row,
                              GParamSpec      *pspec,
                              RegImportWizard *self);

/* The survey's columns on the detected page: a drop-down per part of an answer over the file's
 * columns (rebuilt only when the columns change), each showing the column the answers are read
 * from; a needed part without one is marked, and the way on waits for it. */
static void
fill_survey_columns (RegImportWizard *self)
{
  const RegFeedbackLayout *layout = self->fb_preview != NULL ? self->fb_preview->layout : NULL;
  g_autoptr(GString) key = g_string_new (NULL);

  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->columns->len; i++)
    {
      const RegFeedbackColumn *c = g_ptr_array_index (layout->columns, i);
      g_string_append_printf (key, "%s\x1f%s\x1f", c->label, c->value);
    }

  self->updating = TRUE;
  if (g_strcmp0 (key->str, self->survey_key) != 0)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_free (self->survey_key);
      self->survey_key = g_strdup (key->str);
      g_ptr_array_set_size (self->survey_values, 0);
      gtk_string_list_append (names, _("Not in this file"));
      for (guint i = 0; i < layout->columns->len; i++)
        {
          const RegFeedbackColumn *c = g_ptr_array_index (layout->columns, i);
          g_autofree char *label = reg_import_column_choice (c->label, c->sample);

          gtk_string_list_append (names, label);
          g_ptr_array_add (self->survey_values, g_strdup (c->value));
        }
      for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
        adw_combo_row_set_model (self->survey_rows[f], G_LIST_MODEL (names));
    }

  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      AdwComboRow *row = self->survey_rows[f];
      int c = layout->column_of[f];
      gboolean needed = f != REG_FEEDBACK_FIELD_COMMENT;
      const char *subtitle;

      select_in (row, c >= 0 ? (guint) c + 1 : 0);
      if (c < 0 && needed)
        subtitle = _("Needed: choose the column that holds it");
      else if (c < 0)
        subtitle = _("Optional: answers are imported without a comment");
      else if (self->survey_columns[f] != NULL)
        subtitle = _("Your choice");
      else
        subtitle = _("Found in the file by its name");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (c < 0 && needed)
        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  self->updating = FALSE;
}

/* Whether the e-mail address, the score or the date has no column (and the owner has to choose
 * one before anything can be read). A file the reader has read lacks none. */
static gboolean
survey_columns_missing (const RegFeedbackPreview *p)
{
  if (p == NULL || p->layout == NULL || p->problem == NULL)
    return FALSE;
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (f != REG_FEEDBACK_FIELD_COMMENT && p->layout->column_of[f] < 0)
      return TRUE;
  return FALSE;
}



static void
on_feedback_preview_cb (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  RegFeedbackPreview *preview = reg_feedback_preview_finish (res, &error);

  /* a newer preview is on its way, or the window is gone */
  if (g_task_get_cancellable (G_TASK (res)) != self->preview_cancellable || preview == NULL
      || gtk_widget_in_destruction (GTK_WIDGET (self)) || !self->draft.feedback)
    {
      g_clear_pointer (&preview, reg_feedback_preview_free);
      return;
    }
  g_clear_object (&self->preview_cancellable);
  self->draft.work = REG_IMPORT_WORK_NONE;
  g_clear_pointer (&self->fb_preview, reg_feedback_preview_free);
  self->fb_preview = preview;
  self->draft.preview_ready = TRUE;
  /* scores that fit both scales block the way on until the owner says which survey it was */
  self->draft.preview_problem = preview->problem != NULL || preview->kind_problem != NULL;
  self->draft.columns_missing = survey_columns_missing (preview);
  fill_choices (self);
  fill_survey_columns (self);
  reg_import_preview_pane_show_answers (self->preview_box, self->shop, self->fb_preview,
                                        self->draft.columns_missing);
  apply_state (self);
}

static void
start_feedback_preview (RegImportWizard *self)
{
  RegFeedbackImportRequest req;

  if (self->path == NULL)
    return;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  reg_import_draft_choices_changed (&self->draft);
  self->draft.work = REG_IMPORT_WORK_PREVIEW;
  g_clear_pointer (&self->fb_check, reg_feedback_import_result_free);
  reg_import_preview_pane_set_status (self->preview_box, _("Reading the first rows…"));
  fill_feedback_request (self, &req);
  reg_feedback_preview_async (self->path, &req, PREVIEW_ROWS, self->preview_cancellable,
                              on_feedback_preview_cb, g_object_ref (self));
  apply_state (self);
}


static void
on_feedback_check_done_cb (GObject      *source,
                           GAsyncResult *res,
                           gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  RegFeedbackImportResult *result = reg_job_run_finish (REG_JOB (source), res, &error);

  if ((gpointer) self->job != (gpointer) source || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* a newer check replaced this one, or the window is gone */
      g_clear_pointer (&result, reg_feedback_import_result_free);
      if ((gpointer) self->job == (gpointer) source)
        set_job (self, NULL);
      return;
    }
  set_job (self, NULL);
  self->draft.work = REG_IMPORT_WORK_NONE;
  g_clear_pointer (&self->check_error, g_free);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->draft.check_failed = TRUE;
          self->check_error = g_strdup (error->message);
        }
      apply_state (self);
      return;
    }
  if (!self->draft.feedback)
    {
      /* the owner turned the file into sales while the check ran */
      reg_feedback_import_result_free (result);
      apply_state (self);
      return;
    }
  g_clear_pointer (&self->fb_check, reg_feedback_import_result_free);
  self->fb_check = result;
  self->draft.checked = TRUE;
  self->draft.n_importable = result->imported;
  self->draft.n_new_customers = 0;
  self->draft.n_rejected = result->rejected;
  reg_import_customers_page_show_answers (self->customers_page, self->fb_check);
  reg_import_check_page_show_answers (self->check_page, self->fb_check);
  apply_state (self);
}

static void
start_feedback_check (RegImportWizard *self)
{
  g_autoptr(RegFeedbackImportJob) job = NULL;
  RegFeedbackImportRequest req;

  fill_feedback_request (self, &req);
  req.dry_run = TRUE;
  job = reg_feedback_import_job_new (self->shop, self->path, &req);
  self->draft.checked = FALSE;
  self->draft.check_failed = FALSE;
  self->draft.work = REG_IMPORT_WORK_CHECK;
  gtk_progress_bar_set_fraction (reg_import_customers_page_get_progress (self->customers_page), 0);
  watch_job (self, REG_JOB (job));
  reg_job_run_async (REG_JOB (job), on_feedback_check_done_cb, g_object_ref (self));
  apply_state (self);
}


static void
on_feedback_import_done_cb (GObject      *source,
                            GAsyncResult *res,
                            gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  RegFeedbackImportResult *result = reg_job_run_finish (REG_JOB (source), res, &error);

  set_job (self, NULL);
  self->draft.work = REG_IMPORT_WORK_NONE;
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&result, reg_feedback_import_result_free);
      return;
    }
  if (result == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_autofree char *text = cancelled
        ? g_strdup (_("The import was cancelled. Nothing was changed in your shop."))
        : g_strdup_printf (_("The import failed and nothing was changed in your shop: %s"), error->message);

      self->draft.import_cancelled = cancelled;
      self->draft.import_failed = !cancelled;
      self->draft.step = REG_IMPORT_STEP_VALIDATION;
      reg_import_check_page_show_failure (self->check_page, text);
      apply_state (self);
      return;
    }
  g_clear_pointer (&self->fb_result, reg_feedback_import_result_free);
  self->fb_result = result;
  self->draft.committed = result->committed;
  self->draft.step = REG_IMPORT_STEP_SUMMARY;
  reg_import_summary_page_show_answers (self->summary_page, self->fb_result);
  apply_state (self);
}

static void
run_feedback_import (RegImportWizard *self)
{
  g_autoptr(RegFeedbackImportJob) job = NULL;
  RegFeedbackImportRequest req;

  fill_feedback_request (self, &req);
  job = reg_feedback_import_job_new (self->shop, self->path, &req);
  self->draft.import_cancelled = FALSE;
  self->draft.import_failed = FALSE;
  reg_import_check_page_show_failure (self->check_page, NULL);
  self->draft.work = REG_IMPORT_WORK_IMPORT;
  self->draft.step = REG_IMPORT_STEP_IMPORTING;
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  watch_job (self, REG_JOB (job));
  reg_job_run_async (REG_JOB (job), on_feedback_import_done_cb, g_object_ref (self));
  apply_state (self);
}

/* Sales or survey results: what the owner chose, else what the first look at the file says. */
static void
set_feedback (RegImportWizard *self,
              gboolean         feedback)
{
  self->draft.feedback = feedback;
  if (feedback)
    start_feedback_preview (self);
  else
    start_preview (self);
}

static void
start_check (RegImportWizard *self)
{
  g_autoptr(RegImportJob) job = NULL;
  RegImportRequest req;
  g_autofree char *mapping = NULL;

  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  if (self->draft.feedback)
    {
      start_feedback_check (self);
      return;
    }
  fill_request (self, &req, &mapping);
  req.dry_run = TRUE;
  job = reg_import_job_new (self->shop, self->path, &req);
  self->draft.checked = FALSE;
  self->draft.check_failed = FALSE;
  self->draft.work = REG_IMPORT_WORK_CHECK;
  gtk_progress_bar_set_fraction (reg_import_customers_page_get_progress (self->customers_page), 0);
  watch_job (self, REG_JOB (job));
  reg_job_run_async (REG_JOB (job), on_check_done_cb, g_object_ref (self));
  apply_state (self);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  RegImportResult *result = reg_job_run_finish (REG_JOB (source), res, &error);
  g_autofree char *merge_error = NULL;
  guint merged;

  set_job (self, NULL);
  self->draft.work = REG_IMPORT_WORK_NONE;
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&result, reg_import_result_free);
      return;
    }
  if (result == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_autofree char *text = cancelled
        ? g_strdup (_("The import was cancelled. Nothing was changed in your shop."))
        : g_strdup_printf (_("The import failed and nothing was changed in your shop: %s"), error->message);

      self->draft.import_cancelled = cancelled;
      self->draft.import_failed = !cancelled;
      self->draft.step = REG_IMPORT_STEP_VALIDATION;
      reg_import_check_page_show_failure (self->check_page, text);
      apply_state (self);
      return;
    }
  g_clear_pointer (&self->result, reg_import_result_free);
  self->result = result;
  self->draft.committed = result->committed;
  merged = reg_shop_merge_look_alikes (self->shop, result,
                                       reg_import_customers_page_get_confirmed (self->customers_page),
                                       &merge_error);
  self->draft.step = REG_IMPORT_STEP_SUMMARY;
  reg_import_summary_page_show_sales (self->summary_page, self->shop, self->result, merged, merge_error,
                                      self->draft.undone);
  apply_state (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);
  g_autoptr(RegImportJob) job = NULL;
  RegImportRequest req;
  g_autofree char *mapping = NULL;
  g_autofree char *save_as = reg_import_columns_page_get_save_as (self->columns_page);

  if (self->draft.feedback)
    {
      run_feedback_import (self);
      return;
    }
  fill_request (self, &req, &mapping);
  req.save_mapping_as = save_as;
  job = reg_import_job_new (self->shop, self->path, &req);
  self->draft.import_cancelled = FALSE;
  self->draft.import_failed = FALSE;
  reg_import_check_page_show_failure (self->check_page, NULL);
  self->draft.work = REG_IMPORT_WORK_IMPORT;
  self->draft.step = REG_IMPORT_STEP_IMPORTING;
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  watch_job (self, REG_JOB (job));
  reg_job_run_async (REG_JOB (job), on_import_done_cb, g_object_ref (self));
  apply_state (self);
}

/* ---- actions and signals ---- */

static void
on_chooser_response_cb (GtkNativeDialog *native,
                        int              response,
                        RegImportWizard *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      reg_import_wizard_set_file (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) exports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  static const char *patterns[] = { "*.csv", "*.CSV", "*.txt", "*.tsv", "*.ofx", "*.OFX", "*.qfx", "*.QFX",
                                    "*.qif", "*.QIF", "*.xml", "*.XML", "*.sta", "*.STA", "*.940" };

  native = gtk_file_chooser_native_new (_("Choose the File to Import"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (exports, _("Exports and statements"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (exports, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), exports);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);

  if (self->draft.step == REG_IMPORT_STEP_SUMMARY)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  go_to (self, reg_import_draft_next_step (&self->draft));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);
  RegImportStep to = reg_import_draft_previous_step (&self->draft);

  /* leaving the customers page while the check runs: stop it */
  if (self->draft.work == REG_IMPORT_WORK_CHECK && self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  if (to == REG_IMPORT_STEP_FILE)
    {
      /* a new file from here on */
      gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), FALSE);
    }
  go_to (self, to);
}

static void
nothing_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);

  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);
  g_autoptr(GError) error = NULL;
  guint sales = 0, customers = 0;
  g_autofree char *text = NULL;

  if (self->draft.feedback && self->fb_result != NULL && self->fb_result->committed)
    {
      if (!reg_shop_undo_import (self->shop, self->fb_result->batch, NULL, NULL, &error))
        {
          g_autofree char *why = g_strdup_printf (_("The import could not be undone: %s"), error->message);
          reg_import_summary_page_set_text (self->summary_page, why);
          return;
        }
      self->draft.undone = TRUE;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The import was undone: %u survey answer was taken out again. "
                                           "Your shop is as it was before.",
                                           "The import was undone: %u survey answers were taken out again. "
                                           "Your shop is as it was before.", self->fb_result->imported),
                              self->fb_result->imported);
      reg_import_summary_page_show_undone (self->summary_page, text);
      apply_state (self);
      return;
    }
  if (self->result == NULL || !self->result->committed)
    return;
  if (!reg_shop_undo_import (self->shop, self->result->batch, &sales, &customers, &error))
    {
      g_autofree char *why = g_strdup_printf (_("The import could not be undone: %s"), error->message);
      reg_import_summary_page_set_text (self->summary_page, why);
      return;
    }
  self->draft.undone = TRUE;
  text = g_strdup_printf (_("The import was undone: %u sales and %u customers were taken out again. "
                            "Your shop is as it was before."), sales, customers);
  reg_import_summary_page_show_undone (self->summary_page, text);
  apply_state (self);
}

static void
load_mapping_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);
  const char *name = reg_import_columns_page_get_selected_saved (self->columns_page);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RegImportMapping *mapping;

  if (name == NULL)
    return;
  text = reg_store_get_mapping (reg_shop_get_store (self->shop), name);
  if (text == NULL || (mapping = reg_import_mapping_from_string (text, &error)) == NULL)
    {
      reg_import_preview_pane_set_status (self->preview_box, error != NULL ? error->message : _("The mapping is gone."));
      return;
    }
  reg_import_columns_page_load (self->columns_page, mapping, name);
  start_preview (self);
}


static void
on_choice_selected_cb (AdwComboRow     *row,
                       GParamSpec      *pspec,
                       RegImportWizard *self)
{
  guint pos = adw_combo_row_get_selected (row);
  gboolean columns_change = TRUE;

  if (self->updating || pos == GTK_INVALID_LIST_POSITION)
    return;
  if (row == self->format_row && pos < G_N_ELEMENTS (formats))
    set_str (&self->format, formats[pos].id);
  else if (row == self->encoding_row && pos < self->encodings->len)
    set_str (&self->encoding, g_ptr_array_index (self->encodings, pos));
  else if (row == self->delimiter_row && pos < G_N_ELEMENTS (delimiters))
    self->delimiter = delimiters[pos].c;
  else if (row == self->preset_row)
    {
      gsize n;
      const RegImportPreset *presets = reg_import_preset_list (&n);
      g_clear_pointer (&self->preset, g_free);
      if (pos > 0 && pos <= n)
        {
          self->preset = g_strdup (presets[pos - 1].name);
          /* a statement format comes with its preset */
          if (g_strcmp0 (presets[pos - 1].format, "csv") != 0)
            set_str (&self->format, presets[pos - 1].format);
          else if (self->format != NULL && !g_str_equal (self->format, "csv"))
            set_str (&self->format, "csv");
        }
    }
  else if (row == self->decimal_row && pos < G_N_ELEMENTS (decimals))
    {
      self->decimal = decimals[pos].c;
      columns_change = FALSE;
    }
  else if (row == self->date_row && pos < G_N_ELEMENTS (date_orders))
    {
      set_str (&self->date_order, date_orders[pos].id);
      columns_change = FALSE;
    }
  else
    return;

  /* other columns, other names: the owner's columns no longer apply */
  if (columns_change)
    {
      reg_import_columns_page_set_mapping (self->columns_page, NULL);
      clear_survey_columns (self);
    }
  if (self->draft.feedback)
    start_feedback_preview (self);
  else
    start_preview (self);
}

static void
on_holds_selected_cb (AdwComboRow     *row,
                      GParamSpec      *pspec,
                      RegImportWizard *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating || self->path == NULL || pos == GTK_INVALID_LIST_POSITION
      || (pos == 1) == self->draft.feedback)
    return;
  self->feedback_chosen = TRUE;
  set_feedback (self, pos == 1);
}

static void
on_kind_selected_cb (AdwComboRow     *row,
                     GParamSpec      *pspec,
                     RegImportWizard *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating || self->path == NULL || pos > REG_FEEDBACK_KIND_CSAT
      || (RegFeedbackKind) pos == self->kind)
    return;
  self->kind = (RegFeedbackKind) pos;
  start_feedback_preview (self);
}

static void
on_survey_column_selected_cb (AdwComboRow     *row,
                              GParamSpec      *pspec,
                              RegImportWizard *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating || self->path == NULL || !self->draft.feedback || pos == GTK_INVALID_LIST_POSITION)
    return;
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (self->survey_rows[f] == row)
      {
        /* "Not in this file": back to the column its name stands for, if any */
        g_free (self->survey_columns[f]);
        self->survey_columns[f] = pos > 0 && pos <= self->survey_values->len
                                  ? g_strdup (g_ptr_array_index (self->survey_values, pos - 1)) : NULL;
      }
  update_survey_mapping (self);
  start_feedback_preview (self);
}

static void
on_unmatched_selected_cb (RegImportCustomersPage *page,
                          RegImportWizard        *self)
{
  if (self->updating || self->path == NULL || !self->draft.preview_ready)
    return;
  self->draft.checked = FALSE;
  if (self->draft.step == REG_IMPORT_STEP_MATCHING)
    start_check (self);
  else
    apply_state (self);
}

static gboolean
on_drop_cb (GtkDropTarget   *target,
            const GValue    *value,
            double           x,
            double           y,
            RegImportWizard *self)
{
  GFile *file = NULL;

  if (self->draft.step != REG_IMPORT_STEP_FILE && self->draft.step != REG_IMPORT_STEP_DETECTED)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  reg_import_wizard_set_file (self, file);
  return TRUE;
}

static gboolean
on_close_request_cb (GtkWindow *window)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (window);

  /* closing in the middle: nothing is kept */
  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  return FALSE;
}

/* ---- GObject ---- */

static void
reg_import_wizard_dispose (GObject *object)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (object);

  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  set_job (self, NULL);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  G_OBJECT_CLASS (reg_import_wizard_parent_class)->dispose (object);
}

static void
reg_import_wizard_finalize (GObject *object)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (object);

  g_clear_object (&self->shop);
  g_free (self->path);
  set_preview (self, NULL);
  g_clear_pointer (&self->guesses, reg_import_preview_free);
  g_clear_pointer (&self->check, reg_import_result_free);
  g_clear_pointer (&self->result, reg_import_result_free);
  g_clear_pointer (&self->fb_preview, reg_feedback_preview_free);
  g_clear_pointer (&self->fb_check, reg_feedback_import_result_free);
  g_clear_pointer (&self->fb_result, reg_feedback_import_result_free);
  clear_survey_columns (self);
  g_free (self->survey_key);
  g_clear_pointer (&self->survey_values, g_ptr_array_unref);
  g_free (self->check_error);
  g_free (self->format);
  g_free (self->encoding);
  g_free (self->preset);
  g_free (self->date_order);
  g_clear_pointer (&self->encodings, g_ptr_array_unref);
  G_OBJECT_CLASS (reg_import_wizard_parent_class)->finalize (object);
}

static void
reg_import_wizard_class_init (RegImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reg_import_wizard_dispose;
  object_class->finalize = reg_import_wizard_finalize;
  window_class->close_request = on_close_request_cb;

  g_type_ensure (REG_TYPE_IMPORT_COLUMNS_PAGE);
  g_type_ensure (REG_TYPE_IMPORT_CUSTOMERS_PAGE);
  g_type_ensure (REG_TYPE_IMPORT_PREVIEW_PANE);
  g_type_ensure (REG_TYPE_IMPORT_CHECK_PAGE);
  g_type_ensure (REG_TYPE_IMPORT_SUMMARY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, close_button);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, file_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, file_error_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, holds_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, preset_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, preset_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, format_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, format_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, encoding_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, delimiter_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, decimal_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, date_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, date_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, survey_columns_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, survey_email_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, survey_score_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, survey_date_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, survey_comment_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, columns_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, customers_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, check_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, import_progress);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, preview_box);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, scroller);
  /* named for tests */
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, back_button);
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "choose_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.nothing", NULL, nothing_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "import.load-mapping", NULL, load_mapping_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose-file", NULL);
}

static void
reg_import_wizard_init (RegImportWizard *self)
{
  gsize n_presets;
  const RegImportPreset *presets = reg_import_preset_list (&n_presets);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  reg_import_draft_init (&self->draft);
  self->encodings = g_ptr_array_new_with_free_func (g_free);
  self->survey_values = g_ptr_array_new_with_free_func (g_free);
  self->survey_rows[REG_FEEDBACK_FIELD_EMAIL] = self->survey_email_row;
  self->survey_rows[REG_FEEDBACK_FIELD_SCORE] = self->survey_score_row;
  self->survey_rows[REG_FEEDBACK_FIELD_DATE] = self->survey_date_row;
  self->survey_rows[REG_FEEDBACK_FIELD_COMMENT] = self->survey_comment_row;

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (self->format_model, _(formats[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (known_encodings); i++)
    {
      gtk_string_list_append (self->encoding_model, _(known_encodings[i].label));
      g_ptr_array_add (self->encodings, g_strdup (known_encodings[i].id));
    }
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    gtk_string_list_append (self->delimiter_model, _(delimiters[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    gtk_string_list_append (self->decimal_model, _(decimals[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    gtk_string_list_append (self->date_model, _(date_orders[i].label));
  gtk_string_list_append (self->preset_model, _("None: match the columns by their names"));
  for (gsize i = 0; i < n_presets; i++)
    gtk_string_list_append (self->preset_model, _(presets[i].display_name));
  self->updating = FALSE;

  reg_ui_combo_row_set_max_chars (self->preset_row, 32);
  reg_ui_combo_row_set_max_chars (self->holds_row, 32);
  reg_ui_combo_row_set_max_chars (self->encoding_row, 32);
  g_signal_connect (self->format_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->encoding_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->delimiter_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->preset_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->decimal_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->date_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect_swapped (self->columns_page, "mapping-changed", G_CALLBACK (start_preview), self);
  g_signal_connect (self->customers_page, "unmatched-changed", G_CALLBACK (on_unmatched_selected_cb), self);
  g_signal_connect (self->holds_row, "notify::selected", G_CALLBACK (on_holds_selected_cb), self);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      reg_ui_combo_row_set_max_chars (self->survey_rows[f], 36);
      g_signal_connect (self->survey_rows[f], "notify::selected", G_CALLBACK (on_survey_column_selected_cb), self);
    }

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  apply_state (self);
}

/* ---- public ---- */

GtkWindow *
reg_import_wizard_new (RegShop *shop)
{
  RegImportWizard *self;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);

  self = g_object_new (REG_TYPE_IMPORT_WIZARD, NULL);
  self->shop = g_object_ref (shop);
  fill_saved_mappings (self);
  apply_state (self);
  return GTK_WINDOW (self);
}

void
reg_import_wizard_set_file (RegImportWizard *self,
                            GFile           *file)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (REG_IS_IMPORT_WIZARD (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->draft.work == REG_IMPORT_WORK_IMPORT || self->draft.committed)
    return;
  g_clear_pointer (&self->fb_result, reg_feedback_import_result_free);
  /* a check of the previous file: stopped, and its result ignored */
  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  set_job (self, NULL);

  g_free (self->path);
  self->path = g_file_get_path (file);
  set_preview (self, NULL);
  g_clear_pointer (&self->guesses, reg_import_preview_free);
  reg_import_columns_page_reset (self->columns_page);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->date_order, g_free);
  self->delimiter = self->decimal = 0;
  self->feedback_chosen = FALSE;
  self->kind = REG_FEEDBACK_KIND_AUTO;
  clear_survey_columns (self);
  g_clear_pointer (&self->survey_key, g_free);
  g_clear_pointer (&self->fb_preview, reg_feedback_preview_free);
  g_clear_pointer (&self->fb_check, reg_feedback_import_result_free);
  reg_import_customers_page_forget (self->customers_page);
  reg_import_draft_init (&self->draft);
  gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), FALSE);

  if (self->path == NULL)
    {
      self->draft.file_failed = TRUE;
      gtk_label_set_text (self->file_error_label, _("Only files on this computer can be imported."));
      gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), TRUE);
      apply_state (self);
      return;
    }
  self->draft.has_file = TRUE;
  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Reading “%s”…"), name);
  gtk_label_set_text (self->file_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), TRUE);
  adw_window_title_set_title (self->window_title, name);
  start_preview (self);
}

const char *
reg_import_wizard_get_page (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const RegImportDraft *
reg_import_wizard_get_draft (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return &self->draft;
}

const RegImportPreview *
reg_import_wizard_get_preview (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->draft.preview_ready ? self->preview : NULL;
}

const RegImportResult *
reg_import_wizard_get_check (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->check;
}

const RegImportResult *
reg_import_wizard_get_result (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->result;
}

RegJob *
reg_import_wizard_get_job (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->job != NULL ? REG_JOB (self->job) : NULL;
}

AdwComboRow *
reg_import_wizard_get_field_row (RegImportWizard *self,
                                 RegField         field)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  g_return_val_if_fail (field < REG_N_FIELDS, NULL);
  return reg_import_columns_page_get_field_row (self->columns_page, field);
}

const RegFeedbackPreview *
reg_import_wizard_get_feedback_preview (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->draft.feedback && self->draft.preview_ready ? self->fb_preview : NULL;
}

const RegFeedbackImportResult *
reg_import_wizard_get_feedback_check (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->fb_check;
}

const RegFeedbackImportResult *
reg_import_wizard_get_feedback_result (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->fb_result;
}
