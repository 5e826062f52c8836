/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerSortModel over a GListStore of hand-made customers: every column both ways in the
 * order of its reg_customer_compare_* function (ties by id, descending the exact reverse),
 * names by collation with long shared beginnings, empty values in one place, the same order
 * from a source in id order (radix sort) and from a shuffled one (comparison sort), the
 * filter, and in-place updates on inserts, removals, replacements and reloads, checked against
 * a copy kept only from the model's items-changed signals.
 */
#include <string.h>

#include "reg-customer-sort-model.h"

#define N_RANDOM 400

typedef struct
{
  GListStore           *store;
  RegCustomerSortModel *model;
  GPtrArray            *mirror;        /* RegCustomer, kept from items-changed alone */
  guint                 filter_calls;
  const char           *tier_filter;   /* (nullable) */
  guint                 most_replaced; /* the largest MIN (removed, added) of one signal */
} Fixture;

static const char *tiers[] = { "top", "middle", "bottom", NULL };
static const char *groups[] = { "champions", "loyal", "at-risk", "lost", NULL };

static RegCustomer *
make_customer (gint64      id,
               const char *name,
               const char *email,
               GRand      *rand)
{
  RegCustomerRow *row = g_new0 (RegCustomerRow, 1);

  row->id = id;
  row->name = g_strdup (name);
  row->email = g_strdup (email);
  if (rand != NULL)
    {
      /* few distinct values, so that every column has ties to break */
      row->purchases = (guint32) g_rand_int_range (rand, 0, 6);
      row->total_spend = (gint64) g_rand_int_range (rand, -3, 8) * 1250;
      row->last_purchase = g_rand_boolean (rand) ? 2460000 + g_rand_int_range (rand, 0, 5) : 0;
      row->p_alive = g_rand_int_range (rand, 0, 4) == 0 ? -1 : g_rand_int_range (rand, 0, 5) / 4.0;
      row->clv = g_rand_int_range (rand, 0, 4) == 0 ? -1 : g_rand_int_range (rand, 0, 9) * 333.5;
      row->tier = g_strdup (tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))]);
      row->rfm_group = g_strdup (groups[g_rand_int_range (rand, 0, G_N_ELEMENTS (groups))]);
      row->archived = g_rand_int_range (rand, 0, 10) == 0;
    }
  else
    {
      row->p_alive = -1;
      row->clv = -1;
    }
  return reg_customer_new_from_row (row);
}

/* Names that share their first 8 bytes and more, accents, case, and emails missing or empty. */
static RegCustomer *
make_random_customer (gint64  id,
                      GRand  *rand)
{
  static const char *first[] = { "Alexander", "Alexandra", "émile", "Émile", "Łukasz", "zoë", "Zoe", "adam",
                                 "Anna-Lena", "anna", "Ann", "Mohammed", "Ørjan" };
  static const char *last[] = { "Smith", "Smithson", "Schmidt", "Müller", "Mueller", "", "O'Neil" };
  g_autofree char *name = g_strdup_printf ("%s %s", first[g_rand_int_range (rand, 0, G_N_ELEMENTS (first))],
                                           last[g_rand_int_range (rand, 0, G_N_ELEMENTS (last))]);
  g_autofree char *email = NULL;

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      break;                                   /* none */
    case 1:
      email = g_strdup ("");
      break;
    default:
      email = g_strdup_printf ("%c%u@example.org", 'a' + g_rand_int_range (rand, 0, 6), g_rand_int_range (rand, 0, 3));
      break;
    }
  return make_customer (id, name, email, rand);
}

static gboolean
filter_by_tier (RegCustomer *c,
                gpointer     user_data)
{
  Fixture *f = user_data;

  f->filter_calls++;
  return !reg_customer_get_archived (c)
         && (f->tier_filter == NULL || g_strcmp0 (reg_customer_get_tier (c), f->tier_filter) == 0);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, (gint) (position + i), g_list_model_get_item (model, position + i));
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (model));
  /* after every signal, the model is what its signals said, also between two halves */
  for (guint i = 0; i < f->mirror->len; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);

      g_assert_true (f->mirror->pdata[i] == (gpointer) c);
    }
  f->most_replaced = MAX (f->most_replaced, MIN (removed, added));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = g_list_store_new (REG_TYPE_CUSTOMER);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  f->model = reg_customer_sort_model_new (G_LIST_MODEL (f->store));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->model);
  g_assert_finalize_object (f->store);
  g_ptr_array_unref (f->mirror);
}

