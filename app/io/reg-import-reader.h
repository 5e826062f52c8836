/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportReader: the one entry point for reading an import file. It sniffs what the options
 * leave open, picks the CSV / OFX / QIF / CAMT.053 reader and streams RegImportRow (or
 * RegImportIssue for a rejected row) one at a time with flat memory. Use from one thread at a
 * time (the import job's worker); the caller frees the reader and every row it receives.
 */
#pragma once

#include <gio/gio.h>
#include "reg-import-row.h"
#include "reg-import-mapping.h"
#include "reg-sniffer.h"

G_BEGIN_DECLS

typedef struct
{
  const char       *format;            /* "csv", "ofx", "qif", "camt053" or NULL to detect */
  const char       *preset;            /* preset name or NULL */
  RegImportMapping *mapping;           /* explicit field -> column mapping (overrides preset) */
  const char       *date_format;       /* "%d.%m.%Y" or "DMY"/"MDY"/"YMD" or NULL */
  char              decimal;           /* '.' or ',' or 0 */
  const char       *encoding;          /* e.g. "windows-1252" or NULL */
  const char       *shop_currency;     /* ISO code, informative: currency is passed through */
  guint             currency_exponent; /* 0 = 2 (or the shop currency's exponent) */
  gboolean          lazy_hash;         /* TRUE: content_key only on rows without external_id */
} RegImportOptions;

typedef struct _RegImportReader RegImportReader;

/* Longest physical line (or quoted field spanning lines) accepted in a text file. */
#define REG_IMPORT_MAX_LINE ((gsize) 1024 * 1024)

/* Largest file accepted for one import: some ten million rows of a store export. Beyond it the
 * file is refused up front (hashing and reading gigabytes only to fail would take minutes). */
#define REG_IMPORT_MAX_FILE_SIZE ((goffset) 1000 * 1000 * 1000)

RegImportReader *reg_import_reader_new             (const char             *path,
                                                    const RegImportOptions *opts,
                                                    GError                **error);
gboolean         reg_import_reader_next            (RegImportReader *r,
                                                    RegImportRow   **row,
                                                    RegImportIssue **issue,
                                                    GCancellable    *cancellable,
                                                    GError         **error);
guint64          reg_import_reader_get_bytes_read  (RegImportReader *r);
guint64          reg_import_reader_get_bytes_total (RegImportReader *r);
guint            reg_import_reader_get_rows_read   (RegImportReader *r);
const char      *reg_import_reader_get_format      (RegImportReader *r);
const char      *reg_import_reader_get_preset      (RegImportReader *r);
const char      *reg_import_reader_get_source      (RegImportReader *r);
const char      *reg_import_reader_get_encoding    (RegImportReader *r);
const RegImportMapping *reg_import_reader_get_mapping (RegImportReader *r);
/* Rows without an external id read from now on carry legacy_hash too (for shops that hold
 * rows imported before schema 6 from this source). */
void             reg_import_reader_set_legacy_hash (RegImportReader *r,
                                                    gboolean         legacy);
void             reg_import_reader_free            (RegImportReader *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportReader, reg_import_reader_free)

G_END_DECLS
