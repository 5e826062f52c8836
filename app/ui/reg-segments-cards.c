/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segments page's cards: one per tier, RFM group and channel, from the shop's latest
 * analysis (the channels' figures read on a worker thread). Every card activates
 * "segments.select" with its segment spec; the selected one is marked. Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clv-segments.h"
#include "reg-channels.h"
#include "reg-segments-view-private.h"

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
add_card (RegSegmentsView *self,
          GtkFlowBox      *box,
          const char      *title,
          const char      *count,
          const char      *caption,
          const char      *spec)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *count_label = gtk_label_new (count);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *child = gtk_flow_box_child_new ();
  g_autofree char *a11y = g_strdup_printf ("%s: %s, %s", title, count, caption);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  /* a card's name is read whole: on a narrow card it goes on to a second line */
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 22);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (count_label), 0);
  gtk_widget_add_css_class (count_label, "title-2");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_label_set_lines (GTK_LABEL (caption_label), 2);
  gtk_label_set_max_width_chars (GTK_LABEL (caption_label), 22);
  gtk_label_set_ellipsize (GTK_LABEL (caption_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_box_append (GTK_BOX (vbox), title_label);
  gtk_box_append (GTK_BOX (vbox), count_label);
  gtk_box_append (GTK_BOX (vbox), caption_label);

  gtk_button_set_child (GTK_BUTTON (button), vbox);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "segment-card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "segments.select");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (spec));
  g_object_set_data_full (G_OBJECT (button), "spec", g_strdup (spec), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  if (g_strcmp0 (spec, self->spec) == 0)
    gtk_widget_add_css_class (button, "selected");

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_append (box, child);
}

static void
mark_selected_card (RegSegmentsView *self,
                    GtkFlowBox      *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *spec = g_object_get_data (G_OBJECT (button), "spec");

      if (g_strcmp0 (spec, self->spec) == 0)
        gtk_widget_add_css_class (button, "selected");
      else
        gtk_widget_remove_css_class (button, "selected");
    }
}

char *
reg_segments_view_format_money (RegSegmentsView *self,
                                double           minor)
{
  return reg_shop_format_amount (self->shop, (gint64) llround (minor));
}

static char *
count_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

static char *
value_caption (RegSegmentsView *self,
               double           value,
               guint            customers)
{
  g_autofree char *amount = NULL;

  if (customers == 0)
    return g_strdup (_("nobody at the moment"));
  amount = reg_segments_view_format_money (self, value);
  /* Translators: under a count of customers on a card */
  return g_strdup_printf (_("worth %s together"), amount);
}

/* One card per channel the customers came through (the segment channel:NAME); the section
 * stays hidden in a shop without channels. The figures come from a worker thread. */
static void
on_channel_figures_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(RegSegmentsView) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegChannelFiguresResult) read = NULL;
  GArray *figures;
  guint shown = 0;

  g_weak_ref_clear (ref);
  g_free (ref);
  read = reg_shop_channel_figures_finish (NULL, result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->channel_reading);
  clear_flow_box (self->channel_box);
  figures = read != NULL ? read->figures : NULL;
  for (guint i = 0; figures != NULL && i < figures->len; i++)
    {
      const ClvChannelFigures *f = &g_array_index (figures, ClvChannelFigures, i);
      g_autofree char *spec = NULL, *count = NULL, *spent = NULL, *caption = NULL;

      if (f->channel == NULL || f->customers == 0)
        continue;
      spec = g_strconcat ("channel:", f->channel, NULL);
      count = count_text (f->customers);
      spent = reg_segments_view_format_money (self, (double) f->avg_value * f->customers);
      caption = g_strdup_printf (_("%s spent so far"), spent);
      add_card (self, self->channel_box, f->channel, count, caption, spec);
      shown++;
    }
  gtk_widget_set_visible (self->channel_section, shown > 0);
  mark_selected_card (self, self->channel_box);
}

static void
fill_channel_cards (RegSegmentsView *self)
{
  GWeakRef *ref;

  if (self->channel_reading != NULL)
    g_cancellable_cancel (self->channel_reading);
  g_clear_object (&self->channel_reading);
  if (self->shop == NULL)
    {
      clear_flow_box (self->channel_box);
      gtk_widget_set_visible (self->channel_section, FALSE);
      return;
    }
  self->channel_reading = g_cancellable_new ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  reg_shop_channel_figures_async (self->shop, REG_CHANNEL_MONTHS_DEFAULT, self->channel_reading,
                                  on_channel_figures_cb, ref);
}

