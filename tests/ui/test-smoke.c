/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `regulars` binary (path in argv[1]): --version, and --standalone
 * --exit-after-startup FILE on a new shop file, which must draw its window and exit 0,
 * leaving the shop created; and on a file that is not a shop, which must exit non-zero.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>

#include "reg-test-utils.h"

static const char *gui;

/* Runs the program, logging the libraries it loads into a temp folder: whatever it did, it
 * never loaded a GL driver. */
static void
run_full (const char * const *argv,
          int                *status,
          char              **out,
          char              **err_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *loads = reg_test_make_tmpdir ();
  g_auto(GStrv) env = reg_test_env_logging_loads (loads);

  /* stdout is always captured: nothing but TAP may reach the test's own */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out != NULL ? out : &dropped, &err, status, &error));
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("stderr: %s", err);
  reg_test_assert_no_gl_driver_loaded (loads);
  reg_test_rm_rf (loads);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
}

static void
run (const char * const *argv,
     int                *status,
     char              **out)
{
  run_full (argv, status, out, NULL);
}

static void
test_version (void)
{
  const char *argv[] = { gui, "--version", NULL };
  g_autofree char *out = NULL;
  int status;

  run (argv, &status, &out);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (out, "regulars " PACKAGE_VERSION));
}

static void
test_startup (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *shop = g_build_filename (dir, "smoke.regulars", NULL);
  const char *argv[] = { gui, "--standalone", "--exit-after-startup", shop, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  run (argv, &status, &out);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (shop, G_FILE_TEST_IS_REGULAR));
  /* it drew its window: the views it showed, in the tests' language */
  g_assert_nonnull (strstr (out, "Overview"));
  g_assert_nonnull (strstr (out, "Customers"));
  reg_test_rm_rf (dir);
}

static void
test_not_a_shop (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "notes.txt", NULL);
  const char *argv[] = { gui, "--standalone", "--exit-after-startup", file, NULL };
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  int status;

  g_assert_true (g_file_set_contents (file, "this is not a shop, just some text\n", -1, NULL));
  run_full (argv, &status, NULL, &err);
  /* refused with its own exit status and a message naming the file; not a crash */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "notes.txt"));
  /* and the file is left as it was */
  g_assert_true (g_file_get_contents (file, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "this is not a shop, just some text\n");
  reg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  gui = argv[1];
  g_test_add_func ("/ui/smoke/version", test_version);
  g_test_add_func ("/ui/smoke/startup", test_startup);
  g_test_add_func ("/ui/smoke/not-a-shop", test_not_a_shop);
  return g_test_run ();
}
