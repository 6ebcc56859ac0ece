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
//     advisors and stories cross-linked, every reference checked. Every
//     index is built once, so no page scans all others.
//  3. render: first the images (build/images.go, imaging): each image of
//     content/ read once, published without metadata, the advisor photos
//     made; then the pages, in parallel: markdown (goldmark, links and
//     anchors resolved, ```chart and ```video fences and images of the
//     site handed back to build, which makes their sizes once per build),
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
// Speed: layouts and partials run as quick programs (theme/exec.go): the
// escaped parse tree compiled once, with fields found once per type and the
// escapers, builtins and common functions called directly, not through
// reflection; a value or construct it does not cover hands the page to
// html/template, which runs it from the start. What is the same on many
// pages is made once per build — the risk chart per class and holding
// period (build/charts.go), the product charts' options per shape
// (chart.Skeletons), the feedback form with the page's identity filled in
// (build/feedback.go), translations folded into the escaped layouts
// (theme/fold.go), header, footer, advisor cards and list entries (the
// theme's partialCached). The quick programs, the first three and the
// folding are off with build.Options.Reference, and
// TestReferenceBuildIsIdentical demands the same bytes both ways; add a
// new shortcut there. Layouts print values formatted in Go
// (build.ProductText) where a template would call a function per figure.
// Plain front matter and chart blocks are read without yaml.v3
// (frontmatter/plain.go, chart/spec.go), fuzzed against it; files go
// through fileio. klartext build tunes the garbage collector
// (cmd/klartext/gctune.go). klartext build --stats shows time per phase
// and layout, and how often html/template ran a layout; the benchmarks are
// in build/bench_test.go, chart and scripts/bench.sh.
//
// # Packages
//
//   - diag: diagnostics with file and line; suggest: did-you-mean hints.
//   - config: site settings. content: pages, kinds, URLs, front matter keys.
//   - frontmatter: splitting and decoding front matter (YAML, TOML, JSON).
//   - markdown: goldmark set-up, heading IDs, link resolution, fences.
//   - data: generic data files (CSV, YAML, JSON) for templates.
//   - locale: numbers, money, dates and language names per site language.
//   - product: product facts, PRIIPs validation, cost and scenario figures
//     (pure functions, no HTML).
//   - chart: go-echarts options and the accessible tables of every chart;
//     the product charts' options filled into cached skeletons
//     (chart.Skeletons, off in a reference build).
//   - advisor: business card helpers: E.164 phones, vCard, JSON-LD.
//   - video: the ```video block and its privacy-friendly placeholder.
//   - imaging: the image domain: formats by their bytes, metadata removed
//     by segment surgery (JPEG, PNG, WebP, GIF), decoding within a pixel
//     limit, orientation, focal-point crops, resizing, WebP/JPEG/PNG
//     encoding, and the content-addressed cache in <site>/.klartext-cache/
//     that build, check and serve share (imaging.Publisher); imagetest
//     writes fixtures with every kind of metadata.
//   - feedback: provider settings, widgets, CSP origins, the export and its
//     balance.
//   - theme: layouts and lookup, translations, static files; quick
//     execution of escaped layouts (exec.go), checked against html/template
//     by exec_test.go and its fuzz target.
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
// benchmark, fuzz and CI dependency scripts, and scripts/portraits, which
// draws the demo's photos.
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
//   - An image size: an imaging.Use (kind, display sizes) made in
//     build/images.go (advisorPhoto, markdownImage show how); the widths
//     it publishes are imaging.Widths, the files imaging.Plan.
package generator
