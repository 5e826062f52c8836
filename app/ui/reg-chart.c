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

#include "reg-chart.h"

struct _RegChart
{
  GtkWidget      parent_instance;

  RegChartKind   kind;
  char          *empty_text;      /* (owned) (nullable) */
  GArray        *values;          /* (owned) (element-type double): series, or cells row-major */
  GPtrArray     *labels;          /* (owned) (element-type utf8): one per value, or per column */
  GPtrArray     *row_labels;      /* (owned) (element-type utf8): heat map rows */
  guint          rows, cols;      /* heat map shape */
  GArray        *second;          /* (owned) (element-type double): dashed line over the series */
  int            marker;          /* dashed vertical line before this value; -1 none */
  int            pale_from;       /* bars from this value on are pale; -1 none */
  guint          band_from;       /* the band starts at this value */
  GArray        *band;            /* (owned) (element-type double): low, high per value */

  RegChartValueFunc value_func;
  gpointer       value_data;
  GDestroyNotify value_destroy;
  double         axis_unit;         /* ticks are multiples of it; 0 = any */
  RegChartValueFunc axis_func;      /* (nullable) tick labels; else value_func */
  gpointer       axis_data;
  GDestroyNotify axis_destroy;

  /* geometry of the last frame, for tooltips */
  double         plot_x, plot_y, slot_w, slot_h;
};

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

#define PAD 6.0
/* a heat map cell wide enough for "100" and tall enough for its line: every row and every
 * number readable, the map scrolled (by its parent) when there are many */
#define HEAT_CELL_W 40
#define HEAT_ROW_PAD 8

