/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ranges on the predictions: parameter standard errors by the delta method, the predictive
 * distribution of one customer's purchases, and ranges of the shop's totals from draws of the
 * log-parameters. Pure functions, thread-safe; the draws are seeded by the caller.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "clv-uncertainty.h"
#include "clv-bgnbd.h"
#include "clv-mbgnbd.h"
#include "clv-pareto.h"
#include "clv-fit-private.h"
#include "clv-sort.h"

#define MAX_PMF 4000
/* Gauss-Legendre points for the Pareto/NBD lifetime integral: the integrand is smooth */
#define GL_POINTS 48

gboolean
clv_natural_covariance (const double *params, const double *log_cov, guint n, double *cov,
                        double *se)
{
  gboolean ok = n > 0;

  for (guint i = 0; i < n && ok; i++)
    ok = log_cov[i * n + i] > 0 && isfinite (log_cov[i * n + i]) && params[i] > 0;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        /* the same product both ways round, so the result is exactly symmetric */
        double v = ok ? log_cov[MIN (i, j) * n + MAX (i, j)] * params[MIN (i, j)]
                          * params[MAX (i, j)] : 0;

        if (cov != NULL)
          cov[i * n + j] = v;
        if (se != NULL && i == j)
          se[i] = ok ? sqrt (v) : 0;
      }
  return ok;
}

/* NBD probabilities of 0 .. n - 1 purchases in a span u for lambda ~ Gamma (shape, rate):
 * P(0) = (rate / (rate + u))^shape, P(y) = P(y - 1) (shape + y - 1) / y u / (rate + u). */
static void
nbd_pmf (double shape, double rate, double u, double *out, gsize n)
{
  double q = u / (rate + u);

  out[0] = exp (shape * (log (rate) - log (rate + u)));
  for (gsize y = 1; y < n; y++)
    out[y] = out[y - 1] * (shape + y - 1) / y * q;
}

gsize
clv_purchases_pmf_size (double mean_if_alive)
{
  double m = isfinite (mean_if_alive) && mean_if_alive > 0 ? mean_if_alive : 0;

  return (gsize) CLAMP (8 + 4 * m, 8, MAX_PMF);
}

void
clv_purchases_pmf_if_alive (ClvModelKind kind, const double *prm, guint32 x, double T,
                            double t, double *pmf, gsize n_max)
{
  double shape = prm[0] + x, rate = prm[1] + T;
  g_autofree double *nb = g_new (double, n_max);

  memset (pmf, 0, n_max * sizeof (double));
  if (!(t > 0))
    {
      pmf[0] = 1;
      return;
    }
  if (kind == CLV_MODEL_PARETO)
    {
      /* P(Y = y) = S(t) NBD_y(t) + int_0^t f(u) NBD_y(u) du, S(u) = (b / (b + u))^s,
       * f(u) = s / b (b / (b + u))^(s + 1), b = beta + T */
      double s = prm[2], b = prm[3] + T;
      gsl_integration_glfixed_table *gl = gsl_integration_glfixed_table_alloc (GL_POINTS);

      nbd_pmf (shape, rate, t, nb, n_max);
      for (gsize y = 0; y < n_max; y++)
        pmf[y] = exp (s * (log (b) - log (b + t))) * nb[y];
      for (gsize k = 0; k < GL_POINTS; k++)
        {
          double u, w, f;

          gsl_integration_glfixed_point (0, t, k, &u, &w, gl);
          f = s / b * exp ((s + 1) * (log (b) - log (b + u)));
          nbd_pmf (shape, rate, u, nb, n_max);
          for (gsize y = 0; y < n_max; y++)
            pmf[y] += w * f * nb[y];
        }
      gsl_integration_glfixed_table_free (gl);
      return;
    }
  /* BG/NBD, MBG/NBD: p ~ Beta (a, b'), Y = y when N (t) = y and no dropout after any of those
   * y purchases (E (1 - p)^y), or dropout after the y-th while N (t) >= y
   * (E p (1 - p)^(y - 1)). */
  {
    double a = prm[2], bp = prm[3] + x + (kind == CLV_MODEL_MBGNBD ? 1 : 0);
    double surv = 1, cdf = 0;        /* E (1 - p)^y; P(N < y) */

    nbd_pmf (shape, rate, t, nb, n_max);
    for (gsize y = 0; y < n_max; y++)
      {
        if (y > 0)
          {
            /* surv is E (1 - p)^(y - 1) here */
            pmf[y] = surv * a / (a + bp + y - 1) * MAX (1 - cdf, 0);
            surv *= (bp + y - 1) / (a + bp + y - 1);
          }
        pmf[y] += nb[y] * surv;
        cdf += nb[y];
      }
  }
}

