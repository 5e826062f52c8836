/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Date reading and writing. Pure functions; no locale state is read except for clv_date_today().
 * Dates are whole local days: times and UTC offsets that follow a date are ignored, because a
 * sale belongs to the day the shop saw it.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "clv-date.h"
#include "clv-error.h"
#include "clv-text.h"

static const struct { const char *name; int month; } month_names[] = {
  { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "may", 5 }, { "june", 6 },
  { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 }, { "november", 11 },
  { "december", 12 }, { "sept", 9 },
  /* German, French, Spanish, Dutch forms met in bank exports */
  { "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "märz", 3 }, { "maerz", 3 }, { "mai", 5 },
  { "juni", 6 }, { "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
  { "janvier", 1 }, { "février", 2 }, { "fevrier", 2 }, { "mars", 3 }, { "avril", 4 },
  { "juin", 6 }, { "juillet", 7 }, { "août", 8 }, { "aout", 8 }, { "septembre", 9 },
  { "octobre", 10 }, { "novembre", 11 }, { "décembre", 12 }, { "decembre", 12 },
  { "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 }, { "mayo", 5 }, { "junio", 6 },
  { "julio", 7 }, { "agosto", 8 }, { "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
  { "noviembre", 11 }, { "diciembre", 12 },
  { "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mei", 5 }, { "augustus", 8 },
};

gint32
clv_date_from_ymd (int year, int month, int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return 0;
  if (day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    return 0;
  {
    GDate d;
    g_date_clear (&d, 1);
    g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    return (gint32) g_date_get_julian (&d);
  }
}

void
clv_date_to_ymd (gint32 day, int *year, int *month, int *mday)
{
  GDate d;

  g_date_clear (&d, 1);
  if (day < 1)
    day = 1;
  g_date_set_julian (&d, (guint32) day);
  if (year != NULL)
    *year = g_date_get_year (&d);
  if (month != NULL)
    *month = g_date_get_month (&d);
  if (mday != NULL)
    *mday = g_date_get_day (&d);
}

gint32
clv_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return clv_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now));
}

/* Called for every sale written to the shop: digits by hand, not printf. */
void
clv_date_format_iso_buf (gint32 day, char buf[11])
{
  int y, m, d;

  clv_date_to_ymd (day, &y, &m, &d);
  buf[0] = (char) ('0' + y / 1000 % 10);
  buf[1] = (char) ('0' + y / 100 % 10);
  buf[2] = (char) ('0' + y / 10 % 10);
  buf[3] = (char) ('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char) ('0' + m / 10);
  buf[6] = (char) ('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char) ('0' + d / 10);
  buf[9] = (char) ('0' + d % 10);
  buf[10] = '\0';
}

char *
clv_date_format_iso (gint32 day)
{
  char buf[11];

  clv_date_format_iso_buf (day, buf);
  return g_strdup (buf);
}

char *
clv_date_format_locale (gint32 day, ClvDateOrder order, char separator)
{
  int y, m, d;

  clv_date_to_ymd (day, &y, &m, &d);
  switch (order)
    {
    case CLV_DATE_ORDER_DMY:
      return g_strdup_printf ("%02d%c%02d%c%04d", d, separator, m, separator, y);
    case CLV_DATE_ORDER_MDY:
      return g_strdup_printf ("%02d%c%02d%c%04d", m, separator, d, separator, y);
    case CLV_DATE_ORDER_YMD:
    case CLV_DATE_ORDER_UNKNOWN:
    default:
      return clv_date_format_iso (day);
    }
}

/* Reads exactly `n` digits (or 1..n when `at_most`); returns the value or -1. */
static int
read_digits (const char **p, int min_len, int max_len)
{
  int v = 0, len = 0;

  while (len < max_len && g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      len++;
    }
  if (len < min_len || g_ascii_isdigit (**p))
    return -1;
  return v;
}

gboolean
clv_date_parse_iso (const char *text, gint32 *out_day)
{
  const char *p = text;
  int y, m, d;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if ((y = read_digits (&p, 4, 4)) < 0 || *p++ != '-')
    return FALSE;
  if ((m = read_digits (&p, 2, 2)) < 0 || *p++ != '-')
    return FALSE;
  if ((d = read_digits (&p, 2, 2)) < 0)
    return FALSE;
  /* a time or offset may follow: "2024-03-05T10:00:00", "2024-03-05 09:55:16 -0400" */
  if (*p != '\0' && *p != 'T' && *p != ' ' && *p != '+' && *p != 'Z' && *p != '-')
    return FALSE;
  *out_day = clv_date_from_ymd (y, m, d);
  return *out_day != 0;
}

static int
month_from_name (const char *start, gsize len)
{
  /* folded without the locale: under tr_TR "APRIL" must not become "aprıl" */
  g_autofree char *word = clv_text_fold (start, (gssize) len);
  gsize wlen = strlen (word);

  if (wlen < 3)
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      const char *name = month_names[i].name;
      /* full name, or an abbreviation of at least three letters, optionally with a dot */
      if (g_str_equal (word, name))
        return month_names[i].month;
      if (wlen <= strlen (name) && strncmp (word, name, wlen) == 0 && wlen >= 3)
        return month_names[i].month;
    }
  return 0;
}

typedef struct
{
  int  value[3];
  int  len[3];
  int  month_word; /* index of the part written as a month name, or -1 */
  int  n;
} DateParts;

/* Splits "05.03.2024", "5/3/24", "Mar 5, 2024", "05-Mar-2024", "20240305" into parts. */
static gboolean
split_date (const char *text, DateParts *parts)
{
  const char *p = text;

  memset (parts, 0, sizeof *parts);
  parts->month_word = -1;
  while (g_ascii_isspace (*p))
    p++;

  /* compact YYYYMMDD (OFX, CDNOW) */
  {
    const char *q = p;
    int k = 0;
    while (g_ascii_isdigit (q[k]))
      k++;
    if (k == 8 || (k > 8 && k <= 14))
      {
        parts->n = 3;
        parts->value[0] = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        parts->value[1] = (p[4] - '0') * 10 + (p[5] - '0');
        parts->value[2] = (p[6] - '0') * 10 + (p[7] - '0');
        parts->len[0] = 4;
        parts->len[1] = parts->len[2] = 2;
        return TRUE;
      }
  }

  while (*p != '\0' && parts->n < 3)
    {
      if (g_ascii_isdigit (*p))
        {
          int v = 0, len = 0;
          while (g_ascii_isdigit (*p) && len < 5)
            {
              v = v * 10 + (*p - '0');
              p++;
              len++;
            }
          if (g_ascii_isdigit (*p))
            return FALSE;
          parts->value[parts->n] = v;
          parts->len[parts->n] = len;
          parts->n++;
        }
      else if (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
        {
          const char *start = p;
          int m;
          while (*p != '\0' && (g_ascii_isalpha (*p) || (guchar) *p >= 0x80))
            p++;
          m = month_from_name (start, (gsize) (p - start));
          if (m == 0)
            {
              /* weekday names and glued text ("Mon, 5 Mar 2024") are skipped before the date */
              if (parts->n == 0)
                continue;
              break;
            }
          if (parts->month_word >= 0)
            return FALSE;
          parts->month_word = parts->n;
          parts->value[parts->n] = m;
          parts->len[parts->n] = 2;
          parts->n++;
          if (*p == '.')
            p++;
        }
      else if (*p == '.' || *p == '/' || *p == '-' || *p == ' ' || *p == ',' || *p == '\'')
        p++;
      else
        break;
      /* a time after the date ("8:26", "T10:00") ends the date */
      if (parts->n == 3)
        break;
    }
  return parts->n == 3;
}

static int
expand_year (int value, int len)
{
  if (len == 4)
    return value;
  if (len <= 2)
    /* two-digit years: 00-69 are this century, 70-99 the last (POSIX strptime's rule) */
    return value < 70 ? 2000 + value : 1900 + value;
  return -1;
}

static gint32
build_date (const DateParts *parts, ClvDateOrder order)
{
  int y, m, d;

  switch (order)
    {
    case CLV_DATE_ORDER_DMY:
      d = parts->value[0], m = parts->value[1];
      y = expand_year (parts->value[2], parts->len[2]);
      if (parts->len[0] > 2 || parts->len[1] > 2)
        return 0;
      break;
    case CLV_DATE_ORDER_MDY:
      m = parts->value[0], d = parts->value[1];
      y = expand_year (parts->value[2], parts->len[2]);
      if (parts->len[0] > 2 || parts->len[1] > 2)
        return 0;
      break;
    case CLV_DATE_ORDER_YMD:
      y = expand_year (parts->value[0], parts->len[0]);
      m = parts->value[1], d = parts->value[2];
      if (parts->len[1] > 2 || parts->len[2] > 2)
        return 0;
      break;
    case CLV_DATE_ORDER_UNKNOWN:
    default:
      return 0;
    }
  if (y < 0)
    return 0;
  return clv_date_from_ymd (y, m, d);
}

gboolean
clv_date_guess_orders (const char *text, gboolean *dmy, gboolean *mdy, gboolean *ymd)
{
  DateParts parts;

  *dmy = *mdy = *ymd = FALSE;
  if (text == NULL || !split_date (text, &parts))
    return FALSE;
  if (parts.month_word == 1 || parts.month_word < 0)
    *dmy = build_date (&parts, CLV_DATE_ORDER_DMY) != 0 && parts.len[0] <= 2;
  if (parts.month_word == 0 || parts.month_word < 0)
    *mdy = build_date (&parts, CLV_DATE_ORDER_MDY) != 0 && parts.len[0] <= 2;
  if (parts.month_word == 1 || parts.month_word < 0)
    *ymd = build_date (&parts, CLV_DATE_ORDER_YMD) != 0 && parts.len[0] == 4;
  if (parts.len[0] == 4)
    *dmy = *mdy = FALSE;
  return *dmy || *mdy || *ymd;
}

/**
 * clv_date_parse:
 * @text: a date as written by a person or an export
 * @order: how to read a date whose parts are all numbers; ISO and four-digit-year-first
 *   dates are read as year-month-day whatever the order
 * @out_day: (out): the Julian day number
 *
 * A month written as a word decides the order by itself ("Mar 5, 2024", "5 März 2024").
 * Returns: %FALSE with %CLV_ERROR_INVALID when the text is not a date in that order, or
 *   %CLV_ERROR_AMBIGUOUS when @order is unknown and day and month could be swapped.
 */
gboolean
clv_date_parse (const char *text, ClvDateOrder order, gint32 *out_day, GError **error)
{
  DateParts parts;
  gint32 day = 0;
  /* the value as messages quote it, made only when one is written (imports read millions) */
  g_autofree char *quoted = NULL;

  if (text != NULL && clv_date_parse_iso (text, out_day))
    return TRUE;
  if (text == NULL || !split_date (text, &parts))
    {
      quoted = clv_text_quote (text);
      g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID, _("“%s” is not a date"), quoted);
      return FALSE;
    }

  if (parts.len[0] == 4 && parts.month_word != 0)
    day = build_date (&parts, CLV_DATE_ORDER_YMD);
  else if (parts.month_word == 0)
    day = build_date (&parts, CLV_DATE_ORDER_MDY);
  else if (parts.month_word == 1)
    day = build_date (&parts, CLV_DATE_ORDER_DMY);
  else if (order == CLV_DATE_ORDER_UNKNOWN)
    {
      gint32 a = build_date (&parts, CLV_DATE_ORDER_DMY);
      gint32 b = build_date (&parts, CLV_DATE_ORDER_MDY);
      if (a != 0 && b != 0 && a != b)
        {
          quoted = clv_text_quote (text);
          g_set_error (error, CLV_ERROR, CLV_ERROR_AMBIGUOUS,
                       _("“%s” could be day-month or month-day: choose the date order"), quoted);
          return FALSE;
        }
      day = a != 0 ? a : b;
    }
  else
    day = build_date (&parts, order);

  if (day == 0)
    {
      quoted = clv_text_quote (text);
      if (order == CLV_DATE_ORDER_UNKNOWN || parts.month_word >= 0 || parts.len[0] == 4)
        g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID, _("“%s” is not a valid date"), quoted);
      else
        {
          /* the form expected, as an example an owner can copy: 31/12/2024 or 12/31/2024 */
          g_autofree char *example = clv_date_format_locale (clv_date_from_ymd (2024, 12, 31),
                                                             order, '/');

          g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                       _("“%s” is not a valid date: write it like %s"), quoted,
                       example);
        }
      return FALSE;
    }
  *out_day = day;
  return TRUE;
}

const char *
clv_date_order_id (ClvDateOrder order)
{
  switch (order)
    {
    case CLV_DATE_ORDER_DMY:
      return "DMY";
    case CLV_DATE_ORDER_MDY:
      return "MDY";
    case CLV_DATE_ORDER_YMD:
      return "YMD";
    case CLV_DATE_ORDER_UNKNOWN:
    default:
      return "unknown";
    }
}

ClvDateOrder
clv_date_order_from_id (const char *id)
{
  if (id == NULL)
    return CLV_DATE_ORDER_UNKNOWN;
  if (g_ascii_strcasecmp (id, "DMY") == 0)
    return CLV_DATE_ORDER_DMY;
  if (g_ascii_strcasecmp (id, "MDY") == 0)
    return CLV_DATE_ORDER_MDY;
  if (g_ascii_strcasecmp (id, "YMD") == 0)
    return CLV_DATE_ORDER_YMD;
  return CLV_DATE_ORDER_UNKNOWN;
}

/**
 * clv_date_sale_max:
 * @today: today's Julian day
 *
 * Returns: the latest day a sale may have: the same date a year after @today (28 February for
 *   a 29 February).
 */
gint32
clv_date_sale_max (gint32 today)
{
  int y, m, d;

  clv_date_to_ymd (today, &y, &m, &d);
  if (m == 2 && d == 29)
    d = 28;
  return y < 9999 ? clv_date_from_ymd (y + 1, m, d) : today;
}

/**
 * clv_date_check_sale:
 * @day: a sale's Julian day
 * @today: today's Julian day (clv_date_today(), or fixed in tests)
 * @error: %CLV_ERROR_RANGE with a phrase that follows the quoted value ("… is before
 *   1970-01-01")
 *
 * The one rule on a sale's date, for every way a sale comes in (typed, imported, demo): not
 * before 1970-01-01, not more than a year after today. Dates outside that are typing or export
 * errors, and a single one bends every prediction (the model's time span) or becomes a negative
 * date in a spreadsheet.
 *
 * Returns: whether @day is allowed.
 */
gboolean
clv_date_check_sale (gint32 day, gint32 today, GError **error)
{
  char limit[11];

  if (day < CLV_DATE_SALE_MIN)
    {
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_RANGE,
                           _("is before 1970-01-01; sales that old are not taken"));
      return FALSE;
    }
  /* the same date a year on is at least 365 days on (short of the year 9999, which has no
   * year after it): most sales are decided without the calendar (an import asks for every
   * row) */
  if (day <= today + 365 && today < 3651695 /* 9999-01-01 */)
    return TRUE;
  if (day > clv_date_sale_max (today))
    {
      clv_date_format_iso_buf (clv_date_sale_max (today), limit);
      /* TRANSLATORS: %s is the latest date allowed, e.g. 2027-12-07 */
      g_set_error (error, CLV_ERROR, CLV_ERROR_RANGE,
                   _("is more than a year after today (the latest date taken is %s)"), limit);
      return FALSE;
    }
  return TRUE;
}
