/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The e-mail addresses an import matches its rows against (lower-case address -> customer, as
 * in RegImportMatcher), looked up once per row. A GHashTable of boxed ids reads five places in
 * memory per lookup (hash, key pointer, key, value pointer, the boxed id); here a slot holds
 * the address's 64-bit hash, the id and the address itself (a longer one is kept aside), so a
 * lookup reads one cache line. One owner, no thread affinity.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RegImportEmails RegImportEmails;

/* The addresses of @by_email (lower-case address -> gint64 *), copied. */
RegImportEmails *reg_import_emails_new    (GHashTable       *by_email);
void             reg_import_emails_free   (RegImportEmails  *emails);
/* The customer of @email (already lower-case), or 0 when it has none. */
gint64           reg_import_emails_lookup (RegImportEmails  *emails,
                                           const char       *email);
/* Asks memory for the place of @email, which a lookup soon after then finds at hand. */
void             reg_import_emails_prefetch (RegImportEmails *emails,
                                           const char       *email);
/* @email (lower-case) is @customer's from now on. */
void             reg_import_emails_insert (RegImportEmails  *emails,
                                           const char       *email,
                                           gint64            customer);
guint            reg_import_emails_size   (RegImportEmails  *emails);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegImportEmails, reg_import_emails_free)

G_END_DECLS
