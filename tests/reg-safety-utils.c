/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers of the reliability suites; see reg-safety-utils.h. Children are plain fork/exec
 * (g_spawn) so that a test can SIGKILL one at any moment and reap it itself.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "reg-safety-utils.h"
#include "reg-store.h"
#include "reg-test-utils.h"

static gboolean fast_children;

const char *
reg_safety_cli_path (void)
{
  const char *cli = g_getenv ("REG_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("REG_CLI does not name regulars-cli (run the test through meson test)");
      return NULL;
    }
  return cli;
}

void
reg_safety_set_fast_children (gboolean fast)
{
  fast_children = fast;
}

char **
reg_safety_child_env (void)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  if (fast_children)
    {
      const char *asan = g_environ_getenv (env, "ASAN_OPTIONS");
      g_autofree char *opts = g_strconcat (asan != NULL && *asan != '\0' ? asan : "",
                                           asan != NULL && *asan != '\0' ? ":" : "",
                                           "quarantine_size_mb=8:max_malloc_fill_size=0", NULL);
      env = g_environ_setenv (env, "ASAN_OPTIONS", opts, TRUE);
    }
  return env;
}

static GPtrArray *
build_argv (const char *shop, const char *const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("REG_CLI"));
  g_ptr_array_add (argv, (gpointer) "--shop");
  g_ptr_array_add (argv, (gpointer) shop);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static int
decode_status (int status)
{
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  if (WIFSIGNALED (status))
    return 128 + WTERMSIG (status);
  return -1;
}

int
reg_safety_cli_argv (const char *shop, const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = build_argv (shop, args);
  g_auto(GStrv) env = reg_safety_child_env ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return decode_status (status);
}

int
reg_safety_cli (const char *shop, char **out, char **err, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return reg_safety_cli_argv (shop, (const char *const *) args->pdata, out, err);
}

GPid
reg_safety_cli_start (const char *shop, const char *const *args)
{
  g_autoptr(GPtrArray) argv = build_argv (shop, args);
  g_auto(GStrv) env = reg_safety_child_env ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv->pdata, env,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

gboolean
reg_safety_kill_after (GPid pid, double seconds, int *exit_status)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  int status = 0;
  pid_t done;

  /* poll rather than sleep the whole delay: a process that ends early is reaped at once */
  while (g_get_monotonic_time () < deadline)
    {
      done = waitpid (pid, &status, WNOHANG);
      if (done == pid)
        {
          if (exit_status != NULL)
            *exit_status = decode_status (status);
          return FALSE;
        }
      g_usleep (MIN (2000, MAX (0, deadline - g_get_monotonic_time ())));
    }
  kill (pid, SIGKILL);
  while ((done = waitpid (pid, &status, 0)) < 0 && errno == EINTR)
    ;
  g_assert_cmpint (done, ==, pid);
  if (exit_status != NULL)
    *exit_status = decode_status (status);
  /* it may have ended between the last poll and the kill */
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
}

gboolean
reg_safety_reaped (GPid pid, int *exit_status)
{
  int status = 0;

  if (waitpid (pid, &status, WNOHANG) != pid)
    return FALSE;
  if (exit_status != NULL)
    *exit_status = decode_status (status);
  return TRUE;
}

void
reg_safety_copy (const char *from, const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
reg_safety_remove_shop (const char *shop)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *backups = g_strconcat (shop, ".backups", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (shop, suffixes[i], NULL);
      g_unlink (path);
    }
  reg_test_rm_rf (backups);
}

char *
reg_safety_dump (const char *shop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (shop, REG_STORE_OPEN_NO_MIGRATE, &error);
  char *dump;

  g_assert_no_error (error);
  dump = reg_store_dump (store, &error);
  g_assert_no_error (error);
  return dump;
}

void
reg_safety_write_sales_csv (const char *path, guint rows)
{
  g_autoptr(GString) csv = g_string_sized_new ((gsize) rows * 60);
  g_autoptr(GError) error = NULL;
  GRand *r = g_rand_new_with_seed (1);

  g_string_append (csv, "Date,Order,Customer,Email,Amount\n");
  for (guint i = 0; i < rows; i++)
    {
      guint c = (guint) g_rand_int_range (r, 0, (gint32) MAX (rows / 10, 1));
      guint euros = 1 + (guint) g_rand_int_range (r, 0, 900);
      guint cents = (guint) g_rand_int_range (r, 0, 100);
      g_string_append_printf (csv, "2024-%02u-%02u,O%u,Customer %u,c%u@example.com,%u.%02u\n",
                              1 + i % 12, 1 + i % 28, i, c, c, euros, cents);
    }
  g_rand_free (r);
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
}

char *
reg_safety_file_hash (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

void
reg_safety_shop_dir_set_up (RegSafetyShopDir *f,
                            gconstpointer     data)
{
  f->dir = reg_test_make_tmpdir ();
  f->shop = g_build_filename (f->dir, "shop.regulars", NULL);
}

void
reg_safety_shop_dir_tear_down (RegSafetyShopDir *f,
                               gconstpointer     data)
{
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->shop);
}
