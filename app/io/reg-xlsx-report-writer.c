/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tiered report workbook. libxlsxwriter in constant-memory mode: every sheet is written
 * strictly row by row, customers stream through once and are dealt to their tier's sheet, so
 * memory stays flat whatever the shop's size. Tables are emulated (formatted header, autofilter,
 * frozen header, banding by conditional format) because worksheet_add_table() is refused in this
 * mode. Written under a "C" LC_NUMERIC (reg_numeric_scope_enter) into a temp file that is
 * renamed over the target on success. Runs on the caller's thread.
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "clv-date.h"
#include "reg-export-util.h"
#include "reg-io-error.h"
#include "reg-xlsx-report-writer.h"

#define CHECK(expr)                                     \
  G_STMT_START {                                        \
    lxw_error check_rc_ = (expr);                       \
    if (check_rc_ != LXW_NO_ERROR)                      \
      return check_rc_;                                 \
  } G_STMT_END

#define CANCEL_EVERY 1000
#define CHART_ROWS 17

typedef struct
{
  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *section;
  lxw_format *header;
  lxw_format *bold;
  lxw_format *label_top;
  lxw_format *wrap;
  lxw_format *note;
  lxw_format *na;
  lxw_format *date;
  lxw_format *month;
  lxw_format *integer;
  lxw_format *integer_bold;
  lxw_format *id;
  lxw_format *decimal;
  lxw_format *param;
  lxw_format *money;
  lxw_format *money_bold;
  lxw_format *percent;
  lxw_format *band;               /* conditional-format (dxf) fill for every other row */
} Formats;

typedef struct
{
  lxw_worksheet *ws;
  char          *name;            /* (owned) */
  const char    *tier_id;         /* (nullable) borrowed from the data; NULL = "other" sheet */
  lxw_row_t      next_row;
} TierSheet;

typedef struct
{
  const RegReportData *data;
  lxw_workbook        *wb;
  Formats              f;
  GPtrArray           *sheet_names;   /* (owned) names handed out, for uniqueness */
  GPtrArray           *tier_sheets;   /* (owned) of TierSheet */
  char                *summary_name;  /* (owned) */
  guint                exponent;
} Report;

enum
{
  COL_ID,
  COL_NAME,
  COL_EMAIL,
  COL_PHONE,
  COL_CONSENT,
  COL_FIRST,
  COL_LAST,
  COL_PURCHASES,
  COL_SPEND,
  COL_ALIVE,
  COL_EXPECTED,
  COL_CLV,
  COL_RFM,
  COL_RISK,
  COL_PURCHASES_LOW,             /* the 80 % ranges, after the older columns so that those keep
                                  * their letters */
  COL_PURCHASES_HIGH,
  COL_CLV_LOW,
  COL_CLV_HIGH,
  N_CUSTOMER_COLS
};

static void
tier_sheet_free (gpointer p)
{
  TierSheet *t = p;

  g_free (t->name);
  g_free (t);
}

static lxw_format *
new_format (lxw_workbook *wb)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_font_name (f, "Calibri");
  format_set_font_size (f, 11);
  return f;
}

