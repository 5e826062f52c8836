/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracking check and next year's revenue from today's customers through regulars-cli, on the
 * CDNOW log imported as an owner would: `analyze --json` keys (tracking from the calibration fit
 * with --calibration-end, forecast per month of the horizon) and the line in words.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static void
test_tracking_json (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o, *last;
  JsonArray *tracking, *forecast;
  double actual = 0, expected = 0;
  gint64 ahead = 0;

  cli_import_cdnow (f);
  cli (f, &r, "analyze", "--model", "bgnbd", "--end", "1998-06-30", "--calibration-end",
       "1997-09-30", "--time-unit", "week", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "tracking_split"), ==, "1997-09-30");
  g_assert_cmpstr (json_object_get_string_member (o, "tracking_period"), ==, "week");
  tracking = json_object_get_array_member (o, "tracking");
  g_assert_cmpuint (json_array_get_length (tracking), ==, 78);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tracking, 0),
                                                  "period"), ==, "1997-01-01");
  for (guint i = 0; i < json_array_get_length (tracking); i++)
    {
      JsonObject *p = json_array_get_object_element (tracking, i);

      g_assert_cmpuint (json_object_get_size (p), ==, 5);
      actual += json_object_get_double_member (p, "actual");
      expected += json_object_get_double_member (p, "expected");
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "actual_cumulative"),
                                      actual, 1e-6);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (p, "expected_cumulative"),
                                      expected, 1e-6);
    }
  last = json_array_get_object_element (tracking, 77);
  g_assert_cmpstr (json_object_get_string_member (last, "period"), ==, "1998-06-24");
  g_test_message ("week 78: %.1f expected, %.0f actual",
                  json_object_get_double_member (last, "expected_cumulative"),
                  json_object_get_double_member (last, "actual_cumulative"));
  g_assert_cmpfloat (json_object_get_double_member (last, "actual_cumulative"), ==, 4339);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (last, "expected_cumulative"),
                                  4160.6, 2.0);

  forecast = json_object_get_array_member (o, "forecast");
  g_assert_cmpuint (json_array_get_length (forecast), ==,
                    json_object_get_int_member (o, "horizon_months"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (forecast, 0),
                                                  "month"), ==, "1998-07-01");
  for (guint i = 0; i < json_array_get_length (forecast); i++)
    {
      JsonObject *m = json_array_get_object_element (forecast, i);
      gint64 v = json_object_get_int_member (m, "expected_minor");
      JsonArray *band = json_object_get_array_member (m, "range_minor");

      g_assert_cmpint (v, >, 0);
      ahead += v;
      /* the month's 80 % band around it */
      g_assert_cmpuint (json_object_get_size (m), ==, 3);
      g_assert_nonnull (band);
      g_assert_cmpuint (json_array_get_length (band), ==, 2);
      g_assert_cmpint (json_array_get_int_element (band, 0), <, v);
      g_assert_cmpint (json_array_get_int_element (band, 1), >, v);
    }
  g_test_message ("next 12 months from today's customers: %" G_GINT64_FORMAT " cents", ahead);

  /* the same in words */
  run_clear (&r);
  cli (f, &r, "analyze", "--model", "bgnbd", "--end", "1998-06-30", "--calibration-end",
       "1997-09-30", "--time-unit", "week", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Today’s customers are likely to spend $"));
  g_assert_nonnull (strstr (r.out, "New customers are not included."));
  g_assert_nonnull (strstr (r.out, "New customers are not included. Each month’s 80 % range, "
                                   "also without new customers: $"));
  run_clear (&r);
}

/* Without a model there is nothing to track or forecast: empty lists, no line. */
static void
test_no_model (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  cli (f, &r, "init", "--currency", "EUR", "--name", "Stall", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "customer", "add", "--name", "Ana", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "add", "--customer", "Ana", "--amount", "12,50", "--date", "2026-03-01",
       NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tracking")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "forecast")), ==, 0);
  cli (f, &r, "analyze", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "Today’s customers"));
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/tracking/cdnow-json", test_tracking_json);
  ADD ("/cli/tracking/no-model", test_no_model);
#undef ADD
  return g_test_run ();
}
