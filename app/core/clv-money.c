/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amount parsing and formatting. An amount is never guessed silently: when the text can be read
 * two ways ("12.345" is twelve with three decimals or twelve thousand), the shop's locale decides,
 * and where even that leaves it unreadable the caller gets a message that names the text.
 */
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "clv-error.h"
#include "clv-money.h"
#include "clv-text.h"

static const ClvLocale locales[] = {
  { "en_US", N_("English (United States)"), '.', ",", CLV_DATE_ORDER_MDY, '/', FALSE },
  { "en_GB", N_("English (United Kingdom)"), '.', ",", CLV_DATE_ORDER_DMY, '/', FALSE },
  { "en_IE", N_("English (Ireland)"), '.', ",", CLV_DATE_ORDER_DMY, '/', FALSE },
  { "en_AU", N_("English (Australia)"), '.', ",", CLV_DATE_ORDER_DMY, '/', FALSE },
  { "en_CA", N_("English (Canada)"), '.', ",", CLV_DATE_ORDER_YMD, '-', FALSE },
  { "de_DE", N_("German (Germany)"), ',', ".", CLV_DATE_ORDER_DMY, '.', TRUE },
  { "de_AT", N_("German (Austria)"), ',', " ", CLV_DATE_ORDER_DMY, '.', TRUE },
  { "de_CH", N_("German (Switzerland)"), '.', "'", CLV_DATE_ORDER_DMY, '.', FALSE },
  { "fr_FR", N_("French (France)"), ',', " ", CLV_DATE_ORDER_DMY, '/', TRUE },
  { "es_ES", N_("Spanish (Spain)"), ',', ".", CLV_DATE_ORDER_DMY, '/', TRUE },
  { "es_MX", N_("Spanish (Mexico)"), '.', ",", CLV_DATE_ORDER_DMY, '/', FALSE },
  { "it_IT", N_("Italian (Italy)"), ',', ".", CLV_DATE_ORDER_DMY, '/', TRUE },
  { "nl_NL", N_("Dutch (Netherlands)"), ',', ".", CLV_DATE_ORDER_DMY, '-', FALSE },
  { "pt_BR", N_("Portuguese (Brazil)"), ',', ".", CLV_DATE_ORDER_DMY, '/', FALSE },
  { "pl_PL", N_("Polish (Poland)"), ',', " ", CLV_DATE_ORDER_DMY, '.', TRUE },
  { "sv_SE", N_("Swedish (Sweden)"), ',', " ", CLV_DATE_ORDER_YMD, '-', TRUE },
  { "ja_JP", N_("Japanese (Japan)"), '.', ",", CLV_DATE_ORDER_YMD, '/', FALSE },
};

static const ClvCurrency currencies[] = {
  { "EUR", "€", 2 }, { "USD", "$", 2 }, { "GBP", "£", 2 }, { "CHF", "CHF", 2 },
  { "CAD", "CA$", 2 }, { "AUD", "A$", 2 }, { "NZD", "NZ$", 2 }, { "SEK", "kr", 2 },
  { "NOK", "kr", 2 }, { "DKK", "kr.", 2 }, { "PLN", "zł", 2 }, { "CZK", "Kč", 2 },
  { "MXN", "MX$", 2 }, { "BRL", "R$", 2 }, { "JPY", "¥", 0 }, { "CNY", "CN¥", 2 },
  { "INR", "₹", 2 }, { "ZAR", "R", 2 }, { "THB", "฿", 2 }, { "KRW", "₩", 0 },
};

const ClvLocale *
clv_locale_lookup (const char *id)
{
  if (id == NULL)
    return &locales[0];
  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    if (strncmp (locales[i].id, id, 5) == 0)
      return &locales[i];
  return NULL;
}

const ClvLocale *
clv_locale_list (gsize *n)
{
  *n = G_N_ELEMENTS (locales);
  return locales;
}

const ClvCurrency *
clv_currency_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      return &currencies[i];
  return NULL;
}

const ClvCurrency *
clv_currency_list (gsize *n)
{
  *n = G_N_ELEMENTS (currencies);
  return currencies;
}

void
clv_money_format_init (ClvMoneyFormat *fmt, const char *locale_id, const char *currency_code)
{
  fmt->locale = clv_locale_lookup (locale_id);
  if (fmt->locale == NULL)
    fmt->locale = &locales[0];
  fmt->currency = clv_currency_lookup (currency_code);
  if (fmt->currency == NULL)
    fmt->currency = &currencies[0];
}

