/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "reg-import-sniff.h"

/**
 * reg_import_sniff:
 * @path: a file in the file system's encoding
 * @error: a file that cannot be opened or read (%G_IO_ERROR), or is not text or a known
 *   format (%REG_IO_ERROR)
 *
 * Reads the start of @path and guesses what it is: format, encoding, delimiter, decimal mark,
 * date order, header line and which export it is, each with a confidence from 0 to 1, with its
 * columns and first rows as an import would read them. Any thread.
 *
 * Returns: (transfer full) (nullable): the guesses, or %NULL on error.
 */
RegSniffResult *
reg_import_sniff (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return reg_sniff_file (path, error);
}
