/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bank statements: the six real bank CSV dialects, OFX 1.x/2.x (libofx), QIF, CAMT.053 (.02, .04
 * and a .08 fixture) and MT940, from ../shared/data/real-exports and tests/data/import. Money in
 * is a sale, money out is skipped with a reason; every expected figure is worked out in a
 * comment from the file itself.
 */
#include "test-import-common.h"

#define MONEY_OUT "money going out is not a sale"

/* Knab: title line "KNAB EXPORT;;;…" before the header (line 2), ';' at the end of every line,
 * 28 rows, unsigned amounts with CreditDebet D/C. The 13 C rows (Python: sum of Bedrag where
 * CreditDebet = C, decimal comma): 827,75 + 2500 + 2500 + 1000 + 2500 + 1500 + 2000 + 3500 + 1500
 * + 1000 + 1000 + 1000 + 7,02 = 20834,77; the 15 D rows are skipped. Referentie is the id. */
static void
test_knab (void)
{
  g_autofree char *path = real_export ("bank-csv", "Knab_transactieoverzicht_ok.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->preset, ==, "bank-csv");
  g_assert_cmpuint (res->rows_read, ==, 28);
  g_assert_cmpuint (res->sales, ==, 13);
  g_assert_cmpint (res->sales_total, ==, 2083477);
  g_assert_cmpuint (res->skipped, ==, 15);
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 15);
  g_assert_cmpuint (res->issues->len, ==, 0);
  row = row_with_id (res, "B9F21PGUJE88SFDR");
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpint (row->amount, ==, 82775);
  g_assert_cmpint (row->day, ==, ymd (2019, 6, 21));
  g_assert_cmpstr (row->name, ==, "Gert Janssen");
  g_assert_cmpstr (row->currency, ==, "EUR");
  g_assert_null (row->iban);                    /* "99999999" is an account number, not an IBAN */
  g_assert_cmpint (row_with_id (res, "B9F19PGFCT4Q5467")->amount, ==, 250000);   /* "2500" */
  row = row_with_id (res, "B9F21PGYA068V2KD");
  g_assert_cmpint (row->amount, ==, -82775);
  g_assert_cmpstr (row->iban, ==, "FR9999999999999999999999999");
  g_assert_cmpstr (row->reference, ==, "Tresorie");
}

/* easybank: no header, ISO-8859-1, CRLF, 10 rows; columns found by content (date, signed amount
 * with decimal comma and thousands dot, currency, description). Credits "+1,23", "+12,10",
 * "+9,98" = 23,31; 7 debits (−1586,17 in all) skipped. The counterparty IBAN and name are in
 * the padded description: "… VD/000000009 ABCDEF1G235 AT098765432109876543 Some person". */
static void
test_easybank (void)
{
  g_autofree char *path = real_export ("bank-csv", "easybank-giro.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;
  gint64 out = 0;

  g_assert_cmpstr (res->preset, ==, "bank-csv");
  g_assert_cmpstr (res->encoding, ==, "ISO-8859-1");
  g_assert_cmpuint (res->rows_read, ==, 10);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 2331);
  g_assert_cmpuint (res->skipped, ==, 7);
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *r = g_ptr_array_index (res->rows, i);
      if (r->kind == REG_ROW_SKIPPED)
        out += r->amount;
    }
  g_assert_cmpint (out, ==, -158617);
  row = row_at_line (res, 9, REG_ROW_SALE);
  g_assert_cmpint (row->amount, ==, 1210);
  g_assert_cmpint (row->day, ==, ymd (2014, 2, 28));
  g_assert_cmpstr (row->iban, ==, "AT098765432109876543");
  g_assert_cmpstr (row->name, ==, "Some person");
  g_assert_cmpstr (row->currency, ==, "EUR");
  g_assert_true (g_str_has_prefix (row->reference, "Gutschrift Überweisung"));
  g_assert_cmpint (row_at_line (res, 5, REG_ROW_SKIPPED)->amount, ==, -100100);  /* "-1.001,00" */
}

