/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one check every export and print job makes on the file the owner chose, before anything
 * is written: it must not be the shop itself under any name, its companion files, or a backup.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* FALSE with REG_SHOP_ERROR_INVALID, naming @target, when writing @target could replace or
 * damage the shop at @shop_path (the file, its -wal, -shm or -journal, a file in its backups
 * folder, or any of them under another name: hard link, symbolic link, "./", letter case),
 * or when @target exists but cannot be written. */
gboolean reg_output_path_check (const char  *shop_path,
                                const char  *target,
                                GError     **error);

G_END_DECLS
