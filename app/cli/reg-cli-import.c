/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli import FILE, import feedback FILE, import sniff, import list, import undo.
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>
#include <string.h>

#include "reg-cli.h"
#include "reg-feedback-import-job.h"
#include "reg-import.h"
#include "reg-io-error.h"
#include "reg-import-sniff.h"
#include "reg-time.h"

static void
on_import_progress_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  if (fraction >= 0)
    reg_cli_progress (_("Importing"), fraction);
}

static void
add_guess (JsonBuilder *b, const char *key, const char *value, double confidence)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "value");
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, confidence);
  json_builder_end_object (b);
}

static const char *
char_text (char c, char buf[2])
{
  if (c == 0)
    return NULL;
  if (c == '\t')
    return "\t";
  buf[0] = c;
  buf[1] = '\0';
  return buf;
}

static int
import_sniff (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSniffResult) r = NULL;
  char d[2], m[2];

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("FILE"),
                      _("Tell what a file looks like: format, encoding, delimiter, decimal mark, "
                        "date order, header line and which export it is, each with a confidence."),
                      &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("import sniff needs one FILE"));
  r = reg_import_sniff (argv[1], &error);
  if (r == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (b);
      add_guess (b, "format", r->format, r->format_confidence);
      add_guess (b, "encoding", r->encoding, r->encoding_confidence);
      add_guess (b, "delimiter", char_text (r->delimiter, d), r->delimiter_confidence);
      add_guess (b, "decimal", char_text (r->decimal, m), r->decimal_confidence);
      add_guess (b, "thousands", r->thousands != NULL && *r->thousands ? r->thousands : NULL,
                 r->thousands_confidence);
      add_guess (b, "date_order", reg_sniff_result_get_date_order_id (r), r->date_order_confidence);
      json_builder_set_member_name (b, "header_line");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      json_builder_add_int_value (b, r->header_line);
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, r->header_confidence);
      json_builder_end_object (b);
      add_guess (b, "preset", r->preset, r->preset_confidence);
      json_builder_set_member_name (b, "columns");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      json_builder_begin_array (b);
      for (guint i = 0; r->columns != NULL && i < r->columns->len; i++)
        {
          RegSniffColumn *c = r->columns->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "index");
          json_builder_add_int_value (b, c->index);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, c->name);
          json_builder_set_member_name (b, "sample");
          if (c->sample != NULL)
            json_builder_add_string_value (b, c->sample);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "field");
          if (c->field != NULL)
            json_builder_add_string_value (b, c->field);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, r->header_confidence);
      json_builder_end_object (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      reg_cli_print_json (root);
      return REG_CLI_OK;
    }
  printf ("%-12s %s (%.0f %%)\n", _("Format:"), r->format, r->format_confidence * 100);
  printf ("%-12s %s (%.0f %%)\n", _("Encoding:"), r->encoding, r->encoding_confidence * 100);
  if (r->delimiter != 0)
    printf ("%-12s “%s” (%.0f %%)\n", _("Delimiter:"), r->delimiter == '\t' ? "\\t" : char_text (r->delimiter, d),
            r->delimiter_confidence * 100);
  if (r->decimal != 0)
    printf ("%-12s “%c” (%.0f %%)\n", _("Decimal:"), r->decimal, r->decimal_confidence * 100);
  printf ("%-12s %s (%.0f %%)\n", _("Dates:"), reg_sniff_result_get_date_order_id (r),
          r->date_order_confidence * 100);
  if (r->header_line > 0)
    printf ("%-12s %u (%.0f %%)\n", _("Header line:"), r->header_line, r->header_confidence * 100);
  printf ("%-12s %s (%.0f %%)\n", _("Looks like:"), r->preset != NULL ? r->preset : _("unknown"),
          r->preset_confidence * 100);
  for (guint i = 0; r->columns != NULL && i < r->columns->len; i++)
    {
      RegSniffColumn *c = r->columns->pdata[i];
      printf ("  %3u  %-30s %-12s %s\n", c->index + 1, c->name, c->field != NULL ? c->field : "",
              c->sample != NULL ? c->sample : "");
    }
  return REG_CLI_OK;
}

static void
add_nullable_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The members both kinds of import report alike: the batch the same file went into before,
 * the backup taken, and the rejected rows (element-type RegImportIssue). */
