/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV side of the import readers, on small fixtures written for each quirk (tests/data/import)
 * and on the CDNOW event log: encodings (BOM, UTF-16, Windows-1252, invalid bytes), delimiters,
 * quoted newlines, preamble and total lines, debit/credit columns, files without a header,
 * mappings and their text form, rejected rows word for word, limits, cancellation.
 */
#include <glib/gstdio.h>

#include "reg-import-mapping.h"
#include "test-import-common.h"

/* paypal-custom.csv (7 rows, see test-import-presets) with EF BB BF in front: the BOM must not
 * stick to the first header name, or "Date" would not be found and the preset not recognised. */
static void
test_bom (void)
{
  g_autofree char *path = fixture ("paypal-bom.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpstr (res->preset, ==, "paypal");
  g_assert_cmpstr (res->encoding, ==, "UTF-8");
  g_assert_cmpuint (res->rows_read, ==, 7);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 1000);
  g_assert_cmpuint (res->skipped, ==, 6);
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, 0)->day, ==, ymd (2019, 10, 22));
}

/* The same three sales in UTF-16 LE and BE with a BOM, and LE without one:
 * 12.50 + 7.25 + 100.00 = 119.75 */
static void
test_utf16 (void)
{
  const char *files[] = { "sales-utf16le.csv", "sales-utf16be.csv", "sales-utf16le-nobom.csv" };
  const char *encodings[] = { "UTF-16LE", "UTF-16BE", "UTF-16LE" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture (files[i]);
      g_autoptr(ImportResult) res = import_file (path, NULL);
      RegImportRow *first;

      g_assert_cmpstr (res->encoding, ==, encodings[i]);
      g_assert_cmpuint (res->sales, ==, 3);
      g_assert_cmpint (res->sales_total, ==, 11975);
      g_assert_cmpuint (res->issues->len, ==, 0);
      first = nth_of_kind (res, REG_ROW_SALE, 0);
      g_assert_cmpuint (first->line, ==, 2);
      g_assert_cmpstr (first->customer_ref, ==, "Zoë Müller");
      g_assert_cmpstr (first->email, ==, "zoe@example.com");
      g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 1)->customer_ref, ==, "Øystein Ødegård");
      g_assert_null (nth_of_kind (res, REG_ROW_SALE, 2)->email);
    }
}

/* Windows-1252 with € (0x80) and „“ (0x84, 0x93), which ISO-8859-1 does not have;
 * "1.234,50" is 1234.50, and the negative row of a sales list is a refund. */
static void
test_cp1252 (void)
{
  g_autofree char *path = fixture ("sales-cp1252.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->encoding, ==, "WINDOWS-1252");
  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 123450 + 1200);
  g_assert_cmpuint (res->refunds, ==, 1);
  g_assert_cmpint (res->refunds_total, ==, -300);
  row = nth_of_kind (res, REG_ROW_SALE, 0);
  g_assert_cmpstr (row->customer_ref, ==, "Jürgen Groß");
  g_assert_cmpstr (row->note, ==, "Rabatt 5 €");
  g_assert_cmpint (row->day, ==, ymd (2024, 3, 5));
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 1)->note, ==, "„Stammkundin“");
}

/* Quoted fields with CRLF inside: rows start on lines 2, 4 and 7; the bad one on line 8. */
static void
test_embedded_newlines (void)
{
  g_autofree char *path = fixture ("embedded-newlines.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpuint (res->rows_read, ==, 4);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 6000);
  g_assert_cmpuint (row_with_id (res, "A1")->line, ==, 2);
  g_assert_cmpstr (row_with_id (res, "A1")->note, ==, "first line second line");
  g_assert_cmpuint (row_with_id (res, "A2")->line, ==, 4);
  g_assert_cmpuint (row_with_id (res, "A3")->line, ==, 7);
  g_assert_cmpuint (res->issues->len, ==, 1);
  g_assert_cmpuint (issue_at (res, 0)->line, ==, 8);
  g_assert_cmpstr (issue_at (res, 0)->reason, ==,
                   "embedded-newlines.csv, line 8, column “amount”: “oops” is not an amount");
}

/* Three title and "Key : value" lines and a blank line before the header (line 5); a "Total"
 * line after the data is skipped, not rejected: 4.50 + 12.00 + 3.20 = 19.70 */
static void
test_preamble_and_total (void)
{
  g_autofree char *path = fixture ("preamble-total.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *total;

  g_assert_cmpuint (res->rows_read, ==, 4);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 1970);
  g_assert_cmpuint (res->issues->len, ==, 0);
  g_assert_cmpuint (nth_of_kind (res, REG_ROW_SALE, 0)->line, ==, 6);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 0)->currency, ==, "EUR");
  total = nth_of_kind (res, REG_ROW_SKIPPED, 0);
  g_assert_cmpuint (total->line, ==, 9);
  g_assert_cmpstr (total->skip_reason, ==, "total or balance line");
}

