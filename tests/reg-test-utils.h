/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the test programs: where the shared reference data lives, temp dirs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Path under ../shared/data (REG_SHARED_DATA), newly allocated. */
char *reg_test_shared_data_path (const char *first_element, ...) G_GNUC_NULL_TERMINATED;

/* A fresh directory under the test's temp dir; removed by the caller with reg_test_rm_rf. */
char *reg_test_make_tmpdir (void);
void  reg_test_rm_rf (const char *path);

G_END_DECLS
