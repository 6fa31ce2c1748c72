package acceptance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/verify"
)

// newVerifier is the verifier a host gets from the zero Config: offline, the
// default suites and algorithms (verify doc: "The zero value is safe").
func newVerifier(t *testing.T, cfg verify.Config) *verify.Verifier {
	t.Helper()
	v, err := verify.New(cfg)
	if err != nil {
		t.Fatalf("verify.New: %v", err)
	}
	return v
}

func runVerify(t *testing.T, v *verify.Verifier, input []byte) *verify.Report {
	t.Helper()
	rep, err := v.Verify(context.Background(), input)
	if err != nil {
		t.Fatalf("Verify returned an error (only a done ctx may): %v", err)
	}
	if rep == nil {
		t.Fatal("Verify returned a nil report")
	}
	return rep
}

// describe renders the checks that did not pass, for failure messages.
func describe(rep *verify.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "verdict %s;", rep.Verdict)
	for _, c := range rep.Checks {
		if c.Outcome != verify.Pass && c.Outcome != verify.Skipped {
			d, _ := json.Marshal(c.Detail)
			fmt.Fprintf(&b, " [%s %s: %s %s]", c.ID, c.Outcome, c.Message, d)
		}
	}
	return b.String()
}

func wantVerdict(t *testing.T, rep *verify.Report, want ...verify.Verdict) {
	t.Helper()
	for _, w := range want {
		if rep.Verdict == w {
			return
		}
	}
	t.Errorf("verdict %q, want one of %q: %s", rep.Verdict, want, describe(rep))
}

func wantOutcome(t *testing.T, rep *verify.Report, id verify.CheckID, want verify.Outcome) {
	t.Helper()
	c := rep.Check(id)
	if c == nil {
		t.Errorf("report has no %q check", id)
		return
	}
	if c.Outcome != want {
		t.Errorf("check %q is %s (%s), want %s", id, c.Outcome, c.Message, want)
	}
}

// tamperName changes the credential's top-level name, a value every proof
// covers (Data Integrity §4.4: the whole unsecured document is signed).
func tamperName(t *testing.T, signed []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(signed, &m); err != nil {
		t.Fatal(err)
	}
	m["name"] = "A name the issuer never signed"
	return mustJSON(t, m)
}

// badgePNG is a small valid PNG to bake into.
func badgePNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range 4 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const badgeSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="red"/></svg>`

// bakeBoth bakes payload into a PNG and an SVG (OB 3.0 §5.3 Baking).
func bakeBoth(t *testing.T, payload []byte) map[string][]byte {
	t.Helper()
	p, err := bake.PNG(badgePNG(t), payload, nil)
	if err != nil {
		t.Fatalf("bake.PNG: %v", err)
	}
	s, err := bake.SVG([]byte(badgeSVG), payload, nil)
	if err != nil {
		t.Fatalf("bake.SVG: %v", err)
	}
	return map[string][]byte{verify.FormatPNG: p, verify.FormatSVG: s}
}

func errIs(err, target error) bool { return errors.Is(err, target) }
