// Package generator is klartext's library. This file is the map; the code
// lives in the packages below, one concern each.
//
// # The pipeline
//
//	Build = load → resolve → render → publish → commit
//
// Package pipeline orders the stages (Build; Run returns what they made,
// pipeline.Built); each is a function of what the stages before it made:
//
//  1. load (package load): config reads content/site.yaml (its baseURL
//     replaced by the command line's --baseURL, Options.BaseURL; brand:,
//     the bank's name, logo and colour, whose logo file must exist);
//     content
//     walks content/, splits front matter (frontmatter) and decodes it per
//     page kind; productsource reads the product facts from the data files
//     that are product sources (EPT files, the bank's export and its
//     mapping file, products/*.yaml; productsource.LoadFiles says which)
//     and data the rest, the
//     generic data files for templates; feedback reads the provider's
//     settings and the export (feedbackexport.Read); media reads what the
//     ```video blocks of the published pages name (each video file's
//     header, the WebVTT files, the poster frames); theme loads the
//     layouts with the template functions (load.Funcs). Its output is
//     site.Input (with the theme's words for the generated pages) and the
//     theme.
//  2. resolve (site.Resolve): the site model (Site, Node) — drafts and
//     future pages left out, sections, topics, product pages from data,
//     advisors and stories cross-linked, the video blocks resolved and
//     their transcript pages added, the search page, the feedback balance
//     over every page, the menus and the aliases; every reference checked. No file is read, no theme
//     consulted, no HTML written. Each step takes what the steps before it
//     made (resolveProducts returns which story names which product, and
//     resolvePeople makes the stories with that), every index is built
//     once, and the nodes are sorted once at the end.
//  3. render (package render): first publish.PrepareImages reads each
//     image of content/ once, publishes it without metadata and makes the
//     advisor photos; then render.Run renders the pages in parallel under
//     the watchdog: Markdown (goldmark, links and anchors resolved, the
//     ```chart and ```video blocks, the site's images, whose sizes
//     publish.Images makes once per build), the page's charts, then the
//     layout. Each page comes back as a render.Page (its HTML, vCard,
//     diagnostics, headings and anchor links, its entry for the search
//     index), which the pipeline writes and hands to publish.Search;
//     render.Record keeps what the pages left for the anchor check.
//  4. publish (package publish): the output plan (NewPlan: every path
//     claimed with its owner before anything is written), the site's files
//     beyond the pages — the redirects of the pages' aliases, the 404
//     page, _headers, the sitemap, robots.txt
//     and the feeds (each made by the theme's template where it has one:
//     layouts/sitemap.xml, robots.txt, feed.xml), the theme's static
//     files, the content's assets, the video posters — and the search
//     index's buckets.
//  5. commit: output writes through a Writer (only claimed paths) into a
//     Sink: the staging folder beside the destination, swapped in
//     atomically only when no error was reported (output.Open, Out.Finish);
//     nowhere for klartext check (output.Discard).
//
// A site of several languages (site.yaml languages:) is loaded once and
// made into one site per language (load.Sites: config.Site.ForLanguage,
// the default's pages or the translations the file names give,
// content.Page.Lang); each is resolved, then site.LinkLanguages gives
// every page its versions (Node.Translations, Switch, TextIn; the words
// from load.Words) before any renders, and each is rendered and published
// into its folder of the one staging folder (output.Below), the root
// files (sitemap with every language's pages, robots.txt, _headers with
// every language's addresses, 404, _redirects and the snippets with every
// language's aliases) the default's; diag.Once keeps a problem every
// language reports alike from being printed once per language. A file
// every language shows alike — the theme's static files, content/'s
// files, the images in every size, the videos and the frames taken of
// them — is the default's too, written once at its address: another
// language's plan does not claim it (publish.Plan.Shares), its pages name
// the root's copy (config.Site.FileURL, render.Env.Shared) and its images
// are the default's set (publish.Images.ForLanguage), which writes the
// sizes its pages need with a writer of the default's plan. A site of one
// language takes none of these steps.
//
// Trust boundaries. Every file of the site is read through fileio: Scan
// walks content/ and the site's theme folder once and lists what may be
// read (links only to files inside that folder, no special files),
// Files.ReadFile is the one reader (bounded, never blocking, not
// following a link the scan did not check), and theme reads the site's
// folder as Files.Sub. Every output path is registered in an
// output.Registry before anything is written (publish/plan.go: pages,
// vCards, list pages, the site files and the content's assets; the sizes
// of images as they are made, Writer.ClaimLate); a path's second owner,
// as a web host compares paths (output.Key), is an error naming both, and
// output.Writer refuses a path nobody claimed — a new kind of output file
// is claimed in publish.NewPlan. Active content in content/ (package
// active) is published only when site.yaml's allow_raw names it
// (publish/raw.go).
//
// Every stage reports problems into a diag.List (file, line, message, hint)
// instead of stopping; one build shows every error. A watchdog
// (render/watchdog.go) gives up on a page that renders longer than the
// page budget and names it.
//
// incremental.Session (klartext serve) keeps what the last good build made
// (pipeline.Built: the model, the theme, the output plan, the images, the
// search index, the render record). An edit that only changes pages'
// bodies, or a theme's static files, page layouts, partials and base
// layout (package change decides), runs the render stage again for those
// pages with a writer of the same registry into the served folder
// (output.Live), and updates the search index, writing only the files the
// pages touched (index.Update, index.Changed). A partial's pages are
// those whose layouts run a template the partial's file defines
// (theme.Calls, theme.Defines, change.Users), in the theme before the
// edit or after; a partial Go code runs itself (theme.Direct: the
// feedback form) is a full build's. An edit of
// published pages' front matter or of the product data (change.Models)
// loads those again, resolves the model again and renders what read the
// change (change.Reads: what the built-in theme's layouts read, so only
// on a site without layouts of its own, theme.OwnLayouts), the site files
// made from the model (the sitemap only where a date moved:
// change.SameDates) and the index's touched files. An edit of the
// product data alone that changes figures only (the same products with
// the same ids, names and KID dates: change.FiguresOnly) resolves
// nothing: the session types again only the records that changed
// (productsource.Reading), puts their facts into the model
// (site.ProductInfo.WithFacts) and renders the pages that read them
// (change.FigureReads: the product pages, their stories and advisors,
// the products section where its comparison changed, the search page
// where a type changed, pages whose chart blocks may name them); a page in a menu,
// with aliases or an expiry, and an edit that changes the menus or the
// redirects, are full builds (menus are on every page, redirect pages
// are files of the plan). Anything else is a full build.
// pipeline.Options.DryRun validates without writing
// (klartext check, which adds check.Reports from the model, and
// check.Translations: pages without translation, translations older than
// their original). A site of several languages is always a full build.
//
// Memory: a loaded page keeps what the build needs of its body, the teaser
// and the info words of its fenced blocks (content.Page.Teaser, Fences),
// not the body itself, which is read again when the page renders
// (ReadBody); a product page's figures are computed once while it renders
// (product.Compute into render.PageView.ProductFigures) and every table,
// chart, text and chart block of the page uses that one value, never held
// for the whole site. A page's HTML pieces — its Markdown, its charts,
// its feedback form — are written into a buffer its render worker reuses
// for the next page (package pagebuf, the shortcut PageBuffers), read as
// strings without a copy; the layout copies each into the page once.
//
// Speed: layouts and partials run as quick programs (theme/internal/quick):
// html/template runs a layout's first page, and the tree it escaped is
// compiled once, with fields found once per type, the escapers (package
// escape), builtins and common functions called directly, not through
// reflection, and calls with literal arguments ({{t "key"}}) made once and
// kept as text; a construct it does not cover makes the layout
// html/template's at compile time, a value it does not cover hands the
// page to html/template, which runs it from the start. What is the same on
// many pages is made once per build — the risk chart per class and holding
// period (render/charts.go), the product charts' options per shape
// (chart.Skeletons), the feedback form with the page's identity filled in
// (render/feedback.go), header, footer, advisor cards and list entries
// (the theme's partialCached) — and figures are written without their
// template (chart.Figure.HTML). Each of these is a named shortcut
// (package shortcut) that pipeline.Options.Off and klartext build
// --no-shortcut turn off: TestReferenceBuildIsIdentical demands the same
// bytes with all off, TestEachShortcutChangesNothing with each off alone;
// add a new shortcut to the list there. Layouts print values formatted in
// Go (render.ProductText) where a template would call a function per
// figure. Plain front matter and chart blocks are read without yaml.v3
// (frontmatter/plain.go, chart/spec.go), fuzzed against it; files go
// through fileio. klartext build tunes the garbage collector
// (cmd/klartext/gctune.go). klartext build --stats shows time per phase
// and layout, how often html/template ran a layout and the shortcuts
// taken; the benchmarks are in pipeline/bench_test.go, chart and
// scripts/bench.sh.
//
// TestImportGraph (imports_test.go) keeps the graph one way: no package
// depends on pipeline but incremental, none on incremental; site depends
// on no theme, loading, rendering or writing; load on no later stage;
// render and publish not on load.
//
// # Packages
//
// The stages:
//
//   - pipeline: the order of the stages (Build, Options, Result; Run and
//     Built, what a build made).
//   - incremental: klartext serve's incremental builds (Session): the
//     stages run again on a Built for what an edit touched.
//   - load: the load stage, site.Input and the theme; the template
//     functions of every theme (Funcs).
//   - site: the resolved model (Site, Node, ProductInfo, AdvisorInfo,
//     StoryInfo, the video blocks and the feedback balance) and Resolve.
//   - render: one page of the model (Env in, Page out; PageView and
//     SiteView are what layouts see), Run and the watchdog, Record, the
//     registry of chart kinds (chartkinds.go) and Placement.
//   - publish: the output plan (Plan), the site files (Publisher), the
//     images (Images), the search index (Search), the posters, the
//     active-content check (Publishable).
//   - change: what an edit touches, for klartext serve: which files
//     (Bodies, Models, ThemeFiles), which outputs read them (Reads, and
//     FigureReads for an edit of figures only: figures.go), and the pure
//     steps of a model edit (ReplacePages, Reaches, SamePages, SameDates,
//     ReplaceDiagnostics, FiguresOnly, ComparisonOf).
//   - pagebuf: the buffer a render worker writes one page's HTML
//     pieces into and reuses for the next page.
//   - shortcut: the named shortcuts. registry: the lists the registries
//     are (read without a lock, added to by tests).
//
// The leaves:
//
//   - diag: diagnostics with file and line, printed on one line
//     (EscapeText), in the site's language: a diagnostic keeps its
//     format and arguments, Localize looks the English format up in a
//     language's catalog (de.go) and formats again; diag.Text is a
//     message made before it is a diagnostic (a parser's error, a hint),
//     translated as an argument, and diag.Word an argument with words of
//     its own in each language (i18n.LanguageWord: a language by its
//     name, "auf Englisch"); Sprintf the commands' own lines. The
//     commands localize what they print (build, check: --lang, else the
//     site's language; serve's log and overlay). suggest: did-you-mean
//     hints.
//   - grammar: the grammars of values that reach a browser's policy, a link,
//     a mail program: CSP sources and policies, web addresses (https, http
//     to loopback), e-mail addresses, RFC 3986 percent-encoding. Settings and
//     front matter readers call them; their errors become diagnostics.
//   - config: site settings (baseurl.go: the base URL's one check, for
//     site.yaml's and the command line's --baseURL, which the load stage
//     applies: pipeline.Options.BaseURL). content: pages, URLs, front
//     matter keys, and the registry of page kinds (kinds.go, with klartext
//     new's scaffolds in scaffolds.go).
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
//     Line for messages; LanguageName). Load lays a site's own file of
//     the language over the built-in one key by key (FileOf names where a
//     key came from) and refuses a language with neither
//     (UnsupportedError); Check reports a key the built-in de.yaml has
//     and neither file has. The theme loads the site language's catalog
//     (theme.Words); the load stage hands it to the model (site.Words'
//     Catalog: product types, advice models, language names, video
//     tracks) and render to the rest that writes words: feedback, video,
//     chart (chart.Lang), markdown (typography); feedbackserver reads the
//     built-in one.
//   - escape: html/template's escaping of plain strings (HTML text,
//     attributes, URLs) for what is printed without a template — quick
//     programs, chart figures, the prepared feedback form — tested and
//     fuzzed against html/template.
//   - product: product facts, PRIIPs validation (rules.go: nothing missing
//     taken as 0, bounds), the page's figures (figures.go: Compute,
//     after Annex VI/VII of 2017/653 as amended by 2021/2268, the KID's
//     own figures cross-checked; ComputeFor, the same for the reader's
//     own amount, which the theme's js/calc.js must equal — calcjs_test.go
//     runs it in node) and their wording: the KID's regulated wording
//     (risk sentences, cost, scenario and rate labels) as one reviewed
//     table per language (priips.go, priips_<lang>.go), product types
//     from the translation file (wording.go); pure functions, no HTML. A
//     product's facts as written arrive as a product.Record (keys by
//     name: product.KeyNamed) and are checked by product.FromRecord
//     (validate.go, rules.go, kidcomposition.go).
//   - productsource: where product facts come from: sources.go finds
//     them (LoadFiles), ept.go reads FinDatEx EPT V2.1 files, export.go
//     and mapping.go the bank's own export and products.columns.yaml,
//     parse.go the YAML files (ParseCSV, ParseYAML), records.go has each
//     record checked and reports duplicate ids and ISINs, reading.go
//     keeps what a reading typed so that the next (klartext serve)
//     types only the records that changed (Reading); a diagnostic
//     about a key read from a table names the column as the file has it
//     (columns.go; product.ColumnOrigin, Product.KeyColumn).
//   - chart: go-echarts options and the accessible tables of every chart
//     (each cell with its column's header for the stacked rows of a phone,
//     money cells marked for the calculator: Cell.Amount), the builders
//     the chart kinds call; the product charts' options filled into cached
//     skeletons (chart.Skeletons, the shortcut skeletons); the ```chart
//     block checked against the registry's types (chart.ParseSpec,
//     chart.Types).
//   - advisor: business card helpers: E.164 phones and the number kept on
//     one line (PhoneForReading), vCard, JSON-LD.
//   - video: the ```video block — a video of the site's own (the
//     browser's player with captions and chapters, the transcript page's
//     body, a drawn poster) or a YouTube/Vimeo placeholder that loads
//     nothing before a click. media: what the blocks name, read once in
//     the load stage. webvtt: WebVTT caption and chapter files, parsed and
//     checked with file lines (no overlapping, backwards, empty or late
//     cues). mediainfo: a video's length and size from its MP4 or WebM
//     header (bounded, fuzzed). stillframe: a poster frame from ffmpeg
//     when the machine has it (optional, never downloaded).
//   - imaging: the image domain: formats by their bytes, metadata removed
//     by segment surgery (JPEG, PNG, WebP, GIF), decoding within a pixel
//     limit, orientation, focal-point crops, resizing, WebP/JPEG/PNG
//     encoding, and the content-addressed cache in <site>/.klartext-cache/
//     that build, check and serve share (imaging.Publisher); imagetest
//     writes fixtures with every kind of metadata.
//   - feedback: the registry of providers (provider.go, one file each:
//     provider_<name>.go), settings (a language's own redirect:,
//     Settings.ForLanguage), widgets, CSP origins, the plain form's
//     fields and limits (form.go: what the theme publishes and the
//     receiver accepts), the messages (Entry) and their balance
//     (answers.go: share answered, median days, public dialogue).
//   - feedbackexport: the file the messages reach a site in
//     (content/data/feedback.csv): its columns, Read and Parse, Write (what
//     klartext feedback export makes), formulas defused (formula.go).
//   - feedbackstore: the receiver's SQLite database (modernc.org/sqlite):
//     messages, answers, e-mail addresses apart, used form tokens;
//     versioned migrations; export rows, imports, purge, backup.
//   - feedbackserver: klartext feedback serve's HTTP receiver: origin
//     check, signed form tokens, rate limits on salted address hashes, one
//     batching writer, graceful shutdown.
//   - feedbackimport: Isso's database, remark42's backup and hand-written
//     exports into the store.
//   - theme: layouts and lookup, translations, static files, the site
//     files' templates (sitefiles.go), what a layout reads of a field
//     (Uses), the files a script loads itself (scripts.go: the theme's
//     scripts.yaml and the template function assetAttrs). theme/internal/quick: the quick executor — its contract in
//     its package comment — checked against html/template by its tests and
//     fuzz targets (templates and data shapes), and by a test that fails
//     under a Go release whose html/template was not reviewed.
//   - output: staging folder and atomic swap; Registry, the owner of every
//     output path; Sink (Staging, Live, Discard) and Writer. fileio: the
//     site's files as scanned (Scan, Files), the one guarded reader, and
//     writing the build's many small files without os.File's poller
//     registration.
//   - active: which files in content/ a browser or web server would run
//     (by ending, host configuration, .well-known/, SVG by its content).
//   - scaffold: klartext new: pages from the page kinds' scaffolds, and a whole site (site.go) that builds
//     clean, with placeholders (placeholder: the [[TODO: …]] marker, written
//     and found). check: editorial reports (placeholders.go among them) and
//     output formats of klartext check, the compliance report of check
//     --products (products.go), and check --browser's findings as
//     diagnostics (browser.go).
//   - menu: the menus of site.yaml and front matter (parse, check every
//     entry like a link, order by weight, the active item); site.Resolve
//     resolves them (site/menus.go), render makes the header's and the
//     footer's links.
//   - contrast: WCAG 2.x relative luminance and contrast ratio, pure.
//     load/brand.go checks site.yaml's brand colour with it against the
//     colours of the theme's stylesheet where the theme uses it (links on
//     --paper and --tint, --accent-ink on it) and has the theme append it
//     to css/site.css as --accent (theme.StaticTail: hashed with the file,
//     no inline style for the CSP to refuse); publish.Images.Logo
//     publishes the logo and gives its size, render's SiteView.Brand and
//     Owner (config.Site.Owner) show it and the bank's name.
//   - redirect: aliases of moved pages (checked, their collisions, the
//     redirect page, _redirects, nginx and Apache snippets); site.Resolve
//     checks them (site/aliases.go), publish writes the files
//     (publish/redirects.go, claimed in NewPlan as the alias's line's).
//   - assethash: content-hashed asset names, SHA-384 integrity and the
//     cache headers for them; load.Theme hashes the theme's CSS and JS
//     once into a Set (Theme.Assets), the template functions asset and
//     integrity name them, publish writes them so and lists them in
//     _headers (klartext serve keeps the plain names: Options.PlainAssets).
//   - headers: the _headers file (headers.File, which publish writes):
//     the policy and security headers, the short cache's rules for the
//     pages (CacheRules) and the hashed files' year, then site.yaml's
//     headers: (Parse, called by config; checked against klartext's own
//     rules when the file is made). match.go reads a rule's path as
//     Netlify and as Cloudflare Pages do, quoting their documentation.
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
// new, feedback, version); themes/ embeds the default theme, whose scripts
// (static/js) are the reader's side: charts.js draws the charts and loads
// ECharts when the first comes near the screen, calc.js the product page's
// calculator, compare.js the products page's comparison, search.js the
// search; e2e/ is the browser test suite (headless Chromium, axe-core,
// html-validate, Lighthouse); scripts/ holds the benchmark, fuzz and CI
// dependency scripts, test.sh (the README's test command: the
// dependencies, then every test), vendor-echarts.sh, which builds the
// theme's ECharts from the npm package with the parts
// scripts/echarts-entry.js lists, and scripts/portraits, which draws the
// demo's photos.
//
// # Where to add things
//
// Chart kinds, feedback providers and page kinds are registries: one entry
// makes the kind known everywhere — the lists, the validation and its
// messages, the ```chart block's types, the CSP, the scaffolds. Each
// registry has a completeness test that fails when a registered entry is
// not placed, not scaffolded or not built (pipeline/registry_test.go,
// TestEachProviderEmbedsThePageIdentity, scaffold's
// TestEveryScaffoldIsAPageOfItsKind), and each recipe below is followed by
// a test that registers an entry for the test only and builds
// (pipeline/recipes_test.go).
//
//   - A chart kind: its builder in chart (an input struct in, a Figure of
//     that kind out, with its table), and one entry in render's chartKinds
//     (render/chartkinds.go): its name (the figure's kind and the ```chart
//     type), noun, how a block names a product (OfProduct, MarksProduct,
//     NoProduct), whether every product page draws it (OnProductPage:
//     then the product layout places it with {{index $.Figures "name"}},
//     or the build warns, render.Placement) or another page as its own
//     (OwnPage), and Draw, the adapter from ChartData to the builder's
//     input (productChart and feedbackChart make one from an adapter and a
//     builder). An ECharts series type or component the theme does not
//     use yet goes into scripts/echarts-entry.js (then
//     scripts/vendor-echarts.sh). A chart on every product page may also
//     get a chart.Skeletons method: its per-product values as parts with a walk
//     (chart/skeleton.go). Recipe test: TestRecipeChartKind.
//   - A feedback provider: a file feedback/provider_<name>.go that
//     registers its ProviderDef: its keys and required keys, Check (its
//     values into Settings through Values' URL, Host, Token, Repo and
//     PathTerm checks; a field of its own in Settings if it needs one),
//     Base, Origins for the CSP, Embed (what js/feedback.js creates after
//     the click, from data: no code per provider there) and Script; its
//     case in TestEachProviderEmbedsThePageIdentity, which fails without
//     one. Recipe test: TestRecipeFeedbackProvider.
//   - A page kind: one entry in content's kinds (content/kinds.go): its
//     folder, phrase, keys, whether it lists pages, pagination, menu and
//     search index, its layouts ({section}/single.html, then
//     _default/single.html), and its scaffold for klartext new
//     (content/scaffolds.go) when editors create it; a page of it in the
//     demo (TestEveryPageKindIsBuilt fails without one); its layout in
//     themes/klartext/layouts/ where _default's does not fit. A new front
//     matter key also needs its field in content.Meta and its case in
//     decodeMeta. Recipe test: TestRecipePageKind.
//   - A site file beyond the pages: its File in publish's siteFiles
//     (claimed with its owner by NewPlan); a theme template for it where a
//     theme should be able to change it (publish/sitefiles.go,
//     theme.SiteFiles).
//   - A setting or front matter key whose value reaches a policy, a URL, a
//     header or a mail program: check it with a grammar function (or add
//     one, with a table test and a fuzz target) where it is read; the
//     hostile-values test (pipeline/hostile_test.go) covers the key by
//     itself.
//   - A field of the EPT: its number and V2.1 name in
//     productsource.eptFields, its key and how its value converts in
//     eptKeys (or a function of its own in productsource/ept.go for a key
//     made of several fields); a new key of the content model first in
//     product.keyNames and the checks (product/validate.go, rules.go).
//   - A field of the plain form: its name constant and feedback.FormFields
//     (Repeat for a field sent once per value, like video), its name in
//     FormData for the partial (formData), Submission and ParseSubmission,
//     and the receiver's confirmation page (feedbackserver/pages.go,
//     confirmData); what is stored, as a migration appended to
//     feedbackstore/migrations.go. TestPublishedFormIsWhatTheReceiverAccepts
//     renders the partial and submits what it sends. A column of the
//     export: feedbackexport/export.go (optionalColumns, Write),
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
//   - A build message (error, warning, hint, a command's line): a constant
//     format passed to diag's makers (Errorf, Warnf, WithHint, diag.T,
//     Sprintf) with what varies as arguments, and its German in
//     generator/diag/de.go; TestEveryMessageHasItsGerman names the
//     file:line of one without it. A wrapper that takes a format and
//     passes it on with its arguments is found by the test; its callers'
//     formats are then the messages. Words another package makes for a
//     message (what is wrong with a value, why a file is refused, a
//     chart's noun) are a diag.Text (diag.T) or an error made by diag.Err
//     or carrying a Text (diag.Texter), passed on as an argument, which
//     Localize translates inside the sentence; a Message or Hint set past
//     the makers (a diag.Diagnostic literal, d.Hint = "…") fails
//     TestNoMessageBypassesTheMakers.
//   - A stemmer for another site language: a Func in search/stem (For and
//     Name), its stop words in search/token/stop.go, and the same
//     algorithm in search.js's STEMMERS, checked against the Go one on
//     the language's Snowball vocabulary (stem/js_test.go).
//   - A video format: its extension and media type in video.Formats, its
//     container header in mediainfo (Probe), and the check that a file is
//     what its name says in media (probe).
//   - A script of the theme that loads a file itself (as charts.js
//     loads ECharts): the file under the script's path in the theme's
//     scripts.yaml; the script reads data-NAME and data-NAME-integrity
//     of its own element, which {{assetAttrs .}} writes.
//   - A check of a page in the browser: a function over a browsercheck.Visit
//     (what Load recorded; add what it must record in Load or Listen),
//     called from CheckPage, a hint for its rule in check/browser.go, and a
//     negative test in e2e/negative_test.go that makes it fail.
//   - An image size: an imaging.Use (kind, display sizes) made in
//     publish/images.go (advisorPhoto, the Markdown images show how); the
//     widths it publishes are imaging.Widths, the files imaging.Plan.
//   - A shortcut: its constant and entry in package shortcut; the
//     reference tests then build with it off.
package generator
