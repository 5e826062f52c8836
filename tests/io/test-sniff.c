/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sniffing: every one of the real exports (26 files) in ../shared/data/real-exports gets the
 * right format, encoding, delimiter, decimal mark, date order, header line and preset (what
 * SOURCES.md says of each file is in the table), with confidences; plus date-order evidence,
 * month names, columns with samples and fields, duplicate header names, and the preview.
 */
#include "test-import-common.h"

typedef struct
{
  const char  *dir;
  const char  *file;
  const char  *format;
  const char  *encoding;
  char         delimiter;
  char         decimal;
  const char  *date_order;
  double       date_confidence;   /* 1: the dates prove it; 0.5: all ambiguous, a habit decided */
  guint        header_line;
  const char  *preset;
  guint        n_columns;
} SniffCase;

/* Why each row says what it says:
 * - Knab: ASCII (reported as UTF-8), ';', title line then the header on line 2, 17 columns
 *   (16 names + the empty one after the trailing ';'), "21-06-2019" proves day first, "827,75".
 * - easybank: ISO-8859-1 ("Einzugsermächtigung"), ';', no header, 6 columns, "+1,23", "-1.001,00",
 *   "31.12.2013" proves day first.
 * - meta_data: ',', header on line 5 after "Key : value" lines; "01/04/20" and "02/04/20" cannot
 *   tell, so the bank habit (day first) decides with confidence 0.5; "-50,00".
 * - sample.fr.cp1252: € as 0x80 → Windows-1252; "2012/3/22" is year first; "50.00".
 * - simple2 (Sparkasse): ISO-8859-1, ';', "29.03.18" proves day first, "-22,59".
 * - test_with_saldo_1 (ING): ISO-8859-1, ';', 14 preamble lines, header on line 15, 9 columns.
 * - CAMT, OFX, QIF, MT940: recognised by content (test-camt053 has no extension); OFX 1.x says
 *   CHARSET:1252, OFX 2 and CAMT declare their XML encoding; QIF "8/15/13" and "03/25/099"
 *   prove month first; MT940 amounts have a decimal comma.
 * - online-retail: every date "1/12/2010 8:26" is ambiguous; the preset's habit (UK, day first)
 *   decides with confidence 0.5.
 * - French PayPal: "1/17/2020" proves month first despite the French headers; "-59,30".
 * - Stripe payments.csv: ';' after an Excel re-save; ISO dates. */
static const SniffCase cases[] = {
  { "bank-csv", "Knab_transactieoverzicht_ok.csv", "csv", "UTF-8", ';', ',', "DMY", 1.0, 2,
    "bank-csv", 17 },
  { "bank-csv", "easybank-giro.csv", "csv", "ISO-8859-1", ';', ',', "DMY", 1.0, 0, "bank-csv", 6 },
  { "bank-csv", "meta_data_separated_credit_debit.csv", "csv", "UTF-8", ',', ',', "DMY", 0.5, 5,
    "bank-csv", 6 },
  { "bank-csv", "sample.fr.cp1252.csv", "csv", "WINDOWS-1252", ',', '.', "YMD", 1.0, 1,
    "bank-csv", 3 },
  { "bank-csv", "simple2.csv", "csv", "ISO-8859-1", ';', ',', "DMY", 1.0, 1, "bank-csv", 17 },
  { "bank-csv", "test_with_saldo_1.csv", "csv", "ISO-8859-1", ';', ',', "DMY", 1.0, 15,
    "bank-csv", 9 },
  { "camt053", "davider80.xml", "camt053", "UTF-8", 0, '.', "YMD", 1.0, 0, "camt053", 0 },
  { "camt053", "gcamp6.xml", "camt053", "UTF-8", 0, '.', "YMD", 1.0, 0, "camt053", 0 },
  { "camt053", "test-camt053", "camt053", "UTF-8", 0, '.', "YMD", 1.0, 0, "camt053", 0 },
  { "mt940", "rabobank-iban.sta", "mt940", "UTF-8", 0, ',', "YMD", 1.0, 0, "mt940", 0 },
  { "mt940", "sepa_snippet.sta", "mt940", "UTF-8", 0, ',', "YMD", 1.0, 0, "mt940", 0 },
  { "ofx", "bank_medium.ofx", "ofx", "WINDOWS-1252", 0, '.', "YMD", 1.0, 0, "ofx", 0 },
  { "ofx", "br_nubank_cc.ofx", "ofx", "WINDOWS-1252", 0, '.', "YMD", 1.0, 0, "ofx", 0 },
  { "ofx", "ofx-v102-empty-tags.ofx", "ofx", "WINDOWS-1252", 0, '.', "YMD", 1.0, 0, "ofx", 0 },
  { "ofx", "stmtrs_euro.ofx", "ofx", "UTF-8", 0, '.', "YMD", 1.0, 0, "ofx", 0 },
  { "ofx", "suncorp.ofx", "ofx", "UTF-8", 0, '.', "YMD", 1.0, 0, "ofx", 0 },
  { "online-retail", "online_retail_sample.csv", "csv", "UTF-8", ',', '.', "DMY", 0.5, 1,
    "online-retail", 8 },
  { "paypal", "French_sample.csv", "csv", "UTF-8", ',', ',', "MDY", 1.0, 1, "paypal", 18 },
  { "paypal", "paypal-custom.csv", "csv", "UTF-8", ',', '.', "MDY", 1.0, 1, "paypal", 19 },
  { "qif", "test_qif.qif", "qif", "UTF-8", 0, '.', "MDY", 1.0, 0, "qif", 0 },
  { "qif", "web.qif", "qif", "UTF-8", 0, '.', "MDY", 1.0, 0, "qif", 0 },
  { "shopify", "orders_export.csv", "csv", "UTF-8", ',', '.', "YMD", 1.0, 1, "shopify", 79 },
  { "square", "item_sales_may.csv", "csv", "UTF-8", ',', '.', "YMD", 1.0, 1, "square", 33 },
  { "stripe", "payments.csv", "csv", "UTF-8", ';', '.', "YMD", 1.0, 1, "stripe", 15 },
  { "stripe", "stripe.csv", "csv", "UTF-8", ',', '.', "YMD", 1.0, 1, "stripe", 9 },
  { "stripe", "unified_payments.csv", "csv", "UTF-8", ',', '.', "YMD", 1.0, 1, "stripe", 79 },
};

