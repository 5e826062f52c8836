/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import batches (with undo), saved column mappings, and the references that tie a payer in
 * a bank or store export to a customer (source customer id, IBAN, payer name).
 */
#pragma once

#include "reg-store.h"

G_BEGIN_DECLS

gint64     reg_store_insert_batch        (RegStore *store, const char *file_name,
                                          const char *file_hash, const char *format,
                                          const char *preset, const char *mapping,
                                          GError **error);
gboolean   reg_store_update_batch_counts (RegStore *store, gint64 id, guint rows_read,
                                          guint imported, guint duplicates, guint rejected,
                                          guint new_customers, GError **error);
gboolean   reg_store_set_batch_file_hash (RegStore *store, gint64 id, const char *file_hash,
                                          GError **error);
gint64     reg_store_find_batch_by_hash  (RegStore *store, const char *file_hash);
/* (element-type RegBatchRecord) newest first */
GPtrArray *reg_store_list_batches        (RegStore *store, GError **error);
RegBatchRecord *reg_store_get_batch      (RegStore *store, gint64 id, GError **error);
gboolean   reg_store_undo_batch          (RegStore *store, gint64 id, guint *out_sales,
                                          guint *out_customers, GError **error);

/* kind: "id" (the source's customer id), "iban", "name", "reference" */
gint64     reg_store_find_customer_ref   (RegStore *store, const char *kind, const char *source,
                                          const char *ref);
gboolean   reg_store_add_customer_ref    (RegStore *store, gint64 customer_id, const char *kind,
                                          const char *source, const char *ref, gint64 batch_id,
                                          GError **error);
typedef struct
{
  gint64      customer_id;
  const char *kind;
  const char *source;
  const char *ref;
} RegCustomerRef;

/* Many references at once, for bulk writers (fastest in the order of kind, source, ref). */
gboolean   reg_store_add_customer_refs   (RegStore *store, const RegCustomerRef *refs, guint n,
                                          gint64 batch_id, GError **error);
/* Fills @refs ("kind\x1fsource\x1fref" -> gint64 id) with every reference of @source and
 * @emails (lower-case address -> gint64 id) with every customer's address: an import then
 * looks payers up in memory. Values are newly allocated gint64. */
gboolean   reg_store_load_lookup_tables  (RegStore *store, const char *source, GHashTable *refs,
                                          GHashTable *emails, GError **error);
/* id -> name of every customer not merged away, for near-match suggestions */
GHashTable *reg_store_customer_names     (RegStore *store, GError **error);

gboolean   reg_store_save_mapping        (RegStore *store, const char *name, const char *text,
                                          GError **error);
char      *reg_store_get_mapping         (RegStore *store, const char *name);
GStrv      reg_store_list_mappings       (RegStore *store);

G_END_DECLS
