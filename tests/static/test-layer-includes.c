/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fronts stand on the services only. Every #include of every file under app/ui and app/cli
 * is read: none may name a header of app/store, and of app/io only the value types listed
 * below (types, enums and error codes the services' own headers hand out). The compiler keeps
 * the store out already (reg_services_dep gives the fronts no store headers); this keeps it so
 * when someone adds an include path, and keeps the fronts off the importers and writers, whose
 * headers the fronts do see.
 *
 * Argument: the project's source root.
 */
#include <glib.h>
#include <string.h>

/* app/io headers app/ui may include, and why each is a value type. */
static const char *const ui_io_allowed[] = {
  /* the column mapping the owner builds (RegImportMapping, RegField) and the table of presets */
  "reg-import-mapping.h",
  /* the known exports (Shopify, Square, …): a constant table of their names, columns and
   * defaults that the wizard's pages offer and describe; no files, no shop */
  "reg-import-preset.h",
  /* the loyalty list and its page layout: a pure drawing of a list value onto the cairo context
   * the print operation hands out, the same pages the PDF job writes; no files, no shop */
  "reg-loyalty-layout.h",
  NULL,
};

/* app/io headers app/cli may include. */
static const char *const cli_io_allowed[] = {
  /* the error domain and codes (an ambiguous file is told apart from a bad one) */
  "reg-io-error.h",
  NULL,
};

static const char *source_root;

/* Basenames of the headers under @dir (recursively) into @set. */
static void
collect_headers (const char *dir, GHashTable *set)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_headers (path, set);
      else if (g_str_has_suffix (name, ".h"))
        g_hash_table_add (set, g_strdup (name));
    }
}

static GHashTable *
headers_of (const char *layer)
{
  g_autofree char *dir = g_build_filename (source_root, "app", layer, NULL);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_headers (dir, set);
  g_assert_cmpuint (g_hash_table_size (set), >, 0);
  return set;
}

/* The file named by an #include line (its last path element), or NULL for another line. */
static char *
included_name (const char *line)
{
  const char *p = line;
  const char *end;
  char close;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p++ != '#')
    return NULL;
  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "include"))
    return NULL;
  p += strlen ("include");
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '"')
    close = '"';
  else if (*p == '<')
    close = '>';
  else
    return NULL;
  p++;
  end = strchr (p, close);
  if (end == NULL)
    return NULL;
  {
    g_autofree char *full = g_strndup (p, (gsize) (end - p));
    return g_path_get_basename (full);
  }
}

/* Every include under app/@front that names a header of @forbidden (not in @allowed) goes into
 * @found as "app/FRONT/FILE:LINE: NAME (app/LAYER)". Returns the number of files read. */
static guint
scan_front (const char        *front,
            GHashTable        *forbidden,
            const char        *layer,
            const char *const *allowed,
            GPtrArray         *found)
{
  g_autofree char *dir = g_build_filename (source_root, "app", front, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint files = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".h"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      files++;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *header = included_name (lines[i]);

          if (header == NULL || !g_hash_table_contains (forbidden, header))
            continue;
          if (allowed != NULL && g_strv_contains (allowed, header))
            continue;
          g_ptr_array_add (found, g_strdup_printf ("app/%s/%s:%u: %s (app/%s)", front, name,
                                                   i + 1, header, layer));
        }
    }
  return files;
}

static void
assert_none (GPtrArray *found, const char *what)
{
  if (found->len > 0)
    {
      g_autoptr(GString) text = g_string_new (what);

      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (text, "\n  %s", (const char *) found->pdata[i]);
      g_test_fail_printf ("%s", text->str);
    }
}

/* The scanner itself: the include forms C allows are seen, other lines are not. */
static void
test_scanner (void)
{
  const struct { const char *line; const char *name; } cases[] = {
    { "#include \"reg-store.h\"", "reg-store.h" },
    { "  #  include   <reg-store-imports.h>  /* why */", "reg-store-imports.h" },
    { "#\tinclude \"../store/reg-store.h\"", "reg-store.h" },
    { "#include \"reg-records.h\"", "reg-records.h" },
    { "/* #include is not here */", NULL },
    { "#define INCLUDE \"reg-store.h\"", NULL },
    { "#include", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = included_name (cases[i].line);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* No front names a store header, the records' folder included: they come through the
 * services' headers. */
static void
test_no_store_headers (void)
{
  g_autoptr(GHashTable) store = headers_of ("store");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_hash_table_contains (store, "reg-store.h"));
  g_assert_cmpuint (scan_front ("ui", store, "store", NULL, found), >, 10);
  g_assert_cmpuint (scan_front ("cli", store, "store", NULL, found), >, 5);
  assert_none (found, "The fronts reach the store through RegShop only, but these include it:");
}

static void
test_io_value_types_only (gconstpointer data)
{
  const char *front = data;
  const char *const *allowed = g_str_equal (front, "ui") ? ui_io_allowed : cli_io_allowed;
  g_autoptr(GHashTable) io = headers_of ("io");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  /* a name on the list that is not an app/io header any more is a list to tidy */
  for (gsize i = 0; allowed[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (io, allowed[i]));
  g_assert_cmpuint (scan_front (front, io, "io", allowed, found), >, 5);
  assert_none (found, "The fronts use the importers and writers through the services' jobs, "
                      "but these include them:");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s SOURCE_ROOT\n", argv[0]);
      return 2;
    }
  source_root = argv[1];

  g_test_add_func ("/layers/scanner", test_scanner);
  g_test_add_func ("/layers/no-store-headers", test_no_store_headers);
  g_test_add_data_func ("/layers/ui/io-value-types-only", "ui", test_io_value_types_only);
  g_test_add_data_func ("/layers/cli/io-value-types-only", "cli", test_io_value_types_only);
  return g_test_run ();
}
