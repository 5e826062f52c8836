/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Survey answers in the shop file: one answer at most once (a missing comment equals a missing
 * comment), scores outside their scale refused with the file unchanged, a customer's answers
 * latest first, and undoing the import that brought them leaves the shop as it was.
 */
#include <string.h>

#include "clv-date.h"
#include "reg-store-feedback.h"
#include "reg-store-imports.h"
#include "reg-test-utils.h"

typedef struct
{
  char     *dir;
  RegStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = reg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "shop.regulars", NULL);
  f->store = reg_store_open (path, REG_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  reg_store_free (f->store);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gint64
add_customer (Fixture *f, const char *name, const char *email)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  rec.email = (char *) email;
  id = reg_store_insert_customer (f->store, &rec, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_answer (Fixture *f, gint64 customer, gint32 day, const char *kind, int score,
            const char *comment, gint64 batch, GError **error)
{
  RegFeedbackRecord rec = { 0 };

  rec.customer_id = customer;
  rec.day = day;
  rec.kind = (char *) kind;
  rec.score = score;
  rec.comment = (char *) comment;
  rec.batch_id = batch;
  return reg_store_insert_feedback (f->store, &rec, error);
}

static char *
dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = reg_store_dump (f->store, &error);

  g_assert_no_error (error);
  return text;
}

static void
test_insert_and_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 ann = add_customer (f, "Ann", "ann@example.com");
  gint64 bob = add_customer (f, "Bob", NULL);
  const RegFeedbackRecord *rec;

  g_assert_cmpint (add_answer (f, ann, clv_date_from_ymd (2024, 3, 1), "nps", 9, "Great", 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, clv_date_from_ymd (2024, 5, 1), "csat", 2, NULL, 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, clv_date_from_ymd (2024, 4, 1), "nps", 3, "Cold", 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, bob, clv_date_from_ymd (2024, 4, 1), "nps", 10, NULL, 0, &error), >, 0);
  g_assert_no_error (error);

  list = reg_store_list_customer_feedback (f->store, ann, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  rec = list->pdata[0];
  g_assert_cmpint (rec->day, ==, clv_date_from_ymd (2024, 5, 1));
  g_assert_cmpstr (rec->kind, ==, "csat");
  g_assert_cmpint (rec->score, ==, 2);
  g_assert_null (rec->comment);
  rec = list->pdata[2];
  g_assert_cmpstr (rec->comment, ==, "Great");
  g_assert_cmpint (rec->customer_id, ==, ann);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = reg_store_list_customer_feedback (f->store, ann, 1, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reg_store_list_customer_feedback (f->store, 999, 0, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 ann = add_customer (f, "Ann", "ann@example.com");
  gint32 day = clv_date_from_ymd (2024, 3, 1);

  g_assert_cmpint (add_answer (f, ann, day, "nps", 9, "Great", 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, day, "nps", 9, "Great", 0, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* no comment twice: the same answer */
  g_assert_cmpint (add_answer (f, ann, day, "nps", 7, NULL, 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, day, "nps", 7, NULL, 0, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* any difference is another answer */
  g_assert_cmpint (add_answer (f, ann, day, "nps", 9, "Great!", 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, day, "nps", 8, "Great", 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, day + 1, "nps", 9, "Great", 0, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, day, "csat", 5, "Great", 0, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_constraints (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ann = add_customer (f, "Ann", "ann@example.com");
  gint32 day = clv_date_from_ymd (2024, 3, 1);

  before = dump (f);
  g_assert_cmpint (add_answer (f, ann, day, "csat", 9, NULL, 0, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (add_answer (f, ann, day, "nps", 11, NULL, 0, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (add_answer (f, ann, day, "stars", 3, NULL, 0, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (add_answer (f, 4242, day, "nps", 3, NULL, 0, &error), ==, 0);
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);
}

/* A batch of answers, undone: the shop as before, the answers counted first. */
static void
test_undo_batch (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ann = add_customer (f, "Ann", "ann@example.com");
  gint64 batch;
  guint sales = 99, customers = 99;

  g_assert_cmpint (add_answer (f, ann, clv_date_from_ymd (2024, 1, 1), "nps", 8, NULL, 0, &error), >, 0);
  before = dump (f);
  g_assert_true (reg_store_begin (f->store, &error));
  batch = reg_store_insert_batch (f->store, "survey.csv", "abc", "csv", "survey-nps",
                                  "email=Email,score=NPS,date=Date", &error);
  g_assert_cmpint (batch, >, 0);
  g_assert_cmpint (add_answer (f, ann, clv_date_from_ymd (2024, 3, 1), "nps", 2, "No", batch, &error), >, 0);
  g_assert_cmpint (add_answer (f, ann, clv_date_from_ymd (2024, 3, 2), "nps", 4, NULL, batch, &error), >, 0);
  g_assert_true (reg_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reg_store_count_batch_feedback (f->store, batch), ==, 2);

  g_assert_true (reg_store_undo_batch (f->store, batch, &sales, &customers, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sales, ==, 0);
  g_assert_cmpuint (customers, ==, 0);
  g_assert_cmpuint (reg_store_count_batch_feedback (f->store, batch), ==, 0);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);
}

/* Merging two customers brings the answers along. */
static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 ann = add_customer (f, "Ann", "ann@example.com");
  gint64 dup = add_customer (f, "Ann S.", "ann.s@example.com");

  g_assert_cmpint (add_answer (f, dup, clv_date_from_ymd (2024, 3, 1), "nps", 5, NULL, 0, &error), >, 0);
  g_assert_true (reg_store_merge_customers (f->store, ann, dup, &error));
  g_assert_no_error (error);
  list = reg_store_list_customer_feedback (f->store, ann, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/feedback/insert-and-list", test_insert_and_list);
  ADD ("/store/feedback/duplicates", test_duplicates);
  ADD ("/store/feedback/constraints", test_constraints);
  ADD ("/store/feedback/undo-batch", test_undo_batch);
  ADD ("/store/feedback/merge", test_merge);
#undef ADD
  return g_test_run ();
}
