/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook job. Settings are read on the main thread; the worker reads the last analysis
 * and streams the customers from its own connection into the writer, one row at a time, so
 * memory stays flat however many customers the shop has. The customers are read on a second
 * thread while the worker writes the sheets (reg-report-read-ahead.h): the two halves of the
 * work take about the same share of a large shop's time on the two cores.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "clv-segments.h"
#include "reg-analysis-private.h"
#include "reg-export-target.h"
#include "reg-forecast-words.h"
#include "reg-report-data.h"
#include "reg-report-read-ahead.h"
#include "reg-output-path.h"
#include "reg-report-job.h"
#include "reg-score-words.h"
#include "reg-channels-private.h"
#include "reg-products-private.h"
#include "reg-segment.h"
#include "reg-store-analysis.h"
#include "reg-xlsx-report-writer.h"

/* the Products sheet lists the pairs bought together most often, this many at most */
#define REPORT_PAIRS 100

struct _RegReportJob
{
  RegJob   parent_instance;
  RegShop *shop;        /* (owned) */
  char    *path;        /* (owned) */
  char    *shop_path;   /* (owned) */
  char    *name, *currency, *locale;
  gboolean letter_paper;
  double   margin;
};

G_DEFINE_FINAL_TYPE (RegReportJob, reg_report_job, REG_TYPE_JOB)

static gboolean
report_job_prepare (RegJob *job, GError **error)
{
  RegReportJob *self = REG_REPORT_JOB (job);

  if (!reg_output_path_check (reg_shop_get_path (self->shop), self->path, error))
    return FALSE;
  self->shop_path = g_strdup (reg_shop_get_path (self->shop));
  self->name = reg_shop_dup_name (self->shop);
  self->currency = reg_shop_get_setting (self->shop, REG_SETTING_CURRENCY);
  self->locale = reg_shop_get_setting (self->shop, REG_SETTING_LOCALE);
  self->letter_paper = reg_shop_uses_letter_paper (self->shop);
  self->margin = reg_shop_get_setting_double (self->shop, REG_SETTING_MARGIN);
  return TRUE;
}

typedef struct
{
  RegStore       *store;
  RegStmt        *stmt;
  RegCustomerRow *row;      /* (owned) the row the writer holds now */
  char           *reason;   /* (owned) */
  char           *p_alive_note;   /* (owned) */
  RegScoreContext ctx;
  const char     *locale;   /* (unowned) the shop's, for dates in the reasons */
} CustomerCursor;

/* The Channels and Products sheets come after the customers' sheets: their figures are read on a
 * thread of their own while the customers are written, from the job's first connection, which
 * the worker leaves alone until the workbook is written. */
typedef struct
{
  RegReportJob      *self;
  RegStore          *store;
  GThread           *thread;     /* (nullable) until joined */
  GArray            *channels;   /* (owned) (nullable) */
  gint32             first_month, last_month;
  RegProductFigures *products;   /* (owned) (nullable) */
  GError            *error;      /* (owned) (nullable) */
} LaterFigures;

static gpointer
read_later_figures (gpointer data)
{
  LaterFigures *f = data;

  f->channels = reg_channel_figures_read (f->store, REG_CHANNEL_MONTHS_DEFAULT, f->self->margin,
                                          &f->first_month, &f->last_month, &f->error);
  /* the Products sheet: every product, and the pairs bought together most often */
  if (f->channels != NULL)
    f->products = reg_product_figures_read (f->store, REPORT_PAIRS, &f->error);
  return NULL;
}

/* Waits for the figures and puts them into @data; once only, later calls return TRUE. */
static gboolean
later_figures_finish (LaterFigures *f, RegReportData *data, GError **error)
{
  if (f->thread == NULL)
    return TRUE;
  g_thread_join (g_steal_pointer (&f->thread));
  if (f->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&f->error));
      return FALSE;
    }
  reg_report_data_take_channels (data, f->channels, f->first_month, f->last_month);
  for (guint i = 0; i < f->products->products->len; i++)
    {
      const RegProductRow *p = f->products->products->pdata[i];
      reg_report_data_add_product (data, p->code, p->name, p->revenue_minor, p->quantity,
                                   p->customers, p->orders);
    }
  for (guint i = 0; i < f->products->pairs->len; i++)
    {
      const RegProductPairRow *p = &g_array_index (f->products->pairs, RegProductPairRow, i);
      RegReportPair pair = { p->a->code, p->a->name, p->b->code, p->b->name, p->orders,
                             p->support, p->confidence_ab, p->confidence_ba, p->lift };
      reg_report_data_add_pair (data, &pair);
    }
  return TRUE;
}

