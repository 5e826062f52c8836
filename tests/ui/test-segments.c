/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments page under Xvfb on an analysed demo shop: the cards show the analysis's counts
 * and select their customers; the filter builder makes a spec (the pure rule too, without
 * widgets), shows the customers it selects, and holds back a date that does not read; the
 * selection exported as a campaign list with a control group (the CSV read back) is recorded
 * and its campaign page says what it changed.
 */
#include "config.h"

#include <string.h>

#include "clv-date.h"
#include "reg-analysis-job.h"
#include "reg-campaign-dialog.h"
#include "reg-customer.h"
#include "reg-segment-filter.h"
#include "reg-segments-view.h"
#include "reg-test-utils.h"
#include "reg-window.h"
#include "ui-test-utils.h"

typedef struct
{
  char            *dir;
  RegShop         *shop;
  RegWindow       *window;
  RegSegmentsView *view;
  RegAnalysisSummary *summary;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->shop = ui_test_new_demo_shop (200, TRUE, &f->dir);
  f->summary = reg_shop_load_latest_analysis (f->shop, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->summary);
  f->window = reg_window_new (NULL, f->shop);
  g_object_ref_sink (f->window);
  reg_window_set_auto_analysis (f->window, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);
  reg_window_show_view (f->window, "segments");
  f->view = REG_SEGMENTS_VIEW (reg_window_get_view (f->window, "segments"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  UI_WAIT_UNTIL (reg_segments_view_get_export_job (f->view) == NULL, 60);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  g_clear_pointer (&f->summary, reg_analysis_summary_free);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static guint
tier_count (Fixture    *f,
            const char *id)
{
  for (guint i = 0; i < f->summary->tiers->len; i++)
    if (g_str_equal (g_array_index (f->summary->tiers, RegTierFigure, i).id, id))
      return g_array_index (f->summary->tiers, RegTierFigure, i).customers;
  g_assert_not_reached ();
}

/* The card button of a spec, and the count it shows. */
static GtkWidget *
card_for (Fixture    *f,
          const char *box_name,
          const char *spec)
{
  GtkWidget *box = ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, box_name);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "spec"), spec) == 0)
        return button;
    }
  g_assert_not_reached ();
}

static const char *
card_count (GtkWidget *card)
{
  GtkWidget *vbox = gtk_button_get_child (GTK_BUTTON (card));
  GtkWidget *count = gtk_widget_get_next_sibling (gtk_widget_get_first_child (vbox));

  return gtk_label_get_text (GTK_LABEL (count));
}

static void
test_cards (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *top = card_for (f, "tier_box", "top");
  GtkWidget *at_risk = card_for (f, "tier_box", "at-risk");
  g_autofree char *top_text = g_strdup_printf ("%u", tier_count (f, "top"));
  g_autofree char *risk_text = g_strdup_printf ("%u", f->summary->at_risk);
  GListModel *model = reg_segments_view_get_model (f->view);
  guint groups = 0;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, "stack")), ==,
                   "content");
  g_assert_cmpstr (card_count (top), ==, top_text);
  g_assert_cmpstr (card_count (at_risk), ==, risk_text);
  for (GtkWidget *c = gtk_widget_get_first_child (ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, "group_box"));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    groups++;
  g_assert_cmpuint (groups, ==, 11);

  /* the first look: the top tier, its card marked */
  g_assert_cmpstr (reg_segments_view_get_spec (f->view), ==, "top");
  g_assert_true (gtk_widget_has_css_class (top, "selected"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, tier_count (f, "top"));

  /* a click on a card selects its customers */
  g_signal_emit_by_name (at_risk, "clicked");
  g_assert_cmpstr (reg_segments_view_get_spec (f->view), ==, "at-risk");
  g_assert_true (gtk_widget_has_css_class (at_risk, "selected"));
  g_assert_false (gtk_widget_has_css_class (top, "selected"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, f->summary->at_risk);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);
      g_assert_cmpuint (reg_customer_get_at_risk (c), !=, 0);
    }
  g_assert_cmpstr (adw_preferences_group_get_title (ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW,
                                                                   "selection_group")), ==,
                   "Customers slipping away");

  /* an RFM group */
  g_signal_emit_by_name (card_for (f, "group_box", "rfm:loyal"), "clicked");
  g_assert_cmpstr (reg_segments_view_get_spec (f->view), ==, "rfm:loyal");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);
      g_assert_cmpstr (reg_customer_get_rfm_group (c), ==, "loyal");
    }
}

