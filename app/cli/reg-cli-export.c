/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli export report|campaign, print loyalty, campaign list|results: what the owner
 * takes out of the shop.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-campaign-job.h"
#include "reg-cli.h"
#include "reg-loyalty-job.h"
#include "reg-report-job.h"

static void
on_progress_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  if (fraction >= 0)
    reg_cli_progress (data, fraction);
}

static int
export_report (RegCli *cli, int argc, char **argv)
{
  int code = REG_CLI_OK;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegReportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, NULL, _("FILE.xlsx"),
                      _("Write the tiered Excel workbook: summary with charts, one sheet per "
                        "tier, cohorts, the model, and what every figure means."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("export report needs one FILE.xlsx"));
  if (!g_str_has_suffix (argv[1], ".xlsx"))
    return reg_cli_usage (_("The report is an Excel workbook: name the file …xlsx, not “%s”"),
                          reg_cli_quote (argv[1]));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_cli_ensure_analysis (shop, &code))
    return code;
  job = reg_report_job_new (shop, argv[1]);
  reg_job_set_progress_func (REG_JOB (job), on_progress_cb, (gpointer) _("Writing the workbook"));
  written = reg_job_run_sync (REG_JOB (job), &error);
  reg_cli_progress_done ();
  if (written == NULL)
    return reg_cli_fail (error);
  printf (_("Wrote %s.\n"), written);
  return REG_CLI_OK;
}

static gboolean
parse_preset (const char *text, RegCampaignPreset *out)
{
  if (text == NULL || g_str_equal (text, "generic"))
    *out = REG_CAMPAIGN_PRESET_GENERIC;
  else if (g_str_equal (text, "mailchimp"))
    *out = REG_CAMPAIGN_PRESET_MAILCHIMP;
  else if (g_str_equal (text, "klaviyo"))
    *out = REG_CAMPAIGN_PRESET_KLAVIYO;
  else if (g_str_equal (text, "brevo"))
    *out = REG_CAMPAIGN_PRESET_BREVO;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_columns (const char *text, RegCampaignColumns *out)
{
  static const struct { const char *name; RegCampaignColumns bit; } names[] = {
    { "segment", REG_CAMPAIGN_COLUMN_SEGMENT }, { "clv", REG_CAMPAIGN_COLUMN_PREDICTED_CLV },
    { "last-order", REG_CAMPAIGN_COLUMN_LAST_ORDER_DATE },
    { "spend", REG_CAMPAIGN_COLUMN_TOTAL_SPEND }, { "purchases", REG_CAMPAIGN_COLUMN_PURCHASES },
    { "p-alive", REG_CAMPAIGN_COLUMN_PROBABILITY_ALIVE },
  };
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return TRUE;
  *out = 0;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean found = FALSE;
      for (gsize k = 0; k < G_N_ELEMENTS (names); k++)
        if (g_str_equal (g_strstrip (parts[i]), names[k].name))
          {
            *out |= names[k].bit;
            found = TRUE;
          }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
export_campaign (RegCli *cli, int argc, char **argv)
{
  g_autofree char *segment = NULL;
  g_autofree char *name = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *control_text = NULL;
  g_autofree char *seed_text = NULL;
  double control = 0, seed = 1;
  int code = REG_CLI_OK;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("top, middle, bottom, at-risk, an RFM group (champions, loyal, … or rfm:at-risk), all, or conditions such as clv>=100,p_alive<0.5"), N_("NAME") },
    { "control", 0, 0, G_OPTION_ARG_STRING, &control_text, N_("Hold back this percentage as a control group"), N_("PERCENT") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Random seed for the control group (default 1)"), N_("S") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the campaign"), N_("NAME") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("generic (default), mailchimp, klaviyo or brevo"), N_("TOOL") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns, N_("Figures to include: segment, clv, last-order, spend, purchases, p-alive"), N_("LIST") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RegCampaignRequest req;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegCampaignJob) job = NULL;
  g_autoptr(RegCampaignExport) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("FILE.csv|FILE.xlsx"),
                      _("Export a segment as an e-mail campaign list (Mailchimp, Klaviyo, Brevo "
                        "columns): only customers who agreed to e-mail, one row per address. "
                        "The campaign and its control group are recorded in the shop."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("export campaign needs one FILE.csv or FILE.xlsx"));
  if (segment == NULL)
    return reg_cli_usage (_("export campaign needs --segment"));
  reg_campaign_request_init (&req);
  if (!parse_preset (preset, &req.preset))
    return reg_cli_usage (_("--preset must be generic, mailchimp, klaviyo or brevo"));
  if (!parse_columns (columns, &req.columns))
    return reg_cli_usage (_("--columns takes segment, clv, last-order, spend, purchases, p-alive"));
  if (!reg_cli_parse_number ("--control", control_text, 0, 99, FALSE, &control, &code)
      || !reg_cli_parse_number ("--seed", seed_text, 0, G_MAXUINT32, TRUE, &seed, &code))
    return code;
  req.segment = segment;
  req.name = name;
  req.control_percent = control;
  req.seed = (guint32) seed;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_cli_ensure_analysis (shop, &code))
    return code;
  job = reg_campaign_job_new (shop, argv[1], &req);
  out = reg_job_run_sync (REG_JOB (job), &error);
  if (out == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "campaign");
      json_builder_add_int_value (b, out->campaign);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, out->path);
      json_builder_set_member_name (b, "treatment");
      json_builder_add_int_value (b, out->treatment);
      json_builder_set_member_name (b, "control");
      json_builder_add_int_value (b, out->control);
      json_builder_set_member_name (b, "left_out");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "no_consent");
      json_builder_add_int_value (b, out->n_no_consent);
      json_builder_set_member_name (b, "no_email");
      json_builder_add_int_value (b, out->n_no_email);
      json_builder_set_member_name (b, "bad_email");
      json_builder_add_int_value (b, out->n_bad_email);
      json_builder_set_member_name (b, "duplicate");
      json_builder_add_int_value (b, out->n_duplicate);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, out->n_no_consent + out->n_no_email + out->n_bad_email
                                     + out->n_duplicate);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "selected");
      json_builder_add_int_value (b, out->selected);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      reg_cli_print_json (root);
    }
  else
    printf (_("Wrote %s as campaign %" PRId64 ". %s\n"), out->path, out->campaign,
            out->description);
  return REG_CLI_OK;
}

