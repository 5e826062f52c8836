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

void
reg_score_context_load (RegShop *shop, RegScoreContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) s = reg_shop_load_latest_analysis (shop, &error);

  /* a damaged stored analysis only costs the notes: the figures show as they are */
  reg_score_context_from_summary (s, ctx);
}

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

gboolean
reg_score_next_purchase_shown (const RegScoreContext *ctx, gint32 next_purchase)
{
  if (next_purchase <= 0)
    return FALSE;
  /* without a model the date is the customer's own rhythm, which may be past: shown as it is */
  return !ctx->known || next_purchase <= horizon_end (ctx);
}

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
