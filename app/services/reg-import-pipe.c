/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading side of the import job (see reg-import-pipe-private.h): the thread that reads the
 * file and matches each row's payer to a customer of the shop or to a new one, and the queues
 * that take its rows to the job's thread in chunks. Runs on the reading thread, except the
 * reg_import_pipe_next/recycle/finish calls of the job's thread.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reg-import-pipe-private.h"
#include "reg-store-imports.h"

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

static void
new_ref_clear (gpointer data)
{
  g_free (((RegImportNewRef *) data)->ref);
}

static int
compare_new_refs (gconstpointer a, gconstpointer b)
{
  const RegImportNewRef *x = a, *y = b;
  int c;

  /* the order of the key (kind, source, ref) with SQLite's binary collation */
  if ((c = strcmp (x->kind, y->kind)) != 0 || (c = strcmp (x->source, y->source)) != 0
      || (c = strcmp (x->ref, y->ref)) != 0)
    return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
reg_import_new_refs_sort (GArray *refs)
{
  g_array_sort (refs, compare_new_refs);
}

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
cached_ref (RegImportMatcher *m, const char *kind, const char *source, const char *ref)
{
  gint64 *hit;

  /* the key is built in a reused buffer: this runs for every row */
  g_string_assign (m->scratch, kind);
  g_string_append_c (m->scratch, '\x1f');
  g_string_append (m->scratch, source);
  g_string_append_c (m->scratch, '\x1f');
  g_string_append (m->scratch, ref);
  hit = g_hash_table_lookup (m->by_ref, m->scratch->str);
  /* every reference of this source is in the table since the import began */
  return hit != NULL ? *hit : 0;
}

static void
remember_ref (RegImportMatcher *m, gint64 customer, const char *kind, const char *source,
              const char *ref)
{
  RegImportNewRef *r;

  if (ref == NULL || *ref == '\0')
    return;
  g_array_set_size (m->new_refs, m->new_refs->len + 1);
  r = &g_array_index (m->new_refs, RegImportNewRef, m->new_refs->len - 1);
  *r = (RegImportNewRef) { kind, source, g_strdup (ref), customer, m->new_refs->len - 1 };
  g_hash_table_insert (m->by_ref, ref_key (kind, source, ref), id_box (customer));
}

static gint64
find_by_email (RegImportMatcher *m, const char *email)
{
  g_autofree char *lower = NULL;

  /* the readers give addresses in lower case already: a copy only for one that is not */
  for (const char *p = email; *p != '\0'; p++)
    if (*p >= 'A' && *p <= 'Z')
      {
        lower = g_ascii_strdown (email, -1);
        break;
      }
  /* every address in the shop is in the table since the import began */
  return reg_import_emails_lookup (m->emails, lower != NULL ? lower : email);
}

static void
add_name (RegImportMatcher *m, gint64 customer, const char *name)
{
  g_autofree char *key = name_key (name);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  if (*key != '\0' && !g_hash_table_contains (m->by_name_key, key))
    g_hash_table_insert (m->by_name_key, g_steal_pointer (&key), id_box (customer));
  if (!g_hash_table_contains (m->by_exact, folded))
    g_hash_table_insert (m->by_exact, g_steal_pointer (&folded), id_box (customer));
}

/* The names of the shop's customers, read on this thread's own connection: it sees the shop as
 * it was before the import, and the new customers so far come from early_names. */
static gboolean
fill_name_tables (RegImportMatcher *m, GError **error)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GHashTable) names = NULL;
  GHashTableIter it;
  gpointer k, v;

  if (m->by_name_key != NULL)
    return TRUE;
  store = reg_store_open (m->shop_path, REG_STORE_OPEN_READ_ONLY | REG_STORE_OPEN_NO_MIGRATE,
                          error);
  if (store == NULL || (names = reg_store_customer_names (store, error)) == NULL)
    return FALSE;
  g_clear_pointer (&store, reg_store_free);
  m->by_name_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->by_exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&it, names);
  while (g_hash_table_iter_next (&it, &k, &v))
    add_name (m, *(gint64 *) k, v);
  /* then this import's customers so far: a name the shop has already stays with its customer,
   * who is the one to offer as a near match */
  for (guint i = 0; i < m->early_names->len; i++)
    add_name (m, -(gint64) i - 1, m->early_names->pdata[i]);
  g_clear_pointer (&m->early_names, g_ptr_array_unref);
  return TRUE;
}

