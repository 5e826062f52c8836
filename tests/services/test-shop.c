/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegShop: amounts and dates as owners type them in their locale, settings and their
 * messages, customers and sales with the list models following every change, and the demo.
 */
#include <locale.h>
#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-customer.h"
#include "reg-demo.h"
#include "reg-sale.h"
#include "reg-shop.h"
#include "reg-shop-private.h"
#include "reg-test-utils.h"
#include "services-test-utils.h"
#include "reg-store.h"

/* a new, empty shop in a folder of its own (services-test-utils.h) */
typedef RegServicesShopFixture Fixture;
#define fixture_setup services_shop_fixture_setup
#define fixture_teardown services_shop_fixture_teardown

typedef struct
{
  const char *locale;
  const char *text;
  gint64      expected;   /* minor units */
  const char *error;      /* NULL when accepted; else a piece of the message */
} AmountCase;

static const AmountCase amount_cases[] = {
  { "de_DE", "12,50", 1250, NULL },
  { "de_DE", "1.234,56", 123456, NULL },
  { "de_DE", "1,234.56", 123456, NULL },      /* both marks: the last one is the decimal mark */
  { "de_DE", "12.345", 1234500, NULL },       /* '.' groups thousands in German */
  { "de_DE", "-3,00", -300, NULL },
  { "de_DE", "12,50 €", 1250, NULL },
  { "de_DE", "1.2.3", 0, "thousands separators must group three digits" },
  { "en_US", "12,50", 1250, NULL },           /* two digits after a comma can only be cents */
  { "en_US", "1.234,56", 123456, NULL },
  { "en_US", "1,234.56", 123456, NULL },
  /* the shop's currency is EUR: a symbol or code of another currency is refused, never read
   * as euros */
  { "en_US", "$12", 0, "not in the shop's currency (EUR)" },
  { "en_US", "¥12", 0, "not in the shop's currency (EUR)" },
  { "en_US", "12 USD", 0, "an amount in “USD”" },
  { "de_DE", "US$ 12,00", 0, "an amount in “US$”" },
  { "en_US", "£3.50", 0, "not in the shop's currency (EUR)" },
  { "en_US", "€12", 1200, NULL },
  { "en_US", "12 EUR", 1200, NULL },
  { "de_DE", "EUR 12,50", 1250, NULL },
  { "en_US", "-3.00", -300, NULL },
  { "en_US", "(4.00)", -400, NULL },
  { "en_US", "12.345", 0, "has three decimals" },
  { "en_US", "1,234", 123400, NULL },
  { "en_US", "12.3", 1230, NULL },
  { "en_US", "abc", 0, "“abc” is not an amount" },
  { "en_US", "", 0, "the amount is empty" },
  { "en_US", "12.5.6", 0, "is not an amount" },
  { "en_US", "99999999999999", 0, "too large" },
  { "fr_FR", "1 234,56", 123456, NULL },
  { "fr_FR", "1\xc2\xa0" "234,56 €", 123456, NULL },
  { "de_CH", "1'234.50", 123450, NULL },
};

static void
test_amounts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  for (gsize i = 0; i < G_N_ELEMENTS (amount_cases); i++)
    {
      const AmountCase *c = &amount_cases[i];
      gint64 minor = 0;
      gboolean ok;

      g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, c->locale, &error));
      ok = reg_shop_parse_amount (f->shop, c->text, &minor, &error);
      g_test_message ("%s “%s” → %s", c->locale, c->text, ok ? "ok" : error->message);
      if (c->error == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (minor, ==, c->expected);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, c->error));
          /* the message names the text, so the owner sees what was refused */
          if (*c->text != '\0')
            g_assert_nonnull (strstr (error->message, c->text));
          g_clear_error (&error);
        }
    }
}

static void
test_format_amounts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *de = NULL, *us = NULL, *neg = NULL, *yen = NULL;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "de_DE", &error));
  de = reg_shop_format_amount (f->shop, 123456);
  g_assert_cmpstr (de, ==, "1.234,56\xc2\xa0€");
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "en_US", &error));
  us = reg_shop_format_amount (f->shop, 123456);
  g_assert_cmpstr (us, ==, "$1,234.56");
  neg = reg_shop_format_amount (f->shop, -300);
  g_assert_cmpstr (neg, ==, "-$3.00");
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "JPY", &error));
  yen = reg_shop_format_amount (f->shop, 1500);
  g_assert_cmpstr (yen, ==, "¥1,500");
}

