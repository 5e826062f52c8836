/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A selection of customers: a value tier, an RFM group, the at-risk list, everyone, or a filter
 * on the scores ("clv>=100,p_alive<0.5,last_purchase<2024-01-01"). Parsed from the names the
 * CLI and the GUI use, matched against customer rows, and described in plain words for printed
 * lists and campaign records.
 */
#pragma once

#include "reg-shop.h"

G_BEGIN_DECLS

typedef struct _RegSegment RegSegment;

RegSegment *reg_segment_parse     (RegShop          *shop,
                                   const char       *spec,
                                   GError          **error);
void        reg_segment_free      (RegSegment       *segment);
gboolean    reg_segment_matches   (const RegSegment *segment,
                                   const RegCustomerRow *row);
const char *reg_segment_get_spec  (const RegSegment *segment);
char       *reg_segment_describe  (const RegSegment *segment);
char       *reg_segment_title     (const RegSegment *segment);
/* The segment's customers (RegCustomerRow), archived ones left out, best value first
 * (reg-shop-queries.c). */
GPtrArray  *reg_shop_list_segment (RegShop          *shop,
                                   const RegSegment *segment,
                                   GError          **error);
/* Why a customer is at risk, in words and the figures the analysis measured ("usually buys
 * every 3 weeks, last bought 9 weeks ago"), dates in @locale_id (NULL = ISO), or NULL. */
char       *reg_at_risk_reason    (const RegCustomerRow *row,
                                   const char       *locale_id);
/* Every named segment: tier ids, RFM group ids, "at-risk", "all". */
GStrv       reg_segment_names     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegSegment, reg_segment_free)

G_END_DECLS
