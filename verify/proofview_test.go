package verify

import (
	"context"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/jsonld"
)

// checkStandardProofs requires what the fast path of run.expand assumes
// of a document standardProofs accepts: expanding its proofs under its
// @context and types (what run.expand would otherwise do) succeeds, so the
// context check passes, and checkSigned's comparison of those proofs with
// that expansion finds nothing, so comparing the document without them
// loses nothing.
func checkStandardProofs(t *testing.T, v *Verifier, doc map[string]any) {
	t.Helper()
	part := map[string]any{"@context": doc["@context"], "type": doc["type"], "proof": doc["proof"]}
	exp, err := jsonld.ExpandDocument(context.Background(), part, &jsonld.Options{Loader: v.loader, Limits: v.jsonldLimits()})
	if err != nil {
		t.Fatalf("standardProofs accepts proofs whose expansion fails: %v\n%v", err, doc)
	}
	if err := compareSigned(part, exp.Nodes(), v.lim.MaxEndorsements); err != nil {
		t.Fatalf("standardProofs accepts proofs the signed-view comparison refuses: %v\n%v", err, doc)
	}
}

func standardProofDoc(ctx []string, types any, proof any) map[string]any {
	c := make([]any, len(ctx))
	for i, s := range ctx {
		c[i] = s
	}
	return map[string]any{"@context": c, "type": types, "proof": proof}
}

func fullStandardProof() map[string]any {
	return map[string]any{
		"type":               "DataIntegrityProof",
		"cryptosuite":        "eddsa-rdfc-2022",
		"created":            "2025-12-31T23:00:00Z",
		"verificationMethod": "did:key:z6Mkes6vHeBon2qu1kXbvsVfx3LPDzZwDYEX7MCzdMprnKof#z6Mkes6vHeBon2qu1kXbvsVfx3LPDzZwDYEX7MCzdMprnKof",
		"proofPurpose":       "assertionMethod",
		"proofValue":         "z4LjH9fiEAL81rRcyaC7PknjkTcaJhwWozvwjgso65CycUfBiuKMLuERobgrmJFC3sqntJZEjn4zWczmhWSgTg5Rm",
	}
}

