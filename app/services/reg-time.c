/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop stores when things happened in UTC, so that a move or a change to summer time never
 * reorders them; people read them in their own time zone.
 */
#include "config.h"

#include "reg-time.h"

/**
 * reg_time_format_local:
 * @utc_stamp: (nullable): a time as the shop records it, UTC ("2026-12-07T15:04:05")
 * @format: as g_date_time_format() takes it
 *
 * Returns: (transfer full): the time in the local time zone, written with @format; the text as
 *   it is when it is not such a time.
 */
char *
reg_time_format_local (const char *utc_stamp, const char *format)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (utc_stamp == NULL)
    return g_strdup ("");
  when = g_date_time_new_from_iso8601 (utc_stamp, utc);
  if (when == NULL)
    return g_strdup (utc_stamp);
  local = g_date_time_to_local (when);
  text = local != NULL ? g_date_time_format (local, format) : NULL;
  return text != NULL ? text : g_strdup (utc_stamp);
}
