/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSaleEntry is the sale entry row. The customer field suggests up to eight customers from
 * the shop's list model as you type (plus "create new customer"), driven from the keyboard:
 * Up/Down to choose, Enter or Tab to take. Dates and amounts are read by RegShop in the shop's
 * locale; errors are shown under their field and nothing is recorded until all are valid.
 * After a save the row clears (the date stays, for entering a day's sales) and the focus goes
 * back to the customer. The optional Products part adds lines (a product of the shop, found by
 * code or name as you type, or a new one; quantity; amount) saved with the sale through
 * reg_shop_enter_sale(), the one call regulars-cli sale add makes too, so a refused sale leaves
 * neither customer nor product behind. Main thread only; holds a reference to the shop.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clv-date.h"
#include "reg-customer.h"
#include "reg-sale-entry.h"
#include "reg-ui-util.h"

#define MAX_SUGGESTIONS 8

/* One line typed in the Products part, as the owner wrote it: positive, the refund switch
 * turns it round when the sale is saved. */
typedef struct
{
  char   *code;       /* (owned) */
  char   *name;       /* (owned) (nullable) a new product's name */
  char   *shown;      /* (owned) the product's name to show */
  gint64  quantity;
  gint64  amount;     /* minor units, or REG_AMOUNT_UNSET */
} EntryLine;

enum { COL_CODE, COL_NAME, COL_LABEL, COL_KEY, N_COLS };

struct _RegSaleEntry
{
  AdwBin       parent_instance;

  RegShop     *shop;               /* (owned) (nullable) */
  gint64       picked_id;          /* customer chosen from the suggestions, 0 = none */
  char        *picked_name;        /* (owned) (nullable) its name as put in the field */
  char        *saved_message;      /* (owned) (nullable) the last "sale saved" toast's text */
  gboolean     setting_text;       /* the field is being filled by a pick, not typed */
  guint        n_suggestions;

  /* template */
  GtkEntry    *customer_entry;
  GtkLabel    *customer_error;
  GtkLabel    *customer_hint;
  GtkPopover  *suggestion_popover;
  GtkListBox  *suggestion_list;
  GtkEntry    *date_entry;
  GtkLabel    *date_error;
  GtkEntry    *amount_entry;
  GtkLabel    *amount_error;
  GtkEntry    *note_entry;
  GtkLabel    *amount_label;
  GtkSwitch   *refund_switch;
  GtkExpander *products_expander;
  GtkEntry    *product_entry;
  GtkLabel    *product_error;
  GtkWidget   *product_name_field;
  GtkEntry    *product_name_entry;
  GtkEntry    *quantity_entry;
  GtkLabel    *quantity_error;
  GtkEntry    *line_amount_entry;
  GtkLabel    *line_amount_error;
  GtkListBox  *lines_list;
  GtkLabel    *lines_total;

  GArray      *lines;              /* (owned) EntryLine */
  GtkListStore *products;          /* (owned) the completion's products: code, name, label, key */
  gboolean     products_stale;     /* the shop's products changed since they were read */
};

G_DEFINE_FINAL_TYPE (RegSaleEntry, reg_sale_entry, ADW_TYPE_BIN)

static void
entry_line_clear (gpointer data)
{
  EntryLine *line = data;

  g_free (line->code);
  g_free (line->name);
  g_free (line->shown);
}

/* ---- suggestions ---- */

static void
clear_suggestions (RegSaleEntry *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list))) != NULL)
    gtk_list_box_remove (self->suggestion_list, child);
  self->n_suggestions = 0;
}

static GtkWidget *
suggestion_row_new (gint64      id,
                    const char *title,
                    const char *subtitle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "customer-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (row), "customer-name", g_strdup (title), g_free);
  return row;
}

static gint64
row_customer_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "customer-id");
  return id != NULL ? *id : 0;
}

/* GtkEntry keeps the focus in its GtkText child */
static gboolean
customer_has_focus (RegSaleEntry *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->customer_entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->customer_entry)
                           || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->customer_entry)));
}

