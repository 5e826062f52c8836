/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis job. On the main thread it reads the shop's settings into a request; in the
 * worker it opens its own connection, reads customers, sales and feedback, runs the core, and
 * writes the model run and every customer's scores in one transaction. A failure or a cancel
 * rolls back, so the shop is left exactly as it was.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "clv-analysis.h"
#include "clv-date.h"
#include "clv-error.h"
#include "reg-analysis-private.h"
#include "reg-store-analysis.h"

struct _RegAnalysisJob
{
  RegJob     parent_instance;
  RegShop   *shop;          /* (owned) */
  char      *path;          /* (owned) copied in prepare */
  char      *model;         /* (owned) */
  char      *time_unit;     /* (owned) (nullable) */
  ClvAnalysisOptions opts;  /* resolved in prepare */
  RegAnalysisOptions request;
};

G_DEFINE_FINAL_TYPE (RegAnalysisJob, reg_analysis_job, REG_TYPE_JOB)

/**
 * reg_analysis_options_init:
 * @opts: (out caller-allocates): options
 *
 * Fills in the defaults: the model, time unit, horizon (months) and monthly discount rate (a
 * fraction) from the shop's settings; the end day and the calibration end chosen by the
 * analysis from the sales.
 */
void
reg_analysis_options_init (RegAnalysisOptions *opts)
{
  opts->model = NULL;
  opts->calibration_end = 0;
  opts->end_day = 0;
  opts->time_unit = NULL;
  opts->horizon_months = 0;
  opts->discount_monthly = -1;
}

static ClvTimeUnit
time_unit_from_id (const char *id)
{
  if (g_strcmp0 (id, "day") == 0)
    return CLV_TIME_DAY;
  if (g_strcmp0 (id, "month") == 0)
    return CLV_TIME_MONTH;
  return CLV_TIME_WEEK;
}

static gboolean
analysis_job_prepare (RegJob *job, GError **error)
{
  RegAnalysisJob *self = REG_ANALYSIS_JOB (job);
  RegShop *shop = self->shop;
  g_autofree char *unit = NULL, *cost = NULL;

  self->path = g_strdup (reg_shop_get_path (shop));
  clv_analysis_options_init (&self->opts);
  if (self->model == NULL)
    self->model = reg_shop_get_setting (shop, REG_SETTING_MODEL);
  if (self->model == NULL || g_str_equal (self->model, "auto"))
    self->opts.model = CLV_MODEL_AUTO;
  else if (g_str_equal (self->model, "bgnbd"))
    self->opts.model = CLV_MODEL_BGNBD;
  else if (g_str_equal (self->model, "mbgnbd"))
    self->opts.model = CLV_MODEL_MBGNBD;
  else if (g_str_equal (self->model, "pareto"))
    self->opts.model = CLV_MODEL_PARETO;
  else
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Model “%s”: use auto, bgnbd, mbgnbd or pareto"), self->model);
      return FALSE;
    }
  unit = self->time_unit != NULL ? g_strdup (self->time_unit)
                                 : reg_shop_get_setting (shop, REG_SETTING_TIME_UNIT);
  if (!g_str_equal (unit, "day") && !g_str_equal (unit, "week") && !g_str_equal (unit, "month"))
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Time unit “%s”: use day, week or month"), unit);
      return FALSE;
    }
  self->opts.time_unit = time_unit_from_id (unit);
  /* the request's own values, else the shop's settings; either way within the settings' range,
   * so a bad value (or one stored by hand) is refused, never swapped for another */
  {
    double h = self->request.horizon_months != 0
               ? (double) self->request.horizon_months
               : reg_shop_get_setting_double (shop, REG_SETTING_HORIZON_MONTHS);
    double d = self->request.discount_monthly != -1
               ? self->request.discount_monthly
               : reg_shop_get_setting_double (shop, REG_SETTING_DISCOUNT_MONTHLY);
    double lo, hi;

    reg_shop_setting_range (REG_SETTING_HORIZON_MONTHS, &lo, &hi);
    if (!(h >= lo && h <= hi) || h != floor (h))
      {
        g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                     _("Months ahead “%g”: use a whole number from %g to %g"), h, lo, hi);
        return FALSE;
      }
    reg_shop_setting_range (REG_SETTING_DISCOUNT_MONTHLY, &lo, &hi);
    if (!(d >= lo && d <= hi))
      {
        g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                     _("Monthly discount rate “%g”: use a rate from %g to %g (0.01 is 1 %% a "
                       "month)"), d, lo, hi);
        return FALSE;
      }
    self->opts.horizon_months = (guint) h;
    self->opts.discount_monthly = d;
  }
  self->opts.margin = reg_shop_get_setting_double (shop, REG_SETTING_MARGIN);
  cost = reg_shop_get_setting (shop, REG_SETTING_ACQUISITION_COST);
  self->opts.acquisition_cost = g_ascii_strtoll (cost, NULL, 10);
  self->opts.tier_top = reg_shop_get_setting_double (shop, REG_SETTING_TIER_TOP);
  self->opts.tier_bottom = reg_shop_get_setting_double (shop, REG_SETTING_TIER_BOTTOM);
  self->opts.at_risk_p_alive = reg_shop_get_setting_double (shop, REG_SETTING_AT_RISK_P_ALIVE);
  self->opts.overdue_factor = reg_shop_get_setting_double (shop, REG_SETTING_OVERDUE_FACTOR);
  self->opts.end_day = self->request.end_day;
  self->opts.calibration_end_day = self->request.calibration_end;
  if (self->opts.end_day > 0 && self->opts.calibration_end_day > self->opts.end_day)
    {
      g_autofree char *c = clv_date_format_iso (self->opts.calibration_end_day);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Calibration end “%s”: must not be after the end of observation"), c);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GArray     *ids;      /* gint64, ascending: the customers analysed */
  GArray     *sales;    /* ClvSale */
  RegJob     *job;
  GCancellable *cancellable;
  guint       next;     /* the first id not yet passed */
  gint64      last_id;  /* sales come grouped by customer: one step per customer */
  guint       last_idx; /* last_id's dense index + 1; 0: not a customer analysed */
} LoadState;

