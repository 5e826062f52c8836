/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable loyalty list: page breaks cover every customer once, the PDF (read back with
 * poppler's pdftotext and pdfinfo) has the right page count on A4 and Letter, repeated column
 * headers and page numbers, every customer on the page the layout says, non-ASCII names intact,
 * long names ellipsized; drawing on a non-PDF cairo context; cancel leaves nothing.
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "clv-date.h"
#include "reg-io-error.h"
#include "reg-loyalty-layout.h"
#include "reg-test-utils.h"

#define N_PLAIN 180

static const char *const special_names[] = { "Zoë Brontë", "Jürgen Müller", "王芳",
                                             "Łukasz Żółw", "=HYPERLINK(\"x\")" };

static RegLoyaltyList *
make_list (void)
{
  RegLoyaltyList *list = reg_loyalty_list_new ("Top-tier regulars", "Café Zoë",
                                               "Customers in the top 20 % by predicted value "
                                               "over the next 12 months, who bought in the last "
                                               "90 days.",
                                               "Predicted value", clv_date_from_ymd (2024, 6, 30),
                                               "de_DE", "EUR");
  gint32 day = clv_date_from_ymd (2024, 6, 1);

  for (guint i = 0; i < G_N_ELEMENTS (special_names); i++)
    reg_loyalty_list_add (list, special_names[i], "someone@example.org", "+49 30 1234567", day, 12,
                          123456, "Champions");
  reg_loyalty_list_add (list, "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen "
                        "Wittelsbach-Habsburg", NULL, NULL, 0, 1, 0,
                        "Overdue: usually comes every two weeks, last seen nine weeks ago, and "
                        "gave a low score when asked whether she would recommend the shop to a "
                        "friend, which is why she is on this list");
  for (guint i = 0; i < N_PLAIN; i++)
    {
      g_autofree char *name = g_strdup_printf ("Guest %03u Ng", i);
      g_autofree char *email = g_strdup_printf ("guest%03u@example.org", i);

      reg_loyalty_list_add (list, name, email, i % 3 == 0 ? "+1 555 0100" : NULL, day - (gint32) i,
                            1 + i % 20, 1000 * i, i % 4 == 0 ? "Probability alive fell to 35 %"
                                                             : "Top tier");
    }
  return list;
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run_tool (argv);
  const char *p = strstr (out, "Pages:");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

/* The text of one page, all whitespace runs made single spaces. */
static char *
pdf_page_text (const char *pdf, guint page)
{
  g_autofree char *num = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", num, "-l", num, pdf, "-", NULL };
  g_autofree char *out = run_tool (argv);
  g_autoptr(GRegex) ws = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (ws, out, -1, 0, " ", 0, NULL);
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");

  if (a == NULL || b == NULL)
    g_test_skip ("poppler-utils (pdftotext, pdfinfo) is not installed");
  return a != NULL && b != NULL;
}

/* Whether the fonts on this machine can draw @text (CJK needs e.g. fonts-wqy-microhei). */
static gboolean
fonts_cover (const char *text)
{
  PangoContext *ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (ctx);
  gboolean covered;

  pango_layout_set_text (layout, text, -1);
  covered = pango_layout_get_unknown_glyphs_count (layout) == 0;
  g_object_unref (layout);
  g_object_unref (ctx);
  return covered;
}

static void
test_pages (void)
{
  g_autoptr(RegLoyaltyList) list = make_list ();
  guint pages[2];

  for (RegPaperSize paper = REG_PAPER_A4; paper <= REG_PAPER_LETTER; paper++)
    {
      double w, h;
      g_autoptr(RegLoyaltyLayout) layout = NULL;
      guint next = 0;

      reg_paper_size_get_points (paper, &w, &h);
      layout = reg_loyalty_layout_new (list, w, h);
      pages[paper] = reg_loyalty_layout_get_n_pages (layout);
      g_test_message ("%s: %u pages", paper == REG_PAPER_A4 ? "A4" : "Letter", pages[paper]);
      g_assert_cmpuint (pages[paper], >=, 3);
      for (guint p = 0; p < pages[paper]; p++)
        {
          guint first, n;

          reg_loyalty_layout_get_page_rows (layout, p, &first, &n);
          g_assert_cmpuint (first, ==, next);      /* no gap, no overlap */
          g_assert_cmpuint (n, >, 0);
          next = first + n;
        }
      g_assert_cmpuint (next, ==, list->entries->len);
    }
  /* A4 is taller than Letter: never more pages */
  g_assert_cmpuint (pages[REG_PAPER_A4], <=, pages[REG_PAPER_LETTER]);
}

static void
check_pdf (const RegLoyaltyList *list, RegPaperSize paper, const char *path)
{
  double w, h;
  g_autoptr(RegLoyaltyLayout) layout = NULL;
  g_autofree guint *seen = g_new0 (guint, list->entries->len);
  guint n_pages;

  reg_paper_size_get_points (paper, &w, &h);
  layout = reg_loyalty_layout_new (list, w, h);
  n_pages = reg_loyalty_layout_get_n_pages (layout);
  g_assert_cmpuint (pdf_pages (path), ==, n_pages);

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = pdf_page_text (path, p + 1);
      g_autofree char *page_no = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      guint first, n;

      g_assert_nonnull (strstr (text, page_no));
      g_assert_nonnull (strstr (text, "Name"));                 /* headers on every page */
      g_assert_nonnull (strstr (text, "Why on the list"));
      g_assert_nonnull (strstr (text, "Predicted"));            /* may wrap before "value" */
      if (p == 0)
        {
          g_assert_nonnull (strstr (text, "Top-tier regulars"));
          g_assert_nonnull (strstr (text, "Café Zoë · as of 30.06.2024"));
          g_assert_nonnull (strstr (text, "Customers in the top 20 % by predicted value"));
          g_assert_nonnull (strstr (text, "1.234,56 €"));       /* the shop's money format */
        }
      reg_loyalty_layout_get_page_rows (layout, p, &first, &n);
      for (guint i = 0; i < list->entries->len; i++)
        {
          const RegLoyaltyEntry *e = &g_array_index (list->entries, RegLoyaltyEntry, i);
          gboolean here = i >= first && i < first + n;

          if (g_str_has_prefix (e->name, "Maximiliane"))
            {
              /* too long for two lines: drawn ellipsized, but cairo maps the "…" glyph back
               * to the whole name, so the PDF text still holds it (searchable, copyable) */
              if (here)
                {
                  g_assert_nonnull (strstr (text, "Maximiliane"));
                  seen[i]++;
                }
              else
                g_assert_null (strstr (text, "Maximiliane"));
              continue;
            }
          if (!fonts_cover (e->name))
            {
              g_test_message ("no font for “%s” here: not checked", e->name);
              seen[i]++;
              continue;
            }
          if (strstr (text, e->name) != NULL)
            {
              g_assert_true (here);      /* on the page the layout says, and only there */
              seen[i]++;
            }
          else
            g_assert_false (here);
        }
    }
  for (guint i = 0; i < list->entries->len; i++)
    g_assert_cmpuint (seen[i], ==, 1);
}

static void
test_pdf (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegLoyaltyList) list = make_list ();

  if (!have_poppler ())
    return;
  dir = reg_test_make_tmpdir ();
  for (RegPaperSize paper = REG_PAPER_A4; paper <= REG_PAPER_LETTER; paper++)
    {
      g_autofree char *path = g_build_filename (dir, paper == REG_PAPER_A4 ? "a4.pdf"
                                                                           : "letter.pdf", NULL);
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "pdfinfo", path, NULL };
      g_autofree char *info = NULL;

      g_assert_true (reg_loyalty_write_pdf (path, list, paper, NULL, &error));
      g_assert_no_error (error);
      info = run_tool (argv);
      g_assert_nonnull (strstr (info, paper == REG_PAPER_A4 ? "595.276 x 841.89 pts (A4)"
                                                            : "612 x 792 pts (letter)"));
      g_assert_true (g_regex_match_simple ("^Title: +Top-tier regulars$", info,
                                           G_REGEX_MULTILINE, 0));
      check_pdf (list, paper, path);
    }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);                /* no temp files left */
  }
  reg_test_rm_rf (dir);
}

