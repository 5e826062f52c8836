/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channel figures (see clv-channels.h): one pass over the customers and one over the spend,
 * grouped in a hash table by the channel's key.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clv-channels.h"
#include "clv-date.h"

/* mean length of a month in days (365.25 / 12) */
#define DAYS_PER_MONTH 30.4375

gint32
clv_month_index (int year, int month)
{
  return year * 12 + (month - 1);
}

gint32
clv_month_of_day (gint32 julian_day)
{
  int y, m, d;

  clv_date_to_ymd (julian_day, &y, &m, &d);
  return clv_month_index (y, m);
}

gboolean
clv_month_parse (const char *text, gint32 *out_month)
{
  int year = 0, month = 0;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  if (year < 1 || month < 1 || month > 12)
    return FALSE;
  *out_month = clv_month_index (year, month);
  return TRUE;
}

void
clv_month_format_buf (gint32 month, char buf[8])
{
  int year = month / 12, m = month % 12 + 1;

  if (month < 0 || year > 9999)
    {
      g_strlcpy (buf, "?", 8);
      return;
    }
  g_snprintf (buf, 8, "%04d-%02d", year, m);
}

char *
clv_channel_key (const char *channel)
{
  g_autofree char *trimmed = NULL;

  if (channel == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (channel));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return NULL;
  return g_utf8_casefold (trimmed, -1);
}

void
clv_channel_figures_clear (ClvChannelFigures *figures)
{
  g_clear_pointer (&figures->channel, g_free);
  g_clear_pointer (&figures->new_by_month, g_array_unref);
}

typedef struct
{
  ClvChannelFigures f;
  double   value_sum;
  double   predicted_sum, low_sum, high_sum;
  double   months_sum;      /* months since each customer came, at least one each */
  double   dated_value_sum; /* the spend of the customers whose months are counted */
} Group;

static Group *
group_for (GHashTable *groups, const char *channel, const ClvChannelOptions *options)
{
  g_autofree char *key = clv_channel_key (channel);
  const char *k = key != NULL ? key : "";
  Group *g = g_hash_table_lookup (groups, k);

  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->f.channel = key != NULL ? g_strstrip (g_strdup (channel)) : NULL;
      if (options->last_month >= options->first_month
          && (gint64) options->last_month - options->first_month < CLV_CHANNEL_MAX_MONTHS)
        {
          guint n = (guint) (options->last_month - options->first_month + 1);
          g->f.new_by_month = g_array_sized_new (FALSE, TRUE, sizeof (guint), n);
          g_array_set_size (g->f.new_by_month, n);
        }
      g_hash_table_insert (groups, g_strdup (k), g);
    }
  return g;
}

static int
by_customers (gconstpointer a, gconstpointer b)
{
  const ClvChannelFigures *x = a, *y = b;

  if ((x->channel == NULL) != (y->channel == NULL))
    return x->channel == NULL ? 1 : -1;
  if (x->customers != y->customers)
    return x->customers > y->customers ? -1 : 1;
  return g_strcmp0 (x->channel, y->channel);
}

static gint64
round_minor (double v)
{
  return (gint64) llround (v);
}

GArray *
clv_channels_compute (const ClvChannelCustomer *customers, gsize n_customers,
                      const ClvChannelSpend *spends, gsize n_spends,
                      const ClvChannelOptions *options)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* the channel as written → its group: a shop writes few channels for many customers, so
   * the key (trimmed, case-folded) is worked out once per spelling, not once per customer */
  g_autoptr(GHashTable) spelt = g_hash_table_new (g_str_hash, g_str_equal);
  Group *unknown = NULL;
  double margin = CLAMP (options->margin, 0.0, 1.0);
  GArray *out = g_array_new (FALSE, TRUE, sizeof (ClvChannelFigures));
  GHashTableIter iter;
  gpointer value;

  g_array_set_clear_func (out, (GDestroyNotify) clv_channel_figures_clear);
  for (gsize i = 0; i < n_customers; i++)
    {
      const ClvChannelCustomer *c = &customers[i];
      Group *g = c->channel != NULL ? g_hash_table_lookup (spelt, c->channel) : unknown;

      if (g == NULL)
        {
          g = group_for (groups, c->channel, options);
          if (c->channel != NULL)
            g_hash_table_insert (spelt, (gpointer) c->channel, g);
          else
            unknown = g;
        }

      g->f.customers++;
      g->value_sum += (double) c->value;
      if (c->predicted >= 0)
        {
          g->f.predicted_customers++;
          g->predicted_sum += c->predicted;
          /* a customer without a range counts with their prediction at both ends */
          g->low_sum += c->predicted_low >= 0 ? c->predicted_low : c->predicted;
          g->high_sum += c->predicted_high >= 0 ? c->predicted_high : c->predicted;
        }
      if (c->came_day > 0)
        {
          gint32 month = clv_month_of_day (c->came_day);
          double days = (double) options->end_day - c->came_day + 1;

          if (month >= options->first_month && month <= options->last_month)
            {
              g->f.new_customers++;
              g->f.own_costs += c->cost;
              if (g->f.new_by_month != NULL)
                g_array_index (g->f.new_by_month, guint, month - options->first_month)++;
            }
          if (days > 0)
            {
              g->months_sum += MAX (1.0, days / DAYS_PER_MONTH);
              g->dated_value_sum += (double) c->value;
            }
        }
    }
  for (gsize i = 0; i < n_spends; i++)
    if (spends[i].month >= options->first_month && spends[i].month <= options->last_month
        && spends[i].amount != 0)
      group_for (groups, spends[i].channel, options)->f.spend += spends[i].amount;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *g = value;
      ClvChannelFigures *f = &g->f;
      gint64 cost = f->spend + f->own_costs;
      double worth, monthly;

      f->avg_value = f->customers > 0 ? round_minor (g->value_sum / f->customers) : 0;
      f->avg_predicted = f->avg_predicted_low = f->avg_predicted_high = -1;
      if (f->predicted_customers > 0)
        {
          f->avg_predicted = round_minor (g->predicted_sum / f->predicted_customers);
          f->avg_predicted_low = round_minor (g->low_sum / f->predicted_customers);
          f->avg_predicted_high = round_minor (g->high_sum / f->predicted_customers);
        }
      worth = (double) f->avg_value + (f->avg_predicted > 0 ? (double) f->avg_predicted : 0);
      worth *= margin;
      monthly = g->months_sum > 0 ? margin * g->dated_value_sum / g->months_sum : 0;

      if (cost <= 0)
        {
          f->cost_per_new = 0;
          f->value_to_cost = -1;
          f->payback_months = 0;
        }
      else if (f->new_customers == 0)
        {
          f->cost_per_new = -1;
          f->value_to_cost = 0;
          f->payback_months = -1;
        }
      else
        {
          f->cost_per_new = round_minor ((double) cost / f->new_customers);
          f->value_to_cost = f->cost_per_new > 0 ? worth / (double) f->cost_per_new : -1;
          f->payback_months = monthly > 0 ? (double) f->cost_per_new / monthly : -1;
        }
      g_array_append_val (out, *f);
      f->channel = NULL;   /* now the array's */
      f->new_by_month = NULL;
    }
  g_array_sort (out, by_customers);
  return out;
}
