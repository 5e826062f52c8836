/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's last page: what is now in the shop (or why nothing is), what was left
 * out, and the button that undoes the import.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-summary-page.h"

struct _RegImportSummaryPage
{
  GtkBox             parent_instance;

  GtkImage          *summary_icon;
  GtkLabel          *summary_title;
  GtkLabel          *summary_label;
  GtkWidget         *undo_button;
};

G_DEFINE_FINAL_TYPE (RegImportSummaryPage, reg_import_summary_page, GTK_TYPE_BOX)

void
reg_import_summary_page_show (RegImportSummaryPage   *self,
                              RegShop                *shop,
                              const RegImportOutcome *o,
                              guint                   merged,
                              const char             *merge_error,
                              gboolean                undone)
{
  const RegImportResult *r;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (REG_IS_IMPORT_SUMMARY_PAGE (self));

  if (o == NULL)
    return;
  r = o->sales;
  if (!o->committed)
    {
      gtk_label_set_text (self->summary_title, _("Nothing Imported"));
      gtk_image_set_from_icon_name (self->summary_icon, "dialog-information-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
      g_string_append (text, r != NULL ? _("Every row of this file was already in your shop, skipped or rejected. "
                                           "Your shop is as it was.")
                                       : _("Every answer in this file was already in your shop or rejected. "
                                           "Your shop is as it was."));
    }
  else if (r != NULL)
    {
      g_autofree char *total = reg_shop_format_amount (shop, r->total_imported);

      gtk_label_set_text (self->summary_title, _("Sales Imported"));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u sale worth %s is now in your shop.",
                                                 "%u sales worth %s are now in your shop.", r->imported),
                              r->imported, total);
      if (r->new_customers > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new customer was added.",
                                                     "%u new customers were added.", r->new_customers),
                                  r->new_customers);
        }
      if (merged > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u look-alike payer was merged into your customer.",
                                                     "%u look-alike payers were merged into your customers.",
                                                     merged), merged);
        }
      if (r->duplicates + r->skipped + r->rejected > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Left out: %u already in the shop, %u skipped, %u rejected."),
                                  r->duplicates, r->skipped, r->rejected);
        }
      g_string_append_c (text, ' ');
      g_string_append (text, _("The figures are being updated."));
    }
  else
    {
      gtk_label_set_text (self->summary_title, _("Survey Results Imported"));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u survey answer is now in your shop, on the customer’s page.",
                                                 "%u survey answers are now in your shop, on your customers’ pages.",
                                                 o->imported), o->imported);
      if (o->duplicates + o->rejected > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Left out: %u already in the shop, %u rejected."),
                                  o->duplicates, o->rejected);
        }
      g_string_append_c (text, ' ');
      g_string_append (text, o->survey->kind == REG_FEEDBACK_KIND_NPS
                             ? _("Unhappy customers (an NPS score of 6 or less) join the at-risk list "
                                 "when the figures are next updated.")
                             : _("The satisfaction figures take the new answers in when they are next "
                                 "updated."));
    }
  if (merge_error != NULL)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, merge_error);
    }
  if (undone)
    {
      gtk_label_set_text (self->summary_title, _("Import Undone"));
      gtk_image_set_from_icon_name (self->summary_icon, "edit-undo-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
    }
  gtk_label_set_text (self->summary_label, text->str);
}

void
reg_import_summary_page_show_undone (RegImportSummaryPage *self,
                                     gboolean              survey,
                                     guint                 answers,
                                     guint                 sales,
                                     guint                 customers)
{
  g_autofree char *text = NULL;

  g_return_if_fail (REG_IS_IMPORT_SUMMARY_PAGE (self));
  if (survey)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The import was undone: %u survey answer was taken out again. "
                                         "Your shop is as it was before.",
                                         "The import was undone: %u survey answers were taken out again. "
                                         "Your shop is as it was before.", answers), answers);
  else
    text = g_strdup_printf (_("The import was undone: %u sales and %u customers were taken out again. "
                              "Your shop is as it was before."), sales, customers);
  gtk_label_set_text (self->summary_title, _("Import Undone"));
  gtk_image_set_from_icon_name (self->summary_icon, "edit-undo-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
  gtk_label_set_text (self->summary_label, text);
}

void
reg_import_summary_page_set_text (RegImportSummaryPage *self,
                                  const char           *text)
{
  g_return_if_fail (REG_IS_IMPORT_SUMMARY_PAGE (self));
  gtk_label_set_text (self->summary_label, text);
}

void
reg_import_summary_page_set_can_undo (RegImportSummaryPage *self,
                                      gboolean              can_undo)
{
  g_return_if_fail (REG_IS_IMPORT_SUMMARY_PAGE (self));
  gtk_widget_set_visible (self->undo_button, can_undo);
}

static void
reg_import_summary_page_class_init (RegImportSummaryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportSummaryPage, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, RegImportSummaryPage, summary_title);
  gtk_widget_class_bind_template_child (widget_class, RegImportSummaryPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportSummaryPage, undo_button);
}

static void
reg_import_summary_page_init (RegImportSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
