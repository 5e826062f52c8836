/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegView, the wiring the window's views share: the shop given once, changes passed to the
 * view as they come, and one reload for a burst of changes, when the main loop is idle. A
 * small view of the test's own counts what it is asked to do; the Segments view shows the
 * same on a real page.
 */
#include "config.h"

#include "clv-date.h"
#include "reg-segments-view.h"
#include "reg-test-utils.h"
#include "reg-view.h"
#include "ui-test-utils.h"

/* ---- a view that counts ---- */

#define TEST_TYPE_VIEW (test_view_get_type ())
G_DECLARE_FINAL_TYPE (TestView, test_view, TEST, VIEW, GtkWidget)

struct _TestView
{
  GtkWidget  parent_instance;
  RegShop   *shop;        /* (owned) (nullable) */
  guint      sets;        /* set_shop calls */
  guint      changes;     /* shop_changed calls */
  guint      reloads;     /* reload calls */
  gboolean   has_shop_at_reload;
};

static void test_view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestView, test_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, test_view_iface_init))

static void
test_view_set_shop (RegView *view,
                    RegShop *shop)
{
  TestView *self = TEST_VIEW (view);

  g_set_object (&self->shop, shop);
  self->sets++;
}

/* settings changes only, as a view whose lists follow the shop by themselves */
static gboolean
test_view_shop_changed (RegView       *view,
                        RegShopChange  kind,
                        gint64         id)
{
  TEST_VIEW (view)->changes++;
  return kind == REG_SHOP_CHANGE_SETTINGS || kind == REG_SHOP_CHANGE_ALL;
}

static void
test_view_reload (RegView *view)
{
  TestView *self = TEST_VIEW (view);

  self->reloads++;
  self->has_shop_at_reload = self->shop != NULL;
}

static void
test_view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = test_view_set_shop;
  iface->shop_changed = test_view_shop_changed;
  iface->reload = test_view_reload;
}

static void
test_view_finalize (GObject *object)
{
  g_clear_object (&TEST_VIEW (object)->shop);
  G_OBJECT_CLASS (test_view_parent_class)->finalize (object);
}

static void
test_view_class_init (TestViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_view_finalize;
}

static void
test_view_init (TestView *self)
{
}

/* ---- the tests ---- */

static void
drain_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The shop once, shown at once; the same shop again changes nothing. */
static void
test_set_shop (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = ui_test_new_shop (&dir);
  TestView *view = g_object_ref_sink (g_object_new (TEST_TYPE_VIEW, NULL));

  reg_view_set_shop (REG_VIEW (view), shop);
  g_assert_cmpuint (view->sets, ==, 1);
  g_assert_cmpuint (view->reloads, ==, 1);
  g_assert_true (view->has_shop_at_reload);
  g_assert_true (reg_view_get_shop (REG_VIEW (view)) == shop);

  reg_view_set_shop (REG_VIEW (view), shop);
  g_assert_cmpuint (view->sets, ==, 1);
  g_assert_cmpuint (view->reloads, ==, 1);

  /* taken away: the view lets go of it and no longer hears of its changes */
  reg_view_set_shop (REG_VIEW (view), NULL);
  g_assert_cmpuint (view->sets, ==, 2);
  g_assert_null (reg_view_get_shop (REG_VIEW (view)));
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  drain_idle ();
  g_assert_cmpuint (view->changes, ==, 0);

  g_object_unref (view);
  reg_test_rm_rf (dir);
}

/* A burst of changes is one reload, when the main loop is idle; a change the view does not
 * want is none. */
static void
test_changes_coalesce (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = ui_test_new_shop (&dir);
  TestView *view = g_object_ref_sink (g_object_new (TEST_TYPE_VIEW, NULL));

  reg_view_set_shop (REG_VIEW (view), shop);
  view->reloads = 0;

  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_SALE, 1);
  drain_idle ();
  g_assert_cmpuint (view->changes, ==, 1);
  g_assert_cmpuint (view->reloads, ==, 0);

  for (guint i = 0; i < 5; i++)
    reg_shop_notify_changed (shop, REG_SHOP_CHANGE_SETTINGS, 0);
  g_assert_cmpuint (view->changes, ==, 6);
  g_assert_cmpuint (view->reloads, ==, 0);   /* not before the main loop runs */
  drain_idle ();
  g_assert_cmpuint (view->reloads, ==, 1);

  /* a reload asked for now takes the place of the queued one */
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  reg_view_reload (REG_VIEW (view));
  g_assert_cmpuint (view->reloads, ==, 2);
  drain_idle ();
  g_assert_cmpuint (view->reloads, ==, 2);

  g_object_unref (view);
  reg_test_rm_rf (dir);
}

/* A view destroyed with a reload queued is not reloaded, and the shop outlives it. */
static void
test_destroy_with_reload_queued (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = ui_test_new_shop (&dir);
  GtkWidget *window = gtk_window_new ();
  TestView *view = g_object_new (TEST_TYPE_VIEW, NULL);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  reg_view_set_shop (REG_VIEW (view), shop);
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_idle ();
  g_assert_null (view);
  /* no handler of the view is left on the shop */
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  drain_idle ();
  reg_test_rm_rf (dir);
}

/* The Segments view reloads once after a burst of changes it cares about: its cards show an
 * analysis that arrived since. */
static void
test_segments_view (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RegShop) shop = ui_test_new_shop (&dir);
  GtkWidget *window = gtk_window_new ();
  RegSegmentsView *view = REG_SEGMENTS_VIEW (reg_segments_view_new ());
  GtkStack *stack;

  g_assert_true (REG_IS_VIEW (view));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  reg_segments_view_set_shop (view, shop);
  stack = ui_test_child (view, REG_TYPE_SEGMENTS_VIEW, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* a first sale, then the bulk change an import or analysis announces */
  {
    g_autoptr(GError) error = NULL;
    RegCustomerRecord rec = { 0 };
    gint64 customer;

    rec.name = (char *) "Ann Example";
    customer = reg_shop_add_customer (shop, &rec, &error);
    g_assert_no_error (error);
    reg_shop_record_sale (shop, customer, clv_date_today () - 30, 1250, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");   /* single edits wait */
  reg_shop_notify_changed (shop, REG_SHOP_CHANGE_ALL, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  drain_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/view/set-shop", test_set_shop);
  g_test_add_func ("/ui/view/changes-coalesce", test_changes_coalesce);
  g_test_add_func ("/ui/view/destroy-with-reload-queued", test_destroy_with_reload_queued);
  g_test_add_func ("/ui/view/segments", test_segments_view);
  return g_test_run ();
}
