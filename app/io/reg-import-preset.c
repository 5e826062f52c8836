/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables of the built-in import presets: the public list (name, display name, signature, rules in
 * plain words) and, per CSV variant, the header names each column is read from. Header names
 * are matched after normalisation (case-folded, trimmed, inner spaces collapsed, BOM removed),
 * never by position. Sources for every header: ../shared/FORMATS.md §1.2 and the real files.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "reg-import-preset.h"

static const RegImportPreset presets[] = {
  { "shopify", N_("Shopify orders"), REG_PRESET_SHOPIFY, "csv",
    "Name, Financial Status, Total, Lineitem name, Created at",
    N_("One sale per order (line items grouped by Name), dated on Created at, worth Total less any "
       "gift-card lines. Paid and partially paid orders are sales; pending, authorized and voided "
       "orders are skipped; refunded orders are a sale plus a refund of Refunded Amount, dated on "
       "the order date because the file gives no refund date. Orders of gift cards only are "
       "skipped: a gift card is not revenue until it is spent.") },
  { "woocommerce", N_("WooCommerce orders"), REG_PRESET_WOOCOMMERCE, "csv",
    "Date, Order #, Status, Net sales (Analytics) or order_id, status, order_total (export plugin)",
    N_("One sale per order row. Completed and processing orders are sales; negative or refunded "
       "rows are refunds on their own date; pending, on-hold, failed, cancelled and draft orders "
       "are skipped. The plugin format adds a refund of refunded_total.") },
  { "square", N_("Square item sales"), REG_PRESET_SQUARE, "csv",
    "Date, Transaction ID, Event Type, Net Sales",
    N_("Item rows are grouped by Transaction ID into one sale worth the sum of Net Sales (Gross "
       "Sales when there is no Net Sales). Refund events are refunds. Gift card lines are not "
       "revenue.") },
  { "stripe", N_("Stripe payments"), REG_PRESET_STRIPE, "csv",
    "Created date (UTC), Amount, Currency, Status (payments) or balance_transaction_id, gross, "
    "reporting_category (balance report)",
    N_("Paid charges are sales of Amount; failed, incomplete and uncaptured charges are skipped. "
       "Amount Refunded becomes a refund dated on Refunded date. In the balance report, charges "
       "are sales, refunds are refunds, everything else (payouts, fees) is skipped.") },
  { "paypal", N_("PayPal activity"), REG_PRESET_PAYPAL, "csv",
    "Date, Currency, Gross, Transaction ID (also in French and German)",
    N_("Completed incoming payments are sales of Gross from the sender’s e-mail address. Refunds "
       "are refunds. Pending rows, memo rows, currency conversions, transfers that fund the "
       "balance and payments you sent are skipped.") },
  { "etsy", N_("Etsy sold orders"), REG_PRESET_ETSY, "csv",
    "Sale Date, Order ID, Order Total (orders) or Sale Date, Item Name, Item Total, Order ID "
    "(order items)",
    N_("One sale per order worth Order Total; an Adjusted Order Total below it is a refund of the "
       "difference. Order item rows are grouped by Order ID. Cancelled orders are skipped.") },
  { "online-retail", N_("Online Retail (UCI) invoices"), REG_PRESET_ONLINE_RETAIL, "csv",
    "InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID",
    N_("Invoice lines are grouped by invoice into one sale worth the sum of Quantity × Price. "
       "Invoices starting with C are cancellations: refunds. Lines without a CustomerID belong to "
       "anonymous sales and are kept without a customer.") },
  { "bank-csv", N_("Bank statement (CSV)"), REG_PRESET_BANK_CSV, "csv", NULL,
    N_("Money coming in is a sale from the payer; money going out is skipped. Amounts come from "
       "one signed column, from separate debit and credit columns, or from an amount with a "
       "debit/credit indicator. Pending lines and total or balance lines are skipped.") },
  { "ofx", N_("OFX / QFX bank statement"), REG_PRESET_OFX, "ofx", NULL,
    N_("Money paid in is a sale from the payer the bank names; money paid out is skipped. "
       "The bank’s number for each payment keeps it from being imported twice.") },
  { "qif", N_("QIF bank statement"), REG_PRESET_QIF, "qif", NULL,
    N_("Positive amounts are sales from the payee; negative amounts are skipped.") },
  { "camt053", N_("CAMT.053 bank statement (ISO 20022)"), REG_PRESET_CAMT053, "camt053", NULL,
    N_("Booked credits are sales, one per transaction of a batch, from the debtor’s name and "
       "IBAN; debits and pending entries are skipped; a reversed credit is a refund.") },
};

