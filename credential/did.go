package credential

import (
	"context"
	"fmt"
	"strings"
)

// MaxDIDLength bounds a DID URL accepted by the resolvers here. did:jwk with
// a 4096-bit RSA key is under 1 KiB.
const MaxDIDLength = 8 << 10

// DIDResolver resolves a DID (without fragment) to its document.
// Implementations must be safe for concurrent use.
type DIDResolver interface {
	ResolveDID(ctx context.Context, did string) (*DIDDocument, error)
}

// OfflineResolver resolves did:key and did:jwk, which carry their key in the
// identifier and need no I/O. The zero value is ready to use and safe for
// concurrent use. Other DID methods, and ids that are not DIDs, give
// ErrUnsupported.
type OfflineResolver struct{}

var (
	_ Resolver    = OfflineResolver{}
	_ DIDResolver = OfflineResolver{}
)

// ResolveDID returns the DID document of a did:key or did:jwk DID.
func (OfflineResolver) ResolveDID(ctx context.Context, did string) (*DIDDocument, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	did, fragment, err := splitDIDURL(did)
	if err != nil {
		return nil, err
	}
	if fragment != "" {
		return nil, fmt.Errorf("%w: ResolveDID takes a DID, not a DID URL with fragment %q", ErrInvalidDID, fragment)
	}
	switch method(did) {
	case "key":
		return resolveDIDKey(did)
	case "jwk":
		return resolveDIDJWK(did)
	}
	return nil, fmt.Errorf("%w: %q (offline resolution handles did:key and did:jwk)", errUnsupportedDIDMethod, "did:"+method(did))
}

// ResolveVerificationMethod resolves a did:key or did:jwk DID URL to its
// verification method. The URL must have a fragment: a bare DID dereferences
// to the DID document, not to a verification method (Controlled Identifiers
// 1.0 § 3.3, Retrieve Verification Method), so it gives
// ErrVerificationMethod even when the document has a single key.
// Resolution alone says nothing about purpose; callers that need
// assertionMethod use ResolveDID and DIDDocument.VerificationMethodFor.
func (r OfflineResolver) ResolveVerificationMethod(ctx context.Context, id string) (*VerificationMethod, error) {
	did, fragment, err := splitDIDURL(id)
	if err != nil {
		return nil, err
	}
	doc, err := r.ResolveDID(ctx, did)
	if err != nil {
		return nil, err
	}
	if fragment == "" {
		return nil, fmt.Errorf("%w: %q is a DID, which names a document, not a key; add the key's fragment", errVerificationMethodNotFound, did)
	}
	for i := range doc.VerificationMethod {
		if doc.VerificationMethod[i].ID == did+"#"+fragment {
			return doc.VerificationMethod[i].Resolve()
		}
	}
	return nil, fmt.Errorf("%w: %q", errVerificationMethodNotFound, id)
}

// splitDIDURL checks the DID syntax of RFC-style "did:method:id" and splits
// off a fragment. Paths and queries are refused: neither did:key nor did:jwk
// defines them, and silently ignoring them would let two URLs name one key.
func splitDIDURL(s string) (did, fragment string, err error) {
	if len(s) > MaxDIDLength {
		return "", "", fmt.Errorf("%w: %d bytes, limit %d", ErrInvalidDID, len(s), MaxDIDLength)
	}
	did, fragment, hasFragment := strings.Cut(s, "#")
	if hasFragment && fragment == "" {
		return "", "", fmt.Errorf("%w: %.80q ends in an empty fragment", ErrInvalidDID, s)
	}
	if !strings.HasPrefix(did, "did:") {
		// Not a DID at all (an https key URL, say): unsupported rather than
		// invalid, so that a host chaining resolvers moves on to the next.
		return "", "", fmt.Errorf("%w: %.80q is not a DID", errUnsupportedDIDMethod, s)
	}
	m, id, ok := strings.Cut(did[len("did:"):], ":")
	if !ok || m == "" || id == "" {
		return "", "", fmt.Errorf("%w: %.80q is not did:method:identifier", ErrInvalidDID, s)
	}
	for _, c := range m {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return "", "", fmt.Errorf("%w: method name %.40q must be lowercase letters and digits", ErrInvalidDID, m)
		}
	}
	if strings.ContainsAny(id, "/?") {
		return "", "", fmt.Errorf("%w: %.80q has a path or query, which this resolver does not support", ErrInvalidDID, s)
	}
	return did, fragment, nil
}

// method returns the method name of a DID already checked by splitDIDURL.
func method(did string) string {
	m, _, _ := strings.Cut(strings.TrimPrefix(did, "did:"), ":")
	return m
}
