/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's columns page (CSV only): one drop-down per field over the file's
 * columns, rebuilt only when the columns change, each showing the column the reader used.
 * Choosing one makes every field as shown the owner's mapping, announced with
 * "mapping-changed"; a saved mapping can be loaded, and the current one saved under a name.
 * While no column is the channel, one channel can be typed for every new customer of the file
 * (the mapping's "@channel=" constant, as regulars-cli import --map takes it).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-column-choices.h"
#include "reg-import-columns-page.h"
#include "reg-ui-util.h"

struct _RegImportColumnsPage
{
  GtkBox               parent_instance;

  RegImportMapping    *mapping;       /* (owned) (nullable) columns the owner set or loaded */
  RegImportColumnChoices columns;     /* the columns the field rows offer */
  gboolean             updating;      /* filling the rows: their signals are not the owner's */
  AdwComboRow         *field_rows[REG_N_FIELDS];   /* (unowned) */

  AdwPreferencesGroup *mapping_group;
  AdwComboRow         *saved_row;
  GtkStringList       *saved_model;
  AdwEntryRow         *save_row;
  AdwPreferencesGroup *channel_group;
  GtkEntry            *channel_entry;
};

G_DEFINE_FINAL_TYPE (RegImportColumnsPage, reg_import_columns_page, GTK_TYPE_BOX)

enum { MAPPING_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The fields the columns page offers, in its order. */
static const struct { RegField field; const char *label; const char *hint; } mapped_fields[] = {
  { REG_FIELD_DATE, N_("Date"), N_("when the sale was made") },
  { REG_FIELD_AMOUNT, N_("Amount"), N_("what was paid; negative for a refund") },
  { REG_FIELD_CREDIT, N_("Money in"), N_("instead of an amount: payments received") },
  { REG_FIELD_DEBIT, N_("Money out"), N_("instead of an amount: refunds paid") },
  { REG_FIELD_DIRECTION, N_("In or out"), N_("a column that says whether money came in or went out") },
  { REG_FIELD_CUSTOMER, N_("Customer number"), N_("the customer’s id in your shop system") },
  { REG_FIELD_EMAIL, N_("Email"), NULL },
  { REG_FIELD_NAME, N_("Name"), N_("the customer or payer") },
  { REG_FIELD_IBAN, N_("Account number (IBAN)"), N_("the payer’s bank account") },
  { REG_FIELD_ORDER, N_("Order or transaction number"), N_("keeps the same sale from being imported twice") },
  { REG_FIELD_CURRENCY, N_("Currency"), NULL },
  { REG_FIELD_STATUS, N_("Status"), N_("paid, refunded, cancelled…") },
  { REG_FIELD_REFERENCE, N_("Reference"), N_("the bank’s description of the payment") },
  { REG_FIELD_NOTE, N_("Note"), NULL },
  { REG_FIELD_CHANNEL, N_("Channel"), N_("where a new customer came from: Instagram, a UTM source…") },
};

/* The channel to type only while no column gives it. */
static void
update_channel_group (RegImportColumnsPage *self)
{
  AdwComboRow *row = self->field_rows[REG_FIELD_CHANNEL];
  gboolean column = row != NULL
                    && reg_import_column_choices_value (&self->columns,
                                                        adw_combo_row_get_selected (row)) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->channel_group), !column);
}

static void
on_field_selected_cb (AdwComboRow     *row,
                      GParamSpec      *pspec,
                      RegImportColumnsPage *self)
{
  RegImportMapping *mapping;

  if (self->updating)
    return;
  /* every field as the drop-downs show it now: the owner's mapping from here on */
  mapping = reg_import_mapping_new ();
  if (self->mapping != NULL && reg_import_mapping_get_name (self->mapping) != NULL)
    reg_import_mapping_set_name (mapping, reg_import_mapping_get_name (self->mapping));
  for (guint f = 0; f < G_N_ELEMENTS (mapped_fields); f++)
    {
      RegField field = mapped_fields[f].field;
      const char *column;

      if (self->field_rows[field] == NULL)
        continue;
      column = reg_import_column_choices_value (&self->columns,
                                                adw_combo_row_get_selected (self->field_rows[field]));
      if (column != NULL)
        reg_import_mapping_set (mapping, field, column);
    }
  g_clear_pointer (&self->mapping, reg_import_mapping_free);
  self->mapping = mapping;
  update_channel_group (self);
  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

/* The columns page: one drop-down per field over the file's columns; rebuilt only when the
 * columns change, the selections follow the mapping the reader used. */
void
reg_import_columns_page_show (RegImportColumnsPage   *self,
                              const RegImportPreview *preview)
{
  const RegSniffResult *sniff = preview != NULL ? preview->sniff : NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(RegImportMapping) used = NULL;
  g_autoptr(GtkStringList) names = NULL;

  if (sniff == NULL || sniff->columns == NULL)
    return;
  for (guint i = 0; i < sniff->columns->len; i++)
    {
      const RegSniffColumn *c = g_ptr_array_index (sniff->columns, i);
      g_string_append_printf (key, "%s\x1f", c->name);
    }
  g_string_append_printf (key, "%u", sniff->header_line);

  self->updating = TRUE;
  if ((names = reg_import_column_choices_rebuild (&self->columns, key->str)) != NULL)
    {
      for (guint i = 0; i < sniff->columns->len; i++)
        {
          const RegSniffColumn *c = g_ptr_array_index (sniff->columns, i);
          g_autofree char *position = g_strdup_printf ("#%u", c->index + 1);

          reg_import_column_choices_add (&self->columns, names, c->name, c->sample,
                                         sniff->header_line > 0 ? c->name : position);
        }

      for (guint f = 0; f < G_N_ELEMENTS (mapped_fields); f++)
        {
          RegField field = mapped_fields[f].field;

          if (self->field_rows[field] == NULL)
            {
              AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(mapped_fields[f].label));
              reg_ui_combo_row_set_max_chars (row, 36);
              if (mapped_fields[f].hint != NULL)
                adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(mapped_fields[f].hint));
              g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_selected_cb), self, 0);
              adw_preferences_group_add (self->mapping_group, GTK_WIDGET (row));
              self->field_rows[field] = row;
            }
          adw_combo_row_set_model (self->field_rows[field], G_LIST_MODEL (names));
        }
    }

  /* the columns the reader used; when it refused the owner's, the owner's as they are */
  if (preview->mapping != NULL)
    used = reg_import_mapping_from_string (preview->mapping, NULL);
  else if (self->mapping != NULL)
    used = reg_import_mapping_copy (self->mapping);
  else
    {
      self->updating = FALSE;
      update_channel_group (self);
      return;
    }
  for (guint f = 0; f < G_N_ELEMENTS (mapped_fields); f++)
    {
      RegField field = mapped_fields[f].field;
      if (self->field_rows[field] == NULL)
        continue;
      reg_import_combo_row_select (self->field_rows[field],
                                   reg_import_column_choices_position (&self->columns,
                                                                       reg_import_mapping_get (used, field)));
    }
  self->updating = FALSE;
  update_channel_group (self);
}

