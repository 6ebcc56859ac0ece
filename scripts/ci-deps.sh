#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian (or Ubuntu) machine:
# Chromium from Debian and Node with npm for the browser suite, strace for
# the feedback receiver's sandbox test (cmd/klartext), and the pinned npm
# packages of e2e/ (axe-core, html-validate: e2e/package-lock.json).
# Idempotent and quiet: it does nothing when they are there. The system
# packages need root: as another user it asks sudo, or says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v strace >/dev/null || missing+=(strace)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "ci-deps: missing ${missing[*]}: as root, run apt-get install ${missing[*]} (or run this script as root)" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  echo "ci-deps: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci again whenever the lock file changed since the last install (a
# stamp of its hash in node_modules): a checkout that gained a package
# (Lighthouse) must not run its tests with the old ones.
lock=$(sha256sum e2e/package-lock.json | cut -d' ' -f1)
if [ "$(cat e2e/node_modules/.klartext-lock 2>/dev/null)" != "$lock" ]; then
  echo "ci-deps: npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock" >e2e/node_modules/.klartext-lock
fi
