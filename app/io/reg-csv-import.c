/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV backend of RegImportReader: skips the preamble, reads the header, resolves each field to
 * a column (explicit mapping, else the preset's header names, else the sniffer's guesses for a file
 * without a header) and turns records into rows by the rules of the preset: line items grouped
 * into orders, refunds, skipped non-sales. Holds one order at a time; runs on the reader's thread.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "reg-csv-reader.h"
#include "reg-import-preset.h"
#include "reg-import-private.h"
#include "reg-io-error.h"
#include "reg-sniffer.h"

/* Line items are summed with this many extra decimals (prices like 0.085), rounded per order. */
#define FINE_DIGITS 3
#define FINE_SCALE 1000

typedef struct
{
  gboolean      active;
  char         *key;        /* (owned) order key */
  guint         line;       /* first line of the order */
  RegImportRow *row;        /* (owned) order-level fields from its first line */
  gint64        sum_fine;   /* line totals, FINE_DIGITS more decimals than the currency */
  gint64        gift_fine;  /* gift-card lines inside sum_fine */
  gint64        total;      /* order total (Shopify) */
  gint64        refunded;
  gboolean      broken;     /* a line was rejected: the order is not imported */
  gboolean      refund;     /* Square refund event, Online Retail C invoice */
  char         *status;     /* (owned) (nullable) */
  char         *type;       /* (owned) (nullable) */
} Group;

typedef struct
{
  RegCsvReader           *csv;          /* (owned) */
  RegImportCtx           *ctx;          /* (unowned) */
  const RegPresetVariant *variant;
  RegVariantKind          kind;
  guint                   header_line;  /* 0: no header row */
  guint                   n_cols;
  char                  **names;        /* (owned) display names, unique */
  int                     col[REG_N_ROLES];
  gboolean                find_iban;    /* bank file without an IBAN column: look in the text */
  gboolean                group_generic;
  Group                   group;
  gboolean                eof;
} CsvImport;

/* ---- small helpers ---------------------------------------------------------------------- */

static const char *
field (const RegCsvRecord *rec, CsvImport *ci, int role)
{
  int c = ci->col[role];

  if (c < 0 || (guint) c >= rec->n_fields)
    return NULL;
  return rec->fields[c];
}

static const char *
text_field (const RegCsvRecord *rec, CsvImport *ci, int role)
{
  const char *s = field (rec, ci, role);
  return reg_text_is_blank (s) ? NULL : s;
}

static const char *
col_name (CsvImport *ci, int role)
{
  int c = ci->col[role];
  return c >= 0 && (guint) c < ci->n_cols ? ci->names[c] : "?";
}

static gboolean
record_is_blank (const RegCsvRecord *rec)
{
  for (guint i = 0; i < rec->n_fields; i++)
    if (!reg_text_is_blank (rec->fields[i]))
      return FALSE;
  return TRUE;
}

static gboolean
record_has_total_label (const RegCsvRecord *rec)
{
  for (guint i = 0; i < rec->n_fields; i++)
    if (!reg_text_is_blank (rec->fields[i]) && reg_text_is_total_label (rec->fields[i]))
      return TRUE;
  return FALSE;
}

static char *
lower (const char *s)
{
  if (s == NULL)
    return NULL;
  return g_strstrip (g_utf8_casefold (s, -1));
}

