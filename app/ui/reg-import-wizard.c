/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportWizard is the frame of an import: it holds the draft (RegImportDraft: which page
 * shows and which button works comes from reg_import_draft_compute_state()) and one page
 * widget per step, which hold the owner's choices (the detected page: how the file is read;
 * the columns page: the columns; the customers page: new payers and look-alikes). After every
 * change it asks the import object (reg-import.h) for the first rows under those choices, runs
 * the order as a dry run for the customers and check pages and then for real, and offers undo.
 * A file of survey results (NPS or CSAT: recognised by its e-mail and score columns, or chosen
 * by the owner) takes the same way without the columns page.
 * Main thread only; owns the shop reference, the previews, the outcomes and the running job.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-check-page.h"
#include "reg-import-columns-page.h"
#include "reg-import-customers-page.h"
#include "reg-import-detected-page.h"
#include "reg-import.h"
#include "reg-import-file-page.h"
#include "reg-import-preview-pane.h"
#include "reg-import-progress-page.h"
#include "reg-import-summary-page.h"
#include "reg-import-wizard.h"
#include "reg-job-progress.h"
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
  RegJobProgress    *progress;        /* (owned) (nullable) the job's progress on its page */
  RegImportOutcome  *check;           /* (owned) (nullable) the last dry run, of either kind */
  RegImportOutcome  *result;          /* (owned) (nullable) the real import */
  char              *check_error;     /* (owned) (nullable) */

  /* survey results instead of sales (draft.feedback says which) */
  RegFeedbackPreview *fb_preview;     /* (owned) (nullable) under the current choices */

  /* template */
  AdwWindowTitle    *window_title;
  GtkButton         *close_button;
  GtkButton         *next_button;
  GtkWidget         *back_button;
  GtkLabel          *blocked_label;
  GtkStack          *stack;
  RegImportFilePage *file_page;
  RegImportDetectedPage *detected_page;
  RegImportColumnsPage *columns_page;
  RegImportCustomersPage *customers_page;
  RegImportCheckPage *check_page;
  RegImportProgressPage *importing_page;
  RegImportSummaryPage *summary_page;
  RegImportPreviewPane *preview_box;
  GtkScrolledWindow *scroller;          /* the page area */
};

G_DEFINE_FINAL_TYPE (RegImportWizard, reg_import_wizard, ADW_TYPE_WINDOW)

static void apply_state   (RegImportWizard *self);
static void set_preview   (RegImportWizard  *self,
                           RegImportPreview *preview);
static void start_preview (RegImportWizard *self);
static void start_check   (RegImportWizard *self);

/* The guesses are the first preview; the preview shown may be that same one. */
static void
set_preview (RegImportWizard  *self,
             RegImportPreview *preview)
{
  if (self->preview != NULL && self->preview != self->guesses)
    reg_import_preview_free (self->preview);
  self->preview = preview;
}

/* (transfer full) (nullable) The owner's columns with the delimiter and the channel chosen, as
 * the reader takes them; NULL: all as found. */
static RegImportMapping *
chosen_columns (RegImportWizard *self)
{
  RegImportMapping *chosen = reg_import_columns_page_get_mapping (self->columns_page);
  /* typed on the columns page for a table, on the first page for a bank statement */
  g_autofree char *channel = self->draft.is_csv ? reg_import_columns_page_get_channel (self->columns_page)
                                                : reg_import_detected_page_get_bank_channel (self->detected_page);
  RegImportMapping *m;
  RegImportChoices c;

  reg_import_detected_page_get_choices (self->detected_page, &c);
  if (chosen == NULL && c.delimiter == 0 && channel == NULL)
    return NULL;
  m = chosen != NULL ? reg_import_mapping_copy (chosen) : reg_import_mapping_new ();
  /* the channel as typed now, also over the one of a mapping loaded before */
  reg_import_mapping_set_option (m, "channel", channel);
  if (c.delimiter != 0)
    {
      char d[2] = { c.delimiter, '\0' };
      reg_import_mapping_set_option (m, "delimiter", c.delimiter == '\t' ? "tab" : d);
    }
  return m;
}

