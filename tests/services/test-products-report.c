/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook's Products sheet as the report job writes it from a shop: on the Online Retail
 * sample in real-exports, the sheet after Channels lists the shop's products by revenue (as
 * reg_shop_product_figures counts them), then the pairs bought together most often.
 */
#include <string.h>

#include "reg-analysis-job.h"
#include "reg-import-job.h"
#include "reg-products.h"
#include "reg-report-job.h"
#include "reg-shop.h"
#include "reg-test-utils.h"

static char *
sheet_xml (const char *path, const char *member)
{
  const char *argv[] = { "unzip", "-p", path, member, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  return out;
}

/* The inline string of cell @ref, or NULL. */
static char *
cell_text (const char *xml, const char *ref)
{
  g_autofree char *pattern = g_strdup_printf ("<c r=\"%s\"[^>]*><is><t[^>]*>([^<]*)</t>", ref);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (re, xml, 0, &m))
    return NULL;
  return g_match_info_fetch (m, 1);
}

static void
test_sheet (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *shop_path = g_build_filename (dir, "shop.regulars", NULL);
  g_autofree char *report = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *csv = reg_test_shared_data_path ("real-exports", "online-retail",
                                                    "online_retail_sample.csv", NULL);
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = reg_shop_open (shop_path, TRUE, &error);
  g_autoptr(RegProductFigures) figures = NULL;
  g_autofree char *workbook = NULL, *sheet = NULL;
  guint header = 0, pairs_header = 0;

  g_assert_no_error (error);
  {
    RegImportRequest req;
    g_autoptr(RegImportJob) job = NULL;
    g_autoptr(RegImportResult) result = NULL;

    reg_import_request_init (&req);
    job = reg_import_job_new (shop, csv, &req);
    result = reg_job_run_sync (REG_JOB (job), &error);
    g_assert_no_error (error);
  }
  {
    RegAnalysisOptions opts;
    g_autoptr(RegAnalysisJob) job = NULL;
    g_autoptr(RegAnalysisSummary) summary = NULL;

    reg_analysis_options_init (&opts);
    job = reg_analysis_job_new (shop, &opts);
    summary = reg_job_run_sync (REG_JOB (job), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(RegReportJob) job = reg_report_job_new (shop, report);
    g_autofree char *written = reg_job_run_sync (REG_JOB (job), &error);

    g_assert_no_error (error);
  }
  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      reg_test_rm_rf (dir);
      return;
    }
  figures = reg_shop_product_figures (shop, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->products->len, >, 0);
  g_assert_cmpuint (figures->pairs->len, >, 0);

  workbook = sheet_xml (report, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Channels\""));
  g_assert_true (strstr (workbook, "<sheet name=\"Products\"") > strstr (workbook, "<sheet name=\"Channels\""));
  sheet = sheet_xml (report, "xl/worksheets/sheet9.xml");
  for (guint r = 1; r < 20 && header == 0; r++)
    {
      g_autofree char *ref = g_strdup_printf ("A%u", r);
      g_autofree char *v = cell_text (sheet, ref);
      if (g_strcmp0 (v, "Code") == 0)
        header = r;
    }
  g_assert_cmpuint (header, >, 0);
  /* every product, in the services' order */
  for (guint i = 0; i < figures->products->len; i++)
    {
      const RegProductRow *p = figures->products->pdata[i];
      g_autofree char *ref = g_strdup_printf ("A%u", header + 1 + i);
      g_autofree char *code = cell_text (sheet, ref);

      g_assert_cmpstr (code, ==, p->code);
    }
  {
    g_autofree char *ref = g_strdup_printf ("A%u", header + 1 + figures->products->len);
    g_assert_null (cell_text (sheet, ref));
  }
  /* then the pairs, most orders first */
  for (guint r = header + figures->products->len + 1; r < header + figures->products->len + 5; r++)
    {
      g_autofree char *ref = g_strdup_printf ("A%u", r);
      g_autofree char *v = cell_text (sheet, ref);
      if (g_strcmp0 (v, "Product") == 0)
        pairs_header = r;
    }
  g_assert_cmpuint (pairs_header, >, 0);
  for (guint i = 0; i < MIN (figures->pairs->len, 100); i++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);
      g_autofree char *ref_a = g_strdup_printf ("B%u", pairs_header + 1 + i);
      g_autofree char *ref_b = g_strdup_printf ("D%u", pairs_header + 1 + i);
      g_autofree char *a = cell_text (sheet, ref_a), *b = cell_text (sheet, ref_b);

      g_assert_cmpstr (a, ==, p->a->code);
      g_assert_cmpstr (b, ==, p->b->code);
    }
  g_clear_object (&shop);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/products/report-sheet", test_sheet);
  return g_test_run ();
}
