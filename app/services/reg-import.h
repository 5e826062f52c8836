/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One way in for every import, sales and survey results alike: a RegImportOrder (what to read
 * and how, with a kind) becomes the right job, and its result a RegImportOutcome whose common
 * figures read the same for both kinds; the first look at a file, and the column mappings
 * saved by earlier imports. The wizard and regulars-cli's "import" and "import feedback" go
 * through here.
 */
#pragma once

#include "reg-feedback-import-job.h"
#include "reg-feedback-preview.h"
#include "reg-import-job.h"
#include "reg-import-mapping.h"
#include "reg-import-preview.h"

G_BEGIN_DECLS

typedef enum
{
  REG_IMPORT_KIND_SALES,     /* a store export or bank statement */
  REG_IMPORT_KIND_SURVEY,    /* survey results (NPS or CSAT), matched by e-mail address */
} RegImportKind;

/* What to import and how. Strings and the mapping are borrowed; NULL or 0: as found. */
typedef struct
{
  RegImportKind           kind;
  const char             *encoding;
  const char             *date_format;     /* "%d.%m.%Y", "DMY", … */
  char                    delimiter;
  gboolean                dry_run;         /* read, match and count, then change nothing */
  gboolean                all_or_nothing;  /* any rejected row: import nothing */

  /* sales */
  const char             *preset;
  const char             *format;
  char                    decimal;
  const RegImportMapping *columns;         /* (nullable) the owner's columns */
  const char             *map_text;        /* (nullable) columns as regulars-cli's --map gives
                                            * them; used when @columns is NULL */
  RegUnmatchedPolicy      unmatched;
  const char             *save_mapping_as;

  /* survey results */
  RegFeedbackKind         scale;           /* AUTO: from the score column's name, else the scores */
  const RegFeedbackMapping *answers;       /* (nullable) the columns of the answers' parts */
} RegImportOrder;

/**
 * reg_import_order_init:
 * @order: (out caller-allocates): the order to fill
 * @kind: sales or survey results
 *
 * Fills @order with the defaults for @kind: everything as found in the file, payers who match
 * no customer become new customers, the survey's kind settled from the file, a real import
 * that keeps the rows that can be read.
 */
void reg_import_order_init (RegImportOrder *order,
                            RegImportKind   kind);

/* What an import did. The figures both kinds report are here; the rest is in @sales or
 * @survey, whichever the kind is (the other is NULL). Strings and arrays belong to those. */
typedef struct
{
  RegImportKind            kind;
  gint64                   batch;           /* 0 when nothing was committed */
  const char              *file_name;
  const char              *format;
  guint                    rows_read;
  guint                    imported;        /* sales or answers */
  guint                    duplicates;
  guint                    rejected;
  gboolean                 committed;
  gboolean                 dry_run;
  gboolean                 refused;         /* rows were rejected under "all or nothing" */
  gint64                   previous_batch;  /* the same file was imported before as this batch */
  const char              *backup_path;     /* (nullable) */
  GPtrArray               *errors;          /* RegImportIssue, the rejected rows */
  RegImportResult         *sales;           /* (owned) (nullable) */
  RegFeedbackImportResult *survey;          /* (owned) (nullable) */
} RegImportOutcome;

/**
 * reg_import_outcome_free:
 * @outcome: (transfer full) (nullable): an outcome
 *
 * Frees @outcome with the kind's own result it points into.
 */
void reg_import_outcome_free (RegImportOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportOutcome, reg_import_outcome_free)

/**
 * reg_import_order_new_job:
 * @shop: the open shop; the job keeps a reference
 * @path: the file to import
 * @order: what to import and how; copied (strings and mappings included) before this returns
 *
 * The job that carries out @order on @path: a #RegImportJob or a #RegFeedbackImportJob. Run
 * it with reg_job_run_async() and finish with reg_import_outcome_finish(). Main thread.
 *
 * Returns: (transfer full): the job
 */
RegJob           *reg_import_order_new_job  (RegShop              *shop,
                                             const char           *path,
                                             const RegImportOrder *order);
/**
 * reg_import_outcome_finish:
 * @job: a job made by reg_import_order_new_job()
 * @result: the result handed to the reg_job_run_async() callback
 * @error: the job's error: %REG_IO_ERROR for a file that cannot be read, a store error,
 *   %G_IO_ERROR_CANCELLED; the shop is as it was then
 *
 * Returns: (transfer full) (nullable): what the import did, or %NULL with @error set.
 */
