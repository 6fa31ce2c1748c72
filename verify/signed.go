package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/microcred/microcred/internal/jsonld"
)

// ErrRespelled is wrapped (under ErrProof) by the proof check of a
// credential whose proof covers RDF (eddsa-rdfc-2022, ecdsa-rdfc-2019,
// Ed25519Signature2020, eddsa-2022) and in which a property the checks read
// is spelled other than by its standard term: an absolute-IRI or compact-IRI
// key, an alias or @vocab-built key from an appended context, a standard
// term redefined to another IRI, a value object where a plain value is
// expected, a compact-IRI value of an @id-typed property, a property moved
// into @nest, a property stated through @reverse (with the node moved into
// @included), or a second node object with the credential's id. Such a rewrite
// keeps the signature valid while the checks, which read JSON keys, would
// see something other than what the issuer signed (an expired credential
// without validUntil, a revoked one without credentialStatus). The
// credential must be re-issued, or presented as the issuer wrote it.
var ErrRespelled = errors.New("verify: a property the checks read is not spelled as the standard contexts spell it, so the JSON differs from what the proof covers")

// Namespaces of the vocabularies the standard contexts map terms to. The
// Open Badges and CLR vocabularies moved between context versions; every
// published location is listed.
const (
	nsCred   = "https://www.w3.org/2018/credentials#"
	nsSec    = "https://w3id.org/security#"
	nsStatus = "https://www.w3.org/ns/credentials/status#"
	nsSL2021 = "https://w3id.org/vc/status-list#"
	nsOB     = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
	nsOBBeta = "https://imsglobal.github.io/openbadges-specification/ob_v3p0.html#"
	nsCLR    = "https://purl.imsglobal.org/spec/vc/clr/vocab.html#"
	nsSchema = "https://schema.org/"
)

// ob lists the IRIs an Open Badges term has in the published contexts.
func ob(local string, extra ...string) []string {
	return append([]string{nsOB + local, nsOBBeta + local}, extra...)
}

// propKind says how the JSON view of a property is compared with the
// expanded (signed) data.
type propKind uint8

const (
	// kindLiteral: JSON strings, numbers or booleans, one per @value.
	kindLiteral propKind = iota
	// kindNode: JSON objects compared by shape, or strings naming a node
	// (@id) or typed as a literal (@value); either way the string the
	// checks read must be what is signed.
	kindNode
	// kindVocab: a term that the context turns into an IRI (proofPurpose).
	kindVocab
	// kindCount: credentials verified on their own (nested in a CLR);
	// only how many there are is compared here.
	kindCount
)

// prop is one property the checks read: its standard term, every IRI the
// standard contexts give that term, and how to compare its values.
type prop struct {
	term  string
	iris  []string
	kind  propKind
	shape *shape // for kindNode; nil compares id and type only
}

// shape lists the properties read from one kind of node.
type shape struct {
	name  string
	props []prop
}

