/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegShop is an open shop file as the fronts see it: customers, sales and settings, with
 * validation and messages for owners, list models that stay in sync, and a "changed" signal.
 * Main thread only; jobs open their own store on reg_shop_get_path().
 */
#pragma once

#include <gio/gio.h>

#include "clv-money.h"
#include "reg-records.h"

G_BEGIN_DECLS

#define REG_SHOP_ERROR (reg_shop_error_quark ())

/**
 * RegShopError:
 * @REG_SHOP_ERROR_INVALID: a value typed by the user is not valid (the message names field and value)
 * @REG_SHOP_ERROR_NOT_FOUND: the customer or sale does not exist
 * @REG_SHOP_ERROR_UNKNOWN_SETTING: no setting of that name
 */
typedef enum
{
  REG_SHOP_ERROR_INVALID,
  REG_SHOP_ERROR_NOT_FOUND,
  REG_SHOP_ERROR_UNKNOWN_SETTING,
} RegShopError;

GQuark reg_shop_error_quark (void);

/* What changed, passed with the "changed" signal. */
typedef enum
{
  REG_SHOP_CHANGE_CUSTOMER,     /* one customer added or edited: id */
  REG_SHOP_CHANGE_CUSTOMER_REMOVED,
  REG_SHOP_CHANGE_SALE,         /* one sale added, edited or deleted: id; its customer changed too */
  REG_SHOP_CHANGE_SETTINGS,
  REG_SHOP_CHANGE_ALL,          /* many rows: an import, an undo, a restore */
  REG_SHOP_CHANGE_SCORES,       /* an analysis wrote new scores; the sales are as they were */
} RegShopChange;

/* Setting keys; every one has a default and a validator (see reg-shop-settings.c). */
#define REG_SETTING_SHOP_NAME        "shop-name"
#define REG_SETTING_CURRENCY         "currency"
#define REG_SETTING_LOCALE           "locale"
#define REG_SETTING_MARGIN           "margin"
#define REG_SETTING_ACQUISITION_COST "acquisition-cost"
#define REG_SETTING_HORIZON_MONTHS   "horizon-months"
#define REG_SETTING_DISCOUNT_MONTHLY "discount-monthly"
#define REG_SETTING_TIER_TOP         "tier-top"
#define REG_SETTING_TIER_BOTTOM      "tier-bottom"
#define REG_SETTING_AT_RISK_P_ALIVE  "at-risk-p-alive"
#define REG_SETTING_OVERDUE_FACTOR   "overdue-factor"
#define REG_SETTING_TIME_UNIT        "time-unit"
#define REG_SETTING_MODEL            "model"

#define REG_TYPE_SHOP (reg_shop_get_type ())
G_DECLARE_FINAL_TYPE (RegShop, reg_shop, REG, SHOP, GObject)

char       *reg_shop_default_path        (void);
RegShop    *reg_shop_open                (const char        *path,
                                          gboolean           create,
                                          GError           **error);
/* A new shop with its name, currency and locale (reg-shop-create.c). */
RegShop    *reg_shop_create              (const char        *path,
                                          const char        *name,
                                          const char        *currency,
                                          const char        *locale,
                                          GError           **error);
void        reg_shop_guess_defaults      (const char        *posix_locale,
                                          const char       **out_locale,
                                          const char       **out_currency);
const char *reg_shop_get_path            (RegShop           *self);
guint       reg_shop_get_revision        (RegShop           *self);
void        reg_shop_notify_changed      (RegShop           *self,
                                          RegShopChange      change,
                                          gint64             id);
gboolean    reg_shop_is_empty            (RegShop           *self);

/* settings */
const char *const *reg_shop_setting_keys (void);
const char *reg_shop_setting_description (const char        *key);
/* The range a numeric setting must be in (fractions as fractions); FALSE for other keys. The
 * command line and the analysis check the same values against the same range. */
gboolean    reg_shop_setting_range       (const char        *key,
                                          double            *min,
                                          double            *max);
char       *reg_shop_get_setting         (RegShop           *self,
                                          const char        *key);
gboolean    reg_shop_set_setting         (RegShop           *self,
                                          const char        *key,
                                          const char        *value,
                                          GError           **error);
double      reg_shop_get_setting_double  (RegShop           *self,
                                          const char        *key);
char       *reg_shop_dup_name            (RegShop           *self);
void        reg_shop_get_money_format    (RegShop           *self,
                                          ClvMoneyFormat    *out);

