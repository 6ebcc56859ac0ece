#!/usr/bin/env bash
# Installs what the browser test suite (go test ./e2e) needs on a fresh
# Debian machine: Chromium from Debian and the pinned Node tools of e2e/.
# Idempotent and quiet: it does nothing when both are there. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "ci-deps: installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -d e2e/node_modules/axe-core ] || [ ! -x e2e/node_modules/.bin/html-validate ]; then
  echo "ci-deps: npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
