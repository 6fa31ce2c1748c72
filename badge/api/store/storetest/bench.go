package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/microcred/microcred/badge/api/store"
)

// Benchmark measures the operations an API request makes, each on a fresh
// store from open, from parallel goroutines (b.RunParallel, so
// -cpu sets how many) as concurrent requests would.
func Benchmark(b *testing.B, open func(b *testing.B) store.Store) {
	ctx := context.Background()
	payload := make([]byte, 2048) // about one signed Open Badge
	for i := range payload {
		payload[i] = 'x'
	}
	b.Run("UpsertInsert", func(b *testing.B) {
		s := open(b)
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				c := store.Credential{Learner: fmt.Sprintf("learner-%d", i%50), Kind: store.OpenBadges, Format: store.FormatJSON,
					Raw: payload, ID: fmt.Sprintf("urn:%d", i), Issuer: "https://i.example", ValidFrom: t0}
				if _, err := s.UpsertCredential(ctx, c); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("UpsertReplace", func(b *testing.B) {
		s := open(b)
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				c := store.Credential{Learner: "learner", Kind: store.OpenBadges, Format: store.FormatJSON,
					Raw: payload, ID: fmt.Sprintf("urn:%d", i%20), Issuer: "https://i.example", ValidFrom: t0.Add(time.Duration(i))}
				if _, err := s.UpsertCredential(ctx, c); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("ListPage100of1000", func(b *testing.B) {
		s := open(b)
		for i := range 1000 {
			c := store.Credential{Learner: "learner", Kind: store.OpenBadges, Format: store.FormatJSON,
				Raw: payload, ID: fmt.Sprintf("urn:%d", i), Issuer: "https://i.example", ValidFrom: t0}
			if _, err := s.UpsertCredential(ctx, c); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				off := int(n.Add(1)%10) * 100
				p, err := s.Credentials(ctx, "learner", store.Query{Limit: 100, Offset: off})
				if err != nil || len(p.Credentials) != 100 || p.Total != 1000 {
					b.Errorf("page at %d: %d of %d, %v", off, len(p.Credentials), p.Total, err)
					return
				}
			}
		})
	})
	b.Run("TokenLookup", func(b *testing.B) {
		s := open(b)
		must(b, s.CreateClient(ctx, store.Client{ID: "c"}, ""))
		g := store.Grant{ID: "g", ClientID: "c", Subject: "learner", Scopes: []string{"a"}}
		must(b, s.CreateGrant(ctx, g))
		must(b, s.CreateToken(ctx, "token", token(g, store.AccessToken)))
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.Token(ctx, "token"); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