static void
make_formats (Report *r)
{
  lxw_workbook *wb = r->wb;
  Formats *f = &r->f;
  g_autofree char *money_fmt = reg_excel_currency_format (&r->data->shop.money);

  f->title = new_format (wb);
  format_set_bold (f->title);
  format_set_font_size (f->title, 16);
  f->subtitle = new_format (wb);
  format_set_font_color (f->subtitle, 0x595959);
  f->section = new_format (wb);
  format_set_bold (f->section);
  format_set_font_size (f->section, 13);
  format_set_font_color (f->section, 0x1F4E78);
  f->header = new_format (wb);
  format_set_bold (f->header);
  format_set_font_color (f->header, LXW_COLOR_WHITE);
  format_set_bg_color (f->header, 0x1F4E78);
  format_set_text_wrap (f->header);
  format_set_align (f->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bottom (f->header, LXW_BORDER_THIN);
  f->bold = new_format (wb);
  format_set_bold (f->bold);
  f->label_top = new_format (wb);
  format_set_bold (f->label_top);
  format_set_align (f->label_top, LXW_ALIGN_VERTICAL_TOP);
  f->wrap = new_format (wb);
  format_set_text_wrap (f->wrap);
  format_set_align (f->wrap, LXW_ALIGN_VERTICAL_TOP);
  f->note = new_format (wb);
  format_set_font_color (f->note, 0x404040);
  f->na = new_format (wb);
  format_set_italic (f->na);
  format_set_font_color (f->na, 0x7F7F7F);
  format_set_align (f->na, LXW_ALIGN_RIGHT);
  f->date = new_format (wb);
  format_set_num_format (f->date, "yyyy-mm-dd");
  f->month = new_format (wb);
  format_set_num_format (f->month, "mmm yyyy");
  format_set_align (f->month, LXW_ALIGN_LEFT);
  f->integer = new_format (wb);
  format_set_num_format (f->integer, "#,##0");
  f->id = new_format (wb);
  format_set_num_format (f->id, "0");
  format_set_align (f->id, LXW_ALIGN_LEFT);
  f->integer_bold = new_format (wb);
  format_set_num_format (f->integer_bold, "#,##0");
  format_set_bold (f->integer_bold);
  f->decimal = new_format (wb);
  format_set_num_format (f->decimal, "0.00");
  f->param = new_format (wb);
  format_set_num_format (f->param, "0.0000");
  format_set_align (f->param, LXW_ALIGN_VERTICAL_TOP);
  f->money = new_format (wb);
  format_set_num_format (f->money, money_fmt);
  f->money_bold = new_format (wb);
  format_set_num_format (f->money_bold, money_fmt);
  format_set_bold (f->money_bold);
  f->percent = new_format (wb);
  format_set_num_format (f->percent, "0.0%");
  f->band = workbook_add_format (wb);
  format_set_bg_color (f->band, 0xEAF1F8);
}

/* ---- small cell writers ------------------------------------------------------------------- */

/* Every sheet prints across one page wide, on the paper the shop's country uses: Letter in the
 * United States and Canada, A4 elsewhere (libxlsxwriter's paper codes 1 and 9). */
static void
set_up_page (Report *r, lxw_worksheet *ws)
{
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_paper (ws, r->data->shop.letter_paper ? 1 : 9);
}

/* Every string cell goes through here: worksheet_write_string, never a formula, and text that
 * XML cannot hold is replaced. Empty text writes nothing. */
static lxw_error
put_text (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
  gboolean clean = TRUE;

  if (text == NULL || text[0] == '\0')
    return LXW_NO_ERROR;
  for (const char *p = text; *p != '\0' && clean; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n')
      clean = FALSE;
  if (clean && g_utf8_validate (text, -1, NULL))
    return worksheet_write_string (ws, row, col, text, f);
  else
    {
      g_autofree char *fixed = reg_text_clean (text);
      return worksheet_write_string (ws, row, col, fixed, f);
    }
}

static lxw_error
put_money (Report *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, gint64 minor,
           lxw_format *f)
{
  return worksheet_write_number (ws, row, col, reg_minor_to_major (minor, r->exponent), f);
}

static lxw_error
put_date (Report *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, gint32 day, lxw_format *f)
{
  if (day <= 0)
    return LXW_NO_ERROR;
  return worksheet_write_number (ws, row, col, reg_excel_date_serial (day), f);
}

static lxw_error
put_na (Report *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
  return worksheet_write_string (ws, row, col, _("not available"), r->f.na);
}

static lxw_error
put_header_row (Report *r, lxw_worksheet *ws, lxw_row_t row, const char *const *labels,
                guint n_labels)
{
  for (guint i = 0; i < n_labels; i++)
    CHECK (worksheet_write_string (ws, row, (lxw_col_t) i, labels[i], r->f.header));
  return LXW_NO_ERROR;
}

static char *
format_percent_text (double fraction)
{
  return g_strdup_printf ("%.1f %%", fraction * 100.0);
}

static char *
format_date_text (const RegReportShop *shop, gint32 day)
{
  const ClvLocale *loc = shop->money.locale;

  if (day <= 0)
    return g_strdup ("");
  return clv_date_format_locale (day, loc->date_order, loc->date_separator);
}

/* Writes @text as lines of at most @width characters, one row each, so that it reads the same
 * in every spreadsheet program and on paper (row heights of wrapped cells are not computed by
 * all of them, and merged cells are not available in constant-memory mode). */
static lxw_error
put_paragraph (lxw_worksheet *ws, lxw_row_t *row, lxw_col_t col, const char *text,
               lxw_format *f, guint width)
{
  g_autofree char *clean = reg_text_clean (text);
  g_auto(GStrv) words = g_strsplit (clean, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  glong line_len = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);

      if (line_len > 0 && line_len + 1 + len > (glong) width)
        {
          CHECK (worksheet_write_string (ws, (*row)++, col, line->str, f));
          g_string_truncate (line, 0);
          line_len = 0;
        }
      if (line_len > 0)
        {
          g_string_append_c (line, ' ');
          line_len++;
        }
      g_string_append (line, words[i]);
      line_len += len;
    }
  if (line_len > 0)
    CHECK (worksheet_write_string (ws, (*row)++, col, line->str, f));
  return LXW_NO_ERROR;
}

/* A row tall enough for @text wrapped in a column @width characters wide. */
static lxw_error
size_row_for (lxw_worksheet *ws, lxw_row_t row, const char *text, guint width)
{
  glong len = text != NULL ? g_utf8_strlen (text, -1) : 0;
  guint lines = MAX (1, (guint) ((len + width - 1) / width));

  return worksheet_set_row (ws, row, 15.0 * lines + 2, NULL);
}

/* ---- Summary ------------------------------------------------------------------------------ */

typedef enum { KPI_COUNT, KPI_MONEY, KPI_MONEY_SIGNED, KPI_FRACTION, KPI_DECIMAL } KpiKind;

static lxw_error
put_kpi (Report *r, lxw_worksheet *ws, lxw_row_t *row, const char *label, KpiKind kind,
         double value, gint64 minor, const char *meaning)
{
  lxw_error rc = LXW_NO_ERROR;

  CHECK (worksheet_write_string (ws, *row, 0, label, r->f.bold));
  switch (kind)
    {
    case KPI_COUNT:
      rc = worksheet_write_number (ws, *row, 1, value, r->f.integer);
      break;
    case KPI_MONEY:          /* < 0 = not available */
      rc = minor >= 0 ? put_money (r, ws, *row, 1, minor, r->f.money) : put_na (r, ws, *row, 1);
      break;
    case KPI_MONEY_SIGNED:   /* always available, may be negative */
      rc = put_money (r, ws, *row, 1, minor, r->f.money);
      break;
    case KPI_FRACTION:
      rc = reg_report_is_available (value) ? worksheet_write_number (ws, *row, 1, value,
                                                                     r->f.percent)
                                           : put_na (r, ws, *row, 1);
      break;
    case KPI_DECIMAL:
      rc = reg_report_is_available (value) ? worksheet_write_number (ws, *row, 1, value,
                                                                     r->f.decimal)
                                           : put_na (r, ws, *row, 1);
      break;
    default:
      g_assert_not_reached ();
    }
  CHECK (rc);
  CHECK (put_text (ws, *row, 3, meaning, r->f.note));
  (*row)++;
  return LXW_NO_ERROR;
}

/* Next year's revenue from today's customers: the last 12 months' revenue, then the expected
 * revenue per month ahead, as a table and a column chart (at @chart_row) drawn from it. */
static lxw_error
write_forecast (Report *r, lxw_worksheet *ws, lxw_row_t *row, lxw_row_t chart_row)
{
  const RegReportData *d = r->data;
  const char *labels[] = { _("Month from"), _("Revenue"), _("Expected from today’s customers"),
                           _("80 % range, low"), _("80 % range, high") };
  guint n_past = MIN (d->revenue_by_month->len, 12);
  gboolean ranged = d->forecast->len > 0;
  lxw_row_t first, last;
  gint64 total = 0;
  char cell_a[16], cell_b[16];
  g_autofree char *formula = NULL;
  g_autofree char *money_fmt = reg_excel_currency_format (&d->shop.money);
  const char *title = _("The last 12 months and the next, from today’s customers (new customers "
                        "not included)");

  /* the band's columns only when every month ahead has one */
  for (guint i = 0; i < d->forecast->len; i++)
    ranged &= g_array_index (d->forecast, RegReportMonth, i).ranged;
  CHECK (worksheet_write_string (ws, (*row)++, 0, _("Revenue ahead from today’s customers"),
                                 r->f.section));
  if (d->forecast_text != NULL)
    CHECK (put_paragraph (ws, row, 0, d->forecast_text, NULL, 110));
  CHECK (worksheet_set_row (ws, *row, 30, NULL));
  CHECK (put_header_row (r, ws, (*row)++, labels, ranged ? 5 : 3));
  first = *row;
  for (guint i = d->revenue_by_month->len - n_past; i < d->revenue_by_month->len; i++)
    {
      const RegReportMonth *m = &g_array_index (d->revenue_by_month, RegReportMonth, i);
      g_autofree char *day = format_date_text (&d->shop, m->month_day);

      /* dates as text: a chart over date cells spaces its columns by day, leaving slivers */
      CHECK (put_text (ws, *row, 0, day, NULL));
      CHECK (put_money (r, ws, (*row)++, 1, m->revenue, r->f.money));
    }
  for (guint i = 0; i < d->forecast->len; i++)
    {
      const RegReportMonth *m = &g_array_index (d->forecast, RegReportMonth, i);
      g_autofree char *day = format_date_text (&d->shop, m->month_day);

      CHECK (put_text (ws, *row, 0, day, NULL));
      if (ranged)
        {
          CHECK (put_money (r, ws, *row, 3, m->low, r->f.money));
          CHECK (put_money (r, ws, *row, 4, m->high, r->f.money));
        }
      CHECK (put_money (r, ws, (*row)++, 2, m->revenue, r->f.money));
      total += m->revenue;
    }
  last = *row - 1;
  CHECK (worksheet_write_string (ws, *row, 0, _("Total ahead"), r->f.bold));
  lxw_rowcol_to_cell (cell_a, last - d->forecast->len + 1, 2);
  lxw_rowcol_to_cell (cell_b, last, 2);
  formula = g_strdup_printf ("=SUM(%s:%s)", cell_a, cell_b);
  CHECK (worksheet_write_formula_num (ws, (*row)++, 2, formula, r->f.money_bold,
                                      reg_minor_to_major (total, r->exponent)));

  {
    lxw_chart *chart = workbook_add_chart (r->wb, LXW_CHART_COLUMN);
    lxw_chart_series *past = chart_add_series (chart, NULL, NULL);
    lxw_chart_series *ahead = chart_add_series (chart, NULL, NULL);
    lxw_chart_fill pale = { .color = 0x9BBBE0 };
    lxw_chart_options opts = { .x_offset = 4, .y_offset = 4, .x_scale = 2.2, .y_scale = 1.0,
                               .object_position = LXW_OBJECT_MOVE_DONT_SIZE };

    chart_series_set_categories (past, ws->name, first, 0, last, 0);
    chart_series_set_values (past, ws->name, first, 1, last, 1);
    chart_series_set_name (past, _("Revenue"));
    chart_series_set_categories (ahead, ws->name, first, 0, last, 0);
    chart_series_set_values (ahead, ws->name, first, 2, last, 2);
    chart_series_set_name (ahead, _("Expected from today’s customers"));
    chart_series_set_fill (ahead, &pale);
    if (ranged)
      {
        /* the band as two outlined columns over the expected ones: the range's low and high
         * ends of each month ahead (a column chart has no shaded band of its own) */
        lxw_chart_fill no_fill = { .none = LXW_TRUE };
        lxw_chart_line low_line = { .color = 0x555555, .width = 1.25,
                                    .dash_type = LXW_CHART_LINE_DASH_DASH };
        lxw_chart_line high_line = { .color = 0x555555, .width = 1.25 };
        lxw_chart_series *low = chart_add_series (chart, NULL, NULL);
        lxw_chart_series *high = chart_add_series (chart, NULL, NULL);

        chart_series_set_categories (low, ws->name, first, 0, last, 0);
        chart_series_set_values (low, ws->name, first, 3, last, 3);
        chart_series_set_name (low, _("80 % range, low"));
        chart_series_set_fill (low, &no_fill);
        chart_series_set_line (low, &low_line);
        chart_series_set_categories (high, ws->name, first, 0, last, 0);
        chart_series_set_values (high, ws->name, first, 4, last, 4);
        chart_series_set_name (high, _("80 % range, high"));
        chart_series_set_fill (high, &no_fill);
        chart_series_set_line (high, &high_line);
      }
    chart_set_series_overlap (chart, 100);
    chart_title_set_name (chart, title);
    chart_axis_set_num_format (chart->y_axis, money_fmt);
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    opts.description = (char *) title;
    CHECK (worksheet_insert_chart_opt (ws, chart_row, 0, chart, &opts));
  }
  return LXW_NO_ERROR;
}

static lxw_error
write_summary (Report *r, lxw_worksheet *ws)
{
  const RegReportData *d = r->data;
  const RegReportKpis *k = &d->kpis;
  guint h = d->shop.horizon_months;
  lxw_row_t row = 0;
  lxw_row_t chart_row, tier_first = 0, tier_last = 0, month_first = 0, month_last = 0;
  lxw_row_t forecast_chart_row = 0;
  gboolean clv_by_tier = d->tiers->len > 0;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *report_date = format_date_text (&d->shop, d->shop.report_day);
  g_autofree char *clv_header = NULL;
  char cell_a[16], cell_b[16];

  CHECK (worksheet_set_column (ws, 0, 0, 34, NULL));
  CHECK (worksheet_set_column (ws, 1, 2, 18, NULL));
  CHECK (worksheet_set_column (ws, 3, 3, 110, NULL));
  set_up_page (r, ws);

  title = d->shop.name[0] != '\0'
            ? g_strdup_printf (_("%s: what your customers are worth"), d->shop.name)
            : g_strdup (_("What your customers are worth"));
  CHECK (put_text (ws, row++, 0, title, r->f.title));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Report of %s · amounts in %s · predictions cover "
                                           "the next %u month",
                                           "Report of %s · amounts in %s · predictions cover "
                                           "the next %u months", h),
                              report_date, d->shop.currency_code, h);
  CHECK (put_text (ws, row++, 0, subtitle, r->f.subtitle));
  row++;

  {
    const char *labels[] = { _("Figure"), _("Value"), "", _("What it means") };
    CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
  }
  CHECK (put_kpi (r, ws, &row, _("Customers"), KPI_COUNT, k->customers, 0,
                  _("Everyone who bought from you at least once.")));
  CHECK (put_kpi (r, ws, &row, _("Active customers"), KPI_COUNT, k->active_customers, 0,
                  _("Customers who bought recently enough to count as still buying.")));
  CHECK (put_kpi (r, ws, &row, _("Revenue"), KPI_MONEY_SIGNED, 0, k->revenue,
                  _("All sales minus refunds.")));
  CHECK (put_kpi (r, ws, &row, _("Average order value"), KPI_MONEY, 0, k->average_order_value,
                  _("What a purchase brings in on average: revenue divided by the number of "
                    "purchases.")));
  CHECK (put_kpi (r, ws, &row, _("Purchase frequency"), KPI_DECIMAL, k->purchase_frequency, 0,
                  _("Purchases per customer on average.")));
  /* a share of nobody is not available, and the sentence beside it says why */
  CHECK (put_kpi (r, ws, &row, _("Repeat rate"), KPI_FRACTION, k->repeat_rate, 0,
                  reg_report_is_available (k->repeat_rate)
                    ? _("Share of customers who came back for a second purchase.")
                    : _("Share of customers who came back for a second purchase: not known yet, "
                        "there are no customers.")));
  CHECK (put_kpi (r, ws, &row, _("Churn rate"), KPI_FRACTION, k->churn_rate, 0,
                  reg_report_is_available (k->churn_rate)
                    ? _("Share of customers who stopped buying in a period.")
                    : _("Share of customers who stopped buying in a period: not known yet, there "
                        "were no customers in the period before.")));
  {
    g_autofree char *avg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "What a customer is expected to spend "
                                                         "over the next %u month, on average "
                                                         "(see “What these figures mean”).",
                                                         "What a customer is expected to spend "
                                                         "over the next %u months, on average "
                                                         "(see “What these figures mean”).", h),
                                            h);
    g_autofree char *tot = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "What all your customers together are "
                                                         "expected to spend over the next %u "
                                                         "month.",
                                                         "What all your customers together are "
                                                         "expected to spend over the next %u "
                                                         "months.", h),
                                            h);
    CHECK (put_kpi (r, ws, &row, _("Average predicted CLV"), KPI_MONEY, 0,
                    k->average_predicted_clv, avg));
    CHECK (put_kpi (r, ws, &row, _("Total predicted CLV"), KPI_MONEY, 0, k->total_predicted_clv,
                    tot));
  }
  row++;

  /* Room for the two charts side by side; their data follows below. */
  chart_row = row;
  row += CHART_ROWS;
  if (d->forecast->len > 0)
    {
      forecast_chart_row = row;
      row += CHART_ROWS;
    }

  clv_header = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Predicted CLV (next %u month)",
                                             "Predicted CLV (next %u months)", h), h);
  if (d->tiers->len > 0)
    {
      const char *labels[] = { _("Tier"), _("Customers"), clv_header };
      gint64 total_clv = 0;
      guint total_customers = 0;

      CHECK (worksheet_write_string (ws, row++, 0, _("Value by tier"), r->f.section));
      CHECK (worksheet_set_row (ws, row, 30, NULL));
      CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
      tier_first = row;
      for (guint i = 0; i < d->tiers->len; i++)
        {
          const RegReportTier *t = &g_array_index (d->tiers, RegReportTier, i);

          CHECK (put_text (ws, row, 0, t->name, NULL));
          CHECK (worksheet_write_number (ws, row, 1, t->customers, r->f.integer));
          total_customers += t->customers;
          if (t->total_predicted_clv >= 0)
            {
              CHECK (put_money (r, ws, row, 2, t->total_predicted_clv, r->f.money));
              total_clv += t->total_predicted_clv;
            }
          else
            {
              CHECK (put_na (r, ws, row, 2));
              clv_by_tier = FALSE;
            }
          row++;
        }
      tier_last = row - 1;
      CHECK (worksheet_write_string (ws, row, 0, _("All tiers"), r->f.bold));
      {
        g_autofree char *formula = NULL;

        lxw_rowcol_to_cell (cell_a, tier_first, 1);
        lxw_rowcol_to_cell (cell_b, tier_last, 1);
        formula = g_strdup_printf ("=SUM(%s:%s)", cell_a, cell_b);
        CHECK (worksheet_write_formula_num (ws, row, 1, formula, r->f.integer_bold,
                                            total_customers));
      }
      if (clv_by_tier)
        {
          g_autofree char *formula = NULL;

          lxw_rowcol_to_cell (cell_a, tier_first, 2);
          lxw_rowcol_to_cell (cell_b, tier_last, 2);
          formula = g_strdup_printf ("=SUM(%s:%s)", cell_a, cell_b);
          CHECK (worksheet_write_formula_num (ws, row, 2, formula, r->f.money_bold,
                                              reg_minor_to_major (total_clv, r->exponent)));
        }
      row += 2;
    }

  if (d->revenue_by_month->len > 0)
    {
      const char *labels[] = { _("Month"), _("Revenue") };
      gint64 total = 0;
      g_autofree char *formula = NULL;

      CHECK (worksheet_write_string (ws, row++, 0, _("Revenue by month"), r->f.section));
      CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
      month_first = row;
      for (guint i = 0; i < d->revenue_by_month->len; i++)
        {
          const RegReportMonth *m = &g_array_index (d->revenue_by_month, RegReportMonth, i);

          CHECK (put_date (r, ws, row, 0, m->month_day, r->f.month));
          CHECK (put_money (r, ws, row, 1, m->revenue, r->f.money));
          total += m->revenue;
          row++;
        }
      month_last = row - 1;
      CHECK (worksheet_write_string (ws, row, 0, _("Total"), r->f.bold));
      lxw_rowcol_to_cell (cell_a, month_first, 1);
      lxw_rowcol_to_cell (cell_b, month_last, 1);
      formula = g_strdup_printf ("=SUM(%s:%s)", cell_a, cell_b);
      CHECK (worksheet_write_formula_num (ws, row, 1, formula, r->f.money_bold,
                                          reg_minor_to_major (total, r->exponent)));
      row += 2;
    }
  if (d->forecast->len > 0)
    CHECK (write_forecast (r, ws, &row, forecast_chart_row));

  /* Charts, drawn from the cells written above. */
  if (d->tiers->len > 0)
    {
      lxw_chart *chart = workbook_add_chart (r->wb, clv_by_tier ? LXW_CHART_PIE
                                                                : LXW_CHART_COLUMN);
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_options opts = { .x_offset = 4, .y_offset = 4, .x_scale = 1.0, .y_scale = 1.0,
                                 .object_position = LXW_OBJECT_MOVE_DONT_SIZE };
      g_autofree char *chart_title = NULL;

      chart_title = clv_by_tier ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "Predicted value by tier "
                                                                "(next %u month)",
                                                                "Predicted value by tier "
                                                                "(next %u months)", h), h)
                                : g_strdup (_("Customers by tier"));
      chart_series_set_categories (series, r->summary_name, tier_first, 0, tier_last, 0);
      chart_series_set_values (series, r->summary_name, tier_first, clv_by_tier ? 2 : 1,
                               tier_last, clv_by_tier ? 2 : 1);
      chart_series_set_name (series, clv_by_tier ? clv_header : _("Customers"));
      chart_title_set_name (chart, chart_title);
      if (clv_by_tier)
        {
          chart_series_set_labels (series);
          chart_series_set_labels_options (series, LXW_FALSE, LXW_TRUE, LXW_FALSE);
          chart_series_set_labels_percentage (series);
          chart_legend_set_position (chart, LXW_CHART_LEGEND_RIGHT);
        }
      else
        chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      opts.description = chart_title;
      CHECK (worksheet_insert_chart_opt (ws, chart_row, 0, chart, &opts));
    }
  if (d->revenue_by_month->len > 0)
    {
      lxw_chart *chart = workbook_add_chart (r->wb, LXW_CHART_COLUMN);
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_options opts = { .x_offset = 4, .y_offset = 4, .x_scale = 1.3, .y_scale = 1.0,
                                 .object_position = LXW_OBJECT_MOVE_DONT_SIZE };
      g_autofree char *money_fmt = reg_excel_currency_format (&d->shop.money);

      chart_series_set_categories (series, r->summary_name, month_first, 0, month_last, 0);
      chart_series_set_values (series, r->summary_name, month_first, 1, month_last, 1);
      chart_series_set_name (series, _("Revenue"));
      chart_title_set_name (chart, _("Revenue by month"));
      chart_axis_set_num_format (chart->x_axis, "mmm yyyy");
      chart_axis_set_num_format (chart->y_axis, money_fmt);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      opts.description = (char *) _("Revenue by month");
      CHECK (worksheet_insert_chart_opt (ws, chart_row, 3, chart, &opts));
    }
  return LXW_NO_ERROR;
}