static void
fill_store (Fixture  *f,
            guint     n,
            gboolean  shuffled,
            guint32   seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, make_random_customer (10 + 3 * i, rand));   /* ids with gaps */
  if (shuffled)
    for (guint i = n; i > 1; i--)
      {
        guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
        gpointer t = items->pdata[i - 1];

        items->pdata[i - 1] = items->pdata[j];
        items->pdata[j] = t;
      }
  g_list_store_splice (f->store, 0, g_list_model_get_n_items (G_LIST_MODEL (f->store)), items->pdata, items->len);
}

static int
compare_pointers (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GCompareDataFunc compare = user_data;

  return compare (*(RegCustomer * const *) a, *(RegCustomer * const *) b, NULL);
}

static gboolean
passes (Fixture     *f,
        RegCustomer *c)
{
  return !reg_customer_get_archived (c)
         && (f->tier_filter == NULL || g_strcmp0 (reg_customer_get_tier (c), f->tier_filter) == 0);
}

/* The rows the model must show, worked out the slow way. */
static GPtrArray *
expected_rows (Fixture         *f,
               RegCustomerSort  sort,
               gboolean         descending,
               gboolean         filtered)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  GCompareDataFunc compare = reg_customer_sort_get_compare (sort);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      RegCustomer *c = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      if (filtered && !passes (f, c))
        g_object_unref (c);
      else
        g_ptr_array_add (rows, c);
    }
  if (compare == NULL)
    return rows;
  g_ptr_array_sort_with_data (rows, compare_pointers, compare);
  if (descending)
    for (guint i = 0; i < rows->len / 2; i++)
      {
        gpointer t = rows->pdata[i];

        rows->pdata[i] = rows->pdata[rows->len - 1 - i];
        rows->pdata[rows->len - 1 - i] = t;
      }
  return rows;
}

/* The model, and the copy kept from its signals, show exactly the rows expected. */
static void
assert_sorted_as (Fixture         *f,
                  RegCustomerSort  sort,
                  gboolean         descending,
                  gboolean         filtered)
{
  g_autoptr(GPtrArray) rows = expected_rows (f, sort, descending, filtered);
  GListModel *model = G_LIST_MODEL (f->model);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);
  g_assert_cmpuint (f->mirror->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);

      g_assert_cmpint (reg_customer_get_id (c), ==, reg_customer_get_id (rows->pdata[i]));
      g_assert_true (f->mirror->pdata[i] == (gpointer) c);
    }
  g_assert_null (g_list_model_get_item (model, rows->len));
}

/* The ids shown, in order, as "1 2 3". */
static char *
shown_ids (Fixture *f)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->model)); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", reg_customer_get_id (c));
    }
  return g_string_free (s, FALSE);
}

static void
test_every_column (Fixture       *f,
                   gconstpointer  data)
{
  gboolean shuffled = GPOINTER_TO_INT (data);

  fill_store (f, N_RANDOM, shuffled, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_RANDOM);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->model)) == REG_TYPE_CUSTOMER);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NONE, FALSE, FALSE);

  for (RegCustomerSort sort = REG_CUSTOMER_SORT_NAME; sort < REG_N_CUSTOMER_SORTS; sort++)
    for (int descending = 0; descending <= 1; descending++)
      {
        gboolean got_descending = !descending;

        g_test_message ("sort %d %s", sort, descending ? "down" : "up");
        reg_customer_sort_model_set_sort (f->model, sort, descending);
        g_assert_cmpint (reg_customer_sort_model_get_sort (f->model, &got_descending), ==, sort);
        g_assert_cmpint (got_descending, ==, descending);
        assert_sorted_as (f, sort, descending, FALSE);
      }

  /* straight from one column descending to another ascending, and back to the source order */
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, FALSE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, FALSE, FALSE);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NONE, TRUE);
  {
    gboolean got_descending = TRUE;

    g_assert_cmpint (reg_customer_sort_model_get_sort (f->model, &got_descending), ==, REG_CUSTOMER_SORT_NONE);
    g_assert_false (got_descending);
  }
  assert_sorted_as (f, REG_CUSTOMER_SORT_NONE, FALSE, FALSE);
}

