/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import job. The worker opens its own connection, backs the shop up, and runs the whole
 * batch in one transaction: read a row, find or create its customer, insert the sale unless the
 * shop has it already. Lookups go through hash tables filled once per import, so a million rows
 * cost a million inserts and little else. Any error, a cancel, a dry run, or rejected rows
 * under "all or nothing" roll the transaction back.
 */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reg-import-job.h"
#include "reg-import-mapping.h"
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
  g_free (r);
}

static int
compare_words (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Lower case, letters and digits only, words sorted: "Müller, Anna" and "anna MÜLLER" meet. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *ascii = g_str_to_ascii (folded, "C");
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GString *clean = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    g_string_append_c (clean, g_ascii_isalnum (*p) ? *p : ' ');
  words = g_strsplit (clean->str, " ", -1);
  g_string_free (clean, TRUE);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_sort (kept, compare_words);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

typedef struct
{
  RegImportJob     *self;
  RegStore         *store;
  RegImportResult  *result;
  const char       *source;
  gint64            batch;
  GHashTable       *by_ref;       /* "kind\x1fsource\x1fref" -> id (gint64 *) */
  GHashTable       *by_email;     /* lower-case e-mail -> id */
  GHashTable       *by_name_key;  /* name_key -> id; filled on first need (near matches) */
  GHashTable       *by_exact;     /* casefolded name -> id; for bank payers */
  gboolean          bank_like;    /* payer names identify customers (bank statements) */
  GString          *scratch;      /* (owned) */
} ImportContext;

static gint64 *
id_box (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static char *
ref_key (const char *kind, const char *source, const char *ref)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s", kind, source, ref);
}

static gint64
cached_ref (ImportContext *ctx, const char *kind, const char *source, const char *ref)
{
  gint64 *hit;

  /* the key is built in a reused buffer: this runs for every row */
  g_string_printf (ctx->scratch, "%s\x1f%s\x1f%s", kind, source, ref);
  hit = g_hash_table_lookup (ctx->by_ref, ctx->scratch->str);
  /* every reference of this source is in the table since the import began */
  return hit != NULL ? *hit : 0;
}

static gboolean
remember_ref (ImportContext *ctx, gint64 id, const char *kind, const char *source,
              const char *ref, GError **error)
{
  if (ref == NULL || *ref == '\0')
    return TRUE;
  if (!reg_store_add_customer_ref (ctx->store, id, kind, source, ref, ctx->batch, error))
    return FALSE;
  g_hash_table_insert (ctx->by_ref, ref_key (kind, source, ref), id_box (id));
  return TRUE;
}

static gint64
find_by_email (ImportContext *ctx, const char *email, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (email, -1);
  gint64 *hit = g_hash_table_lookup (ctx->by_email, lower);

  /* every address in the shop is in the table since the import began */
  return hit != NULL ? *hit : 0;
}

static gboolean
fill_name_tables (ImportContext *ctx, GError **error)
{
  g_autoptr(GHashTable) names = NULL;
  GHashTableIter it;
  gpointer k, v;

  if (ctx->by_name_key != NULL)
    return TRUE;
  names = reg_store_customer_names (ctx->store, error);
  if (names == NULL)
    return FALSE;
  ctx->by_name_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->by_exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&it, names);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_autofree char *key = name_key (v);
      if (*key != '\0' && !g_hash_table_contains (ctx->by_name_key, key))
        g_hash_table_insert (ctx->by_name_key, g_steal_pointer (&key), id_box (*(gint64 *) k));
      g_hash_table_insert (ctx->by_exact, g_utf8_casefold (v, -1), id_box (*(gint64 *) k));
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

/* Finds the row's customer, or creates one; 0 with no error means "skip the row" (the reason
 * was recorded). */
static gint64
match_customer (ImportContext *ctx, const RegImportRow *row, GError **error)
{
  gint64 id = 0;
  g_autofree char *folded = NULL;

  if (row->customer_ref != NULL && (id = cached_ref (ctx, "id", ctx->source, row->customer_ref)) > 0)
    return id;
  if (row->email != NULL && (id = find_by_email (ctx, row->email, error)) != 0)
    {
      if (id > 0 && !remember_ref (ctx, id, "id", ctx->source, row->customer_ref, error))
        return -1;
      return id;
    }
  if (row->iban != NULL && (id = cached_ref (ctx, "iban", "bank", row->iban)) > 0)
    return id;
  if (row->name != NULL && ctx->bank_like)
    {
      folded = g_utf8_casefold (row->name, -1);
      if ((id = cached_ref (ctx, "name", "bank", folded)) > 0)
        return id;
      if (!fill_name_tables (ctx, error))
        return -1;
      if (g_hash_table_contains (ctx->by_exact, folded))
        {
          id = *(gint64 *) g_hash_table_lookup (ctx->by_exact, folded);
          if (!remember_ref (ctx, id, "iban", "bank", row->iban, error))
            return -1;
          return id;
        }
    }

  if (row->customer_ref == NULL && row->email == NULL && row->name == NULL && row->iban == NULL)
    {
      add_skip (ctx, row->line, _("no customer is named in this row (an anonymous sale)"));
      return 0;
    }
  if (ctx->self->req.unmatched == REG_UNMATCHED_SKIP)
    {
      add_skip (ctx, row->line, _("the payer matches no customer, and new payers are skipped"));
      return 0;
    }

  {
    RegCustomerRecord rec = { 0 };
    const char *name = row->name != NULL ? row->name
                       : row->email != NULL ? row->email : row->customer_ref;
    g_autofree char *label = row->name == NULL && row->email == NULL
                             ? g_strdup_printf (_("Customer %s"), row->customer_ref ? row->customer_ref : row->iban)
                             : NULL;
    g_autofree char *key = NULL;

    rec.name = (char *) (label != NULL ? label : name);
    rec.email = row->email != NULL && strchr (row->email, '@') != NULL ? row->email : NULL;
    rec.acquired_day = row->day;
    rec.batch_id = ctx->batch;
    id = reg_store_insert_customer (ctx->store, &rec, error);
    if (id == 0)
      return -1;
    ctx->result->new_customers++;
    if (!remember_ref (ctx, id, "id", ctx->source, row->customer_ref, error)
        || !remember_ref (ctx, id, "iban", "bank", row->iban, error))
      return -1;
    if (rec.email != NULL)
      g_hash_table_insert (ctx->by_email, g_ascii_strdown (rec.email, -1), id_box (id));
    if (ctx->bank_like && row->name != NULL)
      {
        g_autofree char *f = g_utf8_casefold (row->name, -1);
        if (!remember_ref (ctx, id, "name", "bank", f, error))
          return -1;
      }

    /* a new payer that looks like an existing customer is offered, never merged */
    if (row->name != NULL)
      {
        gint64 *similar;
        if (!fill_name_tables (ctx, error))
          return -1;
        key = name_key (row->name);
        similar = *key != '\0' ? g_hash_table_lookup (ctx->by_name_key, key) : NULL;
        if (similar != NULL && *similar != id)
          {
            RegNearMatch *m = g_new0 (RegNearMatch, 1);
            RegCustomerRecord existing = { 0 };
            m->line = row->line;
            m->payer = g_strdup (row->name);
            m->customer_id = *similar;
            m->new_customer_id = id;
            if (reg_store_get_customer (ctx->store, *similar, &existing, NULL))
              m->customer_name = g_strdup (existing.name);
            reg_customer_record_clear (&existing);
            g_ptr_array_add (ctx->result->near_matches, m);
          }
        else if (*key != '\0')
          g_hash_table_insert (ctx->by_name_key, g_steal_pointer (&key), id_box (id));
      }
  }
  return id;
}

static gboolean
import_row (ImportContext *ctx, RegImportRow *row, GError **error)
{
  RegSaleRecord sale = { 0 };
  g_autoptr(GError) local = NULL;
  gint64 customer;

  if (row->kind == REG_ROW_SKIPPED)
    {
      add_skip (ctx, row->line, row->skip_reason != NULL ? row->skip_reason : _("skipped"));
      return TRUE;
    }
  if (row->currency != NULL && g_ascii_strcasecmp (row->currency, ctx->self->shop_currency) != 0)
    {
      g_autofree char *amount = g_strdup_printf ("%" PRId64, row->amount);
      g_autofree char *reason = g_strdup_printf (
          _("%s, line %u, field “currency”: “%s” is not the shop's currency (%s); amounts in "
            "other currencies are not imported"),
          ctx->result->file_name, row->line, row->currency, ctx->self->shop_currency);
      g_ptr_array_add (ctx->result->errors,
                       reg_import_issue_new (row->line, "currency", row->currency, reason));
      ctx->result->rejected++;
      return TRUE;
    }
  if (row->amount == 0)
    {
      add_skip (ctx, row->line, _("the amount is zero"));
      return TRUE;
    }

  customer = match_customer (ctx, row, error);
  if (customer < 0)
    return FALSE;
  if (customer == 0)
    return TRUE;

  sale.customer_id = customer;
  sale.day = row->day;
  sale.amount = row->amount;
  sale.source = (char *) ctx->source;
  sale.external_id = row->external_id;
  /* the content hash only stands in for a missing id: two real orders may look alike */
  sale.content_hash = row->external_id == NULL ? row->content_hash : NULL;
  sale.batch_id = ctx->batch;
  sale.note = row->note;
  if (reg_store_insert_sale (ctx->store, &sale, &local) == 0)
    {
      if (g_error_matches (local, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE))
        {
          ctx->result->duplicates++;
          return TRUE;
        }
      if (g_error_matches (local, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT))
        {
          g_autofree char *reason = g_strdup_printf (_("%s, line %u: %s"), ctx->result->file_name,
                                                     row->line, local->message);
          g_ptr_array_add (ctx->result->errors,
                           reg_import_issue_new (row->line, "date", NULL, reason));
          ctx->result->rejected++;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  ctx->result->imported++;
  ctx->result->total_imported += row->amount;
  return TRUE;
}

static char *
hash_file (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (1 << 16);
  gssize n;

  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 16, cancellable, error)) > 0)
    g_checksum_update (sum, buf, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

/* Backups live beside the shop: shop.regulars → shop.regulars.backups/before-import-….regulars */
static char *
backup_path_for (const char *shop_path)
{
  g_autofree char *dir = g_strconcat (shop_path, ".backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("before-import-%s-%06d.regulars", stamp,
                                           g_date_time_get_microsecond (now));

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/* Keeps the newest few backups so that the folder does not grow without end. */
static void
prune_backups (const char *shop_path, guint keep)
{
  g_autofree char *dir = g_strconcat (shop_path, ".backups", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "before-import-"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_words);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_unlink (path);
    }
}

static gboolean
import_job_prepare (RegJob *job, GError **error)
{
  RegImportJob *self = REG_IMPORT_JOB (job);
  ClvMoneyFormat fmt;

  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN,
                   _("“%s” does not exist or is not a file"), self->path);
      return FALSE;
    }
  self->shop_path = g_strdup (reg_shop_get_path (self->shop));
  reg_shop_get_money_format (self->shop, &fmt);
  self->shop_currency = g_strdup (fmt.currency->code);
  self->exponent = fmt.currency->exponent;
  return TRUE;
}

