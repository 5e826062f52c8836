/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backups taken before imports, kept in "<shop>.backups". Backups are known by what they
 * are, not by their names: a complete SQLite file carrying this shop's id and a stamp
 * (sequence number and time) written by reg_store_backup_stamped(). The newest five by
 * sequence are kept; a clock that jumped cannot make a new backup look old, and a file the
 * shop did not write (another shop's backup, a stranger's file, a damaged copy) is never
 * deleted. Partial files of killed runs are removed. The folder must be a real folder of the
 * owner's: a symbolic link could point the pruning at anyone's files.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reg-import-backup-private.h"
#include "reg-time.h"

#define KEEP_BACKUPS 5
#define BACKUP_PREFIX "before-import-"

typedef struct
{
  char   *name;        /* (owned) */
  gint64  sequence;
  char   *taken_at;    /* (owned) */
} Backup;

static void
backup_free (gpointer data)
{
  Backup *b = data;
  g_free (b->name);
  g_free (b->taken_at);
  g_free (b);
}

/* Newest first: by sequence, then by the recorded time. */
static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const Backup *x = *(Backup *const *) a, *y = *(Backup *const *) b;

  if (x->sequence != y->sequence)
    return x->sequence > y->sequence ? -1 : 1;
  return -g_strcmp0 (x->taken_at, y->taken_at);
}

/* Opens the backups folder, creating it (0700) when missing; refuses a symbolic link, anything
 * that is not a folder, and a folder of another user's or one others may write to. */
static int
open_folder (const char *dir, GError **error)
{
  g_autofree char *display = g_filename_display_name (dir);
  GStatBuf st;
  int fd;

  if (g_lstat (dir, &st) != 0 && errno == ENOENT && g_mkdir (dir, 0700) != 0 && errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the backups folder “%s”: %s"), display, g_strerror (saved));
      return -1;
    }
  if (g_lstat (dir, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the backups folder “%s”: %s"), display, g_strerror (saved));
      return -1;
    }
  if (S_ISLNK (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("The backups folder “%s” is a symbolic link; Regulars keeps backups only in "
                     "a folder of its own. Move the link away and try again"), display);
      return -1;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("The backups folder “%s” is not a folder. Move it away and try again"),
                   display);
      return -1;
    }
  if (st.st_uid != getuid () || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The backups folder “%s” is not yours alone (it belongs to another user, "
                     "or others may write to it); correct its owner or permissions and try "
                     "again"), display);
      return -1;
    }
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the backups folder “%s”: %s"), display, g_strerror (saved));
    }
  return fd;
}

/* A backup being written is "<name>.part" with SQLite's "-journal" (or "-wal", "-shm") beside
 * it until it is renamed. Called with the folder locked, so every such file is a killed run's. */
static gboolean
is_partial (const char *name)
{
  return g_str_has_prefix (name, BACKUP_PREFIX) && strstr (name, ".regulars.part") != NULL;
}

/* This shop's complete backups in @dir (any shop's when @shop_id is NULL); removes partial
 * files of killed runs when @remove_partial (only under the folder's lock). */
static GPtrArray *
scan_folder (const char *dir, const char *shop_id, gboolean remove_partial)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func (backup_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      RegBackupInfo info;
      GStatBuf st;

      if (!g_str_has_prefix (name, BACKUP_PREFIX) || g_lstat (path, &st) != 0
          || !S_ISREG (st.st_mode))
        continue;
      if (is_partial (name))
        {
          if (remove_partial)
            g_unlink (path);
          continue;
        }
      if (!g_str_has_suffix (name, ".regulars") || !reg_store_read_backup_info (path, &info))
        continue;
      if (shop_id == NULL || g_strcmp0 (info.shop_id, shop_id) == 0)
        {
          Backup *b = g_new0 (Backup, 1);
          b->name = g_strdup (name);
          b->sequence = info.sequence;
          b->taken_at = g_steal_pointer (&info.taken_at);
          g_ptr_array_add (backups, b);
        }
      reg_backup_info_clear (&info);
    }
  return backups;
}

static char *
new_backup_name (const char *dir)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  /* the name is only for people; a clash (a clock set back) gets a number */
  for (guint n = 0;; n++)
    {
      g_autofree char *name = n == 0
        ? g_strdup_printf (BACKUP_PREFIX "%s-%06d.regulars", stamp, g_date_time_get_microsecond (now))
        : g_strdup_printf (BACKUP_PREFIX "%s-%06d-%u.regulars", stamp,
                           g_date_time_get_microsecond (now), n);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

char *
reg_import_backup_shop (RegStore *store, const char *shop_path, GError **error)
{
  g_autofree char *dir = g_strconcat (shop_path, ".backups", NULL);
  g_autofree char *shop_id = reg_store_get_setting (store, REG_SETTING_SHOP_ID);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gint64 sequence = 1;
  int fd;

  fd = open_folder (dir, error);
  if (fd < 0)
    {
      g_prefix_error (error, _("Nothing was imported: the backup before the import failed: "));
      return NULL;
    }
  /* one backup at a time per folder: a ".part" file found under the lock is a killed run's */
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  backups = scan_folder (dir, shop_id, TRUE);
  for (guint i = 0; i < backups->len; i++)
    sequence = MAX (sequence, ((Backup *) backups->pdata[i])->sequence + 1);
  name = new_backup_name (dir);
  path = g_build_filename (dir, name, NULL);
  if (shop_id == NULL || !reg_store_backup_stamped (store, path, sequence, error))
    {
      close (fd);
      if (shop_id == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no shop id");
      g_prefix_error (error, _("Nothing was imported: the backup before the import failed: "));
      return NULL;
    }
  {
    Backup *b = g_new0 (Backup, 1);
    b->name = g_strdup (name);
    b->sequence = sequence;
    g_ptr_array_add (backups, b);
  }
  g_ptr_array_sort (backups, compare_newest_first);
  for (guint i = KEEP_BACKUPS; i < backups->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, ((Backup *) backups->pdata[i])->name, NULL);
      g_unlink (old);
    }
  close (fd);
  return g_steal_pointer (&path);
}

char *
reg_import_backup_advice (const char *shop_path)
{
  g_autofree char *dir = g_strconcat (shop_path, ".backups", NULL);
  g_autofree char *display = g_filename_display_name (dir);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *when = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shop = g_filename_display_name (shop_path);
  GStatBuf st;
  Backup *newest;

  /* the shop's id cannot be read from a damaged file: any backup in its folder will do */
  if (g_lstat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    return NULL;
  backups = scan_folder (dir, NULL, FALSE);
  if (backups->len == 0)
    return g_strdup_printf (_("No backup of it was found in “%s”."), display);
  g_ptr_array_sort (backups, compare_newest_first);
  newest = backups->pdata[0];
  when = reg_time_format_local (newest->taken_at, "%Y-%m-%d %H:%M:%S %Z");
  path = g_build_filename (dir, newest->name, NULL);
  return g_strdup_printf (_("Its backups are in “%s”; the newest was taken %s: “%s”. To go back "
                            "to it, move the damaged file “%s” aside and copy that backup in its "
                            "place."), display, when, path, shop);
}
