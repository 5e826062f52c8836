/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard's first page. The file itself is chosen through the wizard's action (or
 * dropped on the window); this page opens the chooser, announces the file with "file-chosen",
 * and says what is being read and what went wrong.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-file-page.h"

struct _RegImportFilePage
{
  GtkBox             parent_instance;

  gboolean           accepts_drops;

  GtkLabel          *file_label;
  GtkLabel          *file_error_label;
};

G_DEFINE_FINAL_TYPE (RegImportFilePage, reg_import_file_page, GTK_TYPE_BOX)

enum { FILE_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_chooser_response_cb (GtkNativeDialog   *native,
                        int                response,
                        RegImportFilePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static gboolean
on_drop_cb (GtkDropTarget     *target,
            const GValue      *value,
            double             x,
            double             y,
            RegImportFilePage *self)
{
  GFile *file = NULL;

  if (!self->accepts_drops)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
  return TRUE;
}

void
reg_import_file_page_watch_drops (RegImportFilePage *self,
                                  GtkWidget         *on)
{
  GtkDropTarget *drop;

  g_return_if_fail (REG_IS_IMPORT_FILE_PAGE (self));
  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (on, GTK_EVENT_CONTROLLER (drop));
}

void
reg_import_file_page_set_accepts_drops (RegImportFilePage *self,
                                        gboolean           accepts)
{
  g_return_if_fail (REG_IS_IMPORT_FILE_PAGE (self));
  self->accepts_drops = accepts;
}

void
reg_import_file_page_choose (RegImportFilePage *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) exports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  static const char *patterns[] = { "*.csv", "*.CSV", "*.txt", "*.tsv", "*.ofx", "*.OFX", "*.qfx", "*.QFX",
                                    "*.qif", "*.QIF", "*.xml", "*.XML", "*.sta", "*.STA", "*.940" };

  g_return_if_fail (REG_IS_IMPORT_FILE_PAGE (self));

  native = gtk_file_chooser_native_new (_("Choose the File to Import"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (exports, _("Exports and statements"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (exports, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), exports);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect_object (native, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

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

  signals[FILE_CHOSEN] = g_signal_new ("file-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

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
