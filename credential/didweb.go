package credential

import (
	"crypto"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// did:web names an issuer by an https URL the issuer controls: a verifier
// fetches the DID document from that URL and reads the issuer's keys there.
// Unlike did:key, the keys can change without the issuer's identity
// changing, which is why institutions publish did:web.

// DIDWeb returns the did:web DID of an https URL, as the did:web method
// specification maps them: "https://example.edu" is "did:web:example.edu",
// "https://example.edu:8443/issuers/registrar" is
// "did:web:example.edu%3A8443:issuers:registrar". A trailing
// "/.well-known/did.json" or "/did.json" (the document's own URL) is
// accepted and dropped. Queries, fragments, user information and empty,
// "." or ".." path segments are refused.
func DIDWeb(httpsURL string) (string, error) {
	u, err := url.Parse(httpsURL)
	if err != nil {
		return "", fmt.Errorf("%w: %q is not a URL: %w", ErrInvalidDID, httpsURL, err)
	}
	switch {
	case u.Scheme != "https":
		return "", fmt.Errorf("%w: did:web needs an https URL, not %q", ErrInvalidDID, httpsURL)
	case u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return "", fmt.Errorf("%w: %q: did:web takes a host and path only", ErrInvalidDID, httpsURL)
	}
	host := u.Hostname()
	if strings.Contains(host, ":") {
		// An IPv6 literal cannot be written in a did:web: its colons
		// would read as path separators.
		return "", fmt.Errorf("%w: %q: did:web cannot name an IPv6 address", ErrInvalidDID, httpsURL)
	}
	did := "did:web:" + strings.ToLower(host)
	if port := u.Port(); port != "" {
		did += "%3A" + port
	}
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	path = strings.TrimSuffix(path, "/.well-known/did.json")
	path = strings.TrimSuffix(path, "/did.json")
	if path != "" {
		for _, seg := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
			s, err := url.PathUnescape(seg)
			if err != nil || s == "" || s == "." || s == ".." || strings.ContainsAny(s, ":/") {
				return "", fmt.Errorf("%w: %q: path segment %q cannot be part of a did:web", ErrInvalidDID, httpsURL, seg)
			}
			did += ":" + url.PathEscape(s)
		}
	}
	return did, nil
}

// DIDWebURL returns the https URL of a did:web DID's document: colons
// become path separators, "%3A" in the host is a port, and a DID of a bare
// host uses /.well-known/did.json. It is the inverse of DIDWeb.
func DIDWebURL(did string) (string, error) {
	rest, ok := strings.CutPrefix(did, "did:web:")
	if !ok || rest == "" || strings.ContainsAny(rest, "/?#") {
		return "", fmt.Errorf("%w: %q is not a did:web DID", ErrInvalidDID, did)
	}
	parts := strings.Split(rest, ":")
	host, err := url.PathUnescape(parts[0])
	if err != nil || host == "" || strings.ContainsAny(host, "/@\\") {
		return "", fmt.Errorf("%w: did:web host %q", ErrInvalidDID, parts[0])
	}
	if h, port, err := net.SplitHostPort(host); err == nil && (h == "" || port == "") {
		return "", fmt.Errorf("%w: did:web host %q", ErrInvalidDID, parts[0])
	}
	path := "/.well-known"
	if len(parts) > 1 {
		segs := make([]string, 0, len(parts)-1)
		for _, p := range parts[1:] {
			s, err := url.PathUnescape(p)
			if err != nil || s == "" || s == "." || s == ".." || strings.Contains(s, "/") {
				return "", fmt.Errorf("%w: did:web path segment %q", ErrInvalidDID, p)
			}
			segs = append(segs, url.PathEscape(s))
		}
		path = "/" + strings.Join(segs, "/")
	}
	return "https://" + host + path + "/did.json", nil
}

