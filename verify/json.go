package verify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// checkJSON refuses JSON that different parsers would read differently, or
// that would cost unbounded work: invalid UTF-8 (encoding/json silently
// replaces it), escaped lone surrogates (likewise), duplicate object keys
// (encoding/json keeps the last, other parsers the first, so a signature
// could cover a value the verifier never sees), nesting beyond maxDepth, and
// trailing data. It returns the first problem with its JSON pointer.
func checkJSON(raw []byte, maxDepth int) error {
	if jsonLooksClean(raw, maxDepth) {
		return nil
	}
	return explainJSON(raw, maxDepth)
}

// jsonLooksClean is checkJSON's fast path: true only when explainJSON
// would find nothing (FuzzJSONFastPath holds it to that). It makes three
// linear passes with almost no allocation; any doubt, and explainJSON,
// which walks the tokens and builds JSON pointers, says what is wrong.
func jsonLooksClean(raw []byte, maxDepth int) bool {
	if !utf8.Valid(raw) || !json.Valid(raw) {
		return false
	}
	if bytes.Contains(raw, []byte(`\u`)) && hasLoneSurrogate(raw) {
		return false
	}
	// raw is valid JSON from here on, so the scan below need not check
	// syntax: it counts depth and compares each object's member names.
	type frame struct {
		obj, expectKey bool
		first          int // this object's names are keys[first:]
		seen           map[string]struct{}
	}
	var stack []frame
	var keys [][]byte
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{', '[':
			if len(stack) >= maxDepth {
				return false
			}
			stack = append(stack, frame{obj: raw[i] == '{', expectKey: raw[i] == '{', first: len(keys)})
		case '}', ']':
			keys = keys[:stack[len(stack)-1].first]
			stack = stack[:len(stack)-1]
		case ',':
			if top := &stack[len(stack)-1]; top.obj {
				top.expectKey = true
			}
		case '"':
			end := i + 1
			escaped := false
			for raw[end] != '"' {
				if raw[end] == '\\' {
					escaped = true
					end++
				}
				end++
			}
			n := len(stack)
			if n == 0 || !stack[n-1].obj || !stack[n-1].expectKey {
				i = end
				continue
			}
			top := &stack[n-1]
			top.expectKey = false
			key := raw[i+1 : end]
			if escaped {
				var k string
				if json.Unmarshal(raw[i:end+1], &k) != nil {
					return false
				}
				key = []byte(k)
			}
			switch {
			case top.seen != nil:
				if _, dup := top.seen[string(key)]; dup {
					return false
				}
				top.seen[string(key)] = struct{}{}
			case len(keys)-top.first < 16:
				for _, k := range keys[top.first:] {
					if bytes.Equal(k, key) {
						return false
					}
				}
				keys = append(keys, key)
			default:
				top.seen = make(map[string]struct{}, 32)
				for _, k := range keys[top.first:] {
					top.seen[string(k)] = struct{}{}
				}
				if _, dup := top.seen[string(key)]; dup {
					return false
				}
				top.seen[string(key)] = struct{}{}
			}
			i = end
		}
	}
	return true
}

// explainJSON is checkJSON's slow path: it finds the first problem and
// where it is.
func explainJSON(raw []byte, maxDepth int) error {
	if !utf8.Valid(raw) {
		return errors.New("input is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	type frame struct {
		obj  bool
		keys map[string]struct{}
		path string
		idx  int
		key  string // current key when obj
	}
	var stack []*frame
	here := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.obj {
			return f.path + "/" + f.key
		}
		return f.path + "/" + strconv.Itoa(f.idx)
	}
	expectKey := func() bool {
		if len(stack) == 0 {
			return false
		}
		f := stack[len(stack)-1]
		return f.obj && f.key == "\x00"
	}
	afterValue := func() {
		if len(stack) == 0 {
			return
		}
		f := stack[len(stack)-1]
		if f.obj {
			f.key = "\x00"
		} else {
			f.idx++
		}
	}
	values := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("invalid JSON at %s: %v", pointerOrRoot(here()), err)
		}
		if len(stack) == 0 {
			if values++; values > 1 {
				return errors.New("invalid JSON: data after the top-level value")
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) >= maxDepth {
					return fmt.Errorf("%w: JSON nesting deeper than %d at %s", ErrLimit, maxDepth, pointerOrRoot(here()))
				}
				stack = append(stack, &frame{obj: t == '{', keys: map[string]struct{}{}, path: here(), key: "\x00"})
			case '}', ']':
				stack = stack[:len(stack)-1]
				afterValue()
			}
		case string:
			if expectKey() {
				f := stack[len(stack)-1]
				if _, dup := f.keys[t]; dup {
					return fmt.Errorf("duplicate key %q at %s", t, pointerOrRoot(f.path))
				}
				f.keys[t] = struct{}{}
				f.key = t
				continue
			}
			afterValue()
		default:
			afterValue()
		}
	}
	if bytes.Contains(raw, []byte(`\u`)) && hasLoneSurrogate(raw) {
		return errors.New("JSON string contains an unpaired UTF-16 surrogate escape")
	}
	return nil
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "the top level"
	}
	return p
}

// hasLoneSurrogate scans \uD800-\uDFFF escapes for pairs; encoding/json
// turns an unpaired one into U+FFFD, which a signer may not have seen.
func hasLoneSurrogate(raw []byte) bool {
	hex4 := func(b []byte) (rune, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v, err := strconv.ParseUint(string(b[:4]), 16, 16)
		return rune(v), err == nil
	}
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // skip the escaped character (it may be a backslash)
			continue
		}
		r, ok := hex4(raw[i+2:])
		if !ok {
			continue
		}
		switch {
		case r >= 0xD800 && r <= 0xDBFF:
			if i+12 > len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' {
				return true
			}
			lo, ok := hex4(raw[i+8:])
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

// strictUnmarshal runs checkJSON and then decodes into v.
func strictUnmarshal(raw []byte, v any, maxDepth int) error {
	if err := checkJSON(raw, maxDepth); err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}
