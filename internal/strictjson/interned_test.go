package strictjson

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"strconv"
	"testing"
)

// TestInternedReturnsItself reads the generated switch: every case must
// return its own label, or the reader would silently replace one string
// with another in a signed document.
func TestInternedReturnsItself(t *testing.T) {
	f, err := goparser.ParseFile(token.NewFileSet(), "interned.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	ast.Inspect(f, func(n ast.Node) bool {
		cc, ok := n.(*ast.CaseClause)
		if !ok || cc.List == nil {
			return true
		}
		cases++
		if len(cc.List) != 1 || len(cc.Body) != 1 {
			t.Errorf("case %d: want one label and one return", cases)
			return false
		}
		label, err := strconv.Unquote(cc.List[0].(*ast.BasicLit).Value)
		if err != nil {
			t.Fatal(err)
		}
		ret, ok := cc.Body[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 2 {
			t.Errorf("case %q: want return value, true", label)
			return false
		}
		if lit, ok := ret.Results[0].(*ast.BasicLit); !ok || lit.Value != strconv.Quote(label) {
			t.Errorf("case %q returns %#v", label, ret.Results[0])
		}
		if id, ok := ret.Results[1].(*ast.Ident); !ok || id.Name != "true" {
			t.Errorf("case %q: second result is not true", label)
		}
		v, ok := interned([]byte(label))
		if !ok || v != label {
			t.Errorf("interned(%q) = %v, %v", label, v, ok)
		}
		return false
	})
	if cases < 100 {
		t.Errorf("only %d interned values: was interned.go generated?", cases)
	}
	for _, s := range []string{"", "x", "verifiablecredential", "VerifiableCredential ", "https://www.w3.org/ns/credentials/v"} {
		if v, ok := interned([]byte(s)); ok {
			t.Errorf("interned(%q) = %v: not a listed value", s, v)
		}
	}
}

func TestInternedAllocatesNothing(t *testing.T) {
	hit, miss := []byte("VerifiableCredential"), []byte("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002")
	if n := testing.AllocsPerRun(100, func() {
		_, _ = interned(hit)
		_, _ = interned(miss)
		_, _ = interned(string(hit[:8]))
	}); n != 0 {
		t.Errorf("looking a value up allocates %.0f times, want none", n)
	}
}

func TestValue(t *testing.T) {
	for _, s := range []string{"", "assertionMethod", "eddsa-rdfc-2022", "did:key:z6Mk", "DataIntegrityProof"} {
		if v := Value(s); v != any(s) {
			t.Errorf("Value(%q) = %#v", s, v)
		}
	}
	if c, ok := Interned("assertion" + "Method"); !ok || c != "assertionMethod" {
		t.Errorf("Interned(assertionMethod) = %q, %v", c, ok)
	}
	if c, ok := Interned("did:key:z6Mk"); ok {
		t.Errorf("Interned(did:key:z6Mk) = %q, true", c)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Value("DataIntegrityProof") }); n != 0 {
		t.Errorf("Value of a repeated value allocates %.0f times, want none", n)
	}
}
