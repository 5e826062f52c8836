/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One way in for every import, sales and survey results alike: a RegImportOrder (what to read
 * and how, with a kind) becomes the right job, and its result a RegImportOutcome whose common
 * figures read the same for both kinds. The wizard and regulars-cli's "import" and "import
 * feedback" go through here; the jobs themselves stay as they are.
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

void reg_import_outcome_free (RegImportOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportOutcome, reg_import_outcome_free)

/* (transfer full) The job that carries out @order on @path: a RegImportJob or a
 * RegFeedbackImportJob. Run it with reg_job_run_async() and finish with
 * reg_import_outcome_finish(). */
RegJob           *reg_import_order_new_job  (RegShop              *shop,
                                             const char           *path,
                                             const RegImportOrder *order);
RegImportOutcome *reg_import_outcome_finish (RegJob               *job,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Blocking (CLI, tests): @progress (nullable) as reg_job_set_progress_func() takes it. */
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

void           reg_import_look_free   (RegImportLook *look);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportLook, reg_import_look_free)

/* Reads the first @max_rows rows under @order in a worker thread (the order is copied before
 * this returns); NULL with an error only when the file cannot be read at all. */
void           reg_import_look_async  (RegShop              *shop,
                                       const char           *path,
                                       const RegImportOrder *order,
                                       guint                 max_rows,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
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

/* Whether survey results lack a column for the e-mail address, the score or the date (the
 * owner has to choose one before anything can be read). A file the reader read lacks none. */
gboolean       reg_feedback_preview_lacks_columns (const RegFeedbackPreview *preview);

/* Whether a file the sales reader looked at is survey results instead: a header with an
 * e-mail and a score column and no amount. */
gboolean          reg_import_preview_looks_like_survey (const RegImportPreview *preview);

G_END_DECLS
