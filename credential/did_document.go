package credential

import (
	"bytes"
	"crypto"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/microcred/microcred/internal/multibase"
	"github.com/microcred/microcred/internal/strictjson"
)

// Relationship names a verification relationship of a controller document:
// what a verification method is authorized to do.
type Relationship string

const (
	AssertionMethod      Relationship = "assertionMethod"      // issuing credentials
	Authentication       Relationship = "authentication"       // proving control, e.g. presentations
	KeyAgreement         Relationship = "keyAgreement"         // key agreement (encryption): not a proof purpose
	CapabilityInvocation Relationship = "capabilityInvocation" // invoking a capability (ZCAP), not used by credentials
	CapabilityDelegation Relationship = "capabilityDelegation" // delegating a capability (ZCAP), not used by credentials
)

// MaxDIDDocumentBytes is the largest DID or controller document, in bytes,
// that ParseDIDDocument accepts.
const MaxDIDDocumentBytes = 256 << 10

// DIDDocument is a DID document or, more generally, a controller document
// (W3C Controlled Identifiers 1.0). It is a view for reading keys: members
// it does not model are ignored when parsing and absent when marshalling.
// Each field is the member of the same name in the specification; the five
// relationship lists say what each method may do (see [Relationship] and
// [DIDDocument.VerificationMethodFor]).
type DIDDocument struct {
	Context              any               `json:"@context,omitempty"`
	ID                   string            `json:"id"`
	Controller           StringOrList      `json:"controller,omitempty"`
	AlsoKnownAs          []string          `json:"alsoKnownAs,omitempty"`
	VerificationMethod   []DocumentMethod  `json:"verificationMethod,omitempty"`
	Authentication       []MethodRef       `json:"authentication,omitempty"`
	AssertionMethod      []MethodRef       `json:"assertionMethod,omitempty"`
	KeyAgreement         []MethodRef       `json:"keyAgreement,omitempty"`
	CapabilityInvocation []MethodRef       `json:"capabilityInvocation,omitempty"`
	CapabilityDelegation []MethodRef       `json:"capabilityDelegation,omitempty"`
	Service              []json.RawMessage `json:"service,omitempty"`
}

// DocumentMethod is a verification method as a document publishes it.
// PublicKeyBase58 exists only to read legacy Ed25519VerificationKey2018
// documents; this package never writes it.
type DocumentMethod struct {
	ID                 string          `json:"id"`
	Type               string          `json:"type"`
	Controller         string          `json:"controller"`
	PublicKeyMultibase string          `json:"publicKeyMultibase,omitempty"`
	PublicKeyJWK       json.RawMessage `json:"publicKeyJwk,omitempty"`
	PublicKeyBase58    string          `json:"publicKeyBase58,omitempty"`

	// decoded is PublicKeyMultibase's key when whoever built the method
	// has decoded it already (a did:key document: its identifier is the
	// key), so Resolve does not decode it again; it is used only while
	// decodedFrom still equals PublicKeyMultibase.
	decoded     crypto.PublicKey
	decodedFrom string
}

// MethodRef is an entry of a verification relationship: a reference to a
// verification method by id, or a method embedded in place.
type MethodRef struct {
	ID       string          // the referenced method's id; for an embedded method, its own id
	Embedded *DocumentMethod // the method itself when embedded in place, else nil
}

// MarshalJSON writes a reference as a string and an embedded method as an
// object.
func (r MethodRef) MarshalJSON() ([]byte, error) {
	if r.Embedded != nil {
		return json.Marshal(r.Embedded)
	}
	return json.Marshal(r.ID)
}

// UnmarshalJSON accepts a string reference or an embedded method object.
func (r *MethodRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*r = MethodRef{}
		return json.Unmarshal(b, &r.ID)
	}
	var m DocumentMethod
	if err := strictjson.Unmarshal(b, &m, strictjson.Limits{MaxBytes: MaxDIDDocumentBytes}); err != nil {
		return fmt.Errorf("verification relationship entry: %w", err)
	}
	*r = MethodRef{ID: m.ID, Embedded: &m}
	return nil
}

// StringOrList is a JSON member that may be a string or a list of strings.
type StringOrList []string

// MarshalJSON writes a single value as a string.
func (s StringOrList) MarshalJSON() ([]byte, error) {
	if len(s) == 1 {
		return json.Marshal(s[0])
	}
	return json.Marshal([]string(s))
}

