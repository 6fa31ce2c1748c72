package badge

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A quick schema answers one question about a document, whether the
// official JSON Schema accepts it, with none of the per-call bookkeeping
// the library keeps for its error report (scopes, instance locations,
// evaluated-property sets, discarded errors inside oneOf): that
// bookkeeping was most of the cost of a verification's schema check and
// 40% of its allocations.
//
// It is not a second validator. It is built from the library's own
// compiled schema and calls the library's compiled patterns and format
// checkers; it only combines their answers, keyword by keyword, as the
// library's validator does. A keyword it does not implement makes its
// node unsure, and an unsure answer (or a rejection) sends the document
// to the library, which writes the findings. So a document it accepts is
// one the library accepts, and every finding still comes from the
// library; TestQuickSchemaAgrees and FuzzQuickSchema hold the two to
// that.
type quickSchema struct {
	root *quickNode
}

// quickNode is one compiled schema. Every field mirrors a keyword of
// jsonschema.Schema that the official schemas use.
type quickNode struct {
	unsure bool // a keyword this checker does not implement is present

	boolean   int8 // 0 not a boolean schema, 1 true, -1 false
	types     jsonTypes
	enum      []string // nil: no enum
	hasEnum   bool
	format    func(any) error
	ref       *quickNode
	allOf     []*quickNode
	anyOf     []*quickNode
	oneOf     []*quickNode
	pattern   jsonschema.Regexp
	required  []string
	props     map[string]*quickNode
	patProps  []quickPattern
	addProps  *quickNode // nil: none; a boolean node for true/false
	propNames *quickNode
	minItems  int // -1: none
	items     *quickNode
	tuple     []*quickNode
	hasTuple  bool
	addItems  *quickNode // nil: none
	contains  *quickNode
	minCont   int // -1: none
	maxCont   int // -1: none
}

type quickPattern struct {
	re   jsonschema.Regexp
	node *quickNode
}

// jsonTypes is a set of JSON types, as the type keyword lists them.
type jsonTypes uint8

const (
	tNull jsonTypes = 1 << iota
	tBoolean
	tNumber
	tInteger
	tString
	tArray
	tObject
)

// newQuickSchema compiles s. It never fails: what it cannot mirror is
// marked unsure and left to the library.
func newQuickSchema(s *jsonschema.Schema) *quickSchema {
	b := quickBuilder{seen: map[*jsonschema.Schema]*quickNode{},
		yes: &quickNode{boolean: 1}, no: &quickNode{boolean: -1}}
	return &quickSchema{root: b.node(s)}
}

type quickBuilder struct {
	seen    map[*jsonschema.Schema]*quickNode // $ref cycles are the norm
	yes, no *quickNode                        // additionalProperties: true and false
}

