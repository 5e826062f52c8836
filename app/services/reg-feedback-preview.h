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

void                reg_feedback_preview_free   (RegFeedbackPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackPreview, reg_feedback_preview_free)

/* Any thread. @req: kind, mapping, date format, encoding and delimiter as the import will get
 * them. Returns NULL with an error only when cancelled. */
RegFeedbackPreview *reg_feedback_preview_read   (const char                     *path,
                                                 const RegFeedbackImportRequest *req,
                                                 guint                           max_rows,
                                                 GCancellable                   *cancellable,
                                                 GError                        **error);
/* The same in a worker thread; the request is copied before this returns. */
void                reg_feedback_preview_async  (const char                     *path,
                                                 const RegFeedbackImportRequest *req,
                                                 guint                           max_rows,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
RegFeedbackPreview *reg_feedback_preview_finish (GAsyncResult                   *result,
                                                 GError                        **error);

G_END_DECLS