static gboolean
is_group_space (const char *p, gsize *len)
{
  /* space, no-break space, narrow no-break space, apostrophe, right single quote */
  static const char *spaces[] = { " ", "\xc2\xa0", "\xe2\x80\xaf", "'", "\xe2\x80\x99" };

  for (gsize i = 0; i < G_N_ELEMENTS (spaces); i++)
    if (g_str_has_prefix (p, spaces[i]))
      {
        *len = strlen (spaces[i]);
        return TRUE;
      }
  return FALSE;
}

/* The symbols written beside amounts, longest first (so "CA$" is read before "$"), and the
 * currencies each may stand for: "$" is the dollar of several countries (and Mexico's peso),
 * "¥" the yen and the yuan, "kr" three crowns. */
typedef struct
{
  const char *symbol;
  const char *codes;   /* ISO 4217 codes, space-separated */
} SymbolUse;

static const SymbolUse symbol_uses[] = {
  { "US$", "USD" }, { "CA$", "CAD" }, { "AU$", "AUD" }, { "NZ$", "NZD" }, { "MX$", "MXN" },
  { "CN¥", "CNY" }, { "JP¥", "JPY" }, { "CHF", "CHF" }, { "kr.", "DKK" }, { "A$", "AUD" },
  { "R$", "BRL" }, { "zł", "PLN" }, { "Kč", "CZK" }, { "kr", "SEK NOK DKK" },
  { "€", "EUR" }, { "£", "GBP" }, { "¥", "JPY CNY" }, { "₹", "INR" }, { "₩", "KRW" },
  { "฿", "THB" }, { "$", "USD CAD AUD NZD MXN" },
};