static void
test_empty (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(RegLoyaltyList) list = reg_loyalty_list_new ("Slipping away", "Café Zoë", NULL, NULL,
                                                         clv_date_from_ymd (2024, 6, 30),
                                                         "en_US", "USD");
  g_autoptr(RegLoyaltyLayout) layout = reg_loyalty_layout_new (list, 612, 792);
  g_autoptr(GError) error = NULL;
  guint first = 99, n = 99;

  g_assert_cmpuint (reg_loyalty_layout_get_n_pages (layout), ==, 1);
  reg_loyalty_layout_get_page_rows (layout, 0, &first, &n);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (n, ==, 0);
  if (!have_poppler ())
    return;
  dir = reg_test_make_tmpdir ();
  path = g_build_filename (dir, "empty.pdf", NULL);
  g_assert_true (reg_loyalty_write_pdf (path, list, REG_PAPER_LETTER, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), ==, 1);
  text = pdf_page_text (path, 1);
  g_assert_nonnull (strstr (text, "No customer matches this selection."));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  g_assert_nonnull (strstr (text, "as of 06/30/2024 · 0 customers"));
  reg_test_rm_rf (dir);
}

/* The GUI draws through GtkPrintContext's cairo context: any surface, any device scale. */
static void
test_other_surface (void)
{
  g_autoptr(RegLoyaltyList) list = make_list ();
  g_autoptr(RegLoyaltyLayout) layout = reg_loyalty_layout_new (list, 612, 792);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1224, 1584);
  cairo_t *cr = cairo_create (surface);
  const guint32 *px;
  guint dark = 0;
  int stride;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);                      /* 144 dpi */
  reg_loyalty_layout_draw_page (layout, cr, 1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  px = (const guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < 1584; y++)
    for (int x = 0; x < 1224; x++)
      dark += (px[y * stride + x] & 0xff) < 0x80;
  g_assert_cmpuint (dark, >, 5000);             /* text was drawn */
  /* nothing inside the side margins (42 pt = 84 px at this scale) */
  for (int y = 0; y < 1584; y++)
    for (int x = 0; x < 80; x++)
      g_assert_cmpuint (px[y * stride + x] & 0xffffff, ==, 0xffffff);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_cancel (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "list.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "list.pdf", NULL);
  g_autoptr(RegLoyaltyList) list = make_list ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (reg_loyalty_write_pdf (path, list, REG_PAPER_A4, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (reg_loyalty_write_pdf (missing, list, REG_PAPER_A4, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN);
  d = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (d));
  reg_test_rm_rf (dir);
}

/* Staff copy addresses and numbers from paper: none is ever broken across lines or given a
 * hyphen (before, "anna.king6@example.n-et"), and a percentage stays with its number. */
static void
test_whole_addresses (void)
{
  static const char *const emails[] = {
    "anna.king6@example.net", "maximilian.oberhuber-schmidt@example-company.co.uk",
    "soeren.horvat1491@example.net", "fatima.bernard1720@example.com", "x@example.org",
    "customer.service.department.of.a.long.name@subdomain.example.travel",
  };
  g_autoptr(RegLoyaltyList) list = reg_loyalty_list_new ("Slipping away", "Café Zoë", NULL,
                                                         "Predicted value",
                                                         clv_date_from_ymd (2024, 6, 30),
                                                         "en_US", "USD");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_poppler ())
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    reg_loyalty_list_add (list, "Anna King", emails[i], "+49 30 1234 5678 90",
                          clv_date_from_ymd (2024, 6, 1), 3, 4200,
                          "chance still buying 50 %; usually buys every 3 weeks, last bought 9 "
                          "weeks ago");
  dir = reg_test_make_tmpdir ();
  path = g_build_filename (dir, "list.pdf", NULL);
  g_assert_true (reg_loyalty_write_pdf (path, list, REG_PAPER_A4, NULL, &error));
  g_assert_no_error (error);
  text = pdf_page_text (path, 1);
  /* an ellipsized address still carries its whole text in the PDF (cairo maps the "…" glyph
   * back to it); a broken one would read "example.n- et" or "example.n et" */
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    g_assert_nonnull (strstr (text, emails[i]));
  g_assert_nonnull (strstr (text, "+49 30 1234 5678 90"));
  g_assert_true (strstr (text, "50 %;") != NULL || strstr (text, "50\u00a0%;") != NULL);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/export-loyalty/pages", test_pages);
  g_test_add_func ("/io/export-loyalty/pdf", test_pdf);
  g_test_add_func ("/io/export-loyalty/whole-addresses", test_whole_addresses);
  g_test_add_func ("/io/export-loyalty/empty", test_empty);
  g_test_add_func ("/io/export-loyalty/other-surface", test_other_surface);
  g_test_add_func ("/io/export-loyalty/cancel", test_cancel);
  return g_test_run ();
}
