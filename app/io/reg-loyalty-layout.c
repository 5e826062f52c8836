/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loyalty target list pages: title block, a table (name, contact, last visit, visits, value,
 * reason) whose header repeats on every page, "Page N of M" footers. reg_loyalty_layout_new()
 * measures every row once (names wrap to two lines, reasons to three, then ellipsize) and splits
 * rows into pages; draw_page() only draws. Units are PDF points (1/72 in) on any cairo context.
 * reg_loyalty_write_pdf() writes a temp file beside the target and renames it on success.
 */
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "clv-date.h"
#include "reg-export-util.h"
#include "reg-io-error.h"
#include "reg-loyalty-layout.h"

#define MARGIN_X       42.0     /* ≈ 15 mm */
#define MARGIN_TOP     42.0
#define MARGIN_BOTTOM  40.0
#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.5
#define BLOCK_GAP      12.0

enum
{
  COL_NAME,
  COL_CONTACT,
  COL_LAST_VISIT,
  COL_VISITS,
  COL_VALUE,
  COL_REASON,
  N_COLS
};

/* Share of the table width, and how many lines a cell may take before it is ellipsized. */
static const struct
{
  double   share;
  int      max_lines;
  gboolean right;
} cols[N_COLS] = {
  [COL_NAME] = { 0.15, 2, FALSE },
  [COL_CONTACT] = { 0.31, 1, FALSE },   /* per line: an address or a number is never broken */
  [COL_LAST_VISIT] = { 0.13, 1, FALSE },
  [COL_VISITS] = { 0.07, 1, TRUE },
  [COL_VALUE] = { 0.12, 1, TRUE },
  [COL_REASON] = { 0.22, 3, FALSE },
};

struct _RegLoyaltyLayout
{
  const RegLoyaltyList *list;           /* borrowed: outlives the layout */
  double                page_w, page_h;
  double                left, width, top, bottom;
  double                col_x[N_COLS + 1];

  PangoContext         *context;        /* (owned) 72 dpi, unhinted */
  PangoLayout          *cell[N_COLS];   /* (owned) reused for every row */
  PangoLayout          *head[N_COLS];   /* (owned) column headers */
  PangoLayout          *title;          /* (owned) */
  PangoLayout          *subtitle;       /* (owned) */
  PangoLayout          *rule;           /* (owned) */
  PangoLayout          *running;        /* (owned) header of pages 2… */
  PangoLayout          *footer;         /* (owned) left part of the footer */
  PangoLayout          *page_no;        /* (owned) "Page 2 of 5" */
  PangoLayout          *empty;          /* (owned) shown when no customer matches */

  double                first_block_h;  /* title block on page 1, gap included */
  double                running_h;      /* running header on later pages, gap included */
  double                head_h;         /* table header row */
  double                footer_h;       /* footer, gap included */
  GArray               *row_h;          /* (owned) double per entry */
  GArray               *page_first;     /* (owned) guint: first entry of each page */
};

/* ---- the list ----------------------------------------------------------------------------- */

static void
clear_entry (gpointer p)
{
  RegLoyaltyEntry *e = p;

  g_clear_pointer (&e->name, g_free);
  g_clear_pointer (&e->email, g_free);
  g_clear_pointer (&e->phone, g_free);
  g_clear_pointer (&e->reason, g_free);
}

/**
 * reg_loyalty_list_new:
 * @title: what the list is, "Regulars slipping away"
 * @rule: (nullable): the selection in words
 * @value_label: (nullable): header of the value column; %NULL = "Value"
 * @report_day: Julian day
 * @locale_id: the shop's locale ("de_DE"): how dates and amounts are written
 * @currency_code: ISO 4217
 *
 * Returns: (transfer full): an empty list; free with reg_loyalty_list_free()
 */
