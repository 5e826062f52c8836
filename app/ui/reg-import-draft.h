/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's state as plain data (RegImportDraft) and the pure functions that turn it
 * into what the wizard shows: which page, which buttons are enabled and what they say, why the
 * way on is blocked. No GTK, no I/O: tested without a display (tests/ui/test-import-state.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  REG_IMPORT_STEP_FILE,         /* choose the file */
  REG_IMPORT_STEP_DETECTED,     /* format, encoding, delimiter, preset… and the preview */
  REG_IMPORT_STEP_MAPPING,      /* column per field (CSV only) */
  REG_IMPORT_STEP_MATCHING,     /* new payers, look-alikes, create or skip */
  REG_IMPORT_STEP_VALIDATION,   /* rejected rows; import the valid rows or nothing */
  REG_IMPORT_STEP_IMPORTING,    /* progress and cancel */
  REG_IMPORT_STEP_SUMMARY,      /* what was imported; undo */
  REG_IMPORT_N_STEPS
} RegImportStep;

/* What runs in the background. */
typedef enum
{
  REG_IMPORT_WORK_NONE,
  REG_IMPORT_WORK_PREVIEW,      /* sniffing and reading the first rows */
  REG_IMPORT_WORK_CHECK,        /* the dry run: matching and validation */
  REG_IMPORT_WORK_IMPORT,       /* the real import */
} RegImportWork;

typedef struct
{
  RegImportStep step;
  RegImportWork work;
  gboolean      has_file;
  gboolean      file_failed;       /* the file cannot be read at all */
  gboolean      preview_ready;     /* a preview for the current choices is there */
  gboolean      preview_problem;   /* … and the reader refuses those choices */
  gboolean      is_csv;            /* the column mapping applies */
  gboolean      feedback;          /* the file holds survey results, not sales: no columns
                                    * page, answers are matched by e-mail address */
  gboolean      columns_missing;   /* survey results: no column for the e-mail address, the
                                    * score or the date yet; the owner assigns them on the
                                    * detected page */
  gboolean      checked;           /* the dry run for the current choices is done */
  gboolean      check_failed;      /* … and it failed */
  guint         n_importable;      /* sales the dry run would import */
  guint         n_new_customers;
  guint         n_rejected;
  gboolean      import_cancelled;  /* the last real run was cancelled: nothing changed */
  gboolean      import_failed;     /* the last real run failed: nothing changed */
  gboolean      committed;         /* the real run kept a batch */
  gboolean      undone;            /* … and it was undone */
} RegImportDraft;

typedef struct
{
  const char *page;                /* name of the wizard's stack page */
  guint       step_number;         /* 1-based, for "Step 2 of 6" */
  guint       n_steps;             /* 5 without the mapping page (statements, surveys), else 6 */
  const char *title;               /* (translated) the page's title */
  gboolean    can_back;
  gboolean    show_next;
  gboolean    can_next;
  const char *next_label;          /* (translated) with mnemonic: "_Next", "_Close" */
  gboolean    show_preview;        /* the first rows under the page */
  gboolean    show_progress;       /* the running dry run's progress on the page */
  gboolean    can_import;          /* "Import the valid rows" */
  const char *import_label;        /* (translated) */
  gboolean    can_cancel_import;
  gboolean    can_undo;
  const char *blocked;             /* (translated) (nullable) why the way on is closed */
} RegImportPageState;

void               reg_import_draft_init          (RegImportDraft       *draft);
/* Forget everything that follows from the current choices (a choice changed). */
void               reg_import_draft_choices_changed (RegImportDraft     *draft);
RegImportPageState reg_import_draft_compute_state (const RegImportDraft *draft);
/* The step "Next" and "Back" lead to from the current one (the same step when they cannot). */
RegImportStep      reg_import_draft_next_step     (const RegImportDraft *draft);
RegImportStep      reg_import_draft_previous_step (const RegImportDraft *draft);
const char        *reg_import_step_page_name      (RegImportStep         step);

G_END_DECLS
