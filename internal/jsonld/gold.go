package jsonld

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// json-gold is the fallback expander, for documents using JSON-LD features
// our own does not implement. Only its expansion is used: never its document
// loaders, never its RDF conversion or normalization.

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

// goldExpandSafe expands with json-gold in safe mode, for documents outside
// our expander, and applies the same checks.
func goldExpandSafe(ctx context.Context, in any, l *Loader, lim Limits) ([]any, error) {
	if err := contextFault(in, false); err != nil {
		return nil, err
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
	if op.badTerms == nil {
		op.badTerms = make(map[string]bool)
	}
	nullScopedGraphTerms(in, op.badTerms)
	if k := usesKey(in, op.badTerms); k != "" {
		return nil, unsafef("the document uses JSON-LD features our expander does not handle together with %q, a @graph-container term whose scoped context is null (as a VC 2.0 presentation's verifiableCredential), which json-gold expands incorrectly", k)
	}
	if err := checkExpanded(expanded); err != nil {
		return nil, err
	}
	if err := checkTopLevelKept(in, expanded); err != nil {
		return nil, err
	}
	if err := checkNulls(in, expanded); err != nil {
		return nil, err
	}
	if err := checkContextDirection(in, expanded); err != nil {
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

// nullScopedGraphTerms adds to out every term defined anywhere in v with
// "@container": "@graph" and "@context": null. json-gold drops the named
// graphs of such a term (the credentials of a VC 2.0 presentation end up in
// the presentation's default graph), where jsonld.js keeps them.
func nullScopedGraphTerms(v any, out map[string]bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if def, ok := x.(map[string]any); ok {
				if c, ok := def["@context"]; ok && c == nil {
					for _, cont := range asArray(def["@container"]) {
						if cont == "@graph" {
							out[k] = true
						}
					}
				}
			}
			nullScopedGraphTerms(x, out)
		}
	case []any:
		for _, x := range t {
			nullScopedGraphTerms(x, out)
		}
	}
}

// contextFault returns why a context of v (v itself when inContext) is one
// the fallback must refuse although json-gold accepts it:
//
//   - a term of keyword form ("@n") that no keyword is: JSON-LD ignores it,
//     jsonld.js's safe mode and our expander refuse it;
//   - a default @language of "" (see emptyDefaultLanguage);
//   - a @base that is not hierarchical ("urn:b/"): json-gold resolves
//     relative IRIs against it with Go's net/url ("x" becomes "urn:///x"),
//     jsonld.js by RFC 3986 ("urn:b/x"), so the two would sign different
//     statements.
func contextFault(v any, inContext bool) error {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if inContext {
				if hasKeywordForm(k) && !isKeyword(k) {
					return reservedTermError(k)
				}
				if x == "" && k == "@language" {
					return emptyDefaultLanguage()
				}
				if b, ok := x.(string); ok && k == "@base" {
					if u, err := url.Parse(b); err == nil && u.Opaque != "" {
						return unsafef("the context sets @base to %q, which is not hierarchical: JSON-LD processors resolve relative IRIs against it differently; write the IRIs in full", b)
					}
				}
			}
			var err error
			switch {
			case k == "@context":
				err = contextFault(x, true)
			case inContext:
				// A term definition's own scoped context.
				if def, ok := x.(map[string]any); ok {
					err = contextFault(def["@context"], true)
				}
			default:
				err = contextFault(x, false)
			}
			if err != nil {
				return err
			}
		}
	case []any:
		for _, x := range t {
			if err := contextFault(x, inContext); err != nil {
				return err
			}
		}
	}
	return nil
}

// emptyDefaultLanguage is the error for a context's "@language": "". It is
// not "no language" (null is): JSON-LD would tag every plain string "",
// which RDF drops, and jsonld.js's safe mode refuses the context.
func emptyDefaultLanguage() error {
	return unsafef(`the context sets the default @language to "", which would tag plain strings with a language RDF drops; use null for no language`)
}

func reservedTermError(k string) error {
	return fmt.Errorf("%w: reserved term %q in a context", ErrInvalidDocument, k)
}

// usesKey returns a key of v (outside contexts) that is in terms.
func usesKey(v any, terms map[string]bool) string {
	if len(terms) == 0 {
		return ""
	}
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if k == "@context" {
				continue
			}
			if terms[k] {
				return k
			}
			if u := usesKey(x, terms); u != "" {
				return u
			}
		}
	case []any:
		for _, x := range t {
			if u := usesKey(x, terms); u != "" {
				return u
			}
		}
	}
	return ""
}