// UnmarshalJSON accepts a string or an array of strings.
func (s *StringOrList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*s = StringOrList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

// ParseDIDDocument parses a DID or controller document, refusing documents
// over MaxDIDDocumentBytes and documents without an id.
func ParseDIDDocument(b []byte) (*DIDDocument, error) {
	if len(b) > MaxDIDDocumentBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", errInvalidDIDDocument, len(b), MaxDIDDocumentBytes)
	}
	// Read strictly and case-sensitively: encoding/json alone would take an
	// "AssertionMethod" member for assertionMethod, authorizing a key that
	// a case-sensitive reader of the same document (any other DID
	// resolver) would not, and of two "verificationMethod" keep the last.
	var d DIDDocument
	if err := strictjson.Unmarshal(b, &d, strictjson.Limits{MaxBytes: MaxDIDDocumentBytes}); err != nil {
		return nil, fmt.Errorf("%w: %w", errInvalidDIDDocument, err)
	}
	if d.ID == "" {
		return nil, fmt.Errorf("%w: no id", errInvalidDIDDocument)
	}
	return &d, nil
}

// Relationship returns the entries listed under rel.
func (d *DIDDocument) Relationship(rel Relationship) []MethodRef {
	switch rel {
	case AssertionMethod:
		return d.AssertionMethod
	case Authentication:
		return d.Authentication
	case KeyAgreement:
		return d.KeyAgreement
	case CapabilityInvocation:
		return d.CapabilityInvocation
	case CapabilityDelegation:
		return d.CapabilityDelegation
	}
	return nil
}

// VerificationMethodFor finds the verification method id (absolute, or
// relative like "#key-1") and checks that it is listed under rel. It
// returns the method with its public key parsed. Its controller must be
// the document's id or one of its controllers, so a document cannot vouch
// for someone else's key.
func (d *DIDDocument) VerificationMethodFor(id string, rel Relationship) (*VerificationMethod, error) {
	abs := d.absolute(id)
	var found *DocumentMethod
	for i := range d.VerificationMethod {
		if d.absolute(d.VerificationMethod[i].ID) == abs {
			found = &d.VerificationMethod[i]
			break
		}
	}
	listed := false
	for _, ref := range d.Relationship(rel) {
		if d.absolute(ref.ID) != abs {
			continue
		}
		listed = true
		if ref.Embedded != nil {
			found = ref.Embedded
		}
		break
	}
	if found == nil {
		return nil, fmt.Errorf("%w: %q in document %q", errVerificationMethodNotFound, id, d.ID)
	}
	if !listed {
		return nil, fmt.Errorf("%w: %q is not listed under %s in document %q", errNotAuthorized, id, rel, d.ID)
	}
	vm, err := found.Resolve()
	if err != nil {
		return nil, err
	}
	vm.ID = abs
	if vm.Controller != d.ID && !slices.Contains(d.Controller, vm.Controller) {
		return nil, fmt.Errorf("%w: method %q has controller %q, not document %q", errNotAuthorized, abs, vm.Controller, d.ID)
	}
	return vm, nil
}

func (d *DIDDocument) absolute(id string) string {
	if strings.HasPrefix(id, "#") {
		return d.ID + id
	}
	return id
}

// Resolve parses the method's key material. Multikey and JsonWebKey are the
// current types; Ed25519VerificationKey2020, Ed25519VerificationKey2018,
// JsonWebKey2020, EcdsaSecp256r1VerificationKey2019 and P256Key2021 are
// read for compatibility with older documents.
func (m *DocumentMethod) Resolve() (*VerificationMethod, error) {
	var (
		pub crypto.PublicKey
		err error
	)
	switch {
	case m.decoded != nil && m.decodedFrom == m.PublicKeyMultibase && m.Type == "Multikey":
		pub = m.decoded
	case m.PublicKeyMultibase != "" && m.Type == "Ed25519VerificationKey2020":
		pub, err = ParseMultikey(m.PublicKeyMultibase)
		if err == nil {
			if t, _ := KeyTypeOf(pub); t != KeyEd25519 {
				err = fmt.Errorf("%w: %s holds a %s key", ErrInvalidKey, m.Type, t)
			}
		}
	case m.PublicKeyMultibase != "":
		pub, err = ParseMultikey(m.PublicKeyMultibase)
	case len(m.PublicKeyJWK) > 0:
		pub, err = ParsePublicJWK(m.PublicKeyJWK)
	case m.PublicKeyBase58 != "" && m.Type == "Ed25519VerificationKey2018":
		var raw []byte
		raw, err = multibase.DecodeBase58(m.PublicKeyBase58)
		if err == nil {
			pub, err = parsePublicKeyRaw(KeyEd25519, raw)
		}
	default:
		return nil, fmt.Errorf("%w: method %q of type %q has no supported key member (publicKeyMultibase or publicKeyJwk)", errUnsupportedKey, m.ID, m.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("verification method %q: %w", m.ID, err)
	}
	return &VerificationMethod{ID: m.ID, Type: m.Type, Controller: m.Controller, PublicKey: pub}, nil
}
