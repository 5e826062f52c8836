/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis cache: model runs (their whole result as JSON) and one score row per customer.
 */
#pragma once

#include "reg-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  customer_id;
  guint32 purchases;
  gint64  total_spend;
  gint32  first_purchase, last_purchase;   /* Julian days, 0 = none */
  double  p_alive, expected_purchases, expected_spend, clv, historic_clv;   /* -1 = unknown */
  gint32  next_purchase;
  const char *tier;                        /* (nullable) */
  guint8  r_score, f_score, m_score;
  const char *rfm_group;                   /* (nullable) */
  guint32 at_risk;
  gint32  risk_days_since;                 /* the at-risk rules' figures (ClvAtRiskFacts) */
  double  risk_gap_days;                   /* -1 = unknown */
  int     nps_score;                       /* -1 = none */
  gint32  nps_day;                         /* 0 = none */
  double  purchases_low, purchases_high;   /* 80 % range of the purchases, -1 = unknown */
  double  clv_low, clv_high;               /* the value of those, minor units, -1 = unknown */
} RegScoreRow;

typedef struct
{
  gint64  customer_id;
  gint32  day;
  int     kind;    /* 0 = NPS, 1 = CSAT */
  int     score;
} RegFeedbackRow;

/* Ids of every customer not merged away, ascending. */
GArray  *reg_store_list_customer_ids (RegStore *store, GError **error);
/* (element-type RegFeedbackRow) */
GArray  *reg_store_list_feedback     (RegStore *store, GError **error);
gint64   reg_store_insert_model_run  (RegStore *store, gint32 end_day, gint32 calibration_end,
                                      const char *model, const char *time_unit,
                                      const char *result_json, GError **error);
gboolean reg_store_clear_scores      (RegStore *store, GError **error);
/* @rows: (array length=n); tier and rfm_group must be static strings */
gboolean reg_store_insert_scores     (RegStore *store, gint64 run_id, const RegScoreRow *rows,
                                      gsize n, GError **error);
/* The newest run's JSON and id, or NULL (no error) when there is none. */
char    *reg_store_latest_run        (RegStore *store, gint64 *out_id, char **out_run_at,
                                      GError **error);
/* Removes scores of customers that no longer exist (deleted while an analysis ran). */
gboolean reg_store_drop_orphan_scores (RegStore *store, GError **error);
gint32   reg_store_first_sale_day    (RegStore *store);
gint32   reg_store_last_sale_day     (RegStore *store);

G_END_DECLS
