/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli analyze and segments: run the analysis job and print what it found, in plain
 * words or as the JSON document the shop keeps.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>

#include "clv-date.h"
#include "clv-segments.h"
#include "reg-analysis-job.h"
#include "reg-cli.h"
#include "reg-forecast-words.h"
#include "reg-score-words.h"

static void
on_job_progress_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  reg_cli_progress (_("Analysing"), fraction);
}

/* Runs the analysis with @opts; returns the summary or NULL after printing the error. */
static RegAnalysisSummary *
run_analysis (RegShop *shop, const RegAnalysisOptions *opts, int *code)
{
  g_autoptr(RegAnalysisJob) job = reg_analysis_job_new (shop, opts);
  g_autoptr(GError) error = NULL;
  RegAnalysisSummary *summary;

  reg_job_set_progress_func (REG_JOB (job), on_job_progress_cb, NULL);
  summary = reg_job_run_sync (REG_JOB (job), &error);
  reg_cli_progress_done ();
  if (summary == NULL)
    *code = reg_cli_fail (error);
  return summary;
}

gboolean
reg_cli_ensure_analysis (RegShop *shop, int *code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = reg_shop_get_latest_run (shop, &error);
  g_autoptr(RegAnalysisSummary) s = NULL;

  if (json != NULL && reg_analysis_stored_is_readable (json))
    return TRUE;
  if (error != NULL)
    {
      *code = reg_cli_fail (error);
      return FALSE;
    }
  if (json != NULL)
    fprintf (stderr, "regulars-cli: %s\n",
             _("The last analysis stored in the shop is damaged and cannot be read; analysing "
               "again."));
  s = run_analysis (shop, NULL, code);
  return s != NULL;
}

static double
param (GHashTable *t, const char *key)
{
  double *v = g_hash_table_lookup (t, key);
  return v != NULL ? *v : NAN;
}

static const char *
unit_word (const char *unit)
{
  if (g_strcmp0 (unit, "day") == 0)
    return _("days");
  if (g_strcmp0 (unit, "month") == 0)
    return _("months");
  return _("weeks");
}

static const char *
model_name (const char *id)
{
  if (g_strcmp0 (id, "pareto") == 0)
    return "Pareto/NBD";
  if (g_strcmp0 (id, "mbgnbd") == 0)
    return "MBG/NBD";
  return "BG/NBD";
}

