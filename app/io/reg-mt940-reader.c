/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MT940 statements read by hand, line by line (no library for it is packaged): :25: account,
 * :60F: opening balance (the currency), :61: one booking (dates, C/D/RC/RD mark, amount with a
 * decimal comma, references, counter-IBAN on the next line in Dutch files), :86: its details
 * (German ?20-?33 subfields or Dutch /EREF/ /NAME/ /REMI/ keys, wrapped mid-word over lines).
 * Streams booking by booking.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "clv-money.h"
#include "reg-import-private.h"
#include "reg-io-error.h"
#include "reg-line-reader.h"

typedef struct
{
  RegLineReader *lines;       /* (owned) */
  RegImportCtx  *ctx;         /* (unowned) */
  char          *account;     /* (owned) :25: of the first statement */
  char          *currency;    /* (owned) from :60F: */
  /* the booking being read */
  GString       *tag;         /* current tag, e.g. "61", "86" */
  GString       *f61;         /* :61: line */
  GString       *f61_extra;   /* the line after :61: (supplementary details) */
  GString       *f86;         /* :86: text, continuation lines joined */
  guint          line61;
  gboolean       have61;
  gboolean       eof;
} Mt940Reader;

/* ":61:" → "61"; "" when the line does not start a field */
static gboolean
tag_of_line (const char *line, char tag[5], const char **rest)
{
  gsize k = 0;

  if (line[0] != ':')
    return FALSE;
  while (k < 4 && g_ascii_isalnum (line[1 + k]))
    {
      tag[k] = line[1 + k];
      k++;
    }
  if (k < 2 || line[1 + k] != ':' || !g_ascii_isdigit (tag[0]) || !g_ascii_isdigit (tag[1]))
    return FALSE;
  tag[k] = '\0';
  *rest = line + 2 + k;
  return TRUE;
}

