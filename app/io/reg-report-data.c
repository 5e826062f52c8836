/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building and freeing RegReportData. Every add function copies what it is given, so the caller
 * keeps ownership of its own strings; reg_report_data_free() releases the lot. No thread
 * affinity: one RegReportData is used by one thread at a time.
 */
#include <glib/gi18n-lib.h>
#include <math.h>

#include "reg-report-data.h"

static void
clear_tier (gpointer p)
{
  RegReportTier *t = p;

  g_clear_pointer (&t->id, g_free);
  g_clear_pointer (&t->name, g_free);
}

static void
clear_cohort (gpointer p)
{
  RegReportCohort *c = p;

  g_clear_pointer (&c->retention, g_free);
}

static void
clear_param (gpointer p)
{
  RegReportParam *param = p;

  g_clear_pointer (&param->name, g_free);
  g_clear_pointer (&param->meaning, g_free);
}

static void
clear_holdout (gpointer p)
{
  RegReportHoldoutRow *row = p;

  g_clear_pointer (&row->label, g_free);
}

static void
clear_customer (gpointer p)
{
  reg_report_customer_clear (p);
}

/**
 * reg_report_data_new:
 *
 * Returns: (transfer full): empty report data: KPIs and model figures marked not available,
 *   a euro shop in en_US until reg_report_data_set_shop() is called. Free with
 *   reg_report_data_free().
 */
static void
clear_product (gpointer p)
{
  RegReportProduct *product = p;

  g_free (product->code);
  g_free (product->name);
}

static void
clear_pair (gpointer p)
{
  RegReportPair *pair = p;

  g_free (pair->a_code);
  g_free (pair->a_name);
  g_free (pair->b_code);
  g_free (pair->b_name);
}

RegReportData *
reg_report_data_new (void)
{
  RegReportData *data = g_new0 (RegReportData, 1);

  reg_report_data_set_shop (data, "", "EUR", "en_US", clv_date_today (), 12, 0.0,
                            REG_TIME_UNIT_WEEKS);
  data->kpis.average_order_value = REG_REPORT_NA;
  data->kpis.purchase_frequency = REG_REPORT_NA;
  data->kpis.repeat_rate = REG_REPORT_NA;
  data->kpis.churn_rate = REG_REPORT_NA;
  data->kpis.average_predicted_clv = REG_REPORT_NA;
  data->kpis.total_predicted_clv = REG_REPORT_NA;

  data->revenue_by_month = g_array_new (FALSE, TRUE, sizeof (RegReportMonth));
  data->tiers = g_array_new (FALSE, TRUE, sizeof (RegReportTier));
  g_array_set_clear_func (data->tiers, clear_tier);
  data->cohorts = g_array_new (FALSE, TRUE, sizeof (RegReportCohort));
  g_array_set_clear_func (data->cohorts, clear_cohort);
  data->customers = g_array_new (FALSE, TRUE, sizeof (RegReportCustomer));
  g_array_set_clear_func (data->customers, clear_customer);

  data->model.params = g_array_new (FALSE, TRUE, sizeof (RegReportParam));
  g_array_set_clear_func (data->model.params, clear_param);
  data->model.holdout_rows = g_array_new (FALSE, TRUE, sizeof (RegReportHoldoutRow));
  g_array_set_clear_func (data->model.holdout_rows, clear_holdout);
  data->model.log_likelihood = NAN;   /* not available */
  data->model.tracking = g_array_new (FALSE, TRUE, sizeof (RegReportTrackingRow));
  data->forecast = g_array_new (FALSE, TRUE, sizeof (RegReportMonth));
  data->channels = g_array_new (FALSE, TRUE, sizeof (ClvChannelFigures));
  g_array_set_clear_func (data->channels, (GDestroyNotify) clv_channel_figures_clear);
  data->products = g_array_new (FALSE, TRUE, sizeof (RegReportProduct));
  g_array_set_clear_func (data->products, clear_product);
  data->pairs = g_array_new (FALSE, TRUE, sizeof (RegReportPair));
  g_array_set_clear_func (data->pairs, clear_pair);
  data->model.holdout_predicted = REG_REPORT_NA;
  data->model.holdout_actual = REG_REPORT_NA;
  return data;
}

