/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportReader: resolves the options (format, preset, decimal mark, date order, currency
 * exponent), sniffs what they leave open, and streams results from the chosen backend (CSV with
 * presets, OFX, QIF, CAMT.053, MT940). Also the RegImportCtx helpers every backend uses to turn
 * text into amounts and dates with messages that name file, line, column and value. Runs on the
 * caller's thread; the caller owns the reader and each row or issue it hands out.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clv-error.h"
#include "clv-money.h"
#include "clv-text.h"
#include "reg-import-private.h"
#include "reg-import-reader.h"
#include "reg-io-error.h"
#include "reg-text-decoder.h"

struct _RegImportReader
{
  char                        *format;    /* (owned) */
  char                        *preset;    /* (owned) (nullable) */
  char                        *source;    /* (owned) */
  char                        *encoding;  /* (owned) (nullable) */
  RegImportMapping            *mapping;   /* (owned) (nullable) mapping in use, for the record */
  RegImportCtx                *ctx;       /* (owned) */
  const RegImportBackendClass *klass;
  gpointer                     backend;   /* (owned) */
  gboolean                     done;
};

/* ---- context ---------------------------------------------------------------------------- */

RegImportCtx *
reg_import_ctx_new (const char *path)
{
  RegImportCtx *ctx = g_new0 (RegImportCtx, 1);

  ctx->display_name = g_path_get_basename (path);
  ctx->exponent = 2;
  ctx->queue = g_array_sized_new (FALSE, FALSE, sizeof (RegImportQueued), 8);
  ctx->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  ctx->occurrences = reg_occurrence_new ();
  ctx->scratch = g_string_sized_new (256);
  ctx->today = clv_date_today ();
  return ctx;
}

void
reg_import_ctx_free (RegImportCtx *ctx)
{
  if (ctx == NULL)
    return;
  for (guint i = ctx->queue_head; i < ctx->queue->len; i++)
    {
      RegImportQueued *res = &g_array_index (ctx->queue, RegImportQueued, i);
      reg_import_row_free (res->row);
      reg_import_issue_free (res->issue);
    }
  g_array_unref (ctx->queue);
  g_checksum_free (ctx->checksum);
  reg_occurrence_free (ctx->occurrences);
  g_string_free (ctx->scratch, TRUE);
  g_free (ctx->display_name);
  g_free (ctx);
}

RegImportRow *
reg_import_ctx_new_row (RegImportCtx *ctx, guint line, RegRowKind kind)
{
  RegImportRow *row = reg_import_row_new ();

  row->line = line;
  row->kind = kind;
  return row;
}

static void
push_keyed (RegImportCtx *ctx, RegImportRow *row, RegImportIssue *issue, guint64 base,
            gboolean keyed)
{
  RegImportQueued res = { row, issue, base, keyed };

  if (ctx->queue_head > 0 && ctx->queue_head == ctx->queue->len)
    {
      g_array_set_size (ctx->queue, 0);
      ctx->queue_head = 0;
    }
  g_array_append_val (ctx->queue, res);
}

static void
push (RegImportCtx *ctx, RegImportRow *row, RegImportIssue *issue)
{
  push_keyed (ctx, row, issue, 0, FALSE);
}

/* "orders.csv, line 4, field “name”: “Anna\x1B[2J” has a control character" for every format:
 * the rules a sale's date, a payer's name and address must meet whichever reader made the row
 * (CSV dates are checked with their column's name as they are read). */
static void
reject_field (RegImportCtx *ctx, guint line, const char *field, const char *value,
              const char *detail)
{
  /* TRANSLATORS: "orders.csv, line 12, field “name”: A customer's name must have 1 to 500
   * characters" */
  g_autofree char *reason = g_strdup_printf (_("%s, line %u, field “%s”: %s"), ctx->display_name,
                                             line, field, detail);

  reg_import_ctx_emit_issue (ctx, line, field, value, reason);
}

