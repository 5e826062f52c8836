/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis pipeline: day log -> summaries -> calibration fits and holdout check -> model
 * choice -> full-period fit -> Gamma-Gamma -> per-customer scores -> tiers, RFM, at-risk ->
 * historic figures, cohorts, revenue by month. Returns on the caller's thread, with the side
 * tasks it started (SideTask below) joined; the ClvAnalysis owns every array it points to
 * (clv_analysis_free()).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "clv-analysis.h"
#include "clv-date.h"
#include "clv-error.h"
#include "clv-summary.h"

#define MAX_NEXT_DAYS 36525

void
clv_analysis_options_init (ClvAnalysisOptions *opts)
{
  g_return_if_fail (opts != NULL);
  memset (opts, 0, sizeof *opts);
  opts->model = CLV_MODEL_AUTO;
  opts->time_unit = CLV_TIME_WEEK;
  opts->horizon_months = 12;
  opts->discount_monthly = 0.01;
  opts->margin = 1.0;
  opts->acquisition_cost = 0;
  opts->tier_top = 0.20;
  opts->tier_bottom = 0.30;
  opts->at_risk_p_alive = 0.5;
  opts->overdue_factor = 2.0;
  opts->churn_period_days = 90;
  opts->month_days = 365.25 / 12.0;
}

gint32
clv_analysis_auto_calibration_end (gint32 first_day, gint32 end_day)
{
  gint32 span = end_day - first_day + 1;

  if (first_day < 1 || span < CLV_MIN_SPAN_FOR_HOLDOUT_DAYS)
    return end_day;
  return end_day - MIN (span / 3, CLV_MAX_HOLDOUT_DAYS);
}

static gboolean
validate_options (const ClvAnalysisOptions *o, GError **error)
{
  const char *what = NULL;

  if ((guint) o->model > CLV_MODEL_MBGNBD)
    what = "model";
  else if ((guint) o->time_unit > CLV_TIME_MONTH)
    what = "time unit";
  else if (o->horizon_months < 1 || o->horizon_months > 600)
    what = "horizon (1 to 600 months)";
  else if (!(o->discount_monthly >= 0 && o->discount_monthly < 1))
    what = "monthly discount rate (0 to below 1)";
  else if (!(o->margin >= 0 && o->margin <= 1))
    what = "margin (0 to 1)";
  else if (o->acquisition_cost < 0)
    what = "acquisition cost";
  else if (!(o->tier_top >= 0 && o->tier_bottom >= 0 && o->tier_top + o->tier_bottom <= 1))
    what = "tier shares (top and bottom, together at most 100 %)";
  else if (!(o->at_risk_p_alive >= 0 && o->at_risk_p_alive <= 1))
    what = "at-risk probability (0 to 1)";
  else if (!(o->overdue_factor > 0 && o->overdue_factor < 1000))
    what = "overdue factor";
  else if (o->churn_period_days < 1 || o->churn_period_days > 3660)
    what = "churn period (1 to 3660 days)";
  else if (!(o->month_days >= 1 && o->month_days <= 62))
    what = "month length";
  else if (o->end_day < 0 || o->calibration_end_day < 0)
    what = "dates";
  if (what == NULL)
    return TRUE;
  g_set_error (error, CLV_ERROR, CLV_ERROR_RANGE,
               _("The analysis setting “%s” is out of range."), what);
  return FALSE;
}

/* A fitted purchase model, any kind. */
typedef struct
{
  ClvModelKind kind;
  ClvBgnbdParams bg;
  ClvMbgnbdParams mb;
  ClvParetoParams pn;
} Model;

/* The candidates, simplest first: a tie in the holdout check goes to the earlier one. */
#define N_KINDS 3
static const ClvModelKind kinds[N_KINDS] = { CLV_MODEL_BGNBD, CLV_MODEL_MBGNBD, CLV_MODEL_PARETO };

static int
kind_index (ClvModelKind k)
{
  for (int i = 0; i < N_KINDS; i++)
    if (kinds[i] == k)
      return i;
  return 0;
}

static double
model_p_alive (const Model *m, guint32 x, double t_x, double T)
{
  switch (m->kind)
    {
    case CLV_MODEL_BGNBD:
      return clv_bgnbd_probability_alive (&m->bg, x, t_x, T);
    case CLV_MODEL_MBGNBD:
      return clv_mbgnbd_probability_alive (&m->mb, x, t_x, T);
    default:
      return clv_pareto_probability_alive (&m->pn, x, t_x, T);
    }
}

static double
model_if_alive (const Model *m, guint32 x, double T, double t)
{
  switch (m->kind)
    {
    case CLV_MODEL_BGNBD:
      return clv_bgnbd_expected_purchases_if_alive (&m->bg, x, T, t);
    case CLV_MODEL_MBGNBD:
      return clv_mbgnbd_expected_purchases_if_alive (&m->mb, x, T, t);
    default:
      return clv_pareto_expected_purchases_if_alive (&m->pn, x, T, t);
    }
}

/* Posterior mean purchase rate given alive is (r + x) / (alpha + T) in all three models
 * (lambda | alive ~ Gamma (r + x, alpha + T)). */
static double
model_rate_if_alive (const Model *m, guint32 x, double T)
{
  double r = m->kind == CLV_MODEL_BGNBD ? m->bg.r : m->kind == CLV_MODEL_MBGNBD ? m->mb.r : m->pn.r;
  double alpha = m->kind == CLV_MODEL_BGNBD ? m->bg.alpha
                 : m->kind == CLV_MODEL_MBGNBD ? m->mb.alpha : m->pn.alpha;

  return (r + x) / (alpha + T);
}

/* Only BG/NBD gives P(alive) = 1 by construction: to a customer without a repeat purchase. */
static gboolean
model_certain_by_construction (ClvModelKind kind, guint32 x)
{
  return kind == CLV_MODEL_BGNBD && x == 0;
}

static const char *
model_name (ClvModelKind k)
{
  switch (k)
    {
    case CLV_MODEL_PARETO:
      return _("Pareto/NBD");
    case CLV_MODEL_MBGNBD:
      return _("MBG/NBD");
    default:
      return _("BG/NBD");
    }
}

typedef struct
{
  ClvProgressFunc func;
  gpointer data;
} Progress;

static gboolean
progress_at (const Progress *p, double fraction, GError **error)
{
  if (p->func == NULL || p->func (fraction, p->data))
    return TRUE;
  g_set_error_literal (error, CLV_ERROR, CLV_ERROR_CANCELLED, _("The analysis was cancelled."));
  return FALSE;
}

static void
fit_options (ClvFitOptions *fo, const Progress *p, double from, double to, const double *start,
             gboolean no_quality)
{
  clv_fit_options_init (fo);
  fo->no_quality = no_quality;
  fo->progress = p->func;
  fo->progress_data = p->data;
  fo->progress_from = from;
  fo->progress_to = to;
  fo->start = start;
}

static gboolean
is_cancel (const GError *e)
{
  return e != NULL && g_error_matches (e, CLV_ERROR, CLV_ERROR_CANCELLED);
}

/* Key for grouping customers by (x, T in days): E[Y(t) | alive] depends on those only. */
typedef struct
{
  guint64 key;
  guint32 customer;
} Keyed;

static int
cmp_keyed (const void *a, const void *b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->customer > y->customer) - (x->customer < y->customer);
}

static Keyed *
group_buyers (const ClvSummary *s, gsize *n_out)
{
  Keyed *k = g_new (Keyed, MAX (s->n_buyers, 1));
  gsize n = 0;

  for (guint32 c = 0; c < s->n_customers; c++)
    if (s->customers[c].first_day != 0)
      {
        k[n].key = ((guint64) s->customers[c].x << 32) | (guint32) s->customers[c].T;
        k[n].customer = c;
        n++;
      }
  qsort (k, n, sizeof (Keyed), cmp_keyed);
  *n_out = n;
  return k;
}

