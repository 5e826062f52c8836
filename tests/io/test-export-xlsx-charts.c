/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook's tracking chart (Model sheet: repeat purchases per week, actual and expected, as
 * a native line chart) and its forecast chart (Summary: the last 12 months' revenue and the
 * expected revenue from today's customers ahead, as a native column chart): the charts point at
 * the cells that hold the figures, and LibreOffice reads those figures back (skipped when
 * soffice is not installed).
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "clv-date.h"
#include "reg-test-utils.h"
#include "reg-xlsx-report-writer.h"

#define N_WEEKS 20
#define SPLIT_WEEK 12

static char *
unzip_member (const char *zip, const char *member)
{
  const char *argv[] = { "unzip", "-p", zip, member, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static gint32 first_week;

/* A shop observed Jan 2023 .. Jun 2024 with 20 weeks tracked from 2024-02-12 and 12 months
 * ahead: the figures vary so that each cell is told apart. */
static RegReportData *
make_data_ranged (gint64 *forecast_total, gboolean ranged)
{
  RegReportData *d = reg_report_data_new ();
  double actual_cum = 0, expected_cum = 0;

  reg_report_data_set_shop (d, "Café Zoë", "EUR", "en_US", clv_date_from_ymd (2024, 6, 30), 12,
                            0.01, REG_TIME_UNIT_WEEKS);
  d->kpis.customers = 120;
  d->kpis.revenue = 1234500;
  for (int m = 0; m < 18; m++)
    reg_report_data_add_month (d, clv_date_from_ymd (2023 + m / 12, m % 12 + 1, 1),
                               100000 + 1000 * m);
  d->model.name = g_strdup ("BG/NBD + Gamma-Gamma");
  d->model.log_likelihood = -1000;
  first_week = clv_date_from_ymd (2024, 2, 12);
  for (int w = 0; w < N_WEEKS; w++)
    {
      double actual = 10 + w % 7, expected = 11.25 + 0.5 * w;

      actual_cum += actual;
      expected_cum += expected;
      reg_report_data_add_tracking (d, first_week + 7 * w, actual, expected, actual_cum,
                                    expected_cum);
    }
  d->model.tracking_weekly = TRUE;
  d->model.tracking_split_day = first_week + 7 * SPLIT_WEEK - 1;
  d->model.tracking_text = g_strdup ("By 30/06/2024 the model expected 320 in all.");
  *forecast_total = 0;
  for (int m = 0; m < 12; m++)
    {
      gint64 v = 90000 - 2500 * m;

      gint32 day = clv_date_from_ymd (2024, 6, 30) + 1 + (gint32) floor (m * 30.4375);

      /* the band widens month by month: 150 below, 200 + 10 a month above */
      if (ranged)
        reg_report_data_add_forecast_range (d, day, v, v - 15000, v + 20000 + 1000 * m);
      else
        reg_report_data_add_forecast (d, day, v);
      *forecast_total += v;
    }
  d->forecast_text = g_strdup ("Today’s customers are likely to spend €9,450.00 with you.");
  return d;
}

static RegReportData *
make_data (gint64 *forecast_total)
{
  return make_data_ranged (forecast_total, TRUE);
}

static char *
write_fixture (const char *dir, RegReportData *d)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "report.xlsx", NULL);

  g_assert_true (reg_xlsx_report_write (path, d, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Both charts are native charts over the cells of the figures: the line chart's two series on
 * the Model sheet, the column chart's two series (past revenue, expected ahead) on Summary. */
static void
test_chart_ranges (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  gint64 total;
  g_autoptr(RegReportData) d = make_data (&total);
  g_autofree char *path = write_fixture (dir, d);
  gboolean line = FALSE, forecast = FALSE;

  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *member = g_strdup_printf ("xl/charts/chart%d.xml", i);
      g_autofree char *xml = unzip_member (path, member);

      if (xml == NULL)
        break;
      if (strstr (xml, "<c:lineChart>") != NULL && strstr (xml, "Model!$C$") != NULL)
        {
          line = TRUE;
          g_assert_nonnull (strstr (xml, "Model!$B$"));
          g_assert_nonnull (strstr (xml, "Model!$A$"));
          g_assert_nonnull (strstr (xml, "<a:prstDash val=\"dash\"/>"));
          g_assert_nonnull (strstr (xml, "fitted up to"));
        }
      if (strstr (xml, "<c:barChart>") != NULL && strstr (xml, "Summary!$C$") != NULL)
        {
          forecast = TRUE;
          g_assert_nonnull (strstr (xml, "Summary!$B$"));
          g_assert_nonnull (strstr (xml, "new customers not included"));
          /* the 80 % band's low and high columns as series of their own */
          g_assert_nonnull (strstr (xml, "Summary!$D$"));
          g_assert_nonnull (strstr (xml, "Summary!$E$"));
          g_assert_nonnull (strstr (xml, "80 % range, high"));
        }
    }
  g_assert_true (line);
  g_assert_true (forecast);
  reg_test_rm_rf (dir);
}

/* Without a model there is neither chart nor section. */
static void
test_no_model (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autoptr(RegReportData) d = reg_report_data_new ();
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;

  reg_report_data_add_month (d, clv_date_from_ymd (2024, 1, 1), 5000);
  path = write_fixture (dir, d);
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *member = g_strdup_printf ("xl/charts/chart%d.xml", i);

      g_clear_pointer (&xml, g_free);
      xml = unzip_member (path, member);
      if (xml == NULL)
        break;
      g_assert_null (strstr (xml, "<c:lineChart>"));
      g_assert_null (strstr (xml, "new customers not included"));
    }
  reg_test_rm_rf (dir);
}

/* A forecast without a band (too little history for ranges): no band columns, no band series. */
static void
test_no_band (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  gint64 total;
  g_autoptr(RegReportData) d = make_data_ranged (&total, FALSE);
  g_autofree char *path = write_fixture (dir, d);
  g_autofree char *sheet = NULL;
  gboolean forecast = FALSE;

  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *member = g_strdup_printf ("xl/charts/chart%d.xml", i);
      g_autofree char *xml = unzip_member (path, member);

      if (xml == NULL)
        break;
      if (strstr (xml, "<c:barChart>") != NULL && strstr (xml, "Summary!$C$") != NULL)
        {
          forecast = TRUE;
          g_assert_null (strstr (xml, "Summary!$D$"));
          g_assert_null (strstr (xml, "80 % range"));
        }
    }
  g_assert_true (forecast);
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%d.xml", i);

      g_clear_pointer (&sheet, g_free);
      sheet = unzip_member (path, member);
      if (sheet == NULL)
        break;
      g_assert_null (strstr (sheet, "80 % range, low"));
    }
  reg_test_rm_rf (dir);
}