static gboolean
check_row (RegImportCtx *ctx, RegImportRow *row)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *detail = NULL;
  char iso[11];

  if (row->kind == REG_ROW_SKIPPED)
    return TRUE;
  if (row->day > 0 && !clv_date_check_sale (row->day, ctx->today, &local))
    {
      clv_date_format_iso_buf (row->day, iso);
      detail = g_strdup_printf ("“%s” %s", iso, local->message);
      reject_field (ctx, row->line, "date", iso, detail);
      return FALSE;
    }
  if (row->name != NULL
      && (clv_text_has_control (row->name, FALSE)
          /* no more bytes than the limit is no more characters: counted only past it */
          || (strlen (row->name) > CLV_NAME_MAX_CHARS
              && g_utf8_strlen (row->name, -1) > CLV_NAME_MAX_CHARS)))
    {
      quoted = clv_text_quote (row->name);
      if (clv_text_has_control (row->name, FALSE))
        /* TRANSLATORS: the value of a name, then why it is refused */
        detail = g_strdup_printf (_("“%s” has a control character (such as ESC or BEL); remove "
                                    "it from the file"), quoted);
      else
        detail = g_strdup_printf (_("“%s” is longer than %u characters"), quoted,
                                  (guint) CLV_NAME_MAX_CHARS);
      reject_field (ctx, row->line, "name", row->name, detail);
      return FALSE;
    }
  if (row->email != NULL && !clv_email_is_valid (row->email))
    {
      quoted = clv_text_quote (row->email);
      detail = g_strdup_printf (_("“%s” is not an e-mail address"), quoted);
      reject_field (ctx, row->line, "email", row->email, detail);
      return FALSE;
    }
  return TRUE;
}

void
reg_import_ctx_emit_row (RegImportCtx *ctx, RegImportRow *row)
{
  if (!check_row (ctx, row))
    {
      reg_import_row_free (row);
      return;
    }
  if (!ctx->lazy_hash || row->external_id == NULL)
    {
      guint64 base = reg_import_row_content_base (row);

      if (ctx->legacy_hash && row->external_id == NULL)
        reg_import_row_compute_hash_with (row, ctx->checksum, ctx->scratch);
      /* the occurrence is counted when the row leaves the queue, by then its place in the
       * table of contents seen is at hand: a file's rows come in blocks of hundreds */
      reg_occurrence_prefetch (ctx->occurrences, base);
      push_keyed (ctx, row, NULL, base, TRUE);
      return;
    }
  push (ctx, row, NULL);
}

void
reg_import_ctx_emit_skipped (RegImportCtx *ctx, RegImportRow *row, const char *reason)
{
  row->kind = REG_ROW_SKIPPED;
  g_free (row->skip_reason);
  row->skip_reason = g_strdup (reason);
  reg_import_ctx_emit_row (ctx, row);
}

void
reg_import_ctx_emit_issue (RegImportCtx *ctx, guint line, const char *field, const char *value,
                           const char *reason)
{
  push (ctx, NULL, reg_import_issue_new (line, field, value, reason));
}

void
reg_import_ctx_reject (RegImportCtx *ctx, guint line, const char *column, const char *value,
                       const char *raw_detail)
{
  g_autofree char *reason = NULL;
  /* the readers quote the value whole: shortened and escaped here, once for every format */
  g_autofree char *detail = clv_text_quote_in (raw_detail, value);

  if (column != NULL && ctx->named_fields)
    /* TRANSLATORS: "web.qif, line 2, field “D”: “13/45/99” is not a valid date" */
    reason = g_strdup_printf (_("%s, line %u, field “%s”: %s"), ctx->display_name, line, column,
                              detail);
  else if (column != NULL)
    /* TRANSLATORS: "orders.csv, line 12, column “Total”: “12,3,4” is not an amount" */
    reason = g_strdup_printf (_("%s, line %u, column “%s”: %s"), ctx->display_name, line,
                              column, detail);
  else
    reason = g_strdup_printf (_("%s, line %u: %s"), ctx->display_name, line, detail);
  reg_import_ctx_emit_issue (ctx, line, column, value, reason);
}

gboolean
reg_import_ctx_has_results (RegImportCtx *ctx)
{
  return ctx->queue_head < ctx->queue->len;
}