/* "Key : value" metadata lines, a blank line and a balance line before the header (line 5);
 * Debit/Credit columns, debits already negative; DD/MM/YY dates all ≤ 12, read day first.
 * One credit "1300,00" on 02/04/20; three debits; the trailing "Balance at start of period"
 * line is skipped as a total. */
static void
test_meta_data_debit_credit (void)
{
  g_autofree char *path = real_export ("bank-csv", "meta_data_separated_credit_debit.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpuint (res->rows_read, ==, 5);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 130000);
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 3);
  g_assert_cmpuint (count_skipped_because (res, "total or balance line"), ==, 1);
  g_assert_cmpuint (res->issues->len, ==, 0);
  row = row_with_id (res, "UNIQUE OP 4");
  g_assert_cmpuint (row->line, ==, 9);
  g_assert_cmpint (row->day, ==, ymd (2020, 4, 2));
  g_assert_cmpstr (row->reference, ==, "LABEL 4");
  g_assert_cmpint (row_with_id (res, "UNIQUE OP 3")->amount, ==, -8068);
  g_assert_cmpuint (row_at_line (res, 10, REG_ROW_SKIPPED)->line, ==, 10);
}

/* Windows-1252 with € (0x80) and — (0x97); YYYY/M/D dates; 50.00 in, 10.00 and 20.00 out. */
static void
test_cp1252_bank (void)
{
  g_autofree char *path = real_export ("bank-csv", "sample.fr.cp1252.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpstr (res->encoding, ==, "WINDOWS-1252");
  g_assert_cmpuint (res->rows_read, ==, 3);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 5000);
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SALE, 0)->day, ==, ymd (2012, 3, 22));
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 0)->reference, ==, "DÉPÔT");
  g_assert_cmpstr (row_at_line (res, 4, REG_ROW_SKIPPED)->reference, ==, "CAFÉ — €20 REÇU");
  g_assert_cmpuint (res->skipped, ==, 2);
}

/* Sparkasse CSV-CAMT: ISO-8859-1, every field quoted, DD.MM.YY, 18 rows. Line 2 is
 * "Umsatz vorgemerkt" (pending) → skipped; line 11 "ABSCHLUSS" 0,00 → zero; credits 350,00
 * (John Oliver, 28.03.18) and 1060,22 (FIRMA GMBH, 27.03.18) = 1410,22; 14 debits. The payee is
 * padded with 50+ spaces in the file. */
static void
test_sparkasse (void)
{
  g_autofree char *path = real_export ("bank-csv", "simple2.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->encoding, ==, "ISO-8859-1");
  g_assert_cmpuint (res->rows_read, ==, 18);
  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 141022);
  g_assert_cmpuint (res->skipped, ==, 16);
  g_assert_cmpuint (count_skipped_because (res, "pending: not booked yet"), ==, 1);
  g_assert_cmpuint (count_skipped_because (res, "zero amount"), ==, 1);
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 14);
  row = row_at_line (res, 2, REG_ROW_SKIPPED);
  g_assert_cmpstr (row->skip_reason, ==, "pending: not booked yet");
  g_assert_cmpstr (row->name, ==, "1u1 Telecom GmbH Elgendorfer Str. 57");
  g_assert_cmpstr (row->iban, ==, "DE12341234123412341234");
  row = row_at_line (res, 13, REG_ROW_SALE);
  g_assert_cmpint (row->amount, ==, 35000);
  g_assert_cmpint (row->day, ==, ymd (2018, 3, 28));
  g_assert_cmpstr (row->name, ==, "John Oliver");
  g_assert_cmpstr (row->reference, ==, "Hans Müller Erbe abzügl. Gebühren");
  g_assert_cmpstr (row_at_line (res, 3, REG_ROW_SKIPPED)->name, ==, "EDEKA DÜBEL//THOMASINGEN/DE");
}