/* The rule alone: fields to spec. */
static void
test_build_spec (void)
{
  RegSegmentFilterValues v;
  g_autofree char *all = NULL;
  g_autofree char *spec = NULL;

  reg_segment_filter_values_init (&v);
  all = reg_segment_filter_build_spec (&v);
  g_assert_cmpstr (all, ==, "all");

  v.value_min = 100;
  v.value_max = 2500;
  v.p_alive_max = 50;
  v.purchases_min = 3;
  v.after_day = clv_date_from_ymd (2024, 1, 1);
  v.before_day = clv_date_from_ymd (2024, 12, 31);
  v.tier = "top";
  v.group = "at-risk";
  spec = reg_segment_filter_build_spec (&v);
  g_assert_cmpstr (spec, ==, "clv>=100,clv<=2500,p_alive<=50%,purchases>=3,last_purchase>2024-01-01,"
                             "last_purchase<2024-12-31,tier=top,rfm_group=at-risk");
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Build a segment with the filter, show it, export it with a control group, read the CSV. */
static void
test_filter_and_export (Fixture       *f,
                        gconstpointer  data)
{
  RegSegmentFilter *filter = reg_segments_view_get_filter (f->view);
  GtkSpinButton *value_min = ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "value_min");
  GtkSpinButton *purchases = ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "purchases_min");
  AdwComboRow *tier = ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "tier_row");
  GtkEditable *after = ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "after_row");
  GtkWidget *show = ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "show_button");
  GtkWidget *error_label = ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "error_label");
  GListModel *model = reg_segments_view_get_model (f->view);
  g_autofree char *path = g_build_filename (f->dir, "campaign.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const RegCampaignExport *e;
  gint32 after_day = f->summary->end_day - 90;
  g_autofree char *after_text = clv_date_format_iso (after_day);
  g_autofree char *expected = NULL;
  guint n, lines_n = 0;

  g_assert_cmpstr (reg_segment_filter_get_spec (filter), ==, "all");

  /* predicted value of 20 or more, at least 2 purchases, bought in the last 90 days, middle tier */
  gtk_spin_button_set_value (value_min, 20);
  gtk_spin_button_set_value (purchases, 2);
  adw_combo_row_set_selected (tier, 2);
  gtk_editable_set_text (after, after_text);
  expected = g_strdup_printf ("clv>=20,purchases>=2,last_purchase>%s,tier=middle", after_text);
  g_assert_cmpstr (reg_segment_filter_get_spec (filter), ==, expected);
  g_assert_cmpstr (adw_action_row_get_subtitle (ui_test_child (filter, REG_TYPE_SEGMENT_FILTER, "spec_row")), ==,
                   expected);
  g_assert_false (gtk_widget_get_visible (error_label));

  /* "Show Customers" */
  g_assert_true (gtk_widget_get_sensitive (show));
  g_signal_emit_by_name (show, "clicked");
  g_assert_cmpstr (reg_segments_view_get_spec (f->view), ==, expected);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (model, i);

      g_assert_cmpfloat (reg_customer_get_clv (c), >=, 2000);
      g_assert_cmpuint (reg_customer_get_purchases (c), >=, 2);
      g_assert_cmpint (reg_customer_get_last_purchase (c), >, after_day);
      g_assert_cmpstr (reg_customer_get_tier (c), ==, "middle");
      if (reg_customer_get_row (c)->email_consent && reg_customer_get_email (c) != NULL)
        g_hash_table_add (emails, g_ascii_strdown (reg_customer_get_email (c), -1));
    }
  /* the rule in words, with its "<" and ">" shown as written (the getter gives the label's text,
   * after the markup) */
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW,
                                                                                  "selection_group")),
                            "last_purchase>"));

  /* a date that does not read holds the button back and says why */
  gtk_editable_set_text (after, "31/31/31x");
  g_assert_null (reg_segment_filter_get_spec (filter));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (after), "error"));
  g_assert_false (gtk_widget_get_sensitive (show));
  gtk_editable_set_text (after, after_text);
  g_assert_cmpstr (reg_segment_filter_get_spec (filter), ==, expected);
  g_assert_true (gtk_widget_get_sensitive (show));

  /* the save dialog names the tool chosen under "Columns for" */
  {
    AdwComboRow *preset = ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, "preset_row");
    const char *want[] = { "CSV for any email tool", "CSV for Mailchimp", "CSV for Klaviyo",
                           "CSV for Brevo" };

    for (guint i = G_N_ELEMENTS (want); i-- > 0;)
      {
        g_autofree char *name = NULL;

        adw_combo_row_set_selected (preset, i);
        name = reg_segments_view_csv_filter_name (f->view);
        g_assert_cmpstr (name, ==, want[i]);
      }
  }

  /* export with a 20 % control group */
  gtk_spin_button_set_value (ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, "control_spin"), 20);
  g_assert_cmpuint (reg_segments_view_get_n_campaigns (f->view), ==, 0);
  reg_segments_view_export_to (f->view, path);
  g_assert_nonnull (reg_segments_view_get_export_job (f->view));
  g_assert_true (gtk_revealer_get_reveal_child (ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, "export_revealer")));
  UI_WAIT_UNTIL (reg_segments_view_get_export_job (f->view) == NULL, 60);
  e = reg_segments_view_get_last_export (f->view);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->treatment + e->control, ==, g_hash_table_size (emails));
  g_assert_cmpuint (e->control, >, 0);
  /* the result in words: the selection's customers, and how many of them were left out why */
  {
    g_autofree char *words = reg_campaign_export_words (e);
    g_autofree char *left = g_strdup_printf ("; %u of %u left out: ", n - g_hash_table_size (emails), n);
    g_autofree char *on = g_strdup_printf ("%u customers on it, %u held back", e->treatment, e->control);
    g_autofree char *no_consent = g_strdup_printf ("%u without consent to emails", e->n_no_consent);

    g_test_message ("%s", words);
    g_assert_cmpuint (e->selected, ==, n);
    g_assert_cmpuint (n, >, g_hash_table_size (emails));
    g_assert_cmpuint (e->n_no_consent, >, 0);
    g_assert_nonnull (strstr (words, on));
    g_assert_nonnull (strstr (words, left));
    g_assert_nonnull (strstr (words, no_consent));
  }

  /* the CSV: a header and one line per customer on the list, each from the selection */
  csv = read_file (path);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Email Address,First Name,Last Name"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *email = NULL;
      char *comma;

      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        continue;
      /* text cells are quoted: "a@b.example","Ann",… */
      if (lines[i][0] == '"')
        {
          comma = strchr (lines[i] + 1, '"');
          g_assert_nonnull (comma);
          email = g_ascii_strdown (lines[i] + 1, comma - lines[i] - 1);
        }
      else
        {
          comma = strchr (lines[i], ',');
          g_assert_nonnull (comma);
          email = g_ascii_strdown (lines[i], comma - lines[i]);
        }
      g_assert_true (g_hash_table_contains (emails, email));
      lines_n++;
    }
  g_assert_cmpuint (lines_n, ==, e->treatment);

  /* recorded as a campaign, with its page */
  g_assert_cmpuint (reg_segments_view_get_n_campaigns (f->view), ==, 1);
  {
    GtkWindow *dialog = reg_segments_view_open_campaign (f->view, e->campaign);
    g_autoptr(GError) error = NULL;
    g_autoptr(RegCampaignLift) lift = reg_shop_measure_campaign (f->shop, e->campaign, &error);

    g_assert_no_error (error);
    g_assert_nonnull (dialog);
    g_assert_cmpstr (reg_campaign_dialog_get_summary (REG_CAMPAIGN_DIALOG (dialog)), ==, lift->summary);
    g_assert_cmpstr (gtk_label_get_text (ui_test_child (dialog, REG_TYPE_CAMPAIGN_DIALOG, "summary_label")), ==,
                     lift->summary);
    /* recorded today, after the shop's last sale: too early, and no "+0 points" */
    g_assert_true (lift->too_early);
    g_assert_true (g_str_has_prefix (lift->summary, "Too early to measure"));
    g_assert_cmpstr (adw_action_row_get_subtitle (ui_test_child (dialog, REG_TYPE_CAMPAIGN_DIALOG, "rate_row")), ==,
                     "Too early to measure");
    g_assert_cmpstr (adw_action_row_get_subtitle (ui_test_child (dialog, REG_TYPE_CAMPAIGN_DIALOG, "revenue_row")), ==,
                     "Too early to measure");
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
    gtk_window_destroy (dialog);
  }

  /* the campaign row opens the same page through its action */
  {
    GtkListBox *list = ui_test_child (f->view, REG_TYPE_SEGMENTS_VIEW, "campaign_list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);
    GVariant *target = NULL;

    g_assert_nonnull (row);
    g_object_get (row, "action-target", &target, NULL);
    g_assert_cmpint (g_variant_get_int64 (target), ==, e->campaign);
    g_variant_unref (target);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "segments.show-campaign");
  }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/segments/build-spec", test_build_spec);
  g_test_add ("/ui/segments/cards", Fixture, NULL, fixture_set_up, test_cards, fixture_tear_down);
  g_test_add ("/ui/segments/filter-and-export", Fixture, NULL, fixture_set_up, test_filter_and_export,
              fixture_tear_down);
  return g_test_run ();
}
