/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegChannelCard turns the channel figures into a table, a chart and a sentence. They are read
 * in a worker thread (one pass over the customers: a moment in a large shop); a change of the
 * shop reads them again after a short pause, so a burst of changes (an import, a batch of
 * channels set) costs one read, and a read still running when the next starts is cancelled.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reg-channel-card.h"
#include "reg-channel-spend-dialog.h"
#include "reg-channels.h"
#include "reg-chart.h"

/* Channels shown in the table and the chart: the most used ones, then "Unknown". */
#define MAX_ROWS 8
#define N_COLUMNS 7
#define REFRESH_DELAY_MS 300

struct _RegChannelCard
{
  AdwBin     parent_instance;

  RegShop   *shop;        /* (owned) (nullable) */
  guint      refresh_id;
  GCancellable *reading;  /* (owned) (nullable) the read under way */
  gboolean   loaded;      /* the figures of the shop have been shown once */
  GPtrArray *cells;       /* (owned) of GtkLabel (unowned): rows x N_COLUMNS, for tests */

  /* template */
  GtkLabel  *period_label;
  GtkGrid   *grid;
  RegChart  *chart;
  GtkLabel  *note_label;
};

G_DEFINE_FINAL_TYPE (RegChannelCard, reg_channel_card, ADW_TYPE_BIN)

static char *
chart_money_cb (double value, gpointer user_data)
{
  RegChannelCard *self = user_data;

  if (self->shop == NULL)
    return g_strdup_printf ("%.0f", value);
  return reg_shop_format_amount (self->shop, (gint64) llround (value));
}

static char *
axis_money_cb (double value, gpointer user_data)
{
  RegChannelCard *self = user_data;

  if (self->shop == NULL)
    return g_strdup_printf ("%.0f", value);
  return reg_shop_format_amount_whole (self->shop, (gint64) llround (value));
}

static GtkWidget *
add_cell (RegChannelCard *self, const char *text, int column, int row, gboolean header,
          gboolean numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  if (header)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_justify (GTK_LABEL (label), numeric ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
    }
  else
    {
      if (numeric)
        gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      g_ptr_array_add (self->cells, label);
    }
  if (column == 0)
    gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (self->grid, label, column, row, 1, 1);
  return label;
}

/* "1.5 months", "never", "–" (nothing spent) */
static char *
payback_text (double months)
{
  if (months < 0)
    return g_strdup (_("never"));
  if (months == 0)
    return g_strdup ("–");
  if (months < 1)
    return g_strdup (_("within a month"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f month", "%.0f months",
                                       (gulong) llround (months)), round (months));
}

static void
clear (RegChannelCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->cells, 0);
  reg_chart_clear (self->chart);
}

