/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's check page, from the dry run: how many sales or answers are ready, what
 * is left out and why, every rejected and skipped row with its line (in virtualised lists:
 * only the rows in view are laid out), and the buttons that import the valid rows or nothing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reg-import-check-page.h"

/* Rejected or skipped rows listed; the rest are counted. */
#define MAX_LISTED 2000

struct _RegImportCheckPage
{
  GtkBox               parent_instance;

  GtkLabel            *cancelled_label;
  GtkLabel            *check_label;
  GtkLabel            *check_detail_label;
  GtkWidget           *rejected_group;
  GtkListView         *rejected_view;
  GtkStringList       *rejected_model;
  AdwPreferencesGroup *skipped_group;
  GtkListView         *skipped_view;
  GtkStringList       *skipped_model;
  GtkButton           *import_button;
};

G_DEFINE_FINAL_TYPE (RegImportCheckPage, reg_import_check_page, GTK_TYPE_BOX)

/* The rows of a rejected or skipped list: "line\x1freason" strings, bound by on_line_bind_cb. */
static void
fill_line_list (GtkStringList   *model,
                const GPtrArray *items,
                gboolean         issues)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  guint n = MIN (items->len, MAX_LISTED);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (issues)
        {
          const RegImportIssue *issue = g_ptr_array_index (items, i);
          text = g_strdup_printf ("%u\x1f%s", issue->line, issue->reason);
        }
      else
        {
          const RegImportSkip *skip = g_ptr_array_index (items, i);
          text = g_strdup_printf ("%u\x1f%s", skip->line, skip->reason);
        }
      g_strv_builder_add (b, text);
    }
  if (items->len > MAX_LISTED)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more rows"), items->len - MAX_LISTED);
      g_autofree char *text = g_strdup_printf ("0\x1f%s", more);
      g_strv_builder_add (b, text);
    }
  strv = g_strv_builder_end (b);
  gtk_string_list_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)), (const char * const *) strv);
}

static void
on_line_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (reason), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_line_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *reason = gtk_widget_get_next_sibling (title);
  const char *sep = strchr (text, '\x1f');
  guint line = (guint) g_ascii_strtoull (text, NULL, 10);
  g_autofree char *heading = line > 0 ? g_strdup_printf (_("Line %u"), line) : NULL;

  gtk_label_set_text (GTK_LABEL (title), heading != NULL ? heading : "");
  gtk_widget_set_visible (title, heading != NULL);
  gtk_label_set_text (GTK_LABEL (reason), sep != NULL ? sep + 1 : text);
}

static void
set_line_factory (GtkListView *view)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_line_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_line_bind_cb), NULL);
  gtk_list_view_set_factory (view, factory);
}

/* A list's scrolled window: a list view asks only for the rows it has laid out, so it is
 * given room for a few. */
static void
fill_list (GtkWidget       *group,
           GtkListView     *view,
           GtkStringList   *model,
           const GPtrArray *items,
           gboolean         issues,
           guint            rows_shown,
           int              row_height)
{
  fill_line_list (model, items, issues);
  gtk_scrolled_window_set_min_content_height (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW)),
    (int) MIN (items->len, rows_shown) * row_height);
  gtk_widget_set_visible (group, items->len > 0);
}

void
reg_import_check_page_show (RegImportCheckPage     *self,
                            RegShop                *shop,
                            const RegImportOutcome *o)
{
  const RegImportResult *r;
  g_autofree char *headline = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  g_return_if_fail (REG_IS_IMPORT_CHECK_PAGE (self));

  gtk_string_list_splice (self->rejected_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->rejected_model)), NULL);
  gtk_string_list_splice (self->skipped_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->skipped_model)), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_group), FALSE);
  if (o == NULL)
    return;

  /* what only one kind has to say: sales and new customers, or the kind of survey */
  if ((r = o->sales) != NULL)
    {
      g_autofree char *total = reg_shop_format_amount (shop, r->total_imported);

      if (r->imported > 0)
        headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sale worth %s is ready to import.",
                                                 "%u sales worth %s are ready to import.", r->imported),
                                    r->imported, total);
      else
        headline = g_strdup (_("No sale in this file can be imported."));
      if (r->new_customers > 0)
        {
          g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u new customer will be added.",
                                                       "%u new customers will be added.", r->new_customers),
                                  r->new_customers);
          g_string_append_c (detail, ' ');
        }
    }
  else
    {
      if (o->imported > 0)
        headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u survey answer is ready to import.",
                                                 "%u survey answers are ready to import.", o->imported),
                                    o->imported);
      else
        headline = g_strdup (_("No answer in this file can be imported."));
      g_string_append (detail, o->survey->kind == REG_FEEDBACK_KIND_CSAT
                               ? _("Read as a CSAT survey (scores 1 to 5).")
                               : _("Read as an NPS survey (scores 0 to 10)."));
      g_string_append_c (detail, ' ');
    }
  gtk_label_set_text (self->check_label, headline);

  if (o->duplicates > 0)
    {
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u row is already in your shop and is left out.",
                                                   "%u rows are already in your shop and are left out.",
                                                   o->duplicates), o->duplicates);
      g_string_append_c (detail, ' ');
    }
  if (o->previous_batch > 0)
    {
      g_string_append (detail, _("This file was imported before."));
      g_string_append_c (detail, ' ');
    }
  if (o->rejected > 0)
    {
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u row is rejected: see why below.",
                                                   "%u rows are rejected: see why below.", o->rejected),
                              o->rejected);
      g_string_append_c (detail, ' ');
    }
  else
    g_string_append (detail, _("No row was rejected. "));
  /* Translators: how many rows the check read in all */
  g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u row read in all.", "%u rows read in all.",
                                               o->rows_read), o->rows_read);
  gtk_label_set_text (self->check_detail_label, detail->str);

  fill_list (self->rejected_group, self->rejected_view, self->rejected_model, o->errors, TRUE, 4, 64);
  if (r != NULL)
    {
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Row Skipped",
                                                               "%u Rows Skipped", r->skipped), r->skipped);

      adw_preferences_group_set_title (self->skipped_group, skipped);
      fill_list (GTK_WIDGET (self->skipped_group), self->skipped_view, self->skipped_model, r->skips, FALSE,
                 3, 52);
    }
}

void
reg_import_check_page_set_import_label (RegImportCheckPage *self,
                                        const char         *label)
{
  g_return_if_fail (REG_IS_IMPORT_CHECK_PAGE (self));
  gtk_button_set_label (self->import_button, label);
}

void
reg_import_check_page_show_failure (RegImportCheckPage *self,
                                    const char         *text)
{
  g_return_if_fail (REG_IS_IMPORT_CHECK_PAGE (self));
  gtk_label_set_text (self->cancelled_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), text != NULL);
}

static void
reg_import_check_page_class_init (RegImportCheckPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, cancelled_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, check_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, check_detail_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, rejected_view);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, rejected_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, skipped_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, skipped_view);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, skipped_model);
  gtk_widget_class_bind_template_child (widget_class, RegImportCheckPage, import_button);
  /* named for tests */
  gtk_widget_class_bind_template_child_full (widget_class, "nothing_button", FALSE, 0);
}

static void
reg_import_check_page_init (RegImportCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_line_factory (self->rejected_view);
  set_line_factory (self->skipped_view);
}
