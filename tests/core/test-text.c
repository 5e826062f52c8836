/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared input rules of clv-text and clv-date: e-mail syntax, folding without the locale,
 * control characters, the quoted form of values in messages, the range of a sale's date.
 * Table-driven; the Turkish case runs only where tr_TR.UTF-8 is installed.
 */
#include <locale.h>
#include <string.h>

#include "clv-date.h"
#include "clv-error.h"
#include "clv-text.h"

static void
test_email_syntax (void)
{
  const struct { const char *email; gboolean valid; } cases[] = {
    { "anna@example.com", TRUE },
    { "+tag@example.com", TRUE },
    { "-dash@example.com", TRUE },
    { "=eq@example.com", TRUE },
    { "first.last+shop@sub.example.co.uk", TRUE },
    { "işik@örnek.com", TRUE },
    { "o'brien@example.ie", TRUE },
    { "", FALSE },
    { "plain", FALSE },
    { "@example.com", FALSE },
    { "anna@", FALSE },
    { "anna@example", FALSE },
    { "a@@example.com", FALSE },
    { "a@b@example.com", FALSE },
    { ".anna@example.com", FALSE },
    { "anna.@example.com", FALSE },
    { "an..na@example.com", FALSE },
    { "anna@-example.com", FALSE },
    { "anna@example-.com", FALSE },
    { "anna@example..com", FALSE },
    { "anna@.example.com", FALSE },
    { "an na@example.com", FALSE },
    { "anna@exa mple.com", FALSE },
    { "anna\x1b@example.com", FALSE },
    { "anna@example.com\x07", FALSE },
    { "an\xc2\x9bna@example.com", FALSE },
    { "\"quoted\"@example.com", FALSE },
    { "anna@example.com\xff", FALSE },
  };
  g_autoptr(GString) long_local = g_string_new (NULL);
  g_autoptr(GString) long_all = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    if (clv_email_is_valid (cases[i].email) != cases[i].valid)
      g_test_fail_printf ("“%s” should be %s", cases[i].email,
                          cases[i].valid ? "valid" : "refused");
  g_assert_false (clv_email_is_valid (NULL));

  /* a local part of 64 bytes is the most; 254 bytes in all */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (long_local, 'a');
  g_string_append (long_local, "@example.com");
  g_assert_true (clv_email_is_valid (long_local->str));
  g_string_prepend_c (long_local, 'a');
  g_assert_false (clv_email_is_valid (long_local->str));
  g_string_append (long_all, "a@");
  while (long_all->len < 250)
    g_string_append (long_all, "abcdefghi.");
  g_string_truncate (long_all, 250);
  g_string_append (long_all, ".com");
  g_assert_cmpuint (long_all->len, ==, 254);
  g_assert_true (clv_email_is_valid (long_all->str));
  g_string_prepend_c (long_all, 'b');
  g_assert_false (clv_email_is_valid (long_all->str));
}

static void
check_fold (void)
{
  g_autofree char *a = clv_email_fold ("  IŞIK@ÖRNEK.COM ");
  g_autofree char *b = clv_text_fold ("APRIL JULI MAI ÄÖÜ", -1);
  g_autofree char *c = clv_text_fold ("STRASSE Straße", -1);

  g_assert_cmpstr (a, ==, "işik@örnek.com");
  g_assert_cmpstr (b, ==, "april juli mai äöü");
  g_assert_cmpstr (c, ==, "strasse straße");       /* one character stays one character */
}

static void
test_fold_without_locale (void)
{
  char *old = g_strdup (setlocale (LC_ALL, NULL));
  gint32 day = 0;

  check_fold ();
  if (setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    g_test_message ("tr_TR.UTF-8 is not installed: folded under %s only", old);
  else
    {
      check_fold ();
      /* month names in capitals, under the locale that lower-cases I to ı */
      g_assert_true (clv_date_parse ("05 APRIL 2024", CLV_DATE_ORDER_DMY, &day, NULL));
      g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 4, 5));
      g_assert_true (clv_date_parse ("07 JULI 2024", CLV_DATE_ORDER_DMY, &day, NULL));
      g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 7, 7));
      g_assert_true (clv_date_parse ("3 MAI 2024", CLV_DATE_ORDER_DMY, &day, NULL));
      g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 5, 3));
    }
  setlocale (LC_ALL, old);
  g_free (old);
}

