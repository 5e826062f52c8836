/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Line items and product figures on the real UCI Online Retail files: the sample in
 * real-exports and the full 541,909-line file. The file is read again here the plain way (its
 * lines grouped by invoice number), and the shop's lines, products and pairs bought together
 * are checked against that recount; a cancelled invoice's lines go with its sale, undo takes
 * every line of the import, and a customer id written as a float is the plain id. A product's
 * buyers by tier are recounted from the file's buyers and the tiers the analysis gave them.
 */
#include <sqlite3.h>
#include <string.h>

#include "clv-date.h"
#include "clv-types.h"
#include "reg-analysis-job.h"
#include "reg-import-job.h"
#include "reg-products.h"
#include "reg-segment.h"
#include "reg-shop.h"
#include "reg-shop-private.h"
#include "reg-segment-private.h"
#include "reg-test-utils.h"

typedef struct
{
  char    *dir;
  RegShop *shop;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = reg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "shop.regulars", NULL);
  f->shop = reg_shop_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "GBP", &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static RegImportResult *
run_import (Fixture *f, const char *path)
{
  g_autoptr(GError) error = NULL;
  RegImportRequest req;
  g_autoptr(RegImportJob) job = NULL;
  RegImportResult *result;

  reg_import_request_init (&req);
  job = reg_import_job_new (f->shop, path, &req);
  result = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_true (result->committed);
  return result;
}

static gint64
query_int (Fixture *f, const char *sql)
{
  sqlite3 *db = reg_store_get_db (reg_shop_get_store (f->shop));
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* ---- the file read the plain way ------------------------------------------------------- */

typedef struct
{
  guint       lines;
  GHashTable *bought;   /* stock codes of a positive quantity (set) */
} Invoice;

static void
invoice_free (gpointer data)
{
  Invoice *inv = data;

  g_hash_table_unref (inv->bought);
  g_free (inv);
}

/* The fields of one CSV line (RFC 4180 quoting; the file has no line breaks inside fields). */
static GPtrArray *
split_csv (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else if (*p == '\0')
            break;
          else
            g_string_append_c (cell, *p);
          continue;
        }
      if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\0' || *p == '\r')
        {
          g_ptr_array_add (fields, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          if (*p != ',')
            break;
        }
      else
        g_string_append_c (cell, *p);
    }
  g_string_free (cell, TRUE);
  return fields;
}

/* invoice number -> Invoice, for every line of the file */
static GHashTable *
read_invoices (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *invoices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, invoice_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_clear_pointer (&text, g_free);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      Invoice *inv;

      if (*lines[i] == '\0')
        continue;
      fields = split_csv (lines[i]);
      g_assert_cmpuint (fields->len, ==, 8);
      inv = g_hash_table_lookup (invoices, fields->pdata[0]);
      if (inv == NULL)
        {
          inv = g_new0 (Invoice, 1);
          inv->bought = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (invoices, g_strdup (fields->pdata[0]), inv);
        }
      inv->lines++;
      if (g_ascii_strtoll (fields->pdata[3], NULL, 10) > 0)
        g_hash_table_add (inv->bought, g_strdup (fields->pdata[1]));
    }
  return invoices;
}

/* The invoices the import made sales of, as the shop has them: number -> lines kept. */
static GHashTable *
shop_invoices (Fixture *f)
{
  sqlite3 *db = reg_store_get_db (reg_shop_get_store (f->shop));
  sqlite3_stmt *stmt = NULL;
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT s.external_id, (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id) "
      "FROM sales s", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  return out;
}

static guint
orders_holding (GHashTable *invoices, GHashTable *kept, const char *a, const char *b)
{
  GHashTableIter it;
  gpointer k;
  guint n = 0;

  g_hash_table_iter_init (&it, kept);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      Invoice *inv = g_hash_table_lookup (invoices, k);
      n += g_hash_table_contains (inv->bought, a)
           && (b == NULL || g_hash_table_contains (inv->bought, b));
    }
  return n;
}

