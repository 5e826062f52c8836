/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli: the headless front of Regulars. It parses the global options, dispatches to
 * a command, and turns errors into messages on stderr and exit codes (0 ok, 1 bad input,
 * 2 bad usage). It does nothing the services layer does not offer to the GUI as well.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "reg-cli.h"
#include "reg-locale-dir.h"

typedef struct
{
  const char    *name;
  RegCliCommand  run;
  const char    *summary;
} Command;

static const Command commands[] = {
  { "init", reg_cli_init, N_("Create a shop file") },
  { "customer", reg_cli_customer, N_("Add, list, show, edit, merge, archive or delete customers") },
  { "sale", reg_cli_sale, N_("Record, list or delete sales") },
  { "settings", reg_cli_settings, N_("Read or change the shop's settings") },
  { "demo", reg_cli_demo, N_("Write a demo shop with made-up customers and sales") },
  { "import", reg_cli_import, N_("Import sales from a store or bank export, or survey results (feedback); sniff, list, undo") },
  { "analyze", reg_cli_analyze, N_("Fit the models and score every customer") },
  { "segments", reg_cli_segments, N_("Value tiers, RFM groups and at-risk customers") },
  { "export", reg_cli_export, N_("Write the Excel report or a campaign list") },
  { "print", reg_cli_print, N_("Write a printable loyalty target list as PDF") },
  { "campaign", reg_cli_campaign, N_("List campaigns and measure their effect") },
  { "channels", reg_cli_channels, N_("Customers, value and acquisition cost per channel") },
  { "channel", reg_cli_channel, N_("Enter or list the marketing spend per channel and month") },
  { "products", reg_cli_products, N_("What customers buy: products by revenue, and products bought together") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: regulars-cli [--shop FILE] COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n\n", _("Customers, sales and customer lifetime value for small shops."));
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --shop FILE  %s\n", _("the shop file (default: the shop in your data folder)"));
  fprintf (out, "  --version    %s\n", _("print the version"));
  fprintf (out, "  --help       %s\n\n", _("show this help"));
  fprintf (out, "%s\n", _("Run “regulars-cli COMMAND --help” for a command's options."));
}

int
main (int argc, char **argv)
{
  RegCli cli = { NULL };
  g_autofree char *default_path = NULL;
  int i = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, reg_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* nothing a shop or a file holds reaches the terminal as a control sequence */
  reg_cli_output_init ();
  reg_cli_signals_init ();

  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return REG_CLI_OK;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          printf ("regulars-cli %s\n", PACKAGE_VERSION);
          return REG_CLI_OK;
        }
      if (g_str_equal (argv[i], "--shop") && i + 1 < argc)
        {
          cli.shop_path = argv[i + 1];
          i += 2;
          continue;
        }
      if (g_str_has_prefix (argv[i], "--shop="))
        {
          cli.shop_path = argv[i] + strlen ("--shop=");
          i++;
          continue;
        }
      return reg_cli_usage (_("Unknown option “%s”"), reg_cli_quote (argv[i]));
    }
  if (i >= argc)
    {
      print_help (stderr);
      return REG_CLI_USAGE;
    }
  if (cli.shop_path == NULL)
    cli.shop_path = g_getenv ("REGULARS_SHOP");
  if (cli.shop_path == NULL || *cli.shop_path == '\0')
    cli.shop_path = default_path = reg_shop_default_path ();

  for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].run (&cli, argc - i, argv + i);
  return reg_cli_usage (_("Unknown command “%s”; run “regulars-cli --help” for the list"),
                        reg_cli_quote (argv[i]));
}
