/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987, "Counting your customers: who are they and
 * what will they do next?", Management Science 33(1)), with the likelihood and P(alive) of
 * Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions".
 * Fit by BFGS with the analytic gradient over weighted distinct triples. Times in the caller's
 * unit. Pure functions; the fit allocates scratch it frees.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

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

/* The fit's likelihood and gradient, by quadrature of the integral form of Fader & Hardie
 * (2005 note, eq. before (18)):
 *   L = G(r+x) alpha^r beta^s / G(r) [E0 + E1],  E0 = (alpha+T)^-(r+x) (beta+T)^-s,
 *   E1 = s J,  J = int_{t_x}^{T} g,  g (tau) = (alpha+tau)^-(r+x) (beta+tau)^-(s+1).
 * The derivatives of J in r, alpha, s and beta are integrals of g times ln (alpha+tau),
 * 1/(alpha+tau), ln (beta+tau) and 1/(beta+tau): one pass over the same nodes gives the value
 * and the whole gradient, where the 2F1 form would need derivatives of 2F1 in its parameters.
 * Per distinct x the integrals are accumulated from its latest time backwards, so that
 * J = K(t_x) - K(T) with K(t) = int_t^{t_last} g; g decreases in tau, so the difference loses
 * at most (span / shortest gap) ulps. Nodes: Gauss-Legendre on pieces of the gaps between the
 * distinct times, equal in u = ln (min (alpha, beta) + tau), where the integrand (with its
 * Jacobian) changes by at most e^(P du), P <= r + s + x_max + 2, and its singularities are at
 * |Im u| = pi; 8 nodes where P du <= 2 (du <= 1), 4 where P du <= 0.3: ~1e-14 relative per
 * piece, checked against the 2F1 form in test-pareto.c. Evaluation also stays finite and cheap
 * far from the optimum (beta >> alpha), where the 2F1 series needs quadrature itself. */
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
  guint *pg;               /* per pair: index of its t among the distinct times */
  guint *xstart;           /* pairs of distinct x k are xstart[k] .. xstart[k + 1] */
  guint nx;
  guint32 x_max;
  double *times;           /* distinct t over the pairs, increasing */
  guint n_times;
  /* per evaluation */
  guint *seg_start;        /* nodes of the gap after times[k]: seg_start[k] .. seg_start[k + 1] */
  GArray *nodes;           /* Node */
  double *lK;              /* per pair: ln K (t), -inf when K = 0 */
  double *rho;             /* per pair: 4 ratios int (g h) / K for h = ln A, 1/A, ln B, 1/B */
  double *lT_a, *lT_b;     /* per distinct T: ln (alpha + T), ln (beta + T) */
  double *p_alive;         /* (nullable) per triple: P(alive), written by pareto_ll */
} ParetoData;

typedef struct
{
  double w, lnA, iA, lnB, iB;
} Node;

static const double gl4_x[2] = { 0.3399810435848563, 0.8611363115940526 };
static const double gl4_w[2] = { 0.6521451548625461, 0.3478548451374538 };
static const double gl8_x[4] = { 0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                                 0.9602898564975363 };
static const double gl8_w[4] = { 0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                                 0.1012285362903763 };

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