/* Imports @path and checks lines, products and pairs against the recount; returns the batch. */
static gint64
check_file (Fixture *f, const char *path, guint pair_limit)
{
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) invoices = read_invoices (path);
  g_autoptr(GHashTable) kept = shop_invoices (f);
  g_autoptr(RegProductFigures) figures = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter it;
  gpointer k, v;
  guint64 lines = 0;
  guint orders = 0;

  g_assert_cmpuint (g_hash_table_size (kept), >, 0);
  /* every sale has the lines of its invoice in the file, and the shop no others */
  g_hash_table_iter_init (&it, kept);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      Invoice *inv = g_hash_table_lookup (invoices, k);

      g_assert_nonnull (inv);
      g_assert_cmpuint (GPOINTER_TO_UINT (v), ==, inv->lines);
      lines += inv->lines;
      orders += g_hash_table_size (inv->bought) > 0;
    }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sale_lines"), ==, (gint64) lines);

  figures = reg_shop_product_figures (f->shop, pair_limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->n_orders, ==, orders);
  /* the products are the stock codes of the kept invoices' lines */
  {
    sqlite3 *db = reg_store_get_db (reg_shop_get_store (f->shop));
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GHashTable) file_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) rows = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    rows = g_strsplit (text, "\n", -1);
    for (guint i = 1; rows[i] != NULL; i++)
      {
        g_autoptr(GPtrArray) fields = NULL;

        if (*rows[i] == '\0')
          continue;
        fields = split_csv (rows[i]);
        if (g_hash_table_contains (kept, fields->pdata[0]))
          g_hash_table_add (file_codes, g_strdup (fields->pdata[1]));
      }
    g_assert_cmpuint (figures->products->len, ==, g_hash_table_size (file_codes));
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM products"), ==,
                     g_hash_table_size (file_codes));
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT code FROM products", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_assert_true (g_hash_table_contains (file_codes, sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
  }
  /* each product's orders, and each pair's, counted the plain way */
  for (guint i = 0; i < figures->products->len && i < 50; i++)
    {
      const RegProductRow *row = figures->products->pdata[i];
      g_assert_cmpuint (row->orders, ==, orders_holding (invoices, kept, row->code, NULL));
    }
  g_assert_cmpuint (figures->pairs->len, >, 0);
  for (guint i = 0; i < figures->pairs->len; i++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);
      guint both = orders_holding (invoices, kept, p->a->code, p->b->code);

      g_assert_cmpuint (p->orders, ==, both);
      g_assert_cmpfloat_with_epsilon (p->support, (double) both / orders, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->confidence_ab, (double) both / p->a->orders, 1e-12);
      if (i > 0)
        g_assert_cmpuint (g_array_index (figures->pairs, RegProductPairRow, i - 1).orders, >=,
                          p->orders);
    }
  return result->batch;
}

static void
test_sample (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autofree char *before = reg_store_dump (reg_shop_get_store (f->shop), NULL);
  g_autofree char *after = NULL;
  gint64 batch = check_file (f, path, 0);
  RegUndoSummary undone = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sale_lines"), >, 0);
  g_assert_true (reg_shop_undo_import (f->shop, batch, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone.sales, >, 0);
  /* the lines went with their sales, and the products only they named */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sale_lines"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM products"), ==, 0);
  after = reg_store_dump (reg_shop_get_store (f->shop), NULL);
  g_assert_cmpstr (after, ==, before);
}

/* bought:CODE and not-bought:CODE against the buyers the file names. */
static void
test_segments (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) buyers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) everyone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *specs[] = { "bought:85123A", "not-bought:85123A" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSegment) unknown = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autofree char *name = NULL;

      if (*lines[i] == '\0')
        continue;
      fields = split_csv (lines[i]);
      name = g_strdup_printf ("Customer %s", (char *) fields->pdata[6]);
      if (g_ascii_strtoll (fields->pdata[3], NULL, 10) > 0)
        g_hash_table_add (everyone, g_strdup (name));
      if (g_str_equal (fields->pdata[1], "85123A") && g_ascii_strtoll (fields->pdata[3], NULL, 10) > 0)
        g_hash_table_add (buyers, g_steal_pointer (&name));
    }
  g_assert_cmpuint (g_hash_table_size (buyers), >, 0);
  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    {
      g_autoptr(RegSegment) seg = reg_segment_parse (f->shop, specs[k], &error);
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *title = NULL;

      g_assert_no_error (error);
      rows = reg_segment_list (seg, reg_shop_get_store (f->shop), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, k == 0 ? g_hash_table_size (buyers)
                                              : g_hash_table_size (everyone)
                                                  - g_hash_table_size (buyers));
      for (guint i = 0; i < rows->len; i++)
        {
          const RegCustomerRow *row = rows->pdata[i];
          g_assert_true (g_hash_table_contains (buyers, row->name) == (k == 0));
        }
      title = reg_segment_title (seg);
      g_assert_nonnull (strstr (title, "WHITE HANGING HEART T-LIGHT HOLDER"));
    }
  unknown = reg_segment_parse (f->shop, "bought:NO-SUCH-CODE", &error);
  g_assert_null (unknown);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
}

