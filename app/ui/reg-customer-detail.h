/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegCustomerDetail: one customer's page beside the list — figures, predictions in words,
 * purchase history with a small chart, survey answers, and edit / merge / archive. Main thread only.
 */
#pragma once

#include <adwaita.h>

#include "reg-customer.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_DETAIL (reg_customer_detail_get_type ())
G_DECLARE_FINAL_TYPE (RegCustomerDetail, reg_customer_detail, REG, CUSTOMER_DETAIL, AdwBin)

GtkWidget   *reg_customer_detail_new             (void);
void         reg_customer_detail_set_shop        (RegCustomerDetail *self,
                                                  RegShop           *shop);
RegCustomer *reg_customer_detail_get_customer    (RegCustomerDetail *self);
void         reg_customer_detail_set_customer    (RegCustomerDetail *self,
                                                  RegCustomer       *customer);
/* The prediction sentence shown (for tests). */
const char  *reg_customer_detail_get_prediction_text (RegCustomerDetail *self);
guint        reg_customer_detail_get_n_history   (RegCustomerDetail *self);
/* Survey answers listed (the latest, up to 20). */
guint        reg_customer_detail_get_n_feedback  (RegCustomerDetail *self);
/* The page's vertical scroll position, 0 at the top (for tests). */
double       reg_customer_detail_get_scroll      (RegCustomerDetail *self);
/* The close button: not on a page of its own, which has a way back instead. */
void         reg_customer_detail_set_show_close  (RegCustomerDetail *self,
                                                  gboolean           show);

G_END_DECLS
