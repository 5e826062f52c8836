/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report workbook read back: unzip the .xlsx and check sheets, the emulated tables (header,
 * autofilter, frozen pane, banding), number formats, charts, the colour scale and cell values;
 * dot decimals under de_DE; formula-looking names stay strings; nothing left behind on cancel
 * or error; LibreOffice opens it (skipped when soffice is not installed).
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "clv-date.h"
#include "reg-export-util.h"
#include "reg-io-error.h"
#include "reg-test-utils.h"
#include "reg-xlsx-report-writer.h"

static const char *const tricky_names[] = {
  "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tTabbed", "\rReturned",
  "Zoë Brontë", "Jürgen Müller", "王芳", "Łukasz Żółw", "O'Brien & <Sons>",
};

/* ---- helpers ------------------------------------------------------------------------------ */

static char *
unzip_member (const char *zip, const char *member)
{
  const char *argv[] = { "unzip", "-p", zip, member, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static char **
unzip_list (const char *zip)
{
  const char *argv[] = { "unzip", "-Z1", zip, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  return g_strsplit (out, "\n", -1);
}

static gboolean
have_unzip (void)
{
  g_autofree char *p = g_find_program_in_path ("unzip");

  if (p == NULL)
    g_test_skip ("unzip is not installed");
  return p != NULL;
}

/* The XML of cell @ref ("B5") in @xml, from "<c" to "</c>" (or "/>"), or NULL. */
static char *
cell_xml (const char *xml, const char *ref)
{
  g_autofree char *needle = g_strdup_printf ("<c r=\"%s\"", ref);
  const char *start = strstr (xml, needle);
  const char *gt;

  if (start == NULL)
    return NULL;
  gt = strchr (start, '>');
  if (gt[-1] == '/')
    return g_strndup (start, gt + 1 - start);
  return g_strndup (start, strstr (start, "</c>") + 4 - start);
}

/* The text inside <v>…</v> or <t>…</t> of a cell. */
static char *
cell_value (const char *xml, const char *ref)
{
  g_autofree char *c = cell_xml (xml, ref);
  const char *v, *e;

  if (c == NULL)
    return NULL;
  if ((v = strstr (c, "<v>")) != NULL)
    v += 3;
  else if ((v = strstr (c, "<t>")) != NULL ||
           (v = strstr (c, "<t xml:space=\"preserve\">")) != NULL)
    v = strchr (v, '>') + 1;
  else
    return NULL;
  e = strchr (v, '<');
  return g_strndup (v, e - v);
}

/* Text as libxlsxwriter escapes it in a cell: &, < and > only. */
static double
cell_number (const char *xml, const char *ref)
{
  g_autofree char *v = cell_value (xml, ref);

  g_assert_nonnull (v);
  return g_ascii_strtod (v, NULL);
}

static char *
xml_escape (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ---- fixture ------------------------------------------------------------------------------ */

static void
fill_customer (RegReportCustomer *c, guint i, const char *name)
{
  static const char *tiers[] = { "top", "middle", "bottom" };

  memset (c, 0, sizeof *c);
  c->id = 1000 + i;
  c->name = (char *) name;
  c->email = (char *) (i % 5 == 4 ? NULL : "someone@example.org");
  c->phone = (char *) (i % 2 == 0 ? "+49 30 1234567" : NULL);
  c->email_consent = i % 3 != 0;
  c->first_purchase_day = clv_date_from_ymd (2023, 1, 1) + (gint32) i;
  c->last_purchase_day = clv_date_from_ymd (2024, 3, 1) + (gint32) i;
  c->purchases = 1 + i % 7;
  c->total_spend = 12345 + (gint64) i * 100;       /* 123.45 € for the first */
  c->probability_alive = i % 4 == 3 ? REG_REPORT_NA : 0.5 + (i % 5) / 10.0;
  c->expected_purchases = i % 4 == 3 ? REG_REPORT_NA : 1.25;
  c->predicted_clv = i % 4 == 3 ? REG_REPORT_NA : 50000 + (gint64) i;
  c->tier_id = (char *) tiers[i % 3];
  c->rfm_group = (char *) "Champions";
  c->at_risk_reason = (char *) (i % 6 == 5 ? "Overdue: usually every 3 weeks, now 9" : NULL);
  c->purchases_low = i % 4 == 3 ? REG_REPORT_NA : 0;
  c->purchases_high = i % 4 == 3 ? REG_REPORT_NA : 3;
  c->clv_low = i % 4 == 3 ? REG_REPORT_NA : 0;
  c->clv_high = i % 4 == 3 ? REG_REPORT_NA : 120000 + (gint64) i;
}

static RegReportData *
make_data (gboolean with_customers)
{
  RegReportData *d = reg_report_data_new ();
  double retention[][4] = { { 1.0, 0.4, 0.3, 0.25 }, { 1.0, 0.5, 0.35, 0 }, { 1.0, 0.45, 0, 0 } };

  reg_report_data_set_shop (d, "Café Zoë", "EUR", "de_DE", clv_date_from_ymd (2024, 6, 30), 12,
                            0.01, REG_TIME_UNIT_WEEKS);
  d->kpis.customers = 1234;
  d->kpis.active_customers = 567;
  d->kpis.revenue = 9876543;                   /* 98,765.43 */
  d->kpis.average_order_value = 4250;
  d->kpis.purchase_frequency = 2.5;
  d->kpis.repeat_rate = 0.375;
  d->kpis.churn_rate = REG_REPORT_NA;          /* not available: printed in words */
  d->kpis.average_predicted_clv = 8000;
  d->kpis.total_predicted_clv = 9872000;
  for (int m = 1; m <= 6; m++)
    reg_report_data_add_month (d, clv_date_from_ymd (2024, m, 1), 100000 * m + 50);
  reg_report_data_add_tier (d, "top", "Top tier", 247, 6000000);
  reg_report_data_add_tier (d, "middle", "Middle: the [usual]/regulars?", 617, 3000000);
  reg_report_data_add_tier (d, "bottom", "Bottom tier", 370, 872000);
  reg_report_data_add_cohort (d, clv_date_from_ymd (2024, 1, 1), 100, retention[0], 4);
  reg_report_data_add_cohort (d, clv_date_from_ymd (2024, 2, 1), 80, retention[1], 3);
  reg_report_data_add_cohort (d, clv_date_from_ymd (2024, 3, 1), 60, retention[2], 2);
  d->model.name = g_strdup ("BG/NBD + Gamma-Gamma");
  d->model.reason = g_strdup ("It fitted your sales best and is quick to compute.");
  reg_report_data_add_param (d, "r", "spread of how often customers buy", 0.243);
  reg_report_data_add_param (d, "alpha", "typical time between purchases", 4.414);
  d->model.log_likelihood = -9582.4;
  d->model.calibration_end_day = clv_date_from_ymd (2024, 3, 31);
  d->model.holdout_end_day = clv_date_from_ymd (2024, 6, 30);
  d->model.holdout_predicted = 110;
  d->model.holdout_actual = 100;
  reg_report_data_add_holdout (d, "Customers with 1 purchase", 40.5, 38);

  if (with_customers)
    for (guint i = 0; i < 30; i++)
      {
        RegReportCustomer c;
        g_autofree char *plain = g_strdup_printf ("Customer %u", i);

        fill_customer (&c, i, i < G_N_ELEMENTS (tricky_names) ? tricky_names[i] : plain);
        reg_report_data_add_customer (d, &c);
      }
  return d;
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

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_sheet_names (void)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *a = reg_excel_sheet_name ("Middle: the [usual]/regulars?", used);
  g_autofree char *b = reg_excel_sheet_name ("middle- the -usual--regulars-", used);
  g_autofree char *c = reg_excel_sheet_name ("A very long tier name that goes on and on", used);
  g_autofree char *d = reg_excel_sheet_name ("'quoted'", used);
  g_autofree char *e = reg_excel_sheet_name ("", used);
  g_autofree char *f = reg_excel_sheet_name ("history", used);
  g_autofree char *g = reg_excel_sheet_name ("Stammkundschaft Zoë 王芳 über alle Maßen lang", used);

  g_assert_cmpstr (a, ==, "Middle- the -usual--regulars-");
  g_assert_cmpstr (b, ==, "middle- the -usual--regular (2)");
  g_assert_cmpint (g_utf8_strlen (b, -1), <=, 31);
  g_assert_cmpint (g_utf8_strlen (c, -1), ==, 31);
  g_assert_null (strchr (d, '\''));
  g_assert_cmpstr (e, ==, "Sheet");
  g_assert_cmpstr (f, ==, "Sheet (2)");
  g_assert_cmpint (g_utf8_strlen (g, -1), ==, 31);
  g_assert_true (g_utf8_validate (g, -1, NULL));
}

static void
test_helpers (void)
{
  ClvMoneyFormat de, us, jp;
  g_autofree char *fde = NULL, *fus = NULL, *fjp = NULL;

  clv_money_format_init (&de, "de_DE", "EUR");
  clv_money_format_init (&us, "en_US", "USD");
  clv_money_format_init (&jp, "ja_JP", "JPY");
  fde = reg_excel_currency_format (&de);
  fus = reg_excel_currency_format (&us);
  fjp = reg_excel_currency_format (&jp);
  g_assert_cmpstr (fde, ==, "#,##0.00\\ \"€\";-#,##0.00\\ \"€\"");
  g_assert_cmpstr (fus, ==, "\"$\"#,##0.00;-\"$\"#,##0.00");
  g_assert_cmpstr (fjp, ==, "\"¥\"#,##0;-\"¥\"#,##0");
  g_assert_cmpfloat (reg_excel_date_serial (clv_date_from_ymd (1900, 3, 1)), ==, 61);
  g_assert_cmpfloat (reg_excel_date_serial (clv_date_from_ymd (2024, 1, 1)), ==, 45292);
  g_assert_cmpfloat (reg_minor_to_major (12345, 2), ==, 123.45);

  /* the formula characters of OWASP's list, and only those, at the start only */
  for (const char *p = "=+-@\t\r\n"; *p != '\0'; p++)
    {
      char text[] = { *p, 'x', '\0' };
      g_autofree char *guarded = reg_text_guarded (text);

      g_assert_true (reg_text_needs_guard (text));
      g_assert_cmpint (guarded[0], ==, '\'');
      g_assert_cmpstr (guarded + 1, ==, text);
    }
  g_assert_false (reg_text_needs_guard ("Anna"));
  g_assert_false (reg_text_needs_guard ("1+1"));
  g_assert_false (reg_text_needs_guard (""));
  g_assert_false (reg_text_needs_guard (NULL));
  g_assert_false (reg_text_needs_guard (" =1"));
}

static void
test_structure (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RegReportData) d = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *workbook = NULL, *styles = NULL, *tier = NULL, *cohorts = NULL;
  g_autofree char *summary = NULL, *chart1 = NULL, *chart2 = NULL, *model = NULL;
  g_autofree char *meanings = NULL, *drawing = NULL;
  const char *expected_parts[] = { "xl/workbook.xml", "xl/styles.xml", "xl/charts/chart1.xml",
                                   "xl/charts/chart2.xml", "xl/drawings/drawing1.xml",
                                   "xl/worksheets/sheet7.xml", "docProps/core.xml" };

  if (!have_unzip ())
    return;
  dir = reg_test_make_tmpdir ();
  d = make_data (TRUE);
  path = write_fixture (dir, d);
  g_assert_cmpuint (count_files (dir), ==, 1);     /* no temp file left beside it */

  parts = unzip_list (path);
  for (guint i = 0; i < G_N_ELEMENTS (expected_parts); i++)
    {
      g_test_message ("part %s", expected_parts[i]);
      g_assert_true (g_strv_contains ((const char *const *) parts, expected_parts[i]));
    }
  g_assert_true (g_strv_contains ((const char *const *) parts, "xl/worksheets/sheet9.xml"));
  g_assert_false (g_strv_contains ((const char *const *) parts, "xl/worksheets/sheet10.xml"));
  g_assert_false (g_strv_contains ((const char *const *) parts, "xl/tables/table1.xml"));

  /* Sheets, in order, with the tier name made valid. */
  workbook = unzip_member (path, "xl/workbook.xml");
  {
    const char *names[] = { "Summary", "Top tier", "Middle- the -usual--regulars-",
                            "Bottom tier", "Cohorts", "Model", "What these figures mean",
                            "Channels", "Products" };
    const char *at = workbook;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *needle = g_strdup_printf ("<sheet name=\"%s\"", names[i]);
        const char *found = strstr (at, needle);

        g_test_message ("sheet %s", names[i]);
        g_assert_nonnull (found);
        at = found;
      }
  }

  /* Number formats: the shop's currency (de_DE: symbol after), ISO dates, percentages. */
  styles = unzip_member (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0.00\\ &quot;€&quot;;"
                                    "-#,##0.00\\ &quot;€&quot;\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"yyyy-mm-dd\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"0.0%\""));

  /* Top tier sheet: header row, autofilter over every row, frozen header, banding. The fixture
   * deals customers 0, 3, 6, … (10 of them) to the top tier. */
  tier = unzip_member (path, "xl/worksheets/sheet2.xml");
  g_assert_nonnull (strstr (tier, "<autoFilter ref=\"A1:R11\"/>"));
  g_assert_nonnull (strstr (tier, "<pane xSplit=\"2\" ySplit=\"1\" topLeftCell=\"C2\" "
                                  "activePane=\"bottomRight\" state=\"frozen\"/>"));
  g_assert_nonnull (strstr (tier, "<conditionalFormatting sqref=\"A2:R11\">"));
  g_assert_nonnull (strstr (tier, "<formula>MOD(ROW(),2)=0</formula>"));
  {
    g_autofree char *a1 = cell_value (tier, "A1");
    g_autofree char *l1 = cell_value (tier, "L1");
    g_autofree char *n1 = cell_value (tier, "N1");

    g_assert_cmpstr (a1, ==, "Customer ID");
    g_assert_cmpstr (l1, ==, "Predicted CLV (next 12 months)");
    g_assert_cmpstr (n1, ==, "Slipping away because");
  }
  /* the 80 % ranges after the older columns */
  {
    g_autofree char *o1 = cell_value (tier, "O1");
    g_autofree char *r1 = cell_value (tier, "R1");
    g_autofree char *o2 = cell_value (tier, "O2");
    g_autofree char *p2 = cell_value (tier, "P2");
    g_autofree char *q2 = cell_value (tier, "Q2");
    g_autofree char *r2 = cell_value (tier, "R2");
    g_autofree char *o3 = cell_xml (tier, "O3");
    g_autofree char *r3 = cell_xml (tier, "R3");

    g_assert_cmpstr (o1, ==, "Purchases, 80 % range: low");
    g_assert_cmpstr (r1, ==, "Predicted CLV, 80 % range: high");
    g_assert_cmpstr (o2, ==, "0");
    g_assert_cmpstr (p2, ==, "3");
    g_assert_cmpstr (q2, ==, "0");
    g_assert_cmpstr (r2, ==, "1200");
    /* customer 3 has no model figures: no range either */
    g_assert_null (o3);
    g_assert_null (r3);
  }

  /* Values of the first top-tier customer (index 0, the HYPERLINK name). */
  {
    g_autofree char *a2 = cell_value (tier, "A2");
    g_autofree char *b2 = cell_xml (tier, "B2");
    g_autofree char *b2v = cell_value (tier, "B2");
    g_autofree char *want = xml_escape (tricky_names[0]);
    g_autofree char *e2 = cell_value (tier, "E2");
    g_autofree char *f2 = cell_value (tier, "F2");
    g_autofree char *i2 = cell_value (tier, "I2");
    g_autofree char *j2 = cell_value (tier, "J2");
    g_autofree char *k2 = cell_value (tier, "K2");
    g_autofree char *l2 = cell_value (tier, "L2");
    g_autofree char *m2 = cell_value (tier, "M2");

    g_assert_cmpstr (a2, ==, "1000");
    g_assert_nonnull (strstr (b2, "t=\"inlineStr\""));
    g_assert_null (strstr (b2, "<f>"));
    g_assert_cmpstr (b2v, ==, want);
    g_assert_cmpstr (e2, ==, "No");                         /* 0 % 3 == 0: no consent */
    g_assert_cmpstr (f2, ==, "44927");                      /* 2023-01-01 as an Excel date */
    g_assert_cmpstr (i2, ==, "123.45");
    g_assert_cmpstr (j2, ==, "0.5");
    g_assert_cmpstr (k2, ==, "1.25");
    g_assert_cmpstr (l2, ==, "500");
    g_assert_cmpstr (m2, ==, "Champions");
  }
  /* Customer 3 (second top-tier row) has no model figures: those cells are left out. */
  {
    g_autofree char *b3 = cell_value (tier, "B3");
    g_autofree char *j3 = cell_xml (tier, "J3");
    g_autofree char *l3 = cell_xml (tier, "L3");

    g_assert_cmpstr (b3, ==, "@SUM(A1)");
    g_assert_null (j3);
    g_assert_null (l3);
  }
  g_assert_null (strstr (tier, "NaN"));
  g_assert_null (strstr (tier, "<f>"));

  /* Every formula-looking name stays a string cell on its tier sheet. */
  for (guint s = 2; s <= 4; s++)
    {
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", s);
      g_autofree char *xml = unzip_member (path, member);

      g_assert_null (strstr (xml, "<f>"));
      g_assert_null (strstr (xml, "t=\"str\""));
    }
  {
    g_autofree char *s3 = unzip_member (path, "xl/worksheets/sheet3.xml");
    g_autofree char *s4 = unzip_member (path, "xl/worksheets/sheet4.xml");
    g_autofree char *all = g_strconcat (tier, s3, s4, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (tricky_names); i++)
      {
        g_autofree char *cleaned = reg_text_clean (tricky_names[i]);
        g_autofree char *want = xml_escape (cleaned);

        g_test_message ("name %u", i);
        g_assert_nonnull (strstr (all, want));
      }
  }

  /* Summary: KPI values, "not available" in words, totals as formulas with their value, charts. */
  summary = unzip_member (path, "xl/worksheets/sheet1.xml");
  {
    g_autofree char *b5 = cell_value (summary, "B5");
    g_autofree char *b10 = cell_value (summary, "B10");
    g_autofree char *b11 = cell_value (summary, "B11");

    g_assert_cmpstr (b5, ==, "1234");
    g_assert_cmpfloat_with_epsilon (cell_number (summary, "B7"), 98765.43, 1e-9);
    g_assert_cmpstr (b10, ==, "0.375");
    g_assert_cmpstr (b11, ==, "not available");
    {
      /* and why, beside it */
      g_autofree char *d11 = cell_value (summary, "D11");
      g_assert_nonnull (strstr (d11, "no customers in the period before"));
    }
  }
  g_assert_nonnull (strstr (summary, "<f>SUM(C34:C36)</f><v>98720</v>"));
  g_assert_nonnull (strstr (summary, "<f>SUM(B41:B46)</f><v>21003</v>"));
  g_assert_nonnull (strstr (summary, "<drawing r:id=\"rId1\"/>"));
  drawing = unzip_member (path, "xl/drawings/drawing1.xml");
  g_assert_nonnull (strstr (drawing, "r:id=\"rId2\""));
  chart1 = unzip_member (path, "xl/charts/chart1.xml");
  chart2 = unzip_member (path, "xl/charts/chart2.xml");
  g_assert_nonnull (strstr (chart1, "<c:pieChart>"));
  g_assert_nonnull (strstr (chart1, "<c:f>Summary!$C$34:$C$36</c:f>"));
  g_assert_nonnull (strstr (chart2, "<c:barChart>"));
  g_assert_nonnull (strstr (chart2, "<c:f>Summary!$B$41:$B$46</c:f>"));
  g_assert_nonnull (strstr (chart2, "<c:f>Summary!$A$41:$A$46</c:f>"));

  /* Cohorts: percentages and a 3-colour scale over them. */
  cohorts = unzip_member (path, "xl/worksheets/sheet5.xml");
  g_assert_nonnull (strstr (cohorts, "<conditionalFormatting sqref=\"C6:F8\">"));
  g_assert_nonnull (strstr (cohorts, "<colorScale><cfvo type=\"min\" val=\"0\"/>"
                                     "<cfvo type=\"percentile\" val=\"50\"/>"
                                     "<cfvo type=\"max\" val=\"0\"/>"));
  {
    g_autofree char *d5 = cell_value (cohorts, "D6");
    g_autofree char *a5 = cell_value (cohorts, "A6");

    g_assert_cmpstr (d5, ==, "0.4");
    g_assert_cmpstr (a5, ==, "45292");
  }

  /* Model in plain words: parameters, fit, holdout with its difference as a formula. */
  model = unzip_member (path, "xl/worksheets/sheet6.xml");
  g_assert_nonnull (strstr (model, "BG/NBD + Gamma-Gamma"));
  g_assert_nonnull (strstr (model, "<v>0.243</v>"));
  g_assert_nonnull (strstr (model, "<v>-9582.4</v>"));
  g_assert_nonnull (strstr (model, "too many"));
  g_assert_nonnull (strstr (model, "<v>0.1</v>"));
  g_assert_nonnull (strstr (model, "Customers with 1 purchase"));

  meanings = unzip_member (path, "xl/worksheets/sheet7.xml");
  g_assert_nonnull (strstr (meanings, "next 12 months, in today’s money"));
  g_assert_nonnull (strstr (meanings, "Probability alive"));
  g_assert_nonnull (strstr (meanings, "RFM group"));
  g_assert_nonnull (strstr (meanings, "Slipping away because"));

  g_unlink (path);
  reg_test_rm_rf (dir);
}

/* libxlsxwriter formats doubles with the current locale: under de_DE a careless writer puts
 * "123,45" in the XML, which spreadsheets read as text or as 12345. */
static void
test_german_locale (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tier = NULL, *summary = NULL, *cohorts = NULL;
  g_autoptr(RegReportData) d = NULL;
  g_autoptr(GRegex) comma = g_regex_new ("<v>-?[0-9]+,[0-9]+</v>", 0, 0, NULL);
  char *old;

  if (!have_unzip ())
    return;
  old = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_free (old);
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  {
    char buf[32];
    g_snprintf (buf, sizeof buf, "%.2f", 1.5);
    g_assert_cmpstr (buf, ==, "1,50");          /* the locale really is in force */
  }
  dir = reg_test_make_tmpdir ();
  d = make_data (TRUE);
  path = write_fixture (dir, d);
  /* the writer restored the caller's locale */
  {
    char buf[32];
    g_snprintf (buf, sizeof buf, "%.2f", 1.5);
    g_assert_cmpstr (buf, ==, "1,50");
  }
  setlocale (LC_ALL, old);
  g_free (old);

  tier = unzip_member (path, "xl/worksheets/sheet2.xml");
  summary = unzip_member (path, "xl/worksheets/sheet1.xml");
  cohorts = unzip_member (path, "xl/worksheets/sheet5.xml");
  g_assert_nonnull (strstr (tier, "<v>123.45</v>"));
  g_assert_nonnull (strstr (tier, "<v>1.25</v>"));
  g_assert_nonnull (strstr (summary, "<v>98765.42999999999</v>"));
  g_assert_nonnull (strstr (cohorts, "<v>0.35</v>"));
  g_assert_false (g_regex_match (comma, tier, 0, NULL));
  g_assert_false (g_regex_match (comma, summary, 0, NULL));
  g_assert_false (g_regex_match (comma, cohorts, 0, NULL));

  g_unlink (path);
  reg_test_rm_rf (dir);
}

/* ---- streaming, cancel, errors ------------------------------------------------------------ */

typedef struct
{
  guint         n;
  guint         total;
  guint         cancel_at;        /* 0 = never */
  guint         fail_at;          /* 0 = never */
  GCancellable *cancellable;
  char          name[64];
} Stream;

static gboolean
stream_next (gpointer user_data, RegReportCustomer *out, GError **error)
{
  Stream *s = user_data;

  if (s->n >= s->total)
    return FALSE;
  if (s->fail_at != 0 && s->n == s->fail_at)
    {
      g_set_error_literal (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, "database went away");
      return FALSE;
    }
  if (s->cancel_at != 0 && s->n == s->cancel_at)
    g_cancellable_cancel (s->cancellable);
  g_snprintf (s->name, sizeof s->name, "Streamed customer %u", s->n);
  fill_customer (out, s->n, s->name);
  s->n++;
  return TRUE;
}

static void
test_stream (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "stream.xlsx", NULL);
  g_autoptr(RegReportData) d = make_data (FALSE);
  g_autoptr(GError) error = NULL;
  Stream s = { .total = 5000 };
  g_autofree char *tier = NULL;
  g_autofree char *last = NULL;
  g_autofree char *after = NULL;

  if (!have_unzip ())
    return;
  g_assert_true (reg_xlsx_report_write (path, d, stream_next, &s, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n, ==, 5000);
  /* middle tier: customers 1, 4, 7, … 4999 → 1667 rows after the header */
  tier = unzip_member (path, "xl/worksheets/sheet3.xml");
  g_assert_nonnull (strstr (tier, "<autoFilter ref=\"A1:R1668\"/>"));
  last = cell_value (tier, "B1668");
  g_assert_cmpstr (last, ==, "Streamed customer 4999");
  after = cell_xml (tier, "B1669");
  g_assert_null (after);
  reg_test_rm_rf (dir);
}

/* The customers' stream may complete the products and pairs until it ends: the sheets after
 * the customers' are written from them only then (the report job reads those figures while
 * the customers are written). */
typedef struct
{
  Stream         stream;
  RegReportData *data;
} CompletingStream;

static gboolean
completing_next (gpointer user_data, RegReportCustomer *out, GError **error)
{
  CompletingStream *c = user_data;
  RegReportPair pair = { (char *) "85123A", (char *) "WHITE HANGING HEART", (char *) "22423",
                         (char *) "REGENCY CAKESTAND", 7, 0.01, 0.5, 0.25, 3.5 };

  if (stream_next (&c->stream, out, error))
    return TRUE;
  reg_report_data_add_product (c->data, "85123A", "WHITE HANGING HEART", 123456, 40, 12, 30);
  reg_report_data_add_pair (c->data, &pair);
  return FALSE;
}

static void
test_completed_while_streaming (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "completed.xlsx", NULL);
  g_autoptr(RegReportData) d = make_data (FALSE);
  g_autoptr(GError) error = NULL;
  CompletingStream c = { .stream = { .total = 300 }, .data = d };
  g_autofree char *products = NULL;

  if (!have_unzip ())
    return;
  g_assert_cmpuint (d->products->len, ==, 0);
  g_assert_true (reg_xlsx_report_write (path, d, completing_next, &c, NULL, &error));
  g_assert_no_error (error);
  products = unzip_member (path, "xl/worksheets/sheet9.xml");
  g_assert_null (strstr (products, "No products yet"));
  g_assert_nonnull (strstr (products, "WHITE HANGING HEART"));
  g_assert_nonnull (strstr (products, "REGENCY CAKESTAND"));
  reg_test_rm_rf (dir);
}

