package jsonld

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// process is JSON-LD 1.1's Context Processing algorithm for the supported
// subset.
func (r *fastRun) process(active *activeCtx, local any, remote []string, overrideProtected, propagate bool) (*activeCtx, error) {
	if m, ok := local.(map[string]any); ok {
		if _, ok := m["@propagate"]; ok {
			return nil, unsupported("@propagate")
		}
	}
	if err := r.addWork(len(active.terms)); err != nil {
		return nil, err
	}
	result := active.clone()
	if !propagate && result.previous == nil {
		result.previous = active
	}
	list, ok := local.([]any)
	if !ok {
		list = []any{local}
	}
	for _, item := range list {
		switch t := item.(type) {
		case nil:
			// Back to the initial context: how a presentation's
			// verifiableCredential term keeps the presentation's terms out
			// of the credentials it holds.
			if !overrideProtected && result.hasProtected() {
				return nil, fmt.Errorf("%w: invalid context nullification: protected terms are in scope", ErrInvalidDocument)
			}
			if err := r.addWork(1); err != nil {
				return nil, err
			}
			result = &activeCtx{terms: map[string]*termDef{}}
		case string:
			for _, u := range remote {
				if u == t {
					return nil, fmt.Errorf("%w: recursive context inclusion of %s", ErrInvalidDocument, t)
				}
			}
			if len(remote) >= 32 {
				return nil, fmt.Errorf("%w: contexts nest more than 32 deep", ErrLimit)
			}
			r.loads++
			if r.loads > r.lim.MaxContextLoads {
				return nil, fmt.Errorf("%w: more than MaxContextLoads (%d) context loads", ErrLimit, r.lim.MaxContextLoads)
			}
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
			doc, isRemote, err := r.l.resolveFast(r.ctx, t)
			if err != nil {
				return nil, err
			}
			r.remote = r.remote || isRemote
			c, err := r.process(result, doc["@context"], append(remote[:len(remote):len(remote)], t), false, true)
			if err != nil {
				return nil, err
			}
			result = c
		case map[string]any:
			if err := r.define(result, t, overrideProtected, remote); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("%w: invalid local context %v", ErrInvalidDocument, item)
		}
	}
	result.summarize()
	return result, nil
}

func (r *fastRun) define(result *activeCtx, m map[string]any, overrideProtected bool, remote []string) error {
	if nested, ok := m["@context"]; ok {
		nm, ok := nested.(map[string]any)
		if !ok {
			return unsupported("@context inside a context")
		}
		m = nm
	}
	defaultProtected := false
	// Members in sorted order, here and below, so that a context with
	// several faults is always refused for the same one: Go's map order
	// would otherwise pick the error at random.
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch k {
		case "@version":
			if f, ok := v.(float64); !ok || f != 1.1 {
				return fmt.Errorf("%w: invalid @version %v", ErrInvalidDocument, v)
			}
		case "@protected":
			b, ok := v.(bool)
			if !ok {
				return fmt.Errorf("%w: invalid @protected %v", ErrInvalidDocument, v)
			}
			defaultProtected = b
		case "@vocab":
			switch s := v.(type) {
			case nil:
				result.vocab, result.hasVocab = "", false
			case string:
				// Only terms already in the active context count, not
				// those this local context defines (JSON-LD 1.1 context
				// processing 5.8.3; jsonld.js does the same).
				iri, err := r.expandIRI(result, s, true, nil, nil, remote)
				if err != nil {
					return err
				}
				if !isAbsIRI(iri) && !isBlank(iri) {
					return fmt.Errorf("%w: @vocab %q is not an absolute IRI", ErrUnsafeDocument, s)
				}
				result.vocab, result.hasVocab = iri, true
			default:
				return fmt.Errorf("%w: invalid @vocab %v", ErrInvalidDocument, v)
			}
		case "@language":
			switch l := v.(type) {
			case nil:
				result.lang = ""
			case string:
				if l == "" {
					return emptyDefaultLanguage()
				}
				result.lang = strings.ToLower(l)
			default:
				return fmt.Errorf("%w: invalid default @language %v", ErrInvalidDocument, v)
			}
		case "@base", "@import", "@direction", "@propagate":
			return unsupported(k + " in a context")
		default:
			if isKeyword(k) {
				// Such as "@type": {"@container": "@set"}.
				return unsupported(k + " in a context")
			}
			if hasKeywordForm(k) {
				// JSON-LD ignores it; jsonld.js's safe mode refuses it.
				return reservedTermError(k)
			}
			if strings.HasPrefix(k, "@") {
				// "@`" or "@" is an ordinary term to JSON-LD; json-gold
				// defines and uses it as jsonld.js does.
				return unsupported("a term beginning with @ but not of keyword form")
			}
		}
	}
	if err := r.addWork(len(m)); err != nil {
		return err
	}
	defined := make(map[string]bool, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if strings.HasPrefix(k, "@") {
			continue
		}
		if err := r.createTerm(result, m, k, defined, defaultProtected, overrideProtected, remote); err != nil {
			return err
		}
	}
	return nil
}

