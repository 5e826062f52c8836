/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerSortModel keeps four arrays: the source list's customers (a reference each, in
 * the source's order), every index into them in ascending sort order, whether each passes the
 * filter, and the indices that pass in display order (read backwards when descending). A new
 * sort copies the column's key of every customer into one flat array and sorts that: a stable
 * radix sort on 64 order-preserving bits when the source is in id order (the shop's list is),
 * so ties keep id order, with strings equal in their first 8 bytes compared in full after; a
 * comparison sort otherwise. No object is touched while sorting, and the filter is not asked
 * again. A new direction reverses the rows shown; a new filter walks the sort order once. Each
 * of these emits one items-changed covering the rows that moved (two when many rows are
 * replaced by many: see announce()). Changes of a few source items
 * (an edit, a new sale, an archive) are applied in place with binary search; a reload of the
 * source is a full sort. Main thread only.
 */
#include "config.h"

#include <string.h>

#include "reg-customer-sort-model.h"

/* A source change touching more rows than this is taken as a new list (one full sort). */
#define INCREMENTAL_MAX 32

#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y) ? 1 : 0)

typedef enum
{
  KEY_INT,
  KEY_DOUBLE,
  KEY_STRING,
} KeyKind;

/* One customer's key for the sort in progress. The compare functions below give exactly the
 * order of the reg_customer_compare_* functions: key, then id. */
typedef struct
{
  guint64 prefix;       /* KEY_STRING: the first 8 bytes, big-endian: most compares end here */
  union
  {
    gint64      i;
    double      d;
    const char *s;      /* (unowned) (nullable) owned by the customer */
  } key;
  gint64  id;
  guint   index;        /* into items */
} SortEntry;

/* The radix sort's entry: the key's bits, ordered as the key when compared as unsigned. */
typedef struct
{
  guint64 key;
  guint   index;        /* into items */
} RadixEntry;

static const struct
{
  KeyKind          kind;
  GCompareDataFunc compare;
} sort_info[REG_N_CUSTOMER_SORTS] = {
  [REG_CUSTOMER_SORT_NONE] = { KEY_INT, NULL },
  [REG_CUSTOMER_SORT_NAME] = { KEY_STRING, reg_customer_compare_name },
  [REG_CUSTOMER_SORT_EMAIL] = { KEY_STRING, reg_customer_compare_email },
  [REG_CUSTOMER_SORT_TIER] = { KEY_INT, reg_customer_compare_tier },
  [REG_CUSTOMER_SORT_RFM_GROUP] = { KEY_STRING, reg_customer_compare_rfm_group },
  [REG_CUSTOMER_SORT_LAST_PURCHASE] = { KEY_INT, reg_customer_compare_last_purchase },
  [REG_CUSTOMER_SORT_PURCHASES] = { KEY_INT, reg_customer_compare_purchases },
  [REG_CUSTOMER_SORT_TOTAL_SPEND] = { KEY_INT, reg_customer_compare_total_spend },
  [REG_CUSTOMER_SORT_P_ALIVE] = { KEY_DOUBLE, reg_customer_compare_p_alive },
  [REG_CUSTOMER_SORT_CLV] = { KEY_DOUBLE, reg_customer_compare_clv },
};

struct _RegCustomerSortModel
{
  GObject               parent_instance;

  GListModel           *model;            /* (owned) (nullable) */
  GPtrArray            *items;            /* (owned) RegCustomer, the source's items in its order */
  GArray               *order;            /* (owned) guint: every index into items, ascending */
  GArray               *matched;          /* (owned) guint8 per item: passes the filter (is shown) */
  GArray               *shown;            /* (owned) guint: indices that pass the filter, as shown */
  RegCustomerSort       sort;
  gboolean              descending;
  RegCustomerFilterFunc filter;           /* (nullable) */
  gpointer              filter_data;
  GDestroyNotify        filter_destroy;
  guint                 hidden_at;        /* between the two halves of announce(): rows */
  guint                 hidden;           /* [hidden_at, hidden_at + hidden) of shown are not there yet */
  guint                 replace_limit;    /* see announce() */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegCustomerSortModel, reg_customer_sort_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

#define INDEX(array, k) g_array_index ((array), guint, (k))
#define ITEM(self, i) ((RegCustomer *) g_ptr_array_index ((self)->items, (i)))

/* ---- keys and compares ---- */

static void
set_string_key (SortEntry  *e,
                const char *s)
{
  e->key.s = s;
  e->prefix = 0;
  for (guint k = 0; s != NULL && k < 8 && s[k] != '\0'; k++)
    e->prefix |= (guint64) (guchar) s[k] << (56 - 8 * k);
}

static void
fill_entry (RegCustomerSortModel *self,
            guint                 index,
            SortEntry            *e)
{
  RegCustomer *c = ITEM (self, index);

  e->id = reg_customer_get_id (c);
  e->index = index;
  switch (self->sort)
    {
    case REG_CUSTOMER_SORT_NAME:
      set_string_key (e, reg_customer_get_name_key (c));
      break;
    case REG_CUSTOMER_SORT_EMAIL:
      set_string_key (e, reg_customer_get_email (c));
      break;
    case REG_CUSTOMER_SORT_TIER:
      e->key.i = reg_customer_get_tier_rank (c);
      break;
    case REG_CUSTOMER_SORT_RFM_GROUP:
      set_string_key (e, reg_customer_get_rfm_group (c));
      break;
    case REG_CUSTOMER_SORT_LAST_PURCHASE:
      e->key.i = reg_customer_get_last_purchase (c);
      break;
    case REG_CUSTOMER_SORT_PURCHASES:
      e->key.i = reg_customer_get_purchases (c);
      break;
    case REG_CUSTOMER_SORT_TOTAL_SPEND:
      e->key.i = reg_customer_get_total_spend (c);
      break;
    case REG_CUSTOMER_SORT_P_ALIVE:
      e->key.d = reg_customer_get_p_alive (c);
      break;
    case REG_CUSTOMER_SORT_CLV:
      e->key.d = reg_customer_get_clv (c);
      break;
    case REG_CUSTOMER_SORT_NONE:
    case REG_N_CUSTOMER_SORTS:
    default:
      e->key.i = index;
      break;
    }
}

static int
compare_int_entries (gconstpointer a,
                     gconstpointer b,
                     gpointer      unused)
{
  const SortEntry *x = a, *y = b;
  int c = CMP (x->key.i, y->key.i);

  return c != 0 ? c : CMP (x->id, y->id);
}

static int
compare_double_entries (gconstpointer a,
                        gconstpointer b,
                        gpointer      unused)
{
  const SortEntry *x = a, *y = b;
  int c = CMP (x->key.d, y->key.d);

  return c != 0 ? c : CMP (x->id, y->id);
}

static int
compare_string_entries (gconstpointer a,
                        gconstpointer b,
                        gpointer      unused)
{
  const SortEntry *x = a, *y = b;
  int c = CMP (x->prefix, y->prefix);

  if (c == 0)
    c = g_strcmp0 (x->key.s, y->key.s);
  return c != 0 ? c : CMP (x->id, y->id);
}

static guint64
int_bits (gint64 v)
{
  return (guint64) v ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

static guint64
double_bits (double d)
{
  guint64 bits;

  if (d == 0)
    d = 0;          /* -0 with 0: the compare functions have them equal */
  memcpy (&bits, &d, sizeof bits);
  /* negative numbers: all bits flipped (larger magnitude, smaller); positive: the sign set */
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits
                                                           : bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

/* Stable least-significant-digit radix sort on the 8 bytes of the keys; bytes in which every
 * key agrees are skipped (a tier rank sorts in one pass). tmp holds n entries. */
static void
radix_sort (RadixEntry *entries,
            RadixEntry *tmp,
            guint       n)
{
  guint counts[8][256] = { { 0 } };   /* 8 KiB */
  RadixEntry *src = entries, *dst = tmp;

  for (guint i = 0; i < n; i++)
    for (guint b = 0; b < 8; b++)
      counts[b][(entries[i].key >> (8 * b)) & 0xff]++;

  for (guint b = 0; b < 8; b++)
    {
      guint pos[256], sum = 0;

      if (counts[b][(src[0].key >> (8 * b)) & 0xff] == n)
        continue;
      for (guint d = 0; d < 256; d++)
        {
          pos[d] = sum;
          sum += counts[b][d];
        }
      for (guint i = 0; i < n; i++)
        dst[pos[(src[i].key >> (8 * b)) & 0xff]++] = src[i];
      {
        RadixEntry *t = src;
        src = dst;
        dst = t;
      }
    }
  if (src != entries)
    memcpy (entries, src, n * sizeof (RadixEntry));
}

/* Strings equal in their first 8 bytes, in full; ties by index, which is id order here. */
static int
compare_string_tails (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const char **strings = user_data;
  const RadixEntry *x = a, *y = b;
  int c = g_strcmp0 (strings[x->index], strings[y->index]);

  return c != 0 ? c : CMP (x->index, y->index);
}

/* Runs of entries sorted by bytes [depth - 8, depth) of their strings, and agreeing on them,
 * are put in order by the rest: by the next 8 bytes with the radix sort, and so on, so that a
 * million names, most shared by many customers, are never compared in full. The sort is
 * stable, so equal strings stay in index (id) order. A run whose strings end within those
 * bytes (a zero last byte) is in order already; NULL and "" (both the key 0 at first) and
 * short runs are compared in full. */
#define REFINE_MIN 32

static void
refine_strings (RadixEntry  *entries,
                RadixEntry  *tmp,
                const char **strings,
                guint        n,
                gsize        depth)
{
  for (guint start = 0, end; start < n; start = end)
    {
      guint len;

      for (end = start + 1; end < n && entries[end].key == entries[start].key; end++)
        ;
      len = end - start;
      if (len < 2)
        continue;
      if (entries[start].key == 0)
        {
          /* NULL and "" at the first bytes; deeper, strings that ended together */
          if (depth == 8)
            g_qsort_with_data (entries + start, (gint) len, sizeof (RadixEntry), compare_string_tails, strings);
          continue;
        }
      if ((entries[start].key & 0xff) == 0)
        continue;   /* ended within these bytes, together: equal */
      if (len < REFINE_MIN)
        {
          g_qsort_with_data (entries + start, (gint) len, sizeof (RadixEntry), compare_string_tails, strings);
          continue;
        }
      /* every string of the run is at least depth bytes long: its first depth are not zero */
      for (guint k = start; k < end; k++)
        {
          SortEntry e;

          set_string_key (&e, strings[entries[k].index] + depth);
          entries[k].key = e.prefix;
        }
      radix_sort (entries + start, tmp, len);
      refine_strings (entries + start, tmp, strings, len, depth + 8);
    }
}

/* The order of two items under the current sort, for binary search. */
static int
compare_indices (RegCustomerSortModel *self,
                 guint                 a,
                 guint                 b)
{
  if (self->sort == REG_CUSTOMER_SORT_NONE)
    return CMP (a, b);
  return sort_info[self->sort].compare (ITEM (self, a), ITEM (self, b), NULL);
}

/* Where index goes in array (sorted ascending, or descending when reversed). */
static guint
find_insert_position (RegCustomerSortModel *self,
                      GArray               *array,
                      guint                 index,
                      gboolean              reversed)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c = compare_indices (self, INDEX (array, mid), index);

      if (reversed)
        c = -c;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
matches (RegCustomerSortModel *self,
         guint                 index)
{
  return self->filter == NULL || self->filter (ITEM (self, index), self->filter_data);
}

/* ---- building the arrays ---- */

/* Any source order: a comparison sort of the keys and ids. */
static void
sort_order_by_comparison (RegCustomerSortModel *self)
{
  guint n = self->items->len;
  g_autofree SortEntry *entries = g_new (SortEntry, n);
  GCompareDataFunc compare;

  for (guint i = 0; i < n; i++)
    fill_entry (self, i, &entries[i]);
  switch (sort_info[self->sort].kind)
    {
    case KEY_STRING:
      compare = compare_string_entries;
      break;
    case KEY_DOUBLE:
      compare = compare_double_entries;
      break;
    case KEY_INT:
    default:
      compare = compare_int_entries;
      break;
    }
  g_qsort_with_data (entries, (gint) n, sizeof (SortEntry), compare, NULL);
  for (guint i = 0; i < n; i++)
    INDEX (self->order, i) = entries[i].index;
}

static void
sort_order (RegCustomerSortModel *self)
{
  guint n = self->items->len;
  KeyKind kind = sort_info[self->sort].kind;
  g_autofree RadixEntry *entries = NULL;
  g_autofree RadixEntry *tmp = NULL;
  g_autofree const char **strings = NULL;
  gint64 previous_id = G_MININT64;
  gboolean id_order = TRUE;

  g_array_set_size (self->order, n);
  if (self->sort == REG_CUSTOMER_SORT_NONE || n < 2)
    {
      for (guint i = 0; i < n; i++)
        INDEX (self->order, i) = i;
      return;
    }

  entries = g_new (RadixEntry, n);
  if (kind == KEY_STRING)
    strings = g_new (const char *, n);
  for (guint i = 0; i < n; i++)
    {
      SortEntry e;

      fill_entry (self, i, &e);
      id_order = id_order && e.id > previous_id;
      previous_id = e.id;
      entries[i].index = i;
      if (kind == KEY_STRING)
        {
          entries[i].key = e.prefix;
          strings[i] = e.key.s;
        }
      else
        entries[i].key = kind == KEY_DOUBLE ? double_bits (e.key.d) : int_bits (e.key.i);
    }
  if (!id_order)
    {
      /* ties must go by id, which the index does not follow here */
      sort_order_by_comparison (self);
      return;
    }

  tmp = g_new (RadixEntry, n);
  radix_sort (entries, tmp, n);
  if (kind == KEY_STRING)
    refine_strings (entries, tmp, strings, n, 8);
  for (guint i = 0; i < n; i++)
    INDEX (self->order, i) = entries[i].index;
}

/* The rows to show: the sort order, filtered, in the current direction. With ask, the filter
 * decides again for every item; else the last decisions stand (a new sort). */
static GArray *
filter_order (RegCustomerSortModel *self,
              gboolean              ask)
{
  guint n = self->order->len, n_shown = 0;
  GArray *shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  guint8 *matched;

  g_array_set_size (self->matched, self->items->len);
  matched = (guint8 *) self->matched->data;
  if (ask)
    for (guint i = 0; i < n; i++)
      matched[i] = matches (self, i);
  g_array_set_size (shown, n);
  for (guint k = 0; k < n; k++)
    {
      guint i = INDEX (self->order, self->descending ? n - 1 - k : k);

      if (matched[i])
        INDEX (shown, n_shown++) = i;
    }
  g_array_set_size (shown, n_shown);
  return shown;
}

/* Emits items-changed for rows of shown replaced. A list view that sees the rows it shows
 * replaced looks for them among every row added (GTK 4.8's item manager fetches each one):
 * after a new sort of a million customers that is a million items fetched, seconds of work.
 * So more rows than the replace limit, replaced by as many, are announced as two changes, all
 * removed, then all added, and the view starts again from the top, where a new order is shown
 * from anyway. That costs the view its row widgets, made anew: below the limit, the search is
 * the cheaper. In between, the rows added are hidden from the GListModel. */
static void
announce (RegCustomerSortModel *self,
          guint                 position,
          guint                 removed,
          guint                 added)
{
  if (removed == 0 && added == 0)
    return;
  if (removed <= self->replace_limit || added <= self->replace_limit)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  self->hidden_at = position;
  self->hidden = added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
  self->hidden = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
}

/* Shows new rows of the same items: one change for the span that differs. */
static void
replace_shown (RegCustomerSortModel *self,
               GArray               *shown)
{
  GArray *old = self->shown;
  guint start = 0, old_end = old->len, new_end = shown->len;

  while (start < old_end && start < new_end && INDEX (old, start) == INDEX (shown, start))
    start++;
  while (old_end > start && new_end > start && INDEX (old, old_end - 1) == INDEX (shown, new_end - 1))
    {
      old_end--;
      new_end--;
    }
  self->shown = shown;
  g_array_unref (old);
  announce (self, start, old_end - start, new_end - start);
}

/* A new source list: every item read again, sorted and filtered. */
static void
rebuild (RegCustomerSortModel *self)
{
  guint old_n = self->shown->len;
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (self->model, i));
  sort_order (self);
  g_array_unref (self->shown);
  self->shown = filter_order (self, TRUE);
  announce (self, 0, old_n, self->shown->len);
}

/* Drops the indices in [first, first + n) from array and moves later ones down by n, then
 * makes room for added indices at first. */
static void
renumber (GArray *array,
          guint   first,
          guint   removed,
          guint   added)
{
  guint kept = 0;

  for (guint k = 0; k < array->len; k++)
    {
      guint i = INDEX (array, k);

      if (i >= first && i < first + removed)
        continue;
      INDEX (array, kept++) = i >= first + removed ? i - removed + added : i;
    }
  g_array_set_size (array, kept);
}

static void
on_items_changed_cb (GListModel           *model,
                     guint                 position,
                     guint                 removed,
                     guint                 added,
                     RegCustomerSortModel *self)
{
  if (removed + added > INCREMENTAL_MAX)
    {
      rebuild (self);
      return;
    }

  /* the removed customers leave the rows shown (the arrays still use the old indices, which
   * stay valid until the mirror below follows the source) */
  for (guint k = self->shown->len; removed > 0 && k-- > 0;)
    {
      guint i = INDEX (self->shown, k);

      if (i >= position && i < position + removed)
        {
          g_array_remove_index (self->shown, k);
          g_list_model_items_changed (G_LIST_MODEL (self), k, 1, 0);
        }
    }

  /* the mirror follows the source; indices after the change move */
  if (removed > 0)
    {
      g_ptr_array_remove_range (self->items, position, removed);
      g_array_remove_range (self->matched, position, removed);
    }
  for (guint j = 0; j < added; j++)
    {
      guint8 no = 0;

      g_ptr_array_insert (self->items, (gint) (position + j), g_list_model_get_item (model, position + j));
      g_array_insert_val (self->matched, position + j, no);
    }
  renumber (self->order, position, removed, added);
  renumber (self->shown, position, removed, added);

  /* the new customers join at their place */
  for (guint j = 0; j < added; j++)
    {
      guint i = position + j;
      guint pos = find_insert_position (self, self->order, i, FALSE);

      g_array_insert_val (self->order, pos, i);
      if (!matches (self, i))
        continue;
      g_array_index (self->matched, guint8, i) = TRUE;
      pos = find_insert_position (self, self->shown, i, self->descending);
      g_array_insert_val (self->shown, pos, i);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
    }
}

/* ---- GListModel ---- */

static GType
list_get_item_type (GListModel *model)
{
  return REG_TYPE_CUSTOMER;
}

static guint
list_get_n_items (GListModel *model)
{
  RegCustomerSortModel *self = REG_CUSTOMER_SORT_MODEL (model);

  return self->shown->len - self->hidden;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  RegCustomerSortModel *self = REG_CUSTOMER_SORT_MODEL (model);

  if (position >= self->shown->len - self->hidden)
    return NULL;
  if (position >= self->hidden_at)
    position += self->hidden;
  return g_object_ref (ITEM (self, INDEX (self->shown, position)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* ---- GObject ---- */

static void
reg_customer_sort_model_dispose (GObject *object)
{
  RegCustomerSortModel *self = REG_CUSTOMER_SORT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->order, 0);
  g_array_set_size (self->matched, 0);
  g_array_set_size (self->shown, 0);
  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = NULL;
  self->filter_data = NULL;
  self->filter_destroy = NULL;
  G_OBJECT_CLASS (reg_customer_sort_model_parent_class)->dispose (object);
}

static void
reg_customer_sort_model_finalize (GObject *object)
{
  RegCustomerSortModel *self = REG_CUSTOMER_SORT_MODEL (object);

  g_ptr_array_unref (self->items);
  g_array_unref (self->order);
  g_array_unref (self->matched);
  g_array_unref (self->shown);
  G_OBJECT_CLASS (reg_customer_sort_model_parent_class)->finalize (object);
}

static void
reg_customer_sort_model_class_init (RegCustomerSortModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reg_customer_sort_model_dispose;
  object_class->finalize = reg_customer_sort_model_finalize;
}

static void
reg_customer_sort_model_init (RegCustomerSortModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->matched = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->replace_limit = REG_CUSTOMER_SORT_MODEL_REPLACE_LIMIT;
}

/* ---- public ---- */

/**
 * reg_customer_sort_model_new:
 * @model: (nullable): a list of RegCustomer items, usually reg_shop_get_customers()
 *
 * Returns: (transfer full): a model showing every customer of @model in its order, until a
 *   sort or a filter is set
 */
RegCustomerSortModel *
reg_customer_sort_model_new (GListModel *model)
{
  RegCustomerSortModel *self = g_object_new (REG_TYPE_CUSTOMER_SORT_MODEL, NULL);

  reg_customer_sort_model_set_model (self, model);
  return self;
}

/**
 * reg_customer_sort_model_set_model:
 * @model: (nullable): a list of RegCustomer items
 *
 * Shows @model instead, sorted and filtered as set. The model follows its items-changed.
 */
void
reg_customer_sort_model_set_model (RegCustomerSortModel *self,
                                   GListModel           *model)
{
  g_return_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  rebuild (self);
}

/**
 * reg_customer_sort_model_set_replace_limit:
 * @rows: how many rows replaced by as many are announced in one items-changed; more come as
 *   all removed, then all added (the default, %REG_CUSTOMER_SORT_MODEL_REPLACE_LIMIT, is where
 *   that becomes the cheaper for a GtkColumnView)
 */
void
reg_customer_sort_model_set_replace_limit (RegCustomerSortModel *self,
                                           guint                 rows)
{
  g_return_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self));
  self->replace_limit = rows;
}

/**
 * reg_customer_sort_model_is_reordering:
 *
 * Returns: %TRUE while a new order of many rows is announced as rows removed, before the
 *   same number come back (a view keeps what it shows, the count for one)
 */
gboolean
reg_customer_sort_model_is_reordering (RegCustomerSortModel *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self), FALSE);
  return self->hidden > 0;
}

/**
 * reg_customer_sort_model_get_model:
 * Returns: (transfer none) (nullable): the list shown
 */
GListModel *
reg_customer_sort_model_get_model (RegCustomerSortModel *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self), NULL);
  return self->model;
}

