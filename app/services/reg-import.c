/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import object: one order for sales and survey files, turned into the job that reads
 * that kind, and one outcome read the same way whichever job ran. The outcome's common
 * figures point into the kind's own result, which it owns.
 */
#include "config.h"

#include <string.h>

#include "reg-import.h"
#include "reg-sniffer.h"

void
reg_import_order_init (RegImportOrder *order,
                       RegImportKind   kind)
{
  memset (order, 0, sizeof *order);
  order->kind = kind;
  order->unmatched = REG_UNMATCHED_CREATE;
  order->scale = REG_FEEDBACK_KIND_AUTO;
}

void
reg_import_outcome_free (RegImportOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->sales, reg_import_result_free);
  g_clear_pointer (&outcome->survey, reg_feedback_import_result_free);
  g_free (outcome);
}

RegJob *
reg_import_order_new_job (RegShop              *shop,
                          const char           *path,
                          const RegImportOrder *order)
{
  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);
  g_return_val_if_fail (path != NULL && order != NULL, NULL);

  if (order->kind == REG_IMPORT_KIND_SURVEY)
    {
      RegFeedbackImportRequest req;

      reg_feedback_import_request_init (&req);
      req.kind = order->scale;
      req.mapping = order->answer_map;
      req.date_format = order->date_format;
      req.encoding = order->encoding;
      req.delimiter = order->delimiter;
      req.dry_run = order->dry_run;
      req.all_or_nothing = order->all_or_nothing;
      return REG_JOB (reg_feedback_import_job_new (shop, path, &req));
    }
  else
    {
      RegImportRequest req;

      reg_import_request_init (&req);
      req.preset = order->preset;
      req.format = order->format;
      req.columns = order->columns;
      req.mapping = order->map_text;
      req.date_format = order->date_format;
      req.decimal = order->decimal;
      req.encoding = order->encoding;
      req.dry_run = order->dry_run;
      req.all_or_nothing = order->all_or_nothing;
      req.unmatched = order->unmatched;
      req.save_mapping_as = order->save_mapping_as;
      return REG_JOB (reg_import_job_new (shop, path, &req));
    }
}

/* The outcome of a finished job's result (transfer full of @result). */
static RegImportOutcome *
outcome_new (RegJob  *job,
             gpointer result)
{
  RegImportOutcome *o = g_new0 (RegImportOutcome, 1);

  if (REG_IS_FEEDBACK_IMPORT_JOB (job))
    {
      RegFeedbackImportResult *r = result;

      o->kind = REG_IMPORT_KIND_SURVEY;
      o->survey = r;
      o->batch = r->batch;
      o->file_name = r->file_name;
      o->format = r->format;
      o->rows_read = r->rows_read;
      o->imported = r->imported;
      o->duplicates = r->duplicates;
      o->rejected = r->rejected;
      o->committed = r->committed;
      o->dry_run = r->dry_run;
      o->refused = r->refused;
      o->previous_batch = r->previous_batch;
      o->backup_path = r->backup_path;
      o->errors = r->errors;
    }
  else
    {
      RegImportResult *r = result;

      o->kind = REG_IMPORT_KIND_SALES;
      o->sales = r;
      o->batch = r->batch;
      o->file_name = r->file_name;
      o->format = r->format;
      o->rows_read = r->rows_read;
      o->imported = r->imported;
      o->duplicates = r->duplicates;
      o->rejected = r->rejected;
      o->committed = r->committed;
      o->dry_run = r->dry_run;
      o->refused = r->refused;
      o->previous_batch = r->previous_batch;
      o->backup_path = r->backup_path;
      o->errors = r->errors;
    }
  return o;
}

RegImportOutcome *
reg_import_outcome_finish (RegJob        *job,
                           GAsyncResult  *result,
                           GError       **error)
{
  gpointer r;

  g_return_val_if_fail (REG_IS_IMPORT_JOB (job) || REG_IS_FEEDBACK_IMPORT_JOB (job), NULL);

  r = reg_job_run_finish (job, result, error);
  return r != NULL ? outcome_new (job, r) : NULL;
}

RegImportOutcome *
reg_import_run_sync (RegShop              *shop,
                     const char           *path,
                     const RegImportOrder *order,
                     RegJobProgressFunc    progress,
                     gpointer              progress_data,
                     GError              **error)
{
  g_autoptr(RegJob) job = reg_import_order_new_job (shop, path, order);
  gpointer r;

  if (progress != NULL)
    reg_job_set_progress_func (job, progress, progress_data);
  r = reg_job_run_sync (job, error);
  return r != NULL ? outcome_new (job, r) : NULL;
}

gboolean
reg_import_preview_looks_like_survey (const RegImportPreview *preview)
{
  const RegSniffResult *sniff = preview != NULL ? preview->sniff : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (sniff == NULL || sniff->header_line == 0 || g_strcmp0 (sniff->format, "csv") != 0)
    return FALSE;
  for (guint i = 0; i < sniff->columns->len; i++)
    g_ptr_array_add (names, ((RegSniffColumn *) g_ptr_array_index (sniff->columns, i))->name);
  return reg_feedback_header_looks_like_survey ((const char *const *) names->pdata, names->len);
}
