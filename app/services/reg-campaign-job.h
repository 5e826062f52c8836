/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCampaignJob exports a segment as an e-mail campaign list (CSV or XLSX, by the file's
 * extension), optionally holding back a control group, and records the campaign and its
 * members in the shop so that its effect can be measured later.
 */
#pragma once

#include "reg-campaign-writer.h"
#include "reg-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *segment;          /* see reg_segment_parse() */
  const char        *name;             /* (nullable) campaign name; default: segment and date */
  double             control_percent;  /* 0 .. < 100 */
  guint32            seed;
  RegCampaignPreset  preset;
  RegCampaignColumns columns;
} RegCampaignRequest;

void reg_campaign_request_init (RegCampaignRequest *req);

typedef struct
{
  gint64  campaign;         /* the recorded campaign */
  char   *path;
  char   *description;      /* who went in, who was left out and why, in words */
  guint   treatment, control;
  guint   n_no_consent, n_no_email, n_bad_email, n_duplicate;
  guint   selected;         /* customers in the segment: on the list, held back or left out */
} RegCampaignExport;

/* The window's one sentence on an export: who is on the list, held back, and how many of the
 * segment were left out and why. */
char *reg_campaign_export_words (const RegCampaignExport *e);

void reg_campaign_export_free (RegCampaignExport *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCampaignExport, reg_campaign_export_free)

#define REG_TYPE_CAMPAIGN_JOB (reg_campaign_job_get_type ())
G_DECLARE_FINAL_TYPE (RegCampaignJob, reg_campaign_job, REG, CAMPAIGN_JOB, RegJob)

/* The result is a RegCampaignExport (transfer full). */
RegCampaignJob *reg_campaign_job_new (RegShop *shop, const char *path,
                                      const RegCampaignRequest *req);

/* Measured effect of a recorded campaign: treatment vs control from its first day on (the
 * sales of that day count for both groups alike) to the shop's last sale. */
typedef struct
{
  gint64  campaign;
  char   *name;
  char   *segment;
  gint32  started_on, measured_to;
  guint   treatment, control;
  double  treatment_rate, control_rate;          /* share who bought again */
  double  rate_diff, rate_low, rate_high;        /* 95 % interval of the difference */
  double  treatment_revenue, control_revenue;    /* per customer, minor units */
  double  revenue_diff, revenue_low, revenue_high;
  gboolean rate_significant, revenue_significant;
  gboolean too_early;                            /* no sale yet from the first day on: the
                                                  * figures above say nothing */
  guint   days_measured;                         /* started_on .. measured_to, both counted */
  char   *summary;                               /* plain words */
} RegCampaignLift;

void reg_campaign_lift_free (RegCampaignLift *lift);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCampaignLift, reg_campaign_lift_free)

RegCampaignLift *reg_shop_measure_campaign (RegShop *shop, gint64 campaign, GError **error);

G_END_DECLS