static int
cmp_time (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static guint
find_time (const double *v, guint n, double t)
{
  guint lo = 0, hi = n;

  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (v[mid] <= t)
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
  d->xstart = g_new (guint, d->n_pairs + 2);
  d->nx = 0;
  d->x_max = 0;
  for (guint k = 0; k < d->n_pairs; k++)
    if (k == 0 || d->pairs[k].x != d->pairs[k - 1].x)
      d->xstart[d->nx++] = k;
  d->xstart[d->nx] = d->n_pairs;
  if (d->n_pairs > 0)
    d->x_max = d->pairs[d->n_pairs - 1].x;
  d->times = g_new (double, MAX (d->n_pairs, 1));
  for (guint k = 0; k < d->n_pairs; k++)
    d->times[k] = d->pairs[k].t;
  qsort (d->times, d->n_pairs, sizeof (double), cmp_time);
  d->n_times = 0;
  for (guint k = 0; k < d->n_pairs; k++)
    if (d->n_times == 0 || d->times[k] != d->times[d->n_times - 1])
      d->times[d->n_times++] = d->times[k];
  d->pg = g_new (guint, MAX (d->n_pairs, 1));
  for (guint k = 0; k < d->n_pairs; k++)
    d->pg[k] = find_time (d->times, d->n_times, d->pairs[k].t);
  d->seg_start = g_new (guint, d->n_times + 1);
  d->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  d->lK = g_new (double, MAX (d->n_pairs, 1));
  d->rho = g_new (double, 4 * MAX (d->n_pairs, 1));
  d->lT_a = g_new (double, MAX (d->ix.nT, 1));
  d->lT_b = g_new (double, MAX (d->ix.nT, 1));
  d->p_alive = NULL;
}

static void
pareto_data_clear (ParetoData *d)
{
  clv_triple_index_clear (&d->ix);
  g_free (d->pairs);
  g_free (d->pa);
  g_free (d->pb);
  g_free (d->pg);
  g_free (d->xstart);
  g_free (d->times);
  g_free (d->seg_start);
  g_array_unref (d->nodes);
  g_free (d->lK);
  g_free (d->rho);
  g_free (d->lT_a);
  g_free (d->lT_b);
}

static void
add_node (GArray *nodes, double m, double u, double wu, double alpha, double beta)
{
  double e = exp (u), tau = MAX (e - m, 0);
  Node nd;

  nd.w = wu * e;
  nd.lnA = log (alpha + tau);
  nd.iA = 1 / (alpha + tau);
  nd.lnB = log (beta + tau);
  nd.iB = 1 / (beta + tau);
  g_array_append_val (nodes, nd);
}

/* The quadrature nodes of every gap between consecutive distinct times, for these parameters. */
static void
build_nodes (ParetoData *d, double r, double alpha, double s, double beta)
{
  double m = MIN (alpha, beta), rx = r + d->x_max;

  g_array_set_size (d->nodes, 0);
  for (guint k = 0; k + 1 < d->n_times; k++)
    {
      double a = d->times[k], b = d->times[k + 1];
      double ua = log (m + a), ub = log (m + b), du = ub - ua;
      /* the slope bound is monotone in tau: its larger end value holds on the whole gap (with
       * beta >> alpha it is far below r + s + x_max + 2) */
      double P = MAX ((m + a) * (rx / (alpha + a) + (s + 1) / (beta + a)),
                      (m + b) * (rx / (alpha + b) + (s + 1) / (beta + b))) + 1;
      gboolean fine = du * P > 0.3 || du > 0.3;
      guint pieces = fine ? (guint) ceil (MAX (du * P / 2, du)) : 1;
      double h = du / pieces;

      d->seg_start[k] = d->nodes->len;
      for (guint j = 0; j < pieces; j++)
        {
          double c = ua + (j + 0.5) * h, half = 0.5 * h;

          if (fine)
            for (int q = 3; q >= 0; q--)
              add_node (d->nodes, m, c - half * gl8_x[q], half * gl8_w[q], alpha, beta);
          else
            for (int q = 1; q >= 0; q--)
              add_node (d->nodes, m, c - half * gl4_x[q], half * gl4_w[q], alpha, beta);
          if (fine)
            for (int q = 0; q < 4; q++)
              add_node (d->nodes, m, c + half * gl8_x[q], half * gl8_w[q], alpha, beta);
          else
            for (int q = 0; q < 2; q++)
              add_node (d->nodes, m, c + half * gl4_x[q], half * gl4_w[q], alpha, beta);
        }
    }
  d->seg_start[d->n_times > 0 ? d->n_times - 1 : 0] = d->nodes->len;
}

/* K (t) and its four weighted integrals for the pairs first .. last - 1 (one x, t increasing),
 * from the latest t backwards, with a running scale so that no term overflows. */
static void
pair_integrals (ParetoData *d, double r, double s, guint first, guint last)
{
  const Node *nodes = (const Node *) d->nodes->data;
  double p = r + d->pairs[first].x, q = s + 1;
  double L = 0, a0 = 0, aA = 0, aiA = 0, aB = 0, aiB = 0;
  gboolean started = FALSE;

  for (guint k = last; k-- > first;)
    {
      if (k + 1 < last)
        {
          /* the gaps from this pair's time up to the next pair's time, backwards */
          guint from = d->seg_start[d->pg[k]], to = d->seg_start[d->pg[k + 1]];

          for (guint j = to; j-- > from;)
            {
              const Node *nd = &nodes[j];
              double e = -p * nd->lnA - q * nd->lnB, v;

              if (!started || e - L > 300)
                {
                  double f = started ? exp (L - e) : 0;

                  a0 *= f;
                  aA *= f;
                  aiA *= f;
                  aB *= f;
                  aiB *= f;
                  L = e;
                  started = TRUE;
                }
              v = nd->w * exp (e - L);
              a0 += v;
              aA += v * nd->lnA;
              aiA += v * nd->iA;
              aB += v * nd->lnB;
              aiB += v * nd->iB;
            }
        }
      if (a0 > 0)
        {
          d->lK[k] = L + log (a0);
          d->rho[4 * k] = aA / a0;
          d->rho[4 * k + 1] = aiA / a0;
          d->rho[4 * k + 2] = aB / a0;
          d->rho[4 * k + 3] = aiB / a0;
        }
      else
        {
          d->lK[k] = -INFINITY;
          memset (&d->rho[4 * k], 0, 4 * sizeof (double));
        }
    }
}

/* Total log-likelihood over the triples and, with @grad, its gradient d/d(r, alpha, s, beta). */
static double
pareto_ll (ParetoData *d, const double *prm, double *grad)
{
  const ClvTripleIndex *ix = &d->ix;
  double r = prm[0], alpha = prm[1], s = prm[2], beta = prm[3];
  double base = -gsl_sf_lngamma (r) + r * log (alpha) + s * log (beta), ll = 0;
  double ln_s = log (s), g_r = 0, g_alpha = 0, g_s = 0, g_beta = 0;

  if (grad != NULL)
    {
      double ps_r = gsl_sf_psi (r);

      for (guint k = 0; k < ix->nx; k++)
        g_r += ix->wx[k] * (gsl_sf_psi (r + ix->xs[k]) - ps_r);
      g_r += ix->wsum * log (alpha);
      g_alpha = ix->wsum * r / alpha;
      g_s = ix->wsum * log (beta);
      g_beta = ix->wsum * s / beta;
    }
  for (guint k = 0; k < ix->nx; k++)
    ll += ix->wx[k] * (gsl_sf_lngamma (r + ix->xs[k]) + base);
  for (guint k = 0; k < ix->nT; k++)
    {
      d->lT_a[k] = log (alpha + ix->Ts[k]);
      d->lT_b[k] = log (beta + ix->Ts[k]);
    }
  build_nodes (d, r, alpha, s, beta);
  for (guint k = 0; k < d->nx; k++)
    pair_integrals (d, r, s, d->xstart[k], d->xstart[k + 1]);
  for (gsize i = 0; i < ix->n; i++)
    {
      const ClvRfTriple *t = &ix->tr[i];
      guint ti = ix->Ti[i], a = d->pa[i], b = d->pb[i];
      double w = t->weight, rx = r + t->x, l0, l1 = -INFINITY, q = 0, om = 0, w1, lse, big;

      /* ln (E0 + s (K (t_x) - K (T))) with one logarithm: the larger of ln E0 and ln (s K (t_x))
       * taken out, 1 - q as -expm1 so that it keeps its digits when t_x is close to T */
      l0 = -rx * d->lT_a[ti] - s * d->lT_b[ti];
      if (a != b && isfinite (d->lK[a]))
        {
          om = -expm1 (d->lK[b] - d->lK[a]);
          q = 1 - om;
          if (om > 0)
            l1 = ln_s + d->lK[a];
        }
      if (l1 > l0)
        {
          double e0 = exp (l0 - l1), e1 = om;

          big = l1;
          lse = big + log (e0 + e1);
          w1 = e1 / (e0 + e1);
        }
      else
        {
          double e1 = isfinite (l1) ? exp (l1 - l0) * om : 0;

          big = l0;
          lse = big + log1p (e1);
          w1 = e1 / (1 + e1);
        }
      ll += w * lse;
      if (d->p_alive != NULL)
        d->p_alive[i] = 1 - w1;   /* the share of E0 (alive at T) in the likelihood */
      if (grad != NULL)
        {
          double w0 = 1 - w1, rj[4] = { 0, 0, 0, 0 };

          if (w1 > 0)
            for (int h = 0; h < 4; h++)
              rj[h] = (d->rho[4 * a + h] - q * d->rho[4 * b + h]) / (1 - q);
          g_r -= w * (w0 * d->lT_a[ti] + w1 * rj[0]);
          g_alpha -= w * rx * (w0 / (alpha + t->T) + w1 * rj[1]);
          g_s -= w * (w0 * d->lT_b[ti] + w1 * (rj[2] - 1 / s));
          g_beta -= w * (w0 * s / (beta + t->T) + w1 * (s + 1) * rj[3]);
        }
    }
  if (grad != NULL)
    {
      grad[0] = g_r;
      grad[1] = g_alpha;
      grad[2] = g_s;
      grad[3] = g_beta;
    }
  return ll;
}

double
clv_pareto_log_likelihood (const ClvParetoParams *p, const ClvRfTriple *triples, gsize n)
{
  return clv_pareto_log_likelihood_gradient (p, triples, n, NULL);
}

double
clv_pareto_log_likelihood_gradient (const ClvParetoParams *p, const ClvRfTriple *triples,
                                    gsize n, double *grad)
{
  ParetoData d;
  double ll;

  clv_gsl_init ();
  pareto_data_init (&d, triples, n);
  ll = pareto_ll (&d, (double[]) { p->r, p->alpha, p->s, p->beta }, grad);
  pareto_data_clear (&d);
  return ll;
}

/* Minimised: -LL / total weight at theta = ln (r, alpha, s, beta). */
static double
pareto_objective (const double *theta, double *grad, gpointer data)
{
  ParetoData *d = data;
  double prm[4], g[4], ll;

  for (int i = 0; i < 4; i++)
    prm[i] = exp (theta[i]);
  ll = pareto_ll (d, prm, grad != NULL ? g : NULL);
  if (grad != NULL)
    for (int i = 0; i < 4; i++)
      grad[i] = -g[i] * prm[i] / d->ix.wsum;
  return -ll / d->ix.wsum;
}

/* What the fit moves: phi = (ln r, ln (r / alpha), asinh (1 / sqrt (s)), ln (s / beta)): the
 * purchase shape, the mean purchase rate, the dropout shape and the mean dropout rate. On data
 * without heterogeneity in dropout (BG-like data) the likelihood keeps rising towards s,
 * beta -> infinity at a fixed s / beta; in ln (r, alpha, s, beta) that is a curved valley the
 * minimiser crawls along for hundreds of steps. Here 1 / s = sinh (phi2)^2 + 1 / S_CAP: that
 * limit is phi2 = 0 (s = S_CAP, at the bound), where the likelihood is smooth and even in phi2,
 * so the minimiser reaches it in a few steps and the fit is recognised as one at a bound, while
 * small s stays logarithmic (s = 1e-6 at phi2 ~ 7.6, inside the wall). */
#define S_CAP (exp (CLV_THETA_BOUND))

static void
phi_to_params (const double *phi, double *prm)
{
  double sh = sinh (phi[2]);

  prm[0] = exp (phi[0]);
  prm[1] = exp (phi[0] - phi[1]);
  prm[2] = 1 / (sh * sh + 1 / S_CAP);
  prm[3] = prm[2] * exp (-phi[3]);
}

static void
params_to_phi (const double *prm, double *phi)
{
  phi[0] = log (prm[0]);
  phi[1] = log (prm[0]) - log (prm[1]);
  phi[2] = asinh (sqrt (MAX (1 / prm[2] - 1 / S_CAP, 0)));
  phi[3] = log (prm[2]) - log (prm[3]);
}

static double
pareto_objective_phi (const double *phi, double *grad, gpointer data)
{
  ParetoData *d = data;
  double prm[4], g[4], ll;

  phi_to_params (phi, prm);
  ll = pareto_ll (d, prm, grad != NULL ? g : NULL);
  if (grad != NULL)
    {
      /* d/dphi0 = r d/dr + alpha d/dalpha, d/dphi1 = -alpha d/dalpha; ds/dphi2 =
       * -s^2 sinh (2 phi2) with s / beta fixed, so d/dphi2 = -s sinh (2 phi2) (s d/ds +
       * beta d/dbeta); d/dphi3 = -beta d/dbeta */
      double sb = g[2] * prm[2] + g[3] * prm[3];

      grad[0] = -(g[0] * prm[0] + g[1] * prm[1]) / d->ix.wsum;
      grad[1] = g[1] * prm[1] / d->ix.wsum;
      grad[2] = prm[2] * sinh (2 * phi[2]) * sb / d->ix.wsum;
      grad[3] = g[3] * prm[3] / d->ix.wsum;
    }
  return -ll / d->ix.wsum;
}

/* Near phi2 = 0 the likelihood is flat to second order and the minimiser stops short of it:
 * when the limit itself fits as well, the fit is the one at the bound. */
static void
snap_to_cap (ParetoData *d, double *phi, double f_min)
{
  double at_cap[4] = { phi[0], phi[1], 0, phi[3] };

  if (phi[2] != 0
      && pareto_objective_phi (at_cap, NULL, d) <= f_min + 1e-12 * MAX (fabs (f_min), 1))
    memcpy (phi, at_cap, sizeof at_cap);
}

/* At a bound when any of r, alpha, s, beta (not only the coordinates moved) ran off. */
static ClvFitQuality
pareto_quality (ParetoData *d, const double *prm, double *log_cov)
{
  double theta[4];

  for (int i = 0; i < 4; i++)
    {
      theta[i] = log (prm[i]);
      if (!(fabs (theta[i]) < CLV_THETA_BOUND - 1.0))
        {
          if (log_cov != NULL)
            memset (log_cov, 0, 16 * sizeof *log_cov);   /* unknown: no covariance at a bound */
          return CLV_FIT_AT_BOUND;
        }
    }
  /* the Hessian in the log parameters, also giving their covariance (standard errors) */
  return clv_fit_quality_cov (pareto_objective, d, 4, TRUE, theta, d->ix.wsum, log_cov);
}

static gboolean
pareto_sample_fit (const ClvRfTriple *triples, gsize n, const ClvFitOptions *fo, double *prm,
                   gpointer data, GError **error)
{
  ClvParetoParams sp;

  if (!clv_pareto_fit_full (triples, n, fo, &sp, error))
    return FALSE;
  memcpy (prm, (double[]) { sp.r, sp.alpha, sp.s, sp.beta }, 4 * sizeof (double));
  return TRUE;
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
  /* Large data: start from a fit on a systematic presample, then polish on everything. */
  if (clv_fit_start_from_sample (triples, n_triples, fo, pareto_sample_fit, NULL, start_buf,
                                 &polish, error))
    {
      if (start_buf[2] > 100)
        {
          /* the sample ran up the ridge towards the bound, where phi2 barely moves the
           * likelihood: start the fit on everything off it, at s = 1 with the sample's mean
           * dropout rate, so that it finds an interior maximum the sample missed */
          start_buf[3] /= start_buf[2];
          start_buf[2] = 1;
        }
      for (int i = 0; i < 4; i++)
        theta[i] = log (start_buf[i]);
      fo = &polish;
    }
  else if (error != NULL && *error != NULL)
    {
      pareto_data_clear (&d);
      return FALSE;
    }
  {
    double prm[4];

    for (int i = 0; i < 4; i++)
      prm[i] = exp (theta[i]);
    params_to_phi (prm, theta);
  }
  ok = fo != NULL && fo->start != NULL
       ? clv_minimize_near (pareto_objective_phi, &d, 4, fo, theta, &f_min, error)
       : clv_minimize (pareto_objective_phi, &d, 4, TRUE, fo, theta, &f_min, error);
  /* a start for the fit on everything is left where it is: at phi2 = 0 the gradient in phi2
   * vanishes, so a start there would never leave the bound */
  if (ok && !(fo != NULL && fo->no_presample && fo->no_quality))
    snap_to_cap (&d, theta, f_min);
  if (ok)
    {
      double prm[4];

      phi_to_params (theta, prm);
      out->r = prm[0];
      out->alpha = prm[1];
      out->s = prm[2];
      out->beta = prm[3];
      out->log_likelihood = pareto_ll (&d, prm, NULL);
      if (!isfinite (out->log_likelihood))
        {
          g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                               _("The model fit did not converge."));
          ok = FALSE;
        }
      else if (fo == NULL || !fo->no_quality)
        out->quality = pareto_quality (&d, prm, out->log_cov);
      else
        {
          out->quality = CLV_FIT_PROPER;
          memset (out->log_cov, 0, sizeof out->log_cov);   /* unknown: not computed */
        }
    }
  pareto_data_clear (&d);
  return ok;
}