static char *
format_value (RegChart *self,
              double    value)
{
  if (self->value_func != NULL)
    return self->value_func (value, self->value_data);
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

static char *
format_tick (RegChart *self,
             double    value)
{
  if (self->axis_func != NULL)
    return self->axis_func (value, self->axis_data);
  return format_value (self, value);
}

/* 1, 2 or 5 times a power of ten, at least @x (Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, 1990) */
static double
nice_step (double x)
{
  double p = pow (10, floor (log10 (x)));
  double f = x / p;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

guint
reg_chart_nice_ticks (double  lo,
                      double  hi,
                      double  unit,
                      guint   max_ticks,
                      double *ticks)
{
  double step, first, last;
  guint n;

  g_return_val_if_fail (max_ticks >= 2 && unit > 0, 0);
  if (!(hi > lo))
    hi = lo + unit;
  step = MAX (nice_step ((hi - lo) / (max_ticks - 1)), unit);
  /* a multiple of the unit: whole currency units, whole customers */
  step = ceil (step / unit - 1e-9) * unit;
  for (;;)
    {
      first = floor (lo / step + 1e-9) * step;
      last = ceil (hi / step - 1e-9) * step;
      n = (guint) llround ((last - first) / step) + 1;
      if (n <= max_ticks)
        break;
      step = ceil (nice_step (step * 1.5) / unit - 1e-9) * unit;
    }
  for (guint i = 0; i < n; i++)
    ticks[i] = first + i * step;
  return n;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (ctx, name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
get_fg (GtkWidget *widget,
        GdkRGBA   *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
layout_size (PangoLayout *layout,
             int         *w,
             int         *h)
{
  pango_layout_get_pixel_size (layout, w, h);
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
          g_autofree char *v = format_value (self, g_array_index (self->values, double, i));
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
  get_fg (widget, &fg);
  fg.alpha *= 0.55f;
  layout = gtk_widget_create_pango_layout (widget, self->empty_text);
  pango_layout_set_width (layout, MAX (1, w - 2 * (int) PAD) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  layout_size (layout, &lw, &lh);
  draw_text (snapshot, layout, PAD, (h - lh) / 2.0, &fg);
}

static void
snapshot_series (RegChart    *self,
                 GtkSnapshot *snapshot,
                 int          w,
                 int          h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->values->len;
  const double *v = (const double *) self->values->data;
  double vmin = 0, vmax = 0;
  double ticks[6];
  guint n_ticks;
  int label_w = 0, line_h = 0, max_xlabel_w = 0;
  double x0, x1, y0, y1, slot, y_zero;
  GdkRGBA fg, grid, accent, negative;

  for (guint i = 0; i < n; i++)
    {
      vmin = MIN (vmin, v[i]);
      vmax = MAX (vmax, v[i]);
    }
  for (guint i = 0; i < self->second->len; i++)
    {
      vmin = MIN (vmin, g_array_index (self->second, double, i));
      vmax = MAX (vmax, g_array_index (self->second, double, i));
    }
  for (guint i = 0; i < self->band->len; i++)
    {
      vmin = MIN (vmin, g_array_index (self->band, double, i));
      vmax = MAX (vmax, g_array_index (self->band, double, i));
    }
  /* round ticks, and the scale runs from the lowest to the highest of them */
  n_ticks = reg_chart_nice_ticks (vmin, vmax, self->axis_unit > 0 ? self->axis_unit : 1e-9,
                                  h >= 160 ? 5 : 3, ticks);
  vmin = ticks[0];
  vmax = ticks[n_ticks - 1];

  get_fg (widget, &fg);
  grid = fg;
  grid.alpha *= 0.12f;
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  lookup_color (widget, "destructive_bg_color", "#e01b24", &negative);

  for (guint t = 0; t < n_ticks; t++)
    {
      g_autofree char *text = format_tick (self, ticks[t]);
      g_autoptr(PangoLayout) layout = small_layout (widget, text);
      int tw, th;

      layout_size (layout, &tw, &th);
      label_w = MAX (label_w, tw);
      line_h = MAX (line_h, th);
    }
  for (guint i = 0; i < self->labels->len; i++)
    {
      const char *label = g_ptr_array_index (self->labels, i);
      g_autoptr(PangoLayout) layout = NULL;
      int tw, th;

      if (label == NULL)
        continue;
      layout = small_layout (widget, label);
      layout_size (layout, &tw, &th);
      max_xlabel_w = MAX (max_xlabel_w, tw);
    }

  x0 = label_w + 2 * PAD;
  x1 = w - PAD;
  y0 = PAD + line_h / 2.0;
  y1 = h - PAD - (self->labels->len > 0 ? line_h + 4 : line_h / 2.0);
  if (x1 - x0 < 10 || y1 - y0 < 10)
    return;
  slot = (x1 - x0) / MAX (n, self->second->len);
  y_zero = y1 - (0 - vmin) / (vmax - vmin) * (y1 - y0);
  self->plot_x = x0;
  self->plot_y = y0;
  self->slot_w = slot;
  self->slot_h = y1 - y0;

  /* grid lines and their values */
  for (guint t = 0; t < n_ticks; t++)
    {
      double y = y1 - (ticks[t] - vmin) / (vmax - vmin) * (y1 - y0);
      g_autofree char *text = format_tick (self, ticks[t]);
      g_autoptr(PangoLayout) layout = small_layout (widget, text);
      GdkRGBA dim = fg;
      int tw, th;

      dim.alpha *= 0.7f;
      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (x0, round (y), x1 - x0, 1));
      layout_size (layout, &tw, &th);
      draw_text (snapshot, layout, x0 - PAD - tw, y - th / 2.0, &dim);
    }

  if (self->kind == REG_CHART_LINE)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n; i++)
        {
          double x = x0 + slot * (i + 0.5);
          double y = y1 - (v[i] - vmin) / (vmax - vmin) * (y1 - y0);

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_stroke_preserve (cr);
      cairo_line_to (cr, x0 + slot * (n - 0.5), y_zero);
      cairo_line_to (cr, x0 + slot * 0.5, y_zero);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
      cairo_fill (cr);
      if (slot >= 6)
        for (guint i = 0; i < n; i++)
          {
            double x = x0 + slot * (i + 0.5);
            double y = y1 - (v[i] - vmin) / (vmax - vmin) * (y1 - y0);

            cairo_arc (cr, x, y, 3.0, 0, 2 * G_PI);
            gdk_cairo_set_source_rgba (cr, &accent);
            cairo_fill (cr);
          }
      cairo_destroy (cr);
    }
  else
    {
      double gap = self->kind == REG_CHART_HISTOGRAM ? MIN (1.0, slot * 0.1) : MAX (1.0, slot * 0.22);

      for (guint i = 0; i < n; i++)
        {
          double y = y1 - (v[i] - vmin) / (vmax - vmin) * (y1 - y0);
          double top = MIN (y, y_zero), bottom = MAX (y, y_zero);

          GdkRGBA c = v[i] < 0 ? negative : accent;

          if (bottom - top < 1 && v[i] != 0)
            top = bottom - 1;
          if (self->pale_from >= 0 && (int) i >= self->pale_from)
            c.alpha *= 0.45f;
          gtk_snapshot_append_color (snapshot, &c,
                                     &GRAPHENE_RECT_INIT (x0 + slot * i + gap / 2, top,
                                                          MAX (1.0, slot - gap), bottom - top));
        }
    }

  /* the range around the values: a shaded band from the slots' centres, its edges outlined
   * thinly so it reads over pale bars in both styles */
  if (self->band->len >= 2)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      guint nb = self->band->len / 2;
      const double *b = (const double *) self->band->data;

#define BAND_X(i) (x0 + slot * (self->band_from + (i) + 0.5))
#define BAND_Y(v) (y1 - ((v) - vmin) / (vmax - vmin) * (y1 - y0))
      /* one value: a box the width of its bar */
      if (nb == 1)
        cairo_rectangle (cr, BAND_X (0) - slot / 2, BAND_Y (b[1]), slot, BAND_Y (b[0]) - BAND_Y (b[1]));
      else
        {
          /* through the centres, held flat to the outer edges of the first and last bar */
          cairo_move_to (cr, BAND_X (0) - slot / 2, BAND_Y (b[1]));
          for (guint i = 0; i < nb; i++)
            cairo_line_to (cr, BAND_X (i), BAND_Y (b[2 * i + 1]));
          cairo_line_to (cr, BAND_X (nb - 1) + slot / 2, BAND_Y (b[2 * nb - 1]));
          cairo_line_to (cr, BAND_X (nb - 1) + slot / 2, BAND_Y (b[2 * nb - 2]));
          for (guint i = nb; i-- > 0;)
            cairo_line_to (cr, BAND_X (i), BAND_Y (b[2 * i]));
          cairo_line_to (cr, BAND_X (0) - slot / 2, BAND_Y (b[0]));
          cairo_close_path (cr);
        }
#undef BAND_X
#undef BAND_Y
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.22 * fg.alpha);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5 * fg.alpha);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }

  /* the expectation as a dashed line in the text colour, and the split */
  if (self->second->len > 0 || self->marker >= 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      const double dash[] = { 5.0, 3.0 };

      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      for (guint i = 0; i < self->second->len; i++)
        {
          double x = x0 + slot * (i + 0.5);
          double y = y1 - (g_array_index (self->second, double, i) - vmin) / (vmax - vmin) * (y1 - y0);

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_stroke (cr);
      if (self->marker >= 0)
        {
          double x = round (x0 + slot * self->marker) + 0.5;

          cairo_set_line_width (cr, 1.0);
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, y1);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6 * fg.alpha);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
    }

  /* category labels, thinned out so they never overlap */
  if (self->labels->len > 0 && max_xlabel_w > 0)
    {
      guint step = MAX (1, (guint) ceil ((max_xlabel_w + 8) / slot));
      GdkRGBA dim = fg;

      dim.alpha *= 0.7f;
      for (guint i = 0; i < n && i < self->labels->len; i += step)
        {
          const char *label = g_ptr_array_index (self->labels, i);
          g_autoptr(PangoLayout) layout = NULL;
          double cx;
          int tw, th;

          if (label == NULL)
            continue;
          layout = small_layout (widget, label);
          layout_size (layout, &tw, &th);
          cx = x0 + slot * (i + 0.5) - tw / 2.0;
          cx = CLAMP (cx, 0, w - tw);
          draw_text (snapshot, layout, cx, y1 + 4, &dim);
        }
    }
}

static void
snapshot_heat_map (RegChart    *self,
                   GtkSnapshot *snapshot,
                   int          w,
                   int          h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int row_label_w = 0, line_h = 0;
  double x0, y0, cw, ch;
  guint row_step = 1, col_step = 1;
  GdkRGBA fg, accent, light;

  get_fg (widget, &fg);
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  lookup_color (widget, "accent_fg_color", "#ffffff", &light);

  for (guint r = 0; r < self->row_labels->len; r++)
    {
      g_autoptr(PangoLayout) layout = small_layout (widget, g_ptr_array_index (self->row_labels, r));
      int tw, th;

      layout_size (layout, &tw, &th);
      row_label_w = MAX (row_label_w, tw);
      line_h = MAX (line_h, th);
    }
  if (line_h == 0)
    {
      g_autoptr(PangoLayout) layout = small_layout (widget, "0");
      int tw;
      layout_size (layout, &tw, &line_h);
    }

  x0 = row_label_w + PAD;
  y0 = line_h + 4;
  cw = (w - x0 - PAD) / self->cols;
  ch = (h - y0 - PAD) / self->rows;
  if (cw < 1 || ch < 1)
    return;
  self->plot_x = x0;
  self->plot_y = y0;
  self->slot_w = cw;
  self->slot_h = ch;
  row_step = MAX (1, (guint) ceil (line_h / ch));

  /* column headings */
  for (guint c = 0; c < self->cols && c < self->labels->len; c++)
    {
      g_autoptr(PangoLayout) layout = small_layout (widget, g_ptr_array_index (self->labels, c));
      int tw, th;

      layout_size (layout, &tw, &th);
      col_step = MAX (col_step, (guint) ceil ((tw + 6) / cw));
    }
  for (guint c = 0; c < self->cols && c < self->labels->len; c += col_step)
    {
      g_autoptr(PangoLayout) layout = small_layout (widget, g_ptr_array_index (self->labels, c));
      GdkRGBA dim = fg;
      int tw, th;

      dim.alpha *= 0.7f;
      layout_size (layout, &tw, &th);
      draw_text (snapshot, layout, x0 + cw * (c + 0.5) - tw / 2.0, 0, &dim);
    }

  for (guint r = 0; r < self->rows; r++)
    {
      if (r % row_step == 0 && r < self->row_labels->len)
        {
          g_autoptr(PangoLayout) layout = small_layout (widget, g_ptr_array_index (self->row_labels, r));
          GdkRGBA dim = fg;
          int tw, th;

          dim.alpha *= 0.7f;
          layout_size (layout, &tw, &th);
          draw_text (snapshot, layout, x0 - PAD / 2 - tw, y0 + ch * (r + 0.5) - th / 2.0, &dim);
        }
      for (guint c = 0; c < self->cols; c++)
        {
          double cell = g_array_index (self->values, double, r * self->cols + c);
          GdkRGBA color = accent;

          if (isnan (cell))
            continue;
          color.alpha = (float) (0.08 + 0.92 * CLAMP (cell, 0.0, 1.0));
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (x0 + cw * c + 0.5, y0 + ch * r + 0.5,
                                                          MAX (1.0, cw - 1), MAX (1.0, ch - 1)));
          if (cw >= 38 && ch >= line_h + 2)
            {
              g_autofree char *text = g_strdup_printf ("%.0f", cell * 100);
              g_autoptr(PangoLayout) layout = small_layout (widget, text);
              int tw, th;

              layout_size (layout, &tw, &th);
              draw_text (snapshot, layout, x0 + cw * (c + 0.5) - tw / 2.0,
                         y0 + ch * (r + 0.5) - th / 2.0, cell > 0.5 ? &light : &fg);
            }
        }
    }
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
    snapshot_heat_map (self, snapshot, w, h);
  else
    snapshot_series (self, snapshot, w, h);
}

