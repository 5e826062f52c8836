/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegFeedbackImportJob brings survey results (NPS or CSAT) into the shop: reads the file with
 * app/io, settles the kind of survey, matches each answer to a customer by e-mail address,
 * leaves out answers the shop has already, and commits the batch in one transaction after a
 * backup. A cancelled, failed, dry or all-or-nothing-refused import changes nothing; the batch
 * is undone like any import (reg_shop_undo_import).
 */
#pragma once

#include "reg-feedback-mapping.h"
#include "reg-feedback-reader.h"
#include "reg-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

typedef struct
{
  RegFeedbackKind  kind;            /* AUTO: from the score column's name, else the scores */
  const char      *mapping;         /* (nullable) "email=…,score=…,date=…,comment=…" */
  const RegFeedbackMapping *columns; /* (nullable) the columns as a mapping; wins over @mapping */
  const char      *date_format;     /* (nullable) "%d.%m.%Y", "DMY", … */
  const char      *encoding;        /* (nullable) */
  char             delimiter;       /* 0 = detect */
  gboolean         dry_run;         /* read, match and count, then change nothing */
  gboolean         all_or_nothing;  /* any rejected row: import nothing */
} RegFeedbackImportRequest;

/**
 * reg_feedback_import_request_init:
 * @req: (out caller-allocates): the request to fill
 *
 * Fills @req with the defaults: every column found by its name, the kind settled from the
 * file, everything detected, a real import that keeps the rows that can be read.
 */
void reg_feedback_import_request_init (RegFeedbackImportRequest *req);

typedef struct
{
  gint64           batch;           /* 0 when nothing was committed */
  char            *file_name;
  char            *format;          /* "csv" */
  RegFeedbackKind  kind;            /* NPS or CSAT as settled */
  char            *mapping;         /* (nullable) the columns read */
  guint            rows_read;
  guint            imported;
  guint            duplicates;      /* answers the shop had already */
  guint            rejected;
  guint            customers;       /* distinct customers among the imported answers */
  guint            unknown_emails;  /* rejected rows whose address matches no customer */
  gboolean         committed;
  gboolean         dry_run;
  gboolean         refused;         /* rows were rejected under "all or nothing" */
  gint64           previous_batch;  /* the same file was imported before as this batch, or 0 */
  char            *backup_path;     /* (nullable) the copy taken before the import */
  GPtrArray       *errors;          /* RegImportIssue, in line order */
} RegFeedbackImportResult;

/**
 * reg_feedback_import_result_free:
 * @result: (transfer full) (nullable): a result
 *
 * Frees @result with its strings and rejected rows.
 */
void reg_feedback_import_result_free (RegFeedbackImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackImportResult, reg_feedback_import_result_free)

/**
 * reg_feedback_import_preset:
 * @kind: NPS or CSAT (AUTO reads as NPS)
 *
 * Returns: (transfer none): the batch's preset as the shop records it: "survey-nps" or
 *   "survey-csat" (a static string).
 */
const char *reg_feedback_import_preset (RegFeedbackKind kind);

#define REG_TYPE_FEEDBACK_IMPORT_JOB (reg_feedback_import_job_get_type ())
G_DECLARE_FINAL_TYPE (RegFeedbackImportJob, reg_feedback_import_job, REG, FEEDBACK_IMPORT_JOB,
                      RegJob)

/**
 * reg_feedback_import_job_new:
 * @shop: the open shop; the job keeps a reference
 * @path: the survey file
 * @req: (nullable): the owner's choices; copied, strings and columns included
 *
 * Run the job with reg_job_run_async() (or reg_job_run_sync() in the CLI and tests); its
 * result (reg_job_run_finish()) is a #RegFeedbackImportResult (transfer full). Main thread.
 *
 * Returns: (transfer full): the job
 */
RegFeedbackImportJob *reg_feedback_import_job_new (RegShop                        *shop,
                                                   const char                     *path,
                                                   const RegFeedbackImportRequest *req);

G_END_DECLS
