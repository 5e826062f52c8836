/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the import readers of app/io: the context each format backend writes its
 * results into (a small queue of rows and rejected rows), value helpers that turn text into
 * amounts, dates, e-mails and IBANs with messages naming file, line, column and value, and the
 * backend table RegImportReader dispatches through. Not installed; not for app/services.
 */
#pragma once

#include <gio/gio.h>

#include "clv-date.h"
#include "clv-money.h"
#include "reg-import-mapping.h"
#include "reg-import-reader.h"
#include "reg-import-row.h"
#include "reg-occurrence.h"

G_BEGIN_DECLS

typedef struct
{
  RegImportRow   *row;     /* (owned) (nullable) */
  RegImportIssue *issue;   /* (owned) (nullable) */
  guint64         base;    /* the row's content, whose occurrence is counted as it leaves the
                            * queue (in file order), when keyed */
  gboolean        keyed;
} RegImportQueued;

/* What every backend sees: options resolved, and where results go. */
typedef struct
{
  char         *display_name;   /* (owned) file name for messages */
  char          decimal;        /* '.' or ',' or 0 (unknown: ambiguous amounts are rejected) */
  guint         exponent;       /* digits after the decimal mark of the shop currency */
  const ClvCurrency *currency;  /* (nullable) the shop's: amounts stating another are refused */
  ClvDateOrder  date_order;     /* never UNKNOWN once a backend runs, except for ISO-only files */
  GArray       *queue;          /* RegImportQueued */
  guint         queue_head;
  guint         rows_read;      /* physical data rows consumed */
  gboolean      named_fields;   /* messages say "field “D”" (QIF, OFX, XML), not "column" */
  gboolean      lazy_hash;      /* no content key on rows that have an external id */
  gboolean      legacy_hash;    /* rows without an external id get legacy_hash too */
  RegOccurrence *occurrences;   /* (owned) rows of each content so far in this file */
  GChecksum    *checksum;       /* (owned) reused for legacy hashes */
  GString      *scratch;        /* (owned) */
  gint32        today;          /* the day the import began: sales after a year from it are
                                 * rejected (clv_date_check_sale) */
} RegImportCtx;

typedef struct
{
  /* Reads on until at least one result is queued or the input ends. Returns FALSE at the end
   * (error unset) or on a fatal error. */
  gboolean (*step)        (gpointer backend, RegImportCtx *ctx, GCancellable *cancellable,
                           GError **error);
  guint64  (*bytes_read)  (gpointer backend);
  guint64  (*bytes_total) (gpointer backend);
  const char *(*encoding) (gpointer backend);   /* (nullable) text encoding in use */
  void     (*free)        (gpointer backend);
} RegImportBackendClass;

void      reg_import_row_compute_hash_with (RegImportRow *row,
                                            GChecksum    *checksum,
                                            GString      *scratch);
/* The content key in two steps: the content's alone, then with the occurrence. */
guint64   reg_import_row_content_base      (const RegImportRow *row);
gint64    reg_import_row_key_of            (guint64       base,
                                            guint32       occurrence);

RegImportCtx *reg_import_ctx_new           (const char *path);
void      reg_import_ctx_free              (RegImportCtx *ctx);
RegImportRow *reg_import_ctx_new_row       (RegImportCtx *ctx,
                                            guint         line,
                                            RegRowKind    kind);
/* Takes ownership; sets the content key (counting the row's occurrence in the file). */
void      reg_import_ctx_emit_row          (RegImportCtx *ctx,
                                            RegImportRow *row);
/* A SKIPPED row: kind is changed, reason kept. */
void      reg_import_ctx_emit_skipped      (RegImportCtx *ctx,
                                            RegImportRow *row,
                                            const char   *reason);
/* A rejected row; reason is the whole sentence. */
void      reg_import_ctx_emit_issue        (RegImportCtx *ctx,
                                            guint         line,
                                            const char   *field,
                                            const char   *value,
                                            const char   *reason);
/* "file, line N, column “C”: <detail>" */
void      reg_import_ctx_reject            (RegImportCtx *ctx,
                                            guint         line,
                                            const char   *column,
                                            const char   *value,
                                            const char   *detail);
