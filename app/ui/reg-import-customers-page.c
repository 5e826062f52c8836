/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customers step of the import wizard. It lists the payers who match none of the shop's
 * customers by what the file calls them (a file that names them only by a number says so),
 * so the owner sees who would be added before choosing to add or skip them. The choice is
 * announced with "unmatched-changed"; the frame runs the check again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reg-import-customers-page.h"
#include "reg-import-words.h"

/* New payers listed; the dry run keeps up to REG_IMPORT_MAX_NEW_PAYERS of them. */
#define MAX_LISTED 200

struct _RegImportCustomersPage
{
  GtkBox             parent_instance;

  GHashTable        *confirmed;       /* (owned) look-alikes switched on: key → 1 */

  GtkWidget         *check_box;
  GtkProgressBar    *check_progress;
  AdwActionRow      *new_payers_row;
  AdwComboRow       *unmatched_row;
  AdwPreferencesGroup *new_payers_group;
  GtkListBox        *new_payers_list;
  GtkWidget         *near_group;
  GtkListBox        *near_list;
};

G_DEFINE_FINAL_TYPE (RegImportCustomersPage, reg_import_customers_page, GTK_TYPE_BOX)

enum { UNMATCHED_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
on_near_switch_cb (GtkSwitch              *sw,
                   GParamSpec             *pspec,
                   RegImportCustomersPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (sw), "near-key");

  if (gtk_switch_get_active (sw))
    g_hash_table_add (self->confirmed, g_strdup (key));
  else
    g_hash_table_remove (self->confirmed, key);
}

static void
fill_near (RegImportCustomersPage *self,
           const GPtrArray        *near_matches)
{
  for (guint i = 0; i < near_matches->len; i++)
    {
      const RegNearMatch *m = g_ptr_array_index (near_matches, i);
      g_autofree char *title = g_strdup_printf (_("%s (line %u)"), m->payer, m->line);
      g_autofree char *subtitle = g_strdup_printf (_("Looks like your customer “%s”"),
                                                   m->customer_name != NULL ? m->customer_name : "?");
      GtkWidget *row = plain_row (title, subtitle);
      GtkWidget *sw = gtk_switch_new ();
      g_autofree char *key = reg_near_match_key (m);

      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), g_hash_table_contains (self->confirmed, key));
      g_object_set_data_full (G_OBJECT (sw), "near-key", g_steal_pointer (&key), g_free);
      g_signal_connect_object (sw, "notify::active", G_CALLBACK (on_near_switch_cb), self, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The same person"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      gtk_list_box_append (self->near_list, row);
    }
  gtk_widget_set_visible (self->near_group, near_matches->len > 0);
}

/* Who the new payers are: what the file calls each, the line it was first seen on, and its
 * e-mail address where the name came first. */
static void
fill_new_payers (RegImportCustomersPage *self,
                 const RegImportResult  *r)
{
  guint n = MIN (r->new_payers->len, MAX_LISTED);

  for (guint i = 0; i < n; i++)
    {
      const RegNewPayer *p = g_ptr_array_index (r->new_payers, i);
      g_autofree char *title = reg_import_payer_label (p->name, p->email, p->reference);
      g_autofree char *subtitle = NULL;

      if (p->name != NULL && *p->name != '\0' && p->email != NULL && *p->email != '\0')
        /* Translators: under a new payer's name: "Line 12 · anna@example.com" */
        subtitle = g_strdup_printf (_("Line %u · %s"), p->line, p->email);
      else
        subtitle = g_strdup_printf (_("Line %u"), p->line);
      gtk_list_box_append (self->new_payers_list, plain_row (title, subtitle));
    }
  if (r->new_customers > n)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more payer",
                                                            "And %u more payers", r->new_customers - n),
                                               r->new_customers - n);
      gtk_list_box_append (self->new_payers_list, plain_row (more, NULL));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_payers_group), n > 0);
}

static void
clear (RegImportCustomersPage *self)
{
  clear_list (self->near_list);
  clear_list (self->new_payers_list);
  gtk_widget_set_visible (self->near_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->new_payers_group), FALSE);
}

