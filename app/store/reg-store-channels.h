/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Acquisition channels: the owner's marketing spend per channel and month, setting one channel
 * on many customers at once, and what the channel figures read (clv-channels.h).
 */
#pragma once

#include "clv-channels.h"
#include "reg-store.h"

G_BEGIN_DECLS

/* Sets the spend of @channel in @month (an amount of 0 removes it). The channel is matched
 * without regard to case: writing "instagram" over "Instagram" changes the amount only. */
gboolean reg_store_set_channel_spend   (RegStore    *store,
                                        const char  *channel,
                                        gint32       month,
                                        gint64       amount,
                                        GError     **error);
/* (element-type RegChannelSpend) every amount entered, by channel then month. Clears its
 * elements when freed. */
GArray  *reg_store_list_channel_spend  (RegStore    *store,
                                        GError     **error);
/* Sets @channel (NULL or blank = none) on the customers @ids, all or none. Returns how many
 * rows changed; -1 on an error. */
gint64   reg_store_set_customers_channel (RegStore     *store,
                                        const gint64  *ids,
                                        guint          n_ids,
                                        const char    *channel,
                                        GError       **error);
/* (element-type ClvChannelCustomer) every active customer who bought or has an acquisition
 * date, with the last analysis's prediction; the channel names live in @names. */
GArray  *reg_store_read_channel_customers (RegStore   *store,
                                        GStringChunk  *names,
                                        gint32        *out_last_day,
                                        GError       **error);
/* The channels customers have, as first written, most customers first (for suggestions). */
GStrv    reg_store_list_channels       (RegStore    *store,
                                        GError     **error);

G_END_DECLS
