package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackexport"
	"github.com/klartext/klartext/generator/feedbackimport"
	"github.com/klartext/klartext/generator/feedbackserver"
	"github.com/klartext/klartext/generator/feedbackstore"
)

// feedbackCommands are the subcommands of klartext feedback.
func feedbackCommands() []command {
	return []command{
		{"serve", "receive the site's feedback form and store every message", runFeedbackServe},
		{"list", "list messages (filter by state, kind, page, unanswered)", runFeedbackList},
		{"show", "show one message in full, with its answer and e-mail address", runFeedbackShow},
		{"answer", "set the bank's answer to a message (--text, --file or - for standard input)", runFeedbackAnswer},
		{"publish", "make a message's comment public, with its answer unless --answer=false", runFeedbackPublish},
		{"hide", "take a message's comment and answer off the site (it still counts)", runFeedbackHide},
		{"classify", "give an imported comment its kind (praise, criticism, question)", runFeedbackClassify},
		{"export", "write content/data/feedback.csv for the build", runFeedbackExport},
		{"import", "import comments from Isso's database or a remark42 backup", runFeedbackImport},
		{"purge", "delete the e-mail addresses whose time is up", runFeedbackPurge},
		{"backup", "write a consistent copy of the database to a new file", runFeedbackBackup},
	}
}

func runFeedback(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		w := stdout
		if len(args) == 0 {
			w = stderr
		}
		fmt.Fprintln(w, "klartext feedback runs the receiver of the site's feedback form and the editors' workflow.")
		fmt.Fprintln(w, "\nUsage: klartext feedback <command> --db FILE [flags]\n\nCommands:")
		for _, c := range feedbackCommands() {
			fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
		}
		fmt.Fprintln(w, "\nRun klartext feedback <command> --help for a command's flags.")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range feedbackCommands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "klartext feedback: unknown command %q\n", args[0])
	return 2
}

// feedbackFlags is a subcommand's flag set with --db; usage names the
// positional arguments.
type feedbackFlags struct {
	*flag.FlagSet
	db     *string
	name   string
	usage  string
	stderr io.Writer
}

func newFeedbackFlags(name, usage, about string, stderr io.Writer) *feedbackFlags {
	fs := flag.NewFlagSet("feedback "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &feedbackFlags{FlagSet: fs, name: name, usage: usage, stderr: stderr}
	f.db = fs.String("db", "", "the feedback database `file` (created by serve)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: klartext feedback %s --db FILE %s\n\n%s\n\nFlags:\n", name, usage, about)
		fs.PrintDefaults()
	}
	return f
}

// parse reads flags before, between and after the positional arguments
// (klartext feedback answer 12 --file a.txt) and checks their number
// (positional < 0: any). It returns the exit code to use when the command
// must not run (-1: run).
func (f *feedbackFlags) parse(args []string, positional int) ([]string, int) {
	var rest []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0
			}
			return nil, 2
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
	if positional >= 0 && len(rest) != positional {
		fmt.Fprintf(f.stderr, "klartext feedback %s: expected %d argument(s) (%s), got %d\n", f.name, positional, f.usage, len(rest))
		return nil, 2
	}
	if *f.db == "" {
		fmt.Fprintf(f.stderr, "klartext feedback %s: --db FILE is required\n", f.name)
		return nil, 2
	}
	return rest, -1
}

// open opens the database named by --db; a missing file is an error for
// every command but serve and import (a mistyped name must not create an
// empty one).
func (f *feedbackFlags) open(create bool) (*feedbackstore.Store, bool) {
	if !create {
		if _, err := os.Stat(*f.db); err != nil {
			fmt.Fprintf(f.stderr, "klartext feedback %s: %v\n", f.name, err)
			return nil, false
		}
	}
	st, err := feedbackstore.Open(*f.db)
	if err != nil {
		fmt.Fprintf(f.stderr, "klartext feedback %s: %v\n", f.name, err)
		return nil, false
	}
	return st, true
}

func (f *feedbackFlags) fail(err error) int {
	fmt.Fprintf(f.stderr, "klartext feedback %s: %v\n", f.name, err)
	return 1
}

