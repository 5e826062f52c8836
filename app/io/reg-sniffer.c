/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sniffing an import file from its head (the first decoded chunk, about 64 kB): format by content,
 * encoding, CSV delimiter (quote-aware, by libcsv), header row after any preamble, preset by
 * header signature, decimal mark and thousands separator by voting over number-like cells, and
 * date order from all date-like cells (one day > 12 in first place proves day-month). Each guess
 * carries a confidence. reg_sniff_file() adds a preview read by the real reader.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "clv-money.h"
#include "reg-csv-reader.h"
#include "reg-import-preset.h"
#include "reg-import-private.h"
#include "reg-io-error.h"
#include "reg-sniffer.h"
#include "reg-text-decoder.h"

#define MAX_HEAD_RECORDS 400
#define HEADER_SEARCH 60
#define PREVIEW_ROWS 10

typedef struct
{
  guint  line;
  GStrv  fields;    /* (owned) */
  guint  n;
} HeadRecord;

static void
head_record_free (gpointer data)
{
  HeadRecord *r = data;
  g_strfreev (r->fields);
  g_free (r);
}

static void
collect_record_cb (const RegCsvRecord *rec, gpointer user_data)
{
  GPtrArray *out = user_data;
  HeadRecord *r;

  if (out->len >= MAX_HEAD_RECORDS)
    return;
  r = g_new0 (HeadRecord, 1);
  r->line = rec->line;
  r->n = rec->n_fields;
  r->fields = g_new0 (char *, rec->n_fields + 1);
  for (guint i = 0; i < rec->n_fields; i++)
    r->fields[i] = g_strdup (rec->fields[i]);
  g_ptr_array_add (out, r);
}

static GPtrArray *
parse_head (const char *text, gsize len, char delimiter, gboolean at_eof)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (head_record_free);

  reg_csv_parse_text (text, len, delimiter, at_eof, collect_record_cb, records);
  return records;
}

static guint
nonblank_cells (const HeadRecord *r)
{
  guint n = 0;
  for (guint i = 0; i < r->n; i++)
    n += !reg_text_is_blank (r->fields[i]);
  return n;
}

/* ---- format ----------------------------------------------------------------------------- */

static gboolean
has_prefix_ci (const char *s, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);
  return (gsize) (end - s) >= n && g_ascii_strncasecmp (s, prefix, n) == 0;
}

