/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark mode of the GUI. It shows the Customers view and waits for the first frame painted
 * with the column view mapped and its model filled ("customers view shown"), then sorts by
 * name, total spent and predicted value, each timed from the request to the next painted frame
 * (and, in brackets, to the sorted model), prints the figures and the peak resident memory
 * (getrusage) on stdout and quits the application. The application adds how long opening the
 * shop, loading its customer list and building the window took. Main thread only; owns a reference to the window until it quits.
 */
#include "config.h"

#include <sys/resource.h>

#include "reg-benchmark.h"
#include "reg-customers-view.h"

typedef struct
{
  RegWindow *window;          /* (owned) */
  gint64     start;           /* µs */
  int        step;            /* -1 = waiting for the first frame, then the sort index */
  double     sorted;          /* s from the sort request until the sorted model was ready */
  gulong     paint_id;
  GdkFrameClock *clock;       /* (unowned) */
} Bench;

static const struct
{
  const char *column;
  const char *label;
  GtkSortType order;
} sorts[] = {
  { "name", "sort by name", GTK_SORT_ASCENDING },
  { "total-spend", "sort by total spent", GTK_SORT_DESCENDING },
  { "clv", "sort by predicted value", GTK_SORT_DESCENDING },
};

static void
finish (Bench *bench)
{
  struct rusage usage;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (bench->window)));

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    g_print ("peak RSS: %ld MB\n", usage.ru_maxrss / 1024);
  g_signal_handler_disconnect (bench->clock, bench->paint_id);
  g_object_unref (bench->window);
  g_free (bench);
  if (app != NULL)
    g_application_quit (app);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  RegCustomersView *view = REG_CUSTOMERS_VIEW (reg_window_get_view (bench->window, "customers"));
  RegShop *shop = reg_window_get_shop (bench->window);
  gint64 now = g_get_monotonic_time ();
  guint shown, total;

  if (bench->step < 0)
    {
      /* every customer the list shows (archived ones are filtered out) is in the shown model */
      shown = g_list_model_get_n_items (reg_customers_view_get_model (view));
      total = g_list_model_get_n_items (reg_customers_view_get_filtered_model (view));
      if (!gtk_widget_get_mapped (GTK_WIDGET (reg_customers_view_get_column_view (view))) || shown != total)
        return;
      g_print ("customers: %u (%u shown)\n", g_list_model_get_n_items (reg_shop_get_customers (shop)), shown);
      g_print ("customers view shown: %.2f s\n", (now - bench->start) / 1e6);
    }
  else
    g_print ("%s: %.2f s (model sorted in %.2f s)\n", sorts[bench->step].label, (now - bench->start) / 1e6,
             bench->sorted);

  bench->step++;
  if ((gsize) bench->step >= G_N_ELEMENTS (sorts))
    {
      finish (bench);
      return;
    }
  bench->start = g_get_monotonic_time ();
  reg_customers_view_sort_by (view, sorts[bench->step].column, sorts[bench->step].order);
  bench->sorted = (g_get_monotonic_time () - bench->start) / 1e6;   /* GtkSortListModel sorts at once */
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
}

static void
on_window_realize_cb (GtkWidget *widget,
                      Bench     *bench)
{
  bench->clock = gtk_widget_get_frame_clock (widget);
  bench->paint_id = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
  g_signal_handlers_disconnect_by_func (widget, on_window_realize_cb, bench);
}

void
reg_benchmark_run (RegWindow *window,
                   gint64     start_time)
{
  Bench *bench = g_new0 (Bench, 1);

  bench->window = g_object_ref (window);
  bench->start = start_time;
  bench->step = -1;
  reg_window_show_view (window, "customers");
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), bench);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), bench);
}
