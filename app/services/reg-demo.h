/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo shop: customers who buy by a BG/NBD-like process, with Gamma-distributed spend,
 * refunds now and then, acquisition channels and costs, and realistic names. The same seed and
 * end date always give the same shop.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint   customers;      /* default 500 */
  guint32 seed;           /* default 1 */
  gint32  end_day;        /* last day of sales (Julian); 0 = 2026-10-31 */
  guint   years;          /* how far back customers arrive; default 3 */
} RegDemoOptions;

void     reg_demo_options_init (RegDemoOptions *opts);

typedef gboolean (*RegDemoProgress) (guint done, guint total, gpointer data);

/* Writes the demo into the (new, empty) shop file at @path, in one transaction. */
gboolean reg_demo_write        (const char           *path,
                                const RegDemoOptions *opts,
                                RegDemoProgress       progress,
                                gpointer              progress_data,
                                guint64              *out_sales,
                                GError              **error);

G_END_DECLS