/* Ranges whose probability is this close to the best one count as equally good: the shortest
 * of them is kept, so that a range sits where the counts are likeliest, not out in a tail whose
 * small steps happen to add up to the level more exactly. */
#define RANGE_CLOSE 0.02

/* For each low end l (while what lies below it leaves room for the level), the high end whose
 * range [l, h] holds closest to the level: as l grows that h does not move left, so one pass.
 * With @d_best < 0 the pass finds the best distance; otherwise it keeps the shortest range
 * within RANGE_CLOSE of it. */
static double
scan_ranges (const double *pmf, gsize n, double pa, double level, double d_best, gsize *lo,
             gsize *hi)
{
  double below = 0, upto, best = INFINITY;
  gsize h = 0, best_len = G_MAXSIZE;

#define MASS(y) (pa * pmf[y] + ((y) == 0 ? 1 - pa : 0))
  upto = MASS (0);
  for (gsize l = 0; l < n && below <= 1 - level + RANGE_CLOSE; l++)
    {
      double d;

      if (h < l)
        {
          h = l;
          upto = below + MASS (l);
        }
      while (h + 1 < n && fabs (upto + MASS (h + 1) - below - level) < fabs (upto - below - level))
        {
          h++;
          upto += MASS (h);
        }
      d = fabs (upto - below - level);
      if (d_best < 0 ? d < best : d <= d_best + RANGE_CLOSE && h - l < best_len)
        {
          best = MIN (best, d);
          best_len = h - l;
          *lo = l;
          *hi = h;
        }
      below += MASS (l);
    }
#undef MASS
  return best;
}

void
clv_purchases_range (const double *pmf_if_alive, gsize n, double p_alive, double level,
                     guint32 *lo, guint32 *hi)
{
  double pa = CLAMP (p_alive, 0, 1), d;
  gsize l = 0, h = 0;

  /* Counts are discrete: a customer who will most likely not come back has 0 with a
   * probability well above 80 %, and a range of quantiles would hold far more than the level
   * over many customers; the range closest to the level, shortest among near ties, holds about
   * the level. */
  if (n > 0)
    {
      d = scan_ranges (pmf_if_alive, n, pa, level, -1, &l, &h);
      scan_ranges (pmf_if_alive, n, pa, level, d, &l, &h);
    }
  *lo = (guint32) l;
  *hi = (guint32) h;
}

/* ---- totals from parameter draws ------------------------------------------------------ */

static double
p_alive_of (ClvModelKind kind, const double *prm, guint32 x, double t_x, double T)
{
  switch (kind)
    {
    case CLV_MODEL_BGNBD:
      {
        ClvBgnbdParams p = { prm[0], prm[1], prm[2], prm[3], 0, 0, { 0 } };
        return clv_bgnbd_probability_alive (&p, x, t_x, T);
      }
    case CLV_MODEL_MBGNBD:
      {
        ClvMbgnbdParams p = { prm[0], prm[1], prm[2], prm[3], 0, 0, { 0 } };
        return clv_mbgnbd_probability_alive (&p, x, t_x, T);
      }
    default:
      {
        ClvParetoParams p = { prm[0], prm[1], prm[2], prm[3], 0, 0, { 0 } };
        return clv_pareto_probability_alive (&p, x, t_x, T);
      }
    }
}