static void
test_real_exports (void)
{
  /* every file in real-exports (26, though SOURCES.md speaks of 25) must be in the table */
  g_autofree char *root = reg_test_shared_data_path ("real-exports", NULL);
  g_autoptr(GDir) top = g_dir_open (root, 0, NULL);
  const char *sub;
  guint n_files = 0;

  g_assert_nonnull (top);
  while ((sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *subdir = g_build_filename (root, sub, NULL);
      g_autoptr(GDir) d = g_dir_open (subdir, 0, NULL);
      const char *name;
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          gboolean listed = FALSE;
          for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
            listed = listed
                     || (g_str_equal (cases[i].dir, sub) && g_str_equal (cases[i].file, name));
          g_test_message ("real export %s/%s", sub, name);
          g_assert_true (listed);
          n_files++;
        }
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (cases));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SniffCase *c = &cases[i];
      g_autofree char *path = real_export (c->dir, c->file);
      g_autoptr(GError) error = NULL;
      g_autoptr(RegSniffResult) s = reg_sniff_file (path, &error);

      g_test_message ("%s/%s", c->dir, c->file);
      g_assert_no_error (error);
      g_assert_nonnull (s);
      g_assert_cmpstr (s->format, ==, c->format);
      g_assert_cmpfloat (s->format_confidence, >=, 0.8);
      g_assert_cmpstr (s->encoding, ==, c->encoding);
      g_assert_cmpfloat (s->encoding_confidence, >=, 0.8);
      g_assert_cmpint (s->delimiter, ==, c->delimiter);
      if (c->delimiter != 0)
        g_assert_cmpfloat (s->delimiter_confidence, >=, 0.9);
      g_assert_cmpint (s->decimal, ==, c->decimal);
      g_assert_cmpfloat (s->decimal_confidence, >, 0.5);
      g_assert_cmpstr (reg_sniff_result_get_date_order_id (s), ==, c->date_order);
      g_assert_cmpfloat_with_epsilon (s->date_order_confidence, c->date_confidence, 1e-9);
      g_assert_cmpuint (s->header_line, ==, c->header_line);
      g_assert_cmpfloat (s->header_confidence, >=, 0.6);
      g_assert_cmpstr (s->preset, ==, c->preset);
      g_assert_cmpfloat (s->preset_confidence, >=, 0.5);
      g_assert_cmpuint (s->columns->len, ==, c->n_columns);
      /* the preview is what the reader yields: every file has rows */
      g_assert_cmpuint (s->preview->len + s->preview_issues->len, >, 0);
      g_assert_cmpuint (s->preview->len + s->preview_issues->len, <=, 10);
    }
}

/* Shopify: columns with their sample value and the field the preset reads from them; the
 * preview starts with order #1001 (line 2, 1649.95). */
