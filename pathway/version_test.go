package pathway

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
		why  string
	}{
		{"1.10", "1.9", 1, "numeric segments compare as numbers"},
		{"2", "2.0.1", -1, "more segments is later"},
		{"2024-06", "2024-10", -1, "date-like versions"},
		{"1.0-beta", "1.0-alpha", 1, "text segments compare as text"},
		{"3", "3", 0, "equal"},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			if got := compareVersions(tt.a, tt.b); (got > 0) != (tt.want > 0) || (got < 0) != (tt.want < 0) {
				t.Errorf("compareVersions(%q, %q) = %d, want sign %d: %s", tt.a, tt.b, got, tt.want, tt.why)
			}
		})
	}
}

func TestSelectVersion(t *testing.T) {
	v := func(s string) *Definition { d := pathwayOf(C("a"), comp("a", "urn:a")); d.Version = s; return d }
	all := []*Definition{v("1"), v("10"), v("2")}
	if d, _ := SelectVersion(all, "1", Latest); d.Version != "10" {
		t.Errorf("Latest chose %s", d.Version)
	}
	if d, _ := SelectVersion(all, "2", AsStarted); d.Version != "2" {
		t.Errorf("AsStarted chose %s", d.Version)
	}
	if d, _ := SelectVersion(all, "", AsStarted); d.Version != "10" {
		t.Errorf("a learner who has not started gets %s, want the latest", d.Version)
	}
	if _, err := SelectVersion(all, "7", AsStarted); !errors.Is(err, ErrNoVersion) {
		t.Errorf("unknown version: err = %v", err)
	}
	other := v("3")
	other.ID = "urn:other"
	if _, err := SelectVersion(append(all, other), "", Latest); !errors.Is(err, ErrInput) {
		t.Errorf("mixed pathways: err = %v", err)
	}
}

// Version 2 raises the elective count and drops a component; a learner who
// completed version 1 is told exactly what changes.
func TestDiffFor(t *testing.T) {
	v1 := pathwayOf(All(C("a"), NOf(1, C("b"), C("c"))), comp("a", "urn:a"), comp("b", "urn:b"), comp("c", "urn:c"))
	v2 := pathwayOf(All(C("a"), NOf(2, C("b"), C("d"))), comp("a", "urn:a"), comp("b", "urn:b"), comp("d", "urn:d"))
	v2.Version = "2"
	changes := Diff(v1, v2)
	var got []string
	for _, c := range changes {
		got = append(got, c.Kind+" "+c.Path)
	}
	for _, want := range []string{"added components[id=d]", "removed components[id=c]", "changed requirement.items[1]", "changed requirement.items[1].items[1]"} {
		if !slices.Contains(got, want) {
			t.Errorf("diff lacks %q: %v", want, got)
		}
	}
	d, err := DiffFor(v1, v2, []Earned{earn("1", "urn:a", "2025-01-01"), earn("2", "urn:c", "2025-01-01")}, asOf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	summary := strings.Join(d.Summary, "\n")
	for _, want := range []string{"complete under version 1, not under version 2", "credential 2 counted for c, and no longer counts"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if same, _ := DiffFor(v1, v1, nil, asOf, Options{}); len(same.Summary) != 1 || !strings.Contains(same.Summary[0], "nothing changes") {
		t.Errorf("identical versions: %v", same.Summary)
	}
}
