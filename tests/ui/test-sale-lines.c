/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sale entry's Products part, driven through its real widgets: lines added with Enter (a
 * product of the shop found by its name, a new one with a code and a name), the sale's amount
 * taken from the lines, a disagreement said before saving, a refund's lines going back, a line
 * removed; a bad quantity shown under its field with nothing saved, and a sale the shop
 * refuses leaving neither its new customer nor its new product behind. What was saved is read
 * back through reg_shop_* calls.
 */
#include "config.h"

#include "clv-date.h"
#include "reg-sale-editor.h"
#include "reg-sale-entry.h"
#include "reg-sale.h"
#include "reg-test-utils.h"
#include "ui-test-utils.h"

typedef struct
{
  char        *dir;
  RegShop     *shop;
  GtkWindow   *window;
  GtkWidget   *entry;       /* RegSaleEntry */
  GtkEditable *customer;
  GtkEditable *amount;
  GtkEditable *note;
  GtkEditable *product;
  GtkEditable *product_name;
  GtkEditable *quantity;
  GtkEditable *line_amount;
} Fixture;

static gpointer
part (Fixture    *f,
      const char *name)
{
  return ui_test_child (f->entry, REG_TYPE_SALE_ENTRY, name);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RegCustomerRecord rec = { 0 };
  RegSaleLineInput mug = { .code = "MUG", .name = "Blue mug", .quantity = 1, .amount = 800 };
  RegSaleInput first = { 0 };

  f->shop = ui_test_new_shop (&f->dir);
  /* a product the shop has sold before: found by its name */
  rec.name = "Zoe Earlier";
  first.new_customer = &rec;
  first.day = clv_date_today () - 3;
  first.amount = 800;
  first.lines = &mug;
  first.n_lines = 1;
  g_assert_cmpint (reg_shop_enter_sale (f->shop, &first, NULL, &error), >, 0);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  f->entry = reg_sale_entry_new ();
  reg_sale_entry_set_shop (REG_SALE_ENTRY (f->entry), f->shop);
  gtk_window_set_child (f->window, f->entry);
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), 10);
  f->customer = part (f, "customer_entry");
  f->amount = part (f, "amount_entry");
  f->note = part (f, "note_entry");
  f->product = part (f, "product_entry");
  f->product_name = part (f, "product_name_entry");
  f->quantity = part (f, "quantity_entry");
  f->line_amount = part (f, "line_amount_entry");
  gtk_expander_set_expanded (part (f, "products_expander"), TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  ui_test_drain ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->shop);
  reg_test_rm_rf (f->dir);
  g_free (f->dir);
}

static guint
n_sales (Fixture *f)
{
  return g_list_model_get_n_items (reg_shop_get_sales (f->shop));
}

static guint
n_customers (Fixture *f)
{
  return g_list_model_get_n_items (reg_shop_get_customers (f->shop));
}

static guint
n_products (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = reg_shop_list_products (f->shop, &error);

  g_assert_no_error (error);
  return products->len;
}

