/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Summaries from sales: the CDNOW totals and every customer against the published calibration
 * summary, and table-driven rules (same-day merge, refunds, zero days, unsorted input, holdout).
 */
#include <math.h>

#include "clv-error.h"
#include "clv-summary.h"
#include "core-test-data.h"
#include "reg-test-utils.h"

static void
test_cdnow_totals (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = NULL;
  g_autofree ClvRfTriple *tr = NULL;
  gsize n_tr = 0;
  guint64 w = 0;

  g_assert_cmpuint (n, ==, 6919);
  g_assert_cmpuint (nc, ==, 2357);
  s = clv_summary_compute (sales, n, nc, core_test_julian (19970930), core_test_julian (19980630),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_buyers, ==, 2357);
  g_assert_cmpuint (s->n_repeaters, ==, 946);
  g_assert_cmpuint (s->total_repeat, ==, 2457);
  g_assert_cmpuint (s->total_holdout, ==, 1882);
  /* README example, sample id 1: x = 2, t_x = 30.43 weeks, T = 38.86, zbar = 22.35, one
   * holdout purchase of $26.48 */
  g_assert_cmpuint (s->customers[0].x, ==, 2);
  g_assert_cmpfloat_with_epsilon (s->customers[0].t_x / 7, 30.43, 0.005);
  g_assert_cmpfloat_with_epsilon (s->customers[0].T / 7, 38.86, 0.005);
  g_assert_cmpfloat_with_epsilon (s->customers[0].mean_repeat_spend, 2234.5, 1e-9);
  g_assert_cmpint (s->customers[0].total_spend, ==, 2933 + 2973 + 1496);
  g_assert_cmpuint (s->customers[0].holdout_x, ==, 1);
  g_assert_cmpint (s->customers[0].holdout_spend, ==, 2648);

  tr = clv_summary_triples (s, 7.0, &n_tr);
  g_assert_nonnull (tr);
  for (gsize i = 0; i < n_tr; i++)
    {
      w += tr[i].weight;
      if (i > 0)
        g_assert_true (tr[i - 1].x < tr[i].x || tr[i - 1].T != tr[i].T
                       || tr[i - 1].t_x != tr[i].t_x);
    }
  g_assert_cmpuint (w, ==, 2357);
  g_assert_cmpuint (n_tr, <, 2357);
}

/* Every customer against cdnow_customers_summary_with_transactions.csv (2-decimal weeks). */
static void
test_cdnow_every_customer (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) s = NULL;
  g_autofree char *path =
    reg_test_shared_data_path ("cdnow", "cdnow_customers_summary_with_transactions.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  s = clv_summary_compute (sales, n, nc, core_test_julian (19970930), core_test_julian (19970930),
                           &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (lines[i]), ",", -1);
      guint id;
      const ClvCustomerSummary *cs;

      if (g_strv_length (f) != 5)
        continue;
      id = (guint) g_ascii_strtoull (f[0], NULL, 10);
      cs = &s->customers[id - 1];
      g_assert_cmpuint (cs->x, ==, g_ascii_strtoull (f[1], NULL, 10));
      g_assert_cmpfloat_with_epsilon (cs->t_x / 7, g_ascii_strtod (f[2], NULL), 0.0051);
      g_assert_cmpfloat_with_epsilon (cs->T / 7, g_ascii_strtod (f[3], NULL), 0.0051);
      g_assert_cmpfloat_with_epsilon (cs->mean_repeat_spend / 100, g_ascii_strtod (f[4], NULL),
                                      0.0051);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 2357);
}

typedef struct
{
  const char *name;
  ClvSale sales[8];
  gsize n;
  guint32 x, purchases;
  double t_x, T;
  gint64 total;
  double mean_repeat;
} Case;

