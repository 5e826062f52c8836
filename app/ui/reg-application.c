/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegApplication owns the command line (--standalone, --version, FILE and the hidden
 * --exit-after-startup and --benchmark), the application actions (new/open shop with
 * GtkFileChooserNative, about, quit), the GSettings "last-shop" key, and opens one RegWindow
 * per shop. Main thread only; each window owns its RegShop.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "reg-application.h"
#include "reg-benchmark.h"
#include "reg-new-shop-dialog.h"
#include "reg-shop.h"
#include "reg-window.h"

struct _RegApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;            /* (owned) (nullable) until startup */
  gboolean        exit_after_startup;
  gboolean        benchmark;
  int             exit_status;
  gint64          start_time;          /* monotonic µs at construction, for --benchmark */
};

G_DEFINE_FINAL_TYPE (RegApplication, reg_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "standalone", 's', 0, G_OPTION_ARG_NONE, NULL,
    N_("Run a separate instance, without handing over to a running one"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { "exit-after-startup", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Quit once the first window has drawn its first frame (smoke tests)", NULL },
  { "benchmark", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Time showing and sorting the Customers view, print the figures and quit", NULL },
  { NULL }
};

/* ---- helpers ---- */

static void
show_error (RegApplication *self,
            GtkWindow      *parent,
            const char     *heading,
            const char     *body)
{
  GtkWidget *dialog;

  if (self->exit_after_startup || self->benchmark)
    {
      g_printerr ("%s: %s\n", heading, body);
      return;
    }
  if (parent == NULL)
    parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_first_frame_cb (GdkFrameClock  *clock,
                   RegApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  /* --exit-after-startup reports what the window showed, for checks from outside */
  if (REG_IS_WINDOW (window))
    {
      g_autofree char *titles = reg_window_dup_view_titles (REG_WINDOW (window));
      g_print ("%s\n", titles);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
quit_after_first_frame (RegApplication *self,
                        GtkWidget      *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame_cb), self, 0);
  gtk_widget_queue_draw (window);
}

static void
open_default_shop (RegApplication *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-shop");

  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR)
      && reg_application_open_shop (self, last, FALSE, NULL))
    return;

  {
    g_autofree char *path = reg_shop_default_path ();
    reg_application_open_shop (self, path, TRUE, NULL);
  }
}

/* ---- file choosers ---- */

static void
add_shop_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) shops = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (shops, _("Regulars shops"));
  gtk_file_filter_add_pattern (shops, "*.regulars");
  gtk_file_chooser_add_filter (chooser, shops);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
on_new_shop_created_cb (RegNewShopDialog *dialog,
                        const char       *path,
                        RegApplication   *self)
{
  reg_application_open_shop (self, path, FALSE, gtk_window_get_transient_for (GTK_WINDOW (dialog)));
}

static void
on_chooser_response_cb (GtkNativeDialog *native,
                        int              response,
                        RegApplication  *self)
{
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (native);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (create)
        {
          /* name, currency and locale are asked before anything is written; a file there is
           * replaced (the chooser asked already) only once the new shop is complete */
          GtkWindow *dialog = reg_new_shop_dialog_new (parent, path);

          g_signal_connect_object (dialog, "created", G_CALLBACK (on_new_shop_created_cb), self, 0);
          gtk_window_present (dialog);
        }
      else
        reg_application_open_shop (self, path, FALSE, parent);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
run_chooser (RegApplication       *self,
             GtkFileChooserAction  action)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (save ? _("New Shop") : _("Open Shop"), parent, action,
                                        save ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_shop_filters (GTK_FILE_CHOOSER (native));
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("New shop.regulars"));
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- actions ---- */

static void
new_shop_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  run_chooser (REG_APPLICATION (user_data), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
open_shop_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  run_chooser (REG_APPLICATION (user_data), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_path_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  RegApplication *self = user_data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  reg_application_open_shop (self, g_variant_get_string (param, NULL), FALSE, active);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Regulars authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Regulars"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Regulars authors"),
                         "developers", developers,
                         "comments", _("Know what each customer is worth, who your regulars are and who is "
                                       "slipping away. Your data stays on your computer."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Regulars authors",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* destroy, so each window saves its size and cancels its analysis */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "new-shop", new_shop_action },
  { "open-shop", open_shop_action },
  { "open-path", open_path_action, "s" },
  { "about", about_action },
  { "quit", quit_action },
};

/* ---- GApplication ---- */

static int
reg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  RegApplication *self = REG_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("regulars %s\n", PACKAGE_VERSION);
      return 0;
    }
  self->exit_after_startup = g_variant_dict_contains (options, "exit-after-startup");
  self->benchmark = g_variant_dict_contains (options, "benchmark");
  if (self->benchmark)
    self->start_time = reg_benchmark_get_process_start ();
  /* the hidden modes measure this process, so they never hand over either */
  if (g_variant_dict_contains (options, "standalone") || self->exit_after_startup || self->benchmark)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (reg_application_parent_class)->handle_local_options (app, options);
}

static void
reg_application_startup (GApplication *app)
{
  RegApplication *self = REG_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (reg_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open-shop", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
reg_application_activate (GApplication *app)
{
  RegApplication *self = REG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  open_default_shop (self);
}

static void
reg_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  RegApplication *self = REG_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *body = g_strdup_printf (_("“%s” is not a local file. Copy it to this computer first."), uri);
          show_error (self, NULL, _("Cannot open the shop"), body);
          self->exit_status = 1;
          continue;
        }
      reg_application_open_shop (self, path, TRUE, NULL);
    }
}

