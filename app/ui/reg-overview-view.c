/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegOverviewView shows a RegAnalysisSummary: seven key figures with a caption in plain words,
 * four RegCharts (revenue by month, customers per tier, value distribution, cohort heat map)
 * and a card that compares the model's holdout prediction with what customers really did. It
 * shows the progress of the running analysis job it is given. Money and dates are written by
 * RegShop. Main thread only; owns the summary and a reference to the job.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "reg-channel-card.h"
#include "reg-chart.h"
#include "reg-forecast-words.h"
#include "reg-overview-view.h"
#include "reg-view.h"
#include "reg-score-words.h"
#include "reg-ui-util.h"

/* Every cohort is in the heat map: month by month up to MAX_MONTHLY_COHORTS of them, grouped
 * by quarter beyond (the map scrolls when even those are many); months after the first
 * purchase shown; months in the revenue chart. */
#define MAX_MONTHLY_COHORTS 24
#define MAX_COHORT_MONTHS 12
#define MAX_COHORT_HEIGHT 420
#define MAX_REVENUE_MONTHS 36

struct _RegOverviewView
{
  AdwBin              parent_instance;

  RegShop            *shop;             /* (owned) (nullable) */
  RegAnalysisSummary *summary;          /* (owned) (nullable) */
  RegJob             *job;              /* (owned) (nullable) */
  guint               pulse_id;

  /* template */
  GtkStack           *stack;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  GtkLabel           *status_label;
  GtkLabel           *customers_value, *customers_caption;
  GtkLabel           *active_value, *active_caption;
  GtkLabel           *revenue_value, *revenue_caption;
  GtkLabel           *aov_value, *aov_caption;
  GtkLabel           *repeat_value, *repeat_caption;
  GtkLabel           *churn_value, *churn_caption;
  GtkLabel           *clv_value, *clv_caption;
  GtkLabel           *clv_range_label;
  RegChart           *revenue_chart;
  RegChart           *tier_chart;
  RegChart           *value_chart;
  RegChart           *cohort_chart;
  GtkLabel           *cohort_chart_title;
  GtkScrolledWindow  *cohort_scroller;
  RegChart           *forecast_chart;
  GtkLabel           *forecast_label;
  GtkWidget          *forecast_card;
  RegChart           *tracking_chart;
  GtkLabel           *tracking_label;
  GtkLabel           *prediction_label;
  GtkLabel           *model_label;
  RegChannelCard     *channel_card;
};

enum
{
  PROP_0,
  PROP_SHOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegOverviewView, reg_overview_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, view_iface_init))

/* ---- formatting ---- */

static char *
format_money (RegOverviewView *self,
              double           minor)
{
  return reg_shop_format_amount (self->shop, (gint64) llround (minor));
}

static char *
chart_money_cb (double   value,
                gpointer user_data)
{
  RegOverviewView *self = user_data;

  if (self->shop == NULL)
    return g_strdup_printf ("%.0f", value);
  return format_money (self, value);
}

static char *
axis_money_cb (double   value,
               gpointer user_data)
{
  RegOverviewView *self = user_data;

  if (self->shop == NULL)
    return g_strdup_printf ("%.0f", value);
  return reg_shop_format_amount_whole (self->shop, (gint64) llround (value));
}

static char *
chart_count_cb (double   value,
                gpointer user_data)
{
  return g_strdup_printf ("%.0f", value);
}

static char *
month_label (gint32 julian_day)
{
  GDate date;
  char buf[64];

  if (julian_day <= 0 || !g_date_valid_julian ((guint32) julian_day))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian_day);
  /* Translators: month and year under a chart bar, see strftime: "Mar 24" */
  if (g_date_strftime (buf, sizeof buf, _("%b %y"), &date) == 0)
    return g_strdup ("");
  return g_strdup (buf);
}

static void
set_kpi (GtkLabel   *value,
         GtkLabel   *caption,
         const char *value_text,
         const char *caption_text)
{
  gtk_label_set_text (value, value_text);
  gtk_label_set_text (caption, caption_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption_text,
                                  -1);
}

/* ---- filling in ---- */

