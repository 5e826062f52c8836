/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences window under Xvfb: it opens from the window (win.preferences, Ctrl+comma),
 * shows the shop's settings, saves a change at once and the window works the figures out
 * again with it; a refused value (tiers leaving no middle) shows the service's message under
 * its group, marks the row and leaves the setting as it was; text rows apply on Enter.
 */
#include "config.h"

#include <string.h>

#include "reg-analysis-job.h"
#include "reg-overview-view.h"
#include "reg-preferences-window.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"

typedef struct
{
  char      *dir;
  RegShop   *shop;
  RegWindow *window;
  RegPreferencesWindow *prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->shop = ui_test_new_demo_shop (150, TRUE, &f->dir);
  f->window = reg_window_new (NULL, f->shop);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (REG_IS_PREFERENCES_WINDOW (l->data))
      f->prefs = l->data;
  g_assert_nonnull (f->prefs);
  g_object_ref (f->prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->prefs)) == GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->prefs)), 10);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  g_clear_object (&f->prefs);
  UI_WAIT_UNTIL (!reg_window_get_analysis_running (f->window), 60);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
setting (Fixture    *f,
         const char *key)
{
  return reg_shop_get_setting (f->shop, key);
}

static void
test_shows_settings (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *name = setting (f, REG_SETTING_SHOP_NAME);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reg_preferences_window_get_row (f->prefs,
                                                                                       REG_SETTING_SHOP_NAME))),
                   ==, name);
  g_assert_cmpfloat (gtk_spin_button_get_value (reg_preferences_window_get_spin (f->prefs,
                                                                                REG_SETTING_HORIZON_MONTHS)),
                     ==, reg_shop_get_setting_double (f->shop, REG_SETTING_HORIZON_MONTHS));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (reg_preferences_window_get_spin (f->prefs,
                                                                                             REG_SETTING_TIER_TOP)),
                                  reg_shop_get_setting_double (f->shop, REG_SETTING_TIER_TOP) * 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (reg_preferences_window_get_spin (f->prefs,
                                                                                             REG_SETTING_MARGIN)),
                                  reg_shop_get_setting_double (f->shop, REG_SETTING_MARGIN) * 100, 1e-9);
  {
    AdwComboRow *model = ADW_COMBO_ROW (reg_preferences_window_get_row (f->prefs, REG_SETTING_MODEL));
    g_autofree char *value = setting (f, REG_SETTING_MODEL);
    g_assert_cmpstr (value, ==, "auto");
    g_assert_cmpuint (adw_combo_row_get_selected (model), ==, 0);
  }
  {
    AdwComboRow *currency = ADW_COMBO_ROW (reg_preferences_window_get_row (f->prefs, REG_SETTING_CURRENCY));
    g_autofree char *code = setting (f, REG_SETTING_CURRENCY);
    GtkStringObject *item = adw_combo_row_get_selected_item (currency);
    g_assert_true (g_str_has_prefix (gtk_string_object_get_string (item), code));
  }
}

/* A new horizon is saved and the window's analysis runs again with it. */
static void
test_change_reanalyses (Fixture       *f,
                        gconstpointer  data)
{
  RegOverviewView *overview = REG_OVERVIEW_VIEW (reg_window_get_view (f->window, "overview"));
  GtkSpinButton *horizon = reg_preferences_window_get_spin (f->prefs, REG_SETTING_HORIZON_MONTHS);
  g_autofree char *value = NULL;

  UI_WAIT_UNTIL (!reg_window_get_analysis_running (f->window), 60);
  g_assert_nonnull (reg_overview_view_get_summary (overview));
  g_assert_cmpuint (reg_overview_view_get_summary (overview)->horizon_months, !=, 6);

  gtk_spin_button_set_value (horizon, 6);
  value = setting (f, REG_SETTING_HORIZON_MONTHS);
  g_assert_cmpstr (value, ==, "6");
  g_assert_null (reg_preferences_window_get_error (f->prefs, REG_SETTING_HORIZON_MONTHS));
  UI_WAIT_UNTIL (reg_overview_view_get_summary (overview) != NULL
                 && reg_overview_view_get_summary (overview)->horizon_months == 6
                 && !reg_window_get_analysis_running (f->window), 60);

  /* the model, from its drop-down */
  adw_combo_row_set_selected (ADW_COMBO_ROW (reg_preferences_window_get_row (f->prefs, REG_SETTING_MODEL)), 1);
  g_free (value);
  value = setting (f, REG_SETTING_MODEL);
  g_assert_cmpstr (value, ==, "bgnbd");
  adw_combo_row_set_selected (ADW_COMBO_ROW (reg_preferences_window_get_row (f->prefs, REG_SETTING_MODEL)), 2);
  g_free (value);
  value = setting (f, REG_SETTING_MODEL);
  g_assert_cmpstr (value, ==, "mbgnbd");

  /* a percentage is kept as a fraction */
  gtk_spin_button_set_value (reg_preferences_window_get_spin (f->prefs, REG_SETTING_MARGIN), 35);
  g_assert_cmpfloat_with_epsilon (reg_shop_get_setting_double (f->shop, REG_SETTING_MARGIN), 0.35, 1e-9);
}

