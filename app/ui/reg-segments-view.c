/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments page. Cards come from the shop's latest analysis (tiers, RFM groups, at-risk
 * count); every card and the filter builder's button activate "segments.select" with a
 * segment spec, which reg_segment_parse() reads and reg_segment_list() lists. The selection
 * can leave as a campaign list (RegCampaignJob, with a control group) or on paper
 * (RegLoyaltyPrint); the campaigns sent are listed with their measured effect a click away.
 * Reloads itself after analyses, imports and settings changes. The cards are
 * reg-segments-cards.c. Main thread only; owns the shop reference, the selection's list model
 * and the running export job.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clv-segments.h"
#include "reg-analysis-job.h"
#include "reg-campaign-dialog.h"
#include "reg-customer.h"
#include "reg-loyalty-print.h"
#include "reg-segment.h"
#include "reg-segments-view-private.h"
#include "reg-view.h"
#include "reg-ui-util.h"
#include "reg-width-watch.h"

static void view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegSegmentsView, reg_segments_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, view_iface_init))

typedef enum
{
  COL_NAME,
  COL_EMAIL,
  COL_LAST,
  COL_VALUE,
  COL_P_ALIVE,
  COL_WHY,
} Column;
/* ---- the selection's list ---- */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), column == COL_VALUE || column == COL_P_ALIVE ? 1 : 0);
  if (column == COL_VALUE || column == COL_P_ALIVE)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COL_EMAIL || column == COL_WHY)
    gtk_widget_add_css_class (label, "dim-label");
  if (column == COL_WHY)
    {
      /* a reason is a short sentence with figures: two lines before it is cut */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  RegCustomer *c = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  RegSegmentsView *self = g_object_get_data (G_OBJECT (factory), "view");
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_NAME:
      gtk_label_set_text (label, reg_customer_get_name (c));
      return;
    case COL_EMAIL:
      gtk_label_set_text (label, reg_customer_get_email (c) != NULL ? reg_customer_get_email (c) : "");
      return;
    case COL_LAST:
      text = reg_shop_format_date (self->shop, reg_customer_get_last_purchase (c));
      break;
    case COL_VALUE:
      text = reg_customer_get_clv (c) >= 0 ? reg_segments_view_format_money (self, reg_customer_get_clv (c))
                                           : reg_shop_format_amount (self->shop, reg_customer_get_total_spend (c));
      break;
    case COL_P_ALIVE:
      text = reg_customer_get_p_alive (c) >= 0 ? reg_ui_format_percent (reg_customer_get_p_alive (c))
                                               : g_strdup ("—");
      break;
    case COL_WHY:
    default:
      {
        g_autofree char *locale = reg_shop_get_setting (self->shop, REG_SETTING_LOCALE);

        text = reg_at_risk_reason (reg_customer_get_row (c), locale);
      }
      if (text == NULL)
        text = g_strdup (reg_ui_rfm_label (reg_customer_get_rfm_group (c)));
      break;
    }
  gtk_label_set_text (label, text != NULL ? text : "");
  /* the reason is a sentence with figures: all of it on hover when the column cuts it */
  if (column == COL_WHY)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
