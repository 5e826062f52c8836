/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegProductsView reads the product figures with a RegProductsJob (a worker thread, its own
 * connection) and shows them in a GtkColumnView: search by code or name, sort by any figure,
 * and a drop-down for whose purchases count (everyone, a tier, the at-risk list: a segment the
 * job lists in its thread). A product's page (its buyers by tier read on the main thread: one
 * indexed query) sits beside the list, or is a page of its own when the window is too narrow
 * for both (an AdwLeaflet folds, as in the Customers view). The items point into the figures
 * the view holds; the list is emptied before the figures are let go of.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-products-job.h"
#include "reg-products-view.h"
#include "reg-segment.h"
#include "reg-view.h"

/* "what goes with it" shows this many pairs at most */
#define MAX_PAIRS_SHOWN 8
/* pairs read for the page of every product: the strongest ones; a product bought together
 * with nothing among them shows none */
#define PAIR_LIMIT 50000

/* whose purchases the list counts, as the drop-down offers them: segment names of
 * reg-segment.c, everyone first (the shop's whole figures) */
static const char *const groups[] = { "all", "top", "middle", "bottom", "at-risk" };

typedef enum
{
  COL_PRODUCT,
  COL_REVENUE,
  COL_QUANTITY,
  COL_CUSTOMERS,
  COL_ORDERS,
  N_COLUMNS
} Column;

/* ---- the items ---- */

struct _RegProductItem
{
  GObject              parent_instance;
  const RegProductRow *row;   /* (unowned) into the view's figures */
};

G_DEFINE_FINAL_TYPE (RegProductItem, reg_product_item, G_TYPE_OBJECT)

static void
reg_product_item_class_init (RegProductItemClass *klass)
{
}

static void
reg_product_item_init (RegProductItem *self)
{
}

const char *
reg_product_item_get_code (RegProductItem *self)
{
  return self->row->code;
}

const char *
reg_product_item_get_name (RegProductItem *self)
{
  return self->row->name;
}

gint64
reg_product_item_get_revenue (RegProductItem *self)
{
  return self->row->revenue_minor;
}

guint
reg_product_item_get_customers (RegProductItem *self)
{
  return self->row->customers;
}

/* ---- the view ---- */

struct _RegProductsView
{
  AdwBin               parent_instance;

  RegShop             *shop;          /* (owned) (nullable) */
  RegProductFigures   *figures;       /* (owned) (nullable) */
  GCancellable        *cancellable;   /* (owned) (nullable) the read under way */
  GListStore          *items;         /* (owned) RegProductItem */
  GtkCustomFilter     *filter;        /* (owned) */
  GtkSingleSelection  *selection;     /* (owned) */
  GListModel          *shown;         /* (unowned) the sorted, filtered rows */
  char                *search;        /* (owned) (nullable) casefolded */
  char                *group;         /* (owned) (nullable) the segment chosen; NULL = everyone */
  char                *reading_group; /* (owned) (nullable) the one the read under way counts */
  char                *figures_group; /* (owned) (nullable) the one self->figures counts */
  GtkStringList       *group_titles;  /* (owned) the drop-down's items, in the order of groups[] */
  const RegProductRow *open_row;      /* (unowned) (nullable) the product whose page shows */

  /* template */
  GtkStack            *main_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *empty_page;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *group_dropdown;
  GtkWidget           *group_empty_label;
  GtkColumnView       *column_view;
  GtkWidget           *detail_page;
  GtkWidget           *detail_separator;
  GtkWidget           *back_button;
  GtkWidget           *bought_button;
  GtkWidget           *not_bought_button;
  GtkLabel            *title_label;
  GtkLabel            *code_label;
  GtkLabel            *figures_label;
  GtkLabel            *tiers_label;
  GtkListBox          *pairs_list;
  GtkWidget           *no_pairs_label;
  GtkColumnViewColumn *columns[N_COLUMNS];
};

static void view_iface_init (RegViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegProductsView, reg_products_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (REG_TYPE_VIEW, view_iface_init))

static gint64
row_figure (const RegProductRow *row, Column col)
{
  switch (col)
    {
    case COL_REVENUE:
      return row->revenue_minor;
    case COL_QUANTITY:
      return row->quantity;
    case COL_CUSTOMERS:
      return row->customers;
    case COL_ORDERS:
      return row->orders;
    case COL_PRODUCT:
    case N_COLUMNS:
    default:
      return 0;
    }
}