RegImportMapping *
reg_import_columns_page_get_mapping (RegImportColumnsPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  return self->mapping;
}

void
reg_import_columns_page_set_mapping (RegImportColumnsPage *self,
                                     RegImportMapping     *mapping)
{
  g_return_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self));
  g_clear_pointer (&self->mapping, reg_import_mapping_free);
  self->mapping = mapping;
}

void
reg_import_columns_page_load (RegImportColumnsPage *self,
                              RegImportMapping     *mapping,
                              const char           *name)
{
  g_return_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self));
  reg_import_columns_page_set_mapping (self, mapping);
  /* saved again under the same name when the import runs */
  gtk_editable_set_text (GTK_EDITABLE (self->save_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->channel_entry),
                         mapping != NULL && reg_import_mapping_get_option (mapping, "channel") != NULL
                         ? reg_import_mapping_get_option (mapping, "channel") : "");
}

void
reg_import_columns_page_reset (RegImportColumnsPage *self)
{
  g_return_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self));
  g_clear_pointer (&self->mapping, reg_import_mapping_free);
  reg_import_column_choices_forget (&self->columns);
  /* a channel belongs to one file */
  gtk_editable_set_text (GTK_EDITABLE (self->channel_entry), "");
}

void
reg_import_columns_page_set_saved (RegImportColumnsPage *self,
                                   const char *const    *names)
{
  gboolean any = names != NULL && names[0] != NULL;

  g_return_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self));
  gtk_string_list_splice (self->saved_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->saved_model)),
                          names);
  gtk_widget_set_sensitive (GTK_WIDGET (self->saved_row), any);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->saved_row), any ? NULL : _("None saved yet"));
}

gboolean
reg_import_columns_page_has_saved (RegImportColumnsPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self), FALSE);
  return g_list_model_get_n_items (G_LIST_MODEL (self->saved_model)) > 0;
}

const char *
reg_import_columns_page_get_selected_saved (RegImportColumnsPage *self)
{
  GtkStringObject *item;

  g_return_val_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  item = adw_combo_row_get_selected_item (self->saved_row);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

char *
reg_import_columns_page_get_save_as (RegImportColumnsPage *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->save_row))));
  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}

char *
reg_import_columns_page_get_channel (RegImportColumnsPage *self)
{
  g_autofree char *channel = NULL;

  g_return_val_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  /* kept while a column gives the channel too: it stays the channel of rows whose cell is
   * empty, as with regulars-cli, and a loaded mapping keeps its own */
  channel = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->channel_entry))));
  return *channel != '\0' ? g_steal_pointer (&channel) : NULL;
}

AdwComboRow *
reg_import_columns_page_get_field_row (RegImportColumnsPage *self,
                                       RegField              field)
{
  g_return_val_if_fail (REG_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  g_return_val_if_fail (field < REG_N_FIELDS, NULL);
  return self->field_rows[field];
}

static void
reg_import_columns_page_finalize (GObject *object)
{
  RegImportColumnsPage *self = REG_IMPORT_COLUMNS_PAGE (object);

  g_clear_pointer (&self->mapping, reg_import_mapping_free);
  reg_import_column_choices_clear (&self->columns);
  G_OBJECT_CLASS (reg_import_columns_page_parent_class)->finalize (object);
}

static void
reg_import_columns_page_class_init (RegImportColumnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_import_columns_page_finalize;

  signals[MAPPING_CHANGED] = g_signal_new ("mapping-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-columns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportColumnsPage, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportColumnsPage, saved_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportColumnsPage, saved_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportColumnsPage, save_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportColumnsPage, channel_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportColumnsPage, channel_entry);
  /* named for tests */
  gtk_widget_class_bind_template_child_full (widget_class, "load_button", FALSE, 0);
}

static void
reg_import_columns_page_init (RegImportColumnsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  reg_import_column_choices_init (&self->columns);
  reg_ui_combo_row_set_max_chars (self->saved_row, 32);
}
