/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegWindow shows one shop: the view stack with its switcher (title when wide, bar when
 * narrow), the primary menu, toasts, and the shortcuts of the window. It also runs the
 * background RegAnalysisJob that refreshes the figures, debounced after each change, and hands
 * the summary to the Overview. The views get the shop (and read from it) when first shown or
 * asked for: a shop of 100,000 customers opens with only the view it shows loaded; the
 * Overview's figures wait here until then. Main thread only; owns a reference to the shop, the
 * job and the waiting figures.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "reg-analysis-job.h"
#include "reg-customers-view.h"
#include "reg-demo.h"
#include "reg-import-wizard.h"
#include "reg-overview-view.h"
#include "reg-preferences-window.h"
#include "reg-reports-view.h"
#include "reg-sales-view.h"
#include "reg-products-view.h"
#include "reg-segments-view.h"
#include "reg-ui-util.h"
#include "reg-window.h"

/* Wait this long after the last change before analysing again. */
#define ANALYSIS_DELAY_MS 1000

struct _RegWindow
{
  AdwApplicationWindow  parent_instance;

  RegShop              *shop;               /* (owned) (nullable) */
  GSettings            *settings;           /* (owned) (nullable) without schema */
  RegAnalysisJob       *analysis_job;       /* (owned) (nullable) the running analysis */
  guint                 analysis_timeout_id;
  gboolean              analysis_pending;   /* a change arrived while the job ran */
  gboolean              auto_analysis;
  GCancellable         *demo_cancellable;   /* (owned) (nullable) */
  GtkWindow            *import_wizard;      /* (unowned) (nullable) the open wizard, weak */
  guint                 views_loaded;       /* bit per view_names[] entry: has the shop */
  RegAnalysisSummary   *pending_summary;    /* (owned) (nullable) for the Overview, once loaded */
  gboolean              summary_pending;    /* pending_summary (even NULL) waits for the Overview */

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkSpinner           *analysis_spinner;
  RegOverviewView      *overview_view;
  RegCustomersView     *customers_view;
  RegSalesView         *sales_view;
  RegSegmentsView      *segments_view;
  RegProductsView      *products_view;
  RegReportsView       *reports_view;
};

enum
{
  PROP_0,
  PROP_SHOP,
  PROP_AUTO_ANALYSIS,
  PROP_ANALYSIS_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RegWindow, reg_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_analysis (RegWindow *self);

/* In the order of ensure_view ()'s switch. */
static const char *view_names[] = { "overview", "customers", "sales", "segments", "reports",
                                     "products" };

/* ---- views ---- */

/* Hands the shop to the view called name, the first time only. */
static void
ensure_view (RegWindow  *self,
             const char *name)
{
  if (self->shop == NULL || name == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      if (!g_str_equal (name, view_names[i]))
        continue;
      if (self->views_loaded & (1u << i))
        return;
      self->views_loaded |= 1u << i;
      switch (i)
        {
        case 0:
          reg_overview_view_set_shop (self->overview_view, self->shop);
          if (self->summary_pending)
            {
              self->summary_pending = FALSE;
              reg_overview_view_set_summary (self->overview_view, g_steal_pointer (&self->pending_summary));
            }
          break;
        case 1:
          reg_customers_view_set_shop (self->customers_view, self->shop);
          break;
        case 2:
          reg_sales_view_set_shop (self->sales_view, self->shop);
          break;
        case 3:
          reg_segments_view_set_shop (self->segments_view, self->shop);
          break;
        case 4:
          reg_reports_view_set_shop (self->reports_view, self->shop);
          break;
        case 5:
        default:
          reg_products_view_set_shop (self->products_view, self->shop);
          break;
        }
      return;
    }
}

/* Hands the figures to the Overview, or keeps them until it has the shop (which clears them). */
static void
show_summary (RegWindow          *self,
              RegAnalysisSummary *summary)
{
  if (self->views_loaded & 1u)
    {
      reg_overview_view_set_summary (self->overview_view, summary);
      return;
    }
  g_clear_pointer (&self->pending_summary, reg_analysis_summary_free);
  self->pending_summary = summary;
  self->summary_pending = TRUE;
}

static void
on_visible_view_cb (AdwViewStack *stack,
                    GParamSpec   *pspec,
                    RegWindow    *self)
{
  ensure_view (self, adw_view_stack_get_visible_child_name (stack));
}

/* ---- analysis ---- */

static void
set_job (RegWindow      *self,
         RegAnalysisJob *job)
{
  if (self->analysis_job == job)
    return;
  g_set_object (&self->analysis_job, job);
  gtk_spinner_set_spinning (self->analysis_spinner, job != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->analysis_spinner), job != NULL);
  reg_overview_view_set_job (self->overview_view, job != NULL ? REG_JOB (job) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS_RUNNING]);
}