/* ---- cells ---- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  Column col = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  if (col == COL_PRODUCT)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  Column col = GPOINTER_TO_INT (data);
  RegProductItem *product = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  RegProductsView *self = g_object_get_data (G_OBJECT (factory), "view");
  g_autofree char *text = NULL;

  if (col == COL_PRODUCT)
    {
      gtk_label_set_text (label, product->row->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), product->row->code);
      return;
    }
  if (col == COL_REVENUE && self->shop != NULL)
    text = reg_shop_format_amount (self->shop, product->row->revenue_minor);
  else
    text = g_strdup_printf ("%" G_GINT64_FORMAT, row_figure (product->row, col));
  gtk_label_set_text (label, text);
}

static int
compare_cb (gconstpointer a, gconstpointer b, gpointer data)
{
  Column col = GPOINTER_TO_INT (data);
  const RegProductRow *x = REG_PRODUCT_ITEM ((gpointer) a)->row;
  const RegProductRow *y = REG_PRODUCT_ITEM ((gpointer) b)->row;
  gint64 fx, fy;

  if (col == COL_PRODUCT)
    return g_utf8_collate (x->name, y->name);
  fx = row_figure (x, col);
  fy = row_figure (y, col);
  return fx < fy ? GTK_ORDERING_SMALLER : fx > fy ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_columns (RegProductsView *self)
{
  const char *titles[N_COLUMNS] = {
    [COL_PRODUCT] = _("Product"),
    [COL_REVENUE] = _("Revenue"),
    [COL_QUANTITY] = _("Quantity"),
    [COL_CUSTOMERS] = _("Customers"),
    [COL_ORDERS] = _("Orders"),
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare_cb, GINT_TO_POINTER (i), NULL);

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));
      self->columns[i] = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_sorter (self->columns[i], GTK_SORTER (sorter));
      gtk_column_view_column_set_expand (self->columns[i], i == COL_PRODUCT);
      gtk_column_view_column_set_resizable (self->columns[i], i == COL_PRODUCT);
      gtk_column_view_append_column (self->column_view, self->columns[i]);
    }
}

/* ---- search ---- */

static gboolean
filter_cb (gpointer item, gpointer data)
{
  RegProductsView *self = data;
  const RegProductRow *row = REG_PRODUCT_ITEM (item)->row;
  g_autofree char *code = NULL, *name = NULL;

  if (self->search == NULL)
    return TRUE;
  code = g_utf8_casefold (row->code, -1);
  name = g_utf8_casefold (row->name, -1);
  return strstr (code, self->search) != NULL || strstr (name, self->search) != NULL;
}

static void
on_search_changed_cb (GtkSearchEntry  *entry,
                      RegProductsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- a product's page ---- */

static GtkWidget *
pair_row_new (RegProductsView *self, const RegProductPairRow *pair, const RegProductRow *row)
{
  gboolean first = pair->a == row;
  const RegProductRow *other = first ? pair->b : pair->a;
  double confidence = first ? pair->confidence_ab : pair->confidence_ba;
  GtkWidget *action_row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (other->name, -1);
  g_autofree char *share = NULL, *subtitle = NULL;

  /* TRANSLATORS: "63 % of its orders also held RED HANGING HEART T-LIGHT HOLDER": of the
   * orders holding the product shown, the share that held the other one too */
  share = g_strdup_printf (_("%.0f %% of its orders also held it"), 100 * confidence);
  /* TRANSLATORS: how much more often two products are bought together than if each were
   * bought regardless of the other (the lift), and in how many orders */
  subtitle = g_strdup_printf (ngettext ("%s; %.1f times as often as chance would have it, in %u order",
                                        "%s; %.1f times as often as chance would have it, in %u orders",
                                        pair->orders),
                              share, pair->lift, pair->orders);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (action_row), 0);

  /* the cross-sell list: who bought this product and not the other one yet, as a segment for
   * a campaign (with its control group) or a printed list */
  {
    /* an icon, so that a narrow page keeps its room for the names */
    GtkWidget *offer = gtk_button_new_from_icon_name ("mail-send-symbolic");
    g_autofree char *spec = g_strconcat ("bought:", row->code, ",not-bought:", other->code, NULL);
    /* TRANSLATORS: the tooltip of "Buyers Without It" on a product's page: the first product is
     * the one shown, the second the one often bought with it */
    g_autofree char *tip = g_strdup_printf (_("Customers who bought %s but not %s yet: a list to offer it to"),
                                            row->name, other->name);

    gtk_widget_set_valign (offer, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (offer, "flat");
    gtk_widget_set_tooltip_text (offer, tip);
    gtk_accessible_update_property (GTK_ACCESSIBLE (offer), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Buyers Without It"), -1);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (offer), "win.show-segment");
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (offer), g_variant_new_string (spec));
    gtk_widget_set_name (offer, "offer_button");
    adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), offer);
  }
  return action_row;
}