static gboolean
is_one_of (const char *value, const char *const *words)
{
  for (gsize i = 0; words[i] != NULL; i++)
    if (g_str_equal (value, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
starts_with_any (const char *value, const char *const *words)
{
  for (gsize i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (value, words[i]))
      return TRUE;
  return FALSE;
}

static gint64
round_fine (gint64 fine)
{
  /* half away from zero */
  return fine >= 0 ? (fine + FINE_SCALE / 2) / FINE_SCALE
                   : -((-fine + FINE_SCALE / 2) / FINE_SCALE);
}

/* quantity x price at FINE_DIGITS extra decimals; rejects and returns FALSE on bad values */
static gboolean
line_total_fine (CsvImport *ci, const RegCsvRecord *rec, gint64 *out)
{
  RegImportCtx *ctx = ci->ctx;
  const char *qty_s = field (rec, ci, REG_ROLE_QTY);
  const char *price_s = field (rec, ci, REG_ROLE_PRICE);
  gint64 qty_milli, price_fine, product;
  char saved = ctx->decimal;

  /* quantities are written "6", "1.0", "-1": a dot is always their decimal point */
  ctx->decimal = '.';
  if (!reg_import_ctx_parse_amount_exp (ctx, rec->line, col_name (ci, REG_ROLE_QTY), qty_s, 3,
                                        &qty_milli))
    {
      ctx->decimal = saved;
      return FALSE;
    }
  ctx->decimal = saved;
  if (!reg_import_ctx_parse_amount_exp (ctx, rec->line, col_name (ci, REG_ROLE_PRICE), price_s,
                                        ctx->exponent + FINE_DIGITS, &price_fine))
    return FALSE;
  if (__builtin_mul_overflow (qty_milli, price_fine, &product))
    {
      reg_import_ctx_reject (ctx, rec->line, col_name (ci, REG_ROLE_QTY), qty_s,
                             _("quantity × price is too large an amount"));
      return FALSE;
    }
  *out = product / 1000;
  return TRUE;
}

/* A customer id written as a float by a spreadsheet or a data tool ("17850.0") is the id
 * "17850": the same customer as in a file that writes it plainly. */
static void
set_customer_ref (char **slot, const char *text)
{
  char *ref, *dot;

  reg_row_set_text (slot, text);
  if ((ref = *slot) == NULL || (dot = strchr (ref, '.')) == NULL || dot == ref)
    return;
  for (const char *p = ref; p < dot; p++)
    if (!g_ascii_isdigit (*p))
      return;
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (*p != '0')
      return;
  *dot = '\0';
}

/* Sets the common text fields of a row from a record. */
static void
fill_common (CsvImport *ci, const RegCsvRecord *rec, RegImportRow *row)
{
  set_customer_ref (&row->customer_ref, text_field (rec, ci, REG_FIELD_CUSTOMER));
  reg_row_set_email (&row->email, text_field (rec, ci, REG_FIELD_EMAIL));
  reg_row_set_text (&row->name, text_field (rec, ci, REG_FIELD_NAME));
  reg_row_set_iban (&row->iban, text_field (rec, ci, REG_FIELD_IBAN));
  reg_row_set_text (&row->reference, text_field (rec, ci, REG_FIELD_REFERENCE));
  reg_row_set_currency (&row->currency, text_field (rec, ci, REG_FIELD_CURRENCY));
  reg_row_set_text (&row->status, text_field (rec, ci, REG_FIELD_STATUS));
  reg_row_set_text (&row->note, text_field (rec, ci, REG_FIELD_NOTE));
  reg_row_set_text (&row->channel, text_field (rec, ci, REG_FIELD_CHANNEL));
  reg_row_set_text (&row->external_id, text_field (rec, ci, REG_FIELD_ORDER));
}

static RegImportRow *
copy_row (const RegImportRow *src, RegRowKind kind)
{
  RegImportRow *row = reg_import_row_new ();

  row->line = src->line;
  row->kind = kind;
  row->day = src->day;
  row->amount = src->amount;
  row->external_id = g_strdup (src->external_id);
  row->customer_ref = g_strdup (src->customer_ref);
  row->email = g_strdup (src->email);
  row->name = g_strdup (src->name);
  row->iban = g_strdup (src->iban);
  row->reference = g_strdup (src->reference);
  row->currency = g_strdup (src->currency);
  row->status = g_strdup (src->status);
  row->note = g_strdup (src->note);
  row->channel = g_strdup (src->channel);
  return row;
}

/* A refund that goes with a sale: own id "<id>/refund", negative amount. */
static void
emit_refund_of (CsvImport *ci, const RegImportRow *sale, gint64 refunded, gint32 day,
                const char *note)
{
  RegImportRow *refund = copy_row (sale, REG_ROW_REFUND);

  refund->amount = -ABS (refunded);
  refund->day = day;
  if (sale->external_id != NULL)
    {
      g_free (refund->external_id);
      refund->external_id = g_strconcat (sale->external_id, "/refund", NULL);
    }
  if (note != NULL)
    reg_row_set_text (&refund->note, note);
  reg_import_ctx_emit_row (ci->ctx, refund);
}

/* Whether an order of 0.00 is a purchase: in a list of orders it is a visit without spend (a
 * free sample, a 100 % discount), which counts for frequency and recency; in a statement of
 * money moved (a bank, PayPal, a Stripe balance) a line of 0 is no sale. */
static gboolean
zero_is_purchase (const CsvImport *ci)
{
  return ci->kind != REG_VARIANT_BANK && ci->kind != REG_VARIANT_PAYPAL
         && ci->kind != REG_VARIANT_STRIPE_BALANCE;
}

/* Sale for a positive amount (or 0 in a list of orders), refund for a negative one, else
 * skipped. */
static void
emit_signed (CsvImport *ci, RegImportRow *row)
{
  if (row->amount > 0 || (row->amount == 0 && zero_is_purchase (ci)))
    {
      row->kind = REG_ROW_SALE;
      reg_import_ctx_emit_row (ci->ctx, row);
    }
  else if (row->amount < 0)
    {
      row->kind = REG_ROW_REFUND;
      if (row->external_id != NULL)
        {
          char *id = g_strconcat (row->external_id, "/refund", NULL);
          g_free (row->external_id);
          row->external_id = id;
        }
      reg_import_ctx_emit_row (ci->ctx, row);
    }
  else
    reg_import_ctx_emit_skipped (ci->ctx, row, _("zero amount"));
}

/* ---- groups (line items of one order) --------------------------------------------------- */

/* A line item's quantity in whole units, read without rejecting anything (the order's amount
 * does not depend on it): 1 when the file has none or it does not read as a number. */
static gint64
line_quantity (CsvImport *ci, const RegCsvRecord *rec)
{
  const char *text = text_field (rec, ci, REG_ROLE_QTY);
  gint64 milli;

  if (text == NULL || !reg_parse_plain_amount (text, '.', 3, &milli))
    return 1;
  return milli >= 0 ? (milli + 500) / 1000 : -((-milli + 500) / 1000);
}

/* Keeps the record's line item (stock code, name, quantity, @fine at FINE_DIGITS extra
 * decimals) with the order; a record that names no item adds none. */
static void
keep_line (CsvImport *ci, const RegCsvRecord *rec, RegImportRow *order, gint64 fine)
{
  const char *code = text_field (rec, ci, REG_ROLE_SKU);
  const char *name = text_field (rec, ci, REG_ROLE_ITEM);

  if (order == NULL || (code == NULL && name == NULL))
    return;
  reg_import_row_add_line (order, code, name, line_quantity (ci, rec), round_fine (fine));
}

/* Quantity × price of a line whose amount the order total already holds (Shopify): read
 * quietly, FALSE when either does not read as a plain number. */
static gboolean
quiet_line_fine (CsvImport *ci, const RegCsvRecord *rec, gint64 *out)
{
  const char *qty = text_field (rec, ci, REG_ROLE_QTY);
  const char *price = text_field (rec, ci, REG_ROLE_PRICE);
  gint64 milli, price_fine;

  if (qty == NULL || price == NULL || !reg_parse_plain_amount (qty, '.', 3, &milli)
      || !reg_parse_plain_amount (price, ci->ctx->decimal, ci->ctx->exponent + FINE_DIGITS,
                                  &price_fine)
      || __builtin_mul_overflow (milli, price_fine, out))
    return FALSE;
  *out /= 1000;
  return TRUE;
}

static void
group_clear (Group *g)
{
  g_clear_pointer (&g->key, g_free);
  g_clear_pointer (&g->row, reg_import_row_free);
  g_clear_pointer (&g->status, g_free);
  g_clear_pointer (&g->type, g_free);
  memset (g, 0, sizeof *g);
}

static gboolean
group_continues (Group *g, const char *key)
{
  return g->active && g_strcmp0 (g->key, key) == 0;
}

static void
group_start (Group *g, const char *key, guint line)
{
  group_clear (g);
  g->active = TRUE;
  g->key = g_strdup (key);
  g->line = line;
  g->row = reg_import_row_new ();
  g->row->line = line;
}

static const char *const gift_card_names[] = {
  "gift card", "e-gift card", "egift card", "digital gift card", "carte-cadeau", "carte cadeau",
  "geschenkgutschein", "geschenkkarte", "gutschein", "cadeaukaart", "tarjeta regalo", NULL,
};

static gboolean
is_gift_card_item (const char *item)
{
  g_autofree char *l = lower (item);
  return l != NULL && starts_with_any (l, gift_card_names);
}

/* ---- Shopify ---------------------------------------------------------------------------- */

static void
shopify_flush (CsvImport *ci)
{
  Group *g = &ci->group;
  RegImportRow *row;
  g_autofree char *status = NULL;
  gint64 revenue;

  if (!g->active || g->broken)
    {
      group_clear (g);
      return;
    }
  row = g_steal_pointer (&g->row);
  status = lower (g->status);
  revenue = g->total - round_fine (g->gift_fine);
  row->amount = revenue;

  if (status == NULL || is_one_of (status, (const char *const[]) { "pending", NULL }))
    reg_import_ctx_emit_skipped (ci->ctx, row, _("payment pending"));
  else if (is_one_of (status, (const char *const[]) { "authorized", "authorised", NULL }))
    reg_import_ctx_emit_skipped (ci->ctx, row, _("payment authorized but not captured"));
  else if (is_one_of (status, (const char *const[]) { "voided", NULL }))
    reg_import_ctx_emit_skipped (ci->ctx, row, _("voided"));
  else if (revenue < 0 || (revenue == 0 && g->gift_fine > 0))
    reg_import_ctx_emit_skipped (ci->ctx, row,
                                 g->gift_fine > 0 ? _("gift cards only: not revenue until spent")
                                                  : _("zero amount"));
  else
    {
      gboolean refunded = is_one_of (status, (const char *const[]) { "refunded",
                                                                     "partially_refunded", NULL });
      gint64 refund = refunded ? MIN (g->refunded, revenue) : 0;

      row->kind = REG_ROW_SALE;
      if (refund > 0)
        {
          RegImportRow *sale = row;
          reg_import_ctx_emit_row (ci->ctx, sale);
          emit_refund_of (ci, sale, refund, sale->day,
                          _("Shopify gives no refund date: dated on the order date"));
        }
      else
        reg_import_ctx_emit_row (ci->ctx, row);
    }
  group_clear (g);
}

static const char *const shopify_statuses[] = {
  "pending", "authorized", "authorised", "partially_paid", "paid", "partially_refunded",
  "refunded", "voided", NULL,
};

static void
shopify_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  const char *key = field (rec, ci, REG_FIELD_ORDER);
  Group *g = &ci->group;
  const char *item;

  if (reg_text_is_blank (key))
    {
      reg_import_ctx_reject (ctx, rec->line, col_name (ci, REG_FIELD_ORDER), "",
                             _("the order name is empty"));
      return;
    }
  if (!group_continues (g, key))
    {
      const char *status = text_field (rec, ci, REG_FIELD_STATUS);
      const char *refunded = text_field (rec, ci, REG_ROLE_REFUNDED);
      g_autofree char *st = lower (status);

      shopify_flush (ci);
      group_start (g, key, rec->line);
      fill_common (ci, rec, g->row);
      g->status = g_strdup (status);
      if (st != NULL && !is_one_of (st, shopify_statuses))
        {
          g_autofree char *detail =
            g_strdup_printf (_("“%s” is not a Shopify financial status"), status);
          reg_import_ctx_reject (ctx, rec->line, col_name (ci, REG_FIELD_STATUS), status, detail);
          g->broken = TRUE;
        }
      if (!g->broken
          && (!reg_import_ctx_parse_date (ctx, rec->line, col_name (ci, REG_FIELD_DATE),
                                          field (rec, ci, REG_FIELD_DATE), &g->row->day)
              || !reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_AMOUNT),
                                               field (rec, ci, REG_FIELD_AMOUNT), &g->total)
              || (refunded != NULL
                  && !reg_import_ctx_parse_amount (ctx, rec->line,
                                                   col_name (ci, REG_ROLE_REFUNDED), refunded,
                                                   &g->refunded))))
        g->broken = TRUE;
    }
  if (g->broken)
    return;

  item = field (rec, ci, REG_ROLE_ITEM);
  if (is_gift_card_item (item) && ci->col[REG_ROLE_PRICE] >= 0)
    {
      gint64 fine;
      const char *discount = text_field (rec, ci, REG_ROLE_LINE_DISCOUNT);
      gint64 disc = 0;

      if (ci->col[REG_ROLE_QTY] < 0 || !line_total_fine (ci, rec, &fine)
          || (discount != NULL
              && !reg_import_ctx_parse_amount (ctx, rec->line,
                                               col_name (ci, REG_ROLE_LINE_DISCOUNT), discount,
                                               &disc)))
        {
          if (ci->col[REG_ROLE_QTY] >= 0)
            g->broken = TRUE;
          return;
        }
      g->gift_fine += fine - disc * FINE_SCALE;
    }
  else
    {
      gint64 fine;

      if (quiet_line_fine (ci, rec, &fine))
        keep_line (ci, rec, g->row, fine);
    }
}