/* Debit and Credit columns: credits 250,00 and 1.200,00 are sales; the two debits go out. */
static void
test_debit_credit (void)
{
  g_autofree char *path = fixture ("debit-credit.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpstr (res->preset, ==, "bank-csv");
  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 25000 + 120000);
  g_assert_cmpuint (count_skipped_because (res, "money going out is not a sale"), ==, 2);
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, 1)->day, ==, ymd (2024, 2, 13));
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 0)->reference, ==, "Payment from Anna Schmidt");
}

/* Tab-separated, YYYYMMDD dates, unsigned amounts with an "Af Bij" indicator (ING NL style):
 * Bij 45,00 and Bij 1.500,00 are sales, Af 23,10 goes out; IBAN spaces removed. */
static void
test_indicator_column (void)
{
  g_autofree char *path = fixture ("af-bij.tsv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 4500 + 150000);
  g_assert_cmpuint (res->skipped, ==, 1);
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 0)->amount, ==, -2310);
  row = nth_of_kind (res, REG_ROW_SALE, 1);
  g_assert_cmpstr (row->name, ==, "P. de Boer");
  g_assert_cmpstr (row->iban, ==, "NL02RABO0123456789");
  g_assert_cmpstr (row->reference, ==, "factuur 2024-18");
  g_assert_cmpint (row->day, ==, ymd (2024, 2, 15));
}

/* Every rejected row names file, line, column and value. */
static void
test_bad_rows (void)
{
  g_autofree char *path = fixture ("bad-rows.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  static const struct { guint line; const char *field, *value, *reason; } expected[] = {
    { 3, "Total", "12,3,4", "bad-rows.csv, line 3, column “Total”: “12,3,4” is not an amount: "
                            "thousands separators must group three digits" },
    { 4, "Date", "2024-13-45", "bad-rows.csv, line 4, column “Date”: “2024-13-45” is not a "
                               "valid date" },
    { 5, "Total", "", "bad-rows.csv, line 5, column “Total”: the amount is empty" },
    { 6, "Date", "", "bad-rows.csv, line 6, column “Date”: the date is empty" },
    { 7, "Total", "abc", "bad-rows.csv, line 7, column “Total”: “abc” is not an amount" },
    { 10, "Total", "1.005", "bad-rows.csv, line 10, column “Total”: “1.005” has three decimals; "
                            "with “.” as the decimal mark it is not an amount in this currency. "
                            "If you meant thousands, set a locale whose decimal mark is not “.”" },
  };

  g_assert_cmpuint (res->rows_read, ==, 9);
  g_assert_cmpuint (res->issues->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RegImportIssue *issue = issue_at (res, i);
      g_assert_cmpuint (issue->line, ==, expected[i].line);
      g_assert_cmpstr (issue->field, ==, expected[i].field);
      g_assert_cmpstr (issue->value, ==, expected[i].value);
      g_assert_cmpstr (issue->reason, ==, expected[i].reason);
    }
  /* 19.99 sale, -4.00 refund with its own id, an order of 0.00: a visit without spend */
  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 1999);
  g_assert_cmpuint (res->refunds, ==, 1);
  g_assert_cmpstr (row_with_id (res, "1007/refund")->customer_ref, ==, "C7");
  g_assert_cmpint (row_with_id (res, "1008")->kind, ==, REG_ROW_SALE);
  g_assert_cmpint (row_with_id (res, "1008")->amount, ==, 0);
}

/* With the decimal mark set to ',', "1.005" is one thousand and five. */
static void
test_decimal_option (void)
{
  g_autofree char *path = fixture ("bad-rows.csv");
  RegImportOptions opts = { .decimal = ',' };
  g_autoptr(ImportResult) res = import_file (path, &opts);

  g_assert_cmpint (row_with_id (res, "1009")->amount, ==, 100500);
}

