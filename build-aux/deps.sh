#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Regulars needs that are missing. Sourced by build-aux/run,
# build-aux/test, build-aux/bench, build-aux/fuzz and build-aux/valgrind;
# `install_deps build|test|fuzz|valgrind` picks the list.

BUILD_PACKAGES=(
  gcc pkg-config meson ninja-build python3 gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libxlsxwriter-dev libgsl-dev libcsv-dev libofx-dev libxml2-dev libuchardet-dev
  libjson-glib-dev desktop-file-utils appstream sqlite3
)
# what the tests and the screenshots need besides: a headless X server, the checks of written
# files (LibreOffice, poppler, unzip), the fonts tests/fonts.conf names, German for the locale
# tests, cppcheck for the static-analysis test
TEST_PACKAGES=(
  xvfb xauth dbus-x11 imagemagick poppler-utils libxml2-utils unzip locales fonts-dejavu-core
  fonts-wqy-microhei libreoffice-calc-nogui cppcheck
)
# build-aux/fuzz: clang with libFuzzer and the sanitizer runtimes
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# build-aux/valgrind: memcheck over the non-GUI suites
VALGRIND_PACKAGES=(valgrind)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$pkg"
    fi
  done
}

install_deps() {
  local -a wanted=("${BUILD_PACKAGES[@]}")
  case "${1:-build}" in
    test) wanted+=("${TEST_PACKAGES[@]}") ;;
    fuzz) wanted+=("${FUZZ_PACKAGES[@]}") ;;
    valgrind) wanted+=("${TEST_PACKAGES[@]}" "${VALGRIND_PACKAGES[@]}") ;;
  esac
  local -a missing
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "Missing Debian packages: ${missing[*]}" >&2
      echo "Install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
    echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # German for number and date formats, Turkish for case folding that must not follow the
  # locale (dotless ı: "APRIL" is not "aprıl")
  if { [ "${1:-build}" = test ] || [ "${1:-build}" = valgrind ]; } \
     && ! { locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' \
            && locale -a 2>/dev/null | grep -qi '^tr_TR\.utf-\?8$'; }; then
    if [ "$(id -u)" -eq 0 ]; then
      for loc in de_DE tr_TR; do
        sed -i "s/^# *$loc.UTF-8 UTF-8/$loc.UTF-8 UTF-8/" /etc/locale.gen
        grep -q "^$loc.UTF-8 UTF-8" /etc/locale.gen || echo "$loc.UTF-8 UTF-8" >> /etc/locale.gen
      done
      locale-gen >/dev/null
    fi
  fi
}