// days is a duration flag that also reads whole days ("90d").
type days struct{ d *time.Duration }

func (v days) String() string {
	if v.d == nil {
		return ""
	}
	if *v.d%(24*time.Hour) == 0 && *v.d > 0 {
		return strconv.Itoa(int(*v.d/(24*time.Hour))) + "d"
	}
	return v.d.String()
}

func (v days) Set(s string) error {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 {
			return fmt.Errorf("%q is not a number of days", s)
		}
		*v.d = time.Duration(i) * 24 * time.Hour
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return fmt.Errorf("%q is not a duration (e.g. 90d, 12h, 3s)", s)
	}
	*v.d = d
	return nil
}

type rateFlag struct{ r *feedbackserver.Rate }

func (v rateFlag) String() string {
	if v.r == nil {
		return ""
	}
	return v.r.String()
}

func (v rateFlag) Set(s string) error {
	r, err := feedbackserver.ParseRate(s)
	if err == nil {
		*v.r = r
	}
	return err
}

func runFeedbackServe(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("serve", "--origin URL [flags]",
		"Receives the site's feedback form (provider form) and stores every accepted message in the database\n"+
			"before it answers. Point feedback.endpoint in site.yaml at it through a reverse proxy. Stops\n"+
			"gracefully on SIGINT or SIGTERM. Purges due e-mail addresses at start and every hour.", stderr)
	bind := f.String("bind", "127.0.0.1", "the `address` to listen on")
	port := f.Int("port", 8080, "the `port` to listen on (0: any free one, printed at start)")
	cfg := feedbackserver.Config{MinFill: feedbackserver.DefaultMinFill, MaxAge: feedbackserver.DefaultMaxAge,
		KeepEmail: feedbackserver.DefaultKeepEmail, Submissions: feedbackserver.Rate{N: 10, Per: time.Hour},
		Tokens: feedbackserver.Rate{N: 60, Per: time.Hour}}
	f.StringVar(&cfg.Origin, "origin", "", "the site's base `URL` (e.g. https://www.example-bank.de): forms from elsewhere are refused")
	f.StringVar(&cfg.Path, "path", feedbackserver.DefaultPath, "the `path` the form posts to, as the receiver sees it")
	f.Var(days{&cfg.MinFill}, "min-fill", "the least `time` from the start of a form to its sending")
	f.Var(days{&cfg.MaxAge}, "max-age", "how long a started form stays valid (`duration`)")
	f.Var(rateFlag{&cfg.Submissions}, "rate", "messages per address (`N/PERIOD`, 0 for no limit)")
	f.Var(rateFlag{&cfg.Tokens}, "token-rate", "form starts per address (`N/PERIOD`, 0 for no limit)")
	f.Var(days{&cfg.KeepEmail}, "keep-email", "how long an e-mail address for a reply is kept (`duration`, e.g. 90d)")
	f.StringVar(&cfg.RealIPHeader, "real-ip-header", "", "the `header` with the reader's address, set by a reverse proxy on loopback (X-Real-IP, X-Forwarded-For)")
	f.StringVar(&cfg.Lang, "lang", "de", "the `language` of the receiver's own pages (de or en)")
	if _, code := f.parse(args, 0); code >= 0 {
		return code
	}
	if cfg.Origin == "" {
		fmt.Fprintln(stderr, "klartext feedback serve: --origin URL is required (the site's base URL)")
		return 2
	}
	st, ok := f.open(true)
	if !ok {
		return 1
	}
	defer st.Close()
	logger := log.New(stderr, "klartext feedback serve: ", log.LstdFlags)
	cfg.Log = logger
	srv, err := feedbackserver.New(cfg, st)
	if err != nil {
		return f.fail(err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return f.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	purge(ctx, st, logger) // before the first message is taken
	go purgeHourly(ctx, st, logger)
	fmt.Fprintf(stdout, "klartext feedback serve: listening on http://%s%s for %s, database %s\n", ln.Addr(), cfg.Path, cfg.Origin, st.Path())
	if err := srv.Serve(ctx, ln, 10*time.Second); err != nil {
		return f.fail(err)
	}
	fmt.Fprintln(stdout, "klartext feedback serve: stopped; every acknowledged message is stored")
	return 0
}

// purge deletes due e-mail addresses and expired token nonces.
func purge(ctx context.Context, st *feedbackstore.Store, logger *log.Logger) {
	if p, err := st.Purge(ctx, time.Now(), 0); err != nil && ctx.Err() == nil {
		logger.Printf("purge: %v", err)
	} else if p.Emails > 0 {
		logger.Printf("purged %d e-mail address(es)", p.Emails)
	}
}

// purgeHourly purges every hour until ctx is done.
func purgeHourly(ctx context.Context, st *feedbackstore.Store, logger *log.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			purge(ctx, st, logger)
		}
	}
}