int
reg_cli_export (RegCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "report"))
    return g_set_prgname ("regulars-cli export report"), export_report (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "campaign"))
    return g_set_prgname ("regulars-cli export campaign"), export_campaign (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", _("Usage: regulars-cli [--shop FILE] export report FILE.xlsx | export campaign --segment NAME FILE"));
      return REG_CLI_OK;
    }
  return reg_cli_usage (_("export needs “report FILE.xlsx” or “campaign --segment NAME FILE”"));
}

int
reg_cli_print (RegCli *cli, int argc, char **argv)
{
  g_autofree char *segment = NULL;
  g_autofree char *paper = NULL;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("The customers to list (as for export campaign)"), N_("NAME") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter (by default the paper of the shop's country)"), N_("a4|letter") },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegLoyaltyJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *pages = NULL;

  if (argc >= 2 && g_str_equal (argv[1], "loyalty"))
    {
      g_set_prgname ("regulars-cli print loyalty");
      argc--, argv++;
    }
  else
    return reg_cli_usage (_("print needs “loyalty --segment NAME FILE.pdf”"));
  if (!reg_cli_parse (cli, &argc, &argv, entries, _("FILE.pdf"),
                      _("Write a printable loyalty target list of a segment as a PDF: name, "
                        "contact, last visit, visits, value and why each customer is on it."),
                      &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("print loyalty needs one FILE.pdf"));
  if (segment == NULL)
    return reg_cli_usage (_("print loyalty needs --segment"));
  if (paper != NULL && !g_str_equal (paper, "a4") && !g_str_equal (paper, "letter"))
    return reg_cli_usage (_("--paper must be a4 or letter"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_cli_ensure_analysis (shop, &code))
    return code;
  /* without --paper, the paper of the shop's country */
  job = reg_loyalty_job_new (shop, segment,
                             (paper != NULL ? g_str_equal (paper, "letter")
                                            : reg_shop_uses_letter_paper (shop))
                               ? REG_PAPER_LETTER : REG_PAPER_A4,
                             argv[1]);
  pages = reg_job_run_sync (REG_JOB (job), &error);
  if (pages == NULL)
    return reg_cli_fail (error);
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page).\n", "Wrote %s (%u pages).\n", *pages),
          argv[1], *pages);
  return REG_CLI_OK;
}

static int
campaign_list (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("List the campaigns sent."), &code))
    return code;
  if (argc != 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  list = reg_shop_list_campaigns (shop, &error);
  if (list == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          RegCampaignRecord *c = list->pdata[i];
          g_autofree char *day = clv_date_format_iso (c->started_on);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, c->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, c->name);
          json_builder_set_member_name (b, "segment");
          json_builder_add_string_value (b, c->segment);
          json_builder_set_member_name (b, "started_on");
          json_builder_add_string_value (b, day);
          json_builder_set_member_name (b, "treatment");
          json_builder_add_int_value (b, c->treatment);
          json_builder_set_member_name (b, "control");
          json_builder_add_int_value (b, c->control);
          json_builder_set_member_name (b, "control_percent");
          json_builder_add_double_value (b, c->control_percent);
          json_builder_set_member_name (b, "seed");
          json_builder_add_int_value (b, c->seed);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      reg_cli_print_json (root);
      return REG_CLI_OK;
    }
  printf ("%-4s  %-10s  %-36s  %-14s  %9s  %7s\n", _("ID"), _("Started"), _("Name"), _("Segment"),
          _("Treatment"), _("Control"));
  for (guint i = 0; i < list->len; i++)
    {
      RegCampaignRecord *c = list->pdata[i];
      g_autofree char *day = clv_date_format_iso (c->started_on);
      printf ("%-4" PRId64 "  %-10s  %-36s  %-14s  %9u  %7u\n", c->id, day, c->name,
              c->segment, c->treatment, c->control);
    }
  return REG_CLI_OK;
}