/* ING: 14 preamble lines, header on line 15 with "Währung" twice, 9 rows in DD.MM.YYYY; one
 * credit 50,00 from Karl Karlsen on 28.12.2018, 8 debits. */
static void
test_ing (void)
{
  g_autofree char *path = real_export ("bank-csv", "test_with_saldo_1.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->encoding, ==, "ISO-8859-1");
  g_assert_cmpuint (res->rows_read, ==, 9);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 5000);
  g_assert_cmpuint (res->skipped, ==, 8);
  row = nth_of_kind (res, REG_ROW_SALE, 0);
  g_assert_cmpuint (row->line, ==, 17);
  g_assert_cmpstr (row->name, ==, "Karl Karlsen");
  g_assert_cmpstr (row->reference, ==, "Monatliche Ueberweisung");
  g_assert_cmpstr (row->currency, ==, "EUR");
  g_assert_cmpint (row->day, ==, ymd (2018, 12, 28));
  g_assert_cmpstr (row_at_line (res, 21, REG_ROW_SKIPPED)->reference, ==,
                   "Übernachtung in Neuenhausen am 21.05.2017");
}

/* OFX 1.02 SGML, CAD, 3 POS/CHECK debits −6.60, −316.67, −22.00 on lines 15..17, dates as written
 * 20090401122017.000[-5:EST] → 2009-04-01. */
static void
test_ofx_bank_medium (void)
{
  g_autofree char *path = real_export ("ofx", "bank_medium.ofx");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->format, ==, "ofx");
  g_assert_cmpstr (res->source, ==, "ofx:12300 000012345678");
  g_assert_cmpuint (res->rows_read, ==, 3);
  g_assert_cmpuint (res->sales + res->refunds, ==, 0);
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 3);
  row = row_with_id (res, "0000123456782009040200004");
  g_assert_cmpuint (row->line, ==, 16);
  g_assert_cmpint (row->amount, ==, -31667);
  g_assert_cmpint (row->day, ==, ymd (2009, 4, 2));
  g_assert_cmpstr (row->name, ==, "Joe's Bald Hairstyles");
  g_assert_cmpstr (row->reference, ==, "MISCELLANEOUS PAYMENTS;Joe's Bald Hairstyles");
  g_assert_cmpstr (row->currency, ==, "CAD");
  g_assert_cmpstr (row->note, ==, "CHECK");
}

/* An OFX statement in another currency than the shop's is refused as a whole, its CURDEF
 * named with its line; in a shop of its own currency it reads as before. */
static void
test_ofx_curdef (void)
{
  g_autofree char *path = real_export ("ofx", "bank_medium.ofx");
  RegImportOptions eur = { .shop_currency = "EUR" };
  RegImportOptions cad = { .shop_currency = "CAD" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = reg_import_reader_new (path, &eur, &error);
  g_autoptr(ImportResult) res = NULL;

  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY);
  g_assert_cmpstr (error->message, ==, "bank_medium.ofx, line 13, field “CURDEF”: the statement "
                                       "is in CAD, but the shop's currency is EUR; nothing was "
                                       "imported");
  res = import_file (path, &cad);
  g_assert_cmpuint (res->rows_read, ==, 3);
  g_assert_cmpuint (res->issues->len, ==, 0);
}

/* A CAMT.053 statement whose account or balances are in another currency than the shop's is
 * refused as a whole. */
static void
test_camt_currency (void)
{
  g_autofree char *path = real_export ("camt053", "test-camt053");
  RegImportOptions usd = { .shop_currency = "USD" };
  RegImportOptions eur = { .shop_currency = "EUR" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = reg_import_reader_new (path, &usd, &error);
  g_autoptr(ImportResult) res = NULL;

  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY);
  g_assert_cmpstr (error->message, ==, "test-camt053, line 32, field “Ccy”: the statement is in "
                                       "EUR, but the shop's currency is USD; nothing was "
                                       "imported");
  res = import_file (path, &eur);
  g_assert_cmpuint (res->issues->len, ==, 0);
  g_assert_cmpuint (res->sales, >, 0);
}

