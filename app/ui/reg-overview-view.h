/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegOverviewView: the shop at a glance — key figures in plain words, four charts and the
 * check of the predictions against real sales — from the latest RegAnalysisSummary; an empty
 * state while the shop has no sales. Main thread only; owns the summary it is handed.
 */
#pragma once

#include <adwaita.h>

#include "reg-analysis-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_OVERVIEW_VIEW (reg_overview_view_get_type ())
G_DECLARE_FINAL_TYPE (RegOverviewView, reg_overview_view, REG, OVERVIEW_VIEW, AdwBin)

GtkWidget                *reg_overview_view_new         (void);
RegShop                  *reg_overview_view_get_shop    (RegOverviewView    *self);
void                      reg_overview_view_set_shop    (RegOverviewView    *self,
                                                         RegShop            *shop);
/* (transfer full) (nullable) */
void                      reg_overview_view_set_summary (RegOverviewView    *self,
                                                         RegAnalysisSummary *summary);
const RegAnalysisSummary *reg_overview_view_get_summary (RegOverviewView    *self);
/* The running analysis whose progress is shown, or NULL. */
void                      reg_overview_view_set_job     (RegOverviewView    *self,
                                                         RegJob             *job);

G_END_DECLS