static void
test_rules (void)
{
  /* customer 0 only; calibration end day 200 */
  const Case cases[] = {
    { "same day merged", { { 0, 100, 500 }, { 0, 100, 700 } }, 2, 0, 1, 0, 100, 1200, 0 },
    { "two days", { { 0, 100, 500 }, { 0, 150, 700 } }, 2, 1, 2, 50, 100, 1200, 700 },
    { "refund nets into its day",
      { { 0, 100, 500 }, { 0, 150, 700 }, { 0, 150, -200 } }, 3, 1, 2, 50, 100, 1000, 500 },
    { "day netting to zero by a refund is no purchase",
      { { 0, 100, 500 }, { 0, 150, 700 }, { 0, 150, -700 } }, 3, 0, 1, 0, 100, 500, 0 },
    { "day netting below zero is no purchase",
      { { 0, 100, 500 }, { 0, 150, -900 } }, 2, 0, 1, 0, 100, -400, 0 },
    { "a free order (0.00, no refund) is a purchase",
      { { 0, 100, 500 }, { 0, 150, 0 } }, 2, 1, 2, 50, 100, 500, 0 },
    { "refund first: the first purchase is the next positive day",
      { { 0, 90, -300 }, { 0, 120, 400 }, { 0, 180, 600 } }, 3, 1, 2, 60, 80, 700, 600 },
    { "after the end ignored", { { 0, 100, 500 }, { 0, 300, 700 } }, 2, 0, 1, 0, 100, 500, 0 },
    { "no purchase", { { 0, 100, -500 } }, 1, 0, 0, 0, 0, -500, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClvSummary) s = clv_summary_compute (cases[i].sales, cases[i].n, 1, 200, 200,
                                                     &error);
      const ClvCustomerSummary *cs;

      g_test_message ("case: %s", cases[i].name);
      g_assert_no_error (error);
      cs = &s->customers[0];
      g_assert_cmpuint (cs->x, ==, cases[i].x);
      g_assert_cmpuint (cs->purchases, ==, cases[i].purchases);
      g_assert_cmpfloat (cs->t_x, ==, cases[i].t_x);
      g_assert_cmpfloat (cs->T, ==, cases[i].T);
      g_assert_cmpint (cs->total_spend, ==, cases[i].total);
      g_assert_cmpfloat (cs->mean_repeat_spend, ==, cases[i].mean_repeat);
      g_assert_cmpuint (s->n_buyers, ==, cases[i].purchases > 0 ? 1 : 0);
      if (cases[i].purchases == 0)
        g_assert_cmpint (cs->first_day, ==, 0);
    }
}

static void
test_holdout_and_unsorted (void)
{
  const ClvSale sorted[] = {
    { 0, 10, 100 }, { 0, 20, 100 }, { 0, 60, 100 }, { 0, 70, 100 }, { 0, 70, 50 },
    { 1, 55, 100 }, { 1, 65, 100 },
    { 2, 5, 100 },
  };
  const ClvSale shuffled[] = {
    { 1, 65, 100 }, { 0, 70, 50 }, { 2, 5, 100 }, { 0, 20, 100 },
    { 0, 60, 100 }, { 1, 55, 100 }, { 0, 10, 100 }, { 0, 70, 100 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClvSummary) a = clv_summary_compute (sorted, G_N_ELEMENTS (sorted), 4, 50, 80, &error);
  g_autoptr(ClvSummary) b = NULL;

  g_assert_no_error (error);
  b = clv_summary_compute (shuffled, G_N_ELEMENTS (shuffled), 4, 50, 80, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a->customers, 4 * sizeof (ClvCustomerSummary), b->customers,
                   4 * sizeof (ClvCustomerSummary));
  /* customer 0: calibration days 10, 20 -> x 1; holdout days 60, 70 -> 2 */
  g_assert_cmpuint (a->customers[0].x, ==, 1);
  g_assert_cmpuint (a->customers[0].holdout_x, ==, 2);
  g_assert_cmpint (a->customers[0].holdout_spend, ==, 250);
  /* customer 1 first buys in the holdout: not a calibration buyer, holdout not counted */
  g_assert_cmpint (a->customers[1].first_day, ==, 0);
  g_assert_cmpuint (a->customers[1].holdout_x, ==, 0);
  g_assert_cmpuint (a->n_buyers, ==, 2);
  g_assert_cmpuint (a->total_holdout, ==, 2);
  /* customer 3 has no sale */
  g_assert_cmpint (a->customers[3].first_day, ==, 0);
}

static void
test_invalid (void)
{
  const ClvSale bad_customer[] = { { 3, 10, 100 } };
  const ClvSale bad_day[] = { { 0, 0, 100 } };
  g_autoptr(GError) error = NULL;
  ClvSummary *s;

  s = clv_summary_compute (bad_customer, 1, 3, 20, 20, &error);
  g_assert_null (s);
  g_assert_error (error, CLV_ERROR, CLV_ERROR_INVALID);
  g_clear_error (&error);
  s = clv_summary_compute (bad_day, 1, 3, 20, 20, &error);
  g_assert_null (s);
  g_assert_error (error, CLV_ERROR, CLV_ERROR_INVALID);
  g_clear_error (&error);
  s = clv_summary_compute (bad_day, 0, 3, 30, 20, &error);
  g_assert_null (s);
  g_assert_error (error, CLV_ERROR, CLV_ERROR_RANGE);
  g_clear_error (&error);
  /* no sales at all is fine */
  s = clv_summary_compute (NULL, 0, 3, 20, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->n_buyers, ==, 0);
  clv_summary_free (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/summary/cdnow-totals", test_cdnow_totals);
  g_test_add_func ("/core/summary/cdnow-every-customer", test_cdnow_every_customer);
  g_test_add_func ("/core/summary/rules", test_rules);
  g_test_add_func ("/core/summary/holdout-and-unsorted", test_holdout_and_unsorted);
  g_test_add_func ("/core/summary/invalid", test_invalid);
  return g_test_run ();
}
