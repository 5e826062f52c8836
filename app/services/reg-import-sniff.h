/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A first look at a file before importing it (`regulars-cli import sniff`): the fronts ask the
 * services, which ask the sniffer of app/io. The result is plain data owned by the caller.
 */
#pragma once

#include "reg-sniffer.h"

G_BEGIN_DECLS

RegSniffResult *reg_import_sniff (const char  *path,
                                  GError     **error);

G_END_DECLS
