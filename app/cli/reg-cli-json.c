/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building the JSON of customers and sales for regulars-cli, and the plain-text view of one
 * customer drawn from the same JSON so both outputs always agree.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clv-date.h"
#include "reg-cli-json.h"
#include "reg-score-words.h"

static void
add_money_exp (JsonBuilder *b, const char *key, gint64 minor, guint exponent)
{
  g_autofree char *minor_key = g_strconcat (key, "_minor", NULL);
  g_autofree char *text = clv_money_format_number (minor, exponent);

  json_builder_set_member_name (b, minor_key);
  json_builder_add_int_value (b, minor);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, text);
}

void
reg_cli_json_add_money (JsonBuilder *b, RegShop *shop, const char *key, gint64 minor)
{
  ClvMoneyFormat fmt;

  reg_shop_get_money_format (shop, &fmt);
  add_money_exp (b, key, minor, fmt.currency->exponent);
}

void
reg_cli_json_add_day (JsonBuilder *b, const char *key, gint32 day)
{
  json_builder_set_member_name (b, key);
  if (day > 0)
    {
      g_autofree char *iso = clv_date_format_iso (day);
      json_builder_add_string_value (b, iso);
    }
  else
    json_builder_add_null_value (b);
}

static void
add_string_or_null (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* -1 means "not known" in the scores: JSON null, never a made-up number */
static void
add_double_or_null (JsonBuilder *b, const char *key, double value)
{
  json_builder_set_member_name (b, key);
  if (value >= 0 && isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_row_members (JsonBuilder *b, guint exponent, const RegCustomerRow *row)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, row->id);
  add_string_or_null (b, "name", row->name);
  add_string_or_null (b, "email", row->email);
  json_builder_set_member_name (b, "email_consent");
  json_builder_add_boolean_value (b, row->email_consent);
  json_builder_set_member_name (b, "archived");
  json_builder_add_boolean_value (b, row->archived);
  json_builder_set_member_name (b, "purchases");
  json_builder_add_int_value (b, row->purchases);
  add_money_exp (b, "total_spend", row->total_spend, exponent);
  reg_cli_json_add_day (b, "first_purchase", row->first_purchase);
  reg_cli_json_add_day (b, "last_purchase", row->last_purchase);
}

/* The 80 % ranges of the purchases and their value over the horizon, and the same in words;
 * null where the analysis gave none. */
static void
add_ranges (JsonBuilder *b, RegShop *shop, const RegScoreContext *ctx, const RegCustomerRow *row)
{
  g_autofree char *words = reg_score_range_words (shop, ctx, row->purchases_low,
                                                  row->purchases_high, row->clv_low,
                                                  row->clv_high);

  json_builder_set_member_name (b, "purchases_range");
  if (row->purchases_low >= 0 && row->purchases_high >= row->purchases_low)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, (gint64) row->purchases_low);
      json_builder_add_int_value (b, (gint64) row->purchases_high);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "clv_range_minor");
  if (row->clv_low >= 0 && row->clv_high >= row->clv_low)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, (gint64) llround (row->clv_low));
      json_builder_add_int_value (b, (gint64) llround (row->clv_high));
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  add_string_or_null (b, "range_words", words);
}

static void
add_scores (JsonBuilder *b, RegShop *shop, const RegScoreContext *ctx, const RegCustomerRow *row)
{
  g_autofree char *p_alive_note = NULL;
  g_autofree char *next_note = NULL;

  json_builder_set_member_name (b, "scores");
  if (!row->scored)
    {
      json_builder_add_null_value (b);
      return;
    }
  p_alive_note = reg_score_p_alive_note (ctx, row->purchases, row->p_alive, row->first_purchase);
  next_note = reg_score_next_purchase_note (ctx, row->purchases, row->next_purchase);
  json_builder_begin_object (b);
  add_double_or_null (b, "p_alive", row->p_alive);
  /* why p_alive is null for a one-time buyer the model cannot judge yet */
  add_string_or_null (b, "p_alive_note", p_alive_note);
  add_double_or_null (b, "expected_purchases", row->expected_purchases);
  json_builder_set_member_name (b, "clv_minor");
  if (row->clv >= 0)
    json_builder_add_int_value (b, (gint64) llround (row->clv));
  else
    json_builder_add_null_value (b);
  /* only a date within the prediction horizon; otherwise a note with the horizon's length */
  reg_cli_json_add_day (b, "next_purchase",
                        reg_score_next_purchase_shown (ctx, row->next_purchase)
                          ? row->next_purchase : 0);
  add_string_or_null (b, "next_purchase_note", next_note);
  add_ranges (b, shop, ctx, row);
  add_string_or_null (b, "tier", row->tier);
  add_string_or_null (b, "rfm_group", row->rfm_group);
  json_builder_set_member_name (b, "at_risk");
  json_builder_begin_array (b);
  if (row->at_risk & 1)
    json_builder_add_string_value (b, "low-p-alive");
  if (row->at_risk & 2)
    json_builder_add_string_value (b, "overdue");
  if (row->at_risk & 4)
    json_builder_add_string_value (b, "detractor");
  if (row->at_risk & 8)
    json_builder_add_string_value (b, "not-back");
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Writes @text with every line indented by two spaces: an element of a pretty-printed array. */
static void
write_indented (FILE *out, const char *text)
{
  for (const char *line = text; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);

      fputs ("  ", out);
      fwrite (line, 1, len, out);
      if (nl == NULL)
        break;
      fputc ('\n', out);
      line = nl + 1;
    }
}

