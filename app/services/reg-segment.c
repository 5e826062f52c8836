/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segments are matched in C over the customer rows the store lists, so a filter never turns
 * into SQL text: the store's queries stay fixed and bound.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "clv-at-risk.h"
#include "clv-channels.h"
#include "clv-date.h"
#include "clv-segments.h"
#include "clv-text.h"
#include "reg-segment-private.h"
#include "reg-shop-private.h"
#include "reg-store-products.h"

typedef enum { SEG_ALL, SEG_TIER, SEG_RFM, SEG_AT_RISK, SEG_FILTER, SEG_CHANNEL, SEG_BOUGHT,
               SEG_NOT_BOUGHT, SEG_CROSS_SELL } SegmentKind;
typedef enum { F_CLV, F_P_ALIVE, F_PURCHASES, F_TOTAL_SPEND, F_LAST_PURCHASE, F_TIER, F_RFM } FilterField;
typedef enum { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE } FilterOp;

typedef struct
{
  FilterField field;
  FilterOp    op;
  double      number;     /* minor units for money, days for dates, plain for the rest */
  char       *text;       /* tier or group id */
  char       *source;     /* as written, for the description */
} Condition;

struct _RegSegment
{
  char        *spec;
  SegmentKind  kind;
  char        *id;          /* tier or group id; the channel's key (clv_channel_key) */
  char        *channel;     /* the channel as written in the spec */
  GArray      *conditions;  /* Condition */
  RegShop     *shop;        /* (unowned) for amounts and dates in descriptions */
  GHashTable  *buyers;      /* (owned) (nullable) bought:/not-bought: the product's buyers */
  char        *product;     /* (owned) (nullable) and its name */
  char        *other_id;    /* (owned) (nullable) cross-sell: the product not bought, its code */
  GHashTable  *other_buyers;/* (owned) (nullable) and its buyers */
  char        *other;       /* (owned) (nullable) and its name */
};

static const struct { const char *name; FilterField field; } filter_fields[] = {
  { "clv", F_CLV }, { "p_alive", F_P_ALIVE }, { "purchases", F_PURCHASES },
  { "total_spend", F_TOTAL_SPEND }, { "spend", F_TOTAL_SPEND },
  { "last_purchase", F_LAST_PURCHASE }, { "tier", F_TIER }, { "rfm_group", F_RFM },
  { "group", F_RFM },
};

static void
condition_clear (gpointer data)
{
  Condition *c = data;
  g_free (c->text);
  g_free (c->source);
}

/**
 * reg_segment_free:
 * @segment: (transfer full) (nullable): a segment
 *
 * Frees it.
 */
void
reg_segment_free (RegSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->spec);
  g_free (segment->id);
  g_free (segment->channel);
  g_clear_pointer (&segment->conditions, g_array_unref);
  g_clear_pointer (&segment->buyers, g_hash_table_unref);
  g_free (segment->product);
  g_free (segment->other_id);
  g_clear_pointer (&segment->other_buyers, g_hash_table_unref);
  g_free (segment->other);
  g_free (segment);
}

/**
 * reg_segment_names:
 * Returns: (transfer full): the names `--segment` takes by themselves: "all", the tiers, the
 *   RFM groups ("rfm:at-risk" among them), "at-risk".
 */
GStrv
reg_segment_names (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_strv_builder_add (b, "all");
  for (int t = CLV_TIER_TOP; t <= CLV_TIER_BOTTOM; t++)
    g_strv_builder_add (b, clv_tier_id ((ClvTier) t));
  for (int g = CLV_RFM_NONE + 1; g < CLV_N_RFM_GROUPS; g++)
    {
      g_autofree char *name = g_strconcat ("rfm:", clv_rfm_group_id ((ClvRfmGroup) g), NULL);
      g_strv_builder_add (b, name);
    }
  g_strv_builder_add (b, "at-risk");
  return g_strv_builder_end (b);
}

