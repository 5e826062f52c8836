/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entry point of the `regulars` desktop application: translations, then RegApplication.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "reg-application.h"
#include "reg-locale-dir.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RegApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, reg_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = reg_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0)
    status = reg_application_get_exit_status (app);
  return status;
}