static void
test_controls (void)
{
  g_autofree char *plain = clv_text_escape_controls ("Zoë Brontë \u202e");
  g_autofree char *esc = clv_text_escape_controls ("A\x1b[2J\x07\b\x7f\xc2\x9b\tB\n");
  g_autofree char *bad = clv_text_escape_controls ("bad \xff byte");

  g_assert_false (clv_text_has_control ("Zoë 王芳 \u202e", FALSE));
  g_assert_false (clv_text_has_control (NULL, FALSE));
  g_assert_true (clv_text_has_control ("a\x1b", FALSE));
  g_assert_true (clv_text_has_control ("a\x7f", FALSE));
  g_assert_true (clv_text_has_control ("a\xc2\x85", FALSE));       /* U+0085, C1 */
  g_assert_true (clv_text_has_control ("line\nbreak", FALSE));
  g_assert_false (clv_text_has_control ("line\nbreak\ttab\r\n", TRUE));
  g_assert_true (clv_text_has_control ("line\nbreak\x07", TRUE));
  g_assert_cmpstr (plain, ==, "Zoë Brontë \u202e");
  g_assert_cmpstr (esc, ==, "A\\x1B[2J\\x07\\x08\\x7F\\u009B\\x09B\\x0A");
  g_assert_true (g_utf8_validate (bad, -1, NULL));
}

static void
test_quote (void)
{
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *short_one = clv_text_quote ("12,3,4");
  g_autofree char *empty = clv_text_quote (NULL);
  g_autofree char *q = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *in = NULL;
  g_autoptr(GError) error = NULL;
  gint32 day;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (huge, 'a' + i % 26);
  q = clv_text_quote (huge->str);
  g_assert_cmpstr (short_one, ==, "12,3,4");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpint (g_utf8_strlen (q, -1), ==, CLV_QUOTE_MAX_CHARS + 1);
  g_assert_true (g_str_has_prefix (q, "abcdefghij"));
  g_assert_true (g_str_has_suffix (q, "…"));
  /* characters, not bytes */
  g_string_truncate (huge, 0);
  for (guint i = 0; i < 61; i++)
    g_string_append (huge, "王");
  wide = clv_text_quote (huge->str);
  g_assert_cmpint (g_utf8_strlen (wide, -1), ==, CLV_QUOTE_MAX_CHARS + 1);
  g_string_truncate (huge, 60 * strlen ("王"));
  g_clear_pointer (&wide, g_free);
  wide = clv_text_quote (huge->str);
  g_assert_cmpstr (wide, ==, huge->str);

  /* a message built with the whole value gets the short one */
  in = clv_text_quote_in ("“x\x1b” is not an amount", "x\x1b");
  g_assert_cmpstr (in, ==, "“x\\x1B” is not an amount");

  /* the parsers quote that way themselves */
  g_string_truncate (huge, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (huge, '7');
  g_string_append_c (huge, 'x');
  g_assert_false (clv_date_parse (huge->str, CLV_DATE_ORDER_DMY, &day, &error));
  g_assert_cmpuint (strlen (error->message), <, 200);
}

static void
test_sale_days (void)
{
  gint32 today = clv_date_from_ymd (2026, 12, 7);
  gint32 leap = clv_date_from_ymd (2028, 2, 29);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (CLV_DATE_SALE_MIN, ==, clv_date_from_ymd (1970, 1, 1));
  g_assert_true (clv_date_check_sale (CLV_DATE_SALE_MIN, today, NULL));
  g_assert_true (clv_date_check_sale (today, today, NULL));
  g_assert_true (clv_date_check_sale (clv_date_from_ymd (2027, 12, 7), today, NULL));
  g_assert_false (clv_date_check_sale (clv_date_from_ymd (2027, 12, 8), today, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "2027-12-07"));
  g_clear_error (&error);
  g_assert_false (clv_date_check_sale (CLV_DATE_SALE_MIN - 1, today, &error));
  g_assert_error (error, CLV_ERROR, CLV_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (clv_date_check_sale (clv_date_from_ymd (1, 1, 1), today, NULL));
  g_assert_false (clv_date_check_sale (clv_date_from_ymd (9999, 12, 31), today, NULL));
  g_assert_cmpint (clv_date_sale_max (leap), ==, clv_date_from_ymd (2029, 2, 28));
}

/* A date that cannot be read says how to write one, with an example in the shop's order. */
static void
test_date_error_example (void)
{
  static const struct { ClvDateOrder order; const char *example; } cases[] = {
    { CLV_DATE_ORDER_MDY, "12/31/2024" }, { CLV_DATE_ORDER_DMY, "31/12/2024" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint32 day = 0;

      g_assert_false (clv_date_parse ("31/13/2024", cases[i].order, &day, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "31/13/2024"));
      g_assert_nonnull (strstr (error->message, cases[i].example));
      g_assert_null (strstr (error->message, "MDY"));
      g_assert_null (strstr (error->message, "DMY"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/text/email-syntax", test_email_syntax);
  g_test_add_func ("/core/text/fold-without-locale", test_fold_without_locale);
  g_test_add_func ("/core/text/controls", test_controls);
  g_test_add_func ("/core/text/quote", test_quote);
  g_test_add_func ("/core/text/date-error-example", test_date_error_example);
  g_test_add_func ("/core/text/sale-days", test_sale_days);
  return g_test_run ();
}
