/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CAMT.053 (ISO 20022 bank-to-customer statement; .052 and .054 share the entry structure) read
 * with libxml2's streaming xmlTextReader: each Ntry is expanded alone, turned into rows (one per
 * TxDtls of a batch) and released, so memory stays flat. Elements are matched by local name,
 * so .001.02, .001.04 and .001.08 read alike. No network, no entity expansion.
 */
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "clv-money.h"
#include "reg-import-private.h"
#include "reg-io-error.h"

typedef struct
{
  RegImportCtx    *ctx;        /* (unowned) */
  GInputStream    *in;         /* (owned) */
  xmlTextReaderPtr reader;     /* (owned) */
  guint64          bytes_read;
  guint64          size;
  char            *iban;       /* (owned) (nullable) the statement's account */
  char            *currency;   /* (owned) (nullable) the account's (Acct/Ccy) or its first
                                * balance's (Bal/Amt/@Ccy) currency */
  long             currency_line;
  gboolean         on_entry;   /* the reader stands on an Ntry not yet read */
  gboolean         eof;
  char            *xml_error;  /* (owned) (nullable) first parser error */
  int              xml_error_line;
  guint            ordinal;
} CamtReader;

/* ---- tree helpers (by local name) ------------------------------------------------------- */

static gboolean
is_element (xmlNodePtr node, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && g_str_equal ((const char *) node->name, name);
}

static xmlNodePtr
child (xmlNodePtr node, const char *name)
{
  if (node == NULL)
    return NULL;
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (is_element (c, name))
      return c;
  return NULL;
}

/* child (child (child (node, a), b), …), NULL-terminated names */
static xmlNodePtr
path (xmlNodePtr node, ...)
{
  va_list ap;
  const char *name;

  va_start (ap, node);
  while (node != NULL && (name = va_arg (ap, const char *)) != NULL)
    node = child (node, name);
  va_end (ap);
  return node;
}

static char *
text_of (xmlNodePtr node)
{
  xmlChar *content;
  char *out;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  out = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*out == '\0')
    g_clear_pointer (&out, g_free);
  return out;
}

/* Dt or DtTm inside a date element */
static char *
date_text (xmlNodePtr node)
{
  char *t = text_of (child (node, "Dt"));
  return t != NULL ? t : text_of (child (node, "DtTm"));
}

/* a party's name: Nm directly (.02/.04) or inside Pty (.08) */
static char *
party_name (xmlNodePtr party)
{
  char *n = text_of (child (party, "Nm"));
  return n != NULL ? n : text_of (path (party, "Pty", "Nm", NULL));
}

static char *
account_iban (xmlNodePtr acct)
{
  char *iban = text_of (path (acct, "Id", "IBAN", NULL));
  return iban != NULL ? iban : text_of (path (acct, "Id", "Othr", "Id", NULL));
}

/* ---- entries ---------------------------------------------------------------------------- */

typedef struct
{
  guint     line;
  gint32    day;
  gboolean  booked;
  gboolean  reversal;
  char     *indicator;   /* CRDT / DBIT */
  char     *amount;
  char     *currency;
  char     *ref;         /* AcctSvcrRef */
  char     *info;        /* AddtlNtryInf */
  char     *status;
} Entry;

static void
entry_clear (Entry *e)
{
  g_free (e->indicator);
  g_free (e->amount);
  g_free (e->currency);
  g_free (e->ref);
  g_free (e->info);
  g_free (e->status);
}

static char *
amount_ccy (xmlNodePtr amt, char **ccy)
{
  xmlChar *c;

  if (amt == NULL)
    return NULL;
  c = xmlGetProp (amt, (const xmlChar *) "Ccy");
  if (c != NULL && ccy != NULL)
    {
      g_free (*ccy);
      *ccy = g_strdup ((const char *) c);
    }
  xmlFree (c);
  return text_of (amt);
}

