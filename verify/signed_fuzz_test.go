package verify

import (
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/credential"
)

// respellTarget is a property the fuzz target may respell: where it is,
// its IRI, and what its value is (a date literal, an @id-typed string or
// an embedded node).
type respellTarget struct {
	path []string // JSON keys from the top
	iri  string
	kind string // "date", "id", "node"
}

var respellTargets = []respellTarget{
	{[]string{"validUntil"}, nsCred + "validUntil", "date"},
	{[]string{"validFrom"}, nsCred + "validFrom", "date"},
	{[]string{"issuer"}, nsCred + "issuer", "node"},
	{[]string{"issuer", "id"}, "@id", "id"},
	{[]string{"credentialSubject"}, nsCred + "credentialSubject", "node"},
	{[]string{"credentialSubject", "id"}, "@id", "id"},
	{[]string{"credentialSubject", "achievement"}, nsOB + "achievement", "node"},
	{[]string{"credentialSubject", "achievement", "id"}, "@id", "id"},
	{[]string{"endorsement"}, nsOB + "endorsement", "node"},
	{[]string{"type"}, "@type", "type"},
	{[]string{"id"}, "@id", "id"},
}

// respellings are the ways to write a property so that its RDF is kept:
// each returns false when it does not apply to t.
var respellings = []func(doc, node map[string]any, key string, t respellTarget) bool{
	// Its IRI (or the keyword) as the key.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		node[t.iri] = expandedForm(node[key], t)
		delete(node, key)
		return true
	},
	// An alias from an appended inline context.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		def := map[string]any{"@id": t.iri}
		switch t.kind {
		case "date":
			def["@type"] = xsdDateTime
		case "id":
			if t.iri != "@id" {
				def["@type"] = "@id"
			}
		}
		if strings.HasPrefix(t.iri, "@") {
			appendContext(doc, map[string]any{"zz" + key: t.iri})
		} else {
			appendContext(doc, map[string]any{"zz" + key: def})
		}
		node["zz"+key] = node[key]
		delete(node, key)
		return true
	},
	// A key built by an appended @vocab: the vocabulary takes the first
	// letter of the local name, so that the key (the rest) is no term.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		i := strings.LastIndexAny(t.iri, "#/")
		if t.iri[0] == '@' || i < 0 || i+2 >= len(t.iri) {
			return false
		}
		appendContext(doc, map[string]any{"@vocab": t.iri[:i+2]})
		node[t.iri[i+2:]] = expandedForm(node[key], t)
		delete(node, key)
		return true
	},
	// A compact IRI key through an appended prefix.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		i := strings.LastIndexAny(t.iri, "#/")
		if t.iri[0] == '@' || i < 0 {
			return false
		}
		appendContext(doc, map[string]any{"zp": t.iri[:i+1]})
		node["zp:"+t.iri[i+1:]] = expandedForm(node[key], t)
		delete(node, key)
		return true
	},
	// The value as a value object or node reference.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		node[key] = expandedForm(node[key], t)
		return true
	},
	// An @id value as a compact IRI through an appended prefix.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		s, ok := node[key].(string)
		i := strings.LastIndexAny(s, "#/:")
		if t.kind != "id" || !ok || i < 0 {
			return false
		}
		appendContext(doc, map[string]any{"zi": s[:i+1]})
		node[key] = "zi:" + s[i+1:]
		return true
	},
	// The standard term moved into @nest.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		nest, _ := node["@nest"].(map[string]any)
		if nest == nil {
			nest = map[string]any{}
			node["@nest"] = nest
		}
		nest[key] = node[key]
		delete(node, key)
		return true
	},
	// The standard term wrapped in @set.
	func(doc, node map[string]any, key string, t respellTarget) bool {
		if t.kind == "id" || t.kind == "type" {
			return false
		}
		var items []any
		for _, x := range asList(node[key]) {
			items = append(items, expandedForm(x, t))
		}
		node[key] = map[string]any{"@set": items}
		return true
	},
}