/**
 * reg_customer_sort_model_set_sort:
 * @sort: the column, or %REG_CUSTOMER_SORT_NONE for the source's order
 * @descending: the reverse of the order of reg_customer_sort_get_compare (@sort), ties
 *   included (ignored for %REG_CUSTOMER_SORT_NONE)
 *
 * Sorts at once and emits items-changed over the rows that moved.
 */
void
reg_customer_sort_model_set_sort (RegCustomerSortModel *self,
                                  RegCustomerSort       sort,
                                  gboolean              descending)
{
  GArray *shown;

  g_return_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self));
  g_return_if_fail (sort < REG_N_CUSTOMER_SORTS);

  descending = sort != REG_CUSTOMER_SORT_NONE && descending;
  if (sort == self->sort && descending == self->descending)
    return;
  if (sort == self->sort)
    {
      /* the same order the other way round: the rows shown, reversed */
      guint n = self->shown->len;

      shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      g_array_set_size (shown, n);
      for (guint k = 0; k < n; k++)
        INDEX (shown, k) = INDEX (self->shown, n - 1 - k);
      self->descending = descending;
      replace_shown (self, shown);
      return;
    }
  self->sort = sort;
  self->descending = descending;
  sort_order (self);
  replace_shown (self, filter_order (self, FALSE));
}