/* The order for the check and the import, of the kind the file is read as; strings point
 * into the pages, the columns are @columns (freed by the caller). */
static void
fill_order (RegImportWizard   *self,
            RegImportOrder    *order,
            RegImportMapping **columns)
{
  RegImportChoices c;

  reg_import_detected_page_get_choices (self->detected_page, &c);
  reg_import_order_init (order, self->draft.feedback ? REG_IMPORT_KIND_SURVEY : REG_IMPORT_KIND_SALES);
  order->encoding = c.encoding;
  order->date_format = c.date_order;
  order->delimiter = c.delimiter;
  order->preset = c.preset;
  order->format = c.format;
  order->decimal = c.decimal;
  *columns = chosen_columns (self);
  order->columns = *columns;
  order->unmatched = reg_import_customers_page_get_unmatched (self->customers_page);
  order->scale = c.kind;
  order->answers = c.survey_columns;
}

static void
set_job (RegImportWizard *self,
         RegJob          *job)
{
  g_clear_pointer (&self->progress, reg_job_progress_free);
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
  reg_import_file_page_set_accepts_drops (self->file_page, self->draft.step == REG_IMPORT_STEP_FILE
                                                           || self->draft.step == REG_IMPORT_STEP_DETECTED);
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
fill_saved_mappings (RegImportWizard *self)
{
  g_auto(GStrv) names = reg_import_list_mappings (self->shop);

  reg_import_columns_page_set_saved (self->columns_page, (const char *const *) names);
}

/* ---- preview ---- */

static void set_feedback (RegImportWizard *self,
                          gboolean         feedback);

/* The file has been read for the first time: on to what was found. */
static void
file_ready (RegImportWizard *self)
{
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *text = g_strdup_printf (_("“%s” is ready. Go on, or choose another file."), name);

  reg_import_file_page_set_status (self->file_page, text);
  if (self->draft.step == REG_IMPORT_STEP_FILE)
    self->draft.step = REG_IMPORT_STEP_DETECTED;
}

/* The sales reader's first rows under the current choices. */
static void
show_sales_look (RegImportWizard  *self,
                 RegImportPreview *preview)
{
  gboolean first;

  /* the first preview, read with nothing chosen, keeps what was found whatever the owner
   * chooses later */
  first = self->guesses == NULL;
  if (first)
    {
      self->guesses = preview;
      set_preview (self, self->guesses);
    }
  else
    set_preview (self, preview);
  if (first && !reg_import_detected_page_get_feedback_chosen (self->detected_page)
      && reg_import_preview_looks_like_survey (self->guesses))
    {
      /* an e-mail and a score column, no amount: survey results, read as such from here on */
      file_ready (self);
      set_feedback (self, TRUE);
      return;
    }
  self->draft.preview_ready = TRUE;
  self->draft.preview_problem = self->preview->problem != NULL;
  self->draft.is_csv = g_strcmp0 (self->preview->format != NULL ? self->preview->format
                                                                : self->preview->sniff->format, "csv") == 0;
  reg_import_detected_page_show (self->detected_page, self->guesses, self->preview, FALSE, NULL);
  reg_import_preview_pane_show_sales (self->preview_box, self->shop, self->preview);
  if (self->draft.is_csv)
    reg_import_columns_page_show (self->columns_page, self->preview);
  if (first)
    file_ready (self);
  apply_state (self);
}

/* ---- check (dry run) and import ---- */

/* @job runs: its progress on the page of the work at hand. */
static void
watch_job (RegImportWizard *self,
           RegJob          *job)
{
  GtkProgressBar *bar = self->draft.work == REG_IMPORT_WORK_IMPORT
                        ? reg_import_progress_page_get_progress (self->importing_page)
                        : reg_import_customers_page_get_progress (self->customers_page);

  set_job (self, job);
  self->progress = reg_job_progress_new (job, bar);
}

/* The dry run of either kind: the customers and check pages from it. */
static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportOutcome) outcome = reg_import_outcome_finish (REG_JOB (source), res, &error);

  /* a newer check replaced this one */
  if ((gpointer) self->job != (gpointer) source)
    return;
  set_job (self, NULL);
  self->draft.work = REG_IMPORT_WORK_NONE;
  g_clear_pointer (&self->check_error, g_free);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (outcome == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->draft.check_failed = TRUE;
          self->check_error = g_strdup (error->message);
        }
      apply_state (self);
      return;
    }
  /* the owner turned the file into sales or survey results while the check ran */
  if ((outcome->kind == REG_IMPORT_KIND_SURVEY) != self->draft.feedback)
    {
      apply_state (self);
      return;
    }
  g_clear_pointer (&self->check, reg_import_outcome_free);
  self->check = g_steal_pointer (&outcome);
  self->draft.checked = TRUE;
  self->draft.n_importable = self->check->imported;
  self->draft.n_new_customers = self->check->sales != NULL ? self->check->sales->new_customers : 0;
  self->draft.n_rejected = self->check->rejected;
  if (self->check->sales != NULL)
    reg_import_customers_page_show_sales (self->customers_page, self->check->sales);
  else
    reg_import_customers_page_show_answers (self->customers_page, self->check->survey);
  reg_import_check_page_show (self->check_page, self->shop, self->check);
  apply_state (self);
}

