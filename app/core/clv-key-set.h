/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClvKeySet: a set of non-zero 64-bit keys (such as the content keys of sales), 8 bytes a slot:
 * a million keys take 16 MB, a fifth of a GHashTable of boxed keys. No thread affinity; one
 * owner.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ClvKeySet ClvKeySet;

ClvKeySet *clv_key_set_new      (void);
void       clv_key_set_free     (ClvKeySet *set);
/* Adds @key (not 0); FALSE when it was in the set already. */
gboolean   clv_key_set_add      (ClvKeySet *set, guint64 key);
void       clv_key_set_remove   (ClvKeySet *set, guint64 key);
gboolean   clv_key_set_contains (const ClvKeySet *set, guint64 key);
/* Asks memory for the slot of @key ahead of an add or lookup (the set is much larger than the
 * CPU's caches once it holds a million keys); changes nothing. */
void       clv_key_set_prefetch (const ClvKeySet *set, guint64 key);
gsize      clv_key_set_size     (const ClvKeySet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClvKeySet, clv_key_set_free)

G_END_DECLS