/* amount of one TxDtls of a batch: .02 AmtDtls/TxAmt/Amt, .04+ Amt, or the instructed amount */
static char *
tx_amount (xmlNodePtr tx, char **ccy)
{
  xmlNodePtr amt = child (tx, "Amt");

  if (amt == NULL)
    amt = path (tx, "AmtDtls", "TxAmt", "Amt", NULL);
  if (amt == NULL)
    amt = path (tx, "AmtDtls", "InstdAmt", "Amt", NULL);
  return amount_ccy (amt, ccy);
}

static void
emit_entry_row (CamtReader *r, const Entry *e, xmlNodePtr tx, const char *amount_text,
                const char *ccy, const char *indicator, const char *batch_ref)
{
  RegImportCtx *ctx = r->ctx;
  g_autoptr(RegImportRow) row = reg_import_ctx_new_row (ctx, e->line, REG_ROW_SALE);
  g_autoptr(GError) error = NULL;
  gboolean credit = g_strcmp0 (indicator, "CRDT") == 0;
  gboolean debit = g_strcmp0 (indicator, "DBIT") == 0;
  gint64 amount;

  ctx->rows_read++;
  row->day = e->day;
  if (!credit && !debit)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is neither CRDT nor DBIT"),
                                                 indicator != NULL ? indicator : "");
      reg_import_ctx_reject (ctx, e->line, "CdtDbtInd", indicator != NULL ? indicator : "",
                             detail);
      return;
    }
  if (amount_text == NULL
      || (!reg_parse_plain_amount (amount_text, '.', ctx->exponent, &amount)
          && !clv_money_parse_with (amount_text, '.', ctx->exponent, &amount, &error)))
    {
      reg_import_ctx_reject (ctx, e->line, "Amt", amount_text != NULL ? amount_text : "",
                             error != NULL ? error->message : _("the entry has no amount"));
      return;
    }
  row->amount = credit ? ABS (amount) : -ABS (amount);
  reg_row_set_currency (&row->currency, ccy);
  reg_row_set_text (&row->status, e->status);
  reg_row_set_text (&row->note, e->info);

  if (tx != NULL)
    {
      /* the other party: the debtor pays us; for money out (or a credit being reversed, whose
       * parties are those of the original credit) look at both sides */
      xmlNodePtr parties = child (tx, "RltdPties");
      const char *first = credit || (debit && e->reversal) ? "Dbtr" : "Cdtr";
      const char *second = g_str_equal (first, "Dbtr") ? "Cdtr" : "Dbtr";
      g_autofree char *first_acct = g_strconcat (first, "Acct", NULL);
      g_autofree char *second_acct = g_strconcat (second, "Acct", NULL);
      g_autofree char *name = party_name (child (parties, first));
      g_autofree char *iban = account_iban (child (parties, first_acct));
      g_autofree char *ustrd = NULL;
      g_autofree char *tx_ref = text_of (path (tx, "Refs", "AcctSvcrRef", NULL));
      g_autofree char *e2e = text_of (path (tx, "Refs", "EndToEndId", NULL));
      g_autofree char *addtl = text_of (child (tx, "AddtlTxInf"));

      if (name == NULL && iban == NULL)
        {
          name = party_name (child (parties, second));
          iban = account_iban (child (parties, second_acct));
        }
      reg_row_set_text (&row->name, name);
      reg_row_set_iban (&row->iban, iban);
      {
        /* remittance: every Ustrd line, else the structured creditor reference */
        xmlNodePtr rmt = child (tx, "RmtInf");
        GString *buf = g_string_new (NULL);
        for (xmlNodePtr c = rmt != NULL ? rmt->children : NULL; c != NULL; c = c->next)
          if (is_element (c, "Ustrd"))
            {
              g_autofree char *t = text_of (c);
              if (t != NULL)
                g_string_append_printf (buf, "%s%s", buf->len > 0 ? " " : "", t);
            }
        if (buf->len == 0)
          {
            g_autofree char *strd = text_of (path (rmt, "Strd", "CdtrRefInf", "Ref", NULL));
            if (strd != NULL)
              g_string_append (buf, strd);
          }
        ustrd = g_string_free (buf, buf->len == 0);
      }
      reg_row_set_text (&row->reference, ustrd != NULL ? ustrd : addtl);
      if (tx_ref != NULL)
        row->external_id = g_strdup (tx_ref);
      else if (batch_ref != NULL)
        row->external_id = g_strdup (batch_ref);
      else if (e2e != NULL && g_ascii_strcasecmp (e2e, "NOTPROVIDED") != 0)
        row->external_id = g_strdup (e2e);
    }
  else if (batch_ref != NULL)
    row->external_id = g_strdup (batch_ref);
  if (row->reference == NULL && e->info != NULL)
    reg_row_set_text (&row->reference, e->info);

  if (!e->booked)
    {
      g_autofree char *reason = g_strdup_printf (_("pending: not booked yet (status “%s”)"),
                                                 e->status != NULL ? e->status : "");
      reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), reason);
    }
  else if (e->reversal && debit)
    {
      /* a credit taken back (returned direct debit): a refund of that sale */
      row->kind = REG_ROW_REFUND;
      if (row->external_id != NULL)
        {
          char *id = g_strconcat (row->external_id, "/reversal", NULL);
          g_free (row->external_id);
          row->external_id = id;
        }
      reg_import_ctx_emit_row (ctx, g_steal_pointer (&row));
    }
  else if (e->reversal)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row),
                                 _("reversal of a payment you made, not a sale"));
  else if (debit)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("money going out is not a sale"));
  else if (row->amount == 0)
    reg_import_ctx_emit_skipped (ctx, g_steal_pointer (&row), _("zero amount"));
  else
    reg_import_ctx_emit_row (ctx, g_steal_pointer (&row));
}

