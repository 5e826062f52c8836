/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON shapes regulars-cli prints: customers, sales, settings. Amounts are integer minor
 * units under keys ending in "_minor", with a decimal string beside them for reading.
 */
#pragma once

#include <stdio.h>

#include "reg-cli.h"

G_BEGIN_DECLS

JsonNode *reg_cli_json_customer       (RegShop *shop, gint64 id, gboolean with_sales,
                                       GError **error);
/* The shop's customers (archived ones too when asked) as one pretty-printed JSON array,
 * written to @out object by object as the rows are read: memory stays flat in the number of
 * customers, and the text is what json-glib prints for the whole array. FALSE when reading
 * fails part way. */
gboolean  reg_cli_json_stream_customers (RegShop *shop, gboolean include_archived, FILE *out,
                                         GError **error);
/* The same for customers already read (a segment's, in its order). */
void      reg_cli_json_print_customer_rows (RegShop *shop, GPtrArray *rows, FILE *out);
JsonNode *reg_cli_json_sales          (RegShop *shop, GPtrArray *sales);
void      reg_cli_json_add_money      (JsonBuilder *b, RegShop *shop, const char *key,
                                       gint64 minor);
void      reg_cli_json_add_day        (JsonBuilder *b, const char *key, gint32 day);
void      reg_cli_print_customer_text (RegShop *shop, JsonNode *node);

G_END_DECLS