func (b *quickBuilder) node(s *jsonschema.Schema) *quickNode {
	if n, ok := b.seen[s]; ok {
		return n
	}
	n := &quickNode{minItems: -1, minCont: -1, maxCont: -1}
	b.seen[s] = n
	if s.Bool != nil {
		n.boolean = -1
		if *s.Bool {
			n.boolean = 1
		}
		return n
	}
	// Only draft 2019-09, which the official schemas declare: the
	// library's rules for items, $ref and propertyNames differ by draft.
	if s.DraftVersion != 2019 || s.RecursiveRef != nil || s.DynamicRef != nil || s.Const != nil ||
		s.Not != nil || s.If != nil || s.Then != nil || s.Else != nil ||
		s.MaxProperties != nil || s.MinProperties != nil || len(s.Dependencies) > 0 ||
		len(s.DependentRequired) > 0 || len(s.DependentSchemas) > 0 || s.UnevaluatedProperties != nil ||
		s.MaxItems != nil || s.UniqueItems || len(s.PrefixItems) > 0 || s.Items2020 != nil ||
		s.UnevaluatedItems != nil || s.MinLength != nil || s.MaxLength != nil ||
		s.ContentEncoding != nil || s.ContentMediaType != nil || s.ContentSchema != nil ||
		s.Maximum != nil || s.Minimum != nil || s.ExclusiveMaximum != nil || s.ExclusiveMinimum != nil ||
		s.MultipleOf != nil || len(s.Extensions) > 0 {
		n.unsure = true
		return n
	}
	if s.Types != nil {
		for _, t := range s.Types.ToStrings() {
			switch t {
			case "null":
				n.types |= tNull
			case "boolean":
				n.types |= tBoolean
			case "number":
				n.types |= tNumber
			case "integer":
				n.types |= tInteger
			case "string":
				n.types |= tString
			case "array":
				n.types |= tArray
			case "object":
				n.types |= tObject
			default:
				n.unsure = true
			}
		}
	}
	if s.Enum != nil {
		n.hasEnum = true
		for _, v := range s.Enum.Values {
			str, ok := v.(string)
			if !ok {
				// Equality of numbers, arrays and objects is the
				// library's; the official enums are all strings.
				n.unsure = true
				break
			}
			n.enum = append(n.enum, str)
		}
	}
	if s.Format != nil {
		if s.Format.Validate == nil {
			n.unsure = true
		}
		n.format = s.Format.Validate
	}
	if s.Ref != nil {
		n.ref = b.node(s.Ref)
	}
	n.allOf = b.nodes(s.AllOf)
	n.anyOf = b.nodes(s.AnyOf)
	n.oneOf = b.nodes(s.OneOf)
	n.pattern = s.Pattern
	n.required = s.Required
	if len(s.Properties) > 0 {
		n.props = make(map[string]*quickNode, len(s.Properties))
		for k, p := range s.Properties {
			n.props[k] = b.node(p)
		}
	}
	for re, p := range s.PatternProperties {
		n.patProps = append(n.patProps, quickPattern{re, b.node(p)})
	}
	n.addProps = b.boolOrSchema(s.AdditionalProperties, n)
	if s.PropertyNames != nil {
		n.propNames = b.node(s.PropertyNames)
	}
	if s.MinItems != nil {
		n.minItems = *s.MinItems
	}
	switch items := s.Items.(type) {
	case nil:
	case *jsonschema.Schema:
		n.items = b.node(items)
	case []*jsonschema.Schema:
		n.tuple, n.hasTuple = b.nodes(items), true
	default:
		n.unsure = true
	}
	n.addItems = b.boolOrSchema(s.AdditionalItems, n)
	if s.Contains != nil {
		n.contains = b.node(s.Contains)
	}
	if s.MinContains != nil {
		n.minCont = *s.MinContains
	}
	if s.MaxContains != nil {
		n.maxCont = *s.MaxContains
	}
	return n
}

func (b *quickBuilder) nodes(ss []*jsonschema.Schema) []*quickNode {
	if len(ss) == 0 {
		return nil
	}
	out := make([]*quickNode, len(ss))
	for i, s := range ss {
		out[i] = b.node(s)
	}
	return out
}

// boolOrSchema compiles additionalProperties or additionalItems: nil, a
// bool or a schema.
func (b *quickBuilder) boolOrSchema(v any, n *quickNode) *quickNode {
	switch v := v.(type) {
	case nil:
		return nil
	case bool:
		if v {
			return b.yes
		}
		return b.no
	case *jsonschema.Schema:
		return b.node(v)
	}
	n.unsure = true
	return nil
}

// quickRun is one check of one document.
type quickRun struct {
	unsure bool
	// steps counts node visits: bounded by the document and the schema in
	// any case, but a budget makes that independent of the schema's shape.
	steps int
}

// quickMaxSteps is far above what the official schemas need for a large
// credential (a few thousand); past it the library decides.
const quickMaxSteps = 1 << 20

// quickMaxRefDepth bounds schema nesting at one place in the document: a
// $ref cycle that never moves into the document is the library's to
// report (as a RefCycle error).
const quickMaxRefDepth = 64

// accepts reports whether the library's Validate would return nil for v:
// true only when it certainly would. false means "ask the library".
func (q *quickSchema) accepts(v any) bool {
	var r quickRun
	ok := r.valid(q.root, v, 0)
	return ok && !r.unsure
}