static void
update_suggestions (RegSaleEntry *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer_entry))));
  g_autofree char *query = NULL;
  g_autoptr(GPtrArray) prefix = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) inside = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean exact = FALSE;
  GListModel *customers;
  guint n;

  clear_suggestions (self);
  if (self->shop == NULL || *typed == '\0')
    {
      gtk_popover_popdown (self->suggestion_popover);
      gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), FALSE);
      return;
    }

  /* prefix matches first, then matches inside the name or email: one pass, stops early */
  query = g_utf8_casefold (typed, -1);
  customers = reg_shop_get_customers (self->shop);
  n = g_list_model_get_n_items (customers);
  for (guint i = 0; i < n && prefix->len < MAX_SUGGESTIONS; i++)
    {
      g_autoptr(RegCustomer) c = g_list_model_get_item (customers, i);
      const char *text = reg_customer_get_search_text (c);
      const char *hit;

      if (reg_customer_get_archived (c) || text == NULL || (hit = strstr (text, query)) == NULL)
        continue;
      if (!exact)
        {
          g_autofree char *name = g_utf8_casefold (reg_customer_get_name (c), -1);
          exact = g_strcmp0 (name, query) == 0
                  || (reg_customer_get_email (c) != NULL
                      && g_ascii_strcasecmp (reg_customer_get_email (c), typed) == 0);
        }
      if (hit == text)
        g_ptr_array_add (prefix, g_steal_pointer (&c));
      else if (inside->len < MAX_SUGGESTIONS)
        g_ptr_array_add (inside, g_steal_pointer (&c));
    }

  for (guint i = 0; i < prefix->len + inside->len && self->n_suggestions < MAX_SUGGESTIONS; i++)
    {
      RegCustomer *c = i < prefix->len ? g_ptr_array_index (prefix, i) : g_ptr_array_index (inside, i - prefix->len);

      gtk_list_box_append (self->suggestion_list,
                           suggestion_row_new (reg_customer_get_id (c), reg_customer_get_name (c),
                                               reg_customer_get_email (c)));
      self->n_suggestions++;
    }
  if (!exact)
    {
      g_autofree char *title = g_strdup_printf (_("Create new customer “%s”"), typed);
      GtkWidget *row = suggestion_row_new (0, title, NULL);

      g_object_set_data_full (G_OBJECT (row), "customer-name", g_strdup (typed), g_free);
      gtk_list_box_append (self->suggestion_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), !exact);

  gtk_list_box_select_row (self->suggestion_list, gtk_list_box_get_row_at_index (self->suggestion_list, 0));
  if (customer_has_focus (self))
    gtk_popover_popup (self->suggestion_popover);
}

static void
pick_row (RegSaleEntry  *self,
          GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "customer-name");
  gint64 id = row_customer_id (row);

  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), name);
  gtk_editable_set_position (GTK_EDITABLE (self->customer_entry), -1);
  self->setting_text = FALSE;
  self->picked_id = id;
  g_free (self->picked_name);
  self->picked_name = id > 0 ? g_strdup (name) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), id == 0);
  gtk_popover_popdown (self->suggestion_popover);
}

static void
move_selection (RegSaleEntry *self,
                int           delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->suggestion_list, MAX (0, index));

  if (next != NULL)
    gtk_list_box_select_row (self->suggestion_list, next);
}

static void
on_customer_changed_cb (GtkEditable  *editable,
                        RegSaleEntry *self)
{
  if (self->setting_text)
    return;
  self->picked_id = 0;
  g_clear_pointer (&self->picked_name, g_free);
  reg_ui_set_field_error (GTK_WIDGET (self->customer_entry), self->customer_error, NULL);
  update_suggestions (self);
}

static gboolean
on_customer_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            RegSaleEntry          *self)
{
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (self->suggestion_popover));
  GtkListBoxRow *row;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!open)
        update_suggestions (self);
      else
        move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (open)
        move_selection (self, -1);
      return open;
    case GDK_KEY_Escape:
      if (open)
        gtk_popover_popdown (self->suggestion_popover);
      return open;
    case GDK_KEY_Tab:
      row = gtk_list_box_get_selected_row (self->suggestion_list);
      if (open && row != NULL)
        pick_row (self, row);
      return FALSE;   /* and move on */
    default:
      return FALSE;
    }
}

static void
on_customer_focus_leave_cb (GtkEventControllerFocus *controller,
                            RegSaleEntry            *self)
{
  gtk_popover_popdown (self->suggestion_popover);
}

