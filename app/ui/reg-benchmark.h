/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hidden --benchmark mode: times how long the Customers view takes to show a shop and to
 * re-sort it by three columns, prints the figures and peak memory, then quits. Main thread.
 */
#pragma once

#include "reg-window.h"

G_BEGIN_DECLS

/* The g_get_monotonic_time() at which this process started. */
gint64 reg_benchmark_get_process_start (void);
/* The processor time this process has used so far, every thread, in seconds: on a shared
 * machine the figure that compares from one run to the next where the wall time does not. */
double reg_benchmark_get_cpu_time      (void);
/* Call before presenting @window; @start_time is g_get_monotonic_time() at start-up. */
void   reg_benchmark_run               (RegWindow *window,
                                        gint64     start_time);

G_END_DECLS
