/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain data a report is written from: the shop, its KPIs, revenue by month, value by tier,
 * cohorts, the model and the customers. The services layer fills it from the shop on its worker
 * thread and hands it to the writers in app/io; the struct owns every string and array in it and
 * reg_report_data_free() releases them. Customers come from an array or a streaming callback.
 */
#pragma once

#include <glib.h>
#include "clv-channels.h"
#include "clv-money.h"

G_BEGIN_DECLS

/* Figures that could not be computed (no model fitted, no purchases yet) carry this marker; every
 * such field below is documented as "< 0 = not available". Writers print "not available", never
 * NaN. Use reg_report_is_available() to test: it also rejects NaN and infinities. */
#define REG_REPORT_NA (-1)

static inline gboolean
reg_report_is_available (double value)
{
  return value >= 0 && value <= G_MAXDOUBLE;  /* false for negatives, NaN and +inf */
}

typedef enum
{
  REG_TIME_UNIT_DAYS,
  REG_TIME_UNIT_WEEKS,
  REG_TIME_UNIT_MONTHS,
} RegTimeUnit;

typedef struct
{
  char          *name;             /* (owned) shop name */
  char          *currency_code;    /* (owned) ISO 4217, "EUR" */
  char          *locale_id;        /* (owned) "de_DE"; the shop's locale for dates in text */
  ClvMoneyFormat money;            /* points into clv-money's static tables: not owned */
  gint32         report_day;       /* Julian day (GDate) the report describes */
  guint          horizon_months;   /* CLV horizon H, in months */
  double         discount_rate;    /* monthly discount rate as a fraction: 0.01 = 1 % a month */
  RegTimeUnit    time_unit;        /* unit the model's figures are shown in */
  gboolean       letter_paper;     /* print on US Letter, else A4 */
} RegReportShop;

typedef struct
{
  guint  customers;                /* customers with at least one sale */
  guint  active_customers;         /* bought within the shop's activity window */
  gint64 revenue;                  /* minor units, net of refunds */
  gint64 average_order_value;      /* minor units; < 0 = not available */
  double purchase_frequency;       /* purchases per customer; < 0 = not available */
  double repeat_rate;              /* fraction 0..1 of customers who came back; < 0 = n/a */
  double churn_rate;               /* fraction 0..1 per period; < 0 = n/a */
  gint64 average_predicted_clv;    /* minor units over the horizon; < 0 = n/a (no model) */
  gint64 total_predicted_clv;      /* minor units over the horizon; < 0 = n/a (no model) */
} RegReportKpis;

typedef struct
{
  gint32 month_day;                /* Julian day of the 1st of the month */
  gint64 revenue;                  /* minor units; may be negative (refunds) */
  gboolean ranged;                 /* forecast months: low and high hold the 80 % band */
  gint64 low, high;                /* minor units */
} RegReportMonth;

typedef struct
{
  char  *id;                       /* (owned) "top", "middle", "bottom": matches customer tier_id */
  char  *name;                     /* (owned) display name, "Top tier"; also the sheet name */
  guint  customers;
  gint64 total_predicted_clv;      /* minor units; < 0 = n/a */
} RegReportTier;

typedef struct
{
  gint64  id;                      /* customer id in the shop */
  char   *name;                    /* (owned) display name */
  char   *email;                   /* (owned) (nullable) */
  char   *phone;                   /* (owned) (nullable) */
  gboolean email_consent;
  gint32  first_purchase_day;      /* Julian day; 0 = none */
  gint32  last_purchase_day;       /* Julian day; 0 = none */
  guint   purchases;
  gint64  total_spend;             /* minor units */
  double  probability_alive;       /* 0..1; < 0 = unknown */
  double  expected_purchases;      /* over the horizon; < 0 = unknown */
  gint64  predicted_clv;           /* minor units over the horizon, discounted; < 0 = unknown */
  char   *tier_id;                 /* (owned) one of the RegReportTier ids */
  char   *rfm_group;               /* (owned) (nullable) display name, "Champions" */
  char   *at_risk_reason;          /* (owned) (nullable) why at risk, NULL or "" = not at risk */
  char   *p_alive_note;            /* (owned) (nullable) why probability_alive is not given, written
                                    * in its place: "Bought once, 3 months ago: too early to tell." */
  double  purchases_low, purchases_high;  /* 80 % range of the purchases over the horizon;
                                           * < 0 = unknown */
  gint64  clv_low, clv_high;       /* the value of those, minor units; < 0 = unknown */
} RegReportCustomer;

