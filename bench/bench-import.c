/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import of a generated store export (1,000,000 rows, 100,000 customers by default) into a
 * fresh shop, beside the time the sqlite3 shell's .import takes for the same file in the same
 * run. Prints both, the ratio, and the peak memory of the import. Never fails on time.
 *
 *   bench-import [ROWS] [REGULARS-CLI]
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
children_cpu (void)
{
  struct rusage ru;

  getrusage (RUSAGE_CHILDREN, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Runs a command; returns its wall time, and its CPU time in *cpu (the fairer figure on a
 * machine that is busy with other work). */
static double
run (const char *const *argv, const char *stdin_text, long *max_rss_kb, double *cpu)
{
  double c0 = children_cpu ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = now ();
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                           | (stdin_text != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0);

  proc = g_subprocess_newv (argv, flags, &error);
  if (proc == NULL)
    g_error ("%s: %s", argv[0], error->message);
  if (!g_subprocess_communicate_utf8 (proc, stdin_text, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  if (!g_subprocess_get_successful (proc))
    g_printerr ("%s exited with %d\n", argv[0], g_subprocess_get_exit_status (proc));
  if (cpu != NULL)
    *cpu = children_cpu () - c0;
  if (max_rss_kb != NULL)
    {
      struct rusage ru;
      getrusage (RUSAGE_CHILDREN, &ru);
      *max_rss_kb = ru.ru_maxrss;
    }
  return now () - t0;
}

int
main (int argc, char **argv)
{
  guint rows = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  const char *cli = argc > 2 ? argv[2] : "app/cli/regulars-cli";
  g_autofree char *dir = g_dir_make_tmp ("bench-import-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *shop = g_build_filename (dir, "shop.regulars", NULL);
  g_autofree char *raw = g_build_filename (dir, "raw.sqlite", NULL);
  g_autofree char *import_cmd = NULL;
  FILE *out = fopen (csv, "w");
  GRand *rand = g_rand_new_with_seed (1);
  double t_sqlite, t_regulars, c_sqlite = 0, c_regulars = 0;
  long rss = 0;
  struct stat st;

  /* a store export: one row per order, 100,000 customers with e-mail addresses */
  fprintf (out, "Order,Customer ID,Email,Name,Date,Total,Currency\n");
  for (guint i = 0; i < rows; i++)
    {
      guint c = g_rand_int_range (rand, 0, MAX (rows / 10, 1));
      guint day = g_rand_int_range (rand, 0, 1000);
      GDate d;
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, 1, 2022);
      g_date_add_days (&d, day);
      fprintf (out, "%u,C%06u,customer%u@example.com,Customer %u,%04d-%02d-%02d,%u.%02u,EUR\n",
               100000 + i, c, c, c, g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d),
               g_rand_int_range (rand, 5, 300), g_rand_int_range (rand, 0, 100));
    }
  fclose (out);
  g_rand_free (rand);
  g_stat (csv, &st);
  printf ("store export: %u rows, %.1f MB\n", rows, st.st_size / 1e6);

  import_cmd = g_strdup_printf (".import --csv %s orders\n", csv);
  {
    const char *argv_sqlite[] = { "sqlite3", raw, NULL };
    t_sqlite = run (argv_sqlite, import_cmd, NULL, &c_sqlite);
  }
  printf ("  sqlite3 .import:        %.2f s (%.2f s of CPU)\n", t_sqlite, c_sqlite);
  {
    const char *argv_init[] = { cli, "--shop", shop, "init", "--currency", "EUR", NULL };
    const char *argv_import[] = { cli, "--shop", shop, "import", csv,
                                  "--map", "order=Order,customer=Customer ID,email=Email,name=Name,date=Date,amount=Total,currency=Currency",
                                  NULL };
    run (argv_init, NULL, NULL, NULL);
    t_regulars = run (argv_import, NULL, &rss, &c_regulars);
  }
  printf ("  regulars-cli import:    %.2f s (%.2f s of CPU), peak RSS %.1f MB\n", t_regulars,
          c_regulars, rss / 1024.0);
  printf ("  ratio:                  %.2f x wall, %.2f x CPU (budget 1.5 x)\n",
          t_regulars / t_sqlite, c_regulars / MAX (c_sqlite, 0.001));
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return 0;
}
