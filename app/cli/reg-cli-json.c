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
#include "reg-cli-json-out.h"
#include "reg-score-words.h"
#include "reg-segment.h"

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

static void
out_day (RegJsonOut *o, const char *key, gint32 day)
{
  char iso[11];

  reg_json_out_member (o, key);
  if (day > 0)
    {
      clv_date_format_iso_buf (day, iso);
      reg_json_out_string (o, iso);
    }
  else
    reg_json_out_null (o);
}

/* -1 means "not known" in the scores: JSON null, never a made-up number */
static void
out_double_or_null (RegJsonOut *o, const char *key, double value)
{
  reg_json_out_member (o, key);
  if (value >= 0 && isfinite (value))
    reg_json_out_double (o, value);
  else
    reg_json_out_null (o);
}

/* One shape for a customer row, whether it goes into a document or into a streamed listing. */
static void
add_row_members (RegJsonOut *o, guint exponent, const RegCustomerRow *row)
{
  g_autofree char *spend = clv_money_format_number (row->total_spend, exponent);

  reg_json_out_member (o, "id");
  reg_json_out_int (o, row->id);
  reg_json_out_member (o, "name");
  reg_json_out_string (o, row->name);
  reg_json_out_member (o, "email");
  reg_json_out_string (o, row->email);
  reg_json_out_member (o, "email_consent");
  reg_json_out_boolean (o, row->email_consent);
  reg_json_out_member (o, "archived");
  reg_json_out_boolean (o, row->archived);
  reg_json_out_member (o, "purchases");
  reg_json_out_int (o, row->purchases);
  reg_json_out_member (o, "total_spend_minor");
  reg_json_out_int (o, row->total_spend);
  reg_json_out_member (o, "total_spend");
  reg_json_out_string (o, spend);
  out_day (o, "first_purchase", row->first_purchase);
  out_day (o, "last_purchase", row->last_purchase);
}

static void
out_string (RegJsonOut *o, const char *key, const char *value)
{
  reg_json_out_member (o, key);
  reg_json_out_string (o, value);
}

/* What every customer's scores are read with: the latest analysis and the shop's locale. */
typedef struct
{
  RegScoreContext score;
  RegShop        *shop;     /* (unowned) writes the money in the ranges' words */
  char           *locale;   /* (owned) (nullable) writes the dates in the at-risk reasons */
} ScoresContext;

static void
scores_context_load (RegShop *shop, ScoresContext *ctx)
{
  reg_score_context_load (shop, &ctx->score);
  ctx->shop = shop;
  ctx->locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
}

/* The 80 % ranges of the purchases and their value over the horizon, and the same in words;
 * null where the analysis gave none. */
/* A customer's 80 % ranges: purchases, their value, and both in words. */
static void
add_ranges (RegJsonOut *o, const ScoresContext *sctx, const RegCustomerRow *row)
{
  g_autofree char *words = reg_score_range_words (sctx->shop, &sctx->score, row->purchases_low,
                                                  row->purchases_high, row->clv_low,
                                                  row->clv_high);

  reg_json_out_member (o, "purchases_range");
  if (row->purchases_low >= 0 && row->purchases_high >= row->purchases_low)
    {
      reg_json_out_begin_array (o);
      reg_json_out_int (o, (gint64) row->purchases_low);
      reg_json_out_int (o, (gint64) row->purchases_high);
      reg_json_out_end_array (o);
    }
  else
    reg_json_out_null (o);
  reg_json_out_member (o, "clv_range_minor");
  if (row->clv_low >= 0 && row->clv_high >= row->clv_low)
    {
      reg_json_out_begin_array (o);
      reg_json_out_int (o, (gint64) llround (row->clv_low));
      reg_json_out_int (o, (gint64) llround (row->clv_high));
      reg_json_out_end_array (o);
    }
  else
    reg_json_out_null (o);
  out_string (o, "range_words", words);
}

static void
scores_context_clear (ScoresContext *ctx)
{
  g_clear_pointer (&ctx->locale, g_free);
}