void
reg_report_data_free (RegReportData *data)
{
  if (data == NULL)
    return;
  g_free (data->shop.name);
  g_free (data->shop.currency_code);
  g_free (data->shop.locale_id);
  g_array_unref (data->revenue_by_month);
  g_array_unref (data->tiers);
  g_array_unref (data->cohorts);
  g_array_unref (data->customers);
  g_free (data->model.name);
  g_free (data->model.reason);
  g_free (data->model.not_enough_data);
  g_array_unref (data->model.params);
  g_array_unref (data->model.holdout_rows);
  g_array_unref (data->model.tracking);
  g_free (data->model.tracking_text);
  g_array_unref (data->forecast);
  g_free (data->forecast_text);
  g_array_unref (data->channels);
  g_array_unref (data->products);
  g_array_unref (data->pairs);
  g_free (data);
}

/**
 * reg_report_data_set_shop:
 * @currency_code: ISO 4217; an unknown code falls back to EUR for the number formats
 * @locale_id: "de_DE"; an unknown id falls back to en_US
 * @report_day: Julian day
 * @discount_rate: monthly, as a fraction
 *
 * Sets the shop block and its money format.
 */
void
reg_report_data_set_shop (RegReportData *data,
                          const char    *name,
                          const char    *currency_code,
                          const char    *locale_id,
                          gint32         report_day,
                          guint          horizon_months,
                          double         discount_rate,
                          RegTimeUnit    time_unit)
{
  RegReportShop *shop = &data->shop;

  g_free (shop->name);
  g_free (shop->currency_code);
  g_free (shop->locale_id);
  shop->name = g_strdup (name != NULL ? name : "");
  shop->currency_code = g_strdup (currency_code != NULL ? currency_code : "EUR");
  shop->locale_id = g_strdup (locale_id != NULL ? locale_id : "en_US");
  clv_money_format_init (&shop->money, shop->locale_id, shop->currency_code);
  shop->report_day = report_day;
  shop->horizon_months = horizon_months;
  shop->discount_rate = discount_rate;
  shop->time_unit = time_unit;
}

void
reg_report_data_add_month (RegReportData *data, gint32 month_day, gint64 revenue)
{
  RegReportMonth m = { month_day, revenue };

  g_array_append_val (data->revenue_by_month, m);
}

void
reg_report_data_add_tier (RegReportData *data,
                          const char    *id,
                          const char    *name,
                          guint          customers,
                          gint64         total_predicted_clv)
{
  RegReportTier t = { g_strdup (id), g_strdup (name), customers, total_predicted_clv };

  g_array_append_val (data->tiers, t);
}

void
reg_report_data_add_cohort (RegReportData *data,
                            gint32         month_day,
                            guint          size,
                            const double  *retention,
                            guint          n_retention)
{
  RegReportCohort c = { month_day, size, g_memdup2 (retention, n_retention * sizeof (double)),
                        n_retention };

  g_array_append_val (data->cohorts, c);
}

void
reg_report_data_add_param (RegReportData *data,
                           const char    *name,
                           const char    *meaning,
                           double         value)
{
  RegReportParam p = { g_strdup (name), g_strdup (meaning), value };

  g_array_append_val (data->model.params, p);
}

void
reg_report_data_add_holdout (RegReportData *data,
                             const char    *label,
                             double         predicted,
                             double         actual)
{
  RegReportHoldoutRow row = { g_strdup (label), predicted, actual };

  g_array_append_val (data->model.holdout_rows, row);
}

/* Appends a deep copy of @customer to data->customers (the array form, for small shops and
 * tests; large shops stream through a RegReportCustomerNext instead). */