/* ---- survey results ---- */

/* The survey reader's first answers under the current choices. */
static void
show_survey_look (RegImportWizard    *self,
                  RegFeedbackPreview *preview)
{
  g_clear_pointer (&self->fb_preview, reg_feedback_preview_free);
  self->fb_preview = preview;
  self->draft.preview_ready = TRUE;
  /* scores that fit both scales block the way on until the owner says which survey it was */
  self->draft.preview_problem = preview->problem != NULL || preview->kind_problem != NULL;
  self->draft.columns_missing = reg_feedback_preview_lacks_columns (preview);
  reg_import_detected_page_show (self->detected_page, self->guesses, self->preview, TRUE, preview);
  reg_import_detected_page_show_survey_columns (self->detected_page, preview);
  reg_import_preview_pane_show_answers (self->preview_box, self->shop, self->fb_preview,
                                        self->draft.columns_missing);
  apply_state (self);
}

static void
on_look_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportLook) look = reg_import_look_finish (res, &error);

  /* a newer preview is on its way (this one may have finished before it was cancelled), or
   * the window is gone, or the file is read as sales again */
  if (g_task_get_cancellable (G_TASK (res)) != self->preview_cancellable
      || (look == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      || gtk_widget_in_destruction (GTK_WIDGET (self))
      || (look != NULL && look->kind == REG_IMPORT_KIND_SURVEY && !self->draft.feedback)
      || (look == NULL && self->draft.feedback))
    return;
  g_clear_object (&self->preview_cancellable);
  self->draft.work = REG_IMPORT_WORK_NONE;
  if (look == NULL)
    {
      self->draft.file_failed = TRUE;
      self->draft.step = REG_IMPORT_STEP_FILE;
      reg_import_file_page_set_error (self->file_page, error->message);
      apply_state (self);
    }
  else if (look->kind == REG_IMPORT_KIND_SURVEY)
    show_survey_look (self, g_steal_pointer (&look->survey));
  else
    show_sales_look (self, g_steal_pointer (&look->sales));
}

/* The first rows read again under the current choices, as sales or as survey results. */
static void
start_preview (RegImportWizard *self)
{
  RegImportOrder order;
  g_autoptr(RegImportMapping) columns = NULL;

  if (self->path == NULL)
    return;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  reg_import_draft_choices_changed (&self->draft);
  self->draft.work = REG_IMPORT_WORK_PREVIEW;
  g_clear_pointer (&self->check, reg_import_outcome_free);
  /* the old rows stay until the new ones are in */
  reg_import_preview_pane_set_status (self->preview_box, _("Reading the first rows…"));
  fill_order (self, &order, &columns);
  reg_import_look_async (self->shop, self->path, &order, PREVIEW_ROWS, self->preview_cancellable,
                         on_look_cb, g_object_ref (self));
  apply_state (self);
}

/* Sales or survey results: what the owner chose, else what the first look at the file says. */
static void
set_feedback (RegImportWizard *self,
              gboolean         feedback)
{
  self->draft.feedback = feedback;
  reg_import_detected_page_set_feedback (self->detected_page, feedback);
  start_preview (self);
}

