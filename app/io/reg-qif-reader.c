/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * QIF, read by hand (the format is a list of one-letter fields): `!Type:Bank` (Cash, CCard,
 * Oth A/L) records of D date, T/U amount, P payee, M memo, N number, C cleared, ended by `^`.
 * Dates follow Quicken's habits: M/D/YY by default, `'` before a year after 1999, and the Y2K
 * bug's three-digit years (`03/25/099` = 1999) with text glued on. Streams record by record.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "clv-error.h"
#include "clv-money.h"
#include "reg-import-private.h"
#include "reg-io-error.h"
#include "reg-line-reader.h"

typedef enum
{
  QIF_NONE,        /* before any !Type or in a list we do not read (categories, classes, …) */
  QIF_CASH,        /* Bank, Cash, CCard, Oth A, Oth L */
  QIF_INVEST,
  QIF_ACCOUNT,     /* !Account block: account descriptions, not transactions */
} QifSection;

typedef struct
{
  RegLineReader *lines;     /* (owned) */
  RegImportCtx  *ctx;       /* (unowned) */
  QifSection     section;
  gboolean       account_list;  /* after !Option:AutoSwitch: !Account records are a list */
  /* the record being read */
  guint          rec_line;
  char          *date;      /* (owned) raw D */
  char          *amount;    /* (owned) raw T or U */
  guint          amount_line;
  guint          date_line;
  char          *payee;
  char          *memo;
  char          *number;
  char          *category;
  char          *cleared;
  gboolean       has_fields;
  gboolean       eof;
} QifReader;

static void
record_clear (QifReader *q)
{
  g_clear_pointer (&q->date, g_free);
  g_clear_pointer (&q->amount, g_free);
  g_clear_pointer (&q->payee, g_free);
  g_clear_pointer (&q->memo, g_free);
  g_clear_pointer (&q->number, g_free);
  g_clear_pointer (&q->category, g_free);
  g_clear_pointer (&q->cleared, g_free);
  q->has_fields = FALSE;
  q->rec_line = 0;
}

/* "03/25/099Share Withdrawal", "1/ 1'24", "8/12/13", "2024-03-05", "20240305" */
static gboolean
parse_qif_date (const char *text, ClvDateOrder order, gint32 *out)
{
  int parts[3] = { 0 }, lens[3] = { 0 }, n = 0;
  gboolean apostrophe = FALSE;
  const char *p = text;
  int y, m, d;

  while (*p == ' ')
    p++;
  {
    /* compact YYYYMMDD */
    gsize k = strspn (p, "0123456789");
    if (k == 8)
      return clv_date_parse (p, CLV_DATE_ORDER_YMD, out, NULL);
  }
  while (*p != '\0' && n < 3)
    {
      if (g_ascii_isdigit (*p))
        {
          int v = 0, len = 0;
          while (g_ascii_isdigit (*p) && len < 4)
            v = v * 10 + (*p++ - '0'), len++;
          parts[n] = v;
          lens[n] = len;
          n++;
          if (n == 3)
            break;
        }
      else if (*p == '\'')
        {
          if (n == 2)
            apostrophe = TRUE;
          p++;
        }
      else if (*p == '/' || *p == '-' || *p == '.' || *p == ' ')
        p++;
      else
        break;
    }
  if (n != 3)
    return FALSE;
  if (lens[0] == 4)
    {
      y = parts[0], m = parts[1], d = parts[2];
    }
  else
    {
      if (order == CLV_DATE_ORDER_DMY)
        d = parts[0], m = parts[1];
      else
        m = parts[0], d = parts[1];
      y = parts[2];
      if (lens[2] == 3)
        y = 1900 + y;          /* Y2K bug: years counted from 1900 */
      else if (lens[2] <= 2)
        y = apostrophe ? 2000 + y : (y < 70 ? 2000 + y : 1900 + y);
    }
  *out = clv_date_from_ymd (y, m, d);
  return *out != 0;
}

static void
emit_record (QifReader *q)
{
  RegImportCtx *ctx = q->ctx;
  g_autoptr(RegImportRow) row = NULL;
  g_autoptr(GError) error = NULL;

  if (!q->has_fields)
    return;
  ctx->rows_read++;
  row = reg_import_ctx_new_row (ctx, q->rec_line, REG_ROW_SALE);
  if (q->date == NULL)
    {
      reg_import_ctx_reject (ctx, q->rec_line, "D", "", _("the record has no date"));
      return;
    }
  if (!parse_qif_date (q->date, ctx->date_order, &row->day))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a valid date"), q->date);
      reg_import_ctx_reject (ctx, q->date_line, "D", q->date, detail);
      return;
    }
  if (q->amount == NULL)
    {
      reg_import_ctx_reject (ctx, q->rec_line, "T", "", _("the record has no amount"));
      return;
    }
  if (!reg_parse_plain_amount (q->amount, ctx->decimal, ctx->exponent, &row->amount)
      && !clv_money_parse_in (q->amount, ctx->decimal, ctx->exponent, ctx->currency, &row->amount,
                              &error))
    {
      reg_import_ctx_reject (ctx, q->amount_line, "T", q->amount, error->message);
      return;
    }
  reg_row_set_text (&row->name, q->payee);
  reg_row_set_text (&row->reference, q->memo);
  reg_row_set_text (&row->note, q->category);
  reg_row_set_text (&row->status, q->cleared);

  if (q->section == QIF_INVEST)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("investment transaction"));
  else if (row->amount > 0)
    reg_import_ctx_emit_row (ctx, g_steal_pointer (&row));
  else if (row->amount < 0)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("money going out is not a sale"));
  else
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("zero amount"));
}

static void
set_field (char **slot, const char *value)
{
  if (*slot == NULL)
    *slot = g_strdup (value);
}

static gboolean
qif_step (gpointer data, RegImportCtx *ctx, GCancellable *cancellable, GError **error)
{
  QifReader *q = data;

  while (!reg_import_ctx_has_results (ctx))
    {
      const char *line;
      guint number;
      g_autoptr(GError) local = NULL;

      if (q->eof)
        return FALSE;
      if (!reg_line_reader_next (q->lines, &line, &number, cancellable, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          q->eof = TRUE;
          if (q->section == QIF_CASH || q->section == QIF_INVEST)
            emit_record (q);   /* a last record without its ^ */
          record_clear (q);
          continue;
        }
      while (*line == ' ' || *line == '\t')
        line++;
      if (*line == '\0')
        continue;
      if (line[0] == '!')
        {
          if (q->has_fields && (q->section == QIF_CASH || q->section == QIF_INVEST))
            emit_record (q);
          record_clear (q);
          if (g_ascii_strncasecmp (line, "!Type:", 6) == 0)
            {
              const char *t = line + 6;
              if (g_ascii_strncasecmp (t, "Bank", 4) == 0 || g_ascii_strncasecmp (t, "Cash", 4) == 0
                  || g_ascii_strncasecmp (t, "CCard", 5) == 0
                  || g_ascii_strncasecmp (t, "Oth", 3) == 0)
                q->section = QIF_CASH;
              else if (g_ascii_strncasecmp (t, "Invst", 5) == 0)
                q->section = QIF_INVEST;
              else
                q->section = QIF_NONE;   /* Cat, Class, Memorized, Prices, Security */
            }
          else if (g_ascii_strncasecmp (line, "!Account", 8) == 0)
            q->section = QIF_ACCOUNT;
          continue;
        }
      if (line[0] == '^')
        {
          if (q->section == QIF_CASH || q->section == QIF_INVEST)
            emit_record (q);
          record_clear (q);
          continue;
        }
      if (q->section != QIF_CASH && q->section != QIF_INVEST)
        continue;
      if (!q->has_fields)
        q->rec_line = number;
      q->has_fields = TRUE;
      switch (line[0])
        {
        case 'D':
          if (q->date == NULL)
            q->date_line = number;
          set_field (&q->date, line + 1);
          break;
        case 'T':
          if (q->amount == NULL)
            q->amount_line = number;
          set_field (&q->amount, line + 1);
          break;
        case 'U':
          if (q->amount == NULL)
            {
              q->amount_line = number;
              q->amount = g_strdup (line + 1);
            }
          break;
        case 'P':
          set_field (&q->payee, line + 1);
          break;
        case 'M':
          set_field (&q->memo, line + 1);
          break;
        case 'N':
          set_field (&q->number, line + 1);
          break;
        case 'L':
          set_field (&q->category, line + 1);
          break;
        case 'C':
          set_field (&q->cleared, line + 1);
          break;
        default:
          break;   /* A address, S/E/$ splits, F, X: not needed */
        }
    }
  return TRUE;
}

static guint64
qif_bytes_read (gpointer data)
{
  return reg_line_reader_get_bytes_read (((QifReader *) data)->lines);
}

static guint64
qif_bytes_total (gpointer data)
{
  return reg_line_reader_get_bytes_total (((QifReader *) data)->lines);
}

static const char *
qif_encoding (gpointer data)
{
  return reg_line_reader_get_encoding (((QifReader *) data)->lines);
}

static void
qif_free (gpointer data)
{
  QifReader *q = data;

  if (q == NULL)
    return;
  record_clear (q);
  reg_line_reader_free (q->lines);
  g_free (q);
}

const RegImportBackendClass reg_qif_reader_class = {
  qif_step, qif_bytes_read, qif_bytes_total, qif_encoding, qif_free,
};

gpointer
reg_qif_reader_new (const char *path, const RegImportOptions *opts, RegImportCtx *ctx,
                    char **source_out, GError **error)
{
  QifReader *q;
  RegLineReader *lines = reg_line_reader_new (path, opts->encoding, error);

  if (lines == NULL)
    return NULL;
  q = g_new0 (QifReader, 1);
  q->lines = lines;
  q->ctx = ctx;
  ctx->named_fields = TRUE;
  /* Quicken writes US amounts and dates unless told otherwise */
  if (ctx->decimal == 0)
    ctx->decimal = '.';
  if (ctx->date_order == CLV_DATE_ORDER_UNKNOWN)
    {
      g_autoptr(RegSniffResult) sniff = reg_sniff_file_internal (path, opts->encoding, 0, "qif",
                                                                 NULL, NULL);
      ctx->date_order = sniff != NULL ? sniff->date_order : CLV_DATE_ORDER_MDY;
    }
  *source_out = g_strdup ("qif");
  return q;
}