/* ---- Square ----------------------------------------------------------------------------- */

static void
square_flush (CsvImport *ci)
{
  Group *g = &ci->group;
  RegImportRow *row;
  g_autofree char *type = NULL;
  gint64 amount;

  if (!g->active || g->broken)
    {
      group_clear (g);
      return;
    }
  row = g_steal_pointer (&g->row);
  type = lower (g->type);
  amount = round_fine (g->sum_fine - g->gift_fine);
  if (type != NULL && g_str_equal (type, "refund"))
    {
      row->kind = REG_ROW_REFUND;
      row->amount = -ABS (amount);
      /* a refund's items come back, whatever sign the file gives them: never a purchase */
      for (guint i = 0; row->lines != NULL && i < row->lines->len; i++)
        {
          RegImportLine *line = &g_array_index (row->lines, RegImportLine, i);
          line->quantity = -ABS (line->quantity);
          line->amount = -ABS (line->amount);
        }
      if (row->external_id != NULL)
        {
          char *id = g_strconcat (row->external_id, "/refund", NULL);
          g_free (row->external_id);
          row->external_id = id;
        }
      if (row->amount == 0)
        reg_import_ctx_emit_skipped (ci->ctx, row, _("zero amount"));
      else
        reg_import_ctx_emit_row (ci->ctx, row);
    }
  else if (type != NULL && !g_str_equal (type, "payment") && !g_str_equal (type, "sale"))
    {
      g_autofree char *reason = g_strdup_printf (_("not a sale (event type “%s”)"), g->type);
      row->amount = amount;
      reg_import_ctx_emit_skipped (ci->ctx, row, reason);
    }
  else
    {
      row->amount = amount;
      /* a payment of 0.00 (a free item) is a visit */
      if (amount > 0 || (amount == 0 && g->gift_fine == 0))
        {
          row->kind = REG_ROW_SALE;
          reg_import_ctx_emit_row (ci->ctx, row);
        }
      else
        reg_import_ctx_emit_skipped (ci->ctx, row,
                                     g->gift_fine != 0 && amount <= 0
                                       ? _("gift cards only: not revenue until spent")
                                       : _("zero amount"));
    }
  group_clear (g);
}

static void
square_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  const char *txn = field (rec, ci, REG_FIELD_ORDER);
  const char *type = text_field (rec, ci, REG_ROLE_TYPE);
  g_autofree char *key = NULL;
  Group *g = &ci->group;
  gint64 amount;
  const char *gift;

  if (reg_text_is_blank (txn))
    {
      reg_import_ctx_reject (ctx, rec->line, col_name (ci, REG_FIELD_ORDER), "",
                             _("the transaction id is empty"));
      return;
    }
  key = g_strconcat (txn, "\x1f", type != NULL ? type : "", NULL);
  if (!group_continues (g, key))
    {
      square_flush (ci);
      group_start (g, key, rec->line);
      fill_common (ci, rec, g->row);
      if (g->row->customer_ref == NULL)
        {
          /* the merchant's own customer number when Square's id is missing */
          g->row->customer_ref = g_steal_pointer (&g->row->reference);
        }
      g->type = g_strdup (type);
      if (!reg_import_ctx_parse_date (ctx, rec->line, col_name (ci, REG_FIELD_DATE),
                                      field (rec, ci, REG_FIELD_DATE), &g->row->day))
        g->broken = TRUE;
    }
  else if (g->row != NULL)
    {
      /* customer on a later line of the same transaction */
      if (g->row->customer_ref == NULL)
        set_customer_ref (&g->row->customer_ref, text_field (rec, ci, REG_FIELD_CUSTOMER));
      if (g->row->name == NULL)
        reg_row_set_text (&g->row->name, text_field (rec, ci, REG_FIELD_NAME));
      if (g->row->note == NULL)
        reg_row_set_text (&g->row->note, text_field (rec, ci, REG_FIELD_NOTE));
    }
  if (g->broken)
    return;
  if (!reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_AMOUNT),
                                    field (rec, ci, REG_FIELD_AMOUNT), &amount))
    {
      g->broken = TRUE;
      return;
    }
  g->sum_fine += amount * FINE_SCALE;
  {
    g_autofree char *kind = lower (text_field (rec, ci, REG_ROLE_ITEM_KIND));
    if ((kind != NULL && strstr (kind, "gift card") != NULL)
        || is_gift_card_item (field (rec, ci, REG_ROLE_ITEM)))
      g->gift_fine += amount * FINE_SCALE;
    else
      keep_line (ci, rec, g->row, amount * FINE_SCALE);
  }
  gift = text_field (rec, ci, REG_ROLE_GIFT);
  if (gift != NULL)
    {
      gint64 gift_amount;
      if (!reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_ROLE_GIFT), gift,
                                        &gift_amount))
        {
          g->broken = TRUE;
          return;
        }
      g->gift_fine += gift_amount * FINE_SCALE;
    }
}

/* ---- Online Retail, Etsy order items, generic orders: summed line items ----------------- */

