package jcs

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/microcred/microcred/internal/strictjson"
)

// TestDecodeContext: the tree WithDecoded carries is reused only for the
// very bytes it was read from, under the same depth limit, and Decode's
// size limit and number rule still apply to it.
func TestDecodeContext(t *testing.T) {
	data := []byte(`{"a":[1,"x",{"b":true}]}`)
	tree, err := strictjson.Decode(data, strictjson.Limits{MaxDepth: DefaultMaxDepth})
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithDecoded(context.Background(), data, tree, DefaultMaxDepth)
	same := func(v any) bool { return reflect.ValueOf(v).Pointer() == reflect.ValueOf(tree).Pointer() }

	for _, tc := range []struct {
		why   string
		ctx   context.Context
		data  []byte
		lim   Limits
		reuse bool
	}{
		{"the same bytes, the same depth limit", ctx, data, Limits{}, true},
		{"equal bytes elsewhere in memory", ctx, append([]byte(nil), data...), Limits{}, false},
		{"a prefix of the same memory", ctx, data[:len(data)-1], Limits{}, false},
		{"another depth limit", ctx, data, Limits{MaxDepth: 3}, false},
		{"nothing in ctx", context.Background(), data, Limits{}, false},
	} {
		t.Run(tc.why, func(t *testing.T) {
			got, err := DecodeContext(tc.ctx, tc.data, &tc.lim)
			want, wantErr := Decode(tc.data, &tc.lim)
			if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("DecodeContext = %v, %v; Decode = %v, %v", got, err, want, wantErr)
			}
			if err == nil && same(got) != tc.reuse {
				t.Errorf("reused the caller's tree: %v, want %v", same(got), tc.reuse)
			}
			// The shared variant differs only in how it decodes when
			// there is nothing to reuse.
			shared, err := DecodeSharedContext(tc.ctx, tc.data, &tc.lim)
			if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(shared, want) {
				t.Fatalf("DecodeSharedContext = %v, %v; Decode = %v, %v", shared, err, want, wantErr)
			}
			if err == nil && same(shared) != tc.reuse {
				t.Errorf("DecodeSharedContext reused the caller's tree: %v, want %v", same(shared), tc.reuse)
			}
			// Only a decoding of its own is the caller's to modify.
			owned, isOwn, _, err := DecodeSharedContextOwned(tc.ctx, tc.data, &tc.lim)
			if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(owned, want) {
				t.Fatalf("DecodeSharedContextOwned = %v, %v; Decode = %v, %v", owned, err, want, wantErr)
			}
			if err == nil && (same(owned) != tc.reuse || isOwn == tc.reuse) {
				t.Errorf("DecodeSharedContextOwned reused the caller's tree: %v, said it owns the result: %v; want reuse %v", same(owned), isOwn, tc.reuse)
			}
		})
	}

	t.Run("the size limit still applies", func(t *testing.T) {
		if _, err := DecodeContext(ctx, data, &Limits{MaxBytes: 5}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("got %v, want ErrTooLarge", err)
		}
	})
	t.Run("the number rule still applies", func(t *testing.T) {
		big := []byte(`{"n":1e400}`)
		tree, err := strictjson.Decode(big, strictjson.Limits{MaxDepth: DefaultMaxDepth})
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeContext(WithDecoded(context.Background(), big, tree, DefaultMaxDepth), big, &Limits{})
		_, want := Decode(big, &Limits{})
		if err == nil || err.Error() != want.Error() {
			t.Errorf("got %v, want Decode's %v", err, want)
		}
	})
}

// TestLent: a tree lent with the reader's Shape is reused as WithDecoded's
// is, without checkNumbers' walk; with the zero Shape (a tree from Decode)
// the walk still runs, so an out-of-range number is refused as Decode
// refuses it.
func TestLent(t *testing.T) {
	data := []byte(`{"a":[1,"x",{"b":true}],"n":-2.5e3}`)
	tree, shape, err := strictjson.DecodeFiniteShape(data, strictjson.Limits{MaxDepth: DefaultMaxDepth}, false)
	if err != nil {
		t.Fatal(err)
	}
	var l Lent
	ctx := l.Wrap(context.Background(), data, tree, DefaultMaxDepth, shape)
	got, owned, _, err := DecodeSharedContextOwned(ctx, data, &Limits{})
	want, _ := Decode(data, nil)
	if err != nil || owned || reflect.ValueOf(got).Pointer() != reflect.ValueOf(tree).Pointer() || !reflect.DeepEqual(got, want) {
		t.Fatalf("the lent tree: %v, owned %v, %v; want the tree itself, equal to Decode's %v", got, owned, err, want)
	}
	if _, err := DecodeContext(ctx, append([]byte(nil), data...), nil); err != nil {
		t.Fatalf("equal bytes elsewhere: %v", err)
	}
	if _, err := DecodeContext(ctx, data, &Limits{MaxBytes: 5}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("the size limit: got %v, want ErrTooLarge", err)
	}

	// A promise broken on purpose (a number the reader would have
	// refused) shows whether the walk ran: only a Shape skips it.
	big := []byte(`{"n":1e400}`)
	bad, err := strictjson.Decode(big, strictjson.Limits{MaxDepth: DefaultMaxDepth})
	if err != nil {
		t.Fatal(err)
	}
	_, wantErr := Decode(big, nil)
	if _, err := DecodeContext(l.Wrap(context.Background(), big, bad, DefaultMaxDepth, strictjson.Shape{}), big, nil); err == nil || err.Error() != wantErr.Error() {
		t.Errorf("the zero Shape: got %v, want Decode's %v", err, wantErr)
	}
	if _, err := DecodeContext(l.Wrap(context.Background(), big, bad, DefaultMaxDepth, shape), big, nil); err != nil {
		t.Errorf("a Shape: the numbers were walked again (%v)", err)
	}
	// Context plumbing: the parent's values and cancellation show through.
	type key struct{}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, 7))
	ctx = l.Wrap(parent, data, tree, DefaultMaxDepth, shape)
	cancel()
	if ctx.Value(key{}) != 7 || ctx.Err() == nil || ctx.Done() == nil {
		t.Error("Lent hides its parent's value or cancellation")
	}
}