static void
add_scores (RegJsonOut *o, const ScoresContext *sctx, const RegCustomerRow *row)
{
  const RegScoreContext *ctx = &sctx->score;
  g_autofree char *p_alive_note = NULL;
  g_autofree char *next_note = NULL;
  g_autofree char *reason = NULL;

  reg_json_out_member (o, "scores");
  if (!row->scored)
    {
      reg_json_out_null (o);
      return;
    }
  p_alive_note = reg_score_p_alive_note (ctx, row->purchases, row->p_alive, row->first_purchase);
  next_note = reg_score_next_purchase_note (ctx, row->purchases, row->next_purchase);
  reg_json_out_begin_object (o);
  out_double_or_null (o, "p_alive", row->p_alive);
  /* why p_alive is null for a one-time buyer the model cannot judge yet */
  out_string (o, "p_alive_note", p_alive_note);
  out_double_or_null (o, "expected_purchases", row->expected_purchases);
  reg_json_out_member (o, "clv_minor");
  if (row->clv >= 0)
    reg_json_out_int (o, (gint64) llround (row->clv));
  else
    reg_json_out_null (o);
  /* only a date within the prediction horizon; otherwise a note with the horizon's length */
  out_day (o, "next_purchase",
           reg_score_next_purchase_shown (ctx, row->next_purchase) ? row->next_purchase : 0);
  out_string (o, "next_purchase_note", next_note);
  add_ranges (o, sctx, row);
  out_string (o, "tier", row->tier);
  out_string (o, "rfm_group", row->rfm_group);
  reg_json_out_member (o, "at_risk");
  reg_json_out_begin_array (o);
  if (row->at_risk & 1)
    reg_json_out_string (o, "low-p-alive");
  if (row->at_risk & 2)
    reg_json_out_string (o, "overdue");
  if (row->at_risk & 4)
    reg_json_out_string (o, "detractor");
  if (row->at_risk & 8)
    reg_json_out_string (o, "not-back");
  reg_json_out_end_array (o);
  /* the same words as the window and the printed list, with the figures behind them */
  reason = reg_at_risk_reason (row, sctx->locale);
  out_string (o, "at_risk_reason", reason);
  reg_json_out_end_object (o);
}

static void
add_customer_row (RegJsonOut *o, guint exponent, const ScoresContext *ctx,
                  const RegCustomerRow *row)
{
  reg_json_out_begin_object (o);
  add_row_members (o, exponent, row);
  add_scores (o, ctx, row);
  reg_json_out_end_object (o);
}

typedef struct
{
  RegJsonOut    *o;
  GString       *text;
  FILE          *out;
  guint          exponent;
  ScoresContext  ctx;
} StreamContext;

static gboolean
stream_customer_row (const RegCustomerRow *row, gpointer user_data, GError **error)
{
  StreamContext *s = user_data;

  add_customer_row (s->o, s->exponent, &s->ctx, row);
  if (s->text->len >= 60 * 1024)
    {
      fwrite (s->text->str, 1, s->text->len, s->out);
      g_string_truncate (s->text, 0);
    }
  return TRUE;
}

gboolean
reg_cli_json_stream_customers (RegShop *shop, gboolean include_archived, FILE *out,
                               GError **error)
{
  g_autoptr(GString) text = g_string_sized_new (64 * 1024);
  g_autoptr(RegJsonOut) o = reg_json_out_new_text (text);
  ClvMoneyFormat fmt;
  StreamContext s = { 0 };

  /* the settings once, not once per customer */
  reg_shop_get_money_format (shop, &fmt);
  s.o = o;
  s.text = text;
  s.out = out;
  s.exponent = fmt.currency->exponent;
  scores_context_load (shop, &s.ctx);
  reg_json_out_begin_array (o);
  if (!reg_shop_foreach_customer_row (shop, include_archived, stream_customer_row, &s, error))
    {
      scores_context_clear (&s.ctx);
      return FALSE;
    }
  reg_json_out_end_array (o);
  g_string_append_c (text, '\n');
  fwrite (text->str, 1, text->len, out);
  scores_context_clear (&s.ctx);
  return TRUE;
}

void
reg_cli_json_print_customer_rows (RegShop *shop, GPtrArray *rows, FILE *out)
{
  g_autoptr(GString) text = g_string_sized_new (64 * 1024);
  g_autoptr(RegJsonOut) o = reg_json_out_new_text (text);
  ClvMoneyFormat fmt;
  ScoresContext ctx;

  reg_shop_get_money_format (shop, &fmt);
  scores_context_load (shop, &ctx);
  reg_json_out_begin_array (o);
  for (guint i = 0; i < rows->len; i++)
    add_customer_row (o, fmt.currency->exponent, &ctx, rows->pdata[i]);
  reg_json_out_end_array (o);
  g_string_append_c (text, '\n');
  fwrite (text->str, 1, text->len, out);
  scores_context_clear (&ctx);
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
  g_autoptr(RegJsonOut) o = reg_json_out_new_builder (b);
  g_autoptr(RegCustomerRow) row = NULL;
  RegCustomerRecord rec = { 0 };
  ClvMoneyFormat fmt;
  ScoresContext ctx = { 0 };

  reg_shop_get_money_format (shop, &fmt);
  if (!reg_shop_get_customer (shop, id, &rec, error))
    return NULL;
  row = reg_shop_get_customer_row (shop, id, error);
  if (row == NULL)
    {
      reg_customer_record_clear (&rec);
      return NULL;
    }
  json_builder_begin_object (b);
  add_row_members (o, fmt.currency->exponent, row);
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
  scores_context_load (shop, &ctx);
  add_scores (o, &ctx, row);
  scores_context_clear (&ctx);
  if (with_sales)
    {
      g_autoptr(GPtrArray) sales = reg_shop_list_customer_sales (shop, id, 0, error);
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
      if (member_text (s, "at_risk_reason") != NULL)
        printf ("  %-18s %s\n", _("Slipping away:"), member_text (s, "at_risk_reason"));
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
