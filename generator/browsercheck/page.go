package browsercheck

import (
	"context"
	"fmt"
	"strconv"
)

// CheckPage runs the page checks on p, served by srv, in a tab of browser
// (StartBrowser): at the desktop width axe-core, the chart alternatives,
// the keyboard path to the content, no request to another origin and no
// cookie, the console, images no more than twice as wide as shown, and
// the status the server answered; at the mobile width (360 px) axe-core
// again, reflow, image sizes, the console and requests. It returns the
// findings, each once, and the desktop visit (for its page weight).
func CheckPage(browser context.Context, srv *Server, p Page, axeSource string) ([]Finding, *Visit, error) {
	var out []Finding
	before := len(srv.Requests())
	v, err := Load(browser, srv.URL, p, Desktop, axeSource, true)
	if err != nil {
		return nil, nil, fmt.Errorf("%s (%s): %v", p.Path, p.Kind, err)
	}
	served := srv.Requests()[before:]
	out = append(out, Axe(v)...)
	out = append(out, Charts(v)...)
	out = append(out, Keyboard(v)...)
	out = append(out, Tracking(v, srv.URL, served)...)
	out = append(out, Console(v)...)
	out = append(out, Served(p, served)...)
	out = append(out, ImageSizes(v)...)

	m, err := Load(browser, srv.URL, p, Mobile, axeSource, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%s (%s) at mobile width: %v", p.Path, p.Kind, err)
	}
	out = append(out, Axe(m)...)
	out = append(out, Reflow(m)...)
	out = append(out, ImageSizes(m)...)
	out = append(out, Console(m)...)
	out = append(out, Tracking(m, srv.URL, nil)...)
	return distinct(out), v, nil
}

// distinct drops repeated findings: the browser logs a failed load once
// per attempt, and the keyboard check loads the page again.
func distinct(fs []Finding) []Finding {
	seen := map[Finding]bool{}
	out := fs[:0]
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Served makes sure the page came from the server with the status its
// kind should have: 404 for the 404 page, else 200.
func Served(p Page, served []Request) []Finding {
	want := 200
	if p.Kind == "404" {
		want = 404
	}
	for _, r := range served {
		if r.Path == p.Path {
			if r.Status != want {
				return []Finding{{Page: p.Path, Kind: p.Kind, Rule: "http-status", Detail: "status " + strconv.Itoa(r.Status) + ", want " + strconv.Itoa(want)}}
			}
			return nil
		}
	}
	return []Finding{{Page: p.Path, Kind: p.Kind, Rule: "http-status", Detail: "the server never got a request for the page"}}
}

// CheckSite serves the site built in public below basePath (the path of
// its baseURL), starts Chromium and runs CheckPage on one page of every
// kind the site has (DiscoverPages) and on its 404 page. tmp holds the
// browser's profile. It returns the pages checked and their findings.
func CheckSite(public, basePath string, tools Tools, tmp string) ([]Page, []Finding, error) {
	pages, err := DiscoverPages(public, basePath)
	if err != nil {
		return nil, nil, err
	}
	srv, err := StartServer(public, basePath)
	if err != nil {
		return nil, nil, err
	}
	defer srv.Close()
	browser, stop, err := StartBrowser(tools.Chromium, tmp)
	if err != nil {
		return nil, nil, fmt.Errorf("Chromium (%s) did not start: %v", tools.Chromium, err)
	}
	defer stop()
	var all []Finding
	for _, p := range pages {
		findings, _, err := CheckPage(browser, srv, p, tools.AxeSource)
		if err != nil {
			return pages, all, err
		}
		all = append(all, findings...)
	}
	return pages, all, nil
}
