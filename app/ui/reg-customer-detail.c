/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerDetail shows the RegCustomer snapshot it is given: name and contact, the figures
 * of the last analysis, the predictions turned into words, the latest purchases (from the
 * shop's store) as a list and a small bar chart, and the latest survey answers (NPS, CSAT). Edit and merge open dialogs; archive is done
 * at once with an Undo toast. Main thread only; holds references to the shop and customer.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clv-date.h"
#include "clv-types.h"
#include "reg-chart.h"
#include "reg-customer-detail.h"
#include "reg-customer-editor.h"
#include "reg-merge-dialog.h"
#include "reg-score-words.h"
#include "reg-segment.h"
#include "reg-ui-util.h"

/* Purchases listed; older ones are counted, not shown. */
#define HISTORY_LIMIT 100
/* Bars in the small chart. */
#define CHART_LIMIT 24
/* Survey answers listed, latest first. */
#define FEEDBACK_LIMIT 20

struct _RegCustomerDetail
{
  AdwBin        parent_instance;

  RegShop      *shop;          /* (owned) (nullable) */
  RegCustomer  *customer;      /* (owned) (nullable) */
  guint         n_history;
  guint         n_feedback;

  /* template */
  GtkStack     *stack;
  GtkLabel     *name_label;
  GtkLabel     *email_label;
  GtkLabel     *channel_label;
  GtkLabel     *prediction_label;
  GtkLabel     *risk_label;
  GtkLabel     *tier_value;
  GtkLabel     *group_value;
  GtkLabel     *purchases_value;
  GtkLabel     *spend_value;
  GtkLabel     *last_value;
  GtkLabel     *clv_value;
  GtkButton    *archive_button;
  GtkWidget    *close_button;
  RegChart     *history_chart;
  GtkScrolledWindow *scroller;   /* the customer's page: back to its top for another customer */
  GtkListBox   *history_list;
  GtkLabel     *history_note;
  GtkListBox   *feedback_list;
  GtkLabel     *feedback_empty;
};

enum
{
  PROP_0,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RegCustomerDetail, reg_customer_detail, ADW_TYPE_BIN)

/* ---- words ---- */

static char *
describe_interval (int days)
{
  if (days <= 1)
    return g_strdup (_("within a day or so"));
  if (days < 14)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within about %d day", "within about %d days", days),
                            days);
  if (days < 60)
    {
      int weeks = (int) lround (days / 7.0);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within about %d week", "within about %d weeks",
                                           weeks), weeks);
    }
  {
    int months = (int) lround (days / 30.4375);
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within about %d month", "within about %d months",
                                         months), months);
  }
}

/* The analysis' figures as a sentence; the thresholds only pick the wording. */
static char *
describe_prediction (const RegCustomerRow *row, const RegScoreContext *ctx)
{
  g_autofree char *alive = NULL;
  g_autofree char *when = NULL;
  g_autofree char *too_early = NULL;
  g_autofree char *beyond = NULL;
  const char *lead;

  if (row->purchases == 0)
    return g_strdup (_("Has not bought anything yet."));
  /* a one-time buyer the model cannot judge: never "100 % still a customer" */
  if (row->scored
      && (too_early = reg_score_p_alive_note (ctx, row->purchases, row->p_alive,
                                              row->first_purchase)) != NULL)
    return g_steal_pointer (&too_early);
  if (!row->scored || row->p_alive < 0)
    return g_strdup (_("No prediction yet: the shop needs a little more sales history."));

  alive = g_strdup_printf (_("There is a %.0f%% chance they are still a customer."), row->p_alive * 100);
  if (row->p_alive < 0.3)
    return g_strdup_printf ("%s %s", _("Probably no longer buying."), alive);

  /* a date only within the prediction horizon */
  beyond = reg_score_next_purchase_note (ctx, row->purchases, row->next_purchase);
  if (beyond != NULL)
    return g_strdup_printf ("%s %s", beyond, alive);
  if (row->next_purchase > 0)
    {
      int days = row->next_purchase - clv_date_today ();

      if (days <= 0)
        return g_strdup_printf ("%s %s", _("Due to buy again about now."), alive);
      when = describe_interval (days);
      lead = row->p_alive >= 0.7 ? _("Likely to buy again %s.") : _("May buy again %s, if still a customer.");
      {
        g_autofree char *first = g_strdup_printf (lead, when);
        return g_strdup_printf ("%s %s", first, alive);
      }
    }
  return g_strdup_printf ("%s %s", row->p_alive >= 0.7 ? _("Probably still a regular.") : _("May be slipping away."),
                          alive);
}

