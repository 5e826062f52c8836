/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli's analysis, import and export commands run as a subprocess: the JSON keys that
 * scripts rely on, the files written, and a whole owner's flow from import to campaign.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static gboolean
has_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);
  return path != NULL;
}

static char *
run_text (const char *const *argv)
{
  char *out = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_analyze_json (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o, *params, *holdout, *spend;
  const char *keys[] = { "model", "time_unit", "params", "log_likelihood", "spend_params",
                         "customers", "holdout", "tiers" };

  cli (f, &r, "demo", "--customers", "400", "--seed", "5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", "--model", "bgnbd", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "bgnbd");
  g_assert_cmpstr (json_object_get_string_member (o, "time_unit"), ==, "week");
  params = json_object_get_object_member (o, "params");
  g_assert_true (json_object_has_member (params, "r") && json_object_has_member (params, "alpha")
                 && json_object_has_member (params, "a") && json_object_has_member (params, "b"));
  spend = json_object_get_object_member (o, "spend_params");
  g_assert_true (json_object_has_member (spend, "p") && json_object_has_member (spend, "q")
                 && json_object_has_member (spend, "gamma"));
  holdout = json_object_get_object_member (o, "holdout");
  g_assert_true (json_object_has_member (holdout, "predicted"));
  g_assert_true (json_object_has_member (holdout, "actual"));
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, 400);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tiers")), ==, 3);
  g_assert_null (strstr (r.out, "nan"));
  g_clear_pointer (&node, json_node_unref);

  /* Pareto/NBD reports s and beta */
  cli (f, &r, "analyze", "--model", "pareto", "--time-unit", "month", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "time_unit"), ==, "month");
  params = json_object_get_object_member (o, "params");
  g_assert_true (json_object_has_member (params, "s") && json_object_has_member (params, "beta"));
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "customer", "show", "1", "--json", NULL);
  node = parse_json (r.out);
  o = json_object_get_object_member (json_node_get_object (node), "scores");
  g_assert_nonnull (o);
  g_assert_true (json_object_has_member (o, "p_alive"));
  g_assert_true (json_object_has_member (o, "tier"));
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "segments", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_true (json_object_has_member (o, "tiers"));
  g_assert_true (json_object_has_member (o, "rfm_groups"));
  g_assert_true (json_object_has_member (o, "at_risk"));
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "analyze", "--model", "magic", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli (f, &r, "analyze", "--calibration-end", "yesterday-ish", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "yesterday-ish"));
  run_clear (&r);
}