/* Each customer's offer against the plain recount: customer -> set of codes bought, from the
 * file; the best share of a bought product's buyers who also bought a product they lack. */
/* An Online Retail file of 40 customers who buy from 8 products, some far more often than
 * others, so that some products go together for three customers or more. */
static char *
write_baskets (Fixture *f)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (20);
  GString *csv = g_string_new ("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                               "CustomerID,Country\n");
  char *path = g_build_filename (f->dir, "baskets.csv", NULL);
  guint invoice = 540000;

  for (guint c = 0; c < 40; c++)
    for (guint o = 0; o < 2; o++, invoice++)
      for (guint p = 0; p < 8; p++)
        if (g_rand_double (rng) < 0.6 / (p + 1) + (p == (c % 3) ? 0.4 : 0))
          g_string_append_printf (csv, "%u,P%u,PRODUCT %u,%u,2011-0%u-1%u 10:00:00,1.25,%u.0,"
                                  "United Kingdom\n", invoice, p, p, p + 1, o + 1, c % 9,
                                  12000 + c);
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  g_string_free (csv, TRUE);
  return path;
}

static void
test_offers (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_baskets (f);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) bought = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) rows = reg_store_list_customer_rows (reg_shop_get_store (f->shop), FALSE,
                                                            NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint offers = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autofree char *name = NULL;
      GHashTable *set;

      if (*lines[i] == '\0')
        continue;
      fields = split_csv (lines[i]);
      if (g_ascii_strtoll (fields->pdata[3], NULL, 10) <= 0)
        continue;
      /* "12000.0" is the customer 12000 */
      name = g_strdup_printf ("Customer %" G_GINT64_FORMAT,
                              g_ascii_strtoll (fields->pdata[6], NULL, 10));
      if ((set = g_hash_table_lookup (bought, name)) == NULL)
        {
          set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (bought, g_strdup (name), set);
        }
      g_hash_table_add (set, g_strdup (fields->pdata[1]));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      const RegCustomerRow *row = rows->pdata[r];
      GHashTable *mine = g_hash_table_lookup (bought, row->name);
      g_autoptr(RegProductOffer) offer = NULL;
      g_autoptr(GError) error = NULL;
      double best = -1;
      GHashTableIter a_it;
      gpointer a;

      offer = reg_shop_product_offer (f->shop, row->id, &error);
      g_assert_no_error (error);
      if (mine == NULL)
        {
          g_assert_null (offer);
          continue;
        }
      g_hash_table_iter_init (&a_it, mine);
      while (g_hash_table_iter_next (&a_it, &a, NULL))
        {
          GHashTableIter others;
          gpointer set;
          g_autoptr(GHashTable) candidates = g_hash_table_new (g_str_hash, g_str_equal);
          GHashTableIter c_it;
          gpointer c;

          g_hash_table_iter_init (&others, bought);
          while (g_hash_table_iter_next (&others, NULL, &set))
            if (g_hash_table_contains (set, a))
              {
                GHashTableIter b_it;
                gpointer b;
                g_hash_table_iter_init (&b_it, set);
                while (g_hash_table_iter_next (&b_it, &b, NULL))
                  if (!g_hash_table_contains (mine, b))
                    g_hash_table_add (candidates, b);
              }
          g_hash_table_iter_init (&c_it, candidates);
          while (g_hash_table_iter_next (&c_it, &c, NULL))
            {
              guint with_a = 0, both = 0;

              g_hash_table_iter_init (&others, bought);
              while (g_hash_table_iter_next (&others, NULL, &set))
                if (g_hash_table_contains (set, a))
                  with_a++, both += g_hash_table_contains (set, c);
              if (both >= 3 && (double) both / with_a > best)
                best = (double) both / with_a;
            }
        }
      g_assert_true ((offer != NULL) == (best >= 0));
      if (offer != NULL)
        {
          g_assert_cmpfloat_with_epsilon (offer->confidence, best, 1e-12);
          g_assert_false (g_hash_table_contains (mine, offer->code));
          g_assert_true (g_hash_table_contains (mine, offer->because_code));
          g_assert_nonnull (strstr (offer->reason, offer->because_name));
          g_assert_nonnull (strstr (offer->reason, offer->name));
          offers++;
        }
    }
  g_assert_cmpuint (offers, >, 0);
}