func runFeedbackList(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("list", "[flags]", "Lists messages, oldest first: id, day, kind, state, whether answered, page (and the videos the message is about), the comment's start.", stderr)
	state := f.String("state", "", "only messages in this `state`: new, published or hidden")
	kind := f.String("kind", "", "only messages of this `kind`: praise, criticism, question or comment")
	page := f.String("page", "", "only messages on this page `path`")
	unanswered := f.Bool("unanswered", false, "only messages without an answer")
	limit := f.Int("limit", 0, "at most `N` messages")
	if _, code := f.parse(args, 0); code >= 0 {
		return code
	}
	if *state != "" && !slices.Contains([]string{"new", "published", "hidden"}, *state) {
		fmt.Fprintf(stderr, "klartext feedback list: --state %q: one of new, published, hidden\n", *state)
		return 2
	}
	if *kind != "" && !isKind(*kind) {
		fmt.Fprintf(stderr, "klartext feedback list: --kind %q: one of praise, criticism, question, comment\n", *kind)
		return 2
	}
	st, ok := f.open(false)
	if !ok {
		return 1
	}
	defer st.Close()
	filter := feedbackstore.Filter{State: feedbackstore.State(*state), Kind: feedback.Kind(*kind), Unanswered: *unanswered, Limit: *limit}
	if *page != "" {
		p, perr := feedback.CanonicalPath(*page)
		if perr != "" {
			fmt.Fprintf(stderr, "klartext feedback list: --page %q: %s\n", *page, perr)
			return 2
		}
		filter.Page = p
	}
	ms, err := st.List(context.Background(), filter)
	if err != nil {
		return f.fail(err)
	}
	for _, m := range ms {
		answered := "-"
		if !m.Answered.IsZero() {
			answered = "answered"
		}
		fmt.Fprintf(stdout, "%6d  %s  %-9s  %-9s  %-8s  %s%s  %s\n", m.ID, m.Received.Format(time.DateOnly), m.Kind, m.State, answered, m.Page, videoNote(m.Videos), excerpt(m.Comment, 60))
	}
	fmt.Fprintf(stderr, "%d message(s)\n", len(ms))
	return 0
}

// videoNote names the videos a message is about after its page in list.
func videoNote(videos []string) string {
	if len(videos) == 0 {
		return ""
	}
	return " (video: " + excerpt(strings.Join(videos, "; "), 40) + ")"
}

func isKind(k string) bool {
	return slices.Contains([]string{"praise", "criticism", "question", "comment"}, k)
}

// excerpt is the start of a comment on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// messageID reads a message id argument.
func messageID(f *feedbackFlags, arg string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
	if err != nil || id < 1 {
		fmt.Fprintf(f.stderr, "klartext feedback %s: %q is not a message id (see klartext feedback list)\n", f.name, arg)
		return 0, false
	}
	return id, true
}

func runFeedbackShow(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("show", "ID", "Shows one message in full: what the reader sent (with the videos of the page), the e-mail address while it is kept, the answer, what is public.", stderr)
	rest, code := f.parse(args, 1)
	if code >= 0 {
		return code
	}
	return withMessage(f, rest[0], func(st *feedbackstore.Store, id int64) int {
		m, err := st.Get(context.Background(), id)
		if err != nil {
			return f.fail(err)
		}
		printMessage(stdout, m)
		return 0
	})
}

