package render

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/pagebuf"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
)

// RunOptions say how Run renders.
type RunOptions struct {
	// Budget is how long one page may take before Run gives up on it with
	// an error naming it; 0 is DefaultPageBudget.
	Budget time.Duration
	// Progress, when set, is called now and then with the number of pages
	// done and the total.
	Progress func(done, total int)
}

// Run renders every job in parallel: Markdown, then the layout, then done,
// which writes the page, so no page's HTML is held longer than it takes to
// write it. done is called once for each page, from the worker that
// rendered it (concurrently for different pages), and never for a page the
// watchdog gave up on: for that one it is called by the watchdog with
// Page.Abandoned and the error naming the page, and a fresh worker renders
// the rest.
func Run(r *Renderer, jobs []Job, opts RunOptions, done func(*Page)) {
	next := make(chan Job, 64)
	var wg sync.WaitGroup
	wd := &watchdog{budget: opts.Budget, now: time.Now}
	if wd.budget <= 0 {
		wd.budget = DefaultPageBudget
	}
	reuse := r.env.Off.Takes(shortcut.PageBuffers)
	worker := func(slot *pageSlot) {
		var buf bytes.Buffer
		var parts pagebuf.Buffer // the page's pieces; done has written them before the next page
		for j := range next {
			buf.Reset()
			if reuse {
				parts.Reset()
			} else {
				parts = pagebuf.Buffer{}
			}
			if !slot.begin(j, wd.now()) {
				return
			}
			p := r.page(&buf, &parts, j)
			slot.do(func() { done(p) })
			if !slot.end() {
				return // abandoned: the watchdog counted this worker done
			}
		}
		wg.Done()
	}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go worker(wd.newSlot())
	}
	stop := make(chan struct{})
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		tick := time.NewTicker(wd.tickEvery())
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				for _, j := range wd.overdue(wd.now()) {
					done(&Page{Job: j, Abandoned: true, Diagnostics: []diag.Diagnostic{overBudget(j.Node, wd.budget)}})
					wg.Add(1)
					go worker(wd.newSlot())
					wg.Done() // the abandoned worker's
				}
			}
		}
	}()
	for i, j := range jobs {
		next <- j
		if opts.Progress != nil && i%256 == 0 {
			opts.Progress(i, len(jobs))
		}
	}
	close(next)
	wg.Wait()
	close(stop)
	<-watching
	if opts.Progress != nil {
		opts.Progress(len(jobs), len(jobs))
	}
}

// Record is what the pages rendered so far left for the site-wide checks:
// each output page's diagnostics, each body's heading IDs and links to
// other pages' headings, the pages given up on. A page rendered again
// (klartext serve) replaces its entries. Safe for concurrent use.
type Record struct {
	mu        sync.Mutex
	diags     map[string][]diag.Diagnostic // by output path
	headings  map[string][]string          // heading ids by source
	anchors   map[string][]markdown.AnchorLink
	abandoned map[string]bool // sources of pages the watchdog gave up on
}

// NewRecord is an empty record.
func NewRecord() *Record {
	return &Record{diags: map[string][]diag.Diagnostic{}, headings: map[string][]string{},
		anchors: map[string][]markdown.AnchorLink{}, abandoned: map[string]bool{}}
}

// Add keeps what page p left.
func (rec *Record) Add(p *Page) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	path := p.Job.Path()
	if len(p.Diagnostics) == 0 {
		delete(rec.diags, path)
	} else {
		rec.diags[path] = p.Diagnostics
	}
	src := p.Job.Node.Source
	if p.Abandoned {
		rec.abandoned[src] = true
	}
	if !p.Body {
		return
	}
	rec.headings[src] = p.Headings
	if len(p.Anchors) > 0 {
		rec.anchors[src] = p.Anchors
	} else {
		delete(rec.anchors, src)
	}
}

// Diagnostics are every page's diagnostics and those of the links into
// other pages' headings, now that every page's headings are known.
func (rec *Record) Diagnostics(s *site.Site) []diag.Diagnostic {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []diag.Diagnostic
	for _, ds := range rec.diags {
		out = append(out, ds...)
	}
	for src, links := range rec.anchors {
		for _, a := range links {
			target := a.Target
			if t := s.BySource[target]; t != nil && t.Source != target {
				target = t.Source // the translation of the file named
			}
			hs, rendered := rec.headings[target]
			if !rendered && rec.abandoned[target] {
				continue // reported as over its budget
			}
			if !rendered {
				if t := s.BySource[a.Target]; t == nil {
					continue // a missing target page was reported already
				}
			}
			if !slices.Contains(hs, a.Anchor) {
				out = append(out, markdown.MissingAnchor(src, a, hs))
			}
		}
	}
	return out
}
