/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the import wizard shows before anything is imported: the sniffer's guesses and columns
 * under the owner's current choices, and the first rows exactly as the import job's reader
 * will yield them (or why the reader refuses those choices). Read in a worker thread; the
 * result is plain data owned by the caller.
 */
#pragma once

#include "reg-import-job.h"
#include "reg-sniffer.h"

G_BEGIN_DECLS

typedef struct
{
  RegSniffResult *sniff;     /* (owned) guesses and columns under the choices given */
  char           *format;    /* (owned) (nullable) what the reader settled on; NULL when refused */
  char           *preset;    /* (owned) (nullable) */
  char           *encoding;  /* (owned) (nullable) */
  char           *mapping;   /* (owned) (nullable) the fields and the columns they come from, as
                              * reg_import_mapping_to_string() writes them */
  GPtrArray      *rows;      /* (owned) RegImportRow: the first rows as they will be read */
  GPtrArray      *issues;    /* (owned) RegImportIssue: rejected rows among them */
  char           *problem;   /* (owned) (nullable) why the file cannot be read with these
                              * choices, in words; rows and issues are empty then */
} RegImportPreview;

/**
 * reg_import_preview_free:
 * @preview: (transfer full) (nullable): a preview
 *
 * Frees @preview with everything it holds.
 */
void              reg_import_preview_free   (RegImportPreview       *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportPreview, reg_import_preview_free)

/**
 * reg_import_preview_read:
 * @path: the file to look at
 * @req: (nullable): preset, format, mapping (fields and options such as the delimiter), date
 *   format, decimal mark and encoding as the import will get them; %NULL or 0: detect; dry
 *   run, unmatched payers and the like are ignored. Borrowed for the call.
 * @shop_currency: (nullable): ISO 4217 code of the shop's currency (its minor-unit exponent
 *   reads the amounts; rows in another currency are rejected)
 * @max_rows: how many rows (read or rejected) to keep, at most
 * @cancellable: (nullable): cancels the read
 * @error: %REG_IO_ERROR_OPEN or %REG_IO_ERROR_ENCODING when the file cannot be read at all,
 *   %G_IO_ERROR_CANCELLED
 *
 * Reads the head of @path as the import would. Blocking; any thread.
 *
 * Returns: (transfer full) (nullable): the preview; a reader that refuses the choices (a
 *   mapped column that is missing, a preset that does not fit) gives a preview with @problem
 *   set. %NULL with @error set otherwise.
 */
RegImportPreview *reg_import_preview_read   (const char              *path,
                                             const RegImportRequest  *req,
                                             const char              *shop_currency,
                                             guint                    max_rows,
                                             GCancellable            *cancellable,
                                             GError                 **error);
/**
 * reg_import_preview_async:
 * @shop: the open shop (its currency is read here, on the calling thread)
 * @path: the file to look at
 * @req: (nullable): as reg_import_preview_read() takes it; copied before this returns
 * @max_rows: how many data rows to keep, at most
 * @cancellable: (nullable): cancels the read
 * @callback: called on the calling thread's main context when the preview is read
 * @user_data: for @callback
 *
 * reg_import_preview_read() in a worker thread; finish with reg_import_preview_finish().
 */
void              reg_import_preview_async  (RegShop                 *shop,
                                             const char              *path,
                                             const RegImportRequest  *req,
                                             guint                    max_rows,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
/**
 * reg_import_preview_finish:
 * @result: the result handed to the callback
 * @error: as reg_import_preview_read() sets it, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL with @error set.
 */
RegImportPreview *reg_import_preview_finish (GAsyncResult            *result,
                                             GError                 **error);

G_END_DECLS
