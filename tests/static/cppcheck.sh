#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The static-analysis test: cppcheck over app/ with GLib's, SQLite's and POSIX's library
# configurations plus tests/static/glib-extra.cfg, and the documented suppressions in
# tests/static/cppcheck-suppressions.txt. Any finding fails the test. Checks: warning,
# portability, performance (style is left out: hundreds of "unused struct member" reports on
# GObject private structs and scope nits, no bugs). Exits 77 (meson: skipped) without cppcheck.
#   tests/static/cppcheck.sh SOURCE_ROOT
set -eu
if ! command -v cppcheck >/dev/null 2>&1; then
  echo "cppcheck is not installed (apt-get install cppcheck): skipped"
  exit 77
fi
cd "$1"
exec cppcheck --quiet --error-exitcode=1 --inline-suppr -j "$(nproc 2>/dev/null || echo 2)" \
  --std=c11 --enable=warning,portability,performance \
  --library=gnu --library=posix --library=sqlite3 --library=gtk \
  --library=tests/static/glib-extra.cfg \
  --suppressions-list=tests/static/cppcheck-suppressions.txt \
  --suppress=missingIncludeSystem \
  -I app/core -I app/store -I app/io -I app/services -I app/cli -I app/ui \
  --template='{file}:{line}: {severity} ({id}): {message}' \
  app/