void
reg_segments_view_fill_cards (RegSegmentsView          *self,
                              const RegAnalysisSummary *s)
{
  static const ClvTier tiers[] = { CLV_TIER_TOP, CLV_TIER_MIDDLE, CLV_TIER_BOTTOM };

  clear_flow_box (self->tier_box);
  clear_flow_box (self->group_box);
  fill_channel_cards (self);

  if (s == NULL)
    gtk_label_set_text (self->tiers_caption, _("The figures are being worked out: the cards fill in when they are ready."));
  else
    {
      double top = reg_shop_get_setting_double (self->shop, REG_SETTING_TIER_TOP) * 100;
      double bottom = reg_shop_get_setting_double (self->shop, REG_SETTING_TIER_BOTTOM) * 100;
      g_autofree char *caption =
        s->enough_data && s->clv_total >= 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "By what customers are likely to spend in the next month: the top %.0f %% "
                                        "and the bottom %.0f %%, with everyone else in the middle.",
                                        "By what customers are likely to spend in the next %u months: the top "
                                        "%.0f %% and the bottom %.0f %%, with everyone else in the middle.",
                                        s->horizon_months),
                           s->horizon_months, top, bottom)
        : g_strdup_printf (_("By what customers have spent so far (too little history to predict): the top "
                             "%.0f %% and the bottom %.0f %%, with everyone else in the middle."), top, bottom);
      gtk_label_set_text (self->tiers_caption, caption);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      const char *id = clv_tier_id (tiers[i]);
      guint n = 0;
      double value = 0;
      g_autofree char *count = NULL;
      g_autofree char *caption = NULL;

      for (guint k = 0; s != NULL && s->tiers != NULL && k < s->tiers->len; k++)
        {
          const RegTierFigure *t = &g_array_index (s->tiers, RegTierFigure, k);
          if (g_str_equal (t->id, id))
            {
              n = t->customers;
              value = t->value;
            }
        }
      count = s != NULL ? count_text (n) : g_strdup ("—");
      caption = s != NULL ? value_caption (self, value, n) : g_strdup ("");
      add_card (self, self->tier_box, clv_tier_name (tiers[i]), count, caption, id);
    }
  {
    g_autofree char *count = s != NULL ? count_text (s->at_risk) : g_strdup ("—");
    add_card (self, self->tier_box, _("Slipping away"), count,
              _("unlikely to buy again, overdue, or unhappy"), "at-risk");
  }
  {
    g_autofree char *count = s != NULL ? count_text (s->customers) : g_strdup ("—");
    g_autofree char *caption = s != NULL ? reg_segments_view_format_money (self, (double) s->revenue) : g_strdup ("");
    g_autofree char *spent = s != NULL ? g_strdup_printf (_("%s spent so far"), caption) : g_strdup ("");
    add_card (self, self->tier_box, _("All customers"), count, spent, "all");
  }

  for (int g = CLV_RFM_NONE + 1; g < CLV_N_RFM_GROUPS; g++)
    {
      const char *id = clv_rfm_group_id ((ClvRfmGroup) g);
      g_autofree char *spec = g_strconcat ("rfm:", id, NULL);
      guint n = 0;
      double value = 0;
      g_autofree char *count = NULL;
      g_autofree char *caption = NULL;

      for (guint k = 0; s != NULL && s->rfm_groups != NULL && k < s->rfm_groups->len; k++)
        {
          const RegGroupFigure *f = &g_array_index (s->rfm_groups, RegGroupFigure, k);
          if (g_str_equal (f->id, id))
            {
              n = f->customers;
              value = f->value;
            }
        }
      count = s != NULL ? count_text (n) : g_strdup ("—");
      caption = s != NULL ? value_caption (self, value, n) : g_strdup ("");
      add_card (self, self->group_box, clv_rfm_group_name ((ClvRfmGroup) g), count, caption, spec);
    }
}

void
reg_segments_view_mark_selected_cards (RegSegmentsView *self)
{
  mark_selected_card (self, self->tier_box);
  mark_selected_card (self, self->group_box);
  mark_selected_card (self, self->channel_box);
}

/* a read of the channels' figures still running is not wanted any more */
void
reg_segments_view_cancel_channel_cards (RegSegmentsView *self)
{
  g_clear_handle_id (&self->channel_refresh_id, g_source_remove);
  if (self->channel_reading != NULL)
    g_cancellable_cancel (self->channel_reading);
  g_clear_object (&self->channel_reading);
}

static gboolean
refresh_channel_cards_cb (gpointer user_data)
{
  RegSegmentsView *self = user_data;

  self->channel_refresh_id = 0;
  fill_channel_cards (self);
  return G_SOURCE_REMOVE;
}

/* A customer's channel or cost changed (one by one, as "Set Channel" on a selection does):
 * only the channel cards read their figures again, once for a burst of changes, without
 * waiting for an analysis; the tier and group cards are the analysis's and wait for it. */
void
reg_segments_view_queue_channel_cards (RegSegmentsView *self)
{
  if (self->channel_refresh_id == 0 && self->shop != NULL)
    self->channel_refresh_id = g_idle_add (refresh_channel_cards_cb, self);
}
