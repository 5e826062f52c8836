/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the export writers: temp file and rename, the numeric locale scope, lxw
 * error mapping, sheet names, Excel number formats and dates, formula-injection guard, the zip
 * level of every workbook. No state; every function may run on any thread.
 */
#define _GNU_SOURCE   /* RTLD_NEXT */
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter/third_party/zip.h>   /* the prototype the definition below must match */

#include "clv-date.h"
#include "reg-export-util.h"
#include "reg-io-error.h"

/**
 * reg_export_file_begin:
 * @file: (out caller-allocates): cleared with reg_export_file_clear()
 * @target: the path the user chose
 *
 * Creates an empty hidden temp file in @target's folder ("." + name + random suffix, mode
 * 0600: the file holds customers' data), so that the final rename stays on one file system.
 *
 * Returns: %FALSE with %REG_IO_ERROR_OPEN when the folder is not writable; then @file holds
 *   nothing and needs no reg_export_file_clear()
 */
gboolean
reg_export_file_begin (RegExportFile *file, const char *target, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmpl = NULL;
  int fd;

  file->target = g_strdup (target);
  file->tmp_path = NULL;
  tmpl = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (target);

      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN,
                   _("Could not create “%s”: %s. Choose a folder you can write to."),
                   display, g_strerror (saved));
      g_clear_pointer (&file->target, g_free);    /* nothing for the caller to clear */
      return FALSE;
    }
  close (fd);
  file->tmp_path = g_steal_pointer (&tmpl);
  return TRUE;
}

/* Renames the temp file over the target. On failure the temp file is removed. */
gboolean
reg_export_file_commit (RegExportFile *file, GError **error)
{
  g_return_val_if_fail (file->tmp_path != NULL, FALSE);

  if (g_rename (file->tmp_path, file->target) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (file->target);

      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_WRITE, _("Could not save “%s”: %s"),
                   display, g_strerror (saved));
      g_unlink (file->tmp_path);
      g_clear_pointer (&file->tmp_path, g_free);
      return FALSE;
    }
  g_clear_pointer (&file->tmp_path, g_free);
  return TRUE;
}

/* Removes the temp file if it was not committed, and frees the paths. */
void
reg_export_file_clear (RegExportFile *file)
{
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->target, g_free);
}

/* Keeps every category of the thread's current locale (translations stay as they are) and
 * swaps LC_NUMERIC for "C". */
void
reg_numeric_scope_enter (RegNumericScope *scope)
{
  locale_t base = duplocale (uselocale ((locale_t) 0));

  scope->c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (scope->c_numeric == (locale_t) 0)
    {
      if (base != (locale_t) 0)
        freelocale (base);
      /* Fall back to the plain C locale for everything rather than write "1234,5". */
      scope->c_numeric = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
    }
  scope->previous = uselocale (scope->c_numeric);
}

void
reg_numeric_scope_leave (RegNumericScope *scope)
{
  uselocale (scope->previous);
  if (scope->c_numeric != (locale_t) 0)
    freelocale (scope->c_numeric);
  scope->c_numeric = (locale_t) 0;
}

/* lxw_error → REG_IO_ERROR_WRITE, naming what was being written. */
gboolean
reg_lxw_ok (lxw_error rc, const char *what, GError **error)
{
  if (rc == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_WRITE, _("Could not write %s: %s"), what,
               lxw_strerror (rc));
  return FALSE;
}

/**
 * reg_excel_sheet_name:
 * @wanted: the name the sheet should have (a tier's display name, a translated title)
 * @used: names handed out so far (owned strings); the result is added to it
 *
 * Makes a name Excel accepts: no []:*?/\ (replaced by "-"), no apostrophe (replaced by ’, so
 * that chart references never need escaping), at most 31 characters, not "History", not empty,
 * unique ignoring case (" (2)", " (3)" appended).
 *
 * Returns: (transfer full): the name to pass to workbook_add_worksheet()
 */
char *
reg_excel_sheet_name (const char *wanted, GPtrArray *used)
{
  g_autofree char *valid = g_utf8_make_valid (wanted != NULL ? wanted : "", -1);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *name = NULL;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("[]:*?/\\", (int) c) != NULL)
        g_string_append_c (s, c < 0x20 ? ' ' : '-');
      else if (c == '\'')
        g_string_append (s, "\xe2\x80\x99");
      else
        g_string_append_unichar (s, c);
    }
  g_strstrip (s->str);
  if (s->str[0] == '\0' || g_ascii_strcasecmp (s->str, "History") == 0)
    {
      g_string_assign (s, _("Sheet"));
    }
  base = g_utf8_substring (s->str, 0, MIN (g_utf8_strlen (s->str, -1), LXW_SHEETNAME_MAX));

  for (guint n = 1; name == NULL; n++)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *folded = NULL;
      gboolean clash = FALSE;

      if (n == 1)
        candidate = g_strdup (base);
      else
        {
          g_autofree char *suffix = g_strdup_printf (" (%u)", n);
          glong keep = LXW_SHEETNAME_MAX - (glong) strlen (suffix);
          g_autofree char *head = g_utf8_substring (base, 0, MIN (g_utf8_strlen (base, -1), keep));

          candidate = g_strconcat (head, suffix, NULL);
        }
      folded = g_utf8_casefold (candidate, -1);
      for (guint i = 0; i < used->len && !clash; i++)
        {
          g_autofree char *other = g_utf8_casefold (g_ptr_array_index (used, i), -1);
          clash = g_str_equal (folded, other);
        }
      if (!clash)
        name = g_steal_pointer (&candidate);
    }
  g_ptr_array_add (used, g_strdup (name));
  return name;
}

