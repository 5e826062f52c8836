/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channels in the window: the Overview's channel card on a shop of known customers and spend
 * (its rows, "Unknown" last, a refresh after the shop changes, the spend window it opens), the
 * marketing spend window's checks, "Set Channel" in the Customers view setting the channel
 * of exactly the customers shown, and the Segments view's card per channel.
 */
#include "config.h"

#include <string.h>

#include "clv-channels.h"
#include "clv-date.h"
#include "reg-channel-card.h"
#include "reg-channel-spend-dialog.h"
#include "reg-channels.h"
#include "reg-customer.h"
#include "reg-customer-detail.h"
#include "reg-customers-view.h"
#include "reg-segments-view.h"
#include "reg-set-channel-dialog.h"
#include "reg-window.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"

typedef struct
{
  char      *dir;
  RegShop   *shop;
  GtkWindow *window;
  GtkWidget *widget;   /* (owned) (nullable) the widget under test, finalized after the window */
  gint64     ann, bob, cat;
} Fixture;

static gint64
add_customer (Fixture *f, const char *name, const char *channel, gint32 day, gint64 amount)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  gint64 id;

  rec.name = (char *) name;
  rec.channel = (char *) channel;
  rec.acquired_day = day;
  id = reg_shop_add_customer (f->shop, &rec, &error);
  g_assert_no_error (error);
  g_assert_true (reg_shop_record_sale (f->shop, id, day, amount, NULL, &error) > 0);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint32 today = clv_date_today ();
  char month[8];

  f->shop = ui_test_new_shop (&f->dir);
  f->ann = add_customer (f, "Ann", "Instagram", today - 20, 12000);
  f->bob = add_customer (f, "Bob", "instagram", today - 10, 6000);
  f->cat = add_customer (f, "Cat", NULL, today - 5, 3000);
  clv_month_format_buf (clv_month_of_day (today - 10), month);
  g_assert_true (reg_shop_set_channel_spend (f->shop, "Instagram", month, 4000, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  ui_test_drain ();
  if (f->widget != NULL)
    g_assert_finalize_object (f->widget);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *tops = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
test_card (Fixture *f, gconstpointer data)
{
  RegChannelCard *card = g_object_new (REG_TYPE_CHANNEL_CARD, NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  char month[8];

  g_object_ref_sink (card);
  gtk_window_set_child (f->window, GTK_WIDGET (card));
  reg_channel_card_set_shop (card, f->shop);
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (card)), 10);
  /* read in a worker thread */
  UI_WAIT_UNTIL (reg_channel_card_is_loaded (card), 10);

  /* Instagram (two customers, one spelling), then the customer without a channel */
  g_assert_cmpuint (reg_channel_card_get_n_rows (card), ==, 2);
  g_assert_cmpstr (reg_channel_card_get_cell (card, 0, 0), ==, "Instagram");
  g_assert_cmpstr (reg_channel_card_get_cell (card, 0, 1), ==, "2");
  g_assert_cmpstr (reg_channel_card_get_cell (card, 0, 2), ==, "2");
  {
    /* spend 40.00 over two new customers: 20.00 each, written as the shop writes money */
    g_autofree char *cost = reg_shop_format_amount (f->shop, 2000);
    g_autofree char *value = reg_shop_format_amount (f->shop, 9000);
    g_assert_cmpstr (reg_channel_card_get_cell (card, 0, 5), ==, cost);
    g_assert_cmpstr (reg_channel_card_get_cell (card, 0, 3), ==, value);
  }
  g_assert_cmpstr (reg_channel_card_get_cell (card, 1, 0), ==, "Unknown");
  g_assert_cmpstr (reg_channel_card_get_cell (card, 1, 1), ==, "1");

  /* more spend: the card reads the figures again after the change */
  clv_month_format_buf (clv_month_of_day (clv_date_today () - 20), month);
  g_assert_true (reg_shop_set_channel_spend (f->shop, "instagram", month, 8000, &error));
  g_assert_no_error (error);
  {
    g_autofree char *cost = reg_shop_format_amount (f->shop, 6000);
    g_autofree char *same_month = reg_shop_format_amount (f->shop, 4000);
    /* when both days fall in one month the second amount replaced the first */
    const char *want = clv_month_of_day (clv_date_today () - 20)
                       == clv_month_of_day (clv_date_today () - 10) ? same_month : cost;
    UI_WAIT_UNTIL (g_strcmp0 (reg_channel_card_get_cell (card, 0, 5), want) == 0, 10);
  }

  /* the card's button opens the spend window over the card's window */
  gtk_widget_activate_action (GTK_WIDGET (card), "channels.spend", NULL);
  UI_WAIT_UNTIL ((dialog = find_toplevel (REG_TYPE_CHANNEL_SPEND_DIALOG)) != NULL, 10);
  g_assert_true (gtk_window_get_transient_for (dialog) == f->window);
  gtk_window_destroy (dialog);
  ui_test_drain ();

  f->widget = GTK_WIDGET (card);
}

static void
test_spend_dialog (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog = reg_channel_spend_dialog_new (f->shop);
  g_autoptr(GArray) spends = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_transient_for (dialog, f->window);
  gtk_window_present (dialog);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);
  /* refused: a month that is none, a negative amount, no channel */
  g_assert_false (reg_channel_spend_dialog_add (REG_CHANNEL_SPEND_DIALOG (dialog), "Flyers",
                                                "2026-13", "10"));
  g_assert_false (reg_channel_spend_dialog_add (REG_CHANNEL_SPEND_DIALOG (dialog), "Flyers",
                                                "2026-02", "-10"));
  g_assert_false (reg_channel_spend_dialog_add (REG_CHANNEL_SPEND_DIALOG (dialog), "",
                                                "2026-02", "10"));
  spends = reg_shop_list_channel_spend (f->shop, &error);
  g_assert_cmpuint (spends->len, ==, 1);
  g_clear_pointer (&spends, g_array_unref);
  g_assert_true (reg_channel_spend_dialog_add (REG_CHANNEL_SPEND_DIALOG (dialog), "Flyers",
                                               "2026-02", "12.50"));
  spends = reg_shop_list_channel_spend (f->shop, &error);
  g_assert_cmpuint (spends->len, ==, 2);
  g_assert_cmpstr (g_array_index (spends, RegChannelSpend, 0).channel, ==, "Flyers");
  g_assert_cmpint (g_array_index (spends, RegChannelSpend, 0).amount, ==, 1250);
  gtk_window_destroy (dialog);
  ui_test_drain ();
}

