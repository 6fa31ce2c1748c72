package cohort

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/microcred/microcred/pathway"
	"github.com/microcred/microcred/pathway/cohort/cohorttest"
)

var asOf = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

type learner struct {
	id     string
	earned []pathway.Earned
}

func generate(groups, n int, seed uint64) []learner {
	var out []learner
	for id, e := range cohorttest.Learners(groups, n, seed, asOf) {
		out = append(out, learner{id, e})
	}
	return out
}

func seq(ls []learner) iter.Seq2[string, []pathway.Earned] {
	return func(yield func(string, []pathway.Earned) bool) {
		for _, l := range ls {
			if !yield(l.id, l.earned) {
				return
			}
		}
	}
}

// quantile is the definition Days states, computed by sorting.
func quantile(v []int, num, den int) int {
	if len(v) == 0 {
		return -1
	}
	return v[(len(v)*num+den-1)/den-1]
}

func bruteDays(v []int, maxDays int) Days {
	capped := 0
	for i := range v {
		if v[i] > maxDays {
			v[i] = maxDays
			capped++
		}
	}
	slices.Sort(v)
	d := Days{Count: len(v), Median: quantile(v, 1, 2), P25: quantile(v, 1, 4), P75: quantile(v, 3, 4),
		P90: quantile(v, 9, 10), Max: -1, Capped: capped}
	for i, x := range v {
		if i == 0 || x != v[i-1] {
			d.Histogram = append(d.Histogram, DayCount{x, 0})
		}
		d.Histogram[len(d.Histogram)-1].Count++
	}
	if len(v) > 0 {
		d.Max = v[len(v)-1]
	}
	return d
}

// brute evaluates learner by learner, keeps every value, and counts the
// obvious way: the reference Summarize must equal.
func brute(t *testing.T, def *pathway.Definition, ls []learner, opts Options) *Summary {
	t.Helper()
	maxDays := cmp.Or(opts.MaxDays, DefaultMaxDays)
	stallBefore := asOf.AddDate(0, 0, -DefaultStallAfterDays)
	s := &Summary{PathwayID: def.ID, Version: def.Version, Name: def.Name, AsOf: asOf,
		FailureLimit: DefaultMaxFailures, MaxDays: maxDays}
	var paths []Node
	var walkDef func(n *pathway.Node, path string)
	walkDef = func(n *pathway.Node, path string) {
		name := n.Name
		if n.Kind == pathway.KindComponent && name == "" {
			name = def.Components[slices.IndexFunc(def.Components, func(c pathway.Component) bool { return c.ID == n.Component })].Name
		}
		paths = append(paths, Node{Path: path, ID: n.ID, Name: name, Kind: n.Kind, Component: n.Component})
		for i, it := range n.Items {
			walkDef(it, fmt.Sprintf("%s.items[%d]", path, i))
		}
	}
	walkDef(def.Requirement, "requirement")
	s.Nodes = paths
	for _, c := range def.Components {
		s.Components = append(s.Components, Component{ID: c.ID, Name: c.Name})
	}
	fromPrev := make([][]int, len(def.Components))
	var between, toComplete []int
	var failures []Failure
	for _, l := range ls {
		s.Learners++
		p, err := pathway.Evaluate(def, l.earned, asOf, opts.Eval)
		if err != nil {
			s.Failed++
			failures = append(failures, Failure{l.id, err.Error()})
			continue
		}
		if !p.Optimal {
			s.NotOptimal++
		}
		for i, c := range p.Components {
			s.Components[i].States.add(c.State)
		}
		var nodes []*pathway.NodeProgress
		var walk func(n *pathway.NodeProgress)
		walk = func(n *pathway.NodeProgress) {
			nodes = append(nodes, n)
			for _, it := range n.Items {
				walk(it)
			}
		}
		walk(p.Root)
		if len(nodes) != len(s.Nodes) {
			t.Fatalf("progress tree has %d nodes, definition %d", len(nodes), len(s.Nodes))
		}
		for i, n := range nodes {
			s.Nodes[i].States.add(n.State)
		}
		var dated []pathway.Assignment
		for _, a := range p.Assignments {
			if !a.EarnedAt.IsZero() {
				dated = append(dated, a)
			}
		}
		idx := func(id string) int {
			return slices.IndexFunc(def.Components, func(c pathway.Component) bool { return c.ID == id })
		}
		slices.SortFunc(dated, func(x, y pathway.Assignment) int {
			return cmp.Or(x.EarnedAt.Compare(y.EarnedAt), idx(x.Component)-idx(y.Component))
		})
		for i := 1; i < len(dated); i++ {
			d := int(dated[i].EarnedAt.Sub(dated[i-1].EarnedAt).Hours()) / 24
			fromPrev[idx(dated[i].Component)] = append(fromPrev[idx(dated[i].Component)], d)
			between = append(between, d)
		}
		if len(p.Assignments) > 0 {
			s.Started++
		}
		if p.Complete {
			s.Complete++
			if len(dated) > 0 {
				toComplete = append(toComplete, int(dated[len(dated)-1].EarnedAt.Sub(dated[0].EarnedAt).Hours())/24)
			}
			continue
		}
		stalled := len(p.Assignments) > 0 && (len(dated) == 0 || dated[len(dated)-1].EarnedAt.Before(stallBefore))
		if stalled {
			s.Stalled++
		}
		next := -1
		if len(p.NextSteps) > 0 {
			next = idx(p.NextSteps[0].Component)
		}
		if next >= 0 {
			s.Components[next].Next++
			if stalled {
				s.Components[next].Stalled++
				// Every node whose subtree names the component.
				k := 0
				var contains func(n *pathway.Node) bool
				contains = func(n *pathway.Node) bool {
					me := k
					k++
					found := n.Kind == pathway.KindComponent && n.Component == def.Components[next].ID
					for _, it := range n.Items {
						if contains(it) {
							found = true
						}
					}
					if found {
						s.Nodes[me].Stalled++
					}
					return found
				}
				contains(def.Requirement)
			}
		}
	}
	for i := range s.Components {
		s.Components[i].FromPrevious = bruteDays(fromPrev[i], maxDays)
		if n := s.Components[i].Stalled; n > 0 {
			s.Stalls = append(s.Stalls, Stall{s.Components[i].ID, s.Components[i].Name, n, 0})
		}
	}
	slices.SortStableFunc(s.Stalls, func(x, y Stall) int { return y.Stalled - x.Stalled })
	for i := range s.Stalls {
		s.Stalls[i].Share = float64(s.Stalls[i].Stalled*10000/max(s.Stalled, 1)) / 10000
	}
	s.BetweenSteps, s.ToComplete = bruteDays(between, maxDays), bruteDays(toComplete, maxDays)
	slices.SortFunc(failures, cmpFailure)
	if len(failures) > DefaultMaxFailures {
		failures = failures[:DefaultMaxFailures]
	}
	s.Failures = failures
	return s
}

