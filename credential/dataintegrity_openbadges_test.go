package credential

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/microcred/microcred/internal/fixtures"
)

const obVM = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"

// TestOpenBadgesVectors reproduces the 1EdTech Open Badges 3.0 and CLR 2.0
// "Linked Data Proof Test Vector": canonical document and proof, both
// SHA-256 hashes (as published in the implementation guide) and the
// proofValue, byte for byte; then signs the unsigned credentials with
// AddProof and gets the published signed credentials.
func TestOpenBadgesVectors(t *testing.T) {
	ctx := context.Background()
	loader := diTestLoader(t)
	key := diOBSigner(t)
	for _, tt := range []struct {
		name               string
		docHash, proofHash string
	}{
		{"obv3p0", "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773", "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"},
		{"clrv2p0", "768d7015ae69e0210e1c2a45194d9c1d15d7a6022e52b946574a2a27f6fa85fe", "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := "1edtech/testvectors/"
			signed := fixtures.Read(t, dir+tt.name+"-signed.json")
			doc := diDecodeObject(t, signed)
			proof := diFirstProof(doc["proof"])
			delete(doc, "proof")
			config := map[string]any{}
			for k, v := range proof {
				if k != "proofValue" {
					config[k] = v
				}
			}
			config["@context"] = doc["@context"]
			s, _ := lookupSuite(ProofTypeDataIntegrity, SuiteEdDSARDFC2022)
			tr, err := s.transform(ctx, doc, config, crypto.SHA256, loader, DefaultMaxDepth)
			if err != nil {
				t.Fatal(err)
			}
			if want := fixtures.Read(t, dir+tt.name+"-document-canon.txt"); !bytes.Equal(tr.canonDoc, want) {
				t.Errorf("canonical document:\n got %s\nwant %s", tr.canonDoc, want)
			}
			if want := fixtures.Read(t, dir+tt.name+"-proof-canon.txt"); !bytes.Equal(tr.canonConfig, want) {
				t.Errorf("canonical proof:\n got %s\nwant %s", tr.canonConfig, want)
			}
			if got := hex.EncodeToString(tr.docHash); got != tt.docHash {
				t.Errorf("document hash %s, want %s", got, tt.docHash)
			}
			if got := hex.EncodeToString(tr.configHash); got != tt.proofHash {
				t.Errorf("proof hash %s, want %s", got, tt.proofHash)
			}

			out, err := AddProof(ctx, fixtures.Read(t, dir+tt.name+"-unsigned.json"), SignOptions{
				Signer:             key,
				VerificationMethod: obVM,
				Created:            time.Date(2010, 1, 1, 19, 23, 24, 0, time.UTC),
				Loader:             loader,
			})
			if err != nil {
				t.Fatal(err)
			}
			got := diDecodeObject(t, out)
			if diff := cmp.Diff(proof, got["proof"]); diff != "" {
				t.Errorf("proof (-published +ours):\n%s", diff)
			}
			delete(got, "proof")
			if diff := cmp.Diff(doc, got); diff != "" {
				t.Errorf("document (-published +ours):\n%s", diff)
			}

			rep, err := VerifyProofs(ctx, signed, VerifyOptions{Resolver: diTestResolver{}, Loader: loader, RequireIssuerController: true})
			if err != nil || !rep.Verified() {
				t.Fatalf("published credential: %v", err)
			}
			if c := rep.Controllers(); len(c) != 1 || c[0] != "https://example.edu/issuers/565049" {
				t.Errorf("Controllers() = %q", c)
			}
		})
	}
}

func diFirstProof(v any) map[string]any {
	switch p := v.(type) {
	case map[string]any:
		return p
	case []any:
		return p[0].(map[string]any)
	}
	return nil
}

// TestCLREmbeddedCredential verifies the AchievementCredential a CLR
// carries, over its own bytes inside the CLR.
func TestCLREmbeddedCredential(t *testing.T) {
	raw := fixtures.Read(t, "1edtech/testvectors/"+"clrv2p0-signed.json")
	var clr struct {
		CredentialSubject struct {
			VerifiableCredential []json.RawMessage `json:"verifiableCredential"`
		} `json:"credentialSubject"`
	}
	if err := json.Unmarshal(raw, &clr); err != nil {
		t.Fatal(err)
	}
	if len(clr.CredentialSubject.VerifiableCredential) != 1 {
		t.Fatalf("%d embedded credentials", len(clr.CredentialSubject.VerifiableCredential))
	}
	rep, err := VerifyProofs(context.Background(), clr.CredentialSubject.VerifiableCredential[0], VerifyOptions{Resolver: diTestResolver{}, Loader: diTestLoader(t)})
	if err != nil || !rep.Verified() {
		t.Fatalf("embedded credential: %v", err)
	}
}

