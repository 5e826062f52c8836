/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli products and products pairs on the Online Retail sample: exactly the keys the
 * JSON promises, each product's quantity and revenue as the file's lines add up, pairs sorted
 * by the orders holding both, --limit kept and checked.
 */
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static void
import_sample (Fixture *f)
{
  Run r = { 0 };
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);

  cli (f, &r, "init", "--currency", "GBP", "--locale", "en_GB", "--name", "Gifts", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  cli (f, &r, "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

static void
assert_members (JsonObject *o, const char *const *names)
{
  guint n = 0;

  for (; names[n] != NULL; n++)
    g_assert_true (json_object_has_member (o, names[n]));
  g_assert_cmpuint (json_object_get_size (o), ==, n);
}

/* Quantity and revenue (minor units) of @code, added up from the file's lines. */
static void
file_totals (const char *code, gint64 *quantity, gint64 *revenue)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  *quantity = *revenue = 0;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      double cents;

      if (g_strv_length (fields) < 7 || strcmp (fields[1], code) != 0)
        continue;
      *quantity += g_ascii_strtoll (fields[3], NULL, 10);
      cents = g_ascii_strtoll (fields[3], NULL, 10) * g_ascii_strtod (fields[5], NULL) * 100;
      *revenue += (gint64) (cents >= 0 ? cents + 0.5 : cents - 0.5);
    }
}

static void
test_products_json (Fixture *f, gconstpointer data)
{
  static const char *const keys[] = { "code", "name", "revenue_minor", "quantity", "customers",
                                      "orders", NULL };
  Run r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *arr;
  gboolean seen = FALSE;

  import_sample (f);
  cli (f, &r, "products", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), >, 100);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);

      assert_members (o, keys);
      if (i > 0)
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (arr, i - 1),
                                                     "revenue_minor"), >=,
                         json_object_get_int_member (o, "revenue_minor"));
      if (strcmp (json_object_get_string_member (o, "code"), "85123A") == 0)
        {
          gint64 quantity, revenue;

          file_totals ("85123A", &quantity, &revenue);
          g_assert_cmpstr (json_object_get_string_member (o, "name"), ==,
                           "WHITE HANGING HEART T-LIGHT HOLDER");
          g_assert_cmpint (json_object_get_int_member (o, "quantity"), ==, quantity);
          g_assert_cmpint (json_object_get_int_member (o, "revenue_minor"), ==, revenue);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
  run_clear (&r);
}

static void
test_pairs_json (Fixture *f, gconstpointer data)
{
  static const char *const keys[] = { "a", "b", "orders", "support", "confidence_ab",
                                      "confidence_ba", "lift", NULL };
  static const char *const product_keys[] = { "code", "name", NULL };
  Run r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) limited = NULL;
  JsonArray *arr;

  import_sample (f);
  cli (f, &r, "products", "pairs", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  run_clear (&r);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), >, 2);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      double support = json_object_get_double_member (o, "support");

      assert_members (o, keys);
      assert_members (json_object_get_object_member (o, "a"), product_keys);
      assert_members (json_object_get_object_member (o, "b"), product_keys);
      g_assert_cmpint (json_object_get_int_member (o, "orders"), >=, 2);
      g_assert_true (support > 0 && support <= 1);
      if (i > 0)
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (arr, i - 1),
                                                     "orders"), >=,
                         json_object_get_int_member (o, "orders"));
    }

  cli (f, &r, "products", "pairs", "--json", "--limit", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  limited = parse_json (r.out);
  run_clear (&r);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (limited)), ==, 2);
  g_assert_true (json_node_equal (json_array_get_element (json_node_get_array (limited), 0),
                                  json_array_get_element (arr, 0)));

  cli (f, &r, "products", "pairs", "--limit", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--limit"));
  run_clear (&r);
}

/* customer show --json says what to offer next, null where no association is strong enough
 * (the sample's customers share no product pair three times) */
