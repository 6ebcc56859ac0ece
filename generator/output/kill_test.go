package output_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/sitetest"
)

// TestKilledBuildLeavesOldOrNewSite builds the klartext binary, then kills
// `klartext build` with SIGKILL at random points of its run, over and over,
// and checks that the destination is always exactly the old site or exactly
// the new one, never a mix or missing, and that the staging folders a
// killed build leaves beside it are removed by the next build.
//
// Two sources alternate, so every run replaces the site the destination
// holds by the other one: each kill can land in the middle of a real
// change, including the swap at the end.
func TestKilledBuildLeavesOldOrNewSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it 100+ times")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the atomic swap is Linux-only; elsewhere the destination is briefly missing")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "klartext")
	if out, err := exec.Command(goBin, "build", "-o", bin, "github.com/klartext/klartext/cmd/klartext").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	sources := [2]string{filepath.Join(tmp, "old"), filepath.Join(tmp, "new")}
	writeGeneratedSite(t, sources[0], 300, "Alte Fassung")
	writeGeneratedSite(t, sources[1], 320, "Neue Fassung")

	// The expected trees, from complete builds into folders of their own.
	var want [2]string
	// took is the quickest of the measured builds: on a busy machine one
	// slow build would stretch the kills' window past the builds that
	// follow, and most of them would finish unkilled.
	took := time.Duration(1<<63 - 1)
	for i, src := range sources {
		ref := filepath.Join(tmp, fmt.Sprintf("ref%d", i))
		t0 := time.Now()
		run(t, bin, src, ref)
		took = min(took, time.Since(t0))
		want[i] = checksums(t, ref)
	}
	if want[0] == want[1] {
		t.Fatal("the two sites must differ")
	}

	parent := filepath.Join(tmp, "www")
	dest := filepath.Join(parent, "public")
	run(t, bin, sources[0], dest)
	holds := 0 // which site dest holds
	if checksums(t, dest) != want[0] {
		t.Fatal("the first build differs from the reference build")
	}

	// One timed run dest to dest, to spread the kills over a build's duration.
	t0 := time.Now()
	run(t, bin, sources[1], dest)
	took = min(took, time.Since(t0))
	holds = 1
	t.Logf("one build takes about %v", took)

	rng := rand.New(rand.NewPCG(2026, 11))
	const runs = 110
	var killed, finished, swapped, leftovers int
	// No time limit: each run ends by itself or is killed within 1.2 builds'
	// time, so the test takes about 60 builds however busy the machine is.
	for i := 0; i < runs; i++ {
		target := 1 - holds
		cmd := exec.Command(bin, "build", "--source", sources[target], "--dest", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(took) * 12 / 10))
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d: build failed: %v", i, err)
			}
			finished++
		case <-time.After(delay):
			_ = cmd.Process.Kill() // SIGKILL
			<-done
			killed++
		}
		got := checksums(t, dest)
		switch got {
		case want[holds]:
		case want[target]:
			holds = target
			swapped++
		default:
			t.Fatalf("run %d (killed after %v): the destination is neither the old nor the new site:\n%s",
				i, delay, diffSummary(want[holds], want[target], got))
		}
		if staging(t, parent) > 0 {
			leftovers++
		}
	}
	t.Logf("%d runs: %d killed, %d finished, %d swapped the site; staging folders left behind after %d",
		runs, killed, finished, swapped, leftovers)
	if killed < runs/2 {
		t.Errorf("only %d of %d runs were killed; the kills do not spread over the build", killed, runs)
	}

	// A complete build removes whatever killed builds left beside dest.
	run(t, bin, sources[1-holds], dest)
	if got := checksums(t, dest); got != want[1-holds] {
		t.Error("the final build is not the expected site")
	}
	if n := staging(t, parent); n != 0 {
		t.Errorf("%d staging folders remain after a complete build", n)
	}
}

func run(t *testing.T, bin, src, dest string) {
	t.Helper()
	if out, err := exec.Command(bin, "build", "--source", src, "--dest", dest).CombinedOutput(); err != nil {
		t.Fatalf("klartext build: %v\n%s", err, out)
	}
}

// writeGeneratedSite writes a site with n pages in a few sections.
func writeGeneratedSite(t *testing.T, root string, n int, version string) {
	t.Helper()
	files := map[string]string{
		"content/site.yaml": "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\n",
		"content/_index.md": "---\ntitle: Willkommen\n---\n" + version + ".\n",
	}
	for i := 0; i < n; i++ {
		sec := []string{"wissen", "ratgeber", "bank"}[i%3]
		files[fmt.Sprintf("content/%s/seite-%03d.md", sec, i)] = fmt.Sprintf(
			"---\ntitle: Seite %d\ntopics: [thema-%d]\n---\n## Abschnitt\n\n%s, Seite %d. %s\n\n"+
				"Siehe [die nächste Seite](seite-%03d.md) und [oben](#abschnitt).\n",
			i, i%7, version, i, strings.Repeat("Klartext über Kosten und Risiken. ", 20), i)
	}
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checksums lists every file below dir with its SHA-256, sorted.
func checksums(t *testing.T, dir string) string { return sitetest.Checksums(t, dir) }

// staging counts klartext's temporary folders in parent.
func staging(t *testing.T, parent string) int {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".klartext-") {
			n++
		}
	}
	return n
}

func diffSummary(old, new, got string) string {
	in := func(list string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(list, "\n") {
			m[l] = true
		}
		return m
	}
	o, n := in(old), in(new)
	var odd []string
	for _, l := range strings.Split(got, "\n") {
		if !o[l] && !n[l] {
			odd = append(odd, l)
		}
	}
	return fmt.Sprintf("%d files; %d match neither site: %s", len(strings.Split(got, "\n")), len(odd),
		strings.Join(odd[:min(len(odd), 5)], ", "))
}