static void
start_check (RegImportWizard *self)
{
  g_autoptr(RegJob) job = NULL;
  g_autoptr(RegImportMapping) columns = NULL;
  RegImportOrder order;

  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  fill_order (self, &order, &columns);
  order.dry_run = TRUE;
  job = reg_import_order_new_job (self->shop, self->path, &order);
  self->draft.checked = FALSE;
  self->draft.check_failed = FALSE;
  self->draft.work = REG_IMPORT_WORK_CHECK;
  gtk_progress_bar_set_fraction (reg_import_customers_page_get_progress (self->customers_page), 0);
  watch_job (self, job);
  reg_job_run_async (job, on_check_done_cb, g_object_ref (self));
  apply_state (self);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(RegImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportOutcome) outcome = reg_import_outcome_finish (REG_JOB (source), res, &error);
  g_autofree char *merge_error = NULL;
  guint merged;

  set_job (self, NULL);
  self->draft.work = REG_IMPORT_WORK_NONE;
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (outcome == NULL)
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
  g_clear_pointer (&self->result, reg_import_outcome_free);
  self->result = g_steal_pointer (&outcome);
  self->draft.committed = self->result->committed;
  self->draft.step = REG_IMPORT_STEP_SUMMARY;
  merged = reg_shop_merge_look_alikes (self->shop, self->result->sales,
                                       reg_import_customers_page_get_confirmed (self->customers_page),
                                       &merge_error);
  reg_import_summary_page_show (self->summary_page, self->shop, self->result, merged, merge_error,
                                self->draft.undone);
  apply_state (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);
  g_autoptr(RegJob) job = NULL;
  g_autoptr(RegImportMapping) columns = NULL;
  g_autofree char *save_as = reg_import_columns_page_get_save_as (self->columns_page);
  RegImportOrder order;

  fill_order (self, &order, &columns);
  order.save_mapping_as = save_as;
  job = reg_import_order_new_job (self->shop, self->path, &order);
  self->draft.import_cancelled = FALSE;
  self->draft.import_failed = FALSE;
  reg_import_check_page_show_failure (self->check_page, NULL);
  self->draft.work = REG_IMPORT_WORK_IMPORT;
  self->draft.step = REG_IMPORT_STEP_IMPORTING;
  gtk_progress_bar_set_fraction (reg_import_progress_page_get_progress (self->importing_page), 0);
  watch_job (self, job);
  reg_job_run_async (job, on_import_done_cb, g_object_ref (self));
  apply_state (self);
}

/* ---- actions and signals ---- */

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  reg_import_file_page_choose (REG_IMPORT_WIZARD (widget)->file_page);
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
      reg_import_file_page_set_error (self->file_page, NULL);
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
  RegUndoSummary undone = { 0 };

  if (self->result == NULL || !self->result->committed)
    return;
  if (!reg_shop_undo_import (self->shop, self->result->batch, &undone, &error))
    {
      g_autofree char *why = g_strdup_printf (_("The import could not be undone: %s"), error->message);
      reg_import_summary_page_set_text (self->summary_page, why);
      return;
    }
  self->draft.undone = TRUE;
  reg_import_summary_page_show_undone (self->summary_page, self->result->kind == REG_IMPORT_KIND_SURVEY,
                                       undone.answers, undone.sales, undone.customers);
  apply_state (self);
}

static void
load_mapping_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RegImportWizard *self = REG_IMPORT_WIZARD (widget);
  const char *name = reg_import_columns_page_get_selected_saved (self->columns_page);
  g_autoptr(GError) error = NULL;
  RegImportMapping *mapping;

  if (name == NULL)
    return;
  if ((mapping = reg_import_get_mapping (self->shop, name, &error)) == NULL)
    {
      /* gone since the list was filled (another window), or no longer readable */
      reg_import_preview_pane_set_status (self->preview_box,
                                          g_error_matches (error, REG_SHOP_ERROR, REG_SHOP_ERROR_NOT_FOUND)
                                          ? _("The mapping is gone.") : error->message);
      return;
    }
  reg_import_columns_page_load (self->columns_page, mapping, name);
  start_preview (self);
}