/* amounts and dates as the shop's locale writes them */
gboolean    reg_shop_parse_amount        (RegShop           *self,
                                          const char        *text,
                                          gint64            *out_minor,
                                          GError           **error);
char       *reg_shop_format_amount       (RegShop           *self,
                                          gint64             minor);
/* The amount rounded to whole currency units and written without cents ("€20,000"): for the
 * round values of a chart's axis. */
char       *reg_shop_format_amount_whole (RegShop           *self,
                                          gint64             minor);
/* The paper the shop's country uses: Letter for the United States and Canada (en_US, es_US,
 * en_CA, fr_CA…), A4 everywhere else. */
gboolean    reg_shop_uses_letter_paper   (RegShop           *self);
/* One whole currency unit in minor units (100 for EUR, 1 for JPY). */
gint64      reg_shop_get_currency_unit   (RegShop           *self);
gboolean    reg_shop_parse_date          (RegShop           *self,
                                          const char        *text,
                                          gint32            *out_day,
                                          GError           **error);
char       *reg_shop_format_date         (RegShop           *self,
                                          gint32             day);

/* customers */
gint64      reg_shop_add_customer        (RegShop                 *self,
                                          const RegCustomerRecord *rec,
                                          GError                 **error);
gboolean    reg_shop_edit_customer       (RegShop                 *self,
                                          const RegCustomerRecord *rec,
                                          GError                 **error);
gboolean    reg_shop_get_customer        (RegShop                 *self,
                                          gint64                   id,
                                          RegCustomerRecord       *out,
                                          GError                 **error);
gboolean    reg_shop_archive_customer    (RegShop                 *self,
                                          gint64                   id,
                                          gboolean                 archived,
                                          GError                 **error);
gboolean    reg_shop_merge_customers     (RegShop                 *self,
                                          gint64                   keep_id,
                                          gint64                   merge_id,
                                          GError                 **error);
gboolean    reg_shop_delete_customer     (RegShop                 *self,
                                          gint64                   id,
                                          GError                 **error);
gint64      reg_shop_find_customer       (RegShop                 *self,
                                          const char              *name_or_email,
                                          GError                 **error);

/* sales */
gint64      reg_shop_record_sale         (RegShop                 *self,
                                          gint64                   customer_id,
                                          gint32                   day,
                                          gint64                   amount,
                                          const char              *note,
                                          GError                 **error);
gboolean    reg_shop_edit_sale           (RegShop                 *self,
                                          const RegSaleRecord     *rec,
                                          GError                 **error);
RegSaleRecord *reg_shop_delete_sale      (RegShop                 *self,
                                          gint64                   id,
                                          GError                 **error);
gint64      reg_shop_restore_sale        (RegShop                 *self,
                                          const RegSaleRecord     *rec,
                                          GError                 **error);
/* One line of a sale entered by hand: the product's code (a new code becomes a product named
 * @name, or by its code when @name is NULL), the quantity, the amount in minor units. */
typedef struct
{
  const char *code;
  gint64      quantity;
  gint64      amount;
  const char *name;        /* (nullable) */
} RegSaleLineInput;

/* A line's amount the owner left out (reg_sale_lines_share_amount() fills it in). */
#define REG_AMOUNT_UNSET G_MININT64

/* Lines whose amount is REG_AMOUNT_UNSET share what the others leave of @sale_amount, the
 * first ones taking the odd minor units (negative ones for a refund). */
void        reg_sale_lines_share_amount  (RegSaleLineInput        *lines,
                                          guint                    n_lines,
                                          gint64                   sale_amount);

/* A sale entered by hand, as the window's entry row and regulars-cli sale add give it: for a
 * customer of the shop (@customer_id) or a new one (@new_customer), with its lines or none. */
typedef struct
{
  gint64                   customer_id;    /* 0 when @new_customer is given */
  const RegCustomerRecord *new_customer;   /* (nullable) added with the sale */
  gint32                   day;
  gint64                   amount;         /* minor units, negative for a refund */
  const char              *note;           /* (nullable) */
  const RegSaleLineInput  *lines;          /* (array length=n_lines) (nullable) */
  guint                    n_lines;
} RegSaleInput;

/* Records @sale, its new customer and its lines in one transaction: a sale refused (a bad
 * field, a line the shop cannot keep) leaves the shop exactly as it was. Returns the sale's
 * id, or 0 with an error naming the field and the value; *out_customer gets the customer's. */