void
reg_import_matcher_init (RegImportMatcher *m)
{
  m->by_ref = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->early_names = g_ptr_array_new_with_free_func (g_free);
  m->scratch = g_string_sized_new (128);
  m->new_refs = g_array_new (FALSE, FALSE, sizeof (RegImportNewRef));
  g_array_set_clear_func (m->new_refs, new_ref_clear);
}

void
reg_import_matcher_clear (RegImportMatcher *m)
{
  g_clear_pointer (&m->by_ref, g_hash_table_unref);
  g_clear_pointer (&m->by_email, g_hash_table_unref);
  g_clear_pointer (&m->emails, reg_import_emails_free);
  g_clear_pointer (&m->by_name_key, g_hash_table_unref);
  g_clear_pointer (&m->by_exact, g_hash_table_unref);
  g_clear_pointer (&m->early_names, g_ptr_array_unref);
  if (m->scratch != NULL)
    g_string_free (g_steal_pointer (&m->scratch), TRUE);
}

static void
item_clear (RegImportItem *item)
{
  g_clear_pointer (&item->row, reg_import_row_free);
  g_clear_pointer (&item->issue, reg_import_issue_free);
  g_clear_pointer (&item->new_name, g_free);
  g_clear_pointer (&item->new_email, g_free);
  item->customer = item->similar = 0;
}

static gboolean
skip_row (RegImportRow *row, const char *reason)
{
  row->kind = REG_ROW_SKIPPED;
  g_free (row->skip_reason);
  row->skip_reason = g_strdup (reason);
  return TRUE;
}

/* A payer the shop cannot take as a customer (a name of more than 500 characters, an address of
 * more than 320) is a rejected row, named with its line, field and value, not a failed import. */
static gboolean
check_new_customer (RegImportMatcher *m, RegImportItem *item, const char *name, const char *email)
{
  RegCustomerRecord rec = { 0 };
  g_autoptr(GError) local = NULL;
  const char *field = "name", *value = name;
  g_autofree char *reason = NULL;
  RegImportRow *row = item->row;

  rec.name = (char *) name;
  if (reg_store_check_customer (&rec, &local))
    {
      rec.email = (char *) email;
      field = "email";
      value = email;
      if (reg_store_check_customer (&rec, &local))
        {
          rec.acquired_day = row->day;
          field = "date";
          value = NULL;
          if (reg_store_check_customer (&rec, &local))
            return TRUE;
        }
    }
  /* TRANSLATORS: "orders.csv, line 12, field “name”: A customer's name must have 1 to 500
   * characters" */
  reason = g_strdup_printf (_("%s, line %u, field “%s”: %s"), m->file_name, row->line, field,
                            local->message);
  item->issue = reg_import_issue_new (row->line, field, value, reason);
  g_clear_pointer (&item->row, reg_import_row_free);
  return FALSE;
}

/* Finds the row's customer, or decides on a new one; FALSE only on an error (the shop's names
 * could not be read). */
