/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether an export's target is the shop. An export replaces its target by renaming a new file
 * over it, so a target that names the shop (or a file SQLite keeps beside it, or a backup)
 * would lose every customer and sale. Names are compared after resolving symbolic links and
 * "." / ".." (realpath), also ignoring letter case, since a case-insensitive file system
 * treats "Shop.REGULARS" as the shop; files that exist are compared by device and inode,
 * which also catches hard links.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reg-output-path.h"
#include "reg-shop.h"

/* @path with its folder resolved (the file itself may not exist yet); NULL when the folder
 * does not exist either. A file that exists is resolved whole, so a symbolic link counts as
 * what it points to. */
static char *
canonical_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  char *real = realpath (path, NULL);

  if (real != NULL)
    {
      char *copy = g_strdup (real);
      free (real);
      return copy;
    }
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real = realpath (dir, NULL);
  if (real == NULL)
    return NULL;
  real_dir = g_strdup (real);
  free (real);
  return g_build_filename (real_dir, base, NULL);
}

static gboolean
same_name (const char *a, const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return g_str_equal (fa, fb);
}

static gboolean
same_file (const GStatBuf *target, const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_dev == target->st_dev && st.st_ino == target->st_ino;
}

/* Whether @target (canonical, and its stat when it exists) is @path or a file in the folder
 * @path, by name or by identity. */
static gboolean
is_in_folder (const char *target, const GStatBuf *st, gboolean exists, const char *folder)
{
  g_autofree char *real = canonical_path (folder);
  g_autofree char *target_dir = g_path_get_dirname (target);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (real == NULL)
    return FALSE;
  if (same_name (target, real) || same_name (target_dir, real))
    return TRUE;
  if (!exists)
    return FALSE;
  dir = g_dir_open (real, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (real, name, NULL);
      if (same_file (st, path))
        return TRUE;
    }
  return FALSE;
}

static gboolean
refuse (const char *target, GError **error)
{
  g_autofree char *display = g_filename_display_name (target);

  g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
               _("Output file “%s”: this is the shop file itself, one of the files kept beside "
                 "it, or a backup; writing there would destroy your customers and sales. "
                 "Choose another name"), display);
  return FALSE;
}

/**
 * reg_output_path_check:
 * @shop_path: the open shop's file
 * @target: a file an export or print is about to write
 * @error: %REG_SHOP_ERROR_INVALID naming @target
 *
 * Checked before anything is written.
 *
 * Returns: %FALSE when writing @target could replace or damage the shop (the file, its -wal,
 *   -shm or -journal, a file in its backups folder, or any of them under another name: hard
 *   link, symbolic link, "./", letter case), or when @target exists but cannot be written.
 */
gboolean
reg_output_path_check (const char *shop_path, const char *target, GError **error)
{
  static const char *const companions[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *real_target = NULL;
  g_autofree char *backups = NULL;
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (shop_path != NULL && target != NULL, FALSE);

  real_target = canonical_path (target);
  if (real_target == NULL)
    real_target = g_strdup (target);   /* a missing folder: the writer says so */
  exists = g_stat (target, &st) == 0;
  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *path = g_strconcat (shop_path, companions[i], NULL);
      g_autofree char *real = canonical_path (path);

      if (same_name (real_target, real) || (exists && same_file (&st, path)))
        return refuse (target, error);
    }
  backups = g_strconcat (shop_path, ".backups", NULL);
  if (is_in_folder (real_target, &st, exists, backups))
    return refuse (target, error);

  /* the export would replace a file the owner protected against writing: say so instead.
   * The mode is read as well as access(), which says yes to root for any file. */
  if (exists && S_ISREG (st.st_mode)
      && ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || g_access (target, W_OK) != 0))
    {
      g_autofree char *display = g_filename_display_name (target);

      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Output file “%s” is read-only; nothing was written. Choose another name "
                     "or make the file writable"), display);
      return FALSE;
    }
  return TRUE;
}
