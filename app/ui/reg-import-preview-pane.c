/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first rows of the file as the import will read them: sales, refunds, skipped rows and
 * survey answers, with rejected rows and their reason in file order, and a line that says
 * what is being read (or why it cannot be). Shown under the wizard's detected and columns
 * pages; filled again after every choice.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-preset.h"
#include "reg-import-preview-pane.h"
#include "reg-import-words.h"

struct _RegImportPreviewPane
{
  GtkBox             parent_instance;

  GtkLabel          *preview_status;
  GtkWidget         *preview_scroller;
  GtkGrid           *preview_grid;
};

G_DEFINE_FINAL_TYPE (RegImportPreviewPane, reg_import_preview_pane, GTK_TYPE_BOX)

/* What a sale row is drawn with. */
typedef struct
{
  RegShop        *shop;
  ClvMoneyFormat  fmt;
} SaleDraw;

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static int
by_line (gconstpointer a,
         gconstpointer b)
{
  guint la = *(const guint *) *(gconstpointer const *) a;
  guint lb = *(const guint *) *(gconstpointer const *) b;

  return la < lb ? -1 : la > lb;
}

/* The status line above a preview: reading, the reader's problem (no rows shown), or ready.
 * TRUE when the rows are to be drawn. */
static gboolean
preview_status_ready (RegImportPreviewPane *self,
                      gboolean         have_preview,
                      const char      *problem)
{
  if (!have_preview)
    {
      gtk_label_set_text (self->preview_status, _("Reading the first rows…"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_status), "error");
      return FALSE;
    }
  if (problem != NULL)
    {
      gtk_label_set_text (self->preview_status, problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_status), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_status), "dim-label");
      gtk_widget_set_visible (self->preview_scroller, FALSE);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_status), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_status), "dim-label");
  gtk_widget_set_visible (self->preview_scroller, TRUE);
  return TRUE;
}

/* Draws one row that was read (not rejected) into line @y of the preview grid, from column 1. */
typedef void (*PreviewRowFunc) (RegImportPreviewPane *self,
                                gconstpointer    row,
                                int              y,
                                gpointer         data);

/* The preview grid: headings, then the rows read and the rows rejected (each starts with its
 * line number) in file order; a rejection's reason spans the columns after the line. */
static void
fill_preview_grid (RegImportPreviewPane *self,
                   const char *const *headers,
                   guint              n_headers,
                   GPtrArray         *rows,
                   GPtrArray         *issues,
                   PreviewRowFunc     draw_row,
                   gpointer           data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  int y = 1;

  for (guint c = 0; c < n_headers; c++)
    gtk_grid_attach (self->preview_grid, cell (_(headers[c]), "heading"), (int) c, 0, 1, 1);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, g_ptr_array_index (rows, i));
  for (guint i = 0; i < issues->len; i++)
    g_ptr_array_add (items, g_ptr_array_index (issues, i));
  g_ptr_array_sort (items, by_line);

  for (guint i = 0; i < items->len; i++, y++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gboolean is_issue = FALSE;
      g_autofree char *line = NULL;

      for (guint k = 0; k < issues->len && !is_issue; k++)
        is_issue = g_ptr_array_index (issues, k) == item;
      line = g_strdup_printf ("%u", *(const guint *) item);
      gtk_grid_attach (self->preview_grid, cell (line, "dim-label"), 0, y, 1, 1);
      if (is_issue)
        {
          const RegImportIssue *issue = item;
          GtkWidget *reason = cell (issue->reason, "error");

          gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_NONE);
          gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (reason), 80);
          gtk_grid_attach (self->preview_grid, reason, 1, y, (int) n_headers - 1, 1);
        }
      else
        draw_row (self, item, y, data);
    }
}

static void
draw_sale_row (RegImportPreviewPane *self,
               gconstpointer    item,
               int              y,
               gpointer         data)
{
  const RegImportRow *row = item;
  const SaleDraw *draw = data;
  const ClvMoneyFormat *fmt = &draw->fmt;
  g_autofree char *date = reg_shop_format_date (draw->shop, row->day);
  g_autofree char *amount = row->kind == REG_ROW_SKIPPED && row->amount == 0
                            ? g_strdup ("") : reg_shop_format_amount (draw->shop, row->amount);
  const char *what = row->kind == REG_ROW_SALE ? _("Sale")
                     : row->kind == REG_ROW_REFUND ? _("Refund")
                     : row->skip_reason != NULL ? row->skip_reason : _("Skipped");
  const char *ref = row->external_id != NULL ? row->external_id
                    : row->reference != NULL ? row->reference : row->note;
  /* a file that names the customer only by a number says so (the column is narrow: the
   * number in the tooltip); an anonymous sale has a dash */
  const char *customer_number = row->customer_ref != NULL ? row->customer_ref : row->iban;
  gboolean named = (row->name != NULL && *row->name != '\0') || (row->email != NULL && *row->email != '\0');
  g_autofree char *customer = named ? reg_import_payer_label (row->name, row->email, NULL)
                              : g_strdup (customer_number != NULL ? _("No name in the file") : "—");
  GtkWidget *customer_cell = cell (customer, named ? NULL : "dim-label");
  GtkWidget *amount_cell;
  gboolean other_currency = FALSE;

  if (row->currency != NULL && g_ascii_strcasecmp (row->currency, fmt->currency->code) != 0)
    {
      /* another currency: the amount as written, and a mark that it stays out */
      g_autofree char *number = clv_money_format_number (row->amount, fmt->currency->exponent);

      g_free (amount);
      amount = g_strdup_printf ("%s %s", number, row->currency);
      other_currency = TRUE;
    }
  amount_cell = cell (amount, "numeric");
  if (other_currency)
    {
      g_autofree char *tip = g_strdup_printf (_("Not in the shop’s currency (%s): this row will not be imported"),
                                              fmt->currency->code);
      gtk_widget_add_css_class (amount_cell, "warning");
      gtk_widget_set_tooltip_text (amount_cell, tip);
    }
  gtk_label_set_xalign (GTK_LABEL (amount_cell), 1);
  gtk_grid_attach (self->preview_grid, cell (date, NULL), 1, y, 1, 1);
  if (!named && customer_number != NULL)
    {
      /* Translators: the tooltip of a customer the file has no name for */
      g_autofree char *tip = g_strdup_printf (_("The file names this customer only by the number %s"), customer_number);
      gtk_widget_set_tooltip_text (customer_cell, tip);
    }
  gtk_grid_attach (self->preview_grid, customer_cell, 2, y, 1, 1);
  gtk_grid_attach (self->preview_grid, amount_cell, 3, y, 1, 1);
  gtk_grid_attach (self->preview_grid,
                   cell (what, row->kind == REG_ROW_SKIPPED ? "dim-label" : NULL), 4, y, 1, 1);
  gtk_grid_attach (self->preview_grid, cell (ref != NULL ? ref : "", "dim-label"), 5, y, 1, 1);
}

