/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegOccurrence (reg-occurrence.h): linear probing over two arrays, keys and counts; a count
 * of 0 marks a free slot, so every key value, 0 included, can be stored.
 */
#include "reg-occurrence.h"

struct _RegOccurrence
{
  guint64 *keys;
  guint32 *counts;   /* 0: the slot is free */
  gsize    mask;     /* slots - 1, a power of two minus one */
  gsize    used;
};

#define INITIAL_SLOTS 1024

RegOccurrence *
reg_occurrence_new (void)
{
  RegOccurrence *occ = g_new0 (RegOccurrence, 1);

  occ->keys = g_new (guint64, INITIAL_SLOTS);
  occ->counts = g_new0 (guint32, INITIAL_SLOTS);
  occ->mask = INITIAL_SLOTS - 1;
  return occ;
}

void
reg_occurrence_free (RegOccurrence *occ)
{
  if (occ == NULL)
    return;
  g_free (occ->keys);
  g_free (occ->counts);
  g_free (occ);
}

/* The keys are hashes already, but their low bits may be poor: mixed once more (splitmix64). */
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
  guint32 *counts = occ->counts;

  occ->keys = g_new (guint64, slots);
  occ->counts = g_new0 (guint32, slots);
  occ->mask = slots - 1;
  for (gsize i = 0; i < old_slots; i++)
    if (counts[i] != 0)
      {
        gsize s = slot_of (keys[i], occ->mask);
        while (occ->counts[s] != 0)
          s = (s + 1) & occ->mask;
        occ->keys[s] = keys[i];
        occ->counts[s] = counts[i];
      }
  g_free (keys);
  g_free (counts);
}

guint32
reg_occurrence_next (RegOccurrence *occ, guint64 key)
{
  gsize s;

  if ((occ->used + 1) * 4 > (occ->mask + 1) * 3)
    grow (occ);
  for (s = slot_of (key, occ->mask); occ->counts[s] != 0; s = (s + 1) & occ->mask)
    if (occ->keys[s] == key)
      {
        /* a file of four billion identical rows keeps the last count */
        if (occ->counts[s] < G_MAXUINT32)
          occ->counts[s]++;
        return occ->counts[s];
      }
  occ->keys[s] = key;
  occ->counts[s] = 1;
  occ->used++;
  return 1;
}