static void
test_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint32 day;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "de_DE", &error));
  g_assert_true (reg_shop_parse_date (f->shop, "05.03.2024", &day, &error));
  g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 3, 5));
  g_assert_true (reg_shop_parse_date (f->shop, "2024-03-05", &day, &error));
  g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 3, 5));
  g_assert_true (reg_shop_parse_date (f->shop, "5. März 2024", &day, &error));
  g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 3, 5));
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "en_US", &error));
  g_assert_true (reg_shop_parse_date (f->shop, "03/05/2024", &day, &error));
  g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 3, 5));
  g_assert_true (reg_shop_parse_date (f->shop, "Mar 5, 2024", &day, &error));
  g_assert_cmpint (day, ==, clv_date_from_ymd (2024, 3, 5));
  g_assert_true (reg_shop_parse_date (f->shop, "today", &day, &error));
  g_assert_cmpint (day, ==, clv_date_today ());
  g_assert_false (reg_shop_parse_date (f->shop, "31/02/2024", &day, &error));
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "31/02/2024"));
  g_clear_error (&error);
  g_assert_false (reg_shop_parse_date (f->shop, "soon", &day, &error));
  g_assert_cmpstr (error->message, ==, "“soon” is not a date");
}

/* The window's sale entry and sale editor go through these: one rule on a sale's date with the
 * CLI and every import (1970-01-01 to a year from today). */
static void
test_sale_date_bounds (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord ann = { .name = (char *) "Ann" };
  RegCustomerRecord bob = { .name = (char *) "Bob" };
  RegSaleRecord rec = { 0 };
  gint32 today = clv_date_today ();
  gint32 last_ok = clv_date_sale_max (today);
  gint64 customer, sale, other = 0;

  customer = reg_shop_add_customer (f->shop, &ann, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reg_shop_record_sale (f->shop, customer, clv_date_from_ymd (1899, 12, 31),
                                         500, NULL, &error), ==, 0);
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1899-12-31"));
  g_clear_error (&error);
  g_assert_cmpint (reg_shop_record_sale (f->shop, customer, last_ok + 1, 500, NULL, &error), ==, 0);
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (reg_shop_record_sale_new_customer (f->shop, &bob,
                                                      clv_date_from_ymd (1969, 12, 31), 500,
                                                      NULL, &other, &error), ==, 0);
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (other, ==, 0);

  sale = reg_shop_record_sale (f->shop, customer, last_ok, 500, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sale, >, 0);
  g_assert_true (reg_shop_get_sale (f->shop, sale, &rec, &error));
  rec.day = clv_date_from_ymd (1024, 1, 1);
  g_assert_false (reg_shop_edit_sale (f->shop, &rec, &error));
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1024-01-01"));
  g_clear_error (&error);
  rec.day = CLV_DATE_SALE_MIN;
  g_assert_true (reg_shop_edit_sale (f->shop, &rec, &error));
  g_assert_no_error (error);
  reg_sale_record_clear (&rec);
}

static void
test_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *margin = NULL, *cost = NULL, *top = NULL;

  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_MARGIN, "35%", &error));
  margin = reg_shop_get_setting (f->shop, REG_SETTING_MARGIN);
  g_assert_cmpstr (margin, ==, "0.35");
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_ACQUISITION_COST, "$12.50", &error));
  cost = reg_shop_get_setting (f->shop, REG_SETTING_ACQUISITION_COST);
  g_assert_cmpstr (cost, ==, "1250");
  top = reg_shop_get_setting (f->shop, REG_SETTING_TIER_TOP);
  g_assert_cmpstr (top, ==, "0.2");

  g_assert_false (reg_shop_set_setting (f->shop, REG_SETTING_MARGIN, "150%", &error));
  g_assert_cmpstr (error->message, ==, "Setting “margin”: “150%” must be between 0% and 100%");
  g_clear_error (&error);
  g_assert_false (reg_shop_set_setting (f->shop, "colour", "blue", &error));
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_UNKNOWN_SETTING);
  g_clear_error (&error);
  g_assert_false (reg_shop_set_setting (f->shop, REG_SETTING_TIER_BOTTOM, "85%", &error));
  g_assert_nonnull (strstr (error->message, "no middle tier"));
  g_clear_error (&error);
  g_assert_false (reg_shop_set_setting (f->shop, REG_SETTING_HORIZON_MONTHS, "2.5", &error));
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
}

