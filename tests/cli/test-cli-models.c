/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The purchase models through regulars-cli: MBG/NBD on the CDNOW log imported as an owner would
 * (--model mbgnbd, its JSON), one-time buyers never shown as certainly still buying (p_alive null
 * with a note, in JSON and in words), the next purchase only within the horizon, and a shop
 * whose history no model fits properly ("not enough history", historic figures).
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static JsonNode *
analyze (Fixture *f, const char *model, const char *end, const char *cal)
{
  Run r = { 0 };
  JsonNode *node;

  cli (f, &r, "analyze", "--model", model, "--end", end, "--calibration-end", cal,
       "--time-unit", "week", "--json", NULL);
  if (r.status != 0)
    g_error ("analyze: %s", r.err);
  g_assert_null (strstr (r.out, "nan"));
  node = parse_json (r.out);
  run_clear (&r);
  return node;
}

/* MBG/NBD by name; in auto it is a candidate whose holdout forecast on CDNOW is below BG/NBD's
 * (the published warning), so Pareto/NBD stays the choice there. */
static void
test_mbgnbd_cdnow (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) fit = NULL;
  g_autoptr(JsonNode) split = NULL;
  JsonObject *o, *params, *holdout;

  cli_import_cdnow (f);
  fit = analyze (f, "mbgnbd", "1997-09-30", "1997-09-30");
  o = json_node_get_object (fit);
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "mbgnbd");
  params = json_object_get_object_member (o, "params");
  g_test_message ("MBG/NBD via the CLI: r %.4f alpha %.4f a %.4f b %.4f",
                  json_object_get_double_member (params, "r"),
                  json_object_get_double_member (params, "alpha"),
                  json_object_get_double_member (params, "a"),
                  json_object_get_double_member (params, "b"));
  /* the published fit, within what the shop's import keeps of the log */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "r"), 0.525, 0.03);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "alpha"), 6.183, 0.3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "a"), 0.891, 0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "b"), 1.614, 0.1);
  g_assert_cmpuint (json_object_get_size (params), ==, 4);
  g_assert_true (json_object_get_member (json_object_get_object_member (o, "fits"), "mbgnbd")
                 != NULL);

  split = analyze (f, "auto", "1998-06-30", "1997-09-30");
  o = json_node_get_object (split);
  holdout = json_object_get_object_member (o, "holdout");
  g_test_message ("holdout: MBG/NBD %.1f, BG/NBD %.1f, actual %.0f",
                  json_object_get_double_member (holdout, "mbgnbd_predicted"),
                  json_object_get_double_member (holdout, "bgnbd_predicted"),
                  json_object_get_double_member (holdout, "actual"));
  g_assert_cmpfloat (json_object_get_double_member (holdout, "mbgnbd_predicted"), <,
                     json_object_get_double_member (holdout, "bgnbd_predicted"));
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "pareto");
}

/* BG/NBD gives every one-time buyer P(alive) = 1: the JSON says null and why, the text says
 * "too early to tell" against the shop's return pattern, and a next purchase beyond the horizon
 * is not given as a date. */
static void
test_one_time_buyers (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) an = NULL;
  g_autoptr(JsonNode) list = NULL;
  Run r = { 0 };
  JsonArray *rows;
  guint once = 0, beyond = 0, repeat_p = 0;
  gint64 return_days;
  g_autofree char *once_id = NULL;

  cli_import_cdnow (f);
  an = analyze (f, "bgnbd", "1998-06-30", "1997-09-30");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (an), "model"), ==,
                   "bgnbd");
  return_days = json_object_get_int_member (json_node_get_object (an), "return_days");
  g_assert_cmpint (return_days, >, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (an),
                                                           "return_pattern"),
                            "Most customers who came back did so within"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (an), "p_alive_too_early"),
                   >, 0);

  cli (f, &r, "customer", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  list = parse_json (r.out);
  rows = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *c = json_array_get_object_element (rows, i);
      JsonObject *s = json_object_get_object_member (c, "scores");
      JsonNode *p = json_object_get_member (s, "p_alive");

      if (json_object_get_int_member (c, "purchases") == 1)
        {
          once++;
          g_assert_true (JSON_NODE_HOLDS_NULL (p));
          g_assert_nonnull (strstr (json_object_get_string_member (s, "p_alive_note"),
                                    "too early to tell"));
          if (once_id == NULL)
            once_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));
        }
      else
        {
          g_assert_false (JSON_NODE_HOLDS_NULL (p));
          g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (s, "p_alive_note")));
          repeat_p++;
        }
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (s, "next_purchase")))
        {
          g_assert_nonnull (strstr (json_object_get_string_member (s, "next_purchase_note"),
                                    "Not expected in the next 12 months"));
          beyond++;
        }
      else
        g_assert_cmpstr (json_object_get_string_member (s, "next_purchase"), <=, "1999-06-30");
    }
  g_test_message ("%u one-time buyers, %u repeat customers, %u not expected within 12 months",
                  once, repeat_p, beyond);
  g_assert_cmpuint (once, >, 1000);
  g_assert_cmpuint (beyond, >, 0);
  g_clear_pointer (&list, json_node_unref);

  cli (f, &r, "customer", "show", once_id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "too early to tell"));
  g_assert_null (strstr (r.out, "100 %"));
  run_clear (&r);
}

/* Eighteen customers who bought twice, the second time on the last day, and a few who bought
 * once: no model fits properly, so nobody is "0 % still buying": the analysis says "not enough
 * history" and the figures are historic. */
static void
test_last_day_shop (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  cli (f, &r, "init", "--currency", "EUR", "--locale", "de_DE", "--name", "Laden", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (int c = 0; c < 22; c++)
    {
      g_autofree char *name = g_strdup_printf ("Kunde %d", c);
      g_autofree char *first = NULL;

      cli (f, &r, "customer", "add", "--name", name, NULL);
      g_assert_cmpint (r.status, ==, 0);
      /* first purchases from early June to mid-November 2026, one-time buyers in 2025 */
      first = c < 18 ? g_strdup_printf ("2026-%02d-%02d", 6 + c / 4, 1 + 7 * (c % 4))
                     : g_strdup_printf ("2025-%02d-10", c - 10);
      cli (f, &r, "sale", "add", "--customer", name, "--amount", "25,00", "--date", first, NULL);
      g_assert_cmpint (r.status, ==, 0);
      if (c < 18)
        {
          cli (f, &r, "sale", "add", "--customer", name, "--amount", "30,00", "--date",
               "2026-11-30", NULL);
          g_assert_cmpint (r.status, ==, 0);
        }
    }
  cli (f, &r, "analyze", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_test_message ("%s / %s", json_object_get_string_member (o, "model_reason"),
                  json_object_get_string_member (o, "message"));
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "none");
  g_assert_false (json_object_get_boolean_member (o, "enough_data"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "message"), "Not enough history"));
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "customer", "show", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "0 %"));
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/models/mbgnbd-cdnow", test_mbgnbd_cdnow);
  ADD ("/cli/models/one-time-buyers", test_one_time_buyers);
  ADD ("/cli/models/last-day-shop", test_last_day_shop);
#undef ADD
  return g_test_run ();
}