static void
clear_figures (RegOverviewView *self,
               const char      *why)
{
  set_kpi (self->customers_value, self->customers_caption, "—", "");
  set_kpi (self->active_value, self->active_caption, "—", "");
  set_kpi (self->revenue_value, self->revenue_caption, "—", "");
  set_kpi (self->aov_value, self->aov_caption, "—", "");
  set_kpi (self->repeat_value, self->repeat_caption, "—", "");
  set_kpi (self->churn_value, self->churn_caption, "—", "");
  set_kpi (self->clv_value, self->clv_caption, "—", "");
  gtk_label_set_text (self->clv_range_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->clv_range_label), FALSE);
  reg_chart_clear (self->revenue_chart);
  reg_chart_clear (self->tier_chart);
  reg_chart_clear (self->value_chart);
  reg_chart_set_matrix (self->cohort_chart, NULL, 0, 0, NULL, NULL);
  reg_chart_clear (self->tracking_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->tracking_chart), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->tracking_label), FALSE);
  reg_chart_clear (self->forecast_chart);
  gtk_widget_set_visible (self->forecast_card, FALSE);
  gtk_label_set_text (self->prediction_label, "");
  gtk_label_set_text (self->model_label, "");
  gtk_label_set_text (self->status_label, why);
}

static void
fill_kpis (RegOverviewView          *self,
           const RegAnalysisSummary *s)
{
  g_autofree char *n = g_strdup_printf ("%u", s->customers);
  g_autofree char *active = g_strdup_printf ("%u", s->active_customers);
  g_autofree char *revenue = reg_shop_format_amount (self->shop, s->revenue);
  g_autofree char *aov = format_money (self, s->aov);
  /* a share of nobody is unknown: a dash and the reason, never a negative percentage */
  g_autofree char *repeat = s->repeat_rate >= 0 ? reg_ui_format_percent (MIN (s->repeat_rate, 1))
                                                : g_strdup ("—");
  g_autofree char *churn = s->churn_rate >= 0 ? reg_ui_format_percent (MIN (s->churn_rate, 1))
                                              : g_strdup ("—");
  g_autofree char *churn_unknown =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                  "not known yet: no customers in the period before the last day",
                                  "not known yet: no customers in the period before the last %u days",
                                  s->churn_period_days),
                     s->churn_period_days);
  g_autofree char *per_customer = format_money (self, s->revenue_per_customer);
  g_autofree char *revenue_caption = g_strdup_printf (_("taken in all, %s per customer"), per_customer);

  set_kpi (self->customers_value, self->customers_caption, n,
           g_dngettext (GETTEXT_PACKAGE, "customer has bought from you", "customers have bought from you",
                        s->customers));
  set_kpi (self->active_value, self->active_caption, active,
           g_dngettext (GETTEXT_PACKAGE, "of them is still buying", "of them are still buying",
                        s->active_customers));
  set_kpi (self->revenue_value, self->revenue_caption, revenue, revenue_caption);
  set_kpi (self->aov_value, self->aov_caption, aov, _("spent on an average visit"));
  set_kpi (self->repeat_value, self->repeat_caption, repeat,
           s->repeat_rate >= 0 ? _("of customers came back and bought again")
                               : _("not known yet: no customers"));
  set_kpi (self->churn_value, self->churn_caption, churn,
           s->churn_rate >= 0 ? _("of customers stopped buying in the last period") : churn_unknown);

  if (s->clv_average >= 0 && s->enough_data)
    {
      g_autofree char *clv = format_money (self, s->clv_average);
      g_autofree char *caption =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "a customer is likely to be worth to you over the next "
                                      "month, after your margin",
                                      "a customer is likely to be worth to you over the next %u "
                                      "months, after your margin",
                                      s->horizon_months),
                         s->horizon_months);
      set_kpi (self->clv_value, self->clv_caption, clv, caption);
    }
  else
    {
      g_autofree char *clv = format_money (self, s->simple_clv);
      set_kpi (self->clv_value, self->clv_caption, clv,
               _("a customer is worth, from past sales (too little history to predict)"));
    }
  {
    /* the shop's total with its 80 % range, or why there is none */
    g_autofree char *range = reg_words_clv_total_range (self->shop, s);

    gtk_label_set_text (self->clv_range_label, range != NULL ? range : "");
    gtk_widget_set_visible (GTK_WIDGET (self->clv_range_label), range != NULL);
  }
}

