/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegJob runs a subclass's work in a GTask worker thread. The worker only stores counters
 * (under a mutex); a 100 ms timeout on the job's main context turns them into "fraction" and
 * "status-text" notifications, so GObject properties are only touched on that context.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reg-job.h"

typedef struct
{
  GCancellable      *cancellable;    /* (owned) */
  double             fraction;       /* main thread copy */
  char              *status_text;    /* (owned) main thread copy */
  gboolean           running;
  GSource           *timeout;        /* (owned) (nullable) progress publisher */
  GMainContext      *context;        /* (owned) (nullable) where the job was started */

  GMutex             lock;           /* guards the three fields below */
  guint64            done, total;
  char              *pending_status; /* (owned) (nullable) */

  RegJobProgressFunc progress_func;
  gpointer           progress_data;
} RegJobPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RegJob, reg_job, G_TYPE_OBJECT)

enum { PROP_0, PROP_FRACTION, PROP_STATUS_TEXT, PROP_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The cancellables of the jobs running now, for reg_job_cancel_all() from any thread. */
static GMutex running_lock;
static GPtrArray *running_cancellables;

static void
set_running (RegJob *self, gboolean running)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  if (priv->running == running)
    return;
  priv->running = running;
  g_mutex_lock (&running_lock);
  if (running_cancellables == NULL)
    running_cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  if (running)
    g_ptr_array_add (running_cancellables, g_object_ref (priv->cancellable));
  else
    g_ptr_array_remove (running_cancellables, priv->cancellable);
  g_mutex_unlock (&running_lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
publish_progress (gpointer data)
{
  RegJob *self = data;
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  double fraction;
  char *status;

  g_mutex_lock (&priv->lock);
  fraction = priv->total > 0 ? (double) priv->done / (double) priv->total : -1;
  status = g_steal_pointer (&priv->pending_status);
  g_mutex_unlock (&priv->lock);

  if (fraction > 1)
    fraction = 1;
  if (fraction != priv->fraction)
    {
      priv->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (status != NULL)
    {
      g_free (priv->status_text);
      priv->status_text = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }
  return G_SOURCE_CONTINUE;
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RegJob *self = task_data;
  GError *error = NULL;
  gpointer result = REG_JOB_GET_CLASS (self)->run (self, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, REG_JOB_GET_CLASS (self)->result_free);
}

static void
on_task_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *outer = user_data;
  RegJob *self = REG_JOB (g_task_get_source_object (outer));
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (priv->timeout != NULL)
    g_source_destroy (priv->timeout);
  g_clear_pointer (&priv->timeout, g_source_unref);
  if (value != NULL)
    {
      g_mutex_lock (&priv->lock);
      priv->done = priv->total = 1;
      g_mutex_unlock (&priv->lock);
    }
  publish_progress (self);
  if (value != NULL && REG_JOB_GET_CLASS (self)->finished != NULL)
    REG_JOB_GET_CLASS (self)->finished (self, value);
  set_running (self, FALSE);
  if (value == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, value, REG_JOB_GET_CLASS (self)->result_free);
  g_object_unref (outer);
}

/**
 * reg_job_run_async:
 * Prepares the job on this thread, runs its work in a worker thread, and calls @callback on
 * this thread's default main context when it ends.
 */
void
reg_job_run_async (RegJob *self, GAsyncReadyCallback callback, gpointer user_data)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  g_autoptr(GTask) outer = g_task_new (self, priv->cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  GSource *source;

  g_task_set_source_tag (outer, reg_job_run_async);
  /* the result tells what happened: work that was done (a list written, its campaign
   * recorded) is reported as done even when a cancel came in at the end, never as
   * "Cancelled; nothing was changed" */
  g_task_set_check_cancellable (outer, FALSE);
  g_return_if_fail (!priv->running);

  if (REG_JOB_GET_CLASS (self)->prepare != NULL && !REG_JOB_GET_CLASS (self)->prepare (self, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  set_running (self, TRUE);
  g_clear_pointer (&priv->context, g_main_context_unref);
  priv->context = g_main_context_ref_thread_default ();
  source = g_timeout_source_new (100);
  g_source_set_callback (source, publish_progress, self, NULL);
  g_source_attach (source, priv->context);
  priv->timeout = source;

  /* The worker's task does not hold the job: the worker thread may drop its task a moment
   * after the result is delivered, and the job must be free to go by then. The outer task
   * keeps the job alive until the work is done. */
  inner = g_task_new (NULL, priv->cancellable, on_task_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, self, NULL);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, run_in_thread);
}

/**
 * reg_job_run_finish:
 * @self: a job
 * @result: the result given to the callback of reg_job_run_async()
 * @error: where the job's error goes (%G_IO_ERROR_CANCELLED when cancelled)
 *
 * Returns: (transfer full) (nullable): the job's result (each job's header says its type, freed
 *   with the class's result_free), or %NULL on error.
 */
gpointer
reg_job_run_finish (RegJob *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GAsyncResult *result;
} SyncData;

static void
on_sync_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SyncData *data = user_data;
  data->result = g_object_ref (result);
}

/**
 * reg_job_run_sync:
 * Runs the job in a private main context and waits. For the CLI and tests.
 */
gpointer
reg_job_run_sync (RegJob *self, GError **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncData data = { NULL };
  gpointer value;

  g_main_context_push_thread_default (context);
  reg_job_run_async (self, on_sync_done_cb, &data);
  while (data.result == NULL)
    g_main_context_iteration (context, TRUE);
  value = reg_job_run_finish (self, data.result, error);
  g_object_unref (data.result);
  g_main_context_pop_thread_default (context);
  return value;
}

/**
 * reg_job_set_progress:
 * @self: a job
 * @done: the work done, in any unit
 * @total: the whole work in the same unit; 0 = unknown
 *
 * From the worker thread; passed to the main thread at most every 50 ms.
 */
void
reg_job_set_progress (RegJob *self, guint64 done, guint64 total)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  priv->done = done;
  priv->total = total;
  g_mutex_unlock (&priv->lock);
  if (priv->progress_func != NULL)
    priv->progress_func (self, total > 0 ? (double) done / (double) total : -1, NULL,
                         priv->progress_data);
}

/**
 * reg_job_set_status:
 * @self: a job
 * @text: (nullable): a status line, translated
 *
 * From the worker thread.
 */
void
reg_job_set_status (RegJob *self, const char *text)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  g_free (priv->pending_status);
  priv->pending_status = g_strdup (text);
  g_mutex_unlock (&priv->lock);
  if (priv->progress_func != NULL)
    priv->progress_func (self, -1, text, priv->progress_data);
}