/* An MT940 statement whose opening balance (:60F:) is in another currency than the shop's is
 * refused as a whole. */
static void
test_mt940_currency (void)
{
  g_autofree char *path = real_export ("mt940", "sepa_snippet.sta");
  RegImportOptions usd = { .shop_currency = "USD" };
  RegImportOptions eur = { .shop_currency = "EUR" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = reg_import_reader_new (path, &usd, &error);
  g_autoptr(ImportResult) res = NULL;

  g_assert_null (reader);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY);
  g_assert_cmpstr (error->message, ==, "sepa_snippet.sta, line 4, field “60F”: the statement is "
                                       "in EUR, but the shop's currency is USD; nothing was "
                                       "imported");
  res = import_file (path, &eur);
  g_assert_cmpuint (res->issues->len, ==, 0);
  g_assert_cmpuint (res->sales, >, 0);
}

/* Nubank card statement: 6 DEBITs summing to −1280.91 (= LEDGERBAL), BRL, dates
 * 20240323000000[-3:GMT] → 2024-03-23 as written. */
static void
test_ofx_nubank (void)
{
  g_autofree char *path = real_export ("ofx", "br_nubank_cc.ofx");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  gint64 sum = 0;

  g_assert_cmpuint (res->rows_read, ==, 6);
  g_assert_cmpuint (res->skipped, ==, 6);
  for (guint i = 0; i < res->rows->len; i++)
    sum += ((RegImportRow *) g_ptr_array_index (res->rows, i))->amount;
  g_assert_cmpint (sum, ==, -128091);
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 0)->day, ==, ymd (2024, 3, 23));
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 5)->day, ==, ymd (2024, 3, 22));
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SKIPPED, 5)->currency, ==, "BRL");
}

/* The hostile file: 12 blank lines before the header, XML-style closing tags in SGML, empty
 * FITID/NAME/CURDEF, TRNTYPE "Credit": one credit of 12.34, its currency from CURRENCY/CURSYM AUD,
 * no id (FITID empty), on line 23 where the whole body is. */
static void
test_ofx_empty_tags (void)
{
  g_autofree char *path = real_export ("ofx", "ofx-v102-empty-tags.ofx");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->source, ==, "ofx:12345678");
  g_assert_cmpuint (res->rows_read, ==, 1);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 1234);
  row = nth_of_kind (res, REG_ROW_SALE, 0);
  g_assert_null (row->external_id);
  g_assert_null (row->name);
  g_assert_cmpstr (row->currency, ==, "AUD");
  g_assert_cmpstr (row->reference, ==, "CBA:Transfer");
  g_assert_cmpint (row->day, ==, ymd (2018, 5, 7));
  g_assert_cmpuint (row->line, ==, 23);
}

/* OFX 2.00 with TRNAMT "-200,00" and "-300,00" (decimal comma): −200.00 and −300.00 USD. */
static void
test_ofx_euro (void)
{
  g_autofree char *path = real_export ("ofx", "stmtrs_euro.ofx");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpuint (res->rows_read, ==, 2);
  g_assert_cmpint (row_with_id (res, "00002")->amount, ==, -20000);
  g_assert_cmpint (row_with_id (res, "00003")->amount, ==, -30000);
  g_assert_cmpint (row_with_id (res, "00003")->day, ==, ymd (2005, 10, 20));
  g_assert_cmpstr (row_with_id (res, "00002")->currency, ==, "USD");
}

