/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's rules without a display: reg_import_draft_compute_state() and the steps
 * Next and Back lead to, for each page and each state of the background work, for sales and
 * for survey results.
 */
#include "config.h"

#include "reg-import-draft.h"

static RegImportDraft
draft_at (RegImportStep step)
{
  RegImportDraft d;

  reg_import_draft_init (&d);
  d.step = step;
  d.has_file = TRUE;
  d.preview_ready = TRUE;
  d.is_csv = TRUE;
  return d;
}

static void
test_file_page (void)
{
  RegImportDraft d;
  RegImportPageState s;

  reg_import_draft_init (&d);
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.page, ==, "file");
  g_assert_false (s.can_back);
  g_assert_false (s.can_next);
  g_assert_nonnull (s.blocked);
  g_assert_false (s.show_preview);
  g_assert_cmpuint (s.step_number, ==, 1);

  /* reading the chosen file */
  d.has_file = TRUE;
  d.work = REG_IMPORT_WORK_PREVIEW;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);

  /* a file that cannot be read */
  d.work = REG_IMPORT_WORK_NONE;
  d.file_failed = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);
  g_assert_nonnull (s.blocked);

  /* read: on to what was found, even when the reader refuses the guesses */
  d.file_failed = FALSE;
  d.preview_ready = TRUE;
  d.preview_problem = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_true (s.can_next);
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_DETECTED);
}

static void
test_detected_and_mapping (void)
{
  RegImportDraft d = draft_at (REG_IMPORT_STEP_DETECTED);
  RegImportPageState s = reg_import_draft_compute_state (&d);

  g_assert_cmpstr (s.page, ==, "detected");
  g_assert_true (s.show_preview);
  g_assert_true (s.can_back);
  g_assert_true (s.can_next);
  g_assert_null (s.blocked);
  g_assert_cmpuint (s.step_number, ==, 2);
  g_assert_cmpuint (s.n_steps, ==, 6);
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_MAPPING);
  g_assert_cmpint (reg_import_draft_previous_step (&d), ==, REG_IMPORT_STEP_FILE);

  /* not CSV: no columns page, one step less */
  d.is_csv = FALSE;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpuint (s.n_steps, ==, 5);
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_MATCHING);

  /* a choice changed: blocked until the new preview is in */
  d.is_csv = TRUE;
  reg_import_draft_choices_changed (&d);
  d.work = REG_IMPORT_WORK_PREVIEW;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);
  g_assert_nonnull (s.blocked);

  /* the reader refuses the choices */
  d.work = REG_IMPORT_WORK_NONE;
  d.preview_ready = TRUE;
  d.preview_problem = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);
  g_assert_nonnull (s.blocked);

  d = draft_at (REG_IMPORT_STEP_MAPPING);
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.page, ==, "mapping");
  g_assert_true (s.show_preview);
  g_assert_true (s.can_next);
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_MATCHING);
  g_assert_cmpint (reg_import_draft_previous_step (&d), ==, REG_IMPORT_STEP_DETECTED);
  d.preview_problem = TRUE;
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_MAPPING);
}

static void
test_matching (void)
{
  RegImportDraft d = draft_at (REG_IMPORT_STEP_MATCHING);
  RegImportPageState s;

  d.work = REG_IMPORT_WORK_CHECK;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.page, ==, "matching");
  g_assert_true (s.show_progress);
  g_assert_false (s.can_next);
  g_assert_true (s.can_back);   /* back stops the check */
  g_assert_false (s.show_preview);

  d.work = REG_IMPORT_WORK_NONE;
  d.checked = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.show_progress);
  g_assert_true (s.can_next);
  g_assert_null (s.blocked);
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_VALIDATION);

  d.check_failed = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);
  g_assert_nonnull (s.blocked);

  /* back skips the columns page of a statement */
  d.is_csv = FALSE;
  g_assert_cmpint (reg_import_draft_previous_step (&d), ==, REG_IMPORT_STEP_DETECTED);
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpuint (s.step_number, ==, 3);
}

static void
test_validation (void)
{
  RegImportDraft d = draft_at (REG_IMPORT_STEP_VALIDATION);
  RegImportPageState s;

  d.checked = TRUE;
  d.n_importable = 13;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.page, ==, "validation");
  g_assert_false (s.show_next);
  g_assert_true (s.can_import);
  g_assert_cmpstr (s.import_label, ==, "_Import");
  g_assert_true (s.can_back);

  /* rejected rows: "Import the valid rows" */
  d.n_rejected = 3;
  s = reg_import_draft_compute_state (&d);
  g_assert_true (s.can_import);
  g_assert_cmpstr (s.import_label, ==, "Import the _Valid Rows");

  /* nothing importable */
  d.n_importable = 0;
  d.n_new_customers = 0;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_import);
  g_assert_nonnull (s.blocked);

  /* back here after a cancelled import: import again */
  d.n_importable = 5;
  d.import_cancelled = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_true (s.can_import);
}

