/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scores in words: see reg-score-words.h. The month count follows the calendar (the horizon
 * ends on the same day N months after the last day of sales), the way an owner counts.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "clv-types.h"
#include "reg-score-words.h"
#include "reg-segment.h"

/**
 * reg_score_context_from_summary:
 * @s: an analysis
 * @ctx: (out caller-allocates): what the score words need from it: the model, the end day, the
 *   horizon in months and the return pattern in days
 */
void
reg_score_context_from_summary (const RegAnalysisSummary *s, RegScoreContext *ctx)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->return_days = -1;
  if (s == NULL)
    return;
  ctx->known = s->enough_data && g_strcmp0 (s->model, "none") != 0 && s->model != NULL;
  ctx->certain_once = g_strcmp0 (s->model, "bgnbd") == 0;
  ctx->end_day = s->end_day;
  ctx->horizon_months = s->horizon_months > 0 ? s->horizon_months : 12;
  ctx->return_days = s->return_days;
}

/**
 * reg_score_context_load:
 * @shop: the shop
 * @ctx: (out caller-allocates): the context of the shop's latest analysis; empty (known %FALSE)
 *   when there is none
 */
void
reg_score_context_load (RegShop *shop, RegScoreContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = reg_shop_load_latest_analysis (shop, &error);

  /* a damaged stored analysis only costs the notes: the figures show as they are */
  reg_score_context_from_summary (s, ctx);
}

/**
 * reg_words_span:
 * @days: a span of days, 0 or more
 *
 * Returns: (transfer full): the span in words ("4 days", "5 weeks", "3 months"), translated.
 */
char *
reg_words_span (int days)
{
  days = MAX (days, 0);
  if (days < 14)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  if (days < 61)
    {
      int weeks = (int) lround (days / 7.0);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", weeks), weeks);
    }
  {
    int months = (int) lround (days / 30.4375);

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months),
                            months);
  }
}

/**
 * reg_words_return_pattern:
 * @return_days: the days within which most customers who came back did so; -1 = unknown
 *
 * Returns: (transfer full) (nullable): "Most customers who came back did so within 5 weeks.",
 *   translated; %NULL when not known.
 */
char *
reg_words_return_pattern (gint32 return_days)
{
  g_autofree char *span = NULL;

  if (return_days < 0)
    return NULL;
  span = reg_words_span (return_days);
  /* TRANSLATORS: %s is a span such as "5 weeks" */
  return g_strdup_printf (_("Most customers who came back did so within %s."), span);
}

/**
 * reg_score_p_alive_note:
 * @ctx: the latest analysis' context
 * @purchases: the customer's purchase days
 * @p_alive: the model's probability of still buying, 0 to 1; -1 unknown
 * @first_purchase: the Julian day of the first purchase
 *
 * Returns: (transfer full) (nullable): why no probability is given for this customer ("Bought
 *   once, 3 months ago: too early to tell. …"), translated; %NULL when it is given, or there is
 *   no model.
 */
char *
reg_score_p_alive_note (const RegScoreContext *ctx, guint32 purchases, double p_alive,
                        gint32 first_purchase)
{
  g_autofree char *ago = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *lead = NULL;

  if (!ctx->known || !ctx->certain_once || purchases != 1 || p_alive >= 0 || first_purchase <= 0)
    return NULL;
  ago = reg_words_span (ctx->end_day - first_purchase);
  /* TRANSLATORS: %s is a span such as "3 months" */
  lead = g_strdup_printf (_("Bought once, %s ago: too early to tell."), ago);
  pattern = reg_words_return_pattern (ctx->return_days);
  return pattern != NULL ? g_strdup_printf ("%s %s", lead, pattern) : g_steal_pointer (&lead);
}

static gint32
horizon_end (const RegScoreContext *ctx)
{
  GDate d;

  if (!g_date_valid_julian ((guint32) MAX (ctx->end_day, 1)))
    return G_MAXINT32;
  g_date_clear (&d, 1);
  g_date_set_julian (&d, (guint32) MAX (ctx->end_day, 1));
  g_date_add_months (&d, ctx->horizon_months);
  return (gint32) g_date_get_julian (&d);
}

/**
 * reg_score_next_purchase_shown:
 * @ctx: the latest analysis' context
 * @next_purchase: the expected Julian day of the next purchase; 0 = unknown
 *
 * Returns: whether that day is known and falls within the prediction horizon.
 */
gboolean
reg_score_next_purchase_shown (const RegScoreContext *ctx, gint32 next_purchase)
{
  if (next_purchase <= 0)
    return FALSE;
  /* without a model the date is the customer's own rhythm, which may be past: shown as it is */
  return !ctx->known || next_purchase <= horizon_end (ctx);
}

/**
 * reg_score_next_purchase_note:
 * @ctx: the latest analysis' context
 * @purchases: the customer's purchase days
 * @next_purchase: the expected Julian day of the next purchase; 0 = unknown
 *
 * Returns: (transfer full) (nullable): "Not expected in the next 12 months." for a known next
 *   purchase beyond the horizon, translated; else %NULL.
 */
