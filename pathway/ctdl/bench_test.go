package ctdl

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkImport imports the largest CTDL example (Empowering Teaching
// Excellence: 104 components, 23 conditions, 126 KB).
func BenchmarkImport(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "vocab__Badgr__Final__-_EmpoweringTeachingExcellence_Nate.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
