package jsonld

import (
	"context"
	"encoding/json"
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
// credentials use: node objects with @id (an IRI or a blank node
// identifier), @type and properties, whose values are strings, numbers,
// booleans, value objects, nested nodes and arrays of them, under terms
// typed @id, @vocab, @json or a datatype, with or without a language, and
// @set, @list and @graph containers. Everything else (nulls, @graph or
// @list written out, any other keyword) and every error, or anything that
// would be one (an unsafe document, a limit), returns ok false: the caller
// takes the generic path, which decides and reports exactly as before. So
// the straight path can only ever agree with the generic one;
// FuzzCanonicalize, TestDirectCoversCorpus and TestDirectMatchesGeneral
// check that it does.
//
// Blank nodes are labelled in another order and the statements come in
// another order than ToRDF's, so only Canonicalize, whose result does not
// depend on either, may use it. The statements are appended to dst[:0];
// when it gives up, ds holds those it made first, for the caller to know
// how much of dst's array was written.
func directToRDF(ctx context.Context, in any, l *Loader, lim Limits, dst rdfc.Dataset) (ds rdfc.Dataset, ok bool) {
	m, isMap := in.(map[string]any)
	if !isMap || lim.goldOnly || ctx.Err() != nil {
		return nil, false
	}
	d := direct{out: dst[:0], max: lim.MaxQuads}
	d.r.init(ctx, l, lim)
	top, _, ok := d.node(d.r.initial, nil, m, rdfc.Term{Kind: rdfc.DefaultGraph})
	if !ok || top.Kind == rdfc.Literal {
		return d.out, false // a value outside any node is refused
	}
	// The generic path refuses a document that yields nothing.
	return d.out, len(d.out) > 0
}

// direct is the state of one directToRDF.
type direct struct {
	r   fastRun
	out rdfc.Dataset
	max int
	blankLabeller
}

func (d *direct) emit(s, p, o, g rdfc.Term) bool {
	if len(d.out) >= d.max {
		return false // the generic path reports ErrLimit
	}
	d.out = append(d.out, rdfc.Quad{Subject: s, Predicate: p, Object: o, Graph: g})
	return true
}

// resource converts a node identifier or type as converter.resource does:
// the document's blank node identifiers are relabelled, so they cannot
// collide with issued ones.
func (d *direct) resource(id string) (rdfc.Term, bool) {
	if isBlank(id) {
		return d.relabel(id), true
	}
	return iri(id), isAbsIRI(id)
}

// member is a member of a node object being converted, with its key's
// expansion and term definition under the context expandKeys last used.
type member struct {
	key string
	val any
	ek  string
	td  *termDef
}

// expandKey is expandIRI(a, k, true, nil, nil, nil), which cannot fail
// without a local context, returning also k's term definition: the
// statements need both, and one lookup serves.
func (r *fastRun) expandKey(a *activeCtx, k string) (string, *termDef) {
	td, defined := a.terms[k]
	if defined && !isKeyword(k) && !hasKeywordForm(k) {
		return td.id, td // what expandIRI returns for a defined term
	}
	ek, _ := r.expandIRI(a, k, true, nil, nil, nil)
	return ek, td
}

// node makes the statements of the node object el, found under the term
// key, defined by pd (nil at the top), with the active context active, and
// returns its subject (or, for a value object, the literal). It follows
// expandMap step for step; each place where expandMap would fail, or where
// the expanded node would be one checkExpanded refuses or expandedToRDF
// converts in a way not handled here, returns ok false.
func (d *direct) node(active *activeCtx, pd *termDef, el map[string]any, graph rdfc.Term) (subj rdfc.Term, onlyID, ok bool) {
	r := &d.r
	// A node's members fit a stack buffer; a slice made to len(el) would
	// be an allocation per JSON object.
	// They stay in map order: the statements and blank node labels come
	// out in another order then, which Canonicalize does not see, and the
	// one step whose outcome depends on the order, applying type-scoped
	// contexts, sorts them first when it can matter (below).
	var buf [16]member
	ms := buf[:0]
	var embedded any
	hasEmbedded := false
	for k, v := range el {
		ms = append(ms, member{key: k, val: v})
		if k == "@context" {
			embedded, hasEmbedded = v, true
		}
	}

	// Each pass below expands every key, mostly under one context: the
	// expansions are redone only when the context changes.
	var msCtx *activeCtx
	expandKeys := func(a *activeCtx) {
		if a != msCtx {
			for i := range ms {
				ms[i].ek, ms[i].td = r.expandKey(a, ms[i].key)
			}
			msCtx = a
		}
	}

	// keywordOf answers the two questions asked of every key under a
	// context the keys are not all needed under (whether the type-scoped
	// context reverts; which keys give types) without a term lookup each.
	keywordOf := func(a *activeCtx, i int) string {
		if kw, ok := a.keywordOf(ms[i].key); ok {
			return kw
		}
		expandKeys(a)
		return ms[i].ek
	}
	if active.previous != nil {
		revert := true
		for i := range ms {
			if kw := keywordOf(active, i); kw == "@value" || (kw == "@id" && len(ms) == 1) {
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
			return subj, false, false
		}
	}
	if hasEmbedded {
		if active, err = r.applyEmbedded(active, embedded); err != nil {
			return subj, false, false
		}
	}
	typeScoped := active
	// expandMap applies the type-scoped contexts of the members that
	// expand to @type in key order, each key expanded under the context
	// the ones before it left. With one such member (a typed node), key
	// order can only matter if the context it applies makes another key
	// expand to @type; the expansion under that context, needed anyway,
	// shows whether one does. Otherwise, and with several, sort and take
	// the steps as expandMap does.
	typeKey, nTypes := -1, 0
	for i := range ms {
		if keywordOf(active, i) == "@type" {
			typeKey = i
			nTypes++
		}
	}
	if nTypes == 1 {
		if active, err = r.applyTypeScoped(active, typeScoped, ms[typeKey].val); err != nil {
			return subj, false, false
		}
		expandKeys(active)
		for i := range ms {
			if i != typeKey && ms[i].ek == "@type" {
				nTypes = 2 // order matters: start again, in order
				active = typeScoped
				break
			}
		}
	}
	if nTypes > 1 {
		slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
		msCtx = nil // the expansions moved with their members, but redo them all
		for i := range ms {
			if expandKeys(active); ms[i].ek != "@type" {
				continue
			}
			if active, err = r.applyTypeScoped(active, typeScoped, ms[i].val); err != nil {
				return subj, false, false
			}
		}
	}

	// The subject first: sorted keys may put properties before @id.
	expandKeys(active)
	idKey, valueKey, types, valueMembers := -1, -1, 0, 0
	for i := range ms {
		if ms[i].key == "@context" {
			continue
		}
		ek := ms[i].ek
		if ek == "" || (!strings.Contains(ek, ":") && !isKeyword(ek)) {
			return subj, false, false // an undefined term
		}
		switch {
		case ek == "@id":
			if idKey >= 0 {
				return subj, false, false // @id given twice
			}
			idKey = i
		case ek == "@type":
			types++
		case ek == "@value":
			valueKey = i
			valueMembers++
		case ek == "@language" || ek == "@direction":
			valueMembers++
		case isKeyword(ek):
			return subj, false, false // @graph, @list, @reverse...
		}
	}
	if valueMembers > 0 {
		if valueKey < 0 || idKey >= 0 {
			return subj, false, false // @language or @direction outside a value, or a value with an @id
		}
		obj, ok := d.value(typeScoped, ms, types)
		return obj, false, ok
	}
	if idKey >= 0 {
		s, isString := ms[idKey].val.(string)
		if !isString {
			return subj, false, false
		}
		id, err := r.expandIRI(active, s, false, nil, nil, nil)
		if err != nil {
			return subj, false, false
		}
		if subj, ok = d.resource(id); !ok {
			return subj, false, false // a relative IRI
		}
	} else {
		subj = d.newBlank()
	}

	// The expanded node would hold nothing but its @id: a reference.
	onlyID = idKey >= 0
	for i := range ms {
		m := &ms[i]
		if m.key == "@context" || i == idKey {
			continue
		}
		onlyID = false
		v, td := m.val, m.td
		if m.ek == "@type" {
			if !d.types(typeScoped, subj, v, graph) {
				return subj, false, false
			}
			continue
		}
		if abs := m.td != nil && m.td.absID && m.ek == m.td.id; !abs && !isAbsIRI(m.ek) {
			return subj, false, false // checkExpanded refuses the property
		}
		pred := iri(m.ek)
		var container uint8
		if td != nil {
			container = td.container & (containerList | containerGraph)
		}
		switch {
		case td != nil && td.typ == "@json":
			// Kept whole, nulls included (see checkNulls); a null literal
			// itself is refused.
			if v == nil || container != 0 {
				return subj, false, false
			}
			b, err := jcs.Marshal(v)
			if err != nil || !d.emit(subj, pred, rdfc.Term{Kind: rdfc.Literal, Value: string(b), Datatype: rdfJSON}, graph) {
				return subj, false, false
			}
		case container == containerList:
			// Never empty: [] is the empty list, rdf:nil.
			items, isArray := v.([]any)
			if !isArray {
				if v == nil {
					return subj, false, false // dropped: checkNulls refuses it
				}
				one := [1]any{v}
				items = one[:]
			}
			head, ok := d.list(active, m.key, td, items, graph)
			if !ok || !d.emit(subj, pred, head, graph) {
				return subj, false, false
			}
		case container == containerGraph:
			if n, ok := d.graphs(active, td, subj, pred, v, graph); !ok || n == 0 {
				return subj, false, false
			}
		case container != 0:
			return subj, false, false
		default:
			// An empty array is refused, unless another term for the same
			// property gives it values: rare enough to leave to the
			// generic path either way.
			if n, ok := d.values(active, m.key, td, subj, pred, v, graph); !ok || n == 0 {
				return subj, false, false
			}
		}
	}
	return subj, onlyID, true
}

// value converts a value object, whose members are ms, as expandMap
// checks it and literal converts it. Its @type (types
// members expand to it) is expanded under typeScoped, as expandMap does.
func (d *direct) value(typeScoped *activeCtx, ms []member, types int) (rdfc.Term, bool) {
	if types > 1 {
		return rdfc.Term{}, false // the @type of a value must be one string
	}
	var val any
	var dt, lang, dir string
	var hasType, hasLang, hasDir bool
	for _, m := range ms {
		if m.key == "@context" {
			continue
		}
		v := m.val
		switch m.ek {
		case "@value":
			if val != nil {
				return rdfc.Term{}, false // given twice
			}
			if val = v; v == nil {
				return rdfc.Term{}, false // dropped, so checkNulls refuses it
			}
		case "@type":
			s, ok := v.(string)
			if !ok {
				return rdfc.Term{}, false
			}
			t, err := d.r.expandIRI(typeScoped, s, true, nil, nil, nil)
			if err != nil || (t != "@json" && !isAbsIRI(t)) {
				return rdfc.Term{}, false
			}
			dt, hasType = t, true
		case "@language":
			s, ok := v.(string)
			if !ok || hasLang {
				return rdfc.Term{}, false
			}
			// Lower-cased, as expandMap does (and jsonld.js).
			lang, hasLang = strings.ToLower(s), true
			if !langTag.MatchString(lang) {
				return rdfc.Term{}, false
			}
		case "@direction":
			s, _ := v.(string)
			if (s != "ltr" && s != "rtl") || hasDir {
				return rdfc.Term{}, false
			}
			dir, hasDir = s, true
		default:
			return rdfc.Term{}, false // a property, or a second @value
		}
	}
	switch val.(type) {
	case string:
	case bool, json.Number, float64:
		if hasLang || hasDir {
			return rdfc.Term{}, false
		}
	case map[string]any, []any:
		if dt != "@json" {
			return rdfc.Term{}, false
		}
	default:
		return rdfc.Term{}, false // null: dropped, so checkNulls refuses it
	}
	if hasType && (hasLang || hasDir) {
		return rdfc.Term{}, false
	}
	t, err := literalTerm(val, dt, lang, hasLang, dir, hasDir)
	return t, err == nil
}

// types makes the rdf:type statements of subj, from a @type member's
// value v expanded under typeScoped (the context before type-scoped
// contexts apply), as expandMap does.
func (d *direct) types(typeScoped *activeCtx, subj rdfc.Term, v any, graph rdfc.Term) bool {
	one := func(x any) bool {
		s, ok := x.(string)
		if !ok {
			return false
		}
		id, td := d.r.expandKey(typeScoped, s)
		if td != nil && td.absID && id == td.id {
			return d.emit(subj, iri(rdfType), iri(id), graph)
		}
		t, ok := d.resource(id)
		return ok && d.emit(subj, iri(rdfType), t, graph)
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
// under the term key, defined by td, as expand does, and returns how many
// there were.
func (d *direct) values(active *activeCtx, key string, td *termDef, subj, pred rdfc.Term, v any, graph rdfc.Term) (n int, ok bool) {
	if a, isArray := v.([]any); isArray {
		for _, it := range a {
			m, ok := d.values(active, key, td, subj, pred, it, graph)
			if !ok {
				return 0, false
			}
			n += m
		}
		return n, true
	}
	obj, ok := d.item(active, key, td, v, graph)
	return 1, ok && d.emit(subj, pred, obj, graph)
}

// item converts one value found under the term key, defined by td, that
// is not an array: a node or value object, or a string, number or boolean.
func (d *direct) item(active *activeCtx, key string, td *termDef, v any, graph rdfc.Term) (rdfc.Term, bool) {
	switch t := v.(type) {
	case nil:
		return rdfc.Term{}, false // dropped by JSON-LD: checkNulls refuses it
	case map[string]any:
		obj, _, ok := d.node(active, td, t, graph)
		return obj, ok
	}
	if td != nil && td.hasScoped {
		var err error
		if active, err = d.r.applyScoped(active, td, modeProperty); err != nil {
			return rdfc.Term{}, false
		}
		// As expandValue does: the term as its own context defines it.
		td = active.terms[key]
	}
	return d.scalar(active, td, v)
}

// list makes the statements of a @list container's value, items, as
// expand and converter.list do: an array inside it is a list of its own.
func (d *direct) list(active *activeCtx, key string, td *termDef, items []any, graph rdfc.Term) (rdfc.Term, bool) {
	if len(items) == 0 {
		return iri(rdfNil), true
	}
	head := d.newBlank()
	subj := head
	for i, it := range items {
		var obj rdfc.Term
		var ok bool
		if a, isArray := it.([]any); isArray {
			obj, ok = d.list(active, key, td, a, graph)
		} else {
			obj, ok = d.item(active, key, td, it, graph)
		}
		if !ok || !d.emit(subj, iri(rdfFirst), obj, graph) {
			return rdfc.Term{}, false
		}
		next := iri(rdfNil)
		if i < len(items)-1 {
			next = d.newBlank()
		}
		if !d.emit(subj, iri(rdfRest), next, graph) {
			return rdfc.Term{}, false
		}
		subj = next
	}
	return head, true
}

// graphs makes the statements of a @graph container's value v, under a
// term defined by td: each node object it holds becomes a graph of its
// own, named by a blank node that is the object of subj pred, as expandMap
// wraps it and converter.top converts it. It returns how many there were.
func (d *direct) graphs(active *activeCtx, td *termDef, subj, pred rdfc.Term, v any, graph rdfc.Term) (n int, ok bool) {
	if a, isArray := v.([]any); isArray {
		for _, it := range a {
			m, ok := d.graphs(active, td, subj, pred, it, graph)
			if !ok {
				return 0, false
			}
			n += m
		}
		return n, true
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		return 0, false // a value or a reference alone in a graph: RDF drops it
	}
	name := d.newBlank()
	obj, onlyID, ok := d.node(active, td, m, name)
	if !ok || onlyID || obj.Kind == rdfc.Literal || !d.emit(subj, pred, name, graph) {
		return 0, false
	}
	return 1, true
}

// scalar converts a string, number or boolean found under a term defined
// by td (nil: none) as expandValue and then literal (or resource, for a
// node reference) do.
func (d *direct) scalar(active *activeCtx, td *termDef, v any) (rdfc.Term, bool) {
	s, isString := v.(string)
	if isString && td != nil && (td.typ == "@id" || td.typ == "@vocab") {
		id, err := d.r.expandIRI(active, s, td.typ == "@vocab", nil, nil, nil)
		if err != nil {
			return rdfc.Term{}, false
		}
		return d.resource(id)
	}
	var obj rdfc.Term
	var err error
	switch {
	case td != nil && td.typ != "" && td.typ != "@id" && td.typ != "@vocab":
		if !td.absTyp { // @json, or what checkExpanded refuses
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
