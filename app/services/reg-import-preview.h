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

void              reg_import_preview_free   (RegImportPreview       *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportPreview, reg_import_preview_free)

/* Any thread. @req: preset, format, mapping (fields and @options such as @delimiter), date
 * format, decimal mark and encoding as the import will get them; NULL/0 = detect.
 * Returns NULL with an error only when the file cannot be opened or decoded at all. */
RegImportPreview *reg_import_preview_read   (const char              *path,
                                             const RegImportRequest  *req,
                                             const char              *shop_currency,
                                             guint                    max_rows,
                                             GCancellable            *cancellable,
                                             GError                 **error);
/* The same in a worker thread; the request is copied before this returns. */
void              reg_import_preview_async  (RegShop                 *shop,
                                             const char              *path,
                                             const RegImportRequest  *req,
                                             guint                    max_rows,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
RegImportPreview *reg_import_preview_finish (GAsyncResult            *result,
                                             GError                 **error);

G_END_DECLS