static void
test_unknown_tier (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.xlsx", NULL);
  g_autoptr(RegReportData) d = make_data (TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *workbook = NULL;
  RegReportCustomer c;

  if (!have_unzip ())
    return;
  fill_customer (&c, 99, "Nobody ranked");
  c.tier_id = (char *) "ghost";
  reg_report_data_add_customer (d, &c);
  g_assert_true (reg_xlsx_report_write (path, d, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  workbook = unzip_member (path, "xl/workbook.xml");
  /* after the fixed sheets, Products the last of them */
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Other customers\" sheetId=\"10\""));
  reg_test_rm_rf (dir);
}

static void
test_cancel (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cancelled.xlsx", NULL);
  g_autoptr(RegReportData) d = make_data (FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Stream s = { .total = 20000, .cancel_at = 2500, .cancellable = cancellable };

  g_assert_false (reg_xlsx_report_write (path, d, stream_next, &s, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (s.n, <, 20000);               /* stopped early */
  g_assert_cmpuint (count_files (dir), ==, 0);    /* nothing left behind */
  reg_test_rm_rf (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "failed.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir", "r.xlsx", NULL);
  g_autoptr(RegReportData) d = make_data (FALSE);
  g_autoptr(GError) error = NULL;
  Stream s = { .total = 3000, .fail_at = 1234 };

  /* the source fails half-way: its error comes out, no file */
  g_assert_false (reg_xlsx_report_write (path, d, stream_next, &s, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN);
  g_assert_cmpstr (error->message, ==, "database went away");
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_clear_error (&error);

  /* a folder that does not exist */
  g_assert_false (reg_xlsx_report_write (missing, d, NULL, NULL, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* an existing file is replaced only on success */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  s.n = 0;
  g_assert_false (reg_xlsx_report_write (path, d, stream_next, &s, NULL, &error));
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");
  }
  g_assert_cmpuint (count_files (dir), ==, 1);
  reg_test_rm_rf (dir);
}

/* A report with no model, no tiers, no months and no cohorts still opens and says so. */
static void
test_empty (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.xlsx", NULL);
  g_autoptr(RegReportData) d = reg_report_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL, *model = NULL;
  g_auto(GStrv) parts = NULL;

  if (!have_unzip ())
    return;
  d->model.not_enough_data = g_strdup ("Come back after a few more sales.");
  g_assert_true (reg_xlsx_report_write (path, d, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  parts = unzip_list (path);
  g_assert_false (g_strv_contains ((const char *const *) parts, "xl/charts/chart1.xml"));
  summary = unzip_member (path, "xl/worksheets/sheet1.xml");
  g_assert_null (strstr (summary, "NaN"));
  g_assert_nonnull (strstr (summary, "not available"));
  model = unzip_member (path, "xl/worksheets/sheet3.xml");
  g_assert_nonnull (strstr (model, "Come back after a few more sales."));
  reg_test_rm_rf (dir);
}

/* The Channels sheet, read back: one row per channel with the figures given, customers
 * without a channel under "Unknown", figures that have no value in words, and the chart of
 * value against cost drawn from the rows. */
static void
test_channels (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sheet = NULL, *chart = NULL, *values = NULL, *costs = NULL;
  g_autoptr(RegReportData) d = NULL;
  guint header = 0;
  char ref[16];
  g_autoptr(GArray) channels = g_array_new (FALSE, TRUE, sizeof (ClvChannelFigures));
  ClvChannelFigures insta = { g_strdup ("Instagram"), 3, 2, 20000, 2, 7500, 3000, 12500, 60000,
                              1000, 30500, 0.45, 9.25 };
  ClvChannelFigures unknown = { NULL, 2, 1, 1000, 0, -1, -1, -1, 0, 0, 0, -1, 0 };
  ClvChannelFigures flyers = { g_strdup ("Flyers"), 0, 0, 0, 0, -1, -1, -1, 10000, 0, -1, 0,
                               -1 };

  if (!have_unzip ())
    return;
  g_array_set_clear_func (channels, (GDestroyNotify) clv_channel_figures_clear);
  g_array_append_val (channels, insta);
  g_array_append_val (channels, flyers);
  g_array_append_val (channels, unknown);
  dir = reg_test_make_tmpdir ();
  d = make_data (FALSE);
  reg_report_data_take_channels (d, channels, clv_month_index (2024, 1),
                                 clv_month_index (2024, 6));
  g_assert_cmpuint (channels->len, ==, 0);
  path = write_fixture (dir, d);
  sheet = unzip_member (path, "xl/worksheets/sheet8.xml");
  g_assert_nonnull (sheet);
  g_assert_nonnull (strstr (sheet, "from 2024-01 to 2024-06"));

  /* the channels in their order under the header row (after the title and the paragraph) */
  for (guint r = 1; r < 20 && header == 0; r++)
    {
      g_autofree char *a1 = g_strdup_printf ("A%u", r);
      g_autofree char *v = cell_value (sheet, a1);
      if (g_strcmp0 (v, "Channel") == 0)
        header = r;
    }
  g_assert_cmpuint (header, >, 1);
#define AT(col, n) (g_snprintf (ref, sizeof ref, "%c%u", col, header + (n)), ref)
  {
    g_autofree char *a = cell_value (sheet, AT ('A', 1));
    g_autofree char *b = cell_value (sheet, AT ('A', 2));
    g_autofree char *c = cell_value (sheet, AT ('A', 3));
    g_autofree char *never = cell_value (sheet, AT ('L', 2));
    g_autofree char *na = cell_value (sheet, AT ('E', 3));
    g_autofree char *ratio_na = cell_value (sheet, AT ('K', 3));

    g_assert_cmpstr (a, ==, "Instagram");
    g_assert_cmpstr (b, ==, "Flyers");
    g_assert_cmpstr (c, ==, "Unknown");
    g_assert_cmpstr (never, ==, "never");
    g_assert_cmpstr (na, ==, "not available");
    g_assert_cmpstr (ratio_na, ==, "not available");
  }
  g_assert_cmpfloat (cell_number (sheet, AT ('B', 1)), ==, 3);
  g_assert_cmpfloat (cell_number (sheet, AT ('C', 1)), ==, 2);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('D', 1)), 200.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('E', 1)), 75.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('F', 1)), 30.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('G', 1)), 125.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('H', 1)), 600.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('I', 1)), 10.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('J', 1)), 305.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('K', 1)), 0.45, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('L', 1)), 9.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('H', 2)), 100.00, 1e-9);