gboolean
reg_import_ctx_pop (RegImportCtx *ctx, RegImportRow **row, RegImportIssue **issue)
{
  RegImportQueued *res;

  if (ctx->queue_head >= ctx->queue->len)
    return FALSE;
  res = &g_array_index (ctx->queue, RegImportQueued, ctx->queue_head++);
  *row = res->row;
  *issue = res->issue;
  if (res->keyed)
    res->row->content_key = reg_import_row_key_of (res->base,
                                                   reg_occurrence_next (ctx->occurrences,
                                                                        res->base));
  if (ctx->queue_head == ctx->queue->len)
    {
      g_array_set_size (ctx->queue, 0);
      ctx->queue_head = 0;
    }
  return TRUE;
}

/* ---- value helpers ---------------------------------------------------------------------- */

gboolean
reg_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/**
 * reg_parse_plain_amount:
 *
 * The common case of a bulk export, `-1234.56`, without allocating. Anything with thousands
 * separators, symbols, parentheses or a doubtful mark is left to clv_money_parse_with().
 */
gboolean
reg_parse_plain_amount (const char *text, char decimal, guint exponent, gint64 *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;
  guint int_digits = 0, frac_digits = 0;
  char mark = decimal != '\0' ? decimal : '.';

  while (*p == ' ')
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  while (g_ascii_isdigit (*p))
    {
      if (++int_digits > 13)
        return FALSE;
      value = value * 10 + (*p++ - '0');
    }
  if (int_digits == 0)
    return FALSE;
  if (*p == mark)
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          if (++frac_digits > exponent)
            return FALSE;
          value = value * 10 + (*p++ - '0');
        }
      if (frac_digits == 0)
        return FALSE;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  for (guint i = frac_digits; i < exponent; i++)
    value *= 10;
  if (value > CLV_MONEY_MAX)
    return FALSE;
  *out = negative ? -value : value;
  return TRUE;
}

gboolean
reg_import_ctx_parse_amount_exp (RegImportCtx *ctx, guint line, const char *column,
                                 const char *text, guint exponent, gint64 *out)
{
  g_autoptr(GError) error = NULL;

  if (text != NULL && reg_parse_plain_amount (text, ctx->decimal, exponent, out))
    return TRUE;
  if (clv_money_parse_in (text != NULL ? text : "", ctx->decimal, exponent, ctx->currency, out,
                          &error))
    return TRUE;
  reg_import_ctx_reject (ctx, line, column, text != NULL ? text : "", error->message);
  return FALSE;
}

gboolean
reg_import_ctx_parse_amount (RegImportCtx *ctx, guint line, const char *column, const char *text,
                             gint64 *out)
{
  return reg_import_ctx_parse_amount_exp (ctx, line, column, text, ctx->exponent, out);
}

/* "2024-03-05" (with or without a time after it) without GDate: bulk exports are full of them.
 * Days from the civil date as in H. Hinnant's days_from_civil, shifted so that 0001-01-01 is 1
 * like GDate's Julian days. */
static gboolean
parse_plain_iso_date (const char *s, gint32 *out)
{
  static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d, era, yoe, doy, doe;
  gboolean leap;

  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? s[i] != '-' : !g_ascii_isdigit (s[i]))
      return FALSE;
  if (s[10] != '\0' && s[10] != ' ' && s[10] != 'T')
    return FALSE;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
    return FALSE;
  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  /* era * 146097 + doe - 719468 days from 1970-01-01, which is GDate day 719163 */
  *out = era * 146097 + doe - 719468 + 719163;
  return TRUE;
}

gboolean
reg_import_ctx_probe_date (RegImportCtx *ctx, const char *text, gint32 *out)
{
  return text != NULL
         && (parse_plain_iso_date (text, out) || clv_date_parse (text, ctx->date_order, out, NULL));
}

gboolean
reg_import_ctx_parse_date (RegImportCtx *ctx, guint line, const char *column, const char *text,
                           gint32 *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL || reg_text_is_blank (text))
    {
      reg_import_ctx_reject (ctx, line, column, "", _("the date is empty"));
      return FALSE;
    }
  if (parse_plain_iso_date (text, out) || clv_date_parse (text, ctx->date_order, out, &error))
    {
      g_autofree char *quoted = NULL;
      g_autofree char *detail = NULL;

      if (clv_date_check_sale (*out, ctx->today, &error))
        return TRUE;
      quoted = clv_text_quote (text);
      detail = g_strdup_printf ("“%s” %s", quoted, error->message);
      reg_import_ctx_reject (ctx, line, column, text, detail);
      return FALSE;
    }
  reg_import_ctx_reject (ctx, line, column, text, error->message);
  return FALSE;
}

