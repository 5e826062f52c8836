/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChart's text and colours: the theme's named colours and text colour (so the chart
 * follows light and dark styles), and its small tabular-figure labels. Main thread only.
 */
#include "config.h"

#include "reg-chart-private.h"

void
reg_chart_lookup_color (GtkWidget  *widget,
                        const char *name,
                        const char *fallback,
                        GdkRGBA    *out)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (ctx, name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
reg_chart_get_fg (GtkWidget *widget,
                  GdkRGBA   *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

PangoLayout *
reg_chart_small_layout (GtkWidget  *widget,
                        const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
reg_chart_draw_text (GtkSnapshot   *snapshot,
                     PangoLayout   *layout,
                     double         x,
                     double         y,
                     const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
reg_chart_layout_size (PangoLayout *layout,
                       int         *w,
                       int         *h)
{
  pango_layout_get_pixel_size (layout, w, h);
}