static void
test_import_flow (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *stripe = reg_test_shared_data_path ("real-exports", "stripe", "payments.csv", NULL);
  JsonObject *o;
  const char *sniff_keys[] = { "format", "encoding", "delimiter", "decimal", "thousands",
                               "date_order", "header_line", "preset", "columns" };
  const char *import_keys[] = { "batch", "format", "preset", "rows_read", "imported",
                                "duplicates", "rejected", "errors", "new_customers" };
  gint64 batch;

  cli (f, &r, "init", "--currency", "EUR", NULL);
  cli (f, &r, "import", "sniff", stripe, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  for (gsize i = 0; i < G_N_ELEMENTS (sniff_keys); i++)
    {
      JsonObject *guess = json_object_get_object_member (o, sniff_keys[i]);
      g_assert_nonnull (guess);
      g_assert_true (json_object_has_member (guess, "confidence"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "preset"), "value"), ==, "stripe");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "delimiter"), "value"), ==, ";");
  g_clear_pointer (&node, json_node_unref);

  /* all or nothing with rejected rows (the usd and mxn rows of a EUR shop): nothing at all */
  cli (f, &r, "import", stripe, "--all-or-nothing", "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (o, "refused"));
  g_assert_false (json_object_get_boolean_member (o, "committed"));
  g_assert_true (json_object_get_null_member (o, "batch"));
  g_assert_cmpint (json_object_get_int_member (o, "rejected"), >, 0);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "sale", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  cli (f, &r, "import", "list", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  /* a multi-currency export into a EUR shop: the usd and mxn rows are rejected, the rest kept */
  cli (f, &r, "import", stripe, "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  for (gsize i = 0; i < G_N_ELEMENTS (import_keys); i++)
    g_assert_true (json_object_has_member (o, import_keys[i]));
  g_assert_cmpstr (json_object_get_string_member (o, "preset"), ==, "stripe");
  g_assert_cmpint (json_object_get_int_member (o, "rows_read"), ==, 622);
  g_assert_cmpint (json_object_get_int_member (o, "imported"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "rejected"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "imported") + json_object_get_int_member (o, "rejected")
                   + json_object_get_int_member (o, "skipped") + json_object_get_int_member (o, "duplicates"), ==, 622);
  {
    JsonObject *e = json_array_get_object_element (json_object_get_array_member (o, "errors"), 0);
    g_assert_true (json_object_has_member (e, "line") && json_object_has_member (e, "field")
                   && json_object_has_member (e, "value") && json_object_has_member (e, "reason"));
  }
  batch = json_object_get_int_member (o, "batch");
  g_clear_pointer (&node, json_node_unref);

  /* the same file again adds nothing */
  cli (f, &r, "import", stripe, "--json", NULL);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 0);
  g_assert_true (json_object_get_null_member (o, "batch"));
  g_clear_pointer (&node, json_node_unref);


  cli (f, &r, "import", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), >=, 1);
  g_clear_pointer (&node, json_node_unref);

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch);
    cli (f, &r, "import", "undo", id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli (f, &r, "import", "undo", id, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  cli (f, &r, "sale", "list", "--json", "--limit", "1", NULL);
  /* the undone import took every one of its sales with it */
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "import", "/no/such/file.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/no/such/file.csv"));
  cli (f, &r, "import", stripe, "--decimal", ";", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli (f, &r, "import", stripe, "--preset", "nonsense", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nonsense"));
  run_clear (&r);
}

static void
test_export_flow (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "champions.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "top.pdf", NULL);
  g_autofree char *text = NULL;
  gint64 campaign;

  cli (f, &r, "demo", "--customers", "300", "--seed", "9", NULL);
  /* a customer whose name would be a formula in a spreadsheet */
  cli (f, &r, "customer", "add", "--name", "=HYPERLINK(\"http://x\",\"y\")", "--email",
       "evil@example.com", "--consent", "yes", NULL);
  cli (f, &r, "sale", "add", "--customer", "evil@example.com", "--amount", "5000", "--date", "2026-10-30", NULL);
  cli (f, &r, "sale", "add", "--customer", "evil@example.com", "--amount", "5000", "--date", "2026-10-20", NULL);

  cli (f, &r, "export", "report", xlsx, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  if (has_program ("unzip"))
    {
      const char *argv[] = { "unzip", "-l", xlsx, NULL };
      g_autofree char *list = run_text (argv);
      g_assert_nonnull (strstr (list, "xl/worksheets/sheet1.xml"));
      g_assert_nonnull (strstr (list, "xl/charts/chart1.xml"));
    }
  cli (f, &r, "export", "report", "report.pdf", NULL);
  g_assert_cmpint (r.status, ==, 2);

  cli (f, &r, "export", "campaign", "--segment", "all", "--control", "20", "--seed", "4", "--json", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  campaign = json_object_get_int_member (json_node_get_object (node), "campaign");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "control"), >, 0);
  {
    /* who was left out, and of how many: the whole demo plus the one added */
    JsonObject *o = json_node_get_object (node);
    JsonObject *left = json_object_get_object_member (o, "left_out");
    gint64 total = json_object_get_int_member (left, "total");

    g_assert_cmpint (json_object_get_int_member (o, "selected"), ==, 301);
    g_assert_cmpint (total, >, 0);
    g_assert_cmpint (total, ==, json_object_get_int_member (left, "no_consent")
                                + json_object_get_int_member (left, "no_email")
                                + json_object_get_int_member (left, "bad_email")
                                + json_object_get_int_member (left, "duplicate"));
    g_assert_cmpint (json_object_get_int_member (o, "treatment")
                     + json_object_get_int_member (o, "control") + total, ==, 301);
  }
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "Email Address,First Name,Last Name,Tags"));
  g_assert_nonnull (strstr (text, "evil@example.com"));
  g_assert_null (strstr (text, ",\"=HYPERLINK"));
  g_assert_null (strstr (text, ",=HYPERLINK"));
  g_clear_pointer (&node, json_node_unref);

  cli (f, &r, "campaign", "list", "--json", NULL);
  node = parse_json (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, campaign);
    cli (f, &r, "campaign", "results", id, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    node = parse_json (r.out);
    g_assert_true (json_object_has_member (json_node_get_object (node), "lift"));
    g_assert_true (json_object_has_member (json_node_get_object (node), "summary"));
    /* recorded today, after the demo's last sale: too early, and no days measured */
    g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "too_early"));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "days_measured"), ==, 0);
    g_clear_pointer (&node, json_node_unref);
    cli (f, &r, "campaign", "results", id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Too early to measure"));
    g_assert_null (strstr (r.out, "points"));
  }
  cli (f, &r, "campaign", "results", "77", NULL);
  g_assert_cmpint (r.status, ==, 1);

  cli (f, &r, "export", "campaign", "--segment", "platinum", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "platinum"));

  cli (f, &r, "print", "loyalty", "--segment", "top", "--paper", "letter", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  if (has_program ("pdftotext"))
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      g_autofree char *pages = run_text (argv);
      g_assert_nonnull (strstr (pages, "=HYPERLINK"));   /* printed as it is: paper runs no formulas */
      g_assert_nonnull (strstr (pages, "Page 1 of"));
    }
  cli (f, &r, "print", "loyalty", "--segment", "top", "--paper", "a3", pdf, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* The at-risk list from the command line: every listed customer with the rule that put them
 * there in words and figures (at_risk_reason), the same in the text listing; the RFM group of
 * the same id is another list with another name. */
static void
test_at_risk_reasons (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) group = NULL;
  JsonArray *rows;
  guint overdue = 0, low = 0;

  cli (f, &r, "demo", "--customers", "400", "--seed", "5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Slipping away: "));
  g_assert_null (strstr (r.out, "At risk"));

  cli (f, &r, "customer", "list", "--segment", "at-risk", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  rows = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (rows), >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *scores = json_object_get_object_member (json_array_get_object_element (rows, i),
                                                          "scores");
      JsonArray *flags = json_object_get_array_member (scores, "at_risk");
      const char *why = json_object_get_string_member_with_default (scores, "at_risk_reason", NULL);

      g_assert_cmpuint (json_array_get_length (flags), >, 0);
      g_assert_nonnull (why);
      for (guint k = 0; k < json_array_get_length (flags); k++)
        {
          const char *flag = json_array_get_string_element (flags, k);

          if (g_str_equal (flag, "overdue"))
            {
              g_assert_nonnull (strstr (why, "usually buys every "));
              g_assert_nonnull (strstr (why, "last bought "));
              overdue++;
            }
          else if (g_str_equal (flag, "low-p-alive"))
            {
              double p = json_object_get_double_member (scores, "p_alive");
              g_autofree char *want = g_strdup_printf ("chance still buying %.0f %%", 100 * p);

              g_assert_nonnull (strstr (why, want));
              low++;
            }
        }
    }
  g_test_message ("%u overdue, %u unlikely to buy", overdue, low);
  g_assert_cmpuint (overdue, >, 0);

  /* one customer's page says it too */
  {
    JsonObject *first = json_array_get_object_element (rows, 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (first, "id"));
    const char *why = json_object_get_string_member (json_object_get_object_member (first, "scores"),
                                                     "at_risk_reason");

    cli (f, &r, "customer", "show", id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Slipping away:"));
    g_assert_nonnull (strstr (r.out, why));
  }

  /* so do the workbook's tier sheets and the printed list */
  {
    JsonObject *first = json_array_get_object_element (rows, 0);
    const char *why = json_object_get_string_member (json_object_get_object_member (first, "scores"),
                                                     "at_risk_reason");
    g_autofree char *xlsx = g_build_filename (f->dir, "report.xlsx", NULL);
    g_autofree char *pdf = g_build_filename (f->dir, "risk.pdf", NULL);

    cli (f, &r, "export", "report", xlsx, NULL);
    g_assert_cmpint (r.status, ==, 0);
    if (has_program ("unzip"))
      {
        const char *argv[] = { "unzip", "-p", xlsx, "xl/worksheets/*.xml", NULL };
        g_autofree char *sheets = run_text (argv);
        g_assert_nonnull (strstr (sheets, why));
      }
    cli (f, &r, "print", "loyalty", "--segment", "at-risk", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    if (has_program ("pdftotext"))
      {
        const char *argv[] = { "pdftotext", "-raw", pdf, "-", NULL };
        g_autofree char *text = run_text (argv);

        /* the column wraps the reason over lines */
        g_strdelimit (text, "\n", ' ');
        g_assert_nonnull (strstr (text, why));
      }
  }

  /* the text listing says the same */
  cli (f, &r, "customer", "list", "--segment", "at-risk", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Slipping away because"));
  g_assert_nonnull (strstr (r.out, "usually buys every "));
  cli (f, &r, "customer", "list", "--segment", "at-risk", "--archived", NULL);
  g_assert_cmpint (r.status, ==, 2);

  /* the RFM group keeps its id and is named apart from the list */
  cli (f, &r, "customer", "list", "--segment", "rfm:at-risk", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  group = parse_json (r.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (group)); i++)
    {
      JsonObject *o = json_array_get_object_element (json_node_get_array (group), i);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "scores"),
                                                      "rfm_group"), ==, "at-risk");
    }
  cli (f, &r, "segments", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Slipping away\n  at-risk"));
  g_assert_nonnull (strstr (r.out, "  rfm:at-risk "));
  g_assert_nonnull (strstr (r.out, "Used to buy often"));
  g_assert_null (strstr (r.out, "At risk"));
  cli (f, &r, "segments", "--json", NULL);
  g_assert_nonnull (strstr (r.out, "\"Used to buy often\""));
  run_clear (&r);
}

