/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences: one row per shop setting, made from a table (kind, group, range) into the
 * groups of the template. Spin buttons and drop-downs save as they change, text rows on Enter
 * or their apply button. What reg_shop_set_setting() refuses is shown under the row's group,
 * the row is marked, and the control goes back to the value kept. The shop's "changed" signal
 * then has the window work the figures out again. Main thread only; owns the shop reference.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reg-preferences-window.h"
#include "reg-ui-util.h"

typedef enum
{
  KIND_TEXT,       /* AdwEntryRow with an apply button */
  KIND_MONEY,      /* the same, read as an amount */
  KIND_PERCENT,    /* spin button in %, stored as a fraction */
  KIND_NUMBER,     /* spin button */
  KIND_CHOICE,     /* AdwComboRow */
} Kind;

typedef struct
{
  const char *key;
  const char *group;
  Kind        kind;
  const char *title;
  double      min, max, step;
  guint       digits;
} SettingRow;

static const SettingRow setting_rows[] = {
  { REG_SETTING_SHOP_NAME, "shop_group", KIND_TEXT, N_("Shop name"), 0, 0, 0, 0 },
  { REG_SETTING_CURRENCY, "shop_group", KIND_CHOICE, N_("Currency"), 0, 0, 0, 0 },
  { REG_SETTING_LOCALE, "shop_group", KIND_CHOICE, N_("Amounts and dates written as in"), 0, 0, 0, 0 },
  { REG_SETTING_MARGIN, "money_group", KIND_PERCENT, N_("Margin, in %"), 0, 100, 1, 0 },
  { REG_SETTING_ACQUISITION_COST, "money_group", KIND_MONEY, N_("Cost of winning a customer"), 0, 0, 0, 0 },
  { REG_SETTING_HORIZON_MONTHS, "prediction_group", KIND_NUMBER, N_("Months ahead"), 1, 120, 1, 0 },
  { REG_SETTING_DISCOUNT_MONTHLY, "prediction_group", KIND_PERCENT, N_("Monthly discount rate, in %"),
    0, 50, 0.1, 1 },
  { REG_SETTING_MODEL, "prediction_group", KIND_CHOICE, N_("Purchase model"), 0, 0, 0, 0 },
  { REG_SETTING_TIME_UNIT, "prediction_group", KIND_CHOICE, N_("Time unit of the model"), 0, 0, 0, 0 },
  { REG_SETTING_TIER_TOP, "tier_group", KIND_PERCENT, N_("Top tier, in % of customers"), 1, 90, 1, 0 },
  { REG_SETTING_TIER_BOTTOM, "tier_group", KIND_PERCENT, N_("Bottom tier, in % of customers"), 0, 90, 1, 0 },
  { REG_SETTING_AT_RISK_P_ALIVE, "risk_group", KIND_PERCENT, N_("At risk below this chance of buying, in %"),
    0, 100, 5, 0 },
  { REG_SETTING_OVERDUE_FACTOR, "risk_group", KIND_NUMBER, N_("Overdue after this many usual gaps"),
    1, 10, 0.5, 1 },
};

static const struct { const char *id; const char *label; } models[] = {
  { "auto", N_("Automatic: the one that predicted your sales best") },
  { "bgnbd", N_("BG/NBD") },
  { "mbgnbd", N_("MBG/NBD: customers may drop out after their first purchase too") },
  { "pareto", N_("Pareto/NBD") },
};

static const struct { const char *id; const char *label; } time_units[] = {
  { "day", N_("Days") },
  { "week", N_("Weeks") },
  { "month", N_("Months") },
};

typedef struct
{
  const SettingRow *spec;
  GtkWidget        *row;       /* (unowned) */
  GtkSpinButton    *spin;      /* (unowned) (nullable) */
  GPtrArray        *values;    /* (owned) (nullable) the stored value of each choice */
  GtkLabel         *error;     /* (unowned) the group's message */
  char             *message;   /* (owned) (nullable) this setting's refused change */
} Setting;

struct _RegPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RegShop              *shop;       /* (owned) */
  GHashTable           *settings;   /* key → Setting (owned) */
  gboolean              filling;    /* controls set from the shop, not by the owner */
};

