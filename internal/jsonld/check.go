package jsonld

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// isAbsIRI is what jsonld.js treats as an absolute IRI (a scheme, a colon,
// no whitespace), minus the characters N-Quads cannot write inside <...>: an
// IRI holding them would either be dropped or make the canonical form
// ambiguous. DEL (0x7f) is refused too, like every other control: RFC 3987
// has no place for it, json-gold and Go's net/url refuse it, and an
// invisible byte in an identifier is a way to make two look alike. (A hand-written loop: a regular expression here was a third of
// the time of canonicalizing a credential.)
func isAbsIRI(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	i := 1
	for ; i < len(s) && s[i] != ':'; i++ {
		if !schemeByte[s[i]] {
			return false
		}
	}
	if i == len(s) {
		return false
	}
	// Every property, type and identifier of a document passes here, some
	// several times: one table load per byte keeps it off the profile.
	for ; i < len(s); i++ {
		if notInIRI[s[i]] {
			return false
		}
	}
	return true
}

// schemeByte marks the bytes of a scheme after its first letter; notInIRI
// the bytes an IRI may not hold (controls, space, DEL and <>"{}|^`\).
var schemeByte, notInIRI = func() (scheme, bad [256]bool) {
	for c := range 256 {
		scheme[c] = isAlpha(byte(c)) || '0' <= c && c <= '9' || c == '+' || c == '.' || c == '-'
		bad[c] = c <= 0x20 || c == 0x7f || strings.IndexByte("<>\"{}|^`\\", byte(c)) >= 0
	}
	return
}()

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// langTag is BCP 47's well-formedness in the loose form jsonld.js accepts.
var langTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

func isBlank(s string) bool { return strings.HasPrefix(s, "_:") && len(s) > 2 }

// checkExpanded walks expanded JSON-LD and rejects whatever the RDF
// conversion would drop or could not represent.
func checkExpanded(v any) error {
	var c checker
	return c.items(v, "")
}

// checker walks expanded JSON-LD for checkExpanded. It keeps the nodes it
// is inside as a stack and describes them only when it reports an error:
// building each node's description up front was a string or two per node
// of every document canonicalized, for messages almost never shown.
type checker struct {
	// The stack is near[:depth] and then deep: indexing into a fixed
	// array keeps a credential's walk off the heap, where a slice of it
	// would move the array there.
	near  [16]checkFrame
	deep  []checkFrame
	depth int
}

// checkFrame is one node being checked: the property that holds it ("" at
// the top level) and its @id, if it has one.
type checkFrame struct {
	prop, id string
	hasID    bool
}

// where describes the innermost node being checked ("" outside any).
func (c *checker) where() string { return c.describeNode(c.depth - 1) }

func (c *checker) push(f checkFrame) {
	if c.depth < len(c.near) {
		c.near[c.depth] = f
	} else {
		c.deep = append(c.deep[:c.depth-len(c.near)], f)
	}
	c.depth++
}

func (c *checker) frame(i int) checkFrame {
	if i < len(c.near) {
		return c.near[i]
	}
	return c.deep[i-len(c.near)]
}

func (c *checker) describeNode(i int) string {
	if i < 0 {
		return ""
	}
	f := c.frame(i)
	switch {
	case f.hasID:
		return "<" + f.id + ">"
	case f.prop != "":
		return "the node in " + describe(f.prop, c.describeNode(i-1))
	}
	return c.describeNode(i - 1)
}

func (c *checker) items(v any, prop string) error {
	items, ok := v.([]any)
	if !ok {
		return c.item(v, prop)
	}
	for _, it := range items {
		if err := c.item(it, prop); err != nil {
			return err
		}
	}
	return nil
}

func unsafef(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnsafeDocument}, args...)...)
}

func (c *checker) item(v any, prop string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return unsafef("unexpected %T value of %s", v, describe(prop, c.where()))
	}
	if _, ok := m["@value"]; ok {
		return c.value(m, prop)
	}
	if list, ok := m["@list"]; ok {
		for k := range m {
			if k != "@list" {
				return unsafef("%s in a list of %s is not represented in RDF", k, describe(prop, c.where()))
			}
		}
		return c.items(list, prop)
	}
	return c.node(m, prop)
}

