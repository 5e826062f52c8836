/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The minimiser shared by the model fits: GSL multimin (BFGS2 with an analytic gradient, or the
 * Nelder-Mead simplex nmsimplex2 with restarts) on log-parameters, with a soft quadratic wall
 * beyond |theta| = CLV_THETA_BOUND so that degenerate data cannot push a parameter to 0 or
 * infinity. Runs on the caller's thread; allocates only GSL state it frees before returning.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>

#include "clv-error.h"
#include "clv-fit-private.h"
#include "clv-special-private.h"
#include "clv-sort.h"

#define MAX_PARAMS 8
#define WALL 1.0

void
clv_fit_options_init (ClvFitOptions *fo)
{
  g_return_if_fail (fo != NULL);
  memset (fo, 0, sizeof *fo);
  fo->progress_to = 1.0;
}

typedef struct
{
  ClvObjective f;
  gpointer data;
  gsize n;
  gboolean has_gradient;
  guint evaluations;
  /* GSL's BFGS2 line search asks for f and then df at the same point: cache the last one */
  gboolean cached;
  double theta[MAX_PARAMS], value, grad[MAX_PARAMS];
} Wrap;

/* The soft wall: 0.5 WALL (|theta| - bound)^2 beyond the bound. */
static double
wall (const double *theta, gsize n, double *grad)
{
  double pen = 0;

  for (gsize i = 0; i < n; i++)
    {
      double ex = fabs (theta[i]) - CLV_THETA_BOUND;

      if (ex > 0)
        {
          pen += 0.5 * WALL * ex * ex;
          if (grad != NULL)
            grad[i] += WALL * ex * (theta[i] > 0 ? 1 : -1);
        }
    }
  return pen;
}

static double
eval (Wrap *w, const gsl_vector *v, gsl_vector *g)
{
  double theta[MAX_PARAMS], grad[MAX_PARAMS] = { 0 }, value;
  gboolean same = w->cached;

  for (gsize i = 0; i < w->n; i++)
    {
      theta[i] = gsl_vector_get (v, i);
      same = same && theta[i] == w->theta[i];
    }
  if (same)
    {
      value = w->value;
      memcpy (grad, w->grad, sizeof grad);
    }
  else
    {
      w->evaluations++;
      value = w->f (theta, w->has_gradient ? grad : NULL, w->data);
      value += wall (theta, w->n, w->has_gradient ? grad : NULL);
      if (!isfinite (value))
        value = 1e30;
      if (!w->has_gradient)
        return value;   /* no gradient: nothing to cache */
      w->cached = TRUE;
      memcpy (w->theta, theta, sizeof theta);
      memcpy (w->grad, grad, sizeof grad);
      w->value = value;
    }
  if (g != NULL)
    for (gsize i = 0; i < w->n; i++)
      gsl_vector_set (g, i, isfinite (grad[i]) ? grad[i] : 0);
  return value;
}

static double
wrap_f (const gsl_vector *v, void *data)
{
  return eval (data, v, NULL);
}

static void
wrap_df (const gsl_vector *v, void *data, gsl_vector *g)
{
  eval (data, v, g);
}

static void
wrap_fdf (const gsl_vector *v, void *data, double *f, gsl_vector *g)
{
  *f = eval (data, v, g);
}

static gboolean
report (const ClvFitOptions *fo, guint iter, guint max_iter, GError **error)
{
  double frac;

  if (fo == NULL || fo->progress == NULL)
    return TRUE;
  frac = fo->progress_from + (fo->progress_to - fo->progress_from) * iter / (double) max_iter;
  if (fo->progress (frac, fo->progress_data))
    return TRUE;
  g_set_error_literal (error, CLV_ERROR, CLV_ERROR_CANCELLED, _("The analysis was cancelled."));
  return FALSE;
}

