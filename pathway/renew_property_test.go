package pathway

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestNoDeadEndWithoutReason: on random definitions without NOT, an
// incomplete evaluation whose requirement is not locked always has a next
// step. A learner shown progress and nothing to do is stuck for no reason.
func TestNoDeadEndWithoutReason(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	checked, within := 0, 0
	for i := range 400 {
		def, earned := randomInstance(r, false)
		p := evaluate(t, def, earned, Options{})
		if p.Complete || p.Root.State == StateLocked || !p.Optimal || declaredTooFew(def) {
			continue
		}
		checked++
		if def.Requirement.Within != nil {
			within++
		}
		if len(p.NextSteps) == 0 {
			b, _ := json.Marshal(def)
			e, _ := json.Marshal(earned)
			t.Fatalf("instance %d: %g%% complete, root %s, and no next step\ndef %s\nearned %s\n%s", i, p.Percent, p.Root.State, b, e, p.Explain())
		}
	}
	if checked < 100 || within < 10 {
		t.Fatalf("only %d instances checked, %d with a within rule: the generator no longer exercises this", checked, within)
	}
}

// declaredTooFew reports a threshold the components' declared values
// cannot reach (lint warns; only credentials carrying their own credits
// can complete it, so no next step can be named).
func declaredTooFew(def *Definition) bool {
	for _, f := range Lint(def) {
		if f.Code == "threshold-above-declared" {
			return true
		}
	}
	return false
}
