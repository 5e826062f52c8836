/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A survey's columns on the detected page: a drop-down per part of an answer over the file's
 * columns (rebuilt only when the columns change), each showing the column the answers are read
 * from; a needed part without one is marked, and the way on waits for it. The owner's choices
 * travel as a survey mapping.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-column-choices.h"
#include "reg-import-survey-columns.h"
#include "reg-ui-util.h"

struct _RegImportSurveyColumns
{
  AdwPreferencesGroup  parent_instance;

  gboolean             updating;        /* filling the rows: their signals are not the owner's */
  RegFeedbackMapping  *survey_columns;  /* (owned) the column the owner chose per field ("Name"
                                         * or "#3"); none: found by its name */
  RegImportColumnChoices choices;       /* the columns the rows offer */
  AdwComboRow         *survey_rows[REG_FEEDBACK_N_FIELDS];   /* (unowned) template children */

  AdwComboRow         *survey_email_row;
  AdwComboRow         *survey_score_row;
  AdwComboRow         *survey_date_row;
  AdwComboRow         *survey_comment_row;
};

G_DEFINE_FINAL_TYPE (RegImportSurveyColumns, reg_import_survey_columns, ADW_TYPE_PREFERENCES_GROUP)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_survey_columns (RegImportSurveyColumns *self)
{
  reg_feedback_mapping_free (self->survey_columns);
  self->survey_columns = reg_feedback_mapping_new ();
}

void
reg_import_survey_columns_show (RegImportSurveyColumns  *self,
                                const RegFeedbackLayout *layout)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GtkStringList) names = NULL;

  g_return_if_fail (REG_IS_IMPORT_SURVEY_COLUMNS (self));

  gtk_widget_set_visible (GTK_WIDGET (self), layout != NULL);
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->columns->len; i++)
    {
      const RegFeedbackColumn *c = g_ptr_array_index (layout->columns, i);
      g_string_append_printf (key, "%s\x1f%s\x1f", c->label, c->value);
    }

  self->updating = TRUE;
  if ((names = reg_import_column_choices_rebuild (&self->choices, key->str)) != NULL)
    {
      for (guint i = 0; i < layout->columns->len; i++)
        {
          const RegFeedbackColumn *c = g_ptr_array_index (layout->columns, i);

          reg_import_column_choices_add (&self->choices, names, c->label, c->sample, c->value);
        }
      for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
        adw_combo_row_set_model (self->survey_rows[f], G_LIST_MODEL (names));
    }

  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      AdwComboRow *row = self->survey_rows[f];
      int c = layout->column_of[f];
      gboolean needed = f != REG_FEEDBACK_FIELD_COMMENT;
      const char *subtitle;

      reg_import_combo_row_select (row, c >= 0 ? (guint) c + 1 : 0);
      if (c < 0 && needed)
        subtitle = _("Needed: choose the column that holds it");
      else if (c < 0)
        subtitle = _("Optional: answers are imported without a comment");
      else if (reg_feedback_mapping_get (self->survey_columns, f) != NULL)
        subtitle = _("Your choice");
      else
        subtitle = _("Found in the file by its name");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (c < 0 && needed)
        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  self->updating = FALSE;
}

static void
on_survey_column_selected_cb (AdwComboRow            *row,
                              GParamSpec             *pspec,
                              RegImportSurveyColumns *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating || pos == GTK_INVALID_LIST_POSITION)
    return;
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (self->survey_rows[f] == row)
      {
        /* "Not in this file": back to the column its name stands for, if any */
        reg_feedback_mapping_set (self->survey_columns, f,
                                  reg_import_column_choices_value (&self->choices, pos));
      }
  g_signal_emit (self, signals[CHANGED], 0);
}

const RegFeedbackMapping *
reg_import_survey_columns_get_mapping (RegImportSurveyColumns *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_SURVEY_COLUMNS (self), NULL);
  return reg_feedback_mapping_is_empty (self->survey_columns) ? NULL : self->survey_columns;
}

void
reg_import_survey_columns_clear (RegImportSurveyColumns *self)
{
  g_return_if_fail (REG_IS_IMPORT_SURVEY_COLUMNS (self));
  clear_survey_columns (self);
  reg_import_column_choices_forget (&self->choices);
}

static void
reg_import_survey_columns_finalize (GObject *object)
{
  RegImportSurveyColumns *self = REG_IMPORT_SURVEY_COLUMNS (object);

  g_clear_pointer (&self->survey_columns, reg_feedback_mapping_free);
  reg_import_column_choices_clear (&self->choices);
  G_OBJECT_CLASS (reg_import_survey_columns_parent_class)->finalize (object);
}

static void
reg_import_survey_columns_class_init (RegImportSurveyColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_import_survey_columns_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-survey-columns.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportSurveyColumns, survey_email_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportSurveyColumns, survey_score_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportSurveyColumns, survey_date_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportSurveyColumns, survey_comment_row);
}

static void
reg_import_survey_columns_init (RegImportSurveyColumns *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  reg_import_column_choices_init (&self->choices);
  self->survey_columns = reg_feedback_mapping_new ();
  self->survey_rows[REG_FEEDBACK_FIELD_EMAIL] = self->survey_email_row;
  self->survey_rows[REG_FEEDBACK_FIELD_SCORE] = self->survey_score_row;
  self->survey_rows[REG_FEEDBACK_FIELD_DATE] = self->survey_date_row;
  self->survey_rows[REG_FEEDBACK_FIELD_COMMENT] = self->survey_comment_row;
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      reg_ui_combo_row_set_max_chars (self->survey_rows[f], 36);
      g_signal_connect (self->survey_rows[f], "notify::selected", G_CALLBACK (on_survey_column_selected_cb), self);
    }
}
