package pathway

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// An Evaluator reused across learners gives what a fresh one gives: no
// evaluation leaves anything behind in it. (Evaluate prepares a fresh one
// per call; the golden and property tests pin what that computes.)
func TestPreparedMatchesEvaluate(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		def, earned := randomCase(r)
		if Validate(def) != nil {
			continue
		}
		want, err := Evaluate(def, earned, asOf, Options{})
		if err != nil {
			t.Fatal(err)
		}
		pe, err := Prepare(def, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// Twice: an evaluation must leave nothing behind in the Evaluator.
		for range 2 {
			got, err := pe.Evaluate(earned, asOf)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(got)
			if string(a) != string(b) {
				t.Fatalf("case %d: prepared evaluation differs\nEvaluate: %s\nprepared: %s", i, a, b)
			}
		}
	}
	def, err := Parse(mustRead(t, "webdev.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, earned := loadCredentials(t)
	pe, err := Prepare(def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k := range len(earned) + 1 {
		want, _ := json.Marshal(evaluate(t, def, earned[:k], Options{}))
		got, err := pe.Evaluate(earned[:k], asOf)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(got); string(b) != string(want) {
			t.Errorf("webdev with %d credentials: prepared evaluation differs", k)
		}
	}
}

// One Evaluator serves concurrent learners (run with -race).
func TestPreparedConcurrent(t *testing.T) {
	def, err := Parse(mustRead(t, "webdev.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, earned := loadCredentials(t)
	pe, err := Prepare(def, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 8 {
		wg.Go(func() {
			// Each goroutine evaluates a different subset, at a different time.
			sub := earned[:1+g%len(earned)]
			at := asOf.AddDate(0, g, 0)
			want, err := Evaluate(def, sub, at, Options{})
			if err != nil {
				errs <- err
				return
			}
			for range 20 {
				got, err := pe.Evaluate(sub, at)
				if err != nil {
					errs <- err
					return
				}
				a, _ := json.Marshal(want)
				b, _ := json.Marshal(got)
				if string(a) != string(b) {
					errs <- fmt.Errorf("goroutine %d: concurrent prepared evaluation differs", g)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPrepareErrors(t *testing.T) {
	bad := pathwayOf(C("missing"), comp("a", "urn:a"))
	for _, tc := range []struct {
		name string
		err  func() error
		want error
	}{
		{"nil definition", func() error { _, err := Prepare(nil, Options{}); return err }, ErrInput},
		{"invalid definition", func() error { _, err := Prepare(bad, Options{}); return err }, ErrInvalid},
		{"zero Evaluator", func() error { _, err := (&Evaluator{}).Evaluate(nil, asOf); return err }, ErrInput},
		{"nil Evaluator", func() error { var pe *Evaluator; _, err := pe.Evaluate(nil, asOf); return err }, ErrInput},
		{"zero time", func() error {
			pe, err := Prepare(pathwayOf(C("a"), comp("a", "urn:a")), Options{})
			if err != nil {
				return err
			}
			_, err = pe.Evaluate(nil, time.Time{})
			return err
		}, ErrInput},
		{"too many credentials", func() error {
			pe, err := Prepare(pathwayOf(C("a"), comp("a", "urn:a")), Options{MaxCredentials: 1})
			if err != nil {
				return err
			}
			_, err = pe.Evaluate([]Earned{earn("1", "urn:a", ""), earn("2", "urn:a", "")}, asOf)
			return err
		}, ErrLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.err(); !errors.Is(err, tc.want) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
			}
		})
	}
}

// randomCase alternates the generators of the property tests.
func randomCase(r *rand.Rand) (*Definition, []Earned) {
	if r.IntN(2) == 0 {
		return randomInstance(r, true)
	}
	return randomNested(r)
}

// TestPooledMemoryNotShared proves that the working memory an Evaluator
// pools between evaluations (scratch.go) never reaches a Progress: one
// Evaluator evaluates a sequence of different learners, and every
// Progress, read after all the later evaluations have reused the memory,
// still equals the one a fresh Evaluator gives that learner. Learners
// alternate between random instances of one definition, so the candidate
// lists, groups and matchings change size from one evaluation to the next.
func TestPooledMemoryNotShared(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 5))
	for trial := range 20 {
		def, _ := randomInstance(r, true)
		for _, opts := range []Options{{}, {VerdictOnly: true}, {StatesOnly: true}, {AssignmentsOnly: true}} {
			pe, err := Prepare(def, opts)
			if err != nil {
				t.Fatal(err)
			}
			var learners [][]Earned
			for range 6 {
				_, earned := randomInstance(r, true)
				learners = append(learners, earned)
			}
			learners = append(learners, benchEarned(0), learners[0])
			var got []*Progress
			for _, earned := range learners {
				p, err := pe.Evaluate(earned, asOf)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, p)
			}
			for i, earned := range learners {
				fresh, err := Prepare(def, opts)
				if err != nil {
					t.Fatal(err)
				}
				want, err := fresh.Evaluate(earned, asOf)
				if err != nil {
					t.Fatal(err)
				}
				a, _ := json.Marshal(want)
				b, _ := json.Marshal(got[i])
				if string(a) != string(b) {
					t.Fatalf("trial %d, %+v, learner %d: the Progress changed after later evaluations reused the pooled memory:\nfresh  %s\npooled %s", trial, opts, i, a, b)
				}
			}
		}
	}
}
