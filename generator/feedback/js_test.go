package feedback

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

// TestFeedbackJS runs feedback.js in node against a fake DOM for every
// provider's WidgetData: nothing loads before the click, the embed is created
// as Widget describes it, storage is only used when the reader asks.
func TestFeedbackJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	type jsCase struct {
		Provider        string            `json:"provider"`
		Consent         string            `json:"consent"`
		Origin          string            `json:"origin"`
		Embed           string            `json:"embed"`
		Remember        bool              `json:"remember"`
		WantScript      string            `json:"wantScript"`
		WantScriptAttrs map[string]string `json:"wantScriptAttrs,omitempty"`
		WantContainer   *Element          `json:"wantContainer,omitempty"`
		WantConfigVar   string            `json:"wantConfigVar,omitempty"`
		WantConfig      map[string]string `json:"wantConfig,omitempty"`
	}
	var cases []jsCase
	for i, name := range []string{"isso", "remark42", "giscus", "utterances", "cusdis"} {
		w := Widget(testSettings[name], testPage, i18n.MustBuiltin("de"))
		c := jsCase{Provider: w.Provider, Consent: w.Consent, Origin: w.Origin, Embed: w.Embed, Remember: i%2 == 0,
			WantScript: w.EmbedSpec.Script, WantScriptAttrs: w.EmbedSpec.ScriptAttrs, WantContainer: w.EmbedSpec.Container,
			WantConfigVar: w.EmbedSpec.ConfigVar, WantConfig: w.EmbedSpec.Config}
		cases = append(cases, c)
	}
	b, _ := json.Marshal(cases)
	casesFile := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(casesFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join("..", "..", "themes", "klartext", "static", "js", "feedback.js")
	out, err := exec.Command(node, filepath.Join("testdata", "feedback_js_test.js"), script, casesFile).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
}
