#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results in meson testlog.json files and prints "N passed, N failed".

A test that speaks TAP counts once per test case ("ok" / "not ok" lines in its output); a test
that printed no TAP counts once by its result. Skipped cases count as passed. A TAP test whose
program failed (crash, sanitizer report) counts one failure more than its "not ok" lines.
Exit status 1 when anything failed or no test ran."""
import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b', re.MULTILINE)


def count(path):
    passed = failed = 0
    with open(path, encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            result = test.get('result')
            if result == 'EXPECTEDFAIL':
                # a check that must refuse bad input did refuse it
                passed += 1
                continue
            cases = TAP_LINE.findall(test.get('stdout') or '')
            if cases:
                bad = sum(1 for c in cases if c == 'not ok')
                passed += len(cases) - bad
                failed += bad
                if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and bad == 0:
                    failed += 1
            elif result in ('OK', 'SKIP', 'EXPECTEDFAIL'):
                passed += 1
            else:
                failed += 1
    return passed, failed


def main():
    passed = failed = 0
    for path in sys.argv[1:]:
        try:
            p, f = count(path)
        except FileNotFoundError:
            print(f'{path}: missing (the build failed)', file=sys.stderr)
            p, f = 0, 1
        print(f'{path}: {p} passed, {f} failed', file=sys.stderr)
        passed += p
        failed += f
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