static void
print_summary (RegShop *shop, const RegAnalysisSummary *s)
{
  g_autofree char *revenue = reg_shop_format_amount (shop, s->revenue);
  g_autofree char *aov = reg_shop_format_amount (shop, (gint64) llround (s->aov));
  g_autofree char *end = clv_date_format_iso (s->end_day);

  printf (_("Customers: %u, of whom %u bought in the last 90 days. Revenue %s, %s per purchase.\n"),
          s->customers, s->active_customers, revenue, aov);
  printf (_("Observed up to %s.\n"), end);
  if (!s->enough_data)
    {
      printf (_("Model: none. %s\n"), s->model_reason != NULL ? s->model_reason : "");
    }
  else
    {
      printf (_("Model: %s. %s\n"), model_name (s->model),
              s->model_reason != NULL ? s->model_reason : "");
      if (g_strcmp0 (s->model, "pareto") == 0)
        printf (_("  r = %.4f, alpha = %.4f, s = %.4f, beta = %.4f (time in %s)\n"),
                param (s->params, "r"), param (s->params, "alpha"), param (s->params, "s"),
                param (s->params, "beta"), unit_word (s->time_unit));
      else
        printf (_("  r = %.4f, alpha = %.4f, a = %.4f, b = %.4f (time in %s)\n"),
                param (s->params, "r"), param (s->params, "alpha"), param (s->params, "a"),
                param (s->params, "b"), unit_word (s->time_unit));
      printf (_("  log-likelihood %.2f\n"), s->log_likelihood);
      if (g_hash_table_size (s->spend_params) > 0)
        printf (_("Spend model (Gamma-Gamma): p = %.4f, q = %.4f, gamma = %.4f\n"),
                param (s->spend_params, "p"), param (s->spend_params, "q"),
                param (s->spend_params, "gamma"));
    }
  if (s->holdout_actual >= 0 && s->holdout_predicted >= 0)
    {
      g_autofree char *cal = clv_date_format_iso (s->calibration_end);

      /* a difference relative to nothing is no percentage: then the two counts alone */
      if (s->holdout_actual > 0)
        printf (_("Check: fitted on sales up to %s, the model expected %.0f repeat purchases after "
                  "that; customers made %.0f (%+.0f %%).\n"),
                cal, s->holdout_predicted, s->holdout_actual,
                100.0 * (s->holdout_predicted - s->holdout_actual) / s->holdout_actual);
      else
        printf (_("Check: fitted on sales up to %s, the model expected %.0f repeat purchases after "
                  "that; customers made none.\n"),
                cal, s->holdout_predicted);
    }
  else
    printf (_("Check: the history is too short to hold part of it back and test the model.\n"));
  if (s->clv_total >= 0)
    {
      g_autofree char *total = reg_shop_format_amount (shop, (gint64) llround (s->clv_total));
      g_autofree char *avg = reg_shop_format_amount (shop, (gint64) llround (s->clv_average));
      printf (_("Predicted value over the next %u months: %s in all, %s per customer.\n"),
              s->horizon_months, total, avg);
    }
  {
    /* the total with its 80 % range, or why there is none */
    g_autofree char *range = reg_words_clv_total_range (shop, s);

    if (range != NULL)
      printf ("%s\n", range);
  }
  {
    ClvMoneyFormat fmt;
    g_autofree char *forecast = NULL;
    g_autofree char *band = NULL;

    reg_shop_get_money_format (shop, &fmt);
    forecast = reg_words_forecast (&fmt, s);
    band = reg_words_forecast_range (&fmt, s, FALSE);

    /* one line: the forecast, then its range when there is one */
    if (forecast != NULL)
      printf ("%s%s%s\n", forecast, band != NULL ? " " : "", band != NULL ? band : "");
  }
  printf (_("Tiers:"));
  for (guint i = 0; i < s->tiers->len; i++)
    {
      RegTierFigure *t = &g_array_index (s->tiers, RegTierFigure, i);
      g_autofree char *v = reg_shop_format_amount (shop, (gint64) llround (t->value));
      printf ("  %s %u (%s)", t->id, t->customers, v);
    }
  printf ("\n");
  printf (_("Slipping away: %u customers.\n"), s->at_risk);
  {
    g_autofree char *pattern = reg_words_return_pattern (s->return_days);

    if (pattern != NULL)
      printf ("%s\n", pattern);
    if (s->p_alive_too_early > 0)
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "%u customer bought once: too early to tell whether they still buy.\n",
                           "%u customers bought once: too early to tell whether they still buy.\n",
                           s->p_alive_too_early), s->p_alive_too_early);
  }
}

static gboolean
parse_date_option (const char *text, const char *name, gint32 *out, int *code)
{
  if (text == NULL)
    return TRUE;
  if (!clv_date_parse_iso (text, out))
    {
      fprintf (stderr, "regulars-cli: %s “%s”: %s\n", name, text, _("is not a date (YYYY-MM-DD)"));
      *code = REG_CLI_BAD_INPUT;
      return FALSE;
    }
  return TRUE;
}