add_column (RegSegmentsView *self,
            Column           column,
            const char      *title,
            gboolean         expand,
            int              width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_object_set_data (G_OBJECT (factory), "view", self);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (col, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_append_column (self->column_view, col);
}

static gboolean
fill_selection (RegSegmentsView  *self,
                const char       *spec,
                GError          **error)
{
  g_autoptr(RegSegment) segment = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *description = NULL;
  g_autofree char *total_text = NULL;
  g_autofree RegCustomer **items = NULL;
  double total = 0;
  gsize n = 0;
  gboolean predicted = FALSE;

  segment = reg_segment_parse (self->shop, spec, error);
  if (segment == NULL)
    return FALSE;
  rows = reg_shop_list_segment (self->shop, segment, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RegCustomerRow *r = g_ptr_array_index (rows, i);
      predicted = predicted || r->clv >= 0;
      total += r->clv >= 0 ? r->clv : (double) r->total_spend;
    }
  /* the rows move into RegCustomer objects, which own them from here */
  g_ptr_array_set_free_func (rows, NULL);
  items = g_new (RegCustomer *, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    items[n++] = reg_customer_new_from_row (g_ptr_array_index (rows, i));
  g_list_store_splice (self->customers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->customers)),
                       (gpointer *) items, (guint) n);
  for (gsize i = 0; i < n; i++)
    g_object_unref (items[i]);

  g_free (self->spec);
  self->spec = g_strdup (spec);
  self->predicted = predicted;
  title = reg_segment_title (segment);
  g_free (self->title);
  self->title = g_strdup (title);
  rule = reg_segment_describe (segment);
  total_text = reg_segments_view_format_money (self, total);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u customer, worth %s %s.",
                                              "%s %u customers, worth %s %s.", n),
                                 rule, (guint) n, total_text,
                                 predicted ? _("in predicted value") : _("in what they spent"));
  /* group titles and descriptions are Pango markup: a filter's rule has "<" and ">" in it */
  {
    g_autofree char *title_markup = g_markup_escape_text (title, -1);
    g_autofree char *description_markup = g_markup_escape_text (description, -1);

    adw_preferences_group_set_title (self->selection_group, title_markup);
    adw_preferences_group_set_description (self->selection_group, description_markup);
  }
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.export", n > 0 && self->export_job == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.print", n > 0);
  reg_segments_view_mark_selected_cards (self);
  return TRUE;
}

/* ---- campaigns ---- */

static void
fill_campaigns (RegSegmentsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = reg_shop_list_campaigns (self->shop, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->campaign_list))) != NULL)
    gtk_list_box_remove (self->campaign_list, child);
  self->n_campaigns = campaigns != NULL ? campaigns->len : 0;

  if (self->n_campaigns == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error != NULL ? error->message
                                                   : _("No campaigns yet: export a list to start one."));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->campaign_list, row);
      return;
    }
  for (guint i = 0; i < campaigns->len; i++)
    {
      const RegCampaignRecord *c = g_ptr_array_index (campaigns, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *day = reg_shop_format_date (self->shop, c->started_on);
      g_autofree char *subtitle = NULL;

      /* Translators: under a campaign's name: its date, then who got it and who was held back */
      subtitle = g_strdup_printf (_("%s · %u got the list, %u held back"), day, c->treatment, c->control);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "segments.show-campaign");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (c->id));
      gtk_list_box_append (self->campaign_list, row);
    }
}

/* ---- reloading ---- */

static gboolean
view_shop_changed (RegView       *view,
                   RegShopChange  kind,
                   gint64         id)
{
  /* new scores, a bulk change or new settings change the cards; single edits wait for the
   * analysis they start, but for the channel cards, which need none */
  if (kind == REG_SHOP_CHANGE_CUSTOMER)
    reg_segments_view_queue_channel_cards (REG_SEGMENTS_VIEW (view));
  return kind == REG_SHOP_CHANGE_SCORES || kind == REG_SHOP_CHANGE_ALL
         || kind == REG_SHOP_CHANGE_SETTINGS || kind == REG_SHOP_CHANGE_CUSTOMER_REMOVED;
}

/* ---- export ---- */

static void
on_export_progress_cb (RegJob          *job,
                       GParamSpec      *pspec,
                       RegSegmentsView *self)
{
  double fraction = reg_job_get_fraction (job);
  const char *status = reg_job_get_status_text (job);

  gtk_progress_bar_set_text (self->export_progress,
                             status != NULL && *status != '\0' ? status : _("Writing the list…"));
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->export_progress, CLAMP (fraction, 0.0, 1.0));
  else
    gtk_progress_bar_pulse (self->export_progress);
}

