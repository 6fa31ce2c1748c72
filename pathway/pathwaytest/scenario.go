package pathwaytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/pathway"
)

// TB is the part of testing.TB that Run and RunFiles use. *testing.T and
// *testing.B satisfy it; a fake that records Errorf calls lets a host (and
// this package) prove that a wrong expectation fails.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// A Scenario is one learner situation and what the pathway must make of
// it: these credentials at this date give this state, this award and these
// next steps. Zero fields of Want are not checked.
type Scenario struct {
	Name string `json:"name"`
	// AsOf is the evaluation time.
	AsOf time.Time `json:"asOf"`
	// Earned are the learner's credentials, as the host would pass them to
	// pathway.Evaluate.
	Earned  []pathway.Earned `json:"earned"`
	Options pathway.Options  `json:"options"`
	Want    Want             `json:"want"`
}

// Want is what a scenario expects. Every set field is checked; the rest is
// not, so a scenario states only what it is about.
type Want struct {
	// Complete is whether the destination is complete.
	Complete *bool `json:"complete,omitempty"`
	// Percent is the progress toward the destination (to 0.1).
	Percent *float64 `json:"percent,omitempty"`
	// Components maps component ids to their expected state.
	Components map[string]pathway.State `json:"components,omitempty"`
	// Filled maps component ids to the credential id expected to fill
	// them; "" means the component must stay unfilled.
	Filled map[string]string `json:"filled,omitempty"`
	// Milestones maps milestone ids to whether they are complete.
	Milestones map[string]bool `json:"milestones,omitempty"`
	// NextSteps are the component ids the ranked next steps must start
	// with, in order.
	NextSteps []string `json:"nextSteps,omitempty"`
	// Missing are texts each of which must occur in some line of
	// Progress.Missing.
	Missing []string `json:"missing,omitempty"`
	// Award, when set, says whether an award is made and from what.
	Award *WantAward `json:"award,omitempty"`
}

// WantAward is the expected outcome of awarding the destination (or the
// milestone named by Milestone).
type WantAward struct {
	// Made says whether the award is made; false expects it refused.
	Made      bool   `json:"made"`
	Milestone string `json:"milestone,omitempty"`
	// Evidence are the ids of the credentials the award must name as
	// evidence, in any order. Empty means not checked.
	Evidence []string `json:"evidence,omitempty"`
}

// Recipient and Issuer are used for the awards that scenarios check when
// the definition names no issuer.
const (
	Recipient = "urn:pathwaytest:learner"
	Issuer    = "urn:pathwaytest:issuer"
)

func ptr[T any](v T) *T { return &v }

// Bool and Float make Want literals short: Want{Complete: pathwaytest.Bool(true)}.
func Bool(v bool) *bool        { return ptr(v) }
func Float(v float64) *float64 { return ptr(v) }

