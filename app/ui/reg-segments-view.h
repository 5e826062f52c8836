/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSegmentsView, the Segments page: value tiers, RFM groups and the at-risk list as cards
 * with counts and value, a custom filter builder, and for the selection its customers, a
 * campaign list export (with a control group) and a printed list; below, the campaigns sent
 * and what they changed. Main thread only; holds a reference to the shop.
 */
#pragma once

#include <adwaita.h>

#include "reg-campaign-job.h"
#include "reg-segment-filter.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_SEGMENTS_VIEW (reg_segments_view_get_type ())
G_DECLARE_FINAL_TYPE (RegSegmentsView, reg_segments_view, REG, SEGMENTS_VIEW, AdwBin)

GtkWidget               *reg_segments_view_new             (void);
void                     reg_segments_view_set_shop        (RegSegmentsView *self,
                                                            RegShop         *shop);
/* Reads the figures and the campaigns again (after an analysis, an import). */
void                     reg_segments_view_reload          (RegSegmentsView *self);
/* What a card or the filter's button does; FALSE with the parser's message for a bad spec. */
gboolean                 reg_segments_view_select          (RegSegmentsView *self,
                                                            const char      *spec,
                                                            GError         **error);
const char              *reg_segments_view_get_spec        (RegSegmentsView *self);
/* The selection's customers (RegCustomer), best value first. */
GListModel              *reg_segments_view_get_model       (RegSegmentsView *self);
RegSegmentFilter        *reg_segments_view_get_filter      (RegSegmentsView *self);
/* What "Export Campaign List…" does once the file is chosen. */
void                     reg_segments_view_export_to       (RegSegmentsView *self,
                                                            const char      *path);
RegJob                  *reg_segments_view_get_export_job  (RegSegmentsView *self);
/* The save dialog's name for the CSV list: the tool chosen under "Columns for". */
char                    *reg_segments_view_csv_filter_name (RegSegmentsView *self);
const RegCampaignExport *reg_segments_view_get_last_export (RegSegmentsView *self);
guint                    reg_segments_view_get_n_campaigns (RegSegmentsView *self);
GtkWindow               *reg_segments_view_open_campaign   (RegSegmentsView *self,
                                                            gint64           campaign);

G_END_DECLS
