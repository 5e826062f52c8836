/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportMapping: field -> column name, plus a few reading options, and its stable text form
 * `field=column,field=column` (with `@option=value` entries first) used to store user mappings
 * by name in the shop. Plain data, no thread affinity; the owner frees it.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "reg-import-mapping.h"
#include "reg-io-error.h"

struct _RegImportMapping
{
  char       *columns[REG_N_FIELDS];   /* (owned) (nullable) */
  char       *name;                    /* (owned) (nullable) */
  GHashTable *options;                 /* (owned) (nullable) key -> value, both owned */
};

static const char *const field_names[REG_N_FIELDS] = {
  "customer", "email", "name", "date", "amount", "debit", "credit", "order", "currency",
  "status", "note", "iban", "reference", "time", "direction", "channel",
};

static const char *const option_names[] = {
  "preset", "date_format", "decimal", "delimiter", "encoding", "header_line", "channel",
};

const char *
reg_field_to_string (RegField field)
{
  g_return_val_if_fail (field < REG_N_FIELDS, NULL);
  return field_names[field];
}

gboolean
reg_field_from_string (const char *name, RegField *out)
{
  for (guint i = 0; i < REG_N_FIELDS; i++)
    if (name != NULL && g_ascii_strcasecmp (name, field_names[i]) == 0)
      {
        *out = (RegField) i;
        return TRUE;
      }
  return FALSE;
}

RegImportMapping *
reg_import_mapping_new (void)
{
  return g_new0 (RegImportMapping, 1);
}

void
reg_import_mapping_free (RegImportMapping *mapping)
{
  if (mapping == NULL)
    return;
  for (guint i = 0; i < REG_N_FIELDS; i++)
    g_free (mapping->columns[i]);
  g_free (mapping->name);
  g_clear_pointer (&mapping->options, g_hash_table_unref);
  g_free (mapping);
}

RegImportMapping *
reg_import_mapping_copy (const RegImportMapping *mapping)
{
  RegImportMapping *copy = reg_import_mapping_new ();

  if (mapping == NULL)
    return copy;
  for (guint i = 0; i < REG_N_FIELDS; i++)
    copy->columns[i] = g_strdup (mapping->columns[i]);
  copy->name = g_strdup (mapping->name);
  if (mapping->options != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, mapping->options);
      while (g_hash_table_iter_next (&iter, &k, &v))
        reg_import_mapping_set_option (copy, k, v);
    }
  return copy;
}

/**
 * reg_import_mapping_set:
 * @column: (nullable): a header name as written in the file, or `#N` for the N-th column
 *   (1-based) of a file without a header row; NULL or "" unsets the field
 */
void
reg_import_mapping_set (RegImportMapping *mapping, RegField field, const char *column)
{
  g_return_if_fail (mapping != NULL && field < REG_N_FIELDS);
  g_free (mapping->columns[field]);
  mapping->columns[field] = column != NULL && *column != '\0' ? g_strdup (column) : NULL;
}

const char *
reg_import_mapping_get (const RegImportMapping *mapping, RegField field)
{
  g_return_val_if_fail (field < REG_N_FIELDS, NULL);
  return mapping != NULL ? mapping->columns[field] : NULL;
}

gboolean
reg_import_mapping_is_empty (const RegImportMapping *mapping)
{
  if (mapping == NULL)
    return TRUE;
  for (guint i = 0; i < REG_N_FIELDS; i++)
    if (mapping->columns[i] != NULL)
      return FALSE;
  return TRUE;
}

void
reg_import_mapping_set_name (RegImportMapping *mapping, const char *name)
{
  g_free (mapping->name);
  mapping->name = g_strdup (name);
}

const char *
reg_import_mapping_get_name (const RegImportMapping *mapping)
{
  return mapping != NULL ? mapping->name : NULL;
}

void
reg_import_mapping_set_option (RegImportMapping *mapping, const char *key, const char *value)
{
  g_return_if_fail (mapping != NULL && key != NULL);
  if (mapping->options == NULL)
    mapping->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (value == NULL)
    g_hash_table_remove (mapping->options, key);
  else
    g_hash_table_replace (mapping->options, g_strdup (key), g_strdup (value));
}

const char *
reg_import_mapping_get_option (const RegImportMapping *mapping, const char *key)
{
  if (mapping == NULL || mapping->options == NULL)
    return NULL;
  return g_hash_table_lookup (mapping->options, key);
}

static void
append_escaped (GString *out, const char *s)
{
  for (; *s != '\0'; s++)
    {
      if (*s == ',' || *s == '=' || *s == '\\' || *s == '\n')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s == '\n' ? 'n' : *s);
    }
}

/**
 * reg_import_mapping_to_string:
 *
 * The stable text form: `@name=…` and `@option=…` entries in a fixed order, then
 * `field=column` entries in field order, separated by commas; `,`, `=`, `\` and newlines inside
 * names are escaped with a backslash. reg_import_mapping_from_string() reads it back.
 * Returns: (transfer full): the text
 */