static char *
describe_risk (RegShop              *shop,
               const RegCustomerRow *row)
{
  g_autofree char *locale = reg_shop_get_setting (shop, REG_SETTING_LOCALE);
  g_autofree char *reason = reg_at_risk_reason (row, locale);

  if (reason == NULL)
    return g_strdup ("");
  /* Translators: %s is why, such as "usually buys every 3 weeks, last bought 9 weeks ago" */
  return g_strdup_printf (_("Slipping away: %s."), reason);
}

/* ---- filling in ---- */

/* "NPS 9" and a colour: detractors (NPS 0 .. 6, CSAT 1 .. 2) in red, promoters and happy
 * customers (NPS 9 .. 10, CSAT 4 .. 5) in green. */
static GtkWidget *
score_label (const RegFeedbackRecord *f)
{
  gboolean csat = g_strcmp0 (f->kind, "csat") == 0;
  /* Translators: a survey score on the customer's page, "NPS 9" or "CSAT 4" */
  g_autofree char *text = g_strdup_printf (csat ? _("CSAT %d") : _("NPS %d"), f->score);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  if (csat ? f->score <= 2 : f->score <= 6)
    gtk_widget_add_css_class (label, "error");
  else if (csat ? f->score >= 4 : f->score >= 9)
    gtk_widget_add_css_class (label, "success");
  return label;
}

static void
load_feedback (RegCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->feedback_list))) != NULL)
    gtk_list_box_remove (self->feedback_list, child);
  self->n_feedback = 0;
  if (self->customer == NULL || self->shop == NULL)
    return;
  answers = reg_shop_list_customer_feedback (self->shop, reg_customer_get_id (self->customer),
                                             FEEDBACK_LIMIT, &error);
  if (answers == NULL)
    {
      gtk_label_set_text (self->feedback_empty, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->feedback_list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->feedback_empty), TRUE);
      return;
    }
  for (guint i = 0; i < answers->len; i++)
    {
      const RegFeedbackRecord *f = g_ptr_array_index (answers, i);
      g_autofree char *date = reg_shop_format_date (self->shop, f->day);
      GtkWidget *row = adw_action_row_new ();

      /* comments come from imported files: shown as text, not Pango markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      if (f->comment != NULL && *f->comment != '\0')
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->comment);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), score_label (f));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->feedback_list, row);
    }
  self->n_feedback = answers->len;
  gtk_label_set_text (self->feedback_empty,
                      _("No survey answers yet. Import NPS or CSAT results from the import wizard."));
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_list), answers->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_empty), answers->len == 0);
}

static void
clear_history (RegCustomerDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  self->n_history = 0;
  reg_chart_clear (self->history_chart);
}

static char *
axis_money_cb (double   value,
               gpointer user_data)
{
  RegCustomerDetail *self = user_data;

  if (self->shop == NULL)
    return g_strdup_printf ("%.0f", value);
  return reg_shop_format_amount_whole (self->shop, (gint64) llround (value));
}

static void
load_history (RegCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sales = NULL;
  guint n_chart;
  g_autofree double *values = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint32 purchases = reg_customer_get_purchases (self->customer);

  clear_history (self);
  sales = reg_shop_list_customer_sales (self->shop, reg_customer_get_id (self->customer),
                                        HISTORY_LIMIT, &error);
  if (sales == NULL)
    {
      gtk_label_set_text (self->history_note, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->history_note), TRUE);
      return;
    }

  for (guint i = 0; i < sales->len; i++)
    {
      RegSaleRecord *rec = g_ptr_array_index (sales, i);
      g_autofree char *date = reg_shop_format_date (self->shop, rec->day);
      g_autofree char *amount = reg_shop_format_amount (self->shop, rec->amount);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      /* notes come from imported files: shown as text, not Pango markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      if (rec->note != NULL && *rec->note != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rec->note);
      gtk_widget_add_css_class (label, "numeric");
      if (rec->amount < 0)
        gtk_widget_add_css_class (label, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->history_list, row);
    }
  self->n_history = sales->len;

  /* chart: oldest to newest of the latest sales */
  n_chart = MIN (sales->len, CHART_LIMIT);
  values = g_new0 (double, MAX (1, n_chart));
  for (guint i = 0; i < n_chart; i++)
    {
      RegSaleRecord *rec = g_ptr_array_index (sales, n_chart - 1 - i);

      values[i] = (double) rec->amount;
      g_ptr_array_add (labels, reg_shop_format_date (self->shop, rec->day));
    }
  g_ptr_array_add (labels, NULL);
  reg_chart_set_axis (self->history_chart, (double) reg_shop_get_currency_unit (self->shop),
                      axis_money_cb, self, NULL);
  reg_chart_set_series (self->history_chart, values, (const char * const *) labels->pdata, n_chart);

  if (sales->len >= HISTORY_LIMIT)
    {
      g_autofree char *note = g_strdup_printf (_("The latest %u sales; %u purchase days in all."),
                                               sales->len, purchases);
      gtk_label_set_text (self->history_note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->history_note), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->history_note), FALSE);
}

