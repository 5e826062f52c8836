/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the import reader tests: read a whole file into lists of rows and rejected
 * rows with counts and totals, find rows by external id, build fixture and shared-data paths.
 * Header-only (static functions) so each test program stays one source file.
 */
#pragma once

#include <string.h>
#include <gio/gio.h>

#include "clv-date.h"
#include "reg-import-reader.h"
#include "reg-io-error.h"
#include "reg-sniffer.h"
#include "reg-test-utils.h"

typedef struct
{
  GPtrArray *rows;          /* RegImportRow, in file order */
  GPtrArray *issues;        /* RegImportIssue */
  guint      sales;
  guint      refunds;
  guint      skipped;
  gint64     sales_total;   /* minor units */
  gint64     refunds_total; /* minor units, negative */
  guint      rows_read;
  guint64    bytes_read;
  guint64    bytes_total;
  char      *format;
  char      *preset;
  char      *source;
  char      *encoding;
} ImportResult;

static inline void
import_result_free (ImportResult *res)
{
  g_ptr_array_unref (res->rows);
  g_ptr_array_unref (res->issues);
  g_free (res->format);
  g_free (res->preset);
  g_free (res->source);
  g_free (res->encoding);
  g_free (res);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportResult, import_result_free)

/* Reads @path to the end; fails the test on a fatal error. */
static inline ImportResult *
import_file (const char *path, const RegImportOptions *opts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegImportReader) reader = reg_import_reader_new (path, opts, &error);
  ImportResult *res = g_new0 (ImportResult, 1);
  RegImportRow *row;
  RegImportIssue *issue;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  res->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_row_free);
  res->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);
  while (reg_import_reader_next (reader, &row, &issue, NULL, &error))
    {
      g_assert_true ((row == NULL) != (issue == NULL));
      if (issue != NULL)
        {
          g_test_message ("rejected: %s", issue->reason);
          g_ptr_array_add (res->issues, issue);
          continue;
        }
      g_assert_cmpint (row->content_key, !=, 0);
      switch (row->kind)
        {
        case REG_ROW_SALE:
          /* 0.00: an order without spend, a visit */
          g_assert_cmpint (row->amount, >=, 0);
          res->sales++;
          res->sales_total += row->amount;
          break;
        case REG_ROW_REFUND:
          g_assert_cmpint (row->amount, <, 0);
          res->refunds++;
          res->refunds_total += row->amount;
          break;
        case REG_ROW_SKIPPED:
        default:
          g_assert_nonnull (row->skip_reason);
          res->skipped++;
          break;
        }
      g_ptr_array_add (res->rows, row);
    }
  g_assert_no_error (error);
  res->rows_read = reg_import_reader_get_rows_read (reader);
  res->bytes_read = reg_import_reader_get_bytes_read (reader);
  res->bytes_total = reg_import_reader_get_bytes_total (reader);
  res->format = g_strdup (reg_import_reader_get_format (reader));
  res->preset = g_strdup (reg_import_reader_get_preset (reader));
  res->source = g_strdup (reg_import_reader_get_source (reader));
  res->encoding = g_strdup (reg_import_reader_get_encoding (reader));
  g_test_message ("%s: rows %u, sales %u (%" G_GINT64_FORMAT "), refunds %u (%" G_GINT64_FORMAT
                  "), skipped %u, rejected %u", path, res->rows_read, res->sales,
                  res->sales_total, res->refunds, res->refunds_total, res->skipped,
                  res->issues->len);
  return res;
}

static inline char *
real_export (const char *dir, const char *file)
{
  return reg_test_shared_data_path ("real-exports", dir, file, NULL);
}

static inline char *
fixture (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", file, NULL);
}

static inline gint32
ymd (int y, int m, int d)
{
  return clv_date_from_ymd (y, m, d);
}

/* The n-th row (0-based) of a kind. */
static inline RegImportRow *
nth_of_kind (ImportResult *res, RegRowKind kind, guint n)
{
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (row->kind == kind && n-- == 0)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static inline RegImportRow *
row_with_id (ImportResult *res, const char *external_id)
{
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (g_strcmp0 (row->external_id, external_id) == 0)
        return row;
    }
  g_test_message ("no row with id %s", external_id);
  g_assert_not_reached ();
  return NULL;
}

static inline RegImportRow *
row_at_line (ImportResult *res, guint line, RegRowKind kind)
{
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (row->line == line && row->kind == kind)
        return row;
    }
  g_test_message ("no row of that kind at line %u", line);
  g_assert_not_reached ();
  return NULL;
}

/* Sum of sales and refunds in one currency (NULL: rows without a currency). */
static inline gint64
net_in (ImportResult *res, const char *currency)
{
  gint64 sum = 0;
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (row->kind != REG_ROW_SKIPPED && g_strcmp0 (row->currency, currency) == 0)
        sum += row->amount;
    }
  return sum;
}

static inline guint
count_skipped_because (ImportResult *res, const char *reason)
{
  guint n = 0;
  for (guint i = 0; i < res->rows->len; i++)
    {
      RegImportRow *row = g_ptr_array_index (res->rows, i);
      if (row->kind == REG_ROW_SKIPPED && g_strcmp0 (row->skip_reason, reason) == 0)
        n++;
    }
  return n;
}

static inline RegImportIssue *
issue_at (ImportResult *res, guint i)
{
  g_assert_cmpuint (i, <, res->issues->len);
  return g_ptr_array_index (res->issues, i);
}