/* The dense index + 1 of @id among the ascending @ids, 0 when it is not there (feedback comes
 * in any order). */
static guint
customer_index (GArray *ids, gint64 id)
{
  guint lo = 0, hi = ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = g_array_index (ids, gint64, mid);

      if (at == id)
        return mid + 1;
      if (at < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

static gboolean
collect_sale (gint64 customer_id, gint32 day, gint64 amount, gpointer data)
{
  LoadState *st = data;
  guint idx;
  ClvSale sale;

  /* sales come in customer order and the ids ascend: one walk along both, no lookup table
   * of a million entries */
  if (customer_id != st->last_id || st->last_idx == 0)
    {
      const gint64 *ids = (const gint64 *) st->ids->data;

      while (st->next < st->ids->len && ids[st->next] < customer_id)
        st->next++;
      st->last_id = customer_id;
      st->last_idx = st->next < st->ids->len && ids[st->next] == customer_id ? st->next + 1 : 0;
    }
  idx = st->last_idx;

  if (idx == 0 || day <= 0)
    return TRUE;
  sale.customer = idx - 1;
  sale.day = day;
  sale.amount = amount;
  g_array_append_val (st->sales, sale);
  if ((st->sales->len & 0xffff) == 0 && g_cancellable_is_cancelled (st->cancellable))
    return FALSE;
  return TRUE;
}

typedef struct
{
  RegJob       *job;
  GCancellable *cancellable;
} ProgressState;

/* The core's 0..1 is mapped to 10..85 % of the bar: reading is before it, writing after. */
static gboolean
on_core_progress (double fraction, gpointer data)
{
  ProgressState *st = data;

  reg_job_set_progress (st->job, 100 + (guint64) (fraction * 750), 1000);
  return !g_cancellable_is_cancelled (st->cancellable);
}

static const char *
tier_id_or_null (guint8 tier)
{
  return tier == CLV_TIER_NONE ? NULL : clv_tier_id ((ClvTier) tier);
}

#define SCORE_BATCH 1024

static gboolean
write_scores (RegStore *store, gint64 run_id, const ClvAnalysis *a, GArray *ids, RegJob *job,
              GCancellable *cancellable, GError **error)
{
  g_autofree RegScoreRow *rows = g_new0 (RegScoreRow, SCORE_BATCH);
  guint n = 0;

  reg_job_set_progress (job, 850, 1000);
  if (!reg_store_clear_scores (store, error))
    return FALSE;
  for (guint i = 0; i < a->n_customers; i++)
    {
      const ClvCustomerScore *s = &a->scores[i];
      RegScoreRow *row = &rows[n++];

      row->customer_id = g_array_index (ids, gint64, i);
      row->purchases = s->purchases;
      row->total_spend = s->total_spend;
      row->first_purchase = s->first_day;
      row->last_purchase = s->last_day;
      row->p_alive = s->p_alive;
      row->expected_purchases = s->expected_purchases;
      row->expected_spend = s->expected_spend;
      row->clv = s->clv;
      row->historic_clv = s->historic_clv;
      row->next_purchase = s->next_purchase_day;
      row->tier = tier_id_or_null (s->tier);
      row->r_score = s->r_score;
      row->f_score = s->f_score;
      row->m_score = s->m_score;
      row->rfm_group = s->rfm_group == CLV_RFM_NONE ? NULL : clv_rfm_group_id ((ClvRfmGroup) s->rfm_group);
      row->at_risk = s->at_risk;
      {
        /* the figures behind the flags, kept only where there is a flag to explain */
        ClvAtRiskFacts facts;

        clv_at_risk_facts_init (&facts);
        if (s->at_risk != 0)
          clv_analysis_at_risk_facts (a, i, &facts);
        row->risk_days_since = facts.days_since;
        row->risk_gap_days = facts.gap_days;
        row->nps_score = facts.nps_score;
        row->nps_day = facts.nps_day;
      }
      row->purchases_low = s->purchases_low;
      row->purchases_high = s->purchases_high;
      row->clv_low = s->clv_low;
      row->clv_high = s->clv_high;
      if (n == SCORE_BATCH || i + 1 == a->n_customers)
        {
          if (!reg_store_insert_scores (store, run_id, rows, n, error))
            return FALSE;
          n = 0;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          reg_job_set_progress (job, 850 + (guint64) i * 150 / a->n_customers, 1000);
        }
    }
  return TRUE;
}

static gpointer
analysis_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegAnalysisJob *self = REG_ANALYSIS_JOB (job);
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) feedback_rows = NULL;
  g_autoptr(GArray) feedback = g_array_new (FALSE, FALSE, sizeof (ClvFeedback));
  g_autoptr(ClvAnalysis) analysis = NULL;
  g_autoptr(GArray) sales = g_array_new (FALSE, FALSE, sizeof (ClvSale));
  g_autofree char *json = NULL;
  ClvAnalysisOptions opts = self->opts;
  LoadState load;
  ProgressState progress = { job, cancellable };
  GError *local = NULL;
  gint64 run_id;

  reg_job_set_status (job, _("Reading sales"));
  reg_job_set_progress (job, 0, 1000);
  store = reg_store_open (self->path, REG_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;
  /* a million-row batch touches index pages all over the file: keep them in memory */
  reg_store_set_cache_mb (store, 128);
  reg_store_map_file (store);
  /* one read transaction: customers, sales and feedback from the same moment */
  if (!reg_store_begin_read (store, error))
    return NULL;
  ids = reg_store_list_customer_ids (store, error);
  if (ids == NULL)
    return NULL;
  load = (LoadState) { ids, sales, job, cancellable, 0, 0, 0 };
  if (!reg_store_foreach_sale (store, collect_sale, &load, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  feedback_rows = reg_store_list_feedback (store, error);
  if (feedback_rows == NULL)
    return NULL;
  reg_store_end_read (store);
  for (guint i = 0; i < feedback_rows->len; i++)
    {
      RegFeedbackRow *row = &g_array_index (feedback_rows, RegFeedbackRow, i);
      guint idx = customer_index (ids, row->customer_id);
      ClvFeedback fb;
      if (idx == 0)
        continue;
      fb.customer = idx - 1;
      fb.day = row->day;
      fb.kind = row->kind == 0 ? CLV_FEEDBACK_NPS : CLV_FEEDBACK_CSAT;
      fb.score = (gint8) row->score;
      g_array_append_val (feedback, fb);
    }
  if (opts.end_day == 0)
    {
      /* the end of observation is the last day with a sale, so an old history is not
       * judged as if every customer had stopped since */
      for (guint i = 0; i < sales->len; i++)
        opts.end_day = MAX (opts.end_day, g_array_index (sales, ClvSale, i).day);
      if (opts.end_day == 0)
        opts.end_day = clv_date_today ();
      /* a survey answered after the last sale is still the customer's latest word: it counts
       * as of the end (the core leaves out answers after the end of observation) */
      for (guint i = 0; i < feedback->len; i++)
        g_array_index (feedback, ClvFeedback, i).day =
          MIN (g_array_index (feedback, ClvFeedback, i).day, opts.end_day);
    }
  reg_job_set_progress (job, 100, 1000);
  reg_job_set_status (job, _("Fitting the models"));

  analysis = clv_analysis_run ((ClvSale *) sales->data, sales->len, ids->len,
                               (ClvFeedback *) feedback->data, feedback->len, &opts,
                               on_core_progress, &progress, &local);
  if (analysis == NULL)
    {
      if (g_error_matches (local, CLV_ERROR, CLV_ERROR_CANCELLED))
        {
          g_clear_error (&local);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
        }
      else
        g_propagate_error (error, local);
      return NULL;
    }

  reg_job_set_status (job, _("Saving the scores"));
  json = reg_analysis_to_json (analysis);
  /* Every score row names a customer this connection has just read and the run it has just
   * written. A customer deleted in the meantime is caught by the check below, before the
   * commit. The connection is the job's own. */
  if (!reg_store_begin_bulk (store, REG_STORE_BULK_SCORES, analysis->n_customers, error))
    return NULL;
  run_id = reg_store_insert_model_run (store, analysis->options.end_day,
                                       analysis->holdout.available ? analysis->holdout.calibration_end_day : 0,
                                       clv_model_id (analysis->model),
                                       clv_time_unit_id (analysis->time_unit), json, error);
  if (run_id == 0 || !write_scores (store, run_id, analysis, ids, job, cancellable, error)
      || !reg_store_drop_orphan_scores (store, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !reg_store_commit (store, error))
    {
      reg_store_rollback (store);
      return NULL;
    }
  return reg_analysis_summary_from_json (json, run_id, NULL, error);
}

static void
analysis_job_finished (RegJob *job, gpointer result)
{
  RegAnalysisJob *self = REG_ANALYSIS_JOB (job);

  reg_shop_notify_changed (self->shop, REG_SHOP_CHANGE_SCORES, 0);
}

static void
reg_analysis_job_finalize (GObject *object)
{
  RegAnalysisJob *self = REG_ANALYSIS_JOB (object);

  g_clear_object (&self->shop);
  g_free (self->path);
  g_free (self->model);
  g_free (self->time_unit);
  G_OBJECT_CLASS (reg_analysis_job_parent_class)->finalize (object);
}

static void
reg_analysis_job_class_init (RegAnalysisJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_analysis_job_finalize;
  job_class->prepare = analysis_job_prepare;
  job_class->run = analysis_job_run;
  job_class->finished = analysis_job_finished;
  job_class->result_free = (GDestroyNotify) reg_analysis_summary_free;
}

static void
reg_analysis_job_init (RegAnalysisJob *self)
{
}

/**
 * reg_analysis_job_new:
 * @opts: (nullable): what to override from the shop's settings
 */
RegAnalysisJob *
reg_analysis_job_new (RegShop *shop, const RegAnalysisOptions *opts)
{
  RegAnalysisJob *self = g_object_new (REG_TYPE_ANALYSIS_JOB, NULL);

  self->shop = g_object_ref (shop);
  reg_analysis_options_init (&self->request);
  if (opts != NULL)
    {
      self->request = *opts;
      self->model = g_strdup (opts->model);
      self->time_unit = g_strdup (opts->time_unit);
      self->request.model = NULL;
      self->request.time_unit = NULL;
    }
  return self;
}