/* OFX 2.00 XML, CRLF, CDATA name: one debit −16.85 AUD on 2013-12-15. */
static void
test_ofx_suncorp (void)
{
  g_autofree char *path = real_export ("ofx", "suncorp.ofx");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row = NULL;

  g_assert_cmpuint (res->rows_read, ==, 1);
  row = row_with_id (res, "1");
  g_assert_cmpint (row->kind, ==, REG_ROW_SKIPPED);
  g_assert_cmpint (row->amount, ==, -1685);
  g_assert_cmpstr (row->name, ==, "EFTPOS WDL HANDYWAY ALDI STORE");
  g_assert_cmpint (row->day, ==, ymd (2013, 12, 15));
  g_assert_cmpuint (row->line, ==, 35);
}

/* credits.ofx: CHARSET:1252 with "Lena Müller"; DTPOSTED 20240301235959.000[-8:PST] is
 * 2024-03-02 in UTC but 2024-03-01 as written, which is the shop's day; TRNAMT "1,250.00". */
static void
test_ofx_credits (void)
{
  g_autofree char *path = fixture ("credits.ofx");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 12500 + 125000);
  g_assert_cmpuint (res->skipped, ==, 1);
  row = row_with_id (res, "T-1001");
  g_assert_cmpint (row->day, ==, ymd (2024, 3, 1));
  g_assert_cmpstr (row->name, ==, "Lena Müller");
  g_assert_cmpstr (row->reference, ==, "Invoice 88");
  g_assert_cmpstr (row->currency, ==, "USD");
  g_assert_cmpint (row_with_id (res, "T-1003")->amount, ==, 125000);
  g_assert_cmpstr (res->source, ==, "ofx:4000123456");
}

/* QIF: 5 Bank records, M/D/YY without padding, "T-1,000.00"; all payments out:
 * −1000.00 −75.46 −379.00 −20.28 −421.35 = −1896.09. */
static void
test_qif (void)
{
  g_autofree char *path = real_export ("qif", "test_qif.qif");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  gint64 sum = 0;

  g_assert_cmpstr (res->format, ==, "qif");
  g_assert_cmpuint (res->rows_read, ==, 5);
  g_assert_cmpuint (res->skipped, ==, 5);
  for (guint i = 0; i < res->rows->len; i++)
    sum += ((RegImportRow *) g_ptr_array_index (res->rows, i))->amount;
  g_assert_cmpint (sum, ==, -189609);
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 0)->day, ==, ymd (2013, 8, 12));
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 0)->amount, ==, -100000);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SKIPPED, 0)->name, ==, "Delta PC");
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 2)->day, ==, ymd (2013, 3, 3));
}

/* web.qif (1999): "D03/25/099Share Withdrawal" is 1999-03-25 (Y2K year 099, text glued on).
 * 7 records: six of −99.99, one Direct Deposit of +99.99 on 03/19/099 (line 32) with memo
 * "                ADMINISTAFF COMP". */
static void
test_qif_y2k (void)
{
  g_autofree char *path = real_export ("qif", "web.qif");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpuint (res->rows_read, ==, 7);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 9999);
  g_assert_cmpuint (res->skipped, ==, 6);
  g_assert_cmpuint (res->issues->len, ==, 0);
  row = nth_of_kind (res, REG_ROW_SALE, 0);
  g_assert_cmpuint (row->line, ==, 32);
  g_assert_cmpint (row->day, ==, ymd (1999, 3, 19));
  g_assert_cmpstr (row->name, ==, "Direct Deposit");
  g_assert_cmpstr (row->reference, ==, "ADMINISTAFF COMP");
  g_assert_cmpstr (row->status, ==, "*");
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 0)->day, ==, ymd (1999, 3, 25));
}

/* quicken.qif: an !Account block and a category list (not transactions), then
 * "D1/ 2'24" (2024-01-02) +1,234.56; "D12/31'23" −45.00 (U before T); "D 3/15/2024" +80.00;
 * "D2/30/24" rejected; a zero; a last record without "^" +25.50. */