func TestSummaryEqualsBruteForce(t *testing.T) {
	tests := []struct {
		name   string
		groups int
		n      int
		opts   Options
		reason string
	}{
		{"one group", 1, 150, Options{}, "a core sequence only: locked components behind prerequisites"},
		{"three groups", 3, 300, Options{}, "nOf electives: in-progress nodes and next steps across groups"},
		{"capped days", 2, 200, Options{MaxDays: 10}, "day counts above MaxDays are counted as MaxDays and reported as capped"},
		{"failures", 2, 200, Options{Eval: pathway.Options{MaxCredentials: 12}}, "learners over the credential limit fail and are sampled by smallest id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := cohorttest.Pathway(tt.groups)
			ls := generate(tt.groups, tt.n, 42)
			got, err := Summarize(context.Background(), def, seq(ls), asOf, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := brute(t, def, ls, tt.opts)
			if d := gocmp.Diff(want, got); d != "" {
				t.Errorf("%s: summary differs from the brute-force computation (-want +got):\n%s", tt.reason, d)
			}
			// The cases must exercise what they claim to.
			switch tt.name {
			case "failures":
				if got.Failed == 0 || len(got.Failures) != DefaultMaxFailures {
					t.Errorf("failed %d, sampled %d", got.Failed, len(got.Failures))
				}
			case "capped days":
				if got.BetweenSteps.Capped == 0 {
					t.Errorf("no day count was capped")
				}
			default:
				if got.Complete == 0 || got.Stalled == 0 || len(got.Stalls) == 0 || got.BetweenSteps.Count == 0 {
					t.Errorf("degenerate cohort: complete %d stalled %d", got.Complete, got.Stalled)
				}
			}
		})
	}
}

