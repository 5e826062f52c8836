/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a workbook's customers ahead on a second thread, so that reading them (the store, the
 * reasons in words) and writing the sheets run on two cores at once. Customers pass in blocks
 * through a fixed number of slots: memory stays flat however many customers the shop has.
 */
#pragma once

#include <glib.h>
#include "reg-report-data.h"

G_BEGIN_DECLS

/* customers per block, and blocks in flight: at most this many customers are held at once */
#define REG_REPORT_READ_AHEAD_BLOCK  256
#define REG_REPORT_READ_AHEAD_BLOCKS 4

typedef struct _RegReportReadAhead RegReportReadAhead;

RegReportReadAhead *reg_report_read_ahead_start (RegReportCustomerNext  next,
                                                 gpointer               next_data,
                                                 GError               **error);
gboolean            reg_report_read_ahead_next  (gpointer               read_ahead,
                                                 RegReportCustomer     *out,
                                                 GError               **error);
void                reg_report_read_ahead_stop  (RegReportReadAhead    *read_ahead);

G_END_DECLS
