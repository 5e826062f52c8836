/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportColumnsPage: the import wizard's columns step (CSV only). Holds the owner's column
 * mapping; "mapping-changed" says the owner chose another column. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-import-mapping.h"
#include "reg-import-preview.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_COLUMNS_PAGE (reg_import_columns_page_get_type ())
G_DECLARE_FINAL_TYPE (RegImportColumnsPage, reg_import_columns_page, REG, IMPORT_COLUMNS_PAGE, GtkBox)

/* The file's columns and the ones the reader used, from @preview. */
void              reg_import_columns_page_show               (RegImportColumnsPage   *self,
                                                              const RegImportPreview *preview);
/* (transfer none) (nullable) the columns the owner chose or loaded; NULL: as found. */
RegImportMapping *reg_import_columns_page_get_mapping        (RegImportColumnsPage   *self);
/* @mapping: (transfer full) (nullable); NULL forgets the owner's columns. */
void              reg_import_columns_page_set_mapping        (RegImportColumnsPage   *self,
                                                              RegImportMapping       *mapping);
/* A saved mapping loaded: its columns (transfer full), and its name to save it under again. */
void              reg_import_columns_page_load               (RegImportColumnsPage   *self,
                                                              RegImportMapping       *mapping,
                                                              const char             *name);
/* Another file: nothing chosen, the rows rebuilt for its columns. */
void              reg_import_columns_page_reset              (RegImportColumnsPage   *self);
void              reg_import_columns_page_set_saved          (RegImportColumnsPage   *self,
                                                              const char *const      *names);
gboolean          reg_import_columns_page_has_saved          (RegImportColumnsPage   *self);
/* (transfer none) (nullable) the saved mapping chosen in the drop-down */
const char       *reg_import_columns_page_get_selected_saved (RegImportColumnsPage   *self);
/* (transfer full) (nullable) the name to save the mapping under, trimmed; NULL: not saved */
char             *reg_import_columns_page_get_save_as        (RegImportColumnsPage   *self);
/* (transfer full) (nullable) the channel typed for every new customer of the file whose row
 * names none, trimmed; NULL when none is typed */
char             *reg_import_columns_page_get_channel        (RegImportColumnsPage   *self);
/* (transfer none) (nullable) the drop-down of @field; NULL for fields not offered */
AdwComboRow      *reg_import_columns_page_get_field_row      (RegImportColumnsPage   *self,
                                                              RegField                field);

G_END_DECLS
