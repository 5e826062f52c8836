/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegLoyaltyPrint prints a loyalty target list (RegLoyaltyList) through GtkPrintOperation:
 * print dialog with preview, or "Export as PDF" through the operation's export path. The
 * pages are drawn by the shared RegLoyaltyLayout, so paper and PDF look the same. Main thread.
 */
#pragma once

#include <gtk/gtk.h>

#include "reg-loyalty-layout.h"
#include "reg-shop.h"

G_BEGIN_DECLS

#define REG_TYPE_LOYALTY_PRINT (reg_loyalty_print_get_type ())
G_DECLARE_FINAL_TYPE (RegLoyaltyPrint, reg_loyalty_print, REG, LOYALTY_PRINT, GtkPrintOperation)

/* Takes @list (transfer full). */
RegLoyaltyPrint *reg_loyalty_print_new          (RegLoyaltyList  *list);
/* The list of @segment in @shop; NULL with an error when the segment is not one. */
RegLoyaltyPrint *reg_loyalty_print_new_for      (RegShop         *shop,
                                                 const char      *segment,
                                                 GError         **error);
const RegLoyaltyList *reg_loyalty_print_get_list (RegLoyaltyPrint *self);
/* Pages of the last run (0 before one). */
guint            reg_loyalty_print_get_n_pages  (RegLoyaltyPrint *self);
/* Writes a PDF through the operation's export path (GTK_PRINT_OPERATION_ACTION_EXPORT). */
gboolean         reg_loyalty_print_export_pdf   (RegLoyaltyPrint *self,
                                                 GtkWindow       *parent,
                                                 const char      *path,
                                                 GError         **error);

G_END_DECLS
