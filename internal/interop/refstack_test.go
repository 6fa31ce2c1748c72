package interop

import (
	"bytes"
	"context"
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

// refStack is an installed copy of the reference JavaScript stack.
type refStack struct {
	dir string
}

var (
	stackOnce sync.Once
	stack     *refStack
	stackErr  error
	stackSkip string
)

// referenceStack installs the reference stack once per test binary.
func referenceStack(t *testing.T) *refStack {
	t.Helper()
	stackOnce.Do(func() { stack, stackSkip, stackErr = installStack() })
	if stackSkip != "" {
		if os.Getenv("MICROCRED_INTEROP_REQUIRED") == "1" {
			t.Fatalf("interop required but cannot run: %s", stackSkip)
		}
		t.Skip(stackSkip)
	}
	if stackErr != nil {
		t.Fatalf("installing the reference stack: %v", stackErr)
	}
	return stack
}

func installStack() (*refStack, string, error) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Sprintf("interop tests skipped: %s is not installed (install Node.js 20+ and npm to run them)", tool), nil
		}
	}
	dir := os.Getenv("MICROCRED_INTEROP_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return nil, "", err
		}
		dir = filepath.Join(cache, "microcred-interop")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	src := filepath.Join("testdata", "refstack")
	entries, err := os.ReadDir(src)
	if err != nil {
		return nil, "", err
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return nil, "", err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return nil, "", err
		}
	}
	lock, _ := os.ReadFile(filepath.Join(src, "package-lock.json"))
	installed, _ := os.ReadFile(filepath.Join(dir, ".installed-lock"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@digitalbazaar", "vc")); err != nil || !bytes.Equal(lock, installed) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, "", fmt.Errorf("npm ci in %s: %v\n%s", dir, err, out)
		}
		if err := os.WriteFile(filepath.Join(dir, ".installed-lock"), lock, 0o644); err != nil {
			return nil, "", err
		}
	}
	return &refStack{dir: dir}, "", nil
}

// nodeSlots bounds the node processes the tests run at once (see run).
var nodeSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// run runs one of the stack's scripts with stdin and returns its standard
// output; a non-zero exit is an error carrying standard error.
func (s *refStack) run(t *testing.T, stdin []byte, script string, args ...string) ([]byte, error) {
	t.Helper()
	// The parallel subtests would otherwise start as many node processes
	// as -parallel allows; more than one per CPU only slows each down. The
	// slot is taken before the timeout starts: waiting is not running.
	nodeSlots <- struct{}{}
	defer func() { <-nodeSlots }()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{filepath.Join(s.dir, script)}, args...)...)
	cmd.Dir = s.dir
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := stderr.String()
		if len(msg) > 1500 {
			msg = msg[:1500] + "..."
		}
		return nil, fmt.Errorf("node %s %s: %v: %s", script, strings.Join(args, " "), err, msg)
	}
	return stdout.Bytes(), nil
}
