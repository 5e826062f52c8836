/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The channel figures read on a job's own store, for the jobs of services only.
 */
#pragma once

#include "reg-channels.h"
#include "reg-store-channels.h"

G_BEGIN_DECLS

/* The same as reg_shop_channel_figures() on a job's own store (a worker thread), with the
 * shop's margin read before. */
GArray     *reg_channel_figures_read     (RegStore     *store,
                                          guint         months,
                                          double        margin,
                                          gint32       *out_first_month,
                                          gint32       *out_last_month,
                                          GError      **error);

G_END_DECLS
