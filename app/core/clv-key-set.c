/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClvKeySet (clv-key-set.h): open addressing with linear probing, 0 marks a free slot, at most
 * three quarters full. A million keys take 16 MB, a fifth of a GHashTable of boxed keys.
 */
#include "clv-key-set.h"

struct _ClvKeySet
{
  guint64 *keys;   /* 0: the slot is free */
  gsize    mask;   /* slots - 1; slots a power of two */
  gsize    used;
};

#define INITIAL_SLOTS 1024

ClvKeySet *
clv_key_set_new (void)
{
  ClvKeySet *set = g_new0 (ClvKeySet, 1);

  set->keys = g_new0 (guint64, INITIAL_SLOTS);
  set->mask = INITIAL_SLOTS - 1;
  return set;
}

void
clv_key_set_free (ClvKeySet *set)
{
  if (set == NULL)
    return;
  g_free (set->keys);
  g_free (set);
}

/* The keys are hashes already, but nothing promises good low bits: mixed once more. */
static inline gsize
slot_of (guint64 key, gsize mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

static void
grow (ClvKeySet *set)
{
  gsize old_slots = set->mask + 1;
  guint64 *old = set->keys;

  set->mask = old_slots * 2 - 1;
  set->keys = g_new0 (guint64, old_slots * 2);
  for (gsize i = 0; i < old_slots; i++)
    if (old[i] != 0)
      {
        gsize s = slot_of (old[i], set->mask);

        while (set->keys[s] != 0)
          s = (s + 1) & set->mask;
        set->keys[s] = old[i];
      }
  g_free (old);
}

gboolean
clv_key_set_add (ClvKeySet *set, guint64 key)
{
  gsize s;

  g_return_val_if_fail (key != 0, FALSE);
  if ((set->used + 1) * 4 > (set->mask + 1) * 3)
    grow (set);
  for (s = slot_of (key, set->mask); set->keys[s] != 0; s = (s + 1) & set->mask)
    if (set->keys[s] == key)
      return FALSE;
  set->keys[s] = key;
  set->used++;
  return TRUE;
}

void
clv_key_set_remove (ClvKeySet *set, guint64 key)
{
  gsize s, next;

  for (s = slot_of (key, set->mask); set->keys[s] != key; s = (s + 1) & set->mask)
    if (set->keys[s] == 0)
      return;
  /* the keys after it in its run move up where their own slot allows: no tombstones */
  for (next = (s + 1) & set->mask; set->keys[next] != 0; next = (next + 1) & set->mask)
    {
      gsize home = slot_of (set->keys[next], set->mask);

      /* @next may fill the hole at @s when its home is not in (s, next] (cyclically) */
      if (((next - home) & set->mask) >= ((next - s) & set->mask))
        {
          set->keys[s] = set->keys[next];
          s = next;
        }
    }
  set->keys[s] = 0;
  set->used--;
}

gboolean
clv_key_set_contains (const ClvKeySet *set, guint64 key)
{
  for (gsize s = slot_of (key, set->mask); set->keys[s] != 0; s = (s + 1) & set->mask)
    if (set->keys[s] == key)
      return TRUE;
  return FALSE;
}

void
clv_key_set_prefetch (const ClvKeySet *set, guint64 key)
{
  __builtin_prefetch (&set->keys[slot_of (key, set->mask)]);
}

gsize
clv_key_set_size (const ClvKeySet *set)
{
  return set->used;
}
