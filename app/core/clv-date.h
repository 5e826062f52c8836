/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calendar days as Julian day numbers (GLib's GDate: 1 = 0001-01-01), and reading them from the
 * ways people write dates: ISO, day-month-year, month-day-year, with month names, two-digit years.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ClvDateOrder:
 * The order of day, month and year in a date written with separators. ISO dates
 * (`2024-03-05`, a four-digit year first) are always read as year-month-day.
 */
typedef enum
{
  CLV_DATE_ORDER_UNKNOWN,
  CLV_DATE_ORDER_DMY,
  CLV_DATE_ORDER_MDY,
  CLV_DATE_ORDER_YMD,
} ClvDateOrder;

gint32       clv_date_today          (void);
gint32       clv_date_from_ymd       (int year, int month, int day);
void         clv_date_to_ymd         (gint32 day, int *year, int *month, int *mday);
char        *clv_date_format_iso     (gint32 day);
void         clv_date_format_iso_buf (gint32 day, char buf[11]);
gboolean     clv_date_parse_iso      (const char *text, gint32 *out_day);
gboolean     clv_date_parse          (const char *text, ClvDateOrder order, gint32 *out_day,
                                      GError **error);
gboolean     clv_date_guess_orders   (const char *text, gboolean *dmy, gboolean *mdy,
                                      gboolean *ymd);
const char  *clv_date_order_id       (ClvDateOrder order);
ClvDateOrder clv_date_order_from_id  (const char *id);
char        *clv_date_format_locale  (gint32 day, ClvDateOrder order, char separator);

/* 1970-01-01, the earliest day a sale may have */
#define CLV_DATE_SALE_MIN 719163
gint32       clv_date_sale_max       (gint32 today);
gboolean     clv_date_check_sale     (gint32 day, gint32 today, GError **error);

G_END_DECLS
