/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How sure the predictions are, through regulars-cli: standard errors and the covariance beside
 * the parameters in `analyze --json`, the shop totals with their 80 % ranges (JSON and the
 * sentence in words), each customer's range in `customer show` and its JSON, and a shop with too
 * little history that shows no ranges and says why.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static void
assert_range (JsonObject *o, const char *key, double point)
{
  JsonArray *range = json_object_get_array_member (o, key);

  g_assert_nonnull (range);
  g_assert_cmpuint (json_array_get_length (range), ==, 2);
  g_test_message ("%s: %g .. %g around %g", key, json_array_get_double_element (range, 0),
                  json_array_get_double_element (range, 1), point);
  g_assert_cmpfloat (json_array_get_double_element (range, 0), <, point);
  g_assert_cmpfloat (json_array_get_double_element (range, 1), >, point);
}

/* CDNOW at the calibration end, BG/NBD: lifetimes' standard errors r 0.01256, alpha 0.3782,
 * a 0.1857, b 0.7054 beside the parameters, under the same keys. */
static void
test_analyze_json (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o, *params, *se, *cov, *kpis, *spend_se;
  const char *keys[] = { "r", "alpha", "a", "b" };
  const double ref[] = { 0.01256, 0.3782, 0.1857, 0.7054 };

  cli_import_cdnow (f);
  cli (f, &r, "analyze", "--model", "bgnbd", "--end", "1997-09-30", "--calibration-end",
       "1997-09-30", "--time-unit", "week", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  o = json_node_get_object (node);
  params = json_object_get_object_member (o, "params");
  se = json_object_get_object_member (o, "params_se");
  cov = json_object_get_object_member (o, "params_covariance");
  g_assert_nonnull (se);
  g_assert_nonnull (cov);
  g_assert_cmpuint (json_object_get_size (se), ==, json_object_get_size (params));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      double v = json_object_get_double_member (se, keys[i]);

      g_assert_true (json_object_has_member (params, keys[i]));
      g_assert_cmpfloat_with_epsilon (v, ref[i], 0.02 * ref[i]);
      /* the variance on the diagonal; symmetric off it */
      g_assert_cmpfloat_with_epsilon (
        json_object_get_double_member (json_object_get_object_member (cov, keys[i]), keys[i]),
        v * v, 1e-9 * v * v);
      for (guint j = 0; j < G_N_ELEMENTS (keys); j++)
        g_assert_cmpfloat (
          json_object_get_double_member (json_object_get_object_member (cov, keys[i]), keys[j]),
          ==,
          json_object_get_double_member (json_object_get_object_member (cov, keys[j]), keys[i]));
    }
  spend_se = json_object_get_object_member (o, "spend_params_se");
  g_assert_nonnull (spend_se);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (spend_se, "p"), 1.19, 0.0238);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (spend_se, "q"), 0.290, 0.0058);

  kpis = json_object_get_object_member (o, "kpis");
  assert_range (kpis, "clv_total_range", json_object_get_double_member (kpis, "clv_total_minor"));
  assert_range (kpis, "expected_purchases_range",
                json_object_get_double_member (kpis, "expected_purchases"));
  g_assert_true (json_object_get_null_member (kpis, "ranges_note"));
}

/* The sentence in the text output, and one customer's range in words and in JSON. */
static void
test_words (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *scores;
  JsonArray *range;

  cli_import_cdnow (f);
  cli (f, &r, "analyze", "--end", "1997-09-30", "--calibration-end", "1997-09-30", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "Your customers are likely to be worth $"));
  g_assert_nonnull (strstr (r.out, " to you in the next 12 months, after your margin (80 % range $"));
  run_clear (&r);

  /* customer 1 of the sample bought on four days in the calibration period */
  cli (f, &r, "customer", "show", "1", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  scores = json_object_get_object_member (json_node_get_object (node), "scores");
  range = json_object_get_array_member (scores, "purchases_range");
  g_assert_nonnull (range);
  g_assert_cmpint (json_array_get_int_element (range, 0), <=,
                   json_array_get_int_element (range, 1));
  g_assert_cmpfloat (json_array_get_int_element (range, 1), >=,
                     json_object_get_double_member (scores, "expected_purchases"));
  g_assert_nonnull (json_object_get_array_member (scores, "clv_range_minor"));
  g_assert_nonnull (strstr (json_object_get_string_member (scores, "range_words"),
                            "in the next 12 months (80 %)"));

  cli (f, &r, "customer", "show", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "Likely ahead:"));
  g_assert_nonnull (strstr (r.out, "more visits in the next 12 months (80 %)"));
  run_clear (&r);
}

/* Too little history: no ranges in JSON, a reason instead, and the reason in words. */
static void
test_too_little_history (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *kpis;

  cli (f, &r, "init", "--currency", "EUR", "--locale", "en_US", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "customer", "add", "--name", "Ana", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "sale", "add", "--customer", "Ana", "--amount", "12.50", "--date", "2026-03-01",
       NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  kpis = json_object_get_object_member (json_node_get_object (node), "kpis");
  g_assert_true (json_object_get_null_member (kpis, "clv_total_range"));
  g_assert_true (json_object_get_null_member (kpis, "expected_purchases_range"));
  g_assert_nonnull (strstr (json_object_get_string_member (kpis, "ranges_note"),
                            "not enough history"));
  g_assert_true (json_object_get_null_member (json_node_get_object (node), "params_se"));

  cli (f, &r, "analyze", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "No ranges: there is not enough history"));
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/ranges/analyze-json", Fixture, NULL, fixture_setup, test_analyze_json,
              fixture_teardown);
  g_test_add ("/cli/ranges/words", Fixture, NULL, fixture_setup, test_words, fixture_teardown);
  g_test_add ("/cli/ranges/too-little-history", Fixture, NULL, fixture_setup,
              test_too_little_history, fixture_teardown);
  return g_test_run ();
}
