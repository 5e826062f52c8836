/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text rules shared by the store, the importers, the services and the fronts (see clv-text.h).
 * Pure functions, any thread; every result is newly allocated and freed by the caller.
 */
#include <string.h>

#include "clv-text.h"

/* C0 controls, DEL, and C1 controls (U+0080 to U+009F, written C2 80 to C2 9F): a terminal
 * obeys them (ESC starts a sequence, U+009B is a one-character CSI), a list shows nothing. */
static gsize
control_length (const char *p)
{
  guchar c = (guchar) p[0];

  if (c < 0x20 || c == 0x7f)
    return 1;
  if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
    return 2;
  return 0;
}

/**
 * clv_text_has_control:
 * @text: (nullable): UTF-8 text
 * @allow_line_breaks: whether tab, line feed and carriage return are allowed (notes)
 *
 * Returns: whether @text holds a control character.
 */
gboolean
clv_text_has_control (const char *text, gboolean allow_line_breaks)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      gsize n = control_length (p);

      if (n == 0)
        continue;
      if (n == 1 && allow_line_breaks && (*p == '\t' || *p == '\n' || *p == '\r'))
        continue;
      return TRUE;
    }
  return FALSE;
}

/**
 * clv_text_escape_controls:
 * @text: (nullable): text, valid UTF-8 or not
 *
 * Returns: (transfer full): @text as valid UTF-8 with every control character written out
 *   (`\x1B`, `\x07`, `\u009B`), so that printing it cannot drive a terminal. Tab and line breaks
 *   are escaped too: the result is one line.
 */
char *
clv_text_escape_controls (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out;
  const char *p;

  for (p = valid; *p != '\0' && control_length (p) == 0; p++)
    ;
  if (*p == '\0')
    return g_steal_pointer (&valid);
  out = g_string_sized_new (strlen (valid) + 8);
  g_string_append_len (out, valid, p - valid);
  while (*p != '\0')
    {
      gsize n = control_length (p);

      if (n == 1)
        g_string_append_printf (out, "\\x%02X", (guchar) *p);
      else if (n == 2)
        g_string_append_printf (out, "\\u%04X", (guchar) p[1]);
      else
        g_string_append_c (out, *p);
      p += n > 0 ? n : 1;
    }
  return g_string_free (out, FALSE);
}

/**
 * clv_text_quote:
 * @text: (nullable): a value to quote in a message
 *
 * The one form in which error messages quote a value: control characters escaped, and at most
 * %CLV_QUOTE_MAX_CHARS characters followed by "…", so that a 100,000-character name gives a
 * message of one line.
 *
 * Returns: (transfer full): the text to put between the quotation marks.
 */
char *
clv_text_quote (const char *text)
{
  g_autofree char *escaped = clv_text_escape_controls (text);
  GString *out;

  if (g_utf8_strlen (escaped, -1) <= CLV_QUOTE_MAX_CHARS)
    return g_steal_pointer (&escaped);
  out = g_string_new_len (escaped,
                          g_utf8_offset_to_pointer (escaped, CLV_QUOTE_MAX_CHARS) - escaped);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/**
 * clv_text_quote_in:
 * @message: a message that quotes @value as it was given
 * @value: (nullable): the value
 *
 * For messages built before the value could be shortened (a parser's sentence handed up):
 * the first occurrence of @value in @message is replaced with clv_text_quote (@value).
 *
 * Returns: (transfer full): the message, shortened where it quoted a long value.
 */
char *
clv_text_quote_in (const char *message, const char *value)
{
  g_autofree char *quoted = NULL;
  const char *at;
  GString *out;

  if (value == NULL || *value == '\0' || (at = strstr (message, value)) == NULL)
    return g_strdup (message);
  quoted = clv_text_quote (value);
  if (strcmp (quoted, value) == 0)
    return g_strdup (message);
  out = g_string_new_len (message, at - message);
  g_string_append (out, quoted);
  g_string_append (out, at + strlen (value));
  return g_string_free (out, FALSE);
}

/**
 * clv_text_fold:
 * @text: UTF-8 text
 * @len: its length in bytes, or -1 when nul-terminated
 *
 * Lower case by Unicode's simple mapping, whatever the process locale: under tr_TR "I" is "i"
 * here, as everywhere else, so a key (an e-mail address, a month name, a column name) folded
 * under one locale meets the same key folded under another. Each character stays one
 * character (no "ß" → "ss").
 *
 * Returns: (transfer full): the folded text.
 */
char *
clv_text_fold (const char *text, gssize len)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  g_autofree char *valid = NULL;
  GString *out;
  gsize i;

  /* ASCII, nearly every address: one allocation (an import folds every customer's) */
  for (i = 0; i < n && (guchar) text[i] < 0x80 && text[i] != '\0'; i++)
    ;
  if (i == n)
    {
      char *ascii = g_strndup (text, n);
      for (char *p = ascii; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
      return ascii;
    }
  valid = g_utf8_make_valid (text, (gssize) n);
  out = g_string_sized_new (strlen (valid) + 1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        g_string_append_c (out, g_ascii_tolower (*p));
      else
        g_string_append_unichar (out, g_unichar_tolower (g_utf8_get_char (p)));
    }
  return g_string_free (out, FALSE);
}

/**
 * clv_email_fold:
 * @email: an e-mail address
 *
 * Returns: (transfer full): the address's key: white space around it removed, folded with
 *   clv_text_fold(). Two customers may not share it.
 */
char *
clv_email_fold (const char *email)
{
  const char *start = email != NULL ? email : "";
  const char *end;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return clv_text_fold (start, end - start);
}

static gboolean
is_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/**
 * clv_email_is_valid:
 * @email: (nullable): an address as typed or imported
 *
 * The syntax of RFC 5322's dot-atom form (which every campaign tool accepts), with the
 * non-ASCII letters of RFC 6531: a local part of 1 to 64 bytes, one "@", a domain of at least
 * two labels of letters, digits and inner hyphens, at most %CLV_EMAIL_MAX_BYTES bytes in all, no
 * white space and no control character. Quoted local parts and address literals are refused:
 * no shop's customer has one. "+tag@example.com" and "-x@example.com" are valid.
 *
 * Returns: whether @email is such an address.
 */
gboolean
clv_email_is_valid (const char *email)
{
  const char *at, *p, *label;
  gsize len;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  len = strlen (email);
  at = strchr (email, '@');
  if (len > CLV_EMAIL_MAX_BYTES || at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (at == email || at - email > 64 || *email == '.' || at[-1] == '.')
    return FALSE;
  for (p = email; p < at; p++)
    if ((*p == '.' && p[1] == '.') || (*p != '.' && !is_atext ((guchar) *p))
        || control_length (p) > 0)
      return FALSE;

  label = at + 1;
  if (*label == '\0' || strchr (label, '.') == NULL)
    return FALSE;
  for (p = label;; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          if (p == label || p - label > 63 || *label == '-' || p[-1] == '-')
            return FALSE;
          if (*p == '\0')
            break;
          label = p + 1;
          continue;
        }
      if (!(g_ascii_isalnum (*p) || *p == '-' || (guchar) *p >= 0x80) || control_length (p) > 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
clv_text_is_plain_decimal (const char *s)
{
  const char *p = s;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (digits && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return digits && *p == '\0';
}