static void
on_analysis_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RegWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RegAnalysisSummary *summary = reg_job_run_finish (REG_JOB (source), result, &error);

  if ((gpointer) self->analysis_job == (gpointer) source)
    set_job (self, NULL);

  if (summary != NULL)
    show_summary (self, summary);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* toast titles are markup: the message is text */
      g_autofree char *text = g_markup_printf_escaped (_("The figures could not be updated: %s"),
                                                       error->message);
      reg_window_add_toast (self, adw_toast_new (text));
    }

  if (self->analysis_pending && self->shop != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      self->analysis_pending = FALSE;
      start_analysis (self);
    }
}

static void
start_analysis (RegWindow *self)
{
  g_autoptr(RegAnalysisJob) job = NULL;
  RegAnalysisOptions opts;

  g_clear_handle_id (&self->analysis_timeout_id, g_source_remove);
  if (self->shop == NULL)
    return;
  if (self->analysis_job != NULL)
    {
      self->analysis_pending = TRUE;
      return;
    }
  if (reg_shop_is_empty (self->shop))
    {
      show_summary (self, NULL);
      return;
    }

  reg_analysis_options_init (&opts);
  job = reg_analysis_job_new (self->shop, &opts);
  set_job (self, job);
  reg_job_run_async (REG_JOB (job), on_analysis_done_cb, g_object_ref (self));
}

static gboolean
on_analysis_timeout_cb (gpointer user_data)
{
  RegWindow *self = user_data;

  self->analysis_timeout_id = 0;
  start_analysis (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_analysis (RegWindow *self,
                   guint      delay_ms)
{
  if (!self->auto_analysis)
    return;
  g_clear_handle_id (&self->analysis_timeout_id, g_source_remove);
  self->analysis_timeout_id = g_timeout_add (delay_ms, on_analysis_timeout_cb, self);
}

/* The shop's name in the title (the file's name until it has one); it changes in the
 * preferences. */
static void
update_title (RegWindow *self)
{
  g_autofree char *name = reg_shop_dup_name (self->shop);
  g_autofree char *file = g_filename_display_basename (reg_shop_get_path (self->shop));
  const char *title = name != NULL && *name != '\0' ? name : file;
  g_autofree char *window_title = g_strdup_printf (_("%s — Regulars"), title);

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, file);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
on_shop_changed_cb (RegShop   *shop,
                    int        kind,
                    gint64     id,
                    RegWindow *self)
{
  /* New scores are the analysis's own output: they must not start another analysis. */
  if (kind == REG_SHOP_CHANGE_SCORES)
    return;
  if (kind == REG_SHOP_CHANGE_SETTINGS)
    update_title (self);

  if (self->analysis_job != NULL)
    self->analysis_pending = TRUE;
  else
    schedule_analysis (self, ANALYSIS_DELAY_MS);
}

/* ---- demo shop ---- */

static void
write_demo_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  RegDemoOptions opts;
  guint64 n_sales = 0;

  reg_demo_options_init (&opts);
  if (!reg_demo_write (path, &opts, NULL, NULL, &n_sales, &error))
    {
      g_unlink (path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_demo_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RegWindow *self = REG_WINDOW (source);
  g_autoptr(GError) error = NULL;
  const char *path = g_task_get_task_data (G_TASK (result));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_markup_printf_escaped (_("The demo shop could not be made: %s"),
                                                           error->message);
          reg_window_add_toast (self, adw_toast_new (text));
        }
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-path", "s", path);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RegWindow *self = REG_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "regulars", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.regulars", NULL);
  g_autoptr(GTask) task = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      gtk_widget_activate_action (widget, "app.open-path", "s", path);
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  reg_window_add_toast (self, adw_toast_new (_("Making the demo shop…")));
  gtk_widget_action_set_enabled (widget, "win.open-demo", FALSE);
  g_clear_object (&self->demo_cancellable);
  self->demo_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->demo_cancellable, on_demo_written_cb, NULL);
  g_task_set_source_tag (task, open_demo_action);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, write_demo_in_thread);
}