static void
test_qif_quicken (void)
{
  g_autofree char *path = fixture ("quicken.qif");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpuint (res->rows_read, ==, 6);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 123456 + 8000 + 2550);
  g_assert_cmpint (row_at_line (res, 12, REG_ROW_SALE)->day, ==, ymd (2024, 1, 2));
  g_assert_cmpstr (row_at_line (res, 12, REG_ROW_SALE)->reference, ==, "Invoice 2024-001");
  g_assert_cmpint (row_at_line (res, 17, REG_ROW_SKIPPED)->day, ==, ymd (2023, 12, 31));
  g_assert_cmpint (row_at_line (res, 22, REG_ROW_SALE)->day, ==, ymd (2024, 3, 15));
  g_assert_cmpuint (res->issues->len, ==, 1);
  g_assert_cmpstr (issue_at (res, 0)->reason, ==,
                   "quicken.qif, line 28, field “D”: “2/30/24” is not a valid date");
  g_assert_cmpstr (issue_at (res, 0)->field, ==, "D");
  g_assert_cmpstr (row_at_line (res, 36, REG_ROW_SALE)->name, ==, "Last record without a caret");
}

/* gcamp6.xml (.001.02, CRLF, copy "DUPL", currency XXX = none): 5 booked credits
 * 10000.00 + 1000.00 + 1000.00 + 1000.00 + 10.00 = 13010.00, ids AcctSvcrRef. */
static void
test_camt_gcamp6 (void)
{
  g_autofree char *path = real_export ("camt053", "gcamp6.xml");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->format, ==, "camt053");
  g_assert_cmpstr (res->source, ==, "camt053:CH2609000000924238861");
  g_assert_cmpuint (res->rows_read, ==, 5);
  g_assert_cmpuint (res->sales, ==, 5);
  g_assert_cmpint (res->sales_total, ==, 1301000);
  g_assert_cmpint (net_in (res, NULL), ==, 1301000);
  row = row_with_id (res, "20160423000805545979476000000012");
  g_assert_cmpuint (row->line, ==, 49);
  g_assert_cmpint (row->amount, ==, 1000000);
  g_assert_cmpint (row->day, ==, ymd (2016, 4, 23));
  g_assert_cmpstr (row->reference, ==, "Account Transfer");
  g_assert_null (row->currency);
}

/* davider80.xml (.001.04, dates "2017-04-01+02:00"): 16 entries without details; one CRDT
 * 368 CHF on 2017-04-11 ("Accredito xxxxxxxxxxxxxx"), 15 DBIT entries
 * (905.3 + 158.5 + 38 + 14.5 + 155.85 + 240 + 1395 + 49.7 + 799.75 + 136.6 + 71.8 + 18.1 + 13.95
 * + 34 + 16.8 = 4047.85) skipped. */
static void
test_camt_davider80 (void)
{
  g_autofree char *path = real_export ("camt053", "davider80.xml");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;
  gint64 out = 0;

  g_assert_cmpuint (res->rows_read, ==, 16);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 36800);
  g_assert_cmpuint (res->skipped, ==, 15);
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *r = g_ptr_array_index (res->rows, i);
      if (r->kind == REG_ROW_SKIPPED)
        out += r->amount;
    }
  g_assert_cmpint (out, ==, -404785);
  row = nth_of_kind (res, REG_ROW_SALE, 0);
  g_assert_cmpint (row->day, ==, ymd (2017, 4, 11));
  g_assert_cmpstr (row->currency, ==, "CHF");
  g_assert_cmpstr (row->reference, ==, "Accredito xxxxxxxxxxxxxx");
  g_assert_cmpstr (row->external_id, ==, "211067161010000000024556150000");
  g_assert_cmpint (nth_of_kind (res, REG_ROW_SKIPPED, 0)->day, ==, ymd (2017, 4, 1));
}