// createTerm is JSON-LD 1.1's Create Term Definition for the supported
// subset.
func (r *fastRun) createTerm(active *activeCtx, local map[string]any, term string, defined map[string]bool, defaultProtected, overrideProtected bool, remote []string) error {
	if done, seen := defined[term]; seen {
		if done {
			return nil
		}
		return fmt.Errorf("%w: cyclic IRI mapping for term %q", ErrInvalidDocument, term)
	}
	if term == "" {
		return fmt.Errorf("%w: empty term", ErrInvalidDocument)
	}
	if strings.ContainsAny(term, ":/") {
		return unsupported("compact IRI or IRI as a term")
	}
	defined[term] = false
	value := local[term]
	prev := active.terms[term]
	delete(active.terms, term)

	d := &termDef{protected: defaultProtected}
	simple := false
	var m map[string]any
	switch v := value.(type) {
	case nil:
		m = map[string]any{"@id": nil}
	case string:
		simple = true
		m = map[string]any{"@id": v}
	case map[string]any:
		m = v
	default:
		return fmt.Errorf("%w: invalid definition of term %q", ErrInvalidDocument, term)
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch k {
		case "@id", "@type", "@container", "@context":
		case "@language":
			switch l := v.(type) {
			case nil:
			case string:
				d.lang = strings.ToLower(l)
			default:
				return fmt.Errorf("%w: invalid @language of term %q", ErrInvalidDocument, term)
			}
			d.hasLang = true
		case "@protected":
			b, ok := v.(bool)
			if !ok {
				return fmt.Errorf("%w: invalid @protected of term %q", ErrInvalidDocument, term)
			}
			d.protected = b
		default:
			return unsupported(k + " in a term definition")
		}
	}
	if t, ok := m["@type"]; ok {
		s, ok := t.(string)
		if !ok {
			return fmt.Errorf("%w: invalid type mapping of term %q", ErrInvalidDocument, term)
		}
		typ, err := r.expandIRI(active, s, true, local, defined, remote)
		if err != nil {
			return err
		}
		if typ != "@id" && typ != "@vocab" && typ != "@json" && !isAbsIRI(typ) {
			if typ == "@none" {
				return unsupported("@none type mapping")
			}
			return fmt.Errorf("%w: type mapping %q of term %q is not an absolute IRI", ErrUndefinedTerm, s, term)
		}
		d.typ = typ
	}
	if idv, ok := m["@id"]; ok && idv != term {
		switch s := idv.(type) {
		case nil:
			d.id = ""
		case string:
			iri, err := r.expandIRI(active, s, true, local, defined, remote)
			if err != nil {
				return err
			}
			if iri == "@context" {
				return fmt.Errorf("%w: term %q is an alias of @context", ErrInvalidDocument, term)
			}
			if !isKeyword(iri) && !isAbsIRI(iri) && !isBlank(iri) {
				if strings.HasPrefix(iri, "@") {
					return unsupported("keyword-like IRI mapping")
				}
				return fmt.Errorf("%w: term %q maps to %q, not an absolute IRI", ErrUndefinedTerm, term, iri)
			}
			d.id = iri
			if simple && len(iri) > 0 && strings.ContainsRune(":/?#[]@", rune(iri[len(iri)-1])) {
				d.prefix = true
			}
		default:
			return fmt.Errorf("%w: invalid @id of term %q", ErrInvalidDocument, term)
		}
	} else {
		if !active.hasVocab {
			return fmt.Errorf("%w: term %q has no IRI and there is no @vocab", ErrInvalidDocument, term)
		}
		d.id = active.vocab + term
	}
	if c, ok := m["@container"]; ok {
		switch c {
		case "@set":
			d.container = containerSet
		case "@list":
			d.container = containerList
		case "@graph":
			d.container = containerGraph
		default:
			return unsupported(fmt.Sprintf("@container %v", c))
		}
	}
	if sc, ok := m["@context"]; ok {
		d.scoped, d.hasScoped = sc, true
	}
	if isKeyword(d.id) && (d.typ != "" || d.container != 0 || d.hasScoped) {
		return unsupported("keyword alias with options")
	}
	if isKeyword(d.id) && d.id != "@id" && d.id != "@type" {
		return unsupported("alias of " + d.id)
	}
	if prev != nil && prev.protected && !overrideProtected {
		if !prev.sameAs(d) {
			return fmt.Errorf("%w: protected term %q redefined", ErrInvalidDocument, term)
		}
		d = prev
	}
	if d != prev {
		d.absID, d.absTyp = isAbsIRI(d.id), isAbsIRI(d.typ)
	}
	active.terms[term] = d
	defined[term] = true
	return nil
}

