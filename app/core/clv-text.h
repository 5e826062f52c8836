/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules every way in shares for text an owner or a file hands over: the one length limit
 * of a customer's name, control characters, e-mail addresses (their syntax and the one folded
 * form that is their key), and the shortened, escaped form in which error messages quote a
 * value. Pure functions; nothing here reads the process locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest customer name, in characters, on every way in (the shop's CHECK allows the same) */
#define CLV_NAME_MAX_CHARS 500
/* The longest e-mail address, in bytes (RFC 5321's limit on a path) */
#define CLV_EMAIL_MAX_BYTES 254
/* How much of a value an error message quotes, in characters, before "…" */
#define CLV_QUOTE_MAX_CHARS 60

gboolean  clv_text_has_control     (const char *text,
                                    gboolean    allow_line_breaks);
char     *clv_text_escape_controls (const char *text);
char     *clv_text_quote           (const char *text);
char     *clv_text_quote_in        (const char *message,
                                    const char *value);
char     *clv_text_fold            (const char *text,
                                    gssize      len);

gboolean  clv_email_is_valid       (const char *email);
/* Digits with at most one decimal point and an optional exponent, nothing else: what a number
 * typed by a person looks like (g_ascii_strtod alone would also take "0x1p-4", "nan", "inf"). */
gboolean  clv_text_is_plain_decimal (const char *s);
char     *clv_email_fold           (const char *email);

G_END_DECLS