/* All dates at most 12: the order cannot be seen, so the user's format decides. */
static void
test_date_format_option (void)
{
  g_autofree char *path = fixture ("dates-ambiguous.csv");
  RegImportOptions dmy = { .date_format = "%d/%m/%Y" };
  RegImportOptions mdy = { .date_format = "MDY" };
  RegImportOptions bad = { .date_format = "%H:%M" };
  g_autoptr(ImportResult) a = import_file (path, &dmy);
  g_autoptr(ImportResult) b = import_file (path, &mdy);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;

  g_assert_cmpint (nth_of_kind (a, REG_ROW_SALE, 0)->day, ==, ymd (2024, 4, 3));
  g_assert_cmpint (nth_of_kind (b, REG_ROW_SALE, 0)->day, ==, ymd (2024, 3, 4));
  reader = reg_import_reader_new (path, &bad, &error);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_null (reader);
}

/* '|' as delimiter, no header: columns by number. */
static void
test_no_header_mapping (void)
{
  g_autofree char *path = fixture ("no-header.psv");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportMapping) mapping =
    reg_import_mapping_from_string ("customer=#1,date=#2,amount=#3", &error);
  RegImportOptions opts = { .mapping = mapping };
  g_autoptr(ImportResult) res = NULL;

  g_assert_no_error (error);
  res = import_file (path, &opts);
  g_assert_cmpuint (res->rows_read, ==, 3);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 1000 + 2000 + 555);
  g_assert_cmpuint (nth_of_kind (res, REG_ROW_SALE, 0)->line, ==, 1);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 2)->customer_ref, ==, "C1");
  g_assert_cmpstr (res->source, ==, "csv");
}

