package ctdl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A component's ceterms:description reaches pathway.Component.Description
// (it was dropped while pathway had nowhere to put it).
func TestImportKeepsComponentDescriptions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "vocab__Badgr__Final__-_EmpoweringTeachingExcellence_Nate.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Import(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, c := range r.Definition.Components {
		if strings.HasPrefix(c.Name, "Graduate Training Series Events") {
			found++
			if !strings.HasPrefix(c.Description, "The Graduate Training Series (GrTS) is an opportunity") {
				t.Errorf("%s (%s): description %q", c.ID, c.Name, c.Description)
			}
		}
	}
	if found == 0 {
		var names []string
		for _, c := range r.Definition.Components {
			names = append(names, c.Name)
		}
		t.Fatalf("no Graduate Training Series component among %q", names)
	}
}
