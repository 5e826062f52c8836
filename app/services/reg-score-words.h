/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a customer's scores mean in words, the same in the window, the command line, the JSON and
 * the files: a one-time buyer whose P(alive) the model cannot tell ("Bought once, 3 months ago:
 * too early to tell"), judged against the shop's own return pattern; a next purchase that falls
 * beyond the prediction horizon ("not expected in the next 12 months"). The context comes from
 * the shop's latest analysis.
 */
#pragma once

#include "reg-analysis-job.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean known;            /* an analysis with a purchase model exists */
  gboolean certain_once;     /* its model gives one-time buyers P(alive) = 1 by construction */
  gint32   end_day;          /* the last day of sales the predictions use */
  guint    horizon_months;
  gint32   return_days;      /* most customers who came back did so within this; -1 unknown */
} RegScoreContext;

void     reg_score_context_from_summary (const RegAnalysisSummary *s, RegScoreContext *ctx);
/* From the shop's latest analysis; an empty context (known FALSE) when there is none. */
void     reg_score_context_load         (RegShop *shop, RegScoreContext *ctx);

/* "5 weeks", "3 months", "4 days": a span of days in words. */
char    *reg_words_span                 (int days);
/* "Most customers who came back did so within 5 weeks." or NULL when not known. */
char    *reg_words_return_pattern       (gint32 return_days);

/* Why P(alive) is not given for this customer, or NULL when it is (or there is no model):
 * "Bought once, 3 months ago: too early to tell. Most customers who came back did so within
 * 5 weeks." */
char    *reg_score_p_alive_note         (const RegScoreContext *ctx, guint32 purchases,
                                         double p_alive, gint32 first_purchase);

/* Whether the expected next purchase falls within the horizon (and is known). */
gboolean reg_score_next_purchase_shown  (const RegScoreContext *ctx, gint32 next_purchase);
/* "Not expected in the next 12 months." for a known next purchase beyond the horizon, else NULL. */
char    *reg_score_next_purchase_note   (const RegScoreContext *ctx, guint32 purchases,
                                         gint32 next_purchase);

/* "in the next 12 months" */
char    *reg_words_horizon              (guint horizon_months);

/* The shop's predicted value over the horizon with its 80 % range, rounded as an owner says it:
 * "Your customers are likely to spend €304,000 with you in the next 12 months (80 % range
 * €281,000 to €329,000)."; without a range, why there is none ("No ranges: …"); NULL when there
 * is no prediction at all. */
char    *reg_words_clv_total_range      (RegShop *shop, const RegAnalysisSummary *s);

/* One customer's range: "2 to 5 more visits in the next 12 months (80 %), worth €40.00 to
 * €100.00", or NULL when the range is unknown (-1). */
char    *reg_score_range_words          (RegShop *shop, const RegScoreContext *ctx,
                                         double purchases_low, double purchases_high,
                                         double clv_low, double clv_high);

G_END_DECLS
