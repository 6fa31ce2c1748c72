package ctdl

import (
	"testing"

	"github.com/microcred/microcred/pathway/pathwaytest"
)

// TestExploreCorpus runs the explorer on every imported example. The small
// ones have ways worked out by hand from the golden summaries; the large
// Badgr conversions must stop within the default bounds and list only
// confirmed ways.
func TestExploreCorpus(t *testing.T) {
	exact := map[string]struct{ ways, size int }{
		// 20 required courses and three 1-of-2 choices: 2×2×2 ways of 23.
		"vocab__Archive__Bakersfield_AS_CS_pathway-CSU_transfer-v2.json": {8, 23},
		// Only CompTIA A+ is a slot; the certifications above it are milestones.
		"vocab__CompTIA-IT_Networking_Specialist.jsonld": {1, 1},
		// The elided "https://..." slot satisfies every level alone once its
		// credential carries credits; the declared credits (4) never reach
		// 25, so no synthetic set completes.
		"vocab__Fluree_Pathway.json": {0, 0},
	}
	for _, tt := range corpus {
		if tt.wantErr != nil {
			continue
		}
		t.Run(tt.file, func(t *testing.T) {
			def := importFile(t, tt.file, Options{}).Definition
			opts := pathwaytest.ExploreOptions{}
			if _, ok := exact[tt.file]; !ok && tt.file != "ce-pathways__PathwayConditions.json" {
				opts.MaxWays = 20 // the Badgr conversions have thousands of ways; keep the test quick
			}
			x, err := pathwaytest.Explore(def, opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d ways (truncated %v), %d near misses, %d rejected, %d nodes", len(x.Ways), x.Truncated, len(x.Closest), x.Rejected, x.Nodes)
			if want, ok := exact[tt.file]; ok {
				if len(x.Ways) != want.ways || x.Truncated {
					t.Errorf("ways = %d (truncated %v), want %d", len(x.Ways), x.Truncated, want.ways)
				}
				for _, w := range x.Ways {
					if len(w.Components) != want.size {
						t.Errorf("way of %d components, want %d: %v", len(w.Components), want.size, w.Components)
					}
				}
			}
			if !tt.partial && len(x.Ways) == 0 {
				t.Errorf("no way through a pathway that every slot completes")
			}
		})
	}
}