static void
on_suggestion_activated_cb (GtkListBox    *box,
                            GtkListBoxRow *row,
                            RegSaleEntry  *self)
{
  pick_row (self, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
}

/* ---- products and lines ---- */

/* The shop's products for the completion, read again only after the shop's sales changed. */
static void
reload_products (RegSaleEntry *self)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->products_stale || self->shop == NULL)
    return;
  self->products_stale = FALSE;
  gtk_list_store_clear (self->products);
  if ((products = reg_shop_list_products (self->shop, &error)) == NULL)
    {
      g_warning ("Cannot read the products: %s", error->message);
      return;
    }
  for (guint i = 0; i < products->len; i++)
    {
      const RegProductRecord *p = products->pdata[i];
      g_autofree char *label = g_strcmp0 (p->code, p->name) == 0
                               ? g_strdup (p->name) : g_strdup_printf ("%s — %s", p->code, p->name);
      g_autofree char *key = g_utf8_casefold (label, -1);

      gtk_list_store_insert_with_values (self->products, NULL, -1, COL_CODE, p->code,
                                         COL_NAME, p->name, COL_LABEL, label, COL_KEY, key, -1);
    }
}

static void
on_shop_changed_cb (RegShop       *shop,
                    RegShopChange  change,
                    gint64         id,
                    RegSaleEntry  *self)
{
  if (change == REG_SHOP_CHANGE_SALE || change == REG_SHOP_CHANGE_ALL)
    self->products_stale = TRUE;
}

/* a product matches when what is typed is in its code or its name, in any case */
static gboolean
product_matches (GtkEntryCompletion *completion,
                 const char         *key,
                 GtkTreeIter        *iter,
                 gpointer            data)
{
  RegSaleEntry *self = data;
  g_autofree char *product_key = NULL;
  g_autofree char *typed = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->product_entry)), -1);

  gtk_tree_model_get (GTK_TREE_MODEL (self->products), iter, COL_KEY, &product_key, -1);
  return *typed != '\0' && product_key != NULL && strstr (product_key, typed) != NULL;
}

static gboolean
on_product_match_selected_cb (GtkEntryCompletion *completion,
                              GtkTreeModel       *model,
                              GtkTreeIter        *iter,
                              RegSaleEntry       *self)
{
  g_autofree char *code = NULL;

  gtk_tree_model_get (model, iter, COL_CODE, &code, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->product_entry), code);
  gtk_editable_set_position (GTK_EDITABLE (self->product_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->quantity_entry));
  return TRUE;
}