func describe(prop, where string) string {
	switch {
	case prop == "":
		return "the top-level node"
	case where == "":
		return fmt.Sprintf("property <%s>", prop)
	default:
		return fmt.Sprintf("property <%s> of %s", prop, where)
	}
}

func (c *checker) value(m map[string]any, prop string) error {
	typ, _ := m["@type"].(string)
	for k, x := range m {
		switch k {
		case "@value":
		case "@type":
			s, ok := x.(string)
			if !ok || (s != "@json" && !isAbsIRI(s)) {
				return fmt.Errorf("%w: datatype %v of a value of %s is not an absolute IRI", ErrUndefinedTerm, x, describe(prop, c.where()))
			}
		case "@language":
			s, _ := x.(string)
			if !langTag.MatchString(s) {
				return unsafef("language tag %q of a value of %s is not well-formed; RDF would drop the value", s, describe(prop, c.where()))
			}
		case "@direction":
			// Converted as rdfDirection i18n-datatype, which the eddsa and
			// ecdsa cryptosuites use (see literal).
			if x != "ltr" && x != "rtl" {
				return unsafef("@direction %v of a value of %s is neither \"ltr\" nor \"rtl\"", x, describe(prop, c.where()))
			}
			if _, ok := m["@value"].(string); !ok || typ != "" {
				return unsafef("@direction on a value of %s that is not a plain string", describe(prop, c.where()))
			}
		case "@index":
			return unsafef("@index on a value of %s is not represented in RDF, so a signature would not cover it", describe(prop, c.where()))
		default:
			return unsafef("unexpected %s in a value of %s", k, describe(prop, c.where()))
		}
	}
	if typ == "@json" {
		return nil
	}
	switch m["@value"].(type) {
	case string, bool, json.Number, float64:
	default:
		return unsafef("value %v of %s is not a string, number or boolean", m["@value"], describe(prop, c.where()))
	}
	return nil
}

func (c *checker) node(m map[string]any, prop string) error {
	id, hasID := m["@id"].(string)
	if _, present := m["@id"]; present && !hasID {
		return unsafef("@id of a node in %s is not a string", describe(prop, c.where()))
	}
	if hasID && !isAbsIRI(id) && !isBlank(id) {
		return unsafef("@id %q in %s is not an absolute IRI (relative IRIs are dropped from RDF); use an absolute IRI or a blank node", id, describe(prop, c.where()))
	}
	c.push(checkFrame{prop: prop, id: id, hasID: hasID})
	for k, x := range m {
		switch k {
		case "@id":
		case "@type":
			ts, ok := x.([]any)
			if !ok {
				return unsafef("@type of %s is not an array after expansion", c.where())
			}
			for _, t := range ts {
				s, _ := t.(string)
				if !isAbsIRI(s) && !isBlank(s) {
					return fmt.Errorf("%w: type %q of %s does not expand to an absolute IRI; define it in a context", ErrUndefinedTerm, s, c.where())
				}
			}
		case "@graph", "@included":
			if err := c.items(x, k); err != nil {
				return err
			}
		case "@reverse":
			rm, ok := x.(map[string]any)
			if !ok {
				return unsafef("@reverse of %s is not an object", c.where())
			}
			for rp, rv := range rm {
				if !isAbsIRI(rp) {
					return fmt.Errorf("%w: reverse property %q of %s does not expand to an absolute IRI", ErrUndefinedTerm, rp, c.where())
				}
				if err := c.property(rp, rv); err != nil {
					return err
				}
			}
		case "@index":
			return unsafef("@index on %s is not represented in RDF, so a signature would not cover it", c.where())
		default:
			if strings.HasPrefix(k, "@") {
				return unsafef("unexpected %s in %s", k, c.where())
			}
			if !isAbsIRI(k) {
				if isBlank(k) {
					return unsafef("property %q of %s is a blank node, which RDF does not allow as a predicate", k, c.where())
				}
				return fmt.Errorf("%w: property %q of %s does not expand to an absolute IRI", ErrUndefinedTerm, k, c.where())
			}
			if err := c.property(k, x); err != nil {
				return err
			}
		}
	}
	c.depth--
	return nil
}

func (c *checker) property(p string, v any) error {
	if items, ok := v.([]any); ok && len(items) == 0 {
		return unsafef("%s has an empty array, which yields no RDF, so a signature would not cover it; remove the member", describe(p, c.where()))
	}
	return c.items(v, p)
}
