/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export in four steps, each safe to be killed after:
 *   1. a pending_exports row naming a working folder ".regulars-export-<shop>-XXXXXX" beside the
 *      target (committed), then the folder, locked with flock while the process holds it;
 *   2. the writer fills "<folder>/<target's name>" (its own temp file and rename stay inside);
 *   3. a campaign export records the campaign and ties it to the row, in one transaction;
 *   4. the file is renamed over the target, then the folder and the row go.
 * A row found later (reg_export_recover) tells what happened: the file still in the folder
 * means it never arrived, so its campaign is removed; no file there means it arrived, so the
 * campaign stays. A folder without a row (only where the shop could not be written) is removed
 * when this shop next exports beside it. The lock keeps both from touching an export that is
 * still running.
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

#include "reg-export-target.h"
#include "reg-store-exports.h"

#define WORK_PREFIX ".regulars-export-"

struct _RegExportTarget
{
  RegStore *store;       /* (unowned) outlives the target */
  char     *target;      /* (owned) */
  char     *work_dir;    /* (owned) (nullable) NULL once committed */
  char     *work_path;   /* (owned) */
  gint64    pending_id;
  int       lock_fd;     /* the working folder, flock'ed; -1 once released */
};

/* The first characters of the shop's id: working folders of other shops are not ours. */
static char *
work_prefix (RegStore *store)
{
  g_autofree char *id = reg_store_get_setting (store, REG_SETTING_SHOP_ID);

  return g_strdup_printf (WORK_PREFIX "%.8s-", id != NULL ? id : "none");
}

/* Opens and locks a working folder; -1 when it is missing, not ours, or still in use. */
static int
lock_work_dir (const char *path)
{
  GStatBuf st;
  int fd;

  if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    return -1;
  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* Empties a working folder (only plain files: nothing else is ever made in it) and removes it. */
static void
remove_work_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (file, &st) == 0 && S_ISREG (st.st_mode))
        g_unlink (file);
    }
  g_rmdir (path);
}

/* Working folders of this shop beside @target that no process holds and no row names. */
static void
remove_leftovers (RegStore *store, const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *prefix = work_prefix (store);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) pending = reg_store_list_pending_exports (store, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      gboolean named = FALSE;
      int fd;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      for (guint i = 0; pending != NULL && i < pending->len && !named; i++)
        named = g_strcmp0 (((RegPendingExport *) pending->pdata[i])->temp_path, path) == 0;
      if (named || (fd = lock_work_dir (path)) < 0)
        continue;
      remove_work_dir (path);
      close (fd);
    }
}

/**
 * reg_export_recover:
 * @store: the shop's connection
 * @error: a database error (a shop that cannot be written keeps its pending exports for later)
 *
 * Finishes or undoes the exports of the shop that a killed process left: a campaign stays when
 * its list file reached its place and is removed with its members when it did not; working
 * folders are removed. Exports still running in another process are left alone.
 *
 * Returns: %TRUE when every pending export was settled.
 */
gboolean
reg_export_recover (RegStore *store, GError **error)
{
  g_autoptr(GPtrArray) pending = reg_store_list_pending_exports (store, error);

  if (pending == NULL)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      RegPendingExport *p = pending->pdata[i];
      g_autofree char *dir = g_path_get_dirname (p->temp_path);
      g_autofree char *target_dir = g_path_get_dirname (p->target);
      g_autofree char *base = g_path_get_basename (p->target);
      g_autofree char *work = g_build_filename (p->temp_path, base, NULL);
      g_autofree char *name = g_path_get_basename (p->temp_path);
      gboolean ours = g_str_has_prefix (name, WORK_PREFIX) && g_str_equal (dir, target_dir);
      gboolean arrived;
      int fd = -1;

      if (ours && g_file_test (p->temp_path, G_FILE_TEST_EXISTS)
          && (fd = lock_work_dir (p->temp_path)) < 0)
        continue;   /* still being written by a live process */
      arrived = !(ours && g_file_test (work, G_FILE_TEST_EXISTS));
      if (!reg_store_begin (store, error))
        {
          if (fd >= 0)
            close (fd);
          return FALSE;
        }
      if ((p->campaign_id > 0 && !arrived && !reg_store_delete_campaign (store, p->campaign_id, error))
          || !reg_store_remove_pending_export (store, p->id, error)
          || !reg_store_commit (store, error))
        {
          reg_store_rollback (store);
          if (fd >= 0)
            close (fd);
          return FALSE;
        }
      if (fd >= 0)
        {
          remove_work_dir (p->temp_path);
          close (fd);
        }
    }
  return TRUE;
}

