package ctdl

import (
	"fmt"
	"math"
	"strings"

	"github.com/microcred/microcred/pathway"
)

// condition turns a ComponentCondition into a rule. Its items are its
// targetComponents followed by its nested conditions, each counting as one
// item (as the CE pathway viewer renders "Requires N of ..."). requiredNumber
// N of M items gives allOf (N = M or no N), anyOf (N = 1) or nOf; a
// logicalOperator says how the items combine when no N is given, and NOT
// negates them. Constraints that sum credits or points become thresholds.
func (b *builder) condition(owner, c *node, where string, depth int) (*pathway.Node, error) {
	if err := b.tick(owner, depth); err != nil {
		return nil, err
	}
	b.legacy(c, where)
	name := c.text("name", "description")
	var items []*pathway.Node
	seen := map[string]bool{}
	for _, ref := range c.refs("targetcomponent") {
		key := ref
		if t := b.g.resolve(ref); t != nil {
			key = t.id
		}
		if seen[key] {
			b.notes.add(where, "duplicate-target", "targetComponent lists %s twice; it counts once", ref)
			continue
		}
		seen[key] = true
		item, err := b.target(owner, ref, depth+1)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	subs := c.objects(b.g, "hascondition")
	if d := c.objects(b.g, "requiredcondition"); len(d) > 0 {
		b.notes.each(where, "draft-term", "draft-era requiredCondition read as hasCondition")
		subs = append(subs, d...)
	}
	for i, sub := range subs {
		item, err := b.condition(owner, sub, fmt.Sprintf("%s.hasCondition[%d]", where, i), depth+1)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	thresholds := b.constraints(c, where, items)
	if thresholds != nil && !c.has("requirednumber") && !c.has("logicaloperator") {
		// Only constraints: the targets are the candidates they sum over.
		thresholds.Name = name
		return thresholds, nil
	}
	count := b.countRule(c, where, name, items)
	if thresholds == nil {
		return count, nil
	}
	return &pathway.Node{Kind: pathway.KindAllOf, Name: name, Items: []*pathway.Node{count, thresholds}}, nil
}

// legacy reads the 2018 RuleSet (ruleSet/hasRuleSet with requiredNumber
// and targetComponent) and the 2019 draft (leftOperand "reqNum", operand
// "=", rightOperand N, logicalOperand) into the current properties.
func (b *builder) legacy(c *node, where string) {
	for _, rs := range append(c.objects(b.g, "ruleset"), c.objects(b.g, "hasruleset")...) {
		b.notes.each(where, "draft-term", "draft-era RuleSet read as the condition's requiredNumber and targetComponent")
		for _, p := range []string{"requirednumber", "targetcomponent"} {
			if !c.has(p) {
				c.props[p] = rs.props[p]
			}
		}
	}
	if strings.EqualFold(c.text("leftoperand"), "reqNum") && !c.has("requirednumber") {
		if op := c.text("operand"); op != "=" && op != "" {
			b.notes.add(where, "draft-operand", "draft operand %q read as \"=\" (at least)", op)
		}
		c.props["requirednumber"] = c.props["rightoperand"]
		b.notes.each(where, "draft-term", "2019 draft leftOperand reqNum / rightOperand read as requiredNumber")
	}
	if !c.has("logicaloperator") && c.has("logicaloperand") {
		c.props["logicaloperator"] = c.props["logicaloperand"]
		b.notes.each(where, "draft-term", "2019 draft logicalOperand read as logicalOperator")
	}
}

// countRule builds the counting rule of a condition.
func (b *builder) countRule(c *node, where, name string, items []*pathway.Node) *pathway.Node {
	m := len(items)
	op := ""
	for _, v := range c.props["logicaloperator"] {
		op = concept(v)
	}
	switch op {
	case "", "and", "or", "not":
	default:
		b.notes.add(where, "operator-unknown", "logicalOperator %q is not AND, OR or NOT; ignored", op)
		op = ""
	}
	n, hasN := -1, false
	if f, ok := c.number("requirednumber"); ok {
		switch {
		case f != math.Trunc(f) || f < 0 || f > math.MaxInt32:
			b.notes.add(where, "required-number", "requiredNumber %v is not a count; all items are required", f)
		default:
			n, hasN = int(f), true
		}
	} else if c.has("requirednumber") {
		b.notes.add(where, "required-number", "requiredNumber is not a number; all items are required")
	}
	if hasN && n > m {
		b.notes.add(where, "n-greater-than-m", "requires %d of only %d distinct items; read as all of them (as written it could never be met)", n, m)
		n = m
	}
	if m == 0 {
		b.notes.add(where, "empty-condition", "the condition has no targets and no nested conditions")
	}
	switch op {
	case "not":
		inner := &pathway.Node{Kind: pathway.KindAllOf, Items: items}
		if hasN && n < m {
			inner = &pathway.Node{Kind: pathway.KindNOf, Min: n, Items: items}
		}
		if m == 1 && !hasN {
			inner = items[0]
		}
		b.notes.add(where, "not", "NOT: satisfied only while the learner does not hold what it names")
		return &pathway.Node{Kind: pathway.KindNot, Name: name, Items: []*pathway.Node{inner}}
	case "or":
		if hasN && n != 1 {
			b.notes.add(where, "operator-conflict", "logicalOperator OR with requiredNumber %d: requiredNumber is used", n)
			return nOf(name, n, items)
		}
		return &pathway.Node{Kind: pathway.KindAnyOf, Name: name, Items: items}
	case "and":
		if hasN && n != m {
			b.notes.add(where, "operator-conflict", "logicalOperator AND with requiredNumber %d of %d: requiredNumber is used", n, m)
			return nOf(name, n, items)
		}
		return &pathway.Node{Kind: pathway.KindAllOf, Name: name, Items: items}
	}
	if !hasN {
		if m > 0 {
			b.notes.add(where, "no-required-number", "no requiredNumber: all %d items are required", m)
		}
		return &pathway.Node{Kind: pathway.KindAllOf, Name: name, Items: items}
	}
	return nOf(name, n, items)
}

func nOf(name string, n int, items []*pathway.Node) *pathway.Node {
	switch {
	case n == len(items):
		return &pathway.Node{Kind: pathway.KindAllOf, Name: name, Items: items}
	case n == 1:
		return &pathway.Node{Kind: pathway.KindAnyOf, Name: name, Items: items}
	}
	return &pathway.Node{Kind: pathway.KindNOf, Name: name, Min: n, Items: items}
}

// constraints maps hasConstraint entries that sum credits or points of the
// targets against a number (leftSource creditValue or pointValue,
// leftAction sum or none, comparator GTEQ, rightSource a number or a
// ValueProfile). Anything else is reported and left out: CTDL defines no
// evaluation of constraints, and guessing one would award wrongly.
func (b *builder) constraints(c *node, where string, items []*pathway.Node) *pathway.Node {
	cons := c.objects(b.g, "hasconstraint")
	if len(cons) == 0 {
		return nil
	}
	var mapped []*pathway.Node
	for i, k := range cons {
		at := fmt.Sprintf("%s.hasConstraint[%d]", where, i)
		if r := b.constraint(k, at, items); r != nil {
			mapped = append(mapped, r)
		}
	}
	need := len(cons)
	if f, ok := c.number("requiredconstraints"); ok && f >= 0 && f < float64(len(cons)) {
		need = int(f)
	}
	switch {
	case len(mapped) == 0:
		return nil
	case need < len(cons) && len(mapped) < len(cons):
		b.notes.add(where, "constraint-unmapped", "%d of %d constraints are required but only %d could be mapped; the constraints are left out", need, len(cons), len(mapped))
		return nil
	case need < len(cons):
		return &pathway.Node{Kind: pathway.KindNOf, Min: need, Items: mapped}
	case len(mapped) == 1:
		return mapped[0]
	}
	return &pathway.Node{Kind: pathway.KindAllOf, Items: mapped}
}

func (b *builder) constraint(k *node, at string, items []*pathway.Node) *pathway.Node {
	left := ""
	for _, v := range k.props["leftsource"] {
		left = concept(v)
	}
	action := ""
	for _, v := range k.props["leftaction"] {
		action = concept(v)
	}
	cmp := ""
	for _, v := range k.props["comparator"] {
		cmp = concept(v)
	}
	var right float64
	rightOK := false
	unit := ""
	for _, v := range k.props["rightsource"] {
		if f, ok := number(v); ok {
			right, rightOK = f, true
		}
		if m, ok := v.(map[string]any); ok {
			unit = canonicalUnit(firstOf(newNode(m, 0).props["creditunittype"]))
		}
	}
	describeIt := fmt.Sprintf("%s %s %s %s", orDash(action), orDash(left), orDash(cmp), orDash(k.text("rightsource")))
	unmapped := func(why string) *pathway.Node {
		b.notes.add(at, "constraint-unmapped", "constraint (%s) is not enforced: %s", describeIt, why)
		return nil
	}
	if left != "creditvalue" && left != "pointvalue" {
		return unmapped("only sums of creditValue or pointValue can be evaluated")
	}
	if action != "" && action != "sum" {
		return unmapped("only the sum action can be evaluated")
	}
	if cmp != "gteq" && cmp != "greaterthanorequal" {
		return unmapped("only \"at least\" (GTEQ) keeps earning more from undoing completion")
	}
	if !rightOK || right < 0 {
		return unmapped("rightSource is not a non-negative number")
	}
	if action == "" {
		b.notes.add(at, "constraint-action", "no leftAction: the values of the targets are summed")
	}
	if left == "pointvalue" {
		return &pathway.Node{Kind: pathway.KindPoints, Points: right, Items: items}
	}
	if unit == "" {
		unit = b.creditUnitOf(items)
	}
	return &pathway.Node{Kind: pathway.KindCredits, Credits: &pathway.Quantity{Value: right, Unit: unit}, Items: items}
}

// creditUnitOf is the unit of the first target slot with credits, so a
// constraint without a unit sums the targets' own unit.
func (b *builder) creditUnitOf(items []*pathway.Node) string {
	for _, c := range b.def.Components {
		for _, it := range items {
			if it.Kind == pathway.KindComponent && it.Component == c.ID && c.Credits != nil {
				return c.Credits.Unit
			}
		}
	}
	return ""
}

func firstOf(vs []any) any {
	if len(vs) == 0 {
		return nil
	}
	return vs[0]
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
