/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli sale add|list|delete, settings get|set, demo.
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>

#include "clv-date.h"
#include "reg-cli.h"
#include "reg-cli-json.h"
#include "reg-demo.h"

/* "CODE[:QUANTITY[:AMOUNT]]" of --product into @line (the code points into @parts); a
 * missing amount is left at REG_AMOUNT_UNSET for the caller to fill in. FALSE with a message
 * naming the option and the value. */
static gboolean
parse_product_option (RegShop *shop, const char *text, GStrv parts, RegSaleLineInput *line)
{
  g_autoptr(GError) error = NULL;
  const char *problem = NULL;
  g_autofree char *owned_problem = NULL;
  gint64 quantity = 1;

  line->code = g_strstrip (parts[0]);
  line->amount = REG_AMOUNT_UNSET;
  if (*line->code == '\0')
    problem = _("name the product's code, as in CODE:QUANTITY:AMOUNT");
  else if (parts[1] != NULL
           && (!g_ascii_string_to_signed (g_strstrip (parts[1]), 10, -1000000, 1000000, &quantity,
                                          NULL) || quantity == 0))
    problem = owned_problem = g_strdup_printf (_("the quantity “%s” is not a whole number "
                                                 "from 1 to 1000000 (negative for a return)"),
                                               reg_cli_quote (parts[1]));
  else if (parts[1] != NULL && parts[2] != NULL
           && !reg_shop_parse_amount (shop, parts[2], &line->amount, &error))
    problem = owned_problem = g_strdup_printf (_("the amount “%s”: %s"), reg_cli_quote (parts[2]),
                                               error->message);
  line->quantity = quantity;
  if (problem == NULL)
    return TRUE;
  fprintf (stderr, "regulars-cli: --product “%s”: %s\n", reg_cli_quote (text), problem);
  return FALSE;
}

/* The lines of --product options; lines without an amount share what the others leave of
 * the sale's amount (reg_sale_lines_share_amount). NULL after a message. */
static GArray *
parse_product_options (RegShop *shop, char **options, gint64 sale_amount, GPtrArray *keep)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (RegSaleLineInput));

  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    {
      GStrv parts = g_strsplit (options[i], ":", 3);
      RegSaleLineInput line = { 0 };

      g_ptr_array_add (keep, parts);
      if (!parse_product_option (shop, options[i], parts, &line))
        return NULL;
      g_array_append_val (lines, line);
    }
  reg_sale_lines_share_amount ((RegSaleLineInput *) lines->data, lines->len, sale_amount);
  return g_steal_pointer (&lines);
}

