/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli at its limits: every numeric option refuses what is not a number in its range
 * (exit status 2, the option and the value named) instead of putting another value in its place;
 * import numbers are never given out twice, so an undo typed again cannot remove a later import;
 * and customer list --json, written customer by customer, is exactly the JSON it always was.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

typedef struct
{
  const char *args[6];     /* NULL-terminated */
  const char *option;
  const char *value;
} BadOption;

static void
test_bad_numbers (Fixture *f, gconstpointer data)
{
  const BadOption bad[] = {
    { { "analyze", "--discount-monthly", "-0.5" }, "--discount-monthly", "-0.5" },
    { { "analyze", "--discount-monthly", "-1" }, "--discount-monthly", "-1" },
    { { "analyze", "--discount-monthly", "nan" }, "--discount-monthly", "nan" },
    { { "analyze", "--discount-monthly", "inf" }, "--discount-monthly", "inf" },
    { { "analyze", "--discount-monthly", "0x1p-4" }, "--discount-monthly", "0x1p-4" },
    { { "analyze", "--discount-monthly", "0.01x" }, "--discount-monthly", "0.01x" },
    { { "analyze", "--discount-monthly", "0.9" }, "--discount-monthly", "0.9" },
    { { "analyze", "--discount-monthly", "" }, "--discount-monthly", "" },
    { { "analyze", "--horizon-months", "0" }, "--horizon-months", "0" },
    { { "analyze", "--horizon-months", "-3" }, "--horizon-months", "-3" },
    { { "analyze", "--horizon-months", "1.5" }, "--horizon-months", "1.5" },
    { { "analyze", "--horizon-months", "121" }, "--horizon-months", "121" },
    { { "analyze", "--horizon-months", "12 months" }, "--horizon-months", "12 months" },
    { { "sale", "list", "--limit", "-1" }, "--limit", "-1" },
    { { "sale", "list", "--limit", "2.5" }, "--limit", "2.5" },
    { { "demo", "--customers", "0" }, "--customers", "0" },
    { { "demo", "--customers", "1e9" }, "--customers", "1e9" },
    { { "demo", "--seed", "-1" }, "--seed", "-1" },
    { { "export", "campaign", "--control", "-5" }, "--control", "-5" },
    { { "export", "campaign", "--control", "100" }, "--control", "100" },
    { { "export", "campaign", "--control", "nan" }, "--control", "nan" },
    { { "export", "campaign", "--seed", "4294967296" }, "--seed", "4294967296" },
  };
  Run r = { 0 };
  g_autofree char *csv = g_build_filename (f->dir, "list.csv", NULL);

  cli (f, &r, "init", "--currency", "EUR", "--name", "Limits", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *named = g_strdup_printf ("%s “%s”", bad[i].option, bad[i].value);
      const char *args[7] = { 0 };

      memcpy (args, bad[i].args, sizeof bad[i].args);
      /* export campaign needs its segment and file to get as far as the numbers */
      if (g_str_equal (args[0], "export"))
        {
          args[4] = "--segment=all";
          args[5] = csv;
        }
      /* the first NULL ends the list */
      cli (f, &r, args[0], args[1], args[2], args[3], args[4], args[5], NULL);
      g_test_message ("%s %s: %d %s", args[0], named, r.status, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, named));
    }
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  /* the shop's settings take the same values and refuse the same ones */
  cli (f, &r, "settings", "set", "discount-monthly", "nan", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli (f, &r, "settings", "set", "horizon-months", "0x10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli (f, &r, "settings", "set", "horizon-months", "0", NULL);
  g_assert_cmpint (r.status, ==, 1);

  cli (f, &r, "sale", "list", "--limit", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

/* Analysis options in range reach the stored analysis unchanged. */
static void
test_good_numbers (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  /* the edges of every range are values like any other */
  cli (f, &r, "demo", "--customers", "150", "--seed", "4294967295", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", "--horizon-months", "120", "--discount-monthly", "0", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "horizon_months"), ==, 120);
  g_assert_cmpfloat (json_object_get_double_member (o, "discount_monthly"), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "analyze", "--horizon-months", "1", "--discount-monthly", "0.5", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "horizon_months"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (o, "discount_monthly"), ==, 0.5);
  run_clear (&r);
}

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* import, undo, import, and the same undo again: refused, and the second import is intact */
static void
test_import_numbers (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *a = write_file (f, "a.csv", "Date,Order,Customer,Email,Amount\n"
                                               "2024-01-05,A1,Ann,ann@example.com,12.50\n"
                                               "2024-02-05,A2,Bob,bob@example.com,7.00\n");
  g_autofree char *b = write_file (f, "b.csv", "Date,Order,Customer,Email,Amount\n"
                                               "2024-03-05,B1,Cid,cid@example.com,3.00\n"
                                               "2024-03-06,B2,Cid,cid@example.com,4.00\n"
                                               "2024-03-07,B3,Dee,dee@example.com,5.00\n");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;

  cli (f, &r, "init", "--currency", "EUR", "--name", "Numbers", NULL);
  cli (f, &r, "import", a, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "batch"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "import", "undo", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "import", b, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "batch"), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "import", "undo", "1", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Import 1 was undone already"));
  cli (f, &r, "import", "undo", "3", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "There is no import with number 3"));

  cli (f, &r, "import", "list", "--json", NULL);
  node = parse_json (r.out);
  list = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "batch"),
                   ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0),
                                               "imported"), ==, 3);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "sale", "list", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 3);
  run_clear (&r);
}

