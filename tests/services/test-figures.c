/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists and rates say what they mean, through a real shop and the analysis job: every customer
 * on the at-risk list carries the rule that put them there with its figures (the list the
 * window shows, the printed list), the list's description names the shop's own thresholds, and
 * over tiny shops (1, 2, 3 customers, everyone on one day, refunds only) every share in the
 * analysis JSON is within 0 .. 1 or null with a note, never a sentinel.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-loyalty-job.h"
#include "reg-segment.h"
#include "reg-shop.h"
#include "reg-store-analysis.h"
#include "reg-store-feedback.h"
#include "reg-test-utils.h"
#include "services-test-utils.h"
#include "reg-shop-private.h"

/* a new, empty shop in a folder of its own (services-test-utils.h) */
typedef RegServicesShopFixture Fixture;
#define fixture_setup services_shop_fixture_setup
#define fixture_teardown services_shop_fixture_teardown

static gint64
add_customer (RegShop *shop, const char *name)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  id = reg_store_insert_customer (reg_shop_get_store (shop), &rec, &error);
  g_assert_no_error (error);
  return id;
}

static void
add_sale (RegShop *shop, gint64 customer, gint32 day, gint64 amount)
{
  g_autoptr(GError) error = NULL;
  RegSaleRecord sale = { 0 };

  sale.customer_id = customer;
  sale.day = day;
  sale.amount = amount;
  g_assert_cmpint (reg_store_insert_sale (reg_shop_get_store (shop), &sale, &error), >, 0);
  g_assert_no_error (error);
}

static RegAnalysisSummary *
analyse (RegShop *shop, gint32 end_day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  RegAnalysisOptions opts;
  RegAnalysisSummary *s;

  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  reg_analysis_options_init (&opts);
  opts.end_day = end_day;
  job = reg_analysis_job_new (shop, &opts);
  s = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static RegCustomerRow *
find_row (GPtrArray *rows, gint64 id)
{
  for (guint i = 0; i < rows->len; i++)
    if (((RegCustomerRow *) rows->pdata[i])->id == id)
      return rows->pdata[i];
  return NULL;
}

/* Weekly buyers, one of whom stopped eight weeks ago; one who answered NPS 3. */
static void
test_at_risk_reasons (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  g_autoptr(RegSegment) segment = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *rule3 = NULL;
  g_autofree char *locale = NULL;
  RegLoyaltyList *list;
  gint32 d0 = clv_date_from_ymd (2026, 1, 5), end = d0 + 28 + 56;
  gint64 stopped, regular, unhappy;
  RegFeedbackRecord answer = { 0 };
  RegCustomerRow *row;
  gboolean printed_stopped = FALSE;

  g_assert_true (reg_shop_set_setting (f->shop, "locale", "de_DE", &error));
  g_assert_no_error (error);
  stopped = add_customer (f->shop, "Greta Larsen");
  regular = add_customer (f->shop, "Sami Richter");
  unhappy = add_customer (f->shop, "Omar Nielsen");
  for (int k = 0; k <= 4; k++)
    add_sale (f->shop, stopped, d0 + 7 * k, 2000);
  for (gint32 day = d0; day <= end; day += 7)
    {
      add_sale (f->shop, regular, day, 1500);
      add_sale (f->shop, unhappy, day + 1, 900);
    }
  answer.customer_id = unhappy;
  answer.day = d0 + 60;
  answer.kind = (char *) "nps";
  answer.score = 3;
  g_assert_cmpint (reg_store_insert_feedback (reg_shop_get_store (f->shop), &answer, &error), >, 0);
  g_assert_no_error (error);

  s = analyse (f->shop, end);
  g_assert_cmpuint (s->at_risk, ==, 2);

  segment = reg_segment_parse (f->shop, "at-risk", &error);
  g_assert_no_error (error);
  rows = reg_shop_list_segment (f->shop, segment, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  locale = reg_shop_get_setting (f->shop, "locale");

  row = find_row (rows, stopped);
  g_assert_nonnull (row);
  g_assert_cmpint (row->risk_days_since, ==, 56);
  g_assert_cmpfloat_with_epsilon (row->risk_gap_days, 7, 1e-9);
  {
    g_autofree char *why = reg_at_risk_reason (row, locale);
    g_assert_cmpstr (why, ==, "usually buys every 7 days, last bought 8 weeks ago");
  }
  row = find_row (rows, unhappy);
  g_assert_nonnull (row);
  {
    g_autofree char *why = reg_at_risk_reason (row, locale);
    g_autofree char *day = reg_shop_format_date (f->shop, d0 + 60);
    g_autofree char *want = g_strdup_printf ("NPS detractor, scored 3 on %s", day);

    /* the shop's way of writing dates: 06.03.2026 */
    g_assert_nonnull (strchr (day, '.'));
    g_assert_cmpstr (why, ==, want);
  }
  g_assert_null (find_row (rows, regular));

  /* the description names the rules with this shop's thresholds */
  rule = reg_segment_describe (segment);
  g_assert_null (strstr (rule, "the chance they still buy is low"));
  g_assert_nonnull (strstr (rule, "more than 2 times their own usual gap"));
  g_assert_nonnull (strstr (rule, "below 50 %"));
  g_assert_nonnull (strstr (rule, "6 or less"));
  g_assert_true (reg_shop_set_setting (f->shop, "overdue-factor", "3", &error));
  g_assert_true (reg_shop_set_setting (f->shop, "at-risk-p-alive", "0.3", &error));
  g_assert_no_error (error);
  rule3 = reg_segment_describe (segment);
  g_assert_nonnull (strstr (rule3, "more than 3 times their own usual gap"));
  g_assert_nonnull (strstr (rule3, "below 30 %"));

  /* the printed list carries the same words */
  list = reg_shop_loyalty_list (f->shop, "at-risk", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->entries->len, ==, 2);
  for (guint i = 0; i < list->entries->len; i++)
    {
      RegLoyaltyEntry *e = &g_array_index (list->entries, RegLoyaltyEntry, i);

      g_assert_nonnull (e->reason);
      if (g_str_equal (e->name, "Greta Larsen"))
        {
          g_assert_cmpstr (e->reason, ==, "usually buys every 7 days, last bought 8 weeks ago");
          printed_stopped = TRUE;
        }
    }
  g_assert_true (printed_stopped);
  reg_loyalty_list_free (list);
}

typedef struct
{
  const char *name;
  guint n_customers;
  struct { guint customer; int day; gint64 amount; } sales[6];
  guint n_sales;
} TinyShop;

static const TinyShop tiny_shops[] = {
  { "one customer", 1, { { 0, 0, 1000 } }, 1 },
  { "two customers", 2, { { 0, 0, 1000 }, { 1, 200, 500 }, { 1, 230, 700 } }, 3 },
  { "three customers", 3, { { 0, 0, 123456 }, { 1, 250, 5000 }, { 2, 255, 700 },
                            { 2, 256, 700 } }, 4 },
  { "everyone on one day", 3, { { 0, 0, 1000 }, { 1, 0, 2000 }, { 2, 0, 3000 } }, 3 },
  { "refunds only", 2, { { 0, 0, -1000 }, { 1, 5, -500 } }, 2 },
};

/* A share key holds a number in 0 .. 1, or null beside a note that says why. */
static void
assert_share_member (JsonObject *kpis, const char *key)
{
  g_autofree char *note_key = g_strconcat (key, "_note", NULL);
  JsonNode *v = json_object_get_member (kpis, key);

  g_assert_nonnull (v);
  if (JSON_NODE_HOLDS_NULL (v))
    {
      const char *note = json_object_get_string_member_with_default (kpis, note_key, NULL);

      g_assert_nonnull (note);
      g_assert_cmpstr (note, !=, "");
    }
  else
    {
      double x = json_node_get_double (v);

      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, 1);
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (kpis, note_key)));
    }
}

