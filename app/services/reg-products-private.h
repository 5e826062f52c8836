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

G_END_DECLS
