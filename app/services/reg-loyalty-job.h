/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printable loyalty target lists: the list of a segment, ready for the shared page layout,
 * and a job that writes it as a PDF. The GUI's print operation draws the same list.
 */
#pragma once

#include "reg-job.h"
#include "reg-loyalty-layout.h"
#include "reg-shop.h"

G_BEGIN_DECLS

/* Main thread: the list of @segment as the print layout takes it. */
RegLoyaltyList *reg_shop_loyalty_list (RegShop *shop, const char *segment, GError **error);

#define REG_TYPE_LOYALTY_JOB (reg_loyalty_job_get_type ())
G_DECLARE_FINAL_TYPE (RegLoyaltyJob, reg_loyalty_job, REG, LOYALTY_JOB, RegJob)

/* The result is the number of pages written, as a pointer to a guint (transfer full). */
RegLoyaltyJob *reg_loyalty_job_new (RegShop *shop, const char *segment, RegPaperSize paper,
                                    const char *path);

G_END_DECLS