/* The shop's product that @typed names, by its code or else its name (in any case). */
static gboolean
find_product (RegSaleEntry  *self,
              const char    *typed,
              char         **out_code,
              char         **out_name)
{
  g_autofree char *want = g_utf8_casefold (typed, -1);
  GtkTreeModel *model = GTK_TREE_MODEL (self->products);
  GtkTreeIter iter;
  g_autofree char *by_name_code = NULL;
  g_autofree char *by_name_name = NULL;

  reload_products (self);
  if (*typed == '\0' || !gtk_tree_model_get_iter_first (model, &iter))
    return FALSE;
  do
    {
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *code_key = NULL;
      g_autofree char *name_key = NULL;

      gtk_tree_model_get (model, &iter, COL_CODE, &code, COL_NAME, &name, -1);
      code_key = g_utf8_casefold (code, -1);
      name_key = g_utf8_casefold (name, -1);
      if (g_str_equal (code_key, want))
        {
          *out_code = g_steal_pointer (&code);
          *out_name = g_steal_pointer (&name);
          return TRUE;
        }
      if (by_name_code == NULL && g_str_equal (name_key, want))
        {
          by_name_code = g_steal_pointer (&code);
          by_name_name = g_steal_pointer (&name);
        }
    }
  while (gtk_tree_model_iter_next (model, &iter));
  if (by_name_code == NULL)
    return FALSE;
  *out_code = g_steal_pointer (&by_name_code);
  *out_name = g_steal_pointer (&by_name_name);
  return TRUE;
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
clear_line_errors (RegSaleEntry *self)
{
  reg_ui_set_field_error (GTK_WIDGET (self->product_entry), self->product_error, NULL);
  reg_ui_set_field_error (GTK_WIDGET (self->quantity_entry), self->quantity_error, NULL);
  reg_ui_set_field_error (GTK_WIDGET (self->line_amount_entry), self->line_amount_error, NULL);
}

static gboolean
line_fields_empty (RegSaleEntry *self)
{
  GtkEntry *fields[] = { self->product_entry, self->product_name_entry, self->quantity_entry,
                         self->line_amount_entry };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = entry_text (fields[i]);
      if (*text != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
clear_line_fields (RegSaleEntry *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->product_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->product_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->line_amount_entry), "");
  clear_line_errors (self);
}

/* The sum of the lines' amounts; *all_given says whether every line has one. */
static gint64
lines_sum (RegSaleEntry *self,
           gboolean     *all_given)
{
  gint64 sum = 0;

  *all_given = TRUE;
  for (guint i = 0; i < self->lines->len; i++)
    {
      const EntryLine *line = &g_array_index (self->lines, EntryLine, i);

      if (line->amount == REG_AMOUNT_UNSET)
        *all_given = FALSE;
      else
        sum += line->amount;
    }
  return sum;
}

static void
on_remove_line_clicked_cb (GtkButton    *button,
                           RegSaleEntry *self);

static void
show_lines (RegSaleEntry *self)
{
  GtkWidget *child;
  gboolean all_given;
  gint64 sum = lines_sum (self, &all_given);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const EntryLine *line = &g_array_index (self->lines, EntryLine, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount = NULL;
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: a line of a sale: quantity × product */
      g_autofree char *title = g_strdup_printf (_("%d × %s"), (int) line->quantity, line->shown);
      g_autofree char *money = line->amount != REG_AMOUNT_UNSET
                               ? reg_shop_format_amount (self->shop, line->amount)
                               : g_strdup (_("a share of the sale’s amount"));
      g_autofree char *subtitle = line->name != NULL
                                  ? g_strdup_printf (_("%s, a new product"), line->code)
                                  : g_strdup (line->code);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_strcmp0 (subtitle, line->shown) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      amount = gtk_label_new (money);
      if (line->amount == REG_AMOUNT_UNSET)
        gtk_widget_add_css_class (amount, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this line"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove this line"), -1);
      g_object_set_data (G_OBJECT (remove), "line-index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_line_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->lines_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lines_list), self->lines->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_total), self->lines->len > 0);
  if (self->lines->len > 0)
    {
      g_autofree char *money = reg_shop_format_amount (self->shop, sum);
      g_autofree char *text = all_given
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line, %s in all",
                                        "%u lines, %s in all", self->lines->len),
                           self->lines->len, money)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line; the sale’s amount is shared among those without one",
                                        "%u lines; the sale’s amount is shared among those without one",
                                        self->lines->len), self->lines->len);

      gtk_label_set_text (self->lines_total, text);
    }
}

static void
on_remove_line_clicked_cb (GtkButton    *button,
                           RegSaleEntry *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "line-index"));

  if (index >= self->lines->len)
    return;
  g_array_remove_index (self->lines, index);
  show_lines (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->product_entry));
}

/* Reads the line fields into @out; FALSE with the error under its field. */
static gboolean
read_line (RegSaleEntry *self,
           EntryLine    *out)
{
  g_autofree char *product = entry_text (self->product_entry);
  g_autofree char *new_name = entry_text (self->product_name_entry);
  g_autofree char *quantity = entry_text (self->quantity_entry);
  g_autofree char *amount = entry_text (self->line_amount_entry);
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first_invalid = NULL;
  gint64 q = 1, minor = REG_AMOUNT_UNSET;

  clear_line_errors (self);
  if (*product == '\0')
    {
      reg_ui_set_field_error (GTK_WIDGET (self->product_entry), self->product_error,
                              _("Type the product’s code or name."));
      first_invalid = GTK_WIDGET (self->product_entry);
    }
  if (*quantity != '\0' && !g_ascii_string_to_signed (quantity, 10, 1, 1000000, &q, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a whole number from 1 to 1000000."),
                                                  quantity);

      reg_ui_set_field_error (GTK_WIDGET (self->quantity_entry), self->quantity_error, message);
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->quantity_entry);
    }
  if (*amount != '\0' && !reg_shop_parse_amount (self->shop, amount, &minor, &error))
    {
      reg_ui_set_field_error (GTK_WIDGET (self->line_amount_entry), self->line_amount_error,
                              error->message);
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->line_amount_entry);
    }
  else if (*amount != '\0' && minor < 0)
    {
      reg_ui_set_field_error (GTK_WIDGET (self->line_amount_entry), self->line_amount_error,
                              _("Type the amount without a minus sign: the Refund switch makes "
                                "the whole sale a refund."));
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->line_amount_entry);
    }
  if (first_invalid != NULL)
    {
      gtk_expander_set_expanded (self->products_expander, TRUE);
      gtk_widget_grab_focus (first_invalid);
      return FALSE;
    }

  out->quantity = q;
  out->amount = minor;
  if (find_product (self, product, &code, &name))
    {
      out->code = g_steal_pointer (&code);
      out->shown = g_steal_pointer (&name);
      out->name = NULL;
    }
  else
    {
      /* a product the shop does not have yet: its code as typed, its name if given */
      out->code = g_strdup (product);
      out->name = *new_name != '\0' ? g_strdup (new_name) : NULL;
      out->shown = g_strdup (*new_name != '\0' ? new_name : product);
    }
  return TRUE;
}

