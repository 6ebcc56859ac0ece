// Package e2e is klartext's browser test suite: it builds the demo site,
// serves it on 127.0.0.1 and checks what a reader gets in a real Chromium —
// accessibility (axe-core), keyboard use, no requests to other servers, no
// cookies, no console errors, page weight against e2e/budget.json — and
// validates every generated HTML file (html-validate) and XML file.
//
// It needs /usr/bin/chromium and e2e/node_modules (cd e2e && npm ci);
// scripts/ci-deps.sh installs both. Without them the tests skip locally and
// fail when the environment variable CI is set.
//
// The package has no code outside its tests.
package e2e