static void
process_entry (CamtReader *r, xmlNodePtr ntry)
{
  RegImportCtx *ctx = r->ctx;
  Entry e = { 0 };
  g_autofree char *rvsl = text_of (child (ntry, "RvslInd"));
  g_autofree char *date = NULL;
  g_autoptr(GPtrArray) txs = g_ptr_array_new ();
  gboolean per_tx = FALSE;

  r->ordinal++;
  e.line = xmlGetLineNo (ntry) > 0 ? (guint) xmlGetLineNo (ntry) : r->ordinal;
  e.indicator = text_of (child (ntry, "CdtDbtInd"));
  e.amount = amount_ccy (child (ntry, "Amt"), &e.currency);
  e.ref = text_of (child (ntry, "AcctSvcrRef"));
  e.info = text_of (child (ntry, "AddtlNtryInf"));
  e.reversal = rvsl != NULL && g_ascii_strcasecmp (rvsl, "true") == 0;
  e.status = text_of (child (ntry, "Sts"));
  if (e.status == NULL || child (child (ntry, "Sts"), "Cd") != NULL)
    {
      g_free (e.status);
      e.status = text_of (path (ntry, "Sts", "Cd", NULL));
    }
  e.booked = e.status == NULL || g_ascii_strcasecmp (e.status, "BOOK") == 0;
  date = date_text (child (ntry, "BookgDt"));
  if (date == NULL)
    date = date_text (child (ntry, "ValDt"));
  if (date == NULL || !clv_date_parse_iso (date, &e.day))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a valid date"),
                                                 date != NULL ? date : "");
      ctx->rows_read++;
      reg_import_ctx_reject (ctx, e.line, "BookgDt", date != NULL ? date : "", detail);
      entry_clear (&e);
      return;
    }

  for (xmlNodePtr d = ntry->children; d != NULL; d = d->next)
    if (is_element (d, "NtryDtls"))
      for (xmlNodePtr t = d->children; t != NULL; t = t->next)
        if (is_element (t, "TxDtls"))
          g_ptr_array_add (txs, t);

  if (txs->len > 1)
    {
      /* a batch: one row per payment, when each says its amount */
      per_tx = TRUE;
      for (guint i = 0; i < txs->len && per_tx; i++)
        {
          g_autofree char *a = tx_amount (g_ptr_array_index (txs, i), NULL);
          per_tx = a != NULL;
        }
    }
  if (per_tx)
    for (guint i = 0; i < txs->len; i++)
      {
        xmlNodePtr tx = g_ptr_array_index (txs, i);
        g_autofree char *ccy = g_strdup (e.currency);
        g_autofree char *amount = tx_amount (tx, &ccy);
        g_autofree char *ind = text_of (child (tx, "CdtDbtInd"));
        g_autofree char *batch_ref = e.ref != NULL ? g_strdup_printf ("%s/%u", e.ref, i + 1) : NULL;
        emit_entry_row (r, &e, tx, amount, ccy, ind != NULL ? ind : e.indicator, batch_ref);
      }
  else
    emit_entry_row (r, &e, txs->len > 0 ? g_ptr_array_index (txs, 0) : NULL, e.amount,
                    e.currency, e.indicator, e.ref);
  entry_clear (&e);
}