static void
set_export_job (RegSegmentsView *self,
                RegCampaignJob  *job)
{
  if (self->export_job != NULL)
    g_signal_handlers_disconnect_by_data (self->export_job, self);
  g_set_object (&self->export_job, job);
  gtk_revealer_set_reveal_child (self->export_revealer, job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.export",
                                 job == NULL && self->spec != NULL
                                 && g_list_model_get_n_items (G_LIST_MODEL (self->customers)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.cancel-export", job != NULL);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RegSegmentsView) self = user_data;
  g_autoptr(GError) error = NULL;
  RegCampaignExport *e = reg_job_run_finish (REG_JOB (source), result, &error);

  if ((gpointer) self->export_job == (gpointer) source)
    set_export_job (self, NULL);
  if (e == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The campaign list was not written: %s"), error->message);
          reg_ui_toast_text (GTK_WIDGET (self), text);
        }
      return;
    }
  g_clear_pointer (&self->last_export, reg_campaign_export_free);
  self->last_export = e;
  {
    g_autofree char *text = reg_campaign_export_words (e);

    reg_ui_toast_text (GTK_WIDGET (self), text);
  }
  if (self->shop != NULL)
    fill_campaigns (self);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               RegSegmentsView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      gboolean xlsx = filter != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (filter), "ext"), ".xlsx") == 0;

      if (path != NULL && !g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".xlsx"))
        {
          char *with = g_strconcat (path, xlsx ? ".xlsx" : ".csv", NULL);
          g_free (path);
          path = with;
        }
      if (path != NULL)
        reg_segments_view_export_to (self, path);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *csv_name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->spec == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export Campaign List"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  csv_name = reg_segments_view_csv_filter_name (self);
  gtk_file_filter_set_name (csv, csv_name);
  gtk_file_filter_add_pattern (csv, "*.csv");
  g_object_set_data (G_OBJECT (csv), "ext", (gpointer) ".csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_filter_set_name (xlsx, _("Excel workbook"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  g_object_set_data (G_OBJECT (xlsx), "ext", (gpointer) ".xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), xlsx);
  {
    g_autofree char *clean = g_strdup (self->title != NULL ? self->title : "");

    g_strdelimit (clean, "/\\:*?\"<>|", '-');
    /* Translators: file name of a campaign list; %s is the selection's title */
    name = g_strdup_printf (_("%s campaign.csv"), clean);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (widget);

  if (self->export_job != NULL)
    reg_job_cancel (REG_JOB (self->export_job));
}

/* ---- other actions ---- */

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!reg_segments_view_select (self, g_variant_get_string (param, NULL), &error))
    reg_ui_toast_text (widget, error->message);
}

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  RegSegmentsView         *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      gtk_print_operation_get_error (op, &error);
      text = g_strdup_printf (_("The list was not printed: %s"), error != NULL ? error->message : "?");
      reg_ui_toast_text (GTK_WIDGET (self), text);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegLoyaltyPrint) op = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->spec == NULL)
    return;
  op = reg_loyalty_print_new_for (self->shop, self->spec, &error);
  if (op == NULL)
    {
      reg_ui_toast_text (widget, error->message);
      return;
    }
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  g_signal_connect_object (op, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = g_strdup_printf (_("The list was not printed: %s"), error->message);
      reg_ui_toast_text (widget, text);
    }
}

static void
show_campaign_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  reg_segments_view_open_campaign (REG_SEGMENTS_VIEW (widget), g_variant_get_int64 (param));
}

/* ---- GObject ---- */

static void
on_width_cb (RegWidthWatch   *watch,
             GParamSpec      *pspec,
             RegSegmentsView *self)
{
  int width = reg_width_watch_get_width (watch);
  /* narrow, the selection's title and description need the whole line: beside them, its
   * buttons squeezed them to a few letters a line */
  gboolean narrow = width < REG_UI_NARROW_WIDTH;
  gboolean moved = gtk_widget_get_parent (self->selection_actions) == GTK_WIDGET (self->narrow_actions);

  if (width <= 0)
    return;
  /* side by side when wide (a flow box alone gives them its smallest width, one a line) */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->selection_actions), narrow ? 1 : 2);
  if (narrow != moved)
    {
      g_object_ref (self->selection_actions);
      if (narrow)
        {
          adw_preferences_group_set_header_suffix (self->selection_group, NULL);
          gtk_box_append (self->narrow_actions, self->selection_actions);
        }
      else
        {
          gtk_box_remove (self->narrow_actions, self->selection_actions);
          adw_preferences_group_set_header_suffix (self->selection_group, self->selection_actions);
        }
      gtk_widget_set_hexpand (self->selection_actions, narrow);
      gtk_widget_set_visible (GTK_WIDGET (self->narrow_actions), narrow);
      g_object_unref (self->selection_actions);
    }
  /* the list: the name, the value and why, whole, rather than every column cut */
  for (Column col = COL_EMAIL; col <= COL_P_ALIVE; col++)
    if (col != COL_VALUE)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), col);
        gtk_column_view_column_set_visible (column, !narrow);
      }
  /* GTK 4.8 leaves the room of hidden columns empty instead of giving it to the expanding
   * ones: the name and the reason share what the value leaves, by width */
  {
    g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), COL_NAME);
    g_autoptr(GtkColumnViewColumn) why = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), COL_WHY);
    int room = width - 48 - 120;

    gtk_column_view_column_set_fixed_width (name, narrow ? MAX (room * 2 / 5, 80) : -1);
    gtk_column_view_column_set_fixed_width (why, narrow ? MAX (room - room * 2 / 5, 80) : -1);
  }
}

