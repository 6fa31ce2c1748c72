package pathway

import "testing"

// TestResultMatch: a result is addressed by its result description when an
// achievement has two of one type, and minValue accepts only finite
// decimal numbers.
func TestResultMatch(t *testing.T) {
	minV := func(v float64) *float64 { return &v }
	results := []Result{
		{Description: "urn:rd:theory", Type: "Percent", Value: "55"},
		{Description: "urn:rd:practice", Type: "Percent", Value: "91"},
	}
	tests := []struct {
		name    string
		match   ResultMatch
		results []Result
		want    bool
	}{
		{"either Percent result may meet a type-only threshold", ResultMatch{Type: "Percent", MinValue: minV(90)}, results, true},
		{"the theory result, addressed by its description, is below 90", ResultMatch{ResultDescription: "urn:rd:theory", MinValue: minV(90)}, results, false},
		{"the practice result is above", ResultMatch{ResultDescription: "urn:rd:practice", MinValue: minV(90)}, results, true},
		{"a letter grade is not a number", ResultMatch{MinValue: minV(50)}, []Result{{Value: "A"}}, false},
		{"NaN is not a number", ResultMatch{MinValue: minV(50)}, []Result{{Value: "NaN"}}, false},
		{"Inf is not a number", ResultMatch{MinValue: minV(50)}, []Result{{Value: "+Inf"}}, false},
		{"a hex float is not a decimal number", ResultMatch{MinValue: minV(50)}, []Result{{Value: "0x1p7"}}, false},
		{"a percent sign is allowed", ResultMatch{MinValue: minV(50)}, []Result{{Value: " 87.5 %"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := comp("a", "urn:a")
			m := tt.match
			c.Match.Result = &m
			def := pathwayOf(C("a"), c)
			e := earn("e1", "urn:a", "2025-01-01")
			e.Results = tt.results
			p := evaluate(t, def, []Earned{e}, Options{})
			if p.Complete != tt.want {
				t.Errorf("complete = %v, want %v\n%s", p.Complete, tt.want, p.Explain())
			}
		})
	}
}