static void
later_figures_clear (LaterFigures *f)
{
  if (f->thread != NULL)
    g_thread_join (g_steal_pointer (&f->thread));
  g_clear_pointer (&f->channels, g_array_unref);
  g_clear_pointer (&f->products, reg_product_figures_free);
  g_clear_error (&f->error);
}

/* The writer's side of the read-ahead: counts the customers written, for the progress; after
 * the last one, completes the report's data for the sheets that follow theirs. */
typedef struct
{
  RegReportReadAhead *ahead;
  RegJob             *job;
  guint               done, total;
  LaterFigures       *later;
  RegReportData      *data;
} WrittenCustomers;

static gboolean
next_customer (gpointer data, RegReportCustomer *out, GError **error)
{
  CustomerCursor *c = data;
  GError *local = NULL;
  RegCustomerRow *row;

  g_clear_pointer (&c->row, reg_customer_row_free);
  g_clear_pointer (&c->reason, g_free);
  g_clear_pointer (&c->p_alive_note, g_free);
  row = reg_store_next_customer_row (c->store, c->stmt, &local);
  if (row == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return FALSE;
    }
  c->row = row;
  c->reason = reg_at_risk_reason (row, c->locale);
  c->p_alive_note = reg_score_p_alive_note (&c->ctx, row->purchases, row->p_alive,
                                            row->first_purchase);
  out->id = row->id;
  out->name = row->name;
  out->email = row->email;
  out->phone = row->phone;
  out->email_consent = row->email_consent;
  out->first_purchase_day = row->first_purchase;
  out->last_purchase_day = row->last_purchase;
  out->purchases = row->purchases;
  out->total_spend = row->total_spend;
  out->probability_alive = row->p_alive;
  out->expected_purchases = row->expected_purchases;
  out->predicted_clv = row->clv >= 0 ? (gint64) llround (row->clv) : REG_REPORT_NA;
  out->tier_id = row->tier;
  out->rfm_group = row->rfm_group != NULL
                     ? (char *) clv_rfm_group_name (clv_rfm_group_from_id (row->rfm_group)) : NULL;
  out->at_risk_reason = c->reason;
  out->p_alive_note = c->p_alive_note;
  out->purchases_low = row->purchases_low;
  out->purchases_high = row->purchases_high;
  out->clv_low = row->clv_low >= 0 ? (gint64) llround (row->clv_low) : REG_REPORT_NA;
  out->clv_high = row->clv_high >= 0 ? (gint64) llround (row->clv_high) : REG_REPORT_NA;
  return TRUE;
}

static gboolean
next_written_customer (gpointer data, RegReportCustomer *out, GError **error)
{
  WrittenCustomers *w = data;
  GError *local = NULL;

  if (!reg_report_read_ahead_next (w->ahead, out, &local))
    {
      /* the end of the customers (the writer reads the later sheets' data only after it) */
      if (local == NULL)
        later_figures_finish (w->later, w->data, &local);
      if (local != NULL)
        g_propagate_error (error, local);
      return FALSE;
    }
  if ((++w->done & 1023) == 0)
    reg_job_set_progress (w->job, w->done, MAX (w->total, w->done));
  return TRUE;
}

static const char *
param_meaning (const char *name)
{
  static const struct { const char *name, *meaning; } table[] = {
    { "r", N_("shape of how often customers buy (with alpha)") },
    { "alpha", N_("scale of the time between purchases") },
    { "a", N_("with b: how likely a customer is to stop after a purchase") },
    { "b", N_("with a: how likely a customer is to stop after a purchase") },
    { "s", N_("shape of how long customers stay (with beta)") },
    { "beta", N_("scale of how long customers stay") },
    { "p", N_("shape of the spend per purchase") },
    { "q", N_("with gamma: how spend varies between customers") },
    { "gamma", N_("with q: how spend varies between customers") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].name, name))
      return _(table[i].meaning);
  return NULL;
}

static void
add_params (RegReportData *data, GHashTable *params, const char *const *order)
{
  for (guint i = 0; order[i] != NULL; i++)
    {
      double *v = g_hash_table_lookup (params, order[i]);
      if (v != NULL)
        reg_report_data_add_param (data, order[i], param_meaning (order[i]), *v);
    }
}

static RegTimeUnit
time_unit_of (const char *unit)
{
  if (g_strcmp0 (unit, "day") == 0)
    return REG_TIME_UNIT_DAYS;
  if (g_strcmp0 (unit, "month") == 0)
    return REG_TIME_UNIT_MONTHS;
  return REG_TIME_UNIT_WEEKS;
}

