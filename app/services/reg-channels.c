/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channel figures and marketing spend for the fronts: validation with messages for owners,
 * the period worked out from the shop's data, changes announced on the shop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "clv-date.h"
#include "clv-text.h"
#include "reg-channels-private.h"
#include "reg-shop-private.h"

/* Longest channel name kept (the spend table's own rule) */
#define CHANNEL_MAX_CHARS 200

const char *
reg_channel_label (const char *channel)
{
  g_autofree char *key = clv_channel_key (channel);

  return key != NULL ? channel : _("Unknown");
}

GArray *
reg_shop_channel_figures (RegShop *self, guint months, gint32 *out_first_month,
                          gint32 *out_last_month, GError **error)
{
  return reg_channel_figures_read (reg_shop_get_store (self), months,
                                   reg_shop_get_setting_double (self, REG_SETTING_MARGIN),
                                   out_first_month, out_last_month, error);
}

GArray *
reg_channel_figures_read (RegStore *store, guint months, double margin, gint32 *out_first_month,
                          gint32 *out_last_month, GError **error)
{
  g_autoptr(GStringChunk) names = g_string_chunk_new (256);
  g_autoptr(GArray) customers = NULL;
  g_autoptr(GArray) spend = NULL;
  g_autoptr(GArray) spends = g_array_new (FALSE, TRUE, sizeof (ClvChannelSpend));
  ClvChannelOptions options = { 0 };
  gint32 last_day = 0;
  GArray *figures;

  if (!reg_store_begin_read (store, error))
    return NULL;
  customers = reg_store_read_channel_customers (store, names, &last_day, error);
  if (customers != NULL)
    spend = reg_store_list_channel_spend (store, error);
  reg_store_end_read (store);
  if (spend == NULL)
    return NULL;
  for (guint i = 0; i < spend->len; i++)
    {
      const RegChannelSpend *s = &g_array_index (spend, RegChannelSpend, i);
      ClvChannelSpend c = { s->channel, s->month, s->amount };
      g_array_append_val (spends, c);
    }
  /* the period ends with the last purchase, so a shop whose data stops in the past still
   * shows its last year rather than an empty one; or with the last month the owner entered
   * spend for, up to this month, so this month's spend counts before its sales come in */
  options.end_day = last_day > 0 ? last_day : clv_date_today ();
  options.last_month = clv_month_of_day (options.end_day);
  for (guint i = 0; i < spends->len; i++)
    {
      gint32 m = g_array_index (spends, ClvChannelSpend, i).month;
      if (m > options.last_month && m <= clv_month_of_day (clv_date_today ()))
        options.last_month = m;
    }
  options.first_month = months > 0 ? options.last_month - (gint32) months + 1 : 0;
  options.margin = margin;
  figures = clv_channels_compute ((const ClvChannelCustomer *) (gpointer) customers->data,
                                  customers->len,
                                  (const ClvChannelSpend *) (gpointer) spends->data, spends->len,
                                  &options);
  if (out_first_month != NULL)
    *out_first_month = options.first_month;
  if (out_last_month != NULL)
    *out_last_month = options.last_month;
  return figures;
}

void
reg_channel_figures_result_free (RegChannelFiguresResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->figures, g_array_unref);
  g_free (result);
}

typedef struct
{
  char  *path;
  guint  months;
  double margin;
} FiguresTask;

static void
figures_task_free (gpointer data)
{
  FiguresTask *t = data;

  g_free (t->path);
  g_free (t);
}

static void
figures_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FiguresTask *t = task_data;
  GError *error = NULL;
  g_autoptr(RegChannelFiguresResult) result = g_new0 (RegChannelFiguresResult, 1);
  g_autoptr(RegStore) store = reg_store_open (t->path,
                                              REG_STORE_OPEN_READ_ONLY | REG_STORE_OPEN_NO_MIGRATE,
                                              &error);

  if (store != NULL)
    result->figures = reg_channel_figures_read (store, t->months, t->margin,
                                                &result->first_month, &result->last_month,
                                                &error);
  if (result->figures == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result),
                           (GDestroyNotify) reg_channel_figures_result_free);
}

