// Package vocab holds the few vocabulary strings that packages on both sides
// of the badge → credential seam need, so that each is spelled once in the
// module. Hosts read them as badge.ContextVCv2, badge.ContextOB and so on.
package vocab

// Base contexts of the two W3C Verifiable Credentials data model versions.
const (
	// ContextVCv2 is the W3C Verifiable Credentials 2.0 context. It defines
	// the Bitstring Status List terms too.
	ContextVCv2 = "https://www.w3.org/ns/credentials/v2"
	// ContextVCv1 is the VC Data Model 1.1 context of legacy credentials.
	ContextVCv1 = "https://www.w3.org/2018/credentials/v1"
)

// The 1EdTech contexts badge's builders write after ContextVCv2. Package
// credential recognizes them too, to canonicalize the proof configurations
// of those credentials without the JSON-LD processor.
const (
	// ContextOB is the Open Badges 3.0.3 context.
	ContextOB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	// ContextCLR is the CLR 2.0.1 context.
	ContextCLR = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
	// ContextExtensions is the Open Badges 3.0 extensions context.
	ContextExtensions = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
)

// PlainIRI reports whether s is a did: or https: IRI that JSON-LD IRI
// expansion under these contexts leaves as it is: no prefix they define
// ("did" and "https" are none) and only characters no IRI check refuses.
// Package credential writes a standard proof configuration's
// verificationMethod directly, and package verify reads a standard proof
// without expanding it, only for such an IRI.
func PlainIRI(s string) bool {
	var rest string
	switch {
	case len(s) > len("did:") && s[:len("did:")] == "did:":
		rest = s[len("did:"):]
	case len(s) > len("https://") && s[:len("https://")] == "https://":
		rest = s[len("https://"):]
	default:
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ':' || c == '.' || c == '-' || c == '_' || c == '#' || c == '/') {
			return false
		}
	}
	return true
}
