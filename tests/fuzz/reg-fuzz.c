/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fuzz entry points (see reg-fuzz.h). The import readers take a path, so each input is
 * written to one temp file per process and read back through reg_import_reader_new() exactly as
 * an import does; the amount and date parsers take the bytes directly. Besides not crashing,
 * every result has to keep the promises the import job and the GUI rely on: valid UTF-8 text
 * (it goes into SQLite, JSON and GTK labels), real dates, amounts within CLV_MONEY_MAX, exactly
 * one of row or issue per step, and parsed values that read back the same after formatting.
 * Survey results go through RegFeedbackReader and the column layout the import wizard offers.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clv-date.h"
#include "clv-money.h"
#include "reg-feedback-reader.h"
#include "reg-fuzz.h"
#include "reg-import-private.h"
#include "reg-io-error.h"
#include "reg-import-reader.h"
#include "reg-sniffer.h"

typedef enum
{
  KIND_IMPORT,
  KIND_FEEDBACK,
  KIND_SNIFF,
  KIND_MONEY,
  KIND_DATE,
} TargetKind;

typedef struct
{
  const char *name;
  TargetKind  kind;
  const char *format;     /* import: forced format, NULL = detected */
  const char *preset;     /* import: preset, NULL = none */
  const char *suffix;     /* temp file name ending, as such files are usually named */
} Target;

/* CSV targets force the CSV reader so that every input exercises it, whatever it looks like. */
static const Target targets[] = {
  { "csv", KIND_IMPORT, "csv", NULL, ".csv" },
  { "csv-shopify", KIND_IMPORT, "csv", "shopify", ".csv" },
  { "csv-woocommerce", KIND_IMPORT, "csv", "woocommerce", ".csv" },
  { "csv-square", KIND_IMPORT, "csv", "square", ".csv" },
  { "csv-stripe", KIND_IMPORT, "csv", "stripe", ".csv" },
  { "csv-paypal", KIND_IMPORT, "csv", "paypal", ".csv" },
  { "csv-etsy", KIND_IMPORT, "csv", "etsy", ".csv" },
  { "csv-online-retail", KIND_IMPORT, "csv", "online-retail", ".csv" },
  { "csv-bank-csv", KIND_IMPORT, "csv", "bank-csv", ".csv" },
  { "ofx", KIND_IMPORT, "ofx", NULL, ".ofx" },
  { "qif", KIND_IMPORT, "qif", NULL, ".qif" },
  { "camt053", KIND_IMPORT, "camt053", NULL, ".xml" },
  { "mt940", KIND_IMPORT, "mt940", NULL, ".sta" },
  { "feedback", KIND_FEEDBACK, NULL, NULL, ".csv" },
  { "sniff", KIND_SNIFF, NULL, NULL, ".txt" },
  { "money", KIND_MONEY, NULL, NULL, NULL },
  { "date", KIND_DATE, NULL, NULL, NULL },
};