static void
test_set_channel (Fixture *f, gconstpointer data)
{
  RegCustomersView *view = REG_CUSTOMERS_VIEW (reg_customers_view_new ());
  RegCustomerRecord rec = { 0 };
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_object_ref_sink (view);
  reg_customers_view_set_shop (view, f->shop);
  gtk_window_set_child (f->window, GTK_WIDGET (view));
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)), 10);

  /* the customers shown: Bob alone, found by a search */
  reg_customers_view_set_search_text (view, "b");
  UI_WAIT_UNTIL (g_list_model_get_n_items (reg_customers_view_get_model (view)) == 1, 10);
  gtk_widget_activate_action (GTK_WIDGET (view), "customers.set-channel", NULL);
  UI_WAIT_UNTIL ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                 10);
  gtk_editable_set_text (reg_set_channel_dialog_get_entry (GTK_WIDGET (dialog)), "Flyers");
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();

  g_assert_true (reg_shop_get_customer (f->shop, f->bob, &rec, &error));
  g_assert_cmpstr (rec.channel, ==, "Flyers");
  reg_customer_record_clear (&rec);
  /* and the customer's page says so */
  g_assert_true (reg_customers_view_select_customer (view, f->bob));
  {
    GtkLabel *label = ui_test_child (reg_customers_view_get_detail (view),
                                     REG_TYPE_CUSTOMER_DETAIL, "channel_label");
    UI_WAIT_UNTIL (g_strcmp0 (gtk_label_get_text (label), "Came through Flyers") == 0, 10);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  }
  /* the customers not shown keep theirs */
  g_assert_true (reg_shop_get_customer (f->shop, f->ann, &rec, &error));
  g_assert_cmpstr (rec.channel, ==, "Instagram");
  reg_customer_record_clear (&rec);
  g_assert_true (reg_shop_get_customer (f->shop, f->cat, &rec, &error));
  g_assert_null (rec.channel);
  reg_customer_record_clear (&rec);

  /* everyone shown; Cancel changes nothing */
  reg_customers_view_set_search_text (view, "");
  UI_WAIT_UNTIL (g_list_model_get_n_items (reg_customers_view_get_model (view)) == 3, 10);
  gtk_widget_activate_action (GTK_WIDGET (view), "customers.set-channel", NULL);
  UI_WAIT_UNTIL ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                 10);
  gtk_editable_set_text (reg_set_channel_dialog_get_entry (GTK_WIDGET (dialog)), "Market");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();
  g_assert_true (reg_shop_get_customer (f->shop, f->cat, &rec, &error));
  g_assert_null (rec.channel);
  reg_customer_record_clear (&rec);

  f->widget = GTK_WIDGET (view);
}