gboolean
reg_cli_json_stream_customer_rows (RegShop *shop, RegStmt *stmt, FILE *out, GError **error)
{
  RegStore *store = reg_shop_get_store (shop);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  guint n = 0;
  ClvMoneyFormat fmt;
  RegScoreContext ctx;

  /* the settings once, not once per customer */
  reg_shop_get_money_format (shop, &fmt);
  reg_score_context_load (shop, &ctx);
  json_generator_set_pretty (gen, TRUE);
  for (;;)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(RegCustomerRow) row = reg_store_next_customer_row (store, stmt, &local);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      if (row == NULL)
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          break;
        }
      json_builder_reset (b);
      json_builder_begin_object (b);
      add_row_members (b, fmt.currency->exponent, row);
      add_scores (b, shop, &ctx, row);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      json_generator_set_root (gen, node);
      text = json_generator_to_data (gen, NULL);
      fputs (n++ == 0 ? "[\n" : ",\n", out);
      write_indented (out, text);
    }
  if (n == 0)
    {
      /* json-glib's own text for an empty array, as before */
      g_autoptr(JsonNode) empty = json_node_init_array (json_node_alloc (), json_array_new ());
      g_autofree char *text = NULL;

      json_generator_set_root (gen, empty);
      text = json_generator_to_data (gen, NULL);
      fprintf (out, "%s\n", text);
    }
  else
    fputs ("\n]\n", out);
  return TRUE;
}

static void
add_sale (JsonBuilder *b, RegShop *shop, const RegSaleRecord *s)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, s->id);
  json_builder_set_member_name (b, "customer_id");
  json_builder_add_int_value (b, s->customer_id);
  add_string_or_null (b, "customer", s->customer_name);
  reg_cli_json_add_day (b, "date", s->day);
  reg_cli_json_add_money (b, shop, "amount", s->amount);
  json_builder_set_member_name (b, "refund");
  json_builder_add_boolean_value (b, s->amount < 0);
  add_string_or_null (b, "note", s->note);
  add_string_or_null (b, "source", s->source);
  add_string_or_null (b, "external_id", s->external_id);
  json_builder_set_member_name (b, "batch");
  if (s->batch_id > 0)
    json_builder_add_int_value (b, s->batch_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

JsonNode *
reg_cli_json_sales (RegShop *shop, GPtrArray *sales)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < sales->len; i++)
    add_sale (b, shop, sales->pdata[i]);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* "feedback": the customer's survey answers, latest first: [{day, kind, score, comment}] */
