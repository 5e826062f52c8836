/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The survey preview: RegFeedbackReader under the owner's choices, the first answers kept,
 * every other row only counted for the kind of survey. Runs in a GTask worker; the task owns
 * a copy of the request.
 */
#include "config.h"

#include "reg-feedback-preview.h"

typedef struct
{
  char                    *path;
  char                    *mapping, *date_format, *encoding;
  RegFeedbackMapping      *columns;
  RegFeedbackImportRequest req;   /* string fields point into the copies above */
  guint                    max_rows;
} PreviewTask;

static void
preview_task_free (PreviewTask *t)
{
  g_free (t->path);
  g_free (t->mapping);
  reg_feedback_mapping_free (t->columns);
  g_free (t->date_format);
  g_free (t->encoding);
  g_free (t);
}

void
reg_feedback_preview_free (RegFeedbackPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->mapping);
  g_free (preview->encoding);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->issues, g_ptr_array_unref);
  g_free (preview->kind_problem);
  g_free (preview->problem);
  reg_feedback_layout_free (preview->layout);
  g_free (preview);
}

RegFeedbackPreview *
reg_feedback_preview_read (const char *path, const RegFeedbackImportRequest *req, guint max_rows,
                           GCancellable *cancellable, GError **error)
{
  g_autoptr(RegFeedbackPreview) preview = g_new0 (RegFeedbackPreview, 1);
  g_autoptr(RegFeedbackReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  RegFeedbackImportRequest none;
  RegFeedbackOptions opts = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  if (req == NULL)
    {
      reg_feedback_import_request_init (&none);
      req = &none;
    }
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_feedback_row_free);
  preview->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);

  opts.encoding = req->encoding;
  opts.delimiter = req->delimiter;
  opts.date_format = req->date_format;
  opts.mapping = req->mapping;
  opts.columns = req->columns;
  /* the columns to choose from, also when the reader finds no header it can use */
  preview->layout = reg_feedback_read_layout (path, &opts, NULL);
  reader = reg_feedback_reader_new (path, &opts, &local);
  if (reader == NULL)
    {
      preview->problem = g_strdup (local->message);
      return g_steal_pointer (&preview);
    }
  if (preview->layout != NULL)
    for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
      {
        int c = reg_feedback_reader_get_column_index (reader, (RegFeedbackField) f);
        preview->layout->column_of[f] = c >= 0 && (guint) c < preview->layout->columns->len
                                        ? c : -1;
      }
  preview->mapping = reg_feedback_reader_dup_mapping (reader);
  preview->encoding = g_strdup (reg_feedback_reader_get_encoding (reader));
  preview->delimiter = reg_feedback_reader_get_delimiter (reader);
  preview->header_kind = reg_feedback_reader_get_header_kind (reader);

  for (;;)
    {
      RegFeedbackRow *row = NULL;
      RegImportIssue *issue = NULL;

      if (!reg_feedback_reader_next (reader, &row, &issue, cancellable, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          if (local != NULL)
            {
              preview->problem = g_strdup (local->message);
              g_ptr_array_set_size (preview->rows, 0);
              g_ptr_array_set_size (preview->issues, 0);
              return g_steal_pointer (&preview);
            }
          break;
        }
      if (preview->rows->len + preview->issues->len >= max_rows)
        {
          reg_feedback_row_free (row);
          reg_import_issue_free (issue);
        }
      else if (row != NULL)
        g_ptr_array_add (preview->rows, row);
      else
        g_ptr_array_add (preview->issues, issue);
    }
  preview->rows_read = reg_feedback_reader_get_rows_read (reader);
  if (!reg_feedback_reader_settle_kind (reader, req->kind, &preview->kind, &local))
    {
      preview->kind = REG_FEEDBACK_KIND_AUTO;
      preview->kind_problem = g_strdup (local->message);
    }
  return g_steal_pointer (&preview);
}

static void
preview_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PreviewTask *t = task_data;
  GError *error = NULL;
  RegFeedbackPreview *preview = reg_feedback_preview_read (t->path, &t->req, t->max_rows,
                                                           cancellable, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) reg_feedback_preview_free);
}

void
reg_feedback_preview_async (const char *path, const RegFeedbackImportRequest *req,
                            guint max_rows, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewTask *t = g_new0 (PreviewTask, 1);

  g_return_if_fail (path != NULL);

  reg_feedback_import_request_init (&t->req);
  if (req != NULL)
    t->req = *req;
  t->path = g_strdup (path);
  t->req.mapping = t->mapping = g_strdup (t->req.mapping);
  t->req.columns = t->columns = reg_feedback_mapping_copy (t->req.columns);
  t->req.date_format = t->date_format = g_strdup (t->req.date_format);
  t->req.encoding = t->encoding = g_strdup (t->req.encoding);
  t->max_rows = max_rows;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_feedback_preview_async);
  g_task_set_task_data (task, t, (GDestroyNotify) preview_task_free);
  g_task_run_in_thread (task, preview_in_thread);
}

RegFeedbackPreview *
reg_feedback_preview_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
