package acceptance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// refStack runs testdata/refstack/acc.mjs against an installed reference
// stack. The scripts are copied to a private directory whose node_modules is
// a link to the installed one, so the installation is never written to.
type refStack struct{ dir string }

var (
	stackOnce sync.Once
	stackDir  string
	stackSkip string
)

func referenceStack(t *testing.T) *refStack {
	t.Helper()
	stackOnce.Do(func() { stackDir, stackSkip = findStack() })
	if stackSkip != "" {
		if os.Getenv("MICROCRED_INTEROP_REQUIRED") == "1" {
			t.Fatalf("interop required but cannot run: %s", stackSkip)
		}
		t.Skip(stackSkip)
	}
	return &refStack{dir: stackDir}
}

func findStack() (dir, skip string) {
	if _, err := exec.LookPath("node"); err != nil {
		return "", "reference-stack tests skipped: node is not installed (Node.js 20+ is needed)"
	}
	var candidates []string
	if d := os.Getenv("MICROCRED_INTEROP_DIR"); d != "" {
		candidates = append(candidates, d)
	}
	if abs, err := filepath.Abs(filepath.Join("..", "..", ".interop")); err == nil {
		candidates = append(candidates, abs)
	}
	if cache, err := os.UserCacheDir(); err == nil {
		candidates = append(candidates, filepath.Join(cache, "microcred-interop"))
	}
	var modules string
	for _, c := range candidates {
		nm := filepath.Join(c, "node_modules")
		if fileExists(filepath.Join(nm, "@digitalbazaar", "vc")) && fileExists(filepath.Join(nm, "jose")) {
			modules = nm
			break
		}
	}
	if modules == "" {
		return "", fmt.Sprintf("reference-stack tests skipped: no installed reference stack in %v (run the internal/interop tests once, or set MICROCRED_INTEROP_DIR)", candidates)
	}
	// The directory lives as long as the test binary; os.MkdirTemp under the
	// system temp dir, removed by TestMain.
	tmp, err := os.MkdirTemp("", "microcred-acceptance-")
	if err != nil {
		return "", "reference-stack tests skipped: " + err.Error()
	}
	tempDirs.add(tmp)
	// acc.mjs is ours; loader.mjs is the reference loader the interop tests
	// install, read from there so there is one copy of it.
	for _, f := range []string{filepath.Join("testdata", "refstack", "acc.mjs"), filepath.Join("..", "interop", "testdata", "refstack", "loader.mjs")} {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", "reference-stack tests skipped: " + err.Error()
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.Base(f)), b, 0o644); err != nil {
			return "", "reference-stack tests skipped: " + err.Error()
		}
	}
	os.WriteFile(filepath.Join(tmp, "package.json"), []byte(`{"type":"module","private":true}`), 0o644)
	if err := os.Symlink(modules, filepath.Join(tmp, "node_modules")); err != nil {
		return "", "reference-stack tests skipped: " + err.Error()
	}
	return tmp, ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// job is one reference-stack operation (see acc.mjs).
type job map[string]any

type jobResult struct {
	OK    json.RawMessage `json:"ok"`
	Error string          `json:"error"`
}

// batch runs every job in one node process and returns the results by name.
func (s *refStack) batch(t *testing.T, jobs []job) map[string]jobResult {
	t.Helper()
	in, err := json.Marshal(map[string]any{"contexts": extraContexts(t), "jobs": jobs})
	if err != nil {
		t.Fatal(err)
	}
	defer nodeSlots.acquire()() // before the timeout starts: waiting is not running
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(s.dir, "acc.mjs"))
	cmd.Dir = s.dir
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node acc.mjs: %v: %s", err, stderr.String())
	}
	out := map[string]jobResult{}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("acc.mjs output: %v", err)
	}
	return out
}

// extraContexts maps the context URLs the reference loader lacks to the
// files our own loader embeds, so both sides sign over the same bytes.
func extraContexts(t *testing.T) map[string]string {
	t.Helper()
	base := filepath.Join("..", "jsonld", "contexts")
	files := map[string]string{
		"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json":                     "clr-v2p0-context-2.0.1.json",
		"https://openbadgespec.org/extensions/accessibilityExtension/context-3.0.0.json":  "extensions/accessibilityExtension-context-3.0.0.json",
		"https://openbadgespec.org/extensions/licenseExtension/context-3.0.0.json":        "extensions/licenseExtension-context-3.0.0.json",
		"https://openbadgespec.org/extensions/geoCoordinatesExtension/context-3.0.0.json": "extensions/geoCoordinatesExtension-context-3.0.0.json",
		"https://openbadgespec.org/extensions/applyLinkExtension/context-3.0.0.json":      "extensions/applyLinkExtension-context-3.0.0.json",
	}
	m := map[string]string{}
	for url, f := range files {
		abs, err := filepath.Abs(filepath.Join(base, f))
		if err != nil {
			t.Fatal(err)
		}
		m[url] = abs
	}
	return m
}

// nodeSlots bounds the node processes the tests run at once. The tests are
// parallel (each builds its own documents and shares only read-only
// state), and -parallel already bounds them, but a node process costs far
// more than a test goroutine: on a small shared machine more than one per
// CPU only makes every process slower and risks the timeouts.
var nodeSlots = newSemaphore(runtime.GOMAXPROCS(0))

type semaphore chan struct{}

func newSemaphore(n int) semaphore { return make(semaphore, max(1, n)) }

// acquire waits for a slot and returns the function that gives it back.
func (s semaphore) acquire() func() {
	s <- struct{}{}
	return func() { <-s }
}

// tempDirs collects directories TestMain removes.
type dirList struct {
	mu   sync.Mutex
	dirs []string
}

func (d *dirList) add(p string) { d.mu.Lock(); d.dirs = append(d.dirs, p); d.mu.Unlock() }

var tempDirs dirList

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs.dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// jsonClone deep-copies a JSON-shaped value.
func jsonClone(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func shorten(b []byte) string {
	s := string(b)
	if len(s) > 1500 {
		return s[:1500] + "..."
	}
	return strings.TrimSpace(s)
}

// jsonRaw embeds already-encoded JSON in a job without re-encoding it, so
// number spellings reach node as written.
type jsonRaw []byte

func (j jsonRaw) MarshalJSON() ([]byte, error) { return j, nil }
