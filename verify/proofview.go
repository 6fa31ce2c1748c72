package verify

import (
	"slices"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/internal/vocab"
)

// The context check expands a credential's proofs under the document's
// @context and types (see run.expand), for two reasons: an undefined term
// in a proof fails the context check, and checkSigned compares each proof
// as the checks read it with what it expands to. For the proofs this SDK
// and most issuers write — the contexts badge's builders write, the
// standard credential types, and a DataIntegrityProof of plain strings
// under its own standard terms — neither can find anything: every term is
// defined by a protected context and every value expands to itself. For
// those, standardProofs says so without running the Expansion algorithm
// (61 of a verification's 421 allocations went to it), and the signed view
// is compared on the document without its proofs, which the proof check
// has expanded anyway. Any other proof, context or type is expanded as
// before.
//
// That claim is tested, not assumed: TestStandardProofs and
// FuzzStandardProofs expand every shape standardProofs accepts with
// internal/jsonld and require that the expansion succeeds and that
// checkSigned's comparison of the proofs finds nothing.

// standardProofContexts are the @context lists the fast path knows (those
// badge's builders write), each with the credential types it defines. The
// contexts are embedded and pinned, the first one protects the terms a
// proof uses, and the types' scoped contexts do not reach into a proof.
var standardProofContexts = []struct {
	contexts, types []string
}{
	{[]string{badge.ContextVCv2, badge.ContextOB}, obTypes},
	{[]string{badge.ContextVCv2, badge.ContextOB, badge.ContextExtensions}, obTypes},
	{[]string{badge.ContextVCv2, badge.ContextCLR, badge.ContextOB}, append(slices.Clip(obTypes), "ClrCredential")},
}

var obTypes = []string{"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential", "EndorsementCredential"}

// standardProofPurposes are the proofPurpose values the fast path knows.
// Only assertionMethod, what a credential's proof states, expands to the
// IRI of its own name; the other relationships expand to "...Method" IRIs
// (authentication to security#authenticationMethod), which checkSigned
// reads differently, so those stay on the full path.
var standardProofPurposes = []string{"assertionMethod"}

// standardProofs reports whether every proof of doc is a standard one
// (see above) under standard contexts and types.
func standardProofs(doc map[string]any) bool {
	if _, ok := doc["@type"]; ok {
		return false
	}
	ctx, ok := doc["@context"].([]any)
	if !ok {
		return false
	}
	i := slices.IndexFunc(standardProofContexts, func(c struct{ contexts, types []string }) bool { return stringsEqual(ctx, c.contexts) })
	if i < 0 {
		return false
	}
	// VerifiableCredential among the types: its scoped context is what
	// defines the term "proof".
	known, vc := standardProofContexts[i].types, false
	switch t := doc["type"].(type) {
	case string:
		vc = t == "VerifiableCredential"
	case []any:
		for _, x := range t {
			s, ok := x.(string)
			if !ok || !slices.Contains(known, s) {
				return false
			}
			vc = vc || s == "VerifiableCredential"
		}
	}
	if !vc {
		return false
	}
	switch t := doc["proof"].(type) {
	case map[string]any:
		return standardProof(t)
	case []any:
		if len(t) == 0 {
			return false
		}
		for _, x := range t {
			if m, ok := x.(map[string]any); !ok || !standardProof(m) {
				return false
			}
		}
		return true
	}
	return false
}

// standardProof reports whether m is a DataIntegrityProof of plain strings
// under the standard terms.
func standardProof(m map[string]any) bool {
	if m["type"] != "DataIntegrityProof" {
		return false
	}
	for k, v := range m {
		s, ok := v.(string)
		if !ok {
			return false
		}
		switch k {
		case "type", "cryptosuite", "proofValue", "created":
		case "proofPurpose":
			if !slices.Contains(standardProofPurposes, s) {
				return false
			}
		case "verificationMethod":
			if !vocab.PlainIRI(s) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// stringsEqual reports whether the JSON array a holds exactly the strings
// of want, in order.
func stringsEqual(a []any, want []string) bool {
	if len(a) != len(want) {
		return false
	}
	for i, x := range a {
		if s, ok := x.(string); !ok || s != want[i] {
			return false
		}
	}
	return true
}
