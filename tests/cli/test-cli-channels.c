/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channels through regulars-cli: the marketing spend entered and listed, `channels --json` on a
 * shop whose spend and customers are known (every key, values worked out from the definitions),
 * the channel: segment, and the channel of customers an import creates, from a column and from
 * a constant given with the mapping.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static void
ok (Fixture *f, ...)
{
  Run r = { 0 };
  va_list ap;
  const char *argv[24];
  guint n = 0;

  va_start (ap, f);
  for (const char *a = va_arg (ap, const char *); a != NULL && n < 23; a = va_arg (ap, const char *))
    argv[n++] = a;
  va_end (ap);
  argv[n] = NULL;
  /* cli() takes its arguments as a NULL-terminated list: at most 10 here */
  cli (f, &r, argv[0], n > 1 ? argv[1] : NULL, n > 2 ? argv[2] : NULL, n > 3 ? argv[3] : NULL,
       n > 4 ? argv[4] : NULL, n > 5 ? argv[5] : NULL, n > 6 ? argv[6] : NULL,
       n > 7 ? argv[7] : NULL, n > 8 ? argv[8] : NULL, n > 9 ? argv[9] : NULL, NULL);
  if (r.status != 0)
    g_test_message ("%s: %s", argv[0], r.err);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

static void
make_shop (Fixture *f)
{
  ok (f, "init", "--currency", "USD", "--locale", "en_US", NULL);
  ok (f, "customer", "add", "--name", "Ann", "--channel", "Instagram", "--acquired",
      "2026-03-05", "--acquisition-cost", "10.00", NULL);
  ok (f, "customer", "add", "--name", "Bob", "--channel", "instagram ", "--acquired",
      "2026-04-10", NULL);
  ok (f, "customer", "add", "--name", "Cat", NULL);
  ok (f, "customer", "add", "--name", "Dan", "--channel", "Google Ads", "--acquired", "2024-01-05",
      NULL);
  ok (f, "sale", "add", "--customer", "Ann", "--date", "2026-03-05", "--amount", "100.00", NULL);
  ok (f, "sale", "add", "--customer", "Ann", "--date", "2026-05-01", "--amount", "50.00", NULL);
  ok (f, "sale", "add", "--customer", "Bob", "--date", "2026-04-10", "--amount", "30.00", NULL);
  ok (f, "sale", "add", "--customer", "Cat", "--date", "2026-06-30", "--amount", "20.00", NULL);
  ok (f, "sale", "add", "--customer", "Dan", "--date", "2024-01-05", "--amount", "80.00", NULL);
  ok (f, "channel", "spend", "--channel", "Instagram", "--month", "2026-03", "--amount", "200.00",
      NULL);
  ok (f, "channel", "spend", "--channel", "INSTAGRAM", "--month", "2026-04", "--amount", "100",
      NULL);
  ok (f, "channel", "spend", "--channel", "Google Ads", "--month", "2026-02", "--amount", "60",
      NULL);
  /* a year before the period: not part of its cost */
  ok (f, "channel", "spend", "--channel", "Instagram", "--month", "2025-01", "--amount", "999",
      NULL);
}

static JsonObject *
find_channel (JsonArray *list, const char *channel)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      const char *c = json_object_get_null_member (o, "channel")
                      ? NULL : json_object_get_string_member (o, "channel");
      if (g_strcmp0 (c, channel) == 0)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

/* months from a day to the last day of the data, at least one, as the figures count them */
static double
months_between (int y, int m, int d, int y2, int m2, int d2)
{
  g_autoptr(GDate) a = g_date_new_dmy (d, m, y), b = g_date_new_dmy (d2, m2, y2);
  return MAX (1.0, (g_date_days_between (a, b) + 1) / (365.25 / 12));
}

static void
test_figures_json (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;
  JsonObject *o;
  const char *keys[] = { "channel", "customers", "new_customers", "avg_value_minor",
                         "avg_predicted_minor", "acquisition_cost_minor", "value_to_cost",
                         "payback_months" };
  double months, cost;

  make_shop (f);
  cli (f, &r, "channels", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  list = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < json_array_get_length (list); i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      g_assert_true (json_object_has_member (json_array_get_object_element (list, i), keys[k]));
  /* most customers first; customers without a channel last */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                  "channel"), ==, "Instagram");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (list, 2),
                                              "channel"));

  /* Instagram: Ann and Bob came in the year to June 2026; spend of March and April plus Ann's
   * own cost, per new customer; no analysis yet, so no prediction; margin 100 % */
  o = find_channel (list, "Instagram");
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "new_customers"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "avg_value_minor"), ==, (15000 + 3000) / 2);
  g_assert_true (json_object_get_null_member (o, "avg_predicted_minor"));
  cost = (20000 + 10000 + 1000) / 2.0;
  g_assert_cmpint (json_object_get_int_member (o, "acquisition_cost_minor"), ==, (gint64) cost);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "value_to_cost"),
                                  9000 / cost, 1e-9);
  {
    /* new customers per month over the year to June 2026: March and April */
    JsonArray *by_month = json_object_get_array_member (o, "new_by_month");
    g_assert_cmpuint (json_array_get_length (by_month), ==, 12);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (by_month, 0),
                                                    "month"), ==, "2025-07");
    for (guint m = 0; m < 12; m++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (by_month, m),
                                                   "new_customers"), ==, m == 8 || m == 9);
  }
  months = months_between (2026, 3, 5, 2026, 6, 30) + months_between (2026, 4, 10, 2026, 6, 30);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "payback_months"),
                                  cost / (18000 / months), 1e-9);

  /* Google Ads: money spent, nobody new came */
  o = find_channel (list, "Google Ads");
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "new_customers"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "avg_value_minor"), ==, 8000);
  g_assert_true (json_object_get_null_member (o, "acquisition_cost_minor"));
  g_assert_cmpfloat (json_object_get_double_member (o, "value_to_cost"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "payback_months"));

  /* no channel: nothing spent, nothing to pay back */
  o = find_channel (list, NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "Unknown");
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "acquisition_cost_minor"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "value_to_cost"));
  g_assert_cmpfloat (json_object_get_double_member (o, "payback_months"), ==, 0);

  /* the whole history: the spend of January 2025 counts too */
  cli (f, &r, "channels", "--json", "--months", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) all = parse_json (r.out);
    o = find_channel (json_node_get_array (all), "Instagram");
    g_assert_cmpint (json_object_get_int_member (o, "acquisition_cost_minor"), ==,
                     (20000 + 10000 + 99900 + 1000) / 2);
  }
  run_clear (&r);
}

