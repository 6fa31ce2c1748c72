package rdfc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReferenceDifferential compares Canonicalize with the reference
// implementation (rdf-canonize, as installed by ../shared/interop/setup)
// on thousands of random small datasets built so that blank nodes look
// alike, which is where implementations disagree: the canonical N-Quads
// and the issued identifier maps must be identical. It needs node, so it
// runs only when RDFC_REFERENCE names the setup directory, into which it
// copies testdata/canon-batch.mjs:
//
//	bash ../shared/interop/setup /tmp/ref && RDFC_REFERENCE=/tmp/ref go test -run Reference ./internal/rdfc
func TestReferenceDifferential(t *testing.T) {
	dir := os.Getenv("RDFC_REFERENCE")
	if dir == "" {
		t.Skip("set RDFC_REFERENCE to a directory made by ../shared/interop/setup to compare with rdf-canonize")
	}
	script, err := filepath.Abs(filepath.Join("testdata", "canon-batch.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 99))
	docs := make([]string, 3000)
	for i := range docs {
		docs[i] = randomDataset(rng)
	}
	in, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	// The script imports rdf-canonize, so it must run from the setup directory.
	link := filepath.Join(dir, "rdfc-canon-batch.mjs")
	if err := os.WriteFile(link, readFile(t, script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", link)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var ref []struct {
		NQuads string            `json:"nq"`
		Map    map[string]string `json:"map"`
		Err    string            `json:"err"`
	}
	if err := json.Unmarshal(out, &ref); err != nil || len(ref) != len(docs) {
		t.Fatalf("reference output: %v (%d results)", err, len(ref))
	}
	compared := 0
	for i, doc := range docs {
		if ref[i].Err != "" {
			continue // the reference gave up (its own work limit)
		}
		ds, err := ParseNQuads([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		r, err := Canonicalize(ds, &Options{MaxWork: -1})
		if err != nil {
			t.Fatalf("dataset %d: %v\n%s", i, err, doc)
		}
		if string(r.NQuads) != ref[i].NQuads {
			t.Fatalf("dataset %d:\n%s\nours:\n%s\nreference:\n%s", i, doc, r.NQuads, ref[i].NQuads)
		}
		if diff := cmp.Diff(ref[i].Map, r.Issued()); diff != "" {
			t.Fatalf("dataset %d: issued identifiers differ (-reference +ours):\n%s\n%s", i, diff, doc)
		}
		compared++
	}
	t.Logf("%d of %d datasets compared, all identical", compared, len(docs))
	if compared < len(docs)*9/10 {
		t.Errorf("the reference rejected too many datasets for the comparison to mean much")
	}
}

// randomDataset makes 2 to 10 blank nodes with few predicates and values,
// so that many of them share first-degree hashes, plus literals that need
// every kind of escape.
func randomDataset(rng *rand.Rand) string {
	n := 2 + rng.IntN(9)
	var b strings.Builder
	preds := []string{"<a:p>", "<a:q>"}
	for range 1 + rng.IntN(3*n) {
		var o string
		switch rng.IntN(5) {
		case 0:
			o = `"`
			for range rng.IntN(6) {
				r := []rune{0, 1, 8, 9, 10, 11, 12, 13, 14, 31, 32, '"', '\\', '\'', 'a', 0x7f, 0x80, 0xe9, 0x221e, 0x1F303}[rng.IntN(20)]
				o += fmt.Sprintf(`\U%08X`, r)
			}
			o += `"`
			switch rng.IntN(3) {
			case 0:
				o += "@en-US"
			case 1:
				o += "^^<a:dt>"
			}
		case 1:
			o = "<a:o>"
		default:
			o = fmt.Sprintf("_:n%d", rng.IntN(n))
		}
		g := ""
		switch rng.IntN(8) {
		case 0:
			g = " <a:g>"
		case 1:
			g = fmt.Sprintf(" _:n%d", rng.IntN(n))
		}
		fmt.Fprintf(&b, "_:n%d %s %s%s .\n", rng.IntN(n), preds[rng.IntN(len(preds))], o, g)
	}
	return b.String()
}
