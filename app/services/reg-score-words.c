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
