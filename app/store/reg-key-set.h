/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegKeySet: a set of non-zero 64-bit keys (the content keys of sales), 8 bytes a slot. Used by
 * the store while the unique index of content keys waits for the end of a bulk write. No
 * thread affinity; one owner.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RegKeySet RegKeySet;

RegKeySet *reg_key_set_new      (void);
void       reg_key_set_free     (RegKeySet *set);
/* Adds @key (not 0); FALSE when it was in the set already. */
gboolean   reg_key_set_add      (RegKeySet *set, guint64 key);
void       reg_key_set_remove   (RegKeySet *set, guint64 key);
gboolean   reg_key_set_contains (const RegKeySet *set, guint64 key);
gsize      reg_key_set_size     (const RegKeySet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegKeySet, reg_key_set_free)

G_END_DECLS