static guint
n_lines_shown (Fixture *f)
{
  GtkWidget *list = part (f, "lines_list");
  guint n = 0;

  if (!gtk_widget_get_visible (list))
    return 0;
  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

/* Types one line into the line fields and presses Enter in @enter_in. */
static void
type_line (Fixture     *f,
           const char  *product,
           const char  *name,
           const char  *quantity,
           const char  *amount,
           GtkEditable *enter_in)
{
  gtk_editable_set_text (f->product, product);
  if (name != NULL)
    gtk_editable_set_text (f->product_name, name);
  gtk_editable_set_text (f->quantity, quantity);
  gtk_editable_set_text (f->line_amount, amount);
  g_signal_emit_by_name (enter_in, "activate");
}

/* The newest sale and its lines, read back from the shop. */
static RegSale *
newest_sale (Fixture    *f,
             GPtrArray **out_lines)
{
  g_autoptr(GError) error = NULL;
  RegSale *sale = g_list_model_get_item (reg_shop_get_sales (f->shop), 0);

  *out_lines = reg_shop_list_sale_lines (f->shop, reg_sale_get_id (sale), &error);
  g_assert_no_error (error);
  return sale;
}

static void
assert_line (GPtrArray  *lines,
             guint       i,
             const char *code,
             const char *name,
             gint64      quantity,
             gint64      amount)
{
  const RegSaleLineRecord *line = lines->pdata[i];

  g_assert_cmpstr (line->code, ==, code);
  g_assert_cmpstr (line->name, ==, name);
  g_assert_cmpint (line->quantity, ==, quantity);
  g_assert_cmpint (line->amount, ==, amount);
}

static void
test_two_lines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RegSale) sale = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GtkWidget *amount_error = part (f, "amount_error");
  GtkWidget *name_field = gtk_widget_get_parent (part (f, "product_name_field"));

  gtk_editable_set_text (f->customer, "Anna Example");

  /* the shop's product by its name, Enter in the product field; quantity and amount given */
  gtk_editable_set_text (f->product, "blue mug");
  g_assert_false (gtk_widget_get_visible (name_field));   /* a known product has its name */
  type_line (f, "blue mug", NULL, "2", "10", f->product);
  g_assert_cmpuint (n_lines_shown (f), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (f->product), ==, "");   /* ready for the next */
  g_assert_cmpuint (n_sales (f), ==, 1);                          /* a line does not save */

  /* a new product: its code and its name, quantity left at 1, Enter in the amount field */
  gtk_editable_set_text (f->product, "TEA");
  g_assert_true (gtk_widget_get_visible (name_field));
  type_line (f, "TEA", "Green tea", "", "4.50", f->line_amount);
  g_assert_cmpuint (n_lines_shown (f), ==, 2);
  g_assert_true (gtk_widget_get_visible (part (f, "lines_total")));

  /* the sale's amount and the lines' disagree: said under the amount, nothing saved */
  gtk_editable_set_text (f->amount, "15");
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_true (gtk_widget_get_visible (amount_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (amount_error)), !=, "");
  g_assert_cmpuint (n_sales (f), ==, 1);
  g_assert_cmpuint (n_customers (f), ==, 1);
  g_assert_cmpuint (n_lines_shown (f), ==, 2);                    /* nothing lost */

  /* no sale amount: the lines' sum */
  gtk_editable_set_text (f->amount, "");
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_cmpuint (n_sales (f), ==, 2);
  g_assert_cmpuint (n_customers (f), ==, 2);
  g_assert_cmpuint (n_lines_shown (f), ==, 0);                    /* cleared for the next */
  sale = newest_sale (f, &lines);
  g_assert_cmpint (reg_sale_get_amount (sale), ==, 1450);
  g_assert_cmpstr (reg_sale_get_customer_name (sale), ==, "Anna Example");
  g_assert_cmpuint (lines->len, ==, 2);
  assert_line (lines, 0, "MUG", "Blue mug", 2, 1000);
  assert_line (lines, 1, "TEA", "Green tea", 1, 450);
  g_assert_cmpuint (n_products (f), ==, 2);

  /* editing the sale shows its lines as they were entered */
  {
    GtkWindow *editor = reg_sale_editor_new (f->shop, reg_sale_get_id (sale));
    GtkWidget *group = ui_test_child (editor, REG_TYPE_SALE_EDITOR, "lines_group");

    g_object_ref_sink (editor);
    gtk_window_present (editor);
    g_assert_true (gtk_widget_get_visible (group));
    g_assert_nonnull (ui_test_find_label (group, "2 × Blue mug"));
    g_assert_nonnull (ui_test_find_label (group, "1 × Green tea"));
    gtk_window_destroy (editor);
    ui_test_drain ();
    g_assert_finalize_object (editor);
  }
}

