/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChannelCard: the Overview's card of where customers come from. Per channel the customers,
 * the new ones of the last year, what a customer spent so far and is expected to spend, what a
 * new one cost, the value to cost ratio and the months to pay it back, with a chart of value
 * against cost and a button to the marketing spend. Refreshes itself when the shop changes.
 * Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_CHANNEL_CARD (reg_channel_card_get_type ())
G_DECLARE_FINAL_TYPE (RegChannelCard, reg_channel_card, REG, CHANNEL_CARD, AdwBin)

void     reg_channel_card_set_shop     (RegChannelCard *self,
                                        RegShop        *shop);
/* Reads the figures again now (the card otherwise waits a moment after a change); they come
 * from a worker thread. */
void     reg_channel_card_refresh      (RegChannelCard *self);
/* The figures are shown and no read is under way; for tests. */
gboolean reg_channel_card_is_loaded    (RegChannelCard *self);
/* Channels listed (rows of the table), for tests. */
guint    reg_channel_card_get_n_rows   (RegChannelCard *self);
/* The text of a cell of the table, row 0 being the first channel; for tests. */
const char *reg_channel_card_get_cell  (RegChannelCard *self,
                                        guint           row,
                                        guint           column);

G_END_DECLS
