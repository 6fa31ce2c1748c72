package jsonld

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// fastExpand expands a document produced by readDocument with our own
// implementation of JSON-LD 1.1's Expansion algorithm (see fastctx.go). It
// returns errUnsupported for documents it does not handle.
func fastExpand(ctx context.Context, in any, l *Loader, lim Limits) ([]any, error) {
	r := newFastRun(ctx, l, lim)
	out, err := r.expand(r.initial, topLevel, in, false)
	if err != nil {
		return nil, err
	}
	m, _ := out.(map[string]any)
	if g, ok := m["@graph"]; ok && len(m) == 1 {
		list, _ := g.([]any)
		return list, nil
	}
	if len(m) == 0 {
		return nil, unsafef("the document has no properties; nothing would be signed")
	}
	return []any{m}, nil
}

// newFastRun starts an expansion: with the Loader's memoized contexts, or
// with none.
func newFastRun(ctx context.Context, l *Loader, lim Limits) *fastRun {
	r := new(fastRun)
	r.init(ctx, l, lim)
	return r
}

// init is newFastRun for a fastRun the caller holds (on its stack).
func (r *fastRun) init(ctx context.Context, l *Loader, lim Limits) {
	*r = fastRun{ctx: ctx, l: l, lim: lim}
	if l != nil {
		r.cache = &l.fast
		r.initial = r.cache.initial()
	} else {
		r.initial = &activeCtx{terms: map[string]*termDef{}}
	}
}

// topLevel is the active property at the top of the document. It is not
// valid UTF-8, so no key of a (validated) document can be it; "" can.
const topLevel = "\xff"

// applyTypeScoped applies to active, in the lexical order of the terms, the
// type-scoped contexts that typeScoped (the context before any of them)
// defines for the types of a @type value.
func (r *fastRun) applyTypeScoped(active, typeScoped *activeCtx, types any) (*activeCtx, error) {
	var termBuf [4]string
	terms := termBuf[:0]
	switch t := types.(type) {
	case string:
		terms = append(terms, t)
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok {
				terms = append(terms, s)
			}
		}
	}
	slices.Sort(terms)
	for _, term := range terms {
		if td := typeScoped.terms[term]; td != nil && td.hasScoped {
			var err error
			if active, err = r.applyScoped(active, td, modeType); err != nil {
				return nil, err
			}
		}
	}
	return active, nil
}

func asArray(v any) []any {
	if a, ok := v.([]any); ok {
		return a
	}
	return []any{v}
}

// expand is the Expansion algorithm; key is the active property as written
// in the document (topLevel at the top, "@graph" inside a @graph).
func (r *fastRun) expand(active *activeCtx, key string, el any, fromMap bool) (any, error) {
	switch t := el.(type) {
	case nil:
		return nil, nil
	case []any:
		td := active.terms[key]
		out := make([]any, 0, len(t))
		for _, it := range t {
			ev, err := r.expand(active, key, it, fromMap)
			if err != nil {
				return nil, err
			}
			if td != nil && td.container&containerList != 0 {
				if a, ok := ev.([]any); ok {
					ev = map[string]any{"@list": a}
				}
			}
			if a, ok := ev.([]any); ok {
				out = append(out, a...)
			} else if ev != nil {
				out = append(out, ev)
			}
		}
		return out, nil
	case map[string]any:
		return r.expandMap(active, key, t, fromMap)
	default:
		if key == topLevel || key == "@graph" {
			return nil, unsafef("a value outside any node (%v) is dropped by JSON-LD", el)
		}
		if td := active.terms[key]; td != nil && td.hasScoped {
			var err error
			if active, err = r.applyScoped(active, td, modeProperty); err != nil {
				return nil, err
			}
		}
		return r.expandValue(active, key, el), nil
	}
}

func (r *fastRun) expandValue(active *activeCtx, key string, v any) any {
	td := active.terms[key]
	if s, ok := v.(string); ok && td != nil {
		switch td.typ {
		case "@id":
			id, _ := r.expandIRI(active, s, false, nil, nil, nil)
			return map[string]any{"@id": id}
		case "@vocab":
			id, _ := r.expandIRI(active, s, true, nil, nil, nil)
			return map[string]any{"@id": id}
		}
	}
	res := map[string]any{"@value": v}
	if td != nil && td.typ != "" && td.typ != "@id" && td.typ != "@vocab" {
		res["@type"] = td.typ
	} else if _, ok := v.(string); ok {
		// A term's own @language (even null) wins over the default.
		lang := active.lang
		if td != nil && td.hasLang {
			lang = td.lang
		}
		if lang != "" {
			res["@language"] = lang
		}
	}
	return res
}