static void
add_batch_outcome (JsonBuilder *b, gint64 previous_batch, const char *backup, GPtrArray *errors)
{
  json_builder_set_member_name (b, "previous_batch");
  if (previous_batch > 0)
    json_builder_add_int_value (b, previous_batch);
  else
    json_builder_add_null_value (b);
  add_nullable_string (b, "backup", backup);
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < errors->len; i++)
    {
      RegImportIssue *e = errors->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, e->line);
      add_nullable_string (b, "field", e->field);
      add_nullable_string (b, "value", e->value);
      add_nullable_string (b, "reason", e->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b, const char *key, gboolean value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

/* What an import of either kind did, as JSON: the members both kinds have, in one order, with
 * each kind's own members where they have always stood (scripts read these keys). */
static void
print_outcome_json (const RegImportOutcome *o)
{
  const RegImportResult *r = o->sales;
  const RegFeedbackImportResult *f = o->survey;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "batch");
  if (o->batch > 0)
    json_builder_add_int_value (b, o->batch);
  else
    json_builder_add_null_value (b);
  add_nullable_string (b, "file", o->file_name);
  add_nullable_string (b, "format", o->format);
  if (r != NULL)
    {
      add_nullable_string (b, "preset", r->preset);
      add_nullable_string (b, "source", r->source);
    }
  else
    {
      add_nullable_string (b, "kind", reg_feedback_kind_to_string (f->kind));
      add_nullable_string (b, "mapping", f->mapping);
    }
  add_int (b, "rows_read", o->rows_read);
  add_int (b, "imported", o->imported);
  add_int (b, "duplicates", o->duplicates);
  add_int (b, "rejected", o->rejected);
  if (r != NULL)
    {
      add_int (b, "skipped", r->skipped);
      add_int (b, "new_customers", r->new_customers);
      add_int (b, "total_minor", r->total_imported);
    }
  else
    {
      add_int (b, "customers", f->customers);
      add_int (b, "unknown_emails", f->unknown_emails);
    }
  add_bool (b, "committed", o->committed);
  add_bool (b, "refused", o->refused);
  add_bool (b, "dry_run", o->dry_run);
  add_batch_outcome (b, o->previous_batch, o->backup_path, o->errors);
  if (r != NULL)
    {
      json_builder_set_member_name (b, "skips");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->skips->len; i++)
        {
          RegImportSkip *s = r->skips->pdata[i];

          json_builder_begin_object (b);
          add_int (b, "line", s->line);
          add_nullable_string (b, "reason", s->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "near_matches");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->near_matches->len; i++)
        {
          RegNearMatch *m = r->near_matches->pdata[i];

          json_builder_begin_object (b);
          add_int (b, "line", m->line);
          add_nullable_string (b, "payer", m->payer);
          add_int (b, "customer", m->customer_id);
          add_nullable_string (b, "customer_name", m->customer_name);
          add_int (b, "new_customer", m->new_customer_id);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  reg_cli_print_json (root);
}

/* What an import of either kind did, in words: the lines both kinds print alike around each
 * kind's own figures. */
static void
print_outcome_text (RegShop *shop, const RegImportOutcome *o)
{
  const RegImportResult *r = o->sales;
  const RegFeedbackImportResult *f = o->survey;

  if (o->dry_run)
    printf (_("Dry run: nothing was changed. Importing %s would give:\n"), o->file_name);
  else if (o->refused)
    printf (_("Nothing was imported from %s: %u rows were rejected and you asked for all or "
              "nothing.\n"), o->file_name, o->rejected);
  else if (!o->committed)
    printf (_("Nothing new to import from %s.\n"), o->file_name);
  else if (r != NULL)
    printf (_("Imported %s as import %" PRId64 " (%s%s%s).\n"), o->file_name, o->batch,
            o->format, r->preset != NULL ? ", " : "", r->preset != NULL ? r->preset : "");
  else
    /* Translators: "Imported survey.csv as import 3 (NPS survey)." */
    printf (_("Imported %s as import %" PRId64 " (%s survey).\n"), o->file_name, o->batch,
            f->kind == REG_FEEDBACK_KIND_CSAT ? "CSAT" : "NPS");
  if (r != NULL)
    {
      g_autofree char *total = reg_shop_format_amount (shop, r->total_imported);

      printf (_("  %u rows read, %u sales imported (%s), %u already in the shop, %u skipped, "
                "%u rejected, %u new customers\n"),
              o->rows_read, o->imported, total, o->duplicates, r->skipped, o->rejected,
              r->new_customers);
    }
  else
    printf (_("  %u rows read, %u answers imported from %u customers, %u already in the shop, "
              "%u rejected\n"),
            o->rows_read, o->imported, f->customers, o->duplicates, o->rejected);
  if (o->previous_batch > 0)
    printf (_("  This file was imported before (import %" PRId64 ").\n"), o->previous_batch);
  for (guint i = 0; i < o->errors->len; i++)
    fprintf (stderr, "%s\n", ((RegImportIssue *) o->errors->pdata[i])->reason);
  for (guint i = 0; r != NULL && i < r->near_matches->len; i++)
    {
      RegNearMatch *m = r->near_matches->pdata[i];
      printf (_("  Line %u: new customer “%s” (#%" PRId64 ") looks like “%s” (#%"
                PRId64 "); merge them with “regulars-cli customer merge %"
                PRId64 " %" PRId64 "” if they are the same person.\n"),
              m->line, m->payer, m->new_customer_id, m->customer_name, m->customer_id,
              m->customer_id, m->new_customer_id);
    }
  if (o->committed)
    printf (_("  Undo it with “regulars-cli import undo %" PRId64 "”.\n"), o->batch);
}

/* Carries out @order on @path for either command and reports what it did, in JSON or in
 * words; the exit code says whether rows were rejected. */
static int
run_order (RegShop *shop, const char *path, const RegImportOrder *order, gboolean json)
{
  g_autoptr(RegImportOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = reg_import_run_sync (shop, path, order, on_import_progress_cb, NULL, &error);
  reg_cli_progress_done ();
  if (outcome == NULL)
    {
      if (order->kind == REG_IMPORT_KIND_SURVEY
          && g_error_matches (error, REG_IO_ERROR, REG_IO_ERROR_AMBIGUOUS))
        {
          /* the reader's sentence says what is open; the command line says how to close it */
          GError *hint = g_error_new (error->domain, error->code,
                                      _("%s: give --kind nps or --kind csat"), error->message);
          g_clear_error (&error);
          error = hint;
        }
      return reg_cli_fail (error);
    }
  if (json)
    print_outcome_json (outcome);
  else
    print_outcome_text (shop, outcome);
  /* rows were rejected: the caller should look, even though the valid ones went in */
  return outcome->rejected > 0 ? REG_CLI_BAD_INPUT : REG_CLI_OK;
}

static int
import_file (RegCli *cli, int argc, char **argv)
{
  g_autofree char *preset = NULL;
  g_autofree char *map = NULL;
  g_autofree char *date_format = NULL;
  g_autofree char *decimal = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *unmatched = NULL;
  g_autofree char *save_mapping = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *format = NULL;
  gboolean dry_run = FALSE, all_or_nothing = FALSE, json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("shopify, woocommerce, square, stripe, paypal, etsy, online-retail, bank-csv, ofx, qif or camt053"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv, ofx, qif or camt053 (default: detected)"), N_("FORMAT") },
    { "map", 0, 0, G_OPTION_ARG_STRING, &map, N_("Columns for fields: customer, email, name, date, amount (or debit/credit), order, currency, status, note"), N_("FIELD=COLUMN,…") },
    { "mapping", 0, 0, G_OPTION_ARG_STRING, &saved, N_("Use a mapping saved earlier under this name"), N_("NAME") },
    { "save-mapping", 0, 0, G_OPTION_ARG_STRING, &save_mapping, N_("Save the mapping used under this name"), N_("NAME") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &date_format, N_("Date format such as %d.%m.%Y, or DMY, MDY, YMD"), N_("FMT") },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal, N_("Decimal mark: , or ."), N_(",|.") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding such as windows-1252 (default: detected)"), N_("NAME") },
    { "unmatched", 0, 0, G_OPTION_ARG_STRING, &unmatched, N_("Payers who match no customer: create (default) or skip"), N_("create|skip") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Read and check everything, change nothing"), NULL },
    { "all-or-nothing", 0, 0, G_OPTION_ARG_NONE, &all_or_nothing, N_("Import nothing when any row is rejected"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RegImportOrder order;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegImportMapping) columns = NULL;
  g_autoptr(GError) error = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries,
                      _("FILE | feedback FILE | sniff FILE | list | undo BATCH"),
                      _("Import sales from a store or bank export. Rows already in the shop are "
                        "skipped; every rejected row is reported with its line and reason; the "
                        "whole import can be undone."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("import needs one FILE"));
  if (decimal != NULL && !g_str_equal (decimal, ",") && !g_str_equal (decimal, "."))
    return reg_cli_usage (_("--decimal must be , or ."));
  if (unmatched != NULL && !g_str_equal (unmatched, "create") && !g_str_equal (unmatched, "skip"))
    return reg_cli_usage (_("--unmatched must be create or skip"));
  if (map != NULL && saved != NULL)
    return reg_cli_usage (_("--map and --mapping cannot be used together"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  /* the columns travel as a mapping: a saved one, or --map read here */
  if (saved != NULL && (columns = reg_import_get_mapping (shop, saved, &error)) == NULL)
    {
      if (g_error_matches (error, REG_SHOP_ERROR, REG_SHOP_ERROR_NOT_FOUND))
        {
          g_auto(GStrv) names = reg_import_list_mappings (shop);
          g_autofree char *known = g_strjoinv (", ", names);
          fprintf (stderr, "regulars-cli: --mapping “%s”: %s %s\n", reg_cli_quote (saved),
                   _("no mapping has that name; saved mappings:"), *known ? known : _("none"));
          return REG_CLI_BAD_INPUT;
        }
      return reg_cli_fail (error);
    }
  if (map != NULL && (columns = reg_import_mapping_from_string (map, &error)) == NULL)
    return reg_cli_fail (error);
  reg_import_order_init (&order, REG_IMPORT_KIND_SALES);
  order.preset = preset;
  order.format = format;
  order.columns = columns;
  order.date_format = date_format;
  order.decimal = decimal != NULL ? decimal[0] : 0;
  order.encoding = encoding;
  order.dry_run = dry_run;
  order.all_or_nothing = all_or_nothing;
  order.unmatched = g_strcmp0 (unmatched, "skip") == 0 ? REG_UNMATCHED_SKIP : REG_UNMATCHED_CREATE;
  order.save_mapping_as = save_mapping;
  return run_order (shop, argv[1], &order, json);
}

/* ---- import feedback ---- */

static int
import_feedback (RegCli *cli, int argc, char **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *map = NULL;
  g_autofree char *date_format = NULL;
  g_autofree char *encoding = NULL;
  gboolean dry_run = FALSE, all_or_nothing = FALSE, json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("nps (scores 0 to 10) or csat (scores 1 to 5); default: from the score column’s name, else from the scores"), N_("nps|csat") },
    { "map", 0, 0, G_OPTION_ARG_STRING, &map, N_("Columns for fields: email, score, date, comment (a header name, or #N for the N-th column)"), N_("FIELD=COLUMN,…") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &date_format, N_("Date format such as %d.%m.%Y, or DMY, MDY, YMD"), N_("FMT") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding such as windows-1252 (default: detected)"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Read and check everything, change nothing"), NULL },
    { "all-or-nothing", 0, 0, G_OPTION_ARG_NONE, &all_or_nothing, N_("Import nothing when any row is rejected"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RegImportOrder order;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegFeedbackMapping) answers = NULL;
  g_autoptr(GError) error = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("FILE"),
                      _("Import survey results (NPS or CSAT) from a CSV file with an e-mail "
                        "address, a score, a date and an optional comment per row. Each answer "
                        "goes to the customer with that e-mail address; rows of unknown "
                        "addresses are rejected. The kind of survey comes from the score "
                        "column’s name (NPS, CSAT) or from the scores: any 0 or any score above "
                        "5 means NPS. When every score is between 1 and 5 the file could be "
                        "either: then give --kind. Answers already in the shop are skipped; the "
                        "whole import can be undone."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("import feedback needs one FILE"));
  reg_import_order_init (&order, REG_IMPORT_KIND_SURVEY);
  if (kind != NULL && (!reg_feedback_kind_from_string (kind, &order.scale)
                       || order.scale == REG_FEEDBACK_KIND_AUTO))
    return reg_cli_usage (_("--kind must be nps or csat"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (map != NULL && (answers = reg_feedback_mapping_from_string (map, &error)) == NULL)
    return reg_cli_fail (error);
  order.answers = answers;
  order.date_format = date_format;
  order.encoding = encoding;
  order.dry_run = dry_run;
  order.all_or_nothing = all_or_nothing;
  return run_order (shop, argv[1], &order, json);
}

static int
import_list (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("List the imports, newest first."), &code))
    return code;
  if (argc != 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  batches = reg_shop_list_imports (shop, &error);
  if (batches == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_array (b);
      for (guint i = 0; i < batches->len; i++)
        {
          RegBatchRecord *r = batches->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "batch");
          json_builder_add_int_value (b, r->id);
          json_builder_set_member_name (b, "file");
          json_builder_add_string_value (b, r->file_name);
          json_builder_set_member_name (b, "format");
          json_builder_add_string_value (b, r->format);
          json_builder_set_member_name (b, "preset");
          if (r->preset != NULL)
            json_builder_add_string_value (b, r->preset);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "rows_read");
          json_builder_add_int_value (b, r->rows_read);
          json_builder_set_member_name (b, "imported");
          json_builder_add_int_value (b, r->imported);
          json_builder_set_member_name (b, "duplicates");
          json_builder_add_int_value (b, r->duplicates);
          json_builder_set_member_name (b, "rejected");
          json_builder_add_int_value (b, r->rejected);
          json_builder_set_member_name (b, "new_customers");
          json_builder_add_int_value (b, r->new_customers);
          json_builder_set_member_name (b, "created_at");
          {
            /* ISO 8601 with its zone: the shop records UTC */
            g_autofree char *stamp = reg_time_format_local (r->created_at, "%Y-%m-%dT%H:%M:%S%:z");
            json_builder_add_string_value (b, stamp);
          }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      reg_cli_print_json (root);
      return REG_CLI_OK;
    }
  printf ("%-6s  %-23s  %-32s  %-10s  %8s  %8s  %8s\n", _("Import"), _("When"), _("File"),
          _("Format"), _("Imported"), _("Dupl."), _("Rejected"));
  for (guint i = 0; i < batches->len; i++)
    {
      RegBatchRecord *r = batches->pdata[i];
      /* local time, with the zone's abbreviation: the shop records UTC */
      g_autofree char *when = reg_time_format_local (r->created_at, "%Y-%m-%d %H:%M:%S %Z");
      printf ("%-6" PRId64 "  %-23s  %-32s  %-10s  %8u  %8u  %8u\n", r->id, when,
              r->file_name, r->preset != NULL ? r->preset : r->format, r->imported, r->duplicates,
              r->rejected);
    }
  return REG_CLI_OK;
}

static int
import_undo (RegCli *cli, int argc, char **argv)
{
  int code = REG_CLI_OK;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch;
  RegUndoSummary undone;

  if (!reg_cli_parse (cli, &argc, &argv, NULL, _("BATCH"),
                      _("Undo a whole import: its sales or survey answers and the customers it "
                        "created go."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("import undo needs one import number"));
  if (!reg_cli_parse_id (argv[1], _("Import"), &batch, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_shop_undo_import (shop, batch, &undone, &error))
    return reg_cli_fail (error);
  if (undone.answers > 0)
    printf (_("Import %" PRId64 " undone: %u survey answers removed.\n"), batch, undone.answers);
  else
    printf (_("Import %" PRId64 " undone: %u sales and %u customers removed.\n"), batch,
            undone.sales, undone.customers);
  return REG_CLI_OK;
}

int
reg_cli_import (RegCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "sniff"))
    return g_set_prgname ("regulars-cli import sniff"), import_sniff (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return g_set_prgname ("regulars-cli import list"), import_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "undo"))
    return g_set_prgname ("regulars-cli import undo"), import_undo (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "feedback"))
    return g_set_prgname ("regulars-cli import feedback"), import_feedback (cli, argc - 1, argv + 1);
  g_set_prgname ("regulars-cli import");
  return import_file (cli, argc, argv);
}