static void
test_cancelled_invoice (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) invoices = read_invoices (path);
  Invoice *cancelled = g_hash_table_lookup (invoices, "C536383");
  g_autoptr(RegSaleRecord) gone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sale, before;

  g_assert_nonnull (cancelled);
  sale = query_int (f, "SELECT id FROM sales WHERE external_id = 'C536383'");
  /* the refund carries the invoice's lines, taken back (a negative quantity) */
  g_assert_cmpint (query_int (f, "SELECT amount FROM sales WHERE external_id = 'C536383'"), <, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sale_lines l JOIN sales s "
                                 "ON s.id = l.sale_id WHERE s.external_id = 'C536383'"),
                   ==, cancelled->lines);
  g_assert_cmpint (query_int (f, "SELECT max(l.quantity) FROM sale_lines l JOIN sales s "
                                 "ON s.id = l.sale_id WHERE s.external_id = 'C536383'"), <, 0);
  before = query_int (f, "SELECT count(*) FROM sale_lines");
  gone = reg_shop_delete_sale (f->shop, sale, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM sale_lines"), ==,
                   before - cancelled->lines);
}

static void
test_float_customer_id (Fixture *f, gconstpointer data)
{
  g_autofree char *one = g_build_filename (f->dir, "one.csv", NULL);
  g_autofree char *two = g_build_filename (f->dir, "two.csv", NULL);
  g_autoptr(RegImportResult) first = NULL;
  g_autoptr(RegImportResult) second = NULL;

  g_assert_true (g_file_set_contents (one,
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n",
      -1, NULL));
  g_assert_true (g_file_set_contents (two,
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
      "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom\n",
      -1, NULL));
  first = run_import (f, one);
  second = run_import (f, two);
  g_assert_cmpuint (first->new_customers, ==, 1);
  g_assert_cmpuint (second->new_customers, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customer_refs WHERE ref = '17850'"), ==, 1);
}

/* Shopify's and Square's real exports keep their line items too: every product the shop
 * has is named in the file, and the lines' amounts stay within what the sales hold. */
static void
test_store_exports (Fixture *f, gconstpointer data)
{
  const char *files[][3] = { { "shopify", "orders_export.csv", "EUR" },
                             { "square", "item_sales_may.csv", "USD" } };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = reg_test_shared_data_path ("real-exports", files[i][0], files[i][1],
                                                         NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RegImportResult) result = NULL;
      g_autoptr(RegProductFigures) figures = NULL;
      g_autofree char *text = NULL;

      g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, files[i][2], &error));
      result = run_import (f, path);
      g_assert_cmpuint (result->imported, >, 0);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      figures = reg_shop_product_figures (f->shop, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (figures->products->len, >, 0);
      for (guint k = 0; k < figures->products->len; k++)
        {
          const RegProductRow *row = figures->products->pdata[k];
          g_assert_nonnull (strstr (text, row->code));
          g_assert_nonnull (strstr (text, row->name));
        }
      g_assert_cmpint (query_int (f, "SELECT count(*) FROM sale_lines l JOIN sales s "
                                     "ON s.id = l.sale_id WHERE s.amount > 0 AND l.quantity <= 0"),
                       ==, 0);
      g_assert_true (reg_shop_undo_import (f->shop, result->batch, NULL, &error));
      g_assert_no_error (error);
    }
}

/* A Square refund's items come back even where the file gives their quantity unsigned. */
static void
test_square_refund_lines (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "square.csv", NULL);
  g_autoptr(RegImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  g_assert_true (g_file_set_contents (path,
      "Date,Time,Item,Qty,SKU,Net Sales,Transaction ID,Event Type,Customer ID\n"
      "2026-05-01,10:00:00,Cold Brew,2,CB-1,$8.00,T1,Payment,C1\n"
      "2026-05-02,11:00:00,Cold Brew,1,CB-1,-$4.00,T2,Refund,C1\n", -1, NULL));
  result = run_import (f, path);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT l.quantity FROM sale_lines l JOIN sales s "
                                 "ON s.id = l.sale_id WHERE s.amount > 0"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT l.quantity FROM sale_lines l JOIN sales s "
                                 "ON s.id = l.sale_id WHERE s.amount < 0"), ==, -1);
  g_assert_cmpint (query_int (f, "SELECT l.amount FROM sale_lines l JOIN sales s "
                                 "ON s.id = l.sale_id WHERE s.amount < 0"), ==, -400);
  g_assert_cmpint (query_int (f, "SELECT code = 'CB-1' FROM products"), ==, 1);
}

