/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segmentation: value tiers by CLV percentile, RFM quintile scores and named groups, at-risk
 * rules. Works on plain arrays indexed by customer; writes into caller-owned arrays.
 *
 * RFM scores (1 .. 5, 0 = no purchase) are mid-rank quintiles among customers with a purchase:
 * score = 1 + floor (5 x (n_below + n_equal / 2) / n), clamped to 1 .. 5, so equal values always
 * get equal scores (most one-time buyers share F). R ranks days since the last purchase (fewer
 * is better), F the purchase days, M the net total spend. Groups from R and FM = the rounded-up
 * mean of F and M (ceil ((F + M) / 2)), first matching row:
 *
 *   R 5,   FM 4-5  Champions            R 1-2, FM 5    Can't lose them
 *   R 3-4, FM 4-5  Loyal                R 1-2, FM 3-4  Used to buy often (id at-risk)
 *   R 4-5, FM 2-3  Potential loyalists  R 3,   FM 3    Need attention
 *   R 5,   FM 1    New                  R 3,   FM 1-2  About to sleep
 *   R 4,   FM 1    Promising            R 2,   FM 1-2  Hibernating
 *                                       R 1,   FM 1-2  Lost
 */
#pragma once

#include "clv-types.h"

G_BEGIN_DECLS

/* Translated display name; "" for an out-of-range value. */
const char *clv_rfm_group_name (ClvRfmGroup g);
/* Stable id: champions, loyal, potential-loyalists, new, promising, need-attention,
 * about-to-sleep, at-risk, cant-lose, hibernating, lost; "none" for CLV_RFM_NONE. */
const char *clv_rfm_group_id   (ClvRfmGroup g);
/* Reverse of clv_rfm_group_id(); CLV_RFM_NONE when unknown. */
ClvRfmGroup clv_rfm_group_from_id (const char *id);
/* top, middle, bottom, none */
const char *clv_tier_id        (ClvTier t);
const char *clv_tier_name      (ClvTier t);

/* The group of an (R, F, M) score triple per the table above; CLV_RFM_NONE if any is 0. */
ClvRfmGroup clv_rfm_group_for_scores (guint r, guint f, guint m);

/**
 * clv_quintile_scores:
 * @values: n values; only those with include[i] are ranked
 * @include: (nullable): which entries take part; %NULL = all
 * @higher_is_better: TRUE for F and M, FALSE for recency in days
 * @scores: (out): n scores, 1 .. 5, 0 for entries not included
 *
 * Mid-rank quintile scores as described at the top of this file. O(n log n).
 */
void clv_quintile_scores (const double *values, const gboolean *include, gsize n,
                          gboolean higher_is_better, guint8 *scores);

/**
 * clv_tiers_assign:
 * @values: n values (predicted or historic CLV); only entries with include[i] are ranked
 * @top, @bottom: shares, 0 .. 1, top + bottom <= 1 (e.g. 0.20 and 0.30)
 * @tiers: (out): n ClvTier values; CLV_TIER_NONE for entries not included
 *
 * Sorted by value, highest first: the first round (top x n) are TOP, the last round (bottom x n)
 * BOTTOM, the rest MIDDLE. Ties at a boundary all go to the better tier, so equal values always
 * share a tier.
 */
void clv_tiers_assign (const double *values, const gboolean *include, gsize n, double top,
                       double bottom, guint8 *tiers);

/**
 * clv_return_days:
 * @first_days, @second_days: per customer who came back, the first and second purchase day
 * @n: how many
 * @share: e.g. 0.8
 *
 * The shop's return pattern: the smallest number of days within which @share of these customers
 * made their second purchase. -1 when @n is 0. Reorders nothing; O(n log n).
 */
gint32 clv_return_days (const gint32 *first_days, const gint32 *second_days, gsize n,
                        double share);

G_END_DECLS
