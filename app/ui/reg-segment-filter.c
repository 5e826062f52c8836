/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filter builder: widgets in, a segment spec out. reg_segment_filter_build_spec() is the
 * whole rule and has no GTK in it; the widget reads its fields into RegSegmentFilterValues,
 * shows the spec it makes and points its button at "segments.select" with it. Dates are read
 * the shop's way; one that does not read is shown under the group and holds the button back.
 * Main thread only; holds a reference to the shop.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "clv-date.h"
#include "clv-segments.h"
#include "reg-segment-filter.h"
#include "reg-ui-util.h"
#include "reg-width-watch.h"

struct _RegSegmentFilter
{
  AdwBin          parent_instance;

  RegShop        *shop;         /* (owned) (nullable) */
  char           *spec;         /* (owned) (nullable) NULL while a field does not read */
  gboolean        resetting;

  /* template */
  AdwActionRow   *value_row;
  GtkFlowBox     *value_fields;
  GtkSpinButton  *value_min;
  GtkSpinButton  *value_max;
  GtkSpinButton  *p_alive_min;
  GtkSpinButton  *p_alive_max;
  GtkSpinButton  *purchases_min;
  AdwEntryRow    *after_row;
  AdwEntryRow    *before_row;
  AdwComboRow    *tier_row;
  GtkStringList  *tier_model;
  AdwComboRow    *group_row;
  GtkStringList  *group_model;
  AdwActionRow   *spec_row;
  GtkButton      *show_button;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (RegSegmentFilter, reg_segment_filter, ADW_TYPE_BIN)

static const ClvTier tiers[] = { CLV_TIER_TOP, CLV_TIER_MIDDLE, CLV_TIER_BOTTOM };

/* ---- the rule ---- */

void
reg_segment_filter_values_init (RegSegmentFilterValues *v)
{
  v->value_min = v->value_max = -1;
  v->p_alive_min = v->p_alive_max = -1;
  v->purchases_min = 0;
  v->after_day = v->before_day = 0;
  v->tier = v->group = NULL;
}

char *
reg_segment_filter_build_spec (const RegSegmentFilterValues *v)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  char iso[11];

  /* money in whole units: the spec is read with the shop's locale, and "100" reads the same
   * in every locale (a decimal comma would clash with the commas between conditions) */
  if (v->value_min >= 0)
    g_ptr_array_add (parts, g_strdup_printf ("clv>=%" PRId64, v->value_min));
  if (v->value_max >= 0)
    g_ptr_array_add (parts, g_strdup_printf ("clv<=%" PRId64, v->value_max));
  if (v->p_alive_min >= 0)
    g_ptr_array_add (parts, g_strdup_printf ("p_alive>=%d%%", v->p_alive_min));
  if (v->p_alive_max >= 0)
    g_ptr_array_add (parts, g_strdup_printf ("p_alive<=%d%%", v->p_alive_max));
  if (v->purchases_min > 0)
    g_ptr_array_add (parts, g_strdup_printf ("purchases>=%d", v->purchases_min));
  if (v->after_day > 0)
    {
      clv_date_format_iso_buf (v->after_day, iso);
      g_ptr_array_add (parts, g_strdup_printf ("last_purchase>%s", iso));
    }
  if (v->before_day > 0)
    {
      clv_date_format_iso_buf (v->before_day, iso);
      g_ptr_array_add (parts, g_strdup_printf ("last_purchase<%s", iso));
    }
  if (v->tier != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("tier=%s", v->tier));
  if (v->group != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("rfm_group=%s", v->group));
  if (parts->len == 0)
    return g_strdup ("all");
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (",", (char **) parts->pdata);
}

/* ---- the widget ---- */

static gboolean
read_date (RegSegmentFilter *self,
           AdwEntryRow      *row,
           gint32           *out_day,
           GString          *errors)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  *out_day = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (*text == '\0' || self->shop == NULL)
    return TRUE;
  if (reg_shop_parse_date (self->shop, text, out_day, &error))
    return TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (errors->len > 0)
    g_string_append_c (errors, '\n');
  g_string_append_printf (errors, "%s: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          error->message);
  return FALSE;
}

static void
on_changed_cb (RegSegmentFilter *self)
{
  RegSegmentFilterValues v;
  g_autoptr(GString) errors = g_string_new (NULL);
  gboolean ok;
  guint tier = adw_combo_row_get_selected (self->tier_row);
  guint group = adw_combo_row_get_selected (self->group_row);
  int p_min = (int) gtk_spin_button_get_value (self->p_alive_min);
  int p_max = (int) gtk_spin_button_get_value (self->p_alive_max);

  if (self->resetting)
    return;
  reg_segment_filter_values_init (&v);
  if (gtk_spin_button_get_value (self->value_min) > 0)
    v.value_min = (gint64) gtk_spin_button_get_value (self->value_min);
  if (gtk_spin_button_get_value (self->value_max) > 0)
    v.value_max = (gint64) gtk_spin_button_get_value (self->value_max);
  if (p_min > 0)
    v.p_alive_min = p_min;
  if (p_max < 100)
    v.p_alive_max = p_max;
  v.purchases_min = (int) gtk_spin_button_get_value (self->purchases_min);
  ok = read_date (self, self->after_row, &v.after_day, errors);
  ok = read_date (self, self->before_row, &v.before_day, errors) && ok;
  if (tier > 0 && tier != GTK_INVALID_LIST_POSITION && tier <= G_N_ELEMENTS (tiers))
    v.tier = clv_tier_id (tiers[tier - 1]);
  if (group > 0 && group != GTK_INVALID_LIST_POSITION && group < CLV_N_RFM_GROUPS)
    v.group = clv_rfm_group_id ((ClvRfmGroup) group);

  g_clear_pointer (&self->spec, g_free);
  if (ok)
    self->spec = reg_segment_filter_build_spec (&v);
  gtk_label_set_text (self->error_label, errors->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !ok);

  adw_action_row_set_subtitle (self->spec_row, self->spec != NULL ? self->spec : _("A date above does not read"));
  if (self->spec != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->show_button), g_variant_new_string (self->spec));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->show_button), ok ? "segments.select" : NULL);
  if (!ok)
    gtk_widget_set_sensitive (GTK_WIDGET (self->show_button), FALSE);
}