/* A shop of schema 12 that keeps "17850.0" as a customer's id finds the customer under
 * "17850" once opened by this version (and "12.5" stays as it was). */
static void
test_migration_float_ids (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.regulars", NULL);
  g_autoptr(GError) error = NULL;
  RegShop *old = reg_shop_open (path, TRUE, &error);
  sqlite3 *db;
  g_autoptr(RegShop) shop = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  db = reg_store_get_db (reg_shop_get_store (old));
  g_assert_cmpint (sqlite3_exec (db,
      "INSERT INTO customers (id, name) VALUES (1, 'Customer 17850'), (2, 'Other');"
      "INSERT INTO customer_refs (customer_id, kind, source, ref) VALUES "
      "  (1, 'id', 'online-retail', '17850.0'), (2, 'id', 'online-retail', '12.5');"
      "DROP TABLE sale_lines; DROP TABLE products; PRAGMA user_version = 12;",
      NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (old);
  shop = reg_shop_open (path, FALSE, &error);
  g_assert_no_error (error);
  db = reg_store_get_db (reg_shop_get_store (shop));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat(ref, ' ') FROM "
                                       "(SELECT ref FROM customer_refs ORDER BY customer_id)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "17850 12.5");
  sqlite3_finalize (stmt);
}

/* customer name ("Customer 17850") -> set of the stock codes they bought (a positive
 * quantity), from the invoices the shop kept, read the plain way */
static GHashTable *
customer_codes (const char *path, GHashTable *kept)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autofree char *name = NULL;
      GHashTable *codes;

      if (*lines[i] == '\0')
        continue;
      fields = split_csv (lines[i]);
      if (!g_hash_table_contains (kept, fields->pdata[0])
          || g_ascii_strtoll (fields->pdata[3], NULL, 10) <= 0)
        continue;
      name = g_strdup_printf ("Customer %s", (char *) fields->pdata[6]);
      if ((codes = g_hash_table_lookup (out, name)) == NULL)
        {
          codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (out, g_steal_pointer (&name), codes);
        }
      g_hash_table_add (codes, g_strdup (fields->pdata[1]));
    }
  return out;
}

/* customers (of @members, NULL = all) whose codes hold @a and, unless NULL, @b */
static guint
customers_holding (GHashTable *customers, GHashTable *members, const char *a, const char *b)
{
  GHashTableIter it;
  gpointer k, v;
  guint n = 0;

  g_hash_table_iter_init (&it, customers);
  while (g_hash_table_iter_next (&it, &k, &v))
    n += (members == NULL || g_hash_table_contains (members, k))
         && g_hash_table_contains (v, a) && (b == NULL || g_hash_table_contains (v, b));
  return n;
}

/* Pairs by customer: a pair counts the customers who bought both, in one order or across
 * several, checked against the recount of each customer's products. */
static void
test_pairs_by_customer (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) kept = shop_invoices (f);
  g_autoptr(GHashTable) customers = customer_codes (path, kept);
  g_autoptr(RegProductFigures) figures = NULL;
  g_autoptr(RegProductFigures) by_order = NULL;
  g_autoptr(GError) error = NULL;
  guint across = 0;

  figures = reg_shop_product_figures_for (f->shop, NULL, REG_PAIRS_BY_CUSTOMER, 0, &error);
  g_assert_no_error (error);
  by_order = reg_shop_product_figures (f->shop, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->n_orders, ==, g_hash_table_size (customers));
  g_assert_cmpuint (figures->pairs->len, >, 0);
  for (guint i = 0; i < figures->pairs->len; i++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);
      guint both = customers_holding (customers, NULL, p->a->code, p->b->code);
      guint with_a = customers_holding (customers, NULL, p->a->code, NULL);
      guint with_b = customers_holding (customers, NULL, p->b->code, NULL);
      double n = g_hash_table_size (customers);

      g_assert_cmpuint (p->orders, ==, both);
      g_assert_cmpfloat_with_epsilon (p->support, both / n, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->confidence_ab, (double) both / with_a, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->confidence_ba, (double) both / with_b, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->lift, (both / n) / ((with_a / n) * (with_b / n)), 1e-9);
      if (i > 0)
        g_assert_cmpuint (g_array_index (figures->pairs, RegProductPairRow, i - 1).orders, >=,
                          p->orders);
    }
  /* by customer is not by order: some pair's customers bought the two in different orders */
  for (guint i = 0; i < figures->pairs->len; i++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);
      gboolean found = FALSE;

      for (guint j = 0; j < by_order->pairs->len && !found; j++)
        {
          const RegProductPairRow *q = &g_array_index (by_order->pairs, RegProductPairRow, j);
          found = g_str_equal (q->a->code, p->a->code) && g_str_equal (q->b->code, p->b->code)
                  && q->orders == p->orders;
        }
      across += !found;
    }
  g_assert_cmpuint (across, >, 0);
}

