package jsonld

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/rdfc"
)

const (
	rdfType   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	rdfFirst  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
	rdfRest   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
	rdfNil    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
	rdfJSON   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
	xsdBool   = "http://www.w3.org/2001/XMLSchema#boolean"
	xsdInt    = "http://www.w3.org/2001/XMLSchema#integer"
	xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
	i18nBase  = "https://www.w3.org/ns/i18n#"
)

// ToRDF expands doc in safe mode (see Expand) and converts it to an RDF
// dataset as JSON-LD 1.1's Deserialize JSON-LD to RDF algorithm does, with
// literals written exactly as jsonld.js writes them. Where that algorithm
// would drop a statement, ToRDF returns an error instead.
func ToRDF(ctx context.Context, doc any, opts *Options) (rdfc.Dataset, error) {
	if opts == nil {
		opts = &Options{}
	}
	lim := opts.Limits.withDefaults()
	// The expanded tree and the input are dropped once the quads are
	// made, so the caller's value need not be copied first.
	in, aliased, err := readDocumentShared(doc, lim, true, false, false)
	if err != nil {
		return nil, err
	}
	expanded, err := expandShared(ctx, in, aliased, opts.Loader, lim)
	if err != nil {
		return nil, err
	}
	return expandedToRDF(expanded, lim, nil)
}

// expandedToRDF converts checked, expanded JSON-LD to quads. It walks the
// expanded tree directly instead of building JSON-LD's node map first: the
// statements are the same (a dataset is a set, and rdfc drops duplicates),
// while json-gold's node map merges values with a pairwise deep comparison
// that takes seconds on one property with a few thousand values. The
// statements are appended to dst[:0].
func expandedToRDF(expanded []any, lim Limits, dst rdfc.Dataset) (ds rdfc.Dataset, err error) {
	c := converter{max: lim.MaxQuads}
	// A quad is 224 bytes; growing the dataset by appending was a third of
	// the bytes canonicalizing a credential allocated. The estimate is
	// exact for the common shapes and at worst a little over.
	// dst, when large enough, is a pooled dataset (see getDataset).
	if need := min(estimateQuads(expanded), lim.MaxQuads); cap(dst) < need {
		dst = make(rdfc.Dataset, 0, need)
	}
	c.out = dst[:0]
	def := rdfc.Term{Kind: rdfc.DefaultGraph}
	for _, el := range expanded {
		if err := c.top(el, def); err != nil {
			return nil, err
		}
	}
	if len(c.out) == 0 {
		return nil, unsafef("the document yields no RDF statements; nothing would be signed")
	}
	return c.out, nil
}

// estimateQuads counts the array elements of an expanded tree: each type,
// property value and graph member makes one statement, each list item two.
// Values of JSON literals are not descended into.
func estimateQuads(v any) int {
	switch t := v.(type) {
	case []any:
		n := len(t)
		for _, x := range t {
			n += estimateQuads(x)
		}
		return n
	case map[string]any:
		if _, ok := t["@value"]; ok {
			return 0
		}
		n := 0
		for k, x := range t {
			n += estimateQuads(x)
			if k == "@list" {
				n += estimateQuads(x) // rdf:first and rdf:rest per item
			}
		}
		return n
	}
	return 0
}

type converter struct {
	out rdfc.Dataset
	max int
	blankLabeller
}

// blankLabeller issues blank node labels for one conversion (the generic
// converter's and the straight path's, which must label alike).
type blankLabeller struct {
	labels map[string]rdfc.Term // blank node labels of the input -> issued; nil until one is seen
	next   int
}

func (c *converter) emit(s, p, o, g rdfc.Term) error {
	if len(c.out) >= c.max {
		return fmt.Errorf("%w: more than MaxQuads (%d) quads", ErrLimit, c.max)
	}
	c.out = append(c.out, rdfc.Quad{Subject: s, Predicate: p, Object: o, Graph: g})
	return nil
}

// newBlank issues a fresh label. Input labels are relabelled too, so they
// can never collide with issued ones.
func (b *blankLabeller) newBlank() rdfc.Term {
	b.next++
	return rdfc.Term{Kind: rdfc.BlankNode, Value: blankLabel(b.next - 1)}
}

// relabel returns the label issued for the input's blank node identifier
// id, issuing one the first time.
func (b *blankLabeller) relabel(id string) rdfc.Term {
	t, ok := b.labels[id]
	if !ok {
		if b.labels == nil {
			b.labels = make(map[string]rdfc.Term)
		}
		t = b.newBlank()
		b.labels[id] = t
	}
	return t
}

// blankLabel is "b" + n, without an allocation for the first labels: a
// credential issues a handful.
func blankLabel(n int) string {
	if n < len(smallBlankLabels) {
		return smallBlankLabels[n]
	}
	return "b" + strconv.Itoa(n)
}

