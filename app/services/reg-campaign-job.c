/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The campaign export job and the measurement of a campaign's lift. The list is written in a
 * working folder the shop knows of (RegExportTarget); the campaign is recorded and tied to it in
 * one transaction; then the file is renamed into place. Killed at any moment, the list and the
 * campaign arrive together or not at all (reg_export_recover settles it at the next start).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "clv-date.h"
#include "clv-historic.h"
#include "clv-summary.h"
#include "reg-shop-private.h"
#include "reg-campaign-job.h"
#include "reg-export-target.h"
#include "reg-output-path.h"
#include "reg-segment-private.h"
#include "reg-store-analysis.h"
#include "reg-store-campaigns.h"
#include "reg-store-exports.h"

struct _RegCampaignJob
{
  RegJob             parent_instance;
  RegShop           *shop;       /* (owned) */
  char              *path;       /* (owned) */
  char              *shop_path;  /* (owned) */
  RegCampaignRequest req;
  char              *segment_spec, *name;   /* (owned) */
  RegSegment        *segment;    /* (owned) parsed in prepare */
  char              *rule, *title;          /* (owned) */
  guint              exponent;
};

G_DEFINE_FINAL_TYPE (RegCampaignJob, reg_campaign_job, REG_TYPE_JOB)

/**
 * reg_campaign_request_init:
 * @req: (out caller-allocates): a request
 *
 * Fills in the defaults: no control group, seed 1, the generic preset and its columns.
 */
void
reg_campaign_request_init (RegCampaignRequest *req)
{
  req->segment = NULL;
  req->name = NULL;
  req->control_percent = 0;
  req->seed = 1;
  req->preset = REG_CAMPAIGN_PRESET_GENERIC;
  req->columns = REG_CAMPAIGN_COLUMNS_DEFAULT;
}

/**
 * reg_campaign_export_free:
 * @e: (transfer full) (nullable): a campaign export
 */
void
reg_campaign_export_free (RegCampaignExport *e)
{
  if (e == NULL)
    return;
  g_free (e->path);
  g_free (e->description);
  g_free (e);
}

static gboolean
campaign_job_prepare (RegJob *job, GError **error)
{
  RegCampaignJob *self = REG_CAMPAIGN_JOB (job);
  ClvMoneyFormat fmt;

  if (self->req.control_percent < 0 || self->req.control_percent >= 100)
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Control group “%g %%”: use 0 to 99 %%"), self->req.control_percent);
      return FALSE;
    }
  if (!reg_output_path_check (reg_shop_get_path (self->shop), self->path, error))
    return FALSE;
  self->segment = reg_segment_parse (self->shop, self->segment_spec, error);
  if (self->segment == NULL)
    return FALSE;
  self->rule = reg_segment_describe (self->segment);
  self->title = reg_segment_title (self->segment);
  self->shop_path = g_strdup (reg_shop_get_path (self->shop));
  reg_shop_get_money_format (self->shop, &fmt);
  self->exponent = fmt.currency->exponent;
  if (self->name == NULL)
    {
      g_autofree char *today = clv_date_format_iso (clv_date_today ());
      self->name = g_strdup_printf ("%s %s", self->title, today);
    }
  return TRUE;
}

