/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segmentation over per-customer arrays: value tiers by percentile, RFM mid-rank quintile
 * scores and the named-group rule table documented in clv-segments.h. Writes into
 * caller-owned arrays; allocates only sort scratch.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "clv-segments.h"
#include "clv-sort.h"

static const struct
{
  const char *id;
  const char *name;
} rfm_groups[CLV_N_RFM_GROUPS] = {
  [CLV_RFM_NONE] = { "none", N_("No purchase") },
  [CLV_RFM_CHAMPIONS] = { "champions", N_("Champions") },
  [CLV_RFM_LOYAL] = { "loyal", N_("Loyal") },
  [CLV_RFM_POTENTIAL_LOYALISTS] = { "potential-loyalists", N_("Potential loyalists") },
  [CLV_RFM_NEW] = { "new", N_("New") },
  [CLV_RFM_PROMISING] = { "promising", N_("Promising") },
  [CLV_RFM_NEED_ATTENTION] = { "need-attention", N_("Need attention") },
  [CLV_RFM_ABOUT_TO_SLEEP] = { "about-to-sleep", N_("About to sleep") },
  /* not "At risk": the at-risk list ("Slipping away") is another thing, by other rules */
  [CLV_RFM_AT_RISK] = { "at-risk", N_("Used to buy often") },
  [CLV_RFM_CANT_LOSE] = { "cant-lose", N_("Can’t lose them") },
  [CLV_RFM_HIBERNATING] = { "hibernating", N_("Hibernating") },
  [CLV_RFM_LOST] = { "lost", N_("Lost") },
};

const char *
clv_rfm_group_name (ClvRfmGroup g)
{
  if ((guint) g >= CLV_N_RFM_GROUPS)
    return "";
  return _(rfm_groups[g].name);
}

const char *
clv_rfm_group_id (ClvRfmGroup g)
{
  if ((guint) g >= CLV_N_RFM_GROUPS)
    return "";
  return rfm_groups[g].id;
}

ClvRfmGroup
clv_rfm_group_from_id (const char *id)
{
  for (guint g = 0; id != NULL && g < CLV_N_RFM_GROUPS; g++)
    if (strcmp (id, rfm_groups[g].id) == 0)
      return (ClvRfmGroup) g;
  return CLV_RFM_NONE;
}

const char *
clv_tier_id (ClvTier t)
{
  switch (t)
    {
    case CLV_TIER_TOP:
      return "top";
    case CLV_TIER_MIDDLE:
      return "middle";
    case CLV_TIER_BOTTOM:
      return "bottom";
    case CLV_TIER_NONE:
    case CLV_N_TIERS:
    default:
      return "none";
    }
}

const char *
clv_tier_name (ClvTier t)
{
  switch (t)
    {
    case CLV_TIER_TOP:
      return _("Top");
    case CLV_TIER_MIDDLE:
      return _("Middle");
    case CLV_TIER_BOTTOM:
      return _("Bottom");
    case CLV_TIER_NONE:
    case CLV_N_TIERS:
    default:
      return _("No purchase");
    }
}

ClvRfmGroup
clv_rfm_group_for_scores (guint r, guint f, guint m)
{
  guint fm;

  if (r < 1 || f < 1 || m < 1 || r > 5 || f > 5 || m > 5)
    return CLV_RFM_NONE;
  fm = (f + m + 1) / 2;   /* ceil ((F + M) / 2) */
  if (fm >= 4)
    {
      if (r == 5)
        return CLV_RFM_CHAMPIONS;
      if (r >= 3)
        return CLV_RFM_LOYAL;
      return fm == 5 ? CLV_RFM_CANT_LOSE : CLV_RFM_AT_RISK;
    }
  if (r >= 4)
    {
      if (fm >= 2)
        return CLV_RFM_POTENTIAL_LOYALISTS;
      return r == 5 ? CLV_RFM_NEW : CLV_RFM_PROMISING;
    }
  if (r == 3)
    return fm == 3 ? CLV_RFM_NEED_ATTENTION : CLV_RFM_ABOUT_TO_SLEEP;
  if (fm == 3)
    return CLV_RFM_AT_RISK;
  return r == 2 ? CLV_RFM_HIBERNATING : CLV_RFM_LOST;
}

typedef ClvRanked Ranked;

static gsize
collect (const double *values, const gboolean *include, gsize n, double sign, Ranked *out)
{
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (include == NULL || include[i])
      {
        double v = values[i];

        out[m].v = isfinite (v) ? sign * v : (isnan (v) ? -INFINITY : sign * v);
        out[m].i = (guint32) i;
        m++;
      }
  /* by value, ties by index (they come in index order) */
  clv_sort_ranked (out, m);
  return m;
}

void
clv_quintile_scores (const double *values, const gboolean *include, gsize n,
                     gboolean higher_is_better, guint8 *scores)
{
  g_autofree Ranked *r = g_new (Ranked, MAX (n, 1));
  gsize m;

  memset (scores, 0, n);
  /* ascending goodness: the worst first */
  m = collect (values, include, n, higher_is_better ? 1.0 : -1.0, r);
  for (gsize start = 0; start < m;)
    {
      gsize end = start + 1;
      double pct;
      int score;

      while (end < m && r[end].v == r[start].v)
        end++;
      pct = (start + (end - start) / 2.0) / m;
      score = CLAMP (1 + (int) floor (5.0 * pct), 1, 5);
      for (gsize k = start; k < end; k++)
        scores[r[k].i] = (guint8) score;
      start = end;
    }
}

void
clv_tiers_assign (const double *values, const gboolean *include, gsize n, double top,
                  double bottom, guint8 *tiers)
{
  g_autofree Ranked *r = g_new (Ranked, MAX (n, 1));
  gsize m, n_top, n_bottom;
  guint8 tier = CLV_TIER_TOP;

  memset (tiers, CLV_TIER_NONE, n);
  /* sort by -value: best first */
  m = collect (values, include, n, -1.0, r);
  top = CLAMP (top, 0.0, 1.0);
  bottom = CLAMP (bottom, 0.0, 1.0 - top);
  n_top = (gsize) llround (top * m);
  n_bottom = (gsize) llround (bottom * m);
  for (gsize k = 0; k < m; k++)
    {
      if (k == 0 || r[k].v != r[k - 1].v)
        tier = k < n_top ? CLV_TIER_TOP : (k >= m - n_bottom ? CLV_TIER_BOTTOM : CLV_TIER_MIDDLE);
      tiers[r[k].i] = tier;
    }
}

gint32
clv_return_days (const gint32 *first_days, const gint32 *second_days, gsize n, double share)
{
  g_autofree gint32 *gaps = NULL;
  gsize k;

  if (n == 0)
    return -1;
  gaps = g_new (gint32, n);
  for (gsize i = 0; i < n; i++)
    gaps[i] = second_days[i] - first_days[i];
  clv_sort_days (gaps, n);
  /* the smallest gap g with at least share x n gaps <= g */
  k = (gsize) ceil (CLAMP (share, 0, 1) * n);
  return gaps[CLAMP (k, 1, n) - 1];
}
