/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"

BenchMeasure
bench_run (const char *const *argv,
           gboolean           keep_output)
{
  BenchMeasure m = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  struct rusage ru;
  GPid pid;
  int out_fd, status = 0;
  gint64 t0 = g_get_monotonic_time ();
  char buf[65536];
  gssize n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  while ((n = read (out_fd, buf, sizeof buf)) > 0)
    if (keep_output)
      g_string_append_len (out, buf, n);
  close (out_fd);
  if (wait4 (pid, &status, 0, &ru) != pid)
    g_error ("%s: wait4 failed", argv[0]);
  m.wall = (g_get_monotonic_time () - t0) / 1e6;
  m.cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  m.max_rss_kb = ru.ru_maxrss;
  m.out = g_string_free (g_steal_pointer (&out), FALSE);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed (status %d)%s%s\n", argv[0], status, keep_output ? ": " : "", m.out);
      exit (1);
    }
  return m;
}

void
bench_measure_clear (BenchMeasure *m)
{
  g_clear_pointer (&m->out, g_free);
}
