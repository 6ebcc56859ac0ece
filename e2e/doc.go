// Package e2e is klartext's browser test suite: it builds the demo site,
// serves it on 127.0.0.1 and checks what a reader gets in a real Chromium —
// accessibility (axe-core), keyboard use, no requests to other servers, no
// cookies, no console errors, page weight against e2e/budget.json — and
// validates every generated HTML file (html-validate) and XML file.
//
// It needs /usr/bin/chromium and e2e/node_modules (cd e2e && npm ci);
// scripts/test.sh installs both and runs every test. Without them the
// package fails in one line saying so, unless KLARTEXT_SKIP_BROWSER is set
// (never in CI): go test ./... shows a passing package as a bare "ok", so
// a skipped suite must not pass silently.
//
// The package has no code outside its tests; the page checks are
// generator/browsercheck, which klartext check --browser runs too.
package e2e
