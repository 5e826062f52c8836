/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OFX/QFX statements (1.x SGML and 2.x XML) read with libofx. libofx parses a whole file in one
 * call and reports transactions through callbacks, so the transactions are collected first (a
 * statement holds a few thousand at most; files over 64 MB are refused). A light scan of the
 * same file adds what libofx does not give: the line of each STMTTRN, DTPOSTED as written (the
 * local date, where libofx converts to UTC) and the CURRENCY/CURSYM of a statement with empty
 * CURDEF. libofx 0.10 leaks the CURRENCY/ORIGCURRENCY aggregate of a transaction, so files
 * that have one are handed to it through a temporary copy without them (the scan has read them).
 * libofx is not thread-safe: one parse at a time.
 */
#include <glib/gi18n-lib.h>
#include <libofx/libofx.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "clv-money.h"
#include "reg-import-private.h"
#include "reg-io-error.h"

#define OFX_MAX_SIZE ((goffset) 64 * 1024 * 1024)
#define OFX_READ_CHUNK ((gsize) 64 * 1024)

typedef struct
{
  double   amount;
  gboolean amount_valid;
  char    *fitid;
  char    *name;
  char    *memo;
  char    *currency;
  char    *account;
  gboolean credit_card;
  gint64   posted;        /* time_t from libofx */
  gboolean posted_valid;
  char    *check_number;
} OfxTxn;

typedef struct
{
  guint line;
  char  date[9];          /* YYYYMMDD as written, or "" */
  char *type;             /* TRNTYPE as written */
  char *cursym;           /* CURRENCY/CURSYM */
  char *amount;           /* TRNAMT as written */
} OfxScan;

typedef struct
{
  RegImportCtx *ctx;       /* (unowned) */
  GPtrArray    *txns;      /* OfxTxn */
  GArray       *scan;      /* OfxScan */
  gboolean      use_scan;
  guint         next;
  guint64       size;
  char         *account;   /* (owned) ACCTID for the dedupe namespace */
  char         *curdef;    /* (owned) (nullable) from the scan */
} OfxReader;

static GMutex ofx_lock;

static void
txn_free (gpointer data)
{
  OfxTxn *t = data;
  g_free (t->fitid);
  g_free (t->name);
  g_free (t->memo);
  g_free (t->currency);
  g_free (t->account);
  g_free (t->check_number);
  g_free (t);
}

static void
scan_clear (gpointer data)
{
  OfxScan *s = data;
  g_free (s->type);
  g_free (s->cursym);
  g_free (s->amount);
}