static int
campaign_results (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCampaignLift) lift = NULL;
  gint64 id;

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("ID"),
                      _("Measure a campaign: purchase rate and revenue per customer of those who "
                        "got it against the control group, with 95 % intervals."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("campaign results needs one campaign ID"));
  if (!reg_cli_parse_id (argv[1], _("Campaign"), &id, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  lift = reg_shop_measure_campaign (shop, id, &error);
  if (lift == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *from = clv_date_format_iso (lift->started_on);
      g_autofree char *to = clv_date_format_iso (lift->measured_to);
#define NUM(k, v) json_builder_set_member_name (b, k); \
  if (isfinite (v)) json_builder_add_double_value (b, v); else json_builder_add_null_value (b)
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "campaign");
      json_builder_add_int_value (b, lift->campaign);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, lift->name);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, from);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, to);
      json_builder_set_member_name (b, "days_measured");
      json_builder_add_int_value (b, lift->days_measured);
      json_builder_set_member_name (b, "too_early");
      json_builder_add_boolean_value (b, lift->too_early);
      json_builder_set_member_name (b, "treatment");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "customers");
      json_builder_add_int_value (b, lift->treatment);
      NUM ("purchase_rate", lift->treatment_rate);
      NUM ("revenue_per_customer_minor", lift->treatment_revenue);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "control");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "customers");
      json_builder_add_int_value (b, lift->control);
      NUM ("purchase_rate", lift->control_rate);
      NUM ("revenue_per_customer_minor", lift->control_revenue);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "lift");
      json_builder_begin_object (b);
      NUM ("rate_difference", lift->rate_diff);
      NUM ("rate_low", lift->rate_low);
      NUM ("rate_high", lift->rate_high);
      NUM ("revenue_difference_minor", lift->revenue_diff);
      NUM ("revenue_low_minor", lift->revenue_low);
      NUM ("revenue_high_minor", lift->revenue_high);
      json_builder_set_member_name (b, "rate_significant");
      json_builder_add_boolean_value (b, lift->rate_significant);
      json_builder_set_member_name (b, "revenue_significant");
      json_builder_add_boolean_value (b, lift->revenue_significant);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "summary");
      json_builder_add_string_value (b, lift->summary);
      json_builder_end_object (b);
#undef NUM
      root = json_builder_get_root (b);
      reg_cli_print_json (root);
      return REG_CLI_OK;
    }
  printf ("%s (#%" PRId64 ")\n%s\n", lift->name, lift->campaign, lift->summary);
  if (lift->control > 0 && !lift->too_early)
    printf (_("  Purchase rate difference: %+.1f points (95 %% interval %+.1f to %+.1f)\n"),
            lift->rate_diff * 100, lift->rate_low * 100, lift->rate_high * 100);
  return REG_CLI_OK;
}

int
reg_cli_campaign (RegCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return g_set_prgname ("regulars-cli campaign list"), campaign_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "results"))
    return g_set_prgname ("regulars-cli campaign results"), campaign_results (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", _("Usage: regulars-cli [--shop FILE] campaign list | campaign results ID [--json]"));
      return REG_CLI_OK;
    }
  return reg_cli_usage (_("campaign needs “list” or “results ID”"));
}