/* The widest row label and the height of a line of the chart's small text. */
static void
heat_map_text_size (RegChart *self,
                    int      *label_w,
                    int      *line_h)
{
  g_autoptr(PangoLayout) digits = small_layout (GTK_WIDGET (self), "0");

  *label_w = 0;
  layout_size (digits, NULL, line_h);
  for (guint r = 0; r < self->row_labels->len; r++)
    {
      g_autoptr(PangoLayout) layout = small_layout (GTK_WIDGET (self), g_ptr_array_index (self->row_labels, r));
      int tw, th;

      layout_size (layout, &tw, &th);
      *label_w = MAX (*label_w, tw);
      *line_h = MAX (*line_h, th);
    }
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

      heat_map_text_size (self, &label_w, &line_h);
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

      heat_map_text_size (self, &label_w, &line_h);
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
      value = format_value (self, g_array_index (self->values, double, i));
      label = i < self->labels->len ? g_ptr_array_index (self->labels, i) : NULL;
      if (i >= self->band_from && 2 * (i - self->band_from) + 1 < self->band->len)
        {
          guint k = 2 * (i - self->band_from);
          g_autofree char *low = format_value (self, g_array_index (self->band, double, k));
          g_autofree char *high = format_value (self, g_array_index (self->band, double, k + 1));
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