static void
test_columns_and_preview (void)
{
  g_autofree char *path = real_export ("shopify", "orders_export.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSniffResult) s = reg_sniff_file (path, &error);
  RegSniffColumn *col;
  RegImportRow *first;

  g_assert_no_error (error);
  col = g_ptr_array_index (s->columns, 0);
  g_assert_cmpstr (col->name, ==, "Name");
  g_assert_cmpuint (col->index, ==, 0);
  g_assert_cmpstr (col->sample, ==, "#1001");
  g_assert_cmpstr (col->field, ==, "order");
  col = g_ptr_array_index (s->columns, 11);
  g_assert_cmpstr (col->name, ==, "Total");
  g_assert_cmpstr (col->sample, ==, "1659.95");
  g_assert_cmpstr (col->field, ==, "amount");
  col = g_ptr_array_index (s->columns, 1);
  g_assert_cmpstr (col->name, ==, "Email");
  g_assert_cmpstr (col->sample, ==, "ayumu.hirano@example.com");   /* first non-empty value */
  g_assert_cmpstr (col->field, ==, "email");
  g_assert_cmpuint (s->preview->len, ==, 10);
  first = g_ptr_array_index (s->preview, 0);
  g_assert_cmpstr (first->external_id, ==, "#1001");
  g_assert_cmpint (first->amount, ==, 164995);
  g_assert_cmpuint (first->line, ==, 2);
}

/* ING: the duplicate "Währung" becomes "Währung (2)"; Knab: the empty name after the trailing
 * ';' becomes "Column 17". */
static void
test_duplicate_and_empty_names (void)
{
  g_autofree char *ing = real_export ("bank-csv", "test_with_saldo_1.csv");
  g_autofree char *knab = real_export ("bank-csv", "Knab_transactieoverzicht_ok.csv");
  g_autoptr(RegSniffResult) a = reg_sniff_file (ing, NULL);
  g_autoptr(RegSniffResult) b = reg_sniff_file (knab, NULL);

  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (a->columns, 6))->name, ==, "Währung");
  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (a->columns, 8))->name, ==, "Währung (2)");
  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (a->columns, 2))->name, ==,
                   "Auftraggeber/Empfänger");
  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (a->columns, 7))->field, ==, "amount");
  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (b->columns, 16))->name, ==, "Column 17");
  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (b->columns, 3))->field, ==, "direction");
}

/* easybank has no header: columns by content. */
static void
test_headerless_columns (void)
{
  g_autofree char *path = real_export ("bank-csv", "easybank-giro.csv");
  g_autoptr(RegSniffResult) s = reg_sniff_file (path, NULL);
  static const char *const fields[] = { NULL, "reference", "date", NULL, "amount", "currency" };

  g_assert_cmpuint (s->columns->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      RegSniffColumn *col = g_ptr_array_index (s->columns, i);
      g_autofree char *name = g_strdup_printf ("Column %u", i + 1);
      g_assert_cmpstr (col->name, ==, name);
      g_assert_cmpstr (col->field, ==, fields[i]);
    }
  g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (s->columns, 4))->sample, ==, "-0,42");
  g_assert_cmpstr (s->thousands, ==, ".");
}

/* Date order from all values: a first part of 13 proves day first, a second part of 13 month
 * first; when none is above 12 the number style decides, with half the confidence. Month
 * names read in any order. */
