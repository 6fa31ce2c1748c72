package acceptance

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/verify"
)

// jsonDepth is the nesting depth of a JSON value: 1 for a flat object.
func jsonDepth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			d = max(d, jsonDepth(e))
		}
		return d + 1
	case []any:
		for _, e := range x {
			d = max(d, jsonDepth(e))
		}
		return d + 1
	}
	return 0
}

// TestDocumentedLimits: legitimate credentials at the documented limits
// (verify.Default*) verify, the next step past them fails with ErrLimit, and
// a host that raises a limit gets its credential verified (DESIGN principle 6:
// "each a documented default the host can change").
func TestDocumentedLimits(t *testing.T) {
	t.Parallel()
	s := referenceStack(t)
	// A parentOrg chain whose JSON depth is exactly n.
	chainAt := func(n int) obj {
		for k := 1; k < 200; k++ {
			c := baseCredential()
			c["issuer"].(obj)["parentOrg"] = nestedParentOrgs(k)
			if d := jsonDepth(jsonClone(c)); d == n {
				return c
			} else if d > n {
				break
			}
		}
		t.Fatalf("no chain of depth %d", n)
		return nil
	}
	big := baseCredential()
	// ~1.2 MB: an embedded data: image, as issuers do for artwork.
	big["image"] = obj{"id": "data:image/png;base64," + strings.Repeat("iVBORw0KGgo", 110000), "type": "Image"}
	res := s.batch(t, []job{
		{"name": "depth64", "op": "sign", "suite": "eddsa-rdfc-2022", "doc": chainAt(verify.DefaultMaxDepth), "date": "2024-01-01T00:00:00Z"},
		{"name": "depth65", "op": "sign", "suite": "eddsa-rdfc-2022", "doc": chainAt(verify.DefaultMaxDepth + 1), "date": "2024-01-01T00:00:00Z"},
		{"name": "big", "op": "sign", "suite": "eddsa-rdfc-2022", "doc": big, "date": "2024-01-01T00:00:00Z"},
	})
	for n, r := range res {
		if r.Error != "" {
			t.Fatalf("reference stack, %s: %s", n, r.Error)
		}
	}
	v := newVerifier(t, verify.Config{})
	t.Run("depth-at-limit", func(t *testing.T) {
		var m any
		json.Unmarshal(res["depth64"].OK, &m)
		if jsonDepth(m) != verify.DefaultMaxDepth {
			t.Fatalf("signed depth %d", jsonDepth(m))
		}
		wantVerdict(t, runVerify(t, v, res["depth64"].OK), verify.Verified)
	})
	t.Run("depth-past-limit", func(t *testing.T) {
		rep := runVerify(t, v, res["depth65"].OK)
		if rep.OK() || !errIs(rep.Err(), verify.ErrLimit) {
			t.Errorf("depth %d: %s", verify.DefaultMaxDepth+1, describe(rep))
		}
	})
	t.Run("depth-limit-raised", func(t *testing.T) {
		raised := newVerifier(t, verify.Config{Limits: verify.Limits{MaxDepth: 100}})
		wantVerdict(t, runVerify(t, raised, res["depth65"].OK), verify.Verified)
	})
	t.Run("size-past-limit", func(t *testing.T) {
		if len(res["big"].OK) <= verify.DefaultMaxDocumentBytes {
			t.Fatalf("only %d bytes", len(res["big"].OK))
		}
		rep := runVerify(t, v, res["big"].OK)
		if rep.OK() || !errIs(rep.Err(), verify.ErrLimit) {
			t.Errorf("%d bytes: %s", len(res["big"].OK), describe(rep))
		}
	})
	t.Run("size-limit-raised", func(t *testing.T) {
		raised := newVerifier(t, verify.Config{Limits: verify.Limits{MaxDocumentBytes: 4 << 20}})
		wantVerdict(t, runVerify(t, raised, res["big"].OK), verify.Verified)
	})
	t.Run("proofs-at-limit", func(t *testing.T) {
		var m map[string]any
		json.Unmarshal(res["depth64"].OK, &m)
		p := m["proof"]
		proofs := make([]any, verify.DefaultMaxProofs)
		for i := range proofs {
			proofs[i] = p
		}
		m["proof"] = proofs
		wantVerdict(t, runVerify(t, v, mustJSON(t, m)), verify.Verified)
		m["proof"] = append(proofs, p)
		if rep := runVerify(t, v, mustJSON(t, m)); rep.OK() || !errIs(rep.Err(), verify.ErrLimit) {
			t.Errorf("%d proofs: %s", verify.DefaultMaxProofs+1, describe(rep))
		}
	})
}
