package verify

import (
	"bytes"
	"testing"

	"github.com/microcred/microcred/badge/bake"
)

// TestInputDetectionIsBakes: verify detects a baked image with bake.Sniff,
// the rule bake.Extract uses, so the two never disagree about what is an
// image (issue 15 §4: an SVG starting with a UTF-8 byte-order mark was read
// by Extract and refused by verify).
func TestInputDetectionIsBakes(t *testing.T) {
	signed := issue(t, newIssuer(t), nil)
	svg, err := bake.Bake([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`), signed, nil)
	if err != nil {
		t.Fatal(err)
	}
	svg = bytes.TrimPrefix(svg, []byte("\xef\xbb\xbf"))
	v := offlineVerifier(t, Config{})
	for _, tc := range []struct {
		name   string
		in     []byte
		reason string
	}{
		{"plain SVG", svg, "the control"},
		{"SVG with a BOM", append([]byte("\xef\xbb\xbf"), svg...), "a byte-order mark is allowed before XML"},
		{"SVG with a BOM and white space", append([]byte("\xef\xbb\xbf\n  "), svg...), "and white space after it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := bake.Extract(tc.in); err != nil {
				t.Fatalf("bake.Extract refuses it: %v", err)
			}
			r := mustVerify(t, v, tc.in)
			if r.Verdict != Verified || r.Format != FormatSVG {
				t.Errorf("%s: verdict %s, format %s; want verified svg\n%s", tc.reason, r.Verdict, r.Format, r)
			}
		})
	}
}