static gboolean
contains_ci (const char *s, gsize len, const char *needle)
{
  gsize n = strlen (needle);
  for (gsize i = 0; i + n <= len; i++)
    if (g_ascii_strncasecmp (s + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

const char *
reg_sniff_format_of_head (const char *head, gsize len, double *confidence)
{
  /* an empty file: the decoder hands out no buffer, and NULL + 0 is undefined behaviour */
  const char *p = head != NULL ? head : "", *end = p + (head != NULL ? len : 0);
  double dummy;

  if (confidence == NULL)
    confidence = &dummy;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (has_prefix_ci (p, end, "OFXHEADER") || has_prefix_ci (p, end, "<OFX>")
      || contains_ci (p, (gsize) (end - p), "<?OFX") || contains_ci (p, (gsize) (end - p), "<OFX>"))
    {
      *confidence = 1.0;
      return "ofx";
    }
  if (has_prefix_ci (p, end, "<?xml") || has_prefix_ci (p, end, "<Document"))
    {
      if (contains_ci (p, (gsize) (end - p), "camt.05")
          || contains_ci (p, (gsize) (end - p), "<BkToCstmrStmt"))
        {
          *confidence = contains_ci (p, (gsize) (end - p), "camt.053") ? 1.0 : 0.8;
          return "camt053";
        }
      *confidence = 0.3;
      return "xml";
    }
  if (has_prefix_ci (p, end, "!Type:") || has_prefix_ci (p, end, "!Account")
      || has_prefix_ci (p, end, "!Option") || has_prefix_ci (p, end, "!Clear"))
    {
      *confidence = 1.0;
      return "qif";
    }
  if (has_prefix_ci (p, end, ":20:") || has_prefix_ci (p, end, ":940:")
      || has_prefix_ci (p, end, "{1:")
      || (contains_ci (p, (gsize) (end - p), "\n:20:")
          && contains_ci (p, (gsize) (end - p), "\n:61:")))
    {
      *confidence = 0.95;
      return "mt940";
    }
  *confidence = 0.8;
  return "csv";
}

/* ---- delimiter -------------------------------------------------------------------------- */

static const char delimiters[] = { ',', ';', '\t', '|' };

static double
delimiter_score (GPtrArray *records, guint *width, double *consistency)
{
  guint best_run = 0, run = 0, prev = 0, best_width = 0, best_start = 0, start = 0, after = 0;

  for (guint i = 0; i < records->len; i++)
    {
      HeadRecord *r = g_ptr_array_index (records, i);
      guint n = r->n;

      if (nonblank_cells (r) == 0)
        continue;
      if (n > 1 && n == prev)
        run++;
      else
        {
          run = n > 1 ? 1 : 0;
          start = i;
        }
      prev = n;
      if (run > best_run || (run == best_run && n > best_width))
        {
          best_run = run;
          best_width = n;
          best_start = start;
        }
    }
  /* consistency from where the table starts: a preamble does not make it less of a table */
  for (guint i = best_start; i < records->len; i++)
    after += nonblank_cells (g_ptr_array_index (records, i)) > 0;
  *width = best_width;
  *consistency = after > 0 ? (double) best_run / after : 0.0;
  /* the longest run of records with the same number of fields, wider breaks ties */
  return best_run > 0 ? best_run + 0.001 * best_width : 0.0;
}

static char
detect_delimiter (const char *text, gsize len, gboolean at_eof, double *confidence)
{
  double best = 0.0, best_cons = 0.0;
  char best_delim = ',';

  for (gsize i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      g_autoptr(GPtrArray) records = parse_head (text, len, delimiters[i], at_eof);
      guint width;
      double cons;
      double score = delimiter_score (records, &width, &cons);

      if (score > best)
        {
          best = score;
          best_cons = cons;
          best_delim = delimiters[i];
        }
    }
  *confidence = best > 0 ? MAX (0.3, best_cons) : 0.1;
  return best_delim;
}

/* ---- numbers and dates ------------------------------------------------------------------ */

typedef struct
{
  guint dec_dot, dec_comma;
  guint th_dot, th_comma, th_space, th_apos;
} NumberVotes;

static gboolean
groups_of_three (const char *digits_and_seps, char sep)
{
  /* every group after the first has exactly three digits */
  const char *p = strchr (digits_and_seps, sep);
  while (p != NULL)
    {
      gsize n = strspn (p + 1, "0123456789");
      if (n != 3)
        return FALSE;
      p = p[1 + n] == sep ? p + 1 + n : NULL;
    }
  return TRUE;
}

static void
vote_number (const char *cell, NumberVotes *v)
{
  GString *s = g_string_new (NULL);
  gboolean digit = FALSE, space_group = FALSE, apos_group = FALSE;
  int n_dot = 0, n_comma = 0;
  const char *last_dot = NULL, *last_comma = NULL;

  for (const char *p = cell; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      if (g_ascii_isdigit (c))
        {
          digit = TRUE;
          g_string_append_c (s, (char) c);
        }
      else if (c == '.' || c == ',')
        g_string_append_c (s, (char) c);
      else if ((c == ' ' || (c == 0xc2 && (guchar) p[1] == 0xa0)) && digit
               && g_ascii_isdigit (p[c == ' ' ? 1 : 2]))
        {
          space_group = TRUE;
          if (c == 0xc2)
            p++;
        }
      else if (c == '\'' && digit)
        apos_group = TRUE;
      else if (c == '-' || c == '+' || c == '(' || c == ')' || c == '$' || c == ' ')
        continue;
      else if (c >= 0x80 && !digit)
        continue;   /* € £ before the number */
      else if (c >= 0x80)
        continue;
      else
        {
          g_string_free (s, TRUE);
          return;
        }
    }
  if (!digit)
    {
      g_string_free (s, TRUE);
      return;
    }
  for (const char *p = s->str; *p != '\0'; p++)
    {
      if (*p == '.')
        n_dot++, last_dot = p;
      else if (*p == ',')
        n_comma++, last_comma = p;
    }
  if (space_group)
    v->th_space++;
  if (apos_group)
    v->th_apos++;
  if (n_dot > 0 && n_comma > 0)
    {
      if (last_dot > last_comma && n_dot == 1)
        v->dec_dot += 2, v->th_comma += 2;
      else if (last_comma > last_dot && n_comma == 1)
        v->dec_comma += 2, v->th_dot += 2;
    }
  else if (n_dot + n_comma == 1)
    {
      const char *sep = last_dot != NULL ? last_dot : last_comma;
      gsize after = strlen (sep + 1);
      if (after != 3 && after > 0)
        {
          if (*sep == '.')
            v->dec_dot++;
          else
            v->dec_comma++;
        }
    }
  else if (n_dot > 1 && groups_of_three (s->str, '.'))
    v->th_dot++;
  else if (n_comma > 1 && groups_of_three (s->str, ','))
    v->th_comma++;
  g_string_free (s, TRUE);
}

static gboolean
looks_like_date (const char *cell)
{
  gboolean dmy, mdy, ymd;

  if (cell == NULL || reg_text_is_blank (cell))
    return FALSE;
  if (strchr (cell, ',') != NULL && strchr (cell, '.') != NULL)
    return FALSE;   /* "1.001,00" */
  return clv_date_guess_orders (cell, &dmy, &mdy, &ymd);
}

typedef struct
{
  guint constraining;   /* non-ISO dates written in numbers */
  gboolean dmy, mdy;    /* still possible for all of them */
  guint iso;            /* year-first dates */
  guint named_dmy;      /* "12 April 2024": month names read the same in any order */
  guint named_mdy;      /* "Mar 5, 2024" */
} DateVotes;

static void
vote_date (const char *cell, DateVotes *v)
{
  gboolean dmy, mdy, ymd;
  gint32 day;

  if (!clv_date_guess_orders (cell, &dmy, &mdy, &ymd))
    return;
  if (clv_date_parse_iso (cell, &day) || (ymd && !dmy && !mdy))
    {
      v->iso++;
      return;
    }
  for (const char *p = cell; *p != '\0'; p++)
    if (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
      {
        if (mdy && !dmy)
          v->named_mdy++;
        else
          v->named_dmy++;
        return;
      }
  if (v->constraining == 0)
    v->dmy = v->mdy = TRUE;
  v->constraining++;
  v->dmy = v->dmy && dmy;
  v->mdy = v->mdy && mdy;
}

static ClvDateOrder
decide_date_order (const DateVotes *v, ClvDateOrder hint, char decimal, double *confidence)
{
  if (v->constraining > 0)
    {
      if (v->dmy && !v->mdy)
        {
          *confidence = 1.0;
          return CLV_DATE_ORDER_DMY;
        }
      if (v->mdy && !v->dmy)
        {
          *confidence = 1.0;
          return CLV_DATE_ORDER_MDY;
        }
      if (v->dmy && v->mdy)
        {
          /* every day is 12 or less: the export's habit, else the number style's */
          *confidence = 0.5;
          if (hint == CLV_DATE_ORDER_DMY || hint == CLV_DATE_ORDER_MDY)
            return hint;
          return decimal == ',' ? CLV_DATE_ORDER_DMY : CLV_DATE_ORDER_MDY;
        }
      *confidence = 0.0;
      return CLV_DATE_ORDER_UNKNOWN;
    }
  if (v->named_dmy + v->named_mdy > 0)
    {
      /* only dates with month names: any order reads them; report the usual way of writing */
      *confidence = (double) MAX (v->named_dmy, v->named_mdy) / (v->named_dmy + v->named_mdy);
      return v->named_mdy > v->named_dmy ? CLV_DATE_ORDER_MDY : CLV_DATE_ORDER_DMY;
    }
  if (v->iso > 0)
    {
      *confidence = 1.0;
      return CLV_DATE_ORDER_YMD;
    }
  *confidence = 0.0;
  return hint;
}

/* ---- header ----------------------------------------------------------------------------- */

static gboolean
looks_like_number (const char *cell)
{
  NumberVotes v = { 0 };
  const char *p = cell;

  while (*p == ' ' || *p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p) && *p != '$' && (guchar) *p < 0x80)
    return FALSE;
  vote_number (cell, &v);
  {
    gint64 minor;
    return clv_money_parse_with (cell, ',', 2, &minor, NULL)
           || clv_money_parse_with (cell, '.', 2, &minor, NULL) || v.dec_dot + v.dec_comma > 0;
  }
}

/* A header row: at least 60 % of its cells filled, none of them a number or a date, none of the
 * form "Key : value". */
static gboolean
looks_like_header (const HeadRecord *r, guint width)
{
  guint filled = 0;

  if (r->n < 2 || r->n + 1 < width)
    return FALSE;
  for (guint i = 0; i < r->n; i++)
    {
      const char *c = r->fields[i];
      if (reg_text_is_blank (c))
        continue;
      filled++;
      if (looks_like_number (c) || looks_like_date (c) || strstr (c, " : ") != NULL
          || strlen (c) > 80)
        return FALSE;
    }
  return filled * 10 >= r->n * 6;
}

static gboolean
looks_like_data (const HeadRecord *r)
{
  for (guint i = 0; i < r->n; i++)
    if (looks_like_number (r->fields[i]) || looks_like_date (r->fields[i]))
      return TRUE;
  return FALSE;
}

static GStrv
normalise_all (const HeadRecord *r)
{
  GStrv out = g_new0 (char *, r->n + 1);
  for (guint i = 0; i < r->n; i++)
    {
      g_autofree char *t = g_strstrip (g_strdup (r->fields[i]));
      out[i] = reg_header_normalise (t);
    }
  return out;
}

/* ---- columns of a file without header ---------------------------------------------------- */

static void
guess_headerless_fields (RegSniffResult *res, GPtrArray *records, guint first)
{
  guint n_cols = res->columns->len;
  int date_col = -1, amount_col = -1, currency_col = -1, text_col = -1, iban_col = -1;
  double best_text_len = 0;
  gboolean signed_amounts = FALSE, own_account = FALSE;

  for (guint c = 0; c < n_cols; c++)
    {
      guint total = 0, dates = 0, amounts = 0, ibans = 0, codes = 0, signs = 0;
      gsize text_len = 0;
      g_autofree char *first_value = NULL;
      gboolean constant = TRUE;

      for (guint i = first; i < records->len; i++)
        {
          HeadRecord *r = g_ptr_array_index (records, i);
          g_autofree char *v = NULL;
          gint64 minor;

          if (c >= r->n || reg_text_is_blank (r->fields[c]))
            continue;
          v = g_strstrip (g_strdup (r->fields[c]));
          total++;
          if (first_value == NULL)
            first_value = g_strdup (v);
          else if (!g_str_equal (first_value, v))
            constant = FALSE;
          if (looks_like_date (v))
            dates++;
          else if (clv_money_parse_with (v, res->decimal, 2, &minor, NULL)
                   && (strchr (v, ',') != NULL || strchr (v, '.') != NULL))
            {
              amounts++;
              signs += v[0] == '-' || v[0] == '+';
            }
          {
            g_autofree char *iban = reg_find_iban (v, NULL);
            ibans += iban != NULL && strlen (iban) == strlen (v);
          }
          codes += strlen (v) == 3 && g_ascii_isupper (v[0]) && g_ascii_isupper (v[1])
                   && g_ascii_isupper (v[2]);
          text_len += strlen (v);
        }
      if (total == 0)
        continue;
      if (date_col < 0 && dates * 10 >= total * 8)
        date_col = (int) c;
      else if (amount_col < 0 && amounts * 10 >= total * 8)
        {
          amount_col = (int) c;
          signed_amounts = signs > 0;
        }
      else if (currency_col < 0 && codes * 10 >= total * 8)
        currency_col = (int) c;
      else if (ibans * 10 >= total * 8)
        {
          if (constant)
            own_account = TRUE;
          else if (iban_col < 0)
            iban_col = (int) c;
        }
      else if (dates == 0 && amounts == 0 && (double) text_len / total > best_text_len)
        {
          best_text_len = (double) text_len / total;
          text_col = (int) c;
        }
    }

#define SET_FIELD(idx, name)                                                            \
  if ((idx) >= 0)                                                                       \
    {                                                                                   \
      RegSniffColumn *col = g_ptr_array_index (res->columns, (guint) (idx));            \
      g_free (col->field);                                                              \
      col->field = g_strdup (name);                                                     \
    }
  SET_FIELD (date_col, "date");
  SET_FIELD (amount_col, "amount");
  SET_FIELD (currency_col, "currency");
  SET_FIELD (iban_col, "iban");
  SET_FIELD (text_col, "reference");
#undef SET_FIELD

  if (date_col >= 0 && amount_col >= 0)
    {
      /* a statement of the owner's own account, signed amounts, comma decimals: a bank */
      gboolean bank = own_account || signed_amounts || res->decimal == ',' || iban_col >= 0;
      g_free (res->preset);
      res->preset = bank ? g_strdup ("bank-csv") : NULL;
      res->preset_confidence = bank ? 0.5 : 0.0;
    }
}

/* ---- the sniff -------------------------------------------------------------------------- */

static RegSniffColumn *
column_new (const char *name, guint index)
{
  RegSniffColumn *c = g_new0 (RegSniffColumn, 1);
  c->name = g_strdup (name);
  c->index = index;
  return c;
}

static void
column_free (gpointer data)
{
  RegSniffColumn *c = data;
  g_free (c->name);
  g_free (c->sample);
  g_free (c->field);
  g_free (c);
}

static RegSniffResult *
result_new (void)
{
  RegSniffResult *res = g_new0 (RegSniffResult, 1);
  res->thousands = g_strdup ("");
  res->columns = g_ptr_array_new_with_free_func (column_free);
  res->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_row_free);
  res->preview_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);
  return res;
}

void
reg_sniff_result_free (RegSniffResult *result)
{
  if (result == NULL)
    return;
  g_free (result->format);
  g_free (result->encoding);
  g_free (result->thousands);
  g_free (result->preset);
  g_ptr_array_unref (result->columns);
  g_ptr_array_unref (result->preview);
  g_ptr_array_unref (result->preview_issues);
  g_free (result);
}

const char *
reg_sniff_result_get_date_order_id (const RegSniffResult *result)
{
  return clv_date_order_id (result->date_order);
}

/* QIF: the date order from the D lines. */
static void
sniff_qif_dates (RegSniffResult *res, const char *text, gsize len)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = g_strndup (text, len);
  DateVotes dv = { 0 };

  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *l = g_strstrip (lines[i]);
      if (l[0] == 'D')
        {
          /* "03/25/099Share Withdrawal": only the leading date part counts */
          char buf[16];
          gsize k = 0;
          for (const char *p = l + 1; *p != '\0' && k < sizeof buf - 1; p++)
            {
              if (!(g_ascii_isdigit (*p) || *p == '/' || *p == '-' || *p == '.' || *p == '\''
                    || *p == ' '))
                break;
              buf[k++] = *p == '\'' ? '/' : *p;
            }
          buf[k] = '\0';
          /* three-digit years (Y2K bug) are not dates to the core; cut them to two */
          {
            char *last = strrchr (buf, '/');
            if (last != NULL && strlen (g_strstrip (last + 1)) == 3)
              memmove (last + 1, last + 2, strlen (last + 2) + 1);
          }
          vote_date (buf, &dv);
        }
    }
  res->date_order = decide_date_order (&dv, CLV_DATE_ORDER_MDY, '.', &res->date_order_confidence);
  if (res->date_order == CLV_DATE_ORDER_UNKNOWN)
    res->date_order = CLV_DATE_ORDER_MDY;
}

