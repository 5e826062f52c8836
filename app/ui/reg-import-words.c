/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words the import wizard's pages share. A store export may name its customers only by the
 * shop system's number (Square's "X0JEYN1R8ZTT…"): the owner reads that the file has no name,
 * not a number dressed up as one.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-words.h"

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

char *
reg_import_payer_label (const char *name,
                        const char *email,
                        const char *reference)
{
  if (has_text (name))
    return g_strdup (name);
  if (has_text (email))
    return g_strdup (email);
  if (has_text (reference))
    /* Translators: %s is the customer number or account the file gives instead of a name */
    return g_strdup_printf (_("No name or email in the file (number %s)"), reference);
  return g_strdup (_("No name or email in the file"));
}

const char *
reg_import_confidence_words (double confidence)
{
  if (confidence >= 0.9)
    return _("Found in the file");
  if (confidence >= 0.6)
    return _("Found in the file, fairly sure");
  return _("A guess: check the rows below");
}

/* A column in a drop-down of the columns: its name and its first value, at most 60 characters. */
char *
reg_import_column_choice (const char *name,
                          const char *sample)
{
  char *label;

  if (sample != NULL && *sample != '\0')
    /* Translators: a column in the drop-down: its name and its first value */
    label = g_strdup_printf (_("%s (such as “%s”)"), name, sample);
  else
    label = g_strdup (name);
  if (g_utf8_strlen (label, -1) > 60)
    {
      g_autofree char *cut = g_utf8_substring (label, 0, 59);
      g_free (label);
      label = g_strconcat (cut, "…", NULL);
    }
  return label;
}
