/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChart: every kind draws (bars, line, histogram, heat map, empty) into a real frame without
 * warnings, keeps a copy of its data, describes itself for screen readers, and is freed.
 */
#include "config.h"

#include <math.h>

#include "reg-chart.h"
#include "ui-test-utils.h"

static char *
money_cb (double   value,
          gpointer data)
{
  (*(int *) data)++;
  return g_strdup_printf ("€%.0f", value / 100);
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w, h;

  /* the paintable takes the widget's picture at the next frame */
  ui_test_wait_frames (widget, 2);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);   /* something was drawn */
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static void
test_kinds (void)
{
  static const double values[] = { 1200, 0, 3400, -500, 2800, 900 };
  static const char *labels[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun" };
  static const double cells[] = { 1.0, 0.5, 0.25, 1.0, 0.4, NAN };
  static const char *rows[] = { "Jan 24 (10)", "Feb 24 (8)" };
  static const char *cols[] = { "+0", "+1", "+2" };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RegChart *chart = REG_CHART (reg_chart_new (REG_CHART_BARS));
  int calls = 0;

  g_object_ref_sink (chart);
  gtk_window_set_default_size (window, 400, 240);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (chart)) && gtk_widget_get_width (GTK_WIDGET (chart)) > 0, 10);

  /* empty */
  g_assert_cmpuint (reg_chart_get_n_values (chart), ==, 0);
  g_object_unref (render (GTK_WIDGET (chart)));

  reg_chart_set_value_func (chart, money_cb, &calls, NULL);
  for (RegChartKind kind = REG_CHART_BARS; kind <= REG_CHART_HISTOGRAM; kind++)
    {
      g_autoptr(GdkTexture) texture = NULL;

      reg_chart_set_kind (chart, kind);
      reg_chart_set_series (chart, values, labels, G_N_ELEMENTS (values));
      g_assert_cmpuint (reg_chart_get_n_values (chart), ==, G_N_ELEMENTS (values));
      texture = render (GTK_WIDGET (chart));
      g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (chart)));
    }
  g_assert_cmpint (calls, >, 0);   /* axis labels came from the value function */

  /* heat map */
  reg_chart_set_kind (chart, REG_CHART_HEAT_MAP);
  g_assert_cmpint (reg_chart_get_kind (chart), ==, REG_CHART_HEAT_MAP);
  reg_chart_set_matrix (chart, cells, 2, 3, rows, cols);
  g_assert_cmpuint (reg_chart_get_n_values (chart), ==, 6);
  g_object_unref (render (GTK_WIDGET (chart)));

  /* back to empty with a custom text */
  reg_chart_set_empty_text (chart, "Nothing");
  g_assert_cmpstr (reg_chart_get_empty_text (chart), ==, "Nothing");
  reg_chart_set_kind (chart, REG_CHART_LINE);
  reg_chart_clear (chart);
  g_assert_cmpuint (reg_chart_get_n_values (chart), ==, 0);
  g_object_unref (render (GTK_WIDGET (chart)));

  gtk_window_destroy (window);
  ui_test_drain ();
  g_assert_finalize_object (chart);
}

/* Round ticks: 0, €10,000, €20,000, €30,000 over €28,665.21 (in cents), not the maximum
 * itself; 0, 500, 1,000, 1,500 over 1,001 customers; whole customers, never one label twice. */
static void
test_nice_ticks (void)
{
  static const struct { double lo, hi, unit; guint max; guint n; double first, step; } cases[] = {
    { 0, 2866521, 100, 5, 4, 0, 1000000 },
    { 0, 1001, 1, 5, 4, 0, 500 },
    { 0, 1, 1, 5, 2, 0, 1 },
    { 0, 3, 1, 5, 4, 0, 1 },
    { 0, 61728, 100, 5, 5, 0, 20000 },
    { 0, 61728, 100, 3, 3, 0, 50000 },
    { -1250, 4000, 100, 5, 4, -2000, 2000 },
    { 0, 0, 100, 5, 2, 0, 100 },
    { 0, 7, 100, 5, 2, 0, 100 },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double ticks[8];
      guint n = reg_chart_nice_ticks (cases[c].lo, cases[c].hi, cases[c].unit, cases[c].max, ticks);

      g_test_message ("case %" G_GSIZE_FORMAT ": %u ticks from %g", c, n, ticks[0]);
      g_assert_cmpuint (n, ==, cases[c].n);
      g_assert_cmpuint (n, <=, cases[c].max);
      g_assert_cmpfloat (ticks[0], ==, cases[c].first);
      g_assert_cmpfloat (ticks[0], <=, cases[c].lo);
      g_assert_cmpfloat (ticks[n - 1], >=, cases[c].hi);
      for (guint i = 1; i < n; i++)
        {
          g_assert_cmpfloat (ticks[i] - ticks[i - 1], ==, cases[c].step);
          /* multiples of the unit: whole currency units or whole customers */
          g_assert_cmpfloat (fmod (ticks[i], cases[c].unit), ==, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/chart/kinds", test_kinds);
  g_test_add_func ("/ui/chart/nice-ticks", test_nice_ticks);
  return g_test_run ();
}
