/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli init, customer add|list|show|edit|merge|archive|delete.
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>
#include <string.h>

#include "clv-date.h"
#include "reg-cli.h"
#include "reg-cli-json.h"
#include "reg-products.h"
#include "reg-segment.h"

int
reg_cli_init (RegCli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *locale = NULL;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The shop's name"), N_("NAME") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency code, such as EUR"), N_("CODE") },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, N_("How amounts and dates are written, such as de_DE"), N_("LOCALE") },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("Create a shop file."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("init takes no arguments; use --shop FILE"));
  existed = g_file_test (cli->shop_path, G_FILE_TEST_EXISTS);
  shop = reg_cli_open_shop (cli, TRUE);
  if (shop == NULL)
    return REG_CLI_BAD_INPUT;
  if ((currency != NULL && !reg_shop_set_setting (shop, REG_SETTING_CURRENCY, currency, &error))
      || (locale != NULL && !reg_shop_set_setting (shop, REG_SETTING_LOCALE, locale, &error))
      || (name != NULL && !reg_shop_set_setting (shop, REG_SETTING_SHOP_NAME, name, &error)))
    return reg_cli_fail (error);
  printf (existed ? _("The shop %s is ready.\n") : _("Created the shop %s.\n"), cli->shop_path);
  return REG_CLI_OK;
}

static gboolean
parse_consent (const char *text, gboolean *out)
{
  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_str_equal (text, "1")
      || g_ascii_strcasecmp (text, "true") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "no") == 0 || g_str_equal (text, "0")
           || g_ascii_strcasecmp (text, "false") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

typedef struct
{
  char *name, *email, *phone, *channel, *notes, *consent, *acquired, *cost;
} CustomerOptions;

/* GOption hands string values over to the caller */
static void
customer_options_clear (CustomerOptions *o)
{
  g_free (o->name);
  g_free (o->email);
  g_free (o->phone);
  g_free (o->channel);
  g_free (o->notes);
  g_free (o->consent);
  g_free (o->acquired);
  g_free (o->cost);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustomerOptions, customer_options_clear)

static int
apply_options (RegShop *shop, const CustomerOptions *o, RegCustomerRecord *rec)
{
  g_autoptr(GError) error = NULL;

#define SET_TEXT(field, opt) \
  if (o->opt != NULL) { g_free (rec->field); rec->field = g_strdup (o->opt); }
  SET_TEXT (name, name);
  SET_TEXT (email, email);
  SET_TEXT (phone, phone);
  SET_TEXT (channel, channel);
  SET_TEXT (notes, notes);
#undef SET_TEXT
  if (!parse_consent (o->consent, &rec->email_consent))
    {
      fprintf (stderr, "regulars-cli: --consent “%s”: %s\n", reg_cli_quote (o->consent),
               _("must be yes or no"));
      return REG_CLI_BAD_INPUT;
    }
  if (o->acquired != NULL && !reg_shop_parse_date (shop, o->acquired, &rec->acquired_day, &error))
    {
      fprintf (stderr, "regulars-cli: --acquired “%s”: %s\n", reg_cli_quote (o->acquired),
               error->message);
      return REG_CLI_BAD_INPUT;
    }
  if (o->cost != NULL && !reg_shop_parse_amount (shop, o->cost, &rec->acquisition_cost, &error))
    {
      fprintf (stderr, "regulars-cli: --acquisition-cost “%s”: %s\n", reg_cli_quote (o->cost),
               error->message);
      return REG_CLI_BAD_INPUT;
    }
  return REG_CLI_OK;
}

#define CUSTOMER_ENTRIES(o) \
  { "name", 0, 0, G_OPTION_ARG_STRING, &(o).name, N_("Name"), N_("NAME") }, \
  { "email", 0, 0, G_OPTION_ARG_STRING, &(o).email, N_("E-mail address"), N_("EMAIL") }, \
  { "phone", 0, 0, G_OPTION_ARG_STRING, &(o).phone, N_("Phone number"), N_("PHONE") }, \
  { "channel", 0, 0, G_OPTION_ARG_STRING, &(o).channel, N_("How the customer found the shop"), N_("CHANNEL") }, \
  { "notes", 0, 0, G_OPTION_ARG_STRING, &(o).notes, N_("Notes"), N_("TEXT") }, \
  { "consent", 0, 0, G_OPTION_ARG_STRING, &(o).consent, N_("Agreed to e-mail: yes or no"), N_("yes|no") }, \
  { "acquired", 0, 0, G_OPTION_ARG_STRING, &(o).acquired, N_("Date the customer was won"), N_("DATE") }, \
  { "acquisition-cost", 0, 0, G_OPTION_ARG_STRING, &(o).cost, N_("What winning them cost"), N_("AMOUNT") }

