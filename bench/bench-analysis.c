/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full analysis of a demo shop (100,000 customers by default) through the service, as the GUI
 * and the CLI run it: reading sales, fitting BG/NBD + Gamma-Gamma, scoring, writing back.
 * Prints the time of each stage and the total. Never fails on time.
 *
 *   bench-analysis [CUSTOMERS] [auto|bgnbd|mbgnbd|pareto] [SHOP]
 *
 * With SHOP, that existing shop file is analysed instead of a new demo shop (to repeat a
 * measurement without writing the demo again).
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "reg-analysis-job.h"
#include "reg-demo.h"

typedef struct
{
  GMutex  lock;
  char   *stage;
  double  stage_start;
  double  start;
} Timing;

/* CPU seconds of this process: on a busy machine they show what the work costs, where the
 * wall clock also counts the time other programs had the cores. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
on_progress_cb (RegJob *job, double fraction, const char *status, gpointer data)
{
  Timing *t = data;
  double now = g_get_monotonic_time () / 1e6;

  if (status == NULL)
    return;
  g_mutex_lock (&t->lock);
  if (t->stage != NULL)
    printf ("  %-22s %.3f s\n", t->stage, now - t->stage_start);
  g_free (t->stage);
  t->stage = g_strdup (status);
  t->stage_start = now;
  g_mutex_unlock (&t->lock);
}

int
main (int argc, char **argv)
{
  guint customers = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  const char *model = argc > 2 ? argv[2] : "auto";
  const char *existing = argc > 3 ? argv[3] : NULL;
  g_autofree char *dir = existing == NULL ? g_dir_make_tmp ("bench-analysis-XXXXXX", NULL) : NULL;
  g_autofree char *path = existing == NULL ? g_build_filename (dir, "shop.regulars", NULL)
                                           : g_strdup (existing);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(RegAnalysisJob) job = NULL;
  g_autoptr(RegAnalysisSummary) s = NULL;
  RegDemoOptions demo;
  RegAnalysisOptions opts;
  Timing t = { 0 };
  guint64 sales = 0;
  double t0, t1, c0;

  if (existing == NULL)
    {
      reg_demo_options_init (&demo);
      demo.customers = customers;
      t0 = g_get_monotonic_time () / 1e6;
      c0 = cpu_seconds ();
      if (!reg_demo_write (path, &demo, NULL, NULL, &sales, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time () / 1e6;
      printf ("demo shop: %u customers, %" G_GUINT64_FORMAT " sales, written in %.2f s, %.2f s of "
              "CPU (budget 10 s)\n", customers, sales, t1 - t0, cpu_seconds () - c0);
    }

  shop = reg_shop_open (path, FALSE, &error);
  if (shop == NULL)
    g_error ("%s", error->message);
  reg_analysis_options_init (&opts);
  opts.model = model;
  job = reg_analysis_job_new (shop, &opts);
  g_mutex_init (&t.lock);
  reg_job_set_progress_func (REG_JOB (job), on_progress_cb, &t);
  if (existing == NULL)
    printf ("analysis (%s) of %u customers / %" G_GUINT64_FORMAT " sales:\n", model, customers,
            sales);
  else
    printf ("analysis (%s) of %s:\n", model, existing);
  t.start = g_get_monotonic_time () / 1e6;
  c0 = cpu_seconds ();
  s = reg_job_run_sync (REG_JOB (job), &error);
  t1 = g_get_monotonic_time () / 1e6;
  if (s == NULL)
    g_error ("%s", error->message);
  printf ("  %-22s %.3f s\n", t.stage, t1 - t.stage_start);
  printf ("  %-22s %.3f s, %.3f s of CPU (budget < 1 s)\n", "total",
          t1 - t.start, cpu_seconds () - c0);
  printf ("  model %s, holdout predicted %.0f vs actual %.0f repeat purchases\n", s->model,
          s->holdout_predicted, s->holdout_actual);
  g_free (t.stage);
  g_clear_object (&shop);
  if (existing == NULL)
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