#undef AT

  /* the sheet's chart: the two series over the rows of the table */
  values = g_strdup_printf ("Channels!$D$%u:$D$%u", header + 1, header + 3);
  costs = g_strdup_printf ("Channels!$J$%u:$J$%u", header + 1, header + 3);
  for (guint i = 1; i <= 8 && chart == NULL; i++)
    {
      g_autofree char *member = g_strdup_printf ("xl/charts/chart%u.xml", i);
      g_autofree char *xml = unzip_member (path, member);
      if (xml != NULL && strstr (xml, values) != NULL)
        chart = g_steal_pointer (&xml);
    }
  g_assert_nonnull (chart);
  g_assert_nonnull (strstr (chart, costs));
  reg_test_rm_rf (dir);
}

/* LibreOffice opens the workbook without complaint and reads the figures we wrote. */
static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL, *home = NULL, *path = NULL, *pdf = NULL, *csv = NULL;
  g_autofree char *out = NULL, *err = NULL, *csv_text = NULL;
  g_autoptr(RegReportData) d = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  dir = reg_test_make_tmpdir ();
  home = reg_test_make_tmpdir ();
  d = make_data (TRUE);
  path = write_fixture (dir, d);
  env = g_environ_setenv (g_get_environ (), "HOME", home, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);    /* en-US number display */

  for (guint pass = 0; pass < 2; pass++)
    {
      const char *argv[] = { soffice, "--headless", "--norestore", "--convert-to",
                             pass == 0 ? "pdf" : "csv:Text - txt - csv (StarCalc):44,34,76,1",
                             "--outdir", dir, path, NULL };

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                    &error);
      g_assert_no_error (error);
      g_test_message ("soffice: %s %s", out, err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_null (strstr (err, "Error"));
      g_assert_null (strstr (out, "Error"));
    }
  pdf = g_build_filename (dir, "report.pdf", NULL);
  csv = g_build_filename (dir, "report.csv", NULL);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  /* the Summary sheet, as LibreOffice reads it */
  g_assert_nonnull (strstr (csv_text, "\"Customers\",\"1,234\","));
  g_assert_nonnull (strstr (csv_text, "\"Repeat rate\",37.5%,"));
  g_assert_nonnull (strstr (csv_text, "\"Churn rate\",\"not available\","));
  g_assert_nonnull (strstr (csv_text, "\"Revenue\",\"98,765.43 €\","));
  g_assert_nonnull (strstr (csv_text, "\"All tiers\",\"1,234\",\"98,720.00 €\""));
  g_assert_nonnull (strstr (csv_text, "\"Total\",\"21,003.00 €\""));
  g_assert_nonnull (strstr (csv_text, "Jun 2024,\"6,000.50 €\""));

  reg_test_rm_rf (dir);
  reg_test_rm_rf (home);
}