/* Sum over the calibration buyers of E[Y(holdout) | x, t_x, T] (FHL 2005 eq. 10 / its
 * Pareto/NBD counterpart): the predicted repeat purchases in the holdout, over the calibration
 * triples @tr (the buyers grouped, sorted by x and T). */
static double
predict_holdout (const Model *m, const ClvSummary *cal, const ClvRfTriple *tr, gsize n,
                 double unit_days)
{
  double len = (cal->end_day - cal->calibration_end_day) / unit_days, total = 0, e = 0;
  g_autofree double *pa = NULL;

  if (m->kind == CLV_MODEL_PARETO)
    {
      pa = g_new (double, MAX (n, 1));
      clv_pareto_probability_alive_triples (&m->pn, tr, n, pa);
    }
  for (gsize i = 0; i < n; i++)
    {
      if (i == 0 || tr[i].x != tr[i - 1].x || tr[i].T != tr[i - 1].T)
        e = model_if_alive (m, tr[i].x, tr[i].T, len);
      total += tr[i].weight * e
               * (pa != NULL ? pa[i] : model_p_alive (m, tr[i].x, tr[i].t_x, tr[i].T));
    }
  return isfinite (total) ? total : -1;
}

static gboolean
fit_any (ClvModelKind kind, const ClvRfTriple *tr, gsize n, const Model *start,
         const Progress *p, double from, double to, gboolean no_quality, Model *out,
         GError **error)
{
  ClvFitOptions fo;
  double st[4];

  out->kind = kind;
  if (kind == CLV_MODEL_BGNBD)
    {
      if (start != NULL)
        memcpy (st, (double[]) { start->bg.r, start->bg.alpha, start->bg.a, start->bg.b },
                sizeof st);
      fit_options (&fo, p, from, to, start != NULL ? st : NULL, no_quality);
      return clv_bgnbd_fit_full (tr, n, &fo, &out->bg, error);
    }
  if (kind == CLV_MODEL_MBGNBD)
    {
      if (start != NULL)
        memcpy (st, (double[]) { start->mb.r, start->mb.alpha, start->mb.a, start->mb.b },
                sizeof st);
      fit_options (&fo, p, from, to, start != NULL ? st : NULL, no_quality);
      return clv_mbgnbd_fit_full (tr, n, &fo, &out->mb, error);
    }
  if (start != NULL)
    memcpy (st, (double[]) { start->pn.r, start->pn.alpha, start->pn.s, start->pn.beta },
            sizeof st);
  fit_options (&fo, p, from, to, start != NULL ? st : NULL, no_quality);
  return clv_pareto_fit_full (tr, n, &fo, &out->pn, error);
}

static ClvFitQuality
model_quality (const Model *m)
{
  switch (m->kind)
    {
    case CLV_MODEL_BGNBD:
      return m->bg.quality;
    case CLV_MODEL_MBGNBD:
      return m->mb.quality;
    default:
      return m->pn.quality;
    }
}

/* A fit that converged but is not usable (at a bound, or on a flat ridge of the likelihood)
 * fails here like one that did not converge, so that it is never chosen. */
static gboolean
fit_model (ClvModelKind kind, const ClvRfTriple *tr, gsize n, const Model *start,
           const Progress *p, double from, double to, Model *out, GError **error)
{
  if (!fit_any (kind, tr, n, start, p, from, to, FALSE, out, error))
    return FALSE;
  switch (model_quality (out))
    {
    case CLV_FIT_PROPER:
      return TRUE;
    case CLV_FIT_AT_BOUND:
      g_set_error (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                   _("%s ran to the edge of its parameters on this history"), model_name (kind));
      return FALSE;
    default:
      g_set_error (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                   _("this history does not pin %s’s parameters down"), model_name (kind));
      return FALSE;
    }
}

static double
model_ll (const Model *m)
{
  switch (m->kind)
    {
    case CLV_MODEL_BGNBD:
      return m->bg.log_likelihood;
    case CLV_MODEL_MBGNBD:
      return m->mb.log_likelihood;
    default:
      return m->pn.log_likelihood;
    }
}

static double
finite_or (double v, double fallback)
{
  return isfinite (v) ? v : fallback;
}

/* Scores that need no model, plus the defaults for the model fields. */
static void
score_basics (ClvAnalysis *a, const ClvSummary *full, const ClvFeedback *feedback,
              gsize n_feedback)
{
  const ClvAnalysisOptions *o = &a->options;
  g_autofree gint32 *nps_day = g_new0 (gint32, MAX (a->n_customers, 1));

  for (guint32 c = 0; c < a->n_customers; c++)
    {
      const ClvCustomerSummary *cs = &full->customers[c];
      ClvCustomerScore *sc = &a->scores[c];

      sc->x = cs->x;
      sc->t_x = cs->t_x;
      sc->T = cs->T;
      sc->purchases = cs->purchases;
      sc->first_day = cs->first_day;
      sc->last_day = cs->last_day;
      sc->total_spend = cs->total_spend;
      sc->mean_repeat_spend = cs->mean_repeat_spend;
      sc->p_alive = -1;
      sc->expected_purchases = -1;
      sc->expected_spend = -1;
      sc->clv = -1;
      sc->purchases_low = sc->purchases_high = sc->clv_low = sc->clv_high = -1;
      sc->historic_clv = (double) cs->total_spend * o->margin;
      sc->mean_interval_days = cs->x > 0 ? cs->t_x / cs->x : -1;
      sc->nps_score = -1;
      sc->nps_day = 0;
      if (cs->x > 0)
        {
          /* no model: the customer's own rhythm from the last purchase */
          sc->next_purchase_day = cs->last_day + (gint32) lround (sc->mean_interval_days);
          if ((a->options.end_day - cs->last_day) > o->overdue_factor * sc->mean_interval_days)
            sc->at_risk |= CLV_AT_RISK_OVERDUE;
        }
      else if (cs->purchases == 1 && a->return_days >= 0
               && a->options.end_day - cs->first_day > a->return_days)
        sc->at_risk |= CLV_AT_RISK_NOT_BACK;
    }
  for (gsize i = 0; feedback != NULL && i < n_feedback; i++)
    {
      const ClvFeedback *f = &feedback[i];

      if (f->kind != CLV_FEEDBACK_NPS || f->customer >= a->n_customers
          || f->day > a->options.end_day || f->score < 0 || f->score > 10
          || f->day < nps_day[f->customer])
        continue;
      nps_day[f->customer] = f->day;
      a->scores[f->customer].nps_score = f->score;
      a->scores[f->customer].nps_day = f->day;
      if (f->score <= 6)
        a->scores[f->customer].at_risk |= CLV_AT_RISK_DETRACTOR;
      else
        a->scores[f->customer].at_risk &= ~(guint32) CLV_AT_RISK_DETRACTOR;
    }
}

/* The purchase model's four parameters in natural scale, and the covariance of their logs. */
static void
model_params (const Model *m, double prm[4])
{
  switch (m->kind)
    {
    case CLV_MODEL_BGNBD:
      memcpy (prm, (double[]) { m->bg.r, m->bg.alpha, m->bg.a, m->bg.b }, 4 * sizeof (double));
      break;
    case CLV_MODEL_MBGNBD:
      memcpy (prm, (double[]) { m->mb.r, m->mb.alpha, m->mb.a, m->mb.b }, 4 * sizeof (double));
      break;
    default:
      memcpy (prm, (double[]) { m->pn.r, m->pn.alpha, m->pn.s, m->pn.beta }, 4 * sizeof (double));
      break;
    }
}

