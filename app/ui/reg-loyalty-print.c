/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loyalty list on paper: GtkPrintOperation with its unit set to points and use-full-page,
 * so that the cairo context it hands out is the one RegLoyaltyLayout draws on. The layout is
 * built in begin-print from the page size the owner chose, and freed in end-print. Owns the
 * list. Main thread only.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-loyalty-job.h"
#include "reg-loyalty-print.h"

struct _RegLoyaltyPrint
{
  GtkPrintOperation  parent_instance;

  RegLoyaltyList    *list;      /* (owned) */
  RegLoyaltyLayout  *layout;    /* (owned) (nullable) between begin-print and end-print */
  guint              n_pages;
};

G_DEFINE_FINAL_TYPE (RegLoyaltyPrint, reg_loyalty_print, GTK_TYPE_PRINT_OPERATION)

static void
reg_loyalty_print_begin_print (GtkPrintOperation *operation,
                               GtkPrintContext   *context)
{
  RegLoyaltyPrint *self = REG_LOYALTY_PRINT (operation);

  /* with GTK_UNIT_POINTS and use-full-page the context measures the whole sheet in points */
  g_clear_pointer (&self->layout, reg_loyalty_layout_free);
  self->layout = reg_loyalty_layout_new (self->list, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));
  self->n_pages = reg_loyalty_layout_get_n_pages (self->layout);
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
}

static void
reg_loyalty_print_draw_page (GtkPrintOperation *operation,
                             GtkPrintContext   *context,
                             int                page_nr)
{
  RegLoyaltyPrint *self = REG_LOYALTY_PRINT (operation);

  if (self->layout == NULL || page_nr < 0 || (guint) page_nr >= self->n_pages)
    return;
  reg_loyalty_layout_draw_page (self->layout, gtk_print_context_get_cairo_context (context),
                                (guint) page_nr);
}

static void
reg_loyalty_print_end_print (GtkPrintOperation *operation,
                             GtkPrintContext   *context)
{
  RegLoyaltyPrint *self = REG_LOYALTY_PRINT (operation);

  g_clear_pointer (&self->layout, reg_loyalty_layout_free);
}

static void
reg_loyalty_print_finalize (GObject *object)
{
  RegLoyaltyPrint *self = REG_LOYALTY_PRINT (object);

  g_clear_pointer (&self->layout, reg_loyalty_layout_free);
  g_clear_pointer (&self->list, reg_loyalty_list_free);
  G_OBJECT_CLASS (reg_loyalty_print_parent_class)->finalize (object);
}

static void
reg_loyalty_print_class_init (RegLoyaltyPrintClass *klass)
{
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = reg_loyalty_print_finalize;
  print_class->begin_print = reg_loyalty_print_begin_print;
  print_class->draw_page = reg_loyalty_print_draw_page;
  print_class->end_print = reg_loyalty_print_end_print;
}

static void
reg_loyalty_print_init (RegLoyaltyPrint *self)
{
  GtkPrintOperation *op = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
}

RegLoyaltyPrint *
reg_loyalty_print_new (RegLoyaltyList *list)
{
  RegLoyaltyPrint *self;

  g_return_val_if_fail (list != NULL, NULL);

  self = g_object_new (REG_TYPE_LOYALTY_PRINT, NULL);
  self->list = list;
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), list->title);
  return self;
}

RegLoyaltyPrint *
reg_loyalty_print_new_for (RegShop     *shop,
                           const char  *segment,
                           GError     **error)
{
  RegLoyaltyList *list;

  g_return_val_if_fail (REG_IS_SHOP (shop), NULL);

  list = reg_shop_loyalty_list (shop, segment, error);
  return list != NULL ? reg_loyalty_print_new (list) : NULL;
}

const RegLoyaltyList *
reg_loyalty_print_get_list (RegLoyaltyPrint *self)
{
  g_return_val_if_fail (REG_IS_LOYALTY_PRINT (self), NULL);
  return self->list;
}

guint
reg_loyalty_print_get_n_pages (RegLoyaltyPrint *self)
{
  g_return_val_if_fail (REG_IS_LOYALTY_PRINT (self), 0);
  return self->n_pages;
}

/**
 * reg_loyalty_print_export_pdf:
 * @parent: (nullable): the window the operation belongs to
 * @path: where the PDF goes
 *
 * Returns: %FALSE with the print system's error when the file could not be written
 */
gboolean
reg_loyalty_print_export_pdf (RegLoyaltyPrint  *self,
                              GtkWindow        *parent,
                              const char       *path,
                              GError          **error)
{
  GtkPrintOperationResult res;

  g_return_val_if_fail (REG_IS_LOYALTY_PRINT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (self), path);
  res = gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
  if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF “%s” was not written"), path);
      return FALSE;
    }
  return TRUE;
}