static void
sniff_csv (RegSniffResult *res, const char *text, gsize len, gboolean at_eof, char delimiter,
           const char *preset_hint)
{
  g_autoptr(GPtrArray) records = NULL;
  guint width = 0, header_idx = G_MAXUINT, first_data;
  double cons;
  const RegPresetVariant *variant = NULL;
  g_auto(GStrv) norm = NULL;
  NumberVotes nv = { 0 };
  DateVotes dv = { 0 };
  int date_col = -1;

  if (delimiter != 0)
    {
      res->delimiter = delimiter;
      res->delimiter_confidence = 1.0;
    }
  else
    res->delimiter = detect_delimiter (text, len, at_eof, &res->delimiter_confidence);
  records = parse_head (text, len, res->delimiter, at_eof);
  delimiter_score (records, &width, &cons);

  /* 1. a known export's header signature; 2. a table with date and amount columns */
  for (guint i = 0; i < records->len && i < HEADER_SEARCH && variant == NULL; i++)
    {
      HeadRecord *r = g_ptr_array_index (records, i);
      g_auto(GStrv) cells = normalise_all (r);
      double conf = 0;

      if (preset_hint != NULL)
        {
          const RegPresetVariant *v = reg_preset_variant_for (preset_hint, cells, r->n);
          if (v != NULL && (v->kind == REG_VARIANT_BANK || v->signature[0] == NULL))
            v = reg_preset_match_table (cells, r->n, &conf) == v ? v : NULL;
          else if (v != NULL && reg_preset_match_header (cells, r->n, &conf) != v)
            v = NULL;
          if (v != NULL)
            {
              variant = v;
              res->preset_confidence = 1.0;
            }
        }
      else
        {
          variant = reg_preset_match_header (cells, r->n, &conf);
          if (variant != NULL)
            res->preset_confidence = conf;
        }
      if (variant != NULL)
        {
          header_idx = i;
          res->header_confidence = 0.95;
        }
    }
  for (guint i = 0; i < records->len && i < HEADER_SEARCH && variant == NULL; i++)
    {
      HeadRecord *r = g_ptr_array_index (records, i);
      g_auto(GStrv) cells = normalise_all (r);
      double conf = 0;

      variant = reg_preset_match_table (cells, r->n, &conf);
      if (variant != NULL && preset_hint != NULL && g_str_equal (preset_hint, "bank-csv"))
        variant = reg_preset_bank_variant ();
      if (variant != NULL)
        {
          header_idx = i;
          res->header_confidence = 0.8;
          res->preset_confidence = variant->preset != NULL ? conf : 0.0;
        }
    }
  /* 3. the first header-like record followed by data */
  if (variant == NULL)
    for (guint i = 0; i + 1 < records->len && i < HEADER_SEARCH; i++)
      {
        HeadRecord *r = g_ptr_array_index (records, i);
        if (looks_like_header (r, width) && looks_like_data (g_ptr_array_index (records, i + 1)))
          {
            header_idx = i;
            res->header_confidence = 0.6;
            break;
          }
        if (looks_like_data (r))
          break;
      }

  if (variant != NULL && variant->preset != NULL)
    res->preset = g_strdup (variant->preset);
  else if (variant == NULL && preset_hint != NULL)
    res->preset = g_strdup (preset_hint);

  if (header_idx != G_MAXUINT)
    {
      HeadRecord *h = g_ptr_array_index (records, header_idx);
      res->header_line = h->line;
      norm = normalise_all (h);
      for (guint i = 0; i < h->n; i++)
        {
          g_autofree char *name = g_strstrip (g_strdup (h->fields[i]));
          guint dup = 1;
          for (guint k = 0; k < i; k++)
            if (g_str_equal (norm[k], norm[i]))
              dup++;
          if (*name == '\0')
            {
              g_autofree char *label = g_strdup_printf (_("Column %u"), i + 1);
              g_ptr_array_add (res->columns, column_new (label, i));
            }
          else if (dup > 1)
            {
              g_autofree char *unique = g_strdup_printf ("%s (%u)", name, dup);
              g_ptr_array_add (res->columns, column_new (unique, i));
            }
          else
            g_ptr_array_add (res->columns, column_new (name, i));
        }
      first_data = header_idx + 1;
      if (variant != NULL)
        for (guint k = 0; variant->roles[k].role >= 0; k++)
          {
            int role = variant->roles[k].role;
            int c = reg_preset_find_column (variant, role, norm, h->n);
            if (role < REG_N_FIELDS && c >= 0)
              {
                RegSniffColumn *col = g_ptr_array_index (res->columns, (guint) c);
                if (col->field == NULL)
                  col->field = g_strdup (reg_field_to_string ((RegField) role));
              }
          }
      if (variant != NULL)
        date_col = reg_preset_find_column (variant, REG_FIELD_DATE, norm, h->n);
    }
  else
    {
      res->header_line = 0;
      res->header_confidence = records->len > 0 && looks_like_data (g_ptr_array_index (records, 0))
                                 ? 0.7 : 0.3;
      for (guint i = 0; i < width; i++)
        {
          g_autofree char *name = g_strdup_printf (_("Column %u"), i + 1);
          g_ptr_array_add (res->columns, column_new (name, i));
        }
      first_data = 0;
    }

  /* samples, numbers, dates */
  for (guint i = first_data; i < records->len; i++)
    {
      HeadRecord *r = g_ptr_array_index (records, i);
      for (guint c = 0; c < r->n; c++)
        {
          const char *v = r->fields[c];
          if (reg_text_is_blank (v))
            continue;
          if (c < res->columns->len)
            {
              RegSniffColumn *col = g_ptr_array_index (res->columns, c);
              if (col->sample == NULL)
                col->sample = g_strstrip (g_strdup (v));
            }
          if (!looks_like_date (v))
            vote_number (v, &nv);
        }
    }
  {
    guint dot = nv.dec_dot + nv.th_comma, comma = nv.dec_comma + nv.th_dot;
    if (dot + comma > 0)
      {
        res->decimal = dot >= comma ? '.' : ',';
        res->decimal_confidence = (double) MAX (dot, comma) / (dot + comma);
      }
    else if (variant != NULL && variant->decimal_hint != 0)
      {
        res->decimal = variant->decimal_hint;
        res->decimal_confidence = 0.3;
      }
    g_free (res->thousands);
    if (res->decimal == '.' && nv.th_comma > 0)
      res->thousands = g_strdup (","), res->thousands_confidence = 0.9;
    else if (res->decimal == ',' && nv.th_dot > 0)
      res->thousands = g_strdup ("."), res->thousands_confidence = 0.9;
    else if (nv.th_space > 0)
      res->thousands = g_strdup (" "), res->thousands_confidence = 0.8;
    else if (nv.th_apos > 0)
      res->thousands = g_strdup ("'"), res->thousands_confidence = 0.8;
    else
      res->thousands = g_strdup (""), res->thousands_confidence = 0.5;
  }

  if (res->header_line == 0)
    guess_headerless_fields (res, records, first_data);

  /* date order from the date column when known, else from every date-like column */
  for (guint c = 0; c < width; c++)
    {
      guint total = 0, dates = 0;

      if (date_col >= 0 && (int) c != date_col)
        continue;
      for (guint i = first_data; i < records->len; i++)
        {
          HeadRecord *r = g_ptr_array_index (records, i);
          if (c >= r->n || reg_text_is_blank (r->fields[c]))
            continue;
          total++;
          dates += looks_like_date (r->fields[c]);
        }
      if (total == 0 || dates * 10 < total * 7)
        continue;
      for (guint i = first_data; i < records->len; i++)
        {
          HeadRecord *r = g_ptr_array_index (records, i);
          if (c < r->n && looks_like_date (r->fields[c]))
            vote_date (r->fields[c], &dv);
        }
    }
  {
    ClvDateOrder hint = variant != NULL ? variant->date_hint : CLV_DATE_ORDER_UNKNOWN;
    if (res->preset != NULL && variant == NULL)
      {
        const RegPresetVariant *v = reg_preset_variant_for (res->preset, NULL, 0);
        if (v != NULL)
          hint = v->date_hint;
      }
    res->date_order = decide_date_order (&dv, hint, res->decimal, &res->date_order_confidence);
  }
}

