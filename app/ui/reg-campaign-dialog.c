/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The campaign page: the record from the shop (name, segment, group sizes) and its lift from
 * reg_shop_measure_campaign(), measured when the page opens; before any sale from the first day
 * on, "too early to measure" in place of figures. Rates as percentages with their
 * 95 % interval, revenue per customer in the shop's money, the summary the service writes.
 * Main thread only; holds a reference to the shop.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reg-campaign-dialog.h"
#include "reg-campaign-job.h"

struct _RegCampaignDialog
{
  AdwWindow       parent_instance;

  RegShop        *shop;      /* (owned) */
  char           *summary;   /* (owned) */

  /* template */
  AdwWindowTitle *window_title;
  GtkLabel       *summary_label;
  AdwActionRow   *who_row;
  AdwActionRow   *when_row;
  AdwActionRow   *rate_row;
  AdwActionRow   *revenue_row;
  GtkLabel       *rule_label;
};

G_DEFINE_FINAL_TYPE (RegCampaignDialog, reg_campaign_dialog, ADW_TYPE_WINDOW)

static char *
money (RegCampaignDialog *self,
       double             minor)
{
  return reg_shop_format_amount (self->shop, (gint64) llround (minor));
}

static void
fill (RegCampaignDialog *self,
      gint64             campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCampaignRecord) rec = reg_shop_get_campaign (self->shop, campaign, &error);
  g_autoptr(RegCampaignLift) lift = NULL;
  g_autofree char *who = NULL;
  g_autofree char *started = NULL;

  if (rec == NULL)
    {
      self->summary = g_strdup_printf (_("This campaign cannot be read: %s"),
                                       error != NULL ? error->message : _("it is gone"));
      gtk_label_set_text (self->summary_label, self->summary);
      return;
    }
  adw_window_title_set_title (self->window_title, rec->name);
  started = reg_shop_format_date (self->shop, rec->started_on);
  adw_window_title_set_subtitle (self->window_title, started);
  who = g_strdup_printf (_("%u got the list, %u were held back at random (%.0f %%)"), rec->treatment,
                         rec->control, rec->control_percent);
  adw_action_row_set_subtitle (self->who_row, who);
  gtk_label_set_text (self->rule_label, rec->rule != NULL ? rec->rule : rec->segment);

  lift = reg_shop_measure_campaign (self->shop, campaign, &error);
  if (lift == NULL)
    {
      self->summary = g_strdup_printf (_("The effect cannot be measured: %s"), error->message);
      gtk_label_set_text (self->summary_label, self->summary);
      gtk_widget_set_visible (GTK_WIDGET (self->rate_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->revenue_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->when_row), FALSE);
      return;
    }
  self->summary = g_strdup (lift->summary != NULL ? lift->summary : "");
  gtk_label_set_text (self->summary_label, self->summary);

  if (lift->too_early)
    {
      g_autofree char *from = reg_shop_format_date (self->shop, lift->started_on);
      /* Translators: a campaign's first day, before any sale from it on */
      g_autofree char *text = g_strdup_printf (_("From %s on: no sales yet"), from);

      /* no figures that read as a result: "+0 points" would look like a measured effect */
      adw_action_row_set_subtitle (self->when_row, text);
      adw_action_row_set_subtitle (self->rate_row, _("Too early to measure"));
      adw_action_row_set_subtitle (self->revenue_row, _("Too early to measure"));
      return;
    }
  {
    g_autofree char *from = reg_shop_format_date (self->shop, lift->started_on);
    g_autofree char *to = reg_shop_format_date (self->shop, lift->measured_to);
    /* Translators: the days the campaign's effect is measured over, both included */
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "From %s to %s (%u day, the first "
                                                          "day included)",
                                                          "From %s to %s (%u days, the first "
                                                          "day included)",
                                                          lift->days_measured),
                                             from, to, lift->days_measured);
    adw_action_row_set_subtitle (self->when_row, text);
  }
  if (lift->control > 0)
    {
      g_autofree char *rate = g_strdup_printf (
        _("%.0f %% of those who got it, %.0f %% of those held back: a difference of %+.0f points "
          "(95 %% sure between %+.0f and %+.0f)"),
        lift->treatment_rate * 100, lift->control_rate * 100, lift->rate_diff * 100,
        lift->rate_low * 100, lift->rate_high * 100);
      g_autofree char *t = money (self, lift->treatment_revenue);
      g_autofree char *c = money (self, lift->control_revenue);
      g_autofree char *d = money (self, lift->revenue_diff);
      g_autofree char *lo = money (self, lift->revenue_low);
      g_autofree char *hi = money (self, lift->revenue_high);
      g_autofree char *revenue = g_strdup_printf (_("%s by those who got it, %s by those held back: "
                                                    "%s more (95 %% sure between %s and %s)"),
                                                  t, c, d, lo, hi);
      adw_action_row_set_subtitle (self->rate_row, rate);
      adw_action_row_set_subtitle (self->revenue_row, revenue);
    }
  else
    {
      g_autofree char *rate = g_strdup_printf (_("%.0f %% of those who got it"), lift->treatment_rate * 100);
      g_autofree char *t = money (self, lift->treatment_revenue);
      adw_action_row_set_subtitle (self->rate_row, rate);
      adw_action_row_set_subtitle (self->revenue_row, t);
    }
}

static void
reg_campaign_dialog_finalize (GObject *object)
{
  RegCampaignDialog *self = REG_CAMPAIGN_DIALOG (object);

  g_clear_object (&self->shop);
  g_free (self->summary);
  G_OBJECT_CLASS (reg_campaign_dialog_parent_class)->finalize (object);
}

static void
reg_campaign_dialog_class_init (RegCampaignDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_campaign_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-campaign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, who_row);
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, rate_row);
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, revenue_row);
  gtk_widget_class_bind_template_child (widget_class, RegCampaignDialog, rule_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reg_campaign_dialog_init (RegCampaignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
reg_campaign_dialog_new (RegShop *shop,
                         gint64   campaign)
{
  RegCampaignDialog *self;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);

  self = g_object_new (REG_TYPE_CAMPAIGN_DIALOG, NULL);
  self->shop = g_object_ref (shop);
  fill (self, campaign);
  return GTK_WINDOW (self);
}

const char *
reg_campaign_dialog_get_summary (RegCampaignDialog *self)
{
  g_return_val_if_fail (REG_IS_CAMPAIGN_DIALOG (self), NULL);
  return self->summary;
}