static void
test_tiny_shop (Fixture *f, gconstpointer data)
{
  const TinyShop *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *doc = NULL;
  gint32 d0 = clv_date_from_ymd (2026, 3, 1);
  gint64 ids[3];
  JsonObject *root, *kpis;

  for (guint c = 0; c < t->n_customers; c++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", c + 1);
      ids[c] = add_customer (f->shop, name);
    }
  for (guint i = 0; i < t->n_sales; i++)
    add_sale (f->shop, ids[t->sales[i].customer], d0 + t->sales[i].day, t->sales[i].amount);
  s = analyse (f->shop, 0);

  doc = reg_store_latest_run (reg_shop_get_store (f->shop), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, doc, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  kpis = json_object_get_object_member (root, "kpis");
  assert_share_member (kpis, "repeat_rate");
  assert_share_member (kpis, "churn_rate");

  /* the summary the window reads: a share, or -1 for unknown */
  g_assert_true (s->churn_rate == -1 || (s->churn_rate >= 0 && s->churn_rate <= 1));
  g_assert_true (s->repeat_rate == -1 || (s->repeat_rate >= 0 && s->repeat_rate <= 1));
  g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_object_get_member (kpis, "churn_rate")), ==,
                   s->churn_rate == -1);
  /* nobody in these shops bought in the 90 days before the last 90 */
  g_assert_cmpfloat (s->churn_rate, ==, -1);
  g_assert_cmpstr (json_object_get_string_member (kpis, "churn_rate_note"), ==,
                   "no customers in the period before");
  if (s->customers == 0)
    g_assert_cmpfloat (s->repeat_rate, ==, -1);
}

/* A list's heading says who is on it, in words: never a bare tier name. */
static void
test_segment_titles (Fixture *f, gconstpointer data)
{
  static const struct { const char *spec, *title; } cases[] = {
    { "top", "Top-tier customers" },
    { "middle", "Middle-tier customers" },
    { "bottom", "Bottom-tier customers" },
    { "at-risk", "Customers slipping away" },
    { "clv>100, purchases>=2", "Customers where clv>100 and purchases>=2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      RegSegment *segment = reg_segment_parse (f->shop, cases[i].spec, &error);
      g_autofree char *title = NULL, *rule = NULL;

      g_assert_no_error (error);
      title = reg_segment_title (segment);
      g_assert_cmpstr (title, ==, cases[i].title);
      rule = reg_segment_describe (segment);
      g_assert_cmpstr (rule, !=, title);
      reg_segment_free (segment);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/services/figures/at-risk-reasons", Fixture, NULL, fixture_setup,
              test_at_risk_reasons, fixture_teardown);
  g_test_add ("/services/figures/segment-titles", Fixture, NULL, fixture_setup,
              test_segment_titles, fixture_teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (tiny_shops); i++)
    {
      g_autofree char *path = g_strdup_printf ("/services/figures/tiny-shop/%s", tiny_shops[i].name);
      g_strdelimit (path + strlen ("/services/figures/tiny-shop/"), " ", '-');
      g_test_add (path, Fixture, &tiny_shops[i], fixture_setup, test_tiny_shop, fixture_teardown);
    }
  return g_test_run ();
}
