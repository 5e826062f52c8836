/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why a customer is on the at-risk list, in figures and in words. The analysis flags customers
 * (ClvAtRiskFlags); ClvAtRiskFacts keeps what each rule measured, so that the window, the
 * command line, the printed list and the workbook all say the same thing from one renderer.
 * Each rule kind has one row in the table in clv-at-risk.c: a new kind adds a row there.
 */
#pragma once

#include "clv-types.h"
#include "clv-money.h"

G_BEGIN_DECLS

/**
 * ClvAtRiskFacts:
 * @flags: the ClvAtRiskFlags that put the customer on the list; 0 = not at risk
 * @p_alive: the chance of still buying, 0 .. 1; -1 when unknown
 * @days_since: days from the last purchase to the end of the analysis; -1 when unknown
 * @gap_days: the gap a time rule measured against, in days; -1 when unknown. For the overdue
 *   rule the customer's own mean gap between purchase days; a rule about one-time buyers puts
 *   the shop's usual time to come back here, so that its row in the table renders "bought once
 *   N weeks ago" from @days_since and this figure
 * @nps_score: the latest NPS answer up to the end of the analysis, 0 .. 10; -1 when none
 * @nps_day: its Julian day; 0 when unknown
 *
 * Unknown figures are allowed (an analysis saved before they were kept): the reason is then
 * given in words without them.
 */
typedef struct
{
  guint32 flags;
  double p_alive;
  gint32 days_since;
  double gap_days;
  gint nps_score;
  gint32 nps_day;
} ClvAtRiskFacts;

/* Every figure unknown, no flag. */
void  clv_at_risk_facts_init      (ClvAtRiskFacts *facts);

/**
 * clv_at_risk_reason:
 * @facts: what the rules measured
 * @locale: (nullable): writes the dates (an NPS answer's day); %NULL = ISO 8601
 *
 * Returns: (transfer full) (nullable): the reasons, translated, one clause per rule in flag
 *   order joined by "; ", such as "usually buys every 3 weeks, last bought 9 weeks ago; NPS
 *   detractor, scored 3 on 04/10/2026"; %NULL when @facts has no flag.
 */
char *clv_at_risk_reason          (const ClvAtRiskFacts *facts, const ClvLocale *locale);

G_END_DECLS
