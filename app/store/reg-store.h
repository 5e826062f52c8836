/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegStore is one SQLite connection to one shop file. It owns every SQL statement of the
 * project. A store is used from one thread only; a worker thread opens its own store on the
 * same file (WAL lets readers and one writer work side by side).
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "reg-records.h"
#include "clv-key-set.h"

G_BEGIN_DECLS

#define REG_STORE_ERROR (reg_store_error_quark ())

/**
 * RegStoreError:
 * @REG_STORE_ERROR_OPEN: the file cannot be opened or created
 * @REG_STORE_ERROR_NOT_A_SHOP: the file is not a Regulars shop (not SQLite, or foreign tables)
 * @REG_STORE_ERROR_TOO_NEW: the shop was written by a newer version of Regulars
 * @REG_STORE_ERROR_CORRUPT: the file is damaged
 * @REG_STORE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @REG_STORE_ERROR_FULL: the disk is full
 * @REG_STORE_ERROR_BUSY: another program holds the file locked
 * @REG_STORE_ERROR_CONSTRAINT: a value breaks a rule of the data (message says which)
 * @REG_STORE_ERROR_NOT_FOUND: no row with that id
 * @REG_STORE_ERROR_DUPLICATE: a row with the same external id already exists
 * @REG_STORE_ERROR_FAILED: any other database error
 */
typedef enum
{
  REG_STORE_ERROR_OPEN,
  REG_STORE_ERROR_NOT_A_SHOP,
  REG_STORE_ERROR_TOO_NEW,
  REG_STORE_ERROR_CORRUPT,
  REG_STORE_ERROR_READ_ONLY,
  REG_STORE_ERROR_FULL,
  REG_STORE_ERROR_BUSY,
  REG_STORE_ERROR_CONSTRAINT,
  REG_STORE_ERROR_NOT_FOUND,
  REG_STORE_ERROR_DUPLICATE,
  REG_STORE_ERROR_FAILED,
} RegStoreError;

GQuark reg_store_error_quark (void);

/* The schema version this build writes. */
#define REG_STORE_SCHEMA_VERSION 15

typedef struct _RegStore RegStore;

/* A statement from the store's cache: reset (not finalized) when it goes out of scope. */
typedef sqlite3_stmt RegStmt;

typedef enum
{
  REG_STORE_OPEN_DEFAULT = 0,
  REG_STORE_OPEN_CREATE = 1 << 0,       /* create the file when missing */
  REG_STORE_OPEN_NO_MIGRATE = 1 << 1,   /* tests: leave the schema as found */
  REG_STORE_OPEN_READ_ONLY = 1 << 2,    /* never write, even where the file could be written
                                         * (root can write every file: tests use this) */
} RegStoreOpenFlags;

RegStore   *reg_store_open             (const char         *path,
                                        RegStoreOpenFlags   flags,
                                        GError            **error);
void        reg_store_free             (RegStore           *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegStore, reg_store_free)

const char *reg_store_get_path         (RegStore           *store);
int         reg_store_get_schema_version (RegStore         *store);
gboolean    reg_store_migrate_to       (RegStore           *store,
                                        int                 version,
                                        GError            **error);
sqlite3    *reg_store_get_db           (RegStore           *store);

/* A read transaction: every query until reg_store_end_read sees the same moment. */
gboolean    reg_store_begin_read       (RegStore           *store,
                                        GError            **error);
void        reg_store_end_read         (RegStore           *store);
/* For a job's own connection whose writes only use ids it has just read or written itself:
 * no per-row foreign-key lookups. Callers check what could go stale (see the jobs). */
void        reg_store_skip_foreign_key_checks (RegStore    *store);
/* An import's rows: SQLite skips the schema's CHECK rules, the inserts check them in C. */
void        reg_store_check_rules_in_c (RegStore           *store,
                                        gboolean            in_c);