G_DEFINE_FINAL_TYPE (RegPreferencesWindow, reg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
setting_free (gpointer data)
{
  Setting *s = data;

  g_clear_pointer (&s->values, g_ptr_array_unref);
  g_free (s->message);
  g_free (s);
}

/* ---- from the shop to the controls ---- */

static void
load_setting (RegPreferencesWindow *self,
              Setting              *s)
{
  g_autofree char *value = reg_shop_get_setting (self->shop, s->spec->key);

  self->filling = TRUE;
  switch (s->spec->kind)
    {
    case KIND_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (s->row), value != NULL ? value : "");
      break;
    case KIND_MONEY:
      {
        g_autofree char *amount = reg_shop_format_amount (self->shop, g_ascii_strtoll (value != NULL ? value : "0",
                                                                                       NULL, 10));
        gtk_editable_set_text (GTK_EDITABLE (s->row), amount);
      }
      break;
    case KIND_PERCENT:
      gtk_spin_button_set_value (s->spin, g_ascii_strtod (value != NULL ? value : "0", NULL) * 100);
      break;
    case KIND_NUMBER:
      gtk_spin_button_set_value (s->spin, g_ascii_strtod (value != NULL ? value : "0", NULL));
      break;
    case KIND_CHOICE:
    default:
      for (guint i = 0; i < s->values->len; i++)
        if (g_strcmp0 (g_ptr_array_index (s->values, i), value) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (s->row), i);
      break;
    }
  self->filling = FALSE;
}

static void
show_message (Setting *s)
{
  /* the group's label shows the last refused change in it; a good one clears its own */
  if (s->message != NULL)
    {
      reg_ui_set_field_error (s->row, s->error, s->message);
      g_object_set_data_full (G_OBJECT (s->error), "key", g_strdup (s->spec->key), g_free);
    }
  else
    {
      gtk_widget_remove_css_class (s->row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (s->row), GTK_ACCESSIBLE_STATE_INVALID);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (s->error), "key"), s->spec->key) == 0)
        reg_ui_set_field_error (s->row, s->error, NULL);
    }
}

/* ---- from the controls to the shop ---- */

static void
apply (RegPreferencesWindow *self,
       Setting              *s,
       const char           *value)
{
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  g_clear_pointer (&s->message, g_free);
  if (!reg_shop_set_setting (self->shop, s->spec->key, value, &error))
    {
      s->message = g_strdup (error->message);
      /* the control shows what is kept; the message says what was refused */
      if (s->spec->kind != KIND_TEXT && s->spec->kind != KIND_MONEY)
        load_setting (self, s);
    }
  else if (s->spec->kind == KIND_MONEY)
    load_setting (self, s);   /* as the shop writes it */
  show_message (s);
}

static void
on_spin_changed_cb (GtkSpinButton        *spin,
                    RegPreferencesWindow *self)
{
  Setting *s = g_object_get_data (G_OBJECT (spin), "setting");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v = gtk_spin_button_get_value (spin);
  double kept = reg_shop_get_setting_double (self->shop, s->spec->key) * (s->spec->kind == KIND_PERCENT ? 100 : 1);

  /* the value the shop keeps, shown again after a refused one: nothing to save (GtkSpinButton
   * may report it after load_setting() returned) */
  if (fabs (v - kept) < 1e-9)
    return;

  if (s->spec->kind == KIND_PERCENT)
    {
      g_autofree char *text = g_strconcat (g_ascii_formatd (buf, sizeof buf, "%.4g", v), "%", NULL);
      apply (self, s, text);
    }
  else
    apply (self, s, g_ascii_formatd (buf, sizeof buf, "%.4g", v));
}

static void
on_entry_apply_cb (AdwEntryRow          *row,
                   RegPreferencesWindow *self)
{
  Setting *s = g_object_get_data (G_OBJECT (row), "setting");

  apply (self, s, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_combo_selected_cb (AdwComboRow          *row,
                      GParamSpec           *pspec,
                      RegPreferencesWindow *self)
{
  Setting *s = g_object_get_data (G_OBJECT (row), "setting");
  guint pos = adw_combo_row_get_selected (row);
  g_autofree char *kept = reg_shop_get_setting (self->shop, s->spec->key);

  if (pos < s->values->len && g_strcmp0 (kept, g_ptr_array_index (s->values, pos)) != 0)
    apply (self, s, g_ptr_array_index (s->values, pos));
}

/* ---- building ---- */

static GtkWidget *
make_row (RegPreferencesWindow *self,
          Setting              *s)
{
  const SettingRow *spec = s->spec;
  const char *description = reg_shop_setting_description (spec->key);
  GtkWidget *row = NULL;

  switch (spec->kind)
    {
    case KIND_TEXT:
    case KIND_MONEY:
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (on_entry_apply_cb), self);
      gtk_widget_set_tooltip_text (row, description);
      break;

    case KIND_PERCENT:
    case KIND_NUMBER:
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      s->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (spec->min, spec->max, spec->step));
      gtk_spin_button_set_digits (s->spin, spec->digits);
      gtk_spin_button_set_numeric (s->spin, TRUE);
      gtk_widget_set_valign (GTK_WIDGET (s->spin), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (s->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->title), -1);
      g_object_set_data (G_OBJECT (s->spin), "setting", s);
      g_signal_connect (s->spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (s->spin));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (s->spin));
      break;

    case KIND_CHOICE:
    default:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        row = adw_combo_row_new ();
        s->values = g_ptr_array_new_with_free_func (g_free);
        if (g_str_equal (spec->key, REG_SETTING_CURRENCY))
          {
            gsize n;
            const ClvCurrency *all = clv_currency_list (&n);
            for (gsize i = 0; i < n; i++)
              {
                g_autofree char *label = g_strdup_printf ("%s (%s)", all[i].code, all[i].symbol);
                gtk_string_list_append (labels, label);
                g_ptr_array_add (s->values, g_strdup (all[i].code));
              }
          }
        else if (g_str_equal (spec->key, REG_SETTING_LOCALE))
          {
            gsize n;
            const ClvLocale *all = clv_locale_list (&n);
            for (gsize i = 0; i < n; i++)
              {
                gtk_string_list_append (labels, _(all[i].name));
                g_ptr_array_add (s->values, g_strdup (all[i].id));
              }
          }
        else if (g_str_equal (spec->key, REG_SETTING_MODEL))
          for (guint i = 0; i < G_N_ELEMENTS (models); i++)
            {
              gtk_string_list_append (labels, _(models[i].label));
              g_ptr_array_add (s->values, g_strdup (models[i].id));
            }
        else
          for (guint i = 0; i < G_N_ELEMENTS (time_units); i++)
            {
              gtk_string_list_append (labels, _(time_units[i].label));
              g_ptr_array_add (s->values, g_strdup (time_units[i].id));
            }
        self->filling = TRUE;
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        self->filling = FALSE;
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
      }
      break;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->title));
  g_object_set_data (G_OBJECT (row), "setting", s);
  return row;
}