/**
 * reg_export_target_begin:
 * @store: the connection the pending export is recorded on
 * @relative_target: the file to write, relative or absolute
 * @must_record: whether a shop that cannot be written stops the export
 * @error: a file or database error
 *
 * Makes the working folder (mode 0700, locked while this process lives) beside the target,
 * after removing what killed exports of this shop left there, and records it in the shop.
 *
 * Returns: (transfer full) (nullable): the target, or %NULL on error.
 */
RegExportTarget *
reg_export_target_begin (RegStore *store, const char *relative_target, gboolean must_record,
                         GError **error)
{
  g_autoptr(RegExportTarget) self = g_new0 (RegExportTarget, 1);
  /* absolute: the recovery may run from another working folder */
  g_autofree char *target = g_canonicalize_filename (relative_target, NULL);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *prefix = work_prefix (store);
  g_autofree char *tmpl = g_strdup_printf ("%s%c%sXXXXXX", dir, G_DIR_SEPARATOR, prefix);
  g_autoptr(GError) local = NULL;

  self->store = store;
  self->target = g_strdup (target);
  self->lock_fd = -1;
  /* what killed exports left: first the recorded ones, so that no row loses its folder */
  if (!reg_export_recover (store, &local) && must_record)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_clear_error (&local);
  remove_leftovers (store, target);

  /* the row first, then the folder: a kill in between leaves a row naming no folder, which
   * the recovery drops, and never a folder nobody knows of */
  for (guint attempt = 0;; attempt++)
    {
      static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      char *x = tmpl + strlen (tmpl) - 6;
      int saved;

      for (guint i = 0; i < 6; i++)
        x[i] = chars[g_random_int_range (0, sizeof chars - 1)];
      g_clear_error (&local);
      self->pending_id = reg_store_add_pending_export (store, tmpl, target, &local);
      if (self->pending_id == 0 && must_record)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (g_mkdir (tmpl, 0700) == 0)
        break;
      saved = errno;
      if (self->pending_id > 0)
        reg_store_remove_pending_export (store, self->pending_id, NULL);
      self->pending_id = 0;
      if (saved != EEXIST || attempt > 100)
        {
          g_autofree char *display = g_filename_display_name (target);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not create “%s”: %s. Choose a folder you can write to."),
                       display, g_strerror (saved));
          return NULL;
        }
    }
  self->work_dir = g_steal_pointer (&tmpl);
  self->work_path = g_build_filename (self->work_dir, base, NULL);
  self->lock_fd = lock_work_dir (self->work_dir);
  return g_steal_pointer (&self);
}

/**
 * reg_export_target_get_work_path:
 * @self: an export target
 *
 * Returns: (transfer none): the file the writer writes: in the working folder, with the
 *   target's name.
 */
const char *
reg_export_target_get_work_path (RegExportTarget *self)
{
  return self->work_path;
}

/**
 * reg_export_target_get_pending_id:
 * @self: an export target
 *
 * Returns: the pending export's row, 0 when none could be recorded.
 */
gint64
reg_export_target_get_pending_id (RegExportTarget *self)
{
  return self->pending_id;
}

/**
 * reg_export_target_commit:
 * @self: an export target
 * @error: a file or database error
 *
 * Renames the finished file over the target and forgets the working folder.
 *
 * Returns: %TRUE when the file is in place.
 */
gboolean
reg_export_target_commit (RegExportTarget *self, GError **error)
{
  g_return_val_if_fail (self->work_dir != NULL, FALSE);

  if (g_rename (self->work_path, self->target) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (self->target);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not save “%s”: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  /* the file is in place: the folder goes, then the row; a row left naming no folder (or an
   * empty one) tells the recovery the file arrived, and its campaign stays */
  remove_work_dir (self->work_dir);
  g_clear_pointer (&self->work_dir, g_free);
  if (self->pending_id > 0)
    reg_store_remove_pending_export (self->store, self->pending_id, NULL);
  self->pending_id = 0;
  return TRUE;
}

/**
 * reg_export_target_free:
 * @self: (transfer full) (nullable): an export target
 *
 * Removes the working folder and its row unless committed.
 */
void
reg_export_target_free (RegExportTarget *self)
{
  if (self == NULL)
    return;
  /* not committed: the folder first, so that a kill in between leaves a row naming no folder,
   * which the recovery drops (with its campaign, if the caller had not removed it yet) */
  if (self->work_dir != NULL)
    remove_work_dir (self->work_dir);
  if (self->pending_id > 0 && !reg_store_in_transaction (self->store))
    reg_store_remove_pending_export (self->store, self->pending_id, NULL);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->target);
  g_free (self->work_dir);
  g_free (self->work_path);
  g_free (self);
}