typedef struct
{
  guint position, removed, added, calls;
} ItemsChanged;

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added,
                     ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->calls++;
}

static RegCustomer *
customer_at (GListModel *model, guint i)
{
  g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);
  return c;   /* the list keeps its own reference */
}

static void
test_lists_follow_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GListModel *customers = reg_shop_get_customers (f->shop);
  GListModel *sales = reg_shop_get_sales (f->shop);
  ItemsChanged seen = { 0 };
  RegCustomerRecord rec = { 0 };
  g_autoptr(RegSaleRecord) deleted = NULL;
  gint64 ann, bob, s1, s2;
  gint32 day = clv_date_from_ymd (2024, 5, 1);

  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 0);
  g_signal_connect (customers, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);

  rec.name = (char *) "  Ann  ";
  rec.email = (char *) "Ann@Example.COM";
  ann = reg_shop_add_customer (f->shop, &rec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 1);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpstr (reg_customer_get_name (customer_at (customers, 0)), ==, "Ann");
  g_assert_cmpstr (reg_customer_get_email (customer_at (customers, 0)), ==, "ann@example.com");

  rec.name = (char *) "Bob";
  rec.email = (char *) "not-an-address";
  g_assert_cmpint (reg_shop_add_customer (f->shop, &rec, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Email “not-an-address”: is not an e-mail address");
  g_clear_error (&error);
  rec.email = NULL;
  bob = reg_shop_add_customer (f->shop, &rec, &error);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 2);

  s1 = reg_shop_record_sale (f->shop, ann, day, 1250, "coffee", &error);
  g_assert_no_error (error);
  s2 = reg_shop_record_sale (f->shop, ann, day + 7, 800, NULL, &error);
  reg_shop_record_sale (f->shop, bob, day, 500, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 3);
  g_assert_cmpuint (reg_customer_get_purchases (customer_at (customers, 0)), ==, 2);
  g_assert_cmpint (reg_customer_get_total_spend (customer_at (customers, 0)), ==, 2050);
  g_assert_cmpint (reg_customer_get_last_purchase (customer_at (customers, 0)), ==, day + 7);

  /* invalid sales are refused with the field named, and change nothing */
  g_assert_cmpint (reg_shop_record_sale (f->shop, 4242, day, 100, NULL, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Customer “4242”: there is no such customer");
  g_clear_error (&error);
  g_assert_cmpint (reg_shop_record_sale (f->shop, ann, day, 0, NULL, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Amount “0”: a sale of zero is not a sale");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 3);

  /* delete and undo */
  deleted = reg_shop_delete_sale (f->shop, s2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 2);
  g_assert_cmpint (reg_customer_get_total_spend (customer_at (customers, 0)), ==, 1250);
  g_assert_cmpint (reg_shop_restore_sale (f->shop, deleted, &error), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 3);
  g_assert_cmpint (reg_customer_get_total_spend (customer_at (customers, 0)), ==, 2050);

  /* a refund is a negative sale and nets into the day */
  reg_shop_record_sale (f->shop, ann, day, -1250, "returned", &error);
  g_assert_cmpuint (reg_customer_get_purchases (customer_at (customers, 0)), ==, 1);

  /* merge moves the sales; the merged customer leaves the list */
  g_assert_true (reg_shop_merge_customers (f->shop, ann, bob, &error));
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 1);
  g_assert_cmpint (reg_customer_get_total_spend (customer_at (customers, 0)), ==, 1300);

  g_assert_true (reg_shop_archive_customer (f->shop, ann, TRUE, &error));
  g_assert_true (reg_customer_get_archived (customer_at (customers, 0)));
  (void) s1;
}

static int
compare_by_name (gconstpointer a, gconstpointer b, gpointer data)
{
  return reg_customer_compare_name (*(RegCustomer **) a, *(RegCustomer **) b, data);
}

static void
test_sort_compare (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "émile", "Zoë", "adam", "Łukasz" };
  GListModel *customers = reg_shop_get_customers (f->shop);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RegCustomerRecord rec = { 0 };
      rec.name = (char *) names[i];
      g_assert_cmpint (reg_shop_add_customer (f->shop, &rec, &error), >, 0);
    }
  for (guint i = 0; i < g_list_model_get_n_items (customers); i++)
    g_ptr_array_add (items, g_list_model_get_item (customers, i));
  /* GPtrArray hands the compare function pointers to the elements */
  g_ptr_array_sort_with_data (items, compare_by_name, NULL);
  g_assert_cmpstr (reg_customer_get_name (items->pdata[0]), ==, "adam");
  g_assert_cmpstr (reg_customer_get_name (items->pdata[1]), ==, "émile");
  g_assert_cmpstr (reg_customer_get_name (items->pdata[2]), ==, "Łukasz");
  g_assert_cmpstr (reg_customer_get_name (items->pdata[3]), ==, "Zoë");
}

/* The name key as the general way makes it: transliterated casefolded name, then the
 * locale's collation key of the casefolded name. */
static char *
general_name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *ascii = g_str_to_ascii (folded, "C");
  g_autofree char *collated = g_utf8_collate_key (folded, -1);

  return g_strconcat (ascii, "\x01", collated, NULL);
}

