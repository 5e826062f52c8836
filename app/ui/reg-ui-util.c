/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presentation helpers for the widgets: toasts reach the nearest AdwToastOverlay above the
 * widget, ids from the analysis are turned into translated names through the core's tables,
 * and field errors are shown the same way everywhere (error style class + label below).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clv-segments.h"
#include "reg-ui-util.h"

void
reg_ui_toast (GtkWidget *from,
              AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay above %s: “%s” not shown",
               G_OBJECT_TYPE_NAME (from), adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
reg_ui_toast_text (GtkWidget  *from,
                   const char *text)
{
  /* a toast's title is Pango markup (libadwaita 1.2); messages quote names and values from
   * files and customers, so "<" or "&" in them must show as written */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  reg_ui_toast (from, adw_toast_new (escaped));
}

const char *
reg_ui_tier_label (const char *tier_id)
{
  if (tier_id == NULL)
    return "";
  if (g_str_equal (tier_id, "top"))
    return clv_tier_name (CLV_TIER_TOP);
  if (g_str_equal (tier_id, "middle"))
    return clv_tier_name (CLV_TIER_MIDDLE);
  if (g_str_equal (tier_id, "bottom"))
    return clv_tier_name (CLV_TIER_BOTTOM);
  return "";
}

const char *
reg_ui_rfm_label (const char *group_id)
{
  ClvRfmGroup group;

  if (group_id == NULL)
    return "";
  group = clv_rfm_group_from_id (group_id);
  return group == CLV_RFM_NONE ? "" : clv_rfm_group_name (group);
}

char *
reg_ui_format_percent (double fraction)
{
  /* Translators: a percentage, e.g. "42%"; %.0f is the number */
  return g_strdup_printf (_("%.0f%%"), fraction * 100.0);
}

void
reg_ui_set_field_error (GtkWidget  *field,
                        GtkLabel   *error_label,
                        const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_label_set_text (error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error_label, NULL,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_label_set_text (error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
on_combo_label_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int max_chars = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (max_chars > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_combo_label_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GObject *obj = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      GTK_IS_STRING_OBJECT (obj) ? gtk_string_object_get_string (GTK_STRING_OBJECT (obj)) : "");
}

void
reg_ui_combo_row_set_max_chars (AdwComboRow *row,
                                int          max_chars)
{
  g_autoptr(GtkListItemFactory) value = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (value, "setup", G_CALLBACK (on_combo_label_setup_cb), GINT_TO_POINTER (max_chars));
  g_signal_connect (value, "bind", G_CALLBACK (on_combo_label_bind_cb), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (on_combo_label_setup_cb), GINT_TO_POINTER (0));
  g_signal_connect (list, "bind", G_CALLBACK (on_combo_label_bind_cb), NULL);
  adw_combo_row_set_factory (row, value);
  adw_combo_row_set_list_factory (row, list);
}
