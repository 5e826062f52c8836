/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's detected page. It holds the owner's choices about how to read the file
 * (sales or survey results, the export's rules, format, encoding, delimiter, decimal mark,
 * date order, the survey's scale and columns); each drop-down shows the owner's choice, else
 * what was found and how sure the guess is. A changed choice is announced with "changed" and
 * what it affects; the frame reads the file again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-detected-page.h"
#include "reg-import-preset.h"
#include "reg-import-survey-columns.h"
#include "reg-import-words.h"
#include "reg-ui-util.h"

struct _RegImportDetectedPage
{
  GtkBox               parent_instance;

  gboolean             updating;        /* filling widgets: their signals are not the owner's */
  gboolean             feedback;        /* the file is read as survey results */
  gboolean             feedback_chosen; /* the owner chose sales or survey: no more guessing */

  /* the owner's choices; NULL or 0: as found */
  char                *format;
  char                *encoding;
  char                *preset;
  char                 delimiter;
  char                 decimal;
  char                *date_order;      /* "DMY", "MDY", "YMD" */
  GPtrArray           *encodings;       /* (owned) encoding names offered */
  RegFeedbackKind      kind;            /* the owner's scale; AUTO: as found */

  AdwComboRow         *holds_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *preset_row;
  GtkStringList       *preset_model;
  AdwComboRow         *format_row;
  GtkStringList       *format_model;
  AdwComboRow         *encoding_row;
  GtkStringList       *encoding_model;
  AdwComboRow         *delimiter_row;
  GtkStringList       *delimiter_model;
  AdwComboRow         *decimal_row;
  GtkStringList       *decimal_model;
  AdwComboRow         *date_row;
  GtkStringList       *date_model;
  RegImportSurveyColumns *survey_columns_group;
  AdwPreferencesGroup *bank_channel_group;
  GtkEntry            *bank_channel_entry;
};

G_DEFINE_FINAL_TYPE (RegImportDetectedPage, reg_import_detected_page, GTK_TYPE_BOX)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const struct { const char *id; const char *label; } formats[] = {
  { "csv", N_("CSV table") },
  { "ofx", N_("OFX or QFX statement") },
  { "qif", N_("QIF statement") },
  { "camt053", N_("CAMT.053 statement (XML)") },
  { "mt940", N_("MT940 statement") },
};

static const struct { const char *id; const char *label; } known_encodings[] = {
  { "UTF-8", N_("UTF-8 (Unicode)") },
  { "WINDOWS-1252", N_("Windows-1252 (Western European)") },
  { "ISO-8859-1", N_("ISO-8859-1 (Latin-1)") },
  { "ISO-8859-15", N_("ISO-8859-15 (Latin-9, with €)") },
};

static const struct { char c; const char *label; } delimiters[] = {
  { ',', N_("Commas ( , )") },
  { ';', N_("Semicolons ( ; )") },
  { '\t', N_("Tabs") },
  { '|', N_("Vertical bars ( | )") },
};

static const struct { char c; const char *label; } decimals[] = {
  { '.', N_("Point: 1,234.56") },
  { ',', N_("Comma: 1.234,56") },
};

static const struct { const char *id; const char *label; } date_orders[] = {
  { "DMY", N_("Day first: 31.12.2024") },
  { "MDY", N_("Month first: 12/31/2024") },
  { "YMD", N_("Year first: 2024-12-31") },
};

static void
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static void
select_in (AdwComboRow *row,
           guint        position)
{
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}

static guint
encoding_index (RegImportDetectedPage *self,
                const char      *name,
                gboolean         add)
{
  for (guint i = 0; i < self->encodings->len; i++)
    if (name != NULL && g_ascii_strcasecmp (g_ptr_array_index (self->encodings, i), name) == 0)
      return i;
  if (!add || name == NULL)
    return GTK_INVALID_LIST_POSITION;
  g_ptr_array_add (self->encodings, g_ascii_strup (name, -1));
  gtk_string_list_append (self->encoding_model, name);
  return self->encodings->len - 1;
}

static void
set_choice_subtitle (AdwComboRow *row,
                     gboolean     chosen,
                     double       confidence,
                     gboolean     applies)
{
  const char *text;

  if (!applies)
    text = _("Does not apply to this format");
  else if (chosen)
    text = _("Your choice");
  else
    text = reg_import_confidence_words (confidence);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

/* Each drop-down shows the owner's choice, else what was found: in @guesses (the first look,
 * with nothing chosen) or in @preview (under the current choices); @fp: the survey's preview. */
void
reg_import_detected_page_show (RegImportDetectedPage    *self,
                               const RegImportPreview   *guesses,
                               const RegImportPreview   *preview,
                               gboolean                  feedback,
                               const RegFeedbackPreview *fp)
{
  const RegSniffResult *found = guesses != NULL ? guesses->sniff : NULL;
  const RegSniffResult *now = preview != NULL ? preview->sniff : found;
  const char *format;
  const char *preset;
  const char *encoding;
  const char *order;
  char delimiter, decimal;
  gboolean csv;
  gsize n_presets;
  const RegImportPreset *presets = reg_import_preset_list (&n_presets);

  g_return_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self));

  self->feedback = feedback;
  if (found == NULL)
    return;
  self->updating = TRUE;

  /* sales or survey results; for a survey only the rows that apply to it */
  select_in (self->holds_row, feedback ? 1 : 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->holds_row),
                               self->feedback_chosen ? _("Your choice")
                               : feedback ? _("Found in the file: columns with an email address and a score")
                               : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->preset_row), !feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), !feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->decimal_row), !feedback);
  if (feedback)
    {
      const char *text;

      select_in (self->kind_row, (guint) self->kind);
      if (self->kind != REG_FEEDBACK_KIND_AUTO)
        text = _("Your choice");
      else if (fp == NULL || fp->problem != NULL)
        text = NULL;
      else if (fp->kind_problem != NULL)
        text = _("Every score is between 1 and 5, which fits both: choose NPS or CSAT");
      else if (fp->header_kind == REG_FEEDBACK_KIND_CSAT)
        text = _("CSAT, as the score column’s name says");
      else if (fp->header_kind == REG_FEEDBACK_KIND_NPS)
        text = _("NPS, as the score column’s name says");
      else
        text = _("NPS: some scores are 0 or above 5");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), text);
      if (fp != NULL && fp->kind_problem != NULL && self->kind == REG_FEEDBACK_KIND_AUTO)
        gtk_widget_add_css_class (GTK_WIDGET (self->kind_row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->kind_row), "error");
    }

  format = self->format != NULL ? self->format
           : preview != NULL && preview->format != NULL ? preview->format
           : found->format;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (format, formats[i].id) == 0)
      select_in (self->format_row, i);
  csv = g_strcmp0 (format, "csv") == 0;
  set_choice_subtitle (self->format_row, self->format != NULL, found->format_confidence, TRUE);

  preset = self->preset != NULL ? self->preset
           : preview != NULL && preview->preset != NULL ? preview->preset
           : found->preset;
  select_in (self->preset_row, 0);
  for (gsize i = 0; i < n_presets; i++)
    if (g_strcmp0 (preset, presets[i].name) == 0)
      select_in (self->preset_row, (guint) i + 1);
  if (self->preset != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), _("Your choice"));
  else if (preset != NULL)
    {
      const RegImportPreset *p = reg_import_preset_lookup (preset);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                                   p != NULL && p->rules != NULL ? _(p->rules)
                                                                 : reg_import_confidence_words (found->preset_confidence));
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                                 _("Not a known export: the columns are matched by their names"));

  encoding = self->encoding != NULL ? self->encoding
             : preview != NULL && preview->encoding != NULL ? preview->encoding
             : found->encoding;
  select_in (self->encoding_row, encoding_index (self, encoding, TRUE));
  set_choice_subtitle (self->encoding_row, self->encoding != NULL, found->encoding_confidence, TRUE);

  delimiter = self->delimiter != 0 ? self->delimiter : now->delimiter != 0 ? now->delimiter : found->delimiter;
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiter == delimiters[i].c)
      select_in (self->delimiter_row, i);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), csv);
  gtk_widget_set_visible (GTK_WIDGET (self->bank_channel_group), !csv && !feedback);
  set_choice_subtitle (self->delimiter_row, self->delimiter != 0, found->delimiter_confidence, csv);

  decimal = self->decimal != 0 ? self->decimal : now->decimal != 0 ? now->decimal : found->decimal;
  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    if (decimal == decimals[i].c)
      select_in (self->decimal_row, i);
  set_choice_subtitle (self->decimal_row, self->decimal != 0, found->decimal_confidence, TRUE);

  order = self->date_order != NULL ? self->date_order : reg_sniff_result_get_date_order_id (now);
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    if (g_strcmp0 (order, date_orders[i].id) == 0)
      select_in (self->date_row, i);
  set_choice_subtitle (self->date_row, self->date_order != NULL, now->date_order_confidence, TRUE);

  self->updating = FALSE;
}

