package e2e

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func htmlValidateBin() string {
	return filepath.Join(suite.e2eDir, "node_modules", ".bin", "html-validate")
}

// htmlValidate runs html-validate with e2e/.htmlvalidate.json over files
// and returns one finding per message, naming the file (relative to
// public) and the rule.
func htmlValidate(public string, files []string) ([]Finding, error) {
	// The report goes to a file: node may exit before a large stdout is
	// flushed into a pipe.
	tmp, err := os.MkdirTemp("", "klartext-html-validate-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	report := filepath.Join(tmp, "report.json")
	args := append([]string{"--config", filepath.Join(suite.e2eDir, ".htmlvalidate.json"), "--formatter", "json=" + report}, files...)
	cmd := exec.Command(htmlValidateBin(), args...)
	cmd.Dir = suite.e2eDir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		return nil, err
	}
	data, rerr := os.ReadFile(report)
	if rerr != nil {
		return nil, fmt.Errorf("html-validate wrote no report (%v): %v\nstdout: %.2000s\nstderr: %.2000s", err, rerr, stdout.String(), stderr.String())
	}
	var results []struct {
		FilePath string `json:"filePath"`
		Messages []struct {
			RuleID   string `json:"ruleId"`
			Severity int    `json:"severity"`
			Message  string `json:"message"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Selector string `json:"selector"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(data, &results); err != nil {
		return nil, fmt.Errorf("html-validate: %v (exit: %v)\nstdout: %.500s\nstderr: %.2000s", err, cmd.ProcessState, stdout.String(), stderr.String())
	}
	var out []Finding
	for _, r := range results {
		rel, _ := filepath.Rel(public, r.FilePath)
		for _, m := range r.Messages {
			sev := "error"
			if m.Severity == 1 {
				sev = "warning"
			}
			out = append(out, Finding{Page: "/" + filepath.ToSlash(rel), Rule: "html-validate:" + m.RuleID,
				Detail: fmt.Sprintf("%s at line %d:%d (%s): %s", sev, m.Line, m.Column, m.Selector, m.Message)})
		}
	}
	if len(out) == 0 && err != nil {
		return nil, fmt.Errorf("html-validate failed without messages: %v\n%s", err, stderr.String())
	}
	return out, nil
}

// TestHTMLValid validates every generated .html file.
func TestHTMLValid(t *testing.T) {
	needNode(t)
	files, err := htmlFiles(suite.public)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the build wrote no .html files")
	}
	findings, err := htmlValidate(suite.public, files)
	if err != nil {
		t.Fatal(err)
	}
	matched := triage(t, findings)
	staleKnownIssues(t, matched, func(rule string) bool { return strings.HasPrefix(rule, "html-validate:") })
	t.Logf("html-validate checked %d files", len(files))
}

// wellFormed reads every token of an XML document.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func absURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// checkSitemap checks sitemap.xml against the sitemap protocol 0.9: a
// urlset in its namespace, url elements with absolute loc values, each
// page of the site, lastmod in W3C date format.
func checkSitemap(public string) []Finding {
	const file = "/sitemap.xml"
	var out []Finding
	add := func(format string, args ...any) {
		out = append(out, Finding{Page: file, Rule: "sitemap-0.9", Detail: fmt.Sprintf(format, args...)})
	}
	data, err := os.ReadFile(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		add("%v", err)
		return out
	}
	if err := wellFormed(data); err != nil {
		return append(out, Finding{Page: file, Rule: "xml-well-formed", Detail: err.Error()})
	}
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		add("%v", err)
		return out
	}
	if set.XMLName.Local != "urlset" || set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		add("the root element is {%s}%s, not {http://www.sitemaps.org/schemas/sitemap/0.9}urlset", set.XMLName.Space, set.XMLName.Local)
	}
	if len(set.URLs) == 0 || len(set.URLs) > 50000 {
		add("%d url elements (1 to 50000 allowed)", len(set.URLs))
	}
	seen := map[string]bool{}
	for i, u := range set.URLs {
		if !absURL(u.Loc) {
			add("url %d: loc %q is not an absolute URL", i+1, u.Loc)
			continue
		}
		if seen[u.Loc] {
			add("url %d: loc %s is listed twice", i+1, u.Loc)
		}
		seen[u.Loc] = true
		if u.Lastmod != "" {
			if _, err := time.Parse("2006-01-02", u.Lastmod); err != nil {
				if _, err := time.Parse(time.RFC3339, u.Lastmod); err != nil {
					add("url %s: lastmod %q is not a W3C date", u.Loc, u.Lastmod)
				}
			}
		}
		pu, _ := url.Parse(u.Loc)
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(pu.Path), "index.html")); err != nil {
			add("loc %s has no page in the output", u.Loc)
		}
	}
	return out
}