/* The product's buyers by tier, from the latest analysis: of every customer, whichever group
 * the list counts. */
static void
show_tiers (RegProductsView *self, const RegProductRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  RegProductBuyers buyers;

  if (row == NULL || self->shop == NULL
      || !reg_shop_product_buyers_by_tier (self->shop, row->code, &buyers, &error))
    {
      /* a product gone with an undo between the read and now: the next read drops it */
      if (error != NULL)
        g_debug ("Buyers of %s not read: %s", row->code, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->tiers_label), FALSE);
      return;
    }
  words = reg_product_buyers_in_words (&buyers);
  gtk_label_set_text (self->tiers_label, words);
  gtk_widget_set_visible (GTK_WIDGET (self->tiers_label), TRUE);
}

static void
show_product (RegProductsView *self, const RegProductRow *row, gboolean open_page)
{
  GtkWidget *child;
  g_autofree char *revenue = NULL, *figures = NULL;
  const char *title = NULL;
  guint shown = 0;

  self->open_row = row;
  gtk_widget_set_visible (self->detail_page, row != NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_list))) != NULL)
    gtk_list_box_remove (self->pairs_list, child);
  if (row == NULL)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      return;
    }
  gtk_label_set_text (self->title_label, row->name);
  gtk_label_set_text (self->code_label, row->code);
  revenue = reg_shop_format_amount (self->shop, row->revenue_minor);
  /* the figures are a group's: the page says whose, next to the line of every buyer by tier
   * (the group of the figures shown, while another one's are being read) */
  for (guint i = 0; self->figures_group != NULL && i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i], self->figures_group))
      title = gtk_string_list_get_string (self->group_titles, i);
  if (title != NULL)
    /* TRANSLATORS: "Top-tier customers: 361 of them bought it, in 1025 orders, for
     * £109,503.25"; the first %s is the group chosen in the list's drop-down */
    figures = g_strdup_printf (ngettext ("%s: %u of them bought it, in %u orders, for %s",
                                         "%s: %u of them bought it, in %u orders, for %s",
                                         row->customers),
                               title, row->customers, row->orders, revenue);
  else
    /* TRANSLATORS: "412 customers bought it, in 530 orders, for €1,234.50" */
    figures = g_strdup_printf (ngettext ("%u customer bought it, in %u orders, for %s",
                                         "%u customers bought it, in %u orders, for %s",
                                         row->customers),
                               row->customers, row->orders, revenue);
  gtk_label_set_text (self->figures_label, figures);
  show_tiers (self, row);
  /* the pairs come most orders first: the first few of this product's are its strongest */
  for (guint i = 0; self->figures != NULL && i < self->figures->pairs->len && shown < MAX_PAIRS_SHOWN; i++)
    {
      const RegProductPairRow *pair = &g_array_index (self->figures->pairs, RegProductPairRow, i);

      if (pair->a != row && pair->b != row)
        continue;
      gtk_list_box_append (self->pairs_list, pair_row_new (self, pair, row));
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pairs_list), shown > 0);
  gtk_widget_set_visible (self->no_pairs_label, shown == 0);
  if (open_page)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_page);
}

static void
on_selected_cb (GtkSingleSelection *selection,
                GParamSpec         *pspec,
                RegProductsView    *self)
{
  RegProductItem *item = gtk_single_selection_get_selected_item (selection);

  show_product (self, item != NULL ? item->row : NULL, FALSE);
}

static void
on_row_activated_cb (GtkColumnView   *view,
                     guint            position,
                     RegProductsView *self)
{
  reg_products_view_open (self, position);
}