static void
test_spend (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;
  JsonObject *o;

  make_shop (f);
  /* a second amount for a month replaces the first; 0 removes it */
  ok (f, "channel", "spend", "--channel", "instagram", "--month", "2026-03", "--amount", "250",
      NULL);
  ok (f, "channel", "spend", "--channel", "Google Ads", "--month", "2026-02", "--amount", "0",
      NULL);
  cli (f, &r, "channel", "spends", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  list = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  o = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "channel"), ==, "Instagram");
  g_assert_cmpstr (json_object_get_string_member (o, "month"), ==, "2026-03");
  g_assert_cmpint (json_object_get_int_member (o, "amount_minor"), ==, 25000);

  cli (f, &r, "channel", "spend", "--list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "2026-04"));
  run_clear (&r);

  /* bad input names the field and the value, and changes nothing */
  cli (f, &r, "channel", "spend", "--channel", "Instagram", "--month", "2026-13", "--amount",
       "5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Month “2026-13”"));
  run_clear (&r);
  cli (f, &r, "channel", "spend", "--channel", "Instagram", "--month", "2026-05", "--amount",
       "-5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Amount"));
  run_clear (&r);
  cli (f, &r, "channel", "spend", "--channel", " ", "--month", "2026-05", "--amount", "5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Channel"));
  run_clear (&r);
  cli (f, &r, "channel", "spend", "--channel", "Instagram", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  cli (f, &r, "channel", "spends", "--json", NULL);
  {
    g_autoptr(JsonNode) again = parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (again)), ==, 3);
  }
  run_clear (&r);
}