RegLoyaltyList *
reg_loyalty_list_new (const char *title,
                      const char *shop_name,
                      const char *rule,
                      const char *value_label,
                      gint32      report_day,
                      const char *locale_id,
                      const char *currency_code)
{
  RegLoyaltyList *list = g_new0 (RegLoyaltyList, 1);

  list->title = g_strdup (title != NULL ? title : "");
  list->shop_name = g_strdup (shop_name != NULL ? shop_name : "");
  list->rule = g_strdup (rule);
  list->value_label = g_strdup (value_label);
  list->report_day = report_day;
  list->locale_id = g_strdup (locale_id != NULL ? locale_id : "en_US");
  clv_money_format_init (&list->money, list->locale_id, currency_code);
  list->entries = g_array_new (FALSE, TRUE, sizeof (RegLoyaltyEntry));
  g_array_set_clear_func (list->entries, clear_entry);
  return list;
}

/* Appends a customer; the strings are copied. */
void
reg_loyalty_list_add (RegLoyaltyList *list,
                      const char     *name,
                      const char     *email,
                      const char     *phone,
                      gint32          last_visit_day,
                      guint           visits,
                      gint64          value,
                      const char     *reason)
{
  RegLoyaltyEntry e = {
    g_strdup (name != NULL ? name : ""), g_strdup (email), g_strdup (phone), last_visit_day,
    visits, value, g_strdup (reason),
  };

  g_array_append_val (list->entries, e);
}

void
reg_loyalty_list_free (RegLoyaltyList *list)
{
  if (list == NULL)
    return;
  g_free (list->title);
  g_free (list->shop_name);
  g_free (list->rule);
  g_free (list->value_label);
  g_free (list->locale_id);
  g_array_unref (list->entries);
  g_free (list);
}

void
reg_paper_size_get_points (RegPaperSize paper, double *width_pt, double *height_pt)
{
  if (paper == REG_PAPER_LETTER)
    {
      *width_pt = 612.0;
      *height_pt = 792.0;
    }
  else
    {
      *width_pt = 210.0 / 25.4 * 72.0;
      *height_pt = 297.0 / 25.4 * 72.0;
    }
}

/* ---- layout helpers ----------------------------------------------------------------------- */

static PangoLayout *
new_text (RegLoyaltyLayout *self, const char *font, double width, int max_lines,
          PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* staff copy from paper: lines break between words only and no hyphen is ever added inside
   * a name, an address or a number; what does not fit ends in an ellipsis */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (max_lines, 1));   /* negative: at most that many lines */
  pango_layout_set_alignment (layout, align);
  return layout;
}

static double
text_height (PangoLayout *layout)
{
  int h = 0;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* Sets @layout's text, made valid UTF-8 with control characters as spaces (a stray CR in a
 * name would otherwise break the line), and a percentage kept on one line with its number
 * ("50 %" never breaks before the sign). */
static void
set_text (PangoLayout *layout, const char *text)
{
  g_autofree char *clean = reg_text_clean (text);
  g_autoptr(GString) glued = NULL;

  for (char *p = clean; *p != '\0'; p++)
    if (*p == '\t')
      *p = ' ';
  glued = g_string_new (clean);
  g_string_replace (glued, " %", "\u00a0%", 0);
  pango_layout_set_text (layout, glued->str, -1);
}

static char *
format_day (const RegLoyaltyList *list, gint32 day)
{
  const ClvLocale *loc = list->money.locale;

  if (day <= 0)
    return g_strdup ("—");
  return clv_date_format_locale (day, loc->date_order, loc->date_separator);
}

static void
set_cell_texts (RegLoyaltyLayout *self, const RegLoyaltyEntry *e)
{
  g_autofree char *last = format_day (self->list, e->last_visit_day);
  g_autofree char *visits = g_strdup_printf ("%u", e->visits);
  g_autofree char *value = clv_money_format (e->value, &self->list->money);
  gboolean has_email = e->email != NULL && e->email[0] != '\0';
  gboolean has_phone = e->phone != NULL && e->phone[0] != '\0';

  set_text (self->cell[COL_NAME], e->name);
  /* the line break between email and phone is wanted: added after cleaning */
  {
    g_autofree char *email = reg_text_clean (has_email ? e->email : "");
    g_autofree char *phone = reg_text_clean (has_phone ? e->phone : "");
    g_autofree char *both = has_email && has_phone ? g_strconcat (email, "\n", phone, NULL)
                                                   : g_strdup (has_email ? email
                                                                         : has_phone ? phone
                                                                                     : "—");
    pango_layout_set_text (self->cell[COL_CONTACT], both, -1);
  }
  set_text (self->cell[COL_LAST_VISIT], last);
  set_text (self->cell[COL_VISITS], visits);
  set_text (self->cell[COL_VALUE], value);
  set_text (self->cell[COL_REASON], e->reason != NULL ? e->reason : "");
}