/* Whether the file is no longer what it was when reading began: another size, another
 * modification time, or another file under the name. */
static gboolean
file_changed (const char *path, const GStatBuf *before)
{
  GStatBuf now;

  if (g_stat (path, &now) != 0)
    return TRUE;
  return now.st_size != before->st_size || now.st_ino != before->st_ino
         || now.st_dev != before->st_dev || now.st_mtim.tv_sec != before->st_mtim.tv_sec
         || now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

static gpointer
import_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegImportJob *self = REG_IMPORT_JOB (job);
  g_autoptr(RegImportResult) result = g_new0 (RegImportResult, 1);
  g_autoptr(RegImportMapping) mapping = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autofree char *file_hash = NULL;
  g_autofree char *mapping_text = NULL;
  ImportContext ctx = { 0 };
  RegImportOptions opts = { 0 };
  gboolean ok = TRUE;
  guint64 total;
  GStatBuf before;

  result->file_name = g_path_get_basename (self->path);
  /* the file as reading begins: one still being written (a download, an export in progress)
   * or changed under the import must not be imported by halves (checked after the last row) */
  if (g_stat (self->path, &before) != 0)
    {
      int saved = errno;
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not open %s: %s"),
                   result->file_name, g_strerror (saved));
      return NULL;
    }
  result->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);
  result->skips = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  result->near_matches = g_ptr_array_new_with_free_func ((GDestroyNotify) near_match_free);
  result->dry_run = self->req.dry_run;

  reg_job_set_status (job, _("Reading the file"));
  if (self->mapping != NULL && (mapping = reg_import_mapping_from_string (self->mapping, error)) == NULL)
    return NULL;
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
    mapping_text = reg_import_mapping_to_string (reg_import_reader_get_mapping (reader));
  total = MAX (reg_import_reader_get_bytes_total (reader), 1);

  file_hash = hash_file (self->path, cancellable, error);
  if (file_hash == NULL)
    return NULL;
  store = reg_store_open (self->shop_path, REG_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;
  /* a million-row batch touches index pages all over the file: keep them in memory */
  reg_store_set_cache_mb (store, 128);
  result->previous_batch = reg_store_find_batch_by_hash (store, file_hash);

  if (!self->req.dry_run)
    {
      reg_job_set_status (job, _("Backing up the shop"));
      result->backup_path = backup_path_for (self->shop_path);
      if (!reg_store_backup_to (store, result->backup_path, error))
        {
          g_prefix_error (error, _("Nothing was imported: the backup before the import failed: "));
          return NULL;
        }
      prune_backups (self->shop_path, 5);
    }

  reg_job_set_status (job, _("Importing"));
  /* Every customer id the batch writes comes from this transaction's own lookups and inserts,
   * and the batch id from its own insert: the per-row foreign-key lookups would only repeat
   * them (two B-tree searches per sale). This connection is the job's own and ends with it. */
  reg_store_skip_foreign_key_checks (store);
  if (!reg_store_begin (store, error))
    return NULL;
  reg_store_bulk_begin (store);
  /* A file much larger than the shop's history: build the sales indexes once at the end
   * rather than row by row (about 60 bytes per row in store exports). */
  if (!self->req.dry_run
      && reg_import_reader_get_bytes_total (reader) / 60 > (guint64) reg_store_count_sales (store)
      && reg_import_reader_get_bytes_total (reader) > 8 * 1024 * 1024
      && !reg_store_defer_indexes (store, "sales", error))
    {
      reg_store_rollback (store);
      return NULL;
    }
  ctx.self = self;
  ctx.store = store;
  ctx.result = result;
  ctx.source = result->source;
  ctx.bank_like = g_strcmp0 (result->format, "csv") != 0 || g_strcmp0 (result->preset, "bank-csv") == 0;
  ctx.by_ref = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.scratch = g_string_sized_new (128);
  ctx.by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.batch = reg_store_insert_batch (store, result->file_name, file_hash, result->format,
                                      result->preset, mapping_text, error);
  ok = ctx.batch > 0
       && reg_store_load_lookup_tables (store, ctx.source, ctx.by_ref, ctx.by_email, error);

  while (ok)
    {
      g_autoptr(RegImportRow) row = NULL;
      g_autoptr(RegImportIssue) issue = NULL;

      if (!reg_import_reader_next (reader, &row, &issue, cancellable, error))
        {
          ok = error == NULL || *error == NULL;
          break;
        }
      if (issue != NULL)
        {
          g_ptr_array_add (result->errors, g_steal_pointer (&issue));
          result->rejected++;
        }
      else if (row != NULL && !import_row (&ctx, row, error))
        ok = FALSE;
      if ((reg_import_reader_get_rows_read (reader) & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          reg_job_set_progress (job, reg_import_reader_get_bytes_read (reader), total);
        }
    }
  result->rows_read = reg_import_reader_get_rows_read (reader);
  g_clear_pointer (&ctx.by_ref, g_hash_table_unref);
  g_clear_pointer (&ctx.by_email, g_hash_table_unref);
  g_clear_pointer (&ctx.by_name_key, g_hash_table_unref);
  g_clear_pointer (&ctx.by_exact, g_hash_table_unref);
  g_string_free (ctx.scratch, TRUE);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && file_changed (self->path, &before))
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN,
                   _("%s changed while it was being imported (is it still being written or "
                     "downloaded?); nothing was imported. Import it again once it is complete"),
                   result->file_name);
      ok = FALSE;
    }
  if (!ok)
    {
      reg_store_rollback (store);
      return NULL;
    }
  result->refused = self->req.all_or_nothing && result->rejected > 0;
  if (self->req.dry_run || result->refused
      || (result->imported == 0 && result->new_customers == 0))
    {
      /* counted as it would have gone; nothing kept (nor an empty batch recorded) */
      reg_store_rollback (store);
      result->committed = FALSE;
      result->batch = 0;
      return g_steal_pointer (&result);
    }
  if (!reg_store_restore_indexes (store, error)
      || !reg_store_bulk_end (store, error)
      || !reg_store_update_batch_counts (store, ctx.batch, result->rows_read, result->imported,
                                      result->duplicates, result->rejected,
                                      result->new_customers, error)
      || (self->save_mapping_as != NULL && mapping_text != NULL
          && !reg_store_save_mapping (store, self->save_mapping_as, mapping_text, error))
      || !reg_store_commit (store, error))
    {
      reg_store_rollback (store);
      return NULL;
    }
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
  /* the request's pointers are the caller's; only the copies above are used */
  self->req.preset = self->req.format = self->req.mapping = NULL;
  self->req.date_format = self->req.encoding = self->req.save_mapping_as = NULL;
  return self;
}

gboolean
reg_shop_undo_import (RegShop *shop, gint64 batch, guint *out_sales, guint *out_customers,
                      GError **error)
{
  if (!reg_store_undo_batch (reg_shop_get_store (shop), batch, out_sales, out_customers, error))
    return FALSE;
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  return TRUE;
}