gboolean  reg_import_ctx_pop               (RegImportCtx   *ctx,
                                            RegImportRow  **row,
                                            RegImportIssue **issue);
gboolean  reg_import_ctx_has_results       (RegImportCtx *ctx);

/* Value helpers. They return FALSE and queue a rejection naming line, column and value. */
gboolean  reg_import_ctx_parse_amount      (RegImportCtx *ctx,
                                            guint         line,
                                            const char   *column,
                                            const char   *text,
                                            gint64       *out);
/* Like parse_amount with extra decimals: qty x price products are rounded once at the end. */
gboolean  reg_import_ctx_parse_amount_exp  (RegImportCtx *ctx,
                                            guint         line,
                                            const char   *column,
                                            const char   *text,
                                            guint         exponent,
                                            gint64       *out);
gboolean  reg_import_ctx_parse_date        (RegImportCtx *ctx,
                                            guint         line,
                                            const char   *column,
                                            const char   *text,
                                            gint32       *out);
/* Whether @text reads as a date, without queuing a rejection. */
gboolean  reg_import_ctx_probe_date        (RegImportCtx *ctx,
                                            const char   *text,
                                            gint32       *out);

/* Fast amount reader for plain "-1234.56": returns FALSE when the text needs the full parser. */
gboolean  reg_parse_plain_amount           (const char *text,
                                            char        decimal,
                                            guint       exponent,
                                            gint64     *out);
gboolean  reg_text_is_blank                (const char *text);
/* Setters that normalise and take NULL/blank as unset. */
void      reg_row_set_text                 (char      **slot,
                                            const char *text);
void      reg_row_set_email                (char      **slot,
                                            const char *text);
void      reg_row_set_iban                 (char      **slot,
                                            const char *text);
void      reg_row_set_currency             (char      **slot,
                                            const char *text);
/* Finds an IBAN-shaped token in free text ("… AT098765432109876543 Payment receiver"). */
char     *reg_find_iban                    (const char *text,
                                            const char **after);
/* Case-insensitive word search used for status and type texts. */
gboolean  reg_text_contains_word           (const char *haystack,
                                            const char *needle);
ClvDateOrder reg_date_order_from_format    (const char *format);

/* Internal constructors used by RegImportReader. */
gpointer  reg_csv_import_new               (const char             *path,
                                            const RegImportOptions *opts,
                                            const RegSniffResult   *sniff,
                                            RegImportCtx           *ctx,
                                            char                  **preset_out,
                                            char                  **source_out,
                                            RegImportMapping      **mapping_out,
                                            GError                **error);
extern const RegImportBackendClass reg_csv_import_class;

gpointer  reg_ofx_reader_new               (const char   *path,
                                            RegImportCtx *ctx,
                                            char        **source_out,
                                            GError      **error);
extern const RegImportBackendClass reg_ofx_reader_class;

gpointer  reg_qif_reader_new               (const char             *path,
                                            const RegImportOptions *opts,
                                            RegImportCtx           *ctx,
                                            char                  **source_out,
                                            GError                **error);
extern const RegImportBackendClass reg_qif_reader_class;

gpointer  reg_camt_reader_new              (const char   *path,
                                            RegImportCtx *ctx,
                                            char        **source_out,
                                            GError      **error);
extern const RegImportBackendClass reg_camt_reader_class;

gpointer  reg_mt940_reader_new             (const char   *path,
                                            RegImportCtx *ctx,
                                            char        **source_out,
                                            GError      **error);
extern const RegImportBackendClass reg_mt940_reader_class;

/* Sniffing without the preview, for the reader itself. */
RegSniffResult *reg_sniff_file_internal    (const char *path,
                                            const char *encoding,
                                            char        delimiter,
                                            const char *format,
                                            const char *preset,
                                            GError    **error);
/* The format of a file from its first bytes: "csv", "ofx", "qif", "camt053", "mt940". */
const char *reg_sniff_format_of_head       (const char *head,
                                            gsize       len,
                                            double     *confidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportCtx, reg_import_ctx_free)

G_END_DECLS