static double
measure_row (RegLoyaltyLayout *self)
{
  double h = 0;

  for (guint c = 0; c < N_COLS; c++)
    h = MAX (h, text_height (self->cell[c]));
  return h + 2 * CELL_PAD_Y;
}

static void
paginate (RegLoyaltyLayout *self)
{
  const GArray *entries = self->list->entries;
  double avail_first = self->bottom - self->top - self->first_block_h - self->head_h -
                       self->footer_h;
  double avail_next = self->bottom - self->top - self->running_h - self->head_h - self->footer_h;
  double avail = avail_first, y = 0;
  guint zero = 0;

  g_array_append_val (self->page_first, zero);
  for (guint i = 0; i < entries->len; i++)
    {
      double h;

      set_cell_texts (self, &g_array_index (entries, RegLoyaltyEntry, i));
      h = measure_row (self);
      g_array_append_val (self->row_h, h);
      if (y > 0 && y + h > avail)
        {
          g_array_append_val (self->page_first, i);
          y = 0;
          avail = avail_next;
        }
      y += h;
    }
}

/* ---- public API --------------------------------------------------------------------------- */

/**
 * reg_loyalty_layout_new:
 * @list: the list; it must stay alive and unchanged while the layout is used
 * @page_width_pt: page width in points (595.28 for A4 portrait)
 * @page_height_pt: page height in points
 *
 * Lays the list out on pages of the given size: measures every row and decides the page breaks.
 *
 * Returns: (transfer full): free with reg_loyalty_layout_free()
 */
RegLoyaltyLayout *
reg_loyalty_layout_new (const RegLoyaltyList *list, double page_width_pt, double page_height_pt)
{
  RegLoyaltyLayout *self;
  cairo_font_options_t *options;
  const char *headers[N_COLS];
  g_autofree char *day = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *running = NULL;
  double x;

  g_return_val_if_fail (list != NULL, NULL);

  headers[COL_NAME] = _("Name");
  headers[COL_CONTACT] = _("Contact");
  headers[COL_LAST_VISIT] = _("Last visit");
  headers[COL_VISITS] = _("Visits");
  headers[COL_VALUE] = list->value_label != NULL && list->value_label[0] != '\0'
                         ? list->value_label : _("Value");
  headers[COL_REASON] = _("Why on the list");
  day = format_day (list, list->report_day);

  self = g_new0 (RegLoyaltyLayout, 1);
  options = cairo_font_options_create ();
  self->list = list;
  self->page_w = page_width_pt;
  self->page_h = page_height_pt;
  self->left = MARGIN_X;
  self->width = MAX (page_width_pt - 2 * MARGIN_X, 72.0);
  self->top = MARGIN_TOP;
  self->bottom = MAX (page_height_pt - MARGIN_BOTTOM, MARGIN_TOP + 144.0);
  self->row_h = g_array_new (FALSE, FALSE, sizeof (double));
  self->page_first = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Metrics independent of the surface: points, no hinting, unrounded glyph positions. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  x = self->left;
  for (guint c = 0; c < N_COLS; c++)
    {
      double w = self->width * cols[c].share;
      PangoAlignment align = cols[c].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

      self->col_x[c] = x;
      self->cell[c] = new_text (self, "Sans 9", w - 2 * CELL_PAD_X, cols[c].max_lines, align);
      self->head[c] = new_text (self, "Sans Bold 8.5", w - 2 * CELL_PAD_X, 2, align);
      set_text (self->head[c], headers[c]);
      self->head_h = MAX (self->head_h, text_height (self->head[c]) + 2 * CELL_PAD_Y);
      x += w;
    }
  self->col_x[N_COLS] = x;

  self->title = new_text (self, "Sans Bold 18", self->width, 2, PANGO_ALIGN_LEFT);
  set_text (self->title, list->title);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · as of %s · %u customer",
                                           "%s · as of %s · %u customers", list->entries->len),
                              list->shop_name, day, list->entries->len);
  self->subtitle = new_text (self, "Sans 10", self->width, 1, PANGO_ALIGN_LEFT);
  set_text (self->subtitle, subtitle);
  self->rule = new_text (self, "Sans Italic 10", self->width, 4, PANGO_ALIGN_LEFT);
  set_text (self->rule, list->rule != NULL ? list->rule : "");
  self->first_block_h = text_height (self->title) + 4 + text_height (self->subtitle) +
                        (list->rule != NULL && list->rule[0] != '\0'
                           ? 4 + text_height (self->rule) : 0) + BLOCK_GAP;

  running = list->shop_name[0] != '\0' ? g_strdup_printf ("%s — %s", list->title, list->shop_name)
                                       : g_strdup (list->title);
  self->running = new_text (self, "Sans 8", self->width, 1, PANGO_ALIGN_LEFT);
  set_text (self->running, running);
  self->running_h = text_height (self->running) + 8;
  self->footer = new_text (self, "Sans 8", self->width * 0.7, 1, PANGO_ALIGN_LEFT);
  set_text (self->footer, running);
  self->page_no = new_text (self, "Sans 8", self->width * 0.3, 1, PANGO_ALIGN_RIGHT);
  set_text (self->page_no, "Page 1 of 1");
  self->footer_h = text_height (self->page_no) + 8;
  self->empty = new_text (self, "Sans Italic 10", self->width, 2, PANGO_ALIGN_LEFT);
  set_text (self->empty, _("No customer matches this selection."));

  paginate (self);
  return self;
}

