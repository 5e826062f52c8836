/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feedback import job end to end on a temporary shop: answers matched by e-mail address
 * (any case, spaces around it), the same file twice adds nothing the second time, unknown
 * addresses and bad scores rejected with file, line, field and value, "all or nothing", a dry
 * run and a cancel leave the shop byte for byte as it was, undo gives back the exact prior
 * content, an NPS detractor lands on the at-risk list at the next analysis, and the preview
 * lists the columns of a file whose header names are not recognised for the owner to assign.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "clv-date.h"
#include "clv-types.h"
#include "reg-analysis-job.h"
#include "reg-feedback-import-job.h"
#include "reg-feedback-preview.h"
#include "reg-import-job.h"
#include "reg-io-error.h"
#include "reg-segment.h"
#include "reg-shop.h"
#include "reg-store-imports.h"
#include "reg-test-utils.h"
#include "reg-shop-private.h"

typedef struct
{
  char    *dir;
  RegShop *shop;
  gint64   ann, bob, cat;
  guint    changed;
} Fixture;

static void
on_changed_cb (RegShop *shop, int kind, gint64 id, Fixture *f)
{
  f->changed++;
}

static gint64
add_customer (Fixture *f, const char *name, const char *email)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  rec.email = (char *) email;
  id = reg_shop_add_customer (f->shop, &rec, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = reg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "shop.regulars", NULL);
  f->shop = reg_shop_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (reg_shop_set_setting (f->shop, REG_SETTING_CURRENCY, "EUR", &error));
  f->ann = add_customer (f, "Ann Smith", "ann@example.com");
  f->bob = add_customer (f, "Bob Jones", "Bob@Example.com");
  f->cat = add_customer (f, "Cat Díaz", "cat@example.com");
  g_signal_connect (f->shop, "changed", G_CALLBACK (on_changed_cb), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

static RegFeedbackImportResult *
run_import (Fixture *f, const char *path, const RegFeedbackImportRequest *req, GError **error)
{
  g_autoptr(RegFeedbackImportJob) job = reg_feedback_import_job_new (f->shop, path, req);
  return reg_job_run_sync (REG_JOB (job), error);
}

static char *
dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = reg_store_dump (reg_shop_get_store (f->shop), &error);

  g_assert_no_error (error);
  return text;
}

static guint
n_answers (Fixture *f, gint64 customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = reg_shop_list_customer_feedback (f->shop, customer, 0, &error);

  g_assert_no_error (error);
  return list->len;
}

static const char *survey_csv =
  "Email,NPS,Date,Comment\n"
  "ann@example.com,9,2024-03-01,Great coffee\n"
  " BOB@example.COM ,3,2024-03-02,\"Slow, cold\"\n"
  "nobody@example.com,7,2024-03-03,\n"
  "cat@example.com,10,2024-03-04,\n"
  "ann@example.com,8,2024-04-01,\n";

