/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing a ClvAnalysis as the JSON document the shop keeps (and the CLI prints), and reading
 * it back into a RegAnalysisSummary. Money is in minor units under keys ending in "_minor";
 * unknown figures are null, never NaN.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "clv-date.h"
#include "clv-sort.h"
#include "reg-shop-private.h"
#include "reg-analysis-job.h"
#include "reg-analysis-private.h"
#include "reg-score-words.h"
#include "reg-store-analysis.h"

#define N_HISTOGRAM_BUCKETS 20

static void
add_number (JsonBuilder *b, const char *key, double v)
{
  json_builder_set_member_name (b, key);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
add_minor (JsonBuilder *b, const char *key, double v)
{
  json_builder_set_member_name (b, key);
  if (isfinite (v))
    json_builder_add_int_value (b, (gint64) llround (v));
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *key, gint64 v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, v);
}

static void
add_string (JsonBuilder *b, const char *key, const char *v)
{
  json_builder_set_member_name (b, key);
  if (v != NULL)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
add_day (JsonBuilder *b, const char *key, gint32 day)
{
  g_autofree char *iso = day > 0 ? clv_date_format_iso (day) : NULL;
  add_string (b, key, iso);
}

static char *
month_text (gint32 month_key)
{
  return g_strdup_printf ("%04d-%02d", month_key / 12, month_key % 12 + 1);
}

/* BG/NBD and MBG/NBD share their parameters' names (r, alpha, a, b) */
static void
add_beta_geometric (JsonBuilder *b, double r, double alpha, double a, double bb,
                    double log_likelihood, gboolean with_ll)
{
  json_builder_begin_object (b);
  add_number (b, "r", r);
  add_number (b, "alpha", alpha);
  add_number (b, "a", a);
  add_number (b, "b", bb);
  if (with_ll)
    add_number (b, "log_likelihood", log_likelihood);
  json_builder_end_object (b);
}

static void
add_bgnbd (JsonBuilder *b, const ClvBgnbdParams *p, gboolean with_ll)
{
  add_beta_geometric (b, p->r, p->alpha, p->a, p->b, p->log_likelihood, with_ll);
}

static void
add_mbgnbd (JsonBuilder *b, const ClvMbgnbdParams *p, gboolean with_ll)
{
  add_beta_geometric (b, p->r, p->alpha, p->a, p->b, p->log_likelihood, with_ll);
}

static void
add_pareto (JsonBuilder *b, const ClvParetoParams *p, gboolean with_ll)
{
  json_builder_begin_object (b);
  add_number (b, "r", p->r);
  add_number (b, "alpha", p->alpha);
  add_number (b, "s", p->s);
  add_number (b, "beta", p->beta);
  if (with_ll)
    add_number (b, "log_likelihood", p->log_likelihood);
  json_builder_end_object (b);
}

/* Standard errors (delta method) under the parameters' own keys, and the symmetric covariance
 * as an object of rows keyed the same way; null when the fit gave no covariance. */
static void
add_uncertainty (JsonBuilder *b, const char *se_key, const char *cov_key,
                 const char *const *names, const double *params, const double *log_cov, guint n)
{
  double cov[16], se[4];
  gboolean known = clv_natural_covariance (params, log_cov, n, cov, se);

  json_builder_set_member_name (b, se_key);
  if (known)
    {
      json_builder_begin_object (b);
      for (guint i = 0; i < n; i++)
        add_number (b, names[i], se[i]);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  if (cov_key == NULL)
    return;
  json_builder_set_member_name (b, cov_key);
  if (known)
    {
      json_builder_begin_object (b);
      for (guint i = 0; i < n; i++)
        {
          json_builder_set_member_name (b, names[i]);
          json_builder_begin_object (b);
          for (guint j = 0; j < n; j++)
            add_number (b, names[j], cov[i * n + j]);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
}

static void
add_model_uncertainty (JsonBuilder *b, const ClvAnalysis *a)
{
  static const char *const bg_names[] = { "r", "alpha", "a", "b" };
  static const char *const pn_names[] = { "r", "alpha", "s", "beta" };
  static const double none[16] = { 0 };

  if (a->model == CLV_MODEL_BGNBD)
    add_uncertainty (b, "params_se", "params_covariance", bg_names,
                     (double[]) { a->bgnbd.r, a->bgnbd.alpha, a->bgnbd.a, a->bgnbd.b },
                     a->bgnbd.log_cov, 4);
  else if (a->model == CLV_MODEL_MBGNBD)
    add_uncertainty (b, "params_se", "params_covariance", bg_names,
                     (double[]) { a->mbgnbd.r, a->mbgnbd.alpha, a->mbgnbd.a, a->mbgnbd.b },
                     a->mbgnbd.log_cov, 4);
  else if (a->model == CLV_MODEL_PARETO)
    add_uncertainty (b, "params_se", "params_covariance", pn_names,
                     (double[]) { a->pareto.r, a->pareto.alpha, a->pareto.s, a->pareto.beta },
                     a->pareto.log_cov, 4);
  else
    add_uncertainty (b, "params_se", "params_covariance", bg_names,
                     (double[]) { 1, 1, 1, 1 }, none, 4);
}

static void
add_range (JsonBuilder *b, const char *key, const ClvAnalysis *a, const double *range,
           gboolean minor)
{
  json_builder_set_member_name (b, key);
  if (!a->ranges_known)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (int k = 0; k < 2; k++)
    if (minor)
      json_builder_add_int_value (b, (gint64) llround (range[k]));
    else
      json_builder_add_double_value (b, range[k]);
  json_builder_end_array (b);
}

static double
chosen_holdout_prediction (const ClvAnalysis *a)
{
  if (!a->holdout.available)
    return NAN;
  if (a->model == CLV_MODEL_BGNBD && a->holdout.bgnbd_fitted)
    return a->holdout.bgnbd_predicted;
  if (a->model == CLV_MODEL_MBGNBD && a->holdout.mbgnbd_fitted)
    return a->holdout.mbgnbd_predicted;
  if (a->model == CLV_MODEL_PARETO && a->holdout.pareto_fitted)
    return a->holdout.pareto_predicted;
  return NAN;
}

static void
add_histogram (JsonBuilder *b, const ClvAnalysis *a)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  guint counts[N_HISTOGRAM_BUCKETS] = { 0 };
  double top, step;

  for (guint32 i = 0; i < a->n_customers; i++)
    {
      const ClvCustomerScore *s = &a->scores[i];
      double v = a->model != CLV_MODEL_NONE ? s->clv : s->historic_clv;
      if (s->purchases > 0 && v >= 0 && isfinite (v))
        g_array_append_val (values, v);
    }
  json_builder_set_member_name (b, "clv_histogram");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "predicted");
  json_builder_add_boolean_value (b, a->model != CLV_MODEL_NONE);
  if (values->len == 0)
    {
      add_int (b, "step_minor", 0);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_array (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      return;
    }
  /* the 95th percentile bounds the last bucket, so a few very large values do not squash
   * the rest into the first bar; they are counted in the last bucket */
  clv_sort_doubles ((double *) values->data, values->len);
  top = g_array_index (values, double, (guint) floor (0.95 * (values->len - 1)));
  step = top > 0 ? ceil (top / N_HISTOGRAM_BUCKETS) : 1;
  for (guint i = 0; i < values->len; i++)
    {
      guint k = (guint) (g_array_index (values, double, i) / step);
      counts[MIN (k, N_HISTOGRAM_BUCKETS - 1)]++;
    }
  add_int (b, "step_minor", (gint64) step);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  for (guint i = 0; i < N_HISTOGRAM_BUCKETS; i++)
    json_builder_add_int_value (b, counts[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The shop's return pattern and the one-time buyers whose P(alive) the model cannot tell. */
static void
add_one_time_buyers (JsonBuilder *b, const ClvAnalysis *a)
{
  g_autofree char *pattern = reg_words_return_pattern (a->return_days);
  guint32 too_early = 0;

  for (guint32 i = 0; i < a->n_customers; i++)
    too_early += a->scores[i].p_alive_too_early != FALSE;
  json_builder_set_member_name (b, "return_days");
  if (a->return_days >= 0)
    json_builder_add_int_value (b, a->return_days);
  else
    json_builder_add_null_value (b);
  add_string (b, "return_pattern", pattern);
  add_int (b, "p_alive_too_early", too_early);
}

/* The tracking check: one object per period (its first day), from the calibration fit when there
 * was a holdout; "tracking_split" is where the fit's data ends. */
static void
add_tracking (JsonBuilder *b, const ClvAnalysis *a)
{
  const ClvTracking *t = &a->tracking;

  add_string (b, "tracking_period", t->available ? (t->weekly ? "week" : "month") : NULL);
  add_day (b, "tracking_split", t->available ? t->calibration_end_day : 0);
  json_builder_set_member_name (b, "tracking");
  json_builder_begin_array (b);
  for (guint i = 0; t->available && i < t->n_periods; i++)
    {
      const ClvTrackingPeriod *p = &t->periods[i];

      json_builder_begin_object (b);
      add_day (b, "period", p->start_day);
      add_number (b, "actual", p->actual);
      add_number (b, "expected", p->expected);
      add_number (b, "actual_cumulative", p->actual_cumulative);
      add_number (b, "expected_cumulative", p->expected_cumulative);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Next year's revenue from today's customers: one object per month of the horizon, keyed by its
 * first day. */
static void
add_forecast (JsonBuilder *b, const ClvAnalysis *a)
{
  json_builder_set_member_name (b, "forecast");
  json_builder_begin_array (b);
  for (guint j = 0; a->forecast != NULL && j < a->options.horizon_months; j++)
    {
      json_builder_begin_object (b);
      add_day (b, "month", clv_analysis_forecast_start (a, j));
      add_minor (b, "expected_minor", a->forecast[j]);
      /* the 80 % band from the same draws as the totals' ranges; null without ranges */
      json_builder_set_member_name (b, "range_minor");
      if (a->ranges_known && a->forecast_range != NULL)
        {
          json_builder_begin_array (b);
          json_builder_add_int_value (b, (gint64) llround (a->forecast_range[2 * j]));
          json_builder_add_int_value (b, (gint64) llround (a->forecast_range[2 * j + 1]));
          json_builder_end_array (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * reg_analysis_to_json:
 * Returns: (transfer full): the analysis as a JSON document (see the file comment).
 */
char *
reg_analysis_to_json (const ClvAnalysis *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const ClvHistoric *h = &a->historic;
  double predicted = chosen_holdout_prediction (a);

  json_builder_begin_object (b);
  add_string (b, "model", clv_model_id (a->model));
  add_string (b, "model_reason", a->model_reason);
  json_builder_set_member_name (b, "enough_data");
  json_builder_add_boolean_value (b, a->enough_data);
  add_string (b, "message", a->data_message);
  add_string (b, "time_unit", clv_time_unit_id (a->time_unit));
  add_day (b, "end", a->options.end_day);
  add_day (b, "calibration_end", a->holdout.available ? a->holdout.calibration_end_day : 0);
  add_int (b, "horizon_months", a->options.horizon_months);
  add_number (b, "discount_monthly", a->options.discount_monthly);

  json_builder_set_member_name (b, "params");
  if (a->model == CLV_MODEL_BGNBD)
    add_bgnbd (b, &a->bgnbd, FALSE);
  else if (a->model == CLV_MODEL_MBGNBD)
    add_mbgnbd (b, &a->mbgnbd, FALSE);
  else if (a->model == CLV_MODEL_PARETO)
    add_pareto (b, &a->pareto, FALSE);
  else
    json_builder_add_null_value (b);
  add_model_uncertainty (b, a);
  json_builder_set_member_name (b, "log_likelihood");
  if (a->model == CLV_MODEL_BGNBD)
    json_builder_add_double_value (b, a->bgnbd.log_likelihood);
  else if (a->model == CLV_MODEL_MBGNBD)
    json_builder_add_double_value (b, a->mbgnbd.log_likelihood);
  else if (a->model == CLV_MODEL_PARETO)
    json_builder_add_double_value (b, a->pareto.log_likelihood);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "fits");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bgnbd");
  if (a->bgnbd_fitted)
    add_bgnbd (b, &a->bgnbd, TRUE);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "mbgnbd");
  if (a->mbgnbd_fitted)
    add_mbgnbd (b, &a->mbgnbd, TRUE);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "pareto");
  if (a->pareto_fitted)
    add_pareto (b, &a->pareto, TRUE);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "spend_params");
  if (a->gamma_gamma_fitted)
    {
      json_builder_begin_object (b);
      add_number (b, "p", a->gamma_gamma.p);
      add_number (b, "q", a->gamma_gamma.q);
      add_number (b, "gamma", a->gamma_gamma.gamma);
      add_number (b, "log_likelihood", a->gamma_gamma.log_likelihood);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  {
    static const char *const gg_names[] = { "p", "q", "gamma" };
    static const double none[9] = { 0 };

    add_uncertainty (b, "spend_params_se", NULL, gg_names,
                     (double[]) { a->gamma_gamma.p, a->gamma_gamma.q, a->gamma_gamma.gamma },
                     a->gamma_gamma_fitted ? a->gamma_gamma.log_cov : none, 3);
  }

  add_int (b, "customers", a->n_customers);
  add_int (b, "buyers", a->buyers);
  add_one_time_buyers (b, a);

  json_builder_set_member_name (b, "holdout");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "available");
  json_builder_add_boolean_value (b, a->holdout.available);
  add_day (b, "calibration_end", a->holdout.available ? a->holdout.calibration_end_day : 0);
  add_day (b, "end", a->holdout.available ? a->holdout.end_day : 0);
  add_int (b, "customers", a->holdout.customers);
  add_number (b, "predicted", predicted);
  add_number (b, "actual", a->holdout.available ? a->holdout.actual : NAN);
  add_number (b, "bgnbd_predicted", a->holdout.available && a->holdout.bgnbd_fitted
                                      ? a->holdout.bgnbd_predicted : NAN);
  add_number (b, "mbgnbd_predicted", a->holdout.available && a->holdout.mbgnbd_fitted
                                       ? a->holdout.mbgnbd_predicted : NAN);
  add_number (b, "pareto_predicted", a->holdout.available && a->holdout.pareto_fitted
                                       ? a->holdout.pareto_predicted : NAN);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "tiers");
  json_builder_begin_array (b);
  for (int t = CLV_TIER_TOP; t <= CLV_TIER_BOTTOM; t++)
    {
      json_builder_begin_object (b);
      add_string (b, "tier", clv_tier_id ((ClvTier) t));
      add_string (b, "name", clv_tier_name ((ClvTier) t));
      add_int (b, "customers", a->tier_counts[t]);
      add_minor (b, "value_minor", a->tier_value[t]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "tiers_by");
  json_builder_add_string_value (b, a->tier_by_historic ? "historic" : "predicted");

  json_builder_set_member_name (b, "rfm_groups");
  json_builder_begin_array (b);
  for (int g = CLV_RFM_NONE + 1; g < CLV_N_RFM_GROUPS; g++)
    {
      json_builder_begin_object (b);
      add_string (b, "group", clv_rfm_group_id ((ClvRfmGroup) g));
      add_string (b, "name", clv_rfm_group_name ((ClvRfmGroup) g));
      add_int (b, "customers", a->rfm_counts[g]);
      add_minor (b, "value_minor", a->rfm_value[g]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "at_risk");
  json_builder_begin_object (b);
  add_int (b, "customers", a->at_risk_count);
  add_int (b, "low_p_alive", a->at_risk_low_p_alive);
  add_int (b, "overdue", a->at_risk_overdue);
  add_int (b, "detractor", a->at_risk_detractor);
  add_int (b, "not_back", a->at_risk_not_back);
  add_minor (b, "value_minor", a->at_risk_value);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "kpis");
  json_builder_begin_object (b);
  add_int (b, "customers", h->customers);
  add_int (b, "active_customers", h->active_customers);
  add_int (b, "repeat_customers", h->repeat_customers);
  add_int (b, "purchases", (gint64) h->purchases);
  add_int (b, "revenue_minor", h->revenue);
  add_minor (b, "aov_minor", h->aov);
  add_number (b, "purchase_frequency", h->purchase_frequency);
  add_number (b, "avg_lifespan_days", h->average_lifespan_days);
  add_minor (b, "simple_clv_minor", h->simple_clv);
  add_minor (b, "clv_after_costs_minor", h->clv_net);
  /* a share of nobody is unknown: null with the reason in words, never -1 */
  add_number (b, "repeat_rate", h->repeat_rate >= 0 ? h->repeat_rate : NAN);
  add_string (b, "repeat_rate_note", h->repeat_rate >= 0 ? NULL : _("no customers yet"));
  add_number (b, "churn_rate", h->churn_rate >= 0 ? h->churn_rate : NAN);
  add_string (b, "churn_rate_note", h->churn_rate >= 0 ? NULL
                                    : _("no customers in the period before"));
  add_int (b, "churn_period_days", a->options.churn_period_days);
  add_minor (b, "revenue_per_customer_minor", h->revenue_per_customer);
  add_number (b, "nps", h->nps_responses > 0 ? h->nps : NAN);
  add_number (b, "csat", h->csat_responses > 0 ? h->csat : NAN);
  add_int (b, "nps_responses", h->nps_responses);
  add_int (b, "csat_responses", h->csat_responses);
  add_minor (b, "clv_total_minor", a->total_clv >= 0 ? a->total_clv : NAN);
  add_minor (b, "clv_average_minor", a->total_clv >= 0 && a->buyers > 0
                                       ? a->total_clv / a->buyers : NAN);
  add_range (b, "clv_total_range", a, a->total_clv_range, TRUE);
  add_number (b, "expected_purchases", a->expected_purchases_total >= 0
                                         ? a->expected_purchases_total : NAN);
  add_range (b, "expected_purchases_range", a, a->expected_purchases_range, FALSE);
  add_string (b, "ranges_note", a->ranges_note);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "revenue_by_month");
  json_builder_begin_array (b);
  for (guint m = 0; m < a->monthly.n_months; m++)
    {
      g_autofree char *month = month_text (a->monthly.months[m]);
      json_builder_begin_object (b);
      add_string (b, "month", month);
      add_int (b, "revenue_minor", a->monthly.revenue[m]);
      add_int (b, "purchases", a->monthly.purchases[m]);
      add_int (b, "customers", a->monthly.customers[m]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "cohorts");
  json_builder_begin_array (b);
  for (guint c = 0; c < a->cohorts.n_cohorts; c++)
    {
      g_autofree char *month = month_text (a->cohorts.first_month + (gint32) c);
      json_builder_begin_object (b);
      add_string (b, "month", month);
      add_int (b, "size", a->cohorts.sizes[c]);
      json_builder_set_member_name (b, "retention");
      json_builder_begin_array (b);
      for (guint k = 0; k < a->cohorts.n_offsets; k++)
        {
          double v = a->cohorts.retention[c * a->cohorts.n_offsets + k];
          if (v < 0)
            break;   /* not observed yet */
          json_builder_add_double_value (b, v);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  /* customers of cohorts older than the grid: counted, not spread over months */
  json_builder_set_member_name (b, "cohorts_earlier");
  json_builder_begin_object (b);
  add_int (b, "customers", a->cohorts.earlier_customers);
  {
    g_autofree char *month = a->cohorts.earlier_customers > 0
                             ? month_text (a->cohorts.earlier_first_month) : NULL;
    add_string (b, "first_month", month);
  }
  json_builder_end_object (b);

  add_histogram (b, a);
  add_tracking (b, a);
  add_forecast (b, a);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static double
member_double (JsonObject *o, const char *key, double fallback)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return fallback;
  return json_node_get_double (n);
}

static const char *
member_string (JsonObject *o, const char *key)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static JsonObject *
member_object (JsonObject *o, const char *key)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
member_array (JsonObject *o, const char *key)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static void
range_pair (JsonArray *arr, double out[2])
{
  gboolean ok = arr != NULL && json_array_get_length (arr) == 2;

  out[0] = ok ? json_array_get_double_element (arr, 0) : -1;
  out[1] = ok ? json_array_get_double_element (arr, 1) : -1;
}

static gint32
parse_month (const char *text)
{
  int y, m;

  if (text == NULL || sscanf (text, "%d-%d", &y, &m) != 2)
    return 0;
  return clv_date_from_ymd (y, m, 1);
}

static GHashTable *
params_table (JsonObject *o)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (o == NULL)
    return t;
  {
    g_autoptr(GList) members = json_object_get_members (o);
    for (GList *it = members; it != NULL; it = it->next)
      {
        double *v = g_new (double, 1);
        *v = member_double (o, it->data, 0);
        g_hash_table_insert (t, g_strdup (it->data), v);
      }
  }
  return t;
}

static void
cohort_row_free (gpointer data)
{
  RegCohortRow *row = data;
  g_array_unref (row->retention);
  g_free (row);
}

/**
 * reg_analysis_summary_free:
 * @s: (transfer full) (nullable): an analysis summary
 */
void
reg_analysis_summary_free (RegAnalysisSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->run_at);
  g_free (s->model);
  g_free (s->model_reason);
  g_free (s->time_unit);
  g_free (s->ranges_note);
  g_clear_pointer (&s->params, g_hash_table_unref);
  g_clear_pointer (&s->spend_params, g_hash_table_unref);
  g_clear_pointer (&s->revenue_by_month, g_array_unref);
  g_clear_pointer (&s->tiers, g_array_unref);
  g_clear_pointer (&s->rfm_groups, g_array_unref);
  g_clear_pointer (&s->cohorts, g_ptr_array_unref);
  g_clear_pointer (&s->clv_histogram, g_array_unref);
  g_clear_pointer (&s->tracking, g_array_unref);
  g_clear_pointer (&s->forecast, g_array_unref);
  g_free (s);
}

/**
 * reg_analysis_stored_is_readable:
 * @json: (nullable): an analysis as stored in the shop
 *
 * A damaged one (a bad disk, an edited file) is reported in words and run again.
 *
 * Returns: whether it can be read back.
 */
gboolean
reg_analysis_stored_is_readable (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json != NULL && json_parser_load_from_data (parser, json, -1, NULL)
         && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser));
}

/**
 * reg_analysis_summary_from_json:
 * @json: an analysis as stored in the shop
 * @run_id: its row in the shop
 * @run_at: (nullable): when it ran, UTC ISO 8601
 * @error: %REG_SHOP_ERROR_INVALID for a damaged analysis, in words
 *
 * Returns: (transfer full) (nullable): the summary, money in minor units, or %NULL on error.
 */
RegAnalysisSummary *
reg_analysis_summary_from_json (const char *json, gint64 run_id, const char *run_at,
                                GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RegAnalysisSummary) s = g_new0 (RegAnalysisSummary, 1);
  JsonObject *root, *k, *hold, *risk, *hist;
  JsonArray *arr;
  const char *text;

  /* the parser's own message (line, column, token) means nothing to an owner */
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("The last analysis stored in the shop is damaged and cannot be read; run "
                     "the analysis again"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  s->run_id = run_id;
  s->run_at = g_strdup (run_at);
  s->model = g_strdup (member_string (root, "model"));
  s->model_reason = g_strdup (member_string (root, "model_reason"));
  s->enough_data = json_object_get_boolean_member_with_default (root, "enough_data", FALSE);
  s->time_unit = g_strdup (member_string (root, "time_unit"));
  clv_date_parse_iso (member_string (root, "end"), &s->end_day);
  if ((text = member_string (root, "calibration_end")) != NULL)
    clv_date_parse_iso (text, &s->calibration_end);
  s->horizon_months = (guint) member_double (root, "horizon_months", 12);
  s->discount_monthly = member_double (root, "discount_monthly", 0);
  s->params = params_table (member_object (root, "params"));
  s->log_likelihood = member_double (root, "log_likelihood", 0);
  s->spend_params = params_table (member_object (root, "spend_params"));
  hold = member_object (root, "holdout");
  s->holdout_predicted = member_double (hold, "predicted", -1);
  s->holdout_actual = member_double (hold, "actual", -1);
  /* runs stored before the return pattern was kept have none */
  s->return_days = (gint32) member_double (root, "return_days", -1);
  s->p_alive_too_early = (guint) member_double (root, "p_alive_too_early", 0);

  k = member_object (root, "kpis");
  s->customers = (guint) member_double (k, "customers", 0);
  s->active_customers = (guint) member_double (k, "active_customers", 0);
  s->revenue = (gint64) member_double (k, "revenue_minor", 0);
  s->aov = member_double (k, "aov_minor", 0);
  s->purchase_frequency = member_double (k, "purchase_frequency", 0);
  s->avg_lifespan_days = member_double (k, "avg_lifespan_days", 0);
  s->simple_clv = member_double (k, "simple_clv_minor", 0);
  s->clv_after_costs = member_double (k, "clv_after_costs_minor", 0);
  /* null (or the -1 of analyses saved before) is unknown */
  s->repeat_rate = member_double (k, "repeat_rate", -1);
  s->churn_rate = member_double (k, "churn_rate", -1);
  s->churn_period_days = (guint) member_double (k, "churn_period_days", 90);
  s->revenue_per_customer = member_double (k, "revenue_per_customer_minor", 0);
  s->clv_total = member_double (k, "clv_total_minor", -1);
  s->clv_average = member_double (k, "clv_average_minor", -1);
  /* runs stored before the ranges were kept have none */
  range_pair (member_array (k, "clv_total_range"), s->clv_total_range);
  s->expected_purchases = member_double (k, "expected_purchases", -1);
  range_pair (member_array (k, "expected_purchases_range"), s->expected_purchases_range);
  s->ranges_note = g_strdup (member_string (k, "ranges_note"));
  s->nps = member_double (k, "nps", -101);
  s->csat = member_double (k, "csat", -1);
  risk = member_object (root, "at_risk");
  s->at_risk = (guint) member_double (risk, "customers", 0);

  s->revenue_by_month = g_array_new (FALSE, FALSE, sizeof (RegMonthAmount));
  if ((arr = member_array (root, "revenue_by_month")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        RegMonthAmount m = { parse_month (member_string (o, "month")),
                             (gint64) member_double (o, "revenue_minor", 0) };
        g_array_append_val (s->revenue_by_month, m);
      }
  s->tiers = g_array_new (FALSE, TRUE, sizeof (RegTierFigure));
  if ((arr = member_array (root, "tiers")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        RegTierFigure t = { { 0 } };
        g_strlcpy (t.id, member_string (o, "tier") != NULL ? member_string (o, "tier") : "",
                   sizeof t.id);
        t.customers = (guint) member_double (o, "customers", 0);
        t.value = member_double (o, "value_minor", 0);
        g_array_append_val (s->tiers, t);
      }
  s->rfm_groups = g_array_new (FALSE, TRUE, sizeof (RegGroupFigure));
  if ((arr = member_array (root, "rfm_groups")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        RegGroupFigure g = { { 0 } };
        g_strlcpy (g.id, member_string (o, "group") != NULL ? member_string (o, "group") : "",
                   sizeof g.id);
        g.customers = (guint) member_double (o, "customers", 0);
        g.value = member_double (o, "value_minor", 0);
        g_array_append_val (s->rfm_groups, g);
      }
  s->cohorts = g_ptr_array_new_with_free_func (cohort_row_free);
  if ((arr = member_array (root, "cohorts")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        JsonArray *ret = member_array (o, "retention");
        RegCohortRow *row = g_new0 (RegCohortRow, 1);
        row->month = parse_month (member_string (o, "month"));
        row->size = (guint) member_double (o, "size", 0);
        row->retention = g_array_new (FALSE, FALSE, sizeof (double));
        for (guint j = 0; ret != NULL && j < json_array_get_length (ret); j++)
          {
            double v = json_array_get_double_element (ret, j);
            g_array_append_val (row->retention, v);
          }
        g_ptr_array_add (s->cohorts, row);
      }
  s->cohorts_earlier = (guint) member_double (member_object (root, "cohorts_earlier"), "customers", 0);
  s->clv_histogram = g_array_new (FALSE, TRUE, sizeof (guint));
  hist = member_object (root, "clv_histogram");
  s->clv_histogram_step = member_double (hist, "step_minor", 0);
  if ((arr = member_array (hist, "counts")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        guint c = (guint) json_array_get_int_element (arr, i);
        g_array_append_val (s->clv_histogram, c);
      }
  s->tracking = g_array_new (FALSE, TRUE, sizeof (RegTrackingPoint));
  s->tracking_weekly = g_strcmp0 (member_string (root, "tracking_period"), "week") == 0;
  if ((text = member_string (root, "tracking_split")) != NULL)
    clv_date_parse_iso (text, &s->tracking_split);
  if ((arr = member_array (root, "tracking")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        RegTrackingPoint t = { 0 };

        if (o == NULL || !clv_date_parse_iso (member_string (o, "period"), &t.period))
          continue;
        t.actual = member_double (o, "actual", 0);
        t.expected = member_double (o, "expected", 0);
        t.actual_cumulative = member_double (o, "actual_cumulative", 0);
        t.expected_cumulative = member_double (o, "expected_cumulative", 0);
        g_array_append_val (s->tracking, t);
      }
  s->forecast = g_array_new (FALSE, TRUE, sizeof (RegMonthAmount));
  if ((arr = member_array (root, "forecast")) != NULL)
    for (guint i = 0; i < json_array_get_length (arr); i++)
      {
        JsonObject *o = json_array_get_object_element (arr, i);
        RegMonthAmount m = { 0 };
        double band[2];

        if (o == NULL || !clv_date_parse_iso (member_string (o, "month"), &m.month))
          continue;
        m.amount = (gint64) member_double (o, "expected_minor", 0);
        /* runs stored before the band was kept have none */
        range_pair (member_array (o, "range_minor"), band);
        m.ranged = band[0] >= 0 && band[1] >= band[0];
        m.low = m.ranged ? (gint64) band[0] : -1;
        m.high = m.ranged ? (gint64) band[1] : -1;
        g_array_append_val (s->forecast, m);
      }
  return g_steal_pointer (&s);
}

/**
 * reg_shop_load_latest_analysis:
 * @shop: the shop
 * @error: a database error, or a damaged analysis (%REG_SHOP_ERROR_INVALID)
 *
 * Returns: (transfer full) (nullable): the newest analysis in the shop, or %NULL: with @error
 *   set on error, without when the shop was never analysed.
 */
RegAnalysisSummary *
reg_shop_load_latest_analysis (RegShop *shop, GError **error)
{
  gint64 id = 0;
  g_autofree char *run_at = NULL;
  g_autofree char *json = reg_store_latest_run (reg_shop_get_store (shop), &id, &run_at, error);

  if (json == NULL)
    return NULL;
  return reg_analysis_summary_from_json (json, id, run_at, error);
}