// withMessage parses the message id arg, opens the database and runs do.
func withMessage(f *feedbackFlags, arg string, do func(*feedbackstore.Store, int64) int) int {
	id, ok := messageID(f, arg)
	if !ok {
		return 2
	}
	st, ok := f.open(false)
	if !ok {
		return 1
	}
	defer st.Close()
	return do(st, id)
}

// printMessage is show's output.
func printMessage(stdout io.Writer, m feedbackstore.Message) {
	w := func(k, v string) { fmt.Fprintf(stdout, "%-10s %s\n", k+":", v) }
	w("id", strconv.FormatInt(m.ID, 10))
	w("received", m.Received.Format(time.RFC3339))
	w("page", m.Page)
	if m.Title != "" {
		w("title", m.Title)
	}
	for _, v := range m.Videos {
		w("video", v)
	}
	w("kind", string(m.Kind))
	var ratings []string
	for i, r := range m.Ratings {
		if r > 0 {
			ratings = append(ratings, fmt.Sprintf("%s %d", feedback.Factors[i], r))
		}
	}
	if len(ratings) > 0 {
		w("ratings", strings.Join(ratings, ", "))
	}
	w("source", m.Source+sourceID(m))
	w("state", string(m.State)+publicNote(m))
	if m.Email != "" {
		w("e-mail", m.Email+" (deleted on "+m.EmailPurged.Format(time.DateOnly)+")")
	}
	fmt.Fprintf(stdout, "\ncomment:\n%s\n", indent(m.Comment))
	if !m.Answered.IsZero() {
		fmt.Fprintf(stdout, "\nanswer (%s):\n%s\n", m.Answered.Format(time.DateOnly), indent(m.Answer))
	}
}

func sourceID(m feedbackstore.Message) string {
	if m.SourceID == "" {
		return ""
	}
	return " (id " + m.SourceID + ")"
}

func publicNote(m feedbackstore.Message) string {
	switch {
	case m.State == feedbackstore.Published && m.AnswerPublic:
		return " (the comment and its answer are public)"
	case m.State == feedbackstore.Published:
		return " (the comment is public, its answer is not)"
	}
	return " (not public; counted in the balance)"
}

func indent(s string) string {
	if s == "" {
		return "  (none)"
	}
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

func runFeedbackAnswer(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("answer", "ID (--text TEXT | --file FILE | -)",
		"Sets the bank's answer to a message (replacing an earlier one); - reads it from standard input.\n"+
			"It is public once the message is published (klartext feedback publish).", stderr)
	text := f.String("text", "", "the answer's `text`")
	file := f.String("file", "", "read the answer from this `file`")
	date := f.String("date", "", "the answer's `day` (YYYY-MM-DD; default today)")
	rest, code := f.parse(args, -1)
	if code >= 0 {
		return code
	}
	fromStdin := len(rest) == 2 && rest[1] == "-"
	if len(rest) != 1 && !fromStdin {
		f.Usage()
		return 2
	}
	sources := 0
	for _, given := range []bool{*text != "", *file != "", fromStdin} {
		if given {
			sources++
		}
	}
	if sources != 1 {
		fmt.Fprintln(stderr, "klartext feedback answer: give the answer once: --text, --file or - (standard input)")
		return 2
	}
	id, ok := messageID(f, rest[0])
	if !ok {
		return 2
	}
	answer := *text
	switch {
	case *file != "":
		b, err := os.ReadFile(*file)
		if err != nil {
			return f.fail(err)
		}
		answer = string(b)
	case fromStdin:
		b, err := io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
		if err != nil {
			return f.fail(err)
		}
		answer = string(b)
	}
	at := time.Now()
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			fmt.Fprintf(stderr, "klartext feedback answer: --date %q is not YYYY-MM-DD\n", *date)
			return 2
		}
		at = d
	}
	st, ok := f.open(false)
	if !ok {
		return 1
	}
	defer st.Close()
	if err := st.Answer(context.Background(), id, answer, at); err != nil {
		return f.fail(err)
	}
	m, err := st.Get(context.Background(), id)
	if err != nil {
		return f.fail(err)
	}
	fmt.Fprintf(stdout, "answered message %d%s\n", id, publicNote(m))
	return 0
}

