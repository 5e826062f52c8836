/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's first page. The file itself is chosen through the wizard's action (or
 * dropped on the window); this page says what is being read and what went wrong.
 */
#include "config.h"

#include "reg-import-file-page.h"

struct _RegImportFilePage
{
  GtkBox             parent_instance;

  GtkLabel          *file_label;
  GtkLabel          *file_error_label;
};

G_DEFINE_FINAL_TYPE (RegImportFilePage, reg_import_file_page, GTK_TYPE_BOX)

void
reg_import_file_page_set_status (RegImportFilePage *self,
                                 const char        *text)
{
  g_return_if_fail (REG_IS_IMPORT_FILE_PAGE (self));
  gtk_label_set_text (self->file_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), TRUE);
}

void
reg_import_file_page_set_error (RegImportFilePage *self,
                                const char        *text)
{
  g_return_if_fail (REG_IS_IMPORT_FILE_PAGE (self));
  gtk_label_set_text (self->file_error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), text != NULL);
}

static void
reg_import_file_page_class_init (RegImportFilePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-file-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportFilePage, file_label);
  gtk_widget_class_bind_template_child (widget_class, RegImportFilePage, file_error_label);
  /* named for tests */
  gtk_widget_class_bind_template_child_full (widget_class, "choose_button", FALSE, 0);
}

static void
reg_import_file_page_init (RegImportFilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