/* The Model sheet says, in words, which sales the predictions use and, separately, which the
 * holdout check was fitted on; a customer whose P(alive) is not given has the reason in its
 * place on the tier sheet. */
static void
test_model_dates_and_notes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RegReportData) d = NULL;
  g_autofree char *model = NULL, *tier = NULL;
  RegReportCustomer c;

  if (!have_unzip ())
    return;
  dir = reg_test_make_tmpdir ();
  d = make_data (FALSE);
  d->model.data_end_day = clv_date_from_ymd (2024, 6, 30);
  fill_customer (&c, 0, "Once Only");
  c.tier_id = (char *) "top";
  c.purchases = 1;
  c.probability_alive = REG_REPORT_NA;
  c.p_alive_note = (char *) "Bought once, 3 months ago: too early to tell.";
  reg_report_data_add_customer (d, &c);
  path = write_fixture (dir, d);

  model = unzip_member (path, "xl/worksheets/sheet6.xml");
  g_assert_nonnull (strstr (model, "The predictions use every sale up to 30.06.2024."));
  g_assert_nonnull (strstr (model, "fitted again on the sales up to 31.03.2024"));
  g_assert_null (strstr (model, "Fitted on sales up to"));
  tier = unzip_member (path, "xl/worksheets/sheet2.xml");
  g_assert_nonnull (strstr (tier, "Bought once, 3 months ago: too early to tell."));
}

