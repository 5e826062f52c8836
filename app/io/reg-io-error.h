/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The error domain of app/io: files that cannot be read or written.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REG_IO_ERROR (reg_io_error_quark ())

typedef enum
{
  REG_IO_ERROR_OPEN,          /* the file cannot be opened or read */
  REG_IO_ERROR_FORMAT,        /* the file is not in the expected format */
  REG_IO_ERROR_ENCODING,      /* the text encoding cannot be read */
  REG_IO_ERROR_BAD_FIELD,     /* a field holds a value that cannot be used */
  REG_IO_ERROR_MAPPING,       /* the column mapping is incomplete or names unknown columns */
  REG_IO_ERROR_TOO_LARGE,     /* a line, a field or the file exceeds a limit */
  REG_IO_ERROR_WRITE,         /* an export could not be written */
  REG_IO_ERROR_AMBIGUOUS,     /* the file reads more than one way: the owner has to choose */
  REG_IO_ERROR_CURRENCY,      /* the file's amounts are in another currency than the shop's */
} RegIoError;

GQuark reg_io_error_quark (void);

G_END_DECLS
