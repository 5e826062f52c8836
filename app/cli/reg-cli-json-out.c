/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON into a JsonBuilder, or into text laid out as json-glib's pretty printer lays out the same
 * tree (two spaces per level, `"key" : value`, one value per line, `[]` and `{}` when empty), so
 * a listing written row by row reads the same as one built whole. Building a JsonNode per row
 * costs more than reading the row from the shop; writing the text directly does not.
 */
#include "config.h"

#include <string.h>

#include "reg-cli-json-out.h"

#define MAX_DEPTH 16

struct _RegJsonOut
{
  JsonBuilder *builder;          /* (owned) (nullable) */
  GString     *text;             /* (unowned) (nullable) */
  guint        depth;            /* open objects and arrays */
  guint        count[MAX_DEPTH]; /* values so far in each */
  gboolean     after_name;       /* a member name was written: its value follows on its line */
};

RegJsonOut *
reg_json_out_new_builder (JsonBuilder *builder)
{
  RegJsonOut *out = g_new0 (RegJsonOut, 1);

  out->builder = g_object_ref (builder);
  return out;
}

RegJsonOut *
reg_json_out_new_text (GString *text)
{
  RegJsonOut *out = g_new0 (RegJsonOut, 1);

  out->text = text;
  return out;
}

void
reg_json_out_free (RegJsonOut *out)
{
  if (out == NULL)
    return;
  g_clear_object (&out->builder);
  g_free (out);
}

static void
indent (RegJsonOut *out, guint level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out->text, "  ");
}

/* The separator, line break and indent before a value or a member of the innermost container. */
static void
next_item (RegJsonOut *out)
{
  if (out->after_name)
    {
      out->after_name = FALSE;
      return;
    }
  if (out->depth == 0)
    return;
  g_string_append (out->text, out->count[out->depth - 1]++ == 0 ? "\n" : ",\n");
  indent (out, out->depth);
}

/* As JSON requires: quote, backslash and every control character escaped; other bytes (UTF-8
 * included) as they are. */
static void
append_quoted (GString *text, const char *s)
{
  g_string_append_c (text, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (text, "\\\"");
          break;
        case '\\':
          g_string_append (text, "\\\\");
          break;
        case '\b':
          g_string_append (text, "\\b");
          break;
        case '\f':
          g_string_append (text, "\\f");
          break;
        case '\n':
          g_string_append (text, "\\n");
          break;
        case '\r':
          g_string_append (text, "\\r");
          break;
        case '\t':
          g_string_append (text, "\\t");
          break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (text, "\\u%04x", *p);
          else
            g_string_append_c (text, (char) *p);
        }
    }
  g_string_append_c (text, '"');
}

void
reg_json_out_member (RegJsonOut *out, const char *name)
{
  if (out->builder != NULL)
    {
      json_builder_set_member_name (out->builder, name);
      return;
    }
  next_item (out);
  append_quoted (out->text, name);
  g_string_append (out->text, " : ");
  out->after_name = TRUE;
}

void
reg_json_out_int (RegJsonOut *out, gint64 value)
{
  if (out->builder != NULL)
    {
      json_builder_add_int_value (out->builder, value);
      return;
    }
  next_item (out);
  g_string_append_printf (out->text, "%" G_GINT64_FORMAT, value);
}

void
reg_json_out_double (RegJsonOut *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (out->builder != NULL)
    {
      json_builder_add_double_value (out->builder, value);
      return;
    }
  next_item (out);
  /* the shortest text that reads back as the same double, as json-glib writes it, and never
   * one that reads as a whole number */
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out->text, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out->text, ".0");
}

void
reg_json_out_boolean (RegJsonOut *out, gboolean value)
{
  if (out->builder != NULL)
    {
      json_builder_add_boolean_value (out->builder, value);
      return;
    }
  next_item (out);
  g_string_append (out->text, value ? "true" : "false");
}

void
reg_json_out_null (RegJsonOut *out)
{
  if (out->builder != NULL)
    {
      json_builder_add_null_value (out->builder);
      return;
    }
  next_item (out);
  g_string_append (out->text, "null");
}

void
reg_json_out_string (RegJsonOut *out, const char *value)
{
  if (value == NULL)
    {
      reg_json_out_null (out);
      return;
    }
  if (out->builder != NULL)
    {
      json_builder_add_string_value (out->builder, value);
      return;
    }
  next_item (out);
  append_quoted (out->text, value);
}

static void
begin (RegJsonOut *out, char open)
{
  next_item (out);
  g_string_append_c (out->text, open);
  g_return_if_fail (out->depth < MAX_DEPTH);
  out->count[out->depth++] = 0;
}

static void
end (RegJsonOut *out, char close)
{
  g_return_if_fail (out->depth > 0);
  out->depth--;
  if (out->count[out->depth] > 0)
    {
      g_string_append_c (out->text, '\n');
      indent (out, out->depth);
    }
  g_string_append_c (out->text, close);
}

void
reg_json_out_begin_object (RegJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_begin_object (out->builder);
  else
    begin (out, '{');
}

void
reg_json_out_end_object (RegJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_end_object (out->builder);
  else
    end (out, '}');
}

void
reg_json_out_begin_array (RegJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_begin_array (out->builder);
  else
    begin (out, '[');
}

void
reg_json_out_end_array (RegJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_end_array (out->builder);
  else
    end (out, ']');
}
