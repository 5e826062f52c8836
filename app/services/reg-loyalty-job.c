/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building a loyalty list from a segment, and the PDF job. The list is built on the main
 * thread (a few thousand rows at most in practice; the store reads are quick) so that the GUI's
 * print operation and the job share it; the job only lays out and writes pages in its worker.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "clv-date.h"
#include "reg-shop-private.h"
#include "reg-export-target.h"
#include "reg-loyalty-job.h"
#include "reg-output-path.h"
#include "reg-segment.h"
#include "reg-store-analysis.h"

struct _RegLoyaltyJob
{
  RegJob          parent_instance;
  RegShop        *shop;     /* (owned) */
  char           *segment;  /* (owned) */
  char           *path;     /* (owned) */
  char           *shop_path; /* (owned) read in prepare, for the worker's own connection */
  RegPaperSize    paper;
  RegLoyaltyList *list;     /* (owned) built in prepare */
};

G_DEFINE_FINAL_TYPE (RegLoyaltyJob, reg_loyalty_job, REG_TYPE_JOB)

/**
 * reg_shop_loyalty_list:
 * @shop: the shop
 * @spec: a segment (see reg_segment_parse())
 * @error: %REG_SHOP_ERROR_INVALID for a segment that is not one, or a database error
 *
 * Main thread.
 *
 * Returns: (transfer full) (nullable): the segment's customers as the print layout takes them,
 *   money already written the shop's way; %NULL on error.
 */
RegLoyaltyList *
reg_shop_loyalty_list (RegShop *shop, const char *spec, GError **error)
{
  g_autoptr(RegSegment) segment = reg_segment_parse (shop, spec, error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL, *rule = NULL, *name = NULL, *locale = NULL, *currency = NULL;
  gboolean predicted = FALSE;
  gint32 day;
  RegLoyaltyList *list;

  if (segment == NULL)
    return NULL;
  rows = reg_shop_list_segment (shop, segment, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len && !predicted; i++)
    predicted = ((RegCustomerRow *) rows->pdata[i])->clv >= 0;
  title = reg_segment_title (segment);
  rule = reg_segment_describe (segment);
  name = reg_shop_dup_name (shop);
  locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
  currency = reg_shop_get_setting (shop, REG_SETTING_CURRENCY);
  day = reg_store_last_sale_day (reg_shop_get_store (shop));
  list = reg_loyalty_list_new (title, name, rule,
                               predicted ? _("Predicted value") : _("Spent so far"),
                               day > 0 ? day : clv_date_today (), locale, currency);
  for (guint i = 0; i < rows->len; i++)
    {
      RegCustomerRow *r = rows->pdata[i];
      g_autofree char *reason = reg_at_risk_reason (r, locale);
      gint64 value = predicted ? (r->clv >= 0 ? (gint64) llround (r->clv) : 0) : r->total_spend;
      reg_loyalty_list_add (list, r->name, r->email, r->phone, r->last_purchase, r->purchases,
                            value, reason);
    }
  return list;
}

static gboolean
loyalty_job_prepare (RegJob *job, GError **error)
{
  RegLoyaltyJob *self = REG_LOYALTY_JOB (job);

  if (!reg_output_path_check (reg_shop_get_path (self->shop), self->path, error))
    return FALSE;
  self->shop_path = g_strdup (reg_shop_get_path (self->shop));
  self->list = reg_shop_loyalty_list (self->shop, self->segment, error);
  return self->list != NULL;
}

static gpointer
loyalty_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegLoyaltyJob *self = REG_LOYALTY_JOB (job);
  g_autoptr(RegLoyaltyLayout) layout = NULL;
  double w, h;
  guint *pages;
  g_autoptr(RegStore) store = reg_store_open (self->shop_path, REG_STORE_OPEN_DEFAULT, error);
  g_autoptr(RegExportTarget) target = NULL;

  if (store == NULL)
    return NULL;
  target = reg_export_target_begin (store, self->path, FALSE, error);
  if (target == NULL)
    return NULL;
  reg_job_set_status (job, _("Writing the pages"));
  if (!reg_loyalty_write_pdf (reg_export_target_get_work_path (target), self->list, self->paper,
                              cancellable, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !reg_export_target_commit (target, error))
    return NULL;
  reg_paper_size_get_points (self->paper, &w, &h);
  layout = reg_loyalty_layout_new (self->list, w, h);
  pages = g_new (guint, 1);
  *pages = reg_loyalty_layout_get_n_pages (layout);
  return pages;
}

static void
reg_loyalty_job_finalize (GObject *object)
{
  RegLoyaltyJob *self = REG_LOYALTY_JOB (object);

  g_clear_object (&self->shop);
  g_free (self->segment);
  g_free (self->path);
  g_free (self->shop_path);
  g_clear_pointer (&self->list, reg_loyalty_list_free);
  G_OBJECT_CLASS (reg_loyalty_job_parent_class)->finalize (object);
}

static void
reg_loyalty_job_class_init (RegLoyaltyJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_loyalty_job_finalize;
  job_class->prepare = loyalty_job_prepare;
  job_class->run = loyalty_job_run;
  job_class->result_free = g_free;
}

static void
reg_loyalty_job_init (RegLoyaltyJob *self)
{
}

/**
 * reg_loyalty_job_new:
 * @shop: the shop
 * @segment: a segment (see reg_segment_parse())
 * @paper: the paper size
 * @path: the PDF file to write, mode 0600, in full or not at all
 *
 * Returns: (transfer full): the job; its result is the number of pages written, a pointer to a
 *   guint (transfer full).
 */
RegLoyaltyJob *
reg_loyalty_job_new (RegShop *shop, const char *segment, RegPaperSize paper, const char *path)
{
  RegLoyaltyJob *self = g_object_new (REG_TYPE_LOYALTY_JOB, NULL);

  self->shop = g_object_ref (shop);
  self->segment = g_strdup (segment);
  self->paper = paper;
  self->path = g_strdup (path);
  return self;
}
