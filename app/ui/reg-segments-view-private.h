/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What RegSegmentsView's files share: the view's fields. The view (reg-segments-view.c) lists
 * the selection, its campaigns and its export; the cards that select a segment are
 * reg-segments-cards.c. Main thread only.
 */
#pragma once

#include "reg-analysis-job.h"
#include "reg-campaign-job.h"
#include "reg-segment-filter.h"
#include "reg-segments-view.h"

G_BEGIN_DECLS

struct _RegSegmentsView
{
  AdwBin             parent_instance;

  RegShop           *shop;            /* (owned) (nullable) */
  char              *spec;            /* (owned) (nullable) the selection */
  char              *title;           /* (owned) (nullable) its title */
  GListStore        *customers;       /* (owned) RegCustomer of the selection */
  RegCampaignJob    *export_job;      /* (owned) (nullable) */
  RegCampaignExport *last_export;     /* (owned) (nullable) */
  guint              n_campaigns;
  gboolean           predicted;       /* the selection has predicted values */

  /* template */
  GtkStack          *stack;
  GtkLabel          *tiers_caption;
  GtkFlowBox        *tier_box;
  GtkFlowBox        *group_box;
  GtkWidget         *channel_section;
  GCancellable      *channel_reading;  /* (owned) (nullable) the channel cards' read */
  guint              channel_refresh_id;  /* the cards read again once idle */
  GtkFlowBox        *channel_box;
  RegSegmentFilter  *filter;
  AdwPreferencesGroup *selection_group;
  GtkWidget         *selection_actions;
  GtkBox            *narrow_actions;
  AdwComboRow       *preset_row;
  GtkSpinButton     *control_spin;
  GtkRevealer       *export_revealer;
  GtkProgressBar    *export_progress;
  GtkStack          *list_stack;
  GtkColumnView     *column_view;
  GtkListBox        *campaign_list;
};

/* reg-segments-cards.c */
void  reg_segments_view_fill_cards           (RegSegmentsView          *self,
                                              const RegAnalysisSummary *summary);
void  reg_segments_view_mark_selected_cards  (RegSegmentsView          *self);
void  reg_segments_view_cancel_channel_cards (RegSegmentsView          *self);
void  reg_segments_view_queue_channel_cards  (RegSegmentsView          *self);
char *reg_segments_view_format_money         (RegSegmentsView          *self,
                                              double                    minor);

G_END_DECLS
