package api

import (
	"net/url"
	"testing"

	"github.com/microcred/microcred/badge/api/store"
)

// FuzzPaging: any query string is either refused with a message or read
// into a query the store accepts (positive limit up to MaxLimit,
// non-negative offset), never a panic.
func FuzzPaging(f *testing.F) {
	for _, s := range []string{"", "limit=2&offset=4", "limit=0", "offset=-1", "since=2024-01-01T00:00:00Z", "limit=1;DROP", "limit=99999999999", "since=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parsePaging(v)
		if err != nil {
			if err.Error() == "" {
				t.Error("an empty error message")
			}
			return
		}
		if q.Limit < 1 || q.Limit > store.MaxLimit || q.Offset < 0 {
			t.Errorf("%q read as limit %d offset %d", raw, q.Limit, q.Offset)
		}
	})
}

// FuzzCheckProfile: any body is accepted only if it is a JSON object with
// an id and the type Profile; nothing panics.
func FuzzCheckProfile(f *testing.F) {
	for _, s := range []string{`{"id":"x","type":"Profile"}`, `{"id":"x","type":["Profile","Other"]}`, `[]`, `{"id":1}`, `{} {}`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkProfile(b) })
}
