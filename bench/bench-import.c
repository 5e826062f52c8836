/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import of two generated files (1,000,000 rows, 100,000 customers by default) into fresh
 * shops, each beside its anchor measured in the same run: the sqlite3 shell doing the same job,
 * `.import` of the file into a table and then `CREATE INDEX` of the indexes the shop keeps for
 * it (the order id's uniqueness, customer + day + amount for the analysis, the day, the folded
 * e-mail address). The files:
 *   - a store export with order ids (one row per order);
 *   - a sales log without ids, as a bank file is (customer, date, amount), which the import
 *     deduplicates by content and occurrence.
 * With a third argument, the UCI Online Retail file as well (541,909 invoice lines): its import
 * with the line items against the shell's `.import` of the file and the indexes the shop keeps
 * for its sales and lines (the invoice, customer + day + amount, the day, the product).
 * Prints each time, the ratio against the budget (1.5 x the anchor), and the peak memory of
 * each process on its own. Fails (exit 1) when a child fails or the shop does not hold every
 * row afterwards (for Online Retail: every invoice and line of a named customer, counted in the
 * anchor's table): a figure of a failed import is no measurement. Never fails on time.
 *
 *   bench-import [ROWS] [REGULARS-CLI] [ONLINE-RETAIL-CSV]
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"

#define BUDGET 1.5

static char *
date_text (GRand *rand)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, 2022);
  g_date_add_days (&d, g_rand_int_range (rand, 0, 1000));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

/* A store export: one row per order, customers with e-mail addresses. */
static void
write_store_export (const char *path, guint rows)
{
  FILE *out = fopen (path, "w");
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  fprintf (out, "Order,Customer ID,Email,Name,Date,Total,Currency\n");
  for (guint i = 0; i < rows; i++)
    {
      guint c = g_rand_int_range (rand, 0, MAX (rows / 10, 1));
      g_autofree char *day = date_text (rand);

      fprintf (out, "%u,C%06u,customer%u@example.com,Customer %u,%s,%u.%02u,EUR\n",
               100000 + i, c, c, c, day, g_rand_int_range (rand, 5, 300),
               g_rand_int_range (rand, 0, 100));
    }
  fclose (out);
}

/* A sales log without ids: who, when, how much; now and then the same customer pays the same
 * amount twice on one day (two real purchases, both kept). */
static void
write_sales_log (const char *path, guint rows)
{
  FILE *out = fopen (path, "w");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);

  fprintf (out, "Email,Name,Date,Amount\n");
  for (guint i = 0; i < rows; i++)
    {
      guint c = g_rand_int_range (rand, 0, MAX (rows / 10, 1));
      g_autofree char *day = date_text (rand);

      fprintf (out, "customer%u@example.com,Customer %u,%s,%u.%02u\n", c, c, day,
               g_rand_int_range (rand, 2, 40), g_rand_int_range (rand, 0, 4) * 25);
    }
  fclose (out);
}

static gint64
json_int (const char *json, const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("not the JSON expected: %s\n", json);
      exit (1);
    }
  o = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_int_member_with_default (o, key, -1);
}