/* The Hessian takes 8 evaluations of the gradient: the analysis asks for it only when the fit
 * is a candidate. */
ClvFitQuality
clv_pareto_fit_quality (const ClvParetoParams *p, const ClvRfTriple *triples, gsize n_triples)
{
  ParetoData d;
  ClvFitQuality q;

  clv_gsl_init ();
  pareto_data_init (&d, triples, n_triples);
  {
    double prm[4] = { p->r, p->alpha, p->s, p->beta }, phi[4];

    params_to_phi (prm, phi);
    snap_to_cap (&d, phi, pareto_objective_phi (phi, NULL, &d));
    phi_to_params (phi, prm);
    q = pareto_quality (&d, prm, NULL);
  }
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

/* The same for many triples at once from one pass of the fit's quadrature: per customer, the
 * 2F1 of large s or x costs a series of thousands of terms. */
void
clv_pareto_probability_alive_triples (const ClvParetoParams *p, const ClvRfTriple *triples,
                                      gsize n, double *p_alive)
{
  ParetoData d;

  g_return_if_fail (p != NULL && (n == 0 || (triples != NULL && p_alive != NULL)));
  if (n == 0)
    return;
  clv_gsl_init ();
  pareto_data_init (&d, triples, n);
  d.p_alive = p_alive;
  pareto_ll (&d, (double[]) { p->r, p->alpha, p->s, p->beta }, NULL);
  pareto_data_clear (&d);
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