static gboolean
match_customer (RegImportMatcher *m, RegImportItem *item, GError **error)
{
  RegImportRow *row = item->row;
  g_autofree char *folded = NULL;
  g_autofree char *label = NULL;
  const char *name, *email;
  gint64 id;

  if (row->customer_ref != NULL && (id = cached_ref (m, "id", m->source, row->customer_ref)) != 0)
    return item->customer = id, TRUE;
  if (row->email != NULL && (id = find_by_email (m, row->email)) != 0)
    {
      remember_ref (m, id, "id", m->source, row->customer_ref);
      return item->customer = id, TRUE;
    }
  if (row->iban != NULL && (id = cached_ref (m, "iban", "bank", row->iban)) != 0)
    return item->customer = id, TRUE;
  if (row->name != NULL && m->bank_like)
    {
      folded = g_utf8_casefold (row->name, -1);
      if ((id = cached_ref (m, "name", "bank", folded)) != 0)
        return item->customer = id, TRUE;
      if (!fill_name_tables (m, error))
        return FALSE;
      if (g_hash_table_contains (m->by_exact, folded))
        {
          id = *(gint64 *) g_hash_table_lookup (m->by_exact, folded);
          remember_ref (m, id, "iban", "bank", row->iban);
          return item->customer = id, TRUE;
        }
    }

  if (row->customer_ref == NULL && row->email == NULL && row->name == NULL && row->iban == NULL)
    return skip_row (row, _("no customer is named in this row (an anonymous sale)"));
  if (m->unmatched == REG_UNMATCHED_SKIP)
    return skip_row (row, _("the payer matches no customer, and new payers are skipped"));

  /* a new customer: the writing thread adds it before the row's sale */
  name = row->name != NULL ? row->name : row->email != NULL ? row->email : row->customer_ref;
  if (row->name == NULL && row->email == NULL)
    label = g_strdup_printf (_("Customer %s"), row->customer_ref ? row->customer_ref : row->iban);
  if (label != NULL)
    name = label;
  email = row->email != NULL && strchr (row->email, '@') != NULL ? row->email : NULL;
  if (!check_new_customer (m, item, name, email))
    return TRUE;
  item->new_name = g_strdup (name);
  item->new_email = g_strdup (email);
  id = item->customer = -(gint64) ++m->n_new;
  if (m->early_names != NULL)
    g_ptr_array_add (m->early_names, g_strdup (item->new_name));
  remember_ref (m, id, "id", m->source, row->customer_ref);
  remember_ref (m, id, "iban", "bank", row->iban);
  if (item->new_email != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (item->new_email, -1);
      reg_import_emails_insert (m->emails, lower, id);
    }
  if (m->bank_like && row->name != NULL)
    {
      g_autofree char *f = g_utf8_casefold (row->name, -1);
      remember_ref (m, id, "name", "bank", f);
    }

  /* a new payer that looks like an existing customer is offered, never merged */
  if (row->name != NULL)
    {
      g_autofree char *key = NULL;
      gint64 *similar;

      if (!fill_name_tables (m, error))
        return FALSE;
      key = name_key (row->name);
      similar = *key != '\0' ? g_hash_table_lookup (m->by_name_key, key) : NULL;
      if (similar != NULL && *similar != id)
        item->similar = *similar;
      else if (*key != '\0')
        g_hash_table_insert (m->by_name_key, g_steal_pointer (&key), id_box (id));
    }
  return TRUE;
}

/* Decides what becomes of a row: skipped, rejected, or a sale of a known or new customer. */
static gboolean
match_row (RegImportMatcher *m, RegImportItem *item, GError **error)
{
  RegImportRow *row = item->row;

  if (row == NULL || row->kind == REG_ROW_SKIPPED)
    return TRUE;
  if (row->currency != NULL && g_ascii_strcasecmp (row->currency, m->shop_currency) != 0)
    {
      g_autofree char *reason = g_strdup_printf (
          _("%s, line %u, field “currency”: “%s” is not the shop's currency (%s); amounts in "
            "other currencies are not imported"),
          m->file_name, row->line, row->currency, m->shop_currency);
      item->issue = reg_import_issue_new (row->line, "currency", row->currency, reason);
      g_clear_pointer (&item->row, reg_import_row_free);
      return TRUE;
    }
  /* an order of 0.00 in a store export or a sales log is a visit without spend; a line of 0
   * in a bank statement moves no money */
  if (row->amount == 0 && m->bank_like)
    return skip_row (row, _("the amount is zero"));
  return match_customer (m, item, error);
}

static void
chunk_clear (RegImportChunk *chunk)
{
  for (guint i = 0; i < chunk->n; i++)
    item_clear (&chunk->items[i]);
  chunk->n = 0;
  chunk->last = FALSE;
  g_clear_error (&chunk->error);
}

static void
chunk_free (gpointer data)
{
  chunk_clear (data);
  g_free (data);
}

/* How many rows ahead of the one matched the next address is asked of memory. */
#define MATCH_AHEAD 8

