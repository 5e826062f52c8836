/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The print preview window (see reg-print-preview.h): each page rendered once into an image at
 * twice the size of its points, for sharp text on large screens, and shown as a GtkPicture on a
 * white sheet in a scrolled column.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-print-preview.h"

/* pixels per point of the rendered pages */
#define PREVIEW_SCALE 2.0

struct _RegPrintPreview
{
  AdwWindow  parent_instance;

  GtkBox    *pages;     /* (unowned) the column of pictures */
  GPtrArray *pictures;  /* (owned) (element-type GtkPicture) (unowned items) */
};

G_DEFINE_FINAL_TYPE (RegPrintPreview, reg_print_preview, ADW_TYPE_WINDOW)

static GdkTexture *
render_page (RegLoyaltyLayout *layout, guint page, double width_pt, double height_pt)
{
  int w = (int) (width_pt * PREVIEW_SCALE + 0.5), h = (int) (height_pt * PREVIEW_SCALE + 0.5);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  /* paper is white whatever the style: the page looks as it will print */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PREVIEW_SCALE, PREVIEW_SCALE);
  reg_loyalty_layout_draw_page (layout, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
reg_print_preview_finalize (GObject *object)
{
  RegPrintPreview *self = REG_PRINT_PREVIEW (object);

  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  G_OBJECT_CLASS (reg_print_preview_parent_class)->finalize (object);
}

static void
reg_print_preview_class_init (RegPrintPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_print_preview_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_print_preview_init (RegPrintPreview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *pages = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->pictures = g_ptr_array_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 860);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_widget_set_margin_top (pages, 18);
  gtk_widget_set_margin_bottom (pages, 18);
  gtk_widget_set_margin_start (pages, 18);
  gtk_widget_set_margin_end (pages, 18);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), pages);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  self->pages = GTK_BOX (pages);
}

GtkWindow *
reg_print_preview_new (GtkWindow            *parent,
                       const RegLoyaltyList *list,
                       RegPaperSize          paper)
{
  RegPrintPreview *self;
  g_autoptr(RegLoyaltyLayout) layout = NULL;
  double width_pt, height_pt;
  guint n;

  g_return_val_if_fail (list != NULL, NULL);

  self = g_object_new (REG_TYPE_PRINT_PREVIEW, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  /* Translators: the print preview window's title; %s is the list's title */
  {
    g_autofree char *title = g_strdup_printf (_("Preview: %s"), list->title);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  reg_paper_size_get_points (paper, &width_pt, &height_pt);
  layout = reg_loyalty_layout_new (list, width_pt, height_pt);
  n = reg_loyalty_layout_get_n_pages (layout);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkTexture) texture = render_page (layout, i, width_pt, height_pt);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, n);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      /* a sheet of paper: the page at its width, as tall as its proportions make it */
      gtk_widget_set_size_request (picture, -1, (int) (height_pt * 1.0));
      gtk_widget_add_css_class (picture, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (self->pages, picture);
      g_ptr_array_add (self->pictures, picture);
    }
  return GTK_WINDOW (self);
}

guint
reg_print_preview_get_n_pages (RegPrintPreview *self)
{
  g_return_val_if_fail (REG_IS_PRINT_PREVIEW (self), 0);
  return self->pictures->len;
}

GtkPicture *
reg_print_preview_get_page (RegPrintPreview *self,
                            guint            page)
{
  g_return_val_if_fail (REG_IS_PRINT_PREVIEW (self), NULL);
  return page < self->pictures->len ? g_ptr_array_index (self->pictures, page) : NULL;
}
