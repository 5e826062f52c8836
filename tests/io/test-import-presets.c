/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Store and payment-processor presets on the real exports in ../shared/data/real-exports (Shopify,
 * Square, Stripe ×3, PayPal ×2, UCI Online Retail) and on fixtures for what those files do not
 * show (WooCommerce, Etsy, Shopify refunds and voids, Stripe failures and refunds, PayPal in
 * German, Square gift cards). Every expected figure is worked out from the file in a comment.
 */
#include "test-import-common.h"

/* shopify/orders_export.csv: 40 line-item rows, 19 orders (#1001..#1019), order fields on the
 * first row of each. By order (Financial Status, Total, gift-card lines):
 *   #1008, #1009 (4 gift cards each, 189.80 = 10.26+25.65+51.30+102.59), #1014, #1015 (100.00),
 *   #1017 (10.00), #1018 (100.00): gift cards only → 6 skipped
 *   #1013: pending → skipped                                     → 7 skipped in all
 *   #1001, #1011, #1019: 1659.95 less a 10.00 gift card = 1649.95 each
 *   #1004: 34.95 less a 10.00 gift card = 24.95
 *   #1002 1615.90, #1003 729.95, #1005 1635.55, #1006 2535.85, #1007 49.95, #1010 729.95,
 *   #1012 949.95, #1016 9.95
 *   12 sales, 3×1649.95 + 24.95 + 1615.90 + 729.95 + 1635.55 + 2535.85 + 49.95 + 729.95
 *   + 949.95 + 9.95 = 13231.85 EUR (checked with Python's csv module). */