static char *
csv_of (const char *dir, const char *sheet)
{
  g_autofree char *name = g_strdup_printf ("report-%s.csv", sheet);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* LibreOffice opens the workbook and reads the charts' figures from their cells: every tracked
 * week with its actual and expected counts, the forecast months and their total. */
static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL, *home = NULL, *path = NULL;
  g_autofree char *out = NULL, *err = NULL, *model = NULL, *summary = NULL;
  g_autofree char *total_text = NULL, *row_text = NULL;
  g_autoptr(RegReportData) d = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  gint64 total;
  int status = 0;
  /* the last token: every sheet to its own file, report-<sheet>.csv */
  const char *argv[] = { NULL, "--headless", "--norestore", "--convert-to",
                         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                         "--outdir", NULL, NULL, NULL };

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  dir = reg_test_make_tmpdir ();
  home = reg_test_make_tmpdir ();
  d = make_data (&total);
  path = write_fixture (dir, d);
  env = g_environ_setenv (g_get_environ (), "HOME", home, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  argv[0] = soffice;
  argv[6] = dir;
  argv[7] = path;
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("soffice: %s %s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  model = csv_of (dir, "Model");
  for (int w = 0; w < N_WEEKS; w++)
    {
      const RegReportTrackingRow *t = &g_array_index (d->model.tracking, RegReportTrackingRow, w);
      g_autofree char *iso = clv_date_format_iso (t->period_day);

      g_clear_pointer (&row_text, g_free);
      row_text = g_strdup_printf ("%s,%.0f,%.2f,%.0f,%.2f\n", iso, t->actual, t->expected,
                                  t->actual_cumulative, t->expected_cumulative);
      if (strstr (model, row_text) == NULL)
        g_error ("week %s not read back as “%s”:\n%s", iso, row_text, model);
    }
  g_assert_nonnull (strstr (model, "Repeat purchases week by week"));

  summary = csv_of (dir, "Summary");
  g_assert_nonnull (strstr (summary, "Revenue ahead from today’s customers"));
  total_text = g_strdup_printf ("Total ahead,,\"€%" G_GINT64_FORMAT ",%03" G_GINT64_FORMAT
                                ".00\"", total / 100000, (total / 100) % 1000);
  if (strstr (summary, total_text) == NULL)
    g_error ("total not read back as %s:\n%s", total_text, summary);
  /* the first month ahead, and the last month of revenue before it */
  g_assert_nonnull (strstr (summary, "07/01/2024,,€900.00,"));
  g_assert_nonnull (strstr (summary, "06/01/2024,\"€1,170.00\","));
  /* the band's low and high beside the first and the last month ahead */
  if (strstr (summary, "07/01/2024,,€900.00,€750.00,\"€1,100.00\"") == NULL
      || strstr (summary, ",,€625.00,€475.00,€935.00\n") == NULL)
    g_error ("the band not read back:\n%s", summary);
  g_assert_nonnull (strstr (summary, "\"80 % range, low\",\"80 % range, high\""));

  /* LibreOffice keeps the chart's band series on the band's cells: written back as xlsx, its
   * chart still draws them from columns D and E */
  {
    g_autofree char *again_dir = g_build_filename (dir, "again", NULL);
    g_autofree char *again = g_build_filename (again_dir, "report.xlsx", NULL);
    g_autofree char *xml = NULL;
    const char *argv2[] = { soffice, "--headless", "--norestore", "--convert-to", "xlsx",
                            "--outdir", again_dir, path, NULL };
    gboolean found = FALSE;

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv2, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    for (int i = 1; i <= 8 && !found; i++)
      {
        g_autofree char *member = g_strdup_printf ("xl/charts/chart%d.xml", i);

        g_clear_pointer (&xml, g_free);
        xml = unzip_member (again, member);
        if (xml == NULL)
          break;
        found = strstr (xml, "Summary!$D$") != NULL && strstr (xml, "Summary!$E$") != NULL
                && strstr (xml, "Summary!$C$") != NULL;
      }
    if (!found)
      g_error ("no chart over the band's cells after LibreOffice:\n%s", xml != NULL ? xml : "");
  }
  reg_test_rm_rf (dir);
  reg_test_rm_rf (home);
}

/* Every sheet prints on the paper of the shop's country: A4 (code 9) unless the shop says
 * Letter (code 1), one page wide, landscape. */
static void
test_paper (void)
{
  for (int letter = 0; letter <= 1; letter++)
    {
      g_autofree char *dir = reg_test_make_tmpdir ();
      gint64 total;
      g_autoptr(RegReportData) d = make_data (&total);
      g_autofree char *path = NULL;
      const char *want = letter ? "paperSize=\"1\"" : "paperSize=\"9\"";
      int sheets = 0;

      d->shop.letter_paper = letter;
      path = write_fixture (dir, d);
      for (int i = 1; i <= 12; i++)
        {
          g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%d.xml", i);
          g_autofree char *xml = unzip_member (path, member);

          if (xml == NULL)
            break;
          sheets++;
          g_assert_nonnull (strstr (xml, want));
          g_assert_nonnull (strstr (xml, "orientation=\"landscape\""));
        }
      g_assert_cmpint (sheets, >=, 5);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/export-xlsx-charts/chart-ranges", test_chart_ranges);
  g_test_add_func ("/io/export-xlsx-charts/no-model", test_no_model);
  g_test_add_func ("/io/export-xlsx-charts/no-band", test_no_band);
  g_test_add_func ("/io/export-xlsx-charts/paper", test_paper);
  g_test_add_func ("/io/export-xlsx-charts/libreoffice", test_libreoffice);
  return g_test_run ();
}