static void
reg_segments_view_dispose (GObject *object)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (object);

  reg_segments_view_cancel_channel_cards (self);
  if (self->export_job != NULL)
    reg_job_cancel (REG_JOB (self->export_job));
  if (self->export_job != NULL)
    g_signal_handlers_disconnect_by_data (self->export_job, self);
  g_clear_object (&self->export_job);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  G_OBJECT_CLASS (reg_segments_view_parent_class)->dispose (object);
}

static void
reg_segments_view_finalize (GObject *object)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (object);

  g_clear_object (&self->shop);
  g_clear_object (&self->customers);
  g_free (self->spec);
  g_free (self->title);
  g_clear_pointer (&self->last_export, reg_campaign_export_free);
  G_OBJECT_CLASS (reg_segments_view_parent_class)->finalize (object);
}

static void
reg_segments_view_class_init (RegSegmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_segments_view_dispose;
  object_class->finalize = reg_segments_view_finalize;

  g_type_ensure (REG_TYPE_SEGMENT_FILTER);
  g_type_ensure (REG_TYPE_WIDTH_WATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-segments-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, tiers_caption);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, tier_box);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, group_box);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, channel_section);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, channel_box);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, filter);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, selection_group);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, selection_actions);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, narrow_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_width_cb);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, preset_row);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, control_spin);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, export_progress);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RegSegmentsView, campaign_list);
  gtk_widget_class_bind_template_child_full (widget_class, "export_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "print_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "scroller", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "segments.select", "s", select_action);
  gtk_widget_class_install_action (widget_class, "segments.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "segments.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_install_action (widget_class, "segments.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "segments.show-campaign", "x", show_campaign_action);
}

static void
reg_segments_view_init (RegSegmentsView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->customers = g_list_store_new (REG_TYPE_CUSTOMER);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->customers)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, COL_NAME, _("Name"), TRUE, -1);
  add_column (self, COL_EMAIL, _("Email"), TRUE, -1);
  add_column (self, COL_LAST, _("Last purchase"), FALSE, 130);
  add_column (self, COL_VALUE, _("Value"), FALSE, 120);
  add_column (self, COL_P_ALIVE, _("Still buying"), FALSE, 110);
  add_column (self, COL_WHY, _("Group or reason"), TRUE, -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.cancel-export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.print", FALSE);
}

/* ---- public ---- */

GtkWidget *
reg_segments_view_new (void)
{
  return g_object_new (REG_TYPE_SEGMENTS_VIEW, NULL);
}

static void
view_set_shop (RegView *view,
               RegShop *shop)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (view);

  g_set_object (&self->shop, shop);
  g_clear_pointer (&self->spec, g_free);
  reg_segment_filter_set_shop (self->filter, shop);
}

void
reg_segments_view_set_shop (RegSegmentsView *self,
                            RegShop         *shop)
{
  g_return_if_fail (REG_IS_SEGMENTS_VIEW (self));
  reg_view_set_shop (REG_VIEW (self), shop);
}

void
reg_segments_view_reload (RegSegmentsView *self)
{
  g_return_if_fail (REG_IS_SEGMENTS_VIEW (self));
  reg_view_reload (REG_VIEW (self));
}