static void
test_import_twice_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "survey.csv", survey_csv);
  g_autofree char *before = dump (f);
  g_autofree char *after_undo = NULL;
  g_autoptr(RegFeedbackImportResult) first = NULL;
  g_autoptr(RegFeedbackImportResult) second = NULL;
  g_autoptr(GPtrArray) bob = NULL;
  g_autoptr(RegBatchRecord) batch = NULL;
  const RegFeedbackRecord *answer;
  const RegImportIssue *issue;
  RegUndoSummary undone = { 9, 9, 9 };

  first = run_import (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (first->committed);
  g_assert_cmpint (first->batch, >, 0);
  g_assert_cmpint (first->kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_cmpstr (first->format, ==, "csv");
  g_assert_cmpstr (first->mapping, ==, "email=Email,score=NPS,date=Date,comment=Comment");
  g_assert_cmpuint (first->rows_read, ==, 5);
  g_assert_cmpuint (first->imported, ==, 4);
  g_assert_cmpuint (first->customers, ==, 3);
  g_assert_cmpuint (first->duplicates, ==, 0);
  g_assert_cmpuint (first->rejected, ==, 1);
  g_assert_cmpuint (first->unknown_emails, ==, 1);
  g_assert_nonnull (first->backup_path);
  g_assert_true (g_file_test (first->backup_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (f->changed, ==, 1);

  /* the unknown address: file, line, field and value */
  issue = first->errors->pdata[0];
  g_assert_cmpuint (issue->line, ==, 4);
  g_assert_cmpstr (issue->field, ==, "Email");
  g_assert_cmpstr (issue->value, ==, "nobody@example.com");
  g_assert_cmpstr (issue->reason, ==, "survey.csv, line 4, column “Email”: “nobody@example.com” is "
                                      "not the e-mail address of any of your customers; add the "
                                      "customer (or their address) first, then import the file again");

  /* matched whatever the case and the spaces */
  bob = reg_shop_list_customer_feedback (f->shop, f->bob, 0, &error);
  g_assert_cmpuint (bob->len, ==, 1);
  answer = bob->pdata[0];
  g_assert_cmpstr (answer->kind, ==, "nps");
  g_assert_cmpint (answer->score, ==, 3);
  g_assert_cmpint (answer->day, ==, clv_date_from_ymd (2024, 3, 2));
  g_assert_cmpstr (answer->comment, ==, "Slow, cold");
  g_assert_cmpint (answer->batch_id, ==, first->batch);
  g_assert_cmpuint (n_answers (f, f->ann), ==, 2);

  /* recorded like any import: import list and undo see it */
  batch = reg_store_get_batch (reg_shop_get_store (f->shop), first->batch, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (batch->preset, ==, "survey-nps");
  g_assert_cmpstr (batch->format, ==, "csv");
  g_assert_cmpuint (batch->imported, ==, 4);
  g_assert_cmpuint (batch->rejected, ==, 1);
  g_assert_cmpuint (batch->rows_read, ==, 5);

  /* the same file again: nothing new */
  second = run_import (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (second->committed);
  g_assert_cmpint (second->batch, ==, 0);
  g_assert_cmpuint (second->imported, ==, 0);
  g_assert_cmpuint (second->duplicates, ==, 4);
  g_assert_cmpuint (second->rejected, ==, 1);
  g_assert_cmpint (second->previous_batch, ==, first->batch);
  g_assert_cmpuint (n_answers (f, f->ann), ==, 2);
  g_assert_cmpuint (f->changed, ==, 1);

  g_assert_true (reg_shop_undo_import (f->shop, first->batch, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone.sales, ==, 0);
  g_assert_cmpuint (undone.customers, ==, 0);
  /* the undo says what it took out: the survey answers the import brought */
  g_assert_cmpuint (undone.answers, ==, first->imported);
  g_assert_cmpuint (undone.answers, >, 0);
  after_undo = dump (f);
  g_assert_cmpstr (before, ==, after_undo);
}

static void
test_bad_scores_and_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "csat.csv",
      "email,csat,date\n"
      "ann@example.com,5,2024-03-01\n"
      "bob@example.com,0,2024-03-02\n"          /* not on the CSAT scale */
      "cat@example.com,4,03/04/2024\n"          /* month-day, as the file's other dates allow */
      "ann@example.com,x,2024-03-05\n");
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  RegFeedbackImportRequest req;
  g_autoptr(RegFeedbackImportResult) refused = NULL;
  g_autoptr(RegFeedbackImportResult) dry = NULL;
  g_autoptr(RegFeedbackImportResult) valid = NULL;
  const RegImportIssue *issue;

  reg_feedback_import_request_init (&req);
  req.all_or_nothing = TRUE;
  req.date_format = "MDY";
  refused = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refused->kind, ==, REG_FEEDBACK_KIND_CSAT);
  g_assert_true (refused->refused);
  g_assert_false (refused->committed);
  g_assert_cmpuint (refused->rejected, ==, 2);
  g_assert_cmpuint (refused->imported, ==, 2);
  /* in line order, whichever stage found them */
  issue = refused->errors->pdata[0];
  g_assert_cmpuint (issue->line, ==, 3);
  g_assert_cmpstr (issue->field, ==, "csat");
  g_assert_cmpstr (issue->value, ==, "0");
  g_assert_cmpstr (issue->reason, ==, "csat.csv, line 3, column “csat”: 0 is not a CSAT score: CSAT "
                                      "scores run from 1 to 5");
  issue = refused->errors->pdata[1];
  g_assert_cmpuint (issue->line, ==, 5);
  g_assert_cmpstr (issue->value, ==, "x");
  after = dump (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  g_assert_cmpuint (f->changed, ==, 0);

  req.all_or_nothing = FALSE;
  req.dry_run = TRUE;
  dry = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (dry->dry_run);
  g_assert_false (dry->committed);
  g_assert_cmpuint (dry->imported, ==, 2);
  g_assert_null (dry->backup_path);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);

  req.dry_run = FALSE;
  valid = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (valid->committed);
  g_assert_cmpuint (valid->imported, ==, 2);
  g_assert_cmpuint (n_answers (f, f->cat), ==, 1);
  g_assert_cmpuint (n_answers (f, f->bob), ==, 0);
}

/* Scores all within 1 .. 5 under a neutral name: the owner has to say which survey. */
static void
test_ambiguous_kind (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "rating.csv",
      "email,rating,date\nann@example.com,4,2024-03-01\nbob@example.com,2,2024-03-02\n");
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  RegFeedbackImportRequest req;
  g_autoptr(RegFeedbackImportResult) r = NULL;

  g_assert_null (run_import (f, path, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "rating.csv"));
  g_clear_error (&error);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);

  reg_feedback_import_request_init (&req);
  req.kind = REG_FEEDBACK_KIND_NPS;
  r = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_cmpuint (r->imported, ==, 2);
}

static void
cancel_midway_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  /* in the second half: the answers are being written */
  if (fraction > 0.6)
    reg_job_cancel (job);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("email,nps,date,comment\n");
  g_autofree char *path = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;

  for (int i = 0; i < 5000; i++)
    g_string_append_printf (big, "%s,%d,2024-%02d-%02d,answer %d\n",
                            i % 3 == 0 ? "ann@example.com" : i % 3 == 1 ? "bob@example.com" : "cat@example.com",
                            i % 11, 1 + i % 12, 1 + i % 28, i);
  path = write_file (f, "big.csv", big->str);
  {
    g_autoptr(RegFeedbackImportJob) job = reg_feedback_import_job_new (f->shop, path, NULL);
    reg_job_set_progress_func (REG_JOB (job), cancel_midway_cb, NULL);
    g_assert_null (reg_job_run_sync (REG_JOB (job), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  after = dump (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (f->changed, ==, 0);

  /* and without the cancel, every distinct answer goes in, with progress to the end */
  {
    g_autoptr(RegFeedbackImportResult) r = NULL;
    g_clear_error (&error);
    r = run_import (f, path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->imported + r->duplicates, ==, 5000);
    g_assert_cmpuint (r->rejected, ==, 0);
  }
}

static void
test_missing_file_and_columns (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nope.csv", NULL);
  g_autofree char *sales = write_file (f, "sales.csv", "Date,Amount,Email\n2024-01-01,12.50,ann@example.com\n");

  g_assert_null (run_import (f, missing, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "nope.csv"));
  g_clear_error (&error);
  g_assert_null (run_import (f, sales, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "sales.csv: no column holds the score; map one with score=COLUMN");
}

/* Headers nobody recognises: the preview lists the columns and says which are missing; with the
 * owner's columns (the text regulars-cli's --map takes) the preview and the import read every
 * answer and each lands on the customer with that address. */
static void
test_preview_assign_columns (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "umfrage.csv",
                                      "Kunde;Punkte;Tag;Notiz\n"
                                      "ann@example.com;9;01.03.2024;Prima Kaffee\n"
                                      "bob@example.com;3;02.03.2024;Zu langsam\n");
  g_autoptr(RegFeedbackPreview) preview = NULL;
  g_autoptr(RegFeedbackImportResult) result = NULL;
  g_autoptr(GPtrArray) bob = NULL;
  RegFeedbackImportRequest req;
  const RegFeedbackColumn *col;
  const RegFeedbackRecord *answer;

  reg_feedback_import_request_init (&req);
  preview = reg_feedback_preview_read (path, &req, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview->problem);
  g_assert_cmpuint (preview->rows->len, ==, 0);
  g_assert_nonnull (preview->layout);
  g_assert_cmpuint (preview->layout->columns->len, ==, 4);
  col = g_ptr_array_index (preview->layout->columns, 0);
  g_assert_cmpstr (col->value, ==, "Kunde");
  g_assert_cmpint (preview->layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, -1);
  g_assert_cmpint (preview->layout->column_of[REG_FEEDBACK_FIELD_SCORE], ==, 1);
  g_assert_cmpint (preview->layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, -1);
  g_clear_pointer (&preview, reg_feedback_preview_free);

  req.mapping = "email=Kunde,date=Tag";
  preview = reg_feedback_preview_read (path, &req, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (preview->problem);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpint (preview->kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_cmpstr (preview->mapping, ==, "email=Kunde,score=Punkte,date=Tag");
  g_assert_cmpint (preview->layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, 0);
  g_assert_cmpint (preview->layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, 2);
  g_assert_cmpint (preview->layout->column_of[REG_FEEDBACK_FIELD_COMMENT], ==, -1);

  result = run_import (f, path, &req, &error);
  g_assert_no_error (error);
  g_assert_true (result->committed);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpstr (result->mapping, ==, "email=Kunde,score=Punkte,date=Tag");
  g_assert_cmpuint (n_answers (f, f->ann), ==, 1);
  bob = reg_shop_list_customer_feedback (f->shop, f->bob, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bob->len, ==, 1);
  answer = g_ptr_array_index (bob, 0);
  g_assert_cmpint (answer->score, ==, 3);
  g_assert_cmpint (answer->day, ==, clv_date_from_ymd (2024, 3, 2));
  g_assert_null (answer->comment);
  g_assert_cmpuint (n_answers (f, f->cat), ==, 0);
}

/* A detractor (NPS 0 .. 6 as the latest answer) is at risk after the next analysis, even when
 * the survey came after the last sale; a later good answer takes it back. */
static void
test_detractor_at_risk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *later = NULL;
  g_autoptr(RegSegment) at_risk = NULL;
  RegAnalysisOptions opts;
  gint32 start = clv_date_from_ymd (2024, 1, 1);

  /* a steady history for everybody, so that nobody is at risk for their buying */
  for (int c = 0; c < 40; c++)
    {
      g_autofree char *name = g_strdup_printf ("Regular %d", c);
      gint64 id = c == 0 ? f->ann : c == 1 ? f->bob : c == 2 ? f->cat : add_customer (f, name, NULL);

      for (int k = 0; k < 10; k++)
        g_assert_cmpint (reg_shop_record_sale (f->shop, id, start + k * 14 + c % 5, 1000 + c * 10,
                                               NULL, &error), >, 0);
    }
  g_assert_no_error (error);

  /* answers a month after the last sale */
  first = write_file (f, "nps.csv",
      "email,nps,date\nann@example.com,2,2024-06-20\nbob@example.com,10,2024-06-20\n");
  {
    g_autoptr(RegFeedbackImportResult) r = run_import (f, first, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->imported, ==, 2);
  }
  reg_analysis_options_init (&opts);
  {
    g_autoptr(RegAnalysisJob) job = reg_analysis_job_new (f->shop, &opts);
    g_autoptr(RegAnalysisSummary) s = reg_job_run_sync (REG_JOB (job), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(RegCustomerRow) ann = reg_store_get_customer_row (reg_shop_get_store (f->shop), f->ann, &error);
    g_autoptr(RegCustomerRow) bob = reg_store_get_customer_row (reg_shop_get_store (f->shop), f->bob, &error);
    g_autoptr(GPtrArray) list = NULL;
    gboolean ann_listed = FALSE, bob_listed = FALSE;

    g_assert_true (ann->scored);
    g_assert_true (ann->at_risk & CLV_AT_RISK_DETRACTOR);
    g_assert_false (bob->at_risk & CLV_AT_RISK_DETRACTOR);
    at_risk = reg_segment_parse (f->shop, "at-risk", &error);
    g_assert_no_error (error);
    list = reg_shop_list_segment (f->shop, at_risk, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < list->len; i++)
      {
        const RegCustomerRow *row = list->pdata[i];
        ann_listed = ann_listed || row->id == f->ann;
        bob_listed = bob_listed || row->id == f->bob;
      }
    g_assert_true (ann_listed);
    g_assert_false (bob_listed);
  }

  /* Ann answers again, happier: her latest answer counts */
  later = write_file (f, "nps-later.csv", "email,nps,date\nann@example.com,9,2024-07-01\n");
  {
    g_autoptr(RegFeedbackImportResult) r = run_import (f, later, NULL, &error);
    g_autoptr(RegAnalysisJob) job = NULL;
    g_autoptr(RegAnalysisSummary) s = NULL;
    g_autoptr(RegCustomerRow) ann = NULL;

    g_assert_no_error (error);
    job = reg_analysis_job_new (f->shop, &opts);
    s = reg_job_run_sync (REG_JOB (job), &error);
    g_assert_no_error (error);
    ann = reg_store_get_customer_row (reg_shop_get_store (f->shop), f->ann, &error);
    g_assert_false (ann->at_risk & CLV_AT_RISK_DETRACTOR);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/feedback/import-twice-and-undo", test_import_twice_and_undo);
  ADD ("/feedback/bad-scores-and-all-or-nothing", test_bad_scores_and_all_or_nothing);
  ADD ("/feedback/ambiguous-kind", test_ambiguous_kind);
  ADD ("/feedback/cancel", test_cancel);
  ADD ("/feedback/missing-file-and-columns", test_missing_file_and_columns);
  ADD ("/feedback/preview-assign-columns", test_preview_assign_columns);
  ADD ("/feedback/detractor-at-risk", test_detractor_at_risk);
#undef ADD
  return g_test_run ();
}
