/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared helpers of the regulars-cli tests (see cli-test-utils.h).
 */
#include "cli-test-utils.h"
#include "reg-test-utils.h"

void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Runs regulars-cli --shop SHOP args… (NULL-terminated) */
void
cli (Fixture *f, Run *r, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("REG_CLI");
  va_list ap;

  g_assert_nonnull (exe);
  run_clear (r);
  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--shop");
  g_ptr_array_add (argv, f->shop);
  va_start (ap, r);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("exit %d; stdout: %s; stderr: %s", r->status, r->out, r->err);
}

void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = reg_test_make_tmpdir ();
  f->shop = g_build_filename (f->dir, "shop.regulars", NULL);
}

void
fixture_teardown (Fixture *f, gconstpointer data)
{
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->shop);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
cli_import_cdnow (Fixture *f)
{
  Run r = { 0 };
  g_autofree char *elog = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);

  cli (f, &r, "init", "--currency", "USD", "--locale", "en_US", "--name", "CDNOW", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, "import", elog, "--map", "customer=masterid,date=date,amount=sales",
       "--date-format", "%Y%m%d", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}