// The shapes of what verify, badge's typed view and pathway read. A
// property missing here is not compared, so every property a check acts on
// belongs here (TestSignedShapesCoverStandardContexts pins the IRIs).
var (
	refShape = &shape{name: "node"}

	alignmentShape = &shape{name: "alignment", props: []prop{
		{term: "targetUrl", iris: []string{nsSchema + "targetUrl"}, kind: kindNode},
		{term: "targetCode", iris: ob("targetCode"), kind: kindLiteral},
		{term: "targetFramework", iris: []string{nsSchema + "targetFramework"}, kind: kindLiteral},
		{term: "targetName", iris: []string{nsSchema + "targetName"}, kind: kindLiteral},
		{term: "targetType", iris: ob("targetType"), kind: kindLiteral},
		{term: "targetDescription", iris: []string{nsSchema + "targetDescription"}, kind: kindLiteral},
	}}
	resultDescriptionShape = &shape{name: "resultDescription", props: []prop{
		{term: "resultType", iris: ob("resultType"), kind: kindLiteral},
	}}
	achievementShape = &shape{name: "achievement", props: []prop{
		{term: "name", iris: []string{nsSchema + "name", "http://schema.org/name"}, kind: kindLiteral},
		{term: "achievementType", iris: ob("achievementType"), kind: kindLiteral},
		{term: "creditsAvailable", iris: ob("creditsAvailable"), kind: kindLiteral},
		{term: "related", iris: ob("related"), kind: kindNode},
		{term: "alignment", iris: ob("alignment", nsOBBeta+"Alignment"), kind: kindNode, shape: alignmentShape},
		{term: "resultDescription", iris: ob("resultDescription"), kind: kindNode, shape: resultDescriptionShape},
	}}
	identityShape = &shape{name: "identifier", props: []prop{
		{term: "identityHash", iris: ob("identityHash"), kind: kindLiteral},
		{term: "identityType", iris: ob("identityType"), kind: kindLiteral},
		{term: "hashed", iris: ob("hashed"), kind: kindLiteral},
		{term: "salt", iris: ob("salt"), kind: kindLiteral},
	}}
	resultShape = &shape{name: "result", props: []prop{
		{term: "resultDescription", iris: ob("resultDescription"), kind: kindNode},
		{term: "value", iris: []string{nsSchema + "value"}, kind: kindLiteral},
		{term: "achievedLevel", iris: ob("achievedLevel"), kind: kindNode},
		{term: "status", iris: ob("status"), kind: kindLiteral},
	}}
	subjectShape = &shape{name: "credentialSubject", props: []prop{
		{term: "identifier", iris: ob("identifier", nsOBBeta+"Identifier", nsCLR+"identifier-1"), kind: kindNode, shape: identityShape},
		{term: "achievement", iris: ob("achievement", nsOB+"Achievement", nsOBBeta+"Achievement", nsOB+"achievement-0", nsCLR+"achievement"), kind: kindNode, shape: achievementShape},
		{term: "result", iris: ob("result", nsOBBeta+"Result"), kind: kindNode, shape: resultShape},
		{term: "creditsEarned", iris: ob("creditsEarned"), kind: kindLiteral},
		{term: "verifiableCredential", iris: []string{nsCLR + "verifiableCredential", nsCred + "verifiableCredential"}, kind: kindCount},
	}}
	statusShape = &shape{name: "credentialStatus", props: []prop{
		{term: "statusPurpose", iris: []string{nsStatus + "statusPurpose", nsSL2021 + "statusPurpose"}, kind: kindLiteral},
		{term: "statusListIndex", iris: []string{nsStatus + "statusListIndex", nsSL2021 + "statusListIndex"}, kind: kindLiteral},
		{term: "statusListCredential", iris: []string{nsStatus + "statusListCredential", nsSL2021 + "statusListCredential"}, kind: kindNode},
		{term: "statusSize", iris: []string{nsStatus + "statusSize"}, kind: kindLiteral},
	}}
	proofShape = &shape{name: "proof", props: []prop{
		{term: "cryptosuite", iris: []string{nsSec + "cryptosuite"}, kind: kindLiteral},
		{term: "verificationMethod", iris: []string{nsSec + "verificationMethod"}, kind: kindNode},
		{term: "proofPurpose", iris: []string{nsSec + "proofPurpose"}, kind: kindVocab},
		{term: "created", iris: []string{"http://purl.org/dc/terms/created"}, kind: kindLiteral},
		{term: "expires", iris: []string{nsSec + "expiration"}, kind: kindLiteral},
		{term: "challenge", iris: []string{nsSec + "challenge"}, kind: kindLiteral},
		{term: "domain", iris: []string{nsSec + "domain"}, kind: kindLiteral},
		{term: "nonce", iris: []string{nsSec + "nonce"}, kind: kindLiteral},
	}}
	evidenceShape = &shape{name: "evidence", props: []prop{
		{term: "name", iris: []string{nsSchema + "name", "http://schema.org/name"}, kind: kindLiteral},
		{term: "genre", iris: []string{nsSchema + "genre"}, kind: kindLiteral},
	}}
	credentialShape = &shape{name: "credential", props: []prop{
		{term: "issuer", iris: []string{nsCred + "issuer"}, kind: kindNode},
		{term: "validFrom", iris: []string{nsCred + "validFrom"}, kind: kindLiteral},
		{term: "validUntil", iris: []string{nsCred + "validUntil"}, kind: kindLiteral},
		{term: "issuanceDate", iris: []string{nsCred + "issuanceDate"}, kind: kindLiteral},
		{term: "expirationDate", iris: []string{nsCred + "expirationDate"}, kind: kindLiteral},
		{term: "awardedDate", iris: ob("awardedDate"), kind: kindLiteral},
		{term: "credentialStatus", iris: []string{nsCred + "credentialStatus"}, kind: kindNode, shape: statusShape},
		{term: "credentialSchema", iris: []string{nsCred + "credentialSchema"}, kind: kindNode},
		{term: "refreshService", iris: []string{nsCred + "refreshService"}, kind: kindNode},
		{term: "evidence", iris: []string{nsCred + "evidence"}, kind: kindNode, shape: evidenceShape},
		{term: "credentialSubject", iris: []string{nsCred + "credentialSubject"}, kind: kindNode, shape: subjectShape},
		{term: "proof", iris: []string{nsSec + "proof"}, kind: kindNode, shape: proofShape},
	}}
)