gboolean    reg_store_checks_in_c      (RegStore           *store);
/* Before a bulk write's transaction: temporary data (the copies of pages a statement of many
 * rows keeps until it ends) stays in memory instead of going to a temporary file. Index builds
 * (reg_store_restore_indexes) still sort through files, which is faster for them. */
void        reg_store_set_temp_in_memory (RegStore         *store,
                                        gboolean            in_memory);
/* For a new file that is thrown away on failure (the demo): no journal, no waits for the disk.
 * reg_store_finish_unjournalled puts the shop back to WAL before it is used. */
void        reg_store_write_unjournalled (RegStore         *store);
gboolean    reg_store_finish_unjournalled (RegStore        *store,
                                        GError            **error);
/* For a bulk write into a shop that holds almost nothing yet (the demo): a rollback journal
 * instead of WAL while no other connection has the file open, so every page is written once
 * (WAL writes each page twice: to the log, then to the file). The journal keeps the write
 * atomic. Returns FALSE, leaving WAL, when another connection has the file open.
 * reg_store_finish_unjournalled puts it back to WAL. */
gboolean    reg_store_write_in_place   (RegStore           *store);
/* Bulk work (imports, analyses) keeps its working set in memory: a large page cache. */
void        reg_store_set_cache_mb     (RegStore           *store,
                                        int                 megabytes);
void        reg_store_map_file         (RegStore           *store);
void        reg_store_skip_secure_delete (RegStore         *store);
gboolean    reg_store_begin            (RegStore           *store,
                                        GError            **error);
gboolean    reg_store_commit           (RegStore           *store,
                                        GError            **error);
void        reg_store_rollback         (RegStore           *store);
gboolean    reg_store_in_transaction   (RegStore           *store);

gboolean    reg_store_backup_to        (RegStore           *store,
                                        const char         *dest_path,
                                        GError            **error);
/* A backup that says what it is: this shop's id, a sequence number that orders the backups
 * whatever the clock did, and the time it was taken (UTC, ISO 8601), kept in its settings as
 * REG_BACKUP_SEQUENCE and REG_BACKUP_TAKEN_AT. Written to a ".part" file renamed into place,
 * with a rollback journal, so it can be read without files appearing beside it. */
#define REG_SETTING_SHOP_ID   "shop-id"
#define REG_BACKUP_SEQUENCE   "backup-sequence"
#define REG_BACKUP_TAKEN_AT   "backup-taken-at"
gboolean    reg_store_backup_stamped   (RegStore           *store,
                                        const char         *dest_path,
                                        gint64              sequence,
                                        GError            **error);
typedef struct
{
  char   *shop_id;     /* (owned) */
  char   *taken_at;    /* (owned) UTC, "2026-12-07T15:04:05.123456Z" */
  gint64  sequence;
} RegBackupInfo;
void        reg_backup_info_clear      (RegBackupInfo      *info);
/* Reads what a backup says it is; FALSE for a file that is not a complete SQLite file (its
 * size is not its page count times its page size) or carries no stamp. Opens read-only. */
gboolean    reg_store_read_backup_info (const char         *path,
                                        RegBackupInfo      *info);
gboolean    reg_store_restore_from     (RegStore           *store,
                                        const char         *backup_path,
                                        GError            **error);
char       *reg_store_dump             (RegStore           *store,
                                        GError            **error);
gboolean    reg_store_integrity_check  (RegStore           *store,
                                        GError            **error);

char       *reg_store_get_setting      (RegStore           *store,
                                        const char         *key);
gboolean    reg_store_set_setting      (RegStore           *store,
                                        const char         *key,
                                        const char         *value,
                                        GError            **error);

/* ---- customer totals (purchases, spend, first and last purchase on the customer row) ----
 * Single-sale changes refresh their customer at once. Bulk writers (imports, the demo) call
 * reg_store_bulk_begin () inside their transaction: sales then only mark their customers, and
 * reg_store_bulk_end () refreshes those before the commit. */
