/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the import wizard shows of a survey file before anything is imported: the first answers
 * exactly as the feedback import will read them, the columns they come from, and the kind of
 * survey as it would be settled (which needs every score, so the whole file is read), and the
 * file's columns for the owner to assign when a needed one is not found by its name. Read in
 * a worker thread; the result is plain data owned by the caller.
 */
#pragma once

#include "reg-feedback-import-job.h"

G_BEGIN_DECLS

typedef struct
{
  char            *mapping;      /* (owned) (nullable) the columns read, "email=…,score=…" */
  char            *encoding;     /* (owned) (nullable) */
  char             delimiter;
  GPtrArray       *rows;         /* (owned) RegFeedbackRow: the first answers */
  GPtrArray       *issues;       /* (owned) RegImportIssue: rejected rows among them */
  guint            rows_read;    /* every data row of the file */
  RegFeedbackKind  header_kind;  /* what the score column's name says, or AUTO */
  RegFeedbackKind  kind;         /* as the import would settle it; AUTO when it cannot */
  char            *kind_problem; /* (owned) (nullable) why the kind cannot be settled */
  char            *problem;      /* (owned) (nullable) why the file cannot be read with these
                                  * choices; rows and issues are empty then */
  RegFeedbackLayout *layout;     /* (owned) (nullable) the file's columns and the column each
                                  * field is read from (as the reader used them when it read
                                  * the file, else as far as they can be told); NULL when the
                                  * file cannot be read at all */
} RegFeedbackPreview;

/**
 * reg_feedback_preview_free:
 * @preview: (transfer full) (nullable): a preview
 *
 * Frees @preview with its rows, issues and layout.
 */
void                reg_feedback_preview_free   (RegFeedbackPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackPreview, reg_feedback_preview_free)

/**
 * reg_feedback_preview_read:
 * @path: the survey file
 * @req: (nullable): kind, columns, date format, encoding and delimiter as the import will get
 *   them; borrowed for the call
 * @max_rows: how many answers and rejected rows to keep, in file order (every row is still
 *   read to settle the kind)
 * @cancellable: (nullable): cancels the read
 * @error: %G_IO_ERROR_CANCELLED, the only error: a file that cannot be read gives a preview
 *   with @problem set
 *
 * Reads the survey file as the import would. Blocking; any thread.
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL when cancelled.
 */
RegFeedbackPreview *reg_feedback_preview_read   (const char                     *path,
                                                 const RegFeedbackImportRequest *req,
                                                 guint                           max_rows,
                                                 GCancellable                   *cancellable,
                                                 GError                        **error);
/**
 * reg_feedback_preview_async:
 * @path: the survey file
 * @req: (nullable): as reg_feedback_preview_read() takes it; copied before this returns
 * @max_rows: how many answers to keep, at most
 * @cancellable: (nullable): cancels the read
 * @callback: called on the calling thread's main context when the preview is read
 * @user_data: for @callback
 *
 * reg_feedback_preview_read() in a worker thread; finish with reg_feedback_preview_finish().
 */
void                reg_feedback_preview_async  (const char                     *path,
                                                 const RegFeedbackImportRequest *req,
                                                 guint                           max_rows,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
/**
 * reg_feedback_preview_finish:
 * @result: the result handed to the callback
 * @error: %G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL with @error set.
 */
RegFeedbackPreview *reg_feedback_preview_finish (GAsyncResult                   *result,
                                                 GError                        **error);

G_END_DECLS