/* German structured :86: "166?00GUTSCHRIFT?20…": value of subfield ?NN, NULL if absent */
static char *
subfield (const char *text, const char *code)
{
  const char *p = text;
  GString *out = NULL;

  while ((p = strchr (p, '?')) != NULL)
    {
      if (p[1] == code[0] && p[2] == code[1])
        {
          const char *end = strchr (p + 3, '?');
          gsize len = end != NULL ? (gsize) (end - p - 3) : strlen (p + 3);
          if (out == NULL)
            out = g_string_new (NULL);
          g_string_append_len (out, p + 3, (gssize) len);
        }
      p++;
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

static char *
join_subfields (const char *text, int from, int to, const char *sep)
{
  GString *out = g_string_new (NULL);

  for (int i = from; i <= to; i++)
    {
      char code[3] = { (char) ('0' + i / 10), (char) ('0' + i % 10), '\0' };
      g_autofree char *v = subfield (text, code);
      if (v != NULL)
        {
          if (out->len > 0 && sep != NULL)
            g_string_append (out, sep);
          g_string_append (out, v);
        }
    }
  return g_string_free (out, out->len == 0);
}

/* Dutch :86: "/EREF/…/BENM//NAME/JOHN DOE/REMI/Reference": value after /KEY/ up to the next
 * known key */
static char *
dutch_key (const char *text, const char *key)
{
  static const char *const keys[] = { "/EREF/", "/BENM/", "/ORDP/", "/NAME/", "/REMI/", "/ISDT/",
                                      "/IBAN/", "/BIC/", "/MARF/", "/CSID/", "/RTRN/", "/ADDR/",
                                      "/PREF/", "/SVCL/", "/ULTD/", "/ULTC/", "/CNTP/", NULL };
  g_autofree char *needle = g_strconcat ("/", key, "/", NULL);
  const char *start = strstr (text, needle);
  const char *end = NULL;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  for (gsize i = 0; keys[i] != NULL; i++)
    {
      const char *hit = strstr (start, keys[i]);
      if (hit != NULL && (end == NULL || hit < end))
        end = hit;
    }
  {
    g_autofree char *v = end != NULL ? g_strndup (start, (gsize) (end - start)) : g_strdup (start);
    g_strstrip (v);
    while (v[0] == '/')
      memmove (v, v + 1, strlen (v));
    return *v != '\0' ? g_steal_pointer (&v) : NULL;
  }
}

static gboolean
is_placeholder_ref (const char *ref)
{
  static const char *const codes[] = { "NONREF", "EREF", "PREF", "MARF", "NOTPROVIDED", NULL };
  for (gsize i = 0; codes[i] != NULL; i++)
    if (g_ascii_strcasecmp (ref, codes[i]) == 0)
      return TRUE;
  return FALSE;
}

static gint32
yymmdd (const char *s)
{
  int y, m, d;

  if (strspn (s, "0123456789") < 6)
    return 0;
  y = (s[0] - '0') * 10 + (s[1] - '0');
  m = (s[2] - '0') * 10 + (s[3] - '0');
  d = (s[4] - '0') * 10 + (s[5] - '0');
  return clv_date_from_ymd (y < 70 ? 2000 + y : 1900 + y, m, d);
}

static void
emit_booking (Mt940Reader *m)
{
  RegImportCtx *ctx = m->ctx;
  g_autoptr(RegImportRow) row = NULL;
  g_autoptr(GError) error = NULL;
  const char *p = m->f61->str;
  gint32 value_day;
  gboolean reversal = FALSE, credit;
  GString *amount;
  g_autofree char *amount_text = NULL;
  const char *refs;
  const char *text86 = m->f86->str;
  gboolean german = strstr (text86, "?00") != NULL || strstr (text86, "?20") != NULL;

  if (!m->have61)
    return;
  m->have61 = FALSE;
  /* allocated only now: the early return above used to leak it */
  amount = g_string_new (NULL);
  ctx->rows_read++;
  row = reg_import_ctx_new_row (ctx, m->line61, REG_ROW_SALE);

  value_day = yymmdd (p);
  if (value_day == 0)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” does not start with a date"), p);
      reg_import_ctx_reject (ctx, m->line61, ":61:", p, detail);
      g_string_free (amount, TRUE);
      return;
    }
  p += 6;
  row->day = value_day;
  if (strspn (p, "0123456789") >= 4)
    {
      /* entry (booking) date MMDD, in the value date's year or next to it */
      int vy, vm, mm = (p[0] - '0') * 10 + (p[1] - '0'), dd = (p[2] - '0') * 10 + (p[3] - '0');
      gint32 entry;
      clv_date_to_ymd (value_day, &vy, &vm, NULL);
      if (mm - vm > 6)
        vy--;
      else if (vm - mm > 6)
        vy++;
      entry = clv_date_from_ymd (vy, mm, dd);
      if (entry != 0)
        row->day = entry;
      p += 4;
    }
  if (p[0] == 'R' && (p[1] == 'C' || p[1] == 'D'))
    {
      reversal = TRUE;
      p++;
    }
  if (*p != 'C' && *p != 'D')
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” has no C or D mark"), m->f61->str);
      reg_import_ctx_reject (ctx, m->line61, ":61:", m->f61->str, detail);
      g_string_free (amount, TRUE);
      return;
    }
  credit = *p++ == 'C';
  if (g_ascii_isalpha (*p))
    p++;   /* funds code: third letter of the currency */
  while (g_ascii_isdigit (*p) || *p == ',')
    g_string_append_c (amount, *p++);
  amount_text = g_string_free (amount, FALSE);
  {
    char saved = ctx->decimal;
    gboolean ok = clv_money_parse_with (amount_text, ',', ctx->exponent, &row->amount, &error);
    ctx->decimal = saved;
    if (!ok)
      {
        reg_import_ctx_reject (ctx, m->line61, ":61:", amount_text, error->message);
        return;
      }
  }
  if (!credit)
    row->amount = -row->amount;
  /* N + three-letter type, then the customer's reference, then //bank reference */
  if (*p == 'N' || *p == 'F' || *p == 'S')
    {
      /* the mark and three characters, counted as characters: skipping four bytes cut a
       * damaged file's non-ASCII type code in two and left invalid UTF-8 in the id */
      p++;
      for (int k = 0; k < 3 && *p != '\0'; k++)
        p = g_utf8_next_char (p);
    }
  refs = p;
  {
    const char *slashes = strstr (refs, "//");
    g_autofree char *own = slashes != NULL ? g_strndup (refs, (gsize) (slashes - refs))
                                           : g_strdup (refs);
    g_autofree char *bank = slashes != NULL ? g_strdup (slashes + 2) : NULL;
    g_strstrip (own);
    if (bank != NULL)
      g_strstrip (bank);
    /* NONREF, or EREF/PREF/MARF saying the reference is in :86: */
    if (bank != NULL && *bank != '\0' && !is_placeholder_ref (bank))
      row->external_id = g_strdup (bank);
    else if (*own != '\0' && !is_placeholder_ref (own))
      row->external_id = g_strdup (own);
  }
  reg_row_set_currency (&row->currency, m->currency);

  if (german)
    {
      g_autofree char *purpose = join_subfields (text86, 20, 29, NULL);
      /* the name is cut at 27 characters into ?32 and ?33, mid-word: join without a space */
      g_autofree char *name = join_subfields (text86, 32, 33, NULL);
      g_autofree char *iban = subfield (text86, "31");
      g_autofree char *kind = subfield (text86, "00");
      reg_row_set_text (&row->reference, purpose);
      reg_row_set_text (&row->name, name);
      reg_row_set_iban (&row->iban, iban);
      reg_row_set_text (&row->note, kind);
    }
  else if (*text86 != '\0')
    {
      g_autofree char *name = dutch_key (text86, "NAME");
      g_autofree char *remi = dutch_key (text86, "REMI");
      g_autofree char *iban = dutch_key (text86, "IBAN");
      reg_row_set_text (&row->name, name);
      reg_row_set_text (&row->reference, remi != NULL ? remi : (name == NULL ? text86 : NULL));
      reg_row_set_iban (&row->iban, iban);
      if (row->external_id == NULL)
        row->external_id = dutch_key (text86, "EREF");
    }
  if (row->iban == NULL && m->f61_extra->len > 0)
    {
      g_autofree char *iban = reg_find_iban (m->f61_extra->str, NULL);
      reg_row_set_iban (&row->iban, iban);
    }

  if (reversal && !credit)
    {
      /* RC: a credit reversed (returned direct debit): refund of that sale */
      row->kind = REG_ROW_REFUND;
      if (row->external_id != NULL)
        {
          char *id = g_strconcat (row->external_id, "/reversal", NULL);
          g_free (row->external_id);
          row->external_id = id;
        }
      reg_import_ctx_emit_row (ctx, g_steal_pointer (&row));
    }
  else if (reversal)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row),
                                 _("reversal of a payment you made, not a sale"));
  else if (!credit)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("money going out is not a sale"));
  else if (german && (g_str_has_prefix (text86, "159") || strstr (text86, "?00RETOURE") != NULL))
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row),
                                 _("a returned transfer coming back, not a sale"));
  else if (row->amount == 0)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("zero amount"));
  else
    reg_import_ctx_emit_row (ctx, g_steal_pointer (&row));
}