/* ---- Customer sheets ---------------------------------------------------------------------- */

static lxw_error
begin_customer_sheet (Report *r, TierSheet *t)
{
  lxw_worksheet *ws = t->ws;
  guint h = r->data->shop.horizon_months;
  g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Expected purchases (next %u month)",
                                                            "Expected purchases (next %u months)",
                                                            h), h);
  g_autofree char *clv = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Predicted CLV (next %u month)",
                                                       "Predicted CLV (next %u months)", h), h);
  const char *labels[N_CUSTOMER_COLS] = {
    _("Customer ID"), _("Name"), _("Email"), _("Phone"), _("Email consent"),
    _("First purchase"), _("Last purchase"), _("Purchases"), _("Total spend"),
    _("Probability alive"), expected, clv, _("RFM group"), _("Slipping away because"),
    _("Purchases, 80 % range: low"), _("Purchases, 80 % range: high"),
    _("Predicted CLV, 80 % range: low"), _("Predicted CLV, 80 % range: high"),
  };
  static const double widths[N_CUSTOMER_COLS] = { 11, 28, 30, 17, 10, 12, 12, 11, 14, 12, 14,
                                                   17, 22, 44, 12, 12, 14, 14 };

  for (guint c = 0; c < N_CUSTOMER_COLS; c++)
    {
      lxw_format *f = NULL;

      switch (c)
        {
        case COL_ID:
          f = r->f.id;
          break;
        case COL_PURCHASES:
        case COL_PURCHASES_LOW:
        case COL_PURCHASES_HIGH:
          f = r->f.integer;
          break;
        case COL_FIRST:
        case COL_LAST:
          f = r->f.date;
          break;
        case COL_SPEND:
        case COL_CLV:
        case COL_CLV_LOW:
        case COL_CLV_HIGH:
          f = r->f.money;
          break;
        case COL_ALIVE:
          f = r->f.percent;
          break;
        case COL_EXPECTED:
          f = r->f.decimal;
          break;
        default:
          break;
        }
      /* The column format shows typed-in and blank cells the same way as the written ones. */
      CHECK (worksheet_set_column (ws, c, c, widths[c], f));
    }
  CHECK (worksheet_set_row (ws, 0, 47, NULL));   /* three lines of header text */
  CHECK (put_header_row (r, ws, 0, labels, N_CUSTOMER_COLS));
  worksheet_freeze_panes (ws, 1, 2);
  set_up_page (r, ws);
  CHECK (worksheet_repeat_rows (ws, 0, 0));
  t->next_row = REG_XLSX_REPORT_FIRST_DATA_ROW;
  return LXW_NO_ERROR;
}