/* test-camt053 (no extension, .001.02): a DBIT direct debit −754.25 → skipped; a reversed DBIT
 * batch (RvslInd true, NbOfTxs 2) → two refunds −564.05 and −100.00 (one per TxDtls) for
 * "Test Customer"; a CRDT 1405.31 from "3rd party Media", IBAN NL69ABNA0522123643,
 * EndToEndId 115 → sale. */
static void
test_camt_reversal_batch (void)
{
  g_autofree char *path = real_export ("camt053", "test-camt053");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->format, ==, "camt053");
  g_assert_cmpstr (res->source, ==, "camt053:NL77ABNA0574908765");
  g_assert_cmpuint (res->rows_read, ==, 4);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 140531);
  g_assert_cmpuint (res->refunds, ==, 2);
  g_assert_cmpint (res->refunds_total, ==, -66405);
  g_assert_cmpuint (res->skipped, ==, 1);
  row = row_with_id (res, "115");
  g_assert_cmpstr (row->name, ==, "3rd party Media");
  g_assert_cmpstr (row->iban, ==, "NL69ABNA0522123643");
  g_assert_cmpint (row->day, ==, ymd (2014, 1, 5));
  row = row_with_id (res, "TESTBANK/NL/20141229/01206408/reversal");
  g_assert_cmpint (row->amount, ==, -56405);
  g_assert_cmpstr (row->name, ==, "Test Customer");
  g_assert_cmpstr (row->reference, ==, "Direct Debit S14 0410");
  g_assert_cmpint (row_with_id (res, "TESTBANK/NL/20141229/01206407/reversal")->amount, ==, -10000);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SKIPPED, 0)->name, ==, "INSURANCE COMPANY TESTX");
}

/* camt053-v08.xml (.001.08: Sts/Cd, Pty/Nm, DtTm with offset): 149.90 from Jana Nováková
 * (IBAN with spaces, structured reference RF18…); a PDNG entry skipped; a batch of 30.00 + 45.00
 * with Amt and CdtDbtInd per TxDtls; a bank fee out. */
static void
test_camt_v08 (void)
{
  g_autofree char *path = fixture ("camt053-v08.xml");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->source, ==, "camt053:DE89370400440532013000");
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 14990 + 3000 + 4500);
  row = row_with_id (res, "BANKREF-1");
  g_assert_cmpstr (row->name, ==, "Jana Nováková");
  g_assert_cmpstr (row->iban, ==, "CZ6508000000192000145399");
  g_assert_cmpstr (row->reference, ==, "RF18539007547034");
  g_assert_cmpint (row->day, ==, ymd (2024, 6, 3));
  g_assert_cmpstr (row_with_id (res, "BATCH-7/2")->name, ==, "Eva Roth");
  g_assert_cmpstr (row_with_id (res, "BATCH-7/1")->reference, ==, "Order 17 thank you");
  g_assert_cmpstr (row_at_line (res, 26, REG_ROW_SKIPPED)->skip_reason, ==,
                   "pending: not booked yet (status “PDNG”)");
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 1);
}

/* Rabobank MT940, two statements, four debits (:61: …D…25,00 / …D…10,00 twice), counter-IBAN on
 * the line after :61:, /NAME/ wrapped mid-word ("CONTRA ACCOUN" + "T HOLDER"). */
static void
test_mt940_rabobank (void)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "mt940", "rabobank-iban.sta",
                                                     NULL);
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->format, ==, "mt940");
  g_assert_cmpstr (res->source, ==, "mt940:NL71RABO0123456789");
  g_assert_cmpuint (res->rows_read, ==, 4);
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 4);
  row = row_at_line (res, 6, REG_ROW_SKIPPED);
  g_assert_cmpint (row->amount, ==, -2500);
  g_assert_cmpint (row->day, ==, ymd (2013, 1, 1));
  g_assert_cmpstr (row->name, ==, "CONTRA ACCOUNT HOLDER");
  g_assert_cmpstr (row->iban, ==, "NL70ABNA0987654321");
  g_assert_cmpstr (row->currency, ==, "EUR");
  g_assert_cmpstr (row_at_line (res, 22, REG_ROW_SKIPPED)->reference, ==, "Reference 201301234");
}