typedef struct
{
  gint32  month_day;               /* Julian day of the 1st of the cohort's first-purchase month */
  guint   size;                    /* customers in the cohort */
  double *retention;               /* (owned) fraction 0..1 still buying in month 0, 1, 2, … */
  guint   n_retention;
} RegReportCohort;

typedef struct
{
  char  *name;                     /* (owned) "r", "alpha", … */
  char  *meaning;                  /* (owned) (nullable) plain words: "spread of buying rates" */
  double value;
} RegReportParam;

typedef struct
{
  char  *label;                    /* (owned) "Customers with 2 purchases", "Week 40" */
  double predicted;                /* repeat purchases predicted for the holdout period */
  double actual;                   /* repeat purchases that happened */
} RegReportHoldoutRow;

typedef struct
{
  gint32 period_day;               /* Julian day the week or month starts */
  double actual, expected;         /* repeat purchases in the period */
  double actual_cumulative, expected_cumulative;
} RegReportTrackingRow;

typedef struct
{
  char   *name;                    /* (owned) (nullable) "BG/NBD + Gamma-Gamma"; NULL = no model */
  char   *reason;                  /* (owned) (nullable) why this model, in plain words */
  char   *not_enough_data;         /* (owned) (nullable) message shown when name is NULL */
  GArray *params;                  /* (owned) of RegReportParam */
  double  log_likelihood;          /* of the fit; NaN or ±inf = not available */
  gint32  data_end_day;            /* Julian day of the last sales the predictions use; 0 = not
                                    * known */
  gint32  calibration_end_day;     /* Julian day the holdout check's fit stops; 0 = not known */
  gint32  holdout_end_day;         /* Julian day the holdout ends; 0 = no holdout */
  double  holdout_predicted;       /* repeat purchases in the holdout; < 0 = no holdout */
  double  holdout_actual;          /* < 0 = no holdout */
  GArray *holdout_rows;            /* (owned) of RegReportHoldoutRow, may be empty */
  GArray *tracking;                /* (owned) of RegReportTrackingRow, oldest first, may be empty */
  gboolean tracking_weekly;        /* weeks, else calendar months */
  gint32  tracking_split_day;      /* last day the model's fit saw; 0 = no holdout */
  char   *tracking_text;           /* (owned) (nullable) the check in one sentence */
} RegReportModel;

/**
 * RegReportCustomerNext:
 * @user_data: the caller's state
 * @out: (out caller-allocates): the next customer; its strings are borrowed from @user_data and
 *   need to stay valid only until the next call (a row read from SQLite can point straight at
 *   sqlite3_column_text())
 * @error: set when reading failed
 *
 * Yields customers one at a time so that a writer never holds them all.
 *
 * Returns: %TRUE when @out was filled, %FALSE at the end or on error (then @error is set).
 */
typedef gboolean (*RegReportCustomerNext) (gpointer           user_data,
                                           RegReportCustomer *out,
                                           GError           **error);

/* A product's figures for the Products sheet (money in minor units). */
typedef struct
{
  char   *code;       /* (owned) */
  char   *name;       /* (owned) */
  gint64  revenue;
  gint64  quantity;
  guint   customers;
  guint   orders;
} RegReportProduct;

/* Two products bought together: in how many orders, and how strongly (see clv-basket.h). */
typedef struct
{
  char   *a_code, *a_name;   /* (owned) */
  char   *b_code, *b_name;   /* (owned) */
  guint   orders;
  double  support;
  double  confidence_ab;
  double  confidence_ba;
  double  lift;
} RegReportPair;

