#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results in meson testlog.json files and prints "N passed, N failed, N skipped".

Usage: count-tests.py [--log NAME] [--suite SUITE …] BUILDDIR [BUILDDIR …]. For each build
directory it reads meson-logs/NAME (testlog.json) and checks it against `meson test --list`
(of those suites): every test meson lists must be in the log (a log left over from an earlier
run, or a run that never started, fails).

A test that speaks TAP counts once per test case ("ok" / "not ok" lines in its output; an
"ok … # SKIP" line is a skip, not a pass); a test that printed no TAP counts once by its result.
A TAP test whose program failed (crash, sanitizer report, "Bail out!") counts one failure more
than its "not ok" lines. Expected failures are not used here: a test that checks a refusal
checks the refusal's message itself. Exit status 1 when anything failed or nothing passed."""
import json
import re
import subprocess
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$', re.MULTILINE)
SKIP = re.compile(r'#\s*skip', re.IGNORECASE)
GOOD = ('OK', 'SKIP')


def listed_tests(builddir, suites):
    command = ['meson', 'test', '-C', builddir, '--list']
    for suite in suites:
        command += ['--suite', suite]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    # "regulars:core / core-bgnbd", as the log names them
    return {line.strip() for line in out.splitlines() if ' / ' in line}


def count(builddir, log_name, suites):
    passed = failed = skipped = 0
    seen = set()
    with open(f'{builddir}/meson-logs/{log_name}', encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            seen.add(test.get('name'))
            result = test.get('result')
            cases = TAP_LINE.findall(test.get('stdout') or '')
            if cases:
                bad = sum(1 for verdict, _ in cases if verdict == 'not ok')
                skips = sum(1 for verdict, rest in cases if verdict == 'ok' and SKIP.search(rest))
                passed += len(cases) - bad - skips
                skipped += skips
                failed += bad
                if result not in GOOD and bad == 0:
                    print(f'{builddir}: {test.get("name")}: {result} after its cases',
                          file=sys.stderr)
                    failed += 1
            elif result == 'OK':
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                print(f'{builddir}: {test.get("name")}: {result}', file=sys.stderr)
                failed += 1
    missing = sorted(listed_tests(builddir, suites) - seen)
    for name in missing:
        print(f'{builddir}: {name}: not run (missing from the log)', file=sys.stderr)
    failed += len(missing)
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    args = sys.argv[1:]
    log_name, suites, builddirs = 'testlog.json', [], []
    while args:
        arg = args.pop(0)
        if arg == '--log':
            log_name = args.pop(0)
        elif arg == '--suite':
            suites.append(args.pop(0))
        else:
            builddirs.append(arg)
    for builddir in builddirs:
        try:
            p, f, s = count(builddir, log_name, suites)
        except (FileNotFoundError, subprocess.CalledProcessError) as error:
            print(f'{builddir}: no test log ({error}): the build or the test run failed',
                  file=sys.stderr)
            p, f, s = 0, 1, 0
        print(f'{builddir}: {p} passed, {f} failed, {s} skipped', file=sys.stderr, flush=True)
        passed += p
        failed += f
        skipped += s
    # the last line, which CI reads
    print(f'{passed} passed, {failed} failed, {skipped} skipped', flush=True)
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
