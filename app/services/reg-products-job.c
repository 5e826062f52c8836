/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The product figures in a worker thread, on a read-only connection of the job's own.
 */
#include "config.h"

#include "reg-products-job.h"
#include "reg-products-private.h"

struct _RegProductsJob
{
  RegJob   parent_instance;
  char    *shop_path;   /* (owned) the worker opens its own connection on it */
  guint    pair_limit;
  RegSegment *segment;  /* (owned) (nullable) whose lines count; read only in the worker */
};

G_DEFINE_FINAL_TYPE (RegProductsJob, reg_products_job, REG_TYPE_JOB)

static gpointer
products_job_run (RegJob *job, GCancellable *cancellable, GError **error)
{
  RegProductsJob *self = REG_PRODUCTS_JOB (job);
  g_autoptr(RegStore) store = reg_store_open (self->shop_path, REG_STORE_OPEN_READ_ONLY, error);
  g_autoptr(RegProductFigures) figures = NULL;

  if (store == NULL)
    return NULL;
  figures = reg_product_figures_read_for (store, self->segment, self->pair_limit, error);
  if (figures == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&figures);
}

static void
reg_products_job_finalize (GObject *object)
{
  RegProductsJob *self = REG_PRODUCTS_JOB (object);

  g_free (self->shop_path);
  g_clear_pointer (&self->segment, reg_segment_free);
  G_OBJECT_CLASS (reg_products_job_parent_class)->finalize (object);
}

static void
reg_products_job_class_init (RegProductsJobClass *klass)
{
  RegJobClass *job_class = REG_JOB_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_products_job_finalize;
  job_class->run = products_job_run;
  job_class->result_free = (GDestroyNotify) reg_product_figures_free;
}

static void
reg_products_job_init (RegProductsJob *self)
{
}

RegProductsJob *
reg_products_job_new (RegShop *shop, guint pair_limit)
{
  RegProductsJob *self = g_object_new (REG_TYPE_PRODUCTS_JOB, NULL);

  self->shop_path = g_strdup (reg_shop_get_path (shop));
  self->pair_limit = pair_limit;
  return self;
}

RegProductsJob *
reg_products_job_new_for (RegShop *shop, RegSegment *segment, guint pair_limit)
{
  RegProductsJob *self = reg_products_job_new (shop, pair_limit);

  self->segment = segment;
  return self;
}