/* Thirty weekly buyers who all stopped well before the end, and one late first purchase: the
 * model's check expects repeat purchases where none happened. A difference relative to none is
 * no percentage, so the check gives the two counts alone. */
static void
test_holdout_without_repeat_purchases (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *csv = g_build_filename (f->dir, "sales.csv", NULL);
  g_autoptr(GString) text = g_string_new ("customer,date,amount\n");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *holdout;

  for (int c = 0; c < 30; c++)
    for (int k = 0; k < 29; k++)
      {
        GDate day;
        char iso[16];

        g_date_clear (&day, 1);
        g_date_set_dmy (&day, 6, G_DATE_JANUARY, 2025);
        g_date_add_days (&day, 7 * k + c % 5);
        g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &day);
        g_string_append_printf (text, "c%d@example.com,%s,%d.50\n", c, iso, 10 + c);
      }
  g_string_append (text, "late@example.com,2025-12-02,12.00\n");
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));

  cli (f, &r, "init", NULL);
  cli (f, &r, "import", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "analyze", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* never a percentage of nothing */
  g_assert_null (strstr (r.out, "%)"));
  {
    g_autofree char *said = g_strdup (r.out);

    cli (f, &r, "analyze", "--json", NULL);
    node = parse_json (r.out);
    holdout = json_object_get_object_member (json_node_get_object (node), "holdout");
    g_assert_cmpfloat (json_object_get_double_member (holdout, "actual"), ==, 0);
    /* everyone stopped before the held-back stretch: a fit that cannot pin its parameters down
     * is not used, and then the words say so; a model that was used says "none" */
    if (JSON_NODE_HOLDS_NULL (json_object_get_member (holdout, "predicted")))
      g_assert_nonnull (strstr (said, "not enough history"));
    else
      g_assert_nonnull (strstr (said, "customers made none."));
  }
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/analyze-json", test_analyze_json);
  ADD ("/cli/import-flow", test_import_flow);
  ADD ("/cli/export-flow", test_export_flow);
  ADD ("/cli/at-risk-reasons", test_at_risk_reasons);
  ADD ("/cli/holdout-without-repeat-purchases", test_holdout_without_repeat_purchases);
#undef ADD
  return g_test_run ();
}