func runFeedbackPublish(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("publish", "ID [--answer=false]", "Makes the message's comment public on its page and on /feedback/, with its answer (now or once it is given) unless --answer=false.\nRun klartext feedback export and build the site to show it.", stderr)
	withAnswer := f.Bool("answer", true, "publish the answer with the comment")
	return moderate(f, args, stdout, func(st *feedbackstore.Store, id int64) error {
		return st.Publish(context.Background(), id, *withAnswer)
	})
}

func runFeedbackHide(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("hide", "ID", "Takes the message's comment and answer off the site. The message still counts in the balance.", stderr)
	return moderate(f, args, stdout, func(st *feedbackstore.Store, id int64) error {
		return st.Hide(context.Background(), id)
	})
}

func runFeedbackClassify(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("classify", "ID KIND", "Gives a message its kind: praise, criticism or question (imported comments arrive as comment).", stderr)
	rest, code := f.parse(args, 2)
	if code >= 0 {
		return code
	}
	if !isKind(rest[1]) {
		fmt.Fprintf(stderr, "klartext feedback classify: %q is not a kind: praise, criticism, question or comment\n", rest[1])
		return 2
	}
	return moderateID(f, rest[0], stdout, func(st *feedbackstore.Store, id int64) error {
		return st.Classify(context.Background(), id, feedback.Kind(rest[1]))
	})
}

func moderate(f *feedbackFlags, args []string, stdout io.Writer, change func(*feedbackstore.Store, int64) error) int {
	rest, code := f.parse(args, 1)
	if code >= 0 {
		return code
	}
	return moderateID(f, rest[0], stdout, change)
}

func moderateID(f *feedbackFlags, arg string, stdout io.Writer, change func(*feedbackstore.Store, int64) error) int {
	return withMessage(f, arg, func(st *feedbackstore.Store, id int64) int {
		if err := change(st, id); err != nil {
			return f.fail(err)
		}
		m, err := st.Get(context.Background(), id)
		if err != nil {
			return f.fail(err)
		}
		fmt.Fprintf(stdout, "message %d: %s, %s%s\n", id, m.Kind, m.State, publicNote(m))
		return 0
	})
}

func runFeedbackExport(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("export", "[--source DIR | --out FILE] [--replace]",
		"Writes every message as a row of content/data/feedback.csv, as the build reads it: comments and answers\n"+
			"only where they are published, every answer's day, no e-mail address. Replaces the file atomically;\n"+
			"refuses to when the file has rows the database does not hold (import them first, or --replace).", stderr)
	source := f.String("source", ".", "the site's root `folder`")
	out := f.String("out", "", "write to this `file` instead of <source>/content/data/feedback.csv")
	replace := f.Bool("replace", false, "replace the file even if it has rows the database does not hold")
	if _, code := f.parse(args, 0); code >= 0 {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*source, "content", "data", "feedback.csv")
	}
	st, ok := f.open(false)
	if !ok {
		return 1
	}
	defer st.Close()
	es, err := st.Entries(context.Background())
	if err != nil {
		return f.fail(err)
	}
	if raw, err := os.ReadFile(*out); err == nil && !*replace {
		old, ds := feedbackexport.Parse(*out, bytes.NewReader(raw))
		if lost := feedbackstore.NotHeld(old, es); len(lost) > 0 || len(ds) > 0 {
			line := 0
			if len(lost) > 0 {
				line = lost[0].Line
			} else {
				line = ds[0].Line
			}
			fmt.Fprintf(stderr, "%s:%d: klartext feedback export: the file has %d row(s) the database does not hold (and %d it cannot read); replacing it would lose them\n"+
				"  import them first: klartext feedback import csv %s --db %s\n  or replace the file anyway: klartext feedback export --replace\n",
				*out, line, len(lost), len(ds), *out, *f.db)
			return 1
		}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return f.fail(err)
	}
	var b bytes.Buffer
	if err := feedbackexport.Write(&b, es); err != nil {
		return f.fail(err)
	}
	if err := writeAtomically(*out, b.Bytes()); err != nil {
		return f.fail(err)
	}
	fmt.Fprintf(stdout, "wrote %d message(s) to %s\n", len(es), *out)
	return 0
}

