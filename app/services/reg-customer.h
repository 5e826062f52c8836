/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomer is one row of the customer list: an immutable snapshot of a customer with their
 * figures, replaced in the list when it changes. Sort keys are computed once, so that sorting
 * 100,000 rows compares plain fields.
 */
#pragma once

#include <glib-object.h>

#include "reg-records.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER (reg_customer_get_type ())
G_DECLARE_FINAL_TYPE (RegCustomer, reg_customer, REG, CUSTOMER, GObject)

RegCustomer *reg_customer_new_from_row       (RegCustomerRow *row);   /* takes ownership */
RegCustomer *reg_customer_new_from_brief     (const RegCustomerBrief *brief,    /* copies */
                                              GString                *scratch);
const RegCustomerRow *reg_customer_get_row   (RegCustomer *self);     /* NULL unless made from a row */
gint64       reg_customer_get_id             (RegCustomer *self);
const char  *reg_customer_get_name           (RegCustomer *self);
const char  *reg_customer_get_email          (RegCustomer *self);
const char  *reg_customer_get_name_key       (RegCustomer *self);     /* g_utf8_collate_key of the name */
char        *reg_customer_make_name_key      (const char  *name);     /* the same for any name */
const char  *reg_customer_get_search_text    (RegCustomer *self);     /* casefolded name + email */
const char  *reg_customer_get_tier           (RegCustomer *self);     /* "top", "middle", "bottom" or NULL */
int          reg_customer_get_tier_rank      (RegCustomer *self);     /* 0 top, 1 middle, 2 bottom, 3 none */
const char  *reg_customer_get_rfm_group      (RegCustomer *self);     /* id or NULL */
guint32      reg_customer_get_purchases      (RegCustomer *self);
gint64       reg_customer_get_total_spend    (RegCustomer *self);
gint32       reg_customer_get_last_purchase  (RegCustomer *self);
double       reg_customer_get_p_alive        (RegCustomer *self);     /* -1 unknown */
double       reg_customer_get_clv            (RegCustomer *self);     /* minor units, -1 unknown */
guint32      reg_customer_get_at_risk        (RegCustomer *self);
gboolean     reg_customer_get_archived       (RegCustomer *self);

/* C compare functions for GtkCustomSorter (GCompareDataFunc signature) */
int reg_customer_compare_name           (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_email          (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_tier           (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_rfm_group      (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_last_purchase  (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_purchases      (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_total_spend    (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_p_alive        (gconstpointer a, gconstpointer b, gpointer unused);
int reg_customer_compare_clv            (gconstpointer a, gconstpointer b, gpointer unused);

G_END_DECLS