// Endorsements are read wherever they appear (endorsementsIn), so they are
// counted over the whole document rather than compared by shape; each one
// is then verified with its own proof.
var (
	endorsementIRIs          = ob("endorsement", nsOB+"endorsementJwt")
	notEndorsementScopedIRIs = []string{nsSec + "proof", nsCLR + "verifiableCredential", nsCred + "verifiableCredential"}
)

// typeIRIs are the standard type terms whose IRI is not the term under one
// of the vocabularies (AchievementCredential is OpenBadgeCredential), and
// the credential types a check accepts, which must be exactly these.
var typeIRIs = map[string][]string{
	"VerifiableCredential":  {nsCred + "VerifiableCredential"},
	"OpenBadgeCredential":   ob("OpenBadgeCredential"),
	"AchievementCredential": ob("OpenBadgeCredential", nsOB+"AchievementCredential"),
	"EndorsementCredential": ob("EndorsementCredential"),
	"ClrCredential":         {nsCLR + "ClrCredential"},
}

// typeIRISet holds every IRI in typeIRIs, so that typeMatches refuses one
// of them under another term with a lookup, not a walk over the map.
var typeIRISet = func() map[string]bool {
	m := map[string]bool{}
	for _, iris := range typeIRIs {
		for _, iri := range iris {
			m[iri] = true
		}
	}
	return m
}()

// place is the JSON path of a node the comparison is in, e.g.
// credentialSubject[0].achievement. It is written out only for a
// respelling: a comparison that finds none (every verification of an
// honest credential) builds no path strings.
type place struct {
	parent *place
	term   string
	index  int // -1 for a single value
}

func (p *place) String() string {
	var b strings.Builder
	p.write(&b)
	return b.String()
}

func (p *place) write(b *strings.Builder) {
	if p.parent != nil {
		p.parent.write(b)
		b.WriteByte('.')
	}
	b.WriteString(p.term)
	if p.index >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(p.index))
		b.WriteByte(']')
	}
}

// respelling is one place where the JSON view and the signed data differ.
type respelling struct {
	where string // JSON path of the node, e.g. credentialSubject[0].achievement
	term  string // the standard term
	what  string // what differs
}

func (r *respelling) Error() string {
	return fmt.Sprintf("%s: %s", r.where+"."+r.term, r.what)
}

// compareSigned checks that the JSON view of doc that the checks read
// agrees with expanded, doc's expansion (what an RDF proof covers), on every
// property in credentialShape and on the endorsements. It returns a
// *respelling for the first difference.
func compareSigned(doc map[string]any, expanded []any, maxEndorsements int) error {
	if len(expanded) != 1 {
		return &respelling{where: "credential", term: "@graph",
			what: fmt.Sprintf("the document expands to %d top-level nodes; the checks read exactly one", len(expanded))}
	}
	top, _ := expanded[0].(map[string]any)
	if top == nil {
		return &respelling{where: "credential", term: "@graph", what: "the document does not expand to a node"}
	}
	if err := compareNode(doc, top, credentialShape, &place{term: "credential", index: -1}); err != nil {
		return err
	}
	id, _ := top["@id"].(string)
	if err := detached(top, id, true); err != nil {
		return err
	}
	var found []any
	endorsementsIn(doc, &found, maxEndorsements)
	if j, e := len(found), countExpanded(top, maxEndorsements); j != e {
		return &respelling{where: "credential", term: "endorsement",
			what: fmt.Sprintf("the signed data holds %d endorsements (endorsement, endorsementJwt) but the JSON the checks read holds %d%s",
				e, j, spellingHint(doc, endorsementIRIs, nil))}
	}
	return nil
}