/* OFX 1.x says CHARSET:1252 in its header, XML says encoding="…": better than a guess. */
static void
declared_encoding (RegSniffResult *res, const char *head, gsize len)
{
  g_autofree char *copy = g_strndup (head, MIN (len, (gsize) 2048));
  const char *p;
  char value[32];
  gsize k = 0;

  if ((p = strstr (copy, "CHARSET:")) != NULL)
    p += 8;
  else if ((p = strstr (copy, "encoding=\"")) != NULL || (p = strstr (copy, "encoding='")) != NULL)
    p += 10;
  else
    return;
  while (k < sizeof value - 1 && (g_ascii_isalnum (p[k]) || p[k] == '-' || p[k] == '_'))
    {
      value[k] = g_ascii_toupper (p[k]);
      k++;
    }
  value[k] = '\0';
  g_free (res->encoding);
  if (g_str_equal (value, "1252"))
    res->encoding = g_strdup ("WINDOWS-1252");
  else if (g_str_equal (value, "NONE") || g_str_equal (value, "US-ASCII")
           || g_str_equal (value, "ASCII") || k == 0)
    res->encoding = g_strdup ("UTF-8");
  else if (g_str_equal (value, "8859-1") || g_str_equal (value, "ISO-8859-1"))
    res->encoding = g_strdup ("ISO-8859-1");
  else
    res->encoding = g_strdup (value);
  res->encoding_confidence = 1.0;
}

