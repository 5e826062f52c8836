/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegImportEmails (reg-import-emails-private.h): open addressing with linear probing, at most
 * half full, so that a lookup almost always ends at its first slot.
 */
#include <string.h>

#include "reg-import-emails-private.h"

/* A slot is one cache line: an address shorter than INLINE_BYTES (almost all are) is compared
 * where the slot is, without a second read elsewhere in memory. */
#define INLINE_BYTES 36

typedef struct
{
  guint64     hash;
  gint64      customer;
  const char *long_email;        /* (nullable) in RegImportEmails.text, for a longer address */
  guint32     used;
  char        key[INLINE_BYTES]; /* the address when it fits, NUL-terminated */
} Slot;

G_STATIC_ASSERT (sizeof (Slot) == 64);

struct _RegImportEmails
{
  Slot         *slots;
  gsize         mask;   /* slots - 1; slots a power of two */
  gsize         used;
  GStringChunk *text;   /* the longer addresses, freed at once */
};

/* Eight bytes at a time, then mixed (the low bits pick the slot). */
static inline guint64
hash_of (const char *s, gsize len)
{
  guint64 h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  gsize i;

  for (i = 0; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, s + i, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  if (i < len)
    {
      guint64 w = 0;

      memcpy (&w, s + i, len - i);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return h;
}

static inline gboolean
slot_holds (const Slot *slot, const char *email)
{
  return strcmp (slot->long_email != NULL ? slot->long_email : slot->key, email) == 0;
}

static Slot *
find_slot (const RegImportEmails *emails, const char *email, guint64 hash)
{
  gsize i;

  for (i = hash & emails->mask; emails->slots[i].used; i = (i + 1) & emails->mask)
    if (emails->slots[i].hash == hash && slot_holds (&emails->slots[i], email))
      break;
  return &emails->slots[i];
}

static void
grow (RegImportEmails *emails)
{
  Slot *old = emails->slots;
  gsize n = emails->mask + 1;

  emails->mask = n * 2 - 1;
  emails->slots = g_aligned_alloc0 (n * 2, sizeof (Slot), 64);
  for (gsize i = 0; i < n; i++)
    if (old[i].used)
      {
        gsize j = old[i].hash & emails->mask;

        while (emails->slots[j].used)
          j = (j + 1) & emails->mask;
        emails->slots[j] = old[i];
      }
  g_aligned_free (old);
}

RegImportEmails *
reg_import_emails_new (GHashTable *by_email)
{
  RegImportEmails *emails = g_new0 (RegImportEmails, 1);
  gsize n = 1024;
  GHashTableIter it;
  gpointer k, v;

  while (n < 2 * (gsize) g_hash_table_size (by_email) + 2)
    n *= 2;
  emails->slots = g_aligned_alloc0 (n, sizeof (Slot), 64);
  emails->mask = n - 1;
  emails->text = g_string_chunk_new (64 * 1024);
  g_hash_table_iter_init (&it, by_email);
  while (g_hash_table_iter_next (&it, &k, &v))
    reg_import_emails_insert (emails, k, *(gint64 *) v);
  return emails;
}

void
reg_import_emails_free (RegImportEmails *emails)
{
  if (emails == NULL)
    return;
  g_aligned_free (emails->slots);
  g_string_chunk_free (emails->text);
  g_free (emails);
}

gint64
reg_import_emails_lookup (RegImportEmails *emails, const char *email)
{
  Slot *slot = find_slot (emails, email, hash_of (email, strlen (email)));

  return slot->used ? slot->customer : 0;
}

void
reg_import_emails_prefetch (RegImportEmails *emails, const char *email)
{
  __builtin_prefetch (&emails->slots[hash_of (email, strlen (email)) & emails->mask]);
}

void
reg_import_emails_insert (RegImportEmails *emails, const char *email, gint64 customer)
{
  gsize len = strlen (email);
  guint64 hash = hash_of (email, len);
  Slot *slot = find_slot (emails, email, hash);

  if (!slot->used)
    {
      if ((emails->used + 1) * 2 > emails->mask + 1)
        {
          grow (emails);
          slot = find_slot (emails, email, hash);
        }
      slot->hash = hash;
      slot->used = 1;
      if (len < INLINE_BYTES)
        memcpy (slot->key, email, len + 1);
      else
        slot->long_email = g_string_chunk_insert (emails->text, email);
      emails->used++;
    }
  slot->customer = customer;
}

guint
reg_import_emails_size (RegImportEmails *emails)
{
  return (guint) emails->used;
}
