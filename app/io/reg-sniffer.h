/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sniffing an import file: format, text encoding, delimiter, decimal mark, thousands separator,
 * date order, header line and preset, each with a confidence 0..1, plus the columns and a preview
 * of the first rows as the reader will yield them. Reads only the head of the file.
 */
#pragma once

#include <glib.h>
#include "clv-date.h"
#include "reg-import-row.h"

G_BEGIN_DECLS

typedef struct
{
  char  *name;              /* (owned) header text, or "Column N" when the file has no header */
  guint  index;             /* 0-based position */
  char  *sample;            /* (owned) (nullable) first non-empty value */
  char  *field;             /* (owned) (nullable) field the preset or the guess maps it to */
} RegSniffColumn;

typedef struct
{
  char        *format;                /* (owned) "csv", "ofx", "qif", "camt053", "mt940" */
  double       format_confidence;
  char        *encoding;              /* (owned) iconv name: "UTF-8", "WINDOWS-1252", … */
  double       encoding_confidence;
  gboolean     has_bom;
  char         delimiter;             /* CSV only; 0 otherwise */
  double       delimiter_confidence;
  char         decimal;               /* '.' or ','; 0 when unknown */
  double       decimal_confidence;
  char        *thousands;             /* (owned) "", ",", ".", " ", "'" */
  double       thousands_confidence;
  ClvDateOrder date_order;
  double       date_order_confidence;
  guint        header_line;           /* 1-based physical line of the header; 0 = no header */
  double       header_confidence;
  char        *preset;                /* (owned) (nullable) preset name */
  double       preset_confidence;
  GPtrArray   *columns;               /* (owned) RegSniffColumn */
  GPtrArray   *preview;               /* (owned) RegImportRow: first rows as they will be read */
  GPtrArray   *preview_issues;        /* (owned) RegImportIssue in those first rows */
} RegSniffResult;

RegSniffResult *reg_sniff_file          (const char *path,
                                         GError    **error);
/* The guesses and columns as they come out with some choices fixed by the owner (each NULL or 0
 * = detect), without the preview: what the import wizard shows after a change. */
RegSniffResult *reg_sniff_file_with     (const char *path,
                                         const char *format,
                                         const char *encoding,
                                         char        delimiter,
                                         const char *preset,
                                         GError    **error);
void            reg_sniff_result_free   (RegSniffResult *result);
const char     *reg_sniff_result_get_date_order_id (const RegSniffResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegSniffResult, reg_sniff_result_free)

G_END_DECLS
