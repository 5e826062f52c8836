/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's preview: sniff under the owner's choices, then open the same reader the
 * import job opens (same options, same mapping) and keep its first rows. Runs in a GTask worker
 * thread on copies of the request's strings; never touches the shop file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reg-import-mapping.h"
#include "reg-import-preview.h"
#include "reg-import-reader.h"

typedef struct
{
  char            *path;
  char            *preset, *format, *mapping, *date_format, *encoding;
  RegImportMapping *columns;  /* (owned) (nullable) */
  char            *currency;
  RegImportRequest req;      /* string fields point into the copies above */
  guint            max_rows;
} PreviewTask;

static void
preview_task_free (PreviewTask *t)
{
  g_free (t->path);
  g_free (t->preset);
  g_free (t->format);
  g_free (t->mapping);
  g_clear_pointer (&t->columns, reg_import_mapping_free);
  g_free (t->date_format);
  g_free (t->encoding);
  g_free (t->currency);
  g_free (t);
}

void
reg_import_preview_free (RegImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->sniff, reg_sniff_result_free);
  g_free (preview->format);
  g_free (preview->preset);
  g_free (preview->encoding);
  g_free (preview->mapping);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->issues, g_ptr_array_unref);
  g_free (preview->problem);
  g_free (preview);
}

static char
delimiter_of (const RegImportMapping *mapping)
{
  const char *d = reg_import_mapping_get_option (mapping, "delimiter");

  if (d == NULL || *d == '\0')
    return 0;
  if (g_str_equal (d, "\\t") || g_str_equal (d, "tab"))
    return '\t';
  return d[0];
}

RegImportPreview *
reg_import_preview_read (const char             *path,
                         const RegImportRequest *req,
                         const char             *shop_currency,
                         guint                   max_rows,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(RegImportPreview) preview = g_new0 (RegImportPreview, 1);
  g_autoptr(RegImportMapping) mapping = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  RegImportRequest none;
  RegImportOptions opts = { 0 };
  const char *encoding;

  g_return_val_if_fail (path != NULL, NULL);
  if (req == NULL)
    {
      reg_import_request_init (&none);
      req = &none;
    }
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_row_free);
  preview->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);

  if (req->columns != NULL)
    mapping = reg_import_mapping_copy (req->columns);
  else if (req->mapping != NULL && *req->mapping != '\0')
    {
      mapping = reg_import_mapping_from_string (req->mapping, &local);
      if (mapping == NULL)
        {
          preview->problem = g_strdup (local->message);
          g_clear_error (&local);
        }
    }
  encoding = req->encoding != NULL ? req->encoding : reg_import_mapping_get_option (mapping, "encoding");

  preview->sniff = reg_sniff_file_with (path, req->format, encoding, delimiter_of (mapping),
                                        req->preset, error);
  if (preview->sniff == NULL)
    return NULL;
  if (preview->problem != NULL)
    return g_steal_pointer (&preview);

  opts.format = req->format;
  opts.preset = req->preset;
  opts.mapping = mapping;
  opts.date_format = req->date_format;
  opts.decimal = req->decimal;
  opts.encoding = req->encoding;
  opts.shop_currency = shop_currency;
  reader = reg_import_reader_new (path, &opts, &local);
  if (reader == NULL)
    {
      preview->problem = g_strdup (local->message);
      return g_steal_pointer (&preview);
    }
  preview->format = g_strdup (reg_import_reader_get_format (reader));
  preview->preset = g_strdup (reg_import_reader_get_preset (reader));
  preview->encoding = g_strdup (reg_import_reader_get_encoding (reader));
  if (reg_import_reader_get_mapping (reader) != NULL)
    preview->mapping = reg_import_mapping_to_string (reg_import_reader_get_mapping (reader));

  while (preview->rows->len + preview->issues->len < max_rows)
    {
      RegImportRow *row = NULL;
      RegImportIssue *issue = NULL;

      if (!reg_import_reader_next (reader, &row, &issue, cancellable, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          if (local != NULL)
            preview->problem = g_strdup (local->message);
          break;
        }
      if (row != NULL)
        g_ptr_array_add (preview->rows, row);
      if (issue != NULL)
        g_ptr_array_add (preview->issues, issue);
    }
  return g_steal_pointer (&preview);
}

static void
preview_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PreviewTask *t = task_data;
  GError *error = NULL;
  RegImportPreview *preview = reg_import_preview_read (t->path, &t->req, t->currency, t->max_rows,
                                                       cancellable, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) reg_import_preview_free);
}

void
reg_import_preview_async (RegShop                *shop,
                          const char             *path,
                          const RegImportRequest *req,
                          guint                   max_rows,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewTask *t = g_new0 (PreviewTask, 1);
  ClvMoneyFormat fmt;

  g_return_if_fail (REG_IS_SHOP (shop));
  g_return_if_fail (path != NULL);

  reg_import_request_init (&t->req);
  if (req != NULL)
    t->req = *req;
  t->path = g_strdup (path);
  t->req.preset = t->preset = g_strdup (t->req.preset);
  t->req.format = t->format = g_strdup (t->req.format);
  t->req.mapping = t->mapping = g_strdup (t->req.mapping);
  t->req.columns = t->columns = t->req.columns != NULL ? reg_import_mapping_copy (t->req.columns) : NULL;
  t->req.date_format = t->date_format = g_strdup (t->req.date_format);
  t->req.encoding = t->encoding = g_strdup (t->req.encoding);
  t->req.save_mapping_as = NULL;
  reg_shop_get_money_format (shop, &fmt);
  t->currency = g_strdup (fmt.currency->code);
  t->max_rows = max_rows;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_import_preview_async);
  g_task_set_task_data (task, t, (GDestroyNotify) preview_task_free);
  g_task_run_in_thread (task, preview_in_thread);
}

RegImportPreview *
reg_import_preview_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
