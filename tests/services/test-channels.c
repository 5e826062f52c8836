/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channels through the shop: the margin setting in the figures, a channel set on many customers
 * at once (a change announced per customer), and bad input that leaves the shop file exactly as
 * it was (spend with no channel, a month that is none, a negative amount, a channel too long).
 */
#include <string.h>

#include "clv-date.h"
#include "reg-channels.h"
#include "reg-shop-private.h"
#include "services-test-utils.h"

static gint64
add (RegShop *shop, const char *name, const char *channel, gint32 day, gint64 amount)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  rec.channel = (char *) channel;
  rec.acquired_day = day;
  id = reg_shop_add_customer (shop, &rec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reg_shop_record_sale (shop, id, day, amount, NULL, &error), >, 0);
  g_assert_no_error (error);
  return id;
}

static const ClvChannelFigures *
find (GArray *figures, const char *channel)
{
  for (guint i = 0; i < figures->len; i++)
    if (g_strcmp0 (g_array_index (figures, ClvChannelFigures, i).channel, channel) == 0)
      return &g_array_index (figures, ClvChannelFigures, i);
  g_assert_not_reached ();
  return NULL;
}

static void
on_changed_cb (RegShop *shop, int kind, gint64 id, GArray *seen)
{
  if (kind == REG_SHOP_CHANGE_CUSTOMER)
    g_array_append_val (seen, id);
}

static void
test_margin_and_set (RegServicesShopFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) whole = NULL, half = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint32 day = clv_date_today () - 3;
  char month[8];
  gint64 ids[2];
  RegCustomerRecord rec = { 0 };

  ids[0] = add (f->shop, "Ann", "Instagram", day, 10000);
  ids[1] = add (f->shop, "Bob", NULL, day, 4000);
  clv_month_format_buf (clv_month_of_day (day), month);
  g_assert_true (reg_shop_set_channel_spend (f->shop, "Instagram", month, 2500, &error));
  g_assert_no_error (error);

  whole = reg_shop_channel_figures (f->shop, 12, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (find (whole, "Instagram")->value_to_cost, 10000 / 2500.0, 1e-9);
  /* half of each sale is profit: half the value against the same cost */
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_MARGIN, "50%", &error));
  g_assert_no_error (error);
  half = reg_shop_channel_figures (f->shop, 12, NULL, NULL, &error);
  g_assert_cmpfloat_with_epsilon (find (half, "Instagram")->value_to_cost, 5000 / 2500.0, 1e-9);

  g_signal_connect (f->shop, "changed", G_CALLBACK (on_changed_cb), seen);
  g_assert_cmpint (reg_shop_set_customers_channel (f->shop, ids, 2, "  Flyers ", &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (reg_shop_get_customer (f->shop, ids[1], &rec, &error));
  g_assert_cmpstr (rec.channel, ==, "Flyers");
  reg_customer_record_clear (&rec);
  /* setting it again changes nothing; a blank channel clears it */
  g_assert_cmpint (reg_shop_set_customers_channel (f->shop, ids, 2, "Flyers", &error), ==, 0);
  g_assert_cmpint (reg_shop_set_customers_channel (f->shop, ids, 1, " ", &error), ==, 1);
  g_assert_true (reg_shop_get_customer (f->shop, ids[0], &rec, &error));
  g_assert_null (rec.channel);
  reg_customer_record_clear (&rec);
  g_signal_handlers_disconnect_by_data (f->shop, seen);
}

static void
test_bad_input_changes_nothing (RegServicesShopFixture *f, gconstpointer data)
{
  RegStore *store = reg_shop_get_store (f->shop);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autoptr(GError) error = NULL;
  gint64 id = add (f->shop, "Ann", "Instagram", clv_date_today () - 3, 10000);

  g_assert_true (reg_shop_set_channel_spend (f->shop, "Instagram", "2026-01", 100, &error));
  before = reg_store_dump (store, &error);
  g_assert_no_error (error);

  g_assert_false (reg_shop_set_channel_spend (f->shop, " ", "2026-01", 100, &error));
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Channel"));
  g_clear_error (&error);
  g_assert_false (reg_shop_set_channel_spend (f->shop, "Instagram", "2026-1", 100, &error));
  g_assert_nonnull (strstr (error->message, "Month “2026-1”"));
  g_clear_error (&error);
  g_assert_false (reg_shop_set_channel_spend (f->shop, "Instagram", "2026-01", -100, &error));
  g_assert_nonnull (strstr (error->message, "Amount"));
  g_clear_error (&error);
  g_assert_false (reg_shop_set_channel_spend (f->shop, long_name, "2026-01", 100, &error));
  g_assert_nonnull (strstr (error->message, "at most 200"));
  g_clear_error (&error);
  g_assert_cmpint (reg_shop_set_customers_channel (f->shop, &id, 1, long_name, &error), ==, -1);
  g_assert_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (reg_shop_set_customers_channel (f->shop, &id, 1, "Insta\033[2Jgram", &error),
                   ==, -1);
  g_assert_nonnull (strstr (error->message, "control character"));
  g_clear_error (&error);
  g_assert_false (reg_shop_set_channel_spend (f->shop, "Insta\agram", "2026-01", 100, &error));
  g_assert_nonnull (strstr (error->message, "control character"));

  after = reg_store_dump (store, NULL);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/services/channels/margin-and-set", RegServicesShopFixture, NULL,
              services_shop_fixture_setup, test_margin_and_set, services_shop_fixture_teardown);
  g_test_add ("/services/channels/bad-input-changes-nothing", RegServicesShopFixture, NULL,
              services_shop_fixture_setup, test_bad_input_changes_nothing,
              services_shop_fixture_teardown);
  return g_test_run ();
}
