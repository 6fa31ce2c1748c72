package credential

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
)

// BatchOptions configures SignBatch.
type BatchOptions struct {
	// Sign is how every credential is signed: one signer, one
	// verification method, one suite. Its Created time, if zero, is taken
	// per credential.
	Sign SignOptions
	// Workers is how many credentials are signed at once; zero means
	// runtime.GOMAXPROCS(0). At most 2×Workers credentials are held in
	// memory at any time, however long the input.
	Workers int
	// Progress, if set, is called after each credential is delivered, from
	// the goroutine that called SignBatch, with the number delivered so far
	// and how many of those failed.
	Progress func(done, failed int)
}

// BatchResult is one signed credential of a batch, delivered in input order.
type BatchResult struct {
	// Index is the credential's position in the input, from 0.
	Index int
	// Signed is the signed credential, or nil when Err is set.
	Signed []byte
	// Err says why this credential could not be signed; the batch goes on.
	Err error
}

// ErrBatchStopped is returned by SignBatch when deliver asked it to stop.
var ErrBatchStopped = errors.New("credential: batch stopped by the caller")

// SignBatch signs every unsigned credential that credentials yields, with
// Workers goroutines sharing one signer, and calls deliver with each result in
// input order. Memory stays bounded by the number of workers, not the size of
// the batch, so a graduation day of tens of thousands of credentials streams
// from storage to storage. A credential that fails to sign is delivered with
// its error and the batch continues; deliver returning an error, or ctx
// ending, stops the batch (the error is returned, wrapped).
//
// The signer must be safe for concurrent use, as the crypto.Signer
// implementations of the standard library are.
func SignBatch(ctx context.Context, credentials iter.Seq[[]byte], opts BatchOptions, deliver func(BatchResult) error) error {
	if opts.Sign.Signer == nil || opts.Sign.VerificationMethod == "" {
		return fmt.Errorf("credential: SignBatch needs Sign.Signer and Sign.VerificationMethod")
	}
	if opts.Sign.Loader == nil {
		// One loader for the whole batch: contexts are processed once.
		l, err := NewContextLoader(nil)
		if err != nil {
			return err
		}
		opts.Sign.Loader = l
	}
	// The suite, hash and verification method check are the same for
	// every credential of the batch, so they are worked out once. Options
	// they refuse are reported per credential, as before, by AddProof.
	k, kerr := prepareSigner(ctx, opts.Sign)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		index int
		doc   []byte
		done  chan BatchResult
	}
	jobs := make(chan *job)
	// order holds the in-flight jobs in input order; its capacity bounds
	// how far the workers may run ahead of deliver.
	order := make(chan *job, 2*workers)
	// free holds delivered jobs for the producer to reuse: a job and its
	// channel were two allocations per credential, and a batch is bound by
	// the garbage it makes.
	free := make(chan *job, 2*workers+2)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var signed []byte
				var err error
				if kerr == nil {
					signed, err = k.addProof(ctx, j.doc, opts.Sign)
				} else {
					signed, err = AddProof(ctx, j.doc, opts.Sign)
				}
				j.done <- BatchResult{Index: j.index, Signed: signed, Err: err}
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(jobs)
		i := 0
		for doc := range credentials {
			var j *job
			select {
			case j = <-free:
			default:
				j = &job{done: make(chan BatchResult, 1)}
			}
			j.index, j.doc = i, doc
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				j.done <- BatchResult{Index: j.index, Err: ctx.Err()}
				return
			}
			i++
		}
	}()

	var err error
	done, failed := 0, 0
	for j := range order {
		r := <-j.done
		// The worker is done with j (its send was its last use of it) and
		// its channel is empty again: the producer may reuse it.
		j.doc = nil
		select {
		case free <- j:
		default:
		}
		if err != nil {
			continue // drain so the producer and workers can finish
		}
		if r.Err != nil {
			failed++
		}
		done++
		if derr := deliver(r); derr != nil {
			err = fmt.Errorf("%w: %w", ErrBatchStopped, derr)
			cancel()
			continue
		}
		if opts.Progress != nil {
			opts.Progress(done, failed)
		}
	}
	wg.Wait()
	if err == nil && ctx.Err() != nil {
		// the caller's context ended the batch
		err = fmt.Errorf("credential: batch stopped after %d credentials: %w", done, context.Cause(ctx))
	}
	return err
}
