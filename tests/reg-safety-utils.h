/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the reliability suites (crash, hostile, privacy): running regulars-cli ($REG_CLI)
 * as a child, with its output or in the background to be killed, copying and removing shop
 * files with their -wal, -shm and .backups companions, and reading a shop's whole content
 * (reg_store_dump) to prove an operation left it exactly as it was.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The fixture of the suites that run regulars-cli on a shop: a folder of the test's own, and
 * the shop's path in it (not created). */
typedef struct
{
  char *dir;    /* (owned) */
  char *shop;   /* (owned) */
} RegSafetyShopDir;

void        reg_safety_shop_dir_set_up    (RegSafetyShopDir *f,
                                           gconstpointer     data);
void        reg_safety_shop_dir_tear_down (RegSafetyShopDir *f,
                                           gconstpointer     data);

/* $REG_CLI; the test is skipped (and NULL returned) when it is not set. */
const char *reg_safety_cli_path   (void);

/* The environment for regulars-cli children: LC_ALL=C.UTF-8; after
 * reg_safety_set_fast_children (TRUE), under AddressSanitizer, a small quarantine and no malloc
 * fill (SQLite allocates page buffers per statement: with the defaults a big import is ten times
 * slower, which only stretches the time the crash tests wait for, and finds nothing more). */
char      **reg_safety_child_env  (void);
void        reg_safety_set_fast_children (gboolean fast);

/* Runs regulars-cli --shop SHOP ARGS… (NULL-terminated); returns the exit status, or 128 + the
 * signal when it was killed. @out and @err (nullable) receive its output. */
int         reg_safety_cli        (const char  *shop,
                                   char       **out,
                                   char       **err,
                                   ...) G_GNUC_NULL_TERMINATED;
int         reg_safety_cli_argv   (const char  *shop,
                                   const char *const *args,
                                   char       **out,
                                   char       **err);

/* Starts regulars-cli --shop SHOP ARGS… in the background, output to /dev/null; reap it with
 * reg_safety_kill_after(). */
GPid        reg_safety_cli_start  (const char  *shop,
                                   const char *const *args);

/* Waits @seconds, then kills @pid with SIGKILL. Returns TRUE when the kill landed (the process
 * was still running), FALSE when it had ended by itself (@exit_status gets its status). */
gboolean    reg_safety_kill_after (GPid         pid,
                                   double       seconds,
                                   int         *exit_status);

/* Whether @pid has ended (then it is reaped and @exit_status set); never waits. */
gboolean    reg_safety_reaped     (GPid         pid,
                                   int         *exit_status);

void        reg_safety_copy       (const char  *from,
                                   const char  *to);
/* Removes a shop file, its -wal and -shm, and its .backups folder. */
void        reg_safety_remove_shop (const char *shop);
/* Every row of every table (reg_store_dump), opening with REG_STORE_OPEN_NO_MIGRATE. */
char       *reg_safety_dump       (const char  *shop);
/* A sales CSV (Date,Order,Customer,Email,Amount) with @rows rows and about @rows / 10
 * customers, the same for the same @rows. */
void        reg_safety_write_sales_csv (const char *path,
                                   guint        rows);
/* SHA-256 of a file's bytes. */
char       *reg_safety_file_hash  (const char  *path);

G_END_DECLS
