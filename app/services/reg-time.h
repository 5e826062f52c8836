/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the shop records (SQLite's strftime('now'), UTC without a zone) as the owner reads them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-12-07T15:04:05" (UTC) in the local time zone with @format (g_date_time_format); the
 * text as it is when it is not such a time. */
char *reg_time_format_local (const char *utc_stamp,
                             const char *format);

G_END_DECLS
