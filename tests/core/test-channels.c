/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channel figures on a small shop whose spend and customers are known, each expected figure
 * worked out from the definitions in clv-channels.h; months and channel keys.
 */
#include <math.h>

#include "clv-channels.h"
#include "clv-date.h"

static const ClvChannelFigures *
find (GArray *figures, const char *channel)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const ClvChannelFigures *f = &g_array_index (figures, ClvChannelFigures, i);
      if (g_strcmp0 (f->channel, channel) == 0)
        return f;
    }
  g_assert_not_reached ();
  return NULL;
}

/* months a customer has been one at the end, as the figures count them */
static double
months_since (gint32 came, gint32 end)
{
  return MAX (1.0, (end - came + 1) / (365.25 / 12));
}

static void
test_known_shop (void)
{
  gint32 end = clv_date_from_ymd (2026, 6, 30);
  gint32 a = clv_date_from_ymd (2026, 1, 10), b = clv_date_from_ymd (2026, 2, 15);
  gint32 c = clv_date_from_ymd (2025, 11, 1), d = clv_date_from_ymd (2026, 3, 1);
  const ClvChannelCustomer customers[] = {
    { "Instagram", a, 20000, 0, 10000, 4000, 16000 },
    { "instagram ", b, 10000, 1000, 5000, 2000, 9000 },
    { "INSTAGRAM", c, 30000, 0, -1, -1, -1 },      /* came before the period: not new */
    { "Bank transfer", d, 5000, 2000, -1, -1, -1 },
    { NULL, d, 700, 0, -1, -1, -1 },
    { "  ", 0, 1300, 0, -1, -1, -1 },
  };
  const ClvChannelSpend spends[] = {
    { "Instagram", clv_month_index (2026, 1), 30000 },
    { "instagram", clv_month_index (2026, 2), 30000 },
    { "Instagram", clv_month_index (2025, 12), 50000 },  /* before the period */
    { "Flyers", clv_month_index (2026, 4), 10000 },
  };
  ClvChannelOptions options = {
    .first_month = clv_month_index (2026, 1), .last_month = clv_month_index (2026, 6),
    .end_day = end, .margin = 0.5,
  };
  g_autoptr(GArray) figures = clv_channels_compute (customers, G_N_ELEMENTS (customers), spends,
                                                    G_N_ELEMENTS (spends), &options);
  const ClvChannelFigures *f;
  double months, monthly;

  g_assert_cmpuint (figures->len, ==, 4);
  /* most customers first, nobody's channel last */
  g_assert_cmpstr (g_array_index (figures, ClvChannelFigures, 0).channel, ==, "Instagram");
  g_assert_cmpstr (g_array_index (figures, ClvChannelFigures, 1).channel, ==, "Bank transfer");
  g_assert_cmpstr (g_array_index (figures, ClvChannelFigures, 2).channel, ==, "Flyers");
  g_assert_null (g_array_index (figures, ClvChannelFigures, 3).channel);

  f = find (figures, "Instagram");
  g_assert_cmpuint (f->customers, ==, 3);
  g_assert_cmpuint (f->new_customers, ==, 2);
  g_assert_cmpint (f->avg_value, ==, (20000 + 10000 + 30000) / 3);
  g_assert_cmpuint (f->predicted_customers, ==, 2);
  g_assert_cmpint (f->avg_predicted, ==, (10000 + 5000) / 2);
  g_assert_cmpint (f->avg_predicted_low, ==, (4000 + 2000) / 2);
  g_assert_cmpint (f->avg_predicted_high, ==, (16000 + 9000) / 2);
  g_assert_cmpint (f->spend, ==, 60000);
  g_assert_cmpint (f->own_costs, ==, 1000);
  g_assert_cmpint (f->cost_per_new, ==, (60000 + 1000) / 2);
  g_assert_cmpfloat_with_epsilon (f->value_to_cost, (20000 + 7500) * 0.5 / 30500.0, 1e-9);
  months = months_since (a, end) + months_since (b, end) + months_since (c, end);
  monthly = 0.5 * 60000 / months;
  g_assert_cmpfloat_with_epsilon (f->payback_months, 30500 / monthly, 1e-9);
  g_assert_cmpfloat (f->payback_months, >, 1);
  /* new customers month by month: January and February of the six */
  g_assert_cmpuint (f->new_by_month->len, ==, 6);
  g_assert_cmpuint (g_array_index (f->new_by_month, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (f->new_by_month, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (f->new_by_month, guint, 2), ==, 0);

  f = find (figures, "Bank transfer");
  g_assert_cmpuint (f->new_customers, ==, 1);
  g_assert_cmpuint (g_array_index (f->new_by_month, guint, 2), ==, 1);   /* March */
  g_assert_cmpint (f->cost_per_new, ==, 2000);
  g_assert_cmpint (f->avg_predicted, ==, -1);
  g_assert_cmpfloat_with_epsilon (f->value_to_cost, 5000 * 0.5 / 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->payback_months, 2000 / (2500 / months_since (d, end)), 1e-9);

  /* money spent, nobody came: no cost per customer, nothing back */
  f = find (figures, "Flyers");
  g_assert_cmpuint (f->customers, ==, 0);
  g_assert_cmpint (f->spend, ==, 10000);
  g_assert_cmpint (f->cost_per_new, ==, -1);
  g_assert_cmpfloat (f->value_to_cost, ==, 0);
  g_assert_cmpfloat (f->payback_months, ==, -1);

  /* no channel, blank channel: one group; nothing spent, so no ratio */
  f = find (figures, NULL);
  g_assert_cmpuint (f->customers, ==, 2);
  g_assert_cmpuint (f->new_customers, ==, 1);
  g_assert_cmpint (f->avg_value, ==, 1000);
  g_assert_cmpint (f->cost_per_new, ==, 0);
  g_assert_cmpfloat (f->value_to_cost, ==, -1);
  g_assert_cmpfloat (f->payback_months, ==, 0);
}

/* The whole history as the period: the spend before the window counts too. */
static void
test_whole_history (void)
{
  gint32 end = clv_date_from_ymd (2026, 6, 30);
  const ClvChannelCustomer customers[] = {
    { "Flyers", clv_date_from_ymd (2025, 12, 5), 0, 0, -1, -1, -1 },
  };
  const ClvChannelSpend spends[] = {
    { "flyers", clv_month_index (2025, 12), 8000 },
    { "flyers", clv_month_index (2026, 5), 4000 },
  };
  ClvChannelOptions options = { .first_month = 0, .last_month = G_MAXINT32, .end_day = end,
                                .margin = 1 };
  g_autoptr(GArray) figures = clv_channels_compute (customers, 1, spends, 2, &options);
  const ClvChannelFigures *f = &g_array_index (figures, ClvChannelFigures, 0);

  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_null (f->new_by_month);   /* no month by month over the whole history */
  g_assert_cmpint (f->cost_per_new, ==, 12000);
  g_assert_cmpfloat (f->value_to_cost, ==, 0);
  /* a customer who spent nothing never pays back */
  g_assert_cmpfloat (f->payback_months, ==, -1);
}

static void
test_months (void)
{
  gint32 m;
  char buf[8];

  g_assert_true (clv_month_parse ("2026-03", &m));
  g_assert_cmpint (m, ==, 2026 * 12 + 2);
  clv_month_format_buf (m, buf);
  g_assert_cmpstr (buf, ==, "2026-03");
  g_assert_cmpint (clv_month_of_day (clv_date_from_ymd (2026, 3, 31)), ==, m);
  g_assert_false (clv_month_parse ("2026-13", &m));
  g_assert_false (clv_month_parse ("2026-00", &m));
  g_assert_false (clv_month_parse ("2026-3", &m));
  g_assert_false (clv_month_parse ("26-03-01", &m));
  g_assert_false (clv_month_parse ("0000-01", &m));
}

static void
test_keys (void)
{
  g_autofree char *a = clv_channel_key (" Instagram ");
  g_autofree char *b = clv_channel_key ("INSTAGRAM");

  g_assert_cmpstr (a, ==, b);
  g_assert_null (clv_channel_key ("   "));
  g_assert_null (clv_channel_key (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/channels/known-shop", test_known_shop);
  g_test_add_func ("/core/channels/whole-history", test_whole_history);
  g_test_add_func ("/core/channels/months", test_months);
  g_test_add_func ("/core/channels/keys", test_keys);
  return g_test_run ();
}