/* Names in ASCII alone get their key without the Unicode steps: the same bytes as the general
 * way, in the C locale and in one whose collation weights are large numbers (written in
 * several bytes each), for short and long names, any case, digits and punctuation. */
static void
test_ascii_name_keys (Fixture *f, gconstpointer data)
{
  const char *locales[] = { "C.UTF-8", "de_DE.UTF-8", "en_US.UTF-8" };
  const char *names[] = { "", "adam", "Adam", "ADAM SMITH", "O'Neil-Smith Jr.", "anna 2", "Z", "a  b",
                          "Mc Donald", "x~y{z}|", "émile", "Łukasz", "Zoë" };
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));
  g_autofree char *long_name = NULL;
  GString *built = g_string_new (NULL);
  guint tried = 0;

  for (guint i = 0; i < 70; i++)
    g_string_append (built, i % 2 ? "Bo " : "al-");
  long_name = g_string_free (built, FALSE);
  for (gsize l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (setlocale (LC_COLLATE, locales[l]) == NULL)
        continue;
      tried++;
      for (gsize i = 0; i <= G_N_ELEMENTS (names); i++)
        {
          const char *name = i < G_N_ELEMENTS (names) ? names[i] : long_name;
          g_autofree char *fast = reg_customer_make_name_key (name);
          g_autofree char *general = general_name_key (name);

          g_assert_cmpstr (fast, ==, general);
        }
    }
  setlocale (LC_COLLATE, saved);
  g_test_message ("name keys compared in %u locales", tried);
  g_assert_cmpuint (tried, >=, 1);
}

static void
test_demo_same_seed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (f->dir, "a.regulars", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.regulars", NULL);
  g_autofree char *c = g_build_filename (f->dir, "c.regulars", NULL);
  RegDemoOptions opts;
  guint64 na = 0, nb = 0, nc = 0;

  reg_demo_options_init (&opts);
  opts.customers = 300;
  opts.seed = 7;
  g_assert_true (reg_demo_write (a, &opts, NULL, NULL, &na, &error));
  g_assert_no_error (error);
  g_assert_true (reg_demo_write (b, &opts, NULL, NULL, &nb, &error));
  opts.seed = 8;
  g_assert_true (reg_demo_write (c, &opts, NULL, NULL, &nc, &error));
  g_assert_cmpuint (na, ==, nb);
  g_assert_cmpuint (na, >, 300);
  {
    g_autoptr(RegStore) sa = reg_store_open (a, 0, &error);
    g_autoptr(RegStore) sb = reg_store_open (b, 0, &error);
    g_autoptr(RegStore) sc = reg_store_open (c, 0, &error);
    g_autoptr(GPtrArray) ra = reg_store_list_customer_rows (sa, TRUE, &error);
    g_autoptr(GPtrArray) rb = reg_store_list_customer_rows (sb, TRUE, &error);
    g_autoptr(GPtrArray) rc = reg_store_list_customer_rows (sc, TRUE, &error);
    guint refunds = 0, consent = 0, no_email = 0, differ = 0;

    g_assert_cmpuint (ra->len, ==, 300);
    for (guint i = 0; i < ra->len; i++)
      {
        RegCustomerRow *x = ra->pdata[i], *y = rb->pdata[i], *z = rc->pdata[i];
        g_assert_cmpstr (x->name, ==, y->name);
        g_assert_cmpstr (x->email, ==, y->email);
        g_assert_cmpint (x->total_spend, ==, y->total_spend);
        g_assert_cmpint (x->last_purchase, ==, y->last_purchase);
        differ += x->total_spend != z->total_spend;
        consent += x->email_consent;
        no_email += x->email == NULL;
        g_assert_true (x->email == NULL || strchr (x->email, '@') != NULL);
        g_assert_cmpuint (x->purchases, >=, 1);
      }
    g_assert_cmpuint (differ, >, 200);
    /* a share did not agree to e-mails, some have no address */
    g_assert_cmpuint (consent, >, 100);
    g_assert_cmpuint (consent, <, 280);
    g_assert_cmpuint (no_email, >, 10);
    {
      g_autoptr(GPtrArray) sales = reg_store_list_sales (sa, 0, 0, &error);
      for (guint i = 0; i < sales->len; i++)
        refunds += ((RegSaleRecord *) sales->pdata[i])->amount < 0;
      g_assert_cmpuint (sales->len, ==, na);
    }
    g_assert_cmpuint (refunds, >, 0);
  }
  /* a shop that has customers is not overwritten */
  opts.seed = 7;
  g_assert_false (reg_demo_write (a, &opts, NULL, NULL, &na, &error));
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
}

