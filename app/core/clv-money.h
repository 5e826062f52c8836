/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money as integer minor units: reading amounts the way people type them in their locale, and
 * writing them back. Also the small table of locales and currencies the shop settings offer.
 */
#pragma once

#include <glib.h>
#include "clv-date.h"

G_BEGIN_DECLS

/* Largest amount accepted anywhere: 100 billion major units. */
#define CLV_MONEY_MAX ((gint64) 10000000000000)

typedef struct
{
  const char  *id;            /* "en_US", "de_DE", … */
  const char  *name;          /* translatable display name */
  char         decimal;       /* '.' or ',' */
  const char  *thousands;     /* UTF-8: ",", ".", " " (U+00A0), "'" */
  ClvDateOrder date_order;
  char         date_separator;
  gboolean     symbol_after;  /* "12,50 €" rather than "€12.50" */
} ClvLocale;

typedef struct
{
  const char *code;           /* ISO 4217 */
  const char *symbol;
  guint       exponent;       /* digits after the decimal mark: 2 for EUR, 0 for JPY */
} ClvCurrency;

/* How amounts are read and written: one locale and one currency. */
typedef struct
{
  const ClvLocale   *locale;
  const ClvCurrency *currency;
} ClvMoneyFormat;

const ClvLocale   *clv_locale_lookup       (const char *id);
const ClvLocale   *clv_locale_list         (gsize *n);
const ClvCurrency *clv_currency_lookup     (const char *code);
const ClvCurrency *clv_currency_list       (gsize *n);
int                clv_currency_token_match (const char *token, const ClvCurrency *currency);
void               clv_money_format_init   (ClvMoneyFormat *fmt, const char *locale_id,
                                            const char *currency_code);

gboolean           clv_money_parse         (const char *text, const ClvMoneyFormat *fmt,
                                            gint64 *out_minor, GError **error);
gboolean           clv_money_parse_with    (const char *text, char decimal, guint exponent,
                                            gint64 *out_minor, GError **error);
gboolean           clv_money_parse_in      (const char *text, char decimal, guint exponent,
                                            const ClvCurrency *currency, gint64 *out_minor,
                                            GError **error);
char              *clv_money_format        (gint64 minor, const ClvMoneyFormat *fmt);
char              *clv_money_format_plain  (gint64 minor, const ClvMoneyFormat *fmt);
char              *clv_money_format_number (gint64 minor, guint exponent);

G_END_DECLS
