/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegJobProgress: a running RegJob's progress on a progress bar: its fraction (a pulse while
 * the job cannot say how far it is) and its status text. Main thread only.
 */
#pragma once

#include <gtk/gtk.h>

#include "reg-job.h"

G_BEGIN_DECLS

typedef struct _RegJobProgress RegJobProgress;

/* Follows @job on @bar until freed; both are referenced meanwhile. */
RegJobProgress *reg_job_progress_new  (RegJob         *job,
                                       GtkProgressBar *bar);
void            reg_job_progress_free (RegJobProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegJobProgress, reg_job_progress_free)

G_END_DECLS
