#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Regulars needs that are missing. Sourced by build-aux/run,
# build-aux/test and build-aux/bench; `install_deps build|test` picks the list.

BUILD_PACKAGES=(
  gcc pkg-config meson ninja-build python3 gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libxlsxwriter-dev libgsl-dev libcsv-dev libofx-dev libxml2-dev libuchardet-dev
  libjson-glib-dev desktop-file-utils appstream sqlite3
)
# what the tests and the screenshots need besides: a headless X server, the checks of written
# files (LibreOffice, poppler, unzip), German for the locale tests
TEST_PACKAGES=(
  xvfb xauth dbus-x11 imagemagick poppler-utils libxml2-utils unzip locales fonts-wqy-microhei
  libreoffice-calc-nogui
)

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
  [ "${1:-build}" = test ] && wanted+=("${TEST_PACKAGES[@]}")
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
  if [ "${1:-build}" = test ] && ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    if [ "$(id -u)" -eq 0 ]; then
      sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
      grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
      locale-gen >/dev/null
    fi
  fi
}
