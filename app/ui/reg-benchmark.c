/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark mode of the GUI. It shows the Customers view and waits for the first frame painted
 * with the column view mapped, its model filled and rows laid out in it ("customers view
 * shown", counted from the start of the process), then sorts by name, total spent and
 * predicted value, each timed from the request to the next painted frame (and, in brackets, to
 * the sorted model, which sorts synchronously: its sort is checked before the frame counts),
 * prints the figures and the peak resident memory (getrusage) on stdout and quits the
 * application. The application adds how long opening the shop, loading its customer list and
 * building the window took. Main thread only; owns a reference to the window until it quits.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "reg-application.h"
#include "reg-benchmark.h"
#include "reg-customer-sort-model.h"
#include "reg-customers-view.h"

typedef struct
{
  RegWindow *window;          /* (owned) */
  gint64     start;           /* µs */
  int        step;            /* -1 = waiting for the first frame, then the sort index */
  double     sorted;          /* s from the sort request until the sorted model was ready */
  gulong     paint_id;
  guint      watchdog_id;     /* gives up when a step never completes */
  GdkFrameClock *clock;       /* (unowned) */
} Bench;

/* Nothing may wait forever: a step that has not completed after this long ends the run. */
#define WATCHDOG_S 120

static const struct
{
  const char     *column;
  const char     *label;
  GtkSortType     order;
  RegCustomerSort sort;
} sorts[] = {
  { "name", "sort by name", GTK_SORT_ASCENDING, REG_CUSTOMER_SORT_NAME },
  { "total-spend", "sort by total spent", GTK_SORT_DESCENDING, REG_CUSTOMER_SORT_TOTAL_SPEND },
  { "clv", "sort by predicted value", GTK_SORT_DESCENDING, REG_CUSTOMER_SORT_CLV },
};

/* TRUE when the column view's list has at least one row laid out and mapped: the frame just
 * painted shows customers, not an empty list. */
static gboolean
rows_shown (GtkColumnView *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      for (GtkWidget *row = gtk_widget_get_first_child (child); row != NULL; row = gtk_widget_get_next_sibling (row))
        if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0)
          return TRUE;
  return FALSE;
}

/* TRUE when the shown model is sorted as the step asked. */
static gboolean
sorted_as_asked (RegCustomersView *view,
                 int               step)
{
  RegCustomerSortModel *model = REG_CUSTOMER_SORT_MODEL (reg_customers_view_get_filtered_model (view));
  gboolean descending = FALSE;

  return reg_customer_sort_model_get_sort (model, &descending) == sorts[step].sort
         && descending == (sorts[step].order == GTK_SORT_DESCENDING);
}

/* Prints the peak memory and quits; a benchmark that did not complete (@ok FALSE) ends the
 * program with exit status 1, so that no figure of a failed run passes for a measurement. */
static void
finish (Bench    *bench,
        gboolean  ok)
{
  struct rusage usage;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (bench->window)));

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    g_print ("peak RSS: %ld MB\n", usage.ru_maxrss / 1024);
  g_clear_handle_id (&bench->watchdog_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (bench->window, bench);   /* realize, when not yet */
  if (bench->clock != NULL)
    g_signal_handler_disconnect (bench->clock, bench->paint_id);
  g_object_unref (bench->window);
  g_free (bench);
  if (app != NULL && !ok)
    reg_application_set_exit_status (REG_APPLICATION (app), 1);
  if (app != NULL)
    g_application_quit (app);
}

static gboolean
on_watchdog_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->watchdog_id = 0;
  g_printerr ("benchmark: step %d did not complete within %d s\n", bench->step, WATCHDOG_S);
  finish (bench, FALSE);
  return G_SOURCE_REMOVE;
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
      if (!gtk_widget_get_mapped (GTK_WIDGET (reg_customers_view_get_column_view (view))) || shown != total
          || shown == 0 || !rows_shown (reg_customers_view_get_column_view (view)))
        {
          gtk_widget_queue_draw (GTK_WIDGET (bench->window));   /* look again at the next frame */
          return;
        }
      g_print ("customers: %u (%u shown)\n", g_list_model_get_n_items (reg_shop_get_customers (shop)), shown);
      g_print ("customers view shown: %.2f s (%.2f s of processor time)\n", (now - bench->start) / 1e6,
               reg_benchmark_get_cpu_time ());
    }
  else
    {
      if (!sorted_as_asked (view, bench->step))
        {
          g_printerr ("benchmark: the list is not sorted as asked (%s)\n", sorts[bench->step].label);
          finish (bench, FALSE);
          return;
        }
      if (!rows_shown (reg_customers_view_get_column_view (view)))
        {
          gtk_widget_queue_draw (GTK_WIDGET (bench->window));
          return;
        }
      g_print ("%s: %.2f s (model sorted in %.2f s)\n", sorts[bench->step].label, (now - bench->start) / 1e6,
               bench->sorted);
    }

  bench->step++;
  if ((gsize) bench->step >= G_N_ELEMENTS (sorts))
    {
      finish (bench, TRUE);
      return;
    }
  g_clear_handle_id (&bench->watchdog_id, g_source_remove);
  bench->watchdog_id = g_timeout_add_seconds (WATCHDOG_S, on_watchdog_cb, bench);
  bench->start = g_get_monotonic_time ();
  reg_customers_view_sort_by (view, sorts[bench->step].column, sorts[bench->step].order);
  bench->sorted = (g_get_monotonic_time () - bench->start) / 1e6;   /* the model sorts at once */
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

/* The monotonic time (µs) at which this process started, so that the figures include loading
 * the program and starting GTK: /proc gives the start in clock ticks after boot. Falls back to
 * now when that cannot be read. */
gint64
reg_benchmark_get_process_start (void)
{
  g_autofree char *stat = NULL;
  struct timespec boot;
  const char *p;
  long ticks_per_s = sysconf (_SC_CLK_TCK);
  gint64 now = g_get_monotonic_time ();
  gint64 age;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || clock_gettime (CLOCK_BOOTTIME, &boot) != 0
      || ticks_per_s <= 0 || (p = strrchr (stat, ')')) == NULL)
    return now;
  /* after the command's ")": field 3 (state), …, field 22 (start time) */
  for (int field = 2; field < 22 && p != NULL; field++)
    if ((p = strchr (p, ' ')) != NULL)
      p++;
  if (p == NULL)
    return now;
  age = (gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000
        - (gint64) (g_ascii_strtoull (p, NULL, 10) * G_USEC_PER_SEC / (guint64) ticks_per_s);
  return age >= 0 && age < 60 * G_USEC_PER_SEC ? now - age : now;
}

double
reg_benchmark_get_cpu_time (void)
{
  struct timespec t;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
    return 0;
  return t.tv_sec + t.tv_nsec / 1e9;
}

void
reg_benchmark_run (RegWindow *window,
                   gint64     start_time)
{
  Bench *bench = g_new0 (Bench, 1);

  bench->window = g_object_ref (window);
  bench->start = start_time;
  bench->step = -1;
  bench->watchdog_id = g_timeout_add_seconds (WATCHDOG_S, on_watchdog_cb, bench);
  reg_window_show_view (window, "customers");
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), bench);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), bench);
}