typedef struct
{
  RegReportShop  shop;
  RegReportKpis  kpis;
  GArray        *revenue_by_month;  /* (owned) of RegReportMonth, oldest first */
  GArray        *tiers;             /* (owned) of RegReportTier, in sheet order (top first) */
  GArray        *cohorts;           /* (owned) of RegReportCohort, oldest first */
  RegReportModel model;
  GArray        *customers;         /* (owned) of RegReportCustomer; used when no callback given */
  GArray        *forecast;          /* (owned) of RegReportMonth: expected revenue from today's
                                     * customers per month ahead (month_day = its first day);
                                     * empty without a model */
  char          *forecast_text;     /* (owned) (nullable) the forecast in one sentence */
  GArray        *channels;          /* (owned) of ClvChannelFigures, as clv_channels_compute()
                                     * orders them; may be empty */
  gint32         channels_first_month, channels_last_month;  /* the period new customers and
                                     * spend are counted in (clv_month_index) */
  GArray        *products;          /* (owned) of RegReportProduct, by revenue, highest first;
                                     * empty without line items */
  GArray        *pairs;             /* (owned) of RegReportPair, most orders first */
} RegReportData;

RegReportData *reg_report_data_new           (void);
void           reg_report_data_free          (RegReportData *data);
void           reg_report_data_set_shop      (RegReportData *data,
                                              const char    *name,
                                              const char    *currency_code,
                                              const char    *locale_id,
                                              gint32         report_day,
                                              guint          horizon_months,
                                              double         discount_rate,
                                              RegTimeUnit    time_unit);
void           reg_report_data_add_month     (RegReportData *data,
                                              gint32         month_day,
                                              gint64         revenue);
void           reg_report_data_add_tier      (RegReportData *data,
                                              const char    *id,
                                              const char    *name,
                                              guint          customers,
                                              gint64         total_predicted_clv);
void           reg_report_data_add_cohort    (RegReportData *data,
                                              gint32         month_day,
                                              guint          size,
                                              const double  *retention,
                                              guint          n_retention);
void           reg_report_data_add_param     (RegReportData *data,
                                              const char    *name,
                                              const char    *meaning,
                                              double         value);
void           reg_report_data_add_holdout   (RegReportData *data,
                                              const char    *label,
                                              double         predicted,
                                              double         actual);
void           reg_report_data_add_tracking  (RegReportData *data,
                                              gint32         period_day,
                                              double         actual,
                                              double         expected,
                                              double         actual_cumulative,
                                              double         expected_cumulative);
void           reg_report_data_add_forecast  (RegReportData *data,
                                              gint32         month_day,
                                              gint64         expected);
/* A forecast month with its 80 % band, minor units. */
void           reg_report_data_add_forecast_range (RegReportData *data,
                                                   gint32         month_day,
                                                   gint64         expected,
                                                   gint64         low,
                                                   gint64         high);
/* Takes the channel figures over (their strings too) and empties @channels. */
void           reg_report_data_take_channels (RegReportData *data,
                                              GArray        *channels,
                                              gint32         first_month,
                                              gint32         last_month);
void           reg_report_data_add_product   (RegReportData *data,
                                              const char    *code,
                                              const char    *name,
                                              gint64         revenue,
                                              gint64         quantity,
                                              guint          customers,
                                              guint          orders);
/* @pair's strings are copied. */
void           reg_report_data_add_pair      (RegReportData       *data,
                                              const RegReportPair *pair);
void           reg_report_data_add_customer  (RegReportData           *data,
                                              const RegReportCustomer *customer);

void           reg_report_customer_copy      (const RegReportCustomer *src,
                                              RegReportCustomer       *dest);
void           reg_report_customer_clear     (RegReportCustomer *customer);

const char    *reg_time_unit_to_string       (RegTimeUnit unit,
                                              gboolean    plural);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegReportData, reg_report_data_free)

G_END_DECLS