/* ---- actions ---- */

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  reg_window_show_view (REG_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* The customers of a segment (such as bought:CODE, from the Products view), on the Segments
 * view, where they can be printed or exported. */
static void
show_segment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RegWindow *self = REG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  reg_window_show_view (self, "segments");
  if (!reg_segments_view_select (self->segments_view, g_variant_get_string (param, NULL), &error))
    reg_ui_toast_text (widget, error->message);
}

static void
new_sale_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RegWindow *self = REG_WINDOW (widget);

  reg_window_show_view (self, "sales");
  reg_sales_view_focus_entry (self->sales_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RegWindow *self = REG_WINDOW (widget);

  reg_window_show_view (self, "customers");
  reg_customers_view_focus_search (self->customers_view);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  reg_window_open_import (REG_WINDOW (widget), NULL);
}

/* A file dropped on the window: the import wizard, reading it. */
static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            RegWindow     *self)
{
  GFile *file = NULL;

  if (self->shop == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
      if (files != NULL && files->next != NULL)
        reg_window_add_toast (self, adw_toast_new (_("One file at a time: importing the first one")));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  reg_window_open_import (self, file);
  return TRUE;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  reg_window_open_preferences (REG_WINDOW (widget));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  reg_window_refresh_analysis (REG_WINDOW (widget));
}

static void
cancel_analysis_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RegWindow *self = REG_WINDOW (widget);

  self->analysis_pending = FALSE;
  if (self->analysis_job != NULL)
    reg_job_cancel (REG_JOB (self->analysis_job));
}

/* ---- GObject ---- */

static void
reg_window_constructed (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_OBJECT_CLASS (reg_window_parent_class)->constructed (object);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }

  if (self->shop == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "no-shop");
      adw_view_switcher_title_set_title (self->switcher_title, _("Regulars"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-sale", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", FALSE);
      return;
    }

  update_title (self);

  /* the view shown when the window is (see reg_window_show), the others when first shown */
  g_signal_connect (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_visible_view_cb), self);
  g_signal_connect_object (self->shop, "changed", G_CALLBACK (on_shop_changed_cb), self, 0);

  /* show the last analysis at once; start a fresh one when there is none */
  {
    g_autoptr(GError) error = NULL;
    RegAnalysisSummary *summary = reg_shop_load_latest_analysis (self->shop, &error);

    if (summary != NULL)
      show_summary (self, summary);
    else
      {
        if (error != NULL)
          g_debug ("No analysis to show: %s", error->message);
        if (!reg_shop_is_empty (self->shop))
          schedule_analysis (self, 100);
      }
  }
}

static void
reg_window_show (GtkWidget *widget)
{
  RegWindow *self = REG_WINDOW (widget);

  /* before the window measures its content: the page shown has its rows then */
  ensure_view (self, adw_view_stack_get_visible_child_name (self->view_stack));
  GTK_WIDGET_CLASS (reg_window_parent_class)->show (widget);
}