static void
test_mapping_errors (void)
{
  g_autofree char *path = fixture ("bad-rows.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportMapping) missing =
    reg_import_mapping_from_string ("date=Date,amount=Sum", NULL);
  g_autoptr(RegImportMapping) no_amount = reg_import_mapping_from_string ("date=Date", NULL);
  RegImportOptions opts = { .mapping = missing };
  RegImportOptions bad_preset = { .preset = "amazon" };
  RegImportReader *reader;

  reader = reg_import_reader_new (path, &opts, &error);
  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==,
                   "bad-rows.csv has no column “Sum” (mapped to the field “amount”)");
  g_clear_error (&error);

  /* a mapping without an amount falls back on the header's own "Total" */
  opts.mapping = no_amount;
  reader = reg_import_reader_new (path, &opts, &error);
  g_assert_no_error (error);
  reg_import_reader_free (reader);

  reader = reg_import_reader_new (path, &bad_preset, &error);
  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_clear_error (&error);

  g_assert_null (reg_import_mapping_from_string ("when=Date", &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_clear_error (&error);
  g_assert_null (reg_import_mapping_from_string ("date", &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_clear_error (&error);
  g_assert_null (reg_import_mapping_from_string ("date=A,date=B", &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
}

/* The channel: a column found by its name (utm_source), a column named in a mapping, and the
 * channel given for every new customer of a file, which the mapping the reader used keeps. */
static void
test_channel (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *utm = g_build_filename (dir, "utm.csv", NULL);
  g_autofree char *own = g_build_filename (dir, "own.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportMapping) mapping =
    reg_import_mapping_from_string ("date=When,amount=Paid,name=Who,channel=Came from,"
                                    "@channel=bank transfer", &error);
  g_autoptr(RegImportMapping) again = NULL;
  g_autofree char *text = NULL;
  RegImportOptions opts = { .mapping = mapping };

  g_assert_no_error (error);
  /* a sales log (with e-mail addresses; a name alone would read as a bank statement) */
  g_assert_true (g_file_set_contents (utm, "Date,Email,Name,Amount,utm_source\n"
                                           "2026-05-01,eve@example.com,Eve,25.00,newsletter\n"
                                           "2026-05-02,fay@example.com,Fay,35.00,\n", -1, NULL));
  g_assert_true (g_file_set_contents (own, "When,Who,Paid,Came from\n"
                                           "2026-05-04,Hal,12.00,Flyer\n", -1, NULL));
  {
    g_autoptr(ImportResult) res = import_file (utm, NULL);
    g_assert_cmpuint (res->rows->len, ==, 2);
    g_assert_cmpstr (((RegImportRow *) res->rows->pdata[0])->channel, ==, "newsletter");
    g_assert_null (((RegImportRow *) res->rows->pdata[1])->channel);
  }
  {
    g_autoptr(ImportResult) res = import_file (own, &opts);
    g_assert_cmpstr (((RegImportRow *) res->rows->pdata[0])->channel, ==, "Flyer");
  }
  {
    g_autoptr(RegImportReader) reader = reg_import_reader_new (own, &opts, &error);
    g_assert_no_error (error);
    text = reg_import_mapping_to_string (reg_import_reader_get_mapping (reader));
  }
  again = reg_import_mapping_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_import_mapping_get_option (again, "channel"), ==, "bank transfer");
  g_assert_cmpstr (reg_import_mapping_get (again, REG_FIELD_CHANNEL), ==, "Came from");
  reg_test_rm_rf (dir);
}

/* A file whose columns hold neither a date nor an amount cannot be read without a mapping. */
static void
test_unmappable (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "colours.csv", NULL);
  g_autoptr(GError) error = NULL;
  RegImportReader *reader;

  g_assert_true (g_file_set_contents (path, "colour,shape\nred,circle\nblue,square\n", -1, NULL));
  reader = reg_import_reader_new (path, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==,
                   "colours.csv: no column holds the date; map one with date=COLUMN");
  reg_test_rm_rf (dir);
}

/* The stored text form reads back to the same mapping, escapes included. */
static void
test_mapping_text (void)
{
  g_autoptr(RegImportMapping) m = reg_import_mapping_new ();
  g_autoptr(RegImportMapping) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  reg_import_mapping_set_name (m, "My bank, Inc.");
  reg_import_mapping_set_option (m, "decimal", ",");
  reg_import_mapping_set_option (m, "date_format", "%d.%m.%Y");
  reg_import_mapping_set (m, REG_FIELD_DATE, "Buchungstag");
  reg_import_mapping_set (m, REG_FIELD_AMOUNT, "Betrag (EUR)");
  reg_import_mapping_set (m, REG_FIELD_NAME, "Name, Vorname");
  reg_import_mapping_set (m, REG_FIELD_REFERENCE, "a=b\\c");
  text = reg_import_mapping_to_string (m);
  g_assert_cmpstr (text, ==,
                   "@name=My bank\\, Inc.,@date_format=%d.%m.%Y,@decimal=\\,,name=Name\\, Vorname,"
                   "date=Buchungstag,amount=Betrag (EUR),reference=a\\=b\\\\c");
  back = reg_import_mapping_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (reg_import_mapping_equal (m, back));
  g_assert_cmpstr (reg_import_mapping_get (back, REG_FIELD_NAME), ==, "Name, Vorname");
  g_assert_cmpstr (reg_import_mapping_get (back, REG_FIELD_REFERENCE), ==, "a=b\\c");
  g_assert_cmpstr (reg_import_mapping_get_name (back), ==, "My bank, Inc.");
  g_assert_cmpstr (reg_import_mapping_get_option (back, "decimal"), ==, ",");
  again = reg_import_mapping_to_string (back);
  g_assert_cmpstr (again, ==, text);
}

/* Saved options travel with the mapping: this one says the dates are day first. */
static void
test_mapping_options (void)
{
  g_autofree char *path = fixture ("dates-ambiguous.csv");
  g_autoptr(RegImportMapping) m =
    reg_import_mapping_from_string ("@date_format=DMY,customer=customer,date=date,amount=amount",
                                    NULL);
  RegImportOptions opts = { .mapping = m };
  g_autoptr(ImportResult) res = import_file (path, &opts);

  g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, 0)->day, ==, ymd (2024, 4, 3));
}

/* A line over the 1 MB limit, and an unterminated quote that would swallow the file, are a
 * clean error naming the line where it starts. */
static void
test_too_long (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *long_line = g_build_filename (dir, "long.csv", NULL);
  g_autofree char *open_quote = g_build_filename (dir, "quote.csv", NULL);
  GString *s = g_string_new ("customer,date,amount,note\nA,2024-01-01,1.00,x\nB,2024-01-02,2.00,");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  RegImportRow *row;
  RegImportIssue *issue;
  guint rows = 0;

  for (guint i = 0; i < 1200 * 1024; i++)
    g_string_append_c (s, 'y');
  g_string_append (s, "\nC,2024-01-03,3.00,z\n");
  g_assert_true (g_file_set_contents (long_line, s->str, (gssize) s->len, NULL));
  /* same size, but the note opens a quote that never closes */
  s->str[strlen ("customer,date,amount,note\nA,2024-01-01,1.00,x\nB,2024-01-02,2.00,")] = '"';
  g_assert_true (g_file_set_contents (open_quote, s->str, (gssize) s->len, NULL));
  g_string_free (s, TRUE);

  for (guint k = 0; k < 2; k++)
    {
      const char *path = k == 0 ? long_line : open_quote;

      reader = reg_import_reader_new (path, NULL, &error);
      g_assert_no_error (error);
      rows = 0;
      while (reg_import_reader_next (reader, &row, &issue, NULL, &error))
        {
          rows++;
          reg_import_row_free (row);
          reg_import_issue_free (issue);
        }
      g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE);
      g_assert_true (g_str_has_prefix (error->message,
                                       k == 0 ? "long.csv, line 3: " : "quote.csv, line 3: "));
      g_assert_cmpuint (rows, ==, 1);
      g_clear_error (&error);
      g_clear_pointer (&reader, reg_import_reader_free);
    }
  reg_test_rm_rf (dir);
}

/* Bytes that are not UTF-8 in a file whose head proved it UTF-8: an error naming the line.
 * A head of plain ASCII followed later by Windows-1252 text is read on as Windows-1252. */
static void
test_encoding_errors (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad-utf8.csv", NULL);
  g_autofree char *late = g_build_filename (dir, "late-cp1252.csv", NULL);
  GString *s = g_string_new ("customer,date,amount\nZoë,2024-01-01,1.00\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  g_autoptr(ImportResult) res = NULL;
  RegImportRow *row;
  RegImportIssue *issue;
  guint n = 3;

  /* more than the 64 kB head, then an invalid byte on line 3002 */
  for (guint i = 0; i < 3000; i++, n++)
    g_string_append (s, "A customer with a long name,2024-01-02,2.00\n");
  g_string_append (s, "M\xfcller,2024-01-03,3.00\n");
  g_assert_true (g_file_set_contents (bad, s->str, (gssize) s->len, NULL));
  reader = reg_import_reader_new (bad, NULL, &error);
  g_assert_no_error (error);
  while (reg_import_reader_next (reader, &row, &issue, NULL, &error))
    {
      reg_import_row_free (row);
      reg_import_issue_free (issue);
    }
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "bad-utf8.csv, line 3003: the text is not valid UTF-8; choose the file’s "
                   "encoding");
  g_clear_error (&error);

  /* the same without the "ë" in the head: plain ASCII, so the Windows code page is assumed */
  g_string_erase (s, 0, strlen ("customer,date,amount\nZoë,2024-01-01,1.00\n"));
  g_string_prepend (s, "customer,date,amount\nZoe,2024-01-01,1.00\n");
  g_assert_true (g_file_set_contents (late, s->str, (gssize) s->len, NULL));
  res = import_file (late, NULL);
  g_assert_cmpuint (res->sales, ==, 3002);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 3001)->customer_ref, ==, "Müller");
  g_assert_cmpuint (nth_of_kind (res, REG_ROW_SALE, 3001)->line, ==, n);
  g_string_free (s, TRUE);
  reg_test_rm_rf (dir);
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture ("bad-rows.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = reg_import_reader_new (path, NULL, &error);
  RegImportRow *row;
  RegImportIssue *issue;

  g_assert_no_error (error);
  g_assert_true (reg_import_reader_next (reader, &row, &issue, cancellable, &error));
  reg_import_row_free (row);
  g_cancellable_cancel (cancellable);
  g_assert_false (reg_import_reader_next (reader, &row, &issue, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (row);
  g_assert_null (issue);
}

/* The content key: the same payment has the same key wherever it stands in a file, as the
 * same occurrence of its content; its second identical row in one file has a key of its own;
 * another amount or day does not share it. lazy_hash leaves it out of rows that have an id. */
static void
test_content_key (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dupes.csv", NULL);
  g_autofree char *other = g_build_filename (dir, "later.csv", NULL);
  RegImportOptions lazy = { .lazy_hash = TRUE };
  g_autoptr(ImportResult) res = NULL;
  g_autoptr(ImportResult) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  RegImportRow *row;
  RegImportIssue *issue;

  g_assert_true (g_file_set_contents (path,
                                      "customer,date,amount\n"
                                      "A,2024-01-01,1.00\n"
                                      "B,2024-01-01,1.00\n"
                                      "A,2024-01-01,1.00\n"
                                      "A,2024-01-02,1.00\n"
                                      "A,2024-01-01,1.01\n", -1, NULL));
  /* a later download: other rows first, the two identical ones further down */
  g_assert_true (g_file_set_contents (other,
                                      "customer,date,amount\n"
                                      "C,2023-12-31,9.00\n"
                                      "A,2024-01-01,1.00\n"
                                      "B,2024-01-01,1.00\n"
                                      "A,2024-01-01,1.00\n", -1, NULL));
  res = import_file (path, NULL);
  for (guint i = 0; i < 5; i++)
    for (guint j = i + 1; j < 5; j++)
      g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, i)->content_key, !=,
                       nth_of_kind (res, REG_ROW_SALE, j)->content_key);
  /* the 1st and 2nd identical row: the same content, told apart by their occurrence */
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, 0)->content_key, ==,
                   reg_import_row_content_key (nth_of_kind (res, REG_ROW_SALE, 2), 1));
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, 2)->content_key, ==,
                   reg_import_row_content_key (nth_of_kind (res, REG_ROW_SALE, 0), 2));
  later = import_file (other, NULL);
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (nth_of_kind (later, REG_ROW_SALE, i)->content_key, ==,
                     nth_of_kind (res, REG_ROW_SALE, i - 1)->content_key);

  g_clear_pointer (&path, g_free);
  path = fixture ("embedded-newlines.csv");
  reader = reg_import_reader_new (path, &lazy, &error);
  g_assert_no_error (error);
  g_assert_true (reg_import_reader_next (reader, &row, &issue, NULL, &error));
  g_assert_cmpstr (row->external_id, ==, "A1");
  g_assert_cmpint (row->content_key, ==, 0);
  g_assert_cmpint (reg_import_row_content_key (row, 1), !=, 0);
  g_assert_null (row->legacy_hash);
  reg_import_row_compute_hash (row);
  g_assert_cmpuint (strlen (row->legacy_hash), ==, 64);
  reg_import_row_free (row);
  reg_test_rm_rf (dir);
}

