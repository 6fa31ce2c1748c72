package jsonld

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"strings"
	"testing"

	"github.com/microcred/microcred/internal/fixtures"
)

// vector is one published canonical form and the JSON it was made from.
type vector struct {
	name  string
	input string // fixture name (see package internal/fixtures), or "signed:FILE" for a proof config derived from FILE
	want  string // named as input is
	hash  crypto.Hash
}

var vectors = []vector{
	{"eddsa-rdfc-2022 document", "w3c/di/vc-di-eddsa-TestVectors/unsigned.json", "w3c/di/vc-di-eddsa-TestVectors/eddsa-rdfc-2022/canonDocDataInt.txt", crypto.SHA256},
	{"eddsa-rdfc-2022 proof", "w3c/di/vc-di-eddsa-TestVectors/eddsa-rdfc-2022/proofConfigDataInt.json", "w3c/di/vc-di-eddsa-TestVectors/eddsa-rdfc-2022/proofCanonDataInt.txt", crypto.SHA256},
	{"eddsa-rdfc-2022 employment document", "w3c/di/vc-di-eddsa-TestVectors/employmentAuth.json", "w3c/di/vc-di-eddsa-TestVectors/eddsa-rdfc-2022/employ/canonDocDataInt.txt", crypto.SHA256},
	{"eddsa-rdfc-2022 employment proof", "w3c/di/vc-di-eddsa-TestVectors/eddsa-rdfc-2022/employ/proofConfigDataInt.json", "w3c/di/vc-di-eddsa-TestVectors/eddsa-rdfc-2022/employ/proofCanonDataInt.txt", crypto.SHA256},
	{"Ed25519Signature2020 document", "w3c/di/vc-di-eddsa-TestVectors/unsigned.json", "w3c/di/vc-di-eddsa-TestVectors/Ed25519Signature2020/canonDocEdSig.txt", crypto.SHA256},
	{"Ed25519Signature2020 proof", "w3c/di/vc-di-eddsa-TestVectors/Ed25519Signature2020/proofConfigEdSig.json", "w3c/di/vc-di-eddsa-TestVectors/Ed25519Signature2020/proofCanonEdSig.txt", crypto.SHA256},
	{"ecdsa-rdfc-2019 P-256 document", "w3c/di/vc-di-ecdsa-TestVectors/unsigned.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/canonDocECDSAP256.txt", crypto.SHA256},
	{"ecdsa-rdfc-2019 P-256 proof", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/proofConfigECDSAP256.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/proofCanonECDSAP256.txt", crypto.SHA256},
	{"ecdsa-rdfc-2019 P-256 employment document", "w3c/di/vc-di-ecdsa-TestVectors/employmentAuth.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/employ/canonDocECDSAP256.txt", crypto.SHA256},
	{"ecdsa-rdfc-2019 P-256 employment proof", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/employ/proofConfigECDSAP256.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p256/employ/proofCanonECDSAP256.txt", crypto.SHA256},
	{"ecdsa-rdfc-2019 P-384 document", "w3c/di/vc-di-ecdsa-TestVectors/unsigned.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/canonDocECDSAP384.txt", crypto.SHA384},
	{"ecdsa-rdfc-2019 P-384 proof", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/proofConfigECDSAP384.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/proofCanonECDSAP384.txt", crypto.SHA384},
	{"ecdsa-rdfc-2019 P-384 employment document", "w3c/di/vc-di-ecdsa-TestVectors/employmentAuth.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/employ/canonDocECDSAP384.txt", crypto.SHA384},
	{"ecdsa-rdfc-2019 P-384 employment proof", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/employ/proofConfigECDSAP384.json", "w3c/di/vc-di-ecdsa-TestVectors/ecdsa-rdfc-2019-p384/employ/proofCanonECDSAP384.txt", crypto.SHA384},
	{"1EdTech OB 3.0 document", "1edtech/testvectors/obv3p0-unsigned.json", "1edtech/testvectors/obv3p0-document-canon.txt", crypto.SHA256},
	{"1EdTech OB 3.0 proof", "signed:1edtech/testvectors/obv3p0-signed.json", "1edtech/testvectors/obv3p0-proof-canon.txt", crypto.SHA256},
	{"1EdTech CLR 2.0 document", "1edtech/testvectors/clrv2p0-unsigned.json", "1edtech/testvectors/clrv2p0-document-canon.txt", crypto.SHA256},
	{"1EdTech CLR 2.0 proof", "signed:1edtech/testvectors/clrv2p0-signed.json", "1edtech/testvectors/clrv2p0-proof-canon.txt", crypto.SHA256},
}

func readVector(t testing.TB, name string) []byte {
	t.Helper()
	return fixtures.Read(t, name)
}

// vectorInput returns the JSON a vector canonicalizes.
func vectorInput(t testing.TB, v vector) []byte {
	t.Helper()
	file, derived := strings.CutPrefix(v.input, "signed:")
	raw := readVector(t, file)
	if !derived {
		return raw
	}
	// Data Integrity canonicalizes the proof without proofValue, under the
	// credential's @context.
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	proof, ok := doc["proof"].(map[string]any)
	if !ok {
		proofs, _ := doc["proof"].([]any)
		if len(proofs) == 0 {
			t.Fatalf("%s has no proof", file)
		}
		proof, _ = proofs[0].(map[string]any)
	}
	delete(proof, "proofValue")
	proof["@context"] = doc["@context"]
	out, err := json.Marshal(proof)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVectors(t *testing.T) {
	loader, err := NewLoader(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			want := readVector(t, v.want)
			got, err := Canonicalize(context.Background(), vectorInput(t, v), &CanonicalizeOptions{Loader: loader, Hash: v.hash})
			if err != nil {
				t.Fatalf("Canonicalize: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("canonical form differs from %s\n got:\n%s\nwant:\n%s", v.want, got, want)
			}
		})
	}
}

// TestVectorsDecoded feeds the same documents as decoded values, with and
// without UseNumber, which must not change the result.
func TestVectorsDecoded(t *testing.T) {
	for _, v := range vectors {
		raw := vectorInput(t, v)
		want := readVector(t, v.want)
		for _, useNumber := range []bool{false, true} {
			dec := json.NewDecoder(bytes.NewReader(raw))
			if useNumber {
				dec.UseNumber()
			}
			var doc any
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			got, err := Canonicalize(context.Background(), doc, &CanonicalizeOptions{Hash: v.hash})
			if err != nil {
				t.Fatalf("%s (UseNumber %v): %v", v.name, useNumber, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (UseNumber %v): canonical form differs from %s", v.name, useNumber, v.want)
			}
		}
	}
}
