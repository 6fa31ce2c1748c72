package verify

import (
	"context"
	"sync"
)

// flight collapses concurrent loads of the same key into one, so that a
// burst of verifications of credentials on one status list (or one issuer's
// DID) fetches it once instead of once per credential.
type flight[V any] struct {
	mu    sync.Mutex
	calls map[string]*flightCall[V]
}

type flightCall[V any] struct {
	done chan struct{}
	val  V
}

// do returns load()'s result for key, running load at most once for all
// callers that arrive while it runs. A caller whose ctx ends stops waiting.
func (f *flight[V]) do(ctx context.Context, key string, load func() V) (V, error) {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = make(map[string]*flightCall[V])
	}
	if c, ok := f.calls[key]; ok {
		f.mu.Unlock()
		select {
		case <-c.done:
			return c.val, nil
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
	c := &flightCall[V]{done: make(chan struct{})}
	f.calls[key] = c
	f.mu.Unlock()

	c.val = load()
	f.mu.Lock()
	delete(f.calls, key)
	f.mu.Unlock()
	close(c.done)
	return c.val, nil
}
