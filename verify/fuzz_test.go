package verify

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzVerify feeds mixed inputs (credential JSON, JWTs, baked images,
// garbage) to an offline Verifier: whatever the input, the result is a
// report with a verdict and one entry per check, never a panic or a hang.
func FuzzVerify(f *testing.F) {
	for _, pattern := range []string{"testdata/validator/ob30/*.json", "testdata/validator/ob30/*.jwt", "testdata/validator/ob30/*.png",
		"testdata/validator/ob30/*.svg", "testdata/validator/clr20/*", "testdata/testvectors/*signed.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"@context":[],"proof":[{},{},{}]}`))
	f.Add([]byte(`eyJhbGciOiJub25lIn0.e30.`))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte(`<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="a.b.c"/></svg>`))
	v, err := New(Config{Clock: fixedClock, Limits: Limits{MaxDocumentBytes: 256 << 10}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		r, err := v.Verify(ctx, in)
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		switch r.Verdict {
		case Verified, VerifiedWithWarnings, Unverified, Failed:
		default:
			t.Fatalf("verdict %q", r.Verdict)
		}
		if len(r.Checks) != len(checkOrder) {
			t.Fatalf("%d checks, want %d:\n%s", len(r.Checks), len(checkOrder), r)
		}
		if r.OK() != (r.Err() == nil) {
			t.Fatalf("verdict %s but Err() = %v", r.Verdict, r.Err())
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("report does not marshal: %v", err)
		}
		_ = r.String()
	})
}

// FuzzJSONFastPath holds checkJSON's fast path to its promise: whenever it
// calls a document clean, the token-walking explanation finds nothing
// either, so the fast path can never let through what the slow one refuses.
func FuzzJSONFastPath(f *testing.F) {
	for _, pattern := range []string{"testdata/validator/ob30/*.json", "testdata/validator/clr20/*.json", "testdata/testvectors/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b, 64)
			}
		}
	}
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"a":{"b":1},"b":{"a":1,"a":1}}`, `[[[[]]]]`, `{"a":"\ud800"}`,
		`{"\ud800":1,"\udc00":2}`, `{"a":1} {}`, `"x"`, ``, ` `, `{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":0,"k11":1,"k12":2,"k13":3,"k14":4,"k15":5,"k16":6,"k3":7}`} {
		f.Add([]byte(s), 3)
	}
	f.Fuzz(func(t *testing.T, in []byte, depth int) {
		depth = depth%100 + 1
		if depth < 1 {
			depth += 100
		}
		if jsonLooksClean(in, depth) {
			if err := explainJSON(in, depth); err != nil {
				t.Fatalf("fast path passed %q (depth %d), slow path says %v", in, depth, err)
			}
		}
	})
}

// TestJSONFastPathTaken: well-formed credentials take the fast path (this is
// where checkJSON's speed comes from), and every kind of problem is still
// refused with its explanation.
func TestJSONFastPathTaken(t *testing.T) {
	for _, tc := range []struct {
		in     string
		depth  int
		clean  bool
		reason string
	}{
		{string(readFile(t, "testdata/testvectors/obv3p0-unsigned.json")), 64, true, "an ordinary credential"},
		{`{"a":{"b":1},"b":{"a":1}}`, 3, true, "the same names in different objects"},
		{`{"a":1,"\u0061":2}`, 3, false, "a duplicate spelled with an escape"},
		{`{"a":"\ud800"}`, 3, false, "a lone surrogate"},
		{`{"a":1} {}`, 3, false, "trailing data"},
		{"{\"a\":\"\xff\"}", 3, false, "invalid UTF-8"},
		{`[[[[]]]]`, 3, false, "deeper than 3"},
	} {
		if got := jsonLooksClean([]byte(tc.in), tc.depth); got != tc.clean {
			t.Errorf("%s: fast path %v, want %v", tc.reason, got, tc.clean)
		}
		if err := checkJSON([]byte(tc.in), tc.depth); (err == nil) != tc.clean {
			t.Errorf("%s: checkJSON = %v", tc.reason, err)
		}
	}
}
