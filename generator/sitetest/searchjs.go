package sitetest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// SearchJS is the path of the theme's search script.
func SearchJS() string { return ThemeJS("search.js") }

// ThemeJS is the path of a script of the default theme.
func ThemeJS(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "themes", "klartext", "static", "js", name)
}

// RunSearchJS runs program in node with the theme's search.js loaded as
// `search` and the JSON of input as `input`; what the program passes to
// `done` comes back, decoded into output. The program may be asynchronous.
// Without node the test is skipped, or fails when CI is set: the browser
// runs this script, and these tests are how it is checked outside one.
func RunSearchJS(t testing.TB, program string, input, output any) {
	t.Helper()
	RunJS(t, SearchJS(), "search", program, input, output)
}

// RunJS is RunSearchJS for the script file, loaded (require) as the
// variable name.
func RunJS(t testing.TB, file, name, program string, input, output any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not installed (scripts/ci-deps.sh installs it)")
		}
		t.Skip("node is not installed")
	}
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	inFile := filepath.Join(t.TempDir(), "input.json")
	if err := os.WriteFile(inFile, in, 0o644); err != nil {
		t.Fatal(err)
	}
	wrapper := `const ` + name + ` = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const done = (v) => process.stdout.write(JSON.stringify(v));
(async () => {` + program + `})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });`
	cmd := exec.Command(node, "-e", wrapper, file, inFile)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if err := json.Unmarshal(out, output); err != nil {
		t.Fatalf("node's output: %v\n%.2000s", err, out)
	}
}

// SearchQuery is one query for SearchJSQuery: words and filters (kind,
// type, risk, costs, lang, branch), as the search page sends them.
type SearchQuery struct {
	Q       string            `json:"q"`
	Filters map[string]string `json:"filters,omitempty"`
}

// SearchJSQuery runs search.js's search for each query over the index in
// the folder dir (a site's /suche/index/), reading the files where the
// browser would fetch them, and returns the URLs each found, best first.
func SearchJSQuery(t testing.TB, dir string, queries []SearchQuery) [][]string {
	t.Helper()
	var got [][]string
	RunSearchJS(t, `
const fs = require('fs');
const ix = new search.Index(input.dir, (url, kind) => {
  const b = fs.readFileSync(url);
  return Promise.resolve(kind === 'json' ? JSON.parse(b.toString('utf8')) : b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
});
const out = [];
for (const q of input.queries) {
  const r = await search.search(ix, q.q, q.filters || {});
  const urls = [];
  for (const h of r.hits) { urls.push((await ix.fragment(h.id)).url); }
  out.push(urls);
}
done(out);`, map[string]any{"dir": filepath.Clean(dir) + string(filepath.Separator), "queries": queries}, &got)
	if len(got) != len(queries) {
		t.Fatalf("%d answers to %d queries", len(got), len(queries))
	}
	return got
}

// SearchFragmentHas reports whether the search fragment of the page at url,
// in the index of the site built into dest, carries text in its title.
func SearchFragmentHas(t testing.TB, dest, url, text string) bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dest, "suche", "index", "f", "*.json"))
	for _, f := range files {
		var frag struct{ URL, Title string }
		data, err := os.ReadFile(f)
		if err == nil {
			err = json.Unmarshal(data, &frag)
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if frag.URL == url {
			return strings.Contains(frag.Title, text)
		}
	}
	t.Errorf("no search fragment for %s", url)
	return false
}