// TestStandardProofs: every shape standardProofs accepts expands and
// compares cleanly (checkStandardProofs), on every context list, type and
// proof shape it knows; the shapes it refuses are expanded as before.
func TestStandardProofs(t *testing.T) {
	v := offlineVerifier(t, Config{})
	with := func(k string, val any) map[string]any {
		p := fullStandardProof()
		if val == nil {
			delete(p, k)
		} else {
			p[k] = val
		}
		return p
	}
	proofs := []struct {
		why   string
		proof any
	}{
		{"every standard term", fullStandardProof()},
		{"only the type", map[string]any{"type": "DataIntegrityProof"}},
		{"no created", with("created", nil)},
		{"a did:web key", with("verificationMethod", "did:web:example.com:issuers:1#key-1")},
		{"an https key", with("verificationMethod", "https://example.com/keys/1#key")},
		{"a created that is no date", with("created", "yesterday")},
		{"empty strings", with("cryptosuite", "")},
		{"a proofValue with any characters", with("proofValue", "ü \"quoted\" <a> \\ \t")},
		{"two proofs", []any{fullStandardProof(), with("cryptosuite", "ecdsa-rdfc-2019")}},
	}
	n := 0
	for _, c := range standardProofContexts {
		// VerifiableCredential alone, as a string and in an array, each
		// type beside it (in either order), and all of them.
		types := []any{"VerifiableCredential", []any{"VerifiableCredential"}}
		all := make([]any, 0, len(c.types))
		for _, typ := range c.types {
			types = append(types, []any{"VerifiableCredential", typ}, []any{typ, "VerifiableCredential"})
			all = append(all, typ)
		}
		types = append(types, all)
		for _, typ := range types {
			for _, p := range proofs {
				doc := standardProofDoc(c.contexts, typ, p.proof)
				if !standardProofs(doc) {
					t.Errorf("%s, %v, %v: not taken as standard", p.why, c.contexts, typ)
					continue
				}
				checkStandardProofs(t, v, doc)
				n++
			}
		}
	}
	t.Logf("%d standard shapes expanded and compared", n)

	std := badge.ContextVCv2
	refused := []struct {
		why string
		doc map[string]any
	}{
		{"a term outside the standard ones", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("expires", "2030-01-01T00:00:00Z"))},
		{"an undefined term", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("proofPurposes", "assertionMethod"))},
		{"another relationship, which expands to another name", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("proofPurpose", "authentication"))},
		{"a proofPurpose that is no relationship", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("proofPurpose", "sec:assertionMethod"))},
		{"a compact-IRI key", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("verificationMethod", "sec:key"))},
		{"a relative key", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("verificationMethod", "#key-1"))},
		{"a key with a query", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("verificationMethod", "https://example.com/k?x=1"))},
		{"a value object", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("created", map[string]any{"@value": "2025-01-01T00:00:00Z"}))},
		{"a type array", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("type", []any{"DataIntegrityProof"}))},
		{"another proof type", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", with("type", "Ed25519Signature2020"))},
		{"no proof", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", nil)},
		{"an empty proof list", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", []any{})},
		{"one standard proof and one not", standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", []any{fullStandardProof(), with("nonce", "1")})},
		{"a context appended", standardProofDoc([]string{std, badge.ContextOB, "https://example.com/ctx"}, "VerifiableCredential", fullStandardProof())},
		{"the contexts in another order", standardProofDoc([]string{badge.ContextOB, std}, "VerifiableCredential", fullStandardProof())},
		{"a single context string", map[string]any{"@context": std, "type": "VerifiableCredential", "proof": fullStandardProof()}},
		{"another credential type", standardProofDoc(standardProofContexts[0].contexts, []any{"VerifiableCredential", "ExampleCredential"}, fullStandardProof())},
		{"no VerifiableCredential, whose scoped context defines proof", standardProofDoc(standardProofContexts[0].contexts, "OpenBadgeCredential", fullStandardProof())},
		{"no type", standardProofDoc(standardProofContexts[0].contexts, nil, fullStandardProof())},
		{"a type its contexts do not define", standardProofDoc(standardProofContexts[0].contexts, []any{"VerifiableCredential", "ClrCredential"}, fullStandardProof())},
		{"@type beside type", func() map[string]any {
			d := standardProofDoc(standardProofContexts[0].contexts, "VerifiableCredential", fullStandardProof())
			d["@type"] = "VerifiableCredential"
			return d
		}()},
	}
	for _, c := range refused {
		if standardProofs(c.doc) {
			t.Errorf("%s: taken as standard", c.why)
		}
	}
}

// FuzzStandardProofs: whatever the values, a document standardProofs
// accepts expands and compares cleanly.
func FuzzStandardProofs(f *testing.F) {
	f.Add(uint8(0), uint8(3), uint8(0), "assertionMethod", "did:key:z6Mk#z6Mk", "2025-12-31T23:00:00Z", "eddsa-rdfc-2022", "z4Lj", false)
	f.Add(uint8(2), uint8(31), uint8(5), "authentication", "https://example.com/k#1", "", "", "\x00", true)
	f.Add(uint8(1), uint8(1), uint8(31), "keyAgreement", "did:a:b:c:#", "not a date", "ü", "\"", false)
	v := offlineVerifier(f, Config{})
	f.Fuzz(func(t *testing.T, ctxIdx, typeMask, drop uint8, purpose, vm, created, suite, value string, two bool) {
		for _, s := range []string{purpose, vm, created, suite, value} {
			if !utf8.ValidString(s) {
				return // not a string of a document readDocument accepted
			}
		}
		c := standardProofContexts[int(ctxIdx)%len(standardProofContexts)]
		var types []any
		for i, typ := range append(slices.Clip(c.types), "ClrCredential", "ExampleCredential") {
			if typeMask&(1<<i) != 0 {
				types = append(types, typ)
			}
		}
		proof := map[string]any{"type": "DataIntegrityProof", "proofPurpose": purpose, "verificationMethod": vm,
			"created": created, "cryptosuite": suite, "proofValue": value}
		for i, k := range []string{"proofPurpose", "verificationMethod", "created", "cryptosuite", "proofValue"} {
			if drop&(1<<i) != 0 {
				delete(proof, k) // any subset of the standard terms
			}
		}
		var proofs any = proof
		if two {
			proofs = []any{proof, map[string]any{"type": "DataIntegrityProof", "proofValue": suite}}
		}
		doc := standardProofDoc(c.contexts, types, proofs)
		if standardProofs(doc) {
			checkStandardProofs(t, v, doc)
		}
	})
}