// checkFeed checks an Atom feed for the elements RFC 4287 requires: feed
// id, title, updated (and an author, here on the feed); each entry id,
// title, updated and a link; ids and links absolute, dates RFC 3339.
func checkFeed(public, file string) []Finding {
	rel, _ := filepath.Rel(public, file)
	page := "/" + filepath.ToSlash(rel)
	var out []Finding
	add := func(format string, args ...any) {
		out = append(out, Finding{Page: page, Rule: "atom-rfc4287", Detail: fmt.Sprintf(format, args...)})
	}
	data, err := os.ReadFile(file)
	if err != nil {
		add("%v", err)
		return out
	}
	if err := wellFormed(data); err != nil {
		return append(out, Finding{Page: page, Rule: "xml-well-formed", Detail: err.Error()})
	}
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	}
	var feed struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []link `xml:"link"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Links   []link `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		add("%v", err)
		return out
	}
	if feed.XMLName.Local != "feed" || feed.XMLName.Space != "http://www.w3.org/2005/Atom" {
		add("the root element is {%s}%s, not {http://www.w3.org/2005/Atom}feed", feed.XMLName.Space, feed.XMLName.Local)
	}
	checkDate := func(where, d string) {
		if _, err := time.Parse(time.RFC3339, d); err != nil {
			add("%s: updated %q is not an RFC 3339 date", where, d)
		}
	}
	if !absURL(feed.ID) {
		add("feed id %q is missing or not an absolute IRI", feed.ID)
	}
	if strings.TrimSpace(feed.Title) == "" {
		add("feed has no title")
	}
	checkDate("feed", feed.Updated)
	if len(feed.Authors) == 0 || strings.TrimSpace(feed.Authors[0].Name) == "" {
		add("feed has no author with a name (required unless every entry has one)")
	}
	self := false
	for _, l := range feed.Links {
		if l.Rel == "self" && absURL(l.Href) {
			self = true
		}
	}
	if !self {
		add("feed has no absolute link rel=self")
	}
	for i, e := range feed.Entries {
		where := fmt.Sprintf("entry %d", i+1)
		if !absURL(e.ID) {
			add("%s: id %q is missing or not an absolute IRI", where, e.ID)
		}
		if strings.TrimSpace(e.Title) == "" {
			add("%s: no title", where)
		}
		checkDate(where, e.Updated)
		alt := false
		for _, l := range e.Links {
			if (l.Rel == "" || l.Rel == "alternate") && absURL(l.Href) {
				alt = true
			}
		}
		if !alt {
			add("%s: no absolute alternate link", where)
		}
	}
	return out
}

// TestXML checks sitemap.xml and every feed.xml.
func TestXML(t *testing.T) {
	needSetup(t)
	for _, f := range checkSitemap(suite.public) {
		t.Error(f)
	}
	var feeds []string
	filepath.WalkDir(suite.public, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "feed.xml" {
			feeds = append(feeds, p)
		}
		return nil
	})
	if len(feeds) == 0 {
		t.Error("the build wrote no feed.xml")
	}
	for _, file := range feeds {
		for _, f := range checkFeed(suite.public, file) {
			t.Error(f)
		}
	}
	t.Logf("checked sitemap.xml and %d feeds", len(feeds))
}