static int
customer_add (RegCli *cli, int argc, char **argv)
{
  g_auto(CustomerOptions) o = { 0 };
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    CUSTOMER_ENTRIES (o),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the new customer as JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("Add a customer."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if (o.name == NULL)
    return reg_cli_usage (_("customer add needs --name"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if ((code = apply_options (shop, &o, &rec)) != REG_CLI_OK)
    {
      reg_customer_record_clear (&rec);
      return code;
    }
  id = reg_shop_add_customer (shop, &rec, &error);
  reg_customer_record_clear (&rec);
  if (id == 0)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = reg_cli_json_customer (shop, id, FALSE, &error);
      if (node == NULL)
        return reg_cli_fail (error);
      reg_cli_print_json (node);
    }
  else
    printf ("%" PRId64 "\n", id);
  return REG_CLI_OK;
}

/* One line of `customer list`; @locale only for a segment's listing, which says why each
 * customer is slipping away, as every list does. */
typedef struct
{
  const ClvMoneyFormat *fmt;
  const char           *locale;   /* (nullable) */
} LineContext;

static gboolean
print_customer_line (const RegCustomerRow *row, gpointer user_data, GError **error)
{
  const LineContext *ctx = user_data;
  g_autofree char *spend = clv_money_format (row->total_spend, ctx->fmt);
  g_autofree char *last = reg_cli_format_day (row->last_purchase);
  g_autofree char *why = ctx->locale != NULL ? reg_at_risk_reason (row, ctx->locale) : NULL;

  printf ("%-8" PRId64 "  %-28s  %-32s  %9u  %14s  %-10s%s%s%s\n", row->id, row->name,
          row->email != NULL ? row->email : "", row->purchases, spend, last,
          row->archived ? _(" (archived)") : "", why != NULL ? "  " : "",
          why != NULL ? why : "");
  return TRUE;
}

static int
customer_list (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE, archived = FALSE;
  g_autofree char *segment_name = NULL;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived customers"), NULL },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment_name, N_("The customers to list (as for export campaign)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(RegSegment) segment = NULL;
  g_autofree char *locale = NULL;
  ClvMoneyFormat fmt;
  LineContext line = { &fmt, NULL };

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("List customers."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  reg_shop_get_money_format (shop, &fmt);   /* once, not once per customer */
  if (segment_name != NULL)
    {
      /* a segment's customers, best value first, as the window and the printed list show them */
      if (archived)
        return reg_cli_usage (_("--archived and --segment do not go together: a segment leaves "
                                "archived customers out"));
      segment = reg_segment_parse (shop, segment_name, &error);
      if (segment == NULL)
        return reg_cli_fail (error);
      rows = reg_shop_list_segment (shop, segment, &error);
      if (rows == NULL)
        return reg_cli_fail (error);
      if (json)
        {
          reg_cli_json_print_customer_rows (shop, rows, stdout);
          return REG_CLI_OK;
        }
    }
  else if (json)
    /* row by row as they are read, so a million customers print in flat memory */
    return reg_cli_json_stream_customers (shop, archived, stdout, &error)
           ? REG_CLI_OK : reg_cli_fail (error);
  locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
  if (segment != NULL)
    line.locale = locale;
  printf ("%-8s  %-28s  %-32s  %9s  %14s  %-10s%s%s\n", _("ID"), _("Name"), _("Email"),
          _("Purchases"), _("Total spend"), _("Last"), segment != NULL ? "  " : "",
          segment != NULL ? _("Slipping away because") : "");
  if (rows != NULL)
    for (guint i = 0; i < rows->len; i++)
      print_customer_line (rows->pdata[i], &line, NULL);
  else if (!reg_shop_foreach_customer_row (shop, archived, print_customer_line, &line, &error))
    return reg_cli_fail (error);
  return REG_CLI_OK;
}

/* "next_offer": the product to offer, why, and the product it goes with; null when none */
static void
add_next_offer (JsonObject *customer, const RegProductOffer *offer)
{
  JsonObject *o, *because;

  if (offer == NULL)
    {
      json_object_set_null_member (customer, "next_offer");
      return;
    }
  o = json_object_new ();
  json_object_set_string_member (o, "code", offer->code);
  json_object_set_string_member (o, "name", offer->name);
  json_object_set_string_member (o, "reason", offer->reason);
  json_object_set_double_member (o, "confidence", offer->confidence);
  json_object_set_int_member (o, "buyers", offer->buyers);
  because = json_object_new ();
  json_object_set_string_member (because, "code", offer->because_code);
  json_object_set_string_member (because, "name", offer->because_name);
  json_object_set_object_member (o, "because", because);
  json_object_set_object_member (customer, "next_offer", o);
}

static int
customer_show (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(RegProductOffer) offer = NULL;
  gint64 id;

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("ID"), _("Show one customer with their sales and scores."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("customer show needs one customer ID"));
  if (!reg_cli_parse_id (argv[1], _("Customer"), &id, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  node = reg_cli_json_customer (shop, id, TRUE, &error);
  if (node == NULL)
    return reg_cli_fail (error);
  offer = reg_shop_product_offer (shop, id, &error);
  if (error != NULL)
    return reg_cli_fail (error);
  add_next_offer (json_node_get_object (node), offer);
  if (json)
    reg_cli_print_json (node);
  else
    {
      reg_cli_print_customer_text (shop, node);
      if (offer != NULL)
        printf ("  %-18s %s (%s)\n", _("Offer next:"), offer->name, offer->reason);
    }
  return REG_CLI_OK;
}

static int
customer_edit (RegCli *cli, int argc, char **argv)
{
  g_auto(CustomerOptions) o = { 0 };
  gboolean archive = FALSE, unarchive = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    CUSTOMER_ENTRIES (o),
    { "archive", 0, 0, G_OPTION_ARG_NONE, &archive, N_("Archive the customer"), NULL },
    { "unarchive", 0, 0, G_OPTION_ARG_NONE, &unarchive, N_("Bring an archived customer back"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;
  gboolean ok;

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("ID"), _("Change a customer."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("customer edit needs one customer ID"));
  if (archive && unarchive)
    return reg_cli_usage (_("--archive and --unarchive cannot be used together"));
  if (!reg_cli_parse_id (argv[1], _("Customer"), &id, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_shop_get_customer (shop, id, &rec, &error))
    return reg_cli_fail (error);
  if ((code = apply_options (shop, &o, &rec)) != REG_CLI_OK)
    {
      reg_customer_record_clear (&rec);
      return code;
    }
  if (archive || unarchive)
    rec.archived = archive;
  ok = reg_shop_edit_customer (shop, &rec, &error);
  reg_customer_record_clear (&rec);
  if (!ok)
    return reg_cli_fail (error);
  printf (_("Customer %" PRId64 " saved.\n"), id);
  return REG_CLI_OK;
}

static int
customer_merge (RegCli *cli, int argc, char **argv)
{
  int code = REG_CLI_OK;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep, other;

  if (!reg_cli_parse (cli, &argc, &argv, NULL, _("KEEP-ID OTHER-ID"),
                      _("Merge OTHER into KEEP: every sale of OTHER moves to KEEP, and OTHER is "
                        "archived."), &code))
    return code;
  if (argc != 3)
    return reg_cli_usage (_("customer merge needs two customer IDs: the one to keep, then the other"));
  if (!reg_cli_parse_id (argv[1], _("Customer"), &keep, &code)
      || !reg_cli_parse_id (argv[2], _("Customer"), &other, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_shop_merge_customers (shop, keep, other, &error))
    return reg_cli_fail (error);
  printf (_("Customer %" PRId64 " merged into %" PRId64 ".\n"), other, keep);
  return REG_CLI_OK;
}

static int
customer_delete (RegCli *cli, int argc, char **argv)
{
  int code = REG_CLI_OK;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Really delete: the customer and all their sales are removed"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("ID"),
                      _("Delete a customer and everything about them (sales, survey answers, "
                        "campaign memberships, scores)."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("customer delete needs one customer ID"));
  if (!yes)
    return reg_cli_usage (_("customer delete removes all their sales too; add --yes to confirm"));
  if (!reg_cli_parse_id (argv[1], _("Customer"), &id, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!reg_shop_delete_customer (shop, id, &error))
    return reg_cli_fail (error);
  printf (_("Customer %" PRId64 " deleted.\n"), id);
  return REG_CLI_OK;
}

int
reg_cli_customer (RegCli *cli, int argc, char **argv)
{
  static const struct { const char *name; RegCliCommand run; } subs[] = {
    { "add", customer_add }, { "list", customer_list }, { "show", customer_show },
    { "edit", customer_edit }, { "merge", customer_merge }, { "delete", customer_delete },
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      FILE *out = argc < 2 ? stderr : stdout;
      fprintf (out, "%s\n\n", _("Usage: regulars-cli [--shop FILE] customer add|list|show|edit|merge|delete [OPTIONS…]"));
      fprintf (out, "%s\n", _("Run “regulars-cli customer SUBCOMMAND --help” for its options."));
      return argc < 2 ? REG_CLI_USAGE : REG_CLI_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      {
        g_autofree char *prog = g_strdup_printf ("regulars-cli customer %s", subs[i].name);
        g_set_prgname (prog);
        return subs[i].run (cli, argc - 1, argv + 1);
      }
  return reg_cli_usage (_("Unknown customer command “%s”"), reg_cli_quote (argv[1]));
}