static lxw_error
write_customer (Report *r, TierSheet *t, const RegReportCustomer *c)
{
  lxw_worksheet *ws = t->ws;
  lxw_row_t row = t->next_row;

  if (row >= LXW_ROW_MAX)
    return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
  CHECK (worksheet_write_number (ws, row, COL_ID, (double) c->id, r->f.id));
  CHECK (put_text (ws, row, COL_NAME, c->name, NULL));
  CHECK (put_text (ws, row, COL_EMAIL, c->email, NULL));
  CHECK (put_text (ws, row, COL_PHONE, c->phone, NULL));
  CHECK (worksheet_write_string (ws, row, COL_CONSENT, c->email_consent ? _("Yes") : _("No"),
                                 NULL));
  CHECK (put_date (r, ws, row, COL_FIRST, c->first_purchase_day, r->f.date));
  CHECK (put_date (r, ws, row, COL_LAST, c->last_purchase_day, r->f.date));
  CHECK (worksheet_write_number (ws, row, COL_PURCHASES, c->purchases, r->f.integer));
  CHECK (put_money (r, ws, row, COL_SPEND, c->total_spend, r->f.money));
  if (reg_report_is_available (c->probability_alive))
    CHECK (worksheet_write_number (ws, row, COL_ALIVE, MIN (c->probability_alive, 1.0),
                                   r->f.percent));
  else if (c->p_alive_note != NULL)
    CHECK (put_text (ws, row, COL_ALIVE, c->p_alive_note, NULL));
  if (reg_report_is_available (c->expected_purchases))
    CHECK (worksheet_write_number (ws, row, COL_EXPECTED, c->expected_purchases, r->f.decimal));
  if (c->predicted_clv >= 0)
    CHECK (put_money (r, ws, row, COL_CLV, c->predicted_clv, r->f.money));
  CHECK (put_text (ws, row, COL_RFM, c->rfm_group, NULL));
  CHECK (put_text (ws, row, COL_RISK, c->at_risk_reason, NULL));
  if (c->purchases_low >= 0 && c->purchases_high >= c->purchases_low)
    {
      CHECK (worksheet_write_number (ws, row, COL_PURCHASES_LOW, c->purchases_low,
                                     r->f.integer));
      CHECK (worksheet_write_number (ws, row, COL_PURCHASES_HIGH, c->purchases_high,
                                     r->f.integer));
    }
  if (c->clv_low >= 0 && c->clv_high >= c->clv_low)
    {
      CHECK (put_money (r, ws, row, COL_CLV_LOW, c->clv_low, r->f.money));
      CHECK (put_money (r, ws, row, COL_CLV_HIGH, c->clv_high, r->f.money));
    }
  t->next_row = row + 1;
  return LXW_NO_ERROR;
}

static lxw_error
finish_customer_sheet (Report *r, TierSheet *t)
{
  lxw_row_t last = t->next_row - 1;   /* the header when there are no customers */

  CHECK (worksheet_autofilter (t->ws, 0, 0, last, N_CUSTOMER_COLS - 1));
  if (last >= REG_XLSX_REPORT_FIRST_DATA_ROW)
    {
      lxw_conditional_format band = {
        .type = LXW_CONDITIONAL_TYPE_FORMULA,
        .value_string = (char *) "=MOD(ROW(),2)=0",
        .format = r->f.band,
      };

      CHECK (worksheet_conditional_format_range (t->ws, REG_XLSX_REPORT_FIRST_DATA_ROW, 0, last,
                                                 N_CUSTOMER_COLS - 1, &band));
    }
  return LXW_NO_ERROR;
}

static TierSheet *
add_tier_sheet (Report *r, const char *wanted, const char *tier_id)
{
  TierSheet *t = g_new0 (TierSheet, 1);

  t->name = reg_excel_sheet_name (wanted, r->sheet_names);
  t->tier_id = tier_id;
  t->ws = workbook_add_worksheet (r->wb, t->name);
  g_ptr_array_add (r->tier_sheets, t);
  return t;
}

static TierSheet *
find_tier_sheet (Report *r, const char *tier_id)
{
  for (guint i = 0; i < r->tier_sheets->len; i++)
    {
      TierSheet *t = g_ptr_array_index (r->tier_sheets, i);

      if (t->tier_id != NULL && tier_id != NULL && g_str_equal (t->tier_id, tier_id))
        return t;
      if (t->tier_id == NULL && tier_id == NULL)
        return t;
    }
  return NULL;
}

/* Deals every customer to its tier's sheet. Customers whose tier is not in data->tiers go to an
 * extra "Other customers" sheet, added at the end the first time one turns up. */