// writeAtomically replaces file with data: a temporary file beside it,
// synced, renamed over it. A build never reads half an export.
func writeAtomically(file string, data []byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".feedback-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

func runFeedbackImport(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("import", "csv|isso|remark42 FILE [--bank-author NAME]",
		"Imports messages: a feedback export written before the receiver ran (csv: kinds, ratings, public\n"+
			"comments and answers kept), or the comments of a comment service: Isso's SQLite database (accepted\n"+
			"comments) or a remark42 backup (gzipped or plain). Comments arrive as kind comment; a reply by the\n"+
			"bank (remark42's admins, or the author named with --bank-author) becomes the answer. Importing\n"+
			"again adds only what is new.", stderr)
	bank := f.String("bank-author", "", "the author `name` the bank replies under")
	rest, code := f.parse(args, 2)
	if code >= 0 {
		return code
	}
	var in []feedbackstore.Imported
	var err error
	switch rest[0] {
	case "csv":
		var raw []byte
		if raw, err = os.ReadFile(rest[1]); err == nil {
			var ds []diag.Diagnostic
			in, ds = feedbackimport.CSV(rest[1], bytes.NewReader(raw))
			for _, d := range ds {
				fmt.Fprintln(stderr, d.Error())
			}
			if in == nil && len(ds) > 0 {
				return 1
			}
		}
	case "isso":
		in, err = feedbackimport.Isso(context.Background(), rest[1], *bank)
	case "remark42":
		var file *os.File
		if file, err = os.Open(rest[1]); err == nil {
			in, err = feedbackimport.Remark42(file, *bank)
			file.Close()
		}
	default:
		fmt.Fprintf(stderr, "klartext feedback import: %q is not what klartext imports: csv, isso or remark42\n", rest[0])
		return 2
	}
	if err != nil {
		return f.fail(fmt.Errorf("%s: %w", rest[1], err))
	}
	st, ok := f.open(true) // importing is how a database starts, too
	if !ok {
		return 1
	}
	defer st.Close()
	added, answers, err := st.Import(context.Background(), in)
	if err != nil {
		return f.fail(err)
	}
	fmt.Fprintf(stdout, "imported %d new message(s) and %d answer(s) of %d in %s\n", added, answers, len(in), rest[1])
	if rest[0] != "csv" {
		fmt.Fprintln(stdout, "comments arrive as kind comment: klartext feedback list --kind comment, then klartext feedback classify ID KIND")
	}
	return 0
}

func runFeedbackPurge(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("purge", "[--keep-email DURATION]",
		"Deletes the e-mail addresses whose time is up (set when the message arrived, by serve --keep-email)\n"+
			"and expired form tokens. With --keep-email, addresses older than that go too.", stderr)
	var keep time.Duration
	f.Var(days{&keep}, "keep-email", "also delete addresses kept longer than this `duration` (e.g. 30d)")
	if _, code := f.parse(args, 0); code >= 0 {
		return code
	}
	st, ok := f.open(false)
	if !ok {
		return 1
	}
	defer st.Close()
	p, err := st.Purge(context.Background(), time.Now(), keep)
	if err != nil {
		return f.fail(err)
	}
	fmt.Fprintf(stdout, "deleted %d e-mail address(es) and %d expired form token(s)\n", p.Emails, p.Tokens)
	return 0
}

func runFeedbackBackup(args []string, stdout, stderr io.Writer) int {
	f := newFeedbackFlags("backup", "FILE", "Writes a consistent copy of the database to a new file (VACUUM INTO), while the receiver runs.", stderr)
	rest, code := f.parse(args, 1)
	if code >= 0 {
		return code
	}
	st, ok := f.open(false)
	if !ok {
		return 1
	}
	defer st.Close()
	if err := st.Backup(context.Background(), rest[0]); err != nil {
		return f.fail(err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", st.Path(), rest[0])
	return 0
}
