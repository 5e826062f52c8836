/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli run as a subprocess, as scripts use it: outputs, JSON, exit codes (0 ok,
 * 1 bad input, 2 bad usage) and error messages that name the field and the value.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static void
test_init_and_settings (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;

  cli (f, &r, "init", "--currency", "EUR", "--locale", "de_DE", "--name", "Café Zoë", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (f->shop, G_FILE_TEST_EXISTS));
  cli (f, &r, "settings", "get", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "shop-name"), ==, "Café Zoë");
  cli (f, &r, "settings", "set", "margin", "40%", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "margin = 0.4\n");
  cli (f, &r, "settings", "set", "margin", "lots", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: Setting “margin”: “lots” is not a number or a percentage\n");
  cli (f, &r, "settings", "set", "margin", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

static void
test_customers_and_sales (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *sales;

  cli (f, &r, "init", "--currency", "EUR", "--locale", "de_DE", NULL);
  cli (f, &r, "customer", "add", "--name", "Zoë Müller", "--email", "zoe@example.com", "--consent", "yes", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "1\n");
  cli (f, &r, "customer", "add", "--name", "王芳", NULL);
  g_assert_cmpstr (r.out, ==, "2\n");

  cli (f, &r, "sale", "add", "--customer", "zoe@example.com", "--amount", "1.234,56", "--date", "05.03.2024", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "12,50", "--date", "2024-04-01", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "add", "--customer", "Zoë Müller", "--amount", "-3,00", "--date", "2024-04-02", "--note", "returned", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "5", "--refund", "--date", "2024-04-03", NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* bad input: exit 1, message names field and value; nothing saved */
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "zwölf", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Amount “zwölf”"));
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "1,234.5.6", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli (f, &r, "sale", "add", "--customer", "77", "--amount", "3", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Customer “77”"));
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "3", "--date", "31.02.2024", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Date “31.02.2024”"));
  cli (f, &r, "sale", "add", "--amount", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "3", "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);

  cli (f, &r, "sale", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  sales = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (sales), ==, 4);
  o = json_array_get_object_element (sales, 0);   /* newest first */
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2024-04-03");
  g_assert_cmpint (json_object_get_int_member (o, "amount_minor"), ==, -500);
  g_assert_true (json_object_get_boolean_member (o, "refund"));
  o = json_array_get_object_element (sales, 3);
  g_assert_cmpint (json_object_get_int_member (o, "amount_minor"), ==, 123456);
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "1234.56");
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "customer", "show", "1", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Zoë Müller");
  g_assert_cmpint (json_object_get_int_member (o, "purchases"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "total_spend_minor"), ==, 123456 + 1250 - 300 - 500);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sales")), ==, 4);
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "customer", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "王芳"));
  g_assert_nonnull (strstr (r.out, "1.239,06"));

  cli (f, &r, "customer", "show", "abc", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Customer “abc”"));
  cli (f, &r, "customer", "show", "99", NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_clear (&r);
}

static void
test_edit_merge_delete (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;

  cli (f, &r, "init", NULL);
  cli (f, &r, "customer", "add", "--name", "Ann", NULL);
  cli (f, &r, "customer", "add", "--name", "Ann B.", "--email", "ann@example.com", NULL);
  cli (f, &r, "sale", "add", "--customer", "1", "--amount", "10", "--date", "2024-01-01", NULL);
  cli (f, &r, "sale", "add", "--customer", "2", "--amount", "20", "--date", "2024-02-01", NULL);
  cli (f, &r, "customer", "edit", "1", "--phone", "+49 30 1234567", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "customer", "edit", "1", "--email", "broken", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Email “broken”"));
  cli (f, &r, "customer", "merge", "1", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "customer", "show", "1", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total_spend_minor"), ==, 3000);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "email"), ==, "ann@example.com");
  cli (f, &r, "customer", "list", "--json", NULL);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  cli (f, &r, "customer", "merge", "1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli (f, &r, "customer", "delete", "1", NULL);
  g_assert_cmpint (r.status, ==, 2);   /* needs --yes */
  cli (f, &r, "customer", "delete", "1", "--yes", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "list", "--json", NULL);
  g_assert_cmpstr (g_strstrip (r.out), ==, "[]");
  run_clear (&r);
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  const char *commands[][3] = {
    { "init", "--help", NULL }, { "customer", "--help", NULL }, { "customer", "add", "--help" },
    { "customer", "list", "--help" }, { "customer", "show", "--help" },
    { "customer", "edit", "--help" }, { "customer", "merge", "--help" },
    { "sale", "--help", NULL }, { "sale", "add", "--help" }, { "sale", "list", "--help" },
    { "sale", "delete", "--help" }, { "settings", "--help", NULL }, { "demo", "--help", NULL },
  };

  cli (f, &r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Usage: regulars-cli"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      cli (f, &r, commands[i][0], commands[i][1], commands[i][2], NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpuint (strlen (r.out), >, 20);
    }
  cli (f, &r, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "frobnicate"));
  cli (f, &r, NULL);
  g_assert_cmpint (r.status, ==, 2);
  /* a shop that does not exist is bad input, with a hint */
  cli (f, &r, "customer", "list", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "does not exist"));
  run_clear (&r);
}

static void
test_not_a_shop (Fixture *f, gconstpointer data)
{
  Run r = { 0 };

  g_assert_true (g_file_set_contents (f->shop, "just text\n", -1, NULL));
  cli (f, &r, "customer", "list", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "is not a Regulars shop file"));
  run_clear (&r);
}

static void
test_demo (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;

  cli (f, &r, "demo", "--customers", "200", "--seed", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Wrote 200 customers"));
  cli (f, &r, "customer", "list", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 200);
  cli (f, &r, "demo", "--customers", "200", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already has customers"));
  cli (f, &r, "demo", "--customers", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/init-and-settings", test_init_and_settings);
  ADD ("/cli/customers-and-sales", test_customers_and_sales);
  ADD ("/cli/edit-merge-delete", test_edit_merge_delete);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/not-a-shop", test_not_a_shop);
  ADD ("/cli/demo", test_demo);
#undef ADD
  return g_test_run ();
}
