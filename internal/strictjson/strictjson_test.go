package strictjson

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		lim      Limits
		want     error
		pointer  string
		reason   string
	}{
		{"duplicate", `{"a":1,"a":2}`, Limits{}, ErrDuplicateKey, "/a", "parsers disagree on which member wins"},
		{"duplicate nested", `{"x":[{"b":1},{"b":1,"b":1}]}`, Limits{}, ErrDuplicateKey, "/x/1/b", "the pointer names the element and member"},
		{"duplicate by escape", `{"kid":1,"k\u0069d":2}`, Limits{}, ErrDuplicateKey, "/kid", "names are compared after unescaping"},
		{"case variant", `{"kid":"a","KID":"b"}`, Limits{}, ErrCaseVariant, "/KID", "a case-insensitive reader sees one member"},
		{"case variant mixed", `{"alg":"EdDSA","Alg":"none"}`, Limits{}, ErrCaseVariant, "/Alg", "any mix of cases"},
		{"case variant kelvin", `{"k":1,"\u212a":2}`, Limits{}, ErrCaseVariant, "/\u212a", "Unicode folding: KELVIN SIGN folds to k"},
		{"case variant large object", `{` + manyMembers(40) + `,"M7":1}`, Limits{}, ErrCaseVariant, "/M7", "objects indexed by a map fold the same way"},
		{"duplicate large object", `{` + manyMembers(40) + `,"m39":1}`, Limits{}, ErrDuplicateKey, "/m39", "objects indexed by a map find duplicates"},
		{"invalid UTF-8", "{\"a\":[\"ok\",\"\xff\"]}", Limits{}, ErrInvalidUTF8, "/a/1", "encoding/json would read U+FFFD"},
		{"lone high surrogate", `{"a":"\ud800"}`, Limits{}, ErrInvalidUTF8, "/a", "encoding/json would read U+FFFD"},
		{"lone low surrogate", `["\udc00x"]`, Limits{}, ErrInvalidUTF8, "/0", "a low half alone"},
		{"reversed surrogates", `["\udc00\ud800"]`, Limits{}, ErrInvalidUTF8, "/0", "low half first"},
		{"too deep", `{"a":[[[1]]]}`, Limits{MaxDepth: 3}, ErrTooDeep, "/a/0/0", "nesting past the cap"},
		{"too large", `"abcdef"`, Limits{MaxBytes: 4}, ErrTooLarge, "", "size past the cap"},
		{"trailing data", `{} {}`, Limits{}, ErrSyntax, "", "two documents"},
		{"trailing comma", `{"a":1,}`, Limits{}, ErrSyntax, "", "not JSON"},
		{"leading zero", `[01]`, Limits{}, ErrSyntax, "", "the array sees a second token without a comma"},
		{"bad escape", `["\x"]`, Limits{}, ErrSyntax, "/0", "not JSON"},
		{"control character", "[\"a\tb\"]", Limits{}, ErrSyntax, "/0", "raw control characters are not allowed in strings"},
		{"empty", ``, Limits{}, ErrSyntax, "", "no value"},
		{"duplicate in a context", `{"@context":{"a":1,"a":2}}`, Limits{}, ErrDuplicateKey, "/@context/a", "exact duplicates are refused in contexts too"},
		{"case variant beside a context", `{"@context":{"a":1},"id":1,"ID":2}`, Limits{}, ErrCaseVariant, "/ID", "the exemption ends with the context"},
		{"case variant in a large context", `{"@context":{` + manyMembers(40) + `,"M7":1},"a":{` + manyMembers(40) + `,"M7":1}}`, Limits{}, ErrCaseVariant, "/a/M7", "the map path honours the exemption too"},
		{"pointer escapes", `{"a/b":{"c~d":[nul]}}`, Limits{}, ErrSyntax, "/a~1b/c~0d/0", "RFC 6901 escaping of / and ~"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in), tc.lim)
			if !errors.Is(err, tc.want) {
				t.Fatalf("%s: got %v, want %v", tc.reason, err, tc.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not an *Error", err)
			}
			if e.Pointer != tc.pointer {
				t.Errorf("%s: pointer %q, want %q (%v)", tc.reason, e.Pointer, tc.pointer, err)
			}
			if cerr := Check([]byte(tc.in), tc.lim); !errors.Is(cerr, tc.want) || cerr.Error() != err.Error() {
				t.Errorf("Check says %v, Decode %v", cerr, err)
			}
			if _, serr := DecodeShared([]byte(tc.in), tc.lim); serr == nil || serr.Error() != err.Error() {
				t.Errorf("DecodeShared says %v, Decode %v", serr, err)
			}
		})
	}
}