static gboolean
run_simplex (Wrap *w, double *theta, double *f_min, const ClvFitOptions *fo, guint max_iter,
             GError **error)
{
  const gsl_multimin_fminimizer_type *type = gsl_multimin_fminimizer_nmsimplex2;
  gsl_multimin_function func = { wrap_f, w->n, w };
  gsl_vector *x = gsl_vector_alloc (w->n), *step = gsl_vector_alloc (w->n);
  gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc (type, w->n);
  gboolean ok = TRUE;
  double best = INFINITY;
  double first_step = fo != NULL && fo->initial_step > 0 ? fo->initial_step
                      : fo != NULL && fo->start != NULL ? 0.1 : 0.5;

  /* Restart the simplex from its optimum until it stops improving (Nelder-Mead can stall). */
  for (guint restart = 0; restart < 4 && ok; restart++)
    {
      int status = GSL_CONTINUE;

      for (gsize i = 0; i < w->n; i++)
        {
          gsl_vector_set (x, i, theta[i]);
          gsl_vector_set (step, i, restart == 0 ? first_step : 0.05);
        }
      gsl_multimin_fminimizer_set (s, &func, x, step);
      for (guint iter = 0; iter < max_iter && status == GSL_CONTINUE; iter++)
        {
          if (gsl_multimin_fminimizer_iterate (s) != GSL_SUCCESS)
            break;
          status = gsl_multimin_test_size (gsl_multimin_fminimizer_size (s), 1e-6);
          if (iter % 16 == 0 && !report (fo, iter, max_iter, error))
            {
              ok = FALSE;
              break;
            }
        }
      for (gsize i = 0; i < w->n; i++)
        theta[i] = gsl_vector_get (s->x, i);
      if (!(s->fval < best - 1e-10 * fabs (best)))
        {
          best = MIN (best, s->fval);
          break;
        }
      best = s->fval;
    }
  *f_min = best;
  gsl_multimin_fminimizer_free (s);
  gsl_vector_free (x);
  gsl_vector_free (step);
  return ok;
}

static gboolean
run_bfgs (Wrap *w, double *theta, double *f_min, double *grad_norm, const ClvFitOptions *fo,
          guint max_iter, GError **error)
{
  gsl_multimin_function_fdf func = { wrap_f, wrap_df, wrap_fdf, w->n, w };
  gsl_vector *x = gsl_vector_alloc (w->n);
  gsl_multimin_fdfminimizer *s =
    gsl_multimin_fdfminimizer_alloc (gsl_multimin_fdfminimizer_vector_bfgs2, w->n);
  int status = GSL_CONTINUE;
  gboolean ok = TRUE;

  for (gsize i = 0; i < w->n; i++)
    gsl_vector_set (x, i, theta[i]);
  gsl_multimin_fdfminimizer_set (s, &func, x, fo != NULL && fo->start != NULL ? 0.01 : 0.1, 0.1);
  for (guint iter = 0; iter < max_iter && status == GSL_CONTINUE; iter++)
    {
      if (gsl_multimin_fdfminimizer_iterate (s) != GSL_SUCCESS)
        break;
      status = gsl_multimin_test_gradient (s->gradient, fo != NULL && fo->gradient_tolerance > 0
                                                        ? fo->gradient_tolerance : 1e-8);
      if (iter % 4 == 0 && !report (fo, iter, max_iter, error))
        {
          ok = FALSE;
          break;
        }
    }
  for (gsize i = 0; i < w->n; i++)
    theta[i] = gsl_vector_get (s->x, i);
  *f_min = s->f;
  *grad_norm = gsl_blas_dnrm2 (s->gradient);
  gsl_multimin_fdfminimizer_free (s);
  gsl_vector_free (x);
  return ok;
}

