/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Product figures and pairs bought together (see clv-basket.h). Pairs are counted per order
 * from the order's set of products: an order of k products adds k (k − 1) / 2 pairs to an
 * open-addressing table keyed by the two product numbers, which grows with the distinct pairs
 * seen (at most products², in practice far fewer), not with the lines.
 */
#include "clv-basket.h"

#include <string.h>

typedef struct
{
  guint64 key;     /* (a << 32 | b) + 1; 0 = empty slot */
  guint32 count;
} PairSlot;

struct _ClvBasket
{
  guint              n_products;
  ClvProductFigures *figures;
  gint64            *last_customer;  /* per product: the last customer counted as its buyer */
  gint64            *last_order;     /* per product: the last order counted */
  gboolean           have_order;
  gint64             customer;       /* of the order at hand */
  gint64             order;
  GArray            *in_order;       /* guint: products of the order at hand */
  guint              n_orders;
  gboolean           count_pairs;
  guint32           *dense;          /* (nullable) counts of every pair, a < b, row by row:
                                      * for up to DENSE_MAX_PRODUCTS products a plain increment
                                      * beats any table (Online Retail: 4 bytes × 6.8 M pairs) */
  PairSlot          *slots;
  gsize              n_slots;        /* a power of two */
  gsize              n_used;
};

/* 6,000 products: 72 MB of counts at most, whatever the number of lines */
#define DENSE_MAX_PRODUCTS 6000

static inline gsize
dense_index (guint n, guint a, guint c)
{
  return (gsize) a * n - (gsize) a * (a + 1) / 2 + (c - a - 1);
}

ClvBasket *
clv_basket_new (guint n_products, gboolean pairs)
{
  ClvBasket *b = g_new0 (ClvBasket, 1);

  b->count_pairs = pairs;
  if (pairs && n_products >= 2 && n_products <= DENSE_MAX_PRODUCTS)
    b->dense = g_new0 (guint32, (gsize) n_products * (n_products - 1) / 2);

  b->n_products = n_products;
  b->figures = g_new0 (ClvProductFigures, MAX (n_products, 1));
  b->last_customer = g_new (gint64, MAX (n_products, 1));
  b->last_order = g_new (gint64, MAX (n_products, 1));
  for (guint i = 0; i < n_products; i++)
    b->last_customer[i] = b->last_order[i] = G_MININT64;
  b->in_order = g_array_new (FALSE, FALSE, sizeof (guint));
  b->n_slots = 1024;
  b->slots = g_new0 (PairSlot, b->n_slots);
  return b;
}

void
clv_basket_free (ClvBasket *b)
{
  if (b == NULL)
    return;
  g_free (b->figures);
  g_free (b->last_customer);
  g_free (b->last_order);
  g_array_unref (b->in_order);
  g_free (b->slots);
  g_free (b->dense);
  g_free (b);
}

static inline gsize
slot_of (guint64 key, gsize mask)
{
  /* a 64-bit mix (splitmix64's finaliser): product numbers are small and close together */
  key ^= key >> 30;
  key *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  key ^= key >> 27;
  key *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  key ^= key >> 31;
  return (gsize) key & mask;
}

static void
grow (ClvBasket *b)
{
  PairSlot *old = b->slots;
  gsize n_old = b->n_slots;

  b->n_slots *= 2;
  b->slots = g_new0 (PairSlot, b->n_slots);
  for (gsize i = 0; i < n_old; i++)
    if (old[i].key != 0)
      {
        gsize s = slot_of (old[i].key, b->n_slots - 1);

        while (b->slots[s].key != 0)
          s = (s + 1) & (b->n_slots - 1);
        b->slots[s] = old[i];
      }
  g_free (old);
}

static void
count_pair (ClvBasket *b, guint a, guint c)
{
  guint64 key = (((guint64) MIN (a, c) << 32) | MAX (a, c)) + 1;
  gsize s;

  /* kept at most half full: probes stay short */
  if (2 * (b->n_used + 1) > b->n_slots)
    grow (b);
  s = slot_of (key, b->n_slots - 1);
  while (b->slots[s].key != 0 && b->slots[s].key != key)
    s = (s + 1) & (b->n_slots - 1);
  if (b->slots[s].key == 0)
    {
      b->slots[s].key = key;
      b->n_used++;
    }
  b->slots[s].count++;
}

static int
compare_product (gconstpointer x, gconstpointer y)
{
  guint a = *(const guint *) x, c = *(const guint *) y;

  return a < c ? -1 : a > c;
}

/* The order at hand is complete: its pairs are counted. */
static void
close_order (ClvBasket *b)
{
  guint *p = (guint *) b->in_order->data;
  guint n = b->in_order->len;

  if (n > 0)
    b->n_orders++;
  if (b->dense != NULL)
    {
      /* in product order each product's row of counts is walked from start to end: a
       * customer's basket of a thousand products (pairs by customer) then stays in the cache
       * instead of jumping across the whole table */
      g_array_sort (b->in_order, compare_product);
      for (guint i = 0; i < n; i++)
        {
          guint32 *row = b->dense + dense_index (b->n_products, p[i], p[i] + 1);

          for (guint j = i + 1; j < n; j++)
            row[p[j] - p[i] - 1]++;
        }
    }
  else if (b->count_pairs)
    {
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          count_pair (b, p[i], p[j]);
    }
  g_array_set_size (b->in_order, 0);
}