/* libofx hands out CHARSET:1252 text as it is: make it UTF-8 */
static char *
to_utf8 (const char *s)
{
  if (s == NULL || *s == '\0')
    return NULL;
  if (g_utf8_validate (s, -1, NULL))
    return g_strdup (s);
  return g_convert (s, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
}

static int
on_transaction_cb (const struct OfxTransactionData data, void *user_data)
{
  OfxReader *r = user_data;
  OfxTxn *t = g_new0 (OfxTxn, 1);

  t->amount = data.amount;
  t->amount_valid = data.amount_valid;
  if (data.fi_id_valid)
    t->fitid = to_utf8 (data.fi_id);
  if (data.name_valid)
    t->name = to_utf8 (data.name);
  if (data.memo_valid)
    t->memo = to_utf8 (data.memo);
  if (data.check_number_valid)
    t->check_number = to_utf8 (data.check_number);
  if (data.currency_valid && data.amounts_are_foreign_currency_valid
      && data.amounts_are_foreign_currency)
    t->currency = g_strdup (data.currency);
  else if (data.account_ptr != NULL && data.account_ptr->currency_valid)
    t->currency = g_strdup (data.account_ptr->currency);
  if (data.account_ptr != NULL)
    {
      if (data.account_ptr->account_number_valid)
        t->account = to_utf8 (data.account_ptr->account_number);
      t->credit_card = data.account_ptr->account_type_valid
                       && data.account_ptr->account_type == OFX_CREDITCARD;
    }
  t->posted = (gint64) data.date_posted;
  t->posted_valid = data.date_posted_valid;
  g_ptr_array_add (r->txns, t);
  return 0;
}

/* ---- the scan: lines, DTPOSTED as written, CURSYM --------------------------------------- */

static void
scan_file (OfxReader *r, const char *data, gsize len)
{
  guint line = 1;
  OfxScan *cur = NULL;
  gboolean in_currency = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char tag[32];
      gsize k = 0;
      const char *value;
      gsize vlen = 0;
      gboolean closing;

      if (data[i] == '\n')
        {
          line++;
          continue;
        }
      if (data[i] != '<')
        continue;
      i++;
      closing = i < len && data[i] == '/';
      if (closing)
        i++;
      while (i < len && k < sizeof tag - 1 && (g_ascii_isalnum (data[i]) || data[i] == '.'))
        tag[k++] = g_ascii_toupper (data[i++]);
      tag[k] = '\0';
      while (i < len && data[i] != '>' && data[i] != '\n')
        i++;
      if (i >= len || data[i] != '>')
        {
          if (i < len && data[i] == '\n')
            line++;
          continue;
        }
      value = data + i + 1;
      while (i + 1 + vlen < len && value[vlen] != '<' && value[vlen] != '\n' && value[vlen] != '\r')
        vlen++;

      if (g_str_equal (tag, "STMTTRN"))
        {
          if (!closing)
            {
              OfxScan s = { 0 };
              s.line = line;
              g_array_append_val (r->scan, s);
              cur = &g_array_index (r->scan, OfxScan, r->scan->len - 1);
            }
          else
            cur = NULL;
          continue;
        }
      if (g_str_equal (tag, "CURRENCY") || g_str_equal (tag, "ORIGCURRENCY"))
        {
          in_currency = !closing && g_str_equal (tag, "CURRENCY");
          continue;
        }
      if (closing)
        continue;
      {
        g_autofree char *v = g_strstrip (g_strndup (value, vlen));
        if (cur != NULL && g_str_equal (tag, "DTPOSTED") && strspn (v, "0123456789") >= 8)
          memcpy (cur->date, v, 8), cur->date[8] = '\0';
        else if (cur != NULL && g_str_equal (tag, "TRNAMT") && cur->amount == NULL && *v != '\0')
          cur->amount = g_strdup (v);
        else if (cur != NULL && g_str_equal (tag, "TRNTYPE") && cur->type == NULL)
          cur->type = g_strdup (v);
        else if (cur != NULL && in_currency && g_str_equal (tag, "CURSYM") && *v != '\0')
          cur->cursym = g_strdup (v);
        else if (cur == NULL && g_str_equal (tag, "ACCTID") && r->account == NULL && *v != '\0')
          r->account = g_strdup (v);
        else if (cur == NULL && g_str_equal (tag, "CURDEF") && r->curdef == NULL && *v != '\0')
          r->curdef = g_strdup (v);
      }
    }
}

/* A copy of the file without CURRENCY and ORIGCURRENCY aggregates, or NULL when it has none. */
static GString *
strip_currency_aggregates (const char *data, gsize len)
{
  GString *out = NULL;
  gsize copied = 0;

  for (gsize i = 0; i + 10 < len; i++)
    {
      const char *open = NULL, *close = NULL;
      if (data[i] != '<')
        continue;
      if (g_ascii_strncasecmp (data + i, "<CURRENCY>", 10) == 0)
        open = "<CURRENCY>", close = "</CURRENCY>";
      else if (i + 14 < len && g_ascii_strncasecmp (data + i, "<ORIGCURRENCY>", 14) == 0)
        open = "<ORIGCURRENCY>", close = "</ORIGCURRENCY>";
      if (open == NULL)
        continue;
      {
        gsize clen = strlen (close);
        gsize j = i + strlen (open);
        while (j + clen <= len && g_ascii_strncasecmp (data + j, close, clen) != 0)
          j++;
        if (j + clen > len)
          continue;   /* not closed: leave it to libofx */
        if (out == NULL)
          out = g_string_sized_new (len);
        g_string_append_len (out, data + copied, (gssize) (i - copied));
        copied = j + clen;
        i = copied - 1;
      }
    }
  if (out != NULL)
    g_string_append_len (out, data + copied, (gssize) (len - copied));
  return out;
}

/* ---- rows ------------------------------------------------------------------------------- */

