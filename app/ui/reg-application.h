/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegApplication: command line, single instance (or --standalone), application actions
 * (quit, about, new and open shop), and which shop each window shows. Main thread only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REG_TYPE_APPLICATION (reg_application_get_type ())
G_DECLARE_FINAL_TYPE (RegApplication, reg_application, REG, APPLICATION, AdwApplication)

RegApplication *reg_application_new             (void);
/* Opens the shop at @path in a new window (replacing @replace when given); FALSE on error,
 * which has then been shown to the owner. */
gboolean        reg_application_open_shop       (RegApplication *self,
                                                 const char     *path,
                                                 gboolean        create,
                                                 GtkWindow      *replace);
/* What main() returns when g_application_run() itself returned 0 (smoke tests). */
int             reg_application_get_exit_status (RegApplication *self);
void            reg_application_set_exit_status (RegApplication *self,
                                                 int             status);

G_END_DECLS