/* "\"€\"#,##0.00" or "#,##0.00\\ \"€\"" (symbol after the number in de_DE, fr_FR, …), with the
 * currency's own number of decimals; negative amounts get a minus sign before everything. */
char *
reg_excel_currency_format (const ClvMoneyFormat *money)
{
  g_autofree char *number = NULL;
  g_autofree char *positive = NULL;
  g_autoptr(GString) sym = g_string_new (NULL);
  guint exponent = money->currency->exponent;

  /* inside a quoted literal only the double quote itself would need care */
  for (const char *p = money->currency->symbol; *p != '\0'; p++)
    if (*p != '"')
      g_string_append_c (sym, *p);

  if (exponent == 0)
    number = g_strdup ("#,##0");
  else
    {
      g_autofree char *zeros = g_strnfill (MIN (exponent, 10), '0');
      number = g_strdup_printf ("#,##0.%s", zeros);
    }
  if (money->locale->symbol_after)
    positive = g_strdup_printf ("%s\\ \"%s\"", number, sym->str);
  else
    positive = g_strdup_printf ("\"%s\"%s", sym->str, number);
  return g_strdup_printf ("%s;-%s", positive, positive);
}

/* Excel's serial day number (1900 date system): days since 1899-12-30. */
double
reg_excel_date_serial (gint32 julian_day)
{
  const gint32 epoch = 693594;   /* clv_date_from_ymd (1899, 12, 30) */

  return (double) (julian_day - epoch);
}

double
reg_minor_to_major (gint64 minor, guint exponent)
{
  double div = 1;

  for (guint i = 0; i < exponent; i++)
    div *= 10;
  return (double) minor / div;
}

/* TRUE when a spreadsheet would read @text as a formula: it starts with = + - @, a tab, a
 * carriage return or a line feed (OWASP CSV injection; FORMATS.md section 3). */
gboolean
reg_text_needs_guard (const char *text)
{
  return text != NULL && text[0] != '\0' && strchr ("=+-@\t\r\n", text[0]) != NULL;
}

/* @text made inert for a spreadsheet: a leading "'" when reg_text_needs_guard(), and valid
 * UTF-8 in any case. */
char *
reg_text_guarded (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  if (reg_text_needs_guard (valid))
    return g_strconcat ("'", valid, NULL);
  return g_steal_pointer (&valid);
}

/* Text safe for a workbook cell: valid UTF-8 and no control characters other than tab and line
 * feed (XML 1.0 cannot hold them, and a carriage return would not survive the parser). */
char *
reg_text_clean (const char *text)
{
  char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n')
      *p = ' ';
  return valid;
}

/* ---- the zip level of every workbook -------------------------------------------------------
 *
 * libxlsxwriter 1.1.4 (Debian 12) deflates every part of a workbook at zlib's default level and
 * has no option for another. On a large shop that compression is about half the time of the
 * whole report (the sheets' XML is about 7 times the size of the file). The fastest level takes
 * about a third of the report's CPU time off for a file about a quarter larger (100,000
 * customers: 2.6 s and 12.4 MB at the default level, 1.75 s and 16.0 MB at level 1); the sheets
 * inside are byte for byte the same.
 *
 * So the call libxlsxwriter makes to minizip for each part stops here first and asks for the
 * fastest level. This definition is found before minizip's own because the program links
 * libxlsxwriter, which calls it, by name: the dynamic linker then exports it from the program
 * and searches the program first. Only libxlsxwriter uses minizip in Regulars. */

typedef int (*ZipOpenNewFile) (zipFile, const char *, const zip_fileinfo *, const void *, uInt,
                               const void *, uInt, const char *, int, int, int, int, int, int,
                               const char *, uLong, uLong, uLong, int);

int ZEXPORT
zipOpenNewFileInZip4_64 (zipFile file, const char *filename, const zip_fileinfo *zipfi,
                         const void *extrafield_local, uInt size_extrafield_local,
                         const void *extrafield_global, uInt size_extrafield_global,
                         const char *comment, int method, int level, int raw, int windowBits,
                         int memLevel, int strategy, const char *password, uLong crcForCrypting,
                         uLong versionMadeBy, uLong flagBase, int zip64)
{
  static ZipOpenNewFile minizip_open;
  static gsize resolved;

  if (g_once_init_enter (&resolved))
    {
      minizip_open = (ZipOpenNewFile) dlsym (RTLD_NEXT, "zipOpenNewFileInZip4_64");
      g_once_init_leave (&resolved, 1);
    }
  if (minizip_open == NULL)
    return ZIP_INTERNALERROR;
  if (method == Z_DEFLATED && level != 0)
    level = REG_WORKBOOK_ZIP_LEVEL;
  return minizip_open (file, filename, zipfi, extrafield_local, size_extrafield_local,
                       extrafield_global, size_extrafield_global, comment, method, level, raw,
                       windowBits, memLevel, strategy, password, crcForCrypting, versionMadeBy,
                       flagBase, zip64);
}
