/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The at-risk list in the window, on an analysed demo shop: every listed customer's row says
 * the rule that put them there with its figures (the same words as reg_at_risk_reason), the
 * list's description names the rules, and the RFM group with the id at-risk has a card name of
 * its own.
 */
#include "config.h"

#include <string.h>

#include "reg-customer.h"
#include "reg-segment.h"
#include "reg-segments-view.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"

static void
collect_labels (GtkWidget *widget, GPtrArray *out)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

static gboolean
has_label (GPtrArray *labels, const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (labels->pdata[i], text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
card_for (RegSegmentsView *view, const char *box_name, const char *spec)
{
  GtkWidget *box = ui_test_child (view, REG_TYPE_SEGMENTS_VIEW, box_name);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "spec"), spec) == 0)
        return button;
    }
  g_assert_not_reached ();
}

static void
test_reasons_in_the_list (void)
{
  g_autofree char *dir = NULL;
  RegShop *shop = ui_test_new_demo_shop (200, TRUE, &dir);
  RegWindow *window = reg_window_new (NULL, shop);
  RegSegmentsView *view;
  GListModel *model;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) card_labels = g_ptr_array_new ();
  g_autofree char *locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
  const char *description;
  guint shown = 0;

  g_object_ref_sink (window);
  reg_window_set_auto_analysis (window, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);
  reg_window_show_view (window, "segments");
  view = REG_SEGMENTS_VIEW (reg_window_get_view (window, "segments"));

  /* the two lists that share the id at-risk have different names */
  collect_labels (card_for (view, "tier_box", "at-risk"), card_labels);
  g_assert_true (has_label (card_labels, "Slipping away"));
  g_ptr_array_set_size (card_labels, 0);
  collect_labels (card_for (view, "group_box", "rfm:at-risk"), card_labels);
  g_assert_true (has_label (card_labels, "Used to buy often"));
  g_assert_false (has_label (card_labels, "Slipping away"));

  g_assert_true (reg_segments_view_select (view, "at-risk", NULL));
  description = adw_preferences_group_get_description (ui_test_child (view, REG_TYPE_SEGMENTS_VIEW,
                                                                      "selection_group"));
  g_assert_null (strstr (description, "the chance they still buy is low"));
  g_assert_nonnull (strstr (description, "their own usual gap between purchases"));

  model = reg_segments_view_get_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  ui_test_wait_frames (GTK_WIDGET (window), 5);
  collect_labels (ui_test_child (view, REG_TYPE_SEGMENTS_VIEW, "column_view"), labels);
  /* each customer whose row is on screen shows their own reason, in figures */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);
      g_autofree char *why = reg_at_risk_reason (reg_customer_get_row (c), locale);

      g_assert_nonnull (why);
      g_assert_true (strstr (why, "usually buys every ") != NULL
                     || strstr (why, "chance still buying ") != NULL
                     || strstr (why, "NPS detractor") != NULL);
      if (has_label (labels, reg_customer_get_name (c)))
        {
          g_assert_true (has_label (labels, why));
          shown++;
        }
    }
  g_test_message ("%u rows checked on screen", shown);
  g_assert_cmpuint (shown, >, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (shop);
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/at-risk-list/reasons-in-the-list", test_reasons_in_the_list);
  return g_test_run ();
}