// TestDeterministic: any number of workers and any order of learners give
// the same summary, byte for byte in JSON.
func TestDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // let 4 workers exist even on a 2-core machine
	def := cohorttest.Pathway(2)
	ls := generate(2, 400, 9)
	opts := Options{Eval: pathway.Options{MaxCredentials: 14}} // some failures, to check their sample too
	var want []byte
	for _, workers := range []int{1, 2, 3, 4} {
		for _, shuffle := range []bool{false, true} {
			in := slices.Clone(ls)
			if shuffle {
				rand.New(rand.NewPCG(uint64(workers), 1)).Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
			}
			o := opts
			o.Workers = workers
			s, err := Summarize(context.Background(), def, seq(in), asOf, o)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(s)
			if want == nil {
				want = got
				continue
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("workers=%d shuffle=%v: summary differs from workers=1 in order", workers, shuffle)
			}
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	def := cohorttest.Pathway(1)
	n := 0
	endless := func(yield func(string, []pathway.Earned) bool) {
		for k := 0; ; k++ {
			id, e := cohorttest.Learner(1, k, 1, asOf)
			if n++; n == 50 {
				cancel()
			}
			if !yield(id, e) {
				return
			}
		}
	}
	_, err := Summarize(ctx, def, endless, asOf, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Learners travel in batches, but reading stops at the cancellation,
	// not at the end of a batch: the iterator may be slow (a database).
	if n != 50 {
		t.Errorf("%d learners read; reading should stop at the 50th, when the context was cancelled", n)
	}
}

func TestInputErrors(t *testing.T) {
	bad := cohorttest.Pathway(1)
	bad.Requirement.Items = append(bad.Requirement.Items, &pathway.Node{Kind: pathway.KindComponent, Component: "missing"})
	for name, f := range map[string]func() error{
		"nil definition":     func() error { _, err := Summarize(context.Background(), nil, seq(nil), asOf, Options{}); return err },
		"invalid definition": func() error { _, err := Summarize(context.Background(), bad, seq(nil), asOf, Options{}); return err },
		"negative workers": func() error {
			_, err := Summarize(context.Background(), cohorttest.Pathway(1), seq(nil), asOf, Options{Workers: -1})
			return err
		},
	} {
		if err := f(); !errors.Is(err, ErrInput) {
			t.Errorf("%s: err = %v, want ErrInput", name, err)
		}
	}
}

func TestProgressCalls(t *testing.T) {
	var calls []int
	_, err := Summarize(context.Background(), cohorttest.Pathway(1), seq(generate(1, 95, 3)), asOf,
		Options{ProgressEvery: 10, Progress: func(n int) { calls = append(calls, n) }})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(calls) || len(calls) == 0 || calls[len(calls)-1] != 95 {
		t.Errorf("progress calls %v: want increasing, ending at 95", calls)
	}
}

func TestCSV(t *testing.T) {
	def := cohorttest.Pathway(2)
	def.Components[0].Name = "=HYPERLINK(\"http://evil\")"
	s, err := Summarize(context.Background(), def, seq(generate(2, 100, 5)), asOf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	if want := 2 + len(s.Components) + len(s.Nodes); len(rows) != want {
		t.Errorf("%d rows, want %d", len(rows), want)
	}
	if got := rows[2][3]; !strings.HasPrefix(got, "'=") {
		t.Errorf("formula cell written as %q, want it prefixed with an apostrophe", got)
	}
	if rows[1][5] != "100" || rows[2][6] != fmt.Sprint(s.Components[0].Complete) {
		t.Errorf("totals row %v, first component row %v", rows[1], rows[2])
	}
}

// TestRelease: every learner's credentials are handed back once, after
// their evaluation, and recycling them (cohorttest.LearnersReusing)
// changes nothing in the summary, on one worker or four.
func TestRelease(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	def := cohorttest.Pathway(5)
	const n = 3000
	want, err := Summarize(context.Background(), def, cohorttest.Learners(5, n, 3, asOf), asOf, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			// Each slice is poisoned as it is released: a worker still
			// reading it would count what it holds wrongly.
			learners, recycle := cohorttest.LearnersReusing(5, n, 3, asOf)
			var mu sync.Mutex
			released := 0
			release := func(earned []pathway.Earned) {
				for i := range earned {
					earned[i] = pathway.Earned{ID: "poison", AchievementID: cohorttest.AchievementID(0, 0)}
				}
				mu.Lock()
				released++
				mu.Unlock()
				recycle(earned)
			}
			s, err := Summarize(context.Background(), def, learners, asOf, Options{Workers: workers, Release: release})
			if err != nil {
				t.Fatal(err)
			}
			if released != n {
				t.Errorf("%d learners released, want %d", released, n)
			}
			if got, _ := json.Marshal(s); !bytes.Equal(got, wantJSON) {
				t.Errorf("the summary of recycled learners differs from that of fresh ones")
			}
		})
	}
}