func manyMembers(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"m` + string(rune('0'+i/10)) + string(rune('0'+i%10)) + `":1`)
	}
	return strings.Replace(b.String(), `"m07"`, `"m7"`, 1)
}

func TestDecodeAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     any
		reason   string
	}{
		{"exact numbers", `[12345678901234567890123, 1.50, -0, 1e400]`,
			[]any{json.Number("12345678901234567890123"), json.Number("1.50"), json.Number("-0"), json.Number("1e400")}, "numbers are kept as written"},
		{"surrogate pair", `"\ud83d\ude00"`, "\U0001F600", "a paired surrogate is one code point"},
		{"escapes", `"a\"\\\/\b\f\n\r\t\u00e9"`, "a\"\\/\b\f\n\r\té", "every escape of RFC 8259"},
		{"same name in sibling objects", `[{"a":1},{"a":2}]`, []any{map[string]any{"a": json.Number("1")}, map[string]any{"a": json.Number("2")}}, "names are per object"},
		{"same name at two levels", `{"a":{"A":1}}`, map[string]any{"a": map[string]any{"A": json.Number("1")}}, "case variants in different objects are fine"},
		{"scalars", ` [true,false,null,""] `, []any{true, false, nil, ""}, "literals and surrounding space"},
		{"case variants in a context", `{"@context":[{"Alignment":"ob:Alignment","alignment":"ob:alignment","x":{"@context":{"Child":1,"child":2}}}]}`,
			map[string]any{"@context": []any{map[string]any{"Alignment": "ob:Alignment", "alignment": "ob:alignment",
				"x": map[string]any{"@context": map[string]any{"Child": json.Number("1"), "child": json.Number("2")}}}}},
			"JSON-LD terms are case-sensitive; the OB 3.0 context defines both"},
		{"empty containers", `{"a":{},"b":[]}`, map[string]any{"a": map[string]any{}, "b": []any{}}, "empty, not nil"},
		{"escaped and plain names side by side", `{"k\u0069d":"v\n","kie":"w","\u00e9t\u00e9":1.5}`, map[string]any{"kid": "v\n", "kie": "w", "été": json.Number("1.5")},
			"DecodeShared cuts plain names and strings from the text and unescapes the others"},
		{"nested arrays", `[[1,[2,"x",[]],[[]]],[],{"a":[[3],4]},5]`,
			[]any{[]any{json.Number("1"), []any{json.Number("2"), "x", []any{}}, []any{[]any{}}}, []any{},
				map[string]any{"a": []any{[]any{json.Number("3")}, json.Number("4")}}, json.Number("5")},
			"arrays are built from one stack of elements; an inner array must not take or lose its parent's"},
		{"repeated terms", `{"type":["VerifiableCredential","Verifiable\u0043redential","VerifiableCredentialX","Verifiable"],"a":"en","b":"e"}`,
			map[string]any{"type": []any{"VerifiableCredential", "VerifiableCredential", "VerifiableCredentialX", "Verifiable"}, "a": "en", "b": "e"},
			"a value credentials repeat reads as itself, written plainly or with escapes, and its prefixes and extensions as themselves"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.in), Limits{})
			if err != nil {
				t.Fatalf("%s: %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			if err := Check([]byte(tc.in), Limits{}); err != nil {
				t.Errorf("Check refuses what Decode accepts: %v", err)
			}
			shared, err := DecodeShared([]byte(tc.in), Limits{})
			if err != nil {
				t.Fatalf("DecodeShared refuses what Decode accepts: %v", err)
			}
			if diff := cmp.Diff(got, shared); diff != "" {
				t.Errorf("DecodeShared differs from Decode (-Decode +DecodeShared):\n%s", diff)
			}
		})
	}
}

type header struct {
	Alg  string          `json:"alg"`
	Kid  string          `json:"kid,omitempty"`
	JWK  json.RawMessage `json:"jwk,omitempty"`
	Next *header         `json:"next,omitempty"`
	Embedded
	List []inner          `json:"list"`
	Map  map[string]inner `json:"map"`
}

type Embedded struct {
	Typ string `json:"typ"`
}

type inner struct {
	ID string // no tag: the JSON name is "ID"
}

func TestUnmarshalCaseSensitive(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		pointer  string
		reason   string
	}{
		{"KID", `{"alg":"EdDSA","KID":"https://victim.example/issuer#k"}`, "/KID", "the issue 15 attack: KID must not become the kid"},
		{"Kid", `{"alg":"EdDSA","Kid":"x"}`, "/Kid", "any case but the exact one"},
		{"ALG", `{"ALG":"EdDSA"}`, "/ALG", "alg as well"},
		{"embedded field", `{"alg":"EdDSA","TYP":"JWT"}`, "/TYP", "fields promoted from embedded structs"},
		{"nested pointer", `{"alg":"EdDSA","next":{"Alg":"none"}}`, "/next/Alg", "through pointers to structs"},
		{"slice element", `{"alg":"EdDSA","list":[{"ID":"a"},{"id":"b"}]}`, "/list/1/id", "untagged field names are exact too"},
		{"map value", `{"alg":"EdDSA","map":{"x":{"Id":"b"}}}`, "/map/x/Id", "through map values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h header
			err := Unmarshal([]byte(tc.in), &h, Limits{})
			var e *Error
			if !errors.Is(err, ErrFieldCase) || !errors.As(err, &e) {
				t.Fatalf("%s: got %v, want ErrFieldCase", tc.reason, err)
			}
			if e.Pointer != tc.pointer {
				t.Errorf("pointer %q, want %q", e.Pointer, tc.pointer)
			}
		})
	}
	var h header
	in := `{"alg":"EdDSA","kid":"k","typ":"JWT","jwk":{"KTY":"free inside raw JSON"},"unknown":1,"list":[{"ID":"a"}]}`
	if err := Unmarshal([]byte(in), &h, Limits{}); err != nil {
		t.Fatal(err)
	}
	if h.Alg != "EdDSA" || h.Kid != "k" || h.Typ != "JWT" || len(h.List) != 1 || h.List[0].ID != "a" {
		t.Errorf("decoded %+v", h)
	}
}

func TestUnmarshalErrors(t *testing.T) {
	var h header
	err := Unmarshal([]byte(`{"alg":1}`), &h, Limits{})
	var e *Error
	var te *json.UnmarshalTypeError
	if !errors.Is(err, ErrType) || !errors.As(err, &te) || !errors.As(err, &e) || e.Pointer != "/alg" {
		t.Errorf("a number for a string: %v", err)
	}
	if err := Unmarshal([]byte(`{}`), h, Limits{}); err == nil {
		t.Error("Unmarshal into a non-pointer succeeded")
	}
	if err := Unmarshal([]byte(`{"alg":"a","alg":"b"}`), &h, Limits{}); !errors.Is(err, ErrDuplicateKey) {
		t.Errorf("duplicate: %v", err)
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     error
		reason   string
	}{
		{"members", ` {"a" : [1,{"b":"}"}], "c":"\"x"} `, nil, "values with brackets and quotes inside strings are skipped whole"},
		{"duplicate", `{"a":1,"a":2}`, ErrDuplicateKey, "encoding/json, which validated the input, does not refuse duplicates"},
		{"case variant", `{"id":1,"ID":2}`, ErrCaseVariant, "nor names that differ only in case"},
		{"lone surrogate in a name", `{"\ud800":1}`, ErrInvalidUTF8, "names are checked in full because they are unescaped here"},
		{"not an object", `[1]`, ErrType, "the caller asked for an object"},
		{"truncated", `{"a":[1,2`, ErrSyntax, "malformed input gives an error, not a panic"},
		{"truncated name", `{"a`, ErrSyntax, "malformed input gives an error, not a panic"},
		{"trailing data", `{"a":1}x`, ErrSyntax, "one value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := SplitObject([]byte(tc.in))
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("%s: got %v, want %v", tc.reason, err, tc.want)
			}
			if err == nil && (len(ms) != 2 || !ms[0].Is("a") || string(ms[0].Value) != `[1,{"b":"}"}]` || string(ms[1].Value) != `"\"x"` || string(ms[1].RawName) != `"c"`) {
				t.Errorf("members %q", ms)
			}
		})
	}
	items, err := SplitArray([]byte(`[ 1 ,"]", {"a":[]} ]`))
	if err != nil || len(items) != 3 || string(items[1]) != `"]"` || string(items[2]) != `{"a":[]}` {
		t.Errorf("SplitArray = %q, %v", items, err)
	}
}