void
reg_row_set_text (char **slot, const char *text)
{
  const char *start, *end;
  gboolean clean = TRUE;
  char *out, *o;
  gboolean space = FALSE;

  g_clear_pointer (slot, g_free);
  if (text == NULL)
    return;
  /* fast path: no runs of white space, nothing to trim */
  for (start = text; *start == ' '; start++)
    ;
  for (end = start; *end != '\0'; end++)
    {
      guchar c = (guchar) *end;
      if (c == '\t' || c == '\n' || c == '\r' || c == 0xc2 || (c == ' ' && end[1] == ' '))
        clean = FALSE;
    }
  while (end > start && end[-1] == ' ')
    end--;
  if (end == start)
    return;
  if (clean)
    {
      *slot = g_strndup (start, (gsize) (end - start));
      return;
    }
  /* collapse runs of white space, including no-break spaces, to one space */
  o = out = g_malloc ((gsize) (end - start) + 1);
  for (const char *p = start; p < end; p++)
    {
      if (g_ascii_isspace (*p) || ((guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0))
        {
          if ((guchar) p[0] == 0xc2)
            p++;
          space = o > out;
          continue;
        }
      if (space)
        *o++ = ' ';
      space = FALSE;
      *o++ = *p;
    }
  *o = '\0';
  if (o == out)
    {
      g_free (out);
      return;
    }
  *slot = out;
}

void
reg_row_set_email (char **slot, const char *text)
{
  const char *start, *end;
  gboolean ascii = TRUE, at = FALSE;

  g_clear_pointer (slot, g_free);
  if (text == NULL)
    return;
  for (start = text; g_ascii_isspace (*start); start++)
    ;
  for (end = start; *end != '\0'; end++)
    {
      ascii = ascii && (guchar) *end < 0x80;
      at = at || *end == '@';
    }
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (!at || memchr (start, ' ', (gsize) (end - start)) != NULL)
    return;
  if (ascii)
    {
      char *out = g_strndup (start, (gsize) (end - start));
      /* by hand: g_ascii_tolower is a call per character */
      for (char *p = out; *p != '\0'; p++)
        if (*p >= 'A' && *p <= 'Z')
          *p += 'a' - 'A';
      *slot = out;
    }
  else
    /* folded without the locale: IŞIK@ÖRNEK.COM is one key under tr_TR and under C */
    *slot = clv_text_fold (start, end - start);
}

static gboolean
is_iban (const char *s, gsize len)
{
  if (len < 15 || len > 34)
    return FALSE;
  if (!g_ascii_isupper (s[0]) || !g_ascii_isupper (s[1]) || !g_ascii_isdigit (s[2])
      || !g_ascii_isdigit (s[3]))
    return FALSE;
  for (gsize i = 4; i < len; i++)
    if (!(g_ascii_isdigit (s[i]) || g_ascii_isupper (s[i])))
      return FALSE;
  return TRUE;
}

void
reg_row_set_iban (char **slot, const char *text)
{
  GString *out;

  g_clear_pointer (slot, g_free);
  if (text == NULL)
    return;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  if (is_iban (out->str, out->len))
    *slot = g_string_free (out, FALSE);
  else
    g_string_free (out, TRUE);
}

void
reg_row_set_currency (char **slot, const char *text)
{
  char code[4];
  const char *p = text;
  gsize n = 0;

  g_clear_pointer (slot, g_free);
  if (text == NULL)
    return;
  while (g_ascii_isspace (*p))
    p++;
  while (n < 3 && g_ascii_isalpha (p[n]))
    {
      code[n] = g_ascii_toupper (p[n]);
      n++;
    }
  code[n] = '\0';
  if (n != 3 || (p[3] != '\0' && !g_ascii_isspace (p[3])))
    return;
  /* XXX is ISO 4217's "no currency": the statement does not say */
  if (g_str_equal (code, "XXX"))
    return;
  *slot = g_strdup (code);
}

char *
reg_find_iban (const char *text, const char **after)
{
  const char *p = text;

  if (text == NULL)
    return NULL;
  while (*p != '\0')
    {
      const char *start;
      while (*p == ' ' || *p == '\t' || *p == '/' || *p == ':')
        p++;
      start = p;
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '/' && *p != ':')
        p++;
      if (is_iban (start, (gsize) (p - start)))
        {
          if (after != NULL)
            *after = p;
          return g_strndup (start, (gsize) (p - start));
        }
    }
  return NULL;
}

