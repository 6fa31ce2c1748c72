package jsonld

import (
	"context"
	"slices"
	"strings"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/rdfc"
)

// directToRDF converts a document to statements without building its
// expanded tree. Building that tree (a map per node and per value, the
// value lists, then walking it twice more to check it and to convert it)
// was over half of what canonicalizing a credential cost.
//
// It takes the very steps of fastExpand (the same context processing and
// IRI expansion, in the same order: see expandMap) and makes the
// statements expandedToRDF would make from the result, for the subset
// credentials use: node objects with @id, @type and properties, whose
// values are strings, numbers, booleans, nested nodes and arrays of them,
// under terms typed @id, @vocab, @json or a datatype, with or without a
// language, and @set containers. Everything else (value objects, lists,
// graphs, blank node identifiers, nulls, any keyword but @id and @type)
// and every error, or anything that would be one (an unsafe document, a
// limit), returns ok false: the caller takes the generic path, which
// decides and reports exactly as before. So the fast path can only ever
// agree with the generic one; the fuzz target and TestDirectMatchesGeneral
// check that it does.
//
// Blank nodes are labelled in another order and the statements come in
// another order than ToRDF's, so only Canonicalize, whose result does not
// depend on either, may use it. The statements are appended to dst[:0].
func directToRDF(ctx context.Context, in any, l *Loader, lim Limits, dst rdfc.Dataset) (ds rdfc.Dataset, ok bool) {
	m, isMap := in.(map[string]any)
	if !isMap || lim.goldOnly || ctx.Err() != nil {
		return nil, false
	}
	d := direct{r: newFastRun(ctx, l, lim), out: dst[:0], max: lim.MaxQuads}
	if _, ok := d.node(d.r.initial, topLevel, m); !ok {
		return nil, false
	}
	if len(d.out) == 0 {
		// The generic path refuses a document that yields nothing.
		return nil, false
	}
	return d.out, true
}

// direct is the state of one directToRDF.
type direct struct {
	r    *fastRun
	out  rdfc.Dataset
	max  int
	next int // blank node labels issued
}

// defaultGraph is the graph of every statement directToRDF makes: it
// refuses @graph.
var defaultGraph = rdfc.Term{Kind: rdfc.DefaultGraph}

func (d *direct) emit(s, p, o rdfc.Term) bool {
	if len(d.out) >= d.max {
		return false // the generic path reports ErrLimit
	}
	d.out = append(d.out, rdfc.Quad{Subject: s, Predicate: p, Object: o, Graph: defaultGraph})
	return true
}

// node makes the statements of the node object el, found under the term
// key (topLevel at the top) with the active context active, and returns
// its subject. It follows expandMap step for step; each place where
// expandMap would fail, or where the expanded node would be one
// checkExpanded refuses or expandedToRDF converts in a way not handled
// here, returns ok false.
func (d *direct) node(active *activeCtx, key string, el map[string]any) (subj rdfc.Term, ok bool) {
	r := d.r
	var keyBuf [16]string
	keys := keyBuf[:0]
	for k := range el {
		keys = append(keys, k)
	}
	slices.Sort(keys)

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

	pd := active.terms[key]
	if active.previous != nil {
		revert := true
		expandKeys(active)
		for i := range keys {
			if ekErrs[i] != nil || eks[i] == "@value" {
				return subj, false // an error, or a value object
			}
			if eks[i] == "@id" && len(keys) == 1 {
				revert = false
			}
		}
		if revert {
			active = active.previous
		}
	}
	var err error
	if pd != nil && pd.hasScoped {
		if active, err = r.applyScoped(active, pd, modeProperty); err != nil {
			return subj, false
		}
	}
	if c, ok := el["@context"]; ok {
		if active, err = r.applyEmbedded(active, c); err != nil {
			return subj, false
		}
	}
	typeScoped := active
	for i, k := range keys {
		if expandKeys(active); eks[i] != "@type" || ekErrs[i] != nil {
			continue
		}
		var termBuf [4]string
		terms := termBuf[:0]
		switch t := el[k].(type) {
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
				if active, err = r.applyScoped(active, td, modeType); err != nil {
					return subj, false
				}
			}
		}
	}

	// The subject first: sorted keys may put properties before @id.
	expandKeys(active)
	idKey := -1
	for i, k := range keys {
		if k == "@context" {
			continue
		}
		ek := eks[i]
		if ekErrs[i] != nil || ek == "" || (!strings.Contains(ek, ":") && !isKeyword(ek)) {
			return subj, false // an undefined term
		}
		switch {
		case ek == "@id":
			if idKey >= 0 {
				return subj, false // @id given twice
			}
			idKey = i
		case ek == "@type":
		case isKeyword(ek):
			return subj, false // @graph, @value, @list, @reverse...
		}
	}
	if idKey >= 0 {
		s, isString := el[keys[idKey]].(string)
		if !isString {
			return subj, false
		}
		id, err := r.expandIRI(active, s, false, nil, nil, nil)
		// A blank node identifier would need labels shared across the
		// document; credentials do not use them.
		if err != nil || !isAbsIRI(id) {
			return subj, false
		}
		subj = iri(id)
	} else {
		subj = rdfc.Term{Kind: rdfc.BlankNode, Value: blankLabel(d.next)}
		d.next++
	}

	for i, k := range keys {
		if k == "@context" || i == idKey {
			continue
		}
		v := el[k]
		if eks[i] == "@type" {
			if !d.types(typeScoped, subj, v) {
				return subj, false
			}
			continue
		}
		ek := eks[i]
		if !isAbsIRI(ek) {
			return subj, false // checkExpanded refuses the property
		}
		td := active.terms[k]
		pred := iri(ek)
		if td != nil && td.container&(containerList|containerGraph) != 0 {
			return subj, false
		}
		if td != nil && td.typ == "@json" {
			// Kept whole, nulls included (see checkNulls); a null literal
			// itself is refused.
			if v == nil {
				return subj, false
			}
			b, err := jcs.Marshal(v)
			if err != nil || !d.emit(subj, pred, rdfc.Term{Kind: rdfc.Literal, Value: string(b), Datatype: rdfJSON}) {
				return subj, false
			}
			continue
		}
		// An empty array is refused, unless another term for the same
		// property gives it values: rare enough to leave to the generic
		// path either way.
		if n, ok := d.values(active, k, subj, pred, v); !ok || n == 0 {
			return subj, false
		}
	}
	return subj, true
}