// detached refuses the ways JSON-LD states a node's properties away from
// the node object the checks read: @reverse of a property the checks read
// (with @included, it moves a credentialSubject or credentialStatus to a
// node nobody looks at), and another node object carrying the credential's
// own @id, anywhere (@included too): its properties would be the
// credential's, merged in by RDF but unseen by a reader of the JSON. It
// does not descend into proofs and nested credentials, which are graphs of
// their own. v is the top node's value or, below it, any value; id is the
// credential's @id ("" when it has none).
func detached(v any, id string, isTop bool) error {
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			if err := detached(x, id, false); err != nil {
				return err
			}
		}
	case map[string]any:
		if _, lit := t["@value"]; lit {
			return nil
		}
		if rev, ok := t["@reverse"].(map[string]any); ok {
			for k := range rev {
				if term := readTerm(k); term != "" {
					return &respelling{where: "credential", term: "@reverse",
						what: fmt.Sprintf("the document states %s through @reverse, away from the node it belongs to; the checks would not see it", term)}
				}
			}
		}
		if !isTop && id != "" && len(t) > 1 && t["@id"] == id {
			return &respelling{where: "credential", term: "id",
				what: fmt.Sprintf("another node object carries the credential's id %q, so its properties are the credential's but are not where the checks read them", id)}
		}
		for k, x := range t {
			if contains(notEndorsementScopedIRIs, k) {
				continue
			}
			if err := detached(x, id, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// readIRIs maps the IRI of every property the checks read to its term.
// Built once from the shapes and only read afterwards.
var readIRIs = func() map[string]string {
	m := map[string]string{}
	seen := map[*shape]bool{}
	var walk func(s *shape)
	walk = func(s *shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, p := range s.props {
			for _, iri := range p.iris {
				m[iri] = p.term
			}
			walk(p.shape)
		}
	}
	walk(credentialShape)
	for _, iri := range endorsementIRIs {
		m[iri] = "endorsement"
	}
	return m
}()

// readTerm returns the term of a property the checks read, by IRI, or "".
func readTerm(iri string) string { return readIRIs[iri] }

// countExpanded counts endorsement values in an expanded node tree,
// skipping what endorsementsIn skips (proofs, nested credentials) and
// stopping past limit, as endorsementsIn does.
func countExpanded(v any, limit int) int {
	n := 0
	var walk func(v any)
	walk = func(v any) {
		if n > limit {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, x := range t {
				walk(x)
			}
		case map[string]any:
			if _, lit := t["@value"]; lit {
				return
			}
			for k, x := range t {
				switch {
				case contains(endorsementIRIs, k):
					if a, ok := x.([]any); ok {
						n += len(a)
					}
				case contains(notEndorsementScopedIRIs, k):
				default:
					walk(x)
				}
			}
		}
	}
	walk(v)
	return n
}

// compareNode compares one JSON node with its expanded counterpart.
func compareNode(j, e map[string]any, s *shape, where *place) error {
	jid, _ := j["id"].(string)
	eid, _ := e["@id"].(string)
	if jid != eid {
		return &respelling{where: where.String(), term: "id", what: fmt.Sprintf("the JSON id is %q but the signed @id is %q%s", jid, eid, idHint(jid, eid))}
	}
	// One pass over the JSON keys finds both kinds of case variant; they
	// are reported in the order the checks have always run: type first.
	var typeVariant, propVariant, propTerm string
	for k := range j {
		if k == "id" || k == "type" {
			continue
		}
		if typeVariant == "" && strings.EqualFold(k, "type") {
			typeVariant = k
		}
		if s == nil || propVariant != "" {
			continue
		}
		for i := range s.props {
			if t := s.props[i].term; k != t && strings.EqualFold(k, t) {
				propVariant, propTerm = k, t
				break
			}
		}
	}
	if typeVariant != "" {
		return &respelling{where: where.String(), term: "type", what: fmt.Sprintf("written %q", typeVariant)}
	}
	if err := compareTypes(j, e, where); err != nil {
		return err
	}
	if s == nil {
		return nil
	}
	if propVariant != "" {
		return &respelling{where: where.String(), term: propTerm, what: fmt.Sprintf("written %q: JSON-LD terms are case-sensitive, so this is another property", propVariant)}
	}
	for i := range s.props {
		if err := compareProp(j, e, &s.props[i], where); err != nil {
			return err
		}
	}
	return nil
}

// compareTypes compares "type" with @type, index by index: expansion keeps
// their order. A case variant of "type" is compareNode's to find.
func compareTypes(j, e map[string]any, where *place) error {
	// The JSON types are read where they are, not gathered into a slice
	// first: every node the checks read is compared.
	var one [1]any
	var jt []any
	switch t := j["type"].(type) {
	case nil:
	case string:
		one[0] = t
		jt = one[:]
	case []any:
		for _, x := range t {
			if _, ok := x.(string); !ok {
				return &respelling{where: where.String(), term: "type", what: "a type is not a string"}
			}
		}
		jt = t
	default:
		return &respelling{where: where.String(), term: "type", what: "type is neither a string nor an array of strings"}
	}
	et, _ := e["@type"].([]any)
	if len(jt) != len(et) {
		return &respelling{where: where.String(), term: "type",
			what: fmt.Sprintf("the JSON names %d types but the signed data has %d (is a type written under \"@type\" or another alias?)", len(jt), len(et))}
	}
	for i, x := range jt {
		t := x.(string)
		iri, _ := et[i].(string)
		if !typeMatches(t, iri) {
			return &respelling{where: where.String(), term: "type", what: fmt.Sprintf("the JSON type %q is signed as %q", t, iri)}
		}
	}
	return nil
}

// typeMatches reports whether a type written term is signed as iri and
// is spelled the standard way. The credential types a check accepts must
// be their terms, mapped to their IRIs (a standard type written as its IRI
// is refused too, so that a check looking for the term never misses it). A
// type written as an IRI must be that IRI, which refuses compact IRIs.
// Other terms are what their context makes of them (Alignment is
// schema.org's AlignmentObject): no check acts on them beyond conformance.
func typeMatches(term, iri string) bool {
	if known, ok := typeIRIs[term]; ok {
		return contains(known, iri)
	}
	if typeIRISet[iri] {
		return false
	}
	if strings.Contains(term, ":") {
		return iri == term
	}
	return true
}

// compareProp compares one property of a node.
func compareProp(j, e map[string]any, p *prop, where *place) error {
	jv, inJSON := j[p.term]
	var ev []any
	n := 0
	for _, iri := range p.iris {
		if x, ok := e[iri]; ok {
			n++
			// Read in place: with two IRIs present this fails below, so
			// the expansion's own slice is never appended to.
			ev, _ = x.([]any)
		}
	}
	if n > 1 {
		return &respelling{where: where.String(), term: p.term, what: "the signed data holds it under two IRIs"}
	}
	if !inJSON || jv == nil {
		if len(ev) > 0 {
			return &respelling{where: where.String(), term: p.term, what: fmt.Sprintf("the signed data holds %s but the JSON has no %q%s",
				describeValues(ev), p.term, spellingHint(j, p.iris, ev))}
		}
		return nil
	}
	if len(ev) == 0 {
		return &respelling{where: where.String(), term: p.term,
			what: fmt.Sprintf("the JSON has %q but the signed data has no such property: a context redefines the term", p.term)}
	}
	js, ok := jv.([]any)
	if !ok {
		var one [1]any // a single value, read as a list of one without allocating
		one[0] = jv
		js = one[:]
	}
	if p.kind == kindCount {
		if len(js) != len(ev) {
			return &respelling{where: where.String(), term: p.term, what: fmt.Sprintf("the JSON holds %d values, the signed data %d", len(js), len(ev))}
		}
		return nil
	}
	if p.kind == kindNode {
		ev = unwrapGraphs(ev)
	}
	if len(js) != len(ev) {
		return &respelling{where: where.String(), term: p.term, what: fmt.Sprintf("the JSON holds %d values, the signed data %d", len(js), len(ev))}
	}
	for i := range js {
		em, _ := ev[i].(map[string]any)
		if em == nil {
			return &respelling{where: where.String(), term: p.term, what: "the signed value is not a node or a value"}
		}
		index := -1
		if isArray(jv) {
			index = i
		}
		if err := compareValue(js[i], em, p, where, index); err != nil {
			return err
		}
	}
	return nil
}

// compareValue compares one JSON value of p, in the node at where, with
// one expanded value; index is the value's place in a JSON array, or -1.
func compareValue(jv any, em map[string]any, p *prop, where *place, index int) error {
	bad := func(format string, args ...any) error {
		return &respelling{where: where.String(), term: p.term, what: fmt.Sprintf(format, args...)}
	}
	lit, isLit := em["@value"]
	switch p.kind {
	case kindLiteral:
		if !isLit {
			return bad("the signed value is a node, not a literal")
		}
		if !sameScalar(jv, lit) {
			return bad("the JSON reads %s but the signed value is %s", show(jv), show(lit))
		}
	case kindVocab:
		s, ok := jv.(string)
		id, _ := em["@id"].(string)
		if !ok || (id != s && id != nsSec+s) {
			return bad("the JSON reads %s but the signed value is %q", show(jv), id)
		}
	case kindNode:
		switch t := jv.(type) {
		case string:
			if isLit {
				if lit != t {
					return bad("the JSON reads %q but the signed value is %s", t, show(lit))
				}
				return nil
			}
			id, _ := em["@id"].(string)
			if id != t {
				return bad("the JSON reads %q but the signed IRI is %q%s", t, id, idHint(t, id))
			}
			if len(em) > 1 {
				return bad("the JSON reads %q but the signed node has more properties", t)
			}
		case map[string]any:
			if isLit {
				return bad("the JSON holds an object but the signed value is the literal %s (a value object?)", show(lit))
			}
			return compareNode(t, em, orRef(p.shape), &place{parent: where, term: p.term, index: index})
		default:
			return bad("the JSON holds %s where a node is expected", show(jv))
		}
	}
	return nil
}

func orRef(s *shape) *shape {
	if s == nil {
		return refShape
	}
	return s
}

// unwrapGraphs replaces each graph object ({"@graph": [node]}, as a
// @graph container such as proof expands) by its only node.
func unwrapGraphs(ev []any) []any {
	if !slices.ContainsFunc(ev, isGraph) {
		return ev // the usual case: nothing to unwrap, nothing to copy
	}
	out := make([]any, 0, len(ev))
	for _, x := range ev {
		if m, ok := x.(map[string]any); ok {
			if g, ok := m["@graph"].([]any); ok && len(g) == 1 {
				out = append(out, g[0])
				continue
			}
		}
		out = append(out, x)
	}
	return out
}

// isGraph reports whether x is a graph object unwrapGraphs unwraps.
func isGraph(x any) bool {
	m, ok := x.(map[string]any)
	if !ok {
		return false
	}
	g, ok := m["@graph"].([]any)
	return ok && len(g) == 1
}

func asList(v any) []any {
	if a, ok := v.([]any); ok {
		return a
	}
	return []any{v}
}

func isArray(v any) bool { _, ok := v.([]any); return ok }

// sameScalar reports whether a JSON scalar and an @value are the same value
// of the same JSON type: a check reading the JSON then reads what is signed.
func sameScalar(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case json.Number, float64:
		fx, okx := number(x)
		fy, oky := number(b)
		return okx && oky && fx == fy
	}
	return false
}

func number(v any) (float64, bool) {
	switch t := v.(type) {
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case float64:
		return t, true
	}
	return 0, false
}

func show(v any) string {
	switch t := v.(type) {
	case string:
		return strconv.Quote(t)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprint(v)
}

func describeValues(ev []any) string {
	if len(ev) == 1 {
		if m, ok := ev[0].(map[string]any); ok {
			if v, ok := m["@value"]; ok {
				return show(v)
			}
			if id, ok := m["@id"].(string); ok {
				return strconv.Quote(id)
			}
		}
		return "a value"
	}
	return strconv.Itoa(len(ev)) + " values"
}

// spellingHint names the keys of a JSON node that could be the respelled
// property: absolute or compact IRIs and keywords. An alias or a
// @vocab-built key from an appended context cannot be told from other
// terms without the context, so the hint then says so.
func spellingHint(j map[string]any, iris []string, ev []any) string {
	var keys []string
	for k := range j {
		if contains(iris, k) {
			return fmt.Sprintf(" (it is written %q, its IRI)", k)
		}
		if len(ev) == 1 && k != "@context" && holds(j[k], ev[0]) {
			return fmt.Sprintf(" (it is written %q)", k)
		}
		if k != "@context" && (strings.Contains(k, ":") || strings.HasPrefix(k, "@")) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		sort.Strings(keys)
		return fmt.Sprintf(" (it is written as one of %q)", keys)
	}
	return " (it is written through an alias, @vocab or @nest from a context)"
}

// holds reports whether a JSON value carries the expanded value e, as
// a plain value, a value object or a node reference.
func holds(jv any, e any) bool {
	em, _ := e.(map[string]any)
	if em == nil {
		return false
	}
	if m, ok := jv.(map[string]any); ok {
		if v, ok := m["@value"]; ok {
			jv = v
		} else if id, ok := m["id"]; ok {
			jv = id
		} else if id, ok := m["@id"]; ok {
			jv = id
		}
	}
	if v, ok := em["@value"]; ok {
		return sameScalar(jv, v)
	}
	id, _ := em["@id"].(string)
	return id != "" && jv == id
}

func idHint(jid, eid string) string {
	switch {
	case jid == "" && eid != "":
		return " (the id is written \"@id\" or through an alias)"
	case jid != "" && eid != "":
		return " (a compact IRI or a relative reference expanded by a context)"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// coversRDF reports whether a credential's proofs sign RDF rather than the
// JSON bytes: true when any proof is not a JCS suite. A JCS proof signs the
// JSON as written, so what the checks read is what is signed; an RDF proof
// signs only what JSON-LD expansion makes of it.
func coversRDF(proof any) bool {
	for _, pr := range asList(proof) {
		m, ok := pr.(map[string]any)
		if !ok {
			continue
		}
		cs, _ := m["cryptosuite"].(string)
		if !strings.HasSuffix(cs, "-jcs-2022") && !strings.HasSuffix(cs, "-jcs-2019") {
			return true
		}
	}
	return false
}

// checkSigned fails the proof check of a credential whose JSON the checks
// read differs from what its RDF proof covers (see ErrRespelled). It runs
// after checkProof and before every check that reads the credential, and
// reuses the expansion the context check made.
func (p *run) checkSigned() {
	if p.jwtRes != nil || !coversRDF(p.doc["proof"]) {
		// A VC-JWT and JCS proofs sign the bytes the checks read.
		return
	}
	doc, expanded := p.doc, p.expanded
	var err error
	if expanded == nil && p.unsecured != nil {
		// The proofs did not expand, or were standard ones whose
		// comparison could find nothing (standardProofs); the document
		// they sign did expand.
		doc, expanded = p.unsecuredDoc, p.unsecured.Nodes()
	}
	if expanded == nil {
		// The context check could not expand the whole document, yet an
		// RDF proof signs the document without its proofs, which may
		// expand (a second proof of an unknown type with undefined terms
		// is enough). Compare that instead, or refuse.
		doc = make(map[string]any, len(p.doc))
		for k, v := range p.doc {
			if k != "proof" {
				doc[k] = v
			}
		}
		expanded, err = jsonld.Expand(p.ctx, doc, &jsonld.Options{Loader: p.v.loader, Limits: p.v.jsonldLimits()})
		if err != nil {
			err = &respelling{where: "credential", term: "@context",
				what: "the document does not expand, so what the checks read cannot be compared with what the proof covers: " + err.Error()}
		}
	}
	if err == nil {
		err = compareSigned(doc, expanded, p.v.lim.MaxEndorsements)
	}
	if err == nil {
		return
	}
	p.proofOK = false
	msg := "the JSON is not what the proof covers: " + err.Error()
	full := fmt.Errorf("%w: %w: %w", ErrProof, ErrRespelled, err)
	c := p.r.Check(CheckProof)
	if c == nil {
		p.add(CheckProof, Fail, msg, map[string]any{"respelled": err.Error()}, full)
		return
	}
	if c.Detail == nil {
		c.Detail = map[string]any{}
	}
	c.Detail["respelled"] = err.Error()
	if c.Outcome != Fail {
		c.Message = msg
	} else {
		c.Message += "; and " + msg
		full = fmt.Errorf("%w; and %w", c.err, full)
	}
	c.Outcome, c.err = Fail, full
}