static void
fill_revenue_chart (RegOverviewView          *self,
                    const RegAnalysisSummary *s)
{
  guint n = s->revenue_by_month != NULL ? s->revenue_by_month->len : 0;
  guint first = n > MAX_REVENUE_MONTHS ? n - MAX_REVENUE_MONTHS : 0;
  g_autofree double *values = g_new0 (double, MAX (1, n - first));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = first; i < n; i++)
    {
      const RegMonthAmount *m = &g_array_index (s->revenue_by_month, RegMonthAmount, i);

      values[i - first] = (double) m->amount;
      g_ptr_array_add (labels, month_label (m->month));
    }
  g_ptr_array_add (labels, NULL);
  reg_chart_set_axis (self->revenue_chart, (double) reg_shop_get_currency_unit (self->shop),
                      axis_money_cb, self, NULL);
  reg_chart_set_series (self->revenue_chart, values, (const char * const *) labels->pdata, n - first);
}

static void
fill_tier_chart (RegOverviewView          *self,
                 const RegAnalysisSummary *s)
{
  guint n = s->tiers != NULL ? s->tiers->len : 0;
  g_autofree double *values = g_new0 (double, MAX (1, n));
  g_autofree const char **labels = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const RegTierFigure *t = &g_array_index (s->tiers, RegTierFigure, i);

      values[i] = t->customers;
      labels[i] = reg_ui_tier_label (t->id);
    }
  reg_chart_set_series (self->tier_chart, values, labels, n);
}

static void
fill_value_chart (RegOverviewView          *self,
                  const RegAnalysisSummary *s)
{
  guint n = s->clv_histogram != NULL ? s->clv_histogram->len : 0;
  g_autofree double *values = g_new0 (double, MAX (1, n));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      values[i] = g_array_index (s->clv_histogram, guint, i);
      g_ptr_array_add (labels, format_money (self, i * s->clv_histogram_step));
    }
  g_ptr_array_add (labels, NULL);
  reg_chart_set_series (self->value_chart, values, (const char * const *) labels->pdata, n);
}

/* The quarter a cohort's month falls in, as year * 4 + quarter - 1. */
static int
quarter_of (gint32 julian_day)
{
  GDate date;

  if (julian_day <= 0 || !g_date_valid_julian ((guint32) julian_day))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian_day);
  return g_date_get_year (&date) * 4 + (g_date_get_month (&date) - 1) / 3;
}

