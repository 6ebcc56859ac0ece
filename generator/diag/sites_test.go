package diag

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// A formatSite is one constant format passed to a function that makes a
// diagnostic's message or hint, where the source passes it.
type formatSite struct {
	Format string
	Pos    token.Position
}

// sink is a function whose argument at Arg is a diagnostic's format: the
// package's own (Errorf, Warnf, List.Error, List.Warn, WithHint) and the
// wrappers the module writes around them.
type sink struct {
	Pkg  string // the package directory a wrapper lives in; "" for diag's own
	Name string
	Arg  int
	// Method: called as x.Name(…); a package's own functions are called
	// by their bare name (a wrapper) or as diag.Name.
	Method bool
	// MinArgs keeps List.Error and List.Warn apart from the error methods
	// of other types, which take fewer arguments.
	MinArgs int
}

var diagSinks = []sink{
	{Name: "Errorf", Arg: 2},
	{Name: "Warnf", Arg: 2},
	{Name: "Error", Arg: 2, Method: true, MinArgs: 3},
	{Name: "Warn", Arg: 2, Method: true, MinArgs: 3},
	{Name: "WithHint", Arg: 0, Method: true, MinArgs: 1},
	{Name: "Sprintf", Arg: 1},
	{Name: "T", Arg: 0},
	{Name: "Err", Arg: 0},
}

// moduleRoot is the folder of go.mod above this package.
func moduleRoot(t *testing.T) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the diag package")
		}
		dir = up
	}
}

type parsedFile struct {
	pkg  string // directory relative to the module root
	file *ast.File
}

// parseModule parses every non-test Go file under generator/ and cmd/.
func parseModule(t *testing.T, root string) (*token.FileSet, []parsedFile) {
	fset := token.NewFileSet()
	var files []parsedFile
	for _, top := range []string{"generator", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			files = append(files, parsedFile{filepath.ToSlash(rel), f})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fset, files
}

// scanFormats finds every format passed to a diagnostic's maker in the
// module: constant ones as sites, and, as problems, each call that
// passes a format which is neither a constant nor a wrapper's parameter
// (a wrapper's callers are then the sites). A wrapper is a function with
// a string parameter it passes on as the format together with its
// variadic arguments.
func scanFormats(t *testing.T) (sites []formatSite, problems []string) {
	root := moduleRoot(t)
	fset, files := parseModule(t, root)
	sinks := append([]sink(nil), diagSinks...)
	consts := stringConstants(files)
	pos := func(n ast.Node) token.Position {
		p := fset.Position(n.Pos())
		if rel, err := filepath.Rel(root, p.Filename); err == nil {
			p.Filename = filepath.ToSlash(rel)
		}
		return p
	}
	// Find the wrappers first (to a fixed point: a wrapper of a wrapper),
	// then the sites.
	for changed := true; changed; {
		changed = false
		for _, pf := range files {
			forEachCall(pf, sinks, func(fn *ast.FuncType, name string, call *ast.CallExpr, s sink) {
				id, ok := call.Args[s.Arg].(*ast.Ident)
				if !ok || fn == nil || name == "" {
					return
				}
				if i := paramIndex(fn, id.Name); i >= 0 && forwardsVariadic(fn, call) {
					w := sink{Pkg: pf.pkg, Name: name, Arg: i}
					if !hasSink(sinks, w) {
						sinks = append(sinks, w)
						changed = true
					}
				}
			})
		}
	}
	for _, pf := range files {
		forEachCall(pf, sinks, func(fn *ast.FuncType, name string, call *ast.CallExpr, s sink) {
			arg := call.Args[s.Arg]
			if f, ok := constantString(arg, consts[pf.pkg]); ok {
				sites = append(sites, formatSite{f, pos(arg)})
				return
			}
			if id, ok := arg.(*ast.Ident); ok && fn != nil && name != "" && paramIndex(fn, id.Name) >= 0 && forwardsVariadic(fn, call) {
				return // a wrapper: its callers are the sites
			}
			problems = append(problems, pos(arg).String()+": the format is not a constant string, so it cannot be translated: pass the format and its arguments")
		})
	}
	sort.Slice(sites, func(i, j int) bool {
		a, b := sites[i].Pos, sites[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	return sites, problems
}

func hasSink(sinks []sink, w sink) bool {
	for _, s := range sinks {
		if s.Pkg == w.Pkg && s.Name == w.Name && s.Arg == w.Arg {
			return true
		}
	}
	return false
}

// forEachCall calls f for every call of a sink in pf, with the function
// (declared or literal, with the name it is called by) the call is in.
func forEachCall(pf parsedFile, sinks []sink, f func(fn *ast.FuncType, name string, call *ast.CallExpr, s sink)) {
	var walk func(n ast.Node, fn *ast.FuncType, name string)
	walk = func(n ast.Node, fn *ast.FuncType, name string) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				// name := func(…) {…}: a wrapper called by that name.
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					if lit, ok := n.Rhs[0].(*ast.FuncLit); ok {
						if id, ok := n.Lhs[0].(*ast.Ident); ok {
							walk(lit.Body, lit.Type, id.Name)
							return false
						}
					}
				}
			case *ast.FuncLit:
				walk(n.Body, n.Type, "")
				return false
			case *ast.CallExpr:
				for _, s := range sinks {
					if calls(n, s, pf.pkg) {
						f(fn, name, n, s)
					}
				}
			}
			return true
		})
	}
	for _, d := range pf.file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Body != nil {
				walk(d.Body, d.Type, d.Name.Name)
			}
		case *ast.GenDecl: // var x = …diag.T("…")…, as a registry's entries
			walk(d, nil, "")
		}
	}
}

