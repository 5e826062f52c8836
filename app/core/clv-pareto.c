/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987, "Counting your customers: who are they and
 * what will they do next?", Management Science 33(1)), with the likelihood and P(alive) of
 * Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions".
 * Fit by Nelder-Mead on log-parameters over weighted distinct triples. Times in the caller's
 * unit. Pure functions; the fit allocates scratch it frees.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_sf_gamma.h>

#include "clv-pareto.h"
#include "clv-error.h"
#include "clv-fit-private.h"
#include "clv-special.h"
#include "clv-special-private.h"

/* The bracket of the likelihood of Fader & Hardie (2005 note) in logs, without the common
 * factor G(r + x) alpha^r beta^s / G(r):
 *   L = 1 / ((alpha + T)^(r+x) (beta + T)^s) + s / (r + s + x) A0,
 * with, for alpha >= beta,
 *   A0 = 2F1 (r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t_x)) / (alpha+t_x)^(r+s+x)
 *      - 2F1 (r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+T)) / (alpha+T)^(r+s+x)
 * and for alpha < beta the same with (alpha, s + 1) and (beta, r + x) swapped in the 2F1.
 * A0 >= 0 is (r + s + x) times the integral over tau in [t_x, T] of
 * (alpha + tau)^-(r+x) (beta + tau)^-(s+1); both 2F1 have 0 <= z < 1.
 * Returns ln (first term) in *l0 and ln (s / (r+s+x) A0) in *l1 (-inf when t_x = T). */
static void
pareto_terms (double r, double alpha, double s, double beta, guint32 x, double t_x, double T,
              double *l0, double *l1)
{
  double m = r + s + x, big, bparam, ha, hb, la, lb;

  *l0 = -(r + x) * log (alpha + T) - s * log (beta + T);
  if (alpha >= beta)
    {
      big = alpha;
      bparam = s + 1;
    }
  else
    {
      big = beta;
      bparam = r + x;
    }
  ha = clv_log_hyp2f1_a1 (m, bparam, fabs (alpha - beta) / (big + t_x));
  hb = clv_log_hyp2f1_a1 (m, bparam, fabs (alpha - beta) / (big + T));
  la = -m * log (big + t_x) + ha;
  lb = -m * log (big + T) + hb;
  if (!(lb < la))
    *l1 = -INFINITY;
  else
    *l1 = log (s / m) + la + clv_log1m_exp (lb - la);
}

double
clv_pareto_log_likelihood_one (const ClvParetoParams *p, guint32 x, double t_x, double T)
{
  double l0, l1;

  clv_gsl_init ();
  pareto_terms (p->r, p->alpha, p->s, p->beta, x, t_x, T, &l0, &l1);
  return gsl_sf_lngamma (p->r + x) - gsl_sf_lngamma (p->r) + p->r * log (p->alpha)
         + p->s * log (p->beta) + clv_log_add_exp (l0, l1);
}

/* Distinct (x, t) pairs: the 2F1 terms of the likelihood depend on (x, t_x) and (x, T) only,
 * so they are evaluated once per distinct pair and evaluation, not once per triple. */
typedef struct
{
  guint32 x;
  double t;
} Pair;

typedef struct
{
  ClvTripleIndex ix;
  Pair *pairs;
  guint n_pairs;
  guint *pa, *pb;          /* per triple: pair (x, t_x) and pair (x, T) */
  double *lpair;           /* per pair: -m ln (big + t) + ln 2F1 (...) */
  double *lT_a, *lT_b;     /* per distinct T: ln (alpha + T), ln (beta + T) */
  guint *xstart;           /* pairs of distinct x k are xstart[k] .. xstart[k + 1] */
  guint nx;
  double *cheb_cos;        /* CHEB_N x CHEB_N table cos (pi k (j + 1/2) / N) */
} ParetoData;

