/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segmentation: the RFM rule table cell by cell, mid-rank quintiles with ties, tier boundaries
 * and ties, ids and names.
 */
#include <string.h>

#include "clv-segments.h"

/* The documented table (clv-segments.h), rows R 5 .. 1, columns FM 1 .. 5. */
static const ClvRfmGroup table[5][5] = {
  /* R5 */ { CLV_RFM_NEW, CLV_RFM_POTENTIAL_LOYALISTS, CLV_RFM_POTENTIAL_LOYALISTS,
             CLV_RFM_CHAMPIONS, CLV_RFM_CHAMPIONS },
  /* R4 */ { CLV_RFM_PROMISING, CLV_RFM_POTENTIAL_LOYALISTS, CLV_RFM_POTENTIAL_LOYALISTS,
             CLV_RFM_LOYAL, CLV_RFM_LOYAL },
  /* R3 */ { CLV_RFM_ABOUT_TO_SLEEP, CLV_RFM_ABOUT_TO_SLEEP, CLV_RFM_NEED_ATTENTION,
             CLV_RFM_LOYAL, CLV_RFM_LOYAL },
  /* R2 */ { CLV_RFM_HIBERNATING, CLV_RFM_HIBERNATING, CLV_RFM_AT_RISK, CLV_RFM_AT_RISK,
             CLV_RFM_CANT_LOSE },
  /* R1 */ { CLV_RFM_LOST, CLV_RFM_LOST, CLV_RFM_AT_RISK, CLV_RFM_AT_RISK, CLV_RFM_CANT_LOSE },
};

static void
test_rfm_table (void)
{
  for (guint r = 1; r <= 5; r++)
    for (guint f = 1; f <= 5; f++)
      for (guint m = 1; m <= 5; m++)
        {
          guint fm = (f + m + 1) / 2;

          g_assert_cmpint (clv_rfm_group_for_scores (r, f, m), ==, table[5 - r][fm - 1]);
        }
  g_assert_cmpint (clv_rfm_group_for_scores (0, 3, 3), ==, CLV_RFM_NONE);
  g_assert_cmpint (clv_rfm_group_for_scores (3, 6, 3), ==, CLV_RFM_NONE);
}

static void
test_ids (void)
{
  const char *required[] = { "champions", "loyal", "potential-loyalists", "new", "at-risk",
                             "cant-lose", "hibernating", "lost" };

  for (guint g = 0; g < CLV_N_RFM_GROUPS; g++)
    {
      g_assert_cmpint (clv_rfm_group_from_id (clv_rfm_group_id (g)), ==, g);
      g_assert_cmpstr (clv_rfm_group_name (g), !=, "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_cmpint (clv_rfm_group_from_id (required[i]), !=, CLV_RFM_NONE);
  g_assert_cmpstr (clv_rfm_group_name (CLV_RFM_CANT_LOSE), ==, "Can’t lose them");
  g_assert_cmpstr (clv_rfm_group_id (CLV_N_RFM_GROUPS), ==, "");
  g_assert_cmpstr (clv_tier_id (CLV_TIER_TOP), ==, "top");
  g_assert_cmpstr (clv_tier_id (CLV_TIER_MIDDLE), ==, "middle");
  g_assert_cmpstr (clv_tier_id (CLV_TIER_BOTTOM), ==, "bottom");
}

static void
test_quintiles (void)
{
  const double v[10] = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
  const guint8 want[10] = { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };
  const double ties[10] = { 1, 1, 1, 1, 1, 1, 2, 2, 3, 9 };
  /* mid-ranks: 1s at (0 + 3)/10 -> 2; 2s at (6 + 1)/10 -> 4; 3 at 8.5/10 -> 5; 9 -> 5 */
  const guint8 want_ties[10] = { 2, 2, 2, 2, 2, 2, 4, 4, 5, 5 };
  const gboolean inc[10] = { TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE };
  guint8 s[10];

  clv_quintile_scores (v, NULL, 10, TRUE, s);
  g_assert_cmpmem (s, 10, want, 10);
  clv_quintile_scores (v, NULL, 10, FALSE, s);   /* recency: fewer days is better */
  for (int i = 0; i < 10; i++)
    g_assert_cmpuint (s[i], ==, want[9 - i]);
  clv_quintile_scores (ties, NULL, 10, TRUE, s);
  g_assert_cmpmem (s, 10, want_ties, 10);
  clv_quintile_scores (v, inc, 10, TRUE, s);
  g_assert_cmpuint (s[5], ==, 0);
  for (int i = 0; i < 10; i++)
    if (i != 5)
      g_assert_cmpuint (s[i], >=, 1);
  clv_quintile_scores (v, NULL, 1, TRUE, s);
  g_assert_cmpuint (s[0], ==, 3);
}

static void
test_tiers (void)
{
  const double v[10] = { 5, 9, 1, 7, 3, 10, 2, 8, 4, 6 };
  const double ties[10] = { 9, 9, 9, 5, 5, 5, 5, 1, 1, 1 };
  const gboolean inc[10] = { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE };
  guint8 t[10];
  guint count[CLV_N_TIERS] = { 0 };

  clv_tiers_assign (v, NULL, 10, 0.2, 0.3, t);
  for (int i = 0; i < 10; i++)
    {
      ClvTier want = v[i] >= 9 ? CLV_TIER_TOP : v[i] <= 3 ? CLV_TIER_BOTTOM : CLV_TIER_MIDDLE;

      g_assert_cmpuint (t[i], ==, want);
    }
  /* ties at the top boundary all go to the better tier */
  clv_tiers_assign (ties, NULL, 10, 0.2, 0.3, t);
  for (int i = 0; i < 10; i++)
    count[t[i]]++;
  g_assert_cmpuint (count[CLV_TIER_TOP], ==, 3);
  g_assert_cmpuint (count[CLV_TIER_MIDDLE], ==, 4);
  g_assert_cmpuint (count[CLV_TIER_BOTTOM], ==, 3);
  clv_tiers_assign (v, inc, 10, 0.5, 0.5, t);
  g_assert_cmpuint (t[9], ==, CLV_TIER_NONE);
  /* editable shares: everything top */
  clv_tiers_assign (v, NULL, 10, 1.0, 0.0, t);
  for (int i = 0; i < 10; i++)
    g_assert_cmpuint (t[i], ==, CLV_TIER_TOP);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/segments/rfm-table", test_rfm_table);
  g_test_add_func ("/core/segments/ids", test_ids);
  g_test_add_func ("/core/segments/quintiles", test_quintiles);
  g_test_add_func ("/core/segments/tiers", test_tiers);
  return g_test_run ();
}
