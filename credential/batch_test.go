package credential

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microcred/microcred/internal/rusage"
)

func batchInput(t testing.TB, n int, bad map[int]bool, yielded *atomic.Int64) iter.Seq[[]byte] {
	t.Helper()
	tmpl, err := os.ReadFile(filepath.Join("testdata", "openbadges", "ob3-sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	return func(yield func([]byte) bool) {
		for i := range n {
			doc := []byte(fmt.Sprintf(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"id":"urn:uuid:batch-%d","issuer":"did:example:x","credentialSubject":{"id":"did:example:learner-%d"}}`, i, i))
			if i == 0 {
				doc = tmpl
			}
			if bad[i] {
				doc = []byte(`{"not": "a credential"`)
			}
			if yielded != nil {
				yielded.Add(1)
			}
			if !yield(doc) {
				return
			}
		}
	}
}

func batchKey(t testing.TB) SignOptions {
	t.Helper()
	key, err := GenerateKey(KeyEd25519)
	if err != nil {
		t.Fatal(err)
	}
	vm, err := DIDKeyVerificationMethod(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	return SignOptions{Signer: key, VerificationMethod: vm}
}

func TestSignBatchDeliversInOrderWithBoundedMemory(t *testing.T) {
	const n, workers = 120, 3
	var yielded atomic.Int64
	bad := map[int]bool{7: true, 50: true}
	sign := batchKey(t)
	next, progressCalls, maxAhead := 0, 0, int64(0)
	err := SignBatch(context.Background(), batchInput(t, n, bad, &yielded), BatchOptions{
		Sign: sign, Workers: workers,
		Progress: func(done, failed int) { progressCalls++ },
	}, func(r BatchResult) error {
		if r.Index != next {
			t.Fatalf("delivered index %d, want %d (out of order)", r.Index, next)
		}
		next++
		if ahead := yielded.Load() - int64(next); ahead > maxAhead {
			maxAhead = ahead
		}
		if bad[r.Index] {
			if r.Err == nil {
				t.Errorf("credential %d is malformed but signed", r.Index)
			}
			return nil
		}
		if r.Err != nil {
			t.Fatalf("credential %d: %v", r.Index, r.Err)
		}
		rep, err := VerifyProofs(context.Background(), r.Signed, VerifyOptions{})
		if err != nil || rep.Err() != nil {
			t.Fatalf("credential %d does not verify: %v %v", r.Index, err, rep.Err())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if next != n || progressCalls != n {
		t.Fatalf("delivered %d, progress called %d times, want %d", next, progressCalls, n)
	}
	// The producer may hold one credential beyond the 2×workers window.
	if limit := int64(2*workers + 1); maxAhead > limit {
		t.Errorf("up to %d credentials were held at once, want at most %d", maxAhead, limit)
	}
}

func TestSignBatchStops(t *testing.T) {
	sign := batchKey(t)
	stop := errors.New("disk full")
	var yielded atomic.Int64
	delivered := 0
	err := SignBatch(context.Background(), batchInput(t, 1000, nil, &yielded), BatchOptions{Sign: sign, Workers: 2},
		func(r BatchResult) error {
			delivered++
			if delivered == 5 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, ErrBatchStopped) || !errors.Is(err, stop) {
		t.Fatalf("err = %v, want ErrBatchStopped wrapping the caller's error", err)
	}
	if delivered != 5 {
		t.Errorf("deliver called %d times after it asked to stop at 5", delivered)
	}
	if y := yielded.Load(); y > 20 {
		t.Errorf("the input was read %d items deep after the stop; it should stop early", y)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := SignBatch(ctx, batchInput(t, 1000, nil, nil), BatchOptions{Sign: sign}, func(BatchResult) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v, want context.Canceled", err)
	}
	if err := SignBatch(context.Background(), batchInput(t, 1, nil, nil), BatchOptions{}, func(BatchResult) error { return nil }); err == nil {
		t.Error("a batch without a signer should be refused")
	}
}

// BenchmarkSignBatch signs the benchmark credential concurrently; its
// credentials/s metric is the graduation-day figure in BENCHMARKS.md.
func BenchmarkSignBatch(b *testing.B) {
	sign := batchKey(b)
	tmpl, err := os.ReadFile(filepath.Join("testdata", "openbadges", "ob3-sample.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	// CPU time beside wall time: on a shared machine the rate says how
	// much of two cores the batch got, cpu-ns/op what a credential costs.
	cpu0, cpuOK := rusage.CPU()
	in := func(yield func([]byte) bool) {
		for range b.N {
			if !yield(tmpl) {
				return
			}
		}
	}
	err = SignBatch(context.Background(), in, BatchOptions{Sign: sign}, func(r BatchResult) error { return r.Err })
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "credentials/s")
	if cpu1, _ := rusage.CPU(); cpuOK && b.N > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// TestSignBatchSignsAsAddProof: SignBatch works out the suite and checks
// the verification method once for the batch; what it delivers must be
// what AddProof returns for each credential, output or error.
func TestSignBatchSignsAsAddProof(t *testing.T) {
	good := batchKey(t)
	good.Created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) // Ed25519 is deterministic
	other := batchKey(t)
	wrongMethod := good
	wrongMethod.VerificationMethod = other.VerificationMethod
	wrongSuite := good
	wrongSuite.Cryptosuite = SuiteECDSARDFC2019
	tests := []struct {
		name string
		opts SignOptions
	}{
		{"a good signer: the same bytes", good},
		{"a method naming another key: the same error for each", wrongMethod},
		{"a suite for another key type: the same error for each", wrongSuite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const n = 5
			var got []BatchResult
			err := SignBatch(context.Background(), batchInput(t, n, map[int]bool{3: true}, nil), BatchOptions{Sign: tt.opts}, func(r BatchResult) error {
				got = append(got, r)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			i := 0
			for doc := range batchInput(t, n, map[int]bool{3: true}, nil) {
				want, wantErr := AddProof(context.Background(), doc, tt.opts)
				r := got[i]
				if (wantErr == nil) != (r.Err == nil) || wantErr != nil && wantErr.Error() != r.Err.Error() {
					t.Errorf("credential %d: SignBatch error %v, AddProof %v", i, r.Err, wantErr)
				}
				if !bytes.Equal(r.Signed, want) {
					t.Errorf("credential %d: SignBatch and AddProof signed differently", i)
				}
				i++
			}
			if i != len(got) {
				t.Errorf("%d results for %d credentials", len(got), i)
			}
		})
	}
}