static const double *
model_log_cov (const Model *m)
{
  return m->kind == CLV_MODEL_BGNBD ? m->bg.log_cov
         : m->kind == CLV_MODEL_MBGNBD ? m->mb.log_cov : m->pn.log_cov;
}

#define SCORE_AHEAD 8

static void
score_model (ClvAnalysis *a, const ClvSummary *full, const Model *m, double fallback_spend)
{
  const ClvAnalysisOptions *o = &a->options;
  guint h = o->horizon_months;
  g_autofree double *e = g_new (double, h + 1);
  g_autofree double *disc = g_new (double, h + 1);
  gsize n;
  g_autofree Keyed *k = group_buyers (full, &n);
  double total = 0, total_purchases = 0, prm[4];
  g_autofree double *pmf = NULL;
  gsize n_pmf = 0;

  a->forecast = g_new0 (double, h);
  model_params (m, prm);
  for (guint j = 1; j <= h; j++)
    disc[j] = pow (1 + o->discount_monthly, -(double) j);
  for (gsize i = 0; i < n; i++)
    {
      guint32 c = k[i].customer;
      const ClvCustomerSummary *cs = &full->customers[c];
      ClvCustomerScore *sc = &a->scores[c];
      double T = cs->T / a->unit_days, pa, spend, clv = 0, next;

      /* customers come in group order, scattered over a million-entry array: ask for the
       * ones a few steps ahead now, so they are in the cache when their turn comes */
      if (i + SCORE_AHEAD < n)
        {
          __builtin_prefetch (&full->customers[k[i + SCORE_AHEAD].customer]);
          __builtin_prefetch (&a->scores[k[i + SCORE_AHEAD].customer], 1);
        }

      if (i == 0 || k[i].key != k[i - 1].key)
        {
          /* E[Y(t) | alive] at the end of each month of the horizon */
          e[0] = 0;
          for (guint j = 1; j <= h; j++)
            e[j] = finite_or (model_if_alive (m, cs->x, T, j * o->month_days / a->unit_days),
                              e[j - 1]);
          /* the predictive distribution of a customer still buying: shared by the group */
          n_pmf = clv_purchases_pmf_size (e[h]);
          pmf = g_renew (double, pmf, n_pmf);
          clv_purchases_pmf_if_alive (m->kind, prm, cs->x, T, h * o->month_days / a->unit_days,
                                      pmf, n_pmf);
        }
      pa = finite_or (model_p_alive (m, cs->x, cs->t_x / a->unit_days, T), -1);
      if (a->gamma_gamma_fitted)
        spend = clv_gamma_gamma_expected_spend (&a->gamma_gamma, cs->x, cs->mean_repeat_spend);
      else
        spend = -1;
      if (!(spend > 0))
        spend = cs->x > 0 && cs->mean_repeat_spend > 0 ? cs->mean_repeat_spend : fallback_spend;
      /* CLV over H months, discounted monthly (as lifetimes' customer_lifetime_value):
       * sum_j P(alive) (E(t_j) - E(t_{j-1})) x spend / (1 + d)^j. */
      for (guint j = 1; j <= h; j++)
        clv += (e[j] - e[j - 1]) * disc[j];
      clv *= MAX (pa, 0) * spend * o->margin;
      sc->p_alive = pa;
      sc->expected_purchases = pa >= 0 ? finite_or (pa * e[h], -1) : -1;
      sc->expected_spend = finite_or (spend, -1);
      sc->clv = finite_or (clv, -1);
      if (sc->clv >= 0)
        total += sc->clv;
      /* next year's revenue from today's customers, month by month */
      if (pa > 0 && spend > 0 && isfinite (e[h]))
        for (guint j = 1; j <= h; j++)
          a->forecast[j - 1] += pa * (e[j] - e[j - 1]) * spend;
      if (sc->expected_purchases >= 0)
        total_purchases += sc->expected_purchases;
      if (pa >= 0)
        {
          guint32 lo, hi;
          /* the value of one purchase as the CLV counts it: spend x margin, discounted by the
           * same average factor as the expected purchases */
          double per = e[h] > 0 && sc->clv >= 0 && pa > 0 ? sc->clv / (pa * e[h])
                                                          : spend * o->margin;

          clv_purchases_range (pmf, n_pmf, pa, CLV_RANGE_LEVEL, &lo, &hi);
          sc->purchases_low = lo;
          sc->purchases_high = hi;
          sc->clv_low = finite_or (lo * per, -1);
          sc->clv_high = finite_or (hi * per, -1);
        }
      /* Expected date of the next purchase: the time at which the expected purchases of a
       * customer still alive reach 1 ignoring future dropout, 1 / E[lambda | alive] =
       * (alpha + T) / (r + x) model units after the end of observation. */
      next = 1.0 / model_rate_if_alive (m, cs->x, T) * a->unit_days;
      sc->next_purchase_day = isfinite (next) && next < MAX_NEXT_DAYS
                              ? o->end_day + (gint32) ceil (MAX (next, 1))
                              : o->end_day + MAX_NEXT_DAYS;
      if (model_certain_by_construction (m->kind, cs->x))
        {
          /* P(alive) = 1 says nothing here: judged by the shop's return pattern instead
           * (CLV_AT_RISK_NOT_BACK, set with the historic figures) */
          sc->p_alive = -1;
          sc->p_alive_too_early = TRUE;
        }
      else
        {
          /* the model tells how likely this customer still buys, one-time buyers included:
           * that chance decides, not the return pattern */
          sc->at_risk &= ~(guint32) CLV_AT_RISK_NOT_BACK;
          if (pa >= 0 && pa < o->at_risk_p_alive)
            sc->at_risk |= CLV_AT_RISK_LOW_P_ALIVE;
        }
    }
  a->total_clv = total;
  a->expected_purchases_total = total_purchases;
}

/* The totals' ranges from draws of the fitted parameters (CLV_RANGE_DRAWS, fixed seed): the
 * purchase model's and, when it has one, the spend model's covariance. */
static void
score_ranges (ClvAnalysis *a, const ClvSummary *full, const ClvRfTriple *tr, gsize n_tr,
              const Model *m)
{
  double prm[4], rp[2], rv[2];
  g_autofree double *rm = g_new (double, 2 * (gsize) MAX (a->options.horizon_months, 1));
  ClvTotalsDraws in = { 0 };
  g_autofree guint32 *xs = g_new (guint32, MAX (a->n_customers, 1));
  g_autofree double *ms = g_new (double, MAX (a->n_customers, 1));
  g_autofree double *ws = g_new (double, MAX (a->n_customers, 1));
  gsize n = 0;

  model_params (m, prm);
  for (guint32 c = 0; c < a->n_customers; c++)
    if (a->scores[c].expected_purchases > 0)
      {
        xs[n] = full->customers[c].x;
        ms[n] = full->customers[c].mean_repeat_spend;
        ws[n] = a->scores[c].expected_purchases;
        n++;
      }
  in.kind = m->kind;
  in.prm = prm;
  in.log_cov = model_log_cov (m);
  in.gg = a->gamma_gamma_fitted ? &a->gamma_gamma : NULL;
  in.triples = tr;
  in.n_triples = n_tr;
  in.horizon = a->options.horizon_months * a->options.month_days / a->unit_days;
  in.spend_x = xs;
  in.spend_m = ms;
  in.spend_w = ws;
  in.n_spend = n;
  in.n_months = a->options.horizon_months;
  if (a->total_clv < 0 || a->expected_purchases_total < 0
      || !clv_totals_monthly_ratio_range (&in, CLV_RANGE_DRAWS, CLV_RANGE_SEED, CLV_RANGE_LEVEL,
                                          rp, rv, rm))
    {
      a->ranges_note = g_strdup (_("No ranges: the fitted model does not say how sure it is on "
                                   "this history."));
      return;
    }
  a->ranges_known = TRUE;
  a->expected_purchases_range[0] = a->expected_purchases_total * rp[0];
  a->expected_purchases_range[1] = a->expected_purchases_total * rp[1];
  a->total_clv_range[0] = a->total_clv * rv[0];
  a->total_clv_range[1] = a->total_clv * rv[1];
  /* a horizon longer than the draws split month by month has no band */
  if (a->forecast != NULL && a->options.horizon_months <= CLV_RANGE_MAX_MONTHS)
    {
      a->forecast_range = g_new (double, 2 * (gsize) a->options.horizon_months);
      for (guint j = 0; j < a->options.horizon_months; j++)
        {
          a->forecast_range[2 * j] = a->forecast[j] * rm[2 * j];
          a->forecast_range[2 * j + 1] = a->forecast[j] * rm[2 * j + 1];
        }
    }
}