int
reg_cli_analyze (RegCli *cli, int argc, char **argv)
{
  g_autofree char *model = NULL;
  g_autofree char *cal = NULL;
  g_autofree char *end = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *horizon_text = NULL;
  g_autofree char *discount_text = NULL;
  int code = REG_CLI_OK;
  double horizon = 0, discount = -1, lo, hi;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("auto (default), bgnbd, mbgnbd or pareto"), N_("MODEL") },
    { "calibration-end", 0, 0, G_OPTION_ARG_STRING, &cal, N_("Fit on sales up to this day and check the model on the rest"), N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day observed (default: the last sale)"), N_("DATE") },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("day, week or month"), N_("UNIT") },
    { "horizon-months", 0, 0, G_OPTION_ARG_STRING, &horizon_text, N_("Months ahead for predicted value"), N_("N") },
    { "discount-monthly", 0, 0, G_OPTION_ARG_STRING, &discount_text, N_("Monthly discount rate, such as 0.01"), N_("R") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RegAnalysisOptions opts;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("Fit the purchase and spend models, score every customer, and save the "
                        "scores in the shop."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), argv[1]);
  if (model != NULL && !g_str_equal (model, "auto") && !g_str_equal (model, "bgnbd")
      && !g_str_equal (model, "mbgnbd") && !g_str_equal (model, "pareto"))
    return reg_cli_usage (_("--model must be auto, bgnbd, mbgnbd or pareto, not “%s”"), reg_cli_quote (model));
  if (unit != NULL && !g_str_equal (unit, "day") && !g_str_equal (unit, "week")
      && !g_str_equal (unit, "month"))
    return reg_cli_usage (_("--time-unit must be day, week or month, not “%s”"), unit);
  /* the same ranges as the shop's settings of the same name */
  reg_shop_setting_range (REG_SETTING_HORIZON_MONTHS, &lo, &hi);
  if (!reg_cli_parse_number ("--horizon-months", horizon_text, lo, hi, TRUE, &horizon, &code))
    return code;
  reg_shop_setting_range (REG_SETTING_DISCOUNT_MONTHLY, &lo, &hi);
  if (!reg_cli_parse_number ("--discount-monthly", discount_text, lo, hi, FALSE, &discount, &code))
    return code;
  reg_analysis_options_init (&opts);
  opts.model = model;
  opts.time_unit = unit;
  opts.horizon_months = (int) horizon;
  opts.discount_monthly = discount;
  if (!parse_date_option (cal, "--calibration-end", &opts.calibration_end, &code)
      || !parse_date_option (end, "--end", &opts.end_day, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  summary = run_analysis (shop, &opts, &code);
  if (summary == NULL)
    return code;
  if (json)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *doc = reg_shop_get_latest_run (shop, &error);
      if (doc == NULL)
        return reg_cli_fail (error);
      printf ("%s\n", doc);
    }
  else
    print_summary (shop, summary);
  return REG_CLI_OK;
}

int
reg_cli_segments (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *lists[] = { "tiers", "rfm_groups" };

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("List the value tiers, RFM groups and at-risk customers with counts and "
                        "values, from the last analysis (run now when there is none)."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), argv[1]);
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_cli_ensure_analysis (shop, &code))
    return code;
  doc = reg_shop_get_latest_run (shop, &error);
  if (doc == NULL)
    return reg_cli_fail (error);
  if (!json_parser_load_from_data (parser, doc, -1, &error))
    return reg_cli_fail (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) out = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "tiers");
      json_builder_add_value (b, json_node_copy (json_object_get_member (root, "tiers")));
      json_builder_set_member_name (b, "tiers_by");
      json_builder_add_value (b, json_node_copy (json_object_get_member (root, "tiers_by")));
      json_builder_set_member_name (b, "rfm_groups");
      json_builder_add_value (b, json_node_copy (json_object_get_member (root, "rfm_groups")));
      json_builder_set_member_name (b, "at_risk");
      json_builder_add_value (b, json_node_copy (json_object_get_member (root, "at_risk")));
      json_builder_end_object (b);
      out = json_builder_get_root (b);
      reg_cli_print_json (out);
      return REG_CLI_OK;
    }
  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *arr = json_object_get_array_member (root, lists[l]);
      printf ("%s\n", l == 0 ? _("Value tiers") : _("RFM groups"));
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonObject *o = json_array_get_object_element (arr, i);
          g_autofree char *v = reg_shop_format_amount (shop, json_object_get_int_member (o, "value_minor"));
          const char *id = json_object_get_string_member (o, l == 0 ? "tier" : "group");
          /* the name to type after --segment: the RFM group "at-risk" is rfm:at-risk, since
           * plain at-risk is the list of customers slipping away */
          g_autofree char *spec = l == 1 && g_strcmp0 (id, "at-risk") == 0
                                  ? g_strconcat ("rfm:", id, NULL) : g_strdup (id);

          /* names in the language of this run, not of the run that saved the analysis */
          const char *name = l == 0 ? clv_tier_name (g_strcmp0 (id, "top") == 0 ? CLV_TIER_TOP
                                                     : g_strcmp0 (id, "middle") == 0 ? CLV_TIER_MIDDLE
                                                     : CLV_TIER_BOTTOM)
                                    : clv_rfm_group_name (clv_rfm_group_from_id (id));

          printf ("  %-22s %8" PRId64 "  %16s  %s\n", spec,
                  json_object_get_int_member (o, "customers"), v, name);
        }
    }
  {
    JsonObject *risk = json_object_get_object_member (root, "at_risk");
    g_autofree char *v = reg_shop_format_amount (shop, json_object_get_int_member (risk, "value_minor"));
    printf ("%s\n  %-22s %8" PRId64 "  %16s\n", _("Slipping away"), "at-risk",
            json_object_get_int_member (risk, "customers"), v);
  }
  return REG_CLI_OK;
}