/* Names by locale collation (accents with their letter in any locale), beginnings longer than
 * 8 bytes in common, equal names by id. */
static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  static const struct { gint64 id; const char *name; } people[] = {
    { 1, "Zoë" }, { 2, "émile" }, { 3, "adam" }, { 4, "Łukasz" }, { 5, "Alexander Smithson" },
    { 6, "Alexander Smith" }, { 7, "alexander smith" }, { 8, "Alexander Smith" }, { 9, "Alexandra" },
  };
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(RegCustomer) c = make_customer (people[i].id, people[i].name, NULL, NULL);
      g_list_store_append (f->store, c);
    }
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, FALSE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, FALSE, FALSE);
  up = shown_ids (f);
  /* "Alexander Smith" twice (6, 8) and once in lower case (7): equal when folded, by id */
  g_assert_cmpstr (up, ==, "3 6 7 8 5 9 2 4 1");
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, TRUE);
  down = shown_ids (f);
  g_assert_cmpstr (down, ==, "1 4 2 9 5 8 7 6 3");
}

/* Missing values sit at one end: first going up, last going down; -0 is 0. */
static void
test_empty_values (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { gint64 id; const char *email; double clv; } people[] = {
    { 1, "b@example.org", 120 }, { 2, NULL, -1 }, { 3, "", 0 }, { 4, "a@example.org", -1 }, { 5, NULL, 30 },
    { 6, "c@example.org", -0.0 },
  };
  g_autofree char *email_up = NULL;
  g_autofree char *email_down = NULL;
  g_autofree char *clv_up = NULL;
  g_autofree char *clv_down = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      RegCustomerRow *row = g_new0 (RegCustomerRow, 1);
      g_autoptr(RegCustomer) c = NULL;

      row->id = people[i].id;
      row->name = g_strdup ("Someone");
      row->email = g_strdup (people[i].email);
      row->clv = people[i].clv;
      row->p_alive = -1;
      c = reg_customer_new_from_row (row);
      g_list_store_append (f->store, c);
    }
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_EMAIL, FALSE);
  email_up = shown_ids (f);
  g_assert_cmpstr (email_up, ==, "2 5 3 4 1 6");
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_EMAIL, TRUE);
  email_down = shown_ids (f);
  g_assert_cmpstr (email_down, ==, "6 1 4 3 5 2");
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_CLV, FALSE);
  clv_up = shown_ids (f);
  g_assert_cmpstr (clv_up, ==, "2 4 3 6 5 1");
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_CLV, TRUE);
  clv_down = shown_ids (f);
  g_assert_cmpstr (clv_down, ==, "1 5 6 3 4 2");
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  guint calls, shown;

  fill_store (f, N_RANDOM, FALSE, 11);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_TOTAL_SPEND, TRUE);
  reg_customer_sort_model_set_filter (f->model, filter_by_tier, f, NULL);
  g_assert_cmpuint (f->filter_calls, ==, N_RANDOM);
  assert_sorted_as (f, REG_CUSTOMER_SORT_TOTAL_SPEND, TRUE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), <, N_RANDOM);

  /* a new sort or direction does not ask the filter again */
  calls = f->filter_calls;
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, FALSE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, FALSE, TRUE);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, TRUE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, TRUE, TRUE);
  g_assert_cmpuint (f->filter_calls, ==, calls);

  /* narrower: only the rows shown are asked */
  shown = g_list_model_get_n_items (G_LIST_MODEL (f->model));
  f->tier_filter = "top";
  reg_customer_sort_model_refilter (f->model, TRUE);
  g_assert_cmpuint (f->filter_calls, ==, calls + shown);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, TRUE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), >, 0);

  /* different: everyone is asked */
  f->tier_filter = "bottom";
  reg_customer_sort_model_refilter (f->model, FALSE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, TRUE, TRUE);

  /* a sort after a narrowing keeps the narrowing */
  f->tier_filter = NULL;
  reg_customer_sort_model_refilter (f->model, FALSE);
  f->tier_filter = "middle";
  reg_customer_sort_model_refilter (f->model, TRUE);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_CLV, FALSE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_CLV, FALSE, TRUE);

  /* no filter: all */
  reg_customer_sort_model_set_filter (f->model, NULL, NULL, NULL);
  assert_sorted_as (f, REG_CUSTOMER_SORT_CLV, FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_RANDOM);
}