static double
if_alive_of (ClvModelKind kind, const double *prm, guint32 x, double T, double t)
{
  switch (kind)
    {
    case CLV_MODEL_BGNBD:
      {
        ClvBgnbdParams p = { prm[0], prm[1], prm[2], prm[3], 0, 0, { 0 } };
        return clv_bgnbd_expected_purchases_if_alive (&p, x, T, t);
      }
    case CLV_MODEL_MBGNBD:
      {
        ClvMbgnbdParams p = { prm[0], prm[1], prm[2], prm[3], 0, 0, { 0 } };
        return clv_mbgnbd_expected_purchases_if_alive (&p, x, T, t);
      }
    default:
      {
        ClvParetoParams p = { prm[0], prm[1], prm[2], prm[3], 0, 0, { 0 } };
        return clv_pareto_expected_purchases_if_alive (&p, x, T, t);
      }
    }
}

#define MAX_MONTHS CLV_RANGE_MAX_MONTHS

/* Total expected purchases over the horizon; with @n_months > 0 also per month of it in
 * @monthly (the horizon split in @n_months equal months, at most MAX_MONTHS). */
static double
total_purchases_by_month (const ClvTotalsDraws *in, const ClvRfTriple *tr, gsize n,
                          const double *prm, guint n_months, double *monthly)
{
  double total = 0, e[MAX_MONTHS + 1] = { 0 };

  for (guint j = 0; j < n_months; j++)
    monthly[j] = 0;
  for (gsize i = 0; i < n; i++)
    {
      double w;

      /* triples come in (x, T, t_x) order: E[Y | alive] depends on x and T only */
      if (i == 0 || tr[i].x != tr[i - 1].x || tr[i].T != tr[i - 1].T)
        {
          if (n_months == 0)
            e[0] = if_alive_of (in->kind, prm, tr[i].x, tr[i].T, in->horizon);
          for (guint j = 1; j <= n_months; j++)
            e[j] = if_alive_of (in->kind, prm, tr[i].x, tr[i].T, in->horizon * j / n_months);
        }
      w = tr[i].weight * p_alive_of (in->kind, prm, tr[i].x, tr[i].t_x, tr[i].T);
      total += w * e[n_months];
      for (guint j = 0; j < n_months; j++)
        monthly[j] += w * (e[j + 1] - e[j]);
    }
  return total;
}

/* The buyers' weights by x: E[Z | x, m] = p (gamma + x m) / (p x + q - 1) is linear in m, so
 * the weighted total needs only the sums of w and of w m per distinct x (Fader & Hardie 2013,
 * note 025). */
typedef struct
{
  guint32 *x;
  double *w, *wm;
  gsize n;
} SpendByX;

static void
spend_by_x_init (SpendByX *s, const ClvTotalsDraws *in)
{
  guint32 max_x = 0;
  g_autofree gssize *slot = NULL;

  for (gsize i = 0; i < in->n_spend; i++)
    max_x = MAX (max_x, in->spend_x[i]);
  slot = g_new (gssize, (gsize) max_x + 1);
  for (gsize i = 0; i <= max_x; i++)
    slot[i] = -1;
  s->x = g_new (guint32, MAX (in->n_spend, 1));
  s->w = g_new0 (double, MAX (in->n_spend, 1));
  s->wm = g_new0 (double, MAX (in->n_spend, 1));
  s->n = 0;
  for (gsize i = 0; i < in->n_spend; i++)
    {
      guint32 x = in->spend_x[i];

      if (slot[x] < 0)
        {
          slot[x] = (gssize) s->n;
          s->x[s->n++] = x;
        }
      s->w[slot[x]] += in->spend_w[i];
      /* the customer's own mean counts only with repeat purchases, as in the expectation */
      s->wm[slot[x]] += x > 0 ? in->spend_w[i] * MAX (in->spend_m[i], 0) : 0;
    }
}

static void
spend_by_x_clear (SpendByX *s)
{
  g_free (s->x);
  g_free (s->w);
  g_free (s->wm);
}

static double
total_spend (const SpendByX *s, const ClvGammaGammaParams *gg)
{
  double total = 0;

  if (!(gg->q > 1))
    return 0;
  for (gsize i = 0; i < s->n; i++)
    total += gg->p * (gg->gamma * s->w[i] + s->x[i] * s->wm[i]) / (gg->p * s->x[i] + gg->q - 1);
  return total;
}

/* At most this many triples enter the draws: blocks of consecutive triples in (x, T, t_x) order,
 * each stood for by its middle triple with the block's weight. The ratio to the fitted
 * parameters' total is what is taken from the draws, and that hardly depends on the sample. */
#define DRAW_TRIPLES 800