static char *tmp_dir;   /* per process, removed at exit */

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmp_dir == NULL)
    return;
  if ((dir = g_dir_open (tmp_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* Writes @data to the process's temp file: plain write(), no fsync (g_file_set_contents would
 * sync on every input and slow the fuzzer down tenfold). */
static char *
write_input (const Target *t, const guint8 *data, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat ("input", t->suffix, NULL);
  char *path;
  int fd;

  if (tmp_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("regulars-fuzz-XXXXXX", &error);
      if (tmp_dir == NULL)
        g_error ("fuzz: no temp folder: %s", error->message);
      atexit (remove_tmp_dir);
    }
  path = g_build_filename (tmp_dir, name, NULL);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    g_error ("fuzz: cannot write %s: %s", path, g_strerror (errno));
  for (gsize done = 0; done < size;)
    {
      ssize_t n = write (fd, data + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("fuzz: cannot write %s: %s", path, g_strerror (errno));
      done += (gsize) n;
    }
  close (fd);
  return path;
}

static void
check_text (const char *target, const char *what, const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (text, NULL);
      g_error ("fuzz %s: %s is not valid UTF-8: “%s”", target, what, escaped);
    }
}

static void
check_row (const char *target, const RegImportRow *row)
{
  if (row->kind != REG_ROW_SKIPPED)
    {
      if (!g_date_valid_julian ((guint32) row->day) || row->day <= 0)
        g_error ("fuzz %s: line %u: day %d is not a date", target, row->line, row->day);
      if (row->amount > CLV_MONEY_MAX || row->amount < -CLV_MONEY_MAX)
        g_error ("fuzz %s: line %u: amount %" G_GINT64_FORMAT " out of range", target, row->line,
                 row->amount);
    }
  check_text (target, "skip_reason", row->skip_reason);
  check_text (target, "external_id", row->external_id);
  check_text (target, "customer_ref", row->customer_ref);
  check_text (target, "email", row->email);
  check_text (target, "name", row->name);
  check_text (target, "iban", row->iban);
  check_text (target, "reference", row->reference);
  check_text (target, "currency", row->currency);
  check_text (target, "status", row->status);
  check_text (target, "note", row->note);
  if (row->legacy_hash != NULL && strlen (row->legacy_hash) != 64)
    g_error ("fuzz %s: line %u: content hash “%s”", target, row->line, row->legacy_hash);
}

static void
check_issue (const char *target, const RegImportIssue *issue)
{
  if (issue->reason == NULL)
    g_error ("fuzz %s: line %u: a rejected row without a reason", target, issue->line);
  check_text (target, "issue field", issue->field);
  check_text (target, "issue value", issue->value);
  check_text (target, "issue reason", issue->reason);
}

static void
check_error (const char *target, const GError *error)
{
  if (error == NULL)
    g_error ("fuzz %s: failed without an error", target);
  check_text (target, "error message", error->message);
}

static void
fuzz_import (const Target *t, const guint8 *data, gsize size)
{
  g_autofree char *path = write_input (t, data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = NULL;
  RegImportOptions opts = { 0 };

  opts.format = t->format;
  opts.preset = t->preset;
  opts.shop_currency = "EUR";
  reader = reg_import_reader_new (path, &opts, &error);
  if (reader == NULL)
    {
      check_error (t->name, error);
      return;
    }
  check_text (t->name, "format", reg_import_reader_get_format (reader));
  check_text (t->name, "source", reg_import_reader_get_source (reader));
  for (;;)
    {
      g_autoptr(RegImportRow) row = NULL;
      g_autoptr(RegImportIssue) issue = NULL;

      if (!reg_import_reader_next (reader, &row, &issue, NULL, &error))
        {
          if (row != NULL || issue != NULL)
            g_error ("fuzz %s: a result handed out at the end", t->name);
          if (error != NULL)
            check_error (t->name, error);
          break;
        }
      if ((row == NULL) == (issue == NULL))
        g_error ("fuzz %s: a step gave %s", t->name,
                 row == NULL ? "nothing" : "a row and an issue");
      if (row != NULL)
        check_row (t->name, row);
      else
        check_issue (t->name, issue);
    }
  if (reg_import_reader_get_bytes_read (reader) > reg_import_reader_get_bytes_total (reader)
      && reg_import_reader_get_bytes_total (reader) > 0)
    g_error ("fuzz %s: read %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes", t->name,
             reg_import_reader_get_bytes_read (reader), reg_import_reader_get_bytes_total (reader));
}

static void
check_layout (const char *target, const RegFeedbackLayout *layout)
{
  if (layout->columns == NULL || layout->columns->len > REG_FEEDBACK_LAYOUT_MAX_COLUMNS)
    g_error ("fuzz %s: layout of %u columns", target,
             layout->columns != NULL ? layout->columns->len : 0);
  for (guint i = 0; i < layout->columns->len; i++)
    {
      const RegFeedbackColumn *col = g_ptr_array_index (layout->columns, i);

      if (col->label == NULL || col->value == NULL || *col->value == '\0')
        g_error ("fuzz %s: column %u has no label or no value", target, i);
      check_text (target, "column label", col->label);
      check_text (target, "column value", col->value);
      check_text (target, "column sample", col->sample);
      /* the wizard writes values into "field=value,…": a comma would split the entry */
      if (strchr (col->value, ',') != NULL)
        g_error ("fuzz %s: column %u is named “%s” in a mapping", target, i, col->value);
    }
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (layout->column_of[f] < -1 || layout->column_of[f] >= (int) layout->columns->len)
      g_error ("fuzz %s: field %u from column %d of %u", target, f, layout->column_of[f],
               layout->columns->len);
}

static void
check_feedback_row (const char *target, const RegFeedbackRow *row)
{
  if (row->line == 0)
    g_error ("fuzz %s: an answer without a line", target);
  if (row->email == NULL || *row->email == '\0')
    g_error ("fuzz %s: line %u: an answer without an e-mail address", target, row->line);
  if (!g_date_valid_julian ((guint32) row->day) || row->day <= 0)
    g_error ("fuzz %s: line %u: day %d is not a date", target, row->line, row->day);
  if (row->score < 0 || row->score > 10)
    g_error ("fuzz %s: line %u: score %d", target, row->line, row->score);
  check_text (target, "email", row->email);
  check_text (target, "comment", row->comment);
}

/* Survey results: the layout the import wizard offers, then the reader to the end, the kind
 * settled as the import settles it and every score checked against it; once by header names,
 * once with columns by position: every field, or (for inputs of odd length) only the e-mail
 * address and the score, as the wizard passes them while the owner is still choosing. */
static void
fuzz_feedback (const Target *t, const guint8 *data, gsize size)
{
  const char *mappings[] = { NULL, size % 2 == 0 ? "email=#1,score=#2,date=#3,comment=#4"
                                                 : "email=#1,score=#2" };
  g_autofree char *path = write_input (t, data, size);

  for (gsize m = 0; m < G_N_ELEMENTS (mappings); m++)
    {
      RegFeedbackOptions opts = { .mapping = mappings[m] };
      g_autoptr(GError) error = NULL;
      g_autoptr(RegFeedbackLayout) layout = NULL;
      g_autoptr(RegFeedbackReader) reader = NULL;
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_feedback_row_free);
      g_autofree char *mapping = NULL;
      RegFeedbackKind kind;
      guint issues = 0;

      layout = reg_feedback_read_layout (path, &opts, &error);
      if (layout == NULL)
        check_error (t->name, error);
      else
        check_layout (t->name, layout);
      g_clear_error (&error);

      reader = reg_feedback_reader_new (path, &opts, &error);
      if (reader == NULL)
        {
          check_error (t->name, error);
          continue;
        }
      check_text (t->name, "display name", reg_feedback_reader_get_display_name (reader));
      check_text (t->name, "encoding", reg_feedback_reader_get_encoding (reader));
      mapping = reg_feedback_reader_dup_mapping (reader);
      check_text (t->name, "mapping", mapping);
      for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
        {
          int c = reg_feedback_reader_get_column_index (reader, (RegFeedbackField) f);

          if (c < -1 || (c < 0 && f != REG_FEEDBACK_FIELD_COMMENT))
            g_error ("fuzz %s: field %u read from column %d", t->name, f, c);
          check_text (t->name, "column", reg_feedback_reader_get_column (reader, (RegFeedbackField) f));
        }
      for (;;)
        {
          RegFeedbackRow *row = NULL;
          g_autoptr(RegImportIssue) issue = NULL;

          if (!reg_feedback_reader_next (reader, &row, &issue, NULL, &error))
            {
              if (row != NULL || issue != NULL)
                g_error ("fuzz %s: a result handed out at the end", t->name);
              if (error != NULL)
                check_error (t->name, error);
              break;
            }
          if ((row == NULL) == (issue == NULL))
            g_error ("fuzz %s: a step gave %s", t->name, row == NULL ? "nothing" : "a row and an issue");
          if (row != NULL)
            {
              check_feedback_row (t->name, row);
              g_ptr_array_add (rows, row);
            }
          else
            {
              check_issue (t->name, issue);
              issues++;
            }
        }
      g_clear_error (&error);
      if (reg_feedback_reader_get_rows_read (reader) < rows->len + issues)
        g_error ("fuzz %s: %u answers and %u rejected rows from %u rows read", t->name, rows->len,
                 issues, reg_feedback_reader_get_rows_read (reader));
      if (reg_feedback_reader_get_bytes_total (reader) > 0
          && reg_feedback_reader_get_bytes_read (reader) > reg_feedback_reader_get_bytes_total (reader))
        g_error ("fuzz %s: read %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes", t->name,
                 reg_feedback_reader_get_bytes_read (reader), reg_feedback_reader_get_bytes_total (reader));

      /* the kind as the import settles it, or the owner's */
      if (!reg_feedback_reader_settle_kind (reader, REG_FEEDBACK_KIND_AUTO, &kind, &error))
        {
          if (!g_error_matches (error, REG_IO_ERROR, REG_IO_ERROR_AMBIGUOUS))
            g_error ("fuzz %s: the kind is not settled: %s", t->name, error->message);
          check_error (t->name, error);
          kind = REG_FEEDBACK_KIND_CSAT;
        }
      else if (kind != REG_FEEDBACK_KIND_NPS && kind != REG_FEEDBACK_KIND_CSAT)
        g_error ("fuzz %s: settled on kind %d", t->name, kind);
      for (guint i = 0; i < rows->len; i++)
        {
          const RegFeedbackRow *row = g_ptr_array_index (rows, i);
          g_autoptr(RegImportIssue) issue = reg_feedback_reader_check_score (reader, row, kind);

          if (issue != NULL)
            check_issue (t->name, issue);
          if ((issue != NULL) != (kind == REG_FEEDBACK_KIND_CSAT && (row->score < 1 || row->score > 5)))
            g_error ("fuzz %s: line %u: score %d as %s %s", t->name, row->line, row->score,
                     reg_feedback_kind_to_string (kind), issue != NULL ? "refused" : "taken");
        }
    }
}

static void
check_confidence (const char *target, const char *what, double c)
{
  if (!(c >= 0 && c <= 1))
    g_error ("fuzz %s: %s confidence %g is not in 0..1", target, what, c);
}

static void
fuzz_sniff (const Target *t, const guint8 *data, gsize size)
{
  g_autofree char *path = write_input (t, data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSniffResult) res = reg_sniff_file (path, &error);

  if (res == NULL)
    {
      check_error (t->name, error);
      return;
    }
  if (res->format == NULL)
    g_error ("fuzz %s: no format", t->name);
  check_text (t->name, "format", res->format);
  check_text (t->name, "encoding", res->encoding);
  check_text (t->name, "thousands", res->thousands);
  check_text (t->name, "preset", res->preset);
  check_confidence (t->name, "format", res->format_confidence);
  check_confidence (t->name, "encoding", res->encoding_confidence);
  check_confidence (t->name, "delimiter", res->delimiter_confidence);
  check_confidence (t->name, "decimal", res->decimal_confidence);
  check_confidence (t->name, "thousands", res->thousands_confidence);
  check_confidence (t->name, "date order", res->date_order_confidence);
  check_confidence (t->name, "header", res->header_confidence);
  check_confidence (t->name, "preset", res->preset_confidence);
  (void) reg_sniff_result_get_date_order_id (res);
  for (guint i = 0; res->columns != NULL && i < res->columns->len; i++)
    {
      const RegSniffColumn *col = g_ptr_array_index (res->columns, i);
      if (col->name == NULL)
        g_error ("fuzz %s: column %u has no name", t->name, i);
      check_text (t->name, "column name", col->name);
      check_text (t->name, "column sample", col->sample);
      check_text (t->name, "column field", col->field);
    }
  for (guint i = 0; res->preview != NULL && i < res->preview->len; i++)
    check_row (t->name, g_ptr_array_index (res->preview, i));
  for (guint i = 0; res->preview_issues != NULL && i < res->preview_issues->len; i++)
    check_issue (t->name, g_ptr_array_index (res->preview_issues, i));
}

/* First byte: decimal mark (none, '.', ',') and exponent 0..4; the rest is the amount text. */
static void
fuzz_money (const Target *t, const guint8 *data, gsize size)
{
  static const char decimals[] = { '\0', '.', ',' };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 minor = 0, plain = 0;
  gboolean ok, plain_ok;
  char decimal;
  guint exponent;

  if (size == 0)
    return;
  decimal = decimals[data[0] % 3];
  exponent = (guint) (data[0] / 3) % 5;
  text = g_strndup ((const char *) data + 1, size - 1);

  ok = clv_money_parse_with (text, decimal, exponent, &minor, &error);
  if (!ok)
    {
      if (error == NULL || error->message == NULL)
        g_error ("fuzz %s: “%s” refused without an error", t->name, text);
    }
  else
    {
      g_autofree char *back_text = NULL;
      gint64 back = 0;

      if (minor > CLV_MONEY_MAX || minor < -CLV_MONEY_MAX)
        g_error ("fuzz %s: “%s” gave %" G_GINT64_FORMAT ", out of range", t->name, text, minor);
      /* what the exporters write must read back as the same amount */
      back_text = clv_money_format_number (minor, exponent);
      if (!clv_money_parse_with (back_text, '.', exponent, &back, NULL) || back != minor)
        g_error ("fuzz %s: “%s” gave %" G_GINT64_FORMAT ", written “%s”, read back %"
                 G_GINT64_FORMAT, t->name, text, minor, back_text, back);
    }

  /* the importers' fast path must agree with the full parser wherever both read the text */
  plain_ok = reg_parse_plain_amount (text, decimal, exponent, &plain);
  if (plain_ok && (plain > CLV_MONEY_MAX || plain < -CLV_MONEY_MAX))
    g_error ("fuzz %s: fast path read “%s” as %" G_GINT64_FORMAT ", out of range", t->name, text,
             plain);
  if (plain_ok && ok && decimal != '\0' && plain != minor)
    g_error ("fuzz %s: “%s” is %" G_GINT64_FORMAT " by the fast path, %" G_GINT64_FORMAT
             " by the full parser", t->name, text, plain, minor);
}

/* First byte: date order (unknown, DMY, MDY, YMD); the rest is the date text. */
static void
fuzz_date (const Target *t, const guint8 *data, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean dmy, mdy, ymd;
  ClvDateOrder order;
  gint32 day = 0;

  if (size == 0)
    return;
  order = (ClvDateOrder) (data[0] % 4);
  text = g_strndup ((const char *) data + 1, size - 1);
  if (clv_date_parse (text, order, &day, &error))
    {
      g_autofree char *iso = NULL;
      gint32 back = 0;

      if (day <= 0 || !g_date_valid_julian ((guint32) day))
        g_error ("fuzz %s: “%s” gave day %d", t->name, text, day);
      iso = clv_date_format_iso (day);
      if (!clv_date_parse_iso (iso, &back) || back != day)
        g_error ("fuzz %s: “%s” gave day %d, written “%s”, read back %d", t->name, text, day, iso,
                 back);
    }
  else if (error == NULL)
    g_error ("fuzz %s: “%s” refused without an error", t->name, text);
  (void) clv_date_guess_orders (text, &dmy, &mdy, &ymd);
}

const char *const *
reg_fuzz_target_names (void)
{
  static const char *names[G_N_ELEMENTS (targets) + 1];

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    names[i] = targets[i].name;
  return names;
}

static const Target *
find_target (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    if (g_strcmp0 (targets[i].name, name) == 0)
      return &targets[i];
  return NULL;
}

gboolean
reg_fuzz_target_exists (const char *name)
{
  return find_target (name) != NULL;
}

void
reg_fuzz_run (const char *target, const guint8 *data, gsize size)
{
  const Target *t = find_target (target);

  if (t == NULL)
    g_error ("fuzz: no target “%s”", target);
  switch (t->kind)
    {
    case KIND_IMPORT:
      fuzz_import (t, data, size);
      break;
    case KIND_FEEDBACK:
      fuzz_feedback (t, data, size);
      break;
    case KIND_SNIFF:
      fuzz_sniff (t, data, size);
      break;
    case KIND_MONEY:
      fuzz_money (t, data, size);
      break;
    case KIND_DATE:
      fuzz_date (t, data, size);
      break;
    default:
      g_assert_not_reached ();
    }
}
