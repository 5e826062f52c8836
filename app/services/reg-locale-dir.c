/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The translations' folder. A program started from the build tree (build-aux/run) has no
 * installed catalogues yet: without this it would stay English on a German desktop.
 */
#include "config.h"

#include "reg-locale-dir.h"

/**
 * reg_locale_dir:
 * Where the translations are: $REGULARS_LOCALEDIR when set; else, for a program run from its
 * build tree, that tree's catalogues (&lt;build&gt;/po/LL/LC_MESSAGES); else the installed
 * locale folder.
 *
 * Returns: (transfer none): the folder, for bindtextdomain().
 */
const char *
reg_locale_dir (void)
{
  static char *dir;   /* (owned) decided once, kept for the process */
  const char *env = g_getenv ("REGULARS_LOCALEDIR");
  g_autofree char *exe = NULL;

  if (env != NULL && *env != '\0')
    return env;
  if (dir != NULL)
    return dir;
  /* the real path of this program: inside the build tree only when run from there (an
   * installed copy lives under the prefix) */
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S)
      && g_file_test (BUILD_ROOT G_DIR_SEPARATOR_S "po", G_FILE_TEST_IS_DIR))
    dir = g_strdup (BUILD_ROOT G_DIR_SEPARATOR_S "po");
  else
    dir = g_strdup (LOCALEDIR);
  return dir;
}