gboolean
clv_minimize (ClvObjective f, gpointer data, gsize n, gboolean has_gradient,
              const ClvFitOptions *fo, double *theta, double *f_min, GError **error)
{
  Wrap w = { f, data, n, has_gradient, 0, FALSE, { 0 }, 0, { 0 } };
  guint max_iter = fo != NULL && fo->max_iterations > 0 ? fo->max_iterations : 1000;
  double value = INFINITY, grad_norm = INFINITY;

  g_return_val_if_fail (n > 0 && n <= MAX_PARAMS, FALSE);
  clv_gsl_init ();

  if (has_gradient)
    {
      if (!run_bfgs (&w, theta, &value, &grad_norm, fo, max_iter, error))
        return FALSE;
      /* BFGS2 stops with ENOPROG when rounding stalls it; polish once from there (a fit that
       * asked for a loose tolerance, as a start for another one, takes where it stalled). */
      double tol = fo != NULL && fo->gradient_tolerance > 0 ? fo->gradient_tolerance : 1e-8;

      if (!(grad_norm < MAX (1e-5, 100 * tol)) && isfinite (value))
        {
          double v2 = INFINITY, g2 = INFINITY, t2[MAX_PARAMS];

          memcpy (t2, theta, n * sizeof (double));
          if (!run_simplex (&w, t2, &v2, fo, max_iter, error))
            return FALSE;
          if (!run_bfgs (&w, t2, &v2, &g2, fo, max_iter, error))
            return FALSE;
          if (v2 <= value)
            {
              memcpy (theta, t2, n * sizeof (double));
              value = v2;
              grad_norm = g2;
            }
        }
      g_debug ("fit: %u evaluations, gradient %g", w.evaluations, grad_norm);
      if (!(grad_norm < 1e-3))
        {
          g_set_error (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                       _("The model fit did not converge (gradient %g)."), grad_norm);
          return FALSE;
        }
    }
  else if (!run_simplex (&w, theta, &value, fo, max_iter, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (!isfinite (theta[i]))
      {
        g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                             _("The model fit did not converge."));
        return FALSE;
      }
  if (!isfinite (value) || value >= 1e30)
    {
      g_set_error_literal (error, CLV_ERROR, CLV_ERROR_NO_CONVERGENCE,
                           _("The model fit did not converge."));
      return FALSE;
    }
  /* Clamp into the bounds: the wall is soft. */
  for (gsize i = 0; i < n; i++)
    theta[i] = CLAMP (theta[i], -CLV_THETA_BOUND - 1, CLV_THETA_BOUND + 1);
  *f_min = value;
  return TRUE;
}

/* ---- from a start near the optimum ----------------------------------------------------- */

/* The objective in whitened coordinates z: theta = theta0 + L^-T z, with H = L L^T the
 * Hessian at theta0, so that near theta0 the curvature is the identity in every direction. */
typedef struct
{
  ClvObjective f;
  gpointer data;
  gsize n;
  double theta0[MAX_PARAMS];
  double L[MAX_PARAMS * MAX_PARAMS];   /* lower triangle, row-major */
} Whitened;

static void
whitened_theta (const Whitened *w, const double *z, double *theta)
{
  double y[MAX_PARAMS] = { 0 };

  /* back substitution of L^T y = z */
  for (gsize i = w->n; i-- > 0;)
    {
      double v = z[i];

      for (gsize j = i + 1; j < w->n; j++)
        v -= w->L[j * w->n + i] * y[j];
      y[i] = v / w->L[i * w->n + i];
    }
  for (gsize i = 0; i < w->n; i++)
    theta[i] = w->theta0[i] + y[i];
}

static double
whitened_objective (const double *z, double *grad, gpointer data)
{
  const Whitened *w = data;
  double theta[MAX_PARAMS], g[MAX_PARAMS] = { 0 }, value;

  whitened_theta (w, z, theta);
  value = w->f (theta, grad != NULL ? g : NULL, w->data);
  /* the soft wall stays where it is in theta */
  value += wall (theta, w->n, grad != NULL ? g : NULL);
  if (grad != NULL)
    /* d/dz = L^-1 d/dtheta: forward substitution */
    for (gsize i = 0; i < w->n; i++)
      {
        double v = g[i];

        for (gsize j = 0; j < i; j++)
          v -= w->L[i * w->n + j] * grad[j];
        grad[i] = v / w->L[i * w->n + i];
      }
  return value;
}

gboolean
clv_minimize_near (ClvObjective f, gpointer data, gsize n, const ClvFitOptions *fo,
                   double *theta, double *f_min, GError **error)
{
  Whitened w = { f, data, n, { 0 }, { 0 } };
  double g0[MAX_PARAMS], g1[MAX_PARAMS], t[MAX_PARAMS], z[MAX_PARAMS] = { 0 };
  const double h = 1e-4;
  gsl_matrix_view m;
  gsl_error_handler_t *old;
  ClvFitOptions wo;
  int rc;

  g_return_val_if_fail (n > 0 && n <= MAX_PARAMS, FALSE);
  memcpy (w.theta0, theta, n * sizeof (double));
  memcpy (t, theta, n * sizeof (double));
  /* forward differences of the gradient: a preconditioner needs no more accuracy */
  if (!isfinite (f (t, g0, data)))
    return clv_minimize (f, data, n, TRUE, fo, theta, f_min, error);
  for (gsize i = 0; i < n; i++)
    {
      t[i] = theta[i] + h;
      f (t, g1, data);
      t[i] = theta[i];
      for (gsize j = 0; j < n; j++)
        w.L[j * n + i] = (g1[j] - g0[j]) / h;
    }
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < i; j++)
      w.L[i * n + j] = w.L[j * n + i] = 0.5 * (w.L[i * n + j] + w.L[j * n + i]);
  for (gsize i = 0; i < n * n; i++)
    if (!isfinite (w.L[i]))
      return clv_minimize (f, data, n, TRUE, fo, theta, f_min, error);
  m = gsl_matrix_view_array (w.L, n, n);
  old = gsl_set_error_handler_off ();
  rc = gsl_linalg_cholesky_decomp1 (&m.matrix);
  gsl_set_error_handler (old);
  if (rc != 0)
    /* not convex here (a ridge, or far from the optimum): no curvature to borrow */
    return clv_minimize (f, data, n, TRUE, fo, theta, f_min, error);
  if (fo != NULL)
    wo = *fo;
  else
    clv_fit_options_init (&wo);
  wo.start = NULL;   /* z = 0 is the start; a first step of the default length */
  /* a step of 1 in z is one standard error / sqrt (number of customers): 1e-6 is far inside
   * what the data say, and about what rounding of the summed likelihood leaves */
  if (!(wo.gradient_tolerance > 0))
    wo.gradient_tolerance = 1e-6;
  if (!clv_minimize (whitened_objective, &w, n, TRUE, &wo, z, f_min, error))
    return FALSE;
  whitened_theta (&w, z, theta);
  for (gsize i = 0; i < n; i++)
    theta[i] = CLAMP (theta[i], -CLV_THETA_BOUND - 1, CLV_THETA_BOUND + 1);
  return TRUE;
}

