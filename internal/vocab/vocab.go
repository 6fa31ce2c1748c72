// Package vocab holds the few vocabulary strings that packages on both sides
// of the badge → credential seam need, so that each is spelled once in the
// module. Hosts read them as badge.ContextVCv2 and badge.ContextVCv1.
package vocab

// Base contexts of the two W3C Verifiable Credentials data model versions.
const (
	// ContextVCv2 is the W3C Verifiable Credentials 2.0 context. It defines
	// the Bitstring Status List terms too.
	ContextVCv2 = "https://www.w3.org/ns/credentials/v2"
	// ContextVCv1 is the VC Data Model 1.1 context of legacy credentials.
	ContextVCv1 = "https://www.w3.org/2018/credentials/v1"
)