static RegReportData *
build_report_data (RegReportJob *self, const RegAnalysisSummary *s)
{
  RegReportData *data = reg_report_data_new ();
  static const char *const purchase_params[] = { "r", "alpha", "a", "b", "s", "beta", NULL };
  static const char *const spend_params[] = { "p", "q", "gamma", NULL };

  reg_report_data_set_shop (data, self->name, self->currency, self->locale, s->end_day,
                            s->horizon_months, s->discount_monthly, time_unit_of (s->time_unit));
  data->shop.letter_paper = self->letter_paper;
  data->kpis.customers = s->customers;
  data->kpis.active_customers = s->active_customers;
  data->kpis.revenue = s->revenue;
  data->kpis.average_order_value = s->customers > 0 ? (gint64) llround (s->aov) : REG_REPORT_NA;
  data->kpis.purchase_frequency = s->customers > 0 ? s->purchase_frequency : REG_REPORT_NA;
  data->kpis.repeat_rate = s->customers > 0 ? s->repeat_rate : REG_REPORT_NA;
  data->kpis.churn_rate = s->customers > 0 ? s->churn_rate : REG_REPORT_NA;
  data->kpis.average_predicted_clv = s->clv_average >= 0 ? (gint64) llround (s->clv_average) : REG_REPORT_NA;
  data->kpis.total_predicted_clv = s->clv_total >= 0 ? (gint64) llround (s->clv_total) : REG_REPORT_NA;
  for (guint i = 0; i < s->revenue_by_month->len; i++)
    {
      RegMonthAmount *m = &g_array_index (s->revenue_by_month, RegMonthAmount, i);
      reg_report_data_add_month (data, m->month, m->amount);
    }
  for (guint i = 0; i < s->tiers->len; i++)
    {
      RegTierFigure *t = &g_array_index (s->tiers, RegTierFigure, i);
      ClvTier tier = g_str_equal (t->id, "top") ? CLV_TIER_TOP
                     : g_str_equal (t->id, "middle") ? CLV_TIER_MIDDLE : CLV_TIER_BOTTOM;
      reg_report_data_add_tier (data, t->id, clv_tier_name (tier), t->customers,
                                s->clv_total >= 0 ? (gint64) llround (t->value) : REG_REPORT_NA);
    }
  for (guint i = 0; i < s->cohorts->len; i++)
    {
      RegCohortRow *c = s->cohorts->pdata[i];
      reg_report_data_add_cohort (data, c->month, c->size, (double *) c->retention->data,
                                  c->retention->len);
    }
  if (s->enough_data)
    {
      data->model.name = g_strdup (g_strcmp0 (s->model, "pareto") == 0
                                   ? "Pareto/NBD + Gamma-Gamma"
                                   : g_strcmp0 (s->model, "mbgnbd") == 0
                                   ? "MBG/NBD + Gamma-Gamma" : "BG/NBD + Gamma-Gamma");
      add_params (data, s->params, purchase_params);
      add_params (data, s->spend_params, spend_params);
      data->model.log_likelihood = s->log_likelihood;
    }
  else
    {
      data->model.not_enough_data = g_strdup (s->model_reason);
      data->model.log_likelihood = NAN;
    }
  data->model.reason = g_strdup (s->model_reason);
  data->model.data_end_day = s->end_day;
  data->model.calibration_end_day = s->calibration_end;
  data->model.holdout_end_day = s->holdout_actual >= 0 ? s->end_day : 0;
  data->model.holdout_predicted = s->holdout_predicted;
  data->model.holdout_actual = s->holdout_actual;
  for (guint i = 0; s->tracking != NULL && i < s->tracking->len; i++)
    {
      const RegTrackingPoint *t = &g_array_index (s->tracking, RegTrackingPoint, i);

      reg_report_data_add_tracking (data, t->period, t->actual, t->expected,
                                    t->actual_cumulative, t->expected_cumulative);
    }
  data->model.tracking_weekly = s->tracking_weekly;
  data->model.tracking_split_day = s->tracking_split < s->end_day ? s->tracking_split : 0;
  data->model.tracking_text = reg_words_tracking (&data->shop.money, s);
  for (guint i = 0; s->forecast != NULL && i < s->forecast->len; i++)
    {
      const RegMonthAmount *m = &g_array_index (s->forecast, RegMonthAmount, i);

      if (m->ranged)
        reg_report_data_add_forecast_range (data, m->month, m->amount, m->low, m->high);
      else
        reg_report_data_add_forecast (data, m->month, m->amount);
    }
  data->forecast_text = reg_words_forecast (&data->shop.money, s);
  {
    g_autofree char *band = reg_words_forecast_range (&data->shop.money, s, FALSE);

    if (data->forecast_text != NULL && band != NULL)
      {
        char *both = g_strdup_printf ("%s %s", data->forecast_text, band);

        g_free (data->forecast_text);
        data->forecast_text = both;
      }
  }
  return data;
}

