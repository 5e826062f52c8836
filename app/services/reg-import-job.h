/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportJob brings a bank or store export into the shop: reads it with app/io, matches each
 * payer to a customer, skips duplicates, and commits the batch in one transaction after a
 * backup. A cancelled, failed, dry or all-or-nothing-refused import changes nothing.
 */
#pragma once

#include "reg-import-mapping.h"
#include "reg-import-reader.h"
#include "reg-job.h"
#include "reg-shop.h"

G_BEGIN_DECLS

typedef enum
{
  REG_UNMATCHED_CREATE,    /* payers that match no customer become new customers */
  REG_UNMATCHED_SKIP,      /* … or their rows are skipped */
} RegUnmatchedPolicy;

typedef struct
{
  const char        *preset;          /* (nullable) */
  const char        *format;          /* (nullable) */
  const char        *mapping;         /* (nullable) "field=Column,…" or a saved mapping's text */
  const RegImportMapping *columns;    /* (nullable) the columns as a mapping (options such as
                                       * the delimiter included); wins over @mapping */
  const char        *date_format;     /* (nullable) */
  char               decimal;         /* 0 = sniff */
  const char        *encoding;        /* (nullable) */
  gboolean           dry_run;         /* read, match and count, then change nothing */
  gboolean           all_or_nothing;  /* any rejected row: import nothing */
  RegUnmatchedPolicy unmatched;
  const char        *save_mapping_as; /* (nullable) keep the mapping under this name */
} RegImportRequest;

/**
 * reg_import_request_init:
 * @req: (out caller-allocates): the request to fill
 *
 * Fills @req with the defaults: format, preset, columns, decimal mark and encoding detected;
 * payers who match no customer become new customers; a real import that keeps the rows that
 * can be read; no mapping saved.
 */
void reg_import_request_init (RegImportRequest *req);

typedef struct
{
  guint  line;
  char  *reason;
} RegImportSkip;

typedef struct
{
  guint   line;
  char   *payer;          /* as in the file */
  gint64  customer_id;    /* the existing customer it resembles */
  char   *customer_name;
  gint64  new_customer_id; /* the customer created for the payer, 0 when skipped */
} RegNearMatch;

/* A payer who matches none of the customers and becomes a new one. Name and e-mail are as
 * the file has them (either may be missing, or both: then only the reference names them). */
typedef struct
{
  guint   line;
  char   *name;           /* (nullable) */
  char   *email;          /* (nullable) */
  char   *reference;      /* (nullable) the customer number or account in the file */
} RegNewPayer;

/* New payers listed in a result; beyond these only their number is kept. */
#define REG_IMPORT_MAX_NEW_PAYERS 500

typedef struct
{
  gint64     batch;             /* 0 when nothing was committed */
  char      *file_name;
  char      *format;
  char      *preset;            /* (nullable) */
  char      *source;
  guint      rows_read;
  guint      imported;
  guint      duplicates;
  guint      rejected;
  guint      skipped;
  guint      new_customers;
  gint64     total_imported;    /* minor units, net of refunds */
  gboolean   committed;
  gboolean   dry_run;
  gboolean   refused;           /* rows were rejected under "all or nothing": nothing kept */
  gint64     previous_batch;    /* the same file was imported before as this batch, or 0 */
  char      *backup_path;       /* (nullable) the copy taken before the import */
  GPtrArray *errors;            /* RegImportIssue */
  GPtrArray *skips;             /* RegImportSkip */
  GPtrArray *near_matches;      /* RegNearMatch */
  GPtrArray *new_payers;        /* RegNewPayer: the first REG_IMPORT_MAX_NEW_PAYERS of the
                                 * new_customers, in file order */
} RegImportResult;

/**
 * reg_import_result_free:
 * @result: (transfer full) (nullable): a result
 *
 * Frees @result with its strings and every list it holds.
 */
void reg_import_result_free (RegImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportResult, reg_import_result_free)

#define REG_TYPE_IMPORT_JOB (reg_import_job_get_type ())
G_DECLARE_FINAL_TYPE (RegImportJob, reg_import_job, REG, IMPORT_JOB, RegJob)

/**
 * reg_import_job_new:
 * @shop: the open shop; the job keeps a reference
 * @path: the store or bank export
 * @req: (nullable): the owner's choices; copied, strings and columns included
 *
 * Run the job with reg_job_run_async() (or reg_job_run_sync() in the CLI and tests); its
 * result (reg_job_run_finish()) is a #RegImportResult (transfer full), amounts in minor units
 * of the shop's currency. Main thread.
 *
 * Returns: (transfer full): the job
 */
RegImportJob *reg_import_job_new (RegShop *shop, const char *path, const RegImportRequest *req);

/**
 * reg_near_match_key:
 * @m: a look-alike of a dry run or an import
 *
 * What a look-alike is known by in the dry run and in the import alike: the payer as in the
 * file and the customer it resembles.
 *
 * Returns: (transfer full): the key, for a #GHashTable of strings
 */
char *reg_near_match_key (const RegNearMatch *m);
/**
 * reg_shop_merge_look_alikes:
 * @shop: the shop the import went into
 * @result: (nullable): the committed import's result
 * @confirmed: (nullable) (element-type utf8): the keys (reg_near_match_key()) of the
 *   look-alikes the owner confirmed; borrowed
 * @error_text: (out) (optional) (nullable) (transfer full): the first failure in words;
 *   left alone when every merge succeeds
 *
 * After an import: merges the new customer of each confirmed look-alike into the customer it
 * resembles (sales and all), each merge on its own. Main thread.
 *
 * Returns: how many were merged
 */
guint reg_shop_merge_look_alikes (RegShop               *shop,
                                  const RegImportResult *result,
                                  GHashTable            *confirmed,
                                  char                 **error_text);

G_END_DECLS