void
reg_loyalty_layout_free (RegLoyaltyLayout *self)
{
  if (self == NULL)
    return;
  for (guint c = 0; c < N_COLS; c++)
    {
      g_clear_object (&self->cell[c]);
      g_clear_object (&self->head[c]);
    }
  g_clear_object (&self->title);
  g_clear_object (&self->subtitle);
  g_clear_object (&self->rule);
  g_clear_object (&self->running);
  g_clear_object (&self->footer);
  g_clear_object (&self->page_no);
  g_clear_object (&self->empty);
  g_clear_object (&self->context);
  g_array_unref (self->row_h);
  g_array_unref (self->page_first);
  g_free (self);
}

/* At least 1, also for an empty list (the page says so). */
guint
reg_loyalty_layout_get_n_pages (RegLoyaltyLayout *self)
{
  return self->page_first->len;
}

/* Which entries of the list @page shows: [@first_entry, @first_entry + @n_entries). */
void
reg_loyalty_layout_get_page_rows (RegLoyaltyLayout *self,
                                  guint             page,
                                  guint            *first_entry,
                                  guint            *n_entries)
{
  guint n_pages = self->page_first->len;
  guint first, end;

  g_return_if_fail (page < n_pages);
  first = g_array_index (self->page_first, guint, page);
  end = page + 1 < n_pages ? g_array_index (self->page_first, guint, page + 1)
                           : self->list->entries->len;
  if (first_entry != NULL)
    *first_entry = first;
  if (n_entries != NULL)
    *n_entries = end - first;
}