/* Above CHEB_MIN_PAIRS distinct t for one x, the per-pair term is interpolated in
 * u = ln (min (alpha, beta) + t) by a Chebyshev series on CHEB_N nodes. As a function of u it
 * is analytic in the strip |Im u| < pi (its singularities are at t = -alpha and t = -beta), so
 * the series converges geometrically; checked against direct evaluation in test-pareto.c. */
#define CHEB_N 48
#define CHEB_MIN_PAIRS 96

static int
cmp_pair (const void *a, const void *b)
{
  const Pair *p = a, *q = b;

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return (p->t > q->t) - (p->t < q->t);
}

static guint
find_pair (const Pair *pairs, guint n, guint32 x, double t)
{
  guint lo = 0, hi = n;
  Pair key = { x, t };

  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (cmp_pair (&pairs[mid], &key) <= 0)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
pareto_data_init (ParetoData *d, const ClvRfTriple *tr, gsize n)
{
  clv_triple_index_init (&d->ix, tr, n);
  d->pairs = g_new (Pair, MAX (2 * n, 1));
  for (gsize i = 0; i < n; i++)
    {
      d->pairs[2 * i] = (Pair) { tr[i].x, tr[i].t_x };
      d->pairs[2 * i + 1] = (Pair) { tr[i].x, tr[i].T };
    }
  qsort (d->pairs, 2 * n, sizeof (Pair), cmp_pair);
  d->n_pairs = 0;
  for (gsize i = 0; i < 2 * n; i++)
    if (d->n_pairs == 0 || cmp_pair (&d->pairs[d->n_pairs - 1], &d->pairs[i]) != 0)
      d->pairs[d->n_pairs++] = d->pairs[i];
  d->pa = g_new (guint, MAX (n, 1));
  d->pb = g_new (guint, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      d->pa[i] = find_pair (d->pairs, d->n_pairs, tr[i].x, tr[i].t_x);
      d->pb[i] = find_pair (d->pairs, d->n_pairs, tr[i].x, tr[i].T);
    }
  d->lpair = g_new (double, MAX (d->n_pairs, 1));
  d->lT_a = g_new (double, MAX (d->ix.nT, 1));
  d->lT_b = g_new (double, MAX (d->ix.nT, 1));
  d->xstart = g_new (guint, d->n_pairs + 2);
  d->nx = 0;
  for (guint k = 0; k < d->n_pairs; k++)
    if (k == 0 || d->pairs[k].x != d->pairs[k - 1].x)
      d->xstart[d->nx++] = k;
  d->xstart[d->nx] = d->n_pairs;
  d->cheb_cos = g_new (double, CHEB_N * CHEB_N);
  for (int k = 0; k < CHEB_N; k++)
    for (int j = 0; j < CHEB_N; j++)
      d->cheb_cos[k * CHEB_N + j] = cos (G_PI * k * (j + 0.5) / CHEB_N);
}

/* -m ln (big + t) + ln 2F1 (m, bparam; m + 1; |alpha - beta| / (big + t)) */
static double
pair_term (double r, double alpha, double s, double beta, guint32 x, double t)
{
  double m = r + s + x, big = MAX (alpha, beta);
  double bparam = alpha >= beta ? s + 1 : r + x;

  return -m * log (big + t) + clv_log_hyp2f1_a1 (m, bparam, fabs (alpha - beta) / (big + t));
}

/* Fills d->lpair for the pairs first .. last - 1 (one x, t increasing). */
static void
pair_terms_for_x (ParetoData *d, const double *prm, guint first, guint last)
{
  double r = prm[0], alpha = prm[1], s = prm[2], beta = prm[3], small = MIN (alpha, beta);
  double lo, hi, mid, half, f[CHEB_N], c[CHEB_N];
  guint32 x = d->pairs[first].x;

  lo = log (small + d->pairs[first].t);
  hi = log (small + d->pairs[last - 1].t);
  /* few pairs, or an interval too wide for 48 nodes to reach ~1e-11: evaluate directly */
  if (last - first < CHEB_MIN_PAIRS || !(hi - lo > 1e-9) || hi - lo > 8)
    {
      for (guint k = first; k < last; k++)
        d->lpair[k] = pair_term (r, alpha, s, beta, x, d->pairs[k].t);
      return;
    }
  mid = 0.5 * (lo + hi);
  half = 0.5 * (hi - lo);
  for (int j = 0; j < CHEB_N; j++)
    {
      /* node j is cos (pi (j + 1/2) / N) = cheb_cos[1][j] */
      double u = mid + half * d->cheb_cos[CHEB_N + j];

      f[j] = pair_term (r, alpha, s, beta, x, MAX (exp (u) - small, 0));
    }
  for (int k = 0; k < CHEB_N; k++)
    {
      double acc = 0;

      for (int j = 0; j < CHEB_N; j++)
        acc += f[j] * d->cheb_cos[k * CHEB_N + j];
      c[k] = 2.0 * acc / CHEB_N;
    }
  for (guint k = first; k < last; k++)
    {
      /* Clenshaw */
      double y = (log (small + d->pairs[k].t) - mid) / half, b1 = 0, b2 = 0;

      y = CLAMP (y, -1.0, 1.0);
      for (int j = CHEB_N - 1; j >= 1; j--)
        {
          double b0 = 2 * y * b1 - b2 + c[j];

          b2 = b1;
          b1 = b0;
        }
      d->lpair[k] = y * b1 - b2 + 0.5 * c[0];
    }
}

static void
pareto_data_clear (ParetoData *d)
{
  clv_triple_index_clear (&d->ix);
  g_free (d->pairs);
  g_free (d->pa);
  g_free (d->pb);
  g_free (d->lpair);
  g_free (d->lT_a);
  g_free (d->lT_b);
  g_free (d->xstart);
  g_free (d->cheb_cos);
}

/* The same as pareto_terms () summed over the triples, with the per-pair and per-T work shared. */
static double
pareto_ll (ParetoData *d, const double *prm)
{
  const ClvTripleIndex *ix = &d->ix;
  double r = prm[0], alpha = prm[1], s = prm[2], beta = prm[3];
  double base = -gsl_sf_lngamma (r) + r * log (alpha) + s * log (beta), ll = 0;
  double ln_s = log (s);

  for (guint k = 0; k < ix->nx; k++)
    ll += ix->wx[k] * (gsl_sf_lngamma (r + ix->xs[k]) + base);
  for (guint k = 0; k < ix->nT; k++)
    {
      d->lT_a[k] = log (alpha + ix->Ts[k]);
      d->lT_b[k] = log (beta + ix->Ts[k]);
    }
  for (guint k = 0; k < d->nx; k++)
    pair_terms_for_x (d, prm, d->xstart[k], d->xstart[k + 1]);
  for (gsize i = 0; i < ix->n; i++)
    {
      const ClvRfTriple *t = &ix->tr[i];
      guint ti = ix->Ti[i];
      double m = r + s + t->x, la = d->lpair[d->pa[i]], lb = d->lpair[d->pb[i]], l0, l1;

      l0 = -(r + t->x) * d->lT_a[ti] - s * d->lT_b[ti];
      l1 = lb < la ? ln_s - log (m) + la + clv_log1m_exp (lb - la) : -INFINITY;
      ll += t->weight * clv_log_add_exp (l0, l1);
    }
  return ll;
}

double
clv_pareto_log_likelihood (const ClvParetoParams *p, const ClvRfTriple *triples, gsize n)
{
  ParetoData d;
  double ll;

  clv_gsl_init ();
  pareto_data_init (&d, triples, n);
  ll = pareto_ll (&d, (double[]) { p->r, p->alpha, p->s, p->beta });
  pareto_data_clear (&d);
  return ll;
}

static double
pareto_objective (const double *theta, double *grad, gpointer data)
{
  ParetoData *d = data;
  double prm[4];

  for (int i = 0; i < 4; i++)
    prm[i] = exp (theta[i]);
  return -pareto_ll (d, prm) / d->ix.wsum;
}

gboolean
clv_pareto_fit_full (const ClvRfTriple *triples, gsize n_triples, const ClvFitOptions *fo,
                     ClvParetoParams *out, GError **error)
{
  ParetoData d;
  double theta[4], f_min = 0, w = 0, wx = 0;
  gboolean ok;
  ClvFitOptions polish;
  double start_buf[4];

  g_return_val_if_fail (out != NULL, FALSE);
  for (gsize i = 0; i < n_triples; i++)
    {
      const ClvRfTriple *t = &triples[i];

      if (!(t->T >= t->t_x) || !(t->t_x >= 0) || !isfinite (t->T) || (t->x > 0 && !(t->t_x > 0)))
        {
          g_set_error (error, CLV_ERROR, CLV_ERROR_INVALID,
                       _("Invalid purchase summary: x = %u, t_x = %g, T = %g."), t->x, t->t_x,
                       t->T);
          return FALSE;
        }
      w += t->weight;
      wx += (double) t->weight * t->x;
    }
  if (w < 2 || wx <= 0)
    {
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NOT_ENOUGH_DATA,
                           _("Not enough data: a purchase model needs customers who bought "
                             "more than once."));
      return FALSE;
    }
  clv_gsl_init ();
  pareto_data_init (&d, triples, n_triples);
  if (fo != NULL && fo->start != NULL)
    for (int i = 0; i < 4; i++)
      theta[i] = log (fo->start[i]);
  else
    {
      /* r = s = 1; alpha = r / repeat rate; beta = s x mean T (dropout about once per T). */
      double rate = d.ix.wx_sum / MAX (d.ix.wT_sum, 1e-9);
      double mean_T = MAX (d.ix.wT_sum / d.ix.wsum, 1e-3);

      theta[0] = 0;
      theta[1] = log (CLAMP (1.0 / rate, 1e-4, 1e5));
      theta[2] = 0;
      theta[3] = log (CLAMP (mean_T, 1e-4, 1e5));
    }
  /* Large data: start from a fit on a systematic presample (much cheaper, close to the
   * optimum), then polish on everything. */
  if (fo == NULL || (fo->start == NULL && !fo->no_presample))
    {
      gsize n_s = 0;
      g_autofree ClvRfTriple *smp = clv_triples_presample (triples, n_triples,
                                                           CLV_PRESAMPLE_TARGET, &n_s);
      g_autoptr(GError) local = NULL;
      ClvFitOptions f2;
      ClvParetoParams sp;

      if (fo != NULL)
        f2 = *fo;
      else
        clv_fit_options_init (&f2);
      f2.no_presample = TRUE;
      f2.no_quality = TRUE;   /* only a starting point */
      f2.progress_to = f2.progress_from + 0.5 * (f2.progress_to - f2.progress_from);
      if (smp != NULL && clv_pareto_fit_full (smp, n_s, &f2, &sp, &local))
        {
          theta[0] = log (sp.r);
          theta[1] = log (sp.alpha);
          theta[2] = log (sp.s);
          theta[3] = log (sp.beta);
          memcpy (start_buf, (double[]) { sp.r, sp.alpha, sp.s, sp.beta }, sizeof start_buf);
          polish = f2;
          polish.progress_from = f2.progress_to;
          polish.progress_to = fo != NULL ? fo->progress_to : 1.0;
          polish.start = start_buf;
          fo = &polish;
        }
      else if (local != NULL && g_error_matches (local, CLV_ERROR, CLV_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          pareto_data_clear (&d);
          return FALSE;
        }
    }
  ok = clv_minimize (pareto_objective, &d, 4, FALSE, fo, theta, &f_min, error);
  if (ok)
    {
      out->r = exp (theta[0]);
      out->alpha = exp (theta[1]);
      out->s = exp (theta[2]);
      out->beta = exp (theta[3]);
      out->log_likelihood = pareto_ll (&d, (double[]) { out->r, out->alpha, out->s, out->beta });
      if (!isfinite (out->log_likelihood))
        {
          g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                               _("The model fit did not converge."));
          ok = FALSE;
        }
      else if (fo == NULL || !fo->no_quality)
        out->quality = clv_fit_quality_cov (pareto_objective, &d, 4, FALSE, theta, d.ix.wsum,
                                            out->log_cov);
      else
        {
          out->quality = CLV_FIT_PROPER;
          memset (out->log_cov, 0, sizeof out->log_cov);   /* unknown: not computed */
        }
    }
  pareto_data_clear (&d);
  return ok;
}