/* Inserts, removals and replacements in the source, few at a time (in place) and many (a new
 * sort), in both directions, with a filter: the model and the copy kept from its signals stay
 * equal to the rows worked out afresh. */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  gint64 next_id = 100000;

  fill_store (f, N_RANDOM, FALSE, 5);
  f->tier_filter = NULL;
  reg_customer_sort_model_set_filter (f->model, filter_by_tier, f, NULL);

  for (guint round = 0; round < 300; round++)
    {
      RegCustomerSort sort = (RegCustomerSort) (round / 30 % REG_N_CUSTOMER_SORTS);
      gboolean descending = round / 15 % 2;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
      guint pos = (guint) g_rand_int_range (rand, 0, (gint32) n);
      int op = g_rand_int_range (rand, 0, 5);

      reg_customer_sort_model_set_sort (f->model, sort, descending);
      if (sort == REG_CUSTOMER_SORT_NONE)
        descending = FALSE;
      if (op == 0)
        {
          /* a new customer: the highest id, at the end as the shop's list has it */
          g_autoptr(RegCustomer) c = make_random_customer (next_id++, rand);
          g_list_store_append (f->store, c);
        }
      else if (op == 1 && n > 10)
        g_list_store_remove (f->store, pos);
      else if (op == 2)
        {
          /* an edit: the same id, new figures and name */
          g_autoptr(RegCustomer) old = g_list_model_get_item (G_LIST_MODEL (f->store), pos);
          g_autoptr(RegCustomer) c = make_random_customer (reg_customer_get_id (old), rand);
          g_list_store_splice (f->store, pos, 1, (gpointer *) &c, 1);
        }
      else if (op == 3)
        {
          /* two edits in one signal */
          g_autoptr(RegCustomer) a = NULL;
          g_autoptr(RegCustomer) b = NULL;
          g_autoptr(RegCustomer) old_a = NULL;
          g_autoptr(RegCustomer) old_b = NULL;
          gpointer pair[2];

          pos = MIN (pos, n - 2);
          old_a = g_list_model_get_item (G_LIST_MODEL (f->store), pos);
          old_b = g_list_model_get_item (G_LIST_MODEL (f->store), pos + 1);
          a = make_random_customer (reg_customer_get_id (old_a), rand);
          b = make_random_customer (reg_customer_get_id (old_b), rand);
          pair[0] = a;
          pair[1] = b;
          g_list_store_splice (f->store, pos, 2, pair, 2);
        }
      else
        {
          /* a filter change between changes */
          f->tier_filter = tiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (tiers))];
          reg_customer_sort_model_refilter (f->model, FALSE);
        }
      assert_sorted_as (f, sort, descending, TRUE);
    }

  /* a reload: everything replaced in one signal */
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_P_ALIVE, TRUE);
  fill_store (f, N_RANDOM / 2, FALSE, 9);
  assert_sorted_as (f, REG_CUSTOMER_SORT_P_ALIVE, TRUE, TRUE);
}

/* A list view that sees the rows it shows replaced looks for them among every row added: a new
 * order of more rows than the limit comes as all removed, then all added, never as one signal
 * that does both (a sort of a million customers took seconds in the view). Small changes stay
 * one signal, and so do large ones under the default limit. */