// calls reports whether call is a call of s.
func calls(call *ast.CallExpr, s sink, pkg string) bool {
	if len(call.Args) <= s.Arg || len(call.Args) < s.MinArgs {
		return false
	}
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		if s.Pkg == "" { // diag's own, called so inside diag
			return pkg == "generator/diag" && !s.Method && fun.Name == s.Name
		}
		return s.Pkg == pkg && fun.Name == s.Name
	case *ast.SelectorExpr:
		if fun.Sel.Name != s.Name {
			return false
		}
		if s.Pkg != "" {
			return s.Pkg == pkg // a wrapper method, x.name(…)
		}
		if x, ok := fun.X.(*ast.Ident); ok && x.Name == "diag" {
			return !s.Method
		} else if ok && x.Name == "http" {
			return false // http.Error(w, text, status)
		}
		return s.Method
	}
	return false
}

// paramIndex is the index of the string parameter called name, -1 if
// there is none.
func paramIndex(fn *ast.FuncType, name string) int {
	i := 0
	for _, field := range fn.Params.List {
		n := len(field.Names)
		if n == 0 {
			n = 1
		}
		for _, id := range field.Names {
			if id.Name == name {
				if t, ok := field.Type.(*ast.Ident); ok && t.Name == "string" {
					return i
				}
				return -1
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return -1
}

// forwardsVariadic reports whether call ends with the function's
// variadic parameter passed on (a...).
func forwardsVariadic(fn *ast.FuncType, call *ast.CallExpr) bool {
	if !call.Ellipsis.IsValid() || len(fn.Params.List) == 0 {
		return false
	}
	last := fn.Params.List[len(fn.Params.List)-1]
	if _, ok := last.Type.(*ast.Ellipsis); !ok || len(last.Names) != 1 {
		return false
	}
	id, ok := call.Args[len(call.Args)-1].(*ast.Ident)
	return ok && id.Name == last.Names[0].Name
}

// stringConstants are the package-level string constants of each package
// directory, as a format may be one.
func stringConstants(files []parsedFile) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, pf := range files {
		for _, d := range pf.file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if i < len(vs.Values) {
						if s, ok := constantString(vs.Values[i], nil); ok {
							if out[pf.pkg] == nil {
								out[pf.pkg] = map[string]string{}
							}
							out[pf.pkg][id.Name] = s
						}
					}
				}
			}
		}
	}
	return out
}

// constantString is e's value when e is a string literal, a sum of them,
// or a package constant.
func constantString(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := constantString(e.X, consts)
		b, ok2 := constantString(e.Y, consts)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constantString(e.X, consts)
	case *ast.Ident:
		s, ok := consts[e.Name]
		return s, ok
	}
	return "", false
}