/* German MT940 with ?-subfields: 11 bookings. Credits that are sales (GVC 166 GUTSCHRIFT):
 * 50990,05 + 154551,93 + 154551,93 + 15000,05 + 125004,88 = 500098,84; three RETOURE credits
 * (GVC 159) are returned transfers, skipped; three debits (1500,00, 0,08 and the 3572569,03
 * SAMMLER) are money out. The payer's name is cut over ?32/?33 mid-word. */
static void
test_mt940_sepa (void)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "mt940", "sepa_snippet.sta",
                                                     NULL);
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpuint (res->rows_read, ==, 11);
  g_assert_cmpuint (res->sales, ==, 5);
  g_assert_cmpint (res->sales_total, ==, 50009884);
  g_assert_cmpuint (count_skipped_because (res, MONEY_OUT), ==, 3);
  g_assert_cmpuint (count_skipped_because (res, "a returned transfer coming back, not a sale"),
                    ==, 3);
  row = row_with_id (res, "0724710333343453");
  g_assert_cmpint (row->amount, ==, 5099005);
  g_assert_cmpint (row->day, ==, ymd (2007, 9, 4));
  g_assert_cmpstr (row->name, ==, "KARL KAUFMANN");
  g_assert_cmpstr (row->iban, ==, "DE14508800500194785000");
  g_assert_cmpstr (row_with_id (res, "0724710290659857")->name, ==,
                   "Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx");
  g_assert_cmpint (row_with_id (res, "0724710290659857")->amount, ==, 1500005);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/bank/csv-knab", test_knab);
  g_test_add_func ("/import/bank/csv-easybank", test_easybank);
  g_test_add_func ("/import/bank/csv-meta-debit-credit", test_meta_data_debit_credit);
  g_test_add_func ("/import/bank/csv-cp1252", test_cp1252_bank);
  g_test_add_func ("/import/bank/csv-sparkasse", test_sparkasse);
  g_test_add_func ("/import/bank/csv-ing", test_ing);
  g_test_add_func ("/import/bank/ofx-bank-medium", test_ofx_bank_medium);
  g_test_add_func ("/import/bank/ofx-curdef", test_ofx_curdef);
  g_test_add_func ("/import/bank/ofx-nubank", test_ofx_nubank);
  g_test_add_func ("/import/bank/ofx-empty-tags", test_ofx_empty_tags);
  g_test_add_func ("/import/bank/ofx-euro", test_ofx_euro);
  g_test_add_func ("/import/bank/ofx-suncorp", test_ofx_suncorp);
  g_test_add_func ("/import/bank/ofx-credits", test_ofx_credits);
  g_test_add_func ("/import/bank/qif", test_qif);
  g_test_add_func ("/import/bank/qif-y2k", test_qif_y2k);
  g_test_add_func ("/import/bank/qif-quicken", test_qif_quicken);
  g_test_add_func ("/import/bank/camt-gcamp6", test_camt_gcamp6);
  g_test_add_func ("/import/bank/camt-davider80", test_camt_davider80);
  g_test_add_func ("/import/bank/camt-reversal-batch", test_camt_reversal_batch);
  g_test_add_func ("/import/bank/camt-v08", test_camt_v08);
  g_test_add_func ("/import/bank/mt940-rabobank", test_mt940_rabobank);
  g_test_add_func ("/import/bank/mt940-sepa", test_mt940_sepa);
  g_test_add_func ("/import/bank/mt940-currency", test_mt940_currency);
  g_test_add_func ("/import/bank/camt-currency", test_camt_currency);
  return g_test_run ();
}
