/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the regulars-cli test programs share: a temporary shop per test, running the CLI as a
 * subprocess (path in $REG_CLI) with its exit status and output, and parsing its JSON.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *shop;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void      run_clear        (Run *r);
/* Runs regulars-cli --shop SHOP args… (NULL-terminated) */
void      cli              (Fixture *f, Run *r, ...) G_GNUC_NULL_TERMINATED;
void      fixture_setup    (Fixture *f, gconstpointer data);
void      fixture_teardown (Fixture *f, gconstpointer data);
JsonNode *parse_json       (const char *text);
/* A new USD shop (en_US) holding the CDNOW sample's purchase log, imported by the CLI. */
void      cli_import_cdnow (Fixture *f);

G_END_DECLS
