/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the compiled translations are, for bindtextdomain() in both programs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $REGULARS_LOCALEDIR when set; else, for a program run from its build tree, that tree's
 * catalogues (<build>/po/LL/LC_MESSAGES); else the installed locale folder. */
const char *reg_locale_dir (void);

G_END_DECLS