static gboolean
write_customers (Report *r, RegReportCustomerNext next, gpointer next_data,
                 GCancellable *cancellable, GError **error)
{
  const RegReportData *d = r->data;
  TierSheet *other = NULL;
  TierSheet *last_sheet = NULL;
  guint64 n = 0;

  for (;;)
    {
      RegReportCustomer array_row;
      const RegReportCustomer *c;
      TierSheet *t;
      lxw_error rc;

      if (next != NULL)
        {
          g_autoptr(GError) local = NULL;

          memset (&array_row, 0, sizeof array_row);
          if (!next (next_data, &array_row, &local))
            {
              if (local != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return FALSE;
                }
              break;
            }
          c = &array_row;
        }
      else
        {
          if (n >= d->customers->len)
            break;
          c = &g_array_index (d->customers, RegReportCustomer, n);
        }

      if (n % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n++;

      /* customers usually come sorted by tier: try the last sheet first */
      if (last_sheet != NULL && last_sheet->tier_id != NULL && c->tier_id != NULL &&
          g_str_equal (last_sheet->tier_id, c->tier_id))
        t = last_sheet;
      else
        t = c->tier_id != NULL ? find_tier_sheet (r, c->tier_id) : NULL;
      if (t == NULL)
        {
          if (other == NULL)
            {
              other = add_tier_sheet (r, _("Other customers"), NULL);
              if (!reg_lxw_ok (begin_customer_sheet (r, other), other->name, error))
                return FALSE;
            }
          t = other;
        }
      last_sheet = t;

      rc = write_customer (r, t, c);
      if (rc == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE && t->next_row >= LXW_ROW_MAX)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                       _("The sheet “%s” would need more than %u rows, the most a workbook "
                         "sheet can hold."), t->name, (guint) LXW_ROW_MAX);
          return FALSE;
        }
      if (!reg_lxw_ok (rc, t->name, error))
        return FALSE;
    }

  for (guint i = 0; i < r->tier_sheets->len; i++)
    {
      TierSheet *t = g_ptr_array_index (r->tier_sheets, i);

      if (!reg_lxw_ok (finish_customer_sheet (r, t), t->name, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Cohorts ------------------------------------------------------------------------------ */

static lxw_error
write_cohorts (Report *r, lxw_worksheet *ws)
{
  const RegReportData *d = r->data;
  guint max_months = 0;
  lxw_row_t row = 0, first;

  for (guint i = 0; i < d->cohorts->len; i++)
    max_months = MAX (max_months, g_array_index (d->cohorts, RegReportCohort, i).n_retention);
  max_months = MIN (max_months, LXW_COL_MAX - 3);

  CHECK (worksheet_set_column (ws, 0, 0, 22, NULL));
  CHECK (worksheet_set_column (ws, 1, 1, 12, NULL));
  if (max_months > 0)
    CHECK (worksheet_set_column (ws, 2, (lxw_col_t) (2 + max_months - 1), 9, NULL));
  set_up_page (r, ws);
  CHECK (worksheet_write_string (ws, row++, 0, _("Customers still buying, by month of first "
                                                 "purchase"), r->f.title));
  CHECK (put_paragraph (ws, &row, 0, _("Each row is the group of customers who first bought in "
                                       "that month; each cell is the share of them who bought "
                                       "again that many months later. Green is high, red is "
                                       "low."), r->f.subtitle, 110));
  row++;
  if (d->cohorts->len == 0)
    {
      CHECK (worksheet_write_string (ws, row, 0, _("Not enough sales history for cohorts yet."),
                                     NULL));
      return LXW_NO_ERROR;
    }

  CHECK (worksheet_set_row (ws, row, 30, NULL));
  CHECK (worksheet_write_string (ws, row, 0, _("First purchase month"), r->f.header));
  CHECK (worksheet_write_string (ws, row, 1, _("Customers"), r->f.header));
  for (guint m = 0; m < max_months; m++)
    {
      g_autofree char *label = g_strdup_printf (_("Month %u"), m);
      CHECK (worksheet_write_string (ws, row, (lxw_col_t) (2 + m), label, r->f.header));
    }
  worksheet_freeze_panes (ws, row + 1, 2);
  row++;
  first = row;
  for (guint i = 0; i < d->cohorts->len; i++)
    {
      const RegReportCohort *c = &g_array_index (d->cohorts, RegReportCohort, i);

      CHECK (put_date (r, ws, row, 0, c->month_day, r->f.month));
      CHECK (worksheet_write_number (ws, row, 1, c->size, r->f.integer));
      for (guint m = 0; m < MIN (c->n_retention, max_months); m++)
        if (reg_report_is_available (c->retention[m]))
          CHECK (worksheet_write_number (ws, row, (lxw_col_t) (2 + m), c->retention[m],
                                         r->f.percent));
      row++;
    }
  if (max_months > 0)
    {
      lxw_conditional_format scale = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_color = 0xF8696B,
        .mid_color = 0xFFEB84,
        .max_color = 0x63BE7B,
      };

      CHECK (worksheet_conditional_format_range (ws, first, 2, row - 1,
                                                 (lxw_col_t) (2 + max_months - 1), &scale));
    }
  return LXW_NO_ERROR;
}

/* ---- Channels ----------------------------------------------------------------------------- */

/* A figure that has no value (no prediction, no cost) is written as "not available". */
static lxw_error
put_money_or_na (Report *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, gint64 minor)
{
  return minor >= 0 ? put_money (r, ws, row, col, minor, r->f.money) : put_na (r, ws, row, col);
}

static lxw_error
write_channels (Report *r, lxw_worksheet *ws)
{
  const RegReportData *d = r->data;
  const char *labels[] = {
    _("Channel"), _("Customers"), _("New customers"), _("Average value so far"),
    _("Average predicted value"), _("Predicted, low"), _("Predicted, high"),
    _("Marketing spend"), _("Own acquisition costs"), _("Acquisition cost per new customer"),
    _("Value to cost"), _("Months to pay back"),
  };
  g_autofree char *money_fmt = reg_excel_currency_format (&d->shop.money);
  g_autofree char *period = NULL;
  char from[8], to[8];
  lxw_row_t row = 0, first;
  const char *title = _("Value of a customer and cost of a new one, per channel");

  CHECK (worksheet_set_column (ws, 0, 0, 24, NULL));
  CHECK (worksheet_set_column (ws, 1, (lxw_col_t) (G_N_ELEMENTS (labels) - 1), 14, NULL));
  set_up_page (r, ws);
  CHECK (worksheet_write_string (ws, row++, 0, _("Where customers come from"), r->f.title));
  clv_month_format_buf (d->channels_first_month, from);
  clv_month_format_buf (d->channels_last_month, to);
  period = g_strdup_printf (_("New customers are those who came from %s to %s; the acquisition "
                              "cost per new customer is the marketing spend entered for those "
                              "months plus the new customers’ own acquisition costs, divided "
                              "by their number. The value of a customer is what they spent so "
                              "far plus what they are expected to spend over the next %u "
                              "months, times the margin. Customers without a channel are "
                              "under “Unknown”."), from, to, d->shop.horizon_months);
  CHECK (put_paragraph (ws, &row, 0, period, r->f.subtitle, 110));
  row++;
  if (d->channels->len == 0)
    {
      CHECK (worksheet_write_string (ws, row, 0, _("No customers or marketing spend yet."),
                                     NULL));
      return LXW_NO_ERROR;
    }
  CHECK (worksheet_set_row (ws, row, 45, NULL));
  CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
  worksheet_freeze_panes (ws, row, 1);
  first = row;
  for (guint i = 0; i < d->channels->len; i++, row++)
    {
      const ClvChannelFigures *f = &g_array_index (d->channels, ClvChannelFigures, i);

      CHECK (put_text (ws, row, 0, f->channel != NULL ? f->channel : _("Unknown"), NULL));
      CHECK (worksheet_write_number (ws, row, 1, f->customers, r->f.integer));
      CHECK (worksheet_write_number (ws, row, 2, f->new_customers, r->f.integer));
      CHECK (put_money (r, ws, row, 3, f->avg_value, r->f.money));
      CHECK (put_money_or_na (r, ws, row, 4, f->avg_predicted));
      CHECK (put_money_or_na (r, ws, row, 5, f->avg_predicted_low));
      CHECK (put_money_or_na (r, ws, row, 6, f->avg_predicted_high));
      CHECK (put_money (r, ws, row, 7, f->spend, r->f.money));
      CHECK (put_money (r, ws, row, 8, f->own_costs, r->f.money));
      CHECK (put_money_or_na (r, ws, row, 9, f->cost_per_new));
      if (f->value_to_cost >= 0)
        CHECK (worksheet_write_number (ws, row, 10, f->value_to_cost, r->f.decimal));
      else
        CHECK (put_na (r, ws, row, 10));
      if (f->payback_months >= 0)
        CHECK (worksheet_write_number (ws, row, 11, f->payback_months, r->f.decimal));
      else
        CHECK (worksheet_write_string (ws, row, 11, _("never"), NULL));
    }

  {
    lxw_chart *chart = workbook_add_chart (r->wb, LXW_CHART_BAR);
    lxw_chart_series *value = chart_add_series (chart, NULL, NULL);
    lxw_chart_series *cost = chart_add_series (chart, NULL, NULL);
    lxw_chart_fill warm = { .color = 0xE0A060 };
    lxw_chart_options opts = { .x_offset = 4, .y_offset = 4, .x_scale = 2.2, .y_scale = 1.2,
                               .object_position = LXW_OBJECT_MOVE_DONT_SIZE };

    chart_series_set_categories (value, ws->name, first, 0, row - 1, 0);
    chart_series_set_values (value, ws->name, first, 3, row - 1, 3);
    chart_series_set_name (value, _("Average value so far"));
    chart_series_set_categories (cost, ws->name, first, 0, row - 1, 0);
    chart_series_set_values (cost, ws->name, first, 9, row - 1, 9);
    chart_series_set_name (cost, _("Acquisition cost per new customer"));
    chart_series_set_fill (cost, &warm);
    chart_title_set_name (chart, title);
    chart_axis_set_num_format (chart->x_axis, money_fmt);
    chart_axis_set_reverse (chart->y_axis);
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    opts.description = (char *) title;
    CHECK (worksheet_insert_chart_opt (ws, row + 1, 0, chart, &opts));
  }
  return LXW_NO_ERROR;
}

/* ---- Model -------------------------------------------------------------------------------- */

#define MODEL_TEXT_WIDTH 110

/* The tracking check: repeat purchases per period, actual and expected, as a table with a line
 * chart above it drawn from the table's cells. */
static lxw_error
write_tracking (Report *r, lxw_worksheet *ws, lxw_row_t *row)
{
  const RegReportModel *m = &r->data->model;
  const char *labels[] = { m->tracking_weekly ? _("Week from") : _("Month"), _("Actual"),
                           _("Expected"), _("Actual, in all"), _("Expected, in all") };
  lxw_row_t chart_row, first, last;
  g_autofree char *chart_title = NULL;

  CHECK (worksheet_write_string (ws, (*row)++, 0, m->tracking_weekly
                                                    ? _("Repeat purchases week by week")
                                                    : _("Repeat purchases month by month"),
                                 r->f.section));
  if (m->tracking_text != NULL)
    CHECK (put_paragraph (ws, row, 0, m->tracking_text, NULL, MODEL_TEXT_WIDTH));
  if (m->tracking_split_day > 0)
    {
      g_autofree char *day = format_date_text (&r->data->shop, m->tracking_split_day);
      g_autofree char *text = g_strdup_printf (_("The model was fitted on the sales up to %s; "
                                                 "what came after was new to it."), day);

      CHECK (put_paragraph (ws, row, 0, text, r->f.subtitle, MODEL_TEXT_WIDTH));
      chart_title = g_strdup_printf (_("Repeat purchases: actual and expected (fitted up to %s)"),
                                     day);
    }
  else
    chart_title = g_strdup (_("Repeat purchases: actual and expected"));
  chart_row = *row;
  *row += CHART_ROWS;
  CHECK (put_header_row (r, ws, (*row)++, labels, G_N_ELEMENTS (labels)));
  first = *row;
  for (guint i = 0; i < m->tracking->len; i++)
    {
      const RegReportTrackingRow *t = &g_array_index (m->tracking, RegReportTrackingRow, i);

      CHECK (put_date (r, ws, *row, 0, t->period_day,
                       m->tracking_weekly ? r->f.date : r->f.month));
      CHECK (worksheet_write_number (ws, *row, 1, t->actual, r->f.integer));
      CHECK (worksheet_write_number (ws, *row, 2, t->expected, r->f.decimal));
      CHECK (worksheet_write_number (ws, *row, 3, t->actual_cumulative, r->f.integer));
      CHECK (worksheet_write_number (ws, *row, 4, t->expected_cumulative, r->f.decimal));
      (*row)++;
    }
  last = *row - 1;

  {
    lxw_chart *chart = workbook_add_chart (r->wb, LXW_CHART_LINE);
    lxw_chart_series *actual = chart_add_series (chart, NULL, NULL);
    lxw_chart_series *expected = chart_add_series (chart, NULL, NULL);
    lxw_chart_line dashed = { .dash_type = LXW_CHART_LINE_DASH_DASH, .width = 1.75 };
    lxw_chart_options opts = { .x_offset = 4, .y_offset = 4, .x_scale = 1.6, .y_scale = 1.0,
                               .object_position = LXW_OBJECT_MOVE_DONT_SIZE };

    chart_series_set_categories (actual, ws->name, first, 0, last, 0);
    chart_series_set_values (actual, ws->name, first, 1, last, 1);
    chart_series_set_name (actual, _("Actual"));
    chart_series_set_categories (expected, ws->name, first, 0, last, 0);
    chart_series_set_values (expected, ws->name, first, 2, last, 2);
    chart_series_set_name (expected, _("Expected"));
    chart_series_set_line (expected, &dashed);
    chart_title_set_name (chart, chart_title);
    chart_axis_set_num_format (chart->x_axis, m->tracking_weekly ? "yyyy-mm-dd" : "mmm yyyy");
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    opts.description = chart_title;
    CHECK (worksheet_insert_chart_opt (ws, chart_row, 0, chart, &opts));
  }
  return LXW_NO_ERROR;
}

static lxw_error
write_model (Report *r, lxw_worksheet *ws)
{
  const RegReportData *d = r->data;
  const RegReportModel *m = &d->model;
  lxw_row_t row = 0;

  CHECK (worksheet_set_column (ws, 0, 0, 34, NULL));
  CHECK (worksheet_set_column (ws, 1, 2, 14, NULL));
  CHECK (worksheet_set_column (ws, 3, 3, 70, NULL));
  set_up_page (r, ws);
  CHECK (worksheet_write_string (ws, row++, 0, _("How the predictions were made"), r->f.title));
  row++;

  if (m->name == NULL || m->name[0] == '\0')
    {
      CHECK (put_paragraph (ws, &row, 0,
                            m->not_enough_data != NULL && m->not_enough_data[0] != '\0'
                              ? m->not_enough_data
                              : _("There is not enough sales history yet to fit a model, so no "
                                  "predictions were made. Predictions appear once customers "
                                  "have come back a few times."),
                            NULL, MODEL_TEXT_WIDTH));
      return LXW_NO_ERROR;
    }

  CHECK (worksheet_write_string (ws, row, 0, _("Model"), r->f.bold));
  CHECK (put_text (ws, row++, 1, m->name, NULL));
  /* Two different dates: the data the predictions use, and the shorter stretch the holdout check
   * was fitted on. */
  if (m->data_end_day > 0)
    {
      g_autofree char *day = format_date_text (&d->shop, m->data_end_day);
      g_autofree char *text = g_strdup_printf (_("The predictions use every sale up to %s."), day);

      CHECK (put_paragraph (ws, &row, 0, text, NULL, MODEL_TEXT_WIDTH));
    }
  if (m->calibration_end_day > 0 && m->holdout_end_day > m->calibration_end_day)
    {
      g_autofree char *day = format_date_text (&d->shop, m->calibration_end_day);
      g_autofree char *text = g_strdup_printf (_("For the holdout check below, the model was "
                                                 "fitted again on the sales up to %s only."),
                                               day);

      CHECK (put_paragraph (ws, &row, 0, text, NULL, MODEL_TEXT_WIDTH));
    }
  if (m->reason != NULL && m->reason[0] != '\0')
    {
      CHECK (worksheet_write_string (ws, row++, 0, _("Why this model"), r->f.bold));
      CHECK (put_paragraph (ws, &row, 0, m->reason, NULL, MODEL_TEXT_WIDTH));
    }
  row++;

  if (m->params->len > 0)
    {
      const char *labels[] = { _("Parameter"), _("Value"), "", _("What it means") };

      CHECK (worksheet_write_string (ws, row++, 0, _("Parameters"), r->f.section));
      CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
      for (guint i = 0; i < m->params->len; i++)
        {
          const RegReportParam *p = &g_array_index (m->params, RegReportParam, i);

          CHECK (put_text (ws, row, 0, p->name, NULL));
          if (isfinite (p->value))
            CHECK (worksheet_write_number (ws, row, 1, p->value, r->f.param));
          else
            CHECK (put_na (r, ws, row, 1));
          if (p->meaning != NULL && g_utf8_strlen (p->meaning, -1) > 70)
            {
              CHECK (size_row_for (ws, row, p->meaning, 70));
              CHECK (put_text (ws, row, 3, p->meaning, r->f.wrap));
            }
          else
            CHECK (put_text (ws, row, 3, p->meaning, r->f.note));
          row++;
        }
      row++;
    }

  CHECK (worksheet_write_string (ws, row++, 0, _("How well it fits"), r->f.section));
  CHECK (worksheet_write_string (ws, row, 0, _("Log-likelihood"), r->f.bold));
  if (isfinite (m->log_likelihood))
    CHECK (worksheet_write_number (ws, row, 1, m->log_likelihood, r->f.decimal));
  else
    CHECK (put_na (r, ws, row, 1));
  row++;
  CHECK (put_paragraph (ws, &row, 0, _("How likely your sales history is under the fitted "
                                       "model. Only useful to compare models fitted on the same "
                                       "sales: closer to zero is better."),
                        r->f.subtitle, MODEL_TEXT_WIDTH));
  row++;

  CHECK (worksheet_write_string (ws, row++, 0, _("Holdout check"), r->f.section));
  if (m->holdout_predicted >= 0 && m->holdout_actual >= 0)
    {
      g_autofree char *period = NULL;
      lxw_row_t predicted_row, actual_row;
      char cell_p[16], cell_a[16];

      if (m->calibration_end_day > 0 && m->holdout_end_day > m->calibration_end_day)
        {
          g_autofree char *from = format_date_text (&d->shop, m->calibration_end_day + 1);
          g_autofree char *to = format_date_text (&d->shop, m->holdout_end_day);

          period = g_strdup_printf (_("We set aside the sales from %s to %s, predicted them "
                                      "from the earlier history and compared."), from, to);
        }
      else
        period = g_strdup (_("We set aside the most recent sales, predicted them from the "
                             "earlier history and compared."));
      CHECK (put_paragraph (ws, &row, 0, period, r->f.subtitle, MODEL_TEXT_WIDTH));

      predicted_row = row;
      CHECK (worksheet_write_string (ws, row, 0, _("Repeat purchases predicted"), r->f.bold));
      CHECK (worksheet_write_number (ws, row++, 1, m->holdout_predicted, r->f.decimal));
      actual_row = row;
      CHECK (worksheet_write_string (ws, row, 0, _("Repeat purchases that happened"), r->f.bold));
      CHECK (worksheet_write_number (ws, row++, 1, m->holdout_actual, r->f.decimal));
      if (m->holdout_actual > 0)
        {
          g_autofree char *formula = NULL;
          g_autofree char *pct = NULL;
          g_autofree char *sentence = NULL;
          double diff = (m->holdout_predicted - m->holdout_actual) / m->holdout_actual;

          lxw_rowcol_to_cell (cell_p, predicted_row, 1);
          lxw_rowcol_to_cell (cell_a, actual_row, 1);
          formula = g_strdup_printf ("=(%s-%s)/%s", cell_p, cell_a, cell_a);
          CHECK (worksheet_write_string (ws, row, 0, _("Prediction off by"), r->f.bold));
          CHECK (worksheet_write_formula_num (ws, row++, 1, formula, r->f.percent, diff));
          pct = format_percent_text (fabs (diff));
          sentence = g_strdup_printf (diff >= 0
                                        ? _("The model predicted %.0f repeat purchases and %.0f "
                                            "happened: %s too many.")
                                        : _("The model predicted %.0f repeat purchases and %.0f "
                                            "happened: %s too few."),
                                      m->holdout_predicted, m->holdout_actual, pct);
          CHECK (put_paragraph (ws, &row, 0, sentence, NULL, MODEL_TEXT_WIDTH));
        }
      row++;
      if (m->holdout_rows->len > 0)
        {
          const char *labels[] = { _("Group"), _("Predicted"), _("Actual") };

          CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
          for (guint i = 0; i < m->holdout_rows->len; i++)
            {
              const RegReportHoldoutRow *h = &g_array_index (m->holdout_rows,
                                                             RegReportHoldoutRow, i);

              CHECK (put_text (ws, row, 0, h->label, NULL));
              if (isfinite (h->predicted))
                CHECK (worksheet_write_number (ws, row, 1, h->predicted, r->f.decimal));
              if (isfinite (h->actual))
                CHECK (worksheet_write_number (ws, row, 2, h->actual, r->f.decimal));
              row++;
            }
        }
    }
  else
    CHECK (put_paragraph (ws, &row, 0, _("No holdout check: the sales history is too short to "
                                         "set part of it aside."), NULL, MODEL_TEXT_WIDTH));
  if (m->tracking->len > 0)
    {
      row++;
      CHECK (write_tracking (r, ws, &row));
    }
  return LXW_NO_ERROR;
}

/* ---- What these figures mean -------------------------------------------------------------- */

#define MEANING_WIDTH 100

static lxw_error
put_meaning (Report *r, lxw_worksheet *ws, lxw_row_t *row, const char *figure,
             const char *meaning)
{
  CHECK (size_row_for (ws, *row, meaning, MEANING_WIDTH));
  CHECK (worksheet_write_string (ws, *row, 0, figure, r->f.label_top));
  CHECK (put_text (ws, *row, 1, meaning, r->f.wrap));
  (*row)++;
  return LXW_NO_ERROR;
}

static lxw_error
write_meanings (Report *r, lxw_worksheet *ws)
{
  const RegReportData *d = r->data;
  guint h = d->shop.horizon_months;
  lxw_row_t row = 0;
  g_autofree char *rate = format_percent_text (d->shop.discount_rate);
  g_autofree char *clv = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *tiers = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  const char *labels[] = { _("Figure"), _("What it means") };

  CHECK (worksheet_set_column (ws, 0, 0, 32, NULL));
  CHECK (worksheet_set_column (ws, 1, 1, MEANING_WIDTH, NULL));
  set_up_page (r, ws);
  CHECK (worksheet_write_string (ws, row++, 0, _("What these figures mean"), r->f.title));
  row++;
  CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));

  clv = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "What we expect this customer to spend with you over the "
                                      "next %u month, in today’s money: money expected later "
                                      "counts a little less (%s a month), because money now is "
                                      "worth more than money later. It comes from the model on "
                                      "the Model sheet. Empty when there is not enough history "
                                      "to predict.",
                                      "What we expect this customer to spend with you over the "
                                      "next %u months, in today’s money: money expected later "
                                      "counts a little less (%s a month), because money now is "
                                      "worth more than money later. It comes from the model on "
                                      "the Model sheet. Empty when there is not enough history "
                                      "to predict.", h), h, rate);
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "How many purchases we expect from this customer in "
                                           "the next %u month.",
                                           "How many purchases we expect from this customer in "
                                           "the next %u months.", h), h);
  for (guint i = 0; i < d->tiers->len; i++)
    {
      const RegReportTier *t = &g_array_index (d->tiers, RegReportTier, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”", t->name);
    }
  tiers = g_strdup_printf (_("Customers are ranked by predicted CLV (before there is enough "
                             "history, by what they have spent so far) and split into tiers, "
                             "most valuable first: %s. Each tier has its own sheet with every "
                             "customer in it; use the filter buttons in the header row to narrow "
                             "the list."), names->str);

  CHECK (put_meaning (r, ws, &row, _("Predicted CLV"), clv));
  CHECK (put_meaning (r, ws, &row, _("Probability alive"),
                      _("How likely it is that this customer still buys from you: 100 % means "
                        "certainly still a customer, 0 % means gone for good. It falls the "
                        "longer someone stays away compared with how often they used to come.")));
  CHECK (put_meaning (r, ws, &row, _("Expected purchases"), expected));
  CHECK (put_meaning (r, ws, &row, _("80 % range"),
                      _("The purchases and the predicted CLV of a customer are not certain: in "
                        "about 8 of 10 cases the real figure will lie between the low and the "
                        "high end given on the tier sheets. A wide range means the history says "
                        "little yet. Empty when there is not enough history to predict.")));
  CHECK (put_meaning (r, ws, &row, _("Tiers"), tiers));
  CHECK (put_meaning (r, ws, &row, _("RFM group"),
                      _("RFM stands for recency, frequency and money: each customer scores 1 to "
                        "5 on how recently, how often and how much they bought, and the scores "
                        "give the group. Champions bought recently, often and a lot; Loyal "
                        "customers buy often; Potential loyalists are recent customers who may "
                        "become loyal; New customers bought for the first time recently; Used "
                        "to buy often: bought often, but not lately; Can’t lose them were among "
                        "your best but have not bought lately; Hibernating and Lost have not "
                        "bought for a long time.")));
  CHECK (put_meaning (r, ws, &row, _("Slipping away because"),
                      _("Why the customer is on the list of customers slipping away, with the "
                        "figures behind it: since they last bought, more of their own usual gaps "
                        "between purchases than the shop allows; a chance of still buying below "
                        "the shop’s threshold; or a low score when asked whether they would "
                        "recommend you. Empty means not on that list.")));
  CHECK (put_meaning (r, ws, &row, _("Customers"),
                      _("Everyone who bought from you at least once.")));
  CHECK (put_meaning (r, ws, &row, _("Active customers"),
                      _("Customers who bought recently enough to count as still buying.")));
  CHECK (put_meaning (r, ws, &row, _("Revenue"), _("All sales minus refunds.")));
  CHECK (put_meaning (r, ws, &row, _("Average order value"),
                      _("Revenue divided by the number of purchases.")));
  CHECK (put_meaning (r, ws, &row, _("Purchase frequency"),
                      _("Purchases divided by the number of customers.")));
  CHECK (put_meaning (r, ws, &row, _("Repeat rate"),
                      _("The share of customers who bought more than once.")));
  CHECK (put_meaning (r, ws, &row, _("Churn rate"),
                      _("The share of customers who stopped buying in a period.")));
  CHECK (put_meaning (r, ws, &row, _("Average and total predicted CLV"),
                      _("The predicted CLV of all customers, averaged and added up: what your "
                        "current customers are expected to bring in over the same months.")));
  CHECK (put_meaning (r, ws, &row, _("Total spend"),
                      _("Everything this customer has paid so far, minus refunds.")));
  CHECK (put_meaning (r, ws, &row, _("Purchases"),
                      _("How many times this customer bought (several sales on one day count "
                        "once).")));
  CHECK (put_meaning (r, ws, &row, _("First and last purchase"),
                      _("The days of this customer’s first and most recent purchase.")));
  CHECK (put_meaning (r, ws, &row, _("Email consent"),
                      _("Whether this customer agreed to receive emails from you. Campaign "
                        "lists only ever include customers who did.")));
  CHECK (put_meaning (r, ws, &row, _("Cohorts"),
                      _("Customers grouped by the month of their first purchase. Each cell "
                        "shows the share of the group who bought again that many months later; "
                        "month 0 is the month of their first purchase.")));
  CHECK (put_meaning (r, ws, &row, _("Model"),
                      _("The statistical model that predicts how often each customer will buy "
                        "and how much they will spend, fitted to your own sales history. The "
                        "Model sheet shows which one was used and why.")));
  CHECK (put_meaning (r, ws, &row, _("Holdout check"),
                      _("We set the most recent sales aside, predict them from the rest and "
                        "compare with what really happened. Close figures mean the predictions "
                        "can be trusted.")));
  CHECK (put_meaning (r, ws, &row, _("not available"),
                      _("The figure could not be computed yet, usually because there is not "
                        "enough sales history. On the tier sheets such cells are empty.")));
  return LXW_NO_ERROR;
}

