/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job's progress on a bar. The job reports from its worker; its properties are notified on
 * the main thread, where the bar follows them. A fraction below 0 means "unknown": the bar
 * pulses ten times a second until a fraction comes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-job-progress.h"

struct _RegJobProgress
{
  RegJob         *job;       /* (owned) */
  GtkProgressBar *bar;       /* (owned) */
  guint           pulse_id;
};

static gboolean
pulse_cb (gpointer user_data)
{
  RegJobProgress *p = user_data;

  gtk_progress_bar_pulse (p->bar);
  return G_SOURCE_CONTINUE;
}

static void
on_job_progress_cb (RegJob         *job,
                    GParamSpec     *pspec,
                    RegJobProgress *p)
{
  double fraction = reg_job_get_fraction (job);
  const char *status = reg_job_get_status_text (job);

  gtk_progress_bar_set_text (p->bar, status != NULL && *status != '\0' ? status : _("Reading the file"));
  if (fraction < 0)
    {
      if (p->pulse_id == 0)
        p->pulse_id = g_timeout_add (100, pulse_cb, p);
    }
  else
    {
      g_clear_handle_id (&p->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (p->bar, CLAMP (fraction, 0.0, 1.0));
    }
}

RegJobProgress *
reg_job_progress_new (RegJob         *job,
                      GtkProgressBar *bar)
{
  RegJobProgress *p;

  g_return_val_if_fail (REG_IS_JOB (job), NULL);
  g_return_val_if_fail (GTK_IS_PROGRESS_BAR (bar), NULL);

  p = g_new0 (RegJobProgress, 1);
  p->job = g_object_ref (job);
  p->bar = g_object_ref (bar);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (on_job_progress_cb), p);
  g_signal_connect (job, "notify::status-text", G_CALLBACK (on_job_progress_cb), p);
  on_job_progress_cb (job, NULL, p);
  return p;
}

void
reg_job_progress_free (RegJobProgress *p)
{
  if (p == NULL)
    return;
  g_signal_handlers_disconnect_by_data (p->job, p);
  g_clear_handle_id (&p->pulse_id, g_source_remove);
  g_object_unref (p->job);
  g_object_unref (p->bar);
  g_free (p);
}
