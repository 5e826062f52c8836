/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportMapping: which source column feeds which import field (customer, email, date, amount,
 * …), with a stable text form for saving user mappings by name; and the table of built-in
 * presets (Shopify, Stripe, …) with their header signatures. Plain data, no thread affinity.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields a column can be mapped to. */
typedef enum
{
  REG_FIELD_CUSTOMER,
  REG_FIELD_EMAIL,
  REG_FIELD_NAME,
  REG_FIELD_DATE,
  REG_FIELD_AMOUNT,
  REG_FIELD_DEBIT,
  REG_FIELD_CREDIT,
  REG_FIELD_ORDER,
  REG_FIELD_CURRENCY,
  REG_FIELD_STATUS,
  REG_FIELD_NOTE,
  REG_FIELD_IBAN,
  REG_FIELD_REFERENCE,
  REG_FIELD_TIME,
  REG_FIELD_DIRECTION,      /* D/C indicator column ("CreditDebet", "Af Bij") */
  REG_FIELD_CHANNEL,        /* where a new customer came from (Shopify's Source, a UTM column) */
  REG_N_FIELDS
} RegField;

typedef struct _RegImportMapping RegImportMapping;

const char       *reg_field_to_string            (RegField field);
gboolean          reg_field_from_string          (const char *name, RegField *out);

RegImportMapping *reg_import_mapping_new         (void);
RegImportMapping *reg_import_mapping_copy        (const RegImportMapping *mapping);
void              reg_import_mapping_free        (RegImportMapping *mapping);
void              reg_import_mapping_set         (RegImportMapping *mapping,
                                                  RegField          field,
                                                  const char       *column);
const char       *reg_import_mapping_get         (const RegImportMapping *mapping,
                                                  RegField                field);
gboolean          reg_import_mapping_is_empty    (const RegImportMapping *mapping);
void              reg_import_mapping_set_name    (RegImportMapping *mapping,
                                                  const char       *name);
const char       *reg_import_mapping_get_name    (const RegImportMapping *mapping);
/* Reading options saved with a mapping: "preset", "date_format", "decimal", "delimiter",
 * "encoding", "header_line" (1-based, "0" = no header row), "channel" (the channel of every
 * customer the import creates whose row names none: "bank transfer" for a bank file). Options
 * given to the reader win. */
void              reg_import_mapping_set_option  (RegImportMapping *mapping,
                                                  const char       *key,
                                                  const char       *value);
const char       *reg_import_mapping_get_option  (const RegImportMapping *mapping,
                                                  const char       *key);
char             *reg_import_mapping_to_string   (const RegImportMapping *mapping);
RegImportMapping *reg_import_mapping_from_string (const char *text,
                                                  GError    **error);
gboolean          reg_import_mapping_equal       (const RegImportMapping *a,
                                                  const RegImportMapping *b);

/* Built-in presets. */
typedef enum
{
  REG_PRESET_GENERIC,
  REG_PRESET_SHOPIFY,
  REG_PRESET_WOOCOMMERCE,
  REG_PRESET_SQUARE,
  REG_PRESET_STRIPE,
  REG_PRESET_PAYPAL,
  REG_PRESET_ETSY,
  REG_PRESET_ONLINE_RETAIL,
  REG_PRESET_BANK_CSV,
  REG_PRESET_OFX,
  REG_PRESET_QIF,
  REG_PRESET_CAMT053,
} RegPresetKind;

typedef struct
{
  const char    *name;          /* "shopify", … as on the command line */
  const char    *display_name;  /* translatable (N_): use _() on it */
  RegPresetKind  kind;
  const char    *format;        /* "csv", "ofx", "qif", "camt053" */
  const char    *signature;     /* header names that identify the export ("Name, Financial
                                 * Status, …"); NULL for non-CSV formats and for bank-csv
                                 * (recognised by synonyms) */
  const char    *rules;         /* translatable (N_): what becomes a sale, a refund, a skip */
} RegImportPreset;

const RegImportPreset *reg_import_preset_list        (gsize *n);
const RegImportPreset *reg_import_preset_lookup      (const char *name);
/* The columns the preset reads for each field (its first header name), as a mapping. */
RegImportMapping      *reg_import_preset_get_mapping (const RegImportPreset *preset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportMapping, reg_import_mapping_free)

G_END_DECLS