static void
fill_cohort_chart (RegOverviewView          *self,
                   const RegAnalysisSummary *s)
{
  guint n = s->cohorts != NULL ? s->cohorts->len : 0;
  gboolean by_quarter = n > MAX_MONTHLY_COHORTS;
  guint rows = 0, cols = 0;
  g_autofree double *cells = NULL;
  g_autofree double *weights = NULL;
  g_autoptr(GPtrArray) row_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) col_labels = g_ptr_array_new_with_free_func (g_free);
  int row_key = G_MININT;
  guint row_size = 0;
  gint32 row_month = 0;

  gtk_label_set_label (self->cohort_chart_title,
                       by_quarter ? _("Customers who come back, by quarter of first purchase")
                                  : _("Customers who come back, by month of first purchase"));
  for (guint r = 0; r < n; r++)
    {
      const RegCohortRow *row = g_ptr_array_index (s->cohorts, r);
      cols = MAX (cols, row->retention != NULL ? MIN (row->retention->len, MAX_COHORT_MONTHS) : 0);
    }
  if (n == 0 || cols == 0)
    {
      reg_chart_set_matrix (self->cohort_chart, NULL, 0, 0, NULL, NULL);
      return;
    }
  /* at most one row per cohort; a quarter's share in month k is its months' shares weighted by
   * their customers, over the months that have reached month k */
  cells = g_new0 (double, n * cols);
  weights = g_new0 (double, n * cols);
  for (guint r = 0; r <= n; r++)
    {
      const RegCohortRow *row = r < n ? g_ptr_array_index (s->cohorts, r) : NULL;
      int key = row == NULL ? G_MAXINT : by_quarter ? quarter_of (row->month) : (int) r;

      if (key != row_key && row_key != G_MININT)
        {
          g_autofree char *name = NULL;

          if (by_quarter)
            /* Translators: a quarter of a year in the cohort heat map: quarter, year ("Q1 2024") */
            name = g_strdup_printf (_("Q%d %d"), row_key % 4 + 1, row_key / 4);
          else
            name = month_label (row_month);
          /* Translators: a cohort row: its month and how many customers first bought then */
          g_ptr_array_add (row_labels, g_strdup_printf (_("%s (%u)"), name, row_size));
          for (guint c = 0; c < cols; c++)
            {
              gsize at = (gsize) rows * cols + c;
              cells[at] = weights[at] > 0 ? cells[at] / weights[at] : NAN;
            }
          rows++;
          row_size = 0;
        }
      if (row == NULL)
        break;
      if (key != row_key)
        row_month = row->month;
      row_key = key;
      row_size += row->size;
      for (guint c = 0; c < cols && row->retention != NULL && c < row->retention->len; c++)
        {
          gsize at = (gsize) rows * cols + c;
          /* a cohort with nobody in it still shows its month, as 0 % */
          double w = row->size > 0 ? row->size : 1e-9;

          cells[at] += g_array_index (row->retention, double, c) * w;
          weights[at] += w;
        }
    }
  /* the customers of cohorts older than the analysis keeps month by month: counted in a row of
   * their own, without shares */
  if (s->cohorts_earlier > 0)
    {
      g_autofree char *month = month_label (((RegCohortRow *) s->cohorts->pdata[0])->month);
      g_autofree double *with_earlier = g_new (double, (gsize) (rows + 1) * cols);

      for (guint c = 0; c < cols; c++)
        with_earlier[c] = NAN;
      memcpy (with_earlier + cols, cells, sizeof (double) * rows * cols);
      g_free (cells);
      cells = g_steal_pointer (&with_earlier);
      /* Translators: the first row of the cohort heat map: customers who first bought before
       * this month (the rows below), and how many */
      g_ptr_array_insert (row_labels, 0, g_strdup_printf (_("Before %s (%u)"), month, s->cohorts_earlier));
      rows++;
    }
  for (guint c = 0; c < cols; c++)
    /* Translators: heat map column: months after the first purchase */
    g_ptr_array_add (col_labels, g_strdup_printf (_("+%u"), c));
  g_ptr_array_add (row_labels, NULL);
  g_ptr_array_add (col_labels, NULL);
  reg_chart_set_matrix (self->cohort_chart, cells, rows, cols,
                        (const char * const *) row_labels->pdata,
                        (const char * const *) col_labels->pdata);
  {
    int height = 0;

    /* the whole map where it fits in MAX_COHORT_HEIGHT, else that much of it, scrolled: the
     * card is not squeezed to the height of the charts beside it */
    gtk_widget_measure (GTK_WIDGET (self->cohort_chart), GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
    gtk_scrolled_window_set_min_content_height (self->cohort_scroller, MIN (height, MAX_COHORT_HEIGHT));
  }
}

/* Repeat purchases per week or month (bars) against the model's expectation (dashed line), with
 * the split marked where the model's data ends. */
static void
fill_tracking (RegOverviewView          *self,
               const RegAnalysisSummary *s)
{
  guint n = s->tracking != NULL ? s->tracking->len : 0;
  g_autofree double *actual = g_new0 (double, MAX (1, n));
  g_autofree double *expected = g_new0 (double, MAX (1, n));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  ClvMoneyFormat fmt;

  for (guint i = 0; i < n; i++)
    {
      const RegTrackingPoint *t = &g_array_index (s->tracking, RegTrackingPoint, i);

      actual[i] = t->actual;
      expected[i] = t->expected;
      g_ptr_array_add (labels, s->tracking_weekly ? reg_shop_format_date (self->shop, t->period)
                                                  : month_label (t->period));
    }
  g_ptr_array_add (labels, NULL);
  reg_chart_set_series (self->tracking_chart, actual, (const char * const *) labels->pdata, n);
  reg_chart_set_second_series (self->tracking_chart, expected, n);
  reg_chart_set_marker (self->tracking_chart, reg_tracking_split_index (s));
  gtk_widget_set_visible (GTK_WIDGET (self->tracking_chart), n > 0);
  reg_shop_get_money_format (self->shop, &fmt);
  text = reg_words_tracking (&fmt, s);
  gtk_label_set_text (self->tracking_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tracking_label), text != NULL);
}