/* Products of a segment's customers alone: each product's buyers among them, recounted. */
static void
test_segment_products (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) kept = shop_invoices (f);
  g_autoptr(GHashTable) customers = customer_codes (path, kept);
  g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RegSegment) seg = NULL;
  g_autoptr(RegProductFigures) figures = NULL;
  g_autoptr(RegProductFigures) all = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter it;
  gpointer k, v;

  g_hash_table_iter_init (&it, customers);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (g_hash_table_contains (v, "85123A"))
      g_hash_table_add (members, k);
  g_assert_cmpuint (g_hash_table_size (members), >, 0);
  g_assert_cmpuint (g_hash_table_size (members), <, g_hash_table_size (customers));
  seg = reg_segment_parse (f->shop, "bought:85123A", &error);
  g_assert_no_error (error);
  figures = reg_shop_product_figures_for (f->shop, seg, REG_PAIRS_BY_ORDER, 0, &error);
  g_assert_no_error (error);
  all = reg_shop_product_figures (f->shop, REG_PRODUCT_NO_PAIRS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->products->len, <, all->products->len);
  for (guint i = 0; i < figures->products->len; i++)
    {
      const RegProductRow *row = figures->products->pdata[i];

      g_assert_cmpuint (row->customers, ==,
                        customers_holding (customers, members, row->code, NULL));
      g_hash_table_add (listed, row->code);
    }
  /* every product the segment's customers bought is there, and only those */
  g_hash_table_iter_init (&it, customers);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (g_hash_table_contains (members, k))
      {
        GHashTableIter codes;
        gpointer code;

        g_hash_table_iter_init (&codes, v);
        while (g_hash_table_iter_next (&codes, &code, NULL))
          g_assert_true (g_hash_table_contains (listed, code));
      }
  for (guint i = 0; i < figures->pairs->len; i++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);
      g_assert_cmpuint (p->a->customers, >, 0);
      g_assert_cmpuint (p->b->customers, >, 0);
    }
}

/* "bought:X,not-bought:Y": those who bought X and never Y, with a title in words. */
static void
test_cross_sell_segment (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) kept = shop_invoices (f);
  g_autoptr(GHashTable) customers = customer_codes (path, kept);
  g_autoptr(RegProductFigures) all = NULL;
  g_autoptr(GError) error = NULL;
  const RegProductRow *x = NULL, *y = NULL;
  guint expected = 0;

  all = reg_shop_product_figures (f->shop, REG_PRODUCT_NO_PAIRS, &error);
  g_assert_no_error (error);
  /* a pair where some buyers of the first have the second and some do not */
  for (guint i = 0; i < all->products->len && y == NULL; i++)
    for (guint j = 0; j < all->products->len && y == NULL; j++)
      {
        const RegProductRow *a = all->products->pdata[i], *b = all->products->pdata[j];
        guint both = customers_holding (customers, NULL, a->code, b->code);
        guint with_a = customers_holding (customers, NULL, a->code, NULL);

        if (i != j && both > 0 && with_a - both >= 2)
          x = a, y = b, expected = with_a - both;
      }
  g_assert_nonnull (y);
  {
    g_autofree char *spec = g_strdup_printf ("bought:%s,not-bought:%s", x->code, y->code);
    g_autoptr(RegSegment) seg = reg_segment_parse (f->shop, spec, &error);
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *title = NULL;
    g_autofree char *words = NULL;
    g_autofree char *expected_title = NULL;

    g_assert_no_error (error);
    rows = reg_segment_list (seg, reg_shop_get_store (f->shop), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, expected);
    for (guint i = 0; i < rows->len; i++)
      {
        GHashTable *codes = g_hash_table_lookup (customers, ((RegCustomerRow *) rows->pdata[i])->name);

        g_assert_nonnull (codes);
        g_assert_true (g_hash_table_contains (codes, x->code));
        g_assert_false (g_hash_table_contains (codes, y->code));
      }
    title = reg_segment_title (seg);
    expected_title = g_strdup_printf ("Customers who bought %s but not %s", x->name, y->name);
    g_assert_cmpstr (title, ==, expected_title);
    words = reg_segment_describe (seg);
    g_assert_nonnull (strstr (words, x->code));
    g_assert_nonnull (strstr (words, y->code));
  }
  {
    g_autofree char *spec = g_strdup_printf ("bought:%s,not-bought:NO-SUCH-CODE", x->code);
    g_autoptr(RegSegment) seg = reg_segment_parse (f->shop, spec, &error);

    g_assert_null (seg);
    g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_full_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("online-retail", "online_retail.csv", NULL);

#if defined(__SANITIZE_ADDRESS__)
  /* 15 s in a plain build, over 8 minutes under AddressSanitizer: the plain run checks it */
  g_test_skip ("the full Online Retail file is checked in the build without sanitizers");
  return;
#endif
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the full Online Retail file is not there");
      return;
    }
  check_file (f, path, 200);
}

