/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in CSV presets as data: for each export (and each variant of it, like Stripe's payments
 * and balance reports) the header signature that recognises it, the header names each field and
 * extra column is read from (English and localised), and defaults for ambiguous dates. Header
 * names are compared after reg_header_normalise(). Static tables, no state.
 */
#pragma once

#include <glib.h>

#include "clv-date.h"
#include "reg-import-mapping.h"

G_BEGIN_DECLS

/* Columns a preset reads: the RegField values, then columns only some presets know. */
typedef enum
{
  REG_ROLE_REFUNDED = REG_N_FIELDS,  /* amount refunded so far (Shopify, Stripe, Woo plugin) */
  REG_ROLE_REFUND_DATE,              /* Stripe "Refunded date (UTC)" */
  REG_ROLE_TYPE,                     /* PayPal Type, Square Event Type, Stripe reporting_category */
  REG_ROLE_CAPTURED,                 /* Stripe Captured */
  REG_ROLE_IMPACT,                   /* PayPal Balance Impact */
  REG_ROLE_REF_TXN,                  /* PayPal Reference Txn ID */
  REG_ROLE_QTY,
  REG_ROLE_PRICE,
  REG_ROLE_ITEM,                     /* line item name */
  REG_ROLE_LINE_DISCOUNT,
  REG_ROLE_ITEM_KIND,                /* Square Itemization Type */
  REG_ROLE_GIFT,                     /* Square Transactions "Gift Card Sales" */
  REG_ROLE_ADJUSTED,                 /* Etsy Adjusted Order Total */
  REG_ROLE_CANCELLED,                /* Shopify Cancelled at */
  REG_ROLE_FIRST_NAME,
  REG_ROLE_LAST_NAME,
  REG_ROLE_ID2,                      /* second id: Stripe PaymentIntent ID */
  REG_ROLE_TO_EMAIL,                 /* PayPal To Email Address: the customer of a refund */
  REG_ROLE_SKU,                      /* a line item's stock code (Online Retail StockCode) */
  REG_N_ROLES
} RegRole;

typedef enum
{
  REG_VARIANT_GENERIC,
  REG_VARIANT_SHOPIFY,
  REG_VARIANT_WOO_ANALYTICS,
  REG_VARIANT_WOO_PLUGIN,
  REG_VARIANT_SQUARE,
  REG_VARIANT_STRIPE_PAYMENTS,
  REG_VARIANT_STRIPE_BALANCE,
  REG_VARIANT_PAYPAL,
  REG_VARIANT_ETSY_ORDERS,
  REG_VARIANT_ETSY_ITEMS,
  REG_VARIANT_ONLINE_RETAIL,
  REG_VARIANT_BANK,
} RegVariantKind;

typedef struct
{
  int         role;      /* RegField or RegRole; -1 ends the list */
  const char *aliases;   /* normalised header names, "|"-separated, first found wins */
} RegRolePattern;

typedef struct
{
  const char     *preset;         /* "shopify", … */
  RegVariantKind  kind;
  const char     *source;         /* dedupe namespace ("shopify", …); NULL: from the mapping */
  const char     *signature[6];   /* alias lists that must all be present; NULL-terminated */
  ClvDateOrder    date_hint;      /* order used when the dates themselves do not tell */
  char            decimal_hint;
  RegRolePattern  roles[26];
} RegPresetVariant;

char                   *reg_header_normalise          (const char *name);
/* Best store/processor variant for a header (already normalised), or NULL. */
const RegPresetVariant *reg_preset_match_header       (char *const *names,
                                                       guint        n,
                                                       double      *confidence);
/* Variant of @preset that fits the header best (for a preset the user chose). */
const RegPresetVariant *reg_preset_variant_for        (const char  *preset,
                                                       char *const *names,
                                                       guint        n);
const RegPresetVariant *reg_preset_bank_variant       (void);
const RegPresetVariant *reg_preset_generic_variant    (void);
/* Whether a header looks like a bank statement (date + amount or debit/credit), or a generic
 * sales list (date + amount and a customer column); confidence 0 when neither. */
const RegPresetVariant *reg_preset_match_table        (char *const *names,
                                                       guint        n,
                                                       double      *confidence);
/* Column index for @role in the normalised header, or -1. */
int                     reg_preset_find_column        (const RegPresetVariant *variant,
                                                       int                     role,
                                                       char *const            *names,
                                                       guint                   n);
/* Whether a normalised header cell names a total or balance ("Balance at start of period"). */
gboolean                reg_text_is_total_label       (const char *text);

G_END_DECLS
