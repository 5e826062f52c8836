/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The line items of an import's sales, written after their sales by the import job's thread:
 * each line's product is found (or added) once per code, and the lines go to the sale that
 * this import added for the order (an order the shop had already keeps the lines it has).
 * Internal to reg-import-job.c.
 */
#pragma once

#include "reg-import-row.h"
#include "reg-store.h"

G_BEGIN_DECLS

typedef struct _RegImportLines RegImportLines;

RegImportLines *reg_import_lines_new   (RegStore        *store,
                                        const char      *source,
                                        gint64           batch);
void            reg_import_lines_free  (RegImportLines  *lines);
/* Writes the lines of @rows (those written just now; rows without lines are passed over). */
gboolean        reg_import_lines_write (RegImportLines  *lines,
                                        RegImportRow   **rows,
                                        guint            n,
                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportLines, reg_import_lines_free)

G_END_DECLS
