package pathway

import (
	"errors"
	"strings"
	"testing"
)

// TestCreditUnits: a credential's own credits win only in the threshold's
// unit or through a declared conversion; unitless creditsEarned never
// stand in for a slot's credits in a named unit.
func TestCreditUnits(t *testing.T) {
	semester := []CreditConversion{{From: "SemesterCredit", To: "ECTS", Factor: 2}}
	tests := []struct {
		name        string
		slot        *Quantity
		credits     float64
		unit        string
		conversions []CreditConversion
		threshold   Quantity
		want        float64
		note        string // in the explanation
	}{
		{"own credits in the same unit win", &Quantity{3, "ECTS"}, 8, "ects", nil, Quantity{6, "ECTS"}, 8, ""},
		{"unitless creditsEarned do not override a slot in ECTS", &Quantity{3, "ECTS"}, 8, "", nil, Quantity{6, "ECTS"}, 3,
			"its 8 credits (no unit) are not ECTS and no conversion is declared; the component's declared 3 ECTS count"},
		{"another unit without a conversion: the slot's credits", &Quantity{3, "ECTS"}, 4, "SemesterCredit", nil, Quantity{6, "ECTS"}, 3,
			"its 4 credits (SemesterCredit) are not ECTS"},
		{"another unit with a declared conversion", &Quantity{3, "ECTS"}, 4, "SemesterCredit", semester, Quantity{6, "ECTS"}, 8, ""},
		{"a slot declared in another unit converts too", &Quantity{3, "SemesterCredit"}, 0, "", semester, Quantity{6, "ECTS"}, 6, ""},
		{"conversions go one way only", &Quantity{3, "ECTS"}, 0, "", semester, Quantity{1, "SemesterCredit"}, 0, ""},
		{"unitless credits toward a unitless threshold", nil, 5, "", nil, Quantity{5, ""}, 5, ""},
		{"unitless credits toward a named unit, no slot credits: nothing", nil, 5, "", nil, Quantity{5, "ECTS"}, 0,
			"its 5 credits (no unit) are not ECTS and no conversion is declared, so it counts nothing here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := comp("a", "urn:a")
			c.Credits = tt.slot
			th := Cred(tt.threshold.Value, tt.threshold.Unit, C("a"))
			def := pathwayOf(All(C("a"), th), c)
			def.CreditConversions = tt.conversions
			e := earn("e1", "urn:a", "2025-01-01")
			e.Credits, e.CreditUnit = tt.credits, tt.unit
			p := evaluate(t, def, []Earned{e}, Options{})
			if len(p.Credits) != 1 || p.Credits[0].Earned != tt.want {
				t.Fatalf("credits %+v, want %g earned\n%s", p.Credits, tt.want, p.Explain())
			}
			if p.Complete != (tt.want >= tt.threshold.Value) {
				t.Errorf("complete = %v with %g of %g", p.Complete, tt.want, tt.threshold.Value)
			}
			if tt.note != "" && !strings.Contains(p.Explain(), tt.note) {
				t.Errorf("explanation lacks %q:\n%s", tt.note, p.Explain())
			}
		})
	}
}

func TestCreditConversionLint(t *testing.T) {
	tests := []struct {
		name string
		c    []CreditConversion
	}{
		{"zero factor", []CreditConversion{{From: "A", To: "B"}}},
		{"to itself", []CreditConversion{{From: "ECTS", To: "ects", Factor: 1}}},
		{"missing unit", []CreditConversion{{From: "A", Factor: 1}}},
		{"declared twice", []CreditConversion{{From: "A", To: "B", Factor: 1}, {From: "a", To: "b", Factor: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := pathwayOf(C("a"), comp("a", "urn:a"))
			def.CreditConversions = tt.c
			if err := Validate(def); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "conversion") {
				t.Errorf("err = %v, want a conversion error", err)
			}
		})
	}
}