static gboolean
add_feedback (JsonBuilder *b, RegShop *shop, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) answers = reg_shop_list_customer_feedback (shop, id, 0, error);

  if (answers == NULL)
    return FALSE;
  json_builder_set_member_name (b, "feedback");
  json_builder_begin_array (b);
  for (guint i = 0; i < answers->len; i++)
    {
      const RegFeedbackRecord *f = answers->pdata[i];

      json_builder_begin_object (b);
      reg_cli_json_add_day (b, "day", f->day);
      add_string_or_null (b, "kind", f->kind);
      json_builder_set_member_name (b, "score");
      json_builder_add_int_value (b, f->score);
      add_string_or_null (b, "comment", f->comment);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

JsonNode *
reg_cli_json_customer (RegShop *shop, gint64 id, gboolean with_sales, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(RegCustomerRow) row = NULL;
  RegCustomerRecord rec = { 0 };
  RegScoreContext ctx;
  ClvMoneyFormat fmt;

  reg_shop_get_money_format (shop, &fmt);
  if (!reg_shop_get_customer (shop, id, &rec, error))
    return NULL;
  row = reg_store_get_customer_row (reg_shop_get_store (shop), id, error);
  if (row == NULL)
    {
      reg_customer_record_clear (&rec);
      return NULL;
    }
  json_builder_begin_object (b);
  add_row_members (b, fmt.currency->exponent, row);
  add_string_or_null (b, "phone", rec.phone);
  add_string_or_null (b, "channel", rec.channel);
  add_string_or_null (b, "notes", rec.notes);
  reg_cli_json_add_day (b, "acquired_on", rec.acquired_day);
  reg_cli_json_add_money (b, shop, "acquisition_cost", rec.acquisition_cost);
  json_builder_set_member_name (b, "merged_into");
  if (rec.merged_into > 0)
    json_builder_add_int_value (b, rec.merged_into);
  else
    json_builder_add_null_value (b);
  reg_score_context_load (shop, &ctx);
  add_scores (b, shop, &ctx, row);
  if (with_sales)
    {
      g_autoptr(GPtrArray) sales = reg_store_list_sales (reg_shop_get_store (shop), id, 0, error);
      if (sales == NULL)
        {
          reg_customer_record_clear (&rec);
          return NULL;
        }
      json_builder_set_member_name (b, "sales");
      json_builder_add_value (b, reg_cli_json_sales (shop, sales));
      if (!add_feedback (b, shop, id, error))
        {
          reg_customer_record_clear (&rec);
          return NULL;
        }
    }
  json_builder_end_object (b);
  reg_customer_record_clear (&rec);
  return json_builder_get_root (b);
}

static const char *
member_text (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

void
reg_cli_print_customer_text (RegShop *shop, JsonNode *node)
{
  JsonObject *o = json_node_get_object (node);
  JsonNode *scores = json_object_get_member (o, "scores");
  JsonArray *sales = json_object_has_member (o, "sales") ? json_object_get_array_member (o, "sales") : NULL;
  JsonArray *feedback = json_object_has_member (o, "feedback") ? json_object_get_array_member (o, "feedback") : NULL;
  g_autofree char *spend = reg_shop_format_amount (shop, json_object_get_int_member (o, "total_spend_minor"));

  printf ("%s (#%" PRId64 ")%s\n", member_text (o, "name"),
          json_object_get_int_member (o, "id"),
          json_object_get_boolean_member (o, "archived") ? _(" — archived") : "");
  if (member_text (o, "email") != NULL)
    printf ("  %-18s %s%s\n", _("Email:"), member_text (o, "email"),
            json_object_get_boolean_member (o, "email_consent") ? _(" (agreed to e-mails)")
                                                               : _(" (no e-mail consent)"));
  if (member_text (o, "phone") != NULL)
    printf ("  %-18s %s\n", _("Phone:"), member_text (o, "phone"));
  printf ("  %-18s %" PRId64 "\n", _("Purchases:"), json_object_get_int_member (o, "purchases"));
  printf ("  %-18s %s\n", _("Total spend:"), spend);
  if (member_text (o, "last_purchase") != NULL)
    printf ("  %-18s %s\n", _("Last purchase:"), member_text (o, "last_purchase"));
  if (scores != NULL && JSON_NODE_HOLDS_OBJECT (scores))
    {
      JsonObject *s = json_node_get_object (scores);
      JsonNode *clv = json_object_get_member (s, "clv_minor");
      JsonNode *p = json_object_get_member (s, "p_alive");
      if (member_text (s, "tier") != NULL)
        printf ("  %-18s %s\n", _("Tier:"), member_text (s, "tier"));
      if (member_text (s, "rfm_group") != NULL)
        printf ("  %-18s %s\n", _("RFM group:"), member_text (s, "rfm_group"));
      if (p != NULL && !JSON_NODE_HOLDS_NULL (p))
        printf ("  %-18s %.0f %%\n", _("Still buying:"), json_node_get_double (p) * 100);
      else if (member_text (s, "p_alive_note") != NULL)
        printf ("  %-18s %s\n", _("Still buying:"), member_text (s, "p_alive_note"));
      if (clv != NULL && !JSON_NODE_HOLDS_NULL (clv))
        {
          g_autofree char *v = reg_shop_format_amount (shop, json_node_get_int (clv));
          printf ("  %-18s %s\n", _("Predicted value:"), v);
        }
      if (member_text (s, "range_words") != NULL)
        printf ("  %-18s %s\n", _("Likely ahead:"), member_text (s, "range_words"));
      if (member_text (s, "next_purchase") != NULL)
        printf ("  %-18s %s\n", _("Next purchase:"), member_text (s, "next_purchase"));
      else if (member_text (s, "next_purchase_note") != NULL)
        printf ("  %-18s %s\n", _("Next purchase:"), member_text (s, "next_purchase_note"));
    }
  if (sales != NULL && json_array_get_length (sales) > 0)
    {
      printf ("  %s\n", _("Sales:"));
      for (guint i = 0; i < json_array_get_length (sales); i++)
        {
          JsonObject *s = json_array_get_object_element (sales, i);
          g_autofree char *amount = reg_shop_format_amount (shop, json_object_get_int_member (s, "amount_minor"));
          printf ("    %-8" PRId64 " %s  %14s  %s\n", json_object_get_int_member (s, "id"),
                  member_text (s, "date"), amount,
                  member_text (s, "note") != NULL ? member_text (s, "note") : "");
        }
    }
  if (feedback != NULL && json_array_get_length (feedback) > 0)
    {
      printf ("  %s\n", _("Survey answers:"));
      for (guint i = 0; i < json_array_get_length (feedback); i++)
        {
          JsonObject *f = json_array_get_object_element (feedback, i);
          const char *kind = member_text (f, "kind");

          /* "2024-03-05  NPS  9  Great coffee" */
          printf ("    %s  %-4s %2" PRId64 "  %s\n", member_text (f, "day"),
                  g_strcmp0 (kind, "csat") == 0 ? "CSAT" : "NPS",
                  json_object_get_int_member (f, "score"),
                  member_text (f, "comment") != NULL ? member_text (f, "comment") : "");
        }
    }
}
