/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money in the shop's currency only: regulars-cli refuses a file, a row or a typed amount that
 * states another currency (a header such as "Betrag (EUR)", a currency column, OFX CURDEF, CAMT
 * Ccy, MT940, a symbol or code in the amount) with a message naming the file, the line, the
 * value and both currencies, and leaves the shop as it was; the real exports of
 * ../shared/data/real-exports keep importing into a shop of their own currency.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static void
init_shop (Fixture *f, const char *currency)
{
  Run r = { 0 };

  cli (f, &r, "init", "--currency", currency, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

static void
assert_mentions (const char *text, const char *const *pieces)
{
  for (gsize i = 0; pieces[i] != NULL; i++)
    {
      if (strstr (text, pieces[i]) == NULL)
        g_error ("“%s” is not in: %s", pieces[i], text);
    }
}

static gint64
count_sales (Fixture *f)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  gint64 n;

  cli (f, &r, "sale", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  n = json_array_get_length (json_node_get_array (node));
  run_clear (&r);
  return n;
}

/* The German bank CSV whose amount column is "Betrag (EUR)", imported into a new USD shop, went
 * in as dollars; now the whole file is refused before anything is written. */
static void
test_header_currency (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *path = g_build_filename (f->dir, "umsaetze.csv", NULL);
  g_autoptr(JsonNode) node = NULL;
  const char *pieces[] = { "umsaetze.csv", "line 1", "Betrag (EUR)", "EUR", "USD", NULL };

  g_assert_true (g_file_set_contents (path,
                                      "Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;"
                                      "Betrag (EUR)\n"
                                      "01.02.2024;Anna Schmidt;Rechnung 1;62.850,65\n"
                                      "05.02.2024;Bob Lee;Kaffee;4,50\n", -1, NULL));
  init_shop (f, "USD");
  cli (f, &r, "import", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_mentions (r.err, pieces);
  g_assert_cmpint (count_sales (f), ==, 0);
  cli (f, &r, "import", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);

  /* the same file in a EUR shop */
  g_free (f->shop);
  f->shop = g_build_filename (f->dir, "eur.regulars", NULL);
  init_shop (f, "EUR");
  cli (f, &r, "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (count_sales (f), ==, 2);
  run_clear (&r);
}

/* In a EUR shop "$12" and "¥12" are not twelve euros, typed or imported. */
static void
test_amount_symbols (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *path = g_build_filename (f->dir, "orders.csv", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *errors;
  const char *refused[] = { "$12", "¥12", "12 USD", "£12.00", NULL };
  const char *row_pieces[] = { "orders.csv", "line 3", "Total", "$12.00", "EUR", NULL };

  init_shop (f, "EUR");
  cli (f, &r, "customer", "add", "--name", "Zoë Müller", "--email", "zoe@example.com", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (gsize i = 0; refused[i] != NULL; i++)
    {
      const char *pieces[] = { refused[i], "EUR", NULL };

      cli (f, &r, "sale", "add", "--customer", "zoe@example.com", "--amount", refused[i], NULL);
      g_assert_cmpint (r.status, ==, 1);
      assert_mentions (r.err, pieces);
    }
  g_assert_cmpint (count_sales (f), ==, 0);
  cli (f, &r, "sale", "add", "--customer", "zoe@example.com", "--amount", "12 EUR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "add", "--customer", "zoe@example.com", "--amount", "€12", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (count_sales (f), ==, 2);

  g_assert_true (g_file_set_contents (path,
                                      "Order,Email,Date,Total\n"
                                      "A1,ann@example.com,2024-01-05,12.00 €\n"
                                      "A2,bob@example.com,2024-01-06,$12.00\n"
                                      "A3,cy@example.com,2024-01-07,¥12\n", -1, NULL));
  cli (f, &r, "import", path, "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "imported"), ==, 1);
  errors = json_object_get_array_member (json_node_get_object (node), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 2);
  assert_mentions (json_object_get_string_member (json_array_get_object_element (errors, 0),
                                                  "reason"), row_pieces);
  run_clear (&r);
}

typedef struct
{
  const char *file;       /* under real-exports/ */
  const char *currency;   /* what the file states */
} RealExport;

/* Every real export that states its currency: a header, a column, CURDEF, Ccy, :60F:, a symbol. */
static const RealExport real_exports[] = {
  { "bank-csv/simple2.csv", "EUR" },
  { "bank-csv/Knab_transactieoverzicht_ok.csv", "EUR" },
  { "bank-csv/easybank-giro.csv", "EUR" },
  { "bank-csv/test_with_saldo_1.csv", "EUR" },
  { "camt053/test-camt053", "EUR" },
  { "camt053/davider80.xml", "CHF" },
  { "mt940/sepa_snippet.sta", "EUR" },
  { "mt940/rabobank-iban.sta", "EUR" },
  { "ofx/bank_medium.ofx", "CAD" },
  { "ofx/suncorp.ofx", "AUD" },
  { "ofx/br_nubank_cc.ofx", "BRL" },
  { "ofx/stmtrs_euro.ofx", "USD" },
  { "shopify/orders_export.csv", "EUR" },
  { "square/item_sales_may.csv", "USD" },
  { "stripe/stripe.csv", "USD" },
  { "paypal/paypal-custom.csv", "USD" },
};

/* In a shop of its own currency each imports without a rejected row; in a shop of another,
 * nothing of it is imported, and what is refused names both currencies. */
static void
test_real_exports (Fixture *f, gconstpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (real_exports); i++)
    {
      const RealExport *e = &real_exports[i];
      const char *other = g_str_equal (e->currency, "EUR") ? "USD" : "EUR";
      g_autofree char *path = reg_test_shared_data_path ("real-exports", e->file, NULL);
      g_autofree char *own = g_strdup_printf ("%s-%zu.regulars", e->currency, i);
      g_autofree char *foreign = g_strdup_printf ("%s-%zu.regulars", other, i);
      g_autoptr(JsonNode) node = NULL;
      Run r = { 0 };
      JsonObject *o;

      g_test_message ("%s (%s)", e->file, e->currency);
      g_free (f->shop);
      f->shop = g_build_filename (f->dir, own, NULL);
      init_shop (f, e->currency);
      cli (f, &r, "import", path, "--json", NULL);
      g_assert_cmpint (r.status, ==, 0);
      node = parse_json (r.out);
      o = json_node_get_object (node);
      g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (o, "imported")
                       + json_object_get_int_member (o, "skipped"), >, 0);
      g_clear_pointer (&node, json_node_unref);

      g_free (f->shop);
      f->shop = g_build_filename (f->dir, foreign, NULL);
      init_shop (f, other);
      cli (f, &r, "import", path, "--json", NULL);
      g_assert_cmpint (count_sales (f), ==, 0);
      if (r.status == 1 && (r.out == NULL || *r.out == '\0' || *r.out != '{'))
        {
          /* refused as a whole */
          const char *pieces[] = { e->currency, other, "nothing was imported", NULL };
          assert_mentions (r.err, pieces);
        }
      else
        {
          JsonArray *errors;

          node = parse_json (r.out);
          o = json_node_get_object (node);
          g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 0);
          errors = json_object_get_array_member (o, "errors");
          for (guint k = 0; k < json_array_get_length (errors); k++)
            {
              const char *pieces[] = { other, NULL };
              assert_mentions (json_object_get_string_member (
                                 json_array_get_object_element (errors, k), "reason"), pieces);
            }
        }
      run_clear (&r);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/currency/header", test_header_currency);
  ADD ("/cli/currency/amount-symbols", test_amount_symbols);
  ADD ("/cli/currency/real-exports", test_real_exports);
#undef ADD
  return g_test_run ();
}
