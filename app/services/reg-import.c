/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import object: one order for sales and survey files, turned into the job that reads
 * that kind, and one outcome read the same way whichever job ran. The outcome's common
 * figures point into the kind's own result, which it owns.
 */
#include "config.h"

#include <string.h>

#include "reg-import.h"
#include "reg-shop-private.h"
#include "reg-sniffer.h"
#include "reg-store-imports.h"

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

/* The request each reader takes, from an order; strings borrowed from it. */
static void
sales_request (const RegImportOrder *order,
               RegImportRequest     *req)
{
  reg_import_request_init (req);
  req->preset = order->preset;
  req->format = order->format;
  req->columns = order->columns;
  req->mapping = order->map_text;
  req->date_format = order->date_format;
  req->decimal = order->decimal;
  req->encoding = order->encoding;
  req->dry_run = order->dry_run;
  req->all_or_nothing = order->all_or_nothing;
  req->unmatched = order->unmatched;
  req->save_mapping_as = order->save_mapping_as;
}

static void
survey_request (const RegImportOrder     *order,
                RegFeedbackImportRequest *req)
{
  reg_feedback_import_request_init (req);
  req->kind = order->scale;
  req->columns = order->answers;
  req->date_format = order->date_format;
  req->encoding = order->encoding;
  req->delimiter = order->delimiter;
  req->dry_run = order->dry_run;
  req->all_or_nothing = order->all_or_nothing;
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

      survey_request (order, &req);
      return REG_JOB (reg_feedback_import_job_new (shop, path, &req));
    }
  else
    {
      RegImportRequest req;

      sales_request (order, &req);
      return REG_JOB (reg_import_job_new (shop, path, &req));
    }
}

/* The outcome of a finished job's result (transfer full of @result). */
static RegImportOutcome *
outcome_new (RegJob  *job,
             gpointer result)
{
  RegImportOutcome *o = g_new0 (RegImportOutcome, 1);

/* the figures both kinds' results have, under the same names */
#define COMMON(r) \
  G_STMT_START { \
    o->batch = (r)->batch; o->file_name = (r)->file_name; o->format = (r)->format; \
    o->rows_read = (r)->rows_read; o->imported = (r)->imported; \
    o->duplicates = (r)->duplicates; o->rejected = (r)->rejected; \
    o->committed = (r)->committed; o->dry_run = (r)->dry_run; o->refused = (r)->refused; \
    o->previous_batch = (r)->previous_batch; o->backup_path = (r)->backup_path; \
    o->errors = (r)->errors; \
  } G_STMT_END
  if (REG_IS_FEEDBACK_IMPORT_JOB (job))
    {
      o->kind = REG_IMPORT_KIND_SURVEY;
      o->survey = result;
      COMMON (o->survey);
    }
  else
    {
      o->kind = REG_IMPORT_KIND_SALES;
      o->sales = result;
      COMMON (o->sales);
    }
#undef COMMON
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

void
reg_import_look_free (RegImportLook *look)
{
  if (look == NULL)
    return;
  g_clear_pointer (&look->sales, reg_import_preview_free);
  g_clear_pointer (&look->survey, reg_feedback_preview_free);
  g_free (look);
}

/* Either reader's preview, as a look of the task's kind (its task data). */
static void
on_look_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RegImportKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;
  gpointer preview = kind == REG_IMPORT_KIND_SURVEY ? (gpointer) reg_feedback_preview_finish (res, &error)
                                                    : (gpointer) reg_import_preview_finish (res, &error);
  RegImportLook *look;

  if (preview == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  look = g_new0 (RegImportLook, 1);
  look->kind = kind;
  if (kind == REG_IMPORT_KIND_SURVEY)
    look->survey = preview;
  else
    look->sales = preview;
  g_task_return_pointer (task, look, (GDestroyNotify) reg_import_look_free);
}

void
reg_import_look_async (RegShop              *shop,
                       const char           *path,
                       const RegImportOrder *order,
                       guint                 max_rows,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (REG_IS_SHOP (shop));
  g_return_if_fail (path != NULL && order != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_import_look_async);
  g_task_set_task_data (task, GINT_TO_POINTER (order->kind), NULL);
  /* both readers copy their request before returning */
  if (order->kind == REG_IMPORT_KIND_SURVEY)
    {
      RegFeedbackImportRequest req;

      survey_request (order, &req);
      reg_feedback_preview_async (path, &req, max_rows, cancellable, on_look_cb, task);
    }
  else
    {
      RegImportRequest req;

      sales_request (order, &req);
      reg_import_preview_async (shop, path, &req, max_rows, cancellable, on_look_cb, task);
    }
}

RegImportLook *
reg_import_look_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
reg_feedback_preview_lacks_columns (const RegFeedbackPreview *p)
{
  if (p == NULL || p->layout == NULL || p->problem == NULL)
    return FALSE;
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (f != REG_FEEDBACK_FIELD_COMMENT && p->layout->column_of[f] < 0)
      return TRUE;
  return FALSE;
}

char **
reg_import_list_mappings (RegShop *shop)
{
  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);
  return reg_store_list_mappings (reg_shop_get_store (shop));
}

RegImportMapping *
reg_import_get_mapping (RegShop     *shop,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* the saved text stays between the store and here: callers get the mapping itself */
  text = reg_store_get_mapping (reg_shop_get_store (shop), name);
  if (text == NULL)
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_NOT_FOUND,
                   _("No mapping is saved under the name “%s”"), name);
      return NULL;
    }
  return reg_import_mapping_from_string (text, error);
}