const RegImportPreset *
reg_import_preset_list (gsize *n)
{
  *n = G_N_ELEMENTS (presets);
  return presets;
}

const RegImportPreset *
reg_import_preset_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (presets[i].name, name) == 0)
      return &presets[i];
  return NULL;
}

#define END { -1, NULL }

static const RegPresetVariant variants[] = {
  { "shopify", REG_VARIANT_SHOPIFY, "shopify",
    { "name", "financial status", "total", "lineitem name", NULL },
    CLV_DATE_ORDER_YMD, '.',
    { { REG_FIELD_ORDER, "name" },
      { REG_FIELD_EMAIL, "email" },
      { REG_FIELD_STATUS, "financial status" },
      { REG_FIELD_DATE, "created at|paid at" },
      { REG_FIELD_AMOUNT, "total" },
      { REG_FIELD_CURRENCY, "currency" },
      { REG_FIELD_NAME, "billing name|shipping name" },
      { REG_FIELD_NOTE, "notes" },
      { REG_FIELD_CHANNEL, "source" },
      { REG_ROLE_REFUNDED, "refunded amount" },
      { REG_ROLE_CANCELLED, "cancelled at" },
      { REG_ROLE_QTY, "lineitem quantity" },
      { REG_ROLE_PRICE, "lineitem price" },
      { REG_ROLE_ITEM, "lineitem name" },
      { REG_ROLE_SKU, "lineitem sku" },
      { REG_ROLE_LINE_DISCOUNT, "lineitem discount" },
      END } },
  { "woocommerce", REG_VARIANT_WOO_ANALYTICS, "woocommerce",
    { "date", "order #", "status", "net sales", NULL },
    CLV_DATE_ORDER_YMD, '.',
    { { REG_FIELD_DATE, "date" },
      { REG_FIELD_ORDER, "order #" },
      { REG_FIELD_STATUS, "status" },
      { REG_FIELD_NAME, "customer" },
      { REG_FIELD_AMOUNT, "net sales" },
      { REG_FIELD_NOTE, "product(s)" },
      END } },
  { "woocommerce", REG_VARIANT_WOO_PLUGIN, "woocommerce",
    { "order_id|order_number", "status", "order_total", "order_date|date", NULL },
    CLV_DATE_ORDER_MDY, '.',
    { { REG_FIELD_ORDER, "order_number|order_id" },
      { REG_FIELD_DATE, "order_date|date|paid_date" },
      { REG_FIELD_STATUS, "status" },
      { REG_FIELD_AMOUNT, "order_total" },
      { REG_ROLE_REFUNDED, "refunded_total|order_refunds|refunded" },
      { REG_FIELD_CURRENCY, "order_currency|currency" },
      { REG_FIELD_EMAIL, "billing_email|customer_email" },
      { REG_FIELD_CUSTOMER, "customer_user|customer_id" },
      { REG_ROLE_FIRST_NAME, "billing_first_name" },
      { REG_ROLE_LAST_NAME, "billing_last_name" },
      { REG_FIELD_NOTE, "customer_note" },
      END } },
  { "square", REG_VARIANT_SQUARE, "square",
    { "date", "transaction id", "event type", "net sales|gross sales", NULL },
    CLV_DATE_ORDER_YMD, '.',
    { { REG_FIELD_ORDER, "transaction id" },
      { REG_FIELD_DATE, "date" },
      { REG_FIELD_TIME, "time" },
      { REG_FIELD_AMOUNT, "net sales|gross sales" },
      { REG_ROLE_TYPE, "event type" },
      { REG_FIELD_CUSTOMER, "customer id" },
      { REG_FIELD_NAME, "customer name" },
      { REG_FIELD_REFERENCE, "customer reference id" },
      { REG_FIELD_NOTE, "notes" },
      { REG_ROLE_ITEM, "item" },
      { REG_ROLE_ITEM_KIND, "itemization type" },
      { REG_ROLE_GIFT, "gift card sales" },
      { REG_ROLE_QTY, "qty" },
      { REG_ROLE_SKU, "sku" },
      END } },
  { "stripe", REG_VARIANT_STRIPE_PAYMENTS, "stripe",
    { "amount", "currency", "status",
      "created date (utc)|created (utc)|created date|created", NULL },
    CLV_DATE_ORDER_YMD, '.',
    { { REG_FIELD_ORDER, "id" },
      { REG_ROLE_ID2, "paymentintent id" },
      { REG_FIELD_DATE, "created date (utc)|created (utc)|created date|created" },
      { REG_FIELD_AMOUNT, "amount" },
      { REG_ROLE_REFUNDED, "amount refunded" },
      { REG_ROLE_REFUND_DATE, "refunded date (utc)|refunded date" },
      { REG_FIELD_CURRENCY, "currency" },
      { REG_FIELD_STATUS, "status" },
      { REG_ROLE_CAPTURED, "captured" },
      { REG_FIELD_CUSTOMER, "customer id" },
      { REG_FIELD_EMAIL, "customer email" },
      { REG_FIELD_NAME, "card name|shipping name|customer description" },
      { REG_FIELD_NOTE, "description" },
      END } },
  { "stripe", REG_VARIANT_STRIPE_BALANCE, "stripe",
    { "balance_transaction_id", "gross", "reporting_category", NULL },
    CLV_DATE_ORDER_YMD, '.',
    { { REG_FIELD_ORDER, "balance_transaction_id" },
      { REG_FIELD_DATE, "created_utc|created" },
      { REG_FIELD_AMOUNT, "gross" },
      { REG_FIELD_CURRENCY, "currency" },
      { REG_ROLE_TYPE, "reporting_category" },
      { REG_FIELD_NOTE, "description" },
      END } },
  { "paypal", REG_VARIANT_PAYPAL, "paypal",
    { "gross|brut|brutto", "date|datum", "currency|devise|währung",
      "transaction id|n° de transaction|nº de transaction|no de transaction|transaktionscode",
      NULL },
    CLV_DATE_ORDER_MDY, '.',
    { { REG_FIELD_DATE, "date|datum" },
      { REG_FIELD_TIME, "time|heure|uhrzeit" },
      { REG_FIELD_NAME, "name|nom" },
      { REG_ROLE_TYPE, "type|description|beschreibung" },
      { REG_FIELD_STATUS, "status|état|etat|statut" },
      { REG_FIELD_CURRENCY, "currency|devise|währung" },
      { REG_FIELD_AMOUNT, "gross|brut|brutto" },
      { REG_FIELD_EMAIL, "from email address|de l'adresse email|de l’adresse email|"
                         "absender e-mail-adresse|von e-mail-adresse" },
      { REG_ROLE_TO_EMAIL, "to email address|à l'adresse email|à l’adresse email|"
                           "empfänger e-mail-adresse|an e-mail-adresse" },
      { REG_FIELD_ORDER, "transaction id|n° de transaction|nº de transaction|no de transaction|"
                         "transaktionscode" },
      { REG_ROLE_REF_TXN, "reference txn id|numéro de la transaction de référence|"
                          "zugehöriger transaktionscode" },
      { REG_ROLE_IMPACT, "balance impact|impact sur le solde|auswirkung auf guthaben" },
      { REG_FIELD_NOTE, "item title|titre de l'objet|artikelbezeichnung|note" },
      END } },
  { "etsy", REG_VARIANT_ETSY_ORDERS, "etsy",
    { "sale date", "order id", "order total|order value", NULL },
    CLV_DATE_ORDER_MDY, '.',
    { { REG_FIELD_DATE, "sale date" },
      { REG_FIELD_ORDER, "order id" },
      { REG_FIELD_CUSTOMER, "buyer|buyer user id" },
      { REG_FIELD_NAME, "full name" },
      { REG_FIELD_CURRENCY, "currency" },
      { REG_FIELD_AMOUNT, "order total|order value" },
      { REG_FIELD_STATUS, "status" },
      { REG_ROLE_ADJUSTED, "adjusted order total" },
      END } },
  { "etsy", REG_VARIANT_ETSY_ITEMS, "etsy",
    { "sale date", "item name", "item total|price", "order id", NULL },
    CLV_DATE_ORDER_MDY, '.',
    { { REG_FIELD_DATE, "sale date" },
      { REG_FIELD_ORDER, "order id" },
      { REG_FIELD_CUSTOMER, "buyer" },
      { REG_FIELD_NAME, "ship name" },
      { REG_ROLE_ITEM, "item name" },
      { REG_ROLE_QTY, "quantity" },
      { REG_ROLE_PRICE, "price" },
      { REG_ROLE_SKU, "sku" },
      { REG_FIELD_AMOUNT, "item total" },
      { REG_FIELD_CURRENCY, "currency" },
      END } },
  { "online-retail", REG_VARIANT_ONLINE_RETAIL, "online-retail",
    { "invoiceno|invoice", "stockcode", "quantity", "invoicedate", "unitprice|price", NULL },
    CLV_DATE_ORDER_DMY, '.',
    { { REG_FIELD_ORDER, "invoiceno|invoice" },
      { REG_ROLE_ITEM, "description" },
      { REG_ROLE_SKU, "stockcode" },
      { REG_ROLE_QTY, "quantity" },
      { REG_FIELD_DATE, "invoicedate" },
      { REG_ROLE_PRICE, "unitprice|price" },
      { REG_FIELD_CUSTOMER, "customerid|customer id" },
      END } },
};