/**
 * reg_job_set_progress_func:
 * @self: a job
 * @func: (nullable): called with each progress report of reg_job_run_sync()
 * @data: for @func
 *
 * Where a synchronous run reports its progress (the command line prints it to stderr).
 */
void
reg_job_set_progress_func (RegJob *self, RegJobProgressFunc func, gpointer data)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  priv->progress_func = func;
  priv->progress_data = data;
}

/**
 * reg_job_cancel_all:
 * Cancels every job running in the process; safe from any thread (the CLI's signal thread).
 * Returns: how many were running.
 */
guint
reg_job_cancel_all (void)
{
  guint n = 0;

  g_mutex_lock (&running_lock);
  for (guint i = 0; running_cancellables != NULL && i < running_cancellables->len; i++, n++)
    g_cancellable_cancel (running_cancellables->pdata[i]);
  g_mutex_unlock (&running_lock);
  return n;
}

/**
 * reg_job_get_cancellable:
 * @self: a job
 *
 * Returns: (transfer none): the job's cancellable, for the worker to check.
 */
GCancellable *
reg_job_get_cancellable (RegJob *self)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  return priv->cancellable;
}

/**
 * reg_job_get_fraction:
 * @self: a job
 *
 * Returns: how far the job is, 0 to 1, or -1 when it cannot tell (main thread).
 */
double
reg_job_get_fraction (RegJob *self)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  return priv->fraction;
}

/**
 * reg_job_get_status_text:
 * @self: a job
 *
 * Returns: (transfer none) (nullable): the job's last status line, translated (main thread).
 */
const char *
reg_job_get_status_text (RegJob *self)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  return priv->status_text;
}

/**
 * reg_job_get_running:
 * @self: a job
 *
 * Returns: whether the job was started and has not finished.
 */
gboolean
reg_job_get_running (RegJob *self)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  return priv->running;
}

/**
 * reg_job_cancel:
 * @self: a job
 *
 * Asks the job to stop; it ends with %G_IO_ERROR_CANCELLED and leaves nothing behind. Any
 * thread; nothing happens after the job ended.
 */
void
reg_job_cancel (RegJob *self)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);
  g_cancellable_cancel (priv->cancellable);
}

static void
reg_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RegJob *self = REG_JOB (object);
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, priv->fraction);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, priv->status_text);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, priv->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_job_finalize (GObject *object)
{
  RegJob *self = REG_JOB (object);
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  if (priv->timeout != NULL)
    g_source_destroy (priv->timeout);
  g_clear_pointer (&priv->timeout, g_source_unref);
  g_clear_object (&priv->cancellable);
  g_clear_pointer (&priv->context, g_main_context_unref);
  g_free (priv->status_text);
  g_free (priv->pending_status);
  g_mutex_clear (&priv->lock);
  G_OBJECT_CLASS (reg_job_parent_class)->finalize (object);
}

static void
reg_job_class_init (RegJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = reg_job_get_property;
  object_class->finalize = reg_job_finalize;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_job_init (RegJob *self)
{
  RegJobPrivate *priv = reg_job_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->fraction = -1;
  g_mutex_init (&priv->lock);
}