char *
reg_score_next_purchase_note (const RegScoreContext *ctx, guint32 purchases, gint32 next_purchase)
{
  if (!ctx->known || purchases == 0 || next_purchase <= 0
      || reg_score_next_purchase_shown (ctx, next_purchase))
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not expected in the next %u month.",
                                       "Not expected in the next %u months.",
                                       ctx->horizon_months),
                          ctx->horizon_months);
}

/**
 * reg_words_horizon:
 * @horizon_months: the prediction horizon in months
 *
 * Returns: (transfer full): "in the next 12 months", translated.
 */
char *
reg_words_horizon (guint horizon_months)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in the next %u month",
                                       "in the next %u months", horizon_months),
                          horizon_months);
}

/* A total as an owner says it: three significant figures, whole currency units. */
static char *
format_rounded (RegShop *shop, double minor)
{
  ClvMoneyFormat fmt;
  ClvCurrency whole;
  double major;

  reg_shop_get_money_format (shop, &fmt);
  major = minor / pow (10, fmt.currency->exponent);
  if (major >= 1000)
    {
      double step = pow (10, floor (log10 (major)) - 2);
      major = round (major / step) * step;
    }
  whole = *fmt.currency;
  whole.exponent = 0;
  fmt.currency = &whole;
  return clv_money_format ((gint64) llround (major), &fmt);
}

/**
 * reg_words_clv_total_range:
 * @shop: the shop, for the way it writes money
 * @s: an analysis
 *
 * Returns: (transfer full) (nullable): the shop's predicted value over the horizon with its 80 %
 *   range, rounded as an owner says it, or why there is no range; %NULL without a prediction.
 */
char *
reg_words_clv_total_range (RegShop *shop, const RegAnalysisSummary *s)
{
  g_autofree char *total = NULL;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  g_autofree char *when = NULL;

  if (s == NULL || s->clv_total < 0)
    return s != NULL && s->ranges_note != NULL ? g_strdup (s->ranges_note) : NULL;
  if (s->clv_total_range[0] < 0 || s->clv_total_range[1] < 0)
    return s->ranges_note != NULL ? g_strdup (s->ranges_note) : NULL;
  total = format_rounded (shop, s->clv_total);
  lo = format_rounded (shop, s->clv_total_range[0]);
  hi = format_rounded (shop, s->clv_total_range[1]);
  when = reg_words_horizon (s->horizon_months);
  /* TRANSLATORS: the predicted value (what the customers' purchases leave after the shop's
   * margin), "in the next 12 months", then the low and high end of the 80 % range: "Your
   * customers are likely to be worth €304,000 to you in the next 12 months, after your margin
   * (80 % range €281,000 to €329,000)." Reorder with %2$s etc. where your language needs it. */
  return g_strdup_printf (_("Your customers are likely to be worth %s to you %s, after your "
                            "margin (80 %% range %s to %s)."), total, when, lo, hi);
}

/**
 * reg_score_range_words:
 * @shop: the shop, for the way it writes money
 * @ctx: the latest analysis' context
 * @purchases_low: the low end of the 80 % range of purchases over the horizon; -1 unknown
 * @purchases_high: its high end
 * @clv_low: the value of @purchases_low, minor units; -1 unknown
 * @clv_high: the value of @purchases_high, minor units
 *
 * Returns: (transfer full) (nullable): "2 to 5 more visits in the next 12 months (80 %), worth
 *   €40.00 to €100.00", translated; %NULL when the range is unknown.
 */
char *
reg_score_range_words (RegShop *shop, const RegScoreContext *ctx, double purchases_low,
                       double purchases_high, double clv_low, double clv_high)
{
  g_autofree char *when = NULL;
  g_autofree char *visits = NULL;
  guint lo, hi;

  if (purchases_low < 0 || purchases_high < purchases_low)
    return NULL;
  lo = (guint) purchases_low;
  hi = (guint) purchases_high;
  when = reg_words_horizon (ctx->horizon_months > 0 ? ctx->horizon_months : 12);
  if (lo == hi)
    /* TRANSLATORS: "3 more visits in the next 12 months (80 %)" */
    visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more visit %s (80 %%)",
                                           "%u more visits %s (80 %%)", hi), hi, when);
  else
    /* TRANSLATORS: "2 to 5 more visits in the next 12 months (80 %)" */
    visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to %u more visit %s (80 %%)",
                                           "%u to %u more visits %s (80 %%)", hi), lo, hi, when);
  if (clv_low >= 0 && clv_high >= clv_low && hi > 0)
    {
      g_autofree char *vlo = reg_shop_format_amount (shop, (gint64) llround (clv_low));
      g_autofree char *vhi = reg_shop_format_amount (shop, (gint64) llround (clv_high));

      /* TRANSLATORS: the visits as above, then the value of those visits: "2 to 5 more visits
       * in the next 12 months (80 %), worth €40.00 to €100.00" */
      return g_strdup_printf (_("%s, worth %s to %s"), visits, vlo, vhi);
    }
  return g_steal_pointer (&visits);
}