static guint
count_channel_cards (GtkWidget *box, const char *spec, guint *customers)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));
      n++;
      const char *have = g_object_get_data (G_OBJECT (button), "spec");
      /* the card's spec keeps the channel as written or its key */
      if (customers != NULL && have != NULL && g_ascii_strcasecmp (have, spec) == 0)
        (*customers)++;
    }
  return n;
}

/* What a click on row @pos of the customers list does, through the list's own action (the
 * one its rows' click gesture calls): @modify is Ctrl held, @extend Shift. */
static void
click_row (RegCustomersView *view, guint pos, gboolean modify, gboolean extend)
{
  GtkWidget *cv = GTK_WIDGET (reg_customers_view_get_column_view (view));

  for (GtkWidget *child = gtk_widget_get_first_child (cv); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        g_assert_true (gtk_widget_activate_action (child, "list.select-item", "(ubb)", pos, modify,
                                                   extend));
        return;
      }
  g_assert_not_reached ();
}

static guint
position_of (RegCustomersView *view, gint64 id)
{
  GListModel *shown = reg_customers_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (shown, i);
      if (reg_customer_get_id (c) == id)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static char *
channel_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  char *channel;

  g_assert_true (reg_shop_get_customer (f->shop, id, &rec, &error));
  g_assert_no_error (error);
  channel = g_strdup (rec.channel);
  reg_customer_record_clear (&rec);
  return channel;
}

/* A click opens one customer's page; Ctrl- and Shift-click select more; "Set Channel of the
 * Selected Customers…" changes exactly those, whatever the list shows besides. */
static void
test_set_channel_selected (Fixture *f, gconstpointer data)
{
  RegCustomersView *view = REG_CUSTOMERS_VIEW (reg_customers_view_new ());
  gint64 dan = add_customer (f, "Dan", "Market", clv_date_today () - 3, 1500);
  gint64 eve = add_customer (f, "Eve", NULL, clv_date_today () - 2, 2500);
  RegCustomerDetail *detail;
  AdwMessageDialog *dialog;
  GtkLabel *count;
  g_autoptr(GArray) selected = NULL;

  g_object_ref_sink (view);
  reg_customers_view_set_shop (view, f->shop);
  gtk_window_set_child (f->window, GTK_WIDGET (view));
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)), 10);
  UI_WAIT_UNTIL (g_list_model_get_n_items (reg_customers_view_get_model (view)) == 5, 10);
  reg_customers_view_sort_by (view, "name", GTK_SORT_ASCENDING);
  ui_test_drain ();
  detail = REG_CUSTOMER_DETAIL (reg_customers_view_get_detail (view));
  count = ui_test_child (view, REG_TYPE_CUSTOMERS_VIEW, "count_label");
  /* nothing selected: nothing to ask */
  gtk_widget_activate_action (GTK_WIDGET (view), "customers.set-channel-selected", NULL);
  ui_test_drain ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* a plain click: that customer's page, alone selected */
  click_row (view, position_of (view, f->bob), FALSE, FALSE);
  ui_test_drain ();
  g_assert_nonnull (reg_customer_detail_get_customer (detail));
  g_assert_cmpint (reg_customer_get_id (reg_customer_detail_get_customer (detail)), ==, f->bob);
  g_assert_true (gtk_widget_get_visible (reg_customers_view_get_detail (view)));
  g_assert_null (strstr (gtk_label_get_text (count), "selected"));

  /* Shift-click on Cat (Bob to Cat), Ctrl-click on Eve: three, Ann and Dan left out */
  click_row (view, position_of (view, f->cat), FALSE, TRUE);
  click_row (view, position_of (view, eve), TRUE, FALSE);
  ui_test_drain ();
  selected = reg_customers_view_get_selected_ids (view);
  g_assert_cmpuint (selected->len, ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (count), "3 selected"));
  /* the page open stays the first one clicked */
  g_assert_cmpint (reg_customer_get_id (reg_customer_detail_get_customer (detail)), ==, f->bob);

  gtk_widget_activate_action (GTK_WIDGET (view), "customers.set-channel-selected", NULL);
  UI_WAIT_UNTIL ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                 10);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 selected customers"));
  gtk_editable_set_text (reg_set_channel_dialog_get_entry (GTK_WIDGET (dialog)), "Flyers");
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();

  {
    const gint64 changed[] = { f->bob, f->cat, eve };
    for (guint i = 0; i < G_N_ELEMENTS (changed); i++)
      {
        g_autofree char *channel = channel_of (f, changed[i]);
        g_assert_cmpstr (channel, ==, "Flyers");
      }
  }
  {
    g_autofree char *ann_channel = channel_of (f, f->ann);
    g_autofree char *dan_channel = channel_of (f, dan);
    g_assert_cmpstr (ann_channel, ==, "Instagram");
    g_assert_cmpstr (dan_channel, ==, "Market");
  }

  /* a plain click again: one customer, their page */
  click_row (view, position_of (view, dan), FALSE, FALSE);
  ui_test_drain ();
  g_clear_pointer (&selected, g_array_unref);
  selected = reg_customers_view_get_selected_ids (view);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpint (g_array_index (selected, gint64, 0), ==, dan);
  g_assert_cmpint (reg_customer_get_id (reg_customer_detail_get_customer (detail)), ==, dan);
  g_assert_null (strstr (gtk_label_get_text (count), "selected"));

  f->widget = GTK_WIDGET (view);
}

