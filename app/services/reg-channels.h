/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Acquisition channels as the fronts use them: the figures per channel (clv-channels.h) over a
 * period, the owner's marketing spend per channel and month, and one channel set on a
 * selection of customers.
 */
#pragma once

#include "clv-channels.h"
#include "reg-shop.h"

G_BEGIN_DECLS

/* The period the Overview, the workbook and the command line use by default: a year. */
#define REG_CHANNEL_MONTHS_DEFAULT 12

/* The channel as the owner reads it: its name, or "Unknown" (translated) for none. */
const char *reg_channel_label            (const char   *channel);

/**
 * reg_shop_channel_figures:
 * @months: the period in which customers count as new: the last @months months up to the
 *   month of the shop's last purchase (today when there is none); 0 = the whole history
 * @out_first_month, @out_last_month: (optional) (out): the period as month indexes
 * Returns: (element-type ClvChannelFigures) per channel, as clv_channels_compute() gives them.
 */
GArray     *reg_shop_channel_figures     (RegShop      *self,
                                          guint         months,
                                          gint32       *out_first_month,
                                          gint32       *out_last_month,
                                          GError      **error);
/* The same in a worker thread on its own connection to the shop (the window: a large shop
 * takes a moment). The task holds no reference to the shop. The result carries the period. */
typedef struct
{
  GArray *figures;       /* (owned) (element-type ClvChannelFigures) */
  gint32  first_month, last_month;
} RegChannelFiguresResult;

void        reg_channel_figures_result_free (RegChannelFiguresResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegChannelFiguresResult, reg_channel_figures_result_free)
void        reg_shop_channel_figures_async  (RegShop            *self,
                                          guint               months,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
RegChannelFiguresResult *reg_shop_channel_figures_finish (RegShop      *self,
                                          GAsyncResult *result,
                                          GError      **error);
/* @month is "YYYY-MM"; an amount of 0 removes the month's spend. Errors name field and value. */
gboolean    reg_shop_set_channel_spend   (RegShop      *self,
                                          const char   *channel,
                                          const char   *month,
                                          gint64        amount,
                                          GError      **error);
/* (element-type RegChannelSpend) by channel then month */
GArray     *reg_shop_list_channel_spend  (RegShop      *self,
                                          GError      **error);
/* Sets @channel (NULL or blank = none) on the customers @ids, all or none; returns how many
 * changed, -1 on an error. */
gint64      reg_shop_set_customers_channel (RegShop    *self,
                                          const gint64 *ids,
                                          guint         n_ids,
                                          const char   *channel,
                                          GError      **error);
/* The channels the shop's customers have, most used first (for suggestions). */
GStrv       reg_shop_list_channels       (RegShop      *self);

G_END_DECLS