/* Thousands of identical rows among others: each has a key of its own, the n-th that of its
 * content's n-th occurrence, however far apart they stand. */
static void
test_content_key_many (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "many.csv", NULL);
  g_autoptr(GString) s = g_string_new ("customer,date,amount\n");
  g_autoptr(ImportResult) res = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint coffee = 0;

  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (s, i % 2 ? "C%u,2024-01-01,%u.00\n" : "A,2024-01-01,4.50\n", i, i);
  g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
  res = import_file (path, NULL);
  g_assert_cmpuint (res->sales, ==, 6000);
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);

      g_hash_table_add (keys, g_memdup2 (&row->content_key, sizeof row->content_key));
      if (g_strcmp0 (row->customer_ref, "A") == 0)
        g_assert_cmpint (row->content_key, ==, reg_import_row_content_key (row, ++coffee));
    }
  g_assert_cmpuint (coffee, ==, 3000);
  g_assert_cmpuint (g_hash_table_size (keys), ==, 6000);
  reg_test_rm_rf (dir);
}

/* A header that states a currency other than the shop's refuses the file, with its line and
 * column; one that states the shop's, or none (an abbreviation is no currency), does not. An
 * amount whose symbol names another currency is a rejected row. */
static void
test_header_currency (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "releve.csv", NULL);
  g_autoptr(RegImportMapping) symbol = reg_import_mapping_new ();
  g_autoptr(RegImportMapping) vat = reg_import_mapping_new ();
  RegImportOptions usd = { .shop_currency = "USD", .mapping = symbol };
  RegImportOptions eur = { .shop_currency = "EUR", .mapping = symbol };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  g_autoptr(ImportResult) res = NULL;

  /* headers with more than a name are not recognised by themselves: mapped */
  reg_import_mapping_set (symbol, REG_FIELD_AMOUNT, "Amount (€)");
  reg_import_mapping_set (vat, REG_FIELD_AMOUNT, "Amount incl. VAT");

  g_assert_true (g_file_set_contents (path, "Date,Customer,Amount (€)\n"
                                            "2024-01-05,Ann,12.50\n", -1, NULL));
  reader = reg_import_reader_new (path, &usd, &error);
  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY);
  g_assert_cmpstr (error->message, ==, "releve.csv, line 1, column “Amount (€)”: the amounts "
                                       "are in €, but the shop's currency is USD; nothing was "
                                       "imported");
  g_clear_error (&error);
  res = import_file (path, &eur);
  g_assert_cmpuint (res->sales, ==, 1);
  g_clear_pointer (&res, import_result_free);

  g_assert_true (g_file_set_contents (path, "Date,Customer,Amount incl. VAT\n"
                                            "2024-01-05,Ann,12.50\n"
                                            "2024-01-06,Bob,$3.00\n"
                                            "2024-01-07,Cy,3.00 USD\n", -1, NULL));
  usd.mapping = eur.mapping = vat;
  res = import_file (path, &usd);
  g_assert_cmpuint (res->sales, ==, 3);
  g_clear_pointer (&res, import_result_free);
  res = import_file (path, &eur);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpuint (res->issues->len, ==, 2);
  g_assert_cmpstr (issue_at (res, 0)->reason, ==, "releve.csv, line 3, column “Amount incl. VAT”: "
                                                  "“$3.00” is an amount in “$”, not in the shop's "
                                                  "currency (EUR)");
  g_assert_cmpstr (issue_at (res, 1)->value, ==, "3.00 USD");
  reg_test_rm_rf (dir);
}

