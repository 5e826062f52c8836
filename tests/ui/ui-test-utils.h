/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the UI tests: a temp shop, a demo shop, waiting on the main loop for a condition
 * (never for a fixed time), and reaching a template child by name.
 */
#pragma once

#include <adwaita.h>

#include "reg-shop.h"

G_BEGIN_DECLS

/* Iterates the default main context until @cond holds; fails the test after @secs seconds. */
#define UI_WAIT_UNTIL(cond, secs)                                                        \
  G_STMT_START {                                                                         \
    gint64 ui_wait_deadline_ = g_get_monotonic_time () + (gint64) (secs) * G_USEC_PER_SEC; \
    guint ui_wait_tick_ = g_timeout_add (20, ui_test_wake_cb, NULL);                     \
    while (!(cond))                                                                      \
      {                                                                                  \
        if (g_get_monotonic_time () > ui_wait_deadline_)                                 \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);        \
        g_main_context_iteration (NULL, TRUE);                                           \
      }                                                                                  \
    g_source_remove (ui_wait_tick_);                                                     \
  } G_STMT_END

gboolean  ui_test_wake_cb          (gpointer    data);
void      ui_test_init             (int        *argc,
                                    char     ***argv);
RegShop  *ui_test_new_shop         (char      **out_dir);
RegShop  *ui_test_new_demo_shop    (guint       customers,
                                    gboolean    analyse,
                                    char      **out_dir);
void      ui_test_drain            (void);
/* The app's own style sheet on the default display, as AdwApplication loads it for the app
 * (ui_test_init() does it). */
void      ui_test_load_app_style   (void);
gpointer  ui_test_child            (gpointer    widget,
                                    GType       template_type,
                                    const char *name);
/* A named template child of @widget or of any of the application's widgets inside it (a
 * window made of page widgets); asserts there is one. */
gpointer  ui_test_part             (gpointer    widget,
                                    const char *name);
void      ui_test_wait_frames      (GtkWidget  *widget,
                                    guint       n);
gboolean  ui_test_focus_within     (GtkWidget  *widget);
/* The first widget under @widget (itself included, parents before their children) that
 * @match says yes to, or NULL. */
typedef gboolean (*UiTestMatchFunc) (GtkWidget *widget, gconstpointer data);
GtkWidget *ui_test_find             (GtkWidget       *widget,
                                     UiTestMatchFunc  match,
                                     gconstpointer    data);
/* ui_test_find() of the widget whose gtk_widget_get_name() is @name, the label showing exactly
 * @text, the widget whose tooltip is exactly @text. */
GtkWidget *ui_test_find_named       (GtkWidget  *widget,
                                     const char *name);
GtkWidget *ui_test_find_label       (GtkWidget  *widget,
                                     const char *text);
GtkWidget *ui_test_find_tooltip     (GtkWidget  *widget,
                                     const char *text);
/* The view switcher's bottom bar is shown under @window and each of its @n_views names is
 * read whole, none ellipsised. */
void      ui_test_assert_switcher_bar_whole (GtkWidget *window,
                                             guint      n_views);

G_END_DECLS