/* The months' ratios take twelve expectations per triple where the totals take one: they come
 * from a smaller sample, as they are ratios too. */
#define MONTH_TRIPLES 60

static ClvRfTriple *
sample_triples (const ClvRfTriple *tr, gsize n, gsize max, gsize *n_out)
{
  gsize block = (n + max - 1) / max, m = 0;
  ClvRfTriple *out = g_new (ClvRfTriple, (n + block - 1) / block);

  for (gsize start = 0; start < n; start += block)
    {
      gsize end = MIN (start + block, n);
      guint64 w = 0;

      for (gsize i = start; i < end; i++)
        w += tr[i].weight;
      out[m] = tr[start + (end - start) / 2];
      out[m].weight = (guint32) MIN (w, G_MAXUINT32);
      m++;
    }
  *n_out = m;
  return out;
}

/* theta = mu + L z, L the Cholesky factor of the covariance (lower triangle of @l). */
static void
draw_normal (gsl_rng *rng, const double *mu, const double *l, guint n, double *out)
{
  double z[4];

  for (guint i = 0; i < n; i++)
    z[i] = gsl_ran_ugaussian (rng);
  for (guint i = 0; i < n; i++)
    {
      out[i] = mu[i];
      for (guint j = 0; j <= i; j++)
        out[i] += l[i * n + j] * z[j];
    }
}

static gboolean
cholesky (const double *cov, guint n, double *l)
{
  gsl_matrix_view m = gsl_matrix_view_array (l, n, n);
  gsl_error_handler_t *old;
  int rc;

  memcpy (l, cov, n * n * sizeof (double));
  old = gsl_set_error_handler_off ();
  rc = gsl_linalg_cholesky_decomp1 (&m.matrix);
  gsl_set_error_handler (old);
  return rc == 0;
}

static int
cmp_double (const void *a, const void *b)
{
  double u = *(const double *) a, v = *(const double *) b;

  return (u > v) - (u < v);
}

/* Central range of @n sorted values by linear interpolation of the order statistics. */
static void
quantiles (double *v, guint n, double level, double out[2])
{
  qsort (v, n, sizeof (double), cmp_double);
  for (int k = 0; k < 2; k++)
    {
      double pos = (k == 0 ? (1 - level) / 2 : (1 + level) / 2) * (n - 1);
      guint i = (guint) floor (pos);
      double f = pos - i;

      out[k] = i + 1 < n ? v[i] * (1 - f) + v[i + 1] * f : v[n - 1];
    }
}

static gboolean
triples_sorted (const ClvRfTriple *tr, gsize n)
{
  for (gsize i = 1; i < n; i++)
    if (clv_rf_triple_compare (&tr[i - 1], &tr[i]) > 0)
      return FALSE;
  return TRUE;
}

gboolean
clv_totals_ratio_range (const ClvTotalsDraws *in, guint n_draws, guint64 seed, double level,
                        double purchases[2], double value[2])
{
  return clv_totals_monthly_ratio_range (in, n_draws, seed, level, purchases, value, NULL);
}