void
reg_report_data_add_customer (RegReportData *data, const RegReportCustomer *customer)
{
  RegReportCustomer copy;

  reg_report_customer_copy (customer, &copy);
  g_array_append_val (data->customers, copy);
}

/* Deep copy into @dest, which is overwritten without being cleared first. */
void
reg_report_customer_copy (const RegReportCustomer *src, RegReportCustomer *dest)
{
  *dest = *src;
  dest->name = g_strdup (src->name);
  dest->email = g_strdup (src->email);
  dest->phone = g_strdup (src->phone);
  dest->tier_id = g_strdup (src->tier_id);
  dest->rfm_group = g_strdup (src->rfm_group);
  dest->at_risk_reason = g_strdup (src->at_risk_reason);
  dest->p_alive_note = g_strdup (src->p_alive_note);
}

/* Frees the strings of a customer made by reg_report_customer_copy(); the struct itself stays. */
void
reg_report_customer_clear (RegReportCustomer *customer)
{
  g_clear_pointer (&customer->name, g_free);
  g_clear_pointer (&customer->email, g_free);
  g_clear_pointer (&customer->phone, g_free);
  g_clear_pointer (&customer->tier_id, g_free);
  g_clear_pointer (&customer->rfm_group, g_free);
  g_clear_pointer (&customer->at_risk_reason, g_free);
  g_clear_pointer (&customer->p_alive_note, g_free);
}

/* "weeks", "week", … translated, for sentences that name the model's time unit. */
const char *
reg_time_unit_to_string (RegTimeUnit unit, gboolean plural)
{
  switch (unit)
    {
    case REG_TIME_UNIT_DAYS:
      return plural ? _("days") : _("day");
    case REG_TIME_UNIT_MONTHS:
      return plural ? _("months") : _("month");
    case REG_TIME_UNIT_WEEKS:
    default:
      return plural ? _("weeks") : _("week");
    }
}

void
reg_report_data_add_tracking (RegReportData *data, gint32 period_day, double actual,
                              double expected, double actual_cumulative,
                              double expected_cumulative)
{
  RegReportTrackingRow t = { period_day, actual, expected, actual_cumulative,
                             expected_cumulative };

  g_array_append_val (data->model.tracking, t);
}

void
reg_report_data_add_product (RegReportData *data, const char *code, const char *name,
                             gint64 revenue, gint64 quantity, guint customers, guint orders)
{
  RegReportProduct p = { g_strdup (code), g_strdup (name), revenue, quantity, customers, orders };

  g_array_append_val (data->products, p);
}

void
reg_report_data_add_pair (RegReportData *data, const RegReportPair *pair)
{
  RegReportPair p = { g_strdup (pair->a_code), g_strdup (pair->a_name), g_strdup (pair->b_code),
                      g_strdup (pair->b_name), pair->orders, pair->support, pair->confidence_ab,
                      pair->confidence_ba, pair->lift };

  g_array_append_val (data->pairs, p);
}

void
reg_report_data_take_channels (RegReportData *data, GArray *channels, gint32 first_month,
                               gint32 last_month)
{
  for (guint i = 0; i < channels->len; i++)
    {
      ClvChannelFigures *f = &g_array_index (channels, ClvChannelFigures, i);
      g_array_append_val (data->channels, *f);
      f->channel = NULL;   /* now the report's */
      f->new_by_month = NULL;
    }
  g_array_set_size (channels, 0);
  data->channels_first_month = first_month;
  data->channels_last_month = last_month;
}

void
reg_report_data_add_forecast (RegReportData *data, gint32 month_day, gint64 expected)
{
  RegReportMonth m = { month_day, expected, FALSE, -1, -1 };

  g_array_append_val (data->forecast, m);
}

void
reg_report_data_add_forecast_range (RegReportData *data, gint32 month_day, gint64 expected,
                                    gint64 low, gint64 high)
{
  RegReportMonth m = { month_day, expected, TRUE, low, high };

  g_array_append_val (data->forecast, m);
}