static void
reg_preferences_window_finalize (GObject *object)
{
  RegPreferencesWindow *self = REG_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_preferences_window_parent_class)->finalize (object);
}

static void
reg_preferences_window_class_init (RegPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_preferences_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-preferences-window.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "shop_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "money_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "prediction_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "tier_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "risk_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "figures_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "segments_page", FALSE, 0);
}

static void
reg_preferences_window_init (RegPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, setting_free);
}

/* ---- public ---- */

GtkWindow *
reg_preferences_window_new (RegShop *shop)
{
  RegPreferencesWindow *self;
  GHashTable *errors;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);

  self = g_object_new (REG_TYPE_PREFERENCES_WINDOW, NULL);
  self->shop = g_object_ref (shop);
  errors = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (setting_rows); i++)
    {
      Setting *s = g_new0 (Setting, 1);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                         REG_TYPE_PREFERENCES_WINDOW,
                                                                                         setting_rows[i].group));
      GtkLabel *error = g_hash_table_lookup (errors, setting_rows[i].group);

      s->spec = &setting_rows[i];
      s->row = make_row (self, s);
      adw_preferences_group_add (group, s->row);
      if (error == NULL)
        {
          /* one message line per group, under its rows */
          error = GTK_LABEL (gtk_label_new (NULL));
          gtk_label_set_xalign (error, 0);
          gtk_label_set_wrap (error, TRUE);
          gtk_widget_set_margin_top (GTK_WIDGET (error), 6);
          gtk_widget_add_css_class (GTK_WIDGET (error), "error");
          gtk_widget_set_visible (GTK_WIDGET (error), FALSE);
          g_hash_table_insert (errors, (gpointer) setting_rows[i].group, error);
        }
      s->error = error;
      g_hash_table_insert (self->settings, (gpointer) setting_rows[i].key, s);
      load_setting (self, s);
    }
  /* the message lines go after all rows of their group */
  {
    GHashTableIter it;
    gpointer k, v;

    g_hash_table_iter_init (&it, errors);
    while (g_hash_table_iter_next (&it, &k, &v))
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                       REG_TYPE_PREFERENCES_WINDOW,
                                                                                       k)),
                                 v);
  }
  g_hash_table_unref (errors);
  return GTK_WINDOW (self);
}

GtkWidget *
reg_preferences_window_get_row (RegPreferencesWindow *self,
                                const char           *key)
{
  Setting *s;

  g_return_val_if_fail (REG_IS_PREFERENCES_WINDOW (self), NULL);
  s = g_hash_table_lookup (self->settings, key);
  return s != NULL ? s->row : NULL;
}

GtkSpinButton *
reg_preferences_window_get_spin (RegPreferencesWindow *self,
                                 const char           *key)
{
  Setting *s;

  g_return_val_if_fail (REG_IS_PREFERENCES_WINDOW (self), NULL);
  s = g_hash_table_lookup (self->settings, key);
  return s != NULL ? s->spin : NULL;
}

const char *
reg_preferences_window_get_error (RegPreferencesWindow *self,
                                  const char           *key)
{
  Setting *s;

  g_return_val_if_fail (REG_IS_PREFERENCES_WINDOW (self), NULL);
  s = g_hash_table_lookup (self->settings, key);
  return s != NULL ? s->message : NULL;
}
