/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fuzz entry points, shared by the libFuzzer targets (fuzz-target.c, built with clang when
 * -Dfuzzing=true) and by the regression test (test-fuzz.c, a plain TAP test), so that a saved
 * crash input goes through exactly the code path that found it. Each entry point takes raw bytes,
 * runs them through one importer, the sniffer, or the amount or date parser, and aborts
 * (g_error) when a result breaks what the callers rely on. One thread; the temp file used for the
 * readers (they take paths) lives in a per-process folder removed at exit.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL-terminated list of the target names: "csv", "csv-shopify", …, "ofx", "feedback",
 * "sniff", "money", "date". */
const char *const *reg_fuzz_target_names (void);

/* Whether @name is a target. */
gboolean           reg_fuzz_target_exists (const char *name);

/* Feeds @data to the target; aborts on a broken invariant (sanitizers abort on memory errors). */
void               reg_fuzz_run           (const char   *target,
                                           const guint8 *data,
                                           gsize         size);

G_END_DECLS
