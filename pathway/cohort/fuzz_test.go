package cohort

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

// FuzzSummarize builds learners from arbitrary bytes (achievements, dates
// far in the past or future, statuses, expiry, duplicate and empty ids)
// and checks what must hold for any cohort: no panic, every evaluated
// learner counted once per component and node, and the counts consistent
// with each other.
func FuzzSummarize(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{9, 255, 0, 0, 3, 128, 77, 1, 1, 1, 200, 13})
	f.Add([]byte("learners with revoked and expired credentials"))
	def := cohorttest.Pathway(1)
	f.Fuzz(func(t *testing.T, data []byte) {
		var ls []learner
		for i := 0; i+2 < len(data) && len(ls) < 64; i += 3 {
			if data[i]%5 == 0 || len(ls) == 0 {
				ls = append(ls, learner{id: fmt.Sprintf("l%d", data[i]%7)})
			}
			l := &ls[len(ls)-1]
			e := pathway.Earned{ID: fmt.Sprintf("c%d", data[i+1]%16), AchievementID: cohorttest.AchievementID(0, int(data[i+1]%12)),
				EarnedAt: asOf.AddDate(0, 0, int(int8(data[i+2]))*40)}
			switch data[i] % 11 {
			case 1:
				e.Status = pathway.StatusRevoked
			case 2:
				e.ValidUntil = e.EarnedAt.AddDate(0, 6, 0)
			case 3:
				e.EarnedAt = time.Time{}
			}
			l.earned = append(l.earned, e)
		}
		s, err := Summarize(context.Background(), def, seq(ls), asOf, Options{MaxDays: 100})
		if err != nil {
			t.Fatal(err)
		}
		// The fast path (states only, first step only) is the full one.
		full, err := Summarize(context.Background(), def, seq(ls), asOf, Options{MaxDays: 100, fullEval: true})
		if err != nil {
			t.Fatal(err)
		}
		if fj, wj := mustJSON(t, s), mustJSON(t, full); fj != wj {
			t.Fatalf("fast summary differs from the full one:\nfast %s\nfull %s", fj, wj)
		}
		ok := s.Learners - s.Failed
		if s.Learners != len(ls) || s.Complete > s.Started || s.Started > ok || s.Stalled > s.Started-s.Complete {
			t.Fatalf("inconsistent totals: %+v", s)
		}
		next := 0
		for _, c := range s.Components {
			if sum := c.Complete + c.InProgress + c.Available + c.Locked + c.Expired; sum != ok {
				t.Fatalf("component %s: states sum to %d, want %d", c.ID, sum, ok)
			}
			if c.Stalled > c.Next || c.FromPrevious.Count > c.Complete {
				t.Fatalf("component %s: %+v", c.ID, c)
			}
			next += c.Next
		}
		if next > ok-s.Complete {
			t.Fatalf("%d next steps for %d incomplete learners", next, ok-s.Complete)
		}
		for _, n := range s.Nodes {
			if sum := n.Complete + n.InProgress + n.Available + n.Locked + n.Expired; sum != ok {
				t.Fatalf("node %s: states sum to %d, want %d", n.Path, sum, ok)
			}
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
