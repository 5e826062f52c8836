/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feedback import job. The worker reads the whole survey file first (the kind of survey
 * is a property of the file, settled once every score is seen: see
 * reg_feedback_reader_settle_kind), then opens its own connection, backs the shop up and adds
 * the answers in one transaction, each matched to a customer by e-mail address through a table
 * filled once per import. Any error, a cancel, a dry run, or rejected rows under "all or
 * nothing" roll the transaction back; the shop is then byte for byte as it was.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "clv-text.h"
#include "reg-feedback-import-job.h"
#include "reg-import-backup-private.h"
#include "reg-import-file-private.h"
#include "reg-io-error.h"
#include "reg-store-feedback.h"
#include "reg-store-imports.h"

/* Progress: reading is the first half, matching and writing the second. */
#define PROGRESS_TOTAL 1000

struct _RegFeedbackImportJob
{
  RegJob                   parent_instance;
  RegShop                 *shop;        /* (owned) */
  char                    *path;        /* (owned) the file to import */
  char                    *shop_path;   /* (owned) set on the main thread by prepare */
  RegFeedbackImportRequest req;         /* strings below are owned copies */
  char                    *mapping, *date_format, *encoding;
  RegFeedbackMapping      *columns;     /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (RegFeedbackImportJob, reg_feedback_import_job, REG_TYPE_JOB)

void
reg_feedback_import_request_init (RegFeedbackImportRequest *req)
{
  memset (req, 0, sizeof *req);
  req->kind = REG_FEEDBACK_KIND_AUTO;
}

void
reg_feedback_import_result_free (RegFeedbackImportResult *r)
{
  if (r == NULL)
    return;
  g_free (r->file_name);
  g_free (r->format);
  g_free (r->mapping);
  g_free (r->backup_path);
  g_clear_pointer (&r->errors, g_ptr_array_unref);
  g_free (r);
}

const char *
reg_feedback_import_preset (RegFeedbackKind kind)
{
  return kind == REG_FEEDBACK_KIND_CSAT ? "survey-csat" : "survey-nps";
}

/* ---- helpers ------------------------------------------------------------------------------ */

static int
by_line (gconstpointer a, gconstpointer b)
{
  const RegImportIssue *x = *(RegImportIssue *const *) a, *y = *(RegImportIssue *const *) b;

  return x->line < y->line ? -1 : x->line > y->line;
}

static void
reject (RegFeedbackImportResult *result, RegImportIssue *issue)
{
  g_ptr_array_add (result->errors, issue);
  result->rejected++;
}

/* ---- the worker --------------------------------------------------------------------------- */

/* Reads every row: answers into @rows, rejected rows into the result. */
static gboolean
read_all (RegFeedbackImportJob *self, RegFeedbackReader *reader, GPtrArray *rows,
          RegFeedbackImportResult *result, GCancellable *cancellable, GError **error)
{
  guint64 total = MAX (reg_feedback_reader_get_bytes_total (reader), 1);

  for (guint n = 1;; n++)
    {
      RegFeedbackRow *row = NULL;
      RegImportIssue *issue = NULL;

      if (!reg_feedback_reader_next (reader, &row, &issue, cancellable, error))
        return error == NULL || *error == NULL;
      if (row != NULL)
        g_ptr_array_add (rows, row);
      else
        reject (result, issue);
      if ((n & 255) == 0)
        reg_job_set_progress (REG_JOB (self),
                              PROGRESS_TOTAL / 2 * MIN (reg_feedback_reader_get_bytes_read (reader), total) / total,
                              PROGRESS_TOTAL);
    }
}

/* Matches and writes every answer inside the open transaction. */
static gboolean
write_all (RegFeedbackImportJob *self, RegStore *store, RegFeedbackReader *reader,
           GPtrArray *rows, gint64 batch, RegFeedbackImportResult *result,
           GCancellable *cancellable, GError **error)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) answered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const char *kind = reg_feedback_kind_to_string (result->kind);

  if (!reg_store_load_lookup_tables (store, "feedback", refs, emails, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const RegFeedbackRow *row = g_ptr_array_index (rows, i);
      RegImportIssue *issue = reg_feedback_reader_check_score (reader, row, result->kind);
      g_autofree char *lower = NULL;
      g_autoptr(GError) local = NULL;
      RegFeedbackRecord rec = { 0 };
      gint64 *customer;

      if ((i & 255) == 255)
        {
          reg_job_set_progress (REG_JOB (self), PROGRESS_TOTAL / 2 + PROGRESS_TOTAL / 2 * i / rows->len,
                                PROGRESS_TOTAL);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      if (issue != NULL)
        {
          reject (result, issue);
          continue;
        }
      lower = g_ascii_strdown (row->email, -1);
      customer = g_hash_table_lookup (emails, lower);
      if (customer == NULL)
        {
          const char *column = reg_feedback_reader_get_column (reader, REG_FEEDBACK_FIELD_EMAIL);
          g_autofree char *quoted = clv_text_quote (row->email);
          g_autofree char *reason = g_strdup_printf (
              /* TRANSLATORS: "survey.csv, line 4, column “Email”: “x@example.com” is …" */
              _("%s, line %u, column “%s”: “%s” is not the e-mail address of any of your "
                "customers; add the customer (or their address) first, then import the file again"),
              result->file_name, row->line, column, quoted);
          reject (result, reg_import_issue_new (row->line, column, row->email, reason));
          result->unknown_emails++;
          continue;
        }
      rec.customer_id = *customer;
      rec.day = row->day;
      rec.kind = (char *) kind;
      rec.score = row->score;
      rec.comment = row->comment;
      rec.batch_id = batch;
      if (reg_store_insert_feedback (store, &rec, &local) == 0)
        {
          if (g_error_matches (local, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE))
            {
              result->duplicates++;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      result->imported++;
      if (!g_hash_table_contains (answered, customer))
        {
          g_hash_table_add (answered, g_memdup2 (customer, sizeof *customer));
          result->customers++;
        }
    }
  return TRUE;
}

static gpointer
feedback_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegFeedbackImportJob *self = REG_FEEDBACK_IMPORT_JOB (job);
  g_autoptr(RegFeedbackImportResult) result = g_new0 (RegFeedbackImportResult, 1);
  g_autoptr(RegFeedbackReader) reader = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_feedback_row_free);
  g_autoptr(RegStore) store = NULL;
  g_autofree char *file_hash = NULL;
  RegFeedbackOptions opts = { 0 };
  GStatBuf before;
  gint64 batch;

  result->file_name = g_path_get_basename (self->path);
  result->format = g_strdup ("csv");
  result->dry_run = self->req.dry_run;
  result->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);
  /* a file still being written must not be imported by halves (checked after the last row) */
  if (!reg_import_file_stat (self->path, result->file_name, &before, error))
    return NULL;

  reg_job_set_status (job, _("Reading the file"));
  reg_job_set_progress (job, 0, PROGRESS_TOTAL);
  opts.encoding = self->encoding;
  opts.delimiter = self->req.delimiter;
  opts.date_format = self->date_format;
  opts.mapping = self->mapping;
  opts.columns = self->columns;
  reader = reg_feedback_reader_new (self->path, &opts, error);
  if (reader == NULL)
    return NULL;
  result->mapping = reg_feedback_reader_dup_mapping (reader);
  if (!read_all (self, reader, rows, result, cancellable, error))
    return NULL;
  result->rows_read = reg_feedback_reader_get_rows_read (reader);
  if (!reg_feedback_reader_settle_kind (reader, self->req.kind, &result->kind, error))
    return NULL;

  file_hash = reg_import_file_hash (self->path, cancellable, error);
  if (file_hash == NULL)
    return NULL;
  store = reg_store_open (self->shop_path, REG_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;
  result->previous_batch = reg_store_find_batch_by_hash (store, file_hash);
  if (!self->req.dry_run)
    {
      reg_job_set_status (job, _("Backing up the shop"));
      result->backup_path = reg_import_backup_shop (store, self->shop_path, error);
      if (result->backup_path == NULL)
        return NULL;
    }

  reg_job_set_status (job, _("Importing"));
  if (!reg_store_begin (store, error))
    return NULL;
  batch = reg_store_insert_batch (store, result->file_name, file_hash, result->format,
                                  reg_feedback_import_preset (result->kind), result->mapping,
                                  error);
  if (batch == 0
      || !write_all (self, store, reader, rows, batch, result, cancellable, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      reg_store_rollback (store);
      return NULL;
    }
  g_ptr_array_sort (result->errors, by_line);
  if (!reg_import_file_unchanged (self->path, &before, result->file_name, error))
    {
      reg_store_rollback (store);
      return NULL;
    }
  reg_job_set_progress (job, PROGRESS_TOTAL, PROGRESS_TOTAL);

  result->refused = self->req.all_or_nothing && result->rejected > 0;
  if (self->req.dry_run || result->refused || result->imported == 0)
    {
      /* counted as it would have gone; nothing kept (nor an empty batch recorded) */
      reg_store_rollback (store);
      return g_steal_pointer (&result);
    }
  if (!reg_store_update_batch_counts (store, batch, result->rows_read, result->imported,
                                      result->duplicates, result->rejected, 0, error)
      || !reg_store_commit (store, error))
    {
      reg_store_rollback (store);
      return NULL;
    }
  result->committed = TRUE;
  result->batch = batch;
  return g_steal_pointer (&result);
}

/* ---- RegJob ------------------------------------------------------------------------------- */

static gboolean
feedback_job_prepare (RegJob *job, GError **error)
{
  RegFeedbackImportJob *self = REG_FEEDBACK_IMPORT_JOB (job);

  if (!reg_import_file_check (self->path, error))
    return FALSE;
  g_free (self->shop_path);
  self->shop_path = g_strdup (reg_shop_get_path (self->shop));
  return TRUE;
}

static void
feedback_job_finished (RegJob *job, gpointer data)
{
  RegFeedbackImportResult *result = data;

  /* views refresh, and the at-risk list follows the new answers at the next analysis */
  if (result->committed)
    reg_shop_notify_changed (REG_FEEDBACK_IMPORT_JOB (job)->shop, REG_SHOP_CHANGE_ALL, 0);
}

static void
reg_feedback_import_job_finalize (GObject *object)
{
  RegFeedbackImportJob *self = REG_FEEDBACK_IMPORT_JOB (object);

  g_clear_object (&self->shop);
  g_free (self->path);
  g_free (self->shop_path);
  g_free (self->mapping);
  reg_feedback_mapping_free (self->columns);
  g_free (self->date_format);
  g_free (self->encoding);
  G_OBJECT_CLASS (reg_feedback_import_job_parent_class)->finalize (object);
}

static void
reg_feedback_import_job_class_init (RegFeedbackImportJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_feedback_import_job_finalize;
  job_class->prepare = feedback_job_prepare;
  job_class->run = feedback_job_run;
  job_class->finished = feedback_job_finished;
  job_class->result_free = (GDestroyNotify) reg_feedback_import_result_free;
}

static void
reg_feedback_import_job_init (RegFeedbackImportJob *self)
{
}

RegFeedbackImportJob *
reg_feedback_import_job_new (RegShop *shop, const char *path,
                             const RegFeedbackImportRequest *req)
{
  RegFeedbackImportJob *self;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (REG_TYPE_FEEDBACK_IMPORT_JOB, NULL);
  self->shop = g_object_ref (shop);
  self->path = g_strdup (path);
  reg_feedback_import_request_init (&self->req);
  if (req != NULL)
    self->req = *req;
  self->mapping = g_strdup (self->req.mapping);
  self->columns = reg_feedback_mapping_copy (self->req.columns);
  self->date_format = g_strdup (self->req.date_format);
  self->encoding = g_strdup (self->req.encoding);
  /* the request's pointers are the caller's; only the copies above are used */
  self->req.mapping = self->req.date_format = self->req.encoding = NULL;
  self->req.columns = NULL;
  return self;
}
