// Package generator is klartext's library. This file is the map; the code
// lives in the packages below, one concern each.
//
// # The pipeline
//
// A build is four stages over plain data, ordered by package build:
//
//  1. load: config reads content/site.yaml; content walks content/, splits
//     front matter (frontmatter) and decodes it per page kind; product
//     reads the product facts from the data files that are product sources
//     (EPT files, the bank's export and its mapping file, products/*.yaml;
//     product.LoadFiles says which) and data the rest, the generic data
//     files for templates; feedback reads the provider settings and the
//     feedback export; theme loads the layouts.
//  2. resolve: build assembles the site model (Site, Node): drafts and
//     future pages filtered, sections, topics, product pages from data,
//     advisors and stories cross-linked, every reference checked; the
//     ```video blocks of the pages that have one resolved (build/video.go:
//     files, captions, posters, transcript pages). Every index is built
//     once, so no page scans all others.
//  3. render: first the images (build/images.go, imaging): each image of
//     content/ read once, published without metadata, the advisor photos
//     made; then the pages, in parallel: markdown (goldmark, links and
//     anchors resolved, ```chart and ```video fences and images of the
//     site handed back to build, which makes their sizes once per build),
//     then the layout (theme), then the write; each page's plain text,
//     headings and facets then go to the search index (build/search.go,
//     the build's only hook into search/), written after the last page.
//  4. write: output writes into a staging folder beside the destination and
//     swaps it in atomically only when no error was reported.
//
// Trust boundaries. Every file of the site is read through fileio: Scan
// walks content/ and the site's theme folder once and lists what may be
// read (links only to files inside that folder, no special files),
// Files.ReadFile is the one reader (bounded, never blocking, not
// following a link the scan did not check), and theme reads the site's
// folder as Files.Sub. Every output path is registered in an
// output.Registry before anything is written, in build/claims.go
// (claimOutputs: pages, vCards, list pages, then build/outputs.go's
// generatedFiles and the content assets); a path's second owner, as a
// web host compares paths (output.Key), is an error naming both, and
// renderer.write refuses a path nobody claimed — a new kind of output
// file is claimed there. Active content in content/ (package active) is
// published only when site.yaml's allow_raw names it (build/rawfiles.go).
//
// Every stage reports problems into a diag.List (file, line, message, hint)
// instead of stopping; one build shows every error. A watchdog
// (build/watchdog.go) gives up on a page that renders longer than the page
// budget and names it.
//
// build.Session (klartext serve) keeps the last good site model: an edit
// that only changes a page's body re-renders that page into the live
// folder, and updates the search index, writing only the files the page
// touched (index.Update, index.Changed); anything else is a full build. build.Options.DryRun validates
// without writing (klartext check, which adds check.Reports).
//
// Memory: a loaded page keeps what the build needs of its body, the teaser
// and the info words of its fenced blocks (content.Page.Teaser, Fences),
// not the body itself, which is read again when the page renders
// (ReadBody); a product page's figures are computed once while it renders
// (product.Compute into PageView.ProductFigures) and every table, chart,
// text and prose chart of the page uses that one value, never held for
// the whole site.
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
//   - diag: diagnostics with file and line, printed on one line
//     (EscapeText); suggest: did-you-mean hints.
//   - grammar: the grammars of values that reach a browser's policy, a link,
//     a mail program: CSP sources and policies, web addresses (https, http
//     to loopback), e-mail addresses, RFC 3986 percent-encoding. Settings and
//     front matter readers call them; their errors become diagnostics.
//   - config: site settings (baseurl.go: the base URL's one check, and the
//     command line's --baseURL override). content: pages, kinds, URLs,
//     front matter keys.
//   - frontmatter: splitting and decoding front matter (YAML, TOML, JSON).
//   - markdown: goldmark set-up, heading IDs, link resolution, fences,
//     {lang=…} attribute lists (attributes.go: lang alone passes), and
//     the limits on one page's work (limits.go: a pass over the text before
//     goldmark parses, counts while the parsed page is walked).
//   - data: generic data files (CSV, YAML, JSON) for templates.
//   - table: tabular files as a header and rows of positioned cells: CSV
//     decoded from UTF-8 or Windows-1252 (never guessed), XLSX workbooks
//     through excelize (saved values only, cells by A1 reference). Every
//     CSV file of a site is read through it: data files, the products'
//     sources, the feedback export.
//   - locale: numbers, money and dates per site language (Known: de, en;
//     Tag: the region a bare code means), the language codes klartext
//     knows; locale.Primary is the one answer to "which language is
//     this?".
//   - i18n: a language's words, the theme's translation file
//     i18n/<lang>.yaml as a Catalog (T: by key with arguments; File and
//     Line for messages; LanguageName). Load refuses a language without
//     a file (UnsupportedError), Check reports a key the built-in de.yaml
//     has and the file lacks. The theme loads the site language's catalog
//     (theme.Words) and the build hands it to every package that writes
//     words: feedback, video, chart (chart.Lang), advisor, product
//     (TypeLabel), markdown (typography); feedbackserver reads the
//     built-in one.
//   - escape: html/template's escaping of plain strings (HTML text,
//     attributes, URLs) for what is printed without a template — quick
//     programs, chart figures, the prepared feedback form — tested and
//     fuzzed against html/template.
//   - product: product facts, PRIIPs validation (rules.go: nothing missing
//     taken as 0, bounds), the KID's regulated wording as one reviewed
//     table per language (priips.go, priips_<lang>.go), and the page's figures (figures.go: Compute,
//     after Annex VI/VII of 2017/653 as amended by 2021/2268, the KID's
//     own figures cross-checked); pure functions, no HTML. Its sources:
//     sources.go finds them, ept.go reads FinDatEx EPT V2.1 files,
//     tabular.go and mapping.go the bank's own export and
//     products.columns.yaml, parse.go the YAML files; a diagnostic about a
//     key read from a table names the column as the file has it
//     (columnOrigin, Product.KeyColumn).
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
//   - imaging: the image domain: formats by their bytes, metadata removed
//     by segment surgery (JPEG, PNG, WebP, GIF), decoding within a pixel
//     limit, orientation, focal-point crops, resizing, WebP/JPEG/PNG
//     encoding, and the content-addressed cache in <site>/.klartext-cache/
//     that build, check and serve share (imaging.Publisher); imagetest
//     writes fixtures with every kind of metadata.
//   - feedback: provider settings, widgets, CSP origins, the plain form's
//     fields and limits (form.go: what the theme publishes and the
//     receiver accepts), the export and its balance (answers.go: share
//     answered, median days, public dialogue) — pure functions.
//   - feedbackstore: the receiver's SQLite database (modernc.org/sqlite):
//     messages, answers, e-mail addresses apart, used form tokens;
//     versioned migrations; export rows, imports, purge, backup.
//   - feedbackserver: klartext feedback serve's HTTP receiver: origin
//     check, signed form tokens, rate limits on salted address hashes, one
//     batching writer, graceful shutdown.
//   - feedbackimport: Isso's database, remark42's backup and hand-written
//     exports into the store.
//   - theme: layouts and lookup, translations, static files. theme/internal/
//     quick: the quick executor — its contract in its package comment —
//     checked against html/template by its tests and fuzz targets (templates
//     and data shapes), and by a test that fails under a Go release whose
//     html/template was not reviewed.
//   - output: staging folder and atomic swap; Registry, the owner of every
//     output path. fileio: the site's files as scanned (Scan, Files), the
//     one guarded reader, and writing the build's many small files without
//     os.File's poller registration.
//   - active: which files in content/ a browser or web server would run
//     (by ending, host configuration, .well-known/, SVG by its content).
//   - build: the orchestration and the site model; views for templates.
//   - scaffold: klartext new: pages, and a whole site (site.go) that builds
//     clean, with placeholders (placeholder: the [[TODO: …]] marker, written
//     and found). check: editorial reports (placeholders.go among them) and
//     output formats of klartext check, the compliance report of check
//     --products (products.go), and check --browser's findings as
//     diagnostics (browser.go).
//   - menu, redirect, assethash: the domain of issue #18's build work, as
//     pure functions the build does not call yet — the menus of site.yaml
//     and front matter (parse, check every entry like a link, order by
//     weight, the active item); aliases of moved pages (checked, their
//     collisions, the redirect page, _redirects, nginx and Apache
//     snippets); content-hashed asset names, SHA-384 integrity and the
//     cache headers for them.
//   - browsercheck: the browser suite's page checks for any built site —
//     a static host below a base path, headless Chromium, one page per
//     kind from the sitemap, axe-core, reflow, no-tracking, console,
//     keyboard, charts, image sizes; FindTools says what to install. e2e
//     and klartext check --browser both run it.
//   - search/token, search/stem, search/index: the site search's words
//     (tokens with ISINs and numbers whole, case and umlaut folding, stop
//     words, weighted terms per page), Snowball's German and English
//     stemmers, and the index writer (buckets by prefix, postings files,
//     fragments, facets; incremental updates for klartext serve). The
//     reader's side, which must cut, fold and stem alike, is
//     themes/klartext/static/js/search.js; tests run it in node.
//   - sitetest: helpers for tests that build whole sites (copy the demo,
//     checksum an output folder, run search.js in node, crawl every
//     internal link of a served site: links.go).
//   - serve, watch: the development server (safe static files below the
//     site's base path, live reload over server-sent events, the error
//     overlay with its own stylesheet, live.css, in the site's language)
//     and the recursive, debounced file watcher.
//
// Outside generator/: cmd/klartext is the command (build, check, serve,
// new, feedback, version); themes/ embeds the default theme; e2e/ is the browser test
// suite (headless Chromium, axe-core, html-validate); scripts/ holds the
// benchmark, fuzz and CI dependency scripts, test.sh (the README's test
// command: the dependencies, then every test), and scripts/portraits,
// which draws the demo's photos.
//
// # Where to add things
//
//   - A chart type: a builder in chart (input struct in, Figure out, with
//     its table), its name in chart.SpecTypes (the ```chart fence validates
//     against it), and its adapter from the page's product.Figures in
//     build/charts.go (productFigure, productKinds for the product page). A chart on every
//     product page may also get a chart.Skeletons method: its per-product
//     values as parts with a walk (chart/skeleton.go).
//   - A feedback provider: feedback/settings.go (its keys, required keys and
//     origins for the CSP), feedback/widget.go (its embed attributes), and
//     its loader in themes/klartext/static/js/feedback.js.
//   - A setting or front matter key whose value reaches a policy, a URL, a
//     header or a mail program: check it with a grammar function (or add
//     one, with a table test and a fuzz target) where it is read; the
//     hostile-values test (build/hostile_test.go) covers the key by itself.
//   - A field of the EPT: its number and V2.1 name in product.eptFields,
//     its key and how its value converts in eptKeys (or a function of its
//     own in ept.go for a key made of several fields).
//   - A field of the plain form: its name constant and feedback.FormFields
//     (Repeat for a field sent once per value, like video), its name in
//     FormData for the partial (formData), Submission and ParseSubmission,
//     and the receiver's confirmation page (feedbackserver/pages.go,
//     confirmData); what is stored, as a migration appended to
//     feedbackstore/migrations.go. TestPublishedFormIsWhatTheReceiverAccepts
//     renders the partial and submits what it sends. A column of the
//     export: feedback/export.go (optionalColumns, WriteExport),
//     feedbackstore.EntryOf and feedbackimport.CSV.
//   - A comment service to import from: a reader in feedbackimport that
//     returns feedbackstore.Imported, and its name in klartext feedback
//     import.
//   - A site language: its translation file themes/klartext/i18n/<lang>.yaml
//     with every key of de.yaml (i18n.TestBuiltinFilesHaveTheSameKeys),
//     its number and date formats in locale (Known, For), its PRIIPs
//     table product/priips_<lang>.go in priipsTables, reviewed against
//     the KID template of that language, and a stemmer (below).
//   - A word klartext writes from Go: a key in every translation file, read
//     with the package's *i18n.Catalog (never a map by language in Go).
//   - A stemmer for another site language: a Func in search/stem (For and
//     Name), its stop words in search/token/stop.go, and the same
//     algorithm in search.js's STEMMERS, checked against the Go one on
//     the language's Snowball vocabulary (stem/js_test.go).
//   - A page kind: content.Kind and its front matter keys in content/meta.go,
//     its layout in themes/klartext/layouts/<section>/single.html.
//   - A video format: its extension and media type in video.Formats, its
//     container header in mediainfo (Probe), and the check that a file is
//     what its name says in build/video.go (probe).
//   - A check of a page in the browser: a function over a browsercheck.Visit
//     (what Load recorded; add what it must record in Load or Listen),
//     called from CheckPage, a hint for its rule in check/browser.go, and a
//     negative test in e2e/negative_test.go that makes it fail.
//   - An image size: an imaging.Use (kind, display sizes) made in
//     build/images.go (advisorPhoto, markdownImage show how); the widths
//     it publishes are imaging.Widths, the files imaging.Plan.
package generator