static void
on_segment_clicked_cb (GtkButton       *button,
                       RegProductsView *self)
{
  g_autofree char *spec = NULL;

  if (self->open_row == NULL)
    return;
  spec = g_strconcat (GTK_WIDGET (button) == self->bought_button ? "bought:" : "not-bought:",
                      self->open_row->code, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-segment", "s", spec);
}

static void
on_back_clicked_cb (GtkButton       *button,
                    RegProductsView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_leaflet_folded_cb (AdwLeaflet      *leaflet,
                      GParamSpec      *pspec,
                      RegProductsView *self)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  gtk_widget_set_visible (self->detail_separator, !folded);
}

/* ---- reading ---- */

static void
set_figures (RegProductsView *self, RegProductFigures *figures)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  /* the product whose page is open stays open when the new figures still have it (another
   * group chosen, a sale added) */
  g_autofree char *open_code = self->open_row != NULL ? g_strdup (self->open_row->code) : NULL;
  gboolean on_page = adw_leaflet_get_folded (self->leaflet)
                     && adw_leaflet_get_visible_child (self->leaflet) == self->detail_page;

  show_product (self, NULL, FALSE);
  /* the items point into the figures: gone before them */
  g_list_store_remove_all (self->items);
  g_clear_pointer (&self->figures, reg_product_figures_free);
  self->figures = figures;
  for (guint i = 0; figures != NULL && i < figures->products->len; i++)
    {
      RegProductItem *item = g_object_new (REG_TYPE_PRODUCT_ITEM, NULL);

      item->row = figures->products->pdata[i];
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* a shop without line items says so; a group that bought none keeps the list and its
   * drop-down, to choose another */
  gtk_stack_set_visible_child_name (self->main_stack,
                                    items->len > 0 || self->figures_group != NULL ? "products"
                                                                                  : "empty");
  gtk_widget_set_visible (self->group_empty_label, items->len == 0 && self->figures_group != NULL);
  for (guint i = 0; open_code != NULL && i < g_list_model_get_n_items (self->shown); i++)
    {
      g_autoptr(RegProductItem) item = g_list_model_get_item (self->shown, i);

      if (g_str_equal (item->row->code, open_code))
        {
          /* the selection shows the page beside the list */
          gtk_single_selection_set_selected (self->selection, i);
          if (on_page)
            adw_leaflet_set_visible_child (self->leaflet, self->detail_page);
          break;
        }
    }
}

static void
on_figures_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RegProductsView) self = user_data;
  g_autoptr(GError) error = NULL;
  RegProductFigures *figures = reg_job_run_finish (REG_JOB (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || reg_job_get_cancellable (REG_JOB (source)) != self->cancellable)
    {
      g_clear_pointer (&figures, reg_product_figures_free);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (figures == NULL)
    g_warning ("Products not read: %s", error->message);
  g_free (self->figures_group);
  self->figures_group = g_steal_pointer (&self->reading_group);
  set_figures (self, figures);
}

/* The tiers and the at-risk list come from an analysis: without one the list counts everyone
 * and the drop-down says why it offers nothing else. */
static void
refresh_groups (RegProductsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *run = NULL;
  gboolean analysed;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->group_titles)) == 0)
    for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
      {
        g_autoptr(RegSegment) segment = reg_segment_parse (self->shop, groups[i], NULL);
        g_autofree char *title = reg_segment_title (segment);

        gtk_string_list_append (self->group_titles, title);
      }
  run = reg_shop_get_latest_run (self->shop, &error);
  if (error != NULL)
    g_warning ("Latest analysis not read: %s", error->message);
  analysed = run != NULL;
  if (!analysed)
    {
      g_clear_pointer (&self->group, g_free);
      gtk_drop_down_set_selected (self->group_dropdown, 0);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->group_dropdown), analysed);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->group_dropdown),
                               analysed ? _("Whose purchases the list counts: everyone’s, a tier’s "
                                            "or those of the customers slipping away")
                                        : _("Run an analysis first: it puts the customers in "
                                            "tiers and finds who is slipping away"));
}

static void
on_group_selected_cb (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      RegProductsView *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  const char *group = i > 0 && i < G_N_ELEMENTS (groups) ? groups[i] : NULL;

  if (g_strcmp0 (group, self->group) == 0)
    return;
  g_free (self->group);
  self->group = g_strdup (group);
  if (self->shop != NULL)
    reg_view_reload (REG_VIEW (self));
}

static void
view_reload (RegView *view)
{
  RegProductsView *self = REG_PRODUCTS_VIEW (view);
  g_autoptr(RegProductsJob) job = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->shop == NULL)
    {
      set_figures (self, NULL);
      return;
    }
  refresh_groups (self);
  if (self->group != NULL)
    {
      g_autoptr(GError) error = NULL;
      RegSegment *segment = reg_segment_parse (self->shop, self->group, &error);

      /* the drop-down's names always parse: a failure is a mistake of ours */
      if (segment == NULL)
        g_critical ("Segment %s: %s", self->group, error->message);
      job = reg_products_job_new_for (self->shop, segment, PAIR_LIMIT);
    }
  else
    job = reg_products_job_new (self->shop, PAIR_LIMIT);
  g_free (self->reading_group);
  self->reading_group = g_strdup (self->group);
  self->cancellable = g_object_ref (reg_job_get_cancellable (REG_JOB (job)));
  if (self->figures == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }
  reg_job_run_async (REG_JOB (job), on_figures_read_cb, g_object_ref (self));
}

