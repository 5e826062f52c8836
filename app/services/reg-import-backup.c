/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reg-import-backup-private.h"

#define KEEP_BACKUPS 5

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char *
backup_path_for (const char *shop_path)
{
  g_autofree char *dir = g_strconcat (shop_path, ".backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("before-import-%s-%06d.regulars", stamp,
                                           g_date_time_get_microsecond (now));

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/* The names sort by time: the oldest go first, so the folder does not grow without end. */
static void
prune_backups (const char *shop_path, guint keep)
{
  g_autofree char *dir = g_strconcat (shop_path, ".backups", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "before-import-"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_unlink (path);
    }
}

char *
reg_import_backup_shop (RegStore *store, const char *shop_path, GError **error)
{
  g_autofree char *path = backup_path_for (shop_path);

  if (!reg_store_backup_to (store, path, error))
    {
      g_prefix_error (error, _("Nothing was imported: the backup before the import failed: "));
      return NULL;
    }
  prune_backups (shop_path, KEEP_BACKUPS);
  return g_steal_pointer (&path);
}
