// Package generator is klartext's library. This file is the map; the code
// lives in the packages below, one concern each.
//
// # The pipeline
//
// A build is four stages over plain data, ordered by package build:
//
//  1. load: config reads content/site.yaml; content walks content/, splits
//     front matter (frontmatter) and decodes it per page kind; data reads
//     the generic data files; product reads the product facts; feedback
//     reads the provider settings and the feedback export; theme loads the
//     layouts.
//  2. resolve: build assembles the site model (Site, Node): drafts and
//     future pages filtered, sections, topics, product pages from data,
//     advisors and stories cross-linked, every reference checked; the
//     ```video blocks of the pages that have one resolved (build/video.go:
//     files, captions, posters, transcript pages). Every index is built
//     once, so no page scans all others.
//  3. render: pages render in parallel: markdown (goldmark, links and
//     anchors resolved, ```chart and ```video fences handed back to build),
//     then the layout (theme), then the write.
//  4. write: output writes into a staging folder beside the destination and
//     swaps it in atomically only when no error was reported.
//
// Every stage reports problems into a diag.List (file, line, message, hint)
// instead of stopping; one build shows every error.
//
// build.Session (klartext serve) keeps the last good site model: an edit
// that only changes a page's body re-renders that page into the live
// folder; anything else is a full build. build.Options.DryRun validates
// without writing (klartext check, which adds check.Reports).
//
// Memory: a loaded page keeps what the build needs of its body, the teaser
// and the info words of its fenced blocks (content.Page.Teaser, Fences),
// not the body itself, which is read again when the page renders
// (ReadBody); figures are computed per page while it renders, never held
// for the whole site.
//
// Speed: layouts and partials run as quick programs (theme/internal/quick):
// html/template runs a layout's first page, and the tree it escaped is
// compiled once, with fields found once per type, the escapers (package
// escape), builtins and common functions called directly, not through
// reflection, and calls with literal arguments ({{t "key"}}) made once and
// printed as text; a construct it does not cover makes the layout
// html/template's at compile time, a value it does not cover hands the
// page to html/template, which runs it from the start. What is the same on
// many pages is made once per build — the risk chart per class and holding
// period (build/charts.go), the product charts' options per shape
// (chart.Skeletons), the feedback form with the page's identity filled in
// (build/feedback.go), header, footer, advisor cards and list entries (the
// theme's partialCached) — and figures are written without their template
// (chart.Figure.HTML). Each of these is a named shortcut
// (build/shortcuts.go) that build.Options.Off and klartext build
// --no-shortcut turn off: TestReferenceBuildIsIdentical demands the same
// bytes with all off, TestEachShortcutChangesNothing with each off alone;
// add a new shortcut to the list there. Layouts print values formatted in
// Go (build.ProductText) where a template would call a function per
// figure. Plain front matter and chart blocks are read without yaml.v3
// (frontmatter/plain.go, chart/spec.go), fuzzed against it; files go
// through fileio. klartext build tunes the garbage collector
// (cmd/klartext/gctune.go). klartext build --stats shows time per phase
// and layout, how often html/template ran a layout and the shortcuts
// taken; the benchmarks are in build/bench_test.go, chart and
// scripts/bench.sh.
//
// # Packages
//
//   - diag: diagnostics with file and line; suggest: did-you-mean hints.
//   - config: site settings. content: pages, kinds, URLs, front matter keys.
//   - frontmatter: splitting and decoding front matter (YAML, TOML, JSON).
//   - markdown: goldmark set-up, heading IDs, link resolution, fences.
//   - data: generic data files (CSV, YAML, JSON) for templates.
//   - locale: numbers, money, dates and language names per site language;
//     locale.Primary is the one answer to "which language is this?".
//   - escape: html/template's escaping of plain strings (HTML text,
//     attributes, URLs) for what is printed without a template — quick
//     programs, chart figures, the prepared feedback form — tested and
//     fuzzed against html/template.
//   - product: product facts, PRIIPs validation, cost and scenario figures
//     (pure functions, no HTML).
//   - chart: go-echarts options and the accessible tables of every chart;
//     the product charts' options filled into cached skeletons
//     (chart.Skeletons, the shortcut skeletons).
//   - advisor: business card helpers: E.164 phones, vCard, JSON-LD.
//   - video: the ```video block — a video of the site's own (the
//     browser's player with captions and chapters, the transcript page's
//     body, a drawn poster) or a YouTube/Vimeo placeholder that loads
//     nothing before a click. webvtt: WebVTT caption and chapter files,
//     parsed and checked with file lines (no overlapping, backwards, empty
//     or late cues). mediainfo: a video's length and size from its MP4 or
//     WebM header (bounded, fuzzed). stillframe: a poster frame from ffmpeg
//     when the machine has it (optional, never downloaded).
//   - feedback: provider settings, widgets, CSP origins, the export and its
//     balance.
//   - theme: layouts and lookup, translations, static files. theme/internal/
//     quick: the quick executor — its contract in its package comment —
//     checked against html/template by its tests and fuzz targets (templates
//     and data shapes), and by a test that fails under a Go release whose
//     html/template was not reviewed.
//   - output: staging folder and atomic swap. fileio: reading and writing
//     the build's many small files without os.File's poller registration.
//   - build: the orchestration and the site model; views for templates.
//   - scaffold: klartext new. check: editorial reports and output formats
//     of klartext check.
//   - sitetest: helpers for tests that build whole sites (copy the demo,
//     checksum an output folder).
//   - serve, watch: the development server (safe static files, live
//     reload over server-sent events, the error overlay) and the recursive,
//     debounced file watcher.
//
// Outside generator/: cmd/klartext is the command (build, check, serve,
// new, version); themes/ embeds the default theme; e2e/ is the browser test
// suite (headless Chromium, axe-core, html-validate); scripts/ holds the
// benchmark, fuzz and CI dependency scripts.
//
// # Where to add things
//
//   - A chart type: a builder in chart (input struct in, Figure out, with
//     its table), its name in chart.SpecTypes (the ```chart fence validates
//     against it), and its adapter from product figures in build/charts.go
//     (productFigure, productKinds for the product page). A chart on every
//     product page may also get a chart.Skeletons method: its per-product
//     values as parts with a walk (chart/skeleton.go).
//   - A feedback provider: feedback/settings.go (its keys, required keys and
//     origins for the CSP), feedback/widget.go (its embed attributes), and
//     its loader in themes/klartext/static/js/feedback.js.
//   - A page kind: content.Kind and its front matter keys in content/meta.go,
//     its layout in themes/klartext/layouts/<section>/single.html.
//   - A video format: its extension and media type in video.Formats, its
//     container header in mediainfo (Probe), and the check that a file is
//     what its name says in build/video.go (probe).
package generator
