/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis result as a JSON document: what model_runs stores, what `regulars-cli analyze
 * --json` prints, and what RegAnalysisSummary is read from — one shape for all three.
 */
#pragma once

#include "clv-analysis.h"
#include "reg-analysis-job.h"

G_BEGIN_DECLS

char               *reg_analysis_to_json            (const ClvAnalysis *a);
RegAnalysisSummary *reg_analysis_summary_from_json  (const char  *json,
                                                     gint64       run_id,
                                                     const char  *run_at,
                                                     GError     **error);

G_END_DECLS
