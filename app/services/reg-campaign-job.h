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
} RegCampaignExport;

void reg_campaign_export_free (RegCampaignExport *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCampaignExport, reg_campaign_export_free)

#define REG_TYPE_CAMPAIGN_JOB (reg_campaign_job_get_type ())
G_DECLARE_FINAL_TYPE (RegCampaignJob, reg_campaign_job, REG, CAMPAIGN_JOB, RegJob)

/* The result is a RegCampaignExport (transfer full). */
RegCampaignJob *reg_campaign_job_new (RegShop *shop, const char *path,
                                      const RegCampaignRequest *req);

/* Measured effect of a recorded campaign: treatment vs control after its start. */
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
  char   *summary;                               /* plain words */
} RegCampaignLift;

void reg_campaign_lift_free (RegCampaignLift *lift);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCampaignLift, reg_campaign_lift_free)

RegCampaignLift *reg_shop_measure_campaign (RegShop *shop, gint64 campaign, GError **error);

G_END_DECLS