static void
fill (RegChannelCard *self, GArray *figures, gint32 first_month, gint32 last_month)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) costs = g_array_new (FALSE, FALSE, sizeof (double));
  const char *headers[N_COLUMNS] = {
    _("Channel"), _("Customers"), _("New"), _("Spent so far, each"),
    _("Expected ahead, each"), _("Cost of a new one"), _("Value to cost"),
  };
  double margin;
  gboolean any_cost = FALSE;
  guint shown = 0;

  clear (self);
  if (self->shop == NULL || figures == NULL)
    return;
  /* the bars are what a customer leaves the shop, to be read against the cost line */
  margin = CLAMP (reg_shop_get_setting_double (self->shop, REG_SETTING_MARGIN), 0.0, 1.0);
  {
    char from[8], to[8];
    g_autofree char *period = NULL;

    clv_month_format_buf (first_month, from);
    clv_month_format_buf (last_month, to);
    /* TRANSLATORS: "New customers and marketing spend from 2025-07 to 2026-06." */
    period = g_strdup_printf (_("New customers and marketing spend from %s to %s."), from, to);
    gtk_label_set_text (self->period_label, period);
  }
  for (int c = 0; c < N_COLUMNS; c++)
    add_cell (self, headers[c], c, 0, TRUE, c > 0);
  /* TRANSLATORS: column heading, the months until a new customer paid back their cost */
  add_cell (self, _("Pays back in"), N_COLUMNS, 0, TRUE, TRUE);

  for (guint i = 0; i < figures->len; i++)
    {
      const ClvChannelFigures *f = &g_array_index (figures, ClvChannelFigures, i);
      g_autofree char *customers = g_strdup_printf ("%u", f->customers);
      g_autofree char *fresh = g_strdup_printf ("%u", f->new_customers);
      g_autofree char *value = reg_shop_format_amount (self->shop, f->avg_value);
      g_autofree char *ahead = NULL, *range = NULL, *cost = NULL, *ratio = NULL;
      g_autofree char *payback = payback_text (f->payback_months);
      GtkWidget *ahead_label;
      int row = (int) shown + 1;

      /* the table keeps the largest channels and the customers without one */
      if (shown >= MAX_ROWS && f->channel != NULL)
        continue;
      if (f->avg_predicted >= 0)
        {
          g_autofree char *lo = reg_shop_format_amount (self->shop, f->avg_predicted_low);
          g_autofree char *hi = reg_shop_format_amount (self->shop, f->avg_predicted_high);
          ahead = reg_shop_format_amount (self->shop, f->avg_predicted);
          /* TRANSLATORS: the 80 % range of a prediction, "€40.00 to €95.00" */
          range = g_strdup_printf (_("likely %s to %s"), lo, hi);
        }
      else
        ahead = g_strdup ("–");
      cost = f->cost_per_new >= 0 ? reg_shop_format_amount (self->shop, f->cost_per_new)
                                  : g_strdup (_("nobody new"));
      /* TRANSLATORS: value to cost ratio, "3.2×" */
      ratio = f->value_to_cost >= 0 ? g_strdup_printf (_("%.1f×"), f->value_to_cost)
                                    : g_strdup ("–");
      add_cell (self, reg_channel_label (f->channel), 0, row, FALSE, FALSE);
      add_cell (self, customers, 1, row, FALSE, TRUE);
      add_cell (self, fresh, 2, row, FALSE, TRUE);
      add_cell (self, value, 3, row, FALSE, TRUE);
      ahead_label = add_cell (self, ahead, 4, row, FALSE, TRUE);
      if (range != NULL)
        gtk_widget_set_tooltip_text (ahead_label, range);
      add_cell (self, cost, 5, row, FALSE, TRUE);
      add_cell (self, ratio, 6, row, FALSE, TRUE);
      add_cell (self, payback, 7, row, FALSE, TRUE);
      shown++;

      {
        double worth = margin * ((double) f->avg_value
                                 + (f->avg_predicted > 0 ? (double) f->avg_predicted : 0));
        double c = f->cost_per_new > 0 ? (double) f->cost_per_new : 0;
        g_array_append_val (values, worth);
        g_array_append_val (costs, c);
        g_ptr_array_add (labels, g_strdup (reg_channel_label (f->channel)));
        any_cost = any_cost || c > 0;
      }
    }
  if (shown == 0)
    {
      gtk_label_set_text (self->note_label,
                          _("No customers yet. Channels come from imports, from the customer’s "
                            "page, or from “Set Channel…” in the Customers view."));
      return;
    }
  g_ptr_array_add (labels, NULL);
  reg_chart_set_series (self->chart, (const double *) (gpointer) values->data,
                        (const char *const *) labels->pdata, values->len);
  reg_chart_set_second_series (self->chart, any_cost ? (const double *) (gpointer) costs->data
                                                     : NULL,
                               any_cost ? costs->len : 0);
  gtk_label_set_text (self->note_label,
                      _("A customer’s value is what they spent so far plus what they are "
                        "expected to spend ahead, times your margin, against what a new one "
                        "cost: the marketing spend of the months they came plus their own "
                        "acquisition costs. Bars: value of a customer; dashed line: cost of a "
                        "new one. Customers without a channel are under “Unknown”."));
}

static void
on_figures_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(RegChannelCard) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegChannelFiguresResult) read = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);
  read = reg_shop_channel_figures_finish (NULL, result, &error);
  /* a card gone, or a read made stale by a newer one: nothing to show */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  if (read == NULL)
    {
      clear (self);
      gtk_label_set_text (self->period_label, error->message);
      return;
    }
  fill (self, read->figures, read->first_month, read->last_month);
  self->loaded = TRUE;
}