/* Top 80 % with bottom 30 % leaves no middle tier: refused, said why, nothing kept. */
static void
test_refused_value (Fixture       *f,
                    gconstpointer  data)
{
  GtkSpinButton *top = reg_preferences_window_get_spin (f->prefs, REG_SETTING_TIER_TOP);
  GtkWidget *row = reg_preferences_window_get_row (f->prefs, REG_SETTING_TIER_TOP);
  g_autofree char *before = setting (f, REG_SETTING_TIER_TOP);
  g_autofree char *after = NULL;
  const char *message;
  guint revision = reg_shop_get_revision (f->shop);

  gtk_spin_button_set_value (top, 80);
  message = reg_preferences_window_get_error (f->prefs, REG_SETTING_TIER_TOP);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "no middle tier"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  after = setting (f, REG_SETTING_TIER_TOP);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (top), g_ascii_strtod (before, NULL) * 100,
                                  1e-9);   /* back to what is kept */
  g_assert_cmpuint (reg_shop_get_revision (f->shop), ==, revision);

  /* the message is on screen under the group */
  {
    GtkWidget *label = ui_test_find_label (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP), message);

    g_assert_true (label != NULL && gtk_widget_get_visible (label));
  }

  /* a good value clears it */
  gtk_spin_button_set_value (top, 25);
  g_assert_null (reg_preferences_window_get_error (f->prefs, REG_SETTING_TIER_TOP));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpfloat_with_epsilon (reg_shop_get_setting_double (f->shop, REG_SETTING_TIER_TOP), 0.25, 1e-9);
}

/* Text rows: the shop name and the acquisition cost apply on Enter; a bad amount is refused. */
static void
test_text_rows (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *name = reg_preferences_window_get_row (f->prefs, REG_SETTING_SHOP_NAME);
  GtkWidget *cost = reg_preferences_window_get_row (f->prefs, REG_SETTING_ACQUISITION_COST);
  g_autofree char *value = NULL;

  gtk_editable_set_text (GTK_EDITABLE (name), "Corner Shop");
  g_signal_emit_by_name (name, "apply");
  value = setting (f, REG_SETTING_SHOP_NAME);
  g_assert_cmpstr (value, ==, "Corner Shop");

  gtk_editable_set_text (GTK_EDITABLE (cost), "twelve");
  g_signal_emit_by_name (cost, "apply");
  g_assert_nonnull (reg_preferences_window_get_error (f->prefs, REG_SETTING_ACQUISITION_COST));
  g_assert_true (gtk_widget_has_css_class (cost, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cost)), ==, "twelve");   /* kept to fix */

  gtk_editable_set_text (GTK_EDITABLE (cost), "12.50");
  g_signal_emit_by_name (cost, "apply");
  g_assert_null (reg_preferences_window_get_error (f->prefs, REG_SETTING_ACQUISITION_COST));
  g_free (value);
  value = setting (f, REG_SETTING_ACQUISITION_COST);
  g_assert_cmpstr (value, ==, "1250");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/preferences/shows-settings", Fixture, NULL, fixture_set_up, test_shows_settings,
              fixture_tear_down);
  g_test_add ("/ui/preferences/change-reanalyses", Fixture, NULL, fixture_set_up, test_change_reanalyses,
              fixture_tear_down);
  g_test_add ("/ui/preferences/refused-value", Fixture, NULL, fixture_set_up, test_refused_value,
              fixture_tear_down);
  g_test_add ("/ui/preferences/text-rows", Fixture, NULL, fixture_set_up, test_text_rows, fixture_tear_down);
  return g_test_run ();
}
