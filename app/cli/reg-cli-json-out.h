/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where regulars-cli's JSON goes: into a JsonBuilder (a document built whole, as most commands
 * print), or straight into text in json-glib's pretty layout (listings of any size, written as
 * their rows are read). The code that decides a shape writes it once, for both.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _RegJsonOut RegJsonOut;

RegJsonOut *reg_json_out_new_builder  (JsonBuilder *builder);
/* Appends to @text: the caller empties it whenever it likes, between values. */
RegJsonOut *reg_json_out_new_text     (GString     *text);
void        reg_json_out_free         (RegJsonOut  *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegJsonOut, reg_json_out_free)

void reg_json_out_member       (RegJsonOut *out, const char *name);
void reg_json_out_int          (RegJsonOut *out, gint64 value);
void reg_json_out_double       (RegJsonOut *out, double value);   /* finite */
void reg_json_out_boolean      (RegJsonOut *out, gboolean value);
void reg_json_out_string       (RegJsonOut *out, const char *value);   /* NULL: null */
void reg_json_out_null         (RegJsonOut *out);
void reg_json_out_begin_object (RegJsonOut *out);
void reg_json_out_end_object   (RegJsonOut *out);
void reg_json_out_begin_array  (RegJsonOut *out);
void reg_json_out_end_array    (RegJsonOut *out);

G_END_DECLS
