/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable loyalty target list: the list's data (RegLoyaltyList), its page layout drawn with
 * Pango and Cairo (RegLoyaltyLayout) and the headless PDF writer. The layout measures text in
 * its own PangoContext at 72 dpi with unhinted metrics, so it draws the same on a PDF surface and
 * on the cairo context GtkPrintOperation hands out (set its unit to points, use_full_page TRUE).
 * No GTK here. A layout is used by one thread at a time; the list must outlive its layouts.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "clv-money.h"

G_BEGIN_DECLS

typedef struct
{
  char  *name;                /* (owned) */
  char  *email;               /* (owned) (nullable) */
  char  *phone;               /* (owned) (nullable) */
  gint32 last_visit_day;      /* Julian day; 0 = never */
  guint  visits;
  gint64 value;               /* minor units: predicted CLV or total spend, see value_label */
  char  *reason;              /* (owned) (nullable) why this customer is on the list */
} RegLoyaltyEntry;

typedef struct
{
  char          *title;       /* (owned) "Top-tier regulars" */
  char          *shop_name;   /* (owned) */
  char          *rule;        /* (owned) the selection in words: "Top 20 % by predicted value" */
  char          *value_label; /* (owned) column header of value: "Predicted value" */
  gint32         report_day;  /* Julian day the list describes */
  char          *locale_id;   /* (owned) dates and amounts are shown the shop's way */
  ClvMoneyFormat money;       /* points into clv-money's tables */
  GArray        *entries;     /* (owned) of RegLoyaltyEntry, in print order */
} RegLoyaltyList;

typedef enum
{
  REG_PAPER_A4,               /* 595.28 × 841.89 pt */
  REG_PAPER_LETTER,           /* 612 × 792 pt */
} RegPaperSize;

typedef struct _RegLoyaltyLayout RegLoyaltyLayout;

RegLoyaltyList   *reg_loyalty_list_new             (const char     *title,
                                                    const char     *shop_name,
                                                    const char     *rule,
                                                    const char     *value_label,
                                                    gint32          report_day,
                                                    const char     *locale_id,
                                                    const char     *currency_code);
void              reg_loyalty_list_add             (RegLoyaltyList *list,
                                                    const char     *name,
                                                    const char     *email,
                                                    const char     *phone,
                                                    gint32          last_visit_day,
                                                    guint           visits,
                                                    gint64          value,
                                                    const char     *reason);
void              reg_loyalty_list_free            (RegLoyaltyList *list);

void              reg_paper_size_get_points        (RegPaperSize    paper,
                                                    double         *width_pt,
                                                    double         *height_pt);

RegLoyaltyLayout *reg_loyalty_layout_new           (const RegLoyaltyList *list,
                                                    double                page_width_pt,
                                                    double                page_height_pt);
guint             reg_loyalty_layout_get_n_pages   (RegLoyaltyLayout *layout);
void              reg_loyalty_layout_get_page_rows (RegLoyaltyLayout *layout,
                                                    guint             page,
                                                    guint            *first_entry,
                                                    guint            *n_entries);
void              reg_loyalty_layout_draw_page     (RegLoyaltyLayout *layout,
                                                    cairo_t          *cr,
                                                    guint             page);
void              reg_loyalty_layout_free          (RegLoyaltyLayout *layout);

gboolean          reg_loyalty_write_pdf            (const char           *path,
                                                    const RegLoyaltyList *list,
                                                    RegPaperSize          paper,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegLoyaltyList, reg_loyalty_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegLoyaltyLayout, reg_loyalty_layout_free)

G_END_DECLS