static void
test_refund_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RegSale) sale = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  gtk_editable_set_text (f->customer, "Zoe Earlier");
  type_line (f, "MUG", NULL, "1", "", f->quantity);
  type_line (f, "TEA", NULL, "3", "", f->quantity);
  g_assert_cmpuint (n_lines_shown (f), ==, 2);
  /* the tea was a mistake: its line goes */
  g_signal_emit_by_name (ui_test_find_tooltip (part (f, "lines_list"), "Remove this line"), "clicked");
  g_assert_cmpuint (n_lines_shown (f), ==, 1);
  g_signal_emit_by_name (ui_test_find_tooltip (part (f, "lines_list"), "Remove this line"), "clicked");
  g_assert_cmpuint (n_lines_shown (f), ==, 0);
  type_line (f, "MUG", NULL, "2", "", f->quantity);

  /* a refund: the line's quantity and its share of the amount go back */
  gtk_switch_set_active (part (f, "refund_switch"), TRUE);
  gtk_editable_set_text (f->amount, "16");
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_cmpuint (n_sales (f), ==, 2);
  sale = newest_sale (f, &lines);
  g_assert_cmpint (reg_sale_get_amount (sale), ==, -1600);
  g_assert_cmpuint (lines->len, ==, 1);
  assert_line (lines, 0, "MUG", "Blue mug", -2, -1600);
  g_assert_cmpuint (n_products (f), ==, 1);   /* the removed line brought no product */
}

static void
test_bad_quantity (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *quantity_error = part (f, "quantity_error");
  g_autoptr(RegSale) sale = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  /* Enter in a line with a bad quantity: the error under the quantity, no line */
  gtk_editable_set_text (f->customer, "Bob Builder");
  gtk_editable_set_text (f->amount, "12");
  type_line (f, "KETTLE", NULL, "zwei", "", f->quantity);
  g_assert_true (gtk_widget_get_visible (quantity_error));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->quantity), "error"));
  g_assert_cmpuint (n_lines_shown (f), ==, 0);
  UI_WAIT_UNTIL (ui_test_focus_within (GTK_WIDGET (f->quantity)), 5);

  /* saving with it still typed: the same error, and nothing saved */
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_true (gtk_widget_get_visible (quantity_error));
  g_assert_cmpuint (n_sales (f), ==, 1);
  g_assert_cmpuint (n_customers (f), ==, 1);   /* Bob was not created */
  g_assert_cmpuint (n_products (f), ==, 1);    /* nor the kettle */
  g_assert_cmpstr (gtk_editable_get_text (f->quantity), ==, "zwei");   /* nothing lost */

  /* a quantity out of range is as bad */
  gtk_editable_set_text (f->quantity, "0");
  g_assert_false (gtk_widget_get_visible (quantity_error));   /* typing clears it */
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_true (gtk_widget_get_visible (quantity_error));
  g_assert_cmpuint (n_sales (f), ==, 1);

  /* a sale the shop refuses (a note with a control character): no customer, no product */
  gtk_editable_set_text (f->quantity, "1");
  gtk_editable_set_text (f->note, "bell \a");
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_true (gtk_widget_get_visible (part (f, "amount_error")));
  g_assert_cmpuint (n_sales (f), ==, 1);
  g_assert_cmpuint (n_customers (f), ==, 1);
  g_assert_cmpuint (n_products (f), ==, 1);

  /* fixed: the customer, the sale and the kettle together */
  gtk_editable_set_text (f->note, "");
  g_signal_emit_by_name (f->amount, "activate");
  g_assert_cmpuint (n_sales (f), ==, 2);
  g_assert_cmpuint (n_customers (f), ==, 2);
  sale = newest_sale (f, &lines);
  g_assert_cmpuint (lines->len, ==, 1);
  assert_line (lines, 0, "KETTLE", "KETTLE", 1, 1200);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add ("/ui/sale-lines/two-lines", Fixture, NULL, fixture_set_up, test_two_lines,
              fixture_tear_down);
  g_test_add ("/ui/sale-lines/refund-and-remove", Fixture, NULL, fixture_set_up,
              test_refund_and_remove, fixture_tear_down);
  g_test_add ("/ui/sale-lines/bad-quantity", Fixture, NULL, fixture_set_up, test_bad_quantity,
              fixture_tear_down);
  return g_test_run ();
}