gboolean
reg_text_contains_word (const char *haystack, const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL || needle == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  n = g_utf8_casefold (needle, -1);
  return strstr (h, n) != NULL;
}

/**
 * reg_date_order_from_format:
 * @format: strptime-like ("%d.%m.%Y", "%m/%d/%y", "%Y%m%d") or "DMY" / "MDY" / "YMD"
 *
 * Returns: the order of day, month and year in @format, or %CLV_DATE_ORDER_UNKNOWN
 */
ClvDateOrder
reg_date_order_from_format (const char *format)
{
  int pos_d = -1, pos_m = -1, pos_y = -1, k = 0;

  if (format == NULL)
    return CLV_DATE_ORDER_UNKNOWN;
  if (clv_date_order_from_id (format) != CLV_DATE_ORDER_UNKNOWN)
    return clv_date_order_from_id (format);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%' || p[1] == '\0')
        continue;
      p++;
      switch (*p)
        {
        case 'd':
        case 'e':
          pos_d = k++;
          break;
        case 'm':
        case 'b':
        case 'B':
        case 'h':
          pos_m = k++;
          break;
        case 'Y':
        case 'y':
          pos_y = k++;
          break;
        case 'F':
          return CLV_DATE_ORDER_YMD;
        default:
          break;
        }
    }
  if (pos_d < 0 || pos_m < 0 || pos_y < 0)
    return CLV_DATE_ORDER_UNKNOWN;
  if (pos_y == 0)
    return CLV_DATE_ORDER_YMD;
  return pos_d < pos_m ? CLV_DATE_ORDER_DMY : CLV_DATE_ORDER_MDY;
}

/* ---- reader ----------------------------------------------------------------------------- */

static const char *
format_for_preset (const char *preset)
{
  const RegImportPreset *p = reg_import_preset_lookup (preset);
  return p != NULL ? p->format : NULL;
}

/* Refuses what no export reader can use, with a message that says what the file is: a file
 * over REG_IMPORT_MAX_FILE_SIZE, a compressed or binary file (a zip or gzip archive, a
 * workbook, a PDF, a program renamed .csv), which would otherwise end in a puzzling "the text is
 * not valid WINDOWS-1252". A file that cannot be opened is left to the reader to report. */
static gboolean
check_plain_file (const char *path, GError **error)
{
  static const struct
  {
    const char *magic;
    gsize       len;
    const char *what;
  } kinds[] = {
    { "PK\x03\x04", 4, N_("a ZIP archive (an Excel workbook is one too)") },
    { "\x1f\x8b", 2, N_("a gzip-compressed file") },
    { "BZh", 3, N_("a bzip2-compressed file") },
    { "\xfd" "7zXZ", 5, N_("an xz-compressed file") },
    { "7z\xbc\xaf\x27\x1c", 6, N_("a 7-Zip archive") },
    { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8,
      N_("an Excel 97–2003 workbook or another Office file") },
    { "%PDF", 4, N_("a PDF document") },
    { "\x7f" "ELF", 4, N_("a program") },
  };
  g_autofree char *name = g_path_get_basename (path);
  guint8 head[4096];
  gssize n;
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > REG_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_autofree char *limit = g_format_size ((guint64) REG_IMPORT_MAX_FILE_SIZE);
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                   _("%s is %s, more than the %s Regulars reads in one import; export a shorter "
                     "period, or split the file, and import the parts one after the other"),
                   name, size, limit);
      return FALSE;
    }
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;
  do
    n = read (fd, head, sizeof head);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n <= 0)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if ((gsize) n >= kinds[i].len && memcmp (head, kinds[i].magic, kinds[i].len) == 0)
      {
        g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                     _("%s is %s, not an export Regulars can read; export the sales as CSV, "
                       "OFX, QIF or CAMT.053 (unpack an archive first) and import that file"),
                     name, _(kinds[i].what));
        return FALSE;
      }
  /* NUL bytes mean binary data, except in UTF-16 text and as padding at the very end */
  {
    const guint8 *nul = memchr (head, 0, (gsize) n);
    gboolean binary = FALSE;
    gsize bom = 0;

    if (nul != NULL && !g_str_has_prefix (reg_text_detect_encoding (head, (gsize) n, &bom, NULL),
                                          "UTF-16"))
      {
        binary = nul == head;   /* nothing but padding: not text either */
        for (const guint8 *p = nul; p < head + n; p++)
          if (*p != 0)
            binary = TRUE;
      }
    if (binary)
      {
        g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                     _("%s is not a text file (it holds binary data); export the sales as CSV, "
                       "OFX, QIF or CAMT.053 and import that file"), name);
        return FALSE;
      }
  }
  return TRUE;
}

