package jsonld

import (
	"bytes"
	"context"
	"crypto"
	"errors"
	"testing"
)

// generalCanonicalize is Canonicalize without the straight path: ToRDF,
// which never takes it, then RDFC-1.0.
func generalCanonicalize(ctx context.Context, doc []byte, l *Loader, lim Limits) ([]byte, error) {
	ds, err := ToRDF(ctx, doc, &Options{Loader: l, Limits: lim})
	if err != nil {
		return nil, err
	}
	return canonicalDataset(ds, crypto.SHA256, false)
}

// TestProofConfigurationsMatchGeneral compares Canonicalize, which may take
// the straight path, with the generic path, on proof configurations and
// documents like them (they once had a path of their own): the same bytes
// or the same error.
func TestProofConfigurationsMatchGeneral(t *testing.T) {
	l, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	const v2 = `"@context": ["https://www.w3.org/ns/credentials/v2"]`
	const proof = `"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-02T03:04:05Z", "verificationMethod": "did:key:z6Mk#z6Mk", "proofPurpose": "assertionMethod"`
	tests := []struct {
		name   string
		doc    string
		direct bool
	}{
		{"the usual proof configuration", `{` + v2 + `, ` + proof + `}`, true},
		{"every optional member", `{` + v2 + `, ` + proof + `, "expires": "2027-01-01T00:00:00Z", "domain": "example.org", "challenge": "c\"1\n", "previousProof": "urn:uuid:0"}`, true},
		{"a VC 1.1 credential's configuration", `{"@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"], ` + proof + `}`, true},
		{"Ed25519Signature2020", `{"@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/suites/ed25519-2020/v1"], "type": "Ed25519Signature2020", "created": "2026-01-02T03:04:05Z", "verificationMethod": "did:key:z6Mk#z6Mk", "proofPurpose": "assertionMethod"}`, true},
		{"a term defined by an embedded context, typed @vocab", `{"@context": ["https://www.w3.org/ns/credentials/v2", {"kind": {"@id": "https://e.org/kind", "@type": "@vocab"}, "Thing": "https://e.org/Thing", "Other": "https://e.org/Other"}], "type": "Thing", "kind": "Other"}`, true},
		{"a term typed with a datatype", `{"@context": [{"n": {"@id": "https://e.org/n", "@type": "http://www.w3.org/2001/XMLSchema#integer"}, "T": "https://e.org/T"}], "@type": "T", "n": "7"}`, true},
		{"an xsd:string datatype is left implicit", `{"@context": [{"s": {"@id": "https://e.org/s", "@type": "http://www.w3.org/2001/XMLSchema#string"}, "T": "https://e.org/T"}], "@type": "T", "s": "x"}`, true},
		{"two terms for one property", `{"@context": [{"a": "https://e.org/p", "b": "https://e.org/p", "T": "https://e.org/T"}], "@type": "T", "a": "x", "b": "x"}`, true},
		{"with an id the subject is an IRI", `{` + v2 + `, ` + proof + `, "id": "urn:uuid:1"}`, true},
		{"a default language", `{"@context": [{"@language": "en", "s": "https://e.org/s", "T": "https://e.org/T"}], "@type": "T", "s": "x"}`, true},
		{"a term's own language", `{"@context": [{"s": {"@id": "https://e.org/s", "@language": "fr"}, "T": "https://e.org/T"}], "@type": "T", "s": "x"}`, true},
		{"a JSON literal", `{"@context": [{"j": {"@id": "https://e.org/j", "@type": "@json"}, "T": "https://e.org/T"}], "@type": "T", "j": "x"}`, true},
		{"a list container", `{"@context": [{"l": {"@id": "https://e.org/l", "@container": "@list"}, "T": "https://e.org/T"}], "@type": "T", "l": "x"}`, true},
		{"a property-scoped context defines the value's term (as proofPurpose's does)", `{"@context": [{"p": {"@id": "https://e.org/p", "@type": "@vocab", "@context": {"V": "https://e.org/V"}}, "T": "https://e.org/T"}], "@type": "T", "p": "V"}`, true},
		{"a property-scoped context redefines the term itself", `{"@context": [{"p": {"@id": "https://e.org/p", "@type": "@vocab", "@context": {"p": {"@id": "https://e.org/q", "@type": "@id"}}}, "T": "https://e.org/T"}], "@type": "T", "p": "urn:x"}`, true},
		{"a property-scoped context gives a language", `{"@context": [{"p": {"@id": "https://e.org/p", "@context": {"@language": "de"}}, "T": "https://e.org/T"}], "@type": "T", "p": "x"}`, true},
		{"an undefined term is an error either way", `{` + v2 + `, ` + proof + `, "nonsense": "x"}`, false},
		{"an undefined type is an error either way", `{` + v2 + `, "type": "NoSuchType", "proofPurpose": "assertionMethod"}`, false},
		{"a relative verification method is an error either way", `{` + v2 + `, "type": "DataIntegrityProof", "verificationMethod": "key-1"}`, false},
		{"a number value", `{` + v2 + `, ` + proof + `, "nonce": 1}`, true},
		{"no type", `{` + v2 + `, "proofPurpose": "assertionMethod"}`, false},
		{"two types", `{"@context": [{"kind": "@type", "T": "https://e.org/T"}], "@type": "T", "kind": "T"}`, true},
		{"an unknown context is an error either way", `{"@context": ["https://e.org/unknown"], "@type": "https://e.org/T"}`, false},
		{"a blank node type", `{"@context": [{"s": "https://e.org/s"}], "@type": "_:b", "s": "x"}`, true},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := []byte(tt.doc)
			want, wantErr := generalCanonicalize(ctx, doc, l, Limits{})
			got, gotErr := Canonicalize(ctx, doc, &CanonicalizeOptions{Loader: l})
			if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
				t.Fatalf("error %v, the generic path's %v", gotErr, wantErr)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nthe generic path gives\n%s", got, want)
			}
			in, err := readDocument(doc, Limits{}.withDefaults())
			if err != nil {
				t.Fatal(err)
			}
			if _, direct := directToRDF(ctx, in, l, Limits{}.withDefaults(), nil); direct != tt.direct {
				t.Errorf("took the straight path: %v, want %v", direct, tt.direct)
			}
			if tt.direct && wantErr != nil {
				t.Errorf("the straight path takes a document the generic path refuses: %v", wantErr)
			}
		})
	}
}

// TestStraightPathHonoursLimits: the straight path leaves every limit to
// the generic path, which reports it.
func TestStraightPathHonoursLimits(t *testing.T) {
	doc := []byte(`{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofPurpose": "assertionMethod"}`)
	_, err := Canonicalize(context.Background(), doc, &CanonicalizeOptions{Limits: Limits{MaxQuads: 2}})
	if !errors.Is(err, ErrLimit) {
		t.Errorf("MaxQuads 2 for 3 statements: err = %v, want ErrLimit", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Canonicalize(ctx, doc, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v, want context.Canceled", err)
	}
}