static void
reg_application_dispose (GObject *object)
{
  RegApplication *self = REG_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (reg_application_parent_class)->dispose (object);
}

static void
reg_application_class_init (RegApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = reg_application_dispose;
  app_class->handle_local_options = reg_application_handle_local_options;
  app_class->startup = reg_application_startup;
  app_class->activate = reg_application_activate;
  app_class->open = reg_application_open;
}

static void
reg_application_init (RegApplication *self)
{
  self->start_time = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE]"));
}

RegApplication *
reg_application_new (void)
{
  return g_object_new (REG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/regulars/Regulars",
                       NULL);
}

gboolean
reg_application_open_shop (RegApplication *self,
                           const char     *path,
                           gboolean        create,
                           GtkWindow      *replace)
{
  g_autoptr(RegShop) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  RegWindow *window;

  g_return_val_if_fail (REG_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->benchmark)
    self->start_time = MIN (self->start_time, g_get_monotonic_time ());

  dir = g_path_get_dirname (path);
  if (create)
    g_mkdir_with_parents (dir, 0700);

  shop = reg_shop_open (path, create, &error);
  if (shop == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Cannot open “%s”"), name);

      self->exit_status = 1;
      show_error (self, replace, heading, error->message);
      if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
        {
          /* keep a window up that offers to open or create another shop */
          window = reg_window_new (GTK_APPLICATION (self), NULL);
          gtk_window_present (GTK_WINDOW (window));
          if (self->exit_after_startup)
            quit_after_first_frame (self, GTK_WIDGET (window));
        }
      else if (self->exit_after_startup || self->benchmark)
        g_application_quit (G_APPLICATION (self));
      return FALSE;
    }

  if (self->benchmark)
    {
      gint64 t = g_get_monotonic_time ();
      g_print ("shop opened: %.2f s\n", (t - self->start_time) / 1e6);
      reg_shop_get_customers (shop);
      g_print ("customer list loaded: %.2f s (%.2f s; %.2f s of processor time since start)\n",
               (g_get_monotonic_time () - self->start_time) / 1e6, (g_get_monotonic_time () - t) / 1e6,
               reg_benchmark_get_cpu_time ());
    }
  g_settings_set_string (self->settings, "last-shop", path);
  window = reg_window_new (GTK_APPLICATION (self), shop);
  if (self->benchmark)
    g_print ("window built: %.2f s\n", (g_get_monotonic_time () - self->start_time) / 1e6);
  if (replace != NULL)
    gtk_window_destroy (replace);

  if (self->benchmark)
    {
      reg_window_set_auto_analysis (window, FALSE);
      reg_benchmark_run (window, self->start_time);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (self->exit_after_startup)
    quit_after_first_frame (self, GTK_WIDGET (window));
  return TRUE;
}

int
reg_application_get_exit_status (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), 1);
  return self->exit_status;
}

/* What the program exits with once the application quits (the benchmark's failures). */
void
reg_application_set_exit_status (RegApplication *self,
                                 int             status)
{
  g_return_if_fail (REG_IS_APPLICATION (self));
  self->exit_status = status;
}
