/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where an export is written until it is complete: a working folder beside the target, known to
 * the shop (pending_exports) for as long as it exists, so that a list file and the record that
 * goes with it arrive together or not at all, whatever moment the process is killed at.
 */
#pragma once

#include <gio/gio.h>

#include "reg-store.h"

G_BEGIN_DECLS

typedef struct _RegExportTarget RegExportTarget;

/* Finishes or undoes the exports of @store that a killed process left: a campaign stays when
 * its list file reached its place, and is removed with its members when it did not; working
 * folders are removed. Exports still running in another process are left alone. */
gboolean         reg_export_recover             (RegStore         *store,
                                                 GError          **error);

/* Makes the working folder (mode 0700, locked while this process lives) beside @target after
 * removing what killed exports of this shop left there, and records it in @store. When
 * @must_record is FALSE a shop that cannot be written (read-only) does not stop the export. */
RegExportTarget *reg_export_target_begin        (RegStore         *store,
                                                 const char       *target,
                                                 gboolean          must_record,
                                                 GError          **error);
/* The file the writer writes: in the working folder, with the target's name. */
const char      *reg_export_target_get_work_path (RegExportTarget *self);
/* The pending_exports row, 0 when none could be recorded. */
gint64           reg_export_target_get_pending_id (RegExportTarget *self);
/* Renames the finished file over the target and forgets the working folder. */
gboolean         reg_export_target_commit       (RegExportTarget  *self,
                                                 GError          **error);
/* Removes the working folder and its row unless committed. */
void             reg_export_target_free         (RegExportTarget  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegExportTarget, reg_export_target_free)

G_END_DECLS