static const RegPresetVariant bank_variant = {
  "bank-csv", REG_VARIANT_BANK, NULL, { NULL }, CLV_DATE_ORDER_DMY, ',',
  { { REG_FIELD_DATE, "buchungstag|buchung|buchungsdatum|transactiedatum|datum|date|boekdatum|"
                      "booking date|transaction date|posting date|fecha|data|date opération|"
                      "date operation|date de l'opération|valutadatum|wertstellungsdatum|"
                      "valuta|value date|date de valeur" },
    { REG_FIELD_AMOUNT, "betrag|bedrag|amount|montant|importe|umsatz|betrag (eur)|bedrag (eur)|"
                        "amount (eur)|montant (eur)|importo|kwota|belopp" },
    { REG_FIELD_DEBIT, "debit|débit|soll|af|withdrawal|withdrawals|paid out|money out|ausgang|"
                       "belastung|debit amount|montant débit" },
    { REG_FIELD_CREDIT, "credit|crédit|haben|bij|deposit|deposits|paid in|money in|eingang|"
                        "credit amount|montant crédit" },
    { REG_FIELD_DIRECTION, "creditdebet|af bij|af/bij|debit/credit|credit/debit|d/c|c/d|"
                           "soll/haben|s/h|cdtdbtind|credit debit indicator|debet/credit" },
    { REG_FIELD_NAME, "beguenstigter/zahlungspflichtiger|begünstigter/zahlungspflichtiger|"
                      "auftraggeber/empfänger|auftraggeber / empfänger|auftraggeber/empfaenger|"
                      "tegenrekeninghouder|naam / omschrijving|naam|name|payee|payer|"
                      "counterparty|counterparty name|zahlungspflichtiger|empfänger|"
                      "nom du bénéficiaire|bénéficiaire" },
    { REG_FIELD_IBAN, "kontonummer/iban|iban|tegenrekeningnummer|tegenrekening|counterparty iban|"
                      "counterparty account|iban auftraggeber/empfänger|gegenkonto|"
                      "iban zahlungsbeteiligter" },
    { REG_FIELD_REFERENCE, "verwendungszweck|omschrijving|mededelingen|reference|remarque|label|"
                           "libellé|description|details|detail|memo|betreff|purpose|"
                           "remittance information|communication" },
    { REG_FIELD_CURRENCY, "waehrung|währung|valutacode|currency|devise|moneda|munt|valuta code" },
    { REG_FIELD_STATUS, "info|status|state|statut" },
    { REG_FIELD_ORDER, "referentie|operation number|transaction id|transaktions-id|"
                       "transaction reference|bank reference|numéro d'opération" },
    { REG_FIELD_NOTE, "buchungstext|betaalwijze|transaction type|type betaling|mutatiesoort|"
                      "code|type" },
    END } };