static void
test_segment (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  make_shop (f);
  cli (f, &r, "customer", "list", "--segment", "channel:INSTAGRAM", "--json", NULL);
  if (r.status != 0)
    g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_ptr_array_add (names, (gpointer) json_object_get_string_member (
                                json_array_get_object_element (list, i), "name"));
  g_ptr_array_add (names, NULL);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_true (g_strv_contains ((const char *const *) names->pdata, "Ann"));
  g_assert_true (g_strv_contains ((const char *const *) names->pdata, "Bob"));
  run_clear (&r);

  cli (f, &r, "customer", "list", "--segment", "channel:", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "channel:"));
  run_clear (&r);
}

static const char *
channel_of (Fixture *f, const char *name)
{
  static char buf[64];
  Run r = { 0 };
  g_autoptr(JsonNode) list = NULL;
  gint64 id = 0;

  cli (f, &r, "customer", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  list = parse_json (r.out);
  run_clear (&r);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonObject *o = json_array_get_object_element (json_node_get_array (list), i);
      if (g_str_equal (json_object_get_string_member (o, "name"), name))
        id = json_object_get_int_member (o, "id");
    }
  g_assert_cmpint (id, >, 0);
  {
    g_autofree char *ids = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autoptr(JsonNode) one = NULL;
    JsonObject *o;

    cli (f, &r, "customer", "show", ids, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    one = parse_json (r.out);
    run_clear (&r);
    o = json_node_get_object (one);
    if (json_object_get_null_member (o, "channel"))
      return NULL;
    g_strlcpy (buf, json_object_get_string_member (o, "channel"), sizeof buf);
    return buf;
  }
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *orders = g_build_filename (f->dir, "orders.csv", NULL);
  g_autofree char *bank = g_build_filename (f->dir, "bank.csv", NULL);
  Run r = { 0 };

  ok (f, "init", "--currency", "USD", "--locale", "en_US", NULL);
  g_assert_true (g_file_set_contents (orders,
                                      "Date,Email,Name,Amount,utm_source\n"
                                      "2026-05-01,eve@example.com,Eve,25.00,newsletter\n"
                                      "2026-05-02,fay@example.com,Fay,35.00,\n", -1, NULL));
  g_assert_true (g_file_set_contents (bank,
                                      "Date,Payer,Amount\n"
                                      "2026-05-03,Gus Green,40.00\n", -1, NULL));
  /* a UTM column is read as the channel by its name */
  ok (f, "import", orders, NULL);
  g_assert_cmpstr (channel_of (f, "Eve"), ==, "newsletter");
  g_assert_null (channel_of (f, "Fay"));
  /* a constant for every new customer of a bank file */
  ok (f, "import", bank, "--map", "date=Date,name=Payer,amount=Amount,@channel=bank transfer",
      NULL);
  g_assert_cmpstr (channel_of (f, "Gus Green"), ==, "bank transfer");
  /* a column named in the mapping */
  g_assert_true (g_file_set_contents (orders,
                                      "When,Who,Paid,Came from\n"
                                      "2026-05-04,Hal,12.00,Flyer\n", -1, NULL));
  cli (f, &r, "import", orders, "--map", "date=When,name=Who,amount=Paid,channel=Came from",
       NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_assert_cmpstr (channel_of (f, "Hal"), ==, "Flyer");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/channels/figures-json", Fixture, NULL, fixture_setup, test_figures_json,
              fixture_teardown);
  g_test_add ("/cli/channels/spend", Fixture, NULL, fixture_setup, test_spend,
              fixture_teardown);
  g_test_add ("/cli/channels/segment", Fixture, NULL, fixture_setup, test_segment,
              fixture_teardown);
  g_test_add ("/cli/channels/import", Fixture, NULL, fixture_setup, test_import,
              fixture_teardown);
  return g_test_run ();
}
