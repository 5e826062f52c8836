/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The translations at work in subprocesses: regulars-cli (path in REG_CLI) and the window
 * (argv[2]) run in de_DE.UTF-8 with the build tree's catalogues (argv[1], passed on as
 * REGULARS_LOCALEDIR): German help, German error messages word for word, amounts written as
 * the shop's locale writes them (1.234,56 €), one Spanish message (LANGUAGE=es), and the
 * window starting and exiting cleanly in German. Skips when the system lacks de_DE.UTF-8
 * (build-aux/deps.sh generates it).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reg-test-utils.h"

static const char *localedir;   /* <build>/po */
static const char *gui;         /* <build>/app/ui/regulars */
static gboolean have_de;

typedef struct
{
  char *dir;
  char *shop;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* locale -a lists de_DE.utf8 (glibc's spelling) once locale-gen has made it */
static gboolean
system_has_german (void)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (!g_spawn_command_line_sync ("locale -a", &out, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strcasecmp (lines[i], "de_DE.utf8") == 0
        || g_ascii_strcasecmp (lines[i], "de_DE.UTF-8") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
skip_without_german (void)
{
  if (have_de)
    return FALSE;
  g_test_skip ("the de_DE.UTF-8 locale is not installed (locale -a lacks de_DE.utf8); "
               "build-aux/deps.sh test generates it");
  return TRUE;
}

/* Runs argv (NULL-terminated) in @lang (a locale name) with @language as LANGUAGE (or unset),
 * with the build's catalogues named in REGULARS_LOCALEDIR or (@find_own) without: the program
 * must then find them itself; and logging the libraries it loads into @load_log_dir (nullable) */
static void
run_with (Run                *r,
          const char         *lang,
          const char         *language,
          gboolean            find_own,
          const char         *load_log_dir,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  run_clear (r);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LANG", lang, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", lang, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (find_own)
    g_subprocess_launcher_unsetenv (launcher, "REGULARS_LOCALEDIR");
  else
    g_subprocess_launcher_setenv (launcher, "REGULARS_LOCALEDIR", localedir, TRUE);
  if (load_log_dir != NULL)
    {
      g_autofree char *prefix = g_build_filename (load_log_dir, "loads", NULL);

      g_subprocess_launcher_setenv (launcher, "LD_DEBUG", "files", TRUE);
      g_subprocess_launcher_setenv (launcher, "LD_DEBUG_OUTPUT", prefix, TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("%s: exit %d; stdout: %s; stderr: %s", lang, r->status, r->out, r->err);
}

static void
run_in (Run                *r,
        const char         *lang,
        const char         *language,
        const char * const *argv)
{
  run_with (r, lang, language, FALSE, NULL, argv);
}

/* regulars-cli --shop SHOP args… (NULL-terminated) in @lang with @language */
static void
cli (Fixture    *f,
     Run        *r,
     const char *lang,
     const char *language,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *exe = g_getenv ("REG_CLI");
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--shop");
  g_ptr_array_add (argv, f->shop);
  va_start (ap, language);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  run_in (r, lang, language, (const char * const *) argv->pdata);
}

#define DE "de_DE.UTF-8"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reg_test_make_tmpdir ();
  f->shop = g_build_filename (f->dir, "laden.regulars", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->shop);
}

/* a German shop with one customer and one sale of 1.234,56 € */
static void
make_shop (Fixture *f,
           Run     *r)
{
  cli (f, r, DE, NULL, "init", "--currency", "EUR", "--locale", "de_DE", "--name", "Café Zoë", NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_str_has_suffix (r->out, " angelegt.\n"));
  cli (f, r, DE, NULL, "sale", "add", "--customer", "Zoë Müller", "--create", "--amount", "1.234,56",
       "--date", "05.03.2024", NULL);
  g_assert_cmpint (r->status, ==, 0);
}

static void
test_catalogues_built (void)
{
  const char *langs[] = { "de", "es" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *mo = g_build_filename (localedir, langs[i], "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);
      g_test_message ("catalogue %s", mo);
      g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  Run r = { 0 };

  if (skip_without_german ())
    return;
  cli (f, &r, DE, NULL, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Aufruf: regulars-cli [--shop DATEI] BEFEHL [OPTIONEN…]\n"));
  g_assert_nonnull (strstr (r.out, "\nBefehle:\n"));
  g_assert_nonnull (strstr (r.out, "  init       Eine Shop-Datei anlegen\n"));
  g_assert_nonnull (strstr (r.out, "  sale       Verkäufe erfassen, auflisten oder löschen\n"));
  g_assert_nonnull (strstr (r.out, "  analyze    Modelle anpassen und jeden Kunden bewerten\n"));
  g_assert_nonnull (strstr (r.out, "  campaign   Kampagnen auflisten und ihre Wirkung messen\n"));
  g_assert_nonnull (strstr (r.out, "Mit “regulars-cli BEFEHL --help” sehen Sie die Optionen "
                                   "eines Befehls."));

  /* the same catalogues, but the C locale: English, so the German came from them */
  cli (f, &r, "C.UTF-8", NULL, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Usage: regulars-cli [--shop FILE] COMMAND [OPTIONS…]\n"));

  /* a subcommand's options come through GOption, in the same domain */
  cli (f, &r, DE, NULL, "sale", "add", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Einen Verkauf oder eine Erstattung erfassen."));
  g_assert_nonnull (strstr (r.out, "Den Betrag als Erstattung erfassen"));
  run_clear (&r);
}

static void
test_amounts (Fixture       *f,
              gconstpointer  data)
{
  Run r = { 0 };

  if (skip_without_german ())
    return;
  make_shop (f, &r);
  cli (f, &r, DE, NULL, "sale", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "ID        Datum       Kunde "));
  g_assert_nonnull (strstr (r.out, " Betrag  Notiz\n"));
  g_assert_nonnull (strstr (r.out, "1.234,56\u00a0€"));

  cli (f, &r, DE, NULL, "customer", "show", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Zoë Müller (#1)\n"));
  g_assert_nonnull (strstr (r.out, "  Käufe:"));
  g_assert_nonnull (strstr (r.out, "  Umsatz gesamt:     1.234,56\u00a0€\n"));

  /* the shop's locale writes the amounts, not the user's: an en_US shop in German */
  cli (f, &r, DE, NULL, "settings", "set", "locale", "en_US", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli (f, &r, DE, NULL, "customer", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Umsatz gesamt"));
  g_assert_nonnull (strstr (r.out, "€1,234.56"));
  run_clear (&r);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  Run r = { 0 };

  if (skip_without_german ())
    return;
  make_shop (f, &r);
  cli (f, &r, DE, NULL, "sale", "add", "--customer", "1", "--amount", "zwölf", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: Betrag “zwölf”: “zwölf” ist kein Betrag\n");
  cli (f, &r, DE, NULL, "sale", "add", "--customer", "1", "--amount", "12,3,4", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: Betrag “12,3,4”: “12,3,4” ist kein Betrag: "
                              "Tausendertrennzeichen müssen jeweils drei Ziffern gruppieren\n");
  cli (f, &r, DE, NULL, "settings", "set", "margin", "viel", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: Einstellung “margin”: “viel” ist keine Zahl und kein "
                              "Prozentwert\n");
  cli (f, &r, DE, NULL, "sale", "add", "--amount", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "regulars-cli: sale add braucht --customer und --amount\n");
  run_clear (&r);
}

static void
test_spanish (Fixture       *f,
              gconstpointer  data)
{
  Run r = { 0 };

  if (skip_without_german ())
    return;
  make_shop (f, &r);
  /* LANGUAGE picks the catalogue (any non-C locale lets gettext read it); es_ES itself is
   * not generated here, and the amounts follow the shop's de_DE anyway */
  cli (f, &r, DE, "es", "sale", "add", "--customer", "1", "--amount", "zwölf", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "regulars-cli: Importe “zwölf”: “zwölf” no es un importe\n");
  cli (f, &r, DE, "es", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Uso: regulars-cli [--shop ARCHIVO] ORDEN [OPCIONES…]\n"));
  g_assert_nonnull (strstr (r.out, "  sale       Registrar, listar o borrar ventas\n"));
  run_clear (&r);
}

static void
test_window_starts (Fixture       *f,
                    gconstpointer  data)
{
  Run r = { 0 };
  const char *argv[] = { gui, "--standalone", "--exit-after-startup", f->shop, NULL };
  g_autofree char *loads = g_build_filename (f->dir, "loads", NULL);

  if (skip_without_german ())
    return;
  make_shop (f, &r);
  g_assert_cmpint (g_mkdir (loads, 0700), ==, 0);
  /* under the tests' G_DEBUG=fatal-warnings: no warning at all while it starts in German, and
   * no GL driver loaded on the way */
  run_with (&r, DE, NULL, FALSE, loads, argv);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Übersicht"));
  reg_test_assert_no_gl_driver_loaded (loads);
  run_clear (&r);
}

/* Started from the build tree as build-aux/run does, with nothing saying where the catalogues
 * are: the window is German all the same. */
static void
test_window_finds_catalogues (Fixture       *f,
                              gconstpointer  data)
{
  Run r = { 0 };
  const char *argv[] = { gui, "--standalone", "--exit-after-startup", f->shop, NULL };
  const char *titles[] = { "Übersicht", "Kunden", "Verkäufe" };

  if (skip_without_german ())
    return;
  make_shop (f, &r);
  run_with (&r, DE, NULL, TRUE, NULL, argv);
  g_assert_cmpint (r.status, ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (strstr (r.out, titles[i]));
  g_assert_null (strstr (r.out, "Overview"));

  /* and regulars-cli as well */
  {
    const char *help[] = { g_getenv ("REG_CLI"), "--help", NULL };

    run_with (&r, DE, NULL, TRUE, NULL, help);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "Aufruf: regulars-cli"));
  }
  run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 3);
  localedir = argv[1];
  gui = argv[2];
  have_de = system_has_german ();

  g_test_add_func ("/i18n/cli/catalogues-built", test_catalogues_built);
  g_test_add ("/i18n/cli/help-de", Fixture, NULL, fixture_setup, test_help, fixture_teardown);
  g_test_add ("/i18n/cli/amounts-de", Fixture, NULL, fixture_setup, test_amounts, fixture_teardown);
  g_test_add ("/i18n/cli/errors-de", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/i18n/cli/errors-es", Fixture, NULL, fixture_setup, test_spanish, fixture_teardown);
  g_test_add ("/i18n/gui/starts-de", Fixture, NULL, fixture_setup, test_window_starts,
              fixture_teardown);
  g_test_add ("/i18n/gui/build-tree-de", Fixture, NULL, fixture_setup,
              test_window_finds_catalogues, fixture_teardown);
  return g_test_run ();
}
