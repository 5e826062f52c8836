/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The at-risk reasons in words (see clv-at-risk.h): one renderer per rule kind, chosen by flag
 * from a table. Pure; the returned strings belong to the caller.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "clv-at-risk.h"
#include "clv-date.h"

#define DAYS_PER_WEEK 7.0
#define DAYS_PER_MONTH (365.25 / 12)

typedef enum { SPAN_DAYS, SPAN_WEEKS, SPAN_MONTHS } SpanUnit;

/* Days up to two weeks, weeks up to about three months, months beyond: the unit an owner
 * would say, so that "every 3 weeks" and "9 weeks ago" read naturally side by side. */
static SpanUnit
span_unit (double days)
{
  if (days < 14)
    return SPAN_DAYS;
  if (days < 13 * DAYS_PER_WEEK)
    return SPAN_WEEKS;
  return SPAN_MONTHS;
}

static gulong
span_count (double days, SpanUnit unit)
{
  double n = unit == SPAN_DAYS ? days : unit == SPAN_WEEKS ? days / DAYS_PER_WEEK
                                                            : days / DAYS_PER_MONTH;

  return (gulong) MAX (1, llround (n));
}

/* Marks a singular and plural pair for xgettext (po/meson.build: --keyword=NP_:1,2) in a
 * table; the pair is translated where it is used, by g_dngettext. */
#define NP_(singular, plural) { singular, plural }

/* One sentence per unit, since languages inflect the unit differently after "every" and before
 * "ago" (German: "alle 3 Wochen", "vor 9 Tagen"), indexed by SpanUnit. */
typedef const char *const SpanForms[3][2];

static SpanForms usual_gap_forms = {
  NP_("usually buys every day", "usually buys every %lu days"),
  NP_("usually buys every week", "usually buys every %lu weeks"),
  NP_("usually buys every month", "usually buys every %lu months"),
};
static SpanForms since_forms = {
  NP_("last bought %lu day ago", "last bought %lu days ago"),
  NP_("last bought %lu week ago", "last bought %lu weeks ago"),
  NP_("last bought %lu month ago", "last bought %lu months ago"),
};
static SpanForms bought_once_forms = {
  NP_("bought once, %lu day ago", "bought once, %lu days ago"),
  NP_("bought once, %lu week ago", "bought once, %lu weeks ago"),
  NP_("bought once, %lu month ago", "bought once, %lu months ago"),
};
static SpanForms came_back_within_forms = {
  NP_("most customers who came back did so within %lu day",
      "most customers who came back did so within %lu days"),
  NP_("most customers who came back did so within %lu week",
      "most customers who came back did so within %lu weeks"),
  NP_("most customers who came back did so within %lu month",
      "most customers who came back did so within %lu months"),
};

/* The span of @days in the unit an owner would say, in the sentence of @forms. */
static char *
span_text (double days, SpanForms forms)
{
  SpanUnit unit = span_unit (days);
  gulong n = span_count (days, unit);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, forms[unit][0], forms[unit][1], n), n);
}

static char *
low_p_alive_reason (const ClvAtRiskFacts *f, const ClvLocale *locale)
{
  if (!(f->p_alive >= 0 && f->p_alive <= 1))
    return g_strdup (_("probably no longer buying"));
  /* Translators: why a customer is on the at-risk list; %.0f %% is a percentage such as 12 % */
  return g_strdup_printf (_("chance still buying %.0f %%"), 100.0 * f->p_alive);
}

static char *
overdue_reason (const ClvAtRiskFacts *f, const ClvLocale *locale)
{
  g_autofree char *gap = NULL;
  g_autofree char *since = NULL;

  if (!(f->gap_days > 0) || f->days_since < 0)
    return g_strdup (_("overdue for their next visit"));
  gap = span_text (f->gap_days, usual_gap_forms);
  since = span_text (f->days_since, since_forms);
  /* Translators: the usual gap, then the time since the last purchase: "usually buys every
   * 3 weeks, last bought 9 weeks ago" */
  return g_strdup_printf (_("%s, %s"), gap, since);
}

/* A one-time buyer the model cannot judge, gone longer than the shop's usual time to come
 * back (@gap_days holds that time, @days_since the time since the one purchase). */
static char *
not_back_reason (const ClvAtRiskFacts *f, const ClvLocale *locale)
{
  g_autofree char *once = NULL;
  g_autofree char *within = NULL;

  if (!(f->gap_days > 0) || f->days_since < 0)
    return g_strdup (_("bought once and not back for longer than most customers take"));
  once = span_text (f->days_since, bought_once_forms);
  within = span_text (f->gap_days, came_back_within_forms);
  /* Translators: "bought once, 9 weeks ago; most customers who came back did so within 5 weeks" */
  return g_strdup_printf (_("%s; %s"), once, within);
}

static char *
detractor_reason (const ClvAtRiskFacts *f, const ClvLocale *locale)
{
  g_autofree char *day = NULL;

  if (f->nps_score < 0 || f->nps_score > 10)
    return g_strdup (_("unhappy in their last survey"));
  if (f->nps_day <= 0)
    /* Translators: NPS is the survey score 0 .. 10; 0 to 6 is a "detractor" */
    return g_strdup_printf (_("NPS detractor, scored %d"), f->nps_score);
  day = locale != NULL ? clv_date_format_locale (f->nps_day, locale->date_order,
                                                 locale->date_separator)
                       : clv_date_format_iso (f->nps_day);
  /* Translators: NPS is the survey score 0 .. 10; 0 to 6 is a "detractor"; then a date */
  return g_strdup_printf (_("NPS detractor, scored %d on %s"), f->nps_score, day);
}

/* One row per rule kind, in the order the clauses are written. */
static const struct
{
  guint32 flag;
  char *(*render) (const ClvAtRiskFacts *f, const ClvLocale *locale);
} kinds[] = {
  { CLV_AT_RISK_LOW_P_ALIVE, low_p_alive_reason },
  { CLV_AT_RISK_OVERDUE, overdue_reason },
  { CLV_AT_RISK_DETRACTOR, detractor_reason },
  { CLV_AT_RISK_NOT_BACK, not_back_reason },
};

void
clv_at_risk_facts_init (ClvAtRiskFacts *facts)
{
  facts->flags = 0;
  facts->p_alive = -1;
  facts->days_since = -1;
  facts->gap_days = -1;
  facts->nps_score = -1;
  facts->nps_day = 0;
}

char *
clv_at_risk_reason (const ClvAtRiskFacts *facts, const ClvLocale *locale)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint32 described = 0;

  g_return_val_if_fail (facts != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (facts->flags & kinds[i].flag)
      {
        g_ptr_array_add (parts, kinds[i].render (facts, locale));
        described |= kinds[i].flag;
      }
  /* a flag from a newer analysis than this table still puts words on the list */
  if ((facts->flags & ~described) != 0)
    g_ptr_array_add (parts, g_strdup (_("slipping away by another rule")));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}
