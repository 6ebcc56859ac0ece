package browsercheck

import (
	"context"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// StartBrowser starts one headless Chromium (the program at chromium) with
// its profile in a folder below tmp; each page opens in a tab of its own
// (Load). Every flag that keeps it from calling home is set, and a proxy
// on a closed local port plus resolver rules make sure no request can
// leave the machine even when a page asks for one: a request to another
// server is still attempted, and seen by the no-tracking check, but ends
// on the closed port 9 of 127.0.0.1.
func StartBrowser(chromium, tmp string) (context.Context, func(), error) {
	profile := filepath.Join(tmp, "chromium-profile")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// The first Do starts the browser and binds it to ctx: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		return nil, nil, err
	}
	return ctx, func() { cancelCtx(); cancelAlloc() }, nil
}
