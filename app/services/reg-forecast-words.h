/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracking check and next year's revenue from today's customers in words, the same in the
 * window, the command line and the workbook: "By 30/06/1998 the model expected 4,270 repeat
 * purchases and your customers made 4,339" and "Today's customers are likely to spend €30,400
 * with you in the next 12 months". Read from a RegAnalysisSummary.
 */
#pragma once

#include "clv-money.h"
#include "reg-analysis-job.h"

G_BEGIN_DECLS

/* Sum of the forecast months, minor units (0 when there is none). */
gint64 reg_forecast_total          (const RegAnalysisSummary *s);
/* Net revenue of the 12 calendar months up to and including the month of the end day. */
gint64 reg_forecast_last_12_months (const RegAnalysisSummary *s);
/* Index of the first tracking period after the split, or -1 when there is no holdout. */
int    reg_tracking_split_index    (const RegAnalysisSummary *s);

/* One sentence on the tracking chart, or NULL when there is no tracking. Dates and money are
 * written as @fmt says (reg_shop_get_money_format(), or the report's: no RegShop is touched, so
 * a worker thread may call these). */
char  *reg_words_tracking          (const ClvMoneyFormat *fmt, const RegAnalysisSummary *s);
/* One sentence on the forecast, or NULL when there is none. */
char  *reg_words_forecast          (const ClvMoneyFormat *fmt, const RegAnalysisSummary *s);
/* One sentence on the forecast's 80 % band (its first and last month), or NULL when the
 * forecast has none; @shaded: said of a chart that draws it as a shaded band. */
char  *reg_words_forecast_range    (const ClvMoneyFormat *fmt, const RegAnalysisSummary *s,
                                    gboolean shaded);

G_END_DECLS
