/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One libFuzzer target: built once per target name (REG_FUZZ_TARGET, set by tests/fuzz/meson.build
 * when -Dfuzzing=true) with clang's -fsanitize=fuzzer,address,undefined. libFuzzer owns main();
 * each input goes through reg_fuzz_run(), the same entry the regression test uses.
 */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "reg-fuzz.h"

#ifndef REG_FUZZ_TARGET
#error "REG_FUZZ_TARGET names the target"
#endif

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A warning or critical on hostile input is a finding too, as in the test suites. GLib's own
 * fatal path raises SIGTRAP, which libFuzzer does not catch (no input would be saved): abort. */
static GLogWriterOutput
abort_on_warning (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_writer_func (abort_on_warning, NULL, NULL);
  /* messages name files, not the locale's words: keep them stable */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (!reg_fuzz_target_exists (REG_FUZZ_TARGET))
    {
      g_printerr ("no fuzz target %s\n", REG_FUZZ_TARGET);
      exit (2);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  reg_fuzz_run (REG_FUZZ_TARGET, data, size);
  return 0;
}