/* ---- Entry point -------------------------------------------------------------------------- */

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&r->tier_sheets, g_ptr_array_unref);
  g_clear_pointer (&r->summary_name, g_free);
}

/* ---- Products ----------------------------------------------------------------------------- */

static lxw_error
write_products (Report *r, lxw_worksheet *ws)
{
  const RegReportData *d = r->data;
  const char *labels[] = {
    _("Code"), _("Product"), _("Revenue"), _("Quantity"), _("Customers"), _("Orders"),
  };
  const char *pair_labels[] = {
    _("Product"), _("Code"), _("Bought with"), _("Code"), _("Orders with both"),
    _("Support"), _("Confidence"), _("Confidence, the other way"), _("Lift"),
  };
  lxw_row_t row = 0;

  CHECK (worksheet_set_column (ws, 0, 0, 34, NULL));
  CHECK (worksheet_set_column (ws, 1, 1, 34, NULL));
  CHECK (worksheet_set_column (ws, 2, 2, 34, NULL));
  CHECK (worksheet_set_column (ws, 3, 8, 14, NULL));
  set_up_page (r, ws);
  CHECK (worksheet_write_string (ws, row++, 0, _("What customers buy"), r->f.title));
  if (d->products->len == 0)
    {
      row++;
      CHECK (worksheet_write_string (ws, row, 0, _("No products yet: store exports such as "
                                                   "Shopify, Square, Etsy or Online Retail "
                                                   "bring them."), NULL));
      return LXW_NO_ERROR;
    }
  CHECK (put_paragraph (ws, &row, 0,
                        _("Every product by revenue (a cancellation’s lines subtract), with the "
                          "quantity sold, the customers who bought it and the orders that held "
                          "it; then the pairs bought together most often. Support is the share "
                          "of all orders holding both; confidence, the share of the first "
                          "product’s orders that hold the second too (and the other way); lift, "
                          "how many times as often the two are bought together as they would "
                          "be by chance."), r->f.subtitle, 110));
  row++;
  CHECK (put_header_row (r, ws, row++, labels, G_N_ELEMENTS (labels)));
  for (guint i = 0; i < d->products->len; i++, row++)
    {
      const RegReportProduct *p = &g_array_index (d->products, RegReportProduct, i);

      CHECK (put_text (ws, row, 0, p->code, NULL));
      CHECK (put_text (ws, row, 1, p->name, NULL));
      CHECK (put_money (r, ws, row, 2, p->revenue, r->f.money));
      CHECK (worksheet_write_number (ws, row, 3, (double) p->quantity, r->f.integer));
      CHECK (worksheet_write_number (ws, row, 4, p->customers, r->f.integer));
      CHECK (worksheet_write_number (ws, row, 5, p->orders, r->f.integer));
    }
  row++;
  CHECK (worksheet_write_string (ws, row++, 0, _("Bought together"), r->f.section));
  if (d->pairs->len == 0)
    {
      CHECK (worksheet_write_string (ws, row, 0, _("No two products were bought together in "
                                                   "two orders or more."), NULL));
      return LXW_NO_ERROR;
    }
  CHECK (put_header_row (r, ws, row++, pair_labels, G_N_ELEMENTS (pair_labels)));
  for (guint i = 0; i < d->pairs->len; i++, row++)
    {
      const RegReportPair *p = &g_array_index (d->pairs, RegReportPair, i);

      CHECK (put_text (ws, row, 0, p->a_name, NULL));
      CHECK (put_text (ws, row, 1, p->a_code, NULL));
      CHECK (put_text (ws, row, 2, p->b_name, NULL));
      CHECK (put_text (ws, row, 3, p->b_code, NULL));
      CHECK (worksheet_write_number (ws, row, 4, p->orders, r->f.integer));
      CHECK (worksheet_write_number (ws, row, 5, p->support, r->f.percent));
      CHECK (worksheet_write_number (ws, row, 6, p->confidence_ab, r->f.percent));
      CHECK (worksheet_write_number (ws, row, 7, p->confidence_ba, r->f.percent));
      CHECK (worksheet_write_number (ws, row, 8, p->lift, r->f.decimal));
    }
  return LXW_NO_ERROR;
}

