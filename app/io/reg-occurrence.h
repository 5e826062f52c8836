/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegOccurrence: how many times each content key has been seen so far in one file, so that the
 * 2nd, 3rd, … identical row of a file gets a key of its own (YNAB's rule for bank files): two
 * identical purchases on one day both count, and the same rows downloaded again add nothing.
 * About 16 bytes per distinct row of the file (a table at most three-quarters full of 8-byte
 * keys); the few contents seen more than once are counted beside it. One thread at a time.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RegOccurrence RegOccurrence;

RegOccurrence *reg_occurrence_new  (void);
void           reg_occurrence_free (RegOccurrence *occ);
/* Counts one more row of content @key (any value) and returns its occurrence: 1 the first time. */
guint32        reg_occurrence_next (RegOccurrence *occ,
                                    guint64        key);
/* Asks memory for where @key is counted, for a reg_occurrence_next() soon after. */
void           reg_occurrence_prefetch (RegOccurrence *occ,
                                        guint64        key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegOccurrence, reg_occurrence_free)

G_END_DECLS