static void
test_date_orders (void)
{
  static const struct { const char *file; const char *order; double confidence; } dates[] = {
    { "dates-dmy.csv", "DMY", 1.0 },
    { "dates-mdy.csv", "MDY", 1.0 },
    { "dates-ambiguous.csv", "MDY", 0.5 },
    { "debit-credit.csv", "DMY", 1.0 },
    { "af-bij.tsv", "YMD", 1.0 },
    { "sales-cp1252.csv", "DMY", 0.5 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *path = fixture (dates[i].file);
      g_autoptr(RegSniffResult) s = reg_sniff_file (path, NULL);
      g_test_message ("%s", dates[i].file);
      g_assert_cmpstr (reg_sniff_result_get_date_order_id (s), ==, dates[i].order);
      g_assert_cmpfloat_with_epsilon (s->date_order_confidence, dates[i].confidence, 1e-9);
    }

  {
    g_autofree char *path = fixture ("month-names.csv");
    g_autoptr(RegSniffResult) s = reg_sniff_file (path, NULL);
    RegImportRow *row;

    /* "Mar 5, 2024" is written month first, "12 April 2024" and "3 janv. 2024" day first */
    g_assert_cmpstr (reg_sniff_result_get_date_order_id (s), ==, "DMY");
    g_assert_cmpuint (s->preview->len, ==, 3);
    row = g_ptr_array_index (s->preview, 0);
    g_assert_cmpint (row->day, ==, ymd (2024, 3, 5));
    row = g_ptr_array_index (s->preview, 2);
    g_assert_cmpint (row->day, ==, ymd (2024, 1, 3));
  }
}

/* Delimiters, encodings, decimal and thousands on the fixtures. */
static void
test_fixtures (void)
{
  static const struct { const char *file; const char *encoding; char delimiter, decimal;
                        const char *thousands; guint header; const char *preset; } fx[] = {
    { "paypal-bom.csv", "UTF-8", ',', '.', "", 1, "paypal" },
    { "sales-utf16le.csv", "UTF-16LE", ',', '.', "", 1, NULL },
    { "sales-utf16be.csv", "UTF-16BE", ',', '.', "", 1, NULL },
    { "sales-utf16le-nobom.csv", "UTF-16LE", ',', '.', "", 1, NULL },
    { "sales-cp1252.csv", "WINDOWS-1252", ';', ',', ".", 1, NULL },
    { "af-bij.tsv", "UTF-8", '\t', ',', ".", 1, "bank-csv" },
    { "no-header.psv", "UTF-8", '|', '.', "", 0, NULL },
    { "preamble-total.csv", "UTF-8", ';', ',', "", 5, NULL },
    { "woocommerce-analytics.csv", "UTF-8", ',', '.', "", 1, "woocommerce" },
    { "woocommerce-plugin.csv", "UTF-8", ',', '.', "", 1, "woocommerce" },
    { "etsy-orders.csv", "UTF-8", ',', '.', "", 1, "etsy" },
    { "etsy-items.csv", "UTF-8", ',', '.', "", 1, "etsy" },
    { "paypal-de.csv", "UTF-8", ',', ',', ".", 1, "paypal" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fx); i++)
    {
      g_autofree char *path = fixture (fx[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(RegSniffResult) s = reg_sniff_file (path, &error);

      g_test_message ("%s", fx[i].file);
      g_assert_no_error (error);
      g_assert_cmpstr (s->format, ==, "csv");
      g_assert_cmpstr (s->encoding, ==, fx[i].encoding);
      g_assert_cmpint (s->delimiter, ==, fx[i].delimiter);
      g_assert_cmpint (s->decimal, ==, fx[i].decimal);
      g_assert_cmpstr (s->thousands, ==, fx[i].thousands);
      g_assert_cmpuint (s->header_line, ==, fx[i].header);
      g_assert_cmpstr (s->preset, ==, fx[i].preset);
    }
  {
    g_autofree char *path = fixture ("paypal-bom.csv");
    g_autoptr(RegSniffResult) s = reg_sniff_file (path, NULL);
    g_assert_true (s->has_bom);
    g_assert_cmpfloat (s->encoding_confidence, ==, 1.0);
    g_assert_cmpstr (((RegSniffColumn *) g_ptr_array_index (s->columns, 0))->name, ==, "Date");
  }
}

/* The preview reports rejected rows too, as they will be reported by the import. */
static void
test_preview_issues (void)
{
  g_autofree char *path = fixture ("bad-rows.csv");
  g_autoptr(RegSniffResult) s = reg_sniff_file (path, NULL);

  g_assert_cmpuint (s->preview->len + s->preview_issues->len, ==, 9);
  g_assert_cmpuint (s->preview_issues->len, ==, 6);
  g_assert_cmpuint (((RegImportIssue *) g_ptr_array_index (s->preview_issues, 0))->line, ==, 3);
}

/* Files the sniffer cannot open are an error; XML that is not a statement is named as such. */
static void
test_errors (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *xml = g_build_filename (dir, "feed.xml", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSniffResult) s = NULL;
  RegImportReader *reader;

  g_assert_null (reg_sniff_file (missing, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (xml, "<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n", -1,
                                      NULL));
  s = reg_sniff_file (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->format, ==, "xml");
  g_assert_null (s->preset);
  reader = reg_import_reader_new (xml, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT);
  g_clear_error (&error);
  {
    RegImportOptions camt = { .format = "camt053" };
    reader = reg_import_reader_new (xml, &camt, &error);
    g_assert_null (reader);
    g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT);
    g_assert_cmpstr (error->message, ==, "feed.xml is XML but not a CAMT.053 bank statement");
  }
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sniff/real-exports", test_real_exports);
  g_test_add_func ("/sniff/columns-and-preview", test_columns_and_preview);
  g_test_add_func ("/sniff/duplicate-and-empty-names", test_duplicate_and_empty_names);
  g_test_add_func ("/sniff/headerless-columns", test_headerless_columns);
  g_test_add_func ("/sniff/date-orders", test_date_orders);
  g_test_add_func ("/sniff/fixtures", test_fixtures);
  g_test_add_func ("/sniff/preview-issues", test_preview_issues);
  g_test_add_func ("/sniff/errors", test_errors);
  return g_test_run ();
}
