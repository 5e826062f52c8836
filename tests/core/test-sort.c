/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The radix sorts of clv-sort.c give exactly the order of the comparisons they replace, on
 * random values with many ties, negatives, -0 and 0, infinities and large magnitudes, and
 * triples both in whole days (radix) and scaled (comparison).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clv-sort.h"

#define N 5000

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
cmp_ranked (const void *a, const void *b)
{
  const ClvRanked *x = a, *y = b;

  if (x->v != y->v)
    return x->v < y->v ? -1 : 1;
  return (x->i > y->i) - (x->i < y->i);
}

static int
cmp_int (const void *a, const void *b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

/* A value drawn from a few kinds: small whole numbers (ties), signed fractions, extremes. */
static double
random_value (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:
      return 0.0;
    case 1:
      return -0.0;
    case 2:
      return g_rand_int_range (rand, -5, 6);
    case 3:
      return g_rand_double_range (rand, -1e6, 1e6);
    case 4:
      return g_rand_double_range (rand, -1e-300, 1e-300);
    case 5:
      return g_rand_boolean (rand) ? INFINITY : -INFINITY;
    case 6:
      return g_rand_double_range (rand, 0, 1) * 1e300;
    default:
      return g_rand_int_range (rand, 0, 40) * 0.25;
    }
}

static void
test_doubles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree double *v = g_new (double, N);
  g_autofree double *w = g_new (double, N);

  for (int round = 0; round < 5; round++)
    {
      guint n = round == 0 ? 1 : N >> (round - 1);

      for (guint i = 0; i < n; i++)
        v[i] = w[i] = random_value (rand);
      clv_sort_doubles (v, n);
      qsort (w, n, sizeof (double), cmp_double);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (v[i] == w[i]);          /* -0 and 0 are one value */
          g_assert_false (signbit (v[i]) && v[i] == 0);
        }
    }
}

static void
test_ranked (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree ClvRanked *r = g_new (ClvRanked, N);
  g_autofree ClvRanked *s = g_new (ClvRanked, N);

  for (guint i = 0; i < N; i++)
    r[i] = s[i] = (ClvRanked) { random_value (rand), i };
  clv_sort_ranked (r, N);
  qsort (s, N, sizeof (ClvRanked), cmp_ranked);
  for (guint i = 0; i < N; i++)
    {
      g_assert_cmpuint (r[i].i, ==, s[i].i);   /* ties by index, as they came */
      g_assert_true (r[i].v == s[i].v);
    }
}

static void
test_triples (gconstpointer data)
{
  gboolean whole = GPOINTER_TO_INT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree ClvRfTriple *a = g_new (ClvRfTriple, N);
  g_autofree ClvRfTriple *b = g_new (ClvRfTriple, N);

  for (guint i = 0; i < N; i++)
    {
      /* few values of each, so that every field decides somewhere; one large x and day */
      double T = g_rand_int_range (rand, 0, 30) * (whole ? 1 : 1.0 / 7);
      double t_x = g_rand_int_range (rand, 0, 30) * (whole ? 1 : 1.0 / 7);

      a[i] = (ClvRfTriple) { (guint32) g_rand_int_range (rand, 0, 6), t_x, T, i };
    }
  a[0].x = 4000000;
  a[1].T = 2000000;
  a[2].t_x = 1999999;
  memcpy (b, a, N * sizeof (ClvRfTriple));
  clv_sort_triples (a, N);
  qsort (b, N, sizeof (ClvRfTriple), clv_rf_triple_compare);
  for (guint i = 0; i < N; i++)
    {
      /* equal triples may come in any order: the fields, not the weights, must agree */
      g_assert_cmpuint (a[i].x, ==, b[i].x);
      g_assert_cmpfloat (a[i].T, ==, b[i].T);
      g_assert_cmpfloat (a[i].t_x, ==, b[i].t_x);
    }
}

static void
test_days (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autofree gint32 *v = g_new (gint32, N);
  g_autofree gint32 *w = g_new (gint32, N);

  for (guint i = 0; i < N; i++)
    v[i] = w[i] = i % 3 == 0 ? (gint32) g_rand_int (rand) : g_rand_int_range (rand, -3, 900);
  v[1] = w[1] = G_MININT32;
  v[2] = w[2] = G_MAXINT32;
  clv_sort_days (v, N);
  qsort (w, N, sizeof (gint32), cmp_int);
  for (guint i = 0; i < N; i++)
    g_assert_cmpint (v[i], ==, w[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sort/doubles", test_doubles);
  g_test_add_func ("/sort/ranked", test_ranked);
  g_test_add_data_func ("/sort/triples/whole-days", GINT_TO_POINTER (TRUE), test_triples);
  g_test_add_data_func ("/sort/triples/scaled", GINT_TO_POINTER (FALSE), test_triples);
  g_test_add_func ("/sort/days", test_days);
  return g_test_run ();
}
