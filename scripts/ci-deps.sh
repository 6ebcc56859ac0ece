#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Chromium from
# Debian and the pinned Node tools of e2e/ for the browser suite, strace
# for the feedback receiver's sandbox test (cmd/klartext).
# Idempotent and quiet: it does nothing when they are there. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v strace >/dev/null || missing+=(strace)
if [ ${#missing[@]} -gt 0 ]; then
  echo "ci-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d e2e/node_modules/axe-core ] || [ ! -x e2e/node_modules/.bin/html-validate ]; then
  echo "ci-deps: npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
