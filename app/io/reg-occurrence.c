/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegOccurrence (reg-occurrence.h): the keys seen once sit in an open-addressing table of 8
 * bytes a slot (linear probing, 0 marks a free slot); the counts of the few contents seen more
 * than once sit in a hash table beside it. A file of a million rows takes 16 MB, not 40 as a
 * GHashTable of boxed keys would.
 */
#include "reg-occurrence.h"

struct _RegOccurrence
{
  guint64    *keys;     /* 0: the slot is free */
  gsize       mask;     /* slots - 1, a power of two minus one */
  gsize       used;
  GHashTable *repeats;  /* (owned) guint64 key -> its count so far (>= 2) */
};

#define INITIAL_SLOTS 1024

RegOccurrence *
reg_occurrence_new (void)
{
  RegOccurrence *occ = g_new0 (RegOccurrence, 1);

  occ->keys = g_new0 (guint64, INITIAL_SLOTS);
  occ->mask = INITIAL_SLOTS - 1;
  occ->repeats = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return occ;
}

void
reg_occurrence_free (RegOccurrence *occ)
{
  if (occ == NULL)
    return;
  g_free (occ->keys);
  g_hash_table_unref (occ->repeats);
  g_free (occ);
}

/* The keys are hashes already, but their low bits may be poor: mixed once more. */
static inline gsize
slot_of (guint64 key, gsize mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

static void
grow (RegOccurrence *occ)
{
  gsize old_slots = occ->mask + 1, slots = old_slots * 2;
  guint64 *keys = occ->keys;

  occ->keys = g_new0 (guint64, slots);
  occ->mask = slots - 1;
  for (gsize i = 0; i < old_slots; i++)
    if (keys[i] != 0)
      {
        gsize s = slot_of (keys[i], occ->mask);
        while (occ->keys[s] != 0)
          s = (s + 1) & occ->mask;
        occ->keys[s] = keys[i];
      }
  g_free (keys);
}

guint32
reg_occurrence_next (RegOccurrence *occ, guint64 key)
{
  gsize s;

  /* 0 marks a free slot: the key 0 is counted as 1 (two contents among 2^64 share a count,
   * which only numbers their occurrences together) */
  if (key == 0)
    key = 1;
  if ((occ->used + 1) * 4 > (occ->mask + 1) * 3)
    grow (occ);
  for (s = slot_of (key, occ->mask); occ->keys[s] != 0; s = (s + 1) & occ->mask)
    if (occ->keys[s] == key)
      {
        gpointer count = g_hash_table_lookup (occ->repeats, &key);
        guint32 n = count != NULL ? GPOINTER_TO_UINT (count) : 1;

        /* a file of four billion identical rows keeps the last count */
        if (n < G_MAXUINT32)
          n++;
        if (count != NULL)
          g_hash_table_replace (occ->repeats, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n));
        else
          g_hash_table_insert (occ->repeats, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n));
        return n;
      }
  occ->keys[s] = key;
  occ->used++;
  return 1;
}
