/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegReportJob writes the tiered Excel workbook of the shop's last analysis.
 */
#pragma once

#include "reg-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_REPORT_JOB (reg_report_job_get_type ())
G_DECLARE_FINAL_TYPE (RegReportJob, reg_report_job, REG, REPORT_JOB, RegJob)

/* The result (reg_job_run_finish) is the written path as a string (transfer full). */
RegReportJob *reg_report_job_new (RegShop *shop, const char *path);

G_END_DECLS
