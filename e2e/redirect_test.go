package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAliasLandsOnTheNewPage: the demo's glossary has aliases:
// [/begriffe/]; a reader who opens the old address lands on the glossary,
// led there by the redirect page's meta refresh (no script).
func TestAliasLandsOnTheNewPage(t *testing.T) {
	needBrowser(t)
	tb := openTab(t, suite.srv.URL, page{Kind: "redirect", Path: "/begriffe/", Name: "alias"})
	// The refresh replaces the document: an evaluation may meet the old
	// one's context as it goes, so ask again until the new page is there.
	const landed = `location.pathname === "/glossar/" && document.readyState === "complete" && document.querySelector("h1") !== null`
	deadline := time.Now().Add(guard)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, guard)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](landed))
		cancel()
		if err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("opening /begriffe/ did not land on /glossar/ (%v)", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if h1 := eval[string](tb, "h1", `document.querySelector("h1").textContent.trim()`); h1 != "Glossar" {
		t.Errorf("the page reached by /begriffe/ has the heading %q, want Glossar", h1)
	}
}