static void
lines_flush (CsvImport *ci)
{
  Group *g = &ci->group;
  RegImportRow *row;
  gint64 amount;

  if (!g->active || g->broken)
    {
      group_clear (g);
      return;
    }
  row = g_steal_pointer (&g->row);
  amount = round_fine (g->sum_fine);
  row->amount = amount;
  if (ci->kind == REG_VARIANT_ONLINE_RETAIL)
    {
      if (g->refund)
        {
          /* a C invoice cancels an earlier one */
          row->amount = -ABS (amount);
          if (row->amount == 0)
            reg_import_ctx_emit_skipped (ci->ctx, row, _("zero amount"));
          else
            {
              row->kind = REG_ROW_REFUND;
              reg_import_ctx_emit_row (ci->ctx, row);
            }
        }
      else if (amount < 0)
        reg_import_ctx_emit_skipped (ci->ctx, row,
                                     _("negative invoice that is not a cancellation (a stock or "
                                       "debt adjustment)"));
      else
        emit_signed (ci, row);
    }
  else
    emit_signed (ci, row);
  group_clear (g);
}

static void
lines_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  const char *key = field (rec, ci, REG_FIELD_ORDER);
  Group *g = &ci->group;
  gint64 fine;

  if (reg_text_is_blank (key))
    {
      reg_import_ctx_reject (ctx, rec->line, col_name (ci, REG_FIELD_ORDER), "",
                             _("the order number is empty"));
      return;
    }
  if (!group_continues (g, key))
    {
      lines_flush (ci);
      group_start (g, key, rec->line);
      fill_common (ci, rec, g->row);
      if (ci->kind == REG_VARIANT_ONLINE_RETAIL)
        {
          const char *k = key;
          while (*k == ' ')
            k++;
          g->refund = *k == 'C' || *k == 'c';
        }
      if (!reg_import_ctx_parse_date (ctx, rec->line, col_name (ci, REG_FIELD_DATE),
                                      field (rec, ci, REG_FIELD_DATE), &g->row->day))
        g->broken = TRUE;
    }
  else if (g->row != NULL && g->row->customer_ref == NULL)
    set_customer_ref (&g->row->customer_ref, text_field (rec, ci, REG_FIELD_CUSTOMER));
  if (g->broken)
    return;

  if (ci->col[REG_FIELD_AMOUNT] >= 0)
    {
      gint64 amount;
      if (!reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_AMOUNT),
                                        field (rec, ci, REG_FIELD_AMOUNT), &amount))
        {
          g->broken = TRUE;
          return;
        }
      fine = amount * FINE_SCALE;
    }
  else if (!line_total_fine (ci, rec, &fine))
    {
      g->broken = TRUE;
      return;
    }
  g->sum_fine += fine;
  keep_line (ci, rec, g->row, fine);
}

/* ---- one row per sale: Stripe, PayPal, WooCommerce, Etsy orders ------------------------- */

/* Parses date and amount into a new row with the common fields; NULL when rejected. */
static RegImportRow *
simple_row (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  g_autoptr(RegImportRow) row = reg_import_ctx_new_row (ctx, rec->line, REG_ROW_SALE);

  if (!reg_import_ctx_parse_date (ctx, rec->line, col_name (ci, REG_FIELD_DATE),
                                  field (rec, ci, REG_FIELD_DATE), &row->day))
    return NULL;
  if (!reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_AMOUNT),
                                    field (rec, ci, REG_FIELD_AMOUNT), &row->amount))
    return NULL;
  fill_common (ci, rec, row);
  return g_steal_pointer (&row);
}

static void
stripe_payments_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  RegImportRow *row = simple_row (ci, rec);
  g_autofree char *status = NULL;
  g_autofree char *captured = NULL;
  const char *refunded_s;
  gint64 refunded = 0;

  if (row == NULL)
    return;
  if (row->external_id == NULL)
    reg_row_set_text (&row->external_id, text_field (rec, ci, REG_ROLE_ID2));
  status = lower (row->status);
  captured = lower (text_field (rec, ci, REG_ROLE_CAPTURED));
  refunded_s = text_field (rec, ci, REG_ROLE_REFUNDED);
  if (status != NULL
      && !is_one_of (status, (const char *const[]) { "paid", "succeeded", "refunded",
                                                     "partially refunded", "partially_refunded",
                                                     NULL }))
    {
      g_autofree char *reason = NULL;
      if (g_str_equal (status, "failed"))
        reason = g_strdup (_("payment failed"));
      else
        reason = g_strdup_printf (_("payment not completed (status “%s”)"), row->status);
      reg_import_ctx_emit_skipped (ctx, row, reason);
      return;
    }
  if (captured != NULL && is_one_of (captured, (const char *const[]) { "false", "no", "0", NULL }))
    {
      reg_import_ctx_emit_skipped (ctx, row, _("payment authorized but not captured"));
      return;
    }
  if (refunded_s != NULL
      && !reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_ROLE_REFUNDED),
                                       refunded_s, &refunded))
    {
      reg_import_row_free (row);
      return;
    }
  if (row->amount <= 0)
    {
      reg_import_ctx_emit_skipped (ctx, row, _("zero amount"));
      return;
    }
  if (refunded > 0)
    {
      const char *when = text_field (rec, ci, REG_ROLE_REFUND_DATE);
      gint32 day = row->day;
      const char *note = NULL;

      if (when == NULL || !reg_import_ctx_probe_date (ctx, when, &day))
        {
          day = row->day;
          note = _("the file gives no refund date: dated on the payment date");
        }
      reg_import_ctx_emit_row (ctx, row);
      emit_refund_of (ci, row, MIN (refunded, row->amount), day, note);
      return;
    }
  reg_import_ctx_emit_row (ctx, row);
}

static void
stripe_balance_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportRow *row = simple_row (ci, rec);
  g_autofree char *category = NULL;

  if (row == NULL)
    return;
  category = lower (text_field (rec, ci, REG_ROLE_TYPE));
  reg_row_set_text (&row->status, text_field (rec, ci, REG_ROLE_TYPE));
  if (category != NULL && (g_str_equal (category, "charge") || g_str_equal (category, "payment")))
    emit_signed (ci, row);
  else if (category != NULL && (g_str_equal (category, "refund")
                                || g_str_equal (category, "payment_refund")))
    {
      /* the refund's own balance transaction id is already distinct from the charge's */
      row->amount = -ABS (row->amount);
      row->kind = REG_ROW_REFUND;
      if (row->amount == 0)
        reg_import_ctx_emit_skipped (ci->ctx, row, _("zero amount"));
      else
        reg_import_ctx_emit_row (ci->ctx, row);
    }
  else
    {
      g_autofree char *reason = g_strdup_printf (_("not a sale (category “%s”)"),
                                                 category != NULL ? category : "");
      reg_import_ctx_emit_skipped (ci->ctx, row, reason);
    }
}

static const char *const paypal_completed[] = {
  "completed", "terminé", "termine", "effectué", "effectue", "réalisé", "abgeschlossen",
  "completado", "completato", "voltooid", NULL,
};
static const char *const paypal_pending[] = {
  "pending", "en attente", "ausstehend", "offen", "pendiente", "in sospeso", "in behandeling",
  NULL,
};
static const char *const paypal_conversion[] = {
  "currency conversion", "general currency conversion", "conversion de devise",
  "conversion de devises", "währungsumrechnung", "allgemeine währungsumrechnung",
  "conversión de divisas", "conversione di valuta", NULL,
};
static const char *const paypal_funding[] = {
  "bank deposit", "general card deposit", "card deposit", "add funds", "transfer from",
  "virement par carte", "virement bancaire", "approvisionnement", "bankgutschrift",
  "einzahlung", "guthaben aufladen", "allgemeine kartenzahlung", "general credit card deposit",
  "hold on balance", "release of", "reversal of general account hold", NULL,
};
static const char *const paypal_refund[] = {
  "refund", "payment refund", "remboursement", "rückzahlung", "rückerstattung", "erstattung",
  "reembolso", "rimborso", "terugbetaling", NULL,
};