/* The last 12 months' revenue (bars) and the expected revenue from today's customers in the
 * months ahead (pale bars). */
static void
fill_forecast (RegOverviewView          *self,
               const RegAnalysisSummary *s)
{
  guint n_past = s->revenue_by_month != NULL ? MIN (s->revenue_by_month->len, 12) : 0;
  guint n_ahead = s->forecast != NULL ? s->forecast->len : 0;
  g_autofree double *values = g_new0 (double, MAX (1, n_past + n_ahead));
  g_autofree double *low = g_new0 (double, MAX (1, n_ahead));
  g_autofree double *high = g_new0 (double, MAX (1, n_ahead));
  guint n_band = 0;
  g_autofree char *band_text = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  ClvMoneyFormat fmt;

  gtk_widget_set_visible (self->forecast_card, n_ahead > 0);
  if (n_ahead == 0)
    {
      reg_chart_clear (self->forecast_chart);
      return;
    }
  for (guint i = 0; i < n_past; i++)
    {
      const RegMonthAmount *m = &g_array_index (s->revenue_by_month, RegMonthAmount,
                                                s->revenue_by_month->len - n_past + i);

      values[i] = (double) m->amount;
      g_ptr_array_add (labels, month_label (m->month));
    }
  for (guint i = 0; i < n_ahead; i++)
    {
      const RegMonthAmount *m = &g_array_index (s->forecast, RegMonthAmount, i);

      values[n_past + i] = (double) m->amount;
      /* a month ahead starts on any day: named by the calendar month of its middle */
      g_ptr_array_add (labels, month_label (m->month + 15));
    }
  g_ptr_array_add (labels, NULL);
  reg_chart_set_axis (self->forecast_chart, (double) reg_shop_get_currency_unit (self->shop),
                      axis_money_cb, self, NULL);
  reg_chart_set_series (self->forecast_chart, values, (const char * const *) labels->pdata,
                        n_past + n_ahead);
  reg_chart_set_pale_from (self->forecast_chart, (int) n_past);
  reg_chart_set_marker (self->forecast_chart, (int) n_past);
  /* the 80 % band of the months ahead, when the analysis gave one for every month */
  for (guint i = 0; i < n_ahead; i++)
    {
      const RegMonthAmount *m = &g_array_index (s->forecast, RegMonthAmount, i);

      if (!m->ranged)
        break;
      low[i] = (double) m->low;
      high[i] = (double) m->high;
      n_band++;
    }
  reg_chart_set_band (self->forecast_chart, n_past, low, high, n_band == n_ahead ? n_band : 0);
  reg_shop_get_money_format (self->shop, &fmt);
  text = reg_words_forecast (&fmt, s);
  band_text = reg_words_forecast_range (&fmt, s, TRUE);
  if (text != NULL && band_text != NULL)
    {
      char *both = g_strdup_printf ("%s %s", text, band_text);

      g_free (text);
      text = both;
    }
  gtk_label_set_text (self->forecast_label, text != NULL ? text : "");
}