static gboolean
mt940_step (gpointer data, RegImportCtx *ctx, GCancellable *cancellable, GError **error)
{
  Mt940Reader *m = data;

  while (!reg_import_ctx_has_results (ctx))
    {
      const char *line, *rest;
      guint number;
      char tag[5];
      g_autoptr(GError) local = NULL;

      if (m->eof)
        return FALSE;
      if (!reg_line_reader_next (m->lines, &line, &number, cancellable, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          m->eof = TRUE;
          emit_booking (m);
          continue;
        }
      if (tag_of_line (line, tag, &rest))
        {
          g_string_assign (m->tag, tag);
          if (g_str_equal (tag, "61"))
            {
              emit_booking (m);
              g_string_assign (m->f61, rest);
              g_string_truncate (m->f61_extra, 0);
              g_string_truncate (m->f86, 0);
              m->line61 = number;
              m->have61 = TRUE;
            }
          else if (g_str_equal (tag, "86"))
            g_string_assign (m->f86, rest);
          else
            {
              emit_booking (m);
              if (g_str_equal (tag, "25") && m->account == NULL)
                m->account = g_strstrip (g_strdup (rest));
              else if ((g_str_equal (tag, "60F") || g_str_equal (tag, "60M"))
                       && strlen (rest) >= 10)
                {
                  g_free (m->currency);
                  m->currency = g_strndup (rest + 7, 3);
                }
            }
          continue;
        }
      if (line[0] == '-' || line[0] == '{' || line[0] == '}')
        {
          emit_booking (m);
          g_string_truncate (m->tag, 0);
          continue;
        }
      /* a continuation line of the current field */
      if (g_str_equal (m->tag->str, "61") && m->have61)
        g_string_append (m->f61_extra, line);
      else if (g_str_equal (m->tag->str, "86"))
        g_string_append (m->f86, line);   /* wrapped mid-word: no separator */
    }
  return TRUE;
}

static guint64
mt940_bytes_read (gpointer data)
{
  return reg_line_reader_get_bytes_read (((Mt940Reader *) data)->lines);
}

static guint64
mt940_bytes_total (gpointer data)
{
  return reg_line_reader_get_bytes_total (((Mt940Reader *) data)->lines);
}

static const char *
mt940_encoding (gpointer data)
{
  return reg_line_reader_get_encoding (((Mt940Reader *) data)->lines);
}

static void
mt940_free (gpointer data)
{
  Mt940Reader *m = data;

  if (m == NULL)
    return;
  reg_line_reader_free (m->lines);
  g_free (m->account);
  g_free (m->currency);
  g_string_free (m->tag, TRUE);
  g_string_free (m->f61, TRUE);
  g_string_free (m->f61_extra, TRUE);
  g_string_free (m->f86, TRUE);
  g_free (m);
}

const RegImportBackendClass reg_mt940_reader_class = {
  mt940_step, mt940_bytes_read, mt940_bytes_total, mt940_encoding, mt940_free,
};

gpointer
reg_mt940_reader_new (const char *path, RegImportCtx *ctx, char **source_out, GError **error)
{
  Mt940Reader *m;
  RegLineReader *lines = reg_line_reader_new (path, NULL, error);

  if (lines == NULL)
    return NULL;
  m = g_new0 (Mt940Reader, 1);
  m->lines = lines;
  m->ctx = ctx;
  m->tag = g_string_new (NULL);
  m->f61 = g_string_new (NULL);
  m->f61_extra = g_string_new (NULL);
  m->f86 = g_string_new (NULL);
  ctx->named_fields = TRUE;
  /* the account number names the dedupe namespace: peek at :25:; the opening balance :60F:
   * gives the statement's currency, which must be the shop's */
  {
    g_autoptr(RegLineReader) peek = reg_line_reader_new (path, NULL, NULL);
    g_autofree char *currency = NULL;
    const char *line, *rest;
    guint number, currency_line = 0;
    char tag[5], currency_tag[5] = "";
    while (peek != NULL && (m->account == NULL || currency == NULL)
           && reg_line_reader_next (peek, &line, &number, NULL, NULL) && number < 200)
      if (tag_of_line (line, tag, &rest))
        {
          if (g_str_equal (tag, "25") && m->account == NULL)
            m->account = g_strstrip (g_strdup (rest));
          else if ((g_str_equal (tag, "60F") || g_str_equal (tag, "60M")) && currency == NULL
                   && strlen (rest) >= 10)
            {
              currency = g_strndup (rest + 7, 3);
              currency_line = number;
              g_strlcpy (currency_tag, tag, sizeof currency_tag);
            }
        }
    if (currency != NULL && ctx->currency != NULL
        && g_ascii_strcasecmp (currency, ctx->currency->code) != 0
        && g_ascii_strcasecmp (currency, "XXX") != 0)
      {
        /* TRANSLATORS: "bank.sta, line 4, field “60F”: the statement is in EUR, but the
         * shop's currency is USD; nothing was imported" */
        g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY,
                     _("%s, line %u, field “%s”: the statement is in %s, but the shop's currency "
                       "is %s; nothing was imported"),
                     ctx->display_name, currency_line, currency_tag,
                     currency, ctx->currency->code);
        mt940_free (m);
        return NULL;
      }
  }
  *source_out = g_strconcat ("mt940:", m->account != NULL ? m->account : "", NULL);
  return m;
}
