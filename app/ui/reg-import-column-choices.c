/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns a drop-down offers, shared by the sales columns page and the survey columns
 * group so both read and name a file's columns the same way.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-column-choices.h"
#include "reg-import-words.h"

void
reg_import_column_choices_init (RegImportColumnChoices *choices)
{
  choices->key = NULL;
  choices->values = g_ptr_array_new_with_free_func (g_free);
}

void
reg_import_column_choices_forget (RegImportColumnChoices *choices)
{
  g_clear_pointer (&choices->key, g_free);
}

void
reg_import_column_choices_clear (RegImportColumnChoices *choices)
{
  g_clear_pointer (&choices->key, g_free);
  g_clear_pointer (&choices->values, g_ptr_array_unref);
}

GtkStringList *
reg_import_column_choices_rebuild (RegImportColumnChoices *choices,
                                   const char             *key)
{
  GtkStringList *names;

  if (g_strcmp0 (key, choices->key) == 0)
    return NULL;
  g_free (choices->key);
  choices->key = g_strdup (key);
  g_ptr_array_set_size (choices->values, 0);
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Not in this file"));
  return names;
}

void
reg_import_column_choices_add (RegImportColumnChoices *choices,
                               GtkStringList          *names,
                               const char             *label,
                               const char             *sample,
                               const char             *value)
{
  g_autofree char *shown = reg_import_column_choice (label, sample);

  gtk_string_list_append (names, shown);
  g_ptr_array_add (choices->values, g_strdup (value));
}

const char *
reg_import_column_choices_value (const RegImportColumnChoices *choices,
                                 guint                         position)
{
  return position > 0 && position <= choices->values->len
         ? g_ptr_array_index (choices->values, position - 1) : NULL;
}

guint
reg_import_column_choices_position (const RegImportColumnChoices *choices,
                                    const char                   *value)
{
  guint pos = 0;

  for (guint i = 0; value != NULL && i < choices->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (choices->values, i), value) == 0)
      pos = i + 1;
  return pos;
}

void
reg_import_combo_row_select (AdwComboRow *row,
                             guint        position)
{
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}