var smallBlankLabels = func() (l [64]string) {
	for i := range l {
		l[i] = "b" + strconv.Itoa(i)
	}
	return
}()

// resource converts a node identifier, refusing what RDF would drop.
func (c *converter) resource(id string) (rdfc.Term, error) {
	if isBlank(id) {
		return c.relabel(id), nil
	}
	if !isAbsIRI(id) {
		return rdfc.Term{}, unsafef("%q is not an absolute IRI, so RDF would drop the statement", id)
	}
	return iri(id), nil
}

// top converts an element of the top level or of a @graph or @included
// array: only node objects make statements there.
func (c *converter) top(el any, graph rdfc.Term) error {
	m, ok := el.(map[string]any)
	if !ok || m["@value"] != nil || m["@list"] != nil {
		return unsafef("a value or list outside any node is not represented in RDF")
	}
	if _, ok := m["@id"]; ok && len(m) == 1 {
		// A reference with no statements about it, such as a string
		// given for a @graph-container term ("proof": "urn:x").
		return unsafef("%v inside a graph has no properties, so RDF would not carry it", m["@id"])
	}
	_, err := c.node(m, graph)
	return err
}

func (c *converter) node(m map[string]any, graph rdfc.Term) (rdfc.Term, error) {
	var subj rdfc.Term
	if id, ok := m["@id"].(string); ok {
		var err error
		if subj, err = c.resource(id); err != nil {
			return subj, err
		}
	} else {
		subj = c.newBlank()
	}
	var keyBuf [16]string
	for _, prop := range appendSortedKeys(keyBuf[:0], m) {
		v := m[prop]
		switch prop {
		case "@id":
		case "@type":
			types, _ := v.([]any)
			for _, t := range types {
				s, _ := t.(string)
				obj, err := c.resource(s)
				if err != nil {
					return subj, fmt.Errorf("type of %s: %w", subj.Value, err)
				}
				if err := c.emit(subj, iri(rdfType), obj, graph); err != nil {
					return subj, err
				}
			}
		case "@graph":
			items, _ := v.([]any)
			for _, it := range items {
				if err := c.top(it, subj); err != nil {
					return subj, err
				}
			}
		case "@included":
			items, _ := v.([]any)
			for _, it := range items {
				if err := c.top(it, graph); err != nil {
					return subj, err
				}
			}
		case "@reverse":
			rm, _ := v.(map[string]any)
			for _, rp := range appendSortedKeys(nil, rm) {
				items, _ := rm[rp].([]any)
				for _, it := range items {
					n, ok := it.(map[string]any)
					if !ok || n["@value"] != nil || n["@list"] != nil {
						return subj, unsafef("reverse property <%s> has a value that is not a node", rp)
					}
					obj, err := c.node(n, graph)
					if err != nil {
						return subj, err
					}
					if err := c.emit(obj, iri(rp), subj, graph); err != nil {
						return subj, err
					}
				}
			}
		default:
			if strings.HasPrefix(prop, "@") {
				return subj, unsafef("%s on node %s is not represented in RDF", prop, subj.Value)
			}
			if !isAbsIRI(prop) {
				return subj, fmt.Errorf("%w: property %q does not expand to an absolute IRI", ErrUndefinedTerm, prop)
			}
			items, _ := v.([]any)
			for _, it := range items {
				obj, err := c.object(it, graph)
				if err != nil {
					return subj, fmt.Errorf("property <%s>: %w", prop, err)
				}
				if err := c.emit(subj, iri(prop), obj, graph); err != nil {
					return subj, err
				}
			}
		}
	}
	return subj, nil
}

func (c *converter) object(v any, graph rdfc.Term) (rdfc.Term, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return rdfc.Term{}, unsafef("unexpected %T in expanded JSON-LD", v)
	}
	if val, ok := m["@value"]; ok {
		return literal(val, m)
	}
	if list, ok := m["@list"]; ok {
		items, _ := list.([]any)
		return c.list(items, graph)
	}
	return c.node(m, graph)
}

func (c *converter) list(items []any, graph rdfc.Term) (rdfc.Term, error) {
	if len(items) == 0 {
		return iri(rdfNil), nil
	}
	head := c.newBlank()
	subj := head
	for i, it := range items {
		obj, err := c.object(it, graph)
		if err != nil {
			return rdfc.Term{}, err
		}
		if err := c.emit(subj, iri(rdfFirst), obj, graph); err != nil {
			return rdfc.Term{}, err
		}
		next := iri(rdfNil)
		if i < len(items)-1 {
			next = c.newBlank()
		}
		if err := c.emit(subj, iri(rdfRest), next, graph); err != nil {
			return rdfc.Term{}, err
		}
		subj = next
	}
	return head, nil
}

func iri(s string) rdfc.Term { return rdfc.Term{Kind: rdfc.IRI, Value: s} }