/* Setting a channel on a few customers refreshes the Segments view's channel cards at once:
 * no analysis runs, no reload is asked for. */
static void
test_segment_cards_refresh (Fixture *f, gconstpointer data)
{
  RegSegmentsView *view = REG_SEGMENTS_VIEW (reg_segments_view_new ());
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  GtkWidget *box;
  guint flyers = 0;

  g_object_ref_sink (view);
  reg_segments_view_set_shop (view, f->shop);
  gtk_window_set_child (f->window, GTK_WIDGET (view));
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)), 10);
  box = ui_test_child (view, REG_TYPE_SEGMENTS_VIEW, "channel_box");
  /* Instagram only: Cat has no channel */
  UI_WAIT_UNTIL (count_channel_cards (box, NULL, NULL) == 1, 10);

  ids[0] = f->cat;
  ids[1] = f->bob;
  g_assert_cmpint (reg_shop_set_customers_channel (f->shop, ids, 2, "Flyers", &error), ==, 2);
  g_assert_no_error (error);
  UI_WAIT_UNTIL (count_channel_cards (box, NULL, NULL) == 2, 10);
  ui_test_drain ();
  g_assert_cmpuint (count_channel_cards (box, "channel:flyers", &flyers), ==, 2);
  g_assert_cmpuint (flyers, ==, 1);

  f->widget = GTK_WIDGET (view);
}

/* The Segments view's channel cards on a demo shop: one per channel, each selecting the
 * customers of its channel:NAME segment for a campaign or a printed list. */
static void
test_segment_cards (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  RegShop *shop = ui_test_new_demo_shop (150, TRUE, &dir);
  RegWindow *window = reg_window_new (NULL, shop);
  g_autoptr(GArray) figures = reg_shop_channel_figures (shop, 12, NULL, NULL, &error);
  RegSegmentsView *view;
  GtkWidget *box, *card = NULL;
  guint cards = 0, with_channel = 0, instagram = 0;

  g_assert_no_error (error);
  g_object_ref_sink (window);
  reg_window_set_auto_analysis (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);
  reg_window_show_view (window, "segments");
  view = REG_SEGMENTS_VIEW (reg_window_get_view (window, "segments"));
  box = ui_test_child (view, REG_TYPE_SEGMENTS_VIEW, "channel_box");
  UI_WAIT_UNTIL (gtk_widget_get_first_child (box) != NULL, 30);

  for (guint i = 0; i < figures->len; i++)
    {
      const ClvChannelFigures *fig = &g_array_index (figures, ClvChannelFigures, i);
      if (fig->channel != NULL && fig->customers > 0)
        with_channel++;
      if (g_strcmp0 (fig->channel, "instagram") == 0)
        instagram = fig->customers;
    }
  g_assert_cmpuint (instagram, >, 0);
  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));
      cards++;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "spec"), "channel:instagram") == 0)
        card = button;
    }
  g_assert_cmpuint (cards, ==, with_channel);
  g_assert_nonnull (card);
  g_signal_emit_by_name (card, "clicked");
  g_assert_cmpstr (reg_segments_view_get_spec (view), ==, "channel:instagram");
  UI_WAIT_UNTIL (g_list_model_get_n_items (reg_segments_view_get_model (view)) == instagram, 10);
  g_assert_true (gtk_widget_has_css_class (card, "selected"));

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
  g_test_add ("/ui/channels/card", Fixture, NULL, fixture_set_up, test_card, fixture_tear_down);
  g_test_add ("/ui/channels/spend-dialog", Fixture, NULL, fixture_set_up, test_spend_dialog,
              fixture_tear_down);
  g_test_add ("/ui/channels/set-channel", Fixture, NULL, fixture_set_up, test_set_channel,
              fixture_tear_down);
  g_test_add ("/ui/channels/set-channel-selected", Fixture, NULL, fixture_set_up,
              test_set_channel_selected, fixture_tear_down);
  g_test_add_func ("/ui/channels/segment-cards", test_segment_cards);
  g_test_add ("/ui/channels/segment-cards-refresh", Fixture, NULL, fixture_set_up,
              test_segment_cards_refresh, fixture_tear_down);
  return g_test_run ();
}