static gboolean
ofx_step (gpointer data, RegImportCtx *ctx, GCancellable *cancellable, GError **error)
{
  OfxReader *r = data;
  OfxTxn *t;
  OfxScan *s = NULL;
  g_autoptr(RegImportRow) row = NULL;
  guint index;

  if (r->next >= r->txns->len)
    return FALSE;
  index = r->next++;
  t = g_ptr_array_index (r->txns, index);
  if (r->use_scan)
    s = &g_array_index (r->scan, OfxScan, index);
  ctx->rows_read++;
  row = reg_import_ctx_new_row (ctx, s != NULL ? s->line : index + 1, REG_ROW_SALE);

  if (s != NULL && s->date[0] != '\0')
    {
      if (!clv_date_parse (s->date, CLV_DATE_ORDER_YMD, &row->day, NULL))
        {
          g_autofree char *detail = g_strdup_printf (_("“%s” is not a valid date"), s->date);
          reg_import_ctx_reject (ctx, row->line, "DTPOSTED", s->date, detail);
          return TRUE;
        }
    }
  else if (t->posted_valid)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t->posted);
      row->day = clv_date_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                    g_date_time_get_day_of_month (dt));
    }
  else
    {
      reg_import_ctx_reject (ctx, row->line, "DTPOSTED", "", _("the transaction has no date"));
      return TRUE;
    }
  /* TRNAMT as written, read as integer minor units ("-200,00" has a decimal comma, which the
   * spec allows); libofx's double only when the text cannot be read */
  if (s == NULL || s->amount == NULL
      || !(reg_parse_plain_amount (s->amount, '.', ctx->exponent, &row->amount)
           || clv_money_parse_with (s->amount, '\0', ctx->exponent, &row->amount, NULL)))
    {
      if (!t->amount_valid || !isfinite (t->amount)
          || fabs (t->amount) * 100 > (double) CLV_MONEY_MAX)
        {
          reg_import_ctx_reject (ctx, row->line, "TRNAMT",
                                 s != NULL && s->amount != NULL ? s->amount : "",
                                 _("the transaction has no amount that can be read"));
          return TRUE;
        }
      /* below 2^53 minor units, rounding recovers the written amount exactly */
      {
        double scale = 1;
        for (guint i = 0; i < ctx->exponent; i++)
          scale *= 10;
        row->amount = (gint64) llround (t->amount * scale);
      }
    }
  row->external_id = t->fitid != NULL && *t->fitid != '\0' ? g_strdup (t->fitid) : NULL;
  reg_row_set_text (&row->name, t->name);
  reg_row_set_text (&row->reference, t->memo);
  reg_row_set_currency (&row->currency, t->currency);
  if (row->currency == NULL && s != NULL && s->cursym != NULL)
    reg_row_set_currency (&row->currency, s->cursym);
  if (row->currency == NULL && r->curdef != NULL)
    reg_row_set_currency (&row->currency, r->curdef);
  if (s != NULL && s->type != NULL)
    reg_row_set_text (&row->note, s->type);

  if (row->amount < 0)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("money going out is not a sale"));
  else if (row->amount == 0)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("zero amount"));
  else if (t->credit_card)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row),
                                 _("a credit on a credit card is a card payment or a refund, "
                                   "not a sale"));
  else
    reg_import_ctx_emit_row (ctx, g_steal_pointer (&row));
  return TRUE;
}

static guint64
ofx_bytes_read (gpointer data)
{
  OfxReader *r = data;
  /* parsed up front; progress follows the rows handed out */
  return r->txns->len == 0 ? r->size : r->size * r->next / r->txns->len;
}

static guint64
ofx_bytes_total (gpointer data)
{
  return ((OfxReader *) data)->size;
}

static void
ofx_free (gpointer data)
{
  OfxReader *r = data;

  if (r == NULL)
    return;
  g_ptr_array_unref (r->txns);
  g_array_unref (r->scan);
  g_free (r->account);
  g_free (r->curdef);
  g_free (r);
}

const RegImportBackendClass reg_ofx_reader_class = {
  ofx_step, ofx_bytes_read, ofx_bytes_total, NULL, ofx_free,
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OfxReader, ofx_free)

/* The whole file in memory, reading at most @max + 1 bytes (@too_large says when there was
 * more). Read, not mapped: a mapped file that shrinks while it is scanned (a download
 * restarted, a file replaced) kills the process with SIGBUS. */
