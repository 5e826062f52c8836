/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegKeySet (reg-key-set.h): open addressing with linear probing, 0 marks a free slot, at most
 * three quarters full. A million keys take 16 MB, a fifth of a GHashTable of boxed keys.
 */
#include "reg-key-set.h"

struct _RegKeySet
{
  guint64 *keys;   /* 0: the slot is free */
  gsize    mask;   /* slots - 1; slots a power of two */
  gsize    used;
};

#define INITIAL_SLOTS 1024

RegKeySet *
reg_key_set_new (void)
{
  RegKeySet *set = g_new0 (RegKeySet, 1);

  set->keys = g_new0 (guint64, INITIAL_SLOTS);
  set->mask = INITIAL_SLOTS - 1;
  return set;
}

void
reg_key_set_free (RegKeySet *set)
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
grow (RegKeySet *set)
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
reg_key_set_add (RegKeySet *set, guint64 key)
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
reg_key_set_remove (RegKeySet *set, guint64 key)
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
reg_key_set_contains (const RegKeySet *set, guint64 key)
{
  for (gsize s = slot_of (key, set->mask); set->keys[s] != 0; s = (s + 1) & set->mask)
    if (set->keys[s] == key)
      return TRUE;
  return FALSE;
}

gsize
reg_key_set_size (const RegKeySet *set)
{
  return set->used;
}
