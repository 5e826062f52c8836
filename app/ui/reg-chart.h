/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChart draws one small chart with GtkSnapshot (and Cairo for lines): bars, a line, a
 * histogram or a heat map. It only draws what it is given; callers turn service data into
 * series. Main thread only; the chart copies the data it is handed.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  REG_CHART_BARS,
  REG_CHART_LINE,
  REG_CHART_HISTOGRAM,
  REG_CHART_HEAT_MAP,
} RegChartKind;

#define REG_TYPE_CHART_KIND (reg_chart_kind_get_type ())
GType reg_chart_kind_get_type (void);

/* Text for a value on the axis and in tooltips; returns a newly allocated string. */
typedef char *(*RegChartValueFunc) (double value, gpointer user_data);

#define REG_TYPE_CHART (reg_chart_get_type ())
G_DECLARE_FINAL_TYPE (RegChart, reg_chart, REG, CHART, GtkWidget)

GtkWidget   *reg_chart_new             (RegChartKind        kind);
RegChartKind reg_chart_get_kind        (RegChart           *self);
void         reg_chart_set_kind        (RegChart           *self,
                                        RegChartKind        kind);
const char  *reg_chart_get_empty_text  (RegChart           *self);
void         reg_chart_set_empty_text  (RegChart           *self,
                                        const char         *text);
/* Bars, line and histogram: n values with an optional label each (labels may be NULL). */
void         reg_chart_set_series      (RegChart           *self,
                                        const double       *values,
                                        const char * const *labels,
                                        guint               n);
/* Heat map: rows × cols cells, row-major, each 0 .. 1; NAN leaves a cell empty. */
void         reg_chart_set_matrix      (RegChart           *self,
                                        const double       *cells,
                                        guint               rows,
                                        guint               cols,
                                        const char * const *row_labels,
                                        const char * const *col_labels);
/* Bars and line: a second series drawn as a dashed line over the first (an expectation beside
 * what happened); n may differ from the first series. NULL or 0 removes it. */
void         reg_chart_set_second_series (RegChart         *self,
                                        const double       *values,
                                        guint               n);
/* Bars and line: a shaded band from @low[i] to @high[i] over values @from .. @from + @n - 1 (a
 * range around figures ahead); @n 0 removes it. */
void         reg_chart_set_band        (RegChart           *self,
                                        guint               from,
                                        const double       *low,
                                        const double       *high,
                                        guint               n);
/* The band as set: how many values it spans, the first of them, and low, high pairs. */
guint        reg_chart_get_band        (RegChart           *self,
                                        guint              *from,
                                        const double      **low_high);
/* Bars and line: a dashed vertical line before value @index (a split); -1 for none. */
void         reg_chart_set_marker      (RegChart           *self,
                                        int                 index);
/* Bars: values from @index on are drawn paler (figures ahead, not yet happened); -1 for none. */
void         reg_chart_set_pale_from   (RegChart           *self,
                                        int                 index);
void         reg_chart_clear           (RegChart           *self);
guint        reg_chart_get_n_values    (RegChart           *self);
/* Heat map: its rows and a row's label (NULL past the last). */
guint        reg_chart_get_n_rows      (RegChart           *self);
const char  *reg_chart_get_row_label   (RegChart           *self,
                                        guint               row);
void         reg_chart_set_value_func  (RegChart           *self,
                                        RegChartValueFunc   func,
                                        gpointer            user_data,
                                        GDestroyNotify      destroy);
/* The value axis: its ticks are round multiples of @unit (1 for counts, one whole currency
 * unit in minor units for money), labelled by @func (or the value func when NULL), which may
 * leave out what a round tick does not need (cents). */
void         reg_chart_set_axis        (RegChart           *self,
                                        double              unit,
                                        RegChartValueFunc   func,
                                        gpointer            user_data,
                                        GDestroyNotify      destroy);

/* Round ticks from at most @lo to at least @hi (lo <= 0 <= hi is kept): 1, 2 or 5 times a
 * power of ten, a multiple of @unit (> 0), at most @max_ticks of them (>= 2). Fills @ticks
 * ascending and returns how many. Pure; for the chart and its tests. */
guint        reg_chart_nice_ticks      (double              lo,
                                        double              hi,
                                        double              unit,
                                        guint               max_ticks,
                                        double             *ticks);

G_END_DECLS