// literal converts a value object as jsonld.js's toRdf does.
func literal(val any, m map[string]any) (rdfc.Term, error) {
	dt, _ := m["@type"].(string)
	lang, hasLang := m["@language"].(string)
	dir, hasDir := m["@direction"].(string)
	return literalTerm(val, dt, lang, hasLang, dir, hasDir)
}

// literalTerm is literal for a value object given by its members: the
// @value, its @type ("" when absent), @language and @direction. The
// statement-at-once path (direct.go) converts values it never builds a
// value object for.
func literalTerm(val any, dt, lang string, hasLang bool, dir string, hasDir bool) (rdfc.Term, error) {
	if dt == "@json" {
		b, err := jcs.Marshal(val)
		if err != nil {
			return rdfc.Term{}, fmt.Errorf("%w: JSON literal: %w", ErrInvalidDocument, err)
		}
		return rdfc.Term{Kind: rdfc.Literal, Value: string(b), Datatype: rdfJSON}, nil
	}
	lit := func(lex, def string) rdfc.Term {
		if dt == "" {
			dt = def
		}
		if dt == rdfc.XSDString {
			dt = ""
		}
		return rdfc.Term{Kind: rdfc.Literal, Value: lex, Datatype: dt}
	}
	switch t := val.(type) {
	case bool:
		return lit(strconv.FormatBool(t), xsdBool), nil
	case json.Number:
		f, err := t.Float64()
		if err != nil || math.IsInf(f, 0) {
			return rdfc.Term{}, fmt.Errorf("%w: number %s is out of the IEEE double range", ErrInvalidDocument, string(t))
		}
		return number(f, dt, lit)
	case float64:
		return number(t, dt, lit)
	case string:
		if hasDir {
			// JSON-LD 1.1 Object to RDF Conversion with rdfDirection
			// i18n-datatype, as the eddsa and ecdsa cryptosuites call it:
			// the language (lower-cased) and direction move into the
			// datatype, and the literal has no language tag.
			if dt != "" {
				return rdfc.Term{}, unsafef("value %q has both a direction and a datatype", t)
			}
			return rdfc.Term{Kind: rdfc.Literal, Value: t, Datatype: i18nBase + strings.ToLower(lang) + "_" + dir}, nil
		}
		if hasLang {
			if dt != "" {
				return rdfc.Term{}, unsafef("value %q has both a language and a datatype", t)
			}
			return rdfc.Term{Kind: rdfc.Literal, Value: t, Language: lang}, nil
		}
		return lit(t, ""), nil
	}
	return rdfc.Term{}, unsafef("value %v is not a string, number or boolean", val)
}

// number follows jsonld.js: a number is a double when String(n) has a '.'
// or |n| >= 1e21 (or the datatype is xsd:double), else an integer written
// with toFixed(0).
func number(f float64, dt string, lit func(lex, def string) rdfc.Term) (rdfc.Term, error) {
	integral := f == math.Trunc(f)
	if !integral && math.Abs(f) < 1e-6 && !strings.Contains(strconv.FormatFloat(f, 'e', -1, 64), ".") {
		// JavaScript prints 1e-7 without a '.', so jsonld.js takes it for
		// an integer and writes "0": the value would not be signed.
		return rdfc.Term{}, unsafef("number %v is too small to canonicalize faithfully (jsonld.js turns it into 0); use a string", f)
	}
	if !integral || math.Abs(f) >= 1e21 || dt == xsdDouble {
		return lit(canonicalDouble(f), xsdDouble), nil
	}
	if f == 0 {
		f = 0 // -0 prints as "0" in JavaScript
	}
	return lit(strconv.FormatFloat(f, 'f', 0, 64), xsdInt), nil
}

// canonicalDouble is JavaScript's n.toExponential(15) with trailing zeros of
// the mantissa and the exponent's '+' and leading zeros removed: 0.75 is
// "7.5E-1", 1 is "1.0E0".
func canonicalDouble(f float64) string {
	s := strconv.FormatFloat(f, 'E', 15, 64) // d.dddddddddddddddE±dd
	mant, exp, _ := strings.Cut(s, "E")
	mant = strings.TrimRight(mant, "0")
	if strings.HasSuffix(mant, ".") {
		mant += "0"
	}
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(exp, "+-")
	exp = strings.TrimLeft(exp, "0")
	if exp == "" {
		exp = "0"
	}
	if neg {
		exp = "-" + exp
	}
	return mant + "E" + exp
}

// appendSortedKeys appends the keys of m to dst, sorted. Given a buffer on
// the caller's stack it allocates nothing for a node of a few properties.
func appendSortedKeys(dst []string, m map[string]any) []string {
	for k := range m {
		dst = append(dst, k)
	}
	slices.Sort(dst)
	return dst
}