static void
on_choice_selected_cb (AdwComboRow     *row,
                       GParamSpec      *pspec,
                       RegImportDetectedPage *self)
{
  guint pos = adw_combo_row_get_selected (row);
  gboolean columns_change = TRUE;

  if (self->updating || pos == GTK_INVALID_LIST_POSITION)
    return;
  if (row == self->format_row && pos < G_N_ELEMENTS (formats))
    set_str (&self->format, formats[pos].id);
  else if (row == self->encoding_row && pos < self->encodings->len)
    set_str (&self->encoding, g_ptr_array_index (self->encodings, pos));
  else if (row == self->delimiter_row && pos < G_N_ELEMENTS (delimiters))
    self->delimiter = delimiters[pos].c;
  else if (row == self->preset_row)
    {
      gsize n;
      const RegImportPreset *presets = reg_import_preset_list (&n);
      g_clear_pointer (&self->preset, g_free);
      if (pos > 0 && pos <= n)
        {
          self->preset = g_strdup (presets[pos - 1].name);
          /* a statement format comes with its preset */
          if (g_strcmp0 (presets[pos - 1].format, "csv") != 0)
            set_str (&self->format, presets[pos - 1].format);
          else if (self->format != NULL && !g_str_equal (self->format, "csv"))
            set_str (&self->format, "csv");
        }
    }
  else if (row == self->decimal_row && pos < G_N_ELEMENTS (decimals))
    {
      self->decimal = decimals[pos].c;
      columns_change = FALSE;
    }
  else if (row == self->date_row && pos < G_N_ELEMENTS (date_orders))
    {
      set_str (&self->date_order, date_orders[pos].id);
      columns_change = FALSE;
    }
  else
    return;

  /* other columns, other names: the owner's columns no longer apply */
  if (columns_change)
    reg_import_survey_columns_clear (self->survey_columns_group);
  g_signal_emit (self, signals[CHANGED], 0,
                 columns_change ? REG_IMPORT_CHANGED_COLUMNS : REG_IMPORT_CHANGED_READING);
}