static void
segment (ClvAnalysis *a)
{
  guint32 n = a->n_customers;
  g_autofree double *value = g_new (double, MAX (n, 1));
  g_autofree double *rv = g_new (double, MAX (n, 1));
  g_autofree double *fv = g_new (double, MAX (n, 1));
  g_autofree double *mv = g_new (double, MAX (n, 1));
  g_autofree gboolean *inc = g_new (gboolean, MAX (n, 1));
  g_autofree guint8 *tiers = g_new (guint8, MAX (n, 1));
  g_autofree guint8 *rs = g_new (guint8, MAX (n, 1));
  g_autofree guint8 *fs = g_new (guint8, MAX (n, 1));
  g_autofree guint8 *ms = g_new (guint8, MAX (n, 1));

  a->tier_by_historic = a->model == CLV_MODEL_NONE;
  for (guint32 c = 0; c < n; c++)
    {
      const ClvCustomerScore *sc = &a->scores[c];

      inc[c] = sc->purchases > 0;
      value[c] = a->tier_by_historic || sc->clv < 0 ? sc->historic_clv : sc->clv;
      rv[c] = a->options.end_day - sc->last_day;
      fv[c] = sc->purchases;
      mv[c] = (double) sc->total_spend;
    }
  clv_tiers_assign (value, inc, n, a->options.tier_top, a->options.tier_bottom, tiers);
  clv_quintile_scores (rv, inc, n, FALSE, rs);
  clv_quintile_scores (fv, inc, n, TRUE, fs);
  clv_quintile_scores (mv, inc, n, TRUE, ms);
  for (guint32 c = 0; c < n; c++)
    {
      ClvCustomerScore *sc = &a->scores[c];

      sc->tier = tiers[c];
      sc->r_score = rs[c];
      sc->f_score = fs[c];
      sc->m_score = ms[c];
      sc->rfm_group = clv_rfm_group_for_scores (rs[c], fs[c], ms[c]);
      a->tier_counts[sc->tier]++;
      a->rfm_counts[sc->rfm_group]++;
      if (!inc[c])
        continue;
      a->tier_value[sc->tier] += value[c];
      a->rfm_value[sc->rfm_group] += value[c];
      if (sc->at_risk != 0)
        {
          a->at_risk_count++;
          a->at_risk_value += value[c];
        }
      a->at_risk_low_p_alive += (sc->at_risk & CLV_AT_RISK_LOW_P_ALIVE) != 0;
      a->at_risk_overdue += (sc->at_risk & CLV_AT_RISK_OVERDUE) != 0;
      a->at_risk_detractor += (sc->at_risk & CLV_AT_RISK_DETRACTOR) != 0;
      a->at_risk_not_back += (sc->at_risk & CLV_AT_RISK_NOT_BACK) != 0;
    }
}

/* Never let a NaN or an infinity out: -1 is "unknown". */
static void
sanitize (ClvAnalysis *a)
{
  /* a shop whose sales reach 9999 would get next-purchase dates past the last one a four-digit
   * year can write */
  gint32 last_day = clv_date_from_ymd (9999, 12, 31);

  for (guint32 c = 0; c < a->n_customers; c++)
    {
      ClvCustomerScore *sc = &a->scores[c];
      double *fields[] = { &sc->t_x, &sc->T, &sc->mean_repeat_spend, &sc->p_alive,
                           &sc->expected_purchases, &sc->expected_spend, &sc->clv,
                           &sc->historic_clv, &sc->mean_interval_days, &sc->purchases_low,
                           &sc->purchases_high, &sc->clv_low, &sc->clv_high };

      for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
        if (!isfinite (*fields[i]))
          *fields[i] = -1;
      sc->next_purchase_day = MIN (sc->next_purchase_day, last_day);
    }
  a->total_clv = finite_or (a->total_clv, -1);
  a->expected_purchases_total = finite_or (a->expected_purchases_total, -1);
  for (int k = 0; k < 2; k++)
    if (!isfinite (a->total_clv_range[k]) || !isfinite (a->expected_purchases_range[k]))
      a->ranges_known = FALSE;
  a->at_risk_value = finite_or (a->at_risk_value, 0);
  for (guint i = 0; i < CLV_N_TIERS; i++)
    a->tier_value[i] = finite_or (a->tier_value[i], 0);
  for (guint i = 0; i < CLV_N_RFM_GROUPS; i++)
    a->rfm_value[i] = finite_or (a->rfm_value[i], 0);
  for (guint j = 0; a->forecast != NULL && j < a->options.horizon_months; j++)
    a->forecast[j] = finite_or (a->forecast[j], 0);
  for (guint j = 0; a->forecast_range != NULL && j < a->options.horizon_months; j++)
    if (!isfinite (a->forecast_range[2 * j]) || !isfinite (a->forecast_range[2 * j + 1]))
      g_clear_pointer (&a->forecast_range, g_free);
  if (!a->ranges_known)
    g_clear_pointer (&a->forecast_range, g_free);
}

static void
set_params (ClvAnalysis *a, const Model *m)
{
  if (m->kind == CLV_MODEL_BGNBD)
    {
      a->bgnbd_fitted = TRUE;
      a->bgnbd = m->bg;
    }
  else if (m->kind == CLV_MODEL_MBGNBD)
    {
      a->mbgnbd_fitted = TRUE;
      a->mbgnbd = m->mb;
    }
  else
    {
      a->pareto_fitted = TRUE;
      a->pareto = m->pn;
    }
}

/* The shop's return pattern from the day log: first and second purchase day of every customer
 * who came back by the end day. */
static void
compute_return_days (ClvAnalysis *a)
{
  const ClvDayLog *log = a->log;
  g_autofree gint32 *first = g_new (gint32, MAX (log->n_customers, 1));
  g_autofree gint32 *second = g_new (gint32, MAX (log->n_customers, 1));
  gsize n = 0;

  for (guint32 c = 0; c < log->n_customers; c++)
    {
      guint found = 0;

      for (guint32 i = log->offsets[c]; i < log->offsets[c + 1] && found < 2; i++)
        {
          if (log->days[i] > a->options.end_day)
            break;
          if (!log->purchase[i])
            continue;
          if (found++ == 0)
            first[n] = log->days[i];
          else
            second[n++] = log->days[i];
        }
    }
  a->return_days = n >= CLV_RETURN_MIN_CUSTOMERS
                   ? clv_return_days (first, second, n, CLV_RETURN_SHARE) : -1;
}

static double
holdout_predicted (const ClvHoldout *h, int i)
{
  return kinds[i] == CLV_MODEL_BGNBD ? h->bgnbd_predicted
         : kinds[i] == CLV_MODEL_MBGNBD ? h->mbgnbd_predicted : h->pareto_predicted;
}