static gboolean
write_workbook (Report *r, RegReportCustomerNext next, gpointer next_data,
                GCancellable *cancellable, GError **error)
{
  const RegReportData *d = r->data;
  lxw_worksheet *summary, *cohorts, *channels, *model, *meanings, *products;
  g_autofree char *cohorts_name = NULL;
  g_autofree char *products_name = NULL;
  g_autofree char *channels_name = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *meanings_name = NULL;
  g_autofree char *title = NULL;
  lxw_doc_properties props = { 0 };

  title = g_strdup_printf (_("Customer value report: %s"), d->shop.name);
  props.title = title;
  props.subject = (char *) _("Customer lifetime value, tiers and cohorts");
  props.comments = (char *) _("Written by Regulars");
  if (!reg_lxw_ok (workbook_set_properties (r->wb, &props), _("the workbook properties"), error))
    return FALSE;
  make_formats (r);

  /* Sheets in their final order; customer sheets in data->tiers order. */
  r->summary_name = reg_excel_sheet_name (_("Summary"), r->sheet_names);
  summary = workbook_add_worksheet (r->wb, r->summary_name);
  for (guint i = 0; i < d->tiers->len; i++)
    {
      const RegReportTier *t = &g_array_index (d->tiers, RegReportTier, i);
      add_tier_sheet (r, t->name, t->id);
    }
  cohorts_name = reg_excel_sheet_name (_("Cohorts"), r->sheet_names);
  cohorts = workbook_add_worksheet (r->wb, cohorts_name);
  model_name = reg_excel_sheet_name (_("Model"), r->sheet_names);
  model = workbook_add_worksheet (r->wb, model_name);
  meanings_name = reg_excel_sheet_name (_("What these figures mean"), r->sheet_names);
  meanings = workbook_add_worksheet (r->wb, meanings_name);
  /* last, so that the sheets before keep their places for whoever reads them by number */
  channels_name = reg_excel_sheet_name (_("Channels"), r->sheet_names);
  channels = workbook_add_worksheet (r->wb, channels_name);
  products_name = reg_excel_sheet_name (_("Products"), r->sheet_names);
  products = workbook_add_worksheet (r->wb, products_name);
  if (summary == NULL || cohorts == NULL || channels == NULL || model == NULL || meanings == NULL
      || products == NULL)
    {
      g_set_error_literal (error, REG_IO_ERROR, REG_IO_ERROR_WRITE,
                           _("Could not add the sheets to the workbook."));
      return FALSE;
    }
  for (guint i = 0; i < r->tier_sheets->len; i++)
    {
      TierSheet *t = g_ptr_array_index (r->tier_sheets, i);

      if (t->ws == NULL)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_WRITE,
                       _("Could not add the sheet “%s” to the workbook."), t->name);
          return FALSE;
        }
      if (!reg_lxw_ok (begin_customer_sheet (r, t), t->name, error))
        return FALSE;
    }
  worksheet_activate (summary);

  if (!reg_lxw_ok (write_summary (r, summary), r->summary_name, error))
    return FALSE;
  if (!write_customers (r, next, next_data, cancellable, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!reg_lxw_ok (write_cohorts (r, cohorts), cohorts_name, error) ||
      !reg_lxw_ok (write_model (r, model), model_name, error) ||
      !reg_lxw_ok (write_meanings (r, meanings), meanings_name, error) ||
      !reg_lxw_ok (write_channels (r, channels), channels_name, error) ||
      !reg_lxw_ok (write_products (r, products), products_name, error))
    return FALSE;
  return TRUE;
}