static gboolean
add_line (RegSaleEntry *self)
{
  EntryLine line = { 0 };

  if (self->shop == NULL || !read_line (self, &line))
    return FALSE;
  g_array_append_val (self->lines, line);
  clear_line_fields (self);
  show_lines (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->product_entry));
  return TRUE;
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  add_line (REG_SALE_ENTRY (widget));
}

static void
on_line_activate_cb (GtkEntry     *entry,
                     RegSaleEntry *self)
{
  add_line (self);
}

static void
on_line_field_changed_cb (GtkEditable  *editable,
                          RegSaleEntry *self)
{
  if (GTK_ENTRY (editable) == self->product_entry)
    {
      g_autofree char *typed = entry_text (self->product_entry);
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;

      reg_ui_set_field_error (GTK_WIDGET (self->product_entry), self->product_error, NULL);
      /* a name to type only for a product the shop does not have */
      gtk_widget_set_visible (gtk_widget_get_parent (self->product_name_field),
                              *typed != '\0' && !find_product (self, typed, &code, &name));
    }
  else if (GTK_ENTRY (editable) == self->quantity_entry)
    reg_ui_set_field_error (GTK_WIDGET (self->quantity_entry), self->quantity_error, NULL);
  else if (GTK_ENTRY (editable) == self->line_amount_entry)
    reg_ui_set_field_error (GTK_WIDGET (self->line_amount_entry), self->line_amount_error, NULL);
}

/* ---- saving ---- */

static void
clear_errors (RegSaleEntry *self)
{
  reg_ui_set_field_error (GTK_WIDGET (self->customer_entry), self->customer_error, NULL);
  reg_ui_set_field_error (GTK_WIDGET (self->date_entry), self->date_error, NULL);
  reg_ui_set_field_error (GTK_WIDGET (self->amount_entry), self->amount_error, NULL);
}

static void
on_field_changed_cb (GtkEditable  *editable,
                     RegSaleEntry *self)
{
  if (GTK_ENTRY (editable) == self->date_entry)
    reg_ui_set_field_error (GTK_WIDGET (self->date_entry), self->date_error, NULL);
  else if (GTK_ENTRY (editable) == self->amount_entry)
    reg_ui_set_field_error (GTK_WIDGET (self->amount_entry), self->amount_error, NULL);
}

static void
on_customer_activate_cb (GtkEntry     *entry,
                         RegSaleEntry *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);

  if (gtk_widget_get_visible (GTK_WIDGET (self->suggestion_popover)) && row != NULL)
    {
      pick_row (self, row);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
      return;
    }
  reg_sale_entry_save (self);
}

static void
on_field_activate_cb (GtkEntry     *entry,
                      RegSaleEntry *self)
{
  reg_sale_entry_save (self);
}

typedef struct
{
  RegShop *shop;
  gint64   sale_id;
} SaleUndo;

static void
sale_undo_free (gpointer data)
{
  SaleUndo *undo = data;

  g_object_unref (undo->shop);
  g_free (undo);
}

static void
on_sale_undo_cb (AdwToast *toast,
                 SaleUndo *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegSaleRecord) rec = reg_shop_delete_sale (undo->shop, undo->sale_id, &error);

  if (rec == NULL)
    g_warning ("Cannot undo the sale: %s", error->message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  reg_sale_entry_save (REG_SALE_ENTRY (widget));
}