/**
 * reg_customer_sort_model_get_sort:
 * @descending: (out) (optional)
 * Returns: the column sorted by
 */
RegCustomerSort
reg_customer_sort_model_get_sort (RegCustomerSortModel *self,
                                  gboolean             *descending)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self), REG_CUSTOMER_SORT_NONE);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

/**
 * reg_customer_sort_model_set_filter:
 * @func: (nullable): which customers to show; NULL shows all
 * @destroy: (nullable): frees @user_data when the filter is replaced or the model disposed
 *
 * Sets the filter and applies it at once.
 */
void
reg_customer_sort_model_set_filter (RegCustomerSortModel  *self,
                                    RegCustomerFilterFunc  func,
                                    gpointer               user_data,
                                    GDestroyNotify         destroy)
{
  g_return_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self));

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = func;
  self->filter_data = user_data;
  self->filter_destroy = destroy;
  reg_customer_sort_model_refilter (self, FALSE);
}

/**
 * reg_customer_sort_model_refilter:
 * @only_fewer: the filter now shows a subset of what it showed (a longer search text): only
 *   the rows shown are asked again
 *
 * Applies a change of what the filter function decides, with one items-changed.
 */
void
reg_customer_sort_model_refilter (RegCustomerSortModel *self,
                                  gboolean              only_fewer)
{
  GArray *shown;

  g_return_if_fail (REG_IS_CUSTOMER_SORT_MODEL (self));

  if (!only_fewer)
    {
      replace_shown (self, filter_order (self, TRUE));
      return;
    }
  shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->shown->len);
  for (guint k = 0; k < self->shown->len; k++)
    {
      guint i = INDEX (self->shown, k);
      gboolean match = matches (self, i);

      g_array_index (self->matched, guint8, i) = match;
      if (match)
        g_array_append_val (shown, i);
    }
  replace_shown (self, shown);
}

/**
 * reg_customer_sort_get_compare:
 * Returns: (nullable): the compare function whose order @sort shows (ascending), NULL for
 *   %REG_CUSTOMER_SORT_NONE
 */
GCompareDataFunc
reg_customer_sort_get_compare (RegCustomerSort sort)
{
  g_return_val_if_fail (sort < REG_N_CUSTOMER_SORTS, NULL);
  return sort_info[sort].compare;
}
