/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * regulars-cli products and products pairs: what the shop's customers buy, from the line items
 * of the imported orders (reg-products.h), as a table or as JSON.
 */
#include "config.h"

#include "reg-cli.h"
#include "reg-products.h"

#define DEFAULT_PAIR_LIMIT 100

static void
add_product_ref (JsonBuilder *b, const char *key, const RegProductRow *row)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, row->code);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, row->name);
  json_builder_end_object (b);
}

static void
add_double (JsonBuilder *b, const char *key, double value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* The segment of --segment, or NULL for every customer; FALSE with *code set when the shop
 * knows no such segment. */
static gboolean
parse_segment (RegShop *shop, const char *spec, RegSegment **out, int *code)
{
  g_autoptr(GError) error = NULL;

  *out = NULL;
  if (spec == NULL)
    return TRUE;
  if ((*out = reg_segment_parse (shop, spec, &error)) == NULL)
    {
      fprintf (stderr, "regulars-cli: --segment “%s”: %s\n", reg_cli_quote (spec), error->message);
      *code = REG_CLI_BAD_INPUT;
      return FALSE;
    }
  return TRUE;
}

static int
products_pairs (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *limit_text = NULL;
  g_autofree char *by_text = NULL;
  g_autofree char *segment_spec = NULL;
  double limit = DEFAULT_PAIR_LIMIT;
  RegPairBasis by = REG_PAIRS_BY_ORDER;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N pairs (1 to 100000, default 100)"), N_("N") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text, N_("What a pair counts: order (bought in the same order, the default) or customer (bought by the same customer, in one order or across orders; “orders” then counts customers)"), N_("BASIS") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment_spec, N_("Only the lines of this segment's customers (as for export campaign)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegProductFigures) figures = NULL;
  g_autoptr(RegSegment) segment = NULL;

  if (!reg_cli_parse (cli, &argc, &argv, entries, NULL,
                      _("List the pairs of products bought together in the same order (in two "
                        "orders at least), most orders first, with support, confidence both "
                        "ways and lift."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), argv[1]);
  if (!reg_cli_parse_number ("--limit", limit_text, 1, 100000, TRUE, &limit, &code))
    return code;
  if (by_text != NULL && g_str_equal (by_text, "customer"))
    by = REG_PAIRS_BY_CUSTOMER;
  else if (by_text != NULL && !g_str_equal (by_text, "order"))
    return reg_cli_usage (_("--by “%s”: use order or customer"), reg_cli_quote (by_text));
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!parse_segment (shop, segment_spec, &segment, &code))
    return code;
  if ((figures = reg_shop_product_figures_for (shop, segment, by, (guint) limit, &error)) == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) out = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < figures->pairs->len; i++)
        {
          const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);

          json_builder_begin_object (b);
          add_product_ref (b, "a", p->a);
          add_product_ref (b, "b", p->b);
          add_int (b, "orders", p->orders);
          add_double (b, "support", p->support);
          add_double (b, "confidence_ab", p->confidence_ab);
          add_double (b, "confidence_ba", p->confidence_ba);
          add_double (b, "lift", p->lift);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      out = json_builder_get_root (b);
      reg_cli_print_json (out);
      return REG_CLI_OK;
    }
  if (figures->pairs->len == 0)
    {
      printf ("%s\n", by == REG_PAIRS_BY_CUSTOMER
                        ? _("No two products were both bought by more than one customer.")
                        : _("No two products were bought together in more than one order."));
      return REG_CLI_OK;
    }
  for (guint i = 0; i < figures->pairs->len; i++)
    {
      const RegProductPairRow *p = &g_array_index (figures->pairs, RegProductPairRow, i);

      printf ("%s (%s) + %s (%s)\n", p->a->name, p->a->code, p->b->name, p->b->code);
      if (by == REG_PAIRS_BY_CUSTOMER)
        {
          /* TRANSLATORS: "  41 customers (1.2 % of all); 38 % of the first's buyers bought the
           * second, 45 % of the second's the first; lift 9.8" */
          printf (_("  %u customers (%.1f %% of all); %.0f %% of the first's buyers bought the "
                    "second, %.0f %% of the second's the first; lift %.1f\n"),
                  p->orders, 100 * p->support, 100 * p->confidence_ab, 100 * p->confidence_ba,
                  p->lift);
          continue;
        }
      /* TRANSLATORS: "  41 orders (1.2 % of all); 38 % of the first's orders hold the second,
       * 45 % of the second's the first; lift 9.8" */
      printf (_("  %u orders (%.1f %% of all); %.0f %% of the first's orders hold the second, "
                "%.0f %% of the second's the first; lift %.1f\n"),
              p->orders, 100 * p->support, 100 * p->confidence_ab, 100 * p->confidence_ba,
              p->lift);
    }
  return REG_CLI_OK;
}

