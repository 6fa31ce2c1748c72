package pathway

import (
	"fmt"

	"github.com/microcred/microcred/badge"
)

// A CreditConversion says that one credit in From is worth Factor credits
// in To: {"from": "SemesterCredit", "to": "ECTS", "factor": 2}. It applies
// in that direction only (declare the other too if it holds) and is never
// chained, so what counts is always one declared step from what was
// earned. Units compare case-insensitively.
type CreditConversion struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Factor float64 `json:"factor"`
}

// convert expresses v in unit from as unit to: itself in the same unit,
// through a declared conversion, else not at all.
func convert(def *Definition, v float64, from, to string) (float64, bool) {
	if unitEqual(from, to) {
		return v, true
	}
	for _, c := range def.CreditConversions {
		if unitEqual(c.From, from) && unitEqual(c.To, to) {
			return v * c.Factor, true
		}
	}
	return 0, false
}

// creditWorth is what credential e filling component c is worth toward a
// credit threshold in unit, and why when the credential's own credits were
// set aside.
//
// The credential's own credits (OB 3.0 creditsEarned, with the unit the
// host gave them) win when their unit is the threshold's or converts to it.
// Otherwise the component's declared credits count, in the same unit or
// through a conversion. Credits without a unit are the empty unit, which
// equals only itself: a unitless creditsEarned never stands in for a
// slot's credits in a named unit.
func creditWorth(def *Definition, c *Component, e *Earned, unit string) (float64, string) {
	why := ""
	if e.Credits > 0 {
		if v, ok := convert(def, e.Credits, e.CreditUnit, unit); ok {
			return v, ""
		}
		have := "no unit"
		if e.CreditUnit != "" {
			have = e.CreditUnit
		}
		why = fmt.Sprintf("its %g credits (%s) are not %s and no conversion is declared", e.Credits, have, orUnitless(unit))
	}
	if c.Credits != nil {
		if v, ok := convert(def, c.Credits.Value, c.Credits.Unit, unit); ok {
			if why != "" {
				why += fmt.Sprintf("; the component's declared %g %s count", c.Credits.Value, orUnitless(c.Credits.Unit))
			}
			return v, why
		}
	}
	if why != "" {
		why += ", so it counts nothing here"
	}
	return 0, why
}

func orUnitless(u string) string {
	if u == "" {
		return "unitless"
	}
	return u
}

// lintConversions checks the declared conversions.
func (l *linter) conversions() {
	for i, c := range l.def.CreditConversions {
		path := fmt.Sprintf("/creditConversions/%d", i)
		switch {
		case c.From == "" || c.To == "":
			l.add(badge.SeverityError, "conversion", path, "a credit conversion needs both from and to units")
		case unitEqual(c.From, c.To):
			l.add(badge.SeverityError, "conversion", path, "a credit conversion from %s to itself", c.From)
		case !(c.Factor > 0):
			l.add(badge.SeverityError, "conversion", path, "factor %g: a credit conversion needs a positive factor", c.Factor)
		}
		for j := range i {
			if d := l.def.CreditConversions[j]; unitEqual(d.From, c.From) && unitEqual(d.To, c.To) {
				l.add(badge.SeverityError, "conversion", path, "a second conversion from %s to %s (the first is /creditConversions/%d)", c.From, c.To, j)
			}
		}
	}
}