static void
test_show_next_offer (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) root = NULL;

  import_sample (f);
  cli (f, &r, "customer", "show", "1", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  g_assert_true (json_object_has_member (json_node_get_object (root), "next_offer"));
  g_assert_true (json_object_get_null_member (json_node_get_object (root), "next_offer"));
  run_clear (&r);
}

/* products --segment: the same keys, the figures of the segment's customers alone */
static void
test_products_segment (Fixture *f, gconstpointer data)
{
  static const char *const keys[] = { "code", "name", "revenue_minor", "quantity", "customers",
                                      "orders", NULL };
  Run r = { 0 };
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) some = NULL;
  g_autoptr(GHashTable) overall = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *arr;
  gint64 buyers = 0;

  import_sample (f);
  cli (f, &r, "products", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  all = parse_json (r.out);
  run_clear (&r);
  arr = json_node_get_array (all);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      g_hash_table_insert (overall, (gpointer) json_object_get_string_member (o, "code"), o);
      if (g_str_equal (json_object_get_string_member (o, "code"), "85123A"))
        buyers = json_object_get_int_member (o, "customers");
    }
  g_assert_cmpint (buyers, >, 0);

  cli (f, &r, "products", "--segment", "bought:85123A", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  some = parse_json (r.out);
  run_clear (&r);
  arr = json_node_get_array (some);
  g_assert_cmpuint (json_array_get_length (arr), >, 0);
  g_assert_cmpuint (json_array_get_length (arr), <, g_hash_table_size (overall));
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      JsonObject *whole = g_hash_table_lookup (overall, json_object_get_string_member (o, "code"));

      assert_members (o, keys);
      g_assert_nonnull (whole);
      g_assert_cmpint (json_object_get_int_member (o, "customers"), <=, buyers);
      g_assert_cmpint (json_object_get_int_member (o, "customers"), <=,
                       json_object_get_int_member (whole, "customers"));
      /* every buyer of the segment's own product is in the segment */
      if (g_str_equal (json_object_get_string_member (o, "code"), "85123A"))
        g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, buyers);
    }

  cli (f, &r, "products", "--segment", "no-such-segment", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "--segment"));
  g_assert_nonnull (strstr (r.err, "no-such-segment"));
  run_clear (&r);
}

/* products pairs --by customer: the same keys, `orders` counting the customers who bought
 * both, so that each confidence is that count over the product's buyers in `products` */
static void
test_pairs_by_customer (Fixture *f, gconstpointer data)
{
  static const char *const keys[] = { "a", "b", "orders", "support", "confidence_ab",
                                      "confidence_ba", "lift", NULL };
  Run r = { 0 };
  g_autoptr(JsonNode) products = NULL;
  g_autoptr(JsonNode) by_customer = NULL;
  g_autoptr(GHashTable) buyers = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *arr;

  import_sample (f);
  cli (f, &r, "products", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  products = parse_json (r.out);
  run_clear (&r);
  arr = json_node_get_array (products);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      g_hash_table_insert (buyers, (gpointer) json_object_get_string_member (o, "code"),
                           GINT_TO_POINTER ((int) json_object_get_int_member (o, "customers")));
    }
  cli (f, &r, "products", "pairs", "--by", "customer", "--json", "--limit", "100000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  by_customer = parse_json (r.out);
  run_clear (&r);
  arr = json_node_get_array (by_customer);
  g_assert_cmpuint (json_array_get_length (arr), >, 0);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *c = json_array_get_object_element (arr, i);
      const char *a = json_object_get_string_member (json_object_get_object_member (c, "a"), "code");
      const char *b = json_object_get_string_member (json_object_get_object_member (c, "b"), "code");
      double both = json_object_get_int_member (c, "orders");

      assert_members (c, keys);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "confidence_ab"),
                                      both / GPOINTER_TO_INT (g_hash_table_lookup (buyers, a)),
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "confidence_ba"),
                                      both / GPOINTER_TO_INT (g_hash_table_lookup (buyers, b)),
                                      1e-9);
    }

  cli (f, &r, "products", "pairs", "--by", "basket", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--by"));
  g_assert_nonnull (strstr (r.err, "basket"));
  run_clear (&r);
}

