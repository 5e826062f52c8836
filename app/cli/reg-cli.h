/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the regulars-cli command files share: exit codes, opening the shop, printing errors,
 * JSON output, and the option parsing that gives every command its own --help.
 */
#pragma once

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "reg-shop.h"

G_BEGIN_DECLS

enum
{
  REG_CLI_OK = 0,
  REG_CLI_BAD_INPUT = 1,   /* the input or the shop file is wrong: the message says which */
  REG_CLI_USAGE = 2,       /* the command line is wrong */
};

typedef struct
{
  const char *shop_path;   /* --shop, or the default shop */
} RegCli;

typedef int (*RegCliCommand) (RegCli *cli, int argc, char **argv);

/* Parses argv with @entries; on bad usage prints the message and help and returns FALSE. */
gboolean reg_cli_parse       (RegCli *cli, int *argc, char ***argv, const GOptionEntry *entries,
                              const char *parameter_string, const char *summary,
                              int *exit_code);
RegShop *reg_cli_open_shop   (RegCli *cli, gboolean create);
int      reg_cli_fail        (GError *error);
int      reg_cli_usage       (const char *format, ...) G_GNUC_PRINTF (1, 2);
void     reg_cli_print_json  (JsonNode *node);
gboolean reg_cli_parse_id    (const char *text, const char *field, gint64 *out, int *exit_code);
/* Every numeric option goes through this: the whole text a decimal number (no "nan", "inf" or
 * hex), from @min to @max, whole when @whole. Otherwise prints the option, the value and the
 * range, sets *exit_code to REG_CLI_USAGE and returns FALSE. A %NULL @text (option not given)
 * leaves @out as it is. */
gboolean reg_cli_parse_number (const char *option, const char *text, double min, double max,
                               gboolean whole, double *out, int *exit_code);
char    *reg_cli_format_day  (gint32 day);
void     reg_cli_progress    (const char *what, double fraction);
/* A value as messages quote it (clv_text_quote: escaped, at most 60 characters and "…"); the
 * string lives until the program ends, so it can be passed straight to printf. */
const char *reg_cli_quote    (const char *text);
void     reg_cli_output_init (void);
FILE    *reg_cli_raw_stderr  (void);
void     reg_cli_progress_done (void);

/* SIGINT and SIGTERM cancel the running job (reg-cli-signals.c). A command that runs no job
 * but can stop half-way (the demo) says so with reg_cli_signals_polled() and checks
 * reg_cli_interrupted(). */
void     reg_cli_signals_init    (void);
void     reg_cli_signals_polled  (gboolean polled);
gboolean reg_cli_interrupted     (void);

/* Exports and segment listings read the last analysis: a shop never analysed is analysed first. */
gboolean reg_cli_ensure_analysis (RegShop *shop, int *exit_code);

int reg_cli_init      (RegCli *cli, int argc, char **argv);
int reg_cli_customer  (RegCli *cli, int argc, char **argv);
int reg_cli_sale      (RegCli *cli, int argc, char **argv);
int reg_cli_settings  (RegCli *cli, int argc, char **argv);
int reg_cli_demo      (RegCli *cli, int argc, char **argv);
int reg_cli_analyze   (RegCli *cli, int argc, char **argv);
int reg_cli_segments  (RegCli *cli, int argc, char **argv);
int reg_cli_import    (RegCli *cli, int argc, char **argv);
int reg_cli_export    (RegCli *cli, int argc, char **argv);
int reg_cli_print     (RegCli *cli, int argc, char **argv);
int reg_cli_campaign  (RegCli *cli, int argc, char **argv);
int reg_cli_channels  (RegCli *cli, int argc, char **argv);
int reg_cli_channel   (RegCli *cli, int argc, char **argv);
int reg_cli_products  (RegCli *cli, int argc, char **argv);

G_END_DECLS
