/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegSaleEntry is the sale entry row. The customer field suggests up to eight customers from
 * the shop's list model as you type (plus "create new customer"), driven from the keyboard:
 * Up/Down to choose, Enter or Tab to take. Dates and amounts are read by RegShop in the shop's
 * locale; errors are shown under their field and nothing is recorded until all are valid.
 * After a save the row clears (the date stays, for entering a day's sales) and the focus goes
 * back to the customer. Main thread only; holds a reference to the shop.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clv-date.h"
#include "reg-customer.h"
#include "reg-sale-entry.h"
#include "reg-ui-util.h"

#define MAX_SUGGESTIONS 8

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
};

G_DEFINE_FINAL_TYPE (RegSaleEntry, reg_sale_entry, ADW_TYPE_BIN)

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
  g_clear_object (&self->shop);
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
  gtk_widget_class_bind_template_callback (widget_class, on_refund_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);

  gtk_widget_class_install_action (widget_class, "entry.save", NULL, save_action);
}

static void
reg_sale_entry_init (RegSaleEntry *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

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

  if (!g_set_object (&self->shop, shop))
    return;
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
  gboolean new_customer = FALSE;
  gint64 customer_id = 0, amount = 0, sale_id;
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

  if (*amount_text == '\0')
    {
      g_autofree char *example = reg_shop_format_amount (self->shop, 1250);
      g_autofree char *message = g_strdup_printf (_("Type the amount, for example %s."), example);

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
  else if (gtk_switch_get_active (self->refund_switch) && amount > 0)
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
      RegCustomerRecord rec = { 0 };

      if (strchr (customer, '@') != NULL)
        {
          rec.email = customer;
          rec.name = customer;
        }
      else
        rec.name = customer;
      customer_id = reg_shop_add_customer (self->shop, &rec, &error);
      if (customer_id <= 0)
        {
          reg_ui_set_field_error (GTK_WIDGET (self->customer_entry), self->customer_error,
                                  error != NULL ? error->message : _("The customer could not be added."));
          gtk_widget_grab_focus (GTK_WIDGET (self->customer_entry));
          return 0;
        }
      new_customer = TRUE;
    }

  sale_id = reg_shop_record_sale (self->shop, customer_id, day, amount,
                                  gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), &error);
  if (sale_id <= 0)
    {
      /* nothing is kept from a sale that was not recorded */
      if (new_customer)
        reg_shop_delete_customer (self->shop, customer_id, NULL);
      reg_ui_set_field_error (GTK_WIDGET (self->amount_entry), self->amount_error,
                              error != NULL ? error->message : _("The sale could not be saved."));
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
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