/* The CDNOW sample event log (masterid,sampleid,date,cds,sales) with an explicit mapping.
 * Expected, from the file itself:
 *   awk -F, 'NR>1{n++; s+=$5} END{print n, s}'         → 6919 rows, 244091.94 dollars
 *   awk -F, 'NR>1 && $5==0' | wc -l                      → 8 rows of 0.00 (README: "8 rows are
 *   0.00"), which are orders without spend: 6919 sales, 244091.94.
 *   awk -F, 'NR>1{print $1,$3,$5}' | sort | uniq -d | wc -l → rows that repeat another row of the
 *   same customer, day and amount: real, separate purchases, each with a key of its own.
 * First row "4,1,19970101,2,29.33" (line 2); last "23569,2357,19970325,2,25.74" (line 6920). */
static void
test_cdnow (void)
{
  g_autofree char *path = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportMapping) mapping =
    reg_import_mapping_from_string ("customer=masterid,date=date,amount=sales", &error);
  RegImportOptions opts = { .mapping = mapping, .shop_currency = "USD" };
  g_autoptr(ImportResult) res = NULL;
  RegImportRow *first, *last;

  g_assert_no_error (error);
  res = import_file (path, &opts);
  g_assert_cmpstr (res->format, ==, "csv");
  g_assert_null (res->preset);
  g_assert_cmpuint (res->rows_read, ==, 6919);
  g_assert_cmpuint (res->sales, ==, 6919);
  g_assert_cmpint (res->sales_total, ==, 24409194);
  g_assert_cmpuint (res->refunds, ==, 0);
  g_assert_cmpuint (res->skipped, ==, 0);
  g_assert_cmpuint (res->issues->len, ==, 0);
  {
    g_autoptr(GHashTable) keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GHashTable) contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    guint zero = 0;

    for (guint i = 0; i < res->rows->len; i++)
      {
        RegImportRow *row = g_ptr_array_index (res->rows, i);
        g_hash_table_add (keys, g_memdup2 (&row->content_key, sizeof row->content_key));
        g_hash_table_add (contents, g_strdup_printf ("%s %d %" G_GINT64_FORMAT,
                                                     row->customer_ref, row->day, row->amount));
        zero += row->amount == 0;
      }
    g_assert_cmpuint (zero, ==, 8);
    /* rows repeat others of the same content, and still every row has its own key */
    g_assert_cmpuint (g_hash_table_size (contents), <, res->rows->len);
    g_assert_cmpuint (g_hash_table_size (keys), ==, res->rows->len);
  }
  first = g_ptr_array_index (res->rows, 0);
  g_assert_cmpuint (first->line, ==, 2);
  g_assert_cmpstr (first->customer_ref, ==, "4");
  g_assert_cmpint (first->day, ==, ymd (1997, 1, 1));
  g_assert_cmpint (first->amount, ==, 2933);
  last = g_ptr_array_index (res->rows, res->rows->len - 1);
  g_assert_cmpuint (last->line, ==, 6920);
  g_assert_cmpstr (last->customer_ref, ==, "23569");
  g_assert_cmpint (last->day, ==, ymd (1997, 3, 25));
  g_assert_cmpint (last->amount, ==, 2574);
  g_assert_cmpuint (res->bytes_read, ==, res->bytes_total);
  g_assert_cmpuint (res->bytes_total, ==, 186936);
}