static void
reset_date (RegSaleEntry *self)
{
  g_autofree char *today = NULL;

  if (self->shop == NULL)
    return;
  today = reg_shop_format_date (self->shop, clv_date_today ());
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  gtk_entry_set_placeholder_text (self->date_entry, today);
}

/* ---- GObject ---- */

static void
reg_sale_entry_dispose (GObject *object)
{
  RegSaleEntry *self = REG_SALE_ENTRY (object);

  if (self->suggestion_popover != NULL)
    gtk_popover_popdown (self->suggestion_popover);
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_clear_object (&self->shop);
  g_clear_object (&self->products);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->picked_name, g_free);
  g_clear_pointer (&self->saved_message, g_free);
  G_OBJECT_CLASS (reg_sale_entry_parent_class)->dispose (object);
}

/* A refund shows on the amount itself: its label says the money goes back and the field takes
 * the warning colour, so the state reads without looking at the switch. */
static void
on_refund_changed_cb (GtkSwitch    *refund,
                      GParamSpec   *pspec,
                      RegSaleEntry *self)
{
  gboolean on = gtk_switch_get_active (refund);

  gtk_label_set_text_with_mnemonic (self->amount_label, on ? _("_Amount refunded") : _("_Amount"));
  if (on)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_entry), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_entry), "warning");
  gtk_entry_set_icon_from_icon_name (self->amount_entry, GTK_ENTRY_ICON_PRIMARY,
                                     on ? "edit-undo-symbolic" : NULL);
  gtk_entry_set_icon_tooltip_text (self->amount_entry, GTK_ENTRY_ICON_PRIMARY,
                                   on ? _("A refund: this amount is taken off") : NULL);
}

static void
reg_sale_entry_class_init (RegSaleEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_sale_entry_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-sale-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, customer_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, customer_error);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, customer_hint);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, suggestion_popover);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, suggestion_list);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, date_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, date_error);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, amount_error);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, note_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, amount_label);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, refund_switch);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, products_expander);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, product_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, product_error);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, product_name_field);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, product_name_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, quantity_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, quantity_error);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, line_amount_entry);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, line_amount_error);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, lines_list);
  gtk_widget_class_bind_template_child (widget_class, RegSaleEntry, lines_total);
  gtk_widget_class_bind_template_callback (widget_class, on_line_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_line_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refund_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);

  gtk_widget_class_install_action (widget_class, "entry.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "entry.add-line", NULL, add_line_action);
}

static void
reg_sale_entry_init (RegSaleEntry *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEntryCompletion *completion;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_array_new (FALSE, TRUE, sizeof (EntryLine));
  g_array_set_clear_func (self->lines, entry_line_clear);
  gtk_widget_set_visible (gtk_widget_get_parent (self->product_name_field), FALSE);

  /* products by code or name as you type; Up/Down and Enter pick one */
  self->products = gtk_list_store_new (N_COLS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                       G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->products));
  gtk_entry_completion_set_text_column (completion, COL_LABEL);
  {
    /* long Online Retail names end in "…" rather than at the popup's edge */
    g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (completion));

    for (GList *l = cells; l != NULL; l = l->next)
      if (GTK_IS_CELL_RENDERER_TEXT (l->data))
        g_object_set (l->data, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  }
  gtk_entry_completion_set_match_func (completion, product_matches, self, NULL);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_single_match (completion, TRUE);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  g_signal_connect (completion, "match-selected", G_CALLBACK (on_product_match_selected_cb), self);
  gtk_entry_set_completion (self->product_entry, completion);
  g_object_unref (completion);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_customer_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->customer_entry), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (on_customer_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->customer_entry), focus);
}

/* ---- public ---- */

GtkWidget *
reg_sale_entry_new (void)
{
  return g_object_new (REG_TYPE_SALE_ENTRY, NULL);
}

