/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChart: a small chart drawn with GtkSnapshot (rectangles) and Cairo (lines). It owns a copy
 * of its series or matrix and draws bars, a line, a histogram or a heat map in the theme's
 * accent colour, so it follows light and dark styles. Axis and tooltip text come from an
 * optional value function (the caller formats money through RegShop). Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reg-chart-private.h"

enum
{
  PROP_0,
  PROP_KIND,
  PROP_EMPTY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (RegChartKind, reg_chart_kind,
                    G_DEFINE_ENUM_VALUE (REG_CHART_BARS, "bars"),
                    G_DEFINE_ENUM_VALUE (REG_CHART_LINE, "line"),
                    G_DEFINE_ENUM_VALUE (REG_CHART_HISTOGRAM, "histogram"),
                    G_DEFINE_ENUM_VALUE (REG_CHART_HEAT_MAP, "heat-map"))

G_DEFINE_FINAL_TYPE (RegChart, reg_chart, GTK_TYPE_WIDGET)

char *
reg_chart_format_value (RegChart *self,
                        double    value)
{
  if (self->value_func != NULL)
    return self->value_func (value, self->value_data);
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

static void
update_description (RegChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = self->values->len;

  if (self->kind == REG_CHART_HEAT_MAP)
    {
      if (self->rows > 0)
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Heat map of %u row", "Heat map of %u rows",
                                            self->rows), self->rows);
    }
  else
    {
      for (guint i = 0; i < n && i < 24; i++)
        {
          g_autofree char *v = reg_chart_format_value (self, g_array_index (self->values, double, i));
          const char *label = i < self->labels->len ? g_ptr_array_index (self->labels, i) : NULL;

          if (text->len > 0)
            g_string_append (text, "; ");
          if (label != NULL && *label != '\0')
            g_string_append_printf (text, "%s: %s", label, v);
          else
            g_string_append (text, v);
        }
      if (n > 24)
        g_string_append (text, "; …");
    }
  if (text->len == 0 && self->empty_text != NULL)
    g_string_assign (text, self->empty_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
snapshot_empty (RegChart    *self,
                GtkSnapshot *snapshot,
                int          w,
                int          h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg;
  int lw, lh;

  if (self->empty_text == NULL)
    return;
  reg_chart_get_fg (widget, &fg);
  fg.alpha *= 0.55f;
  layout = gtk_widget_create_pango_layout (widget, self->empty_text);
  pango_layout_set_width (layout, MAX (1, w - 2 * (int) PAD) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  reg_chart_layout_size (layout, &lw, &lh);
  reg_chart_draw_text (snapshot, layout, PAD, (h - lh) / 2.0, &fg);
}

static void
reg_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  RegChart *self = REG_CHART (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  if (w <= 0 || h <= 0)
    return;
  if (self->kind == REG_CHART_HEAT_MAP ? (self->rows == 0 || self->cols == 0) : self->values->len == 0)
    {
      snapshot_empty (self, snapshot, w, h);
      return;
    }
  if (self->kind == REG_CHART_HEAT_MAP)
    reg_chart_snapshot_heat_map (self, snapshot, w, h);
  else
    reg_chart_snapshot_series (self, snapshot, w, h);
}

static void
reg_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  RegChart *self = REG_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->kind == REG_CHART_HEAT_MAP && self->cols > 0)
    {
      int label_w, line_h;

      reg_chart_heat_map_text_size (self, &label_w, &line_h);
      *minimum = *natural = label_w + (int) PAD * 2 + (int) self->cols * HEAT_CELL_W;
    }
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 320;
    }
  else if (self->kind == REG_CHART_HEAT_MAP && self->rows > 0)
    {
      int label_w, line_h;

      reg_chart_heat_map_text_size (self, &label_w, &line_h);
      /* the column headings, then one readable row per cohort */
      *minimum = *natural = line_h + 4 + (int) self->rows * (line_h + HEAT_ROW_PAD) + (int) PAD;
    }
  else
    {
      *minimum = 120;
      *natural = 180;
    }
}

