package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildListsExpiredPages: the build's summary names a page whose
// expires: day has passed, with the day, and counts it as skipped.
func TestBuildListsExpiredPages(t *testing.T) {
	dir := newSite(t)
	past := time.Now().AddDate(0, 0, -3).Format("2006-01-02")
	page := "---\ntitle: \"Aktion\"\nexpires: " + past + "\n---\nVorbei.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "aktion.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--lang", "en", "--source", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	out := stdout.String()
	if want := "expired, no longer published: content/aktion.md (expires " + past + ")\n"; !strings.Contains(out, want) {
		t.Errorf("the summary lacks %q:\n%s", want, out)
	}
	if !strings.Contains(out, " 1 skipped in ") {
		t.Errorf("the expired page is not counted as skipped:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "aktion", "index.html")); err == nil {
		t.Error("the expired page is published")
	}
}