void
reg_sale_entry_set_shop (RegSaleEntry *self,
                         RegShop      *shop)
{
  g_return_if_fail (REG_IS_SALE_ENTRY (self));

  if (self->shop == shop)
    return;
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_set_object (&self->shop, shop);
  if (shop != NULL)
    g_signal_connect (shop, "changed", G_CALLBACK (on_shop_changed_cb), self);
  self->products_stale = TRUE;
  reset_date (self);
  if (shop != NULL)
    {
      g_autofree char *example = reg_shop_format_amount (shop, 1250);
      /* Translators: placeholder of the amount field, e.g. "12.50" */
      g_autofree char *placeholder = g_strdup_printf (_("e.g. %s"), example);
      gtk_entry_set_placeholder_text (self->amount_entry, placeholder);
    }
}

void
reg_sale_entry_focus (RegSaleEntry *self)
{
  g_return_if_fail (REG_IS_SALE_ENTRY (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_entry));
}

gint64
reg_sale_entry_save (RegSaleEntry *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *money = NULL;
  g_autofree char *title = NULL;
  GtkWidget *first_invalid = NULL;
  RegCustomerRecord new_customer = { 0 };
  RegSaleInput sale = { 0 };
  g_autoptr(GArray) inputs = NULL;
  gboolean refund, all_given;
  gint64 customer_id = 0, amount = 0, lines_total, sale_id;
  gint32 day = 0;
  AdwToast *toast;
  SaleUndo *undo;

  g_return_val_if_fail (REG_IS_SALE_ENTRY (self), 0);
  if (self->shop == NULL)
    return 0;

  gtk_popover_popdown (self->suggestion_popover);
  clear_errors (self);
  customer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer_entry))));
  date_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  amount_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry))));

  if (*customer == '\0')
    {
      reg_ui_set_field_error (GTK_WIDGET (self->customer_entry), self->customer_error,
                              _("Type the customer’s name or email."));
      first_invalid = GTK_WIDGET (self->customer_entry);
    }

  if (*date_text == '\0')
    day = clv_date_today ();
  else if (!reg_shop_parse_date (self->shop, date_text, &day, &error)
           || !clv_date_check_sale (day, clv_date_today (), &error))
    {
      /* each error on its own field: a date too early or too far ahead is the date's */
      reg_ui_set_field_error (GTK_WIDGET (self->date_entry), self->date_error, error->message);
      g_clear_error (&error);
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->date_entry);
    }

  /* a product typed but not added yet goes with the sale: nothing typed is left behind */
  if (!line_fields_empty (self) && !add_line (self))
    return 0;
  refund = gtk_switch_get_active (self->refund_switch);
  lines_total = lines_sum (self, &all_given);

  if (*amount_text == '\0' && self->lines->len > 0 && all_given)
    amount = lines_total;   /* the lines say what the sale came to */
  else if (*amount_text == '\0')
    {
      g_autofree char *example = reg_shop_format_amount (self->shop, 1250);
      g_autofree char *message = self->lines->len > 0
        ? g_strdup_printf (_("Type the sale’s amount, or an amount on every line, for example %s."), example)
        : g_strdup_printf (_("Type the amount, for example %s."), example);

      reg_ui_set_field_error (GTK_WIDGET (self->amount_entry), self->amount_error, message);
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->amount_entry);
    }
  else if (!reg_shop_parse_amount (self->shop, amount_text, &amount, &error))
    {
      reg_ui_set_field_error (GTK_WIDGET (self->amount_entry), self->amount_error, error->message);
      g_clear_error (&error);
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->amount_entry);
    }
  else if (self->lines->len > 0 && (all_given ? lines_total != ABS (amount) : lines_total > ABS (amount)))
    {
      /* said before anything is saved: which of the two is wrong is the owner's to say */
      g_autofree char *lines_money = reg_shop_format_amount (self->shop, lines_total);
      g_autofree char *sale_money = reg_shop_format_amount (self->shop, ABS (amount));
      g_autofree char *message = all_given
        ? g_strdup_printf (_("The lines add up to %s, the sale’s amount is %s: correct one of them, "
                             "or clear the amount to take the lines’ sum."), lines_money, sale_money)
        : g_strdup_printf (_("The lines’ amounts add up to %s, more than the sale’s %s."),
                           lines_money, sale_money);

      reg_ui_set_field_error (GTK_WIDGET (self->amount_entry), self->amount_error, message);
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->amount_entry);
    }
  if (amount < 0)
    refund = TRUE;      /* "-12" typed is a refund as much as the switch */
  else if (refund)
    amount = -amount;   /* a refund is a negative sale */

  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (first_invalid);
      return 0;
    }

  /* the customer: the one picked, an existing one by name or email, or a new one */
  if (self->picked_id > 0 && g_strcmp0 (self->picked_name, customer) == 0)
    customer_id = self->picked_id;
  else
    {
      customer_id = reg_shop_find_customer (self->shop, customer, &error);
      if (customer_id <= 0 && error != NULL)
        {
          reg_ui_set_field_error (GTK_WIDGET (self->customer_entry), self->customer_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->customer_entry));
          return 0;
        }
    }
  if (customer_id <= 0)
    {
      if (strchr (customer, '@') != NULL)
        new_customer.email = customer;
      new_customer.name = customer;
    }

  /* a refund's lines go back: negative quantities and amounts, as regulars-cli writes them */
  inputs = g_array_sized_new (FALSE, TRUE, sizeof (RegSaleLineInput), self->lines->len);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const EntryLine *line = &g_array_index (self->lines, EntryLine, i);
      RegSaleLineInput input = { 0 };

      input.code = line->code;
      input.name = line->name;
      input.quantity = refund ? -line->quantity : line->quantity;
      input.amount = line->amount == REG_AMOUNT_UNSET ? REG_AMOUNT_UNSET
                     : refund ? -line->amount : line->amount;
      g_array_append_val (inputs, input);
    }
  reg_sale_lines_share_amount ((RegSaleLineInput *) inputs->data, inputs->len, amount);
  sale.customer_id = customer_id > 0 ? customer_id : 0;
  sale.new_customer = customer_id > 0 ? NULL : &new_customer;
  sale.day = day;
  sale.amount = amount;
  sale.note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  sale.lines = (const RegSaleLineInput *) inputs->data;
  sale.n_lines = inputs->len;
  sale_id = reg_shop_enter_sale (self->shop, &sale, NULL, &error);
  if (sale_id <= 0)
    {
      /* nothing was kept; the error goes under the field it names: a new customer's own, or
       * the amount, which stands for the sale */
      gboolean customer_error = customer_id <= 0 && error != NULL
                                && strstr (error->message, customer) != NULL;
      GtkWidget *field = customer_error ? GTK_WIDGET (self->customer_entry)
                                        : GTK_WIDGET (self->amount_entry);

      reg_ui_set_field_error (field, customer_error ? self->customer_error : self->amount_error,
                              error != NULL ? error->message : _("The sale could not be saved."));
      gtk_widget_grab_focus (field);
      return 0;
    }

  /* "Refund of $12.50", not "Refund of -$12.50": the word says the direction */
  money = reg_shop_format_amount (self->shop, amount < 0 ? -amount : amount);
  /* toast titles are markup: names are text */
  title = amount < 0 ? g_markup_printf_escaped (_("Refund of %s to %s saved"), money, customer)
                     : g_markup_printf_escaped (_("Sale of %s to %s saved"), money, customer);
  toast = adw_toast_new (title);
  g_free (self->saved_message);
  self->saved_message = amount < 0 ? g_strdup_printf (_("Refund of %s to %s saved"), money, customer)
                                   : g_strdup_printf (_("Sale of %s to %s saved"), money, customer);
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (SaleUndo, 1);
  undo->shop = g_object_ref (self->shop);
  undo->sale_id = sale_id;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_sale_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) sale_undo_free, 0);
  reg_ui_toast (GTK_WIDGET (self), toast);

  /* clear for the next one; the date stays */
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), "");
  self->setting_text = FALSE;
  self->picked_id = 0;
  g_clear_pointer (&self->picked_name, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), FALSE);
  clear_suggestions (self);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_switch_set_active (self->refund_switch, FALSE);
  g_array_set_size (self->lines, 0);
  clear_line_fields (self);
  show_lines (self);
  clear_errors (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_entry));
  return sale_id;
}

guint
reg_sale_entry_get_n_suggestions (RegSaleEntry *self)
{
  g_return_val_if_fail (REG_IS_SALE_ENTRY (self), 0);
  return self->n_suggestions;
}

const char *
reg_sale_entry_get_saved_message (RegSaleEntry *self)
{
  g_return_val_if_fail (REG_IS_SALE_ENTRY (self), NULL);
  return self->saved_message;
}
