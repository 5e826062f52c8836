/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the writers in app/io (private to app/io): temp file beside the target and
 * rename on success, a "C" LC_NUMERIC scope for libxlsxwriter, lxw_error → REG_IO_ERROR, Excel
 * sheet names, number formats and dates, and the formula-injection guard for text cells.
 * Everything is safe to call from a worker thread; the locale scope is per thread.
 */
#pragma once

#include <glib.h>
#include <locale.h>
#include <xlsxwriter.h>

#include "clv-money.h"

G_BEGIN_DECLS

/* zlib's level for the parts of every workbook written (reg-export-util.c says why): the fastest */
#define REG_WORKBOOK_ZIP_LEVEL 1

/* A file created beside the target, renamed over it by reg_export_file_commit(). */
typedef struct
{
  char *target;                 /* (owned) */
  char *tmp_path;               /* (owned) (nullable) NULL once committed or discarded */
} RegExportFile;

gboolean  reg_export_file_begin          (RegExportFile *file,
                                          const char    *target,
                                          GError       **error);
gboolean  reg_export_file_commit         (RegExportFile *file,
                                          GError       **error);
void      reg_export_file_clear          (RegExportFile *file);

/* Thread-local "C" LC_NUMERIC while a workbook is written: libxlsxwriter prints doubles with
 * the current locale, and under de_DE 1234.5 would become "1234,5". */
typedef struct
{
  locale_t c_numeric;
  locale_t previous;
} RegNumericScope;

void      reg_numeric_scope_enter        (RegNumericScope *scope);
void      reg_numeric_scope_leave        (RegNumericScope *scope);

gboolean  reg_lxw_ok                     (lxw_error   rc,
                                          const char *what,
                                          GError    **error);

char     *reg_excel_sheet_name           (const char *wanted,
                                          GPtrArray  *used);
char     *reg_excel_currency_format      (const ClvMoneyFormat *money);
double    reg_excel_date_serial          (gint32 julian_day);
double    reg_minor_to_major             (gint64 minor,
                                          guint  exponent);

gboolean  reg_text_needs_guard           (const char *text);
char     *reg_text_guarded               (const char *text);
char     *reg_text_clean                 (const char *text);

G_END_DECLS
