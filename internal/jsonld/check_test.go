package jsonld

import (
	"errors"
	"strings"
	"testing"
)

// TestIsAbsIRIEveryByte checks the lookup tables of isAbsIRI against the
// rule they encode, for every byte in the scheme and after the colon.
func TestIsAbsIRIEveryByte(t *testing.T) {
	for b := range 256 {
		c := byte(b)
		inScheme := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '.' || c == '-'
		if got := isAbsIRI("a" + string(c) + ":x"); got != (inScheme || c == ':') {
			t.Errorf("byte %#x in the scheme: isAbsIRI = %v, want %v", c, got, inScheme || c == ':')
		}
		inBody := c > 0x20 && c != 0x7f && !strings.ContainsRune("<>\"{}|^`\\", rune(c))
		if got := isAbsIRI("urn:x" + string(c) + "y"); got != inBody {
			t.Errorf("byte %#x after the colon: isAbsIRI = %v, want %v", c, got, inBody)
		}
	}
}

// TestCheckDescribesDeepNodes: the checker describes where an error is only
// when it reports one, from a stack that spills past its fixed part; the
// description must name the path through nodes nested deeper than that.
func TestCheckDescribesDeepNodes(t *testing.T) {
	const depth = 20 // more than checker.near holds
	var leaf any = []any{map[string]any{"@id": "relative"}}
	for i := depth - 1; i >= 0; i-- {
		node := map[string]any{"https://e.org/p": leaf}
		if i == 3 {
			node["@id"] = "urn:three"
		}
		leaf = []any{node}
	}
	err := checkExpanded(leaf)
	if !errors.Is(err, ErrUnsafeDocument) {
		t.Fatalf("err = %v, want ErrUnsafeDocument", err)
	}
	want := `@id "relative" in property <https://e.org/p> of ` + strings.Repeat("the node in property <https://e.org/p> of ", depth-4) + "<urn:three>"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant it to contain %s", err, want)
	}
}

// TestCopierPathDeep: the copier keeps its path in a fixed array and spills
// past it; an error deep in a decoded document must still name the whole
// JSON Pointer.
func TestCopierPathDeep(t *testing.T) {
	var v any = "bad \xff"
	want := ""
	for i := 19; i >= 0; i-- {
		if i%2 == 0 {
			v = []any{v}
			want = "/0" + want
		} else {
			v = map[string]any{"k" + string(rune('a'+i)): v}
			want = "/k" + string(rune('a'+i)) + want
		}
	}
	_, err := readDocument(map[string]any{"root": v}, Limits{}.withDefaults())
	if !errors.Is(err, ErrInvalidDocument) || !strings.Contains(err.Error(), "/root"+want+" ") {
		t.Errorf("err = %v, want ErrInvalidDocument naming /root%s", err, want)
	}
}