// TestSplitStrings: values are skipped by finding the end of each string,
// first by the quick search for a quote with no backslash before it, else
// byte by byte; both must end every string where it ends.
func TestSplitStrings(t *testing.T) {
	for _, tc := range []struct {
		elem   string
		reason string
	}{
		{`"plain"`, "no escape: the quick search"},
		{`""`, "empty"},
		{`"a\\"`, "an escaped backslash just before the closing quote"},
		{`"\\\""`, "an escaped backslash, then an escaped quote"},
		{`"say \"hi\""`, "escaped quotes inside"},
		{`"x\u0022y"`, "a quote spelled as an escape"},
		{`["a\\",{"b":"]\\"}]`, "escapes inside a nested value"},
		{`{"k":"v"}`, "an object whose strings have no escape"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			in := `[` + tc.elem + ` ,` + tc.elem + `]`
			items, err := SplitArray([]byte(in))
			if err != nil || len(items) != 2 || string(items[0]) != tc.elem || string(items[1]) != tc.elem {
				t.Fatalf("SplitArray(%s) = %q, %v; want two of %s", in, items, err, tc.elem)
			}
			ms, err := SplitObject([]byte(`{"a":` + tc.elem + `,"b":` + tc.elem + `}`))
			if err != nil || len(ms) != 2 || string(ms[1].Value) != tc.elem {
				t.Fatalf("SplitObject = %q, %v", ms, err)
			}
		})
	}
	if _, err := SplitArray([]byte(`["abc\"]`)); !errors.Is(err, ErrSyntax) {
		t.Errorf("an escaped quote does not end a string: %v", err)
	}
}

