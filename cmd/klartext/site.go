package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/pipeline"
)

// langFlag adds --lang to a command's flags: the language of its
// messages (de or en) instead of the site's.
func langFlag(fs *flag.FlagSet, what string) *string {
	v := new(string)
	fs.Func("lang", "the `language` of "+what+": de or en (default: the site's language; English until site.yaml is read)", func(s string) error {
		if grammar.LanguageTag(s) != nil {
			return fmt.Errorf("%q is not a language code like de or en", s)
		}
		*v = s
		return nil
	})
	return v
}

// messageLanguage is the language a command writes its messages in: the
// --lang flag's, else the site's (site.yaml's language:), else English
// (site.yaml could not be read).
func messageLanguage(flagLang string, res *pipeline.Result) string {
	switch {
	case flagLang != "":
		return flagLang
	case res != nil && res.Site != nil && res.Site.Config.Language != "":
		return res.Site.Config.Language
	}
	return "en"
}

// baseURLFlag adds --baseURL to a command's flags: the address the site is
// built for instead of site.yaml's baseURL (a staging build). The value
// is checked when the flag is read, and the build applies it to the
// settings it loads (pipeline.Options.BaseURL), a serve session's rebuilds
// too.
func baseURLFlag(fs *flag.FlagSet, v *string) {
	fs.Func("baseURL", "build for this `URL` instead of site.yaml's baseURL (a staging server; https://staging.example-bank.de/klartext/)", func(s string) error {
		if _, err := config.NormalizeBaseURL(s); err != nil {
			return errors.New(err.Reason.String() + hintSuffix(err.Hint.String()))
		}
		*v = s
		return nil
	})
}

func hintSuffix(h string) string {
	if h == "" {
		return ""
	}
	return " — " + h
}

// notASite says, in one line, why source is no site and what to run; ""
// when it has content/site.yaml. Without this check the build would list
// the missing folder, the missing settings and a theme it cannot find.
func notASite(source, lang string) string {
	if _, err := os.Stat(filepath.Join(source, filepath.FromSlash(config.File))); !errors.Is(err, fs.ErrNotExist) {
		return "" // there, or the build says why it cannot be read
	}
	name := source
	if name == "." {
		name = diag.Sprintf(lang, "this folder")
	}
	if fi, err := os.Stat(filepath.Join(source, "content")); err == nil && fi.IsDir() {
		return diag.Sprintf(lang, "%s has content/ but no %s, so it is not a klartext site: write the settings there (klartext new site NEW-FOLDER writes a site to copy them from)", name, config.File)
	}
	return diag.Sprintf(lang, "%s is not a klartext site (it has no %s): run klartext new site %s to start one, or pass --source with the site's folder", name, config.File, shellWord(source))
}