// Check evaluates one scenario and lists every way the outcome differs
// from the expectation (none means it passed). The Progress is returned for
// messages and further checks; err is set when evaluation itself failed.
func Check(def *pathway.Definition, s Scenario) (mismatches []string, p *pathway.Progress, err error) {
	p, err = pathway.Evaluate(def, s.Earned, s.AsOf, s.Options)
	if err != nil {
		return nil, nil, err
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	w := s.Want
	if w.Complete != nil && p.Complete != *w.Complete {
		bad("complete = %v, want %v", p.Complete, *w.Complete)
	}
	if w.Percent != nil && (p.Percent-*w.Percent > 0.05 || *w.Percent-p.Percent > 0.05) {
		bad("percent = %.1f, want %.1f", p.Percent, *w.Percent)
	}
	comps := map[string]pathway.ComponentProgress{}
	for _, c := range p.Components {
		comps[c.ID] = c
	}
	for _, id := range sortedKeys(w.Components) {
		c, ok := comps[id]
		switch {
		case !ok:
			bad("component %q: no such component", id)
		case c.State != w.Components[id]:
			bad("component %q: state %s, want %s%s", id, c.State, w.Components[id], because(c.Reason))
		}
	}
	for _, id := range sortedKeys(w.Filled) {
		c, ok := comps[id]
		switch {
		case !ok:
			bad("component %q: no such component", id)
		case c.Credential != w.Filled[id] && w.Filled[id] == "":
			bad("component %q: filled by %q, want unfilled", id, c.Credential)
		case c.Credential != w.Filled[id]:
			bad("component %q: filled by %q, want %q%s", id, c.Credential, w.Filled[id], because(c.Reason))
		}
	}
	ms := map[string]bool{}
	for _, m := range p.Milestones {
		ms[m.ID] = m.Complete
	}
	for _, id := range sortedKeys(w.Milestones) {
		got, ok := ms[id]
		switch {
		case !ok:
			bad("milestone %q: no such milestone", id)
		case got != w.Milestones[id]:
			bad("milestone %q: complete = %v, want %v", id, got, w.Milestones[id])
		}
	}
	if len(w.NextSteps) > 0 {
		var got []string
		for _, n := range p.NextSteps {
			got = append(got, n.Component)
		}
		if len(got) < len(w.NextSteps) || !slices.Equal(got[:len(w.NextSteps)], w.NextSteps) {
			bad("next steps = %q, want them to start with %q", got, w.NextSteps)
		}
	}
	for _, m := range w.Missing {
		if !slices.ContainsFunc(p.Missing, func(line string) bool { return strings.Contains(line, m) }) {
			bad("missing = %q, want a line containing %q", p.Missing, m)
		}
	}
	if w.Award != nil {
		out = append(out, checkAward(def, p, *w.Award)...)
	}
	return out, p, nil
}

func because(reason string) string {
	if reason == "" {
		return ""
	}
	return " (" + reason + ")"
}

func checkAward(def *pathway.Definition, p *pathway.Progress, w WantAward) []string {
	opts := pathway.AwardOptions{Recipient: Recipient}
	ref := def.Destination
	for _, m := range def.Milestones {
		if m.ID == w.Milestone {
			ref = m.Achievement
		}
	}
	if ref.IssuerID == "" {
		opts.Issuer = &badge.Profile{ID: Issuer, Type: []string{badge.TypeProfile}}
	}
	var a *pathway.Award
	var err error
	what := "destination award"
	if w.Milestone != "" {
		what = fmt.Sprintf("award of milestone %q", w.Milestone)
		a, err = pathway.AwardMilestone(def, p, w.Milestone, opts)
	} else {
		a, err = pathway.AwardDestination(def, p, opts)
	}
	switch {
	case !w.Made && err == nil:
		return []string{fmt.Sprintf("%s made (id %s), want none", what, a.ID)}
	case !w.Made:
		return nil
	case err != nil:
		return []string{fmt.Sprintf("%s refused: %v", what, err)}
	}
	if len(w.Evidence) == 0 {
		return nil
	}
	var got []string
	for _, e := range a.Credential.Evidence {
		got = append(got, e.ID)
	}
	want := slices.Clone(w.Evidence)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return []string{fmt.Sprintf("%s evidence = %q, want %q", what, got, want)}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Run checks every scenario against def and reports each one that fails
// through t.Errorf, with what differs and the explanation tree of the
// evaluation (Progress.Explain), so the failure says why.
func Run(t TB, def *pathway.Definition, scenarios []Scenario) {
	t.Helper()
	if len(scenarios) == 0 {
		t.Errorf("pathwaytest: no scenarios to run")
	}
	for i, s := range scenarios {
		name := s.Name
		if name == "" {
			name = fmt.Sprintf("#%d", i)
		}
		report(t, name, def, s)
	}
}

func report(t TB, name string, def *pathway.Definition, s Scenario) {
	t.Helper()
	if s.AsOf.IsZero() {
		t.Errorf("scenario %s: no AsOf time; every credential would count as earned in the future", name)
		return
	}
	bad, p, err := Check(def, s)
	if err != nil {
		t.Errorf("scenario %s: evaluation failed: %v", name, err)
		return
	}
	if len(bad) == 0 {
		return
	}
	t.Errorf("scenario %s (as of %s):\n  - %s\nexplanation:\n%s", name, s.AsOf.Format(time.RFC3339),
		strings.Join(bad, "\n  - "), indent(p.Explain()))
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return "    " + strings.Join(lines, "\n    ")
}

// ErrScenario: a scenario file is malformed. The message names the file
// and the problem.
var ErrScenario = errors.New("pathwaytest: bad scenario file")

// MaxScenarioBytes bounds a scenario file.
const MaxScenarioBytes = 4 << 20

// LoadFile reads a scenario file: one Scenario object or an array of them,
// decoded strictly (an unknown field is an error, so a misspelt expectation
// cannot pass silently). A scenario without a name is named after the file.
func LoadFile(path string) ([]Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrScenario, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxScenarioBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrScenario, path, err)
	}
	if len(data) > MaxScenarioBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrScenario, path, MaxScenarioBytes)
	}
	return parse(path, data)
}

func parse(path string, data []byte) ([]Scenario, error) {
	data = bytes.TrimSpace(data)
	var list []Scenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var err error
	if len(data) > 0 && data[0] == '[' {
		err = dec.Decode(&list)
	} else {
		var s Scenario
		err = dec.Decode(&s)
		list = []Scenario{s}
	}
	if err == nil && dec.More() {
		err = errors.New("trailing data after the scenarios")
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrScenario, path, err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	for i := range list {
		if list[i].Name == "" {
			list[i].Name = base
			if len(list) > 1 {
				list[i].Name = fmt.Sprintf("%s#%d", base, i)
			}
		}
		if list[i].AsOf.IsZero() {
			return nil, fmt.Errorf("%w: %s: scenario %s has no asOf time", ErrScenario, path, list[i].Name)
		}
	}
	return list, nil
}

// RunFiles runs the scenarios of every file matching pattern (see
// filepath.Glob), in file name order. A pattern matching no file is a
// failure, so a moved directory cannot make a suite pass by testing
// nothing.
func RunFiles(t TB, def *pathway.Definition, pattern string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Errorf("pathwaytest: pattern %q: %v", pattern, err)
		return
	}
	if len(files) == 0 {
		t.Errorf("pathwaytest: no scenario file matches %q", pattern)
		return
	}
	slices.Sort(files)
	for _, f := range files {
		list, err := LoadFile(f)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, s := range list {
			report(t, f+": "+s.Name, def, s)
		}
	}
}
