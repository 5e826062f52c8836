/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared code of the UI tests (see ui-test-utils.h). Runs on the main thread under Xvfb.
 */
#include "config.h"

#include <stdlib.h>

#include "reg-analysis-job.h"
#include "reg-demo.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"

gboolean
ui_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static char *data_home;   /* (owned) this process's XDG_DATA_HOME */

static void
remove_data_home (void)
{
  if (data_home != NULL)
    reg_test_rm_rf (data_home);
  g_clear_pointer (&data_home, g_free);
}

/* The app's own touches on the theme, as AdwApplication loads them for the app: the widgets
 * tested are measured as owners see them. */
void
ui_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/io/github/regulars/Regulars/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
ui_test_init (int    *argc,
              char ***argv)
{
  /* The demo shop and the default shop go to the user's data folder: a temp dir of this
   * process, set before GLib reads it. (Not G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks it,
   * which the sanitizer build reports.) */
  data_home = g_dir_make_tmp ("regulars-ui-test-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  atexit (remove_data_home);
  reg_test_forbid_gl_driver_at_exit ();

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  ui_test_load_app_style ();
}

RegShop *
ui_test_new_shop (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.regulars", NULL);
  RegShop *shop = reg_shop_open (path, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shop);
  *out_dir = g_steal_pointer (&dir);
  return shop;
}

RegShop *
ui_test_new_demo_shop (guint      customers,
                       gboolean   analyse,
                       char     **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.regulars", NULL);
  RegDemoOptions opts;
  RegShop *shop;

  reg_demo_options_init (&opts);
  opts.customers = customers;
  opts.seed = 7;
  g_assert_true (reg_demo_write (path, &opts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  shop = reg_shop_open (path, FALSE, &error);
  g_assert_no_error (error);

  if (analyse)
    {
      RegAnalysisOptions aopts;
      g_autoptr(RegAnalysisJob) job = NULL;
      g_autoptr(RegAnalysisSummary) summary = NULL;

      reg_analysis_options_init (&aopts);
      job = reg_analysis_job_new (shop, &aopts);
      summary = reg_job_run_sync (REG_JOB (job), &error);
      g_assert_no_error (error);
      g_assert_nonnull (summary);
    }
  *out_dir = g_steal_pointer (&dir);
  return shop;
}

void
ui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gpointer
ui_test_child (gpointer    widget,
               GType       template_type,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), template_type, name);

  g_assert_nonnull (child);
  return child;
}

static GObject *
find_part (GtkWidget  *widget,
           const char *name)
{
  GObject *found = NULL;

  /* only the application's own templates: the toolkit's rows have children named alike */
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Reg"))
    found = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), name);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); found == NULL && c != NULL;
       c = gtk_widget_get_next_sibling (c))
    found = find_part (c, name);
  return found;
}

gpointer
ui_test_part (gpointer    widget,
              const char *name)
{
  GObject *part = find_part (GTK_WIDGET (widget), name);

  g_assert_nonnull (part);
  return part;
}

typedef struct
{
  GtkWidget *widget;
  guint      frames;
} FrameWait;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWait     *wait)
{
  wait->frames++;
  gtk_widget_queue_draw (wait->widget);   /* ask for the next one */
}

void
ui_test_wait_frames (GtkWidget *widget,
                     guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  FrameWait wait = { widget, 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &wait);
  gtk_widget_queue_draw (widget);
  UI_WAIT_UNTIL (wait.frames >= n, 10);
  g_signal_handler_disconnect (clock, id);
}

gboolean
ui_test_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
collect_cut_labels (GtkWidget *widget,
                    GString   *cut,
                    guint     *n_labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_width (widget) > 0)
    {
      GtkLabel *label = GTK_LABEL (widget);

      (*n_labels)++;
      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_string_append_printf (cut, "\"%s\" cut to %d px\n", gtk_label_get_text (label),
                                gtk_widget_get_width (widget));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_labels (child, cut, n_labels);
}

GtkWidget *
ui_test_find (GtkWidget       *widget,
              UiTestMatchFunc  match,
              gconstpointer    data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
ui_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  return ui_test_find (widget, is_named, name);
}

static gboolean
shows_text (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
ui_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  return ui_test_find (widget, shows_text, text);
}

static gboolean
has_tooltip (GtkWidget *widget, gconstpointer text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

GtkWidget *
ui_test_find_tooltip (GtkWidget  *widget,
                      const char *text)
{
  return ui_test_find (widget, has_tooltip, text);
}

static gboolean
is_switcher_bar (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_VIEW_SWITCHER_BAR (widget);
}

void
ui_test_assert_switcher_bar_whole (GtkWidget *window,
                                   guint      n_views)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  GtkWidget *bar = ui_test_find (window, is_switcher_bar, NULL);
  guint n_labels = 0;

  g_assert_nonnull (bar);
  UI_WAIT_UNTIL (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)), 10);
  ui_test_wait_frames (window, 3);
  collect_cut_labels (bar, cut, &n_labels);
  g_assert_cmpuint (n_labels, ==, n_views);
  if (cut->len > 0)
    g_error ("the bottom bar, %d px wide:\n%s", gtk_widget_get_width (window), cut->str);
}

