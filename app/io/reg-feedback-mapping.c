/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns of a survey file as a value: set by the wizard's drop-downs or read from
 * regulars-cli's --map, handed to the reader through its options.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "reg-feedback-mapping.h"
#include "reg-io-error.h"

struct _RegFeedbackMapping
{
  char *column[REG_FEEDBACK_N_FIELDS];   /* (owned) (nullable) */
};

RegFeedbackMapping *
reg_feedback_mapping_new (void)
{
  return g_new0 (RegFeedbackMapping, 1);
}

RegFeedbackMapping *
reg_feedback_mapping_copy (const RegFeedbackMapping *mapping)
{
  RegFeedbackMapping *copy;

  if (mapping == NULL)
    return NULL;
  copy = reg_feedback_mapping_new ();
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    copy->column[f] = g_strdup (mapping->column[f]);
  return copy;
}

void
reg_feedback_mapping_free (RegFeedbackMapping *mapping)
{
  if (mapping == NULL)
    return;
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    g_free (mapping->column[f]);
  g_free (mapping);
}

void
reg_feedback_mapping_set (RegFeedbackMapping *mapping,
                          RegFeedbackField    field,
                          const char         *column)
{
  g_return_if_fail (mapping != NULL && field < REG_FEEDBACK_N_FIELDS);
  g_free (mapping->column[field]);
  mapping->column[field] = g_strdup (column);
}

const char *
reg_feedback_mapping_get (const RegFeedbackMapping *mapping,
                          RegFeedbackField          field)
{
  g_return_val_if_fail (field < REG_FEEDBACK_N_FIELDS, NULL);
  return mapping != NULL ? mapping->column[field] : NULL;
}

gboolean
reg_feedback_mapping_is_empty (const RegFeedbackMapping *mapping)
{
  for (guint f = 0; mapping != NULL && f < REG_FEEDBACK_N_FIELDS; f++)
    if (mapping->column[f] != NULL)
      return FALSE;
  return TRUE;
}

char *
reg_feedback_mapping_to_string (const RegFeedbackMapping *mapping)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; mapping != NULL && f < REG_FEEDBACK_N_FIELDS; f++)
    if (mapping->column[f] != NULL)
      g_string_append_printf (out, "%s%s=%s", out->len > 0 ? "," : "",
                              reg_feedback_field_to_string ((RegFeedbackField) f), mapping->column[f]);
  return g_string_free (out, FALSE);
}

RegFeedbackMapping *
reg_feedback_mapping_from_string (const char  *text,
                                  GError     **error)
{
  g_autoptr(RegFeedbackMapping) mapping = reg_feedback_mapping_new ();
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  entries = g_strsplit (text, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);
      char *eq = strchr (entry, '=');
      int field = -1;

      if (*entry == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("“%s” is not a mapping entry: write field=column"), entry);
          return NULL;
        }
      *eq = '\0';
      g_strstrip (entry);
      g_strstrip (eq + 1);
      for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
        if (g_ascii_strcasecmp (entry, reg_feedback_field_to_string ((RegFeedbackField) f)) == 0)
          field = (int) f;
      if (field < 0)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("“%s” is not a survey field: use email, score, date or comment"), entry);
          return NULL;
        }
      if (mapping->column[field] != NULL)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("The field “%s” is mapped twice"),
                       reg_feedback_field_to_string ((RegFeedbackField) field));
          return NULL;
        }
      if (eq[1] == '\0')
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("The field “%s” is mapped to no column"),
                       reg_feedback_field_to_string ((RegFeedbackField) field));
          return NULL;
        }
      mapping->column[field] = g_strdup (eq + 1);
    }
  return g_steal_pointer (&mapping);
}

gboolean
reg_feedback_mapping_equal (const RegFeedbackMapping *a,
                            const RegFeedbackMapping *b)
{
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (g_strcmp0 (reg_feedback_mapping_get (a, f), reg_feedback_mapping_get (b, f)) != 0)
      return FALSE;
  return TRUE;
}
