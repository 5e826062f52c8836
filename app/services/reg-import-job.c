/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import job. The worker opens its own connection, backs the shop up, and runs the whole
 * batch in one transaction. A second thread reads the file and finds each row's customer (or
 * decides on a new one) in hash tables filled once per import; the worker writes what it is
 * handed: new customers, and sales 16 to a statement, which leaves out those the shop has
 * already. A file much larger than the shop's history has the sales indexes built after its
 * rows. A third thread works out the file's hash meanwhile. Any error, a cancel, a dry run, or
 * rejected rows under "all or nothing" roll the transaction back. Memory: the rows in flight
 * (reg-import-pipe-private.h), the page cache, and the lookup tables, which grow with the
 * customers and references of the shop and the file, never with its rows.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "reg-shop-private.h"
#include "reg-import-backup-private.h"
#include "reg-import-file-private.h"
#include "reg-import-lines-private.h"
#include "reg-import-job.h"
#include "reg-import-mapping.h"
#include "reg-import-pipe-private.h"
#include "reg-io-error.h"
#include "reg-store-imports.h"

struct _RegImportJob
{
  RegJob           parent_instance;
  RegShop         *shop;          /* (owned) */
  char            *path;          /* (owned) the file to import */
  char            *shop_path;     /* (owned) */
  char            *shop_currency; /* (owned) */
  guint            exponent;
  RegImportRequest req;           /* strings below are owned copies */
  char            *preset, *format, *mapping, *date_format, *encoding, *save_mapping_as;
  char            *channel;   /* (nullable) the mapping's channel for every new customer */
  RegImportMapping *columns;      /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (RegImportJob, reg_import_job, REG_TYPE_JOB)

void
reg_import_request_init (RegImportRequest *req)
{
  memset (req, 0, sizeof *req);
  req->unmatched = REG_UNMATCHED_CREATE;
}

static void
skip_free (RegImportSkip *skip)
{
  g_free (skip->reason);
  g_free (skip);
}

static void
near_match_free (RegNearMatch *m)
{
  g_free (m->payer);
  g_free (m->customer_name);
  g_free (m);
}

static void
new_payer_free (RegNewPayer *p)
{
  g_free (p->name);
  g_free (p->email);
  g_free (p->reference);
  g_free (p);
}

void
reg_import_result_free (RegImportResult *r)
{
  if (r == NULL)
    return;
  g_free (r->file_name);
  g_free (r->format);
  g_free (r->preset);
  g_free (r->source);
  g_free (r->backup_path);
  g_clear_pointer (&r->errors, g_ptr_array_unref);
  g_clear_pointer (&r->skips, g_ptr_array_unref);
  g_clear_pointer (&r->near_matches, g_ptr_array_unref);
  g_clear_pointer (&r->new_payers, g_ptr_array_unref);
  g_free (r);
}

/* ---- writing (on the job's thread) ----------------------------------------------------- */

typedef struct
{
  RegImportJob     *self;
  RegStore         *store;
  RegImportResult  *result;
  const char       *source;
  const char       *channel;      /* (nullable) the mapping's channel for every new customer
                                   * whose row names none */
  gint64            batch;
  GArray           *new_ids;      /* (owned) gint64: the id of each new customer, in order */
  gboolean          legacy;       /* the shop holds rows of this source imported before
                                   * schema 6, keyed by their content alone */
  /* sales waiting to go in one statement; their texts belong to rows of the chunk at hand */
  RegSaleRecord     pending[REG_STORE_SALES_PER_INSERT];
  RegImportRow     *pending_rows[REG_STORE_SALES_PER_INSERT];  /* their line items */
  guint             n_pending;
  RegImportLines   *lines;        /* (owned) writes the line items after their sales */
} ImportContext;

static void
import_context_clear (ImportContext *ctx, RegImportMatcher *m)
{
  g_clear_pointer (&m->new_refs, g_array_unref);
  g_clear_pointer (&ctx->new_ids, g_array_unref);
  g_clear_pointer (&ctx->lines, reg_import_lines_free);
}

/* The shop's id of a customer as the reading thread names it. */
static gint64
resolve (ImportContext *ctx, gint64 customer)
{
  if (customer > 0)
    return customer;
  g_assert ((guint64) -customer <= ctx->new_ids->len);
  return g_array_index (ctx->new_ids, gint64, -customer - 1);
}

static gboolean
write_new_refs (ImportContext *ctx, GArray *refs, GError **error)
{
  RegCustomerRef part[64];

  reg_import_new_refs_sort (refs);
  for (guint i = 0; i < refs->len; i += G_N_ELEMENTS (part))
    {
      guint n = MIN (refs->len - i, G_N_ELEMENTS (part));

      for (guint j = 0; j < n; j++)
        {
          RegImportNewRef *r = &g_array_index (refs, RegImportNewRef, i + j);
          part[j] = (RegCustomerRef) { resolve (ctx, r->customer), r->kind, r->source, r->ref };
        }
      /* the same key twice: the first is kept, as when each was written at once */
      if (!reg_store_add_customer_refs (ctx->store, part, n, ctx->batch, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_skip (ImportContext *ctx, guint line, const char *reason)
{
  RegImportSkip *skip = g_new0 (RegImportSkip, 1);

  skip->line = line;
  skip->reason = g_strdup (reason);
  g_ptr_array_add (ctx->result->skips, skip);
  ctx->result->skipped++;
}

/* Writes the sales waiting in @ctx; those the shop has already are counted as duplicates. */
static gboolean
flush_sales (ImportContext *ctx, GError **error)
{
  guint n = ctx->n_pending, inserted;
  gint64 amount;

  ctx->n_pending = 0;
  if (n == 0)
    return TRUE;
  if (!reg_store_insert_sales (ctx->store, ctx->pending, n, &inserted, &amount, error)
      || !reg_import_lines_write (ctx->lines, ctx->pending_rows, n, error))
    return FALSE;
  ctx->result->imported += inserted;
  ctx->result->duplicates += n - inserted;
  ctx->result->total_imported += amount;
  return TRUE;
}

static gboolean
write_item (ImportContext *ctx, RegImportItem *item, GError **error)
{
  RegImportRow *row = item->row;
  RegSaleRecord sale = { 0 };
  g_autoptr(GError) local = NULL;
  gint64 customer;

  if (item->issue != NULL)
    {
      g_ptr_array_add (ctx->result->errors, g_steal_pointer (&item->issue));
      ctx->result->rejected++;
      return TRUE;
    }
  if (row == NULL)
    return TRUE;
  if (row->kind == REG_ROW_SKIPPED)
    {
      add_skip (ctx, row->line, row->skip_reason != NULL ? row->skip_reason : _("skipped"));
      return TRUE;
    }
  if (item->new_name != NULL)
    {
      RegCustomerRecord rec = { 0 };
      gint64 id;

      rec.name = item->new_name;
      rec.email = item->new_email;
      /* a channel is a short name: a longer cell is some other text in the column */
      rec.channel = row->channel != NULL && g_utf8_strlen (row->channel, -1) <= 200
                    ? row->channel : (char *) ctx->channel;
      rec.acquired_day = row->day;
      rec.batch_id = ctx->batch;
      if ((id = reg_store_insert_customer (ctx->store, &rec, error)) == 0)
        return FALSE;
      g_array_append_val (ctx->new_ids, id);
      ctx->result->new_customers++;
      if (ctx->result->new_payers->len < REG_IMPORT_MAX_NEW_PAYERS)
        {
          RegNewPayer *p = g_new0 (RegNewPayer, 1);

          p->line = row->line;
          p->name = g_strdup (row->name);
          p->email = g_strdup (row->email);
          p->reference = g_strdup (row->customer_ref != NULL ? row->customer_ref : row->iban);
          g_ptr_array_add (ctx->result->new_payers, p);
        }
    }
  customer = resolve (ctx, item->customer);
  if (item->similar != 0)
    {
      RegNearMatch *m = g_new0 (RegNearMatch, 1);
      RegCustomerRecord existing = { 0 };

      m->line = row->line;
      m->payer = g_strdup (row->name);
      m->customer_id = resolve (ctx, item->similar);
      m->new_customer_id = customer;
      if (reg_store_get_customer (ctx->store, m->customer_id, &existing, NULL))
        m->customer_name = g_strdup (existing.name);
      reg_customer_record_clear (&existing);
      g_ptr_array_add (ctx->result->near_matches, m);
    }

  sale.customer_id = customer;
  sale.day = row->day;
  sale.amount = row->amount;
  sale.source = (char *) ctx->source;
  sale.external_id = row->external_id;
  /* the content key only stands in for a missing id: two real orders may look alike */
  sale.content_key = row->external_id == NULL ? row->content_key : 0;
  /* a row the shop took before schema 6 is known by its content alone, whatever its
   * occurrence: the same file imported again adds nothing */
  if (ctx->legacy && row->external_id == NULL && row->legacy_hash != NULL
      && reg_store_sale_exists (ctx->store, ctx->source, NULL, row->legacy_hash))
    {
      ctx->result->duplicates++;
      return TRUE;
    }
  sale.batch_id = ctx->batch;
  sale.note = row->note;
  /* the rules of the sales table, checked here so that the row is rejected with its line */
  if (!reg_store_check_sale (&sale, &local))
    {
      g_autofree char *reason = g_strdup_printf (_("%s, line %u: %s"), ctx->result->file_name,
                                                 row->line, local->message);
      g_ptr_array_add (ctx->result->errors, reg_import_issue_new (row->line, "date", NULL, reason));
      ctx->result->rejected++;
      return TRUE;
    }
  /* written with the next few: one statement per REG_STORE_SALES_PER_INSERT sales costs about
   * half as much as one per sale; a duplicate is left out and counted there */
  ctx->pending_rows[ctx->n_pending] = row;
  ctx->pending[ctx->n_pending++] = sale;
  if (ctx->n_pending == G_N_ELEMENTS (ctx->pending))
    return flush_sales (ctx, error);
  return TRUE;
}

/* The file's SHA-256 (which tells a file imported before) is worked out beside the import. */
typedef struct
{
  char         *path;         /* (owned) */
  GCancellable *cancellable;  /* (owned) cancelled when the import ends early */
  char         *hash;         /* (owned) (nullable) the result */
  GError       *error;        /* (owned) (nullable) */
  GThread      *thread;       /* (owned) (nullable) */
} FileHasher;

static gpointer
hash_thread (gpointer data)
{
  FileHasher *h = data;

  h->hash = reg_import_file_hash (h->path, h->cancellable, &h->error);
  return NULL;
}

static void
hasher_start (FileHasher *h, const char *path)
{
  h->path = g_strdup (path);
  h->cancellable = g_cancellable_new ();
  h->thread = g_thread_new ("regulars-import-hash", hash_thread, h);
}

/* Waits for the hash (or gives it up when @give_up) and frees what the hasher holds.
 * Returns: (transfer full) (nullable): the hash, or NULL with @error set. */
static char *
hasher_finish (FileHasher *h, gboolean give_up, GError **error)
{
  char *hash;

  if (h->thread == NULL)
    return NULL;
  if (give_up)
    g_cancellable_cancel (h->cancellable);
  g_thread_join (g_steal_pointer (&h->thread));
  hash = g_steal_pointer (&h->hash);
  if (hash == NULL && h->error != NULL)
    g_propagate_error (error, g_steal_pointer (&h->error));
  g_clear_error (&h->error);
  g_clear_object (&h->cancellable);
  g_clear_pointer (&h->path, g_free);
  return hash;
}

static gboolean
import_job_prepare (RegJob *job, GError **error)
{
  RegImportJob *self = REG_IMPORT_JOB (job);
  ClvMoneyFormat fmt;

  if (!reg_import_file_check (self->path, error))
    return FALSE;
  self->shop_path = g_strdup (reg_shop_get_path (self->shop));
  reg_shop_get_money_format (self->shop, &fmt);
  self->shop_currency = g_strdup (fmt.currency->code);
  self->exponent = fmt.currency->exponent;
  return TRUE;
}

/* Where an import's time goes, for G_MESSAGES_DEBUG=Regulars: seconds since @start, and the
 * process's CPU seconds (all threads). */
static void
log_phase (gint64 start, const char *what)
{
  struct timespec cpu;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_debug ("import: %s done at %.3f s (%.3f s of CPU)", what,
           (g_get_monotonic_time () - start) / 1e6, cpu.tv_sec + cpu.tv_nsec / 1e9);
}

/* Takes the rows of the file from the reading thread and writes them; FALSE on an error (the
 * reader's, the shop's, or a cancel). */
static gboolean
import_all_rows (RegJob *job, ImportContext *ctx, RegImportPipe *pipe, guint64 total,
                 GCancellable *cancellable, GError **error)
{
  while (!pipe->ended)
    {
      RegImportChunk *chunk = reg_import_pipe_next (pipe);
      gboolean ok = TRUE;

      for (guint i = 0; ok && i < chunk->n; i++)
        ok = write_item (ctx, &chunk->items[i], error);
      /* the sales waiting point into this chunk's rows: written before it goes back */
      if (ok)
        ok = flush_sales (ctx, error);
      if (ok && chunk->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&chunk->error));
          ok = FALSE;
        }
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      if (ok)
        reg_job_set_progress (job, chunk->bytes_read, total);
      reg_import_pipe_recycle (pipe, chunk);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Phase 1: the file opened with the reader it needs, under the owner's columns and choices;
 * the result learns its format, preset and source, and @mapping_text the columns read. */
static RegImportReader *
open_reader (RegImportJob     *self,
             RegImportResult  *result,
             char            **mapping_text,
             GError          **error)
{
  g_autoptr(RegImportMapping) mapping = NULL;
  RegImportOptions opts = { 0 };
  RegImportReader *reader;

  reg_job_set_status (REG_JOB (self), _("Reading the file"));
  if (self->columns != NULL)
    mapping = reg_import_mapping_copy (self->columns);
  else if (self->mapping != NULL && (mapping = reg_import_mapping_from_string (self->mapping, error)) == NULL)
    return NULL;
  if (mapping != NULL)
    self->channel = g_strdup (reg_import_mapping_get_option (mapping, "channel"));
  opts.format = self->format;
  opts.preset = self->preset;
  opts.mapping = mapping;
  opts.date_format = self->date_format;
  opts.decimal = self->req.decimal;
  opts.encoding = self->encoding;
  opts.shop_currency = self->shop_currency;
  opts.currency_exponent = self->exponent;
  opts.lazy_hash = TRUE;   /* the hash only stands in for a missing id */
  reader = reg_import_reader_new (self->path, &opts, error);
  if (reader == NULL)
    return NULL;
  result->format = g_strdup (reg_import_reader_get_format (reader));
  result->preset = g_strdup (reg_import_reader_get_preset (reader));
  result->source = g_strdup (reg_import_reader_get_source (reader));
  if (reg_import_reader_get_mapping (reader) != NULL)
    *mapping_text = reg_import_mapping_to_string (reg_import_reader_get_mapping (reader));
  return reader;
}

/* Phase 2: the shop backed up (unless a dry run) and a write transaction begun, tuned for a
 * batch of @reader's size. FALSE, with nothing begun, on an error. */
static gboolean
begin_writing (RegImportJob     *self,
               RegStore         *store,
               RegImportReader  *reader,
               RegImportResult  *result,
               gint64            start,
               GError          **error)
{
  if (!self->req.dry_run)
    {
      reg_job_set_status (REG_JOB (self), _("Backing up the shop"));
      result->backup_path = reg_import_backup_shop (store, self->shop_path, error);
      if (result->backup_path == NULL)
        return FALSE;
    }

  log_phase (start, "backup");
  reg_job_set_status (REG_JOB (self), _("Importing"));
  /* the job's own connection, for about one row per 60 bytes (store exports) */
  return reg_store_begin_bulk (store, REG_STORE_BULK_SALES,
                               self->req.dry_run ? 0 : reg_import_reader_get_bytes_total (reader) / 60,
                               error);
}

/* Phase 3: the batch recorded (its hash comes last) and the lookup tables the matcher finds
 * customers in filled from the shop. */
static gboolean
start_batch (RegImportJob      *self,
             ImportContext     *ctx,
             RegImportMatcher  *matcher,
             RegStore          *store,
             RegImportReader   *reader,
             RegImportResult   *result,
             const char        *mapping_text,
             GError           **error)
{
  ctx->self = self;
  ctx->store = store;
  ctx->result = result;
  ctx->source = result->source;
  ctx->channel = self->channel;
  ctx->new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  matcher->source = result->source;
  matcher->file_name = result->file_name;
  matcher->shop_path = self->shop_path;
  matcher->shop_currency = self->shop_currency;
  matcher->unmatched = self->req.unmatched;
  matcher->bank_like = g_strcmp0 (result->format, "csv") != 0
                       || g_strcmp0 (result->preset, "bank-csv") == 0;
  reg_import_matcher_init (matcher);
  /* the file's hash is filled in at the end, when the thread working it out is done */
  ctx->batch = reg_store_insert_batch (store, result->file_name, "", result->format,
                                       result->preset, mapping_text, error);
  ctx->lines = reg_import_lines_new (store, ctx->source, ctx->batch);
  ctx->legacy = reg_store_source_has_hashes (store, ctx->source);
  reg_import_reader_set_legacy_hash (reader, ctx->legacy);
  return ctx->batch > 0
         && reg_store_load_lookup_tables (store, ctx->source, matcher->by_ref, matcher->by_email,
                                          error);
}

/* Phase 4: every row read on a second thread and matched, and written here; the file hashed
 * on a third meanwhile (into @hasher). */
static gboolean
read_and_write_rows (RegImportJob      *self,
                     ImportContext     *ctx,
                     RegImportMatcher  *matcher,
                     RegImportReader   *reader,
                     FileHasher        *hasher,
                     GCancellable      *cancellable,
                     GError           **error)
{
  RegImportPipe pipe = { 0 };
  guint64 total = MAX (reg_import_reader_get_bytes_total (reader), 1);
  gboolean ok;

  hasher_start (hasher, self->path);
  reg_import_pipe_start (&pipe, reader, matcher, cancellable);
  /* every sale and customer is checked in C before it is written (reg_store_check_sale,
   * reg_store_check_customer): SQLite need not check them again */
  reg_store_check_rules_in_c (ctx->store, TRUE);
  ok = import_all_rows (REG_JOB (self), ctx, &pipe, total, cancellable, error);
  reg_store_check_rules_in_c (ctx->store, FALSE);
  reg_import_pipe_finish (&pipe);
  return ok;
}

/* Phase 5: what the batch brought that is not a sale (the new customers' references), the
 * indexes and figures brought up to date, the batch's counts, the mapping saved, and the
 * commit. */
static gboolean
keep_batch (RegImportJob      *self,
            ImportContext     *ctx,
            RegImportMatcher  *matcher,
            const char        *file_hash,
            const char        *mapping_text,
            gint64             start,
            GError           **error)
{
  RegStore *store = ctx->store;
  RegImportResult *result = ctx->result;
  gboolean ok;

  ok = write_new_refs (ctx, matcher->new_refs, error);
  import_context_clear (ctx, matcher);
  log_phase (start, "references");
  ok = ok && reg_store_end_bulk (store, error);
  log_phase (start, "indexes and customer figures");
  return ok && reg_store_set_batch_file_hash (store, ctx->batch, file_hash, error)
         && reg_store_update_batch_counts (store, ctx->batch, result->rows_read, result->imported,
                                           result->duplicates, result->rejected,
                                           result->new_customers, error)
         && (self->save_mapping_as == NULL || mapping_text == NULL
             || reg_store_save_mapping (store, self->save_mapping_as, mapping_text, error))
         && reg_store_commit (store, error);
}

static gpointer
import_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegImportJob *self = REG_IMPORT_JOB (job);
  g_autoptr(RegImportResult) result = g_new0 (RegImportResult, 1);
  g_autoptr(RegImportReader) reader = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autofree char *file_hash = NULL;
  g_autofree char *mapping_text = NULL;
  ImportContext ctx = { 0 };
  RegImportMatcher matcher = { 0 };
  FileHasher hasher = { 0 };
  gboolean ok;
  gint64 start = g_get_monotonic_time ();
  GStatBuf before;

  result->file_name = g_path_get_basename (self->path);
  /* the file as reading begins: one still being written (a download, an export in progress)
   * or changed under the import must not be imported by halves (checked after the last row) */
  if (!reg_import_file_stat (self->path, result->file_name, &before, error))
    return NULL;
  result->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);
  result->skips = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  result->near_matches = g_ptr_array_new_with_free_func ((GDestroyNotify) near_match_free);
  result->new_payers = g_ptr_array_new_with_free_func ((GDestroyNotify) new_payer_free);
  result->dry_run = self->req.dry_run;

  if ((reader = open_reader (self, result, &mapping_text, error)) == NULL)
    return NULL;
  store = reg_store_open (self->shop_path, REG_STORE_OPEN_DEFAULT, error);
  if (store == NULL || !begin_writing (self, store, reader, result, start, error))
    return NULL;
  ok = start_batch (self, &ctx, &matcher, store, reader, result, mapping_text, error);
  log_phase (start, "lookup");
  if (ok)
    ok = read_and_write_rows (self, &ctx, &matcher, reader, &hasher, cancellable, error);
  log_phase (start, "rows");
  result->rows_read = reg_import_reader_get_rows_read (reader);
  /* (when the reading thread never ran) */
  reg_import_matcher_clear (&matcher);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && !reg_import_file_unchanged (self->path, &before, result->file_name, error))
    ok = FALSE;
  file_hash = hasher_finish (&hasher, !ok, ok ? error : NULL);
  if (file_hash == NULL)
    ok = FALSE;
  if (!ok)
    {
      reg_store_rollback (store);
      import_context_clear (&ctx, &matcher);
      return NULL;
    }
  /* earlier imports of the same file; this batch's own row has no hash yet */
  result->previous_batch = reg_store_find_batch_by_hash (store, file_hash);
  result->refused = self->req.all_or_nothing && result->rejected > 0;
  if (self->req.dry_run || result->refused
      || (result->imported == 0 && result->new_customers == 0))
    {
      /* counted as it would have gone; nothing kept (nor an empty batch recorded) */
      reg_store_rollback (store);
      import_context_clear (&ctx, &matcher);
      result->committed = FALSE;
      result->batch = 0;
      return g_steal_pointer (&result);
    }
  if (!keep_batch (self, &ctx, &matcher, file_hash, mapping_text, start, error))
    {
      reg_store_rollback (store);
      return NULL;
    }
  log_phase (start, "commit");
  result->committed = TRUE;
  result->batch = ctx.batch;
  return g_steal_pointer (&result);
}

static void
import_job_finished (RegJob *job, gpointer data)
{
  RegImportResult *result = data;

  if (result->committed)
    reg_shop_notify_changed (REG_IMPORT_JOB (job)->shop, REG_SHOP_CHANGE_ALL, 0);
}

static void
reg_import_job_finalize (GObject *object)
{
  RegImportJob *self = REG_IMPORT_JOB (object);

  g_clear_object (&self->shop);
  g_free (self->path);
  g_free (self->shop_path);
  g_free (self->shop_currency);
  g_free (self->preset);
  g_free (self->format);
  g_free (self->mapping);
  g_free (self->date_format);
  g_free (self->encoding);
  g_free (self->save_mapping_as);
  g_free (self->channel);
  g_clear_pointer (&self->columns, reg_import_mapping_free);
  G_OBJECT_CLASS (reg_import_job_parent_class)->finalize (object);
}

static void
reg_import_job_class_init (RegImportJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_import_job_finalize;
  job_class->prepare = import_job_prepare;
  job_class->run = import_job_run;
  job_class->finished = import_job_finished;
  job_class->result_free = (GDestroyNotify) reg_import_result_free;
}

static void
reg_import_job_init (RegImportJob *self)
{
}

RegImportJob *
reg_import_job_new (RegShop *shop, const char *path, const RegImportRequest *req)
{
  RegImportJob *self = g_object_new (REG_TYPE_IMPORT_JOB, NULL);

  self->shop = g_object_ref (shop);
  self->path = g_strdup (path);
  reg_import_request_init (&self->req);
  if (req != NULL)
    self->req = *req;
  self->preset = g_strdup (self->req.preset);
  self->format = g_strdup (self->req.format);
  self->mapping = g_strdup (self->req.mapping);
  self->date_format = g_strdup (self->req.date_format);
  self->encoding = g_strdup (self->req.encoding);
  self->save_mapping_as = g_strdup (self->req.save_mapping_as);
  self->columns = self->req.columns != NULL ? reg_import_mapping_copy (self->req.columns) : NULL;
  /* the request's pointers are the caller's; only the copies above are used */
  self->req.columns = NULL;
  self->req.preset = self->req.format = self->req.mapping = NULL;
  self->req.date_format = self->req.encoding = self->req.save_mapping_as = NULL;
  return self;
}

char *
reg_near_match_key (const RegNearMatch *m)
{
  return g_strdup_printf ("%s\x1f%" PRId64, m->payer, m->customer_id);
}

guint
reg_shop_merge_look_alikes (RegShop               *shop,
                            const RegImportResult *result,
                            GHashTable            *confirmed,
                            char                 **error_text)
{
  guint merged = 0;

  g_return_val_if_fail (REG_IS_SHOP (shop), 0);

  for (guint i = 0; result != NULL && confirmed != NULL && i < result->near_matches->len; i++)
    {
      const RegNearMatch *m = g_ptr_array_index (result->near_matches, i);
      g_autofree char *key = reg_near_match_key (m);
      g_autoptr(GError) error = NULL;

      /* a payer whose rows were skipped has no new customer to merge */
      if (m->new_customer_id <= 0 || !g_hash_table_contains (confirmed, key))
        continue;
      if (reg_shop_merge_customers (shop, m->customer_id, m->new_customer_id, &error))
        merged++;
      else if (error_text != NULL && *error_text == NULL)
        *error_text = g_strdup_printf (_("“%s” could not be merged: %s"), m->payer, error->message);
    }
  return merged;
}