static gboolean
view_shop_changed (RegView *view, RegShopChange change, gint64 id)
{
  RegProductsView *self = REG_PRODUCTS_VIEW (view);

  /* new scores move customers between tiers: a tier's list is read again; everyone's list
   * stays as it was, only the drop-down and the open page's tier line follow */
  if (change == REG_SHOP_CHANGE_SCORES)
    {
      if (self->group != NULL)
        return TRUE;
      refresh_groups (self);
      show_tiers (self, self->open_row);
      return FALSE;
    }
  /* products come and go with sales; settings change how amounts are written */
  return change == REG_SHOP_CHANGE_SALE || change == REG_SHOP_CHANGE_ALL
         || change == REG_SHOP_CHANGE_CUSTOMER_REMOVED || change == REG_SHOP_CHANGE_SETTINGS;
}

static void
view_set_shop (RegView *view, RegShop *shop)
{
  RegProductsView *self = REG_PRODUCTS_VIEW (view);

  g_clear_pointer (&self->figures_group, g_free);
  set_figures (self, NULL);
  g_set_object (&self->shop, shop);
}

static void
view_iface_init (RegViewInterface *iface)
{
  iface->set_shop = view_set_shop;
  iface->shop_changed = view_shop_changed;
  iface->reload = view_reload;
}

/* ---- GObject ---- */

static void
reg_products_view_dispose (GObject *object)
{
  RegProductsView *self = REG_PRODUCTS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* AdwBin lets go of the page itself; the list lets go of the rows first */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  G_OBJECT_CLASS (reg_products_view_parent_class)->dispose (object);
}

static void
reg_products_view_finalize (GObject *object)
{
  RegProductsView *self = REG_PRODUCTS_VIEW (object);

  /* the columns were made here (a reference of ours) and appended (the list's own) */
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_object (&self->group_titles);
  g_clear_pointer (&self->figures, reg_product_figures_free);
  g_clear_object (&self->shop);
  g_free (self->search);
  g_free (self->group);
  g_free (self->reading_group);
  g_free (self->figures_group);
  G_OBJECT_CLASS (reg_products_view_parent_class)->finalize (object);
}

static void
reg_products_view_class_init (RegProductsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_products_view_dispose;
  object_class->finalize = reg_products_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-products-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, group_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, detail_page);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, bought_button);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, not_bought_button);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, code_label);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, figures_label);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, tiers_label);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, pairs_list);
  gtk_widget_class_bind_template_child (widget_class, RegProductsView, no_pairs_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_segment_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_group_selected_cb);
}

static void
reg_products_view_init (RegProductsView *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
  self->group_titles = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (self->group_titles));
  self->items = g_list_store_new (REG_TYPE_PRODUCT_ITEM);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->shown = G_LIST_MODEL (sorted);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* the products come by revenue, highest first: the list says so */
  gtk_column_view_sort_by_column (self->column_view, self->columns[COL_REVENUE], GTK_SORT_DESCENDING);
  on_leaflet_folded_cb (self->leaflet, NULL, self);
}

GtkWidget *
reg_products_view_new (void)
{
  return g_object_new (REG_TYPE_PRODUCTS_VIEW, NULL);
}

void
reg_products_view_set_shop (RegProductsView *self, RegShop *shop)
{
  g_return_if_fail (REG_IS_PRODUCTS_VIEW (self));
  reg_view_set_shop (REG_VIEW (self), shop);
}

GListModel *
reg_products_view_get_model (RegProductsView *self)
{
  g_return_val_if_fail (REG_IS_PRODUCTS_VIEW (self), NULL);
  return self->shown;
}

gboolean
reg_products_view_is_loading (RegProductsView *self)
{
  g_return_val_if_fail (REG_IS_PRODUCTS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

void
reg_products_view_open (RegProductsView *self, guint position)
{
  g_autoptr(RegProductItem) item = NULL;

  g_return_if_fail (REG_IS_PRODUCTS_VIEW (self));
  item = g_list_model_get_item (self->shown, position);
  if (item == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  show_product (self, item->row, TRUE);
}