static char *
read_shop (Fixture *f, gsize *len)
{
  char *bytes = NULL;

  g_assert_true (g_file_get_contents (f->shop, &bytes, len, NULL));
  return bytes;
}

/* sale add --product: lines in the sale's transaction, a new code made a product named by it,
 * and the cross-sell segment "bought:X,not-bought:Y" in a campaign with a control group and in
 * a printed list */
static void
test_sale_products_cross_sell (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) products = NULL;
  g_autoptr(JsonNode) campaign = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "cross-sell.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "cross-sell.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  JsonObject *o;
  const guint n = 20;
  guint tea = 0;
  static const char *const bad[] = { "MUG:x", "MUG:0", "MUG:1:zz", ":2", NULL };

  cli (f, &r, "init", "--currency", "USD", "--locale", "en_US", "--name", "Cups", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Buyer %u", i);
      g_autofree char *email = g_strdup_printf ("buyer%u@example.com", i);
      g_autofree char *date = g_strdup_printf ("2026-01-%02u", i + 1);

      cli (f, &r, "customer", "add", "--name", name, "--email", email, "--consent", "yes", NULL);
      g_assert_cmpint (r.status, ==, 0);
      run_clear (&r);
      /* a mug for everyone; tea for every fourth, a card for the rest, its amount the rest */
      cli (f, &r, "sale", "add", "--customer", email, "--date", date, "--amount", "20.00",
           "--product", "MUG:1:10.00", "--product", i % 4 == 0 ? "TEA:2" : "CARD", NULL);
      g_assert_cmpint (r.status, ==, 0);
      run_clear (&r);
      tea += i % 4 == 0;
    }

  cli (f, &r, "products", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  products = parse_json (r.out);
  run_clear (&r);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (products)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *code;

      o = json_array_get_object_element (json_node_get_array (products), i);
      code = json_object_get_string_member (o, "code");
      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, code);
      if (g_str_equal (code, "MUG"))
        {
          g_assert_cmpint (json_object_get_int_member (o, "quantity"), ==, n);
          g_assert_cmpint (json_object_get_int_member (o, "revenue_minor"), ==, n * 1000);
        }
      else if (g_str_equal (code, "TEA"))
        {
          g_assert_cmpint (json_object_get_int_member (o, "quantity"), ==, 2 * tea);
          g_assert_cmpint (json_object_get_int_member (o, "revenue_minor"), ==, tea * 1000);
        }
      else
        {
          /* a line without an amount takes what the others leave of the sale's */
          g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, n - tea);
          g_assert_cmpint (json_object_get_int_member (o, "revenue_minor"), ==,
                           (n - tea) * 1000);
        }
    }

  /* a refund's amount shared by two lines: they add up to it, a minor unit apart at most */
  cli (f, &r, "sale", "add", "--customer", "buyer2@example.com", "--amount", "-0.25",
       "--product", "R1", "--product", "R2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  {
    g_autoptr(JsonNode) with_refund = NULL;
    gint64 r1 = G_MININT64, r2 = G_MININT64;

    cli (f, &r, "products", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    with_refund = parse_json (r.out);
    run_clear (&r);
    for (guint i = 0; i < json_array_get_length (json_node_get_array (with_refund)); i++)
      {
        JsonObject *p = json_array_get_object_element (json_node_get_array (with_refund), i);
        const char *code = json_object_get_string_member (p, "code");

        if (g_str_equal (code, "R1"))
          r1 = json_object_get_int_member (p, "revenue_minor");
        else if (g_str_equal (code, "R2"))
          r2 = json_object_get_int_member (p, "revenue_minor");
      }
    g_assert_cmpint (r1 + r2, ==, -25);
    g_assert_cmpint (ABS (r1 - r2), <=, 1);
  }

  /* bad input names the option and the value, and changes nothing */
  before = read_shop (f, &before_len);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      cli (f, &r, "sale", "add", "--customer", "buyer1@example.com", "--amount", "5",
           "--product", "MUG:1:5", "--product", bad[i], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "--product"));
      g_assert_nonnull (strstr (r.err, bad[i]));
      run_clear (&r);
    }
  after = read_shop (f, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);

  cli (f, &r, "export", "campaign", "--segment", "bought:MUG,not-bought:TEA", "--control", "10",
       "--json", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  campaign = parse_json (r.out);
  run_clear (&r);
  o = json_node_get_object (campaign);
  g_assert_cmpint (json_object_get_int_member (o, "treatment")
                   + json_object_get_int_member (o, "control"), ==, n - tea);
  g_assert_cmpint (json_object_get_int_member (o, "control"), >, 0);

  cli (f, &r, "print", "loyalty", "--segment", "bought:MUG,not-bought:TEA", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  run_clear (&r);
}

/* sale add --create: the new customer is written with the sale or not at all, so a sale the
 * shop refuses (a product code it cannot keep, an amount of zero) leaves it byte for byte as
 * it was; an accepted one brings the customer, the sale and its lines */
static void
test_sale_create_refused (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *long_code = g_strnfill (501, 'X');
  g_autofree char *bad_product = g_strdup_printf ("%s:1:5", long_code);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) customers = NULL;
  g_autoptr(JsonNode) sales = NULL;
  gsize before_len, after_len;
  const char *const refused[][4] = {
    { "--amount", "5", "--product", bad_product },
    { "--amount", "0", "--product", "MUG" },
  };

  cli (f, &r, "init", "--currency", "USD", "--locale", "en_US", "--name", "Cups", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  before = read_shop (f, &before_len);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      cli (f, &r, "sale", "add", "--create", "--customer", "Nora New", refused[i][0],
           refused[i][1], refused[i][2], refused[i][3], NULL);
      g_assert_cmpint (r.status, !=, 0);
      g_assert_cmpstr (r.err, !=, "");
      run_clear (&r);
    }
  after = read_shop (f, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  cli (f, &r, "customer", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  customers = parse_json (r.out);
  run_clear (&r);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (customers)), ==, 0);

  /* the same sale with a product the shop can keep, every line with its amount: customer,
   * sale and lines together */
  cli (f, &r, "sale", "add", "--create", "--customer", "Nora New", "--amount", "5",
       "--product", "MUG:2:5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_clear_pointer (&customers, json_node_unref);
  cli (f, &r, "customer", "list", "--json", NULL);
  customers = parse_json (r.out);
  run_clear (&r);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (customers)), ==, 1);
  cli (f, &r, "sale", "list", "--json", NULL);
  sales = parse_json (r.out);
  run_clear (&r);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sales)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (sales), 0),
                                               "amount_minor"), ==, 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/products/json", Fixture, NULL, fixture_setup, test_products_json,
              fixture_teardown);
  g_test_add ("/cli/products/pairs-json", Fixture, NULL, fixture_setup, test_pairs_json,
              fixture_teardown);
  g_test_add ("/cli/products/show-next-offer", Fixture, NULL, fixture_setup,
              test_show_next_offer, fixture_teardown);
  g_test_add ("/cli/products/segment", Fixture, NULL, fixture_setup, test_products_segment,
              fixture_teardown);
  g_test_add ("/cli/products/pairs-by-customer", Fixture, NULL, fixture_setup,
              test_pairs_by_customer, fixture_teardown);
  g_test_add ("/cli/products/sale-products-cross-sell", Fixture, NULL, fixture_setup,
              test_sale_products_cross_sell, fixture_teardown);
  g_test_add ("/cli/products/sale-create-refused", Fixture, NULL, fixture_setup,
              test_sale_create_refused, fixture_teardown);
  return g_test_run ();
}
