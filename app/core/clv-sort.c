/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stable least-significant-digit radix sort on 8 bytes of key, skipping every byte in which
 * all keys agree (whole numbers stored as doubles have their low bytes zero, so counts and
 * days sort in two or three passes). Doubles become keys whose unsigned order is their
 * numeric order; -0 and 0 are one key, as the comparisons they replace have them equal.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clv-sort.h"

typedef struct
{
  guint64 key;
  guint32 index;
} Entry;

/* Sorts @e (n entries) by key, equal keys in their order; @tmp holds n entries. Returns
 * whichever of the two holds the result. */
static Entry *
radix_sort (Entry *e,
            Entry *tmp,
            gsize  n)
{
  g_autofree gsize *counts = g_new0 (gsize, 8 * 256);
  Entry *src = e, *dst = tmp;

  for (gsize i = 0; i < n; i++)
    for (int b = 0; b < 8; b++)
      counts[b * 256 + ((src[i].key >> (8 * b)) & 0xff)]++;
  for (int b = 0; b < 8; b++)
    {
      gsize *c = counts + b * 256;
      gsize sum = 0;

      if (c[(src[0].key >> (8 * b)) & 0xff] == n)
        continue;   /* every key has this byte */
      for (int d = 0; d < 256; d++)
        {
          gsize k = c[d];

          c[d] = sum;
          sum += k;
        }
      for (gsize i = 0; i < n; i++)
        dst[c[(src[i].key >> (8 * b)) & 0xff]++] = src[i];
      {
        Entry *t = src;

        src = dst;
        dst = t;
      }
    }
  return src;
}

static guint64
double_key (double d)
{
  guint64 bits;

  if (d == 0)
    d = 0;   /* -0 */
  memcpy (&bits, &d, sizeof bits);
  /* negative numbers: every bit flipped (a larger magnitude sorts first); others: the sign */
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits
                                                           : bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

static double
key_double (guint64 key)
{
  guint64 bits = (key & G_GUINT64_CONSTANT (0x8000000000000000)) ? key & ~G_GUINT64_CONSTANT (0x8000000000000000)
                                                                 : ~key;
  double d;

  memcpy (&d, &bits, sizeof d);
  return d;
}

/**
 * clv_sort_doubles:
 * @v: (array length=n): values, none NaN
 *
 * Sorts @v ascending; a -0 comes out as 0.
 */
void
clv_sort_doubles (double *v,
                  gsize   n)
{
  g_autofree Entry *e = NULL;
  g_autofree Entry *tmp = NULL;
  Entry *sorted;

  if (n < 2)
    return;
  e = g_new (Entry, n);
  tmp = g_new (Entry, n);
  for (gsize i = 0; i < n; i++)
    e[i] = (Entry) { double_key (v[i]), 0 };
  sorted = radix_sort (e, tmp, n);
  for (gsize i = 0; i < n; i++)
    v[i] = key_double (sorted[i].key);
}

/**
 * clv_sort_ranked:
 * @r: (array length=n): values (none NaN) with their indices
 *
 * Sorts @r by value ascending, entries of equal values in the order they had (by index, when
 * they came in index order); a -0 comes out as 0.
 */
void
clv_sort_ranked (ClvRanked *r,
                 gsize      n)
{
  g_autofree Entry *e = NULL;
  g_autofree Entry *tmp = NULL;
  Entry *sorted;

  if (n < 2)
    return;
  e = g_new (Entry, n);
  tmp = g_new (Entry, n);
  for (gsize i = 0; i < n; i++)
    e[i] = (Entry) { double_key (r[i].v), r[i].i };
  sorted = radix_sort (e, tmp, n);
  for (gsize i = 0; i < n; i++)
    r[i] = (ClvRanked) { key_double (sorted[i].key), sorted[i].index };
}

int
clv_rf_triple_compare (const void *a,
                       const void *b)
{
  const ClvRfTriple *x = a, *y = b;

  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  if (x->T != y->T)
    return x->T < y->T ? -1 : 1;
  return (x->t_x > y->t_x) - (x->t_x < y->t_x);
}

/* Whole days from 0 to 2^21 - 1 (5,700 years) fit 21 bits of the key. */
#define DAY_BITS 21
#define X_BITS (64 - 2 * DAY_BITS)

static gboolean
whole_days (double d)
{
  return d >= 0 && d < (double) (1 << DAY_BITS) && d == floor (d);
}

/**
 * clv_sort_triples:
 * @tr: (array length=n): triples
 *
 * Sorts @tr by x, then T, then t_x, ascending. Triples in whole days (as a summary makes them)
 * are radix sorted on all three at once; others by comparison, in the same order.
 */
void
clv_sort_triples (ClvRfTriple *tr,
                  gsize        n)
{
  g_autofree Entry *e = NULL;
  g_autofree Entry *tmp = NULL;
  g_autofree ClvRfTriple *copy = NULL;
  Entry *sorted;

  if (n < 2)
    return;
  for (gsize i = 0; i < n; i++)
    if (tr[i].x >= (G_GUINT64_CONSTANT (1) << X_BITS) || !whole_days (tr[i].T) || !whole_days (tr[i].t_x)
        || n > G_MAXUINT32)
      {
        qsort (tr, n, sizeof (ClvRfTriple), clv_rf_triple_compare);
        return;
      }
  e = g_new (Entry, n);
  tmp = g_new (Entry, n);
  for (gsize i = 0; i < n; i++)
    e[i] = (Entry) { ((guint64) tr[i].x << (2 * DAY_BITS)) | ((guint64) tr[i].T << DAY_BITS) | (guint64) tr[i].t_x,
                     (guint32) i };
  sorted = radix_sort (e, tmp, n);
  copy = g_memdup2 (tr, n * sizeof (ClvRfTriple));
  for (gsize i = 0; i < n; i++)
    tr[i] = copy[sorted[i].index];
}

/**
 * clv_sort_days:
 * @v: (array length=n): days, or any 32-bit numbers
 *
 * Sorts @v ascending.
 */
void
clv_sort_days (gint32 *v,
               gsize   n)
{
  g_autofree Entry *e = NULL;
  g_autofree Entry *tmp = NULL;
  Entry *sorted;

  if (n < 2)
    return;
  e = g_new (Entry, n);
  tmp = g_new (Entry, n);
  for (gsize i = 0; i < n; i++)
    e[i] = (Entry) { (guint32) v[i] ^ 0x80000000u, 0 };
  sorted = radix_sort (e, tmp, n);
  for (gsize i = 0; i < n; i++)
    v[i] = (gint32) ((guint32) sorted[i].key ^ 0x80000000u);
}