/* ---- a fit on a sample, then on everything ---------------------------------------------- */

gboolean
clv_fit_start_from_sample (const ClvRfTriple *triples, gsize n_triples, const ClvFitOptions *fo,
                           ClvSampleFit fit, gpointer data, double *start,
                           ClvFitOptions *polish, GError **error)
{
  gsize n_s = 0;
  g_autofree ClvRfTriple *smp = NULL;
  g_autoptr(GError) local = NULL;
  ClvFitOptions f2;

  if (fo != NULL && (fo->start != NULL || fo->no_presample))
    return FALSE;
  smp = clv_triples_presample (triples, n_triples, CLV_PRESAMPLE_TARGET, &n_s);
  if (smp == NULL)
    return FALSE;
  if (fo != NULL)
    f2 = *fo;
  else
    clv_fit_options_init (&f2);
  f2.no_presample = TRUE;
  f2.no_quality = TRUE;   /* only a starting point */
  f2.gradient_tolerance = 1e-5;   /* the sample's optimum is not everything's anyway */
  f2.progress_to = f2.progress_from + 0.5 * (f2.progress_to - f2.progress_from);
  if (!fit (smp, n_s, &f2, start, data, &local))
    {
      if (local != NULL && g_error_matches (local, CLV_ERROR, CLV_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *polish = f2;
  /* the fit on everything is checked as the caller asked, not skipped like the start's */
  polish->no_quality = fo != NULL && fo->no_quality;
  polish->progress_from = f2.progress_to;
  polish->progress_to = fo != NULL ? fo->progress_to : 1.0;
  polish->start = start;
  return TRUE;
}

/* ---- is the minimum a proper one ------------------------------------------------------ */

/* A log-parameter this close to the soft wall has run off towards 0 or infinity. */
#define NEAR_BOUND (CLV_THETA_BOUND - 1.0)
/* Finite-difference step in log-parameters, and the smallest eigenvalue of the Hessian, relative
 * to the largest, that still counts as curvature rather than rounding on a flat ridge. */
#define HESSIAN_STEP 1e-4
#define HESSIAN_MIN_RATIO 1e-7

static void
hessian (ClvObjective f, gpointer data, gsize n, gboolean has_gradient, const double *theta,
         double *H)
{
  double t[MAX_PARAMS], gp[MAX_PARAMS], gm[MAX_PARAMS], h = HESSIAN_STEP;

  memcpy (t, theta, n * sizeof (double));
  if (has_gradient)
    {
      /* central differences of the analytic gradient */
      for (gsize i = 0; i < n; i++)
        {
          t[i] = theta[i] + h;
          f (t, gp, data);
          t[i] = theta[i] - h;
          f (t, gm, data);
          t[i] = theta[i];
          for (gsize j = 0; j < n; j++)
            H[i * n + j] = (gp[j] - gm[j]) / (2 * h);
        }
    }
  else
    {
      double f0 = f (t, NULL, data);

      for (gsize i = 0; i < n; i++)
        for (gsize j = i; j < n; j++)
          {
            double fpp, fpm, fmp, fmm;

            if (i == j)
              {
                t[i] = theta[i] + h;
                fpp = f (t, NULL, data);
                t[i] = theta[i] - h;
                fmm = f (t, NULL, data);
                t[i] = theta[i];
                H[i * n + i] = (fpp - 2 * f0 + fmm) / (h * h);
                continue;
              }
            t[i] = theta[i] + h; t[j] = theta[j] + h; fpp = f (t, NULL, data);
            t[j] = theta[j] - h; fpm = f (t, NULL, data);
            t[i] = theta[i] - h; fmm = f (t, NULL, data);
            t[j] = theta[j] + h; fmp = f (t, NULL, data);
            t[i] = theta[i];
            t[j] = theta[j];
            H[i * n + j] = (fpp - fpm - fmp + fmm) / (4 * h * h);
          }
    }
  /* symmetrise */
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < i; j++)
      {
        double v = has_gradient ? 0.5 * (H[i * n + j] + H[j * n + i]) : H[j * n + i];

        H[i * n + j] = H[j * n + i] = v;
      }
}

ClvFitQuality
clv_fit_quality (ClvObjective f, gpointer data, gsize n, gboolean has_gradient,
                 const double *theta)
{
  return clv_fit_quality_cov (f, data, n, has_gradient, theta, 1, NULL);
}

/* The observed information of the whole sample is n_obs x the Hessian of the mean negative
 * log-likelihood the fits minimise; its inverse is the asymptotic covariance of the
 * log-parameters (the same Hessian that decides the quality, so it is computed once). */
static gboolean
invert_information (const double *H, gsize n, double n_obs, double *log_cov)
{
  double A[MAX_PARAMS * MAX_PARAMS];
  gsl_matrix_view m = gsl_matrix_view_array (A, n, n);
  gsl_error_handler_t *old;
  int rc;

  for (gsize i = 0; i < n * n; i++)
    A[i] = H[i] * n_obs;
  old = gsl_set_error_handler_off ();
  rc = gsl_linalg_cholesky_decomp1 (&m.matrix);
  if (rc == 0)
    rc = gsl_linalg_cholesky_invert (&m.matrix);
  gsl_set_error_handler (old);
  if (rc != 0)
    return FALSE;
  for (gsize i = 0; i < n * n; i++)
    if (!isfinite (A[i]))
      return FALSE;
  /* exactly symmetric, whatever the rounding of the inversion */
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < i; j++)
      A[i * n + j] = A[j * n + i] = 0.5 * (A[i * n + j] + A[j * n + i]);
  memcpy (log_cov, A, n * n * sizeof (double));
  return TRUE;
}

ClvFitQuality
clv_fit_quality_cov (ClvObjective f, gpointer data, gsize n, gboolean has_gradient,
                     const double *theta, double n_obs, double *log_cov)
{
  double H[MAX_PARAMS * MAX_PARAMS], H2[MAX_PARAMS * MAX_PARAMS], lo = INFINITY, hi = 0;
  gsl_matrix_view m;
  gsl_vector *eval;
  gsl_eigen_symm_workspace *ws;

  g_return_val_if_fail (n > 0 && n <= MAX_PARAMS, CLV_FIT_FLAT);
  if (log_cov != NULL)
    memset (log_cov, 0, n * n * sizeof (double));
  for (gsize i = 0; i < n; i++)
    if (!(fabs (theta[i]) < NEAR_BOUND))
      return CLV_FIT_AT_BOUND;
  hessian (f, data, n, has_gradient, theta, H);
  for (gsize i = 0; i < n * n; i++)
    if (!isfinite (H[i]))
      return CLV_FIT_FLAT;
  /* gsl_eigen_symm overwrites its matrix */
  memcpy (H2, H, sizeof H2);
  m = gsl_matrix_view_array (H2, n, n);
  eval = gsl_vector_alloc (n);
  ws = gsl_eigen_symm_alloc (n);
  gsl_eigen_symm (&m.matrix, eval, ws);
  for (gsize i = 0; i < n; i++)
    {
      lo = MIN (lo, gsl_vector_get (eval, i));
      hi = MAX (hi, fabs (gsl_vector_get (eval, i)));
    }
  gsl_eigen_symm_free (ws);
  gsl_vector_free (eval);
  g_debug ("fit quality: Hessian eigenvalues %g .. %g", lo, hi);
  if (!(hi > 0) || !(lo > HESSIAN_MIN_RATIO * hi))
    return CLV_FIT_FLAT;
  if (log_cov != NULL && !invert_information (H, n, n_obs, log_cov))
    memset (log_cov, 0, n * n * sizeof (double));
  return CLV_FIT_PROPER;
}

/* ---- distinct values ------------------------------------------------------------------- */

static guint
unique_doubles (double *v, gsize n)
{
  guint m = 0;

  clv_sort_doubles (v, n);
  for (gsize i = 0; i < n; i++)
    if (m == 0 || v[i] != v[m - 1])
      v[m++] = v[i];
  return m;
}

static guint
find_double (const double *v, guint n, double key)
{
  guint lo = 0, hi = n;

  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (v[mid] <= key)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

void
clv_triple_index_init (ClvTripleIndex *ix, const ClvRfTriple *tr, gsize n)
{
  g_autofree double *xv = g_new (double, MAX (n, 1));

  memset (ix, 0, sizeof *ix);
  ix->tr = tr;
  ix->n = n;
  ix->Ts = g_new (double, MAX (n, 1));
  ix->txs = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      ix->wsum += tr[i].weight;
      ix->wx_sum += (double) tr[i].weight * tr[i].x;
      ix->wT_sum += (double) tr[i].weight * tr[i].T;
      xv[i] = tr[i].x;
      ix->Ts[i] = tr[i].T;
      ix->txs[i] = tr[i].t_x;
    }
  ix->nx = unique_doubles (xv, n);
  ix->nT = unique_doubles (ix->Ts, n);
  ix->ntx = unique_doubles (ix->txs, n);
  ix->xs = g_new (guint32, MAX (ix->nx, 1));
  ix->wx = g_new0 (double, MAX (ix->nx, 1));
  for (guint k = 0; k < ix->nx; k++)
    ix->xs[k] = (guint32) xv[k];
  ix->xi = g_new (guint, MAX (n, 1));
  ix->Ti = g_new (guint, MAX (n, 1));
  ix->txi = g_new (guint, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      ix->xi[i] = find_double (xv, ix->nx, tr[i].x);
      ix->Ti[i] = find_double (ix->Ts, ix->nT, tr[i].T);
      ix->txi[i] = find_double (ix->txs, ix->ntx, tr[i].t_x);
      ix->wx[ix->xi[i]] += tr[i].weight;
    }
}

void
clv_triple_index_clear (ClvTripleIndex *ix)
{
  g_clear_pointer (&ix->xs, g_free);
  g_clear_pointer (&ix->wx, g_free);
  g_clear_pointer (&ix->Ts, g_free);
  g_clear_pointer (&ix->txs, g_free);
  g_clear_pointer (&ix->xi, g_free);
  g_clear_pointer (&ix->Ti, g_free);
  g_clear_pointer (&ix->txi, g_free);
}

ClvRfTriple *
clv_triples_presample (const ClvRfTriple *tr, gsize n, gsize n_target, gsize *n_out)
{
  g_autofree ClvRfTriple *sorted = NULL;
  ClvRfTriple *out;
  gsize block, m = 0;

  *n_out = 0;
  if (n_target == 0 || n < 4 * n_target)
    return NULL;
  block = n / n_target;
  sorted = g_memdup2 (tr, n * sizeof (ClvRfTriple));
  /* a summary's triples come sorted */
  for (gsize i = 1; i < n; i++)
    if (clv_rf_triple_compare (&sorted[i - 1], &sorted[i]) > 0)
      {
        clv_sort_triples (sorted, n);
        break;
      }
  out = g_new (ClvRfTriple, n);
  for (gsize i = 0; i < n;)
    {
      gsize j = i;
      guint64 w = 0;

      while (j < n && j - i < block && sorted[j].x == sorted[i].x)
        w += sorted[j++].weight;
      out[m] = sorted[i + (j - i) / 2];
      out[m].weight = (guint32) MIN (w, G_MAXUINT32);
      m++;
      i = j;
    }
  *n_out = m;
  return out;
}