void
reg_import_customers_page_show_sales (RegImportCustomersPage *self,
                                      const RegImportResult  *r)
{
  g_autofree char *payers = NULL;

  g_return_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self));

  clear (self);
  if (r == NULL)
    return;
  if (r->new_customers > 0)
    payers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u payer in this file matches none of your customers.",
                                           "%u payers in this file match none of your customers.",
                                           r->new_customers), r->new_customers);
  else
    payers = g_strdup (reg_import_customers_page_get_unmatched (self) == REG_UNMATCHED_SKIP && r->skipped > 0
                       ? _("Rows of payers who match none of your customers are skipped.")
                       : _("Every payer in this file is already one of your customers."));
  adw_action_row_set_subtitle (self->new_payers_row, payers);
  fill_new_payers (self, r);
  fill_near (self, r->near_matches);
}

void
reg_import_customers_page_show_answers (RegImportCustomersPage        *self,
                                        const RegFeedbackImportResult *r)
{
  g_autoptr(GString) answers = g_string_new (NULL);

  g_return_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self));

  clear (self);
  if (r == NULL)
    return;
  g_string_append_printf (answers, g_dngettext (GETTEXT_PACKAGE,
                                                "The answers come from %u customer.",
                                                "The answers come from %u customers.",
                                                r->customers), r->customers);
  if (r->unknown_emails > 0)
    {
      g_string_append_c (answers, ' ');
      g_string_append_printf (answers, g_dngettext (GETTEXT_PACKAGE,
                                                    "%u email address matches none of your customers: that row is rejected.",
                                                    "%u email addresses match none of your customers: those rows are rejected.",
                                                    r->unknown_emails), r->unknown_emails);
    }
  adw_action_row_set_subtitle (self->new_payers_row, answers->str);
}

void
reg_import_customers_page_set_feedback (RegImportCustomersPage *self,
                                        gboolean                feedback)
{
  g_return_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self));

  /* survey answers are matched by e-mail address: no new customers, no look-alikes */
  gtk_widget_set_visible (GTK_WIDGET (self->unmatched_row), !feedback);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_payers_row),
                                 feedback ? _("Answers") : _("New payers"));
}

void
reg_import_customers_page_set_checking (RegImportCustomersPage *self,
                                        gboolean                checking)
{
  g_return_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self));
  gtk_widget_set_visible (self->check_box, checking);
}

GtkProgressBar *
reg_import_customers_page_get_progress (RegImportCustomersPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self), NULL);
  return self->check_progress;
}

RegUnmatchedPolicy
reg_import_customers_page_get_unmatched (RegImportCustomersPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self), REG_UNMATCHED_CREATE);
  return adw_combo_row_get_selected (self->unmatched_row) == 1 ? REG_UNMATCHED_SKIP : REG_UNMATCHED_CREATE;
}

GHashTable *
reg_import_customers_page_get_confirmed (RegImportCustomersPage *self)
{
  g_return_val_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self), NULL);
  return self->confirmed;
}

void
reg_import_customers_page_forget (RegImportCustomersPage *self)
{
  g_return_if_fail (REG_IS_IMPORT_CUSTOMERS_PAGE (self));
  g_hash_table_remove_all (self->confirmed);
  clear (self);
}

static void
on_unmatched_selected_cb (AdwComboRow            *row,
                          GParamSpec             *pspec,
                          RegImportCustomersPage *self)
{
  g_signal_emit (self, signals[UNMATCHED_CHANGED], 0);
}

static void
reg_import_customers_page_finalize (GObject *object)
{
  RegImportCustomersPage *self = REG_IMPORT_CUSTOMERS_PAGE (object);

  g_clear_pointer (&self->confirmed, g_hash_table_unref);
  G_OBJECT_CLASS (reg_import_customers_page_parent_class)->finalize (object);
}

static void
reg_import_customers_page_class_init (RegImportCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_import_customers_page_finalize;

  signals[UNMATCHED_CHANGED] = g_signal_new ("unmatched-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regulars/Regulars/ui/reg-import-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, check_box);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, check_progress);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, new_payers_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, unmatched_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, new_payers_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, new_payers_list);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, near_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportCustomersPage, near_list);
}

static void
reg_import_customers_page_init (RegImportCustomersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self->unmatched_row, "notify::selected", G_CALLBACK (on_unmatched_selected_cb), self);
}
