/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the core: process-wide GSL setup (error handler off, once).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void clv_gsl_init (void);

G_END_DECLS