/* The first rows as the reader yields them: sales, refunds, skipped rows, and rejected rows
 * with their reason, in file order. */
void
reg_import_preview_pane_show_sales (RegImportPreviewPane   *self,
                                    RegShop                *shop,
                                    const RegImportPreview *p)
{
  static const char *headers[] = { N_("Line"), N_("Date"), N_("Customer"), N_("Amount"), N_("What"),
                                   N_("Order or reference") };
  g_autofree char *status = NULL;
  SaleDraw draw = { shop };

  g_return_if_fail (REG_IS_IMPORT_PREVIEW_PANE (self));

  reg_shop_get_money_format (shop, &draw.fmt);
  clear_grid (self->preview_grid);
  if (!preview_status_ready (self, p != NULL, p != NULL ? p->problem : NULL))
    return;

  {
    const RegImportPreset *preset = reg_import_preset_lookup (p->preset);
    guint n = p->rows->len + p->issues->len;

    if (preset != NULL)
      /* Translators: %s is a kind of export such as "Shopify orders" */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Read with the rules for %s. The first row:",
                                             "Read with the rules for %s. The first %u rows:", n),
                                _(preset->display_name), n);
    else
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first row:", "The first %u rows:", n), n);
    if (n == 0)
      {
        g_free (status);
        status = g_strdup (_("The file has no rows to import."));
      }
    gtk_label_set_text (self->preview_status, status);
  }

  fill_preview_grid (self, headers, G_N_ELEMENTS (headers), p->rows, p->issues, draw_sale_row,
                     &draw);
}

static void
draw_answer_row (RegImportPreviewPane *self,
                 gconstpointer    item,
                 int              y,
                 gpointer         data)
{
  const RegFeedbackRow *row = item;
  g_autofree char *date = reg_shop_format_date (data, row->day);
  g_autofree char *score = g_strdup_printf ("%d", row->score);
  GtkWidget *score_cell = cell (score, "numeric");

  gtk_label_set_xalign (GTK_LABEL (score_cell), 1);
  gtk_grid_attach (self->preview_grid, cell (date, NULL), 1, y, 1, 1);
  gtk_grid_attach (self->preview_grid, cell (row->email, NULL), 2, y, 1, 1);
  gtk_grid_attach (self->preview_grid, score_cell, 3, y, 1, 1);
  gtk_grid_attach (self->preview_grid, cell (row->comment != NULL ? row->comment : "", "dim-label"),
                   4, y, 1, 1);
}

/* The first answers as the import reads them, and rejected rows with their reason. */
void
reg_import_preview_pane_show_answers (RegImportPreviewPane     *self,
                                      RegShop                  *shop,
                                      const RegFeedbackPreview *p,
                                      gboolean                  columns_missing)
{
  static const char *headers[] = { N_("Line"), N_("Date"), N_("Email"), N_("Score"), N_("Comment") };
  g_autofree char *status = NULL;
  guint n;

  g_return_if_fail (REG_IS_IMPORT_PREVIEW_PANE (self));

  clear_grid (self->preview_grid);
  /* the reader's sentence names regulars-cli's --map; here the drop-downs above do that */
  if (!preview_status_ready (self, p != NULL,
                             p == NULL || p->problem == NULL ? NULL
                             : columns_missing
                             ? _("The answers are read once every needed column is chosen above.")
                             : p->problem))
    return;

  n = p->rows->len + p->issues->len;
  if (n == 0)
    status = g_strdup (_("The file has no answers to import."));
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Survey results. The first answer:",
                                           "Survey results. The first %u answers:", n), n);
  gtk_label_set_text (self->preview_status, status);

  fill_preview_grid (self, headers, G_N_ELEMENTS (headers), p->rows, p->issues, draw_answer_row,
                     shop);
}

void
reg_import_preview_pane_set_status (RegImportPreviewPane *self,
                                    const char           *text)
{
  g_return_if_fail (REG_IS_IMPORT_PREVIEW_PANE (self));
  gtk_label_set_text (self->preview_status, text);
}

static void
reg_import_preview_pane_class_init (RegImportPreviewPaneClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-preview-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportPreviewPane, preview_status);
  gtk_widget_class_bind_template_child (widget_class, RegImportPreviewPane, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, RegImportPreviewPane, preview_grid);
}

static void
reg_import_preview_pane_init (RegImportPreviewPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
