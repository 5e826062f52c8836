/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegOccurrence (reg-occurrence.h): the keys seen sit in a ClvKeySet of 8 bytes a slot; the
 * counts of the few contents seen more than once sit in a hash table beside it. A file of a
 * million rows takes 16 MB, not 40 as a GHashTable of boxed keys would.
 */
#include "clv-key-set.h"
#include "reg-occurrence.h"

struct _RegOccurrence
{
  ClvKeySet  *seen;     /* (owned) every key seen */
  GHashTable *repeats;  /* (owned) guint64 key -> its count so far (>= 2) */
};

RegOccurrence *
reg_occurrence_new (void)
{
  RegOccurrence *occ = g_new0 (RegOccurrence, 1);

  occ->seen = clv_key_set_new ();
  occ->repeats = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return occ;
}

void
reg_occurrence_free (RegOccurrence *occ)
{
  if (occ == NULL)
    return;
  clv_key_set_free (occ->seen);
  g_hash_table_unref (occ->repeats);
  g_free (occ);
}

void
reg_occurrence_prefetch (RegOccurrence *occ, guint64 key)
{
  clv_key_set_prefetch (occ->seen, key != 0 ? key : 1);
}

guint32
reg_occurrence_next (RegOccurrence *occ, guint64 key)
{
  gpointer count;
  guint32 n;

  /* the set keeps no 0: the key 0 is counted as 1 (two contents among 2^64 share a count,
   * which only numbers their occurrences together) */
  if (key == 0)
    key = 1;
  if (clv_key_set_add (occ->seen, key))
    return 1;
  count = g_hash_table_lookup (occ->repeats, &key);
  n = count != NULL ? GPOINTER_TO_UINT (count) : 1;
  /* a file of four billion identical rows keeps the last count */
  if (n < G_MAXUINT32)
    n++;
  if (count != NULL)
    g_hash_table_replace (occ->repeats, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n));
  else
    g_hash_table_insert (occ->repeats, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n));
  return n;
}