static void
test_importing_and_summary (void)
{
  RegImportDraft d = draft_at (REG_IMPORT_STEP_IMPORTING);
  RegImportPageState s;

  d.checked = TRUE;
  d.work = REG_IMPORT_WORK_IMPORT;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.page, ==, "importing");
  g_assert_false (s.can_back);
  g_assert_false (s.show_next);
  g_assert_true (s.can_cancel_import);
  g_assert_false (s.can_import);

  d.step = REG_IMPORT_STEP_SUMMARY;
  d.work = REG_IMPORT_WORK_NONE;
  d.committed = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.page, ==, "summary");
  g_assert_false (s.can_back);
  g_assert_true (s.can_next);
  g_assert_cmpstr (s.next_label, ==, "_Close");
  g_assert_true (s.can_undo);
  g_assert_cmpuint (s.step_number, ==, 6);   /* the last page counts as the last step */

  d.undone = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_undo);

  /* nothing was kept: nothing to undo */
  d.undone = FALSE;
  d.committed = FALSE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_undo);
}

/* Survey results: a CSV file, but no columns page; the check matches e-mail addresses. */
static void
test_feedback (void)
{
  RegImportDraft d = draft_at (REG_IMPORT_STEP_DETECTED);
  RegImportPageState s;

  d.feedback = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpuint (s.n_steps, ==, 5);
  g_assert_true (s.can_next);
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_MATCHING);

  /* scores that fit both scales: the preview's problem until the owner chooses */
  d.preview_problem = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);
  g_assert_nonnull (s.blocked);

  /* no column for a needed field: the owner assigns it on this page first */
  d = draft_at (REG_IMPORT_STEP_DETECTED);
  d.feedback = TRUE;
  d.preview_problem = TRUE;
  d.columns_missing = TRUE;
  s = reg_import_draft_compute_state (&d);
  g_assert_false (s.can_next);
  g_assert_true (s.can_back);
  g_assert_true (s.show_preview);
  g_assert_cmpstr (s.blocked, ==, "Choose a column for every field marked as needed under Columns.");
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_DETECTED);
  /* even if the preview had nothing to say against it */
  d.preview_problem = FALSE;
  g_assert_false (reg_import_draft_compute_state (&d).can_next);
  /* sales have their own columns page */
  d.feedback = FALSE;
  g_assert_true (reg_import_draft_compute_state (&d).can_next);
  /* assigned */
  d.feedback = TRUE;
  d.columns_missing = FALSE;
  s = reg_import_draft_compute_state (&d);
  g_assert_true (s.can_next);
  g_assert_null (s.blocked);
  /* another choice: not known until the new preview says */
  d.columns_missing = TRUE;
  reg_import_draft_choices_changed (&d);
  g_assert_false (d.columns_missing);

  d = draft_at (REG_IMPORT_STEP_MATCHING);
  d.feedback = TRUE;
  d.work = REG_IMPORT_WORK_CHECK;
  s = reg_import_draft_compute_state (&d);
  g_assert_cmpstr (s.blocked, ==, "Checking every answer and matching e-mail addresses to your customers…");
  g_assert_cmpuint (s.step_number, ==, 3);
  g_assert_cmpint (reg_import_draft_previous_step (&d), ==, REG_IMPORT_STEP_DETECTED);

  d.step = REG_IMPORT_STEP_VALIDATION;
  d.work = REG_IMPORT_WORK_NONE;
  d.checked = TRUE;
  d.n_importable = 4;
  d.n_rejected = 1;
  s = reg_import_draft_compute_state (&d);
  g_assert_true (s.can_import);
  g_assert_cmpstr (s.import_label, ==, "Import the _Valid Rows");
  g_assert_cmpuint (s.step_number, ==, 4);

  /* the same file as sales again: the columns page is back */
  d = draft_at (REG_IMPORT_STEP_DETECTED);
  d.feedback = FALSE;
  g_assert_cmpint (reg_import_draft_next_step (&d), ==, REG_IMPORT_STEP_MAPPING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/import-state/file", test_file_page);
  g_test_add_func ("/ui/import-state/detected-and-mapping", test_detected_and_mapping);
  g_test_add_func ("/ui/import-state/matching", test_matching);
  g_test_add_func ("/ui/import-state/validation", test_validation);
  g_test_add_func ("/ui/import-state/importing-and-summary", test_importing_and_summary);
  g_test_add_func ("/ui/import-state/feedback", test_feedback);
  return g_test_run ();
}
