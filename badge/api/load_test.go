package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/microcred/microcred/badge/api"
	"github.com/microcred/microcred/badge/api/store"
)

// TestLoad runs 50 concurrent clients, each a learner with its own token,
// upserting signed credentials (new ones, and newer versions of earlier
// ones) and listing, over loopback. Afterwards it reads the database and
// requires every acknowledged write to be there exactly once, holding the
// newest version sent: no lost and no duplicated writes.
//
// By default it is short (a few operations per client). With
// MICROCRED_API_LOAD=30s it runs for that long (each client stops at the
// deadline or when its pre-signed credentials run out, whichever is first)
// and logs p50/p99 latency and throughput, the figures in BENCHMARKS.md.
func TestLoad(t *testing.T) {
	const clients = 50
	perClient, duration := 6, time.Minute // short: bounded by count
	if s := os.Getenv("MICROCRED_API_LOAD"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 || d > 10*time.Minute {
			t.Fatalf("MICROCRED_API_LOAD=%q: want a duration up to 10m such as 30s", s)
		}
		perClient, duration = 200, d
	}
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) { runLoad(t, open(t), clients, perClient, duration) })
	}
}

// loadOp is one pre-signed upsert and the credential id it writes.
type loadOp struct {
	id   string
	body []byte
}

func runLoad(t *testing.T, st store.Store, clients, perClient int, duration time.Duration) {
	e := newEnv(t, st)
	r := e.register(t)
	run := strconv.FormatInt(time.Now().UnixNano(), 36)

	// Tokens and credentials are made before the clock starts, so that the
	// figures are the server's: every fifth upsert is a newer version of
	// an earlier credential of the same learner.
	type worker struct {
		learner, token string
		ops            []loadOp
	}
	workers := make([]worker, clients)
	t0 := time.Now().Add(-24 * time.Hour).Truncate(time.Second)
	for i := range workers {
		workers[i].learner = fmt.Sprintf("load-%s-%02d", run, i)
		_, _, tok := e.login(t, r, workers[i].learner)
		workers[i].token = tok.AccessToken
	}
	var sign sync.WaitGroup
	for i := range workers {
		sign.Go(func() {
			w := &workers[i]
			for k := 0; k < perClient; k++ {
				n, from := k, t0.Add(time.Duration(k)*time.Second)
				if k%5 == 4 {
					n = k - 4 // a newer version of credential k-4
				}
				id := fmt.Sprintf("urn:load:%s:%02d:%d", run, i, n)
				w.ops = append(w.ops, loadOp{id, e.badgeFor(t, "did:example:"+w.learner, id, from, k%7 == 6)})
			}
		})
	}
	sign.Wait()

	tr := &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	deadline := time.Now().Add(duration)

	var (
		mu               sync.Mutex
		upLat, listLat   []time.Duration
		failures         []string
		acked            = make([]map[string][]byte, clients) // per worker: id → newest body acknowledged
		inserted, replay int
	)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range workers {
		acked[i] = map[string][]byte{}
		wg.Go(func() {
			w := workers[i]
			var ups, lists []time.Duration
			var ins, rep int
			fail := func(f string, a ...any) {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("client %d: ", i)+fmt.Sprintf(f, a...))
				mu.Unlock()
			}
			for k, op := range w.ops {
				if time.Now().After(deadline) {
					break
				}
				ct := api.MediaTypeVCLD
				if op.body[0] != '{' {
					ct = api.MediaTypeJWS
				}
				req, _ := http.NewRequest(http.MethodPost, e.base+api.PathOB+"/credentials", bytes.NewReader(op.body))
				req.Header.Set("Authorization", "Bearer "+w.token)
				req.Header.Set("Content-Type", ct)
				began := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					fail("upsert: %v", err)
					return
				}
				resp.Body.Close()
				ups = append(ups, time.Since(began))
				switch resp.StatusCode {
				case http.StatusCreated:
					ins++
				case http.StatusOK:
					rep++
				default:
					fail("upsert %s: HTTP %d", op.id, resp.StatusCode)
					return
				}
				acked[i][op.id] = op.body
				if k%2 == 1 {
					req, _ := http.NewRequest(http.MethodGet, e.base+api.PathOB+"/credentials?limit=20", nil)
					req.Header.Set("Authorization", "Bearer "+w.token)
					began := time.Now()
					resp, err := hc.Do(req)
					if err != nil {
						fail("list: %v", err)
						return
					}
					resp.Body.Close()
					lists = append(lists, time.Since(began))
					// Each client is the only writer of its learner, so the
					// list must count exactly what it has had acknowledged.
					if resp.StatusCode != 200 || resp.Header.Get("X-Total-Count") != strconv.Itoa(len(acked[i])) {
						fail("list after %d distinct credentials: HTTP %d, X-Total-Count %q", len(acked[i]), resp.StatusCode, resp.Header.Get("X-Total-Count"))
						return
					}
				}
			}
			mu.Lock()
			upLat, listLat = append(upLat, ups...), append(listLat, lists...)
			inserted, replay = inserted+ins, replay+rep
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, f := range failures {
		t.Error(f)
	}

	// Against the database: every acknowledged credential once, newest
	// version as sent.
	stored := 0
	for i, w := range workers {
		seen := map[string]bool{}
		for offset := 0; ; {
			p, err := st.Credentials(t.Context(), w.learner, store.Query{Kind: store.OpenBadges, Limit: store.MaxLimit, Offset: offset})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range p.Credentials {
				if seen[c.ID] {
					t.Errorf("client %d: credential %s stored twice", i, c.ID)
				}
				seen[c.ID] = true
				if want, ok := acked[i][c.ID]; !ok {
					t.Errorf("client %d: credential %s stored but never acknowledged", i, c.ID)
				} else if !bytes.Equal(c.Raw, want) {
					t.Errorf("client %d: credential %s is not the newest version acknowledged", i, c.ID)
				}
			}
			stored += len(p.Credentials)
			offset += len(p.Credentials)
			if len(p.Credentials) == 0 || offset >= p.Total {
				break
			}
		}
		for id := range acked[i] {
			if !seen[id] {
				t.Errorf("client %d: acknowledged credential %s is lost", i, id)
			}
		}
	}
	if stored != inserted {
		t.Errorf("%d credentials stored, %d inserts acknowledged", stored, inserted)
	}
	ops := len(upLat) + len(listLat)
	t.Logf("%s: %d clients, %s: %d upserts (%d inserted, %d replaced), %d lists; %d stored, 0 lost, 0 duplicated",
		t.Name(), len(workers), elapsed.Round(time.Millisecond), len(upLat), inserted, replay, len(listLat), stored)
	t.Logf("%s: upsert p50 %s p99 %s; list p50 %s p99 %s; %.0f requests/s",
		t.Name(), pct(upLat, 50), pct(upLat, 99), pct(listLat, 50), pct(listLat, 99), float64(ops)/elapsed.Seconds())
}

func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(100 * time.Microsecond)
}
