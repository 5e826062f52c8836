/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What RegChart's files share: the chart's fields, its text and colour helpers
 * (reg-chart-paint.c), and the two ways it draws: series as bars, a line or a histogram with
 * their value axis (reg-chart-series.c), and the cohort heat map (reg-chart-heat-map.c).
 * Main thread only.
 */
#pragma once

#include "reg-chart.h"

G_BEGIN_DECLS

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

#define PAD 6.0
/* a heat map cell wide enough for "100" and tall enough for its line: every row and every
 * number readable, the map scrolled (by its parent) when there are many */
#define HEAT_CELL_W 40
#define HEAT_ROW_PAD 8

/* reg-chart.c */
char        *reg_chart_format_value        (RegChart      *self,
                                            double         value);

/* reg-chart-paint.c */
void         reg_chart_lookup_color        (GtkWidget     *widget,
                                            const char    *name,
                                            const char    *fallback,
                                            GdkRGBA       *out);
void         reg_chart_get_fg              (GtkWidget     *widget,
                                            GdkRGBA       *out);
PangoLayout *reg_chart_small_layout        (GtkWidget     *widget,
                                            const char    *text);
void         reg_chart_draw_text           (GtkSnapshot   *snapshot,
                                            PangoLayout   *layout,
                                            double         x,
                                            double         y,
                                            const GdkRGBA *color);
void         reg_chart_layout_size         (PangoLayout   *layout,
                                            int           *w,
                                            int           *h);

/* reg-chart-series.c */
void         reg_chart_snapshot_series     (RegChart      *self,
                                            GtkSnapshot   *snapshot,
                                            int            w,
                                            int            h);

/* reg-chart-heat-map.c */
void         reg_chart_snapshot_heat_map   (RegChart      *self,
                                            GtkSnapshot   *snapshot,
                                            int            w,
                                            int            h);
void         reg_chart_heat_map_text_size  (RegChart      *self,
                                            int           *label_w,
                                            int           *line_h);

G_END_DECLS
