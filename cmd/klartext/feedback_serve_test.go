package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/feedbackstore"
)

// The tests here run `klartext feedback serve` as a process of its own:
// the test binary runs main's run when KLARTEXT_TEST_MAIN is set.
func TestMain(m *testing.M) {
	if os.Getenv("KLARTEXT_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

const receiverOrigin = "https://www.rheintal-bank.test"

type receiver struct {
	cmd  *exec.Cmd
	addr string // http://127.0.0.1:PORT/submit
	out  *strings.Builder
}

// startReceiver starts `klartext feedback serve` on 127.0.0.1 with any free
// port; wrap, when given, is a command line to run it under (strace).
func startReceiver(t testing.TB, dir, db string, wrap []string, args ...string) *receiver {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	argv := append(append(append([]string(nil), wrap...), self, "feedback", "serve", "--db", db, "--bind", "127.0.0.1", "--port", "0", "--origin", receiverOrigin), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KLARTEXT_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	r := &receiver{cmd: cmd, out: &strings.Builder{}}
	cmd.Stderr = r.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			first <- sc.Text()
		}
		close(first)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-first:
		m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("the receiver did not start: %q %s", line, r.out)
		}
		r.addr = m[1]
	case <-time.After(20 * time.Second):
		t.Fatalf("the receiver did not start within 20 s: %s", r.out)
	}
	return r
}

// client sends forms the way the site's page with its script does: a
// token first, then the form.
type client struct {
	http *http.Client
	addr string
	ip   string // X-Real-IP, when the receiver trusts it
}

var errRefused = errors.New("refused")

// submit sends one message and reports whether the receiver acknowledged
// it (201), and how long the POST took.
func (c client) submit(ctx context.Context, comment string) (bool, time.Duration, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.addr, nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Origin", receiverOrigin)
	c.header(req)
	res, err := c.http.Do(req)
	if err != nil {
		return false, 0, err
	}
	var tok struct{ Token string }
	err = json.NewDecoder(res.Body).Decode(&tok)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		return false, 0, fmt.Errorf("token: %s %v", res.Status, err)
	}
	v := url.Values{"kind": {"criticism"}, "costs": {"2"}, "comment": {comment}, "page": {"/products/etf-welt/"},
		"title": {"ETF Welt"}, "url": {receiverOrigin + "/products/etf-welt/"}, "token": {tok.Token}, "website": {""}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, c.addr, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", receiverOrigin)
	req.Header.Set("Accept", "application/json")
	c.header(req)
	start := time.Now()
	res, err = c.http.Do(req)
	took := time.Since(start)
	if err != nil {
		return false, took, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		return false, took, fmt.Errorf("%w: %s", errRefused, res.Status)
	}
	return true, took, nil
}

func (c client) header(req *http.Request) {
	if c.ip != "" {
		req.Header.Set("X-Real-IP", c.ip)
	}
}