/* ---- reading ---------------------------------------------------------------------------- */

static int
read_cb (void *context, char *buffer, int len)
{
  CamtReader *r = context;
  gssize n = g_input_stream_read (r->in, buffer, (gsize) len, NULL, NULL);

  if (n < 0)
    return -1;
  r->bytes_read += (guint64) n;
  return (int) n;
}

static int
close_cb (void *context)
{
  return 0;
}

static void
error_cb (void *arg, const char *msg, xmlParserSeverities severity, xmlTextReaderLocatorPtr locator)
{
  CamtReader *r = arg;

  if (r->xml_error == NULL && (severity == XML_PARSER_SEVERITY_ERROR
                               || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR))
    {
      r->xml_error = g_strstrip (g_strdup (msg));
      r->xml_error_line = xmlTextReaderLocatorLineNumber (locator);
    }
}

static gboolean
set_xml_error (CamtReader *r, GError **error)
{
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT, _("%s, line %d: not well-formed XML (%s)"),
               r->ctx->display_name, r->xml_error_line,
               r->xml_error != NULL ? r->xml_error : _("unknown error"));
  return FALSE;
}

/* Moves to the next Ntry element; reads the account on the way. FALSE at the end or error. */
static gboolean
advance_to_entry (CamtReader *r, gboolean *found_statement, GError **error)
{
  int rc;

  while ((rc = xmlTextReaderRead (r->reader)) == 1)
    {
      const char *name;

      if (xmlTextReaderNodeType (r->reader) != XML_READER_TYPE_ELEMENT)
        continue;
      name = (const char *) xmlTextReaderConstLocalName (r->reader);
      if (name == NULL)
        continue;
      if (g_str_equal (name, "BkToCstmrStmt") || g_str_equal (name, "BkToCstmrAcctRpt")
          || g_str_equal (name, "BkToCstmrDbtCdtNtfctn"))
        {
          if (found_statement != NULL)
            *found_statement = TRUE;
        }
      else if (g_str_equal (name, "Acct") && r->iban == NULL)
        {
          xmlNodePtr acct = xmlTextReaderExpand (r->reader);
          xmlNodePtr ccy = child (acct, "Ccy");
          r->iban = account_iban (acct);
          if (ccy != NULL && r->currency == NULL)
            {
              r->currency = text_of (ccy);
              r->currency_line = xmlGetLineNo (ccy);
            }
        }
      else if (g_str_equal (name, "Bal") && r->currency == NULL)
        {
          xmlNodePtr amt = child (xmlTextReaderExpand (r->reader), "Amt");
          xmlChar *ccy = amt != NULL ? xmlGetProp (amt, (const xmlChar *) "Ccy") : NULL;
          if (ccy != NULL)
            {
              r->currency = g_strdup ((const char *) ccy);
              r->currency_line = xmlGetLineNo (amt);
              xmlFree (ccy);
            }
        }
      else if (g_str_equal (name, "Ntry"))
        return TRUE;
    }
  if (rc < 0 || r->xml_error != NULL)
    return set_xml_error (r, error);
  return FALSE;
}