static const RegPresetVariant generic_variant = {
  NULL, REG_VARIANT_GENERIC, NULL, { NULL }, CLV_DATE_ORDER_UNKNOWN, 0,
  { { REG_FIELD_CUSTOMER, "customer|customer id|customer_id|customerid|customer number|"
                          "customer no|client|client id|client_id|kunde|kundennummer|masterid|"
                          "buyer|buyer id|member|member id|user id|user_id" },
    { REG_FIELD_EMAIL, "email|e-mail|email address|e-mail address|customer email|mail" },
    { REG_FIELD_NAME, "name|customer name|full name|client name|kundenname" },
    { REG_FIELD_DATE, "date|order date|purchase date|sale date|transaction date|created|"
                      "created at|created_at|order_date|datum|day" },
    { REG_FIELD_AMOUNT, "amount|total|sales|revenue|value|order total|order_total|sum|betrag|"
                        "montant|net|gross|price|dollar_value|spend" },
    { REG_FIELD_ORDER, "order|order id|order_id|order number|order no|invoice|invoice id|"
                       "invoice_id|invoice number|transaction id|transaction_id|receipt|id" },
    { REG_FIELD_CURRENCY, "currency|ccy|währung|devise" },
    { REG_FIELD_STATUS, "status|state" },
    { REG_FIELD_NOTE, "note|notes|description|comment|memo|notiz|bemerkung|remarque" },
    { REG_FIELD_TIME, "time" },
    { REG_FIELD_CHANNEL, "channel|acquisition channel|utm_source|utm source|referrer|kanal|"
                         "canal|herkunft" },
    END } };