static gboolean
reg_chart_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip)
{
  RegChart *self = REG_CHART (widget);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (self->slot_w <= 0 || x < self->plot_x || y < self->plot_y)
    return FALSE;

  if (self->kind == REG_CHART_HEAT_MAP)
    {
      guint c = (guint) ((x - self->plot_x) / self->slot_w);
      guint r = (guint) ((y - self->plot_y) / self->slot_h);
      double cell;

      if (r >= self->rows || c >= self->cols)
        return FALSE;
      cell = g_array_index (self->values, double, r * self->cols + c);
      if (isnan (cell))
        return FALSE;
      /* Translators: heat map tooltip: row label, column label, share in percent */
      text = g_strdup_printf (_("%s, %s: %.0f%%"),
                              r < self->row_labels->len ? (char *) g_ptr_array_index (self->row_labels, r) : "",
                              c < self->labels->len ? (char *) g_ptr_array_index (self->labels, c) : "",
                              cell * 100);
    }
  else
    {
      guint i = (guint) ((x - self->plot_x) / self->slot_w);
      const char *label;

      if (i >= self->values->len)
        return FALSE;
      value = reg_chart_format_value (self, g_array_index (self->values, double, i));
      label = i < self->labels->len ? g_ptr_array_index (self->labels, i) : NULL;
      if (i >= self->band_from && 2 * (i - self->band_from) + 1 < self->band->len)
        {
          guint k = 2 * (i - self->band_from);
          g_autofree char *low = reg_chart_format_value (self, g_array_index (self->band, double, k));
          g_autofree char *high = reg_chart_format_value (self, g_array_index (self->band, double, k + 1));
          char *with_range;

          /* Translators: a chart's value with its 80 % range: value, low end, high end */
          with_range = g_strdup_printf (_("%s (80 %% range %s to %s)"), value, low, high);
          g_free (value);
          value = with_range;
        }
      text = label != NULL ? g_strdup_printf ("%s: %s", label, value) : g_strdup (value);
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
reg_chart_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (reg_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
reg_chart_finalize (GObject *object)
{
  RegChart *self = REG_CHART (object);

  if (self->value_destroy != NULL)
    self->value_destroy (self->value_data);
  if (self->axis_destroy != NULL)
    self->axis_destroy (self->axis_data);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->second, g_array_unref);
  g_clear_pointer (&self->band, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->row_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (reg_chart_parent_class)->finalize (object);
}

static void
reg_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RegChart *self = REG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RegChart *self = REG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      reg_chart_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_EMPTY_TEXT:
      reg_chart_set_empty_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_chart_class_init (RegChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_chart_finalize;
  object_class->get_property = reg_chart_get_property;
  object_class->set_property = reg_chart_set_property;

  widget_class->snapshot = reg_chart_snapshot;
  widget_class->measure = reg_chart_measure;
  widget_class->query_tooltip = reg_chart_query_tooltip;
  widget_class->css_changed = reg_chart_css_changed;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, REG_TYPE_CHART_KIND, REG_CHART_BARS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/regulars/Regulars/ui/reg-chart.ui");
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
reg_chart_init (RegChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->second = g_array_new (FALSE, FALSE, sizeof (double));
  self->band = g_array_new (FALSE, FALSE, sizeof (double));
  self->marker = self->pale_from = -1;
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->row_labels = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reg_chart_new (RegChartKind kind)
{
  return g_object_new (REG_TYPE_CHART, "kind", kind, NULL);
}

RegChartKind
reg_chart_get_kind (RegChart *self)
{
  g_return_val_if_fail (REG_IS_CHART (self), REG_CHART_BARS);
  return self->kind;
}

void
reg_chart_set_kind (RegChart     *self,
                    RegChartKind  kind)
{
  g_return_if_fail (REG_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
reg_chart_get_empty_text (RegChart *self)
{
  g_return_val_if_fail (REG_IS_CHART (self), NULL);
  return self->empty_text;
}

void
reg_chart_set_empty_text (RegChart   *self,
                          const char *text)
{
  g_return_if_fail (REG_IS_CHART (self));

  if (g_strcmp0 (self->empty_text, text) != 0)
    {
      g_free (self->empty_text);
      self->empty_text = g_strdup (text);
      update_description (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
    }
}

static void
copy_labels (GPtrArray          *into,
             const char * const *labels,
             guint               n)
{
  g_ptr_array_set_size (into, 0);
  if (labels == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (into, g_strdup (labels[i] != NULL ? labels[i] : ""));
}

void
reg_chart_set_series (RegChart           *self,
                      const double       *values,
                      const char * const *labels,
                      guint               n)
{
  g_return_if_fail (REG_IS_CHART (self));
  g_return_if_fail (values != NULL || n == 0);

  g_array_set_size (self->values, 0);
  for (guint i = 0; i < n; i++)
    {
      double v = isfinite (values[i]) ? values[i] : 0.0;
      g_array_append_val (self->values, v);
    }
  copy_labels (self->labels, labels, n);
  g_ptr_array_set_size (self->row_labels, 0);
  self->rows = self->cols = 0;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
reg_chart_set_matrix (RegChart           *self,
                      const double       *cells,
                      guint               rows,
                      guint               cols,
                      const char * const *row_labels,
                      const char * const *col_labels)
{
  g_return_if_fail (REG_IS_CHART (self));
  g_return_if_fail (cells != NULL || rows * cols == 0);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, cells, rows * cols);
  self->rows = rows;
  self->cols = cols;
  copy_labels (self->labels, col_labels, cols);
  copy_labels (self->row_labels, row_labels, rows);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
reg_chart_set_second_series (RegChart     *self,
                             const double *values,
                             guint         n)
{
  g_return_if_fail (REG_IS_CHART (self));
  g_return_if_fail (values != NULL || n == 0);

  g_array_set_size (self->second, 0);
  for (guint i = 0; i < n; i++)
    {
      double v = isfinite (values[i]) ? values[i] : 0.0;
      g_array_append_val (self->second, v);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
reg_chart_set_band (RegChart     *self,
                    guint         from,
                    const double *low,
                    const double *high,
                    guint         n)
{
  g_return_if_fail (REG_IS_CHART (self));
  g_return_if_fail ((low != NULL && high != NULL) || n == 0);

  g_array_set_size (self->band, 0);
  self->band_from = from;
  for (guint i = 0; i < n; i++)
    {
      double lo = isfinite (low[i]) ? low[i] : 0.0, hi = isfinite (high[i]) ? high[i] : 0.0;

      g_array_append_val (self->band, lo);
      g_array_append_val (self->band, hi);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
reg_chart_get_band (RegChart      *self,
                    guint         *from,
                    const double **low_high)
{
  g_return_val_if_fail (REG_IS_CHART (self), 0);
  if (from != NULL)
    *from = self->band_from;
  if (low_high != NULL)
    *low_high = (const double *) self->band->data;
  return self->band->len / 2;
}

void
reg_chart_set_marker (RegChart *self,
                      int       index)
{
  g_return_if_fail (REG_IS_CHART (self));
  self->marker = MAX (index, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
reg_chart_set_pale_from (RegChart *self,
                         int       index)
{
  g_return_if_fail (REG_IS_CHART (self));
  self->pale_from = MAX (index, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
reg_chart_clear (RegChart *self)
{
  reg_chart_set_band (self, 0, NULL, NULL, 0);
  reg_chart_set_second_series (self, NULL, 0);
  reg_chart_set_marker (self, -1);
  reg_chart_set_pale_from (self, -1);
  reg_chart_set_series (self, NULL, NULL, 0);
}

guint
reg_chart_get_n_values (RegChart *self)
{
  g_return_val_if_fail (REG_IS_CHART (self), 0);
  return self->values->len;
}

guint
reg_chart_get_n_rows (RegChart *self)
{
  g_return_val_if_fail (REG_IS_CHART (self), 0);
  return self->rows;
}

const char *
reg_chart_get_row_label (RegChart *self,
                         guint     row)
{
  g_return_val_if_fail (REG_IS_CHART (self), NULL);
  return row < self->row_labels->len ? g_ptr_array_index (self->row_labels, row) : NULL;
}

void
reg_chart_set_value_func (RegChart          *self,
                          RegChartValueFunc  func,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  g_return_if_fail (REG_IS_CHART (self));

  if (self->value_destroy != NULL)
    self->value_destroy (self->value_data);
  self->value_func = func;
  self->value_data = user_data;
  self->value_destroy = destroy;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
reg_chart_set_axis (RegChart          *self,
                    double             unit,
                    RegChartValueFunc  func,
                    gpointer           user_data,
                    GDestroyNotify     destroy)
{
  g_return_if_fail (REG_IS_CHART (self));

  if (self->axis_destroy != NULL)
    self->axis_destroy (self->axis_data);
  self->axis_unit = unit;
  self->axis_func = func;
  self->axis_data = user_data;
  self->axis_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