static void
prefetch_customer (RegImportMatcher *m, const RegImportItem *item)
{
  if (item->row != NULL && item->row->email != NULL && item->row->kind != REG_ROW_SKIPPED)
    reg_import_emails_prefetch (m->emails, item->row->email);
}

static gpointer
read_ahead_thread (gpointer data)
{
  RegImportPipe *pipe = data;
  RegImportMatcher *m = pipe->matcher;
  gboolean more = TRUE;

  /* the addresses as each row looks them up; the table they were read into goes */
  m->emails = reg_import_emails_new (m->by_email);
  g_clear_pointer (&m->by_email, g_hash_table_unref);
  while (more)
    {
      RegImportChunk *chunk = g_async_queue_pop (pipe->empty);

      /* the rows the writer is done with are freed here, by the thread that allocated them
       * (freed on the writer's thread they cost it a third of a second per million rows) */
      chunk_clear (chunk);
      while (more && chunk->n < REG_IMPORT_CHUNK_ROWS)
        {
          RegImportItem *item = &chunk->items[chunk->n];

          if (g_atomic_int_get (&pipe->stop)
              || !reg_import_reader_next (pipe->reader, &item->row, &item->issue,
                                          pipe->cancellable, &chunk->error))
            more = FALSE;
          else
            chunk->n++;
        }
      /* matched once the chunk is read, so that each row's address is asked of memory a few
       * rows ahead: looked up one by one, each waits for its own read of the table */
      for (guint i = 0; i < chunk->n; i++)
        {
          g_autoptr(GError) local = NULL;

          if (i + MATCH_AHEAD < chunk->n)
            prefetch_customer (m, &chunk->items[i + MATCH_AHEAD]);
          if (!match_row (m, &chunk->items[i], &local))
            {
              /* an error of a row before the reader's own comes first; the rows after it go */
              for (guint j = i; j < chunk->n; j++)
                item_clear (&chunk->items[j]);
              chunk->n = i;
              g_clear_error (&chunk->error);
              g_propagate_error (&chunk->error, g_steal_pointer (&local));
              more = FALSE;
              break;
            }
        }
      chunk->bytes_read = reg_import_reader_get_bytes_read (pipe->reader);
      chunk->last = !more;
      g_async_queue_push (pipe->full, chunk);
    }
  /* the lookup tables are done with: freed here while the writer still writes */
  reg_import_matcher_clear (pipe->matcher);
  return NULL;
}

void
reg_import_pipe_start (RegImportPipe *pipe, RegImportReader *reader, RegImportMatcher *matcher,
                       GCancellable *cancellable)
{
  pipe->reader = reader;
  pipe->matcher = matcher;
  pipe->cancellable = cancellable;
  pipe->full = g_async_queue_new ();
  pipe->empty = g_async_queue_new_full (chunk_free);
  for (guint i = 0; i < REG_IMPORT_PIPE_CHUNKS; i++)
    g_async_queue_push (pipe->empty, g_new0 (RegImportChunk, 1));
  pipe->thread = g_thread_new ("regulars-import-read", read_ahead_thread, pipe);
}

RegImportChunk *
reg_import_pipe_next (RegImportPipe *pipe)
{
  RegImportChunk *chunk = g_async_queue_pop (pipe->full);

  pipe->ended = chunk->last;
  return chunk;
}

/* Hands a chunk back to the reading thread, which frees what is left in it. */
void
reg_import_pipe_recycle (RegImportPipe *pipe, RegImportChunk *chunk)
{
  g_async_queue_push (pipe->empty, chunk);
}

void
reg_import_pipe_finish (RegImportPipe *pipe)
{
  RegImportChunk *chunk;

  if (pipe->thread == NULL)
    return;
  g_atomic_int_set (&pipe->stop, 1);
  while (!pipe->ended)
    reg_import_pipe_recycle (pipe, reg_import_pipe_next (pipe));
  g_thread_join (g_steal_pointer (&pipe->thread));
  while ((chunk = g_async_queue_try_pop (pipe->full)) != NULL)
    chunk_free (chunk);
  g_clear_pointer (&pipe->full, g_async_queue_unref);
  g_clear_pointer (&pipe->empty, g_async_queue_unref);
}

