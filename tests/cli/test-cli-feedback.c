/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli import feedback run as a subprocess: the JSON keys scripts rely on (the sales
 * import's, plus the kind), exit codes (1 when rows were rejected or the kind is open, 2 for a
 * bad --kind), --kind, --map, --dry-run, --all-or-nothing, the answers in customer show (text
 * and JSON), import list and import undo.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

static void
set_up_shop (Fixture *f)
{
  Run r = { 0 };

  cli (f, &r, "init", "--currency", "EUR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "customer", "add", "--name", "Ann", "--email", "ann@example.com", NULL);
  g_assert_cmpstr (r.out, ==, "1\n");
  cli (f, &r, "customer", "add", "--name", "Bob", "--email", "bob@example.com", NULL);
  g_assert_cmpstr (r.out, ==, "2\n");
  run_clear (&r);
}

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static void
test_import_show_undo (Fixture *f, gconstpointer data)
{
  const char *keys[] = { "batch", "format", "rows_read", "imported", "duplicates", "rejected",
                         "errors", "kind", "committed", "dry_run", "previous_batch" };
  g_autofree char *path = write_file (f, "survey.csv",
      "E-Mail,NPS,Submitted,Comment\n"
      "ann@example.com,2,2024-03-01,Too loud\n"
      "BOB@example.com,10,2024-03-02,\n"
      "zed@example.com,7,2024-03-03,\n");
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *errors, *feedback;
  JsonObject *e;

  set_up_shop (f);
  cli (f, &r, "import", "feedback", path, "--json", NULL);
  /* a rejected row: exit 1, the valid answers are in all the same */
  g_assert_cmpint (r.status, ==, 1);
  node = parse_json (r.out);
  o = object_of (node);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  g_assert_cmpint (json_object_get_int_member (o, "batch"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "csv");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "nps");
  g_assert_cmpint (json_object_get_int_member (o, "rows_read"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "duplicates"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 1);
  errors = json_object_get_array_member (o, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  e = json_array_get_object_element (errors, 0);
  g_assert_cmpint (json_object_get_int_member (e, "line"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (e, "field"), ==, "E-Mail");
  g_assert_cmpstr (json_object_get_string_member (e, "value"), ==, "zed@example.com");
  g_assert_nonnull (strstr (json_object_get_string_member (e, "reason"), "survey.csv, line 4"));
  g_clear_pointer (&node, json_node_unref);

  /* again: nothing new, the earlier import named */
  cli (f, &r, "import", "feedback", path, "--json", NULL);
  node = parse_json (r.out);
  o = object_of (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "batch")));
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "duplicates"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "previous_batch"), ==, 1);
  g_clear_pointer (&node, json_node_unref);

  /* on the customer: JSON and text */
  cli (f, &r, "customer", "show", "1", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  feedback = json_object_get_array_member (object_of (node), "feedback");
  g_assert_cmpuint (json_array_get_length (feedback), ==, 1);
  e = json_array_get_object_element (feedback, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "day"), ==, "2024-03-01");
  g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "nps");
  g_assert_cmpint (json_object_get_int_member (e, "score"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (e, "comment"), ==, "Too loud");
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "customer", "show", "2", "--json", NULL);
  node = parse_json (r.out);
  e = json_array_get_object_element (json_object_get_array_member (object_of (node), "feedback"), 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (e, "comment")));
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "customer", "show", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Survey answers:\n    2024-03-01  NPS   2  Too loud\n"));

  /* listed and undone like any import */
  cli (f, &r, "import", "list", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "preset"), ==, "survey-nps");
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "import", "undo", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "Import 1 undone: 2 survey answers removed.\n");
  cli (f, &r, "customer", "show", "1", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (node), "feedback")), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "customer", "show", "1", NULL);
  g_assert_null (strstr (r.out, "Survey answers"));
  run_clear (&r);
}

static void
test_kind_and_options (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "ratings.csv",
      "Mail;Stars;When;Why\n"
      "ann@example.com;4;01.03.2024;Nice\n"
      "bob@example.com;1;02.03.2024;Rude\n");
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  set_up_shop (f);
  /* "Stars" is no score column anyone knows: say which */
  cli (f, &r, "import", "feedback", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: ratings.csv: no column holds the score; map one with score=COLUMN\n");

  /* scores 1 .. 5 under a neutral name: either survey */
  cli (f, &r, "import", "feedback", path, "--map", "score=Stars", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: ratings.csv: every score is between 1 and 5, which fits "
                              "both an NPS survey (0 to 10) and a CSAT survey (1 to 5): say which kind "
                              "of survey the file holds: give --kind nps or --kind csat\n");

  cli (f, &r, "import", "feedback", path, "--map", "score=Stars", "--kind", "stars", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--kind must be nps or csat"));
  cli (f, &r, "import", "feedback", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli (f, &r, "import", "feedback", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--kind"));
  g_assert_nonnull (strstr (r.out, "--all-or-nothing"));

  /* a dry run changes nothing */
  cli (f, &r, "import", "feedback", path, "--map", "score=Stars", "--kind", "csat", "--dry-run", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = object_of (node);
  g_assert_true (json_object_get_boolean_member (o, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "csat");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "batch")));
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "import", "list", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  /* for real, in words */
  cli (f, &r, "import", "feedback", path, "--map", "score=Stars,comment=Why", "--kind", "csat", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported ratings.csv as import 1 (CSAT survey).\n"));
  g_assert_nonnull (strstr (r.out, "2 rows read, 2 answers imported from 2 customers"));
  cli (f, &r, "customer", "show", "2", NULL);
  g_assert_nonnull (strstr (r.out, "2024-03-02  CSAT  1  Rude\n"));
  run_clear (&r);
}

static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "survey.csv",
      "email,nps,date\nann@example.com,9,2024-03-01\nbob@example.com,12,2024-03-02\n");
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  set_up_shop (f);
  cli (f, &r, "import", "feedback", path, "--all-or-nothing", "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  node = parse_json (r.out);
  o = object_of (node);
  g_assert_true (json_object_get_boolean_member (o, "refused"));
  g_assert_false (json_object_get_boolean_member (o, "committed"));
  g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "customer", "show", "1", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (node), "feedback")), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "import", "feedback", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "survey.csv, line 3, column “nps”: “12” is not a score: write a whole "
                              "number from 0 to 10\n");
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/feedback/import-show-undo", Fixture, NULL, fixture_setup, test_import_show_undo,
              fixture_teardown);
  g_test_add ("/cli/feedback/kind-and-options", Fixture, NULL, fixture_setup, test_kind_and_options,
              fixture_teardown);
  g_test_add ("/cli/feedback/all-or-nothing", Fixture, NULL, fixture_setup, test_all_or_nothing,
              fixture_teardown);
  return g_test_run ();
}
