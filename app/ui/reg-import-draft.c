/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of the import wizard in one place: from a RegImportDraft (what is known, what
 * runs) to the page shown and the state of every button. Pure functions of their argument,
 * so the rules are tested without a display; RegImportWizard only applies the result.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reg-import-draft.h"

static const char *const page_names[REG_IMPORT_N_STEPS] = {
  "file", "detected", "mapping", "matching", "validation", "importing", "summary",
};

const char *
reg_import_step_page_name (RegImportStep step)
{
  g_return_val_if_fail (step < REG_IMPORT_N_STEPS, NULL);
  return page_names[step];
}

void
reg_import_draft_init (RegImportDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->step = REG_IMPORT_STEP_FILE;
  draft->is_csv = TRUE;   /* the usual case, until the file says otherwise */
}

void
reg_import_draft_choices_changed (RegImportDraft *draft)
{
  draft->preview_ready = FALSE;
  draft->preview_problem = FALSE;
  draft->columns_missing = FALSE;
  draft->checked = FALSE;
  draft->check_failed = FALSE;
  draft->n_importable = 0;
  draft->n_new_customers = 0;
  draft->n_rejected = 0;
  draft->import_cancelled = FALSE;
  draft->import_failed = FALSE;
}

/* Whether the columns page is part of the way: CSV sales files only. */
static gboolean
has_mapping_page (const RegImportDraft *d)
{
  return d->is_csv && !d->feedback;
}

static gboolean
preview_usable (const RegImportDraft *d)
{
  return d->has_file && !d->file_failed && d->preview_ready && !d->preview_problem
         && !(d->feedback && d->columns_missing) && d->work == REG_IMPORT_WORK_NONE;
}

RegImportStep
reg_import_draft_next_step (const RegImportDraft *d)
{
  switch (d->step)
    {
    case REG_IMPORT_STEP_FILE:
      /* on even when the reader refuses the guesses: the next page is where to change them */
      return d->has_file && !d->file_failed && d->preview_ready && d->work == REG_IMPORT_WORK_NONE
             ? REG_IMPORT_STEP_DETECTED : d->step;
    case REG_IMPORT_STEP_DETECTED:
      if (!preview_usable (d))
        return d->step;
      return has_mapping_page (d) ? REG_IMPORT_STEP_MAPPING : REG_IMPORT_STEP_MATCHING;
    case REG_IMPORT_STEP_MAPPING:
      return preview_usable (d) ? REG_IMPORT_STEP_MATCHING : d->step;
    case REG_IMPORT_STEP_MATCHING:
      return d->checked && !d->check_failed && d->work == REG_IMPORT_WORK_NONE
             ? REG_IMPORT_STEP_VALIDATION : d->step;
    case REG_IMPORT_STEP_VALIDATION:
      /* the way on is the import itself (can_import), not "Next" */
    case REG_IMPORT_STEP_IMPORTING:
    case REG_IMPORT_STEP_SUMMARY:
    case REG_IMPORT_N_STEPS:
    default:
      return d->step;
    }
}

RegImportStep
reg_import_draft_previous_step (const RegImportDraft *d)
{
  switch (d->step)
    {
    case REG_IMPORT_STEP_DETECTED:
      return REG_IMPORT_STEP_FILE;
    case REG_IMPORT_STEP_MAPPING:
      return REG_IMPORT_STEP_DETECTED;
    case REG_IMPORT_STEP_MATCHING:
      return has_mapping_page (d) ? REG_IMPORT_STEP_MAPPING : REG_IMPORT_STEP_DETECTED;
    case REG_IMPORT_STEP_VALIDATION:
      return REG_IMPORT_STEP_MATCHING;
    case REG_IMPORT_STEP_FILE:
    case REG_IMPORT_STEP_IMPORTING:   /* cancel instead */
    case REG_IMPORT_STEP_SUMMARY:     /* done: undo instead */
    case REG_IMPORT_N_STEPS:
    default:
      return d->step;
    }
}

RegImportPageState
reg_import_draft_compute_state (const RegImportDraft *d)
{
  RegImportPageState s = { 0 };
  guint number = (guint) d->step + 1;

  s.page = reg_import_step_page_name (d->step);
  s.n_steps = has_mapping_page (d) ? 6 : 5;
  /* without the mapping page the later steps move up by one */
  if (!has_mapping_page (d) && d->step > REG_IMPORT_STEP_MAPPING)
    number--;
  s.step_number = MIN (number, s.n_steps);
  s.show_next = TRUE;
  s.next_label = _("_Next");
  s.can_back = reg_import_draft_previous_step (d) != d->step
               && d->work != REG_IMPORT_WORK_IMPORT;
  s.can_next = reg_import_draft_next_step (d) != d->step;
  s.import_label = d->n_rejected > 0 ? _("Import the _Valid Rows") : _("_Import");

  switch (d->step)
    {
    case REG_IMPORT_STEP_FILE:
      s.title = _("Choose a File");
      if (d->file_failed)
        s.blocked = _("This file cannot be read. Choose another one.");
      else if (d->work == REG_IMPORT_WORK_PREVIEW)
        s.blocked = _("Reading the file…");
      else if (!d->has_file)
        s.blocked = _("Choose the export of your shop or your bank.");
      break;

    case REG_IMPORT_STEP_DETECTED:
    case REG_IMPORT_STEP_MAPPING:
      s.title = d->step == REG_IMPORT_STEP_DETECTED ? _("What Was Found") : _("Columns");
      s.show_preview = TRUE;
      if (d->work == REG_IMPORT_WORK_PREVIEW || !d->preview_ready)
        s.blocked = _("Reading the first rows…");
      else if (d->feedback && d->columns_missing)
        s.blocked = _("Choose a column for every field marked as needed under Columns.");
      else if (d->preview_problem)
        s.blocked = d->step == REG_IMPORT_STEP_DETECTED
                    ? _("The file cannot be read with these choices: change them above.")
                    : _("The file cannot be read with these columns: change them above.");
      break;

    case REG_IMPORT_STEP_MATCHING:
      s.title = _("Customers");
      s.show_progress = d->work == REG_IMPORT_WORK_CHECK;
      if (d->work == REG_IMPORT_WORK_CHECK || (!d->checked && !d->check_failed))
        s.blocked = d->feedback ? _("Checking every answer and matching e-mail addresses to your customers…")
                                : _("Checking every row and matching payers to your customers…");
      else if (d->check_failed)
        s.blocked = _("The check failed: go back and change the choices.");
      break;

    case REG_IMPORT_STEP_VALIDATION:
      s.title = _("Check");
      s.show_next = FALSE;
      s.can_import = d->checked && !d->check_failed && d->work == REG_IMPORT_WORK_NONE
                     && (d->n_importable > 0 || d->n_new_customers > 0);
      if (d->checked && !s.can_import)
        s.blocked = _("Nothing in this file can be imported.");
      break;

    case REG_IMPORT_STEP_IMPORTING:
      s.title = _("Importing");
      s.show_next = FALSE;
      s.can_cancel_import = d->work == REG_IMPORT_WORK_IMPORT;
      break;

    case REG_IMPORT_STEP_SUMMARY:
      s.title = d->undone ? _("Import Undone") : _("Done");
      s.next_label = _("_Close");
      s.can_next = d->work == REG_IMPORT_WORK_NONE;
      s.can_undo = d->committed && !d->undone && d->work == REG_IMPORT_WORK_NONE;
      break;

    case REG_IMPORT_N_STEPS:
    default:
      g_assert_not_reached ();
    }
  return s;
}