static void
on_holds_selected_cb (AdwComboRow     *row,
                      GParamSpec      *pspec,
                      RegImportDetectedPage *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating || pos == GTK_INVALID_LIST_POSITION || (pos == 1) == self->feedback)
    return;
  self->feedback_chosen = TRUE;
  self->feedback = pos == 1;
  g_signal_emit (self, signals[CHANGED], 0, REG_IMPORT_CHANGED_HOLDS);
}

static void
on_kind_selected_cb (AdwComboRow     *row,
                     GParamSpec      *pspec,
                     RegImportDetectedPage *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->updating || pos > REG_FEEDBACK_KIND_CSAT
      || (RegFeedbackKind) pos == self->kind)
    return;
  self->kind = (RegFeedbackKind) pos;
  g_signal_emit (self, signals[CHANGED], 0, REG_IMPORT_CHANGED_READING);
}

void
reg_import_detected_page_get_choices (RegImportDetectedPage *self,
                                      RegImportChoices      *choices)
{
  g_return_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self));
  choices->format = self->format;
  choices->encoding = self->encoding;
  choices->preset = self->preset;
  choices->date_order = self->date_order;
  choices->delimiter = self->delimiter;
  choices->decimal = self->decimal;
  choices->kind = self->kind;
  choices->survey_columns = reg_import_survey_columns_get_mapping (self->survey_columns_group);
}

gboolean
reg_import_detected_page_get_feedback_chosen (RegImportDetectedPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self), FALSE);
  return self->feedback_chosen;
}

gboolean
reg_import_detected_page_get_feedback (RegImportDetectedPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self), FALSE);
  return self->feedback;
}