/**
 * reg_header_normalise:
 * @name: a header cell
 *
 * Returns: (transfer full): @name case-folded, with a leading BOM and zero-width characters
 *   removed, surrounding spaces trimmed and runs of white space collapsed to one space
 */
char *
reg_header_normalise (const char *name)
{
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (name, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xfeff || c == 0x200b || c == 0x200c || c == 0x200d)
        continue;
      if (g_unichar_isspace (c) || c == 0xa0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* First alias (in alias order) present in the header: its column. */
static int
find_alias (const char *aliases, char *const *names, guint n)
{
  for (const char *p = aliases; *p != '\0';)
    {
      const char *bar = strchr (p, '|');
      gsize len = bar != NULL ? (gsize) (bar - p) : strlen (p);
      for (guint i = 0; i < n; i++)
        if (strlen (names[i]) == len && strncmp (names[i], p, len) == 0)
          return (int) i;
      if (bar == NULL)
        break;
      p = bar + 1;
    }
  return -1;
}

int
reg_preset_find_column (const RegPresetVariant *variant, int role, char *const *names, guint n)
{
  for (guint i = 0; variant->roles[i].role >= 0; i++)
    if (variant->roles[i].role == role)
      return find_alias (variant->roles[i].aliases, names, n);
  return -1;
}

static double
signature_score (const RegPresetVariant *v, char *const *names, guint n, guint *n_roles)
{
  guint total = 0, found = 0;

  for (guint i = 0; v->signature[i] != NULL; i++)
    {
      total++;
      if (find_alias (v->signature[i], names, n) >= 0)
        found++;
    }
  *n_roles = 0;
  for (guint i = 0; v->roles[i].role >= 0; i++)
    if (find_alias (v->roles[i].aliases, names, n) >= 0)
      (*n_roles)++;
  return total > 0 ? (double) found / total : 0.0;
}

const RegPresetVariant *
reg_preset_match_header (char *const *names, guint n, double *confidence)
{
  const RegPresetVariant *best = NULL;
  double best_score = 0.0;
  guint best_roles = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      guint roles;
      double score = signature_score (&variants[i], names, n, &roles);
      if (score > best_score || (score == best_score && score > 0 && roles > best_roles))
        {
          best = &variants[i];
          best_score = score;
          best_roles = roles;
        }
    }
  if (best == NULL || best_score < 1.0)
    {
      *confidence = 0.0;
      return NULL;
    }
  {
    guint n_known = 0;
    for (guint i = 0; best->roles[i].role >= 0; i++)
      n_known++;
    /* every signature column found; the more of the preset's other columns, the surer */
    *confidence = 0.8 + 0.2 * (double) best_roles / MAX (n_known, 1);
  }
  return best;
}

const RegPresetVariant *
reg_preset_variant_for (const char *preset, char *const *names, guint n)
{
  const RegPresetVariant *best = NULL;
  double best_score = -1.0;
  guint best_roles = 0;

  if (preset == NULL)
    return NULL;
  if (g_ascii_strcasecmp (preset, "bank-csv") == 0)
    return &bank_variant;
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      guint roles;
      double score;

      if (g_ascii_strcasecmp (variants[i].preset, preset) != 0)
        continue;
      score = signature_score (&variants[i], names, n, &roles);
      if (score > best_score || (score == best_score && roles > best_roles))
        {
          best = &variants[i];
          best_score = score;
          best_roles = roles;
        }
    }
  return best;
}

const RegPresetVariant *
reg_preset_bank_variant (void)
{
  return &bank_variant;
}

const RegPresetVariant *
reg_preset_generic_variant (void)
{
  return &generic_variant;
}

/* Columns only bank statements have. */
static const char *const bank_only[] = {
  "iban", "kontonummer/iban", "saldo", "balance", "kontostand", "verwendungszweck", "buchungstext",
  "auftragskonto", "tegenrekening", "tegenrekeningnummer", "tegenrekeninghouder", "creditdebet",
  "af bij", "valutadatum", "wertstellungsdatum", "valuta", "value date", "rekeningnummer",
  "beguenstigter/zahlungspflichtiger", "auftraggeber/empfänger", "bic (swift-code)", "bic",
  "mandatsreferenz", "glaeubiger id", "operation number", "remarque", "omschrijving", "libellé",
};