void
reg_shop_channel_figures_async (RegShop *self, guint months, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  FiguresTask *t = g_new0 (FiguresTask, 1);

  g_return_if_fail (REG_IS_SHOP (self));
  t->path = g_strdup (reg_shop_get_path (self));
  t->months = months;
  t->margin = reg_shop_get_setting_double (self, REG_SETTING_MARGIN);
  /* no reference to the shop: a window closed meanwhile lets its shop go at once */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_shop_channel_figures_async);
  g_task_set_task_data (task, t, figures_task_free);
  g_task_run_in_thread (task, figures_in_thread);
}

RegChannelFiguresResult *
reg_shop_channel_figures_finish (RegShop *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
check_channel (const char *channel, GError **error)
{
  g_autofree char *key = clv_channel_key (channel);

  if (key == NULL)
    {
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Channel “%s”: give the channel's name, such as Instagram"),
                   channel != NULL ? channel : "");
      return FALSE;
    }
  if (g_utf8_strlen (channel, -1) > CHANNEL_MAX_CHARS)
    {
      g_autofree char *quoted = clv_text_quote (channel);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Channel “%s”: at most %d characters"), quoted, CHANNEL_MAX_CHARS);
      return FALSE;
    }
  /* a name shown in lists, tables and terminals: no escape sequences */
  if (clv_text_has_control (channel, FALSE))
    {
      g_autofree char *quoted = clv_text_quote (channel);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Channel “%s”: has a control character (such as ESC or BEL)"), quoted);
      return FALSE;
    }
  return TRUE;
}

gboolean
reg_shop_set_channel_spend (RegShop *self, const char *channel, const char *month,
                            gint64 amount, GError **error)
{
  gint32 m;

  if (!check_channel (channel, error))
    return FALSE;
  if (!clv_month_parse (month, &m))
    {
      g_autofree char *quoted = clv_text_quote (month != NULL ? month : "");
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Month “%s”: write it as YYYY-MM, such as 2026-03"), quoted);
      return FALSE;
    }
  if (amount < 0)
    {
      g_autofree char *text = reg_shop_format_amount (self, amount);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Amount “%s”: spend cannot be negative"), text);
      return FALSE;
    }
  if (!reg_store_set_channel_spend (reg_shop_get_store (self), channel, m, amount, error))
    return FALSE;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SETTINGS, 0);
  return TRUE;
}

GArray *
reg_shop_list_channel_spend (RegShop *self, GError **error)
{
  return reg_store_list_channel_spend (reg_shop_get_store (self), error);
}

gint64
reg_shop_set_customers_channel (RegShop *self, const gint64 *ids, guint n_ids,
                                const char *channel, GError **error)
{
  g_autofree char *key = clv_channel_key (channel);
  gint64 changed;

  /* a blank channel clears it */
  if (key != NULL && !check_channel (channel, error))
    return -1;
  changed = reg_store_set_customers_channel (reg_shop_get_store (self), ids, n_ids, channel,
                                             error);
  if (changed <= 0)
    return changed;
  /* a few customers are refreshed one by one; a large selection reloads the lists once */
  if (n_ids <= 50)
    for (guint i = 0; i < n_ids; i++)
      reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, ids[i]);
  else
    reg_shop_notify_changed (self, REG_SHOP_CHANGE_ALL, 0);
  return changed;
}

GStrv
reg_shop_list_channels (RegShop *self)
{
  g_autoptr(GError) error = NULL;
  GStrv out = reg_store_list_channels (reg_shop_get_store (self), &error);

  if (out == NULL)
    {
      g_warning ("listing channels: %s", error->message);
      out = g_new0 (char *, 1);
    }
  return out;
}
