/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A segment listed on a given connection: the jobs list it on their own (a worker thread's),
 * the fronts through reg_shop_list_segment().
 */
#pragma once

#include "reg-segment.h"
#include "reg-store.h"

G_BEGIN_DECLS

/* (element-type RegCustomerRow) the segment's customers, archived ones left out, best value
 * first; NULL on a database error */
GPtrArray  *reg_segment_list      (const RegSegment *segment,
                                   RegStore         *store,
                                   GError          **error);

G_END_DECLS
