/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV records with libcsv: decoded chunks are fed to csv_parse(); its field and row callbacks fill
 * reusable record buffers that RegCsvReader hands out one by one. Line numbers are counted from
 * the row terminators libcsv reports (CSV_REPALL_NL, so blank lines and CRLF count right) and the
 * newlines inside quoted fields.
 */
#include <glib/gi18n-lib.h>
#include <csv.h>
#include <string.h>

#include "reg-csv-reader.h"
#include "reg-io-error.h"
#include "reg-text-decoder.h"

typedef struct
{
  RegCsvRecord pub;
  char        *data;       /* fields, each followed by NUL */
  gsize        len;
  gsize        cap;
  gsize       *offsets;
  gsize       *lens;
  char       **ptrs;       /* into data, built when the record is complete */
  guint        n;
  guint        n_cap;
} Record;

typedef struct
{
  struct csv_parser parser;
  Record   *building;
  GPtrArray *ready;        /* Record, in order */
  guint     ready_head;
  GPtrArray *pool;         /* free Records */
  guint     cur_line;
  guint     row_start;
  int       last_term;
  gsize     record_bytes;
  RegCsvRecordFunc func;   /* for reg_csv_parse_text */
  gpointer  func_data;
} Parser;

struct _RegCsvReader
{
  RegTextDecoder *dec;     /* (owned) */
  Parser          p;
  Record         *handed; /* record returned by the last call, back to the pool on the next */
  gboolean        finished;
};

static Record *
record_new (void)
{
  Record *rec = g_new0 (Record, 1);

  rec->cap = 256;
  rec->data = g_malloc (rec->cap);
  rec->n_cap = 16;
  rec->offsets = g_new (gsize, rec->n_cap);
  rec->lens = g_new (gsize, rec->n_cap);
  rec->ptrs = g_new (char *, rec->n_cap + 1);
  return rec;
}

static void
record_free (gpointer data)
{
  Record *rec = data;

  g_free (rec->data);
  g_free (rec->offsets);
  g_free (rec->lens);
  g_free (rec->ptrs);
  g_free (rec);
}

static void
record_reset (Record *rec)
{
  rec->len = 0;
  rec->n = 0;
}

static Record *
take_record (Parser *p)
{
  Record *rec;

  if (p->pool->len > 0)
    rec = g_ptr_array_steal_index_fast (p->pool, p->pool->len - 1);
  else
    rec = record_new ();
  record_reset (rec);
  return rec;
}

static void
on_field_cb (void *s, size_t len, void *data)
{
  Parser *p = data;
  Record *rec = p->building;

  if (rec->n == rec->n_cap)
    {
      rec->n_cap *= 2;
      rec->offsets = g_renew (gsize, rec->offsets, rec->n_cap);
      rec->lens = g_renew (gsize, rec->lens, rec->n_cap);
      rec->ptrs = g_renew (char *, rec->ptrs, rec->n_cap + 1);
    }
  if (rec->len + len + 1 > rec->cap)
    {
      while (rec->len + len + 1 > rec->cap)
        rec->cap *= 2;
      rec->data = g_realloc (rec->data, rec->cap);
    }
  rec->offsets[rec->n] = rec->len;
  rec->lens[rec->n] = len;
  rec->n++;
  if (len > 0)
    {
      const char *c = s;
      memcpy (rec->data + rec->len, c, len);
      /* newlines inside a quoted field: CRLF counts once */
      if (memchr (c, '\n', len) != NULL || memchr (c, '\r', len) != NULL)
        for (gsize i = 0; i < len; i++)
          if (c[i] == '\n' || (c[i] == '\r' && (i + 1 == len || c[i + 1] != '\n')))
            p->cur_line++;
    }
  rec->len += len;
  rec->data[rec->len++] = '\0';
  p->record_bytes += len + 1;
}

static void
finish_record (Record *rec, guint line)
{
  for (guint i = 0; i < rec->n; i++)
    rec->ptrs[i] = rec->data + rec->offsets[i];
  rec->ptrs[rec->n] = NULL;
  rec->pub.line = line;
  rec->pub.n_fields = rec->n;
  rec->pub.fields = rec->ptrs;
  rec->pub.lengths = rec->lens;
}

static void
on_row_cb (int c, void *data)
{
  Parser *p = data;
  Record *rec = p->building;

  if (rec->n == 0)
    {
      /* a blank line, or the LF of a CRLF */
      if (!(c == '\n' && p->last_term == '\r'))
        {
          if (c != -1)
            p->cur_line++;
        }
      p->row_start = p->cur_line;
      p->last_term = c;
      return;
    }
  finish_record (rec, p->row_start);
  if (p->func != NULL)
    {
      p->func (&rec->pub, p->func_data);
      record_reset (rec);
    }
  else
    {
      g_ptr_array_add (p->ready, rec);
      p->building = take_record (p);
    }
  if (c != -1)
    p->cur_line++;
  p->row_start = p->cur_line;
  p->last_term = c;
  p->record_bytes = 0;
}

/* Only the space character is trimmed around unquoted fields: a tab may be the delimiter. */
static int
is_space_char (unsigned char c)
{
  return c == ' ';
}