static gboolean
tier_of_name_cb (const RegCustomerRow *row, gpointer data, GError **error)
{
  g_hash_table_insert (data, g_strdup (row->name), g_strdup (row->tier));
  return TRUE;
}

static void
assert_buyers (const RegProductBuyers *got, const guint expected[CLV_N_TIERS])
{
  g_assert_cmpuint (got->top, ==, expected[CLV_TIER_TOP]);
  g_assert_cmpuint (got->middle, ==, expected[CLV_TIER_MIDDLE]);
  g_assert_cmpuint (got->bottom, ==, expected[CLV_TIER_BOTTOM]);
  g_assert_cmpuint (got->not_scored, ==, expected[CLV_TIER_NONE]);
  g_assert_cmpuint (got->customers, ==, expected[0] + expected[1] + expected[2] + expected[3]);
}

/* A product's buyers by tier: the file's buyers of each product, each counted in the tier the
 * analysis gave them; before an analysis, and for a buyer since, not scored yet. */
static void
test_buyers_by_tier (Fixture *f, gconstpointer data)
{
  g_autofree char *path = reg_test_shared_data_path ("real-exports", "online-retail",
                                                     "online_retail_sample.csv", NULL);
  g_autoptr(RegImportResult) result = run_import (f, path);
  g_autoptr(GHashTable) kept = shop_invoices (f);
  g_autoptr(GHashTable) customers = customer_codes (path, kept);
  g_autoptr(GHashTable) tiers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RegProductFigures) figures = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint in_tier[CLV_N_TIERS] = { 0 };
  RegProductBuyers buyers, before;
  RegCustomerRecord walk_in = { 0 };
  RegSaleLineInput line;
  const RegProductRow *first;
  gint64 id;

  figures = reg_shop_product_figures (f->shop, REG_PRODUCT_NO_PAIRS, &error);
  g_assert_no_error (error);
  first = figures->products->pdata[0];
  /* no analysis yet: nobody is in a tier */
  g_assert_true (reg_shop_product_buyers_by_tier (f->shop, first->code, &buyers, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (buyers.customers, ==, first->customers);
  g_assert_cmpuint (buyers.not_scored, ==, first->customers);

  job = reg_analysis_job_new (f->shop, NULL);
  summary = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_true (reg_shop_foreach_customer_row (f->shop, TRUE, tier_of_name_cb, tiers, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < figures->products->len; i++)
    {
      const RegProductRow *row = figures->products->pdata[i];
      guint expected[CLV_N_TIERS] = { 0 };
      GHashTableIter it;
      gpointer name, codes;

      g_hash_table_iter_init (&it, customers);
      while (g_hash_table_iter_next (&it, &name, &codes))
        if (g_hash_table_contains (codes, row->code))
          {
            const char *tier = g_hash_table_lookup (tiers, name);
            ClvTier t = g_strcmp0 (tier, "top") == 0      ? CLV_TIER_TOP
                        : g_strcmp0 (tier, "middle") == 0 ? CLV_TIER_MIDDLE
                        : g_strcmp0 (tier, "bottom") == 0 ? CLV_TIER_BOTTOM
                                                          : CLV_TIER_NONE;
            expected[t]++;
          }
      g_assert_true (reg_shop_product_buyers_by_tier (f->shop, row->code, &buyers, &error));
      g_assert_no_error (error);
      assert_buyers (&buyers, expected);
      g_assert_cmpuint (buyers.customers, ==, row->customers);
      for (guint t = 0; t < CLV_N_TIERS; t++)
        in_tier[t] += expected[t];
    }
  /* the sample's buyers fall in every tier: the counts are not all in one place */
  g_assert_cmpuint (in_tier[CLV_TIER_TOP], >, 0);
  g_assert_cmpuint (in_tier[CLV_TIER_MIDDLE], >, 0);
  g_assert_cmpuint (in_tier[CLV_TIER_BOTTOM], >, 0);

  /* a customer who buys it after the analysis is not scored yet */
  g_assert_true (reg_shop_product_buyers_by_tier (f->shop, first->code, &before, &error));
  walk_in.name = (char *) "Walk-in buyer";
  id = reg_shop_add_customer (f->shop, &walk_in, &error);
  g_assert_no_error (error);
  line = (RegSaleLineInput) { first->code, 1, 250 };
  g_assert_cmpint (reg_shop_record_sale_lines (f->shop, id, clv_date_from_ymd (2011, 1, 3), 250,
                                               NULL, &line, 1, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (reg_shop_product_buyers_by_tier (f->shop, first->code, &buyers, &error));
  g_assert_cmpuint (buyers.customers, ==, before.customers + 1);
  g_assert_cmpuint (buyers.not_scored, ==, before.not_scored + 1);
  g_assert_cmpuint (buyers.top + buyers.middle + buyers.bottom, ==,
                    before.top + before.middle + before.bottom);

  g_assert_false (reg_shop_product_buyers_by_tier (f->shop, "NO SUCH CODE", &buyers, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
}

/* The buyers in words, a tier of nobody left out. */
static void
test_buyers_in_words (void)
{
  const struct { RegProductBuyers buyers; const char *words; } cases[] = {
    { { 120, 12, 40, 60, 8 }, "Bought by 120 customers: 12 top tier, 40 middle, 60 bottom, 8 not scored yet" },
    { { 5, 2, 0, 3, 0 }, "Bought by 5 customers: 2 top tier, 3 bottom" },
    { { 1, 0, 0, 0, 1 }, "Bought by 1 customer: 1 not scored yet" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = reg_product_buyers_in_words (&cases[i].buyers);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/products/online-retail-sample", Fixture, NULL, fixture_setup, test_sample,
              fixture_teardown);
  g_test_add ("/products/segments", Fixture, NULL, fixture_setup, test_segments,
              fixture_teardown);
  g_test_add ("/products/offers", Fixture, NULL, fixture_setup, test_offers, fixture_teardown);
  g_test_add ("/products/cancelled-invoice", Fixture, NULL, fixture_setup,
              test_cancelled_invoice, fixture_teardown);
  g_test_add ("/products/float-customer-id", Fixture, NULL, fixture_setup,
              test_float_customer_id, fixture_teardown);
  g_test_add ("/products/store-exports", Fixture, NULL, fixture_setup, test_store_exports,
              fixture_teardown);
  g_test_add ("/products/square-refund-lines", Fixture, NULL, fixture_setup,
              test_square_refund_lines, fixture_teardown);
  g_test_add ("/products/migration-float-ids", Fixture, NULL, fixture_setup,
              test_migration_float_ids, fixture_teardown);
  g_test_add ("/products/pairs-by-customer", Fixture, NULL, fixture_setup,
              test_pairs_by_customer, fixture_teardown);
  g_test_add ("/products/segment-products", Fixture, NULL, fixture_setup,
              test_segment_products, fixture_teardown);
  g_test_add ("/products/cross-sell-segment", Fixture, NULL, fixture_setup,
              test_cross_sell_segment, fixture_teardown);
  g_test_add ("/products/buyers-by-tier", Fixture, NULL, fixture_setup, test_buyers_by_tier,
              fixture_teardown);
  g_test_add_func ("/products/buyers-in-words", test_buyers_in_words);
  g_test_add ("/products/online-retail-full", Fixture, NULL, fixture_setup, test_full_file,
              fixture_teardown);
  return g_test_run ();
}