static gboolean
contains_any (const char *value, const char *const *words)
{
  for (gsize i = 0; words[i] != NULL; i++)
    if (strstr (value, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
paypal_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  RegImportRow *row = simple_row (ci, rec);
  g_autofree char *status = NULL;
  g_autofree char *type = NULL;
  g_autofree char *impact = NULL;

  if (row == NULL)
    return;
  status = lower (row->status);
  type = lower (text_field (rec, ci, REG_ROLE_TYPE));
  impact = lower (text_field (rec, ci, REG_ROLE_IMPACT));
  if (type != NULL)
    {
      /* the type says what happened; keep it for the owner */
      g_free (row->note);
      row->note = NULL;
      reg_row_set_text (&row->note, text_field (rec, ci, REG_ROLE_TYPE));
    }

  if (impact != NULL && (g_str_equal (impact, "memo") || g_str_equal (impact, "mémo")))
    reg_import_ctx_emit_skipped (ctx, row, _("memo row: no money moved"));
  else if (status != NULL && is_one_of (status, paypal_pending))
    reg_import_ctx_emit_skipped (ctx, row, _("payment pending"));
  else if (status != NULL && !is_one_of (status, paypal_completed))
    {
      g_autofree char *reason = g_strdup_printf (_("payment not completed (status “%s”)"),
                                                 row->status);
      reg_import_ctx_emit_skipped (ctx, row, reason);
    }
  else if (type != NULL && contains_any (type, paypal_conversion))
    reg_import_ctx_emit_skipped (ctx, row, _("currency conversion: the other half of a payment"));
  else if (row->amount > 0 && type != NULL && contains_any (type, paypal_funding))
    reg_import_ctx_emit_skipped (ctx, row, _("money added to the PayPal balance, not a sale"));
  else if (row->amount < 0 && type != NULL && contains_any (type, paypal_refund))
    {
      /* money goes back to the buyer: the recipient is the customer */
      const char *to = text_field (rec, ci, REG_ROLE_TO_EMAIL);
      if (to != NULL)
        reg_row_set_email (&row->email, to);
      row->kind = REG_ROW_REFUND;
      reg_import_ctx_emit_row (ctx, row);
    }
  else if (row->amount < 0)
    reg_import_ctx_emit_skipped (ctx, row, _("money going out is not a sale"));
  else
    emit_signed (ci, row);
}

static void
woo_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  RegImportRow *row = simple_row (ci, rec);
  g_autofree char *status = NULL;
  static const char *const skipped[] = { "pending", "pending payment", "on-hold", "on hold",
                                         "failed", "cancelled", "canceled", "checkout-draft",
                                         "draft", "trash", NULL };

  if (row == NULL)
    return;
  status = lower (row->status);
  if (status != NULL && g_str_has_prefix (status, "wc-"))
    memmove (status, status + 3, strlen (status + 3) + 1);

  if (ci->kind == REG_VARIANT_WOO_PLUGIN && row->name == NULL)
    {
      g_autofree char *full = g_strjoin (" ", text_field (rec, ci, REG_ROLE_FIRST_NAME) ?: "",
                                         text_field (rec, ci, REG_ROLE_LAST_NAME) ?: "", NULL);
      reg_row_set_text (&row->name, full);
    }

  if (status != NULL && is_one_of (status, skipped))
    {
      g_autofree char *reason =
        g_strdup_printf (_("order not paid (status “%s”)"), row->status);
      reg_import_ctx_emit_skipped (ctx, row, reason);
      return;
    }
  if (ci->kind == REG_VARIANT_WOO_ANALYTICS)
    {
      if (row->amount < 0 || (status != NULL && g_str_equal (status, "refunded")))
        {
          /* Analytics lists each refund as its own row, dated on the refund day */
          char day[11];
          row->kind = REG_ROW_REFUND;
          row->amount = -ABS (row->amount);
          clv_date_format_iso_buf (row->day, day);
          if (row->external_id != NULL)
            {
              char *id = g_strconcat (row->external_id, "/refund/", day, NULL);
              g_free (row->external_id);
              row->external_id = id;
            }
          if (row->amount == 0)
            reg_import_ctx_emit_skipped (ctx, row, _("zero amount"));
          else
            reg_import_ctx_emit_row (ctx, row);
          return;
        }
      emit_signed (ci, row);
      return;
    }

  /* plugin format: one row per order, refunds as refunded_total */
  {
    const char *refunded_s = text_field (rec, ci, REG_ROLE_REFUNDED);
    gint64 refunded = 0;

    if (refunded_s != NULL
        && !reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_ROLE_REFUNDED),
                                         refunded_s, &refunded))
      {
        reg_import_row_free (row);
        return;
      }
    if (status != NULL && g_str_equal (status, "refunded") && refunded == 0)
      refunded = row->amount;
    if (row->amount <= 0)
      {
        emit_signed (ci, row);
        return;
      }
    reg_import_ctx_emit_row (ctx, row);
    if (refunded != 0)
      emit_refund_of (ci, row, MIN (ABS (refunded), row->amount), row->day,
                      _("the file gives no refund date: dated on the order date"));
  }
}

static void
etsy_orders_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  RegImportRow *row = simple_row (ci, rec);
  g_autofree char *status = NULL;
  const char *adjusted_s;
  gint64 adjusted = 0;

  if (row == NULL)
    return;
  status = lower (row->status);
  if (status != NULL && (g_str_has_prefix (status, "cancel") || g_str_has_prefix (status, "annul")))
    {
      reg_import_ctx_emit_skipped (ctx, row, _("order cancelled"));
      return;
    }
  adjusted_s = text_field (rec, ci, REG_ROLE_ADJUSTED);
  if (adjusted_s != NULL
      && !reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_ROLE_ADJUSTED), adjusted_s,
                                       &adjusted))
    {
      reg_import_row_free (row);
      return;
    }
  if (row->amount <= 0)
    {
      emit_signed (ci, row);
      return;
    }
  reg_import_ctx_emit_row (ctx, row);
  if (adjusted_s != NULL && adjusted < row->amount)
    emit_refund_of (ci, row, row->amount - MAX (adjusted, 0), row->day,
                    _("Etsy gives no refund date: dated on the sale date"));
}

/* ---- bank statements and generic lists -------------------------------------------------- */

static const char *const pending_words[] = {
  "vorgemerkt", "pending", "pendiente", "en attente", "in behandeling", "reserviert",
  "not booked", "nicht gebucht", "in sospeso", NULL,
};

static gboolean
parse_direction (const char *text, int *sign)
{
  g_autofree char *l = lower (text);
  static const char *const debit[] = { "d", "debit", "débit", "debet", "af", "s", "soll", "dbit",
                                       "dr", "-", "out", NULL };
  static const char *const credit[] = { "c", "credit", "crédit", "bij", "h", "haben", "crdt",
                                        "cr", "+", "in", NULL };

  if (l == NULL)
    return FALSE;
  if (is_one_of (l, debit))
    *sign = -1;
  else if (is_one_of (l, credit))
    *sign = 1;
  else
    return FALSE;
  return TRUE;
}

