package jsonld

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// Options tunes Expand and ToRDF. The zero value uses the embedded contexts
// only and the default Limits.
type Options struct {
	// Loader resolves @context URLs. Nil means the embedded contexts only.
	Loader *Loader
	// Limits bound the work done on hostile input.
	Limits Limits
}

// Expand expands doc in safe mode: a term, type or value that JSON-LD
// processing would silently drop, or that RDF cannot carry faithfully, is an
// error (ErrUndefinedTerm, ErrUnsafeDocument) instead. doc is raw JSON
// ([]byte) or a value decoded by encoding/json.
func Expand(ctx context.Context, doc any, opts *Options) ([]any, error) {
	if opts == nil {
		opts = &Options{}
	}
	lim := opts.Limits.withDefaults()
	in, err := readDocument(doc, lim)
	if err != nil {
		return nil, err
	}
	return expandSafe(ctx, in, opts.Loader, lim)
}

// undefinedVocab is a vocabulary IRI no real context uses. It is only put in
// place to find which term safe mode refused, so that the error can name it.
const undefinedVocab = "urn:microcred:jsonld:undefined-term:"

func goldOptions(loader ld.DocumentLoader) *ld.JsonLdOptions {
	// Built by hand rather than with ld.NewJsonLdOptions, which installs
	// json-gold's default loader (it opens local files).
	return &ld.JsonLdOptions{
		CompactArrays:  true,
		ProcessingMode: ld.JsonLd_1_1,
		DocumentLoader: loader,
		Embed:          ld.EmbedOnce,
		RequireAll:     true,
		OmitGraph:      true,
		Algorithm:      ld.AlgorithmURDNA2015,
		SafeMode:       true,
	}
}

// expandSafe expands a document produced by readDocument.
func expandSafe(ctx context.Context, in any, l *Loader, lim Limits) ([]any, error) {
	// A warm Loader may need no I/O at all, so the caller's deadline is
	// checked here rather than only when a context is loaded.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !lim.goldOnly {
		expanded, err := fastExpand(ctx, in, l, lim)
		if err == nil {
			if err := checkExpanded(expanded); err != nil {
				return nil, err
			}
			return expanded, nil
		}
		if !errors.Is(err, errUnsupported) {
			return nil, err
		}
		// json-gold processes contexts again for every node that uses
		// them, so its cost grows with nodes times context size: only
		// small documents may take this path.
		if n := countValues(in); n > lim.MaxFallbackValues {
			return nil, fmt.Errorf("%w: the document uses JSON-LD features our expander does not handle (%v) and has %d JSON values, more than MaxFallbackValues (%d)", ErrLimit, err, n, lim.MaxFallbackValues)
		}
	}
	op := &opLoader{ctx: ctx, l: l, maxLoads: lim.MaxContextLoads}
	expanded, err := goldExpand(in, goldOptions(op))
	if err != nil {
		if op.err != nil {
			return nil, op.err
		}
		var je *ld.JsonLdError
		if errors.As(err, &je) && je.Code == ld.InvalidProperty {
			return nil, diagnoseUndefined(ctx, in, l, lim, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrInvalidDocument, err)
	}
	if err := checkExpanded(expanded); err != nil {
		return nil, err
	}
	if err := checkTopLevelKept(in, expanded); err != nil {
		return nil, err
	}
	return expanded, nil
}

// checkTopLevelKept catches what expansion drops at the top level without a
// trace: a document or @graph entry that has nothing but an @id, a value or a
// list (jsonld.js's safe mode rejects these as "object with only @id" and
// the like).
func checkTopLevelKept(in any, expanded []any) error {
	top, _ := in.(map[string]any)
	g, hasGraph := top["@graph"]
	if !hasGraph {
		if len(expanded) == 0 {
			return unsafef("the document has nothing but an @id, a value or a list, which JSON-LD drops; nothing would be signed")
		}
		return nil
	}
	want := countLeaves(g)
	got := len(expanded)
	for k := range top {
		if k != "@context" && k != "@graph" {
			// The document is itself a node, whose @graph holds the entries.
			got = 0
			if len(expanded) == 1 {
				n, _ := expanded[0].(map[string]any)
				inner, _ := n["@graph"].([]any)
				got = len(inner)
			}
			break
		}
	}
	if got < want {
		return unsafef("%d of the %d @graph entries have nothing but an @id, a value or a list, which JSON-LD drops; give them properties or remove them", want-got, want)
	}
	return nil
}

func countLeaves(v any) int {
	s, ok := v.([]any)
	if !ok {
		return 1
	}
	n := 0
	for _, x := range s {
		n += countLeaves(x)
	}
	return n
}

// goldExpand runs json-gold's expansion. json-gold type-asserts its way
// through documents and contexts, so a panic on input it did not expect is
// turned into an error rather than taking the host down.
func goldExpand(in any, opts *ld.JsonLdOptions) (out []any, err error) {
	defer recoverGold(&err)
	return ld.NewJsonLdProcessor().Expand(in, opts)
}

func recoverGold(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: JSON-LD processing failed on unexpected input (json-gold: %v)", ErrInvalidDocument, r)
	}
}

// diagnoseUndefined finds the term json-gold's safe mode refused (its error
// does not say) by expanding again with a sentinel vocabulary, under which an
// undefined term expands to sentinel+term instead of being dropped.
func diagnoseUndefined(ctx context.Context, in any, l *Loader, lim Limits, cause error) error {
	var found []string
	op := &opLoader{ctx: ctx, l: l, maxLoads: lim.MaxContextLoads}
	opts := goldOptions(op)
	opts.SafeMode = false
	opts.ExpandContext = map[string]any{"@vocab": undefinedVocab}
	opts.ExpandedElementHandler = func(pointer string, v any) {
		m, _ := v.(map[string]any)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if t, ok := strings.CutPrefix(k, undefinedVocab); ok {
				found = append(found, fmt.Sprintf("%q in the object at %s", t, pathOrRoot(pointer)))
			}
		}
	}
	if _, err := goldExpand(in, opts); err == nil && len(found) > 0 {
		return fmt.Errorf("%w: %s (no context defines it, so it would not be signed; define it in a context or remove it)", ErrUndefinedTerm, strings.Join(found, ", "))
	}
	if k := reservedKey(in); k != "" {
		return fmt.Errorf("%w: %q looks like a keyword but is not one; JSON-LD ignores it, so it would not be signed", ErrUndefinedTerm, k)
	}
	return fmt.Errorf("%w: a property does not expand to an absolute IRI, most likely a term a context maps to null (%v)", ErrUndefinedTerm, cause)
}

// reservedKey finds a key of the form "@word" that is not a JSON-LD keyword.
func reservedKey(v any) string {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if k == "@context" {
				continue
			}
			if strings.HasPrefix(k, "@") && !ld.IsKeyword(k) {
				return k
			}
			if r := reservedKey(x); r != "" {
				return r
			}
		}
	case []any:
		for _, x := range t {
			if r := reservedKey(x); r != "" {
				return r
			}
		}
	}
	return ""
}

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
			return unsafef("@direction on a value of %s is not represented in the canonical RDF; remove it or use a language-tagged string", describe(prop, where))
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

func countValues(v any) int {
	n := 1
	switch t := v.(type) {
	case map[string]any:
		for _, x := range t {
			n += countValues(x)
		}
	case []any:
		for _, x := range t {
			n += countValues(x)
		}
	}
	return n
}