/* The list is written object by object; its text is what json-glib prints for the whole array
 * (parsed and printed again, it comes out byte for byte the same), with the keys scripts use. */
static void
test_customer_list_stream (Fixture *f, gconstpointer data)
{
  const char *keys[] = { "id", "name", "email", "email_consent", "archived", "purchases",
                         "total_spend_minor", "total_spend", "first_purchase", "last_purchase",
                         "scores" };
  Run r = { 0 };
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, TRUE);
  cli (f, &r, "init", "--currency", "EUR", "--name", "Empty", NULL);
  cli (f, &r, "customer", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) node = parse_json (r.out);
    g_autofree char *again = NULL;

    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
    json_generator_set_root (gen, node);
    again = json_generator_to_data (gen, NULL);
    g_assert_true (g_str_has_prefix (r.out, again) && g_str_equal (r.out + strlen (again), "\n"));
  }
  reg_test_rm_rf (f->dir);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);

  cli (f, &r, "demo", "--customers", "300", "--seed", "8", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* text that JSON must escape, and a customer without an analysis */
  cli (f, &r, "customer", "add", "--name", "Zoë \"Quote\" Back\\slash", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "customer", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) node = parse_json (r.out);
    JsonArray *arr = json_node_get_array (node);
    g_autofree char *again = NULL;
    g_autoptr(GString) want = NULL;

    g_assert_cmpuint (json_array_get_length (arr), ==, 301);
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        g_autoptr(GList) members = json_object_get_members (o);
        guint k = 0;

        for (GList *m = members; m != NULL; m = m->next, k++)
          g_assert_cmpstr (m->data, ==, keys[k]);
        g_assert_cmpuint (k, ==, G_N_ELEMENTS (keys));
        g_assert_cmpint (json_object_get_int_member (o, "id"), ==, i + 1);
      }
    json_generator_set_root (gen, node);
    again = json_generator_to_data (gen, NULL);
    want = g_string_new (again);
    g_string_append_c (want, '\n');
    g_assert_cmpstr (r.out, ==, want->str);
  }
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/limits/bad-numbers", test_bad_numbers);
  ADD ("/cli/limits/good-numbers", test_good_numbers);
  ADD ("/cli/limits/import-numbers", test_import_numbers);
  ADD ("/cli/limits/customer-list-stream", test_customer_list_stream);
#undef ADD
  return g_test_run ();
}
