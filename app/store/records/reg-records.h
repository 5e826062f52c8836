/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a shop as plain values: customers, sales, survey answers, imports and campaigns.
 * The store reads and writes them; RegShop hands them to the fronts, which see this header
 * through the services and never the store's functions. Strings are owned by the record;
 * Julian days are 0 when unknown; money is in minor units.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *name;              /* (owned) */
  char     *email;             /* (owned) (nullable) */
  char     *phone;             /* (owned) (nullable) */
  char     *channel;           /* (owned) (nullable) acquisition channel */
  char     *notes;             /* (owned) (nullable) */
  gint32    acquired_day;      /* Julian day, 0 = unknown */
  gint64    acquisition_cost;  /* minor units */
  gboolean  email_consent;
  gboolean  archived;
  gint64    merged_into;       /* 0 unless merged into another customer */
  gint64    batch_id;          /* the import that created the customer, 0 = by hand */
} RegCustomerRecord;

void reg_customer_record_clear (RegCustomerRecord *rec);
void reg_customer_record_free  (RegCustomerRecord *rec);
RegCustomerRecord *reg_customer_record_copy (const RegCustomerRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCustomerRecord, reg_customer_record_free)

/* What a customer list shows: the record plus figures from sales and the last analysis. */
typedef struct
{
  gint64   id;
  char    *name;               /* (owned) */
  char    *email;              /* (owned) (nullable) */
  gboolean archived;
  gboolean email_consent;
  guint32  purchases;          /* purchase days */
  gint64   total_spend;        /* net, minor units */
  gint32   first_purchase;     /* Julian day, 0 = none */
  gint32   last_purchase;
  gboolean scored;             /* the fields below come from an analysis */
  double   p_alive;            /* -1 unknown */
  double   expected_purchases; /* -1 unknown */
  double   clv;                /* minor units, -1 unknown */
  gint32   next_purchase;      /* Julian day, 0 = unknown */
  char    *tier;               /* (owned) (nullable) "top", "middle", "bottom" */
  char    *rfm_group;          /* (owned) (nullable) id such as "champions" */
  guint32  at_risk;            /* ClvAtRisk flags */
  gint64   merged_into;        /* 0 unless merged into another customer */
  char    *phone;              /* (owned) (nullable) */
  gint32   risk_days_since;    /* what the at-risk rules measured (ClvAtRiskFacts); -1 unknown */
  double   risk_gap_days;      /* -1 unknown */
  int      nps_score;          /* latest NPS answer at the analysis, -1 none */
  gint32   nps_day;            /* Julian day, 0 none */
  double   purchases_low, purchases_high;  /* 80 % range of the purchases over the horizon,
                                            * -1 unknown */
  double   clv_low, clv_high;  /* the value of those, minor units, -1 unknown */
  char    *channel;            /* (owned) (nullable) acquisition channel */
} RegCustomerRow;

void reg_customer_row_free (RegCustomerRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCustomerRow, reg_customer_row_free)

/* What the customer list shows of a customer and nothing more, read straight from the store's
 * statement: the strings belong to the statement and last until its next step, so a reader
 * copies what it keeps. */
typedef struct
{
  gint64      id;
  const char *name;
  const char *email;           /* (nullable) */
  const char *tier;            /* (nullable) "top", "middle", "bottom" */
  const char *rfm_group;       /* (nullable) */
  gint64      total_spend;     /* net, minor units */
  double      p_alive;         /* -1 unknown */
  double      clv;             /* minor units, -1 unknown */
  gint32      last_purchase;   /* Julian day, 0 = none */
  guint32     purchases;       /* purchase days */
  guint32     at_risk;         /* ClvAtRisk flags */
  gboolean    archived;
} RegCustomerBrief;

typedef struct
{
  gint64  id;
  gint64  customer_id;
  gint32  day;                 /* Julian day */
  gint64  amount;              /* minor units, negative = refund */
  char   *note;                /* (owned) (nullable) */
  char   *source;              /* (owned) (nullable) "manual", "shopify", "ofx:…" */
  char   *external_id;         /* (owned) (nullable) */
  char   *content_hash;        /* (owned) (nullable) key of a row imported before schema 6 */
  gint64  content_key;         /* key of a row without external id: its content and occurrence
                                * in its file (0 = none) */
  gint64  batch_id;            /* 0 = entered by hand */
  char   *customer_name;       /* (owned) (nullable) filled by listings */
} RegSaleRecord;

void reg_sale_record_clear (RegSaleRecord *rec);
void reg_sale_record_free  (RegSaleRecord *rec);
RegSaleRecord *reg_sale_record_copy (const RegSaleRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegSaleRecord, reg_sale_record_free)

typedef struct
{
  gint64  id;
  gint64  customer_id;
  gint32  day;           /* Julian day */
  char   *kind;          /* (owned) "nps" (score 0 .. 10) or "csat" (score 1 .. 5) */
  int     score;
  char   *comment;       /* (owned) (nullable) */
  gint64  batch_id;      /* the import that brought it, 0 = none */
} RegFeedbackRecord;

void reg_feedback_record_free (RegFeedbackRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackRecord, reg_feedback_record_free)

typedef struct
{
  gint64  id;
  char   *file_name;
  char   *file_hash;
  char   *format;
  char   *preset;       /* (nullable) */
  char   *mapping;      /* (nullable) */
  guint   rows_read, imported, duplicates, rejected, new_customers;
  char   *created_at;
} RegBatchRecord;

void reg_batch_record_free (RegBatchRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegBatchRecord, reg_batch_record_free)

typedef struct
{
  gint64  id;
  char   *name;
  char   *segment;
  char   *rule;          /* (nullable) the segment in words */
  char   *file_name;     /* (nullable) */
  char   *created_at;
  gint32  started_on;    /* Julian day */
  double  control_percent;
  guint32 seed;
  guint   treatment, control;   /* member counts */
} RegCampaignRecord;

void reg_campaign_record_free (RegCampaignRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCampaignRecord, reg_campaign_record_free)

/* The owner's marketing spend of one channel in one month. */
typedef struct
{
  char   *channel;   /* (owned) as the owner wrote it */
  gint32  month;     /* clv_month_index */
  gint64  amount;    /* minor units */
} RegChannelSpend;

/* A product as the shop knows it: the file's stock code (or the name where it has none) and
 * its name. */
typedef struct
{
  gint64  id;
  char   *code;   /* (owned) */
  char   *name;   /* (owned) */
} RegProductRecord;

void reg_product_record_free (RegProductRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegProductRecord, reg_product_record_free)

/* One line of a sale: the product (its code and name) and how many of it for how much; a
 * refund's lines have negative quantities and amounts. */
typedef struct
{
  char   *code;      /* (owned) */
  char   *name;      /* (owned) */
  gint64  quantity;
  gint64  amount;    /* minor units */
} RegSaleLineRecord;

void reg_sale_line_record_free (RegSaleLineRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegSaleLineRecord, reg_sale_line_record_free)

G_END_DECLS