static void
table_record (CsvImport *ci, const RegCsvRecord *rec)
{
  RegImportCtx *ctx = ci->ctx;
  g_autoptr(RegImportRow) row = NULL;
  const char *date_s = field (rec, ci, REG_FIELD_DATE);
  gint32 probe;
  gboolean bank = ci->kind == REG_VARIANT_BANK;

  /* "Balance at start of period,,,,+30000,77": a total line, not a sale */
  if ((reg_text_is_blank (date_s) || !reg_import_ctx_probe_date (ctx, date_s, &probe))
      && record_has_total_label (rec))
    {
      row = reg_import_ctx_new_row (ctx, rec->line, REG_ROW_SKIPPED);
      reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("total or balance line"));
      return;
    }

  if (ci->group_generic)
    {
      lines_record (ci, rec);
      return;
    }

  row = reg_import_ctx_new_row (ctx, rec->line, REG_ROW_SALE);
  if (!reg_import_ctx_parse_date (ctx, rec->line, col_name (ci, REG_FIELD_DATE), date_s, &row->day))
    return;

  if (ci->col[REG_FIELD_AMOUNT] >= 0)
    {
      if (!reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_AMOUNT),
                                        field (rec, ci, REG_FIELD_AMOUNT), &row->amount))
        return;
      if (ci->col[REG_FIELD_DIRECTION] >= 0)
        {
          const char *dir = field (rec, ci, REG_FIELD_DIRECTION);
          int sign;
          if (!parse_direction (dir, &sign))
            {
              g_autofree char *detail = g_strdup_printf (_("“%s” is not a debit/credit "
                                                           "indicator (D or C)"),
                                                         dir != NULL ? dir : "");
              reg_import_ctx_reject (ctx, rec->line, col_name (ci, REG_FIELD_DIRECTION),
                                     dir != NULL ? dir : "", detail);
              return;
            }
          row->amount = sign * ABS (row->amount);
        }
    }
  else
    {
      const char *debit = text_field (rec, ci, REG_FIELD_DEBIT);
      const char *credit = text_field (rec, ci, REG_FIELD_CREDIT);
      gint64 d = 0, c = 0;

      if (debit == NULL && credit == NULL)
        {
          g_autofree char *detail = g_strdup_printf (_("both “%s” and “%s” are empty"),
                                                     col_name (ci, REG_FIELD_DEBIT),
                                                     col_name (ci, REG_FIELD_CREDIT));
          reg_import_ctx_reject (ctx, rec->line, NULL, "", detail);
          return;
        }
      if ((debit != NULL
           && !reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_DEBIT), debit,
                                            &d))
          || (credit != NULL
              && !reg_import_ctx_parse_amount (ctx, rec->line, col_name (ci, REG_FIELD_CREDIT),
                                               credit, &c)))
        return;
      /* debit columns hold "50,00" or "-50,00": money out either way */
      row->amount = ABS (c) - ABS (d);
    }

  fill_common (ci, rec, row);
  if (ci->find_iban && row->iban == NULL && row->reference != NULL)
    {
      const char *after = NULL;
      row->iban = reg_find_iban (row->reference, &after);
      if (row->iban != NULL && row->name == NULL && after != NULL)
        reg_row_set_text (&row->name, after);
    }

  if (bank && row->status != NULL && contains_any (row->status, pending_words))
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("pending: not booked yet"));
  else if (bank && row->amount < 0)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("money going out is not a sale"));
  else
    emit_signed (ci, g_steal_pointer (&row));
}

/* ---- dispatch --------------------------------------------------------------------------- */

static void
process_record (CsvImport *ci, const RegCsvRecord *rec)
{
  switch (ci->kind)
    {
    case REG_VARIANT_SHOPIFY:
      shopify_record (ci, rec);
      break;
    case REG_VARIANT_SQUARE:
      square_record (ci, rec);
      break;
    case REG_VARIANT_ONLINE_RETAIL:
    case REG_VARIANT_ETSY_ITEMS:
      lines_record (ci, rec);
      break;
    case REG_VARIANT_STRIPE_PAYMENTS:
      stripe_payments_record (ci, rec);
      break;
    case REG_VARIANT_STRIPE_BALANCE:
      stripe_balance_record (ci, rec);
      break;
    case REG_VARIANT_PAYPAL:
      paypal_record (ci, rec);
      break;
    case REG_VARIANT_WOO_ANALYTICS:
    case REG_VARIANT_WOO_PLUGIN:
      woo_record (ci, rec);
      break;
    case REG_VARIANT_ETSY_ORDERS:
      etsy_orders_record (ci, rec);
      break;
    case REG_VARIANT_BANK:
    case REG_VARIANT_GENERIC:
    default:
      table_record (ci, rec);
      break;
    }
}

static void
flush_group (CsvImport *ci)
{
  switch (ci->kind)
    {
    case REG_VARIANT_SHOPIFY:
      shopify_flush (ci);
      break;
    case REG_VARIANT_SQUARE:
      square_flush (ci);
      break;
    default:
      lines_flush (ci);
      break;
    }
}

static gboolean
csv_step (gpointer data, RegImportCtx *ctx, GCancellable *cancellable, GError **error)
{
  CsvImport *ci = data;

  while (!reg_import_ctx_has_results (ctx))
    {
      const RegCsvRecord *rec;
      g_autoptr(GError) local = NULL;

      if (ci->eof)
        return FALSE;
      if (!reg_csv_reader_next (ci->csv, &rec, cancellable, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          ci->eof = TRUE;
          flush_group (ci);
          continue;
        }
      if (rec->line < ci->header_line || record_is_blank (rec))
        continue;
      ctx->rows_read++;
      process_record (ci, rec);
    }
  return TRUE;
}

static guint64
csv_bytes_read (gpointer data)
{
  return reg_csv_reader_get_bytes_read (((CsvImport *) data)->csv);
}

static guint64
csv_bytes_total (gpointer data)
{
  return reg_csv_reader_get_bytes_total (((CsvImport *) data)->csv);
}

static const char *
csv_encoding (gpointer data)
{
  return reg_csv_reader_get_encoding (((CsvImport *) data)->csv);
}

static void
csv_free (gpointer data)
{
  CsvImport *ci = data;

  if (ci == NULL)
    return;
  group_clear (&ci->group);
  g_clear_pointer (&ci->csv, reg_csv_reader_free);
  g_strfreev (ci->names);
  g_free (ci);
}

const RegImportBackendClass reg_csv_import_class = {
  csv_step, csv_bytes_read, csv_bytes_total, csv_encoding, csv_free,
};

/* ---- construction ----------------------------------------------------------------------- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvImport, csv_free)

/* Column of a user-given mapping value: a header name, or "#N" / "N" on a file without header. */
static int
find_mapped_column (CsvImport *ci, char *const *norm, const char *column)
{
  g_autofree char *want = reg_header_normalise (column);

  for (guint i = 0; i < ci->n_cols; i++)
    if (g_str_equal (norm[i], want))
      return (int) i;
  for (guint i = 0; i < ci->n_cols; i++)
    {
      g_autofree char *display = reg_header_normalise (ci->names[i]);
      if (g_str_equal (display, want))
        return (int) i;
    }
  if (column[0] == '#' || (ci->header_line == 0 && g_ascii_isdigit (column[0])))
    {
      guint64 idx = 0;
      const char *digits = column[0] == '#' ? column + 1 : column;
      if (g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT, &idx, NULL))
        return (int) idx - 1;
    }
  return -1;
}

static const char *
field_label (int role)
{
  switch (role)
    {
    case REG_FIELD_DATE:
      return _("date");
    case REG_FIELD_AMOUNT:
      return _("amount");
    case REG_FIELD_ORDER:
      return _("order number");
    default:
      return role < REG_N_FIELDS ? reg_field_to_string ((RegField) role) : "?";
    }
}

static gboolean
require (CsvImport *ci, int role, GError **error)
{
  if (ci->col[role] >= 0)
    return TRUE;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
               _("%s: no column holds the %s; map one with %s=COLUMN"), ci->ctx->display_name,
               field_label (role),
               role < REG_N_FIELDS ? reg_field_to_string ((RegField) role) : "?");
  return FALSE;
}

