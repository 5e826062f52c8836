#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a temporary folder (meson install --destdir) and checks that every
file lands where the desktop looks for it: binaries, desktop file, metainfo, icons, the
GSettings schema and a translation catalogue for every language in po/LINGUAS."""
import os
import subprocess
import sys
import tempfile


def main():
    build_root, source_root, prefix = sys.argv[1], sys.argv[2], sys.argv[3].lstrip('/')
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    with tempfile.TemporaryDirectory() as dest:
        subprocess.run(['meson', 'install', '-C', build_root, '--destdir', dest, '--no-rebuild',
                        '--quiet', '--skip-subprojects'], check=True,
                       stdout=subprocess.DEVNULL)
        root = os.path.join(dest, prefix)
        expected = [
            'bin/regulars',
            'bin/regulars-cli',
            'share/applications/io.github.regulars.Regulars.desktop',
            'share/metainfo/io.github.regulars.Regulars.metainfo.xml',
            'share/icons/hicolor/scalable/apps/io.github.regulars.Regulars.svg',
            'share/icons/hicolor/symbolic/apps/io.github.regulars.Regulars-symbolic.svg',
            'share/glib-2.0/schemas/io.github.regulars.Regulars.gschema.xml',
        ] + [f'share/locale/{lang}/LC_MESSAGES/regulars.mo' for lang in languages]
        missing = [p for p in expected if not os.path.isfile(os.path.join(root, p))]
        for i, path in enumerate(expected, 1):
            status = 'not ok' if path in missing else 'ok'
            print(f'{status} {i} {path}')
        print(f'1..{len(expected)}')
        for p in ('bin/regulars', 'bin/regulars-cli'):
            if p not in missing and not os.access(os.path.join(root, p), os.X_OK):
                print(f'not ok {p} is not executable')
                return 1
        return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