static gboolean
parse_condition (RegShop *shop, const char *text, Condition *out, GError **error)
{
  static const struct { const char *sym; FilterOp op; } ops[] = {
    { "<=", OP_LE }, { ">=", OP_GE }, { "!=", OP_NE }, { "<", OP_LT }, { ">", OP_GT }, { "=", OP_EQ },
  };
  g_autofree char *s = g_strstrip (g_strdup (text));
  const char *at = NULL;
  gsize op_len = 0;
  g_autofree char *field = NULL, *value = NULL;
  gboolean found = FALSE;

  for (const char *p = s; *p != '\0' && at == NULL; p++)
    for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
      if (strncmp (p, ops[i].sym, strlen (ops[i].sym)) == 0)
        {
          at = p;
          op_len = strlen (ops[i].sym);
          out->op = ops[i].op;
          break;
        }
  if (at == NULL)
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Segment condition “%s”: write it as FIELD<VALUE, FIELD>=VALUE or FIELD=VALUE"),
                   text);
      return FALSE;
    }
  field = g_strstrip (g_strndup (s, (gsize) (at - s)));
  value = g_strstrip (g_strdup (at + op_len));
  for (gsize i = 0; i < G_N_ELEMENTS (filter_fields); i++)
    if (g_str_equal (field, filter_fields[i].name))
      {
        out->field = filter_fields[i].field;
        found = TRUE;
      }
  if (!found)
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Segment condition “%s”: “%s” is not a field; use clv, p_alive, purchases, "
                     "total_spend, last_purchase, tier or rfm_group"), text, field);
      return FALSE;
    }
  out->source = g_strdup (s);
  switch (out->field)
    {
    case F_CLV:
    case F_TOTAL_SPEND:
      {
        gint64 minor;
        g_autoptr(GError) local = NULL;
        if (!reg_shop_parse_amount (shop, value, &minor, &local))
          {
            g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                         _("Segment condition “%s”: %s"), text, local->message);
            return FALSE;
          }
        out->number = (double) minor;
        return TRUE;
      }
    case F_LAST_PURCHASE:
      {
        gint32 day;
        g_autoptr(GError) local = NULL;
        if (!reg_shop_parse_date (shop, value, &day, &local))
          {
            g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                         _("Segment condition “%s”: %s"), text, local->message);
            return FALSE;
          }
        out->number = day;
        return TRUE;
      }
    case F_P_ALIVE:
    case F_PURCHASES:
      {
        char *end = NULL;
        gboolean percent = g_str_has_suffix (value, "%");
        if (percent)
          value[strlen (value) - 1] = '\0';
        g_strdelimit (value, ",", '.');
        out->number = g_ascii_strtod (value, &end);
        if (*value == '\0' || end == value || *end != '\0' || !isfinite (out->number))
          {
            g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                         _("Segment condition “%s”: “%s” is not a number"), text, value);
            return FALSE;
          }
        if (percent)
          out->number /= 100;
        return TRUE;
      }
    case F_TIER:
    case F_RFM:
    default:
      if (out->op != OP_EQ && out->op != OP_NE)
        {
          g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                       _("Segment condition “%s”: tiers and groups can only be compared with = or !="),
                       text);
          return FALSE;
        }
      out->text = g_strdup (value);
      return TRUE;
    }
}

/* A condition is quoted whole in its message: shortened and escaped like every value */
static void
shorten_quoted (GError **error, const char *value)
{
  char *shorter;

  if (error == NULL || *error == NULL)
    return;
  shorter = clv_text_quote_in ((*error)->message, value);
  g_free ((*error)->message);
  (*error)->message = shorter;
}

/**
 * reg_segment_parse:
 * @spec: "all", "top", "middle", "bottom", an RFM group id ("champions", "at-risk" is the
 *   at-risk list), or conditions separated by commas ("clv>=100,p_alive<0.5")
 */
/* "bought:SKU" and "not-bought:SKU": the customers with (or without) a purchase of the
 * product, read once here; the code is the product's as `regulars-cli products` lists it. */
static RegSegment *
reg_segment_parse_product (RegSegment *seg_in, const char *s, GError **error)
{
  g_autoptr(RegSegment) seg = seg_in;
  gboolean bought = g_str_has_prefix (s, "bought:");
  const char *code = s + (bought ? strlen ("bought:") : strlen ("not-bought:"));

  /* "bought:X,not-bought:Y": the cross-sell list for a pair, those who have X but not yet Y;
   * split at the last ",not-bought:" so that a code holding a comma still reads whole */
  const char *not_part = bought ? g_strrstr (code, ",not-bought:") : NULL;

  seg->kind = bought ? SEG_BOUGHT : SEG_NOT_BOUGHT;
  if (not_part != NULL)
    {
      seg->kind = SEG_CROSS_SELL;
      seg->other_id = g_strdup (not_part + strlen (",not-bought:"));
      seg->other_buyers = reg_store_product_buyers (reg_shop_get_store (seg->shop),
                                                    seg->other_id, &seg->other, error);
      if (seg->other_buyers == NULL)
        return NULL;
      seg->id = g_strndup (code, not_part - code);
    }
  else
    seg->id = g_strdup (code);
  code = seg->id;
  seg->buyers = reg_store_product_buyers (reg_shop_get_store (seg->shop), code, &seg->product,
                                          error);
  if (seg->buyers == NULL)
    return NULL;
  return g_steal_pointer (&seg);
}