RegSniffResult *
reg_sniff_file_internal (const char *path, const char *encoding, char delimiter,
                         const char *format, const char *preset, GError **error)
{
  g_autoptr(RegSniffResult) res = result_new ();
  g_autoptr(RegTextDecoder) dec = NULL;
  const char *text;
  gsize len;
  gboolean at_eof;
  g_autofree char *head = NULL;
  gsize head_len;

  dec = reg_text_decoder_new (path, encoding, error);
  if (dec == NULL)
    return NULL;
  if (!reg_text_decoder_read (dec, &text, &len, NULL, error))
    return NULL;
  /* an empty file gives no buffer: sniff an empty string rather than NULL */
  head = g_strndup (text != NULL ? text : "", text != NULL ? len : 0);
  head_len = text != NULL ? len : 0;
  /* is there more? (the decoder keeps its own buffer, so the head copy stays valid) */
  if (!reg_text_decoder_read (dec, &text, &len, NULL, error))
    return NULL;
  at_eof = len == 0;

  res->encoding = g_strdup (reg_text_decoder_get_encoding (dec));
  res->encoding_confidence = reg_text_decoder_get_confidence (dec);
  res->has_bom = reg_text_decoder_get_has_bom (dec);
  if (format != NULL)
    {
      res->format = g_strdup (format);
      res->format_confidence = 1.0;
    }
  else
    res->format = g_strdup (reg_sniff_format_of_head (head, head_len, &res->format_confidence));

  if (g_str_equal (res->format, "csv"))
    {
      sniff_csv (res, head, head_len, at_eof, delimiter, preset);
      /* by elimination it is CSV; how regular its table is says how sure that is */
      if (format == NULL)
        res->format_confidence = CLAMP (0.5 + 0.45 * res->delimiter_confidence, 0.5, 0.95);
    }
  else
    {
      /* statements in fixed formats: dates and amounts are the format's own */
      res->preset = g_str_equal (res->format, "xml") ? NULL : g_strdup (res->format);
      res->preset_confidence = res->format_confidence;
      res->header_confidence = 1.0;
      if (g_str_equal (res->format, "qif"))
        {
          sniff_qif_dates (res, head, head_len);
          res->decimal = '.';
          res->decimal_confidence = 0.6;
          g_free (res->thousands);
          res->thousands = g_strdup (",");
        }
      else if (g_str_equal (res->format, "mt940"))
        {
          res->date_order = CLV_DATE_ORDER_YMD;
          res->date_order_confidence = 1.0;
          res->decimal = ',';
          res->decimal_confidence = 1.0;
        }
      else
        {
          res->date_order = CLV_DATE_ORDER_YMD;
          res->date_order_confidence = 1.0;
          res->decimal = '.';
          res->decimal_confidence = g_str_equal (res->format, "camt053") ? 1.0 : 0.8;
          declared_encoding (res, head, head_len);
        }
    }
  return g_steal_pointer (&res);
}

