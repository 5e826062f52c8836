/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's words for what a file holds, shared by its pages.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (transfer full) Who a payer is, in the file's own terms: the name, else the e-mail address,
 * else a sentence that the file names neither, with the customer number or account it has. */
char       *reg_import_payer_label  (const char *name,
                                     const char *email,
                                     const char *reference);
/* (transfer full) A column in a drop-down: its name and its first value, at most 60 characters. */
char       *reg_import_column_choice (const char *name,
                                      const char *sample);
/* (transfer none) How sure the sniffer is of a guess. */
const char *reg_import_confidence_words (double confidence);

G_END_DECLS