/* The Products sheet, read back: the products in the order given with their figures, then
 * the pairs with support, confidence both ways and lift; a report without line items says
 * why the sheet is empty. */
static void
test_products (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL, *empty_path = NULL;
  g_autofree char *sheet = NULL, *empty_sheet = NULL;
  g_autoptr(RegReportData) d = NULL;
  g_autoptr(RegReportData) empty = NULL;
  g_autoptr(GError) error = NULL;
  const struct { const char *code, *name; gint64 revenue, quantity; guint customers, orders; } products[] = {
    { "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 123456, 480, 31, 44 },
    { "71053", "WHITE METAL LANTERN", 9050, 36, 5, 6 },
    { "=SUM(A1)", "A name that looks like a formula", -250, -1, 0, 0 },
  };
  RegReportPair pair = { (char *) "85123A", (char *) "WHITE HANGING HEART T-LIGHT HOLDER",
                         (char *) "71053", (char *) "WHITE METAL LANTERN", 4, 0.125, 0.09,
                         0.66, 5.5 };
  guint header = 0, pairs_header = 0;
  char ref[16];

  if (!have_unzip ())
    return;
  dir = reg_test_make_tmpdir ();
  d = make_data (FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    reg_report_data_add_product (d, products[i].code, products[i].name, products[i].revenue,
                                 products[i].quantity, products[i].customers, products[i].orders);
  reg_report_data_add_pair (d, &pair);
  path = write_fixture (dir, d);
  sheet = unzip_member (path, "xl/worksheets/sheet9.xml");
  g_assert_nonnull (sheet);

  for (guint r = 1; r < 40; r++)
    {
      g_autofree char *a1 = g_strdup_printf ("A%u", r);
      g_autofree char *v = cell_value (sheet, a1);
      if (header == 0 && g_strcmp0 (v, "Code") == 0)
        header = r;
      if (pairs_header == 0 && g_strcmp0 (v, "Product") == 0)
        pairs_header = r;
    }
  g_assert_cmpuint (header, >, 1);
  g_assert_cmpuint (pairs_header, >, header + G_N_ELEMENTS (products));
#define AT(col, row) (g_snprintf (ref, sizeof ref, "%c%u", col, (row)), ref)
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autofree char *code = cell_value (sheet, AT ('A', header + 1 + i));
      g_autofree char *name = cell_value (sheet, AT ('B', header + 1 + i));

      g_assert_cmpstr (code, ==, products[i].code);
      g_assert_cmpstr (name, ==, products[i].name);
      g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('C', header + 1 + i)),
                                      products[i].revenue / 100.0, 1e-9);
      g_assert_cmpfloat (cell_number (sheet, AT ('D', header + 1 + i)), ==, products[i].quantity);
      g_assert_cmpfloat (cell_number (sheet, AT ('E', header + 1 + i)), ==, products[i].customers);
      g_assert_cmpfloat (cell_number (sheet, AT ('F', header + 1 + i)), ==, products[i].orders);
    }
  /* a code written as text, never as a formula */
  g_assert_null (strstr (sheet, "<f>"));
  {
    g_autofree char *a = cell_value (sheet, AT ('A', pairs_header + 1));
    g_autofree char *b = cell_value (sheet, AT ('D', pairs_header + 1));

    g_assert_cmpstr (a, ==, pair.a_name);
    g_assert_cmpstr (b, ==, pair.b_code);
  }
  g_assert_cmpfloat (cell_number (sheet, AT ('E', pairs_header + 1)), ==, pair.orders);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('F', pairs_header + 1)), pair.support, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('G', pairs_header + 1)), pair.confidence_ab, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('H', pairs_header + 1)), pair.confidence_ba, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, AT ('I', pairs_header + 1)), pair.lift, 1e-9);
