package ctdl

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/microcred/microcred/internal/strictjson"
)

// A node is one JSON object of the source graph with its property names
// reduced to lower-case local names, so that "ceterms:hasChild",
// "ceasn:hasChild", "hasChild" and a full IRI all read the same: real
// registry data mixes prefixes, drafts and namespaces (pathways.md §1.4).
type node struct {
	id    string
	types []string // local names, lower case
	props map[string][]any
	seq   int // document order
}

// ctidPattern finds a Credential Engine CTID inside an id or URL.
var ctidPattern = regexp.MustCompile(`ce-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// localName reduces a property or type name to its lower-case local part:
// "ceterms:requiredNumber" → "requirednumber", "@id" → "id",
// "https://purl.org/ctdl/terms/Pathway" → "pathway".
func localName(k string) string {
	k = strings.TrimPrefix(strings.TrimSpace(k), "@")
	if i := strings.Index(k, "://"); i >= 0 {
		k = k[i+3:]
		if j := strings.LastIndexAny(k, "/#"); j >= 0 {
			k = k[j+1:]
		}
	} else if j := strings.LastIndexAny(k, ":/#"); j >= 0 {
		k = k[j+1:]
	}
	k = strings.ToLower(strings.ReplaceAll(k, " ", ""))
	if k == "preceeds" { // misspelling in the registry's JSON schema
		k = "precedes"
	}
	return k
}

// checkShape bounds nesting and object count before any decoding, so a
// hostile document costs one linear scan.
func checkShape(data []byte, maxDepth, maxObjects int) error {
	depth, objects := 0, 0
	inString, escaped := false, false
	for _, b := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
			continue
		}
		switch b {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if b == '{' {
				objects++
			}
			if depth > maxDepth {
				return fmt.Errorf("%w: JSON nested deeper than %d (Options.MaxDepth)", ErrLimit, maxDepth)
			}
			if objects > maxObjects {
				return fmt.Errorf("%w: more than %d JSON objects (Options.MaxObjects)", ErrLimit, maxObjects)
			}
		case '}', ']':
			depth--
		}
	}
	return nil
}

// decodeAll reads one JSON document or several concatenated ones (registry
// "graph" documents are often saved one after the other in one file) with
// the module's strict reader: a repeated name, two names that differ only
// in case (outside @context), invalid UTF-8 or a lone surrogate is an
// ErrSyntax, since readers disagree on what such a document says.
func decodeAll(data []byte, maxDepth int) ([]any, error) {
	docs, err := strictjson.DecodeAll(data, strictjson.Limits{MaxBytes: max(len(data), 1), MaxDepth: maxDepth})
	if errors.Is(err, strictjson.ErrTooDeep) {
		return nil, fmt.Errorf("%w: %w (Options.MaxDepth)", ErrLimit, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	return docs, nil
}

// graph indexes every typed object of the documents by id and by CTID.
type graph struct {
	nodes  []*node
	byID   map[string]*node
	byCTID map[string]*node
}

func newNode(m map[string]any, seq int) *node {
	n := &node{props: make(map[string][]any, len(m)), seq: seq}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // merge duplicates (ceasn:/ceterms:) in a fixed order
	for _, k := range keys {
		name := localName(k)
		n.props[name] = append(n.props[name], flatten(m[k])...)
	}
	n.id = firstText(n.props["id"])
	for _, t := range n.props["type"] {
		if s, ok := t.(string); ok {
			n.types = append(n.types, localName(s))
		}
	}
	return n
}

func flatten(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		out := make([]any, 0, len(v))
		for _, e := range v {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []any{v}
}

// buildGraph collects the top-level nodes (from @graph, arrays or single
// objects) and every embedded object that has both an id and a type.
func buildGraph(docs []any, notes *notes) *graph {
	g := &graph{byID: map[string]*node{}, byCTID: map[string]*node{}}
	seq := 0
	var walk func(v any, top bool, where string)
	walk = func(v any, top bool, where string) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e, top, where)
			}
		case map[string]any:
			var graphVal any
			hasGraph := false
			for k, gv := range v {
				if localName(k) == "graph" {
					graphVal, hasGraph = gv, true
				}
			}
			if hasGraph {
				walk(graphVal, true, where)
				return
			}
			n := newNode(v, seq)
			seq++
			if n.id != "" && len(n.types) > 0 {
				g.add(n, notes)
			}
			for k, e := range v {
				if lk := localName(k); lk != "id" && lk != "type" && lk != "context" {
					walk(e, false, n.id)
				}
			}
		default:
			if top {
				notes.add(where, "skipped", "skipped a %s where the graph should hold objects: %.40q", kindOf(v), fmt.Sprint(v))
			}
		}
	}
	for _, d := range docs {
		walk(d, true, "")
	}
	return g
}

func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "value"
}

func (g *graph) add(n *node, notes *notes) {
	if prev, dup := g.byID[n.id]; dup {
		// Blank-node conditions repeated verbatim are common; a
		// component id used twice for different content is a data error.
		if prev.is(componentTypes...) || prev.is(draftComponentTypes...) || prev.is("pathway") {
			notes.add(n.id, "duplicate-id", "@id is used by two nodes (%s and %s); the first one is used", describe(prev), describe(n))
		}
		return
	}
	g.byID[n.id] = n
	g.nodes = append(g.nodes, n)
	ctid := n.text("ctid")
	if ctid == "" {
		ctid = ctidPattern.FindString(n.id)
	}
	if ctid != "" {
		if _, dup := g.byCTID[strings.ToLower(ctid)]; !dup {
			g.byCTID[strings.ToLower(ctid)] = n
		}
	}
}

func describe(n *node) string {
	name := n.text("name")
	if name == "" && len(n.types) > 0 {
		name = n.types[0]
	}
	return strconv.Quote(name)
}

// resolve finds the node a reference names: by exact id, without a
// trailing slash, or by the CTID it contains (bare "ce-..." ids and
// registry URLs name the same resource).
func (g *graph) resolve(ref string) *node {
	if n := g.byID[ref]; n != nil {
		return n
	}
	if n := g.byID[strings.TrimSuffix(ref, "/")]; n != nil {
		return n
	}
	if c := ctidPattern.FindString(ref); c != "" {
		return g.byCTID[strings.ToLower(c)]
	}
	return nil
}

// loose finds the one node whose id ends in the same path segment as ref
// (at least 16 characters, so only UUID-like segments are compared).
func (g *graph) loose(ref string) *node {
	seg := ref[strings.LastIndex(ref, "/")+1:]
	if len(seg) < 16 {
		return nil
	}
	var found *node
	for _, n := range g.nodes {
		if strings.HasSuffix(n.id, "/"+seg) {
			if found != nil {
				return nil
			}
			found = n
		}
	}
	return found
}

func (n *node) is(types ...string) bool {
	for _, t := range n.types {
		if slices.Contains(types, t) {
			return true
		}
	}
	return false
}

func (n *node) has(prop string) bool { return len(n.props[prop]) > 0 }

// text is the first non-empty text value of a property.
func (n *node) text(props ...string) string {
	for _, p := range props {
		if s := firstText(n.props[p]); s != "" {
			return s
		}
	}
	return ""
}

func firstText(vs []any) string {
	for _, v := range vs {
		if s := text(v); s != "" {
			return s
		}
	}
	return ""
}

// text reads a literal: a string, a {"@value": ...} object or a language
// map ({"en-US": "..."}, {"@en-US": "..."}, {"en": ["..."]}), preferring
// English and otherwise the first language in sorted order.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			lk := strings.ToLower(strings.TrimPrefix(k, "@"))
			if lk == "value" {
				return firstText(flatten(v[k]))
			}
			if lk == "id" || lk == "type" || lk == "language" {
				continue
			}
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return cmpLang(a, b) })
		for _, k := range keys {
			if s := firstText(flatten(v[k])); s != "" {
				return s
			}
		}
	}
	return ""
}

func cmpLang(a, b string) int {
	rank := func(k string) int {
		k = strings.ToLower(strings.TrimPrefix(k, "@"))
		switch {
		case k == "en":
			return 0
		case k == "en-us":
			return 1
		case strings.HasPrefix(k, "en"):
			return 2
		}
		return 3
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	return strings.Compare(a, b)
}

// refs lists the ids a property points to: strings, or objects with an id.
func (n *node) refs(props ...string) []string {
	var out []string
	for _, p := range props {
		for _, v := range n.props[p] {
			var s string
			switch v := v.(type) {
			case string:
				s = strings.TrimSpace(v)
			case map[string]any:
				s = objectID(v)
			}
			if s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func objectID(m map[string]any) string {
	for k, v := range m {
		if lk := localName(k); lk == "id" || lk == "targetnode" {
			if s, ok := v.(string); ok {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// objects lists the embedded objects of a property as nodes; string values
// are resolved through the graph (a condition may be given by reference).
func (n *node) objects(g *graph, prop string) []*node {
	var out []*node
	for _, v := range n.props[prop] {
		switch v := v.(type) {
		case map[string]any:
			if id := objectID(v); id != "" {
				if m := g.byID[id]; m != nil && len(v) <= 2 {
					out = append(out, m) // {"@id": ...} reference
					continue
				}
			}
			out = append(out, newNode(v, n.seq))
		case string:
			if m := g.resolve(v); m != nil {
				out = append(out, m)
			}
		}
	}
	return out
}

// number reads a numeric literal: a JSON number, a numeric string, or an
// object with a value.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	case map[string]any:
		for k, e := range v {
			if lk := localName(k); lk == "value" {
				for _, x := range flatten(e) {
					if f, ok := number(x); ok {
						return f, true
					}
				}
			}
		}
	}
	return 0, false
}

func (n *node) number(props ...string) (float64, bool) {
	for _, p := range props {
		for _, v := range n.props[p] {
			if f, ok := number(v); ok {
				return f, true
			}
		}
	}
	return 0, false
}

// concept reads a concept value ("logic:Or", a full URI, {"@id": ...}, a
// CredentialAlignmentObject with targetNode or targetNodeName) as a lower
// case local name.
func concept(v any) string {
	switch v := v.(type) {
	case string:
		return localName(v)
	case map[string]any:
		if id := objectID(v); id != "" {
			return localName(id)
		}
		for k, e := range v {
			if localName(k) == "targetnodename" {
				return localName(text(e))
			}
		}
		return localName(text(v))
	}
	return ""
}