func (r *fastRun) expandMap(active *activeCtx, key string, el map[string]any, fromMap bool) (any, error) {
	// A node's keys fit a stack buffer; a slice made to len(el) would be
	// one heap allocation per JSON object of every document.
	var keyBuf [16]string
	keys := keyBuf[:0]
	for k := range el {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	// Each pass below expands every key, mostly under one context: eks
	// holds the expansions under eksCtx (expandIRI without a local context
	// reads nothing else), redone only when the context changes.
	var ekBuf [16]string
	var errBuf [16]error
	var eks []string
	var ekErrs []error
	if len(keys) <= len(ekBuf) {
		eks, ekErrs = ekBuf[:len(keys)], errBuf[:len(keys)]
	} else {
		eks, ekErrs = make([]string, len(keys)), make([]error, len(keys))
	}
	var eksCtx *activeCtx
	expandKeys := func(a *activeCtx) {
		if a != eksCtx {
			for i, k := range keys {
				eks[i], ekErrs[i] = r.expandIRI(a, k, true, nil, nil, nil)
			}
			eksCtx = a
		}
	}

	// The property-scoped context is looked up before reverting: a term
	// defined by a type-scoped context still brings its own context.
	pd := active.terms[key]
	// Type-scoped contexts do not apply to nested nodes.
	if active.previous != nil && !fromMap {
		revert := true
		expandKeys(active)
		for i := range keys {
			if err := ekErrs[i]; err != nil {
				return nil, err
			}
			if ek := eks[i]; ek == "@value" || (ek == "@id" && len(keys) == 1) {
				revert = false
			}
		}
		if revert {
			active = active.previous
		}
	}
	if pd != nil && pd.hasScoped {
		var err error
		if active, err = r.applyScoped(active, pd, modeProperty); err != nil {
			return nil, err
		}
	}
	if c, ok := el["@context"]; ok {
		var err error
		if active, err = r.applyEmbedded(active, c); err != nil {
			return nil, err
		}
	}
	typeScoped := active
	for i, k := range keys {
		if expandKeys(active); eks[i] != "@type" || ekErrs[i] != nil {
			continue
		}
		var err error
		if active, err = r.applyTypeScoped(active, typeScoped, el[k]); err != nil {
			return nil, err
		}
	}

	result := make(map[string]any, len(keys))
	typeScalar := false // @type was a string, not an array
	expandKeys(active)
	for i, k := range keys {
		if k == "@context" {
			continue
		}
		v := el[k]
		ek, err := eks[i], ekErrs[i]
		if err != nil {
			return nil, err
		}
		if ek == "" || (!strings.Contains(ek, ":") && !isKeyword(ek)) {
			return nil, fmt.Errorf("%w: %q (no context defines it, so it would not be signed; define it in a context or remove it)", ErrUndefinedTerm, k)
		}
		if isKeyword(ek) {
			if _, dup := result[ek]; dup && ek != "@type" {
				return nil, fmt.Errorf("%w: %s given twice (through %q)", ErrInvalidDocument, ek, k)
			}
			switch ek {
			case "@id":
				s, ok := v.(string)
				if !ok {
					return nil, fmt.Errorf("%w: @id must be a string", ErrInvalidDocument)
				}
				id, err := r.expandIRI(active, s, false, nil, nil, nil)
				if err != nil {
					return nil, err
				}
				result["@id"] = id
			case "@type":
				prev, _ := result["@type"].([]any)
				if s, ok := v.(string); ok {
					iri, err := r.expandIRI(typeScoped, s, true, nil, nil, nil)
					if err != nil {
						return nil, err
					}
					result["@type"] = append(prev, iri)
					typeScalar = true
					continue
				}
				for _, x := range asArray(v) {
					s, ok := x.(string)
					if !ok {
						return nil, fmt.Errorf("%w: @type values must be strings", ErrInvalidDocument)
					}
					iri, err := r.expandIRI(typeScoped, s, true, nil, nil, nil)
					if err != nil {
						return nil, err
					}
					prev = append(prev, iri)
				}
				result["@type"] = prev
			case "@graph":
				ev, err := r.expand(active, "@graph", v, false)
				if err != nil {
					return nil, err
				}
				result["@graph"] = asArray(ev)
			case "@value":
				switch v.(type) {
				case string, bool, json.Number, float64, map[string]any, []any:
				default:
					return nil, fmt.Errorf("%w: invalid @value %v", ErrInvalidDocument, v)
				}
				result["@value"] = v
			case "@language":
				s, ok := v.(string)
				if !ok {
					return nil, fmt.Errorf("%w: @language must be a string", ErrInvalidDocument)
				}
				// Lower-cased, as jsonld.js does.
				result["@language"] = strings.ToLower(s)
			case "@direction":
				if v != "ltr" && v != "rtl" {
					return nil, fmt.Errorf("%w: @direction must be \"ltr\" or \"rtl\", got %v", ErrInvalidDocument, v)
				}
				result["@direction"] = v
			default:
				return nil, unsupported(ek + " in a document")
			}
			continue
		}
		td := active.terms[k]
		var ev any
		if td != nil && td.typ == "@json" {
			ev = map[string]any{"@value": v, "@type": "@json"}
		} else {
			if ev, err = r.expand(active, k, v, false); err != nil {
				return nil, err
			}
		}
		if ev == nil {
			continue
		}
		if td != nil && td.container&containerList != 0 {
			if m, ok := ev.(map[string]any); !ok || m["@list"] == nil {
				ev = map[string]any{"@list": asArray(ev)}
			}
		}
		if td != nil && td.container&containerGraph != 0 {
			items := asArray(ev)
			wrapped := make([]any, len(items))
			for i, it := range items {
				wrapped[i] = map[string]any{"@graph": asArray(it)}
			}
			ev = wrapped
		}
		// ev is this call's own value (expand builds a new array), so
		// the first value list of a property can be ev itself: appending
		// it to a nil slice allocated a copy per property.
		prev, _ := result[ek].([]any)
		switch a, isArray := ev.([]any); {
		case prev == nil && isArray:
			result[ek] = a
		case isArray:
			result[ek] = append(prev, a...)
		default:
			result[ek] = append(prev, ev)
		}
	}

	if _, ok := result["@language"]; ok && result["@value"] == nil {
		return nil, unsupported("@language outside a value object")
	}
	if _, ok := result["@direction"]; ok && result["@value"] == nil {
		return nil, unsupported("@direction outside a value object")
	}
	if val, ok := result["@value"]; ok {
		for k := range result {
			if k != "@value" && k != "@type" && k != "@language" && k != "@direction" {
				return nil, fmt.Errorf("%w: value object with %s", ErrInvalidDocument, k)
			}
		}
		if _, hasDir := result["@direction"]; hasDir {
			if _, hasType := result["@type"]; hasType {
				return nil, fmt.Errorf("%w: a value cannot have both @direction and @type", ErrInvalidDocument)
			}
			if _, isString := val.(string); !isString {
				return nil, fmt.Errorf("%w: @direction on a value that is not a string", ErrInvalidDocument)
			}
		}
		if _, hasLang := result["@language"]; hasLang {
			if _, hasType := result["@type"]; hasType {
				return nil, fmt.Errorf("%w: a value cannot have both @language and @type", ErrInvalidDocument)
			}
			if _, isString := val.(string); !isString {
				return nil, fmt.Errorf("%w: @language on a value that is not a string", ErrInvalidDocument)
			}
		}
		if ts, ok := result["@type"].([]any); ok {
			if len(ts) != 1 || !typeScalar {
				return nil, fmt.Errorf("%w: the @type of a value must be one string", ErrInvalidDocument)
			}
			result["@type"] = ts[0]
		}
		if result["@type"] != "@json" {
			switch val.(type) {
			case map[string]any, []any:
				return nil, fmt.Errorf("%w: @value must be a string, number or boolean", ErrInvalidDocument)
			}
		}
		if key == topLevel || key == "@graph" {
			return nil, unsafef("a value outside any node is dropped by JSON-LD")
		}
		return result, nil
	}
	if key == topLevel || key == "@graph" {
		_, hasID := result["@id"]
		if len(result) == 0 || (hasID && len(result) == 1) {
			if key == topLevel && len(result) == 0 {
				return result, nil // reported by fastExpand
			}
			return nil, unsafef("a node with no properties (empty, or nothing but an @id) outside any property is dropped by JSON-LD; give it properties or remove it")
		}
	}
	return result, nil
}
