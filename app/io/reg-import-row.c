/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportRow / RegImportIssue: allocation, freeing and the content key used to deduplicate rows
 * that carry no external id. The key covers what identifies a payment (kind, day, amount,
 * currency, customer id, e-mail, name, IBAN, reference) and the occurrence of the identical row
 * in its file, never the line number or status text, which change when a file is downloaded
 * again. It is a 64-bit integer (FNV-1a over the fields, then a mixing step): a million rows
 * cost milliseconds, and the shop indexes an integer rather than 64 characters of hex.
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
  g_free (row->channel);
  g_free (row->legacy_hash);
  if (row->lines != NULL)
    g_array_unref (row->lines);
  g_free (row);
}

static void
line_clear (gpointer data)
{
  RegImportLine *line = data;

  g_free (line->code);
  g_free (line->name);
}

void
reg_import_row_add_line (RegImportRow *row, const char *code, const char *name, gint64 quantity,
                         gint64 amount)
{
  RegImportLine line = { 0 };

  reg_row_set_text (&line.code, code);
  reg_row_set_text (&line.name, name);
  if (line.code == NULL)
    line.code = g_strdup (line.name);
  if (line.name == NULL)
    line.name = g_strdup (line.code);
  if (line.code == NULL)
    return;
  line.quantity = quantity;
  line.amount = amount;
  if (row->lines == NULL)
    {
      row->lines = g_array_new (FALSE, FALSE, sizeof (RegImportLine));
      g_array_set_clear_func (row->lines, line_clear);
    }
  g_array_append_val (row->lines, line);
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

/* Fills row->legacy_hash with the hash imports made before schema 6 stored. A checksum object
 * and a scratch string may be passed in to be reused; NULL allocates them. */
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
  g_free (row->legacy_hash);
  row->legacy_hash = g_strdup (g_checksum_get_string (checksum));
}

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME G_GUINT64_CONSTANT (0x100000001b3)

static inline guint64
fnv_text (guint64 h, const char *s)
{
  if (s != NULL)
    for (; *s != '\0'; s++)
      h = (h ^ (guchar) *s) * FNV_PRIME;
  /* a separator, also after a missing text: ("ab", NULL) and (NULL, "ab") differ */
  return (h ^ 0x1f) * FNV_PRIME;
}

static inline guint64
fnv_int (guint64 h, guint64 v)
{
  for (int i = 0; i < 8; i++, v >>= 8)
    h = (h ^ (v & 0xff)) * FNV_PRIME;
  return h;
}

/* splitmix64's finaliser: every bit of the input moves about half of the output's */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* The key of the content alone: the same for every identical row. */
guint64
reg_import_row_content_base (const RegImportRow *row)
{
  guint64 h = FNV_OFFSET;

  h = fnv_int (h, (guint64) row->kind);
  h = fnv_int (h, (guint64) (gint64) row->day);
  h = fnv_int (h, (guint64) row->amount);
  h = fnv_text (h, row->currency);
  h = fnv_text (h, row->customer_ref);
  h = fnv_text (h, row->email);
  h = fnv_text (h, row->name);
  h = fnv_text (h, row->iban);
  h = fnv_text (h, row->reference);
  return mix64 (h);
}

/**
 * reg_import_row_content_key:
 * @row: a row whose content fields are set
 * @occurrence: 1 for the first row of this content in its file, 2 for the second, …
 *
 * Returns: the row's key for deduplication, never 0 (0 stands for "no key" in the shop).
 */
gint64
reg_import_row_content_key (const RegImportRow *row, guint32 occurrence)
{
  return reg_import_row_key_of (reg_import_row_content_base (row), occurrence);
}

gint64
reg_import_row_key_of (guint64 base, guint32 occurrence)
{
  guint64 key = mix64 (base ^ mix64 ((guint64) occurrence));

  return key != 0 ? (gint64) key : 1;
}

/**
 * reg_import_row_compute_hash:
 * @row: a row whose content fields are set
 *
 * Sets @row->legacy_hash to the hex SHA-256 of the row's normalised content, the key that
 * imports made before schema 6 stored (reg_store_source_has_hashes).
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