static gboolean
codes_include (const char *codes, const char *code)
{
  gsize n = strlen (code);

  for (const char *p = codes; (p = strstr (p, code)) != NULL; p += n)
    if ((p == codes || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return TRUE;
  return FALSE;
}

/* Three capital letters, an ISO 4217 code such as "USD" in "12.00 USD" or "EUR 12,50". */
static gboolean
is_code (const char *s)
{
  return g_ascii_isupper (s[0]) && g_ascii_isupper (s[1]) && g_ascii_isupper (s[2]);
}

/* ISO 4217 codes beyond the shops' own (currencies[]) that files name in headers. */
static const char *const other_codes =
  "HKD SGD TRY RUB HUF RON BGN ILS AED SAR IDR MYR PHP VND TWD ARS CLP COP PEN UYU NGN EGP KES "
  "MAD UAH ISK RSD";

/**
 * clv_currency_token_match:
 * @token: a currency symbol ("$", "€", "kr") or an ISO 4217 code ("USD") as a file writes it
 * @currency: the currency expected
 *
 * Returns: 1 when @token can stand for @currency, 0 when it names another currency, -1 when it
 *   is no currency symbol or code known here.
 */
int
clv_currency_token_match (const char *token, const ClvCurrency *currency)
{
  for (gsize i = 0; i < G_N_ELEMENTS (symbol_uses); i++)
    if (strcmp (token, symbol_uses[i].symbol) == 0)
      return codes_include (symbol_uses[i].codes, currency->code);
  if (strlen (token) != 3 || !is_code (token))
    return -1;
  if (strcmp (token, currency->code) == 0)
    return 1;
  return clv_currency_lookup (token) != NULL || codes_include (other_codes, token) ? 0 : -1;
}

/* Removes a currency symbol or code at either end, and surrounding spaces. Each one removed
 * must be able to stand for @currency (when given): else FALSE, with the symbol or code in
 * @stated (at most 7 bytes and its NUL). */
static gboolean
strip_currency (char *s, const ClvCurrency *currency, char stated[8])
{
  gboolean changed = TRUE;

  g_strstrip (s);
  while (changed)
    {
      gsize len = strlen (s);

      changed = FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (symbol_uses) + 1 && !changed; i++)
        {
          const char *sym = i < G_N_ELEMENTS (symbol_uses) ? symbol_uses[i].symbol : NULL;
          const char *codes = i < G_N_ELEMENTS (symbol_uses) ? symbol_uses[i].codes : NULL;
          gsize n;
          gboolean at_start, at_end;

          if (sym == NULL)
            {
              /* an ISO code at either end, the shop's or another */
              at_start = len > 3 && is_code (s) && !g_ascii_isalpha (s[3]);
              at_end = !at_start && len > 3 && is_code (s + len - 3)
                       && !g_ascii_isalpha (s[len - 4]);
              if (!at_start && !at_end)
                continue;
              n = 3;
              sym = at_start ? s : s + len - 3;
            }
          else
            {
              n = strlen (sym);
              at_start = strncmp (s, sym, n) == 0;
              at_end = !at_start && len >= n && strcmp (s + len - n, sym) == 0;
              if (!at_start && !at_end)
                continue;
            }
          if (currency != NULL
              && (codes != NULL ? !codes_include (codes, currency->code)
                                : strncmp (sym, currency->code, 3) != 0))
            {
              g_strlcpy (stated, sym, MIN (n + 1, 8));
              return FALSE;
            }
          if (at_start)
            memmove (s, s + n, len - n + 1);
          else
            s[len - n] = '\0';
          g_strstrip (s);
          changed = TRUE;
        }
    }
  return TRUE;
}

static gboolean
fail (GError **error, int code, const char *fmt, const char *text, ...) G_GNUC_PRINTF (3, 5);

static gboolean
fail (GError **error, int code, const char *fmt, const char *text, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  g_autofree char *quoted = NULL;

  if (error == NULL)
    return FALSE;
  va_start (ap, text);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* every message quotes @text: shortened and escaped there, so that a 100 KB value makes a
   * one-line message */
  quoted = clv_text_quote_in (msg, text);
  g_set_error_literal (error, CLV_ERROR, code, quoted);
  return FALSE;
}

/*
 * The grammar: [sign] [symbol] digits-with-separators [sign], or the number in parentheses for
 * a negative amount (accountants' style). `decimal` is the locale's decimal mark; '\0' means
 * "no locale": then an ambiguous single separator is an error.
 */
static gboolean
parse_amount (const char *text, char decimal, guint exponent, const ClvCurrency *currency,
              gint64 *out_minor, GError **error)
{
  g_autofree char *s = NULL;
  GString *digits;
  gboolean negative = FALSE;
  const char *p;
  int n_dot = 0, n_comma = 0, n_space = 0;
  const char *last_dot = NULL, *last_comma = NULL;
  char dec = 0;
  gsize int_end;
  guint frac_len = 0;
  gint64 value = 0;

  if (text == NULL || *text == '\0')
    return fail (error, CLV_ERROR_INVALID, _("the amount is empty"), "");

  s = g_strstrip (g_strdup (text));
  if (s[0] == '(' && s[strlen (s) - 1] == ')')
    {
      negative = TRUE;
      s[strlen (s) - 1] = '\0';
      memmove (s, s + 1, strlen (s));
    }
  g_strstrip (s);
  if (s[0] == '-' || s[0] == '+' || g_str_has_prefix (s, "\xe2\x88\x92"))
    {
      /* U+2212 MINUS SIGN is three bytes: move what follows it, and its NUL, no more */
      gsize sign_len = s[0] == '-' || s[0] == '+' ? 1 : 3;
      negative = negative || s[0] != '+';
      memmove (s, s + sign_len, strlen (s + sign_len) + 1);
    }
  {
    char stated[8] = "";

    if (!strip_currency (s, currency, stated))
      /* TRANSLATORS: "“$12” is an amount in “$”, not in the shop's currency (EUR)" */
      return fail (error, CLV_ERROR_CURRENCY,
                   _("“%s” is an amount in “%s”, not in the shop's currency (%s)"), text, text,
                   stated, currency->code);
  }
  if (s[0] == '-' || s[0] == '+')
    {
      if (negative && s[0] == '-')
        return fail (error, CLV_ERROR_INVALID, _("“%s” is not an amount"), text, text);
      negative = negative || s[0] == '-';
      memmove (s, s + 1, strlen (s));
    }
  else if (*s != '\0' && (s[strlen (s) - 1] == '-'))
    {
      negative = TRUE;
      s[strlen (s) - 1] = '\0';
    }
  g_strstrip (s);

  if (*s == '\0' || !(g_ascii_isdigit (*s) || *s == '.' || *s == ','))
    return fail (error, CLV_ERROR_INVALID, _("“%s” is not an amount"), text, text);

  /* Count separators; anything else that is not a digit makes the text not an amount. */
  for (p = s; *p != '\0';)
    {
      gsize len;
      if (g_ascii_isdigit (*p))
        p++;
      else if (*p == '.')
        last_dot = p++, n_dot++;
      else if (*p == ',')
        last_comma = p++, n_comma++;
      else if (is_group_space (p, &len))
        p += len, n_space++;
      else
        return fail (error, CLV_ERROR_INVALID, _("“%s” is not an amount"), text, text);
    }

  if (n_dot > 0 && n_comma > 0)
    {
      /* both marks: the last one is the decimal mark, the other groups thousands */
      dec = last_dot > last_comma ? '.' : ',';
      if ((dec == '.' && n_dot > 1) || (dec == ',' && n_comma > 1))
        return fail (error, CLV_ERROR_INVALID, _("“%s” is not an amount"), text, text);
    }
  else if (n_dot + n_comma == 1)
    {
      const char *sep = last_dot != NULL ? last_dot : last_comma;
      gsize after = strspn (sep + 1, "0123456789");
      if (after != 3 || sep[1 + after] != '\0')
        dec = *sep;
      else if (decimal == *sep)
        dec = *sep;   /* "12.345" in a locale whose decimal mark is '.': three decimals */
      else if (decimal != '\0')
        dec = 0;      /* "12.345" where '.' groups thousands: 12345 */
      else
        return fail (error, CLV_ERROR_AMBIGUOUS,
                     _("“%s” is ambiguous: “%c” could be the decimal mark or a thousands "
                       "separator; set the decimal mark"), text, text, *sep);
    }
  else if (n_dot + n_comma > 1)
    dec = 0;   /* "1.234.567" or "1,234,567": thousands only */

  /* Rebuild the digits, checking that thousands groups have three digits. */
  digits = g_string_new (NULL);
  {
    int group_len = -1;   /* digits since the last thousands separator, -1 before the first */
    gboolean in_frac = FALSE;
    gboolean bad_group = FALSE;
    int lead = 0;

    for (p = s; *p != '\0';)
      {
        gsize len;
        if (g_ascii_isdigit (*p))
          {
            g_string_append_c (digits, *p);
            if (in_frac)
              frac_len++;
            else if (group_len >= 0)
              group_len++;
            else
              lead++;
            p++;
          }
        else if (!in_frac && dec != 0 && *p == dec)
          {
            if (group_len >= 0 && group_len != 3)
              bad_group = TRUE;
            in_frac = TRUE;
            p++;
          }
        else
          {
            if (in_frac || (group_len >= 0 && group_len != 3) || (group_len < 0 && lead == 0)
                || (group_len < 0 && lead > 3))
              bad_group = TRUE;
            group_len = 0;
            p += is_group_space (p, &len) ? len : 1;
          }
      }
    if (!in_frac && group_len >= 0 && group_len != 3)
      bad_group = TRUE;
    if (bad_group)
      {
        g_string_free (digits, TRUE);
        return fail (error, CLV_ERROR_INVALID,
                     _("“%s” is not an amount: thousands separators must group three digits"),
                     text, text);
      }
  }

  int_end = digits->len - frac_len;
  if (int_end == 0 && frac_len == 0)
    {
      g_string_free (digits, TRUE);
      return fail (error, CLV_ERROR_INVALID, _("“%s” is not an amount"), text, text);
    }
  /* Extra decimals are accepted only when they are zeros ("12.500" for a two-decimal currency). */
  while (frac_len > exponent)
    {
      if (digits->str[digits->len - 1] != '0')
        {
          g_string_free (digits, TRUE);
          if (n_dot + n_comma == 1 && dec != 0 && frac_len == 3)
            return fail (error, CLV_ERROR_AMBIGUOUS,
                         _("“%s” has three decimals; with “%c” as the decimal mark it is not an "
                           "amount in this currency. If you meant thousands, set a locale whose "
                           "decimal mark is not “%c”"), text, text, dec, dec);
          return fail (error, CLV_ERROR_INVALID,
                       _("“%s” has more decimals than the currency allows (%u)"), text, text,
                       exponent);
        }
      g_string_truncate (digits, digits->len - 1);
      frac_len--;
    }
  for (gsize i = 0; i < digits->len; i++)
    {
      if (value > CLV_MONEY_MAX / 10)
        {
          g_string_free (digits, TRUE);
          return fail (error, CLV_ERROR_RANGE, _("“%s” is too large an amount"), text, text);
        }
      value = value * 10 + (digits->str[i] - '0');
    }
  for (guint i = frac_len; i < exponent; i++)
    value *= 10;
  g_string_free (digits, TRUE);
  if (value > CLV_MONEY_MAX)
    return fail (error, CLV_ERROR_RANGE, _("“%s” is too large an amount"), text, text);

  *out_minor = negative ? -value : value;
  return TRUE;
}

/**
 * clv_money_parse:
 * @text: an amount as typed: "12,50", "1.234,56", "1,234.56", "$12", "-3.00", "(4.00)"
 * @fmt: the shop's locale and currency
 * @out_minor: (out): the amount in minor units
 *
 * Where both a dot and a comma appear, the last is the decimal mark whatever the locale. A single
 * separator followed by exactly three digits is resolved by the locale's decimal mark.
 * Returns: %FALSE and a message naming @text when it is not an amount, is out of range, or has
 *   more decimals than the currency.
 */
gboolean
clv_money_parse (const char *text, const ClvMoneyFormat *fmt, gint64 *out_minor, GError **error)
{
  return parse_amount (text, fmt->locale->decimal, fmt->currency->exponent, fmt->currency,
                       out_minor, error);
}

/**
 * clv_money_parse_with:
 * @decimal: the decimal mark, or '\0' to refuse amounts that only a locale could decide
 */
gboolean
clv_money_parse_with (const char *text, char decimal, guint exponent, gint64 *out_minor,
                      GError **error)
{
  return parse_amount (text, decimal, exponent, NULL, out_minor, error);
}

/**
 * clv_money_parse_in:
 * @currency: (nullable): the currency the amount must be in; NULL accepts any symbol
 *
 * As clv_money_parse_with(), and a symbol or ISO code in @text that cannot stand for
 * @currency ("$12", "¥12", "12 USD" for EUR) fails with %CLV_ERROR_CURRENCY.
 */
gboolean
clv_money_parse_in (const char *text, char decimal, guint exponent, const ClvCurrency *currency,
                    gint64 *out_minor, GError **error)
{
  return parse_amount (text, decimal, exponent, currency, out_minor, error);
}

static char *
format_number (gint64 minor, guint exponent, char decimal, const char *thousands)
{
  GString *out = g_string_new (NULL);
  guint64 v = minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
  guint64 scale = 1;
  g_autofree char *int_digits = NULL;
  gsize n;

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  int_digits = g_strdup_printf ("%" PRIu64, v / scale);
  n = strlen (int_digits);
  if (minor < 0)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0 && thousands != NULL)
        g_string_append (out, thousands);
      g_string_append_c (out, int_digits[i]);
    }
  if (exponent > 0)
    {
      g_string_append_c (out, decimal);
      g_string_append_printf (out, "%0*" PRIu64, (int) exponent, v % scale);
    }
  return g_string_free (out, FALSE);
}

/* "1234.5" with the locale's marks but no currency: "1.234,50" */
char *
clv_money_format_plain (gint64 minor, const ClvMoneyFormat *fmt)
{
  const char *th = fmt->locale->thousands;
  /* a plain space would break the number in two when wrapped: use a no-break space */
  return format_number (minor, fmt->currency->exponent, fmt->locale->decimal,
                        g_str_equal (th, " ") ? "\xc2\xa0" : th);
}

/* Machine form for files: "1234.50", no grouping, dot. */
char *
clv_money_format_number (gint64 minor, guint exponent)
{
  return format_number (minor, exponent, '.', NULL);
}

/* "€1,234.50", "1.234,50 €", "-$3.00" */
char *
clv_money_format (gint64 minor, const ClvMoneyFormat *fmt)
{
  g_autofree char *num = clv_money_format_plain (minor < 0 ? -minor : minor, fmt);
  const char *sym = fmt->currency->symbol;

  if (fmt->locale->symbol_after)
    return g_strdup_printf ("%s%s\xc2\xa0%s", minor < 0 ? "-" : "", num, sym);
  return g_strdup_printf ("%s%s%s", minor < 0 ? "-" : "", sym, num);
}
