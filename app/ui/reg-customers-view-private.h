/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What RegCustomersView's files share: the view's fields and its columns. The view
 * (reg-customers-view.c) filters, selects and shows a customer; its columns
 * (reg-customers-columns.c) draw the cells, fit the list's width and sort. Main thread only.
 */
#pragma once

#include "clv-money.h"
#include "reg-customer-detail.h"
#include "reg-customer-sort-model.h"
#include "reg-customers-view.h"
#include "reg-width-watch.h"

G_BEGIN_DECLS

typedef enum
{
  COL_NAME,
  COL_EMAIL,
  COL_TIER,
  COL_RFM_GROUP,
  COL_LAST_PURCHASE,
  COL_PURCHASES,
  COL_TOTAL_SPEND,
  COL_P_ALIVE,
  COL_CLV,
  N_COLUMNS
} Column;

/* What a column's GtkCustomSorter knows: its view and column. */
typedef struct
{
  RegCustomersView *view;
  Column            col;
} ColumnRef;

struct _RegCustomersView
{
  AdwBin               parent_instance;

  RegShop             *shop;            /* (owned) (nullable) */
  RegCustomerSortModel *model;          /* (owned) filtered and sorted */
  GtkMultiSelection   *selection;       /* (owned) */
  GtkBitset           *selected;        /* (owned) the rows selected, as last told */
  ColumnRef            column_refs[N_COLUMNS];
  Column               probe_hit;       /* see read_sort_column () */
  gboolean             probing;
  ClvMoneyFormat       money;           /* the shop's, read once: cells are bound per frame */
  gboolean             money_valid;
  GtkStringList       *group_ids;       /* (owned) ids behind group_dropdown, "" = all */
  char                *query;           /* (owned) (nullable) casefolded search text */
  char                *tier_filter;     /* (owned) (nullable) */
  char                *group_filter;    /* (owned) (nullable) */
  gboolean             at_risk_only;
  gboolean             show_archived;
  gboolean             selecting;       /* a tap selects a row instead of opening it */
  gint64               detail_id;       /* customer shown in the detail pane, 0 = none */
  guint                refind_id;
  guint                fold_id;
  gboolean             compact;         /* one two-line column (a narrow list) */
  GHashTable          *name_items;      /* (owned) the name column's GtkListItems set up: drawn
                                         * again when the list becomes compact or wide */

  /* template */
  AdwLeaflet          *leaflet;
  RegWidthWatch       *list_watch;
  GtkWidget           *detail_page;
  GtkWidget           *detail_separator;
  GtkWidget           *back_bar;
  GtkWidget           *select_button;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tier_dropdown;
  GtkDropDown         *group_dropdown;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *columns[N_COLUMNS];
  RegCustomerDetail   *detail;
};

/* reg-customers-columns.c */
void     reg_customers_view_init_columns        (RegCustomersView *self);
void     reg_customers_view_on_list_width_cb    (RegWidthWatch    *watch,
                                                 GParamSpec       *pspec,
                                                 RegCustomersView *self);
void     reg_customers_view_scroll_to_position  (RegCustomersView *self,
                                                 guint             position);
/* The row at (@x, @y) of the column view, or GTK_INVALID_LIST_POSITION. */
guint    reg_customers_view_row_at              (RegCustomersView *self,
                                                 double            x,
                                                 double            y);

G_END_DECLS
