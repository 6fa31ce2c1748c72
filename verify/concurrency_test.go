package verify

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microcred/microcred/credential/status"
)

// TestConcurrentVerify runs one Verifier over hundreds of credentials at
// once: genuine, revoked, forged and tampered, sharing the status-list and
// document caches. Run it with -race.
func TestConcurrentVerify(t *testing.T) {
	f := newStatusFixture(t, status.Revocation)
	// Caching on, cold: the first wave of goroutines all miss the cache and
	// must share one fetch. The long fetch timeout is for -race on a small
	// machine, where 200 goroutines starve the one doing the fetch.
	v := onlineVerifier(t, f.s, Config{Limits: Limits{FetchTimeout: 5 * time.Minute}})
	revokedIdx, _ := f.list.Allocate()
	_ = f.list.Revoke(revokedIdx)
	f.publish(t, f.iss)
	okIdx, _ := f.list.Allocate()
	inputs := []struct {
		doc  []byte
		want Verdict
	}{
		{f.credential(t, okIdx), Verified},
		{f.credential(t, revokedIdx), Failed},
		{[]byte(strings.Replace(string(f.credential(t, okIdx)), "Teamwork", "Teamwerk", 1)), Failed},
		{issue(t, newIssuer(t), nil), Verified},
	}
	n := 200
	if testing.Short() {
		n = 40
	}
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(in struct {
			doc  []byte
			want Verdict
		}) {
			defer wg.Done()
			r, err := v.Verify(context.Background(), in.doc)
			if err != nil {
				errs <- err.Error()
				return
			}
			if r.Verdict != in.want {
				errs <- string(r.Verdict) + " want " + string(in.want) + "\n" + r.String()
			}
		}(inputs[i%len(inputs)])
	}
	wg.Wait()
	close(errs)
	if got := f.s.hits.Load(); got > 2 {
		t.Errorf("the status list was fetched %d times for one burst; concurrent misses should share a fetch", got)
	}
	for e := range errs {
		t.Error(e)
	}
}