gint64      reg_shop_enter_sale          (RegShop                 *self,
                                          const RegSaleInput      *sale,
                                          gint64                  *out_customer,
                                          GError                 **error);
/* (element-type RegSaleLineRecord) the lines of a sale, in the order they were entered; empty
 * for a sale without lines. */
GPtrArray  *reg_shop_list_sale_lines     (RegShop                 *self,
                                          gint64                   sale_id,
                                          GError                 **error);
/* (element-type RegProductRecord) the products the shop has sold, oldest first. */
GPtrArray  *reg_shop_list_products       (RegShop                 *self,
                                          GError                 **error);

/* reg_shop_record_sale() with the sale's line items, the sale and its lines together or not
 * at all. */
gint64      reg_shop_record_sale_lines   (RegShop                 *self,
                                          gint64                   customer_id,
                                          gint32                   day,
                                          gint64                   amount,
                                          const char              *note,
                                          const RegSaleLineInput  *lines,
                                          guint                    n_lines,
                                          GError                 **error);
/* A new customer and their first sale, together or not at all (the sales entry row's
 * "create new customer"). Returns the sale id; *out_customer gets the customer's. */
gint64      reg_shop_record_sale_new_customer (RegShop            *self,
                                          const RegCustomerRecord *customer,
                                          gint32                   day,
                                          gint64                   amount,
                                          const char              *note,
                                          gint64                  *out_customer,
                                          GError                 **error);
/* (element-type RegSaleRecord) one customer's sales (customer_id 0: every customer's), newest
 * first, each with its customer's name; limit 0 = all */
GPtrArray  *reg_shop_list_customer_sales (RegShop                 *self,
                                          gint64                   customer_id,
                                          guint                    limit,
                                          GError                 **error);
/* (element-type RegFeedbackRecord) one customer's survey answers, latest first; limit 0 = all */
GPtrArray  *reg_shop_list_customer_feedback (RegShop              *self,
                                          gint64                   customer_id,
                                          guint                    limit,
                                          GError                 **error);
gboolean    reg_shop_get_sale            (RegShop                 *self,
                                          gint64                   id,
                                          RegSaleRecord           *out,
                                          GError                 **error);

/* customers as lists show them (reg-shop-queries.c) */
RegCustomerRow *reg_shop_get_customer_row (RegShop                *self,
                                          gint64                   id,
                                          GError                 **error);
typedef gboolean (*RegCustomerRowFunc)   (const RegCustomerRow    *row,
                                          gpointer                 user_data,
                                          GError                 **error);
gboolean    reg_shop_foreach_customer_row (RegShop                *self,
                                          gboolean                 include_archived,
                                          RegCustomerRowFunc       func,
                                          gpointer                 user_data,
                                          GError                 **error);

/* the last analysis and campaigns (reg-shop-queries.c) */
char       *reg_shop_get_latest_run      (RegShop                 *self,
                                          GError                 **error);
GPtrArray  *reg_shop_list_campaigns      (RegShop                 *self,
                                          GError                 **error);
RegCampaignRecord *reg_shop_get_campaign (RegShop                 *self,
                                          gint64                   id,
                                          GError                 **error);

/* the import history and undo (reg-shop-imports.c) */

/**
 * RegUndoSummary:
 * @sales: sales taken out of the shop
 * @customers: customers the import had added, taken out with their sales
 * @answers: survey answers taken out
 *
 * What undoing one import took out of the shop.
 */
typedef struct
{
  guint sales;
  guint customers;
  guint answers;
} RegUndoSummary;

GPtrArray  *reg_shop_list_imports        (RegShop                 *self,
                                          GError                 **error);
RegBatchRecord *reg_shop_get_import      (RegShop                 *self,
                                          gint64                   id,
                                          GError                 **error);
gboolean    reg_batch_is_survey          (const RegBatchRecord    *batch);
gboolean    reg_shop_undo_import         (RegShop                 *self,
                                          gint64                   batch,
                                          RegUndoSummary          *out,
                                          GError                 **error);

/* Whether reg_shop_open() failed because there is no file to open (as opposed to a file that
 * is not a shop, damaged, or locked). */
gboolean    reg_shop_error_is_missing    (const GError            *error);

/* list models, owned by the shop, kept in sync with every change made through it */
GListModel *reg_shop_get_customers       (RegShop                 *self);
GListModel *reg_shop_get_sales           (RegShop                 *self);

G_END_DECLS
