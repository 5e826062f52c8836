/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks both import jobs make on the file they read, in one place so that a sales file
 * and a survey file are refused in the same words.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "reg-import-file-private.h"
#include "reg-io-error.h"

gboolean
reg_import_file_check (const char  *path,
                       GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN,
               _("“%s” does not exist or is not a file"), path);
  return FALSE;
}

gboolean
reg_import_file_stat (const char  *path,
                      const char  *display_name,
                      GStatBuf    *before,
                      GError     **error)
{
  int saved;

  if (g_stat (path, before) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not open %s: %s"),
               display_name, g_strerror (saved));
  return FALSE;
}

gboolean
reg_import_file_unchanged (const char      *path,
                           const GStatBuf  *before,
                           const char      *display_name,
                           GError         **error)
{
  GStatBuf now;

  /* a file still being written (a download, an export in progress) must not be imported by
   * halves */
  if (g_stat (path, &now) == 0
      && now.st_size == before->st_size && now.st_ino == before->st_ino
      && now.st_dev == before->st_dev && now.st_mtim.tv_sec == before->st_mtim.tv_sec
      && now.st_mtim.tv_nsec == before->st_mtim.tv_nsec)
    return TRUE;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN,
               _("%s changed while it was being imported (is it still being written or "
                 "downloaded?); nothing was imported. Import it again once it is complete"),
               display_name);
  return FALSE;
}

char *
reg_import_file_hash (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (1 << 16);
  gssize n;

  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 16, cancellable, error)) > 0)
    g_checksum_update (sum, buf, (gsize) n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}
