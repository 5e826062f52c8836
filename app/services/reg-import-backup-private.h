/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copy of the shop taken before every import (sales or survey answers), so that an
 * owner can go back even after an undo is no longer possible.
 */
#pragma once

#include "reg-store.h"

G_BEGIN_DECLS

/* Backs the shop up beside it (shop.regulars.backups/before-import-….regulars) and keeps the
 * newest five. Returns the backup's path, or NULL with an error saying nothing was imported. */
char *reg_import_backup_shop (RegStore *store, const char *shop_path, GError **error);

/* For a shop that cannot be read: where its backups are, the newest one's time and path, and
 * how to go back to it; NULL when it has no backups folder. */
char *reg_import_backup_advice (const char *shop_path);

G_END_DECLS