static gpointer
report_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegReportJob *self = REG_REPORT_JOB (job);
  g_autoptr(RegStore) store = reg_store_open (self->shop_path, REG_STORE_OPEN_DEFAULT, error);
  g_autoptr(RegStore) customers = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;
  g_autoptr(RegReportData) data = NULL;
  g_autofree char *json = NULL;
  g_autoptr(RegExportTarget) target = NULL;
  CustomerCursor cursor = { 0 };
  WrittenCustomers written = { 0 };
  LaterFigures later = { 0 };
  gint64 run_id = 0;
  gboolean ok;

  if (store == NULL)
    return NULL;
  /* the workbook holds every customer: a killed run's half-written copy must not stay behind */
  target = reg_export_target_begin (store, self->path, FALSE, error);
  if (target == NULL)
    return NULL;
  reg_job_set_status (job, _("Reading the analysis"));
  json = reg_store_latest_run (store, &run_id, NULL, error);
  if (json == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                     _("The shop has not been analysed yet: run the analysis first"));
      return NULL;
    }
  summary = reg_analysis_summary_from_json (json, run_id, NULL, error);
  if (summary == NULL)
    return NULL;
  data = build_report_data (self, summary);

  /* The customers come from a connection of their own, read ahead from here on: their first
   * row waits for the whole list to be sorted, which then happens while the writing starts.
   * One read transaction: every customer from the same moment. */
  customers = reg_store_open (self->shop_path, REG_STORE_OPEN_READ_ONLY, error);
  if (customers == NULL || !reg_store_begin_read (customers, error))
    return NULL;
  cursor.store = customers;
  reg_score_context_from_summary (summary, &cursor.ctx);
  cursor.locale = self->locale;
  written.job = job;
  written.total = (guint) reg_store_count_customers (customers, FALSE);
  cursor.stmt = reg_store_customer_rows_begin (customers, error);
  if (cursor.stmt == NULL)
    return NULL;
  /* that connection and the cursor belong to the reading thread until it has stopped, and
   * the first connection to the figures' thread until it is joined */
  written.ahead = reg_report_read_ahead_start (next_customer, &cursor, error);
  if (written.ahead == NULL)
    {
      reg_stmt_release (cursor.stmt);
      return NULL;
    }
  later.self = self;
  later.store = store;
  later.thread = g_thread_try_new ("report-figures", read_later_figures, &later, error);
  written.later = &later;
  written.data = data;

  ok = later.thread != NULL;
  if (ok)
    {
      reg_job_set_status (job, _("Writing the workbook"));
      ok = reg_xlsx_report_write (reg_export_target_get_work_path (target), data,
                                  next_written_customer, &written, cancellable, error);
    }
  reg_report_read_ahead_stop (written.ahead);
  later_figures_clear (&later);
  reg_stmt_release (cursor.stmt);
  g_clear_pointer (&cursor.row, reg_customer_row_free);
  g_clear_pointer (&cursor.reason, g_free);
  g_clear_pointer (&cursor.p_alive_note, g_free);
  reg_store_end_read (customers);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error)
       && reg_export_target_commit (target, error);
  return ok ? g_strdup (self->path) : NULL;
}

static void
reg_report_job_finalize (GObject *object)
{
  RegReportJob *self = REG_REPORT_JOB (object);

  g_clear_object (&self->shop);
  g_free (self->path);
  g_free (self->shop_path);
  g_free (self->name);
  g_free (self->currency);
  g_free (self->locale);
  G_OBJECT_CLASS (reg_report_job_parent_class)->finalize (object);
}

static void
reg_report_job_class_init (RegReportJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_report_job_finalize;
  job_class->prepare = report_job_prepare;
  job_class->run = report_job_run;
  job_class->result_free = g_free;
}

static void
reg_report_job_init (RegReportJob *self)
{
}

/**
 * reg_report_job_new:
 * @shop: the shop
 * @path: the workbook to write (.xlsx), mode 0600, in full or not at all
 *
 * Returns: (transfer full): the job; its result is the written path, a string (transfer
 *   full).
 */
RegReportJob *
reg_report_job_new (RegShop *shop, const char *path)
{
  RegReportJob *self = g_object_new (REG_TYPE_REPORT_JOB, NULL);

  self->shop = g_object_ref (shop);
  self->path = g_strdup (path);
  return self;
}
