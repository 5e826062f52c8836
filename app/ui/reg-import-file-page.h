/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportFilePage: the import wizard's first step: what can be imported, the button that
 * chooses the file (the wizard's import.choose-file action), the file being read and why it
 * cannot be. Main thread only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_FILE_PAGE (reg_import_file_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportFilePage, reg_import_file_page, REG, IMPORT_FILE_PAGE, GtkBox)

/* Opens the file chooser over the window; the file chosen comes with "file-chosen" (GFile). */
void reg_import_file_page_choose     (RegImportFilePage *self);
/* A file dropped on @on (the wizard's window) comes with "file-chosen" too, while drops are
 * accepted (the first two steps). */
void reg_import_file_page_watch_drops       (RegImportFilePage *self,
                                             GtkWidget         *on);
void reg_import_file_page_set_accepts_drops (RegImportFilePage *self,
                                             gboolean           accepts);
/* The file being read, or ready ("“orders.csv” is ready…"). */
void reg_import_file_page_set_status (RegImportFilePage *self,
                                      const char        *text);
/* Why the file cannot be read; NULL hides it. */
void reg_import_file_page_set_error  (RegImportFilePage *self,
                                      const char        *text);

G_END_DECLS
