package generator

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/klartext/klartext/generator/"

// TestImportGraph checks the packages' dependencies, direct or not: no
// package imports the orchestrator (generator/pipeline) but klartext
// serve's incremental builds (generator/incremental), which nothing
// imports — the leaves and the model are used by them, never the other
// way round; the model
// (generator/site) knows no theme, no loading, rendering or writing; load
// fills the model's input (site.Input) and knows no later stage; render
// renders the model's pages, publish the rest of the site with render's
// pages, and neither knows how the site was loaded (nor the product
// sources' readers, productsource: the model is package product).
func TestImportGraph(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module)
		for _, d := range f[1:] {
			if strings.HasPrefix(d, module) {
				deps[pkg] = append(deps[pkg], strings.TrimPrefix(d, module))
			}
		}
	}
	if len(deps) < 30 {
		t.Fatalf("only %d packages listed: %v", len(deps), deps)
	}
	forbid := func(pkg string, not ...string) {
		for _, d := range deps[pkg] {
			if slices.Contains(not, d) {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
	for pkg := range deps {
		if pkg != "pipeline" && pkg != "incremental" {
			forbid(pkg, "pipeline")
		}
		if pkg != "incremental" {
			forbid(pkg, "incremental")
		}
	}
	if !slices.Contains(deps["incremental"], "pipeline") {
		t.Error("incremental runs the stages on what pipeline built: generator/pipeline")
	}
	forbid("site", "load", "render", "publish", "theme", "output", "imaging", "productsource")
	forbid("load", "render", "publish")
	forbid("render", "load", "publish", "output", "productsource")
	forbid("publish", "load", "productsource")
	if !slices.Contains(deps["check"], "site") {
		t.Error("check reads the model: generator/site")
	}
}