char *
reg_import_mapping_to_string (const RegImportMapping *mapping)
{
  GString *out = g_string_new (NULL);

  if (mapping == NULL)
    return g_string_free (out, FALSE);
  if (mapping->name != NULL)
    {
      g_string_append (out, "@name=");
      append_escaped (out, mapping->name);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (option_names); i++)
    {
      const char *v = reg_import_mapping_get_option (mapping, option_names[i]);
      if (v == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "@%s=", option_names[i]);
      append_escaped (out, v);
    }
  for (guint i = 0; i < REG_N_FIELDS; i++)
    {
      if (mapping->columns[i] == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "%s=", field_names[i]);
      append_escaped (out, mapping->columns[i]);
    }
  return g_string_free (out, FALSE);
}

/* Splits on unescaped `sep`, unescaping as it goes. */
static GPtrArray *
split_escaped (const char *text, char sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (cur, *p == 'n' ? '\n' : *p);
        }
      else if (*p == sep)
        {
          g_ptr_array_add (parts, g_string_free (cur, FALSE));
          cur = g_string_new (NULL);
        }
      else
        g_string_append_c (cur, *p);
    }
  g_ptr_array_add (parts, g_string_free (cur, FALSE));
  return parts;
}

/* Finds the first unescaped '=' in an entry. */
static const char *
find_equals (const char *entry)
{
  for (const char *p = entry; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '=')
        return p;
    }
  return NULL;
}

static char *
unescape (const char *s, gssize len)
{
  g_autofree char *part = len < 0 ? g_strdup (s) : g_strndup (s, (gsize) len);
  g_autoptr(GPtrArray) one = split_escaped (part, '\0');

  return g_strdup (g_ptr_array_index (one, 0));
}

/**
 * reg_import_mapping_from_string:
 * @text: `field=column,…` as written by reg_import_mapping_to_string() or typed on the command
 *   line (`customer=masterid,date=date,amount=sales`)
 *
 * Returns: (transfer full): a new mapping, or NULL with %REG_IO_ERROR_MAPPING when an entry has
 *   no `=`, names an unknown field or option, or gives a field twice.
 */
RegImportMapping *
reg_import_mapping_from_string (const char *text, GError **error)
{
  g_autoptr(RegImportMapping) mapping = reg_import_mapping_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  /* split on unescaped commas, keeping escapes for the second pass */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (cur, *p++);
          g_string_append_c (cur, *p);
        }
      else if (*p == ',' || *p == '\n')
        {
          g_ptr_array_add (entries, g_string_free (cur, FALSE));
          cur = g_string_new (NULL);
        }
      else
        g_string_append_c (cur, *p);
    }
  g_ptr_array_add (entries, g_string_free (cur, FALSE));

  for (guint i = 0; i < entries->len; i++)
    {
      char *entry = g_strstrip ((char *) g_ptr_array_index (entries, i));
      const char *eq;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      RegField field;

      if (*entry == '\0')
        continue;
      eq = find_equals (entry);
      if (eq == NULL)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("“%s” is not a mapping entry: write field=column"), entry);
          return NULL;
        }
      key = g_strstrip (unescape (entry, eq - entry));
      value = g_strstrip (unescape (eq + 1, -1));
      if (key[0] == '@')
        {
          gboolean known = g_str_equal (key + 1, "name");
          for (gsize k = 0; k < G_N_ELEMENTS (option_names) && !known; k++)
            known = g_str_equal (key + 1, option_names[k]);
          if (!known)
            {
              g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                           _("“%s” is not a mapping option"), key + 1);
              return NULL;
            }
          if (g_str_equal (key + 1, "name"))
            reg_import_mapping_set_name (mapping, value);
          else
            reg_import_mapping_set_option (mapping, key + 1, value);
          continue;
        }
      if (!reg_field_from_string (key, &field))
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("“%s” is not a field: use customer, email, name, date, amount, debit, "
                         "credit, order, currency, status, note, iban, reference, time, "
                         "direction or channel"), key);
          return NULL;
        }
      if (mapping->columns[field] != NULL)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("The field “%s” is mapped twice"), field_names[field]);
          return NULL;
        }
      if (*value == '\0')
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("The field “%s” is mapped to no column"), field_names[field]);
          return NULL;
        }
      reg_import_mapping_set (mapping, field, value);
    }
  return g_steal_pointer (&mapping);
}

gboolean
reg_import_mapping_equal (const RegImportMapping *a, const RegImportMapping *b)
{
  g_autofree char *sa = reg_import_mapping_to_string (a);
  g_autofree char *sb = reg_import_mapping_to_string (b);

  return g_strcmp0 (sa, sb) == 0;
}
