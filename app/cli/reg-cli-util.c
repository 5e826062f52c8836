/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared pieces of regulars-cli: option parsing with --help per command, error reporting
 * with exit codes, JSON printing, progress on stderr.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "clv-date.h"
#include "clv-error.h"
#include "clv-text.h"
#include "reg-cli.h"

gboolean
reg_cli_parse (RegCli *cli, int *argc, char ***argv, const GOptionEntry *entries,
               const char *parameter_string, const char *summary, int *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;
  g_autofree char *shop = NULL;
  const GOptionEntry common[] = {
    { "shop", 0, 0, G_OPTION_ARG_FILENAME, &shop, N_("The shop file"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  /* "--" ends options, so values such as a refund "-3.00" can follow it */
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "regulars-cli: %s\n", error->message);
      fprintf (stderr, "%s\n", _("Run the command with --help to see its options."));
      *exit_code = REG_CLI_USAGE;
      return FALSE;
    }
  if (shop != NULL)
    /* kept for the life of the process, like argv */
    cli->shop_path = g_steal_pointer (&shop);
  return TRUE;
}

RegShop *
reg_cli_open_shop (RegCli *cli, gboolean create)
{
  g_autoptr(GError) error = NULL;
  RegShop *shop = reg_shop_open (cli->shop_path, create, &error);

  if (shop == NULL)
    {
      fprintf (stderr, "regulars-cli: %s\n", error->message);
      if (reg_shop_error_is_missing (error) && !create)
        fprintf (stderr, "%s\n", _("Create it with “regulars-cli --shop FILE init”."));
    }
  return shop;
}

int
reg_cli_fail (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fprintf (stderr, "regulars-cli: %s\n", _("Cancelled; nothing was changed"));
      return REG_CLI_BAD_INPUT;
    }
  fprintf (stderr, "regulars-cli: %s\n", error->message);
  return REG_CLI_BAD_INPUT;
}

int
reg_cli_usage (const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "regulars-cli: %s\n", msg);
  return REG_CLI_USAGE;
}

void
reg_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

gboolean
reg_cli_parse_id (const char *text, const char *field, gint64 *out, int *exit_code)
{
  char *end = NULL;
  gint64 v = text != NULL ? g_ascii_strtoll (text, &end, 10) : 0;

  if (text == NULL || end == text || *end != '\0' || v <= 0)
    {
      fprintf (stderr, "regulars-cli: %s “%s”: %s\n", field, reg_cli_quote (text),
               _("is not an id (a whole number above 0)"));
      *exit_code = REG_CLI_BAD_INPUT;
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
reg_cli_parse_number (const char *option, const char *text, double min, double max,
                      gboolean whole, double *out, int *exit_code)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  if (text == NULL)
    return TRUE;
  v = clv_text_is_plain_decimal (text) ? g_ascii_strtod (text, NULL) : NAN;
  if (isfinite (v) && v >= min && v <= max && (!whole || v == floor (v)))
    {
      *out = v;
      return TRUE;
    }
  g_ascii_formatd (lo, sizeof lo, "%.15g", min);
  g_ascii_formatd (hi, sizeof hi, "%.15g", max);
  fprintf (stderr, "regulars-cli: %s “%s”: ", option, text);
  if (whole)
    /* Translators: after "--horizon-months “0”: "; %s are the smallest and largest values */
    fprintf (stderr, _("must be a whole number from %s to %s"), lo, hi);
  else
    /* Translators: after "--discount-monthly “-0.5”: "; %s are the smallest and largest values */
    fprintf (stderr, _("must be a number from %s to %s"), lo, hi);
  fputc ('\n', stderr);
  *exit_code = REG_CLI_USAGE;
  return FALSE;
}

char *
reg_cli_format_day (gint32 day)
{
  return day > 0 ? clv_date_format_iso (day) : g_strdup ("");
}

static gboolean progress_shown;

/* A one-line progress bar on stderr, only when stderr is a terminal. */
void
reg_cli_progress (const char *what, double fraction)
{
  if (!isatty (STDERR_FILENO))
    return;
  if (fraction < 0)
    fprintf (reg_cli_raw_stderr (), "\r%s…", what);
  else
    fprintf (reg_cli_raw_stderr (), "\r%s %3d %%", what, (int) (fraction * 100));
  progress_shown = TRUE;
}

void
reg_cli_progress_done (void)
{
  if (progress_shown)
    fprintf (reg_cli_raw_stderr (), "\r\033[K");
  progress_shown = FALSE;
}

const char *
reg_cli_quote (const char *text)
{
  static GPtrArray *kept;   /* the quoted strings handed out; the CLI prints a few at most */

  if (kept == NULL)
    kept = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (kept, clv_text_quote (text));
  return g_ptr_array_index (kept, kept->len - 1);
}
