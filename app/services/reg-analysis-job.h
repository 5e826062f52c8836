/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegAnalysisJob fits the purchase and spend models over a shop in a worker thread and writes
 * model_runs and customer_scores in one transaction; a cancelled or failed run changes nothing.
 * RegAnalysisSummary is what a run found, read back from the shop for the fronts.
 */
#pragma once

#include "reg-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

typedef struct
{
  const char *model;              /* "auto", "bgnbd", "mbgnbd", "pareto"; NULL = auto */
  gint32      calibration_end;    /* Julian day, 0 = automatic */
  gint32      end_day;            /* Julian day, 0 = last sale / today */
  const char *time_unit;          /* "day", "week", "month"; NULL = the shop's setting */
  int         horizon_months;     /* 0 = the shop's setting; else 1 .. 120, as the setting */
  double      discount_monthly;   /* -1 = the shop's setting; else 0 .. 0.5, as the setting */
} RegAnalysisOptions;

void reg_analysis_options_init (RegAnalysisOptions *opts);

typedef struct
{
  gint32 month;                   /* Julian day of the 1st of the month */
  gint64 amount;                  /* minor units */
  gboolean ranged;                /* forecast months: TRUE when low and high hold its 80 % band */
  gint64 low, high;               /* minor units */
} RegMonthAmount;

typedef struct
{
  char   id[16];                  /* "top", "middle", "bottom" */
  guint  customers;
  double value;                   /* predicted (or historic) CLV summed, minor units */
} RegTierFigure;

typedef struct
{
  char   id[32];                  /* RFM group id: "champions", … */
  guint  customers;
  double value;
} RegGroupFigure;

typedef struct
{
  gint32  month;                  /* cohort: month of first purchase */
  guint   size;
  GArray *retention;              /* (element-type double) share active in month k after the first */
} RegCohortRow;

/* One period of the tracking check: repeat purchases, actual and as the model expected. */
typedef struct
{
  gint32 period;                  /* Julian day the week or month starts */
  double actual, expected;
  double actual_cumulative, expected_cumulative;
} RegTrackingPoint;

typedef struct
{
  gint64  run_id;
  char   *run_at;                 /* ISO timestamp */
  gint32  end_day;
  gint32  calibration_end;        /* 0 = no holdout */
  char   *model;                  /* "bgnbd", "mbgnbd", "pareto" or "none" */
  char   *model_reason;           /* plain words: why this model (or why none) */
  gboolean enough_data;
  char   *time_unit;
  guint   horizon_months;
  double  discount_monthly;
  GHashTable *params;             /* (element-type utf8 double) r, alpha, a, b / s, beta */
  double  log_likelihood;         /* NAN-free: 0 when no model */
  GHashTable *spend_params;       /* p, q, gamma; empty when not fitted */
  double  holdout_predicted;      /* repeat purchases in the holdout; -1 when no holdout */
  double  holdout_actual;         /* -1 when no holdout */
  gint32  return_days;            /* most customers who came back did so within this many days;
                                   * -1 when too few came back to tell */
  guint   p_alive_too_early;      /* one-time buyers whose P(alive) the model cannot tell */

  guint   customers;
  guint   active_customers;
  gint64  revenue;
  double  aov;                    /* minor units */
  double  purchase_frequency;
  double  avg_lifespan_days;
  double  simple_clv;             /* minor units */
  double  clv_after_costs;        /* simple CLV × margin − acquisition cost */
  double  repeat_rate;            /* 0..1; -1 unknown (no customer) */
  double  churn_rate;             /* 0..1 per churn period; -1 unknown (nobody bought in the
                                   * period before the last) */
  guint   churn_period_days;      /* the period: customers who bought in the one before and not in it */
  double  revenue_per_customer;
  double  clv_total;              /* minor units; -1 when no model */
  double  clv_average;
  guint   at_risk;
  double  nps;                    /* -101 when no feedback */
  double  csat;                   /* -1 when no feedback */
  GArray *revenue_by_month;       /* (element-type RegMonthAmount) */
  GArray *tiers;                  /* (element-type RegTierFigure) */
  GArray *rfm_groups;             /* (element-type RegGroupFigure) */
  GPtrArray *cohorts;             /* (element-type RegCohortRow) */
  guint   cohorts_earlier;        /* customers of cohorts older than the rows: counted only */
  GArray *clv_histogram;          /* (element-type guint) customers per CLV bucket */
  double  clv_histogram_step;     /* bucket width, minor units */
  GArray *tracking;               /* (element-type RegTrackingPoint) oldest first; empty when
                                   * there is no model */
  gboolean tracking_weekly;       /* weeks, else calendar months */
  gint32  tracking_split;         /* last day the model saw (the holdout follows); 0 = none */
  GArray *forecast;               /* (element-type RegMonthAmount) expected revenue from today's
                                   * customers per month ahead, keyed by the month's first day;
                                   * empty when there is no model */
  double  clv_total_range[2];     /* 80 % range of clv_total, minor units; -1 when none */
  double  expected_purchases;     /* all buyers' expected purchases over the horizon; -1 none */
  double  expected_purchases_range[2];  /* its 80 % range; -1 when none */
  char   *ranges_note;            /* (nullable) why there are no ranges, translated */
} RegAnalysisSummary;

void reg_analysis_summary_free (RegAnalysisSummary *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegAnalysisSummary, reg_analysis_summary_free)

/* The newest run in the shop, or NULL (no error) when the shop was never analysed. */
RegAnalysisSummary *reg_shop_load_latest_analysis (RegShop *shop, GError **error);
/* Whether an analysis stored in the shop can be read back: a damaged one (a bad disk, an
 * edited file) is reported in words and is to be run again. */
gboolean    reg_analysis_stored_is_readable (const char *json);

#define REG_TYPE_ANALYSIS_JOB (reg_analysis_job_get_type ())
G_DECLARE_FINAL_TYPE (RegAnalysisJob, reg_analysis_job, REG, ANALYSIS_JOB, RegJob)

/* The job's result (reg_job_run_finish) is a RegAnalysisSummary (transfer full). */
RegAnalysisJob *reg_analysis_job_new (RegShop *shop, const RegAnalysisOptions *opts);

G_END_DECLS