// TestValidatorFixtures runs the signed fixtures of the 1EdTech
// digital-credentials-public-validator through VerifyProofs, with the
// outcome its own tests expect for the proof probe.
func TestValidatorFixtures(t *testing.T) {
	tests := []struct {
		file   string
		want   error // nil: every proof verifies
		legacy bool
		reason string
	}{
		{"ob30/simple.json", nil, false, "valid (OB30Tests)"},
		{"ob30/simple-did-key-method.json", nil, false, "valid, did:key method"},
		{"ob30/simple-eddsa-2022.json", nil, true, "valid with a warning: deprecated cryptosuite name eddsa-2022"},
		{"ob30/simple_v1.json", nil, true, "valid with a warning: VC 1.1, Ed25519Signature2020"},
		{"ob30/complete.json", nil, false, "signed full example; its only finding is a schema one"},
		{"ob30/endorsement-valid.json", nil, false, "valid endorsement (Endorsement30Tests)"},
		{"clr20/simple.json", nil, false, "valid CLR (CLR20Tests)"},
		{"clr20/complex.json", nil, true, "valid CLR, Ed25519Signature2020 proofs"},
		{"clr20/simple_v1.json", nil, true, "valid with a warning: VC 1.1 CLR, Ed25519Signature2020"},
		{"ob30/simple-err-proof-value.json", ErrSignature, false, "EmbeddedProofProbe: wrong proof value"},
		{"ob30/simple-err-proof-method.json", ErrVerificationMethod, false, "EmbeddedProofProbe: garbled key in the method"},
		{"ob30/simple-multiple-proofs.json", errUnknownCryptosuite, false, "one proof of an unknown type"},
	}
	loader := diTestLoader(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw := fixtures.Read(t, "1edtech/validator/"+tt.file)
			// The validator takes a bare did:key as its only key; so do we, but
			// only with the switch (TestVerifyOptions has the default).
			rep, err := VerifyProofs(context.Background(), raw, VerifyOptions{Resolver: diTestResolver{}, Loader: loader})
			if tt.want == nil {
				if err != nil {
					t.Errorf("%s (%s): %v", tt.file, tt.reason, err)
					return
				}
				if rep.Proofs[0].Legacy != tt.legacy {
					t.Errorf("%s: Legacy = %v, want %v", tt.file, rep.Proofs[0].Legacy, tt.legacy)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("%s (%s): got %v, want %v", tt.file, tt.reason, err, tt.want)
			}
		})
	}

	// A host that wants only the standard suites refuses the legacy ones.
	for _, f := range []string{"ob30/simple-eddsa-2022.json", "ob30/simple_v1.json"} {
		raw := fixtures.Read(t, "1edtech/validator/"+f)
		_, err := VerifyProofs(context.Background(), raw, VerifyOptions{Resolver: diTestResolver{}, Loader: loader, AllowedCryptosuites: ModernCryptosuites()})
		if !errors.Is(err, errCryptosuiteNotAllowed) {
			t.Errorf("%s with ModernCryptosuites: got %v", f, err)
		}
	}
}

// TestOpenBadgesDerivedVector checks the values published in the text of
// the 1EdTech implementation guide: key, hash data, signature, proofValue.
func TestOpenBadgesDerivedVector(t *testing.T) {
	var v map[string]any
	if err := json.Unmarshal(diReadFile(t, "testdata", "openbadges", "1edtech", "derived-ob3-eddsa-rdfc-2022-vector.json"), &v); err != nil {
		t.Fatal(err)
	}
	key := diOBSigner(t).(ed25519.PrivateKey)
	if got := hex.EncodeToString(key); got != v["privateKeyHex(ed25519 seed||pub)"] {
		t.Fatalf("key %s", got)
	}
	if mk, _ := EncodeMultikey(key.Public()); mk != v["publicKeyMultibase"] {
		t.Errorf("publicKeyMultibase %s", mk)
	}
	unsigned, _ := json.Marshal(v["unsignedCredential"])
	opts := v["proofOptions(no @context; gets document @context per eddsa-rdfc-2022)"].(map[string]any)
	created, _ := time.Parse(time.RFC3339, opts["created"].(string))
	loader := diTestLoader(t)
	out, err := AddProof(context.Background(), unsigned, SignOptions{Signer: key, VerificationMethod: opts["verificationMethod"].(string), Created: created, Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	doc := diDecodeObject(t, out)
	proof := doc["proof"].(map[string]any)
	if proof["proofValue"] != v["proofValue"] {
		t.Errorf("proofValue %s, want %s", proof["proofValue"], v["proofValue"])
	}
	sig, _ := diDecodeProofValue(nil, proof["proofValue"].(string))
	if got := hex.EncodeToString(sig); got != v["signatureHex"] {
		t.Errorf("signature %s, want %s", got, v["signatureHex"])
	}
	delete(doc, "proof")
	delete(proof, "proofValue")
	proof["@context"] = doc["@context"]
	s, _ := lookupSuite(ProofTypeDataIntegrity, SuiteEdDSARDFC2022)
	tr, err := s.transform(context.Background(), doc, proof, crypto.SHA256, loader, DefaultMaxDepth)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(tr.hashData()); got != v["dataToSignHex"] {
		t.Errorf("data to sign %s, want %s", got, v["dataToSignHex"])
	}
}
