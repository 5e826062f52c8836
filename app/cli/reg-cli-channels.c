/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli channels (the figures per acquisition channel), channel spend (the owner's
 * marketing spend per channel and month) and channel spends (what was entered).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "reg-channels.h"
#include "reg-cli.h"
#include "reg-cli-json.h"

static void
add_minor_or_null (JsonBuilder *b, RegShop *shop, const char *key, gint64 minor)
{
  if (minor >= 0)
    {
      reg_cli_json_add_money (b, shop, key, minor);
      return;
    }
  {
    g_autofree char *minor_key = g_strconcat (key, "_minor", NULL);
    json_builder_set_member_name (b, minor_key);
    json_builder_add_null_value (b);
    json_builder_set_member_name (b, key);
    json_builder_add_null_value (b);
  }
}

static void
add_double_or_null (JsonBuilder *b, const char *key, double value)
{
  json_builder_set_member_name (b, key);
  if (value >= 0)
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
figures_json (RegShop *shop, GArray *figures, gint32 first_month)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < figures->len; i++)
    {
      const ClvChannelFigures *f = &g_array_index (figures, ClvChannelFigures, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "channel");
      if (f->channel != NULL)
        json_builder_add_string_value (b, f->channel);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, reg_channel_label (f->channel));
      json_builder_set_member_name (b, "customers");
      json_builder_add_int_value (b, f->customers);
      json_builder_set_member_name (b, "new_customers");
      json_builder_add_int_value (b, f->new_customers);
      reg_cli_json_add_money (b, shop, "avg_value", f->avg_value);
      add_minor_or_null (b, shop, "avg_predicted", f->avg_predicted);
      add_minor_or_null (b, shop, "avg_predicted_low", f->avg_predicted_low);
      add_minor_or_null (b, shop, "avg_predicted_high", f->avg_predicted_high);
      reg_cli_json_add_money (b, shop, "spend", f->spend);
      reg_cli_json_add_money (b, shop, "own_costs", f->own_costs);
      add_minor_or_null (b, shop, "acquisition_cost", f->cost_per_new);
      add_double_or_null (b, "value_to_cost", f->value_to_cost);
      add_double_or_null (b, "payback_months", f->payback_months);
      json_builder_set_member_name (b, "new_by_month");
      if (f->new_by_month != NULL)
        {
          json_builder_begin_array (b);
          for (guint m = 0; m < f->new_by_month->len; m++)
            {
              char month[8];

              clv_month_format_buf (first_month + (gint32) m, month);
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "month");
              json_builder_add_string_value (b, month);
              json_builder_set_member_name (b, "new_customers");
              json_builder_add_int_value (b, g_array_index (f->new_by_month, guint, m));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static char *
money_or_dash (RegShop *shop, gint64 minor)
{
  return minor >= 0 ? reg_shop_format_amount (shop, minor) : g_strdup ("–");
}

/* printf pads by bytes; a currency sign such as € takes three: pad by characters instead */
static void
print_cell (const char *text, int width, gboolean left)
{
  glong chars = g_utf8_strlen (text, -1);
  int pad = chars < width ? width - (int) chars : 0;

  if (left)
    printf ("%s%*s ", text, pad, "");
  else
    printf ("%*s%s ", pad, "", text);
}

static void
print_figures_text (RegShop *shop, GArray *figures, gint32 first_month, gint32 last_month,
                    guint months)
{
  char from[8], to[8];

  clv_month_format_buf (first_month, from);
  clv_month_format_buf (last_month, to);
  if (months > 0)
    /* TRANSLATORS: the period in which customers count as new, "2025-07 to 2026-06" */
    printf (_("New customers and spend: %s to %s"), from, to);
  else
    printf ("%s", _("New customers and spend: the whole history"));
  printf ("\n\n");
  print_cell (_("Channel"), 20, TRUE);
  print_cell (_("Customers"), 9, FALSE);
  print_cell (_("New"), 7, FALSE);
  print_cell (_("Avg value"), 12, FALSE);
  print_cell (_("Avg predicted (range)"), 30, FALSE);
  print_cell (_("Cost/new"), 12, FALSE);
  print_cell (_("Value/cost"), 10, FALSE);
  print_cell (_("Payback"), 8, FALSE);
  printf ("\n");
  for (guint i = 0; i < figures->len; i++)
    {
      const ClvChannelFigures *f = &g_array_index (figures, ClvChannelFigures, i);
      g_autofree char *value = reg_shop_format_amount (shop, f->avg_value);
      g_autofree char *predicted = NULL;
      g_autofree char *cost = money_or_dash (shop, f->cost_per_new);
      g_autofree char *ratio = f->value_to_cost >= 0 ? g_strdup_printf ("%.2f", f->value_to_cost)
                                                     : g_strdup ("–");
      g_autofree char *payback = NULL;

      if (f->avg_predicted >= 0)
        {
          g_autofree char *p = reg_shop_format_amount (shop, f->avg_predicted);
          g_autofree char *lo = reg_shop_format_amount (shop, f->avg_predicted_low);
          g_autofree char *hi = reg_shop_format_amount (shop, f->avg_predicted_high);
          predicted = g_strdup_printf ("%s (%s–%s)", p, lo, hi);
        }
      else
        predicted = g_strdup ("–");
      if (f->payback_months > 0)
        /* TRANSLATORS: months until a new customer paid back their cost */
        payback = g_strdup_printf (_("%.1f mo"), f->payback_months);
      else if (f->payback_months == 0)
        payback = g_strdup ("–");
      else
        payback = g_strdup (_("never"));
      g_autofree char *customers = g_strdup_printf ("%u", f->customers);
      g_autofree char *fresh = g_strdup_printf ("%u", f->new_customers);

      print_cell (reg_cli_quote (reg_channel_label (f->channel)), 20, TRUE);
      print_cell (customers, 9, FALSE);
      print_cell (fresh, 7, FALSE);
      print_cell (value, 12, FALSE);
      print_cell (predicted, 30, FALSE);
      print_cell (cost, 12, FALSE);
      print_cell (ratio, 10, FALSE);
      print_cell (payback, 8, FALSE);
      printf ("\n");
    }
}

int
reg_cli_channels (RegCli *cli, int argc, char **argv)
{
  g_autofree char *months_text = NULL;
  gboolean json = FALSE;
  double months = REG_CHANNEL_MONTHS_DEFAULT;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "months", 0, 0, G_OPTION_ARG_STRING, &months_text, N_("Count customers who came in the last N months as new (default 12; 0 = the whole history)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) figures = NULL;
  gint32 first_month, last_month;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("Customers, value and acquisition cost per channel."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if (!reg_cli_parse_number ("--months", months_text, 0, 1200, TRUE, &months, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  figures = reg_shop_channel_figures (shop, (guint) months, &first_month, &last_month, &error);
  if (figures == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = figures_json (shop, figures, first_month);
      reg_cli_print_json (node);
    }
  else
    print_figures_text (shop, figures, first_month, last_month, (guint) months);
  return REG_CLI_OK;
}

static int
list_spends (RegShop *shop, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spends = reg_shop_list_channel_spend (shop, &error);

  if (spends == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < spends->len; i++)
        {
          const RegChannelSpend *s = &g_array_index (spends, RegChannelSpend, i);
          char month[8];

          clv_month_format_buf (s->month, month);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "channel");
          json_builder_add_string_value (b, s->channel);
          json_builder_set_member_name (b, "month");
          json_builder_add_string_value (b, month);
          reg_cli_json_add_money (b, shop, "amount", s->amount);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      node = json_builder_get_root (b);
      reg_cli_print_json (node);
      return REG_CLI_OK;
    }
  for (guint i = 0; i < spends->len; i++)
    {
      const RegChannelSpend *s = &g_array_index (spends, RegChannelSpend, i);
      g_autofree char *amount = reg_shop_format_amount (shop, s->amount);
      char month[8];

      clv_month_format_buf (s->month, month);
      printf ("%-20s %s %14s\n", reg_cli_quote (s->channel), month, amount);
    }
  return REG_CLI_OK;
}

static int
channel_spend (RegCli *cli, int argc, char **argv)
{
  g_autofree char *channel = NULL, *month = NULL, *amount = NULL;
  gboolean list = FALSE, json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("The channel, such as Instagram"), N_("NAME") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month, as YYYY-MM"), N_("YYYY-MM") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("What was spent that month, as written in the shop's locale; 0 removes it"), N_("AMOUNT") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the spend entered so far"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (with --list)"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minor;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("Enter the marketing spend of a channel in a month, or list it."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if (!list && (channel == NULL || month == NULL || amount == NULL))
    return reg_cli_usage (_("channel spend needs --channel, --month and --amount (or --list)"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (list)
    return list_spends (shop, json);
  if (!reg_shop_parse_amount (shop, amount, &minor, &error))
    {
      fprintf (stderr, "regulars-cli: %s “%s”: %s\n", _("Amount"), reg_cli_quote (amount),
               error->message);
      return REG_CLI_BAD_INPUT;
    }
  if (!reg_shop_set_channel_spend (shop, channel, month, minor, &error))
    return reg_cli_fail (error);
  return REG_CLI_OK;
}

static int
channel_spends (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("List the marketing spend entered per channel and month."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  return list_spends (shop, json);
}

int
reg_cli_channel (RegCli *cli, int argc, char **argv)
{
  static const struct { const char *name; RegCliCommand run; } subs[] = {
    { "spend", channel_spend }, { "spends", channel_spends },
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      FILE *out = argc < 2 ? stderr : stdout;
      fprintf (out, "%s\n\n", _("Usage: regulars-cli [--shop FILE] channel spend|spends [OPTIONS…]"));
      fprintf (out, "%s\n", _("Run “regulars-cli channel SUBCOMMAND --help” for its options."));
      return argc < 2 ? REG_CLI_USAGE : REG_CLI_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      {
        g_autofree char *prog = g_strdup_printf ("regulars-cli channel %s", subs[i].name);
        g_set_prgname (prog);
        return subs[i].run (cli, argc - 1, argv + 1);
      }
  return reg_cli_usage (_("Unknown channel command “%s”"), reg_cli_quote (argv[1]));
}
