/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportRow / RegImportIssue: allocation, freeing and the content hash used to deduplicate rows
 * that carry no external id. The hash covers what identifies a payment (kind, day, amount,
 * currency, customer id, e-mail, name, IBAN, reference), never the line number or status text,
 * which change when a file is downloaded again.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "clv-text.h"
#include "reg-import-private.h"
#include "reg-import-row.h"

RegImportRow *
reg_import_row_new (void)
{
  return g_new0 (RegImportRow, 1);
}

void
reg_import_row_free (RegImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->skip_reason);
  g_free (row->external_id);
  g_free (row->customer_ref);
  g_free (row->email);
  g_free (row->name);
  g_free (row->iban);
  g_free (row->reference);
  g_free (row->currency);
  g_free (row->status);
  g_free (row->note);
  g_free (row->content_hash);
  g_free (row);
}

const char *
reg_row_kind_to_string (RegRowKind kind)
{
  switch (kind)
    {
    case REG_ROW_SALE:
      return "sale";
    case REG_ROW_REFUND:
      return "refund";
    case REG_ROW_SKIPPED:
    default:
      return "skipped";
    }
}

static void
append_part (GString *buf, const char *s)
{
  if (s != NULL)
    g_string_append (buf, s);
  g_string_append_c (buf, '\x1f');
}

/* Fills row->content_hash with a fresh hash. A checksum object and a scratch string may be passed
 * in to be reused (readers hash millions of rows); NULL allocates them. */
static void
append_int (GString *buf, gint64 v)
{
  char tmp[24];
  int n = 0;
  guint64 u = v < 0 ? (guint64) (-(v + 1)) + 1 : (guint64) v;

  do
    tmp[n++] = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    g_string_append_c (buf, '-');
  while (n > 0)
    g_string_append_c (buf, tmp[--n]);
  g_string_append_c (buf, '\x1f');
}

void
reg_import_row_compute_hash_with (RegImportRow *row, GChecksum *checksum, GString *scratch)
{
  g_autoptr(GChecksum) own = NULL;
  GString *buf = scratch;
  g_autoptr(GString) own_buf = NULL;

  if (checksum == NULL)
    checksum = own = g_checksum_new (G_CHECKSUM_SHA256);
  else
    g_checksum_reset (checksum);
  if (buf == NULL)
    buf = own_buf = g_string_sized_new (128);
  else
    g_string_truncate (buf, 0);

  /* version, kind, Julian day, amount in minor units, then the identifying texts */
  g_string_append (buf, "v1\x1f");
  append_part (buf, reg_row_kind_to_string (row->kind));
  append_int (buf, row->day);
  append_int (buf, row->amount);
  append_part (buf, row->currency);
  append_part (buf, row->customer_ref);
  append_part (buf, row->email);
  append_part (buf, row->name);
  append_part (buf, row->iban);
  append_part (buf, row->reference);
  g_checksum_update (checksum, (const guchar *) buf->str, (gssize) buf->len);
  g_free (row->content_hash);
  row->content_hash = g_strdup (g_checksum_get_string (checksum));
}

/**
 * reg_import_row_compute_hash:
 * @row: a row whose content fields are set
 *
 * Sets @row->content_hash to the hex SHA-256 of the row's normalised content. Readers call this
 * before yielding a row; call it again after changing a row by hand.
 */
void
reg_import_row_compute_hash (RegImportRow *row)
{
  reg_import_row_compute_hash_with (row, NULL, NULL);
}

RegImportIssue *
reg_import_issue_new (guint line, const char *field, const char *value, const char *reason)
{
  RegImportIssue *issue = g_new0 (RegImportIssue, 1);

  issue->line = line;
  issue->field = g_strdup (field);
  /* kept as messages quote it: a rejected 100 KB line is not carried whole to every list */
  issue->value = value != NULL ? clv_text_quote (value) : NULL;
  issue->reason = g_strdup (reason);
  return issue;
}

void
reg_import_issue_free (RegImportIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->field);
  g_free (issue->value);
  g_free (issue->reason);
  g_free (issue);
}