gboolean
clv_totals_monthly_ratio_range (const ClvTotalsDraws *in, guint n_draws, guint64 seed,
                                double level, double purchases[2], double value[2],
                                double *monthly)
{
  double mu[4], l[16], gmu[3], gl[9], theta[4], gtheta[3], prm[4], p0, s0 = 0;
  gboolean spend_varies;
  gsize n_s = 0;
  g_autofree ClvRfTriple *sorted = NULL;
  g_autofree ClvRfTriple *sample = NULL;
  SpendByX by_x = { 0 };
  const ClvRfTriple *tr = in->triples;
  gsize n_tr = in->n_triples;
  guint n_m = monthly != NULL && in->n_months <= MAX_MONTHS ? in->n_months : 0;
  g_autofree double *rp = NULL;
  g_autofree double *rv = NULL;
  g_autofree double *m0 = g_new0 (double, MAX (n_m, 1));
  g_autofree double *md = g_new0 (double, MAX (n_m, 1));
  g_autofree double *rm = NULL;
  g_autofree ClvRfTriple *month_sample = NULL;
  gsize n_mtr = 0;
  gsl_rng *rng;

  purchases[0] = purchases[1] = value[0] = value[1] = 1;
  for (guint j = 0; monthly != NULL && j < in->n_months; j++)
    monthly[2 * j] = monthly[2 * j + 1] = 1;
  if (!clv_natural_covariance (in->prm, in->log_cov, 4, NULL, NULL) || n_draws < 2
      || !cholesky (in->log_cov, 4, l))
    return FALSE;
  for (int i = 0; i < 4; i++)
    mu[i] = log (in->prm[i]);
  spend_varies = in->gg != NULL
                 && clv_natural_covariance ((double[]) { in->gg->p, in->gg->q, in->gg->gamma },
                                            in->gg->log_cov, 3, NULL, NULL)
                 && cholesky (in->gg->log_cov, 3, gl);
  if (spend_varies)
    {
      gmu[0] = log (in->gg->p);
      gmu[1] = log (in->gg->q);
      gmu[2] = log (in->gg->gamma);
      spend_by_x_init (&by_x, in);
      s0 = total_spend (&by_x, in->gg);
      spend_varies = s0 > 0;
    }
  /* in (x, T, t_x) order, E[Y | alive] is computed once per run of equal (x, T) */
  if (!triples_sorted (tr, n_tr))
    {
      sorted = g_memdup2 (tr, n_tr * sizeof (ClvRfTriple));
      qsort (sorted, n_tr, sizeof (ClvRfTriple), clv_rf_triple_compare);
      tr = sorted;
    }
  /* large shops: the ratio is taken on a systematic sample of the triples */
  if (n_tr > DRAW_TRIPLES)
    {
      sample = sample_triples (tr, n_tr, DRAW_TRIPLES, &n_s);
      tr = sample;
      n_tr = n_s;
    }
  if (n_m > 0)
    {
      if (n_tr > MONTH_TRIPLES)
        month_sample = sample_triples (tr, n_tr, MONTH_TRIPLES, &n_mtr);
      else
        month_sample = g_memdup2 (tr, (n_mtr = n_tr) * sizeof (ClvRfTriple));
      total_purchases_by_month (in, month_sample, n_mtr, in->prm, n_m, m0);
    }
  p0 = total_purchases_by_month (in, tr, n_tr, in->prm, 0, NULL);
  if (!(p0 > 0) || !isfinite (p0))
    {
      spend_by_x_clear (&by_x);
      return FALSE;
    }
  rp = g_new (double, n_draws);
  rv = g_new (double, n_draws);
  /* month j's ratios of draw d at rm[j * n_draws + d] */
  rm = g_new (double, (gsize) MAX (n_m, 1) * n_draws);
  rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, (unsigned long) seed);
  for (guint d = 0; d < n_draws; d++)
    {
      double tp, sr = 1;

      draw_normal (rng, mu, l, 4, theta);
      for (int i = 0; i < 4; i++)
        prm[i] = exp (theta[i]);
      tp = total_purchases_by_month (in, tr, n_tr, prm, 0, NULL);
      rp[d] = isfinite (tp) ? tp / p0 : 1;
      if (n_m > 0)
        total_purchases_by_month (in, month_sample, n_mtr, prm, n_m, md);
      if (spend_varies)
        {
          ClvGammaGammaParams g = { 0 };
          double ts;

          draw_normal (rng, gmu, gl, 3, gtheta);
          g.p = exp (gtheta[0]);
          g.q = exp (gtheta[1]);
          g.gamma = exp (gtheta[2]);
          ts = total_spend (&by_x, &g);
          sr = isfinite (ts) && ts > 0 ? ts / s0 : 1;
        }
      rv[d] = rp[d] * sr;
      /* a month's value moves with that month's purchases and the same spend draw */
      for (guint j = 0; j < n_m; j++)
        rm[j * n_draws + d] = (m0[j] > 0 && isfinite (md[j]) ? md[j] / m0[j] : 1) * sr;
    }
  gsl_rng_free (rng);
  spend_by_x_clear (&by_x);
  quantiles (rp, n_draws, level, purchases);
  quantiles (rv, n_draws, level, value);
  for (guint j = 0; j < n_m; j++)
    quantiles (rm + (gsize) j * n_draws, n_draws, level, monthly + 2 * j);
  return TRUE;
}