// types makes the rdf:type statements of subj, from a @type member's
// value v expanded under typeScoped (the context before type-scoped
// contexts apply), as expandMap does.
func (d *direct) types(typeScoped *activeCtx, subj rdfc.Term, v any) bool {
	one := func(x any) bool {
		s, ok := x.(string)
		if !ok {
			return false
		}
		t, err := d.r.expandIRI(typeScoped, s, true, nil, nil, nil)
		return err == nil && isAbsIRI(t) && d.emit(subj, iri(rdfType), iri(t))
	}
	a, isArray := v.([]any)
	if !isArray {
		return one(v)
	}
	for _, x := range a {
		if !one(x) {
			return false
		}
	}
	return true
}

// values makes the statements subj pred o for each value v expands to
// under the term key, as expand does, and returns how many there were.
func (d *direct) values(active *activeCtx, key string, subj, pred rdfc.Term, v any) (n int, ok bool) {
	switch t := v.(type) {
	case nil:
		return 0, false // dropped by JSON-LD: checkNulls refuses it
	case []any:
		for _, it := range t {
			m, ok := d.values(active, key, subj, pred, it)
			if !ok {
				return 0, false
			}
			n += m
		}
		return n, true
	case map[string]any:
		obj, ok := d.node(active, key, t)
		return 1, ok && d.emit(subj, pred, obj)
	}
	a := active
	if td := a.terms[key]; td != nil && td.hasScoped {
		var err error
		if a, err = d.r.applyScoped(a, td, modeProperty); err != nil {
			return 0, false
		}
	}
	obj, ok := d.scalar(a, key, v)
	return 1, ok && d.emit(subj, pred, obj)
}

// scalar converts a string, number or boolean found under the term key as
// expandValue and then literal (or resource, for a node reference) do.
func (d *direct) scalar(active *activeCtx, key string, v any) (rdfc.Term, bool) {
	td := active.terms[key]
	s, isString := v.(string)
	if isString && td != nil && (td.typ == "@id" || td.typ == "@vocab") {
		id, err := d.r.expandIRI(active, s, td.typ == "@vocab", nil, nil, nil)
		if err != nil || !isAbsIRI(id) {
			return rdfc.Term{}, false
		}
		return iri(id), true
	}
	var obj rdfc.Term
	var err error
	switch {
	case td != nil && td.typ != "" && td.typ != "@id" && td.typ != "@vocab":
		if td.typ == "@json" || !isAbsIRI(td.typ) {
			return rdfc.Term{}, false
		}
		obj, err = literalTerm(v, td.typ, "", false, "", false)
	case isString:
		// A term's own @language (even null) wins over the default.
		lang := active.lang
		if td != nil && td.hasLang {
			lang = td.lang
		}
		if lang != "" && !langTag.MatchString(lang) {
			return rdfc.Term{}, false
		}
		obj, err = literalTerm(v, "", lang, lang != "", "", false)
	default:
		obj, err = literalTerm(v, "", "", false, "", false)
	}
	return obj, err == nil
}
