package pathway

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestEvaluationsUnchanged pins what evaluations say, words included,
// while their cost is worked on: the digest is of the JSON of full and
// states-only Progress for 4,000 random instances whose credentials are
// revoked, suspended, of an unknown status, not yet valid, expired and
// earned after asOf, as the code of v0.2.0 wrote them. A deliberate
// change to an evaluation's output changes the digest; say why in the
// commit that updates it.
func TestEvaluationsUnchanged(t *testing.T) {
	const want = "87b9b4bdd41becb6a27dbd269dc910897d1710d3c34fdf86b5cb5e2fbbdf0c37"
	r := rand.New(rand.NewPCG(21, 4))
	h := sha256.New()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// The instances must reach every kind of reason the digest pins.
	kinds := []string{"not valid at", ": revoked", ": suspended", ": status on-hold", "not valid until", "expired on",
		"earned after", "does not count", "requires", "already counts", "no component of this pathway accepts it"}
	seen := make([]int, len(kinds))
	for i := range 4000 {
		def, earned := randomInstance(r, true)
		if i%2 == 1 {
			def, earned = randomNested(r)
		}
		for j := range earned {
			switch r.IntN(12) {
			case 0:
				earned[j].Status = StatusRevoked
			case 1:
				earned[j].Status = StatusSuspended
			case 2:
				earned[j].Status = "on-hold"
			case 3:
				earned[j].ValidFrom = asOf.AddDate(0, 1, 0)
			case 4:
				earned[j].EarnedAt = asOf.AddDate(0, 0, 3)
			case 5:
				earned[j].ValidUntil = asOf.AddDate(0, 0, -40)
			}
		}
		for _, opts := range []Options{{}, {StatesOnly: true, FirstStepOnly: true}} {
			p, err := Evaluate(def, earned, asOf, opts)
			if err != nil {
				t.Fatal(err)
			}
			buf.Reset()
			if err := enc.Encode(p); err != nil {
				t.Fatal(err)
			}
			for k, kind := range kinds {
				seen[k] += bytes.Count(buf.Bytes(), []byte(kind))
			}
			h.Write(buf.Bytes())
		}
	}
	for k, kind := range kinds {
		if seen[k] == 0 {
			t.Errorf("no evaluation said %q: the instances no longer reach that reason", kind)
		}
	}
	t.Logf("reasons seen: %v %v", kinds, seen)
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("evaluations changed: digest %s, want %s", got, want)
	}
}
