package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/microcred/microcred/internal/fixtures"
)

// FuzzDecode holds the reader to encoding/json on what both accept: the
// same value, and it refuses exactly what a plain reference (encoding/json
// tokens, names compared with strings.EqualFold) says it must. Check,
// Members and SplitObject must agree with Decode and never panic.
func FuzzDecode(f *testing.F) {
	for _, file := range fixtures.Glob(f, "1edtech/testvectors/*.json") {
		f.Add(fixtures.Read(f, file))
	}
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"kid":1,"KID":2}`, `{"@context":{"A":1,"a":{"B":1,"b":2}},"x":{"C":1,"c":1}}`, `{"k":1,"\u212a":2}`, `[[[[]]]]`,
		`{"a":"\ud800"}`, `{"a":1} {}`, `"x"`, ``, ` `, `{"a":[1,2.5e3,-0,true,null,"\u00e9"]}`, `[[1,[2,[]]],[],["VerifiableCredential","en",[[{}]]]]`,
		`{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":0,"k11":1,"k12":2,"k13":3,"k14":4,"k15":5,"k16":6,"K3":7}`} {
		f.Add([]byte(s))
	}
	const depth = 8
	lim := Limits{MaxDepth: depth}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := Decode(in, lim)
		if cerr := Check(in, lim); (cerr == nil) != (err == nil) || err != nil && cerr.Error() != err.Error() {
			t.Fatalf("Check %v, Decode %v", cerr, err)
		}
		shared, serr := DecodeShared(in, lim)
		if (serr == nil) != (err == nil) || err != nil && serr.Error() != err.Error() || !reflect.DeepEqual(got, shared) {
			t.Fatalf("DecodeShared %#v, %v; Decode %#v, %v", shared, serr, got, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not an *Error", err)
			}
		}
		ms, merr := Members(in, lim)
		_, isObj := got.(map[string]any)
		if (merr == nil) != (err == nil && isObj) {
			t.Fatalf("Members %v, Decode %v", merr, err)
		}
		if merr == nil {
			sm, serr := SplitObject(in)
			if serr != nil || len(sm) != len(ms) {
				t.Fatalf("SplitObject %v on what Members accepted", serr)
			}
		}
		if all, aerr := DecodeAll(in, lim); err == nil && (aerr != nil || len(all) != 1 || !reflect.DeepEqual(all[0], got)) {
			t.Fatalf("DecodeAll %v, %v on what Decode accepted", all, aerr)
		}
		_, _ = SplitObject(in) // on anything: no panic
		_, _ = SplitArray(in)

		want, refErr := reference(in, depth)
		switch {
		case err == nil && refErr != nil:
			t.Fatalf("accepted %q, reference refuses: %v", in, refErr)
		case err != nil && refErr == nil:
			t.Fatalf("refused %q (%v), reference accepts", in, err)
		case err == nil:
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("%q read differently: encoding/json %#v, strictjson %#v", in, want, got)
			}
		}
	})
}

// reference decodes with encoding/json and applies the rules of the
// package independently: UTF-8, lone surrogates, names per object, depth.
func reference(in []byte, maxDepth int) (any, error) {
	if !utf8.Valid(in) {
		return nil, errors.New("invalid UTF-8")
	}
	if hasLoneSurrogate(in) {
		return nil, errors.New("lone surrogate")
	}
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	type frame struct {
		obj, expectKey bool
		ctx            bool // inside an "@context" value: exact names only
		key            string
		names          []string
	}
	var stack []*frame
	values := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(stack) == 0 {
			if values++; values > 1 {
				return nil, errors.New("trailing data")
			}
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) >= maxDepth {
					return nil, errors.New("too deep")
				}
				ctx := false
				if top != nil {
					ctx = top.ctx || top.obj && top.key == "@context"
				}
				if top != nil && top.obj {
					top.expectKey = true
				}
				stack = append(stack, &frame{obj: t == '{', expectKey: t == '{', ctx: ctx})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if top != nil && top.obj && top.expectKey {
				for _, n := range top.names {
					if n == t || !top.ctx && strings.EqualFold(n, t) {
						return nil, errors.New("duplicate or case variant")
					}
				}
				top.names = append(top.names, t)
				top.key = t
				top.expectKey = false
				continue
			}
			if top != nil && top.obj {
				top.expectKey = true
			}
		default:
			if top != nil && top.obj {
				top.expectKey = true
			}
		}
	}
	if values == 0 {
		return nil, io.ErrUnexpectedEOF
	}
	dec = json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// hasLoneSurrogate scans \u escapes outside of \\ pairs.
func hasLoneSurrogate(in []byte) bool {
	isHex := func(b []byte) (rune, bool) {
		if len(b) < 4 {
			return 0, false
		}
		return hexRune(b)
	}
	for i := 0; i+1 < len(in); i++ {
		if in[i] != '\\' {
			continue
		}
		if in[i+1] != 'u' {
			i++
			continue
		}
		r, ok := isHex(in[i+2:])
		if !ok {
			continue
		}
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+12 > len(in) || in[i+6] != '\\' || in[i+7] != 'u' {
				return true
			}
			lo, ok := isHex(in[i+8:])
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			i += 11
		case r >= 0xDC00 && r <= 0xDFFF:
			return true
		default:
			i += 5
		}
	}
	return false
}