/* The shop's customer list is read in batches while a second thread makes its items: every
 * customer of a shop of several batches is there, once, in id order, with their own row. */
static void
test_customer_list_batches (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "many.regulars", NULL);
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  RegDemoOptions opts;
  GListModel *customers;
  guint64 n_sales = 0;

  reg_demo_options_init (&opts);
  opts.customers = 10000;
  g_assert_true (reg_demo_write (path, &opts, NULL, NULL, &n_sales, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RegStore) store = reg_store_open (path, 0, &error);

    g_assert_no_error (error);
    rows = reg_store_list_customer_rows (store, TRUE, &error);
    g_assert_no_error (error);
  }
  shop = reg_shop_open (path, FALSE, &error);
  g_assert_no_error (error);
  customers = reg_shop_get_customers (shop);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 10000);
  g_assert_cmpuint (rows->len, ==, 10000);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (customers, i);
      const RegCustomerRow *row = rows->pdata[i];

      g_assert_cmpint (reg_customer_get_id (c), ==, row->id);
      g_assert_cmpstr (reg_customer_get_name (c), ==, row->name);
      g_assert_cmpint (reg_customer_get_total_spend (c), ==, row->total_spend);
    }
}

/* The customer list reads only what it shows: after an analysis, every field of every item
 * (archived customers, tiers, groups, the at-risk flags, unknown figures) is the one of the
 * customer's full row, and the full row is read when asked for, not kept. */
