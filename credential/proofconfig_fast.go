package credential

import (
	"unicode/utf8"

	"github.com/microcred/microcred/internal/rdfc"
	"github.com/microcred/microcred/internal/vocab"
)

// Every RDFC signature and verification canonicalizes its proof
// configuration, and nearly every one is the same shape: a
// DataIntegrityProof of a few strings under the contexts badge's builders
// write. Its canonical form is then one blank node with one statement per
// member, whose predicates and datatypes the (protected, embedded) VC 2.0
// context fixes, so standardProofConfig writes those lines directly
// instead of running JSON-LD expansion and RDFC-1.0 (3 µs, about 4% of a
// verification). Anything it does not recognize goes to the general path,
// which also reports every error.
//
// That the bytes are the general path's is tested, not assumed:
// TestStandardProofConfig compares them with jsonld.Canonicalize over every
// accepted context list, member subset and purpose and a table of awkward
// values, and FuzzProofConfigShortcut over arbitrary configurations.

// The N-Quads vocabulary of a DataIntegrityProof under the VC 2.0 context.
const (
	pcfgSec         = "https://w3id.org/security#"
	pcfgXSDDateTime = "http://www.w3.org/2001/XMLSchema#dateTime"
)

// standardConfigContext reports whether ctx, a configuration's @context,
// is one the shortcut knows: VC 2.0 alone or followed by the contexts
// badge's builders write. Every one is embedded, and VC 2.0, first,
// protects every term a proof uses.
func standardConfigContext(ctx any) bool {
	switch c := ctx.(type) {
	case string:
		return c == vocab.ContextVCv2
	case []any:
		switch len(c) {
		case 1:
			return c[0] == vocab.ContextVCv2
		case 2:
			return c[0] == vocab.ContextVCv2 && c[1] == vocab.ContextOB
		case 3:
			return c[0] == vocab.ContextVCv2 &&
				(c[1] == vocab.ContextOB && c[2] == vocab.ContextExtensions ||
					c[1] == vocab.ContextCLR && c[2] == vocab.ContextOB)
		}
	}
	return false
}

// purposeIRI is what the VC 2.0 context expands a proofPurpose to (its
// values are @vocab-typed and scoped to the relationship terms): only
// assertionMethod keeps its name; the others gain a "Method" suffix.
func purposeIRI(purpose string) string {
	switch purpose {
	case "assertionMethod":
		return pcfgSec + "assertionMethod"
	case "authentication":
		return pcfgSec + "authenticationMethod"
	case "capabilityInvocation":
		return pcfgSec + "capabilityInvocationMethod"
	case "capabilityDelegation":
		return pcfgSec + "capabilityDelegationMethod"
	case "keyAgreement":
		return pcfgSec + "keyAgreementMethod"
	}
	return ""
}

// standardProofConfig returns the canonical N-Quads of the proof
// configuration made of proof's members other than proofValue and
// @context, under the @context docContext, when it is a standard one (see
// above): a verifier passes the proof itself, which spares it building the
// configuration, a signer the configuration and its @context. ok is false
// for any other, and for a maxDepth under which the general path would
// refuse it. The caller must also know that the embedded contexts resolve
// to themselves (ContextLoader.embeddedAsIs).
func standardProofConfig(proof map[string]any, docContext any, maxDepth int) (nquads []byte, ok bool) {
	if maxDepth > 0 && maxDepth < 2 { // the object, then the @context list
		return nil, false
	}
	if !standardConfigContext(docContext) {
		return nil, false
	}
	var created, cryptosuite, expires, purpose, method string
	var hasCreated, hasSuite, hasExpires, hasType bool
	for k, v := range proof {
		if k == "proofValue" || k == "@context" {
			continue // not part of the configuration, or replaced by docContext
		}
		s, isString := v.(string)
		if !isString || !utf8.ValidString(s) {
			return nil, false
		}
		switch k {
		case "type":
			if s != ProofTypeDataIntegrity {
				return nil, false
			}
			hasType = true
		case "created":
			created, hasCreated = s, true
		case "cryptosuite":
			cryptosuite, hasSuite = s, true
		case "expires":
			expires, hasExpires = s, true
		case "proofPurpose":
			if purpose = purposeIRI(s); purpose == "" {
				return nil, false
			}
		case "verificationMethod":
			if !vocab.PlainIRI(s) {
				return nil, false
			}
			method = s
		default:
			return nil, false
		}
	}
	if !hasType {
		return nil, false
	}
	// The lines in RDFC-1.0's order, that of their code points: the
	// subject is the same and each predicate differs from the others
	// before either ends, so the predicates alone order them.
	type statement struct {
		predicate string
		object    rdfc.Term
	}
	var lines [6]statement
	n := 0
	add := func(p string, o rdfc.Term) { lines[n] = statement{p, o}; n++ }
	if hasCreated {
		add("http://purl.org/dc/terms/created", rdfc.Term{Kind: rdfc.Literal, Value: created, Datatype: pcfgXSDDateTime})
	}
	add("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", rdfc.Term{Kind: rdfc.IRI, Value: pcfgSec + "DataIntegrityProof"})
	if hasSuite {
		add(pcfgSec+"cryptosuite", rdfc.Term{Kind: rdfc.Literal, Value: cryptosuite, Datatype: pcfgSec + "cryptosuiteString"})
	}
	if hasExpires {
		add(pcfgSec+"expiration", rdfc.Term{Kind: rdfc.Literal, Value: expires, Datatype: pcfgXSDDateTime})
	}
	if purpose != "" {
		add(pcfgSec+"proofPurpose", rdfc.Term{Kind: rdfc.IRI, Value: purpose})
	}
	if method != "" {
		add(pcfgSec+"verificationMethod", rdfc.Term{Kind: rdfc.IRI, Value: method})
	}
	// One allocation of the size the lines have unless a literal needs
	// escaping, which only lengthens it.
	size := 0
	for _, l := range lines[:n] {
		size += len("_:c14n0 <> ") + len(l.predicate) + len(" .\n") + len(`""`) + len(l.object.Value)
		if l.object.Datatype != "" {
			size += len("^^<>") + len(l.object.Datatype)
		}
	}
	out := make([]byte, 0, size)
	for _, l := range lines[:n] {
		out = append(out, "_:c14n0 <"...)
		out = append(out, l.predicate...)
		out = append(out, "> "...)
		out = rdfc.AppendTerm(out, l.object)
		out = append(out, " .\n"...)
	}
	return out, true
}