/* A choice on the detected page: the file is read again under it. */
static void
on_choice_changed_cb (RegImportDetectedPage *page,
                      guint                  change,
                      RegImportWizard       *self)
{
  if (self->path == NULL)
    return;
  if (change == REG_IMPORT_CHANGED_HOLDS)
    {
      set_feedback (self, reg_import_detected_page_get_feedback (page));
      return;
    }
  /* other columns, other names: the owner's columns no longer apply */
  if (change == REG_IMPORT_CHANGED_COLUMNS)
    reg_import_columns_page_set_mapping (self->columns_page, NULL);
  start_preview (self);
}

static void
on_unmatched_selected_cb (RegImportCustomersPage *page,
                          RegImportWizard        *self)
{
  if (self->path == NULL || !self->draft.preview_ready)
    return;
  self->draft.checked = FALSE;
  if (self->draft.step == REG_IMPORT_STEP_MATCHING)
    start_check (self);
  else
    apply_state (self);
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
  g_clear_pointer (&self->check, reg_import_outcome_free);
  g_clear_pointer (&self->result, reg_import_outcome_free);
  g_clear_pointer (&self->fb_preview, reg_feedback_preview_free);
  g_free (self->check_error);
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
  g_type_ensure (REG_TYPE_IMPORT_DETECTED_PAGE);
  g_type_ensure (REG_TYPE_IMPORT_FILE_PAGE);
  g_type_ensure (REG_TYPE_IMPORT_PROGRESS_PAGE);
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
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, file_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, detected_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, columns_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, customers_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, check_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, importing_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, preview_box);
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, scroller);
  /* named for tests */
  gtk_widget_class_bind_template_child (widget_class, RegImportWizard, back_button);

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
  gtk_widget_init_template (GTK_WIDGET (self));
  reg_import_draft_init (&self->draft);

  g_signal_connect_swapped (self->columns_page, "mapping-changed", G_CALLBACK (start_preview), self);
  g_signal_connect (self->customers_page, "unmatched-changed", G_CALLBACK (on_unmatched_selected_cb), self);
  g_signal_connect_swapped (self->file_page, "file-chosen", G_CALLBACK (reg_import_wizard_set_file), self);
  g_signal_connect (self->detected_page, "changed", G_CALLBACK (on_choice_changed_cb), self);

  reg_import_file_page_watch_drops (self->file_page, GTK_WIDGET (self));

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
  g_clear_pointer (&self->result, reg_import_outcome_free);
  /* a check of the previous file: stopped, and its result ignored */
  if (self->job != NULL)
    reg_job_cancel (REG_JOB (self->job));
  set_job (self, NULL);

  g_free (self->path);
  self->path = g_file_get_path (file);
  set_preview (self, NULL);
  g_clear_pointer (&self->guesses, reg_import_preview_free);
  reg_import_columns_page_reset (self->columns_page);
  reg_import_detected_page_reset (self->detected_page);
  g_clear_pointer (&self->fb_preview, reg_feedback_preview_free);
  g_clear_pointer (&self->check, reg_import_outcome_free);
  reg_import_customers_page_forget (self->customers_page);
  reg_import_draft_init (&self->draft);
  reg_import_file_page_set_error (self->file_page, NULL);

  if (self->path == NULL)
    {
      self->draft.file_failed = TRUE;
      reg_import_file_page_set_error (self->file_page, _("Only files on this computer can be imported."));
      apply_state (self);
      return;
    }
  self->draft.has_file = TRUE;
  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Reading “%s”…"), name);
  reg_import_file_page_set_status (self->file_page, text);
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
  return self->check != NULL ? self->check->sales : NULL;
}

const RegImportResult *
reg_import_wizard_get_result (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->result != NULL ? self->result->sales : NULL;
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
  return self->check != NULL ? self->check->survey : NULL;
}

const RegFeedbackImportResult *
reg_import_wizard_get_feedback_result (RegImportWizard *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_WIZARD (self), NULL);
  return self->result != NULL ? self->result->survey : NULL;
}