static void
test_customer_list_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "scored.regulars", NULL);
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;
  RegDemoOptions opts;
  GListModel *customers;
  guint64 n_sales = 0;
  guint archived = 0, tiered = 0, grouped = 0, at_risk = 0, unknown = 0, no_email = 0;

  reg_demo_options_init (&opts);
  opts.customers = 3000;
  g_assert_true (reg_demo_write (path, &opts, NULL, NULL, &n_sales, &error));
  g_assert_no_error (error);
  shop = reg_shop_open (path, FALSE, &error);
  g_assert_no_error (error);
  customers = reg_shop_get_customers (shop);
  job = reg_analysis_job_new (shop, NULL);
  summary = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  {
    g_autoptr(RegCustomer) c = g_list_model_get_item (customers, 7);
    g_autoptr(RegCustomer) d = g_list_model_get_item (customers, 8);
    RegCustomerRecord rec = { 0 };

    g_assert_true (reg_shop_archive_customer (shop, reg_customer_get_id (c), TRUE, &error));
    /* one without an e-mail address */
    g_assert_true (reg_shop_get_customer (shop, reg_customer_get_id (d), &rec, &error));
    g_clear_pointer (&rec.email, g_free);
    g_assert_true (reg_shop_edit_customer (shop, &rec, &error));
    g_assert_no_error (error);
    reg_customer_record_clear (&rec);
  }
  /* a bulk change reads the list again */
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  rows = reg_store_list_customer_rows (reg_shop_get_store (shop), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (customers, i);
      const RegCustomerRow *row = rows->pdata[i];

      g_assert_null (reg_customer_get_row (c));
      g_assert_cmpint (reg_customer_get_id (c), ==, row->id);
      g_assert_cmpstr (reg_customer_get_name (c), ==, row->name);
      g_assert_cmpstr (reg_customer_get_email (c), ==, row->email);
      g_assert_cmpint (reg_customer_get_archived (c), ==, row->archived);
      g_assert_cmpuint (reg_customer_get_purchases (c), ==, row->purchases);
      g_assert_cmpint (reg_customer_get_total_spend (c), ==, row->total_spend);
      g_assert_cmpint (reg_customer_get_last_purchase (c), ==, row->last_purchase);
      g_assert_cmpfloat (reg_customer_get_p_alive (c), ==, row->p_alive);
      g_assert_cmpfloat (reg_customer_get_clv (c), ==, row->clv);
      g_assert_cmpstr (reg_customer_get_tier (c), ==, row->tier);
      g_assert_cmpstr (reg_customer_get_rfm_group (c), ==, row->rfm_group);
      g_assert_cmpuint (reg_customer_get_at_risk (c), ==, row->at_risk);
      archived += row->archived;
      tiered += row->tier != NULL;
      grouped += row->rfm_group != NULL;
      at_risk += row->at_risk != 0;
      unknown += row->p_alive < 0;
      no_email += row->email == NULL;
    }
  /* every kind of value was compared */
  g_assert_cmpuint (archived, ==, 1);
  g_assert_cmpuint (no_email, >=, 1);
  g_assert_cmpuint (tiered, >, 0);
  g_assert_cmpuint (grouped, >, 0);
  g_assert_cmpuint (at_risk, >, 0);
  g_assert_cmpuint (unknown, >, 0);
  g_assert_cmpuint (unknown, <, rows->len);
  {
    g_autoptr(RegCustomer) c = g_list_model_get_item (customers, 8);
    g_autoptr(RegCustomerRow) row = reg_shop_get_customer_row (shop, reg_customer_get_id (c), &error);

    g_assert_no_error (error);
    g_assert_null (row->email);
    g_assert_null (reg_customer_get_email (c));
  }
}

/* Paper and axis units follow the shop: Letter where the shop's country uses it, whole
 * currency units on a chart's axis without cents. */
static void
test_paper_and_units (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  static const struct { const char *locale; gboolean letter; } cases[] = {
    { "en_US", TRUE }, { "en_CA", TRUE }, { "de_DE", FALSE }, { "en_GB", FALSE },
    { "es_ES", FALSE }, { "fr_FR", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (!reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, cases[i].locale, &error))
        {
          g_test_message ("%s: %s", cases[i].locale, error->message);
          g_clear_error (&error);
          continue;
        }
      g_assert_cmpint (reg_shop_uses_letter_paper (f->shop), ==, cases[i].letter);
    }
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_LOCALE, "en_US", &error));
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "USD", &error));
  g_assert_cmpint (reg_shop_get_currency_unit (f->shop), ==, 100);
  {
    g_autofree char *whole = reg_shop_format_amount_whole (f->shop, 2000000);

    g_assert_cmpstr (whole, ==, "$20,000");
  }
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "JPY", &error));
  g_assert_cmpint (reg_shop_get_currency_unit (f->shop), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/shop/amounts", test_amounts);
  ADD ("/shop/format-amounts", test_format_amounts);
  ADD ("/shop/dates", test_dates);
  ADD ("/shop/paper-and-units", test_paper_and_units);
  ADD ("/shop/sale-date-bounds", test_sale_date_bounds);
  ADD ("/shop/settings", test_settings);
  ADD ("/shop/lists-follow-changes", test_lists_follow_changes);
  ADD ("/shop/demo-same-seed", test_demo_same_seed);
  ADD ("/shop/customer-list-batches", test_customer_list_batches);
  ADD ("/shop/customer-list-fields", test_customer_list_fields);
  ADD ("/shop/sort-by-name", test_sort_compare);
  ADD ("/shop/ascii-name-keys", test_ascii_name_keys);
#undef ADD
  return g_test_run ();
}
