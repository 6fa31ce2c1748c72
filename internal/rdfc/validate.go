package rdfc

import "fmt"

// validQuad rejects what has no canonical N-Quads form. Checking the
// lexical forms matters for signatures: an IRI holding "> " or a label
// holding a space would let two different datasets serialize to the same
// bytes.
func validQuad(q *Quad, seen *iriCache) error {
	switch {
	case q.Subject.Kind != IRI && q.Subject.Kind != BlankNode:
		return fmt.Errorf("subject must be an IRI or blank node")
	case q.Predicate.Kind != IRI:
		return fmt.Errorf("predicate must be an IRI")
	case q.Object.Kind != IRI && q.Object.Kind != BlankNode && q.Object.Kind != Literal:
		return fmt.Errorf("object must be an IRI, blank node or literal")
	case q.Graph.Kind != IRI && q.Graph.Kind != BlankNode && !q.Graph.isDefaultGraph():
		return fmt.Errorf("graph must be an IRI, blank node or the default graph")
	}
	// Term by term, not a loop over their addresses: this runs for every
	// quad canonicalized, and the loop cost more than the checks.
	if err := validTerm(&q.Subject, seen); err != nil {
		return err
	}
	if err := validTerm(&q.Predicate, seen); err != nil {
		return err
	}
	if err := validTerm(&q.Object, seen); err != nil {
		return err
	}
	if q.Graph.Kind == DefaultGraph || q.Graph.Kind == 0 {
		return nil // validTerm has nothing to check
	}
	return validTerm(&q.Graph, seen)
}

// iriCache remembers IRIs found valid. Predicates, types, datatypes and
// subjects repeat across a dataset, and comparing strings (often the same
// string, from a JSON-LD context) is cheaper than scanning them again. It
// is direct-mapped by length and last byte: one comparison per lookup,
// where scanning a list of the last few IRIs cost more than the scans it
// saved when most IRIs differ (a credential's predicates).
type iriCache struct {
	iris [32]string
	// checked: the caller has checked every IRI (Options.IRIsChecked).
	checked bool
}

func (c *iriCache) valid(v string) bool {
	if v == "" {
		return false
	}
	if c.checked {
		return true
	}
	slot := &c.iris[(len(v)*7+int(v[len(v)-1]))%len(c.iris)]
	if *slot == v {
		return true
	}
	if !validIRI(v) {
		return false
	}
	*slot = v
	return true
}

func validTerm(t *Term, seen *iriCache) error {
	switch t.Kind {
	case IRI:
		if !seen.valid(t.Value) {
			return fmt.Errorf("%q is not an absolute IRI", clip(t.Value))
		}
	case BlankNode:
		if !validLabel(t.Value) {
			return fmt.Errorf("%q is not a blank node label", clip(t.Value))
		}
	case Literal:
		switch {
		case t.Language != "":
			if !validLangTag(t.Language) {
				return fmt.Errorf("%q is not a language tag", clip(t.Language))
			}
			if t.Datatype != "" && t.Datatype != RDFLangString {
				return fmt.Errorf("literal has both a language tag and datatype %q", clip(t.Datatype))
			}
		case t.Datatype != "" && !seen.valid(t.Datatype):
			return fmt.Errorf("datatype %q is not an absolute IRI", clip(t.Datatype))
		}
	}
	return nil
}

func validIRI(v string) bool {
	for i := 0; i < len(v); i++ {
		if !iriByte[v[i]] {
			return false
		}
	}
	return hasScheme(v)
}

func validLabel(v string) bool {
	// Most labels are ASCII letters and digits: check those without decoding.
	ascii := v != "" && v[len(v)-1] != '.'
	for i := 0; ascii && i < len(v); i++ {
		c := v[i]
		ascii = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
	}
	if ascii {
		return true
	}
	for i, r := range v {
		if i == 0 && !isPNCharsU(r) && !('0' <= r && r <= '9') || i > 0 && r != '.' && !isPNChars(r) {
			return false
		}
	}
	return v != "" && v[len(v)-1] != '.'
}

func validLangTag(v string) bool {
	p := parser{src: v}
	tag, ok := p.langTag()
	return ok && tag == v
}
