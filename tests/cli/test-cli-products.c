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
  return g_test_run ();
}