static void
fill_predictions (RegOverviewView          *self,
                  const RegAnalysisSummary *s)
{
  g_autofree char *text = NULL;

  if (s->holdout_predicted >= 0 && s->holdout_actual >= 0 && s->calibration_end > 0)
    {
      int weeks = MAX (1, (s->end_day - s->calibration_end + 3) / 7);
      double diff = s->holdout_actual > 0
                    ? (s->holdout_predicted - s->holdout_actual) / s->holdout_actual : NAN;
      g_autofree char *first = NULL;
      const char *verdict;

      first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "We hid the last %d week of sales from the model and asked it to "
                                            "predict it. It expected %.0f repeat purchases; your customers "
                                            "actually made %.0f.",
                                            "We hid the last %d weeks of sales from the model and asked it to "
                                            "predict them. It expected %.0f repeat purchases; your customers "
                                            "actually made %.0f.",
                                            weeks),
                               weeks, s->holdout_predicted, s->holdout_actual);
      /* the wording of the difference, not a decision: the figures above stay visible */
      if (isnan (diff))
        verdict = s->holdout_predicted < 0.5
                  ? _("That is close, so the predictions for single customers are a good guide.")
                  : _("With no repeat purchases to compare with, treat the predictions with caution "
                      "until there is more history.");
      else if (fabs (diff) < 0.10)
        verdict = _("That is close, so the predictions for single customers are a good guide.");
      else if (fabs (diff) < 0.25)
        verdict = _("That is fairly close: take the predictions for single customers as a rough guide.");
      else
        verdict = _("That is far off: treat the predictions with caution until there is more history.");
      text = g_strdup_printf ("%s %s", first, verdict);
    }
  else
    text = g_strdup (_("There is not enough history yet to check the predictions against real sales. "
                       "The check needs about six months of sales."));

  gtk_label_set_text (self->prediction_label, text);
  gtk_label_set_text (self->model_label, s->model_reason != NULL ? s->model_reason : "");
}

static void
update_page (RegOverviewView *self)
{
  const RegAnalysisSummary *s = self->summary;

  if (self->shop == NULL || reg_shop_is_empty (self->shop))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");

  if (s == NULL)
    {
      clear_figures (self, self->job != NULL ? _("Working out your figures…")
                                             : _("The figures have not been worked out yet."));
      return;
    }

  fill_kpis (self, s);
  fill_revenue_chart (self, s);
  fill_tier_chart (self, s);
  fill_value_chart (self, s);
  fill_cohort_chart (self, s);
  fill_predictions (self, s);
  fill_tracking (self, s);
  fill_forecast (self, s);

  if (s->end_day > 0)
    {
      g_autofree char *day = reg_shop_format_date (self->shop, s->end_day);
      g_autofree char *status = g_strdup_printf (_("Figures for sales up to %s."), day);
      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, "");
}

/* ---- job progress ---- */

static gboolean
pulse_cb (gpointer user_data)
{
  RegOverviewView *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
on_job_progress_cb (RegJob          *job,
                    GParamSpec      *pspec,
                    RegOverviewView *self)
{
  double fraction = reg_job_get_fraction (job);
  const char *status = reg_job_get_status_text (job);

  gtk_progress_bar_set_text (self->progress_bar,
                             status != NULL && *status != '\0' ? status : _("Updating the figures…"));
  if (fraction < 0)
    {
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (100, pulse_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
    }
}

static gboolean
showing_empty (RegOverviewView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

static gboolean
view_shop_changed (RegView       *view,
                   RegShopChange  kind,
                   gint64         id)
{
  /* only a removal or a bulk change can empty a shop; the figures come with the analysis the
   * window runs after a change (reg_overview_view_set_summary) */
  return showing_empty (REG_OVERVIEW_VIEW (view)) || kind == REG_SHOP_CHANGE_CUSTOMER_REMOVED
         || kind == REG_SHOP_CHANGE_ALL || kind == REG_SHOP_CHANGE_SALE;
}

/* The page follows the shop when it becomes empty or stops being empty. */
static void
view_reload (RegView *view)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (view);

  if (self->shop != NULL && reg_shop_is_empty (self->shop) != showing_empty (self))
    update_page (self);
}

/* ---- GObject ---- */

static void
reg_overview_view_dispose (GObject *object)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  reg_overview_view_set_job (self, NULL);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  G_OBJECT_CLASS (reg_overview_view_parent_class)->dispose (object);
}

static void
reg_overview_view_finalize (GObject *object)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  g_clear_pointer (&self->summary, reg_analysis_summary_free);
  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_overview_view_parent_class)->finalize (object);
}

