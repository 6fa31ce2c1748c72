package rdfc

import "testing"

// TestLoneBlankNode: a dataset with one blank node labels it c14n0 without
// hashing it (the shortcut a proof configuration takes on every signature),
// and still drops duplicate quads and sorts the lines.
func TestLoneBlankNode(t *testing.T) {
	tests := []struct {
		in, want, reason string
	}{
		{
			"_:x <http://e/p> \"b\" .\n_:x <http://e/p> \"a\" .\n",
			"_:c14n0 <http://e/p> \"a\" .\n_:c14n0 <http://e/p> \"b\" .\n",
			"relabelled and sorted",
		},
		{
			"_:x <http://e/p> \"a\" .\n<http://e/s> <http://e/q> _:x .\n_:x <http://e/p> \"a\" .\n",
			"<http://e/s> <http://e/q> _:c14n0 .\n_:c14n0 <http://e/p> \"a\" .\n",
			"a duplicate quad is dropped",
		},
		{
			"_:x <http://e/p> _:x _:x .\n",
			"_:c14n0 <http://e/p> _:c14n0 _:c14n0 .\n",
			"the same blank node in every position, graph included",
		},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			got, err := CanonicalizeNQuads([]byte(tt.in), nil)
			if err != nil {
				t.Errorf("%s: %v", tt.reason, err)
				return
			}
			if string(got) != tt.want {
				t.Errorf("%s:\n got %q\nwant %q", tt.reason, got, tt.want)
			}
		})
	}
}