static void
bench_file (const char *cli, const char *dir, const char *label, const char *csv,
            guint rows, const char *map, const char *const *index_sql)
{
  g_autofree char *shop = g_build_filename (dir, "shop.regulars", NULL);
  g_autofree char *raw = g_build_filename (dir, "raw.sqlite", NULL);
  g_autofree char *import_cmd = g_strdup_printf (".import %s rows", csv);
  g_autoptr(GPtrArray) sqlite_argv = g_ptr_array_new ();
  const char *init_argv[] = { cli, "--shop", shop, "init", "--currency", "EUR", NULL };
  const char *import_argv[] = { cli, "--shop", shop, "import", csv, "--map", map, "--json", NULL };
  const char *count_argv[] = { "sqlite3", shop, "SELECT count(*) FROM sales", NULL };
  BenchMeasure anchor, ours, counted, init;
  gint64 imported;
  struct stat st;

  g_stat (csv, &st);
  printf ("%s: %u rows, %.1f MB\n", label, rows, st.st_size / 1e6);

  g_ptr_array_add (sqlite_argv, (gpointer) "sqlite3");
  g_ptr_array_add (sqlite_argv, raw);
  g_ptr_array_add (sqlite_argv, (gpointer) ".mode csv");
  g_ptr_array_add (sqlite_argv, import_cmd);
  for (guint i = 0; index_sql[i] != NULL; i++)
    g_ptr_array_add (sqlite_argv, (gpointer) index_sql[i]);
  g_ptr_array_add (sqlite_argv, NULL);
  anchor = bench_run ((const char *const *) sqlite_argv->pdata, FALSE);
  printf ("  anchor, sqlite3 .import + CREATE INDEX: %.2f s (%.2f s of CPU), peak RSS %.1f MB\n",
          anchor.wall, anchor.cpu, anchor.max_rss_kb / 1024.0);

  init = bench_run (init_argv, FALSE);
  ours = bench_run (import_argv, TRUE);
  imported = json_int (ours.out, "imported");
  counted = bench_run (count_argv, TRUE);
  if (imported != rows || g_ascii_strtoll (counted.out, NULL, 10) != rows)
    {
      g_printerr ("  the import kept %" G_GINT64_FORMAT " of %u rows (the shop holds %s): no figure\n",
                  imported, rows, g_strstrip (counted.out));
      exit (1);
    }
  printf ("  regulars-cli import:                   %.2f s (%.2f s of CPU), peak RSS %.1f MB, "
          "every row kept\n", ours.wall, ours.cpu, ours.max_rss_kb / 1024.0);
  printf ("  ratio:                                 %.2f x wall, %.2f x CPU (budget %.1f x)\n\n",
          ours.wall / anchor.wall, ours.cpu / MAX (anchor.cpu, 0.001), BUDGET);
  bench_measure_clear (&anchor);
  bench_measure_clear (&init);
  bench_measure_clear (&ours);
  bench_measure_clear (&counted);
  g_unlink (shop);
  g_unlink (raw);
}

/* One number that a query prints (sqlite3's own output), or exit 1. */
static gint64
query_count (const char *db, const char *sql)
{
  const char *argv[] = { "sqlite3", db, sql, NULL };
  BenchMeasure m = bench_run (argv, TRUE);
  char *end = NULL;
  gint64 n = g_ascii_strtoll (m.out, &end, 10);

  if (end == m.out)
    {
      g_printerr ("  %s on %s gave no number: %s\n", sql, db, m.out);
      exit (1);
    }
  bench_measure_clear (&m);
  return n;
}

/* What the shop holds after the Online Retail import against what the anchor's table says it
 * must: each count once from the file, once from the shop. */
typedef struct
{
  const char *what;
  const char *in_file;
  const char *in_shop;
} RetailCheck;

/* The UCI Online Retail file with its line items: the import as the owner runs it (layout
 * found by itself) against the shell loading the file and building the indexes the shop keeps
 * for sales and lines. */
