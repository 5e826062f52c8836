/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fuzzers' findings as a plain test (gcc, TAP, suite 'fuzz'): every saved crash input in
 * tests/fuzz/regressions/<target>/ and every seed in tests/fuzz/corpus/<target>/ goes through
 * reg_fuzz_run(), the entry point the libFuzzer target used, so a fixed bug stays fixed in the
 * normal and the sanitizer build without clang. A broken invariant aborts the program (g_error),
 * a memory error is caught by AddressSanitizer in the ASan build and by valgrind.
 * Seeds are also fed to every other import target: a bank statement read as a Shopify export
 * must be refused cleanly too.
 */
#include <gio/gio.h>
#include <string.h>

#include "reg-fuzz.h"

/* Seeds bigger than this are not cross-fed (the big store exports would make the test slow
 * under valgrind); they still run through their own target. */
#define CROSS_FEED_MAX ((gsize) 16 * 1024)

static GPtrArray *
list_inputs (const char *kind, const char *target)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", kind, target, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return paths;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !g_str_equal (name, "README.md"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  return paths;
}

static void
feed (const char *target, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  reg_fuzz_run (target, (const guint8 *) data, len);
}

static void
test_inputs (gconstpointer user_data)
{
  const char *spec = user_data;              /* "corpus/csv" or "regressions/csv" */
  g_auto(GStrv) parts = g_strsplit (spec, "/", 2);
  g_autoptr(GPtrArray) paths = list_inputs (parts[0], parts[1]);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      g_test_message ("%s: %s", parts[1], base);
      feed (parts[1], paths->pdata[i]);
    }
  if (paths->len == 0)
    g_test_fail_printf ("no inputs in tests/fuzz/%s", spec);
  else
    g_test_message ("%u inputs", paths->len);
}

/* The first input libFuzzer tries: zero bytes, through every target (an empty QIF file used to
 * crash the sniffer). */
static void
test_empty_input (void)
{
  const char *const *targets = reg_fuzz_target_names ();

  for (guint i = 0; targets[i] != NULL; i++)
    reg_fuzz_run (targets[i], (const guint8 *) "", 0);
}

/* Every small seed of every target through every target that reads files. */
static void
test_cross_feed (void)
{
  const char *const *targets = reg_fuzz_target_names ();
  guint fed = 0;

  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) paths = list_inputs ("corpus", targets[i]);
      if (g_str_equal (targets[i], "money") || g_str_equal (targets[i], "date"))
        continue;
      for (guint p = 0; p < paths->len; p++)
        {
          g_autofree char *data = NULL;
          gsize len = 0;

          g_assert_true (g_file_get_contents (paths->pdata[p], &data, &len, NULL));
          if (len > CROSS_FEED_MAX)
            continue;
          for (guint j = 0; targets[j] != NULL; j++)
            if (j != i && !g_str_equal (targets[j], "money") && !g_str_equal (targets[j], "date"))
              {
                reg_fuzz_run (targets[j], (const guint8 *) data, len);
                fed++;
              }
        }
    }
  g_test_message ("%u cross-fed inputs", fed);
  g_assert_cmpuint (fed, >, 0);
}

int
main (int argc, char **argv)
{
  const char *const *targets = reg_fuzz_target_names ();

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; targets[i] != NULL; i++)
    {
      static const char *kinds[] = { "regressions", "corpus" };
      for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *spec = g_strdup_printf ("%s/%s", kinds[k], targets[i]);
          g_autofree char *path = g_strdup_printf ("/fuzz/%s/%s", targets[i], kinds[k]);
          g_autoptr(GPtrArray) saved = list_inputs (kinds[k], targets[i]);

          /* a target without saved crash inputs has nothing to replay: no case that passes
           * doing nothing (every target must have seeds, so the corpus case stays) */
          if (saved->len == 0 && g_str_equal (kinds[k], "regressions"))
            continue;
          /* the spec string lives as long as the test run */
          g_test_add_data_func_full (path, g_strdup (spec), test_inputs, g_free);
        }
    }
  g_test_add_func ("/fuzz/empty-input", test_empty_input);
  g_test_add_func ("/fuzz/cross-feed", test_cross_feed);
  return g_test_run ();
}
