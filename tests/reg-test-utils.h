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

/* GUI tests never need GL: GDK 4.8 probes it on X11 by loading Mesa's driver (*_dri.so, with
 * libLLVM), whose leaks depend on the CPU. These make sure no GL driver got in.
 * The first line of @text (a /proc/PID/maps or an LD_DEBUG=files log) that names a GL
 * driver, or NULL. */
char  *reg_test_find_gl_driver (const char *text);
/* Registers an exit handler that reads /proc/self/maps and fails the test program
 * ("Bail out!", exit status 1) when a GL driver is mapped. */
void   reg_test_forbid_gl_driver_at_exit (void);
/* For a child process: the environment to spawn it with, which logs every library it loads
 * into @log_dir; then reg_test_assert_no_gl_driver_loaded() reads those logs. */
char **reg_test_env_logging_loads (const char *log_dir);
void   reg_test_assert_no_gl_driver_loaded (const char *log_dir);

G_END_DECLS