static void
show (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hline (cairo_t *cr, double x0, double x1, double y, double width, double grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

/**
 * reg_loyalty_layout_draw_page:
 * @cr: any cairo context whose user unit is the point, origin at the page's top left (a PDF
 *   surface, or GtkPrintContext's with GTK_UNIT_POINTS and use_full_page)
 * @page: 0-based, below reg_loyalty_layout_get_n_pages()
 *
 * Draws one page. The cairo state is restored afterwards.
 */
void
reg_loyalty_layout_draw_page (RegLoyaltyLayout *self, cairo_t *cr, guint page)
{
  const GArray *entries = self->list->entries;
  guint n_pages = reg_loyalty_layout_get_n_pages (self);
  guint first, n;
  double y = self->top, right = self->left + self->width;
  g_autofree char *page_text = NULL;

  g_return_if_fail (page < n_pages);
  reg_loyalty_layout_get_page_rows (self, page, &first, &n);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (page == 0)
    {
      show (cr, self->title, self->left, y);
      y += text_height (self->title) + 4;
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      show (cr, self->subtitle, self->left, y);
      y += text_height (self->subtitle);
      if (self->list->rule != NULL && self->list->rule[0] != '\0')
        {
          y += 4;
          show (cr, self->rule, self->left, y);
        }
      y = self->top + self->first_block_h;
    }
  else
    {
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      show (cr, self->running, self->left, y);
      y += self->running_h;
    }

  /* column headers, on every page */
  cairo_set_source_rgb (cr, 0.88, 0.91, 0.95);
  cairo_rectangle (cr, self->left, y, self->width, self->head_h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.07, 0.2, 0.35);
  for (guint c = 0; c < N_COLS; c++)
    show (cr, self->head[c], self->col_x[c] + CELL_PAD_X, y + CELL_PAD_Y);
  y += self->head_h;
  hline (cr, self->left, right, y, 0.8, 0.3);

  if (entries->len == 0)
    {
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      show (cr, self->empty, self->left + CELL_PAD_X, y + 2 * CELL_PAD_Y);
    }
  for (guint i = first; i < first + n; i++)
    {
      double h = g_array_index (self->row_h, double, i);

      if ((i - first) % 2 == 1)
        {
          cairo_set_source_rgb (cr, 0.96, 0.965, 0.975);
          cairo_rectangle (cr, self->left, y, self->width, h);
          cairo_fill (cr);
        }
      set_cell_texts (self, &g_array_index (entries, RegLoyaltyEntry, i));
      cairo_set_source_rgb (cr, 0, 0, 0);
      for (guint c = 0; c < N_COLS; c++)
        show (cr, self->cell[c], self->col_x[c] + CELL_PAD_X, y + CELL_PAD_Y);
      y += h;
      hline (cr, self->left, right, y, 0.3, 0.8);
    }

  /* footer: list and shop on the left, page number on the right */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  set_text (self->page_no, page_text);
  y = self->bottom - text_height (self->page_no);
  hline (cr, self->left, right, y - 4, 0.3, 0.6);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show (cr, self->footer, self->left, y);
  show (cr, self->page_no, right - self->width * 0.3, y);

  cairo_restore (cr);
}

/**
 * reg_loyalty_write_pdf:
 * @path: the .pdf file (replaced if it exists)
 * @paper: A4 or US Letter, portrait
 * @cancellable: (nullable): checked before every page
 * @error: %REG_IO_ERROR_OPEN, %REG_IO_ERROR_WRITE or %G_IO_ERROR_CANCELLED
 *
 * Writes the list as a PDF without any display. Nothing is left at @path unless this returns
 * %TRUE.
 */
gboolean
reg_loyalty_write_pdf (const char           *path,
                       const RegLoyaltyList *list,
                       RegPaperSize          paper,
                       GCancellable         *cancellable,
                       GError              **error)
{
  RegExportFile file = { 0 };
  g_autoptr(RegLoyaltyLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL && list != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!reg_export_file_begin (&file, path, error))
    return FALSE;

  reg_paper_size_get_points (paper, &w, &h);
  layout = reg_loyalty_layout_new (list, w, h);
  surface = cairo_pdf_surface_create (file.tmp_path, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, list->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Regulars");
  cr = cairo_create (surface);
  for (guint page = 0; page < reg_loyalty_layout_get_n_pages (layout) && ok; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        {
          reg_loyalty_layout_draw_page (layout, cr, page);
          cairo_show_page (cr);
        }
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_WRITE, _("Could not write “%s”: %s"),
                   display, cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok)
    ok = reg_export_file_commit (&file, error);
  reg_export_file_clear (&file);
  return ok;
}
