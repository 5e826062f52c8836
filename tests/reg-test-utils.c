/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include "reg-test-utils.h"

char *
reg_test_shared_data_path (const char *first_element, ...)
{
  const char *root = g_getenv ("REG_SHARED_DATA");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (parts, (gpointer) (root != NULL ? root : "../shared/data"));
  va_start (ap, first_element);
  for (const char *p = first_element; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

char *
reg_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("regulars-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf_file (GFile *file)
{
  g_autoptr(GFileEnumerator) en = NULL;

  en = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (en != NULL)
    {
      GFileInfo *info;
      while ((info = g_file_enumerator_next_file (en, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
          rm_rf_file (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
reg_test_rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  rm_rf_file (file);
}

char *
reg_test_find_gl_driver (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "_dri.so") != NULL || strstr (lines[i], "libLLVM") != NULL)
      return g_strdup (g_strstrip (lines[i]));
  return NULL;
}

static void
check_maps_at_exit (void)
{
  g_autofree char *maps = NULL;
  g_autofree char *hit = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return;
  hit = reg_test_find_gl_driver (maps);
  if (hit == NULL)
    return;
  /* TAP: the whole program fails, whatever its cases said */
  printf ("Bail out! a GL driver is mapped into this GUI test (set GDK_DEBUG=gl-disable): %s\n", hit);
  fflush (stdout);
  _exit (1);
}

void
reg_test_forbid_gl_driver_at_exit (void)
{
  atexit (check_maps_at_exit);
}

char **
reg_test_env_logging_loads (const char *log_dir)
{
  g_autofree char *prefix = g_build_filename (log_dir, "loads", NULL);
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LD_DEBUG", "files", TRUE);
  return g_environ_setenv (env, "LD_DEBUG_OUTPUT", prefix, TRUE);
}

void
reg_test_assert_no_gl_driver_loaded (const char *log_dir)
{
  g_autoptr(GDir) dir = g_dir_open (log_dir, 0, NULL);
  const char *name;
  guint logs = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *hit = NULL;

      if (!g_str_has_prefix (name, "loads."))
        continue;
      path = g_build_filename (log_dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      /* the log really is the loader's: it names the C library at least */
      g_assert_nonnull (strstr (text, "libc.so"));
      hit = reg_test_find_gl_driver (text);
      if (hit != NULL)
        g_error ("the program loaded a GL driver (set GDK_DEBUG=gl-disable): %s", hit);
      logs++;
    }
  g_assert_cmpuint (logs, >, 0);
}
