package credential

import (
	"context"
	"strings"
	"testing"
)

func benchmarkVerifyJWT(b *testing.B, kt KeyType) {
	ctx := context.Background()
	k := testKeys[kt]
	var vm string
	if kt == KeyRSA {
		vm, _ = DIDJWKVerificationMethod(k.Public())
	} else {
		vm, _ = DIDKeyVerificationMethod(k.Public())
	}
	did, _, _ := strings.Cut(vm, "#")
	tok, err := SignJWT(ctx, obCredential(did, ""), k, JWTOptions{KeyID: vm})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(tok)))
	for b.Loop() {
		if _, err := VerifyJWT(ctx, tok, JWTVerifyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyJWTEdDSA(b *testing.B) { benchmarkVerifyJWT(b, KeyEd25519) }
func BenchmarkVerifyJWTES256(b *testing.B) { benchmarkVerifyJWT(b, KeyP256) }
func BenchmarkVerifyJWTRS256(b *testing.B) { benchmarkVerifyJWT(b, KeyRSA) }

func BenchmarkSignJWTEdDSA(b *testing.B) {
	ctx := context.Background()
	k := testKeys[KeyEd25519]
	vm, _ := DIDKeyVerificationMethod(k.Public())
	did, _, _ := strings.Cut(vm, "#")
	cred := obCredential(did, "")
	for b.Loop() {
		if _, err := SignJWT(ctx, cred, k, JWTOptions{KeyID: vm}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolveDIDKey(b *testing.B) {
	ctx := context.Background()
	var r OfflineResolver
	for b.Loop() {
		if _, err := r.ResolveVerificationMethod(ctx, "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv#zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv"); err != nil {
			b.Fatal(err)
		}
	}
}
