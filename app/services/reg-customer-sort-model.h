/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerSortModel: a customer list model (RegCustomer items) filtered by a C function and
 * sorted by one column, for the Customers view. It sorts an index array on keys copied out of
 * the customers once per sort, so that 100,000 rows sort in a few hundredths of a second, and
 * follows the list it shows in place when single customers change. Main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "reg-customer.h"

G_BEGIN_DECLS

typedef enum
{
  REG_CUSTOMER_SORT_NONE,            /* the order of the list shown (customers by id) */
  REG_CUSTOMER_SORT_NAME,            /* reg_customer_compare_name, and so on */
  REG_CUSTOMER_SORT_EMAIL,
  REG_CUSTOMER_SORT_TIER,
  REG_CUSTOMER_SORT_RFM_GROUP,
  REG_CUSTOMER_SORT_LAST_PURCHASE,
  REG_CUSTOMER_SORT_PURCHASES,
  REG_CUSTOMER_SORT_TOTAL_SPEND,
  REG_CUSTOMER_SORT_P_ALIVE,
  REG_CUSTOMER_SORT_CLV,
  REG_N_CUSTOMER_SORTS
} RegCustomerSort;

/* Rows replaced by as many that one items-changed announces: a list view fetches every added
 * row to find the ones it shows (2-3 s for 1,000,000), against about 0.1 s for making its
 * row widgets anew when told "all removed, then all added". */
#define REG_CUSTOMER_SORT_MODEL_REPLACE_LIMIT 150000

/* Returns TRUE to show the customer. */
typedef gboolean (*RegCustomerFilterFunc) (RegCustomer *customer,
                                           gpointer     user_data);

#define REG_TYPE_CUSTOMER_SORT_MODEL (reg_customer_sort_model_get_type ())
G_DECLARE_FINAL_TYPE (RegCustomerSortModel, reg_customer_sort_model, REG, CUSTOMER_SORT_MODEL, GObject)

RegCustomerSortModel *reg_customer_sort_model_new        (GListModel            *model);
void                  reg_customer_sort_model_set_model  (RegCustomerSortModel  *self,
                                                          GListModel            *model);
GListModel           *reg_customer_sort_model_get_model  (RegCustomerSortModel  *self);
gboolean              reg_customer_sort_model_is_reordering (RegCustomerSortModel *self);
void                  reg_customer_sort_model_set_replace_limit (RegCustomerSortModel *self,
                                                                 guint                 rows);
void                  reg_customer_sort_model_set_sort   (RegCustomerSortModel  *self,
                                                          RegCustomerSort        sort,
                                                          gboolean               descending);
RegCustomerSort       reg_customer_sort_model_get_sort   (RegCustomerSortModel  *self,
                                                          gboolean              *descending);
void                  reg_customer_sort_model_set_filter (RegCustomerSortModel  *self,
                                                          RegCustomerFilterFunc  func,
                                                          gpointer               user_data,
                                                          GDestroyNotify         destroy);
void                  reg_customer_sort_model_refilter   (RegCustomerSortModel  *self,
                                                          gboolean               only_fewer);
GCompareDataFunc      reg_customer_sort_get_compare      (RegCustomerSort        sort);

G_END_DECLS