/* The currency a column's header states, as "Betrag (EUR)", "Amount USD", "Umsatz in EUR" or
 * "Montant (€)" do; NULL when it states none. An ISO code counts as a word of its own; a symbol
 * only inside brackets, where nothing else stands. */
static char *
header_currency (const char *name, const ClvCurrency *shop, gboolean *matches)
{
  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) && g_ascii_isupper (p[2])
          && (p == name || !g_ascii_isalpha (p[-1])) && !g_ascii_isalpha (p[3]))
        {
          g_autofree char *code = g_strndup (p, 3);
          int match = clv_currency_token_match (code, shop);
          if (match >= 0)
            {
              *matches = match == 1;
              return g_steal_pointer (&code);
            }
        }
      if (*p == '(' || *p == '[')
        {
          const char *close = strchr (p, *p == '(' ? ')' : ']');
          g_autofree char *inside = close != NULL ? g_strndup (p + 1, close - p - 1) : NULL;
          int match = inside != NULL ? clv_currency_token_match (g_strstrip (inside), shop) : -1;
          if (match >= 0)
            {
              *matches = match == 1;
              return g_steal_pointer (&inside);
            }
        }
    }
  return NULL;
}

/* A file whose amount columns are headed in another currency than the shop's is refused as a
 * whole, before any row is read: its amounts would otherwise go in as the shop's money. */
static gboolean
check_header_currency (CsvImport *ci, GError **error)
{
  static const int roles[] = { REG_FIELD_AMOUNT, REG_FIELD_DEBIT, REG_FIELD_CREDIT,
                               REG_ROLE_PRICE };

  if (ci->ctx->currency == NULL || ci->header_line == 0)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      int c = ci->col[roles[i]];
      gboolean matches = TRUE;
      g_autofree char *stated = NULL;

      if (c < 0 || (guint) c >= ci->n_cols)
        continue;
      stated = header_currency (ci->names[c], ci->ctx->currency, &matches);
      if (stated != NULL && !matches)
        {
          /* TRANSLATORS: "statement.csv, line 1, column “Betrag (EUR)”: the amounts are in
           * EUR, but the shop's currency is USD; nothing was imported" */
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY,
                       _("%s, line %u, column “%s”: the amounts are in %s, but the shop's "
                         "currency is %s; nothing was imported"),
                       ci->ctx->display_name, ci->header_line - 1, ci->names[c], stated,
                       ci->ctx->currency->code);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
option_or (const char *given, const RegImportMapping *mapping, const char *key)
{
  if (given != NULL && *given != '\0')
    return g_strdup (given);
  return g_strdup (reg_import_mapping_get_option (mapping, key));
}

/* Phase 1: the column names, from the header row after any preamble (duplicates kept apart,
 * empty ones named by position), or the sniffer's for a file without one; @norm gets them
 * normalised for matching. */
static gboolean
read_header (CsvImport             *ci,
             const RegSniffResult  *sniff,
             GStrv                 *norm_out,
             GError               **error)
{
  RegImportCtx *ctx = ci->ctx;
  char **norm;

  if (ci->header_line > 0)
    {
      const RegCsvRecord *rec = NULL;
      g_autoptr(GError) local = NULL;

      while (reg_csv_reader_next (ci->csv, &rec, NULL, &local) && rec->line < ci->header_line)
        ;
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (rec == NULL || rec->line < ci->header_line)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                       _("%s has no header row at line %u"), ctx->display_name, ci->header_line);
          return FALSE;
        }
      ci->header_line = rec->line + 1;   /* data starts after it */
      ci->n_cols = rec->n_fields;
      ci->names = g_new0 (char *, ci->n_cols + 1);
      *norm_out = norm = g_new0 (char *, ci->n_cols + 1);
      for (guint i = 0; i < ci->n_cols; i++)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (rec->fields[i]));
          guint dup = 1;
          norm[i] = reg_header_normalise (trimmed);
          for (guint k = 0; k < i; k++)
            if (g_str_equal (norm[k], norm[i]))
              dup++;
          if (*trimmed == '\0')
            ci->names[i] = g_strdup_printf (_("Column %u"), i + 1);
          else if (dup > 1)
            /* "Währung", "Währung (2)": duplicate header names stay apart */
            ci->names[i] = g_strdup_printf ("%s (%u)", trimmed, dup);
          else
            ci->names[i] = g_steal_pointer (&trimmed);
        }
    }
  else
    {
      ci->n_cols = sniff->columns->len;
      ci->names = g_new0 (char *, ci->n_cols + 1);
      *norm_out = norm = g_new0 (char *, ci->n_cols + 1);
      for (guint i = 0; i < ci->n_cols; i++)
        {
          RegSniffColumn *c = g_ptr_array_index (sniff->columns, i);
          ci->names[i] = g_strdup (c->name);
          norm[i] = g_strdup ("");
        }
    }

  return TRUE;
}

/* Phase 2: which rules apply: the preset asked for, else the one the sniffer found, else
 * the one whose columns the header has, else the generic rules. */
static gboolean
choose_variant (CsvImport             *ci,
                const char            *preset,
                const RegSniffResult  *sniff,
                char                 **norm,
                GError               **error)
{
  if (preset != NULL)
    ci->variant = reg_preset_variant_for (preset, norm, ci->n_cols);
  else if (sniff->preset != NULL)
    ci->variant = reg_preset_variant_for (sniff->preset, norm, ci->n_cols);
  if (ci->variant == NULL && preset != NULL)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                   _("The preset “%s” does not read CSV files"), preset);
      return FALSE;
    }
  if (ci->variant == NULL)
    {
      double conf = 0;
      ci->variant = reg_preset_match_table (norm, ci->n_cols, &conf);
      if (ci->variant == NULL)
        ci->variant = reg_preset_generic_variant ();
    }
  ci->kind = ci->variant->kind;

  return TRUE;
}

/* Phase 3: the column of each field: the explicit mapping first, then the preset's header
 * names, then the sniffer's guesses for a file without a header. */
static gboolean
assign_columns (CsvImport               *ci,
                const RegSniffResult    *sniff,
                const RegImportMapping  *mapping,
                char                   **norm,
                GError                 **error)
{
  RegImportCtx *ctx = ci->ctx;
  gboolean has_mapping = !reg_import_mapping_is_empty (mapping);

  for (guint i = 0; ci->variant->roles[i].role >= 0; i++)
    {
      int role = ci->variant->roles[i].role;
      if (ci->col[role] < 0)
        ci->col[role] = reg_preset_find_column (ci->variant, role, norm, ci->n_cols);
    }
  if (ci->header_line == 0 && !has_mapping)
    for (guint i = 0; i < sniff->columns->len; i++)
      {
        RegSniffColumn *c = g_ptr_array_index (sniff->columns, i);
        RegField f;
        if (c->field != NULL && reg_field_from_string (c->field, &f))
          ci->col[f] = (int) i;
      }
  if (has_mapping)
    for (guint f = 0; f < REG_N_FIELDS; f++)
      {
        const char *column = reg_import_mapping_get (mapping, (RegField) f);
        int idx;

        if (column == NULL)
          continue;
        idx = find_mapped_column (ci, norm, column);
        if (idx < 0 || (guint) idx >= MAX (ci->n_cols, 1))
          {
            g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                         _("%s has no column “%s” (mapped to the field “%s”)"),
                         ctx->display_name, column, reg_field_to_string ((RegField) f));
            return FALSE;
          }
        ci->col[f] = idx;
        /* an explicit amount replaces debit/credit guesses and vice versa */
        if (f == REG_FIELD_AMOUNT)
          ci->col[REG_FIELD_DEBIT] = ci->col[REG_FIELD_CREDIT] = -1;
        else if ((f == REG_FIELD_DEBIT || f == REG_FIELD_CREDIT)
                 && reg_import_mapping_get (mapping, REG_FIELD_AMOUNT) == NULL)
          ci->col[REG_FIELD_AMOUNT] = -1;
      }

  return TRUE;
}

