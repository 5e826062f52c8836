/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChart's series: bars, a line or a histogram over a value axis of round ticks, with an
 * optional dashed second series, a marker, pale bars and a shaded range. Main thread only.
 */
#include "config.h"

#include <math.h>

#include "reg-chart-private.h"

static char *
format_tick (RegChart *self,
             double    value)
{
  if (self->axis_func != NULL)
    return self->axis_func (value, self->axis_data);
  return reg_chart_format_value (self, value);
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

void
reg_chart_snapshot_series (RegChart    *self,
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

  reg_chart_get_fg (widget, &fg);
  grid = fg;
  grid.alpha *= 0.12f;
  reg_chart_lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  reg_chart_lookup_color (widget, "destructive_bg_color", "#e01b24", &negative);

  for (guint t = 0; t < n_ticks; t++)
    {
      g_autofree char *text = format_tick (self, ticks[t]);
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, text);
      int tw, th;

      reg_chart_layout_size (layout, &tw, &th);
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
      layout = reg_chart_small_layout (widget, label);
      reg_chart_layout_size (layout, &tw, &th);
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
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, text);
      GdkRGBA dim = fg;
      int tw, th;

      dim.alpha *= 0.7f;
      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (x0, round (y), x1 - x0, 1));
      reg_chart_layout_size (layout, &tw, &th);
      reg_chart_draw_text (snapshot, layout, x0 - PAD - tw, y - th / 2.0, &dim);
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
          layout = reg_chart_small_layout (widget, label);
          reg_chart_layout_size (layout, &tw, &th);
          cx = x0 + slot * (i + 0.5) - tw / 2.0;
          cx = CLAMP (cx, 0, w - tw);
          reg_chart_draw_text (snapshot, layout, cx, y1 + 4, &dim);
        }
    }
}
