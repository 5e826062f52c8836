/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading side of the import job (reg-import-pipe.c): a second thread reads the file,
 * finds each row's customer in hash tables filled once per import (or decides on a new one),
 * and hands the rows to the job's thread, which writes them, in chunks through two queues:
 * filled ones to the writer in file order, emptied ones back. At most
 * REG_IMPORT_PIPE_CHUNKS × REG_IMPORT_CHUNK_ROWS rows are in memory whatever the size of the
 * file. The reader and the matcher belong to the reading thread from reg_import_pipe_start()
 * until reg_import_pipe_finish() has joined it. Internal to reg-import-job.c.
 */
#pragma once

#include <gio/gio.h>

#include "reg-import-emails-private.h"
#include "reg-import-job.h"
#include "reg-import-reader.h"

G_BEGIN_DECLS

#define REG_IMPORT_PIPE_CHUNKS 8
#define REG_IMPORT_CHUNK_ROWS 512

/* Customers are named by a number: > 0 a customer of the shop, < 0 the (−n)th new customer of
 * this import, whose id the writing thread learns when it adds the customer. */

/* A reference the batch adds. They are written after the last row, in the order of the
 * references' key (reg_import_new_refs_sort, reg_store_add_customer_refs): written with their
 * rows, between the sales, each lands somewhere else in the index, at about twice the cost
 * (0.5 s instead of 0.25 s for 100,000 new customers). Lookups meanwhile go through
 * RegImportMatcher.by_ref, which has them at once. The array grows with the new customers,
 * never with the rows. */
typedef struct
{
  const char *kind;     /* a string literal */
  const char *source;   /* RegImportMatcher.source or a literal: outlives the array */
  char       *ref;      /* (owned) */
  gint64      customer; /* as above */
  guint       seq;      /* order of remembering: of equal keys the first is kept, as before */
} RegImportNewRef;

typedef struct
{
  /* set by the job before the reading thread starts, then the reading thread's alone */
  const char        *source;        /* (unowned) the import's source */
  const char        *file_name;     /* (unowned) for messages */
  const char        *shop_path;     /* (unowned) read on an own connection for name matching */
  const char        *shop_currency; /* (unowned) */
  RegUnmatchedPolicy unmatched;
  gboolean           bank_like;     /* payer names identify customers (bank statements) */
  GHashTable        *by_ref;        /* (owned) "kind\x1fsource\x1fref" -> customer (gint64 *) */
  GHashTable        *by_email;      /* (owned) lower-case e-mail -> customer; the reading
                                     * thread turns it into emails when it starts */
  RegImportEmails   *emails;        /* (owned) (nullable) the same addresses, looked up per row */
  GHashTable        *by_name_key;   /* (owned) (nullable) name_key -> customer; on first need */
  GHashTable        *by_exact;      /* (owned) (nullable) casefolded name -> customer (payers) */
  GPtrArray         *early_names;   /* (owned) (nullable) names of the new customers until
                                     * the name tables are filled (the shop has them by then) */
  GString           *scratch;       /* (owned) */
  guint              n_new;         /* new customers so far */
  /* the job's again once the reading thread has ended */
  GArray            *new_refs;      /* (owned) RegImportNewRef */
} RegImportMatcher;

/* What the reading thread makes of one result, for the writing thread to carry out. */
typedef struct
{
  RegImportRow   *row;       /* (owned) (nullable) a sale or refund to write, or a row to skip
                              * (kind SKIPPED, the reason in skip_reason) */
  RegImportIssue *issue;     /* (owned) (nullable) a rejected row */
  gint64          customer;  /* the row's customer, as above */
  char           *new_name;  /* (owned) (nullable) the row brings a new customer of this name */
  char           *new_email; /* (owned) (nullable) and e-mail address */
  gint64          similar;   /* the new customer resembles this one (as above), or 0 */
} RegImportItem;

typedef struct
{
  RegImportItem items[REG_IMPORT_CHUNK_ROWS];
  guint         n;
  guint64       bytes_read; /* the reader's position after the last item */
  gboolean      last;       /* nothing follows: the end of the file, an error, or a stop */
  GError       *error;      /* (owned) (nullable) why reading ended early */
} RegImportChunk;

typedef struct
{
  RegImportReader  *reader;      /* (unowned) */
  RegImportMatcher *matcher;     /* (unowned) */
  GCancellable     *cancellable; /* (unowned) (nullable) */
  GAsyncQueue      *full;        /* (owned) RegImportChunk */
  GAsyncQueue      *empty;       /* (owned) RegImportChunk */
  gint              stop;        /* (atomic) the writer has given up: read no further */
  gboolean          ended;       /* writer side: the last chunk has come */
  GThread          *thread;      /* (owned) (nullable) */
} RegImportPipe;

/* The tables of @m, empty (the job fills by_ref and by_email before the thread starts). */
void            reg_import_matcher_init  (RegImportMatcher *m);
/* Frees the lookup tables (the reading thread does when it ends); new_refs stays. */
void            reg_import_matcher_clear (RegImportMatcher *m);
/* Puts new references in the order of their key, the first remembered first among equals. */
void            reg_import_new_refs_sort (GArray           *refs);

void            reg_import_pipe_start    (RegImportPipe    *pipe,
                                          RegImportReader  *reader,
                                          RegImportMatcher *matcher,
                                          GCancellable     *cancellable);
/* The next chunk in file order; hand it back with reg_import_pipe_recycle(). */
RegImportChunk *reg_import_pipe_next     (RegImportPipe    *pipe);
void            reg_import_pipe_recycle  (RegImportPipe    *pipe,
                                          RegImportChunk   *chunk);
/* Stops the reading thread if it is still going, waits for it, and frees every chunk. */
void            reg_import_pipe_finish   (RegImportPipe    *pipe);

G_END_DECLS
