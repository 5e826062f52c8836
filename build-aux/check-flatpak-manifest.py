#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: its structure, that every module's source is pinned (an archive
with a sha256, a git source with a commit, or the project's own directory), and that it grants
no more than the app needs (no network, no home or host file access: files go through portals).

With --expect-refusal TEXT it checks the checker: it succeeds only when the manifest is refused
by the checker's own rules with a message containing TEXT (a crash or another refusal fails)."""
import json
import sys

ALLOWED_FINISH_ARGS = {
    '--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri',
}
FORBIDDEN_PREFIXES = ('--share=network', '--filesystem=', '--socket=session-bus',
                      '--socket=system-bus', '--talk-name=org.freedesktop.Flatpak')
NEEDED_MODULES = {'gsl', 'libxlsxwriter', 'libcsv', 'libofx', 'uchardet', 'regulars'}


class Refused(Exception):
    pass


def fail(msg):
    raise Refused(msg)


def check(path):
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    for key in ('app-id', 'runtime', 'runtime-version', 'sdk', 'command', 'modules', 'finish-args'):
        if key not in manifest:
            fail(f'{path}: "{key}" is missing')
    if manifest['app-id'] != 'io.github.regulars.Regulars':
        fail(f'app-id is {manifest["app-id"]}')
    if manifest['runtime'] != 'org.gnome.Platform' or manifest['sdk'] != 'org.gnome.Sdk':
        fail('the GNOME runtime and SDK are expected')
    for arg in manifest['finish-args']:
        if arg.startswith(FORBIDDEN_PREFIXES):
            fail(f'finish-arg {arg} grants more than the app needs')
        if arg not in ALLOWED_FINISH_ARGS:
            fail(f'finish-arg {arg} is not in the reviewed list')
    names = set()
    for module in manifest['modules']:
        if not isinstance(module, dict) or 'name' not in module or 'sources' not in module:
            fail(f'module without name or sources: {module!r}')
        names.add(module['name'])
        if not module.get('buildsystem'):
            fail(f'module {module["name"]} has no buildsystem')
        for source in module['sources']:
            kind = source.get('type')
            if kind in ('archive', 'file'):
                sha = source.get('sha256', '')
                if len(sha) != 64 or any(c not in '0123456789abcdef' for c in sha):
                    fail(f'module {module["name"]}: source {source.get("url")} is not pinned by sha256')
                if not source.get('url', '').startswith(('http://', 'https://')):
                    fail(f'module {module["name"]}: source has no url')
            elif kind == 'git':
                if len(source.get('commit', '')) != 40:
                    fail(f'module {module["name"]}: git source is not pinned to a commit')
            elif kind == 'dir':
                if module['name'] != 'regulars':
                    fail(f'module {module["name"]}: only the app itself may come from a directory')
            else:
                fail(f'module {module["name"]}: unknown source type {kind}')
    missing = NEEDED_MODULES - names
    if missing:
        fail(f'modules missing: {", ".join(sorted(missing))}')
    if manifest['modules'][-1]['name'] != 'regulars':
        fail('the app must be the last module, built on its libraries')
    print(f'ok: {len(names)} modules, all pinned; finish-args {", ".join(manifest["finish-args"])}')


def main():
    args = sys.argv[1:]
    expected = None
    if len(args) == 3 and args[0] == '--expect-refusal':
        expected, args = args[1], args[2:]
    if len(args) != 1:
        print('usage: check-flatpak-manifest.py [--expect-refusal TEXT] MANIFEST', file=sys.stderr)
        return 2
    try:
        check(args[0])
    except Refused as refusal:
        print(f'refused: {refusal}')
        if expected is None:
            return 1
        if expected in str(refusal):
            print(f'ok: refused as expected ("{expected}")')
            return 0
        print(f'the refusal should have said "{expected}"')
        return 1
    if expected is not None:
        print(f'not refused, though it should have been ("{expected}")')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
