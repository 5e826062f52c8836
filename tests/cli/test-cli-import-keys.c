/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli import keeps every purchase: identical rows of one file are separate purchases
 * (each keyed by its occurrence in the file), overlapping bank downloads add exactly what is
 * new, an order of 0.00 is a visit, and the CDNOW log imported and analysed through the command
 * line gives the published figures.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "reg-test-utils.h"

static char *
write_file (Fixture *f, const char *name, const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Runs an import with --json and returns its object (the caller unrefs the node). */
static JsonNode *
import_json (Fixture *f, const char *path, const char *extra1, const char *extra2,
             const char *extra3, const char *extra4)
{
  Run r = { 0 };
  JsonNode *node;

  cli (f, &r, "import", path, "--json", extra1, extra2, extra3, extra4, NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  return node;
}

static gint64
member_int (JsonNode *node, const char *name)
{
  return json_object_get_int_member (json_node_get_object (node), name);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The shop's sales as "day amount customer" lines, sorted: what a statement says happened. */
static char *
sales_text (Fixture *f)
{
  Run r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  JsonArray *sales;

  cli (f, &r, "sale", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  run_clear (&r);
  sales = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (sales); i++)
    {
      JsonObject *s = json_array_get_object_element (sales, i);
      g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GINT64_FORMAT " %s",
                                               json_object_get_string_member (s, "date"),
                                               json_object_get_int_member (s, "amount_minor"),
                                               json_object_get_string_member (s, "customer")));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

#define BANK_HEADER "Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n"
/* the days both downloads cover: two identical coffees on one day among them */
#define OVERLAP "05.02.2024;Bob Lee;Kaffee;4,50\n"   \
                "05.02.2024;Bob Lee;Kaffee;4,50\n"   \
                "06.02.2024;Anna Schmidt;Rechnung 2;25,00\n"

/* Two downloads of one account that overlap import to exactly their union; the same file
 * again adds nothing; a line of 0.00 in a bank statement stays skipped with its reason. */
static void
test_bank_overlap (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *first = write_file (f, "januar.csv",
                                       BANK_HEADER
                                       "01.02.2024;Anna Schmidt;Rechnung 1;25,00\n"
                                       "03.02.2024;Vermieter;Miete;-800,00\n"
                                       "04.02.2024;Zoe Day;Probe;0,00\n"
                                       OVERLAP);
  g_autofree char *second = write_file (f, "februar.csv",
                                        BANK_HEADER
                                        OVERLAP
                                        "07.02.2024;Bob Lee;Kaffee;4,50\n"
                                        "08.02.2024;Anna Schmidt;Rechnung 3;30,00\n");
  /* one file with every line of both, each once: the union */
  g_autofree char *both = write_file (f, "both.csv",
                                      BANK_HEADER
                                      "01.02.2024;Anna Schmidt;Rechnung 1;25,00\n"
                                      OVERLAP
                                      "07.02.2024;Bob Lee;Kaffee;4,50\n"
                                      "08.02.2024;Anna Schmidt;Rechnung 3;30,00\n");
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *got = NULL;
  g_autofree char *union_text = NULL;
  JsonArray *skips;
  gboolean zero_skipped = FALSE;

  cli (f, &r, "init", "--currency", "EUR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  a = import_json (f, first, NULL, NULL, NULL, NULL);
  g_assert_cmpint (member_int (a, "imported"), ==, 4);
  g_assert_cmpint (member_int (a, "total_minor"), ==, 2500 + 450 + 450 + 2500);
  skips = json_object_get_array_member (json_node_get_object (a), "skips");
  for (guint i = 0; i < json_array_get_length (skips); i++)
    {
      JsonObject *s = json_array_get_object_element (skips, i);
      if (json_object_get_int_member (s, "line") == 4)
        zero_skipped = strstr (json_object_get_string_member (s, "reason"), "zero") != NULL;
    }
  g_assert_true (zero_skipped);

  b = import_json (f, second, NULL, NULL, NULL, NULL);
  /* the overlap, both coffees included, is in the shop already */
  g_assert_cmpint (member_int (b, "duplicates"), ==, 3);
  g_assert_cmpint (member_int (b, "imported"), ==, 2);
  again = import_json (f, second, NULL, NULL, NULL, NULL);
  g_assert_cmpint (member_int (again, "imported"), ==, 0);
  g_assert_cmpint (member_int (again, "duplicates"), ==, 5);
  got = sales_text (f);

  /* the same lines read from one file into a shop of their own */
  g_free (f->shop);
  f->shop = g_build_filename (f->dir, "union.regulars", NULL);
  cli (f, &r, "init", "--currency", "EUR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&a, json_node_unref);
  a = import_json (f, both, NULL, NULL, NULL, NULL);
  g_assert_cmpint (member_int (a, "imported"), ==, 6);
  union_text = sales_text (f);
  g_assert_cmpstr (got, ==, union_text);
  run_clear (&r);
}

/* A third identical coffee in a later download is one more purchase; the two before are not
 * added again. */
static void
test_bank_third_identical (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *first = write_file (f, "one.csv", BANK_HEADER OVERLAP);
  g_autofree char *second = write_file (f, "two.csv",
                                        BANK_HEADER OVERLAP "05.02.2024;Bob Lee;Kaffee;4,50\n");
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  cli (f, &r, "init", "--currency", "EUR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  a = import_json (f, first, NULL, NULL, NULL, NULL);
  g_assert_cmpint (member_int (a, "imported"), ==, 3);
  b = import_json (f, second, NULL, NULL, NULL, NULL);
  g_assert_cmpint (member_int (b, "imported"), ==, 1);
  g_assert_cmpint (member_int (b, "total_minor"), ==, 450);
  g_assert_cmpint (member_int (b, "duplicates"), ==, 3);
  run_clear (&r);
}

/* A store export's order of 0.00 is a purchase: it counts in the customer's purchases and
 * dates, and a customer whose only order was free is a customer. */
static void
test_zero_order (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *path = write_file (f, "orders.csv",
                                      "Order,Email,Name,Date,Total\n"
                                      "1001,ann@example.com,Ann Lee,2024-01-05,10.00\n"
                                      "1002,ann@example.com,Ann Lee,2024-02-05,0.00\n"
                                      "1003,ann@example.com,Ann Lee,2024-03-05,15.00\n"
                                      "1004,sam@example.com,Sam Free,2024-03-06,0.00\n");
  g_autoptr(JsonNode) imp = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *customers;
  gboolean seen_ann = FALSE, seen_sam = FALSE;

  cli (f, &r, "init", "--currency", "USD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  imp = import_json (f, path, NULL, NULL, NULL, NULL);
  g_assert_cmpint (member_int (imp, "imported"), ==, 4);
  g_assert_cmpint (member_int (imp, "skipped"), ==, 0);
  g_assert_cmpint (member_int (imp, "new_customers"), ==, 2);
  cli (f, &r, "customer", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  list = parse_json (r.out);
  customers = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      JsonObject *c = json_array_get_object_element (customers, i);
      const char *email = json_object_get_string_member (c, "email");

      if (g_strcmp0 (email, "ann@example.com") == 0)
        {
          seen_ann = TRUE;
          g_assert_cmpint (json_object_get_int_member (c, "purchases"), ==, 3);
          g_assert_cmpint (json_object_get_int_member (c, "total_spend_minor"), ==, 2500);
        }
      else if (g_strcmp0 (email, "sam@example.com") == 0)
        {
          seen_sam = TRUE;
          g_assert_cmpint (json_object_get_int_member (c, "purchases"), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (c, "last_purchase"), ==, "2024-03-06");
        }
    }
  g_assert_true (seen_ann && seen_sam);
  run_clear (&r);
}

/* The CDNOW sample log through import and analysis: every one of its 6,919 rows (the 8 orders
 * of $0.00 and the purchases that repeat another of the same customer, day and amount) gives
 * the published BG/NBD fit (Fader, Hardie & Lee 2005: LL −9582.4292 on 2,357 customers). */
static void
test_cdnow (Fixture *f, gconstpointer data)
{
  Run r = { 0 };
  g_autofree char *path = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);
  g_autoptr(JsonNode) imp = NULL;
  g_autoptr(JsonNode) an = NULL;
  JsonObject *o, *params;

  cli (f, &r, "init", "--currency", "USD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  imp = import_json (f, path, "--map", "customer=masterid,date=date,amount=sales",
                     "--date-format", "%Y%m%d");
  g_assert_cmpint (member_int (imp, "rows_read"), ==, 6919);
  g_assert_cmpint (member_int (imp, "imported"), ==, 6919);
  g_assert_cmpint (member_int (imp, "duplicates"), ==, 0);
  g_assert_cmpint (member_int (imp, "skipped"), ==, 0);
  g_assert_cmpint (member_int (imp, "new_customers"), ==, 2357);
  g_assert_cmpint (member_int (imp, "total_minor"), ==, 24409194);

  cli (f, &r, "analyze", "--model", "bgnbd", "--end", "1997-09-30", "--time-unit", "week",
       "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  an = parse_json (r.out);
  o = json_node_get_object (an);
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, 2357);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "log_likelihood"),
                                  -9582.4292, 1e-3);
  params = json_object_get_object_member (o, "params");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "r"), 0.243, 0.01 * 0.243);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "alpha"), 4.414,
                                  0.01 * 4.414);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "a"), 0.793, 0.01 * 0.793);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (params, "b"), 2.426, 0.01 * 2.426);
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/import/bank-overlap", test_bank_overlap);
  ADD ("/cli/import/bank-third-identical", test_bank_third_identical);
  ADD ("/cli/import/zero-order", test_zero_order);
  ADD ("/cli/import/cdnow", test_cdnow);
#undef ADD
  return g_test_run ();
}
