/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegJob is the base of every long operation (analysis, import, report, campaign export):
 * it runs in a worker thread, reports progress through properties updated on the main thread,
 * and can be cancelled. The CLI and tests use reg_job_run_sync().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REG_TYPE_JOB (reg_job_get_type ())
G_DECLARE_DERIVABLE_TYPE (RegJob, reg_job, REG, JOB, GObject)

struct _RegJobClass
{
  GObjectClass parent_class;

  /* Called on the main thread before the worker starts: copy what the worker needs. */
  gboolean (*prepare) (RegJob *self, GError **error);
  /* Runs in the worker thread; returns the result for g_task_return_pointer or NULL + error. */
  gpointer (*run)     (RegJob *self, GCancellable *cancellable, GError **error);
  GDestroyNotify result_free;
  /* Called on the main thread after a successful run, before the callback. */
  void     (*finished) (RegJob *self, gpointer result);
};

GCancellable *reg_job_get_cancellable  (RegJob *self);
double        reg_job_get_fraction     (RegJob *self);      /* -1 = unknown */
const char   *reg_job_get_status_text  (RegJob *self);
gboolean      reg_job_get_running      (RegJob *self);
void          reg_job_cancel           (RegJob *self);
/* Cancels every running job of the process, from any thread; returns how many there were. */
guint         reg_job_cancel_all       (void);

void          reg_job_run_async        (RegJob              *self,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gpointer      reg_job_run_finish       (RegJob              *self,
                                        GAsyncResult        *result,
                                        GError             **error);
/* Runs the job to its end in a private main context; returns what _finish returns. */
gpointer      reg_job_run_sync         (RegJob              *self,
                                        GError             **error);

/* From the worker thread: progress as done/total (any units), and a status line. */
void          reg_job_set_progress     (RegJob     *self,
                                        guint64     done,
                                        guint64     total);
void          reg_job_set_status       (RegJob     *self,
                                        const char *text);
/* Where reg_job_run_sync reports progress (the CLI prints it to stderr); any thread. */
typedef void (*RegJobProgressFunc) (RegJob *job, double fraction, const char *status, gpointer data);
void          reg_job_set_progress_func (RegJob *self, RegJobProgressFunc func, gpointer data);

G_END_DECLS
