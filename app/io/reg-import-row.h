/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportRow and RegImportIssue: what every import reader yields, one sale/refund/skipped row or
 * one rejected row at a time. Plain structs owned by whoever receives them; free with the _free
 * functions (or g_autoptr). No thread affinity.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  REG_ROW_SALE,
  REG_ROW_REFUND,
  REG_ROW_SKIPPED,
} RegRowKind;

/* One line item of an order, as the file gives it. */
typedef struct
{
  char      *code;          /* (owned) the stock code / SKU, else the item's name */
  char      *name;          /* (owned) the item's name, else its code */
  gint64     quantity;      /* whole units; negative on a cancelled invoice's lines */
  gint64     amount;        /* minor units */
} RegImportLine;

typedef struct
{
  guint      line;          /* 1-based line where the row (or order) starts; XML/OFX: the
                             * record's line, else its ordinal */
  RegRowKind kind;          /* SKIPPED rows carry skip_reason */
  char      *skip_reason;   /* (owned) (nullable) plain words, translated */
  char      *external_id;   /* (owned) (nullable) order/transaction id in the source;
                             * refunds "<id>/refund" */
  char      *customer_ref;  /* (owned) (nullable) the source's customer id */
  char      *email;         /* (owned) (nullable) lower-cased, trimmed */
  char      *name;          /* (owned) (nullable) payer / billing / customer name, white
                             * space collapsed */
  char      *iban;          /* (owned) (nullable) counterparty IBAN, no spaces, upper-case */
  char      *reference;     /* (owned) (nullable) bank reference / memo */
  gint32     day;           /* Julian day (GDate) of the sale, local date as written in the file */
  gint64     amount;        /* minor units; sale > 0, refund < 0 */
  char      *currency;      /* (owned) (nullable) ISO 4217 upper-case when the source says */
  char      *status;        /* (owned) (nullable) raw status text */
  char      *note;          /* (owned) (nullable) */
  char      *channel;       /* (owned) (nullable) where the customer came from, as the file
                             * says; not part of the content key (a re-import adds nothing) */
  gint64     content_key;   /* 64-bit key of the normalised content (kind, day, amount,
                             * currency, customer, e-mail, name, IBAN, reference) and of the
                             * occurrence of that identical row in its file (1st, 2nd, …);
                             * never 0, except on rows with an external_id read with lazy_hash */
  char      *legacy_hash;   /* (owned) (nullable) hex SHA-256 of the content alone, the key of
                             * imports before schema 6; only when the reader is asked for it */
  GArray    *lines;         /* (owned) (nullable) RegImportLine: the order's line items, where
                             * the format has them */
} RegImportRow;

typedef struct
{
  guint  line;              /* 1-based line of the rejected row */
  char  *field;             /* (owned) (nullable) column name or field name */
  char  *value;             /* (owned) (nullable) the raw value */
  char  *reason;            /* (owned) translated sentence naming file, line, field, value */
} RegImportIssue;

RegImportRow   *reg_import_row_new          (void);
void            reg_import_row_free         (RegImportRow *row);
/* The content key of @row for its @occurrence (1 for the first identical row in a file). */
gint64          reg_import_row_content_key  (const RegImportRow *row,
                                             guint32             occurrence);
/* Sets @row->legacy_hash. */
void            reg_import_row_compute_hash (RegImportRow *row);
const char     *reg_row_kind_to_string      (RegRowKind kind);
/* Adds a line item to @row (codes and names are copied; a blank code takes the name). */
void            reg_import_row_add_line     (RegImportRow *row,
                                             const char   *code,
                                             const char   *name,
                                             gint64        quantity,
                                             gint64        amount);

RegImportIssue *reg_import_issue_new        (guint       line,
                                             const char *field,
                                             const char *value,
                                             const char *reason);
void            reg_import_issue_free       (RegImportIssue *issue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportRow, reg_import_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportIssue, reg_import_issue_free)

G_END_DECLS