/**
 * reg_xlsx_report_write:
 * @path: the .xlsx file to write (replaced if it exists)
 * @data: the report's figures; data->customers is used when @next is %NULL
 * @next: (nullable): yields the customers one by one, for shops too large to hold in memory;
 *   called until it returns %FALSE. The sheets after the customers' take data->channels,
 *   data->products and data->pairs only after that, so @next may complete them until it
 *   returns %FALSE (the figures can then be read while the customers are written).
 * @next_data: passed to @next
 * @cancellable: (nullable): checked every 1,000 customers
 * @error: %REG_IO_ERROR_OPEN when the folder cannot be written, %REG_IO_ERROR_WRITE when
 *   libxlsxwriter fails, %REG_IO_ERROR_TOO_LARGE when a tier exceeds 1,048,575 customers,
 *   %G_IO_ERROR_CANCELLED, or whatever @next reported
 *
 * Writes the tiered report workbook. Memory use does not grow with the number of customers.
 * Nothing is left at @path (or beside it) unless this returns %TRUE.
 *
 * Returns: %TRUE when the workbook was written
 */
gboolean
reg_xlsx_report_write (const char            *path,
                       const RegReportData   *data,
                       RegReportCustomerNext  next,
                       gpointer               next_data,
                       GCancellable          *cancellable,
                       GError               **error)
{
  RegExportFile file = { 0 };
  RegNumericScope scope;
  Report r = { 0 };
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  g_autoptr(GError) local = NULL;
  gboolean ok = FALSE;
  lxw_error rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!reg_export_file_begin (&file, path, error))
    return FALSE;

  reg_numeric_scope_enter (&scope);
  opts.tmpdir = (char *) g_get_tmp_dir ();
  r.data = data;
  r.exponent = data->shop.money.currency->exponent;
  r.sheet_names = g_ptr_array_new_with_free_func (g_free);
  r.tier_sheets = g_ptr_array_new_with_free_func (tier_sheet_free);
  r.wb = workbook_new_opt (file.tmp_path, &opts);
  if (r.wb == NULL)
    {
      g_set_error (&local, REG_IO_ERROR, REG_IO_ERROR_WRITE,
                   _("Could not start the workbook: out of memory or no temporary folder."));
    }
  else
    {
      ok = write_workbook (&r, next, next_data, cancellable, &local);
      /* workbook_close() frees the workbook whatever happens, and is called exactly once; after
       * a failure its file is thrown away with the temp file. */
      rc = workbook_close (r.wb);
      r.wb = NULL;
      if (ok)
        ok = reg_lxw_ok (rc, path, &local);
    }
  reg_numeric_scope_leave (&scope);
  report_clear (&r);

  if (ok)
    ok = reg_export_file_commit (&file, &local);
  reg_export_file_clear (&file);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}
