/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A campaign's measured effect: the sales of its first day count, for both groups alike, and the
 * result says which days it measured; before any sale from the first day on it is too early to
 * measure, with no figures that read as a result.
 */
#include <string.h>

#include "clv-date.h"
#include "reg-campaign-job.h"
#include "reg-shop-private.h"
#include "reg-store-campaigns.h"
#include "services-test-utils.h"

/* Four customers, two got the campaign that starts on @start, two were held back. */
static gint64
campaign_of_four (RegShop *shop, gint32 start, gint64 ids[4])
{
  RegStore *store = reg_shop_get_store (shop);
  g_autoptr(GError) error = NULL;
  gint64 campaign;

  for (int i = 0; i < 4; i++)
    {
      RegCustomerRecord rec = { 0 };
      g_autofree char *name = g_strdup_printf ("Customer %d", i);

      rec.name = name;
      ids[i] = reg_shop_add_customer (shop, &rec, &error);
      g_assert_no_error (error);
      /* a purchase well before: every one of them is a customer already */
      reg_shop_record_sale (shop, ids[i], start - 60, 1000, NULL, &error);
      g_assert_no_error (error);
    }
  campaign = reg_store_insert_campaign (store, "Spring", "all", "all", start, 50, 1,
                                        "spring.csv", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    {
      reg_store_add_campaign_member (store, campaign, ids[i], i >= 2, &error);
      g_assert_no_error (error);
    }
  return campaign;
}

/* Sales on the first day only: they are measured, in both groups, over that one day. */
static void
test_first_day_counts (RegServicesShopFixture *f, gconstpointer data)
{
  gint32 start = clv_date_from_ymd (2026, 3, 2);
  gint64 ids[4];
  gint64 campaign = campaign_of_four (f->shop, start, ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCampaignLift) lift = NULL;

  /* one of each group buys on the campaign's first day */
  reg_shop_record_sale (f->shop, ids[0], start, 2500, NULL, &error);
  reg_shop_record_sale (f->shop, ids[2], start, 1500, NULL, &error);
  g_assert_no_error (error);
  lift = reg_shop_measure_campaign (f->shop, campaign, &error);
  g_assert_no_error (error);
  g_test_message ("%s", lift->summary);
  g_assert_false (lift->too_early);
  g_assert_cmpint (lift->measured_to, ==, start);
  g_assert_cmpuint (lift->days_measured, ==, 1);
  g_assert_cmpfloat (lift->treatment_rate, ==, 0.5);
  g_assert_cmpfloat (lift->control_rate, ==, 0.5);
  g_assert_cmpfloat (lift->treatment_revenue, ==, 1250);
  g_assert_cmpfloat (lift->control_revenue, ==, 750);
  g_assert_nonnull (strstr (lift->summary, "50 % of those who got it bought again"));
  g_assert_nonnull (strstr (lift->summary, "(1 day, the campaign's first day included)"));
}

/* Later sales widen the days measured, the first day still in them. */
static void
test_days_measured (RegServicesShopFixture *f, gconstpointer data)
{
  gint32 start = clv_date_from_ymd (2026, 3, 2);
  gint64 ids[4];
  gint64 campaign = campaign_of_four (f->shop, start, ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCampaignLift) lift = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *days = NULL;

  reg_shop_record_sale (f->shop, ids[0], start, 2500, NULL, &error);
  reg_shop_record_sale (f->shop, ids[1], start + 9, 900, NULL, &error);
  g_assert_no_error (error);
  lift = reg_shop_measure_campaign (f->shop, campaign, &error);
  g_assert_no_error (error);
  g_assert_false (lift->too_early);
  g_assert_cmpuint (lift->days_measured, ==, 10);
  g_assert_cmpfloat (lift->treatment_rate, ==, 1.0);
  g_assert_cmpfloat (lift->control_rate, ==, 0.0);
  from = reg_shop_format_date (f->shop, start);
  to = reg_shop_format_date (f->shop, start + 9);
  days = g_strdup_printf ("Measured on the sales of %s to %s (10 days", from, to);
  g_test_message ("%s", lift->summary);
  g_assert_nonnull (strstr (lift->summary, days));
}

/* Before any sale from the first day on: too early, said so, and no figures. */
static void
test_too_early (RegServicesShopFixture *f, gconstpointer data)
{
  gint32 start = clv_date_from_ymd (2026, 3, 2);
  gint64 ids[4];
  gint64 campaign = campaign_of_four (f->shop, start, ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCampaignLift) lift = reg_shop_measure_campaign (f->shop, campaign, &error);

  g_assert_no_error (error);
  g_test_message ("%s", lift->summary);
  g_assert_true (lift->too_early);
  g_assert_cmpuint (lift->days_measured, ==, 0);
  g_assert_true (g_str_has_prefix (lift->summary, "Too early to measure"));
  g_assert_null (strstr (lift->summary, "points"));
  g_assert_null (strstr (lift->summary, "%"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, RegServicesShopFixture, NULL, services_shop_fixture_setup, func, \
              services_shop_fixture_teardown)
  ADD ("/services/campaign-lift/first-day-counts", test_first_day_counts);
  ADD ("/services/campaign-lift/days-measured", test_days_measured);
  ADD ("/services/campaign-lift/too-early", test_too_early);
#undef ADD
  return g_test_run ();
}