void
reg_import_detected_page_set_feedback (RegImportDetectedPage *self,
                                       gboolean               feedback)
{
  g_return_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self));
  self->feedback = feedback;
  if (!feedback)
    gtk_widget_set_visible (GTK_WIDGET (self->survey_columns_group), FALSE);
}

void
reg_import_detected_page_reset (RegImportDetectedPage *self)
{
  g_return_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self));
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->date_order, g_free);
  self->delimiter = self->decimal = 0;
  self->feedback = self->feedback_chosen = FALSE;
  self->kind = REG_FEEDBACK_KIND_AUTO;
  reg_import_survey_columns_clear (self->survey_columns_group);
  gtk_widget_set_visible (GTK_WIDGET (self->survey_columns_group), FALSE);
  /* a channel belongs to one file */
  gtk_editable_set_text (GTK_EDITABLE (self->bank_channel_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->bank_channel_group), FALSE);
}

char *
reg_import_detected_page_get_bank_channel (RegImportDetectedPage *self)
{
  g_autofree char *channel = NULL;

  g_return_val_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->bank_channel_group)))
    return NULL;
  channel = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bank_channel_entry))));
  return *channel != '\0' ? g_steal_pointer (&channel) : NULL;
}

/* The survey's columns on the page: the file's, and the one each part is read from. */
void
reg_import_detected_page_show_survey_columns (RegImportDetectedPage    *self,
                                              const RegFeedbackPreview *fp)
{
  g_return_if_fail (REG_IS_IMPORT_DETECTED_PAGE (self));
  reg_import_survey_columns_show (self->survey_columns_group,
                                  self->feedback && fp != NULL ? fp->layout : NULL);
}

static void
on_survey_columns_changed_cb (RegImportSurveyColumns *columns,
                              RegImportDetectedPage  *self)
{
  if (self->feedback)
    g_signal_emit (self, signals[CHANGED], 0, REG_IMPORT_CHANGED_READING);
}

static void
reg_import_detected_page_finalize (GObject *object)
{
  RegImportDetectedPage *self = REG_IMPORT_DETECTED_PAGE (object);

  g_free (self->format);
  g_free (self->encoding);
  g_free (self->preset);
  g_free (self->date_order);
  g_clear_pointer (&self->encodings, g_ptr_array_unref);
  G_OBJECT_CLASS (reg_import_detected_page_parent_class)->finalize (object);
}

static void
reg_import_detected_page_class_init (RegImportDetectedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_import_detected_page_finalize;

  /* RegImportChange: what the changed choice affects */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-detected-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, holds_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, preset_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, format_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, format_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, encoding_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, delimiter_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, decimal_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, date_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, survey_columns_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, bank_channel_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportDetectedPage, bank_channel_entry);
}

static void
reg_import_detected_page_init (RegImportDetectedPage *self)
{
  gsize n_presets;
  const RegImportPreset *presets = reg_import_preset_list (&n_presets);

  g_type_ensure (REG_TYPE_IMPORT_SURVEY_COLUMNS);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->encodings = g_ptr_array_new_with_free_func (g_free);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (self->format_model, _(formats[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (known_encodings); i++)
    {
      gtk_string_list_append (self->encoding_model, _(known_encodings[i].label));
      g_ptr_array_add (self->encodings, g_strdup (known_encodings[i].id));
    }
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    gtk_string_list_append (self->delimiter_model, _(delimiters[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    gtk_string_list_append (self->decimal_model, _(decimals[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    gtk_string_list_append (self->date_model, _(date_orders[i].label));
  gtk_string_list_append (self->preset_model, _("None: match the columns by their names"));
  for (gsize i = 0; i < n_presets; i++)
    gtk_string_list_append (self->preset_model, _(presets[i].display_name));
  self->updating = FALSE;

  reg_ui_combo_row_set_max_chars (self->preset_row, 32);
  reg_ui_combo_row_set_max_chars (self->holds_row, 32);
  reg_ui_combo_row_set_max_chars (self->encoding_row, 32);
  g_signal_connect (self->format_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->encoding_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->delimiter_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->preset_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->decimal_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->date_row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_signal_connect (self->holds_row, "notify::selected", G_CALLBACK (on_holds_selected_cb), self);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  g_signal_connect (self->survey_columns_group, "changed", G_CALLBACK (on_survey_columns_changed_cb), self);
}