// WebKey is one key of a did:web issuer's document.
type WebKey struct {
	// Public is the public key: Ed25519, ECDSA P-256 or P-384 (published
	// as Multikey), or RSA (published as JsonWebKey).
	Public crypto.PublicKey
	// Fragment names the key in the document ("key-2026" gives
	// "did:web:…#key-2026"). Empty means the key's Multikey encoding, or
	// its JWK thumbprint for RSA: names that change when the key does.
	Fragment string
	// Retired marks a key the issuer has rotated away from. It stays in
	// the document under assertionMethod, so that credentials it signed
	// still verify, but no longer under authentication or
	// capabilityInvocation. Remove a compromised key instead, and revoke
	// what it signed: a retired key still vouches for any credential.
	Retired bool
}

// fragment returns the key's name in the document.
func (k WebKey) fragment() (string, error) {
	if k.Fragment != "" {
		if strings.ContainsAny(k.Fragment, "#/?: ") {
			return "", fmt.Errorf("%w: key fragment %q: use letters, digits, '-' and '_'", ErrInvalidOptions, k.Fragment)
		}
		return k.Fragment, nil
	}
	if t, err := KeyTypeOf(k.Public); err == nil && t == KeyRSA {
		return jwkThumbprint(k.Public)
	}
	return EncodeMultikey(k.Public)
}

// WebKeyID returns the verification method id of key k in the did:web
// document of did: the SignOptions.VerificationMethod (or JWT key id) to
// sign with that key.
func WebKeyID(did string, k WebKey) (string, error) {
	if _, err := DIDWebURL(did); err != nil {
		return "", err
	}
	f, err := k.fragment()
	if err != nil {
		return "", err
	}
	return did + "#" + f, nil
}

// DIDWebDocument builds the DID document an issuer publishes at
// DIDWebURL(did) for the given keys, current and retired. Every key is
// listed under verificationMethod and assertionMethod; current keys also
// under authentication and capabilityInvocation. Publish the document as
// JSON (json.Marshal); a verifier that reads it accepts proofs by any key it
// lists under assertionMethod.
//
// Rotating a key: add the new key, mark the old one Retired, publish, then
// sign with the new key. Credentials signed with the old key keep verifying
// for as long as it stays in the document.
func DIDWebDocument(did string, keys ...WebKey) (*DIDDocument, error) {
	if _, err := DIDWebURL(did); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: a did:web document needs at least one key", ErrInvalidOptions)
	}
	doc := &DIDDocument{
		Context: []any{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1", "https://w3id.org/security/jwk/v1"},
		ID:      did,
	}
	seen := make(map[string]bool, len(keys))
	for i, k := range keys {
		if k.Public == nil {
			return nil, fmt.Errorf("%w: key %d has no public key", ErrInvalidOptions, i)
		}
		id, err := WebKeyID(did, k)
		if err != nil {
			return nil, err
		}
		if seen[id] {
			return nil, fmt.Errorf("%w: two keys are named %q", ErrInvalidOptions, id)
		}
		seen[id] = true
		m := DocumentMethod{ID: id, Controller: did}
		if t, err := KeyTypeOf(k.Public); err != nil {
			return nil, err
		} else if t == KeyRSA {
			m.Type = "JsonWebKey"
			if m.PublicKeyJWK, err = marshalPublicJWK(k.Public); err != nil {
				return nil, err
			}
		} else {
			m.Type = "Multikey"
			if m.PublicKeyMultibase, err = EncodeMultikey(k.Public); err != nil {
				return nil, err
			}
		}
		doc.VerificationMethod = append(doc.VerificationMethod, m)
		doc.AssertionMethod = append(doc.AssertionMethod, MethodRef{ID: id})
		if !k.Retired {
			doc.Authentication = append(doc.Authentication, MethodRef{ID: id})
			doc.CapabilityInvocation = append(doc.CapabilityInvocation, MethodRef{ID: id})
		}
	}
	return doc, nil
}
