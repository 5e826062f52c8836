/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl-C (SIGINT) and SIGTERM end every command cleanly. The signals are blocked in every
 * thread and taken by one thread with sigwait(), where GLib may be called: the running job is
 * cancelled through its GCancellable, so it rolls back, removes its temp files and returns
 * "Cancelled", which the command reports with a non-zero exit. A command with nothing to
 * cancel ends at once (its SQLite transaction, if any, is rolled back by SQLite); a second
 * signal ends a command that is slow to notice.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reg-cli.h"
#include "reg-job.h"

static gint interrupted;   /* (atomic) signals received */
static gint polling;       /* (atomic) the command checks reg_cli_interrupted() itself */

static void
say_and_exit (int sig)
{
  const char *msg = _("Interrupted; whatever was not finished was not kept");

  /* fputs may block on a lock another thread holds; write does not */
  if (write (STDERR_FILENO, "\nregulars-cli: ", 15) < 0 || write (STDERR_FILENO, msg, strlen (msg)) < 0
      || write (STDERR_FILENO, "\n", 1) < 0)
    {
      /* nothing more to say */
    }
  _exit (128 + sig);
}

static gpointer
signal_thread (gpointer data)
{
  sigset_t *set = data;

  for (;;)
    {
      int sig = 0;

      if (sigwait (set, &sig) != 0)
        continue;
      if (g_atomic_int_add (&interrupted, 1) > 0)
        say_and_exit (sig);
      if (reg_job_cancel_all () == 0 && !g_atomic_int_get (&polling))
        say_and_exit (sig);
    }
  return NULL;
}

void
reg_cli_signals_init (void)
{
  static sigset_t set;

  sigemptyset (&set);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGTERM);
  /* before any other thread exists, so that every thread inherits the mask */
  pthread_sigmask (SIG_BLOCK, &set, NULL);
  g_thread_unref (g_thread_new ("signals", signal_thread, &set));
}

void
reg_cli_signals_polled (gboolean polled)
{
  g_atomic_int_set (&polling, polled);
}

gboolean
reg_cli_interrupted (void)
{
  return g_atomic_int_get (&interrupted) > 0;
}
