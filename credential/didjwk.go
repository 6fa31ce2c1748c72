package credential

import (
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// didJWKContext is the @context of generated did:jwk documents. The did:jwk
// spec example uses JsonWebKey2020 and the jws-2020 context; we write the
// current Controlled Identifiers type JsonWebKey and its context, and read
// both.
var didJWKContext = []string{"https://www.w3.org/ns/did/v1", "https://www.w3.org/ns/cid/v1"}

// DIDJWK returns the did:jwk DID of a public key (or a crypto.Signer's
// public key): "did:jwk:" + base64url of its minimal JWK (marshalPublicJWK),
// so the same key always gives the same DID.
func DIDJWK(pub crypto.PublicKey) (string, error) {
	b, err := marshalPublicJWK(pub)
	if err != nil {
		return "", err
	}
	return "did:jwk:" + base64.RawURLEncoding.EncodeToString(b), nil
}

// DIDJWKVerificationMethod returns "did:jwk:...#0", the only verification
// method of a did:jwk.
func DIDJWKVerificationMethod(pub crypto.PublicKey) (string, error) {
	did, err := DIDJWK(pub)
	if err != nil {
		return "", err
	}
	return did + "#0", nil
}

// resolveDIDJWK expands a did:jwk DID into its document, following the
// did:jwk spec: one method "#0"; "use":"sig" drops keyAgreement and
// "use":"enc" leaves only keyAgreement.
func resolveDIDJWK(did string) (*DIDDocument, error) {
	enc := strings.TrimPrefix(did, "did:jwk:")
	raw, err := decodeBase64URL(enc)
	if err != nil {
		return nil, fmt.Errorf("%w: did:jwk identifier is not unpadded base64url: %v", ErrInvalidDID, err)
	}
	if _, err := ParsePublicJWK(raw); err != nil {
		return nil, fmt.Errorf("did:jwk: %w", err)
	}
	var members struct {
		Use string `json:"use"`
	}
	_ = json.Unmarshal(raw, &members) // already parsed once; only "use" is read
	vmID := did + "#0"
	ref := []MethodRef{{ID: vmID}}
	doc := &DIDDocument{
		Context: didJWKContext,
		ID:      did,
		VerificationMethod: []DocumentMethod{{
			ID:           vmID,
			Type:         "JsonWebKey",
			Controller:   did,
			PublicKeyJWK: json.RawMessage(raw),
		}},
	}
	if members.Use != "enc" {
		doc.AssertionMethod, doc.Authentication = ref, ref
		doc.CapabilityInvocation, doc.CapabilityDelegation = ref, ref
	}
	if members.Use != "sig" {
		doc.KeyAgreement = ref
	}
	return doc, nil
}
