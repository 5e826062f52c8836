/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file under an import, as both import jobs (sales and survey answers) watch it: that it
 * is a file at all, that it is not changed while it is read, and its SHA-256, which tells a
 * file imported before. Any thread.
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* Whether @path is a regular file; FALSE with %REG_IO_ERROR_OPEN naming it otherwise. */
gboolean reg_import_file_check     (const char      *path,
                                    GError         **error);
/* The file as reading begins, in @before; FALSE with %REG_IO_ERROR_OPEN naming @display_name
 * (the file's base name) when it cannot be looked at. */
gboolean reg_import_file_stat      (const char      *path,
                                    const char      *display_name,
                                    GStatBuf        *before,
                                    GError         **error);
/* Whether the file is still what it was at @before (size, modification time, the same file
 * under the name); FALSE with %REG_IO_ERROR_OPEN saying nothing was imported otherwise. */
gboolean reg_import_file_unchanged (const char      *path,
                                    const GStatBuf  *before,
                                    const char      *display_name,
                                    GError         **error);
/* (transfer full) (nullable) The file's SHA-256 in hex, or NULL with @error set. */
char    *reg_import_file_hash      (const char      *path,
                                    GCancellable    *cancellable,
                                    GError         **error);

G_END_DECLS
