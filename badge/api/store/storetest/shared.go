package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microcred/microcred/badge/api/store"
)

// TwoServers checks what several API servers sharing one database rely
// on: a and b are two stores opened separately (each with its own
// connections) on the same, empty database. A code is consumed once
// across both, concurrent upserts through both keep the newest version
// once, and a grant revoked through one is revoked for the other.
func TwoServers(t *testing.T, a, b store.Store) {
	ctx := context.Background()
	servers := []store.Store{a, b}
	g := seed(t, a, "c1", "alice", "g1")

	for r := range 5 {
		secret := fmt.Sprintf("shared-code-%d", r)
		must(t, servers[r%2].CreateCode(ctx, secret, code(g)))
		var n int
		var mu sync.Mutex
		errs := race(16, func() error {
			mu.Lock()
			s := servers[n%2]
			n++
			mu.Unlock()
			_, err := s.ConsumeCode(ctx, secret, t0)
			return err
		})
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if !errors.Is(err, store.ErrUsed) {
				t.Errorf("round %d: %v", r, err)
			}
		}
		if won != 1 {
			t.Errorf("round %d: %d exchanges of one code won across two servers, want 1", r, won)
		}
	}

	const versions = 6
	var wg sync.WaitGroup
	inserted := make(chan struct{}, 2*versions)
	for i, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range versions {
				// The two servers walk the versions in opposite orders.
				if i == 1 {
					v = versions - 1 - v
				}
				out, err := s.UpsertCredential(ctx, vc("alice", "https://i.example", "urn:shared", t0.Add(time.Duration(v)*time.Minute), fmt.Sprintf("v%d", v)))
				if err != nil {
					t.Errorf("server %d: %v", i, err)
					return
				}
				if out == store.Inserted {
					inserted <- struct{}{}
				}
			}
		}()
	}
	wg.Wait()
	close(inserted)
	if n := len(inserted); n != 1 {
		t.Errorf("%d upserts across two servers reported Inserted, want 1", n)
	}
	for i, s := range servers {
		page, err := s.Credentials(ctx, "alice", store.Query{})
		must(t, err)
		if page.Total != 1 || !strings.Contains(string(page.Credentials[0].Raw), fmt.Sprintf(`"v":"v%d"`, versions-1)) {
			t.Errorf("server %d sees %d credentials, first %q; want 1, the newest", i, page.Total, ids(page))
		}
	}

	must(t, a.CreateToken(ctx, "shared-at", token(g, store.AccessToken)))
	must(t, b.RevokeGrant(ctx, g.ID, t0))
	tok, err := a.Token(ctx, "shared-at")
	must(t, err)
	if !tok.Revoked {
		t.Error("a grant revoked through one server is not revoked for the other")
	}
}