static GBytes *
read_whole_file (const char *path, gsize max, gboolean *too_large, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) buf = NULL;
  g_autofree guint8 *chunk = NULL;
  gssize got;

  *too_large = FALSE;
  if (in == NULL)
    return NULL;
  buf = g_byte_array_new ();
  chunk = g_malloc (OFX_READ_CHUNK);
  while ((got = g_input_stream_read (G_INPUT_STREAM (in), chunk, OFX_READ_CHUNK, NULL, error)) > 0)
    {
      g_byte_array_append (buf, chunk, (guint) got);
      if (buf->len > max)
        {
          *too_large = TRUE;
          break;
        }
    }
  if (got < 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

gpointer
reg_ofx_reader_new (const char *path, RegImportCtx *ctx, char **source_out, GError **error)
{
  g_autoptr(OfxReader) r = g_new0 (OfxReader, 1);
  g_autoptr(GBytes) contents = NULL;
  const char *data;
  gboolean too_large = FALSE;
  g_autoptr(GError) local = NULL;
  g_autoptr(GString) stripped = NULL;
  g_autofree char *tmp_path = NULL;
  LibofxContextPtr lib;
  int rc;

  r->ctx = ctx;
  r->txns = g_ptr_array_new_with_free_func (txn_free);
  r->scan = g_array_new (FALSE, TRUE, sizeof (OfxScan));
  g_array_set_clear_func (r->scan, scan_clear);
  ctx->named_fields = TRUE;

  contents = read_whole_file (path, (gsize) OFX_MAX_SIZE, &too_large, &local);
  if (contents == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not open %s: %s"), name,
                   local->message);
      return NULL;
    }
  r->size = g_bytes_get_size (contents);
  if (too_large)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                   _("%s is larger than %u MB, which is more than a bank statement holds"),
                   ctx->display_name, (guint) (OFX_MAX_SIZE / 1024 / 1024));
      return NULL;
    }
  data = g_bytes_get_data (contents, NULL);
  scan_file (r, data, r->size);
  stripped = strip_currency_aggregates (data, r->size);
  if (stripped != NULL)
    {
      int fd = g_file_open_tmp ("regulars-XXXXXX.ofx", &tmp_path, &local);
      if (fd < 0 || !g_file_set_contents (tmp_path, stripped->str, (gssize) stripped->len, &local))
        {
          if (fd >= 0)
            close (fd);
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN,
                       _("Could not write a temporary file: %s"), local->message);
          return NULL;
        }
      close (fd);
    }

  g_mutex_lock (&ofx_lock);
  ofx_PARSER_msg = ofx_DEBUG_msg = ofx_DEBUG1_msg = ofx_DEBUG2_msg = ofx_DEBUG3_msg = 0;
  ofx_DEBUG4_msg = ofx_DEBUG5_msg = ofx_STATUS_msg = ofx_INFO_msg = ofx_WARNING_msg = 0;
  ofx_ERROR_msg = 0;
  lib = libofx_get_new_context ();
  ofx_set_transaction_cb (lib, on_transaction_cb, r);
  rc = libofx_proc_file (lib, tmp_path != NULL ? tmp_path : path, AUTODETECT);
  libofx_free_context (lib);
  g_mutex_unlock (&ofx_lock);
  if (tmp_path != NULL)
    g_unlink (tmp_path);

  /* libofx reports errors for files it still reads in full (unknown tags, missing closing
   * tags); it failed only when nothing came out of a file that has transactions */
  if (r->txns->len == 0 && (rc != 0 || r->scan->len > 0))
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                   _("%s could not be read as an OFX statement"), ctx->display_name);
      return NULL;
    }
  /* a statement in another currency than the shop's is refused as a whole, before any row */
  if (r->curdef != NULL && ctx->currency != NULL
      && g_ascii_strcasecmp (r->curdef, ctx->currency->code) != 0
      && g_ascii_strcasecmp (r->curdef, "XXX") != 0)
    {
      const char *at = g_strstr_len (data, (gssize) r->size, "<CURDEF>");
      guint line = 1;

      for (const char *p = data; at != NULL && p < at; p++)
        line += *p == '\n';
      /* TRANSLATORS: "bank.ofx, line 9, field “CURDEF”: the statement is in CAD, but the shop's
       * currency is EUR; nothing was imported" */
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY,
                   _("%s, line %u, field “%s”: the statement is in %s, but the shop's currency is "
                     "%s; nothing was imported"),
                   ctx->display_name, line, "CURDEF", r->curdef, ctx->currency->code);
      return NULL;
    }
  r->use_scan = r->scan->len == r->txns->len;
  if (r->account == NULL && r->txns->len > 0)
    r->account = g_strdup (((OfxTxn *) g_ptr_array_index (r->txns, 0))->account);
  *source_out = g_strconcat ("ofx:", r->account != NULL ? r->account : "", NULL);
  return g_steal_pointer (&r);
}