static gpointer
campaign_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegCampaignJob *self = REG_CAMPAIGN_JOB (job);
  g_autoptr(RegStore) store = reg_store_open (self->shop_path, REG_STORE_OPEN_DEFAULT, error);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(RegCampaignResult) result = NULL;
  g_autoptr(RegCampaignExport) out = g_new0 (RegCampaignExport, 1);
  g_autoptr(RegExportTarget) target = NULL;
  RegCampaignOptions options;
  gboolean ok;
  gint64 id;

  if (store == NULL)
    return NULL;
  reg_job_set_status (job, _("Selecting customers"));
  members = reg_segment_list (self->segment, store, error);
  if (members == NULL)
    return NULL;
  rows = g_array_sized_new (FALSE, TRUE, sizeof (RegCampaignRow), members->len);
  for (guint i = 0; i < members->len; i++)
    {
      RegCustomerRow *m = members->pdata[i];
      RegCampaignRow r = { 0 };
      r.customer_id = m->id;
      r.email = m->email;
      r.name = m->name;
      r.segment = self->title;
      r.email_consent = m->email_consent;
      r.predicted_clv = m->clv >= 0 ? (gint64) llround (m->clv) : -1;
      r.total_spend = m->total_spend;
      r.last_order_day = m->last_purchase;
      r.purchases = m->purchases;
      r.probability_alive = m->p_alive;
      g_array_append_val (rows, r);
    }

  reg_campaign_options_init (&options);
  options.preset = self->req.preset;
  options.columns = self->req.columns;
  options.control_percent = self->req.control_percent;
  options.seed = self->req.seed;
  options.currency_exponent = self->exponent;
  reg_job_set_status (job, _("Writing the list"));
  target = reg_export_target_begin (store, self->path, TRUE, error);
  if (target == NULL)
    return NULL;
  if (g_str_has_suffix (self->path, ".xlsx") || g_str_has_suffix (self->path, ".XLSX"))
    ok = reg_campaign_write_xlsx (reg_export_target_get_work_path (target),
                                  (RegCampaignRow *) rows->data, rows->len, &options, &result,
                                  cancellable, error);
  else
    ok = reg_campaign_write_csv (reg_export_target_get_work_path (target),
                                 (RegCampaignRow *) rows->data, rows->len, &options, &result,
                                 cancellable, error);
  if (!ok)
    return NULL;

  reg_job_set_status (job, _("Recording the campaign"));
  {
    g_autofree char *base = g_path_get_basename (self->path);
    ok = reg_store_begin (store, error);
    id = ok ? reg_store_insert_campaign (store, self->name, self->segment_spec, self->rule,
                                         clv_date_today (), self->req.control_percent,
                                         self->req.seed, base, error) : 0;
    ok = id > 0;
    for (guint i = 0; ok && i < result->treatment->len; i++)
      ok = reg_store_add_campaign_member (store, id, g_array_index (result->treatment, gint64, i),
                                          FALSE, error);
    for (guint i = 0; ok && i < result->control->len; i++)
      ok = reg_store_add_campaign_member (store, id, g_array_index (result->control, gint64, i),
                                          TRUE, error);
    ok = ok && reg_store_set_pending_campaign (store, reg_export_target_get_pending_id (target),
                                               id, error);
    ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error)
         && reg_store_commit (store, error);
    if (!ok)
      {
        reg_store_rollback (store);
        return NULL;
      }
  }
  if (!reg_export_target_commit (target, error))
    {
      /* the list never arrived: neither may the campaign (its row goes with it) */
      if (reg_store_begin (store, NULL))
        {
          if (reg_store_delete_campaign (store, id, NULL))
            reg_store_commit (store, NULL);
          else
            reg_store_rollback (store);
        }
      return NULL;
    }
  out->campaign = id;
  out->path = g_strdup (self->path);
  out->description = reg_campaign_result_describe (result);
  out->treatment = result->treatment->len;
  out->control = result->control->len;
  out->n_no_consent = result->n_no_consent;
  out->n_no_email = result->n_no_email;
  out->n_bad_email = result->n_bad_email;
  out->n_duplicate = result->n_duplicate;
  out->selected = result->n_rows;
  return g_steal_pointer (&out);
}

char *
reg_campaign_export_words (const RegCampaignExport *e)
{
  guint left_out = e->n_no_consent + e->n_no_email + e->n_bad_email + e->n_duplicate;
  g_autofree char *written = NULL;
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  /* Translators: after a campaign export: people on the list, people held back */
  written = g_strdup_printf (_("Campaign list written: %u customers on it, %u held back"),
                             e->treatment, e->control);
  if (left_out == 0)
    return g_strdup_printf ("%s.", written);
  if (e->n_no_consent > 0)
    g_ptr_array_add (why, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u without consent to emails",
                                                        "%u without consent to emails",
                                                        e->n_no_consent), e->n_no_consent));
  if (e->n_no_email + e->n_bad_email > 0)
    g_ptr_array_add (why, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u without a usable address",
                                                        "%u without a usable address",
                                                        e->n_no_email + e->n_bad_email),
                                           e->n_no_email + e->n_bad_email));
  if (e->n_duplicate > 0)
    g_ptr_array_add (why, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u sharing an address already on it",
                                                        "%u sharing an address already on it",
                                                        e->n_duplicate), e->n_duplicate));
  g_ptr_array_add (why, NULL);
  joined = g_strjoinv (", ", (char **) why->pdata);
  /* Translators: the export's sentence, customers left out of all in the segment, the reasons */
  return g_strdup_printf (_("%s; %u of %u left out: %s."), written, left_out,
                          MAX (e->selected, left_out), joined);
}

