#!/usr/bin/env bash
# The README's test command. On a fresh Debian (or Ubuntu) machine with Go
# it installs what the tests need (scripts/ci-deps.sh: Chromium, Node and
# npm, strace, the pinned npm packages of e2e/), then runs every test, the
# browser suite included. Arguments go to go test instead of ./...:
#   scripts/test.sh                     every test
#   scripts/test.sh -run TestPages ./e2e
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ci-deps.sh
# Every test means the browser tests too: no skipping them here.
unset KLARTEXT_SKIP_BROWSER
if [ $# -eq 0 ]; then
  # The browser suite alone runs 6 to 9 minutes on two cores; go test's
  # default of 10 minutes per package would cut it off on a busy machine.
  set -- -timeout 25m ./...
fi
echo "== go test $*"
go test "$@"