// isKeyword looks at the first byte first: it is asked mostly about terms
// and full IRIs, which never start with '@'. A switch, not a map: every
// member of every node asks it, and hashing the string cost more than the
// comparisons the compiler makes of it.
func isKeyword(s string) bool {
	if len(s) < 2 || s[0] != '@' {
		return false
	}
	switch s {
	case "@base", "@container", "@context", "@direction", "@graph", "@id",
		"@import", "@included", "@index", "@json", "@language", "@list",
		"@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse",
		"@set", "@type", "@value", "@version", "@vocab":
		return true
	}
	return false
}

// hasKeywordForm is "@" followed by one or more ALPHA, which JSON-LD
// reserves and ignores.
func hasKeywordForm(s string) bool {
	if len(s) < 2 || s[0] != '@' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// expandIRI is JSON-LD 1.1's IRI Expansion. local and defined are set while
// a context is being processed, so that terms it defines can be used before
// their own definition is reached. Relative IRIs are returned unchanged (the
// base IRI is empty); callers reject them.
func (r *fastRun) expandIRI(active *activeCtx, value string, vocab bool, local map[string]any, defined map[string]bool, remote []string) (string, error) {
	if isKeyword(value) {
		return value, nil
	}
	if hasKeywordForm(value) {
		return "", nil
	}
	if local != nil {
		if _, ok := local[value]; ok && !defined[value] {
			if err := r.createTerm(active, local, value, defined, false, false, remote); err != nil {
				return "", err
			}
		}
	}
	if d, ok := active.terms[value]; ok {
		if isKeyword(d.id) {
			return d.id, nil
		}
		if vocab {
			return d.id, nil
		}
	}
	if i := strings.IndexByte(value, ':'); i > 0 {
		prefix, suffix := value[:i], value[i+1:]
		if prefix == "_" || strings.HasPrefix(suffix, "//") {
			return value, nil
		}
		if local != nil {
			if _, ok := local[prefix]; ok && !defined[prefix] {
				if err := r.createTerm(active, local, prefix, defined, false, false, remote); err != nil {
					return "", err
				}
			}
		}
		if d, ok := active.terms[prefix]; ok && d.id != "" && d.prefix {
			return d.id + suffix, nil
		}
		if isAbsIRI(value) {
			return value, nil
		}
	}
	if vocab && active.hasVocab {
		return active.vocab + value, nil
	}
	return value, nil
}