static void
test_large_reorder (Fixture       *f,
                    gconstpointer  data)
{
  /* the limit of a million-row list, on a few hundred */
  reg_customer_sort_model_set_replace_limit (f->model, 32);
  fill_store (f, N_RANDOM, FALSE, 11);
  g_assert_cmpuint (f->most_replaced, <=, 32);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpuint (f->most_replaced, <=, 32);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, FALSE, FALSE);
  g_assert_false (reg_customer_sort_model_is_reordering (f->model));

  /* the other direction, another column, a filter, a reload */
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, TRUE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, TRUE, FALSE);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_CLV, TRUE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_CLV, TRUE, FALSE);
  reg_customer_sort_model_set_filter (f->model, filter_by_tier, f, NULL);
  assert_sorted_as (f, REG_CUSTOMER_SORT_CLV, TRUE, TRUE);
  fill_store (f, N_RANDOM, FALSE, 12);
  assert_sorted_as (f, REG_CUSTOMER_SORT_CLV, TRUE, TRUE);
  g_assert_cmpuint (f->most_replaced, <=, 32);

  /* one customer replaced in place: one signal replacing one row */
  {
    g_autoptr(RegCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->store), 5);
    g_autoptr(RegCustomer) again = make_customer (reg_customer_get_id (c), "Zed", NULL, NULL);

    g_list_store_splice (f->store, 5, 1, (gpointer *) &again, 1);
  }
  assert_sorted_as (f, REG_CUSTOMER_SORT_CLV, TRUE, TRUE);

  /* under the default limit, a new order is one change */
  reg_customer_sort_model_set_replace_limit (f->model, REG_CUSTOMER_SORT_MODEL_REPLACE_LIMIT);
  f->most_replaced = 0;
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, FALSE);
  assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, FALSE, TRUE);
  g_assert_cmpuint (f->most_replaced, >, 32);
}

/* Many names and e-mail addresses sharing their first 8, 16 and 24 bytes and more, some
 * equal: runs long enough to be sorted byte group by byte group, not compared in full. */
static void
test_long_shared_beginnings (Fixture       *f,
                             gconstpointer  data)
{
  static const char *names[] = {
    "Maximilian Alexander von Hohenberg-Schwarzenbach", "Maximilian Alexander von Hohenberg",
    "Maximilian Alexander von Hohenberg-Schwarz", "Maximilian Alexander", "Maximilian Alexandra",
    "Maximilian Alexander von Hohenberg-Schwarzenbacher", "maximilian alexander von hohenberg",
    "Maximilian Alexander von Hohenberg-Schwarzenbach", "Maximilian",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_RANDOM; i++)
    {
      g_autofree char *email = g_strdup_printf ("customer.of.the.shop.%u@example.org",
                                                (guint) g_rand_int_range (rand, 0, 60));

      g_ptr_array_add (items, make_customer (1 + 2 * i, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                                             g_rand_int_range (rand, 0, 10) == 0 ? NULL : email, rand));
    }
  g_list_store_splice (f->store, 0, 0, items->pdata, items->len);
  for (int descending = 0; descending <= 1; descending++)
    {
      reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_NAME, descending);
      assert_sorted_as (f, REG_CUSTOMER_SORT_NAME, descending, FALSE);
      reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_EMAIL, descending);
      assert_sorted_as (f, REG_CUSTOMER_SORT_EMAIL, descending, FALSE);
    }
}

static void
test_set_model (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListStore) other = g_list_store_new (REG_TYPE_CUSTOMER);

  fill_store (f, 50, FALSE, 1);
  reg_customer_sort_model_set_sort (f->model, REG_CUSTOMER_SORT_PURCHASES, FALSE);
  g_assert_true (reg_customer_sort_model_get_model (f->model) == G_LIST_MODEL (f->store));
  reg_customer_sort_model_set_model (f->model, NULL);
  g_assert_null (reg_customer_sort_model_get_model (f->model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_cmpuint (f->mirror->len, ==, 0);

  /* no longer followed */
  g_list_store_remove (f->store, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);

  reg_customer_sort_model_set_model (f->model, G_LIST_MODEL (f->store));
  assert_sorted_as (f, REG_CUSTOMER_SORT_PURCHASES, FALSE, FALSE);
  reg_customer_sort_model_set_model (f->model, G_LIST_MODEL (other));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  reg_customer_sort_model_set_model (f->model, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/sort-model/every-column/id-order", test_every_column, GINT_TO_POINTER (FALSE));
  ADD ("/sort-model/every-column/shuffled", test_every_column, GINT_TO_POINTER (TRUE));
  ADD ("/sort-model/names", test_names, NULL);
  ADD ("/sort-model/empty-values", test_empty_values, NULL);
  ADD ("/sort-model/filter", test_filter, NULL);
  ADD ("/sort-model/follows-changes", test_follows_changes, NULL);
  ADD ("/sort-model/set-model", test_set_model, NULL);
  ADD ("/sort-model/large-reorder", test_large_reorder, NULL);
  ADD ("/sort-model/long-shared-beginnings", test_long_shared_beginnings, NULL);
#undef ADD
  return g_test_run ();
}