typedef struct _SideTask SideTask;
typedef gboolean (*SideFunc) (gpointer data, const Progress *quiet, GError **error);
static SideTask *side_task_start  (const char *name, SideFunc func, gpointer data);
static gboolean  side_task_finish (SideTask *t, const Progress *p, double fraction,
                                   GError **error);
static void      side_task_cancel (SideTask *t);

/* Auto's calibration fits of MBG/NBD and Pareto/NBD, each on a core beside BG/NBD's; they read
 * the calibration triples only and write their own model. Pareto/NBD's quality is checked
 * later, only when it would be chosen. */
typedef struct
{
  ClvModelKind kind;
  const ClvRfTriple *tr;
  gsize n;
  Model *out;
  gboolean ok;
} CandidateSide;

static gboolean
candidate_side (gpointer data, const Progress *quiet, GError **error)
{
  CandidateSide *cs = data;
  g_autoptr(GError) local = NULL;

  cs->ok = cs->kind == CLV_MODEL_PARETO
           ? fit_any (cs->kind, cs->tr, cs->n, NULL, quiet, 0, 1, TRUE, cs->out, &local)
           : fit_model (cs->kind, cs->tr, cs->n, NULL, quiet, 0, 1, cs->out, &local);
  if (!cs->ok && is_cancel (local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Calibration fits and the holdout check. Fills a->holdout; returns FALSE only on cancel. Fits
 * that are not proper count as not fitted. */
static gboolean
run_holdout (ClvAnalysis *a, const ClvSummary *cal, const Progress *p, Model *cal_models,
             gboolean *cal_ok, GError **error)
{
  ClvHoldout *h = &a->holdout;
  g_autofree ClvRfTriple *tr = NULL;
  gsize n_tr = 0;
  const int ip = kind_index (CLV_MODEL_PARETO);
  SideTask *side[N_KINDS] = { NULL, NULL, NULL };
  CandidateSide side_data[N_KINDS];

  h->calibration_end_day = cal->calibration_end_day;
  h->end_day = cal->end_day;
  h->length = (cal->end_day - cal->calibration_end_day) / a->unit_days;
  h->customers = cal->n_buyers;
  h->actual = (double) cal->total_holdout;
  if (cal->n_buyers < CLV_MIN_CUSTOMERS || cal->n_repeaters < CLV_MIN_REPEAT_CUSTOMERS)
    return TRUE;
  tr = clv_summary_triples (cal, a->unit_days, &n_tr);
  for (int i = 1; i < N_KINDS && a->options.model == CLV_MODEL_AUTO; i++)
    {
      side_data[i] = (CandidateSide) { kinds[i], tr, n_tr, &cal_models[i], FALSE };
      side[i] = side_task_start ("clv-candidate", candidate_side, &side_data[i]);
    }
  for (int i = 0; i < N_KINDS; i++)
    {
      g_autoptr(GError) local = NULL;
      double from = 0.10 + 0.13 * i, predicted;

      if (a->options.model != CLV_MODEL_AUTO && a->options.model != kinds[i])
        continue;
      if (side[i] != NULL)
        {
          /* waits for the fit beside, still answering a cancel */
          if (!side_task_finish (g_steal_pointer (&side[i]), p, from, error))
            {
              for (int j = i + 1; j < N_KINDS; j++)
                side_task_cancel (g_steal_pointer (&side[j]));
              return FALSE;
            }
          if (!side_data[i].ok)
            continue;
        }
      else if (!fit_model (kinds[i], tr, n_tr, NULL, p, from, from + 0.13, &cal_models[i],
                           &local))
        {
          if (is_cancel (local))
            {
              for (int j = 0; j < N_KINDS; j++)
                side_task_cancel (g_steal_pointer (&side[j]));
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      cal_ok[i] = TRUE;
      h->available = TRUE;
      predicted = predict_holdout (&cal_models[i], cal, tr, n_tr, a->unit_days);
      switch (kinds[i])
        {
        case CLV_MODEL_BGNBD:
          h->bgnbd_fitted = TRUE;
          h->bgnbd = cal_models[i].bg;
          h->bgnbd_predicted = predicted;
          break;
        case CLV_MODEL_MBGNBD:
          h->mbgnbd_fitted = TRUE;
          h->mbgnbd = cal_models[i].mb;
          h->mbgnbd_predicted = predicted;
          break;
        default:
          h->pareto_fitted = TRUE;
          h->pareto = cal_models[i].pn;
          h->pareto_predicted = predicted;
          break;
        }
    }
  /* In auto, Pareto/NBD's fit quality is checked only when the check would choose it; as a
   * fallback its whole-period fit is checked anyway. */
  if (a->options.model == CLV_MODEL_AUTO && cal_ok[ip])
    {
      double ep = fabs (h->pareto_predicted - h->actual), best_other = INFINITY;

      for (int i = 0; i < N_KINDS; i++)
        if (i != ip && cal_ok[i])
          best_other = MIN (best_other, fabs (holdout_predicted (h, i) - h->actual));
      if (ep + 0.005 * MAX (h->actual, 1) < best_other
          && clv_pareto_fit_quality (&cal_models[ip].pn, tr, n_tr) != CLV_FIT_PROPER)
        {
          cal_ok[ip] = FALSE;
          h->pareto_fitted = FALSE;
          h->available = FALSE;
          for (int i = 0; i < N_KINDS; i++)
            h->available = h->available || cal_ok[i];
        }
    }
  return TRUE;
}

/* Work that can run beside the main line on a second core: the check on the holdout period
 * (when the model is chosen in advance, nothing waits for it) and the Gamma-Gamma spend fit.
 * Each task writes only its own fields of the analysis (a->holdout; a->gamma_gamma) and
 * otherwise only reads the day log and the whole-period summary, which nobody changes while
 * tasks run. */
typedef gboolean (*SideFunc) (gpointer data, const Progress *quiet, GError **error);

struct _SideTask
{
  SideFunc     func;
  gpointer     data;
  GError      *error;                /* (owned) (nullable) */
  gint         stop;                 /* (atomic) set by the calling thread on cancel */
  gint         done;                 /* (atomic) */
  GMutex       lock;
  GCond        finished;
  GThread     *thread;               /* (owned) */
};

static gboolean
side_task_keep_going (double fraction, gpointer data)
{
  SideTask *t = data;

  return !g_atomic_int_get (&t->stop);
}

static gpointer
side_task_run (gpointer data)
{
  SideTask *t = data;
  Progress quiet = { side_task_keep_going, t };

  t->func (t->data, &quiet, &t->error);
  g_mutex_lock (&t->lock);
  g_atomic_int_set (&t->done, TRUE);
  g_cond_signal (&t->finished);
  g_mutex_unlock (&t->lock);
  return NULL;
}

static SideTask *
side_task_start (const char *name, SideFunc func, gpointer data)
{
  SideTask *t = g_new0 (SideTask, 1);

  t->func = func;
  t->data = data;
  g_mutex_init (&t->lock);
  g_cond_init (&t->finished);
  t->thread = g_thread_new (name, side_task_run, t);
  return t;
}

/* Waits for the task, still answering the caller's cancel. FALSE with @error on cancel or
 * when the task failed; the task is freed either way. */
static gboolean
side_task_finish (SideTask *t, const Progress *p, double fraction, GError **error)
{
  gboolean ok = TRUE;

  if (t == NULL)
    return TRUE;
  g_mutex_lock (&t->lock);
  while (!g_atomic_int_get (&t->done))
    {
      g_cond_wait_until (&t->finished, &t->lock, g_get_monotonic_time () + G_TIME_SPAN_SECOND / 20);
      if (ok && !g_atomic_int_get (&t->done))
        {
          g_mutex_unlock (&t->lock);
          ok = progress_at (p, fraction, error);
          if (!ok)
            g_atomic_int_set (&t->stop, TRUE);
          g_mutex_lock (&t->lock);
        }
    }
  g_mutex_unlock (&t->lock);
  g_thread_join (t->thread);
  if (ok && t->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&t->error));
      ok = FALSE;
    }
  g_clear_error (&t->error);
  g_mutex_clear (&t->lock);
  g_cond_clear (&t->finished);
  g_free (t);
  return ok;
}

static void
side_task_cancel (SideTask *t)
{
  if (t == NULL)
    return;
  g_atomic_int_set (&t->stop, TRUE);
  side_task_finish (t, &(Progress) { NULL, NULL }, 0, NULL);
}

typedef struct
{
  ClvAnalysis *a;
  Model        models[N_KINDS];
  gboolean     ok[N_KINDS];
} HoldoutData;

static gboolean
holdout_side (gpointer data, const Progress *quiet, GError **error)
{
  HoldoutData *d = data;
  g_autoptr(ClvSummary) cal = clv_summary_new (d->a->log, d->a->options.calibration_end_day,
                                               d->a->options.end_day, error);

  return cal != NULL && run_holdout (d->a, cal, quiet, d->models, d->ok, error);
}

typedef struct
{
  ClvAnalysis      *a;
  const ClvSummary *full;
} SpendData;

/* Fitted whenever a purchase model may be; its result is used only if one was. */
static gboolean
spend_side (gpointer data, const Progress *quiet, GError **error)
{
  SpendData *d = data;
  guint32 n = d->a->n_customers;
  g_autofree guint32 *xs = g_new (guint32, MAX (n, 1));
  g_autofree double *ms = g_new (double, MAX (n, 1));

  for (guint32 c = 0; c < n; c++)
    {
      xs[c] = d->full->customers[c].x;
      ms[c] = d->full->customers[c].mean_repeat_spend;
    }
  d->a->gamma_gamma_fitted = clv_gamma_gamma_fit (xs, ms, n, &d->a->gamma_gamma, NULL);
  return TRUE;
}

/* Auto with a holdout: the calibration fits ranked by how close each came to the actual repeat
 * purchases; within 0.5 % of the actual, the simpler model ranks first. Models whose
 * calibration fit failed follow, to fall back on. Sets the reason for the first. */
static void
choose_by_holdout (ClvAnalysis *a, const gboolean *cal_ok, int *order, int *n_order)
{
  const ClvHoldout *h = &a->holdout;
  double tol = 0.005 * MAX (h->actual, 1);
  gboolean used[N_KINDS] = { FALSE, FALSE, FALSE };
  g_autoptr(GString) others = g_string_new (NULL);
  int n = 0, n_tied = 0;

  for (;;)
    {
      double best = INFINITY;
      int pick = -1;

      for (int i = 0; i < N_KINDS; i++)
        if (cal_ok[i] && !used[i])
          best = MIN (best, fabs (holdout_predicted (h, i) - h->actual));
      for (int i = 0; i < N_KINDS && pick < 0; i++)
        if (cal_ok[i] && !used[i] && fabs (holdout_predicted (h, i) - h->actual) <= best + tol)
          pick = i;
      if (pick < 0)
        break;
      used[pick] = TRUE;
      order[n++] = pick;
    }
  for (int i = 0; i < N_KINDS; i++)
    {
      if (cal_ok[i] && i != order[0])
        {
          g_string_append_printf (others, "%s%s: %.0f", others->len > 0 ? ", " : "",
                                  model_name (kinds[i]), holdout_predicted (h, i));
          if (fabs (fabs (holdout_predicted (h, i) - h->actual)
                    - fabs (holdout_predicted (h, order[0]) - h->actual)) <= tol)
            n_tied++;
        }
      if (!cal_ok[i])
        order[n++] = i;
    }
  *n_order = n;
  if (others->len == 0)
    a->model_reason = g_strdup_printf (
      _("%s is used: the other models could not be fitted on the calibration period."),
      model_name (kinds[order[0]]));
  else if (n_tied > 0)
    a->model_reason = g_strdup_printf (
      _("The models predicted the check period about equally well (%s: %.0f repeat purchases "
        "against %.0f actual; %s); %s is used as the simplest."),
      model_name (kinds[order[0]]), holdout_predicted (h, order[0]), h->actual, others->str,
      model_name (kinds[order[0]]));
  else
    a->model_reason = g_strdup_printf (
      _("%s predicted the check period best: %.0f repeat purchases against %.0f actual (%s)."),
      model_name (kinds[order[0]]), holdout_predicted (h, order[0]), h->actual, others->str);
}

static ClvAnalysis *
fail (ClvAnalysis *a, SideTask *holdout, SideTask *spend)
{
  side_task_cancel (holdout);
  side_task_cancel (spend);
  clv_analysis_free (a);
  return NULL;
}

/* The tracking check of the chosen model: its calibration fit over the calibration period and
 * the holdout when there was one, else its full fit up to the end. Weeks for a week time unit
 * (as Fader, Hardie & Lee 2005), else calendar months. */
static void
compute_tracking (ClvAnalysis *a, const Model *chosen)
{
  const ClvHoldout *h = &a->holdout;
  gconstpointer params = NULL;
  gint32 split = a->options.end_day;
  gboolean weekly = a->time_unit == CLV_TIME_WEEK;

  if (a->model == CLV_MODEL_NONE)
    return;
  if (h->available && a->model == CLV_MODEL_BGNBD && h->bgnbd_fitted)
    params = &h->bgnbd;
  else if (h->available && a->model == CLV_MODEL_MBGNBD && h->mbgnbd_fitted)
    params = &h->mbgnbd;
  else if (h->available && a->model == CLV_MODEL_PARETO && h->pareto_fitted)
    params = &h->pareto;
  if (params != NULL)
    split = h->calibration_end_day;
  else
    params = a->model == CLV_MODEL_BGNBD    ? (gconstpointer) &chosen->bg
             : a->model == CLV_MODEL_MBGNBD ? (gconstpointer) &chosen->mb
                                            : (gconstpointer) &chosen->pn;
  clv_tracking_compute (a->log, a->model, params, a->unit_days, weekly, split,
                        a->options.end_day, &a->tracking);
}

/* One run of clv_analysis_run, passed from phase to phase. */
typedef struct
{
  ClvAnalysis *a;
  Progress p;
  ClvSummary *full;             /* (owned) the whole period */
  ClvRfTriple *tr;              /* (owned) its distinct triples */
  gsize n_tr;
  double fallback_spend;
  Model cal_models[N_KINDS];
  gboolean cal_ok[N_KINDS];
  Model chosen;
  int order[N_KINDS], n_order;  /* the models to try on the whole period, best first */
  GError *why_not;              /* (owned) (nullable) why the first model tried did not fit */
  SideTask *holdout, *spend;
  HoldoutData holdout_data;
  SpendData spend_data;
  gint64 t0;
} Run;

/* Seconds since the last call (or the start), for a->timings. */
static double
lap (Run *run)
{
  gint64 t1 = g_get_monotonic_time ();
  double s = (t1 - run->t0) / 1e6;

  run->t0 = t1;
  return s;
}

/* No sale at all: nothing but words. */
static void
explain_no_sales (ClvAnalysis *a)
{
  a->enough_data = FALSE;
  a->data_message = g_strdup (_("There are no sales yet, so there is nothing to analyse."));
  a->model_reason = g_strdup (_("No model: there are no sales yet."));
  a->ranges_note = g_strdup (_("No ranges: there is not enough history for predictions, "
                               "so there is nothing to give a range for."));
  for (guint32 c = 0; c < a->n_customers; c++)
    {
      a->scores[c].p_alive = a->scores[c].expected_purchases = -1;
      a->scores[c].expected_spend = a->scores[c].clv = a->scores[c].mean_interval_days = -1;
      a->scores[c].nps_score = -1;
    }
  a->historic.churn_rate = -1;
  a->historic.repeat_rate = -1;
  a->tier_counts[CLV_TIER_NONE] = a->n_customers;
  a->rfm_counts[CLV_RFM_NONE] = a->n_customers;
  a->tier_by_historic = TRUE;
}

/* The whole-period summary, the historic figures and what every customer gets without a
 * model. */
static gboolean
summarise (Run *run, const ClvFeedback *feedback, gsize n_feedback, GError **error)
{
  ClvAnalysis *a = run->a;
  ClvHistoricOptions ho;

  run->full = clv_summary_new (a->log, a->options.end_day, a->options.end_day, error);
  if (run->full == NULL)
    return FALSE;
  a->buyers = run->full->n_buyers;
  ho.end_day = a->options.end_day;
  ho.churn_period_days = a->options.churn_period_days;
  ho.margin = a->options.margin;
  ho.acquisition_cost = a->options.acquisition_cost;
  clv_historic_compute (a->log, feedback, n_feedback, NULL, 0, &ho, &a->historic);
  run->fallback_spend = a->historic.aov;
  compute_return_days (a);
  score_basics (a, run->full, feedback, n_feedback);
  return TRUE;
}

/* Why there is no model: chosen so, or too few customers. */
static void
explain_not_enough (ClvAnalysis *a, const ClvSummary *full)
{
  g_autofree char *bought = NULL;

  if (a->options.model == CLV_MODEL_NONE)
    {
      a->model_reason = g_strdup (_("No model: historic figures only, as chosen."));
      a->data_message = g_strdup (_("Historic figures only, as chosen in the settings."));
      return;
    }
  bought = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u customer has bought, %u of them more than once.",
                 "%u customers have bought, %u of them more than once.", full->n_buyers),
    full->n_buyers, full->n_repeaters);
  a->model_reason = g_strdup (_("No model: not enough data yet."));
  a->data_message = g_strdup_printf (
    _("Not enough data for predictions yet: %s Predictions need at least %d customers and "
      "%d repeat customers; until then the figures are historic only."),
    bought, CLV_MIN_CUSTOMERS, CLV_MIN_REPEAT_CUSTOMERS);
}

/* The side tasks and the calibration fits with the holdout check: in auto the check runs here
 * (the choice waits for it); with a model chosen in advance beside the rest. */
static gboolean
check_on_holdout (Run *run, GError **error)
{
  ClvAnalysis *a = run->a;
  g_autoptr(ClvSummary) cal = NULL;

  run->spend_data = (SpendData) { a, run->full };
  run->spend = side_task_start ("clv-spend", spend_side, &run->spend_data);
  if (a->options.calibration_end_day >= a->options.end_day)
    return TRUE;
  if (a->options.model != CLV_MODEL_AUTO)
    {
      run->holdout_data.a = a;
      run->holdout = side_task_start ("clv-holdout", holdout_side, &run->holdout_data);
      return TRUE;
    }
  cal = clv_summary_new (a->log, a->options.calibration_end_day, a->options.end_day, error);
  return cal != NULL && run_holdout (a, cal, &run->p, run->cal_models, run->cal_ok, error);
}

/* No holdout in auto: fit every model on everything, keep the highest likelihood among the
 * proper fits (all have four parameters). */
static gboolean
choose_by_likelihood (Run *run, GError **error)
{
  ClvAnalysis *a = run->a;
  Model m[N_KINDS];
  int best = -1;

  for (int i = 0; i < N_KINDS; i++)
    {
      g_autoptr(GError) e2 = NULL;

      if (fit_model (kinds[i], run->tr, run->n_tr, NULL, &run->p, 0.1 + 0.23 * i,
                     0.33 + 0.23 * i, &m[i], &e2))
        {
          set_params (a, &m[i]);
          if (best < 0 || model_ll (&m[i]) > model_ll (&m[best]))
            best = i;
        }
      else if (is_cancel (e2))
        {
          g_propagate_error (error, g_steal_pointer (&e2));
          return FALSE;
        }
      else if (run->why_not == NULL)
        run->why_not = g_steal_pointer (&e2);
    }
  if (best >= 0)
    {
      run->chosen = m[best];
      a->model_reason = g_strdup_printf (
        _("The history is too short to check predictions against a later period; "
          "%s fits the purchase history better."),
        model_name (run->chosen.kind));
    }
  return TRUE;
}

/* The order in which the models are tried on the whole period, with the reason for the first:
 * by the holdout check, by likelihood (then already fitted), or as chosen with the others to
 * fall back on. */
static gboolean
choose_model (Run *run, GError **error)
{
  ClvAnalysis *a = run->a;
  ClvModelKind pick = a->options.model;

  if (pick == CLV_MODEL_AUTO && (run->cal_ok[0] || run->cal_ok[1] || run->cal_ok[2]))
    choose_by_holdout (a, run->cal_ok, run->order, &run->n_order);
  else if (pick == CLV_MODEL_AUTO)
    return choose_by_likelihood (run, error);
  else
    {
      run->order[run->n_order++] = kind_index (pick);
      for (int i = 0; i < N_KINDS; i++)
        if (kinds[i] != pick)
          run->order[run->n_order++] = i;
      a->model_reason = g_strdup_printf (_("%s is used, as chosen in the settings."),
                                         model_name (pick));
    }
  return TRUE;
}

/* Fit the whole period with the first candidate that fits properly, starting from its
 * calibration fit where there is one (a holdout check running beside this fit has none to
 * offer yet). */
static gboolean
fit_whole_period (Run *run, GError **error)
{
  ClvAnalysis *a = run->a;

  for (int k = 0; k < run->n_order && run->chosen.kind == CLV_MODEL_NONE; k++)
    {
      int i = run->order[k];
      g_autoptr(GError) e2 = NULL;
      Model m;

      /* a fallback fit keeps the progress where it is: it never runs backwards */
      if (fit_model (kinds[i], run->tr, run->n_tr, run->cal_ok[i] ? &run->cal_models[i] : NULL,
                     &run->p, k > 0 ? 0.8 : run->holdout != NULL ? 0.1 : 0.5, 0.8, &m, &e2))
        {
          run->chosen = m;
          set_params (a, &m);
          if (k > 0)
            {
              g_free (a->model_reason);
              a->model_reason = g_strdup_printf (
                _("%s is used: %s could not be fitted properly on this history (%s)."),
                model_name (kinds[i]), model_name (kinds[run->order[0]]),
                run->why_not->message);
            }
        }
      else if (is_cancel (e2))
        {
          g_propagate_error (error, g_steal_pointer (&e2));
          return FALSE;
        }
      else if (run->why_not == NULL)
        run->why_not = g_steal_pointer (&e2);
    }
  return TRUE;
}

/* The model used, or why there is none. */
static void
explain_model (Run *run)
{
  ClvAnalysis *a = run->a;

  if (run->chosen.kind == CLV_MODEL_NONE)
    {
      a->enough_data = FALSE;
      g_free (a->model_reason);
      a->model_reason = g_strdup (_("No model: not enough history."));
      a->data_message = g_strdup_printf (
        _("Not enough history for predictions yet: no purchase model fits this shop’s sales "
          "properly (%s). The figures are historic only."),
        run->why_not != NULL ? run->why_not->message : _("no convergence"));
    }
  else
    {
      a->model = run->chosen.kind;
      a->data_message = g_strdup_printf (
        _("Predictions from %u customers, %u of them repeat customers."), run->full->n_buyers,
        run->full->n_repeaters);
    }
}

/* Tiers, RFM groups, the tracking check, cohorts, revenue by month. */
static void
segment_all (Run *run)
{
  ClvAnalysis *a = run->a;

  if (!a->ranges_known && a->ranges_note == NULL)
    a->ranges_note = g_strdup (_("No ranges: there is not enough history for predictions, so "
                                 "there is nothing to give a range for."));
  segment (a);
  compute_tracking (a, &run->chosen);
  clv_cohorts_compute (a->log, a->options.end_day, &a->cohorts);
  clv_monthly_compute (a->log, a->options.end_day, &a->monthly);
  sanitize (a);
}

/* The side tasks read the summary: they end before it goes. */
static ClvAnalysis *
run_fail (Run *run)
{
  fail (run->a, g_steal_pointer (&run->holdout), g_steal_pointer (&run->spend));
  g_clear_pointer (&run->full, clv_summary_free);
  g_clear_pointer (&run->tr, g_free);
  g_clear_error (&run->why_not);
  return NULL;
}

ClvAnalysis *
clv_analysis_run (const ClvSale *sales, gsize n_sales, guint32 n_customers,
                  const ClvFeedback *feedback, gsize n_feedback, const ClvAnalysisOptions *opts,
                  ClvProgressFunc progress, gpointer progress_data, GError **error)
{
  ClvAnalysisOptions defaults;
  ClvAnalysis *a;
  Run run = { .p = { progress, progress_data }, .chosen = { CLV_MODEL_NONE },
              .t0 = g_get_monotonic_time () };

  if (opts == NULL)
    {
      clv_analysis_options_init (&defaults);
      opts = &defaults;
    }
  if (!validate_options (opts, error))
    return NULL;
  run.a = a = g_new0 (ClvAnalysis, 1);
  a->options = *opts;
  a->time_unit = opts->time_unit;
  a->unit_days = clv_time_unit_days (opts->time_unit);
  a->n_customers = n_customers;
  a->scores = g_new0 (ClvCustomerScore, MAX (n_customers, 1));
  a->model = CLV_MODEL_NONE;
  a->total_clv = -1;
  a->expected_purchases_total = -1;
  if (!progress_at (&run.p, 0, error))
    return run_fail (&run);

  a->log = clv_day_log_new (sales, n_sales, n_customers, error);
  if (a->log == NULL)
    return run_fail (&run);
  if (a->options.end_day == 0)
    a->options.end_day = a->log->last_day;
  if (a->options.end_day == 0)
    {
      explain_no_sales (a);
      progress_at (&run.p, 1, NULL);
      return a;
    }
  if (a->options.calibration_end_day == 0)
    a->options.calibration_end_day = clv_analysis_auto_calibration_end (a->log->first_day,
                                                                        a->options.end_day);
  if (a->options.calibration_end_day > a->options.end_day)
    {
      g_set_error (error, CLV_ERROR, CLV_ERROR_RANGE,
                   _("The calibration period must end on or before the end of the analysis."));
      return run_fail (&run);
    }

  if (!summarise (&run, feedback, n_feedback, error))
    return run_fail (&run);
  a->timings.summary = lap (&run);
  if (!progress_at (&run.p, 0.05, error))
    return run_fail (&run);

  a->enough_data = a->options.model != CLV_MODEL_NONE
                   && run.full->n_buyers >= CLV_MIN_CUSTOMERS
                   && run.full->n_repeaters >= CLV_MIN_REPEAT_CUSTOMERS;
  if (!a->enough_data)
    explain_not_enough (a, run.full);
  else
    {
      if (!check_on_holdout (&run, error))
        return run_fail (&run);
      a->timings.holdout = lap (&run);
      run.tr = clv_summary_triples (run.full, a->unit_days, &run.n_tr);
      if (!choose_model (&run, error) || !fit_whole_period (&run, error))
        return run_fail (&run);
      explain_model (&run);
    }
  a->timings.fit = lap (&run);
  if (!progress_at (&run.p, 0.8, error))
    return run_fail (&run);

  if (!side_task_finish (g_steal_pointer (&run.spend), &run.p, 0.8, error))
    return run_fail (&run);
  if (a->model == CLV_MODEL_NONE)
    a->gamma_gamma_fitted = FALSE;
  else
    {
      a->timings.spend = lap (&run);
      if (!progress_at (&run.p, 0.85, error))
        return run_fail (&run);
      score_model (a, run.full, &run.chosen, run.fallback_spend);
      score_ranges (a, run.full, run.tr, run.n_tr, &run.chosen);
      a->timings.scores = lap (&run);
    }
  if (!side_task_finish (g_steal_pointer (&run.holdout), &run.p, 0.85, error)
      || !progress_at (&run.p, 0.9, error))
    return run_fail (&run);
  segment_all (&run);
  a->timings.segments = lap (&run);
  if (!progress_at (&run.p, 1.0, error))
    return run_fail (&run);
  g_clear_pointer (&run.full, clv_summary_free);
  g_clear_pointer (&run.tr, g_free);
  g_clear_error (&run.why_not);
  return a;
}

void
clv_analysis_free (ClvAnalysis *a)
{
  if (a == NULL)
    return;
  g_free (a->model_reason);
  g_free (a->data_message);
  g_free (a->ranges_note);
  g_free (a->scores);
  clv_cohorts_clear (&a->cohorts);
  clv_monthly_clear (&a->monthly);
  clv_day_log_free (a->log);
  clv_tracking_clear (&a->tracking);
  g_free (a->forecast);
  g_free (a->forecast_range);
  g_free (a);
}

gint32
clv_analysis_forecast_start (const ClvAnalysis *a, guint month)
{
  return a->options.end_day + 1 + (gint32) floor (month * a->options.month_days);
}

void
clv_analysis_historic_for (const ClvAnalysis *a, const ClvFeedback *feedback, gsize n_feedback,
                           const guint32 *customer_subset, gsize n_subset, ClvHistoric *out)
{
  ClvHistoricOptions ho;

  g_return_if_fail (a != NULL && out != NULL);
  ho.end_day = a->options.end_day;
  ho.churn_period_days = a->options.churn_period_days;
  ho.margin = a->options.margin;
  ho.acquisition_cost = a->options.acquisition_cost;
  if (a->log == NULL)
    {
      memset (out, 0, sizeof *out);
      out->churn_rate = -1;
      out->repeat_rate = -1;
      return;
    }
  clv_historic_compute (a->log, feedback, n_feedback, customer_subset, n_subset, &ho, out);
}

void
clv_analysis_at_risk_facts (const ClvAnalysis *a, guint32 customer, ClvAtRiskFacts *out)
{
  const ClvCustomerScore *sc;

  clv_at_risk_facts_init (out);
  g_return_if_fail (a != NULL && customer < a->n_customers);
  sc = &a->scores[customer];
  out->flags = sc->at_risk;
  out->p_alive = sc->p_alive;
  if (sc->purchases > 0)
    out->days_since = a->options.end_day - sc->last_day;
  /* a one-time buyer who is not back is measured against the shop's usual time to come back */
  out->gap_days = (sc->at_risk & CLV_AT_RISK_NOT_BACK) ? a->return_days : sc->mean_interval_days;
  out->nps_score = sc->nps_score;
  out->nps_day = sc->nps_day;
}

ClvModelKind
clv_analysis_get_model (const ClvAnalysis *a)
{
  return a->model;
}

const char *
clv_analysis_get_reason (const ClvAnalysis *a)
{
  return a->model_reason;
}

gboolean
clv_analysis_has_enough_data (const ClvAnalysis *a)
{
  return a->enough_data;
}

const ClvCustomerScore *
clv_analysis_get_scores (const ClvAnalysis *a, guint32 *n_customers)
{
  if (n_customers != NULL)
    *n_customers = a->n_customers;
  return a->scores;
}
