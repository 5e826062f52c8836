/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The product figures from a store of one's own: the window's job reads them in its worker
 * thread on a connection it opened, since the shop's own is the main thread's.
 */
#pragma once

#include "reg-products.h"
#include "reg-store.h"

G_BEGIN_DECLS

RegProductFigures *reg_product_figures_read (RegStore  *store,
                                             guint      pair_limit,
                                             GError   **error);

/* As reg_shop_product_figures_for() by order: the lines of @segment's customers alone, the
 * segment listed on @store (a worker thread's own connection). */
RegProductFigures *reg_product_figures_read_for (RegStore          *store,
                                                 const RegSegment  *segment,
                                                 guint              pair_limit,
                                                 GError           **error);

G_END_DECLS
