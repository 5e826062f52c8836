/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tiered report workbook (libxlsxwriter, constant-memory mode): Summary with KPIs and
 * charts, one sheet per tier with every customer, Cohorts, Model and "What these figures mean".
 * Runs on the caller's thread (a RegReportJob worker); touches no SQLite and no GTK.
 */
#pragma once

#include <gio/gio.h>
#include "reg-report-data.h"

G_BEGIN_DECLS

/* Rows of the customer sheets start here; row 0 is the header (exposed for the tests). */
#define REG_XLSX_REPORT_FIRST_DATA_ROW 1

gboolean reg_xlsx_report_write (const char            *path,
                                const RegReportData   *data,
                                RegReportCustomerNext  next,
                                gpointer               next_data,
                                GCancellable          *cancellable,
                                GError               **error);

G_END_DECLS