// TestEveryMessageHasItsGerman: every constant format the module passes
// to a diagnostic's maker (Errorf, Warnf, List.Error, List.Warn,
// WithHint, Sprintf, T, Err and the wrappers around them) has its German entry,
// every entry is used, and no call site passes a format that is not a
// constant (it could not be looked up). So a new message without German
// cannot land: this test names its file and line.
func TestEveryMessageHasItsGerman(t *testing.T) {
	sites, problems := scanFormats(t)
	if len(sites) < 300 {
		t.Fatalf("found only %d formats in the source: the scan misses the call sites", len(sites))
	}
	for _, p := range problems {
		t.Error(p)
	}
	used := map[string]bool{}
	for _, s := range sites {
		used[s.Format] = true
		if _, ok := german[s.Format]; !ok {
			t.Errorf("%s: the message %q has no German: add it to generator/diag/de.go", s.Pos, s.Format)
		}
	}
	var stale []string
	for en := range german {
		if !used[en] {
			stale = append(stale, en)
		}
	}
	sort.Strings(stale)
	for _, en := range stale {
		t.Errorf("generator/diag/de.go: no call site passes %q any more: remove its entry", en)
	}
	if out := os.Getenv("KLARTEXT_DUMP_MESSAGES"); out != "" {
		// For translators: the missing entries in the catalog's form.
		var b strings.Builder
		for _, s := range sites {
			if _, ok := german[s.Format]; !ok {
				fmt.Fprintf(&b, "\t// %s\n\t%s:\n\t\t\"\",\n", s.Pos, strconv.Quote(s.Format))
			}
		}
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGermanHasTheSameVerbs: a German format takes the English one's
// arguments with the same verbs, each once, in any order (%[2]s).
func TestGermanHasTheSameVerbs(t *testing.T) {
	for en, de := range german {
		a, errA := formatVerbs(en)
		b, errB := formatVerbs(de)
		switch {
		case errA != nil:
			t.Errorf("%q: %v", en, errA)
		case errB != nil:
			t.Errorf("the German of %q: %v", en, errB)
		case a != b:
			t.Errorf("the German of %q takes %s, the English %s:\n\t%q", en, b, a, de)
		}
	}
}

// formatVerbs describes which verb a format applies to each argument, in
// the arguments' order ("1:%d 2:%q"); an argument used twice, or a
// format fmt cannot read, is an error.
func formatVerbs(f string) (string, error) {
	verbs := map[int]string{}
	arg := 1
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		start := i
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		flags := f[start:i]
		if i < len(f) && f[i] == '[' {
			end := strings.IndexByte(f[i:], ']')
			if end < 0 {
				return "", fmt.Errorf("an unclosed [ in %q", f)
			}
			n, err := strconv.Atoi(f[i+1 : i+end])
			if err != nil || n < 1 {
				return "", fmt.Errorf("a bad argument index in %q", f)
			}
			arg, i = n, i+end+1
		}
		w := i
		for i < len(f) && (f[i] >= '0' && f[i] <= '9' || f[i] == '.') {
			i++
		}
		if i >= len(f) {
			return "", fmt.Errorf("a %% without a verb at the end of %q", f)
		}
		if f[i] == '%' && i == start {
			continue // %%
		}
		v := "%" + flags + f[w:i] + string(f[i])
		if _, twice := verbs[arg]; twice {
			return "", fmt.Errorf("argument %d used twice in %q", arg, f)
		}
		verbs[arg] = v
		arg++
	}
	var parts []string
	for n := 1; n <= len(verbs); n++ {
		v, ok := verbs[n]
		if !ok {
			return "", fmt.Errorf("argument %d is not used in %q", n, f)
		}
		parts = append(parts, strconv.Itoa(n)+":"+v)
	}
	return strings.Join(parts, " "), nil
}

func TestFormatVerbs(t *testing.T) {
	for _, tc := range []struct{ f, want string }{
		{"no verbs, 100%% sure", ""},
		{"%d more %s like %q", "1:%d 2:%s 3:%q"},
		{"%[2]s vor %[1]d", "1:%d 2:%s"},
		{"%.1f MB, 0x%02X", "1:%.1f 2:%02X"},
	} {
		if got, err := formatVerbs(tc.f); err != nil || got != tc.want {
			t.Errorf("formatVerbs(%q) = %q, %v; want %q", tc.f, got, err, tc.want)
		}
	}
	for _, bad := range []string{"%s and %[1]s", "%[2]s alone", "ends in %"} {
		if _, err := formatVerbs(bad); err == nil {
			t.Errorf("formatVerbs(%q) gave no error", bad)
		}
	}
}

// TestNoMessageBypassesTheMakers: outside this package, no code sets a
// diagnostic's Message or Hint but through the makers (Errorf, Warnf,
// WithHint, …), which keep the format Localize translates: a
// diag.Diagnostic literal with a Message or Hint, or an assignment of a
// string to a Message or Hint field (x.Hint = "…", = fmt.Sprintf(…), =
// err.Error(), = a function of the module that returns a string), would
// stay English on a German site. (An assignment of a diag.Text, as
// frontmatter.Error's Hint, is what the makers take and passes.) The
// check reads the source without types, so a string variable assigned so
// goes unseen; the literal forms are the ones code writes.
func TestNoMessageBypassesTheMakers(t *testing.T) {
	root := moduleRoot(t)
	fset, files := parseModule(t, root)
	stringFuncs := stringResultFuncs(files)
	var problems []string
	report := func(n ast.Node, what string) {
		p := fset.Position(n.Pos())
		if rel, err := filepath.Rel(root, p.Filename); err == nil {
			p.Filename = filepath.ToSlash(rel)
		}
		problems = append(problems, fmt.Sprintf("%s: %s bypasses diag's makers, so Localize cannot translate it: make the diagnostic with diag.Errorf or diag.Warnf and its hint with WithHint", p, what))
	}
	for _, pf := range files {
		if pf.pkg == "generator/diag" {
			continue
		}
		imports := importNames(pf.file)
		ast.Inspect(pf.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Diagnostic" && isIdent(sel.X, "diag") {
					for _, el := range n.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							report(n, "a diag.Diagnostic literal without keys")
							break
						}
						if k, ok := kv.Key.(*ast.Ident); ok && (k.Name == "Message" || k.Name == "Hint") {
							report(kv, "a diag.Diagnostic literal's "+k.Name)
						}
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					sel, ok := lhs.(*ast.SelectorExpr)
					if !ok || (sel.Sel.Name != "Message" && sel.Sel.Name != "Hint") || i >= len(n.Rhs) {
						continue
					}
					if isStringExpr(n.Rhs[i], pf.pkg, imports, stringFuncs) {
						report(n, "the assignment of a string to ."+sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
	for _, p := range problems {
		t.Error(p)
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// importNames maps the names a file refers to its module imports by to
// their package directories ("diag" → "generator/diag").
func importNames(f *ast.File) map[string]string {
	const module = "github.com/klartext/klartext/"
	out := map[string]string{}
	for _, im := range f.Imports {
		p, err := strconv.Unquote(im.Path.Value)
		if err != nil || !strings.HasPrefix(p, module) {
			continue
		}
		name := p[strings.LastIndexByte(p, '/')+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		out[name] = strings.TrimPrefix(p, module)
	}
	return out
}

// stringResultFuncs are the module's functions and methods with one
// result, of type string, by package directory and name.
func stringResultFuncs(files []parsedFile) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, pf := range files {
		for _, d := range pf.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Type.Results == nil || len(fd.Type.Results.List) != 1 || len(fd.Type.Results.List[0].Names) > 1 {
				continue
			}
			if isIdent(fd.Type.Results.List[0].Type, "string") {
				if out[pf.pkg] == nil {
					out[pf.pkg] = map[string]bool{}
				}
				out[pf.pkg][fd.Name.Name] = true
			}
		}
	}
	return out
}

// isStringExpr reports an expression that is a string by its form: a
// string literal, a sum with one, fmt.Sprint…, x.Error() or x.String(),
// or a call of a function of the module that returns a string.
func isStringExpr(e ast.Expr, pkg string, imports map[string]string, funcs map[string]map[string]bool) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.STRING
	case *ast.ParenExpr:
		return isStringExpr(e.X, pkg, imports, funcs)
	case *ast.BinaryExpr:
		return e.Op == token.ADD && (isStringExpr(e.X, pkg, imports, funcs) || isStringExpr(e.Y, pkg, imports, funcs))
	case *ast.CallExpr:
		switch fun := e.Fun.(type) {
		case *ast.Ident:
			return funcs[pkg][fun.Name]
		case *ast.SelectorExpr:
			if x, ok := fun.X.(*ast.Ident); ok {
				if x.Name == "fmt" && strings.HasPrefix(fun.Sel.Name, "Sprint") {
					return true
				}
				if dir, ok := imports[x.Name]; ok {
					return funcs[dir][fun.Sel.Name]
				}
			}
			return fun.Sel.Name == "Error" || fun.Sel.Name == "String"
		}
	}
	return false
}