/* Phase 4: the fields the rules need are there (a date, an amount or money in and out, an
 * order for grouped exports) and the currency fits the shop. */
static gboolean
check_required (CsvImport  *ci,
                GError    **error)
{
  if (!require (ci, REG_FIELD_DATE, error))
    return FALSE;
  switch (ci->kind)
    {
    case REG_VARIANT_SHOPIFY:
    case REG_VARIANT_SQUARE:
      if (!require (ci, REG_FIELD_ORDER, error) || !require (ci, REG_FIELD_AMOUNT, error))
        return FALSE;
      break;
    case REG_VARIANT_ONLINE_RETAIL:
    case REG_VARIANT_ETSY_ITEMS:
      if (!require (ci, REG_FIELD_ORDER, error))
        return FALSE;
      if (ci->col[REG_FIELD_AMOUNT] < 0
          && (!require (ci, REG_ROLE_QTY, error) || !require (ci, REG_ROLE_PRICE, error)))
        return FALSE;
      break;
    default:
      if (ci->col[REG_FIELD_AMOUNT] < 0
          && !(ci->col[REG_FIELD_DEBIT] >= 0 && ci->col[REG_FIELD_CREDIT] >= 0))
        {
          /* one of debit/credit alone is not enough; say which one is missing */
          int missing = ci->col[REG_FIELD_DEBIT] >= 0    ? REG_FIELD_CREDIT
                        : ci->col[REG_FIELD_CREDIT] >= 0 ? REG_FIELD_DEBIT
                                                         : REG_FIELD_AMOUNT;
          require (ci, missing, error);
          return FALSE;
        }
      break;
    }
  if (!check_header_currency (ci, error))
    return FALSE;
  if (ci->kind == REG_VARIANT_BANK && ci->col[REG_FIELD_IBAN] < 0)
    ci->find_iban = TRUE;
  if (ci->kind == REG_VARIANT_GENERIC && ci->col[REG_FIELD_ORDER] >= 0)
    ci->group_generic = TRUE;

  return TRUE;
}

/* Phase 5: what the caller learns: the preset and source the rows are filed under, and the
 * columns read, as a mapping. */
static void
describe_result (CsvImport               *ci,
                 const RegImportMapping  *mapping,
                 char                   **preset_out,
                 char                   **source_out,
                 RegImportMapping       **mapping_out)
{
  if (ci->variant->preset != NULL)
    *preset_out = g_strdup (ci->variant->preset);
  if (ci->variant->source != NULL)
    *source_out = g_strdup (ci->variant->source);
  else
    {
      const char *name = reg_import_mapping_get_name (mapping);
      const char *base = ci->kind == REG_VARIANT_BANK ? "bank-csv" : "csv";
      *source_out = name != NULL ? g_strconcat (base, ":", name, NULL) : g_strdup (base);
    }
  {
    RegImportMapping *used = reg_import_mapping_new ();
    if (reg_import_mapping_get_name (mapping) != NULL)
      reg_import_mapping_set_name (used, reg_import_mapping_get_name (mapping));
    /* the channel given for every new customer is part of what a saved mapping repeats */
    if (reg_import_mapping_get_option (mapping, "channel") != NULL)
      reg_import_mapping_set_option (used, "channel",
                                     reg_import_mapping_get_option (mapping, "channel"));
    for (guint f = 0; f < REG_N_FIELDS; f++)
      if (ci->col[f] >= 0 && (guint) ci->col[f] < ci->n_cols)
        reg_import_mapping_set (used, (RegField) f,
                                ci->header_line > 0 ? ci->names[ci->col[f]] : NULL);
    if (ci->header_line == 0)
      for (guint f = 0; f < REG_N_FIELDS; f++)
        if (ci->col[f] >= 0)
          {
            g_autofree char *idx = g_strdup_printf ("#%d", ci->col[f] + 1);
            reg_import_mapping_set (used, (RegField) f, idx);
          }
    *mapping_out = used;
  }
}

gpointer
reg_csv_import_new (const char *path, const RegImportOptions *opts, const RegSniffResult *unused,
                    RegImportCtx *ctx, char **preset_out, char **source_out,
                    RegImportMapping **mapping_out, GError **error)
{
  g_autoptr(CsvImport) ci = g_new0 (CsvImport, 1);
  g_autoptr(RegSniffResult) sniff = NULL;
  g_auto(GStrv) norm = NULL;
  const RegImportMapping *mapping = opts->mapping;
  g_autofree char *encoding = option_or (opts->encoding, mapping, "encoding");
  g_autofree char *preset = option_or (opts->preset, mapping, "preset");
  g_autofree char *date_format = option_or (opts->date_format, mapping, "date_format");
  const char *delim_opt = reg_import_mapping_get_option (mapping, "delimiter");
  const char *decimal_opt = reg_import_mapping_get_option (mapping, "decimal");
  const char *header_opt = reg_import_mapping_get_option (mapping, "header_line");
  char delimiter = 0;

  ci->ctx = ctx;
  for (guint i = 0; i < REG_N_ROLES; i++)
    ci->col[i] = -1;
  if (delim_opt != NULL)
    delimiter = g_str_equal (delim_opt, "\\t") || g_str_equal (delim_opt, "tab") ? '\t'
                                                                                : delim_opt[0];

  sniff = reg_sniff_file_internal (path, encoding, delimiter, "csv", preset, error);
  if (sniff == NULL)
    return NULL;
  if (delimiter == 0)
    delimiter = sniff->delimiter != 0 ? sniff->delimiter : ',';
  ci->header_line = sniff->header_line;
  if (header_opt != NULL)
    ci->header_line = (guint) g_ascii_strtoull (header_opt, NULL, 10);

  /* decimal mark and date order: the caller's, else the saved mapping's, else the sniffer's */
  if (ctx->decimal == 0 && decimal_opt != NULL)
    ctx->decimal = decimal_opt[0];
  if (ctx->decimal == 0)
    ctx->decimal = sniff->decimal;
  if (ctx->date_order == CLV_DATE_ORDER_UNKNOWN && date_format != NULL)
    ctx->date_order = reg_date_order_from_format (date_format);
  if (ctx->date_order == CLV_DATE_ORDER_UNKNOWN)
    ctx->date_order = sniff->date_order;

  /* the decoder detects again what the sniffer found; passing NULL keeps its fallback to
   * Windows-1252 for files that are ASCII at the head and not UTF-8 further down */
  ci->csv = reg_csv_reader_new (path, encoding, delimiter, error);
  if (ci->csv == NULL)
    return NULL;

  if (!read_header (ci, sniff, &norm, error))
    return NULL;

  if (!choose_variant (ci, preset, sniff, norm, error)
      || !assign_columns (ci, sniff, mapping, norm, error)
      || !check_required (ci, error))
    return NULL;

  /* dates nobody could read the order of: the preset's habit */
  if (ctx->date_order == CLV_DATE_ORDER_UNKNOWN)
    ctx->date_order = ci->variant->date_hint;

  describe_result (ci, mapping, preset_out, source_out, mapping_out);
  return g_steal_pointer (&ci);
}
