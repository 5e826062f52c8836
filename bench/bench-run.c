/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times one command of Regulars as an owner runs it, on a real shop, and prints the figures
 * beside their budget. Fails (exit 1) when the command fails. Never fails on time.
 *
 *   bench-run LABEL BUDGET COMMAND [ARG…]
 *
 * BUDGET is the text printed beside the figures ("< 15 s, flat memory").
 */
#include <stdio.h>

#include "bench-util.h"

int
main (int argc, char **argv)
{
  BenchMeasure m;

  if (argc < 4)
    {
      g_printerr ("usage: bench-run LABEL BUDGET COMMAND [ARG…]\n");
      return 2;
    }
  m = bench_run ((const char *const *) argv + 3, FALSE);
  printf ("  %-34s %.2f s (%.2f s of CPU), peak RSS %.0f MB   budget %s\n", argv[1], m.wall,
          m.cpu, m.max_rss_kb / 1024.0, argv[2]);
  bench_measure_clear (&m);
  return 0;
}