static void
test_shopify (void)
{
  g_autofree char *path = real_export ("shopify", "orders_export.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->preset, ==, "shopify");
  g_assert_cmpstr (res->source, ==, "shopify");
  g_assert_cmpuint (res->rows_read, ==, 40);
  g_assert_cmpuint (res->sales, ==, 12);
  g_assert_cmpint (res->sales_total, ==, 1323185);
  g_assert_cmpuint (res->refunds, ==, 0);
  g_assert_cmpuint (res->skipped, ==, 7);
  g_assert_cmpuint (res->issues->len, ==, 0);
  g_assert_cmpint (net_in (res, "EUR"), ==, 1323185);
  g_assert_cmpuint (count_skipped_because (res, "gift cards only: not revenue until spent"), ==, 6);
  g_assert_cmpstr (row_with_id (res, "#1013")->skip_reason, ==, "payment pending");

  row = row_with_id (res, "#1001");
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpint (row->amount, ==, 164995);
  g_assert_cmpint (row->day, ==, ymd (2025, 5, 11));    /* "2025-05-11 09:55:16 -0400" */
  g_assert_null (row->email);                           /* a guest order */
  row = row_with_id (res, "#1016");
  g_assert_cmpuint (row->line, ==, 35);
  g_assert_cmpstr (row->email, ==, "russel.winfield@example.com");
  g_assert_cmpstr (row->name, ==, "Russell Winfield");
  g_assert_cmpstr (row->currency, ==, "EUR");
  g_assert_cmpstr (row->status, ==, "paid");
  /* Source, on the first row of every order of this file: the customer's channel */
  g_assert_cmpstr (row->channel, ==, "shopify_draft_order");
}

/* shopify-statuses.csv: #2001 refunded 80.00 → sale 80.00 + refund −80.00 on the order day;
 * #2002 partially_refunded 120.00 with a 30.00 gift card → sale 90.00 + refund −30.00;
 * #2003 voided, #2004 authorized → skipped; #2005 partially_paid 200.00 → sale;
 * #2006 Total "12,3,4" → rejected. */
static void
test_shopify_statuses (void)
{
  g_autofree char *path = fixture ("shopify-statuses.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *refund;

  g_assert_cmpuint (res->rows_read, ==, 7);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 8000 + 9000 + 20000);
  g_assert_cmpuint (res->refunds, ==, 2);
  g_assert_cmpint (res->refunds_total, ==, -8000 - 3000);
  g_assert_cmpuint (res->skipped, ==, 2);
  g_assert_cmpstr (row_with_id (res, "#2003")->skip_reason, ==, "voided");
  g_assert_cmpstr (row_with_id (res, "#2004")->skip_reason, ==,
                   "payment authorized but not captured");
  refund = row_with_id (res, "#2001/refund");
  g_assert_cmpint (refund->kind, ==, REG_ROW_REFUND);
  g_assert_cmpint (refund->day, ==, ymd (2025, 6, 1));
  g_assert_cmpstr (refund->note, ==, "Shopify gives no refund date: dated on the order date");
  g_assert_cmpstr (refund->email, ==, "mia.kane@example.com");
  g_assert_cmpstr (refund->name, ==, "Mia Kane");
  g_assert_cmpint (row_with_id (res, "#2002")->amount, ==, 9000);
  g_assert_cmpuint (res->issues->len, ==, 1);
  g_assert_cmpstr (issue_at (res, 0)->reason, ==,
                   "shopify-statuses.csv, line 8, column “Total”: “12,3,4” is not an amount: "
                   "thousands separators must group three digits");
}

/* square/item_sales_may.csv: 223 item rows, 163 transaction ids, each transaction's rows
 * adjacent (checked: 163 runs of (Transaction ID, Event Type)). 162 Payment transactions sum
 * Net Sales to $1746.00; the one Refund (line 159, "-$7.00", Notes "Canceled Order") is a refund;
 * Gross Sales equals Net Sales everywhere (no discounts). No currency column ("$" only). 56 rows
 * carry a Customer ID, 37 distinct; 38 transactions have one. */
static void
test_square (void)
{
  g_autofree char *path = real_export ("square", "item_sales_may.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *refund;
  g_autoptr(GHashTable) customers = g_hash_table_new (g_str_hash, g_str_equal);
  guint with_customer = 0;

  g_assert_cmpstr (res->preset, ==, "square");
  g_assert_cmpuint (res->rows_read, ==, 223);
  g_assert_cmpuint (res->sales, ==, 162);
  g_assert_cmpint (res->sales_total, ==, 174600);
  g_assert_cmpuint (res->refunds, ==, 1);
  g_assert_cmpint (res->refunds_total, ==, -700);
  g_assert_cmpuint (res->skipped, ==, 0);
  g_assert_cmpuint (res->issues->len, ==, 0);
  refund = nth_of_kind (res, REG_ROW_REFUND, 0);
  g_assert_cmpuint (refund->line, ==, 159);
  g_assert_cmpstr (refund->external_id, ==, "6ftNfFXAQiInb1dHMVCoipGcpyXZY/refund");
  g_assert_cmpstr (refund->note, ==, "Canceled Order");
  g_assert_cmpint (refund->day, ==, ymd (2026, 5, 23));
  g_assert_null (refund->currency);
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (row->customer_ref != NULL)
        {
          with_customer++;
          g_hash_table_add (customers, row->customer_ref);
        }
    }
  g_assert_cmpuint (with_customer, ==, 38);
  g_assert_cmpuint (g_hash_table_size (customers), ==, 37);
  /* first row: sticker $2.00 for customer X0JEYN1R8ZTTWTXA7YFAYB3XBG */
  g_assert_cmpstr (row_with_id (res, "eZvKQy5HeSpLqETKWOpdIbhqn8RZY")->customer_ref, ==,
                   "X0JEYN1R8ZTTWTXA7YFAYB3XBG");
  g_assert_cmpint (row_with_id (res, "eZvKQy5HeSpLqETKWOpdIbhqn8RZY")->amount, ==, 200);
}

/* square-items.csv: TXA latte 5.00 + croissant 6.00 (7.00 less 1.00), customer only on its second
 * line → 11.00 CUST1; TXB gift card 25.00 + tea 3.50 → 3.50; TXC a gift card alone → skipped;
 * TXD refund −5.00; TXE "$1,250.00" → 1250.00. */
static void
test_square_gift_cards (void)
{
  g_autofree char *path = fixture ("square-items.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpuint (res->rows_read, ==, 7);
  g_assert_cmpint (row_with_id (res, "TXA")->amount, ==, 1100);
  g_assert_cmpstr (row_with_id (res, "TXA")->customer_ref, ==, "CUST1");
  g_assert_cmpint (row_with_id (res, "TXB")->amount, ==, 350);
  g_assert_cmpstr (row_with_id (res, "TXC")->skip_reason, ==,
                   "gift cards only: not revenue until spent");
  g_assert_cmpint (row_with_id (res, "TXD/refund")->amount, ==, -500);
  g_assert_cmpint (row_with_id (res, "TXE")->amount, ==, 125000);
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpuint (res->refunds, ==, 1);
  g_assert_cmpuint (res->skipped, ==, 1);
}

/* stripe/payments.csv: ';'-delimited subset re-saved by Excel, 622 rows, all Status "Paid" and
 * Captured "TRUE", no id column (so no external id: rows dedupe by content hash).
 * Per currency (Python, Decimal sums of Amount): eur 319 rows 3107.50, usd 197 rows 3553.00,
 * mxn 106 rows 19115.00; 15 rows have no Customer ID, the others 196 distinct ones (SOURCES.md's
 * "197 customers" counts the empty one). First row 2024-06-07 02:38:54, 15.00 usd,
 * cus_PsVhjffeodeyRV. */
static void
test_stripe_payments (void)
{
  g_autofree char *path = real_export ("stripe", "payments.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *first = g_ptr_array_index (res->rows, 0);
  g_autoptr(GHashTable) customers = g_hash_table_new (g_str_hash, g_str_equal);
  guint anonymous = 0;

  g_assert_cmpstr (res->preset, ==, "stripe");
  g_assert_cmpuint (res->rows_read, ==, 622);
  g_assert_cmpuint (res->sales, ==, 622);
  g_assert_cmpuint (res->refunds + res->skipped + res->issues->len, ==, 0);
  g_assert_cmpint (net_in (res, "EUR"), ==, 310750);
  g_assert_cmpint (net_in (res, "USD"), ==, 355300);
  g_assert_cmpint (net_in (res, "MXN"), ==, 1911500);
  g_assert_cmpint (res->sales_total, ==, 310750 + 355300 + 1911500);
  g_assert_cmpint (first->day, ==, ymd (2024, 6, 7));
  g_assert_cmpint (first->amount, ==, 1500);
  g_assert_cmpstr (first->currency, ==, "USD");
  g_assert_cmpstr (first->customer_ref, ==, "cus_PsVhjffeodeyRV");
  g_assert_null (first->external_id);
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (row->customer_ref != NULL)
        g_hash_table_add (customers, row->customer_ref);
      else
        anonymous++;
    }
  g_assert_cmpuint (anonymous, ==, 15);
  g_assert_cmpuint (g_hash_table_size (customers), ==, 196);
}

/* stripe/unified_payments.csv: the full 79-column header, one Paid charge
 * ch_3POsheC8ukEwBaxR1SBP6Pvo of 15.00 usd on 2024-06-07, Amount Refunded 0.00, customer
 * cus_PsVhjfaepodbyRV, e-mail customer@example.com (redacted), Card Name "REDACTED NAME". */
static void
test_stripe_unified (void)
{
  g_autofree char *path = real_export ("stripe", "unified_payments.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpuint (res->rows_read, ==, 1);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpuint (res->refunds, ==, 0);
  row = row_with_id (res, "ch_3POsheC8ukEwBaxR1SBP6Pvo");
  g_assert_cmpint (row->amount, ==, 1500);
  g_assert_cmpstr (row->currency, ==, "USD");
  g_assert_cmpstr (row->customer_ref, ==, "cus_PsVhjfaepodbyRV");
  g_assert_cmpstr (row->email, ==, "customer@example.com");
  g_assert_cmpstr (row->name, ==, "REDACTED NAME");
  g_assert_cmpstr (row->note, ==, "Subscription update");
  g_assert_cmpint (row->day, ==, ymd (2024, 6, 7));
}

/* stripe/stripe.csv (balance report): "charge" 12.00 → sale, "refund" −0.77 → refund, both usd on
 * 2020-01-23, ids txn_…. */
static void
test_stripe_balance (void)
{
  g_autofree char *path = real_export ("stripe", "stripe.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpstr (res->preset, ==, "stripe");
  g_assert_cmpuint (res->rows_read, ==, 2);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 1200);
  g_assert_cmpuint (res->refunds, ==, 1);
  g_assert_cmpint (res->refunds_total, ==, -77);
  g_assert_cmpint (row_with_id (res, "txn_14G11HjubSIHf9IKrvJdwN")->day, ==, ymd (2020, 1, 23));
  g_assert_cmpstr (row_with_id (res, "txn_14G11HjHgubIH9ZvbPgYO7")->note, ==, "REFUND FOR PAYMENT");
  g_assert_cmpstr (row_with_id (res, "txn_14G11HjHgubIH9ZvbPgYO7")->currency, ==, "USD");
}

/* stripe-unified.csv: ch_1 paid 25.00; ch_2 paid 40.00 fully refunded on 2024-04-09;
 * ch_3 Failed, (no id) requires_payment_method, ch_6 Paid but not captured → skipped;
 * ch_4 paid 60.00 with 10.00 refunded on 2024-04-20. */
static void
test_stripe_refunds (void)
{
  g_autofree char *path = fixture ("stripe-unified.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *refund;

  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 2500 + 4000 + 6000);
  g_assert_cmpuint (res->refunds, ==, 2);
  g_assert_cmpint (res->refunds_total, ==, -4000 - 1000);
  g_assert_cmpuint (res->skipped, ==, 3);
  refund = row_with_id (res, "ch_4/refund");
  g_assert_cmpint (refund->day, ==, ymd (2024, 4, 20));
  g_assert_cmpint (refund->amount, ==, -1000);
  g_assert_cmpstr (refund->customer_ref, ==, "cus_A");
  g_assert_cmpstr (row_with_id (res, "ch_2")->email, ==, "b@example.com");
  g_assert_cmpstr (row_with_id (res, "ch_3")->skip_reason, ==, "payment failed");
  g_assert_cmpstr (row_with_id (res, "ch_6")->skip_reason, ==,
                   "payment authorized but not captured");
  g_assert_cmpstr (row_at_line (res, 6, REG_ROW_SKIPPED)->skip_reason, ==,
                   "payment not completed (status “requires_payment_method”)");
}

/* paypal/paypal-custom.csv, 7 rows (the owner's account, US dates):
 *   3 Completed payments sent (−6.99, −7.00, −2.00) → money going out;
 *   3 Pending "Bank Deposit to PP Account" funding rows → pending;
 *   1 Completed "Subscription Payment" of +10.00 from noble@bene.fac.tor on 10/22/2019 → sale. */
static void
test_paypal (void)
{
  g_autofree char *path = real_export ("paypal", "paypal-custom.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *sale;

  g_assert_cmpstr (res->preset, ==, "paypal");
  g_assert_cmpuint (res->rows_read, ==, 7);
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 1000);
  g_assert_cmpuint (res->skipped, ==, 6);
  g_assert_cmpuint (count_skipped_because (res, "money going out is not a sale"), ==, 3);
  g_assert_cmpuint (count_skipped_because (res, "payment pending"), ==, 3);
  sale = row_with_id (res, "68LL1662YP3134303");
  g_assert_cmpstr (sale->email, ==, "noble@bene.fac.tor");
  g_assert_cmpstr (sale->name, ==, "Noble Benefactor");
  g_assert_cmpstr (sale->currency, ==, "USD");
  g_assert_cmpint (sale->day, ==, ymd (2019, 10, 22));
  g_assert_cmpuint (sale->line, ==, 8);
}

/* paypal/French_sample.csv: French headers, 184 rows, M/D/YYYY, decimal comma, no-break-space
 * thousands ("203 844,28"). By Description (Python Counter):
 *   92 "Conversion de devise standard" → currency conversion;
 *   46 "Virement par carte bancaire standard" (+, CDF) → funding of the balance;
 *   46 payments sent, all negative ("Paiement express" 7, "Paiement préapprouvé…" 26,
 *   "Paiement sur site marchand" 12, "Paiement d'abonnement" 1) → money going out.
 * A buyer's account: no sales. */
static void
test_paypal_french (void)
{
  g_autofree char *path = real_export ("paypal", "French_sample.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->preset, ==, "paypal");
  g_assert_cmpuint (res->rows_read, ==, 184);
  g_assert_cmpuint (res->sales + res->refunds + res->issues->len, ==, 0);
  g_assert_cmpuint (res->skipped, ==, 184);
  g_assert_cmpuint (count_skipped_because (res, "currency conversion: the other half of a payment"),
                    ==, 92);
  g_assert_cmpuint (count_skipped_because (res, "money added to the PayPal balance, not a sale"),
                    ==, 46);
  g_assert_cmpuint (count_skipped_because (res, "money going out is not a sale"), ==, 46);
  /* line 2: "1/7/2020", "-59,30" USD to jeanlouis.garcia@globaltt.com */
  row = g_ptr_array_index (res->rows, 0);
  g_assert_cmpint (row->day, ==, ymd (2020, 1, 7));
  g_assert_cmpint (row->amount, ==, -5930);
  g_assert_cmpstr (row->external_id, ==, "2X3342507Y0204309");
  /* "203 844,28" CDF, a card deposit on 1/2/2020 */
  row = row_with_id (res, "1EB828906W806214Y");
  g_assert_cmpint (row->amount, ==, 20384428);
  g_assert_cmpstr (row->currency, ==, "CDF");
}

/* paypal-de.csv (German headers, DD.MM.YYYY): "Zahlung erhalten" 1.250,00 → sale from
 * klara.sommer@example.de; "Allgemeine Währungsumrechnung" → conversion; "Rückzahlung" −50,00 →
 * refund to the buyer (To address); "Memo" impact → skipped; "Zahlung gesendet" → money out. */
static void
test_paypal_german (void)
{
  g_autofree char *path = fixture ("paypal-de.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *refund;

  g_assert_cmpstr (res->preset, ==, "paypal");
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpint (res->sales_total, ==, 125000);
  g_assert_cmpint (row_with_id (res, "1AB23456CD789012E")->day, ==, ymd (2024, 5, 3));
  g_assert_cmpstr (row_with_id (res, "1AB23456CD789012E")->email, ==, "klara.sommer@example.de");
  refund = row_with_id (res, "4AB23456CD789012E");
  g_assert_cmpint (refund->kind, ==, REG_ROW_REFUND);
  g_assert_cmpint (refund->amount, ==, -5000);
  g_assert_cmpstr (refund->email, ==, "klara.sommer@example.de");
  g_assert_cmpstr (row_with_id (res, "5AB23456CD789012E")->skip_reason, ==,
                   "memo row: no money moved");
  g_assert_cmpuint (res->skipped, ==, 3);
}

/* online-retail/online_retail_sample.csv: 232 invoice lines, 26 invoices (each contiguous),
 * dates "1/12/2010 8:26" all ambiguous → the preset's day-first habit: 1 December 2010.
 * Sum of Quantity × Price per invoice (Python Decimal): 24 invoices 10568.15, the two C invoices
 * C536379 (Discount, −1 × 27.50) and C536383 (−1 × 4.65) refunds −32.15; 17 customers. */
static void
test_online_retail (void)
{
  g_autofree char *path = real_export ("online-retail", "online_retail_sample.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;
  g_autoptr(GHashTable) customers = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (res->preset, ==, "online-retail");
  g_assert_cmpuint (res->rows_read, ==, 232);
  g_assert_cmpuint (res->sales, ==, 24);
  g_assert_cmpint (res->sales_total, ==, 1056815);
  g_assert_cmpuint (res->refunds, ==, 2);
  g_assert_cmpint (res->refunds_total, ==, -3215);
  g_assert_cmpuint (res->skipped + res->issues->len, ==, 0);
  /* 536365: 7 lines, 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25 = 139.12 */
  row = row_with_id (res, "536365");
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpint (row->amount, ==, 13912);
  g_assert_cmpint (row->day, ==, ymd (2010, 12, 1));
  g_assert_cmpstr (row->customer_ref, ==, "17850");
  row = row_with_id (res, "C536379");
  g_assert_cmpint (row->kind, ==, REG_ROW_REFUND);
  g_assert_cmpint (row->amount, ==, -2750);
  g_assert_cmpuint (row->line, ==, 143);
  g_assert_cmpint (row_with_id (res, "536387")->amount, ==, 319392);
  for (guint i = 0; i < res->rows->len; i++)
    g_hash_table_add (customers, ((RegImportRow *) g_ptr_array_index (res->rows, i))->customer_ref);
  g_assert_cmpuint (g_hash_table_size (customers), ==, 17);
}

/* Rows without a CustomerID are anonymous sales, kept without a customer; a negative invoice
 * that is not a C cancellation is an adjustment, skipped. */
static void
test_online_retail_anonymous (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "retail.csv", NULL);
  g_autoptr(ImportResult) res = NULL;

  g_assert_true (g_file_set_contents (path,
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    "536414,22139,RETROSPOT TEA SET,56,2010-12-01 11:52:00,0,,United Kingdom\n"
    "536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,2010-12-01 14:32:00,2.51,,United Kingdom\n"
    "536544,21774,DECORATIVE CATS BATHROOM BOTTLE,2,2010-12-01 14:32:00,2.51,,United Kingdom\n"
    "A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,-11062.06,,United Kingdom\n"
    "536545,PADS,PADS TO MATCH ALL CUSHIONS,3,2010-12-01 14:35:00,0.001,12345,United Kingdom\n",
    -1, NULL));
  res = import_file (path, NULL);
  g_assert_cmpstr (res->preset, ==, "online-retail");
  /* an invoice of 0.00 is a visit (the import skips it for naming no customer) */
  g_assert_cmpint (row_with_id (res, "536414")->kind, ==, REG_ROW_SALE);
  g_assert_cmpint (row_with_id (res, "536414")->amount, ==, 0);
  g_assert_cmpint (row_with_id (res, "536544")->amount, ==, 753);
  g_assert_null (row_with_id (res, "536544")->customer_ref);
  g_assert_cmpint (row_with_id (res, "A563185")->kind, ==, REG_ROW_SKIPPED);
  /* 3 × 0.001 = 0.003: rounds to zero cents, an order without spend */
  g_assert_cmpint (row_with_id (res, "536545")->kind, ==, REG_ROW_SALE);
  g_assert_cmpint (row_with_id (res, "536545")->amount, ==, 0);
  reg_test_rm_rf (dir);
}

/* woocommerce-analytics.csv: 1201 Completed 24.00, 1202 Processing 55.50 → sales; 1203 "Pending
 * payment", 1204 Failed, 1205 "On hold" → skipped; the refund row of 1201 (−24.00, 2024-03-05)
 * → refund dated on its own day. Customer is a name only. */
static void
test_woocommerce_analytics (void)
{
  g_autofree char *path = fixture ("woocommerce-analytics.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *refund;

  g_assert_cmpstr (res->preset, ==, "woocommerce");
  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (res->sales_total, ==, 2400 + 5550);
  g_assert_cmpuint (res->skipped, ==, 3);
  refund = row_with_id (res, "1201/refund/2024-03-05");
  g_assert_cmpint (refund->amount, ==, -2400);
  g_assert_cmpint (refund->day, ==, ymd (2024, 3, 5));
  g_assert_cmpstr (refund->name, ==, "Anna Berg");
  g_assert_cmpstr (row_with_id (res, "1203")->skip_reason, ==,
                   "order not paid (status “Pending payment”)");
}

/* woocommerce-plugin.csv (Customer/Order CSV Export, M/D/YYYY H:MM): 4959 completed 30;
 * 4960 refunded 45.50 → sale + refund; 4961 processing 20 with refunded_total 5 → sale + refund;
 * 4962 cancelled, 4963 on-hold → skipped. */
static void
test_woocommerce_plugin (void)
{
  g_autofree char *path = fixture ("woocommerce-plugin.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);
  RegImportRow *row;

  g_assert_cmpstr (res->preset, ==, "woocommerce");
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 3000 + 4550 + 2000);
  g_assert_cmpuint (res->refunds, ==, 2);
  g_assert_cmpint (res->refunds_total, ==, -4550 - 500);
  g_assert_cmpuint (res->skipped, ==, 2);
  row = row_with_id (res, "4959");
  g_assert_cmpint (row->day, ==, ymd (2016, 5, 31));
  g_assert_cmpstr (row->email, ==, "grace.hopper@example.com");
  g_assert_cmpstr (row->customer_ref, ==, "12");
  g_assert_cmpstr (row->name, ==, "Grace Hopper");
  g_assert_cmpstr (row->currency, ==, "USD");
  g_assert_cmpint (row_with_id (res, "4963")->day, ==, ymd (2016, 6, 13));
}

/* etsy-orders.csv: 3001 35.00, 3002 25.00 adjusted to 15.00 (refund −10.00), 3003 Canceled,
 * 3004 15.00; MM/DD/YY. */
static void
test_etsy_orders (void)
{
  g_autofree char *path = fixture ("etsy-orders.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpstr (res->preset, ==, "etsy");
  g_assert_cmpuint (res->sales, ==, 3);
  g_assert_cmpint (res->sales_total, ==, 3500 + 2500 + 1500);
  g_assert_cmpuint (res->refunds, ==, 1);
  g_assert_cmpint (row_with_id (res, "3002/refund")->amount, ==, -1000);
  g_assert_cmpstr (row_with_id (res, "3003")->skip_reason, ==, "order cancelled");
  g_assert_cmpint (row_with_id (res, "3001")->day, ==, ymd (2024, 3, 14));
  g_assert_cmpstr (row_with_id (res, "3001")->customer_ref, ==, "lenapark");
  g_assert_cmpstr (row_with_id (res, "3001")->name, ==, "Lena Park");
}

/* etsy-items.csv: order 3001 = 24.00 + 6.00 (two item rows), 3002 = 20.00. */
static void
test_etsy_items (void)
{
  g_autofree char *path = fixture ("etsy-items.csv");
  g_autoptr(ImportResult) res = import_file (path, NULL);

  g_assert_cmpstr (res->preset, ==, "etsy");
  g_assert_cmpuint (res->rows_read, ==, 3);
  g_assert_cmpuint (res->sales, ==, 2);
  g_assert_cmpint (row_with_id (res, "3001")->amount, ==, 3000);
  g_assert_cmpint (row_with_id (res, "3002")->amount, ==, 2000);
}

/* A preset named on the command line reads columns by name in any order. */
static void
test_preset_forced (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "reordered.csv", NULL);
  RegImportOptions opts = { .preset = "stripe" };
  g_autoptr(ImportResult) res = NULL;

  g_assert_true (g_file_set_contents (path,
    "Customer ID,Status,Currency,Amount,Created (UTC)\n"
    "cus_1,Paid,usd,5.00,2021-02-03 04:05:06\n", -1, NULL));
  res = import_file (path, &opts);
  g_assert_cmpstr (res->preset, ==, "stripe");
  g_assert_cmpuint (res->sales, ==, 1);
  g_assert_cmpstr (nth_of_kind (res, REG_ROW_SALE, 0)->customer_ref, ==, "cus_1");
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/presets/shopify", test_shopify);
  g_test_add_func ("/import/presets/shopify-statuses", test_shopify_statuses);
  g_test_add_func ("/import/presets/square", test_square);
  g_test_add_func ("/import/presets/square-gift-cards", test_square_gift_cards);
  g_test_add_func ("/import/presets/stripe-payments", test_stripe_payments);
  g_test_add_func ("/import/presets/stripe-unified", test_stripe_unified);
  g_test_add_func ("/import/presets/stripe-balance", test_stripe_balance);
  g_test_add_func ("/import/presets/stripe-refunds", test_stripe_refunds);
  g_test_add_func ("/import/presets/paypal", test_paypal);
  g_test_add_func ("/import/presets/paypal-french", test_paypal_french);
  g_test_add_func ("/import/presets/paypal-german", test_paypal_german);
  g_test_add_func ("/import/presets/online-retail", test_online_retail);
  g_test_add_func ("/import/presets/online-retail-anonymous", test_online_retail_anonymous);
  g_test_add_func ("/import/presets/woocommerce-analytics", test_woocommerce_analytics);
  g_test_add_func ("/import/presets/woocommerce-plugin", test_woocommerce_plugin);
  g_test_add_func ("/import/presets/etsy-orders", test_etsy_orders);
  g_test_add_func ("/import/presets/etsy-items", test_etsy_items);
  g_test_add_func ("/import/presets/preset-forced", test_preset_forced);
  return g_test_run ();
}
