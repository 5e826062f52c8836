/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChart's heat map: one row per cohort, one column per period, each cell's share as the
 * accent colour's strength and, where it fits, as a number. Main thread only.
 */
#include "config.h"

#include <math.h>

#include "reg-chart-private.h"

void
reg_chart_snapshot_heat_map (RegChart    *self,
                             GtkSnapshot *snapshot,
                             int          w,
                             int          h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int row_label_w = 0, line_h = 0;
  double x0, y0, cw, ch;
  guint row_step = 1, col_step = 1;
  GdkRGBA fg, accent, light;

  reg_chart_get_fg (widget, &fg);
  reg_chart_lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  reg_chart_lookup_color (widget, "accent_fg_color", "#ffffff", &light);

  for (guint r = 0; r < self->row_labels->len; r++)
    {
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, g_ptr_array_index (self->row_labels, r));
      int tw, th;

      reg_chart_layout_size (layout, &tw, &th);
      row_label_w = MAX (row_label_w, tw);
      line_h = MAX (line_h, th);
    }
  if (line_h == 0)
    {
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, "0");
      int tw;
      reg_chart_layout_size (layout, &tw, &line_h);
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
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, g_ptr_array_index (self->labels, c));
      int tw, th;

      reg_chart_layout_size (layout, &tw, &th);
      col_step = MAX (col_step, (guint) ceil ((tw + 6) / cw));
    }
  for (guint c = 0; c < self->cols && c < self->labels->len; c += col_step)
    {
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, g_ptr_array_index (self->labels, c));
      GdkRGBA dim = fg;
      int tw, th;

      dim.alpha *= 0.7f;
      reg_chart_layout_size (layout, &tw, &th);
      reg_chart_draw_text (snapshot, layout, x0 + cw * (c + 0.5) - tw / 2.0, 0, &dim);
    }

  for (guint r = 0; r < self->rows; r++)
    {
      if (r % row_step == 0 && r < self->row_labels->len)
        {
          g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, g_ptr_array_index (self->row_labels, r));
          GdkRGBA dim = fg;
          int tw, th;

          dim.alpha *= 0.7f;
          reg_chart_layout_size (layout, &tw, &th);
          reg_chart_draw_text (snapshot, layout, x0 - PAD / 2 - tw, y0 + ch * (r + 0.5) - th / 2.0, &dim);
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
              g_autoptr(PangoLayout) layout = reg_chart_small_layout (widget, text);
              int tw, th;

              reg_chart_layout_size (layout, &tw, &th);
              reg_chart_draw_text (snapshot, layout, x0 + cw * (c + 0.5) - tw / 2.0,
                                   y0 + ch * (r + 0.5) - th / 2.0, cell > 0.5 ? &light : &fg);
            }
        }
    }
}

/* The widest row label and the height of a line of the chart's small text. */
void
reg_chart_heat_map_text_size (RegChart *self,
                              int      *label_w,
                              int      *line_h)
{
  g_autoptr(PangoLayout) digits = reg_chart_small_layout (GTK_WIDGET (self), "0");

  *label_w = 0;
  reg_chart_layout_size (digits, NULL, line_h);
  for (guint r = 0; r < self->row_labels->len; r++)
    {
      g_autoptr(PangoLayout) layout = reg_chart_small_layout (GTK_WIDGET (self), g_ptr_array_index (self->row_labels, r));
      int tw, th;

      reg_chart_layout_size (layout, &tw, &th);
      *label_w = MAX (*label_w, tw);
      *line_h = MAX (*line_h, th);
    }
}