static void
bench_retail (const char *cli, const char *dir, const char *csv)
{
  g_autofree char *shop = g_build_filename (dir, "retail.regulars", NULL);
  g_autofree char *raw = g_build_filename (dir, "retail.sqlite", NULL);
  g_autofree char *import_cmd = g_strdup_printf (".import %s rows", csv);
  const char *anchor_argv[] = {
    "sqlite3", raw, ".mode csv", import_cmd,
    /* the sale's unique invoice and its lines by sale */
    "CREATE INDEX rows_invoice ON rows (InvoiceNo)",
    "CREATE INDEX rows_customer_day ON rows (CustomerID, InvoiceDate, UnitPrice)",
    "CREATE INDEX rows_day ON rows (InvoiceDate)",
    /* the product's unique code and the lines by product */
    "CREATE INDEX rows_product ON rows (StockCode)",
    NULL
  };
  const char *init_argv[] = { cli, "--shop", shop, "init", "--currency", "GBP", "--locale",
                              "en_GB", "--name", "Retail", NULL };
  const char *import_argv[] = { cli, "--shop", shop, "import", csv, "--json", NULL };
  const RetailCheck checks[] = {
    { "invoices", "SELECT count(DISTINCT InvoiceNo) FROM rows WHERE CustomerID <> ''",
      "SELECT count(*) FROM sales" },
    { "lines", "SELECT count(*) FROM rows WHERE CustomerID <> ''",
      "SELECT count(*) FROM sale_lines" },
    { "customers", "SELECT count(DISTINCT CustomerID) FROM rows WHERE CustomerID <> ''",
      "SELECT count(*) FROM customers" },
  };
  BenchMeasure anchor, ours, init;
  gint64 rows;
  struct stat st;

  if (g_stat (csv, &st) != 0)
    {
      g_printerr ("%s: not found\n", csv);
      exit (1);
    }
  anchor = bench_run (anchor_argv, FALSE);
  rows = query_count (raw, "SELECT count(*) FROM rows");
  printf ("UCI Online Retail with its line items: %" G_GINT64_FORMAT " rows, %.1f MB\n", rows,
          st.st_size / 1e6);
  printf ("  anchor, sqlite3 .import + CREATE INDEX: %.2f s (%.2f s of CPU), peak RSS %.1f MB\n",
          anchor.wall, anchor.cpu, anchor.max_rss_kb / 1024.0);
  init = bench_run (init_argv, FALSE);
  ours = bench_run (import_argv, TRUE);
  if (json_int (ours.out, "rows_read") != rows || json_int (ours.out, "rejected") != 0)
    {
      g_printerr ("  the import read %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " rows and "
                  "rejected %" G_GINT64_FORMAT ": no figure\n", json_int (ours.out, "rows_read"),
                  rows, json_int (ours.out, "rejected"));
      exit (1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 want = query_count (raw, checks[i].in_file);
      gint64 have = query_count (shop, checks[i].in_shop);

      if (want != have)
        {
          g_printerr ("  the shop holds %" G_GINT64_FORMAT " %s of the file's %" G_GINT64_FORMAT
                      ": no figure\n", have, checks[i].what, want);
          exit (1);
        }
    }
  printf ("  regulars-cli import:                   %.2f s (%.2f s of CPU), peak RSS %.1f MB, "
          "every invoice and line kept\n", ours.wall, ours.cpu, ours.max_rss_kb / 1024.0);
  printf ("  ratio:                                 %.2f x wall, %.2f x CPU (budget %.1f x)\n\n",
          ours.wall / anchor.wall, ours.cpu / MAX (anchor.cpu, 0.001), BUDGET);
  bench_measure_clear (&anchor);
  bench_measure_clear (&init);
  bench_measure_clear (&ours);
  g_unlink (shop);
  g_unlink (raw);
}

int
main (int argc, char **argv)
{
  guint rows = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  const char *cli = argc > 2 ? argv[2] : "app/cli/regulars-cli";
  const char *retail = argc > 3 ? argv[3] : NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-import-XXXXXX", NULL);
  g_autofree char *orders = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *log = g_build_filename (dir, "sales-log.csv", NULL);
  /* the indexes the shop keeps for these rows (app/store/migrations), on the shell's table */
  const char *orders_indexes[] = {
    "CREATE UNIQUE INDEX rows_order ON rows (\"Order\")",
    "CREATE INDEX rows_customer_day ON rows (\"Customer ID\", Date, Total)",
    "CREATE INDEX rows_day ON rows (Date)",
    "CREATE INDEX rows_email ON rows (lower(Email))",
    NULL
  };
  const char *log_indexes[] = {
    "CREATE INDEX rows_customer_day ON rows (Email, Date, Amount)",
    "CREATE INDEX rows_day ON rows (Date)",
    "CREATE INDEX rows_email ON rows (lower(Email))",
    NULL
  };

  write_store_export (orders, rows);
  write_sales_log (log, rows);
  bench_file (cli, dir, "store export with order ids", orders, rows,
              "order=Order,customer=Customer ID,email=Email,name=Name,date=Date,amount=Total,currency=Currency",
              orders_indexes);
  bench_file (cli, dir, "sales log without ids (as a bank file)", log, rows,
              "email=Email,name=Name,date=Date,amount=Amount", log_indexes);
  if (retail != NULL)
    bench_retail (cli, dir, retail);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return 0;
}