/* Without a gradient the Hessian takes 33 evaluations of the likelihood: on 100,000 customers
 * a good part of a second, so the analysis asks for it only when the fit is a candidate. */
ClvFitQuality
clv_pareto_fit_quality (const ClvParetoParams *p, const ClvRfTriple *triples, gsize n_triples)
{
  ParetoData d;
  double theta[4] = { log (p->r), log (p->alpha), log (p->s), log (p->beta) };
  ClvFitQuality q;

  clv_gsl_init ();
  pareto_data_init (&d, triples, n_triples);
  q = clv_fit_quality (pareto_objective, &d, 4, FALSE, theta);
  pareto_data_clear (&d);
  return q;
}

gboolean
clv_pareto_fit (const ClvRfTriple *triples, gsize n_triples, ClvParetoParams *out,
                GError **error)
{
  return clv_pareto_fit_full (triples, n_triples, NULL, out, error);
}

/* P(alive), Fader & Hardie (2005 note; Schmittlein et al. 1987):
 * P(alive) = 1 / (1 + (s / (r+s+x)) (alpha+T)^(r+x) (beta+T)^s A0). */
double
clv_pareto_probability_alive (const ClvParetoParams *p, guint32 x, double t_x, double T)
{
  double l0, l1, e;

  clv_gsl_init ();
  pareto_terms (p->r, p->alpha, p->s, p->beta, x, t_x, T, &l0, &l1);
  e = l1 - l0;
  if (e > 700)
    return 0.0;
  return 1.0 / (1.0 + exp (e));
}