static gboolean
camt_step (gpointer data, RegImportCtx *ctx, GCancellable *cancellable, GError **error)
{
  CamtReader *r = data;

  while (!reg_import_ctx_has_results (ctx))
    {
      xmlNodePtr ntry;
      g_autoptr(GError) local = NULL;

      if (r->eof)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!r->on_entry)
        {
          if (!advance_to_entry (r, NULL, &local))
            {
              r->eof = TRUE;
              if (local != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return FALSE;
                }
              continue;
            }
        }
      r->on_entry = FALSE;
      ntry = xmlTextReaderExpand (r->reader);
      if (ntry == NULL)
        {
          r->eof = TRUE;
          return set_xml_error (r, error);
        }
      process_entry (r, ntry);
      /* step over the entry so the reader frees its subtree */
      if (xmlTextReaderNext (r->reader) != 1)
        {
          r->eof = TRUE;
          if (r->xml_error != NULL)
            return set_xml_error (r, error);
          continue;
        }
      if (xmlTextReaderNodeType (r->reader) == XML_READER_TYPE_ELEMENT
          && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (r->reader), "Ntry") == 0)
        r->on_entry = TRUE;
    }
  return TRUE;
}

static guint64
camt_bytes_read (gpointer data)
{
  return ((CamtReader *) data)->bytes_read;
}

static guint64
camt_bytes_total (gpointer data)
{
  return ((CamtReader *) data)->size;
}

static void
camt_free (gpointer data)
{
  CamtReader *r = data;

  if (r == NULL)
    return;
  if (r->reader != NULL)
    xmlFreeTextReader (r->reader);
  g_clear_object (&r->in);
  g_free (r->iban);
  g_free (r->currency);
  g_free (r->xml_error);
  g_free (r);
}

const RegImportBackendClass reg_camt_reader_class = {
  camt_step, camt_bytes_read, camt_bytes_total, NULL, camt_free,
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamtReader, camt_free)

gpointer
reg_camt_reader_new (const char *path, RegImportCtx *ctx, char **source_out, GError **error)
{
  g_autoptr(CamtReader) r = g_new0 (CamtReader, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  gboolean statement = FALSE;

  static gsize xml_ready = 0;

  /* libxml2 2.9 wants its global state set up once before parsers run on several threads */
  if (g_once_init_enter (&xml_ready))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_ready, 1);
    }
  r->ctx = ctx;
  ctx->named_fields = TRUE;
  r->in = G_INPUT_STREAM (g_file_read (file, NULL, &local));
  if (r->in == NULL)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not open %s: %s"),
                   ctx->display_name, local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (r->in),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    r->size = (guint64) g_file_info_get_size (info);
  r->reader = xmlReaderForIO (read_cb, close_cb, r, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS);
  if (r->reader == NULL)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT, _("%s could not be read as XML"),
                   ctx->display_name);
      return NULL;
    }
  xmlTextReaderSetErrorHandler (r->reader, error_cb, r);

  /* read up to the first entry: the account (for the dedupe namespace) comes before it */
  if (advance_to_entry (r, &statement, &local))
    r->on_entry = TRUE;
  else if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  else
    r->eof = TRUE;
  if (!statement)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                   _("%s is XML but not a CAMT.053 bank statement"), ctx->display_name);
      return NULL;
    }
  /* a statement in another currency than the shop's is refused as a whole, before any row */
  if (r->currency != NULL && ctx->currency != NULL
      && g_ascii_strcasecmp (r->currency, ctx->currency->code) != 0
      && g_ascii_strcasecmp (r->currency, "XXX") != 0)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_CURRENCY,
                   _("%s, line %u, field “%s”: the statement is in %s, but the shop's currency is "
                     "%s; nothing was imported"),
                   ctx->display_name, (guint) MAX (r->currency_line, 0), "Ccy", r->currency,
                   ctx->currency->code);
      return NULL;
    }
  *source_out = g_strconcat ("camt053:", r->iban != NULL ? r->iban : "", NULL);
  return g_steal_pointer (&r);
}
