package rdfc

import (
	"crypto"
	"path/filepath"
	"testing"
)

// TestDefaultMaxWorkMargin keeps DefaultMaxWork honest: every positive
// test of the W3C suite must fit in a quarter of it, so that legitimate data
// has a wide margin, while the poison graph must not fit at all.
func TestDefaultMaxWorkMargin(t *testing.T) {
	dir := filepath.Join("testdata", "rdf-canon")
	most, mostID := 0, ""
	for _, e := range readManifest(t, filepath.Join(dir, "manifest.jsonld")) {
		ds, err := ParseNQuads(readFile(t, filepath.Join(dir, e.Action)))
		if err != nil {
			t.Fatal(err)
		}
		c := &canonicalizer{quads: ds, hash: crypto.SHA256, size: 32, maxWork: DefaultMaxWork}
		if err := c.load(DefaultMaxBlankNodes, true, false); err != nil {
			t.Fatal(err)
		}
		err = c.run()
		if e.Type == "rdfc:RDFC10NegativeEvalTest" {
			if err == nil {
				t.Errorf("%s: finished within DefaultMaxWork, using %d units", e.ID, c.work)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		if c.work > most {
			most, mostID = c.work, e.ID
		}
	}
	t.Logf("most work in a positive test: %d units (%s); DefaultMaxWork is %d", most, mostID, DefaultMaxWork)
	if most > DefaultMaxWork/4 {
		t.Errorf("%s needs %d units, more than a quarter of DefaultMaxWork (%d)", mostID, most, DefaultMaxWork)
	}
}
