/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report job on a demo shop, with its customers read on one thread, the channels and
 * products on another and the sheets written on the worker: every active customer on one tier
 * sheet, most valuable first, with the Channels and Products sheets after them; cancelled in
 * the middle of the customers, it leaves no workbook, no temp file and the shop as it was; the
 * same when the channels' figures cannot be read, with the store's error.
 */
#include <string.h>
#include <sqlite3.h>

#include "reg-analysis-job.h"
#include "reg-demo.h"
#include "reg-report-job.h"
#include "reg-shop.h"
#include "reg-test-utils.h"

#define CUSTOMERS 3000   /* about three progress reports' worth of customers */

typedef struct
{
  char    *dir;
  char    *path;
  RegShop *shop;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;
  RegAnalysisOptions aopts;
  RegDemoOptions opts;

  f->dir = reg_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "demo.regulars", NULL);
  reg_demo_options_init (&opts);
  opts.customers = CUSTOMERS;
  opts.seed = 5;
  g_assert_true (reg_demo_write (f->path, &opts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->shop = reg_shop_open (f->path, FALSE, &error);
  g_assert_no_error (error);
  reg_analysis_options_init (&aopts);
  job = reg_analysis_job_new (f->shop, &aopts);
  summary = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
unzip_member (const char *zip, const char *member)
{
  const char *argv[] = { "unzip", "-p", zip, member, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  return out;
}

/* The numbers in column L (predicted CLV) of a tier sheet, top to bottom. */
static GArray *
clv_column (const char *xml)
{
  g_autoptr(GRegex) re = g_regex_new ("<c r=\"L[0-9]+\"[^>]*><v>([^<]*)</v>", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  g_regex_match (re, xml, 0, &m);
  while (g_match_info_matches (m))
    {
      g_autofree char *v = g_match_info_fetch (m, 1);
      double d = g_ascii_strtod (v, NULL);

      g_array_append_val (values, d);
      g_match_info_next (m, NULL);
    }
  return values;
}

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_every_customer (Fixture *f, gconstpointer data)
{
  g_autofree char *report = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegReportJob) job = NULL;
  g_autofree char *written = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  guint rows = 0;
  double last = G_MAXDOUBLE;

  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }
  job = reg_report_job_new (f->shop, report);
  written = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, report);
  workbook = unzip_member (report, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Top\" sheetId=\"2\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Bottom\" sheetId=\"4\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Channels\" sheetId=\"8\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Products\" sheetId=\"9\""));
  /* the tier sheets in order: each customer once, the predicted values never rising */
  for (guint sheet = 2; sheet <= 4; sheet++)
    {
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", sheet);
      g_autofree char *xml = unzip_member (report, member);
      g_autoptr(GArray) clv = clv_column (xml);

      rows += count (xml, "<row r=") - 1;   /* less the header */
      for (guint i = 0; i < clv->len; i++)
        {
          double v = g_array_index (clv, double, i);

          g_assert_cmpfloat (v, <=, last);
          last = v;
        }
    }
  g_assert_cmpuint (rows, ==, CUSTOMERS);   /* the demo archives nobody */
  {
    /* the channels' sheet holds the demo's channels, read beside the customers */
    g_autofree char *channels = unzip_member (report, "xl/worksheets/sheet8.xml");

    g_assert_nonnull (strstr (channels, "Where customers come from"));
    g_assert_cmpuint (count (channels, "<row r="), >, 5);
  }
}

static void
cancel_on_progress (RegJob *job, double fraction, const char *status, gpointer data)
{
  if (fraction > 0)
    reg_job_cancel (job);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *report = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegReportJob) job = NULL;
  g_autofree char *written = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
  job = reg_report_job_new (f->shop, report);
  reg_job_set_progress_func (REG_JOB (job), cancel_on_progress, NULL);
  written = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (written);
  g_assert_false (g_file_test (report, G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "demo.regulars"));
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Nothing in the folder but the shop's own files. */
static void
assert_only_the_shop (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "demo.regulars"));
}

static void
test_figures_fail (Fixture *f, gconstpointer data)
{
  g_autofree char *report = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegReportJob) job = NULL;
  g_autofree char *written = NULL;
  sqlite3 *db = NULL;

  /* the channels' figures are read beside the customers, and fail */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE channel_spend", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  job = reg_report_job_new (f->shop, report);
  written = reg_job_run_sync (REG_JOB (job), &error);
  g_assert_null (written);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "channel_spend"));
  g_assert_false (g_file_test (report, G_FILE_TEST_EXISTS));
  assert_only_the_shop (f->dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/services/report-job/every-customer", Fixture, NULL, fixture_setup,
              test_every_customer, fixture_teardown);
  g_test_add ("/services/report-job/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/services/report-job/figures-fail", Fixture, NULL, fixture_setup,
              test_figures_fail, fixture_teardown);
  return g_test_run ();
}
