package jsonld

import (
	"fmt"
	"slices"
	"strings"
)

// checkNulls refuses a document whose nulls (outside contexts) are not all
// kept by expansion. JSON-LD drops a null member or array entry, so a
// signature would not cover it; but a JSON literal (a term typed @json) is
// kept whole, nulls included, and its canonical JSON is what is signed.
// Expansion never invents nulls, so the document's nulls are all data
// exactly when the expanded JSON literals hold as many.
func checkNulls(in any, expanded []any) error {
	want := countNulls(in)
	if want == 0 {
		return nil
	}
	got := 0
	for _, el := range expanded {
		got += literalNulls(el)
	}
	if got == want {
		return nil
	}
	path, _ := firstNull(in, nil)
	if got == 0 {
		return fmt.Errorf("%w: null at %s: JSON-LD drops null values (outside JSON literals), so a signature would not cover it; remove the member", ErrUnsafeDocument, path)
	}
	return fmt.Errorf("%w: %d of the document's %d null values are outside JSON literals (the first null is at %s): JSON-LD drops them, so a signature would not cover them; remove those members", ErrUnsafeDocument, want-got, want, path)
}

// countNulls counts the nulls of a document outside its contexts (readDocument
// treats every "@context" member as a context).
func countNulls(v any) int {
	switch t := v.(type) {
	case nil:
		return 1
	case map[string]any:
		n := 0
		for k, x := range t {
			if k != "@context" {
				n += countNulls(x)
			}
		}
		return n
	case []any:
		n := 0
		for _, x := range t {
			n += countNulls(x)
		}
		return n
	}
	return 0
}

// literalNulls counts the nulls inside the JSON literals of expanded
// JSON-LD. A literal that is itself null is not counted: it is refused.
func literalNulls(v any) int {
	switch t := v.(type) {
	case map[string]any:
		if val, ok := t["@value"]; ok {
			if t["@type"] != "@json" {
				return 0
			}
			switch val.(type) {
			case map[string]any, []any:
				return countNulls(val)
			}
			return 0
		}
		n := 0
		for _, x := range t {
			n += literalNulls(x)
		}
		return n
	case []any:
		n := 0
		for _, x := range t {
			n += literalNulls(x)
		}
		return n
	}
	return 0
}

// firstNull finds the first null outside contexts, in key order, for the
// error message.
func firstNull(v any, path *pathElem) (*pathElem, bool) {
	switch t := v.(type) {
	case nil:
		return path, true
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			if k != "@context" {
				keys = append(keys, k)
			}
		}
		slices.SortFunc(keys, strings.Compare)
		for _, k := range keys {
			if p, ok := firstNull(t[k], &pathElem{parent: path, key: k}); ok {
				return p, true
			}
		}
	case []any:
		for i, x := range t {
			if p, ok := firstNull(x, &pathElem{parent: path, index: i, isIdx: true}); ok {
				return p, true
			}
		}
	}
	return nil, false
}