RegImportOutcome *reg_import_outcome_finish (RegJob               *job,
                                             GAsyncResult         *result,
                                             GError              **error);
/**
 * reg_import_run_sync:
 * @shop: the open shop
 * @path: the file to import
 * @order: what to import and how; borrowed for the call
 * @progress: (nullable) (scope call): told of the progress, as reg_job_set_progress_func()
 *   takes it
 * @progress_data: (closure): for @progress
 * @error: as reg_import_outcome_finish() sets it
 *
 * Carries out @order on @path and waits for it (the CLI and tests). Main thread.
 *
 * Returns: (transfer full) (nullable): what the import did, or %NULL with @error set.
 */
RegImportOutcome *reg_import_run_sync       (RegShop              *shop,
                                             const char           *path,
                                             const RegImportOrder *order,
                                             RegJobProgressFunc    progress,
                                             gpointer              progress_data,
                                             GError              **error);

/* The first rows under an order: the sales reader's or the survey reader's preview, by the
 * order's kind (the other is NULL). */
typedef struct
{
  RegImportKind       kind;
  RegImportPreview   *sales;    /* (owned) (nullable) */
  RegFeedbackPreview *survey;   /* (owned) (nullable) */
} RegImportLook;

/**
 * reg_import_look_free:
 * @look: (transfer full) (nullable): a look
 *
 * Frees @look with the preview it holds.
 */
void           reg_import_look_free   (RegImportLook *look);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportLook, reg_import_look_free)

/**
 * reg_import_look_async:
 * @shop: the open shop (its currency reads the amounts)
 * @path: the file to look at
 * @order: what to import and how; copied before this returns
 * @max_rows: how many rows (read or rejected) to keep, at most
 * @cancellable: (nullable): cancels the read
 * @callback: called on the calling thread's main context when the look is ready
 * @user_data: for @callback
 *
 * Reads the first rows under @order in a worker thread, with the reader of the order's kind;
 * finish with reg_import_look_finish(). Main thread.
 */
void           reg_import_look_async  (RegShop              *shop,
                                       const char           *path,
                                       const RegImportOrder *order,
                                       guint                 max_rows,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/**
 * reg_import_look_finish:
 * @result: the result handed to the callback
 * @error: set only when the file cannot be read at all, or on cancel
 *
 * Returns: (transfer full) (nullable): the look (its preview says why the reader refuses the
 *   order, if it does), or %NULL with @error set.
 */
RegImportLook *reg_import_look_finish (GAsyncResult         *result,
                                       GError              **error);

/**
 * reg_import_list_mappings:
 * @shop: the open shop
 *
 * The names of the column mappings saved by earlier imports (regulars-cli's `--save-mapping`,
 * the wizard's "save as"), for a choice of one. Main thread.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, sorted; an empty array when
 *   there is none.
 */
char            **reg_import_list_mappings (RegShop     *shop);

/**
 * reg_import_get_mapping:
 * @shop: the open shop
 * @name: a saved mapping's name
 * @error: %REG_SHOP_ERROR_NOT_FOUND when no mapping has that name; the reader's error when the
 *   saved mapping cannot be read
 *
 * A saved mapping as the order takes it (#RegImportOrder's @columns), its options (delimiter,
 * date format, …) included. Main thread.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error set.
 */
RegImportMapping *reg_import_get_mapping   (RegShop     *shop,
                                            const char  *name,
                                            GError     **error);

/**
 * reg_feedback_preview_lacks_columns:
 * @preview: (nullable): a survey preview
 *
 * Whether survey results lack a column for the e-mail address, the score or the date: the
 * owner has to choose one before anything can be read. A file the reader read lacks none.
 *
 * Returns: %TRUE when a needed column is missing
 */
gboolean       reg_feedback_preview_lacks_columns (const RegFeedbackPreview *preview);

/**
 * reg_import_preview_looks_like_survey:
 * @preview: (nullable): what the sales reader saw of a file
 *
 * Whether the file is survey results instead: a CSV header with an e-mail and a score column
 * and no amount.
 *
 * Returns: %TRUE when it reads as survey results
 */
gboolean          reg_import_preview_looks_like_survey (const RegImportPreview *preview);

G_END_DECLS
