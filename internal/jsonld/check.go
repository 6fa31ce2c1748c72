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
// ambiguous. (A hand-written loop: a regular expression here was a third of
// the time of canonicalizing a credential.)
func isAbsIRI(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	i := 1
	for ; i < len(s) && s[i] != ':'; i++ {
		c := s[i]
		if !isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-' {
			return false
		}
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c <= 0x20, c == '<', c == '>', c == '"', c == '{', c == '}', c == '|', c == '^', c == '`', c == '\\':
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// langTag is BCP 47's well-formedness in the loose form jsonld.js accepts.
var langTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

func isBlank(s string) bool { return strings.HasPrefix(s, "_:") && len(s) > 2 }

// checkExpanded walks expanded JSON-LD and rejects whatever the RDF
// conversion would drop or could not represent.
func checkExpanded(v any) error {
	return checkItems(v, "", "")
}

func checkItems(v any, prop, where string) error {
	items, ok := v.([]any)
	if !ok {
		return checkItem(v, prop, where)
	}
	for _, it := range items {
		if err := checkItem(it, prop, where); err != nil {
			return err
		}
	}
	return nil
}

func unsafef(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnsafeDocument}, args...)...)
}

func checkItem(v any, prop, where string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return unsafef("unexpected %T value of %s", v, describe(prop, where))
	}
	if _, ok := m["@value"]; ok {
		return checkValue(m, prop, where)
	}
	if list, ok := m["@list"]; ok {
		for k := range m {
			if k != "@list" {
				return unsafef("%s in a list of %s is not represented in RDF", k, describe(prop, where))
			}
		}
		return checkItems(list, prop, where)
	}
	return checkNode(m, prop, where)
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

func checkValue(m map[string]any, prop, where string) error {
	typ, _ := m["@type"].(string)
	for k, x := range m {
		switch k {
		case "@value":
		case "@type":
			s, ok := x.(string)
			if !ok || (s != "@json" && !isAbsIRI(s)) {
				return fmt.Errorf("%w: datatype %v of a value of %s is not an absolute IRI", ErrUndefinedTerm, x, describe(prop, where))
			}
		case "@language":
			s, _ := x.(string)
			if !langTag.MatchString(s) {
				return unsafef("language tag %q of a value of %s is not well-formed; RDF would drop the value", s, describe(prop, where))
			}
		case "@direction":
			// Converted as rdfDirection i18n-datatype, which the eddsa and
			// ecdsa cryptosuites use (see literal).
			if x != "ltr" && x != "rtl" {
				return unsafef("@direction %v of a value of %s is neither \"ltr\" nor \"rtl\"", x, describe(prop, where))
			}
			if _, ok := m["@value"].(string); !ok || typ != "" {
				return unsafef("@direction on a value of %s that is not a plain string", describe(prop, where))
			}
		case "@index":
			return unsafef("@index on a value of %s is not represented in RDF, so a signature would not cover it", describe(prop, where))
		default:
			return unsafef("unexpected %s in a value of %s", k, describe(prop, where))
		}
	}
	if typ == "@json" {
		return nil
	}
	switch m["@value"].(type) {
	case string, bool, json.Number, float64:
	default:
		return unsafef("value %v of %s is not a string, number or boolean", m["@value"], describe(prop, where))
	}
	return nil
}

func checkNode(m map[string]any, prop, where string) error {
	id, hasID := m["@id"].(string)
	if _, present := m["@id"]; present && !hasID {
		return unsafef("@id of a node in %s is not a string", describe(prop, where))
	}
	if hasID && !isAbsIRI(id) && !isBlank(id) {
		return unsafef("@id %q in %s is not an absolute IRI (relative IRIs are dropped from RDF); use an absolute IRI or a blank node", id, describe(prop, where))
	}
	self := where
	if hasID {
		self = "<" + id + ">"
	} else if prop != "" {
		self = "the node in " + describe(prop, where)
	}
	for k, x := range m {
		switch k {
		case "@id":
		case "@type":
			ts, ok := x.([]any)
			if !ok {
				return unsafef("@type of %s is not an array after expansion", self)
			}
			for _, t := range ts {
				s, _ := t.(string)
				if !isAbsIRI(s) && !isBlank(s) {
					return fmt.Errorf("%w: type %q of %s does not expand to an absolute IRI; define it in a context", ErrUndefinedTerm, s, self)
				}
			}
		case "@graph", "@included":
			if err := checkItems(x, k, self); err != nil {
				return err
			}
		case "@reverse":
			rm, ok := x.(map[string]any)
			if !ok {
				return unsafef("@reverse of %s is not an object", self)
			}
			for rp, rv := range rm {
				if !isAbsIRI(rp) {
					return fmt.Errorf("%w: reverse property %q of %s does not expand to an absolute IRI", ErrUndefinedTerm, rp, self)
				}
				if err := checkProperty(rp, rv, self); err != nil {
					return err
				}
			}
		case "@index":
			return unsafef("@index on %s is not represented in RDF, so a signature would not cover it", self)
		default:
			if strings.HasPrefix(k, "@") {
				return unsafef("unexpected %s in %s", k, self)
			}
			if !isAbsIRI(k) {
				if isBlank(k) {
					return unsafef("property %q of %s is a blank node, which RDF does not allow as a predicate", k, self)
				}
				return fmt.Errorf("%w: property %q of %s does not expand to an absolute IRI", ErrUndefinedTerm, k, self)
			}
			if err := checkProperty(k, x, self); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkProperty(p string, v any, self string) error {
	if items, ok := v.([]any); ok && len(items) == 0 {
		return unsafef("%s has an empty array, which yields no RDF, so a signature would not cover it; remove the member", describe(p, self))
	}
	return checkItems(v, p, self)
}