// expandedForm writes a value as expansion would, with the typing the
// term's definition would otherwise have added.
func expandedForm(v any, t respellTarget) any {
	switch t.kind {
	case "date":
		return dateValue(v)
	case "node":
		if s, ok := v.(string); ok {
			return map[string]any{"@id": s}
		}
	}
	return v
}

// fuzzCreds signs the fuzz target's credentials with a fixed key, so that
// a failing input reproduces.
func fuzzCreds(tb testing.TB) (out [][]byte) {
	k := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	did, _ := credential.DIDKey(k.Public())
	vm, _ := credential.DIDKeyVerificationMethod(k.Public())
	iss := testIssuer{k, did, vm}
	// An endorsement without a proof fails the endorsements check.
	unsigned := map[string]any{
		"@context":          []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":                "urn:uuid:6f0c8a6e-0000-4000-8000-000000000001",
		"type":              []any{"VerifiableCredential", "EndorsementCredential"},
		"issuer":            did,
		"validFrom":         "2010-01-01T00:00:00Z",
		"name":              "Endorsement",
		"credentialSubject": map[string]any{"id": did, "type": []any{"EndorsementSubject"}},
	}
	for _, mod := range []func(map[string]any){
		func(m map[string]any) { m["validUntil"] = "2020-01-01T00:00:00Z" },
		func(m map[string]any) { m["endorsement"] = []any{unsigned} },
		func(m map[string]any) { m["validFrom"] = "2030-01-01T00:00:00Z" },
		nil,
	} {
		out = append(out, signDI(tb, unsignedCredential(tb, did, mod), iss, credential.SignOptions{}))
	}
	return out
}

var verdictRank = map[Verdict]int{Failed: 0, VerifiedWithWarnings: 1, Verified: 2}

// FuzzRespell respells properties of signed credentials (an expired one,
// one with a failing endorsement, a not-yet-valid one and a valid one) by
// random choices of property and technique, and demands the verdict never
// improves on the original's.
func FuzzRespell(f *testing.F) {
	for i := range len(respellTargets) * len(respellings) * 2 {
		f.Add(byte(i%4), []byte{byte(i / len(respellings) % len(respellTargets)), byte(i % len(respellings))})
	}
	v, err := New(Config{Clock: fixedClock})
	if err != nil {
		f.Fatal(err)
	}
	creds := fuzzCreds(f)
	base := make([]*Report, len(creds))
	for i, c := range creds {
		if base[i], err = v.Verify(f.Context(), c); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, which byte, ops []byte) {
		if len(ops) > 8 {
			ops = ops[:8]
		}
		i := int(which) % len(creds)
		var doc map[string]any
		if err := json.Unmarshal(creds[i], &doc); err != nil {
			t.Fatal(err)
		}
		changed := false
		for j := 0; j+1 < len(ops); j += 2 {
			tg := respellTargets[int(ops[j])%len(respellTargets)]
			node := doc
			for _, k := range tg.path[:len(tg.path)-1] {
				next, _ := node[k].(map[string]any)
				if next == nil {
					if a, ok := node[k].([]any); ok && len(a) > 0 {
						next, _ = a[0].(map[string]any)
					}
				}
				node = next
				if node == nil {
					break
				}
			}
			key := tg.path[len(tg.path)-1]
			if node == nil || node[key] == nil {
				continue
			}
			if respellings[int(ops[j+1])%len(respellings)](doc, node, key, tg) {
				changed = true
			}
		}
		if !changed {
			return
		}
		raw, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		r, err := v.Verify(t.Context(), raw)
		if err != nil {
			t.Fatal(err)
		}
		if verdictRank[r.Verdict] > verdictRank[base[i].Verdict] {
			t.Fatalf("respelling improved the verdict from %s to %s:\n%s\n%s", base[i].Verdict, r.Verdict, raw, r)
		}
	})
}
