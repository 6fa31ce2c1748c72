// Command bake puts an Open Badges 3.0 credential inside a PNG and an SVG
// badge image, takes it out again and checks that it still verifies.
//
// Usage:
//
//	go run ./examples/bake [-out DIR] [-png FILE] [-svg FILE] [CREDENTIAL]
//
// Without CREDENTIAL it makes an Ed25519 did:key issuer, builds a credential,
// signs it twice (a Data Integrity proof, baked into the PNG as JSON; a
// VC-JWT, baked into the SVG) and, after extraction, verifies both. With
// CREDENTIAL (a JSON credential or a compact JWS), that file is baked into
// both images as it is. -png and -svg replace the built-in artwork; the
// baked images are written to -out (default: a new temporary directory).
// No network is used.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/microcred/microcred/badge"
	"github.com/microcred/microcred/badge/bake"
	"github.com/microcred/microcred/credential"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bake:", err)
		os.Exit(1)
	}
}

// errUsage marks a command-line mistake.
var errUsage = errors.New("usage: bake [-out DIR] [-png FILE] [-svg FILE] [CREDENTIAL]")

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bake", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	outDir := fs.String("out", "", "directory for the baked images (default: a new temporary directory)")
	pngFile := fs.String("png", "", "PNG artwork to bake into (default: a generated badge)")
	svgFile := fs.String("svg", "", "SVG artwork to bake into (default: a built-in badge)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 {
		return errUsage
	}

	pngArt, svgArt, err := artwork(*pngFile, *svgFile)
	if err != nil {
		return err
	}

	// The payloads: one for the PNG, one for the SVG, and a way to check
	// each after extraction.
	var pngPayload, svgPayload []byte
	check := func(*bake.Baked) string { return "" }
	if fs.NArg() == 1 {
		p, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return err
		}
		pngPayload, svgPayload = p, p
		fmt.Fprintf(stdout, "baking %s (%d bytes) as it is\n", fs.Arg(0), len(p))
	} else {
		var c *signed
		if c, err = issue(ctx, stdout); err != nil {
			return err
		}
		pngPayload, svgPayload = c.dataIntegrity, []byte(c.jwt)
		check = func(b *bake.Baked) string { return verifyPayload(ctx, b) }
	}

	dir := *outDir
	if dir == "" {
		dir, err = os.MkdirTemp("", "microcred-bake-")
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	for _, job := range []struct {
		name         string
		art, payload []byte
	}{
		{"badge.png", pngArt, pngPayload},
		{"badge.svg", svgArt, svgPayload},
	} {
		baked, err := bake.Bake(job.art, job.payload, nil)
		if err != nil {
			return fmt.Errorf("baking %s: %w", job.name, err)
		}
		path := filepath.Join(dir, job.name)
		if err := os.WriteFile(path, baked, 0o644); err != nil {
			return err
		}

		// Read the file back as a recipient would.
		img, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		b, err := bake.Extract(img)
		if err != nil {
			return fmt.Errorf("extracting %s: %w", path, err)
		}
		same := "identical to"
		if !bytes.Equal(b.Payload, bytes.TrimSpace(job.payload)) {
			same = "DIFFERENT from"
		}
		fmt.Fprintf(stdout, "%s: %d bytes; extracted %v credential, %v, %d bytes, %s what was baked\n",
			path, len(img), b.Kind, b.Encoding, len(b.Payload), same)
		if msg := check(b); msg != "" {
			fmt.Fprintf(stdout, "  %s\n", msg)
		}
	}
	return nil
}

// signed is one credential sealed two ways.
type signed struct {
	dataIntegrity []byte // JSON with an eddsa-rdfc-2022 proof
	jwt           string // compact JWS (VC-JWT)
}

// issue builds and signs a credential with a fresh did:key.
func issue(ctx context.Context, stdout io.Writer) (*signed, error) {
	key, err := credential.NewIssuerKey(credential.KeyEd25519)
	if err != nil {
		return nil, err
	}
	salt, err := badge.NewSalt()
	if err != nil {
		return nil, err
	}
	cred, err := badge.NewAchievementCredential(
		badge.Profile{ID: key.DID, Name: "Example Maker Society"},
		badge.AchievementSubject{
			Identifier: []badge.IdentityObject{badge.HashedEmail("ada@example.org", salt)},
			Achievement: &badge.Achievement{
				ID:          "https://example.org/achievements/3d-printing",
				Name:        "3-D Printmaster",
				Description: "Prints parts that fit the first time.",
				Criteria:    &badge.Criteria{Narrative: "Print a gear set that meshes without sanding."},
			},
		},
		&badge.Options{ValidFrom: time.Now().Add(-time.Minute)},
	)
	if err != nil {
		return nil, err
	}
	unsigned, err := cred.MarshalJSON()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "built credential %s, %q, issued by %s\n", cred.ID, cred.Name, key.DID)

	di, err := credential.AddProof(ctx, unsigned, credential.SignOptions{Signer: key.Signer, VerificationMethod: key.VerificationMethod})
	if err != nil {
		return nil, fmt.Errorf("signing with Data Integrity: %w", err)
	}
	jwt, err := credential.SignJWT(ctx, unsigned, key.Signer, credential.JWTOptions{KeyID: key.VerificationMethod})
	if err != nil {
		return nil, fmt.Errorf("signing as a VC-JWT: %w", err)
	}
	fmt.Fprintf(stdout, "signed it with eddsa-rdfc-2022 (%d bytes of JSON) and as a VC-JWT (%d bytes)\n", len(di), len(jwt))
	return &signed{dataIntegrity: di, jwt: jwt}, nil
}

// verifyPayload checks the proof of an extracted credential, offline.
func verifyPayload(ctx context.Context, b *bake.Baked) string {
	switch b.Encoding {
	case bake.EncodingJSON:
		rep, err := credential.VerifyProofs(ctx, b.Payload, credential.VerifyOptions{RequireIssuerController: true})
		if err == nil {
			err = rep.Err()
		}
		if err != nil {
			return "proof does NOT verify: " + err.Error()
		}
		return "its Data Integrity proof verifies"
	case bake.EncodingJWS:
		res, err := credential.VerifyJWT(ctx, string(b.Payload), credential.JWTVerifyOptions{})
		if err == nil {
			err = res.KeyBoundTo(res.Issuer)
		}
		if err != nil {
			return "VC-JWT does NOT verify: " + err.Error()
		}
		return "its VC-JWT signature verifies"
	}
	return ""
}

// artwork returns the images to bake into: the named files, or built-in ones.
func artwork(pngFile, svgFile string) (pngArt, svgArt []byte, err error) {
	if pngFile != "" {
		if pngArt, err = os.ReadFile(pngFile); err != nil {
			return nil, nil, err
		}
	} else if pngArt, err = drawBadge(); err != nil {
		return nil, nil, err
	}
	if svgFile != "" {
		if svgArt, err = os.ReadFile(svgFile); err != nil {
			return nil, nil, err
		}
	} else {
		svgArt = []byte(badgeSVG)
	}
	return pngArt, svgArt, nil
}

// drawBadge renders a 64x64 disc.
func drawBadge() ([]byte, error) {
	const size = 64
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			dx, dy := x-size/2, y-size/2
			if dx*dx+dy*dy <= (size/2-2)*(size/2-2) {
				img.Set(x, y, color.NRGBA{R: 0x33, G: 0xaa, B: 0x77, A: 0xff})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const badgeSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <circle cx="32" cy="32" r="30" fill="#33aa77"/>
  <text x="32" y="38" font-size="14" text-anchor="middle" fill="#fff">3-D</text>
</svg>
`