func newHTTPClient(conns int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = conns
	tr.MaxConnsPerHost = conns
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

// storedComments opens the database as the receiver left it and returns
// PRAGMA integrity_check's verdict and the comments stored.
func storedComments(t testing.TB, db string) (string, map[string]bool) {
	t.Helper()
	st, err := feedbackstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	verdict, err := st.IntegrityCheck(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.List(context.Background(), feedbackstore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range ms {
		seen[m.Comment] = true
	}
	return verdict, seen
}

// TestFeedbackServeSurvivesKill SIGKILLs the receiver at a random moment
// under load, 50 times (10 with -short) on the same database: after every
// kill each acknowledged message is in the database and PRAGMA
// integrity_check says ok.
func TestFeedbackServeSurvivesKill(t *testing.T) {
	rounds := 50
	if testing.Short() {
		rounds = 10
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 22))
	t.Logf("seed %d", seed)
	dir := t.TempDir()
	db := filepath.Join(dir, "feedback.db")
	var acked []string
	killedWithLoad := 0
	for round := range rounds {
		r := startReceiver(t, dir, db, nil, "--min-fill", "0s", "--rate", "0", "--token-rate", "0")
		ctx, cancel := context.WithCancel(context.Background())
		hc := newHTTPClient(8)
		var mu sync.Mutex
		var wg sync.WaitGroup
		var round_acked []string
		for c := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cl := client{http: hc, addr: r.addr}
				for i := 0; ctx.Err() == nil; i++ {
					comment := fmt.Sprintf("kill %d client %d message %d", round, c, i)
					ok, _, err := cl.submit(ctx, comment)
					if ok {
						mu.Lock()
						round_acked = append(round_acked, comment)
						mu.Unlock()
					}
					if err != nil && !errors.Is(err, errRefused) {
						return // the receiver is gone
					}
				}
			}()
		}
		time.Sleep(time.Duration(20+rng.IntN(180)) * time.Millisecond)
		mu.Lock()
		if len(round_acked) > 0 {
			killedWithLoad++
		}
		mu.Unlock()
		r.cmd.Process.Signal(syscall.SIGKILL)
		r.cmd.Wait()
		cancel()
		wg.Wait()
		hc.CloseIdleConnections()
		acked = append(acked, round_acked...)
		verdict, stored := storedComments(t, db)
		if verdict != "ok" {
			t.Fatalf("round %d: integrity_check: %s", round, verdict)
		}
		for _, c := range acked {
			if !stored[c] {
				t.Fatalf("round %d: the acknowledged message %q is lost", round, c)
			}
		}
	}
	_, stored := storedComments(t, db)
	t.Logf("%d kills (%d while messages were being acknowledged): %d messages acknowledged, all stored; %d stored in all (a message can be stored and killed before its answer)",
		rounds, killedWithLoad, len(acked), len(stored))
	if killedWithLoad < rounds/2 {
		t.Errorf("only %d of %d kills hit a receiver under load", killedWithLoad, rounds)
	}
}

