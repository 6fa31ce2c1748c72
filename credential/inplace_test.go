package credential

import (
	"context"
	"reflect"
	"testing"

	"github.com/microcred/microcred/internal/jcs"
	"github.com/microcred/microcred/internal/strictjson"
)

// TestVerifyProofsLeavesCallersTree: VerifyProofs changes its own decoding
// of the document in place (it drops the proof member, and a sole proof
// becomes its configuration), but a tree a caller in this module lent it
// through ctx (jcs.WithDecoded, as package verify does) is only read, and
// the report is the same either way: the lent tree goes the way every
// document went before (copies, and canonicalization's second walk).
func TestVerifyProofsLeavesCallersTree(t *testing.T) {
	key, vm, signed, loader := diBenchSigned(t)
	ctx := context.Background()
	twice, err := AddProof(ctx, signed, SignOptions{Signer: key, VerificationMethod: vm, Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{"one proof": signed, "two proofs": twice}
	// The W3C vectors: a chain, the JCS suites (a proof's own @context),
	// legacy and ECDSA proofs, each down its own branch of verifyOne.
	for _, p := range diSignedVectors {
		docs[p[2]] = diVectorFile(t, p...)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			lim := strictjson.Limits{MaxBytes: DefaultMaxDocumentBytes, MaxDepth: DefaultMaxDepth}
			tree, err := strictjson.Decode(doc, lim)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := strictjson.Decode(doc, lim)
			opts := VerifyOptions{Loader: loader, Resolver: diTestResolver{}}
			lent, err := VerifyProofs(jcs.WithDecoded(ctx, doc, tree, DefaultMaxDepth), doc, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tree, want) {
				t.Errorf("VerifyProofs changed the tree lent to it:\n got %v\nwant %v", tree, want)
			}
			own, err := VerifyProofs(ctx, doc, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(own, lent) {
				t.Errorf("reports differ: own decoding %+v, lent tree %+v", own, lent)
			}
		})
	}
}
