/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSegmentFilter: the custom filter builder of the Segments page. Score ranges (predicted
 * value, chance still buying, purchases), last purchase after/before, tier and RFM group turn
 * into a segment spec for reg_segment_parse(); its button shows the customers it selects
 * (the "segments.select" action with the spec). Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

/* What the builder holds; -1 or 0 or NULL: "any". */
typedef struct
{
  gint64      value_min;       /* whole units of the shop's currency; -1 = any */
  gint64      value_max;
  int         p_alive_min;     /* percent 0..100; -1 = any */
  int         p_alive_max;
  int         purchases_min;   /* 0 = any */
  gint32      after_day;       /* Julian day: last purchase after it; 0 = any */
  gint32      before_day;      /* last purchase before it */
  const char *tier;            /* "top", "middle", "bottom" or NULL */
  const char *group;           /* RFM group id or NULL */
} RegSegmentFilterValues;

void  reg_segment_filter_values_init (RegSegmentFilterValues       *values);
/* The spec, such as "clv>=100,p_alive<50%,last_purchase<2024-01-01,tier=top"; "all" when
 * nothing is set. Pure: tested without a display. */
char *reg_segment_filter_build_spec  (const RegSegmentFilterValues *values);

#define REG_TYPE_SEGMENT_FILTER (reg_segment_filter_get_type ())
G_DECLARE_FINAL_TYPE (RegSegmentFilter, reg_segment_filter, REG, SEGMENT_FILTER, AdwBin)

GtkWidget  *reg_segment_filter_new       (void);
void        reg_segment_filter_set_shop  (RegSegmentFilter *self,
                                          RegShop          *shop);
/* The spec the fields make now, or NULL while a date does not read (its row shows why). */
const char *reg_segment_filter_get_spec  (RegSegmentFilter *self);
void        reg_segment_filter_reset     (RegSegmentFilter *self);

G_END_DECLS
