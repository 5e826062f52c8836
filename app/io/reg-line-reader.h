/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegLineReader: lines of a text file of any encoding (through RegTextDecoder), one at a time with
 * their number, for the line-based formats (QIF, MT940). LF, CRLF and CR all end a line; a line
 * longer than REG_LINE_MAX fails with REG_IO_ERROR_TOO_LARGE. One thread at a time.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REG_LINE_MAX ((gsize) 1024 * 1024)

typedef struct _RegLineReader RegLineReader;

RegLineReader *reg_line_reader_new            (const char *path,
                                               const char *encoding,
                                               GError    **error);
/* @line is NUL-terminated without its line end, valid until the next call. FALSE at the end
 * (error unset) or on an error. */
gboolean       reg_line_reader_next           (RegLineReader *lr,
                                               const char   **line,
                                               guint         *number,
                                               GCancellable  *cancellable,
                                               GError       **error);
guint64        reg_line_reader_get_bytes_read  (RegLineReader *lr);
guint64        reg_line_reader_get_bytes_total (RegLineReader *lr);
const char    *reg_line_reader_get_encoding    (RegLineReader *lr);
void           reg_line_reader_free            (RegLineReader *lr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegLineReader, reg_line_reader_free)

G_END_DECLS