// valid evaluates n on v, as the library's validator.validate does.
// refDepth counts the schemas entered at this place in the document.
// Once r.unsure is set, every answer is meaningless and the caller gives
// up.
func (r *quickRun) valid(n *quickNode, v any, refDepth int) bool {
	if r.unsure {
		return false
	}
	r.steps++
	if n.unsure || r.steps > quickMaxSteps || refDepth > quickMaxRefDepth {
		r.unsure = true
		return false
	}
	switch n.boolean {
	case 1:
		return true
	case -1:
		return false
	}
	var t jsonTypes
	switch x := v.(type) {
	case nil:
		t = tNull
	case bool:
		t = tBoolean
	case json.Number:
		t = tNumber
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			r.unsure = true
			return false
		}
		t = tNumber
	case string:
		t = tString
	case []any:
		t = tArray
	case map[string]any:
		t = tObject
	default:
		// Any other Go value is the library's to judge (or refuse).
		r.unsure = true
		return false
	}
	if n.types != 0 && n.types&t == 0 {
		if !(t == tNumber && n.types&tInteger != 0 && isIntegral(v)) {
			return false
		}
	}
	if n.hasEnum {
		s, ok := v.(string)
		if !ok || !containsString(n.enum, s) {
			return false
		}
	}
	if n.format != nil && n.format(v) != nil {
		return false
	}
	if n.ref != nil && !r.valid(n.ref, v, refDepth+1) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		if !r.object(n, x) {
			return false
		}
	case []any:
		if !r.array(n, x) {
			return false
		}
	case string:
		if n.pattern != nil && !n.pattern.MatchString(x) {
			return false
		}
	}
	for _, s := range n.allOf {
		if !r.valid(s, v, refDepth+1) {
			return false
		}
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, s := range n.anyOf {
			if r.valid(s, v, refDepth+1) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	if len(n.oneOf) > 0 {
		matched := 0
		for _, s := range n.oneOf {
			if r.valid(s, v, refDepth+1) {
				matched++
			}
			if r.unsure {
				return false
			}
		}
		if matched != 1 {
			return false
		}
	}
	return !r.unsure
}

func (r *quickRun) object(n *quickNode, obj map[string]any) bool {
	for _, k := range n.required {
		if _, ok := obj[k]; !ok {
			return false
		}
	}
	for k, x := range obj {
		evaluated := false
		if s, ok := n.props[k]; ok {
			evaluated = true
			if !r.valid(s, x, 0) {
				return false
			}
		}
		for _, p := range n.patProps {
			if p.re.MatchString(k) {
				evaluated = true
				if !r.valid(p.node, x, 0) {
					return false
				}
			}
		}
		if !evaluated && n.addProps != nil && !r.valid(n.addProps, x, 0) {
			return false
		}
		// The library validates each name as a document of its own.
		if n.propNames != nil && !r.valid(n.propNames, k, 0) {
			return false
		}
	}
	return true
}

func (r *quickRun) array(n *quickNode, arr []any) bool {
	if n.minItems >= 0 && len(arr) < n.minItems {
		return false
	}
	evaluated := 0
	switch {
	case n.items != nil:
		for _, x := range arr {
			if !r.valid(n.items, x, 0) {
				return false
			}
		}
		evaluated = len(arr)
	case n.hasTuple:
		evaluated = min(len(arr), len(n.tuple))
		for i, x := range arr[:evaluated] {
			if !r.valid(n.tuple[i], x, 0) {
				return false
			}
		}
	}
	if n.addItems != nil {
		for _, x := range arr[evaluated:] {
			if !r.valid(n.addItems, x, 0) {
				return false
			}
		}
	}
	if n.contains != nil {
		matched := 0
		for _, x := range arr {
			if r.valid(n.contains, x, 0) {
				matched++
			}
			if r.unsure {
				return false
			}
		}
		switch {
		case n.minCont >= 0 && matched < n.minCont:
			return false
		case n.minCont < 0 && matched == 0:
			return false
		case n.maxCont >= 0 && matched > n.maxCont:
			return false
		}
	}
	return true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isIntegral is the library's isInteger: whether a number's decimal
// reading is a whole number (1.0 and 1e2 are).
func isIntegral(v any) bool {
	rat, ok := new(big.Rat).SetString(fmt.Sprint(v))
	return ok && rat.IsInt()
}
