/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCsvReader: CSV records from a text file of any encoding and delimiter, parsed by libcsv, one
 * record at a time with the physical line it starts on (quoted fields may span lines). Memory is
 * bounded by one decoded chunk plus the records parsed from it; a record longer than
 * REG_CSV_MAX_RECORD fails with REG_IO_ERROR_TOO_LARGE. One thread at a time.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REG_CSV_MAX_RECORD ((gsize) 1024 * 1024)

typedef struct
{
  guint        line;       /* 1-based physical line where the record starts */
  guint        n_fields;
  char *const *fields;     /* (transfer none) NUL-terminated UTF-8, valid until the next call */
  const gsize *lengths;
} RegCsvRecord;

typedef struct _RegCsvReader RegCsvReader;

RegCsvReader *reg_csv_reader_new              (const char *path,
                                               const char *encoding,
                                               char        delimiter,
                                               GError    **error);
gboolean      reg_csv_reader_next             (RegCsvReader        *reader,
                                               const RegCsvRecord **record,
                                               GCancellable        *cancellable,
                                               GError             **error);
const char   *reg_csv_reader_get_encoding     (RegCsvReader *reader);
double        reg_csv_reader_get_encoding_confidence (RegCsvReader *reader);
gboolean      reg_csv_reader_get_has_bom      (RegCsvReader *reader);
guint64       reg_csv_reader_get_bytes_read   (RegCsvReader *reader);
guint64       reg_csv_reader_get_bytes_total  (RegCsvReader *reader);
const char   *reg_csv_reader_get_display_name (RegCsvReader *reader);
void          reg_csv_reader_free             (RegCsvReader *reader);

/* Parses UTF-8 text already in memory (the sniffer's head); calls @func for each complete
 * record. When @at_eof is FALSE an unterminated last record is dropped. */
typedef void (*RegCsvRecordFunc) (const RegCsvRecord *record, gpointer user_data);
void          reg_csv_parse_text              (const char      *text,
                                               gsize            len,
                                               char             delimiter,
                                               gboolean         at_eof,
                                               RegCsvRecordFunc func,
                                               gpointer         user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCsvReader, reg_csv_reader_free)

G_END_DECLS