static const char *const customer_like[] = {
  "customer", "customer id", "customer_id", "customerid", "email", "e-mail", "email address",
  "client", "client id", "masterid", "order", "order id", "order_id", "invoice", "buyer",
  "kunde", "kundennummer", "klant", "cliente", "customer name",
};

const RegPresetVariant *
reg_preset_match_table (char *const *names, guint n, double *confidence)
{
  gboolean date = reg_preset_find_column (&bank_variant, REG_FIELD_DATE, names, n) >= 0;
  gboolean amount = reg_preset_find_column (&bank_variant, REG_FIELD_AMOUNT, names, n) >= 0;
  gboolean debit_credit =
    reg_preset_find_column (&bank_variant, REG_FIELD_DEBIT, names, n) >= 0
    && reg_preset_find_column (&bank_variant, REG_FIELD_CREDIT, names, n) >= 0;
  guint bank_cols = 0, customer_cols = 0;

  for (guint i = 0; i < n; i++)
    {
      for (gsize k = 0; k < G_N_ELEMENTS (bank_only); k++)
        if (g_str_equal (names[i], bank_only[k]))
          bank_cols++;
      for (gsize k = 0; k < G_N_ELEMENTS (customer_like); k++)
        if (g_str_equal (names[i], customer_like[k]))
          customer_cols++;
    }
  if (reg_preset_find_column (&bank_variant, REG_FIELD_DIRECTION, names, n) >= 0)
    bank_cols++;
  if (debit_credit)
    bank_cols++;

  if (date && (amount || debit_credit) && (bank_cols > 0 || customer_cols == 0))
    {
      *confidence = MIN (1.0, 0.6 + 0.1 * bank_cols);
      return &bank_variant;
    }
  if (reg_preset_find_column (&generic_variant, REG_FIELD_DATE, names, n) >= 0
      && reg_preset_find_column (&generic_variant, REG_FIELD_AMOUNT, names, n) >= 0)
    {
      *confidence = customer_cols > 0 ? 0.7 : 0.4;
      return &generic_variant;
    }
  *confidence = 0.0;
  return NULL;
}

static const char *const total_words[] = {
  "total", "totals", "subtotal", "sum", "summe", "gesamt", "saldo", "balance", "kontostand",
  "solde", "totaal", "eindsaldo", "beginsaldo", "opening balance", "closing balance", "somme",
  "anfangssaldo", "endsaldo", "summary",
};

gboolean
reg_text_is_total_label (const char *text)
{
  g_autofree char *norm = reg_header_normalise (text);

  for (gsize i = 0; i < G_N_ELEMENTS (total_words); i++)
    {
      const char *hit = strstr (norm, total_words[i]);
      gsize len = strlen (total_words[i]);
      /* a whole word: "Balance at start of period", "Total:", not "Totalenergies" */
      if (hit != NULL && (hit == norm || !g_ascii_isalpha (hit[-1]))
          && !g_ascii_isalpha (hit[len]))
        return TRUE;
    }
  return FALSE;
}

RegImportMapping *
reg_import_preset_get_mapping (const RegImportPreset *preset)
{
  RegImportMapping *mapping = reg_import_mapping_new ();
  const RegPresetVariant *v = NULL;

  if (preset == NULL)
    return mapping;
  if (preset->kind == REG_PRESET_BANK_CSV)
    v = &bank_variant;
  for (gsize i = 0; v == NULL && i < G_N_ELEMENTS (variants); i++)
    if (g_str_equal (variants[i].preset, preset->name))
      v = &variants[i];
  if (v == NULL)
    return mapping;
  reg_import_mapping_set_name (mapping, preset->name);
  for (guint i = 0; v->roles[i].role >= 0; i++)
    if (v->roles[i].role < REG_N_FIELDS
        && reg_import_mapping_get (mapping, (RegField) v->roles[i].role) == NULL)
      {
        const char *bar = strchr (v->roles[i].aliases, '|');
        g_autofree char *first = bar != NULL ? g_strndup (v->roles[i].aliases,
                                                          (gsize) (bar - v->roles[i].aliases))
                                             : g_strdup (v->roles[i].aliases);
        reg_import_mapping_set (mapping, (RegField) v->roles[i].role, first);
      }
  return mapping;
}
