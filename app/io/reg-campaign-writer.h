/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Campaign lists for Mailchimp, Klaviyo, Brevo and the like: which customers may go on the list
 * (consent, an address, one row per address), the random control group held back, and the CSV
 * and XLSX files with every text cell protected against formula injection. Plain C over the
 * caller's rows; runs on the caller's thread; never touches SQLite.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  REG_CAMPAIGN_PRESET_GENERIC,     /* Email Address, First Name, Last Name, Tags, …: any tool */
  REG_CAMPAIGN_PRESET_MAILCHIMP,   /* as generic; CSV only; text clipped to 255 bytes */
  REG_CAMPAIGN_PRESET_KLAVIYO,     /* as generic plus "Email Marketing Consent" = Subscribed */
  REG_CAMPAIGN_PRESET_BREVO,       /* EMAIL, FIRSTNAME, LASTNAME, TAGS, SEGMENT, … */
} RegCampaignPreset;

/* The figures the owner picks, after the fixed Email Address, First Name, Last Name, Tags. */
typedef enum
{
  REG_CAMPAIGN_COLUMN_SEGMENT           = 1 << 0,   /* "Segment": text */
  REG_CAMPAIGN_COLUMN_PREDICTED_CLV     = 1 << 1,   /* "Predicted CLV": 1234.50 */
  REG_CAMPAIGN_COLUMN_LAST_ORDER_DATE   = 1 << 2,   /* "Last Order Date": YYYY-MM-DD */
  REG_CAMPAIGN_COLUMN_TOTAL_SPEND       = 1 << 3,   /* "Total Spend": 1234.50 */
  REG_CAMPAIGN_COLUMN_PURCHASES         = 1 << 4,   /* "Purchases": 7 */
  REG_CAMPAIGN_COLUMN_PROBABILITY_ALIVE = 1 << 5,   /* "Probability Alive": 0.8123 */
} RegCampaignColumns;

#define REG_CAMPAIGN_COLUMNS_DEFAULT                                                 \
  (REG_CAMPAIGN_COLUMN_SEGMENT | REG_CAMPAIGN_COLUMN_PREDICTED_CLV |                 \
   REG_CAMPAIGN_COLUMN_LAST_ORDER_DATE)

/* One customer of the segment. Strings belong to whoever filled the row (the writers never
 * free them); reg_campaign_row_clear() frees them when they were g_strdup'ed. */
typedef struct
{
  gint64   customer_id;
  char    *email;                  /* (nullable) */
  char    *name;                   /* (nullable) display name, split when first/last are NULL */
  char    *first_name;             /* (nullable) */
  char    *last_name;              /* (nullable) */
  char   **tags;                   /* (nullable) NULL-terminated; this customer's own tags */
  char    *segment;                /* (nullable) "Champions", "Top tier", … */
  gboolean email_consent;
  gint64   predicted_clv;          /* minor units; < 0 = not available (empty cell) */
  gint64   total_spend;            /* minor units */
  gint32   last_order_day;         /* Julian day; 0 = none */
  guint    purchases;
  double   probability_alive;      /* 0..1; < 0 = not available */
} RegCampaignRow;

typedef struct
{
  RegCampaignPreset   preset;
  RegCampaignColumns  columns;
  const char *const  *tags;             /* (nullable) added to every row: "Spring 2025" */
  double              control_percent;  /* 0 = no control group; at most 100 */
  guint32             seed;             /* same seed + same members = same control group */
  guint               currency_exponent;/* digits after the dot in amounts: 2, or 0 for JPY */
} RegCampaignOptions;

/* Who went where, and who was left out and why. */
typedef struct
{
  guint   n_rows;             /* rows handed in */
  guint   n_no_consent;       /* left out: did not agree to email */
  guint   n_no_email;         /* left out: no address */
  guint   n_bad_email;        /* left out: the address is not an email address */
  guint   n_duplicate;        /* left out: same address as an earlier row (case ignored) */
  GArray *treatment;          /* gint64 customer ids written to the file, in file order */
  GArray *control;            /* gint64 customer ids held back as the control group */
} RegCampaignResult;

void               reg_campaign_options_init     (RegCampaignOptions *options);
void               reg_campaign_row_clear        (RegCampaignRow *row);

void               reg_campaign_result_free      (RegCampaignResult *result);
char              *reg_campaign_result_describe  (const RegCampaignResult *result);

RegCampaignResult *reg_campaign_prepare          (const RegCampaignRow     *rows,
                                                  gsize                     n_rows,
                                                  const RegCampaignOptions *options);
gboolean          *reg_campaign_split            (const gint64 *customer_ids,
                                                  gsize         n_members,
                                                  double        percent,
                                                  guint32       seed,
                                                  gsize        *out_n_control);
void               reg_campaign_split_name       (const char  *name,
                                                  char       **out_first,
                                                  char       **out_last);

gboolean           reg_campaign_write_csv        (const char               *path,
                                                  const RegCampaignRow     *rows,
                                                  gsize                     n_rows,
                                                  const RegCampaignOptions *options,
                                                  RegCampaignResult       **out_result,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);
gboolean           reg_campaign_write_xlsx       (const char               *path,
                                                  const RegCampaignRow     *rows,
                                                  gsize                     n_rows,
                                                  const RegCampaignOptions *options,
                                                  RegCampaignResult       **out_result,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCampaignResult, reg_campaign_result_free)

G_END_DECLS