static int
sale_add (RegCli *cli, int argc, char **argv)
{
  g_autofree char *customer = NULL;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) products = NULL;
  gboolean refund = FALSE, create = FALSE, json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("Customer id, e-mail or exact name"), N_("WHO") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the sale (default: today)"), N_("DATE") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Amount, as written in the shop's locale; negative for a refund"), N_("AMOUNT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &products, N_("A product sold, by its code, with the quantity (default 1) and the line's amount (default: the sale's amount, shared among the lines without one); repeat for several; a new code becomes a product named by it"), N_("CODE[:QUANTITY[:AMOUNT]]") },
    { "refund", 0, 0, G_OPTION_ARG_NONE, &refund, N_("Record the amount as a refund"), NULL },
    { "create", 0, 0, G_OPTION_ARG_NONE, &create, N_("Create the customer when no customer has that name"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the sale as JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer_id, minor, id;
  gint32 day;
  g_autoptr(GPtrArray) product_parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) lines = NULL;
  RegCustomerRecord new_customer = { 0 };
  RegSaleInput sale = { 0 };

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("Record a sale or a refund."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if (customer == NULL || amount == NULL)
    return reg_cli_usage (_("sale add needs --customer and --amount"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;

  if (!reg_shop_parse_amount (shop, amount, &minor, &error))
    {
      fprintf (stderr, "regulars-cli: %s “%s”: %s\n", _("Amount"), reg_cli_quote (amount),
               error->message);
      return REG_CLI_BAD_INPUT;
    }
  if (refund)
    minor = minor > 0 ? -minor : minor;
  /* every line read before anything is written: a bad one leaves the shop as it was */
  if (products != NULL
      && (lines = parse_product_options (shop, products, minor, product_parts)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (date == NULL)
    day = clv_date_today ();
  else if (!reg_shop_parse_date (shop, date, &day, &error))
    {
      fprintf (stderr, "regulars-cli: %s “%s”: %s\n", _("Date"), reg_cli_quote (date),
               error->message);
      return REG_CLI_BAD_INPUT;
    }
  customer_id = reg_shop_find_customer (shop, customer, &error);
  if (customer_id < 0)
    return reg_cli_fail (error);
  if (customer_id == 0 && !create)
    {
      fprintf (stderr, "regulars-cli: %s “%s”: %s\n", _("Customer"), reg_cli_quote (customer),
               _("there is no such customer (add --create to create one with that name)"));
      return REG_CLI_BAD_INPUT;
    }
  /* a new customer is written with the sale or not at all: a refused sale leaves no customer */
  new_customer.name = customer;
  sale.customer_id = customer_id;
  sale.new_customer = customer_id == 0 ? &new_customer : NULL;
  sale.day = day;
  sale.amount = minor;
  sale.note = note;
  sale.lines = lines != NULL ? (const RegSaleLineInput *) lines->data : NULL;
  sale.n_lines = lines != NULL ? lines->len : 0;
  id = reg_shop_enter_sale (shop, &sale, NULL, &error);
  if (id == 0)
    return reg_cli_fail (error);
  if (json)
    {
      RegSaleRecord rec = { 0 };
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_sale_record_free);
      g_autoptr(JsonNode) node = NULL;
      if (!reg_shop_get_sale (shop, id, &rec, &error))
        return reg_cli_fail (error);
      g_ptr_array_add (one, reg_sale_record_copy (&rec));
      reg_sale_record_clear (&rec);
      node = reg_cli_json_sales (shop, one);
      reg_cli_print_json (json_array_get_element (json_node_get_array (node), 0));
    }
  else
    printf ("%" PRId64 "\n", id);
  return REG_CLI_OK;
}

static int
sale_list (RegCli *cli, int argc, char **argv)
{
  g_autofree char *customer = NULL;
  g_autofree char *limit_text = NULL;
  double limit = 0;
  int code = REG_CLI_OK;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("Only this customer's sales (id, e-mail or name)"), N_("WHO") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("At most this many, newest first"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sales = NULL;
  gint64 customer_id = 0;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL, _("List sales, newest first."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if (!reg_cli_parse_number ("--limit", limit_text, 0, G_MAXINT, TRUE, &limit, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (customer != NULL)
    {
      customer_id = reg_shop_find_customer (shop, customer, &error);
      if (customer_id < 0)
        return reg_cli_fail (error);
      if (customer_id == 0)
        {
          fprintf (stderr, "regulars-cli: %s “%s”: %s\n", _("Customer"), reg_cli_quote (customer),
                   _("there is no such customer"));
          return REG_CLI_BAD_INPUT;
        }
    }
  sales = reg_shop_list_customer_sales (shop, customer_id, (guint) limit, &error);
  if (sales == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = reg_cli_json_sales (shop, sales);
      reg_cli_print_json (node);
      return REG_CLI_OK;
    }
  printf ("%-8s  %-10s  %-28s  %14s  %s\n", _("ID"), _("Date"), _("Customer"), _("Amount"), _("Note"));
  for (guint i = 0; i < sales->len; i++)
    {
      RegSaleRecord *s = sales->pdata[i];
      g_autofree char *amount = reg_shop_format_amount (shop, s->amount);
      g_autofree char *day = reg_cli_format_day (s->day);
      printf ("%-8" PRId64 "  %-10s  %-28s  %14s  %s\n", s->id, day,
              s->customer_name != NULL ? s->customer_name : "", amount,
              s->note != NULL ? s->note : "");
    }
  return REG_CLI_OK;
}

static int
sale_delete (RegCli *cli, int argc, char **argv)
{
  int code = REG_CLI_OK;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSaleRecord) deleted = NULL;
  gint64 id;

  if (!reg_cli_parse (cli, &argc, &argv, NULL, _("ID"), _("Delete a sale."), &code))
    return code;
  if (argc != 2)
    return reg_cli_usage (_("sale delete needs one sale ID"));
  if (!reg_cli_parse_id (argv[1], _("Sale"), &id, &code))
    return code;
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  deleted = reg_shop_delete_sale (shop, id, &error);
  if (deleted == NULL)
    return reg_cli_fail (error);
  printf (_("Sale %" PRId64 " deleted.\n"), id);
  return REG_CLI_OK;
}

int
reg_cli_sale (RegCli *cli, int argc, char **argv)
{
  static const struct { const char *name; RegCliCommand run; } subs[] = {
    { "add", sale_add }, { "list", sale_list }, { "delete", sale_delete },
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      FILE *out = argc < 2 ? stderr : stdout;
      fprintf (out, "%s\n\n", _("Usage: regulars-cli [--shop FILE] sale add|list|delete [OPTIONS…]"));
      fprintf (out, "%s\n", _("Run “regulars-cli sale SUBCOMMAND --help” for its options."));
      return argc < 2 ? REG_CLI_USAGE : REG_CLI_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      {
        g_autofree char *prog = g_strdup_printf ("regulars-cli sale %s", subs[i].name);
        g_set_prgname (prog);
        return subs[i].run (cli, argc - 1, argv + 1);
      }
  return reg_cli_usage (_("Unknown sale command “%s”"), reg_cli_quote (argv[1]));
}

int
reg_cli_settings (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *keys = reg_shop_setting_keys ();

  if (!reg_cli_parse (cli, &argc, &argv, entries, _("get [KEY] | set KEY VALUE"),
                      _("Read or change the shop's settings."), &code))
    return code;
  if (argc < 2)
    {
      static char get[] = "get";
      static char *fake[] = { NULL, get, NULL };
      fake[0] = argv[0];
      argv = fake;
      argc = 2;
    }
  if (!g_str_equal (argv[1], "get") && !g_str_equal (argv[1], "set"))
    return reg_cli_usage (_("settings needs “get [KEY]” or “set KEY VALUE”"));
  if (g_str_equal (argv[1], "set") && argc != 4)
    return reg_cli_usage (_("settings set needs a KEY and a VALUE"));
  if (g_str_equal (argv[1], "get") && argc > 3)
    return reg_cli_usage (_("settings get takes at most one KEY"));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;

  if (g_str_equal (argv[1], "set"))
    {
      g_autofree char *value = NULL;
      if (!reg_shop_set_setting (shop, argv[2], argv[3], &error))
        return reg_cli_fail (error);
      value = reg_shop_get_setting (shop, argv[2]);
      printf ("%s = %s\n", argv[2], value);
      return REG_CLI_OK;
    }
  if (argc == 3)
    {
      g_autofree char *value = NULL;
      if (reg_shop_setting_description (argv[2]) == NULL)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) keys);
          fprintf (stderr, "regulars-cli: %s “%s”: %s %s\n", _("Setting"), reg_cli_quote (argv[2]),
                   _("does not exist; the settings are:"), known);
          return REG_CLI_BAD_INPUT;
        }
      value = reg_shop_get_setting (shop, argv[2]);
      if (json)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
          JsonObject *o = json_object_new ();
          json_object_set_string_member (o, argv[2], value);
          json_node_take_object (node, o);
          reg_cli_print_json (node);
        }
      else
        printf ("%s\n", value);
      return REG_CLI_OK;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *o = json_object_new ();
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = reg_shop_get_setting (shop, keys[i]);
          json_object_set_string_member (o, keys[i], value);
        }
      json_node_take_object (node, o);
      reg_cli_print_json (node);
      return REG_CLI_OK;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = reg_shop_get_setting (shop, keys[i]);
      printf ("%-18s %-12s  %s\n", keys[i], value, reg_shop_setting_description (keys[i]));
    }
  return REG_CLI_OK;
}

static gboolean
on_demo_progress_cb (guint done, guint total, gpointer data)
{
  reg_cli_progress (_("Writing the demo shop"), (double) done / total);
  return !reg_cli_interrupted ();
}

int
reg_cli_demo (RegCli *cli, int argc, char **argv)
{
  g_autofree char *customers_text = NULL;
  g_autofree char *seed_text = NULL;
  double customers = 500, seed = 1;
  int code = REG_CLI_OK;
  g_autofree char *end = NULL;
  const GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers_text, N_("How many customers (default 500)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Random seed: the same seed gives the same shop (default 1)"), N_("S") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day of sales, YYYY-MM-DD (default 2026-10-31)"), N_("DATE") },
    { NULL }
  };
  RegDemoOptions opts;
  g_autoptr(GError) error = NULL;
  guint64 n_sales = 0;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("Write a demo shop: made-up customers who buy, come back, drift away and "
                        "now and then return something. Needs a new shop file."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), reg_cli_quote (argv[1]));
  if (!reg_cli_parse_number ("--customers", customers_text, 1, 10000000, TRUE, &customers, &code)
      || !reg_cli_parse_number ("--seed", seed_text, 0, G_MAXUINT32, TRUE, &seed, &code))
    return code;
  reg_demo_options_init (&opts);
  opts.customers = (guint) customers;
  opts.seed = (guint32) seed;
  if (end != NULL && !clv_date_parse_iso (end, &opts.end_day))
    {
      fprintf (stderr, "regulars-cli: --end “%s”: %s\n", reg_cli_quote (end), _("is not a date (YYYY-MM-DD)"));
      return REG_CLI_BAD_INPUT;
    }
  reg_cli_signals_polled (TRUE);
  if (!reg_demo_write (cli->shop_path, &opts, on_demo_progress_cb, NULL, &n_sales, &error))
    {
      reg_cli_progress_done ();
      return reg_cli_fail (error);
    }
  reg_cli_progress_done ();
  printf (_("Wrote %u customers and %" PRIu64 " sales to %s.\n"), opts.customers,
          n_sales, cli->shop_path);
  return REG_CLI_OK;
}