static void
reg_campaign_job_finalize (GObject *object)
{
  RegCampaignJob *self = REG_CAMPAIGN_JOB (object);

  g_clear_object (&self->shop);
  g_free (self->path);
  g_free (self->shop_path);
  g_free (self->segment_spec);
  g_free (self->name);
  g_free (self->rule);
  g_free (self->title);
  g_clear_pointer (&self->segment, reg_segment_free);
  G_OBJECT_CLASS (reg_campaign_job_parent_class)->finalize (object);
}

static void
reg_campaign_job_class_init (RegCampaignJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_campaign_job_finalize;
  job_class->prepare = campaign_job_prepare;
  job_class->run = campaign_job_run;
  job_class->result_free = (GDestroyNotify) reg_campaign_export_free;
}

static void
reg_campaign_job_init (RegCampaignJob *self)
{
}

/**
 * reg_campaign_job_new:
 * @shop: the shop
 * @path: the list file to write; CSV or XLSX by its extension
 * @req: what to export; copied
 *
 * Returns: (transfer full): the job; its result is a #RegCampaignExport (transfer full). The
 *   campaign is recorded exactly when its list file is in place.
 */
RegCampaignJob *
reg_campaign_job_new (RegShop *shop, const char *path, const RegCampaignRequest *req)
{
  RegCampaignJob *self = g_object_new (REG_TYPE_CAMPAIGN_JOB, NULL);

  self->shop = g_object_ref (shop);
  self->path = g_strdup (path);
  self->req = *req;
  self->segment_spec = g_strdup (req->segment);
  self->name = g_strdup (req->name);
  self->req.segment = self->req.name = NULL;
  return self;
}

/**
 * reg_campaign_lift_free:
 * @lift: (transfer full) (nullable): a measured campaign effect
 */
void
reg_campaign_lift_free (RegCampaignLift *lift)
{
  if (lift == NULL)
    return;
  g_free (lift->name);
  g_free (lift->segment);
  g_free (lift->summary);
  g_free (lift);
}

typedef struct
{
  GHashTable *index;   /* customer id -> dense index + 1 */
  GArray     *sales;   /* ClvSale */
} MemberSales;

static gboolean
collect_member_sale (gint64 customer_id, gint32 day, gint64 amount, gpointer data)
{
  MemberSales *ms = data;
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (ms->index, &customer_id));

  if (idx > 0 && day > 0)
    {
      ClvSale s = { idx - 1, day, amount };
      g_array_append_val (ms->sales, s);
    }
  return TRUE;
}

/**
 * reg_shop_measure_campaign:
 * Compares the treatment and control groups' purchase rate and revenue per customer from the
 * campaign's start to the last sale in the shop, with 95 % intervals.
 */