static void
update (RegCustomerDetail *self)
{
  const RegCustomerRow *row = NULL;
  g_autoptr(RegCustomerRow) read = NULL;
  g_autofree char *prediction = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *purchases = NULL;
  g_autofree char *spend = NULL;
  g_autofree char *last = NULL;
  g_autofree char *clv = NULL;
  gboolean archived;
  RegScoreContext ctx;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.edit", self->customer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.merge", self->customer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.archive", self->customer != NULL);

  /* the customer list keeps only what it shows of each customer: the rest (ranges, the
   * at-risk figures, the channel) is read for the one shown here */
  if (self->customer != NULL && self->shop != NULL
      && (row = reg_customer_get_row (self->customer)) == NULL)
    {
      g_autoptr(GError) error = NULL;

      row = read = reg_shop_get_customer_row (self->shop, reg_customer_get_id (self->customer), &error);
      if (row == NULL)
        g_debug ("Cannot read customer %" G_GINT64_FORMAT ": %s", reg_customer_get_id (self->customer),
                 error->message);
    }
  if (row == NULL)
    {
      clear_history (self);
      load_feedback (self);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "customer");
  archived = reg_customer_get_archived (self->customer);

  gtk_label_set_text (self->name_label, reg_customer_get_name (self->customer));
  gtk_label_set_text (self->email_label, row->email != NULL ? row->email : _("No email address"));
  if (row->channel != NULL && *row->channel != '\0')
    {
      /* TRANSLATORS: the channel the customer came through, "Came through Instagram" */
      g_autofree char *channel = g_strdup_printf (_("Came through %s"), row->channel);
      gtk_label_set_text (self->channel_label, channel);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->channel_label),
                          row->channel != NULL && *row->channel != '\0');

  reg_score_context_load (self->shop, &ctx);
  prediction = describe_prediction (row, &ctx);
  if (row->scored && row->purchases > 0)
    {
      /* how many more visits, and what they are worth, with the 80 % range */
      g_autofree char *range = reg_score_range_words (self->shop, &ctx, row->purchases_low,
                                                      row->purchases_high, row->clv_low,
                                                      row->clv_high);

      if (range != NULL)
        {
          char *both = g_strdup_printf ("%s\n%s.", prediction, range);

          g_free (prediction);
          prediction = both;
        }
    }
  gtk_label_set_text (self->prediction_label, prediction);
  risk = describe_risk (self->shop, row);
  gtk_label_set_text (self->risk_label, risk);
  gtk_widget_set_visible (GTK_WIDGET (self->risk_label), *risk != '\0');

  gtk_label_set_text (self->tier_value, row->tier != NULL ? reg_ui_tier_label (row->tier) : "—");
  gtk_label_set_text (self->group_value, row->rfm_group != NULL ? reg_ui_rfm_label (row->rfm_group) : "—");
  purchases = g_strdup_printf ("%u", row->purchases);
  gtk_label_set_text (self->purchases_value, purchases);
  spend = reg_shop_format_amount (self->shop, row->total_spend);
  gtk_label_set_text (self->spend_value, spend);
  last = row->last_purchase > 0 ? reg_shop_format_date (self->shop, row->last_purchase) : g_strdup ("—");
  gtk_label_set_text (self->last_value, last);
  clv = row->clv >= 0 ? reg_shop_format_amount (self->shop, (gint64) llround (row->clv)) : g_strdup ("—");
  gtk_label_set_text (self->clv_value, clv);

  gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               archived ? _("Bring this customer back into the list")
                                        : _("Hide this customer from the list; their sales stay"));
  load_history (self);
  load_feedback (self);
}