void       reg_store_bulk_begin               (RegStore *store);
gboolean   reg_store_bulk_end                 (RegStore *store, GError **error);
gboolean   reg_store_refresh_customer_totals  (RegStore *store, gint64 id, GError **error);
gboolean   reg_store_refresh_all_totals       (RegStore *store, GError **error);
gboolean   reg_store_customer_sales_changed   (RegStore *store, gint64 id, GError **error);
/* During a bulk write: the creation time given to all its rows (read once); NULL otherwise. */
const char *reg_store_bulk_stamp              (RegStore *store);

/* What a bulk write adds (reg_store_begin_bulk). */
typedef enum
{
  REG_STORE_BULK_SALES,    /* an import: sales and their customers */
  REG_STORE_BULK_SCORES,   /* an analysis' write-back: every customer's scores */
} RegStoreBulkKind;

gboolean   reg_store_begin_bulk               (RegStore *store, RegStoreBulkKind kind,
                                               guint64 expected_rows, GError **error);
gboolean   reg_store_end_bulk                 (RegStore *store, GError **error);

/* Inside a transaction: drop the non-unique indexes of @table and build them again at
 * reg_store_restore_indexes (one sort instead of a million random inserts). Unique indexes stay,
 * so duplicates are still refused row by row. A rollback brings the indexes back by itself. */
gboolean   reg_store_defer_indexes            (RegStore *store, const char *table, GError **error);
gboolean   reg_store_defer_indexes_except     (RegStore *store, const char *table,
                                               const char *keep, GError **error);
gboolean   reg_store_restore_indexes          (RegStore *store, GError **error);
/* In a bulk write that builds the sales indexes at its end: the content keys of @source's
 * sales, told apart in C until the unique index is built again (NULL: the index is kept). */
gboolean   reg_store_deferred_sale_keys       (RegStore *store, const char *source,
                                               ClvKeySet **out_keys, GError **error);

/* ---- customers (reg-store-customers.c; the records are in reg-records.h) ---- */

gint64     reg_store_insert_customer   (RegStore                *store,
                                        const RegCustomerRecord *rec,
                                        GError                 **error);
gboolean   reg_store_update_customer   (RegStore                *store,
                                        const RegCustomerRecord *rec,
                                        GError                 **error);
gboolean   reg_store_get_customer      (RegStore                *store,
                                        gint64                   id,
                                        RegCustomerRecord       *out,
                                        GError                 **error);
gboolean   reg_store_set_archived      (RegStore                *store,
                                        gint64                   id,
                                        gboolean                 archived,
                                        GError                 **error);
gboolean   reg_store_merge_customers   (RegStore                *store,
                                        gint64                   keep_id,
                                        gint64                   merge_id,
                                        GError                 **error);
gboolean   reg_store_delete_customer   (RegStore                *store,
                                        gint64                   id,
                                        GError                 **error);
GArray    *reg_store_find_customers_by_email (RegStore          *store,
                                        const char              *email,
                                        GError                 **error);
gint64     reg_store_find_customer_by_email (RegStore           *store,
                                        const char              *email,
                                        GError                 **error);
gint64     reg_store_find_customer_by_name (RegStore            *store,
                                        const char              *name,
                                        GError                 **error);
gint64     reg_store_count_customers   (RegStore                *store,
                                        gboolean                 include_archived);
/* (element-type RegCustomerRow) ordered by name; archived ones only when asked */
GPtrArray *reg_store_list_customer_rows (RegStore               *store,
                                        gboolean                 include_archived,
                                        GError                 **error);
/* The same rows one at a time, for listings of any size: step it with
 * reg_store_next_customer_row(). */
RegStmt   *reg_store_list_customer_rows_begin (RegStore *store, gboolean include_archived,
                                        GError **error);
/* The active customers for the workbook, most valuable first (predicted value, then those
 * without a prediction by what they spent): step it with reg_store_next_customer_row(). */