RegSegment *
reg_segment_parse (RegShop *shop, const char *spec, GError **error)
{
  g_autoptr(RegSegment) seg = g_new0 (RegSegment, 1);
  g_autofree char *s = g_strstrip (g_strdup (spec != NULL ? spec : ""));

  seg->spec = g_strdup (s);
  seg->shop = shop;
  seg->conditions = g_array_new (FALSE, TRUE, sizeof (Condition));
  g_array_set_clear_func (seg->conditions, condition_clear);
  /* "rfm:at-risk" is the RFM group; plain "at-risk" is the at-risk list */
  if (g_str_has_prefix (s, "rfm:") && clv_rfm_group_from_id (s + 4) != CLV_RFM_NONE)
    {
      seg->kind = SEG_RFM;
      seg->id = g_strdup (s + 4);
    }
  else if (g_str_has_prefix (s, "tier:"))
    {
      g_autofree char *rest = g_strdup (s + 5);
      g_free (s);
      s = g_steal_pointer (&rest);
    }
  else if (g_str_has_prefix (s, "channel:"))
    {
      /* customers from one acquisition channel, matched as the channel figures group them */
      seg->kind = SEG_CHANNEL;
      seg->id = clv_channel_key (s + 8);
      seg->channel = g_strstrip (g_strdup (s + 8));
      if (seg->id == NULL)
        {
          g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                       _("Segment “%s”: name the channel, such as channel:instagram"), s);
          shorten_quoted (error, s);
          return NULL;
        }
    }
  if (g_str_has_prefix (s, "bought:") || g_str_has_prefix (s, "not-bought:"))
    return reg_segment_parse_product (g_steal_pointer (&seg), s, error);
  if (seg->kind == SEG_RFM || seg->kind == SEG_CHANNEL)
    ;
  else if (g_str_equal (s, "all"))
    seg->kind = SEG_ALL;
  else if (g_str_equal (s, "at-risk"))
    seg->kind = SEG_AT_RISK;
  else if (g_str_equal (s, "top") || g_str_equal (s, "middle") || g_str_equal (s, "bottom"))
    {
      seg->kind = SEG_TIER;
      seg->id = g_strdup (s);
    }
  else if (clv_rfm_group_from_id (s) != CLV_RFM_NONE)
    {
      seg->kind = SEG_RFM;
      seg->id = g_strdup (s);
    }
  else if (strpbrk (s, "<>=") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (s, ",", -1);
      seg->kind = SEG_FILTER;
      for (guint i = 0; parts[i] != NULL; i++)
        {
          Condition c = { 0 };
          if (*g_strstrip (parts[i]) == '\0')
            continue;
          if (!parse_condition (shop, parts[i], &c, error))
            {
              condition_clear (&c);
              shorten_quoted (error, parts[i]);
              return NULL;
            }
          g_array_append_val (seg->conditions, c);
        }
    }
  else
    {
      g_auto(GStrv) names = reg_segment_names ();
      g_autofree char *known = g_strjoinv (", ", names);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Segment “%s”: not a segment; use one of %s, or conditions such as "
                     "clv>=100,p_alive<0.5"), s, known);
      shorten_quoted (error, s);
      return NULL;
    }
  return g_steal_pointer (&seg);
}

/**
 * reg_segment_get_spec:
 * @segment: a segment
 *
 * Returns: (transfer none): the segment as it was written ("top", "clv>=100,p_alive<0.5").
 */
const char *
reg_segment_get_spec (const RegSegment *segment)
{
  return segment->spec;
}

static gboolean
compare (double a, FilterOp op, double b)
{
  switch (op)
    {
    case OP_LT: return a < b;
    case OP_LE: return a <= b;
    case OP_GT: return a > b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    default: return FALSE;
    }
}

static gboolean
condition_matches (const Condition *c, const RegCustomerRow *row)
{
  switch (c->field)
    {
    case F_CLV:
      return row->clv >= 0 && compare (row->clv, c->op, c->number);
    case F_P_ALIVE:
      return row->p_alive >= 0 && compare (row->p_alive, c->op, c->number);
    case F_PURCHASES:
      return compare (row->purchases, c->op, c->number);
    case F_TOTAL_SPEND:
      return compare ((double) row->total_spend, c->op, c->number);
    case F_LAST_PURCHASE:
      return row->last_purchase > 0 && compare (row->last_purchase, c->op, c->number);
    case F_TIER:
      return (g_strcmp0 (row->tier, c->text) == 0) == (c->op == OP_EQ);
    case F_RFM:
      return (g_strcmp0 (row->rfm_group, c->text) == 0) == (c->op == OP_EQ);
    default:
      return FALSE;
    }
}

