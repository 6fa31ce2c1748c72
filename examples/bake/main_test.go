package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/microcred/microcred/badge/bake"
)

func TestRunIssuesBakesAndVerifies(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out") // -out is created when missing
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-out", dir}, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{
		"built credential urn:uuid:",
		"badge.png: ",
		"Open Badges 3.0 credential, JSON",
		"its Data Integrity proof verifies",
		"badge.svg: ",
		"Open Badges 3.0 credential, compact JWS",
		"its VC-JWT signature verifies",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "NOT") || strings.Contains(got, "DIFFERENT") {
		t.Errorf("output reports a failure:\n%s", got)
	}

	// The written files hold the credentials, independently of run's report.
	pngImg, err := os.ReadFile(filepath.Join(dir, "badge.png"))
	if err != nil {
		t.Fatal(err)
	}
	svgImg, err := os.ReadFile(filepath.Join(dir, "badge.svg"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := bake.Extract(pngImg)
	if err != nil || b.Encoding != bake.EncodingJSON {
		t.Fatalf("badge.png: %+v, %v", b, err)
	}
	if msg := verifyPayload(ctx, b); msg != "its Data Integrity proof verifies" {
		t.Errorf("badge.png: %s", msg)
	}
	// Tampering: a changed byte in the baked PNG breaks its chunk CRC ...
	i := bytes.Index(pngImg, []byte("3-D Printmaster"))
	tampered := bytes.Clone(pngImg)
	tampered[i] = '4'
	if _, err := bake.Extract(tampered); !errors.Is(err, bake.ErrMalformed) {
		t.Errorf("tampered PNG: %v, want ErrMalformed", err)
	}
	// ... and a credential changed and re-baked no longer verifies.
	forged := bytes.Replace(b.Payload, []byte("3-D Printmaster"), []byte("4-D Printmaster"), 1)
	if msg := verifyPayload(ctx, &bake.Baked{Encoding: bake.EncodingJSON, Payload: forged}); !strings.Contains(msg, "NOT") {
		t.Errorf("forged Data Integrity credential: %s", msg)
	}

	s, err := bake.Extract(svgImg)
	if err != nil || s.Encoding != bake.EncodingJWS {
		t.Fatalf("badge.svg: %+v, %v", s, err)
	}
	if msg := verifyPayload(ctx, s); msg != "its VC-JWT signature verifies" {
		t.Errorf("badge.svg: %s", msg)
	}
	parts := strings.Split(string(s.Payload), ".")
	sig := []byte(parts[2])
	// Another base64url character in the middle of the signature: the
	// token stays well-formed, only the signature is wrong.
	if sig[5] == 'A' {
		sig[5] = 'B'
	} else {
		sig[5] = 'A'
	}
	forgedJWT := parts[0] + "." + parts[1] + "." + string(sig)
	if msg := verifyPayload(ctx, &bake.Baked{Encoding: bake.EncodingJWS, Payload: []byte(forgedJWT)}); !strings.Contains(msg, "NOT") {
		t.Errorf("forged VC-JWT: %s", msg)
	}
}

func TestRunBakesAFile(t *testing.T) {
	dir := t.TempDir()
	jwt, err := os.ReadFile(filepath.Join("testdata", "simple.jwt"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-out", dir, filepath.Join("testdata", "simple.jwt")}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if n := strings.Count(out.String(), "identical to what was baked"); n != 2 {
		t.Errorf("want two identical extractions, got %d:\n%s", n, out.String())
	}
	for _, name := range []string{"badge.png", "badge.svg"} {
		img, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := bake.Extract(img)
		if err != nil || !bytes.Equal(b.Payload, bytes.TrimSpace(jwt)) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestRunRebakesBakedArtwork(t *testing.T) {
	dir := t.TempDir()
	art := filepath.Join("testdata", "simple-json.svg")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-out", dir, "-svg", art}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	img, err := os.ReadFile(filepath.Join(dir, "badge.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(img), ":credential"); n != 2 { // one start tag, one end tag
		t.Errorf("baked SVG has %d credential tags, want exactly one element:\n%s", n, img)
	}
	if bytes.Contains(img, []byte("http://example.com/credentials/3527")) {
		t.Error("the artwork's old credential is still in the image")
	}
	if !strings.Contains(out.String(), "its VC-JWT signature verifies") {
		t.Errorf("output:\n%s", out.String())
	}
	// The artwork itself survives byte for byte.
	orig, _ := os.ReadFile(art)
	tail := orig[bytes.Index(orig, []byte("<g>")):]
	if !bytes.HasSuffix(img, tail) {
		t.Error("the artwork after the credential was changed")
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	notCred := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(notCred, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want error
	}{
		{"two credentials", []string{"a", "b"}, errUsage},
		{"unknown flag", []string{"-x"}, errUsage},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, os.ErrNotExist},
		{"not a credential", []string{"-out", dir, notCred}, bake.ErrPayload},
		{"artwork is not a PNG", []string{"-out", dir, "-png", notCred, filepath.Join("testdata", "simple.jwt")}, bake.ErrNotImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := run(context.Background(), tt.args, &bytes.Buffer{}); !errors.Is(err, tt.want) {
				t.Errorf("run(%q) = %v, want %v", tt.args, err, tt.want)
			}
		})
	}
}