RegStmt   *reg_store_customer_rows_begin (RegStore *store, GError **error);
RegCustomerRow *reg_store_next_customer_row (RegStore *store, RegStmt *stmt, GError **error);
RegCustomerRow *reg_store_get_customer_row (RegStore            *store,
                                        gint64                   id,
                                        GError                 **error);
/* Every customer not merged away, archived ones too, by id, with only what the customer list
 * shows: step it with reg_store_next_customer_brief(). */
RegStmt   *reg_store_list_customer_briefs_begin (RegStore *store, GError **error);
gboolean   reg_store_next_customer_brief (RegStore           *store,
                                        RegStmt                 *stmt,
                                        RegCustomerBrief        *brief,
                                        GError                 **error);

/* ---- sales (reg-store-sales.c; the record is in reg-records.h) ---- */

gint64     reg_store_insert_sale       (RegStore             *store,
                                        const RegSaleRecord  *rec,
                                        GError              **error);
/* The rules a sale must meet to be stored (date, amount), checked without writing. */
gboolean   reg_store_check_sale        (const RegSaleRecord  *rec,
                                        GError              **error);
/* The rules a new customer must meet (name, e-mail, dates, amounts), checked without writing. */
gboolean   reg_store_check_customer    (const RegCustomerRecord *rec,
                                        GError              **error);
/* Bulk writers: up to this many sales in one statement (reg_store_insert_sales). */
#define REG_STORE_SALES_PER_INSERT 16
gboolean   reg_store_insert_sales      (RegStore             *store,
                                        const RegSaleRecord  *recs,
                                        guint                 n,
                                        guint                *out_inserted,
                                        gint64               *out_amount,
                                        GError              **error);
gboolean   reg_store_update_sale       (RegStore             *store,
                                        const RegSaleRecord  *rec,
                                        GError              **error);
gboolean   reg_store_delete_sale       (RegStore             *store,
                                        gint64                id,
                                        GError              **error);
gboolean   reg_store_get_sale          (RegStore             *store,
                                        gint64                id,
                                        RegSaleRecord        *out,
                                        GError              **error);
/* (element-type RegSaleRecord) newest first; customer_id 0 = all; limit 0 = no limit */
GPtrArray *reg_store_list_sales        (RegStore             *store,
                                        gint64                customer_id,
                                        guint                 limit,
                                        GError              **error);
gint64     reg_store_count_sales       (RegStore             *store);
gboolean   reg_store_sale_exists       (RegStore             *store,
                                        const char           *source,
                                        const char           *external_id,
                                        const char           *content_hash);
/* Whether a sale of @source has this content key (reg_import_row content_key). */
gboolean   reg_store_sale_key_exists   (RegStore             *store,
                                        const char           *source,
                                        gint64                content_key);
/* Whether sales of @source were imported with the content hashes of before schema 6 (rows of
 * the same content are duplicates of those, whatever their occurrence). */
gboolean   reg_store_source_has_hashes (RegStore             *store,
                                        const char           *source);

typedef gboolean (*RegSaleFunc) (gint64 customer_id, gint32 day, gint64 amount, gpointer data);
/* Every sale of customers that are not merged away, ordered by customer then day. */
gboolean   reg_store_foreach_sale      (RegStore             *store,
                                        RegSaleFunc           func,
                                        gpointer              data,
                                        GError              **error);

/* Helpers shared by the store's files. */
gint32      reg_store_parse_day        (const char *text);
gboolean    reg_store_check            (RegStore *store, int rc, const char *what, GError **error);

void        reg_stmt_release           (RegStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegStmt, reg_stmt_release)
RegStmt    *reg_store_prepare          (RegStore *store, const char *sql, GError **error);
void        reg_stmt_bind_text         (RegStmt *stmt, int index, const char *text);
char       *reg_stmt_dup_text          (RegStmt *stmt, int column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