static void
reg_overview_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      g_value_set_object (value, self->shop);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_overview_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      reg_overview_view_set_shop (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_overview_view_class_init (RegOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_overview_view_dispose;
  object_class->finalize = reg_overview_view_finalize;
  object_class->get_property = reg_overview_view_get_property;
  object_class->set_property = reg_overview_view_set_property;

  properties[PROP_SHOP] =
    g_param_spec_object ("shop", NULL, NULL, REG_TYPE_SHOP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REG_TYPE_CHART);
  g_type_ensure (REG_TYPE_CHANNEL_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, status_label);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, customers_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, customers_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, active_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, active_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, revenue_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, revenue_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, aov_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, aov_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, repeat_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, repeat_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, churn_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, churn_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, clv_value);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, clv_caption);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, clv_range_label);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, revenue_chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, tier_chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, value_chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, cohort_chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, cohort_chart_title);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, cohort_scroller);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, forecast_chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, forecast_card);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, tracking_chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, tracking_label);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, prediction_label);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, model_label);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, channel_card);
  /* named for tests and for gtk_widget_get_template_child () */
  gtk_widget_class_bind_template_child_full (widget_class, "import_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_sale_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "demo_button", FALSE, 0);
}

static void
reg_overview_view_init (RegOverviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  reg_chart_set_value_func (self->revenue_chart, chart_money_cb, self, NULL);
  reg_chart_set_value_func (self->tier_chart, chart_count_cb, self, NULL);
  reg_chart_set_value_func (self->value_chart, chart_count_cb, self, NULL);
  reg_chart_set_value_func (self->forecast_chart, chart_money_cb, self, NULL);
  reg_chart_set_value_func (self->tracking_chart, chart_count_cb, self, NULL);
  /* whole customers on the axes of the count charts */
  reg_chart_set_axis (self->tier_chart, 1, NULL, NULL, NULL);
  reg_chart_set_axis (self->value_chart, 1, NULL, NULL, NULL);
  reg_chart_set_axis (self->tracking_chart, 1, NULL, NULL, NULL);
  update_page (self);
}

/* ---- public ---- */

GtkWidget *
reg_overview_view_new (void)
{
  return g_object_new (REG_TYPE_OVERVIEW_VIEW, NULL);
}

RegShop *
reg_overview_view_get_shop (RegOverviewView *self)
{
  g_return_val_if_fail (REG_IS_OVERVIEW_VIEW (self), NULL);
  return self->shop;
}

static void
view_set_shop (RegView *view,
               RegShop *shop)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (view);

  g_set_object (&self->shop, shop);
  g_clear_pointer (&self->summary, reg_analysis_summary_free);
  reg_channel_card_set_shop (self->channel_card, shop);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP]);
}

void
reg_overview_view_set_shop (RegOverviewView *self,
                            RegShop         *shop)
{
  g_return_if_fail (REG_IS_OVERVIEW_VIEW (self));
  reg_view_set_shop (REG_VIEW (self), shop);
}

void
reg_overview_view_set_summary (RegOverviewView    *self,
                               RegAnalysisSummary *summary)
{
  g_return_if_fail (REG_IS_OVERVIEW_VIEW (self));

  g_clear_pointer (&self->summary, reg_analysis_summary_free);
  self->summary = summary;
  update_page (self);
}

const RegAnalysisSummary *
reg_overview_view_get_summary (RegOverviewView *self)
{
  g_return_val_if_fail (REG_IS_OVERVIEW_VIEW (self), NULL);
  return self->summary;
}

void
reg_overview_view_set_job (RegOverviewView *self,
                           RegJob          *job)
{
  g_return_if_fail (REG_IS_OVERVIEW_VIEW (self));

  if (self->job == job)
    return;
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_set_object (&self->job, job);
  if (job != NULL)
    {
      g_signal_connect_object (job, "notify::fraction", G_CALLBACK (on_job_progress_cb), self, 0);
      g_signal_connect_object (job, "notify::status-text", G_CALLBACK (on_job_progress_cb), self, 0);
      on_job_progress_cb (job, NULL, self);
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, job != NULL);
  if (self->summary == NULL)
    update_page (self);
}

static void
view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = view_set_shop;
  iface->shop_changed = view_shop_changed;
  iface->reload = view_reload;
}