/* Without a mapping the same file is recognised as a sales list: masterid is the customer. */
static void
test_cdnow_auto (void)
{
  g_autofree char *path = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);
  g_autoptr(ImportResult) res = import_file (path, NULL);

  /* the 8 orders of 0.00 included */
  g_assert_cmpuint (res->sales, ==, 6919);
  g_assert_cmpint (res->sales_total, ==, 24409194);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 0)->customer_ref, ==, "4");
}

/* Many rows, streamed: every one arrives, in order, with its line. */
static void
test_many_rows (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "many.csv", NULL);
  GString *s = g_string_new ("order_id,customer_id,email,date,amount\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  RegImportRow *row;
  RegImportIssue *issue;
  gint64 sum = 0;
  guint n = 0;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (s, "%u,C%u,Customer%u@Example.com,2023-%02u-%02u,%u.%02u\n", i + 1,
                            i % 997, i % 997, i % 12 + 1, i % 28 + 1, i % 500 + 1, i % 100);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  g_string_free (s, TRUE);
  reader = reg_import_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  while (reg_import_reader_next (reader, &row, &issue, NULL, &error))
    {
      g_assert_nonnull (row);
      g_assert_cmpuint (row->line, ==, n + 2);
      sum += row->amount;
      if (n == 4321)
        g_assert_cmpstr (row->email, ==, "customer333@example.com");
      n++;
      reg_import_row_free (row);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 50000);
  /* sum over i of ((i % 500) + 1) * 100 + i % 100 */
  {
    gint64 expect = 0;
    for (guint i = 0; i < 50000; i++)
      expect += (gint64) (i % 500 + 1) * 100 + i % 100;
    g_assert_cmpint (sum, ==, expect);
  }
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/bom", test_bom);
  g_test_add_func ("/import/csv/utf16", test_utf16);
  g_test_add_func ("/import/csv/cp1252", test_cp1252);
  g_test_add_func ("/import/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/import/csv/preamble-and-total", test_preamble_and_total);
  g_test_add_func ("/import/csv/debit-credit", test_debit_credit);
  g_test_add_func ("/import/csv/indicator-column", test_indicator_column);
  g_test_add_func ("/import/csv/bad-rows", test_bad_rows);
  g_test_add_func ("/import/csv/decimal-option", test_decimal_option);
  g_test_add_func ("/import/csv/date-format-option", test_date_format_option);
  g_test_add_func ("/import/csv/no-header-mapping", test_no_header_mapping);
  g_test_add_func ("/import/csv/mapping-errors", test_mapping_errors);
  g_test_add_func ("/import/csv/unmappable", test_unmappable);
  g_test_add_func ("/import/csv/mapping-text", test_mapping_text);
  g_test_add_func ("/import/csv/mapping-options", test_mapping_options);
  g_test_add_func ("/import/csv/too-long", test_too_long);
  g_test_add_func ("/import/csv/encoding-errors", test_encoding_errors);
  g_test_add_func ("/import/csv/cancel", test_cancel);
  g_test_add_func ("/import/csv/content-key", test_content_key);
  g_test_add_func ("/import/csv/content-key-many", test_content_key_many);
  g_test_add_func ("/import/csv/header-currency", test_header_currency);
  g_test_add_func ("/import/csv/cdnow", test_cdnow);
  g_test_add_func ("/import/csv/cdnow-auto", test_cdnow_auto);
  g_test_add_func ("/import/csv/many-rows", test_many_rows);
  g_test_add_func ("/import/csv/channel", test_channel);
  return g_test_run ();
}
