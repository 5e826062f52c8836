/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmark programs share: running one command and measuring that process alone.
 */
#pragma once

#include <glib.h>

typedef struct
{
  double wall;       /* s */
  double cpu;        /* s, user + system of the process itself */
  long   max_rss_kb; /* that process's own peak resident memory */
  char  *out;        /* (owned) its standard output, when kept */
} BenchMeasure;

/* Runs @argv (searched in PATH) to its end and measures it with wait4(), not summed or maxed
 * over every child this program had; keeps its standard output when @keep_output (else reads
 * and drops it). Exits the benchmark with status 1 when the command fails: a failed run gives
 * no figure. */
BenchMeasure bench_run (const char *const *argv,
                        gboolean           keep_output);
void         bench_measure_clear (BenchMeasure *m);