static void
parser_init (Parser *p, char delimiter)
{
  csv_init (&p->parser, CSV_REPALL_NL);
  csv_set_delim (&p->parser, (unsigned char) delimiter);
  csv_set_quote (&p->parser, '"');
  csv_set_space_func (&p->parser, is_space_char);
  /* libcsv grows its field buffer by this much at a time (128 bytes by default: long quoted
   * fields would be copied over and over) */
  csv_set_blk_size (&p->parser, 64 * 1024);
  p->ready = g_ptr_array_new ();   /* owns the records from ready_head on */
  p->pool = g_ptr_array_new_with_free_func (record_free);
  p->building = record_new ();
  p->cur_line = 1;
  p->row_start = 1;
  p->last_term = 0;
}

static void
parser_clear (Parser *p)
{
  csv_free (&p->parser);
  if (p->ready != NULL)
    for (guint i = p->ready_head; i < p->ready->len; i++)
      record_free (p->ready->pdata[i]);
  g_clear_pointer (&p->ready, g_ptr_array_unref);
  g_clear_pointer (&p->pool, g_ptr_array_unref);
  if (p->building != NULL)
    record_free (p->building);
  p->building = NULL;
}

void
reg_csv_parse_text (const char *text, gsize len, char delimiter, gboolean at_eof,
                    RegCsvRecordFunc func, gpointer user_data)
{
  Parser p = { 0 };

  parser_init (&p, delimiter);
  p.func = func;
  p.func_data = user_data;
  csv_parse (&p.parser, text, len, on_field_cb, on_row_cb, &p);
  if (at_eof)
    csv_fini (&p.parser, on_field_cb, on_row_cb, &p);
  parser_clear (&p);
}

/**
 * reg_csv_reader_new:
 * @encoding: (nullable): the file's encoding, or NULL to detect it
 * @delimiter: ',', ';', '\t', '|', …
 *
 * Returns: (transfer full): the reader, or NULL when the file cannot be opened or decoded
 */
RegCsvReader *
reg_csv_reader_new (const char *path, const char *encoding, char delimiter, GError **error)
{
  RegCsvReader *reader;
  RegTextDecoder *dec = reg_text_decoder_new (path, encoding, error);

  if (dec == NULL)
    return NULL;
  reader = g_new0 (RegCsvReader, 1);
  reader->dec = dec;
  parser_init (&reader->p, delimiter != '\0' ? delimiter : ',');
  return reader;
}

/**
 * reg_csv_reader_next:
 * @record: (out) (transfer none): the next record, valid until the next call
 *
 * Returns: %TRUE with a record; %FALSE at the end (error unset) or on an error: unreadable bytes
 *   (%REG_IO_ERROR_ENCODING), a record longer than %REG_CSV_MAX_RECORD (%REG_IO_ERROR_TOO_LARGE),
 *   cancellation
 */
gboolean
reg_csv_reader_next (RegCsvReader *reader, const RegCsvRecord **record, GCancellable *cancellable,
                     GError **error)
{
  Parser *p = &reader->p;

  *record = NULL;
  if (reader->handed != NULL)
    {
      g_ptr_array_add (p->pool, reader->handed);
      reader->handed = NULL;
    }

  while (p->ready_head >= p->ready->len)
    {
      const char *text;
      gsize len;

      /* all handed out (each went back to the pool on the call after) */
      g_ptr_array_set_size (p->ready, 0);
      p->ready_head = 0;
      if (reader->finished)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!reg_text_decoder_read (reader->dec, &text, &len, cancellable, error))
        return FALSE;
      if (len == 0)
        {
          csv_fini (&p->parser, on_field_cb, on_row_cb, p);
          reader->finished = TRUE;
          continue;
        }
      /* feed in slices so an overlong record is caught soon after it passes the limit */
      for (gsize off = 0; off < len;)
        {
          gsize n = MIN (len - off, (gsize) 64 * 1024);
          if (csv_parse (&p->parser, text + off, n, on_field_cb, on_row_cb, p) != n)
            {
              g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                           _("%s, line %u: %s"), reg_text_decoder_get_display_name (reader->dec),
                           p->row_start, csv_strerror (csv_error (&p->parser)));
              return FALSE;
            }
          off += n;
          if (p->record_bytes + p->parser.entry_pos > REG_CSV_MAX_RECORD)
            {
              g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                           _("%s, line %u: the line is longer than %u kB; this does not look "
                             "like an export with one row per sale (is a quote left open?)"),
                           reg_text_decoder_get_display_name (reader->dec), p->row_start,
                           (guint) (REG_CSV_MAX_RECORD / 1024));
              return FALSE;
            }
        }
    }

  reader->handed = p->ready->pdata[p->ready_head++];
  *record = &reader->handed->pub;
  return TRUE;
}

const char *
reg_csv_reader_get_encoding (RegCsvReader *reader)
{
  return reg_text_decoder_get_encoding (reader->dec);
}

double
reg_csv_reader_get_encoding_confidence (RegCsvReader *reader)
{
  return reg_text_decoder_get_confidence (reader->dec);
}

gboolean
reg_csv_reader_get_has_bom (RegCsvReader *reader)
{
  return reg_text_decoder_get_has_bom (reader->dec);
}

guint64
reg_csv_reader_get_bytes_read (RegCsvReader *reader)
{
  return reg_text_decoder_get_bytes_read (reader->dec);
}

guint64
reg_csv_reader_get_bytes_total (RegCsvReader *reader)
{
  return reg_text_decoder_get_bytes_total (reader->dec);
}

const char *
reg_csv_reader_get_display_name (RegCsvReader *reader)
{
  return reg_text_decoder_get_display_name (reader->dec);
}

void
reg_csv_reader_free (RegCsvReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->handed != NULL)
    record_free (reader->handed);
  parser_clear (&reader->p);
  reg_text_decoder_free (reader->dec);
  g_free (reader);
}