int
reg_cli_products (RegCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *segment_spec = NULL;
  int code = REG_CLI_OK;
  const GOptionEntry entries[] = {
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment_spec, N_("Only the lines of this segment's customers: top, middle, bottom, at-risk, an RFM group, channel:NAME, bought:CODE… (as for export campaign)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegProductFigures) figures = NULL;
  g_autoptr(RegSegment) segment = NULL;

  if (argc > 1 && g_str_equal (argv[1], "pairs"))
    return products_pairs (cli, argc - 1, argv + 1);
  if (!reg_cli_parse (cli, &argc, &argv, entries, _("[pairs]"),
                      _("List the products the shop's customers bought, by revenue, with the "
                        "quantity, the number of customers and of orders; “products pairs” "
                        "lists the products bought together."), &code))
    return code;
  if (argc > 1)
    return reg_cli_usage (_("Unexpected argument “%s”"), argv[1]);
  if ((shop = reg_cli_open_shop (cli, FALSE)) == NULL)
    return REG_CLI_BAD_INPUT;
  if (!parse_segment (shop, segment_spec, &segment, &code))
    return code;
  if ((figures = reg_shop_product_figures_for (shop, segment, REG_PAIRS_BY_ORDER,
                                               REG_PRODUCT_NO_PAIRS, &error)) == NULL)
    return reg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) out = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < figures->products->len; i++)
        {
          const RegProductRow *row = figures->products->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "code");
          json_builder_add_string_value (b, row->code);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, row->name);
          add_int (b, "revenue_minor", row->revenue_minor);
          add_int (b, "quantity", row->quantity);
          add_int (b, "customers", row->customers);
          add_int (b, "orders", row->orders);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      out = json_builder_get_root (b);
      reg_cli_print_json (out);
      return REG_CLI_OK;
    }
  if (figures->products->len == 0)
    {
      printf ("%s\n", _("No line items yet: products come with imports of store exports that "
                        "list what was sold (Shopify, Square, Etsy order items, Online Retail)."));
      return REG_CLI_OK;
    }
  printf ("%-14s %-40s %14s %10s %10s %8s\n", _("Code"), _("Product"), _("Revenue"),
          _("Quantity"), _("Customers"), _("Orders"));
  for (guint i = 0; i < figures->products->len; i++)
    {
      const RegProductRow *row = figures->products->pdata[i];
      g_autofree char *revenue = reg_shop_format_amount (shop, row->revenue_minor);
      /* cut by characters, not bytes: a name with "£" must stay valid UTF-8 */
      g_autofree char *name = g_utf8_substring (row->name, 0, 40);
      glong pad = 40 - g_utf8_strlen (name, -1);

      printf ("%-14s %s%*s %14s %10" G_GINT64_FORMAT " %10u %8u\n", row->code, name, (int) pad,
              "", revenue, row->quantity, row->customers, row->orders);
    }
  return REG_CLI_OK;
}
