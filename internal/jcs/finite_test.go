package jcs

import (
	"context"
	"errors"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestNumberErrorBothWays: Decode has the strict reader check the numbers'
// range as it reads; a tree decoded elsewhere (WithDecoded) is walked by
// checkNumbers. Both give the error the walk always gave.
func TestNumberErrorBothWays(t *testing.T) {
	for _, tt := range []struct {
		reason, in string
	}{
		{"at the top", `1e400`},
		{"in an object", `{"a": "x", "n": -2E308}`},
		{"in an array", `[1, 2, [3, 1.8e308]]`},
	} {
		_, err := Decode([]byte(tt.in), nil)
		var se *SyntaxError
		if !errors.Is(err, ErrNumber) || !errors.As(err, &se) || se.Offset != 0 || se.cause != nil {
			t.Errorf("%s: Decode: %v, want the ErrNumber SyntaxError checkNumbers makes", tt.reason, err)
			continue
		}
		tree, err2 := strictjson.Decode([]byte(tt.in), strictjson.Limits{})
		if err2 != nil {
			t.Fatal(err2)
		}
		data := []byte(tt.in)
		_, reused := DecodeContext(WithDecoded(context.Background(), data, tree, DefaultMaxDepth), data, nil)
		if reused == nil || reused.Error() != err.Error() {
			t.Errorf("%s: Decode: %v; a reused tree: %v; want the same", tt.reason, err, reused)
		}
	}
}