static char *
detect_format (const char *path, const char *encoding, double *confidence, GError **error)
{
  g_autoptr(RegTextDecoder) dec = reg_text_decoder_new (path, encoding, error);
  const char *text;
  gsize len;

  if (dec == NULL)
    return NULL;
  if (!reg_text_decoder_read (dec, &text, &len, NULL, error))
    return NULL;
  return g_strdup (reg_sniff_format_of_head (text, len, confidence));
}

/**
 * reg_import_reader_new:
 * @path: the file to read
 * @opts: (nullable): what the user chose; everything left NULL or 0 is sniffed
 *
 * Opens the file, settles format, encoding, delimiter, header row, preset, decimal mark and date
 * order, and checks that the mapping names columns the file has.
 * Returns: (transfer full): the reader, or NULL with a %REG_IO_ERROR: OPEN (cannot read),
 *   FORMAT (not an export Regulars knows, MT940 when not readable), ENCODING, MAPPING (a mapped
 *   column is missing, or no date/amount column could be found)
 */
RegImportReader *
reg_import_reader_new (const char *path, const RegImportOptions *opts, GError **error)
{
  static const RegImportOptions no_opts = { 0 };
  g_autoptr(RegImportReader) r = g_new0 (RegImportReader, 1);
  const ClvCurrency *cur;
  const char *preset_format;
  double confidence = 0;

  g_return_val_if_fail (path != NULL, NULL);
  if (opts == NULL)
    opts = &no_opts;

  if (opts->preset != NULL && reg_import_preset_lookup (opts->preset) == NULL)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                   _("“%s” is not a preset: use shopify, woocommerce, square, stripe, paypal, "
                     "etsy, online-retail, bank-csv, ofx, qif or camt053"), opts->preset);
      return NULL;
    }

  r->ctx = reg_import_ctx_new (path);
  cur = clv_currency_lookup (opts->shop_currency);
  r->ctx->exponent = opts->currency_exponent != 0 ? opts->currency_exponent
                     : cur != NULL              ? cur->exponent
                                                : 2;
  r->ctx->currency = cur;
  r->ctx->decimal = opts->decimal;
  r->ctx->lazy_hash = opts->lazy_hash;
  r->ctx->date_order = reg_date_order_from_format (opts->date_format);
  if (opts->date_format != NULL && r->ctx->date_order == CLV_DATE_ORDER_UNKNOWN)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                   _("“%s” is not a date format: write it like %%d.%%m.%%Y or give the order "
                     "DMY, MDY or YMD"), opts->date_format);
      return NULL;
    }

  if (!check_plain_file (path, error))
    return NULL;
  preset_format = format_for_preset (opts->preset);
  if (opts->format != NULL)
    r->format = g_ascii_strdown (opts->format, -1);
  else if (preset_format != NULL && !g_str_equal (preset_format, "csv"))
    r->format = g_strdup (preset_format);
  else
    {
      r->format = detect_format (path, opts->encoding, &confidence, error);
      if (r->format == NULL)
        return NULL;
      /* a CSV preset on something that is clearly not CSV: trust the content */
    }
  if (g_str_equal (r->format, "qfx"))
    g_free (r->format), r->format = g_strdup ("ofx");
  if (g_str_equal (r->format, "camt") || g_str_equal (r->format, "camt.053"))
    g_free (r->format), r->format = g_strdup ("camt053");

  if (g_str_equal (r->format, "csv"))
    {
      r->backend = reg_csv_import_new (path, opts, NULL, r->ctx, &r->preset, &r->source,
                                       &r->mapping, error);
      r->klass = &reg_csv_import_class;
    }
  else if (g_str_equal (r->format, "ofx"))
    {
      r->backend = reg_ofx_reader_new (path, r->ctx, &r->source, error);
      r->klass = &reg_ofx_reader_class;
      r->preset = g_strdup ("ofx");
    }
  else if (g_str_equal (r->format, "qif"))
    {
      r->backend = reg_qif_reader_new (path, opts, r->ctx, &r->source, error);
      r->klass = &reg_qif_reader_class;
      r->preset = g_strdup ("qif");
    }
  else if (g_str_equal (r->format, "camt053") || g_str_equal (r->format, "xml"))
    {
      /* other XML: the CAMT reader says what it is not */
      r->backend = reg_camt_reader_new (path, r->ctx, &r->source, error);
      r->klass = &reg_camt_reader_class;
      r->preset = g_strdup ("camt053");
    }
  else if (g_str_equal (r->format, "mt940"))
    {
      r->backend = reg_mt940_reader_new (path, r->ctx, &r->source, error);
      r->klass = &reg_mt940_reader_class;
      r->preset = g_strdup ("mt940");
    }
  else
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                   _("“%s” is not an import format: use csv, ofx, qif or camt053"),
                   opts->format != NULL ? opts->format : r->format);
      return NULL;
    }
  if (r->backend == NULL)
    return NULL;
  if (r->klass->encoding != NULL)
    r->encoding = g_strdup (r->klass->encoding (r->backend));
  return g_steal_pointer (&r);
}

