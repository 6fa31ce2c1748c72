package pathway

import (
	"errors"
	"strings"
	"testing"
)

// TestExplanationWords: explanations say what a rule means in the
// learner's words, and the award refusal is short and names the goal.
func TestExplanationWords(t *testing.T) {
	comps := []Component{comp("a", "urn:a"), comp("b", "urn:b")}
	optional := NOf(0, C("a"), C("b"))
	optional.Name = "Extras"
	tests := []struct {
		name string
		root *Node
		want string
	}{
		{"nOf with min 0 says it is optional", All(C("a"), optional), "Extras: optional, none required (an nOf with min 0 is satisfied); 0 of 2 complete"},
		{"empty allOf says it is satisfied", All(C("a"), All()), "nothing required (an empty allOf is satisfied)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := pathwayOf(tt.root, comps...)
			p := evaluate(t, def, nil, Options{})
			if !strings.Contains(p.Explain(), tt.want) {
				t.Errorf("explanation lacks %q:\n%s", tt.want, p.Explain())
			}
			if strings.Contains(p.Explain(), "()") {
				t.Errorf("empty parentheses in:\n%s", p.Explain())
			}
		})
	}

	def := pathwayOf(All(C("a"), C("b")), comps...)
	p := evaluate(t, def, []Earned{earn("e1", "urn:a", "2025-01-01")}, Options{})
	_, err := AwardDestination(def, p, AwardOptions{Recipient: "did:example:1"})
	var ie *IncompleteError
	if !errors.Is(err, ErrIncomplete) || !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an IncompleteError wrapping ErrIncomplete", err)
	}
	if got, want := err.Error(), `pathway: not complete: "Destination" is 50% complete`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if ie.Achievement != "urn:test:destination" || len(ie.Missing) == 0 {
		t.Errorf("details %+v: want the achievement id and what is missing", ie)
	}
}