/**
 * reg_sniff_file:
 * @path: the file
 *
 * Guesses how to read @path from its head, each guess with a confidence 0..1, and reads the
 * first rows as the import will (preview, preview_issues); a file the reader refuses still gets
 * its guesses, with an empty preview.
 * Returns: (transfer full): the guesses, or NULL with %REG_IO_ERROR_OPEN or
 *   %REG_IO_ERROR_ENCODING
 */
RegSniffResult *
reg_sniff_file (const char *path, GError **error)
{
  g_autoptr(RegSniffResult) res = reg_sniff_file_internal (path, NULL, 0, NULL, NULL, error);
  g_autoptr(RegImportReader) reader = NULL;
  RegImportOptions opts = { 0 };

  if (res == NULL)
    return NULL;
  opts.format = res->format;
  reader = reg_import_reader_new (path, &opts, NULL);
  if (reader != NULL)
    {
      for (guint n = 0; n < PREVIEW_ROWS;)
        {
          RegImportRow *row = NULL;
          RegImportIssue *issue = NULL;

          if (!reg_import_reader_next (reader, &row, &issue, NULL, NULL))
            break;
          if (row != NULL)
            g_ptr_array_add (res->preview, row);
          if (issue != NULL)
            g_ptr_array_add (res->preview_issues, issue);
          n++;
        }
    }
  return g_steal_pointer (&res);
}

/**
 * reg_sniff_file_with:
 * @format: (nullable): "csv", "ofx", …, or NULL to detect
 * @encoding: (nullable): an iconv name, or NULL to detect
 * @delimiter: the CSV delimiter, or 0 to detect
 * @preset: (nullable): a preset name, or NULL to recognise one
 *
 * Like reg_sniff_file() with the given choices fixed, and without the preview rows: the header
 * row, the columns and the remaining guesses follow the choices.
 * Returns: (transfer full): the guesses, or NULL with %REG_IO_ERROR_OPEN or
 *   %REG_IO_ERROR_ENCODING
 */
RegSniffResult *
reg_sniff_file_with (const char *path, const char *format, const char *encoding, char delimiter,
                     const char *preset, GError **error)
{
  return reg_sniff_file_internal (path, encoding, delimiter, format, preset, error);
}