static gboolean
refresh_cb (gpointer user_data)
{
  RegChannelCard *self = user_data;

  self->refresh_id = 0;
  reg_channel_card_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_shop_changed_cb (RegShop *shop, int kind, gint64 id, RegChannelCard *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
spend_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  RegChannelCard *self = REG_CHANNEL_CARD (widget);

  if (self->shop != NULL)
    reg_channel_spend_dialog_show (widget, self->shop);
}

static void
reg_channel_card_dispose (GObject *object)
{
  RegChannelCard *self = REG_CHANNEL_CARD (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_clear_object (&self->shop);
  G_OBJECT_CLASS (reg_channel_card_parent_class)->dispose (object);
}

static void
reg_channel_card_finalize (GObject *object)
{
  RegChannelCard *self = REG_CHANNEL_CARD (object);

  g_ptr_array_unref (self->cells);
  G_OBJECT_CLASS (reg_channel_card_parent_class)->finalize (object);
}

static void
reg_channel_card_class_init (RegChannelCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_channel_card_dispose;
  object_class->finalize = reg_channel_card_finalize;
  g_type_ensure (REG_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/regulars/Regulars/ui/reg-channel-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RegChannelCard, period_label);
  gtk_widget_class_bind_template_child (widget_class, RegChannelCard, grid);
  gtk_widget_class_bind_template_child (widget_class, RegChannelCard, chart);
  gtk_widget_class_bind_template_child (widget_class, RegChannelCard, note_label);
  gtk_widget_class_bind_template_child_full (widget_class, "spend_button", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "channels.spend", NULL, spend_action);
}

static void
reg_channel_card_init (RegChannelCard *self)
{
  self->cells = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  reg_chart_set_value_func (self->chart, chart_money_cb, self, NULL);
  reg_chart_set_axis (self->chart, 100, axis_money_cb, self, NULL);
}

void
reg_channel_card_set_shop (RegChannelCard *self, RegShop *shop)
{
  g_return_if_fail (REG_IS_CHANNEL_CARD (self));

  if (self->shop == shop)
    return;
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_set_object (&self->shop, shop);
  self->loaded = FALSE;
  clear (self);
  gtk_label_set_text (self->period_label, "");
  gtk_label_set_text (self->note_label, "");
  if (shop != NULL)
    {
      g_signal_connect_object (shop, "changed", G_CALLBACK (on_shop_changed_cb), self, 0);
      reg_chart_set_axis (self->chart, (double) reg_shop_get_currency_unit (shop), axis_money_cb,
                          self, NULL);
    }
  reg_channel_card_refresh (self);
}

void
reg_channel_card_refresh (RegChannelCard *self)
{
  GWeakRef *ref;

  g_return_if_fail (REG_IS_CHANNEL_CARD (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->shop == NULL)
    return;
  self->reading = g_cancellable_new ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  reg_shop_channel_figures_async (self->shop, REG_CHANNEL_MONTHS_DEFAULT, self->reading,
                                  on_figures_read_cb, ref);
}

gboolean
reg_channel_card_is_loaded (RegChannelCard *self)
{
  g_return_val_if_fail (REG_IS_CHANNEL_CARD (self), FALSE);
  return self->loaded && self->reading == NULL;
}

guint
reg_channel_card_get_n_rows (RegChannelCard *self)
{
  g_return_val_if_fail (REG_IS_CHANNEL_CARD (self), 0);
  return self->cells->len / (N_COLUMNS + 1);
}

const char *
reg_channel_card_get_cell (RegChannelCard *self, guint row, guint column)
{
  guint i = row * (N_COLUMNS + 1) + column;

  g_return_val_if_fail (REG_IS_CHANNEL_CARD (self), NULL);
  g_return_val_if_fail (column <= N_COLUMNS && i < self->cells->len, NULL);
  return gtk_label_get_text (g_ptr_array_index (self->cells, i));
}