/* ---- actions ---- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RegCustomerDetail *self = REG_CUSTOMER_DETAIL (widget);
  GtkWindow *dialog;

  if (self->customer == NULL)
    return;
  dialog = reg_customer_editor_new (self->shop, reg_customer_get_id (self->customer));
  if (dialog == NULL)
    return;
  gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (dialog);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RegCustomerDetail *self = REG_CUSTOMER_DETAIL (widget);
  GtkWindow *dialog;

  if (self->customer == NULL)
    return;
  dialog = reg_merge_dialog_new (self->shop, self->customer);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (dialog);
}

typedef struct
{
  RegShop *shop;
  gint64   id;
  gboolean archived;
} ArchiveUndo;

static void
archive_undo_free (gpointer data)
{
  ArchiveUndo *undo = data;

  g_object_unref (undo->shop);
  g_free (undo);
}

static void
on_archive_undo_cb (AdwToast    *toast,
                    ArchiveUndo *undo)
{
  g_autoptr(GError) error = NULL;

  if (!reg_shop_archive_customer (undo->shop, undo->id, !undo->archived, &error))
    g_warning ("Cannot undo archiving: %s", error->message);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RegCustomerDetail *self = REG_CUSTOMER_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  ArchiveUndo *undo;
  gboolean archive;
  gint64 id;
  AdwToast *toast;

  if (self->customer == NULL)
    return;
  id = reg_customer_get_id (self->customer);
  archive = !reg_customer_get_archived (self->customer);
  name = g_strdup (reg_customer_get_name (self->customer));
  if (!reg_shop_archive_customer (self->shop, id, archive, &error))
    {
      reg_ui_toast_text (widget, error->message);
      return;
    }
  /* toast titles are markup: the name is text */
  title = g_markup_printf_escaped (archive ? _("“%s” archived") : _("“%s” restored"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (ArchiveUndo, 1);
  undo->shop = g_object_ref (self->shop);
  undo->id = id;
  undo->archived = archive;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_archive_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) archive_undo_free, 0);
  reg_ui_toast (widget, toast);
}

/* ---- GObject ---- */

static void
reg_customer_detail_dispose (GObject *object)
{
  RegCustomerDetail *self = REG_CUSTOMER_DETAIL (object);

  g_clear_object (&self->customer);
  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_customer_detail_parent_class)->dispose (object);
}

static void
reg_customer_detail_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RegCustomerDetail *self = REG_CUSTOMER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_detail_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RegCustomerDetail *self = REG_CUSTOMER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      reg_customer_detail_set_customer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_detail_class_init (RegCustomerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_customer_detail_dispose;
  object_class->get_property = reg_customer_detail_get_property;
  object_class->set_property = reg_customer_detail_set_property;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, REG_TYPE_CUSTOMER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REG_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, close_button);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, email_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, channel_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, prediction_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, risk_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, tier_value);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, group_value);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, purchases_value);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, spend_value);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, last_value);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, clv_value);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, archive_button);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, history_chart);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, history_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, history_note);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, feedback_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerDetail, feedback_empty);

  gtk_widget_class_install_action (widget_class, "customer.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customer.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "customer.archive", NULL, archive_action);
}

static char *
chart_money_cb (double   value,
                gpointer user_data)
{
  RegCustomerDetail *self = user_data;

  if (self->shop == NULL)
    return g_strdup_printf ("%.0f", value);
  return reg_shop_format_amount (self->shop, (gint64) llround (value));
}

static void
reg_customer_detail_init (RegCustomerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  reg_chart_set_value_func (self->history_chart, chart_money_cb, self, NULL);
  update (self);
}

/* ---- public ---- */

GtkWidget *
reg_customer_detail_new (void)
{
  return g_object_new (REG_TYPE_CUSTOMER_DETAIL, NULL);
}

void
reg_customer_detail_set_shop (RegCustomerDetail *self,
                              RegShop           *shop)
{
  g_return_if_fail (REG_IS_CUSTOMER_DETAIL (self));

  if (g_set_object (&self->shop, shop))
    update (self);
}

RegCustomer *
reg_customer_detail_get_customer (RegCustomerDetail *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_DETAIL (self), NULL);
  return self->customer;
}

void
reg_customer_detail_set_customer (RegCustomerDetail *self,
                                  RegCustomer       *customer)
{
  g_return_if_fail (REG_IS_CUSTOMER_DETAIL (self));

  /* a new snapshot of the same customer is still a change: figures may differ */
  if (self->customer == customer && customer != NULL)
    return;
  /* another customer's page starts at its top, not where the previous one was scrolled to */
  if (customer == NULL || self->customer == NULL
      || reg_customer_get_id (customer) != reg_customer_get_id (self->customer))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_set_object (&self->customer, customer);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

double
reg_customer_detail_get_scroll (RegCustomerDetail *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_DETAIL (self), 0);
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

const char *
reg_customer_detail_get_prediction_text (RegCustomerDetail *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_DETAIL (self), NULL);
  return gtk_label_get_text (self->prediction_label);
}

guint
reg_customer_detail_get_n_history (RegCustomerDetail *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_DETAIL (self), 0);
  return self->n_history;
}

guint
reg_customer_detail_get_n_feedback (RegCustomerDetail *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_DETAIL (self), 0);
  return self->n_feedback;
}

void
reg_customer_detail_set_show_close (RegCustomerDetail *self,
                                    gboolean           show)
{
  g_return_if_fail (REG_IS_CUSTOMER_DETAIL (self));
  gtk_widget_set_visible (self->close_button, show);
}
