/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's page while the import runs. The frame drives the progress bar from the
 * job; everything is written at once at the end, which the page tells the owner.
 */
#include "config.h"

#include "reg-import-progress-page.h"

struct _RegImportProgressPage
{
  GtkBox             parent_instance;

  GtkProgressBar    *import_progress;
};

G_DEFINE_FINAL_TYPE (RegImportProgressPage, reg_import_progress_page, GTK_TYPE_BOX)

GtkProgressBar *
reg_import_progress_page_get_progress (RegImportProgressPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_PROGRESS_PAGE (self), NULL);
  return self->import_progress;
}

static void
reg_import_progress_page_class_init (RegImportProgressPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportProgressPage, import_progress);
  /* named for tests */
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
}

static void
reg_import_progress_page_init (RegImportProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