static void
update_currency (RegSegmentFilter *self)
{
  g_autofree char *currency = self->shop != NULL ? reg_shop_get_setting (self->shop, REG_SETTING_CURRENCY) : NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: %s is a currency code such as EUR */
  subtitle = currency != NULL ? g_strdup_printf (_("In whole %s, over the figures’ horizon; 0: any"), currency)
                              : g_strdup (_("0: any"));
  adw_action_row_set_subtitle (self->value_row, subtitle);
}

static void
on_shop_changed_cb (RegShop          *shop,
                    int               kind,
                    gint64            id,
                    RegSegmentFilter *self)
{
  if (kind == REG_SHOP_CHANGE_SETTINGS)
    {
      update_currency (self);
      on_changed_cb (self);   /* dates may read differently now */
    }
}

static void
reg_segment_filter_dispose (GObject *object)
{
  RegSegmentFilter *self = REG_SEGMENT_FILTER (object);

  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_clear_object (&self->shop);
  g_clear_pointer (&self->spec, g_free);
  G_OBJECT_CLASS (reg_segment_filter_parent_class)->dispose (object);
}

/* "from" and "to" side by side where there is room, one over the other when narrow */
static void
on_width_cb (RegWidthWatch    *watch,
             GParamSpec       *pspec,
             RegSegmentFilter *self)
{
  int width = reg_width_watch_get_width (watch);

  if (width > 0)
    gtk_flow_box_set_min_children_per_line (self->value_fields, width < REG_UI_NARROW_WIDTH ? 1 : 2);
}

static void
reg_segment_filter_class_init (RegSegmentFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_segment_filter_dispose;

  g_type_ensure (REG_TYPE_WIDTH_WATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-segment-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, value_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, value_fields);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, value_min);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, value_max);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, p_alive_min);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, p_alive_max);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, purchases_min);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, after_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, before_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, tier_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, tier_model);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, group_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, group_model);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, spec_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, show_button);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentFilter, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_width_cb);
  gtk_widget_class_bind_template_callback (widget_class, reg_segment_filter_reset);
}

static void
reg_segment_filter_init (RegSegmentFilter *self)
{
  self->resetting = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (self->tier_model, _("Any"));
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    gtk_string_list_append (self->tier_model, clv_tier_name (tiers[i]));
  gtk_string_list_append (self->group_model, _("Any"));
  for (int g = CLV_RFM_NONE + 1; g < CLV_N_RFM_GROUPS; g++)
    gtk_string_list_append (self->group_model, clv_rfm_group_name ((ClvRfmGroup) g));
  adw_combo_row_set_selected (self->tier_row, 0);
  adw_combo_row_set_selected (self->group_row, 0);
  self->resetting = FALSE;
  update_currency (self);
  on_changed_cb (self);
}

GtkWidget *
reg_segment_filter_new (void)
{
  return g_object_new (REG_TYPE_SEGMENT_FILTER, NULL);
}

void
reg_segment_filter_set_shop (RegSegmentFilter *self,
                             RegShop          *shop)
{
  g_return_if_fail (REG_IS_SEGMENT_FILTER (self));

  if (self->shop == shop)
    return;
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_set_object (&self->shop, shop);
  if (shop != NULL)
    g_signal_connect_object (shop, "changed", G_CALLBACK (on_shop_changed_cb), self, 0);
  update_currency (self);
  on_changed_cb (self);
}

const char *
reg_segment_filter_get_spec (RegSegmentFilter *self)
{
  g_return_val_if_fail (REG_IS_SEGMENT_FILTER (self), NULL);
  return self->spec;
}

void
reg_segment_filter_reset (RegSegmentFilter *self)
{
  g_return_if_fail (REG_IS_SEGMENT_FILTER (self));

  self->resetting = TRUE;
  gtk_spin_button_set_value (self->value_min, 0);
  gtk_spin_button_set_value (self->value_max, 0);
  gtk_spin_button_set_value (self->p_alive_min, 0);
  gtk_spin_button_set_value (self->p_alive_max, 100);
  gtk_spin_button_set_value (self->purchases_min, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->after_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->before_row), "");
  adw_combo_row_set_selected (self->tier_row, 0);
  adw_combo_row_set_selected (self->group_row, 0);
  self->resetting = FALSE;
  on_changed_cb (self);
}