RegCampaignLift *
reg_shop_measure_campaign (RegShop *shop, gint64 campaign, GError **error)
{
  RegStore *store = reg_shop_get_store (shop);
  g_autoptr(RegCampaignRecord) rec = reg_store_get_campaign (store, campaign, error);
  g_autoptr(GArray) treatment = NULL, control = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) sales = g_array_new (FALSE, FALSE, sizeof (ClvSale));
  g_autoptr(GArray) t_idx = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) c_idx = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(ClvDayLog) log = NULL;
  g_autoptr(RegCampaignLift) out = NULL;
  MemberSales ms = { index, sales };
  ClvLift lift;
  guint32 n = 0;
  gint32 end;

  if (rec == NULL)
    return NULL;
  treatment = reg_store_campaign_members (store, campaign, FALSE, error);
  control = treatment != NULL ? reg_store_campaign_members (store, campaign, TRUE, error) : NULL;
  if (control == NULL)
    return NULL;
  for (guint g = 0; g < 2; g++)
    {
      GArray *ids = g == 0 ? treatment : control;
      for (guint i = 0; i < ids->len; i++, n++)
        {
          g_hash_table_insert (index, &g_array_index (ids, gint64, i), GUINT_TO_POINTER (n + 1));
          g_array_append_val (g == 0 ? t_idx : c_idx, n);
        }
    }
  if (!reg_store_foreach_sale (store, collect_member_sale, &ms, error))
    return NULL;
  log = clv_day_log_new ((ClvSale *) sales->data, sales->len, n, error);
  if (log == NULL)
    return NULL;
  /* from the campaign's first day on, that day's sales included for both groups alike; before
   * any sale on or after it, there is nothing to measure yet */
  end = reg_store_last_sale_day (store);
  out = g_new0 (RegCampaignLift, 1);
  out->too_early = end < rec->started_on;
  end = MAX (end, rec->started_on);
  if (!clv_lift_compute (log, (guint32 *) t_idx->data, t_idx->len, (guint32 *) c_idx->data,
                         c_idx->len, rec->started_on, end, &lift, error))
    return NULL;

  out->campaign = rec->id;
  out->name = g_strdup (rec->name);
  out->segment = g_strdup (rec->segment);
  out->started_on = rec->started_on;
  out->measured_to = end;
  out->treatment = treatment->len;
  out->control = control->len;
  out->treatment_rate = lift.treatment.rate;
  out->control_rate = lift.control.rate;
  out->rate_diff = lift.rate_diff;
  out->rate_low = lift.rate_low;
  out->rate_high = lift.rate_high;
  out->treatment_revenue = lift.treatment.revenue_per_customer;
  out->control_revenue = lift.control.revenue_per_customer;
  out->revenue_diff = lift.revenue_diff;
  out->revenue_low = lift.revenue_low;
  out->revenue_high = lift.revenue_high;
  out->rate_significant = lift.rate_significant;
  out->revenue_significant = lift.revenue_significant;
  out->days_measured = out->too_early ? 0 : (guint) (end - rec->started_on + 1);
  if (out->too_early)
    {
      g_autofree char *first = reg_shop_format_date (shop, out->started_on);

      out->summary = g_strdup_printf (_("Too early to measure: no sales have been recorded from "
                                        "the campaign's first day (%s) on. Come back when some "
                                        "have."), first);
    }
  else if (control->len == 0)
    out->summary = g_strdup (_("There was no control group, so the campaign's effect cannot be "
                               "told apart from what customers would have done anyway."));
  else
    {
      g_autofree char *from = reg_shop_format_date (shop, out->started_on);
      g_autofree char *to = reg_shop_format_date (shop, out->measured_to);
      g_autofree char *days = NULL;

      g_autofree char *t_rev = reg_shop_format_amount (shop, (gint64) llround (out->treatment_revenue));
      g_autofree char *c_rev = reg_shop_format_amount (shop, (gint64) llround (out->control_revenue));
      g_autofree char *result = g_strdup_printf (
          _("Since the campaign, %.0f %% of those who got it bought again, against %.0f %% of the "
            "control group (%s vs %s per customer). %s"),
          out->treatment_rate * 100, out->control_rate * 100, t_rev, c_rev,
          out->rate_significant
            ? (out->rate_diff > 0 ? _("The difference is larger than chance would explain: the "
                                      "campaign worked.")
                                  : _("The campaign group bought less, by more than chance would "
                                      "explain."))
            : _("The difference could be chance: there is no clear effect yet."));

      /* Translators: the days a campaign was measured over: first day, last day, their count */
      days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Measured on the sales of %s to %s (%u day, the "
                                           "campaign's first day included).",
                                           "Measured on the sales of %s to %s (%u days, the "
                                           "campaign's first day included).",
                                           out->days_measured),
                              from, to, out->days_measured);
      out->summary = g_strdup_printf ("%s %s", result, days);
    }
  return g_steal_pointer (&out);
}