/* (beta + T) [1 - ((beta + T) / (beta + T + t))^(s - 1)] / (s - 1), continuous at s = 1
 * (the limit is (beta + T) ln ((beta + T + t) / (beta + T))). */
static double
dropout_factor (double s, double beta_T, double t)
{
  double l = -log1p (t / beta_T), y = (s - 1) * l;

  return beta_T * (y != 0 ? -l * expm1 (y) / y : -l);
}

/* Schmittlein et al. (1987), Fader & Hardie (2005 note):
 * E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]. */
double
clv_pareto_expected_purchases (const ClvParetoParams *p, double t)
{
  if (!(t > 0))
    return 0;
  return p->r / p->alpha * dropout_factor (p->s, p->beta, t);
}

/* Fader & Hardie (2005 note) eq. 41 without P(alive): (r + x)(beta + T) / ((alpha + T)(s - 1))
 * [1 - ((beta + T) / (beta + T + t))^(s - 1)]. */
double
clv_pareto_expected_purchases_if_alive (const ClvParetoParams *p, guint32 x, double T, double t)
{
  if (!(t > 0))
    return 0;
  return (p->r + x) / (p->alpha + T) * dropout_factor (p->s, p->beta + T, t);
}

double
clv_pareto_conditional_expected_purchases (const ClvParetoParams *p, guint32 x, double t_x,
                                           double T, double t)
{
  return clv_pareto_probability_alive (p, x, t_x, T)
         * clv_pareto_expected_purchases_if_alive (p, x, T, t);
}