/**
 * reg_segment_matches:
 * @segment: a segment
 * @row: a customer with their scores
 *
 * Returns: whether the customer is in the segment.
 */
gboolean
reg_segment_matches (const RegSegment *segment, const RegCustomerRow *row)
{
  if (row->archived || row->merged_into > 0)
    return FALSE;
  switch (segment->kind)
    {
    case SEG_ALL:
      return row->purchases > 0;
    case SEG_TIER:
      return g_strcmp0 (row->tier, segment->id) == 0;
    case SEG_RFM:
      return g_strcmp0 (row->rfm_group, segment->id) == 0;
    case SEG_AT_RISK:
      return row->at_risk != 0;
    case SEG_CHANNEL:
      {
        g_autofree char *key = clv_channel_key (row->channel);
        return g_strcmp0 (key, segment->id) == 0;
      }
    case SEG_BOUGHT:
      return g_hash_table_contains (segment->buyers, &row->id);
    case SEG_NOT_BOUGHT:
      return row->purchases > 0 && !g_hash_table_contains (segment->buyers, &row->id);
    case SEG_CROSS_SELL:
      return g_hash_table_contains (segment->buyers, &row->id)
             && !g_hash_table_contains (segment->other_buyers, &row->id);
    case SEG_FILTER:
      for (guint i = 0; i < segment->conditions->len; i++)
        if (!condition_matches (&g_array_index (segment->conditions, Condition, i), row))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* "Customers where clv>100 and purchases>=3": the filter as the owner wrote it. */
static char *
filter_in_words (const RegSegment *segment)
{
  GString *out = g_string_new (_("Customers where "));

  for (guint i = 0; i < segment->conditions->len; i++)
    g_string_append_printf (out, "%s%s", i ? _(" and ") : "",
                            g_array_index (segment->conditions, Condition, i).source);
  return g_string_free (out, FALSE);
}

/**
 * reg_segment_title:
 * @segment: a segment
 *
 * Returns: (transfer full): its name for a heading ("Top-tier customers"), translated.
 */
char *
reg_segment_title (const RegSegment *segment)
{
  switch (segment->kind)
    {
    case SEG_ALL:
      return g_strdup (_("All customers"));
    case SEG_TIER:
      /* a printed list's heading must say who is on it: "Top" alone reads as a word cut off */
      if (g_str_equal (segment->id, "top"))
        return g_strdup (_("Top-tier customers"));
      if (g_str_equal (segment->id, "middle"))
        return g_strdup (_("Middle-tier customers"));
      return g_strdup (_("Bottom-tier customers"));
    case SEG_RFM:
      return g_strdup (clv_rfm_group_name (clv_rfm_group_from_id (segment->id)));
    case SEG_AT_RISK:
      return g_strdup (_("Customers slipping away"));
    case SEG_CHANNEL:
      /* TRANSLATORS: a printed list's title; %s is a channel such as Instagram */
      return g_strdup_printf (_("Customers from %s"), segment->channel);
    case SEG_BOUGHT:
      return g_strdup_printf (_("Customers who bought %s"), segment->product);
    case SEG_NOT_BOUGHT:
      return g_strdup_printf (_("Customers who have not bought %s"), segment->product);
    case SEG_CROSS_SELL:
      /* TRANSLATORS: a printed list's title; two product names */
      return g_strdup_printf (_("Customers who bought %s but not %s"), segment->product,
                              segment->other);
    case SEG_FILTER:
    default:
      return filter_in_words (segment);
    }
}

/* The rule in words, for the printed list and the campaign record. */
/**
 * reg_segment_describe:
 * @segment: a segment
 *
 * Returns: (transfer full): its rule in words, with the shop's thresholds ("The 20 % of
 *   customers with the highest predicted value."), translated.
 */
char *
reg_segment_describe (const RegSegment *segment)
{
  double top = reg_shop_get_setting_double (segment->shop, REG_SETTING_TIER_TOP) * 100;
  double bottom = reg_shop_get_setting_double (segment->shop, REG_SETTING_TIER_BOTTOM) * 100;

  switch (segment->kind)
    {
    case SEG_ALL:
      return g_strdup (_("Every customer who has bought, archived customers left out."));
    case SEG_TIER:
      if (g_str_equal (segment->id, "top"))
        return g_strdup_printf (_("The top %.0f %% of customers by predicted value."), top);
      if (g_str_equal (segment->id, "bottom"))
        return g_strdup_printf (_("The bottom %.0f %% of customers by predicted value."), bottom);
      return g_strdup_printf (_("Customers between the top %.0f %% and the bottom %.0f %% by "
                                "predicted value."), top, bottom);
    case SEG_RFM:
      return g_strdup_printf (_("Customers in the RFM group “%s”: grouped by how recently, how "
                                "often and how much they bought."),
                              clv_rfm_group_name (clv_rfm_group_from_id (segment->id)));
    case SEG_AT_RISK:
      {
        /* the rules as the analysis applies them, with the shop's own thresholds; each
         * customer's line then says which rule put them on the list, with its figures */
        double p_alive = reg_shop_get_setting_double (segment->shop, REG_SETTING_AT_RISK_P_ALIVE);
        double factor = reg_shop_get_setting_double (segment->shop, REG_SETTING_OVERDUE_FACTOR);

        return g_strdup_printf (_("Customers on this list meet at least one rule, named beside "
                                  "each of them: they have not bought for more than %g times "
                                  "their own usual gap between purchases, their chance of still "
                                  "buying fell below %.0f %%, they bought once and stayed away "
                                  "longer than most returning customers took (where the model "
                                  "cannot tell yet), or their last NPS answer was 6 or less."),
                                factor, p_alive * 100);
      }
    case SEG_CHANNEL:
      return g_strdup_printf (_("Customers who came through the channel “%s”, archived "
                                "customers left out."), segment->channel);
    case SEG_BOUGHT:
      return g_strdup_printf (_("Customers who bought %s (code %s) at least once."),
                              segment->product, segment->id);
    case SEG_NOT_BOUGHT:
      return g_strdup_printf (_("Customers who have bought, but never %s (code %s)."),
                              segment->product, segment->id);
    case SEG_CROSS_SELL:
      return g_strdup_printf (_("Customers who bought %s (code %s) at least once but never %s "
                                "(code %s): the ones to offer it to."),
                              segment->product, segment->id, segment->other, segment->other_id);
    case SEG_FILTER:
    default:
      {
        g_autofree char *words = filter_in_words (segment);
        return g_strconcat (words, ".", NULL);
      }
    }
}

/**
 * reg_at_risk_reason:
 * @row: a customer with their scores and the figures the at-risk rules measured
 * @locale_id: the shop's locale ("de_DE"), for the way dates are written
 *
 * Returns: (transfer full) (nullable): why the customer is slipping away, in words and figures
 *   ("usually buys every 3 weeks, last bought 9 weeks ago"); %NULL when they are not.
 */
char *
reg_at_risk_reason (const RegCustomerRow *row, const char *locale_id)
{
  ClvAtRiskFacts facts;
  ClvMoneyFormat fmt;

  /* the shop's way of writing dates, as reg_shop_format_date() has it */
  clv_money_format_init (&fmt, locale_id, NULL);
  clv_at_risk_facts_init (&facts);
  facts.flags = row->at_risk;
  facts.p_alive = row->p_alive;
  facts.days_since = row->risk_days_since;
  facts.gap_days = row->risk_gap_days;
  facts.nps_score = row->nps_score;
  facts.nps_day = row->nps_day;
  return clv_at_risk_reason (&facts, locale_id != NULL ? fmt.locale : NULL);
}

static int
by_value_desc (gconstpointer a, gconstpointer b)
{
  const RegCustomerRow *x = *(RegCustomerRow *const *) a, *y = *(RegCustomerRow *const *) b;
  double vx = x->clv >= 0 ? x->clv : (double) x->total_spend;
  double vy = y->clv >= 0 ? y->clv : (double) y->total_spend;

  if (vx != vy)
    return vx > vy ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/**
 * reg_segment_list:
 * @segment: a segment
 * @store: the connection to read on (the shop's own, or a job's in its worker thread)
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegCustomerRow): the segment's customers, archived ones
 *   left out, most valuable first (predicted value, then what they spent); %NULL on error.
 */
GPtrArray *
reg_segment_list (const RegSegment *segment, RegStore *store, GError **error)
{
  g_autoptr(GPtrArray) all = reg_store_list_customer_rows (store, FALSE, error);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_customer_row_free);
  for (guint i = 0; i < all->len; i++)
    if (reg_segment_matches (segment, all->pdata[i]))
      g_ptr_array_add (out, g_steal_pointer (&all->pdata[i]));
  g_ptr_array_sort (out, by_value_desc);
  return out;
}