void
clv_basket_add_line (ClvBasket *b, gint64 customer, gint64 order, guint product,
                     gint64 quantity, gint64 amount)
{
  ClvProductFigures *f;

  g_return_if_fail (product < b->n_products);
  if (!b->have_order || order != b->order || customer != b->customer)
    {
      close_order (b);
      b->have_order = TRUE;
      b->order = order;
      b->customer = customer;
    }
  f = &b->figures[product];
  f->revenue += amount;
  f->quantity += quantity;
  if (quantity <= 0)
    return;
  if (b->last_order[product] != order)
    {
      b->last_order[product] = order;
      f->orders++;
      g_array_append_val (b->in_order, product);
    }
  if (b->last_customer[product] != customer)
    {
      b->last_customer[product] = customer;
      f->customers++;
    }
}

const ClvProductFigures *
clv_basket_products (ClvBasket *b)
{
  close_order (b);
  b->have_order = FALSE;
  return b->figures;
}

guint
clv_basket_n_orders (ClvBasket *b)
{
  close_order (b);
  b->have_order = FALSE;
  return b->n_orders;
}

static int
compare_pairs (gconstpointer x, gconstpointer y)
{
  const ClvProductPair *p = x, *q = y;

  if (p->orders != q->orders)
    return p->orders > q->orders ? -1 : 1;
  if (p->lift != q->lift)
    return p->lift > q->lift ? -1 : 1;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

static void
add_pair (ClvBasket *b, GArray *out, guint a, guint c, guint count)
{
  ClvProductPair p = { 0 };
  double n = b->n_orders, na = b->figures[a].orders, nb = b->figures[c].orders;

  p.a = a;
  p.b = c;
  p.orders = count;
  p.support = count / n;
  p.confidence_ab = count / na;
  p.confidence_ba = count / nb;
  p.lift = count * n / (na * nb);
  g_array_append_val (out, p);
}

/* Calls @func for every pair counted at least @min times. */
static void
foreach_pair (ClvBasket *b, guint min, void (*func) (ClvBasket *, gpointer, guint, guint, guint),
              gpointer data)
{
  if (b->dense != NULL)
    {
      gsize k = 0;

      for (guint a = 0; a < b->n_products; a++)
        for (guint c = a + 1; c < b->n_products; c++, k++)
          if (b->dense[k] >= min)
            func (b, data, a, c, b->dense[k]);
      return;
    }
  for (gsize i = 0; i < b->n_slots; i++)
    if (b->slots[i].key != 0 && b->slots[i].count >= min)
      func (b, data, (guint) ((b->slots[i].key - 1) >> 32),
            (guint) ((b->slots[i].key - 1) & 0xffffffffu), b->slots[i].count);
}

static void
histogram_pair (ClvBasket *b, gpointer data, guint a, guint c, guint count)
{
  ((guint *) data)[count]++;
}

static void
collect_pair (ClvBasket *b, gpointer data, guint a, guint c, guint count)
{
  add_pair (b, data, a, c, count);
}

GArray *
clv_basket_pairs (ClvBasket *b, guint min_orders, guint limit)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ClvProductPair));
  guint min = MAX (min_orders, 1);

  close_order (b);
  b->have_order = FALSE;
  if (limit > 0 && b->n_orders > 0)
    {
      /* how many pairs each count has: only the pairs the limit keeps are gathered and sorted,
       * not the millions seen in two or three orders */
      g_autofree guint *hist = g_new0 (guint, b->n_orders + 1);
      guint64 kept = 0;
      guint c;

      foreach_pair (b, min, histogram_pair, hist);
      for (c = b->n_orders; c > min && kept + hist[c] < limit; c--)
        kept += hist[c];
      min = MAX (min, c);
    }
  foreach_pair (b, min, collect_pair, out);
  g_array_sort (out, compare_pairs);
  if (limit > 0 && out->len > limit)
    g_array_set_size (out, limit);
  return out;
}

static guint
pair_count (ClvBasket *b, guint a, guint c)
{
  guint64 key;
  gsize s;

  if (a > c)
    {
      guint t = a;
      a = c;
      c = t;
    }
  if (b->dense != NULL)
    return b->dense[dense_index (b->n_products, a, c)];
  key = (((guint64) a << 32) | c) + 1;
  for (s = slot_of (key, b->n_slots - 1); b->slots[s].key != 0; s = (s + 1) & (b->n_slots - 1))
    if (b->slots[s].key == key)
      return b->slots[s].count;
  return 0;
}

gboolean
clv_basket_best_offer (ClvBasket *b, const guint *owned, guint n_owned, guint min_together,
                       ClvOffer *out)
{
  /* 1: owned; 2: owned, and its associations looked at (@owned may repeat a product) */
  g_autofree guint8 *has = g_new0 (guint8, MAX (b->n_products, 1));
  gboolean found = FALSE;

  close_order (b);
  b->have_order = FALSE;
  for (guint i = 0; i < n_owned; i++)
    if (owned[i] < b->n_products)
      has[owned[i]] = 1;
  for (guint i = 0; i < n_owned; i++)
    {
      guint a = owned[i];
      double base;

      if (a >= b->n_products || has[a] == 2 || b->figures[a].orders == 0)
        continue;
      has[a] = 2;
      base = b->figures[a].orders;
      for (guint c = 0; c < b->n_products; c++)
        {
          guint together;
          double confidence;

          if (has[c] || (together = pair_count (b, a, c)) < MAX (min_together, 1))
            continue;
          confidence = together / base;
          if (!found || confidence > out->confidence
              || (confidence == out->confidence && together > out->together))
            {
              *out = (ClvOffer) { a, c, together, confidence };
              found = TRUE;
            }
        }
    }
  return found;
}