/**
 * reg_import_reader_next:
 * @row: (out) (transfer full) (nullable): the next sale, refund or skipped row
 * @issue: (out) (transfer full) (nullable): or the next rejected row
 *
 * Returns: %TRUE with exactly one of @row or @issue set; %FALSE at the end (@error unset) or on
 *   a fatal error (cancelled, unreadable bytes, an overlong line): then the import must stop.
 */
gboolean
reg_import_reader_next (RegImportReader *r, RegImportRow **row, RegImportIssue **issue,
                        GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (r != NULL && row != NULL && issue != NULL, FALSE);

  *row = NULL;
  *issue = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  while (!reg_import_ctx_has_results (r->ctx))
    {
      g_autoptr(GError) local = NULL;

      if (r->done)
        return FALSE;
      if (!r->klass->step (r->backend, r->ctx, cancellable, &local))
        {
          r->done = TRUE;
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
        }
    }
  return reg_import_ctx_pop (r->ctx, row, issue);
}

guint64
reg_import_reader_get_bytes_read (RegImportReader *r)
{
  return r->klass->bytes_read (r->backend);
}

guint64
reg_import_reader_get_bytes_total (RegImportReader *r)
{
  return r->klass->bytes_total (r->backend);
}

guint
reg_import_reader_get_rows_read (RegImportReader *r)
{
  return r->ctx->rows_read;
}

const char *
reg_import_reader_get_format (RegImportReader *r)
{
  return r->format;
}

const char *
reg_import_reader_get_preset (RegImportReader *r)
{
  return r->preset;
}

const char *
reg_import_reader_get_source (RegImportReader *r)
{
  return r->source;
}

const char *
reg_import_reader_get_encoding (RegImportReader *r)
{
  return r->encoding;
}

const RegImportMapping *
reg_import_reader_get_mapping (RegImportReader *r)
{
  return r->mapping;
}

void
reg_import_reader_set_legacy_hash (RegImportReader *r, gboolean legacy)
{
  r->ctx->legacy_hash = legacy;
}

void
reg_import_reader_free (RegImportReader *r)
{
  if (r == NULL)
    return;
  if (r->backend != NULL)
    r->klass->free (r->backend);
  reg_import_ctx_free (r->ctx);
  reg_import_mapping_free (r->mapping);
  g_free (r->format);
  g_free (r->preset);
  g_free (r->source);
  g_free (r->encoding);
  g_free (r);
}