#undef AT

  /* no line items: a sentence, no header */
  empty = make_data (FALSE);
  empty_path = g_build_filename (dir, "empty.xlsx", NULL);
  g_assert_true (reg_xlsx_report_write (empty_path, empty, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  empty_sheet = unzip_member (empty_path, "xl/worksheets/sheet9.xml");
  g_assert_nonnull (strstr (empty_sheet, "No products yet"));
  g_assert_null (strstr (empty_sheet, ">Code<"));
  reg_test_rm_rf (dir);
}

/* little-endian fields at any offset (memcpy: the zip's fields are not aligned) */
static guint32
zip_u32 (const guchar *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static guint16
zip_u16 (const guchar *p)
{
  guint16 v;

  memcpy (&v, p, sizeof v);
  return GUINT16_FROM_LE (v);
}

/* Every part of the workbook deflated at the fastest level: the zip's central directory says
 * so in bits 1 and 2 of each entry's flags (both set for zlib level 1, both clear for the
 * default level). */
static void
test_zip_level (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(RegReportData) d = make_data (TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree guchar *zip = NULL;
  gsize len = 0, at, end;
  guint entries = 0, deflated = 0;

  g_assert_true (reg_xlsx_report_write (path, d, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, (char **) &zip, &len, &error));
  g_assert_no_error (error);
  /* the end of central directory record: its last 22 bytes, there being no zip comment */
  g_assert_cmpuint (len, >, 22);
  end = len - 22;
  g_assert_cmpuint (zip_u32 (zip + end), ==, 0x06054b50);
  at = zip_u32 (zip + end + 16);
  while (at + 46 <= end && zip_u32 (zip + at) == 0x02014b50)
    {
      guint16 flags = zip_u16 (zip + at + 8);
      guint16 method = zip_u16 (zip + at + 10);
      guint16 name_len = zip_u16 (zip + at + 28);
      guint16 extra_len = zip_u16 (zip + at + 30);
      guint16 comment_len = zip_u16 (zip + at + 32);
      g_autofree char *name = g_strndup ((const char *) zip + at + 46, name_len);

      g_test_message ("%s: method %u, flags 0x%x", name, method, flags);
      if (method == 8)
        {
          g_assert_cmpuint ((flags >> 1) & 3, ==, 3);
          deflated++;
        }
      entries++;
      at += 46 + name_len + extra_len + comment_len;
    }
  g_assert_cmpuint (entries, >, 10);
  g_assert_cmpuint (deflated, ==, entries);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/export-xlsx/sheet-names", test_sheet_names);
  g_test_add_func ("/io/export-xlsx/products", test_products);
  g_test_add_func ("/io/export-xlsx/helpers", test_helpers);
  g_test_add_func ("/io/export-xlsx/structure", test_structure);
  g_test_add_func ("/io/export-xlsx/german-locale", test_german_locale);
  g_test_add_func ("/io/export-xlsx/stream", test_stream);
  g_test_add_func ("/io/export-xlsx/completed-while-streaming", test_completed_while_streaming);
  g_test_add_func ("/io/export-xlsx/unknown-tier", test_unknown_tier);
  g_test_add_func ("/io/export-xlsx/cancel", test_cancel);
  g_test_add_func ("/io/export-xlsx/errors", test_errors);
  g_test_add_func ("/io/export-xlsx/empty", test_empty);
  g_test_add_func ("/io/export-xlsx/libreoffice", test_libreoffice);
  g_test_add_func ("/io/export-xlsx/channels", test_channels);
  g_test_add_func ("/io/export-xlsx/model-dates-and-notes", test_model_dates_and_notes);
  g_test_add_func ("/io/export-xlsx/zip-level", test_zip_level);
  return g_test_run ();
}