static void
reg_window_dispose (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);

  g_clear_handle_id (&self->analysis_timeout_id, g_source_remove);
  if (self->analysis_job != NULL)
    reg_job_cancel (REG_JOB (self->analysis_job));
  g_clear_object (&self->analysis_job);
  if (self->import_wizard != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->import_wizard), (gpointer *) &self->import_wizard);
  self->import_wizard = NULL;
  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->view_stack, on_visible_view_cb, self);
  g_clear_pointer (&self->pending_summary, reg_analysis_summary_free);
  g_clear_object (&self->settings);


  G_OBJECT_CLASS (reg_window_parent_class)->dispose (object);
}

static void
reg_window_finalize (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);

  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_window_parent_class)->finalize (object);
}

static void
reg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RegWindow *self = REG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      g_value_set_object (value, self->shop);
      break;
    case PROP_AUTO_ANALYSIS:
      g_value_set_boolean (value, self->auto_analysis);
      break;
    case PROP_ANALYSIS_RUNNING:
      g_value_set_boolean (value, self->analysis_job != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RegWindow *self = REG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOP:
      self->shop = g_value_dup_object (value);
      break;
    case PROP_AUTO_ANALYSIS:
      reg_window_set_auto_analysis (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_window_class_init (RegWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; const char *view; } view_keys[] = {
    { GDK_KEY_1, "overview" }, { GDK_KEY_2, "customers" }, { GDK_KEY_3, "sales" },
    { GDK_KEY_4, "segments" }, { GDK_KEY_5, "reports" }, { GDK_KEY_6, "products" },
  };

  object_class->constructed = reg_window_constructed;
  object_class->dispose = reg_window_dispose;
  object_class->finalize = reg_window_finalize;
  object_class->get_property = reg_window_get_property;
  object_class->set_property = reg_window_set_property;
  widget_class->show = reg_window_show;

  properties[PROP_SHOP] =
    g_param_spec_object ("shop", NULL, NULL, REG_TYPE_SHOP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_ANALYSIS] =
    g_param_spec_boolean ("auto-analysis", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS_RUNNING] =
    g_param_spec_boolean ("analysis-running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REG_TYPE_OVERVIEW_VIEW);
  g_type_ensure (REG_TYPE_CUSTOMERS_VIEW);
  g_type_ensure (REG_TYPE_SALES_VIEW);
  g_type_ensure (REG_TYPE_SEGMENTS_VIEW);
  g_type_ensure (REG_TYPE_PRODUCTS_VIEW);
  g_type_ensure (REG_TYPE_REPORTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/regulars/Regulars/ui/reg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RegWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, analysis_spinner);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, overview_view);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, customers_view);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, sales_view);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, segments_view);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, products_view);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, reports_view);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-segment", "s", show_segment_action);
  gtk_widget_class_install_action (widget_class, "win.new-sale", NULL, new_sale_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-analysis", NULL, cancel_analysis_action);

  for (guint i = 0; i < G_N_ELEMENTS (view_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, view_keys[i].key, GDK_CONTROL_MASK,
                                         "win.show-view", "s", view_keys[i].view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-sale", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

/* Six views share the bottom bar of a phone-wide window. libadwaita keeps a margin of 10 px on
 * each side of the switcher inside the bar; given to the buttons, that room lets "Customers"
 * and "Segments" be read whole rather than as "Custom…". */
static void
give_switcher_bar_the_width (GtkWidget *widget)
{
  if (ADW_IS_VIEW_SWITCHER (widget))
    {
      gtk_widget_set_margin_start (widget, 0);
      gtk_widget_set_margin_end (widget, 0);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    give_switcher_bar_the_width (child);
}

static void
reg_window_init (RegWindow *self)
{
  GtkDropTarget *drop;

  self->auto_analysis = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  give_switcher_bar_the_width (GTK_WIDGET (self->switcher_bar));

  /* files dropped from a file manager: one GFile, or a list of them */
  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* ---- public ---- */

RegWindow *
reg_window_new (GtkApplication *application,
                RegShop        *shop)
{
  return g_object_new (REG_TYPE_WINDOW, "application", application, "shop", shop, NULL);
}

RegShop *
reg_window_get_shop (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  return self->shop;
}

void
reg_window_show_view (RegWindow  *self,
                      const char *name)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  if (self->shop == NULL || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
reg_window_get_visible_view (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/* The titles of the views as the switcher shows them, in order, joined by ", " (newly
 * allocated): what `regulars --exit-after-startup` reports, in the user's language. */
char *
reg_window_dup_view_titles (RegWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  pages = adw_view_stack_get_pages (self->view_stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *title = adw_view_stack_page_get_title (page);
      GString *plain;

      if (title == NULL)
        continue;
      /* as read, without the mnemonic's underscore */
      plain = g_string_new (title);
      if (adw_view_stack_page_get_use_underline (page))
        g_string_replace (plain, "_", "", 0);
      g_ptr_array_add (titles, g_string_free (plain, FALSE));
    }
  g_ptr_array_add (titles, NULL);
  return g_strjoinv (", ", (char **) titles->pdata);
}

/* Returns the view with the shop handed to it: the caller is about to use it. */
GtkWidget *
reg_window_get_view (RegWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  ensure_view (self, name);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

void
reg_window_add_toast (RegWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (REG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
reg_window_get_auto_analysis (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), FALSE);
  return self->auto_analysis;
}

void
reg_window_set_auto_analysis (RegWindow *self,
                              gboolean   auto_analysis)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  auto_analysis = !!auto_analysis;
  if (self->auto_analysis == auto_analysis)
    return;
  self->auto_analysis = auto_analysis;
  if (!auto_analysis)
    g_clear_handle_id (&self->analysis_timeout_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_ANALYSIS]);
}

gboolean
reg_window_get_analysis_running (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), FALSE);
  return self->analysis_job != NULL;
}

void
reg_window_refresh_analysis (RegWindow *self)
{
  g_return_if_fail (REG_IS_WINDOW (self));
  start_analysis (self);
}

/**
 * reg_window_open_import:
 * @file: (nullable): a file to read at once (dropped on the window), or NULL to let the owner
 *   choose
 *
 * Shows the import wizard over the window (the open one, when there is one).
 * Returns: (transfer none): the wizard
 */
GtkWindow *
reg_window_open_import (RegWindow *self,
                        GFile     *file)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);

  if (self->shop == NULL)
    return NULL;
  if (self->import_wizard == NULL)
    {
      self->import_wizard = reg_import_wizard_new (self->shop);
      g_object_add_weak_pointer (G_OBJECT (self->import_wizard), (gpointer *) &self->import_wizard);
      gtk_window_set_transient_for (self->import_wizard, GTK_WINDOW (self));
    }
  if (file != NULL)
    reg_import_wizard_set_file (REG_IMPORT_WIZARD (self->import_wizard), file);
  gtk_window_present (self->import_wizard);
  return self->import_wizard;
}

/**
 * reg_window_open_preferences:
 *
 * Shows the shop's preferences over the window (Ctrl+comma). A change made there reaches the
 * window as a settings change, which works the figures out again.
 * Returns: (transfer none): the preferences window
 */
GtkWindow *
reg_window_open_preferences (RegWindow *self)
{
  GtkWindow *prefs;

  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);

  if (self->shop == NULL)
    return NULL;
  prefs = reg_preferences_window_new (self->shop);
  gtk_window_set_transient_for (prefs, GTK_WINDOW (self));
  gtk_window_present (prefs);
  return prefs;
}