// TestFeedbackServeLoad: KLARTEXT_FEEDBACK_LOAD=20s go test -run
// FeedbackServeLoad ./cmd/klartext runs 200 clients (KLARTEXT_FEEDBACK_CLIENTS)
// for that long against the receiver on loopback and reports the messages
// accepted per second and the POST's latency percentiles. The database is
// in the system's temporary folder (KLARTEXT_FEEDBACK_DB_DIR to choose: on
// tmpfs fsync costs nothing). Skipped without the variable.
func TestFeedbackServeLoad(t *testing.T) {
	length := os.Getenv("KLARTEXT_FEEDBACK_LOAD")
	if length == "" {
		t.Skip("set KLARTEXT_FEEDBACK_LOAD=20s to run the load test")
	}
	d, err := time.ParseDuration(length)
	if err != nil || d <= 0 || d > 5*time.Minute {
		t.Fatalf("KLARTEXT_FEEDBACK_LOAD=%q: a duration up to 5m", length)
	}
	clients := 200
	if n, err := strconv.Atoi(os.Getenv("KLARTEXT_FEEDBACK_CLIENTS")); err == nil && n > 0 && n <= 1000 {
		clients = n
	}
	dir := t.TempDir()
	if d := os.Getenv("KLARTEXT_FEEDBACK_DB_DIR"); d != "" {
		dir, err = os.MkdirTemp(d, "klartext-load-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
	db := filepath.Join(dir, "feedback.db")
	// Every client its own address behind a trusted proxy header, so the
	// rate limiter (10 per hour) is exercised but does not stop the run:
	// each client sends from a fresh address once its bucket is empty.
	r := startReceiver(t, dir, db, nil, "--min-fill", "0s", "--real-ip-header", "X-Real-IP", "--token-rate", "0")
	hc := newHTTPClient(clients)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	failures := map[string]int{}
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				cl := client{http: hc, addr: r.addr, ip: fmt.Sprintf("10.%d.%d.%d", c/250, c%250, i/10%250)}
				ok, took, err := cl.submit(ctx, fmt.Sprintf("load client %d message %d", c, i))
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				if ok {
					lat = append(lat, took)
				} else {
					failures[fmt.Sprint(err)]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	r.cmd.Process.Signal(syscall.SIGTERM)
	if err := r.cmd.Wait(); err != nil {
		t.Errorf("the receiver did not stop cleanly: %v\n%s", err, r.out)
	}
	verdict, stored := storedComments(t, db)
	if verdict != "ok" || len(stored) < len(lat) {
		t.Errorf("integrity %s, %d stored, %d acknowledged", verdict, len(stored), len(lat))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(10 * time.Microsecond)
	}
	t.Logf("%d clients for %s: %d messages accepted (%.0f/s), POST latency p50 %s, p90 %s, p99 %s, max %s; %d stored; failures %v",
		clients, elapsed.Round(time.Millisecond), len(lat), float64(len(lat))/elapsed.Seconds(), pct(0.5), pct(0.9), pct(0.99), pct(1), len(stored), failures)
}

// TestFeedbackServeSandbox runs the receiver under strace and reads every
// system call on files and sockets it made: no connect() or send to
// anywhere (its only socket is the one it listens on and the connections
// it accepts), and nothing opened for writing, created, renamed or deleted
// but the database file and SQLite's -wal, -shm and -journal beside it —
// while its working folder is read-only and HOME and TMPDIR point nowhere.
func TestFeedbackServeSandbox(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		missingTool(t, "strace is not installed (apt-get install strace; scripts/ci-deps.sh does)")
	}
	dataDir := t.TempDir()
	db := filepath.Join(dataDir, "feedback.db")
	work := t.TempDir()
	if err := os.Chmod(work, 0o555); err != nil {
		t.Fatal(err)
	}
	trace := filepath.Join(dataDir, "..", filepath.Base(dataDir)+".strace")
	t.Cleanup(func() { os.Remove(trace) })
	if keep := os.Getenv("KLARTEXT_KEEP_STRACE"); keep != "" {
		t.Cleanup(func() { b, _ := os.ReadFile(trace); os.WriteFile(keep, b, 0o644) })
	}
	t.Setenv("HOME", "/nonexistent")
	t.Setenv("TMPDIR", "/nonexistent")
	r := startReceiver(t, work, db, []string{strace, "-f", "-qq", "-o", trace, "-e", "trace=%network,%file,%desc"}, "--min-fill", "0s")
	cl := client{http: newHTTPClient(2), addr: r.addr}
	for i := range 3 {
		if ok, _, err := cl.submit(context.Background(), fmt.Sprintf("sandbox %d", i)); !ok {
			t.Fatalf("message %d: %v\n%s", i, err, r.out)
		}
	}
	cl.http.CloseIdleConnections()
	// SIGTERM to the receiver itself (strace would only detach from it).
	kids, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", r.cmd.Process.Pid, r.cmd.Process.Pid))
	pid, perr := strconv.Atoi(strings.TrimSpace(string(kids)))
	if err != nil || perr != nil {
		t.Fatalf("the receiver's process under strace: %q %v %v", kids, err, perr)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Wait(); err != nil {
		t.Fatalf("the receiver did not stop cleanly: %v\n%s", err, r.out)
	}
	raw, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	calls, problems := auditTrace(string(raw), db)
	for _, p := range problems {
		t.Error(p)
	}
	if calls["accept4"] == 0 || calls["bind"] == 0 || calls["openat"] == 0 {
		t.Errorf("the trace lacks the calls it must have (%v): did strace follow the receiver?", calls)
	}
	t.Logf("system calls seen: %v", calls)
	if _, stored := storedComments(t, db); len(stored) != 3 {
		t.Errorf("%d stored", len(stored))
	}
}

func missingTool(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(reason)
	}
	t.Skip(reason)
}

var (
	traceLine = regexp.MustCompile(`^\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+|\?)`)
	quoted    = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// auditTrace reads strace's log: it counts the calls and reports every
// outgoing connection or send, every socket but TCP and the netlink and
// Unix sockets Go's resolver set-up never needs (so none), and every write
// to a file that is not the database's.
func auditTrace(log, db string) (map[string]int, []string) {
	calls := map[string]int{}
	var problems []string
	allowed := []string{db, db + "-wal", db + "-shm", db + "-journal"}
	for _, line := range strings.Split(log, "\n") {
		m := traceLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name, args := m[1], m[2]
		calls[name]++
		switch name {
		case "connect", "sendto", "sendmsg", "sendmmsg":
			problems = append(problems, "an outgoing call: "+line)
		case "socket":
			if !strings.HasPrefix(args, "AF_INET,") && !strings.HasPrefix(args, "AF_INET6,") || !strings.Contains(args, "SOCK_STREAM") {
				problems = append(problems, "a socket other than TCP: "+line)
			}
		case "open", "openat", "creat", "openat2":
			writes := name == "creat" || strings.Contains(args, "O_WRONLY") || strings.Contains(args, "O_RDWR") || strings.Contains(args, "O_CREAT") || strings.Contains(args, "O_TRUNC")
			if p := firstPath(args); writes && !slices.Contains(allowed, p) {
				problems = append(problems, "a file opened for writing outside the database: "+line)
			}
		case "unlink", "unlinkat", "rename", "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "link", "linkat", "symlink", "symlinkat", "truncate", "chmod", "fchmodat", "chown", "fchownat", "mknod", "mknodat":
			for _, p := range quoted.FindAllStringSubmatch(args, -1) {
				if !slices.Contains(allowed, p[1]) {
					problems = append(problems, "a change outside the database: "+line)
					break
				}
			}
		}
	}
	return calls, problems
}

func firstPath(args string) string {
	if m := quoted.FindStringSubmatch(args); m != nil {
		return m[1]
	}
	return ""
}

// TestAuditTrace: the sandbox test's reader of strace's log finds what it
// must refuse.
func TestAuditTrace(t *testing.T) {
	db := "/data/feedback.db"
	log := `12  openat(AT_FDCWD, "/data/feedback.db", O_RDWR|O_CREAT|O_CLOEXEC, 0644) = 5
12  open("/data/feedback.db-wal", O_RDWR|O_CREAT|O_LARGEFILE|O_NOFOLLOW|O_CLOEXEC, 0600) = 8
12  openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 6
12  unlink("/data/feedback.db-wal") = 0
12  socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_TCP) = 11
13  connect(7, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("192.0.2.53")}, 16) = -1 EINPROGRESS (Operation now in progress)
13  socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 7
13  openat(AT_FDCWD, "/root/.cache/x", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644) = -1 EACCES (Permission denied)
13  renameat(AT_FDCWD, "/data/x.tmp", AT_FDCWD, "/data/feedback.db") = 0
13  sendto(7, "x", 1, 0, NULL, 0) = 1`
	calls, problems := auditTrace(log, db)
	if len(problems) != 5 || calls["openat"] != 3 {
		t.Errorf("calls %v, problems:\n%s", calls, strings.Join(problems, "\n"))
	}
	for i, want := range []string{"connect", "SOCK_DGRAM", "/root/.cache/x", "renameat", "sendto"} {
		if i < len(problems) && !strings.Contains(problems[i], want) {
			t.Errorf("problem %d %q lacks %s", i, problems[i], want)
		}
	}
}

// TestFeedbackServePurgesAtStart: an e-mail address whose time is up is
// gone before the receiver takes its first message.
func TestFeedbackServePurgesAtStart(t *testing.T) {
	db := seedStore(t) // an address kept until 2026-06-03
	r := startReceiver(t, filepath.Dir(db), db, nil)
	st, err := feedbackstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Get(context.Background(), 1)
	st.Close()
	if err != nil || m.Email != "" || m.Comment == "" {
		t.Errorf("after the start: %+v %v", m, err)
	}
	r.cmd.Process.Signal(syscall.SIGTERM)
	if err := r.cmd.Wait(); err != nil {
		t.Errorf("stop: %v\n%s", err, r.out)
	}
	if !strings.Contains(r.out.String(), "purged 1 e-mail address(es)") {
		t.Errorf("the log does not say so: %s", r.out)
	}
}
