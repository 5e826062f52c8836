/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns the import wizard's drop-downs offer, shared by the sales columns page and the
 * survey columns group: made again only when the columns change, "Not in this file" first,
 * and each position read back as the value a mapping names its column by.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "reg-import-column-choices.h"

static void
test_rebuild_and_lookup (void)
{
  RegImportColumnChoices choices;
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GtkStringList) again = NULL;
  g_autoptr(GtkStringList) other = NULL;

  reg_import_column_choices_init (&choices);
  names = reg_import_column_choices_rebuild (&choices, "Kunde\x1fPunkte\x1f");
  g_assert_nonnull (names);
  reg_import_column_choices_add (&choices, names, "Kunde", "ann@example.com", "Kunde");
  reg_import_column_choices_add (&choices, names, "Column 2", NULL, "#2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (names)), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (names, 0), !=, gtk_string_list_get_string (names, 1));
  g_assert_nonnull (strstr (gtk_string_list_get_string (names, 1), "ann@example.com"));

  /* position 0 is "Not in this file"; past the end is nothing either */
  g_assert_null (reg_import_column_choices_value (&choices, 0));
  g_assert_cmpstr (reg_import_column_choices_value (&choices, 1), ==, "Kunde");
  g_assert_cmpstr (reg_import_column_choices_value (&choices, 2), ==, "#2");
  g_assert_null (reg_import_column_choices_value (&choices, 3));
  g_assert_cmpuint (reg_import_column_choices_position (&choices, "#2"), ==, 2);
  g_assert_cmpuint (reg_import_column_choices_position (&choices, "Tag"), ==, 0);
  g_assert_cmpuint (reg_import_column_choices_position (&choices, NULL), ==, 0);

  /* the same columns: nothing to make again, the values stay */
  again = reg_import_column_choices_rebuild (&choices, "Kunde\x1fPunkte\x1f");
  g_assert_null (again);
  g_assert_cmpstr (reg_import_column_choices_value (&choices, 1), ==, "Kunde");

  /* forgotten (another file): the same columns are offered anew, the old values gone */
  reg_import_column_choices_forget (&choices);
  other = reg_import_column_choices_rebuild (&choices, "Kunde\x1fPunkte\x1f");
  g_assert_nonnull (other);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_null (reg_import_column_choices_value (&choices, 1));
  reg_import_column_choices_clear (&choices);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/import-column-choices/rebuild-and-lookup", test_rebuild_and_lookup);
  return g_test_run ();
}
