/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportColumnChoices: the file's columns as the import wizard's drop-downs offer them,
 * for sales and survey files alike: "Not in this file" first, then each column with its first
 * value, and behind each position the text a mapping names that column by ("Name" or "#3").
 * The list is made again only when the columns change. Main thread only.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  char      *key;      /* (owned) (nullable) the columns offered, as the caller tells them apart */
  GPtrArray *values;   /* (owned) mapping values, one per column in file order */
} RegImportColumnChoices;

void           reg_import_column_choices_init     (RegImportColumnChoices *choices);
/* Forgets the columns offered (the next rebuild makes the list again) and frees nothing else. */
void           reg_import_column_choices_forget   (RegImportColumnChoices *choices);
void           reg_import_column_choices_clear    (RegImportColumnChoices *choices);
/* (transfer full) (nullable) A new list for the drop-downs when the columns, known by @key,
 * differ from those offered, with "Not in this file" already in it; NULL when they are the
 * same (nothing to rebuild). Add each column with reg_import_column_choices_add(). */
GtkStringList *reg_import_column_choices_rebuild  (RegImportColumnChoices *choices,
                                                   const char             *key);
/* One column at the end of @names: @label (and @sample, nullable) shown, @value behind it. */
void           reg_import_column_choices_add      (RegImportColumnChoices *choices,
                                                   GtkStringList          *names,
                                                   const char             *label,
                                                   const char             *sample,
                                                   const char             *value);
/* (transfer none) (nullable) the mapping value at drop-down @position; NULL for "Not in this
 * file" or a position past the end */
const char    *reg_import_column_choices_value    (const RegImportColumnChoices *choices,
                                                   guint                         position);
/* The drop-down position of the column a mapping names @value; 0 ("Not in this file") when
 * @value is NULL or no column has it. */
guint          reg_import_column_choices_position (const RegImportColumnChoices *choices,
                                                   const char                   *value);
/* Selects @position in @row unless it is selected already (no "notify::selected" then). */
void           reg_import_combo_row_select        (AdwComboRow                  *row,
                                                   guint                         position);

G_END_DECLS
