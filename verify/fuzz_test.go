package verify

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/microcred/microcred/internal/fixtures"
)

// FuzzVerify feeds mixed inputs (credential JSON, JWTs, baked images,
// garbage) to an offline Verifier: whatever the input, the result is a
// report with a verdict and one entry per check, never a panic or a hang.
func FuzzVerify(f *testing.F) {
	for _, pattern := range []string{"1edtech/validator/ob30/*.json", "1edtech/validator/ob30/*.jwt", "1edtech/validator/ob30/*.png",
		"1edtech/validator/ob30/*.svg", "1edtech/validator/clr20/*", "1edtech/testvectors/*signed.json"} {
		for _, file := range fixtures.Glob(f, pattern) {
			f.Add(fixtures.Read(f, file))
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