// TestSplitInto: the Into forms give what SplitObject and SplitArray give,
// in the caller's storage while it suffices and in their own beyond it,
// whatever the buffer held before.
func TestSplitInto(t *testing.T) {
	obj := []byte(`{"a":1,"b":{"c":[2]},"d":"e","A2":null,"f":[],"g":true}`)
	arr := []byte(`[1,"x",{"a":[]},[2,3],null]`)
	wantM, err := SplitObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	wantA, err := SplitArray(arr)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		size   int
		reason string
	}{
		{"nil", 0, "no buffer: the function allocates, as SplitObject does"},
		{"roomy", 16, "everything fits in the caller's storage"},
		{"exact", 6, "the last member fills the buffer"},
		{"short", 2, "the members outgrow the buffer and move to new storage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bufM []Member
			var bufA [][]byte
			if tc.size > 0 {
				bufM = make([]Member, tc.size)
				bufA = make([][]byte, tc.size)
				for i := range bufM {
					bufM[i] = Member{Key: []byte("stale")}
					bufA[i] = []byte("stale")
				}
			}
			gotM, err := SplitObjectInto(bufM, obj)
			if err != nil || !reflect.DeepEqual(gotM, wantM) {
				t.Fatalf("%s: SplitObjectInto = %q, %v; SplitObject = %q", tc.reason, gotM, err, wantM)
			}
			if fits := len(wantM) <= tc.size; fits != (tc.size > 0 && &gotM[0] == &bufM[0]) {
				t.Errorf("%s: members in the caller's storage = %v, want %v", tc.reason, !fits, fits)
			}
			gotA, err := SplitArrayInto(bufA, arr)
			if err != nil || !reflect.DeepEqual(gotA, wantA) {
				t.Fatalf("%s: SplitArrayInto = %q, %v; SplitArray = %q", tc.reason, gotA, err, wantA)
			}
		})
	}
	// Duplicates are found among the object's own members only, not
	// against what the buffer held.
	stale := []Member{{Key: []byte("a")}, {Key: []byte("b")}}
	if ms, err := SplitObjectInto(stale, []byte(`{"a":1}`)); err != nil || len(ms) != 1 {
		t.Errorf("SplitObjectInto over a used buffer = %q, %v", ms, err)
	}
	if _, err := SplitObjectInto(make([]Member, 4), []byte(`{"a":1,"A":2}`)); !errors.Is(err, ErrCaseVariant) {
		t.Errorf("a case variant in a buffer: %v", err)
	}
}

func TestDecodeAll(t *testing.T) {
	got, err := DecodeAll([]byte(" {\"a\":1}\n[2] \"x\" "), Limits{})
	if err != nil || len(got) != 3 {
		t.Fatalf("DecodeAll = %v, %v", got, err)
	}
	for _, tc := range []struct {
		in      string
		want    error
		pointer string
		reason  string
	}{
		{`{"a":1} {"b":1,"B":2}`, ErrCaseVariant, "/B", "each text is checked"},
		{`{"a":1} {"b":[1,}`, ErrSyntax, "/b", "a broken second text"},
		{" \n ", ErrSyntax, "", "no text at all"},
		{"{} [\"\xff\"]", ErrInvalidUTF8, "", "invalid UTF-8 anywhere"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := DecodeAll([]byte(tc.in), Limits{})
			var e *Error
			if !errors.Is(err, tc.want) || !errors.As(err, &e) || !strings.HasPrefix(e.Pointer, tc.pointer) {
				t.Errorf("%s: DecodeAll(%q) = %v", tc.reason, tc.in, err)
			}
		})
	}
}