static void
view_reload (RegView *view)
{
  RegSegmentsView *self = REG_SEGMENTS_VIEW (view);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegAnalysisSummary) summary = NULL;

  if (self->shop == NULL || reg_shop_is_empty (self->shop))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_list_store_remove_all (self->customers);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");
  summary = reg_shop_load_latest_analysis (self->shop, &error);
  if (error != NULL)
    g_debug ("No analysis for the segments: %s", error->message);
  reg_segments_view_fill_cards (self, summary);
  fill_campaigns (self);
  /* the selection follows the new figures; a first look starts with the top tier */
  {
    g_autofree char *spec = g_strdup (self->spec != NULL ? self->spec : "top");
    g_autoptr(GError) local = NULL;

    if (!fill_selection (self, spec, &local))
      {
        g_debug ("Selection “%s” no longer reads: %s", spec, local->message);
        fill_selection (self, "all", NULL);
      }
  }
}

gboolean
reg_segments_view_select (RegSegmentsView  *self,
                          const char       *spec,
                          GError          **error)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (self->shop == NULL)
    return FALSE;
  return fill_selection (self, spec, error);
}

const char *
reg_segments_view_get_spec (RegSegmentsView *self)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);
  return self->spec;
}

GListModel *
reg_segments_view_get_model (RegSegmentsView *self)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->customers);
}

RegSegmentFilter *
reg_segments_view_get_filter (RegSegmentsView *self)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);
  return self->filter;
}

void
reg_segments_view_export_to (RegSegmentsView *self,
                             const char      *path)
{
  g_autoptr(RegCampaignJob) job = NULL;
  RegCampaignRequest req;
  static const RegCampaignPreset presets[] = {
    REG_CAMPAIGN_PRESET_GENERIC, REG_CAMPAIGN_PRESET_MAILCHIMP, REG_CAMPAIGN_PRESET_KLAVIYO,
    REG_CAMPAIGN_PRESET_BREVO,
  };
  guint preset = adw_combo_row_get_selected (self->preset_row);

  g_return_if_fail (REG_IS_SEGMENTS_VIEW (self));
  g_return_if_fail (path != NULL);

  if (self->shop == NULL || self->spec == NULL || self->export_job != NULL)
    return;
  reg_campaign_request_init (&req);
  req.segment = self->spec;
  req.control_percent = gtk_spin_button_get_value (self->control_spin);
  req.seed = g_random_int ();
  req.preset = preset < G_N_ELEMENTS (presets) ? presets[preset] : REG_CAMPAIGN_PRESET_GENERIC;
  job = reg_campaign_job_new (self->shop, path, &req);
  set_export_job (self, job);
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (on_export_progress_cb), self, 0);
  g_signal_connect_object (job, "notify::status-text", G_CALLBACK (on_export_progress_cb), self, 0);
  reg_job_run_async (REG_JOB (job), on_export_done_cb, g_object_ref (self));
}

char *
reg_segments_view_csv_filter_name (RegSegmentsView *self)
{
  guint preset;

  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);
  /* the tool chosen under "Columns for", as the row lists them (brand names stay as they are) */
  preset = adw_combo_row_get_selected (self->preset_row);
  switch (preset)
    {
    case 1:
      return g_strdup_printf (_("CSV for %s"), "Mailchimp");
    case 2:
      return g_strdup_printf (_("CSV for %s"), "Klaviyo");
    case 3:
      return g_strdup_printf (_("CSV for %s"), "Brevo");
    default:
      return g_strdup (_("CSV for any email tool"));
    }
}

RegJob *
reg_segments_view_get_export_job (RegSegmentsView *self)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);
  return self->export_job != NULL ? REG_JOB (self->export_job) : NULL;
}

const RegCampaignExport *
reg_segments_view_get_last_export (RegSegmentsView *self)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);
  return self->last_export;
}

guint
reg_segments_view_get_n_campaigns (RegSegmentsView *self)
{
  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), 0);
  return self->n_campaigns;
}

GtkWindow *
reg_segments_view_open_campaign (RegSegmentsView *self,
                                 gint64           campaign)
{
  GtkWindow *dialog;
  GtkRoot *root;

  g_return_val_if_fail (REG_IS_SEGMENTS_VIEW (self), NULL);

  if (self->shop == NULL)
    return NULL;
  dialog = reg_campaign_dialog_new (self->shop, campaign);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_present (dialog);
  return dialog;
}

static void
view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = view_set_shop;
  iface->shop_changed = view_shop_changed;
  iface->reload = view_reload;
}
